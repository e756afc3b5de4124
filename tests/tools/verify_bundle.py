#!/usr/bin/env python3
"""An independent checker of Vigil evidence bundles (python3 standard library,
plus the `cryptography` package or the openssl command for Ed25519).

It shares no code with Vigil: it recomputes every leaf hash, the root each
inclusion proof leads to (RFC 9162 section 2.1.3.2), the checkpoint's C2SP
signed-note key id and Ed25519 signature, and the SHA-256 of every file
against its collect entry. Prints one line per problem; exit 0 when none.

usage: verify_bundle.py BUNDLE-DIR [--key BASE64-ED25519-PUBLIC-KEY]
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile


def sha256(b):
    return hashlib.sha256(b).digest()


def root_from_inclusion(index, size, leaf, proof):
    if index >= size:
        raise ValueError("index beyond the tree")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise ValueError("proof too long")
        if fn & 1 or fn == sn:
            r = sha256(b"\x01" + p + r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = sha256(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ValueError("proof too short")
    return r


def ed25519_ok(pub, sig, msg):
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from cryptography.exceptions import InvalidSignature
        try:
            Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg)
            return True
        except InvalidSignature:
            return False
    except ImportError:
        pass
    # OpenSSL: the key as DER SubjectPublicKeyInfo (fixed 12-byte prefix for Ed25519).
    der = bytes.fromhex("302a300506032b6570032100") + pub
    with tempfile.TemporaryDirectory() as d:
        paths = {n: os.path.join(d, n) for n in ("key.der", "msg", "sig")}
        for n, data in (("key.der", der), ("msg", msg), ("sig", sig)):
            with open(paths[n], "wb") as f:
                f.write(data)
        r = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-keyform", "DER",
                            "-inkey", paths["key.der"], "-rawin", "-in", paths["msg"],
                            "-sigfile", paths["sig"]], capture_output=True)
        return r.returncode == 0


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    bundle = argv[1]
    pin = argv[argv.index("--key") + 1] if "--key" in argv else None
    problems = []
    m = json.load(open(os.path.join(bundle, "manifest.json"), encoding="utf-8"))
    log = m["log"]
    pub = base64.b64decode(log["public_key"], validate=True)
    if pin and pin != log["public_key"]:
        problems.append("signed by another key than the one given")

    # The checkpoint: a C2SP signed note over a tlog-checkpoint body.
    note = open(os.path.join(bundle, "checkpoint"), "rb").read()
    if note.decode("utf-8") != log["checkpoint"]:
        problems.append("checkpoint file differs from manifest log.checkpoint")
    body, _, sigs = note.partition(b"\n\n")
    body += b"\n"
    origin, size_s, root_b64 = body.decode("utf-8").rstrip("\n").split("\n")
    size, root = int(size_s), base64.b64decode(root_b64, validate=True)
    keyid = sha256(origin.encode() + b"\n\x01" + pub)[:4]
    signed = False
    for line in sigs.decode("utf-8").splitlines():
        dash, name, sig_b64 = line.split(" ")
        sig = base64.b64decode(sig_b64, validate=True)
        if dash != "\u2014" or name != origin or sig[:4] != keyid:
            continue
        signed = ed25519_ok(pub, sig[4:], body)
    if not signed:
        problems.append("the checkpoint's signature does not hold")
    if size != log["tree_size"] or root_b64 != log["root"]:
        problems.append("log.tree_size/root differ from the checkpoint")

    # Every entry: its leaf hash and the root its inclusion proof leads to.
    proven = {}
    for e in m["entries"]:
        raw = e["entry"].encode("utf-8")
        leaf = sha256(b"\x00" + raw)
        if leaf.hex() != e["leaf_hash"]:
            problems.append(f"entry {e['seq']}: leaf hash differs")
            continue
        try:
            got = root_from_inclusion(e["seq"] - 1, size, leaf,
                                      [bytes.fromhex(p) for p in e["inclusion_proof"]])
        except ValueError as err:
            problems.append(f"entry {e['seq']}: {err}")
            continue
        if got != root:
            problems.append(f"entry {e['seq']}: proof leads to {got.hex()}, not the root")
            continue
        proven[e["seq"]] = json.loads(raw)

    # Every item: its file's SHA-256 and size are those of its proven collect entry.
    listed = set()
    for it in m["items"]:
        listed.add(os.path.basename(it["file"]))
        collect = [proven[s] for s in it["custody"]
                   if s in proven and proven[s]["op"] == "collect" and proven[s]["id"] == it["id"]]
        if not collect:
            problems.append(f"{it['id']}: no proven collect entry")
            continue
        want = collect[0]["data"]
        if it.get("sealed"):
            continue
        data = open(os.path.join(bundle, it["file"]), "rb").read()
        if sha256(data).hex() != want["sha256"] or len(data) != want["size"]:
            problems.append(f"{it['id']}: {it['file']} is not what was collected")
    for name in os.listdir(os.path.join(bundle, "files")):
        if name not in listed:
            problems.append(f"files/{name} is not in the manifest")

    for p in problems:
        print("FAIL", p)
    print(f"{'FAILED' if problems else 'OK'}: {len(proven)} entries proven to the root of "
          f"{size} entries, {len(m['items'])} items")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
