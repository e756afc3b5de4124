/*
 * merkle.h - the Merkle tree of RFC 6962 / RFC 9162 over SHA-256: leaf hash
 * = SHA-256(0x00 || data), interior node = SHA-256(0x01 || left || right),
 * the tree of n leaves split at the largest power of two below n; the empty
 * tree's root is SHA-256 of nothing. Inclusion and consistency proofs are
 * made and checked as in RFC 9162 section 2.1.
 *
 * Pure functions over arrays of leaf hashes; proofs are xmalloc'ed arrays the
 * caller frees. Thread-safe.
 */
#ifndef VIGIL_MERKLE_H
#define VIGIL_MERKLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH 32

typedef uint8_t merkle_hash[MERKLE_HASH];

void merkle_leaf_hash(const void *data, size_t len, merkle_hash out);
void merkle_node_hash(const merkle_hash left, const merkle_hash right, merkle_hash out);
/* The root of the tree over leaves[0..n). */
void merkle_root(const merkle_hash *leaves, uint64_t n, merkle_hash out);
/* The audit path of leaf index in the tree of size n (index < n). */
int merkle_inclusion_proof(const merkle_hash *leaves, uint64_t n, uint64_t index,
                           merkle_hash **proof, size_t *len);
/* The proof that the tree of size m is a prefix of the tree of size n (0 < m <= n). */
int merkle_consistency_proof(const merkle_hash *leaves, uint64_t m, uint64_t n, merkle_hash **proof,
                             size_t *len);
bool merkle_verify_inclusion(uint64_t index, uint64_t size, const merkle_hash leaf,
                             const merkle_hash *proof, size_t len, const merkle_hash root);
bool merkle_verify_consistency(uint64_t size1, uint64_t size2, const merkle_hash root1,
                               const merkle_hash root2, const merkle_hash *proof, size_t len);

#endif
