/*
 * model.h - the linear classifier behind the "abusive" score: hashed features
 * of a normalised message (character 2-5-grams within words, word 1-2-grams
 * and stems, lexicon hits per category and severity, capitals, '!', '?' and
 * length of the original text), a logistic
 * regression over them (trained with NB log-count-ratio scaling, which is
 * folded into the weights), and a second stage: a small logistic regression
 * over that logit, the message's length and the strongest weights among its
 * features (model_stack_inputs), so that a long message with a few strongly
 * abusive words is not averaged away. Beside it, over the same features, a
 * threat head: a second logistic regression that tells threats (veiled ones
 * above all: "we know which floor you live on") from everything else, with
 * its own operating threshold (model_threat_score).
 *
 * Model file (data/models/detector.bin), all integers little-endian:
 *   8 bytes  magic "VGDETM\r\n"
 *   u32      format version (5; 4 had no threat head, 3 no flags, 2 no second
 *            stage, 1 other features: all refused)
 *   u32      hash bits B (the model has 2^B weights)
 *   f32      bias, f32 scale, f32 operating threshold
 *   u32      FNV-1a 32 checksum of all bytes after these 32
 *   u32      K, the number of second-stage inputs (MODEL_STACK_N)
 *   K+1 f32  the second stage's coefficients, then its bias
 *   2^B i16  weights, each = round(w / scale)
 *   f32      the threat head's bias, f32 its scale, f32 its threshold
 *   2^B i16  its weights, each = round(w / its scale)
 * Loading checks the magic, version, size, K, flags, checksum and thresholds.
 *
 * Ownership: struct model owns its weights; scoring is read-only and
 * thread-safe. struct features is a reusable per-thread buffer.
 */
#ifndef VIGIL_MODEL_H
#define VIGIL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "detect/lexicon.h"

#define MODEL_VERSION 5
#define MODEL_STACK_N 11 /* second-stage inputs, see model_stack_inputs */

struct features {
	uint32_t *idx;
	float *val;
	size_t n, cap;
	/* one bit per bucket: the buckets already in the current set, which is
	 * idx[set_start..n) (model.c: feat_set_begin) */
	uint64_t *seen;
	unsigned seen_bits;
	size_t set_start;
	/* the model's weights and its threat head's, when set: each new
	 * feature's weights are asked of the cache as it is found, so that
	 * scoring finds them there */
	const float *prefetch, *prefetch_threat;
	char *buf; /* features_extract's scratch, kept between messages */
	size_t *starts;
	size_t buf_cap;
};

struct model {
	unsigned bits;
	float bias, threshold;
	float *w;          /* 2^bits weights */
	uint32_t checksum; /* of the file's body: names the model that scored */
	/* second stage: coefficients of model_stack_inputs(), then its bias;
	 * nstack 0 (a model built in memory without it) scores the logit alone */
	unsigned nstack;
	float stack[MODEL_STACK_N + 1];
	uint32_t flags; /* MODEL_TRAINED_ON_HELD_OUT */
	/* the threat head: threat or not, over the same features (w NULL: a
	 * model without one, which finds no threat; saved with threshold 2) */
	struct {
		float bias, threshold;
		float *w; /* 2^bits weights */
	} threat;
};

/* The model was trained on every comment of ru_2ch_pikabu_dev.csv, the fifth
 * that dataset_is_test() holds out too (the shipped model: the figures of
 * record come from the rest of the Kaggle set, which the data's README holds
 * back). `vigil eval --held-out` refuses such a model: its figures there
 * would be on training data. */
#define MODEL_TRAINED_ON_HELD_OUT 1u

/* Fills f with the features of normalised text and its lexicon hits. */
void features_extract(struct features *f, unsigned bits, const char *text, size_t len,
                      const struct lexicon *lx, const struct lex_hit *hits, size_t nhits);
/* Adds features of the original text that normalisation drops: the share of
 * capital letters (in quarters), the count of '!' (0-3+) and of '?' (0-2+),
 * and the length in words of the normalised text (log2). Call it after
 * features_extract. */
void features_add_raw(struct features *f, unsigned bits, const char *raw, size_t len,
                      const char *norm, size_t normlen);
/* What features_add_raw counts in the original text: capitals and letters
 * (Latin, and Cyrillic by its lead byte d0 or d1, a capital by its second
 * byte: А-Я are d0 90-af; a d0 that ends the text is not counted, a d1 is),
 * '!' and '?'. Exposed for tests. */
struct raw_counts {
	size_t upper, letters, excl, quest;
};
void features_raw_counts(const char *raw, size_t len, struct raw_counts *n);
void features_release(struct features *f);

int model_load(struct model *m, const char *path);
int model_save(const struct model *m, const char *path);
void model_release(struct model *m);
/* The second stage's inputs for n features (idx, val) of a message: x[0] the
 * linear logit; x[1] the largest weight among the features, x[2] the sum of
 * the three largest, x[3] the smallest; x[4] l = log(1 + n), x[5] x[0]*l,
 * x[6] x[1]*l; x[7..9] log(1 + the number of weights above 0.5, 1, 2);
 * x[10] log(1 + the number below -0.5). */
void model_stack_inputs(const struct model *m, const uint32_t *idx, const float *val, size_t n,
                        double x[MODEL_STACK_N]);
/* The probability that the message is abusive. */
double model_score(const struct model *m, const struct features *f);
/* The threat head's probability that the message is a threat (0 without a
 * head); it finds one at m->threat.threshold or above. */
double model_threat_score(const struct model *m, const struct features *f);

#endif
