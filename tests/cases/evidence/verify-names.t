# verify names each damaged item and exits with the verify status (16).
## run
seedvault
printf 'a\n' > a.txt; printf 'b\n' > b.txt
vigil evidence add a.txt b.txt >/dev/null
blob=$(ls "$VIGIL_VAULT/evidence" | head -1)
printf 'x' | dd of="$VIGIL_VAULT/evidence/$blob" bs=1 seek=40 conv=notrunc 2>/dev/null
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
