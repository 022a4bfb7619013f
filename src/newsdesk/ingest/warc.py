"""WARC reader: one document per HTTP response record (warcio)."""
from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import MalformedRecord, NewsdeskError, TruncatedWarc
from ..model import Document, ErrorInfo, content_id


def read_warc(spath: str, stream, config: dict) -> Iterator[Document]:
    """The response and resource records of a WARC file; ``stream`` is a binary file object (or bytes)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .readers import _page_document  # local import: readers imports this module lazily

    max_bytes = int(config["limits"]["max_document_bytes"])
    index = 0
    try:
        if isinstance(stream, (bytes, bytearray)):
            stream = io.BytesIO(stream)
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            index += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            date = record.rec_headers.get_header("WARC-Date")
            rec_path = f"{spath}#{index}"
            ctype = ""
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                skip = _not_a_page(record.http_headers, ctype)
                if skip:  # a crawl's redirects, error pages and PDFs are no articles, and no errors either
                    yield Document(id=content_id("d", spath, str(index), skip), path=rec_path, kind="html",
                                   text="", url=uri, meta={"fetched": date}, status="empty", drop_reason=skip)
                    continue
            try:
                body = record.content_stream().read(max_bytes + 1)
            except Exception as exc:  # warcio raises plain exceptions on cut streams
                yield _err(rec_path, TruncatedWarc(f"{rec_path}: record body cut short ({exc})"))
                return
            missing = getattr(record.raw_stream, "limit", 0)
            if len(body) <= max_bytes and isinstance(missing, int) and missing > 0:
                # warcio hands back a short body without complaint when the file ends mid-record
                yield _err(rec_path, TruncatedWarc(f"{rec_path}: the file ends {missing} bytes before the "
                                                   f"end of this record"))
                return
            ident = content_id("d", body)
            try:
                if len(body) > max_bytes:
                    raise MalformedRecord(f"{rec_path}: record over the size limit", code="ND103",
                                          hint="Raise limits.max_document_bytes if the page is genuine.")
                length = record.rec_headers.get_header("Content-Length")
                declared = None
                if "charset=" in ctype:
                    declared = ctype.split("charset=", 1)[1].split(";")[0].strip()
                doc = _page_document(rec_path, body, ident=ident, url=uri,
                                     kind_hint="html" if "html" in ctype or not ctype else "text",
                                     meta={"fetched": date, "warc_length": length}, declared=declared)
                doc.kind = "html" if doc.kind == "html" else "text"
                yield doc
            except NewsdeskError as exc:
                yield _err(rec_path, exc, ident)
    except ArchiveLoadFailed as exc:
        yield _err(f"{spath}#{index + 1}", MalformedRecord(f"{spath}: not a readable WARC ({exc})"))
    except (EOFError, OSError, ValueError) as exc:
        yield _err(f"{spath}#{index + 1}", TruncatedWarc(f"{spath}: truncated after record {index} ({exc})"))
    if index == 0:
        yield _err(spath, MalformedRecord(f"{spath}: no response records in the WARC file"))


_PAGE_TYPES = ("html", "text/", "xml", "json")


def _not_a_page(http_headers, ctype: str) -> str | None:
    """Why an HTTP response holds no page to read: a status other than 2xx ("HTTP 301 redirect to …",
    "HTTP 404"), or a content type that is not text ("not a page (application/pdf)"); None for a page."""
    try:
        code = int(http_headers.get_statuscode() or 200)
    except (TypeError, ValueError):
        code = 200
    if not 200 <= code < 300:
        where = http_headers.get_header("Location") if 300 <= code < 400 else None
        return f"HTTP {code}" + (f" redirect to {where}" if where else "")
    mime = ctype.split(";", 1)[0].strip()
    if mime and not any(t in mime for t in _PAGE_TYPES):
        return f"not a page ({mime})"
    return None


def _err(path: str, exc: NewsdeskError, ident: str | None = None) -> Document:
    return Document(id=ident or content_id("d", "error", path), path=path, status="error",
                    error=ErrorInfo(exc.code, exc.message, exc.hint))
