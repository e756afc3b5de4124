#include "vault/vault.h"

#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pthread.h>
#include <sodium.h>

#include "records/records.h"
#include "util/fileio.h"
#include "util/term.h"
#include "util/util.h"
#include "vault/agent.h"

#define SALT_BYTES    crypto_pwhash_SALTBYTES
#define NONCE_BYTES   crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_BYTES (VAULT_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)

struct header {
	int format;
	int page_size; /* the database's page size: a "pagesize" line from format 2 on */
	unsigned long long opslimit;
	size_t memlimit;
	unsigned char salt[SALT_BYTES];
	unsigned char nonce[NONCE_BYTES];
	unsigned char wrapped[WRAPPED_BYTES];
};

static const struct {
	const char *name;
	unsigned long long ops;
	size_t mem;
} kdf_levels[] = {
    [VAULT_KDF_INTERACTIVE] = {"interactive", crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE},
    [VAULT_KDF_MODERATE] = {"moderate", crypto_pwhash_OPSLIMIT_MODERATE,
                            crypto_pwhash_MEMLIMIT_MODERATE},
    [VAULT_KDF_SENSITIVE] = {"sensitive", crypto_pwhash_OPSLIMIT_SENSITIVE,
                             crypto_pwhash_MEMLIMIT_SENSITIVE},
};

int kdf_level_parse(const char *name, enum vault_kdf_level *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(kdf_levels); i++) {
		if (!strcmp(name, kdf_levels[i].name)) {
			*out = (enum vault_kdf_level)i;
			return 0;
		}
	}
	return error_set(VG_EUSAGE,
	                 "unknown --kdf level '%s'; use interactive, moderate or sensitive", name);
}

char *vault_default_path(const char *flag)
{
	if (flag && *flag)
		return xstrdup(flag);
	const char *env = getenv("VIGIL_VAULT");
	if (env && *env)
		return xstrdup(env);
	struct strbuf sb = STRBUF_INIT;
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		strbuf_addf(&sb, "%s/vigil/vault", xdg);
	else
		strbuf_addf(&sb, "%s/.local/share/vigil/vault",
		            getenv("HOME") ? getenv("HOME") : ".");
	return strbuf_detach(&sb, NULL);
}

/* ---- the header file ---- */

static void header_body(const struct header *h, struct strbuf *sb, bool with_key)
{
	strbuf_adds(sb, "vigil-vault\n");
	strbuf_adds(sb,
	            "# A Vigil vault. This file holds no secret in the clear: the key-derivation\n"
	            "# parameters, and the master key encrypted under the passphrase.\n");
	strbuf_addf(sb, "format %d\n", h->format);
	strbuf_adds(sb, "kdf argon2id13\n");
	strbuf_addf(sb, "opslimit %llu\n", h->opslimit);
	strbuf_addf(sb, "memlimit %zu\n", h->memlimit);
	if (h->format >= 2)
		strbuf_addf(sb, "pagesize %d\n", h->page_size);
	strbuf_adds(sb, "salt ");
	strbuf_add_hex(sb, h->salt, sizeof(h->salt));
	strbuf_addch(sb, '\n');
	if (!with_key)
		return;
	strbuf_adds(sb, "nonce ");
	strbuf_add_hex(sb, h->nonce, sizeof(h->nonce));
	strbuf_adds(sb, "\nwrapped ");
	strbuf_add_hex(sb, h->wrapped, sizeof(h->wrapped));
	strbuf_addch(sb, '\n');
}

static void header_format(const struct header *h, struct strbuf *sb)
{
	header_body(h, sb, true);
	unsigned char sum[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(sum, (const unsigned char *)sb->buf, sb->len);
	strbuf_adds(sb, "sum ");
	strbuf_add_hex(sb, sum, sizeof(sum));
	strbuf_addch(sb, '\n');
}

static int hex_field(const char *value, unsigned char *out, size_t n)
{
	size_t got = 0;
	if (strlen(value) != 2 * n)
		return -1;
	if (sodium_hex2bin(out, n, value, strlen(value), NULL, &got, NULL) || got != n)
		return -1;
	return 0;
}

static int header_damaged(const char *path, const char *why)
{
	return error_set(VG_EHEADER,
	                 "the vault's header is damaged (%s): %s/" VAULT_HEADER_NAME
	                 "; restore that file from a backup of this vault",
	                 why, path);
}

static int header_read(const char *path, struct header *h)
{
	struct strbuf file = STRBUF_INIT, name = STRBUF_INIT;
	strbuf_addf(&name, "%s/" VAULT_HEADER_NAME, path);
	int rc = file_read(name.buf, 65536, &file);
	if (rc == -VG_ENOTFOUND) {
		struct strbuf db = STRBUF_INIT;
		strbuf_addf(&db, "%s/" VAULT_DB_NAME, path);
		if (file_exists(db.buf))
			rc = header_damaged(path, "the file is missing");
		else if (!file_exists(path))
			rc = error_set(VG_ENOVAULT,
			               "no vault at %s; create one with 'vigil init' or give "
			               "--vault DIR",
			               path);
		else
			rc = error_set(VG_ENOVAULT,
			               "not a Vigil vault: %s (no " VAULT_HEADER_NAME
			               "); check --vault or VIGIL_VAULT",
			               path);
		strbuf_release(&db);
		goto out;
	}
	if (rc)
		goto out;
	memset(h, 0, sizeof(*h));
	if (strncmp(file.buf, "vigil-vault\n", 12)) {
		rc = error_set(VG_ENOVAULT,
		               "not a Vigil vault: %s (its " VAULT_HEADER_NAME
		               " is not a Vigil header); check --vault or VIGIL_VAULT",
		               path);
		goto out;
	}
	/* The format line comes first so that a newer format is reported as such
	 * even when the rest is laid out differently. */
	const char *fmt = strstr(file.buf, "\nformat ");
	if (!fmt) {
		rc = header_damaged(path, "no format line");
		goto out;
	}
	h->format = atoi(fmt + 8);
	if (h->format > VAULT_FORMAT) {
		rc = error_set(VG_EVERSION,
		               "the vault at %s has format %d, newer than this Vigil understands "
		               "(%d); upgrade Vigil to open it",
		               path, h->format, VAULT_FORMAT);
		goto out;
	}
	if (h->format < 1) {
		rc = header_damaged(path, "bad format line");
		goto out;
	}
	/* format 1 had no pagesize line: its databases use SQLCipher's default */
	bool have[8] = {0};
	h->page_size = VAULT_PAGE_SIZE_V1;
	have[7] = h->format < 2;
	char *save = NULL;
	for (char *line = strtok_r(file.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *sp = strchr(line, ' ');
		if (line[0] == '#' || !strcmp(line, "vigil-vault"))
			continue;
		if (!sp) {
			rc = header_damaged(path, "a line without a value");
			goto out;
		}
		*sp = '\0';
		const char *key = line, *val = sp + 1;
		char *end = NULL;
		if (!strcmp(key, "format")) {
			have[0] = true;
		} else if (!strcmp(key, "kdf")) {
			if (strcmp(val, "argon2id13")) {
				rc = header_damaged(path, "unknown kdf");
				goto out;
			}
			have[1] = true;
		} else if (!strcmp(key, "opslimit")) {
			h->opslimit = strtoull(val, &end, 10);
			have[2] = end && !*end;
		} else if (!strcmp(key, "memlimit")) {
			h->memlimit = (size_t)strtoull(val, &end, 10);
			have[3] = end && !*end;
		} else if (!strcmp(key, "salt")) {
			have[4] = !hex_field(val, h->salt, sizeof(h->salt));
		} else if (!strcmp(key, "nonce")) {
			have[5] = !hex_field(val, h->nonce, sizeof(h->nonce));
		} else if (!strcmp(key, "wrapped")) {
			have[6] = !hex_field(val, h->wrapped, sizeof(h->wrapped));
		} else if (!strcmp(key, "pagesize") && h->format >= 2) {
			long ps = strtol(val, &end, 10);
			have[7] = end && !*end && ps >= 512 && ps <= 65536 && !(ps & (ps - 1));
			h->page_size = (int)ps;
		} else if (!strcmp(key, "sum")) {
			/* checked below against a fresh rendering */
		} else {
			rc = header_damaged(path, "an unknown line");
			goto out;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(have); i++) {
		if (!have[i]) {
			rc = header_damaged(path, "a field is missing or malformed");
			goto out;
		}
	}
	if (h->opslimit < crypto_pwhash_OPSLIMIT_MIN || h->opslimit > crypto_pwhash_OPSLIMIT_MAX ||
	    h->memlimit < crypto_pwhash_MEMLIMIT_MIN || h->memlimit > ((size_t)4 << 30)) {
		rc = header_damaged(path, "key-derivation parameters out of range");
		goto out;
	}
	/* The file must be exactly what this version writes for these values:
	 * any other byte, anywhere, is damage. */
	struct strbuf again = STRBUF_INIT;
	header_format(h, &again);
	strbuf_reset(&file);
	file_read(name.buf, 65536, &file);
	if (again.len != file.len || memcmp(again.buf, file.buf, file.len))
		rc = header_damaged(path, "checksum does not match");
	strbuf_release(&again);
out:
	strbuf_release(&file);
	strbuf_release(&name);
	return rc;
}

static int header_write(const char *path, const struct header *h)
{
	struct strbuf sb = STRBUF_INIT, name = STRBUF_INIT;
	header_format(h, &sb);
	strbuf_addf(&name, "%s/" VAULT_HEADER_NAME, path);
	int rc = file_write_atomic(name.buf, sb.buf, sb.len, 0600);
	strbuf_release(&sb);
	strbuf_release(&name);
	return rc;
}

/* ---- passphrases and keys ---- */

int passphrase_read(const struct passphrase_source *src, struct strbuf *sb)
{
	int rc = 0;
	if (src->file) {
		rc = file_read(src->file, 4096, sb);
		if (rc) {
			error_prefix("reading --passphrase-file: ");
			return rc;
		}
		/* One line: the first newline ends it, as with echo > file. */
		char *nl = memchr(sb->buf, '\n', sb->len);
		if (nl)
			strbuf_setlen(sb, (size_t)(nl - sb->buf));
		if (sb->len && sb->buf[sb->len - 1] == '\r')
			strbuf_setlen(sb, sb->len - 1);
	} else if (src->env && getenv(src->env)) {
		strbuf_adds(sb, getenv(src->env));
	} else {
		rc = term_read_secret(src->prompt, sb);
		if (!rc && src->confirm) {
			struct strbuf again = STRBUF_INIT;
			rc = term_read_secret("Repeat it: ", &again);
			if (!rc && (again.len != sb->len || memcmp(again.buf, sb->buf, sb->len)))
				rc = error_set(VG_EINVALID,
				               "the two passphrases differ; nothing was changed");
			strbuf_wipe(&again);
		}
	}
	if (!rc && sb->len == 0)
		rc = error_set(VG_EINVALID, "the passphrase is empty");
	return rc;
}

static void header_ad(const struct header *h, struct strbuf *ad)
{
	header_body(h, ad, false);
}

/* Derives the key-encryption key from the passphrase into kek. */
static int derive_kek(const struct header *h, const struct strbuf *pass, unsigned char *kek)
{
	if (crypto_pwhash(kek, VAULT_KEY_BYTES, pass->buf, pass->len, h->salt, h->opslimit,
	                  h->memlimit, crypto_pwhash_ALG_ARGON2ID13))
		return error_set(VG_EINTERNAL,
		                 "not enough memory for the key derivation (%zu MB); close other "
		                 "programs and try again",
		                 h->memlimit >> 20);
	return 0;
}

static int wrap_key(struct header *h, const unsigned char *kek, const unsigned char *master)
{
	struct strbuf ad = STRBUF_INIT;
	randombytes_buf(h->nonce, sizeof(h->nonce));
	header_ad(h, &ad);
	crypto_aead_xchacha20poly1305_ietf_encrypt(h->wrapped, NULL, master, VAULT_KEY_BYTES,
	                                           (const unsigned char *)ad.buf, ad.len, NULL,
	                                           h->nonce, kek);
	strbuf_release(&ad);
	return 0;
}

static int unwrap_key(const struct header *h, const unsigned char *kek, unsigned char *master)
{
	struct strbuf ad = STRBUF_INIT;
	header_ad(h, &ad);
	int bad = crypto_aead_xchacha20poly1305_ietf_decrypt(
	    master, NULL, NULL, h->wrapped, sizeof(h->wrapped), (const unsigned char *)ad.buf,
	    ad.len, h->nonce, kek);
	strbuf_release(&ad);
	return bad ? -1 : 0;
}

void vault_subkey(const struct vault *v, enum vault_subkey_id id, unsigned char *out)
{
	crypto_kdf_derive_from_key(out, VAULT_KEY_BYTES, (uint64_t)id, "vigil-v1", v->master);
}

/* ---- the database ---- */

int vault_db_error(sqlite3 *db, int rc, const char *what)
{
	int primary = rc & 0xff;
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return error_set(VG_EBUSY,
		                 "vault busy: another Vigil process is using it (%s); "
		                 "try again in a moment",
		                 what);
	if (primary == SQLITE_FULL)
		return error_set(VG_ENOSPACE,
		                 "disk full while %s; free some space and try again; "
		                 "nothing was changed",
		                 what);
	if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
		return error_set(VG_EDB,
		                 "the vault database is damaged (%s): %s; restore it from "
		                 "a backup and run 'vigil verify'",
		                 what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	if (primary == SQLITE_READONLY)
		return error_set(VG_EIO, "the vault is read-only here (%s)", what);
	if (primary == SQLITE_CONSTRAINT)
		return error_set(VG_EINVALID, "%s: %s", what, db ? sqlite3_errmsg(db) : "");
	return error_set(VG_EDB, "database error while %s: %s", what,
	                 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static int db_exec(sqlite3 *db, const char *sql, const char *what)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : vault_db_error(db, rc, what);
}

/* SQLite's memory statistics take a global mutex around every allocation,
 * and this build of SQLCipher allocates for nearly every step (it has no
 * lookaside): Vigil never reads them. Must run before SQLite starts. */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Opens file (in the vault folder) keyed with sub-key id. */
static int db_open_file(struct vault *v, const char *file, enum vault_subkey_id id, bool create,
                        bool writable, int page_size, sqlite3 **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
	struct strbuf name = STRBUF_INIT;
	strbuf_addf(&name, "%s/%s", v->path, file);
	sqlite3 *db = NULL;
	int rc = 0;
	if (!create && !file_exists(name.buf)) {
		rc = error_set(VG_EDB, "%s is missing; restore it from a backup", name.buf);
		goto out;
	}
	int flags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	int src = sqlite3_open_v2(name.buf, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (src != SQLITE_OK) {
		rc = vault_db_error(db, src, "opening the vault database");
		goto out;
	}
	sqlite3_busy_timeout(db, 5000);
	unsigned char dbkey[VAULT_KEY_BYTES];
	vault_subkey(v, id, dbkey);
	struct strbuf pragma = STRBUF_INIT;
	strbuf_adds(&pragma, "PRAGMA key = \"x'");
	strbuf_add_hex(&pragma, dbkey, sizeof(dbkey));
	strbuf_adds(&pragma, "'\"");
	sodium_memzero(dbkey, sizeof(dbkey));
	rc = db_exec(db, pragma.buf, "setting the database key");
	strbuf_wipe(&pragma);
	if (rc)
		goto out;
	/* Must be the same on every open: each page is encrypted and authenticated
	 * on its own, so larger pages mean less per-page work for bulk writes. */
	if (page_size != VAULT_PAGE_SIZE_V1) {
		char ps[64];
		snprintf(ps, sizeof(ps), "PRAGMA cipher_page_size = %d", page_size);
		rc = db_exec(db, ps, "setting the database page size");
		if (rc)
			goto out;
	}
	/* The first read proves the key: SQLCipher checks each page's HMAC. */
	src = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		if ((src & 0xff) == SQLITE_BUSY)
			rc = vault_db_error(db, src, "opening the vault");
		else
			rc = error_set(VG_EDB,
			               "%s is damaged or does not belong to this vault's header; "
			               "restore it from a backup",
			               name.buf);
		goto out;
	}
	rc = db_exec(db, "PRAGMA foreign_keys = ON", "setting up the database");
out:
	if (rc) {
		sqlite3_close(db);
		db = NULL;
	}
	*out = db;
	strbuf_release(&name);
	return rc;
}

static int db_open(struct vault *v, bool create, int page_size)
{
	v->page_size = page_size;
	return db_open_file(v, VAULT_DB_NAME, VAULT_SUBKEY_DATABASE, create, v->writable, page_size,
	                    &v->db);
}

int vault_open_side(struct vault *v, const char *name, enum vault_subkey_id id, sqlite3 **out)
{
	return db_open_file(v, name, id, true, true, v->page_size, out);
}

static char *current_actor(void)
{
	const char *who = getenv("VIGIL_USER");
	if (!who || !*who)
		who = getenv("USER");
	if (!who || !*who)
		who = "unknown";
	return xstrdup(who);
}

static void vault_reset(struct vault *v)
{
	memset(v, 0, sizeof(*v));
}

int vault_create(const char *path, enum vault_kdf_level level, const struct passphrase_source *src,
                 struct vault *out)
{
	vault_reset(out);
	if (!dir_is_empty_or_missing(path))
		return error_set(VG_EEXISTS,
		                 "%s is not empty; 'vigil init' only creates a vault in a new or "
		                 "empty folder",
		                 path);
	struct strbuf pass = STRBUF_INIT;
	int rc = passphrase_read(src, &pass);
	if (rc) {
		strbuf_wipe(&pass);
		return rc;
	}
	bool made_dir = !file_exists(path);
	rc = dir_create_parents(path, 0700);
	if (rc)
		goto out_pass;
	chmod(path, 0700);

	struct header h = {.format = VAULT_FORMAT,
	                   .page_size = VAULT_PAGE_SIZE,
	                   .opslimit = kdf_levels[level].ops,
	                   .memlimit = kdf_levels[level].mem};
	randombytes_buf(h.salt, sizeof(h.salt));
	out->path = xstrdup(path);
	out->writable = true;
	out->actor = current_actor();
	out->master = sodium_malloc(VAULT_KEY_BYTES);
	if (!out->master)
		xmalloc((size_t)-1);
	randombytes_buf(out->master, VAULT_KEY_BYTES);
	unsigned char kek[VAULT_KEY_BYTES];
	rc = derive_kek(&h, &pass, kek);
	if (rc)
		goto out_fail;
	wrap_key(&h, kek, out->master);
	sodium_memzero(kek, sizeof(kek));

	struct strbuf sub = STRBUF_INIT;
	strbuf_addf(&sub, "%s/evidence", path);
	rc = dir_create(sub.buf, 0700);
	strbuf_reset(&sub);
	strbuf_addf(&sub, "%s/checkpoints", path);
	if (!rc)
		rc = dir_create(sub.buf, 0700);
	strbuf_release(&sub);
	if (rc)
		goto out_fail;
	rc = db_open(out, true, h.page_size);
	if (!rc)
		rc = records_schema_create(out);
	/* The header is written last: a folder without it is not yet a vault. */
	if (!rc)
		rc = header_write(path, &h);
	if (!rc)
		goto out_pass;
out_fail:
	vault_close(out);
	/* Leave nothing half-made behind. */
	{
		const char *names[] = {VAULT_DB_NAME, VAULT_DB_NAME "-journal", "evidence",
		                       "checkpoints", VAULT_HEADER_NAME};
		for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
			struct strbuf p = STRBUF_INIT;
			strbuf_addf(&p, "%s/%s", path, names[i]);
			if (unlink(p.buf) < 0)
				rmdir(p.buf);
			strbuf_release(&p);
		}
		if (made_dir)
			rmdir(path);
	}
out_pass:
	strbuf_wipe(&pass);
	return rc;
}

int vault_open(const char *path, bool writable, const struct passphrase_source *src,
               struct vault *out)
{
	vault_reset(out);
	struct header h;
	int rc = header_read(path, &h);
	if (rc)
		return rc;
	out->path = xstrdup(path);
	out->writable = writable;
	out->actor = current_actor();
	out->master = sodium_malloc(VAULT_KEY_BYTES);
	if (!out->master)
		xmalloc((size_t)-1);

	bool from_agent = agent_get(path, out->master) == 0;
	if (!from_agent) {
		struct strbuf pass = STRBUF_INIT;
		unsigned char kek[VAULT_KEY_BYTES];
		rc = passphrase_read(src, &pass);
		if (!rc)
			rc = derive_kek(&h, &pass, kek);
		strbuf_wipe(&pass);
		if (!rc && unwrap_key(&h, kek, out->master))
			rc = error_set(VG_EPASSPHRASE,
			               "wrong passphrase for the vault at %s; nothing was changed",
			               path);
		sodium_memzero(kek, sizeof(kek));
		if (rc)
			goto fail;
	}
	rc = db_open(out, false, h.page_size);
	if (!rc)
		rc = records_schema_check(out);
	if (rc)
		goto fail;
	return 0;
fail:
	vault_close(out);
	return rc;
}

int vault_change_passphrase(struct vault *v, const struct passphrase_source *newsrc,
                            enum vault_kdf_level level, bool keep_level)
{
	struct header h;
	int rc = header_read(v->path, &h);
	if (rc)
		return rc;
	if (!keep_level) {
		h.opslimit = kdf_levels[level].ops;
		h.memlimit = kdf_levels[level].mem;
	}
	randombytes_buf(h.salt, sizeof(h.salt));
	struct strbuf pass = STRBUF_INIT;
	unsigned char kek[VAULT_KEY_BYTES];
	rc = passphrase_read(newsrc, &pass);
	if (!rc)
		rc = derive_kek(&h, &pass, kek);
	strbuf_wipe(&pass);
	if (!rc) {
		wrap_key(&h, kek, v->master);
		rc = header_write(v->path, &h);
	}
	sodium_memzero(kek, sizeof(kek));
	return rc;
}

void vault_close(struct vault *v)
{
	if (v->nfollowers) /* closed in the middle of a change: it is not saved */
		vault_rollback(v);
	if (v->db)
		sqlite3_close(v->db);
	if (v->master)
		sodium_free(v->master); /* sodium_free wipes before freeing */
	free(v->path);
	free(v->actor);
	vault_reset(v);
}

int vault_begin(struct vault *v)
{
	if (!v->writable)
		return error_set(VG_EINTERNAL, "write to a vault opened read-only");
	return db_exec(v->db, "BEGIN IMMEDIATE", "starting a change");
}

static void tell_followers(struct vault *v, bool committed)
{
	struct vault_follower f[VAULT_FOLLOWERS];
	size_t n = v->nfollowers;
	memcpy(f, v->followers, n * sizeof(*f));
	v->nfollowers = 0; /* a follower may start the next change */
	for (size_t i = 0; i < n; i++)
		f[i].done(f[i].arg, committed);
}

int vault_commit(struct vault *v)
{
	int rc = db_exec(v->db, "COMMIT", "saving the change");
	if (rc) { /* a failed COMMIT leaves the change unsaved: undo it all */
		sqlite3_exec(v->db, "ROLLBACK", NULL, NULL, NULL);
		v->rolled_back = true;
	}
	tell_followers(v, rc == 0);
	return rc;
}

void vault_rollback(struct vault *v)
{
	sqlite3_exec(v->db, "ROLLBACK", NULL, NULL, NULL);
	v->rolled_back = true;
	tell_followers(v, false);
}

int vault_follow(struct vault *v, void (*done)(void *arg, bool committed), void *arg)
{
	for (size_t i = 0; i < v->nfollowers; i++)
		if (v->followers[i].done == done && v->followers[i].arg == arg)
			return 0;
	if (v->nfollowers == VAULT_FOLLOWERS)
		return error_set(VG_EINTERNAL, "too many things follow one change");
	v->followers[v->nfollowers++] = (struct vault_follower){done, arg};
	return 0;
}

bool vault_followed_by(const struct vault *v, void (*done)(void *arg, bool committed),
                       const void *arg)
{
	for (size_t i = 0; i < v->nfollowers; i++)
		if (v->followers[i].done == done && (!arg || v->followers[i].arg == arg))
			return true;
	return false;
}
