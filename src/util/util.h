/*
 * util.h - what every module includes: allocation, strings, errors, and the
 * list of banned functions (last, so that it applies to the including file).
 */
#ifndef VIGIL_UTIL_H
#define VIGIL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* FNV-1a over n bytes, from h (2166136261 to start a hash): the model
 * file's checksum, feature hashing, the held-out split. Inline: feature
 * hashing calls it for every character gram. */
static inline uint32_t fnv1a32(uint32_t h, const void *data, size_t n)
{
	const uint8_t *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return h;
}

/* Whether word is one of the words of list, separated by sep ("a|b|c", '|'). */
bool word_in_list(const char *list, char sep, const char *word);

#include "util/banned.h"

#endif
