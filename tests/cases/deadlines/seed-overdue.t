# On 20 June 2024 the seed's three complaints of 27 May are overdue under ZRU-445 art. 28.
## run
seedvault
VIGIL_TODAY=2024-06-20 vigil complaints --json | jq -c '.[] | [.id, .due, .status, .days_overdue, .rule.id, .rule.citation]'
VIGIL_TODAY=2024-06-20 vigil complaints --overdue | wc -l
## stdout
["complaint-interior-ministry","2024-06-11","overdue",9,"uzbekistan/complaint","Law ZRU-445 of 11.09.2017, art. 28"]
["complaint-prosecutor-general","2024-06-11","overdue",9,"uzbekistan/complaint","Law ZRU-445 of 11.09.2017, art. 28"]
["complaint-security-service","2024-06-11","overdue",9,"uzbekistan/complaint","Law ZRU-445 of 11.09.2017, art. 28"]
3
