# Bad input names the field or id, and changes nothing.
## run
mkvault
vigil case add --id c1 --title T >/dev/null
vigil event add --case c1 --title X --date 2024-13-01; echo "status $?"
vigil event add --case c1 --title X --date 2023-02-29; echo "status $?"
vigil event add --case nope --title X; echo "status $?"
vigil event add --case c1; echo "status $?"
vigil person add --name "$(printf 'bad \xff name')"; echo "status $?"
vigil person add --name "Two
lines"; echo "status $?"
vigil act add --event nope --victim x --type threat; echo "status $?"
vigil org add --name X --type castle; echo "status $?"
vigil person add --name X --confidentiality secret; echo "status $?"
vigil person add --name X --deceased maybe; echo "status $?"
vigil person add --name X --colour red; echo "status $?"
vigil person show person-99; echo "status $?"
vigil person add --id "bad id!" --name X; echo "status $?"
vigil event list | wc -l
vigil history | wc -l
## stdout
status 9
status 9
status 9
status 9
status 9
status 9
status 9
status 9
status 9
status 9
status 2
status 8
status 9
0
1
## stderr-has
event (new): field date: '2024-13-01' is not a date Vigil understands
event (new): field date: '2023-02-29' is not a date
event (new): field case: no case with id 'nope'; see 'vigil case list'
event (new): the required field title is missing
the value of --name is not valid UTF-8
person (new): field name: must be one line
act (new): field event: no event with id 'nope'
'castle' is not in the vocabulary organisation-types
confidentiality must be public, partners or restricted
--deceased takes true or false, not 'maybe'
unknown option --colour for 'person'
no person with id 'person-99'
id must be 1-64 letters
