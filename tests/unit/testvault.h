/*
 * testvault.h - a unit test program's vault, in a fresh temporary folder: the
 * program owns the folder's mkdtemp template and the struct vault; its group
 * setup and teardown call testvault_create and testvault_remove, or are the
 * ones TESTVAULT_FIXTURES defines.
 */
#ifndef VIGIL_TESTVAULT_H
#define VIGIL_TESTVAULT_H

#include <sodium.h>
#include <stdlib.h>

#include "util/util.h"
#include "vault/vault.h"

/* dir/name (caller frees). */
static inline char *testvault_path(const char *dir, const char *name)
{
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/%s", dir, name);
	return strbuf_detach(&p, NULL);
}

/* Makes the folder from its template and a vault in dir/vault (cheap KDF). */
static inline int testvault_create(char *dir, struct vault *v)
{
	if (sodium_init() < 0 || !mkdtemp(dir))
		return -1;
	setenv("VIGIL_PASSPHRASE", "unit-test", 1);
	struct passphrase_source src = {.env = "VIGIL_PASSPHRASE"};
	char *vp = testvault_path(dir, "vault");
	int rc = vault_create(vp, VAULT_KDF_INTERACTIVE, &src, v);
	free(vp);
	return rc;
}

/* Closes the vault and removes the folder. */
static inline int testvault_remove(const char *dir, struct vault *v)
{
	vault_close(v);
	struct strbuf cmd = STRBUF_INIT;
	strbuf_addf(&cmd, "rm -rf '%s'", dir);
	int rc = system(cmd.buf);
	strbuf_release(&cmd);
	return rc == 0 ? 0 : -1;
}

/* Defines the usual fixtures over the program's dir and vault v: cmocka
 * group setup and teardown, and path_of(name), dir/name (caller frees). */
#define TESTVAULT_FIXTURES(dir, v)                                                                 \
	__attribute__((unused)) static char *path_of(const char *name)                             \
	{                                                                                          \
		return testvault_path(dir, name);                                                  \
	}                                                                                          \
	static int setup(void **state)                                                             \
	{                                                                                          \
		(void)state;                                                                       \
		return testvault_create(dir, &v);                                                  \
	}                                                                                          \
	static int teardown(void **state)                                                          \
	{                                                                                          \
		(void)state;                                                                       \
		return testvault_remove(dir, &v);                                                  \
	}

#endif
