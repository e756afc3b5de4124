# vigil eval reads Vigil's own test sets (expect<TAB>language<TAB>message) as
# well as text<TAB>label and the shared CSV: a set with threats is measured for
# the threat category too (its clean lines are no threats), so a caseworker's
# own labelled threats can measure the detector. veiled-threats-4.tsv was
# written blind to the word lists and is never trained on; the floors below
# are a little under what the tenth session's model reaches there (recall
# 0.69 abusive, 0.56 threat; precision 0.90 and 0.92).
## run
vigil --json eval "$SRC/tests/fixtures/detect/veiled-threats-4.tsv" | jq -r '.[] | [.label, .n] | @tsv'
vigil --json eval "$SRC/tests/fixtures/detect/veiled-threats-4.tsv" |
  jq -e '.[0].recall >= 0.6 and .[0].precision >= 0.8 and .[1].recall >= 0.45 and .[1].precision >= 0.8' >/dev/null && echo floors hold
printf 'clean\ten\thi\nmaybe\ten\tthere\n' >"$T/bad.tsv"
vigil eval "$T/bad.tsv" || echo "refused $?"
## stdout
abusive	200
threat	200
floors hold
refused 10
## stderr-has
bad.tsv line 2: the expectation must be clean, threat, abusive or toxic, not "maybe"
