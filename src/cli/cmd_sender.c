/*
 * vigil sender list | vigil sender link SENDER --person ID | --perpetrator:
 * the senders of imported messages (one per account id, with every name seen
 * as an alias), and their links to persons of the case files.
 */
#include <inttypes.h>

#include "cli/cli.h"
#include "records/messages.h"
#include "util/util.h"

struct link_job {
	const char *sender, *person;
	bool perpetrator;
};

static int do_link(struct cli *cli, void *arg)
{
	struct link_job *j = arg;
	return msgstore_sender_link(&cli->vault, j->sender, j->person, j->perpetrator);
}

int cmd_sender(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"person", OPT_VALUE, "(link) the person id this sender is"},
	    {"perpetrator", OPT_FLAG, "(link) mark this sender as an alleged perpetrator"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *act = args_npos(&a) ? args_pos(&a, 0) : "";
	if (!strcmp(act, "list") && args_npos(&a) == 1) {
		json_t *list;
		rc = msgstore_senders(&cli->vault, &list);
		if (!rc && cli->json) {
			cli_print_json(list);
		} else if (!rc) {
			size_t i;
			json_t *s;
			json_array_foreach(list, i, s)
			{
				printf("%3" JSON_INTEGER_FORMAT "  %-24s %6" JSON_INTEGER_FORMAT
				       " messages  ",
				       json_integer_value(json_object_get(s, "sender")),
				       json_string_value(json_object_get(s, "ext_id")),
				       json_integer_value(json_object_get(s, "messages")));
				size_t k;
				json_t *n;
				json_array_foreach(json_object_get(s, "names"), k, n)
				{
					printf("%s%s", k ? " / " : "", json_string_value(n));
				}
				if (json_string_value(json_object_get(s, "person")))
					printf("  = %s",
					       json_string_value(json_object_get(s, "person")));
				if (json_is_true(json_object_get(s, "perpetrator")))
					printf("  (alleged perpetrator)");
				printf("\n");
			}
			json_decref(list);
		}
	} else if (!strcmp(act, "link") && args_npos(&a) == 2 &&
	           (args_get(&a, "person") != NULL) != (args_flag(&a, "perpetrator") != 0)) {
		struct link_job j = {args_pos(&a, 1), args_get(&a, "person"),
		                     args_flag(&a, "perpetrator") != 0};
		rc = cli_write(cli, do_link, &j);
		if (!rc && !cli->json)
			printf("linked sender %s\n", j.sender);
	} else {
		rc = error_set(VG_EUSAGE, "usage: vigil sender list, or vigil sender link SENDER "
		                          "(--person ID | --perpetrator)");
	}
	args_release(&a);
	return rc;
}
