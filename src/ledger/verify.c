/*
 * verify.c - the whole-vault check (see verify.h).
 */
#include "ledger/verify.h"

#include <inttypes.h>

#include "evidence/evidence.h"
#include "ledger/ledger.h"
#include "records/evidence_store.h"
#include "records/records.h"
#include "util/util.h"
#include "vault/vault.h"

/* Messages may quote bytes of damaged files: anything that is not printable
 * UTF-8 becomes \xNN, so that no failure is ever lost. */
static char *printable(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = 0;
		if (*p >= 0x20 && *p < 0x7f)
			n = 1;
		else if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
			n = 2;
		else if ((*p & 0xf0) == 0xe0)
			n = 3;
		else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
			n = 4;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				n = 0;
		if (n) {
			strbuf_add(&sb, p, n);
			p += n;
		} else {
			strbuf_addf(&sb, "\\x%02x", *p);
			p++;
		}
	}
	json_t *probe = json_string(sb.buf);
	if (!probe) { /* overlong or surrogate forms: fall back to plain ASCII */
		struct strbuf ascii = STRBUF_INIT;
		for (p = (const unsigned char *)s; *p; p++)
			if (*p >= 0x20 && *p < 0x7f)
				strbuf_addch(&ascii, *p);
			else
				strbuf_addf(&ascii, "\\x%02x", *p);
		strbuf_release(&sb);
		return strbuf_detach(&ascii, NULL);
	}
	json_decref(probe);
	return strbuf_detach(&sb, NULL);
}

static void fail(json_t *failures, const char *item, const char *message)
{
	char *i = printable(item), *m = printable(message);
	json_array_append_new(failures, json_pack("{s:s, s:s}", "item", i, "message", m));
	free(i);
	free(m);
}

void verify_failf(json_t *failures, const char *item, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	fail(failures, item, sb.buf);
	strbuf_release(&sb);
}

static void check_database(struct vault *v, json_t *failures)
{
	json_t *problems = json_array();
	db_integrity_problems(v, problems);
	size_t i;
	json_t *p;
	json_array_foreach(problems, i, p) fail(failures, "database", json_string_value(p));
	json_decref(problems);
	if (ledger_seal_check(v))
		fail(failures, VAULT_DB_NAME, error_message());
}

static void check_ledger(struct vault *v, json_t *failures, struct verify_stats *stats)
{
	merkle_hash *leaves = NULL;
	uint64_t n = 0;
	int rc = ledger_leaves(v, &leaves, &n);
	if (rc) {
		fail(failures, "change log", error_message());
		return;
	}
	stats->entries = n;
	json_t *files;
	rc = ledger_checkpoint_files(v, &files);
	if (rc) {
		fail(failures, "checkpoints", error_message());
		free(leaves);
		return;
	}
	struct checkpoint latest = {0};
	bool have_latest = false;
	size_t i;
	json_t *f;
	json_array_foreach(files, i, f)
	{
		const char *path = json_string_value(f);
		const char *base = strrchr(path, '/') + 1;
		if (!strcmp(base, LEDGER_SEAL_NAME))
			continue;
		unsigned long long fsize;
		char tail[32];
		if (strlen(base) != 23 || sscanf(base, "%12llu%31s", &fsize, tail) != 2 ||
		    strcmp(tail, ".checkpoint") != 0) {
			verify_failf(failures, base,
			             "an unknown file in the checkpoints folder: %s", path);
			continue;
		}
		struct checkpoint cp;
		if (ledger_checkpoint_read(v, path, &cp, NULL)) {
			fail(failures, base, error_message());
			continue;
		}
		stats->checkpoints++;
		if (cp.size != fsize) {
			verify_failf(failures, base,
			             "checkpoint %s says %" PRIu64 " entries but is named %llu",
			             path, cp.size, fsize);
			continue;
		}
		if (cp.size > n) {
			verify_failf(failures, base,
			             "checkpoint %s covers %" PRIu64
			             " entries but the change log has only "
			             "%" PRIu64 ": entries were removed",
			             path, cp.size, n);
			continue;
		}
		merkle_hash root;
		merkle_root(leaves, cp.size, root);
		if (memcmp(root, cp.root, MERKLE_HASH) != 0) {
			verify_failf(failures, base,
			             "the change log's first %" PRIu64
			             " entries do not match checkpoint %s: "
			             "history was rewritten",
			             cp.size, path);
			continue;
		}
		latest = cp;
		have_latest = true;
	}
	/* Every checkpoint must be consistent with the latest, by an RFC 9162 proof. */
	json_array_foreach(files, i, f)
	{
		const char *path = json_string_value(f);
		struct checkpoint cp;
		if (!have_latest || ledger_checkpoint_read(v, path, &cp, NULL) || cp.size == 0 ||
		    cp.size > latest.size)
			continue;
		merkle_hash *proof;
		size_t len;
		if (merkle_consistency_proof(leaves, cp.size, latest.size, &proof, &len) ||
		    !merkle_verify_consistency(cp.size, latest.size, cp.root, latest.root, proof,
		                               len))
			verify_failf(failures, strrchr(path, '/') + 1,
			             "checkpoint %s is not consistent with the latest one", path);
		free(proof);
	}
	if (!have_latest && n > 0)
		fail(failures, "checkpoints",
		     "no valid signed checkpoint covers the change log; if the vault is yours "
		     "and the other checks pass, run 'vigil checkpoint'");
	else if (have_latest && latest.size != n)
		verify_failf(failures, "change log",
		             "entries %" PRIu64 " to %" PRIu64
		             " are not covered by a signed checkpoint; "
		             "if you made them, run 'vigil checkpoint'",
		             latest.size + 1, n);
	json_decref(files);
	free(leaves);
}

struct ev_progress {
	verify_progress_fn fn;
	void *arg;
	uint64_t base, total, items;
};

static void ev_tick(void *arg, uint64_t done, uint64_t total)
{
	(void)total;
	struct ev_progress *p = arg;
	if (p->fn)
		p->fn(p->arg, p->base + done, p->total, p->items);
}

static void check_evidence(struct vault *v, json_t *failures, struct verify_stats *stats,
                           verify_progress_fn progress, void *parg)
{
	json_t *items;
	if (evidence_list(v, NULL, &items)) {
		fail(failures, "evidence", error_message());
		return;
	}
	struct ev_progress p = {progress, parg, 0, evidence_total_bytes(v), 0};
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		const char *id = json_string_value(json_object_get(item, "id"));
		uint64_t size = (uint64_t)json_integer_value(json_object_get(item, "size"));
		if (evidence_check(v, id, ev_tick, &p))
			fail(failures, id, error_message());
		/* The row must say what the ledger's collect entry says. */
		json_t *events;
		if (!evidence_custody(v, id, &events)) {
			json_t *first = json_array_get(events, 0);
			json_t *data = json_object_get(first, "data");
			const char *op = json_string_value(json_object_get(first, "op"));
			json_t *bare = json_deep_copy(item);
			json_object_del(bare, "links");
			if (!op || strcmp(op, "collect") != 0 || !json_equal(data, bare))
				verify_failf(
				    failures, id,
				    "evidence %s: its record differs from its collect entry in the "
				    "change log",
				    id);
			json_decref(bare);
			json_decref(events);
		}
		p.base += size;
		p.items++;
		stats->items++;
		stats->bytes += size;
	}
	json_decref(items);
	json_t *unknown, *missing;
	if (evidence_stray_files(v, &unknown, &missing)) {
		fail(failures, "evidence", error_message());
		return;
	}
	json_t *e;
	json_array_foreach(unknown, i, e) verify_failf(
	    failures, json_string_value(e),
	    "an unknown file in the evidence folder: %s/evidence/%s (not recorded in the "
	    "vault; an interrupted add, or something put there)",
	    v->path, json_string_value(e));
	json_array_foreach(missing, i, e)
	    verify_failf(failures, json_string_value(e), "evidence %s: its file is missing",
	                 json_string_value(e));
	json_decref(unknown);
	json_decref(missing);
}

int vault_verify(struct vault *v, json_t *failures, struct verify_stats *stats,
                 verify_progress_fn progress, void *parg)
{
	memset(stats, 0, sizeof(*stats));
	int rc = db_read_begin(v);
	if (rc)
		return rc;
	check_database(v, failures);
	check_ledger(v, failures, stats);
	check_evidence(v, failures, stats, progress, parg);
	db_read_end(v);
	return 0;
}
