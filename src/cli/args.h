/*
 * args.h - command-line options for subcommands, driven by a spec table.
 * Options may come in any order, as "--name value", "--name=value" or, for
 * flags, "--name"; "--" ends options. Unknown options are errors that name
 * them. The result is a JSON object (name -> string, true, or array for
 * repeatable options) plus the positional arguments; the caller owns it.
 */
#ifndef VIGIL_ARGS_H
#define VIGIL_ARGS_H

#include <jansson.h>

enum opt_kind { OPT_FLAG, OPT_VALUE, OPT_LIST };

struct optspec {
	const char *name; /* without the dashes */
	enum opt_kind kind;
	const char *help;
};

struct args {
	json_t *opts;       /* object */
	json_t *positional; /* array of strings */
};

int args_parse(int argc, char **argv, const struct optspec *specs, size_t nspecs,
               const char *command, struct args *out);
void args_release(struct args *a);
const char *args_get(const struct args *a, const char *name);
int args_flag(const struct args *a, const char *name);
const char *args_pos(const struct args *a, size_t i);
size_t args_npos(const struct args *a);

#endif
