"""Time phrases in news copy: find them, normalise them, resolve them against an article date.

A phrase is first normalised to a small canonical form (kept as ``when_expr`` on facts and events)
and resolved to an ISO date only when an anchor (the article's publication date) is known:

==========================  ===============================================================
``date:2025-02-14``         a written date with its year
``md:02-14[:past|:next]``   a month and day; the year comes from the anchor
``dom:20[:past|:next]``      a day of the month alone ("20日", Chinese wire style); month and year from the anchor
``weekday:fri:<dir>``       dir = past (on/before anchor), next (on/after), prev (strictly
                            before), after (strictly after), lastweek / thisweek / nextweek
``day:-1``                  yesterday (``day:0`` today, ``day:+1`` tomorrow)
``week:-1``                 Monday of last week (``week:0``, ``week:+1``)
``month:-1``                first day of last month (``month:0``, ``month:+1``)
``ytd`` / ``since:01-13``   as-of the anchor (the period is kept by the caller)
``tday:-1``                 the previous trading day (exchange calendar when given)
==========================  ===============================================================
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import warnings
from functools import lru_cache

from ..clean.zhscript import to_simplified, zh_compile

log = logging.getLogger(__name__)

__all__ = ["resolve_when", "find_time_expressions", "normalise_expr", "has_future_marker", "reresolve",
           "to_date"]

_WD = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_WD_EN = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_WD_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# capitalised words that name a day or a month (no subject, no part of a name: "Tuesday's close", "Monday Arista")
CALENDAR_WORDS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
                           "June July August September October November December Today Yesterday".split())
_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                            "nov", "dec"])}
_MON_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"

_EN_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (zh_compile(rf"\b(?:since|from)\s+({_MON_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"), "since"),
    # a month without its day ("more than doubled since January", "since the start of March 2025"): its first day
    (zh_compile(rf"\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?({_MON_RE})\b(?!\.?\s+\d{{1,2}}\b)(?:\s+(\d{{4}}))?"),
     "since_month"),
    (zh_compile(rf"\b({_MON_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*(?:-|–|and|to)\s*\d{{1,2}}\b)?"
                rf"(?:,?\s+(\d{{4}}))?"), "md"),
    (zh_compile(rf"\b(\d{{1,2}})\s+({_MON_RE})\b(?:\s+(\d{{4}}))?"), "dm"),
    (zh_compile(r"\b(?:(last|next|this|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
                re.I), "weekday"),
    (zh_compile(r"\b(year[- ]to[- ]date|so far this year|so far in (?:19|20)\d\d|this year|since the (?:start|"
                r"beginning) of (?:the|this) year|for the year|YTD)\b", re.I), "ytd"),
    (zh_compile(r"\b(yesterday|today|tomorrow)\b", re.I), "day"),
    (zh_compile(r"\b(last|this|next|the previous|for the|the coming)\s+(week|month)\b", re.I), "period"),
    (zh_compile(r"\b(?:the\s+)?(?:previous|prior|last)\s+(?:trading\s+)?(?:day|session)\b", re.I), "tday"),
]
_EN_HINTS = {"since": ("since", "from"), "since_month": ("since",), "md": tuple(_MONTHS), "dm": tuple(_MONTHS),
             "weekday": ("day",),
             "ytd": ("year", "ytd"), "day": ("day", "tomorrow"), "period": ("week", "month"),
             "tday": ("day", "session")}
# the month names of the case-sensitive patterns (since, md, dm) start with a capital: one of these is in the
# sentence as written
_EN_CASED_HINTS = {"since": tuple(m.capitalize() for m in _MONTHS),
                   "since_month": tuple(m.capitalize() for m in _MONTHS), "md": tuple(m.capitalize() for m in _MONTHS),
                   "dm": tuple(m.capitalize() for m in _MONTHS)}
_ZH_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (zh_compile(r"(?:自|从)(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:以来|起)"), "since"),
    (zh_compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]"), "md"),
    # a day of the month alone, as Chinese wires write the day ("纽约股市三大股指1日收涨", "将于20日公布"; not "3月20日",
    # "连续3日", "30日均线", "近5日")
    # (nor the end of a range, "3月18日至19日")
    (zh_compile(r"(?<![\d月第每近至到~～\-–—])(?<!连续)(?<!過去)(?<!过去)(?:本月)?(\d{1,2})[日号]"
                r"(?![均线線内內以前后後起电電])"), "dom"),
    (zh_compile(r"(上|下|本|这|這|今|上个|下个)?(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])"), "weekday"),
    (zh_compile(r"(今年以来|今年以來|年初至今|年初以来|年内|年內|今年迄今)"), "ytd"),
    (zh_compile(r"(昨日|昨天|今日|今天|明日|明天|前一日)"), "day"),
    (zh_compile(r"(上|本|下|这|這)(?:一|个|個)?(周|週|星期|月)"), "period"),
    (zh_compile(r"(?:前一|上一|上个|上個)(?:个|個)?交易日"), "tday"),
]
_FUTURE_EN = re.compile(r"\b(will|is scheduled|are scheduled|scheduled (?:to|for)|is set to|are set to|is due|"
                        r"are due|due (?:to|on|next)|is expected to|are expected to|plans? to|planned to|upcoming|"
                        r"ahead of|before (?:its|the)|later this|next (?:week|month)|to be held|takes? effect|"
                        r"will be|would)\b", re.I)
_FUTURE_ZH = zh_compile(r"将|將|定于|定於|计划|計劃|预计|預計|即将|即將|拟于|擬於|下周|下週|下月|下个月")


def to_date(anchor: str | dt.date | dt.datetime | None) -> dt.date | None:
    """An anchor as a date (ISO strings may carry a time part)."""
    if anchor is None:
        return None
    if isinstance(anchor, dt.datetime):
        return anchor.date()
    if isinstance(anchor, dt.date):
        return anchor
    try:
        return dt.date.fromisoformat(str(anchor)[:10])
    except ValueError:
        return None


# every _FUTURE_EN match contains one of these (lower case)
_FUTURE_HINTS_EN = ("will", "schedul", "set to", "due", "expected", "plan", "upcoming", "ahead", "before", "later",
                    "next", "held", "effect", "would")
# the only non-ASCII characters that re.IGNORECASE matches with ASCII ones (İ, ı, ſ, the Kelvin sign)
_ASCII_FOLDING = ("\u0130", "\u0131", "\u017f", "\u212a")


def may_contain(text: str, hints: tuple[str, ...]) -> bool:
    """False only when a case-insensitive pattern (re.I) each of whose matches contains one of ``hints`` (lower
    case ASCII) cannot match ``text``: a cheap test before the pattern."""
    if not text.isascii() and any(c in text for c in _ASCII_FOLDING):
        return True
    return any(map(text.lower().__contains__, hints))


def has_future_marker(sentence: str, lang: str = "en") -> bool:
    """True when the sentence talks about something scheduled ("will", "is due to", "将于")."""
    if lang.startswith("zh"):
        return bool(_FUTURE_ZH.search(sentence))
    return may_contain(sentence, _FUTURE_HINTS_EN) and bool(_FUTURE_EN.search(sentence))


def _month(tok: str) -> int:
    return _MONTHS[tok[:3].lower()]


month_number = _month  # the number of a month's English name or abbreviation ("March", "Sept" -> 3, 9)


class _Simplified:
    """A match whose groups read in simplified characters ("下個週三" as "下个周三"), for the lookups below."""
    __slots__ = ("m",)

    def __init__(self, m: re.Match[str]):
        self.m = m

    def group(self, *args):
        g = self.m.group(*args)
        return to_simplified(g) if isinstance(g, str) else g


def _norm_match(kind: str, m: re.Match[str], lang: str, future: bool) -> str | None:
    direction = "next" if future else "past"
    zh = lang.startswith("zh")
    if zh:
        m = _Simplified(m)  # type: ignore[assignment]
    if kind == "since":
        if zh:
            y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
        else:
            mo, d, y = _month(m.group(1)), int(m.group(2)), m.group(3)
        return f"since:{y}-{mo:02d}-{d:02d}" if y else f"since:{mo:02d}-{d:02d}"
    if kind == "since_month":
        mo, y = _month(m.group(1)), m.group(2)
        return f"since:{y}-{mo:02d}-01" if y else f"since:{mo:02d}-01"
    if kind in ("md", "dm"):
        if zh:
            y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
        elif kind == "md":
            mo, d, y = _month(m.group(1)), int(m.group(2)), m.group(3)
        else:
            d, mo, y = int(m.group(1)), _month(m.group(2)), m.group(3)
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return f"date:{y}-{mo:02d}-{d:02d}" if y else f"md:{mo:02d}-{d:02d}:{direction}"
    if kind == "dom":
        d = int(m.group(1))
        return f"dom:{d:02d}:{direction}" if 1 <= d <= 31 else None
    if kind == "weekday":
        if zh:
            mod, wd = m.group(1), _WD_ZH[m.group(2)]
            mode = {"上": "lastweek", "上个": "lastweek", "下": "nextweek", "下个": "nextweek", "本": "thisweek",
                    "这": "thisweek", "這": "thisweek", "今": "thisweek"}.get(mod or "", direction)
        else:
            mod, wd = (m.group(1) or "").lower(), _WD_EN[m.group(2).lower()]
            mode = {"last": "prev", "next": "after", "this": "thisweek", "coming": "after"}.get(mod, direction)
        return f"weekday:{_WD[wd]}:{mode}"
    if kind == "ytd":
        return "ytd"
    if kind == "day":
        t = m.group(1).lower()
        off = {"yesterday": -1, "昨日": -1, "昨天": -1, "前一日": -1, "today": 0, "今日": 0, "今天": 0,
               "tomorrow": 1, "明日": 1, "明天": 1}[t]
        return f"day:{off:+d}" if off else "day:0"
    if kind == "period":
        if zh:
            rel, unit = m.group(1), m.group(2)
            off = {"上": -1, "本": 0, "这": 0, "這": 0, "下": 1}[rel]
            unit = "month" if unit == "月" else "week"
        else:
            rel, unit = m.group(1).lower(), m.group(2).lower()
            off = {"last": -1, "the previous": -1, "this": 0, "for the": 0, "next": 1,
                   "the coming": 1}[rel]
        return f"{unit}:{off:+d}" if off else f"{unit}:0"
    if kind == "tday":
        return "tday:-1"
    return None


def find_time_expressions(sentence: str, lang: str, future: bool | None = None) -> list[tuple[int, int, str]]:
    """Time phrases in a sentence as (start, end, normalised expression), left to right, non-overlapping.

    ``future`` decides how bare weekdays and month-days resolve (next vs. most recent); when None it is
    guessed from the sentence ("will", "is scheduled to", "将于" ...).
    """
    zh = lang.startswith("zh")
    if future is None:
        future = has_future_marker(sentence, lang)
    found: list[tuple[int, int, str]] = []
    low = sentence.lower()
    for pat, kind in (_ZH_PATTERNS if zh else _EN_PATTERNS):
        if not zh and (not any(h in low for h in _EN_HINTS[kind])
                       or kind in _EN_CASED_HINTS and not any(h in sentence for h in _EN_CASED_HINTS[kind])):
            continue  # cheap substring tests before the full pattern
        for m in pat.finditer(sentence):
            expr = _norm_match(kind, m, lang, future)
            if expr:
                found.append((m.start(), m.end(), expr))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, str]] = []
    for item in found:
        if out and item[0] < out[-1][1]:
            continue
        pair = out[-1][2].split(":")[0] + "+" + item[2].split(":")[0] if out else ""
        if pair in _WEEKDAY_AND_DATE and _WEEKDAY_DATE_GAP.fullmatch(sentence, out[-1][1], item[0]):
            # "on Wednesday, April 29", "周三（4月29日）", "3月25日（周三）": one phrase, the date's
            end = item[1] + (sentence[item[1]:item[1] + 1] in ")）")
            out[-1] = (out[-1][0], end, item[2] if pair.startswith("weekday") else out[-1][2])
            continue
        out.append(item)
    return out


_WEEKDAY_DATE_GAP = re.compile(r"\s*[,，(（]?\s*")
_WEEKDAY_AND_DATE = frozenset(("weekday+md", "weekday+date", "md+weekday", "date+weekday"))


_CANONICAL = re.compile(r"^(date|md|dom|weekday|day|week|month|since|tday):")
_DIRECTED = re.compile(r"^(next|past|future):\s*(.+)$", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def normalise_expr(expr: str, lang: str = "en") -> str | None:
    """A raw phrase ("on Friday", "上周五", "next:Thursday") or a canonical one, as the canonical form."""
    e = expr.strip()
    if _CANONICAL.match(e) or e == "ytd":
        return e
    m = _DIRECTED.match(e)
    future = None
    if m:
        future = m.group(1).lower() in ("next", "future")
        e = m.group(2)
    if lang == "en" and _HAN.search(e):
        lang = "zh"
    found = find_time_expressions(e, lang, future)
    return found[0][2] if found else None


@lru_cache(maxsize=8)
def _calendar(exchange: str):  # pragma: no cover - depends on the installed calendars
    try:
        import exchange_calendars as xcals

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return xcals.get_calendar(exchange)
    except Exception as exc:  # noqa: BLE001 - an unknown code or a data problem: fall back to weekdays
        log.warning("no trading calendar for %s: %s", exchange, exc)
        return None


def _previous_trading_day(anchor: dt.date, exchange: str | None) -> dt.date:
    cal = _calendar(exchange) if exchange else None
    if cal is not None:
        try:
            import pandas as pd

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                session = cal.date_to_session(pd.Timestamp(anchor), direction="next")
                return cal.previous_session(session).date()
        except Exception as exc:  # noqa: BLE001 - anchor outside the calendar's range
            log.debug("calendar lookup failed for %s: %s", anchor, exc)
    d = anchor - dt.timedelta(days=1)
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def _md(a: dt.date, mo: int, d: int, direction: str) -> dt.date | None:
    cands = []
    for y in (a.year - 1, a.year, a.year + 1):
        try:
            cands.append(dt.date(y, mo, d))
        except ValueError:
            continue
    if not cands:
        return None
    if direction == "past":
        ok = [c for c in cands if c <= a + dt.timedelta(days=1)]
        return max(ok) if ok else None
    if direction == "next":
        ok = [c for c in cands if c >= a - dt.timedelta(days=1)]
        return min(ok) if ok else None
    return min(cands, key=lambda c: abs((c - a).days))


def resolve_when(expr: str | None, anchor: str | dt.date | None, lang: str = "en",
                 exchange: str | None = None) -> str | None:
    """Resolve a time phrase (raw or canonical) against the anchor date; an ISO date or None."""
    a = to_date(anchor)
    if a is None or not expr:
        return None
    e = normalise_expr(expr, lang)
    if not e:
        return None
    parts = e.split(":")
    head = parts[0]
    try:
        if e == "ytd" or head == "since":
            return a.isoformat()
        if head == "date":
            return dt.date.fromisoformat(parts[1]).isoformat()
        if head == "md":
            mo, d = (int(x) for x in parts[1].split("-"))
            r = _md(a, mo, d, parts[2] if len(parts) > 2 else "near")
            return r.isoformat() if r else None
        if head == "dom":
            return _dom(a, int(parts[1]), parts[2] if len(parts) > 2 else "past")
        if head == "day":
            return (a + dt.timedelta(days=int(parts[1]))).isoformat()
        if head == "week":
            monday = a - dt.timedelta(days=a.weekday())
            return (monday + dt.timedelta(weeks=int(parts[1]))).isoformat()
        if head == "month":
            k = a.year * 12 + a.month - 1 + int(parts[1])
            return dt.date(k // 12, k % 12 + 1, 1).isoformat()
        if head == "tday":
            return _previous_trading_day(a, exchange).isoformat()
        if head == "weekday":
            wd, mode = _WD.index(parts[1]), parts[2] if len(parts) > 2 else "past"
            monday = a - dt.timedelta(days=a.weekday())
            if mode == "lastweek":
                r = monday - dt.timedelta(weeks=1) + dt.timedelta(days=wd)
            elif mode == "nextweek":
                r = monday + dt.timedelta(weeks=1, days=wd)
            elif mode == "thisweek":
                r = monday + dt.timedelta(days=wd)
            elif mode in ("next", "after"):
                delta = (wd - a.weekday()) % 7
                if mode == "after" and delta == 0:
                    delta = 7
                r = a + dt.timedelta(days=delta)
            else:  # past / prev
                delta = (a.weekday() - wd) % 7
                if mode == "prev" and delta == 0:
                    delta = 7
                r = a - dt.timedelta(days=delta)
            return r.isoformat()
    except (ValueError, IndexError) as exc:
        log.debug("cannot resolve %r: %s", e, exc)
    return None


def _dom(a: dt.date, d: int, direction: str) -> str | None:
    """The day ``d`` of the anchor's month, or of the month after (``next``, when that day has passed) or before
    (``past``, when it is still to come); None when that month has no such day."""
    k = a.year * 12 + a.month - 1
    if direction == "next" and d < a.day:
        k += 1
    elif direction != "next" and d > a.day:
        k -= 1
    try:
        return dt.date(k // 12, k % 12 + 1, d).isoformat()
    except ValueError:
        return None


def reresolve(items: list, anchor: str | dt.date | None, lang: str = "en", exchange: str | None = None) -> list:
    """Fill ``when`` on facts/events from their ``when_expr`` once the anchor is known (in place)."""
    for it in items:
        expr = getattr(it, "when_expr", None)
        if expr:
            it.when = resolve_when(expr, anchor, lang, exchange)
    return items


# the time zone a market trades in, by exchange name as the entity base writes it (first listed wins)
EXCHANGE_TZ = {"HKEX": "Asia/Hong_Kong", "SSE": "Asia/Shanghai", "SZSE": "Asia/Shanghai", "NYSE": "America/New_York",
               "Nasdaq": "America/New_York", "NASDAQ": "America/New_York", "OTC": "America/New_York",
               "TSE": "Asia/Tokyo", "JPX": "Asia/Tokyo", "KRX": "Asia/Seoul", "LSE": "Europe/London",
               "XETRA": "Europe/Berlin", "Euronext": "Europe/Paris", "SGX": "Asia/Singapore", "SIX": "Europe/Zurich",
               "TWSE": "Asia/Taipei", "BME": "Europe/Madrid", "Borsa Italiana": "Europe/Rome", "NSE": "Asia/Kolkata"}


# the exchange_calendars code of an exchange, by name as the entity base writes it
EXCHANGE_MIC = {"HKEX": "XHKG", "SSE": "XSHG", "SZSE": "XSHG", "NYSE": "XNYS", "Nasdaq": "XNAS", "NASDAQ": "XNAS",
                "OTC": "XNYS", "TSE": "XTKS", "JPX": "XTKS", "KRX": "XKRX", "LSE": "XLON", "XETRA": "XETR",
                "Euronext": "XPAR", "SGX": "XSES", "SIX": "XSWX", "TWSE": "XTAI", "BME": "XMAD", "Borsa Italiana": "XMIL",
                "NSE": "XBOM"}  # (NSE and BSE keep one holiday list; exchange_calendars has BSE's)


# the exchange of a financial centre a sentence names for a figure ("fell 3.1% in Tokyo", "closed … in London")
PLACE_EXCHANGE = {"Tokyo": "TSE", "Hong Kong": "HKEX", "London": "LSE", "Shanghai": "SSE", "Shenzhen": "SZSE",
                  "Frankfurt": "XETRA", "Paris": "Euronext", "Amsterdam": "Euronext", "Zurich": "SIX", "Seoul": "KRX",
                  "Taipei": "TWSE", "Singapore": "SGX", "Mumbai": "NSE", "Madrid": "BME", "Milan": "Borsa Italiana",
                  "New York": "NYSE"}


def _exchange(entity) -> str:
    return ((getattr(entity, "meta", None) or {}).get("exchange") or "").split(";")[0].strip()


def market_session(published: str | None, entity=None, exchange: str | None = None) -> str | None:
    """The trading session a market figure without a time phrase reports ("shares rose 2%"): on the entity's
    exchange calendar (or ``exchange``'s, a market the sentence names: "fell 3.1% in Tokyo"), the session in
    progress or last closed at the publication instant, so that a report published before the open (or over a
    weekend) is about the previous session. None when the publication has no time with an offset, the entity no
    known exchange, or the instant lies outside the calendar."""
    if not published or len(published) <= 10 or entity is None and exchange is None:
        return None
    mic = EXCHANGE_MIC.get(exchange or _exchange(entity))
    return _session_at(published, mic) if mic else None


@lru_cache(maxsize=4096)
def _session_at(published: str, mic: str) -> str | None:
    try:
        moment = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    cal = _calendar(mic)
    if cal is None:  # pragma: no cover - depends on the installed calendars
        return None
    try:
        import pandas as pd

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            minute = pd.Timestamp(moment).tz_convert("UTC").floor("min")
            return cal.minute_to_session(minute, direction="previous").date().isoformat()
    except Exception as exc:  # noqa: BLE001 - outside the calendar's range
        log.debug("no session for %s on %s: %s", published, mic, exc)
        return None


def market_anchor(published: str | None, entity=None, exchange: str | None = None) -> str | None:
    """The article's date as the market it talks about saw it: a publication time with an offset
    ("2025-02-16T21:12:00-05:00") becomes the local date of the entity's exchange (or ``exchange``'s: the next
    morning in Hong Kong), so "on Monday" means that market's Monday. Dates without a time are kept."""
    if not published or len(published) <= 10 or entity is None and exchange is None:
        return published
    tz_name = EXCHANGE_TZ.get(exchange or _exchange(entity))
    if not tz_name:
        return published
    try:
        from zoneinfo import ZoneInfo

        moment = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            return published
        return moment.astimezone(ZoneInfo(tz_name)).date().isoformat()
    except (ValueError, KeyError):
        return published
