# No record's text appears in plain form in any file of the vault.
## run
seedvault
vigil person add --name "Zarina Secretname" --address "Mirobod 17, Tashkent" --phone "+998901234567" >/dev/null
vigil event add --case case-sakharova --title "Unmarked Lada outside the office" --date 2024-06-01 >/dev/null
for s in Sakharova LONDON Kubatin Nexia Secretname Mirobod 998901234567 "Unmarked Lada" Prosecutor "guarantee the effective" \
         $(printf 'Sakharova' | iconv -t UTF-16LE | xxd -p 2>/dev/null) ; do
  if grep -rqaF -- "$s" $T/vault; then echo "FOUND $s"; fi
done
ls $T/vault | sort
## stdout
checkpoints
evidence
vault.db
vault.header
