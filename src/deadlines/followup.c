/*
 * followup.c - the follow-up letter (followup.h).
 */
#include "deadlines/followup.h"
#include "records/date.h"
#include "util/datadir.h"
#include "util/fileio.h"
#include "util/util.h"

bool followup_lang_known(const char *lang)
{
	return lang && (!strcmp(lang, "en") || !strcmp(lang, "ru") || !strcmp(lang, "uz"));
}

void followup_date(const char *lang, long day, struct strbuf *out)
{
	static const char *const en[] = {"January",   "February", "March",    "April",
	                                 "May",       "June",     "July",     "August",
	                                 "September", "October",  "November", "December"};
	static const char *const ru[] = {"января",   "февраля", "марта",  "апреля",
	                                 "мая",      "июня",    "июля",   "августа",
	                                 "сентября", "октября", "ноября", "декабря"};
	static const char *const uz[] = {"yanvar",   "fevral",  "mart",   "aprel",
	                                 "may",      "iyun",    "iyul",   "avgust",
	                                 "sentyabr", "oktyabr", "noyabr", "dekabr"};
	int y, m, d;
	date_from_days(day, &y, &m, &d);
	if (!strcmp(lang, "ru"))
		strbuf_addf(out, "%d %s %d г.", d, ru[m - 1], y);
	else if (!strcmp(lang, "uz"))
		strbuf_addf(out, "%d-yil %d-%s", y, d, uz[m - 1]);
	else
		strbuf_addf(out, "%d %s %d", d, en[m - 1], y);
}

/* Russian noun forms after a number: 1 (один), 2-4 (few), 5+ (many). */
static const char *ru_form(long n, const char *one, const char *few, const char *many)
{
	long t = n % 100, u = n % 10;
	if (t >= 11 && t <= 14)
		return many;
	if (u == 1)
		return one;
	if (u >= 2 && u <= 4)
		return few;
	return many;
}

void followup_term(const char *lang, int n, enum dl_unit unit, struct strbuf *out)
{
	if (!strcmp(lang, "ru")) {
		/* genitive, after "в течение" */
		const char *w;
		switch (unit) {
		case DL_WORKING_DAYS:
			w = n % 10 == 1 && n % 100 != 11 ? "рабочего дня" : "рабочих дней";
			break;
		case DL_MONTHS:
			w = n % 10 == 1 && n % 100 != 11 ? "месяца" : "месяцев";
			break;
		default:
			w = n % 10 == 1 && n % 100 != 11 ? "дня" : "дней";
		}
		strbuf_addf(out, "%d %s", n, w);
	} else if (!strcmp(lang, "uz")) {
		strbuf_addf(out, "%d %s", n,
		            unit == DL_WORKING_DAYS ? "ish kuni"
		            : unit == DL_MONTHS     ? "oy"
		                                    : "kun");
	} else {
		dl_term_text(n, unit, out);
	}
}

void followup_days(const char *lang, long n, struct strbuf *out)
{
	if (!strcmp(lang, "ru"))
		strbuf_addf(out, "%ld %s", n, ru_form(n, "день", "дня", "дней"));
	else if (!strcmp(lang, "uz"))
		strbuf_addf(out, "%ld kun", n);
	else
		strbuf_addf(out, "%ld day%s", n, n == 1 ? "" : "s");
}

static int render_line(const char *line, size_t len, const json_t *facts, struct strbuf *out)
{
	const char *end = line + len;
	for (const char *p = line; p < end;) {
		const char *open = strstr(p, "{{");
		if (!open || open >= end) {
			strbuf_add(out, p, (size_t)(end - p));
			break;
		}
		strbuf_add(out, p, (size_t)(open - p));
		const char *close = strstr(open, "}}");
		if (!close || close >= end)
			return error_set(VG_EFORMAT, "a follow-up template has '{{' without '}}'");
		char *name = xstrndup(open + 2, (size_t)(close - open - 2));
		json_t *val = json_object_get(facts, name);
		if (!json_is_string(val)) {
			int rc =
			    error_set(VG_EFORMAT,
			              "the follow-up template uses {{%s}}, which Vigil does not "
			              "know; see docs/deadlines.md for the placeholders",
			              name);
			free(name);
			return rc;
		}
		free(name);
		strbuf_adds(out, json_string_value(val));
		p = close + 2;
	}
	return 0;
}

int followup_render(const char *tmpl, const json_t *facts, struct strbuf *out)
{
	for (const char *line = tmpl; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		const char *body = line;
		bool keep = true;
		if (*line == '?') {
			const char *sp = memchr(line, ' ', len);
			if (!sp)
				return error_set(VG_EFORMAT,
				                 "a follow-up template line starts with '?' but "
				                 "names no condition");
			char *cond = xstrndup(line + 1, (size_t)(sp - line - 1));
			keep = json_is_true(json_object_get(facts, cond));
			free(cond);
			body = sp + 1;
			len -= (size_t)(body - line);
		}
		if (keep) {
			int rc = render_line(body, len, facts, out);
			if (rc)
				return rc;
			if (nl)
				strbuf_addch(out, '\n');
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	return 0;
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void set_day(json_t *facts, const char *key, const char *lang, const char *iso)
{
	long d;
	struct strbuf sb = STRBUF_INIT;
	if (iso && !date_parse_day(iso, &d))
		followup_date(lang, d, &sb);
	else
		strbuf_adds(&sb, iso ? iso : "?");
	error_clear();
	json_object_set_new(facts, key, json_string(sb.buf));
	strbuf_release(&sb);
}

json_t *followup_facts(const char *lang, const json_t *eval, const json_t *complaint,
                       const char *by_name, long today, const char *cite_text)
{
	json_t *f = json_object();
	struct strbuf sb = STRBUF_INIT;
	const char *auth = str(eval, "authority_name");
	json_object_set_new(f, "authority",
	                    json_string(auth                     ? auth
	                                : str(eval, "authority") ? str(eval, "authority")
	                                                         : "?"));
	json_object_set_new(f, "by", json_string(by_name ? by_name : "?"));
	const char *ref = str(complaint, "reference_number");
	if (ref)
		strbuf_addf(&sb,
		            !strcmp(lang, "ru")   ? " (рег. № %s)"
		            : !strcmp(lang, "uz") ? " (ro‘yxat raqami %s)"
		                                  : " (reference no. %s)",
		            ref);
	json_object_set_new(f, "reference", json_string(sb.buf));
	set_day(f, "filed", lang, str(eval, "filed"));
	const char *due = str(eval, "due") ? str(eval, "due") : str(eval, "due_earliest");
	set_day(f, "due", lang, due);
	strbuf_reset(&sb);
	followup_date(lang, today, &sb);
	json_object_set_new(f, "today", json_string(sb.buf));
	json_t *rule = json_object_get(eval, "rule");
	strbuf_reset(&sb);
	if (json_is_object(rule)) {
		const char *unit = str(rule, "unit");
		enum dl_unit u = !strcmp(unit, "working-days") ? DL_WORKING_DAYS
		                 : !strcmp(unit, "months")     ? DL_MONTHS
		                                               : DL_CALENDAR_DAYS;
		followup_term(lang, (int)json_integer_value(json_object_get(rule, "term_n")), u,
		              &sb);
	}
	json_object_set_new(f, "term", json_string(sb.buf));
	json_object_set_new(f, "cite",
	                    json_string(cite_text              ? cite_text
	                                : json_is_object(rule) ? str(rule, "cite")
	                                                       : "?"));
	json_int_t late = json_integer_value(json_object_get(eval, "days_overdue"));
	bool overdue = !strcmp(str(eval, "status"), "overdue");
	strbuf_reset(&sb);
	followup_days(lang, late, &sb);
	json_object_set_new(f, "days_overdue", json_string(sb.buf));
	json_object_set_new(f, "overdue", json_boolean(overdue));
	json_object_set_new(f, "not_overdue", json_boolean(!overdue));
	const char *req = str(complaint, "request");
	json_object_set_new(f, "request", json_string(req ? req : "—"));
	strbuf_release(&sb);
	return f;
}

int followup_load(const char *lang, const char *rule_id, struct strbuf *tmpl, struct strbuf *cite)
{
	if (!followup_lang_known(lang))
		return error_set(VG_EUSAGE, "--lang takes en, ru or uz, not '%s'",
		                 lang ? lang : "");
	struct strbuf rel = STRBUF_INIT;
	strbuf_addf(&rel, "templates/follow-up.%s.txt", lang);
	char *path = datadir_file(rel.buf);
	int rc = file_read(path, 1 << 16, tmpl);
	free(path);
	strbuf_release(&rel);
	if (rc || !rule_id)
		return rc;
	path = datadir_file("templates/citations.tsv");
	struct strbuf text = STRBUF_INIT;
	if (file_exists(path) && !(rc = file_read(path, 1 << 20, &text))) {
		size_t idlen = strlen(rule_id), llen = strlen(lang);
		for (char *line = text.buf; line && *line;) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			if (*line != '#' && !strncmp(line, rule_id, idlen) && line[idlen] == '\t' &&
			    !strncmp(line + idlen + 1, lang, llen) &&
			    line[idlen + 1 + llen] == '\t') {
				strbuf_adds(cite, line + idlen + llen + 2);
				break;
			}
			line = nl ? nl + 1 : NULL;
		}
	}
	strbuf_release(&text);
	free(path);
	return rc;
}
