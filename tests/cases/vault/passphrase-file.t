# --passphrase-file reads the first line of a file; a wrong file is refused.
## run
printf 'correct horse battery\n' > $T/pass
printf 'wrong horse\n' > $T/bad
vigil --vault $T/v --passphrase-file $T/pass init --kdf interactive >/dev/null
vigil --vault $T/v --passphrase-file $T/pass person add --name Ann
vigil --vault $T/v --passphrase-file $T/bad person list; echo "status $?"
vigil --vault $T/v --passphrase-file $T/missing person list; echo "status $?"
vigil --vault $T/v --passphrase-file $T/pass person list
## stdout
person-1
status 4
status 8
person-1                              Ann
## stderr-has
wrong passphrase
reading --passphrase-file: no such file
