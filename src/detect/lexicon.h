/*
 * lexicon.h - the word lists of data/lexicons/ (<lang>-<category>.tsv: pattern,
 * category, severity 1-3, note) compiled once into one Vectorscan database that
 * scans a normalised message once for all of them. Patterns are regular
 * expressions over normalised text (see normalize.h); "~" stands for the rest
 * of the word, a word boundary is added around each, vowels also match the
 * masking '*', doubled letters are collapsed as in the text, and Uzbek
 * patterns (written in Latin) also match their Cyrillic transliteration, and
 * when seven letters or longer, the text typed without the letters' marks.
 * The <lang>-identity.tsv files list the names of groups, which are not a
 * category of abuse but words the classifier must not see (detect.h).
 *
 * Ownership: struct lexicon owns its database and entries; lexicon_scan needs a
 * scratch per thread (lexicon_scratch). The database itself is read-only and
 * may be shared between threads.
 */
#ifndef VIGIL_LEXICON_H
#define VIGIL_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hs/hs.h>

#include "detect/unmask.h"

enum detect_cat {
	DCAT_THREAT,
	DCAT_OBSCENITY,
	DCAT_INSULT,
	DCAT_SMEAR,
	DCAT_DOXXING,
	DCAT_FAMILY,
	DCAT_COUNT,
	/* not a category: the name of a group (a nationality, a religion, an
	 * orientation, a politician), which the classifier does not see
	 * (data/lexicons/<lang>-identity.tsv; detector_features) */
	DCAT_IDENTITY = DCAT_COUNT
};

struct lex_entry {
	char *pattern; /* as written in the file */
	char *file;    /* the file's name, e.g. "ru-threat.tsv" */
	int line;
	enum detect_cat cat;
	int severity; /* 1..3 */
	char lang[4];
	bool open_end; /* ends in "~": a match runs on to the end of the word */
};

struct lexicon {
	hs_database_t *db;        /* the shipped lexicons */
	hs_database_t *db_digits; /* those of their patterns that need a digit
	                           * (NULL when none): lexicon_needs_digit */
	hs_database_t *db_case;   /* the case's own names (NULL when none) */
	struct lex_entry *entries;
	size_t n;
	struct unmask_list masks; /* masked-words.txt: what masked spellings stand for */
	uint32_t checksum;        /* of the patterns, the case's names among them, and masks */
};

struct lex_hit {
	unsigned entry; /* index into entries */
	size_t start, end;
};

/* The category's name ("threat", ..., "identity") and back (-1 when unknown). */
const char *detect_cat_name(enum detect_cat c);
int detect_cat_parse(const char *name);

/* Loads every *.tsv of dir, in name order, and compiles them, and the words
 * masked spellings stand for (dir/masked-words.txt, when there); the extra
 * patterns (may be NULL) are literal words added to the family category, e.g.
 * the names of a case's relatives. Errors name the file and line. */
int lexicon_load(struct lexicon *lx, const char *dir, const char *const *family_words);
void lexicon_release(struct lexicon *lx);
/* A scratch space for one thread (caller frees with hs_free_scratch). */
int lexicon_scratch(const struct lexicon *lx, hs_scratch_t **scratch);
/* Scans normalised text; fills up to max hits (leftmost start, deduplicated
 * per entry) and returns how many were found (may exceed max). */
size_t lexicon_scan(const struct lexicon *lx, hs_scratch_t *scratch, const char *text, size_t len,
                    struct lex_hit *hits, size_t max);
/* Turns one pattern line into the regular expression that is compiled
 * (caller frees); exposed for tests. uz: LEX_PLAIN, or an Uzbek pattern
 * (written in Latin) as Latin or as its Cyrillic transliteration. */
enum { LEX_PLAIN, LEX_UZ_CYRILLIC, LEX_UZ_LATIN };
char *lexicon_expand(const char *pattern, int uz);
/* Can the pattern (as written in a lexicon file) match only text that has a
 * digit (0-9)? Such patterns (phone numbers, car plates, house numbers) are
 * compiled apart and scanned only in a message that has one: without a
 * literal to look for, Vectorscan runs them over every byte, and the Russian
 * car plate alone was a quarter of the whole scan. False when unsure (a
 * construct it does not know), which only costs time. Exposed for tests. */
bool lexicon_needs_digit(const char *pattern);

#endif
