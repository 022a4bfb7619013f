"""Metadata of an article found in flattened text: authors, publication date, publisher, attribution.

Only the article's own header zone (the lines between its title and its body) is read for the date and
the byline: dates in related lists, "3 hours ago" lists, copyright lines and cookie notices below or
beside the article are never the article's date.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from . import lines as L

TZ_OFFSETS = {"ET": -5, "EST": -5, "EDT": -4, "CT": -6, "PT": -8, "PST": -8, "PDT": -7, "GMT": 0, "UTC": 0,
              "BST": 1, "CET": 1, "CEST": 2, "HKT": 8, "SGT": 8, "CST": 8, "JST": 9, "KST": 9}
MONTH_NUM = {m: i for i, ms in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1) for m in [ms]}
EN_DATE = re.compile(
    r"(?i)\b(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>\d{4})(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<min>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>[A-Z]{2,4})?)?")
EN_DATE_DMY = re.compile(
    r"(?i)\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?P<year>\d{4})")
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?:[ T](?P<hour>\d{1,2}):(?P<min>\d{2}))?")
ZH_DATE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<mon>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日(?:\s*(?P<hour>\d{1,2})[:：](?P<min>\d{2}))?")
UPDATED = re.compile(r"(?i)^\s*(?:updated|modified|last updated|更新)")
COPYRIGHT = re.compile(r"(?i)©|copyright|all rights reserved|版权所有")
# "(Bloomberg) --", "HONG KONG (Reuters) -", "HONG KONG, March 18 (Harbour Wire) —"
ATTRIBUTION = re.compile(
    r"^\s*(?:[A-Z][A-Z .'/-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
    r"\((?P<src>[A-Z][\w&.' -]{1,40}?)(?:/[\w&.' -]+)?\)\s*[-–—:]")
NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$|^[a-z]{1,3}$")


def _mk(year: int, mon: int, day: int, hour=None, minute=None, tz=None) -> str | None:
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
    if tz in TZ_OFFSETS:
        return d.replace(tzinfo=timezone(timedelta(hours=TZ_OFFSETS[tz]))).isoformat()
    return d.isoformat()


def parse_date(s: str) -> str | None:
    """The first absolute date in `s` as ISO (date, or date-time with offset when a zone is given)."""
    m = EN_DATE.search(s)
    if m:
        hour = m.group("hour")
        if hour is not None:
            h = int(hour) % 12 if m.group("ampm") else int(hour)
            if m.group("ampm") and m.group("ampm").lower().startswith("p"):
                h += 12
            hour = h
        return _mk(int(m.group("year")), MONTH_NUM[m.group("mon").lower()[:3]], int(m.group("day")),
                   hour, m.group("min"), (m.group("tz") or "").upper() or None)
    for rx in (ZH_DATE, ISO_DATE):
        m = rx.search(s)
        if m:
            return _mk(int(m.group("year")), int(m.group("mon")), int(m.group("day")), m.group("hour"), m.group("min"))
    m = EN_DATE_DMY.search(s)
    if m:
        return _mk(int(m.group("year")), MONTH_NUM[m.group("mon").lower()[:3]], int(m.group("day")))
    return None


def header_date(header: list[str]) -> str | None:
    """The publication date from the header zone: the first dated line that is not an update or copyright."""
    fallback = None
    for line in header:
        if COPYRIGHT.search(line) or L.word_count(line) > 20:
            continue
        d = parse_date(line)
        if not d:
            continue
        if UPDATED.match(line):
            fallback = fallback or d
            continue
        return d
    return fallback


UI_WORDS = frozenset("""icon button arrow logo image photo menu share follow subscribe email twitter facebook
linkedin instagram whatsapp print comments comment newsletter sign login bio profile more""".split())


def _looks_name(s: str) -> bool:
    toks = s.replace(",", " ").split()
    if any(t.lower().strip(".") in UI_WORDS for t in toks):
        return False
    return 1 <= len(toks) <= 5 and all(NAME_TOKEN.match(t) for t in toks) and any(t[0].isupper() for t in toks)


def header_authors(header: list[str]) -> list[str]:
    """Names from bylines: "By A and B", "By" on its own line followed by the names, or a bare name line
    right next to the date line."""
    names = _by_authors(header)
    if names:
        return names
    for i, line in enumerate(header):
        near_date = any(L.is_dateline(h) for h in header[max(0, i - 2):i + 3])
        name = bare_name(line)
        if name and near_date:
            return [name]
    return []


def _by_authors(header: list[str]) -> list[str]:
    names: list[str] = []
    i = 0
    while i < len(header):
        line = header[i].strip()
        m = L.BYLINE.match(line)
        zm = L.ZH_BYLINE.search(line)
        if m:
            rest = m.group(1).strip()
            chunk = [rest] if rest else []
            j = i + 1
            while not rest and j < len(header) and len(chunk) < 8:
                nxt = header[j].strip()
                if L.is_dateline(nxt) or L.BYLINE.match(nxt) or not (_looks_name(nxt) or nxt.lower() == "and"):
                    break
                chunk.append(nxt)
                j += 1
            for part in re.split(r"\s*(?:,|\band\b|&|\|)\s*", " , ".join(chunk)):
                part = re.sub(r"(?i)\s+(?:is|was)\s+.*$", "", part).strip(" .")
                part = ABS_OR_REL.sub("", part).strip(" ,")
                if part and _looks_name(part) and part.lower() != "and" and part not in names:
                    names.append(part)
            i = j if not rest else i + 1
            continue
        if zm and not line.startswith(("来源", "编辑")):
            for part in re.split(r"[\s,，、]+", zm.group(1).strip()):
                if 2 <= len(part) <= 4 and L.han_count(part) == len(part) and part not in names:
                    names.append(part)
        i += 1
    return names


ABS_OR_REL = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}.*$")


ORG_WORDS = frozenset("""daily news times post journal herald tribune review wire press media group markets
finance financial network network tv radio agency holdings ltd inc co corp bank capital securities research
weekly today online hub""".split())


def bare_name(line: str) -> str | None:
    """A line that is only a person's name ("Jenna Morales"): 2-3 capitalised words, no org words."""
    s = line.strip()
    toks = s.split()
    if not 2 <= len(toks) <= 3 or not _looks_name(s):
        return None
    if any(t.lower().strip(".,") in ORG_WORDS for t in toks) or not all(t[0].isupper() for t in toks):
        return None
    return s


SOURCE_LABEL = re.compile(r"^(?:来源|來源|出处|source|via)\s*[:：]\s*", re.I)


def header_publisher(header: list[str], authors: list[str], title: str | None) -> str | None:
    """A short source line in the header ("• Reuters", "South China Morning Post")."""
    for line in header:
        s = SOURCE_LABEL.sub("", L.strip_bullet(line)).strip()
        if not s or L.is_dateline(s) or L.BYLINE.match(s) or s in authors or (title and s == title):
            continue
        wc = L.word_count(s)
        if any(t.lower().strip(".") in UI_WORDS for t in s.split()):
            continue
        if 1 <= wc <= 5 and not s.endswith((".", ":", "?")) and (s[0].isupper() or L.han_count(s)):
            if not any(ch.isdigit() for ch in s):
                return s
    return None


def body_attribution(body: list[str]) -> str | None:
    """The outlet a text is credited to: "(Bloomberg) --" at the start of the body."""
    for line in body[:2]:
        m = ATTRIBUTION.match(line)
        if m:
            return m.group("src").strip()
    return None
