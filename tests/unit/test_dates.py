"""Time phrases: normalisation, resolution against an anchor, trading days, re-resolution."""
import datetime as dt

import pytest

from newsdesk.facts.dates import find_time_expressions, normalise_expr, reresolve, resolve_when
from newsdesk.model import Event, Fact

FRI = "2025-02-14"  # a Friday


@pytest.mark.parametrize("expr,expected", [
    ("on Friday", "2025-02-14"),
    ("Friday", "2025-02-14"),
    ("on Monday", "2025-02-10"),
    ("Thursday", "2025-02-13"),
    ("next:Thursday", "2025-02-20"),
    ("last Friday", "2025-02-07"),
    ("yesterday", "2025-02-13"),
    ("today", "2025-02-14"),
    ("last week", "2025-02-03"),
    ("next week", "2025-02-17"),
    ("this month", "2025-02-01"),
    ("Jan. 13", "2025-01-13"),
    ("February 14", "2025-02-14"),
    ("year to date", FRI),
    ("since Jan. 13", FRI),
    ("上周五", "2025-02-07"),
    ("下周四", "2025-02-20"),
    ("本周三", "2025-02-12"),
    ("周四", "2025-02-13"),
    ("昨日", "2025-02-13"),
    ("今年以来", FRI),
    ("2月14日", "2025-02-14"),
    ("2024年12月3日", "2024-12-03"),
    ("weekday:fri:past", "2025-02-14"),
])
def test_resolve(expr: str, expected: str) -> None:
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in expr) else "en"
    assert resolve_when(expr, FRI, lang) == expected


def test_anchor_types_and_missing() -> None:
    assert resolve_when("yesterday", dt.date(2025, 3, 1)) == "2025-02-28"
    assert resolve_when("yesterday", "2025-03-01T08:00:00+08:00") == "2025-02-28"
    assert resolve_when("yesterday", None) is None
    assert resolve_when("the day the music died", FRI) is None


def test_month_day_crosses_year() -> None:
    assert resolve_when("Dec. 30", "2025-01-03") == "2024-12-30"  # past context: last year
    assert resolve_when("next:Jan. 5", "2024-12-30") == "2025-01-05"  # future context: next year


def test_previous_trading_day_uses_exchange_calendar() -> None:
    # Monday anchor: the previous session is the Friday before
    assert resolve_when("the previous trading day", "2024-11-18", exchange="XHKG") == "2024-11-15"
    # Shanghai was closed for the Lunar New Year holiday from Jan. 28 to Feb. 4, 2025
    assert resolve_when("the previous trading day", "2025-02-05", exchange="XSHG") == "2025-01-27"
    # no exchange: weekdays only
    assert resolve_when("the previous session", "2025-02-05") == "2025-02-04"


def test_find_time_expressions_tense() -> None:
    past = find_time_expressions("Alibaba reported earnings on Thursday.", "en")
    future = find_time_expressions("Alibaba is scheduled to report earnings on Thursday.", "en")
    assert past[0][2] == "weekday:thu:past" and future[0][2] == "weekday:thu:next"
    s = "恒生指数周五收跌153.88点，本周累计上涨1.8%"
    spans = find_time_expressions(s, "zh")
    assert [e for _, _, e in spans] == ["weekday:fri:past", "week:0"]
    assert s[spans[0][0]:spans[0][1]] == "周五"
    assert normalise_expr("the previous trading day") == "tday:-1"


def test_reresolve_fills_when() -> None:
    f = Fact(article="a", entity=None, kind="price_change", value=-1.0, unit="%", when=None, text="",
             when_expr="weekday:fri:past")
    e = Event(article="a", entity=None, event="earnings", when=None, text="", when_expr="weekday:thu:next")
    n = Fact(article="a", entity=None, kind="price", value=1.0, unit="USD", when=None, text="")
    reresolve([f, e, n], "2025-02-16")
    assert (f.when, e.when, n.when) == ("2025-02-14", "2025-02-20", None)


def test_a_day_of_the_month_alone():
    """Chinese wires date by the day alone ("纽约股市三大股指1日收涨", "将于20日公布"): the anchor's month, or the one
    before / after when that day is still to come / has passed; not a count of days or the end of a range
    (session 20)."""
    from newsdesk.facts.dates import find_time_expressions as find, resolve_when as resolve
    assert [e for _, _, e in find("将于20日公布", "zh", True)] == ["dom:20:next"]
    assert resolve("dom:20:next", "2026-03-10") == "2026-03-20" and resolve("dom:05:next", "2026-03-10") == "2026-04-05"
    assert resolve("dom:09:past", "2026-03-10") == "2026-03-09" and resolve("dom:20:past", "2026-03-10") == "2026-02-20"
    assert resolve("dom:31:past", "2026-03-10") is None  # (February has no 31st)
    for text in ("连续3日上涨", "股价跌破30日均线", "近5日累计上涨"):
        assert find(text, "zh", False) == [], text
    assert [e for _, _, e in find("将于3月18日至19日召开议息会议", "zh", True)] == ["md:03-18:next"]
