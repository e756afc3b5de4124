/* vigil dump [--case ID] [--out FILE]: writes a Vigil case file. */
#include "cli/cli.h"
#include "records/casefile.h"
#include "util/fileio.h"
#include "util/util.h"

int cmd_dump(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"case", OPT_VALUE,
	     "only this case and the persons, organisations and references it names"},
	    {"out", OPT_VALUE, "write to FILE (atomically) instead of standard output"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	json_t *doc;
	rc = casefile_dump(&cli->vault, args_get(&a, "case"), &doc);
	if (!rc) {
		char *s = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS);
		struct strbuf sb = STRBUF_INIT;
		strbuf_adds(&sb, s);
		strbuf_addch(&sb, '\n');
		free(s);
		if (args_get(&a, "out"))
			rc = file_write_atomic(args_get(&a, "out"), sb.buf, sb.len, 0600);
		else
			fwrite(sb.buf, 1, sb.len, stdout);
		strbuf_release(&sb);
		json_decref(doc);
	}
	args_release(&a);
	return rc;
}
