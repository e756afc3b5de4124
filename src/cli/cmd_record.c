/*
 * vigil case|person|org|event|act|...: add, list, show, edit, retract.
 * One handler for every record kind: the flags and what is printed come from
 * the kind's field table (records/kinds.c). `case show` has its own page in
 * cmd_case.c.
 */
#include "cli/cli.h"
#include "records/date.h"
#include "records/records.h"
#include "records/vocab.h"
#include "util/fileio.h"
#include "util/term.h"
#include "util/util.h"

int case_show(struct cli *cli, const char *id);

static void flag_name(const char *field, const char *suffix, struct strbuf *out)
{
	strbuf_reset(out);
	for (const char *p = field; *p; p++)
		strbuf_addch(out, *p == '_' ? '-' : *p);
	strbuf_adds(out, suffix);
}

/* Builds the option table from the kind's fields; the names live in names. */
static struct optspec *kind_specs(const struct kind_desc *k, json_t *names, size_t *n)
{
	struct optspec *specs = xcalloc(k->nfields * 3 + 8, sizeof(*specs));
	size_t i = 0;
	struct strbuf sb = STRBUF_INIT;
#define ADD_SPEC(nm, kd)                                                                           \
	do {                                                                                       \
		json_array_append_new(names, json_string(nm));                                     \
		specs[i].name =                                                                    \
		    json_string_value(json_array_get(names, json_array_size(names) - 1));          \
		specs[i++].kind = (kd);                                                            \
	} while (0)
	for (size_t f = 0; f < k->nfields; f++) {
		const struct field_desc *fd = &k->fields[f];
		flag_name(fd->name, "", &sb);
		bool list = fd->type == FIELD_REFLIST || fd->type == FIELD_TEXTLIST;
		ADD_SPEC(sb.buf, list ? OPT_LIST : OPT_VALUE);
		if (fd->flags & FIELD_SENSITIVE) {
			flag_name(fd->name, "-confidentiality", &sb);
			ADD_SPEC(sb.buf, OPT_VALUE);
		}
		if (fd->type == FIELD_LONGTEXT) {
			flag_name(fd->name, "-file", &sb);
			ADD_SPEC(sb.buf, OPT_VALUE);
		}
	}
	ADD_SPEC("confidentiality", OPT_VALUE);
	ADD_SPEC("id", OPT_VALUE);
	ADD_SPEC("reason", OPT_VALUE);
	ADD_SPEC("case", OPT_VALUE);
	ADD_SPEC("all", OPT_FLAG);
#undef ADD_SPEC
	strbuf_release(&sb);
	*n = i;
	return specs;
}

/* Turns the options into record fields; empty values become null (clear). */
static int options_to_record(const struct kind_desc *k, const struct args *a, json_t *rec)
{
	struct strbuf flag = STRBUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < k->nfields && !rc; i++) {
		const struct field_desc *f = &k->fields[i];
		flag_name(f->name, "", &flag);
		json_t *val = json_object_get(a->opts, flag.buf);
		if (f->type == FIELD_LONGTEXT) {
			flag_name(f->name, "-file", &flag);
			const char *file = args_get(a, flag.buf);
			if (file) {
				struct strbuf text = STRBUF_INIT;
				rc = file_read(file, 1 << 20, &text);
				json_t *s = rc ? NULL : json_stringn(text.buf, text.len);
				if (!rc && !s)
					rc = error_set(VG_EINVALID, "%s is not UTF-8 text", file);
				strbuf_release(&text);
				if (rc)
					break;
				json_object_set_new(rec, f->name, s);
				continue;
			}
		}
		if (!val)
			continue;
		const char *s = json_string_value(val);
		if (s && !*s) {
			json_object_set_new(rec, f->name, json_null());
			continue;
		}
		switch (f->type) {
		case FIELD_BOOL:
			if (!strcmp(s, "true") || !strcmp(s, "yes"))
				json_object_set_new(rec, f->name, json_true());
			else if (!strcmp(s, "false") || !strcmp(s, "no"))
				json_object_set_new(rec, f->name, json_false());
			else
				rc = error_set(VG_EINVALID, "--%s takes true or false, not '%s'",
				               f->name, s);
			break;
		case FIELD_INT: {
			char *end;
			long long n = strtoll(s, &end, 10);
			if (*end)
				rc = error_set(VG_EINVALID, "--%s takes a whole number, not '%s'",
				               f->name, s);
			else
				json_object_set_new(rec, f->name, json_integer(n));
			break;
		}
		default:
			json_object_set(rec, f->name, val);
		}
		if (f->flags & FIELD_SENSITIVE) {
			flag_name(f->name, "-confidentiality", &flag);
			const char *lvl = args_get(a, flag.buf);
			if (lvl) {
				json_t *fc = json_object_get(rec, "field_confidentiality");
				if (!fc) {
					fc = json_object();
					json_object_set_new(rec, "field_confidentiality", fc);
				}
				json_object_set_new(fc, f->name, json_string(lvl));
			}
		}
	}
	if (!rc && args_get(a, "confidentiality"))
		json_object_set_new(rec, "confidentiality",
		                    json_string(args_get(a, "confidentiality")));
	strbuf_release(&flag);
	return rc;
}

/* A one-line title for a record: its title field, resolved and humanised. */
void record_title(struct vault *v, const struct kind_desc *k, json_t *rec, struct strbuf *out);
void record_title(struct vault *v, const struct kind_desc *k, json_t *rec, struct strbuf *out)
{
	const struct field_desc *f = records_field(k, k->title_field);
	const char *s = json_string_value(json_object_get(rec, k->title_field));
	if (f && s && f->type == FIELD_VOCAB)
		strbuf_adds(out, vocab_label(f->target, s));
	else if (s)
		strbuf_adds(out, s);
	if (!strcmp(k->name, "act") || !strcmp(k->name, "complaint")) {
		const char *who = json_string_value(
		    json_object_get(rec, !strcmp(k->name, "act") ? "victim" : "authority"));
		json_t *p = NULL;
		const struct kind_desc *pk =
		    records_kind(!strcmp(k->name, "act") ? "person" : "org");
		if (who && !records_get(v, pk, who, &p)) {
			strbuf_addf(out, !strcmp(k->name, "act") ? " against %s" : " to %s",
			            json_string_value(json_object_get(p, "name")));
			json_decref(p);
		}
		error_clear();
	}
	if (!strcmp(k->name, "involvement") && !s) {
		const char *d = json_string_value(json_object_get(rec, "description"));
		strbuf_adds(out, d ? d : "(unknown)");
	}
}

static void print_value(struct vault *v, const struct field_desc *f, json_t *val)
{
	struct strbuf sb = STRBUF_INIT;
	switch (f->type) {
	case FIELD_DATE:
		date_format_human(json_string_value(val), &sb);
		break;
	case FIELD_BOOL:
		strbuf_adds(&sb, json_is_true(val) ? "yes" : "no");
		break;
	case FIELD_INT:
		strbuf_addf(&sb, "%lld", (long long)json_integer_value(val));
		break;
	case FIELD_VOCAB:
		strbuf_addf(&sb, "%s", vocab_label(f->target, json_string_value(val)));
		break;
	case FIELD_REF:
	case FIELD_REFLIST: {
		const struct kind_desc *tk = records_kind(f->target);
		json_t *ids = json_is_array(val) ? json_incref(val) : json_pack("[O]", val);
		size_t i;
		json_t *item;
		json_array_foreach(ids, i, item)
		{
			json_t *r = NULL;
			if (i)
				strbuf_adds(&sb, ", ");
			if (!records_get(v, tk, json_string_value(item), &r)) {
				record_title(v, tk, r, &sb);
				json_decref(r);
			}
			error_clear();
			strbuf_addf(&sb, " (%s)", json_string_value(item));
		}
		json_decref(ids);
		break;
	}
	case FIELD_TEXTLIST: {
		size_t i;
		json_t *item;
		json_array_foreach(val, i, item)
		    strbuf_addf(&sb, "%s%s", i ? "; " : "", json_string_value(item));
		break;
	}
	default:
		strbuf_adds(&sb, json_string_value(val));
	}
	if (f->type == FIELD_LONGTEXT && strchr(sb.buf, '\n')) {
		printf("\n");
		for (char *line = sb.buf; line && *line;) {
			char *nl = strchr(line, '\n');
			printf("    %.*s\n", nl ? (int)(nl - line) : (int)strlen(line), line);
			line = nl ? nl + 1 : NULL;
		}
	} else {
		printf(" %s\n", sb.buf);
	}
	strbuf_release(&sb);
}

static void show_human(struct vault *v, const struct kind_desc *k, json_t *rec)
{
	struct strbuf title = STRBUF_INIT;
	record_title(v, k, rec, &title);
	printf("%s %s: %s  [%s]\n", k->name, json_string_value(json_object_get(rec, "id")),
	       title.buf, json_string_value(json_object_get(rec, "confidentiality")));
	strbuf_release(&title);
	json_t *r = json_object_get(rec, "retracted");
	if (r)
		printf("  RETRACTED %s by %s: %s\n", json_string_value(json_object_get(r, "at")),
		       json_string_value(json_object_get(r, "by")),
		       json_string_value(json_object_get(r, "reason")));
	json_t *fc = json_object_get(rec, "field_confidentiality");
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field_desc *f = &k->fields[i];
		json_t *val = json_object_get(rec, f->name);
		if (!val)
			continue;
		const char *lvl = json_string_value(json_object_get(fc, f->name));
		printf("  %s%s%s%s:", f->name, lvl ? " [" : "", lvl ? lvl : "", lvl ? "]" : "");
		print_value(v, f, val);
	}
}

static int record_add(struct cli *cli, void *arg)
{
	const struct kind_desc *k = records_kind(cli->cmd->name);
	const struct args *a = arg;
	json_t *rec = json_object();
	if (args_get(a, "id"))
		json_object_set_new(rec, "id", json_string(args_get(a, "id")));
	int rc = options_to_record(k, a, rec);
	/* On add an empty value means "not given". */
	const char *key;
	json_t *val;
	void *tmp;
	json_object_foreach_safe(rec, tmp, key, val)
	{
		if (json_is_null(val))
			json_object_del(rec, key);
	}
	if (!rc)
		rc = records_add(&cli->vault, k, rec);
	/* A statement's text is kept as a version (records/statements.h). */
	if (!rc && !strcmp(k->name, "statement"))
		rc = statement_keep_version(cli, json_string_value(json_object_get(rec, "id")),
		                            "added");
	if (!rc) {
		if (cli->json)
			cli_print_json(json_incref(rec));
		else
			printf("%s\n", json_string_value(json_object_get(rec, "id")));
	}
	json_decref(rec);
	return rc;
}

static int record_edit(struct cli *cli, void *arg)
{
	const struct kind_desc *k = records_kind(cli->cmd->name);
	const struct args *a = arg;
	if (args_npos(a) != 2)
		return error_set(VG_EUSAGE, "usage: vigil %s edit ID --FIELD VALUE ...", k->name);
	json_t *changes = json_object();
	int rc = options_to_record(k, a, changes);
	if (!rc && json_object_size(changes) == 0)
		rc = error_set(VG_EUSAGE,
		               "nothing to change: give --FIELD VALUE; 'vigil %s --help' "
		               "lists the fields",
		               k->name);
	if (!rc)
		rc = records_edit(&cli->vault, k, args_pos(a, 1), changes);
	if (!rc && !strcmp(k->name, "statement"))
		rc = statement_keep_version(cli, args_pos(a, 1), "edited");
	if (!rc && !cli->json)
		printf("%s\n", args_pos(a, 1));
	json_decref(changes);
	return rc;
}

static int record_retract(struct cli *cli, void *arg)
{
	const struct kind_desc *k = records_kind(cli->cmd->name);
	const struct args *a = arg;
	if (args_npos(a) != 2)
		return error_set(VG_EUSAGE, "usage: vigil %s retract ID --reason TEXT", k->name);
	int rc = records_retract(&cli->vault, k, args_pos(a, 1), args_get(a, "reason"));
	if (!rc && !cli->json)
		printf("retracted %s %s\n", k->name, args_pos(a, 1));
	return rc;
}

static int record_list(struct cli *cli, const struct kind_desc *k, const struct args *a)
{
	struct record_filter f = {.case_id = args_get(a, "case"),
	                          .include_retracted = args_flag(a, "all")};
	if (f.case_id && !records_kind_in_case(k))
		return error_set(VG_EUSAGE, "%s records do not belong to one case; drop --case",
		                 k->name);
	json_t *list;
	int rc = records_list(&cli->vault, k, &f, &list);
	if (rc)
		return rc;
	if (cli->json) {
		cli_print_json(list);
		return 0;
	}
	size_t i;
	json_t *rec;
	json_array_foreach(list, i, rec)
	{
		struct strbuf title = STRBUF_INIT, when = STRBUF_INIT;
		record_title(&cli->vault, k, rec, &title);
		if (k->sort_field)
			date_format_human(json_string_value(json_object_get(rec, k->sort_field)),
			                  &when);
		printf("%-14s %-22s %s%s\n", json_string_value(json_object_get(rec, "id")),
		       when.buf, title.buf,
		       json_object_get(rec, "retracted") ? "  (retracted)" : "");
		strbuf_release(&title);
		strbuf_release(&when);
	}
	if (json_array_size(list) == 0 && term_is_tty(1))
		fprintf(stderr, "no %s yet; add one with 'vigil %s add'\n", k->plural, k->name);
	json_decref(list);
	return 0;
}

int cmd_record(struct cli *cli)
{
	const struct kind_desc *k = records_kind(cli->cmd->name);
	json_t *names = json_array();
	size_t nspecs;
	struct optspec *specs = kind_specs(k, names, &nspecs);
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, nspecs, &a);
	if (rc) {
		free(specs);
		json_decref(names);
		return rc > 0 ? 0 : rc;
	}
	const char *action = args_pos(&a, 0);
	if (!action) {
		cli_help(cli->cmd, stderr);
		rc = -VG_EUSAGE;
		error_set(VG_EUSAGE, "say what to do: add, list, show, edit or retract");
	} else if (!strcmp(action, "add")) {
		if (args_npos(&a) != 1)
			rc = error_set(VG_EUSAGE,
			               "'%s add' takes only --FIELD VALUE options; put "
			               "text with spaces in quotes",
			               k->name);
		else
			rc = cli_write(cli, record_add, &a);
	} else if (!strcmp(action, "edit")) {
		rc = cli_write(cli, record_edit, &a);
	} else if (!strcmp(action, "retract")) {
		rc = cli_write(cli, record_retract, &a);
	} else if (!strcmp(action, "list")) {
		rc = record_list(cli, k, &a);
	} else if (!strcmp(action, "show")) {
		if (args_npos(&a) != 2) {
			rc = error_set(VG_EUSAGE, "usage: vigil %s show ID", k->name);
		} else if (!strcmp(k->name, "case") && !cli->json) {
			rc = case_show(cli, args_pos(&a, 1));
		} else {
			json_t *rec;
			rc = records_get(&cli->vault, k, args_pos(&a, 1), &rec);
			if (!rc && cli->json)
				cli_print_json(rec);
			else if (!rc) {
				show_human(&cli->vault, k, rec);
				json_decref(rec);
			}
		}
	} else {
		rc = error_set(VG_EUSAGE,
		               "'%s' is not an action of '%s'; use add, list, show, edit "
		               "or retract",
		               action, k->name);
	}
	args_release(&a);
	free(specs);
	json_decref(names);
	return rc;
}
