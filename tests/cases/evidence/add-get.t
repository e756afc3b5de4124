# Evidence goes in encrypted under a name that reveals nothing, comes out
# byte for byte, is stored once per content, and every step is in its custody.
## run
seedvault
printf 'threat: we know where you live\n' > msg.txt
cp msg.txt same.txt
vigil evidence add msg.txt --case case-sakharova --captured-by "Klara Sakharova" --source "Telegram account LONDON"
vigil evidence add same.txt
ls "$VIGIL_VAULT/evidence" | grep -c '^[0-9a-f]\{64\}$'
grep -rl "we know where" "$VIGIL_VAULT" || echo "no plaintext in the vault"
vigil evidence list
vigil evidence link evidence-1 --event ev-following-05-26
vigil evidence get evidence-1 --out out.txt --purpose "for the lawyer"
cmp msg.txt out.txt && echo identical
vigil evidence show evidence-1
vigil evidence custody evidence-1 | sed 's/^ *[0-9]*  [0-9TZ:-]*  //'
vigil verify | sed 's/ in [0-9.]*s$//'
## stdout-has
evidence-1
evidence-1  (already stored: same content)
1
no plaintext in the vault
evidence-1              31  text/plain               msg.txt
identical
sha256         132ed0dfe478d0f1d59139003bae39f97a17c357860dc825058ee04797089064
linked to      event ev-following-05-26
tester     collected msg.txt (sha256 132ed0dfe478d0f1d59139003bae39f97a17c357860dc825058ee04797089064); captured by Klara Sakharova
tester     linked to event ev-following-05-26
tester     extracted to out.txt
verified: database, 58 change log entries
