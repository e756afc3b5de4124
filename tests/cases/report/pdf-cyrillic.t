# The PDF report carries real text with embedded fonts: Cyrillic and Uzbek
# Latin come out of pdftotext intact.
## run
seedvault
vigil person edit klara-sakharova --other-names "Клара Сахарова" --other-names "Oʻzbekiston fuqarosi" >/dev/null
vigil event add --case case-sakharova --title "Угрозы в Telegram" --date 2024-06-02 --description "Аккаунт «LONDON» снова угрожал её сыну." --confidentiality public >/dev/null
vigil --today 2024-10-04 report case-sakharova --format pdf --out report.pdf
pdftotext -enc UTF-8 report.pdf report.txt
grep -o "Клара Сахарова" report.txt
grep -o "Oʻzbekiston fuqarosi" report.txt
grep -o "Угрозы в Telegram" report.txt
grep -o "Аккаунт «LONDON» снова угрожал её сыну." report.txt
grep -o "Complaint to Prosecutor General’s Office" report.txt | head -1
pdffonts report.pdf | awk 'NR>2 && $(NF-4) != "yes" {print "not embedded:", $1}'
pdfinfo report.pdf | grep -E "^(Title|Creator):"
## stdout
Клара Сахарова
Oʻzbekiston fuqarosi
Угрозы в Telegram
Аккаунт «LONDON» снова угрожал её сыну.
Complaint to Prosecutor General’s Office
Title:           Case report: Threats against Klara Sakharova
Creator:         Vigil
## stderr-has
wrote report.pdf (for the partners audience)
