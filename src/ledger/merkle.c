/*
 * merkle.c - RFC 6962 / RFC 9162 Merkle trees (see merkle.h).
 */
#include "ledger/merkle.h"

#include <openssl/evp.h>

#include "util/util.h"

static void sha256_parts(const void *a, size_t alen, const void *b, size_t blen, const void *c,
                         size_t clen, merkle_hash out)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned int len;
	if (!md)
		abort();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, a, alen);
	if (blen)
		EVP_DigestUpdate(md, b, blen);
	if (clen)
		EVP_DigestUpdate(md, c, clen);
	EVP_DigestFinal_ex(md, out, &len);
	EVP_MD_CTX_free(md);
}

void merkle_leaf_hash(const void *data, size_t len, merkle_hash out)
{
	static const uint8_t prefix = 0;
	sha256_parts(&prefix, 1, data, len, NULL, 0, out);
}

void merkle_node_hash(const merkle_hash left, const merkle_hash right, merkle_hash out)
{
	static const uint8_t prefix = 1;
	sha256_parts(&prefix, 1, left, MERKLE_HASH, right, MERKLE_HASH, out);
}

/* The largest power of two smaller than n (n >= 2). */
static uint64_t split(uint64_t n)
{
	uint64_t k = 1;
	while (k << 1 < n)
		k <<= 1;
	return k;
}

void merkle_root(const merkle_hash *leaves, uint64_t n, merkle_hash out)
{
	if (n == 0) {
		sha256_parts("", 0, NULL, 0, NULL, 0, out);
		return;
	}
	if (n == 1) {
		memcpy(out, leaves[0], MERKLE_HASH);
		return;
	}
	uint64_t k = split(n);
	merkle_hash l, r;
	merkle_root(leaves, k, l);
	merkle_root(leaves + k, n - k, r);
	merkle_node_hash(l, r, out);
}

struct proof {
	merkle_hash *h;
	size_t n, cap;
};

static void proof_push(struct proof *p, const merkle_hash h)
{
	xgrow((void **)&p->h, &p->cap, p->n + 1, sizeof(merkle_hash));
	memcpy(p->h[p->n++], h, MERKLE_HASH);
}

/* RFC 6962 PATH(m, D[n]): deepest sibling first. */
static void path(const merkle_hash *d, uint64_t m, uint64_t n, struct proof *p)
{
	if (n <= 1)
		return;
	uint64_t k = split(n);
	merkle_hash h;
	if (m < k) {
		path(d, m, k, p);
		merkle_root(d + k, n - k, h);
	} else {
		path(d + k, m - k, n - k, p);
		merkle_root(d, k, h);
	}
	proof_push(p, h);
}

/* RFC 6962 SUBPROOF(m, D[n], b). */
static void subproof(const merkle_hash *d, uint64_t m, uint64_t n, bool b, struct proof *p)
{
	merkle_hash h;
	if (m == n) {
		if (!b) {
			merkle_root(d, n, h);
			proof_push(p, h);
		}
		return;
	}
	uint64_t k = split(n);
	if (m <= k) {
		subproof(d, m, k, b, p);
		merkle_root(d + k, n - k, h);
	} else {
		subproof(d + k, m - k, n - k, false, p);
		merkle_root(d, k, h);
	}
	proof_push(p, h);
}

int merkle_inclusion_proof(const merkle_hash *leaves, uint64_t n, uint64_t index,
                           merkle_hash **proof, size_t *len)
{
	*proof = NULL;
	*len = 0;
	if (index >= n)
		return error_set(VG_ENOTFOUND, "entry %llu is not in a tree of %llu entries",
		                 (unsigned long long)index + 1, (unsigned long long)n);
	struct proof p = {0};
	path(leaves, index, n, &p);
	*proof = p.h;
	*len = p.n;
	return 0;
}

int merkle_consistency_proof(const merkle_hash *leaves, uint64_t m, uint64_t n, merkle_hash **proof,
                             size_t *len)
{
	*proof = NULL;
	*len = 0;
	if (m == 0 || m > n)
		return error_set(VG_EINVALID,
		                 "no consistency proof from a tree of %llu entries to one of %llu",
		                 (unsigned long long)m, (unsigned long long)n);
	struct proof p = {0};
	if (m < n)
		subproof(leaves, m, n, true, &p);
	*proof = p.h;
	*len = p.n;
	return 0;
}

bool merkle_verify_inclusion(uint64_t index, uint64_t size, const merkle_hash leaf,
                             const merkle_hash *proof, size_t len, const merkle_hash root)
{
	if (index >= size)
		return false;
	uint64_t fn = index, sn = size - 1;
	merkle_hash r;
	memcpy(r, leaf, MERKLE_HASH);
	for (size_t i = 0; i < len; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], r, r);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node_hash(r, proof[i], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && !memcmp(r, root, MERKLE_HASH);
}

bool merkle_verify_consistency(uint64_t size1, uint64_t size2, const merkle_hash root1,
                               const merkle_hash root2, const merkle_hash *proof, size_t len)
{
	if (size1 > size2)
		return false;
	if (size1 == size2)
		return len == 0 && !memcmp(root1, root2, MERKLE_HASH);
	if (size1 == 0)
		return len == 0;
	if (len == 0)
		return false;
	/* When size1 is a power of two, the old root is the first node of the path. */
	bool pow2 = (size1 & (size1 - 1)) == 0;
	size_t i = 0;
	merkle_hash fr, sr;
	if (pow2) {
		memcpy(fr, root1, MERKLE_HASH);
	} else {
		memcpy(fr, proof[0], MERKLE_HASH);
		i = 1;
	}
	memcpy(sr, fr, MERKLE_HASH);
	uint64_t fn = size1 - 1, sn = size2 - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	for (; i < len; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], fr, fr);
			merkle_node_hash(proof[i], sr, sr);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node_hash(sr, proof[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && !memcmp(fr, root1, MERKLE_HASH) && !memcmp(sr, root2, MERKLE_HASH);
}
