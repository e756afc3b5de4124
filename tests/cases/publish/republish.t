# Publishing again removes the page of a statement that is no longer
# published; drafts never appear; translations link to each other; a folder
# Vigil did not make is not overwritten.
## run
seedvault
vigil statement add --id st-ru --title "Совместное заявление: безопасность Клары Сахаровой" --kind joint --language ru --status published --case case-sakharova --date 2024-06-03 --translation-of statement-sakharova-joint --signatories ahrca --body "Организации **обеспокоены**." --confidentiality public >/dev/null
vigil statement add --id st-draft --title "Draft appeal" --kind urgent-appeal --status draft --case case-sakharova --body "x" --confidentiality public >/dev/null
vigil --today 2024-10-04 publish --out site
ls site/statements
grep -o '<html lang="ru">' site/statements/st-ru.html
grep -o '<time datetime="2024-06-03">Пн, 3 июня</time>' site/statements/st-ru.html
grep -o 'hreflang="en" lang="en">English</a>' site/statements/st-ru.html
grep -o 'hreflang="ru" lang="ru">Русский</a>' site/statements/statement-sakharova-joint.html
grep -o '<strong>обеспокоены</strong>' site/statements/st-ru.html
vigil statement edit st-ru --status draft >/dev/null
vigil --today 2024-10-04 publish --out site
ls site/statements
mkdir other && touch other/mine.txt
vigil publish --out other
## exit
7
## stdout
published 2 statements and 1 defender page in site
st-ru.html
statement-sakharova-joint.html
<html lang="ru">
<time datetime="2024-06-03">Пн, 3 июня</time>
hreflang="en" lang="en">English</a>
hreflang="ru" lang="ru">Русский</a>
<strong>обеспокоены</strong>
published 1 statement and 1 defender page in site
statement-sakharova-joint.html
## stderr-has
other is not empty and was not made by 'vigil publish'
