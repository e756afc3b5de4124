/*
 * tgpipe.h - telegram_parse on a thread of its own. The parser reads and
 * tokenizes the export while the calling thread stores what it found: the
 * callbacks run on the calling thread, in the order of the file, with copies
 * of each chat and message that are valid during the call.
 *
 * A callback's error stops the parser and is returned; a parse error is
 * returned (with its message) once every message before it was handed over,
 * as telegram_parse would. Memory is bounded: at most a few batches of parsed
 * messages wait between the two threads.
 *
 * The jsonstream is used only by the parser's thread until the call returns;
 * stats are filled in by the time it returns.
 */
#ifndef VIGIL_TGPIPE_H
#define VIGIL_TGPIPE_H

#include "ingest/telegram.h"

int telegram_parse_threaded(struct jsonstream *js, const char *only_chat,
                            const struct tg_callbacks *cb, struct tg_stats *stats);

#endif
