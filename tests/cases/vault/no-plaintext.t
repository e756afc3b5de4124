# No record's text appears in plain form in any file of the vault.
## run
seedvault
vigil person add --name "Zarina Secretname" --address "Mirobod 17, Tashkent" --phone "+998901234567" >/dev/null
vigil event add --case case-sakharova --title "Unmarked Lada outside the office" --date 2024-06-01 >/dev/null
# The probe must be able to find a string where it is in the clear.
grep -qaF Sakharova $SRC/data/demo/seed-case.json && echo "probe works"
for s in Sakharova LONDON Kubatin Nexia Secretname Mirobod 998901234567 "Unmarked Lada" Prosecutor "guarantee the effective"; do
  if grep -rqaF -- "$s" $T/vault; then echo "FOUND $s"; fi
done
ls $T/vault | sort
## stdout
probe works
checkpoints
evidence
vault.db
vault.header
