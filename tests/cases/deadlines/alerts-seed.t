# The seed's surveillance on 26, 27 and 29 May raises a repeated-surveillance alert with
# the records behind it; threats against her son and mother are flagged too.
## run
seedvault
VIGIL_TODAY=2024-06-20 vigil alerts --case case-sakharova --json | jq -c '.[] | [.rule, .level, .date]'
VIGIL_TODAY=2024-06-20 vigil alerts --json | jq -r '.[] | select(.rule=="repeated-surveillance") | .records[]'
VIGIL_TODAY=2024-05-28 vigil alerts --json | jq -r '.[].rule'
## stdout
["repeated-surveillance","high","2024-05-29"]
["threats-naming-relatives","high","2024-05-25"]
["threat-after-public-action","warning","2024-05-29"]
["complaint-overdue","warning","2024-06-12"]
["complaint-overdue","warning","2024-06-12"]
["complaint-overdue","warning","2024-06-12"]
act-following-05-26
ev-following-05-26
act-following-05-27
ev-following-05-27
act-following-05-29
ev-following-05-29
threats-naming-relatives
