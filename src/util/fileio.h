/*
 * fileio.h - whole-file reads with a size cap, and atomic writes.
 * An atomic write goes to a temporary file beside the target, is fsynced, and
 * renamed over it, so a crash or a full disk leaves the old file whole.
 * Errors are set with error_set(); a full disk is VG_ENOSPACE.
 */
#ifndef VIGIL_FILEIO_H
#define VIGIL_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* Reads the file into sb (appending); fails with VG_EINVALID if it is larger than cap. */
int file_read(const char *path, size_t cap, struct strbuf *sb);
/* Reads a file descriptor to its end (a pipe, stdin); same cap rule. */
int file_read_fd(int fd, const char *what, size_t cap, struct strbuf *sb);
int file_write_atomic(const char *path, const void *data, size_t len, int mode);
/* write() that retries on EINTR and short writes; sets the error on failure. */
int file_write_all(int fd, const void *data, size_t len, const char *what);
bool file_exists(const char *path);
bool dir_is_empty_or_missing(const char *path);
int dir_create(const char *path, int mode);
/* Creates path and its parents (mode for new ones), as mkdir -p. */
int dir_create_parents(const char *path, int mode);
/* fsyncs a directory so that a rename in it is durable. */
int dir_sync(const char *path);
/* The next line of a data file read into a buffer (cut there: its newline
 * becomes NUL), skipping blank lines and '#' comments; *cursor moves past it
 * and *lineno counts every line passed. NULL at the end. */
char *file_next_line(char **cursor, int *lineno);

#endif
