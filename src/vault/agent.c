#include "vault/agent.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "util/util.h"
#include "vault/vault.h"

static char *socket_dir(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *run = getenv("XDG_RUNTIME_DIR");
	if (run && *run)
		strbuf_addf(&sb, "%s/vigil", run);
	else
		strbuf_addf(&sb, "/tmp/vigil-%lu", (unsigned long)getuid());
	return strbuf_detach(&sb, NULL);
}

char *agent_socket_path(const char *vault_path)
{
	char real[PATH_MAX];
	const char *id = realpath(vault_path, real) ? real : vault_path;
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)id, strlen(id), NULL, 0);
	char *dir = socket_dir();
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/agent-", dir);
	strbuf_add_hex(&sb, h, sizeof(h));
	strbuf_adds(&sb, ".sock");
	free(dir);
	return strbuf_detach(&sb, NULL);
}

/* The folder must be ours and closed to others, or the socket could be spoofed. */
static int socket_dir_check(bool create)
{
	char *dir = socket_dir();
	int rc = 0;
	if (create && mkdir(dir, 0700) < 0 && errno != EEXIST)
		rc = error_set(VG_EAGENT, "cannot create %s: %s", dir, strerror(errno));
	struct stat st;
	if (!rc && lstat(dir, &st) < 0)
		rc = error_set(VG_EAGENT, "no agent folder %s", dir);
	if (!rc && (!S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077)))
		rc = error_set(VG_EAGENT,
		               "%s is not a private folder of this user; remove it and try again",
		               dir);
	free(dir);
	return rc;
}

static int connect_agent(const char *vault_path)
{
	if (socket_dir_check(false))
		return -1;
	char *path = agent_socket_path(vault_path);
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	int fd = -1;
	if (strlen(path) < sizeof(addr.sun_path)) {
		memcpy(addr.sun_path, path, strlen(path) + 1);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
			close(fd);
			fd = -1;
		}
	}
	free(path);
	return fd;
}

static ssize_t read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

int agent_get(const char *vault_path, unsigned char *key_out)
{
	int fd = connect_agent(vault_path);
	if (fd < 0)
		return -VG_EAGENT;
	int rc = -VG_EAGENT;
	if (write(fd, "GET\n", 4) == 4 &&
	    read_full(fd, key_out, VAULT_KEY_BYTES) == VAULT_KEY_BYTES)
		rc = 0;
	close(fd);
	return rc;
}

int agent_stop(const char *vault_path)
{
	int fd = connect_agent(vault_path);
	if (fd < 0)
		return error_set(VG_ENOTFOUND, "the vault was not unlocked");
	char ok[3];
	int rc = 0;
	if (write(fd, "LOCK\n", 5) != 5 || read_full(fd, ok, 3) != 3)
		rc = error_set(VG_EAGENT, "the agent did not answer; it may already have exited");
	close(fd);
	return rc;
}

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static bool peer_is_us(int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 && cred.uid == getuid();
}

/* The agent's main loop: serve until told to lock, signalled, or timed out. */
static void agent_serve(int listener, const char *sock_path, unsigned char *key, time_t deadline)
{
	while (!stop_requested) {
		time_t now = time(NULL);
		if (now >= deadline)
			break;
		long wait_ms = (long)(deadline - now) * 1000;
		if (wait_ms > 60000)
			wait_ms = 60000;
		struct pollfd p = {.fd = listener, .events = POLLIN};
		int n = poll(&p, 1, (int)wait_ms);
		if (n <= 0)
			continue;
		int c = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			continue;
		struct timeval tv = {.tv_sec = 2};
		setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		char cmd[8] = {0};
		ssize_t r = read(c, cmd, sizeof(cmd) - 1);
		if (r > 0 && peer_is_us(c)) {
			if (!strncmp(cmd, "GET\n", 4)) {
				if (write(c, key, VAULT_KEY_BYTES) != VAULT_KEY_BYTES) {
					/* the client sees a short read and asks for the passphrase
					 */
				}
			} else if (!strncmp(cmd, "LOCK\n", 5)) {
				if (write(c, "ok\n", 3) != 3) {
					/* locking goes ahead regardless */
				}
				stop_requested = 1;
			}
		}
		close(c);
	}
	sodium_memzero(key, VAULT_KEY_BYTES);
	unlink(sock_path);
}

int agent_start(const char *vault_path, const unsigned char *key, unsigned seconds)
{
	int rc = socket_dir_check(true);
	if (rc)
		return rc;
	char *path = agent_socket_path(vault_path);
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof(addr.sun_path)) {
		rc = error_set(VG_EAGENT,
		               "socket path too long: %s; set XDG_RUNTIME_DIR to a short folder",
		               path);
		free(path);
		return rc;
	}
	memcpy(addr.sun_path, path, strlen(path) + 1);
	/* A running agent for this vault is replaced: lock it first. */
	int old = connect_agent(vault_path);
	if (old >= 0) {
		close(old);
		agent_stop(vault_path);
	}
	unlink(path);
	int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	mode_t mask = umask(077);
	if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, 8) < 0) {
		umask(mask);
		rc = error_set(VG_EAGENT, "cannot listen on %s: %s", path, strerror(errno));
		if (listener >= 0)
			close(listener);
		free(path);
		return rc;
	}
	umask(mask);
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(listener);
		free(path);
		return error_set(VG_EAGENT, "cannot start the agent: %s", strerror(errno));
	}
	if (pid > 0) {
		close(listener);
		free(path);
		return 0;
	}
	/* The agent: detach, refuse core dumps and ptrace, lock the key in memory. */
	setsid();
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	int devnull = open("/dev/null", O_RDWR);
	if (devnull >= 0) {
		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);
		if (devnull > 2)
			close(devnull);
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	unsigned char *held = sodium_malloc(VAULT_KEY_BYTES);
	if (held) {
		memcpy(held, key, VAULT_KEY_BYTES);
		/* This process's copy of the caller's key (copy-on-write) goes too. */
		sodium_memzero((unsigned char *)(uintptr_t)key, VAULT_KEY_BYTES);
		agent_serve(listener, path, held, time(NULL) + (time_t)seconds);
		sodium_free(held);
	}
	close(listener);
	free(path);
	_exit(0);
}
