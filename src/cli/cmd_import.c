/*
 * vigil import telegram PATH [--case ID] [--chat NAME|ID]: streams a Telegram
 * Desktop JSON export into the vault in one transaction: the export's hash,
 * its chats, senders, messages (every version seen), entities, media links.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ingest/import.h"
#include "ingest/jsonstream.h"
#include "ingest/telegram.h"
#include "records/messages.h"
#include "records/records.h"
#include "util/term.h"
#include "util/util.h"

struct tg_job {
	struct import_ctx ic;
	const char *only_chat;
	int fd;
	struct tg_stats tstats;
	struct tg_chat cur_chat;
	char chat_key[64];
};

static void hash_chunk(void *arg, const unsigned char *data, size_t len)
{
	crypto_hash_sha256_update(arg, data, len);
}

static int on_chat(void *arg, const struct tg_chat *c)
{
	struct tg_job *j = arg;
	char ext[32];
	snprintf(ext, sizeof(ext), "%" PRId64, c->id);
	return msgstore_chat(j->ic.ms, "telegram", ext, c->name, c->type, j->ic.case_id,
	                     j->chat_key);
}

static int on_message(void *arg, const struct tg_message *m)
{
	struct tg_job *j = arg;
	struct msg_in in = {0};
	char sender[64];
	in.chat_key = j->chat_key;
	in.msg_id = m->id;
	in.type = m->type;
	in.date = m->date;
	in.date_local = m->f[TGF_DATE];
	in.date_is_local = m->date_local_only;
	in.edited = m->edited;
	bool service = !strcmp(m->type, "service");
	const char *name = m->f[service ? TGF_ACTOR : TGF_FROM];
	const char *fid = m->f[service ? TGF_ACTOR_ID : TGF_FROM_ID];
	if (fid && m->from_id_int) {
		snprintf(sender, sizeof(sender), "user%s", fid);
		in.sender_ext = sender;
	} else if (fid) {
		in.sender_ext = fid;
	} else if (name) {
		snprintf(sender, sizeof(sender), "name:%.58s", name);
		in.sender_ext = sender;
	}
	in.sender_name = name;
	in.from_id = fid;
	if (m->f[TGF_REPLY_TO_MESSAGE_ID])
		in.reply_to = strtoll(m->f[TGF_REPLY_TO_MESSAGE_ID], NULL, 10);
	in.reply_peer = m->f[TGF_REPLY_TO_PEER_ID];
	in.forwarded_from = m->f[TGF_FORWARDED_FROM];
	in.saved_from = m->f[TGF_SAVED_FROM];
	in.via_bot = m->f[TGF_VIA_BOT];
	in.action = m->f[TGF_ACTION];
	in.media_type = m->f[TGF_MEDIA_TYPE] ? m->f[TGF_MEDIA_TYPE]
	                : m->f[TGF_PHOTO]    ? "photo"
	                                     : NULL;
	in.text = m->text;
	in.text_len = m->text_len;
	in.raw = m->raw;
	in.raw_len = m->raw_len;
	struct msg_entity_in ebuf[64];
	struct msg_entity_in *ents =
	    m->nentities <= 64 ? ebuf : xmalloc(m->nentities * sizeof(*ents));
	for (size_t i = 0; i < m->nentities; i++) {
		ents[i].type = m->entities[i].type;
		ents[i].offset = m->entities[i].offset;
		ents[i].length = m->entities[i].length;
		ents[i].href = m->entities[i].href;
		ents[i].user_id = m->entities[i].user_id;
	}
	in.entities = ents;
	in.nentities = m->nentities;
	/* the content that makes a version: type, text, edit time, media */
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, MSG_HASH_BYTES);
	const char *parts[] = {
	    m->type, m->f[TGF_EDITED_UNIXTIME] ? m->f[TGF_EDITED_UNIXTIME] : m->f[TGF_EDITED],
	    m->f[TGF_PHOTO], m->f[TGF_FILE], m->f[TGF_ACTION]};
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		crypto_generichash_update(&h, (const unsigned char *)(parts[i] ? parts[i] : ""),
		                          parts[i] ? strlen(parts[i]) + 1 : 1);
	crypto_generichash_update(&h, (const unsigned char *)m->text, m->text_len);
	crypto_generichash_final(&h, in.hash, MSG_HASH_BYTES);
	enum msg_added added;
	int64_t mid;
	int rc = msgstore_add(j->ic.ms, j->ic.import_id, &in, &added, &mid);
	if (ents != ebuf)
		free(ents);
	if (rc) {
		error_prefix("message %" PRIu64 " (id %" PRId64 "): ", m->index, m->id);
		return rc;
	}
	import_count(&j->ic, m->type, added);
	if (mid) {
		static const enum tg_field media[] = {TGF_PHOTO, TGF_FILE, TGF_THUMBNAIL};
		static const char *const roles[] = {"photo", "file", "thumbnail"};
		for (size_t i = 0; i < ARRAY_SIZE(media) && !rc; i++)
			if (m->f[media[i]])
				rc = import_media(&j->ic, mid, roles[i], m->f[media[i]]);
	}
	progress_update(&j->ic.progress, js_offset(j->ic.js), j->ic.seen);
	return rc;
}

static int run_telegram(struct cli *cli, void *arg)
{
	struct tg_job *j = arg;
	int rc = import_begin(&j->ic, &cli->vault, "telegram");
	if (rc)
		return rc;
	struct jsonstream js;
	crypto_hash_sha256_state sha;
	crypto_hash_sha256_init(&sha);
	js_init_fd(&js, j->fd, j->ic.path, hash_chunk, &sha);
	j->ic.js = &js;
	struct tg_callbacks cb = {on_chat, on_message, j};
	strbuf_init(&j->tstats.sections_skipped, 0);
	progress_start(&j->ic.progress, "importing", j->ic.size, "messages");
	rc = telegram_parse(&js, j->only_chat, &cb, &j->tstats);
	progress_finish(&j->ic.progress);
	j->ic.js = NULL;
	js_release(&js);
	if (!rc) {
		unsigned char digest[crypto_hash_sha256_BYTES];
		crypto_hash_sha256_final(&sha, digest);
		j->ic.chats = j->tstats.chats;
		json_t *extra =
		    json_pack("{s:I}", "chats_skipped", (json_int_t)j->tstats.chats_skipped);
		if (j->tstats.sections_skipped.len)
			json_object_set_new(extra, "sections_not_imported",
			                    json_string(j->tstats.sections_skipped.buf));
		rc = import_finish(&j->ic, digest, extra);
	}
	strbuf_release(&j->tstats.sections_skipped);
	return rc;
}

static void import_report(struct import_ctx *ic, bool json)
{
	if (json) {
		cli_print_json(json_incref(ic->summary));
		return;
	}
	json_t *s = ic->summary;
	printf("imported %s (sha256 %s)\n", ic->path,
	       json_string_value(json_object_get(s, "sha256")));
	printf("  chats: %" PRIu64 "\n", ic->chats);
	printf("  messages: %" PRIu64 " read, %" PRIu64 " added, %" PRIu64
	       " new versions of edited "
	       "messages, %" PRIu64 " duplicates skipped\n",
	       ic->seen, ic->added, ic->versions, ic->duplicates);
	const char *k;
	json_t *n;
	json_object_foreach(ic->by_type, k, n)
	{
		printf("    %s: %" JSON_INTEGER_FORMAT "\n", k, json_integer_value(n));
	}
	printf("  media: %" PRIu64 " present and hashed, %" PRIu64 " missing, %" PRIu64
	       " refused\n",
	       ic->media_present, ic->media_missing, ic->media_refused);
	json_t *sk = json_object_get(s, "sections_not_imported");
	if (sk)
		printf("  account sections not imported (not messages): %s\n",
		       json_string_value(sk));
	json_t *cs = json_object_get(s, "chats_skipped");
	if (cs && json_integer_value(cs))
		printf("  chats skipped by --chat: %" JSON_INTEGER_FORMAT "\n",
		       json_integer_value(cs));
	printf("  time: %.2f s\n", json_real_value(json_object_get(s, "seconds")));
}

static int import_telegram(struct cli *cli, struct args *a)
{
	struct tg_job j = {0};
	j.only_chat = args_get(a, "chat");
	int rc =
	    import_prepare(&j.ic, &cli->vault, args_pos(a, 1), "result.json", args_get(a, "case"));
	if (rc)
		return rc;
	j.fd = j.ic.fd;
	rc = cli_write(cli, run_telegram, &j);
	if (!rc)
		import_report(&j.ic, cli->json);
	import_release(&j.ic);
	return rc;
}

int cmd_import(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"case", OPT_VALUE, "link the imported chats to this case"},
	    {"chat", OPT_VALUE, "(telegram) import only the chat with this name or id"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (args_npos(&a) != 2 || strcmp(args_pos(&a, 0), "telegram")) {
		args_release(&a);
		return error_set(VG_EUSAGE,
		                 "usage: vigil import telegram PATH [--case ID] [--chat NAME|ID]");
	}
	rc = import_telegram(cli, &a);
	if (rc && rc != -VG_EBUSY) {
		char *m = xstrdup(error_message());
		if (!strstr(m, "nothing was imported"))
			error_set(error_code(), "%s; nothing was imported", m);
		free(m);
		rc = -(int)error_code();
	}
	args_release(&a);
	return rc;
}
