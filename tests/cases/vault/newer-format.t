# A vault written by a newer Vigil is refused with a message that says to upgrade.
## run
mkvault
sed -i 's/^format [0-9]*$/format 9/' $T/vault/vault.header
vigil case list
## exit
5
## stderr-has
newer than this Vigil understands
upgrade Vigil
