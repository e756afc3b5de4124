# An import that fills the disk is refused with a message that says so, and the
# vault is left as it was: no message, no evidence file that no record names (the
# export's copy is taken away again when the change rolls back), a search index
# that still answers, and a vault that verifies (its seal made again after the
# rollback). (Needs root to mount a small tmpfs, as CI and the developers' machines run.)
## run
mkdir $T/small
mount -t tmpfs -o size=4600k tmpfs $T/small || { echo "cannot mount a tmpfs here"; exit 99; }
trap 'umount $T/small' EXIT
export VIGIL_VAULT=$T/small/vault VIGIL_PASSPHRASE=p
vigil init --kdf interactive >/dev/null
"$(dirname "$VIGIL")/gen-telegram-export" 5000 $T/export.json >/dev/null
vigil import telegram $T/export.json >/dev/null 2>$T/err
echo "exit $?"
cat $T/err
echo "messages: $(vigil message list | wc -l)"
echo "evidence files: $(ls $T/small/vault/evidence | wc -l)"
echo "found: $(vigil message list --search court | wc -l)"
vigil verify >/dev/null && echo verified
## stdout-has
exit 15
vigil: disk full while
nothing was imported
messages: 0
evidence files: 0
found: 0
verified
