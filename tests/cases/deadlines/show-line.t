# complaint show explains the deadline in one line, and says the receipt date is unknown.
## run
seedvault
VIGIL_TODAY=2024-06-20 vigil complaint show complaint-prosecutor-general
VIGIL_TODAY=2024-06-20 vigil complaint show complaint-prosecutor-general --json | jq -r '.deadline.due, .deadline.status, .deadline.rule.verified'
## stdout-has
  authority: Prosecutor General’s Office (uz-prosecutor-general)
  deadline: 15 days from 27 May 2024 under art. 28 of Law ZRU-445: due 11 June 2024; no reply — 9 days overdue (counted from the filing date: date of receipt unknown)
2024-06-11
overdue
true
