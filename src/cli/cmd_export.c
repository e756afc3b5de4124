/* vigil export CASE --out DIR [--to PUBKEY]: an evidence bundle for others. */
#include "cli/cli.h"
#include "evidence/bundle.h"
#include "util/util.h"

int cmd_export(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"out", OPT_VALUE, "the new folder to write the bundle to"},
	    {"to", OPT_VALUE, "seal the files to this X25519 public key (base64)"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *case_id = args_pos(&a, 0), *out = args_get(&a, "out");
	if (args_npos(&a) != 1 || !out) {
		args_release(&a);
		return error_set(VG_EUSAGE, "usage: vigil export CASE --out DIR [--to PUBKEY]");
	}
	json_t *summary;
	rc = bundle_export(&cli->vault, case_id, out, args_get(&a, "to"), &summary);
	if (!rc && cli->json)
		cli_print_json(summary);
	else if (!rc) {
		printf("wrote %s: %lld evidence items, %lld ledger entries with inclusion proofs "
		       "to the checkpoint of %lld entries\nsee %s/VERIFY.md for how to check it\n",
		       out, (long long)json_integer_value(json_object_get(summary, "items")),
		       (long long)json_integer_value(json_object_get(summary, "entries")),
		       (long long)json_integer_value(json_object_get(summary, "tree_size")), out);
		json_decref(summary);
	}
	args_release(&a);
	return rc;
}
