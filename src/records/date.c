#include "records/date.h"

#include <ctype.h>

#include "util/util.h"

static const char *month_names[] = {"January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December"};

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

/* Howard Hinnant's days_from_civil. */
long date_to_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int date_weekday(long days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	long w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

void date_format_day(long days, char out[16])
{
	int y, m, d;
	date_from_days(days, &y, &m, &d);
	snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	         (unsigned)d % 100u);
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Parses one point: YYYY, YYYY-MM, YYYY-MM-DD[THH:MM[:SS]]; sets from/to. */
static int parse_point(const char *s, size_t len, struct date_value *v, bool is_end)
{
	int y = -1, m = 0, d = 0;
	enum date_precision p;
	if (len >= 4)
		y = digits(s, 4);
	if (y < 1000)
		return -1;
	if (len == 4) {
		p = DATE_YEAR;
	} else if (len == 7 && s[4] == '-') {
		m = digits(s + 5, 2);
		p = DATE_MONTH;
	} else if (len >= 10 && s[4] == '-' && s[7] == '-') {
		m = digits(s + 5, 2);
		d = digits(s + 8, 2);
		p = DATE_DAY;
		if (len > 10) {
			if (is_end || s[10] != 'T' || (len != 16 && len != 19))
				return -1;
			int hh = digits(s + 11, 2), mm = digits(s + 14, 2), ss = 0;
			if (s[13] != ':' || hh < 0 || hh > 23 || mm < 0 || mm > 59)
				return -1;
			if (len == 19 && (s[16] != ':' || (ss = digits(s + 17, 2)) < 0 || ss > 59))
				return -1;
			memcpy(v->time, s + 11, len - 11);
			v->time[len - 11] = '\0';
		}
	} else {
		return -1;
	}
	if (p >= DATE_MONTH && (m < 1 || m > 12))
		return -1;
	if (p == DATE_DAY && (d < 1 || d > date_days_in_month(y, m)))
		return -1;
	int fm = p >= DATE_MONTH ? m : 1, fd = p == DATE_DAY ? d : 1;
	int tm = p >= DATE_MONTH ? m : 12;
	int td = p == DATE_DAY ? d : date_days_in_month(y, tm);
	if (!is_end) {
		v->precision = p;
		date_format_day(date_to_days(y, fm, fd), v->from);
	}
	date_format_day(date_to_days(y, tm, td), v->to);
	return 0;
}

int date_parse(const char *text, struct date_value *out)
{
	memset(out, 0, sizeof(*out));
	const char *s = text;
	if (*s == '~') {
		out->approximate = true;
		s++;
	}
	const char *slash = strchr(s, '/');
	int bad;
	if (slash) {
		out->is_range = true;
		bad = parse_point(s, (size_t)(slash - s), out, false);
		if (!bad) {
			char from[16];
			memcpy(from, out->from, sizeof(from));
			bad = parse_point(slash + 1, strlen(slash + 1), out, true);
			if (!bad && strcmp(from, out->to) > 0)
				return error_set(VG_EINVALID,
				                 "date range '%s' ends before it starts", text);
		}
	} else {
		bad = parse_point(s, strlen(s), out, false);
	}
	if (bad)
		return error_set(VG_EINVALID,
		                 "'%s' is not a date Vigil understands; write 2024-05-25, "
		                 "2024-05, 2024, ~2024-05-25 (approximate) or "
		                 "2024-05-26/2024-05-29 (a range)",
		                 text);
	return 0;
}

int date_parse_day(const char *text, long *days)
{
	struct date_value v;
	if (strlen(text) != 10 || date_parse(text, &v) || v.precision != DATE_DAY)
		return error_set(VG_EINVALID, "'%s' is not a day; write YYYY-MM-DD", text);
	*days = date_to_days(atoi(text), atoi(text + 5), atoi(text + 8));
	return 0;
}

static void human_point(const char *iso, enum date_precision p, bool with_year, struct strbuf *out)
{
	int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
	if (p == DATE_YEAR)
		strbuf_addf(out, "%d", y);
	else if (p == DATE_MONTH)
		strbuf_addf(out, with_year ? "%s %d" : "%s", month_names[m - 1], y);
	else
		strbuf_addf(out, with_year ? "%d %s %d" : "%d %s", d, month_names[m - 1], y);
}

static enum date_precision precision_of(const char *s)
{
	size_t n = strcspn(s, "/T");
	return n == 4 ? DATE_YEAR : n == 7 ? DATE_MONTH : DATE_DAY;
}

void date_format_human(const char *text, struct strbuf *out)
{
	struct date_value v;
	if (!text || !*text || date_parse(text, &v)) {
		strbuf_adds(out, text ? text : "");
		return;
	}
	if (v.approximate)
		strbuf_adds(out, "about ");
	if (!v.is_range) {
		human_point(v.from, v.precision, true, out);
		if (v.time[0])
			strbuf_addf(out, " %s", v.time);
		return;
	}
	const char *end_text = strchr(text, '/') + 1;
	enum date_precision ep = precision_of(end_text);
	if (v.precision == DATE_DAY && ep == DATE_DAY && !strncmp(v.from, v.to, 7)) {
		strbuf_addf(out, "%d\u2013", atoi(v.from + 8));
		human_point(v.to, ep, true, out);
		return;
	}
	human_point(v.from, v.precision, true, out);
	strbuf_adds(out, " \u2013 ");
	human_point(v.to, ep, true, out);
}
