# unlock keeps the key in an agent, so commands need no passphrase; lock wipes it.
## run
seedvault
vigil unlock --for 2m
unset VIGIL_PASSPHRASE
vigil case list
ls -ld $XDG_RUNTIME_DIR/vigil | cut -c1-10
vigil lock
vigil case list; echo "status $?"
vigil lock
## stdout-has
unlocked
case-sakharova
drwx------
locked
status 2
was not unlocked
## stderr-has
no terminal to ask for the passphrase
