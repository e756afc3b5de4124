/*
 * kinds.c - the record kinds and their fields, after HURIDOCS ESF (see
 * ../shared/reference/domain.md §1). This table drives validation, storage,
 * the case file format, the CLI's flags and what `show` prints: a new field is
 * one line here.
 */
#include "records/records.h"
#include "util/util.h"

#define F(...)                                                                                     \
	{                                                                                          \
		__VA_ARGS__                                                                        \
	}
#define KIND_FIELDS(arr) arr, ARRAY_SIZE(arr)

static const struct field_desc person_fields[] = {
    F("name", FIELD_TEXT, FIELD_REQUIRED, NULL, "name as the person uses it"),
    F("other_names", FIELD_TEXTLIST, 0, NULL, "other names, spellings or aliases"),
    F("counting_unit", FIELD_CHOICE, 0, "individual|group", "an individual or a group"),
    F("sex", FIELD_CHOICE, 0, "female|male|other|unknown", NULL),
    F("birth_date", FIELD_DATE, FIELD_SENSITIVE, NULL, NULL),
    F("occupation", FIELD_TEXT, 0, NULL, "e.g. human rights defender, orientalist scholar"),
    F("status", FIELD_VOCAB, 0, "person-status", "defender, journalist, lawyer, relative, ..."),
    F("country", FIELD_TEXT, 0, NULL, NULL),
    F("deceased", FIELD_BOOL, 0, NULL, "the person has died"),
    F("address", FIELD_TEXT, FIELD_SENSITIVE, NULL, NULL),
    F("phone", FIELD_TEXT, FIELD_SENSITIVE, NULL, NULL),
    F("contact", FIELD_TEXT, FIELD_SENSITIVE, NULL, "e-mail, messenger handle"),
    F("biography", FIELD_LONGTEXT, 0, NULL, "who the person is and their work"),
    F("notes", FIELD_LONGTEXT, 0, NULL, NULL),
};

static const struct field_desc organisation_fields[] = {
    F("name", FIELD_TEXT, FIELD_REQUIRED, NULL, NULL),
    F("acronym", FIELD_TEXT, 0, NULL, NULL),
    F("type", FIELD_VOCAB, FIELD_REQUIRED, "organisation-types", "ngo, state-body, platform, ..."),
    F("country", FIELD_TEXT, 0, NULL, NULL),
    F("website", FIELD_TEXT, 0, NULL, NULL),
    F("notes", FIELD_LONGTEXT, 0, NULL, NULL),
};

static const struct field_desc reference_fields[] = {
    F("body", FIELD_TEXT, FIELD_REQUIRED, NULL, "who issued it, e.g. UN Human Rights Committee"),
    F("title", FIELD_TEXT, 0, NULL, NULL),
    F("symbol", FIELD_TEXT, 0, NULL, "document symbol, e.g. CCPR/C/UZB/CO/5"),
    F("date", FIELD_DATE, 0, NULL, "when it was adopted or issued"),
    F("paragraph", FIELD_TEXT, 0, NULL, NULL),
    F("text", FIELD_LONGTEXT, 0, NULL, "the quoted text"),
    F("url", FIELD_TEXT, 0, NULL, NULL),
    F("verified", FIELD_BOOL, 0, NULL, "the quote was checked against the official text"),
    F("notes", FIELD_LONGTEXT, 0, NULL, NULL),
};

static const struct field_desc relationship_fields[] = {
    F("person", FIELD_REF, FIELD_REQUIRED | FIELD_PARENT, "person", "the person who is ..."),
    F("type", FIELD_VOCAB, FIELD_REQUIRED, "relationship-types", "... the son, mother, ... of"),
    F("related", FIELD_REF, FIELD_REQUIRED, "person", "... this person"),
    F("notes", FIELD_LONGTEXT, 0, NULL, NULL),
};

static const struct field_desc case_fields[] = {
    F("title", FIELD_TEXT, FIELD_REQUIRED, NULL, NULL),
    F("defender", FIELD_REF, 0, "person", "the defender the case is about"),
    F("country", FIELD_TEXT, 0, NULL, NULL),
    F("opened", FIELD_DATE, 0, NULL, NULL),
    F("status", FIELD_CHOICE, 0, "open|monitoring|closed", NULL),
    F("summary", FIELD_LONGTEXT, 0, NULL, NULL),
    F("consent", FIELD_TEXT, 0, NULL,
      "who consented to what: publication, a UN submission (e.g. the defender, in writing)"),
    F("consent_date", FIELD_DATE, 0, NULL, "when the consent was given"),
};

static const struct field_desc event_fields[] = {
    F("case", FIELD_REF, FIELD_REQUIRED | FIELD_PARENT, "case", NULL),
    F("title", FIELD_TEXT, FIELD_REQUIRED, NULL, NULL),
    F("date", FIELD_DATE, 0, NULL, "when it happened (a day, month, year, range, ~approx)"),
    F("place", FIELD_TEXT, FIELD_SENSITIVE, NULL, NULL),
    F("platform", FIELD_REF, 0, "org", "where online it happened (a platform or messenger)"),
    F("description", FIELD_LONGTEXT, 0, NULL, NULL),
    F("source", FIELD_TEXT, 0, NULL, "where the information comes from"),
    F("reliability", FIELD_CHOICE, 0, "reported|corroborated|confirmed", NULL),
};

static const struct field_desc act_fields[] = {
    F("event", FIELD_REF, FIELD_REQUIRED | FIELD_PARENT, "event", NULL),
    F("victim", FIELD_REF, FIELD_REQUIRED, "person", NULL),
    F("type", FIELD_VOCAB, FIELD_REQUIRED, "act-types", "threat, online-harassment, ..."),
    F("date", FIELD_DATE, 0, NULL, "when, if not the event's date"),
    F("description", FIELD_LONGTEXT, 0, NULL, NULL),
};

static const struct field_desc involvement_fields[] = {
    F("act", FIELD_REF, FIELD_REQUIRED | FIELD_PARENT, "act", NULL),
    F("perpetrator", FIELD_REF, 0, "person", "a known person"),
    F("alias", FIELD_TEXT, 0, NULL, "an account name or nickname, e.g. LONDON"),
    F("description", FIELD_TEXT, 0, NULL, "e.g. unknown occupants of a white car"),
    F("perpetrator_type", FIELD_VOCAB, 0, "perpetrator-types", NULL),
    F("degree", FIELD_VOCAB, 0, "involvement-degrees", NULL),
    F("certainty", FIELD_CHOICE, 0, "alleged|suspected|confirmed", NULL),
};

static const struct field_desc complaint_fields[] = {
    F("case", FIELD_REF, FIELD_REQUIRED | FIELD_PARENT, "case", NULL),
    F("type", FIELD_VOCAB, FIELD_REQUIRED, "intervention-types", "complaint, crime-report, ..."),
    F("by", FIELD_REF, 0, "person", "who filed it"),
    F("authority", FIELD_REF, FIELD_REQUIRED, "org", "to whom"),
    F("jurisdiction", FIELD_TEXT, 0, NULL, "country whose law sets the deadline"),
    F("date_filed", FIELD_DATE, FIELD_REQUIRED, NULL, NULL),
    F("channel", FIELD_TEXT, 0, NULL, "post, online portal, in person, ..."),
    F("reference_number", FIELD_TEXT, 0, NULL, NULL),
    F("date_received", FIELD_DATE, 0, NULL, NULL),
    F("request", FIELD_LONGTEXT, 0, NULL, "what was asked"),
    F("response", FIELD_VOCAB, 0, "response-types", "no-reply, acknowledged, answered, ..."),
    F("response_date", FIELD_DATE, 0, NULL, NULL),
    F("notes", FIELD_LONGTEXT, 0, NULL, NULL),
};

static const struct field_desc statement_fields[] = {
    F("case", FIELD_REF, FIELD_PARENT, "case", NULL),
    F("title", FIELD_TEXT, FIELD_REQUIRED, NULL, NULL),
    F("kind", FIELD_CHOICE, FIELD_REQUIRED, "joint|urgent-appeal|letter|un", NULL),
    F("date", FIELD_DATE, 0, NULL, NULL),
    F("language", FIELD_TEXT, 0, NULL, "en, ru, uz, ..."),
    F("status", FIELD_CHOICE, 0, "draft|approved|published", NULL),
    F("signatories", FIELD_REFLIST, 0, "org", NULL),
    F("references", FIELD_REFLIST, 0, "reference", "standards it cites"),
    F("body", FIELD_LONGTEXT, 0, NULL, "Markdown"),
    F("source_url", FIELD_TEXT, 0, NULL, "where it was published"),
    F("translation_of", FIELD_REF, 0, "statement", "the statement this one translates"),
};

#define KIND(var, nm, pl, prefix, title, sort, hlp, fields)                                        \
	static const struct kind_desc var = {nm, pl, prefix, title, sort, hlp, KIND_FIELDS(fields)}

KIND(person_kind, "person", "persons", "person", "name", NULL,
     "a person or group in any role: defender, victim, relative, perpetrator", person_fields);
KIND(organisation_kind, "org", "organisations", "org", "name", NULL,
     "an organisation: NGO, state body, platform", organisation_fields);
KIND(reference_kind, "reference", "references", "ref", "symbol", "date",
     "an international standard or recommendation to cite", reference_fields);
KIND(relationship_kind, "relationship", "relationships", "rel", "type", NULL,
     "how two persons are related: <person> is the <type> of <related>", relationship_fields);
KIND(case_kind, "case", "cases", "case", "title", "opened", "a defender's file; groups events",
     case_fields);
KIND(event_kind, "event", "events", "event", "title", "date",
     "something that happened, with its date and place", event_fields);
KIND(act_kind, "act", "acts", "act", "type", "date", "one violation in an event against one victim",
     act_fields);
KIND(involvement_kind, "involvement", "involvements", "inv", "alias", NULL,
     "who is alleged to have done an act, and how sure we are", involvement_fields);
KIND(complaint_kind, "complaint", "complaints", "complaint", "type", "date_filed",
     "a complaint or appeal to an authority, and its answer", complaint_fields);
KIND(statement_kind, "statement", "statements", "statement", "title", "date",
     "an advocacy text: joint statement, urgent appeal, letter, UN submission", statement_fields);

const struct kind_desc *const records_kinds[] = {
    &person_kind, &organisation_kind, &reference_kind,   &relationship_kind, &case_kind,
    &event_kind,  &act_kind,          &involvement_kind, &complaint_kind,    &statement_kind,
};
const size_t records_nkinds = ARRAY_SIZE(records_kinds);

const char *const confidentiality_levels[3] = {"public", "partners", "restricted"};

const struct kind_desc *records_kind(const char *name)
{
	for (size_t i = 0; i < records_nkinds; i++)
		if (!strcmp(records_kinds[i]->name, name) ||
		    !strcmp(records_kinds[i]->plural, name))
			return records_kinds[i];
	return NULL;
}

const struct field_desc *records_field(const struct kind_desc *k, const char *name)
{
	for (size_t i = 0; i < k->nfields; i++)
		if (!strcmp(k->fields[i].name, name))
			return &k->fields[i];
	return NULL;
}

bool records_kind_in_case(const struct kind_desc *k)
{
	if (!strcmp(k->name, "case"))
		return true;
	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].flags & FIELD_PARENT)
			return records_kind_in_case(records_kind(k->fields[i].target));
	return false;
}
