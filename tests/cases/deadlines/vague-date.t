# A complaint filed "in May 2024" is counted from 31 May, the last day it can mean, so
# that Vigil never calls an answer late before the law does; the line says so.
## run
seedvault
vigil complaint add --id c-may --case case-sakharova --type complaint --authority uz-prosecutor-general --jurisdiction Uzbekistan --date-filed 2024-05 --date-received ~2024-06-03 >/dev/null
vigil complaint edit c-may --date-received '' >/dev/null
VIGIL_TODAY=2024-06-20 vigil complaint show c-may | grep deadline
## stdout
  deadline: 15 days from 31 May 2024 under art. 28 of Law ZRU-445: due 15 June 2024; no reply — 5 days overdue (counted from the filing date: date of receipt unknown) (the filing date is only known as May 2024: counted from the last day it can mean)
