/* vigil passwd: re-wraps the master key under a new passphrase. */
#include "cli/cli.h"
#include "util/util.h"

int cmd_passwd(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"new-passphrase-file", OPT_VALUE, "read the new passphrase from FILE"},
	    {"kdf", OPT_VALUE, "also change the key-derivation cost"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	enum vault_kdf_level level = VAULT_KDF_MODERATE;
	bool keep = !args_get(&a, "kdf");
	if (!keep)
		rc = kdf_level_parse(args_get(&a, "kdf"), &level);
	struct passphrase_source src = {.file = args_get(&a, "new-passphrase-file"),
	                                .env = "VIGIL_NEW_PASSPHRASE",
	                                .prompt = "New passphrase: ",
	                                .confirm = true};
	if (!rc)
		rc = vault_change_passphrase(&cli->vault, &src, level, keep);
	if (!rc && !cli->json)
		printf("passphrase changed; the old one no longer opens %s\n", cli->vault.path);
	args_release(&a);
	return rc;
}
