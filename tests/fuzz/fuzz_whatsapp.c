/* libFuzzer target: the WhatsApp chat text parser on arbitrary bytes. Every
 * message it hands over must lie in the input's time range and have a text
 * no longer than the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ingest/whatsapp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_message(void *arg, const struct wa_message *m)
{
	size_t size = *(size_t *)arg;
	if (m->text_len > size || m->date < 0 || m->line == 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wa_callbacks cb = {on_message, &size};
	struct wa_stats st = {0};
	whatsapp_parse((const char *)data, size, "fuzz", &cb, &st);
	return 0;
}
