/*
 * normalize.h - turns a message into the one canonical form that the lexicons
 * and the classifier see, so that disguised spellings read like plain ones:
 * Unicode NFKC and case folding (utf8proc), ё -> е, invisible characters
 * dropped, Latin/Cyrillic look-alike letters folded into the script that
 * dominates the word, digits and symbols used for letters (0 -> о, @ -> а,
 * 3 -> з, ! -> и, $ -> с, ...), masking symbols inside a word (х*й, бл#ть)
 * kept as the wildcard '*' (or read as the swear word they hide, with the
 * list of unmask.h), repeated letters collapsed (пиииздец -> пиздец),
 * letters split by spaces, dots, dashes or asterisks joined (у б ь ю -> убью),
 * words separated by single spaces, punctuation dropped.
 *
 * Each output byte remembers the byte range of the input it came from, so a
 * match in the normalised text can be highlighted in the original.
 *
 * Uzbek transliteration (Latin <-> Cyrillic) is offered for the lexicons,
 * which list Uzbek words in Latin and match both scripts.
 *
 * Ownership: the caller owns struct norm_text and releases it. Thread-safe.
 */
#ifndef VIGIL_NORMALIZE_H
#define VIGIL_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct norm_text {
	char *text;       /* NUL-terminated UTF-8 */
	size_t len;       /* bytes in text */
	size_t *orig;     /* orig[i]: first input byte of the character behind text[i] */
	size_t *orig_end; /* orig_end[i]: one past its last input byte */
};

struct unmask_list;
/* Normalises n bytes of UTF-8 (invalid bytes are skipped). Never fails. */
void normalize_text(const char *src, size_t n, struct norm_text *out);
/* The same, and a masked or cut-off word ("пи**ец", "х..й", "бл...") is read
 * as the word of masks (may be NULL) that it stands for (unmask.h). */
void normalize_text_masks(const char *src, size_t n, const struct unmask_list *masks,
                          struct norm_text *out);
void norm_text_release(struct norm_text *t);
/* Maps a span [start, end) of the normalised text back to the input. */
void norm_text_span(const struct norm_text *t, size_t start, size_t end, size_t *ostart,
                    size_t *oend);
/* Normalises a NUL-terminated string and returns just the text (caller frees). */
char *normalize_string(const char *s);
/* Uzbek Latin (o', g', sh, ch, ng, yo, yu, ya, ...) to Uzbek Cyrillic, and back
 * (caller frees). Input is expected lower-case. */
char *normalize_uz_to_cyrillic(const char *latin);
char *normalize_uz_to_latin(const char *cyrillic);
/* The share of the words of a normalised text that are Russian: Cyrillic,
 * without the letters of other Cyrillic alphabets (Uzbek ў қ ғ ҳ and the
 * like), and outside the n byte ranges foreign[i] = {start, end} (words
 * known to be of another language: Uzbek Cyrillic often has none of its own
 * letters). Words without letters do not count; 0 when no word has any. */
double normalize_russian_share(const char *text, size_t len, const size_t (*foreign)[2], size_t n);
/* Does a normalised text read as Uzbek in Cyrillic script rather than
 * Russian? Uzbek typed on a Russian keyboard often has none of ў қ ғ ҳ; its
 * commonest words and endings, against Russian's commonest words and ы щ,
 * tell the two apart. */
bool normalize_uzbek_cyrillic(const char *text, size_t len);

/* Apostrophes as Uzbek and Russian typed in Latin letters write them:
 * ' ʻ ʼ ‘ ’ ` ´. */
bool normalize_is_apostrophe(int32_t c);
/* A vowel that a masking symbol may stand for (Latin a e i o u y, Russian
 * а е и о у ы э ю я, Uzbek ў): lower case, as normalised. */
bool normalize_is_vowel(int32_t c);
/* The letter a digit stands for inside a word (Cyrillic: 0 о, 3 з, 4 ч, 6 б,
 * 9 я; Latin: 0 o, 1 i, 3 e, 4 a, ...); a Latin 2 stays 2. */
int32_t normalize_digit_letter(int32_t digit, bool cyrillic);

/* A list of words of a language, for telling languages apart. */
struct listed_word {
	const char *s;
	size_t n;
};
#define LISTED_WORD(lit)                                                                           \
	{                                                                                          \
		lit, sizeof(lit) - 1                                                               \
	}
/* Is the word [w, w + n) one of the list's? */
bool normalize_word_listed(const char *w, size_t n, const struct listed_word *list, size_t count);

#endif
