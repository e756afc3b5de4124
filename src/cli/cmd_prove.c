/* vigil prove inclusion SEQ | consistency OLD [NEW]: RFC 9162 proofs. */
#include <sodium.h>

#include "cli/cli.h"
#include "ledger/ledger.h"
#include "util/util.h"

static int latest_checkpoint(struct vault *v, char **path)
{
	json_t *files;
	int rc = ledger_checkpoint_files(v, &files);
	if (rc)
		return rc;
	size_t n = json_array_size(files);
	if (n == 0)
		rc = error_set(VG_ENOTFOUND,
		               "the vault has no checkpoint yet; run 'vigil checkpoint'");
	else
		*path = xstrdup(json_string_value(json_array_get(files, n - 1)));
	json_decref(files);
	return rc;
}

static json_t *hex_list(const merkle_hash *h, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		char x[2 * MERKLE_HASH + 1];
		sodium_bin2hex(x, sizeof(x), h[i], MERKLE_HASH);
		json_array_append_new(a, json_string(x));
	}
	return a;
}

static void print_result(struct cli *cli, json_t *out)
{
	if (cli->json) {
		cli_print_json(out);
		return;
	}
	const char *key;
	json_t *val;
	json_object_foreach(out, key, val)
	{
		if (json_is_array(val)) {
			printf("%s:\n", key);
			size_t i;
			json_t *h;
			json_array_foreach(val, i, h) printf("  %s\n", json_string_value(h));
		} else if (json_is_integer(val)) {
			printf("%s: %lld\n", key, (long long)json_integer_value(val));
		} else if (json_is_string(val) && strcmp(key, "checkpoint") != 0) {
			printf("%s: %s\n", key, json_string_value(val));
		}
	}
	json_decref(out);
}

/* Reads a checkpoint and checks it against the vault's change log. */
static int load_checked(struct vault *v, const char *path, const merkle_hash *leaves, uint64_t n,
                        struct checkpoint *cp)
{
	int rc = ledger_checkpoint_read(v, path, cp, NULL);
	if (rc)
		return rc;
	merkle_hash root;
	if (cp->size > n)
		return error_set(VG_EVERIFY,
		                 "checkpoint %s covers more entries than the change log", path);
	merkle_root(leaves, cp->size, root);
	if (memcmp(root, cp->root, MERKLE_HASH) != 0)
		return error_set(VG_EVERIFY,
		                 "checkpoint %s does not match the change log; run "
		                 "'vigil verify'",
		                 path);
	return 0;
}

int cmd_prove(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"checkpoint", OPT_VALUE, "the checkpoint to prove against (default: the latest)"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *what = args_pos(&a, 0);
	merkle_hash *leaves = NULL;
	uint64_t n = 0;
	char *newest = NULL;
	if (!what || args_npos(&a) < 2 || args_npos(&a) > 3) {
		rc = error_set(VG_EUSAGE,
		               "usage: vigil prove inclusion SEQ [--checkpoint FILE] | consistency "
		               "OLD.checkpoint [NEW.checkpoint]");
		goto out;
	}
	rc = ledger_leaves(&cli->vault, &leaves, &n);
	if (rc)
		goto out;
	if (!strcmp(what, "inclusion")) {
		char *end;
		long long seq = strtoll(args_pos(&a, 1), &end, 10);
		if (*end || seq < 1) {
			rc = error_set(VG_EUSAGE, "SEQ is the number of a change log entry ('vigil "
			                          "history' shows them)");
			goto out;
		}
		const char *cpath = args_get(&a, "checkpoint");
		if (!cpath) {
			rc = latest_checkpoint(&cli->vault, &newest);
			if (rc)
				goto out;
			cpath = newest;
		}
		struct checkpoint cp;
		rc = load_checked(&cli->vault, cpath, leaves, n, &cp);
		if (rc)
			goto out;
		merkle_hash *proof;
		size_t len;
		if ((uint64_t)seq > cp.size) {
			rc = error_set(
			    VG_ENOTFOUND,
			    "entry %lld is newer than checkpoint %s; run 'vigil checkpoint'", seq,
			    cpath);
			goto out;
		}
		rc = merkle_inclusion_proof(leaves, cp.size, (uint64_t)seq - 1, &proof, &len);
		if (rc)
			goto out;
		char *root = ledger_base64(cp.root, MERKLE_HASH);
		json_t *out =
		    json_pack("{s:I, s:I, s:I, s:o, s:s, s:s, s:o}", "seq", (json_int_t)seq,
		              "leaf_index", (json_int_t)seq - 1, "tree_size", (json_int_t)cp.size,
		              "leaf_hash", hex_list(&leaves[seq - 1], 1), "root", root,
		              "checkpoint", cpath, "proof", hex_list(proof, len));
		json_object_set_new(
		    out, "leaf_hash",
		    json_copy(json_array_get(json_object_get(out, "leaf_hash"), 0)));
		print_result(cli, out);
		free(root);
		free(proof);
	} else if (!strcmp(what, "consistency")) {
		const char *oldp = args_pos(&a, 1), *newp = args_pos(&a, 2);
		if (!newp) {
			rc = latest_checkpoint(&cli->vault, &newest);
			if (rc)
				goto out;
			newp = newest;
		}
		struct checkpoint c1, c2;
		rc = load_checked(&cli->vault, oldp, leaves, n, &c1);
		if (!rc)
			rc = load_checked(&cli->vault, newp, leaves, n, &c2);
		if (rc)
			goto out;
		if (c1.size == 0 || c1.size > c2.size) {
			rc = error_set(
			    VG_EUSAGE,
			    "OLD must be a non-empty checkpoint no larger than NEW (%llu, "
			    "%llu entries)",
			    (unsigned long long)c1.size, (unsigned long long)c2.size);
			goto out;
		}
		merkle_hash *proof;
		size_t len;
		rc = merkle_consistency_proof(leaves, c1.size, c2.size, &proof, &len);
		if (rc)
			goto out;
		char *r1 = ledger_base64(c1.root, MERKLE_HASH), *r2 = ledger_base64(c2.root, 32);
		print_result(cli,
		             json_pack("{s:I, s:s, s:I, s:s, s:o}", "old_size", (json_int_t)c1.size,
		                       "old_root", r1, "new_size", (json_int_t)c2.size, "new_root",
		                       r2, "proof", hex_list(proof, len)));
		free(r1);
		free(r2);
		free(proof);
	} else {
		rc = error_set(VG_EUSAGE, "prove what? 'inclusion' or 'consistency'");
	}
out:
	free(newest);
	free(leaves);
	args_release(&a);
	return rc;
}
