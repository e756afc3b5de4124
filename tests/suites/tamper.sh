#!/usr/bin/env bash
# The tamper drill: a vault with records, evidence and checkpoints; then, many
# times, one random byte of one random file of the vault is changed, removed
# or added, and `vigil verify` must fail (or the vault must refuse to open),
# naming something. Bounded: TAMPER_ROUNDS rounds (default 60), each on a fresh
# copy of the vault. usage: tamper.sh VIGIL-BINARY
set -uo pipefail
VIGIL=$1
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export VIGIL_NO_PROGRESS=1 VIGIL_USER=tester VIGIL_PASSPHRASE=drill LC_ALL=C.UTF-8
export XDG_RUNTIME_DIR=$T/run
mkdir -p "$T/run" && chmod 700 "$T/run"
rounds=${TAMPER_ROUNDS:-60}
seed=${TAMPER_SEED:-$RANDOM}

"$VIGIL" --vault "$T/clean" init --kdf interactive >/dev/null || exit 1
"$VIGIL" --vault "$T/clean" load "$SRC/data/demo/seed-case.json" >/dev/null || exit 1
python3 -c "import os,sys; open(sys.argv[1],'wb').write(os.urandom(300000))" "$T/photo.jpg"
printf 'threat received on 26 May 2024\n' >"$T/note.txt"
"$VIGIL" --vault "$T/clean" evidence add "$T/photo.jpg" "$T/note.txt" --case case-sakharova \
  >/dev/null || exit 1
"$VIGIL" --vault "$T/clean" evidence link evidence-2 --event ev-following-05-26 >/dev/null || exit 1
"$VIGIL" --vault "$T/clean" verify >/dev/null || { echo "the clean vault does not verify"; exit 1; }

exec python3 - "$VIGIL" "$T" "$rounds" "$seed" <<'PY'
import os, random, shutil, subprocess, sys
vigil, tmp, rounds, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
clean, work = os.path.join(tmp, "clean"), os.path.join(tmp, "v")
keep = os.environ.get("TAMPER_KEEP")
print(f"tamper drill: {rounds} rounds, seed {seed} (TAMPER_SEED={seed} repeats it)")
failed = 0
import time
started, budget = time.time(), float(os.environ.get("TAMPER_SECONDS", "90"))
done = 0
for i in range(rounds):
    # Bounded in time on a loaded machine: at least 20 rounds, then stop at the budget.
    if i >= 20 and time.time() - started > budget:
        print(f"time budget of {budget:.0f}s reached after {i} rounds")
        break
    done += 1
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(clean, work)
    rnd = random.Random(seed * 1000 + i)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(work) for f in fs)
    path = rnd.choice(files)
    data = bytearray(open(path, "rb").read())
    mode = rnd.choice(["change", "change", "remove", "add"])
    off = rnd.randrange(len(data) + (1 if mode == "add" else 0))
    if mode == "change":
        data[off] ^= rnd.randrange(1, 256)
    elif mode == "remove":
        del data[off]
    else:
        data.insert(off, rnd.randrange(256))
    open(path, "wb").write(data)
    what = f"{mode} byte {off} of {os.path.relpath(path, work)}"
    r = subprocess.run([vigil, "--vault", work, "verify"], capture_output=True, text=True,
                       errors="replace")
    out = r.stdout + r.stderr
    if r.returncode == 0:
        print(f"NOT DETECTED: {what}\n{out}")
        failed += 1
        if keep:
            shutil.copytree(work, os.path.join(keep, f"round-{i}"))
    elif "FAIL" not in out and "vigil: " not in out:
        print(f"no message for: {what}\n{out}")
        failed += 1
if not failed:
    print(f"all {done} changes detected")
sys.exit(1 if failed else 0)
PY
