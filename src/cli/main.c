/*
 * main.c - the entry point and the one table of subcommands. Shared set-up
 * (global options, the passphrase, opening the vault) happens here, once,
 * driven by each command's flags.
 */
#include <locale.h>

#include <sodium.h>

#include "cli/cli.h"
#include "ledger/ledger.h"
#include "util/util.h"

#define RECORD_ACTIONS "add edit retract"
#define RECORD_USAGE   "add|list|show|edit|retract ..."
#define PROVE_HELP                                                                                 \
	"  vigil prove inclusion SEQ [--checkpoint FILE]  the audit path of change log entry "     \
	"SEQ\n"                                                                                    \
	"  vigil prove consistency OLD.checkpoint [NEW.checkpoint]\n"                              \
	"                                                 that NEW (default: the latest) extends " \
	"OLD\n"
#define KEY_HELP                                                                                   \
	"  vigil key export               the vault's Ed25519 public key, to give to those who\n"  \
	"                                 will check its bundles (in person, by phone)\n"          \
	"  vigil key partner SECRET-FILE  a new X25519 key pair for an organisation that\n"        \
	"                                 receives sealed bundles: prints the public key\n"        \
	"                                 (for 'vigil export --to'), writes the secret one\n"
#define EVIDENCE_HELP                                                                              \
	"  vigil evidence add FILE... [--case ID] [--description TEXT] [--source URL|TEXT]\n"      \
	"                 [--captured-at TIME] [--captured-by PERSON] [--media-type TYPE]\n"       \
	"  vigil evidence list [--case ID]\n"                                                      \
	"  vigil evidence show ID\n"                                                               \
	"  vigil evidence get ID --out FILE [--purpose TEXT]   decrypt, checking the SHA-256\n"    \
	"  vigil evidence link ID --event|--act|--complaint|--statement|--reference ID\n"          \
	"  vigil evidence custody ID                           its chain of custody\n\n"           \
	"Files are encrypted as they are read and stored once per content under a name\n"          \
	"that reveals nothing. Every step is a custody event in the change log.\n"

const struct command commands[] = {
    {"init", cmd_init, 0, NULL, "init [--kdf interactive|moderate|sensitive]",
     "create a new encrypted vault", NULL},
    {"passwd", cmd_passwd, CMD_VAULT | CMD_VAULT_WRITE, NULL,
     "passwd [--new-passphrase-file FILE] [--kdf LEVEL]",
     "change the vault's passphrase without losing anything", NULL},
    {"unlock", cmd_unlock, CMD_VAULT, NULL, "unlock [--for 15m]",
     "keep the key in an agent so that commands do not ask again", NULL},
    {"lock", cmd_lock, 0, NULL, "lock", "wipe the key from the agent", NULL},
    {"upgrade", cmd_upgrade, 0, NULL, "upgrade", "bring a vault made by an older Vigil up to date",
     NULL},
    {"load", cmd_load, CMD_VAULT | CMD_VAULT_WRITE, NULL, "load FILE",
     "load records from a Vigil case file (JSON)", NULL},
    {"dump", cmd_dump, CMD_VAULT, NULL, "dump [--case ID] [--out FILE]",
     "write records out as a Vigil case file (JSON)", NULL},
    {"case", cmd_record, CMD_VAULT, RECORD_ACTIONS, "case " RECORD_USAGE,
     "a defender's case file; 'case show ID' prints the whole case", NULL},
    {"person", cmd_record, CMD_VAULT, RECORD_ACTIONS, "person " RECORD_USAGE,
     "persons: defenders, victims, relatives, perpetrators", NULL},
    {"relationship", cmd_record, CMD_VAULT, RECORD_ACTIONS, "relationship " RECORD_USAGE,
     "how two persons are related (son, mother, brother, ...)", NULL},
    {"org", cmd_record, CMD_VAULT, RECORD_ACTIONS, "org " RECORD_USAGE,
     "organisations: NGOs, state bodies, platforms", NULL},
    {"event", cmd_record, CMD_VAULT, RECORD_ACTIONS, "event " RECORD_USAGE,
     "events: what happened, when and where", NULL},
    {"act", cmd_record, CMD_VAULT, RECORD_ACTIONS, "act " RECORD_USAGE,
     "acts: one violation against one victim in an event", NULL},
    {"involvement", cmd_record, CMD_VAULT, RECORD_ACTIONS, "involvement " RECORD_USAGE,
     "alleged perpetrators of an act, and how sure we are", NULL},
    {"complaint", cmd_complaint, CMD_VAULT, RECORD_ACTIONS " step",
     "complaint " RECORD_USAGE "|step|follow-up ...",
     "complaints and appeals to the authorities, their steps and deadlines",
     "  vigil complaint step ID --kind KIND --date YYYY-MM-DD [--note TEXT] [--to ORG]\n"
     "        [--until DATE] [--notice yes|no] [--answer EVIDENCE-ID|TEXT]\n"
     "      record what happened: acknowledged, extended, forwarded, answered,\n"
     "      refused, no-reply\n"
     "  vigil complaint show ID      the record, its deadline in one line, its steps\n"
     "  vigil complaint follow-up ID --lang en|ru|uz [--out FILE]\n"
     "      draft the follow-up letter to the authority\n"},
    {"complaints", cmd_complaints, CMD_VAULT, NULL,
     "complaints [--overdue] [--due-within 7d] [--case ID]",
     "complaints with their deadlines, most urgent first",
     "Most urgent first: overdue (longest first), due today, due soon, deadline\n"
     "unknown, pending, then answered and refused. --due-within 7d keeps the open\n"
     "ones due by then (overdue included). With --json each has due (YYYY-MM-DD or\n"
     "null), status, explanation and the rule applied (citation, status, checked).\n"
     "--today YYYY-MM-DD or VIGIL_TODAY computes them as of that day. The rules are\n"
     "in data/deadlines/, the holiday calendars in data/calendars/.\n"},
    {"reference", cmd_record, CMD_VAULT, RECORD_ACTIONS, "reference " RECORD_USAGE,
     "international standards and recommendations to cite", NULL},
    {"statement", cmd_statement, CMD_VAULT, RECORD_ACTIONS " draft",
     "statement " RECORD_USAGE "\n       vigil statement draft CASE --kind "
     "joint|urgent-appeal|un|letter --lang en|ru\n"
     "       vigil statement versions ID [--show N]\n"
     "       vigil statement export ID --format un|markdown [--audience LEVEL]",
     "statements, urgent appeals, letters, UN submissions", NULL},
    {"risk", cmd_risk, CMD_VAULT, "set", "risk show|set CASE ...",
     "a case's threats, vulnerabilities, capacities and risk level",
     "  vigil risk show CASE   the level set, the level Vigil suggests and why, the\n"
     "                         checklists and the alerts\n"
     "  vigil risk set CASE [--level low|medium|high|severe] [--threat TEXT]\n"
     "        [--vulnerability TEXT] [--capacity TEXT] [--remove-threat TEXT]\n"
     "        [--remove-vulnerability TEXT] [--remove-capacity TEXT] [--note TEXT]\n"},
    {"alerts", cmd_alerts, CMD_VAULT, NULL, "alerts [--case ID]",
     "warnings from the records, each with its rule and records", NULL},
    {"today", cmd_today, CMD_VAULT, NULL, "today",
     "the morning digest: overdue and soon-due complaints, new alerts", NULL},
    {"classify", cmd_classify, 0, NULL, "classify [--spans] [--model FILE]",
     "score each line of stdin for threats, insults, obscenity, ... (no vault)",
     "Reads one text per line on stdin and prints, per line, the overall abusive score,\n"
     "FLAG when it passes the operating threshold, and the score of each category\n"
     "(threat, obscenity, insult, smear, doxxing, family). With --json, one object per\n"
     "line; --spans adds the matched words as byte offsets into the line. A threat\n"
     "that names no harm (\"we know which floor you live on\") can have a threat score\n"
     "and no matched words: the threat head found it in the message as a whole.\n"
     "Languages: Russian (also typed in Latin letters), Uzbek in Latin and Cyrillic\n"
     "script, English, and their mixtures; disguised spellings (х*й, у б ь ю,\n"
     "3ае6ись) are read as plain ones.\n"
     "Nothing leaves the machine. A person reviews every flag: see docs/detect.md for\n"
     "what the detector cannot do.\n"},
    {"scan", cmd_scan, CMD_VAULT | CMD_VAULT_WRITE, NULL, "scan [--case ID] [--since DATE]",
     "score imported messages not yet scored (all of them after a model change)",
     "Scores every imported message the current model has not scored yet (all of them\n"
     "after the model changed), on every processor (VIGIL_THREADS sets how many), in one\n"
     "transaction; a person's earlier review of a message is kept. A progress bar shows\n"
     "on a terminal. --case limits it to the chats imported into a case, --since to\n"
     "messages from that day on. Then 'vigil flags' lists them worst first.\n"},
    {"flags", cmd_flags, CMD_VAULT | CMD_ACTION_OPT, "promote",
     "flags [--case ID] [--category C] [--min S] [--all] | flags promote ID --event ID",
     "scored messages, worst first, with the matched words highlighted",
     "  vigil flags [--case ID] [--category C] [--min S] [--all]\n"
     "  vigil flags promote ID --event ID [--victim PERSON] [--type TYPE]\n\n"
     "Each line: the message id, the abusive score, the review status, the score of\n"
     "each category found, the sender and the text. A threat score with no words\n"
     "highlighted is a threat that names no harm (\"we know which floor you live on\"),\n"
     "found by the threat head in the message as a whole.\n\n"
     "promote turns a confirmed message into an act of the event (victim: the case's\n"
     "defender unless --victim; type: from its top category), linked to the export it\n"
     "was imported from as evidence, and records it in the change log.\n"},
    {"review", cmd_review, CMD_VAULT | CMD_VAULT_WRITE, NULL,
     "review ID confirm|reject [--note TEXT]", "record a person's decision on a flagged message",
     NULL},
    {"eval", cmd_eval, 0, NULL, "eval [--held-out] [--threshold X] [--model FILE] FILE",
     "the detector's ROC AUC, precision, recall and F1 on a labelled file",
     "FILE holds text<TAB>label lines (label 0 or 1), a CSV whose header names a\n"
     "comment (or comment_text) and a toxic column (Jigsaw's obscene, threat and insult\n"
     "columns are evaluated per category), or lines of Vigil's own test sets,\n"
     "expect<TAB>language<TAB>message with expect clean, threat, abusive or toxic (a\n"
     "set with threats is evaluated for the threat category too, its clean lines\n"
     "being no threats):\n"
     "  vigil eval tests/fixtures/detect/veiled-threats-4.tsv\n"
     "--held-out keeps only a fixed fifth of the\n"
     "texts, chosen by a hash of the text, and measures the model trained without\n"
     "them (models/detector-check.bin): the shipped model is trained on them too.\n"
     "  vigil eval --held-out ../shared/data/toxic/ru_2ch_pikabu_dev.csv\n"},
    {"history", cmd_history, CMD_VAULT, NULL, "history [--case ID]",
     "every change, oldest first, as the change log recorded it", NULL},
    {"evidence", cmd_evidence, CMD_VAULT, "add get link",
     "evidence add|list|show|get|link|custody ...",
     "the encrypted evidence store and its chain of custody", EVIDENCE_HELP},
    {"checkpoint", cmd_checkpoint, CMD_VAULT | CMD_VAULT_WRITE, NULL, "checkpoint",
     "sign the change log's tree head (a C2SP checkpoint in checkpoints/)", NULL},
    {"prove", cmd_prove, CMD_VAULT, NULL, "prove inclusion SEQ | consistency OLD [NEW]",
     "print an RFC 9162 inclusion or consistency proof", PROVE_HELP},
    {"key", cmd_key, 0, NULL, "key export | key partner SECRET-FILE",
     "print the vault's public signing key; make a key pair for a partner", KEY_HELP},
    {"export", cmd_export, CMD_VAULT | CMD_VAULT_WRITE, NULL, "export CASE --out DIR [--to PUBKEY]",
     "write an evidence bundle others can check without Vigil", NULL},
    {"verify-bundle", cmd_verify_bundle, 0, NULL,
     "verify-bundle DIR [--key PUBKEY] [--secret-key FILE]",
     "check an evidence bundle (no vault needed)", NULL},
    {"log", cmd_log, CMD_VAULT, NULL, "log [--case ID]",
     "the ledger as a person reads it: who did what when, and the signed checkpoints", NULL},
    {"verify", cmd_verify, CMD_VAULT, NULL, "verify",
     "check the database, the ledger, the checkpoints and every evidence file", NULL},
    {"import", cmd_import, CMD_VAULT | CMD_VAULT_WRITE, NULL,
     "import telegram|whatsapp PATH [--case ID] [--chat NAME|ID]",
     "import a Telegram Desktop JSON export or a WhatsApp chat export",
     "Telegram: PATH is result.json or the export folder (Telegram Desktop: Settings >\n"
     "Advanced > Export Telegram data, format \"Machine-readable JSON\"); a one-chat\n"
     "export or the whole account's, and --chat NAME|ID takes one chat of it. WhatsApp:\n"
     "the \"Export chat\" .txt, or the .zip with its attachments.\n"
     "The export file is stored as evidence (its hash in the ledger), each message\n"
     "keeps where it came from, and media files in the export folder are stored and\n"
     "linked (missing ones are recorded with the reason). Importing the same export, or\n"
     "a later one that overlaps it, adds no duplicate; an edited message keeps both\n"
     "versions. --case ties the chats to a case. The whole import is one change: on any\n"
     "error (bad JSON at byte N, a full disk) nothing is kept. A progress bar shows on\n"
     "a terminal; the summary counts messages by type, media and duplicates (--json).\n"
     "Then: 'vigil message list', 'vigil sender list', 'vigil scan'.\n"},
    {"message", cmd_message, CMD_VAULT, NULL,
     "message list [--chat C] [--from S] [--since D] [--until D] [--search TEXT]",
     "imported chat messages, with full-text search",
     "Lists imported messages oldest first: through a pager on a terminal, whole on a\n"
     "pipe; --json gives every field, the entities, the media links and the message as\n"
     "it was exported. --search finds words in Russian, Uzbek (Latin or Cyrillic) and\n"
     "English, whatever their case: 'угроза', '\"we know where\"' (a phrase),\n"
     "'угроз*' (a prefix), 'суд OR court'. The first search after an upgrade builds the\n"
     "search index (search.db in the vault folder) once, with a progress bar.\n"
     "Example: vigil message list --chat \"Sakharova Channel\" --since 2025-03-01\n"},
    {"sender", cmd_sender, CMD_VAULT, "link", "sender list|link SENDER --person ID|--perpetrator",
     "senders of imported messages; link them to persons or mark perpetrators", NULL},
    {"report", cmd_report, CMD_VAULT, NULL,
     "report CASE --format html|pdf [--audience LEVEL] [--leave-out] [--out FILE]",
     "the case for a lawyer or rapporteur, as HTML or PDF", NULL},
    {"publish", cmd_publish, CMD_VAULT, NULL, "publish --out DIR [--base-url URL]",
     "write the public static site of the published statements", NULL},
};
const size_t ncommands = ARRAY_SIZE(commands);

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: vigil [--vault DIR] [--json] [--passphrase-file FILE] <command> ...\n\n"
	        "Vigil keeps the case files of human rights defenders at risk in an encrypted\n"
	        "vault: incidents, evidence, complaints and deadlines, statements.\n\n"
	        "commands:\n");
	for (size_t i = 0; i < ncommands; i++)
		fprintf(out, "  %-14s %s\n", commands[i].name, commands[i].summary);
	fprintf(out,
	        "\nglobal options (anywhere on the line):\n"
	        "  --vault DIR             the vault folder (else $VIGIL_VAULT, else\n"
	        "                          $XDG_DATA_HOME/vigil/vault)\n"
	        "  --passphrase-file FILE  read the passphrase from the first line of FILE\n"
	        "  --json                  machine-readable output for lists and shows\n"
	        "  --as NAME               who is acting, for the change log (else $VIGIL_USER, "
	        "$USER)\n"
	        "  --today YYYY-MM-DD      compute deadlines as of that day (else $VIGIL_TODAY)\n\n"
	        "The passphrase is asked on the terminal without echo. Scripts and tests may\n"
	        "set VIGIL_PASSPHRASE instead; anything in the environment can be read by\n"
	        "other programs of the same user, so do not use it on a shared machine.\n\n"
	        "'vigil help COMMAND' or 'vigil COMMAND --help' explains a command; 'man vigil'\n"
	        "has the whole manual.\n");
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < ncommands; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* Takes the global options out of argv, wherever they stand. */
static int global_options(struct cli *cli, int *argc, char **argv)
{
	int out = 0;
	for (int i = 0; i < *argc; i++) {
		const char *a = argv[i];
		const char **target = NULL;
		if (!strcmp(a, "--")) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strcmp(a, "--json")) {
			cli->json = true;
			continue;
		}
		if (!strcmp(a, "--vault"))
			target = &cli->vault_flag;
		else if (!strcmp(a, "--passphrase-file"))
			target = &cli->passphrase_file;
		else if (!strcmp(a, "--today"))
			target = &cli->today;
		else if (!strcmp(a, "--as")) {
			if (i + 1 >= *argc)
				return error_set(VG_EUSAGE, "--as needs a name");
			setenv("VIGIL_USER", argv[++i], 1);
			continue;
		}
		if (target) {
			if (i + 1 >= *argc)
				return error_set(VG_EUSAGE, "%s needs a value", a);
			*target = argv[++i];
			continue;
		}
		if (!strncmp(a, "--vault=", 8)) {
			cli->vault_flag = a + 8;
			continue;
		}
		if (!strncmp(a, "--passphrase-file=", 18)) {
			cli->passphrase_file = a + 18;
			continue;
		}
		if (!strncmp(a, "--today=", 8)) {
			cli->today = a + 8;
			continue;
		}
		argv[out++] = argv[i];
	}
	*argc = out;
	return 0;
}

static bool action_writes(const struct command *cmd, const char *action)
{
	if (cmd->flags & CMD_VAULT_WRITE)
		return true;
	if (!cmd->write_actions || !action)
		return false;
	return word_in_list(cmd->write_actions, ' ', action);
}

static bool wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}

/* A change that failed was rolled back, which can leave vault.db's bytes
 * different though not its content: the seal is made again, so that verify
 * does not report a change made outside Vigil. Best effort, and the failure
 * the user must read stays the one reported. */
static void reseal_after_rollback(struct vault *v)
{
	char *message = xstrdup(error_message());
	enum vg_error code = error_code();
	ledger_after_change(v);
	error_set(code, "%s", message);
	free(message);
}

static int run(int argc, char **argv)
{
	struct cli cli = {0};
	int rc = global_options(&cli, &argc, argv);
	if (rc)
		return rc;
	if (!cli.today)
		cli.today = getenv("VIGIL_TODAY");
	if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		usage(argc < 1 ? stderr : stdout);
		return argc < 1 ? -VG_EUSAGE : 0;
	}
	if (!strcmp(argv[0], "--version")) {
		printf("vigil 0.1\n");
		return 0;
	}
	if (!strcmp(argv[0], "help")) {
		if (argc < 2) {
			usage(stdout);
			return 0;
		}
		const struct command *c = find_command(argv[1]);
		if (!c)
			return error_set(VG_EUSAGE, "no command '%s'; 'vigil --help' lists them",
			                 argv[1]);
		cli_help(c, stdout);
		return 0;
	}
	cli.cmd = find_command(argv[0]);
	if (!cli.cmd)
		return error_set(VG_EUSAGE, "no command '%s'; 'vigil --help' lists them", argv[0]);
	cli.argc = argc - 1;
	cli.argv = argv + 1;
	cli.pass = (struct passphrase_source){
	    .file = cli.passphrase_file, .env = "VIGIL_PASSPHRASE", .prompt = "Vault passphrase: "};
	if (cli.cmd->write_actions && cli.argc == 0 && !(cli.cmd->flags & CMD_ACTION_OPT)) {
		cli_help(cli.cmd, stderr);
		return error_set(VG_EUSAGE, "say what to do: %s",
		                 cli.cmd->usage + strlen(cli.cmd->name) + 1);
	}
	if ((cli.cmd->flags & CMD_VAULT) && !wants_help(cli.argc, cli.argv)) {
		char *path = vault_default_path(cli.vault_flag);
		bool writes = action_writes(cli.cmd, cli.argc ? cli.argv[0] : NULL);
		rc = vault_open(path, writes, &cli.pass, &cli.vault);
		free(path);
		if (rc)
			return rc;
	}
	rc = cli.cmd->run(&cli);
	/* After every command that changed something: a signed checkpoint. */
	if (!rc && cli.vault.db && cli.vault.writable) {
		rc = ledger_after_change(&cli.vault);
		/* The change itself is committed; another writer holding the vault only
		 * delays the checkpoint, which the next change (or 'vigil checkpoint')
		 * writes over the whole log. Saying "failed" here would be untrue. */
		if (rc == -VG_EBUSY) {
			fprintf(stderr,
			        "vigil: the change is saved, but the vault was busy and its "
			        "signed checkpoint was not written; run 'vigil checkpoint' "
			        "when the other process is done\n");
			rc = 0;
		}
	}
	if (rc && cli.vault.db && cli.vault.writable && cli.vault.rolled_back)
		reseal_after_rollback(&cli.vault);
	vault_close(&cli.vault);
	return rc;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (sodium_init() < 0) {
		fprintf(stderr, "vigil: libsodium could not start\n");
		return 70;
	}
	int rc = run(argc - 1, argv + 1);
	/* ferror too: a write that failed earlier (a full disk under a long
	 * `vigil classify > file`) leaves nothing for fflush to fail on */
	if ((fflush(stdout) != 0 || ferror(stdout)) && !rc)
		rc = error_set(VG_EIO, "cannot write the output (disk full or closed pipe)");
	if (rc < 0) {
		fprintf(stderr, "vigil: %s\n", error_message());
		return error_exit_status((enum vg_error) - rc);
	}
	return 0;
}
