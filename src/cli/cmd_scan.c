/* vigil scan / flags / review: the detector over a vault's imported messages,
 * worst first, and a person's decision on each flag. */
#include <unistd.h>

#include "cli/cli.h"
#include "detect/detect.h"
#include "records/date.h"
#include "records/flags.h"
#include "records/records.h"
#include "util/util.h"

/* Names of the persons who are someone's relative in the case (or in all
 * cases): a message naming them goes into the family category. */
static int family_names(struct vault *v, const char *case_id, json_t **out)
{
	json_t *rels;
	struct record_filter f = {case_id, NULL, false};
	int rc = records_list(v, records_kind("relationship"), &f, &rels);
	if (rc)
		return rc;
	json_t *names = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(rels, i, r)
	{
		json_t *p = NULL;
		const char *pid = json_string_value(json_object_get(r, "person"));
		if (!pid || records_get(v, records_kind("person"), pid, &p)) {
			error_clear();
			continue;
		}
		const char *name = json_string_value(json_object_get(p, "name"));
		if (name) {
			json_array_append_new(names, json_string(name));
			const char *sp = strchr(name, ' '); /* the first name alone too */
			if (sp && sp - name >= 3)
				json_array_append_new(names,
				                      json_stringn(name, (size_t)(sp - name)));
		}
		json_decref(p);
	}
	json_decref(rels);
	*out = names;
	return 0;
}

struct scan_ctx {
	struct detector *det;
	const char *case_id;
	int64_t since;
	size_t scored, flagged;
};

static int scan_write(struct cli *cli, void *arg)
{
	struct scan_ctx *c = arg;
	char model[32];
	snprintf(model, sizeof(model), "detector-%08x", c->det->model.checksum);
	json_t *todo;
	int rc = flags_pending(&cli->vault, model, c->case_id, c->since, &todo);
	if (rc)
		return rc;
	size_t i;
	json_t *m;
	json_array_foreach(todo, i, m)
	{
		const char *text = json_string_value(json_object_get(m, "text"));
		struct detect_result r;
		detector_score(c->det, text, strlen(text), &r);
		json_t *scores = json_object(), *spans = json_array();
		for (int k = 0; k < DCAT_COUNT; k++)
			json_object_set_new(scores, detect_cat_name((enum detect_cat)k),
			                    json_real(r.score[k]));
		for (size_t s = 0; s < r.nspans; s++)
			json_array_append_new(spans,
			                      json_pack("{s:s, s:I, s:I}", "category",
			                                detect_cat_name(r.spans[s].cat), "start",
			                                (json_int_t)r.spans[s].start, "end",
			                                (json_int_t)r.spans[s].end));
		/* a threat that names the family ranks highest */
		double rank = r.abusive + r.score[DCAT_THREAT];
		if (r.score[DCAT_FAMILY] > 0)
			rank += r.score[DCAT_FAMILY] * (r.abusive + r.score[DCAT_THREAT]);
		rc = flags_store(&cli->vault, json_integer_value(json_object_get(m, "mid")), model,
		                 r.abusive, r.flagged, rank, scores, spans);
		json_decref(scores);
		json_decref(spans);
		if (rc)
			break;
		c->scored++;
		c->flagged += r.flagged;
	}
	json_decref(todo);
	return rc;
}

int cmd_scan(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"case", OPT_VALUE, "only the messages of chats imported into this case"},
	    {"since", OPT_VALUE, "only messages from this day on (YYYY-MM-DD)"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	struct scan_ctx c = {NULL, args_get(&a, "case"), 0, 0, 0};
	if (args_get(&a, "since")) {
		long days;
		rc = date_parse_day(args_get(&a, "since"), &days);
		if (rc) {
			args_release(&a);
			return rc;
		}
		c.since = (int64_t)days * 86400;
	}
	json_t *names = NULL;
	rc = family_names(&cli->vault, c.case_id, &names);
	struct detector det;
	if (!rc) {
		size_t n = json_array_size(names);
		const char **words = xcalloc(n + 1, sizeof(*words));
		for (size_t i = 0; i < n; i++)
			words[i] = json_string_value(json_array_get(names, i));
		rc = detector_open(&det, words);
		free(words);
	}
	if (!rc) {
		c.det = &det;
		rc = cli_write(cli, scan_write, &c);
		detector_close(&det);
	}
	if (!rc) {
		if (cli->json)
			cli_print_json(json_pack("{s:I, s:I}", "scored", (json_int_t)c.scored,
			                         "flagged", (json_int_t)c.flagged));
		else
			printf("scored %zu messages, %zu flagged; 'vigil flags' lists them worst "
			       "first\n",
			       c.scored, c.flagged);
	}
	json_decref(names);
	args_release(&a);
	return rc;
}

static void print_highlighted(const char *text, json_t *spans, bool tty)
{
	size_t n = strlen(text), pos = 0;
	for (size_t i = 0; i <= n;) {
		size_t next_start = n, next_end = n;
		size_t k;
		json_t *s;
		json_array_foreach(spans, k, s)
		{
			size_t st = (size_t)json_integer_value(json_object_get(s, "start"));
			size_t en = (size_t)json_integer_value(json_object_get(s, "end"));
			if (st >= pos && st < next_start && en <= n) {
				next_start = st;
				next_end = en;
			}
		}
		fwrite(text + pos, 1, next_start - pos, stdout);
		if (next_start >= n)
			break;
		fputs(tty ? "\033[1;31m" : "[", stdout);
		fwrite(text + next_start, 1, next_end - next_start, stdout);
		fputs(tty ? "\033[0m" : "]", stdout);
		pos = next_end;
		i = pos;
	}
}

int cmd_flags(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"case", OPT_VALUE, "only this case's messages"},
	    {"category", OPT_VALUE, "threat, obscenity, insult, smear, doxxing or family"},
	    {"min", OPT_VALUE, "only scores at least this (0-1) in the category or overall"},
	    {"all", OPT_FLAG, "also the messages under the operating threshold"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	struct flag_filter f = {args_get(&a, "case"), args_get(&a, "category"),
	                        args_get(&a, "min") ? atof(args_get(&a, "min")) : 0,
	                        args_flag(&a, "all") > 0};
	if (f.category && detect_cat_parse(f.category) < 0) {
		args_release(&a);
		return error_set(VG_EUSAGE,
		                 "no category '%s'; use threat, obscenity, insult, "
		                 "smear, doxxing or family",
		                 f.category);
	}
	json_t *list;
	rc = flags_list(&cli->vault, &f, &list);
	if (!rc && cli->json) {
		cli_print_json(list);
	} else if (!rc) {
		bool tty = isatty(STDOUT_FILENO);
		size_t i;
		json_t *o;
		json_array_foreach(list, i, o)
		{
			json_t *sc = json_object_get(o, "scores");
			printf("%lld  %.2f %-9s",
			       (long long)json_integer_value(json_object_get(o, "mid")),
			       json_real_value(json_object_get(o, "abusive")),
			       json_string_value(json_object_get(o, "status")));
			const char *key;
			json_t *val;
			json_object_foreach(sc, key, val) if (json_real_value(val) > 0)
			    printf(" %s=%.2f", key, json_real_value(val));
			const char *from = json_string_value(json_object_get(o, "from"));
			printf("  %s: ", from ? from : "?");
			print_highlighted(json_string_value(json_object_get(o, "text")),
			                  json_object_get(o, "spans"), tty);
			putchar('\n');
		}
		json_decref(list);
	}
	args_release(&a);
	return rc;
}

struct review_arg {
	int64_t mid;
	const char *status, *note;
};

static int review_write(struct cli *cli, void *arg)
{
	struct review_arg *r = arg;
	return flags_review(&cli->vault, r->mid, r->status, r->note);
}

int cmd_review(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"note", OPT_VALUE, "why (kept with the decision in the change log)"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *d = args_pos(&a, 1);
	if (args_npos(&a) != 2 || (strcmp(d, "confirm") && strcmp(d, "reject"))) {
		args_release(&a);
		return error_set(VG_EUSAGE, "usage: vigil review ID confirm|reject [--note TEXT]");
	}
	struct review_arg r = {atoll(args_pos(&a, 0)),
	                       !strcmp(d, "confirm") ? "confirmed" : "rejected",
	                       args_get(&a, "note")};
	rc = cli_write(cli, review_write, &r);
	if (!rc && !cli->json)
		printf("message %lld %s\n", (long long)r.mid, r.status);
	args_release(&a);
	return rc;
}
