# Within one export of a new chat, a message id seen again is still looked up:
# the same content is a duplicate, new content a new version (ids out of order too),
# and every stored version is found by full-text search.
## run
mkvault
cat > $T/result.json <<'JSON'
{"name": "Repeats", "type": "personal_chat", "id": 77, "messages": [
 {"id": 3, "type": "message", "date_unixtime": "1700000003", "from": "A", "from_id": "user1", "text": "third zebra"},
 {"id": 1, "type": "message", "date_unixtime": "1700000001", "from": "A", "from_id": "user1", "text": "first zebra"},
 {"id": 3, "type": "message", "date_unixtime": "1700000003", "from": "A", "from_id": "user1", "text": "third zebra"},
 {"id": 2, "type": "message", "date_unixtime": "1700000002", "from": "B", "from_id": "user2", "text": "second zebra"},
 {"id": 3, "type": "message", "date_unixtime": "1700000003", "edited_unixtime": "1700000009", "from": "A", "from_id": "user1", "text": "third zebra, edited"},
 {"id": 4, "type": "message", "date_unixtime": "1700000004", "from": "A", "from_id": "user1", "text": "fourth giraffe"}
]}
JSON
vigil --json import telegram $T/result.json | jq -c '[.messages, .added, .new_versions, .duplicates_skipped]'
vigil --json message list --search zebra | jq -c '[.[] | [.id, .version, .text]]'
vigil --json message list --search giraffe | jq -c '[.[] | .id]'
vigil --json import telegram $T/result.json | jq -c '[.added, .new_versions, .duplicates_skipped]'
vigil --json sender list | jq -c '[.[] | [.ext_id, .messages]]'
## stdout
[6,4,1,1]
[[1,1,"first zebra"],[2,1,"second zebra"],[3,1,"third zebra"],[3,2,"third zebra, edited"]]
[4]
[0,0,6]
[["user1",4],["user2",1]]
