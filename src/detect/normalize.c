/*
 * normalize.c - the canonical form of a message (see normalize.h).
 *
 * Three passes over code points that carry their input byte range:
 *  1. decode, NFKC + case fold each character with its combining marks
 *     (utf8proc, without allocating), drop invisible characters;
 *  2. cut into words (letters, digits, apostrophes and masking symbols inside
 *     letters), fold each word into its dominant script, digits and symbols
 *     into letters, collapse repeated letters;
 *  3. join runs of single letters ("у б ь ю"), emit words with single spaces.
 */
#include <utf8proc.h>

#include "detect/normalize.h"
#include "detect/unmask.h"
#include "util/util.h"

struct cpo {
	int32_t cp;
	size_t s, e; /* input byte range */
};

struct cpvec {
	struct cpo *v;
	size_t n, cap;
};

static void cp_push(struct cpvec *a, int32_t cp, size_t s, size_t e)
{
	if (a->n == a->cap)
		xgrow((void **)&a->v, &a->cap, a->n + 1, sizeof(*a->v));
	a->v[a->n++] = (struct cpo){cp, s, e};
}

enum cclass { C_SEP, C_LETTER, C_DIGIT, C_APOS, C_MASK };

static bool is_cyr(int32_t c)
{
	return c >= 0x400 && c <= 0x4ff;
}

static bool is_latin(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c <= 0x24f);
}

/* The class of each ASCII character, for classify's common case. */
static const unsigned char ascii_class[128] = {
    ['0' ... '9'] = C_DIGIT, ['a' ... 'z'] = C_LETTER, ['A' ... 'Z'] = C_LETTER, ['\''] = C_APOS,
    ['`'] = C_APOS,          ['@'] = C_MASK,           ['$'] = C_MASK,           ['*'] = C_MASK,
    ['!'] = C_MASK,          ['#'] = C_MASK,           ['%'] = C_MASK,
};

static enum cclass classify_other(int32_t c)
{
	if (c >= '0' && c <= '9')
		return C_DIGIT;
	if (c == '\'' || c == 0x2bb || c == 0x2bc || c == 0x2018 || c == 0x2019 || c == '`' ||
	    c == 0xb4)
		return C_APOS;
	if (c == '@' || c == '$' || c == '*' || c == '!' || c == '#' || c == '%')
		return C_MASK;
	if (c < 0x80)
		return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? C_LETTER : C_SEP;
	if (c >= 0x400 && c <= 0x481)
		return C_LETTER; /* every Cyrillic letter up to ҁ: the common case, no lookup */
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return C_LETTER;
	default:
		return C_SEP;
	}
}

/* Called for every character several times: Russian letters and ASCII are
 * answered without a call (it was 3% of a message's time). */
static inline enum cclass classify(int32_t c)
{
	if (c >= 0x430 && c <= 0x44f)
		return C_LETTER;
	if (c >= 0 && c < 0x80)
		return (enum cclass)ascii_class[c];
	return classify_other(c);
}

/* A Latin letter with a diacritic becomes its base letter ("fúck", "déad"),
 * except the letters of the Uzbek Latin alphabet of 1993 and of Turkish
 * keyboards, which become today's spelling: ö -> o', ğ -> g', ş -> sh,
 * ç -> ch. */
static void push_latin_base(struct cpvec *out, int32_t c, size_t s, size_t e)
{
	static const struct {
		int32_t from;
		char to[3];
	} uzbek[] = {{0xf6, "o'"}, {0x11f, "g'"}, {0x15f, "sh"}, {0xe7, "ch"}, {0x131, "i"}};
	for (size_t i = 0; i < ARRAY_SIZE(uzbek); i++)
		if (uzbek[i].from == c) {
			for (const char *t = uzbek[i].to; *t; t++)
				cp_push(out, *t, s, e);
			return;
		}
	int32_t d[4];
	utf8proc_ssize_t m =
	    utf8proc_decompose_char(c, d, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, NULL);
	cp_push(out, m == 1 && d[0] >= 'a' && d[0] <= 'z' ? d[0] : c, s, e);
}

bool normalize_is_apostrophe(int32_t c)
{
	return classify(c) == C_APOS;
}

/* Pass 1: decode and fold. */
static void decode_fold(const char *src, size_t n, struct cpvec *out)
{
	const utf8proc_option_t opts = UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
	                               UTF8PROC_STABLE | UTF8PROC_DECOMPOSE;
	const uint8_t *p = (const uint8_t *)src;
	size_t i = 0;
	while (i < n) {
		int32_t c;
		if (p[i] < 0x80 && (i + 1 == n || (p[i + 1] != 0xcc && p[i + 1] != 0xcd))) {
			/* fast path: ASCII not followed by a combining mark
			 * (U+0300..U+036F begin with 0xcc or 0xcd) */
			c = p[i];
			if (c >= 'A' && c <= 'Z')
				c += 32;
			cp_push(out, c, i, i + 1);
			i++;
			continue;
		}
		if ((p[i] == 0xd0 || p[i] == 0xd1) && i + 1 < n && (p[i + 1] & 0xc0) == 0x80 &&
		    (i + 2 == n || p[i + 2] < 0x80 || p[i + 2] == 0xd0 || p[i + 2] == 0xd1)) {
			/* fast path for the Russian alphabet not followed by a
			 * combining mark: NFKC leaves it as it is, folding is a shift */
			c = (p[i] & 0x1f) << 6 | (p[i + 1] & 0x3f);
			if (c >= 0x410 && c <= 0x44f) {
				if (c <= 0x42f)
					c += 0x20;
				cp_push(out, c, i, i + 2);
				i += 2;
				continue;
			}
			if (c == 0x401 || c == 0x451) { /* Ё, ё -> е */
				cp_push(out, 0x435, i, i + 2);
				i += 2;
				continue;
			}
		}
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0) {
			i++;
			continue;
		}
		/* the character and its combining marks form one cluster */
		size_t s = i, e = i + (size_t)k;
		int32_t buf[64];
		utf8proc_ssize_t m = utf8proc_decompose_char(c, buf, 32, opts, NULL);
		if (m < 0 || m > 32)
			m = 0;
		while (e < n) {
			int32_t c2;
			utf8proc_ssize_t k2 =
			    utf8proc_iterate(p + e, (utf8proc_ssize_t)(n - e), &c2);
			if (k2 <= 0 || utf8proc_get_property(c2)->combining_class == 0)
				break;
			if (m < 32) {
				utf8proc_ssize_t m2 =
				    utf8proc_decompose_char(c2, buf + m, 64 - m, opts, NULL);
				if (m2 > 0 && m + m2 <= 64)
					m += m2;
			}
			e += (size_t)k2;
		}
		if (m > 1)
			m = utf8proc_normalize_utf32(buf, m, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
		for (utf8proc_ssize_t j = 0; j < m; j++) {
			int32_t f = buf[j];
			if (f == 0x451)
				f = 0x435; /* ё -> е */
			else if (f == 0x200b || f == 0x200c || f == 0x200d || f == 0xad)
				continue;
			/* a mark left over after composing has no letter of its own
			 * in these languages: a stress mark ("е́б"), or the strokes
			 * and "zalgo" piled on letters to get past filters */
			else if (utf8proc_get_property(f)->combining_class != 0)
				continue;
			else if (f >= 0xc0 && f <= 0x24f) {
				push_latin_base(out, f, s, e);
				continue;
			}
			cp_push(out, f, s, e);
		}
		i = e;
	}
}

/* Latin look-alikes inside a Cyrillic word. */
static int32_t latin_to_cyr(int32_t c)
{
	switch (c) {
	case 'a':
		return 0x430; /* а */
	case 'b':
		return 0x432; /* в */
	case 'c':
		return 0x441; /* с */
	case 'd':
		return 0x434; /* д */
	case 'e':
		return 0x435; /* е */
	case 'h':
		return 0x43d; /* н */
	case 'k':
		return 0x43a; /* к */
	case 'm':
		return 0x43c; /* м */
	case 'n':
		return 0x43f; /* п */
	case 'o':
		return 0x43e; /* о */
	case 'p':
		return 0x440; /* р */
	case 'r':
		return 0x433; /* г */
	case 't':
		return 0x442; /* т */
	case 'u':
		return 0x438; /* и */
	case 'x':
		return 0x445; /* х */
	case 'y':
		return 0x443; /* у */
	case 'z':
		return 0x437; /* з */
	case 'i':
		return 0x438; /* и */
	default:
		return c;
	}
}

/* Cyrillic look-alikes inside a Latin word: а..я by table (looked up for
 * every Cyrillic letter of every word), then і and ѕ. */
static const char cyr_latin[32] = {
    'a', 0,   'b', 0,   0, 'e', 0, 0, 0, 0, 'k', 0, 'm', 'h', 'o', 0, /* а..п */
    'p', 'c', 't', 'y', 0, 'x', 0, 0, 0, 0, 0,   0, 0,   0,   0,   0, /* р..я */
};

static int32_t cyr_to_latin(int32_t c)
{
	if (c >= 0x430 && c <= 0x44f)
		return cyr_latin[c - 0x430] ? cyr_latin[c - 0x430] : c;
	if (c == 0x456)
		return 'i';
	if (c == 0x455)
		return 's';
	return c;
}

/* Greek look-alikes (after case folding) inside a Latin or Cyrillic word:
 * "whοre" with a Greek omicron. A word of Greek alone is left as it is. */
static int32_t greek_to_letter(int32_t c, bool cyr)
{
	static const struct {
		int32_t greek, lat, cyr;
	} alike[] = {
	    {0x3b1, 'a', 0x430}, {0x3b2, 'b', 0x432}, {0x3b5, 'e', 0x435}, {0x3b9, 'i', 0x438},
	    {0x3ba, 'k', 0x43a}, {0x3bd, 'v', 0x432}, {0x3bf, 'o', 0x43e}, {0x3c1, 'p', 0x440},
	    {0x3c4, 't', 0x442}, {0x3c5, 'u', 0x443}, {0x3c7, 'x', 0x445},
	};
	for (size_t i = 0; i < ARRAY_SIZE(alike); i++)
		if (alike[i].greek == c)
			return cyr ? alike[i].cyr : alike[i].lat;
	return c;
}

bool normalize_is_vowel(int32_t c)
{
	static const int32_t v[] = {'a',   'e',   'i',   'o',   'u',   'y',   0x430, 0x435,
	                            0x438, 0x43e, 0x443, 0x44b, 0x44d, 0x44e, 0x44f, 0x45e};
	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		if (v[i] == c)
			return true;
	return false;
}

int32_t normalize_digit_letter(int32_t c, bool cyr)
{
	static const int32_t to_cyr[10] = {0x43e, 0x438, 0x437, 0x437, 0x447,
	                                   0x431, 0x431, 0x442, 0x432, 0x44f};
	static const int32_t to_lat[10] = {'o', 'i', 'z', 'e', 'a', 's', 'b', 't', 'b', 'g'};
	if (!cyr && c == '2')
		return c; /* no Latin letter looks like 2 */
	return cyr ? to_cyr[c - '0'] : to_lat[c - '0'];
}

static int32_t mask_to_letter(int32_t c, bool cyr)
{
	switch (c) {
	case '@':
		return cyr ? 0x430 : 'a';
	case '$':
		return cyr ? 0x441 : 's';
	case '!':
		return cyr ? 0x438 : 'i';
	default:
		return '*';
	}
}

struct word {
	size_t from, to; /* range in the folded code points */
	int32_t gap;     /* the gap before it when short and only spaces, dots, dashes; else 0 */
	/* the gap before it is dots or underscores alone ("х..й", "г_нд_н"):
	 * how many underscores (0 for dots); -1 when it is not */
	int masked_gap;
	bool masked; /* a masking symbol in it ("пи**ец"), once folded */
	/* masking symbols right after it ("нах**": tail_k of them) or dots that
	 * end it ("бл...": tail_k 0), input bytes [tail_s, tail_e); none when equal */
	size_t tail_s, tail_e, tail_k;
};

static bool gap_char(int32_t c)
{
	return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '|' || c == ',';
}

/* What follows the word [.., b) of the token [.., j): masking symbols that
 * end it ("нах**"), or 2-6 dots or 1-4 underscores that end it ("бл...");
 * with a letter right after them, they may join it to the next word instead
 * ("х..й", "г_нд_н": *join_k, the number of underscores, 0 for dots, whose
 * number says nothing; -1 for no join). */
static void note_tail(const struct cpvec *cps, struct word *w, size_t b, size_t j, int *join_k)
{
	size_t k = 0;
	while (b + k < j && (cps->v[b + k].cp == '*' || cps->v[b + k].cp == '#'))
		k++;
	if (k) {
		w->tail_s = cps->v[b].s;
		w->tail_e = cps->v[b + k - 1].e;
		w->tail_k = k;
		return;
	}
	if (b != j || j >= cps->n)
		return;
	int32_t sym = cps->v[j].cp;
	size_t d = 0;
	while (j + d < cps->n && cps->v[j + d].cp == sym && (sym == '.' || sym == '_'))
		d++;
	if (!d || d > (sym == '.' ? 6u : 4u))
		return;
	if (sym == '.' && d < 2)
		return; /* a full stop, or "у.е.", "т.е." */
	if (j + d < cps->n && classify(cps->v[j + d].cp) == C_LETTER) {
		*join_k = sym == '_' ? (int)d : 0;
	} else {
		w->tail_s = cps->v[j].s;
		w->tail_e = cps->v[j + d - 1].e;
		w->tail_k = sym == '_' ? d : 0;
	}
}

/* Pass 2 for one word: fold scripts, digits, symbols; collapse repeats. */
static void fold_word(struct cpvec *cps, struct word *w, struct cpvec *out, size_t *ostart)
{
	size_t ncyr = 0, nlat = 0, ndig = 0;
	bool only_cyr = false; /* a Cyrillic letter with no Latin look-alike */
	for (size_t i = w->from; i < w->to; i++) {
		int32_t c = cps->v[i].cp;
		if (is_cyr(c)) {
			ncyr++;
			only_cyr |= cyr_to_latin(c) == c;
		} else if (is_latin(c))
			nlat++;
		else if (c >= '0' && c <= '9')
			ndig++;
	}
	bool cyr = ncyr > 0 && (3 * ncyr >= nlat || only_cyr);
	bool map_digits = ndig < ncyr + nlat;
	*ostart = out->n;
	for (size_t i = w->from; i < w->to; i++) {
		struct cpo c = cps->v[i];
		enum cclass k = classify(c.cp);
		if (k == C_DIGIT && map_digits)
			c.cp = normalize_digit_letter(c.cp, cyr);
		else if (k == C_MASK)
			w->masked |= (c.cp = mask_to_letter(c.cp, cyr)) == '*';
		else if (k == C_APOS)
			c.cp = '\'';
		else if (cyr && c.cp < 0x80)
			c.cp = latin_to_cyr(c.cp);
		else if (!cyr && nlat > 0 && is_cyr(c.cp))
			c.cp = cyr_to_latin(c.cp);
		else if (c.cp >= 0x3b1 && c.cp <= 0x3c9 && ncyr + nlat > 0)
			c.cp = greek_to_letter(c.cp, cyr);
		if (out->n > *ostart && out->v[out->n - 1].cp == c.cp &&
		    classify(c.cp) != C_DIGIT) {
			out->v[out->n - 1].e = c.e; /* repeated letter */
			continue;
		}
		cp_push(out, c.cp, c.s, c.e);
	}
}

/* Appends cp, from input bytes [s, e), to the normalised text. Called once
 * per character: ASCII and two-byte letters (Cyrillic) are encoded here, and
 * the bytes written straight into the buffer, which strbuf_add per character
 * had made a tenth of the cost of a message. */
static void emit(struct strbuf *sb, size_t **orig, size_t **orig_end, size_t *cap, int32_t cp,
                 size_t s, size_t e)
{
	uint8_t u[4];
	size_t k;
	if (cp < 0x80) {
		u[0] = (uint8_t)cp;
		k = 1;
	} else if (cp < 0x800) {
		u[0] = (uint8_t)(0xc0 | cp >> 6);
		u[1] = (uint8_t)(0x80 | (cp & 0x3f));
		k = 2;
	} else {
		k = (size_t)utf8proc_encode_char(cp, u);
	}
	if (sb->len + k + 1 > *cap) {
		size_t c2 = *cap;
		xgrow((void **)orig, &c2, sb->len + k + 1, sizeof(**orig));
		xgrow((void **)orig_end, cap, sb->len + k + 1, sizeof(**orig_end));
	}
	if (sb->len + k + 1 > sb->alloc)
		strbuf_grow(sb, k);
	for (size_t i = 0; i < k; i++) {
		(*orig)[sb->len + i] = s;
		(*orig_end)[sb->len + i] = e;
		sb->buf[sb->len + i] = (char)u[i];
	}
	sb->len += k;
	sb->buf[sb->len] = 0;
}

/* Do the run of single letters at f->v[starts[0]], f->v[starts[1]], ...
 * spell a word of the list? */
static bool spells_listed(const struct unmask_list *ml, const struct cpvec *f, const size_t *starts,
                          size_t run)
{
	int32_t cp[UNMASK_MAX];
	size_t n = 0;
	for (size_t i = 0; i < run && n < UNMASK_MAX; i++) {
		int32_t c = f->v[starts[i]].cp;
		if (n && cp[n - 1] == c)
			continue; /* repeated letters collapse, as in the list */
		cp[n++] = c;
	}
	return unmask_listed(ml, cp, n);
}

/* The output being built: the text and, per byte, its input range. */
struct emitter {
	struct strbuf sb;
	size_t *orig, *orig_end, cap;
};

/* Words [w, w + count) as one candidate for unmask_find: their letters, a
 * star per mask, the dots between two words and the mask or dots at the end;
 * s[i], e[i] the input bytes of item i. 0 when there is nothing masked or it
 * is too long. */
static size_t mask_candidate(const struct cpvec *f, const struct word *words, const size_t *wstart,
                             size_t w, size_t count, struct unmask_item *cand, size_t *s, size_t *e)
{
	size_t n = 0;
	bool masked = count > 1;
	for (size_t k = w; k < w + count; k++) {
		if (k > w) { /* the dots or underscores between */
			cand[n] = (struct unmask_item){0, (size_t)words[k].masked_gap, true};
			s[n] = f->v[wstart[k] - 1].e;
			e[n++] = f->v[wstart[k]].s;
		}
		for (size_t q = wstart[k]; q < wstart[k + 1]; q++) {
			if (n + 2 > UNMASK_MAX)
				return 0;
			struct cpo c = f->v[q];
			masked |= c.cp == '*';
			/* a folded '*' spans its run of one-byte masks */
			cand[n] = c.cp == '*' ? (struct unmask_item){0, c.e - c.s, false}
			                      : (struct unmask_item){c.cp, 0, false};
			s[n] = c.s;
			e[n++] = c.e;
		}
	}
	const struct word *last = &words[w + count - 1];
	if (last->tail_e > last->tail_s) {
		masked = true;
		cand[n] = (struct unmask_item){0, last->tail_k, true};
		s[n] = last->tail_s;
		e[n++] = last->tail_e;
	}
	return masked ? n : 0;
}

/* Emits word w, or w and the next one or two joined by dots or underscores, as the listed word its
 * masked spelling stands for (unmask.h); returns how many words it took (0: none). */
static size_t emit_unmasked(const struct unmask_list *ml, const struct cpvec *f,
                            const struct word *words, const size_t *wstart, size_t w, size_t nwords,
                            struct emitter *o)
{
	struct unmask_item cand[UNMASK_MAX];
	size_t s[UNMASK_MAX], e[UNMASK_MAX], from[UNMASK_MAX];
	size_t most = 1; /* "г_нд_н": up to three words */
	while (most < 3 && w + most < nwords && words[w + most].masked_gap >= 0)
		most++;
	if (most == 1 && !words[w].masked && words[w].tail_e == words[w].tail_s)
		return 0; /* nearly every word: nothing masked */
	for (size_t count = most; count; count--) {
		size_t n = mask_candidate(f, words, wstart, w, count, cand, s, e);
		const struct unmask_word *uw = n ? unmask_find(ml, cand, n, from) : NULL;
		if (!uw)
			continue;
		if (o->sb.len)
			emit(&o->sb, &o->orig, &o->orig_end, &o->cap, ' ',
			     o->orig_end[o->sb.len - 1], s[0]);
		for (size_t i = 0; i < uw->n; i++)
			emit(&o->sb, &o->orig, &o->orig_end, &o->cap, uw->cp[i], s[from[i]],
			     e[from[i]]);
		return count;
	}
	return 0;
}

void normalize_text(const char *src, size_t n, struct norm_text *out)
{
	normalize_text_masks(src, n, NULL, out);
}

void normalize_text_masks(const char *src, size_t n, const struct unmask_list *masks,
                          struct norm_text *out)
{
	/* sized for the common case (a code point per input byte at most, a
	 * word per two), so that most messages allocate each buffer once;
	 * compatibility decompositions may still grow them */
	struct cpvec cps = {xmalloc((n + 1) * sizeof(struct cpo)), 0, n + 1};
	struct cpvec folded = {xmalloc((n + 1) * sizeof(struct cpo)), 0, n + 1};
	decode_fold(src, n, &cps);

	/* cut into words */
	size_t wcap = n / 2 + 2, nwords = 0;
	struct word *words = xmalloc(wcap * sizeof(*words));
	size_t gap = 0;
	bool gap_ok = true;
	int join_pending = -1;
	int32_t gap_kind = ' ';
	for (size_t i = 0; i < cps.n;) {
		enum cclass k = classify(cps.v[i].cp);
		if (k == C_SEP || ((k == C_MASK || k == C_APOS) &&
		                   (i + 1 >= cps.n || classify(cps.v[i + 1].cp) == C_SEP))) {
			if (!gap_char(cps.v[i].cp) && cps.v[i].cp != '\t')
				gap_ok = false;
			if (!gap)
				gap_kind = cps.v[i].cp;
			gap++;
			i++;
			continue;
		}
		size_t j = i;
		while (j < cps.n && classify(cps.v[j].cp) != C_SEP)
			j++;
		int join_here = join_pending; /* the last word ended in "..", this one follows */
		join_pending = -1;
		/* strip masking symbols and apostrophes at the ends */
		size_t a = i, b = j;
		while (a < b && classify(cps.v[a].cp) != C_LETTER &&
		       classify(cps.v[a].cp) != C_DIGIT) {
			/* "$ука": a leading $ before a letter stands for one */
			if (cps.v[a].cp == '$' && a + 1 < b &&
			    classify(cps.v[a + 1].cp) == C_LETTER)
				break;
			a++;
		}
		while (b > a && classify(cps.v[b - 1].cp) != C_LETTER &&
		       classify(cps.v[b - 1].cp) != C_DIGIT) {
			/* "п!зд@": a final @ or $ after a letter stands for one */
			int32_t c = cps.v[b - 1].cp;
			if ((c == '@' || c == '$') && b - 1 > a &&
			    classify(cps.v[b - 2].cp) == C_LETTER)
				break;
			b--;
		}
		if (a < b) {
			/* "у*б*ь*ю": single letters alternating with one symbol -> split */
			size_t letters = 0;
			bool alternating = true;
			for (size_t q = a; q < b; q++) {
				bool even = ((q - a) % 2) == 0;
				enum cclass kq = classify(cps.v[q].cp);
				if (even ? kq != C_LETTER : (kq != C_MASK))
					alternating = false;
				letters += even;
			}
			if (alternating && letters >= 3) {
				for (size_t q = a; q < b; q += 2) {
					if (nwords == wcap)
						xgrow((void **)&words, &wcap, nwords + 1,
						      sizeof(*words));
					words[nwords++] =
					    (struct word){.from = q, .to = q + 1, .gap = '*'};
				}
			} else {
				if (nwords == wcap)
					xgrow((void **)&words, &wcap, nwords + 1, sizeof(*words));
				struct word *wd = &words[nwords++];
				*wd = (struct word){
				    .from = a,
				    .to = b,
				    .gap = gap_ok && gap <= 3 && (a - i) <= 1 ? gap_kind : 0};
				wd->masked_gap = a == i ? join_here : -1;
				note_tail(&cps, wd, b, j, &join_pending);
			}
		}
		gap = (j - b);
		gap_ok = true;
		gap_kind = j > b ? cps.v[b].cp : ' ';
		for (size_t q = b; q < j; q++)
			if (!gap_char(cps.v[q].cp))
				gap_ok = false;
		i = j;
	}

	/* fold each word */
	size_t *wstart = xmalloc((nwords + 1) * sizeof(*wstart));
	for (size_t w = 0; w < nwords; w++)
		fold_word(&cps, &words[w], &folded, &wstart[w]);
	wstart[nwords] = folded.n;

	/* emit, joining runs of >= 3 single letters */
	struct emitter o = {.cap = 2 * n + 16};
	strbuf_init(&o.sb, o.cap);
	o.orig = xmalloc(o.cap * sizeof(*o.orig));
	o.orig_end = xmalloc(o.cap * sizeof(*o.orig_end));
	for (size_t w = 0; w < nwords;) {
		size_t took =
		    masks ? emit_unmasked(masks, &folded, words, wstart, w, nwords, &o) : 0;
		if (took) {
			w += took;
			continue;
		}
		size_t run = 1;
		bool run_cyr = false; /* a letter of the run is Cyrillic */
		if (wstart[w + 1] - wstart[w] == 1 &&
		    classify(folded.v[wstart[w]].cp) == C_LETTER && w + 1 < nwords &&
		    words[w + 1].gap) {
			int32_t kind = words[w + 1].gap;
			/* a digit may stand for a letter inside the run ("п 1 з д у");
			 * the run ends on a letter */
			size_t letters = 1, end = 1;
			run_cyr = is_cyr(folded.v[wstart[w]].cp);
			while (w + run < nwords && words[w + run].gap == kind &&
			       wstart[w + run + 1] - wstart[w + run] == 1) {
				int32_t c = folded.v[wstart[w + run]].cp;
				enum cclass k = classify(c);
				if (k != C_LETTER && k != C_DIGIT)
					break;
				run++;
				if (k == C_LETTER) {
					letters++;
					end = run;
					run_cyr |= is_cyr(c);
				}
			}
			run = end;
			/* three spaced letters may be words ("а я и"); four rarely are,
			 * nor three that spell a listed swear word ("х у й"); a digit
			 * among them stands for a letter only beside two */
			bool listed = kind == ' ' && run == 3 && letters == 3 && masks &&
			              spells_listed(masks, &folded, wstart + w, run);
			if ((run < (kind == ' ' ? 4u : 3u) && !listed) ||
			    2 * (run - letters) > letters)
				run = 1;
		}
		if (o.sb.len)
			emit(&o.sb, &o.orig, &o.orig_end, &o.cap, ' ', o.orig_end[o.sb.len - 1],
			     folded.v[wstart[w]].s);
		int32_t last = -1;
		for (size_t q = wstart[w]; q < wstart[w + run]; q++) {
			int32_t c = folded.v[q].cp;
			if (run > 1 && classify(c) == C_DIGIT)
				c = normalize_digit_letter(c, run_cyr);
			if (c == last && run > 1)
				continue;
			last = c;
			emit(&o.sb, &o.orig, &o.orig_end, &o.cap, c, folded.v[q].s, folded.v[q].e);
		}
		w += run;
	}
	o.orig[o.sb.len] = n;
	o.orig_end[o.sb.len] = n;
	out->orig = o.orig;
	out->orig_end = o.orig_end;
	out->text = strbuf_detach(&o.sb, &out->len);
	free(wstart);
	free(words);
	free(cps.v);
	free(folded.v);
}

void norm_text_release(struct norm_text *t)
{
	free(t->text);
	free(t->orig);
	free(t->orig_end);
	memset(t, 0, sizeof(*t));
}

void norm_text_span(const struct norm_text *t, size_t start, size_t end, size_t *ostart,
                    size_t *oend)
{
	if (start > t->len)
		start = t->len;
	if (end > t->len)
		end = t->len;
	*ostart = t->orig[start];
	*oend = end > start ? t->orig_end[end - 1] : *ostart;
}

char *normalize_string(const char *s)
{
	struct norm_text t;
	normalize_text(s, strlen(s), &t);
	char *r = t.text;
	t.text = NULL;
	norm_text_release(&t);
	return r;
}

struct translit {
	const char *lat, *cyr;
};

/* Longest first, so that digraphs win. */
static const struct translit uz_table[] = {
    {"o'", "ў"}, {"g'", "ғ"}, {"sh", "ш"}, {"ch", "ч"}, {"yo", "ё"}, {"yu", "ю"}, {"ya", "я"},
    {"ye", "е"}, /* Cyrillic е reads ye after a vowel and word-initially: qayerda қаерда */
    {"ts", "ц"}, {"a", "а"},  {"b", "б"},  {"d", "д"},  {"e", "е"},  {"f", "ф"},  {"g", "г"},
    {"h", "ҳ"},  {"i", "и"},  {"j", "ж"},  {"k", "к"},  {"l", "л"},  {"m", "м"},  {"n", "н"},
    {"o", "о"},  {"p", "п"},  {"q", "қ"},  {"r", "р"},  {"s", "с"},  {"t", "т"},  {"u", "у"},
    {"v", "в"},  {"x", "х"},  {"y", "й"},  {"z", "з"},  {"'", "ъ"},
};

char *normalize_uz_to_cyrillic(const char *latin)
{
	struct strbuf sb;
	strbuf_init(&sb, strlen(latin) * 2 + 1);
	for (const char *p = latin; *p;) {
		const struct translit *hit = NULL;
		for (size_t i = 0; i < ARRAY_SIZE(uz_table) && !hit; i++) {
			size_t k = strlen(uz_table[i].lat);
			if (!strncmp(p, uz_table[i].lat, k))
				hit = &uz_table[i];
		}
		if (hit) {
			strbuf_adds(&sb, hit->cyr);
			p += strlen(hit->lat);
		} else {
			strbuf_addch(&sb, *p++);
		}
	}
	return strbuf_detach(&sb, NULL);
}

char *normalize_uz_to_latin(const char *cyr)
{
	static const struct translit extra[] = {{"e", "э"}, {"sh", "щ"}, {"", "ь"}, {"e", "ё"}};
	struct strbuf sb;
	strbuf_init(&sb, strlen(cyr) * 2 + 1);
	for (const char *p = cyr; *p;) {
		const char *lat = NULL;
		size_t k = 0;
		for (size_t i = 0; i < ARRAY_SIZE(uz_table) && !lat; i++) {
			k = strlen(uz_table[i].cyr);
			if (!strncmp(p, uz_table[i].cyr, k) && (unsigned char)*p >= 0x80)
				lat = uz_table[i].lat;
		}
		for (size_t i = 0; i < ARRAY_SIZE(extra) && !lat; i++) {
			k = strlen(extra[i].cyr);
			if (!strncmp(p, extra[i].cyr, k))
				lat = extra[i].lat;
		}
		if (lat) {
			strbuf_adds(&sb, lat);
			p += k;
		} else {
			strbuf_addch(&sb, *p++);
		}
	}
	return strbuf_detach(&sb, NULL);
}

double normalize_russian_share(const char *text, size_t len, const size_t (*foreign)[2], size_t n)
{
	size_t words = 0, russian = 0;
	size_t i = 0;
	while (i < len) {
		while (i < len && text[i] == ' ')
			i++;
		size_t word = i;
		bool letters = false, cyrillic = false, other = false;
		while (i < len && text[i] != ' ') {
			utf8proc_int32_t c;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
			                                      (utf8proc_ssize_t)(len - i), &c);
			if (k <= 0) {
				i++;
				continue;
			}
			i += (size_t)k;
			if (c >= 0x430 && c <= 0x44F) /* а-я: the text is folded to lower case */
				letters = cyrillic = true;
			else if ((c >= 'a' && c <= 'z') || (c >= 0x450 && c <= 0x52F) ||
			         utf8proc_category(c) == UTF8PROC_CATEGORY_LL)
				letters = other = true;
		}
		for (size_t f = 0; f < n && !other; f++)
			other = foreign[f][0] < i && foreign[f][1] > word;
		if (letters) {
			words++;
			russian += cyrillic && !other;
		}
	}
	return words ? (double)russian / (double)words : 0.0;
}

#define W(lit) LISTED_WORD(lit)

bool normalize_word_listed(const char *w, size_t n, const struct listed_word *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (list[i].n == n && !memcmp(list[i].s, w, n))
			return true;
	return false;
}

static bool ends_with(const char *w, size_t n, const struct listed_word *suffix)
{
	/* a stem of one letter (two bytes) or more before it */
	return n > suffix->n + 2 && !memcmp(w + n - suffix->n, suffix->s, suffix->n);
}

bool normalize_uzbek_cyrillic(const char *text, size_t len)
{
	/* Russian function words, which Uzbek does not use even in a mixed
	 * message (it borrows "спасибо", "короче", not "что"), and the
	 * commonest Uzbek words and endings; as the normaliser leaves them
	 * (lower case, doubled letters collapsed) */
	static const struct listed_word russian[] = {
	    W("и"),    W("в"),      W("не"),   W("на"),  W("я"),    W("что"),   W("с"),
	    W("он"),   W("а"),      W("как"),  W("это"), W("по"),   W("но"),    W("ты"),
	    W("к"),    W("у"),      W("же"),   W("вы"),  W("за"),   W("бы"),    W("так"),
	    W("его"),  W("все"),    W("она"),  W("от"),  W("мне"),  W("было"),  W("вот"),
	    W("меня"), W("еще"),    W("нет"),  W("о"),   W("из"),   W("ему"),   W("когда"),
	    W("даже"), W("ли"),     W("если"), W("уже"), W("или"),  W("был"),   W("до"),
	    W("вас"),  W("там"),    W("они"),  W("где"), W("есть"), W("надо"),  W("для"),
	    W("мы"),   W("тебя"),   W("их"),   W("чем"), W("была"), W("без"),   W("кто"),
	    W("этот"), W("тебе"),   W("мой"),  W("моя"), W("твой"), W("будет"), W("может"),
	    W("тоже"), W("только"), W("очень")};
	static const struct listed_word uzbek[] = {
	    W("экан"),  W("эмас"),   W("учун"),   W("билан"),  W("керак"),    W("мумкин"),
	    W("эди"),   W("бўлди"),  W("булди"),  W("нима"),   W("қандай"),   W("кандай"),
	    W("деб"),   W("энди"),   W("жуда"),   W("йўқ"),    W("йук"),      W("ҳеч"),
	    W("хеч"),   W("раҳмат"), W("рахмат"), W("яхши"),   W("ассалому"), W("алайкум"),
	    W("мен"),   W("сен"),    W("сиз"),    W("биз"),    W("улар"),     W("менга"),
	    W("сенга"), W("сизга"),  W("менинг"), W("сенинг"), W("унинг"),    W("ҳозир"),
	    W("хозир"), W("бугун"),  W("эртага"), W("қилиб"),  W("килиб"),    W("бўлса"),
	    W("булса"), W("ва"),     W("ҳам"),    W("бор")};
	static const struct listed_word suffixes[] = {
	    W("нинг"), W("ларни"), W("ларга"), W("лардан"), W("ларда"), W("лар"), W("ни"),
	    W("га"),   W("да"),    W("дан"),   W("ган"),    W("ди"),    W("миз"), W("сиз"),
	    W("ман"),  W("сан"),   W("япти"),  W("моқ"),    W("лик")};
	int uz = 0;
	for (size_t i = 0; i < len;) {
		const char *space = memchr(text + i, ' ', len - i);
		size_t w = i, n = (space ? (size_t)(space - text) : len) - w;
		i = w + n + 1;
		/* the letters by their UTF-8 bytes: а-я lead with D0 or D1, and
		 * continuation bytes never take those values */
		const unsigned char *b = (const unsigned char *)text + w;
		bool cyrillic = false, uz_letter = false, ru_letter = false;
		for (size_t k = 0; k + 1 < n; k++) {
			if (b[k] == 0xD0 || b[k] == 0xD1)
				cyrillic = true;
			if (b[k] == 0xD1 && (b[k + 1] == 0x8B || b[k + 1] == 0x89))
				ru_letter = true; /* ы щ */
			if ((b[k] == 0xD1 && b[k + 1] == 0x9E) ||
			    (b[k] == 0xD2 &&
			     (b[k + 1] == 0x9B || b[k + 1] == 0x93 || b[k + 1] == 0xB3)))
				uz_letter = cyrillic = true; /* ў қ ғ ҳ */
		}
		if (!cyrillic)
			continue;
		/* an Uzbek word or letter counts 3, an Uzbek ending 1 (Russian
		 * has "уходи отсюда" too), a Russian word -6 */
		if (ru_letter || normalize_word_listed(text + w, n, russian, ARRAY_SIZE(russian))) {
			if (uz < 6)
				return false; /* Russian, or too little Uzbek before it */
			uz -= 6;
		} else if (uz_letter ||
		           normalize_word_listed(text + w, n, uzbek, ARRAY_SIZE(uzbek))) {
			uz += 3;
		} else {
			for (size_t s = 0; s < ARRAY_SIZE(suffixes); s++) {
				if (ends_with(text + w, n, &suffixes[s])) {
					uz++;
					break;
				}
			}
		}
	}
	return uz >= 3;
}
