# A vault made before messages kept their place in the export (schema 6:
# tests/fixtures/vault-schema6, passphrase test-pass, made by that Vigil with
# tests/fixtures/telegram/edits/v1.json imported) takes a later export (the
# first write brings its schema up to date). Its old messages still show their
# source from the JSON copy they were stored with; the new version and the new
# message show theirs read back from the new export in the evidence store,
# byte for byte the objects in the file.
## run
mkdir -p $T/vault && cp -r $SRC/tests/fixtures/vault-schema6/. $T/vault/
chmod 700 $T/vault
export VIGIL_VAULT=$T/vault VIGIL_PASSPHRASE=test-pass
vigil import telegram $SRC/tests/fixtures/telegram/edits/v2.json >/dev/null
vigil --json message list >$T/list.json
python3 - $T/list.json $SRC/tests/fixtures/telegram/edits/v1.json $SRC/tests/fixtures/telegram/edits/v2.json <<'PY'
import json, sys
got = json.load(open(sys.argv[1]))
v1 = {m['id']: m for m in json.load(open(sys.argv[2]))['messages']}
raw2 = open(sys.argv[3], 'rb').read()
v2 = {m['id']: m for m in json.loads(raw2)['messages']}
for m in got:
    want = (v1 if m['version'] == 1 and m['id'] != 3 else v2)[m['id']]
    assert m['source'] == want, (m['id'], m['version'])
    at = m.get('source_bytes')
    if at:
        assert json.loads(raw2[at['offset']:at['offset'] + at['length']]) == want
    print(m['id'], m['version'], m['text'], 'bytes' if at else 'copy')
PY
vigil verify >/dev/null && echo verified
## exit
0
## stdout
1 1 first version copy
1 2 second version bytes
2 1 unchanged copy
3 1 new in the later export bytes
verified
