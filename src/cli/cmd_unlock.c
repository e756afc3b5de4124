/* vigil unlock / lock: the key agent (see vault/agent.h). */
#include <ctype.h>

#include "cli/cli.h"
#include "util/util.h"
#include "vault/agent.h"

static int parse_duration(const char *s, unsigned *out)
{
	char *end = NULL;
	unsigned long n = strtoul(s, &end, 10);
	unsigned long mult = 60;
	if (end == s)
		goto bad;
	if (*end == 's')
		mult = 1;
	else if (*end == 'm' || !*end)
		mult = 60;
	else if (*end == 'h')
		mult = 3600;
	else
		goto bad;
	if (*end && end[1])
		goto bad;
	if (n == 0 || n * mult > 24 * 3600)
		return error_set(VG_EUSAGE, "--for must be between 1s and 24h");
	*out = (unsigned)(n * mult);
	return 0;
bad:
	return error_set(VG_EUSAGE, "--for takes a duration such as 90s, 15m or 2h, not '%s'", s);
}

int cmd_unlock(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"for", OPT_VALUE, "how long to keep the key (default 15m, at most 24h)"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	unsigned seconds = 15 * 60;
	if (args_get(&a, "for"))
		rc = parse_duration(args_get(&a, "for"), &seconds);
	if (!rc)
		rc = agent_start(cli->vault.path, cli->vault.master, seconds);
	if (!rc && !cli->json)
		printf("unlocked %s for %u minutes%s; 'vigil lock' forgets the key now\n",
		       cli->vault.path, (seconds + 59) / 60,
		       seconds < 60 ? " (less than one)" : "");
	args_release(&a);
	return rc;
}

int cmd_lock(struct cli *cli)
{
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, NULL, 0, &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	char *path = vault_default_path(cli->vault_flag);
	rc = agent_stop(path);
	if (rc == -VG_ENOTFOUND) {
		printf("%s was not unlocked\n", path);
		rc = 0;
	} else if (!rc) {
		printf("locked %s: the key is wiped from memory\n", path);
	}
	free(path);
	args_release(&a);
	return rc;
}

int cmd_upgrade(struct cli *cli)
{
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, NULL, 0, &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	char *path = vault_default_path(cli->vault_flag);
	rc = vault_open(path, true, &cli->pass, &cli->vault);
	if (!rc)
		printf("the vault at %s is up to date\n", path);
	free(path);
	args_release(&a);
	return rc;
}
