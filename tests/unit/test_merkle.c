/* Unit tests of the RFC 6962 / 9162 Merkle tree against the published test
 * vectors of the Certificate Transparency libraries (transparency-dev/merkle,
 * proof/verify_test.go: eight leaves, their roots, and inclusion and
 * consistency proofs). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ledger/merkle.h"
#include "util/util.h"

static const char *const leaf_hex[8] = {"",
                                        "00",
                                        "10",
                                        "2021",
                                        "3031",
                                        "40414243",
                                        "5051525354555657",
                                        "606162636465666768696a6b6c6d6e6f"};

static const char *const root_hex[8] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

/* leaf is 1-based as in the published vectors. */
static const struct {
	uint64_t leaf, size;
	size_t n;
	const char *proof[3];
} inclusion[] = {
    {1, 1, 0, {NULL}},
    {1,
     8,
     3,
     {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
    {6,
     8,
     3,
     {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    {3, 3, 1, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
    {2,
     5,
     3,
     {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
};

static const struct {
	uint64_t size1, size2;
	size_t n;
	const char *proof[3];
} consistency[] = {
    {1, 1, 0, {NULL}},
    {1,
     8,
     3,
     {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
    {6,
     8,
     3,
     {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    {2,
     5,
     2,
     {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
    {6,
     7,
     3,
     {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
};

static size_t unhex(const char *s, uint8_t *out)
{
	size_t n = strlen(s) / 2;
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		sscanf(s + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
	return n;
}

static merkle_hash leaves[8];

static int setup(void **state)
{
	(void)state;
	for (int i = 0; i < 8; i++) {
		uint8_t buf[16];
		size_t n = unhex(leaf_hex[i], buf);
		merkle_leaf_hash(buf, n, leaves[i]);
	}
	return 0;
}

static void expect_hash(const merkle_hash got, const char *want_hex)
{
	merkle_hash want;
	unhex(want_hex, want);
	assert_memory_equal(got, want, MERKLE_HASH);
}

static void test_empty_tree(void **state)
{
	(void)state;
	merkle_hash r;
	merkle_root(NULL, 0, r);
	expect_hash(r, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_roots(void **state)
{
	(void)state;
	/* One leaf: the root is the leaf hash of the empty string. */
	for (uint64_t n = 1; n <= 8; n++) {
		merkle_hash r;
		merkle_root(leaves, n, r);
		expect_hash(r, root_hex[n - 1]);
	}
}

static void test_inclusion(void **state)
{
	(void)state;
	for (size_t t = 0; t < ARRAY_SIZE(inclusion); t++) {
		merkle_hash *proof;
		size_t len;
		uint64_t idx = inclusion[t].leaf - 1, size = inclusion[t].size;
		assert_int_equal(merkle_inclusion_proof(leaves, size, idx, &proof, &len), 0);
		assert_int_equal(len, inclusion[t].n);
		for (size_t i = 0; i < len; i++)
			expect_hash(proof[i], inclusion[t].proof[i]);
		merkle_hash root;
		unhex(root_hex[size - 1], root);
		assert_true(merkle_verify_inclusion(idx, size, leaves[idx], proof, len, root));
		/* Wrong index, size, leaf; a flipped bit in each node; a node too few. */
		assert_false(merkle_verify_inclusion(idx + 1, size, leaves[idx], proof, len, root));
		assert_false(merkle_verify_inclusion(idx, size * 2, leaves[idx], proof, len, root));
		assert_false(
		    merkle_verify_inclusion(idx, size, leaves[(idx + 1) % 8], proof, len, root));
		for (size_t i = 0; i < len; i++) {
			proof[i][0] ^= 8;
			assert_false(
			    merkle_verify_inclusion(idx, size, leaves[idx], proof, len, root));
			proof[i][0] ^= 8;
		}
		if (len)
			assert_false(
			    merkle_verify_inclusion(idx, size, leaves[idx], proof, len - 1, root));
		free(proof);
	}
	assert_int_not_equal(
	    merkle_inclusion_proof(leaves, 8, 8, &(merkle_hash *){NULL}, &(size_t){0}), 0);
}

static void test_consistency(void **state)
{
	(void)state;
	for (size_t t = 0; t < ARRAY_SIZE(consistency); t++) {
		merkle_hash *proof;
		size_t len;
		uint64_t m = consistency[t].size1, n = consistency[t].size2;
		assert_int_equal(merkle_consistency_proof(leaves, m, n, &proof, &len), 0);
		assert_int_equal(len, consistency[t].n);
		for (size_t i = 0; i < len; i++)
			expect_hash(proof[i], consistency[t].proof[i]);
		merkle_hash r1, r2;
		unhex(root_hex[m - 1], r1);
		unhex(root_hex[n - 1], r2);
		assert_true(merkle_verify_consistency(m, n, r1, r2, proof, len));
		if (len) {
			assert_false(merkle_verify_consistency(m, n, r2, r1, proof, len));
			assert_false(merkle_verify_consistency(m + 1, n, r1, r2, proof, len));
			assert_false(merkle_verify_consistency(m, n, r1, r2, proof, len - 1));
			for (size_t i = 0; i < len; i++) {
				proof[i][0] ^= 16;
				assert_false(merkle_verify_consistency(m, n, r1, r2, proof, len));
				proof[i][0] ^= 16;
			}
		}
		free(proof);
	}
}

/* Every pair of sizes up to 8 round-trips through proof and verification. */
static void test_all_sizes(void **state)
{
	(void)state;
	for (uint64_t n = 1; n <= 8; n++) {
		merkle_hash rn;
		merkle_root(leaves, n, rn);
		for (uint64_t i = 0; i < n; i++) {
			merkle_hash *p;
			size_t len;
			assert_int_equal(merkle_inclusion_proof(leaves, n, i, &p, &len), 0);
			assert_true(merkle_verify_inclusion(i, n, leaves[i], p, len, rn));
			free(p);
		}
		for (uint64_t m = 1; m <= n; m++) {
			merkle_hash rm, *p;
			size_t len;
			merkle_root(leaves, m, rm);
			assert_int_equal(merkle_consistency_proof(leaves, m, n, &p, &len), 0);
			assert_true(merkle_verify_consistency(m, n, rm, rn, p, len));
			free(p);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty_tree), cmocka_unit_test(test_roots),
	    cmocka_unit_test(test_inclusion),  cmocka_unit_test(test_consistency),
	    cmocka_unit_test(test_all_sizes),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
