# A full disk gets a message that says so, and the vault keeps everything it had.
# (Needs root to mount a small tmpfs, as CI and the developers' machines run.)
## run
mkdir $T/small
mount -t tmpfs -o size=1600k tmpfs $T/small || { echo "cannot mount a tmpfs here"; exit 99; }
trap 'umount $T/small' EXIT
export VIGIL_VAULT=$T/small/vault VIGIL_PASSPHRASE=p
vigil init --kdf interactive >/dev/null
head -c 150000 /dev/urandom | base64 -w 0 > $T/notes.txt
full=no
for i in $(seq 1 12); do
  if ! vigil person add --name "P$i" --notes-file $T/notes.txt >/dev/null 2>$T/err; then full=yes; break; fi
done
echo "full: $full"
cat $T/err
stored=$(vigil person list | wc -l)
[ "$stored" -ge 1 ] && [ "$stored" -lt 12 ] && echo "earlier records intact"
vigil history --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print("log matches" if len(e)=='$stored' else "log differs")'
## stdout-has
full: yes
vigil: disk full while
free some space and try again; nothing was changed
earlier records intact
log matches
