/*
 * redact.h - THE one place that decides what may be published for an
 * audience. Every output (a statement page, the public site, a report, a UN
 * submission) hands each record it is about to show to redact_show(), naming
 * the fields it will print; redact_finish() then refuses the whole output with
 * VG_ELEAK and the list of everything that would have leaked (record ids and
 * fields, with their levels), or lets it through.
 *
 * Levels: public < partners < restricted. A record's level is its
 * "confidentiality" (missing: restricted). A field's level is the higher of
 * the record's and the field's own entry in "field_confidentiality"; a field
 * the kind marks sensitive (kinds.c) with no entry is restricted. Records of
 * kinds this module does not know follow the same two keys. Retracted records
 * are never shown.
 *
 * Kinds of other modules that no command gives a level (evidence items,
 * flagged messages, checkpoints; "fixed" kinds) have their defaults here:
 * evidence restricted; a flagged message's scores and review status partners
 * but its text, sender, chat and review note restricted; a checkpoint public.
 * Nobody can mark them for a wider audience, so outputs leave out what of
 * them the audience may not see, and list it, instead of refusing.
 *
 * Outputs that select what they show (a report made "with --redact", the
 * timeline of a defender page) ask redact_may_show()/redact_field_ok() first
 * and leave out what the audience may not see; redact_omitted() lists that.
 *
 * A struct redact is owned by the caller; one thread at a time.
 */
#ifndef VIGIL_REDACT_H
#define VIGIL_REDACT_H

#include <stdbool.h>

#include <jansson.h>

enum audience { AUDIENCE_PUBLIC = 0, AUDIENCE_PARTNERS = 1, AUDIENCE_RESTRICTED = 2 };

struct redact {
	enum audience audience;
	json_t *leaks;   /* array of {"kind","id","field","level"} */
	json_t *omitted; /* the same, for what a selecting output left out */
};

int redact_audience_parse(const char *name, enum audience *out);
const char *redact_audience_name(enum audience a);
/* The level of a record (0..2); missing or unknown is restricted. */
int redact_record_level(const json_t *rec);
/* The level of one field of a record of kind (the kind's name, may be unknown). */
int redact_field_level(const char *kind, const json_t *rec, const char *field);

void redact_init(struct redact *r, enum audience audience);
void redact_release(struct redact *r);

/*
 * The output will show rec (of kind) and the listed fields (NULL-terminated;
 * NULL = every field set in rec). Anything above the audience is noted as a
 * leak. Returns true when all of it may be shown.
 */
bool redact_show(struct redact *r, const char *kind, const json_t *rec, const char *const *fields);
/* True for the fixed kinds above. */
bool redact_kind_fixed(const char *kind);
/* Predicates for selecting outputs; they note nothing. redact_may_show
 * applies the general rule; redact_record_ok that of kind. */
bool redact_may_show(const struct redact *r, const json_t *rec);
bool redact_record_ok(const struct redact *r, const char *kind, const json_t *rec);
bool redact_field_ok(const struct redact *r, const char *kind, const json_t *rec,
                     const char *field);
/* Notes that a selecting output left rec (field NULL) or one field out. */
void redact_omit(struct redact *r, const char *kind, const json_t *rec, const char *field);

/* 0, or VG_ELEAK with a message listing every leak ("refusing to publish for
 * the public audience: person klara-sakharova field address is restricted,
 * ..."). what names the output, e.g. "statement statement-1". */
int redact_finish(const struct redact *r, const char *what);

#endif
