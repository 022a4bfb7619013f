"""Metadata of an article found in flattened text: authors, publication date, publisher, attribution.

Only the article's own header zone (the lines between its title and its body) is read for the date and
the byline: dates in related lists, "3 hours ago" lists, copyright lines and cookie notices below or
beside the article are never the article's date.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from ..link.background import is_common_word, zipf
from . import lines as L
from .html_meta import (_ROLE_WORDS, _SENTENCE_BY, _ZH_NOT_NAMES, _ZH_SURNAMES, ORG_WORDS, chinese_byline,
                        clean_authors, outlet_credit)
from .zhscript import all_forms, to_simplified, zh_compile

TZ_OFFSETS = {"ET": -5, "EST": -5, "EDT": -4, "CT": -6, "PT": -8, "PST": -8, "PDT": -7, "GMT": 0, "UTC": 0,
              "BST": 1, "CET": 1, "CEST": 2, "HKT": 8, "SGT": 8, "CST": 8, "JST": 9, "KST": 9}
# a zone named without its season ("4:20 p.m. ET") keeps the clock its place keeps on that day: EDT in summer
SEASONAL_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
MONTH_NUM = {m: i for i, ms in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1) for m in [ms]}
# the time after a date: "…, 2026, 4:20 p.m. ET", "… 2026 at 16:20 GMT+8", "… 2026 / 04:20 PM EDT",
# "… 2026 | 16.20 BST"
_TIME = (r"(?:(?:,?\s+|\s*[/|·•–—]\s*|,\s*)(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<min>\d{2})(?![\d%])\s*(?P<ampm>[ap]\.?m\.?)?"
         r"\s*(?P<tz>[A-Z]{2,4})?(?P<off>[+-]\d{1,2}(?::?\d{2})?\b)?)?")
# (a month glued to the name or word before it - "by Jane DoeNovember 20, 2007", flattened from two elements -
# starts a date too when it opens with a capital, as lines.ABS_DATE reads it)
EN_DATE = re.compile(
    r"(?i)(?:\b|(?<=[a-z0-9])(?-i:(?=[A-Z])))(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?[.,]?\s+"
    r"(?P<year>\d{4})" + _TIME)
EN_DATE_DMY = re.compile(
    r"(?i)\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?P<year>\d{4})"
    + _TIME)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?:[ T](?P<hour>\d{1,2}):(?P<min>\d{2}))?")
# "19-Dec-2025", "19 Dec. 2025" is EN_DATE_DMY; numeric day/month/year: "19/12/2025", "03/01/2017"
EN_DATE_DASHED = re.compile(
    r"(?i)\b(?P<day>\d{1,2})-(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*-(?P<year>(?:19|20)\d{2})\b")
NUM_DMY = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d{2})\b")
ZH_DATE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<mon>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日(?:\s*(?P<hour>\d{1,2})[:：](?P<min>\d{2}))?")
UPDATED = re.compile(r"(?i)^\s*(?:(?:page\s+)?(?:last\s+)?(?:updated|modified)|更新)")  # ("Page last modified …")
COPYRIGHT = zh_compile(r"(?i)©|copyright|all rights reserved|版权所有")
# "(Bloomberg) --", "HONG KONG (Reuters) -", "HONG KONG, March 18 (Harbour Wire) —", "LONDON, Feb 13, 2026 (X) -"
ATTRIBUTION = re.compile(
    r"^\s*(?:[A-Z][A-Z .'/-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*(?:19|20)\d{2})?)?\s*)?"
    r"\((?P<src>[A-Z][\w&.' -]{1,40}?)(?:/[\w&.' -]+)?\)\s*[-–—:]"
    # a release's dateline: "SAN JOSE, Calif., Dec. 7, 2026 /PRNewswire/ --"
    r"|^\s*[A-Z][\w .,'’-]{1,80}?\s/(?P<wire>[A-Z][\w&.' -]{1,40}?)/\s*(?:--|[-–—])")
# the date in a release's or a wire's dateline at the start of the body ("SAN JOSE, Calif., Dec. 7, 2026 /X/ --",
# "HONG KONG, March 18, 2026 (Wire) —")
DATELINE_DATE = re.compile(r"^\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?,"
                           r"(?P<rest>[^/()\n]{4,60}?)\s*(?:/[^/\n]{2,40}/|\([^)\n]{2,40}\))?\s*(?:--|[–—]|-(?=\s))")
NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$|^[a-z]{1,3}$")


class MetaLines(list):
    """An article's header lines (between its title and its body), plus the other places of a flattened
    page where its own byline and date sit, read only when the header names nothing:
    `near` - lines inside the article's span that are not body ("Posted by X on <date>" between sections);
    `head` - the short lines among the first lines of the span, body or not (a byline or date line under
    the lede); `above` - the lines right above the title (a date line over the headline);
    `lead` / `end` - the first and last body lines ("（记者 X）" opening, "Reporting by X" closing);
    `tail` - the first lines right below the body ("Written by X", "（责任编辑：X）", "本贴由X于…发表");
    `upper` - the lines above the body start, further up than the header (a byline block under a headline
    that a table of contents or an ad separates from the text); `bottom` - the lines below the body, up to
    the page end (an author box: the name, then a sentence about that person); `lower` - the words the
    article's text writes in lower case (a capitalised line made of them is a heading, not a name); `top` -
    the first line of the page (on a personal site, the owner's name)."""

    def __init__(self, header=(), *, titled: bool = False, near=(), head=(), above=(), lead=(), end=(), tail=(),
                 upper=(), bottom=(), lower=frozenset(), top=(), foot=()):
        super().__init__(header)
        self.foot = list(foot)  # the last lines of the article's span, body or not (an author box's name line)
        self.top = list(top)
        self.lower = frozenset(lower)  # the words the article's text writes in lower case (see common_words)
        self.titled = titled  # the lines start right under the article's title
        self.near, self.head, self.above = list(near), list(head), list(above)
        self.lead, self.end, self.tail = list(lead), list(end), list(tail)
        self.upper, self.bottom = list(upper), list(bottom)


def lower_words(body: list[str]) -> frozenset[str]:
    """The words a text writes in lower case ("strategy", "courses"): common words, not names."""
    return frozenset(w for w in re.findall(r"\b[a-z][a-z'’-]+\b", " ".join(body)) if len(w) >= 3)


def common_words(line: str, lower: frozenset[str]) -> bool:
    """At least half the words of a capitalised line are words the text writes in lower case: "Backup
    Strategy", "Web Courses Defined" are headings, not a person's name ("Jane Doe")."""
    toks = [t.strip(".,:;!?'’").lower() for t in line.split()]
    return bool(toks) and 2 * sum(t in lower for t in toks) >= len(toks)


def _mk(year: int, mon: int, day: int, hour=None, minute=None, tz: str | float | None = None) -> str | None:
    """ISO date, or date-time (with its offset when ``tz`` is a known zone name or an offset in hours)."""
    try:
        d = datetime(year, mon, day)
    except ValueError:
        return None
    if hour is None:
        return d.date().isoformat()
    try:
        d = d.replace(hour=int(hour), minute=int(minute or 0))
    except ValueError:  # "25:00": keep the day, drop an impossible time
        return d.date().isoformat()
    if isinstance(tz, str) and tz in SEASONAL_ZONES:
        from zoneinfo import ZoneInfo
        return d.replace(tzinfo=ZoneInfo(SEASONAL_ZONES[tz])).isoformat()
    hours = TZ_OFFSETS.get(tz) if isinstance(tz, str) else tz
    if hours is not None and -14 <= hours <= 14:
        return d.replace(tzinfo=timezone(timedelta(hours=hours))).isoformat()
    return d.isoformat()


def _offset(tz: str | None, off: str | None) -> str | float | None:
    """A zone name, or the hours of an offset written after GMT/UTC ("GMT+8", "UTC-05:00", "GMT+5:30")."""
    if off and tz in ("GMT", "UTC"):
        digits = off[1:].replace(":", "")
        h, m = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        return (1 if off[0] == "+" else -1) * (int(h) + int(m) / 60)
    return tz


def _written(m: re.Match) -> str | None:
    """A date written with its month's name (EN_DATE, EN_DATE_DMY), with the time and zone after it if any."""
    hour = m.group("hour")
    if hour is not None:
        h = int(hour) % 12 if m.group("ampm") else int(hour)
        if m.group("ampm") and m.group("ampm").lower().startswith("p"):
            h += 12
        hour = h
    return _mk(int(m.group("year")), MONTH_NUM[m.group("mon").lower()[:3]], int(m.group("day")),
               hour, m.group("min"), _offset((m.group("tz") or "").upper() or None, m.group("off")))


def parse_date(s: str) -> str | None:
    """The first absolute date in `s` as ISO (date, or date-time with offset when a zone is given)."""
    m = EN_DATE.search(s)
    if m:
        return _written(m)
    for rx in (ZH_DATE, ISO_DATE):
        m = rx.search(s)
        if m:
            return _mk(int(m.group("year")), int(m.group("mon")), int(m.group("day")), m.group("hour"), m.group("min"))
    m = EN_DATE_DMY.search(s)
    if m:
        return _written(m)
    m = EN_DATE_DASHED.search(s)
    if m:
        return _mk(int(m.group("year")), MONTH_NUM[m.group("mon").lower()[:3]], int(m.group("day")))
    m = NUM_DMY.search(s)
    if m:  # a first number over 12 is the day (19/12/2025); with dots the day comes first (03.12.2026, as
        # written in Europe; no one writes month.day.year); otherwise month/day, the common web order
        a, b = int(m.group("a")), int(m.group("b"))
        mon, day = (b, a) if a > 12 or (m.group("sep") == "." and b <= 12) else (a, b)
        return _mk(int(m.group("year")), mon, day)
    return None


# the heading of a list of other stories, alone on its line ("Most Popular", "Related Posts", "Recent
# Articles"): the dates and names after it in a header zone are those stories'
LIST_HEAD = L.LIST_HEAD


def _own(header: list[str]) -> list[str]:
    """The header's lines up to the heading of a list of other stories."""
    for i, line in enumerate(header):
        if LIST_HEAD.match(line):
            return list(header[:i])
    return list(header)


def header_date(header: list[str]) -> str | None:
    """The publication date from the header zone: the first dated line that is not an update or copyright.
    When the header has none (see MetaLines): a short date line among the first lines of the article's
    span, then a date the page labels as the publication's ("Posted by X on <date>", "Published: <date>",
    "发表于 <date>", "本贴由X于<date>…") inside the span or right below the body; last, such a labelled
    date further below the body (an article footer under notes or references: "Published on <date>").
    A header zone ends at the heading of a list of other stories ("Most Popular", "Related Posts")."""
    if isinstance(header, MetaLines):
        d = _doc_field(list(header) + header.upper[-30:], ZH_WRITTEN_DATE)
        d = d and parse_date(d)
        if d:
            return d
    d = _zone_date(_own(header))
    if d or not isinstance(header, MetaLines):
        return d
    return _zone_date(header.head, short=True) or labelled_date(header.near) \
        or _zone_date(header.above[::-1], short=True) or labelled_date(header.tail) or _post_footer_date(header.tail) \
        or _zone_date(header.head, short=True, updates=True) \
        or byline_block(header.near)[1] or byline_block(header.upper)[1] or labelled_date(header.bottom[:60]) \
        or _modified_date(header.tail + header.bottom[:60])


def _modified_date(lines: list[str]) -> str | None:
    """Last, when the page dates the article nowhere else: the date of a 'Page last modified <date>' /
    'Last updated: <date>' line below it (the only date such pages give)."""
    for line in lines:
        if UPDATED.match(line) and L.word_count(line) <= 12:
            d = parse_date(line)
            if d:
                return d
    return None


# a blog post's footer: its date, then its filing ("Monday, August 11th, 2025 at 11:00 am | Categories: …")
POST_FILING = re.compile(r"(?i)^\s*(?:categories|category|tags|filed under|posted in|comments?)\b")


def _post_footer_date(tail: list[str]) -> str | None:
    """The date of a post footer right below the body: a date line run on into the post's categories or tags
    after a bar."""
    for line in tail:
        head, sep, rest = line.partition(" | ")
        if sep and POST_FILING.match(rest) and _is_date_line(head) and not UPDATED.match(head):
            d = parse_date(head)
            if d:
                return d
    return None


# a label of the publication date before it on the same line (or alone on the line above)
PUB_LABEL = zh_compile(r"(?i)(?:\b(?:published|posted|first published|date published|publication date|release date|"
                       r"written|created|(?:current|accurate|correct) as of)\b(?:\s+(?:on|at))?|"
                       r"\b(?:posted|published|written)\s+by\b.{1,60}?\s(?:on|at)|(?:发表|发布|发帖|发稿|成文|刊登)"
                       r"(?:于|日期|时间)?|(?:本[贴帖]|帖子|此[贴帖])由.{1,16}?于|日期|时间)\s*[:：]?\s*$")


def labelled_date(lines: list[str]) -> str | None:
    """The first date that a label before it calls the publication date: 'Published On: 15 August 2025',
    'Posted by Jane Doe on August 21, 2019', '发表于 2004年12月27日', '本贴由X于2005年8月12日…', '发布时间
    2005/05/17 … by X', or a label alone on the line above the date ('Published' / '2025-03-02'). Updates
    ('Last updated'), copyright lines and relative times ('3 hours ago') are never taken."""
    prev = ""
    for line in lines:
        s = line.strip()
        if not s or COPYRIGHT.search(s) or UPDATED.match(s):
            prev = ""
            continue
        for m in _DATE_RES_ALL.finditer(s):
            before = s[:m.start()]
            if PUB_LABEL.search(before[-60:]) or (not before.strip(" :：-–—|") and PUB_LABEL.search(prev)
                                                  and L.word_count(prev) <= 6):
                d = parse_date(s[m.start():])
                if d:
                    return d
        prev = s
    return None


_DATE_RES_ALL = re.compile("|".join((
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?[.,]?\s+\d{4}",
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}",
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日",
    r"\b(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}",
    r"(?<![\d/.])\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2}\b")), re.I)


def _zone_date(header: list[str], *, short: bool = False, updates: bool = False) -> str | None:
    """The first dated line of a zone that is not an update or copyright (an update as the fallback);
    short: only lines that are little more than a date ('Friday, November 14, 2025', 'Dec 18, 2025 2 min
    read'), as in the first lines of an article's span, where a sentence with a date is body text;
    updates: an 'Updated <date>' line is taken too."""
    fallback = None
    for line in header:
        if L.word_count(line) > 20 and not short:
            m = TRAILING_BY.search(line.strip())  # a deck run on into its byline: "… By Jane Doe on Dec. 19, 2025"
            line = m.group(1) if m else line
        if COPYRIGHT.search(line) or L.word_count(line) > 20 or (short and not _is_date_line(line)) \
                or LIFE_EVENT.search(line):
            continue
        d = parse_date(line)
        if not d:
            continue
        if UPDATED.match(line):
            fallback = fallback or d
            continue
        return d
    return fallback if (updates or not short) else None


# a date in a life or a company's history ("was born on April 2, 1931", "founded in May 1998"), never the
# publication's
LIFE_EVENT = zh_compile(r"(?i)\b(?:born|died|passed away|founded|established|incorporated|married)\s+(?:on|in)\b|"
                        r"出生于|生于|逝世于|成立于|创立于")


UI_WORDS = frozenset("""icon button arrow logo image photo menu share follow subscribe email twitter facebook
linkedin instagram whatsapp print comments comment newsletter sign login bio profile more contents search""".split())
# the words of a byline's label ("Written By", "Posted by", "Reviewed By"): a label whose name did not survive
# flattening (an image or a widget) is left alone on its line and is no name
LABEL_WORDS = frozenset("by written posted authored reviewed edited".split())


# "ChecklistsJust EngagedWedding": menu words run together (twice or more: a single "SiteName" is a brand)
GLUED = re.compile(r"[a-z]{4,}[A-Z][a-z]")


# words of a page's links, controls and credits, never of a person's or an outlet's name ("All Articles",
# "Copy link", "View PDF HTML (experimental)", "The Team, edited by Walter")
_CONTROL_WORDS = UI_WORDS | LABEL_WORDS | frozenset("""all articles posts insights stories latest directory view read see
copy link pdf html download experimental listen watch save bookmark""".split())


def _looks_name(s: str) -> bool:
    toks = s.replace(",", " ").split()
    words = {t.lower().strip(".:") for t in toks}
    if words & _CONTROL_WORDS or len(GLUED.findall(s)) >= 2:
        return False
    return 1 <= len(toks) <= 5 and all(NAME_TOKEN.match(t) for t in toks) and any(t[0].isupper() for t in toks)


# the fields of a Chinese government document's header table ("发文机关：<the issuing body>", "成文日期：<the
# date it was signed>"): the document's author and date (its publication on the site comes later)
ZH_ISSUER = zh_compile(r"(?:发文机关|发文单位|发布机构)\s*[:：]\s*([\u4e00-\u9fff]{2,30})")
ZH_WRITTEN_DATE = re.compile(r"成文日期\s*[:：]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})")


def _doc_field(lines: list[str], rx: re.Pattern) -> str | None:
    for line in lines:
        m = rx.search(line)
        if m:
            return m.group(1)
    return None


def header_authors(header: list[str]) -> list[str]:
    """Names from bylines: "By A and B", "ByA" glued, "March 5, 2024 By A", "By" or "Written by" / "Author" on
    its own line followed by the names, or a bare name line (or "Name • date") right next to a date line.
    When the header names nothing (see MetaLines): the same among the first lines of the article's span,
    then explicit bylines only - "（记者 X）" or "This post was written by X" opening the body, a "By X" /
    "Posted by X" line inside the span, "Written by X" / "Reporting by X" / "（责任编辑：X）" / "本贴由X于…"
    closing the body or right below it. Also: a name shown twice at the top of the article (avatar and
    link), a deck ending "... By X", a sign-off closing the body ("<3 Jane Doe"), an author box below it and,
    last, the owner's name on the first line of a personal site. A byline run on into the role ("Jane Doe
    Garden Editor") gives way to the same name in an author box below the body."""
    names = _zone_authors(_own(header), lower=getattr(header, "lower", frozenset()))
    if not isinstance(header, MetaLines):
        return names
    if names:
        if all(len(n.split()) == 1 and not L.han_count(n) for n in names):
            # a one-word credit ("By jdoe"): a full name in an explicit byline
            # below the body is the same credit spelled out
            full = _closing_authors(header.end + header.tail)
            if full and all(len(n.split()) >= 2 for n in full):
                return full
        if any(len(n.split()) >= 3 for n in names):
            # a byline run on into the role ("Written By: Jane Doe Garden Editor"): the name alone, as an
            # author box below the body spells it ("About the Author" / "Jane Doe")
            box = _labelled_block(header.bottom) or author_box(header.end + header.bottom)
            if box and any(n.startswith(b + " ") for b in box for n in names):
                return box
        return names
    issuer = _doc_field(list(header) + header.upper[-30:], ZH_ISSUER)
    return ([issuer] if issuer else []) or (_zh_name_under_title(header) or _zone_authors(header.head, strict=True, lower=header.lower)
            or _repeated_name(_own(header), header.lower) or _repeated_name(header.head, header.lower)
            or _lead_authors(header.lead)
            or _above_byline(header.above)
            or _name_under_title(header)
            or _by_authors([x for x in header.near if L.word_count(x) <= 25])
            or _closing_authors(header.end + header.tail) or _signed_off(header.end[-1:] + header.tail[:1])
            or _signature(header.end + header.tail[:1])
            or byline_block(header.upper)[0] or _labelled_block(header.bottom)
            or _not_reviewer(author_box((header.foot or header.end) + header.bottom), header.upper + header.head)
            or closing_bios(header.end + header.tail[:2])
            or site_owner(header.top, header.lower, header.bottom)
            or _handle_by(_own(header)))


# "by jdoe" alone on a line: a username credit (lower case, no space), taken when nothing else names anyone;
# a word of the language ("by default", "by design") is a phrase, not a username
HANDLE_BY = re.compile(r"[Bb]y\s+([a-z0-9][\w.-]{2,29})")
HANDLE_MAX_ZIPF = 3.0


def _handle_by(lines: list[str]) -> list[str]:
    for line in lines:
        m = HANDLE_BY.fullmatch(line.strip())
        if m and not m.group(1).isdigit() and zipf(m.group(1).strip(".-"), "en") < HANDLE_MAX_ZIPF:
            return [m.group(1)]
    return []


# a skip link at the very top of a page ("Skip to content", "Skip to main content")
SKIP_LINK = re.compile(r"(?i)^\s*(?:skip|jump)\s+to\b")
# a company's legal form after its name ("Acme Widgets Int.", "Sample Labs LLC")
COMPANY_SUFFIX = frozenset("inc int llc ltd plc gmbh corp co pty limited company group llp sa ag bv".split())


def site_owner(top: list[str], lower: frozenset[str] = frozenset(), bottom: list[str] = ()) -> list[str]:
    """A personal site's owner as the last resort: the page's first line (after a skip link) is a person's
    full name ('Jane Doe', 'Jane Doe//', "Jane Doe's Blog"): words of 3 to 14 letters, none a page, section or
    company word nor one the text writes in lower case; else a Chinese personal name alone on that line (a
    common surname and one or two more characters: a blog's owner); else the same full name as the
    subject of an 'About Jane Doe' entry in the site's menu (`top`: the page's first lines), or the holder of
    the copyright line at the page's foot ('Copyright © 2025 Jane Doe')."""
    if not top:
        return []
    top = [x for x in top if x.strip() and not SKIP_LINK.match(x)]
    name = _owner_name(top[0], lower) if top else None
    if name:
        return [name]
    if top:
        zh = zh_name_line(top[0])
        if len(zh) == 1 and len(zh[0]) <= 3 and zh[0][0] in _ZH_SURNAMES:
            return zh
    for line in top:  # the site menu's "About Jane Doe"
        m = re.match(r"^About\s+(?!(?:the|us|me|our|this)\b)(.+)$", line.strip())
        name = _owner_name(m.group(1), lower) if m and not re.search(r"\b[A-Z]{2,}\b", m.group(1)) else None
        if name:
            return [name]
    for line in list(bottom)[-12:]:
        holder = copyright_line_holder(line.strip())
        name = _owner_name(holder, lower) if holder else None
        if name and not any(t.lower().strip(".") in COMPANY_SUFFIX for t in re.split(r"[\s,]+", line)):
            return [name]
    return []


def _owner_name(line: str, lower: frozenset[str]) -> str | None:
    s = re.sub(r"[\W_]+$", "", line.strip())
    m = re.match(r"^([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2})['’]s\s+(?:[A-Z]\w*\s+)?Blog$", s)
    name = bare_name(m.group(1) if m else s)
    if not name or GLUED.search(name):
        return None
    toks = [t.lower() for t in name.split()]
    if any(not 3 <= len(t) <= 14 or t in lower or t in UI_WORDS or t in ORG_WORDS or t in KIND_WORDS for t in toks):
        return None
    # a brand's later words are common words ('Seeking Returns', 'Market Watchers'); given names may be
    return None if any(is_common_word(t) for t in toks[1:]) else name


def _repeated_name(lines: list[str], lower: frozenset[str] = frozenset(), *, reach: int = 3) -> list[str]:
    """A person's name shown twice within a few lines at the top of an article (an author's avatar and
    the name link: 'Jane Doe' / 'Jane Doe', or 'Jane Doe' / 'x' / 'Jane Doe' / 'Senior Writer'): a byline
    without a label or a date. Not a heading whose words the text writes in lower case."""
    lines = [x.strip() for x in lines if x.strip()]
    for i, line in enumerate(lines):
        name = credited_name(line)
        if name and not common_words(name, lower) and line in lines[i + 1:i + 1 + reach]:
            return [name]
    return []


AUTHOR_LABEL_ONLY = re.compile(r"(?i)^\s*(?:authors?|author\(s\)|(?:written|article|post|story) by|about the authors?)\s*:?\s*$")


def _labelled_block(lines: list[str]) -> list[str]:
    """The names under an 'Author:' / 'Author(s)' / 'Written by' label alone on its line ('Author:' / 'Jane
    Doe' / 'Last Updated:'), the first such block below the body. (A bare 'By' label is left out: related
    stories below an article carry their own.)"""
    lines = [x.strip() for x in lines if x.strip()]
    for i, line in enumerate(lines):
        if AUTHOR_LABEL_ONLY.match(line):
            names = []
            for nxt in lines[i + 1:i + 9]:  # the name lines right under the label (a name on each)
                if not re.sub(r"(?i)\band\b|[,&\s]", "", nxt):
                    continue
                name = credited_name(nxt)
                if not name or NOT_NAME_WORD.search(name):
                    break
                names.append(name)
            if names:
                return names
    return []


def _name_under_title(header: MetaLines) -> list[str]:
    """A person's name alone on the first line under the title, when the article's date stands right above
    the title ("April 18, 2024" / the headline / "Jane Doe" / tags): the byline of a dated header."""
    own = _own(header)
    if not (header.titled and own and header.above and _is_date_line(header.above[-1])):
        return []  # (without the date above, a first line like "In This Section" or a tool's name is no byline)
    name = credited_name(own[0])
    return [name] if name and not section_label(name, header.lower) and not common_words(name, header.lower) else []


def _above_byline(above: list[str]) -> list[str]:
    """An explicit byline among the lines right above the title ('by Jane Doe' / 'Contributing Writer' /
    the headline, or 'Jane Doe' / 'Writer'): the article's own, before bylines of related stories inside the
    article's span."""
    for k, line in enumerate(above):
        s = line.strip()
        if (BY_LINE.match(s) or AUTHOR_LINE.match(s)) and not LABEL_ONLY.match(s) and L.word_count(s) <= 8:
            names = _by_authors([s])
            if names:
                return names
        # a name with its role on the next line ("Jane Doe" / "Writer" / "12/11/25" / the headline)
        nxt = above[k + 1].strip() if k + 1 < len(above) else ""
        if nxt and L.word_count(nxt) <= 4 and _ROLE_WORDS.search(nxt) and bare_name(s):
            return [s]
    return []


def _block_names(lines: list[str], i: int) -> tuple[list[str], int]:
    """The names of an explicit byline at line i ("By Jane Doe", "Author: Jane Doe", or "By" / "Written by" /
    "Author" alone with the name on the next line) and the last line of the byline; ([], i) when none."""
    s = lines[i]
    if L.word_count(s) > 12:
        return [], i
    if LABEL_ONLY.match(s):
        if i + 1 < len(lines):
            nxt = lines[i + 1]
            cut = BYLINE_CUT.sub("", nxt).strip(" ,.:")
            if cut and _looks_name(cut) and not NOT_NAME_WORD.search(cut) and not _is_date_line(nxt):
                return _byline_names(nxt), i + 1
        return [], i
    m = BY_LINE.match(s) or AUTHOR_LINE.match(s)
    if m and m.group(1).strip():
        return _byline_names(m.group(1)), i
    return [], i


# "About Jane Doe", "Written by Jane Doe", "Jane Doe, Senior Editor" heading an author box
BOX_NAME = re.compile(r"^(?:(?i:about(?: the author)?|written by|author)\s*:?\s+)?(?P<name>[^,|]{3,60}?)(?:(?:\s*[,|–—]|\s+-)\s*[^,|]{2,60})?$")
BIO_VERB = re.compile(r"^(?:is|was|has|holds|writes|covers|serves|joined|began|started|lives|loves|spent|brings|"
                      r"specializes|specialises|leads|works|grew|explores|focuses|teaches|helps|enjoys|believes|runs|"
                      r"researches|studies|reports)\b")


REVIEWED_BY = re.compile(r"(?i)\b(?:reviewed|fact[- ]checked|edited|verified)\s+by\s*:?\s*(.{3,60})")


def _not_reviewer(names: list[str], lines: list[str]) -> list[str]:
    """The names, unless the page credits one of them as the piece's reviewer or editor ('Reviewed by: Jane
    Doe'): that person's box below the article is no author box."""
    credited = " ".join(m.group(1) for x in lines for m in [REVIEWED_BY.search(x)] if m)
    return [] if any(n in credited for n in names) else names


def _name_then_role(line: str) -> str | None:
    """'Jane Doe Senior Technology Writer' -> 'Jane Doe': a full name of two words run on into a role (a job
    word in what follows)."""
    toks = line.split()
    if len(toks) < 3 or not _ROLE_WORDS.search(" ".join(toks[2:])):
        return None
    return bare_name(" ".join(toks[:2]))


def author_box(lines: list[str], *, reach: int = 3) -> list[str]:
    """The person of an author box: a name line ('Jane Doe', 'About Jane Doe', 'Jane Doe, Senior Editor') with,
    among the next `reach` lines, a sentence about that person ('Jane Doe is a ...', 'Dr. Doe has ...',
    'Jane has ...'). The first such box wins."""
    lines = [x.strip() for x in lines if x.strip()]
    for i, line in enumerate(lines):
        if L.word_count(line) > 8:
            continue
        m = BOX_NAME.match(line)
        name = bare_name(m.group("name")) if m else None
        if not name and m and re.match(r"(?i)about\s", line):
            name = single_name(m.group("name"))  # "About Jane" / "Jane Doe is a writer ...": the box's own name
        if not name and L.word_count(line) <= 12:
            name = _name_then_role(line)  # "Jane Doe Freelance Science Writer" / "Jane covers ..."
        if not name:
            continue
        toks = name.split()
        for nxt in lines[i + 1:i + 1 + reach]:
            if L.word_count(nxt) < 8:
                continue
            rest = re.sub(r"^(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+", "", nxt)
            for lead in dict.fromkeys((name, toks[0], toks[-1])):
                after = rest[len(lead) + 1:] if rest.startswith(lead + " ") else None
                if after is not None and len(toks) == 1:
                    after = re.sub(r"^[A-Z][\w'’-]+\s+", "", after)  # "Jane Doe is ..." under "About Jane"
                if after is not None and BIO_VERB.match(after):
                    return [name]
    return []


def closing_bios(lines: list[str]) -> list[str]:
    """Contributors' notes closing an opinion piece, one a line: 'Jane Doe is a professor at ...' /
    'John Roe is an associate editor ...' - lines of one sentence that start with a person's full name and
    'is'/'was'; the names of the last run of such lines."""
    names: list[str] = []
    run: list[str] = []
    for line in lines:
        s = line.strip()
        m = re.match(r"^((?:Dr\.\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,2}) (?:is|was) (?:an?|the)?\s*\S", s)
        name = bare_name(re.sub(r"^Dr\.\s+", "", m.group(1))) if m else None
        if name and L.word_count(s) <= 45 and s.count(". ") <= 1:
            run.append(name)
            names = run
        else:
            run = []
    return names


def byline_block(lines: list[str], *, reach: int = 3) -> tuple[list[str], str | None]:
    """(names, date) of the last byline block in a zone: an explicit byline with an absolute date line among
    the `reach` lines after it or the line before it ('By Jane Doe' / 'Dec 18, 2025' / '8 min read';
    'Author' / 'Jane Doe' / 'Updated on' / 'April 19, 2025'). A byline without a date next to it, or a
    date without a byline, is no block: both occur alone in menus and lists of related stories."""
    lines = [x.strip() for x in lines if x.strip()]
    found: tuple[list[str], str | None] = ([], None)
    i = 0
    while i < len(lines):
        names, last = _block_names(lines, i)
        if not names:
            i += 1
            continue
        date = None
        for k in list(range(last + 1, min(len(lines), last + 1 + reach))) + [i - 1]:
            if k < 0 or COPYRIGHT.search(lines[k]) or not _is_date_line(lines[k]):
                continue
            date = parse_date(lines[k])
            if date:
                break
        if date:
            found = (names, date)
        i = last + 1
    return found


# "Reporting by Jane Doe; Editing by John Roe" (wire copy): the reporters
REPORTING_BY = re.compile(r"(?i)^\W*(?:additional )?(?:reporting|written|writing) by\s+(.{3,120}?)(?:;|\s+(?:and )?"
                          r"(?:editing|edited|additional reporting)\b|$)")


def _zh_name_under_title(header: MetaLines) -> list[str]:
    """Chinese articles often put the author's name alone on the line under the headline ('标题' /
    '张三、李四' / text): a line of Chinese names only, first in a header that starts under the title, or
    right under a repeat of the headline."""
    for i, line in enumerate(header[:20]):
        under_headline = i > 0 and L.han_count(header[i - 1]) >= 6 and L.is_title_like(header[i - 1])
        if not ((i == 0 and header.titled) or under_headline):
            continue
        nxt = header[i + 1] if i + 1 < len(header) else ""
        if nxt and L.han_count(nxt) < 6 and not _is_date_line(nxt):
            continue  # a run of short words: a menu ('要闻' / '评论' / ...), not a byline
        names = zh_name_line(line)
        if names:
            return names
    return []


def _lead_authors(lead: list[str]) -> list[str]:
    for line in lead[:2]:
        if L.han_count(line) >= 2:
            names = chinese_byline(line[:80], head=80, tail=0)
            if names:
                return names
        names = _sentence_byline(line)
        if names:
            return names
    return []


def _sentence_byline(line: str) -> list[str]:
    """'This post was written by Jane Doe, MD, a ...': the name and its credentials."""
    m = _SENTENCE_BY.match(" ".join(line.split())[:200])
    return clean_authors([m.group(1) + (m.group(2) or "")]) if m else []


ZH_CREDIT_SPAN = 60


def _closing_authors(lines: list[str]) -> list[str]:
    """Explicit credits in the last body lines and the lines below them."""
    if any(L.han_count(x) >= 2 for x in lines):
        # a credit closes a paragraph or stands on its own line; inside a long paragraph, "记者" is the
        # reporter the story talks about ("记者致电..."), not a credit: only a long line's end is read
        names = chinese_byline("\n".join(x if len(x) <= ZH_CREDIT_SPAN else x[-ZH_CREDIT_SPAN // 2:] for x in lines),
                               head=2000, tail=0)
        if names:
            return names
    for line in lines:
        s = line.strip()
        if not s or L.word_count(s) > 25:
            continue
        m = REPORTING_BY.match(s)
        names = (_byline_names(m.group(1)) if m else []) or _sentence_byline(s)
        if names:
            return names
        m = BY_LINE.match(s)  # "Written by X" (a bare "By X" below the body is as often a related story's)
        if m and L.word_count(s) <= 12 and not LABEL_ONLY.match(s) and not re.match(r"(?i)\s*by", s):
            names = _byline_names(m.group(1))
            if names:
                return names
    return []


def _signed_off(lines: list[str]) -> list[str]:
    """A bare 'By Jane Doe' line right at the end of the body (the last body line or the line right under
    it): the article signed at its foot. Further down, a 'By X' line is as often a related story's."""
    for line in lines:
        m = BY_LINE.match(line.strip())
        if m and L.word_count(line) <= 8 and not LABEL_ONLY.match(line):
            names = _byline_names(m.group(1))
            if names:
                return names
    return []


# a blog post signed with a closing word or mark before the name ("<3 Jane Doe", "xo, Jane Doe", "— Jane Doe")
SIGN_OFF = re.compile(r"(?i)^(?:<3+|x+o+(?:x+o+)*|love|cheers|best|warmly|regards|yours|[—–~-]+)[\s,!.:]*(?=[A-Z])")


def _signature(lines: list[str]) -> list[str]:
    """A sign-off line closing the body ('<3 Jane Doe', 'Cheers, Jane Doe'): the full name after it."""
    for line in lines:
        s = line.strip()
        m = SIGN_OFF.match(s)
        if m and L.word_count(s) <= 6:
            name = bare_name(s[m.end():].strip())
            if name:
                return [name]
    return []


def section_label(name: str, lower: frozenset[str]) -> bool:
    """A capitalised line beside a date that is a section or topic label, not a person: every word one the
    text writes in lower case ("Garden Care"), or an acronym with such words ("CRM Guides")."""
    toks = [t.strip(".,:;!?'’") for t in name.split()]
    if not lower or not toks:
        return False
    words = [t.lower() for t in toks if not re.fullmatch(r"[A-Z]{2,5}", t)]  # (acronyms left out)
    return bool(words) and all(t in lower for t in words)


def _zone_authors(header: list[str], *, strict: bool = False, lower: frozenset[str] = frozenset()) -> list[str]:
    """Bylines in a zone (see header_authors); strict: a bare name counts only next to an absolute date
    line ('Today' or '3 hours ago' in a menu or a teaser next to a heading does not make it a byline).
    A section label beside the date ("Garden Care" / "May 5, 2024") is no name (see section_label)."""
    if any(L.han_count(h) >= 2 for h in header):
        names = chinese_byline("\n".join(header), head=2000, tail=0)
        if names:
            return names
    names = _by_authors(header) or _trailing_by(header)
    if names:
        return names
    dated = [i for i, line in enumerate(header) if _is_date_line(line) and not (strict and parse_date(line) is None)]
    for d in dated:  # "Jane Doe • March 5, 2024", "Jane Doe | 5 Mar 2024", "Jane Doe October 11, 2024"
        name = _name_then_date(header[d])
        if name:
            return [name]
    if not strict:  # under a title, a day without the year ('Jun 9') or a reading time ('5 min read') too
        dated = sorted(set(dated) | {i for i, line in enumerate(header) if SOFT_DATE.match(line.strip())})
    for off in (-1, -2, 1, 2):  # the name line nearest a date line wins, above it before below it
        for d in dated:
            i = d + off
            if not (0 <= i < len(header)) or _is_date_line(header[i]) or SOFT_DATE.match(header[i].strip()):
                continue
            name = credited_name(header[i])
            if name and section_label(name, lower):
                continue
            if not name and off == -1 and not strict and parse_date(header[d]):
                name = single_name(header[i]) or handle_name(header[i])  # "Kev" / "January 1, 2026"
            if name:
                return [name]
            names = name_list(header[i]) if off in (-1, 1) else []
            if names:  # "Jane Doe, John Roe & Ann Poe" / "Nov 25th, 2025"
                return names
            zh = zh_name_line(header[i])
            if zh:
                return zh
    return []


# a deck that ends with its byline: "... beyond the U.S. and Canada. By Jane Doe on Dec. 19, 2025"
TRAILING_BY = re.compile(r"[.!?”\"]\s+By\s+(?=[A-Z])(.{3,80})$")


def _trailing_by(header: list[str]) -> list[str]:
    for line in header:
        m = TRAILING_BY.search(line.strip())
        if m:
            names = _byline_names(m.group(1))
            if names:
                return names
    return []


def name_list(line: str) -> list[str]:
    """A line that is only two or more people's names ('Jane Doe, John Roe & Ann Poe'), or people's names and
    the outlet they write for ('Jane Doe, Harbour Wire', see credit_line)."""
    parts = [p for p in _NAME_SEP.split(line.strip()) if p]
    names = [bare_name(p) for p in parts]
    return names if len(names) >= 2 and all(names) else credit_line(line)[0]


_NAME_SEP = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")


def credit_line(line: str) -> tuple[list[str], str | None]:
    """A byline that names the outlet after the people ("By Jane Doe, Harbour Wire", "Jane Doe and John Roe |
    Example Daily"): (the people, the outlet); ([], None) for any other line."""
    m = L.BYLINE.match(line)
    s = (m.group(1) if m else line).strip()
    parts = [p for p in re.split(r"\s+[|·•–—]\s+", s) if not _is_date_line(p)]  # ("… | March 19, 2026")
    if not parts or len(parts) > 2:
        return [], None
    if len(parts) == 1:
        parts = [p for p in _NAME_SEP.split(parts[0]) if p]
    else:
        parts = [p for p in _NAME_SEP.split(parts[0]) if p] + [parts[1].strip()]
    people = [bare_name(p) for p in parts[:-1]]
    if len(parts) < 2 or not all(people) or not outlet_credit(parts[-1]) or L.word_count(parts[-1]) > 5 \
            or not parts[-1][:1].isupper() or any(ch.isdigit() for ch in parts[-1]):
        return [], None
    return [p for p in people if p], parts[-1].strip()


def handle_name(line: str) -> str | None:
    """A username as the credit ('jdoe42' right above the date line): lower case, no page or section word."""
    s = line.strip()
    if not HANDLE.match(s) or len(s) < 5 or s in UI_WORDS or s in ORG_WORDS or s in KIND_WORDS or s in WEEKDAYS \
            or NOT_NAME_WORD.search(s) or s[:3] in MONTH_NUM:
        return None
    return s


SOFT_DATE = re.compile(r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
                       r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?$"
                       r"|^\d+\s*(?:-\s*)?min(?:ute)?s?\s*(?:read|watch|listen)\b")


def _is_date_line(line: str) -> bool:
    s = line.strip()
    return L.is_dateline(s) or (0 < L.word_count(s) <= 8 and parse_date(s) is not None)


# "By", "Written by", "Words by", glued "ByJane Doe" (a capital right after "By")
BY_LINE = re.compile(r"^\s*(?:(?i:written|reported|words|posted|story|article)\s+)?(?:(?i:by)\b|By(?=[A-Z][a-z]))\s*:?\s*(.*)$")
# "March 5, 2024 By Jane Doe", "03/01/2017 by Jane Doe, Role", "Published: Mar 8, 2024 · Modified: May 9, 2025 by Jane Doe"
DATE_THEN_BY = re.compile(r"^(?P<date>.{6,60}?)\s*[|·•,–—-]?\s*\b[Bb]y\s+(?P<rest>[A-Z].*)$")
# "Author: Jane Doe", "Authors:Jane Doe, John Roe"
AUTHOR_LINE = re.compile(r"^\s*(?i:authors?|author\(s\)|writers?)\s*[:：]\s*(\S.*)$")
DATE_LABEL = re.compile(r"(?:Published|Posted|Updated)(?:\s+on)?\s*:?\s*(?=\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))")
LABEL_ONLY = re.compile(r"(?i)^\s*(?:(?:written|words|article|post|story|posted) by|by|authors?|author\(s\)|writers?)\s*:?\s*$")
# the end of a name inside a byline: a separator, "on", "Published"/"Updated" (also glued: "DoePublished:"), a date
# glued to the name ("Jane DoeMarch 5, 2024"), a digit
BYLINE_CUT = re.compile(r"\s*(?:[|·•⋅/–—]|\s-\s|\bon\b|\b[Ii]n\b\s*$|(?<=[a-z])(?=(?:Published|Updated|Posted|Last)(?:\b|[A-Z]))|"
                        r"(?<=[a-z])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d)|"  # "DoeMay 5, 2024"
                        r"(?<=\s)(?=(?:Published|Updated|Posted)[A-Z0-9:])|"
                        r"\b(?:published|updated|posted|last updated|(?i:reviewed by|fact[- ]checked|edited by))\b|\d).*$", re.S)
NAME_THEN_DATE = re.compile(r"^([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,2}?)\s*([|·•⋅,–—-]\s*)?(?=\S)(.*)$")
MONTH_START = re.compile(r"(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d")
NOT_NAME_WORD = re.compile(r"(?i)\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
                           r"june|july|august|september|october|november|december|updated|published|posted|today|"
                           r"yesterday|min|read)\b")


def _name_then_date(line: str) -> str | None:
    """'Jane Doe • March 5, 2024' / 'Jane Doe | 2024-03-05' / 'Jane Doe March 5, 2024' -> 'Jane Doe': a bare name
    and then only a date (after a separator or a 'Published'/'Posted' label, or a written month when there is none;
    'Some Title 12/19/2025' is not). Chinese: '陈美玲 2026年3月10日'."""
    head, _, rest = line.strip().partition(" ")
    if rest and head[:1] in _ZH_SURNAMES and L.ABS_DATE.match(rest.strip()) and zh_name_line(head):
        return head
    for m in NAME_THEN_DATE.finditer(line.strip()):
        name, sep, rest = m.group(1), m.group(2), m.group(3)
        if NOT_NAME_WORD.search(name) or not bare_name(name):
            return None
        lab = DATE_LABEL.match(rest)  # "Jane Doe Published 10:19am 5 March 2024": the label separates
        if lab:
            sep, rest = lab.group(0), rest[lab.end():]
        d = parse_date(rest)
        if d and (sep or MONTH_START.match(rest)) and L.word_count(rest) <= 10 and \
                (rest[:1].isdigit() or MONTH_START.match(rest)):
            return name
    return None


def _byline_names(rest: str) -> list[str]:
    """The names in what follows "By": cut at the first date, separator or label, then names only
    (roles and credentials handled as for HTML bylines)."""
    cut = BYLINE_CUT.sub("", rest).strip(" ,.:")
    structured = cut != rest.strip(" ,.:")  # the byline went on with a separator, a date or a label
    rest = re.sub(r"(?i)\s+(?:is|was)\s+.*$", "", cut)
    out = []
    for n in clean_authors([rest]):
        if _looks_name(n.split(",")[0]) and n.lower() != "and" and n not in out:
            out.append(n)
    if not out and structured and HANDLE.match(rest) and rest.lower() not in UI_WORDS:
        out.append(rest)  # "by jdoe | Apr 21, 2025": a username is the only credit
    return out


NOT_A_NAME_START = re.compile(r"^(?:in|on|at|of|for|from|the|to|with|under)\b")
HANDLE = re.compile(r"^[a-z][a-z0-9._-]{2,29}$")


def _role_line(line: str) -> bool:
    return bool(_ROLE_WORDS.search(line)) or bool(re.search(r"(?i)\b(?:checked|reviewed|edited)\s+by\b", line))


def _by_authors(header: list[str]) -> list[str]:
    names: list[str] = []
    i = 0
    while i < len(header):
        line = header[i].strip()
        m = BY_LINE.match(line) or AUTHOR_LINE.match(line)
        dm = None if m else DATE_THEN_BY.match(line)
        if dm and not parse_date(dm.group("date")):
            dm = None
        zm = L.ZH_BYLINE.search(line)
        if m and not LABEL_ONLY.match(line) and m.group(1).strip():
            for n in _byline_names(m.group(1)):
                if n not in names:
                    names.append(n)
            i += 1
            continue
        if dm:
            for n in _byline_names(dm.group("rest")):
                if n not in names:
                    names.append(n)
            i += 1
            continue
        if LABEL_ONLY.match(line):  # "By" / "Written by" / "Author" alone: the names follow, one a line
            j = i + 1
            while j < len(header) and len(names) < 8:
                nxt = header[j].strip()
                if not re.sub(r"(?i)\band\b|[,&\s]", "", nxt) and nxt:  # "and", ",", ", and" between the names
                    j += 1
                    continue
                if BY_LINE.match(nxt) or LABEL_ONLY.match(nxt) or _role_line(nxt) or NOT_A_NAME_START.match(nxt):
                    break  # ("in Markets", "on March 5": what follows the names)
                cut = BYLINE_CUT.sub("", nxt).strip(" ,.:")
                if not cut or not _looks_name(cut) or NOT_NAME_WORD.search(cut) or MONTH_START.match(nxt) or \
                        (_is_date_line(nxt) and cut == nxt.strip(" ,.:")):
                    break
                for n in _byline_names(nxt):
                    if n not in names:
                        names.append(n)
                if cut != nxt.strip(" ,.:"):
                    j += 1
                    break  # "Jane Doe on March 5, 2024": the byline ends here
                j += 1
            i = j
            continue
        if zm and not to_simplified(line).startswith(("来源", "编辑")) and not to_simplified(zm.group(0)).startswith("来源"):
            for part in re.split(r"[\s,，、]+", zm.group(1).strip()):
                if 2 <= len(part) <= 4 and L.han_count(part) == len(part) and part not in names:
                    names.append(part)
        i += 1
    return names


# "Jane Doe, MS, RD" / "Jane Doe, M.D.": a name with its credentials (kept whole: they are part of the byline)
CREDENTIALED = re.compile(r"^(?P<name>[^,]{3,40}?)((?:,\s*(?:[A-Z]{2,6}|M\.D\.|Ph\.D\.|R\.N\.|D\.O\.))+)\s*$")
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# one-word labels of the kind or section of a piece that stand where a one-word credit would
KIND_WORDS = frozenset("""feature features opinion analysis review reviews news interview column editorial commentary
guide guides blog update updates sponsored podcast video videos explainer story stories article articles home
business sports politics technology tech health science culture travel lifestyle world local economy markets
advertisement""".split())


def credited_name(line: str) -> str | None:
    """A line that is only a person's name, with or without credentials ('Jane Doe, MS, RD')."""
    s = " ".join(line.split())
    m = CREDENTIALED.match(s)
    if m and bare_name(m.group("name")):
        return s
    name, _, role = s.partition(",")  # "Jane Doe, Markets Reporter"
    if role and L.word_count(role) <= 6 and _ROLE_WORDS.search(role) and bare_name(name):
        return name.strip()
    return bare_name(s)


def single_name(line: str) -> str | None:
    """A one-word credit line ('Kev', 'Staff'): a capitalised word, not a page word, month, weekday or a role
    ('Writer' under the writer's name)."""
    s = line.strip()
    if not re.fullmatch(r"[A-Z][a-z]{2,14}", s):
        return None
    low = s.lower()
    if low in UI_WORDS or low in ORG_WORDS or low in WEEKDAYS or low in KIND_WORDS or NOT_NAME_WORD.search(s) or \
            low[:3] in MONTH_NUM or (low != "staff" and _ROLE_WORDS.fullmatch(s)):
        return None
    return s


def bare_name(line: str) -> str | None:
    """A line that is only a person's name ("Jenna Morales"): 2-3 capitalised words, no org words."""
    s = line.strip()
    toks = s.split()
    if not 2 <= len(toks) <= 3 or not _looks_name(s):
        return None
    if any(t.lower().strip(".,") in ORG_WORDS for t in toks) or not all(t[0].isupper() for t in toks):
        return None
    return s


ZH_NAME_LINE = re.compile(r"^[\u4e00-\u9fff·]{2,3}(?:\s*[、,，]\s*[\u4e00-\u9fff·]{2,3}|\s+[\u4e00-\u9fff·]{2,3}){0,4}$")
# short Chinese page-furniture words that stand alone on a line (not names)
ZH_UI_WORDS = frozenset(all_forms(tuple("""分享 关注 首页 正文 返回 评论 收藏 打印 关闭 推荐 更多 登录 注册 搜索 导航 新闻 图片 视频 专题 论坛 博客
来源 作者 编辑 记者 责编 转载 原创 阅读 点击 回复 发表 查看 全文 上一页 下一页 上一篇 下一篇 目录 简介 摘要 标签 时间 日期 字体 大 中 小""".split())))


def zh_name_line(line: str) -> list[str]:
    """A line that is only one to five Chinese names of 2-3 characters ('赵延东、风笑天'), none of them page words."""
    s = line.strip()
    if not ZH_NAME_LINE.match(s):
        return []
    names = [n for n in re.split(r"[\s、,，]+", s) if n]
    if any(n in ZH_UI_WORDS for n in names):
        return []
    return [] if any(n in _ZH_NOT_NAMES for n in names) else names


SOURCE_LABEL = zh_compile(r"^(?:来源|來源|出处|source|via)\s*[:：]\s*", re.I)
SOURCE_LABEL_INSIDE = zh_compile(r"(?<=\s)(?:来源|出处|source)\s*[:：]\s*", re.I)


_PART_SEP = re.compile(r"\s+[|｜·•]\s+|\s*｜\s*")


def header_publisher(header: list[str], authors: list[str], title: str | None) -> str | None:
    """A short source line in the header ("• Reuters", "South China Morning Post"), or the outlet beside the
    date on one line ("Harbour Wire | May 13, 2026", "维港财经 | 2026年5月13日"; not a person's name there)."""
    for line in header:
        s = SOURCE_LABEL.sub("", L.strip_bullet(line)).strip()
        zm = _ZH_OUTLET_REPORTER.match(s)  # "21世纪经济报道记者 张晓 深圳报道": the outlet before its reporter
        if zm and to_simplified(zm.group(1)) not in ("本报", "本刊", "本网", "本台"):
            return zm.group(1)
        if L.han_count(s) and _ZH_CREDIT_ANY.search(s) and not L.is_dateline(s) and not _PART_SEP.search(s):
            continue  # a reporter's credit ("本报记者 张晓", "记者 张晓") names no outlet
        outlet = credit_line(s)[1] or desk_publisher([L.BYLINE.sub(r"\1", s)])  # "By Jane Doe, Harbour Wire"
        if outlet:  # (or "By Harbour Wire Staff")
            return outlet
        if not L.is_dateline(s):
            if _outlet_name(s, authors, title) and _names_outlet(s):
                return s
            continue
        parts = _PART_SEP.split(s)
        if len(parts) == 1 and L.han_count(s):
            name = _zh_word_beside_date(s)
            if name is None:
                continue
        elif len(parts) != 2 or sum(map(L.is_dateline, parts)) != 1:
            continue
        else:
            name = next(p for p in parts if not L.is_dateline(p)).strip()
        han = L.han_count(name)
        section = len(name.split()) == 1 and not han and is_common_word(name.lower())  # "Markets | May 13"
        if _outlet_name(name, authors, title) and not bare_name(name) and not section \
                and (not han or len(name) >= 4 and not zh_name_line(name) or _ZH_OUTLET_END.search(name)):
            return name  # (three characters are a person's name, unless an outlet's ending closes them: "财联社")
    return None


# the last word of a Chinese outlet's name: agency, paper, site, station, periodical ("新华社", "财联社", "中新网")
_ZH_OUTLET_ENDING = r"通讯社|社|网|报|台|刊"
_ZH_CREDIT_ANY = zh_compile(r"记者|作者|编辑|通讯员|撰文")
_ZH_OUTLET_REPORTER = zh_compile(r"^([\u4e00-\u9fff\w]{1,10}?(?:" + _ZH_OUTLET_ENDING + r"|报道|财经|新闻|杂志))"
                                 r"(?:首席|特约|见习)?记者\s*[\u4e00-\u9fff·]{2,4}(?:\s|$|[、,，])")
_ZH_OUTLET_END = zh_compile(r"^[\u4e00-\u9fff]{2,6}(?:" + _ZH_OUTLET_ENDING + r")$")


def _zh_word_beside_date(s: str) -> str | None:
    """The one word beside the date and time of a Chinese header line, before the reporter's credit
    ("维港财经 2026年3月10日 记者 陈美玲 报道", "2026年3月10日 16:20　維港財經　記者 陳美玲")."""
    words = []
    for w in s.split():
        if _ZH_CREDIT_WORD.match(w):
            break
        if not (L.is_dateline(w) or _CLOCK.fullmatch(w)):
            words.append(w)
    if len(words) != 1 or words[0] == s or not L.han_count(words[0]):
        return None
    # after a date, only beside a date written in Chinese (a forum's "2003-5-29 09:07 user" names its poster)
    word = words[0] if s.startswith(words[0]) or ZH_DATE.search(s) else None
    if word and len(word) >= 4 and word.endswith(("讯", "訊")) and not word.endswith(("资讯", "資訊")):
        word = word[:-1]  # "证券时报网讯 2023-11-01 18:20": the outlet's dispatch ("讯") from 证券时报网
    return word


_ZH_CREDIT_WORD = zh_compile(r"^(?:记者|作者|编辑|责任编辑|撰文|文[/／]|来源)")
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}(?::\d{2})?")


def _names_outlet(s: str) -> bool:
    """A short line alone that reads as an outlet's name: one with a word of one ("South China Morning Post",
    "Harbour Wire"), an acronym or an unknown word ("HKFP", "Caixin"), or Chinese ("维港财经"). A header's other
    short lines are controls, labels and headings ("Jump to chapter", "At a glance", "Conclusion") or names."""
    if L.han_count(s) or outlet_credit(s):
        return True
    if " " in s or s.casefold() in _LANGUAGE_NAMES:
        return False
    # one word: an acronym ("HKFP", "AFP") or a name no word list knows ("Caixin", "Yonhap"); a word of the
    # language ("Conclusion", "Highlights", "Phishing") heads a section
    return bool(re.fullmatch(r"[A-Z]{2,6}", s)) or (
        len(s) >= 4 and s[:1].isupper() and sum(ch.isupper() for ch in s) <= 3  # (not "FacebookTwitterEmail")
        and zipf(s.casefold(), "en") <= _UNKNOWN_ZIPF)


_UNKNOWN_ZIPF = 2.0  # the background table's floor: a word it does not list
# a language switch in the header ("English", "Español", "中文") names no outlet
_LANGUAGE_NAMES = frozenset("english español espanol français francais deutsch italiano português portugues 中文 简体 "
                            "繁體 繁体 日本語 한국어".split())


def _sentence_case(s: str) -> bool:
    """A word of four letters or more in lower case: a phrase or heading, not a name ("Highly trained")."""
    return any(len(t) >= 4 and t[:1].islower() for t in s.split())


def _outlet_name(s: str, authors: list[str], title: str | None) -> bool:
    """A short name line: one to five words, capitalised (or Chinese), no digits, no page words."""
    if not s or L.BYLINE.match(s) or s in authors or (title and s == title) or name_list(s):
        return False
    if any(t.lower().strip(".,()") in _CONTROL_WORDS for t in s.split()) or _ROLE_WORDS.search(s):
        return False  # (a role is no outlet: "Staff", "Jane Doe, Markets Reporter"; nor a control: "Copy link")
    if not L.han_count(s) and _sentence_case(s):
        return False  # a name is written in capitals ("Harbour Wire"), a heading in sentence case ("Making your …")
    return 1 <= L.word_count(s) <= 5 and not s.endswith((".", ":", "?")) and (s[0].isupper() or bool(L.han_count(s))) \
        and not any(ch.isdigit() for ch in s)


def labelled_source(lines: list[str]) -> str | None:
    """The outlet a page names with a label beside its headline ("来源：港股快讯", "Source: Example Wire"), for a
    page whose markup names no site."""
    for line in lines:
        s = line.strip()
        wire = zh_wire_source(s)  # "【维港财经讯】记者陈美玲 3月10日报道"
        if wire:
            return wire
        m = SOURCE_LABEL.match(s)
        if not m:  # or after the date and time opening a header line: "2026年5月14日 15:10 来源：X 记者 Y"
            m = SOURCE_LABEL_INSIDE.search(s)
            if not m or not L.ABS_DATE.search(s[:m.start()]) or L.word_count(s[:m.start()]) > 8:
                continue
        name = re.split(r"\s{2,}|\s[|｜·•]\s|\s(?=(?:作者|编辑|记者|时间|发布)\s*[:：])", s[m.end():].strip())[0].strip()
        if L.han_count(name[:1]):
            name = name.split()[0]  # a Chinese outlet's name has no space: "港股速递 记者 黄志强"
        if name and 1 <= L.word_count(name) <= 6 and not any(ch.isdigit() for ch in name) \
                and name.strip("【】[]（）()") not in _NO_SOURCE:
            return name
    return None


# what a source label gives when it names no outlet ("来源：转载" reprinted, "网络" the web, "本站" this site)
_NO_SOURCE = ZH_UI_WORDS | frozenset(all_forms(tuple("网络 网友 本站 互联网 综合 未知 其他 投稿 整理 网络转载 网络整理 综合报道 unknown internet web "
                                     "staff".split())))


def body_attribution(body: list[str]) -> str | None:
    """The outlet a text is credited to: "(Bloomberg) --", a release's "/PRNewswire/ --" or a Chinese wire's
    "【维港财经讯】" / "新华社北京3月10日电" at the start of the body."""
    for line in body[:2]:
        m = ATTRIBUTION.match(line)
        if m:
            return (m.group("src") or m.group("wire")).strip()
        src = zh_wire_source(line)
        if src:
            return src
    return None


# a Chinese wire's credit opening the text: "【维港财经讯】", "[港股速递讯]", "新华社北京3月10日电", "中新网3月10日电" (an agency's
# name ends in 社 / 网 / 报 / 台 before the place and the day); "本报讯" (this paper) names no outlet
ZH_WIRE = zh_compile(r"^\s*(?:[【\[［〔]\s*(?P<b>[\u4e00-\u9fffA-Za-z]{2,10}?)\s*(?:\d{1,2}月\d{1,2}日)?[讯電电]\s*[】\]］〕]"
                     r"|(?P<a>[\u4e00-\u9fff]{1,8}?(?:" + _ZH_OUTLET_ENDING + r"))[\u4e00-\u9fff]{0,4}\d{1,2}月\d{1,2}日\s*[电電讯訊]"
                     # without brackets, before the day: "示例财经讯 4月16日，…", "维港财经讯（记者 陈美玲）…"
                     r"|(?P<c>[\u4e00-\u9fff]{2,8}?)讯\s*(?=\d{1,2}月\d{1,2}日|[（(]))")


def zh_wire_source(line: str) -> str | None:
    """The outlet a Chinese wire credit names (see ZH_WIRE), or None."""
    m = ZH_WIRE.match(line)
    name = m and (m.group("b") or m.group("a") or m.group("c"))
    return None if not name or to_simplified(name) in ("本报", "本网", "本台", "本刊") else name


def dateline_date(body: list[str]) -> str | None:
    """The date a dateline at the start of the body gives ("SAN JOSE, Calif., Dec. 7, 2026 /PRNewswire/ --"),
    when it gives a full one (with the year)."""
    for line in body[:1]:
        m = DATELINE_DATE.match(line)
        if m:
            return parse_date(m.group("rest"))
    return None


# a newsroom credited as the author ("FinTrans Newsroom", "Harbour Wire Staff"): the outlet is the publisher
DESK_CREDIT = re.compile(r"^(?P<org>\S.*?)\s+(?:newsroom|news\s+desk|desk|staff|editors|editorial(?:\s+(?:team|staff|board))?"
                         r"|news\s+team|reporters)$", re.I)
# a copyright line: "© 2026 FinTrans Media. All rights reserved.", "Copyright © 2005-2024 Example Inc",
# "版权所有 © 2026 港股速递"; the holder runs to a full stop, a bar, a comma or "All rights reserved"
COPYRIGHT_HOLDER = zh_compile(r"(?:©|\(c\)|copyright\b|版权所有)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)?\d{2,4})?\s*)?"
                              r"(?:by\s+)?(?P<org>[^\s©|,.。，].{0,58}?)\s*(?:$|[|,.。，]\s|[|,。，]|\.$|all rights|版权所有|保留)", re.I)
_LEGAL_FORM = re.compile(r"[\s,]+(?:private limited|pvt\.? ltd|ltd|limited|inc|incorporated|llc|l\.l\.c|corp|corporation|co|plc|gmbh|s\.a|pty|有限公司|股份有限公司)\.?$",
                         re.I)


_HOLDER_CUT = re.compile(r"\s*,?\s+(?:19|20)\d{2}\b|\s+[-–—·•|]\s+|[;®™(•]|\s+or its affiliates|\s+&\s+(?i:our)\b|\s*(?=Privacy|Terms|Policy|Cookie)")
_COPYRIGHT_WORD = re.compile(r"^(?:copyright\b\s*)+", re.I)
_NOT_HOLDER = re.compile(r"(?i)\b(?:privacy|terms|policy|cookies?|sitemap|all rights|reserved|the authors?|agent)\b")
_POWERED = re.compile(r"(?i)\bpowered by\b|\bdesigned by\b|\btheme by\b")


def desk_publisher(authors: list[str]) -> str | None:
    """The outlet of a newsroom credited as the author: "FinTrans Newsroom" -> "FinTrans"."""
    for a in authors:
        m = DESK_CREDIT.match(a.strip())
        org = m.group("org").strip() if m else ""
        if 1 <= L.word_count(org) <= 4 and not (" " not in org and is_common_word(org.casefold())) \
                and not _sentence_case(org):
            return org  # (not "The" of "The Editors", nor "Highly trained" of "Highly trained staff")
    return None


def copyright_holder(lines: list[str], tail: int = 40) -> str | None:
    """The holder named by the page's last copyright line (looked for among its last ``tail`` non-blank lines):
    the site's publisher, for a flattened page whose header names no source. Legal forms ("Ltd.") and years
    are left out; a holder that is a year, a URL or more than six words is no name."""
    seen = 0
    for line in reversed(lines):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > tail:
            break
        org = copyright_line_holder(s)
        if org:
            return org
    return None


def copyright_line_holder(line: str) -> str | None:
    """The holder a copyright line names ("© 2026 Example Media Ltd. All rights reserved." -> "Example Media"),
    without legal form or years; None for a software credit, a policy link, a year, a URL or a plain word."""
    m = COPYRIGHT_HOLDER.search(line)
    if not m or _POWERED.search(line):
        return None  # (a forum's or blog's software credit is not the site's)
    org = _HOLDER_CUT.split(_COPYRIGHT_WORD.sub("", m.group("org")), 1)[0]
    org = _LEGAL_FORM.sub("", org.strip(" -–—:·")).strip(" ,.-")
    if not org or not (org[0].isalpha()) or any(ch.isdigit() for ch in org) or "/" in org or "@" in org \
            or L.word_count(org) > 6 or _NOT_HOLDER.search(org):
        return None
    if org[0].islower() and "." not in org:
        return None  # "onwards": the rest of a sentence, not a name
    if " " not in org and not L.han_count(org) and (len(org) < 3 or is_common_word(org.casefold())):
        return None  # one ordinary word ("Blog", "Office", "onwards") names no one
    return org
