# The morning digest lists overdue and soon-due complaints and the alerts.
## run
seedvault
vigil --today 2024-06-20 today
vigil --today 2024-06-05 today --json | jq -c '[(.overdue|length), (.due_soon|length), ([.alerts[] | select(.new)] | length)]'
## stdout-has
Vigil digest for 20 June 2024
Overdue complaints: 3
  complaint-prosecutor-general (case-sakharova): 15 days from 27 May 2024 under art. 28 of Law ZRU-445: due 11 June 2024; no reply — 9 days overdue (counted from the filing date: date of receipt unknown)
Due within 7 days: 0
Alerts: 6 (0 new in the last 7 days)
  case-sakharova: [high] repeated surveillance: unknown occupants of a white Chevrolet Nexia-3 on 3 days within 4 days (26 May 2024, 27 May 2024 and 29 May 2024)
[0,3,2]
