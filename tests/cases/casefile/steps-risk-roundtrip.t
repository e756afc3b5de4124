# Complaint steps and the risk picture travel in the case file: dump -> load -> dump is
# exact, and loading the same file again adds nothing.
## run
seedvault
vigil complaint step complaint-interior-ministry --kind acknowledged --date 2024-05-30 >/dev/null
vigil complaint step complaint-interior-ministry --kind forwarded --date 2024-06-03 --to uz-prosecutor-general >/dev/null
vigil risk set case-sakharova --level high --threat "threats from LONDON" --capacity "NGO network" >/dev/null
vigil dump --case case-sakharova > $T/a.json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["complaint_steps"]), d["risk"][0]["level"])' $T/a.json
VIGIL_VAULT=$T/v2 vigil init --kdf interactive >/dev/null
VIGIL_VAULT=$T/v2 vigil load $T/a.json | sed "s|$T|T|"
VIGIL_VAULT=$T/v2 vigil load $T/a.json | sed "s|$T|T|"
VIGIL_VAULT=$T/v2 vigil dump --case case-sakharova > $T/b.json
cmp $T/a.json $T/b.json && echo "byte-identical"
VIGIL_VAULT=$T/v2 VIGIL_TODAY=2024-06-20 vigil complaint show complaint-interior-ministry | grep -c forwarded
## stdout
2 high
loaded T/a.json: 58 records added, 0 already there
loaded T/a.json: 0 records added, 58 already there
byte-identical
2
