/*
 * translit.c - Russian typed in Latin letters, read back into Cyrillic.
 * See translit.h.
 */
#include "detect/translit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/util.h"

/* --- which language the Latin words are ---------------------------------- */

/* The commonest words of Russian in Latin letters, of English and of Uzbek
 * in Latin script, as the normaliser leaves them (lower case, doubled letters
 * collapsed: "wil", "gona", "asalomu") and without apostrophes. Words two of
 * the languages share are in none of the lists: i, a, to, no, on, do, u, k,
 * my, da, net, ona, pro, im. */
#define W(lit) LISTED_WORD(lit)

static const struct listed_word russian_words[] = {
    W("ya"), W("ty"), W("ti"), W("tebya"), W("tebja"), W("tebia"), W("tebe"), W("menya"),
    W("menja"), W("mne"), W("chto"), W("shto"), W("eto"), W("etot"), W("eta"), W("eti"), W("etu"),
    W("kak"), W("tak"), W("vy"), W("oni"), W("ono"), W("tvoy"), W("tvoj"), W("tvoi"), W("tvoya"),
    W("tvoja"), W("tvoyu"), W("tvoju"), W("tvoe"), W("tvoego"), W("tvoey"), W("tvoej"), W("tvoikh"),
    W("tvoih"), W("svoy"), W("svoyu"), W("svoju"), W("svoi"), W("svoego"), W("svoey"), W("moy"),
    W("moj"), W("moya"), W("moja"), W("moyu"), W("moi"), W("moego"), W("esli"), W("yesli"),
    W("eshche"), W("eshe"), W("esche"), W("uzhe"), W("uje"), W("tolko"), W("budet"), W("budesh"),
    W("budu"), W("budut"), W("budem"), W("nado"), W("nuzhno"), W("vot"), W("kto"), W("gde"),
    W("kogda"), W("poka"), W("skoro"), W("vse"), W("vsyo"), W("vsio"), W("vsem"), W("vsekh"),
    W("ili"), W("ne"), W("dlya"), W("dlja"), W("bez"), W("zhe"), W("sebya"), W("sebe"), W("nas"),
    W("vas"), W("nam"), W("vam"), W("nikto"), W("nichego"), W("nikogda"), W("togda"), W("potom"),
    W("seychas"), W("sejchas"), W("segodnya"), W("zavtra"), W("vchera"), W("tut"), W("tam"),
    W("zdes"), W("ochen"), W("khorosho"), W("horosho"), W("ladno"), W("spasibo"), W("privet"),
    W("mozhet"), W("mozhno"), W("nelzya"), W("davay"), W("znaesh"), W("znayu"), W("znaem"),
    W("khochesh"), W("hochesh"), W("dumaesh"), W("ponyal"), W("ponyala"), W("tozhe"), W("takoy"),
    W("takaya"), W("takie"), W("cherez"), W("posle"), W("emu"), W("ego"), W("yego"), W("yeye"),
    W("ikh"), W("ih"), W("ney"), W("nego"), W("nikh"), W("chtoby"), W("chtob"), W("potomu"),
    W("pochemu"), W("zachem"), W("teper"), W("vsegda"), W("opyat"), W("sovsem"), W("prosto"),
    W("vobshche"), W("vobshe"), W("dazhe"), W("byl"), W("byla"), W("bylo"), W("yest"), W("est"),
    W("na"), W("po"), W("za"), W("ot"), W("iz"), W("v"), W("s"), W("pri"), W("nad"), W("pod"),
    W("chem"), W("togo"), W("vsyu"), W("svoikh"), W("kotory"), W("kotoraya"), W("kotorye"),
    W("mnoy"), W("toboy"), W("soboy"), W("menia"), W("sam"), W("sama"), W("sami"), W("uvidish"),
    W("pomni"), W("zapomni"), W("ponyatno"),
    /* the same words in the other conventions: ja for я, j for й, i for ы */
    W("ja"), W("jesli"), W("tvoei"), W("tvoim"), W("tvoimi"), W("svoim"), W("svoimi"), W("svoei"),
    W("moei"), W("nei"), W("nim"), W("jest"), W("jeshche"), W("jeshe"), W("kotoryi")};

static const struct listed_word english_words[] = {
    W("the"),   W("you"),  W("your"), W("youre"), W("and"),  W("is"),   W("are"),    W("was"),
    W("were"),  W("of"),   W("in"),   W("it"),    W("its"),  W("this"), W("that"),   W("wil"),
    W("me"),    W("we"),   W("they"), W("for"),   W("with"), W("not"),  W("be"),     W("have"),
    W("what"),  W("at"),   W("so"),   W("just"),  W("al"),   W("he"),   W("she"),    W("ur"),
    W("yes"),   W("ok"),   W("if"),   W("can"),   W("know"), W("get"),  W("go"),     W("dont"),
    W("am"),    W("our"),  W("us"),   W("them"),  W("his"),  W("her"),  W("there"),  W("here"),
    W("about"), W("when"), W("how"),  W("why"),   W("who"),  W("from"), W("like"),   W("one"),
    W("an"),    W("or"),   W("but"),  W("youl"),  W("il"),   W("gona"), W("please"), W("thanks"),
    W("hi"),    W("helo"), W("yeah"), W("fuck")};

static const struct listed_word uzbek_words[] = {
    W("va"),      W("bu"),      W("men"),    W("sen"),    W("siz"),     W("biz"),    W("ular"),
    W("menga"),   W("senga"),   W("sizga"),  W("meni"),   W("seni"),    W("sizni"),  W("mening"),
    W("sening"),  W("sizning"), W("uning"),  W("bilan"),  W("uchun"),   W("emas"),   W("kerak"),
    W("ham"),     W("edi"),     W("ekan"),   W("nima"),   W("nega"),    W("qanday"), W("qachon"),
    W("endi"),    W("juda"),    W("yoq"),    W("hech"),   W("rahmat"),  W("yaxshi"), W("asalomu"),
    W("alaykum"), W("hozir"),   W("bugun"),  W("ertaga"), W("qilib"),   W("bolsa"),  W("bor"),
    W("deb"),     W("oz"),      W("mumkin"), W("shu"),    W("bir"),     W("har"),    W("lekin"),
    W("chunki"),  W("agar"),    W("kim"),    W("qil"),    W("qilaman"), W("boladi"), W("aka"),
    W("opa"),     W("uka"),     W("ota"),    W("onang"),  W("onangni"), W("sani"),   W("sanga"),
    W("qani"),    W("nimaga"),  W("yana"),   W("hali"),   W("faqat"),   W("emasan"), W("qilasan"),
    W("bolasan")};

bool translit_ru_detect(const char *norm, size_t len)
{
	/* most messages are Cyrillic: leave at once unless Latin letters are
	 * the most of the letters. First, eight bytes at a time: when half the
	 * bytes or more are non-ASCII, the ASCII letters are at most twice the
	 * non-ASCII characters (two bytes each, or more) */
	size_t high = 0, i8 = 0;
	for (; i8 + 8 <= len; i8 += 8) {
		uint64_t w;
		memcpy(&w, norm + i8, 8);
		high += (size_t)__builtin_popcountll(w & 0x8080808080808080ull);
	}
	for (; i8 < len; i8++)
		high += (unsigned char)norm[i8] >= 0x80;
	if (2 * high >= len)
		return false;
	size_t latin = 0, other = 0, ru = 0, en = 0, uz = 0, words = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && norm[j] != ' ')
			j++;
		char w[16];
		size_t n = 0;
		for (size_t k = i; k < j; k++) {
			unsigned char c = (unsigned char)norm[k];
			latin += c >= 'a' && c <= 'z';
			other += c >= 0xc0; /* the first byte of a non-ASCII character */
			if (c != '\'' && n < sizeof(w))
				w[n++] = (char)c;
		}
		if (n && n < sizeof(w)) {
			ru += normalize_word_listed(w, n, russian_words, ARRAY_SIZE(russian_words));
			en += normalize_word_listed(w, n, english_words, ARRAY_SIZE(english_words));
			uz += normalize_word_listed(w, n, uzbek_words, ARRAY_SIZE(uzbek_words));
		}
		/* o', g' and q are Uzbek's own (ko'rishamiz, kechqurun), and so
		 * are its plural and possessive endings (hujjatlarni) */
		bool uzbek_letters = false;
		for (size_t k = i; k < j; k++)
			uzbek_letters |=
			    norm[k] == 'q' || (norm[k] == '\'' && k > i &&
			                       (norm[k - 1] == 'o' || norm[k - 1] == 'g'));
		static const struct listed_word endings[] = {
		    W("lar"),  W("larni"), W("larga"), W("lardan"), W("larda"),
		    W("lari"), W("larim"), W("ning"),  W("imiz"),   W("ingiz")};
		for (size_t k = 0; k < ARRAY_SIZE(endings) && !uzbek_letters; k++) {
			size_t m = endings[k].n; /* after a stem of two letters or more */
			uzbek_letters = j - i > m + 1 && !memcmp(norm + j - m, endings[k].s, m);
		}
		uz += uzbek_letters;
		words += j > i;
		i = j + 1;
	}
	/* two Russian words and more than twice as many as of the others
	 * (Uzbek chat borrows "davay", "poka", "spasibo"); a message of up to
	 * three words ("ty trup") needs one and none of the others */
	if (latin < 2 || latin <= 2 * other)
		return false; /* Latin letters are not most of the letters */
	return (ru >= 2 && ru > 2 * (en + uz)) || (ru >= 1 && en + uz == 0 && words <= 3);
}

/* --- the Cyrillic reading ------------------------------------------------ */

struct out_text {
	struct norm_text *t;
	const struct norm_text *in;
};

/* Appends one byte of the reading, made from the input bytes [s, e). */
static void put_byte(struct norm_text *t, char b, size_t s, size_t e)
{
	t->orig[t->len] = s;
	t->orig_end[t->len] = e;
	t->text[t->len++] = b;
}

/* Appends the code point cp (below U+0800: Cyrillic, or ASCII copied
 * through) made from the input bytes [s, e). */
static void put_at(struct norm_text *t, uint32_t cp, size_t s, size_t e)
{
	if (cp < 0x80) {
		put_byte(t, (char)cp, s, e);
	} else {
		put_byte(t, (char)(0xc0 | cp >> 6), s, e);
		put_byte(t, (char)(0x80 | (cp & 0x3f)), s, e);
	}
}

/* Appends cp made from the normalised Latin bytes [from, to). */
static void put(struct out_text *o, uint32_t cp, size_t from, size_t to)
{
	put_at(o->t, cp, o->in->orig[from], o->in->orig_end[to - 1]);
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Transliterates the normalised Latin word [i, j) of o->in. */
static void word_to_cyrillic(struct out_text *o, const char *src, size_t i, size_t j)
{
	/* longest first; "iya" is и + я (rossiya), "ia" alone я (zria, bliad) */
	static const struct {
		struct listed_word lat;
		uint32_t cyr;
	} multi[] = {
	    {W("shch"), 0x449}, {W("zh"), 0x436}, {W("kh"), 0x445}, {W("ch"), 0x447},
	    {W("sh"), 0x448},   {W("yu"), 0x44e}, {W("ju"), 0x44e}, {W("iu"), 0x44e},
	    {W("ya"), 0x44f},   {W("ja"), 0x44f}, {W("ia"), 0x44f}, {W("yo"), 0x435},
	    {W("jo"), 0x435},   {W("ye"), 0x435}, {W("je"), 0x435},
	};
	static const uint32_t single[26] = {
	    0x430, 0x431, 0x446, 0x434, 0x435, 0x444, 0x433, 0x445, 0x438,
	    0x436, 0x43a, 0x43b, 0x43c, 0x43d, 0x43e, 0x43f, 0x43a, 0x440,
	    0x441, 0x442, 0x443, 0x432, 0x448, 0x445, 0x44b, 0x437,
	}; /* a..z; j, y: by their neighbours below */
	const char *w = o->in->text;
	for (size_t p = i; p < j;) {
		char c = w[p];
		size_t s = o->in->orig[p], e = o->in->orig_end[p];
		if (e == s + 1 && src[s] >= '0' && src[s] <= '9') {
			/* the input had a digit there */
			put(o, (uint32_t)normalize_digit_letter(src[s], true), p, p + 1);
			p++;
			continue;
		}
		if (c == '\'') {
			put(o, 0x44c, p, p + 1); /* ь */
			p++;
			continue;
		}
		if (c < 'a' || c > 'z') {
			put(o, (unsigned char)c, p, p + 1);
			p++;
			continue;
		}
		/* -tsya, -t'sya: the reflexive ending, not ц */
		if (c == 't' && j - p == 4 && !memcmp(w + p, "tsya", 4)) {
			put(o, 0x442, p, p + 1);
			put(o, 0x441, p + 1, p + 2);
			put(o, 0x44f, p + 2, p + 4);
			break;
		}
		if (c == 't' && p + 1 < j && w[p + 1] == 's') {
			put(o, 0x446, p, p + 2); /* ц */
			p += 2;
			continue;
		}
		/* consonant + "ye": -ые at the end of a word (gryaznye), ье
		 * inside it (obyezd); after a vowel it is е (tvoye) */
		if (c == 'y' && p > i && !is_vowel(w[p - 1]) && w[p - 1] != '\'' && p + 1 < j &&
		    w[p + 1] == 'e') {
			bool last = p + 2 == j;
			put(o, last ? 0x44b : 0x44c, p, p + 1);
			put(o, 0x435, p + 1, p + 2);
			p += 2;
			continue;
		}
		size_t k = 0;
		while (k < ARRAY_SIZE(multi) &&
		       !(p + multi[k].lat.n <= j && !memcmp(w + p, multi[k].lat.s, multi[k].lat.n)))
			k++;
		if (k < ARRAY_SIZE(multi)) {
			put(o, multi[k].cyr, p, p + multi[k].lat.n);
			p += multi[k].lat.n;
			continue;
		}
		bool after_vowel = p > i && is_vowel(w[p - 1]);
		uint32_t cyr = single[c - 'a'];
		if (c == 'e' && p == i && p + 1 < j && (w[p + 1] == 't' || w[p + 1] == 'k'))
			cyr = 0x44d; /* eto, ekstremist: э */
		if (c == 'y')
			cyr = after_vowel ? 0x439 : 0x44b; /* moy: й; ty, syn: ы */
		else if (c == 'j')
			cyr = after_vowel ? 0x439 : 0x436; /* moj, xuj: й; jdi: ж */
		put(o, cyr, p, p + 1);
		p++;
	}
}

/* The length of the apostrophe at src[i] (of n bytes), or 0. */
static size_t apostrophe_at(const char *src, size_t n, size_t i)
{
	int32_t c;
	utf8proc_ssize_t k = i < n ? utf8proc_iterate((const utf8proc_uint8_t *)src + i,
	                                              (utf8proc_ssize_t)(n - i), &c)
	                           : 0;
	return k > 0 && normalize_is_apostrophe(c) ? (size_t)k : 0;
}

void translit_ru_text(const char *src, size_t srclen, const struct norm_text *latin,
                      struct norm_text *out)
{
	/* at most two bytes out for each byte in, and a ь for each word */
	size_t cap = 3 * latin->len + 3;
	out->text = xmalloc(cap);
	out->orig = xmalloc((cap + 1) * sizeof(*out->orig));
	out->orig_end = xmalloc((cap + 1) * sizeof(*out->orig_end));
	out->len = 0;
	struct out_text o = {out, latin};
	const char *w = latin->text;
	for (size_t i = 0; i < latin->len;) {
		size_t j = i;
		bool ascii = true;
		while (j < latin->len && w[j] != ' ')
			ascii &= (unsigned char)w[j++] < 0x80;
		if (ascii && j > i) {
			word_to_cyrillic(&o, src, i, j);
			/* the normaliser drops an apostrophe that ends a word; here
			 * it is ь (mat', blyad') */
			size_t e = latin->orig_end[j - 1], k = apostrophe_at(src, srclen, e);
			if (k)
				put_at(out, 0x44c, e, e + k);
		} else {
			for (size_t k = i; k < j; k++) /* a word of another script */
				put_byte(out, w[k], latin->orig[k], latin->orig_end[k]);
		}
		if (j < latin->len)
			put_byte(out, ' ', latin->orig[j], latin->orig_end[j]);
		i = j + 1;
	}
	out->text[out->len] = 0;
	out->orig[out->len] = latin->orig[latin->len];
	out->orig_end[out->len] = latin->orig_end[latin->len];
}
