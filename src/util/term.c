#include "util/term.h"

#include <errno.h>
#include <fcntl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"

bool term_is_tty(int fd)
{
	return isatty(fd) == 1;
}

void term_print_padded(FILE *out, const char *s, int width)
{
	int cols = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			cols++;
	fputs(s, out);
	for (; cols < width; cols++)
		fputc(' ', out);
}

int term_read_secret(const char *prompt, struct strbuf *sb)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return error_set(VG_EUSAGE, "no terminal to ask for the passphrase; use "
		                            "--passphrase-file FILE or VIGIL_PASSPHRASE");
	struct termios old, quiet;
	bool restore = tcgetattr(fd, &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* The prompt is a courtesy; reading still works. */
	}
	int rc = 0;
	for (;;) {
		char c;
		ssize_t n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || c == '\n')
			break;
		if (sb->len >= 4096) {
			rc = error_set(VG_EINVALID, "passphrase longer than 4096 bytes");
			break;
		}
		strbuf_addch(sb, c);
	}
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* Only the cursor position is lost. */
	}
	close(fd);
	return rc;
}

double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(struct progress *p, const char *label, uint64_t total, const char *item_name)
{
	memset(p, 0, sizeof(*p));
	p->active = term_is_tty(2) && !getenv("VIGIL_NO_PROGRESS");
	p->label = label;
	p->total = total;
	p->item_name = item_name;
	p->started = now_seconds();
}

static void human_bytes(char *out, size_t n, double v)
{
	const char *units[] = {"B", "kB", "MB", "GB", "TB"};
	int u = 0;
	while (v >= 1000 && u < 4) {
		v /= 1000;
		u++;
	}
	snprintf(out, n, u ? "%.1f %s" : "%.0f %s", v, units[u]);
}

void progress_start_count(struct progress *p, const char *label, uint64_t total,
                          const char *item_name)
{
	progress_start(p, label, total, item_name);
	p->counting = true;
}

static void draw(struct progress *p, double now)
{
	double elapsed = now - p->started;
	double rate = elapsed > 0 ? (double)p->done / elapsed : 0;
	char done[32], total[32], speed[32], eta[32] = "";
	if (p->counting) {
		snprintf(done, sizeof(done), "%llu", (unsigned long long)p->done);
		snprintf(total, sizeof(total), "%llu", (unsigned long long)p->total);
		snprintf(speed, sizeof(speed), "%.0f %s", rate, p->item_name);
	} else {
		human_bytes(done, sizeof(done), (double)p->done);
		human_bytes(total, sizeof(total), (double)p->total);
		human_bytes(speed, sizeof(speed), rate);
	}
	int width = 24, filled = 0;
	if (p->total) {
		double frac = (double)p->done / (double)p->total;
		if (frac > 1)
			frac = 1;
		filled = (int)(frac * width);
		if (rate > 0 && p->done < p->total)
			snprintf(eta, sizeof(eta), " %.0fs left",
			         (double)(p->total - p->done) / rate);
	}
	char bar[64];
	for (int i = 0; i < width; i++)
		bar[i] = i < filled ? '#' : (p->total ? '.' : ' ');
	bar[width] = '\0';
	char items[64] = "";
	if (p->item_name && !p->counting)
		snprintf(items, sizeof(items), " %llu %s", (unsigned long long)p->items,
		         p->item_name);
	fprintf(stderr, "\r%s [%s] %s/%s%s %s/s%s\033[K", p->label, bar, done, total, items, speed,
	        eta);
	p->last_draw = now;
}

void progress_update(struct progress *p, uint64_t done, uint64_t items)
{
	p->done = done;
	p->items = items;
	if (!p->active)
		return;
	double now = now_seconds();
	if (now - p->last_draw >= 0.1)
		draw(p, now);
}

void progress_finish(struct progress *p)
{
	if (!p->active)
		return;
	draw(p, now_seconds());
	fputc('\n', stderr);
	p->active = false;
}

void progress_lazy_update(void *lazy, int64_t done, int64_t total)
{
	struct progress_lazy *p = lazy;
	if (!p->started) {
		progress_start_count(&p->bar, p->label, total > 0 ? (uint64_t)total : 0,
		                     p->item_name);
		p->started = true;
	}
	progress_update(&p->bar, (uint64_t)done, (uint64_t)done);
}

void progress_lazy_finish(struct progress_lazy *p)
{
	if (p->started)
		progress_finish(&p->bar);
	p->started = false;
}
