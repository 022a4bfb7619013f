"""The data model: one set of dataclasses that every stage reads and writes.

Field names follow the story-map contract (docs: STORYMAP.md); extra fields are
allowed, renames are not. IDs are content hashes so that reruns upsert the same rows.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def content_id(prefix: str, *parts: str | bytes, length: int = 16) -> str:
    """A stable id: prefix + the first `length` hex digits of sha1 over the parts."""
    h = hashlib.sha1()
    for p in parts:
        h.update(p if isinstance(p, bytes) else p.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return f"{prefix}{h.hexdigest()[:length]}"


@dataclass
class ErrorInfo:
    code: str
    message: str
    hint: str = ""


@dataclass
class Document:
    """One input page or record (a file, or one record of a WARC, feed or JSONL file)."""

    id: str
    path: str
    kind: str = "text"  # text | html | feed-item | jsonl-record | warc-record
    raw: bytes | None = None  # the bytes as read (dropped after decoding)
    text: str | None = None  # decoded content (HTML source or plain text)
    url: str | None = None
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # title/date/author given by a feed or JSONL record
    status: str = "ok"  # ok | empty | error
    error: ErrorInfo | None = None
    drop_reason: str | None = None
    articles: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """An entity mention in an article's text; offsets index into Article.text."""

    entity: str  # entity id
    start: int
    end: int
    surface: str


@dataclass
class Article:
    id: str
    document: str
    path: str
    text: str
    title: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    published_basis: str | None = None  # explicit | inferred | None
    url: str | None = None
    story: str | None = None
    span: tuple[int, int] | None = None  # where in the document's text the article was found
    source_attribution: str | None = None  # e.g. "Bloomberg" for "(Bloomberg) --"
    mentions: list[Mention] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)  # (a crawl's link state holds every relation: ~2.5 per article at 50k)
class Relation:
    source: str
    target: str
    type: str  # copy | rewrite | translation | follow_up
    score: float
    original: str | None = None  # id of the family's origin, when known


@dataclass
class TimelineEntry:
    article: str
    published: str | None
    added_facts: int = 0
    added_entities: list[str] = field(default_factory=list)


@dataclass
class Story:
    id: str
    title: str
    articles: list[str]
    start: str | None = None
    end: str | None = None
    sources: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    original: str | None = None


@dataclass
class Entity:
    id: str
    name: str
    type: str  # company | person | index | org | instrument
    tickers: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


# fact kinds whose value is a signed change (written with "+" when positive): a move in % or points, a yield's in bp
CHANGE_KINDS = ("price_change", "yield_change")


@dataclass
class Fact:
    article: str
    entity: str | None
    kind: str  # price_change | price | level | valuation | yield | yield_change (in basis points, "bp")
    value: float
    unit: str | None
    when: str | None
    text: str
    qualifier: str | None = None  # more than | about | nearly | as much as | ...
    period: str | None = None  # day | ytd | since:<date> | month | week | year | weeks:N | months:N | years:N | year:YYYY | month:YYYY-MM | from_peak | from_low
    when_expr: str | None = None  # the unresolved time phrase ("on Friday", "上周五"), re-resolved when
    # the article's date is only inferred later (from its story)
    start: int | None = None
    end: int | None = None


@dataclass
class Event:
    article: str
    entity: str | None
    event: str  # earnings | shareholder_meeting | policy_meeting | index_change | listing | meeting | data_release
    when: str | None
    text: str
    basis: str | None = None  # explicit | relative | None
    when_expr: str | None = None


@dataclass
class Quote:
    article: str
    speaker: str | None
    text: str
    org: str | None = None
    role: str | None = None
    direct: bool = True


@dataclass
class Conflict:
    articles: list[str]
    entity: str | None
    kind: str
    explanation: str


@dataclass
class Sentiment:
    article: str
    entity: str
    score: float
    evidence: str


@dataclass
class StoryMap:
    documents: list[Document] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    sentiments: list[Sentiment] = field(default_factory=list)

    SCHEMA = "newsdesk.storymap/1"


def to_dict(obj: Any) -> Any:
    return asdict(obj)
