/*
 * site.h - the public static site: an index of published statements (newest
 * first, by country, by defender), a page per statement in its language with
 * links to its translations, a page per defender with the timeline chart, an
 * Atom feed and a sitemap, plus site.css and site.js. Every page is written
 * through html.h and every record it shows is cleared by redact.h for the
 * public audience first: one leak refuses the whole site and writes nothing.
 *
 * The caller (cmd_publish) gathers the records into a model and owns it:
 *   {"statements": [published statements],
 *    "org": {id: record}, "reference": {...}, "case": {...}, "person": {...},
 *    "events": {case id: [event records, each with "acts": [act records]]},
 *    "complaints": {case id: [complaint records]},
 *    "cited": {"kind:id": record cited in a body, see cite.h}}
 * Links are relative, so the folder works from a disk, a mirror or an onion
 * address. One thread.
 */
#ifndef VIGIL_SITE_H
#define VIGIL_SITE_H

#include <stddef.h>

#include <jansson.h>

#include "util/strbuf.h"

struct site_options {
	const char *out_dir;
	const char *today;    /* YYYY-MM-DD: shown for undated statements */
	const char *base_url; /* absolute URL of the site for the sitemap and feed, or NULL */
};

struct site_stats {
	size_t statements, defenders, files;
};

int site_build(const json_t *model, const struct site_options *o, struct site_stats *stats);

/* Renders one statement's page into sb (for tests and `statement export --format html`). */
int site_statement_page(const json_t *model, const json_t *statement, const char *today,
                        struct strbuf *sb);

#endif
