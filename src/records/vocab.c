#include "records/vocab.h"

#include "util/datadir.h"
#include "util/fileio.h"
#include "util/util.h"

struct term {
	char *code;
	char *label;
};

struct vocab {
	char *name;
	struct term *terms;
	size_t n, cap;
	bool loaded;
};

static struct vocab *cache;
static size_t ncache, capcache;

static struct vocab *vocab_load(const char *name)
{
	for (size_t i = 0; i < ncache; i++)
		if (!strcmp(cache[i].name, name))
			return &cache[i];
	xgrow((void **)&cache, &capcache, ncache + 1, sizeof(*cache));
	struct vocab *v = &cache[ncache++];
	memset(v, 0, sizeof(*v));
	v->name = xstrdup(name);
	struct strbuf rel = STRBUF_INIT, file = STRBUF_INIT;
	strbuf_addf(&rel, "vocab/%s.tsv", name);
	char *path = datadir_file(rel.buf);
	if (file_read(path, 1 << 20, &file) == 0) {
		v->loaded = true;
		char *save = NULL;
		for (char *line = strtok_r(file.buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			if (line[0] == '#' || !line[0])
				continue;
			char *tab = strchr(line, '\t');
			char *label_end = tab ? strchr(tab + 1, '\t') : NULL;
			xgrow((void **)&v->terms, &v->cap, v->n + 1, sizeof(*v->terms));
			struct term *t = &v->terms[v->n++];
			t->code = tab ? xstrndup(line, (size_t)(tab - line)) : xstrdup(line);
			t->label =
			    tab ? (label_end ? xstrndup(tab + 1, (size_t)(label_end - tab - 1))
			                     : xstrdup(tab + 1))
			        : xstrdup(t->code);
		}
	}
	free(path);
	strbuf_release(&rel);
	strbuf_release(&file);
	return v;
}

int vocab_check(const char *name, const char *code)
{
	struct vocab *v = vocab_load(name);
	if (!v->loaded)
		return error_set(VG_EIO,
		                 "vocabulary '%s' not found in %s/vocab; set VIGIL_DATA_DIR to "
		                 "Vigil's data folder",
		                 name, datadir());
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->terms[i].code, code))
			return 0;
	struct strbuf some = STRBUF_INIT;
	for (size_t i = 0; i < v->n && i < 12; i++)
		strbuf_addf(&some, "%s%s", i ? ", " : "", v->terms[i].code);
	int rc =
	    error_set(VG_EINVALID, "'%s' is not in the vocabulary %s (data/vocab/%s.tsv): %s%s",
	              code, name, name, some.buf, v->n > 12 ? ", ..." : "");
	strbuf_release(&some);
	return rc;
}

const char *vocab_label(const char *name, const char *code)
{
	struct vocab *v = vocab_load(name);
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->terms[i].code, code))
			return v->terms[i].label;
	return code;
}
