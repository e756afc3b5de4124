# On 5 June 2024 none of the seed's complaints is overdue; all three are due within 7 days.
## run
seedvault
vigil --today 2024-06-05 complaints --json | jq -c '.[] | [.id, .due, .status, .days_left]'
vigil --today 2024-06-05 complaints --overdue --json | jq length
vigil --today 2024-06-05 complaints --due-within 7d | wc -l
vigil --today 2024-06-05 complaints --due-within 3d | wc -l
## stdout
["complaint-interior-ministry","2024-06-11","due-soon",6]
["complaint-prosecutor-general","2024-06-11","due-soon",6]
["complaint-security-service","2024-06-11","due-soon",6]
0
3
0
