/*
 * agent.h - a small key agent, as ssh-agent is for keys: `vigil unlock` starts
 * a background process that holds one vault's master key in locked memory and
 * hands it to processes of the same user over a Unix socket in a folder only
 * that user can enter (checked again with SO_PEERCRED). It wipes the key and
 * exits on `vigil lock`, at its timeout, or on SIGTERM/SIGINT/SIGHUP.
 * The socket's name is derived from the vault's real path, so each vault has
 * its own agent.
 */
#ifndef VIGIL_AGENT_H
#define VIGIL_AGENT_H

/* Asks the agent for the vault's key; 0 and the key in key_out, or -VG_EAGENT. */
int agent_get(const char *vault_path, unsigned char *key_out);
/* Forks an agent holding key for seconds; returns once it listens. */
int agent_start(const char *vault_path, const unsigned char *key, unsigned seconds);
/* Tells the vault's agent to wipe its key and exit; 0 if one was running,
 * -VG_ENOTFOUND when none was. */
int agent_stop(const char *vault_path);
/* The socket's path for a vault (caller frees). */
char *agent_socket_path(const char *vault_path);

#endif
