#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"

static const struct {
	const char *name;
	int exit_status;
	int http_status;
} error_table[VG_ERROR_COUNT] = {
    [VG_OK] = {"ok", 0, 200},
    [VG_EUSAGE] = {"usage", 2, 400},
    [VG_EIO] = {"io", 74, 500},
    [VG_ENOVAULT] = {"not-a-vault", 3, 404},
    [VG_EPASSPHRASE] = {"wrong-passphrase", 4, 401},
    [VG_EVERSION] = {"newer-version", 5, 500},
    [VG_EHEADER] = {"damaged-header", 6, 500},
    [VG_EEXISTS] = {"exists", 7, 409},
    [VG_ENOTFOUND] = {"not-found", 8, 404},
    [VG_EINVALID] = {"invalid", 9, 422},
    [VG_EFORMAT] = {"format", 10, 422},
    [VG_EBUSY] = {"busy", 11, 503},
    [VG_EDB] = {"database", 12, 500},
    [VG_ECRYPTO] = {"crypto", 13, 500},
    [VG_ELEAK] = {"would-leak", 14, 403},
    [VG_ENOSPACE] = {"disk-full", 15, 507},
    [VG_EVERIFY] = {"verify-failed", 16, 500},
    [VG_EAGENT] = {"agent", 17, 500},
    [VG_ECONFLICT] = {"conflict", 18, 409},
    [VG_EINTERNAL] = {"internal", 70, 500},
};

static _Thread_local char message[2048];
static _Thread_local enum vg_error last_code;

int error_set(enum vg_error code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	last_code = code;
	return -(int)code;
}

void error_prefix(const char *fmt, ...)
{
	char head[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, head);
	strbuf_adds(&sb, message);
	snprintf(message, sizeof(message), "%s", sb.buf);
	strbuf_release(&sb);
}

const char *error_message(void)
{
	return message[0] ? message : "unknown error";
}

enum vg_error error_code(void)
{
	return last_code;
}

void error_clear(void)
{
	message[0] = '\0';
	last_code = VG_OK;
}

static int valid(enum vg_error code)
{
	return (int)code >= 0 && code < VG_ERROR_COUNT;
}

const char *error_name(enum vg_error code)
{
	return valid(code) ? error_table[code].name : "internal";
}

int error_exit_status(enum vg_error code)
{
	return valid(code) ? error_table[code].exit_status : 70;
}

int error_http_status(enum vg_error code)
{
	return valid(code) ? error_table[code].http_status : 500;
}
