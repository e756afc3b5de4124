# Wrong steps are refused with a message that says what to do, and nothing is written.
## run
seedvault
vigil complaint step complaint-security-service --kind lost --date 2024-05-28; echo "status $?"
vigil complaint step complaint-security-service --kind forwarded --date 2024-06-03; echo "status $?"
vigil complaint step complaint-security-service --kind answered --date 3-6-2024; echo "status $?"
vigil complaint step no-such-complaint --kind answered --date 2024-06-03; echo "status $?"
echo "steps written: $(vigil complaint show complaint-security-service | grep -c 'step:')"
## stdout-has
status 9
status 2
status 8
steps written: 0
## stderr-has
--kind acknowledged, extended, forwarded, answered, refused or no-reply, not 'lost'
a forwarded step needs --to ORG
--date YYYY-MM-DD, not '3-6-2024'
