# init refuses a folder that is not empty, and writes nothing into it.
## run
mkdir -p $T/full && echo keep > $T/full/file
VIGIL_PASSPHRASE=x vigil --vault $T/full init --kdf interactive
status=$?
ls $T/full
exit $status
## exit
7
## stdout
file
## stderr-has
is not empty
