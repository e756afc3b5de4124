#!/usr/bin/env bash
# Evidence files of several 1 MiB chunks are checked by several threads at
# once; every way of cutting, repeating, dropping, reordering or extending
# chunks must still be caught by `vigil verify`. usage: chunks.sh VIGIL-BINARY
set -uo pipefail
VIGIL=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export VIGIL_NO_PROGRESS=1 VIGIL_USER=tester VIGIL_PASSPHRASE=chunks LC_ALL=C.UTF-8
export XDG_RUNTIME_DIR=$T/run VIGIL_VAULT=$T/vault
mkdir -p "$T/run" && chmod 700 "$T/run"
"$VIGIL" init --kdf interactive >/dev/null || exit 1
# 3 MiB + 5 bytes: three full chunks and a short final one.
head -c $((3 * 1048576 + 5)) /dev/urandom >"$T/video.mp4"
"$VIGIL" evidence add "$T/video.mp4" >/dev/null || exit 1
"$VIGIL" verify >/dev/null || { echo "the clean vault does not verify"; exit 1; }
exec python3 - "$VIGIL" "$T/vault" <<'PY'
import glob, os, subprocess, sys
vigil, vault = sys.argv[1], sys.argv[2]
path = glob.glob(os.path.join(vault, "evidence", "*"))[0]
orig = open(path, "rb").read()
H, C = 32, 1048576 + 17
ch = [orig[H + i * C:H + (i + 1) * C] for i in range(4)]
assert b"".join(ch) == orig[H:] and len(ch[3]) == 5 + 17
cases = {
    "the final chunk dropped": orig[:H] + ch[0] + ch[1] + ch[2],
    "a middle chunk dropped": orig[:H] + ch[0] + ch[2] + ch[3],
    "a chunk repeated": orig[:H] + ch[0] + ch[1] + ch[1] + ch[2] + ch[3],
    "two chunks swapped": orig[:H] + ch[1] + ch[0] + ch[2] + ch[3],
    "the final chunk repeated": orig + ch[3],
    "a byte of a chunk's MAC changed": orig[:H + 2 * C - 1] + bytes([orig[H + 2 * C - 1] ^ 4]) + orig[H + 2 * C:],
    "one byte more": orig + b"\0",
    "one byte less": orig[:-1],
    "only the header": orig[:H],
    "cut inside a chunk": orig[:H + C + 100],
}
bad = 0
for name, data in cases.items():
    open(path, "wb").write(data)
    r = subprocess.run([vigil, "verify"], capture_output=True, text=True)
    if r.returncode == 0 or "FAIL evidence-1" not in r.stdout:
        print(f"NOT DETECTED: {name}\n{r.stdout}{r.stderr}")
        bad += 1
open(path, "wb").write(orig)
r = subprocess.run([vigil, "verify"], capture_output=True, text=True)
if r.returncode != 0:
    print("the restored vault does not verify:", r.stdout)
    bad += 1
print(f"{len(cases) - bad} of {len(cases)} chunk manipulations detected")
sys.exit(1 if bad else 0)
PY
