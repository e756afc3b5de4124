# A person sets the risk level and the checklists; Vigil suggests a level and says why;
# the change is in the change log.
## run
seedvault
export VIGIL_TODAY=2024-06-20
vigil risk show case-sakharova | head -3
vigil risk set case-sakharova --level high --threat "threats from LONDON" --vulnerability "lives alone with her mother" --capacity "NGO network" --capacity "lawyer"
vigil risk set case-sakharova --remove-capacity lawyer
vigil risk show case-sakharova --json | jq -c '[.level, .set_by, .threats, .vulnerabilities, .capacities, .suggested.level]'
vigil risk set case-sakharova --level extreme; echo "status $?"
vigil history | grep -cE 'case +case-sakharova risk'
## stdout
risk of case-sakharova
  level: not set
  suggested: high — threats 0 recorded + 2 high alerts x2 + 4 warnings = 8; x (1 + 0 vulnerabilities) / (1 + 0 capacities) = 8.0
case-sakharova
case-sakharova
["high","tester",["threats from LONDON"],["lives alone with her mother"],["NGO network"],"high"]
status 2
2
