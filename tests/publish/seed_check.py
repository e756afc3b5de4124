#!/usr/bin/env python3
"""Checks that a published page holds every paragraph of the seed statement
(whitespace aside) and the names of its signatories.
usage: seed_check.py PAGE.html statement.txt NAME..."""
import html
import re
import sys

page, seed, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(page, encoding="utf-8") as f:
    text = f.read()
# Text as a reader sees it: no tags, entities decoded, runs of space as one.
text = html.unescape(re.sub(r"<[^>]+>", " ", text))
text = " ".join(text.split())
with open(seed, encoding="utf-8") as f:
    lines = f.read().split("\n")
# The seed's first lines are the page header (date and the two controls).
start = next(i for i, l in enumerate(lines) if "Default" in l and "Times" in l) + 1
paragraphs = [" ".join(l.split()) for l in lines[start:] if l.strip()]
missing = [p for p in paragraphs if p not in text]
for p in missing:
    print("missing paragraph:", p[:80])
for n in names:
    if n not in text:
        print("missing signatory:", n)
        missing.append(n)
print(f"{len(paragraphs)} paragraphs, {len(names)} signatories checked")
sys.exit(1 if missing else 0)
