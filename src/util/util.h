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

/* Whether word is one of the words of list, separated by sep ("a|b|c", '|'). */
bool word_in_list(const char *list, char sep, const char *word);

#include "util/banned.h"

#endif
