"""Publication times a page gives relative to when it was read ("3 hours ago", "yesterday", "Apr 12",
"3小时前", "4月12日"), resolved against the time a crawl fetched it (a WARC record's WARC-Date, a JSON
record's download date). Without a fetch time nothing is resolved: the day a plain file was read is unknown,
and guessing it would state a date the page never gave.

Only a short line that is nothing but such a time counts (a time line under a headline or beside a byline);
"today" or "yesterday" inside a sentence is body text, an "Updated …" line is not the publication, and
"2 months ago" is too coarse to name a day. A day without its year is the latest such day on or before the
fetch day (a blog's "Apr 12" fetched in June is this year's; fetched in March, last year's)."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from .lines import MONTHS, word_count
from .text_meta import MONTH_NUM
from .zhscript import to_simplified, zh_compile

# Article.meta["published_from"] of a day read this way (the link stage places the article by it, see
# link/record.py; the story map calls it "inferred")
FETCHED = "fetch"
_UNITS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hr": 3600, "hour": 3600,
          "d": 86400, "day": 86400, "w": 604800, "week": 604800,
          "秒": 1, "分钟": 60, "小时": 3600, "天": 86400, "周": 604800, "星期": 604800}
# an optional label, then the count and its unit ("Posted 3 hours ago", "an hour ago", "45 mins ago", "3h ago":
# a feed's one-letter units are seconds to weeks, "5m" minutes)
_AGO = re.compile(r"(?i)^(?:(?:published|posted)\b\W*)?(?P<n>an?|one|\d+)\s*"
                  r"(?:(?P<unit>sec|second|min|minute|hr|hour|day|week)s?\.?|(?P<short>[smhdw]))\s+ago\W*$")
_ZH_AGO = zh_compile(r"^(?:发布于|发表于)?\s*(?P<n>\d+|半)\s*(?:个)?(?P<unit>秒|分钟|小时|天|周|星期)前\s*$")
_DAY_WORD = re.compile(r"(?i)^(?:(?:published|posted)\b\W*)?(?P<w>just now|moments ago|today|yesterday)"
                       r"(?:\W*(?:at\s*)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?\W*$")
_ZH_DAY = zh_compile(r"^(?P<w>刚刚|今天|昨天|前天)(?:\s*\d{1,2}:\d{2})?\s*$")
_DAY_OFFSET = {"just now": 0, "moments ago": 0, "today": 0, "yesterday": 1, "刚刚": 0, "今天": 0, "昨天": 1, "前天": 2}
# a month and a day without a year ("Apr 12", "April 12th", "Sat, Apr 12", "12 April", "4月12日"), a clock time
# may follow
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_CLOCK = r"(?:,?\s*(?:at\s*)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?"
_MD = re.compile(rf"(?i)^{_WEEKDAY}(?P<mon>{MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_CLOCK}\W*$")
_DM = re.compile(rf"(?i)^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{MONTHS})\.?{_CLOCK}\W*$")
# every such line holds a digit or one of these words (a cheap test first: most lines of a page are menus and prose)
_MAYBE = zh_compile(r"(?i)\d|ago|today|yesterday|just now|刚刚|今天|昨天|前天|半")
_MAX_CHARS = 60  # the longest such line ("Posted Wednesday, September 12th at 10:30 p.m.") is shorter
_ZH_MD = re.compile(r"^(?P<mon>\d{1,2})月(?P<day>\d{1,2})日(?:\s*\d{1,2}:\d{2})?\s*$")


def fetch_time(value) -> datetime | None:
    """A fetch time as an aware UTC datetime, from ISO 8601 ("2025-06-03T15:00:00Z"; a day alone is its
    start in UTC), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    try:
        t = datetime.fromisoformat(s[:-1] + "+00:00" if s.endswith("Z") else s)
    except ValueError:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def _count(n: str) -> float:
    return 1 if n.lower() in ("a", "an", "one") else 0.5 if n == "半" else int(n)


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _yearless(mon: int, day: int, fetched: datetime) -> str | None:
    today = fetched.date()
    for year in (today.year, today.year - 1):
        try:
            d = date(year, mon, day)
        except ValueError:
            continue  # (February 29th in a year that has none: last year's; April 31st: none)
        if d <= today:
            return d.isoformat()
    return None


def resolve(line: str, fetched: datetime) -> str | None:
    """The publication time a short time line gives, relative to ``fetched`` (aware): an ISO instant in UTC
    for seconds to weeks ago, an ISO day for a named day ("yesterday", "Apr 12"); None when the line is not
    such a time line."""
    s = line.strip()
    if not s or len(s) > _MAX_CHARS or not _MAYBE.search(s) or word_count(s) > 6:
        return None
    m = _AGO.match(s) or _ZH_AGO.match(s)
    if m:
        unit = to_simplified((m.groupdict().get("short") or m.group("unit")).lower())  # ("小時" is "小时")
        return _iso(fetched - timedelta(seconds=_count(m.group("n")) * _UNITS[unit]))
    m = _DAY_WORD.match(s) or _ZH_DAY.match(s)
    if m:
        return (fetched.date() - timedelta(days=_DAY_OFFSET[to_simplified(m.group("w").lower())])).isoformat()
    m = _MD.match(s) or _DM.match(s)
    if m:
        return _yearless(MONTH_NUM[m.group("mon").lower()[:3]], int(m.group("day")), fetched)
    m = _ZH_MD.match(s)
    if m and 1 <= int(m.group("mon")) <= 12:
        return _yearless(int(m.group("mon")), int(m.group("day")), fetched)
    return None


_UPDATED = re.compile(r"(?i)^(?:last\s+)?updated\b\W*")
_ANY_DAY = datetime(2024, 12, 31, tzinfo=timezone.utc)  # (a leap year's last day: every month and day resolves)


def is_relative_time_line(line: str) -> bool:
    """A line that is nothing but a relative or year-less time ("3 hours ago", "Updated 2 hours ago",
    "yesterday", "Apr 12", "3小时前"): page furniture at the edges of an article's body."""
    return len(line) <= 2 * _MAX_CHARS and bool(_MAYBE.search(line)) \
        and resolve(_UPDATED.sub("", line.strip()), _ANY_DAY) is not None


def relative_date(lines, fetched: datetime | None) -> str | None:
    """The first of ``lines`` (an article's header, nearest first) that is a relative time line, resolved
    against ``fetched``; None without a fetch time or such a line."""
    if fetched is None:
        return None
    for line in lines:
        d = resolve(line, fetched)
        if d:
            return d
    return None


_TEXT = "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"


def lines_near_title(tree, title: str | None, *, after: int = 8, before: int = 3) -> list[str]:
    """The visible text pieces of a parsed HTML page (lxml) right under its headline (the first piece that is the
    title or the first <h1>'s text), then those right above it, nearest first: where a time line or a source
    label stands."""
    from lxml import etree

    try:
        pieces = [" ".join(t.split()) for t in tree.xpath(_TEXT)]
        h1 = tree.xpath("string(//h1)")
    except (etree.XPathError, ValueError):
        return []
    pieces = [p for p in pieces if p]
    heads = {" ".join(h.split()).casefold() for h in (title, h1) if h and h.strip()}
    i = next((k for k, p in enumerate(pieces) if p.casefold() in heads), None)
    if i is None:
        return []
    return pieces[i + 1:i + 1 + after] + pieces[max(0, i - before):i][::-1]
