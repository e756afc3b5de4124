# Every record kind can be added, listed and shown, and refers to the others by id.
## run
mkvault
vigil person add --id def --name "A Defender" --confidentiality public >/dev/null
vigil person add --id kid --name "Her son" >/dev/null
vigil relationship add --person kid --type son --related def >/dev/null
vigil org add --id pgo --name "Prosecutor's Office" --type prosecutor >/dev/null
vigil org add --id ngo --name "Some NGO" --acronym SN --type ngo >/dev/null
vigil reference add --body "UN Human Rights Committee" --symbol CCPR/C/X/CO/1 --paragraph 12 --text "Protect defenders." >/dev/null
vigil case add --id c1 --title "Case one" --defender def >/dev/null
vigil event add --id e1 --case c1 --title "Followed" --date 2024-05-26/2024-05-29 --place "Near home" >/dev/null
vigil act add --id a1 --event e1 --victim def --type surveillance.following >/dev/null
vigil involvement add --act a1 --description "men in a grey car" --certainty alleged >/dev/null
vigil complaint add --case c1 --type complaint --authority pgo --date-filed 2024-05-27 --response no-reply >/dev/null
vigil statement add --case c1 --title "Stop it" --kind joint --signatories ngo --references ref-1 --body "We call on ..." >/dev/null
for k in person relationship org reference case event act involvement complaint statement; do vigil $k list | wc -l; done | tr '\n' ' '; echo
vigil event show e1
vigil act list --case c1
vigil case show c1 | grep -E 'Son|26–29 May|grey car|Complaint to|signed by'
## stdout
2 1 2 1 1 1 1 1 1 1 
event e1: Followed  [restricted]
  case: Case one (c1)
  title: Followed
  date: 26–29 May 2024
  place [restricted]: Near home
a1                                    Following by vehicle or on foot against A Defender
    Son: Her son  [kid]
  26–29 May 2024     Followed  [e1]
        alleged perpetrator: men in a grey car (alleged)
  27 May 2024        Complaint to Prosecutor's Office — No reply  [complaint-1]
        signed by SN
