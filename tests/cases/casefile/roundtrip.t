# load -> dump -> load -> dump is exact, and the dump holds every fact of the seed file.
## run
seedvault
vigil dump > $T/a.json
VIGIL_VAULT=$T/v2 vigil init --kdf interactive >/dev/null
VIGIL_VAULT=$T/v2 vigil load $T/a.json >/dev/null
VIGIL_VAULT=$T/v2 vigil dump --out $T/b.json
cmp $T/a.json $T/b.json && echo "byte-identical"
python3 - "$SRC/data/demo/seed-case.json" $T/a.json <<'PY'
import json, sys
seed, dump = (json.load(open(p)) for p in sys.argv[1:3])
def index(doc):
    return {(k, r["id"]): r for k, v in doc.items() if isinstance(v, list) for r in v}
a, b = index(seed), index(dump)
print("same records" if a == b else "differ: %s" % [k for k in a if a.get(k) != b.get(k)][:3])
PY
vigil dump --case case-sakharova | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["persons"]), len(d["relationships"]), len(d["organisations"]), len(d["events"]))'
vigil dump --case nope; echo "status $?"
## stdout
byte-identical
same records
5 4 8 7
status 8
