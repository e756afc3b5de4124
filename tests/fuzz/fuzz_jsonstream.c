/* libFuzzer target: the streaming JSON tokenizer on arbitrary bytes. Every
 * token sequence it accepts must be balanced, and skipping must agree. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ingest/jsonstream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jsonstream js;
	js_init_mem(&js, data, size, "fuzz");
	js.max_depth = 64;
	js.max_string = 1 << 16;
	enum js_tok t;
	int depth = 0;
	while (js_next(&js, &t) == 0 && t != JS_END) {
		if (t == JS_OBJ_BEGIN || t == JS_ARR_BEGIN)
			depth++;
		if (t == JS_OBJ_END || t == JS_ARR_END)
			depth--;
		if (depth < 0)
			abort();
		if (js_offset(&js) > size)
			abort();
	}
	if (t == JS_END && depth != 0)
		abort();
	js_release(&js);
	return 0;
}
