"""``POST /api/documents``: client content goes into a temp folder the server creates, then into the
store through ``newsdesk.api.add``. A client never names a server path: names are reduced to a safe
base name inside that folder."""
from __future__ import annotations

import json
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from ..errors import UsageError

PAGE_EXT = {".html", ".htm", ".xhtml", ".txt", ".text", ".md", ".jsonl", ".ndjson", ".rss", ".atom", ".xml",
            ".warc", ".gz"}
RAW_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
             "application/x-ndjson": ".jsonl", "application/jsonl": ".jsonl", "application/rss+xml": ".rss",
             "application/atom+xml": ".atom", "application/xml": ".xml", "text/xml": ".xml",
             "application/warc": ".warc"}
MAX_DOCUMENTS = 1000

_write_lock = threading.Lock()  # one writer per server process; other processes wait on SQLite's lock


class DocumentIn(BaseModel):
    name: str = Field(description="a file name; only its base name is used, and its extension picks the reader")
    content: str = Field(description="the page: HTML, plain text, a feed or JSON lines")
    url: str | None = Field(default=None, description="where the page came from (optional)")


class DocumentsIn(BaseModel):
    documents: list[DocumentIn]


def safe_name(name: str, content: str | bytes = "", index: int = 0) -> str:
    """A base name with no folder part, only [A-Za-z0-9._-], and an extension newsdesk reads."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".")[:100] or f"document-{index + 1}"
    if Path(base).suffix.lower() not in PAGE_EXT:
        head = content[:2048].lower() if isinstance(content, str) else content[:2048].decode("latin-1").lower()
        base += ".html" if ("<html" in head or "<body" in head or "<!doctype" in head) else ".txt"
    return base


def parse_json_body(body: bytes) -> list[DocumentIn]:
    try:
        obj = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"the request body is not valid JSON ({exc})", code="ND423",
                         hint='Send {"documents": [{"name": "page.html", "content": "..."}]} or a raw page.') from exc
    try:
        docs = DocumentsIn.model_validate(obj).documents
    except ValueError as exc:
        raise UsageError(f"the request body does not match the documents schema: {exc}".splitlines()[0],
                         code="ND423", hint='Each document needs "name" and "content" strings.') from exc
    if not docs:
        raise UsageError("no documents in the request", code="ND423", hint="Send at least one document.")
    if len(docs) > MAX_DOCUMENTS:
        raise UsageError(f"{len(docs)} documents in one request; the limit is {MAX_DOCUMENTS}", code="ND423",
                         hint="Split the upload into several requests.")
    return docs


def raw_name(name: str | None, content_type: str) -> str:
    ext = RAW_TYPES.get(content_type.split(";")[0].strip().lower(), "")
    return name or f"upload{ext or '.html'}"


def write_files(folder: Path, docs: list[DocumentIn] | None = None, raw: tuple[str, bytes] | None = None) -> list[str]:
    """Write the documents into `folder`; a document with a URL becomes a one-record JSONL file."""
    names: list[str] = []
    used: set[str] = set()

    def unique(n: str) -> str:
        stem, ext, k = Path(n).stem, "".join(Path(n).suffixes[-1:]), 1
        while n in used:
            k += 1
            n = f"{stem}-{k}{ext}"
        used.add(n)
        return n

    if raw is not None:
        name = unique(safe_name(raw[0], raw[1]))
        (folder / name).write_bytes(raw[1])
        names.append(name)
    for i, d in enumerate(docs or []):
        name = safe_name(d.name, d.content, i)
        if d.url:
            body = "html" if Path(name).suffix.lower() in {".html", ".htm", ".xhtml"} else "text"
            name = unique(Path(name).stem + ".jsonl")
            line = json.dumps({"url": d.url, body: d.content}, ensure_ascii=False)
            (folder / name).write_text(line + "\n", encoding="utf-8")
        else:
            name = unique(name)
            (folder / name).write_text(d.content, encoding="utf-8")
        names.append(name)
    return names


def add_documents(db: Path, config: dict[str, Any], docs: list[DocumentIn] | None = None,
                  raw: tuple[str, bytes] | None = None) -> dict[str, Any]:
    """Write the upload to a fresh temp folder, add it to the store, and report what each file became."""
    from ..api import add
    from ..store import Store
    from ..store.queries import documents_under

    with tempfile.TemporaryDirectory(prefix="newsdesk-upload-") as tmp:
        folder = Path(tmp)
        names = write_files(folder, docs, raw)
        with _write_lock:
            res = add([str(folder / n) for n in names], db=db, config=config)
        store = Store(db, readonly=True)
        try:
            rows = documents_under(store, str(folder) + "/")
        finally:
            store.close()
    prefix = str(folder) + "/"
    documents = [{"name": r["path"][len(prefix):], "id": r["id"], "status": r["status"], "kind": r["kind"],
                  "articles": r["n_articles"],
                  "error": ({"code": r["error_code"], "message": r["error_message"].replace(prefix, ""),
                             "hint": r["error_hint"] or ""} if r["error_code"] else None),
                  "reason": r["reason"]} for r in rows]
    return {"new_documents": res.new_documents, "skipped": res.skipped, "new_articles": res.new_articles,
            "documents": documents}
