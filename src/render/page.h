/*
 * page.h - the frame every published page shares (statement pages, defender
 * pages, the index, HTML reports): <head> with the tiny inline script that
 * applies the reader's text size and font before the first paint, the header
 * with the date in the seed's style ("Fri, Oct 4") and the two reader
 * controls (Smaller/Small/Medium/Big/Bigger; Default/Helvetica/Segoe/
 * Georgia/Times), and the stylesheet and script written beside the pages.
 * Nothing a page loads comes from elsewhere; links are relative ("root" is
 * the path from the page to the site's top folder: "" or "../").
 * Words shown to readers come from a small table per language (en, ru; others
 * fall back to English). Pure functions over caller-owned buffers.
 */
#ifndef VIGIL_PAGE_H
#define VIGIL_PAGE_H

#include <stdbool.h>

#include "util/strbuf.h"

struct page_words {
	const char *lang;
	const char *text_size, *font, *sizes[5], *fonts[5];
	const char *statements, *latest, *by_country, *by_defender, *signed_by, *standards;
	const char *translations, *about, *timeline, *published_on, *skip, *home, *feed;
	const char *kinds[4]; /* joint, urgent-appeal, letter, un */
	const char *weekdays[7], *months[12];
};

const struct page_words *page_words(const char *lang);
/* The name of a language in that language ("English", "Русский"), or the code. */
const char *page_language_name(const char *lang);
/* The label of a statement kind in the page's language. */
const char *page_kind_label(const struct page_words *w, const char *kind);

/* "Fri, Oct 4" for an exact day; the human form of other dates ("May 2024"). */
void page_date_label(const struct page_words *w, const char *date, struct strbuf *out);

struct page_head {
	const char *lang;
	const char *title;
	const char *root;       /* "" or "../" */
	const char *date;       /* the date the header shows (YYYY-MM-DD...), or NULL */
	bool date_is_published; /* the date is the site's publish date, not the page's */
	const char *alternates; /* trusted <link rel=alternate> markup, or NULL */
	bool standalone;        /* one file: stylesheet and script inline, no site links */
};

void page_begin(struct strbuf *sb, const struct page_head *h);
void page_end(struct strbuf *sb, const struct page_head *h);

/* Writes site.css and site.js into dir. */
int page_write_assets(const char *dir);
/* The stylesheet, for outputs that inline it (one-file reports). */
const char *page_css(void);

#endif
