# A first draft from the case's public facts: a restricted event, a restricted
# address and a partners-only relative stay out of it (and are listed on
# stderr); edits are kept as versions.
## run
seedvault
vigil person edit klara-sakharova --address "Tashkent, Yunusabad 5" >/dev/null
vigil event add --id ev-secret --case case-sakharova --title "Meeting with a lawyer in hiding" --date 2024-06-01 --confidentiality restricted >/dev/null
vigil person add --id cousin --name "Rustam Secretov" --confidentiality partners >/dev/null
vigil relationship add --person cousin --type cousin --related klara-sakharova --confidentiality partners >/dev/null
vigil --today 2024-10-04 statement draft case-sakharova --kind joint --lang en --id st-draft 2>err.txt
cat err.txt
vigil statement versions st-draft --show 1 > v1.md
grep -c "Yunusabad\|lawyer in hiding\|Secretov" v1.md
grep -o "On 27 May 2024, Klara Sakharova submitted complaints to the Prosecutor General’s Office, the Ministry of Internal Affairs and the National Security Service." v1.md
grep -o "To date there has been no reply. The time the law allows for an answer (art. 28 of Law ZRU-445) ran out on 11 June 2024." v1.md
grep -o "CCPR/C/UZB/CO/5, May 2020, para. 45" v1.md
grep -o "1. take immediate measures to protect her and her family;" v1.md
grep -o "We call on the authorities of Uzbekistan to:" v1.md
vigil statement show st-draft | grep -o "status: draft"
printf '# edited\n\nA shorter text.\n' > new.md
vigil statement edit st-draft --body-file new.md >/dev/null
vigil statement edit st-draft --status approved >/dev/null
vigil statement versions st-draft | awk '{print $1, $NF}'
vigil statement versions st-draft --show 2
vigil statement draft case-sakharova --kind un --lang ru --id st-ru >/dev/null 2>&1
vigil statement versions st-ru --show 1 | head -1
vigil statement draft case-sakharova --kind memo
## exit
2
## stdout
st-draft
left out because the public audience may not see them:
  event ev-secret (restricted)
0
On 27 May 2024, Klara Sakharova submitted complaints to the Prosecutor General’s Office, the Ministry of Internal Affairs and the National Security Service.
To date there has been no reply. The time the law allows for an answer (art. 28 of Law ZRU-445) ran out on 11 June 2024.
CCPR/C/UZB/CO/5, May 2020, para. 45
1. take immediate measures to protect her and her family;
We call on the authorities of Uzbekistan to:
status: draft
1 facts
2 edited
# Joint statement: the safety of human rights defender Klara Sakharova

# edited

A shorter text.
# Обращение к Специальному докладчику ООН по вопросу о положении правозащитников: Klara Sakharova
## stderr-has
unknown kind 'memo'; use joint, urgent-appeal, letter or un
