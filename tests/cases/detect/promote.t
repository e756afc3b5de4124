# flags promote end to end on an imported WhatsApp export: an unconfirmed flag
# is refused; a confirmed threat naming the son becomes an act of the event
# (victim: the case's defender, type threat.relatives, the day it was sent),
# linked as evidence to the export it came from, with a "promote" entry in the
# change log; a second promotion is refused; --victim names another person and
# an insult/obscenity flag becomes an "insult" act.
## run
seedvault
vigil import whatsapp "$SRC/tests/fixtures/detect/WhatsApp Chat with Unknown.txt" --case case-sakharova >/dev/null
vigil scan >/dev/null
vigil flags promote 2 --event ev-london-messages || echo "refused $?"
vigil review 2 confirm >/dev/null
vigil flags promote 2 --event ev-london-messages
vigil --json act show act-14 | jq -r '[.event, .victim, .type, .date] | @tsv'
vigil --json act show act-14 | jq -r '.description' | cut -d: -f1
vigil --json evidence show evidence-1 | jq -c '.links'
vigil --json history | jq -c '.[-1] | [.op, .kind, .id, .case, .data.event, .data.act]'
vigil flags promote 2 --event ev-london-messages || echo "refused $?"
vigil flags promote 99 --event ev-london-messages || echo "refused $?"
vigil review 3 confirm >/dev/null
vigil flags promote 3 --event ev-nonexistent || echo "refused $?"
vigil --json flags promote 3 --event ev-london-messages --victim klara-son | jq -c '[.act, .type, .evidence]'
vigil --json act show act-15 | jq -r '[.victim, .type] | @tsv'
vigil flags promote 1 || echo "refused $?"
## stdout
refused 2
message 2 is now act act-14 (threat.relatives) of event ev-london-messages, linked to evidence evidence-1
ev-london-messages	klara-sakharova	threat.relatives	2026-05-12
Message 2 from Unknown in the chat "Unknown" on 2026-05-12
[{"kind":"act","id":"act-14"}]
["promote","message","2","case-sakharova","ev-london-messages","act-14"]
refused 7
refused 8
refused 8
["act-15","insult","evidence-1"]
klara-son	insult
refused 2
## stderr-has
message 2 is open, not confirmed; a person confirms it first with 'vigil review 2 confirm'
message 2 is an act of event ev-london-messages already
message 99 has not been scored; run 'vigil scan' first
no event with id 'ev-nonexistent'
usage: vigil flags promote ID --event ID
