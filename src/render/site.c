#include "render/site.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "records/date.h"
#include "records/vocab.h"
#include "render/cite.h"
#include "render/html.h"
#include "render/page.h"
#include "render/redact.h"
#include "render/timeline.h"
#include "util/fileio.h"
#include "util/util.h"

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static const json_t *lookup(const json_t *model, const char *kind, const char *id)
{
	return id ? json_object_get(json_object_get(model, kind), id) : NULL;
}

/* What each page shows of each kind: the fields redact.h clears. */
static const char *const statement_shown[] = {
    "title", "kind", "date", "language", "body", "signatories", "references", "source_url", NULL};
static const char *const org_shown[] = {"name", "acronym", NULL};
static const char *const reference_shown[] = {"body",      "title", "symbol", "date",
                                              "paragraph", "text",  NULL};
static const char *const case_shown[] = {"defender", "country", NULL};
static const char *const person_shown[] = {"name", "occupation", "country", "biography", NULL};

/* The date the header shows: the statement's, else the publish date. */
static const char *shown_date(const json_t *st, const char *today, bool *is_published)
{
	const char *d = str(st, "date");
	*is_published = !d;
	return d ? d : today;
}

static const json_t *defender_of(const json_t *model, const json_t *st)
{
	const json_t *c = lookup(model, "case", str(st, "case"));
	return lookup(model, "person", str(c, "defender"));
}

static const char *country_of(const json_t *model, const json_t *st)
{
	const json_t *c = lookup(model, "case", str(st, "case"));
	const char *country = str(c, "country");
	if (!country)
		country = str(defender_of(model, st), "country");
	return country;
}

/* Clears everything a statement's page shows, its cited records too. */
static int clear_statement(struct redact *r, const json_t *model, const json_t *st)
{
	redact_show(r, "statement", st, statement_shown);
	struct strbuf scratch = STRBUF_INIT;
	int rc = cite_expand(str(st, "body"), json_object_get(model, "cited"), r, str(st, "id"),
	                     &scratch);
	strbuf_release(&scratch);
	if (rc)
		return rc;
	size_t i;
	json_t *id;
	json_array_foreach(json_object_get(st, "signatories"), i, id)
	{
		const json_t *o = lookup(model, "org", json_string_value(id));
		if (o)
			redact_show(r, "org", o, org_shown);
	}
	json_array_foreach(json_object_get(st, "references"), i, id)
	{
		const json_t *ref = lookup(model, "reference", json_string_value(id));
		if (ref)
			redact_show(r, "reference", ref, reference_shown);
	}
	const json_t *c = lookup(model, "case", str(st, "case"));
	if (c) {
		redact_show(r, "case", c, case_shown);
		const json_t *p = lookup(model, "person", str(c, "defender"));
		if (p)
			redact_show(r, "person", p, person_shown);
	}
	return 0;
}

/* The body with its citations replaced, as HTML. Citations were checked by
 * clear_statement(), so expansion cannot fail here. */
static void body_html(const json_t *model, const json_t *st, struct strbuf *sb)
{
	struct strbuf md = STRBUF_INIT;
	if (cite_expand(str(st, "body"), json_object_get(model, "cited"), NULL, str(st, "id"), &md))
		error_clear();
	html_markdown(sb, md.buf);
	strbuf_release(&md);
}

static void org_label(const json_t *o, struct strbuf *out)
{
	const char *acr = str(o, "acronym");
	html_addf(out, "%s", str(o, "name"));
	if (acr)
		html_addf(out, " (%s)", acr);
}

static void reference_label(const json_t *ref, struct strbuf *sb)
{
	struct strbuf when = STRBUF_INIT;
	date_format_human(str(ref, "date"), &when);
	html_addf(sb, "%s", str(ref, "body"));
	if (str(ref, "title"))
		html_addf(sb, ", <cite>%s</cite>", str(ref, "title"));
	if (str(ref, "symbol"))
		html_addf(sb, ", %s", str(ref, "symbol"));
	if (when.len)
		html_addf(sb, " (%s)", when.buf);
	if (str(ref, "paragraph"))
		html_addf(sb, ", para. %s", str(ref, "paragraph"));
	strbuf_release(&when);
}

static const char *group_of(const json_t *st)
{
	return str(st, "translation_of") ? str(st, "translation_of") : str(st, "id");
}

/* Statements by the statement they translate (or their own id): one pass,
 * so that translations are found in constant time per page. */
static json_t *translation_groups(const json_t *model)
{
	json_t *groups = json_object();
	size_t i;
	json_t *st;
	json_array_foreach(json_object_get(model, "statements"), i, st)
	{
		json_t *g = json_object_get(groups, group_of(st));
		if (!g) {
			g = json_array();
			json_object_set_new(groups, group_of(st), g);
		}
		json_array_append(g, st);
	}
	return groups;
}

/* The other published languages of a statement. */
static json_t *translations_of(const json_t *groups, const json_t *st)
{
	json_t *out = json_array();
	size_t i;
	json_t *other;
	json_array_foreach(json_object_get(groups, group_of(st)), i, other)
	{
		if (other != st)
			json_array_append(out, other);
	}
	return out;
}

static void statement_page(const json_t *model, const json_t *groups, const json_t *st,
                           const char *today, struct strbuf *sb);

int site_statement_page(const json_t *model, const json_t *st, const char *today, struct strbuf *sb)
{
	json_t *groups = translation_groups(model);
	statement_page(model, groups, st, today, sb);
	json_decref(groups);
	return 0;
}

static void statement_page(const json_t *model, const json_t *groups, const json_t *st,
                           const char *today, struct strbuf *sb)
{
	const char *lang = str(st, "language") ? str(st, "language") : "en";
	const struct page_words *w = page_words(lang);
	json_t *tr = translations_of(groups, st);
	struct strbuf alt = STRBUF_INIT;
	size_t i;
	json_t *o;
	json_array_foreach(tr, i, o)
	{
		html_addf(&alt, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s.html\">\n",
		          str(o, "language") ? str(o, "language") : "en", str(o, "id"));
	}
	struct page_head h = {.lang = lang, .title = str(st, "title"), .root = "../"};
	h.date = shown_date(st, today, &h.date_is_published);
	h.alternates = alt.buf;
	page_begin(sb, &h);
	html_addf(sb, "<article>\n<p class=\"kind\">%s</p>\n<h1>%s</h1>\n",
	          page_kind_label(w, str(st, "kind")), str(st, "title"));
	const json_t *p = defender_of(model, st);
	const char *country = country_of(model, st);
	if (p || country) {
		html_raw(sb, "<p class=\"meta\">");
		if (p)
			html_addf(sb, "<a href=\"../defenders/%s.html\">%s</a>", str(p, "id"),
			          str(p, "name"));
		if (p && country)
			html_raw(sb, " · ");
		html_addf(sb, "%s</p>\n", country);
	}
	if (json_array_size(tr)) {
		html_addf(sb,
		          "<nav class=\"translations\" aria-label=\"%s\"><p>%s: ", w->translations,
		          w->translations);
		json_array_foreach(tr, i, o)
		{
			const char *ol = str(o, "language") ? str(o, "language") : "en";
			html_addf(sb, "%R<a href=\"%s.html\" hreflang=\"%s\" lang=\"%s\">%s</a>",
			          i ? ", " : "", str(o, "id"), ol, ol, page_language_name(ol));
		}
		html_raw(sb, "</p></nav>\n");
	}
	html_raw(sb, "<div class=\"body\">\n");
	body_html(model, st, sb);
	html_raw(sb, "</div>\n");
	json_t *sig = json_object_get(st, "signatories");
	if (json_array_size(sig)) {
		html_addf(sb, "<section><h2>%s</h2>\n<ul class=\"signatories\">\n", w->signed_by);
		json_t *id;
		json_array_foreach(sig, i, id)
		{
			const json_t *org = lookup(model, "org", json_string_value(id));
			html_raw(sb, "<li>");
			if (org)
				org_label(org, sb);
			else
				html_addf(sb, "%s", json_string_value(id));
			html_raw(sb, "</li>\n");
		}
		html_raw(sb, "</ul></section>\n");
	}
	json_t *refs = json_object_get(st, "references");
	if (json_array_size(refs)) {
		html_addf(sb, "<section><h2>%s</h2>\n<ul class=\"list\">\n", w->standards);
		json_t *id;
		json_array_foreach(refs, i, id)
		{
			const json_t *ref = lookup(model, "reference", json_string_value(id));
			if (!ref)
				continue;
			html_raw(sb, "<li>");
			reference_label(ref, sb);
			html_raw(sb, "</li>\n");
		}
		html_raw(sb, "</ul></section>\n");
	}
	html_raw(sb, "</article>\n");
	page_end(sb, &h);
	json_decref(tr);
	strbuf_release(&alt);
}

/* ---- the folder ---- */

static int write_page(const char *dir, const char *name, const struct strbuf *sb)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, name);
	int fd = open(path.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int rc;
	if (fd < 0)
		rc = error_set(errno == ENOSPC ? VG_ENOSPACE : VG_EIO, "cannot write %s: %s",
		               path.buf, strerror(errno));
	else {
		rc = file_write_all(fd, sb->buf, sb->len, path.buf);
		if (close(fd) && !rc)
			rc = error_set(VG_EIO, "cannot write %s: %s", path.buf, strerror(errno));
	}
	strbuf_release(&path);
	return rc;
}

/* Removes the pages of an earlier run, so that an unpublished or retracted
 * statement does not stay online. Only a folder Vigil made is touched. */
static int prepare_dir(const char *out)
{
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/.vigil-site", out);
	bool ours = file_exists(p.buf);
	int rc = 0;
	if (!ours && !dir_is_empty_or_missing(out))
		rc = error_set(VG_EEXISTS,
		               "%s is not empty and was not made by 'vigil publish'; choose an "
		               "empty or new folder",
		               out);
	if (!rc)
		rc = dir_create_parents(out, 0755);
	const char *subs[] = {"statements", "defenders"};
	for (size_t i = 0; !rc && i < ARRAY_SIZE(subs); i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", out, subs[i]);
		rc = dir_create_parents(p.buf, 0755);
		DIR *d = rc ? NULL : opendir(p.buf);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n > 5 && !strcmp(e->d_name + n - 5, ".html"))
				unlinkat(dirfd(d), e->d_name, 0);
		}
		if (d)
			closedir(d);
	}
	if (!rc) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/.vigil-site", out);
		rc = file_write_atomic(p.buf, "made by vigil publish\n", 22, 0644);
	}
	strbuf_release(&p);
	return rc;
}

/* Newest first; undated statements count as published today. */
static const char *sort_today;

static const char *effective_date(const json_t *st)
{
	const char *d = str(st, "date");
	return d ? (d[0] == '~' ? d + 1 : d) : sort_today;
}

static int newest_first(const void *a, const void *b)
{
	const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
	int c = strcmp(effective_date(y), effective_date(x));
	return c ? c : strcmp(str(x, "id"), str(y, "id"));
}

/* A published statement with what the index and defender pages group by. */
struct entry {
	const json_t *st;
	const json_t *defender;
	const char *country;
};

static void list_item(struct strbuf *sb, const json_t *st, const char *root)
{
	struct strbuf when = STRBUF_INIT;
	date_format_human(effective_date(st), &when);
	const char *lang = str(st, "language") ? str(st, "language") : "en";
	html_addf(sb, "<li><a href=\"%sstatements/%s.html\" hreflang=\"%s\" lang=\"%s\">%s</a>",
	          root, str(st, "id"), lang, lang, str(st, "title"));
	html_addf(sb, " <span class=\"meta\">%s</span></li>\n", when.buf);
	strbuf_release(&when);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void index_page(const struct entry *e, size_t n, const char *today, struct strbuf *sb)
{
	const struct page_words *w = page_words("en");
	struct page_head h = {.lang = "en",
	                      .title = w->statements,
	                      .root = "",
	                      .date = today,
	                      .date_is_published = false};
	page_begin(sb, &h);
	html_addf(sb, "<h1>%s</h1>\n<section><h2>%s</h2>\n<ul class=\"list\">\n", w->statements,
	          w->latest);
	for (size_t i = 0; i < n; i++)
		list_item(sb, e[i].st, "");
	html_raw(sb, "</ul></section>\n");

	/* By country and by defender: groups in name order, newest first inside;
	 * one pass groups the statements (key -> [index into sorted]). */
	for (int pass = 0; pass < 2; pass++) {
		json_t *groups = json_object();
		for (size_t i = 0; i < n; i++) {
			const char *k = pass == 0 ? e[i].country : str(e[i].defender, "name");
			if (!k)
				continue;
			json_t *g = json_object_get(groups, k);
			if (!g) {
				g = json_array();
				json_object_set_new(groups, k, g);
			}
			json_array_append_new(g, json_integer((json_int_t)i));
		}
		size_t nk = json_object_size(groups), j = 0;
		const char **keys = xcalloc(nk ? nk : 1, sizeof(*keys));
		const char *key;
		json_t *g;
		json_object_foreach(groups, key, g) keys[j++] = key;
		qsort(keys, nk, sizeof(*keys), by_string);
		html_addf(sb, "<section><h2>%s</h2>\n", pass == 0 ? w->by_country : w->by_defender);
		for (j = 0; j < nk; j++) {
			g = json_object_get(groups, keys[j]);
			size_t first = (size_t)json_integer_value(json_array_get(g, 0));
			if (pass == 1)
				html_addf(sb, "<h3><a href=\"defenders/%s.html\">%s</a></h3>\n",
				          str(e[first].defender, "id"), keys[j]);
			else
				html_addf(sb, "<h3>%s</h3>\n", keys[j]);
			html_raw(sb, "<ul class=\"list\">\n");
			size_t x;
			json_t *idx;
			json_array_foreach(g, x, idx)
			    list_item(sb, e[json_integer_value(idx)].st, "");
			html_raw(sb, "</ul>\n");
		}
		html_raw(sb, "</section>\n");
		free(keys);
		json_decref(groups);
	}
	page_end(sb, &h);
}

/* The timeline items of a case that the public may see. */
static json_t *public_timeline(struct redact *r, const json_t *model, const char *case_id)
{
	json_t *items = json_array();
	size_t i, j;
	json_t *ev, *act;
	json_array_foreach(json_object_get(json_object_get(model, "events"), case_id), i, ev)
	{
		if (!redact_may_show(r, ev) || !redact_field_ok(r, "event", ev, "date") ||
		    !redact_field_ok(r, "event", ev, "title")) {
			redact_omit(r, "event", ev, NULL);
			continue;
		}
		const char *type = NULL;
		json_array_foreach(json_object_get(ev, "acts"), j, act)
		{
			if (redact_may_show(r, act)) {
				type = str(act, "type");
				break;
			}
		}
		/* The top of the act type's tree: "surveillance.following" -> surveillance. */
		char top[64] = "other";
		if (type)
			snprintf(top, sizeof(top), "%.*s", (int)strcspn(type, "."), type);
		json_array_append_new(
		    items, json_pack("{s:s?, s:s, s:s?}", "date", str(ev, "date"), "type",
		                     type ? vocab_label("act-types", top) : "Other event", "title",
		                     str(ev, "title")));
	}
	json_array_foreach(json_object_get(json_object_get(model, "complaints"), case_id), i, ev)
	{
		if (!redact_may_show(r, ev))
			continue;
		const json_t *auth = lookup(model, "org", str(ev, "authority"));
		struct strbuf t = STRBUF_INIT;
		strbuf_addf(&t, "%s%s%s", vocab_label("intervention-types", str(ev, "type")),
		            auth && redact_may_show(r, auth) ? " to " : "",
		            auth && redact_may_show(r, auth) ? str(auth, "name") : "");
		json_array_append_new(items,
		                      json_pack("{s:s?, s:s, s:s}", "date", str(ev, "date_filed"),
		                                "type", "Complaint filed", "title", t.buf));
		strbuf_release(&t);
		const json_t *dl = json_object_get(ev, "deadline");
		if (str(dl, "due"))
			json_array_append_new(items, json_pack("{s:s, s:s, s:s?}", "date",
			                                       str(dl, "due"), "type", "Answer due",
			                                       "title", str(dl, "explanation")));
	}
	return items;
}

static void defender_page(struct redact *r, const json_t *model, const json_t *p,
                          const struct entry *e, const json_t *mine, const char *today,
                          struct strbuf *sb)
{
	const struct page_words *w = page_words("en");
	struct page_head h = {.lang = "en", .title = str(p, "name"), .root = "../", .date = today};
	page_begin(sb, &h);
	html_addf(sb, "<h1>%s</h1>\n", str(p, "name"));
	if (str(p, "occupation") || str(p, "country")) {
		html_addf(sb, "<p class=\"meta\">%s", str(p, "occupation"));
		html_addf(sb, "%R%s</p>\n", str(p, "occupation") && str(p, "country") ? ", " : "",
		          str(p, "country"));
	}
	if (str(p, "biography")) {
		html_addf(sb, "<section><h2>%s</h2>\n", w->about);
		html_markdown(sb, str(p, "biography"));
		html_raw(sb, "</section>\n");
	}
	/* The timeline of every case about this defender that has a public statement. */
	json_t *cases_done = json_object();
	size_t x;
	json_t *idx;
	json_array_foreach(mine, x, idx)
	{
		const char *cid = str(e[json_integer_value(idx)].st, "case");
		if (!cid || json_object_get(cases_done, cid))
			continue;
		json_object_set_new(cases_done, cid, json_true());
		json_t *items = public_timeline(r, model, cid);
		if (json_array_size(items)) {
			struct strbuf t = STRBUF_INIT;
			strbuf_addf(&t, "%s: %s", w->timeline, str(p, "name"));
			html_addf(sb, "<section class=\"timeline\"><h2>%s</h2>\n", w->timeline);
			timeline_svg(sb, items, t.buf);
			html_raw(sb, "</section>\n");
			strbuf_release(&t);
		}
		json_decref(items);
	}
	json_decref(cases_done);
	html_addf(sb, "<section><h2>%s</h2>\n<ul class=\"list\">\n", w->statements);
	json_array_foreach(mine, x, idx) list_item(sb, e[json_integer_value(idx)].st, "../");
	html_raw(sb, "</ul></section>\n");
	page_end(sb, &h);
}

static void url(struct strbuf *sb, const char *base, const char *path)
{
	if (base)
		html_addf(sb, "%s%R", base, base[strlen(base) - 1] == '/' ? "" : "/");
	html_addf(sb, "%s", path);
}

static void feed(const json_t *model, const json_t **sorted, size_t n, const struct site_options *o,
                 struct strbuf *sb)
{
	const char *updated = n ? effective_date(sorted[0]) : o->today;
	html_addf(sb,
	          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	          "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
	          "<title>Statements</title>\n<id>%s</id>\n<updated>%.10sT00:00:00Z</updated>\n"
	          "<link rel=\"self\" href=\"feed.xml\"/>\n<link href=\"index.html\"/>\n",
	          o->base_url ? o->base_url : "urn:vigil:statements", updated);
	for (size_t i = 0; i < n && i < 50; i++) {
		const json_t *st = sorted[i];
		html_addf(
		    sb,
		    "<entry xml:lang=\"%s\">\n<title>%s</title>\n<id>urn:vigil:statement:%s</id>\n"
		    "<updated>%.10sT00:00:00Z</updated>\n<link href=\"statements/%s.html\"/>\n",
		    str(st, "language") ? str(st, "language") : "en", str(st, "title"),
		    str(st, "id"), effective_date(st), str(st, "id"));
		size_t j;
		json_t *id;
		json_array_foreach(json_object_get(st, "signatories"), j, id)
		{
			const json_t *org = lookup(model, "org", json_string_value(id));
			html_addf(sb, "<author><name>%s</name></author>\n",
			          org ? str(org, "name") : json_string_value(id));
		}
		if (!json_array_size(json_object_get(st, "signatories")))
			html_raw(sb, "<author><name>Vigil</name></author>\n");
		struct strbuf body = STRBUF_INIT;
		body_html(model, st, &body);
		html_addf(sb, "<content type=\"html\">%s</content>\n</entry>\n", body.buf);
		strbuf_release(&body);
	}
	html_raw(sb, "</feed>\n");
}

int site_build(const json_t *model, const struct site_options *o, struct site_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	json_t *all = json_object_get(model, "statements");
	size_t n = json_array_size(all);
	const json_t **sorted = xcalloc(n ? n : 1, sizeof(*sorted));
	struct redact r;
	redact_init(&r, AUDIENCE_PUBLIC);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		sorted[i] = json_array_get(all, i);
		rc = clear_statement(&r, model, sorted[i]);
	}
	if (!rc)
		rc = redact_finish(&r, "the site");
	if (rc)
		goto out;
	sort_today = o->today;
	qsort(sorted, n, sizeof(*sorted), newest_first);
	rc = prepare_dir(o->out_dir);
	if (!rc)
		rc = page_write_assets(o->out_dir);
	struct strbuf sb = STRBUF_INIT, name = STRBUF_INIT;
	json_t *groups = translation_groups(model);
	for (size_t i = 0; i < n && !rc; i++) {
		strbuf_reset(&sb);
		strbuf_reset(&name);
		statement_page(model, groups, sorted[i], o->today, &sb);
		strbuf_addf(&name, "statements/%s.html", str(sorted[i], "id"));
		rc = write_page(o->out_dir, name.buf, &sb);
		stats->statements++;
	}
	/* Defender pages, once each, with their statements found in one pass. */
	struct entry *e = xcalloc(n ? n : 1, sizeof(*e));
	json_t *done = json_object();
	for (size_t i = 0; i < n; i++) {
		e[i].st = sorted[i];
		e[i].defender = defender_of(model, sorted[i]);
		e[i].country = country_of(model, sorted[i]);
		if (!e[i].defender)
			continue;
		json_t *mine = json_object_get(done, str(e[i].defender, "id"));
		if (!mine) {
			mine = json_array();
			json_object_set_new(done, str(e[i].defender, "id"), mine);
		}
		json_array_append_new(mine, json_integer((json_int_t)i));
	}
	const char *pid;
	json_t *mine;
	json_object_foreach(done, pid, mine)
	{
		if (rc)
			break;
		const json_t *p = e[json_integer_value(json_array_get(mine, 0))].defender;
		strbuf_reset(&sb);
		strbuf_reset(&name);
		defender_page(&r, model, p, e, mine, o->today, &sb);
		strbuf_addf(&name, "defenders/%s.html", str(p, "id"));
		rc = write_page(o->out_dir, name.buf, &sb);
		stats->defenders++;
	}
	if (!rc) {
		strbuf_reset(&sb);
		index_page(e, n, o->today, &sb);
		rc = write_page(o->out_dir, "index.html", &sb);
	}
	if (!rc) {
		strbuf_reset(&sb);
		feed(model, sorted, n, o, &sb);
		rc = write_page(o->out_dir, "feed.xml", &sb);
	}
	if (!rc) {
		strbuf_reset(&sb);
		html_raw(&sb, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		              "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		html_raw(&sb, "<url><loc>");
		url(&sb, o->base_url, "index.html");
		html_raw(&sb, "</loc></url>\n");
		for (size_t i = 0; i < n; i++) {
			strbuf_reset(&name);
			strbuf_addf(&name, "statements/%s.html", str(sorted[i], "id"));
			html_raw(&sb, "<url><loc>");
			url(&sb, o->base_url, name.buf);
			html_addf(&sb, "</loc><lastmod>%.10s</lastmod></url>\n",
			          effective_date(sorted[i]));
		}
		const char *key;
		json_t *v;
		json_object_foreach(done, key, v)
		{
			strbuf_reset(&name);
			strbuf_addf(&name, "defenders/%s.html", key);
			html_raw(&sb, "<url><loc>");
			url(&sb, o->base_url, name.buf);
			html_raw(&sb, "</loc></url>\n");
		}
		html_raw(&sb, "</urlset>\n");
		rc = write_page(o->out_dir, "sitemap.xml", &sb);
	}
	stats->files = stats->statements + stats->defenders + 5;
	json_decref(done);
	json_decref(groups);
	free(e);
	strbuf_release(&sb);
	strbuf_release(&name);
out:
	redact_release(&r);
	free(sorted);
	return rc;
}
