/* vigil key export: the vault's public signing key. */
#include <sodium.h>

#include "cli/cli.h"
#include "evidence/bundle.h"
#include "util/fileio.h"
#include "ledger/ledger.h"
#include "util/util.h"

int cmd_key(struct cli *cli)
{
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, NULL, 0, &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *action = args_pos(&a, 0);
	if (action && !strcmp(action, "partner") && args_npos(&a) == 2) {
		/* A key pair for a partner organisation: the secret to a new file. */
		char *pub, *sec;
		bundle_partner_keypair(&pub, &sec);
		const char *out = args_pos(&a, 1);
		rc = file_exists(out) ? error_set(VG_EEXISTS, "%s exists already", out)
		                      : file_write_atomic(out, sec, strlen(sec), 0600);
		if (!rc)
			printf("%s\n", pub);
		sodium_memzero(sec, strlen(sec));
		free(sec);
		free(pub);
		args_release(&a);
		return rc;
	}
	if (args_npos(&a) != 1 || strcmp(action, "export") != 0) {
		args_release(&a);
		return error_set(VG_EUSAGE,
		                 "usage: vigil key export | vigil key partner SECRET-FILE");
	}
	args_release(&a);
	char *vpath = vault_default_path(cli->vault_flag);
	rc = vault_open(vpath, false, &cli->pass, &cli->vault);
	free(vpath);
	if (rc)
		return rc;
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
