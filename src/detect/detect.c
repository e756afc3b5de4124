/*
 * detect.c - the detector, the labelled-data readers and the metrics.
 */
#include <errno.h>
#include <math.h>

#include "detect/detect.h"
#include "detect/translit.h"
#include "util/datadir.h"
#include "util/fileio.h"
#include "util/util.h"

int detector_open(struct detector *d, const char *const *family_words)
{
	return detector_open_model(d, family_words, NULL);
}

int detector_open_model(struct detector *d, const char *const *family_words, const char *model_path)
{
	memset(d, 0, sizeof(*d));
	char *lexdir = datadir_file("lexicons");
	int rc = lexicon_load(&d->lex, lexdir, family_words);
	free(lexdir);
	if (rc)
		return rc;
	const char *mp = model_path ? model_path : getenv("VIGIL_DETECT_MODEL");
	char *path = mp ? xstrdup(mp) : datadir_file("models/detector.bin");
	rc = model_load(&d->model, path);
	free(path);
	if (!rc)
		rc = lexicon_scratch(&d->lex, &d->scratch);
	if (rc)
		detector_close(d);
	return rc;
}

void detector_close(struct detector *d)
{
	if (d->scratch)
		hs_free_scratch(d->scratch);
	lexicon_release(&d->lex);
	model_release(&d->model);
	features_release(&d->feats);
	free(d->masked);
	memset(d, 0, sizeof(*d));
}

/* Does any of the n hits overlap the bytes [start, end)? */
static bool hits_overlap(const struct lex_hit *hits, size_t n, size_t start, size_t end)
{
	for (size_t i = 0; i < n; i++)
		if (hits[i].start < end && start < hits[i].end)
			return true;
	return false;
}

size_t detector_features(struct detector *d, const char *text, size_t len,
                         const struct norm_text *nt, struct lex_hit *hits, size_t nh)
{
	struct lex_hit names[DETECT_MAX_HITS];
	size_t kept = 0, nnames = 0;
	if (nh > DETECT_MAX_HITS)
		nh = DETECT_MAX_HITS; /* lexicon_scan counts past what it keeps */
	for (size_t i = 0; i < nh; i++) {
		if (d->lex.entries[hits[i].entry].cat == DCAT_IDENTITY)
			names[nnames++] = hits[i];
		else
			hits[kept++] = hits[i];
	}
	const char *ftext = nt->text;
	size_t flen = nt->len;
	if (nnames) {
		if (nt->len + 1 > d->masked_cap) {
			free(d->masked);
			d->masked_cap = nt->len + 64;
			d->masked = xmalloc(d->masked_cap);
		}
		/* word by word: a word that a name matched and no abuse pattern
		 * did ("татарва" is both) is left out */
		flen = 0;
		for (size_t i = 0; i < nt->len;) {
			size_t j = i;
			while (j < nt->len && nt->text[j] != ' ')
				j++;
			if (!hits_overlap(names, nnames, i, j) || hits_overlap(hits, kept, i, j)) {
				if (flen)
					d->masked[flen++] = ' ';
				memcpy(d->masked + flen, nt->text + i, j - i);
				flen += j - i;
			}
			i = j + 1;
		}
		d->masked[flen] = 0;
		ftext = d->masked;
	}
	features_extract(&d->feats, d->model.bits, ftext, flen, &d->lex, hits, kept);
	features_add_raw(&d->feats, d->model.bits, text, len, nt->text, nt->len);
	return kept;
}

/* The bytes [*start, *end) of the normalised text `from`, moved onto the
 * words of `to` that come from the same input bytes. False when none does. */
static bool move_span(const struct norm_text *from, const struct norm_text *to, size_t *start,
                      size_t *end)
{
	size_t s = from->orig[*start], e = from->orig_end[*end - 1], a = to->len, b = 0;
	for (size_t i = 0; i < to->len; i++)
		if (to->text[i] != ' ' && to->orig[i] < e && s < to->orig_end[i]) {
			if (i < a)
				a = i;
			b = i + 1;
		}
	if (a >= b)
		return false;
	while (a > 0 && to->text[a - 1] != ' ') /* whole words, as patterns match */
		a--;
	while (b < to->len && to->text[b] != ' ')
		b++;
	*start = a;
	*end = b;
	return true;
}

size_t detector_analyse(struct detector *d, const char *text, size_t len, struct norm_text *nt,
                        struct lex_hit *hits)
{
	normalize_text_masks(text, len, &d->lex.masks, nt);
	size_t nh = lexicon_scan(&d->lex, d->scratch, nt->text, nt->len, hits, DETECT_MAX_HITS);
	if (!translit_ru_detect(nt->text, nt->len))
		return nh;
	/* Russian in Latin letters: the Latin patterns (English, Uzbek, the
	 * Russian translit lines) have had their say on the Latin text; the
	 * Cyrillic reading gets the Russian ones and the classifier */
	struct norm_text cyr;
	translit_ru_text(text, len, nt, &cyr);
	size_t kept = 0;
	for (size_t i = 0; i < nh && i < DETECT_MAX_HITS; i++)
		if (move_span(nt, &cyr, &hits[i].start, &hits[i].end))
			hits[kept++] = hits[i];
	size_t more = lexicon_scan(&d->lex, d->scratch, cyr.text, cyr.len, hits + kept,
	                           DETECT_MAX_HITS - kept);
	norm_text_release(nt);
	*nt = cyr;
	return kept + more;
}

void detector_score(struct detector *d, const char *text, size_t len, struct detect_result *r)
{
	/* not the spans: zeroing 2 KB per message showed in the profile */
	memset(r->score, 0, sizeof(r->score));
	r->abusive = 0;
	r->flagged = false;
	r->nspans = 0;
	struct norm_text nt;
	struct lex_hit hits[DETECT_MAX_HITS];
	size_t nh = detector_analyse(d, text, len, &nt, hits);
	d->feats.prefetch = d->model.w;
	d->feats.prefetch_threat = d->model.threat.w;
	nh = detector_features(d, text, len, &nt, hits, nh);
	r->abusive = model_score(&d->model, &d->feats);
	/* An explicit threat or slur (a severity-3 threat or insult pattern: "I
	 * will kill you", "o'ldiraman", "всех их перебить", "черножопые") is put
	 * before a person whatever the classifier says: it was trained on
	 * Russian comments, which name groups mostly in hostility, and a missed
	 * threat costs more than one more message to review. On the held-out
	 * Russian comments this changes no decision. */
	double explicit_abuse = d->model.threshold > 0.5 ? d->model.threshold : 0.5;
	for (size_t i = 0; i < nh && r->abusive < explicit_abuse; i++) {
		const struct lex_entry *e = &d->lex.entries[hits[i].entry];
		if ((e->cat == DCAT_THREAT || e->cat == DCAT_INSULT) && e->severity == 3)
			r->abusive = explicit_abuse;
	}
	/* The threat head finds threats that name no harm, which no list can
	 * hold ("We know which floor you live on. And which window is the
	 * kids' room."): from its threshold up, its probability becomes a threat
	 * score of 0.5 to 1, and the message is put before a person as an
	 * explicit threat is. */
	double head_threat = 0;
	double p_threat = model_threat_score(&d->model, &d->feats);
	float head_th = d->model.threat.threshold;
	if (d->model.threat.w && p_threat >= head_th) {
		head_threat = 0.5 + 0.5 * (p_threat - head_th) / (1 - head_th);
		double floor = head_threat > explicit_abuse ? head_threat : explicit_abuse;
		if (r->abusive < floor)
			r->abusive = floor;
	}
	/* The classifier learnt from Russian comments (and a few English ones):
	 * in a message that is half or more in another language or script (English,
	 * Uzbek, Russian typed in Latin letters; a word an Uzbek or English pattern
	 * matched counts as that language) it knows few of the words, so
	 * the lexicons speak for it. Obscenity counts for less than a threat or
	 * an insult: swearing alone is not abuse. */
	size_t foreign[DETECT_MAX_HITS][2], nforeign = 0;
	for (size_t i = 0; i < nh; i++) {
		const struct lex_entry *e = &d->lex.entries[hits[i].entry];
		if (!strcmp(e->lang, "uz") || !strcmp(e->lang, "en")) {
			foreign[nforeign][0] = hits[i].start;
			foreign[nforeign++][1] = hits[i].end;
		}
	}
	/* Uzbek typed in Cyrillic without ў қ ғ ҳ looks Russian to the share
	 * of Russian words; normalize_uzbek_cyrillic tells it apart. Both are
	 * asked only of a message with a match. */
	if (nh && (normalize_uzbek_cyrillic(nt.text, nt.len) ||
	           normalize_russian_share(nt.text, nt.len, foreign, nforeign) <= 0.5)) {
		static const double abuse_weight[4] = {0, 0.25, 0.5, 0.9};
		static const double swear_weight[4] = {0, 0.1, 0.4, 0.6};
		double keep = 1.0;
		for (size_t i = 0; i < nh; i++) {
			const struct lex_entry *e = &d->lex.entries[hits[i].entry];
			if (e->cat == DCAT_OBSCENITY)
				keep *= 1.0 - swear_weight[e->severity];
			else if (e->cat == DCAT_THREAT || e->cat == DCAT_INSULT ||
			         e->cat == DCAT_SMEAR)
				keep *= 1.0 - abuse_weight[e->severity];
		}
		if (1.0 - keep > r->abusive)
			r->abusive = 1.0 - keep;
	}
	r->flagged = r->abusive >= d->model.threshold;
	static const double sev_weight[4] = {0, 0.5, 0.75, 0.9};
	double keep[DCAT_COUNT];
	for (int c = 0; c < DCAT_COUNT; c++)
		keep[c] = 1.0;
	for (size_t i = 0; i < nh; i++) {
		const struct lex_entry *e = &d->lex.entries[hits[i].entry];
		keep[e->cat] *= 1.0 - sev_weight[e->severity];
		struct detect_span *s = &r->spans[r->nspans++];
		s->cat = e->cat;
		s->entry = hits[i].entry;
		norm_text_span(&nt, hits[i].start, hits[i].end, &s->start, &s->end);
	}
	for (int c = 0; c < DCAT_COUNT; c++) {
		double lex = 1.0 - keep[c];
		/* words alone are not abuse: the classifier's view of the whole
		 * message weighs in, except for the factual categories */
		if (c == DCAT_DOXXING || c == DCAT_FAMILY)
			r->score[c] = lex;
		else
			r->score[c] = lex * (0.4 + 0.6 * r->abusive);
	}
	if (head_threat > r->score[DCAT_THREAT])
		r->score[DCAT_THREAT] = head_threat;
	norm_text_release(&nt);
}

/* --- labelled data --------------------------------------------------- */

static void ds_add(struct dataset *ds, char *text, int label, const int *cats)
{
	if (ds->n == ds->cap)
		xgrow((void **)&ds->ex, &ds->cap, ds->n + 1, sizeof(*ds->ex));
	struct example *e = &ds->ex[ds->n++];
	e->text = text;
	e->label = label;
	for (int c = 0; c < DCAT_COUNT; c++)
		e->cat_label[c] = cats ? cats[c] : -1;
}

/* One CSV field at *p (RFC 4180 quoting); returns it (caller frees) and sets
 * *end_of_row, and *unclosed when a quoted field runs to the end of the
 * buffer (a file cut short). */
static char *csv_field(const char **p, const char *end, bool *end_of_row, bool *unclosed)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = *p;
	if (s < end && *s == '"') {
		s++;
		*unclosed = true;
		while (s < end) {
			if (*s == '"') {
				if (s + 1 < end && s[1] == '"') {
					strbuf_addch(&sb, '"');
					s += 2;
					continue;
				}
				s++;
				*unclosed = false;
				break;
			}
			strbuf_addch(&sb, *s++);
		}
	}
	while (s < end && *s != ',' && *s != '\n' && *s != '\r')
		strbuf_addch(&sb, *s++);
	*end_of_row = true;
	if (s < end && *s == ',') {
		*end_of_row = false;
		s++;
	} else {
		while (s < end && (*s == '\r' || *s == '\n')) {
			s++;
			if (s[-1] == '\n')
				break;
		}
	}
	*p = s;
	return strbuf_detach(&sb, NULL);
}

/* One CSV row at *p into row[0..max) (the caller frees them); fields past
 * max are read and dropped, so that an over-long row does not run into the
 * next. Returns the number kept. */
enum { CSV_MAX_FIELDS = 32 };

static size_t csv_row(const char **p, const char *end, char **row, bool *unclosed)
{
	size_t n = 0;
	bool eor = false;
	while (*p < end && !eor) {
		char *f = csv_field(p, end, &eor, unclosed);
		if (n < CSV_MAX_FIELDS)
			row[n++] = f;
		else
			free(f);
	}
	return n;
}

/* A label: a number from 0 to 1 (the shared files write 0.0 and 1.0), 1 from
 * 0.5 on; -1 when s is not one. Spaces around it are allowed. */
static int parse_label(const char *s)
{
	char *e;
	errno = 0;
	double v = strtod(s, &e);
	if (e == s || errno || !(v >= 0 && v <= 1))
		return -1;
	while (*e == ' ' || *e == '\r')
		e++;
	return *e ? -1 : v >= 0.5;
}

/* The line of buf on which p stands, counting from *line at *from (both
 * moved to p, so that a whole file is counted once). */
static int line_at(const char **from, int *line, const char *p)
{
	for (const char *s = *from; s < p; s++)
		*line += *s == '\n';
	*from = p;
	return *line;
}

static int read_csv(struct dataset *ds, const char *path, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	char *cols[CSV_MAX_FIELDS];
	bool unclosed = false;
	size_t ncols = csv_row(&p, end, cols, &unclosed);
	int text_col = -1, label_col = -1, cat_col[DCAT_COUNT];
	for (int c = 0; c < DCAT_COUNT; c++)
		cat_col[c] = -1;
	for (size_t i = 0; i < ncols; i++) {
		if (!strcmp(cols[i], "comment") || !strcmp(cols[i], "comment_text") ||
		    !strcmp(cols[i], "text"))
			text_col = (int)i;
		else if (!strcmp(cols[i], "toxic") || !strcmp(cols[i], "label"))
			label_col = (int)i;
		else if (!strcmp(cols[i], "obscene"))
			cat_col[DCAT_OBSCENITY] = (int)i;
		else if (!strcmp(cols[i], "threat"))
			cat_col[DCAT_THREAT] = (int)i;
		else if (!strcmp(cols[i], "insult"))
			cat_col[DCAT_INSULT] = (int)i;
	}
	for (size_t i = 0; i < ncols; i++)
		free(cols[i]);
	if (text_col < 0 || label_col < 0)
		return error_set(
		    VG_EFORMAT,
		    "%s: the CSV needs a header with a comment (or comment_text) and a "
		    "toxic column",
		    path);
	size_t need = (size_t)(text_col > label_col ? text_col : label_col) + 1;
	const char *counted = buf;
	int line = 1, rc = 0;
	while (p < end && !rc) {
		char *row[CSV_MAX_FIELDS];
		int row_line = line_at(&counted, &line, p);
		size_t n = csv_row(&p, end, row, &unclosed);
		int y = n >= need ? parse_label(row[label_col]) : -1;
		if (unclosed)
			rc = error_set(VG_EFORMAT,
			               "%s line %d: a quoted field is not closed before the end of "
			               "the file; is the file cut short?",
			               path, row_line);
		else if (n == 1 && !row[0][0])
			; /* an empty line */
		else if (n < need)
			rc = error_set(VG_EFORMAT,
			               "%s line %d: %zu fields, but the header names %zu; is the "
			               "file cut short?",
			               path, row_line, n, need);
		else if (y < 0)
			rc = error_set(VG_EFORMAT,
			               "%s line %d: the label must be 0 or 1 (or 0.0, 1.0), not "
			               "\"%.20s\"",
			               path, row_line, row[label_col]);
		else {
			/* a category label that is not 0 or 1 (Jigsaw's -1) is missing */
			int cats[DCAT_COUNT];
			for (int c = 0; c < DCAT_COUNT; c++)
				cats[c] = cat_col[c] >= 0 && (size_t)cat_col[c] < n
				              ? parse_label(row[cat_col[c]])
				              : -1;
			ds_add(ds, xstrdup(row[text_col]), y, cats);
		}
		for (size_t i = 0; i < n; i++)
			free(row[i]);
	}
	return rc;
}

/* The label of an expectation of Vigil's own sets (1 abusive, 0 clean), or
 * -1 for a word that is none. */
static int expectation_label(const char *word)
{
	static const char *const abusive[] = {"threat", "abusive", "toxic"};
	if (!strcmp(word, "clean"))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(abusive); i++)
		if (!strcmp(word, abusive[i]))
			return 1;
	return -1;
}

/* Is the first line of a text<TAB>label file that is not a comment in the
 * form of Vigil's own sets (expect<TAB>language<TAB>message)? */
static bool looks_expected(const char *buf)
{
	const char *line = buf;
	while (*line == '#' || *line == '\n') {
		line = strchr(line, '\n');
		if (!line)
			return false;
		line++;
	}
	const char *t1 = strchr(line, '\t'), *nl = strchr(line, '\n');
	if (!t1 || (nl && t1 > nl) || t1 - line > 10)
		return false;
	const char *t2 = strchr(t1 + 1, '\t');
	if (!t2 || (nl && t2 > nl) || t2 - t1 - 1 < 2 || t2 - t1 - 1 > 3)
		return false; /* the language: ru, uz, en, ... */
	char word[12];
	memcpy(word, line, (size_t)(t1 - line));
	word[t1 - line] = 0;
	return expectation_label(word) >= 0;
}

/* Parses Vigil's own message lists (buf, changed in place; the caller releases
 * ds on failure): language<TAB>message lines, each with the given
 * label, or (expect) expect<TAB>language<TAB>message lines: "clean" 0,
 * "threat", "abusive" or "toxic" 1. In a list that has threats, the threat
 * category is labelled too: 1 for them, 0 for the clean lines (an abusive
 * line may or may not threaten). */
static int parse_message_list(struct dataset *ds, const char *path, char *buf, bool expect,
                              int label)
{
	int rc = 0;
	int lineno = 0;
	bool threats = false;
	for (char *cur = buf, *line; (line = file_next_line(&cur, &lineno));) {
		char *lang = line;
		int y = label;
		if (expect) {
			lang = strchr(line, '\t');
			if (lang) {
				*lang++ = 0;
				y = expectation_label(line);
				if (y < 0) {
					rc = error_set(VG_EFORMAT,
					               "%s line %d: the expectation must be clean, "
					               "threat, abusive or toxic, not \"%.20s\"",
					               path, lineno, line);
					break;
				}
			}
		}
		char *tab = lang ? strchr(lang, '\t') : NULL;
		if (!tab || !tab[1]) {
			rc = error_set(VG_EFORMAT, "%s line %d: want %slanguage<TAB>message", path,
			               lineno, expect ? "expect<TAB>" : "");
			break;
		}
		ds_add(ds, xstrdup(tab + 1), y, NULL);
		if (expect && !strcmp(line, "threat")) {
			ds->ex[ds->n - 1].cat_label[DCAT_THREAT] = 1;
			threats = true;
		}
	}
	for (size_t i = 0; threats && i < ds->n; i++)
		if (ds->ex[i].label == 0)
			ds->ex[i].cat_label[DCAT_THREAT] = 0;
	return rc;
}

int dataset_read(struct dataset *ds, const char *path)
{
	memset(ds, 0, sizeof(*ds));
	struct strbuf sb = STRBUF_INIT;
	int rc = file_read(path, 512u << 20, &sb);
	if (rc)
		return rc;
	/* a byte-order mark, as spreadsheet programs write it, is not text */
	size_t bom = sb.len >= 3 && !memcmp(sb.buf, "\xef\xbb\xbf", 3) ? 3 : 0;
	size_t k = strlen(path);
	if (k > 4 && !strcmp(path + k - 4, ".csv")) {
		rc = read_csv(ds, path, sb.buf + bom, sb.len - bom);
	} else if (looks_expected(sb.buf + bom)) {
		rc = parse_message_list(ds, path, sb.buf + bom, true, 0);
	} else {
		int lineno = 0;
		for (char *cur = sb.buf + bom, *line; (line = file_next_line(&cur, &lineno));) {
			char *tab = strrchr(line, '\t');
			if (!tab) {
				rc = error_set(VG_EFORMAT,
				               "%s line %d: want text<TAB>label (0 or 1)", path,
				               lineno);
				break;
			}
			*tab = 0;
			int y = parse_label(tab + 1);
			if (y < 0) {
				rc =
				    error_set(VG_EFORMAT,
				              "%s line %d: the label must be 0 or 1, not \"%.20s\"",
				              path, lineno, tab + 1);
				break;
			}
			ds_add(ds, xstrdup(line), y, NULL);
		}
	}
	strbuf_release(&sb);
	if (!rc && !ds->n)
		rc = error_set(VG_EFORMAT,
		               "%s holds no labelled texts (want text<TAB>label lines, a CSV "
		               "with comment and toxic columns, or expect<TAB>language<TAB>message "
		               "lines)",
		               path);
	if (rc)
		dataset_release(ds);
	return rc;
}

/* Reads one of Vigil's own message lists (parse_message_list). */
static int read_message_list(struct dataset *ds, const char *path, bool expect, int label)
{
	memset(ds, 0, sizeof(*ds));
	struct strbuf sb = STRBUF_INIT;
	int rc = file_read(path, 64u << 20, &sb);
	if (rc)
		return rc;
	size_t bom = sb.len >= 3 && !memcmp(sb.buf, "\xef\xbb\xbf", 3) ? 3 : 0;
	rc = parse_message_list(ds, path, sb.buf + bom, expect, label);
	strbuf_release(&sb);
	if (rc)
		dataset_release(ds);
	return rc;
}

int dataset_read_messages(struct dataset *ds, const char *path, int label)
{
	return read_message_list(ds, path, false, label);
}

int dataset_read_expected(struct dataset *ds, const char *path)
{
	return read_message_list(ds, path, true, 0);
}

void dataset_release(struct dataset *ds)
{
	for (size_t i = 0; i < ds->n; i++)
		free(ds->ex[i].text);
	free(ds->ex);
	memset(ds, 0, sizeof(*ds));
}

static uint32_t text_hash(const char *s)
{
	uint32_t h = fnv1a32(2166136261u, s, strlen(s));
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h;
}

bool dataset_is_test(const char *text)
{
	return text_hash(text) % 5 == 0;
}

struct scored {
	double s;
	int y;
};

static int cmp_scored(const void *a, const void *b)
{
	double x = ((const struct scored *)a)->s, y = ((const struct scored *)b)->s;
	return x < y ? -1 : x > y;
}

double metric_auc(const double *score, const int *label, size_t n)
{
	struct scored *v = xmalloc((n + 1) * sizeof(*v));
	size_t m = 0, pos = 0;
	for (size_t i = 0; i < n; i++) {
		if (label[i] < 0 || isnan(score[i]))
			continue; /* unlabelled, or no score to rank */
		v[m++] = (struct scored){score[i], label[i]};
		pos += label[i] == 1;
	}
	size_t neg = m - pos;
	if (!pos || !neg) {
		free(v);
		return NAN;
	}
	qsort(v, m, sizeof(*v), cmp_scored);
	/* rank sum with ties averaged */
	double rank_sum = 0;
	for (size_t i = 0; i < m;) {
		size_t j = i + 1; /* at least one: a NaN equals nothing */
		while (j < m && v[j].s == v[i].s)
			j++;
		double avg = (double)(i + j + 1) / 2.0;
		for (size_t q = i; q < j; q++)
			if (v[q].y == 1)
				rank_sum += avg;
		i = j;
	}
	free(v);
	return (rank_sum - (double)pos * (double)(pos + 1) / 2.0) / ((double)pos * (double)neg);
}
