"""RSS/Atom reader: one document per feed item (feedparser); the item date is an explicit basis."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator

from ..errors import MalformedRecord
from ..model import Document, ErrorInfo, content_id
from .records import iso_date

# a feed's title names its site and often the section the feed carries ("Example Wire - Markets", "Example Wire:
# Latest News", "維港財經 即時新聞"): the section is not the publisher
_SECTION_TAIL = re.compile(
    r"\s*[-–—|:：·]\s*(?:(?:latest|breaking|top|business|markets?|finance|world)\s+)?"
    r"(?:news|stories|headlines|updates|rss|feed)(?:\s+feed)?\s*$"
    r"|\s*[-–—|:：·]\s*(?:markets?|business|finance|economy|world|companies|technology|tech|politics|opinion|money|"
    r"investing|stocks|commodities|currencies)\s*$"
    r"|\s+(?:latest\s+news|top\s+stories|breaking\s+news|latest\s+headlines|rss(?:\s+feed)?|news\s+feed|feed)\s*$"
    r"|(?:\s*[-–—|:：·]\s*|\s+)(?:即[时時]新[闻聞]|最新消息|最新新[闻聞]|要[闻聞]|[滚滾]动新[闻聞]|新[闻聞]|港股|美股|A股|股市|"
    r"宏[观觀]|市[场場])\s*$", re.I)


def feed_publisher(title: str | None) -> str | None:
    """The publisher a feed's title names: without a trailing section label ("Latest News", "即時新聞", "RSS")."""
    if not title or not title.strip():
        return None
    t = " ".join(title.split())
    cut = _SECTION_TAIL.sub("", t).strip(" -–—|:：·")
    return cut if len(cut) >= 2 else t

def read_feed(spath: str, data: bytes, config: dict) -> Iterator[Document]:
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser raises plain errors (e.g. ValueError on &#x110000;)
        err = MalformedRecord(f"{spath}: not a readable RSS/Atom feed ({type(exc).__name__}: {str(exc)[:200]})")
        yield Document(id=content_id("d", data), path=spath, status="error",
                       error=ErrorInfo(err.code, err.message, err.hint))
        return
    entries = parsed.get("entries") or []
    if not entries:
        reason = str(parsed.get("bozo_exception") or "no items")
        exc = MalformedRecord(f"{spath}: not a readable RSS/Atom feed ({reason[:200]})")
        yield Document(id=content_id("d", data), path=spath, status="error",
                       error=ErrorInfo(exc.code, exc.message, exc.hint))
        return
    feed_title = feed_publisher((parsed.get("feed") or {}).get("title"))
    exc_obj = parsed.get("bozo_exception")
    if parsed.get("bozo") and exc_obj is not None and "encoding" not in type(exc_obj).__name__.lower():
        err = MalformedRecord(f"{spath}: the feed is malformed after item {len(entries)} ({str(exc_obj)[:200]}); "
                              f"the items before it were read")
        yield Document(id=content_id("d", data, "bozo"), path=f"{spath}#malformed", status="error",
                       error=ErrorInfo(err.code, err.message, err.hint))
    for i, e in enumerate(entries, 1):
        rec_path = f"{spath}#{i}"
        content = ""
        if e.get("content"):
            content = max((c.get("value") or "" for c in e["content"]), key=len)
        summary = e.get("summary") or ""
        body = content if len(content) >= len(summary) else summary
        date = None
        for key in ("published", "updated"):
            if e.get(key + "_parsed"):
                # the item's own offset is kept ("…T09:30:00+08:00" is 7 December where it was written; in UTC
                # an early-morning Hong Kong item falls on the day before)
                own = iso_date(e.get(key))
                date = own if own and len(own) > 10 else time.strftime("%Y-%m-%dT%H:%M:%SZ", e[key + "_parsed"])
                break
        meta = {"title": e.get("title"), "published": date, "publisher": feed_title,
                "authors": [a.get("name") for a in e.get("authors", []) if a.get("name")]}
        # the item's own id and text, not the file's name or the item's place in it: the same item in the next
        # snapshot of the feed ("feed-0915.xml") is the same document, which a store already holds
        ident = content_id("d", "feed", e.get("id") or e.get("link") or "", body)
        if not body.strip():
            yield Document(id=ident, path=rec_path, kind="html", text="", url=e.get("link"),
                           meta=meta, status="empty", drop_reason="feed item without content")
            continue
        is_html = "<" in body and ">" in body
        yield Document(id=ident, path=rec_path, kind="html" if is_html else "text",
                       text=f"<html><body>{body}</body></html>" if is_html else body, url=e.get("link"),
                       encoding="utf-8", meta=meta)
