/* vigil key export: the vault's public signing key. */
#include <sodium.h>

#include "cli/cli.h"
#include "ledger/ledger.h"
#include "util/util.h"

int cmd_key(struct cli *cli)
{
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, NULL, 0, &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (args_npos(&a) != 1 || strcmp(args_pos(&a, 0), "export") != 0) {
		args_release(&a);
		return error_set(VG_EUSAGE, "usage: vigil key export");
	}
	args_release(&a);
	struct ledger_key k;
	ledger_key(&cli->vault, &k);
	char *b64 = ledger_base64(k.pk, 32);
	char *vkey = ledger_verifier_key(&k);
	char hexs[65];
	sodium_bin2hex(hexs, sizeof(hexs), k.pk, 32);
	if (cli->json)
		cli_print_json(json_pack("{s:s, s:s, s:s, s:s}", "name", k.name, "public_key", b64,
		                         "public_key_hex", hexs, "verifier_key", vkey));
	else
		printf("name          %s\npublic key    %s (Ed25519, base64)\npublic key    %s "
		       "(hex)\nverifier key  %s\n",
		       k.name, b64, hexs, vkey);
	ledger_key_wipe(&k);
	free(b64);
	free(vkey);
	return 0;
}
