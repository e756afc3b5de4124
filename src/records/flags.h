/*
 * flags.h - the detector's scores of imported messages (table msg_flag), and
 * a person's review of them. One row per message version: the model that
 * scored it, the overall abusive score, whether it passed the threshold, a
 * rank (worst first), the category scores and matched spans (JSON), and the
 * review: status open|confirmed|rejected, note, who and when.
 *
 * Writers run inside the caller's transaction; reviews are also written to
 * the change log. Not thread-safe per vault.
 */
#ifndef VIGIL_FLAGS_H
#define VIGIL_FLAGS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "vault/vault.h"

/* Up to limit messages after message `after` (in their order) not yet scored
 * by model (or scored by another model), as an array of {mid, text, case};
 * case_id / since (unix time, 0 none) narrow it. */
int flags_pending(struct vault *v, const char *model, const char *case_id, int64_t since,
                  int64_t after, size_t limit, json_t **out);
/* How many messages flags_pending would list in all. */
int flags_pending_count(struct vault *v, const char *model, const char *case_id, int64_t since,
                        uint64_t *count);
/* Stores scores (keeping an earlier review) with statements prepared once. */
struct flag_writer;
int flags_writer_open(struct vault *v, struct flag_writer **out);
void flags_writer_close(struct flag_writer *w);
int flags_store(struct flag_writer *w, int64_t mid, const char *model, double abusive, bool flagged,
                double rank, json_t *scores, json_t *spans);

struct flag_filter {
	const char *case_id;
	const char *category; /* only messages whose score in it is >= min */
	double min;           /* on abusive when category is NULL */
	bool all;             /* also those under the threshold */
};
/* Scored messages, worst first, with their text, chat, sender and date. */
int flags_list(struct vault *v, const struct flag_filter *f, json_t **out);
/* The same one at a time (bounded memory): fn owns each entry it is given; a
 * non-zero return from fn stops the listing and is returned. */
typedef int (*flag_row_fn)(void *arg, json_t *flag);
int flags_each(struct vault *v, const struct flag_filter *f, flag_row_fn fn, void *arg);
/* Records a person's decision ("confirmed" or "rejected") on message mid. */
int flags_review(struct vault *v, int64_t mid, const char *status, const char *note);
/* One scored message: {mid, status, scores, text, date, date_local?, from?,
 * chat?, case?, model, event?, evidence?} where evidence is the id of the
 * evidence item holding the export the message was imported from.
 * VG_ENOTFOUND when the message has not been scored. */
int flags_get(struct vault *v, int64_t mid, json_t **out);
/* Marks message mid as promoted to an act (act_id) of event event_id and
 * appends a "promote" entry to the change log. */
int flags_promoted(struct vault *v, int64_t mid, const char *event_id, const char *act_id,
                   const char *case_id);

#endif
