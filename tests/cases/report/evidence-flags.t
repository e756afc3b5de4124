# The report shows what the evidence, detection and ledger modules hold: an
# evidence file with its SHA-256 and custody events, the flagged messages of an
# imported chat worst first with scores and review, and the latest signed
# checkpoint, in HTML and (pdftotext) in the PDF. Evidence and what a message
# says are restricted: the partners report keeps the scores but leaves the
# text and the files out, the public report leaves the messages out too, and
# both list what they left out; nothing refuses, since nobody can mark them.
## run
seedvault
printf 'screenshot of the threat\n' > shot.png
sha=$(sha256sum shot.png | cut -c1-64)
vigil evidence add shot.png --case case-sakharova --captured-by "Klara Sakharova" --captured-at 2024-05-26T10:00:00Z >/dev/null
vigil evidence link evidence-1 --event ev-following-05-26 >/dev/null
vigil import whatsapp "$SRC/tests/fixtures/detect/WhatsApp Chat with Unknown.txt" --case case-sakharova >/dev/null
vigil scan >/dev/null
vigil review 2 confirm --note "threat to the son" >/dev/null
vigil checkpoint >/dev/null
root=$(sed -n 3p "$(ls "$VIGIL_VAULT"/checkpoints/*.checkpoint | sort | tail -1)")
size=$(sed -n 2p "$(ls "$VIGIL_VAULT"/checkpoints/*.checkpoint | sort | tail -1)")
kid=$(vigil key export | awk '/^verifier key/{print $3}' | cut -d+ -f2)
echo "root ${#root}, key id ${#kid}"
# The restricted report shows everything, in HTML and in the PDF.
vigil --today 2024-10-04 report case-sakharova --format html --audience restricted > all.html
vigil --today 2024-10-04 report case-sakharova --format pdf --audience restricted --out all.pdf 2>/dev/null
echo "pdf exit $?"
pdftotext -enc UTF-8 all.pdf - | tr -s ' \n' '  ' > all.txt
sed 's/<[^>]*>/ /g' all.html | tr -s ' \n' '  ' > all.html.txt
for f in all.html.txt all.txt; do
  echo "== $f"
  grep -c "$sha" $f
  grep -o "Captured by\|2024-05-26T10:00:00Z" $f | sort -u
  grep -o "tester: collected into the vault, with the SHA-256 above" $f | sort -u
  grep -o "tester: linked to event ev-following-05-26" $f
  grep -o "Message 2, 2026-05-12 21:12 UTC: abusive [01]\.[0-9]*; threat [01]\.[0-9]*" $f | sed 's/[01]\.[0-9]*/X/g'
  grep -o "Review: confirmed (threat to the son)" $f
  grep -o "Сына твоего у б ь ю" $f
  grep -o "Message 3, 2026-05-12 21:15 UTC: abusive" $f
  grep -o "$root" $f | head -1 | sed "s|$root|ROOT|"
  grep -o "$size change log entries" $f | sed "s/$size/N/"
  grep -o "Key id" $f | head -1
  grep -o "$kid" $f | head -1 | sed "s/$kid/KEYID/"
done
# Message 2 ranks before message 3 (worst first).
awk '/Message 2,/{a=NR} /Message 3,/{b=NR} END{print (a && b && a < b) ? "worst first" : "order wrong"}' all.html
# Partners (the default): scores and the checkpoint; no file, no text.
vigil --today 2024-10-04 report case-sakharova --format html > partners.html
echo "partners exit $?"
grep -c "$sha\|Сына\|threat to the son\|shot.png" partners.html
grep -o "Message 2, 2026-05-12 21:12 UTC: abusive" partners.html
grep -o "$root" partners.html | head -1 | sed "s|$root|ROOT|"
grep -o "<li>evidence evidence-1 (restricted)</li>\|<li>message 2, field text (restricted)</li>\|<li>message 2, field note (restricted)</li>" partners.html
# Public, HTML and PDF: no file, no message, listed at the end.
vigil --today 2024-10-04 report case-sakharova --format html --audience public --leave-out > public.html
vigil --today 2024-10-04 report case-sakharova --format pdf --audience public --leave-out --out public.pdf 2>/dev/null
pdftotext -enc UTF-8 public.pdf - | tr -s ' \n' '  ' > public.txt
for f in public.html public.txt; do
  echo "== $f"
  grep -c "$sha\|Сына\|Message 2,\|Message 3," $f
  grep -o "evidence evidence-1 (restricted)\|message 2 (partners)\|message 3 (partners)" $f
  grep -o "$root" $f | head -1 | sed "s|$root|ROOT|"
done
## stdout
root 44, key id 8
pdf exit 0
== all.html.txt
1
2024-05-26T10:00:00Z
Captured by
tester: collected into the vault, with the SHA-256 above
tester: linked to event ev-following-05-26
Message 2, 2026-05-12 21:12 UTC: abusive X; threat X
Review: confirmed (threat to the son)
Сына твоего у б ь ю
Message 3, 2026-05-12 21:15 UTC: abusive
ROOT
N change log entries
Key id
KEYID
== all.txt
1
2024-05-26T10:00:00Z
Captured by
tester: collected into the vault, with the SHA-256 above
tester: linked to event ev-following-05-26
Message 2, 2026-05-12 21:12 UTC: abusive X; threat X
Review: confirmed (threat to the son)
Сына твоего у б ь ю
Message 3, 2026-05-12 21:15 UTC: abusive
ROOT
N change log entries
Key id
KEYID
worst first
partners exit 0
0
Message 2, 2026-05-12 21:12 UTC: abusive
ROOT
<li>evidence evidence-1 (restricted)</li>
<li>message 2, field note (restricted)</li>
<li>message 2, field text (restricted)</li>
== public.html
0
evidence evidence-1 (restricted)
message 2 (partners)
message 3 (partners)
ROOT
== public.txt
0
evidence evidence-1 (restricted)
message 2 (partners)
message 3 (partners)
ROOT
