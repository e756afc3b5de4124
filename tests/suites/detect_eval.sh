#!/usr/bin/env bash
# vigil eval on the held-out fifth of the shared Russian comments. The shipped
# model is trained on them too, so eval --held-out measures the same model
# trained without them (data/models/detector-check.bin), and refuses a model
# trained on them that is named with --model. Guards the figures docs/detect.md
# reports (F1 0.873, ROC AUC 0.9661) with a little room (F1 >= 0.865, ROC AUC >=
# 0.962; lowered from 0.87 and 0.968 when the names of groups were taken out of
# the features, and the AUC from 0.965 when harmless Russian case notes and
# idioms joined the training, both on purpose: see "Messages that name a group"
# and "English, and Russian messages to defenders"). Then vigil classify --json
# on fixed lines, with the shipped model.
set -euo pipefail
VIGIL=$1
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${VIGIL_SHARED:-$SRC/../shared}/data/toxic/ru_2ch_pikabu_dev.csv
export VIGIL_DATA_DIR=$SRC/data
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

out=$("$VIGIL" --json eval --held-out "$DATA" 2>"$T/err")
grep -q 'detector-check.bin' "$T/err" || { cat "$T/err"; exit 1; }
echo "$out" | jq -c '.[0]'
echo "$out" | jq -e '.[0] | .n > 1500 and .f1 >= 0.865 and .roc_auc >= 0.962' >/dev/null ||
	{ echo "held-out figures fell: $out"; exit 1; }
# named with --model, the shipped model is refused there, and the check model is not
if "$VIGIL" eval --held-out --model "$SRC/data/models/detector.bin" "$DATA" >/dev/null 2>"$T/err"; then
	echo "eval --held-out measured the shipped model on comments it was trained on"
	exit 1
fi
grep -q 'trained on the held-out comments too' "$T/err" || { cat "$T/err"; exit 1; }
same=$("$VIGIL" --json eval --held-out --model "$SRC/data/models/detector-check.bin" "$DATA")
[ "$same" = "$out" ] || { echo "--model detector-check.bin: $same"; exit 1; }
# on all of the file the shipped model scores higher than the check model
# (it has seen the held-out fifth), so eval uses the model it is given
full=$("$VIGIL" --json eval "$DATA" | jq '.[0].f1')
check=$("$VIGIL" --json eval --model "$SRC/data/models/detector-check.bin" "$DATA" | jq '.[0].f1')
echo "all comments: shipped F1 $full, check model F1 $check"
jq -n -e "$full > $check" >/dev/null

lines=$(printf 'я тебя у б ь ю\nспасибо за статью, очень полезно и интересно\n' |
	"$VIGIL" --json classify)
echo "$lines"
[ "$(echo "$lines" | jq -s 'length')" = 2 ]
echo "$lines" | jq -s -e '.[0].flagged == true and .[0].threat > 0.5 and .[1].flagged == false
	and (.[0] | has("obscenity") and has("insult") and has("smear") and has("doxxing")
	and has("family") and has("abusive"))' >/dev/null
