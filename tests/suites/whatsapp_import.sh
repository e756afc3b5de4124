#!/usr/bin/env bash
# Imports the project's WhatsApp fixtures (an Android text export with
# day/month dates and a 24-hour clock; one with dates written year first; an
# iOS export with month/day dates, 12-hour clock, U+200E marks and CRLF,
# zipped with its photo) and checks
# messages, senders, system lines, multi-line texts, dates, edits and media
# links; re-import adds nothing; bad inputs are refused with the vault unchanged.
set -euo pipefail
VIGIL=$1
SRC=$(cd "$(dirname "$0")/../.." && pwd)
FIX=$SRC/tests/fixtures/whatsapp
T=$(mktemp -d)
export VIGIL_PASSPHRASE=test-pass VIGIL_NO_PROGRESS=1 VIGIL_USER=tester LC_ALL=C.UTF-8
export XDG_RUNTIME_DIR=$T/run
mkdir -p "$T/run" && chmod 700 "$T/run"
v() { "$VIGIL" --vault "$T/vault" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
v init --kdf interactive >/dev/null
v unlock --for 10m >/dev/null
trap 'v lock >/dev/null 2>&1; rm -rf "$T"' EXIT

(cd "$FIX/ios" && python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
for f in ("_chat.txt", "00000003-PHOTO-2024-01-02-21-07-00.jpg"): z.write(f)
z.close()' "$T/WhatsApp Chat - Tashkent Watch.zip")
v --json import whatsapp "$FIX/WhatsApp Chat with Anon.txt" >"$T/a.json"
v --json import whatsapp "$T/WhatsApp Chat - Tashkent Watch.zip" >"$T/i.json"
v --json import whatsapp "$T/WhatsApp Chat - Tashkent Watch.zip" >"$T/again.json"
v --json message list >"$T/all.json"
python3 - "$T" <<'PY'
import json, sys, calendar
T = sys.argv[1]
a, i, again = (json.load(open(f'{T}/{n}.json')) for n in ('a', 'i', 'again'))
assert (a['messages'], a['added'], a['date_order'], a['system_lines']) == (7, 7, 'day/month', 2), a
assert (i['messages'], i['added'], i['date_order']) == (5, 5, 'month/day'), i
assert (again['added'], again['duplicates_skipped']) == (0, 5), again
assert i['media'] == {'stored': 1, 'missing': 1, 'refused': 0}, i['media']
msgs = json.load(open(f'{T}/all.json'))
anon = [m for m in msgs if m['chat_name'] == 'Anon']
ios = [m for m in msgs if m['chat_name'] == 'Tashkent Watch']
def ts(s): return calendar.timegm(tuple(int(x) for x in s.replace('-', ' ').replace(':', ' ').replace('T', ' ').split()) + (0, 0, 0))
assert [m['type'] for m in anon] == ['service', 'message', 'message', 'message', 'message', 'message', 'service']
assert anon[1]['from'] == 'Anon' and anon[1]['text'] == 'Ты пожалеешь.\nSecond line of the same message: o‘ylab ko‘r.'
assert anon[1]['date'] == ts('2023-12-31T23:51:00') and anon[1]['date_is_local']
assert anon[2]['media'][0]['status'] == 'missing' and 'Media omitted' in anon[2]['media'][0]['reason']
assert anon[4]['text'] == 'look at your house' and anon[4]['media'][0]['path'] == 'IMG-20240101-WA0001.jpg'
assert anon[5]['text'] == 'Сен пушаймон бўласан' and anon[5]['source']['edited'] is True
assert anon[6]['text'] == 'Klara S changed the group description' and 'from' not in anon[6]
assert ios[1]['text'] == 'The hearing is on 1/15.\nBring documents.', ios[1]['text']
assert ios[1]['date'] == ts('2024-01-02T21:06:12')
assert ios[4]['date'] == ts('2024-01-13T10:00:00')
ph = ios[2]['media'][0]
assert ph['status'] == 'stored' and ph['evidence_id'] and ph['size'] == 20 and len(ph['sha256']) == 64, ph
assert ios[3]['media'][0]['status'] == 'missing'
assert len({m['id'] for m in anon}) == 7
print('checked', len(msgs), 'messages')
PY
[ "$(v --json message list --search пушаймон | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ] || fail search

# dates written year first (some locales), one of them "2024. 03. 08." style;
# no day above 12, so only the year-first form says the order
v --json import whatsapp "$FIX/year-first/WhatsApp Chat with Lola.txt" >"$T/y.json"
v --json message list >"$T/ally.json"
python3 - "$T" <<'PY'
import json, sys, calendar
T = sys.argv[1]
y = json.load(open(f'{T}/y.json'))
assert (y['messages'], y['date_order'], y['system_lines']) == (4, 'year/month/day', 1), y
lola = [m for m in json.load(open(f'{T}/ally.json')) if m['chat_name'] == 'Lola']
dates = [calendar.timegm((2024, 3, d, h, mi, 0, 0, 0, 0)) for d, h, mi in ((5, 9, 7), (5, 9, 8), (7, 18, 30), (8, 7, 0))]
assert [m['date'] for m in lola] == dates, [m['date'] for m in lola]
assert lola[2]['text'] == 'Second message\nwith a second line', lola[2]['text']
PY
printf '2024-03-05 09:07 - A: x\n05/03/2024, 10:00 - B: y\n' >"$T/mixed-year.txt"

# bad inputs: refused, the vault unchanged
v --json message list >"$T/before"; v history >"$T/hist-before"
printf 'hello\nthis is not a chat\n' >"$T/not.txt"
printf '13/01/2024, 10:00 - A: x\n01/13/2024, 10:00 - B: y\n' >"$T/mixed.txt"
printf 'preface\n13/01/2024, 10:00 - A: x\n' >"$T/preface.txt"
printf 'PK\003\004garbage' >"$T/bad.zip"
for f in not.txt mixed.txt mixed-year.txt preface.txt bad.zip nothere.txt; do
  if v import whatsapp "$T/$f" 2>"$T/err"; then fail "accepted $f"; fi
  grep -q "nothing was imported" "$T/err" || { cat "$T/err"; fail "message for $f"; }
done
grep -q "line 1: text before the first message" <(v import whatsapp "$T/preface.txt" 2>&1) || fail "preface line"
v --json message list >"$T/after"; v history >"$T/hist-after"
cmp -s "$T/before" "$T/after" && cmp -s "$T/hist-before" "$T/hist-after" || fail "vault changed"
# a progress bar (bytes, messages) on a terminal, nothing on a pipe
if command -v script >/dev/null; then
  env -u VIGIL_NO_PROGRESS script -qec "\"$VIGIL\" --vault \"$T/vault\" import whatsapp \"$FIX/WhatsApp Chat with Anon.txt\" >/dev/null" "$T/tty.log" >/dev/null
  grep -a "importing" "$T/tty.log" | grep -aq "messages" || fail "no progress bar on a terminal"
fi
env -u VIGIL_NO_PROGRESS "$VIGIL" --vault "$T/vault" import whatsapp "$FIX/WhatsApp Chat with Anon.txt" 2>"$T/pipe.err" >/dev/null
! grep -q "importing" "$T/pipe.err" || fail "a progress bar on a pipe"
echo "whatsapp import: all checks passed"
