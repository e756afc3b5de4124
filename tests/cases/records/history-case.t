# history --case shows the changes to a case's records, the persons it names and their
# relatives, and not an unrelated person's.
## run
seedvault
vigil person add --name "Unrelated person" >/dev/null
vigil history --case case-sakharova | grep -c added
vigil history | grep -c added
vigil history --case case-sakharova --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print(sorted({x["kind"] for x in e}))'
## stdout
55
56
['act', 'case', 'complaint', 'event', 'involvement', 'org', 'person', 'reference', 'relationship', 'statement']
