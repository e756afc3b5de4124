/*
 * unmask.c - the words that masked spellings stand for (see unmask.h).
 */
#include <utf8proc.h>

#include "detect/normalize.h"
#include "detect/unmask.h"
#include "util/fileio.h"
#include "util/util.h"

static void add_word(struct unmask_word **v, size_t *n, size_t *cap, const char *norm)
{
	size_t len = strlen(norm);
	int32_t *cp = xmalloc((len + 1) * sizeof(*cp));
	size_t k = 0;
	for (size_t i = 0; i < len;) {
		int32_t c;
		utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)norm + i,
		                                         (utf8proc_ssize_t)(len - i), &c);
		if (step <= 0)
			break; /* normalize_string writes valid UTF-8 */
		cp[k++] = c;
		i += (size_t)step;
	}
	if (*n == *cap)
		xgrow((void **)v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = (struct unmask_word){cp, k};
}

int unmask_load(struct unmask_list *l, const char *path)
{
	memset(l, 0, sizeof(*l));
	struct strbuf content = STRBUF_INIT;
	int rc = file_read(path, 4u << 20, &content);
	if (rc)
		return rc;
	l->checksum = fnv1a32(2166136261u, content.buf, content.len);
	size_t cap = 0, wcap = 0;
	int lineno = 0;
	for (char *cur = content.buf, *line; (line = file_next_line(&cur, &lineno));) {
		char *kind = strchr(line, '\t');
		char *note = kind ? strchr(kind + 1, '\t') : NULL;
		if (kind)
			*kind++ = 0;
		if (note)
			*note = 0;
		char *norm = normalize_string(line);
		bool one_word = *norm && !strchr(norm, ' ') && !strchr(norm, '*');
		bool masked = kind && !strcmp(kind, "masked"),
		     whole = kind && !strcmp(kind, "whole");
		if (one_word && strlen(norm) > UNMASK_MAX)
			rc = error_set(VG_EFORMAT, "%s line %d: a word of at most %d bytes, please",
			               path, lineno, UNMASK_MAX);
		else if (one_word && masked)
			add_word(&l->words, &l->n, &cap, norm);
		else if (one_word && whole)
			add_word(&l->whole, &l->nwhole, &wcap, norm);
		else
			rc = error_set(VG_EFORMAT,
			               "%s line %d: want one word<TAB>masked or whole<TAB>note",
			               path, lineno);
		free(norm);
		if (rc)
			break;
	}
	strbuf_release(&content);
	if (rc)
		unmask_release(l);
	return rc;
}

static void release_words(struct unmask_word *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].cp);
	free(v);
}

void unmask_release(struct unmask_list *l)
{
	release_words(l->words, l->n);
	release_words(l->whole, l->nwhole);
	memset(l, 0, sizeof(*l));
}

/* Does cand[ci..) spell w[wi..)? How many letters a star may cover: its
 * count exactly when exact (one letter shown: "х**"); else from one fewer to
 * one more than its count ("пи*ец", "Х***сос", "п***абол"), and for
 * dots, whose number says nothing, 1 to 4 but no more than the letters shown
 * (visible): "х..й", "пи..ец", but not "у..е" for уебище. from[] records
 * where each letter of w came from. */
static bool fits(const struct unmask_item *cand, size_t n, size_t ci, const struct unmask_word *w,
                 size_t wi, bool exact, size_t visible, size_t *from)
{
	if (ci == n)
		return wi == w->n;
	if (cand[ci].cp) {
		if (wi >= w->n || w->cp[wi] != cand[ci].cp)
			return false;
		from[wi] = ci;
		return fits(cand, n, ci + 1, w, wi + 1, exact, visible, from);
	}
	size_t k = cand[ci].count, lo, hi;
	if (exact)
		lo = hi = k;
	else if (k)
		lo = k > 1 ? k - 1 : 1, hi = k + 1;
	else
		lo = 1, hi = visible < 2 ? 2 : visible < 4 ? visible : 4;
	for (size_t q = lo; q <= hi && wi + q <= w->n; q++) {
		for (size_t r = 0; r < q; r++)
			from[wi + r] = ci;
		if (fits(cand, n, ci + 1, w, wi + q, exact, visible, from))
			return true;
	}
	return false;
}

/* Is the word in Latin letters, and does every mask of the candidate hide
 * one vowel under one symbol inside it ("sl*t")? The lexicons match those
 * themselves (a vowel of a pattern also matches '*'), and the word is not
 * read: "sl#t your throat" is slit, not the listed slut. English is scored by
 * the lexicons; in Russian, which the classifier reads, "с*ка" is read as
 * сука, for the classifier's n-grams of "с*ка" are ones it has rarely seen
 * ("с*ка, иностранный агент" scored 0.53, "сука, иностранный агент" 0.84). */
static bool vowels_only(const struct unmask_item *cand, size_t n, const struct unmask_word *w,
                        const size_t *from)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->cp[i] >= 0x80)
			return false;
	for (size_t i = 0, wi = 0; i < n; i++) {
		size_t covered = 0;
		while (wi < w->n && from[wi] == i) {
			covered++;
			wi++;
		}
		if (!cand[i].cp && (cand[i].gap || cand[i].count != 1 || covered != 1 ||
		                    !normalize_is_vowel(w->cp[wi - 1])))
			return false;
	}
	return true;
}

static bool same(const struct unmask_word *w, const int32_t *cp, size_t n)
{
	return w->n == n && !memcmp(w->cp, cp, n * sizeof(*cp));
}

/* Are the n items all letters, and the word? */
static bool spells(const struct unmask_word *w, const struct unmask_item *cand, size_t n)
{
	if (w->n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (cand[i].cp != w->cp[i])
			return false;
	return true;
}

const struct unmask_word *unmask_find(const struct unmask_list *l, const struct unmask_item *cand,
                                      size_t n, size_t *from)
{
	if (!l || !l->n || n > UNMASK_MAX)
		return NULL;
	size_t visible = 0, stars = 0;
	bool counted = true; /* every mask says how many letters it hides */
	for (size_t i = 0; i < n; i++) {
		if (!cand[i].cp) {
			stars++;
			counted &= cand[i].count > 0;
		} else {
			visible++;
		}
	}
	/* no masked word has more than a few masks; the search below tries up
	 * to four lengths for each, so a hostile "а*а*а*а*..." is not tried */
	if (!stars || stars > 4 || !visible || (visible == 1 && !counted))
		return NULL;
	const struct unmask_item *last = &cand[n - 1];
	if (stars == 1 && !last->cp && last->gap && !last->count) {
		/* cut off by dots: not when what is left is a word of its own */
		for (size_t i = 0; i < l->nwhole; i++)
			if (spells(&l->whole[i], cand, n - 1))
				return NULL;
		for (size_t i = 0; i < l->n; i++)
			if (spells(&l->words[i], cand, n - 1))
				return NULL;
	}
	for (size_t i = 0; i < l->n; i++)
		if (fits(cand, n, 0, &l->words[i], 0, visible == 1, visible, from))
			return vowels_only(cand, n, &l->words[i], from) ? NULL : &l->words[i];
	return NULL;
}

bool unmask_listed(const struct unmask_list *l, const int32_t *cp, size_t n)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (same(&l->words[i], cp, n))
			return true;
	return false;
}
