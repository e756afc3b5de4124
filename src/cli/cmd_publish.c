/*
 * vigil publish --out DIR: the public static site of the published
 * statements (render/site.h). The vault is opened read-only; this file only
 * gathers the records the site may need, and render/ decides what is shown.
 */
#include <time.h>

#include "cli/cli.h"
#include "cli/casemodel.h"
#include "records/records.h"
#include "render/site.h"
#include "util/util.h"

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Adds record kind/id to the model once (missing ones are left out: the
 * page then shows the bare id, and validation has kept refs sound). */
static int need(struct vault *v, json_t *model, const char *kind, const char *id)
{
	if (!id)
		return 0;
	json_t *bucket = json_object_get(model, kind);
	if (json_object_get(bucket, id))
		return 0;
	json_t *rec;
	int rc = records_get(v, records_kind(kind), id, &rec);
	if (rc == -VG_ENOTFOUND) {
		error_clear();
		return 0;
	}
	if (!rc)
		json_object_set_new(bucket, id, rec);
	return rc;
}

static int need_case(struct vault *v, json_t *model, const char *case_id, const char *today)
{
	if (!case_id || json_object_get(json_object_get(model, "case"), case_id))
		return 0;
	int rc = need(v, model, "case", case_id);
	const json_t *c = json_object_get(json_object_get(model, "case"), case_id);
	if (!rc && c)
		rc = need(v, model, "person", str(c, "defender"));
	json_t *events = NULL, *complaints = NULL;
	struct record_filter f = {.case_id = case_id};
	if (!rc)
		rc = records_list(v, records_kind("event"), &f, &events);
	size_t i;
	json_t *ev;
	json_array_foreach(events, i, ev)
	{
		struct record_filter af = {.parent_id = str(ev, "id")};
		json_t *acts = NULL;
		if (!rc)
			rc = records_list(v, records_kind("act"), &af, &acts);
		if (acts)
			json_object_set_new(ev, "acts", acts);
	}
	if (!rc)
		rc = records_list(v, records_kind("complaint"), &f, &complaints);
	json_array_foreach(complaints, i, ev)
	{
		if (!rc)
			rc = need(v, model, "org", str(ev, "authority"));
	}
	if (!rc && complaints)
		rc = casemodel_complaint_deadlines(v, complaints, today);
	if (events)
		json_object_set_new(json_object_get(model, "events"), case_id, events);
	if (complaints)
		json_object_set_new(json_object_get(model, "complaints"), case_id, complaints);
	return rc;
}

int publish_model(struct vault *v, const char *today, json_t **out);
int publish_model(struct vault *v, const char *today, json_t **out)
{
	json_t *model =
	    json_pack("{s:[], s:{}, s:{}, s:{}, s:{}, s:{}, s:{}, s:{}}", "statements", "org",
	              "reference", "case", "person", "events", "complaints", "cited");
	json_t *all;
	int rc = records_list(v, records_kind("statement"), NULL, &all);
	size_t i;
	json_t *st;
	json_array_foreach(all, i, st)
	{
		if (rc)
			break;
		const char *status = str(st, "status");
		if (!status || strcmp(status, "published"))
			continue;
		json_array_append(json_object_get(model, "statements"), st);
		size_t j;
		json_t *id;
		json_array_foreach(json_object_get(st, "signatories"), j, id)
		{
			if (!rc)
				rc = need(v, model, "org", json_string_value(id));
		}
		json_array_foreach(json_object_get(st, "references"), j, id)
		{
			if (!rc)
				rc = need(v, model, "reference", json_string_value(id));
		}
		if (!rc)
			rc = need_case(v, model, str(st, "case"), today);
		if (!rc)
			rc = casemodel_cited(v, str(st, "body"), json_object_get(model, "cited"));
	}
	json_decref(all);
	if (rc) {
		json_decref(model);
		return rc;
	}
	*out = model;
	return 0;
}

void cli_today(struct cli *cli, char out[16]);
void cli_today(struct cli *cli, char out[16])
{
	if (cli->today && strlen(cli->today) == 10) {
		snprintf(out, 16, "%s", cli->today);
		return;
	}
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

int cmd_publish(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"out", OPT_VALUE, "the folder to write the site into"},
	    {"base-url", OPT_VALUE, "the site's address, for the sitemap and the feed"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (!args_get(&a, "out") || args_npos(&a)) {
		args_release(&a);
		return error_set(VG_EUSAGE, "usage: vigil publish --out DIR [--base-url URL]");
	}
	char today[16];
	cli_today(cli, today);
	json_t *model = NULL;
	rc = publish_model(&cli->vault, today, &model);
	struct site_stats stats;
	struct site_options o = {
	    .out_dir = args_get(&a, "out"), .today = today, .base_url = args_get(&a, "base-url")};
	if (!rc)
		rc = site_build(model, &o, &stats);
	if (!rc) {
		if (cli->json)
			cli_print_json(json_pack("{s:s, s:I, s:I}", "out", o.out_dir, "statements",
			                         (json_int_t)stats.statements, "defenders",
			                         (json_int_t)stats.defenders));
		else
			printf("published %zu statement%s and %zu defender page%s in %s\n",
			       stats.statements, stats.statements == 1 ? "" : "s", stats.defenders,
			       stats.defenders == 1 ? "" : "s", o.out_dir);
	}
	json_decref(model);
	args_release(&a);
	return rc;
}
