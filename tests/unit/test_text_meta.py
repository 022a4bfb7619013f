from newsdesk.clean import text_meta as tm


def test_parse_date_forms():
    assert tm.parse_date("March 3, 2026") == "2026-03-03"
    assert tm.parse_date("3 March 2026") == "2026-03-03"
    assert tm.parse_date("2026-03-03 09:30") == "2026-03-03T09:30:00"
    assert tm.parse_date("2026年3月3日 14:05") == "2026-03-03T14:05:00"
    assert tm.parse_date("March 3, 2026, 9:12 PM ET") == "2026-03-03T21:12:00-05:00"
    assert tm.parse_date("no date here") is None
    assert tm.parse_date("February 30, 2026") is None


def test_header_date_skips_copyright_and_prefers_published_over_updated():
    header = ["© 2024 Example Media. All rights reserved.", "Updated April 2, 2026", "April 1, 2026 at 8:00 a.m."]
    assert tm.header_date(header)[:10] == "2026-04-01"
    assert tm.header_date(["Updated April 2, 2026"]) == "2026-04-02"
    assert tm.header_date(["5 hours ago"]) is None


def test_bylines():
    assert tm.header_authors(["By Jane Doe and John Roe"]) == ["Jane Doe", "John Roe"]
    assert tm.header_authors(["By", "Jane Doe", "Jane Doe", "and", "Kim Lee", "Down Arrow Icon"]) == ["Jane Doe", "Kim Lee"]
    assert tm.header_authors(["by Maria"]) == ["Maria"]
    assert tm.header_authors(["作者：张伟", "来源：新华网"]) == ["张伟"]
    assert tm.header_authors(["Markets", "3 hours ago"]) == []


def test_attribution_and_publisher():
    assert tm.body_attribution(["HONG KONG (Reuters) - Shares rose on Monday."]) == "Reuters"
    assert tm.body_attribution(["(Bloomberg) -- Stocks climbed."]) == "Bloomberg"
    assert tm.body_attribution(["Shares rose (about 2%) - a gain."]) is None
    assert tm.body_attribution(["SINGAPORE, March 18 (Straits Wire) — Banks rose."]) == "Straits Wire"
    assert tm.header_publisher(["• Harbour Times", "2 hours ago"], [], "Title") == "Harbour Times"
