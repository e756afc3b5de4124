/*
 * date.h - dates as human rights documentation records them (HURIDOCS "types
 * of dates"): exact ("2024-05-25", optionally with a time "2024-05-25T14:03"),
 * a month ("2024-05"), a year ("2024"), approximate ("~2024-05-25"), or a
 * range of any of these ("2024-05-26/2024-05-29"). The text is what is stored;
 * date_parse() checks it and gives the first and last day it can mean, for
 * sorting and for deadline arithmetic. Pure functions, thread-safe.
 */
#ifndef VIGIL_DATE_H
#define VIGIL_DATE_H

#include <stdbool.h>

#include "util/strbuf.h"

enum date_precision { DATE_YEAR, DATE_MONTH, DATE_DAY };

struct date_value {
	bool approximate;
	bool is_range;
	enum date_precision precision; /* of the start */
	char from[16];                 /* YYYY-MM-DD, the earliest day meant */
	char to[16];                   /* YYYY-MM-DD, the latest day meant */
	char time[9];                  /* HH:MM or HH:MM:SS when given, else "" */
};

/* Parses text; on failure sets a message naming the text and the expected forms. */
int date_parse(const char *text, struct date_value *out);
/* "25 May 2024", "May 2024", "about 25 May 2024", "26–29 May 2024". */
void date_format_human(const char *text, struct strbuf *out);
bool date_is_leap(int year);
int date_days_in_month(int year, int month);
/* Days since 1970-01-01 for a civil date, and back. */
long date_to_days(int y, int m, int d);
void date_from_days(long days, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday */
int date_weekday(long days);
/* Parses exactly YYYY-MM-DD. */
int date_parse_day(const char *text, long *days);
void date_format_day(long days, char out[16]);

#endif
