# The demo site: the seed statement's page holds every paragraph of the seed
# text and its four signatories; the header shows the date in the seed's style
# and the two reader controls; all links are relative and nothing is loaded
# from elsewhere.
## run
seedvault
vigil --today 2024-10-04 publish --out site
python3 "$SRC/tests/publish/seed_check.py" site/statements/statement-sakharova-joint.html \
  "$SHARED/seed/statement.txt" "Association for Human Rights in Central Asia (AHRCA)" \
  "International Partnership for Human Rights (IPHR)" "Norwegian Helsinki Committee (NHC)" \
  "Helsinki Foundation for Human Rights (HFHR)"
grep -o '<time datetime="2024-10-04"[^>]*>Fri, Oct 4</time>' site/statements/statement-sakharova-joint.html | sed 's/ title="[^"]*"//'
grep -o 'data-size="[a-z]*" aria-pressed="[a-z]*">[A-Za-z]*<' site/index.html
grep -o 'data-font="[a-z]*" aria-pressed="[a-z]*">[A-Za-z]*<' site/index.html
ls site site/statements site/defenders
# No absolute URL in any attribute that loads or links something.
grep -rhoE '(src|href)="[a-z]+:[^"]*"' site || echo "no absolute links"
grep -c '<entry' site/feed.xml
grep -o '<text[^>]*>Answer due</text>' site/defenders/klara-sakharova.html | sed 's/<text[^>]*>//'
## stdout
published 1 statement and 1 defender page in site
5 paragraphs, 4 signatories checked
<time datetime="2024-10-04">Fri, Oct 4</time>
data-size="smaller" aria-pressed="false">Smaller<
data-size="small" aria-pressed="false">Small<
data-size="medium" aria-pressed="true">Medium<
data-size="big" aria-pressed="false">Big<
data-size="bigger" aria-pressed="false">Bigger<
data-font="default" aria-pressed="true">Default<
data-font="helvetica" aria-pressed="false">Helvetica<
data-font="segoe" aria-pressed="false">Segoe<
data-font="georgia" aria-pressed="false">Georgia<
data-font="times" aria-pressed="false">Times<
site:
defenders
feed.xml
index.html
site.css
site.js
sitemap.xml
statements

site/defenders:
klara-sakharova.html

site/statements:
statement-sakharova-joint.html
no absolute links
1
Answer due</text>
