/* vigil history [--case ID]: the change log as a person reads it. */
#include "cli/cli.h"
#include "records/records.h"
#include "util/util.h"

int cmd_history(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"case", OPT_VALUE, "only changes to this case's records"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	json_t *entries;
	rc = changelog_list(&cli->vault, args_get(&a, "case"), &entries);
	if (!rc && cli->json) {
		cli_print_json(entries);
	} else if (!rc) {
		size_t i;
		json_t *e;
		json_array_foreach(entries, i, e)
		{
			const char *op = json_string_value(json_object_get(e, "op"));
			json_t *data = json_object_get(e, "data");
			struct strbuf what = STRBUF_INIT;
			if (!strcmp(op, "edit")) {
				size_t j;
				json_t *f;
				strbuf_adds(&what, "changed ");
				json_array_foreach(json_object_get(data, "changed"), j, f)
				    strbuf_addf(&what, "%s%s", j ? ", " : "", json_string_value(f));
			} else if (!strcmp(op, "retract")) {
				strbuf_addf(&what, "retracted: %s",
				            json_string_value(json_object_get(data, "reason")));
			} else if (!strcmp(op, "add")) {
				const struct kind_desc *k =
				    records_kind(json_string_value(json_object_get(e, "kind")));
				const char *t =
				    k ? json_string_value(json_object_get(data, k->title_field))
				      : NULL;
				strbuf_addf(&what, "added%s%s", t ? ": " : "", t ? t : "");
			} else {
				strbuf_adds(&what, op);
			}
			printf("%5lld  %s  %-10s %-7s %-14s %s\n",
			       (long long)json_integer_value(json_object_get(e, "seq")),
			       json_string_value(json_object_get(e, "at")),
			       json_string_value(json_object_get(e, "actor")),
			       json_string_value(json_object_get(e, "kind")),
			       json_string_value(json_object_get(e, "id")), what.buf);
			strbuf_release(&what);
		}
		json_decref(entries);
	}
	args_release(&a);
	return rc;
}
