#include "render/page.h"

#include <fcntl.h>
#include <unistd.h>

#include "records/date.h"
#include "render/html.h"
#include "util/fileio.h"
#include "util/util.h"

static const struct page_words words_en = {
    .lang = "en",
    .text_size = "Text size",
    .font = "Font",
    .sizes = {"Smaller", "Small", "Medium", "Big", "Bigger"},
    .fonts = {"Default", "Helvetica", "Segoe", "Georgia", "Times"},
    .statements = "Statements",
    .latest = "Latest statements",
    .by_country = "By country",
    .by_defender = "By defender",
    .signed_by = "Signed by",
    .standards = "International standards cited",
    .translations = "Also in",
    .about = "About",
    .timeline = "Timeline",
    .published_on = "site published on this day; the statement carries no date",
    .skip = "Skip to the text",
    .home = "All statements",
    .feed = "Atom feed",
    .kinds = {"Joint statement", "Urgent appeal", "Letter", "Submission to the UN"},
    .weekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
    .months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
};

static const struct page_words words_ru = {
    .lang = "ru",
    .text_size = "Размер текста",
    .font = "Шрифт",
    .sizes = {"Мельче", "Мелкий", "Средний", "Крупный", "Крупнее"},
    .fonts = {"Обычный", "Helvetica", "Segoe", "Georgia", "Times"},
    .statements = "Заявления",
    .latest = "Последние заявления",
    .by_country = "По странам",
    .by_defender = "По правозащитникам",
    .signed_by = "Подписали",
    .standards = "Международные стандарты",
    .translations = "На других языках",
    .about = "О правозащитнике",
    .timeline = "Хронология",
    .published_on = "дата публикации сайта; у заявления нет даты",
    .skip = "Перейти к тексту",
    .home = "Все заявления",
    .feed = "Лента Atom",
    .kinds = {"Совместное заявление", "Срочное обращение", "Письмо", "Обращение в ООН"},
    .weekdays = {"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"},
    .months = {"янв.", "февр.", "марта", "апр.", "мая", "июня", "июля", "авг.", "сент.", "окт.",
               "нояб.", "дек."},
};

/* Size steps and font stacks; index i of page_words.sizes / .fonts. */
static const char *const size_keys[5] = {"smaller", "small", "medium", "big", "bigger"};
static const char *const font_keys[5] = {"default", "helvetica", "segoe", "georgia", "times"};

const struct page_words *page_words(const char *lang)
{
	if (lang && !strcmp(lang, "ru"))
		return &words_ru;
	return &words_en;
}

const char *page_language_name(const char *lang)
{
	static const char *const names[][2] = {
	    {"en", "English"},  {"ru", "Русский"}, {"uz", "Oʻzbekcha"},
	    {"fr", "Français"}, {"es", "Español"}, {"de", "Deutsch"},
	};
	for (size_t i = 0; lang && i < ARRAY_SIZE(names); i++)
		if (!strcmp(names[i][0], lang))
			return names[i][1];
	return lang ? lang : "";
}

const char *page_kind_label(const struct page_words *w, const char *kind)
{
	static const char *const keys[4] = {"joint", "urgent-appeal", "letter", "un"};
	for (int i = 0; kind && i < 4; i++)
		if (!strcmp(kind, keys[i]))
			return w->kinds[i];
	return kind ? kind : "";
}

void page_date_label(const struct page_words *w, const char *date, struct strbuf *out)
{
	struct date_value v;
	if (!date || date_parse(date, &v)) {
		error_clear();
		return;
	}
	if (v.precision != DATE_DAY || v.is_range || v.approximate) {
		date_format_human(date, out);
		return;
	}
	long days;
	if (date_parse_day(v.from, &days)) {
		error_clear();
		return;
	}
	int y, m, d;
	date_from_days(days, &y, &m, &d);
	if (!strcmp(w->lang, "ru"))
		strbuf_addf(out, "%s, %d %s", w->weekdays[date_weekday(days)], d, w->months[m - 1]);
	else
		strbuf_addf(out, "%s, %s %d", w->weekdays[date_weekday(days)], w->months[m - 1], d);
}

/*
 * Runs in <head> before anything is painted: it reads the reader's choice
 * from localStorage (only the ten known values) and sets classes on <html>.
 * The same text is on every page; "js" tells the stylesheet that the buttons
 * work.
 */
static const char head_script[] =
    "(function(){var d=document.documentElement,c=' js';try{"
    "var s=localStorage.getItem('vigil.size'),f=localStorage.getItem('vigil.font');"
    "if(/^(smaller|small|medium|big|bigger)$/.test(s))c+=' fs-'+s;"
    "if(/^(default|helvetica|segoe|georgia|times)$/.test(f))c+=' ff-'+f;"
    "}catch(e){}d.className+=c;})();";

static const char site_js[] =
    "/* Vigil reader controls: text size and font, remembered in localStorage. */\n"
    "(function () {\n"
    "  'use strict';\n"
    "  var d = document.documentElement;\n"
    "  var known = {\n"
    "    size: ['smaller', 'small', 'medium', 'big', 'bigger'],\n"
    "    font: ['default', 'helvetica', 'segoe', 'georgia', 'times']\n"
    "  };\n"
    "  var prefix = { size: 'fs-', font: 'ff-' };\n"
    "  var fallback = { size: 'medium', font: 'default' };\n"
    "  function current(kind) {\n"
    "    var cls = d.className.split(/\\s+/);\n"
    "    for (var i = 0; i < cls.length; i++)\n"
    "      if (cls[i].indexOf(prefix[kind]) === 0) return cls[i].slice(3);\n"
    "    return fallback[kind];\n"
    "  }\n"
    "  function set(kind, value) {\n"
    "    if (known[kind].indexOf(value) < 0) value = fallback[kind];\n"
    "    var cls = d.className.split(/\\s+/).filter(function (c) {\n"
    "      return c && c.indexOf(prefix[kind]) !== 0;\n"
    "    });\n"
    "    cls.push(prefix[kind] + value);\n"
    "    d.className = cls.join(' ');\n"
    "    sync();\n"
    "  }\n"
    "  function sync() {\n"
    "    var b = document.querySelectorAll('button[data-size], button[data-font]');\n"
    "    for (var i = 0; i < b.length; i++) {\n"
    "      var kind = b[i].hasAttribute('data-size') ? 'size' : 'font';\n"
    "      var on = b[i].getAttribute('data-' + kind) === current(kind);\n"
    "      b[i].setAttribute('aria-pressed', on ? 'true' : 'false');\n"
    "    }\n"
    "  }\n"
    "  function load() {\n"
    "    try {\n"
    "      set('size', localStorage.getItem('vigil.size') || fallback.size);\n"
    "      set('font', localStorage.getItem('vigil.font') || fallback.font);\n"
    "    } catch (e) { sync(); }\n"
    "  }\n"
    "  document.addEventListener('click', function (e) {\n"
    "    var b = e.target.closest ? e.target.closest('button[data-size], button[data-font]') "
    ": null;\n"
    "    if (!b) return;\n"
    "    var kind = b.hasAttribute('data-size') ? 'size' : 'font';\n"
    "    var value = b.getAttribute('data-' + kind);\n"
    "    set(kind, value);\n"
    "    try { localStorage.setItem('vigil.' + kind, value); } catch (err) { /* private mode */ "
    "}\n"
    "  });\n"
    "  /* Another tab changed the choice, or the page came back from the history. */\n"
    "  window.addEventListener('storage', load);\n"
    "  window.addEventListener('pageshow', load);\n"
    "  load();\n"
    "})();\n";

static const char site_css[] =
    "/* Vigil public site. Sizes are in rem so that the reader's controls and the\n"
    "   browser's own text size both apply. No web fonts: every stack ends in a\n"
    "   generic family that the reader's system has. */\n"
    "html { font-size: 100%; line-height: 1.6; color: #1b1b1b; background: #fff;\n"
    "  font-family: system-ui, -apple-system, \"Noto Sans\", \"DejaVu Sans\", sans-serif; }\n"
    "html.fs-smaller, html:has(#nj-fs-smaller:checked) { font-size: 81.25%; }\n"
    "html.fs-small, html:has(#nj-fs-small:checked) { font-size: 90%; }\n"
    "html.fs-medium, html:has(#nj-fs-medium:checked) { font-size: 100%; }\n"
    "html.fs-big, html:has(#nj-fs-big:checked) { font-size: 118.75%; }\n"
    "html.fs-bigger, html:has(#nj-fs-bigger:checked) { font-size: 137.5%; }\n"
    "html.ff-default, html:has(#nj-ff-default:checked) {\n"
    "  font-family: system-ui, -apple-system, \"Noto Sans\", \"DejaVu Sans\", sans-serif; }\n"
    "html.ff-helvetica, html:has(#nj-ff-helvetica:checked) {\n"
    "  font-family: Helvetica, \"Helvetica Neue\", Arial, \"Liberation Sans\", sans-serif; }\n"
    "html.ff-segoe, html:has(#nj-ff-segoe:checked) {\n"
    "  font-family: \"Segoe UI\", Tahoma, \"DejaVu Sans Condensed\", sans-serif; }\n"
    "html.ff-georgia, html:has(#nj-ff-georgia:checked) {\n"
    "  font-family: Georgia, \"DejaVu Serif\", serif; }\n"
    "html.ff-times, html:has(#nj-ff-times:checked) {\n"
    "  font-family: \"Times New Roman\", Times, \"Liberation Serif\", serif; }\n"
    "body { margin: 0; font-size: 1rem; }\n"
    ".skip { position: absolute; left: -999em; }\n"
    ".skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 2; }\n"
    "header.site { border-bottom: 1px solid #ccc; background: #f6f6f4; }\n"
    ".bar { max-width: 46rem; margin: 0 auto; padding: .5rem 1rem; display: flex;\n"
    "  flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }\n"
    ".date { margin: 0; font-weight: 600; }\n"
    ".controls { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }\n"
    "html:not(.js) .controls { display: none; }\n"
    ".controls [role=group], .nojs fieldset { display: flex; flex-wrap: wrap; gap: .25rem;\n"
    "  align-items: center; border: 0; margin: 0; padding: 0; }\n"
    ".rc-label, .nojs legend { font-size: .875rem; color: #444; margin-right: .25rem;\n"
    "  float: left; padding: 0; }\n"
    ".controls button { font: inherit; font-size: .875rem; padding: .15rem .5rem;\n"
    "  border: 1px solid #767676; border-radius: .25rem; background: #fff; color: #1b1b1b;\n"
    "  cursor: pointer; }\n"
    ".controls button[aria-pressed=true] { background: #1d3f72; border-color: #1d3f72;\n"
    "  color: #fff; }\n"
    ".controls button:focus-visible, a:focus-visible, .nojs input:focus-visible + label {\n"
    "  outline: 3px solid #c25400; outline-offset: 2px; }\n"
    ".nojs { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; font-size: .875rem; }\n"
    ".nojs label { margin-right: .5rem; }\n"
    "nav.top { max-width: 46rem; margin: 0 auto; padding: 0 1rem .5rem; font-size: .9rem; }\n"
    "nav.top a { margin-right: 1rem; }\n"
    "main { max-width: 46rem; margin: 0 auto; padding: 1rem 1rem 3rem; }\n"
    "h1 { font-size: 1.75rem; line-height: 1.25; margin: 1rem 0; }\n"
    "h2 { font-size: 1.3rem; margin-top: 2rem; }\n"
    "h3 { font-size: 1.1rem; }\n"
    "a { color: #1d3f72; }\n"
    ".kind, .meta { color: #444; font-size: .95rem; }\n"
    ".signatories li, .list li { margin: .25rem 0; }\n"
    "blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 4px solid #ccc; }\n"
    ".timeline svg { max-width: 100%; height: auto; }\n"
    "table { border-collapse: collapse; }\n"
    "td, th { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left;\n"
    "  vertical-align: top; }\n"
    "footer { max-width: 46rem; margin: 0 auto; padding: 1rem; color: #444;\n"
    "  font-size: .875rem; border-top: 1px solid #ccc; }\n"
    "@media print {\n"
    "  header.site .controls, header.site .nojs, nav.top, .skip, .translations { display: "
    "none; }\n"
    "  header.site { background: none; border: 0; }\n"
    "  html { font-size: 11pt; color: #000; }\n"
    "  main, .bar, footer { max-width: none; padding: 0; }\n"
    "  a { color: #000; text-decoration: none; }\n"
    "  h1, h2, h3 { break-after: avoid; }\n"
    "  blockquote, li { break-inside: avoid; }\n"
    "}\n";

const char *page_css(void)
{
	return site_css;
}

static int write_file(const char *dir, const char *name, const char *data)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, name);
	int rc = file_write_atomic(path.buf, data, strlen(data), 0644);
	strbuf_release(&path);
	return rc;
}

int page_write_assets(const char *dir)
{
	int rc = write_file(dir, "site.css", site_css);
	return rc ? rc : write_file(dir, "site.js", site_js);
}

static void controls(struct strbuf *sb, const struct page_words *w)
{
	html_addf(sb,
	          "<div class=\"controls\">"
	          "<div role=\"group\" aria-labelledby=\"rc-size\">"
	          "<span class=\"rc-label\" id=\"rc-size\">%s</span>",
	          w->text_size);
	for (int i = 0; i < 5; i++)
		html_addf(
		    sb, "<button type=\"button\" data-size=\"%s\" aria-pressed=\"%s\">%s</button>",
		    size_keys[i], i == 2 ? "true" : "false", w->sizes[i]);
	html_addf(sb,
	          "</div><div role=\"group\" aria-labelledby=\"rc-font\">"
	          "<span class=\"rc-label\" id=\"rc-font\">%s</span>",
	          w->font);
	for (int i = 0; i < 5; i++)
		html_addf(
		    sb, "<button type=\"button\" data-font=\"%s\" aria-pressed=\"%s\">%s</button>",
		    font_keys[i], i == 0 ? "true" : "false", w->fonts[i]);
	html_raw(sb, "</div></div>");
	/* Without JavaScript: the same choices as radio buttons that CSS (:has)
	 * applies to this page; they cannot be remembered without a script. */
	html_addf(sb, "<noscript><div class=\"nojs\"><fieldset><legend>%s</legend>", w->text_size);
	for (int i = 0; i < 5; i++)
		html_addf(sb,
		          "<input type=\"radio\" name=\"nj-fs\" id=\"nj-fs-%s\"%R>"
		          "<label for=\"nj-fs-%s\">%s</label>",
		          size_keys[i], i == 2 ? " checked" : "", size_keys[i], w->sizes[i]);
	html_addf(sb, "</fieldset><fieldset><legend>%s</legend>", w->font);
	for (int i = 0; i < 5; i++)
		html_addf(sb,
		          "<input type=\"radio\" name=\"nj-ff\" id=\"nj-ff-%s\"%R>"
		          "<label for=\"nj-ff-%s\">%s</label>",
		          font_keys[i], i == 0 ? " checked" : "", font_keys[i], w->fonts[i]);
	html_raw(sb, "</fieldset></div></noscript>");
}

void page_begin(struct strbuf *sb, const struct page_head *h)
{
	const struct page_words *w = page_words(h->lang);
	html_addf(sb,
	          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	          "<meta name=\"referrer\" content=\"no-referrer\">\n"
	          "<title>%s</title>\n<script>%R</script>\n",
	          h->lang ? h->lang : "en", h->title, head_script);
	if (h->standalone)
		html_addf(sb, "<style>\n%R</style>\n", site_css);
	else
		html_addf(
		    sb,
		    "<link rel=\"stylesheet\" href=\"%ssite.css\">\n"
		    "<script src=\"%ssite.js\" defer></script>\n"
		    "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"%sfeed.xml\" "
		    "title=\"%s\">\n",
		    h->root, h->root, h->root, w->feed);
	html_addf(sb,
	          "%R</head>\n<body>\n<a class=\"skip\" href=\"#main\">%s</a>\n"
	          "<header class=\"site\"><div class=\"bar\">",
	          h->alternates ? h->alternates : "", w->skip);
	struct strbuf label = STRBUF_INIT;
	page_date_label(w, h->date, &label);
	if (label.len) {
		char iso[11] = "";
		if (h->date)
			snprintf(iso, sizeof(iso), "%.10s",
			         h->date[0] == '~' ? h->date + 1 : h->date);
		html_addf(sb, "<p class=\"date\"><time datetime=\"%s\"%R%s%R>%s</time></p>", iso,
		          h->date_is_published ? " title=\"" : "",
		          h->date_is_published ? w->published_on : NULL,
		          h->date_is_published ? "\"" : "", label.buf);
	}
	strbuf_release(&label);
	controls(sb, w);
	if (h->standalone) {
		html_raw(sb, "</div></header>\n<main id=\"main\">\n");
		return;
	}
	html_addf(sb,
	          "</div><nav class=\"top\"><a href=\"%sindex.html\">%s</a>"
	          "<a href=\"%sfeed.xml\">%s</a></nav></header>\n<main id=\"main\">\n",
	          h->root, w->home, h->root, w->feed);
}

void page_end(struct strbuf *sb, const struct page_head *h)
{
	html_raw(sb, "</main>\n<footer><p>Published with Vigil.</p></footer>\n");
	if (h->standalone)
		html_addf(sb, "<script>\n%R</script>\n", site_js);
	html_raw(sb, "</body>\n</html>\n");
}
