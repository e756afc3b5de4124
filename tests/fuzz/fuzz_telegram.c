/* libFuzzer target: the Telegram export parser on arbitrary bytes. Each
 * message it hands over must have entities inside its text, and its place
 * in the input (offset, length) must hold one well-formed JSON object that
 * reads back as a value. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ingest/jsonstream.h"
#include "ingest/telegram.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_message(void *arg, const struct tg_message *m)
{
	const uint8_t *input = arg;
	size_t units = tg_utf16_len(m->text, m->text_len);
	for (size_t i = 0; i < m->nentities; i++)
		if ((size_t)m->entities[i].offset + m->entities[i].length > units)
			abort();
	struct jsonstream js;
	js_init_mem(&js, input + m->offset, m->length, "source");
	enum js_tok t;
	json_t *v = NULL;
	if (js_next(&js, &t) || t != JS_OBJ_BEGIN || js_read_json(&js, t, &v) || js_next(&js, &t) ||
	    t != JS_END || !json_is_object(v))
		abort();
	json_decref(v);
	js_release(&js);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jsonstream js;
	js_init_mem(&js, data, size, "fuzz");
	struct tg_callbacks cb = {NULL, on_message, (void *)(uintptr_t)data};
	struct tg_stats st = {0};
	telegram_parse(&js, NULL, &cb, &st);
	strbuf_release(&st.sections_skipped);
	js_release(&js);
	return 0;
}
