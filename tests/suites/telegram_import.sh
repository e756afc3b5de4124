#!/usr/bin/env bash
# Imports the real Telegram samples in ../shared/data/telegram and the
# project's fixtures, and checks every message against an independent reading
# of the source file with Python's json module (after turning Telegram's \xHH
# escapes into \u00HH): counts, plain texts, entities with UTF-16 offsets,
# dates, senders, replies, forwards and media links. Then: re-import adds
# nothing, a later export adds only the edit and the new message, --chat, the
# search in Russian, Uzbek (Latin, Cyrillic) and English, sender links, and
# that every bad input is refused with an unchanged vault.
set -euo pipefail
VIGIL=$1
SRC=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${VIGIL_SHARED:-$SRC/../shared}
FIX=$SRC/tests/fixtures/telegram
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export VIGIL_PASSPHRASE=test-pass VIGIL_NO_PROGRESS=1 VIGIL_USER=tester LC_ALL=C.UTF-8
export XDG_RUNTIME_DIR=$T/run
mkdir -p "$T/run" && chmod 700 "$T/run"
unset VIGIL_TODAY XDG_DATA_HOME
v() { "$VIGIL" --vault "$T/vault" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

v init --kdf interactive >/dev/null
# keep the key in the agent so that each command skips the key derivation
v unlock --for 10m >/dev/null
trap 'v lock >/dev/null 2>&1; rm -rf "$T"' EXIT
v load "$SRC/data/demo/seed-case.json" >/dev/null

sources=("$SHARED/data/telegram/channel_2020_tg2md.json" "$SHARED/data/telegram/saved_messages_2021.json"
         "$SHARED/data/telegram/private_group_2025_ru.json" "$FIX/full/result.json")
for f in "${sources[@]}"; do
  [ -f "$f" ] || fail "missing sample $f"
  v --json import telegram "$f" --case case-sakharova >"$T/sum.json"
done
# the folder form, again: everything is a duplicate
v --json import telegram "$FIX/full" >"$T/again.json"
v --json message list >"$T/all.json"

python3 - "$T/all.json" "$T/again.json" "${sources[@]}" <<'PY'
import json, re, sys, calendar, time
listing = json.load(open(sys.argv[1]))
again = json.load(open(sys.argv[2]))
def load(path):
    s = open(path, encoding='utf-8').read()
    s = re.sub(r'(?<!\\)((?:\\\\)*)\\x([0-9a-fA-F]{2})', r'\1\\u00\2', s)
    return json.loads(s)
def u16(s): return len(s.encode('utf-16-le')) // 2
def chats(doc):
    if 'messages' in doc: yield doc
    for sec in ('chats', 'left_chats'):
        for c in doc.get(sec, {}).get('list', []): yield c
got = {(m['chat'], m['id'], m['version']): m for m in listing}
n = 0
for path in sys.argv[3:]:
    for chat in chats(load(path)):
        for src in chat['messages']:
            n += 1
            key = ('telegram:%d' % chat['id'], src['id'], 1)
            assert key in got, ('missing', key)
            m = got[key]
            assert m['type'] == src['type'], key
            assert m.get('chat_name') == chat.get('name'), key
            assert m['source'] == src, ('raw differs', key)
            assert m['evidence'], ('no evidence for', key)
            t = src.get('text', '')
            parts = [t] if isinstance(t, str) else t
            text, ents, off = '', [], 0
            for p in parts:
                s = p if isinstance(p, str) else p['text']
                if not isinstance(p, str) and p['type'] != 'plain':
                    e = {'type': p['type'], 'offset': u16(text), 'length': u16(s)}
                    if 'href' in p: e['href'] = p['href']
                    if 'user_id' in p: e['user_id'] = str(p['user_id'])
                    ents.append(e)
                text += s
            assert m['text'] == text, (key, m['text'], text)
            assert m['entities'] == ents, (key, m['entities'], ents)
            if src['type'] == 'unsupported': continue
            if 'date_unixtime' in src:
                assert m['date'] == int(src['date_unixtime']) and not m['date_is_local'], key
            else:
                want = calendar.timegm(time.strptime(src['date'], '%Y-%m-%dT%H:%M:%S'))
                assert m['date'] == want and m['date_is_local'], key
            svc = src['type'] == 'service'
            assert m.get('from') == src.get('actor' if svc else 'from'), key
            fid = src.get('actor_id' if svc else 'from_id')
            assert m.get('from_id') == (None if fid is None else str(fid)), key
            assert m.get('reply_to') == src.get('reply_to_message_id'), key
            for f in ('reply_to_peer_id', 'forwarded_from', 'saved_from', 'via_bot', 'action'):
                assert m.get(f) == src.get(f), (key, f)
            media = {x['role']: x for x in m['media']}
            for role in ('photo', 'file', 'thumbnail'):
                if role not in src:
                    assert role not in media, (key, role); continue
                x = media[role]
                assert x['path'] == src[role], key
                if src[role].startswith('('):
                    assert x['status'] == 'missing' and x['reason'] == src[role], key
assert n == len(listing), (n, len(listing))
assert again['added'] == 0 and again['duplicates_skipped'] == again['messages'] == 13, again
# the fixture's traps, by hand
full = {m['id']: m for m in listing if m['chat'] == 'telegram:1700000001'}
assert full[3]['text'] == 'Control\x01char and \u2028line sep \\x41 not an escape'
assert full[3].get('from') is None and full[3]['from_id'] == 'user777'
assert full[4]['reply_to_peer_id'] == 'channel1700000099' and full[4]['reply_to'] == 55
assert full[2]['entities'][1] == {'type': 'text_link', 'offset': 35, 'length': 11,
                                  'href': 'https://example.org/a?b=1'}, full[2]['entities']
assert full[2]['edited'] == 1714557900
ph = full[2]['media'][0]
assert ph['status'] == 'stored' and ph['evidence_id'] and ph['size'] == 25 and len(ph['sha256']) == 64, ph
assert full[11]['media'][0]['status'] == 'missing'
assert full[-8]['type'] == 'unsupported'
assert full[5]['source']['poll']['answers'][1]['chosen'] is True
assert full[9]['source']['members'] == [None, 'Bobur']
saved = [m for m in listing if m['chat'] == 'telegram:5550001'][0]
assert saved['media'][0]['status'] == 'refused'
print('checked', n, 'messages')
PY

# the export files and the present photo are in the evidence store, with their hashes
v --json evidence list >"$T/ev.json"
python3 - "$T/ev.json" "${sources[@]}" "$FIX/full/photos/photo_1@01-05-2024_10-00-00.jpg" <<'PY'
import hashlib, json, sys
have = {e['sha256'] for e in json.load(open(sys.argv[1]))}
for f in sys.argv[2:]:
    assert hashlib.sha256(open(f, 'rb').read()).hexdigest() in have, ('not in evidence', f)
PY

count() { v --json message list | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
before=$(count)
# a later export of the same chat: one edit (kept as version 2), one new message
v import telegram "$FIX/edits/v1.json" >/dev/null
v --json import telegram "$FIX/edits/v2.json" >"$T/v2.json"
python3 -c '
import json,sys; s=json.load(open(sys.argv[1]))
assert (s["added"], s["new_versions"], s["duplicates_skipped"]) == (1, 1, 1), s' "$T/v2.json"
[ "$(count)" = $((before + 4)) ] || fail "edits: expected $((before + 4)) messages"
v --json message list --chat Threats | python3 -c '
import json,sys; d=json.load(sys.stdin)
assert [(m["id"], m["version"], m["text"]) for m in d] == [(1,1,"first version"),(1,2,"second version"),(2,1,"unchanged"),(3,1,"new in the later export")], d'
v sender list | grep -q 'Anon / Anon Renamed' || fail "aliases of a renamed sender"

# search in four scripts, and the filters
s() { v --json message list "$@" | python3 -c 'import json,sys; print(" ".join(sorted("%s/%s" % (m["chat"].split(":")[1], m["id"]) for m in json.load(sys.stdin))))'; }
[ "$(s --search пожалеешь)" = "1700000001/4" ] || fail "search ru: $(s --search пожалеешь)"
[ "$(s --search пушаймон)" = "1700000001/4" ] || fail "search uz cyrillic"
[ "$(s --search muborak)" = "1800000002/1" ] || fail "search uz latin"
[ "$(s --search 'bo‘ldi')" = "1700000001/2" ] || fail "search uz latin with apostrophe"
[ "$(s --search ПЕЛЬМЕНИ)" = "4696915167/603444" ] || fail "search case-insensitive"
[ "$(s --search 'murder mystery')" = "9999999999/176169" ] || fail "search en"
[ "$(s --from Аноним --since 2024-05-03 --until 2024-05-03)" = "1700000001/5 1700000001/6 1700000001/7" ] || fail "from/since/until: $(s --from Аноним --since 2024-05-03 --until 2024-05-03)"
# --chat on a full export
"$VIGIL" --vault "$T/v2" init --kdf interactive >/dev/null
"$VIGIL" --vault "$T/v2" --json import telegram "$FIX/full" --chat "Left Group" >"$T/c.json"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); assert s["chats"]==1 and s["messages"]==1 and s["chats_skipped"]==2, s' "$T/c.json"
"$VIGIL" --vault "$T/v2" import telegram "$FIX/full" --chat nosuch 2>"$T/err" && fail "--chat nosuch accepted"
grep -q "no chat named or numbered 'nosuch'" "$T/err" || fail "--chat nosuch message"

# senders link to persons and perpetrators
v sender link user777 --perpetrator >/dev/null
v sender link user779 --person klara-sakharova >/dev/null
v --json sender list | python3 -c '
import json,sys; d={s["ext_id"]: s for s in json.load(sys.stdin)}
assert d["user777"]["perpetrator"] and d["user779"]["person"] == "klara-sakharova", d'
v sender link user779 --person nobody 2>/dev/null && fail "link to a missing person"

# bad inputs: refused with the offset, and the vault unchanged
v dump >"$T/dump-before"; v --json message list >"$T/list-before"; v history >"$T/hist-before"
ls -la "$T/vault/evidence" | awk '{print $5, $NF}' >"$T/files-before"
check_bad() {
  local path=$1 want=$2
  if v import telegram "$path" 2>"$T/err"; then fail "accepted $path"; fi
  grep -qF -- "$want" "$T/err" || { cat "$T/err"; fail "message for $path lacks: $want"; }
  grep -q "nothing was imported" "$T/err" || fail "no 'nothing was imported' for $path"
}
check_bad "$FIX/bad/not-json.txt" "not valid JSON at byte 0"
check_bad "$FIX/bad/truncated.json" "ends at byte 3000"
check_bad "$FIX/bad/not-export.json" "not a Telegram Desktop export"
check_bad "$FIX/bad/bad-id.json" "message 1 (at byte 140)"
check_bad "$FIX/bad/bad-escape.json" "at byte 131"
check_bad "$FIX/bad/id-after-messages.json" "come before its id"
check_bad "$T/no-such-dir" "No such file"
# a failure after many messages were stored: an export whose last message is bad
python3 - "$FIX/full/result.json" "$T/late-bad.json" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
i = s.rindex('"id": 1,')
open(sys.argv[2], 'w', encoding='utf-8').write(s[:i] + '"id": 1.5,' + s[i + 8:])
PY
check_bad "$T/late-bad.json" "has an id that is not an integer"
v dump >"$T/dump-after"; v --json message list >"$T/list-after"; v history >"$T/hist-after"
ls -la "$T/vault/evidence" | awk '{print $5, $NF}' >"$T/files-after"
cmp -s "$T/files-before" "$T/files-after" || fail "evidence files changed after refused imports"
cmp -s "$T/dump-before" "$T/dump-after" || fail "dump changed after refused imports"
cmp -s "$T/list-before" "$T/list-after" || fail "messages changed after refused imports"
cmp -s "$T/hist-before" "$T/hist-after" || fail "history changed after refused imports"
echo "telegram import: all checks passed"
