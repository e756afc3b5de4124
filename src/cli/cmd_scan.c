/* vigil scan / flags / review: the detector over a vault's imported messages,
 * worst first, and a person's decision on each flag. */
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "detect/detect.h"
#include "detect/pool.h"
#include "evidence/evidence.h"
#include "records/date.h"
#include "records/flags.h"
#include "records/records.h"
#include "util/term.h"
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

static int store_result(struct flag_writer *w, const char *model, int64_t mid,
                        const struct detect_result *r)
{
	json_t *scores = json_object(), *spans = json_array();
	for (int k = 0; k < DCAT_COUNT; k++)
		json_object_set_new(scores, detect_cat_name((enum detect_cat)k),
		                    json_real(r->score[k]));
	for (size_t s = 0; s < r->nspans; s++)
		json_array_append_new(spans, json_pack("{s:s, s:I, s:I}", "category",
		                                       detect_cat_name(r->spans[s].cat), "start",
		                                       (json_int_t)r->spans[s].start, "end",
		                                       (json_int_t)r->spans[s].end));
	/* a threat that names the family ranks highest */
	double rank = r->abusive + r->score[DCAT_THREAT];
	if (r->score[DCAT_FAMILY] > 0)
		rank += r->score[DCAT_FAMILY] * (r->abusive + r->score[DCAT_THREAT]);
	int rc = flags_store(w, mid, model, r->abusive, r->flagged, rank, scores, spans);
	json_decref(scores);
	json_decref(spans);
	return rc;
}

/* Messages are read a page at a time (bounded memory), scored on every
 * thread, and stored in order, all in the one transaction. */
static int scan_write(struct cli *cli, void *arg)
{
	enum { PAGE = 2048 };
	struct scan_ctx *c = arg;
	char model[48];
	/* the model, the patterns (with the case's names) and the scoring code
	 * that score: a change of any has every message scored again */
	snprintf(model, sizeof(model), "detector-%08x-%08x-%d", c->det->model.checksum,
	         c->det->lex.checksum, DETECT_SCORING_VERSION);
	struct progress bar;
	progress_start_count(&bar, "scoring", 0, "messages");
	if (bar.active) { /* counting costs a pass over the messages: only for the bar */
		int rc = flags_pending_count(&cli->vault, model, c->case_id, c->since, &bar.total);
		if (rc)
			return rc;
	}
	struct detector_pool pool;
	struct flag_writer *w = NULL;
	int rc = detector_pool_open(&pool, c->det, 0);
	if (rc)
		return rc;
	rc = flags_writer_open(&cli->vault, &w);
	const char **texts = xmalloc(PAGE * sizeof(*texts));
	size_t *lens = xmalloc(PAGE * sizeof(*lens));
	struct detect_result *res = xmalloc(PAGE * sizeof(*res));
	int64_t after = 0;
	while (!rc) {
		json_t *page;
		rc = flags_pending(&cli->vault, model, c->case_id, c->since, after, PAGE, &page);
		if (rc)
			break;
		size_t n = json_array_size(page);
		for (size_t i = 0; i < n; i++) {
			texts[i] =
			    json_string_value(json_object_get(json_array_get(page, i), "text"));
			lens[i] = strlen(texts[i]);
		}
		detector_pool_score(&pool, texts, lens, n, res);
		for (size_t i = 0; i < n && !rc; i++) {
			after = json_integer_value(json_object_get(json_array_get(page, i), "mid"));
			rc = store_result(w, model, after, &res[i]);
			c->scored++;
			c->flagged += res[i].flagged;
		}
		json_decref(page);
		progress_update(&bar, c->scored, c->scored);
		if (n < PAGE)
			break;
	}
	progress_finish(&bar);
	free(texts);
	free(lens);
	free(res);
	flags_writer_close(w);
	detector_pool_close(&pool);
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
			printf("scored %zu message%s, %zu flagged; 'vigil flags' lists them worst "
			       "first\n",
			       c.scored, c.scored == 1 ? "" : "s", c.flagged);
	}
	json_decref(names);
	args_release(&a);
	return rc;
}

static void print_highlighted(FILE *out, const char *text, json_t *spans, bool tty)
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
		fwrite(text + pos, 1, next_start - pos, out);
		if (next_start >= n)
			break;
		fputs(tty ? "\033[1;31m" : "[", out);
		fwrite(text + next_start, 1, next_end - next_start, out);
		fputs(tty ? "\033[0m" : "]", out);
		pos = next_end;
		i = pos;
	}
}

/* The act type for a flagged message: its highest-scoring category in the
 * act-types vocabulary; a threat that names a relative is a threat against
 * relatives; a message flagged by the classifier alone is online harassment. */
static const char *promote_type(json_t *scores)
{
	static const struct {
		const char *cat, *type;
	} map[] = {{"threat", "threat"},
	           {"obscenity", "insult"},
	           {"insult", "insult"},
	           {"smear", "smear"},
	           {"doxxing", "doxxing"}};
	const char *type = "online-harassment";
	double best = 0;
	for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
		double s = json_number_value(json_object_get(scores, map[i].cat));
		if (s > best) {
			best = s;
			type = map[i].type;
		}
	}
	if (!strcmp(type, "threat") && json_number_value(json_object_get(scores, "family")) > 0)
		type = "threat.relatives";
	return type;
}

struct promote_arg {
	int64_t mid;
	const char *event_id, *victim, *type;
	char *act_id, *evidence_id, *used_type;
};

static int promote_write(struct cli *cli, void *arg)
{
	struct promote_arg *p = arg;
	struct vault *v = &cli->vault;
	json_t *msg = NULL, *event = NULL, *kase = NULL, *act = NULL;
	int rc = flags_get(v, p->mid, &msg);
	if (rc)
		return rc;
	const char *status = json_string_value(json_object_get(msg, "status"));
	const char *done = json_string_value(json_object_get(msg, "event"));
	if (strcmp(status, "confirmed")) {
		rc = error_set(VG_EUSAGE,
		               "message %lld is %s, not confirmed; a person confirms it first "
		               "with 'vigil review %lld confirm'",
		               (long long)p->mid, status, (long long)p->mid);
		goto out;
	}
	if (done) {
		rc = error_set(VG_EEXISTS, "message %lld is an act of event %s already",
		               (long long)p->mid, done);
		goto out;
	}
	rc = records_get(v, records_kind("event"), p->event_id, &event);
	if (rc)
		goto out;
	const char *case_id = json_string_value(json_object_get(event, "case"));
	const char *victim = p->victim;
	if (!victim) {
		rc = records_get(v, records_kind("case"), case_id, &kase);
		if (rc)
			goto out;
		victim = json_string_value(json_object_get(kase, "defender"));
		if (!victim) {
			rc = error_set(VG_EUSAGE,
			               "case %s names no defender; say who the victim is with "
			               "--victim PERSON",
			               case_id);
			goto out;
		}
	}
	/* the day it was sent: local when the export gave local times */
	char day[16] = "";
	const char *local = json_string_value(json_object_get(msg, "date_local"));
	time_t t = (time_t)json_integer_value(json_object_get(msg, "date"));
	struct tm tm;
	if (local && strlen(local) >= 10)
		snprintf(day, sizeof(day), "%.10s", local);
	else if (t > 0 && gmtime_r(&t, &tm))
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	const char *from = json_string_value(json_object_get(msg, "from"));
	const char *chat = json_string_value(json_object_get(msg, "chat"));
	const char *evid = json_string_value(json_object_get(msg, "evidence"));
	struct strbuf desc = STRBUF_INIT;
	strbuf_addf(&desc, "Message %lld from %s", (long long)p->mid,
	            from ? from : "an unknown sender");
	if (chat)
		strbuf_addf(&desc, " in the chat \"%s\"", chat);
	if (*day)
		strbuf_addf(&desc, " on %s", day);
	strbuf_addf(&desc, ": \"%s\"", json_string_value(json_object_get(msg, "text")));
	if (evid)
		strbuf_addf(&desc, " (imported from evidence %s)", evid);
	strbuf_addf(&desc, ". Flagged by %s, confirmed by a person.",
	            json_string_value(json_object_get(msg, "model")));
	p->used_type = xstrdup(p->type ? p->type : promote_type(json_object_get(msg, "scores")));
	act = json_pack("{s:s, s:s, s:s, s:s}", "event", p->event_id, "victim", victim, "type",
	                p->used_type, "description", desc.buf);
	strbuf_release(&desc);
	if (*day)
		json_object_set_new(act, "date", json_string(day));
	rc = records_add(v, records_kind("act"), act);
	if (rc)
		goto out;
	p->act_id = xstrdup(json_string_value(json_object_get(act, "id")));
	if (evid) {
		rc = evidence_link(v, evid, "act", p->act_id);
		if (rc)
			goto out;
		p->evidence_id = xstrdup(evid);
	}
	rc = flags_promoted(v, p->mid, p->event_id, p->act_id, case_id);
out:
	json_decref(msg);
	json_decref(event);
	json_decref(kase);
	json_decref(act);
	return rc;
}

static int flags_promote(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"event", OPT_VALUE, "the event the message becomes an act of (required)"},
	    {"victim", OPT_VALUE, "the person the act was aimed at (default: the case's defender)"},
	    {"type", OPT_VALUE, "the act type (default: from the message's top category)"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc - 1, cli->argv + 1, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (args_npos(&a) != 1 || !args_get(&a, "event")) {
		args_release(&a);
		return error_set(VG_EUSAGE,
		                 "usage: vigil flags promote ID --event ID [--victim PERSON] "
		                 "[--type TYPE]");
	}
	struct promote_arg p = {atoll(args_pos(&a, 0)),
	                        args_get(&a, "event"),
	                        args_get(&a, "victim"),
	                        args_get(&a, "type"),
	                        NULL,
	                        NULL,
	                        NULL};
	rc = cli_write(cli, promote_write, &p);
	if (!rc && cli->json)
		cli_print_json(json_pack("{s:I, s:s, s:s, s:s, s:s?}", "mid", (json_int_t)p.mid,
		                         "event", p.event_id, "act", p.act_id, "type", p.used_type,
		                         "evidence", p.evidence_id));
	else if (!rc) {
		printf("message %lld is now act %s (%s) of event %s", (long long)p.mid, p.act_id,
		       p.used_type, p.event_id);
		if (p.evidence_id)
			printf(", linked to evidence %s", p.evidence_id);
		putchar('\n');
	}
	free(p.act_id);
	free(p.evidence_id);
	free(p.used_type);
	args_release(&a);
	return rc;
}

/* Flags are printed as they are read (bounded memory); on a terminal the
 * first screenful is held back to decide whether the pager is needed. */
struct flag_printer {
	struct cli *cli;
	FILE *out;
	bool tty;
	json_t *first; /* held back until it is known whether they fill a screen */
	size_t printed;
};

enum { FLAG_SCREEN_ROWS = 20 };

static void print_flag_line(const struct flag_printer *p, json_t *o)
{
	FILE *out = p->out;
	json_t *sc = json_object_get(o, "scores");
	fprintf(out, "%lld  %.2f %-9s", (long long)json_integer_value(json_object_get(o, "mid")),
	        json_real_value(json_object_get(o, "abusive")),
	        json_string_value(json_object_get(o, "status")));
	const char *key;
	json_t *val;
	json_object_foreach(sc, key, val) if (json_real_value(val) > 0)
	    fprintf(out, " %s=%.2f", key, json_real_value(val));
	const char *from = json_string_value(json_object_get(o, "from"));
	fprintf(out, "  %s: ", from ? from : "?");
	print_highlighted(out, json_string_value(json_object_get(o, "text")),
	                  json_object_get(o, "spans"), p->tty);
	fputc('\n', out);
}

static void flag_printer_flush(struct flag_printer *p)
{
	size_t i;
	json_t *o;
	json_array_foreach(p->first, i, o) print_flag_line(p, o);
	p->printed += json_array_size(p->first);
	json_array_clear(p->first);
}

static int print_flag(void *arg, json_t *o)
{
	struct flag_printer *p = arg;
	if (p->cli->json) {
		cli_json_array_item(&p->printed, o);
		return 0;
	}
	if (p->tty && p->printed == 0) {
		json_array_append_new(p->first, o);
		if (json_array_size(p->first) > FLAG_SCREEN_ROWS) {
			p->out = cli_pager_open();
			flag_printer_flush(p);
		}
		return 0;
	}
	print_flag_line(p, o);
	json_decref(o);
	p->printed++;
	return 0;
}

int cmd_flags(struct cli *cli)
{
	if (cli->argc > 0 && !strcmp(cli->argv[0], "promote"))
		return flags_promote(cli);
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
	struct flag_printer pr = {cli, stdout, isatty(STDOUT_FILENO), json_array(), 0};
	rc = flags_each(&cli->vault, &f, print_flag, &pr);
	if (!rc && cli->json)
		cli_json_array_end(pr.printed);
	else if (!rc)
		flag_printer_flush(&pr);
	cli_pager_close(pr.out);
	json_decref(pr.first);
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
