/* libFuzzer target: the Telegram export parser on arbitrary bytes. Each
 * message it hands over must have entities inside its text and raw JSON
 * that the tokenizer reads back as one well-formed value. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ingest/jsonstream.h"
#include "ingest/telegram.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_message(void *arg, const struct tg_message *m)
{
	(void)arg;
	size_t units = tg_utf16_len(m->text, m->text_len);
	for (size_t i = 0; i < m->nentities; i++)
		if ((size_t)m->entities[i].offset + m->entities[i].length > units)
			abort();
	struct jsonstream js;
	js_init_mem(&js, m->raw, m->raw_len, "raw");
	enum js_tok t;
	int rc;
	while ((rc = js_next(&js, &t)) == 0 && t != JS_END)
		;
	if (rc)
		abort();
	js_release(&js);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jsonstream js;
	js_init_mem(&js, data, size, "fuzz");
	struct tg_callbacks cb = {NULL, on_message, NULL};
	struct tg_stats st = {0};
	telegram_parse(&js, NULL, &cb, &st);
	strbuf_release(&st.sections_skipped);
	js_release(&js);
	return 0;
}
