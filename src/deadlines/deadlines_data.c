/*
 * deadlines_data.c - reads the deadline rules and calendars from the data
 * folder (datadir.h) into the plain structs of deadlines.h.
 */
#include <ctype.h>

#include "deadlines/deadlines.h"
#include "util/datadir.h"
#include "util/fileio.h"
#include "util/util.h"

/* "Uzbekistan" -> "uzbekistan", "Kyrgyz Republic" -> "kyrgyz-republic". */
static void file_stem(const char *country, struct strbuf *out)
{
	for (const char *p = country; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c))
			strbuf_addch(out, tolower(c));
		else if (out->len && out->buf[out->len - 1] != '-')
			strbuf_addch(out, '-');
	}
	while (out->len && out->buf[out->len - 1] == '-')
		strbuf_setlen(out, out->len - 1);
}

static bool kind_listed(const char *kinds, const char *kind)
{
	size_t n = strlen(kind);
	for (const char *p = kinds; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !strncmp(p, kind, n))
			return true;
		if (!comma)
			break;
		p = comma + 1;
	}
	return false;
}

static int find_rule(const char *country, const char *path, const char *text, const char *kind,
                     struct dl_rule *out)
{
	char *copy = xstrdup(text);
	int found = 0;
	for (char *line = copy; line && !found;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *next = nl ? nl + 1 : NULL;
		if (*line && *line != '#') {
			char *tab = strchr(line, '\t');
			size_t klen = tab ? (size_t)(tab - line) : strlen(line);
			char *kinds = xstrndup(line, klen);
			if (kind_listed(kinds, kind)) {
				int rc = dl_rule_parse(country, line, out);
				if (rc) {
					error_prefix("%s: ", path);
					found = rc;
				} else {
					found = 1;
				}
			}
			free(kinds);
		}
		line = next;
	}
	free(copy);
	return found;
}

int dl_rule_load(const char *jurisdiction, const char *kind, struct dl_rule *out)
{
	if (!jurisdiction || !*jurisdiction || !kind)
		return 0;
	struct strbuf rel = STRBUF_INIT, text = STRBUF_INIT;
	strbuf_adds(&rel, "deadlines/");
	file_stem(jurisdiction, &rel);
	strbuf_adds(&rel, ".tsv");
	char *path = datadir_file(rel.buf);
	int rc = 0;
	if (file_exists(path)) {
		rc = file_read(path, 1 << 20, &text);
		if (!rc) {
			rc = find_rule(jurisdiction, path, text.buf, kind, out);
			if (rc == 0 && strcmp(kind, "complaint") &&
			    (!strcmp(kind, "application") || !strcmp(kind, "follow-up")))
				rc = find_rule(jurisdiction, path, text.buf, "complaint", out);
		}
	}
	free(path);
	strbuf_release(&rel);
	strbuf_release(&text);
	return rc;
}

int dl_calendars_load(const char *country, int from, int to, struct dl_calendars *out)
{
	out->cal = NULL;
	out->n = 0;
	if (!country || to < from)
		return 0;
	struct dl_calendar *cals = xcalloc((size_t)(to - from + 1), sizeof(*cals));
	struct strbuf rel = STRBUF_INIT, text = STRBUF_INIT;
	int rc = 0;
	for (int y = from; y <= to && !rc; y++) {
		strbuf_reset(&rel);
		strbuf_adds(&rel, "calendars/");
		file_stem(country, &rel);
		strbuf_addf(&rel, "-%d.tsv", y);
		char *path = datadir_file(rel.buf);
		if (file_exists(path)) {
			strbuf_reset(&text);
			rc = file_read(path, 1 << 20, &text);
			if (!rc)
				rc = dl_calendar_parse(country, y, text.buf, &cals[out->n]);
			if (!rc)
				out->n++;
		}
		free(path);
	}
	strbuf_release(&rel);
	strbuf_release(&text);
	if (rc) {
		free(cals);
		return rc;
	}
	out->cal = cals;
	return 0;
}
