"""The fields of a JSON record (a JSONL line): the names crawlers and exports use for the same thing
(news-please's ``maintext`` / ``date_publish``, newspaper's ``publish_date``, an API's ``publishedAt`` or epoch
``timestamp``, ``headline``, ``source``), and their values brought to the forms the pipeline reads: ISO dates,
a list of author names."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

# in order of preference; "html" first: a record that has its page keeps it for the page reader
BODY_KEYS = ("html", "content", "text", "body", "maintext", "article", "articleBody", "article_body", "content_html",
             "body_html", "full_text", "fulltext", "raw_text")
# a feed item's or a news API's summary: the text of a record that has no body
SUMMARY_KEYS = ("description", "summary", "abstract", "excerpt")
# the marker a news API (NewsAPI's "content") puts where it cut the text: not part of the article
TRUNCATED = re.compile(r"[ \t]*\[\+\d+ chars\]\s*$")
HTML_KEYS = frozenset({"html", "content_html", "body_html"})
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("published", "date", "publish_date", "date_publish", "published_at", "publishedAt", "publish_time",
             "pubDate", "datePublished", "timestamp", "time", "created_at")
# when a crawler fetched the page (news-please's date_download and others): "3 hours ago" on the page is read
# against it (clean/reldate.py)
FETCH_KEYS = ("date_download", "fetched", "fetched_at", "fetch_time", "crawled_at", "crawl_date", "date_crawled",
              "scraped_at", "downloaded_at", "retrieved_at")
AUTHOR_KEYS = ("authors", "author", "byline", "creator")
PUBLISHER_KEYS = ("publisher", "source", "site_name", "source_domain", "site", "hostname")

_SPLIT_NAMES = re.compile(r"\s*(?:;|&|\band\b|、|，)\s*")


def iso_date(value) -> str | None:
    """A record's date as ISO: epoch seconds or milliseconds (UTC), ISO 8601 (a space for the "T" is fine),
    RFC 822, or what the page date reader understands ("2026/12/07", "Dec 7, 2026"); None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        secs = value / 1000.0 if value > 1e11 else float(value)  # (milliseconds after 1973)
        try:
            return datetime.fromtimestamp(secs, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    if s.isdigit() and len(s) in (10, 13):
        return iso_date(int(s))
    if s[:1].isalpha():  # RFC 822 ("Mon, 07 Dec 2026 07:30:00 GMT"): its time and zone are kept
        try:
            t = parsedate_to_datetime(s)
            if t is not None:
                return t.isoformat(timespec="seconds").replace("+00:00", "Z")
        except (TypeError, ValueError, IndexError):
            pass
    from ..clean.html_meta import iso_date as page_iso_date  # ISO 8601, and the dates pages write
    from ..clean.text_meta import parse_date  # numeric dates: "03/03/2026", "03.12.2026"
    return page_iso_date(s) or parse_date(s)


def author_names(value) -> list[str]:
    """Names from a string ("Mei Chan, Tom Reyes", "By Mei Chan and Tom Reyes"), a list of strings, or a list of
    objects with a "name"."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    out: list[str] = []
    for v in value:
        if isinstance(v, dict):
            v = v.get("name")
        if not isinstance(v, str):
            continue
        v = re.sub(r"(?i)^\s*by\s+", "", v.strip())
        for part in _SPLIT_NAMES.split(v):
            commas = [c.strip() for c in part.split(",") if c.strip()]
            # "Mei Chan, Tom Reyes" is two people; "Doe, Jane" is one, written surname first
            if len(commas) > 1 and all(len(c.split()) >= 2 or re.search(r"[\u4e00-\u9fff]", c) for c in commas):
                out.extend(commas)
            elif part.strip():
                out.append(part.strip())
    return list(dict.fromkeys(out))


def _first(rec: dict, keys: tuple[str, ...], want=str):
    for k in keys:
        v = rec.get(k)
        if isinstance(v, want) and (not isinstance(v, str) or v.strip()):
            return k, v
    return None, None


def record_fields(rec: dict) -> tuple[str | None, bool, str | None, dict]:
    """(body, whether the body key says it is HTML, url, metadata with the pipeline's keys: title, published,
    authors, publisher, language, fetched)."""
    key, body = _first(rec, BODY_KEYS)
    if body is None:
        key, body = _first(rec, SUMMARY_KEYS)
    if isinstance(body, str):
        body = TRUNCATED.sub("", body)  # a news API's cut text ends "… [+2345 chars]"
    meta: dict = {}
    _k, title = _first(rec, TITLE_KEYS)
    if title:
        meta["title"] = title.strip()
    for k in DATE_KEYS:
        d = iso_date(rec.get(k))
        if d:
            meta["published"] = d
            break
    for k in FETCH_KEYS:
        d = iso_date(rec.get(k))
        if d:
            meta["fetched"] = d
            break
    for k in AUTHOR_KEYS:
        names = author_names(rec.get(k))
        if names:
            meta["authors"] = names
            break
    _k, pub = _first(rec, PUBLISHER_KEYS)
    if pub is None and isinstance(rec.get("source"), dict) and isinstance(rec["source"].get("name"), str):
        pub = rec["source"]["name"]  # (a news API's {"id": ..., "name": "Example Wire"})
    if pub and pub.strip():
        meta["publisher"] = pub.strip()
    _k, lang = _first(rec, ("language", "lang"))
    if lang:
        meta["language"] = lang.strip()
    _k, url = _first(rec, ("url", "link"))
    return body, key in HTML_KEYS, url, meta
