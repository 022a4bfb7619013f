"""Five invented news pages in HTML (tests/data/html_pages: an <article> page with a figure, a newsletter box and
a related link; a page of divs with share links, tags and comments; key points, an ad and a disclaimer; a Chinese
portal page whose byline names the author above the story and the editor below it; a page with a table and an
author bio). Written as a probe in session 14 and scored once before any change: every paragraph kept and the
metadata right except the Chinese page, which took the editor for the author and kept "（责任编辑：X）" in the text."""
from __future__ import annotations

import json
from pathlib import Path

import newsdesk.api as api

DATA = Path(__file__).resolve().parent.parent / "data" / "html_pages"


def test_html_pages_body_metadata_and_no_furniture():
    gold = {g["name"]: g for g in map(json.loads, (DATA / "gold.jsonl").read_text("utf-8").splitlines())}
    sm = api.run([str(DATA / (name + ".html")) for name in gold]).storymap
    arts = {Path(a.path).stem: a for a in sm.articles}
    assert set(arts) == set(gold)
    for name, g in gold.items():
        a = arts[name]
        assert [p for p in g["body"] if p not in a.text] == [], name
        assert [x for x in g["furniture"] if x in a.text] == [], name
        assert (a.title, a.authors[:1], (a.published or "")[:10]) == (g["title"], [g["author"]], g["date"]), name
