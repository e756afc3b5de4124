# scan, flags and review end to end on an imported WhatsApp export (the
# project's own fixture): the threat naming the son ranks first, matched words
# are marked, a review is recorded in the change log, a second scan has nothing
# left to do. Since the tenth session the threat head also flags the opening
# line ("Добрый вечер, это по поводу вашей статьи.", 0.55): a stranger writing
# about a defender's article is how the formal intimidation it learnt from
# begins; alone it is harmless, and a person rejects it. As a threat it ranks
# above the insult and smear of message 3 (rank: abusive + threat score), which
# since the eleventh session has no threat score: the head learnt that abuse
# without threat words is not a threat.
## run
seedvault
vigil import whatsapp "$SRC/tests/fixtures/detect/WhatsApp Chat with Unknown.txt" --case case-sakharova >/dev/null
vigil scan
vigil flags | cut -c1-200 | sed 's/  [01]\.[0-9][0-9] /  X /; s/=[01]\.[0-9][0-9]/=X/g'
vigil flags --category family | cut -d' ' -f1
vigil review 2 confirm --note "threat to the son"
vigil flags --json | jq -r '.[] | "\(.mid) \(.status) \(.note)"'
vigil history | tail -1 | awk '{print $3, $4, $5, $6}'
vigil review 1 maybe
vigil scan
## stdout
scored 4 messages, 3 flagged; 'vigil flags' lists them worst first
2  X open      family=X smear=X threat=X  Unknown: Слышь, [предательница], [мы знаем где ты живёшь]. [Сына] твоего [у б ь ю].
1  X open      threat=X  Unknown: Добрый вечер, это по поводу вашей статьи.
3  X open      obscenity=X smear=X  Unknown: [с*ка], [иностранный агент]
2
message 2 confirmed
2 confirmed threat to the son
1 open null
3 open null
tester message 2 review
scored 0 messages, 0 flagged; 'vigil flags' lists them worst first
