# Checkpoints are C2SP signed notes; proofs come out in RFC 9162 form.
## run
seedvault
vigil key export | head -1 | sed 's/[0-9a-f]\{16\}$/X/'
cp=$(ls "$VIGIL_VAULT/checkpoints"/*.checkpoint | tail -1)
basename "$cp"
sed -n 2p "$cp"
sed -n 3p "$cp" | tr -d '\n' | wc -c
tail -1 "$cp" | cut -d' ' -f1-2 | sed 's/[0-9a-f]\{16\}$/X/'
vigil prove inclusion 1 | grep -c '^  [0-9a-f]\{64\}$'
vigil prove inclusion 56
echo "status $?"
vigil prove consistency "$VIGIL_VAULT/checkpoints/000000000000.checkpoint"
echo "status $?"
## stdout-has
name          vigil.vault/X
000000000055.checkpoint
55
44
— vigil.vault/X
6
status 8
status 2
## stderr-has
entry 56 is newer than checkpoint
OLD must be a non-empty checkpoint
