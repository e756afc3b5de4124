/*
 * vigil complaint step|show|follow-up ... and vigil complaints: the
 * complaint-specific actions; the generic ones (add, list, edit, retract) go
 * on to cmd_record(). `show` prints the record as cmd_record does, then the
 * deadline line and the steps.
 */
#include "cli/cli.h"
#include "deadlines/complaint_status.h"
#include "deadlines/followup.h"
#include "records/complaint_steps.h"
#include "records/date.h"
#include "records/records.h"
#include "util/fileio.h"
#include "util/util.h"

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void print_steps(const json_t *eval)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(eval, "steps"), i, s)
	{
		struct strbuf when = STRBUF_INIT;
		date_format_human(str(s, "date"), &when);
		printf("  step: %s %s", when.buf, str(s, "kind"));
		if (str(s, "to"))
			printf(" to %s", str(s, "to_name") ? str(s, "to_name") : str(s, "to"));
		if (str(s, "until")) {
			strbuf_reset(&when);
			date_format_human(str(s, "until"), &when);
			printf(" until %s", when.buf);
		}
		if (json_is_false(json_object_get(s, "notice")))
			printf(" (no notice)");
		if (str(s, "answer"))
			printf(" — answer: %s", str(s, "answer"));
		if (str(s, "note"))
			printf(" — %s", str(s, "note"));
		printf("\n");
		strbuf_release(&when);
	}
}

static int complaint_show(struct cli *cli, const char *id, long today)
{
	json_t *rec, *eval;
	int rc = records_get(&cli->vault, records_kind("complaint"), id, &rec);
	if (rc)
		return rc;
	rc = complaint_evaluate(&cli->vault, rec, today, &eval);
	if (rc) {
		json_decref(rec);
		return rc;
	}
	if (cli->json) {
		json_object_set_new(rec, "deadline", eval);
		cli_print_json(rec);
		return 0;
	}
	json_decref(rec);
	/* The record as every kind shows it, then what this one adds. */
	rc = cmd_record(cli);
	if (!rc) {
		printf("  deadline: %s\n", str(eval, "explanation"));
		print_steps(eval);
	}
	json_decref(eval);
	return rc;
}

struct step_args {
	const char *id;
	json_t *step;
};

static int step_write(struct cli *cli, void *arg)
{
	struct step_args *sa = arg;
	return complaint_step_add(&cli->vault, sa->id, sa->step);
}

static int complaint_step(struct cli *cli, int argc, char **argv)
{
	static const struct optspec specs[] = {
	    {"kind", OPT_VALUE, "acknowledged, extended, forwarded, answered, refused, no-reply"},
	    {"date", OPT_VALUE, "YYYY-MM-DD"},
	    {"note", OPT_VALUE, NULL},
	    {"to", OPT_VALUE, "forwarded: the org id or name of the new body"},
	    {"until", OPT_VALUE, "extended: the new due date the notice gave"},
	    {"notice", OPT_VALUE, "extended: yes (default) or no"},
	    {"answer", OPT_VALUE, "answered/refused: an evidence id or the answer's text"},
	};
	struct args a;
	int rc = cli_args(cli, argc, argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (args_npos(&a) != 2) {
		args_release(&a);
		return error_set(VG_EUSAGE, "usage: vigil complaint step ID --kind KIND --date "
		                            "YYYY-MM-DD [--note TEXT] [--to ORG] [--until DATE] "
		                            "[--notice yes|no] [--answer EVIDENCE-ID|TEXT]");
	}
	json_t *step = json_object();
	static const char *const keys[] = {"kind", "date", "note", "to", "until", "answer"};
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (args_get(&a, keys[i]))
			json_object_set_new(step, keys[i], json_string(args_get(&a, keys[i])));
	const char *notice = args_get(&a, "notice");
	if (notice) {
		if (!strcmp(notice, "yes") || !strcmp(notice, "true"))
			json_object_set_new(step, "notice", json_true());
		else if (!strcmp(notice, "no") || !strcmp(notice, "false"))
			json_object_set_new(step, "notice", json_false());
		else
			rc = error_set(VG_EUSAGE, "--notice takes yes or no, not '%s'", notice);
	}
	struct step_args sa = {args_pos(&a, 1), step};
	if (!rc)
		rc = cli_write(cli, step_write, &sa);
	if (!rc && !cli->json)
		printf("%s: %s on %s\n", sa.id, str(step, "kind"), str(step, "date"));
	else if (!rc)
		cli_print_json(json_incref(step));
	json_decref(step);
	args_release(&a);
	return rc;
}

static int complaint_follow_up(struct cli *cli, int argc, char **argv, long today)
{
	static const struct optspec specs[] = {
	    {"lang", OPT_VALUE, "en, ru or uz"},
	    {"out", OPT_VALUE, "write the letter to FILE"},
	};
	struct args a;
	int rc = cli_args(cli, argc, argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *lang = args_get(&a, "lang") ? args_get(&a, "lang") : "en";
	if (args_npos(&a) != 2) {
		args_release(&a);
		return error_set(
		    VG_EUSAGE, "usage: vigil complaint follow-up ID --lang en|ru|uz [--out FILE]");
	}
	json_t *rec = NULL, *eval = NULL, *facts = NULL, *person = NULL;
	struct strbuf tmpl = STRBUF_INIT, cite = STRBUF_INIT, letter = STRBUF_INIT;
	rc = followup_lang_known(lang)
	         ? 0
	         : error_set(VG_EUSAGE, "--lang takes en, ru or uz, not '%s'", lang);
	if (!rc)
		rc = records_get(&cli->vault, records_kind("complaint"), args_pos(&a, 1), &rec);
	if (!rc)
		rc = complaint_evaluate(&cli->vault, rec, today, &eval);
	if (!rc) {
		json_t *rule = json_object_get(eval, "rule");
		rc = followup_load(lang, json_is_object(rule) ? str(rule, "id") : NULL, &tmpl,
		                   &cite);
	}
	if (!rc) {
		if (str(rec, "by") &&
		    records_get(&cli->vault, records_kind("person"), str(rec, "by"), &person))
			error_clear();
		facts = followup_facts(lang, eval, rec, str(person, "name"), today,
		                       cite.len ? cite.buf : NULL);
		rc = followup_render(tmpl.buf, facts, &letter);
	}
	if (!rc) {
		if (cli->json) {
			cli_print_json(json_pack("{s:s, s:s, s:O, s:s}", "complaint",
			                         args_pos(&a, 1), "lang", lang, "deadline", eval,
			                         "letter", letter.buf));
		} else if (args_get(&a, "out")) {
			rc = file_write_atomic(args_get(&a, "out"), letter.buf, letter.len, 0600);
			if (!rc)
				printf("%s\n", args_get(&a, "out"));
		} else {
			fputs(letter.buf, stdout);
		}
	}
	json_t *rule = eval ? json_object_get(eval, "rule") : NULL;
	if (!rc && json_is_object(rule) && !json_is_true(json_object_get(rule, "verified")))
		fprintf(stderr,
		        "warning: the deadline rule is %s, not read from the law; check %s before "
		        "sending\n",
		        str(rule, "status"), str(rule, "citation"));
	if (!rc && !cli->json && strcmp(str(eval, "status"), "overdue"))
		fprintf(stderr, "note: complaint %s is %s, not overdue: %s\n", args_pos(&a, 1),
		        str(eval, "status"), str(eval, "explanation"));
	json_decref(rec);
	json_decref(eval);
	json_decref(facts);
	json_decref(person);
	strbuf_release(&tmpl);
	strbuf_release(&cite);
	strbuf_release(&letter);
	args_release(&a);
	return rc;
}

int cmd_complaint(struct cli *cli)
{
	const char *action = cli->argc > 0 ? cli->argv[0] : NULL;
	bool help = false;
	for (int i = 0; i < cli->argc; i++)
		if (!strcmp(cli->argv[i], "--help") || !strcmp(cli->argv[i], "-h"))
			help = true;
	if (!action || help ||
	    (strcmp(action, "step") && strcmp(action, "show") && strcmp(action, "follow-up")))
		return cmd_record(cli);
	long today;
	int rc = today_parse(cli->today, &today);
	if (rc)
		return rc;
	if (!strcmp(action, "step"))
		return complaint_step(cli, cli->argc, cli->argv);
	if (!strcmp(action, "follow-up"))
		return complaint_follow_up(cli, cli->argc, cli->argv, today);
	if (cli->argc != 2)
		return cmd_record(cli); /* its usage message */
	return complaint_show(cli, cli->argv[1], today);
}

static int parse_within(const char *s, long *days)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (end == s || n < 0 || n > 3650 || (*end && strcmp(end, "d")))
		return error_set(VG_EUSAGE, "--due-within takes a number of days like 7d, not '%s'",
		                 s);
	*days = n;
	return 0;
}

int cmd_complaints(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"overdue", OPT_FLAG, "only the overdue ones"},
	    {"due-within", OPT_VALUE, "only those due within N days (7d), overdue included"},
	    {"case", OPT_VALUE, "only this case's"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	long today, within = -1;
	rc = today_parse(cli->today, &today);
	if (!rc && args_get(&a, "due-within"))
		rc = parse_within(args_get(&a, "due-within"), &within);
	if (!rc && args_npos(&a))
		rc = error_set(VG_EUSAGE, "'vigil complaints' takes only options; see --help");
	json_t *all = NULL;
	if (!rc)
		rc = complaints_evaluate_all(&cli->vault, args_get(&a, "case"), today, &all);
	if (rc) {
		args_release(&a);
		return rc;
	}
	json_t *shown = json_array();
	size_t i;
	json_t *e;
	json_array_foreach(all, i, e)
	{
		const char *st = str(e, "status");
		bool overdue = !strcmp(st, "overdue");
		if (args_flag(&a, "overdue") && !overdue)
			continue;
		if (within >= 0) {
			const char *due = str(e, "due") ? str(e, "due") : str(e, "due_earliest");
			long d;
			bool open = !strcmp(st, "overdue") || !strcmp(st, "due-today") ||
			            !strcmp(st, "due-soon") || !strcmp(st, "pending") ||
			            !strcmp(st, "calendar-unknown");
			if (!open || !due || date_parse_day(due, &d) || d > today + within) {
				error_clear();
				continue;
			}
		}
		json_array_append(shown, e);
	}
	json_decref(all);
	if (cli->json) {
		cli_print_json(shown);
	} else {
		json_array_foreach(shown, i, e)
		{
			const char *due = str(e, "due");
			printf("%-30s %-16s %-10s %s: %s\n", str(e, "id"), str(e, "status"),
			       due ? due : "?",
			       str(e, "authority_name") ? str(e, "authority_name") : "?",
			       str(e, "explanation"));
		}
		json_decref(shown);
	}
	args_release(&a);
	return 0;
}
