# verify names each damaged item and exits with the verify status (16).
## run
seedvault
printf 'a\n' > a.txt; printf 'b\n' > b.txt
vigil evidence add a.txt b.txt >/dev/null
blob=$(ls "$VIGIL_VAULT/evidence" | head -1)
# flip every bit of byte 40 (writing a fixed byte would change nothing when
# the ciphertext happens to hold it already: one run in 256)
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(40); b = f.read(1); f.seek(40); f.write(bytes([b[0] ^ 0xff]))' "$VIGIL_VAULT/evidence/$blob"
touch "$VIGIL_VAULT/evidence/stray"
vigil verify
## exit
16
## stdout-has
the authentication tag does not hold
FAIL stray: an unknown file in the evidence folder
verification FAILED
## stderr-has
2 problems found
