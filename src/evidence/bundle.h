/*
 * bundle.h - evidence bundles: what `vigil export` writes for a lawyer, a
 * court or a partner organisation, and what `vigil verify-bundle` checks
 * without any vault.
 *
 * A bundle is a folder:
 *   files/<id>-<name>        the evidence in its original form, or, when sealed
 *                            to a partner's X25519 key, files/<id>-<name>.sealed
 *   SHA256SUMS               for `sha256sum -c` (original files only)
 *   manifest.json            items (SHA-256, size, media type, capture data,
 *                            custody events), the change log entries that
 *                            concern the case with RFC 9162 inclusion proofs,
 *                            the signed checkpoint and the public key
 *   checkpoint               the C2SP signed note the proofs lead to
 *   VERIFY.md                how to check all this with standard tools
 *
 * Sealed files are a series of records: a 4-byte big-endian length, then a
 * libsodium sealed box (crypto_box_seal) of: 8-byte big-endian chunk number,
 * one byte 1 on the last chunk else 0, up to 1 MiB of the file.
 *
 * Everything here is single-threaded; returned JSON is the caller's.
 */
#ifndef VIGIL_BUNDLE_H
#define VIGIL_BUNDLE_H

#include <jansson.h>

struct vault;

#define BUNDLE_FORMAT "vigil-evidence-bundle-1"

/* Exports a case's evidence to out_dir (missing or empty). to_pubkey: the
 * base64 X25519 public key to seal the files to, or NULL. Records an
 * "export" custody event per item and a checkpoint covering them; opens its
 * own write transactions. *summary gets {out, items, entries, tree_size}. */
int bundle_export(struct vault *v, const char *case_id, const char *out_dir, const char *to_pubkey,
                  json_t **summary);

/* Checks a bundle. pin_key: the base64 Ed25519 public key the checkpoint must
 * be signed by (else the bundle's own key is used, and said so); secret_key:
 * base64 X25519 secret key to open sealed files, or NULL (then sealed files
 * are only counted). Failures are appended to failures as {item, message};
 * returns a negative error only when the bundle cannot be read at all. */
int bundle_verify(const char *dir, const char *pin_key, const char *secret_key, json_t *failures,
                  json_t **summary);

/* Makes an X25519 key pair for a partner: both base64. Caller frees. */
void bundle_partner_keypair(char **pub_b64, char **secret_b64);

#endif
