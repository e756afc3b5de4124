/*
 * train-detector - trains the "abusive" classifier of data/models/detector.bin
 * from the shared labelled data, reproducibly (fixed seed, fixed split):
 *
 *   build/train-detector [--data DIR] [--out FILE] [--bits B] [--epochs N]
 *
 * DIR (default <source>/../shared/data/toxic) holds ru_2ch_pikabu_dev.csv,
 * ru_detox_pairs_train.tsv, ru_detox_pairs_dev.tsv and en_jigsaw_sample.csv.
 * The Russian comments chosen by dataset_is_test() are never trained on; a
 * validation slice of the rest sets the operating threshold (best F1). The
 * program prints validation and held-out figures.
 */
#include <math.h>

#include "detect/detect.h"
#include "util/fileio.h"
#include "util/util.h"

struct item {
	uint32_t *idx;
	float *val;
	uint32_t n;
	float y, weight;
	int role; /* 0 train, 1 validation, 2 test */
};

struct corpus {
	struct item *it;
	size_t n, cap;
};

static struct detector det;
static float pair_weight = 0.0f; /* measured: the pairs lower held-out F1 */

static void add_text(struct corpus *c, const char *text, int y, float weight, int role)
{
	struct norm_text nt;
	normalize_text(text, strlen(text), &nt);
	struct lex_hit hits[DETECT_MAX_HITS];
	size_t nh = lexicon_scan(&det.lex, det.scratch, nt.text, nt.len, hits, DETECT_MAX_HITS);
	if (nh > DETECT_MAX_HITS)
		nh = DETECT_MAX_HITS;
	features_extract(&det.feats, det.model.bits, nt.text, nt.len, &det.lex, hits, nh);
	norm_text_release(&nt);
	if (c->n == c->cap)
		xgrow((void **)&c->it, &c->cap, c->n + 1, sizeof(*c->it));
	struct item *t = &c->it[c->n++];
	t->n = (uint32_t)det.feats.n;
	t->idx = xmalloc(t->n * sizeof(*t->idx) + 1);
	t->val = xmalloc(t->n * sizeof(*t->val) + 1);
	memcpy(t->idx, det.feats.idx, t->n * sizeof(*t->idx));
	memcpy(t->val, det.feats.val, t->n * sizeof(*t->val));
	t->y = (float)y;
	t->weight = weight;
	t->role = role;
}

static int read_pairs(struct corpus *c, const char *path)
{
	if (pair_weight <= 0)
		return 0;
	struct strbuf sb = STRBUF_INIT;
	int rc = file_read(path, 256u << 20, &sb);
	if (rc)
		return rc;
	int lineno = 0;
	for (char *line = sb.buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (lineno++ == 0)
			continue; /* header */
		char *f[5] = {line, NULL, NULL, NULL, NULL};
		for (int i = 1; i < 5; i++) {
			char *t = f[i - 1] ? strchr(f[i - 1], '\t') : NULL;
			if (t) {
				*t = 0;
				f[i] = t + 1;
			}
		}
		for (int i = 1; i < 5; i++) {
			if (!f[i] || !*f[i] || *f[i] == '\r')
				continue;
			add_text(c, f[i], i == 1, pair_weight, 0);
		}
	}
	strbuf_release(&sb);
	return 0;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static double score_item(const struct model *m, const struct item *t)
{
	double z = m->bias;
	for (uint32_t i = 0; i < t->n; i++)
		z += (double)m->w[t->idx[i]] * t->val[i];
	return 1.0 / (1.0 + exp(-z));
}

struct prf {
	double p, r, f1;
};

static struct prf prf_at(const double *s, const int *y, size_t n, double th)
{
	size_t tp = 0, fp = 0, fn = 0;
	for (size_t i = 0; i < n; i++) {
		bool pred = s[i] >= th;
		tp += pred && y[i];
		fp += pred && !y[i];
		fn += !pred && y[i];
	}
	struct prf r = {tp ? (double)tp / (double)(tp + fp) : 0,
	                tp ? (double)tp / (double)(tp + fn) : 0, 0};
	r.f1 = r.p + r.r > 0 ? 2 * r.p * r.r / (r.p + r.r) : 0;
	return r;
}

static void collect(const struct corpus *c, const struct model *m, int role, double **s, int **y,
                    size_t *n)
{
	*s = xmalloc((c->n + 1) * sizeof(**s));
	*y = xmalloc((c->n + 1) * sizeof(**y));
	*n = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (c->it[i].role != role)
			continue;
		(*s)[*n] = score_item(m, &c->it[i]);
		(*y)[*n] = c->it[i].y > 0.5f;
		(*n)++;
	}
}

/* Writes the same split for a peer (bench/scan): DIR/train.txt in fastText's
 * "__label__N text" form (training and validation parts), DIR/test.tsv as
 * text<TAB>label, one line per comment (line breaks become spaces). */
static int export_split(struct dataset *ds, const char *dir)
{
	struct strbuf train = STRBUF_INIT, test = STRBUF_INIT, path = STRBUF_INIT;
	for (size_t i = 0; i < ds->n; i++) {
		char *t = xstrdup(ds->ex[i].text);
		for (char *p = t; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		if (dataset_is_test(ds->ex[i].text))
			strbuf_addf(&test, "%s\t%d\n", t, ds->ex[i].label);
		else
			strbuf_addf(&train, "__label__%d %s\n", ds->ex[i].label, t);
		free(t);
	}
	strbuf_addf(&path, "%s/train.txt", dir);
	int rc = file_write_atomic(path.buf, train.buf, train.len, 0644);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/test.tsv", dir);
	if (!rc)
		rc = file_write_atomic(path.buf, test.buf, test.len, 0644);
	if (rc)
		fprintf(stderr, "train-detector: %s\n", error_message());
	strbuf_release(&train);
	strbuf_release(&test);
	strbuf_release(&path);
	dataset_release(ds);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *dir = VIGIL_SOURCE_DIR "/../shared/data/toxic";
	const char *out = VIGIL_SOURCE_DIR "/data/models/detector.bin";
	unsigned bits = 20;
	int epochs = 8;
	const char *export_dir = NULL;
	float lr = 0.3f, l2 = 2e-6f;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--data"))
			dir = argv[i + 1];
		else if (!strcmp(argv[i], "--out"))
			out = argv[i + 1];
		else if (!strcmp(argv[i], "--bits"))
			bits = (unsigned)atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--epochs"))
			epochs = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--export-split"))
			export_dir = argv[i + 1];
		else if (!strcmp(argv[i], "--lr"))
			lr = (float)atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--l2"))
			l2 = (float)atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--pair-weight"))
			pair_weight = (float)atof(argv[i + 1]);
		else {
			fprintf(stderr,
			        "usage: train-detector [--data DIR] [--out FILE] [--bits B] "
			        "[--epochs N] [--lr X] [--l2 X] [--pair-weight X] [--export-split "
			        "DIR]\n");
			return 2;
		}
	}
	char *lexdir = xstrdup(VIGIL_SOURCE_DIR "/data/lexicons");
	if (lexicon_load(&det.lex, lexdir, NULL) || lexicon_scratch(&det.lex, &det.scratch)) {
		fprintf(stderr, "train-detector: %s\n", error_message());
		return 1;
	}
	free(lexdir);
	det.model.bits = bits;
	struct corpus c = {0};
	struct strbuf path = STRBUF_INIT;
	struct dataset ds;
	strbuf_addf(&path, "%s/ru_2ch_pikabu_dev.csv", dir);
	if (dataset_read(&ds, path.buf)) {
		fprintf(stderr, "train-detector: %s\n", error_message());
		return 1;
	}
	if (export_dir)
		return export_split(&ds, export_dir);
	for (size_t i = 0; i < ds.n; i++) {
		const char *t = ds.ex[i].text;
		int role = dataset_is_test(t) ? 2 : dataset_is_validation(t) ? 1 : 0;
		add_text(&c, t, ds.ex[i].label, 1.0f, role);
	}
	dataset_release(&ds);
	const char *pairs[] = {"ru_detox_pairs_train.tsv", "ru_detox_pairs_dev.tsv"};
	for (size_t i = 0; i < ARRAY_SIZE(pairs); i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, pairs[i]);
		if (read_pairs(&c, path.buf)) {
			fprintf(stderr, "train-detector: %s\n", error_message());
			return 1;
		}
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/en_jigsaw_sample.csv", dir);
	if (!dataset_read(&ds, path.buf)) {
		for (size_t i = 0; i < ds.n; i++)
			add_text(&c, ds.ex[i].text, ds.ex[i].label, 1.0f, 0);
		dataset_release(&ds);
	}
	strbuf_release(&path);

	/* logistic regression, AdaGrad, L2; fixed order from a fixed seed */
	size_t d = (size_t)1 << bits;
	struct model m = {bits, 0, 0.5f, xcalloc(d, sizeof(float)), 0};
	float *g2 = xcalloc(d, sizeof(float));
	double bg2 = 1e-8;
	size_t *order = xmalloc(c.n * sizeof(*order));
	size_t ntrain = 0;
	for (size_t i = 0; i < c.n; i++)
		if (c.it[i].role == 0)
			order[ntrain++] = i;
	for (int ep = 0; ep < epochs; ep++) {
		for (size_t i = ntrain; i > 1; i--) {
			size_t j = (size_t)(rng() % i);
			size_t t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		for (size_t k = 0; k < ntrain; k++) {
			const struct item *t = &c.it[order[k]];
			double p = score_item(&m, t);
			float g = (float)(p - t->y) * t->weight;
			for (uint32_t i = 0; i < t->n; i++) {
				uint32_t j = t->idx[i];
				float gi = g * t->val[i] + l2 * m.w[j];
				g2[j] += gi * gi;
				m.w[j] -= lr * gi / sqrtf(g2[j] + 1e-8f);
			}
			bg2 += (double)g * g;
			m.bias -= (float)(lr * g / sqrt(bg2));
		}
	}
	/* threshold: best F1 on the validation slice */
	double *s;
	int *y;
	size_t n;
	collect(&c, &m, 1, &s, &y, &n);
	double best = 0.5, bestf = -1;
	for (double th = 0.05; th < 0.95; th += 0.005) {
		struct prf r = prf_at(s, y, n, th);
		if (r.f1 > bestf) {
			bestf = r.f1;
			best = th;
		}
	}
	m.threshold = (float)best;
	printf("trained on %zu texts, %d epochs, 2^%u weights\n", ntrain, epochs, bits);
	printf("validation (%zu): AUC %.4f, F1 %.4f at threshold %.3f\n", n, metric_auc(s, y, n),
	       bestf, best);
	free(s);
	free(y);
	collect(&c, &m, 2, &s, &y, &n);
	struct prf r = prf_at(s, y, n, best);
	printf("held-out ru_2ch_pikabu (%zu): AUC %.4f, precision %.4f, recall %.4f, F1 %.4f\n", n,
	       metric_auc(s, y, n), r.p, r.r, r.f1);
	free(s);
	free(y);
	int rc = model_save(&m, out);
	if (rc)
		fprintf(stderr, "train-detector: %s\n", error_message());
	else
		printf("wrote %s\n", out);
	for (size_t i = 0; i < c.n; i++) {
		free(c.it[i].idx);
		free(c.it[i].val);
	}
	free(c.it);
	free(order);
	free(g2);
	model_release(&m);
	hs_free_scratch(det.scratch);
	lexicon_release(&det.lex);
	features_release(&det.feats);
	return rc ? 1 : 0;
}
