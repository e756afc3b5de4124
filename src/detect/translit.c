/*
 * translit.c - Russian typed in Latin letters, read back into Cyrillic.
 * See translit.h.
 */
#include "detect/translit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* --- which language the Latin words are ---------------------------------- */

/* The commonest words of Russian in Latin letters, of English and of Uzbek
 * in Latin script, as the normaliser leaves them (lower case, doubled letters
 * collapsed) and without apostrophes. Words two of the languages share are
 * in none of the lists: i, a, to, no, on, do, u, k, my, da, net, ona, pro. */
static const char *const russian_words[] = {
    "ya",
    "ty",
    "ti",
    "tebya",
    "tebja",
    "tebia",
    "tebe",
    "menya",
    "menja",
    "mne",
    "chto",
    "shto",
    "eto",
    "etot",
    "eta",
    "eti",
    "etu",
    "kak",
    "tak",
    "vy",
    "oni",
    "ono",
    "tvoy",
    "tvoj",
    "tvoi",
    "tvoya",
    "tvoja",
    "tvoyu",
    "tvoju",
    "tvoe",
    "tvoego",
    "tvoey",
    "tvoej",
    "tvoikh",
    "tvoih",
    "svoy",
    "svoyu",
    "svoju",
    "svoi",
    "svoego",
    "svoey",
    "moy",
    "moj",
    "moya",
    "moja",
    "moyu",
    "moi",
    "moego",
    "esli",
    "yesli",
    "eshche",
    "eshe",
    "esche",
    "uzhe",
    "uje",
    "tolko",
    "budet",
    "budesh",
    "budu",
    "budut",
    "budem",
    "nado",
    "nuzhno",
    "vot",
    "kto",
    "gde",
    "kogda",
    "poka",
    "skoro",
    "vse",
    "vsyo",
    "vsio",
    "vsem",
    "vsekh",
    "ili",
    "ne",
    "dlya",
    "dlja",
    "bez",
    "zhe",
    "sebya",
    "sebe",
    "nas",
    "vas",
    "nam",
    "vam",
    "nikto",
    "nichego",
    "nikogda",
    "togda",
    "potom",
    "seychas",
    "sejchas",
    "segodnya",
    "zavtra",
    "vchera",
    "tut",
    "tam",
    "zdes",
    "ochen",
    "khorosho",
    "horosho",
    "ladno",
    "spasibo",
    "privet",
    "mozhet",
    "mozhno",
    "nelzya",
    "davay",
    "znaesh",
    "znayu",
    "znaem",
    "khochesh",
    "hochesh",
    "dumaesh",
    "ponyal",
    "ponyala",
    "tozhe",
    "takoy",
    "takaya",
    "takie",
    "cherez",
    "posle",
    "emu",
    "ego",
    "yego",
    "ee",
    "yeye",
    "ikh",
    "ih",
    "im",
    "ney",
    "nego",
    "nikh",
    "chtoby",
    "chtob",
    "potomu",
    "pochemu",
    "zachem",
    "teper",
    "vsegda",
    "opyat",
    "sovsem",
    "prosto",
    "voobshche",
    "voobshe",
    "dazhe",
    "byl",
    "byla",
    "bylo",
    "yest",
    "est",
    "na",
    "po",
    "za",
    "ot",
    "iz",
    "v",
    "s",
    "pri",
    "nad",
    "pod",
    "chem",
    "togo",
    "vsyu",
    "svoikh",
    "kotory",
    "kotoraya",
    "kotorye",
    "mnoy",
    "toboy",
    "soboy",
    "menia",
    "sam",
    "sama",
    "sami",
    "uvidish",
    "pomni",
    "zapomni",
    "ponyatno",
    /* the same words in the other conventions: ja for я, j for й, i for ы */
    "ja",
    "jesli",
    "tvoei",
    "tvoim",
    "tvoimi",
    "svoim",
    "svoimi",
    "svoei",
    "moei",
    "nei",
    "nim",
    "tebia",
    "vsio",
    "jest",
    "jeshche",
    "jeshe",
    "tvoja",
    "kotoryi",
};

static const char *const english_words[] = {
    "the",  "you",   "your", "youre", "and",    "is",     "are", "was",   "were", "of",
    "in",   "it",    "its",  "this",  "that",   "will",   "im",  "me",    "we",   "they",
    "for",  "with",  "not",  "be",    "have",   "what",   "at",  "so",    "just", "all",
    "he",   "she",   "ur",   "yes",   "ok",     "if",     "can", "know",  "get",  "go",
    "dont", "am",    "our",  "us",    "them",   "his",    "her", "there", "here", "about",
    "when", "how",   "why",  "who",   "from",   "like",   "one", "an",    "or",   "but",
    "will", "youll", "ill",  "gonna", "please", "thanks", "hi",  "hello", "yeah", "fuck",
};

static const char *const uzbek_words[] = {
    "va",     "bu",    "men",    "sen",   "siz",    "biz",    "ular",    "menga",    "senga",
    "sizga",  "meni",  "seni",   "sizni", "mening", "sening", "sizning", "uning",    "bilan",
    "uchun",  "emas",  "kerak",  "ham",   "edi",    "ekan",   "nima",    "nega",     "qanday",
    "qachon", "endi",  "juda",   "yoq",   "hech",   "rahmat", "yaxshi",  "assalomu", "alaykum",
    "hozir",  "bugun", "ertaga", "qilib", "bolsa",  "bor",    "deb",     "oz",       "mumkin",
    "shu",    "bir",   "har",    "lekin", "chunki", "agar",   "kim",     "qil",      "qilaman",
    "boladi", "aka",   "opa",    "uka",   "ota",    "onang",  "onangni", "seni",     "sani",
    "sanga",  "qani",  "nimaga", "yana",  "hali",   "faqat",  "emassan", "qilasan",  "bolasan",
};

static bool listed(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (list[i][0] == w[0] && strlen(list[i]) == n && !memcmp(list[i], w, n))
			return true;
	return false;
}

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
	size_t latin = 0, other = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)norm[i];
		if (c >= 'a' && c <= 'z')
			latin++;
		else if (c >= 0xc0)
			other++; /* the first byte of a non-ASCII character */
	}
	if (latin < 2 || latin <= 2 * other)
		return false;
	size_t ru = 0, en = 0, uz = 0, words = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && norm[j] != ' ')
			j++;
		char w[16];
		size_t n = 0;
		for (size_t k = i; k < j && n < sizeof(w); k++)
			if (norm[k] != '\'')
				w[n++] = norm[k];
		if (n && n < sizeof(w)) {
			ru += listed(w, n, russian_words, ARRAY_SIZE(russian_words));
			en += listed(w, n, english_words, ARRAY_SIZE(english_words));
			uz += listed(w, n, uzbek_words, ARRAY_SIZE(uzbek_words));
		}
		/* o', g' and q are Uzbek's own (ko'rishamiz, kechqurun), and so
		 * are its plural and possessive endings (hujjatlarni) */
		bool uzbek_letters = false;
		for (size_t k = i; k < j; k++)
			uzbek_letters |=
			    norm[k] == 'q' || (norm[k] == '\'' && k > i &&
			                       (norm[k - 1] == 'o' || norm[k - 1] == 'g'));
		static const char *const endings[] = {"lar",  "larni", "larga", "lardan", "larda",
		                                      "lari", "larim", "ning",  "imiz",   "ingiz"};
		for (size_t k = 0; k < ARRAY_SIZE(endings) && !uzbek_letters; k++) {
			size_t m = strlen(endings[k]);
			uzbek_letters = j - i > m + 1 && !memcmp(norm + j - m, endings[k], m);
		}
		uz += uzbek_letters;
		words += j > i;
		i = j + 1;
	}
	/* two Russian words and more than twice as many as of the others
	 * (Uzbek chat borrows "davay", "poka", "spasibo"); a message of up to
	 * three words ("ty trup") needs one and none of the others */
	return (ru >= 2 && ru > 2 * (en + uz)) || (ru >= 1 && en + uz == 0 && words <= 3);
}

/* --- the Cyrillic reading ------------------------------------------------ */

struct out_text {
	struct norm_text *t;
	const struct norm_text *in;
};

/* Appends the code point cp (Cyrillic or a byte copied through) made from the
 * input's normalised bytes [from, to). */
static void put(struct out_text *o, uint32_t cp, size_t from, size_t to)
{
	struct norm_text *t = o->t;
	size_t s = o->in->orig[from], e = o->in->orig_end[to - 1];
	if (cp < 0x80) {
		t->orig[t->len] = s;
		t->orig_end[t->len] = e;
		t->text[t->len++] = (char)cp;
	} else {
		t->orig[t->len] = t->orig[t->len + 1] = s;
		t->orig_end[t->len] = t->orig_end[t->len + 1] = e;
		t->text[t->len++] = (char)(0xc0 | cp >> 6);
		t->text[t->len++] = (char)(0x80 | (cp & 0x3f));
	}
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* The Cyrillic letter an input digit stands for in a word (4to, ubl9dok). */
static uint32_t digit_letter(char d)
{
	static const uint32_t cyr[10] = {0x43e, 0x438, 0x437, 0x437, 0x447,
	                                 0x431, 0x431, 0x442, 0x432, 0x44f};
	return cyr[d - '0'];
}

/* Transliterates the normalised Latin word [i, j) of o->in. */
static void word_to_cyrillic(struct out_text *o, const char *src, size_t i, size_t j)
{
	static const struct {
		const char *lat;
		uint32_t cyr;
	} multi[] = {
	    /* longest first */
	    {"shch", 0x449}, {"zh", 0x436}, {"kh", 0x445}, {"ch", 0x447}, {"sh", 0x448},
	    {"yu", 0x44e},   {"ju", 0x44e}, {"iu", 0x44e}, {"ya", 0x44f}, {"ja", 0x44f},
	    {"ia", 0x44f},   {"yo", 0x435}, {"jo", 0x435}, {"ye", 0x435}, {"je", 0x435},
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
			put(o, digit_letter(src[s]), p, p + 1); /* the input had a digit */
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
		for (; k < ARRAY_SIZE(multi); k++) {
			size_t n = strlen(multi[k].lat);
			if (p + n <= j && !memcmp(w + p, multi[k].lat, n))
				break;
		}
		if (k < ARRAY_SIZE(multi)) {
			size_t n = strlen(multi[k].lat);
			/* "iya" is и + я (rossiya); "ia" alone is я (zria, bliad) */
			put(o, multi[k].cyr, p, p + n);
			p += n;
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

/* The length of the apostrophe (' ’ ʼ) at src[i] (of n bytes), or 0. */
static size_t apostrophe_at(const char *src, size_t n, size_t i)
{
	const unsigned char *p = (const unsigned char *)src + i;
	if (i < n && p[0] == '\'')
		return 1;
	if (i + 3 <= n && p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0x99)
		return 3;
	if (i + 2 <= n && p[0] == 0xca && p[1] == 0xbc)
		return 2;
	return 0;
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
			if (k) {
				out->orig[out->len] = out->orig[out->len + 1] = e;
				out->orig_end[out->len] = out->orig_end[out->len + 1] = e + k;
				out->text[out->len++] = (char)0xd1;
				out->text[out->len++] = (char)0x8c;
			}
		} else {
			for (size_t k = i; k < j; k++) { /* a word of another script */
				out->orig[out->len] = latin->orig[k];
				out->orig_end[out->len] = latin->orig_end[k];
				out->text[out->len++] = w[k];
			}
		}
		if (j < latin->len) {
			out->orig[out->len] = latin->orig[j];
			out->orig_end[out->len] = latin->orig_end[j];
			out->text[out->len++] = ' ';
		}
		i = j + 1;
	}
	out->text[out->len] = 0;
	out->orig[out->len] = latin->orig[latin->len];
	out->orig_end[out->len] = latin->orig_end[latin->len];
}
