# A failed add of several files adds none, and leaves no file behind.
## run
seedvault
printf 'one\n' > one.txt
vigil evidence add one.txt missing.txt --case case-sakharova
echo "status $?"
ls "$VIGIL_VAULT/evidence" | wc -l
vigil evidence add one.txt --case no-such-case
ls "$VIGIL_VAULT/evidence" | wc -l
vigil evidence list | wc -l
vigil verify | sed 's/ in [0-9.]*s$//'
## stdout-has
status 8
0
verified: database, 55 change log entries, 2 checkpoints, 0 evidence items (0 bytes)
## stderr-has
cannot open missing.txt
no case with id 'no-such-case'
