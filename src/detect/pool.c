/* pool.c - see pool.h. */
#include "detect/pool.h"

#include <pthread.h>
#include <unistd.h>

#include "util/util.h"

/* Below this many texts per thread, starting threads costs more than it saves. */
#define MIN_PER_THREAD 64

size_t detector_pool_default_threads(void)
{
	const char *env = getenv("VIGIL_THREADS");
	long n = env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > 8 ? 8 : (size_t)n;
}

int detector_pool_open(struct detector_pool *p, struct detector *d, size_t nthreads)
{
	if (!nthreads)
		nthreads = detector_pool_default_threads();
	if (nthreads > 8)
		nthreads = 8;
	p->base = d;
	p->others = xcalloc(nthreads, sizeof(*p->others));
	p->n = 1;
	for (size_t i = 1; i < nthreads; i++) {
		/* the lexicon and model are shared read-only; the scratch and
		 * the feature buffer are the thread's own */
		struct detector *w = &p->others[i - 1];
		w->lex = d->lex;
		w->model = d->model;
		if (hs_clone_scratch(d->scratch, &w->scratch) != HS_SUCCESS) {
			detector_pool_close(p);
			return error_set(VG_EINTERNAL,
			                 "could not allocate a scratch space for thread %zu",
			                 i + 1);
		}
		p->n++;
	}
	return 0;
}

void detector_pool_close(struct detector_pool *p)
{
	for (size_t i = 1; i < p->n; i++) {
		hs_free_scratch(p->others[i - 1].scratch);
		features_release(&p->others[i - 1].feats);
		free(p->others[i - 1].masked); /* detector_features' own scratch */
	}
	free(p->others);
	memset(p, 0, sizeof(*p));
}

struct slice {
	struct detector *d;
	const char *const *texts;
	const size_t *lens;
	size_t from, to;
	struct detect_result *out;
};

static void *score_slice(void *arg)
{
	struct slice *s = arg;
	for (size_t i = s->from; i < s->to; i++)
		detector_score(s->d, s->texts[i], s->lens[i], &s->out[i]);
	return NULL;
}

void detector_pool_score(struct detector_pool *p, const char *const *texts, const size_t *lens,
                         size_t n, struct detect_result *out)
{
	size_t t = p->n;
	if (t > n / MIN_PER_THREAD)
		t = n / MIN_PER_THREAD;
	if (t < 2) {
		struct slice s = {p->base, texts, lens, 0, n, out};
		score_slice(&s);
		return;
	}
	struct slice sl[8];
	pthread_t th[8];
	bool started[8] = {false};
	for (size_t i = 0; i < t; i++) {
		sl[i] = (struct slice){
		    i ? &p->others[i - 1] : p->base, texts, lens, n * i / t, n * (i + 1) / t, out};
		/* the calling thread takes slice 0 itself */
		if (i > 0)
			started[i] = pthread_create(&th[i], NULL, score_slice, &sl[i]) == 0;
	}
	score_slice(&sl[0]);
	for (size_t i = 1; i < t; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		else
			score_slice(&sl[i]); /* no thread to be had: do it here */
	}
}
