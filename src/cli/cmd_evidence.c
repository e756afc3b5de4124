/* vigil evidence add|list|show|get|link|custody: the encrypted evidence store. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "evidence/evidence.h"
#include "records/records.h"
#include "util/term.h"
#include "util/util.h"

struct add_job {
	struct args *a;
	json_t *added; /* [{id, file, new}] */
};

static void add_progress(void *arg, uint64_t done, uint64_t total)
{
	(void)total;
	progress_update(arg, done, 0);
}

static int add_files(struct cli *cli, void *arg)
{
	struct add_job *job = arg;
	struct args *a = job->a;
	for (size_t i = 1; i < args_npos(a); i++) {
		const char *path = args_pos(a, i);
		struct evidence_meta meta = {
		    .case_id = args_get(a, "case"),
		    .description = args_get(a, "description"),
		    .source = args_get(a, "source"),
		    .captured_at = args_get(a, "captured-at"),
		    .captured_by = args_get(a, "captured-by"),
		    .media_type = args_get(a, "media-type"),
		};
		const char *slash = strrchr(path, '/');
		meta.original_name = slash && slash[1] ? slash + 1 : path;
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return error_set(VG_ENOTFOUND, "cannot open %s: %s; nothing was added",
			                 path, strerror(errno));
		struct stat sb;
		uint64_t size =
		    fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
		struct progress p;
		progress_start(&p, meta.original_name, size, NULL);
		char *id = NULL;
		bool was_new = false;
		int rc = evidence_add_fd(&cli->vault, fd, &meta, add_progress, &p, &id, &was_new);
		progress_finish(&p);
		close(fd);
		if (rc) {
			error_prefix("%s: ", path);
			return rc;
		}
		json_array_append_new(job->added, json_pack("{s:s, s:s, s:b}", "id", id, "file",
		                                            path, "new", was_new));
		free(id);
	}
	return 0;
}

static void print_item(json_t *item)
{
	static const char *const fields[] = {
	    "id",          "original_name", "size",        "media_type",  "sha256",   "case",
	    "description", "source",        "captured_at", "captured_by", "added_at", "added_by"};
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		json_t *f = json_object_get(item, fields[i]);
		if (json_is_string(f))
			printf("%-14s %s\n", fields[i], json_string_value(f));
		else if (json_is_integer(f))
			printf("%-14s %lld\n", fields[i], (long long)json_integer_value(f));
	}
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(item, "links"), i, l)
	    printf("%-14s %s %s\n", "linked to", json_string_value(json_object_get(l, "kind")),
	           json_string_value(json_object_get(l, "id")));
}

static void print_custody(json_t *events)
{
	size_t i;
	json_t *e;
	json_array_foreach(events, i, e)
	{
		const char *op = json_string_value(json_object_get(e, "op"));
		json_t *d = json_object_get(e, "data");
		struct strbuf what = STRBUF_INIT;
		if (!strcmp(op, "collect")) {
			strbuf_addf(&what, "collected %s (sha256 %s)",
			            json_string_value(json_object_get(d, "original_name")),
			            json_string_value(json_object_get(d, "sha256")));
			const char *by = json_string_value(json_object_get(d, "captured_by"));
			const char *at = json_string_value(json_object_get(d, "captured_at"));
			if (by || at)
				strbuf_addf(&what, "; captured%s%s%s%s", by ? " by " : "",
				            by ? by : "", at ? " at " : "", at ? at : "");
		} else if (!strcmp(op, "link")) {
			strbuf_addf(&what, "linked to %s %s",
			            json_string_value(json_object_get(d, "kind")),
			            json_string_value(json_object_get(d, "id")));
		} else if (!strcmp(op, "extract")) {
			strbuf_addf(&what, "extracted to %s",
			            json_string_value(json_object_get(d, "to")));
		} else if (!strcmp(op, "export") || !strcmp(op, "share")) {
			const char *to = json_string_value(json_object_get(d, "to"));
			strbuf_addf(&what, "%s to %s%s%s",
			            !strcmp(op, "share") ? "shared" : "exported",
			            json_string_value(json_object_get(d, "out")),
			            to ? ", sealed for " : "", to ? to : "");
		} else {
			strbuf_adds(&what, op);
		}
		printf("%5lld  %s  %-10s %s\n",
		       (long long)json_integer_value(json_object_get(e, "seq")),
		       json_string_value(json_object_get(e, "at")),
		       json_string_value(json_object_get(e, "actor")), what.buf);
		strbuf_release(&what);
	}
}

struct one_job {
	const char *id, *kind, *target, *out, *purpose;
};

static int do_link(struct cli *cli, void *arg)
{
	struct one_job *j = arg;
	return evidence_link(&cli->vault, j->id, j->kind, j->target);
}

static int do_get(struct cli *cli, void *arg)
{
	struct one_job *j = arg;
	return evidence_extract(&cli->vault, j->id, j->out, j->purpose);
}

int cmd_evidence(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"case", OPT_VALUE, "the case it belongs to"},
	    {"description", OPT_VALUE, "what it shows"},
	    {"source", OPT_VALUE, "where it comes from: a URL or a text"},
	    {"captured-at", OPT_VALUE, "when it was captured"},
	    {"captured-by", OPT_VALUE, "who captured it"},
	    {"media-type", OPT_VALUE, "the media type (else detected from the content)"},
	    {"out", OPT_VALUE, "where get writes the file"},
	    {"purpose", OPT_VALUE, "why it is extracted (for the custody chain)"},
	    {"event", OPT_VALUE, "link to this event"},
	    {"act", OPT_VALUE, "link to this act"},
	    {"complaint", OPT_VALUE, "link to this complaint"},
	    {"statement", OPT_VALUE, "link to this statement"},
	    {"reference", OPT_VALUE, "link to this reference"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *action = args_pos(&a, 0);
	const char *id = args_pos(&a, 1);
	struct vault *v = &cli->vault;
	if (!action) {
		rc = error_set(VG_EUSAGE,
		               "usage: vigil evidence add|list|show|get|link|custody ...");
	} else if (!strcmp(action, "add")) {
		if (args_npos(&a) < 2) {
			rc = error_set(VG_EUSAGE,
			               "usage: vigil evidence add FILE... [--case ID] ...");
		} else {
			struct add_job job = {&a, json_array()};
			rc = cli_write(cli, add_files, &job);
			if (!rc && cli->json) {
				cli_print_json(job.added);
				job.added = NULL;
			} else if (!rc) {
				size_t i;
				json_t *e;
				json_array_foreach(job.added, i, e)
				{
					bool fresh = json_is_true(json_object_get(e, "new"));
					printf("%s%s%s\n",
					       json_string_value(json_object_get(e, "id")),
					       fresh ? "" : "  (already stored: ",
					       fresh ? "" : "same content)");
				}
			}
			json_decref(job.added);
		}
	} else if (!strcmp(action, "list")) {
		json_t *items;
		rc = evidence_list(v, args_get(&a, "case"), &items);
		if (!rc && cli->json) {
			cli_print_json(items);
		} else if (!rc) {
			size_t i;
			json_t *e;
			json_array_foreach(items, i, e) printf(
			    "%-13s %12lld  %-24s %s\n", json_string_value(json_object_get(e, "id")),
			    (long long)json_integer_value(json_object_get(e, "size")),
			    json_string_value(json_object_get(e, "media_type")),
			    json_string_value(json_object_get(e, "original_name")));
			json_decref(items);
		}
	} else if (!id) {
		rc = error_set(VG_EUSAGE, "usage: vigil evidence %s ID", action);
	} else if (!strcmp(action, "show")) {
		json_t *item;
		rc = evidence_get(v, id, &item);
		if (!rc && cli->json) {
			cli_print_json(item);
		} else if (!rc) {
			print_item(item);
			json_decref(item);
		}
	} else if (!strcmp(action, "custody")) {
		json_t *events;
		rc = evidence_custody(v, id, &events);
		if (!rc && cli->json) {
			cli_print_json(events);
		} else if (!rc) {
			print_custody(events);
			json_decref(events);
		}
	} else if (!strcmp(action, "get")) {
		struct one_job j = {
		    .id = id, .out = args_get(&a, "out"), .purpose = args_get(&a, "purpose")};
		if (!j.out)
			rc = error_set(VG_EUSAGE,
			               "say where to write it: vigil evidence get ID --out FILE");
		else
			rc = cli_write(cli, do_get, &j);
		if (!rc && !cli->json)
			printf("wrote %s (SHA-256 checked)\n", j.out);
	} else if (!strcmp(action, "link")) {
		static const char *const kinds[] = {"event", "act", "complaint", "statement",
		                                    "reference"};
		struct one_job j = {.id = id};
		for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
			if (args_get(&a, kinds[i])) {
				j.kind = kinds[i];
				j.target = args_get(&a, kinds[i]);
			}
		if (!j.kind)
			rc = error_set(VG_EUSAGE, "say what to link it to: vigil evidence link ID "
			                          "--event|--act|--complaint|--statement ID");
		else
			rc = cli_write(cli, do_link, &j);
		if (!rc && !cli->json)
			printf("linked %s to %s %s\n", id, j.kind, j.target);
	} else {
		rc = error_set(VG_EUSAGE,
		               "no evidence action '%s'; use add, list, show, get, link "
		               "or custody",
		               action);
	}
	args_release(&a);
	return rc;
}
