/*
 * deadlines.h - when an authority must answer a complaint, and whether it did.
 *
 * Rules are data (data/deadlines/<country>.tsv, one line per kind of appeal) and
 * calendars are data (data/calendars/<country>-<year>.tsv: weekends, public
 * holidays, their source). deadline_compute() is pure arithmetic over a rule,
 * a calendar set, the complaint's dates and its steps (acknowledged, extended,
 * forwarded, answered, refused, no reply); it never reads files or the clock,
 * so tests pin every case. The loaders at the end read the data folder.
 *
 * Dates are days since 1970-01-01 (date.h); -1 means unknown. Structs are
 * plain values owned by the caller; nothing here keeps state, so every
 * function is thread-safe.
 */
#ifndef VIGIL_DEADLINES_H
#define VIGIL_DEADLINES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

enum dl_unit { DL_UNIT_UNKNOWN, DL_CALENDAR_DAYS, DL_WORKING_DAYS, DL_MONTHS };
enum dl_tri { DL_UNKNOWN = -1, DL_NO = 0, DL_YES = 1 };
enum dl_ext_kind {
	DL_EXT_UNKNOWN, /* the source does not say */
	DL_EXT_NONE,
	DL_EXT_ADD,   /* at most `ext` more after the due date */
	DL_EXT_TOTAL, /* at most `ext` from the start of the clock */
};

struct dl_rule {
	char country[48];  /* "Uzbekistan" */
	char kinds[96];    /* "complaint,application" */
	int term;          /* 0 when unknown */
	enum dl_unit unit; /* DL_UNIT_UNKNOWN when the term is unknown */
	bool from_registration;
	int lag; /* the longest registration lag, 0 when none */
	enum dl_unit lag_unit;
	enum dl_ext_kind ext_kind;
	int ext;
	enum dl_unit ext_unit;
	enum dl_tri notice;  /* an extension must be notified */
	enum dl_tri silence; /* silence counts as refusal */
	char citation[192];
	char cite[96]; /* "art. 28 of Law ZRU-445" */
	char checked[16];
	char status[16]; /* read | partly-read | unverified | unknown */
	char note[256];
};

/* Parses one rule line (the TAB-separated columns of data/deadlines/COUNTRY.tsv). */
int dl_rule_parse(const char *country, const char *line, struct dl_rule *out);
/* The rule is what the law says, read from the law itself. */
bool dl_rule_verified(const struct dl_rule *r);
/* "15 days", "14 working days", "1 month". */
void dl_term_text(int n, enum dl_unit u, struct strbuf *out);

/* One year of one country's calendar. */
#define DL_MAX_DAYS 64
struct dl_calendar {
	char country[48];
	int year;
	bool weekend[7];       /* by date_weekday(): 0 Monday .. 6 Sunday */
	bool partial;          /* the file says it lacks something (e.g. transfers) */
	long off[DL_MAX_DAYS]; /* holidays and rest days */
	size_t noff;
	long work[DL_MAX_DAYS]; /* weekend days made working days */
	size_t nwork;
};

/* Parses a calendar file's text (see data/calendars/README in the files). */
int dl_calendar_parse(const char *country, int year, const char *text, struct dl_calendar *out);

struct dl_calendars {
	const struct dl_calendar *cal;
	size_t n;
};

/* Is day a working day? Sets *known false (and answers by weekends alone)
 * when no calendar covers that year; *partial when the calendar is partial. */
bool dl_is_working_day(const struct dl_calendars *cals, long day, bool *known, bool *partial);

/* Adds n units to day; working days count the days after `day`. */
long dl_add(const struct dl_calendars *cals, long day, int n, enum dl_unit unit, bool *known,
            bool *partial);

enum dl_step_kind {
	DL_STEP_ACKNOWLEDGED,
	DL_STEP_EXTENDED,
	DL_STEP_FORWARDED,
	DL_STEP_ANSWERED,
	DL_STEP_REFUSED,
	DL_STEP_NO_REPLY,
};
/* "acknowledged", ... as the CLI and the database spell them; -1 if none. */
int dl_step_kind_parse(const char *s);
const char *dl_step_kind_name(enum dl_step_kind k);

struct dl_step {
	enum dl_step_kind kind;
	long date;      /* -1 unknown */
	long until;     /* extended: the new due date the notice gave, or -1 */
	bool notice;    /* extended: the applicant was told */
	const char *to; /* forwarded: to whom (name for the text), may be NULL */
};

enum dl_status {
	DL_PENDING,
	DL_DUE_SOON,
	DL_DUE_TODAY,
	DL_OVERDUE,
	DL_ANSWERED,
	DL_ANSWERED_LATE,
	DL_REFUSED,
	DL_NO_RULE,          /* no rule or its term is unknown */
	DL_CALENDAR_UNKNOWN, /* working days in a year without a calendar */
};
const char *dl_status_name(enum dl_status s);

struct dl_input {
	const struct dl_rule *rule; /* NULL: no rule for the jurisdiction/kind */
	const struct dl_calendars *cals;
	long filed;                  /* required */
	long received;               /* -1 unknown */
	const struct dl_step *steps; /* in date order */
	size_t nsteps;
	long today;
	int soon_days; /* "due soon" window, e.g. 7 */
};

struct dl_result {
	enum dl_status status;
	long start;        /* the day the clock started */
	long due;          /* -1 when unknown */
	long due_earliest; /* weekends-only count when the calendar is unknown, else = due */
	long days_overdue; /* > 0 when overdue (or answered late: days late) */
	long days_left;    /* >= 0 when pending */
	bool extended;
	bool calendar_partial;
	struct strbuf explanation; /* one line; strbuf_release() it */
};

/* Computes due date, status and the one-line explanation. */
void deadline_compute(const struct dl_input *in, struct dl_result *out);
void dl_result_release(struct dl_result *r);

/* Loaders (read the data folder). The jurisdiction is matched case-insensitively
 * by file name: "Uzbekistan" -> data/deadlines/uzbekistan.tsv. The kind is an
 * intervention-types code; "application" and the like fall back to the
 * "complaint" line when the file has none of their own. Returns 1 when found,
 * 0 when there is no rule, negative on a broken file. */
int dl_rule_load(const char *jurisdiction, const char *kind, struct dl_rule *out);
/* Loads the calendars of a country for years from..to (missing years are
 * simply absent); out->cal is malloc'd, free it. */
int dl_calendars_load(const char *country, int from, int to, struct dl_calendars *out);

#endif
