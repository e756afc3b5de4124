# --json gives machine-readable output for lists and shows, and pipes.
## run
seedvault
vigil --json person list | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
vigil complaint list --json --case case-sakharova | python3 -c 'import json,sys; print([c["authority"] for c in json.load(sys.stdin)])'
vigil case show case-sakharova --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["defender"])'
vigil event list --case case-sakharova | head -2
## stdout
5
['uz-prosecutor-general', 'uz-interior-ministry', 'uz-security-service']
klara-sakharova
ev-kubatin-accused 2017                   Andrei Kubatin accused of treason
ev-kubatin-rehabilitated 2019                   Andrei Kubatin rehabilitated
