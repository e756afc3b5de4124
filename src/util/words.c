#include "util/util.h"

bool word_in_list(const char *list, char sep, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, sep);
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, word, n))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}
