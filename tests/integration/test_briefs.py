"""Wire briefs: a feed item or JSONL record with its own title and a line or two of text is an article (a desk
reads headline-only items and one-sentence briefs), while an error page or a record of menu lines stays empty."""
from __future__ import annotations

import json

import newsdesk.api as api

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.com</link><description>x</description>
<item><title>Globex to cut 500 jobs</title><link>https://wire.example.com/a1</link>
<pubDate>Mon, 07 Dec 2026 10:00:00 GMT</pubDate><description>Globex will cut 500 jobs.</description></item>
<item><title>Initech beats estimates</title><link>https://wire.example.com/a2</link>
<pubDate>Mon, 07 Dec 2026 11:00:00 GMT</pubDate><description>&lt;p&gt;Initech earned $1.20 a share.&lt;/p&gt;</description></item>
</channel></rss>
"""

RECORDS = [
    {"title": "Acme names new chief executive", "text": "Acme names new chief executive", "published": "2026-12-07"},
    {"title": "Page not found", "text": "Sorry, the page you requested could not be found."},
    {"title": "Example News", "text": "Home\nMarkets\nTech\nOpinion\nSign in\nAbout us"},
    {"title": "Example News", "text": "Home\nMarkets\nAbout us"},
    {"title": "S&P 500 futures data unavailable after outage",
     "text": "S&P 500 futures data was unavailable for an hour after an exchange outage, traders said."},
]


def test_feed_and_record_briefs_are_articles_error_pages_and_menus_are_not(tmp_path):
    (tmp_path / "wire.xml").write_text(FEED, encoding="utf-8")
    (tmp_path / "items.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    sm = api.run([str(tmp_path)]).storymap
    by_path = {d.path.rsplit("/", 1)[-1]: d for d in sm.documents}
    arts = {a.title: a for a in sm.articles}
    assert arts["Globex to cut 500 jobs"].text == "Globex will cut 500 jobs."
    assert arts["Globex to cut 500 jobs"].published.startswith("2026-12-07T10:00")
    assert arts["Initech beats estimates"].text == "Initech earned $1.20 a share."
    assert arts["Acme names new chief executive"].text == "Acme names new chief executive"
    assert [by_path[f"items.jsonl#L{n}"].status for n in (2, 3, 4)] == ["empty"] * 3
    assert set(arts) == {"Globex to cut 500 jobs", "Initech beats estimates", "Acme names new chief executive",
                         "S&P 500 futures data unavailable after outage"}  # (an index's number is no status code)


def test_a_small_text_file_is_a_brief_and_a_stray_line_or_script_notice_is_not(tmp_path):
    (tmp_path / "a.txt").write_text("9:53 AM, MON 22 JUL 2013\n\nLatest on the supermarket fire\nThe site manager "
                                    "says it will take a couple of days to assess the damage.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Swimming star dies at 91\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Jane Doe\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("You need to enable JavaScript to run this app.\n", encoding="utf-8")
    sm = api.run([str(tmp_path)]).storymap
    status = {d.path.rsplit("/", 1)[-1]: d.status for d in sm.documents}
    arts = {a.path.rsplit("/", 1)[-1]: a for a in sm.articles}
    assert arts["a.txt"].title == "Latest on the supermarket fire" and arts["a.txt"].published.startswith("2013-07-22")
    assert arts["a.txt"].text.startswith("The site manager")
    assert arts["b.txt"].title == arts["b.txt"].text == "Swimming star dies at 91"
    assert status["c.txt"] == "empty" and status["d.txt"] == "empty"


def test_a_record_brief_in_html_leaves_its_scripts_out(tmp_path):
    rec = {"title": "Umbrella raises guidance", "url": "https://wire.example.com/u1",
           "html": "<html><head><script>var tracker = {id: 42};</script><style>p{color:red}</style></head>"
                   "<body><p>Umbrella raised its full-year guidance on Monday.</p></body></html>"}
    (tmp_path / "r.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    arts = api.run([str(tmp_path)]).storymap.articles
    assert [a.text for a in arts] == ["Umbrella raised its full-year guidance on Monday."]


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Markets</title><id>urn:x</id><updated>2026-12-07T10:00:00Z</updated>
<entry><title>Zijin Mining climbs as gold hits record</title><id>urn:x:1</id><link href="https://m.example.com/z"/>
<published>2026-12-07T07:30:00+08:00</published><author><name>Mei Chan</name></author>
<content type="html">&lt;p&gt;Zijin Mining shares rose 4.5% to HK$31.20 on Monday as gold prices hit a record high, lifting
miners across the region.&lt;/p&gt;&lt;p&gt;The company said output at its Serbian copper mine rose 12% this
year.&lt;/p&gt;&lt;p&gt;&lt;a href="https://m.example.com/s"&gt;Subscribe to our newsletter&lt;/a&gt;&lt;/p&gt;</content></entry>
</feed>
"""


def test_feed_item_keeps_its_offset_and_drops_a_closing_call_to_action(tmp_path):
    """An item published at 07:30 in Hong Kong is dated 7 December (in UTC it is the 6th, and "on Monday" would
    resolve a week off); the "Subscribe to our newsletter" link closing the content is not article text."""
    (tmp_path / "m.xml").write_text(ATOM, encoding="utf-8")
    sm = api.run([str(tmp_path)]).storymap
    (art,) = sm.articles
    assert art.published == "2026-12-07T07:30:00+08:00" and art.authors == ["Mei Chan"]
    assert art.text.endswith("rose 12% this year.")
    assert [(f.value, f.when) for f in sm.facts if f.kind == "price_change"] == [(4.5, "2026-12-07")]


def test_jsonl_records_from_other_crawlers(tmp_path):
    """Records as crawlers and news APIs write them: epoch dates, "maintext", "headline", "article", an HTML
    fragment under "content", authors in one string. Each became an error or raw text before (found by a probe
    in session 13: an epoch number crashed its record, "2026/12/07" passed through unread)."""
    body = ("Zijin Mining shares rose 4.5% to HK$31.20 on Monday as gold prices hit a record high, lifting miners "
            "across the region. The company said output at its Serbian copper mine rose 12% this year.")
    recs = [{"title": "Epoch seconds", "text": body, "published": 1796601600},
            {"headline": "Fragment", "content": f"<p>{body}</p><p>Analysts expect further gains.</p>",
             "date": "2026/12/07", "author": "Mei Chan, Tom Reyes"},
            {"title": "Maintext", "maintext": body, "date_publish": "2026-12-07 07:30:00", "source_domain": "x.example"},
            {"title": "Article", "article": body, "publishedAt": "2026-12-07T07:30:00+08:00"}]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    sm = api.run([str(tmp_path)]).storymap
    assert [d.status for d in sm.documents] == ["ok"] * 4
    arts = {a.title: a for a in sm.articles}
    assert arts["Epoch seconds"].published == "2026-12-07T00:00:00Z"
    assert arts["Fragment"].published == "2026-12-07" and arts["Fragment"].authors == ["Mei Chan", "Tom Reyes"]
    assert not arts["Fragment"].text.startswith("<") and arts["Fragment"].text.endswith("further gains.")
    assert arts["Maintext"].published == "2026-12-07T07:30:00" and arts["Maintext"].publisher == "x.example"
    assert arts["Article"].published == "2026-12-07T07:30:00+08:00"
