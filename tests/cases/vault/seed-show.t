# The seed case loads and reads back as a person would read it.
## run
seedvault
vigil case show case-sakharova
## stdout-has
Threats against Klara Sakharova
Brother: Andrei Kubatin (deceased)
alleged perpetrator: account “LONDON” (alleged)
alleged perpetrator: unknown occupants of a white Chevrolet Nexia-3 (alleged)
27 May 2024        Complaint to Prosecutor General’s Office — No reply
signed by AHRCA, IPHR, NHC, HFHR
CCPR/C/UZB/CO/5, para. 45
