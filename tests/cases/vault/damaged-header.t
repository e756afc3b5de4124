# A damaged header (one changed character, a missing file) is named as such.
## run
mkvault
cp $T/vault/vault.header $T/good
# change one hex digit of the salt
sed -i 's/^salt \(.\)/salt X\1/; s/^salt X0/salt 1/; s/^salt X[^0]/salt 0/' $T/vault/vault.header
cmp -s $T/good $T/vault/vault.header && echo "test did not change the header"
vigil case list; echo "status $?"
cp $T/good $T/vault/vault.header
echo "# extra" >> $T/vault/vault.header
vigil case list; echo "status $?"
rm $T/vault/vault.header
vigil case list; echo "status $?"
cp $T/good $T/vault/vault.header
vigil case list; echo "status $?"
## stdout
status 6
status 6
status 6
status 0
## stderr-has
the vault's header is damaged (checksum does not match)
the vault's header is damaged (the file is missing)
restore that file from a backup
