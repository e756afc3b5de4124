/*
 * html.h - the one writer through which all HTML (and the XML of the feed and
 * the sitemap, and SVG) is produced. html_addf() is a small printf whose %s
 * escapes its argument for text and attribute values alike (& < > " '), so a
 * value from a record can never become markup; trusted markup (cmark's safe
 * output, fixed strings of this module's callers) goes in only through the
 * explicit %R conversion or html_raw(). Output goes into a caller-owned
 * struct strbuf. Pure functions, thread-safe on distinct buffers.
 */
#ifndef VIGIL_HTML_H
#define VIGIL_HTML_H

#include <stddef.h>

#include "util/strbuf.h"

/* Appends s with & < > " ' escaped. NULL appends nothing. */
void html_escape(struct strbuf *sb, const char *s);
void html_escapen(struct strbuf *sb, const char *s, size_t len);
/* Appends trusted markup unchanged. */
void html_raw(struct strbuf *sb, const char *s);
/*
 * Formatted append. Conversions: %s escaped string (NULL = nothing), %.Ns at
 * most N bytes of it, %R raw
 * trusted markup, %d int, %ld long, %zu size_t, %% a percent sign. Any other
 * conversion is a programming error and aborts.
 */
void html_addf(struct strbuf *sb, const char *fmt, ...);
/* Markdown to HTML with cmark in safe mode: raw HTML and javascript: links
 * are dropped. Appends to sb. */
void html_markdown(struct strbuf *sb, const char *markdown);

#endif
