# A wrong passphrase gets its own message, a non-zero exit, and no write of any kind.
## run
seedvault
before=$(cd $T/vault && find . -type f -exec sha256sum {} + | sort; ls -la --time-style=full-iso -R .)
VIGIL_PASSPHRASE=wrong vigil case list
status=$?
VIGIL_PASSPHRASE=wrong vigil person add --name Someone
VIGIL_PASSPHRASE=wrong vigil load $SRC/data/demo/seed-case.json
after=$(cd $T/vault && find . -type f -exec sha256sum {} + | sort; ls -la --time-style=full-iso -R .)
[ "$before" = "$after" ] && echo unchanged
exit $status
## exit
4
## stdout
unchanged
## stderr-has
vigil: wrong passphrase for the vault at
