# Steps: forwarded restarts the clock, an extension with notice moves the due date,
# an answer closes it; each step is in the change log.
## run
seedvault
vigil complaint step complaint-security-service --kind acknowledged --date 2024-05-28
vigil complaint step complaint-security-service --kind forwarded --date 2024-06-03 --to uz-interior-ministry
VIGIL_TODAY=2024-06-20 vigil complaints --json | jq -c '.[] | select(.id=="complaint-security-service") | [.due, .status, .days_overdue]'
vigil complaint step complaint-security-service --kind extended --date 2024-06-14 --until 2024-07-01 --note "letter no. 5"
VIGIL_TODAY=2024-06-20 vigil complaint show complaint-security-service | grep -E 'deadline|step'
vigil complaint step complaint-security-service --kind answered --date 2024-06-28 --answer "case opened under art. 139"
VIGIL_TODAY=2024-07-10 vigil complaints --json | jq -c '.[] | select(.id=="complaint-security-service") | [.due, .status]'
vigil history | grep -c 'complaint-security-service step'
## stdout
complaint-security-service: acknowledged on 2024-05-28
complaint-security-service: forwarded on 2024-06-03
["2024-06-18","overdue",2]
complaint-security-service: extended on 2024-06-14
  deadline: forwarded to Ministry of Internal Affairs on 3 June 2024, the clock restarts: 15 days from 3 June 2024 under art. 28 of Law ZRU-445: due 18 June 2024, extended with notice to 1 July 2024; no reply yet — 11 days left
  step: 28 May 2024 acknowledged
  step: 3 June 2024 forwarded to Ministry of Internal Affairs
  step: 14 June 2024 extended until 1 July 2024 — letter no. 5
complaint-security-service: answered on 2024-06-28
["2024-07-01","answered"]
4
