/*
 * vigil risk show|set CASE, vigil alerts [--case ID], vigil today: the risk
 * picture of a case, the alerts computed from the records, and the morning
 * digest across cases.
 */
#include "cli/cli.h"
#include "deadlines/complaint_status.h"
#include "records/date.h"
#include "records/records.h"
#include "records/risk.h"
#include "risk/alerts.h"
#include "util/util.h"

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Alerts of one case, or of every case when case_id is NULL. */
static int alerts_for(struct vault *v, const char *case_id, long today, json_t **alerts,
                      json_t **complaints)
{
	json_t *cases;
	if (case_id) {
		cases = json_pack("[{s:s}]", "id", case_id);
	} else {
		struct record_filter f = {0};
		int rc = records_list(v, records_kind("case"), &f, &cases);
		if (rc)
			return rc;
	}
	*alerts = json_array();
	if (complaints)
		*complaints = json_array();
	size_t i;
	json_t *c;
	int rc = 0;
	json_array_foreach(cases, i, c)
	{
		json_t *bundle, *a;
		rc = alerts_bundle_load(v, str(c, "id"), today, &bundle);
		if (rc)
			break;
		alerts_compute(bundle, today, &a);
		json_array_extend(*alerts, a);
		json_decref(a);
		if (complaints)
			json_array_extend(*complaints, json_object_get(bundle, "complaints"));
		json_decref(bundle);
	}
	json_decref(cases);
	if (rc) {
		json_decref(*alerts);
		if (complaints)
			json_decref(*complaints);
	}
	return rc;
}

static void print_alert(const char *indent, const json_t *a)
{
	printf("%s[%s] %s%s (%s; records:", indent, str(a, "level"),
	       json_is_true(json_object_get(a, "new")) ? "NEW " : "", str(a, "title"),
	       str(a, "rule"));
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(a, "records"), i, r) printf(" %s", json_string_value(r));
	printf(")\n");
}

int cmd_alerts(struct cli *cli)
{
	static const struct optspec specs[] = {{"case", OPT_VALUE, "only this case"}};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	long today;
	json_t *alerts = NULL;
	rc = today_parse(cli->today, &today);
	if (!rc)
		rc = alerts_for(&cli->vault, args_get(&a, "case"), today, &alerts, NULL);
	if (!rc) {
		if (cli->json) {
			cli_print_json(alerts);
		} else {
			size_t i;
			json_t *al;
			json_array_foreach(alerts, i, al)
			{
				printf("%s: ", str(al, "case"));
				print_alert("", al);
			}
			if (!json_array_size(alerts))
				printf("no alerts\n");
			json_decref(alerts);
		}
	}
	args_release(&a);
	return rc;
}

static void print_list(const char *label, json_t *items)
{
	printf("  %s:", label);
	if (!json_array_size(items)) {
		printf(" none\n");
		return;
	}
	printf("\n");
	size_t i;
	json_t *s;
	json_array_foreach(items, i, s) printf("    - %s\n", json_string_value(s));
}

static int risk_show(struct cli *cli, const char *case_id, long today)
{
	json_t *risk, *alerts;
	int rc =
	    records_exists(&cli->vault, records_kind("case"), case_id)
	        ? 0
	        : error_set(VG_ENOTFOUND, "no case '%s'; 'vigil case list' shows them", case_id);
	if (!rc)
		rc = risk_get(&cli->vault, case_id, &risk);
	if (rc)
		return rc;
	rc = alerts_for(&cli->vault, case_id, today, &alerts, NULL);
	if (rc) {
		json_decref(risk);
		return rc;
	}
	json_t *sugg = risk_suggest(risk, alerts);
	if (cli->json) {
		json_t *j = json_deep_copy(risk);
		json_object_set_new(j, "case", json_string(case_id));
		json_object_set_new(j, "suggested", sugg);
		json_object_set_new(j, "alerts", alerts);
		cli_print_json(j);
		json_decref(risk);
		return 0;
	}
	printf("risk of %s\n", case_id);
	if (str(risk, "level"))
		printf("  level: %s (set by %s on %s)\n", str(risk, "level"), str(risk, "set_by"),
		       str(risk, "set_at"));
	else
		printf("  level: not set\n");
	printf("  suggested: %s — %s\n", str(sugg, "level"), str(sugg, "reason"));
	if (str(risk, "note"))
		printf("  note: %s\n", str(risk, "note"));
	print_list("threats", json_object_get(risk, "threats"));
	print_list("vulnerabilities", json_object_get(risk, "vulnerabilities"));
	print_list("capacities", json_object_get(risk, "capacities"));
	printf("  alerts:%s\n", json_array_size(alerts) ? "" : " none");
	size_t i;
	json_t *al;
	json_array_foreach(alerts, i, al) print_alert("    ", al);
	json_decref(risk);
	json_decref(alerts);
	json_decref(sugg);
	return 0;
}

/* Adds the values of a repeatable option to a checklist, or removes them. */
static void checklist_apply(json_t *risk, const char *field, json_t *add, json_t *remove)
{
	json_t *list = json_object_get(risk, field);
	if (!json_is_array(list)) {
		list = json_array();
		json_object_set_new(risk, field, list);
	}
	size_t i, j;
	json_t *x, *y;
	json_array_foreach(add, i, x)
	{
		bool have = false;
		json_array_foreach(list, j, y) if (json_equal(x, y)) have = true;
		if (!have)
			json_array_append(list, x);
	}
	json_array_foreach(remove, i, x)
	{
		for (j = json_array_size(list); j-- > 0;)
			if (json_equal(x, json_array_get(list, j)))
				json_array_remove(list, j);
	}
}

static int risk_set(struct cli *cli, void *arg)
{
	const struct args *a = arg;
	const char *case_id = args_pos(a, 1);
	json_t *risk;
	int rc = risk_get(&cli->vault, case_id, &risk);
	if (rc)
		return rc;
	const char *level = args_get(a, "level");
	if (level) {
		bool ok = false;
		for (size_t i = 0; i < ARRAY_SIZE(risk_levels); i++)
			if (!strcmp(level, risk_levels[i]))
				ok = true;
		if (!ok) {
			json_decref(risk);
			return error_set(VG_EUSAGE,
			                 "--level takes low, medium, high or severe, not '%s'",
			                 level);
		}
		json_object_set_new(risk, "level", json_string(level));
		char now[21];
		records_now(now);
		json_object_set_new(risk, "set_at", json_string(now));
		json_object_set_new(risk, "set_by", json_string(cli->vault.actor));
	}
	if (args_get(a, "note"))
		json_object_set_new(risk, "note", json_string(args_get(a, "note")));
	checklist_apply(risk, "threats", json_object_get(a->opts, "threat"),
	                json_object_get(a->opts, "remove-threat"));
	checklist_apply(risk, "vulnerabilities", json_object_get(a->opts, "vulnerability"),
	                json_object_get(a->opts, "remove-vulnerability"));
	checklist_apply(risk, "capacities", json_object_get(a->opts, "capacity"),
	                json_object_get(a->opts, "remove-capacity"));
	rc = risk_put(&cli->vault, case_id, risk);
	json_decref(risk);
	if (!rc && !cli->json)
		printf("%s\n", case_id);
	return rc;
}

int cmd_risk(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"level", OPT_VALUE, "low, medium, high or severe"},
	    {"threat", OPT_LIST, NULL},
	    {"vulnerability", OPT_LIST, NULL},
	    {"capacity", OPT_LIST, NULL},
	    {"remove-threat", OPT_LIST, NULL},
	    {"remove-vulnerability", OPT_LIST, NULL},
	    {"remove-capacity", OPT_LIST, NULL},
	    {"note", OPT_VALUE, NULL},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *action = args_pos(&a, 0);
	long today;
	rc = today_parse(cli->today, &today);
	if (!rc && (!action || args_npos(&a) != 2))
		rc = error_set(VG_EUSAGE,
		               "usage: vigil risk show CASE | vigil risk set CASE [--level "
		               "low|medium|high|severe] [--threat TEXT] [--vulnerability TEXT] "
		               "[--capacity TEXT] [--remove-threat TEXT] ... [--note TEXT]");
	else if (!rc && !strcmp(action, "show"))
		rc = risk_show(cli, args_pos(&a, 1), today);
	else if (!rc && !strcmp(action, "set"))
		rc = cli_write(cli, risk_set, &a);
	else if (!rc)
		rc = error_set(VG_EUSAGE, "'%s' is not an action of 'risk'; use show or set",
		               action);
	args_release(&a);
	return rc;
}

int cmd_today(struct cli *cli)
{
	static const struct optspec specs[] = {{"case", OPT_VALUE, "only this case"}};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	long today;
	json_t *alerts = NULL, *complaints = NULL;
	rc = today_parse(cli->today, &today);
	if (!rc)
		rc = alerts_for(&cli->vault, args_get(&a, "case"), today, &alerts, &complaints);
	args_release(&a);
	if (rc)
		return rc;
	json_t *urgent = json_array(), *soon = json_array(), *unknown = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(complaints, i, c)
	{
		const char *st = str(c, "status");
		if (!strcmp(st, "overdue"))
			json_array_append(urgent, c);
		else if (!strcmp(st, "due-today") || !strcmp(st, "due-soon"))
			json_array_append(soon, c);
		else if (!strcmp(st, "calendar-unknown") || !strcmp(st, "no-rule"))
			json_array_append(unknown, c);
	}
	json_decref(complaints);
	char iso[16];
	date_format_day(today, iso);
	if (cli->json) {
		cli_print_json(json_pack("{s:s, s:o, s:o, s:o, s:o}", "today", iso, "overdue",
		                         urgent, "due_soon", soon, "unknown_deadline", unknown,
		                         "alerts", alerts));
		return 0;
	}
	struct strbuf day = STRBUF_INIT;
	date_format_human(iso, &day);
	printf("Vigil digest for %s\n\n", day.buf);
	strbuf_release(&day);
	printf("Overdue complaints: %zu\n", json_array_size(urgent));
	json_array_foreach(urgent, i, c)
	    printf("  %s (%s): %s\n", str(c, "id"), str(c, "case"), str(c, "explanation"));
	printf("Due within %d days: %zu\n", COMPLAINT_SOON_DAYS, json_array_size(soon));
	json_array_foreach(soon, i, c)
	    printf("  %s (%s): %s\n", str(c, "id"), str(c, "case"), str(c, "explanation"));
	if (json_array_size(unknown)) {
		printf("Deadline unknown: %zu\n", json_array_size(unknown));
		json_array_foreach(unknown, i, c)
		    printf("  %s (%s): %s\n", str(c, "id"), str(c, "case"), str(c, "explanation"));
	}
	size_t nnew = 0;
	json_array_foreach(alerts, i, c) if (json_is_true(json_object_get(c, "new"))) nnew++;
	printf("Alerts: %zu (%zu new in the last %d days)\n", json_array_size(alerts), nnew,
	       ALERT_NEW_DAYS);
	json_array_foreach(alerts, i, c)
	{
		if (!strcmp(str(c, "rule"), "complaint-overdue"))
			continue; /* listed above */
		printf("  %s: ", str(c, "case"));
		print_alert("", c);
	}
	json_decref(urgent);
	json_decref(soon);
	json_decref(unknown);
	json_decref(alerts);
	return 0;
}
