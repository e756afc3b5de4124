# The report shows what its audience may see: a restricted relative and a
# restricted address refuse the partners report with the list; --leave-out
# drops them and lists them at the end; the restricted report shows them.
## run
seedvault
vigil person add --id cousin --name "Rustam Secretov" --confidentiality restricted >/dev/null
vigil relationship add --id rel-cousin --person cousin --type cousin --related klara-sakharova --confidentiality restricted >/dev/null
vigil person edit klara-sakharova --address "Tashkent, Yunusabad 5" >/dev/null
vigil --today 2024-10-04 report case-sakharova --format html > partners.html || echo "exit $?"
vigil --today 2024-10-04 report case-sakharova --format html --leave-out > left.html
grep -c "Secretov\|Yunusabad" left.html
grep -o "<h2>Left out for this audience</h2>" left.html
grep -o "<li>relationship rel-cousin (restricted)</li>" left.html
grep -o "<li>person cousin (restricted)</li>" left.html
grep -o "<li>person klara-sakharova, field address (restricted)</li>" left.html
grep -o "<svg[^>]*role=\"img\"" left.html | head -1 | cut -c1-40
grep -o "Deadline: 15 days from 27 May 2024 under art. 28 of Law ZRU-445: due 11 June 2024; no reply — 115 days overdue" left.html | head -1
grep -o "<title>11 June 2024: 15 days" left.html | wc -l
grep -o "<script src=\|<link rel=\"stylesheet\"" left.html || echo "one file: nothing loaded"
vigil --today 2024-10-04 report case-sakharova --format html --audience restricted > all.html
grep -o "Cousin: Rustam Secretov, address: \|<td>Tashkent, Yunusabad 5</td>\|Cousin: Rustam Secretov" all.html
vigil report case-sakharova --format html --audience public --leave-out | grep -c "Klara Sakharova" | sed 's/^[1-9][0-9]*$/has the defender/'
## stdout
exit 14
0
<h2>Left out for this audience</h2>
<li>relationship rel-cousin (restricted)</li>
<li>person cousin (restricted)</li>
<li>person klara-sakharova, field address (restricted)</li>
<svg xmlns="http://www.w3.org/2000/svg" 
Deadline: 15 days from 27 May 2024 under art. 28 of Law ZRU-445: due 11 June 2024; no reply — 115 days overdue
3
one file: nothing loaded
<td>Tashkent, Yunusabad 5</td>
Cousin: Rustam Secretov
has the defender
## stderr-has
refusing to publish the report for the partners audience: it would show 3 things above that level
person cousin is restricted
person klara-sakharova field address is restricted
relationship rel-cousin is restricted
