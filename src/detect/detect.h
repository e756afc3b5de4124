/*
 * detect.h - scores one message: normalise, scan the lexicons once, run the
 * classifier; per category a score in [0, 1] with the matched spans (byte
 * offsets into the original text), and the overall "abusive" score.
 * Also the labelled-data readers and metrics shared by `vigil eval` and
 * tools/train-detector.
 *
 * Ownership: struct detector owns the lexicon and model (read-only after
 * open) and one scratch space, so one detector serves one thread.
 */
#ifndef VIGIL_DETECT_H
#define VIGIL_DETECT_H

#include <stdbool.h>

#include "detect/lexicon.h"
#include "detect/model.h"
#include "detect/normalize.h"

#define DETECT_MAX_HITS 64
/* The version of the scoring code: raise it when a change of the normaliser,
 * the transliteration or the scoring gives other scores with the same model
 * and lexicons, so that `vigil scan` scores every message again. 2: the
 * seventh session's (Russian in Latin letters, stress marks, diacritics);
 * 3: the tenth's (the threat head, model.h); 4: the eleventh's (masked
 * words read as the words they stand for, unmask.h). */
#define DETECT_SCORING_VERSION 4

struct detector {
	struct lexicon lex;
	struct model model;
	hs_scratch_t *scratch;
	struct features feats;
	char *masked; /* detector_features' scratch: the text without group names */
	size_t masked_cap;
};

struct detect_span {
	enum detect_cat cat;
	unsigned entry;
	size_t start, end; /* in the original text */
};

struct detect_result {
	double score[DCAT_COUNT];
	double abusive;
	bool flagged; /* abusive >= the model's operating threshold */
	struct detect_span spans[DETECT_MAX_HITS];
	size_t nspans;
};

/* Opens data/lexicons and data/models/detector.bin (from datadir()), or the
 * model file named by $VIGIL_DETECT_MODEL. */
int detector_open(struct detector *d, const char *const *family_words);
/* The same with another model file (NULL: as detector_open). */
int detector_open_model(struct detector *d, const char *const *family_words,
                        const char *model_path);
void detector_close(struct detector *d);
void detector_score(struct detector *d, const char *text, size_t len, struct detect_result *r);
/* Normalises text into *nt and scans it; returns the number of lexicon hits
 * (it may exceed DETECT_MAX_HITS, which hits holds). Russian typed in Latin
 * letters is read back into Cyrillic (translit.h): *nt is then the Cyrillic
 * reading, and the hits are the Latin text's (moved onto the same words of
 * the reading) and the reading's. */
size_t detector_analyse(struct detector *d, const char *text, size_t len, struct norm_text *nt,
                        struct lex_hit *hits);
/* The classifier's features of one message (text, len; nt normalised, hits
 * its nh lexicon hits) into d->feats. The names of groups that the identity
 * lists match are left out of them, unless an abuse pattern matched the same
 * word: the comments the model learnt from name groups mostly in hostility.
 * Moves the other hits to the front of hits and returns their number. */
size_t detector_features(struct detector *d, const char *text, size_t len,
                         const struct norm_text *nt, struct lex_hit *hits, size_t nh);

/* Labelled examples. label -1 = missing; cat_label per category, -1 = missing. */
struct example {
	char *text;
	int label;
	int cat_label[DCAT_COUNT];
};

struct dataset {
	struct example *ex;
	size_t n, cap;
};

/* Reads the shared CSV (header with comment/comment_text and toxic, and the
 * Jigsaw columns obscene/threat/insult) or text<TAB>label lines. */
int dataset_read(struct dataset *ds, const char *path);
/* Reads Vigil's own message lists (data/training/harmless-chat.tsv, the
 * test fixtures): language<TAB>message lines, '#' lines are comments; every
 * message gets the given label. */
int dataset_read_messages(struct dataset *ds, const char *path, int label);
/* Reads Vigil's own test sets (tests/fixtures/detect/threats.tsv,
 * identity.tsv): expect<TAB>language<TAB>message lines; "clean" is label 0,
 * any other expectation ("threat", "toxic") label 1. */
int dataset_read_expected(struct dataset *ds, const char *path);
void dataset_release(struct dataset *ds);
/* The held-out part: a fixed 20% of texts chosen by a hash of the text. */
bool dataset_is_test(const char *text);

/* ROC AUC of scores against 0/1 labels. */
double metric_auc(const double *score, const int *label, size_t n);

#endif
