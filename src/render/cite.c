#include "render/cite.h"

#include <ctype.h>

#include "records/date.h"
#include "records/vocab.h"
#include "util/util.h"

static const char *const kinds[] = {"event", "complaint", "reference", "person"};
static const char *const event_fields[] = {"title", "date", NULL};
static const char *const complaint_fields[] = {"type", "authority", "date_filed", "response", NULL};
static const char *const reference_fields[] = {"text", "body", "symbol", "paragraph", NULL};
static const char *const person_fields[] = {"name", NULL};

const char *const *cite_fields(const char *kind)
{
	if (!strcmp(kind, "event"))
		return event_fields;
	if (!strcmp(kind, "complaint"))
		return complaint_fields;
	if (!strcmp(kind, "reference"))
		return reference_fields;
	return person_fields;
}

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Parses "{{kind:id}}" at p; on success fills kind/id and returns its length. */
static size_t parse(const char *p, char kind[16], char id[80])
{
	if (strncmp(p, "{{", 2))
		return 0;
	const char *colon = strchr(p + 2, ':');
	const char *end = strstr(p + 2, "}}");
	if (!colon || !end || colon > end)
		return 0;
	size_t kl = (size_t)(colon - p - 2), il = (size_t)(end - colon - 1);
	if (kl == 0 || kl >= 16 || il == 0 || il >= 80)
		return 0;
	bool known = false;
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		known = known || (strlen(kinds[i]) == kl && !strncmp(kinds[i], p + 2, kl));
	if (!known)
		return 0;
	for (const char *c = colon + 1; c < end; c++)
		if (!isalnum((unsigned char)*c) && !strchr("._-", *c))
			return 0;
	memcpy(kind, p + 2, kl);
	kind[kl] = '\0';
	memcpy(id, colon + 1, il);
	id[il] = '\0';
	return (size_t)(end + 2 - p);
}

int cite_each(const char *body, int (*fn)(const char *kind, const char *id, void *arg), void *arg)
{
	for (const char *p = body ? strstr(body, "{{") : NULL; p; p = strstr(p + 1, "{{")) {
		char kind[16], id[80];
		if (parse(p, kind, id)) {
			int rc = fn(kind, id, arg);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Record text inside Markdown: punctuation that Markdown reads is escaped. */
static void md(struct strbuf *out, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>#!|{}", *s))
			strbuf_addch(out, '\\');
		strbuf_addch(out, *s);
	}
}

/* A vocabulary label inside a sentence: "Complaint" -> "complaint". */
static void md_lower(struct strbuf *out, const char *s)
{
	size_t start = out->len;
	md(out, s);
	if (out->len > start && out->buf[start] >= 'A' && out->buf[start] <= 'Z')
		out->buf[start] = (char)(out->buf[start] - 'A' + 'a');
}

static void human(struct strbuf *out, const char *date)
{
	struct strbuf sb = STRBUF_INIT;
	date_format_human(date, &sb);
	md(out, sb.buf);
	strbuf_release(&sb);
}

int cite_expand(const char *body, const json_t *cited, struct redact *r, const char *statement_id,
                struct strbuf *out)
{
	const char *p = body ? body : "";
	for (;;) {
		const char *at = strstr(p, "{{");
		char kind[16], id[80];
		size_t len = at ? parse(at, kind, id) : 0;
		if (!at) {
			strbuf_adds(out, p);
			return 0;
		}
		strbuf_add(out, p, (size_t)(at - p) + (len ? 0 : 2));
		p = at + (len ? len : 2);
		if (!len)
			continue;
		char key[100];
		snprintf(key, sizeof(key), "%s:%s", kind, id);
		const json_t *rec = json_object_get(cited, key);
		if (!rec)
			return error_set(
			    VG_ENOTFOUND,
			    "statement %s cites %s %s, which is not in the vault; fix the "
			    "citation {{%s}} in its body",
			    statement_id, kind, id, key);
		if (r)
			redact_show(r, kind, rec, cite_fields(kind));
		if (!strcmp(kind, "event")) {
			md(out, str(rec, "title"));
			if (str(rec, "date")) {
				strbuf_adds(out, " (");
				human(out, str(rec, "date"));
				strbuf_adds(out, ")");
			}
		} else if (!strcmp(kind, "complaint")) {
			const json_t *org = json_object_get(rec, "authority_rec");
			strbuf_adds(out, "the ");
			md_lower(out, vocab_label("intervention-types", str(rec, "type")));
			strbuf_adds(out, " of ");
			human(out, str(rec, "date_filed"));
			strbuf_adds(out, " to ");
			md(out, org ? str(org, "name") : str(rec, "authority"));
			if (str(rec, "response")) {
				strbuf_adds(out, " (");
				md_lower(out, vocab_label("response-types", str(rec, "response")));
				strbuf_adds(out, ")");
			}
		} else if (!strcmp(kind, "reference")) {
			strbuf_adds(out, "“");
			md(out, str(rec, "text"));
			strbuf_adds(out, "” (");
			md(out, str(rec, "body"));
			if (str(rec, "symbol")) {
				strbuf_adds(out, ", ");
				md(out, str(rec, "symbol"));
			}
			if (str(rec, "paragraph")) {
				strbuf_adds(out, ", para. ");
				md(out, str(rec, "paragraph"));
			}
			strbuf_adds(out, ")");
		} else {
			md(out, str(rec, "name"));
		}
	}
}
