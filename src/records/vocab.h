/*
 * vocab.h - controlled vocabularies (HURIDOCS micro-thesauri and Vigil's
 * additions) read from data/vocab/<name>.tsv: one term a line,
 * "code<TAB>label<TAB>note", '#' starts a comment. Codes are hierarchical with
 * dots (threat.death is under threat). An organisation extends a vocabulary
 * by adding lines. Loaded once per process and cached; not thread-safe on
 * first use.
 */
#ifndef VIGIL_VOCAB_H
#define VIGIL_VOCAB_H

#include <stdbool.h>

/* 0 when code is in the vocabulary; otherwise an error listing a few codes. */
int vocab_check(const char *vocab, const char *code);
/* The term's label, or the code itself when unknown. */
const char *vocab_label(const char *vocab, const char *code);

#endif
