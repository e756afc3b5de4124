# The site is refused, with the list of what would leak, when a published
# statement shows a restricted defender or a partners-only signatory; nothing
# is written. A restricted address that no page shows does not block it and
# never appears.
## run
seedvault
vigil person edit klara-sakharova --address "Tashkent, Yunusabad 5" >/dev/null
vigil --today 2024-10-04 publish --out ok >/dev/null && echo "published with a restricted address"
grep -rl "Yunusabad" ok || echo "address not in the site"
vigil person edit klara-sakharova --confidentiality restricted >/dev/null
vigil org edit iphr --confidentiality partners >/dev/null
vigil --today 2024-10-04 publish --out site
echo "exit $?"
ls site 2>/dev/null || echo "nothing written"
## stdout
published with a restricted address
address not in the site
exit 14
nothing written
## stderr-has
refusing to publish the site for the public audience: it would show 2 things above that level
org iphr is partners
person klara-sakharova is restricted
