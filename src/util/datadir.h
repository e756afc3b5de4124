/*
 * datadir.h - where Vigil's data files (vocabularies, lexicons, deadline
 * rules, templates, the demo case) are found: $VIGIL_DATA_DIR, then data/
 * beside the binary's parent folder (build/vigil -> data/), then the source
 * tree it was built from, then /usr/local/share/vigil and /usr/share/vigil.
 */
#ifndef VIGIL_DATADIR_H
#define VIGIL_DATADIR_H

/* The data folder (static storage; never NULL; may not exist). */
const char *datadir(void);
/* datadir()/rel, caller frees. */
char *datadir_file(const char *rel);

#endif
