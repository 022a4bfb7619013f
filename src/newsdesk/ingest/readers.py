"""Readers: turn input paths into Documents, one per page or per record.

Every input yields at least one Document, even when it cannot be read: such a document has
``status="error"`` and an ErrorInfo with a stable code and a hint, so nothing is silently lost.
"""
from __future__ import annotations

import gzip
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import (BinaryInput, EmptyInput, InputError, MalformedRecord, NewsdeskError, TooLarge,
                      TruncatedWarc, UnsupportedInput)
from ..model import Document, ErrorInfo, content_id
from .encoding import decode_bytes, looks_binary
from .records import record_fields

log = logging.getLogger(__name__)

HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_EXT = {".txt", ".text", ".md"}
FEED_EXT = {".rss", ".atom", ".xml"}
JSONL_EXT = {".jsonl", ".ndjson"}
WARC_EXT = {".warc", ".arc"}
KNOWN_EXT = HTML_EXT | TEXT_EXT | FEED_EXT | JSONL_EXT | WARC_EXT


def _suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def expand_inputs(inputs: Iterable[str]) -> list[Path]:
    """Files, directories (recursively, known page types only) and globs, in a stable order.
    ``-`` reads a list of paths from standard input, one per line."""
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.absolute()
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in inputs:
        if raw == "-":
            for line in sys.stdin:
                if line.strip():
                    add(Path(line.strip()))
            continue
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and _suffix(f) in KNOWN_EXT and not f.name.startswith("."):
                    add(f)
        elif any(ch in raw for ch in "*?[") and not p.exists():
            base = Path(raw).anchor or "."
            pattern = raw[len(base):] if raw.startswith(base) and base != "." else raw
            for f in sorted(Path(base).glob(pattern)):
                if f.is_file():
                    add(f)
        else:
            add(p)  # a missing file becomes an error document, not an exception
    return out


def _error_doc(path: str, exc: NewsdeskError, ident: str | None = None) -> Document:
    return Document(id=ident or content_id("d", "error", path), path=path, status="error",
                    error=ErrorInfo(exc.code, exc.message, exc.hint))


_HTML_FRAGMENT = re.compile(r"<(?:p|div|article|section|h[1-6]|ul|ol|li|blockquote|table)\b[^>]*>", re.I)


def _looks_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _page_document(path: str, data: bytes, *, ident: str, url: str | None = None,
                   kind_hint: str | None = None, meta: dict | None = None,
                   declared: str | None = None) -> Document:
    if not data.strip():
        raise EmptyInput(f"{path}: the page is empty")
    if looks_binary(data):
        raise BinaryInput(f"{path}: binary content, not a page")
    is_html = kind_hint == "html"
    text, enc = decode_bytes(data, is_html=is_html or kind_hint is None, declared=declared)
    if not text.strip():
        raise EmptyInput(f"{path}: the page holds only whitespace")
    kind = "html" if is_html or (kind_hint is None and _looks_html(text)) else "text"
    if kind_hint == "text" and _looks_html(text):
        kind = "html"  # a .txt that is really an HTML page
    return Document(id=ident, path=path, kind=kind, text=text, url=url, encoding=enc, meta=meta or {})


def read_path(path: Path, config: dict) -> Iterator[Document]:
    """Every document in one input path (a page, or the records of a WARC/feed/JSONL file)."""
    spath = str(path)
    max_bytes = int(config["limits"]["max_document_bytes"])
    try:
        if not path.exists():
            raise InputError(f"{spath}: no such file", code="ND107", hint="Check the path; globs are expanded by newsdesk.")
        if not path.is_file():
            raise UnsupportedInput(f"{spath}: not a regular file")
        size = path.stat().st_size
        suffix = _suffix(path)
        if suffix not in WARC_EXT | JSONL_EXT | FEED_EXT and size > max_bytes:
            raise TooLarge(f"{spath}: {size} bytes is over the limit of {max_bytes}")
        if suffix in WARC_EXT | JSONL_EXT:
            # record containers stream from the file: a crawl shard of any size is never held whole
            yield from _read_container(path, spath, suffix, config)
            return
        data = path.read_bytes()
        if path.name.lower().endswith(".gz") and suffix not in WARC_EXT:
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as exc:
                raise MalformedRecord(f"{spath}: broken gzip stream ({exc})") from exc
    except NewsdeskError as exc:
        yield _error_doc(spath, exc)
        return
    except OSError as exc:
        yield _error_doc(spath, InputError(f"{spath}: cannot read ({exc.strerror or exc})"))
        return

    if suffix in FEED_EXT or (suffix not in HTML_EXT | TEXT_EXT and _looks_feed(data)):
        from .feeds import read_feed
        yield from _guarded(read_feed(spath, data, config), spath)
        return
    if suffix and suffix not in KNOWN_EXT and looks_binary(data):
        yield _error_doc(spath, UnsupportedInput(f"{spath}: unsupported file type {suffix!r}"))
        return
    ident = content_id("d", data)
    hint = "html" if suffix in HTML_EXT else ("text" if suffix in TEXT_EXT else None)
    try:
        yield _page_document(spath, data, ident=ident, kind_hint=hint)
    except NewsdeskError as exc:
        yield _error_doc(spath, exc, ident)


def _looks_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in data[:4096].lower() or b"<feed" in data[:4096].lower())


def _read_container(path: Path, spath: str, suffix: str, config: dict) -> Iterator[Document]:
    """The records of a WARC or JSONL file (gzipped or not), read as a stream."""
    with open(path, "rb") as raw:
        if suffix in WARC_EXT:  # warcio reads gzipped WARC members itself
            from .warc import read_warc
            yield from _guarded(read_warc(spath, raw, config), spath)
            return
        stream = gzip.GzipFile(fileobj=raw) if path.name.lower().endswith(".gz") else raw
        yield from _guarded(read_jsonl(spath, stream, config), spath)


def _guarded(records: Iterator[Document], spath: str) -> Iterator[Document]:
    """A container's records; a reader that fails part-way ends the file with one error document."""
    n = 0
    try:
        for doc in records:
            n += 1
            yield doc
    except (OSError, EOFError) as exc:  # a broken or cut gzip stream
        yield _error_doc(f"{spath}#{n + 1}", MalformedRecord(
            f"{spath}: broken or truncated compressed stream after record {n} ({exc})"))
    except Exception as exc:  # noqa: BLE001 - a parser bug on one file must not stop the run
        log.warning("%s: reader failed after %d records", spath, n, exc_info=True)
        yield _error_doc(f"{spath}#{n + 1}", MalformedRecord(
            f"{spath}: unreadable after record {n} ({type(exc).__name__}: {str(exc)[:200]})"))


def _lines(stream) -> Iterator[str]:
    """Decoded lines of a binary stream: UTF-8, or per line whatever decode_bytes finds."""
    for raw in stream:
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield decode_bytes(raw)[0]


def read_jsonl(spath: str, stream, config: dict) -> Iterator[Document]:
    """One document per JSON line: {url, title, date|published, author(s), html | text}; ``stream`` is a
    binary file object (or bytes)."""
    if isinstance(stream, (bytes, bytearray)):
        stream = io.BytesIO(stream)
    max_bytes = int(config["limits"]["max_document_bytes"])
    records = 0
    for lineno, line in enumerate(_lines(stream), 1):
        if not line.strip():
            continue
        records += 1
        rec_path = f"{spath}#L{lineno}"
        ident = content_id("d", spath.encode(), str(lineno), line)
        try:
            if len(line) > max_bytes:
                raise TooLarge(f"{rec_path}: record of {len(line)} characters is over the limit")
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedRecord(f"{rec_path}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
            if not isinstance(rec, dict):
                raise MalformedRecord(f"{rec_path}: a record must be a JSON object")
            body, html_key, url, meta = record_fields(rec)
            if not isinstance(body, str) or not body.strip():
                raise EmptyInput(f"{rec_path}: the record has no html or text",
                                 hint="give the article text under 'text' (or html, content, body, maintext, "
                                      "article, articleBody; a summary under description or summary)")
            # a record is its url, title and text, wherever it is read from: the same record in the next
            # day's dump is the same document (the line's path and number identify it only when it fails)
            ident = content_id("d", "record", url or "", meta.get("title") or "", body)
            kind = "html" if html_key or _looks_html(body) else "text"
            if kind == "text" and _HTML_FRAGMENT.search(body[:4096]) and "</" in body:
                kind, body = "html", f"<html><body>{body}</body></html>"  # ("<p>…</p><p>…</p>", as a feed item's)
            yield Document(id=ident, path=rec_path, kind=kind, text=body, url=url, encoding="utf-8", meta=meta)
        except NewsdeskError as exc:
            yield _error_doc(rec_path, exc, ident)
    if not records:  # every input yields at least one document
        yield _error_doc(spath, EmptyInput(f"{spath}: no JSON records in the file"))


__all__ = ["expand_inputs", "read_path", "read_jsonl", "MalformedRecord", "TruncatedWarc"]
