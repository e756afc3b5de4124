# Without --vault or VIGIL_VAULT the vault is $XDG_DATA_HOME/vigil/vault.
## run
export XDG_DATA_HOME=$T/xdg VIGIL_PASSPHRASE=p
vigil init --kdf interactive
ls $T/xdg/vigil/vault | sort | head -1
VIGIL_VAULT=$T/xdg/vigil/vault vigil case list; echo "status $?"
vigil init --kdf fast; echo "status $?"
## stdout-has
created an encrypted vault at
checkpoints
status 0
status 2
## stderr-has
unknown --kdf level 'fast'; use interactive, moderate or sensitive
