/* vigil verify: checks the whole vault and names every failure. */
#include "cli/cli.h"
#include "ledger/verify.h"
#include "util/term.h"
#include "util/util.h"

static void tick(void *arg, uint64_t done, uint64_t total, uint64_t items)
{
	struct progress *p = arg;
	p->total = total;
	progress_update(p, done, items);
}

int cmd_verify(struct cli *cli)
{
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, NULL, 0, &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	args_release(&a);
	json_t *failures = json_array();
	struct verify_stats st;
	struct progress p;
	progress_start(&p, "verifying", 0, "items");
	double t0 = now_seconds();
	rc = vault_verify(&cli->vault, failures, &st, tick, &p);
	progress_finish(&p);
	double secs = now_seconds() - t0;
	if (rc) {
		json_decref(failures);
		return rc;
	}
	size_t nfail = json_array_size(failures);
	if (cli->json) {
		cli_print_json(
		    json_pack("{s:b, s:I, s:I, s:I, s:I, s:f, s:O}", "ok", nfail == 0, "entries",
		              (json_int_t)st.entries, "checkpoints", (json_int_t)st.checkpoints,
		              "evidence_items", (json_int_t)st.items, "evidence_bytes",
		              (json_int_t)st.bytes, "seconds", secs, "failures", failures));
	} else {
		size_t i;
		json_t *f;
		json_array_foreach(failures, i, f)
		    printf("FAIL %s: %s\n", json_string_value(json_object_get(f, "item")),
		           json_string_value(json_object_get(f, "message")));
		printf(
		    "%s: database, %llu change log entries, %llu checkpoints, %llu evidence items "
		    "(%llu bytes) in %.2fs\n",
		    nfail ? "verification FAILED" : "verified", (unsigned long long)st.entries,
		    (unsigned long long)st.checkpoints, (unsigned long long)st.items,
		    (unsigned long long)st.bytes, secs);
	}
	json_decref(failures);
	if (nfail)
		return error_set(VG_EVERIFY, "%zu problem%s found; see above", nfail,
		                 nfail == 1 ? "" : "s");
	return 0;
}
