# A scan scores what the current model and patterns have not scored: a second
# scan has nothing to do, but once the case names another relative (her
# patterns now include the name) every message is scored again, and the
# message naming her ("Малике": her name is written in Latin letters, the
# message has it in Cyrillic and inflected) gets the family category. The
# message was near the threshold (0.23-0.31 with the sixth session's models);
# since the tenth session the threat head reads "we'll come", sent by an
# unknown sender to a relative, as a veiled threat and flags it: the counts of
# flagged messages below follow the shipped model.
## run
seedvault
printf '01/06/2024, 10:00 - Unknown: Передай Малике, что мы придём\n' >"$T/chat.txt"
vigil import whatsapp "$T/chat.txt" --case case-sakharova >/dev/null
vigil scan
vigil scan
vigil --json flags --all | jq -r '.[0].scores.family'
pid=$(vigil person add --name "Malika Sakharova" --case case-sakharova)
vigil relationship add --person "$pid" --type sister --related klara-sakharova --case case-sakharova >/dev/null
vigil scan
vigil --json flags --all | jq -r '.[0].scores.family > 0'
## stdout
scored 1 message, 1 flagged; 'vigil flags' lists them worst first
scored 0 messages, 0 flagged; 'vigil flags' lists them worst first
0
scored 1 message, 1 flagged; 'vigil flags' lists them worst first
true
