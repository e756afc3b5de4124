# A working-day rule in a year without a holiday calendar says so instead of guessing;
# an unverified rule says so; an unknown jurisdiction has no rule.
## run
seedvault
vigil org add --id kz-akimat --name "Akimat of Almaty" --type state-body >/dev/null
vigil complaint add --id c-kz --case case-sakharova --type complaint --authority kz-akimat --jurisdiction Kazakhstan --date-filed 2026-03-02 >/dev/null
vigil complaint add --id c-crime --case case-sakharova --type crime-report --authority uz-interior-ministry --jurisdiction Uzbekistan --date-filed 2024-05-27 >/dev/null
vigil complaint add --id c-tj --case case-sakharova --type complaint --authority kz-akimat --jurisdiction Tajikistan --date-filed 2024-05-27 >/dev/null
VIGIL_TODAY=2026-03-10 vigil complaint show c-kz | grep deadline
VIGIL_TODAY=2026-03-10 vigil complaints --json | jq -c '.[] | select(.id=="c-kz") | [.due, .due_earliest, .status]'
VIGIL_TODAY=2024-06-20 vigil complaint show c-crime | grep deadline
VIGIL_TODAY=2024-06-20 vigil complaint follow-up c-crime --lang en | grep -c 'art. 329'
VIGIL_TODAY=2024-06-20 vigil complaint show c-tj | grep deadline
## stdout-has
  deadline: 15 working days from 2 March 2026 under art. 76 of the Administrative Procedural and Process Code: calendar unknown for Kazakhstan 2026 (no data/calendars file); at the earliest 23 March 2026 counting weekends only
[null,"2026-03-23","calendar-unknown"]
  deadline: 10 days from 27 May 2024 under art. 329 of the Criminal Procedure Code: due 6 June 2024; no reply — 14 days overdue (counted from the filing date: date of receipt unknown) [rule unverified: check Criminal Procedure Code of Uzbekistan, art. 329]
  deadline: no known term for complaint,application,proposal in Tajikistan (Law of Tajikistan No. 1339 of 2016; rule unknown)
## stderr-has
warning: the deadline rule is unverified, not read from the law; check Criminal Procedure Code of Uzbekistan, art. 329 before sending
