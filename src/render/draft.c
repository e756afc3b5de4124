#include "render/draft.h"

#include "records/date.h"
#include "records/vocab.h"
#include "util/util.h"

struct words {
	const char *title[4]; /* joint, urgent-appeal, letter, un: "%s" is the name */
	const char *opening[4];
	const char *her, *her_obj; /* by sex: female */
	const char *his, *him;
	const char *their, *them;
	const char *happened, *complained, *asked, *no_reply, *answered, *work, *standards;
	const char *demands, *demand[4], *defender;
	const char *deadline_passed; /* the rule's citation, the due date */
};

static const struct words en = {
    .title = {"Joint statement: the safety of human rights defender %s",
              "Urgent appeal: human rights defender %s at risk",
              "Letter to the authorities about the safety of human rights defender %s",
              "Submission to the UN Special Rapporteur on human rights defenders: %s"},
    .opening = {"The undersigned organisations are concerned about the safety of human rights "
                "defender %s and call on the authorities to swiftly protect %s and %s family, "
                "investigate the allegations and bring the perpetrator/s to justice.",
                "We urgently appeal for the protection of human rights defender %s, who is at "
                "risk. We call on the authorities to protect %s and %s family at once, "
                "investigate the allegations and bring the perpetrator/s to justice.",
                "We are writing to you about the safety of human rights defender %s. We ask you "
                "to protect %s and %s family, to investigate the allegations and to bring the "
                "perpetrator/s to justice.",
                "We submit the case of human rights defender %s for an urgent appeal. We ask the "
                "Special Rapporteur to call on the authorities to protect %s and %s family, "
                "investigate the allegations and bring the perpetrator/s to justice."},
    .her = "her",
    .her_obj = "her",
    .his = "his",
    .him = "him",
    .their = "their",
    .them = "them",
    .happened = "What happened",
    .complained = "On %s, %s submitted %s to %s.",
    .asked = "%s asked the authorities: %s",
    .no_reply = "To date there has been no reply.",
    .answered = "The answer: %s%s%s.",
    .work = "%s has worked as %s.",
    .standards = "%s (%s) recommended: “%s”.",
    .demands = "We call on the authorities%s%s to:",
    .demand = {"take immediate measures to protect %s and %s family;",
               "carry out a prompt, thorough, impartial and independent investigation into "
               "the threats and harassment against %s;",
               "identify those responsible and bring them to justice in fair proceedings;",
               "ensure that %s can carry out %s human rights work without fear of reprisals."},
    .defender = "human rights defender",
    .deadline_passed = "The time the law allows for an answer (%s) ran out on %s.",
};

static const struct words ru = {
    .title = {"Совместное заявление: безопасность правозащитницы %s",
              "Срочное обращение: правозащитница %s в опасности",
              "Письмо властям о безопасности правозащитницы %s",
              "Обращение к Специальному докладчику ООН по вопросу о положении правозащитников: "
              "%s"},
    .opening = {"Нижеподписавшиеся организации обеспокоены безопасностью правозащитника "
                "(правозащитницы) %s и призывают власти незамедлительно защитить %s и %s семью, "
                "расследовать обвинения и привлечь виновных к ответственности.",
                "Мы срочно призываем защитить правозащитника (правозащитницу) %s. Мы призываем "
                "власти немедленно защитить %s и %s семью, расследовать обвинения и привлечь "
                "виновных к ответственности.",
                "Мы обращаемся к вам в связи с безопасностью правозащитника (правозащитницы) %s. "
                "Просим защитить %s и %s семью, расследовать обвинения и привлечь виновных к "
                "ответственности.",
                "Мы представляем дело правозащитника (правозащитницы) %s для срочного обращения. "
                "Просим Специального докладчика призвать власти защитить %s и %s семью, "
                "расследовать обвинения и привлечь виновных к ответственности."},
    .her = "её",
    .her_obj = "её",
    .his = "его",
    .him = "его",
    .their = "их",
    .them = "их",
    .happened = "Что произошло",
    .complained = "%s %s обратил(ась) в %s (%s).",
    .asked = "%s просил(а) власти: %s",
    .no_reply = "До сих пор ответа нет.",
    .answered = "Ответ: %s%s%s.",
    .work = "%s работает как %s.",
    .standards = "%s (%s) рекомендовал: «%s».",
    .demands = "Мы призываем власти%s%s:",
    .demand = {"принять незамедлительные меры для защиты %s и %s семьи;",
               "провести оперативное, тщательное, беспристрастное и независимое расследование "
               "угроз и преследования в отношении %s;",
               "установить виновных и привлечь их к ответственности в ходе справедливого "
               "разбирательства;",
               "обеспечить, чтобы %s мог(ла) продолжать %s правозащитную работу без страха "
               "репрессий."},
    .defender = "правозащитник",
    .deadline_passed = "Установленный законом срок для ответа (%s) истёк %s.",
};

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int kind_index(const char *kind)
{
	static const char *const kinds[4] = {"joint", "urgent-appeal", "letter", "un"};
	for (int i = 0; i < 4; i++)
		if (!strcmp(kind, kinds[i]))
			return i;
	return -1;
}

/* A field the public may see, else NULL (and noted as left out). */
static const char *shown(struct redact *r, const char *kind, const json_t *rec, const char *f)
{
	if (!rec || !json_object_get(rec, f))
		return NULL;
	if (!redact_field_ok(r, kind, rec, f)) {
		redact_omit(r, kind, rec, f);
		return NULL;
	}
	return str(rec, f);
}

static bool visible(struct redact *r, const char *kind, const json_t *rec)
{
	if (!rec)
		return false;
	if (redact_may_show(r, rec))
		return true;
	redact_omit(r, kind, rec, NULL);
	return false;
}

/* The format strings of the tables take only %s; the pronoun order is fixed. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}
#pragma GCC diagnostic pop

int draft_statement(const json_t *m, const char *kind, const char *lang, struct redact *r,
                    struct strbuf *title, struct strbuf *body)
{
	int ki = kind_index(kind);
	if (ki < 0)
		return error_set(VG_EUSAGE,
		                 "unknown kind '%s'; use joint, urgent-appeal, letter or un", kind);
	if (strcmp(lang, "en") && strcmp(lang, "ru"))
		return error_set(VG_EUSAGE, "drafts are written in en or ru, not '%s'", lang);
	const struct words *w = !strcmp(lang, "ru") ? &ru : &en;
	const json_t *c = json_object_get(m, "case");
	const json_t *def = json_object_get(m, "defender");
	if (!visible(r, "case", c))
		return error_set(VG_ELEAK,
		                 "case %s is not public, so nothing of it may go into a public "
		                 "statement; mark it public first if it may",
		                 str(c, "id"));
	if (!def || !visible(r, "person", def) || !shown(r, "person", def, "name"))
		return error_set(VG_EINVALID,
		                 "case %s has no defender the public may know; set the case's "
		                 "--defender to a public person",
		                 str(c, "id"));
	const char *name = str(def, "name");
	const char *sex = shown(r, "person", def, "sex");
	bool f = sex && !strcmp(sex, "female"), mm = sex && !strcmp(sex, "male");
	const char *her = f ? w->her : mm ? w->his : w->their;
	const char *her_obj = f ? w->her_obj : mm ? w->him : w->them;
	const char *country = shown(r, "case", c, "country");

	addf(title, w->title[ki], name);
	addf(body, w->opening[ki], name, her_obj, her);
	strbuf_adds(body, "\n\n");

	/* What happened, in date order (the model is sorted by date). */
	size_t i, j, k;
	json_t *ev, *act, *inv;
	json_array_foreach(json_object_get(m, "events"), i, ev)
	{
		if (!visible(r, "event", ev))
			continue;
		const char *date = shown(r, "event", ev, "date");
		const char *desc = shown(r, "event", ev, "description");
		const char *evtitle = shown(r, "event", ev, "title");
		struct strbuf when = STRBUF_INIT;
		date_format_human(date, &when);
		strbuf_addf(body, "- %s%s%s", when.buf, when.len ? ": " : "",
		            desc ? desc : evtitle);
		/* Alleged perpetrators, once per event. */
		json_t *who = json_array();
		json_array_foreach(json_object_get(ev, "acts"), j, act)
		{
			if (!visible(r, "act", act))
				continue;
			json_array_foreach(json_object_get(act, "involvements"), k, inv)
			{
				if (!visible(r, "involvement", inv))
					continue;
				const char *alias = shown(r, "involvement", inv, "alias");
				const char *d = shown(r, "involvement", inv, "description");
				struct strbuf one = STRBUF_INIT;
				if (alias)
					strbuf_addf(&one, "“%s”", alias);
				else if (d)
					strbuf_adds(&one, d);
				bool dup = !one.len;
				size_t x;
				json_t *y;
				json_array_foreach(who, x, y) dup =
				    dup || !strcmp(json_string_value(y), one.buf);
				if (!dup)
					json_array_append_new(who, json_string(one.buf));
				strbuf_release(&one);
			}
		}
		if (json_array_size(who)) {
			strbuf_adds(body, !strcmp(lang, "ru") ? " (предполагаемые виновные: "
			                                      : " (alleged perpetrator: ");
			json_t *y;
			json_array_foreach(who, k, y)
			    strbuf_addf(body, "%s%s", k ? ", " : "", json_string_value(y));
			strbuf_adds(body, ")");
		}
		json_decref(who);
		if (body->buf[body->len - 1] != '.' && body->buf[body->len - 1] != ')')
			strbuf_addch(body, '.');
		strbuf_addch(body, '\n');
		strbuf_release(&when);
	}
	strbuf_addch(body, '\n');

	/* Complaints: who was asked what, and whether they answered. Complaints of
	 * one day with the same request and answer make one sentence. */
	json_t *cs = json_object_get(m, "complaints");
	json_t *done = json_object();
	json_array_foreach(cs, i, ev)
	{
		if (json_object_get(done, str(ev, "id")) || !visible(r, "complaint", ev))
			continue;
		const char *filed = shown(r, "complaint", ev, "date_filed");
		const char *req = shown(r, "complaint", ev, "request");
		const char *resp = shown(r, "complaint", ev, "response");
		json_t *to = json_array();
		json_array_foreach(cs, j, act)
		{
			if (j < i || json_object_get(done, str(act, "id")) ||
			    !redact_may_show(r, act))
				continue;
			const char *f2 = shown(r, "complaint", act, "date_filed");
			const char *r2 = shown(r, "complaint", act, "request");
			const char *a2 = shown(r, "complaint", act, "response");
			if (!((!f2 && !filed) || (f2 && filed && !strcmp(f2, filed))) ||
			    !((!r2 && !req) || (r2 && req && !strcmp(r2, req))) ||
			    !((!a2 && !resp) || (a2 && resp && !strcmp(a2, resp))))
				continue;
			json_object_set_new(done, str(act, "id"), json_true());
			const json_t *org = json_object_get(act, "authority_rec");
			const char *nm =
			    org && visible(r, "org", org) ? shown(r, "org", org, "name") : NULL;
			if (nm)
				json_array_append_new(to, json_string(nm));
		}
		struct strbuf when = STRBUF_INIT, orgs = STRBUF_INIT;
		date_format_human(filed, &when);
		size_t n = json_array_size(to);
		json_t *x;
		json_array_foreach(to, k, x)
		{
			const char *sep = k == 0       ? ""
			                  : k + 1 == n ? (!strcmp(lang, "ru") ? " и " : " and ")
			                               : ", ";
			strbuf_addf(&orgs, "%s%s%s", sep, strcmp(lang, "ru") ? "the " : "",
			            json_string_value(x));
		}
		if (!n)
			strbuf_adds(&orgs,
			            !strcmp(lang, "ru") ? "органы власти" : "the authorities");
		if (!strcmp(lang, "ru"))
			addf(body, w->complained, when.buf, name, orgs.buf,
			     n > 1 ? "жалобы" : "жалоба");
		else
			addf(body, w->complained, when.buf, name,
			     n > 1 ? "complaints" : "a complaint", orgs.buf);
		if (req) {
			const char *subject = !strcmp(lang, "ru") ? name
			                      : f                 ? "She"
			                      : mm                ? "He"
			                                          : name;
			strbuf_addch(body, ' ');
			addf(body, w->asked, subject, req);
		}
		strbuf_addch(body, ' ');
		if (!resp || !strcmp(resp, "no-reply")) {
			strbuf_adds(body, w->no_reply);
			const json_t *dl = json_object_get(ev, "deadline");
			if (str(dl, "status") && !strcmp(str(dl, "status"), "overdue") &&
			    str(dl, "due") && str(dl, "cite")) {
				struct strbuf due = STRBUF_INIT;
				date_format_human(str(dl, "due"), &due);
				strbuf_addch(body, ' ');
				addf(body, w->deadline_passed, str(dl, "cite"), due.buf);
				strbuf_release(&due);
			}
		} else {
			struct strbuf rd = STRBUF_INIT;
			date_format_human(shown(r, "complaint", ev, "response_date"), &rd);
			addf(body, w->answered, vocab_label("response-types", resp),
			     rd.len ? ", " : "", rd.buf);
			strbuf_release(&rd);
		}
		strbuf_adds(body, "\n\n");
		strbuf_release(&when);
		strbuf_release(&orgs);
		json_decref(to);
	}
	json_decref(done);

	/* The defender and her work. */
	const char *bio = shown(r, "person", def, "biography");
	const char *occ = shown(r, "person", def, "occupation");
	if (bio)
		strbuf_addf(body, "%s\n\n", bio);
	else if (occ) {
		addf(body, w->work, name, occ);
		strbuf_adds(body, "\n\n");
	}

	/* The standards. */
	json_array_foreach(json_object_get(m, "references"), i, ev)
	{
		if (!visible(r, "reference", ev))
			continue;
		const char *text = shown(r, "reference", ev, "text");
		const char *b = shown(r, "reference", ev, "body");
		if (!text || !b)
			continue;
		struct strbuf cite = STRBUF_INIT, when = STRBUF_INIT;
		date_format_human(shown(r, "reference", ev, "date"), &when);
		strbuf_addf(&cite, "%s%s%s",
		            shown(r, "reference", ev, "symbol") ? str(ev, "symbol") : "",
		            when.len ? ", " : "", when.buf);
		if (shown(r, "reference", ev, "paragraph"))
			strbuf_addf(&cite, ", para. %s", str(ev, "paragraph"));
		addf(body, w->standards, b, cite.buf, text);
		strbuf_adds(body, "\n\n");
		strbuf_release(&cite);
		strbuf_release(&when);
	}

	/* The demands. */
	struct strbuf of = STRBUF_INIT;
	if (country)
		strbuf_addf(&of, "%s%s", !strcmp(lang, "ru") ? " " : " of ", country);
	addf(body, w->demands, of.buf, "");
	strbuf_release(&of);
	strbuf_adds(body, "\n\n");
	strbuf_adds(body, "1. ");
	addf(body, w->demand[0], her_obj, her);
	strbuf_adds(body, "\n2. ");
	addf(body, w->demand[1], her_obj);
	strbuf_adds(body, "\n3. ");
	strbuf_adds(body, w->demand[2]);
	strbuf_adds(body, "\n4. ");
	addf(body, w->demand[3], name, her);
	strbuf_addch(body, '\n');
	return 0;
}
