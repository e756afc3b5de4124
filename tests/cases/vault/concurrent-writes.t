# Two processes writing at once: each write succeeds or says "vault busy"; nothing is
# corrupted and every reported success is there afterwards.
## run
mkvault
writer() { for i in $(seq 1 15); do if vigil person add --name "$1 $i" >/dev/null 2>>$T/err.$1; then echo ok; fi; done > $T/ok.$1; }
writer A & writer B & wait
ok=$(cat $T/ok.A $T/ok.B | wc -l)
have=$(vigil person list | wc -l)
[ "$ok" = "$have" ] && echo "all $ok successes stored"
[ "$ok" -ge 1 ] && echo "some succeeded"
cat $T/err.A $T/err.B | grep -v 'vault busy\|vault was busy' | head -3
vigil checkpoint >/dev/null && vigil verify >/dev/null && echo "verify ok"
vigil history --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print("log ok" if [x["seq"] for x in e]==list(range(1,len(e)+1)) else "log broken")'
## stdout-has
successes stored
some succeeded
log ok
verify ok
