"""JSON record fields: the names crawlers and APIs use, and their values in the pipeline's forms."""
from __future__ import annotations

import pytest

from newsdesk.ingest.records import author_names, iso_date, record_fields


@pytest.mark.parametrize("value,want", [
    (1796601600, "2026-12-07T00:00:00Z"),            # epoch seconds
    (1796601600000, "2026-12-07T00:00:00Z"),         # epoch milliseconds
    ("1796601600", "2026-12-07T00:00:00Z"),
    ("2026-12-07T07:30:00+08:00", "2026-12-07T07:30:00+08:00"),
    ("2026-12-07 07:30:00", "2026-12-07T07:30:00"),  # news-please's date_publish
    ("2026-12-07T07:30:00Z", "2026-12-07T07:30:00Z"),
    ("2026-12-07", "2026-12-07"),
    ("Mon, 07 Dec 2026 07:30:00 GMT", "2026-12-07T07:30:00Z"),
    ("2026/12/07", "2026-12-07"),
    ("Dec 7, 2026", "2026-12-07"),
    ("12/07/2026", "2026-12-07"), ("07.12.2026", "2026-12-07"),  # numeric: slashes month first, points day first
    ("yesterday", None), ("", None), (None, None), (True, None), ([2026], None),
])
def test_iso_date(value, want):
    assert iso_date(value) == want


def test_author_names():
    assert author_names("Mei Chan, Tom Reyes") == ["Mei Chan", "Tom Reyes"]
    assert author_names("By Mei Chan and Tom Reyes") == ["Mei Chan", "Tom Reyes"]
    assert author_names(["Mei Chan", {"name": "Tom Reyes"}, 7]) == ["Mei Chan", "Tom Reyes"]
    assert author_names("王静、刘一帆") == ["王静", "刘一帆"]
    assert author_names("Doe, Jane") == ["Doe, Jane"]  # (one name, surname first: the author cleaner turns it)
    assert author_names(None) == []


def test_record_fields_under_other_names():
    body, is_html, url, meta = record_fields({
        "headline": "Zijin climbs", "maintext": "Zijin Mining rose 4.5%.", "date_publish": "2026-12-07 07:30:00",
        "authors": ["Mei Chan"], "source": {"id": "x", "name": "Example Wire"}, "link": "https://x.example/z",
        "lang": "en"})
    assert body == "Zijin Mining rose 4.5%." and not is_html and url == "https://x.example/z"
    assert meta == {"title": "Zijin climbs", "published": "2026-12-07T07:30:00", "authors": ["Mei Chan"],
                    "publisher": "Example Wire", "language": "en"}
    assert record_fields({"html": "<html><body><p>x</p></body></html>", "text": "x"})[:2] == (
        "<html><body><p>x</p></body></html>", True)
    assert record_fields({"title": 5, "text": ["not", "a", "string"]}) == (None, False, None, {})
    # a record with only a summary (a feed item's description): its text
    assert record_fields({"title": "Oil steady", "description": "Oil was steady near $80 a barrel."})[0] \
        == "Oil was steady near $80 a barrel."
    assert record_fields({"text": "The body.", "summary": "The gist."})[0] == "The body."


def test_a_news_api_truncation_marker_is_not_text():
    body, _html, _url, meta = record_fields({"title": "Meituan slides - Example Wire", "source": {"name": "Example Wire"},
                                             "content": "Meituan fell 4.1% on Thursday, analysts said. [+812 chars]"})
    assert body == "Meituan fell 4.1% on Thursday, analysts said." and meta["publisher"] == "Example Wire"
    assert record_fields({"text": "Prices rose [+5%] in March."})[0] == "Prices rose [+5%] in March."


def test_a_records_title_loses_its_publisher_suffix(tmp_path):
    import json

    import newsdesk.api as api
    rec = {"title": "Tencent beats forecasts as games revive - Example Wire", "source": {"name": "Example Wire"},
           "publishedAt": "2026-05-13T10:12:00Z",
           "content": "Tencent Holdings beat quarterly profit estimates on Wednesday as its games business revived, "
                      "sending its shares up 3.1% to HK$402.60 in afternoon trade. Revenue rose 9%… [+2345 chars]"}
    (tmp_path / "r.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    sm = api.run([str(tmp_path / "r.jsonl")], output=tmp_path / "sm.json").storymap
    [a] = sm.articles
    assert a.title == "Tencent beats forecasts as games revive" and a.publisher == "Example Wire"
    assert "[+" not in a.text
    assert {(f.kind, f.value) for f in sm.facts} >= {("price_change", 3.1), ("price", 402.6)}
