/*
 * model.h - the linear classifier behind the "abusive" score: hashed features
 * of a normalised message (character 2-5-grams within words, word 1-2-grams
 * and stems, lexicon hits per category and severity, capitals, '!', '?' and
 * length of the original text) and a logistic
 * regression over them (trained with NB log-count-ratio scaling, which is
 * folded into the weights).
 *
 * Model file (data/models/detector.bin), all integers little-endian:
 *   8 bytes  magic "VGDETM\r\n"
 *   u32      format version (2; 1 had other features: refused)
 *   u32      hash bits B (the model has 2^B weights)
 *   f32      bias, f32 scale, f32 operating threshold
 *   u32      FNV-1a 32 checksum of the weight bytes
 *   2^B i16  weights, each = round(w / scale)
 * Loading checks the magic, version, size and checksum.
 *
 * Ownership: struct model owns its weights; scoring is read-only and
 * thread-safe. struct features is a reusable per-thread buffer.
 */
#ifndef VIGIL_MODEL_H
#define VIGIL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "detect/lexicon.h"

#define MODEL_VERSION 2

struct features {
	uint32_t *idx;
	float *val;
	size_t n, cap;
	uint32_t *set; /* the buckets already in, + 1 (model.c: feat_set_reset) */
	size_t set_cap, set_used;
};

struct model {
	unsigned bits;
	float bias, threshold;
	float *w;          /* 2^bits weights */
	uint32_t checksum; /* of the file's weights: names the model that scored */
};

/* Fills f with the features of normalised text and its lexicon hits. */
void features_extract(struct features *f, unsigned bits, const char *text, size_t len,
                      const struct lexicon *lx, const struct lex_hit *hits, size_t nhits);
/* Adds features of the original text that normalisation drops: the share of
 * capital letters (in quarters), the count of '!' (0-3+) and of '?' (0-2+),
 * and the length in words of the normalised text (log2). Call it after
 * features_extract. */
void features_add_raw(struct features *f, unsigned bits, const char *raw, size_t len,
                      const char *norm, size_t normlen);
void features_release(struct features *f);

int model_load(struct model *m, const char *path);
int model_save(const struct model *m, const char *path);
void model_release(struct model *m);
/* The probability that the message is abusive. */
double model_score(const struct model *m, const struct features *f);

#endif
