#include "cli/cli.h"
#include "records/records.h"
#include "util/util.h"

void cli_print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_ENCODE_ANY);
	if (s) {
		fputs(s, stdout);
		fputc('\n', stdout);
		free(s);
	}
	json_decref(j);
}

void cli_json_array_item(size_t *count, json_t *item)
{
	char *s = json_dumps(item, JSON_INDENT(2) | JSON_ENCODE_ANY);
	fputs(*count ? ",\n  " : "[\n  ", stdout);
	for (const char *p = s; p && *p; p++) {
		fputc(*p, stdout);
		if (*p == '\n')
			fputs("  ", stdout); /* nested one level deeper, as in an array */
	}
	free(s);
	json_decref(item);
	(*count)++;
}

void cli_json_array_end(size_t count)
{
	fputs(count ? "\n]\n" : "[]\n", stdout);
}

FILE *cli_pager_open(void)
{
	const char *pager = getenv("PAGER");
	FILE *out = popen(pager && *pager ? pager : "less -FRX", "w");
	return out ? out : stdout;
}

void cli_pager_close(FILE *out)
{
	if (out && out != stdout)
		pclose(out);
}

/* Is the command a record kind's (`vigil person`), whose help lists the
 * kind's fields? Not `complaints`, which shares the complaint kind. */
static const struct kind_desc *own_record_kind(const struct command *cmd)
{
	const struct kind_desc *k = records_kind(cmd->name);
	return k && !strcmp(k->name, cmd->name) ? k : NULL;
}

void cli_help(const struct command *cmd, FILE *out)
{
	fprintf(out, "usage: vigil %s\n\n%s\n", cmd->usage, cmd->summary);
	if (cmd->help)
		fprintf(out, "\n%s", cmd->help);
	const struct kind_desc *k = own_record_kind(cmd);
	if (k) {
		fprintf(
		    out,
		    "\nA %s is %s.\n\n"
		    "  vigil %s add --FIELD VALUE ...    add one (prints its id)\n"
		    "  vigil %s list [--case ID] [--all] list them (--all: with retracted ones)\n"
		    "  vigil %s show ID                  show one\n"
		    "  vigil %s edit ID --FIELD VALUE    change fields (--FIELD '' clears one)\n"
		    "  vigil %s retract ID --reason TEXT withdraw it; it stays in the history\n\n"
		    "fields:\n",
		    k->name, k->help, k->name, k->name, k->name, k->name, k->name);
		for (size_t i = 0; i < k->nfields; i++) {
			const struct field_desc *f = &k->fields[i];
			struct strbuf flag = STRBUF_INIT;
			strbuf_addf(&flag, "--%s", f->name);
			for (char *p = flag.buf; *p; p++)
				if (*p == '_')
					*p = '-';
			const char *type = "";
			switch (f->type) {
			case FIELD_DATE:
				type = " DATE";
				break;
			case FIELD_BOOL:
				type = " [true|false]";
				break;
			case FIELD_REF:
				type = " ID";
				break;
			case FIELD_REFLIST:
				type = " ID (repeat)";
				break;
			case FIELD_TEXTLIST:
				type = " TEXT (repeat)";
				break;
			case FIELD_VOCAB:
				type = " CODE";
				break;
			case FIELD_CHOICE:
				type = "";
				break;
			default:
				type = " TEXT";
			}
			fprintf(out, "  %s%s%s%s", flag.buf, type,
			        f->type == FIELD_CHOICE ? " " : "",
			        f->type == FIELD_CHOICE ? f->target : "");
			if (f->flags & FIELD_REQUIRED)
				fprintf(out, "  (required)");
			if (f->flags & FIELD_SENSITIVE)
				fprintf(
				    out,
				    "  (sensitive: %s-confidentiality LEVEL, default restricted)",
				    flag.buf);
			if (f->help)
				fprintf(out, "\n      %s", f->help);
			if (f->type == FIELD_VOCAB)
				fprintf(out, "%sterms in data/vocab/%s.tsv",
				        f->help ? "; " : "\n      ", f->target);
			fputc('\n', out);
			strbuf_release(&flag);
		}
		fprintf(out,
		        "  --confidentiality public|partners|restricted  (default restricted)\n"
		        "  --id ID   choose the id yourself (else %s-N)\n\n"
		        "DATE is 2024-05-25, 2024-05, 2024, ~2024-05-25 (approximate) or\n"
		        "2024-05-26/2024-05-29 (a range).\n",
		        k->id_prefix);
	}
}

/* The command's options, each with its help, after cli_help's text; a
 * record kind's fields are listed there already. */
static void cli_help_options(const struct command *cmd, const struct optspec *specs, size_t n,
                             FILE *out)
{
	if (!n || own_record_kind(cmd))
		return;
	fprintf(out, "\noptions:\n");
	for (size_t i = 0; i < n; i++) {
		char flag[64];
		snprintf(flag, sizeof(flag), "--%s%s", specs[i].name,
		         specs[i].kind == OPT_FLAG   ? ""
		         : specs[i].kind == OPT_LIST ? " VALUE (repeatable)"
		                                     : " VALUE");
		if (specs[i].help)
			fprintf(out, "  %-24s %s\n", flag, specs[i].help);
		else
			fprintf(out, "  %s\n", flag);
	}
}

int cli_args(struct cli *cli, int argc, char **argv, const struct optspec *specs, size_t n,
             struct args *out)
{
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_help(cli->cmd, stdout);
			cli_help_options(cli->cmd, specs, n, stdout);
			out->opts = out->positional = NULL;
			return 1;
		}
	}
	return args_parse(argc, argv, specs, n, cli->cmd->name, out);
}

int cli_write(struct cli *cli, int (*fn)(struct cli *, void *), void *arg)
{
	int rc = vault_begin(&cli->vault);
	if (rc)
		return rc;
	rc = fn(cli, arg);
	if (rc) {
		vault_rollback(&cli->vault);
		return rc;
	}
	return vault_commit(&cli->vault);
}
