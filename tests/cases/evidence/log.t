# vigil log tells the history in words and shows where checkpoints were signed.
## run
seedvault
printf 'x\n' > photo.jpg
vigil evidence add photo.jpg --case case-sakharova >/dev/null
vigil evidence link evidence-1 --complaint complaint-prosecutor-general >/dev/null
vigil log --case case-sakharova | tail -5 | sed 's/^ *[0-9]*  [0-9: -]\{16\}  //'
## stdout-has
-- signed checkpoint of the first 55 entries
tester       collected evidence evidence-1: photo.jpg, 2 bytes, SHA-256 73cb3858a687a849…
-- signed checkpoint of the first 56 entries
tester       linked evidence evidence-1 to complaint complaint-prosecutor-general
-- signed checkpoint of the first 57 entries
