/* Unit tests of the detector: each normalisation trick, the lexicons per
 * language and category, the model file format, scores on fixed examples, and
 * the recall on disguised spellings (tests/fixtures/detect/obfuscated.tsv). */
#include <fcntl.h>
#include <glob.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <time.h>
#include <utf8proc.h>
#include <unistd.h>

#include "detect/detect.h"
#include "detect/pool.h"
#include "detect/translit.h"
#include "util/fileio.h"
#include "util/util.h"

static void expect_norm(const char *in, const char *want)
{
	char *got = normalize_string(in);
	if (strcmp(got, want))
		fail_msg("normalize(\"%s\") = \"%s\", want \"%s\"", in, got, want);
	free(got);
}

static void test_nfkc_casefold(void **state)
{
	(void)state;
	expect_norm("ＦＵＣＫ", "fuck");           /* full-width, NFKC */
	expect_norm("ПРИВЕТ Мир", "привет мир");   /* case folding */
	expect_norm("ﬁne", "fine");                /* ligature */
	expect_norm("Ёлка ещё", "елка еще");       /* ё -> е */
	expect_norm("й и\xcc\x86", "й й");         /* decomposed й composes */
	expect_norm("ду\xe2\x80\x8bрак", "дурак"); /* zero-width space */
	expect_norm("су\xcc\x81ка", "сука");       /* a stress mark */
	expect_norm("f\xcc\xb6u\xcc\xb6"
	            "c\xcc\xb6k",
	            "fuck"); /* struck through */
	expect_norm("cafe\xcc\x81 f\xc3\xba"
	            "ck",
	            "cafe fuck");                                           /* accents go */
	expect_norm("\xc3\xb6ld\xc4\xb1raman \xc5\x9fu", "o'ldiraman shu"); /* Uzbek of 1993 */
}

static void test_lookalikes(void **state)
{
	(void)state;
	expect_norm("L\xd0\x9eNDON", "london"); /* Cyrillic О in a Latin word */
	expect_norm("xyй", "хуй");              /* Latin x, y in a Cyrillic word */
	expect_norm("cyкa", "сука");
	expect_norm("тупoй", "тупой");
	expect_norm("wh\xce\xbfre", "whore");           /* Greek omicron in a Latin word */
	expect_norm("\xcf\x87\xd1\x83\xd0\xb9", "хуй"); /* Greek chi in a Cyrillic one */
	expect_norm("\xce\xb1\xce\xb2\xce\xb3", "\xce\xb1\xce\xb2\xce\xb3"); /* Greek alone */
}

static void test_digits_symbols(void **state)
{
	(void)state;
	expect_norm("3ае6ись", "заебись");
	expect_norm("п!зд@", "пизда");
	expect_norm("$ука", "сука");
	expect_norm("id10t", "idiot");
	expect_norm("sh1t", "shit");
	expect_norm("А123ВС 77", "а123вс 77"); /* a car plate keeps its digits */
	expect_norm("+998 90 123-45-67", "998 90 123 45 67");
}

static void test_masks_repeats_splits(void **state)
{
	(void)state;
	expect_norm("х*й", "х*й");
	expect_norm("бл#ть", "бл*ть");
	expect_norm("пиииииздец!!!", "пиздец");
	expect_norm("сууууука", "сука");
	expect_norm("у б ь ю", "убью");
	expect_norm("я у.б.ь.ю тебя", "я убью тебя");
	expect_norm("у-б-ь-ю", "убью");
	expect_norm("х.у.й", "хуй");
	expect_norm("у*б*ь*ю", "убью");
	expect_norm("а я и ты", "а я и ты"); /* two single letters stay words */
	expect_norm("п 1 з д а", "пизда");   /* a digit for a letter in the run */
	expect_norm("f u c k 1 n g", "fucking");
	expect_norm("дом 1 2 3 4", "дом 1 2 3 4"); /* digits alone stay digits */
	expect_norm("с у к 4", "с у к 4");         /* the run ends on a letter: too short */
	expect_norm("@user привет", "user привет");
}

static void test_uzbek(void **state)
{
	(void)state;
	expect_norm("O\xe2\x80\x98g\xca\xbbri", "o'g'ri"); /* ‘ and ʻ -> ' */
	char *c = normalize_uz_to_cyrillic("o'ldiraman");
	assert_string_equal(c, "ўлдираман");
	free(c);
	c = normalize_uz_to_cyrillic("xalq dushmani");
	assert_string_equal(c, "халқ душмани");
	free(c);
	char *l = normalize_uz_to_latin("ўғил шаҳар");
	assert_string_equal(l, "o'g'il shahar");
	free(l);
}

static void test_offsets(void **state)
{
	(void)state;
	const char *in = "Ну ты Х*Й, у б ь ю!";
	struct norm_text t;
	normalize_text(in, strlen(in), &t);
	assert_string_equal(t.text, "ну ты х*й убью");
	const char *w = strstr(t.text, "убью");
	size_t s, e;
	norm_text_span(&t, (size_t)(w - t.text), (size_t)(w - t.text) + strlen("убью"), &s, &e);
	assert_int_equal(e - s, strlen("у б ь ю"));
	assert_memory_equal(in + s, "у б ь ю", e - s);
	w = strstr(t.text, "х*й");
	norm_text_span(&t, (size_t)(w - t.text), (size_t)(w - t.text) + strlen("х*й"), &s, &e);
	assert_memory_equal(in + s, "Х*Й", e - s);
	norm_text_release(&t);
}

static struct detector det;

static int setup(void **state)
{
	(void)state;
	setenv("VIGIL_DATA_DIR", VIGIL_SOURCE_DIR "/data", 1);
	const char *family[] = {"Тимур", NULL};
	if (detector_open(&det, family))
		fail_msg("%s", error_message());
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	detector_close(&det);
	return 0;
}

/* The categories the lexicons find in text, as a bit set. */
static unsigned cats_of(const char *text)
{
	struct detect_result r;
	detector_score(&det, text, strlen(text), &r);
	unsigned set = 0;
	for (size_t i = 0; i < r.nspans; i++)
		set |= 1u << r.spans[i].cat;
	return set;
}

static void expect_cat(const char *text, enum detect_cat c)
{
	if (!(cats_of(text) & (1u << c)))
		fail_msg("no %s match in \"%s\"", detect_cat_name(c), text);
}

static void test_lexicon_ru(void **state)
{
	(void)state;
	expect_cat("я тебя убью", DCAT_THREAT);
	expect_cat("мы знаем, где ты живёшь", DCAT_THREAT);
	expect_cat("заебали уже", DCAT_OBSCENITY);
	expect_cat("охуеть", DCAT_OBSCENITY);
	expect_cat("распиздяй", DCAT_OBSCENITY);
	expect_cat("долбоёбы", DCAT_OBSCENITY);
	expect_cat("ты дебил", DCAT_INSULT);
	expect_cat("мразь", DCAT_INSULT);
	expect_cat("иностранный агент", DCAT_SMEAR);
	expect_cat("враг народа", DCAT_SMEAR);
	expect_cat("предательница", DCAT_SMEAR);
	expect_cat("живёшь на улице Ленина, дом 5", DCAT_DOXXING);
	expect_cat("машина А123ВС 77", DCAT_DOXXING);
	expect_cat("подумай о сыне", DCAT_FAMILY);
	expect_cat("Тимуру привет", DCAT_FAMILY); /* a name from the case */
	assert_int_equal(cats_of("хлеб небо оскорбление дебаты хулиган мудрый"), 0);
}

static void test_lexicon_uz(void **state)
{
	(void)state;
	expect_cat("seni o'ldiraman", DCAT_THREAT);
	expect_cat("сени ўлдираман", DCAT_THREAT);
	expect_cat("sen xoinsan", DCAT_SMEAR);
	expect_cat("сен хоинсан", DCAT_SMEAR);
	expect_cat("xalq dushmani", DCAT_SMEAR);
	expect_cat("ahmoq", DCAT_INSULT);
	expect_cat("аҳмоқ", DCAT_INSULT);
	expect_cat("qo'toq", DCAT_OBSCENITY);
	expect_cat("o'g'lingni bilamiz", DCAT_FAMILY);
	expect_cat("manzilingni bilamiz", DCAT_DOXXING);
}

static void test_lexicon_en(void **state)
{
	(void)state;
	expect_cat("I will kill you", DCAT_THREAT);
	expect_cat("we know where you live", DCAT_THREAT);
	expect_cat("motherfuckers", DCAT_OBSCENITY);
	expect_cat("you idiot", DCAT_INSULT);
	expect_cat("a foreign agent and a traitor", DCAT_SMEAR);
	expect_cat("your daughter", DCAT_FAMILY);
	expect_cat("call +1 202 555 01 23", DCAT_DOXXING);
	assert_int_equal(cats_of("a skillful analysis of class"), 0);
}

static void test_lexicon_errors(void **state)
{
	(void)state;
	char dir[] = "/tmp/vigil-lex-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/ru-bad.tsv", dir);
	const char *bad_cat = "слово\tnonsense\t2\t\n", *bad_re = "(слово\tthreat\t2\t\n";
	assert_int_equal(file_write_atomic(p.buf, bad_cat, strlen(bad_cat), 0600), 0);
	struct lexicon lx;
	assert_int_equal(lexicon_load(&lx, dir, NULL), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "line 1"));
	assert_int_equal(file_write_atomic(p.buf, bad_re, strlen(bad_re), 0600), 0);
	assert_int_equal(lexicon_load(&lx, dir, NULL), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "does not compile"));
	unlink(p.buf);
	rmdir(dir);
	strbuf_release(&p);
}

/* The normalised text of in, with the shipped list of masked words. */
static char *unmasked(const char *in)
{
	struct norm_text t;
	normalize_text_masks(in, strlen(in), &det.lex.masks, &t);
	char *r = t.text;
	t.text = NULL;
	norm_text_release(&t);
	return r;
}

/* Masked consonants, several letters under one mask, dots for letters and
 * words cut off are read as the listed word they stand for; ordinary
 * ellipses, short words cut off and words of their own are left alone. */
static void test_unmask(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
	    {"пи**ец полный", "пиздец полный"},
	    {"какой пи*дец", "какой пиздец"},
	    {"е**ть тебя", "ебать тебя"},
	    {"иди на х**", "иди на хуй"},
	    {"пошёл нах**!", "пошел нахуй"},
	    {"на х..й", "на хуй"},
	    {"пи..ец", "пиздец"},
	    {"Дебилы, бл...", "дебилы бля"},
	    {"ху**ня", "хуйня"},
	    {"F**K you", "fuck you"},
	    {"what the f***", "what the fuck"},
	    {"motherf*****", "motherfucker"},
	    {"qo**oq", "qo'toq"},
	    {"ну...да", "ну да"},
	    {"да... ладно", "да ладно"},
	    {"по... посмотрим", "по посмотрим"},
	    {"хуй...", "хуй"},
	    {"п***", "п"},
	    {"т.е. так", "т е так"},
	    {"за 5 у.е.", "за 5 у е"},
	    {"о.О", "о о"},
	    {"к*т", "к*т"},
	    {"с*ка", "сука"},
	    {"I'll sl#t your throat", "i'l sl*t your throat"},
	    {"Г_нд_н штопаный", "гандон штопаный"},
	    {"ivan_petrov", "ivan petrov"},
	    {"sh**", "shit"},
	    {"Ну ты и зал...", "ну ты и залупа"},
	    {"х у й тебе", "хуй тебе"},
	    {"б л я", "бля"},
	    {"а я и ты", "а я и ты"},
	    {"пи*д*ц", "пиздец"},
	    {"бл*д*на", "блядина"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(pairs); i++) {
		char *got = unmasked(pairs[i][0]);
		print_message("%s -> %s\n", pairs[i][0], got);
		assert_string_equal(got, pairs[i][1]);
		free(got);
	}
	/* without the list, as before: the mask stays */
	char *plain = normalize_string("пи**ец");
	assert_string_equal(plain, "пи*ец");
	free(plain);
	/* the restored word points at the masked one, dots and stars included */
	const char *in = "ну ты х..й";
	struct norm_text t;
	normalize_text_masks(in, strlen(in), &det.lex.masks, &t);
	const char *w = strstr(t.text, "хуй");
	assert_non_null(w);
	size_t s, e;
	norm_text_span(&t, (size_t)(w - t.text), (size_t)(w - t.text) + strlen("хуй"), &s, &e);
	assert_memory_equal(in + s, "х..й", e - s);
	norm_text_release(&t);
	/* and the lexicons find it: scored as obscenity */
	struct detect_result r;
	detector_score(&det, "пи**ец", strlen("пи**ец"), &r);
	assert_true(r.score[DCAT_OBSCENITY] > 0.3);
}

static void test_unmask_errors(void **state)
{
	(void)state;
	char path[] = "/tmp/vigil-masks-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	struct unmask_list l;
	const char *bad_kind = "хуй\tmasked\nсука\tnonsense\n", *two = "два слова\tmasked\n";
	assert_int_equal(file_write_atomic(path, bad_kind, strlen(bad_kind), 0600), 0);
	assert_int_equal(unmask_load(&l, path), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "line 2"));
	assert_int_equal(file_write_atomic(path, two, strlen(two), 0600), 0);
	assert_int_equal(unmask_load(&l, path), -VG_EFORMAT);
	const char *longer = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop\tmasked\n";
	assert_int_equal(file_write_atomic(path, longer, strlen(longer), 0600), 0);
	assert_int_equal(unmask_load(&l, path), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "at most"));
	const char *good = "# comment\nхуй\tmasked\tnote\nна\twhole\n";
	assert_int_equal(file_write_atomic(path, good, strlen(good), 0600), 0);
	assert_int_equal(unmask_load(&l, path), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.nwhole, 1);
	unmask_release(&l);
	unlink(path);
}

/* Patterns that can only match a digit go to a database of their own,
 * scanned only when the text has one; the others must stay in the main one. */
static void test_lexicon_needs_digit(void **state)
{
	(void)state;
	const char *need[] = {"\\d{9,12}\\b",
	                      "[0-9]+ yil o'tirasan",
	                      "ул \\d+",
	                      "(?:\\d{1,3} )?\\(?\\d{2,3}\\)? \\d{3}",
	                      "[авекм]\\d{3}[авекм]{2}",
	                      "(?:a \\d|b [0-9]{2,})x",
	                      "[\\d]+",
	                      "7"};
	const char *no[] = {"(?:you have) (?:\\d+|one|two) days",
	                    "(?:\\d+ )?street",
	                    "x\\d?",
	                    "\\d*",
	                    "\\d{0,3}x",
	                    "[^0-9]+",
	                    "[0-9a]",
	                    "a|\\d",
	                    "(?:\\S+ ){0,3}?(?:убить)\\b",
	                    "(?=\\d)\\w",
	                    "(?i)\\d",
	                    "(\\d",
	                    "убь[юе]~",
	                    ""};
	for (size_t i = 0; i < sizeof(need) / sizeof(*need); i++)
		if (!lexicon_needs_digit(need[i]))
			fail_msg("\"%s\" needs a digit", need[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		if (lexicon_needs_digit(no[i]))
			fail_msg("\"%s\" does not need a digit", no[i]);
}

/* Lexicons of digit patterns alone (no main database), loaded again from
 * the cache file that holds both databases. */
static void test_lexicon_digits_only(void **state)
{
	(void)state;
	char dir[] = "/tmp/vigil-lex-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct strbuf p = STRBUF_INIT, cache = STRBUF_INIT;
	strbuf_addf(&p, "%s/any-doxxing.tsv", dir);
	const char *phone = "\\d{9,12}\\b\tdoxxing\t1\tphone\n";
	assert_int_equal(file_write_atomic(p.buf, phone, strlen(phone), 0600), 0);
	char *old_cache = getenv("XDG_CACHE_HOME") ? xstrdup(getenv("XDG_CACHE_HOME")) : NULL;
	char *no_cache = getenv("VIGIL_NO_CACHE") ? xstrdup(getenv("VIGIL_NO_CACHE")) : NULL;
	setenv("XDG_CACHE_HOME", dir, 1);
	unsetenv("VIGIL_NO_CACHE");
	/* cache files of other lexicons: one not written for 30 days, which the
	 * first compile removes, and one of today, which it keeps */
	struct strbuf stale = STRBUF_INIT, recent = STRBUF_INIT;
	strbuf_addf(&stale, "%s/vigil", dir);
	assert_int_equal(mkdir(stale.buf, 0700), 0);
	strbuf_adds(&stale, "/lexicon2-0123456789abcdef.hsdb");
	strbuf_addf(&recent, "%s/vigil/lexicon-0123456789abcdef.hsdb", dir);
	assert_int_equal(file_write_atomic(stale.buf, "x", 1, 0600), 0);
	assert_int_equal(file_write_atomic(recent.buf, "x", 1, 0600), 0);
	struct timespec month_ago[2] = {{time(NULL) - 30 * 86400, 0}, {time(NULL) - 30 * 86400, 0}};
	assert_int_equal(utimensat(AT_FDCWD, stale.buf, month_ago, 0), 0);
	for (int round = 0; round < 2; round++) { /* compiled, then from the cache */
		struct lexicon lx;
		if (lexicon_load(&lx, dir, NULL))
			fail_msg("%s", error_message());
		assert_null(lx.db);
		assert_non_null(lx.db_digits);
		hs_scratch_t *scratch = NULL;
		assert_int_equal(lexicon_scratch(&lx, &scratch), 0);
		struct lex_hit hits[4];
		const char *with = "звони 998901234567", *without = "звони мне";
		assert_int_equal(lexicon_scan(&lx, scratch, with, strlen(with), hits, 4), 1);
		assert_int_equal(hits[0].start, strlen("звони "));
		assert_int_equal(lexicon_scan(&lx, scratch, without, strlen(without), hits, 4), 0);
		hs_free_scratch(scratch);
		lexicon_release(&lx);
		glob_t g;
		strbuf_reset(&cache);
		strbuf_addf(&cache, "%s/vigil/lexicon2-*.hsdb", dir);
		assert_int_equal(glob(cache.buf, 0, NULL, &g), 0); /* the cache file */
		assert_int_equal(g.gl_pathc, 1);
		globfree(&g);
	}
	assert_int_equal(access(stale.buf, F_OK), -1);
	assert_int_equal(access(recent.buf, F_OK), 0);
	strbuf_release(&stale);
	strbuf_release(&recent);
	if (no_cache)
		setenv("VIGIL_NO_CACHE", no_cache, 1);
	free(no_cache);
	if (old_cache)
		setenv("XDG_CACHE_HOME", old_cache, 1);
	else
		unsetenv("XDG_CACHE_HOME");
	free(old_cache);
	strbuf_reset(&cache);
	strbuf_addf(&cache, "rm -rf '%s'", dir);
	assert_int_equal(system(cache.buf), 0);
	strbuf_release(&p);
	strbuf_release(&cache);
}

/* Sets a model file's checksum (FNV-1a of all after the 32-byte header) to
 * fit its body, so that a test can change a field and see that field's check. */
static void model_rechecksum(struct strbuf *sb)
{
	uint32_t h = fnv1a32(2166136261u, sb->buf + 32, sb->len - 32);
	for (int b = 0; b < 4; b++)
		sb->buf[28 + b] = (char)(h >> (8 * b));
}

static void test_model_format(void **state)
{
	(void)state;
	struct model m = {.bits = 10,
	                  .bias = 0.25f,
	                  .threshold = 0.4f,
	                  .w = xcalloc(1024, sizeof(float)),
	                  .nstack = MODEL_STACK_N,
	                  .flags = MODEL_TRAINED_ON_HELD_OUT};
	for (int i = 0; i < 1024; i++)
		m.w[i] = (float)(i - 512) / 100.0f;
	for (int k = 0; k <= MODEL_STACK_N; k++)
		m.stack[k] = (float)k / 8.0f - 0.5f;
	m.threat.w = xcalloc(1024, sizeof(float));
	for (int i = 0; i < 1024; i++)
		m.threat.w[i] = (float)(i % 7) / 4.0f - 0.75f;
	m.threat.bias = -1.5f;
	m.threat.threshold = 0.2f;
	char path[] = "/tmp/vigil-model-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(model_save(&m, path), 0);
	struct model back;
	assert_int_equal(model_load(&back, path), 0);
	assert_int_equal(back.bits, 10);
	assert_float_equal(back.bias, 0.25, 1e-6);
	assert_float_equal(back.threshold, 0.4, 1e-6);
	for (int i = 0; i < 1024; i++)
		assert_float_equal(back.w[i], m.w[i], 1e-3);
	assert_int_equal(back.nstack, MODEL_STACK_N);
	assert_int_equal(back.flags, MODEL_TRAINED_ON_HELD_OUT);
	for (int k = 0; k <= MODEL_STACK_N; k++)
		assert_float_equal(back.stack[k], m.stack[k], 1e-7);
	assert_float_equal(back.threat.bias, -1.5, 1e-6);
	assert_float_equal(back.threat.threshold, 0.2, 1e-6);
	for (int i = 0; i < 1024; i++)
		assert_float_equal(back.threat.w[i], m.threat.w[i], 1e-4);
	/* the second stage: its bias plus its coefficients times the inputs */
	uint32_t idx[4] = {3, 700, 512, 1000};
	float val[4] = {0.5f, 0.5f, 0.5f, 0.5f};
	struct features f = {.idx = idx, .val = val, .n = 4};
	double x[MODEL_STACK_N];
	model_stack_inputs(&back, idx, val, 4, x);
	double w0 = back.w[3], w1 = back.w[700], w3 = back.w[1000];
	assert_float_equal(x[0], 0.25 + 0.5 * (w0 + w1 + back.w[512] + w3), 1e-6);
	assert_float_equal(x[1], w3, 1e-6);            /* the largest weight, 4.88 */
	assert_float_equal(x[2], w3 + w1 + 0.0, 1e-3); /* 4.88 + 1.88 + 0 */
	assert_float_equal(x[3], w0, 1e-6);            /* the smallest, -5.09 */
	assert_float_equal(x[4], log(5.0), 1e-9);      /* log(1 + n) */
	assert_float_equal(x[7], log(3.0), 1e-9);      /* 2 weights above 0.5 */
	assert_float_equal(x[8], log(3.0), 1e-9);      /* 2 above 1 */
	assert_float_equal(x[9], log(2.0), 1e-9);      /* 1 above 2 */
	assert_float_equal(x[10], log(2.0), 1e-9);     /* 1 below -0.5 */
	double z = back.stack[MODEL_STACK_N];
	for (int k = 0; k < MODEL_STACK_N; k++)
		z += back.stack[k] * x[k];
	assert_float_equal(model_score(&back, &f), 1.0 / (1.0 + exp(-z)), 1e-9);
	back.nstack = 0; /* without it, the logit alone */
	assert_float_equal(model_score(&back, &f), 1.0 / (1.0 + exp(-x[0])), 1e-9);
	/* the threat head: its own bias and weights over the same features */
	double zt = -1.5 + 0.5 * (back.threat.w[3] + back.threat.w[700] + back.threat.w[512] +
	                          back.threat.w[1000]);
	assert_float_equal(model_threat_score(&back, &f), 1.0 / (1.0 + exp(-zt)), 1e-9);
	model_release(&back);
	/* a model without a head is saved with one that finds nothing */
	struct model bare = {.bits = 10, .w = m.w, .threshold = 0.4f};
	assert_int_equal(model_save(&bare, path), 0);
	assert_int_equal(model_load(&back, path), 0);
	assert_true(model_threat_score(&back, &f) < back.threat.threshold);
	assert_true(back.threat.threshold > 1);
	assert_null(back.threat.w);
	model_release(&back);
	assert_int_equal(model_save(&m, path), 0);
	/* a flipped weight byte breaks the checksum; a wrong magic is named */
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(file_read(path, 1 << 20, &sb), 0);
	sb.buf[100] ^= 1;
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "checksum"));
	sb.buf[0] = 'X';
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "magic"));
	sb.buf[0] = 'V';
	sb.buf[8] = 2; /* version 2, before the second stage */
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EVERSION);
	assert_non_null(strstr(error_message(), "format 2; this Vigil reads format 5"));
	sb.buf[8] = 3; /* version 3, before the flags */
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EVERSION);
	sb.buf[8] = 4; /* version 4, before the threat head */
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EVERSION);
	sb.buf[8] = 5;
	/* a file cut short by the head's last weight */
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len - 2, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "size"));
	sb.buf[36] = 5; /* the second stage's number of inputs */
	model_rechecksum(&sb);
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "second stage"));
	sb.buf[36] = MODEL_STACK_N;
	sb.buf[32] = 3; /* a flag this Vigil does not know */
	model_rechecksum(&sb);
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "flags (0x3)"));
	sb.buf[32] = 1;
	/* a threat head's threshold of 0 would find a threat in every message
	 * (the head starts after the header, the second stage and 2^10 weights) */
	size_t head_threshold = 32 + 8 + 4 * (MODEL_STACK_N + 1) + 2048 + 8;
	memset(sb.buf + head_threshold, 0, 4);
	model_rechecksum(&sb);
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "thresholds are out of range (0.4, 0)"));
	uint32_t point_two = 0x3e4ccccd; /* 0.2f */
	for (int b = 0; b < 4; b++)
		sb.buf[head_threshold + (size_t)b] = (char)(point_two >> (8 * b));
	model_rechecksum(&sb);
	/* nor may the operating threshold, in the header outside the checksum */
	sb.buf[24 + 3] = (char)0xbf; /* 0.4 becomes -1.6 */
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "out of range"));
	uint32_t point_four = 0x3ecccccd; /* 0.4f */
	sb.buf[24 + 3] = (char)(point_four >> 24);
	sb.buf[32] = 0; /* a model trained without the held-out part */
	model_rechecksum(&sb);
	assert_int_equal(file_write_atomic(path, sb.buf, sb.len, 0600), 0);
	assert_int_equal(model_load(&back, path), 0);
	assert_int_equal(back.flags, 0);
	model_release(&back);
	strbuf_release(&sb);
	unlink(path);
	model_release(&m);
}

/* The n-gram features: character 2-5-grams of " word " that never cross
 * into the next word, the word, its stem when it is long, word bigrams. */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void test_features(void **state)
{
	(void)state;
	struct features f = {0};
	const char *one = "кот", *two = "кот пёс", *longw = "интересно";
	features_extract(&f, 19, one, strlen(one), &det.lex, NULL, 0);
	/* " к" "ко" "от" "т ", " ко" "кот" "от ", " кот" "кот ", " кот ", the word */
	assert_int_equal(f.n, 11);
	features_extract(&f, 19, two, strlen(two), &det.lex, NULL, 0);
	assert_int_equal(f.n, 11 + 11 + 1); /* each word's, and the bigram */
	features_extract(&f, 19, longw, strlen(longw), &det.lex, NULL, 0);
	/* 9 letters: 10 + 9 + 8 + 7 grams, the word and its stem "интер" */
	assert_int_equal(f.n, 10 + 9 + 8 + 7 + 2);
	for (size_t i = 0; i < f.n; i++)
		assert_float_equal(f.val[i], 1.0 / sqrt(36.0), 1e-6);
	/* what normalisation drops: capitals, '!', '?', length */
	const char *shout = "КТО ТЫ!!!", *calm = "кто ты";
	features_extract(&f, 19, calm, strlen(calm), &det.lex, NULL, 0);
	size_t base = f.n;
	features_add_raw(&f, 19, calm, strlen(calm), calm, strlen(calm));
	assert_int_equal(f.n, base + 4);
	uint32_t calm_raw[4], shout_raw[4];
	memcpy(calm_raw, f.idx + base, sizeof(calm_raw));
	features_extract(&f, 19, calm, strlen(calm), &det.lex, NULL, 0);
	features_add_raw(&f, 19, shout, strlen(shout), calm, strlen(calm));
	memcpy(shout_raw, f.idx + base, sizeof(shout_raw));
	assert_true(calm_raw[0] != shout_raw[0]);    /* capitals */
	assert_true(calm_raw[1] != shout_raw[1]);    /* '!' */
	assert_int_equal(calm_raw[2], shout_raw[2]); /* no '?' in either */
	assert_int_equal(calm_raw[3], shout_raw[3]); /* two words each */
	features_release(&f);
}

/* The raw-text counts, taken 16 bytes at a time, against the rule written
 * out a byte at a time, on random bytes rich in the ones that count. */
static void test_raw_counts(void **state)
{
	(void)state;
	static const unsigned char alphabet[] = {'A',  'Z',  'a',  'z',  '!',  '?',  ' ',  '@',
	                                         0xd0, 0xd1, 0x90, 0xaf, 0xb0, 0x8f, 0x80, 0xff};
	char buf[600];
	uint32_t rng = 12345;
	for (int trial = 0; trial < 2000; trial++) {
		size_t len = (size_t)trial % sizeof(buf);
		for (size_t i = 0; i < len; i++) {
			rng = rng * 1103515245u + 12345u;
			buf[i] = (char)alphabet[(rng >> 16) % sizeof(alphabet)];
		}
		struct raw_counts want = {0, 0, 0, 0}, got;
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)buf[i];
			bool has_next = i + 1 < len;
			unsigned char d = has_next ? (unsigned char)buf[i + 1] : 0;
			want.excl += c == '!';
			want.quest += c == '?';
			if (c >= 'A' && c <= 'Z')
				want.upper++, want.letters++;
			else if (c >= 'a' && c <= 'z')
				want.letters++;
			else if (c == 0xd0 && has_next)
				want.letters++, want.upper += d >= 0x90 && d <= 0xaf;
			else if (c == 0xd1)
				want.letters++;
		}
		features_raw_counts(buf, len, &got);
		if (memcmp(&want, &got, sizeof(want)))
			fail_msg("length %zu: upper %zu/%zu letters %zu/%zu ! %zu/%zu ? %zu/%zu",
			         len, got.upper, want.upper, got.letters, want.letters, got.excl,
			         want.excl, got.quest, want.quest);
	}
}

/* A long message: each bucket counts once, and the bitmap that says so is
 * clean for the next message. */
static void test_features_long(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 3000; i++)
		strbuf_addf(&sb, "w%dq%d ", i, i * 7919 % 1000);
	struct features f = {0};
	features_extract(&f, 19, sb.buf, sb.len - 1, &det.lex, NULL, 0);
	assert_true(f.n > 10000);
	uint32_t *ids = xmalloc(f.n * sizeof(*ids));
	memcpy(ids, f.idx, f.n * sizeof(*ids));
	qsort(ids, f.n, sizeof(*ids), cmp_u32);
	for (size_t i = 1; i < f.n; i++)
		if (ids[i] == ids[i - 1])
			fail_msg("bucket %u appears twice", ids[i]);
	free(ids);
	/* text that is not normalised, spaces side by side: more words than
	 * normalised text of its length can have, each a feature or three */
	strbuf_reset(&sb);
	for (int i = 0; i < 500; i++)
		strbuf_addf(&sb, "%c%s", 'a' + i % 26, i % 3 ? "  " : "   ");
	features_extract(&f, 19, sb.buf, sb.len, &det.lex, NULL, 0);
	assert_true(f.n > 100);
	/* a short message after it scores as it does alone */
	size_t n_alone;
	features_extract(&f, 19, "кот", 6, &det.lex, NULL, 0);
	n_alone = f.n;
	assert_int_equal(n_alone, 11);
	features_release(&f);
	strbuf_release(&sb);
}

/* The pool's threads give exactly what one detector gives, in order. */
static void test_pool(void **state)
{
	(void)state;
	const char *base[] = {"Ты тупая мразь, я тебя найду и убью",
	                      "Спасибо за разбор!",
	                      "п!зд@ тебе, Тимур",
	                      "we know where you live",
	                      "sen xoinsan, seni o'ldiraman",
	                      "Обычное сообщение про погоду",
	                      "Мой сосед узбек, хороший человек", /* a group's name: masked */
	                      "ya tebya ub'yu, suka"};            /* read into Cyrillic */
	enum { N = 1000 };
	char *texts[N];
	size_t lens[N];
	for (size_t i = 0; i < N; i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s %zu", base[i % ARRAY_SIZE(base)], i);
		lens[i] = sb.len;
		texts[i] = strbuf_detach(&sb, NULL);
	}
	struct detect_result *one = xmalloc(N * sizeof(*one)), *many = xmalloc(N * sizeof(*many));
	for (size_t i = 0; i < N; i++)
		detector_score(&det, texts[i], lens[i], &one[i]);
	struct detector_pool pool;
	assert_int_equal(detector_pool_open(&pool, &det, 4), 0);
	assert_int_equal(pool.n, 4);
	detector_pool_score(&pool, (const char *const *)texts, lens, N, many);
	detector_pool_close(&pool);
	for (size_t i = 0; i < N; i++) {
		assert_true(one[i].abusive == many[i].abusive);
		assert_int_equal(one[i].flagged, many[i].flagged);
		for (int c = 0; c < DCAT_COUNT; c++)
			assert_true(one[i].score[c] == many[i].score[c]);
		assert_int_equal(one[i].nspans, many[i].nspans);
		for (size_t k = 0; k < one[i].nspans; k++) {
			assert_int_equal(one[i].spans[k].entry, many[i].spans[k].entry);
			assert_int_equal(one[i].spans[k].start, many[i].spans[k].start);
			assert_int_equal(one[i].spans[k].end, many[i].spans[k].end);
		}
		free(texts[i]);
	}
	free(one);
	free(many);
}

static double abusive(const char *text)
{
	struct detect_result r;
	detector_score(&det, text, strlen(text), &r);
	return r.abusive;
}

static void test_scores(void **state)
{
	(void)state;
	const char *toxic[] = {
	    "Ты тупая мразь, я тебя найду и убью",
	    "Да пошёл ты нахуй, дебил",
	    "Эти уроды совсем охуели, бл...",
	};
	const char *clean[] = {
	    "Спасибо за подробный разбор, очень полезная статья.",
	    "Интересно, а сколько стоит такой ремонт в Москве?",
	    "Я согласен с автором, хорошая идея, надо попробовать.",
	};
	double th = det.model.threshold;
	for (size_t i = 0; i < ARRAY_SIZE(toxic); i++)
		if (abusive(toxic[i]) < th)
			fail_msg("\"%s\" scored %.3f, below %.3f", toxic[i], abusive(toxic[i]), th);
	for (size_t i = 0; i < ARRAY_SIZE(clean); i++)
		if (abusive(clean[i]) >= th)
			fail_msg("\"%s\" scored %.3f, above %.3f", clean[i], abusive(clean[i]), th);
}

/* Disguised spellings must not hide a message: the recall on the disguised
 * column is at least 0.8 of the recall on the plain one, in each set. */
static void check_obfuscation_set(const char *path, size_t min_pairs)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(file_read(path, 1 << 20, &sb), 0);
	size_t n = 0, plain = 0, disguised = 0;
	for (char *line = sb.buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (*line == '#' || !*line)
			continue;
		char *tab = strchr(line, '\t');
		assert_non_null(tab);
		*tab = 0;
		struct detect_result a, b;
		detector_score(&det, line, strlen(line), &a);
		detector_score(&det, tab + 1, strlen(tab + 1), &b);
		n++;
		plain += a.flagged;
		disguised += b.flagged;
	}
	strbuf_release(&sb);
	assert_true(n >= min_pairs);
	print_message("%s: %zu pairs, recall plain %.3f, disguised %.3f\n", strrchr(path, '/') + 1,
	              n, (double)plain / (double)n, (double)disguised / (double)n);
	assert_true(plain > 0);
	assert_true((double)disguised >= 0.8 * (double)plain);
}

/* obfuscated.tsv was written with the normaliser; obfuscated-2.tsv (160
 * pairs, all ten tricks, ru/uz/en) was written blind to it and to the
 * lexicons, and first measured 158 plain, 154 disguised; obfuscated-3.tsv
 * (120 pairs of self-censored spellings: masked consonants, dots, cut-off
 * words), also blind, measured 118 plain, 107 disguised before masked words
 * were read as the words they stand for (unmask.h) and 117 after. */
static void test_obfuscation_recall(void **state)
{
	(void)state;
	check_obfuscation_set(VIGIL_SOURCE_DIR "/tests/fixtures/detect/obfuscated.tsv", 30);
	check_obfuscation_set(VIGIL_SOURCE_DIR "/tests/fixtures/detect/obfuscated-2.tsv", 150);
	check_obfuscation_set(VIGIL_SOURCE_DIR "/tests/fixtures/detect/obfuscated-3.tsv", 120);
}

/* The highest severity among a message's threat matches (0: none). */
static int threat_severity(const char *text)
{
	struct detect_result r;
	detector_score(&det, text, strlen(text), &r);
	int sev = 0;
	for (size_t i = 0; i < r.nspans; i++)
		if (r.spans[i].cat == DCAT_THREAT &&
		    det.lex.entries[r.spans[i].entry].severity > sev)
			sev = det.lex.entries[r.spans[i].entry].severity;
	return sev;
}

/* The highest threat severity of each of the n texts is sev. */
static void assert_threat_severity(const char *const *texts, size_t n, int sev)
{
	for (size_t i = 0; i < n; i++) {
		print_message("%d: %s\n", threat_severity(texts[i]), texts[i]);
		assert_int_equal(threat_severity(texts[i]), sev);
	}
}

/* A threat verb in the third person is a report or an idiom as often as a
 * threat: severity 2 in Russian (1 in English, where the lexicons score a
 * message alone and severity 2 is flagged), which does not raise the
 * abusive score by itself; with the reader as its object, or in the first
 * person, severity 3. */
static void test_threat_third_person(void **state)
{
	(void)state;
	static const char *const reported[] = {
	    "Ему написали, что убьют; мы подали заявление.",
	    "Мама меня убьёт, если я опять забуду про её день рождения.",
	    "Контрольную завалил, отец меня прибьёт.",
	    "Соседи говорят, что их дом сожгут.",
	};
	static const char *const aimed[] = {
	    "Тебя убьют до конца месяца.",
	    "Убьют тебя, и никто не узнает.",
	    "Вас точно закопают.",
	    "Я тебя убью.",
	    "Мы тебя сожжём вместе с домом.",
	};
	static const char *const idioms_en[] = {
	    "My mom will kill me if I forget her birthday.",
	    "The boss is going to kill me, I missed the deadline.",
	    "I killed it at the presentation!",
	};
	static const char *const aimed_en[] = {
	    "They will kill you.", "We're gonna hunt you down.", "I'm going to hurt you.",
	    "They're going to murder your family.", "I will kill you."};
	assert_threat_severity(reported, ARRAY_SIZE(reported), 2);
	assert_threat_severity(aimed, ARRAY_SIZE(aimed), 3);
	assert_threat_severity(idioms_en, ARRAY_SIZE(idioms_en), 1);
	assert_threat_severity(aimed_en, ARRAY_SIZE(aimed_en), 3);
}

/* Does r hold a match of a threat pattern? */
static bool has_threat_span(const struct detect_result *r)
{
	for (size_t i = 0; i < r->nspans; i++)
		if (r->spans[i].cat == DCAT_THREAT)
			return true;
	return false;
}

/* Threats phrased without weapons (death wishes, "you will regret it",
 * relatives, surveillance) in Russian, Uzbek and English are flagged and
 * match a threat pattern; harmless messages that share their words match
 * none (tests/fixtures/detect/threats.tsv). */
static void test_threat_phrases(void **state)
{
	(void)state;
	struct dataset ds;
	assert_int_equal(
	    dataset_read_expected(&ds, VIGIL_SOURCE_DIR "/tests/fixtures/detect/threats.tsv"), 0);
	size_t threats = 0, clean = 0, missed = 0, wrong = 0, head = 0;
	for (size_t i = 0; i < ds.n; i++) {
		const char *text = ds.ex[i].text;
		struct detect_result r;
		detector_score(&det, text, strlen(text), &r);
		if (ds.ex[i].label) {
			threats++;
			if (!r.flagged || !has_threat_span(&r)) {
				missed++;
				print_message("missed: \"%s\" abusive %.3f, threat %.3f\n", text,
				              r.abusive, r.score[DCAT_THREAT]);
			}
		} else {
			clean++;
			wrong += has_threat_span(&r);
			head += r.score[DCAT_THREAT] > 0;
			if (r.score[DCAT_THREAT] > 0)
				print_message("threat score: \"%s\" abusive %.3f, threat %.3f%s\n",
				              text, r.abusive, r.score[DCAT_THREAT],
				              has_threat_span(&r) ? " (a pattern)"
				                                  : " (the threat head)");
		}
	}
	dataset_release(&ds);
	assert_true(threats >= 40 && clean >= 10);
	/* every threat matches a pattern; no harmless look-alike does */
	assert_int_equal(missed, 0);
	assert_int_equal(wrong, 0);
	/* the threat head reads 4 of them as threats (tenth session: "Мы найдём
	 * для тебя хорошего адвоката.", "Мама передаёт привет, сын уже в
	 * школе.", "The court will decide next month.", "Who is next in the
	 * queue?"); more would be a regression */
	assert_true(head <= 4);
}

/* Each of the n texts is flagged or not, and has a threat score of 0.5 or
 * more (threat) or none. */
static void assert_head(const char *const *texts, size_t n, bool flagged, bool threat)
{
	for (size_t i = 0; i < n; i++) {
		struct detect_result r;
		detector_score(&det, texts[i], strlen(texts[i]), &r);
		print_message("%.3f %s\n", r.score[DCAT_THREAT], texts[i]);
		assert_int_equal(r.flagged, flagged);
		if (threat)
			assert_true(r.score[DCAT_THREAT] >= 0.5);
		else
			assert_true(r.score[DCAT_THREAT] == 0);
	}
}

/* The threat head finds threats that no pattern holds, written for this
 * test (not in any training or test set), and leaves their harmless
 * look-alikes. */
static void test_threat_head(void **state)
{
	(void)state;
	static const char *const veiled[] = {
	    "Мы знаем, в какую школу ходит твой сын.",
	    "Это последнее предупреждение. Дальше будет по-другому.",
	    "Жалко будет, если с твоей машиной что-то случится.",
	    "This is your last warning. Next time we won't be talking.",
	    "Think about your children before you post again.",
	    "Oxirgi marta ogohlantiramiz, keyin o'zingdan ko'r.",
	};
	static const char *const harmless[] = {
	    "Мама, я заеду к тебе в субботу после работы.",
	    "Don't forget your son's school trip on Friday.",
	};
	/* abuse that threatens nothing: flagged, and no threat (the head learnt
	 * from those as not threats; before, "ТЫ ТВАРЬ" had a threat score of 0.95) */
	static const char *const insults[] = {
	    "ТЫ ТВАРЬ",
	    "ты тупой дебил",
	    "иди нахуй, мразь",
	    "Онангни сикай",
	    "you stupid bitch",
	    "fuck off, whore",
	    "Сен жалабсан",
	    "Шлюха продажная",
	    "ублюдок конченый",
	    "what a pathetic loser",
	    "Ты долбоёб, журналистка хренова",
	};
	assert_head(insults, ARRAY_SIZE(insults), true, false);
	assert_head(veiled, ARRAY_SIZE(veiled), true, true);
	assert_head(harmless, ARRAY_SIZE(harmless), false, false);
}

/* Ordinary chat (tests/fixtures/detect/benign-chat*.tsv: what defenders,
 * lawyers, families and friends write to each other; never trained on) is
 * mostly not flagged. The 2ch/pikabu comments the classifier learnt from are
 * a third toxic, and short ones mostly so: without the project's harmless
 * chat messages in training, 32 of the first 104 and 251 of the second 721
 * were flagged. */
static void test_benign_chat(void **state)
{
	(void)state;
	struct dataset ds;
	const char *files[] = {VIGIL_SOURCE_DIR "/tests/fixtures/detect/benign-chat.tsv",
	                       VIGIL_SOURCE_DIR "/tests/fixtures/detect/benign-chat-2.tsv"};
	for (size_t f = 0; f < ARRAY_SIZE(files); f++) {
		assert_int_equal(dataset_read_messages(&ds, files[f], 0), 0);
		size_t flagged = 0, head = 0;
		for (size_t i = 0; i < ds.n; i++) {
			const char *text = ds.ex[i].text;
			struct detect_result r;
			detector_score(&det, text, strlen(text), &r);
			flagged += r.flagged;
			if (has_threat_span(&r))
				fail_msg("\"%s\" matched a threat pattern", text);
			if (r.score[DCAT_THREAT] > 0) {
				head++;
				print_message("the threat head: %.3f \"%s\"\n",
				              r.score[DCAT_THREAT], text);
			}
		}
		print_message("harmless chat (%s): %zu of %zu flagged, %zu by the threat head\n",
		              strrchr(files[f], '/') + 1, flagged, ds.n, head);
		assert_true(ds.n >= 100);
		assert_true(flagged * 100 <= ds.n * 15);
		/* short messages and invitations are where it errs ("ты скоро?",
		 * "пока-пока", "Сегодня у нас шурпа, приходите с детьми"): 6 of
		 * 104 and 13 of 721 in the tenth session */
		assert_true(head * 100 <= ds.n * 6);
		dataset_release(&ds);
	}
	/* a line without its language is named */
	char path[] = "/tmp/vigil-messages-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	const char *bad = "# comment\nru\tпривет\nпока\n";
	assert_int_equal(file_write_atomic(path, bad, strlen(bad), 0600), 0);
	assert_int_equal(dataset_read_messages(&ds, path, 0), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "line 3"));
	unlink(path);
}

/* Reads one labelled file written to a temporary path; the error (if any)
 * is left in error_message(). */
static int read_labelled_text(const char *suffix, const char *content, struct dataset *ds)
{
	char path[64];
	snprintf(path, sizeof(path), "/tmp/vigil-labelled-%d%s", (int)getpid(), suffix);
	assert_int_equal(file_write_atomic(path, content, strlen(content), 0600), 0);
	int rc = dataset_read(ds, path);
	unlink(path);
	return rc;
}

/* vigil eval's files: the shared CSV (quoted fields over several lines,
 * labels 0.0/1.0) and text<TAB>label lines; a file cut short, a row without
 * its label, a label that is not 0 or 1 and a file of no texts are named,
 * with the line, instead of being measured on what was read. */
static void test_dataset_read(void **state)
{
	(void)state;
	struct dataset ds;
	assert_int_equal(read_labelled_text(".csv",
	                                    "comment,toxic\n"
	                                    "\"two\nlines, \"\"quoted\"\"\",1.0\n"
	                                    "plain,0.0\r\n"
	                                    "\n",
	                                    &ds),
	                 0);
	assert_int_equal(ds.n, 2);
	assert_string_equal(ds.ex[0].text, "two\nlines, \"quoted\"");
	assert_int_equal(ds.ex[0].label, 1);
	assert_int_equal(ds.ex[1].label, 0);
	dataset_release(&ds);
	/* a row of more fields than are kept does not run into the next */
	struct strbuf wide = STRBUF_INIT;
	strbuf_adds(&wide, "comment,toxic\nx,1");
	for (int i = 0; i < 40; i++)
		strbuf_adds(&wide, ",extra");
	strbuf_adds(&wide, "\ny,0\n");
	assert_int_equal(read_labelled_text(".csv", wide.buf, &ds), 0);
	strbuf_release(&wide);
	assert_int_equal(ds.n, 2);
	assert_string_equal(ds.ex[1].text, "y");
	assert_int_equal(ds.ex[1].label, 0);
	dataset_release(&ds);
	/* a byte-order mark before the header */
	assert_int_equal(read_labelled_text(".csv",
	                                    "\xef\xbb\xbf"
	                                    "comment,toxic\nok,1.0\n",
	                                    &ds),
	                 0);
	assert_int_equal(ds.n, 1);
	dataset_release(&ds);
	assert_int_equal(read_labelled_text(".csv", "comment,toxic\nok,1.0\n\"cut short", &ds),
	                 -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "line 3: a quoted field is not closed"));
	assert_int_equal(read_labelled_text(".csv", "comment,toxic\n\"a\nb\",1.0\nno label\n", &ds),
	                 -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "line 4: 1 fields"));
	assert_int_equal(read_labelled_text(".csv", "comment,toxic\nx,yes\n", &ds), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "not \"yes\""));
	assert_int_equal(read_labelled_text(".csv", "comment,toxic\nx,2\n", &ds), -VG_EFORMAT);
	assert_int_equal(read_labelled_text(".csv", "text,label\n", &ds), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "no labelled texts"));
	/* Jigsaw's -1 (not scored) in a category column is a missing label */
	assert_int_equal(
	    read_labelled_text(".csv", "comment_text,toxic,threat\nx,1,-1\ny,0,0\n", &ds), 0);
	assert_int_equal(ds.ex[0].cat_label[DCAT_THREAT], -1);
	assert_int_equal(ds.ex[1].cat_label[DCAT_THREAT], 0);
	dataset_release(&ds);
	assert_int_equal(read_labelled_text(".tsv", "# note\nhello\t0\r\nidiot\t1\n", &ds), 0);
	assert_int_equal(ds.n, 2);
	assert_int_equal(ds.ex[1].label, 1);
	dataset_release(&ds);
	assert_int_equal(read_labelled_text(".tsv", "hello\t0\nidiot\t\n", &ds), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "line 2: the label must be 0 or 1"));
	assert_int_equal(read_labelled_text(".tsv", "", &ds), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "no labelled texts"));
	/* Vigil's own sets (expect<TAB>language<TAB>message): with threats in
	 * them, the threat category is labelled; an abusive line may or may not
	 * threaten */
	assert_int_equal(read_labelled_text(".tsv",
	                                    "\xef\xbb\xbf# a set\n# format: expect\n"
	                                    "threat\tru\tМы знаем, где ты живёшь\n"
	                                    "clean\ten\tsee you soon\n"
	                                    "abusive\tuz\tahmoq\n",
	                                    &ds),
	                 0);
	assert_int_equal(ds.n, 3);
	assert_string_equal(ds.ex[0].text, "Мы знаем, где ты живёшь");
	assert_int_equal(ds.ex[0].label, 1);
	assert_int_equal(ds.ex[0].cat_label[DCAT_THREAT], 1);
	assert_int_equal(ds.ex[1].label, 0);
	assert_int_equal(ds.ex[1].cat_label[DCAT_THREAT], 0);
	assert_int_equal(ds.ex[2].label, 1);
	assert_int_equal(ds.ex[2].cat_label[DCAT_THREAT], -1);
	dataset_release(&ds);
	/* without threats, no threat labels */
	assert_int_equal(read_labelled_text(".tsv", "clean\ten\thi\ntoxic\ten\tidiot\n", &ds), 0);
	assert_int_equal(ds.ex[0].cat_label[DCAT_THREAT], -1);
	dataset_release(&ds);
	/* an expectation that is none of the four is named, not taken as abuse */
	assert_int_equal(read_labelled_text(".tsv", "clean\ten\thi\ncleen\ten\tthere\n", &ds),
	                 -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "line 2: the expectation must be"));
}

/* Uzbek in Cyrillic letters, even typed without ў қ ғ ҳ, is told from
 * Russian by its commonest words and endings; the classifier's score (it
 * learnt Russian) is then not used, and the lexicons speak alone. */
static void test_uzbek_cyrillic(void **state)
{
	(void)state;
	static const char *const uzbek[] = {
	    "Бувам эшакни бозорда сотди", "Сабр берсин, бандалик экан",
	    "Баённомада хато бор экан, тузатишни сўрадик", "Бугун бозорда помидор арзон экан",
	    "огзим куйди чой иссик экан"};
	static const char *const russian[] = {"Моя бабушка болеет",
	                                      "Я тебя найду",
	                                      "Когда суд?",
	                                      "Сын учится в школе номер 5",
	                                      "Спасибо, всё получили",
	                                      "Ты кто такой вообще",
	                                      "Дали срок",
	                                      "Бабушка дома",
	                                      "Уходи отсюда"};
	for (size_t i = 0; i < ARRAY_SIZE(uzbek); i++) {
		char *t = normalize_string(uzbek[i]);
		if (!normalize_uzbek_cyrillic(t, strlen(t)))
			fail_msg("not read as Uzbek: %s", uzbek[i]);
		free(t);
		struct detect_result r;
		detector_score(&det, uzbek[i], strlen(uzbek[i]), &r);
		assert_false(r.flagged);
	}
	for (size_t i = 0; i < ARRAY_SIZE(russian); i++) {
		char *t = normalize_string(russian[i]);
		if (normalize_uzbek_cyrillic(t, strlen(t)))
			fail_msg("read as Uzbek: %s", russian[i]);
		free(t);
	}
	/* Uzbek abuse is found */
	struct detect_result r;
	detector_score(&det, "Эшакнинг боласи, сени улдираман",
	               strlen("Эшакнинг боласи, сени улдираман"), &r);
	assert_true(r.flagged);
}

/* Vigil's own labelled sets (expect<TAB>language<TAB>message; written for the
 * project, never trained on), each with a bound on the harmless messages
 * flagged and on the abusive ones missed:
 * - identity*.tsv: messages that name a nationality, religion, language,
 *   orientation, illness or politician, harmless or hateful. The 2ch/pikabu
 *   comments name groups mostly in hostility: trained on them alone, the
 *   model flagged 31% and 26% of the harmless ones ("Я русский" 0.99).
 * - uz-abuse-3.tsv: Uzbek abuse and harmless Uzbek chat that shares its
 *   words, in both scripts, typed with and without the letters' marks. The
 *   two earlier sets are training data since the sixth session
 *   (data/training/uzbek-abuse*.tsv); with the lexicons alone 50% of this
 *   one's abuse was found, with the classifier trained on them 89%.
 * - veiled-threats-3/4/5.tsv: threats that name no harm ("Хороший у тебя
 *   дом. Перекрытия деревянные, да?") and harmless look-alikes, written by
 *   three other hands. The patterns and the classifier found 39%, 36% and
 *   39% of them; with the threat head (tenth session, trained on the seven
 *   sets of threats in data/training/) 70%, 69%, 70%.
 * - threats-in-context.tsv: threats inside long messages (rants, replies,
 *   forwards, curses), with long angry but harmless look-alikes, written
 *   after the head was trained: 56% found before it, 62% with it, 27% of
 *   the harmless ones flagged either way.
 * - ru-abuse*.tsv: messages sent to defenders in Russian, and harmless ones
 *   that share their words: case notes that quote a threat, idioms ("я умер
 *   со смеху"), swearing at the traffic. The classifier learnt from forum
 *   comments and flagged a quarter to a third of those harmless ones until
 *   data/training/russian-chat.tsv joined its training (17% and 19%).
 * - en-abuse.tsv: English abuse and harmless look-alikes; with 282 English
 *   comments only 33% of its abuse was found, with Vigil's English training
 *   messages (data/training/english-*.tsv) 70%.
 * The second set of each pair (and uz-abuse-3, en-abuse, veiled-threats-*) was written by another
 * hand and not looked at while the lexicons were written: its bounds are what a new text can
 * expect. */
static void test_labelled_sets(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		unsigned max_harmless_pct, min_abusive_pct;
	} sets[] = {
	    {"identity.tsv", 12, 75},         {"identity-2.tsv", 12, 70},
	    {"uz-abuse-3.tsv", 12, 80},       {"ru-abuse.tsv", 30, 85},
	    {"ru-abuse-2.tsv", 35, 78},       {"en-abuse.tsv", 15, 62},
	    {"ru-translit.tsv", 20, 80},      {"ru-translit-2.tsv", 20, 70},
	    {"veiled-threats-3.tsv", 20, 62}, {"veiled-threats-4.tsv", 15, 60},
	    {"veiled-threats-5.tsv", 25, 62}, {"threats-in-context.tsv", 35, 55},
	};
	for (size_t f = 0; f < ARRAY_SIZE(sets); f++) {
		struct strbuf path = STRBUF_INIT;
		strbuf_addf(&path, "%s/tests/fixtures/detect/%s", VIGIL_SOURCE_DIR, sets[f].file);
		struct dataset ds;
		assert_int_equal(dataset_read_expected(&ds, path.buf), 0);
		strbuf_release(&path);
		size_t n[2] = {0}, flagged[2] = {0};
		for (size_t i = 0; i < ds.n; i++) {
			struct detect_result r;
			detector_score(&det, ds.ex[i].text, strlen(ds.ex[i].text), &r);
			n[ds.ex[i].label]++;
			flagged[ds.ex[i].label] += r.flagged;
		}
		print_message("%s: harmless flagged %zu of %zu, abusive flagged %zu of %zu\n",
		              sets[f].file, flagged[0], n[0], flagged[1], n[1]);
		assert_true(n[0] >= 75 && n[1] >= 75);
		assert_true(flagged[0] * 100 <= n[0] * sets[f].max_harmless_pct);
		assert_true(flagged[1] * 100 >= n[1] * sets[f].min_abusive_pct);
		dataset_release(&ds);
	}
}

/* The code point that starts at s (its length in *k), or 0. */
static int32_t cp_at(const char *s, size_t n, size_t *k)
{
	int32_t c = 0;
	utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
	*k = m > 0 ? (size_t)m : 1;
	return m > 0 ? c : 0;
}

/* Does a group (?:a|b|...) that starts at pattern[open] have an alternative
 * that begins (first) or ends (!first) with the letter c? */
static bool group_alt_has(const char *pat, size_t open, int32_t c, bool first)
{
	size_t i = open + 3, start = i;
	for (;; i++) {
		if (pat[i] == '(' || !pat[i])
			return false; /* nested: not checked */
		if (pat[i] != '|' && pat[i] != ')')
			continue;
		size_t k, at = start;
		if (!first) /* the last code point of the alternative */
			for (size_t j = start; j < i; j += k)
				if (cp_at(pat + j, i - j, &k))
					at = j;
		if (i > start && cp_at(pat + at, i - at, &k) == c)
			return true;
		if (pat[i] == ')')
			return false;
		start = i + 1;
	}
}

/* The text has its doubled letters collapsed, and the loader collapses them
 * in a pattern too, but not across a group: "fag(?:got|s)" never matched
 * "faggot" (the text has "fagot"), nor "qo'l(?:laring)" "qo'llaring". No
 * shipped pattern may be written so, but for the one prefix of the obscenity
 * stem (пере + еб: collapsed, it would match "перебегать"). */
static void test_lexicon_doubled_across_group(void **state)
{
	(void)state;
	size_t bad = 0;
	for (size_t e = 0; e < det.lex.n; e++) {
		const char *pat = det.lex.entries[e].pattern;
		size_t n = strlen(pat), k;
		int32_t prev = 0;
		for (size_t i = 0; i < n; i += k) {
			int32_t c = cp_at(pat + i, n - i, &k);
			bool letter = utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
			if (!strncmp(pat + i, "(?:", 3) && prev &&
			    group_alt_has(pat, i, prev, true)) {
				print_message("%s line %d: %s\n", det.lex.entries[e].file,
				              det.lex.entries[e].line, pat);
				bad++;
			}
			if (letter && i > 0 && pat[i - 1] == ')') {
				/* find the group this ')' closes */
				size_t open = i - 1, depth = 0;
				while (open > 0) {
					open--;
					if (pat[open] == ')')
						depth++;
					else if (pat[open] == '(' && !depth--)
						break;
				}
				if (!strncmp(pat + open, "(?:", 3) &&
				    group_alt_has(pat, open, c, false) && !strstr(pat, "|пере|")) {
					print_message("%s line %d: %s\n", det.lex.entries[e].file,
					              det.lex.entries[e].line, pat);
					bad++;
				}
			}
			prev = letter && pat[i] != '\\' && (i == 0 || pat[i - 1] != '\\') ? c : 0;
		}
	}
	assert_int_equal(bad, 0);
}

/* The category of the first span of a message, or -1 when none. */
static int first_span(const char *text)
{
	struct detect_result r;
	detector_score(&det, text, strlen(text), &r);
	return r.nspans ? (int)r.spans[0].cat : -1;
}

/* Uzbek typed without the marks of its letters still matches a long pattern
 * ("o'ldiraman" as "oldiraman", "ўлдираман" as "улдираман"), but o'l (die)
 * is not ol (take), and the Cyrillic form of a pattern reads е as э too. */
static void test_uzbek_unmarked(void **state)
{
	(void)state;
	assert_int_equal(first_span("oldiraman seni"), DCAT_THREAT);
	assert_int_equal(first_span("сени улдираман"), DCAT_THREAT);
	assert_int_equal(first_span("qoʻllaringni sindiraman, ogʻzingni yop"), DCAT_THREAT);
	assert_int_equal(first_span("кўлларингни синдираман"), DCAT_THREAT);
	assert_int_equal(first_span("Эшакнинг боласи"), DCAT_INSULT);
	assert_int_equal(first_span("Сени сўямиз"), DCAT_THREAT);
	assert_int_equal(first_span("sumalak pishdi, kechqurun olib ketinglar"), -1);
	assert_int_equal(first_span("O'ldirib qo'yding, kulgidan yig'lab yubordim"), -1);
	assert_int_equal(first_span("Qo'lim kesildi, bugun ishga bormayman"), -1);
	char *re = lexicon_expand("o'lib ket~", LEX_UZ_LATIN);
	assert_null(strstr(re, "['*]?"));
	free(re);
	re = lexicon_expand("o'ldiraman", LEX_UZ_LATIN);
	assert_non_null(strstr(re, "['*]?"));
	free(re);
	/* an escape stays an escape in the Cyrillic form ("\b" is not "\б") */
	re = lexicon_expand("it(?:lar|lari)\\b", LEX_UZ_CYRILLIC);
	assert_non_null(strstr(re, "(?: |$)"));
	assert_null(strstr(re, "\\"));
	free(re);
	re = lexicon_expand("[^ ]+larni \\S+ kerak", LEX_UZ_CYRILLIC);
	assert_non_null(strstr(re, "\\S+"));
	free(re);
}

/* The features of one message through the detector, as scoring sees them:
 * how many, and the sum of their buckets. */
static size_t masked_features(const char *text, uint64_t *sum)
{
	struct norm_text nt;
	normalize_text(text, strlen(text), &nt);
	struct lex_hit hits[DETECT_MAX_HITS];
	size_t nh = lexicon_scan(&det.lex, det.scratch, nt.text, nt.len, hits, DETECT_MAX_HITS);
	detector_features(&det, text, strlen(text), &nt, hits,
	                  nh < DETECT_MAX_HITS ? nh : DETECT_MAX_HITS);
	norm_text_release(&nt);
	*sum = 0;
	for (size_t i = 0; i < det.feats.n; i++)
		*sum += det.feats.idx[i];
	return det.feats.n;
}

/* The names of groups (data/lexicons/<lang>-identity.tsv) are left out of
 * the classifier's features: "кот русский" and "кот узбекский" are the same
 * message to it, and neither name is a span. A word an abuse pattern also
 * matched ("татарва" begins like "татарин") is kept. */
static void test_identity_mask(void **state)
{
	(void)state;
	uint64_t a, b, c;
	size_t na = masked_features("кот русский", &a);
	size_t nb = masked_features("кот узбекский", &b);
	assert_int_equal(na, nb);
	assert_true(a == b);
	assert_true(masked_features("кот татарва", &c) > na);
	assert_true(masked_features("кот jewish", &c) == na && c == a);
	struct detect_result r;
	detector_score(&det, "Наш сосед еврей", strlen("Наш сосед еврей"), &r);
	assert_int_equal(r.nspans, 0);
	detector_score(&det, "Татарва поганая", strlen("Татарва поганая"), &r);
	assert_int_equal(r.nspans, 1);
	assert_int_equal(r.spans[0].cat, DCAT_INSULT);
	/* more names than hits can be kept do not crowd out a threat */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 2 * DETECT_MAX_HITS; i++)
		strbuf_adds(&sb, "узбеки таджики ");
	strbuf_adds(&sb, "я тебя убью");
	detector_score(&det, sb.buf, sb.len, &r);
	assert_int_equal(r.nspans, 1);
	assert_int_equal(r.spans[0].cat, DCAT_THREAT);
	assert_true(r.flagged);
	strbuf_release(&sb);
}

/* Which messages the classifier knows the language of: the share of words
 * in the Russian alphabet alone; a word an Uzbek or English pattern matched
 * counts as foreign. Where it is half or less, the lexicons set a floor. */
static void test_russian_share(void **state)
{
	(void)state;
	const char *ru = "привет как дела";
	assert_float_equal(normalize_russian_share(ru, strlen(ru), NULL, 0), 1.0, 1e-9);
	const char *uz = "salom qalaysan";
	assert_float_equal(normalize_russian_share(uz, strlen(uz), NULL, 0), 0.0, 1e-9);
	const char *mix = "привет salom 123";
	assert_float_equal(normalize_russian_share(mix, strlen(mix), NULL, 0), 0.5, 1e-9);
	const char *uzc = "сени ўлдирамиз";
	assert_float_equal(normalize_russian_share(uzc, strlen(uzc), NULL, 0), 0.5, 1e-9);
	const char *it = "сен итвача";
	size_t span[1][2] = {{strlen("сен "), strlen(it)}};
	assert_float_equal(normalize_russian_share(it, strlen(it), span, 1), 0.5, 1e-9);
	assert_float_equal(normalize_russian_share("", 0, NULL, 0), 0.0, 1e-9);
	/* the floor: English and Uzbek abuse the Russian classifier hardly knows */
	const char *flagged[] = {"You will regret this, bitch", "Итвачча", "Sen itsan",
	                         "la'nati xoin"};
	for (size_t i = 0; i < ARRAY_SIZE(flagged); i++)
		if (abusive(flagged[i]) < det.model.threshold)
			fail_msg("\"%s\" scored %.3f", flagged[i], abusive(flagged[i]));
	const char *mild[] = {"this weather is ugly today", "Hujjatlarni yubordim"};
	for (size_t i = 0; i < ARRAY_SIZE(mild); i++)
		if (abusive(mild[i]) >= det.model.threshold)
			fail_msg("\"%s\" scored %.3f", mild[i], abusive(mild[i]));
}

/* ROC AUC: ties share their rank; a score that is NaN is left out rather
 * than ranked (it once made the tie loop spin for ever). */
static void test_metric_auc(void **state)
{
	(void)state;
	const double s[] = {0.1, 0.4, 0.4, 0.9, NAN};
	const int y[] = {0, 0, 1, 1, 1};
	assert_float_equal(metric_auc(s, y, 4), 0.875, 1e-12);
	assert_float_equal(metric_auc(s, y, 5), 0.875, 1e-12);
	const int one_class[] = {1, 1, 1, 1, 1};
	assert_true(isnan(metric_auc(s, one_class, 5)));
}

static bool translit_says(const char *in)
{
	struct norm_text nt;
	normalize_text(in, strlen(in), &nt);
	bool r = translit_ru_detect(nt.text, nt.len);
	norm_text_release(&nt);
	return r;
}

static void expect_reading(const char *in, const char *want)
{
	struct norm_text nt, cyr;
	normalize_text(in, strlen(in), &nt);
	translit_ru_text(in, strlen(in), &nt, &cyr);
	if (strcmp(cyr.text, want))
		fail_msg("reading of \"%s\" = \"%s\", want \"%s\"", in, cyr.text, want);
	norm_text_release(&nt);
	norm_text_release(&cyr);
}

/* Russian typed in Latin letters is told from English and Uzbek, and read
 * back into Cyrillic, spans still pointing into the Latin original. */
static void test_translit(void **state)
{
	(void)state;
	assert_true(translit_says("ya tebya ub'yu, suka"));
	assert_true(translit_says("ty trup"));
	assert_true(translit_says("tvoyu mat' my nashli v Samarkande"));
	assert_false(translit_says("I will find you and your family"));
	assert_false(translit_says("Men seni o'ldiraman, onangni"));
	assert_false(translit_says("Davay, ertaga ko'rishamiz, poka")); /* Uzbek, borrowing */
	assert_false(translit_says("я тебя убью"));
	assert_false(translit_says("suka")); /* one word: the Latin patterns' */
	/* the lists are matched as the normaliser leaves words: "will" is "wil" */
	assert_false(translit_says("ty ne will see"));
	expect_reading("ya tebya ub'yu", "я тебя убью");
	expect_reading("tvoyu mat' my nashli", "твою мать мы нашли");
	expect_reading("4mo ubl9dok", "чмо ублядок"); /* digits of the input */
	expect_reading("gryaznye shchenki", "грязные щенки");
	expect_reading("eto smeyatsya nado", "это смеятся надо");
	expect_reading("moj xuj jdi", "мой хуй жди");
	expect_reading("neschastnye", "несчастные");
	expect_reading("ty i \xd0\xb2\xd1\x81\xd0\xb5",
	               "ты и \xd0\xb2\xd1\x81\xd0\xb5"); /* Cyrillic kept */
	const char *msg = "ty trup, mraz, ya tebya zakopayu";
	struct detect_result r;
	detector_score(&det, msg, strlen(msg), &r);
	assert_true(r.flagged);
	assert_true(r.score[DCAT_THREAT] > 0);
	bool trup = false;
	for (size_t i = 0; i < r.nspans; i++)
		trup |= r.spans[i].end - r.spans[i].start == 7 &&
		        !memcmp(msg + r.spans[i].start, "ty trup", 7);
	assert_true(trup); /* "ты труп", highlighted in the Latin text */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nfkc_casefold),
	    cmocka_unit_test(test_lookalikes),
	    cmocka_unit_test(test_digits_symbols),
	    cmocka_unit_test(test_masks_repeats_splits),
	    cmocka_unit_test(test_uzbek),
	    cmocka_unit_test(test_offsets),
	    cmocka_unit_test(test_lexicon_ru),
	    cmocka_unit_test(test_lexicon_uz),
	    cmocka_unit_test(test_lexicon_en),
	    cmocka_unit_test(test_lexicon_errors),
	    cmocka_unit_test(test_lexicon_needs_digit),
	    cmocka_unit_test(test_lexicon_digits_only),
	    cmocka_unit_test(test_model_format),
	    cmocka_unit_test(test_features),
	    cmocka_unit_test(test_scores),
	    cmocka_unit_test(test_obfuscation_recall),
	    cmocka_unit_test(test_features_long),
	    cmocka_unit_test(test_raw_counts),
	    cmocka_unit_test(test_pool),
	    cmocka_unit_test(test_threat_phrases),
	    cmocka_unit_test(test_threat_head),
	    cmocka_unit_test(test_threat_third_person),
	    cmocka_unit_test(test_benign_chat),
	    cmocka_unit_test(test_russian_share),
	    cmocka_unit_test(test_labelled_sets),
	    cmocka_unit_test(test_identity_mask),
	    cmocka_unit_test(test_uzbek_unmarked),
	    cmocka_unit_test(test_uzbek_cyrillic),
	    cmocka_unit_test(test_lexicon_doubled_across_group),
	    cmocka_unit_test(test_metric_auc),
	    cmocka_unit_test(test_dataset_read),
	    cmocka_unit_test(test_translit),
	    cmocka_unit_test(test_unmask),
	    cmocka_unit_test(test_unmask_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
