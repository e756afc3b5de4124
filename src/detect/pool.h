/*
 * pool.h - scores a batch of messages on several threads. Each thread has
 * its own detector view (a Vectorscan scratch and a feature buffer) over the
 * one lexicon database and model, which are read-only; results come back in
 * the order of the texts, so output does not depend on the thread count.
 *
 * Ownership: the pool borrows the detector it was opened on, which must
 * outlive it. One pool is used from one thread at a time.
 */
#ifndef VIGIL_POOL_H
#define VIGIL_POOL_H

#include <stddef.h>

#include "detect/detect.h"

struct detector_pool {
	struct detector *base;   /* the caller's detector: the first thread's */
	struct detector *others; /* views for threads 2..n */
	size_t n;
};

/* Threads to use: VIGIL_THREADS when set, else the processors online (at most 8). */
size_t detector_pool_default_threads(void);
/* Opens nthreads views over d (nthreads 0 = the default). */
int detector_pool_open(struct detector_pool *p, struct detector *d, size_t nthreads);
void detector_pool_close(struct detector_pool *p);
/* Scores texts[0..n) into out[0..n); a batch too small to share runs on the
 * calling thread alone. */
void detector_pool_score(struct detector_pool *p, const char *const *texts, const size_t *lens,
                         size_t n, struct detect_result *out);

#endif
