# The UN submission: refused without recorded consent; with it, the fields the
# Special Rapporteur asks for. A restricted address is left out for partners
# (and listed), shown at the restricted level; a restricted complaint refuses
# the submission for partners with the list of what would leak.
## run
seedvault
vigil statement export statement-sakharova-joint --format un || echo "exit $?"
vigil case edit case-sakharova --consent "Klara Sakharova, in writing, for a UN submission" --consent-date 2024-06-01 >/dev/null
vigil person edit klara-sakharova --address "Tashkent, Yunusabad 5" --birth-date 1970-03-02 --birth-date-confidentiality partners >/dev/null
vigil --today 2024-10-04 statement export statement-sakharova-joint --format un > un.txt 2>err.txt
grep -E "^(Procedure|[0-9]\.)|Name:|Age:|Residence:|Given:|Date: 1 June" un.txt
grep -c "account “LONDON” —" un.txt
grep -A1 "Prosecutor General" un.txt
cat err.txt
vigil --today 2024-10-04 statement export statement-sakharova-joint --format un --audience restricted | grep Residence
vigil --today 2024-10-04 --json statement export statement-sakharova-joint --format un | jq -r '.victim.name, .consent.date, (.national_remedies | length)'
vigil complaint edit complaint-interior-ministry --confidentiality restricted >/dev/null
vigil statement export statement-sakharova-joint --format un
## exit
14
## stdout
exit 9
Procedure asked for: allegation letter
1. The victim
   Name: Klara Sakharova
   Age: 54
   Residence: Uzbekistan
2. The violations
3. The alleged perpetrators
4. Steps taken with the national authorities
5. Consent
   Given: Klara Sakharova, in writing, for a UN submission
   Date: 1 June 2024
1
   - 27 May 2024: Complaint to Prosecutor General’s Office, asking: Identify and prosecute “LONDON”. Outcome: No reply
     Deadline: 15 days from 27 May 2024 under art. 28 of Law ZRU-445: due 11 June 2024; no reply — 115 days overdue (counted from the filing date: date of receipt unknown)
left out because the partners audience may not see them:
  person klara-sakharova field address (restricted)
   Residence: Tashkent, Yunusabad 5
Klara Sakharova
1 June 2024
3
## stderr-has
case case-sakharova records no consent for a UN submission
refusing to publish the UN submission for the partners audience
complaint complaint-interior-ministry is restricted
