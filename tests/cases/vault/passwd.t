# passwd changes the passphrase without losing anything; the old one stops working.
## run
seedvault
VIGIL_NEW_PASSPHRASE=new-secret vigil passwd
VIGIL_PASSPHRASE=test-pass vigil case list; echo "status $?"
VIGIL_PASSPHRASE=new-secret vigil case list
VIGIL_PASSPHRASE=new-secret VIGIL_NEW_PASSPHRASE=third vigil passwd --kdf moderate >/dev/null
VIGIL_PASSPHRASE=third vigil person show klara-sakharova | head -1
grep -c '^opslimit 3$' $T/vault/vault.header
## stdout-has
passphrase changed; the old one no longer opens
status 4
case-sakharova                        Threats against Klara Sakharova
person klara-sakharova: Klara Sakharova  [public]
1
