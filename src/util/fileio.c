#include "util/fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

static int io_error(const char *what, const char *path)
{
	if (errno == ENOSPC || errno == EDQUOT)
		return error_set(VG_ENOSPACE,
		                 "disk full while %s %s; free some space and try again", what,
		                 path);
	return error_set(VG_EIO, "cannot %s %s: %s", what, path, strerror(errno));
}

int file_read_fd(int fd, const char *what, size_t cap, struct strbuf *sb)
{
	size_t start = sb->len;
	for (;;) {
		strbuf_grow(sb, 65536);
		ssize_t n = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return io_error("read", what);
		}
		if (n == 0)
			break;
		sb->len += (size_t)n;
		sb->buf[sb->len] = '\0';
		if (sb->len - start > cap)
			return error_set(VG_EINVALID, "%s is larger than the limit of %zu bytes",
			                 what, cap);
	}
	return 0;
}

int file_read(const char *path, size_t cap, struct strbuf *sb)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return error_set(VG_ENOTFOUND, "no such file: %s", path);
		return io_error("open", path);
	}
	int rc = file_read_fd(fd, path, cap, sb);
	close(fd);
	return rc;
}

int file_write_all(int fd, const void *data, size_t len, const char *what)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return io_error("write", what);
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int file_write_atomic(const char *path, const void *data, size_t len, int mode)
{
	struct strbuf tmp = STRBUF_INIT;
	strbuf_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	int rc = 0;
	int fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		rc = io_error("create", tmp.buf);
		goto out;
	}
	rc = file_write_all(fd, data, len, path);
	if (!rc && fsync(fd) < 0)
		rc = io_error("sync", path);
	if (close(fd) < 0 && !rc)
		rc = io_error("close", path);
	if (!rc && rename(tmp.buf, path) < 0)
		rc = io_error("rename", path);
	if (rc)
		unlink(tmp.buf);
	else {
		/* Make the rename itself durable. */
		struct strbuf dir = STRBUF_INIT;
		strbuf_adds(&dir, path);
		char *slash = strrchr(dir.buf, '/');
		if (slash)
			strbuf_setlen(&dir, (size_t)(slash - dir.buf));
		else
			strbuf_adds(&dir, ".");
		dir_sync(dir.len ? dir.buf : "/");
		strbuf_release(&dir);
	}
out:
	strbuf_release(&tmp);
	return rc;
}

bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

bool dir_is_empty_or_missing(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return errno == ENOENT;
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = false;
			break;
		}
	}
	closedir(d);
	return empty;
}

int dir_create(const char *path, int mode)
{
	if (mkdir(path, (mode_t)mode) < 0 && errno != EEXIST)
		return io_error("create folder", path);
	return 0;
}

int dir_create_parents(const char *path, int mode)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, path);
	int rc = 0;
	for (char *p = sb.buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		rc = dir_create(sb.buf, mode);
		*p = '/';
		if (rc)
			goto out;
	}
	rc = dir_create(sb.buf, mode);
out:
	strbuf_release(&sb);
	return rc;
}

int dir_sync(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return io_error("open folder", path);
	fsync(fd);
	close(fd);
	return 0;
}

char *file_next_line(char **cursor, int *lineno)
{
	while (*cursor && **cursor) {
		char *line = *cursor, *next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		*cursor = next;
		(*lineno)++;
		if (*line && *line != '#')
			return line;
	}
	return NULL;
}
