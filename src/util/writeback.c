/* writeback.c - see writeback.h. */
#include "util/writeback.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"

/* Often enough that little is left at the end, rarely enough to cost nothing. */
#define WRITEBACK_MS 500

struct writeback {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
	size_t n;
	int fd[];
};

static void *writeback_run(void *arg)
{
	struct writeback *w = arg;
	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += (long)WRITEBACK_MS * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu, &until) == 0)
			;
		if (w->stop)
			break;
		pthread_mutex_unlock(&w->mu);
		for (size_t i = 0; i < w->n; i++)
			fdatasync(w->fd[i]);
		pthread_mutex_lock(&w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

struct writeback *writeback_start(const char *const *paths, size_t n)
{
	struct writeback *w = xcalloc(1, sizeof(*w) + n * sizeof(int));
	for (size_t i = 0; i < n; i++) {
		int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			w->fd[w->n++] = fd;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (!w->n || pthread_create(&w->thread, NULL, writeback_run, w) != 0) {
		w->stop = true; /* nothing to do, or no thread: do without */
		writeback_stop(w);
		return NULL;
	}
	return w;
}

void writeback_stop(struct writeback *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	bool running = !w->stop;
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	if (running)
		pthread_join(w->thread, NULL);
	for (size_t i = 0; i < w->n; i++)
		close(w->fd[i]);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
