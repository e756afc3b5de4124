/*
 * vigil import telegram PATH [--case ID] [--chat NAME|ID]: streams a Telegram
 * Desktop JSON export into the vault in one transaction: the export's hash,
 * its chats, senders, messages (every version seen), entities, media links.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "evidence/evidence.h"
#include "ingest/import.h"
#include "ingest/jsonstream.h"
#include "ingest/telegram.h"
#include "ingest/tgpipe.h"
#include "ingest/whatsapp.h"
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
	in.src_offset = m->offset;
	in.src_length = m->length;
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
	_Static_assert(TG_VERSION_HASH_BYTES == MSG_HASH_BYTES, "one version hash");
	memcpy(in.hash, m->version_hash, MSG_HASH_BYTES);
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
	progress_update(&j->ic.progress, m->offset + m->length, j->ic.seen);
	return rc;
}

static int run_telegram(struct cli *cli, void *arg)
{
	struct tg_job *j = arg;
	int rc = import_begin(&j->ic, &cli->vault, "telegram");
	if (!rc)
		rc = import_seal_start(&j->ic);
	if (rc)
		return rc;
	/* the bytes read are hashed and sealed as evidence in another thread */
	struct jsonstream js;
	js_init_fd(&js, j->fd, j->ic.path, import_seal_chunk, &j->ic);
	struct tg_callbacks cb = {on_chat, on_message, j};
	strbuf_init(&j->tstats.sections_skipped, 0);
	progress_start(&j->ic.progress, "importing", j->ic.size, "messages");
	/* the parser runs on a thread of its own; this one stores what it finds */
	rc = telegram_parse_threaded(&js, j->only_chat, &cb, &j->tstats);
	progress_finish(&j->ic.progress);
	js_release(&js);
	if (!rc) {
		j->ic.chats = j->tstats.chats;
		json_t *extra =
		    json_pack("{s:I}", "chats_skipped", (json_int_t)j->tstats.chats_skipped);
		if (j->tstats.sections_skipped.len)
			json_object_set_new(extra, "sections_not_imported",
			                    json_string(j->tstats.sections_skipped.buf));
		rc = import_finish(&j->ic, NULL, extra);
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
	printf("  media: %" PRIu64 " stored as evidence, %" PRIu64 " missing, %" PRIu64
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

/* --- WhatsApp ---------------------------------------------------------- */

struct wa_job {
	struct import_ctx ic;
	struct strbuf text; /* the chat text */
	json_t *zip_media;  /* entry name -> {sha256, size} */
	char chat_name[256];
	char chat_key[64];
	uint64_t dropped_entries;
};

#define WA_MAX_TEXT (512u << 20)

static int read_zip(struct wa_job *j)
{
	struct archive *ar = archive_read_new();
	archive_read_support_format_zip(ar);
	int rc = 0;
	if (archive_read_open_filename(ar, j->ic.path, 65536) != ARCHIVE_OK) {
		rc = error_set(VG_EFORMAT, "%s: not a readable zip: %s", j->ic.path,
		               archive_error_string(ar));
		archive_read_free(ar);
		return rc;
	}
	struct archive_entry *e;
	bool have_text = false;
	unsigned char buf[65536];
	int r;
	while ((r = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
		size_t n = strlen(base);
		bool is_text = !have_text && n > 4 && !strcmp(base + n - 4, ".txt");
		crypto_hash_sha256_state sha;
		crypto_hash_sha256_init(&sha);
		int64_t size = 0;
		ssize_t got;
		while ((got = archive_read_data(ar, buf, sizeof(buf))) > 0) {
			if (is_text) {
				if (j->text.len + (size_t)got > WA_MAX_TEXT) {
					rc = error_set(VG_EFORMAT, "%s: %s is larger than 512 MB",
					               j->ic.path, name);
					break;
				}
				strbuf_add(&j->text, buf, (size_t)got);
			}
			crypto_hash_sha256_update(&sha, buf, (size_t)got);
			size += got;
		}
		if (!rc && got < 0)
			rc = error_set(VG_EFORMAT, "%s: entry %s cannot be read: %s", j->ic.path,
			               name, archive_error_string(ar));
		if (rc)
			break;
		if (is_text) {
			have_text = true;
			continue;
		}
		unsigned char d[32];
		char hex[65];
		crypto_hash_sha256_final(&sha, d);
		sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
		json_object_set_new(j->zip_media, base,
		                    json_pack("{s:s, s:I, s:s}", "sha256", hex, "size",
		                              (json_int_t)size, "entry", name));
	}
	if (!rc && r != ARCHIVE_EOF)
		rc = error_set(VG_EFORMAT, "%s: a damaged zip: %s", j->ic.path,
		               archive_error_string(ar));
	if (!rc && !have_text)
		rc = error_set(VG_EFORMAT, "%s: the zip holds no chat text (.txt)", j->ic.path);
	archive_read_free(ar);
	return rc;
}

/* Stores one zip entry in the evidence store (once per entry), through a
 * memory file so that no plaintext touches the disk. */
static int zip_entry_evidence(struct wa_job *j, json_t *z, char **ev)
{
	const char *have = json_string_value(json_object_get(z, "evidence"));
	if (have) {
		*ev = xstrdup(have);
		return 0;
	}
	const char *entry = json_string_value(json_object_get(z, "entry"));
	struct archive *ar = archive_read_new();
	archive_read_support_format_zip(ar);
	int rc = 0;
	int fd = memfd_create("vigil-zip-entry", MFD_CLOEXEC);
	if (fd < 0)
		rc = error_set(VG_EIO, "cannot make a memory file: %s", strerror(errno));
	if (!rc && archive_read_open_filename(ar, j->ic.path, 65536) != ARCHIVE_OK)
		rc = error_set(VG_EIO, "%s: %s", j->ic.path, archive_error_string(ar));
	struct archive_entry *e;
	bool found = false;
	while (!rc && !found && archive_read_next_header(ar, &e) == ARCHIVE_OK) {
		if (strcmp(archive_entry_pathname(e), entry))
			continue;
		found = true;
		unsigned char buf[65536];
		ssize_t got;
		while ((got = archive_read_data(ar, buf, sizeof(buf))) > 0)
			if (write(fd, buf, (size_t)got) != got) {
				rc =
				    error_set(VG_EIO, "writing a memory file: %s", strerror(errno));
				break;
			}
		if (!rc && got < 0)
			rc = error_set(VG_EFORMAT, "%s: %s", j->ic.path, archive_error_string(ar));
	}
	archive_read_free(ar);
	if (!rc && !found)
		rc = error_set(VG_EFORMAT, "%s: the entry %s went missing", j->ic.path, entry);
	if (!rc && lseek(fd, 0, SEEK_SET) < 0)
		rc = error_set(VG_EIO, "memory file: %s", strerror(errno));
	if (!rc) {
		const char *base = strrchr(entry, '/') ? strrchr(entry, '/') + 1 : entry;
		struct strbuf desc = STRBUF_INIT;
		strbuf_addf(&desc, "whatsapp attachment %s from the export %s", base, j->ic.path);
		struct evidence_meta meta = {0};
		meta.case_id = j->ic.case_id;
		meta.description = desc.buf;
		meta.source = j->ic.path;
		meta.original_name = base;
		rc = evidence_add_fd(j->ic.v, fd, &meta, NULL, NULL, ev, NULL);
		strbuf_release(&desc);
	}
	if (fd >= 0)
		close(fd);
	if (!rc)
		json_object_set_new(z, "evidence", json_string(*ev));
	return rc;
}

static int wa_message(void *arg, const struct wa_message *m)
{
	struct wa_job *j = arg;
	struct msg_in in = {0};
	char sender[300];
	in.chat_key = j->chat_key;
	in.msg_id = m->id;
	in.type = m->sender ? "message" : "service";
	in.date = m->date;
	in.date_local = m->date_local;
	in.date_is_local = true;
	if (m->sender) {
		snprintf(sender, sizeof(sender), "name:%s", m->sender);
		in.sender_ext = sender;
		in.sender_name = m->sender;
	}
	in.media_type = m->attachment || m->media_omitted ? "attachment" : NULL;
	in.text = m->text;
	in.text_len = m->text_len;
	json_t *raw =
	    json_pack("{s:I, s:s, s:o, s:s%, s:o, s:b, s:b}", "line", (json_int_t)m->line, "date",
	              m->date_local, "from", m->sender ? json_string(m->sender) : json_null(),
	              "text", m->text, m->text_len, "attachment",
	              m->attachment ? json_string(m->attachment) : json_null(), "media_omitted",
	              m->media_omitted, "edited", m->edited);
	char *rawtext = json_dumps(raw, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(raw);
	in.raw = rawtext;
	in.raw_len = strlen(rawtext);
	crypto_generichash(in.hash, MSG_HASH_BYTES, (const unsigned char *)rawtext, in.raw_len,
	                   NULL, 0);
	enum msg_added added;
	int64_t mid;
	int rc = msgstore_add(j->ic.ms, j->ic.import_id, &in, &added, &mid);
	free(rawtext);
	if (rc) {
		error_prefix("line %" PRIu64 ": ", m->line);
		return rc;
	}
	import_count(&j->ic, in.type, added);
	if (mid && m->media_omitted) {
		j->ic.media_missing++;
		rc = msgstore_media(j->ic.ms, mid, "attachment", "", "missing",
		                    "the export left media out (<Media omitted>)", NULL, -1, NULL);
	} else if (mid && m->attachment && j->zip_media) {
		json_t *z = json_object_get(j->zip_media, m->attachment);
		char *ev = NULL;
		if (z && (rc = zip_entry_evidence(j, z, &ev)))
			return rc;
		if (z)
			j->ic.media_present++;
		else
			j->ic.media_missing++;
		rc = msgstore_media(j->ic.ms, mid, "attachment", m->attachment,
		                    z ? "stored" : "missing", z ? NULL : "not in the zip",
		                    json_string_value(json_object_get(z, "sha256")),
		                    z ? json_integer_value(json_object_get(z, "size")) : -1, ev);
		free(ev);
	} else if (mid && m->attachment) {
		rc = import_media(&j->ic, mid, "attachment", m->attachment);
	}
	progress_update(&j->ic.progress, m->offset, j->ic.seen);
	return rc;
}

static int run_whatsapp(struct cli *cli, void *arg)
{
	struct wa_job *j = arg;
	int rc = import_begin(&j->ic, &cli->vault, "whatsapp");
	if (!rc)
		rc = msgstore_chat(j->ic.ms, "whatsapp", j->chat_name, j->chat_name,
		                   "whatsapp_chat", j->ic.case_id, j->chat_key);
	struct wa_stats st = {0};
	struct wa_callbacks cb = {wa_message, j};
	if (!rc) {
		progress_start(&j->ic.progress, "importing", j->text.len, "messages");
		rc = whatsapp_parse(j->text.buf, j->text.len, j->ic.path, &cb, &st);
		progress_update(&j->ic.progress, j->text.len, j->ic.seen);
		progress_finish(&j->ic.progress);
	}
	if (!rc) {
		/* the hash of the export file as given (zip or text) */
		crypto_hash_sha256_state sha;
		crypto_hash_sha256_init(&sha);
		lseek(j->ic.fd, 0, SEEK_SET);
		unsigned char buf[65536];
		ssize_t n;
		while ((n = read(j->ic.fd, buf, sizeof(buf))) > 0)
			crypto_hash_sha256_update(&sha, buf, (size_t)n);
		if (n < 0)
			return error_set(VG_EIO, "%s: %s", j->ic.path, strerror(errno));
		unsigned char d[32];
		crypto_hash_sha256_final(&sha, d);
		j->ic.chats = 1;
		rc = import_finish(&j->ic, d,
		                   json_pack("{s:s, s:s, s:I}", "chat", j->chat_name, "date_order",
		                             st.year_first  ? "year/month/day"
		                             : st.day_first ? "day/month"
		                                            : "month/day",
		                             "system_lines", (json_int_t)st.system));
	}
	return rc;
}

static int import_whatsapp(struct cli *cli, struct args *a)
{
	struct wa_job j = {0};
	strbuf_init(&j.text, 0);
	int rc =
	    import_prepare(&j.ic, &cli->vault, args_pos(a, 1), "_chat.txt", args_get(a, "case"));
	unsigned char magic[4] = {0};
	if (!rc && pread(j.ic.fd, magic, 4, 0) < 0)
		rc = error_set(VG_EIO, "%s: %s", j.ic.path, strerror(errno));
	if (!rc && !memcmp(magic, "PK\3\4", 4)) {
		j.zip_media = json_object();
		rc = read_zip(&j);
	} else if (!rc) {
		if (j.ic.size > WA_MAX_TEXT)
			rc = error_set(VG_EFORMAT, "%s: larger than 512 MB; is it a chat export?",
			               j.ic.path);
		unsigned char buf[65536];
		ssize_t n;
		while (!rc && (n = read(j.ic.fd, buf, sizeof(buf))) != 0) {
			if (n < 0)
				rc = error_set(VG_EIO, "%s: %s", j.ic.path, strerror(errno));
			else
				strbuf_add(&j.text, buf, (size_t)n);
		}
	}
	if (!rc) {
		/* the chat's name: --chat, else from "WhatsApp Chat with NAME.txt" */
		const char *base =
		    strrchr(j.ic.path, '/') ? strrchr(j.ic.path, '/') + 1 : j.ic.path;
		const char *name = args_get(a, "chat");
		if (!name) {
			static const char *const prefixes[] = {"WhatsApp Chat with ",
			                                       "WhatsApp Chat - "};
			for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
				if (!strncmp(base, prefixes[i], strlen(prefixes[i])))
					base += strlen(prefixes[i]);
			name = base;
		}
		snprintf(j.chat_name, sizeof(j.chat_name), "%s", name);
		char *dot = strrchr(j.chat_name, '.');
		if (!args_get(a, "chat") && dot && (!strcmp(dot, ".txt") || !strcmp(dot, ".zip")))
			*dot = 0;
		rc = cli_write(cli, run_whatsapp, &j);
	}
	if (!rc)
		import_report(&j.ic, cli->json);
	strbuf_release(&j.text);
	json_decref(j.zip_media);
	import_release(&j.ic);
	return rc;
}

int cmd_import(struct cli *cli)
{
	static const struct optspec specs[] = {
	    {"case", OPT_VALUE, "link the imported chats to this case"},
	    {"chat", OPT_VALUE,
	     "telegram: import only the chat with this name or id; whatsapp: the "
	     "chat's name (else taken from the file name)"},
	};
	struct args a;
	int rc = cli_args(cli, cli->argc, cli->argv, specs, ARRAY_SIZE(specs), &a);
	if (rc)
		return rc > 0 ? 0 : rc;
	const char *what = args_npos(&a) == 2 ? args_pos(&a, 0) : "";
	if (strcmp(what, "telegram") && strcmp(what, "whatsapp")) {
		args_release(&a);
		return error_set(VG_EUSAGE, "usage: vigil import telegram PATH [--case ID] [--chat "
		                            "NAME|ID], or vigil import whatsapp FILE.txt|FILE.zip "
		                            "[--case ID] [--chat NAME]");
	}
	rc = !strcmp(what, "telegram") ? import_telegram(cli, &a) : import_whatsapp(cli, &a);
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
