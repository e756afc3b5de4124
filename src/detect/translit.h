/*
 * translit.h - Russian typed in Latin letters ("ya tebya ub'yu, suka"), as it
 * is written on phones without a Cyrillic keyboard, read back into Cyrillic so
 * that the Russian lexicons and the classifier, which learnt from Cyrillic
 * comments, see it as Russian.
 *
 * Works on the normaliser's output: translit_ru_detect() tells whether a
 * normalised text is Russian in Latin letters (its commonest words against
 * English's and Uzbek's); translit_ru_text() writes the Cyrillic reading,
 * each character mapped to the input bytes it came from, as the normaliser
 * does. The conventions are many (ya/ja/ia/9 for я, zh/j for ж, kh/h/x for
 * х, ch/4 for ч, sh/w for ш, ' for ь); the reading is the likeliest word, not
 * always the right spelling: the lexicons and the character grams allow for
 * that.
 *
 * Thread-safe; the caller owns and releases the norm_text.
 */
#ifndef VIGIL_TRANSLIT_H
#define VIGIL_TRANSLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "detect/normalize.h"

/* Is the normalised text Russian written in Latin letters? */
bool translit_ru_detect(const char *norm, size_t len);
/* Writes the Cyrillic reading of the normalised Latin text `latin` of the
 * input src (srclen bytes) into *out: Latin words become Cyrillic, others are kept; a digit
 * of the input inside a word is read as the Cyrillic letter it stands for
 * (4 ч, 9 я, 3 з, 6 б, 0 о). */
void translit_ru_text(const char *src, size_t srclen, const struct norm_text *latin,
                      struct norm_text *out);

#endif
