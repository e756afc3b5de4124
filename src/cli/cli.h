/*
 * cli.h - what every subcommand gets. main.c holds the one command table; it
 * parses the global options, opens the vault as the command's flags ask
 * (read-only, or writable for the actions named in write_actions), runs the
 * handler, closes the vault and turns an error into its message and exit
 * status. Handlers print results to stdout (JSON with --json) and return 0 or
 * a negative error with its message set.
 */
#ifndef VIGIL_CLI_H
#define VIGIL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "cli/args.h"
#include "vault/vault.h"

#define CMD_VAULT       1u /* opens the vault (read-only unless the action writes) */
#define CMD_VAULT_WRITE 2u /* every action writes */
#define CMD_ACTION_OPT  4u /* has write_actions, yet runs without any argument too */

struct cli {
	const char *vault_flag;      /* --vault */
	const char *passphrase_file; /* --passphrase-file */
	bool json;                   /* --json */
	const char *today;           /* --today, or VIGIL_TODAY */
	const struct command *cmd;
	int argc; /* the arguments after the command's name */
	char **argv;
	struct vault vault; /* open when the command has CMD_VAULT */
	struct passphrase_source pass;
};

struct command {
	const char *name;
	int (*run)(struct cli *cli);
	unsigned flags;
	const char *write_actions; /* space-separated first arguments that write */
	const char *usage;
	const char *summary;
	const char *help; /* the long text of `vigil help NAME` (may be NULL) */
};

/* Prints JSON to stdout, pretty, with a newline; steals j. */
void cli_print_json(json_t *j);
/* A JSON array printed one element at a time, as cli_print_json would print
 * the whole array: item is stolen, *count counts the elements so far. */
void cli_json_array_item(size_t *count, json_t *item);
void cli_json_array_end(size_t count);
/* $PAGER (else less -FRX) for a list longer than a screen; stdout if none. */
FILE *cli_pager_open(void);
void cli_pager_close(FILE *out);
/* Parses the command's options with the common --help handling. */
int cli_args(struct cli *cli, int argc, char **argv, const struct optspec *specs, size_t n,
             struct args *out);
/* Prints `vigil help NAME` for a command. */
void cli_help(const struct command *cmd, FILE *out);
/* Runs a write: begin, fn, commit (rollback on error). */
int cli_write(struct cli *cli, int (*fn)(struct cli *, void *), void *arg);

/* Handlers, one file each under src/cli/. */
int cmd_init(struct cli *cli);
int cmd_passwd(struct cli *cli);
int cmd_unlock(struct cli *cli);
int cmd_lock(struct cli *cli);
int cmd_upgrade(struct cli *cli);
int cmd_load(struct cli *cli);
int cmd_dump(struct cli *cli);
int cmd_record(struct cli *cli);
int cmd_history(struct cli *cli);
int cmd_complaint(struct cli *cli);
int cmd_complaints(struct cli *cli);
int cmd_risk(struct cli *cli);
int cmd_alerts(struct cli *cli);
int cmd_today(struct cli *cli);
int cmd_classify(struct cli *cli);
int cmd_eval(struct cli *cli);
int cmd_scan(struct cli *cli);
int cmd_flags(struct cli *cli);
int cmd_review(struct cli *cli);
int cmd_evidence(struct cli *cli);
int cmd_checkpoint(struct cli *cli);
int cmd_prove(struct cli *cli);
int cmd_key(struct cli *cli);
int cmd_verify(struct cli *cli);
int cmd_import(struct cli *cli);
int cmd_message(struct cli *cli);
int cmd_sender(struct cli *cli);
int cmd_log(struct cli *cli);
int cmd_export(struct cli *cli);
int cmd_verify_bundle(struct cli *cli);
int cmd_publish(struct cli *cli);
int cmd_statement(struct cli *cli);
int cmd_report(struct cli *cli);
/* Keeps a statement's title and body as a new version when they changed. */
int statement_keep_version(struct cli *cli, const char *id, const char *note);

extern const struct command commands[];
extern const size_t ncommands;

#endif
