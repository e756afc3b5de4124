/* import.c - see import.h. */
#include "ingest/import.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "evidence/evidence.h"
#include "records/records.h"
#include "records/search.h"
#include "util/util.h"
#include "util/writeback.h"

int import_prepare(struct import_ctx *ic, struct vault *v, const char *path,
                   const char *default_name, const char *case_id)
{
	memset(ic, 0, sizeof(*ic));
	ic->fd = -1;
	ic->v = v;
	ic->case_id = case_id;
	ic->by_type = json_object();
	struct stat stt;
	if (stat(path, &stt) != 0)
		return error_set(VG_ENOTFOUND, "%s: %s; give the export file or its folder", path,
		                 strerror(errno));
	struct strbuf sb = STRBUF_INIT;
	if (S_ISDIR(stt.st_mode)) {
		strbuf_addf(&sb, "%s/%s", path, default_name);
		ic->dir = xstrdup(path);
	} else {
		strbuf_adds(&sb, path);
		const char *slash = strrchr(path, '/');
		ic->dir =
		    slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
	}
	ic->path = strbuf_detach(&sb, NULL);
	ic->fd = open(ic->path, O_RDONLY | O_CLOEXEC);
	if (ic->fd < 0)
		return error_set(VG_ENOTFOUND, "%s: %s; give the export file or its folder",
		                 ic->path, strerror(errno));
	if (fstat(ic->fd, &stt) != 0 || !S_ISREG(stt.st_mode))
		return error_set(VG_EIO, "%s: not a regular file", ic->path);
	ic->size = (uint64_t)stt.st_size;
	ic->started = now_seconds();
	return 0;
}

int import_begin(struct import_ctx *ic, struct vault *v, const char *source)
{
	ic->v = v;
	ic->source = source;
	if (ic->case_id && !records_exists(v, records_kind("case"), ic->case_id))
		return error_set(VG_ENOTFOUND, "no case '%s'; see 'vigil case list'", ic->case_id);
	/* an index behind the vault (made by an older Vigil, or left by a crash)
	 * catches up first, with a bar of its own, before this import's own */
	struct progress_lazy bar = {.label = "indexing earlier messages for search",
	                            .item_name = "messages"};
	int rc = search_sync(v, progress_lazy_update, &bar);
	progress_lazy_finish(&bar);
	if (!rc)
		rc = msgstore_open(v, &ic->ms);
	if (!rc)
		rc = msgstore_import_begin(ic->ms, source, ic->path, ic->case_id, &ic->import_id);
	if (!rc) {
		struct strbuf db = STRBUF_INIT, search = STRBUF_INIT;
		strbuf_addf(&db, "%s/%s", v->path, VAULT_DB_NAME);
		strbuf_addf(&search, "%s/%s", v->path, SEARCH_DB_NAME);
		const char *paths[] = {db.buf, search.buf};
		ic->writeback = writeback_start(paths, ARRAY_SIZE(paths));
		strbuf_release(&db);
		strbuf_release(&search);
	}
	return rc;
}

void import_count(struct import_ctx *ic, const char *type, enum msg_added added)
{
	ic->seen++;
	if (added == MSG_NEW)
		ic->added++;
	else if (added == MSG_NEW_VERSION)
		ic->versions++;
	else
		ic->duplicates++;
	json_t *n = json_object_get(ic->by_type, type);
	if (n)
		json_integer_set(n, json_integer_value(n) + 1);
	else
		json_object_set_new(ic->by_type, type, json_integer(1));
}

static int hash_file(int fd, char hex[65], int64_t *size)
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char buf[65536];
	int64_t total = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		crypto_hash_sha256_update(&st, buf, (size_t)n);
		total += n;
	}
	unsigned char d[32];
	crypto_hash_sha256_final(&st, d);
	sodium_bin2hex(hex, 65, d, 32);
	*size = total;
	return 0;
}

static bool path_escapes(const char *p)
{
	if (p[0] == '/')
		return true;
	for (const char *s = p; *s;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return true;
		s += n + (e ? 1 : 0);
	}
	return false;
}

int import_media(struct import_ctx *ic, int64_t mid, const char *role, const char *ref)
{
	if (ref[0] == '(' || !ref[0]) {
		ic->media_missing++;
		return msgstore_media(ic->ms, mid, role, ref, "missing",
		                      ref[0] ? ref : "no file name in the export", NULL, -1, NULL);
	}
	if (path_escapes(ref)) {
		ic->media_refused++;
		return msgstore_media(ic->ms, mid, role, ref, "refused",
		                      "the path leads out of the export folder", NULL, -1, NULL);
	}
	if (strcmp(ref, ic->last_media) != 0) {
		struct strbuf full = STRBUF_INIT;
		strbuf_addf(&full, "%s/%s", ic->dir, ref);
		int fd = open(full.buf, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		struct stat stt;
		ic->last_sha[0] = 0;
		free(ic->last_evidence);
		ic->last_evidence = NULL;
		if (fd >= 0 && fstat(fd, &stt) == 0 && S_ISREG(stt.st_mode) &&
		    hash_file(fd, ic->last_sha, &ic->last_size) != 0)
			ic->last_sha[0] = 0;
		if (fd >= 0)
			close(fd);
		int rc = 0;
		if (ic->last_sha[0]) {
			/* the file itself goes into the evidence store */
			struct strbuf desc = STRBUF_INIT;
			strbuf_addf(&desc, "%s media %s from the export %s", ic->source, ref,
			            ic->path);
			struct evidence_meta meta = {0};
			meta.case_id = ic->case_id;
			meta.description = desc.buf;
			meta.source = ic->path;
			rc = evidence_add_file(ic->v, full.buf, &meta, &ic->last_evidence, NULL);
			strbuf_release(&desc);
		}
		strbuf_release(&full);
		if (rc)
			return rc;
		snprintf(ic->last_media, sizeof(ic->last_media), "%s", ref);
	}
	if (!ic->last_sha[0]) {
		ic->media_missing++;
		return msgstore_media(ic->ms, mid, role, ref, "missing",
		                      "not found in the export folder", NULL, -1, NULL);
	}
	ic->media_present++;
	return msgstore_media(ic->ms, mid, role, ref, "stored", NULL, ic->last_sha, ic->last_size,
	                      ic->last_evidence);
}

int import_seal_start(struct import_ctx *ic)
{
	return evidence_sealer_start(ic->v, NULL, &ic->sealer);
}

void import_seal_chunk(void *arg, const unsigned char *data, size_t len)
{
	struct import_ctx *ic = arg;
	evidence_sealer_write(ic->sealer, data, len);
}

int import_finish(struct import_ctx *ic, const unsigned char *sha, json_t *extra)
{
	/* the export file itself, as evidence: original bytes, hash, custody event */
	struct strbuf desc = STRBUF_INIT;
	strbuf_addf(&desc, "%s chat export", ic->source);
	struct evidence_meta meta = {0};
	meta.case_id = ic->case_id;
	meta.description = desc.buf;
	meta.source = ic->path;
	const char *slash = strrchr(ic->path, '/');
	meta.original_name = slash && slash[1] ? slash + 1 : ic->path;
	char *ev = NULL;
	unsigned char sha256[32];
	int rc;
	if (ic->sealer) {
		uint64_t bytes = 0;
		struct stat stt;
		rc = evidence_sealer_finish(ic->v, ic->sealer, &meta, sha256, &bytes, &ev, NULL);
		ic->sealer = NULL;
		/* the messages point into these bytes: they must be the file's */
		if (!rc && (bytes != ic->size || fstat(ic->fd, &stt) != 0 ||
		            (uint64_t)stt.st_size != ic->size))
			rc = error_set(VG_EIO,
			               "%s changed while it was read (%" PRIu64
			               " bytes, then %" PRIu64
			               "); import it again once nothing writes to it",
			               ic->path, ic->size, bytes);
	} else {
		rc = evidence_add_file(ic->v, ic->path, &meta, &ev, NULL);
		memcpy(sha256, sha, sizeof(sha256));
	}
	strbuf_release(&desc);
	if (rc) {
		free(ev);
		json_decref(extra);
		return rc;
	}
	char hex[65];
	sodium_bin2hex(hex, sizeof(hex), sha256, 32);
	json_t *s = json_pack(
	    "{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:O, s:{s:I, s:I, s:I}}", "source",
	    ic->source, "file", ic->path, "sha256", hex, "bytes", (json_int_t)ic->size, "chats",
	    (json_int_t)ic->chats, "messages", (json_int_t)ic->seen, "added", (json_int_t)ic->added,
	    "new_versions", (json_int_t)ic->versions, "duplicates_skipped",
	    (json_int_t)ic->duplicates, "by_type", ic->by_type, "media", "stored",
	    (json_int_t)ic->media_present, "missing", (json_int_t)ic->media_missing, "refused",
	    (json_int_t)ic->media_refused);
	if (extra) {
		json_object_update(s, extra);
		json_decref(extra);
	}
	if (ic->case_id)
		json_object_set_new(s, "case", json_string(ic->case_id));
	json_object_set_new(s, "evidence", json_string(ev));
	rc = msgstore_import_finish(ic->ms, ic->import_id, hex, ic->size, ev, s);
	free(ev);
	writeback_stop(ic->writeback);
	ic->writeback = NULL;
	json_object_set_new(s, "seconds", json_real(now_seconds() - ic->started));
	ic->summary = s;
	return rc;
}

void import_release(struct import_ctx *ic)
{
	writeback_stop(ic->writeback);
	if (ic->fd >= 0)
		close(ic->fd);
	evidence_sealer_abort(ic->sealer);
	msgstore_close(ic->ms);
	json_decref(ic->by_type);
	json_decref(ic->summary);
	free(ic->path);
	free(ic->dir);
	free(ic->last_evidence);
}

struct src_want {
	const char *evidence;
	uint64_t offset, length;
	json_t *msg;
};

static int src_cmp(const void *a, const void *b)
{
	const struct src_want *x = a, *y = b;
	int c = strcmp(x->evidence, y->evidence);
	if (c)
		return c;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

struct src_read {
	const char *evidence;
	struct src_want *w;
	struct strbuf buf; /* the bytes of the range being read */
};

/* Parses range i once all its bytes are in, so that only one is held. */
static int src_sink(void *arg, size_t i, const unsigned char *m, size_t len)
{
	struct src_read *r = arg;
	strbuf_add(&r->buf, m, len);
	if (r->buf.len < r->w[i].length)
		return 0;
	struct jsonstream js;
	js_init_mem(&js, r->buf.buf, r->buf.len, r->evidence);
	enum js_tok t;
	json_t *val = NULL;
	int rc = js_next(&js, &t);
	if (!rc)
		rc = js_read_json(&js, t, &val);
	if (!rc && (js_next(&js, &t) || t != JS_END))
		rc = -1;
	js_release(&js);
	strbuf_reset(&r->buf);
	if (rc) {
		json_decref(val);
		return error_set(VG_EVERIFY,
		                 "evidence %s: the bytes at %" PRIu64 " (%" PRIu64
		                 " long) are not the message recorded there",
		                 r->evidence, r->w[i].offset, r->w[i].length);
	}
	json_object_set_new(r->w[i].msg, "source", val);
	return 0;
}

/* Reads the ranges of one export (w[0..n) share the evidence id). */
static int read_group(struct vault *v, struct src_want *w, size_t n)
{
	struct evidence_range *ranges = xmalloc(n * sizeof(*ranges));
	for (size_t i = 0; i < n; i++) {
		ranges[i].offset = w[i].offset;
		ranges[i].length = w[i].length;
	}
	struct src_read r = {w[0].evidence, w, STRBUF_INIT};
	int rc = evidence_read_ranges(v, w[0].evidence, ranges, n, src_sink, &r);
	strbuf_release(&r.buf);
	free(ranges);
	return rc;
}

int import_read_sources(struct vault *v, json_t *list)
{
	size_t n = 0, cap = 0;
	struct src_want *w = NULL;
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m)
	{
		json_t *at = json_object_get(m, "source_bytes");
		const char *ev = json_string_value(json_object_get(m, "evidence"));
		if (!at)
			continue;
		if (!ev) {
			free(w);
			return error_set(VG_EINTERNAL,
			                 "message %" JSON_INTEGER_FORMAT
			                 " has a place in its export but no export",
			                 json_integer_value(json_object_get(m, "mid")));
		}
		xgrow((void **)&w, &cap, n + 1, sizeof(*w));
		w[n].evidence = ev;
		w[n].offset = (uint64_t)json_integer_value(json_object_get(at, "offset"));
		w[n].length = (uint64_t)json_integer_value(json_object_get(at, "length"));
		w[n].msg = m;
		n++;
	}
	if (n)
		qsort(w, n, sizeof(*w), src_cmp);
	int rc = 0;
	for (size_t a = 0; a < n && !rc;) {
		size_t b = a + 1;
		while (b < n && !strcmp(w[b].evidence, w[a].evidence))
			b++;
		rc = read_group(v, w + a, b - a);
		a = b;
	}
	free(w);
	return rc;
}
