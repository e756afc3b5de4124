/*
 * evidence.c - the encrypted evidence store (see evidence.h).
 */
#include "evidence/evidence.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <magic.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "records/evidence_store.h"
#include "records/records.h"
#include "util/fileio.h"
#include "util/util.h"
#include "vault/vault.h"

#define CIPHER_CHUNK (EVIDENCE_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES)
#define HEADER_LEN   (EVIDENCE_MAGIC_LEN + crypto_secretstream_xchacha20poly1305_HEADERBYTES)

/* ---- files written inside a transaction that a rollback must remove ---- */

/* The vault's change ended (vault_follow): when it was not saved, the files
 * it stored are taken away again, so that nothing is left that no record
 * names (space lost exactly when a disk is full). Each file is kept with
 * the vault whose change stored it: a process may have two vaults open. */
static struct {
	struct pending_file {
		const struct vault *v;
		char *path;
	} * files;
	size_t n, cap;
} pending;

static void pending_done(void *v, bool committed)
{
	size_t kept = 0;
	for (size_t i = 0; i < pending.n; i++) {
		struct pending_file *f = &pending.files[i];
		if (f->v != v) {
			pending.files[kept++] = *f;
			continue;
		}
		if (!committed)
			unlink(f->path);
		free(f->path);
	}
	pending.n = kept;
}

static int pending_add(struct vault *v, const char *path)
{
	int rc = vault_follow(v, pending_done, v);
	if (rc) {
		unlink(path); /* nothing would take it away if the change fails */
		return rc;
	}
	xgrow((void **)&pending.files, &pending.cap, pending.n + 1, sizeof(*pending.files));
	pending.files[pending.n++] = (struct pending_file){v, xstrdup(path)};
	return 0;
}

static int need_transaction(struct vault *v, const char *what)
{
	if (!v->writable || sqlite3_get_autocommit(v->db))
		return error_set(VG_EINTERNAL, "%s outside a write transaction", what);
	return 0;
}

/* ---- small helpers ---- */

static int io_error(const char *what, const char *path)
{
	if (errno == ENOSPC || errno == EDQUOT)
		return error_set(VG_ENOSPACE,
		                 "disk full while %s %s; free some space and try again", what,
		                 path);
	return error_set(VG_EIO, "%s %s: %s", what, path, strerror(errno));
}

/* Reads until len bytes or the end; returns the count or -1. */
static ssize_t read_full(int fd, unsigned char *buf, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t r = read(fd, buf + got, len - got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static void hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = 0;
}

void evidence_blob_name(struct vault *v, const unsigned char sha[32], char out[65])
{
	unsigned char key[VAULT_KEY_BYTES], h[32];
	vault_subkey(v, VAULT_SUBKEY_EVIDENCE_NAMES, key);
	crypto_generichash(h, sizeof(h), sha, 32, key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	hex(h, sizeof(h), out);
}

static char *evidence_dir(struct vault *v)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/evidence", v->path);
	return strbuf_detach(&sb, NULL);
}

static char *detect_type(const unsigned char *buf, size_t len)
{
	char *type = NULL;
	magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
	if (m && magic_load(m, NULL) == 0) {
		const char *t = magic_buffer(m, buf, len);
		if (t)
			type = xstrdup(t);
	}
	if (m)
		magic_close(m);
	return type ? type : xstrdup("application/octet-stream");
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s && s[1] ? s + 1 : path;
}

/* ---- hashing in a thread of its own ---- */

/* Decryption and hashing run in two threads: the caller's thread reads and
 * decrypts chunk i+1 while a hashing thread computes SHA-256 over chunk i,
 * so that checking a file takes about as long as the slower of the two, not
 * their sum. A ring of PIPE_SLOTS chunk buffers sits between them. */
#define PIPE_SLOTS 4

struct hasher {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned char *buf[PIPE_SLOTS];
	size_t len[PIPE_SLOTS];
	size_t head, tail, count;
	bool done;
	EVP_MD_CTX *md;
};

static void *hasher_run(void *arg)
{
	struct hasher *h = arg;
	for (;;) {
		pthread_mutex_lock(&h->mu);
		while (h->count == 0 && !h->done)
			pthread_cond_wait(&h->cv, &h->mu);
		if (h->count == 0) {
			pthread_mutex_unlock(&h->mu);
			return NULL;
		}
		size_t slot = h->tail;
		pthread_mutex_unlock(&h->mu);
		EVP_DigestUpdate(h->md, h->buf[slot], h->len[slot]);
		pthread_mutex_lock(&h->mu);
		h->tail = (h->tail + 1) % PIPE_SLOTS;
		h->count--;
		pthread_cond_broadcast(&h->cv);
		pthread_mutex_unlock(&h->mu);
	}
}

static int hasher_start(struct hasher *h)
{
	memset(h, 0, sizeof(*h));
	h->md = EVP_MD_CTX_new();
	if (!h->md || !EVP_DigestInit_ex(h->md, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(h->md);
		return error_set(VG_EINTERNAL, "OpenSSL's SHA-256 is not available");
	}
	for (size_t i = 0; i < PIPE_SLOTS; i++)
		h->buf[i] = xmalloc(EVIDENCE_CHUNK);
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->cv, NULL);
	if (pthread_create(&h->thread, NULL, hasher_run, h) != 0) {
		for (size_t i = 0; i < PIPE_SLOTS; i++)
			free(h->buf[i]);
		EVP_MD_CTX_free(h->md);
		return error_set(VG_EINTERNAL, "cannot start a thread: %s", strerror(errno));
	}
	return 0;
}

/* The buffer the producer may fill next (waits while all are being hashed). */
static unsigned char *hasher_slot(struct hasher *h)
{
	pthread_mutex_lock(&h->mu);
	while (h->count == PIPE_SLOTS)
		pthread_cond_wait(&h->cv, &h->mu);
	unsigned char *b = h->buf[h->head];
	pthread_mutex_unlock(&h->mu);
	return b;
}

static void hasher_push(struct hasher *h, size_t len)
{
	pthread_mutex_lock(&h->mu);
	h->len[h->head] = len;
	h->head = (h->head + 1) % PIPE_SLOTS;
	h->count++;
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->mu);
}

/* Waits for the thread, wipes the buffers, and gives the digest. */
static void hasher_finish(struct hasher *h, unsigned char sha[32])
{
	pthread_mutex_lock(&h->mu);
	h->done = true;
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->mu);
	pthread_join(h->thread, NULL);
	unsigned int len;
	EVP_DigestFinal_ex(h->md, sha, &len);
	EVP_MD_CTX_free(h->md);
	for (size_t i = 0; i < PIPE_SLOTS; i++) {
		sodium_memzero(h->buf[i], EVIDENCE_CHUNK);
		free(h->buf[i]);
	}
	pthread_mutex_destroy(&h->mu);
	pthread_cond_destroy(&h->cv);
}

/* ---- adding: sealing in a thread of its own ---- */

/* The caller hands over the bytes (evidence_sealer_write); a thread hashes
 * them (SHA-256) and encrypts them into a temporary file in 1 MiB chunks while
 * the caller goes on (reading, parsing, storing). The caller fills one chunk
 * buffer while the thread works on up to SEAL_SLOTS - 1 others. A chunk is
 * handed over only when the next byte comes (or at the end, tagged FINAL), so
 * that the last chunk carries the FINAL tag. The thread touches no database
 * and sets no error message: it records errno, and the caller reports it. */
#define SEAL_SLOTS 4

struct evidence_sealer {
	pthread_t thread;
	bool thread_up;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned char *buf[SEAL_SLOTS];
	size_t len[SEAL_SLOTS];
	bool final[SEAL_SLOTS];
	size_t head, tail, count; /* queued: [tail, head); the caller fills buf[head] */
	bool stop;                /* abort: the thread stops at once */
	bool done;                /* the thread has written the FINAL chunk */
	int err;                  /* errno of a failed write, or 0 */
	/* the thread's */
	int fd;
	char *tmp, *dir, *media;
	const char *media_given;
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char *cbuf;
	EVP_MD_CTX *md;
	uint64_t total;
	uint64_t synced; /* bytes of total already asked to be on disk */
};

/* A large file is made durable as it is written, so that the fsync at the
 * end (before the evidence counts as stored) has little left to wait for. */
#define SEAL_SYNC_BYTES (64u << 20)

static int seal_write(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void *sealer_run(void *arg)
{
	struct evidence_sealer *s = arg;
	pthread_mutex_lock(&s->mu);
	for (;;) {
		while (s->count == 0 && !s->stop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->stop)
			break;
		size_t slot = s->tail;
		pthread_mutex_unlock(&s->mu);
		const unsigned char *m = s->buf[slot];
		size_t len = s->len[slot];
		bool final = s->final[slot];
		int err = 0;
		if (!s->media)
			s->media = s->media_given ? xstrdup(s->media_given) : detect_type(m, len);
		EVP_DigestUpdate(s->md, m, len);
		unsigned long long clen;
		crypto_secretstream_xchacha20poly1305_push(
		    &s->st, s->cbuf, &clen, m, len, NULL, 0,
		    final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
		err = seal_write(s->fd, s->cbuf, (size_t)clen);
		if (!err && (final || s->total + len - s->synced >= SEAL_SYNC_BYTES)) {
			if (fdatasync(s->fd) != 0)
				err = errno;
			s->synced = s->total + len;
		}
		pthread_mutex_lock(&s->mu);
		s->total += len;
		if (err && !s->err)
			s->err = err;
		s->tail = (s->tail + 1) % SEAL_SLOTS;
		s->count--;
		if (final)
			s->done = true;
		pthread_cond_broadcast(&s->cv);
		if (final || s->err)
			break;
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

static void sealer_free(struct evidence_sealer *s)
{
	if (s->fd >= 0)
		close(s->fd);
	if (s->tmp)
		unlink(s->tmp);
	for (size_t i = 0; i < SEAL_SLOTS; i++) {
		if (s->buf[i])
			sodium_memzero(s->buf[i], EVIDENCE_CHUNK);
		free(s->buf[i]);
	}
	sodium_memzero(&s->st, sizeof(s->st));
	EVP_MD_CTX_free(s->md);
	free(s->cbuf);
	free(s->tmp);
	free(s->dir);
	free(s->media);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s);
}

int evidence_sealer_start(struct vault *v, const char *media_type, struct evidence_sealer **out)
{
	*out = NULL;
	struct evidence_sealer *s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->fd = -1;
	s->media_given = media_type;
	s->dir = evidence_dir(v);
	unsigned char rnd[12];
	char rhex[25];
	randombytes_buf(rnd, sizeof(rnd));
	hex(rnd, sizeof(rnd), rhex);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/.tmp-%s", s->dir, rhex);
	s->tmp = strbuf_detach(&sb, NULL);
	s->fd = open(s->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (s->fd < 0) {
		int rc = io_error("creating", s->tmp);
		free(s->tmp);
		s->tmp = NULL;
		sealer_free(s);
		return rc;
	}
	s->md = EVP_MD_CTX_new();
	if (!s->md || !EVP_DigestInit_ex(s->md, EVP_sha256(), NULL)) {
		sealer_free(s);
		return error_set(VG_EINTERNAL, "OpenSSL's SHA-256 is not available");
	}
	unsigned char key[VAULT_KEY_BYTES], header[HEADER_LEN];
	memcpy(header, EVIDENCE_MAGIC, EVIDENCE_MAGIC_LEN);
	vault_subkey(v, VAULT_SUBKEY_EVIDENCE, key);
	crypto_secretstream_xchacha20poly1305_init_push(&s->st, header + EVIDENCE_MAGIC_LEN, key);
	sodium_memzero(key, sizeof(key));
	int rc = file_write_all(s->fd, header, sizeof(header), "writing evidence");
	if (rc) {
		sealer_free(s);
		return rc;
	}
	for (size_t i = 0; i < SEAL_SLOTS; i++)
		s->buf[i] = xmalloc(EVIDENCE_CHUNK);
	s->cbuf = xmalloc(CIPHER_CHUNK);
	if (pthread_create(&s->thread, NULL, sealer_run, s) != 0) {
		rc = error_set(VG_EINTERNAL, "cannot start a thread: %s", strerror(errno));
		sealer_free(s);
		return rc;
	}
	s->thread_up = true;
	*out = s;
	return 0;
}

/* Queues buf[head] (the caller's) and waits until the next one is free. */
static void sealer_push(struct evidence_sealer *s, bool final)
{
	pthread_mutex_lock(&s->mu);
	s->final[s->head] = final;
	s->head = (s->head + 1) % SEAL_SLOTS;
	s->count++;
	pthread_cond_broadcast(&s->cv);
	while (!final && s->count == SEAL_SLOTS && !s->err)
		pthread_cond_wait(&s->cv, &s->mu);
	if (s->err && !final) {
		/* the thread has stopped: let the caller run on into the error */
		s->count = 0;
		s->tail = s->head;
	}
	pthread_mutex_unlock(&s->mu);
	if (!final) /* after the FINAL chunk, buf[head] may be the thread's */
		s->len[s->head] = 0;
}

void evidence_sealer_write(struct evidence_sealer *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	while (len) {
		if (s->len[s->head] == EVIDENCE_CHUNK)
			sealer_push(s, false);
		size_t take = EVIDENCE_CHUNK - s->len[s->head];
		if (take > len)
			take = len;
		memcpy(s->buf[s->head] + s->len[s->head], p, take);
		s->len[s->head] += take;
		p += take;
		len -= take;
	}
}

void evidence_sealer_abort(struct evidence_sealer *s)
{
	if (!s)
		return;
	if (s->thread_up) {
		pthread_mutex_lock(&s->mu);
		s->stop = true;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
	}
	sealer_free(s);
}

int evidence_sealer_finish(struct vault *v, struct evidence_sealer *s,
                           const struct evidence_meta *meta, unsigned char sha[32], uint64_t *bytes,
                           char **id_out, bool *was_new)
{
	if (id_out)
		*id_out = NULL;
	if (was_new)
		*was_new = false;
	sealer_push(s, true);
	pthread_join(s->thread, NULL);
	s->thread_up = false;
	int rc = 0;
	if (s->err) {
		errno = s->err;
		rc = io_error("writing", s->tmp);
	}
	if (!rc)
		rc = need_transaction(v, "adding evidence");
	if (!rc && (!meta->original_name || !*meta->original_name))
		rc = error_set(VG_EUSAGE, "evidence needs its original file name");
	if (!rc && meta->case_id && !records_exists(v, records_kind("case"), meta->case_id))
		rc = error_set(VG_ENOTFOUND, "no case with id '%s'; see 'vigil case list'",
		               meta->case_id);
	if (!rc && fsync(s->fd) != 0)
		rc = io_error("writing", s->tmp);
	if (!rc && close(s->fd) != 0) {
		s->fd = -1;
		rc = io_error("writing", s->tmp);
	}
	s->fd = -1;
	unsigned int shalen;
	EVP_DigestFinal_ex(s->md, sha, &shalen);
	if (bytes)
		*bytes = s->total;
	char sha_hex[65], blob[65];
	hex(sha, 32, sha_hex);
	char *id = NULL, *final_path = NULL;
	if (!rc) {
		rc = evstore_find_sha(v, sha_hex, &id);
		if (rc == 1) { /* stored already: the temporary file goes */
			rc = 0;
			goto out;
		}
	}
	if (rc < 0)
		goto out;
	evidence_blob_name(v, sha, blob);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", s->dir, blob);
	final_path = strbuf_detach(&sb, NULL);
	bool existed = file_exists(final_path);
	if (rename(s->tmp, final_path) != 0) {
		rc = io_error("storing", final_path);
		goto out;
	}
	free(s->tmp);
	s->tmp = NULL;
	if (!existed)
		rc = pending_add(v, final_path);
	if (!rc)
		rc = dir_sync(s->dir);
	if (rc)
		goto out;
	id = evstore_new_id(v);
	char now[21];
	records_now(now);
	json_t *data = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "id", id, "sha256", sha_hex,
	                         "size", (json_int_t)s->total, "media_type",
	                         s->media ? s->media : "application/octet-stream", "original_name",
	                         meta->original_name, "added_at", now, "added_by", v->actor);
	const char *opt[][2] = {{"case", meta->case_id},
	                        {"description", meta->description},
	                        {"source", meta->source},
	                        {"captured_at", meta->captured_at},
	                        {"captured_by", meta->captured_by}};
	for (size_t i = 0; i < ARRAY_SIZE(opt); i++)
		if (opt[i][1] && *opt[i][1])
			json_object_set_new(data, opt[i][0], json_string(opt[i][1]));
	rc = evstore_insert(v, id, sha_hex, blob, s->total, meta->case_id, data);
	if (!rc)
		rc = changelog_append(v, "collect", "evidence", id, meta->case_id, data, NULL);
	json_decref(data);
	if (!rc && was_new)
		*was_new = true;
out:
	if (rc) {
		free(id);
		id = NULL;
	}
	if (id_out)
		*id_out = id;
	else
		free(id);
	free(final_path);
	sealer_free(s);
	return rc;
}

int evidence_add_fd(struct vault *v, int fd, const struct evidence_meta *meta,
                    evidence_progress_fn progress, void *parg, char **id_out, bool *was_new)
{
	if (id_out)
		*id_out = NULL;
	if (was_new)
		*was_new = false;
	int rc = need_transaction(v, "adding evidence");
	if (rc)
		return rc;
	if (!meta->original_name || !*meta->original_name)
		return error_set(VG_EUSAGE, "evidence needs its original file name");
	if (meta->case_id && !records_exists(v, records_kind("case"), meta->case_id))
		return error_set(VG_ENOTFOUND, "no case with id '%s'; see 'vigil case list'",
		                 meta->case_id);
	struct evidence_sealer *s;
	rc = evidence_sealer_start(v, meta->media_type, &s);
	if (rc)
		return rc;
	unsigned char *buf = xmalloc(EVIDENCE_CHUNK);
	uint64_t total = 0;
	for (;;) {
		ssize_t n = read_full(fd, buf, EVIDENCE_CHUNK);
		if (n < 0) {
			rc = io_error("reading", meta->original_name);
			break;
		}
		if (n == 0)
			break;
		evidence_sealer_write(s, buf, (size_t)n);
		total += (uint64_t)n;
		if (progress)
			progress(parg, total, 0);
	}
	sodium_memzero(buf, EVIDENCE_CHUNK);
	free(buf);
	if (rc) {
		evidence_sealer_abort(s);
		return rc;
	}
	unsigned char sha[32];
	return evidence_sealer_finish(v, s, meta, sha, NULL, id_out, was_new);
}

int evidence_add_file(struct vault *v, const char *path, const struct evidence_meta *meta,
                      char **id_out, bool *was_new)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (id_out)
			*id_out = NULL;
		return errno == ENOENT ? error_set(VG_ENOTFOUND, "no file %s", path)
		                       : io_error("opening", path);
	}
	struct evidence_meta m = *meta;
	if (!m.original_name)
		m.original_name = base_name(path);
	int rc = evidence_add_fd(v, fd, &m, NULL, NULL, id_out, was_new);
	close(fd);
	if (rc)
		error_prefix("%s: ", path);
	return rc;
}

/* ---- reading ---- */

/* ---- checking with decryption spread over threads ----
 *
 * secretstream is sequential, but only through its state: after a chunk, the
 * state's nonce has the chunk's MAC (its last 16 bytes, in the ciphertext)
 * XORed into its inner part and its counter incremented (a rekey happens only
 * on a REKEY tag, which Vigil never writes, or after 2^32 chunks). So the state
 * for every chunk can be computed from the ciphertext alone, and the chunks
 * decrypted (and their tags checked) by several threads at once; a chunk whose
 * MAC was changed fails its own check. A self-test against libsodium's own
 * pull decides once whether this holds for the linked libsodium; if not, the
 * sequential path is used. Used by checks only (no sink), since sinks set
 * errors and those are per thread. */

/* secretstream's nonce: a 4-byte counter, then 8 bytes of inner nonce. */
#define SS_COUNTER_BYTES 4
#define SS_INONCE_BYTES  8
#define PAR_SLOTS        8
#define PAR_WORKERS      2

static void state_advance(crypto_secretstream_xchacha20poly1305_state *st, const unsigned char *mac)
{
	for (size_t i = 0; i < SS_INONCE_BYTES; i++)
		st->nonce[SS_COUNTER_BYTES + i] ^= mac[i];
	sodium_increment(st->nonce, SS_COUNTER_BYTES);
}

static bool parallel_selftest(void)
{
	static int result = -1;
	if (result >= 0)
		return result;
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES], m[100], c[2][117],
	    hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES], out[100];
	crypto_secretstream_xchacha20poly1305_state push, pull, predicted;
	randombytes_buf(key, sizeof(key));
	randombytes_buf(m, sizeof(m));
	crypto_secretstream_xchacha20poly1305_init_push(&push, hdr, key);
	for (int i = 0; i < 2; i++)
		crypto_secretstream_xchacha20poly1305_push(&push, c[i], NULL, m, sizeof(m), NULL, 0,
		                                           0);
	crypto_secretstream_xchacha20poly1305_init_pull(&pull, hdr, key);
	predicted = pull;
	unsigned long long mlen;
	unsigned char tag;
	bool ok = true;
	for (int i = 0; i < 2 && ok; i++) {
		ok = crypto_secretstream_xchacha20poly1305_pull(&pull, out, &mlen, &tag, c[i],
		                                                sizeof(c[i]), NULL, 0) == 0;
		state_advance(&predicted, c[i] + sizeof(c[i]) - 16);
		ok = ok && !memcmp(pull.k, predicted.k, sizeof(pull.k)) &&
		     !memcmp(pull.nonce, predicted.nonce, sizeof(pull.nonce));
	}
	sodium_memzero(key, sizeof(key));
	sodium_memzero(&pull, sizeof(pull));
	sodium_memzero(&predicted, sizeof(predicted));
	result = ok;
	return ok;
}

enum slot_state { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE, SLOT_FAILED };

struct par_slot {
	enum slot_state state;
	uint64_t seq;
	unsigned char *c, *m;
	size_t clen;
	unsigned long long mlen;
	unsigned char tag;
	crypto_secretstream_xchacha20poly1305_state st;
};

struct par {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct par_slot slot[PAR_SLOTS];
	uint64_t next_hash; /* the sequence number the hasher waits for */
	bool stop;          /* no more chunks will come (or a failure) */
	uint64_t chunks;    /* how many were dispatched, once stop is set */
	EVP_MD_CTX *md;
	uint64_t hashed_bytes;
	int64_t failed_seq; /* -1, or the first chunk whose tag failed */
	int64_t final_seq;  /* -1, or the first chunk with the FINAL tag */
};

static void *par_worker(void *arg)
{
	struct par *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct par_slot *pick = NULL;
		for (size_t i = 0; i < PAR_SLOTS; i++)
			if (p->slot[i].state == SLOT_READY && (!pick || p->slot[i].seq < pick->seq))
				pick = &p->slot[i];
		if (!pick) {
			if (p->stop)
				break;
			pthread_cond_wait(&p->cv, &p->mu);
			continue;
		}
		pick->state = SLOT_BUSY;
		pthread_mutex_unlock(&p->mu);
		int r = crypto_secretstream_xchacha20poly1305_pull(
		    &pick->st, pick->m, &pick->mlen, &pick->tag, pick->c, pick->clen, NULL, 0);
		sodium_memzero(&pick->st, sizeof(pick->st));
		pthread_mutex_lock(&p->mu);
		pick->state = r == 0 ? SLOT_DONE : SLOT_FAILED;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Hashes the decrypted chunks in order. */
static void *par_hasher(void *arg)
{
	struct par *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct par_slot *s = &p->slot[p->next_hash % PAR_SLOTS];
		bool mine =
		    s->seq == p->next_hash && (s->state == SLOT_DONE || s->state == SLOT_FAILED);
		if (!mine) {
			if (p->stop && p->next_hash >= p->chunks)
				break;
			pthread_cond_wait(&p->cv, &p->mu);
			continue;
		}
		if (s->state == SLOT_FAILED) {
			if (p->failed_seq < 0)
				p->failed_seq = (int64_t)s->seq;
		} else {
			if (s->tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL &&
			    p->final_seq < 0)
				p->final_seq = (int64_t)s->seq;
			pthread_mutex_unlock(&p->mu);
			EVP_DigestUpdate(p->md, s->m, (size_t)s->mlen);
			pthread_mutex_lock(&p->mu);
			p->hashed_bytes += s->mlen;
		}
		s->state = SLOT_FREE;
		p->next_hash++;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Reads and checks the chunks after the header; sets *total and sha. */
static int check_parallel(int fd, const crypto_secretstream_xchacha20poly1305_state *st0,
                          const char *id, const char *path, evidence_progress_fn progress,
                          void *parg, uint64_t want_size, uint64_t *total, unsigned char sha[32])
{
	struct par p;
	memset(&p, 0, sizeof(p));
	p.failed_seq = p.final_seq = -1;
	p.md = EVP_MD_CTX_new();
	if (!p.md || !EVP_DigestInit_ex(p.md, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(p.md);
		return error_set(VG_EINTERNAL, "OpenSSL's SHA-256 is not available");
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	for (size_t i = 0; i < PAR_SLOTS; i++) {
		p.slot[i].c = xmalloc(CIPHER_CHUNK);
		p.slot[i].m = xmalloc(EVIDENCE_CHUNK);
		p.slot[i].seq = UINT64_MAX;
	}
	pthread_t workers[PAR_WORKERS], hasher;
	size_t nworkers = 0;
	bool hasher_up = pthread_create(&hasher, NULL, par_hasher, &p) == 0;
	for (size_t i = 0; hasher_up && i < PAR_WORKERS; i++)
		if (pthread_create(&workers[nworkers], NULL, par_worker, &p) == 0)
			nworkers++;
	int rc = 0;
	bool io_failed = false, short_chunk = false;
	crypto_secretstream_xchacha20poly1305_state st = *st0;
	uint64_t seq = 0;
	if (!hasher_up || nworkers == 0) {
		rc = error_set(VG_EINTERNAL, "cannot start threads: %s", strerror(errno));
		goto stop;
	}
	for (;;) {
		struct par_slot *s = &p.slot[seq % PAR_SLOTS];
		pthread_mutex_lock(&p.mu);
		while (s->state != SLOT_FREE && p.failed_seq < 0)
			pthread_cond_wait(&p.cv, &p.mu);
		bool failed = p.failed_seq >= 0;
		uint64_t done = p.hashed_bytes;
		pthread_mutex_unlock(&p.mu);
		if (failed)
			break;
		if (progress)
			progress(parg, done, want_size);
		ssize_t n = read_full(fd, s->c, CIPHER_CHUNK);
		if (n < 0) {
			io_failed = true;
			break;
		}
		if (n == 0)
			break;
		if ((size_t)n < crypto_secretstream_xchacha20poly1305_ABYTES) {
			short_chunk = true;
			break;
		}
		s->clen = (size_t)n;
		s->st = st;
		state_advance(&st, s->c + n - 16);
		pthread_mutex_lock(&p.mu);
		s->seq = seq++;
		s->state = SLOT_READY;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
		if ((size_t)n < CIPHER_CHUNK)
			break;
	}
stop:
	pthread_mutex_lock(&p.mu);
	p.stop = true;
	p.chunks = seq;
	pthread_cond_broadcast(&p.cv);
	pthread_mutex_unlock(&p.mu);
	for (size_t i = 0; i < nworkers; i++)
		pthread_join(workers[i], NULL);
	if (hasher_up)
		pthread_join(hasher, NULL);
	sodium_memzero(&st, sizeof(st));
	unsigned int shalen;
	EVP_DigestFinal_ex(p.md, sha, &shalen);
	*total = p.hashed_bytes;
	if (rc) {
		/* set above */
	} else if (io_failed) {
		rc = io_error("reading", path);
	} else if (p.failed_seq >= 0 || short_chunk || seq == 0) {
		rc = error_set(
		    VG_EVERIFY,
		    "evidence %s: its file %s is damaged or cut short at byte %llu "
		    "(the authentication tag does not hold)",
		    id, path,
		    (unsigned long long)(p.failed_seq >= 0 ? (uint64_t)p.failed_seq : seq) *
		        EVIDENCE_CHUNK);
	} else if (p.final_seq != (int64_t)seq - 1) {
		rc = error_set(VG_EVERIFY, "evidence %s: its file %s is cut short%s", id, path,
		               p.final_seq >= 0 ? " or has chunks after its end" : "");
	} else {
		unsigned char extra;
		if (read_full(fd, &extra, 1) != 0)
			rc =
			    error_set(VG_EVERIFY,
			              "evidence %s: its file %s has bytes after its end", id, path);
	}
	for (size_t i = 0; i < PAR_SLOTS; i++) {
		sodium_memzero(p.slot[i].m, EVIDENCE_CHUNK);
		free(p.slot[i].m);
		free(p.slot[i].c);
	}
	EVP_MD_CTX_free(p.md);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	if (!rc && progress)
		progress(parg, *total, want_size);
	return rc;
}

/* Decrypts the stored file of an item, handing each plaintext chunk to sink
 * and checking size and SHA-256 against the record. */
static int decrypt_item(struct vault *v, const char *id,
                        int (*sink)(void *arg, const unsigned char *m, size_t len), void *sarg,
                        evidence_progress_fn progress, void *parg)
{
	json_t *item;
	int rc = evstore_get(v, id, &item);
	if (rc)
		return rc;
	char *blob = NULL;
	rc = evstore_blob(v, id, &blob);
	if (rc) {
		json_decref(item);
		return rc;
	}
	const char *want_sha = json_string_value(json_object_get(item, "sha256"));
	uint64_t want_size = (uint64_t)json_integer_value(json_object_get(item, "size"));
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/evidence/%s", v->path, blob);
	unsigned char *cbuf = xmalloc(CIPHER_CHUNK);
	struct hasher h;
	bool hashing = false;
	crypto_secretstream_xchacha20poly1305_state st;
	uint64_t total = 0;
	int fd = open(path.buf, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = errno == ENOENT ? error_set(VG_EVERIFY, "evidence %s: its file %s is missing",
		                                 id, path.buf)
		                     : io_error("opening", path.buf);
		goto out;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	unsigned char header[HEADER_LEN];
	if (read_full(fd, header, sizeof(header)) != (ssize_t)sizeof(header) ||
	    memcmp(header, EVIDENCE_MAGIC, EVIDENCE_MAGIC_LEN) != 0) {
		rc = error_set(VG_EVERIFY, "evidence %s: its file %s has a damaged header", id,
		               path.buf);
		goto out;
	}
	unsigned char key[VAULT_KEY_BYTES];
	vault_subkey(v, VAULT_SUBKEY_EVIDENCE, key);
	int ok =
	    crypto_secretstream_xchacha20poly1305_init_pull(&st, header + EVIDENCE_MAGIC_LEN, key);
	sodium_memzero(key, sizeof(key));
	if (ok != 0) {
		rc = error_set(VG_EVERIFY, "evidence %s: its file %s has a damaged header", id,
		               path.buf);
		goto out;
	}
	unsigned char sha[32];
	char sha_hex[65];
	if (!sink && parallel_selftest()) {
		rc = check_parallel(fd, &st, id, path.buf, progress, parg, want_size, &total, sha);
		sodium_memzero(&st, sizeof(st));
		if (rc)
			goto out;
		goto compare;
	}
	rc = hasher_start(&h);
	if (rc)
		goto out;
	hashing = true;
	bool final = false;
	while (!final) {
		ssize_t n = read_full(fd, cbuf, CIPHER_CHUNK);
		if (n < 0) {
			rc = io_error("reading", path.buf);
			goto out;
		}
		unsigned char *mbuf = hasher_slot(&h);
		unsigned long long mlen;
		unsigned char tag;
		if (n == 0 ||
		    crypto_secretstream_xchacha20poly1305_pull(
		        &st, mbuf, &mlen, &tag, cbuf, (unsigned long long)n, NULL, 0) != 0) {
			rc = error_set(
			    VG_EVERIFY,
			    "evidence %s: its file %s is damaged or cut short at byte %llu "
			    "(the authentication tag does not hold)",
			    id, path.buf, (unsigned long long)total);
			goto out;
		}
		final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
		if (!final && (size_t)n < CIPHER_CHUNK) {
			rc = error_set(VG_EVERIFY, "evidence %s: its file %s is cut short", id,
			               path.buf);
			goto out;
		}
		total += mlen;
		if (sink) {
			rc = sink(sarg, mbuf, (size_t)mlen);
			if (rc)
				goto out;
		}
		hasher_push(&h, (size_t)mlen);
		if (progress)
			progress(parg, total, want_size);
	}
	unsigned char extra;
	if (read_full(fd, &extra, 1) != 0) {
		rc = error_set(VG_EVERIFY, "evidence %s: its file %s has bytes after its end", id,
		               path.buf);
		goto out;
	}
	hasher_finish(&h, sha);
	hashing = false;
compare:
	hex(sha, 32, sha_hex);
	if (total != want_size || !want_sha || strcmp(sha_hex, want_sha) != 0)
		rc = error_set(VG_EVERIFY,
		               "evidence %s: its content does not match the record (SHA-256 %s, "
		               "%llu bytes; recorded %s, %llu bytes)",
		               id, sha_hex, (unsigned long long)total, want_sha ? want_sha : "none",
		               (unsigned long long)want_size);
out:
	if (hashing) {
		unsigned char ignored[32];
		hasher_finish(&h, ignored);
	}
	if (fd >= 0)
		close(fd);
	free(cbuf);
	strbuf_release(&path);
	free(blob);
	json_decref(item);
	return rc;
}

/* ---- reading parts ---- */

static ssize_t pread_full(int fd, unsigned char *buf, size_t len, uint64_t at)
{
	size_t got = 0;
	while (got < len) {
		ssize_t r = pread(fd, buf + got, len - got, (off_t)(at + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

struct range_reader {
	const char *id, *path;
	int fd;
	crypto_secretstream_xchacha20poly1305_state st; /* for chunk next */
	uint64_t next;                                  /* the chunk st decrypts */
	int64_t have;                                   /* the chunk in m, or -1 */
	unsigned char *c, *m;
	unsigned long long mlen;
	unsigned char tag;
};

static int range_damaged(struct range_reader *r, uint64_t chunk)
{
	return error_set(VG_EVERIFY,
	                 "evidence %s: its file %s is damaged or cut short at byte %llu "
	                 "(the authentication tag does not hold)",
	                 r->id, r->path, (unsigned long long)chunk * EVIDENCE_CHUNK);
}

/* Decrypts chunk k into r->m: the chunks before it are passed over by their
 * MACs alone where the state can be computed that way, else decrypted. */
static int range_load(struct range_reader *r, uint64_t k)
{
	if (r->have >= 0 && (uint64_t)r->have == k)
		return 0;
	if (k < r->next)
		return error_set(VG_EINTERNAL, "evidence ranges out of order");
	bool skip_by_mac = parallel_selftest();
	while (r->next <= k) {
		uint64_t at = HEADER_LEN + r->next * (uint64_t)CIPHER_CHUNK;
		if (r->next < k && skip_by_mac) {
			unsigned char mac[16];
			if (pread_full(r->fd, mac, sizeof(mac), at + CIPHER_CHUNK - sizeof(mac)) !=
			    (ssize_t)sizeof(mac))
				return range_damaged(r, r->next);
			state_advance(&r->st, mac);
			r->next++;
			continue;
		}
		ssize_t n = pread_full(r->fd, r->c, CIPHER_CHUNK, at);
		if (n < 0)
			return io_error("reading", r->path);
		if ((size_t)n < crypto_secretstream_xchacha20poly1305_ABYTES ||
		    crypto_secretstream_xchacha20poly1305_pull(
		        &r->st, r->m, &r->mlen, &r->tag, r->c, (unsigned long long)n, NULL, 0) != 0)
			return range_damaged(r, r->next);
		r->have = (int64_t)r->next;
		r->next++;
		if (r->tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL && r->next <= k)
			return error_set(VG_EVERIFY,
			                 "evidence %s: a part past its end was asked for", r->id);
	}
	return 0;
}

int evidence_read_ranges(struct vault *v, const char *id, const struct evidence_range *ranges,
                         size_t n,
                         int (*sink)(void *arg, size_t i, const unsigned char *m, size_t len),
                         void *sarg)
{
	char *blob = NULL;
	int rc = evstore_blob(v, id, &blob);
	if (rc)
		return rc;
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/evidence/%s", v->path, blob);
	free(blob);
	struct range_reader r = {.id = id, .path = path.buf, .have = -1};
	r.fd = open(path.buf, O_RDONLY | O_CLOEXEC);
	if (r.fd < 0) {
		rc = errno == ENOENT ? error_set(VG_EVERIFY, "evidence %s: its file %s is missing",
		                                 id, path.buf)
		                     : io_error("opening", path.buf);
		strbuf_release(&path);
		return rc;
	}
	unsigned char header[HEADER_LEN], key[VAULT_KEY_BYTES];
	vault_subkey(v, VAULT_SUBKEY_EVIDENCE, key);
	if (pread_full(r.fd, header, sizeof(header), 0) != (ssize_t)sizeof(header) ||
	    memcmp(header, EVIDENCE_MAGIC, EVIDENCE_MAGIC_LEN) != 0 ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&r.st, header + EVIDENCE_MAGIC_LEN,
	                                                    key) != 0)
		rc = error_set(VG_EVERIFY, "evidence %s: its file %s has a damaged header", id,
		               path.buf);
	sodium_memzero(key, sizeof(key));
	r.c = xmalloc(CIPHER_CHUNK);
	r.m = xmalloc(EVIDENCE_CHUNK);
	for (size_t i = 0; i < n && !rc; i++) {
		uint64_t off = ranges[i].offset, end = off + ranges[i].length;
		while (off < end && !rc) {
			uint64_t k = off / EVIDENCE_CHUNK, in = off % EVIDENCE_CHUNK;
			if (r.have >= 0 && (uint64_t)r.have > k) {
				/* an overlap reaching back to an earlier chunk: start over */
				vault_subkey(v, VAULT_SUBKEY_EVIDENCE, key);
				crypto_secretstream_xchacha20poly1305_init_pull(
				    &r.st, header + EVIDENCE_MAGIC_LEN, key);
				sodium_memzero(key, sizeof(key));
				r.next = 0;
				r.have = -1;
			}
			rc = range_load(&r, k);
			if (rc)
				break;
			if (in >= r.mlen) {
				rc =
				    error_set(VG_EVERIFY,
				              "evidence %s: a part past its end was asked for", id);
				break;
			}
			size_t take = (size_t)(r.mlen - in);
			if (take > end - off)
				take = (size_t)(end - off);
			rc = sink(sarg, i, r.m + in, take);
			off += take;
		}
	}
	sodium_memzero(&r.st, sizeof(r.st));
	sodium_memzero(r.m, EVIDENCE_CHUNK);
	free(r.m);
	free(r.c);
	close(r.fd);
	strbuf_release(&path);
	return rc;
}

static int sink_fd(void *arg, const unsigned char *m, size_t len)
{
	return file_write_all(*(int *)arg, m, len, "writing the extracted evidence");
}

int evidence_decrypt_fd(struct vault *v, const char *id, int out_fd, evidence_progress_fn progress,
                        void *parg)
{
	return decrypt_item(v, id, sink_fd, &out_fd, progress, parg);
}

int evidence_decrypt_cb(struct vault *v, const char *id,
                        int (*sink)(void *arg, const unsigned char *m, size_t len), void *sarg)
{
	return decrypt_item(v, id, sink, sarg, NULL, NULL);
}

int evidence_check(struct vault *v, const char *id, evidence_progress_fn progress, void *parg)
{
	return decrypt_item(v, id, NULL, NULL, progress, parg);
}

int evidence_extract(struct vault *v, const char *id, const char *out_path, const char *purpose)
{
	int rc = need_transaction(v, "extracting evidence");
	if (rc)
		return rc;
	int fd = open(out_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST
		           ? error_set(VG_EEXISTS, "%s exists already; choose another --out file",
		                       out_path)
		           : io_error("creating", out_path);
	rc = evidence_decrypt_fd(v, id, fd, NULL, NULL);
	if (!rc && fsync(fd) != 0)
		rc = io_error("writing", out_path);
	if (close(fd) != 0 && !rc)
		rc = io_error("writing", out_path);
	if (rc) {
		unlink(out_path);
		return rc;
	}
	json_t *data = json_pack("{s:s}", "to", out_path);
	if (purpose && *purpose)
		json_object_set_new(data, "purpose", json_string(purpose));
	rc = evidence_custody_event(v, id, "extract", data);
	json_decref(data);
	if (rc)
		unlink(out_path);
	return rc;
}

/* ---- links and custody ---- */

int evidence_custody_event(struct vault *v, const char *id, const char *op, json_t *data)
{
	int rc = need_transaction(v, "recording a custody event");
	if (rc)
		return rc;
	json_t *item;
	rc = evstore_get(v, id, &item);
	if (rc)
		return rc;
	rc = changelog_append(v, op, "evidence", id,
	                      json_string_value(json_object_get(item, "case")), data, NULL);
	json_decref(item);
	return rc;
}

int evidence_link(struct vault *v, const char *id, const char *kind, const char *record_id)
{
	const struct kind_desc *k = records_kind(kind);
	if (!k)
		return error_set(VG_EUSAGE, "evidence can be linked to records, not to '%s'", kind);
	if (!records_exists(v, k, record_id))
		return error_set(VG_ENOTFOUND, "no %s with id '%s'; see 'vigil %s list'", kind,
		                 record_id, kind);
	int rc = need_transaction(v, "linking evidence");
	if (rc)
		return rc;
	json_t *item;
	rc = evstore_get(v, id, &item);
	if (rc)
		return rc;
	json_decref(item);
	rc = evstore_link(v, id, kind, record_id);
	if (rc == 1)
		return error_set(VG_EEXISTS, "evidence %s is linked to %s %s already", id, kind,
		                 record_id);
	if (rc)
		return rc;
	json_t *data = json_pack("{s:s, s:s}", "kind", kind, "id", record_id);
	rc = evidence_custody_event(v, id, "link", data);
	json_decref(data);
	return rc;
}

int evidence_get(struct vault *v, const char *id, json_t **out)
{
	return evstore_get(v, id, out);
}

int evidence_list(struct vault *v, const char *case_id, json_t **out)
{
	return evstore_list(v, case_id, out);
}

int evidence_custody(struct vault *v, const char *id, json_t **out)
{
	json_t *item;
	int rc = evstore_get(v, id, &item);
	if (rc)
		return rc;
	json_decref(item);
	return evstore_custody(v, id, out);
}

uint64_t evidence_total_bytes(struct vault *v)
{
	return evstore_total_bytes(v);
}

int evidence_stray_files(struct vault *v, json_t **unknown, json_t **missing)
{
	json_t *blobs;
	int rc = evstore_blobs(v, &blobs);
	if (rc)
		return rc;
	char *dir = evidence_dir(v);
	DIR *d = opendir(dir);
	if (!d) {
		rc = io_error("reading the folder", dir);
		free(dir);
		json_decref(blobs);
		return rc;
	}
	*unknown = json_array();
	json_t *seen = json_object();
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (json_object_get(blobs, e->d_name))
			json_object_set_new(seen, e->d_name, json_true());
		else
			json_array_append_new(*unknown, json_string(e->d_name));
	}
	closedir(d);
	free(dir);
	*missing = json_array();
	const char *blob;
	json_t *idv;
	json_object_foreach(blobs, blob, idv)
	{
		if (!json_object_get(seen, blob))
			json_array_append(*missing, idv);
	}
	json_decref(seen);
	json_decref(blobs);
	return 0;
}
