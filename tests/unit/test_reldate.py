"""Relative publication times ("3 hours ago", "Apr 12") read against the time a crawl fetched the page."""
from datetime import datetime, timezone

import pytest
from lxml import html as lhtml

from newsdesk.clean.reldate import fetch_time, is_relative_time_line, lines_near_title, relative_date, resolve

FETCHED = datetime(2025, 6, 3, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("line,want", [
    ("3 hours ago", "2025-06-03T12:00:00Z"),
    ("an hour ago", "2025-06-03T14:00:00Z"),
    ("Posted 45 mins ago", "2025-06-03T14:15:00Z"),
    ("2 days ago", "2025-06-01T15:00:00Z"),
    ("1 week ago", "2025-05-27T15:00:00Z"),
    ("3小时前", "2025-06-03T12:00:00Z"),
    ("3h ago", "2025-06-03T12:00:00Z"),
    ("5m ago", "2025-06-03T14:55:00Z"),
    ("2 hrs. ago", "2025-06-03T13:00:00Z"),
    ("半小时前", "2025-06-03T14:30:00Z"),
    ("2个小时前", "2025-06-03T13:00:00Z"),
    ("yesterday", "2025-06-02"),
    ("Today at 10:30 AM", "2025-06-03"),
    ("昨天 10:32", "2025-06-02"),
    ("Apr 12", "2025-04-12"),
    ("April 12th", "2025-04-12"),
    ("Sat, Apr 12", "2025-04-12"),
    ("12 April", "2025-04-12"),
    ("4月12日", "2025-04-12"),
    ("Jun 3", "2025-06-03"),
    ("Jun 4", "2024-06-04"),  # after the fetch day: last year's
    ("Dec 30", "2024-12-30"),
])
def test_time_lines_resolve_against_the_fetch_time(line, want):
    assert resolve(line, FETCHED) == want


@pytest.mark.parametrize("line", [
    "Updated 2 hours ago",  # an update is not the publication
    "2 months ago",  # too coarse to name a day
    "3y ago",
    "Market 12",  # a word that starts like a month
    "The company said yesterday it would cut 300 jobs",  # a sentence, not a time line
    "May 5, 2024",  # a full date is read elsewhere, as explicit
    "Apr 31",
    "13月2日",
    "",
])
def test_other_lines_are_no_relative_time(line):
    assert resolve(line, FETCHED) is None


def test_a_day_without_its_year_in_a_year_that_has_it():
    assert resolve("Feb 29", datetime(2024, 3, 1, tzinfo=timezone.utc)) == "2024-02-29"
    assert resolve("Feb 29", datetime(2025, 3, 1, tzinfo=timezone.utc)) == "2024-02-29"  # 2025 has none
    assert resolve("Feb 29", datetime(2024, 2, 28, tzinfo=timezone.utc)) is None  # 2023 has none either


def test_nothing_is_resolved_without_a_fetch_time():
    assert relative_date(["3 hours ago"], None) is None
    assert relative_date(["By Jane Doe", "3 hours ago", "yesterday"], FETCHED) == "2025-06-03T12:00:00Z"


def test_fetch_times_as_crawlers_write_them():
    assert fetch_time("2025-06-03T15:00:00Z") == FETCHED
    assert fetch_time("2025-06-03T23:00:00+08:00") == FETCHED
    assert fetch_time("2025-06-03") == datetime(2025, 6, 3, tzinfo=timezone.utc)
    assert fetch_time("last Tuesday") is None and fetch_time(None) is None


def test_html_pieces_under_the_headline_then_above_it():
    html = ("<html><head><script>var x = '5 hours ago';</script></head><body><nav>Home</nav><p>Markets</p>"
            "<h1>Acme  shares jump</h1><span>By Jane Doe</span><time>3 hours ago</time><p>Body.</p></body></html>")
    tree = lhtml.fromstring(html)
    assert lines_near_title(tree, "Acme shares jump")[:3] == ["By Jane Doe", "3 hours ago", "Body."]
    assert lines_near_title(tree, None)[-2:] == ["Markets", "Home"]
    assert lines_near_title(lhtml.fromstring("<html><body><p>No headline</p></body></html>"), "Elsewhere") == []


def test_time_lines_without_a_fetch_time():
    assert all(is_relative_time_line(s) for s in ["3 hours ago", "Updated 2 hours ago", "Last updated: yesterday", "Feb 29",
                                         "3小时前", "12 April"])
    assert not any(is_relative_time_line(s) for s in ["Shares fell yesterday.", "Apr 31", "April 12, 2025", "Market 12"])


@pytest.mark.parametrize("line, want", [
    ("3小時前", "2026-03-25T06:30:00Z"), ("半小時前", "2026-03-25T09:00:00Z"), ("剛剛", "2026-03-25"),
    ("3個小時前", "2026-03-25T06:30:00Z"), ("4月12日", "2025-04-12"),
])
def test_traditional_chinese_relative_times(line, want):
    """Hong Kong and Taiwan pages write 小時 and 剛剛 (the widened patterns matched them, and the unit table did
    not know them: a KeyError, the page lost)."""
    assert relative_date([line], fetch_time("2026-03-25T09:30:00Z")) == want
