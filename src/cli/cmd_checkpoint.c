/* vigil checkpoint: signs the change log's current tree head. */
#include "cli/cli.h"
#include "ledger/ledger.h"
#include "util/fileio.h"
#include "util/util.h"

int cmd_checkpoint(struct cli *cli)
{
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, NULL, 0, &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	args_release(&a);
	char *path;
	bool written;
	rc = ledger_checkpoint(&cli->vault, &path, &written);
	if (rc)
		return rc;
	struct strbuf text = STRBUF_INIT;
	rc = file_read(path, 1 << 16, &text);
	if (!rc) {
		if (cli->json)
			cli_print_json(json_pack("{s:s, s:b, s:s}", "path", path, "new", written,
			                         "checkpoint", text.buf));
		else
			printf("%s%s\n%s", path, written ? "" : " (already signed)", text.buf);
	}
	strbuf_release(&text);
	free(path);
	return rc;
}
