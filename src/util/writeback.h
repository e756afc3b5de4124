/*
 * writeback.h - during a long write transaction, asks the kernel now and then
 * to put the pages written so far to a file on disk (fdatasync on a thread of
 * its own), so that the commit's own fsync at the end has little left to wait
 * for: the disk works while the processor does. Durability still comes from
 * the commit; this only moves the waiting earlier. Errors are left for the
 * commit to meet. One writeback belongs to the thread that started it.
 */
#ifndef VIGIL_WRITEBACK_H
#define VIGIL_WRITEBACK_H

#include <stddef.h>

struct writeback;

/* Files that cannot be opened are left out; never fails. */
struct writeback *writeback_start(const char *const *paths, size_t n);
/* Stops the thread (waiting for a sync under way) and frees w; NULL is fine. */
void writeback_stop(struct writeback *w);

#endif
