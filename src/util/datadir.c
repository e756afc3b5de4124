#include "util/datadir.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

static char found[PATH_MAX];

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *datadir(void)
{
	if (found[0])
		return found;
	const char *env = getenv("VIGIL_DATA_DIR");
	if (env && *env) {
		snprintf(found, sizeof(found), "%s", env);
		return found;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			slash = strrchr(exe, '/');
			if (slash) {
				*slash = '\0';
				struct strbuf cand = STRBUF_INIT;
				strbuf_addf(&cand, "%s/data/vocab", exe);
				bool ok = is_dir(cand.buf) && cand.len < sizeof(found);
				if (ok)
					snprintf(found, sizeof(found), "%.*s", (int)(cand.len - 6),
					         cand.buf);
				strbuf_release(&cand);
				if (ok)
					return found;
			}
		}
	}
	const char *candidates[] = {VIGIL_SOURCE_DIR "/data", "/usr/local/share/vigil",
	                            "/usr/share/vigil"};
	for (size_t i = 0; i < ARRAY_SIZE(candidates); i++) {
		if (is_dir(candidates[i])) {
			snprintf(found, sizeof(found), "%s", candidates[i]);
			return found;
		}
	}
	snprintf(found, sizeof(found), "%s", candidates[0]);
	return found;
}

char *datadir_file(const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", datadir(), rel);
	return strbuf_detach(&sb, NULL);
}
