/*
 * model.c - feature hashing, the model file, scoring.
 */
#include <math.h>

#include "detect/model.h"
#include "util/fileio.h"
#include "util/util.h"

static const char model_magic[8] = {'V', 'G', 'D', 'E', 'T', 'M', '\r', '\n'};

/* Makes room for n more features (feat_add does not check). */
static void feat_reserve(struct features *f, size_t n)
{
	if (f->n + n > f->cap) {
		size_t c = f->cap;
		xgrow((void **)&f->idx, &c, f->n + n, sizeof(*f->idx));
		xgrow((void **)&f->val, &f->cap, f->n + n, sizeof(*f->val));
	}
}

/* Starts a new set of distinct features, with room for n more of them
 * (feat_add does not check). A feature counts once per set, by its bucket:
 * the set is a bitmap of all 2^bits buckets (64 KB for 2^19), cleared bit by
 * bit from the list of the set's features, so starting a set costs as much as
 * the previous set had features. A bitmap lets feat_add run without a branch
 * on whether the bucket was new; the open-addressing table it replaced spent
 * most of its time on that branch, which no predictor can guess. */
static void feat_set_begin(struct features *f, unsigned bits, size_t n, bool new_message)
{
	if (f->seen_bits != bits) {
		free(f->seen);
		size_t words = bits >= 6 ? (size_t)1 << (bits - 6) : 1;
		f->seen = xcalloc(words, sizeof(*f->seen));
		f->seen_bits = bits;
	} else {
		for (size_t i = f->set_start; i < f->n; i++)
			f->seen[f->idx[i] >> 6] = 0;
	}
	if (new_message)
		f->n = 0;
	f->set_start = f->n;
	feat_reserve(f, n);
}

/* Adds bucket idx to the set unless it is in already; feat_set_begin made
 * room. The entry is written either way and kept only when new. */
static inline void feat_add(struct features *f, uint32_t idx, float v)
{
	uint64_t *word = &f->seen[idx >> 6];
	const uint64_t bit = (uint64_t)1 << (idx & 63);
	const size_t fresh = !(*word & bit);
	*word |= bit;
	f->idx[f->n] = idx;
	f->val[f->n] = v;
	f->n += fresh;
	if (f->prefetch)
		__builtin_prefetch(f->prefetch + idx);
	if (f->prefetch_threat)
		__builtin_prefetch(f->prefetch_threat + idx);
}

/* Room for the lexicon features: one per category and severity, and one
 * per category. */
enum { LEXICON_SET_ROOM = 4 * DCAT_COUNT };

/* UTF-8 lead byte? */
static bool lead(unsigned char c)
{
	return (c & 0xc0) != 0x80;
}

void features_extract(struct features *f, unsigned bits, const char *text, size_t len,
                      const struct lexicon *lx, const struct lex_hit *hits, size_t nhits)
{
	const uint32_t mask = (1u << bits) - 1;
	/* character 2-5-grams of each word padded by spaces (" word "), by
	 * code points: none crosses a word boundary */
	size_t blen = len + 2;
	if (blen + 1 > f->buf_cap) {
		free(f->buf);
		free(f->starts);
		f->buf_cap = blen + 1 > 256 ? blen + 1 : 256;
		f->buf = xmalloc(f->buf_cap);
		f->starts = xmalloc(f->buf_cap * sizeof(*f->starts));
	}
	char *buf = f->buf;
	size_t *starts = f->starts;
	buf[0] = ' ';
	memcpy(buf + 1, text, len);
	buf[len + 1] = ' ';
	buf[blen] = 0;
	size_t ncp = 0;
	for (size_t i = 0; i < blen; i++)
		if (lead((unsigned char)buf[i]))
			starts[ncp++] = i;
	starts[ncp] = blen;
	/* n-grams: up to 4 per code point, and 3 per word (at most one per
	 * byte and one more, should a caller's text not be normalised and
	 * have spaces side by side) */
	feat_set_begin(f, bits, 4 * ncp + 3 * (len + 1), true);
	for (size_t i = 0; i < ncp; i++) {
		for (size_t k = 2; k <= 5 && i + k <= ncp; k++) {
			if (k > 2 && buf[starts[i + k - 2]] == ' ')
				break; /* the gram would run on into the next word */
			uint32_t h = fnv1a32(2166136261u ^ (uint32_t)k, buf + starts[i],
			                     starts[i + k] - starts[i]);
			feat_add(f, h & mask, 1.0f);
		}
	}
	/* word unigrams, stems (the first 5 code points of words longer than 8
	 * bytes: Russian endings vary) and bigrams */
	size_t prev_s = 0, prev_e = 0;
	bool have_prev = false;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && text[j] != ' ')
			j++;
		uint32_t h = fnv1a32(0x9e3779b9u, text + i, j - i);
		feat_add(f, h & mask, 1.0f);
		if (j - i > 8) {
			size_t q = i;
			for (int cps = 0; q < j && cps < 5; cps++) {
				q++;
				while (q < j && !lead((unsigned char)text[q]))
					q++;
			}
			feat_add(f, fnv1a32(0x1b873593u, text + i, q - i) & mask, 1.0f);
		}
		if (have_prev) {
			uint32_t h2 = fnv1a32(0x7f4a7c15u, text + prev_s, prev_e - prev_s);
			h2 = fnv1a32(h2, " ", 1);
			h2 = fnv1a32(h2, text + i, j - i);
			feat_add(f, h2 & mask, 1.0f);
		}
		prev_s = i;
		prev_e = j;
		have_prev = true;
		i = j + 1;
	}
	/* scale the n-grams to unit length */
	size_t out = f->n;
	float inv = out ? 1.0f / sqrtf((float)out) : 0.0f;
	for (size_t i = 0; i < out; i++)
		f->val[i] = inv;
	/* lexicon hits: one feature per category and severity, and per category
	 * (a new set, so that they add to the n-grams' buckets) */
	feat_set_begin(f, bits, LEXICON_SET_ROOM, false);
	int seen[DCAT_COUNT][4] = {{0}};
	for (size_t i = 0; i < nhits; i++) {
		const struct lex_entry *e = &lx->entries[hits[i].entry];
		seen[e->cat][e->severity]++;
	}
	for (int c = 0; c < DCAT_COUNT; c++) {
		int any = 0;
		for (int s = 1; s <= 3; s++) {
			if (!seen[c][s])
				continue;
			any += seen[c][s];
			uint32_t key[2] = {(uint32_t)c, (uint32_t)s};
			feat_add(f, fnv1a32(0x51ed270bu, key, sizeof(key)) & mask, 1.0f);
		}
		if (any) {
			uint32_t key = (uint32_t)c;
			feat_add(f, fnv1a32(0x2545f491u, &key, sizeof(key)) & mask,
			         (float)log1p((double)any));
		}
	}
}

/* 16 bytes, as GCC and Clang vectors: SSE2 on x86-64, NEON on arm64. */
typedef uint8_t bytes16 __attribute__((vector_size(16)));

void features_raw_counts(const char *raw, size_t len, struct raw_counts *n)
{
	*n = (struct raw_counts){0, 0, 0, 0};
	size_t i = 0;
	/* 16 bytes at a time (with the 16 after each one's, for the second
	 * byte of a Cyrillic capital), into per-byte counters that are added up
	 * before they can overflow; a byte at a time, this loop was 5% of the
	 * time per message */
	while (i + 17 <= len) {
		bytes16 upper = {0}, letters = {0}, excl = {0}, quest = {0};
		for (int round = 0; round < 255 && i + 17 <= len; round++, i += 16) {
			bytes16 c, d;
			memcpy(&c, raw + i, sizeof(c));
			memcpy(&d, raw + i + 1, sizeof(d));
			/* a comparison gives 0xff where true: subtracting it counts */
			bytes16 latin_upper = (bytes16)((bytes16)(c - 'A') < 26);
			bytes16 latin_lower = (bytes16)((bytes16)(c - 'a') < 26);
			bytes16 cyr = (bytes16)((c | 1) == 0xd1);
			bytes16 cyr_upper =
			    (bytes16)(c == 0xd0) & (bytes16)((bytes16)(d - 0x90) < 0x20);
			excl -= (bytes16)(c == '!');
			quest -= (bytes16)(c == '?');
			letters -= latin_upper | latin_lower | cyr;
			upper -= latin_upper | cyr_upper;
		}
		for (int k = 0; k < 16; k++) {
			n->upper += upper[k];
			n->letters += letters[k];
			n->excl += excl[k];
			n->quest += quest[k];
		}
	}
	for (; i < len; i++) {
		unsigned c = (unsigned char)raw[i];
		unsigned d = i + 1 < len ? (unsigned char)raw[i + 1] : 0;
		unsigned latin_upper = c - 'A' < 26u, latin_lower = c - 'a' < 26u;
		n->excl += c == '!';
		n->quest += c == '?';
		n->letters +=
		    latin_upper + latin_lower + (c == 0xd1u) + (c == 0xd0u && i + 1 < len);
		n->upper += latin_upper + (c == 0xd0u && d - 0x90u < 0x20u);
	}
}

void features_add_raw(struct features *f, unsigned bits, const char *raw, size_t len,
                      const char *norm, size_t normlen)
{
	const uint32_t mask = (1u << bits) - 1;
	size_t nwords = normlen > 0;
	for (size_t i = 0; i < normlen; i++)
		nwords += norm[i] == ' ';
	feat_reserve(f, 4); /* the four features below */
	struct raw_counts counts;
	features_raw_counts(raw, len, &counts);
	size_t upper = counts.upper, letters = counts.letters, excl = counts.excl,
	       quest = counts.quest;
	uint32_t key[2];
	key[0] = 1;
	key[1] = letters >= 4 ? (uint32_t)(upper * 4 / letters) : 9;
	feat_add(f, fnv1a32(0x68e31da4u, key, sizeof(key)) & mask, 1.0f);
	key[0] = 2;
	key[1] = excl > 3 ? 3 : (uint32_t)excl;
	feat_add(f, fnv1a32(0x68e31da4u, key, sizeof(key)) & mask, 1.0f);
	key[0] = 3;
	key[1] = quest > 2 ? 2 : (uint32_t)quest;
	feat_add(f, fnv1a32(0x68e31da4u, key, sizeof(key)) & mask, 1.0f);
	key[0] = 4;
	uint32_t lb = 0;
	for (size_t n = nwords; n > 1; n >>= 1)
		lb++;
	key[1] = lb;
	feat_add(f, fnv1a32(0x68e31da4u, key, sizeof(key)) & mask, 1.0f);
}

void features_release(struct features *f)
{
	free(f->idx);
	free(f->val);
	free(f->seen);
	free(f->buf);
	free(f->starts);
	memset(f, 0, sizeof(*f));
}

void model_stack_inputs(const struct model *m, const uint32_t *idx, const float *val, size_t n,
                        double x[MODEL_STACK_N])
{
	double z = m->bias;
	float top[3] = {0, 0, 0}, lo = 0;
	size_t above[3] = {0, 0, 0}, below = 0;
	/* the weights are read at random: ask for them a few features ahead */
	enum { AHEAD = 16 };
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n)
			__builtin_prefetch(&m->w[idx[i + AHEAD]]);
		float w = m->w[idx[i]];
		z += (double)w * val[i];
		if (i < 3 || w > top[2]) { /* keep top[] sorted, largest first */
			size_t k = i < 3 ? i : 2;
			while (k > 0 && top[k - 1] < w) {
				top[k] = top[k - 1];
				k--;
			}
			top[k] = w;
		}
		lo = i == 0 || w < lo ? w : lo;
		above[0] += w > 0.5f;
		above[1] += w > 1.0f;
		above[2] += w > 2.0f;
		below += w < -0.5f;
	}
	double l = log1p((double)n);
	x[0] = z;
	x[1] = top[0];
	x[2] = (double)top[0] + top[1] + top[2];
	x[3] = lo;
	x[4] = l;
	x[5] = z * l;
	x[6] = top[0] * l;
	for (int k = 0; k < 3; k++)
		x[7 + k] = log1p((double)above[k]);
	x[10] = log1p((double)below);
}

double model_score(const struct model *m, const struct features *f)
{
	double x[MODEL_STACK_N];
	model_stack_inputs(m, f->idx, f->val, f->n, x);
	double z = x[0];
	if (m->nstack) {
		z = m->stack[MODEL_STACK_N];
		for (int k = 0; k < MODEL_STACK_N; k++)
			z += (double)m->stack[k] * x[k];
	}
	return 1.0 / (1.0 + exp(-z));
}

double model_threat_score(const struct model *m, const struct features *f)
{
	if (!m->threat.w)
		return 0;
	double z = m->threat.bias;
	enum { AHEAD = 16 }; /* read at random, as in model_stack_inputs */
	for (size_t i = 0; i < f->n; i++) {
		if (i + AHEAD < f->n)
			__builtin_prefetch(&m->threat.w[f->idx[i + AHEAD]]);
		z += (double)m->threat.w[f->idx[i]] * f->val[i];
	}
	return 1.0 / (1.0 + exp(-z));
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_u32(struct strbuf *sb, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 24)};
	strbuf_add(sb, b, 4);
}

static float u32_float(uint32_t u)
{
	float f;
	memcpy(&f, &u, 4);
	return f;
}

static uint32_t float_u32(float f)
{
	uint32_t u;
	memcpy(&u, &f, 4);
	return u;
}

#define HEADER_SIZE 32
#define STACK_SIZE  (4 + 4 + 4 * (MODEL_STACK_N + 1)) /* flags, K, stack */
#define HEAD_SIZE   12                                /* bias, scale, threshold */

/* 2^bits weights of 16 bits each at p, times scale. */
static float *weights_read(const unsigned char *p, unsigned bits, float scale)
{
	size_t d = (size_t)1 << bits;
	float *w = xmalloc(d * sizeof(*w));
	for (size_t i = 0; i < d; i++) {
		int16_t v = (int16_t)(uint16_t)(p[2 * i] | p[2 * i + 1] << 8);
		w[i] = (float)v * scale;
	}
	return w;
}

/* The scale that fits the 2^bits weights of w (NULL: zeros) into 16 bits. */
static float weights_scale(const float *w, unsigned bits)
{
	float maxw = 1e-6f;
	for (size_t i = 0; w && i < (size_t)1 << bits; i++)
		if (fabsf(w[i]) > maxw)
			maxw = fabsf(w[i]);
	return maxw / 32767.0f;
}

/* Appends the 2^bits weights of w (NULL: zeros), each w / scale rounded to
 * 16 bits. */
static void weights_write(struct strbuf *sb, const float *w, unsigned bits, float scale)
{
	for (size_t i = 0; i < (size_t)1 << bits; i++) {
		long q = w ? lrintf(w[i] / scale) : 0;
		uint16_t u = (uint16_t)(int16_t)q;
		unsigned char b[2] = {(unsigned char)u, (unsigned char)(u >> 8)};
		strbuf_add(sb, b, 2);
	}
}

int model_load(struct model *m, const char *path)
{
	memset(m, 0, sizeof(*m));
	struct strbuf sb = STRBUF_INIT;
	int rc = file_read(path, 64u << 20, &sb);
	if (rc)
		return rc;
	const unsigned char *p = (const unsigned char *)sb.buf;
	if (sb.len < HEADER_SIZE || memcmp(p, model_magic, 8)) {
		strbuf_release(&sb);
		return error_set(VG_EFORMAT, "%s is not a Vigil detector model (bad magic)", path);
	}
	uint32_t version = get_u32(p + 8), bits = get_u32(p + 12);
	if (version != MODEL_VERSION) {
		strbuf_release(&sb);
		return error_set(VG_EVERSION,
		                 "%s is a detector model of format %u; this Vigil reads format %d "
		                 "(retrain it with `make model`, or use the Vigil it came with)",
		                 path, version, MODEL_VERSION);
	}
	if (bits < 8 || bits > 24 ||
	    sb.len != HEADER_SIZE + STACK_SIZE + HEAD_SIZE + ((size_t)4 << bits)) {
		strbuf_release(&sb);
		return error_set(VG_EFORMAT, "%s: the model's size does not match its header",
		                 path);
	}
	if (fnv1a32(2166136261u, p + HEADER_SIZE, sb.len - HEADER_SIZE) != get_u32(p + 28)) {
		strbuf_release(&sb);
		return error_set(VG_EFORMAT,
		                 "%s: the model's checksum does not hold (damaged file)", path);
	}
	uint32_t flags = get_u32(p + HEADER_SIZE), nstack = get_u32(p + HEADER_SIZE + 4);
	if (nstack != MODEL_STACK_N) {
		strbuf_release(&sb);
		return error_set(
		    VG_EFORMAT,
		    "%s: the model's second stage has %u inputs; this Vigil computes %d", path,
		    nstack, MODEL_STACK_N);
	}
	if (flags & ~MODEL_TRAINED_ON_HELD_OUT) {
		strbuf_release(&sb);
		return error_set(VG_EFORMAT,
		                 "%s: the model has flags (%#x) this Vigil does not know; use the "
		                 "Vigil it came with",
		                 path, flags);
	}
	m->bits = bits;
	m->checksum = get_u32(p + 28);
	m->bias = u32_float(get_u32(p + 16));
	float scale = u32_float(get_u32(p + 20));
	m->threshold = u32_float(get_u32(p + 24));
	m->flags = flags;
	m->nstack = MODEL_STACK_N;
	for (int k = 0; k <= MODEL_STACK_N; k++)
		m->stack[k] = u32_float(get_u32(p + HEADER_SIZE + 8 + 4 * (size_t)k));
	const unsigned char *q = p + HEADER_SIZE + STACK_SIZE;
	const unsigned char *head = q + ((size_t)2 << bits);
	m->threat.bias = u32_float(get_u32(head));
	float threat_scale = u32_float(get_u32(head + 4));
	m->threat.threshold = u32_float(get_u32(head + 8));
	/* a threshold of 0 or below (or NaN) would flag every message or none;
	 * the head's above 1 is a model without a head */
	if (!(m->threshold > 0 && m->threshold < 1) || !(m->threat.threshold > 0)) {
		rc = error_set(VG_EFORMAT,
		               "%s: the model's operating thresholds are out of range (%g, %g)",
		               path, (double)m->threshold, (double)m->threat.threshold);
		strbuf_release(&sb);
		memset(m, 0, sizeof(*m));
		return rc;
	}
	m->w = weights_read(q, bits, scale);
	/* a threshold of 1 or above is a model saved without a head: none here */
	if (m->threat.threshold < 1)
		m->threat.w = weights_read(head + HEAD_SIZE, bits, threat_scale);
	strbuf_release(&sb);
	return 0;
}

int model_save(const struct model *m, const char *path)
{
	float scale = weights_scale(m->w, m->bits);
	float threat_scale = weights_scale(m->threat.w, m->bits);
	struct strbuf body = STRBUF_INIT, sb = STRBUF_INIT;
	put_u32(&body, m->flags);
	/* a model without a second stage is saved with the identity one */
	put_u32(&body, MODEL_STACK_N);
	for (int k = 0; k <= MODEL_STACK_N; k++)
		put_u32(&body, float_u32(m->nstack ? m->stack[k] : k == 0 ? 1.0f : 0.0f));
	weights_write(&body, m->w, m->bits, scale);
	/* a model without a threat head is saved with one that finds nothing */
	put_u32(&body, float_u32(m->threat.w ? m->threat.bias : 0.0f));
	put_u32(&body, float_u32(threat_scale));
	put_u32(&body, float_u32(m->threat.w ? m->threat.threshold : 2.0f));
	weights_write(&body, m->threat.w, m->bits, threat_scale);
	strbuf_add(&sb, model_magic, 8);
	put_u32(&sb, MODEL_VERSION);
	put_u32(&sb, m->bits);
	put_u32(&sb, float_u32(m->bias));
	put_u32(&sb, float_u32(scale));
	put_u32(&sb, float_u32(m->threshold));
	put_u32(&sb, fnv1a32(2166136261u, body.buf, body.len));
	strbuf_add(&sb, body.buf, body.len);
	int rc = file_write_atomic(path, sb.buf, sb.len, 0644);
	strbuf_release(&body);
	strbuf_release(&sb);
	return rc;
}

void model_release(struct model *m)
{
	free(m->w);
	free(m->threat.w);
	memset(m, 0, sizeof(*m));
}
