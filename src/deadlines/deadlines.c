/*
 * deadlines.c - the arithmetic of deadlines: terms in calendar days, working
 * days or months; the clock's start; extensions; forwarded complaints; the
 * one-line explanation. No I/O here (see deadlines_data.c).
 */
#include "deadlines/deadlines.h"
#include "records/date.h"
#include "util/util.h"

static enum dl_unit unit_parse(const char *s)
{
	if (!strcmp(s, "calendar-days") || !strcmp(s, "days"))
		return DL_CALENDAR_DAYS;
	if (!strcmp(s, "working-days"))
		return DL_WORKING_DAYS;
	if (!strcmp(s, "months"))
		return DL_MONTHS;
	return DL_UNIT_UNKNOWN;
}

static enum dl_tri tri_parse(const char *s)
{
	if (!strcmp(s, "yes"))
		return DL_YES;
	if (!strcmp(s, "no"))
		return DL_NO;
	return DL_UNKNOWN;
}

static void copy_field(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

/* "3 calendar-days" -> 3, unit; returns false when it is not that shape. */
static bool amount_parse(const char *s, int *n, enum dl_unit *u)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end != ' ' || v <= 0 || v > 10000)
		return false;
	*u = unit_parse(end + 1);
	*n = (int)v;
	return *u != DL_UNIT_UNKNOWN;
}

int dl_rule_parse(const char *country, const char *line, struct dl_rule *out)
{
	memset(out, 0, sizeof(*out));
	copy_field(out->country, sizeof(out->country), country);
	char *copy = xstrdup(line);
	char *col[13] = {0};
	size_t n = 0;
	for (char *p = copy; p && n < ARRAY_SIZE(col);) {
		col[n++] = p;
		char *tab = strchr(p, '\t');
		if (tab)
			*tab = '\0';
		p = tab ? tab + 1 : NULL;
	}
	if (n < 12) {
		int err = error_set(VG_EINVALID,
		                    "a deadline rule for %s has %zu columns, not 12 or 13: '%s'; "
		                    "see the header of data/deadlines/*.tsv",
		                    country, n, line);
		free(copy);
		return err;
	}
	copy_field(out->kinds, sizeof(out->kinds), col[0]);
	if (strcmp(col[1], "?")) {
		char *end;
		long t = strtol(col[1], &end, 10);
		out->unit = unit_parse(col[2]);
		if (*end || t <= 0 || t > 10000 || out->unit == DL_UNIT_UNKNOWN) {
			int err =
			    error_set(VG_EINVALID,
			              "the deadline rule for %s (%s) has term '%s %s'; write a "
			              "number and calendar-days, working-days or months, or ?",
			              country, col[0], col[1], col[2]);
			free(copy);
			return err;
		}
		out->term = (int)t;
	}
	out->from_registration = !strcmp(col[3], "registration");
	if (strcmp(col[4], "-") && strcmp(col[4], "?") &&
	    !amount_parse(col[4], &out->lag, &out->lag_unit)) {
		int err = error_set(
		    VG_EINVALID,
		    "the registration lag '%s' of the rule for %s is not '3 calendar-days' or -",
		    col[4], country);
		free(copy);
		return err;
	}
	if (!strcmp(col[5], "-")) {
		out->ext_kind = DL_EXT_NONE;
	} else if (!strcmp(col[5], "?")) {
		out->ext_kind = DL_EXT_UNKNOWN;
	} else if ((col[5][0] == '+' || col[5][0] == '=') &&
	           amount_parse(col[5] + 1, &out->ext, &out->ext_unit)) {
		out->ext_kind = col[5][0] == '+' ? DL_EXT_ADD : DL_EXT_TOTAL;
	} else {
		int err = error_set(
		    VG_EINVALID,
		    "the extension '%s' of the rule for %s is not +N UNIT, =N UNIT, - or ?", col[5],
		    country);
		free(copy);
		return err;
	}
	out->notice = tri_parse(col[6]);
	out->silence = tri_parse(col[7]);
	copy_field(out->citation, sizeof(out->citation), col[8]);
	copy_field(out->cite, sizeof(out->cite), col[9]);
	copy_field(out->checked, sizeof(out->checked), col[10]);
	copy_field(out->status, sizeof(out->status), col[11]);
	if (n > 12)
		copy_field(out->note, sizeof(out->note), col[12]);
	free(copy);
	return 0;
}

bool dl_rule_verified(const struct dl_rule *r)
{
	return !strcmp(r->status, "read");
}

void dl_term_text(int n, enum dl_unit u, struct strbuf *out)
{
	switch (u) {
	case DL_CALENDAR_DAYS:
		strbuf_addf(out, "%d day%s", n, n == 1 ? "" : "s");
		break;
	case DL_WORKING_DAYS:
		strbuf_addf(out, "%d working day%s", n, n == 1 ? "" : "s");
		break;
	case DL_MONTHS:
		strbuf_addf(out, "%d month%s", n, n == 1 ? "" : "s");
		break;
	default:
		strbuf_adds(out, "an unknown term");
	}
}

static int weekday_parse(const char *s)
{
	static const char *const names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	for (int i = 0; i < 7; i++)
		if (!strncmp(s, names[i], 3))
			return i;
	return -1;
}

int dl_calendar_parse(const char *country, int year, const char *text, struct dl_calendar *out)
{
	memset(out, 0, sizeof(*out));
	copy_field(out->country, sizeof(out->country), country);
	out->year = year;
	out->weekend[5] = out->weekend[6] = true;
	char *copy = xstrdup(text);
	int rc = 0;
	int lineno = 0;
	for (char *line = copy; line && !rc;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		char *next = nl ? nl + 1 : NULL;
		if (*line && *line != '#') {
			char *tab = strchr(line, '\t');
			char *val = tab ? tab + 1 : (char *)"";
			if (tab)
				*tab = '\0';
			char *tab2 = strchr(val, '\t');
			if (tab2)
				*tab2 = '\0';
			if (!strcmp(line, "weekend")) {
				memset(out->weekend, 0, sizeof(out->weekend));
				for (char *w = strtok(val, " ,"); w; w = strtok(NULL, " ,")) {
					int d = weekday_parse(w);
					if (d < 0) {
						rc = error_set(VG_EINVALID,
						               "calendar %s %d line %d: '%s' is "
						               "not a day name (mon..sun)",
						               country, year, lineno, w);
						break;
					}
					out->weekend[d] = true;
				}
			} else if (!strcmp(line, "status")) {
				out->partial = strcmp(val, "complete") != 0;
			} else {
				long day;
				if (date_parse_day(line, &day)) {
					rc = error_set(VG_EINVALID,
					               "calendar %s %d line %d: '%s' is not "
					               "YYYY-MM-DD, weekend or status",
					               country, year, lineno, line);
				} else if ((!strcmp(val, "workday") && out->nwork == DL_MAX_DAYS) ||
				           (strcmp(val, "workday") && out->noff == DL_MAX_DAYS)) {
					rc = error_set(
					    VG_EINVALID,
					    "calendar %s %d has more than %d lines of one kind; "
					    "Vigil reads at most that many",
					    country, year, DL_MAX_DAYS);
				} else if (!strcmp(val, "workday")) {
					out->work[out->nwork++] = day;
				} else if (!strcmp(val, "holiday") || !strcmp(val, "rest")) {
					out->off[out->noff++] = day;
				} else {
					rc = error_set(VG_EINVALID,
					               "calendar %s %d line %d: '%s' is not "
					               "holiday, rest or workday",
					               country, year, lineno, val);
				}
			}
		}
		line = next;
	}
	free(copy);
	return rc;
}

bool dl_is_working_day(const struct dl_calendars *cals, long day, bool *known, bool *partial)
{
	int y, m, d;
	date_from_days(day, &y, &m, &d);
	int wd = date_weekday(day);
	for (size_t i = 0; cals && i < cals->n; i++) {
		const struct dl_calendar *c = &cals->cal[i];
		if (c->year != y)
			continue;
		if (c->partial && partial)
			*partial = true;
		for (size_t j = 0; j < c->nwork; j++)
			if (c->work[j] == day)
				return true;
		for (size_t j = 0; j < c->noff; j++)
			if (c->off[j] == day)
				return false;
		return !c->weekend[wd];
	}
	if (known)
		*known = false;
	return wd < 5;
}

static long add_months(long day, int n)
{
	int y, m, d;
	date_from_days(day, &y, &m, &d);
	int total = y * 12 + (m - 1) + n;
	y = total / 12;
	m = total % 12 + 1;
	int dim = date_days_in_month(y, m);
	return date_to_days(y, m, d > dim ? dim : d);
}

long dl_add(const struct dl_calendars *cals, long day, int n, enum dl_unit unit, bool *known,
            bool *partial)
{
	switch (unit) {
	case DL_CALENDAR_DAYS:
		return day + n;
	case DL_MONTHS:
		return add_months(day, n);
	case DL_WORKING_DAYS:
		while (n > 0) {
			day++;
			if (dl_is_working_day(cals, day, known, partial))
				n--;
		}
		return day;
	default:
		return -1;
	}
}

static const char *const step_names[] = {"acknowledged", "extended", "forwarded",
                                         "answered",     "refused",  "no-reply"};

int dl_step_kind_parse(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(step_names); i++)
		if (!strcmp(s, step_names[i]))
			return (int)i;
	return -1;
}

const char *dl_step_kind_name(enum dl_step_kind k)
{
	return step_names[k];
}

const char *dl_status_name(enum dl_status s)
{
	static const char *const names[] = {"pending", "due-soon", "due-today",
	                                    "overdue", "answered", "answered-late",
	                                    "refused", "no-rule",  "calendar-unknown"};
	return names[s];
}

static void add_day(struct strbuf *out, long day)
{
	char iso[16];
	date_format_day(day, iso);
	date_format_human(iso, out);
}

static void plural_days(struct strbuf *out, long n)
{
	strbuf_addf(out, "%ld day%s", n, n == 1 ? "" : "s");
}

/* The start of the clock from a day of receipt; explains a registration lag. */
static long clock_start(const struct dl_input *in, long receipt, bool *known, bool *partial,
                        struct strbuf *why)
{
	const struct dl_rule *r = in->rule;
	if (!r->from_registration || r->lag <= 0)
		return receipt;
	long start = dl_add(in->cals, receipt, r->lag, r->lag_unit, known, partial);
	strbuf_adds(why, " (registration at the latest ");
	dl_term_text(r->lag, r->lag_unit, why);
	strbuf_adds(why, " after receipt on ");
	add_day(why, receipt);
	strbuf_adds(why, ")");
	return start;
}

void deadline_compute(const struct dl_input *in, struct dl_result *out)
{
	memset(out, 0, sizeof(*out));
	strbuf_init(&out->explanation, 160);
	struct strbuf *ex = &out->explanation;
	const struct dl_rule *r = in->rule;
	out->due = out->due_earliest = -1;
	out->start = in->received >= 0 ? in->received : in->filed;

	/* The end of the story, if there is one. */
	const struct dl_step *end = NULL;
	for (size_t i = 0; i < in->nsteps; i++)
		if (in->steps[i].kind == DL_STEP_ANSWERED || in->steps[i].kind == DL_STEP_REFUSED) {
			end = &in->steps[i];
			break;
		}

	if (!r || r->term <= 0 || r->unit == DL_UNIT_UNKNOWN) {
		out->status =
		    end ? (end->kind == DL_STEP_REFUSED ? DL_REFUSED : DL_ANSWERED) : DL_NO_RULE;
		if (r)
			strbuf_addf(ex, "no known term for %s in %s (%s; rule %s)", r->kinds,
			            r->country, r->citation, r->status);
		else
			strbuf_adds(ex,
			            "no deadline rule for this jurisdiction and kind of appeal");
		if (end) {
			strbuf_addf(ex, "; %s on ", dl_step_kind_name(end->kind));
			add_day(ex, end->date);
		}
		return;
	}

	bool known = true, partial = false;
	long receipt = out->start;
	const char *receipt_note =
	    in->received >= 0 ? NULL : "counted from the filing date: date of receipt unknown";
	struct strbuf lagwhy = STRBUF_INIT, extwhy = STRBUF_INIT, fwd = STRBUF_INIT;
	long start = clock_start(in, receipt, &known, &partial, &lagwhy);
	long due = dl_add(in->cals, start, r->term, r->unit, &known, &partial);
	long base_due = due;

	for (size_t i = 0; i < in->nsteps; i++) {
		const struct dl_step *s = &in->steps[i];
		if (s == end)
			break;
		if (s->kind == DL_STEP_FORWARDED && s->date >= 0) {
			/* The competent body received it on the day it was forwarded,
			 * as far as we know: the clock starts again from there. */
			strbuf_reset(&fwd);
			strbuf_adds(&fwd, "forwarded");
			if (s->to)
				strbuf_addf(&fwd, " to %s", s->to);
			strbuf_adds(&fwd, " on ");
			add_day(&fwd, s->date);
			strbuf_adds(&fwd, ", the clock restarts: ");
			receipt = s->date;
			receipt_note = NULL;
			strbuf_reset(&lagwhy);
			strbuf_reset(&extwhy);
			out->extended = false;
			start = clock_start(in, receipt, &known, &partial, &lagwhy);
			due = dl_add(in->cals, start, r->term, r->unit, &known, &partial);
			base_due = due;
		} else if (s->kind == DL_STEP_EXTENDED) {
			strbuf_reset(&extwhy);
			if (r->notice == DL_YES && !s->notice) {
				strbuf_adds(&extwhy, ", not extended (an extension without notice "
				                     "to the applicant does not count)");
				continue;
			}
			if (r->ext_kind == DL_EXT_NONE) {
				strbuf_adds(&extwhy,
				            ", not extended (the rule allows no extension)");
				continue;
			}
			long cap = -1;
			if (r->ext_kind == DL_EXT_ADD)
				cap = dl_add(in->cals, due, r->ext, r->ext_unit, &known, &partial);
			else if (r->ext_kind == DL_EXT_TOTAL)
				cap =
				    dl_add(in->cals, start, r->ext, r->ext_unit, &known, &partial);
			long nd = s->until >= 0 ? s->until : cap;
			if (nd < 0) {
				strbuf_adds(&extwhy, ", extension without a new date and the "
				                     "rule's limit is unknown: not counted");
				continue;
			}
			if (cap >= 0 && nd > cap) {
				strbuf_adds(&extwhy, ", extended at most to ");
				add_day(&extwhy, cap);
				strbuf_adds(&extwhy, " (the notice said ");
				add_day(&extwhy, nd);
				strbuf_adds(&extwhy, ", beyond the longest extension)");
				nd = cap;
			} else {
				strbuf_adds(&extwhy,
				            s->until >= 0 ? ", extended" : ", extended at most");
				strbuf_adds(&extwhy,
				            s->notice ? " with notice" : " without notice");
				strbuf_adds(&extwhy, " to ");
				add_day(&extwhy, nd);
				if (cap < 0)
					strbuf_adds(&extwhy,
					            " (the rule's longest extension is unknown)");
			}
			if (nd > due) {
				due = nd;
				out->extended = true;
			}
		}
	}

	out->start = start;
	out->calendar_partial = partial;
	strbuf_add(ex, fwd.buf, fwd.len);
	dl_term_text(r->term, r->unit, ex);
	strbuf_adds(ex, " from ");
	add_day(ex, start);
	strbuf_addf(ex, " under %s", r->cite);
	strbuf_add(ex, lagwhy.buf, lagwhy.len);
	if (!known) {
		int y, m, d;
		date_from_days(due, &y, &m, &d);
		out->status = DL_CALENDAR_UNKNOWN;
		out->due_earliest = due;
		strbuf_addf(
		    ex, ": calendar unknown for %s %d (no data/calendars file); at the earliest ",
		    r->country, y);
		add_day(ex, due);
		strbuf_adds(ex, " counting weekends only");
	} else {
		out->due = out->due_earliest = due;
		strbuf_adds(ex, ": due ");
		add_day(ex, base_due);
		strbuf_add(ex, extwhy.buf, extwhy.len);
		strbuf_adds(ex, "; ");
		if (end) {
			strbuf_addf(ex, "%s on ",
			            end->kind == DL_STEP_REFUSED ? "refused" : "answered");
			add_day(ex, end->date);
			if (end->kind == DL_STEP_REFUSED) {
				out->status = DL_REFUSED;
			} else if (end->date > due) {
				out->status = DL_ANSWERED_LATE;
				out->days_overdue = end->date - due;
				strbuf_adds(ex, " — ");
				plural_days(ex, out->days_overdue);
				strbuf_adds(ex, " late");
			} else {
				out->status = DL_ANSWERED;
				strbuf_adds(ex, ", in time");
			}
		} else if (in->today > due) {
			out->status = DL_OVERDUE;
			out->days_overdue = in->today - due;
			strbuf_adds(ex, "no reply — ");
			plural_days(ex, out->days_overdue);
			strbuf_adds(ex, " overdue");
			if (r->silence == DL_YES)
				strbuf_adds(ex, "; silence counts as refusal");
		} else if (in->today == due) {
			out->status = DL_DUE_TODAY;
			strbuf_adds(ex, "no reply yet — due today");
		} else {
			out->days_left = due - in->today;
			out->status = out->days_left <= in->soon_days ? DL_DUE_SOON : DL_PENDING;
			strbuf_adds(ex, "no reply yet — ");
			plural_days(ex, out->days_left);
			strbuf_adds(ex, " left");
		}
	}
	if (receipt_note)
		strbuf_addf(ex, " (%s)", receipt_note);
	if (partial)
		strbuf_addf(ex, " (calendar partial: see data/calendars)");
	if (!dl_rule_verified(r))
		strbuf_addf(ex, " [rule %s: check %s]", r->status, r->citation);
	strbuf_release(&lagwhy);
	strbuf_release(&extwhy);
	strbuf_release(&fwd);
}

void dl_result_release(struct dl_result *r)
{
	strbuf_release(&r->explanation);
}
