/*
 * bundle.c - evidence bundles: export and vault-less verification (see bundle.h).
 */
#include "evidence/bundle.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <sodium.h>

#include "evidence/evidence.h"
#include "ledger/ledger.h"
#include "ledger/verify.h"
#include "records/evidence_store.h"
#include "records/records.h"
#include "util/fileio.h"
#include "util/util.h"
#include "vault/vault.h"

/* ---- sealing to a partner's key ---- */

struct sealer {
	int fd;
	uint8_t pk[crypto_box_PUBLICKEYBYTES];
	uint64_t index;
	unsigned char *pending; /* 9-byte prefix + up to one chunk */
	size_t pending_len;     /* data bytes in pending */
	bool have_pending;
	unsigned char *out;
};

static int sealer_emit(struct sealer *s, bool final)
{
	unsigned char *m = s->pending;
	for (int i = 0; i < 8; i++)
		m[i] = (unsigned char)(s->index >> (56 - 8 * i));
	m[8] = final ? 1 : 0;
	size_t mlen = 9 + s->pending_len;
	size_t clen = mlen + crypto_box_SEALBYTES;
	unsigned char len4[4] = {(unsigned char)(clen >> 24), (unsigned char)(clen >> 16),
	                         (unsigned char)(clen >> 8), (unsigned char)clen};
	crypto_box_seal(s->out, m, mlen, s->pk);
	int rc = file_write_all(s->fd, len4, 4, "writing a sealed file");
	if (!rc)
		rc = file_write_all(s->fd, s->out, clen, "writing a sealed file");
	s->index++;
	s->pending_len = 0;
	s->have_pending = false;
	return rc;
}

static int sealer_sink(void *arg, const unsigned char *m, size_t len)
{
	struct sealer *s = arg;
	if (s->have_pending) {
		int rc = sealer_emit(s, false);
		if (rc)
			return rc;
	}
	memcpy(s->pending + 9, m, len);
	s->pending_len = len;
	s->have_pending = true;
	return 0;
}

static int plain_sink(void *arg, const unsigned char *m, size_t len)
{
	return file_write_all(*(int *)arg, m, len, "writing an exported file");
}

/* ---- export ---- */

static char *safe_name(const char *id, const char *original, bool sealed)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s-", id);
	for (const unsigned char *p = (const unsigned char *)original; *p; p++) {
		if (*p == '/' || *p == '\\' || *p < 0x20 || *p == 0x7f)
			strbuf_addch(&sb, '_');
		else
			strbuf_addch(&sb, *p);
	}
	if (sb.len > 200)
		strbuf_setlen(&sb, 200);
	if (sealed)
		strbuf_adds(&sb, ".sealed");
	return strbuf_detach(&sb, NULL);
}

static json_t *hex_array(const merkle_hash *h, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		char x[2 * MERKLE_HASH + 1];
		sodium_bin2hex(x, sizeof(x), h[i], MERKLE_HASH);
		json_array_append_new(a, json_string(x));
	}
	return a;
}

static json_t *hex_string(const merkle_hash h)
{
	char x[2 * MERKLE_HASH + 1];
	sodium_bin2hex(x, sizeof(x), h, MERKLE_HASH);
	return json_string(x);
}

static int grab_entry(void *arg, int64_t seq, const void *entry, size_t len)
{
	(void)seq;
	strbuf_add(arg, entry, len);
	return 0;
}

static void add_seq(json_t *set, json_int_t seq)
{
	char key[32];
	snprintf(key, sizeof(key), "%020lld", (long long)seq);
	json_object_set_new(set, key, json_integer(seq));
}

static const char verify_md[] =
    "# How to check this evidence bundle\n"
    "\n"
    "This folder was written by Vigil (`vigil export`). It holds evidence files\n"
    "and the proof that they are what was collected, when it was collected, by\n"
    "whom, and everything that happened to them since. You need no Vigil and no\n"
    "trust in Vigil to check it: standard tools are enough.\n"
    "\n"
    "## 1. The files are intact\n"
    "\n"
    "    cd files && sha256sum -c ../SHA256SUMS\n"
    "\n"
    "(`openssl dgst -sha256 FILE` gives the same hashes.) Every line must say OK.\n"
    "Sealed files (`*.sealed`, sent to one organisation only) are checked after\n"
    "opening them with that organisation's key.\n"
    "\n"
    "## 2. The hashes are the ones recorded at collection\n"
    "\n"
    "`manifest.json` lists each item with its SHA-256 (`items[].sha256`) and the\n"
    "numbers of its custody events (`items[].custody`): collection, links to the\n"
    "case's records, extractions, exports. Each event is a change log entry in\n"
    "`entries[]`, given as its exact bytes (`entry`), so the collection entry of an\n"
    "item shows the SHA-256, size, capture time and collector recorded then.\n"
    "\n"
    "## 3. The entries are in the signed log\n"
    "\n"
    "Every change Vigil makes is a leaf of a Merkle tree (RFC 9162, as in\n"
    "Certificate Transparency): leaf hash = SHA-256(0x00 || entry bytes), node =\n"
    "SHA-256(0x01 || left || right). `entries[].inclusion_proof` is each entry's\n"
    "RFC 9162 inclusion proof (leaf index = seq - 1) to the root hash in the\n"
    "checkpoint. `checkpoint` (also `log.checkpoint`) is a C2SP tlog-checkpoint,\n"
    "signed as a C2SP signed note with the vault's Ed25519 key\n"
    "(`log.public_key`). Compare that key with one you received from the\n"
    "defender by another way (phone, in person): a bundle can only prove that it\n"
    "comes from the holder of that key.\n"
    "\n"
    "A few lines of Python 3 check everything (hashlib and base64 from the\n"
    "standard library; for the signature the common `cryptography` package, or\n"
    "OpenSSL):\n"
    "\n"
    "```python\n"
    "import base64, hashlib, json\n"
    "m = json.load(open('manifest.json'))\n"
    "H = lambda b: hashlib.sha256(b).digest()\n"
    "note = m['log']['checkpoint']\n"
    "body, sigs = note.split('\\n\\n', 1)\n"
    "origin, size, root = body.split('\\n')\n"
    "size, root = int(size), base64.b64decode(root)\n"
    "def verify(idx, n, leaf, proof):  # RFC 9162 section 2.1.3.2\n"
    "    fn, sn, r = idx, n - 1, leaf\n"
    "    for p in proof:\n"
    "        if sn == 0: return False\n"
    "        if fn & 1 or fn == sn:\n"
    "            r = H(b'\\x01' + p + r)\n"
    "            while not fn & 1 and fn: fn >>= 1; sn >>= 1\n"
    "        else:\n"
    "            r = H(b'\\x01' + r + p)\n"
    "        fn >>= 1; sn >>= 1\n"
    "    return sn == 0 and r == root\n"
    "for e in m['entries']:\n"
    "    leaf = H(b'\\x00' + e['entry'].encode())\n"
    "    ok = verify(e['seq'] - 1, size, leaf,\n"
    "                [bytes.fromhex(p) for p in e['inclusion_proof']])\n"
    "    print(e['seq'], 'OK' if ok else 'FAILED')\n"
    "# the signature: Ed25519 over the note body (with its final newline)\n"
    "from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey\n"
    "sig = base64.b64decode(sigs.split(' ')[2])[4:]\n"
    "Ed25519PublicKey.from_public_bytes(base64.b64decode(m['log']['public_key']))\\\n"
    "    .verify(sig, (body + '\\n').encode())  # raises if it does not hold\n"
    "print('signature OK')\n"
    "```\n"
    "\n"
    "With OpenSSL only, the signature: write the note body (the lines before the\n"
    "blank line, with the final newline) to body.txt, the signature (base64 after\n"
    "the key name, without its first 4 bytes) to sig.bin, the public key as PEM\n"
    "to key.pem, then\n"
    "`openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in body.txt -sigfile sig.bin`.\n"
    "\n"
    "Or, with Vigil: `vigil verify-bundle DIR --key PUBLIC-KEY`.\n";

int bundle_export(struct vault *v, const char *case_id, const char *out_dir, const char *to_pubkey,
                  json_t **summary)
{
	*summary = NULL;
	const struct kind_desc *ck = records_kind("case");
	if (!records_exists(v, ck, case_id))
		return error_set(VG_ENOTFOUND, "no case with id '%s'; see 'vigil case list'",
		                 case_id);
	uint8_t to_pk[crypto_box_PUBLICKEYBYTES];
	if (to_pubkey && !ledger_unbase64(to_pubkey, strlen(to_pubkey), to_pk, sizeof(to_pk)))
		return error_set(VG_EUSAGE,
		                 "--to needs the partner's X25519 public key in base64 (44 "
		                 "characters; 'vigil key partner' makes a pair)");
	if (!dir_is_empty_or_missing(out_dir))
		return error_set(VG_EEXISTS, "%s exists and is not empty; choose a new folder",
		                 out_dir);
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/files", out_dir);
	int rc = dir_create_parents(path.buf, 0700);
	json_t *items = NULL, *mitems = json_array(), *seqs = json_object(), *entries = NULL;
	struct strbuf sums = STRBUF_INIT;
	merkle_hash *leaves = NULL;
	char *cpath = NULL, *cptext = NULL;
	if (rc)
		goto out;
	rc = evidence_list(v, case_id, &items);
	if (rc)
		goto out;
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		const char *id = json_string_value(json_object_get(item, "id"));
		char *name =
		    safe_name(id, json_string_value(json_object_get(item, "original_name")),
		              to_pubkey != NULL);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/files/%s", out_dir, name);
		int fd = open(path.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			rc = error_set(VG_EIO, "cannot create %s: %s", path.buf, strerror(errno));
			free(name);
			goto out;
		}
		if (to_pubkey) {
			struct sealer s = {.fd = fd};
			memcpy(s.pk, to_pk, sizeof(s.pk));
			s.pending = xmalloc(9 + EVIDENCE_CHUNK);
			s.out = xmalloc(9 + EVIDENCE_CHUNK + crypto_box_SEALBYTES);
			rc = evidence_decrypt_cb(v, id, sealer_sink, &s);
			if (!rc)
				rc = sealer_emit(&s, true);
			sodium_memzero(s.pending, 9 + EVIDENCE_CHUNK);
			free(s.pending);
			free(s.out);
		} else {
			rc = evidence_decrypt_cb(v, id, plain_sink, &fd);
			strbuf_addf(&sums, "%s  %s\n",
			            json_string_value(json_object_get(item, "sha256")), name);
		}
		if (!rc && fsync(fd) != 0)
			rc = error_set(VG_EIO, "cannot write %s: %s", path.buf, strerror(errno));
		close(fd);
		json_t *m = json_deep_copy(item);
		strbuf_reset(&path);
		strbuf_addf(&path, "files/%s", name);
		json_object_set_new(m, "file", json_string(path.buf));
		json_object_set_new(m, "sealed", json_boolean(to_pubkey != NULL));
		json_array_append_new(mitems, m);
		free(name);
		if (rc)
			goto out;
	}
	/* The export itself is a custody event of each item. */
	rc = vault_begin(v);
	if (rc)
		goto out;
	json_array_foreach(mitems, i, item)
	{
		char *full = realpath(out_dir, NULL);
		json_t *data = json_pack("{s:s, s:O}", "out", full ? full : out_dir, "file",
		                         json_object_get(item, "file"));
		free(full);
		if (to_pubkey)
			json_object_set_new(data, "to", json_string(to_pubkey));
		rc = evidence_custody_event(v, json_string_value(json_object_get(item, "id")),
		                            to_pubkey ? "share" : "export", data);
		json_decref(data);
		if (rc)
			break;
	}
	if (rc) {
		vault_rollback(v);
		goto out;
	}
	rc = vault_commit(v);
	if (!rc)
		rc = ledger_after_change(v);
	if (!rc)
		rc = ledger_checkpoint(v, &cpath, NULL);
	struct checkpoint cp;
	if (!rc)
		rc = ledger_checkpoint_read(v, cpath, &cp, &cptext);
	uint64_t n = 0;
	if (!rc)
		rc = ledger_leaves(v, &leaves, &n);
	if (rc)
		goto out;
	/* The entries that concern the case, and every custody event of its items. */
	json_t *caselog;
	rc = changelog_list(v, case_id, &caselog);
	if (rc)
		goto out;
	json_t *e;
	json_array_foreach(caselog, i, e)
	    add_seq(seqs, json_integer_value(json_object_get(e, "seq")));
	json_decref(caselog);
	json_array_foreach(mitems, i, item)
	{
		json_t *events;
		rc = evidence_custody(v, json_string_value(json_object_get(item, "id")), &events);
		if (rc)
			goto out;
		json_t *list = json_array();
		size_t j;
		json_array_foreach(events, j, e)
		{
			json_int_t seq = json_integer_value(json_object_get(e, "seq"));
			add_seq(seqs, seq);
			json_array_append_new(list, json_integer(seq));
		}
		json_object_set_new(item, "custody", list);
		json_decref(events);
	}
	entries = json_array();
	const char *key;
	json_t *sv;
	json_object_foreach(seqs, key, sv)
	{
		json_int_t seq = json_integer_value(sv);
		if (seq < 1 || (uint64_t)seq > cp.size)
			continue;
		struct strbuf raw = STRBUF_INIT;
		rc = changelog_each_entry(v, seq, seq + 1, grab_entry, &raw);
		merkle_hash *proof = NULL;
		size_t plen = 0;
		if (!rc)
			rc = merkle_inclusion_proof(leaves, cp.size, (uint64_t)seq - 1, &proof,
			                            &plen);
		if (!rc)
			json_array_append_new(entries,
			                      json_pack("{s:I, s:s%, s:o, s:o}", "seq", seq,
			                                "entry", raw.buf, raw.len, "leaf_hash",
			                                hex_string(leaves[seq - 1]),
			                                "inclusion_proof", hex_array(proof, plen)));
		free(proof);
		strbuf_release(&raw);
		if (rc)
			goto out;
	}
	struct ledger_key k;
	ledger_key(v, &k);
	char *pk64 = ledger_base64(k.pk, 32), *vkey = ledger_verifier_key(&k),
	     *root64 = ledger_base64(cp.root, MERKLE_HASH);
	char now[21];
	records_now(now);
	json_t *manifest =
	    json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:I, s:s, s:s}, s:O, s:O}", "format",
	              BUNDLE_FORMAT, "case", case_id, "exported_at", now, "exported_by", v->actor,
	              "log", "origin", k.name, "public_key", pk64, "verifier_key", vkey,
	              "tree_size", (json_int_t)cp.size, "root", root64, "checkpoint", cptext,
	              "items", mitems, "entries", entries);
	if (to_pubkey)
		json_object_set_new(manifest, "sealed_to", json_string(to_pubkey));
	ledger_key_wipe(&k);
	free(pk64);
	free(vkey);
	free(root64);
	char *mtext = json_dumps(manifest, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(manifest);
	struct {
		const char *name;
		const char *text;
		size_t len;
	} outs[] = {
	    {"manifest.json", mtext, strlen(mtext)},
	    {"checkpoint", cptext, strlen(cptext)},
	    {"VERIFY.md", verify_md, sizeof(verify_md) - 1},
	    {"SHA256SUMS", sums.buf, sums.len},
	};
	for (size_t o = 0; o < ARRAY_SIZE(outs) && !rc; o++) {
		if (!strcmp(outs[o].name, "SHA256SUMS") && to_pubkey)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", out_dir, outs[o].name);
		rc = file_write_atomic(path.buf, outs[o].text, outs[o].len, 0600);
	}
	free(mtext);
	if (!rc)
		*summary = json_pack("{s:s, s:I, s:I, s:I}", "out", out_dir, "items",
		                     (json_int_t)json_array_size(mitems), "entries",
		                     (json_int_t)json_array_size(entries), "tree_size",
		                     (json_int_t)cp.size);
out:
	json_decref(items);
	json_decref(mitems);
	json_decref(seqs);
	json_decref(entries);
	free(leaves);
	free(cpath);
	free(cptext);
	strbuf_release(&sums);
	strbuf_release(&path);
	return rc;
}

void bundle_partner_keypair(char **pub_b64, char **secret_b64)
{
	uint8_t pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
	crypto_box_keypair(pk, sk);
	*pub_b64 = ledger_base64(pk, sizeof(pk));
	*secret_b64 = ledger_base64(sk, sizeof(sk));
	sodium_memzero(sk, sizeof(sk));
}

/* ---- verification without a vault ---- */

static bool hex32(const char *s, merkle_hash out)
{
	size_t got = 0;
	return s && strlen(s) == 64 &&
	       sodium_hex2bin(out, MERKLE_HASH, s, 64, NULL, &got, NULL) == 0 && got == MERKLE_HASH;
}

/* SHA-256 and size of a plain file. */
static int hash_file(const char *path, char sha_hex[65], uint64_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error_set(VG_ENOTFOUND, "%s is missing: %s", path, strerror(errno));
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	unsigned char *buf = xmalloc(EVIDENCE_CHUNK);
	ssize_t n;
	*size = 0;
	while ((n = read(fd, buf, EVIDENCE_CHUNK)) > 0) {
		EVP_DigestUpdate(md, buf, (size_t)n);
		*size += (uint64_t)n;
	}
	int rc = n < 0 ? error_set(VG_EIO, "cannot read %s: %s", path, strerror(errno)) : 0;
	unsigned char sha[32];
	unsigned int l;
	EVP_DigestFinal_ex(md, sha, &l);
	sodium_bin2hex(sha_hex, 65, sha, 32);
	EVP_MD_CTX_free(md);
	free(buf);
	close(fd);
	return rc;
}

/* Opens a sealed file with the partner's key, hashing the plaintext. */
static int unseal_hash(const char *path, const uint8_t sk[crypto_box_SECRETKEYBYTES],
                       char sha_hex[65], uint64_t *size)
{
	uint8_t pk[crypto_box_PUBLICKEYBYTES];
	crypto_scalarmult_base(pk, sk);
	FILE *f = fopen(path, "rb");
	if (!f)
		return error_set(VG_ENOTFOUND, "%s is missing: %s", path, strerror(errno));
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	size_t cap = 9 + EVIDENCE_CHUNK + crypto_box_SEALBYTES;
	unsigned char *c = xmalloc(cap), *m = xmalloc(cap);
	int rc = 0;
	uint64_t index = 0;
	bool final = false;
	*size = 0;
	while (!final) {
		unsigned char l4[4];
		if (fread(l4, 1, 4, f) != 4) {
			rc = error_set(VG_EVERIFY, "%s is cut short", path);
			break;
		}
		size_t clen =
		    (size_t)l4[0] << 24 | (size_t)l4[1] << 16 | (size_t)l4[2] << 8 | l4[3];
		if (clen < 9 + crypto_box_SEALBYTES || clen > cap || fread(c, 1, clen, f) != clen ||
		    crypto_box_seal_open(m, c, clen, pk, sk) != 0) {
			rc = error_set(VG_EVERIFY, "%s is damaged or not sealed to this key", path);
			break;
		}
		uint64_t idx = 0;
		for (int i = 0; i < 8; i++)
			idx = idx << 8 | m[i];
		if (idx != index++ || m[8] > 1) {
			rc = error_set(VG_EVERIFY, "%s has its parts out of order", path);
			break;
		}
		final = m[8] == 1;
		size_t mlen = clen - crypto_box_SEALBYTES - 9;
		EVP_DigestUpdate(md, m + 9, mlen);
		*size += mlen;
	}
	if (!rc && fgetc(f) != EOF)
		rc = error_set(VG_EVERIFY, "%s has bytes after its end", path);
	unsigned char sha[32];
	unsigned int l;
	EVP_DigestFinal_ex(md, sha, &l);
	sodium_bin2hex(sha_hex, 65, sha, 32);
	EVP_MD_CTX_free(md);
	sodium_memzero(m, cap);
	free(m);
	free(c);
	fclose(f);
	return rc;
}

int bundle_verify(const char *dir, const char *pin_key, const char *secret_key, json_t *failures,
                  json_t **summary)
{
	*summary = NULL;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	strbuf_addf(&path, "%s/manifest.json", dir);
	int rc = file_read(path.buf, 512u << 20, &text);
	if (rc) {
		strbuf_release(&path);
		return rc;
	}
	json_error_t err;
	json_t *m = json_loadb(text.buf, text.len, 0, &err);
	strbuf_release(&text);
	if (!m) {
		rc = error_set(VG_EFORMAT, "%s: line %d: %s", path.buf, err.line, err.text);
		strbuf_release(&path);
		return rc;
	}
	uint8_t sk[crypto_box_SECRETKEYBYTES];
	bool have_sk = false;
	if (secret_key) {
		if (!ledger_unbase64(secret_key, strlen(secret_key), sk, sizeof(sk))) {
			json_decref(m);
			strbuf_release(&path);
			return error_set(VG_EUSAGE, "the secret key must be 32 bytes in base64");
		}
		have_sk = true;
	}
	const char *fmt = json_string_value(json_object_get(m, "format"));
	if (!fmt || strcmp(fmt, BUNDLE_FORMAT) != 0)
		verify_failf(failures, "manifest.json", "not a Vigil evidence bundle (format %s)",
		             fmt ? fmt : "missing");
	json_t *log = json_object_get(m, "log");
	const char *pk64 = json_string_value(json_object_get(log, "public_key"));
	const char *note = json_string_value(json_object_get(log, "checkpoint"));
	uint8_t pk[32];
	struct checkpoint cp = {0};
	bool cp_ok = false;
	if (!pk64 || !ledger_unbase64(pk64, strlen(pk64), pk, 32)) {
		verify_failf(failures, "manifest.json", "log.public_key is missing or damaged");
	} else if (pin_key && strcmp(pin_key, pk64) != 0) {
		verify_failf(failures, "manifest.json",
		             "the bundle is signed by %s, not by the key you gave (%s)", pk64,
		             pin_key);
	} else if (!note) {
		verify_failf(failures, "manifest.json", "log.checkpoint is missing");
	} else {
		struct ledger_key k;
		ledger_key_public(pk, &k);
		if (checkpoint_verify(note, strlen(note), &k, "log.checkpoint", &cp))
			verify_failf(failures, "checkpoint", "%s", error_message());
		else
			cp_ok = true;
		/* The separate copy must be the same note. */
		struct strbuf copy = STRBUF_INIT;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/checkpoint", dir);
		if (file_read(path.buf, 1 << 16, &copy) || copy.len != strlen(note) ||
		    memcmp(copy.buf, note, copy.len) != 0)
			verify_failf(failures, "checkpoint",
			             "%s is missing or differs from log.checkpoint", path.buf);
		strbuf_release(&copy);
	}
	/* Entries: leaf hashes and inclusion proofs to the signed root. */
	json_t *proven = json_object(); /* seq -> parsed entry */
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(m, "entries"), i, e)
	{
		json_int_t seq = json_integer_value(json_object_get(e, "seq"));
		char label[40];
		snprintf(label, sizeof(label), "entry %lld", (long long)seq);
		json_t *ev = json_object_get(e, "entry");
		merkle_hash leaf, given;
		if (!json_is_string(ev) || seq < 1) {
			verify_failf(failures, label, "the entry is damaged");
			continue;
		}
		merkle_leaf_hash(json_string_value(ev), json_string_length(ev), leaf);
		if (!hex32(json_string_value(json_object_get(e, "leaf_hash")), given) ||
		    memcmp(given, leaf, MERKLE_HASH) != 0) {
			verify_failf(failures, label, "its leaf hash does not match its bytes");
			continue;
		}
		json_t *pa = json_object_get(e, "inclusion_proof");
		size_t plen = json_array_size(pa);
		merkle_hash *proof = xcalloc(plen ? plen : 1, sizeof(merkle_hash));
		bool ok = cp_ok;
		for (size_t j = 0; j < plen && ok; j++)
			ok = hex32(json_string_value(json_array_get(pa, j)), proof[j]);
		if (ok)
			ok = merkle_verify_inclusion((uint64_t)seq - 1, cp.size, leaf, proof, plen,
			                             cp.root);
		free(proof);
		if (!ok) {
			verify_failf(
			    failures, label,
			    "its inclusion proof does not lead to the signed checkpoint's root");
			continue;
		}
		json_t *parsed = json_loads(json_string_value(ev), 0, NULL);
		if (parsed) {
			char key[32];
			snprintf(key, sizeof(key), "%lld", (long long)seq);
			json_object_set_new(proven, key, parsed);
		}
	}
	/* Items: the file's SHA-256 and size must be those of the proven collect entry. */
	json_t *listed = json_object();
	size_t sealed_unchecked = 0;
	json_t *item;
	json_array_foreach(json_object_get(m, "items"), i, item)
	{
		const char *id = json_string_value(json_object_get(item, "id"));
		const char *file = json_string_value(json_object_get(item, "file"));
		const char *sha = json_string_value(json_object_get(item, "sha256"));
		if (!id || !file || !sha || strncmp(file, "files/", 6) != 0 || strstr(file, "..") ||
		    strchr(file + 6, '/')) {
			verify_failf(failures, id ? id : "item",
			             "the item's id, file or sha256 is damaged");
			continue;
		}
		json_object_set_new(listed, file + 6, json_true());
		/* Its collect entry, proven above. */
		const json_t *collect = NULL;
		size_t j;
		json_t *sq;
		json_array_foreach(json_object_get(item, "custody"), j, sq)
		{
			char key[32];
			snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(sq));
			json_t *pe = json_object_get(proven, key);
			if (!pe) {
				verify_failf(failures, id,
				             "custody event %s is not among the proven entries",
				             key);
				continue;
			}
			const char *op = json_string_value(json_object_get(pe, "op"));
			const char *pid = json_string_value(json_object_get(pe, "id"));
			if (!pid || strcmp(pid, id) != 0)
				verify_failf(failures, id,
				             "custody event %s is about %s, not this item", key,
				             pid ? pid : "nothing");
			else if (op && !strcmp(op, "collect"))
				collect = json_object_get(pe, "data");
		}
		const char *csha = json_string_value(json_object_get(collect, "sha256"));
		uint64_t csize = (uint64_t)json_integer_value(json_object_get(collect, "size"));
		if (!csha) {
			verify_failf(failures, id, "no proven collect entry records its SHA-256");
			continue;
		}
		if (strcmp(csha, sha) != 0)
			verify_failf(failures, id,
			             "the manifest's SHA-256 differs from the one recorded at "
			             "collection");
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, file);
		char got[65];
		uint64_t size = 0;
		bool sealed = json_is_true(json_object_get(item, "sealed"));
		if (sealed && !have_sk) {
			sealed_unchecked++;
			if (!file_exists(path.buf))
				verify_failf(failures, id, "%s is missing", path.buf);
			continue;
		}
		rc = sealed ? unseal_hash(path.buf, sk, got, &size)
		            : hash_file(path.buf, got, &size);
		if (rc) {
			verify_failf(failures, id, "%s", error_message());
			rc = 0;
			continue;
		}
		if (strcmp(got, csha) != 0 || size != csize)
			verify_failf(
			    failures, id,
			    "%s has SHA-256 %s (%llu bytes), but %s (%llu bytes) was recorded at "
			    "collection",
			    path.buf, got, (unsigned long long)size, csha,
			    (unsigned long long)csize);
	}
	/* No file that the manifest does not list. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/files", dir);
	DIR *d = opendir(path.buf);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
			    !json_object_get(listed, de->d_name))
				verify_failf(failures, de->d_name,
				             "files/%s is not in the manifest", de->d_name);
		closedir(d);
	}
	*summary = json_pack(
	    "{s:s?, s:s?, s:I, s:I, s:I, s:I, s:b}", "case",
	    json_string_value(json_object_get(m, "case")), "public_key", pk64, "tree_size",
	    (json_int_t)cp.size, "entries", (json_int_t)json_object_size(proven), "items",
	    (json_int_t)json_array_size(json_object_get(m, "items")), "sealed_unchecked",
	    (json_int_t)sealed_unchecked, "key_pinned", pin_key != NULL);
	sodium_memzero(sk, sizeof(sk));
	json_decref(listed);
	json_decref(proven);
	json_decref(m);
	strbuf_release(&path);
	return 0;
}
