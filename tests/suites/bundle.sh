#!/usr/bin/env bash
# Evidence bundles checked three ways: `vigil verify-bundle`, the independent
# Python checker (tests/tools/verify_bundle.py), and `sha256sum -c`; then a
# changed file, a changed entry and a changed checkpoint must each be caught
# by both checkers. usage: bundle.sh VIGIL-BINARY
set -uo pipefail
VIGIL=$1
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export VIGIL_NO_PROGRESS=1 VIGIL_USER=tester VIGIL_PASSPHRASE=bundle LC_ALL=C.UTF-8
export XDG_RUNTIME_DIR=$T/run VIGIL_VAULT=$T/vault
mkdir -p "$T/run" && chmod 700 "$T/run"
PY="python3 $SRC/tests/tools/verify_bundle.py"
fail() { echo "FAIL: $*"; exit 1; }

"$VIGIL" init --kdf interactive >/dev/null || fail init
"$VIGIL" load "$SRC/data/demo/seed-case.json" >/dev/null || fail load
head -c 2500000 /dev/urandom >"$T/video.mp4"
printf 'screenshot of the message from LONDON\n' >"$T/shot.txt"
"$VIGIL" evidence add "$T/video.mp4" "$T/shot.txt" --case case-sakharova \
  --captured-by "Klara Sakharova" --captured-at 2024-05-26T10:00:00Z >/dev/null || fail add
"$VIGIL" evidence link evidence-2 --act act-following-05-26 >/dev/null || fail link
"$VIGIL" export case-sakharova --out "$T/b" >/dev/null || fail export
key=$("$VIGIL" key export --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key"])')

"$VIGIL" verify-bundle "$T/b" --key "$key" >/dev/null || fail "vigil verify-bundle on a good bundle"
$PY "$T/b" --key "$key" || fail "python checker on a good bundle"
(cd "$T/b/files" && sha256sum -c --quiet ../SHA256SUMS) || fail "sha256sum -c"
"$VIGIL" verify >/dev/null || fail "vault verify after export"
"$VIGIL" evidence custody evidence-1 | grep -q "exported to $T/b" || fail "export not in custody"

# Each tampering must be caught by both checkers.
tamper() { # name, python code run in the copy's folder
  rm -rf "$T/x" && cp -a "$T/b" "$T/x"
  (cd "$T/x" && python3 -c "$2") || fail "tampering $1"
  "$VIGIL" verify-bundle "$T/x" --key "$key" >/dev/null 2>&1 && fail "vigil missed: $1"
  $PY "$T/x" --key "$key" >/dev/null 2>&1 && fail "python missed: $1"
  echo "caught: $1"
}
tamper "a changed byte of an evidence file" "
p='files/evidence-1-video.mp4'; d=bytearray(open(p,'rb').read()); d[1000]^=1; open(p,'wb').write(d)"
tamper "a changed ledger entry" "
import json; m=json.load(open('manifest.json')); e=m['entries'][3]
e['entry']=e['entry'].replace('Sakharova','Sakharov'); json.dump(m,open('manifest.json','w'))"
tamper "a changed checkpoint root" "
import json,base64; m=json.load(open('manifest.json')); t=m['log']['checkpoint'].split('\n')
r=bytearray(base64.b64decode(t[2])); r[0]^=1; t[2]=base64.b64encode(bytes(r)).decode()
m['log']['checkpoint']='\n'.join(t); open('checkpoint','w').write(m['log']['checkpoint'])
json.dump(m,open('manifest.json','w'))"
tamper "an added file" "open('files/extra.jpg','w').write('x')"
tamper "a swapped collect hash" "
import json; m=json.load(open('manifest.json')); a,b=m['items'][0],m['items'][1]
a['file'],b['file']=b['file'],a['file']; json.dump(m,open('manifest.json','w'))"

# Sealed to a partner: only the partner's key opens it.
partner=$("$VIGIL" key partner "$T/partner.key") || fail "key partner"
"$VIGIL" export case-sakharova --out "$T/s" --to "$partner" >/dev/null || fail "sealed export"
[ -e "$T/s/files/evidence-1-video.mp4.sealed" ] || fail "no sealed file"
"$VIGIL" verify-bundle "$T/s" --key "$key" --secret-key "$T/partner.key" >/dev/null ||
  fail "sealed bundle with the partner's key"
"$VIGIL" key partner "$T/other.key" >/dev/null
"$VIGIL" verify-bundle "$T/s" --key "$key" --secret-key "$T/other.key" >/dev/null 2>&1 &&
  fail "a sealed bundle opened with another key"
$PY "$T/s" --key "$key" >/dev/null || fail "python checker on the sealed bundle's ledger"
echo "bundle checks passed"
