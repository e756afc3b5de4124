/* vigil log [--case ID]: the ledger as a person reads it: who did what when,
 * evidence custody in words, and where each signed checkpoint stands. */
#include "cli/cli.h"
#include "ledger/ledger.h"
#include "records/records.h"
#include "util/util.h"

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static void describe(json_t *e, struct strbuf *sb)
{
	const char *op = str(e, "op"), *kind = str(e, "kind"), *id = str(e, "id");
	json_t *d = json_object_get(e, "data");
	if (!strcmp(kind, "evidence")) {
		if (!strcmp(op, "collect"))
			strbuf_addf(sb, "collected evidence %s: %s, %lld bytes, SHA-256 %.16s…", id,
			            str(d, "original_name"),
			            (long long)json_integer_value(json_object_get(d, "size")),
			            str(d, "sha256"));
		else if (!strcmp(op, "link"))
			strbuf_addf(sb, "linked evidence %s to %s %s", id, str(d, "kind"),
			            str(d, "id"));
		else if (!strcmp(op, "extract"))
			strbuf_addf(sb, "extracted evidence %s to %s", id, str(d, "to"));
		else if (!strcmp(op, "export"))
			strbuf_addf(sb, "exported evidence %s to %s", id, str(d, "out"));
		else if (!strcmp(op, "share"))
			strbuf_addf(sb, "shared evidence %s, sealed to %s", id, str(d, "to"));
		else
			strbuf_addf(sb, "%s evidence %s", op, id);
		return;
	}
	const struct kind_desc *k = records_kind(kind);
	if (!strcmp(op, "add")) {
		const char *t = k ? json_string_value(json_object_get(d, k->title_field)) : NULL;
		strbuf_addf(sb, "added %s %s%s%s%s", kind, id, t ? " (" : "", t ? t : "",
		            t ? ")" : "");
	} else if (!strcmp(op, "edit")) {
		strbuf_addf(sb, "changed %s %s: ", kind, id);
		size_t i;
		json_t *f;
		json_array_foreach(json_object_get(d, "changed"), i, f)
		    strbuf_addf(sb, "%s%s", i ? ", " : "", json_string_value(f));
	} else if (!strcmp(op, "retract")) {
		strbuf_addf(sb, "retracted %s %s: %s", kind, id, str(d, "reason"));
	} else {
		strbuf_addf(sb, "%s %s %s", op, kind, id);
	}
}

int cmd_log(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"case", OPT_VALUE, "only what concerns this case"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	json_t *entries, *files;
	rc = changelog_list(&cli->vault, args_get(&a, "case"), &entries);
	if (!rc)
		rc = ledger_checkpoint_files(&cli->vault, &files);
	else
		files = NULL;
	if (rc) {
		json_decref(entries);
		args_release(&a);
		return rc;
	}
	/* The sizes of the checkpoints, from their file names (verify checks them). */
	json_t *signed_at = json_object();
	size_t i;
	json_t *f;
	json_array_foreach(files, i, f)
	{
		const char *base = strrchr(json_string_value(f), '/') + 1;
		unsigned long long n;
		if (sscanf(base, "%12llu.checkpoint", &n) == 1) {
			char key[32];
			snprintf(key, sizeof(key), "%llu", n);
			json_object_set_new(signed_at, key, json_true());
		}
	}
	json_t *out = json_array();
	json_t *e;
	json_array_foreach(entries, i, e)
	{
		struct strbuf sb = STRBUF_INIT;
		describe(e, &sb);
		json_int_t seq = json_integer_value(json_object_get(e, "seq"));
		char key[32];
		snprintf(key, sizeof(key), "%lld", (long long)seq);
		bool cp = json_object_get(signed_at, key) != NULL;
		if (cli->json) {
			json_array_append_new(out, json_pack("{s:I, s:s, s:s, s:s, s:b}", "seq",
			                                     seq, "at", str(e, "at"), "actor",
			                                     str(e, "actor"), "text", sb.buf,
			                                     "checkpoint", cp));
		} else {
			printf("%5lld  %.10s %.5s  %-12s %s\n", (long long)seq, str(e, "at"),
			       str(e, "at") + (strlen(str(e, "at")) >= 16 ? 11 : 0),
			       str(e, "actor"), sb.buf);
			if (cp)
				printf("       -- signed checkpoint of the first %lld entries\n",
				       (long long)seq);
		}
		strbuf_release(&sb);
	}
	if (cli->json)
		cli_print_json(out);
	else
		json_decref(out);
	json_decref(signed_at);
	json_decref(files);
	json_decref(entries);
	args_release(&a);
	return 0;
}
