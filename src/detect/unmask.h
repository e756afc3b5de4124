/*
 * unmask.h - the words that masked spellings stand for.
 *
 * People hide a swear word by masking letters ("пи**ец", "f**k", "е**ть"),
 * by dots ("х..й", "пи..ец") or by cutting it off ("бл...", "нах**"). A masked
 * vowel is matched by the lexicons themselves (every vowel of a pattern also
 * matches '*'), but a masked consonant, several letters under one mask, or a
 * cut-off word are not. The normaliser reads such a word as the listed word it
 * can stand for (data/lexicons/masked-words.txt, the commonest first), so that
 * the lexicons and the classifier see the plain word.
 *
 * A candidate is a word's letters and its masks (struct unmask_item): a run
 * of masking symbols in the word, dots or underscores between its parts, a
 * mask or dots at its end. With two visible letters or more, a mask stands
 * for one fewer to one more letters than it has symbols ("пи*ец",
 * "п***абол"), dots for 1 to 4 but no more than the letters shown ("х..й",
 * but not "у..е"); with one visible letter, a mask stands for exactly as many
 * letters as it has symbols ("х**"); with none, for nothing. A word of more
 * than four masks is not looked up. A word cut off by dots ("на...") is not
 * read as a swear word when what is left is a word of its own (the file's
 * "whole" lines), nor when it is already a listed word; masks ("sh**") say
 * that letters are hidden, and are read.
 *
 * Ownership: the list owns its words; read-only after unmask_load, so one list
 * serves any number of threads.
 */
#ifndef VIGIL_UNMASK_H
#define VIGIL_UNMASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One item of a candidate: a letter, or a mask that stands for letters. */
struct unmask_item {
	int32_t cp;   /* the letter; 0 for a mask */
	size_t count; /* a mask's symbols; 0 for dots, whose number says nothing */
	bool gap;     /* a mask the text does not keep inside the word: dots or
	               * underscores between its parts, a mask or dots at its end
	               * (the lexicons do not see those) */
};

/* Candidates longer than this are not looked up (no listed word is). */
#define UNMASK_MAX 40

struct unmask_word {
	int32_t *cp; /* normalised letters */
	size_t n;
};

struct unmask_list {
	struct unmask_word *words; /* in the file's order: the first that fits wins */
	size_t n;
	struct unmask_word *whole; /* words of their own, never read as cut off */
	size_t nwhole;
	uint32_t checksum; /* of the file's content */
};

/* Reads the list: lines word<TAB>masked|whole<TAB>note, '#' comments. Each
 * word is normalised as messages are. Errors name the file and line. */
int unmask_load(struct unmask_list *l, const char *path);
void unmask_release(struct unmask_list *l);

/* The listed word that the candidate (n items, letters and stars) stands
 * for, or NULL. from[i] receives, for each letter of the word, the index of
 * the candidate item it comes from (from must hold UNMASK_MAX items). */
const struct unmask_word *unmask_find(const struct unmask_list *l, const struct unmask_item *cand,
                                      size_t n, size_t *from);

/* Is cp[0..n) a word of the list (its masked words, not its whole ones)? */
bool unmask_listed(const struct unmask_list *l, const int32_t *cp, size_t n);

#endif
