/*
 * vigil message list [--chat C] [--from S] [--since D] [--until D] [--search TEXT]:
 * imported messages, oldest first; --json gives every field (with the plain
 * text and the message as it was in the export). On a terminal the list goes
 * through the pager ($PAGER, else less).
 */
#include <inttypes.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ingest/import.h"
#include "ingest/telegram.h"
#include "records/date.h"
#include "records/messages.h"
#include "records/search.h"
#include "util/term.h"
#include "util/util.h"

/* YYYY-MM-DD (start of that day, UTC) or YYYY-MM-DDTHH:MM:SS (UTC). */
static int parse_when(const char *flag, const char *s, bool end_of_day, int64_t *out)
{
	long days;
	if (!date_parse_day(s, &days)) {
		*out = (int64_t)days * 86400 + (end_of_day ? 86400 : 0);
		return 0;
	}
	error_clear();
	int64_t t = tg_parse_local_date(s);
	if (t < 0)
		return error_set(VG_EUSAGE,
		                 "--%s %s: give a day YYYY-MM-DD or a time "
		                 "YYYY-MM-DDTHH:MM:SS (UTC)",
		                 flag, s);
	*out = t;
	return 0;
}

static void print_text(FILE *out, json_t *list)
{
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m)
	{
		time_t t = (time_t)json_integer_value(json_object_get(m, "date"));
		struct tm tm;
		gmtime_r(&t, &tm);
		char when[32];
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		const char *chat = json_string_value(json_object_get(m, "chat_name"));
		const char *from = json_string_value(json_object_get(m, "from"));
		const char *type = json_string_value(json_object_get(m, "type"));
		const char *text = json_string_value(json_object_get(m, "text"));
		json_t *ver = json_object_get(m, "version");
		fprintf(out, "%s  %s #%" JSON_INTEGER_FORMAT "%s  %s", when,
		        chat ? chat : json_string_value(json_object_get(m, "chat")),
		        json_integer_value(json_object_get(m, "id")),
		        json_integer_value(ver) > 1 ? " (edited version)" : "", from ? from : "-");
		if (strcmp(type, "message"))
			fprintf(out, " [%s%s%s]", type, json_object_get(m, "action") ? ": " : "",
			        json_object_get(m, "action")
			            ? json_string_value(json_object_get(m, "action"))
			            : "");
		if (json_object_get(m, "media_type"))
			fprintf(out, " [%s]", json_string_value(json_object_get(m, "media_type")));
		fprintf(out, ": %s\n", text ? text : "");
	}
}

/* Messages are printed as they are read, a batch at a time (the sources of a
 * batch are read from the exports in one pass): memory stays bounded however
 * many there are. On a terminal a list longer than a screen goes through the
 * pager. */
struct lister {
	struct cli *cli;
	json_t *batch;
	FILE *out;
	size_t printed;
};

enum { LIST_BATCH = 2048, SCREEN_ROWS = 20 };

static int lister_flush(struct lister *l)
{
	size_t n = json_array_size(l->batch);
	if (!n)
		return 0;
	if (l->cli->json) {
		int rc = import_read_sources(&l->cli->vault, l->batch);
		if (rc)
			return rc;
		for (size_t i = 0; i < n; i++)
			cli_json_array_item(&l->printed, json_incref(json_array_get(l->batch, i)));
	} else {
		if (l->printed == 0 && l->out == stdout && term_is_tty(1) && n > SCREEN_ROWS)
			l->out = cli_pager_open();
		print_text(l->out, l->batch);
		l->printed += n;
	}
	json_array_clear(l->batch);
	return 0;
}

static int list_row(void *arg, json_t *m)
{
	struct lister *l = arg;
	json_array_append_new(l->batch, m);
	if (json_array_size(l->batch) >= LIST_BATCH)
		return lister_flush(l);
	return 0;
}

int cmd_message(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"chat", OPT_VALUE, "only this chat (name or id)"},
	    {"from", OPT_VALUE, "only this sender (name, id like user123, or sender number)"},
	    {"since", OPT_VALUE, "from this day YYYY-MM-DD (UTC) on"},
	    {"until", OPT_VALUE, "up to and including this day YYYY-MM-DD (UTC)"},
	    {"search", OPT_VALUE,
	     "words to find (full-text, any language; \"a phrase\", OR, word*)"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (args_npos(&a) != 1 || strcmp(args_pos(&a, 0), "list")) {
		args_release(&a);
		return error_set(VG_EUSAGE,
		                 "usage: vigil message list [--chat C] [--from S] [--since "
		                 "D] [--until D] [--search TEXT]");
	}
	/* the first search after an upgrade or a crash builds the index */
	struct progress_lazy bar = {.label = "indexing for search", .item_name = "messages"};
	struct msg_filter f = {.chat = args_get(&a, "chat"),
	                       .from = args_get(&a, "from"),
	                       .search = args_get(&a, "search"),
	                       .search_progress = progress_lazy_update,
	                       .search_progress_arg = &bar};
	if (args_get(&a, "since"))
		rc = parse_when("since", args_get(&a, "since"), false, &f.since);
	if (!rc && args_get(&a, "until"))
		rc = parse_when("until", args_get(&a, "until"), true, &f.until);
	struct lister l = {cli, json_array(), stdout, 0};
	if (!rc)
		rc = msgstore_each(&cli->vault, &f, list_row, &l);
	progress_lazy_finish(&bar);
	if (!rc)
		rc = lister_flush(&l);
	if (!rc && cli->json)
		cli_json_array_end(l.printed);
	cli_pager_close(l.out);
	if (!rc && !cli->json && l.printed == 0 && term_is_tty(1))
		fprintf(stderr, "no messages; 'vigil import telegram PATH' imports some\n");
	json_decref(l.batch);
	args_release(&a);
	return rc;
}
