#include "cli/args.h"

#include "util/util.h"

static const struct optspec *find(const struct optspec *specs, size_t n, const char *name,
                                  size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(specs[i].name) == len && !strncmp(specs[i].name, name, len))
			return &specs[i];
	return NULL;
}

static int parse(int argc, char **argv, const struct optspec *specs, size_t nspecs,
                 const char *command, struct args *out)
{
	out->opts = json_object();
	out->positional = json_array();
	bool only_positional = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (only_positional || strncmp(a, "--", 2) || !a[2]) {
			if (!only_positional && !strcmp(a, "--")) {
				only_positional = true;
				continue;
			}
			json_t *s = json_string(a);
			if (!s)
				return error_set(VG_EINVALID, "argument %d is not valid UTF-8",
				                 i + 1);
			json_array_append_new(out->positional, s);
			continue;
		}
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct optspec *sp = find(specs, nspecs, name, len);
		if (!sp)
			return error_set(VG_EUSAGE,
			                 "unknown option --%.*s for '%s'; see 'vigil %s --help'",
			                 (int)len, name, command, command);
		const char *value = NULL;
		if (sp->kind == OPT_FLAG) {
			if (eq)
				return error_set(VG_EUSAGE, "--%s takes no value", sp->name);
			json_object_set_new(out->opts, sp->name, json_true());
			continue;
		}
		if (eq)
			value = eq + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		else
			return error_set(VG_EUSAGE, "--%s needs a value", sp->name);
		json_t *s = json_string(value);
		if (!s)
			return error_set(VG_EINVALID, "the value of --%s is not valid UTF-8 text",
			                 sp->name);
		if (sp->kind == OPT_LIST) {
			json_t *list = json_object_get(out->opts, sp->name);
			if (!list) {
				list = json_array();
				json_object_set_new(out->opts, sp->name, list);
			}
			json_array_append_new(list, s);
		} else {
			json_object_set_new(out->opts, sp->name, s);
		}
	}
	return 0;
}

int args_parse(int argc, char **argv, const struct optspec *specs, size_t nspecs,
               const char *command, struct args *out)
{
	int rc = parse(argc, argv, specs, nspecs, command, out);
	if (rc)
		args_release(out);
	return rc;
}

void args_release(struct args *a)
{
	json_decref(a->opts);
	json_decref(a->positional);
	a->opts = a->positional = NULL;
}

const char *args_get(const struct args *a, const char *name)
{
	return json_string_value(json_object_get(a->opts, name));
}

int args_flag(const struct args *a, const char *name)
{
	return json_is_true(json_object_get(a->opts, name));
}

const char *args_pos(const struct args *a, size_t i)
{
	return json_string_value(json_array_get(a->positional, i));
}

size_t args_npos(const struct args *a)
{
	return json_array_size(a->positional);
}
