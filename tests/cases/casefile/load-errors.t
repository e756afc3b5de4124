# A case file that does not match the format is refused with its line or record, and the
# vault is left unchanged.
## run
mkvault
printf '{"format": "vigil-case-file", "version": 1,\n "persons": [\n  {"id": "a", "name": "A"},\n ]}\n' > $T/syntax.json
vigil load $T/syntax.json; echo "status $?"
python3 - $T <<'PY'
import json, sys
t = sys.argv[1]
good = {"id": "p1", "name": "Ok Person"}
json.dump({"format": "vigil-case-file", "version": 1, "persons": [good, {"id": "p2", "name": "B", "birth_date": "1990-02-30"}]}, open(t + "/baddate.json", "w"))
json.dump({"format": "something-else", "version": 1}, open(t + "/notcase.json", "w"))
json.dump({"format": "vigil-case-file", "version": 7}, open(t + "/newer.json", "w"))
json.dump({"format": "vigil-case-file", "version": 1, "people": []}, open(t + "/section.json", "w"))
json.dump({"format": "vigil-case-file", "version": 1, "persons": [{"id": "p1", "name": "Other"}]}, open(t + "/conflict.json", "w"))
json.dump({"format": "vigil-case-file", "version": 1, "persons": [good]}, open(t + "/good.json", "w"))
PY
vigil load $T/baddate.json; echo "status $?"
vigil person list | wc -l
vigil load $T/notcase.json; echo "status $?"
vigil load $T/newer.json; echo "status $?"
vigil load $T/section.json; echo "status $?"
vigil load $T/missing.json; echo "status $?"
head -c 100 /dev/urandom > $T/binary.json; vigil load $T/binary.json; echo "status $?"
vigil load $T/good.json | sed "s|$T|T|"
vigil load $T/good.json | sed "s|$T|T|"
vigil load $T/conflict.json; echo "status $?"
vigil person list
## stdout
status 10
status 9
0
status 10
status 5
status 10
status 8
status 10
loaded T/good.json: 1 records added, 0 already there
loaded T/good.json: 0 records added, 1 already there
status 18
p1                                    Ok Person
## stderr-has
syntax.json: line 4, column 2
persons[1]: person p2: field birth_date: '1990-02-30' is not a date
nothing was loaded
not a Vigil case file
this Vigil reads up to 1
unknown section "people"
no such file
a person with id 'p1' is already in the vault with other content
