#!/usr/bin/env python3
"""What a user would write: json.load the Telegram export, then sqlite3
inserts of the same fields Vigil stores (plain text, entities, senders,
media), with an FTS4 index, in one transaction. For bench/import/run."""
import json, sqlite3, sys

src, dbpath = sys.argv[1], sys.argv[2]
doc = json.load(open(src, encoding='utf-8'))
db = sqlite3.connect(dbpath)
db.executescript('''
CREATE TABLE message(chat_id INTEGER, msg_id INTEGER, type TEXT, date INTEGER, edited INTEGER,
  from_name TEXT, from_id TEXT, reply_to INTEGER, forwarded_from TEXT, media_type TEXT,
  text TEXT, raw TEXT, PRIMARY KEY(chat_id, msg_id));
CREATE TABLE entity(chat_id INTEGER, msg_id INTEGER, idx INTEGER, type TEXT, off INTEGER,
  len INTEGER, href TEXT, user_id TEXT);
CREATE TABLE media(chat_id INTEGER, msg_id INTEGER, role TEXT, path TEXT, status TEXT);
CREATE VIRTUAL TABLE message_fts USING fts4(text, tokenize=unicode61);
''')
chats = [doc] if 'messages' in doc else doc['chats']['list'] + doc.get('left_chats', {}).get('list', [])
with db:
    for chat in chats:
        for m in chat['messages']:
            t = m.get('text', '')
            text, ents = '', []
            for p in ([t] if isinstance(t, str) else t):
                s = p if isinstance(p, str) else p['text']
                if not isinstance(p, str) and p['type'] != 'plain':
                    ents.append((p['type'], len(text.encode('utf-16-le')) // 2,
                                 len(s.encode('utf-16-le')) // 2, p.get('href'), p.get('user_id')))
                text += s
            cur = db.execute('INSERT OR IGNORE INTO message VALUES(?,?,?,?,?,?,?,?,?,?,?,?)',
                             (chat['id'], m['id'], m['type'], int(m.get('date_unixtime', 0)),
                              int(m.get('edited_unixtime', 0)), m.get('from'), str(m.get('from_id')),
                              m.get('reply_to_message_id'), m.get('forwarded_from'),
                              m.get('media_type'), text, json.dumps(m, ensure_ascii=False)))
            rowid = cur.lastrowid
            for i, e in enumerate(ents):
                db.execute('INSERT INTO entity VALUES(?,?,?,?,?,?,?,?)', (chat['id'], m['id'], i) + e)
            for role in ('photo', 'file', 'thumbnail'):
                if role in m:
                    db.execute('INSERT INTO media VALUES(?,?,?,?,?)', (chat['id'], m['id'], role, m[role],
                               'missing' if m[role].startswith('(') else 'present'))
            if text:
                db.execute('INSERT INTO message_fts(docid, text) VALUES(?,?)', (rowid, text))
print(sum(len(c['messages']) for c in chats), 'messages')
