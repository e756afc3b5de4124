/*
 * xalloc.h - allocation that never returns NULL.
 * Running out of memory prints a message and exits (status 70): callers do not
 * check. Caps on what a file or a request controls are enforced by the callers
 * before they allocate, so an attacker cannot reach this path cheaply.
 * Thread-safe.
 */
#ifndef VIGIL_XALLOC_H
#define VIGIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows *p (of *cap elements of size elem) to hold at least need elements. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem);

#endif
