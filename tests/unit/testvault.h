/*
 * testvault.h - a unit test program's vault, in a fresh temporary folder: the
 * program owns the folder's mkdtemp template and the struct vault; setup and
 * teardown call testvault_create and testvault_remove.
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

#endif
