/* vigil init: creates a vault in a new or empty folder. */
#include "cli/cli.h"
#include "util/util.h"

int cmd_init(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"kdf", OPT_VALUE, "interactive, moderate (default) or sensitive"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	enum vault_kdf_level level = VAULT_KDF_MODERATE;
	if (args_get(&a, "kdf"))
		rc = kdf_level_parse(args_get(&a, "kdf"), &level);
	char *path = vault_default_path(cli->vault_flag);
	if (!rc) {
		struct passphrase_source src = cli->pass;
		src.prompt = "New vault passphrase: ";
		src.confirm = true;
		rc = vault_create(path, level, &src, &cli->vault);
	}
	if (!rc) {
		if (cli->json)
			cli_print_json(
			    json_pack("{s:s, s:s}", "vault", path, "kdf",
			              args_get(&a, "kdf") ? args_get(&a, "kdf") : "moderate"));
		else
			printf("created an encrypted vault at %s\n"
			       "keep the passphrase safe: without it nobody, you included, can "
			       "read the vault\n",
			       path);
	}
	free(path);
	args_release(&a);
	return rc;
}
