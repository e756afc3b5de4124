#!/usr/bin/env bash
# vigil eval on the held-out 20% of the shared Russian comments (never trained
# on): guards the figures docs/detect.md reports (F1 0.867, ROC AUC 0.9659) with a
# little room (F1 >= 0.865, ROC AUC >= 0.962; lowered from 0.87 and 0.968 when
# the names of groups were taken out of the features, and the AUC from 0.965
# when harmless Russian case notes and idioms joined the training, both on
# purpose: see "Messages that name a group" and "English, and Russian messages
# to defenders"), and vigil classify --json on fixed lines.
set -euo pipefail
VIGIL=$1
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${VIGIL_SHARED:-$SRC/../shared}/data/toxic/ru_2ch_pikabu_dev.csv
export VIGIL_DATA_DIR=$SRC/data
out=$("$VIGIL" --json eval --held-out "$DATA")
echo "$out" | jq -c '.[0]'
echo "$out" | jq -e '.[0] | .n > 1500 and .f1 >= 0.865 and .roc_auc >= 0.962' >/dev/null ||
	{ echo "held-out figures fell: $out"; exit 1; }
lines=$(printf 'я тебя у б ь ю\nспасибо за статью, очень полезно и интересно\n' |
	"$VIGIL" --json classify)
echo "$lines"
[ "$(echo "$lines" | jq -s 'length')" = 2 ]
echo "$lines" | jq -s -e '.[0].flagged == true and .[0].threat > 0.5 and .[1].flagged == false
	and (.[0] | has("obscenity") and has("insult") and has("smear") and has("doxxing")
	and has("family") and has("abusive"))' >/dev/null
