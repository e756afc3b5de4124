#!/usr/bin/env bash
# Runs one end-to-end case file (tests/cases/*.t). A case is data, not code:
#
#   # what the case checks (comment lines start with #)
#   ## run
#   <bash lines; $VIGIL is the binary, $T a fresh temp folder, $SRC the source
#    tree, $SHARED ../shared; `mkvault` makes a cheap vault in $T/vault and
#    exports VIGIL_VAULT and VIGIL_PASSPHRASE; `seedvault` also loads the seed>
#   ## exit
#   <expected exit status of the last command of run, default 0>
#   ## stdout
#   <the exact expected standard output of the run section>
#   ## stdout-has
#   <lines each of which must appear in standard output>
#   ## stdout-lacks
#   <lines none of which may appear in standard output>
#   ## stderr-has
#   <lines each of which must appear in standard error>
#
# usage: run-case.sh CASE.t VIGIL-BINARY
set -uo pipefail
case_file=$1
export VIGIL=$2
export SRC=$(cd "$(dirname "$0")/.." && pwd)
export SHARED=${VIGIL_SHARED:-$SRC/../shared}
export T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export VIGIL_NO_PROGRESS=1 VIGIL_USER=tester LC_ALL=C.UTF-8
unset VIGIL_VAULT VIGIL_PASSPHRASE VIGIL_TODAY XDG_DATA_HOME
export XDG_RUNTIME_DIR=$T/run
mkdir -p "$T/run" && chmod 700 "$T/run"

section() { awk -v s="## $1" '$0==s{on=1;next} /^## /{on=0} on' "$case_file"; }

script=$(section run)
[ -n "$script" ] || { echo "case has no '## run' section: $case_file"; exit 1; }
prelude='
vigil() { "$VIGIL" "$@"; }
mkvault() { export VIGIL_VAULT=$T/vault VIGIL_PASSPHRASE=${VIGIL_PASSPHRASE:-test-pass}; "$VIGIL" init --kdf interactive >/dev/null; }
seedvault() { mkvault && "$VIGIL" load "$SRC/data/demo/seed-case.json" >/dev/null; }
'
(cd "$T" && bash -c "$prelude
$script") >"$T/.out" 2>"$T/.err"
status=$?
fail=0
want_exit=$(section exit | tr -d '[:space:]')
want_exit=${want_exit:-0}
if [ "$status" != "$want_exit" ]; then
  echo "exit status $status, expected $want_exit"; fail=1
fi
if grep -q '^## stdout$' "$case_file"; then
  if ! diff -u <(section stdout) "$T/.out" >"$T/.diff"; then
    echo "standard output differs:"; cat "$T/.diff"; fail=1
  fi
fi
while IFS= read -r line; do
  [ -z "$line" ] && continue
  grep -qF -- "$line" "$T/.out" || { echo "stdout lacks: $line"; fail=1; }
done < <(section stdout-has)
while IFS= read -r line; do
  [ -z "$line" ] && continue
  grep -qF -- "$line" "$T/.out" && { echo "stdout must not have: $line"; fail=1; }
done < <(section stdout-lacks)
while IFS= read -r line; do
  [ -z "$line" ] && continue
  grep -qF -- "$line" "$T/.err" || { echo "stderr lacks: $line"; fail=1; }
done < <(section stderr-has)
if [ $fail -ne 0 ]; then
  echo "--- stdout"; head -c 4000 "$T/.out"; echo "--- stderr"; head -c 4000 "$T/.err"
  exit 1
fi
exit 0
