#!/usr/bin/env python3
"""Writes the same N statements as a Vigil case file and as a Hugo site.
usage: gen.py N OUTDIR  ->  OUTDIR/case.json, OUTDIR/hugo/"""
import datetime
import json
import os
import sys

n, out = int(sys.argv[1]), sys.argv[2]
ncases = max(1, n // 100)
seed = json.load(open(os.path.join(os.path.dirname(__file__), "../../data/demo/seed-case.json")))
body = next(s for s in seed["statements"] if s["id"] == "statement-sakharova-joint")["body"]
countries = ["Uzbekistan", "Kazakhstan", "Tajikistan", "Kyrgyzstan", "Turkmenistan"]
orgs = [dict(o) for o in seed["organisations"] if o["type"] == "ngo"]
doc = {"format": "vigil-case-file", "version": 1, "persons": [], "organisations": orgs,
       "cases": [], "statements": []}
for c in range(ncases):
    doc["persons"].append({"id": f"defender-{c}", "name": f"Defender Number {c}",
                           "occupation": "human rights defender", "country": countries[c % 5],
                           "biography": "Works to defend the rights of prisoners.",
                           "confidentiality": "public"})
    doc["cases"].append({"id": f"case-{c}", "title": f"Threats against defender {c}",
                         "defender": f"defender-{c}", "country": countries[c % 5],
                         "confidentiality": "public"})
start = datetime.date(2015, 1, 1)
hugo = os.path.join(out, "hugo")
os.makedirs(os.path.join(hugo, "content", "statements"), exist_ok=True)
os.makedirs(os.path.join(hugo, "layouts", "_default"), exist_ok=True)
for i in range(n):
    date = (start + datetime.timedelta(days=i % 3650)).isoformat()
    c = i % ncases
    text = body.replace("Klara Sakharova", f"Defender Number {c}") + f"\nStatement number {i}.\n"
    st = {"id": f"st-{i}", "case": f"case-{c}", "kind": "joint",
          "title": f"Joint statement {i}: the safety of Defender Number {c}", "date": date,
          "language": "en", "status": "published", "signatories": [o["id"] for o in orgs],
          "body": text, "confidentiality": "public"}
    doc["statements"].append(st)
    front = {"title": st["title"], "date": date, "defenders": [f"Defender Number {c}"],
             "countries": [countries[c % 5]],
             "signatories": [f'{o["name"]} ({o["acronym"]})' for o in orgs]}
    with open(os.path.join(hugo, "content", "statements", f"st-{i}.md"), "w") as f:
        f.write(json.dumps(front, ensure_ascii=False) + "\n\n" + text)
with open(os.path.join(out, "case.json"), "w") as f:
    json.dump(doc, f, ensure_ascii=False)
with open(os.path.join(hugo, "config.toml"), "w") as f:
    f.write('baseURL = "/"\nrelativeURLs = true\ntitle = "Statements"\n'
            'disableKinds = []\n[taxonomies]\ndefender = "defenders"\ncountry = "countries"\n')
# Pages like Vigil's: header with the date and the two controls, the body, signatories.
head = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
        '<link rel="stylesheet" href="/site.css"></head><body><header><p><time>'
        '{{ .Date.Format "Mon, Jan 2" }}</time></p><div role="group">'
        '<button>Smaller</button><button>Small</button><button>Medium</button>'
        '<button>Big</button><button>Bigger</button></div><div role="group">'
        '<button>Default</button><button>Helvetica</button><button>Segoe</button>'
        '<button>Georgia</button><button>Times</button></div></header><main>')
with open(os.path.join(hugo, "layouts", "_default", "single.html"), "w") as f:
    f.write(head + '<h1>{{ .Title }}</h1>{{ .Content }}<h2>Signed by</h2><ul>'
            '{{ range .Params.signatories }}<li>{{ . }}</li>{{ end }}</ul></main></body></html>\n')
with open(os.path.join(hugo, "layouts", "_default", "list.html"), "w") as f:
    f.write(head + '<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
            '{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}</li>{{ end }}</ul>'
            '</main></body></html>\n')
with open(os.path.join(hugo, "layouts", "index.html"), "w") as f:
    f.write(head + '<h1>Statements</h1><ul>{{ range .Site.RegularPages.ByDate.Reverse }}'
            '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
            '</main></body></html>\n')
