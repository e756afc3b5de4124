/*
 * vigil case show ID: the case as a person reads it — the defender and their
 * relatives, a dated timeline of events with their acts, victims and alleged
 * perpetrators, the complaints and their answers, the standards to cite and
 * the statements.
 */
#include "cli/cli.h"
#include "records/date.h"
#include "records/records.h"
#include "records/vocab.h"
#include "util/term.h"
#include "util/util.h"

int case_show(struct cli *cli, const char *id);
void record_title(struct vault *v, const struct kind_desc *k, json_t *rec, struct strbuf *out);

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_t *get(struct vault *v, const char *kind, const char *id)
{
	json_t *r = NULL;
	if (id && records_get(v, records_kind(kind), id, &r))
		error_clear();
	return r;
}

static json_t *children(struct vault *v, const char *kind, const char *parent)
{
	json_t *list = NULL;
	struct record_filter f = {.parent_id = parent};
	if (records_list(v, records_kind(kind), &f, &list))
		list = json_array();
	return list;
}

static void print_wrapped(const char *indent, const char *text)
{
	size_t col = 0, width = 76 - strlen(indent);
	printf("%s", indent);
	for (const char *p = text; *p;) {
		size_t w = strcspn(p, " \n");
		if (col && col + w + 1 > width) {
			printf("\n%s", indent);
			col = 0;
		} else if (col) {
			putchar(' ');
			col++;
		}
		printf("%.*s", (int)w, p);
		col += w;
		p += w;
		if (*p == '\n' && p[1] == '\n') {
			printf("\n\n%s", indent);
			col = 0;
		}
		while (*p == ' ' || *p == '\n')
			p++;
	}
	putchar('\n');
}

static void print_person_line(struct vault *v, json_t *p)
{
	printf("  %s", str(p, "name"));
	if (json_is_true(json_object_get(p, "deceased")))
		printf(" (deceased)");
	if (str(p, "occupation"))
		printf(", %s", str(p, "occupation"));
	printf("  [%s]\n", str(p, "id"));
	(void)v;
}

static void print_relatives(struct vault *v, const char *person_id)
{
	json_t *all = NULL;
	struct record_filter f = {0};
	if (records_list(v, records_kind("relationship"), &f, &all))
		return;
	size_t i;
	json_t *rel;
	json_array_foreach(all, i, rel)
	{
		bool forward = !strcmp(str(rel, "related"), person_id);
		if (!forward)
			continue;
		json_t *p = get(v, "person", str(rel, "person"));
		if (!p)
			continue;
		printf("    %s: %s%s  [%s]\n", vocab_label("relationship-types", str(rel, "type")),
		       str(p, "name"),
		       json_is_true(json_object_get(p, "deceased")) ? " (deceased)" : "",
		       str(p, "id"));
		json_decref(p);
	}
	json_decref(all);
}

static void print_involvements(struct vault *v, const char *act_id)
{
	json_t *invs = children(v, "involvement", act_id);
	size_t i;
	json_t *inv;
	json_array_foreach(invs, i, inv)
	{
		struct strbuf who = STRBUF_INIT;
		json_t *p = get(v, "person", str(inv, "perpetrator"));
		if (p)
			strbuf_adds(&who, str(p, "name"));
		if (str(inv, "alias"))
			strbuf_addf(&who, "%saccount \u201c%s\u201d", who.len ? ", " : "",
			            str(inv, "alias"));
		if (str(inv, "description"))
			strbuf_addf(&who, "%s%s", who.len ? ", " : "", str(inv, "description"));
		printf("        alleged perpetrator: %s%s%s%s\n", who.buf,
		       str(inv, "certainty") ? " (" : "",
		       str(inv, "certainty") ? str(inv, "certainty") : "",
		       str(inv, "certainty") ? ")" : "");
		json_decref(p);
		strbuf_release(&who);
	}
	json_decref(invs);
}

int case_show(struct cli *cli, const char *id)
{
	struct vault *v = &cli->vault;
	json_t *c;
	int rc = records_get(v, records_kind("case"), id, &c);
	if (rc)
		return rc;
	printf("%s\n", str(c, "title"));
	printf("case %s%s%s%s%s  [%s]\n", id, str(c, "country") ? " · " : "",
	       str(c, "country") ? str(c, "country") : "", str(c, "status") ? " · " : "",
	       str(c, "status") ? str(c, "status") : "", str(c, "confidentiality"));
	if (str(c, "summary")) {
		putchar('\n');
		print_wrapped("  ", str(c, "summary"));
	}

	json_t *def = get(v, "person", str(c, "defender"));
	if (def) {
		printf("\nDefender\n");
		print_person_line(v, def);
		print_relatives(v, str(def, "id"));
		if (str(def, "biography"))
			print_wrapped("    ", str(def, "biography"));
		json_decref(def);
	}

	printf("\nTimeline\n");
	json_t *events = children(v, "event", id);
	size_t i;
	json_t *ev;
	json_array_foreach(events, i, ev)
	{
		struct strbuf when = STRBUF_INIT;
		date_format_human(str(ev, "date"), &when);
		if (!when.len)
			strbuf_adds(&when, "undated");
		printf("  ");
		term_print_padded(stdout, when.buf, 18);
		printf(" %s  [%s]\n", str(ev, "title"), str(ev, "id"));
		if (str(ev, "description"))
			print_wrapped("        ", str(ev, "description"));
		strbuf_release(&when);
		json_t *acts = children(v, "act", str(ev, "id"));
		size_t j;
		json_t *act;
		json_array_foreach(acts, j, act)
		{
			struct strbuf t = STRBUF_INIT;
			record_title(v, records_kind("act"), act, &t);
			printf("      - %s  [%s]\n", t.buf, str(act, "id"));
			strbuf_release(&t);
			print_involvements(v, str(act, "id"));
		}
		json_decref(acts);
	}
	if (!json_array_size(events))
		printf("  (no events yet: 'vigil event add --case %s ...')\n", id);
	json_decref(events);

	printf("\nComplaints\n");
	json_t *complaints = children(v, "complaint", id);
	json_t *cp;
	json_array_foreach(complaints, i, cp)
	{
		struct strbuf when = STRBUF_INIT, t = STRBUF_INIT;
		date_format_human(str(cp, "date_filed"), &when);
		record_title(v, records_kind("complaint"), cp, &t);
		const char *resp = str(cp, "response");
		printf("  ");
		term_print_padded(stdout, when.buf, 18);
		printf(" %s — %s  [%s]\n", t.buf,
		       resp ? vocab_label("response-types", resp) : "no answer recorded",
		       str(cp, "id"));
		if (str(cp, "request"))
			print_wrapped("        ", str(cp, "request"));
		strbuf_release(&when);
		strbuf_release(&t);
	}
	if (!json_array_size(complaints))
		printf("  (none)\n");
	json_decref(complaints);

	json_t *statements = children(v, "statement", id);
	printf("\nStatements\n");
	json_t *st;
	json_array_foreach(statements, i, st)
	{
		struct strbuf when = STRBUF_INIT, signs = STRBUF_INIT;
		date_format_human(str(st, "date"), &when);
		size_t j;
		json_t *sid;
		json_array_foreach(json_object_get(st, "signatories"), j, sid)
		{
			json_t *o = get(v, "org", json_string_value(sid));
			strbuf_addf(&signs, "%s%s", j ? ", " : "",
			            o ? (str(o, "acronym") ? str(o, "acronym") : str(o, "name"))
			              : json_string_value(sid));
			json_decref(o);
		}
		printf("  ");
		term_print_padded(stdout, when.len ? when.buf : "undated", 18);
		printf(" %s (%s, %s)  [%s]\n", str(st, "title"), str(st, "kind"),
		       str(st, "status") ? str(st, "status") : "draft", str(st, "id"));
		if (signs.len)
			printf("        signed by %s\n", signs.buf);
		strbuf_release(&when);
		strbuf_release(&signs);
	}
	if (!json_array_size(statements))
		printf("  (none)\n");

	/* References cited by the case's statements. */
	json_t *cited = json_object();
	json_array_foreach(statements, i, st)
	{
		size_t j;
		json_t *rid;
		json_array_foreach(json_object_get(st, "references"), j, rid)
		    json_object_set_new(cited, json_string_value(rid), json_true());
	}
	if (json_object_size(cited)) {
		printf("\nStandards cited\n");
		const char *rid;
		json_t *unused;
		json_object_foreach(cited, rid, unused)
		{
			json_t *r = get(v, "reference", rid);
			if (!r)
				continue;
			printf("  %s, %s%s%s  [%s]\n", str(r, "body"),
			       str(r, "symbol") ? str(r, "symbol") : "",
			       str(r, "paragraph") ? ", para. " : "",
			       str(r, "paragraph") ? str(r, "paragraph") : "", rid);
			if (str(r, "text")) {
				struct strbuf q = STRBUF_INIT;
				strbuf_addf(&q, "\u201c%s\u201d", str(r, "text"));
				print_wrapped("        ", q.buf);
				strbuf_release(&q);
			}
			json_decref(r);
		}
	}
	json_decref(cited);
	json_decref(statements);
	json_decref(c);
	return 0;
}
