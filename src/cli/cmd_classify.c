/* vigil classify: scores each line of stdin (no vault); vigil eval FILE:
 * the detector's figures on a labelled file. */
#include <math.h>

#include "cli/cli.h"
#include "detect/detect.h"
#include "detect/pool.h"
#include "util/datadir.h"
#include "util/util.h"

static json_t *result_json(const char *text, const struct detect_result *r,
                           const struct detector *d, bool with_spans)
{
	json_t *o = json_object();
	for (int c = 0; c < DCAT_COUNT; c++)
		json_object_set_new(o, detect_cat_name((enum detect_cat)c),
		                    json_real(round(r->score[c] * 1000) / 1000));
	json_object_set_new(o, "abusive", json_real(round(r->abusive * 1000) / 1000));
	json_object_set_new(o, "flagged", json_boolean(r->flagged));
	if (with_spans) {
		json_t *spans = json_array();
		for (size_t i = 0; i < r->nspans; i++) {
			const struct detect_span *s = &r->spans[i];
			json_t *js = json_object();
			json_object_set_new(js, "category", json_string(detect_cat_name(s->cat)));
			json_object_set_new(js, "start", json_integer((json_int_t)s->start));
			json_object_set_new(js, "end", json_integer((json_int_t)s->end));
			json_object_set_new(js, "text",
			                    json_stringn(text + s->start, s->end - s->start));
			json_object_set_new(js, "pattern",
			                    json_string(d->lex.entries[s->entry].pattern));
			json_array_append_new(spans, js);
		}
		json_object_set_new(o, "spans", spans);
	}
	return o;
}

/* v in [0, 1] with the given decimals, like printf's %.Nf (a value exactly
 * halfway may round the other way in the last digit) */
static void put_fixed(struct strbuf *sb, double v, int decimals)
{
	static const int scale[] = {1, 10, 100, 1000};
	long q = lround(v * scale[decimals]);
	strbuf_addch(sb, (char)('0' + q / scale[decimals]));
	strbuf_addch(sb, '.');
	for (int d = decimals - 1; d >= 0; d--)
		strbuf_addch(sb, (char)('0' + q / scale[d] % 10));
}

/* Appends the line of one message to out: built by hand, since nine printf
 * calls per line had cost as much as the lexicon scan. */
static void print_result(struct strbuf *out, struct cli *cli, const struct detector *d,
                         const char *text, const struct detect_result *r, bool spans)
{
	if (cli->json) {
		json_t *o = result_json(text, r, d, spans);
		char *s =
		    json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
		strbuf_adds(out, s);
		strbuf_addch(out, '\n');
		free(s);
		json_decref(o);
		return;
	}
	put_fixed(out, r->abusive, 3);
	strbuf_adds(out, r->flagged ? " FLAG" : " -   ");
	for (int c = 0; c < DCAT_COUNT; c++) {
		strbuf_addch(out, ' ');
		strbuf_adds(out, detect_cat_name((enum detect_cat)c));
		strbuf_addch(out, '=');
		put_fixed(out, r->score[c], 2);
	}
	strbuf_addch(out, '\t');
	strbuf_adds(out, text);
	strbuf_addch(out, '\n');
}

int cmd_classify(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"spans", OPT_FLAG, "with --json, also the matched spans (byte offsets)"},
	    {"model", OPT_VALUE, "score with this model file instead of the shipped one"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	bool spans = args_flag(&a, "spans");
	struct detector d;
	rc = detector_open_model(&d, NULL, args_get(&a, "model"));
	args_release(&a);
	if (rc)
		return rc;
	struct detector_pool pool;
	rc = detector_pool_open(&pool, &d, 0);
	if (rc) {
		detector_close(&d);
		return rc;
	}
	/* lines are read in batches, scored on every thread, printed in order */
	enum { BATCH = 4096 };
	struct strbuf arena = STRBUF_INIT, out = STRBUF_INIT;
	size_t *offs = xmalloc(BATCH * sizeof(*offs)), *lens = xmalloc(BATCH * sizeof(*lens));
	const char **texts = xmalloc(BATCH * sizeof(*texts));
	struct detect_result *res = xmalloc(BATCH * sizeof(*res));
	char *line = NULL;
	size_t cap = 0;
	bool eof = false;
	while (!eof) {
		size_t n = 0;
		strbuf_reset(&arena);
		while (n < BATCH) {
			ssize_t k = getline(&line, &cap, stdin);
			if (k < 0) {
				eof = true;
				break;
			}
			while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r'))
				line[--k] = 0;
			offs[n] = arena.len;
			lens[n] = (size_t)k;
			strbuf_add(&arena, line, (size_t)k + 1);
			n++;
		}
		for (size_t i = 0; i < n; i++)
			texts[i] = arena.buf + offs[i];
		detector_pool_score(&pool, texts, lens, n, res);
		strbuf_reset(&out);
		for (size_t i = 0; i < n; i++)
			print_result(&out, cli, &d, texts[i], &res[i], spans);
		fwrite(out.buf, 1, out.len, stdout);
	}
	strbuf_release(&out);
	free(line);
	free(offs);
	free(lens);
	free(texts);
	free(res);
	strbuf_release(&arena);
	detector_pool_close(&pool);
	detector_close(&d);
	return 0;
}

struct prf {
	double p, r, f1;
	size_t tp, fp, fn;
};

static struct prf prf_compute(const double *s, const int *y, size_t n, double th)
{
	struct prf r = {0};
	for (size_t i = 0; i < n; i++) {
		if (y[i] < 0)
			continue;
		bool pred = s[i] >= th;
		r.tp += pred && y[i];
		r.fp += pred && !y[i];
		r.fn += !pred && y[i];
	}
	r.p = r.tp ? (double)r.tp / (double)(r.tp + r.fp) : 0;
	r.r = r.tp ? (double)r.tp / (double)(r.tp + r.fn) : 0;
	r.f1 = r.p + r.r > 0 ? 2 * r.p * r.r / (r.p + r.r) : 0;
	return r;
}

static json_t *figures(const char *name, const double *s, const int *y, size_t n, double th)
{
	size_t labelled = 0;
	for (size_t i = 0; i < n; i++)
		labelled += y[i] >= 0;
	struct prf r = prf_compute(s, y, n, th);
	double auc = metric_auc(s, y, n);
	json_t *o = json_object();
	json_object_set_new(o, "label", json_string(name));
	json_object_set_new(o, "n", json_integer((json_int_t)labelled));
	json_object_set_new(o, "roc_auc", isnan(auc) ? json_null() : json_real(auc));
	json_object_set_new(o, "threshold", json_real(th));
	json_object_set_new(o, "precision", json_real(r.p));
	json_object_set_new(o, "recall", json_real(r.r));
	json_object_set_new(o, "f1", json_real(r.f1));
	return o;
}

int cmd_eval(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"held-out", OPT_FLAG,
	     "only a fixed fifth of the texts (by a hash), with the model not trained on them"},
	    {"threshold", OPT_VALUE, "the operating threshold (default: the model's)"},
	    {"model", OPT_VALUE, "evaluate this model file instead of the shipped one"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (args_npos(&a) != 1) {
		args_release(&a);
		return error_set(
		    VG_EUSAGE, "usage: vigil eval [--held-out] [--threshold X] [--model FILE] FILE "
		               "(text<TAB>label, a CSV with comment and toxic columns, or "
		               "expect<TAB>language<TAB>message)");
	}
	struct dataset ds;
	rc = dataset_read(&ds, args_pos(&a, 0));
	struct detector d;
	if (!rc) {
		rc = detector_open_model(&d, NULL, args_get(&a, "model"));
		if (rc)
			dataset_release(&ds);
	}
	if (rc) {
		args_release(&a);
		return rc;
	}
	bool held = args_flag(&a, "held-out");
	if (held && (d.model.flags & MODEL_TRAINED_ON_HELD_OUT)) {
		/* its figures there would be on its own training data: measure the
		 * same model trained without them, which ships beside it (only the
		 * model changes; the lexicons stay loaded) */
		const char *named =
		    args_get(&a, "model") ? args_get(&a, "model") : getenv("VIGIL_DETECT_MODEL");
		model_release(&d.model);
		if (named)
			rc = error_set(VG_EUSAGE,
			               "%s was trained on the held-out comments too, so --held-out "
			               "would measure it on its training data; train it with "
			               "train-detector --hold-out 1 to measure it there",
			               named);
		else {
			char *check = datadir_file("models/detector-check.bin");
			rc = model_load(&d.model, check);
			if (!rc)
				fprintf(stderr,
				        "vigil: --held-out measures models/detector-check.bin, the "
				        "shipped model trained without these comments (the shipped "
				        "model was trained on them too)\n");
			free(check);
		}
		if (rc) {
			detector_close(&d);
			dataset_release(&ds);
			args_release(&a);
			return rc;
		}
	}
	double th = args_get(&a, "threshold") ? atof(args_get(&a, "threshold")) : d.model.threshold;
	size_t n = 0;
	double *s = xmalloc((ds.n + 1) * sizeof(*s));
	int *y = xmalloc((ds.n + 1) * sizeof(*y));
	double *cs[DCAT_COUNT];
	int *cy[DCAT_COUNT];
	bool has[DCAT_COUNT] = {0};
	for (int c = 0; c < DCAT_COUNT; c++) {
		cs[c] = xmalloc((ds.n + 1) * sizeof(double));
		cy[c] = xmalloc((ds.n + 1) * sizeof(int));
	}
	for (size_t i = 0; i < ds.n; i++) {
		if (held && !dataset_is_test(ds.ex[i].text))
			continue;
		struct detect_result r;
		detector_score(&d, ds.ex[i].text, strlen(ds.ex[i].text), &r);
		s[n] = r.abusive;
		y[n] = ds.ex[i].label;
		for (int c = 0; c < DCAT_COUNT; c++) {
			cs[c][n] = r.score[c];
			cy[c][n] = ds.ex[i].cat_label[c];
			has[c] |= cy[c][n] >= 0;
		}
		n++;
	}
	json_t *all = json_array();
	json_array_append_new(all, figures("abusive", s, y, n, th));
	for (int c = 0; c < DCAT_COUNT; c++)
		if (has[c])
			json_array_append_new(all, figures(detect_cat_name((enum detect_cat)c),
			                                   cs[c], cy[c], n, 0.5));
	if (cli->json) {
		cli_print_json(all);
	} else {
		printf("%-10s %6s %8s %9s %9s %7s %7s\n", "label", "n", "ROC AUC", "threshold",
		       "precision", "recall", "F1");
		size_t i;
		json_t *o;
		json_array_foreach(all, i, o)
		{
			json_t *auc = json_object_get(o, "roc_auc");
			char aucs[32] = "-";
			if (json_is_real(auc))
				snprintf(aucs, sizeof(aucs), "%.4f", json_real_value(auc));
			printf("%-10s %6lld %8s %9.3f %9.4f %7.4f %7.4f\n",
			       json_string_value(json_object_get(o, "label")),
			       (long long)json_integer_value(json_object_get(o, "n")), aucs,
			       json_real_value(json_object_get(o, "threshold")),
			       json_real_value(json_object_get(o, "precision")),
			       json_real_value(json_object_get(o, "recall")),
			       json_real_value(json_object_get(o, "f1")));
		}
		json_decref(all);
	}
	for (int c = 0; c < DCAT_COUNT; c++) {
		free(cs[c]);
		free(cy[c]);
	}
	free(s);
	free(y);
	dataset_release(&ds);
	detector_close(&d);
	args_release(&a);
	return 0;
}
