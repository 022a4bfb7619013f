"""StoryMap -> the JSON object of the story-map contract (schema ``newsdesk.storymap/1``)."""
from __future__ import annotations

import json
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import StoryMap


def _document(d) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.id, "path": d.path, "articles": list(d.articles), "status": d.status,
                           "kind": d.kind}
    if d.url:
        out["url"] = d.url
    if d.encoding:
        out["encoding"] = d.encoding
    if d.error:
        out["error"] = {"code": d.error.code, "message": d.error.message, "hint": d.error.hint}
    if d.drop_reason:
        out["reason"] = d.drop_reason
    return out


def _article(a) -> dict[str, Any]:
    return {"id": a.id, "document": a.document, "path": a.path, "title": a.title, "language": a.language,
            "authors": list(a.authors), "publisher": a.publisher, "published": a.published,
            "published_basis": a.published_basis, "url": a.url, "text": a.text, "story": a.story,
            "source_attribution": a.source_attribution,
            "mentions": [{"entity": m.entity, "start": m.start, "end": m.end, "surface": m.surface}
                         for m in a.mentions]}


def to_json_dict(sm: StoryMap) -> dict[str, Any]:
    return {
        "schema": StoryMap.SCHEMA,
        "documents": [_document(d) for d in sm.documents],
        "articles": [_article(a) for a in sm.articles],
        "relations": [asdict(r) for r in sm.relations],
        "stories": [asdict(s) for s in sm.stories],
        "entities": [asdict(e) for e in sm.entities],
        "facts": [asdict(f) for f in sm.facts],
        "events": [asdict(e) for e in sm.events],
        "quotes": [asdict(q) for q in sm.quotes],
        "conflicts": [asdict(c) for c in sm.conflicts],
        "sentiments": [asdict(s) for s in sm.sentiments],
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files("newsdesk.export").joinpath("storymap.schema.json").read_text("utf-8"))


def validate(obj: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `obj` breaks the contract."""
    import jsonschema

    jsonschema.validate(obj, schema())


def write_storymap(sm: StoryMap, path: str | Path) -> dict[str, Any]:
    obj = to_json_dict(sm)
    tmp = Path(str(path) + ".tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return obj
