/* tgpipe.c - see tgpipe.h. */
#include "ingest/tgpipe.h"

#include <pthread.h>
#include <stdatomic.h>

#include "util/util.h"

/* --- an arena that never moves what it handed out ---------------------- */

struct block {
	struct block *next;
	size_t used, cap;
	char data[];
};

struct arena {
	struct block *head;
	size_t total;
};

enum { BLOCK_SIZE = 1 << 20 };

static void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (!a->head || a->head->cap - a->head->used < n) {
		size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		struct block *b = xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	void *p = a->head->data + a->head->used;
	a->head->used += n;
	a->total += n;
	return p;
}

static const char *arena_strn(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

static const char *arena_str(struct arena *a, const char *s)
{
	return s ? arena_strn(a, s, strlen(s)) : NULL;
}

/* Keeps one block for the next batch, frees the rest. */
static void arena_reset(struct arena *a)
{
	struct block *keep = a->head;
	if (!keep)
		return;
	for (struct block *b = keep->next, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	keep->next = NULL;
	keep->used = 0;
	a->total = 0;
	if (keep->cap > BLOCK_SIZE) { /* one huge message: do not keep it */
		free(keep);
		a->head = NULL;
	}
}

static void arena_release(struct arena *a)
{
	arena_reset(a);
	free(a->head);
	a->head = NULL;
}

/* --- batches of parsed chats and messages -------------------------------- */

struct event {
	bool is_chat;
	struct tg_chat chat;
	struct tg_message msg;
};

struct batch {
	struct event *ev;
	size_t n, cap;
	struct arena arena;
};

/* A few batches wait at most; each holds up to this many events or bytes. */
enum { NBATCH = 4, BATCH_EVENTS = 1024, BATCH_BYTES = 4 << 20 };

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t space; /* the parser waits for a free batch */
	pthread_cond_t ready; /* the caller waits for a filled one */
	struct batch b[NBATCH];
	/* b[head] .. b[head + count - 1] are filled (the first possibly being
	 * replayed); the parser fills b[head + count] */
	size_t head, count;
	bool done;
	atomic_bool stop; /* the caller failed: the parser gives up */
	/* the parser's outcome */
	int rc;
	enum vg_error code;
	char *message;
	/* its inputs */
	struct jsonstream *js;
	const char *only_chat;
	struct tg_stats *stats;
};

static struct batch *filling(struct pipe *p)
{
	return &p->b[(p->head + p->count) % NBATCH];
}

static struct event *new_event(struct batch *b)
{
	if (b->n == b->cap)
		xgrow((void **)&b->ev, &b->cap, b->n + 1, sizeof(*b->ev));
	struct event *e = &b->ev[b->n++];
	memset(e, 0, sizeof(*e));
	return e;
}

/* Hands the batch being filled to the caller once it is full, then waits
 * until there is a batch to fill (the last one goes in parser_main). */
static void publish(struct pipe *p)
{
	struct batch *b = filling(p);
	if (b->n < BATCH_EVENTS && b->arena.total < BATCH_BYTES)
		return;
	pthread_mutex_lock(&p->mu);
	p->count++;
	pthread_cond_signal(&p->ready);
	while (p->count >= NBATCH && !atomic_load(&p->stop))
		pthread_cond_wait(&p->space, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

static int stopped(void)
{
	return error_set(VG_EINTERNAL, "the import stopped");
}

static int copy_chat(void *arg, const struct tg_chat *c)
{
	struct pipe *p = arg;
	if (atomic_load_explicit(&p->stop, memory_order_relaxed))
		return stopped();
	struct batch *b = filling(p);
	struct event *e = new_event(b);
	e->is_chat = true;
	e->chat = *c;
	e->chat.name = arena_str(&b->arena, c->name);
	e->chat.type = arena_str(&b->arena, c->type);
	publish(p);
	return 0;
}

static int copy_message(void *arg, const struct tg_message *m)
{
	struct pipe *p = arg;
	if (atomic_load_explicit(&p->stop, memory_order_relaxed))
		return stopped();
	struct batch *b = filling(p);
	struct arena *a = &b->arena;
	struct event *e = new_event(b);
	struct tg_message *c = &e->msg;
	*c = *m;
	c->chat = NULL; /* the chat came as its own event before */
	c->type = arena_str(a, m->type);
	for (int i = 0; i < TGF_COUNT; i++)
		c->f[i] = arena_str(a, m->f[i]);
	c->text = m->text ? arena_strn(a, m->text, m->text_len) : NULL;
	if (m->nentities) {
		struct tg_entity *ents = arena_alloc(a, m->nentities * sizeof(*ents));
		for (size_t i = 0; i < m->nentities; i++) {
			ents[i] = m->entities[i];
			ents[i].type = arena_str(a, m->entities[i].type);
			ents[i].href = arena_str(a, m->entities[i].href);
			ents[i].user_id = arena_str(a, m->entities[i].user_id);
			ents[i].text = arena_str(a, m->entities[i].text);
		}
		c->entities = ents;
	} else {
		c->entities = NULL;
	}
	publish(p);
	return 0;
}

static void *parser_main(void *arg)
{
	struct pipe *p = arg;
	struct tg_callbacks cb = {copy_chat, copy_message, p};
	int rc = telegram_parse(p->js, p->only_chat, &cb, p->stats);
	pthread_mutex_lock(&p->mu);
	if (filling(p)->n > 0) /* what was parsed before the end or the error */
		p->count++;
	p->done = true;
	p->rc = rc;
	if (rc) {
		p->code = error_code();
		p->message = xstrdup(error_message());
	}
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static int replay(struct batch *b, const struct tg_callbacks *cb)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct event *e = &b->ev[i];
		int rc = e->is_chat ? cb->chat(cb->arg, &e->chat) : cb->message(cb->arg, &e->msg);
		if (rc)
			return rc;
	}
	return 0;
}

int telegram_parse_threaded(struct jsonstream *js, const char *only_chat,
                            const struct tg_callbacks *cb, struct tg_stats *stats)
{
	struct pipe *p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->ready, NULL);
	atomic_init(&p->stop, false);
	p->js = js;
	p->only_chat = only_chat;
	p->stats = stats;
	pthread_t th;
	int rc = 0;
	if (pthread_create(&th, NULL, parser_main, p) != 0) {
		/* no thread to be had: parse on this one */
		rc = telegram_parse(js, only_chat, cb, stats);
		goto out;
	}
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->count == 0 && !p->done)
			pthread_cond_wait(&p->ready, &p->mu);
		if (p->count == 0) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		struct batch *b = &p->b[p->head];
		pthread_mutex_unlock(&p->mu);
		rc = replay(b, cb);
		pthread_mutex_lock(&p->mu);
		b->n = 0;
		arena_reset(&b->arena);
		p->head = (p->head + 1) % NBATCH;
		p->count--;
		if (rc)
			atomic_store(&p->stop, true);
		pthread_cond_signal(&p->space);
		pthread_mutex_unlock(&p->mu);
		if (rc)
			break;
	}
	pthread_join(th, NULL);
	if (!rc && p->rc)
		rc = error_set(p->code, "%s", p->message);
out:
	for (int i = 0; i < NBATCH; i++) {
		free(p->b[i].ev);
		arena_release(&p->b[i].arena);
	}
	free(p->message);
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->ready);
	pthread_mutex_destroy(&p->mu);
	free(p);
	return rc;
}
