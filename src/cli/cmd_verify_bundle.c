/* vigil verify-bundle DIR [--key PUBKEY] [--secret-key FILE]: checks a bundle
 * without any vault. */
#include "cli/cli.h"
#include "evidence/bundle.h"
#include "util/fileio.h"
#include "util/util.h"

int cmd_verify_bundle(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"key", OPT_VALUE, "the Ed25519 public key (base64) the bundle must be signed by"},
	    {"secret-key", OPT_VALUE, "a file with the X25519 secret key to open sealed files"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *dir = args_pos(&a, 0);
	if (args_npos(&a) != 1) {
		args_release(&a);
		return error_set(VG_EUSAGE, "usage: vigil verify-bundle DIR [--key PUBKEY] "
		                            "[--secret-key FILE]");
	}
	struct strbuf secret = STRBUF_INIT;
	if (args_get(&a, "secret-key")) {
		rc = file_read(args_get(&a, "secret-key"), 4096, &secret);
		strbuf_rtrim(&secret);
	}
	json_t *failures = json_array(), *summary = NULL;
	if (!rc)
		rc = bundle_verify(dir, args_get(&a, "key"),
		                   args_get(&a, "secret-key") ? secret.buf : NULL, failures,
		                   &summary);
	strbuf_wipe(&secret);
	size_t nfail = json_array_size(failures);
	if (!rc && cli->json) {
		json_object_set(summary, "failures", failures);
		json_object_set_new(summary, "ok", json_boolean(nfail == 0));
		cli_print_json(summary);
	} else if (!rc) {
		size_t i;
		json_t *f;
		json_array_foreach(failures, i, f)
		    printf("FAIL %s: %s\n", json_string_value(json_object_get(f, "item")),
		           json_string_value(json_object_get(f, "message")));
		printf("%s: %lld items, %lld ledger entries proven to the checkpoint of %lld "
		       "entries signed by %s\n",
		       nfail ? "bundle verification FAILED" : "bundle verified",
		       (long long)json_integer_value(json_object_get(summary, "items")),
		       (long long)json_integer_value(json_object_get(summary, "entries")),
		       (long long)json_integer_value(json_object_get(summary, "tree_size")),
		       json_string_value(json_object_get(summary, "public_key")));
		if (json_integer_value(json_object_get(summary, "sealed_unchecked")))
			printf(
			    "%lld sealed files were not opened; give --secret-key to check them\n",
			    (long long)json_integer_value(
			        json_object_get(summary, "sealed_unchecked")));
		if (!args_get(&a, "key"))
			printf(
			    "note: checked against the key in the bundle; compare it with the key "
			    "the defender gave you, or pass it with --key\n");
		json_decref(summary);
	}
	json_decref(failures);
	args_release(&a);
	if (!rc && nfail)
		rc = error_set(VG_EVERIFY, "%zu problem%s found; see above", nfail,
		               nfail == 1 ? "" : "s");
	return rc;
}
