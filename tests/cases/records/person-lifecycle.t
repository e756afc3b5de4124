# add, show, edit, list, retract, and the retracted record staying in the history.
## run
mkvault
vigil person add --name "Dilnoza Test" --sex female --birth-date 1980-03 --address "Chilonzor 5" --address-confidentiality partners --other-names "D. T." --other-names "Dilya"
vigil person show person-1
vigil person edit person-1 --occupation "lawyer" --birth-date ""
vigil person show person-1 --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["occupation"], "birth_date" in r, r["field_confidentiality"])'
vigil person retract person-1; echo "status $?"
vigil person retract person-1 --reason "entered twice"
vigil person list | wc -l
vigil person list --all
vigil person edit person-1 --name X; echo "status $?"
vigil history | cut -c30-
## stdout
person-1
person person-1: Dilnoza Test  [restricted]
  name: Dilnoza Test
  other_names: D. T.; Dilya
  sex: female
  birth_date [restricted]: March 1980
  address [partners]: Chilonzor 5
person-1
lawyer False {'address': 'partners'}
status 2
retracted person person-1
0
person-1                              Dilnoza Test  (retracted)
status 9
tester     person  person-1       added: Dilnoza Test
tester     person  person-1       changed birth_date, occupation
tester     person  person-1       retracted: entered twice
