/*
 * error.h - the one error enum of the program, and the last error's message.
 *
 * Functions that act return 0 or a negative enum vg_error (-VG_E...). The code
 * says what kind of failure it was (and so the exit status and HTTP status);
 * the message, set with error_set() where the failure is found, says what
 * failed and what to do, naming the file, field, id or byte offset.
 *
 * Codes are appended and never renumbered: scripts and the web client see them.
 * The message buffer is thread-local, so threads do not see each other's errors.
 */
#ifndef VIGIL_ERROR_H
#define VIGIL_ERROR_H

enum vg_error {
	VG_OK = 0,
	VG_EUSAGE = 1,      /* the command line is wrong */
	VG_EIO = 2,         /* a file could not be read or written */
	VG_ENOVAULT = 3,    /* the folder is not a Vigil vault */
	VG_EPASSPHRASE = 4, /* wrong passphrase */
	VG_EVERSION = 5,    /* the vault was written by a newer Vigil */
	VG_EHEADER = 6,     /* the vault's header file is damaged */
	VG_EEXISTS = 7,     /* something that must not exist does */
	VG_ENOTFOUND = 8,   /* an id or file that is not there */
	VG_EINVALID = 9,    /* input that breaks a rule: a date, a field, a vocabulary */
	VG_EFORMAT = 10,    /* a file that does not follow its format */
	VG_EBUSY = 11,      /* another process holds the vault */
	VG_EDB = 12,        /* the database failed or is damaged */
	VG_ECRYPTO = 13,    /* a MAC or signature did not hold */
	VG_ELEAK = 14,      /* a public output would show confidential data */
	VG_ENOSPACE = 15,   /* the disk is full */
	VG_EVERIFY = 16,    /* verification found a problem */
	VG_EAGENT = 17,     /* the key agent could not be reached or started */
	VG_ECONFLICT = 18,  /* a record with that id exists with other content */
	VG_EINTERNAL = 19,  /* a bug in Vigil */
	VG_ERROR_COUNT
};

/* Sets the thread's message and returns -code, so that callers can write
 * `return error_set(VG_EINVALID, "bad date in field %s", name);`. */
int error_set(enum vg_error code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prepends context to the current message: "loading seed.json: " + message. */
void error_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *error_message(void);
enum vg_error error_code(void);
void error_clear(void);

/* Static facts about a code. */
const char *error_name(enum vg_error code);
int error_exit_status(enum vg_error code);
int error_http_status(enum vg_error code);

#endif
