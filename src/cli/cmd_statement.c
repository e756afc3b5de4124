/*
 * vigil statement draft|versions|export: the statement actions beyond the
 * generic add/list/show/edit/retract of cmd_record.c (which this hands the
 * other actions to). A draft is written from the case's public facts
 * (render/draft.h); each change of a statement's title or body is kept as a
 * version (records/statements.h); export lays a statement out for the UN
 * (render/un.h) or as Markdown.
 */
#include <unistd.h>

#include "cli/casemodel.h"
#include "cli/cli.h"
#include "records/records.h"
#include "records/statements.h"
#include "render/cite.h"
#include "render/draft.h"
#include "render/redact.h"
#include "render/un.h"
#include "util/util.h"

void cli_today(struct cli *cli, char out[16]);

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int statement_keep_version(struct cli *cli, const char *id, const char *note)
{
	json_t *st;
	int rc = records_get(&cli->vault, records_kind("statement"), id, &st);
	if (rc)
		return rc;
	if (str(st, "body"))
		rc = statements_version_add(&cli->vault, id, str(st, "case"), str(st, "title"),
		                            str(st, "body"), note, NULL);
	json_decref(st);
	return rc;
}

static void print_omitted(const struct redact *r)
{
	size_t n = json_array_size(r->omitted), i;
	json_t *e;
	if (!n)
		return;
	fprintf(stderr, "left out because the %s audience may not see them:\n",
	        redact_audience_name(r->audience));
	json_array_foreach(r->omitted, i, e)
	{
		fprintf(stderr, "  %s %s%s%s (%s)\n", str(e, "kind"), str(e, "id"),
		        str(e, "field") ? " field " : "", str(e, "field") ? str(e, "field") : "",
		        str(e, "level"));
	}
}

struct draft_args {
	const struct args *a;
};

static int do_draft(struct cli *cli, void *arg)
{
	const struct args *a = ((struct draft_args *)arg)->a;
	const char *case_id = args_pos(a, 1);
	const char *kind = args_get(a, "kind") ? args_get(a, "kind") : "joint";
	const char *lang = args_get(a, "lang") ? args_get(a, "lang") : "en";
	json_t *model;
	int rc = casemodel_load(&cli->vault, case_id, &model);
	if (rc)
		return rc;
	char today[16];
	cli_today(cli, today);
	rc = casemodel_deadlines(&cli->vault, model, today);
	if (rc) {
		json_decref(model);
		return rc;
	}
	struct redact r;
	redact_init(&r, AUDIENCE_PUBLIC);
	struct strbuf title = STRBUF_INIT, body = STRBUF_INIT;
	rc = draft_statement(model, kind, lang, &r, &title, &body);
	json_t *rec = NULL;
	if (!rc) {
		rec =
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "case", case_id, "title", title.buf,
		              "kind", kind, "language", lang, "status", "draft", "body", body.buf);
		if (args_get(a, "id"))
			json_object_set_new(rec, "id", json_string(args_get(a, "id")));
		rc = records_add(&cli->vault, records_kind("statement"), rec);
	}
	const char *id = rec ? str(rec, "id") : NULL;
	if (!rc)
		rc = statements_version_add(&cli->vault, id, case_id, title.buf, body.buf,
		                            "first draft from the case's public facts", NULL);
	if (!rc) {
		if (cli->json)
			cli_print_json(json_pack("{s:s, s:i, s:O}", "id", id, "version", 1,
			                         "omitted", r.omitted));
		else
			printf("%s\n", id);
		print_omitted(&r);
		if (isatty(2))
			fprintf(stderr,
			        "draft %s written (version 1, confidentiality restricted); edit it "
			        "with 'vigil statement edit %s --body-file FILE'\n",
			        id, id);
	}
	json_decref(rec);
	strbuf_release(&title);
	strbuf_release(&body);
	redact_release(&r);
	json_decref(model);
	return rc;
}

static int versions(struct cli *cli, const struct args *a)
{
	if (args_npos(a) != 2)
		return error_set(VG_EUSAGE, "usage: vigil statement versions ID [--show N]");
	const char *id = args_pos(a, 1);
	if (!records_exists(&cli->vault, records_kind("statement"), id))
		return error_set(VG_ENOTFOUND,
		                 "no statement with id '%s'; see 'vigil statement list'", id);
	json_t *all;
	int rc = statements_versions(&cli->vault, id, &all);
	if (rc)
		return rc;
	const char *show = args_get(a, "show");
	if (show) {
		long n = strtol(show, NULL, 10);
		json_t *ver = n >= 1 ? json_array_get(all, (size_t)n - 1) : NULL;
		if (!ver)
			rc = error_set(VG_ENOTFOUND, "statement %s has no version %s (it has %zu)",
			               id, show, json_array_size(all));
		else if (cli->json)
			cli_print_json(json_incref(ver));
		else
			printf("# %s\n\n%s", str(ver, "title"), str(ver, "body"));
		json_decref(all);
		return rc;
	}
	if (cli->json) {
		cli_print_json(all);
		return 0;
	}
	size_t i;
	json_t *ver;
	json_array_foreach(all, i, ver)
	{
		printf("%-3lld %s  %-12s %6zu bytes  %s\n",
		       (long long)json_integer_value(json_object_get(ver, "version")),
		       str(ver, "at"), str(ver, "actor"), strlen(str(ver, "body")),
		       str(ver, "note") ? str(ver, "note") : "");
	}
	if (!json_array_size(all))
		fprintf(stderr, "statement %s has no kept versions yet\n", id);
	json_decref(all);
	return 0;
}

static int export(struct cli *cli, const struct args *a)
{
	if (args_npos(a) != 2)
		return error_set(VG_EUSAGE, "usage: vigil statement export ID --format un|markdown "
		                            "[--audience public|partners|restricted]");
	const char *format = args_get(a, "format") ? args_get(a, "format") : "markdown";
	enum audience aud = AUDIENCE_PARTNERS;
	if (!strcmp(format, "markdown"))
		aud = AUDIENCE_PUBLIC;
	int rc = args_get(a, "audience") ? redact_audience_parse(args_get(a, "audience"), &aud) : 0;
	if (rc)
		return rc;
	json_t *st;
	rc = records_get(&cli->vault, records_kind("statement"), args_pos(a, 1), &st);
	if (rc)
		return rc;
	struct redact r;
	redact_init(&r, aud);
	struct strbuf out = STRBUF_INIT;
	if (!strcmp(format, "un")) {
		json_t *model = NULL, *sub = NULL;
		if (!str(st, "case"))
			rc = error_set(VG_EINVALID, "statement %s concerns no case; set its --case",
			               str(st, "id"));
		if (!rc)
			rc = casemodel_load(&cli->vault, str(st, "case"), &model);
		char today[16];
		cli_today(cli, today);
		if (!rc)
			rc = casemodel_deadlines(&cli->vault, model, today);
		if (!rc)
			rc = un_submission(model, st, today, &r, &sub);
		if (!rc && cli->json)
			cli_print_json(json_incref(sub));
		else if (!rc)
			un_format_text(sub, &out);
		json_decref(sub);
		json_decref(model);
	} else if (!strcmp(format, "markdown")) {
		const char *fields[] = {"title", "date", "body", NULL};
		redact_show(&r, "statement", st, fields);
		json_t *cited = json_object();
		struct strbuf body = STRBUF_INIT;
		rc = casemodel_cited(&cli->vault, str(st, "body"), cited);
		if (!rc)
			rc = cite_expand(str(st, "body"), cited, &r, str(st, "id"), &body);
		if (!rc)
			rc = redact_finish(&r, "the statement");
		if (!rc)
			strbuf_addf(&out, "# %s\n\n%s", str(st, "title"), body.buf);
		strbuf_release(&body);
		json_decref(cited);
	} else {
		rc = error_set(VG_EUSAGE, "unknown format '%s'; use un or markdown", format);
	}
	if (!rc) {
		fwrite(out.buf, 1, out.len, stdout);
		print_omitted(&r);
	}
	strbuf_release(&out);
	redact_release(&r);
	json_decref(st);
	return rc;
}

int cmd_statement(struct cli *cli)
{
	const char *action = cli->argc ? cli->argv[0] : NULL;
	if (!action ||
	    (strcmp(action, "draft") && strcmp(action, "versions") && strcmp(action, "export")))
		return cmd_record(cli);
	static const struct optspec specs[] = {
	    {"kind", OPT_VALUE, "joint, urgent-appeal, letter or un"},
	    {"lang", OPT_VALUE, "en or ru"},
	    {"id", OPT_VALUE, "the new statement's id"},
	    {"show", OPT_VALUE, "print version N"},
	    {"format", OPT_VALUE, "un or markdown"},
	    {"audience", OPT_VALUE, "public, partners or restricted"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (!strcmp(action, "draft")) {
		if (args_npos(&a) != 2)
			rc = error_set(VG_EUSAGE, "usage: vigil statement draft CASE --kind "
			                          "joint|urgent-appeal|un|letter --lang en|ru");
		else {
			struct draft_args da = {&a};
			rc = cli_write(cli, do_draft, &da);
		}
	} else if (!strcmp(action, "versions")) {
		rc = versions(cli, &a);
	} else {
		rc = export(cli, &a);
	}
	args_release(&a);
	return rc;
}
