/*
 * jsonstream-bench FILE: times, on one file, Vigil's streaming tokenizer
 * (every token), the Telegram parser on top of it (every message decoded,
 * nothing stored), and Jansson's json_load_file (the whole document in
 * memory), and prints seconds, MB/s and the ratio. For bench/import.
 */
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <unistd.h>

#include "ingest/jsonstream.h"
#include "ingest/telegram.h"
#include "util/term.h"
#include "util/util.h"

static int count_msg(void *arg, const struct tg_message *m)
{
	(void)m;
	(*(uint64_t *)arg)++;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: jsonstream-bench FILE\n");
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	off_t size = lseek(fd, 0, SEEK_END);
	double mb = (double)size / 1e6;

	lseek(fd, 0, SEEK_SET);
	struct jsonstream js;
	js_init_fd(&js, fd, argv[1], NULL, NULL);
	double t0 = now_seconds();
	uint64_t ntok = 0;
	enum js_tok t;
	int rc;
	while ((rc = js_next(&js, &t)) == 0 && t != JS_END)
		ntok++;
	double tok_s = now_seconds() - t0;
	js_release(&js);
	if (rc) {
		fprintf(stderr, "%s\n", error_message());
		return 1;
	}

	lseek(fd, 0, SEEK_SET);
	js_init_fd(&js, fd, argv[1], NULL, NULL);
	uint64_t nmsg = 0;
	struct tg_callbacks cb = {NULL, count_msg, &nmsg};
	struct tg_stats st = {0};
	strbuf_init(&st.sections_skipped, 0);
	t0 = now_seconds();
	rc = telegram_parse(&js, NULL, &cb, &st);
	double tg_s = now_seconds() - t0;
	js_release(&js);
	strbuf_release(&st.sections_skipped);
	if (rc) {
		fprintf(stderr, "%s\n", error_message());
		return 1;
	}
	close(fd);

	t0 = now_seconds();
	json_error_t err;
	json_t *doc = json_load_file(argv[1], 0, &err);
	double jn_s = now_seconds() - t0;
	printf("file: %.1f MB, %llu tokens, %llu messages\n", mb, (unsigned long long)ntok,
	       (unsigned long long)nmsg);
	printf("jsonstream tokens:    %7.3f s  %7.1f MB/s\n", tok_s, mb / tok_s);
	printf("telegram parse:       %7.3f s  %7.1f MB/s\n", tg_s, mb / tg_s);
	if (doc)
		printf("jansson json_load:    %7.3f s  %7.1f MB/s  (jsonstream is %.1fx faster)\n",
		       jn_s, mb / jn_s, jn_s / tok_s);
	else
		printf("jansson json_load:    failed: %s (line %d)\n", err.text, err.line);
	json_decref(doc);
	return 0;
}
