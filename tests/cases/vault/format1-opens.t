# A vault made before the header named the database page size (format 1, whose
# database has SQLCipher's default 1024-byte pages; tests/fixtures/vault-format1,
# passphrase test-pass, the seed case loaded) still opens, takes an import (the
# first write also brings its schema up to date), reads, finds the messages by
# full-text search, verifies, and keeps its format.
## run
mkdir -p $T/vault/evidence && cp -r $SRC/tests/fixtures/vault-format1/. $T/vault/
chmod 700 $T/vault
export VIGIL_VAULT=$T/vault VIGIL_PASSPHRASE=test-pass
vigil import telegram $SRC/tests/fixtures/telegram/full/result.json >/dev/null
vigil case list | grep -c case-sakharova
vigil message list --search пожалеешь | grep -c пожалеешь
vigil verify >/dev/null && echo verified
grep -c '^format 1$' $T/vault/vault.header
grep -c '^pagesize' $T/vault/vault.header
## exit
1
## stdout
1
1
verified
1
0
