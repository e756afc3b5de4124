# A statement cites records so that facts are written once: an event, a
# complaint and a standard's quoted paragraph are filled in from the records.
# A cited record that is not public refuses the site; a citation of a record
# that does not exist is named.
## run
seedvault
cat > body.md <<'MD'
On {{event:ev-following-05-26}}, {{person:klara-sakharova}} was followed. After {{complaint:complaint-prosecutor-general}} the Committee's words apply: {{reference:ccpr-c-uzb-co-5-para45}}.

Unknown {{memo:x}} and {{event:bad id}} stay as written.
MD
vigil statement add --id st-cite --title "Citing" --kind joint --status published --case case-sakharova --body-file body.md --confidentiality public >/dev/null
vigil --today 2024-10-04 publish --out site >/dev/null
grep -o "On Followed by a white Chevrolet Nexia-3 (26 May 2024), Klara Sakharova was followed." site/statements/st-cite.html
grep -o "After the complaint of 27 May 2024 to Prosecutor General’s Office (no reply)" site/statements/st-cite.html
grep -o "“(g)uarantee the effective protection" site/statements/st-cite.html
grep -o "(UN Human Rights Committee, CCPR/C/UZB/CO/5, para. 45)" site/statements/st-cite.html
grep -o "Unknown {{memo:x}} and {{event:bad id}} stay as written." site/statements/st-cite.html
vigil statement export st-cite --format markdown | grep -o "complaint of 27 May 2024"
vigil event edit ev-following-05-26 --confidentiality partners >/dev/null
vigil --today 2024-10-04 publish --out site2 || echo "exit $?"
printf 'See {{event:ev-nowhere}}.\n' > bad.md
vigil event edit ev-following-05-26 --confidentiality public >/dev/null
vigil statement edit st-cite --body-file bad.md >/dev/null
vigil --today 2024-10-04 publish --out site3
## exit
8
## stdout
On Followed by a white Chevrolet Nexia-3 (26 May 2024), Klara Sakharova was followed.
After the complaint of 27 May 2024 to Prosecutor General’s Office (no reply)
“(g)uarantee the effective protection
(UN Human Rights Committee, CCPR/C/UZB/CO/5, para. 45)
Unknown {{memo:x}} and {{event:bad id}} stay as written.
complaint of 27 May 2024
exit 14
## stderr-has
refusing to publish the site for the public audience: it would show 1 thing above that level: event ev-following-05-26 is partners
statement st-cite cites event ev-nowhere, which is not in the vault
