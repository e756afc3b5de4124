#include "render/report.h"

#include <time.h>

#include "records/date.h"
#include "records/vocab.h"
#include "render/html.h"
#include "render/page.h"
#include "render/timeline.h"
#include "util/util.h"

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

struct ctx {
	struct redact *r;
	bool leave_out;
	json_t *blocks;
};

/*
 * May the report show this record (and field)? Refusing mode notes a leak;
 * leave-out mode, and any record of a kind whose level nobody can change
 * (evidence, flagged messages: redact.h), notes an omission. field NULL asks
 * about the record.
 */
static bool ok(struct ctx *c, const char *kind, const json_t *rec, const char *field)
{
	if (!rec)
		return false;
	if (field && !json_object_get(rec, field))
		return false;
	bool fine =
	    field ? redact_field_ok(c->r, kind, rec, field) : redact_record_ok(c->r, kind, rec);
	if (fine)
		return true;
	if (c->leave_out || redact_kind_fixed(kind)) {
		redact_omit(c->r, kind, rec, field);
	} else {
		const char *one[] = {field, NULL};
		redact_show(c->r, kind, rec, field ? one : NULL);
	}
	return false;
}

static const char *val(struct ctx *c, const char *kind, const json_t *rec, const char *field)
{
	return ok(c, kind, rec, field) ? str(rec, field) : NULL;
}

static void block(struct ctx *c, const char *type, const char *text)
{
	json_array_append_new(c->blocks, json_pack("{s:s}", type, text));
}

static void kv(json_t *list, const char *label, const char *value)
{
	if (value)
		json_array_append_new(list, json_pack("[s, s]", label, value));
}

static char *human(const char *date)
{
	struct strbuf sb = STRBUF_INIT;
	date_format_human(date, &sb);
	return strbuf_detach(&sb, NULL);
}

static void defender(struct ctx *c, const json_t *m)
{
	const json_t *p = json_object_get(m, "defender");
	block(c, "h2", "Defender");
	if (!ok(c, "person", p, NULL)) {
		block(c, "note",
		      p ? "The defender's record is not for this audience."
		        : "The case names no defender.");
		return;
	}
	json_t *list = json_array();
	kv(list, "Name", val(c, "person", p, "name"));
	kv(list, "Occupation", val(c, "person", p, "occupation"));
	kv(list, "Status",
	   ok(c, "person", p, "status") ? vocab_label("person-status", str(p, "status")) : NULL);
	kv(list, "Sex", val(c, "person", p, "sex"));
	char *bd = human(val(c, "person", p, "birth_date"));
	kv(list, "Born", *bd ? bd : NULL);
	free(bd);
	kv(list, "Country", val(c, "person", p, "country"));
	kv(list, "Address", val(c, "person", p, "address"));
	kv(list, "Phone", val(c, "person", p, "phone"));
	kv(list, "Contact", val(c, "person", p, "contact"));
	json_t *other =
	    ok(c, "person", p, "other_names") ? json_object_get(p, "other_names") : NULL;
	struct strbuf names = STRBUF_INIT;
	size_t i;
	json_t *x;
	json_array_foreach(other, i, x)
	    strbuf_addf(&names, "%s%s", i ? "; " : "", json_string_value(x));
	kv(list, "Other names", names.len ? names.buf : NULL);
	strbuf_release(&names);
	json_array_append_new(c->blocks, json_pack("{s:o}", "kv", list));
	if (ok(c, "person", p, "biography"))
		block(c, "p", str(p, "biography"));
	json_t *rels = json_array();
	json_array_foreach(json_object_get(m, "relatives"), i, x)
	{
		const json_t *rel = json_object_get(x, "relationship");
		const json_t *who = json_object_get(x, "person");
		/* Both are checked, so that the list names both. */
		bool rel_ok = ok(c, "relationship", rel, NULL);
		bool who_ok = ok(c, "person", who, NULL);
		if (!rel_ok || !who_ok)
			continue;
		struct strbuf t = STRBUF_INIT;
		strbuf_addf(&t, "%s: %s%s", vocab_label("relationship-types", str(rel, "type")),
		            val(c, "person", who, "name"),
		            json_is_true(json_object_get(who, "deceased")) ? " (deceased)" : "");
		const char *addr = val(c, "person", who, "address");
		if (addr)
			strbuf_addf(&t, ", address: %s", addr);
		json_array_append_new(rels, json_string(t.buf));
		strbuf_release(&t);
	}
	if (json_array_size(rels)) {
		block(c, "h3", "Relatives");
		json_array_append_new(c->blocks, json_pack("{s:o}", "ul", rels));
	} else {
		json_decref(rels);
	}
}

static void events(struct ctx *c, const json_t *m)
{
	json_t *items = json_array();
	size_t i, j, k;
	json_t *ev, *act, *inv;
	json_array_foreach(json_object_get(m, "events"), i, ev)
	{
		if (!ok(c, "event", ev, NULL) || !json_object_get(ev, "date"))
			continue;
		const char *type = NULL;
		json_array_foreach(json_object_get(ev, "acts"), j,
		                   act) if (!type && redact_may_show(c->r, act)) type =
		    str(act, "type");
		char top[64] = "other";
		if (type)
			snprintf(top, sizeof(top), "%.*s", (int)strcspn(type, "."), type);
		json_array_append_new(
		    items, json_pack("{s:s, s:s, s:s?}", "date", str(ev, "date"), "type",
		                     type ? vocab_label("act-types", top) : "Other event", "title",
		                     str(ev, "title")));
	}
	json_array_foreach(json_object_get(m, "complaints"), i, ev)
	{
		if (!redact_may_show(c->r, ev))
			continue;
		if (str(ev, "date_filed"))
			json_array_append_new(
			    items, json_pack("{s:s, s:s, s:s}", "date", str(ev, "date_filed"),
			                     "type", "Complaint filed", "title",
			                     vocab_label("intervention-types", str(ev, "type"))));
		const json_t *dl = json_object_get(ev, "deadline");
		if (str(dl, "due"))
			json_array_append_new(items, json_pack("{s:s, s:s, s:s?}", "date",
			                                       str(dl, "due"), "type", "Answer due",
			                                       "title", str(dl, "explanation")));
	}
	block(c, "h2", "Timeline");
	json_array_append_new(c->blocks, json_pack("{s:o}", "timeline", items));

	block(c, "h2", "Events, acts and alleged perpetrators");
	json_array_foreach(json_object_get(m, "events"), i, ev)
	{
		if (!ok(c, "event", ev, NULL))
			continue;
		char *when = human(val(c, "event", ev, "date"));
		struct strbuf h = STRBUF_INIT;
		strbuf_addf(&h, "%s%s%s", *when ? when : "Undated", " — ", str(ev, "title"));
		block(c, "h3", h.buf);
		strbuf_release(&h);
		free(when);
		json_t *list = json_array();
		kv(list, "Place", val(c, "event", ev, "place"));
		kv(list, "Reliability", val(c, "event", ev, "reliability"));
		kv(list, "Source", val(c, "event", ev, "source"));
		json_array_append_new(c->blocks, json_pack("{s:o}", "kv", list));
		if (ok(c, "event", ev, "description"))
			block(c, "p", str(ev, "description"));
		json_t *ul = json_array();
		json_array_foreach(json_object_get(ev, "acts"), j, act)
		{
			if (!ok(c, "act", act, NULL))
				continue;
			const json_t *victim = json_object_get(act, "victim_rec");
			struct strbuf t = STRBUF_INIT;
			strbuf_addf(&t, "%s against %s", vocab_label("act-types", str(act, "type")),
			            ok(c, "person", victim, "name") ? str(victim, "name")
			                                            : "(a victim not shown)");
			json_array_foreach(json_object_get(act, "involvements"), k, inv)
			{
				if (!ok(c, "involvement", inv, NULL))
					continue;
				const json_t *pr = json_object_get(inv, "perpetrator_rec");
				const char *who =
				    ok(c, "person", pr, "name") ? str(pr, "name") : NULL;
				const char *alias = val(c, "involvement", inv, "alias");
				const char *d = val(c, "involvement", inv, "description");
				strbuf_addf(&t, "; alleged perpetrator: %s%s%s%s%s", who ? who : "",
				            alias ? "account “" : "", alias ? alias : "",
				            alias ? "”" : "", !who && !alias && d ? d : "");
				if (str(inv, "certainty"))
					strbuf_addf(&t, " (%s)", str(inv, "certainty"));
			}
			json_array_append_new(ul, json_string(t.buf));
			strbuf_release(&t);
		}
		if (json_array_size(ul))
			json_array_append_new(c->blocks, json_pack("{s:o}", "ul", ul));
		else
			json_decref(ul);
	}
}

static void complaints(struct ctx *c, const json_t *m)
{
	block(c, "h2", "Complaints and answers");
	size_t i;
	json_t *cp;
	json_t *ul = json_array();
	json_array_foreach(json_object_get(m, "complaints"), i, cp)
	{
		if (!ok(c, "complaint", cp, NULL))
			continue;
		const json_t *org = json_object_get(cp, "authority_rec");
		char *filed = human(str(cp, "date_filed"));
		char *answered = human(val(c, "complaint", cp, "response_date"));
		struct strbuf t = STRBUF_INIT;
		strbuf_addf(
		    &t, "%s: %s to %s", filed, vocab_label("intervention-types", str(cp, "type")),
		    ok(c, "org", org, "name") ? str(org, "name") : "an authority not shown");
		if (ok(c, "complaint", cp, "reference_number"))
			strbuf_addf(&t, " (ref. %s)", str(cp, "reference_number"));
		if (ok(c, "complaint", cp, "request"))
			strbuf_addf(&t, ". Asked: %s", str(cp, "request"));
		strbuf_addf(&t, " Answer: %s%s%s.",
		            str(cp, "response") ? vocab_label("response-types", str(cp, "response"))
		                                : "none recorded",
		            *answered ? ", " : "", answered);
		const char *dl = str(json_object_get(cp, "deadline"), "explanation");
		if (dl)
			strbuf_addf(&t, " Deadline: %s.", dl);
		json_array_append_new(ul, json_string(t.buf));
		strbuf_release(&t);
		free(filed);
		free(answered);
	}
	json_array_append_new(c->blocks, json_pack("{s:o}", "ul", ul));
	block(c, "note",
	      "Deadlines are computed from the rule of each complaint's jurisdiction "
	      "(data/deadlines/) "
	      "as of the date this report was prepared.");
}

static void statements(struct ctx *c, const json_t *m)
{
	block(c, "h2", "Statements");
	json_t *ul = json_array();
	size_t i;
	json_t *st;
	json_array_foreach(json_object_get(m, "statements"), i, st)
	{
		if (!ok(c, "statement", st, NULL))
			continue;
		char *when = human(str(st, "date"));
		struct strbuf t = STRBUF_INIT;
		strbuf_addf(&t, "%s (%s, %s%s%s)", str(st, "title"), str(st, "kind"),
		            str(st, "status") ? str(st, "status") : "draft", *when ? ", " : "",
		            when);
		json_array_append_new(ul, json_string(t.buf));
		strbuf_release(&t);
		free(when);
	}
	json_array_append_new(c->blocks, json_pack("{s:o}", "ul", ul));
}

static void custody_line(const json_t *item, const json_t *e, struct strbuf *t)
{
	const char *op = str(e, "op");
	const json_t *d = json_object_get(e, "data");
	strbuf_addf(t, "%s, %s: ", str(e, "at"), str(e, "actor") ? str(e, "actor") : "?");
	if (!strcmp(op, "collect") && str(d, "sha256") && str(item, "sha256") &&
	    !strcmp(str(d, "sha256"), str(item, "sha256")))
		strbuf_adds(t, "collected into the vault, with the SHA-256 above");
	else if (!strcmp(op, "collect"))
		strbuf_addf(t,
		            "collected into the vault with SHA-256 %s (not the one above: run "
		            "'vigil verify')",
		            str(d, "sha256") ? str(d, "sha256") : "(none)");
	else if (!strcmp(op, "link"))
		strbuf_addf(t, "linked to %s %s", str(d, "kind"), str(d, "id"));
	else if (!strcmp(op, "extract"))
		strbuf_addf(t, "extracted to %s%s%s", str(d, "to"),
		            str(d, "purpose") ? ", purpose: " : "",
		            str(d, "purpose") ? str(d, "purpose") : "");
	else if (!strcmp(op, "export") || !strcmp(op, "share"))
		strbuf_addf(t, "%s to %s%s%s", !strcmp(op, "share") ? "shared" : "exported",
		            str(d, "out") ? str(d, "out") : "a bundle",
		            str(d, "to") ? ", sealed for " : "", str(d, "to") ? str(d, "to") : "");
	else
		strbuf_adds(t, op);
}

static void evidence(struct ctx *c, const json_t *m)
{
	block(c, "h2", "Evidence and chain of custody");
	const json_t *items = json_object_get(m, "evidence");
	if (!json_array_size(items)) {
		block(c, "note", "No evidence file of this case is in the vault.");
		return;
	}
	size_t i, j, shown = 0;
	json_t *it, *e;
	json_array_foreach(items, i, it)
	{
		if (!ok(c, "evidence", it, NULL))
			continue;
		shown++;
		struct strbuf h = STRBUF_INIT;
		const char *name = val(c, "evidence", it, "original_name");
		strbuf_addf(&h, "%s%s%s", str(it, "id"), name ? " — " : "", name ? name : "");
		block(c, "h3", h.buf);
		strbuf_release(&h);
		json_t *list = json_array();
		kv(list, "SHA-256", val(c, "evidence", it, "sha256"));
		char size[32] = "";
		if (ok(c, "evidence", it, "size"))
			snprintf(size, sizeof(size), "%lld bytes",
			         (long long)json_integer_value(json_object_get(it, "size")));
		kv(list, "Size", *size ? size : NULL);
		kv(list, "Media type", val(c, "evidence", it, "media_type"));
		kv(list, "Captured", val(c, "evidence", it, "captured_at"));
		kv(list, "Captured by", val(c, "evidence", it, "captured_by"));
		kv(list, "Source", val(c, "evidence", it, "source"));
		kv(list, "Description", val(c, "evidence", it, "description"));
		struct strbuf added = STRBUF_INIT;
		if (ok(c, "evidence", it, "added_at"))
			strbuf_addf(&added, "%s by %s", str(it, "added_at"),
			            str(it, "added_by") ? str(it, "added_by") : "?");
		kv(list, "Added", added.len ? added.buf : NULL);
		strbuf_release(&added);
		json_array_append_new(c->blocks, json_pack("{s:o}", "kv", list));
		json_t *ul = json_array();
		json_array_foreach(json_object_get(it, "custody"), j, e)
		{
			struct strbuf t = STRBUF_INIT;
			custody_line(it, e, &t);
			json_array_append_new(ul, json_string(t.buf));
			strbuf_release(&t);
		}
		if (json_array_size(ul)) {
			block(c, "note", "Chain of custody, oldest first:");
			json_array_append_new(c->blocks, json_pack("{s:o}", "ul", ul));
		} else {
			json_decref(ul);
		}
	}
	if (shown)
		block(c, "note",
		      "Each SHA-256 was computed as the file entered the vault; every custody "
		      "event is an entry of the change log that the signed checkpoint below "
		      "covers. 'vigil verify' checks the stored files against them.");
	else
		block(c, "note",
		      "The case's evidence files are not for this audience; they are listed at "
		      "the end.");
}

static int by_score(const void *a, const void *b)
{
	double x = json_number_value(json_array_get(*(json_t *const *)a, 1));
	double y = json_number_value(json_array_get(*(json_t *const *)b, 1));
	return x < y ? 1 : x > y ? -1 : 0;
}

static void flagged(struct ctx *c, const json_t *m)
{
	block(c, "h2", "Flagged messages");
	const json_t *flags = json_object_get(m, "flags");
	json_int_t total = json_integer_value(json_object_get(m, "flags_total"));
	if (!json_array_size(flags)) {
		block(c, "note",
		      "No imported message of this case was flagged by the detector ('vigil scan' "
		      "scores messages after an import).");
		return;
	}
	json_t *ul = json_array();
	size_t i, shown = 0;
	json_t *f;
	json_array_foreach(flags, i, f)
	{
		char id[32];
		snprintf(id, sizeof(id), "%lld",
		         (long long)json_integer_value(json_object_get(f, "mid")));
		json_t *rec = json_object();
		const char *key;
		json_t *x;
		json_object_foreach((json_t *)f, key, x)
		{
			if (!json_is_null(x))
				json_object_set(rec, key, x);
		}
		json_object_set_new(rec, "id", json_string(id));
		if (!ok(c, "message", rec, NULL)) {
			json_decref(rec);
			continue;
		}
		shown++;
		struct strbuf t = STRBUF_INIT;
		time_t when = (time_t)json_integer_value(json_object_get(f, "date"));
		struct tm tm;
		char date[40] = "undated";
		if (when && gmtime_r(&when, &tm))
			strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm);
		strbuf_addf(&t, "Message %s, %s: abusive %.2f", id, date,
		            json_number_value(json_object_get(f, "abusive")));
		json_t *sc = json_array();
		const char *cat;
		json_object_foreach(json_object_get(f, "scores"), cat, x)
		{
			if (json_number_value(x) >= 0.05)
				json_array_append_new(
				    sc, json_pack("[s, f]", cat, json_number_value(x)));
		}
		size_t n = json_array_size(sc);
		json_t **v = xmalloc((n ? n : 1) * sizeof(*v));
		for (size_t k = 0; k < n; k++)
			v[k] = json_array_get(sc, k);
		qsort(v, n, sizeof(*v), by_score);
		for (size_t k = 0; k < n; k++)
			strbuf_addf(&t, "%s %s %.2f", k ? "," : ";",
			            json_string_value(json_array_get(v[k], 0)),
			            json_number_value(json_array_get(v[k], 1)));
		free(v);
		json_decref(sc);
		const char *status = str(f, "status") ? str(f, "status") : "open";
		strbuf_addf(&t, ". Review: %s",
		            !strcmp(status, "open") ? "not reviewed yet" : status);
		const char *note = val(c, "message", rec, "note");
		if (note)
			strbuf_addf(&t, " (%s)", note);
		strbuf_adds(&t, ".");
		const char *from = val(c, "message", rec, "from");
		const char *chat = val(c, "message", rec, "chat");
		if (from || chat)
			strbuf_addf(&t, " %s%s%s%s.", from ? "From " : "", from ? from : "",
			            chat ? (from ? " in chat " : "In chat ") : "",
			            chat ? chat : "");
		const char *text = val(c, "message", rec, "text");
		if (text)
			strbuf_addf(&t, " Text: “%s”", text);
		json_array_append_new(ul, json_string(t.buf));
		strbuf_release(&t);
		json_decref(rec);
	}
	if (json_array_size(ul))
		json_array_append_new(c->blocks, json_pack("{s:o}", "ul", ul));
	else
		json_decref(ul);
	if (!shown)
		block(c, "note",
		      "The case's flagged messages are not for this audience; they are listed at "
		      "the end.");
	if (total > (json_int_t)json_array_size(flags)) {
		struct strbuf t = STRBUF_INIT;
		strbuf_addf(&t,
		            "The %zu worst of %lld flagged messages are shown; 'vigil flags --case "
		            "%s' lists them all.",
		            json_array_size(flags), (long long)total,
		            str(json_object_get(m, "case"), "id"));
		block(c, "note", t.buf);
		strbuf_release(&t);
	}
	block(c, "note",
	      "Worst first. Scores (0 to 1) are the detector's estimate by category, not a "
	      "finding; a person's review confirms or rejects each flag. What a message says, "
	      "who sent it and in which chat is evidence, shown only to the restricted "
	      "audience.");
}

static void checkpoint(struct ctx *c, const json_t *m)
{
	block(c, "h2", "Latest signed checkpoint");
	const json_t *cp = json_object_get(m, "checkpoint");
	if (!cp) {
		block(c, "note", "The vault holds no signed checkpoint yet.");
		return;
	}
	json_t *rec = json_copy((json_t *)cp);
	json_object_set(rec, "id", json_object_get(cp, "file"));
	if (ok(c, "checkpoint", rec, NULL)) {
		json_t *list = json_array();
		kv(list, "Origin", val(c, "checkpoint", rec, "origin"));
		char size[48] = "";
		if (ok(c, "checkpoint", rec, "size"))
			snprintf(size, sizeof(size), "%lld change log entries",
			         (long long)json_integer_value(json_object_get(rec, "size")));
		kv(list, "Tree size", *size ? size : NULL);
		kv(list, "Root hash", val(c, "checkpoint", rec, "root"));
		kv(list, "Root (hex)", val(c, "checkpoint", rec, "root_hex"));
		kv(list, "Signed by", val(c, "checkpoint", rec, "key_name"));
		kv(list, "Key id", val(c, "checkpoint", rec, "key_id"));
		kv(list, "File", val(c, "checkpoint", rec, "file"));
		json_array_append_new(c->blocks, json_pack("{s:o}", "kv", list));
		block(c, "note",
		      "A C2SP signed note over the RFC 9162 Merkle tree of the change log; its "
		      "Ed25519 signature was checked with the vault's key when this report was "
		      "made. 'vigil key export' gives the public key; 'vigil prove' proves that "
		      "an entry or a later checkpoint belongs to this tree.");
	}
	json_decref(rec);
}

int report_build(const json_t *m, struct redact *r, bool leave_out, const char *today, json_t **out)
{
	struct ctx c = {.r = r, .leave_out = leave_out, .blocks = json_array()};
	const json_t *cs = json_object_get(m, "case");
	if (!redact_show(r, "case", cs, (const char *[]){"title", NULL})) {
		json_decref(c.blocks);
		return redact_finish(r, "the report");
	}
	block(&c, "h1", str(cs, "title"));
	json_t *meta = json_array();
	kv(meta, "Case", str(cs, "id"));
	kv(meta, "Country", val(&c, "case", cs, "country"));
	kv(meta, "Status", val(&c, "case", cs, "status"));
	kv(meta, "Prepared", today);
	kv(meta, "For", redact_audience_name(r->audience));
	json_array_append_new(c.blocks, json_pack("{s:o}", "kv", meta));
	if (ok(&c, "case", cs, "summary"))
		block(&c, "p", str(cs, "summary"));
	defender(&c, m);
	events(&c, m);
	complaints(&c, m);
	evidence(&c, m);
	flagged(&c, m);
	statements(&c, m);
	checkpoint(&c, m);
	int rc = redact_finish(r, "the report");
	if (rc) {
		json_decref(c.blocks);
		return rc;
	}
	if (json_array_size(r->omitted)) {
		block(&c, "h2", "Left out for this audience");
		json_t *ul = json_array();
		size_t i;
		json_t *e;
		json_array_foreach(r->omitted, i, e)
		{
			struct strbuf t = STRBUF_INIT;
			strbuf_addf(&t, "%s %s%s%s (%s)", str(e, "kind"), str(e, "id"),
			            str(e, "field") ? ", field " : "",
			            str(e, "field") ? str(e, "field") : "", str(e, "level"));
			json_array_append_new(ul, json_string(t.buf));
			strbuf_release(&t);
		}
		json_array_append_new(c.blocks, json_pack("{s:o}", "ul", ul));
	}
	*out = c.blocks;
	return 0;
}

void report_html(const json_t *blocks, const char *title, const char *today, struct strbuf *sb)
{
	/* One self-contained file: stylesheet and script inline. */
	struct page_head h = {
	    .lang = "en", .title = title, .root = "", .date = today, .standalone = true};
	page_begin(sb, &h);
	size_t i, j;
	json_t *b, *x;
	json_array_foreach(blocks, i, b)
	{
		const char *key = json_object_iter_key(json_object_iter((json_t *)b));
		json_t *v = json_object_iter_value(json_object_iter((json_t *)b));
		if (!strcmp(key, "h1") || !strcmp(key, "h2") || !strcmp(key, "h3")) {
			html_addf(sb, "<%R>%s</%R>\n", key, json_string_value(v), key);
		} else if (!strcmp(key, "p")) {
			html_addf(sb, "<p>%s</p>\n", json_string_value(v));
		} else if (!strcmp(key, "note")) {
			html_addf(sb, "<p class=\"meta\"><em>%s</em></p>\n", json_string_value(v));
		} else if (!strcmp(key, "kv")) {
			html_raw(sb, "<table><tbody>\n");
			json_array_foreach(v, j, x)
			    html_addf(sb, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n",
			              json_string_value(json_array_get(x, 0)),
			              json_string_value(json_array_get(x, 1)));
			html_raw(sb, "</tbody></table>\n");
		} else if (!strcmp(key, "ul")) {
			html_raw(sb, "<ul class=\"list\">\n");
			json_array_foreach(v, j, x)
			    html_addf(sb, "<li>%s</li>\n", json_string_value(x));
			html_raw(sb, "</ul>\n");
		} else if (!strcmp(key, "timeline")) {
			html_raw(sb, "<div class=\"timeline\">");
			timeline_svg(sb, v, "Events by type over time");
			html_raw(sb, "</div>\n");
		}
	}
	page_end(sb, &h);
}
