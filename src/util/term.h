/*
 * term.h - the terminal: passphrase prompts without echo, and progress bars
 * that appear only when stderr is a terminal (never on a pipe or in a log).
 * Not thread-safe.
 */
#ifndef VIGIL_TERM_H
#define VIGIL_TERM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util/strbuf.h"

bool term_is_tty(int fd);
/* Prints s left-aligned in width columns, counting UTF-8 characters, not bytes. */
void term_print_padded(FILE *out, const char *s, int width);
/* Prompts on /dev/tty and reads a line without echo into sb (which the caller
 * wipes). Fails with VG_EUSAGE when there is no terminal. */
int term_read_secret(const char *prompt, struct strbuf *sb);

struct progress {
	bool active;
	const char *label;
	uint64_t total; /* 0 when unknown */
	uint64_t done;
	uint64_t items;
	const char *item_name;
	double started;
	double last_draw;
	bool counting; /* done and total count items, not bytes */
};

/* Starts a bar on stderr if stderr is a terminal and VIGIL_NO_PROGRESS is unset. */
void progress_start(struct progress *p, const char *label, uint64_t total, const char *item_name);
/* The same for work counted in items (done/total are item counts). */
void progress_start_count(struct progress *p, const char *label, uint64_t total,
                          const char *item_name);
void progress_update(struct progress *p, uint64_t done, uint64_t items);
void progress_finish(struct progress *p);

/* A bar for work that is often nothing: it starts only at the first report.
 * progress_lazy_update has the shape of a (arg, done, total) callback. */
struct progress_lazy {
	struct progress bar;
	const char *label, *item_name;
	bool started;
};
void progress_lazy_update(void *lazy, int64_t done, int64_t total);
void progress_lazy_finish(struct progress_lazy *p);
double now_seconds(void);

#endif
