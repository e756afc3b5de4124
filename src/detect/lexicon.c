/*
 * lexicon.c - loading, expanding and compiling the lexicons; scanning.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "detect/lexicon.h"
#include "detect/normalize.h"
#include "util/fileio.h"
#include "util/util.h"

static const char *const cat_names[DCAT_COUNT] = {"threat", "obscenity", "insult",
                                                  "smear",  "doxxing",   "family"};

const char *detect_cat_name(enum detect_cat c)
{
	return c < DCAT_COUNT ? cat_names[c] : c == DCAT_IDENTITY ? "identity" : "?";
}

int detect_cat_parse(const char *name)
{
	for (int i = 0; i < DCAT_COUNT; i++)
		if (!strcmp(cat_names[i], name))
			return i;
	return strcmp(name, "identity") ? -1 : DCAT_IDENTITY;
}

/* Uzbek is often typed without its marks: "oldiraman" for o'ldiraman, and on
 * a Russian keyboard "улдираман" for ўлдираман, "к" for қ, "г" for ғ, "х"
 * for ҳ. A pattern of seven letters or more lets them go; a short one keeps
 * them, and so does o'l (die) but for o'ldir (kill): without its mark it is
 * ol (take): "olib ketinglar", take it away. */
static bool uz_lenient(const char *latin_pattern)
{
	size_t letters = 0;
	for (const char *p = latin_pattern; *p; p++)
		letters += (*p >= 'a' && *p <= 'z');
	return letters >= 7;
}

/* The Uzbek Cyrillic letter that a Russian keyboard types without its mark. */
static int32_t uz_unmarked(int32_t c)
{
	switch (c) {
	case 0x45E:
		return 0x443; /* ў у */
	case 0x49B:
		return 0x43A; /* қ к */
	case 0x493:
		return 0x433; /* ғ г */
	case 0x4B3:
		return 0x445; /* ҳ х */
	default:
		return 0;
	}
}

/* The Cyrillic form of an Uzbek pattern: its letters transliterated, its
 * escapes (\b, \S) kept as written, for "\b" is not "\б". */
static char *uz_pattern_to_cyrillic(const char *latin)
{
	struct strbuf sb = STRBUF_INIT, run = STRBUF_INIT;
	for (const char *p = latin;; p++) {
		if (*p && *p != '\\') {
			strbuf_addch(&run, *p);
			continue;
		}
		char *cyr = normalize_uz_to_cyrillic(run.buf);
		strbuf_adds(&sb, cyr);
		free(cyr);
		strbuf_reset(&run);
		if (!*p)
			break;
		strbuf_addch(&sb, '\\');
		if (p[1])
			strbuf_addch(&sb, *++p);
	}
	strbuf_release(&run);
	return strbuf_detach(&sb, NULL);
}

char *lexicon_expand(const char *pattern, int uz)
{
	bool uz_cyrillic = uz == LEX_UZ_CYRILLIC;
	bool lenient = uz && uz_lenient(pattern);
	char *src = uz_cyrillic ? uz_pattern_to_cyrillic(pattern) : xstrdup(pattern);
	struct strbuf sb;
	strbuf_init(&sb, strlen(src) * 3 + 16);
	strbuf_adds(&sb, "(?:^| )(?:");
	const uint8_t *p = (const uint8_t *)src;
	size_t n = strlen(src);
	int32_t prev = -1;
	bool in_class = false, class_vowel = false, escaped = false, in_brace = false;
	bool ends_open = false, ends_bound = false;
	for (size_t i = 0; i < n;) {
		int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (c == 0x451)
			c = 0x435; /* ё */
		ends_open = false;
		if (c != ')')
			ends_bound = false;
		if (escaped) {
			if (c == 'b') { /* a word boundary: words end at a space */
				strbuf_setlen(&sb, sb.len - 1);
				strbuf_adds(&sb, "(?: |$)");
				ends_bound = true;
			} else {
				uint8_t u[4];
				strbuf_add(&sb, u, (size_t)utf8proc_encode_char(c, u));
			}
			escaped = false;
			prev = -1;
			continue;
		}
		if (c == '\\') {
			strbuf_addch(&sb, '\\');
			escaped = true;
			continue;
		}
		if (in_class) {
			if (c == ']') {
				if (class_vowel)
					strbuf_addch(&sb, '*');
				in_class = false;
			} else if (normalize_is_vowel(c)) {
				class_vowel = true;
			}
			uint8_t u[4];
			strbuf_add(&sb, u, (size_t)utf8proc_encode_char(c, u));
			prev = -1;
			continue;
		}
		if (c == '{')
			in_brace = true;
		else if (c == '}')
			in_brace = false;
		if (c == '[') {
			in_class = true;
			class_vowel = false;
			strbuf_addch(&sb, '[');
			prev = -1;
			continue;
		}
		if (c == '~') {
			/* at the very end the rest of the word is added by the scan
			 * (on_match): a trailing [^ ]* would make Vectorscan report
			 * every letter after the stem as another match */
			if (i < n)
				strbuf_adds(&sb, "[^ ]*");
			ends_open = true;
			prev = -1;
			continue;
		}
		if (c == prev && !in_brace && c > ' ' &&
		    utf8proc_category(c) == UTF8PROC_CATEGORY_LL)
			continue; /* doubled letters are collapsed in the text too */
		int32_t before = prev;
		prev = c;
		uint8_t u[4];
		utf8proc_ssize_t m = utf8proc_encode_char(c, u);
		/* the letter typed without its mark; е is also э, which the
		 * transliteration cannot tell (word-initial э: "эшак") */
		int32_t bare = lenient ? uz_unmarked(c) : 0;
		if (uz_cyrillic && c == 0x435)
			bare = 0x44D;
		/* o'l (die) keeps its mark unless o'ldir (kill) follows: olib,
		 * olasan, olgin are "take" */
		bool take = c == '\'' && before == 'o' && i < n && p[i] == 'l' &&
		            (i + 1 >= n || p[i + 1] != 'd');
		if (!uz && (c == 0x44c || c == 0x44a) && i + 1 < n && p[i] == 0xd1 &&
		    (p[i + 1] == 0x8e || p[i + 1] == 0x8f)) {
			/* ь, ъ before ю, я may be left out, as Russian typed in
			 * Latin letters does ("ubyu": убю); before other letters it
			 * stays ("убье~" must not become "убе~": убедить) */
			strbuf_adds(&sb, "[ьъ]?");
		} else if (lenient && c == '\'' && !take) {
			strbuf_adds(&sb, "['*]?");
		} else if (normalize_is_vowel(c) || c == '\'' || bare) {
			/* Uzbek o', g': the mark is masked too */
			strbuf_addch(&sb, '[');
			strbuf_add(&sb, u, (size_t)m);
			if (bare) {
				uint8_t b[4];
				strbuf_add(&sb, b, (size_t)utf8proc_encode_char(bare, b));
			}
			if (normalize_is_vowel(c) || c == '\'')
				strbuf_addch(&sb, '*');
			strbuf_addch(&sb, ']');
		} else {
			strbuf_add(&sb, u, (size_t)m);
		}
	}
	strbuf_adds(&sb, ends_open || ends_bound ? ")" : ")(?: |$)");
	free(src);
	return strbuf_detach(&sb, NULL);
}

static bool ends_with_tilde(const char *pattern)
{
	size_t n = strlen(pattern);
	return n && pattern[n - 1] == '~' && (n < 2 || pattern[n - 2] != '\\');
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* lexicon_needs_digit: a recursive descent over the pattern. Each function
 * says whether what it read can only match text that has a digit; an
 * unknown construct clears r->ok, and the answer is then "no". */
struct rx_reader {
	const char *p;
	bool ok;
};

static bool rx_alternation(struct rx_reader *r);

/* A code point (lead byte and continuation bytes). */
static void rx_skip_char(struct rx_reader *r)
{
	r->p++;
	while ((*r->p & 0xc0) == 0x80)
		r->p++;
}

/* [...]: only digits, and not negated? */
static bool rx_class(struct rx_reader *r)
{
	bool negated = *r->p == '^', digits = true, any = false;
	if (negated)
		r->p++;
	for (bool first = true; *r->p && (first || *r->p != ']'); first = false) {
		any = true;
		if (*r->p == '\\') {
			r->p++;
			if (!*r->p)
				break;
			digits &= *r->p == 'd';
			rx_skip_char(r);
		} else if (*r->p == '[') { /* [:digit:] and the like */
			r->ok = false;
			return false;
		} else if (r->p[1] == '-' && r->p[2] && r->p[2] != ']') {
			digits &= *r->p >= '0' && *r->p <= '9' && r->p[2] >= '0' && r->p[2] <= '9';
			rx_skip_char(r);
			r->p++;
			rx_skip_char(r);
		} else {
			digits &= *r->p >= '0' && *r->p <= '9';
			rx_skip_char(r);
		}
	}
	if (*r->p != ']') {
		r->ok = false;
		return false;
	}
	r->p++;
	return any && digits && !negated;
}

static bool rx_atom(struct rx_reader *r)
{
	char c = *r->p;
	if (c == '(') {
		r->p++;
		if (*r->p == '?') {
			if (r->p[1] != ':') { /* lookaround, flags, named groups */
				r->ok = false;
				return false;
			}
			r->p += 2;
		}
		bool need = rx_alternation(r);
		if (*r->p != ')') {
			r->ok = false;
			return false;
		}
		r->p++;
		return need;
	}
	if (c == '[') {
		r->p++;
		return rx_class(r);
	}
	if (c == '\\') {
		r->p++;
		if (!*r->p) {
			r->ok = false;
			return false;
		}
		bool digit = *r->p == 'd';
		rx_skip_char(r);
		return digit;
	}
	rx_skip_char(r); /* a literal, ".", "~", "^", "$" */
	return c >= '0' && c <= '9';
}

/* The least number of times a quantifier lets its atom occur (1 without). */
static unsigned rx_quantifier(struct rx_reader *r)
{
	unsigned min = 1;
	if (*r->p == '?' || *r->p == '*') {
		min = 0;
		r->p++;
	} else if (*r->p == '+') {
		r->p++;
	} else if (*r->p == '{' && r->p[1] >= '0' && r->p[1] <= '9') {
		const char *q = r->p + 1;
		unsigned n = 0;
		while (*q >= '0' && *q <= '9')
			n = n * 10 + (unsigned)(*q++ - '0');
		if (*q == ',')
			while (*++q >= '0' && *q <= '9')
				;
		if (*q != '}')
			return 1; /* not a quantifier: "{" is a literal */
		min = n;
		r->p = q + 1;
	} else {
		return 1;
	}
	if (*r->p == '?' || *r->p == '+') /* lazy, possessive */
		r->p++;
	return min;
}

static bool rx_sequence(struct rx_reader *r)
{
	bool need = false;
	while (r->ok && *r->p && *r->p != '|' && *r->p != ')') {
		bool atom = rx_atom(r);
		unsigned min = rx_quantifier(r);
		need |= atom && min > 0;
	}
	return need;
}

static bool rx_alternation(struct rx_reader *r)
{
	bool need = rx_sequence(r);
	while (r->ok && *r->p == '|') {
		r->p++;
		need &= rx_sequence(r);
	}
	return need;
}

bool lexicon_needs_digit(const char *pattern)
{
	struct rx_reader r = {pattern, true};
	bool need = rx_alternation(&r);
	return need && r.ok && !*r.p;
}

struct compile_list {
	char **exprs;
	unsigned *flags, *ids;
	size_t n, cap;
};

static void list_add(struct compile_list *l, char *expr, unsigned id)
{
	if (l->n == l->cap) {
		size_t c1 = l->cap, c2 = l->cap;
		xgrow((void **)&l->exprs, &l->cap, l->n + 1, sizeof(*l->exprs));
		xgrow((void **)&l->flags, &c1, l->n + 1, sizeof(*l->flags));
		xgrow((void **)&l->ids, &c2, l->n + 1, sizeof(*l->ids));
	}
	l->exprs[l->n] = expr;
	l->flags[l->n] = HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST;
	l->ids[l->n] = id;
	l->n++;
}

static void add_entry(struct lexicon *lx, size_t *cap, struct lex_entry e)
{
	if (lx->n == *cap)
		xgrow((void **)&lx->entries, cap, lx->n + 1, sizeof(*lx->entries));
	lx->entries[lx->n++] = e;
}

/* The shipped patterns are compiled into two databases: those that need a
 * digit (lexicon_needs_digit), and the others. */
enum { DB_WORDS, DB_DIGITS };

/* Reads one lexicon file; its patterns go to lists[DB_WORDS], or to
 * lists[DB_DIGITS] when they need a digit. */
static int load_file(struct lexicon *lx, size_t *cap, struct compile_list lists[2], const char *dir,
                     const char *name)
{
	char lang[4] = {0};
	const char *dash = strchr(name, '-');
	if (!dash || dash - name > 3)
		return error_set(VG_EFORMAT, "%s/%s: lexicon files are named <lang>-<category>.tsv",
		                 dir, name);
	memcpy(lang, name, (size_t)(dash - name));
	struct strbuf path = STRBUF_INIT, content = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, name);
	int rc = file_read(path.buf, 16u << 20, &content);
	if (rc) {
		strbuf_release(&path);
		return rc;
	}
	int lineno = 0;
	for (char *cur = content.buf, *line; (line = file_next_line(&cur, &lineno));) {
		char *f[4] = {line, NULL, NULL, NULL};
		for (int i = 1; i < 4; i++) {
			char *t = f[i - 1] ? strchr(f[i - 1], '\t') : NULL;
			if (t) {
				*t = 0;
				f[i] = t + 1;
			}
		}
		int cat = f[1] ? detect_cat_parse(f[1]) : -1;
		int sev = f[2] ? atoi(f[2]) : 0;
		if (cat < 0 || sev < 1 || sev > 3) {
			rc = error_set(
			    VG_EFORMAT,
			    "%s line %d: want pattern<TAB>category<TAB>severity 1-3<TAB>note "
			    "with a category of threat, obscenity, insult, smear, doxxing, "
			    "family, identity",
			    path.buf, lineno);
			break;
		}
		struct lex_entry e = {xstrdup(f[0]),        xstrdup(name), lineno,
		                      (enum detect_cat)cat, sev,           {0},
		                      ends_with_tilde(f[0])};
		memcpy(e.lang, lang, sizeof(lang));
		add_entry(lx, cap, e);
		struct compile_list *l = &lists[lexicon_needs_digit(f[0]) ? DB_DIGITS : DB_WORDS];
		list_add(l, lexicon_expand(f[0], !strcmp(lang, "uz") ? LEX_UZ_LATIN : LEX_PLAIN),
		         (unsigned)(lx->n - 1));
		if (!strcmp(lang, "uz"))
			list_add(l, lexicon_expand(f[0], LEX_UZ_CYRILLIC), (unsigned)(lx->n - 1));
	}
	strbuf_release(&content);
	strbuf_release(&path);
	return rc;
}

/* FNV-1a over the compiled expressions and their entries: names the patterns
 * that scored a message (with the model's checksum), so that a change of the
 * lexicons or of a case's names has messages scored again. */
static uint32_t list_checksum(const struct compile_list *l, uint32_t h)
{
	for (size_t i = 0; i < l->n; i++) {
		for (const char *p = l->exprs[i]; *p; p++)
			h = (h ^ (unsigned char)*p) * 16777619u;
		h = (h ^ l->ids[i]) * 16777619u;
	}
	return h;
}

/* list_checksum of the shipped patterns as if they were one list in the
 * files' order, as before they were split by lexicon_needs_digit: the
 * split changes no score, so it does not have messages scored again. */
static uint32_t lists_checksum(const struct compile_list lists[2], uint32_t h)
{
	size_t i = 0, j = 0;
	const struct compile_list *w = &lists[DB_WORDS], *d = &lists[DB_DIGITS];
	while (i < w->n || j < d->n) {
		bool from_w = j == d->n || (i < w->n && w->ids[i] < d->ids[j]);
		const struct compile_list one = {from_w ? &w->exprs[i] : &d->exprs[j], NULL,
		                                 from_w ? &w->ids[i] : &d->ids[j], 1, 1};
		h = list_checksum(&one, h);
		if (from_w)
			i++;
		else
			j++;
	}
	return h;
}

static char *cache_path(const struct compile_list lists[2])
{
	uint64_t h = 1469598103934665603ull;
	const char *v = hs_version();
	for (const char *p = v; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	for (int k = DB_WORDS; k <= DB_DIGITS; k++) {
		const struct compile_list *l = &lists[k];
		for (size_t i = 0; i < l->n; i++) {
			for (const char *p = l->exprs[i]; *p; p++)
				h = (h ^ (unsigned char)*p) * 1099511628211ull;
			h = (h ^ l->ids[i]) * 1099511628211ull;
			h = (h ^ l->flags[i]) * 1099511628211ull;
		}
		h = (h ^ 0xffu) * 1099511628211ull; /* where the first list ends */
	}
	const char *base = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	if (getenv("VIGIL_NO_CACHE") || (!base && !home))
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	if (base && *base)
		strbuf_addf(&sb, "%s/vigil", base);
	else
		strbuf_addf(&sb, "%s/.cache/vigil", home);
	if (dir_create_parents(sb.buf, 0700)) {
		error_clear();
		strbuf_release(&sb);
		return NULL;
	}
	/* "lexicon2": the file holds two databases (cache_load) */
	strbuf_addf(&sb, "/lexicon2-%016llx.hsdb", (unsigned long long)h);
	return strbuf_detach(&sb, NULL);
}

/* Each change of the lexicons (or of Vectorscan) names another cache file of
 * 10-20 MB; those not written for a week, other than the one just written,
 * are removed, so that upgrades do not fill an old laptop's disk. A week
 * spares the cache of a second data folder in use. */
enum { CACHE_KEEP_DAYS = 7 };

static void cache_prune(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return;
	struct strbuf dir = STRBUF_INIT;
	strbuf_add(&dir, path, (size_t)(slash - path));
	DIR *d = opendir(dir.buf);
	time_t now = time(NULL);
	for (struct dirent *de; d && (de = readdir(d));) {
		size_t k = strlen(de->d_name);
		if (strncmp(de->d_name, "lexicon", 7) || k < 5 ||
		    strcmp(de->d_name + k - 5, ".hsdb") || !strcmp(de->d_name, slash + 1))
			continue;
		struct strbuf old = STRBUF_INIT;
		strbuf_addf(&old, "%s/%s", dir.buf, de->d_name);
		struct stat st;
		if (!stat(old.buf, &st) && now - st.st_mtime > CACHE_KEEP_DAYS * 86400)
			unlink(old.buf); /* only a cache: a failure does not matter */
		strbuf_release(&old);
	}
	if (d)
		closedir(d);
	strbuf_release(&dir);
}

/* The cache file: u64 the size of the first database (db; 0 when there is
 * none), then it, then the second (db_digits), if any. */
static bool cache_load(struct lexicon *lx, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	bool ok = false;
	uint64_t n1 = 0;
	if (!file_read(path, 256u << 20, &sb) && sb.len > sizeof(n1)) {
		memcpy(&n1, sb.buf, sizeof(n1));
		const char *p = sb.buf + sizeof(n1);
		size_t rest = sb.len - sizeof(n1);
		ok = n1 <= rest &&
		     (!n1 || hs_deserialize_database(p, (size_t)n1, &lx->db) == HS_SUCCESS) &&
		     (n1 == rest || hs_deserialize_database(p + n1, rest - (size_t)n1,
		                                            &lx->db_digits) == HS_SUCCESS);
		if (!ok && lx->db) {
			hs_free_database(lx->db);
			lx->db = NULL;
		}
	}
	error_clear();
	strbuf_release(&sb);
	return ok;
}

static void cache_store(const struct lexicon *lx, const char *path)
{
	char *b1 = NULL, *b2 = NULL;
	size_t n1 = 0, n2 = 0;
	if ((!lx->db || hs_serialize_database(lx->db, &b1, &n1) == HS_SUCCESS) &&
	    (!lx->db_digits || hs_serialize_database(lx->db_digits, &b2, &n2) == HS_SUCCESS)) {
		struct strbuf sb = STRBUF_INIT;
		uint64_t len1 = n1;
		strbuf_add(&sb, &len1, sizeof(len1));
		if (b1)
			strbuf_add(&sb, b1, n1);
		if (b2)
			strbuf_add(&sb, b2, n2);
		if (file_write_atomic(path, sb.buf, sb.len, 0600))
			error_clear(); /* only a cache */
		else
			cache_prune(path);
		strbuf_release(&sb);
	}
	free(b1);
	free(b2);
}

/* Compiles a list of the shipped patterns; an error names the file and line
 * of the pattern that failed. */
static int compile_list_db(const struct lexicon *lx, const struct compile_list *l, const char *dir,
                           hs_database_t **db)
{
	hs_compile_error_t *err = NULL;
	int rc = 0;
	if (hs_compile_multi((const char *const *)l->exprs, l->flags, l->ids, (unsigned)l->n,
	                     HS_MODE_BLOCK, NULL, db, &err) != HS_SUCCESS) {
		if (err && err->expression >= 0) {
			const struct lex_entry *e = &lx->entries[l->ids[err->expression]];
			rc = error_set(VG_EFORMAT,
			               "%s/%s line %d: pattern '%s' does not compile: %s", dir,
			               e->file, e->line, e->pattern, err->message);
		} else {
			rc = error_set(VG_EINTERNAL, "compiling the lexicons failed: %s",
			               err ? err->message : "?");
		}
		hs_free_compile_error(err);
	}
	return rc;
}

static void list_release(struct compile_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->exprs[i]);
	free(l->exprs);
	free(l->flags);
	free(l->ids);
}

/* A case's name as a pattern: a literal (ASCII non-word characters escaped)
 * whose last word, when it has four letters or more and ends in a vowel, loses
 * that vowel, then "~": "малика" -> "малик~", which Russian and Uzbek
 * endings (Малике, Малику, Malikaga) follow. */
static char *family_pattern(const char *norm)
{
	struct strbuf lit = STRBUF_INIT;
	size_t n = strlen(norm), cut = n;
	const char *last = strrchr(norm, ' ');
	last = last ? last + 1 : norm;
	size_t letters = 0;
	for (const char *p = last; *p; p++)
		letters += ((unsigned char)*p & 0xc0) != 0x80;
	if (letters >= 4) {
		static const char *const vowels[] = {"a", "e", "i", "o", "u", "y", "а", "е",
		                                     "и", "о", "у", "ы", "я", "ю", "э"};
		for (size_t k = 0; k < ARRAY_SIZE(vowels); k++) {
			size_t vl = strlen(vowels[k]);
			if (n >= vl && !strcmp(norm + n - vl, vowels[k])) {
				cut = n - vl;
				break;
			}
		}
	}
	for (size_t i = 0; i < cut; i++) {
		char c = norm[i];
		if ((unsigned char)c < 0x80 &&
		    !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' '))
			strbuf_addch(&lit, '\\');
		strbuf_addch(&lit, c);
	}
	strbuf_addch(&lit, '~');
	return strbuf_detach(&lit, NULL);
}

int lexicon_load(struct lexicon *lx, const char *dir, const char *const *family_words)
{
	memset(lx, 0, sizeof(*lx));
	DIR *d = opendir(dir);
	if (!d)
		return error_set(VG_ENOTFOUND,
		                 "no lexicon folder %s; set VIGIL_DATA_DIR to Vigil's data folder",
		                 dir);
	char **names = NULL;
	size_t nnames = 0, ncap = 0, cap = 0;
	for (struct dirent *de; (de = readdir(d));) {
		size_t k = strlen(de->d_name);
		if (k > 4 && !strcmp(de->d_name + k - 4, ".tsv")) {
			xgrow((void **)&names, &ncap, nnames + 1, sizeof(*names));
			names[nnames++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	qsort(names, nnames, sizeof(*names), cmp_names);
	struct compile_list l[2] = {{0}, {0}}, lc = {0};
	int rc = 0;
	for (size_t i = 0; i < nnames && !rc; i++)
		rc = load_file(lx, &cap, l, dir, names[i]);
	for (size_t i = 0; family_words && family_words[i] && !rc; i++) {
		char *norm = normalize_string(family_words[i]);
		if (!*norm) {
			free(norm);
			continue;
		}
		/* the name as written, and in the other script (names in Uzbekistan
		 * are written in both); each as a stem, so that "Малика" also finds
		 * "Малике", "Малику" */
		bool latin = false;
		for (const char *p = norm; *p; p++)
			latin |= (*p >= 'a' && *p <= 'z');
		char *other = latin ? normalize_uz_to_cyrillic(norm) : normalize_uz_to_latin(norm);
		struct lex_entry e = {family_pattern(norm),
		                      xstrdup("(case)"),
		                      (int)i + 1,
		                      DCAT_FAMILY,
		                      3,
		                      "any",
		                      true};
		add_entry(lx, &cap, e);
		list_add(&lc, lexicon_expand(e.pattern, 0), (unsigned)(lx->n - 1));
		if (strcmp(other, norm)) {
			char *pat = family_pattern(other);
			list_add(&lc, lexicon_expand(pat, 0), (unsigned)(lx->n - 1));
			free(pat);
		}
		free(other);
		free(norm);
	}
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	if (!rc && l[DB_WORDS].n + l[DB_DIGITS].n == 0)
		rc = error_set(VG_ENOTFOUND, "no lexicon files (*.tsv) in %s", dir);
	if (!rc) {
		struct strbuf mp = STRBUF_INIT;
		strbuf_addf(&mp, "%s/masked-words.txt", dir);
		if (access(mp.buf, F_OK) == 0)
			rc = unmask_load(&lx->masks, mp.buf);
		strbuf_release(&mp);
	}
	/* Compiling takes a few seconds; the databases of the shipped public
	 * patterns are cached in $XDG_CACHE_HOME/vigil. A case's names are
	 * compiled apart, each time, and never written to disk. */
	char *cache = NULL;
	if (!rc) {
		cache = cache_path(l);
		lx->checksum = lists_checksum(l, list_checksum(&lc, 2166136261u));
		lx->checksum =
		    fnv1a32(lx->checksum, &lx->masks.checksum, sizeof(lx->masks.checksum));
	}
	if (!rc && cache && cache_load(lx, cache)) {
		free(cache);
		cache = NULL;
	} else if (!rc) {
		if (l[DB_WORDS].n)
			rc = compile_list_db(lx, &l[DB_WORDS], dir, &lx->db);
		if (!rc && l[DB_DIGITS].n)
			rc = compile_list_db(lx, &l[DB_DIGITS], dir, &lx->db_digits);
		if (!rc && cache)
			cache_store(lx, cache);
	}
	free(cache);
	if (!rc && lc.n) {
		hs_compile_error_t *err = NULL;
		if (hs_compile_multi((const char *const *)lc.exprs, lc.flags, lc.ids,
		                     (unsigned)lc.n, HS_MODE_BLOCK, NULL, &lx->db_case,
		                     &err) != HS_SUCCESS) {
			rc = error_set(VG_EINTERNAL, "compiling the case's names failed: %s",
			               err ? err->message : "?");
			hs_free_compile_error(err);
		}
	}
	list_release(&l[DB_WORDS]);
	list_release(&l[DB_DIGITS]);
	list_release(&lc);
	if (rc)
		lexicon_release(lx);
	return rc;
}

void lexicon_release(struct lexicon *lx)
{
	for (size_t i = 0; i < lx->n; i++) {
		free(lx->entries[i].pattern);
		free(lx->entries[i].file);
	}
	free(lx->entries);
	unmask_release(&lx->masks);
	if (lx->db)
		hs_free_database(lx->db);
	if (lx->db_digits)
		hs_free_database(lx->db_digits);
	if (lx->db_case)
		hs_free_database(lx->db_case);
	memset(lx, 0, sizeof(*lx));
}

int lexicon_scratch(const struct lexicon *lx, hs_scratch_t **scratch)
{
	*scratch = NULL;
	if ((lx->db && hs_alloc_scratch(lx->db, scratch) != HS_SUCCESS) ||
	    (lx->db_digits && hs_alloc_scratch(lx->db_digits, scratch) != HS_SUCCESS) ||
	    (lx->db_case && hs_alloc_scratch(lx->db_case, scratch) != HS_SUCCESS))
		return error_set(VG_EINTERNAL, "could not allocate the lexicon scratch space");
	return 0;
}

struct scan_ctx {
	const struct lexicon *lx;
	const char *text;
	size_t len;
	struct lex_hit *hits;
	size_t n, max;
};

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *ctx)
{
	(void)flags;
	struct scan_ctx *s = ctx;
	if (s->text[from] == ' ')
		from++; /* the boundary is not part of the word */
	if (to > from && s->text[to - 1] == ' ')
		to--;
	else if (s->lx->entries[id].open_end) /* the rest of the word */
		while (to < s->len && s->text[to] != ' ')
			to++;
	size_t lim = s->n < s->max ? s->n : s->max;
	for (size_t i = 0; i < lim; i++) {
		if (s->hits[i].entry == id && s->hits[i].start == from) {
			if (to > s->hits[i].end)
				s->hits[i].end = (size_t)to;
			return 0;
		}
	}
	struct lex_hit hit = {id, (size_t)from, (size_t)to};
	if (s->n < s->max) {
		s->hits[s->n] = hit;
	} else if (s->lx->entries[id].cat != DCAT_IDENTITY) {
		/* full: an abuse match takes the place of a group's name, so that
		 * a long text naming many groups cannot hide a threat */
		for (size_t i = 0; i < s->max; i++) {
			if (s->lx->entries[s->hits[i].entry].cat == DCAT_IDENTITY) {
				s->hits[i] = hit;
				break;
			}
		}
	}
	s->n++;
	return 0;
}

size_t lexicon_scan(const struct lexicon *lx, hs_scratch_t *scratch, const char *text, size_t len,
                    struct lex_hit *hits, size_t max)
{
	struct scan_ctx s = {lx, text, len, hits, 0, max};
	if (!len)
		return 0;
	if (lx->db)
		hs_scan(lx->db, text, (unsigned)len, 0, scratch, on_match, &s);
	if (lx->db_digits) {
		size_t i = 0;
		while (i < len && (unsigned char)(text[i] - '0') > 9)
			i++;
		if (i < len)
			hs_scan(lx->db_digits, text, (unsigned)len, 0, scratch, on_match, &s);
	}
	if (lx->db_case)
		hs_scan(lx->db_case, text, (unsigned)len, 0, scratch, on_match, &s);
	return s.n;
}
