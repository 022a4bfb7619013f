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


def test_parse_date_more_forms():
    assert tm.parse_date("19-Dec-2025") == "2025-12-19"
    assert tm.parse_date("Jul. 11. 2025") == "2025-07-11"
    assert tm.parse_date("19/12/2025") == "2025-12-19"  # first number over 12: day/month
    assert tm.parse_date("03/01/2017 by Rhea Calloway") == "2017-03-01"  # otherwise month/day
    assert tm.parse_date("14.11.24") is None


def test_bylines_cut_at_dates_separators_and_labels():
    assert tm.header_authors(["ByRhea Calloway", "Last updated: May 2, 2024."]) == ["Rhea Calloway"]
    assert tm.header_authors(["By Omar Lindqvist on 19 Dec 2025", "Category: Tech"]) == ["Omar Lindqvist"]
    assert tm.header_authors(["by Ines Varga· October 10, 2021"]) == ["Ines Varga"]
    assert tm.header_authors(["By Ines Varga Published: Dec 20, 2023"]) == ["Ines Varga"]
    assert tm.header_authors(["By Ines VargaPublished: Dec 20, 2023"]) == ["Ines Varga"]
    assert tm.header_authors(["By Paulo Brandt, CFP – Updated Mar 5, 2026 | Fact-checked by Dana Holt"]) == \
        ["Paulo Brandt, CFP"]
    assert tm.header_authors(["By Paulo Brandt | Mar 11, 2023 | Brakes, Repairs"]) == ["Paulo Brandt"]
    assert tm.header_authors(["Written By: Mara Quill Executive Digital Editor"]) == ["Mara Quill"]


def test_date_then_byline_on_one_line():
    assert tm.header_authors(["September 1st, 2023 By Felix Brandt"]) == ["Felix Brandt"]
    assert tm.header_authors(["May 18, 2023 By Felix Brandt In"]) == ["Felix Brandt"]
    assert tm.header_authors(["Some words By Felix Brandt"]) == []  # no date before "By"


def test_label_line_then_names_stops_at_roles_and_dates():
    header = ["Written By", "Rhea Calloway", "AI Writer, Example Labs", "Fact Checked By", "Dana Holt", "Editor"]
    assert tm.header_authors(header) == ["Rhea Calloway"]
    assert tm.header_authors(["By", "Rhea Calloway", "March 30, 2023 |"]) == ["Rhea Calloway"]
    assert tm.header_authors(["Author", "Omar Lindqvist", "Updated on", "April 19, 2025"]) == ["Omar Lindqvist"]
    assert tm.header_authors(["By", "Omar Lindqvist on Dec. 13, 2025"]) == ["Omar Lindqvist"]


def test_name_and_date_on_one_line():
    assert tm.header_authors(["Rhea Calloway • November 4th, 2025", "Read More"]) == ["Rhea Calloway"]
    assert tm.header_authors(["Garden Notes", "Rhea Calloway October 11, 2024", "Share"]) == ["Rhea Calloway"]
    assert tm.header_authors(["Updated October 8, 2025"]) == []
    assert tm.header_authors(["Quarterly Wrap-Up 12/19/2025"]) == []  # a title with a numeric date


def test_bare_name_nearest_the_date_line_wins():
    assert tm.header_authors(["Garden Notes", "Rhea Calloway", "September 4, 2025"]) == ["Rhea Calloway"]
    assert tm.header_authors(["Omar Lindqvist", "8 min", "29th August, 2023", "ML Tools"]) == ["Omar Lindqvist"]


def test_chinese_header_bylines():
    assert tm.header_authors(["2022-02-13 09:57 示例网", "分享到", "示例日报记者 林小川 周南风"]) == ["林小川", "周南风"]
    assert tm.header_authors(["2015-11-05 阅读：812 来源:转载 作者:方明远", "分享："]) == ["方明远"]
    assert tm.header_authors(["2004年7月16日08:19 [ 方明远 ] 来源：[ 示例日报 ]"]) == ["方明远"]
    assert tm.header_authors(["2003-5-29 09:07 某网友", "林小川、周南风"]) == ["林小川", "周南风"]
    assert tm.header_authors(["2022-02-14 03:01 阅读", "分享", "关注"]) == []


def test_surname_may_is_kept_but_a_may_date_is_not_a_name():
    assert tm.header_authors(["By", "Nora May", "May 18, 2023"]) == ["Nora May"]


def test_username_byline_and_role_without_comma():
    assert tm.header_authors(["by qwelldesk | Apr 21, 2025"]) == ["qwelldesk"]
    assert tm.header_authors(["by submitting this form you agree"]) == []
    assert tm.header_authors(["Written By: Mara Quill Executive Digital Editor and Master Gardener"]) == ["Mara Quill"]
