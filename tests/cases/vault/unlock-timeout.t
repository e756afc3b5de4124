# The agent forgets the key by itself when its time is up.
## run
seedvault
vigil unlock --for 2s >/dev/null
unset VIGIL_PASSPHRASE
vigil case list >/dev/null && echo "open while unlocked"
sleep 3
vigil case list; echo "status $?"
VIGIL_PASSPHRASE=test-pass vigil unlock --for 2x; echo "status $?"
## stdout-has
open while unlocked
status 2
## stderr-has
--for takes a duration such as 90s, 15m or 2h
