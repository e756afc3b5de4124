/*
 * gen-telegram-export N [OUT] [--standard-json]: writes a synthetic Telegram Desktop export of
 * one channel with N messages (mixed Russian, Uzbek Latin and Cyrillic,
 * English; formatted text with entities; replies; edits; forwards; media
 * placeholders; now and then a service message, a control character written
 * as \xHH, a surrogate-pair emoji) to OUT or standard output. The same N
 * gives the same bytes; --standard-json leaves out the \\xHH escapes so that
 * jq, Python and Jansson can read the file too. For benchmarks and tests; data goes in /tmp.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 88172645463325252ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const char *pick(const char *const *list, size_t n)
{
	return list[next_rand() % n];
}

static const char *const words[] = {
    "суд",      "защитник", "угроза",      "свидетель", "прокуратура", "жалоба",     "адвокат",
    "сегодня",  "завтра",   "пикет",       "задержан",  "полиция",     "sud",        "himoyachi",
    "tahdid",   "guvoh",    "prokuratura", "shikoyat",  "bugun",       "ertaga",     "o‘zbek",
    "ko‘cha",   "суд",      "ҳимоячи",     "таҳдид",    "гувоҳ",       "шикоят",     "бугун",
    "court",    "defender", "threat",      "witness",   "complaint",   "lawyer",     "today",
    "tomorrow", "hearing",  "police",      "detained",  "appeal",      "journalist", "report",
};
#define NW (sizeof(words) / sizeof(words[0]))

static const char *const names[] = {"Аноним",         "Klara S", "Bobur",  "Неизвестный",
                                    "Tashkent Watch", "Dilnoza", "Ivan P."};
#define NN (sizeof(names) / sizeof(names[0]))

static void sentence(FILE *out, int nwords)
{
	for (int i = 0; i < nwords; i++)
		fprintf(out, "%s%s", i ? " " : "", pick(words, NW));
}

int main(int argc, char **argv)
{
	/* --standard-json: no \\xHH escapes, so that other JSON readers accept it */
	int standard = argc > 1 && !strcmp(argv[argc - 1], "--standard-json");
	if (standard)
		argc--;
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen-telegram-export N [OUT] [--standard-json]\n");
		return 2;
	}
	long long n = strtoll(argv[1], NULL, 10);
	FILE *out = argc == 3 ? fopen(argv[2], "w") : stdout;
	if (!out || n < 0) {
		perror(argc == 3 ? argv[2] : "stdout");
		return 1;
	}
	static char buf[1 << 20];
	setvbuf(out, buf, _IOFBF, sizeof(buf));
	fprintf(out, "{\n \"name\": \"Synthetic Channel\",\n \"type\": \"public_channel\",\n"
	             " \"id\": 1900000001,\n \"messages\": [\n");
	int64_t t = 1700000000;
	for (long long i = 1; i <= n; i++) {
		t += (int64_t)(next_rand() % 120);
		uint64_t r = next_rand();
		int who = (int)(r % NN);
		fprintf(out, "  {\n   \"id\": %lld,\n", i);
		if (r % 50 == 0) {
			fprintf(out,
			        "   \"type\": \"service\",\n   \"date\": \"2023-11-14T22:13:20\",\n"
			        "   \"date_unixtime\": \"%" PRId64 "\",\n   \"actor\": \"%s\",\n"
			        "   \"actor_id\": \"user%d\",\n   \"action\": \"pin_message\",\n"
			        "   \"message_id\": %lld,\n   \"text\": \"\",\n   "
			        "\"text_entities\": []\n  }%s\n",
			        t, names[who], 1000 + who, i > 1 ? i - 1 : 1, i < n ? "," : "");
			continue;
		}
		fprintf(out,
		        "   \"type\": \"message\",\n   \"date\": \"2023-11-14T22:13:20\",\n"
		        "   \"date_unixtime\": \"%" PRId64 "\",\n",
		        t);
		if (r % 7 == 0)
			fprintf(out,
			        "   \"edited\": \"2023-11-14T22:20:00\",\n   \"edited_unixtime\": "
			        "\"%" PRId64 "\",\n",
			        t + 300);
		fprintf(out, "   \"from\": \"%s\",\n   \"from_id\": \"user%d\",\n", names[who],
		        1000 + who);
		if (i > 1 && r % 5 == 0)
			fprintf(out, "   \"reply_to_message_id\": %lld,\n",
			        1 + (long long)(next_rand() % (uint64_t)(i - 1)));
		if (r % 11 == 0)
			fprintf(out, "   \"forwarded_from\": \"%s\",\n", names[(who + 1) % NN]);
		if (r % 9 == 0)
			fprintf(
			    out,
			    "   \"photo\": \"(File not included. Change data exporting settings to "
			    "download.)\",\n   \"photo_file_size\": %d,\n   \"width\": 1280,\n"
			    "   \"height\": 960,\n",
			    (int)(next_rand() % 300000));
		else if (r % 13 == 0)
			fprintf(
			    out,
			    "   \"file\": \"voice_messages/audio_%lld@14-11-2023_22-13-20.ogg\",\n"
			    "   \"file_size\": 23456,\n   \"media_type\": \"voice_message\",\n"
			    "   \"mime_type\": \"audio/ogg\",\n   \"duration_seconds\": %d,\n",
			    i, (int)(next_rand() % 60));
		if (r % 3 == 0) {
			/* formatted: text array and entities */
			char a[512], b[256], c[512];
			FILE *m;
			m = fmemopen(a, sizeof(a), "w");
			sentence(m, 4 + (int)(next_rand() % 8));
			fputc(0, m);
			fclose(m);
			m = fmemopen(b, sizeof(b), "w");
			sentence(m, 2);
			fputc(0, m);
			fclose(m);
			m = fmemopen(c, sizeof(c), "w");
			sentence(m, 3 + (int)(next_rand() % 10));
			fputc(0, m);
			fclose(m);
			fprintf(
			    out,
			    "   \"text\": [\n    \"%s \",\n    {\n     \"type\": \"bold\",\n     "
			    "\"text\": "
			    "\"%s\"\n    },\n    \" %s \\ud83d\\ude21 \",\n    {\n     \"type\": "
			    "\"text_link\",\n     \"text\": \"link\",\n     \"href\": "
			    "\"https://example.org/%lld\"\n    }\n   ],\n",
			    a, b, c, i);
			fprintf(out,
			        "   \"text_entities\": [\n    {\n     \"type\": \"plain\",\n     "
			        "\"text\": "
			        "\"%s \"\n    },\n    {\n     \"type\": \"bold\",\n     \"text\": "
			        "\"%s\"\n    "
			        "},\n    {\n     \"type\": \"plain\",\n     \"text\": \" %s "
			        "\\ud83d\\ude21 "
			        "\"\n    },\n    {\n     \"type\": \"text_link\",\n     \"text\": "
			        "\"link\",\n"
			        "     \"href\": \"https://example.org/%lld\"\n    }\n   ]",
			        a, b, c, i);
		} else {
			char a[1024];
			FILE *m = fmemopen(a, sizeof(a), "w");
			sentence(m, 3 + (int)(next_rand() % 16));
			if (r % 97 == 0 && !standard)
				fputs(" bell\\x07here", m);
			fputc(0, m);
			fclose(m);
			fprintf(
			    out,
			    "   \"text\": \"%s\",\n   \"text_entities\": [\n    {\n     \"type\": "
			    "\"plain\",\n     \"text\": \"%s\"\n    }\n   ]",
			    a, a);
		}
		if (r % 4 == 0)
			fprintf(out,
			        ",\n   \"reactions\": [\n    {\n     \"type\": \"emoji\",\n     "
			        "\"count\": %d,\n"
			        "     \"emoji\": \"\xf0\x9f\x91\x8d\"\n    }\n   ]",
			        1 + (int)(next_rand() % 9));
		fprintf(out, "\n  }%s\n", i < n ? "," : "");
	}
	fprintf(out, " ]\n}\n");
	if (fclose(out) != 0) {
		perror("write");
		return 1;
	}
	return 0;
}
