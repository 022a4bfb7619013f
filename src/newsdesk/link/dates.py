"""Dates for undated articles, inferred from their story, the weekdays they mention and the days they state.

An undated article that copies, rewrites or translates a dated one takes that date. Otherwise it takes
the earliest date that is on or after its story's first dated article and consistent with what the text
says: a weekday reported in the past ("rose 2% on Friday") lies on or before the article's day, a
scheduled one ("reports on Thursday") after it, and a weekday with a clock time or "local time"
("at 10.14am local time on Tuesday") is the article's own day.

Before any story, an undated article that reports something as past on a day it names with its weekday ("said
on Thursday, March 19"; "3月19日（周四）") is dated that day (the latest such day): a report names the weekday
of recent events. A day written without its year takes the latest year, up to the page's own year (its
copyright line), in which that day falls on that weekday; without a year anywhere, nothing is inferred.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from ..clean.lines import MONTHS
from ..clean.text_meta import MONTH_NUM
from ..clean.zhscript import zh_compile

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
EN_DAY = re.compile(r"(?i)\b(?:on|this|by|from|until|last)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
ZH_DAY = zh_compile(r"(上|下|本)?(?:周|星期|礼拜)([一二三四五六日天])")
SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")
FUTURE = zh_compile(r"(?i)\b(?:will|would|scheduled|expected|due|plans?|set to|ahead of|before its|next|upcoming)\b|将|计划|预计|定于|下周")
SAME_DAY = re.compile(r"(?i)\b\d{1,2}[.:]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)|\blocal time\b|\btoday\b|\bthis (?:morning|afternoon)\b|今日|今天|早盘|午盘")


def to_date(value: str | None, tz: timezone | None = None) -> date | None:
    """The calendar day of an ISO date or date-time (in `tz` when the value carries an offset)."""
    if not value:
        return None
    t = instant(value)
    if t is not None:
        return t.astimezone(tz).date() if tz else t.date()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def instant(value: str | None) -> datetime | None:
    """A publication time with its UTC offset ("...T21:12:00-05:00", "...Z"), else None (a day alone, or a
    local time without an offset: two pages' local times are not comparable)."""
    if not value or len(value) <= 10:
        return None
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        return None
    return t if t.tzinfo is not None else None


def time_order(value: str | None) -> str:
    """A sort key for publication values in time order: a time with its offset as the UTC instant (an evening
    in New York comes after the next calendar day's early morning in Hong Kong), others as written; undated
    last."""
    t = instant(value)
    if t is not None:
        return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return value or "9999"


def _mentions_in(text: str) -> list[tuple[int, str]]:
    """(weekday 0-6, 'past'|'future'|'same') for each weekday the sentences of ``text`` name."""
    out = []
    for sent in SENTENCE.findall(text):
        for m in EN_DAY.finditer(sent):
            out.append((WEEKDAYS.index(m.group(1).lower()), _sense(sent)))
        for m in ZH_DAY.finditer(sent):
            if m.group(1) in ("上", "下"):
                continue  # last/next week's days say little about the article's own day
            out.append((ZH_WEEKDAYS[m.group(2)], _sense(sent)))
    return out


# "day" not followed by a letter (cheap to find), or a Chinese weekday; the English name is checked before it
_DAY_END = zh_compile(r"(?:day|DAY)(?![^\W\d_])|(?:周|星期|礼拜)[一二三四五六日天]")
_DAY_HEADS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_END_MARKS = ".!?。！？\n"
_END_MARK = re.compile(r"[.!?。！？\n]")


def weekday_mentions(text: str, lang: str | None = None) -> list[tuple[int, str]]:
    """(weekday 0-6, 'past'|'future'|'same') for each weekday the text names, read only from the sentences
    that name one (most texts name no weekday, or one or two: this runs on every article)."""
    out: list[tuple[int, str]] = []
    done = -1
    for m in _DAY_END.finditer(text):
        i = m.start()
        if i < done:
            continue
        if text[i] in "dD":
            head = text[max(0, i - 6):i].lower()
            k = next((len(h) for h in _DAY_HEADS if head.endswith(h)), 0)
            if not k or (i - k > 0 and text[i - k - 1].isalpha()):
                continue
        lo = max(0, i - 600)  # (a sentence is rarely longer: bounded look-back)
        a = max(lo - 1, max(text.rfind(c, lo, i) for c in _END_MARKS)) + 1
        e = _END_MARK.search(text, m.end())
        done = e.end() if e else len(text)
        out.extend(_mentions_in(text[a:done]))
    return out


_EN_STATED = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+((?i:" + MONTHS + r"))\.?"
                        r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d)\b)?")
_ZH_STATED = zh_compile(r"(?:((?:19|20)\d\d)年)?(\d{1,2})月(\d{1,2})[日号][（(]?(?:周|星期|礼拜)([一二三四五六日天])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_COPYRIGHT_YEARS = re.compile(r"(?i)(?:©|&copy;|\(c\)|copyright)[^\n<]{0,30}")


def page_year(page: str) -> int | None:
    """The latest year a page's copyright lines give ("© 2019-2026 …" -> 2026): the year the page was served."""
    years = [int(y) for m in _COPYRIGHT_YEARS.finditer(page) for y in _YEAR.findall(m.group())]
    return max(years) if years else None


def _weekday_year(month: int, day: int, weekday: int, latest: int | None) -> int | None:
    """The latest year up to ``latest`` in which month/day falls on ``weekday`` (within 11 years), else None."""
    for y in range(latest, latest - 12, -1) if latest else ():
        try:
            if date(y, month, day).weekday() == weekday:
                return y
        except ValueError:
            return None  # (February 30th)
    return None


def stated_day(text: str, latest_year: int | None = None) -> date | None:
    """The latest day the text reports something as past on, naming its weekday ("said on Thursday, March 19";
    "3月19日（周四）"); a day without its year takes the latest year up to ``latest_year`` on which it falls on that
    weekday. A day whose weekday contradicts its year, or stated in a sentence about what is ahead ("will
    report on Thursday, March 26"), does not count. None when there is no such day."""
    days = []
    for m in _EN_STATED.finditer(text):
        head, mon, d, y = m.groups()
        days.append((m.start(), m.end(), _DAY_HEADS.index(head.lower()), MONTH_NUM[mon[:3].lower()],
                     int(d), int(y) if y else None))
    for m in _ZH_STATED.finditer(text):
        y, mon, d, wd = m.groups()
        days.append((m.start(), m.end(), ZH_WEEKDAYS[wd], int(mon), int(d), int(y) if y else None))
    out = []
    for a, e, wd, mon, d, y in days:
        lo = max(0, a - 400)
        end = _END_MARK.search(text, e, e + 400)
        if FUTURE.search(text[max(lo - 1, max(text.rfind(c, lo, a) for c in _END_MARKS)) + 1:end.end() if end
                              else e + 400]):
            continue
        year = y if y else _weekday_year(mon, d, wd, latest_year)
        try:
            day = date(year, mon, d) if year else None
        except ValueError:
            continue
        if day and day.weekday() == wd:
            out.append(day)
    return max(out) if out else None


def event_days(mentions: list[tuple[int, str]]) -> frozenset:
    """The weekdays of mentions that are not scheduled ('future'): the days the text reports events on."""
    return frozenset(w for w, sense in mentions if sense != "future")


def event_weekdays(text: str) -> frozenset:
    return event_days(weekday_mentions(text))


def _sense(sentence: str) -> str:
    if SAME_DAY.search(sentence):
        return "same"
    return "future" if FUTURE.search(sentence) else "past"


def infer_day(floor: date, mentions: list[tuple[int, str]], horizon: int = 7) -> date:
    """The earliest day >= floor consistent with the weekday mentions."""
    same = [w for w, s in mentions if s == "same"]
    if same:
        for k in range(horizon):
            d = floor + timedelta(days=k)
            if d.weekday() == same[0]:
                return d
    return floor
