/*
 * vigil report CASE --format html|pdf [--audience LEVEL] [--leave-out] [--out FILE]:
 * the case for a lawyer or a rapporteur (render/report.h). The audience
 * (default partners) decides what may be shown; anything above it refuses the
 * report with the list, unless --leave-out, which leaves it out and lists it
 * in the report. The vault is opened read-only.
 */
#include "cli/casemodel.h"
#include "cli/cli.h"
#include "render/redact.h"
#include "render/report.h"
#include "util/fileio.h"
#include "util/util.h"

void cli_today(struct cli *cli, char out[16]);

int cmd_report(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"format", OPT_VALUE, "html or pdf"},
	    {"audience", OPT_VALUE, "public, partners (default) or restricted"},
	    {"leave-out", OPT_FLAG, "leave out what the audience may not see, and list it"},
	    {"out", OPT_VALUE, "the file to write (html: else standard output)"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *format = args_get(&a, "format") ? args_get(&a, "format") : "html";
	const char *out = args_get(&a, "out");
	enum audience aud = AUDIENCE_PARTNERS;
	if (args_npos(&a) != 1)
		rc = error_set(VG_EUSAGE, "usage: vigil report CASE --format html|pdf [--audience "
		                          "LEVEL] [--leave-out] [--out FILE]");
	else if (strcmp(format, "html") && strcmp(format, "pdf"))
		rc = error_set(VG_EUSAGE, "unknown format '%s'; use html or pdf", format);
	else if (!strcmp(format, "pdf") && !out)
		rc = error_set(VG_EUSAGE, "a PDF needs --out FILE");
	if (!rc && args_get(&a, "audience"))
		rc = redact_audience_parse(args_get(&a, "audience"), &aud);
	json_t *model = NULL, *blocks = NULL;
	char today[16];
	cli_today(cli, today);
	if (!rc)
		rc = casemodel_load(&cli->vault, args_pos(&a, 0), &model);
	if (!rc)
		rc = casemodel_deadlines(&cli->vault, model, today);
	if (!rc)
		rc = casemodel_evidence(&cli->vault, model, REPORT_MAX_FLAGS);
	struct redact r;
	redact_init(&r, aud);
	if (!rc)
		rc = report_build(model, &r, args_flag(&a, "leave-out"), today, &blocks);
	struct strbuf title = STRBUF_INIT;
	if (!rc)
		strbuf_addf(
		    &title, "Case report: %s",
		    json_string_value(json_object_get(json_object_get(model, "case"), "title")));
	if (!rc && !strcmp(format, "pdf")) {
		rc = report_pdf(blocks, title.buf, redact_audience_name(aud), out);
	} else if (!rc) {
		struct strbuf html = STRBUF_INIT;
		report_html(blocks, title.buf, today, &html);
		if (out)
			rc = file_write_atomic(out, html.buf, html.len, 0600);
		else
			fwrite(html.buf, 1, html.len, stdout);
		strbuf_release(&html);
	}
	if (!rc && out && !cli->json)
		fprintf(
		    stderr, "wrote %s (for the %s audience%s)\n", out, redact_audience_name(aud),
		    json_array_size(r.omitted) ? "; some records left out, listed at the end" : "");
	strbuf_release(&title);
	redact_release(&r);
	json_decref(blocks);
	json_decref(model);
	args_release(&a);
	return rc;
}
