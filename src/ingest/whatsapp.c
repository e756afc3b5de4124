/* whatsapp.c - see whatsapp.h. */
#include "ingest/whatsapp.h"

#include <inttypes.h>
#include <sodium.h>

#include "ingest/telegram.h"
#include "util/util.h"

struct header {
	int a, b, y, h, mi, s;
	const char *rest; /* after " - " or "] " */
	bool ios;
	bool ymd; /* year, month (a), day (b) */
};

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *num(const char *p, const char *end, int maxd, int *out)
{
	int v = 0, n = 0;
	while (p < end && digit(*p) && n < maxd) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (!n)
		return NULL;
	*out = v;
	return p;
}

/* Skips spaces, no-break spaces (U+00A0) and narrow no-break spaces (U+202F). */
static const char *spaces(const char *p, const char *end)
{
	for (;;) {
		if (p < end && *p == ' ')
			p++;
		else if (end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
			p += 2;
		else if (end - p >= 3 && (unsigned char)p[0] == 0xE2 &&
		         (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xAF)
			p += 3;
		else
			return p;
	}
}

/* Recognises a message header at the start of a line [p, end). */
static bool parse_header(const char *p, const char *end, struct header *h)
{
	memset(h, 0, sizeof(*h));
	if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] == 0x8E)
		p += 3; /* U+200E left-to-right mark */
	if (p < end && *p == '[') {
		h->ios = true;
		p++;
	}
	const char *first = p;
	if (!(p = num(p, end, 4, &h->a)) || p >= end || (*p != '/' && *p != '.' && *p != '-'))
		return false;
	if (p - first == 4) {
		/* year first, as some locales write it: 2023-12-31, 2023.12.31 or
		 * "2023. 12. 31." - then month, day */
		h->ymd = true;
		h->y = h->a;
		p = spaces(p + 1, end);
		if (!(p = num(p, end, 2, &h->a)) || p >= end ||
		    (*p != '/' && *p != '.' && *p != '-'))
			return false;
		p = spaces(p + 1, end);
		if (!(p = num(p, end, 2, &h->b)))
			return false;
		if (p < end && *p == '.')
			p++;
	} else {
		if (p - first > 2)
			return false;
		if (!(p = num(p + 1, end, 2, &h->b)) || p >= end ||
		    (*p != '/' && *p != '.' && *p != '-'))
			return false;
		const char *ys = p + 1;
		if (!(p = num(ys, end, 4, &h->y)) || (p - ys != 2 && p - ys != 4))
			return false;
		if (p - ys == 2)
			h->y += 2000;
	}
	if (p < end && *p == ',')
		p++;
	p = spaces(p, end);
	if (!(p = num(p, end, 2, &h->h)) || p >= end || *p != ':')
		return false;
	if (!(p = num(p + 1, end, 2, &h->mi)))
		return false;
	if (p < end && *p == ':' && !(p = num(p + 1, end, 2, &h->s)))
		return false;
	const char *ap = spaces(p, end);
	if (end - ap >= 2 && (ap[0] == 'A' || ap[0] == 'a' || ap[0] == 'P' || ap[0] == 'p')) {
		bool pm = ap[0] == 'P' || ap[0] == 'p';
		const char *q = ap + 1;
		if (q < end && *q == '.')
			q++;
		if (q < end && (*q == 'M' || *q == 'm')) {
			q++;
			if (q < end && *q == '.')
				q++;
			if (h->h < 1 || h->h > 12)
				return false;
			h->h = h->h % 12 + (pm ? 12 : 0);
			p = q;
		}
	}
	if (h->h > 23 || h->mi > 59 || h->s > 59 || h->a < 1 || h->b < 1 || h->a > 31 || h->b > 31)
		return false;
	if (h->ios) {
		if (p >= end || *p != ']')
			return false;
		p++;
		if (p < end && *p == ' ')
			p++;
	} else {
		if (end - p < 3 || memcmp(p, " - ", 3) != 0)
			return false;
		p += 3;
	}
	h->rest = p;
	return true;
}

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl : end;
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !memcmp(s + n - k, suf, k);
}

struct pending {
	bool have;
	struct header h;
	uint64_t line, offset;
	struct strbuf sender, text;
};

static int emit(struct pending *pm, bool day_first, const struct wa_callbacks *cb,
                struct wa_stats *st, const char *name)
{
	if (!pm->have)
		return 0;
	struct wa_message m = {0};
	m.line = pm->line;
	m.offset = pm->offset;
	int day = day_first ? pm->h.a : pm->h.b, mon = day_first ? pm->h.b : pm->h.a;
	if (mon > 12)
		return error_set(VG_EFORMAT,
		                 "%s: line %" PRIu64 ": no month %d (the file's dates are %s)",
		                 name, pm->line, mon, day_first ? "day/month" : "month/day");
	snprintf(m.date_local, sizeof(m.date_local), "%04d-%02d-%02dT%02d:%02d:%02d",
	         pm->h.y % 10000, mon, day, pm->h.h, pm->h.mi, pm->h.s);
	m.date = tg_parse_local_date(m.date_local);
	if (m.date < 0)
		return error_set(VG_EFORMAT, "%s: line %" PRIu64 ": a date that does not exist",
		                 name, pm->line);
	m.sender = pm->sender.len ? pm->sender.buf : NULL;
	/* strip the marks WhatsApp writes around attachments */
	struct strbuf *t = &pm->text;
	strbuf_rtrim(t);
	while (t->len >= 3 && (unsigned char)t->buf[0] == 0xE2 &&
	       (unsigned char)t->buf[1] == 0x80 && (unsigned char)t->buf[2] == 0x8E) {
		memmove(t->buf, t->buf + 3, t->len - 3);
		strbuf_setlen(t, t->len - 3);
	}
	if (ends_with(t->buf, t->len, "<This message was edited>")) {
		m.edited = true;
		strbuf_setlen(t, t->len - strlen("<This message was edited>"));
		strbuf_rtrim(t);
	}
	static const char *const omitted[] = {
	    "<Media omitted>", "image omitted",    "video omitted", "audio omitted",
	    "sticker omitted", "document omitted", "GIF omitted",   "Contact card omitted"};
	for (size_t i = 0; i < ARRAY_SIZE(omitted); i++)
		if (!strcmp(t->buf, omitted[i]))
			m.media_omitted = true;
	char *att = NULL;
	const char *a = strstr(t->buf, "<attached: ");
	if (a) {
		const char *e = strchr(a, '>');
		if (e) {
			att = xstrndup(a + 11, (size_t)(e - a - 11));
			size_t cut = (size_t)(a - t->buf);
			memmove(t->buf + cut, e + 1, t->len - (size_t)(e + 1 - t->buf));
			strbuf_setlen(t, t->len - (size_t)(e + 1 - a));
			strbuf_rtrim(t);
		}
	} else {
		const char *nl = strchr(t->buf, '\n');
		size_t first = nl ? (size_t)(nl - t->buf) : t->len;
		if (ends_with(t->buf, first, " (file attached)")) {
			att = xstrndup(t->buf, first - strlen(" (file attached)"));
			size_t skip = first + (nl ? 1 : 0);
			memmove(t->buf, t->buf + skip, t->len - skip);
			strbuf_setlen(t, t->len - skip);
		}
	}
	m.attachment = att;
	m.text = t->buf;
	m.text_len = t->len;
	/* the id is set by with_id() */
	st->messages++;
	if (!m.sender)
		st->system++;
	int rc = cb->message ? cb->message(cb->arg, &m) : 0;
	free(att);
	pm->have = false;
	return rc;
}

/* Occurrence counting: a small open-addressing table of (time|sender) hashes. */
struct occ {
	uint64_t *keys;
	uint32_t *counts;
	size_t cap, n;
};

static uint32_t occ_next(struct occ *o, uint64_t k)
{
	if (k == 0)
		k = 1;
	if (o->n * 2 >= o->cap) {
		struct occ b = {xcalloc(o->cap ? o->cap * 2 : 1024, 8),
		                xcalloc(o->cap ? o->cap * 2 : 1024, 4), o->cap ? o->cap * 2 : 1024,
		                0};
		for (size_t i = 0; i < o->cap; i++)
			if (o->keys[i]) {
				size_t j = o->keys[i] & (b.cap - 1);
				while (b.keys[j])
					j = (j + 1) & (b.cap - 1);
				b.keys[j] = o->keys[i];
				b.counts[j] = o->counts[i];
				b.n++;
			}
		free(o->keys);
		free(o->counts);
		*o = b;
	}
	size_t j = k & (o->cap - 1);
	while (o->keys[j] && o->keys[j] != k)
		j = (j + 1) & (o->cap - 1);
	if (!o->keys[j]) {
		o->keys[j] = k;
		o->n++;
	}
	return ++o->counts[j];
}

struct id_cb {
	const struct wa_callbacks *user;
	struct occ occ;
};

static int with_id(void *arg, const struct wa_message *m)
{
	struct id_cb *ic = arg;
	struct strbuf k = STRBUF_INIT;
	strbuf_addf(&k, "%s|%s", m->date_local, m->sender ? m->sender : "");
	unsigned char h[8];
	crypto_generichash(h, sizeof(h), (const unsigned char *)k.buf, k.len, NULL, 0);
	uint64_t key;
	memcpy(&key, h, sizeof(key));
	uint32_t n = occ_next(&ic->occ, key);
	strbuf_addf(&k, "|%" PRIu32, n);
	crypto_generichash(h, sizeof(h), (const unsigned char *)k.buf, k.len, NULL, 0);
	memcpy(&key, h, sizeof(key));
	strbuf_release(&k);
	struct wa_message copy = *m;
	copy.id = (int64_t)(key >> 2);
	return ic->user->message ? ic->user->message(ic->user->arg, &copy) : 0;
}

int whatsapp_parse(const char *data, size_t len, const char *name, const struct wa_callbacks *cb,
                   struct wa_stats *stats)
{
	const char *end = data + len;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		data += 3; /* byte-order mark */
	/* pass 1: the date order, and whether this is an export at all */
	bool a_big = false, b_big = false;
	uint64_t headers = 0, ymd = 0;
	for (const char *p = data; p < end;) {
		const char *e = line_end(p, end);
		struct header h;
		if (parse_header(p, e, &h)) {
			headers++;
			ymd += h.ymd;
			a_big |= h.a > 12;
			b_big |= h.b > 12;
		}
		p = e < end ? e + 1 : end;
	}
	if (!headers)
		return error_set(
		    VG_EFORMAT,
		    "%s: not a WhatsApp chat export: no line starts with a date and time "
		    "like '31/12/2023, 23:59 - ' or '[31/12/2023, 23:59:59] '",
		    name);
	if (a_big && b_big)
		return error_set(VG_EFORMAT,
		                 "%s: the dates mix day/month and month/day orders; is it two "
		                 "exports pasted together?",
		                 name);
	if (ymd && ymd != headers)
		return error_set(VG_EFORMAT,
		                 "%s: some dates start with the year and some do not; is it two "
		                 "exports pasted together?",
		                 name);
	if (ymd && a_big)
		return error_set(VG_EFORMAT, "%s: a date written year first has a month over 12",
		                 name);
	/* year first is always year, month, day */
	stats->day_first = !ymd && !b_big;
	stats->year_first = ymd > 0;
	struct id_cb idcb = {cb, {0}};
	struct wa_callbacks inner = {with_id, &idcb};
	struct pending pm = {false, {0}, 0, 0, STRBUF_INIT, STRBUF_INIT};
	uint64_t line = 0;
	int rc = 0;
	for (const char *p = data; p < end && !rc;) {
		const char *e = line_end(p, end);
		const char *le = e > p && e[-1] == '\r' ? e - 1 : e;
		line++;
		struct header h;
		if (parse_header(p, le, &h)) {
			rc = emit(&pm, stats->day_first, &inner, stats, name);
			if (rc)
				break;
			pm.have = true;
			pm.h = h;
			pm.line = line;
			pm.offset = (uint64_t)(p - data);
			strbuf_reset(&pm.sender);
			strbuf_reset(&pm.text);
			const char *colon = NULL;
			for (const char *q = h.rest; q + 1 < le; q++)
				if (q[0] == ':' && q[1] == ' ') {
					colon = q;
					break;
				}
			if (colon) {
				strbuf_add(&pm.sender, h.rest, (size_t)(colon - h.rest));
				strbuf_add(&pm.text, colon + 2, (size_t)(le - colon - 2));
			} else if (h.ios && le > h.rest && le[-1] == ':') {
				strbuf_add(&pm.sender, h.rest, (size_t)(le - 1 - h.rest));
			} else {
				strbuf_add(&pm.text, h.rest, (size_t)(le - h.rest));
			}
		} else if (pm.have) {
			strbuf_addch(&pm.text, '\n');
			strbuf_add(&pm.text, p, (size_t)(le - p));
		} else if (le > p) {
			rc = error_set(VG_EFORMAT,
			               "%s: line %" PRIu64 ": text before the first message; not a "
			               "WhatsApp chat export",
			               name, line);
		}
		p = e < end ? e + 1 : end;
	}
	if (!rc)
		rc = emit(&pm, stats->day_first, &inner, stats, name);
	stats->lines = line;
	strbuf_release(&pm.sender);
	strbuf_release(&pm.text);
	free(idcb.occ.keys);
	free(idcb.occ.counts);
	return rc;
}
