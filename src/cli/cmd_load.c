/* vigil load FILE: loads a Vigil case file in one transaction. */
#include "cli/cli.h"
#include "records/casefile.h"
#include "util/fileio.h"
#include "util/util.h"

static int load_doc(struct cli *cli, void *arg)
{
	struct casefile_stats *stats = arg;
	json_t *doc = *(json_t **)(stats + 1);
	return casefile_load(&cli->vault, doc, stats);
}

int cmd_load(struct cli *cli)
{
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, NULL, 0, &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (args_npos(&a) != 1) {
		args_release(&a);
		return error_set(VG_EUSAGE, "usage: vigil load FILE (a Vigil case file, JSON)");
	}
	const char *path = args_pos(&a, 0);
	struct strbuf text = STRBUF_INIT;
	rc = file_read(path, 256u << 20, &text);
	struct {
		struct casefile_stats stats;
		json_t *doc;
	} job = {0};
	if (!rc) {
		json_error_t err;
		job.doc = json_loadb(text.buf, text.len, JSON_REJECT_DUPLICATES, &err);
		if (!job.doc)
			rc = error_set(VG_EFORMAT, "%s: line %d, column %d: %s; nothing was loaded",
			               path, err.line, err.column, err.text);
	}
	if (!rc) {
		rc = cli_write(cli, load_doc, &job);
		if (rc)
			error_prefix("%s: ", path);
	}
	if (!rc) {
		if (cli->json)
			cli_print_json(json_pack("{s:I, s:I}", "added", (json_int_t)job.stats.added,
			                         "unchanged", (json_int_t)job.stats.unchanged));
		else
			printf("loaded %s: %zu records added, %zu already there\n", path,
			       job.stats.added, job.stats.unchanged);
	} else if (!strstr(error_message(), "nothing was")) {
		struct strbuf m = STRBUF_INIT;
		strbuf_adds(&m, error_message());
		rc = error_set(error_code(), "%s; nothing was loaded", m.buf);
		strbuf_release(&m);
	}
	json_decref(job.doc);
	strbuf_release(&text);
	args_release(&a);
	return rc;
}
