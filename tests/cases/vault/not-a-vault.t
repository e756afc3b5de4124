# A folder that is not a vault, and a path where nothing is, each get their own message.
## run
mkdir $T/plain
VIGIL_PASSPHRASE=x vigil --vault $T/plain case list
echo "status $?"
VIGIL_PASSPHRASE=x vigil --vault $T/nothing case list
echo "status $?"
echo "vigil-vault-not" > $T/plain/vault.header
VIGIL_PASSPHRASE=x vigil --vault $T/plain case list
echo "status $?"
## stdout
status 3
status 3
status 3
## stderr-has
not a Vigil vault: 
no vault at 
create one with 'vigil init'
