#include "render/html.h"

#include <stdarg.h>

#include <cmark.h>

#include "util/util.h"

void html_escapen(struct strbuf *sb, const char *s, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		strbuf_add(sb, s + start, i - start);
		strbuf_adds(sb, rep);
		start = i + 1;
	}
	strbuf_add(sb, s + start, len - start);
}

void html_escape(struct strbuf *sb, const char *s)
{
	if (s)
		html_escapen(sb, s, strlen(s));
}

void html_raw(struct strbuf *sb, const char *s)
{
	if (s)
		strbuf_adds(sb, s);
}

void html_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			strbuf_adds(sb, p);
			break;
		}
		strbuf_add(sb, p, (size_t)(pct - p));
		p = pct + 1;
		if (*p == 's') {
			html_escape(sb, va_arg(ap, const char *));
			p++;
		} else if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
			/* %.Ns: at most N bytes of the string, escaped. */
			char *end;
			size_t max = strtoul(p + 1, &end, 10);
			if (*end != 's') {
				fprintf(stderr, "vigil: bug: html_addf takes only %%.Ns\n");
				abort();
			}
			const char *s = va_arg(ap, const char *);
			if (s)
				html_escapen(sb, s, strnlen(s, max));
			p = end + 1;
		} else if (*p == 'R') {
			html_raw(sb, va_arg(ap, const char *));
			p++;
		} else if (*p == 'd') {
			strbuf_addf(sb, "%d", va_arg(ap, int));
			p++;
		} else if (p[0] == 'l' && p[1] == 'd') {
			strbuf_addf(sb, "%ld", va_arg(ap, long));
			p += 2;
		} else if (p[0] == 'z' && p[1] == 'u') {
			strbuf_addf(sb, "%zu", va_arg(ap, size_t));
			p += 2;
		} else if (*p == '%') {
			strbuf_addch(sb, '%');
			p++;
		} else {
			fprintf(stderr, "vigil: bug: html_addf has no conversion %%%c\n", *p);
			abort();
		}
	}
	va_end(ap);
}

void html_markdown(struct strbuf *sb, const char *markdown)
{
	if (!markdown)
		return;
	/* CMARK_OPT_SAFE is the default since cmark 0.29 (raw HTML and unsafe
	 * links are replaced); it is named here so that an older cmark is safe too. */
	char *out = cmark_markdown_to_html(markdown, strlen(markdown), CMARK_OPT_SAFE);
	strbuf_adds(sb, out);
	free(out);
}
