"""Page and JSON shaping for the web app: store query results in, template contexts and API bodies out.

Everything here is pure (no I/O besides the store calls passed in), so the routes in ``app.py`` stay
small. Article text is untrusted: nothing here builds HTML from it except ``highlight``, which escapes
first and only then turns the FTS snippet markers into ``<mark>``.
"""
from __future__ import annotations

import json
import re
from datetime import date
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from ..model import CHANGE_KINDS
from ..store import queries
from ..store.sqlite import Store

RELATION_LABELS = {"copy": "copy", "rewrite": "rewrite", "translation": "translation", "follow_up": "follow-up"}
FAMILY = ("copy", "rewrite", "translation")


# -- URLs --------------------------------------------------------------------------------------------------
def story_url(story_id: str | None, article_id: str | None = None) -> str | None:
    if not story_id:
        return None
    url = f"/stories/{quote(story_id, safe='')}"
    return f"{url}#a-{quote(article_id, safe='')}" if article_id else url


def entity_url(entity_id: str | None) -> str | None:
    return f"/entities/{quote(entity_id, safe='')}" if entity_id else None


def web_url(url: str | None) -> str | None:
    """An article's own URL, only when it is http(s) (never javascript: or data:)."""
    if not url or not isinstance(url, str):
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


# -- snippets ----------------------------------------------------------------------------------------------
def highlight(snippet: str | None, open_mark: str = "[", close_mark: str = "]") -> Markup:
    """Escape the snippet, then turn the FTS markers into <mark> (balanced: a stray marker is kept)."""
    out: list[str] = []
    inside = False
    for ch in snippet or "":
        if ch == open_mark and not inside:
            out.append("<mark>")
            inside = True
        elif ch == close_mark and inside:
            out.append("</mark>")
            inside = False
        else:
            out.append(str(escape(ch)))
    if inside:
        out.append("</mark>")
    return Markup("".join(out))


# -- formatting --------------------------------------------------------------------------------------------
def fmt_value(fact: dict[str, Any]) -> str:
    """A fact's value as a reader writes it: qualifier, sign for moves, unit."""
    v = fact.get("value")
    if v is None:
        return ""
    unit = fact.get("unit") or ""
    sign = "+" if fact.get("kind") in CHANGE_KINDS and v > 0 else ""
    num = f"{v:,.4f}".rstrip("0").rstrip(".") if isinstance(v, float) else f"{v:,}"
    tail = unit if unit in ("%", "x") else (f" {unit}" if unit else "")
    qual = f"{fact['qualifier']} " if fact.get("qualifier") else ""
    return f"{qual}{sign}{num}{tail}"


def _json_list(v: Any) -> list:
    if isinstance(v, list):
        return v
    if isinstance(v, str) and v:
        try:
            out = json.loads(v)
            return out if isinstance(out, list) else []
        except json.JSONDecodeError:
            return []
    return []


# -- story list --------------------------------------------------------------------------------------------
def story_list(store: Store, *, limit: int, offset: int, q: str | None) -> dict[str, Any]:
    rows = queries.list_stories(store, limit=limit, offset=offset, q=q or None)
    items = [r | {"url": story_url(r["id"]), "n_sources": len(r["sources"]), "n_languages": len(r["languages"])}
             for r in rows]
    return {"stories": items, "limit": limit, "offset": offset, "q": q or None}


# -- one story ---------------------------------------------------------------------------------------------
def story_json(store: Store, story_id: str) -> dict[str, Any]:
    s = queries.story(store, story_id)
    s["url"] = story_url(s["id"])
    for a in s["articles"]:
        a["source_url"] = web_url(a.pop("url", None))
        a["url"] = story_url(s["id"], a["id"])
    for e in s["entities"]:
        e["tickers"] = _json_list(e.get("tickers"))
        e["url"] = entity_url(e["id"])
    return s


def _in_conflict(fact: dict[str, Any], conflicts: list[dict[str, Any]]) -> list[int]:
    """Indexes of the conflicts a fact takes part in (same article, entity and kind)."""
    return [i for i, c in enumerate(conflicts)
            if fact["article"] in c["articles"] and c.get("kind") == fact.get("kind")
            and c.get("entity") in (None, fact.get("entity"))]


def story_page(s: dict[str, Any]) -> dict[str, Any]:
    """The template context for a story: timeline with badges, facts with conflict flags, quotes."""
    arts = {a["id"]: a for a in s["articles"]}
    tl = {t["article"]: t for t in s.get("timeline", [])}
    derived: dict[str, list[dict[str, Any]]] = {}
    for r in s["relations"]:
        if r["source"] in arts:
            target = arts.get(r["target"])
            derived.setdefault(r["source"], []).append({
                "type": r["type"], "label": RELATION_LABELS.get(r["type"], r["type"]),
                "of_id": r["target"], "of_publisher": (target or {}).get("publisher") or "another article",
                "of_url": story_url(s["id"], r["target"]) if target else None, "score": r.get("score")})
    roots = {r.get("original") for r in s["relations"] if r.get("original")}
    timeline = []
    for a in s["articles"]:
        badges = sorted(derived.get(a["id"], []), key=lambda b: b["type"])
        original = a["id"] == s.get("original") or a["id"] in roots
        t = tl.get(a["id"], {})
        timeline.append(a | {"badges": badges, "is_original": original,
                             "added_facts": t.get("added_facts", 0), "added_entities": t.get("added_entities", [])})
    conflicts = []
    for i, c in enumerate(s["conflicts"]):
        conflicts.append(c | {"n": i + 1, "sources": [
            {"publisher": (arts.get(aid) or {}).get("publisher") or aid, "url": story_url(s["id"], aid)}
            for aid in c["articles"]], "entity_url": entity_url(c.get("entity"))})
    facts = []
    for f in s["facts"]:
        hits = _in_conflict(f, s["conflicts"])
        facts.append(f | {"display": fmt_value(f), "conflicts": [n + 1 for n in hits],
                          "publisher": (arts.get(f["article"]) or {}).get("publisher"),
                          "article_url": story_url(s["id"], f["article"]), "entity_url": entity_url(f.get("entity"))})
    quotes = [q | {"publisher": (arts.get(q["article"]) or {}).get("publisher"),
                   "article_url": story_url(s["id"], q["article"])} for q in s["quotes"]]
    events = [v | {"entity_url": entity_url(v.get("entity"))} for v in s.get("events", [])]
    return {"story": s, "timeline": timeline, "facts": facts, "conflicts": conflicts, "quotes": quotes,
            "events": events, "entities": s["entities"]}


# -- one entity --------------------------------------------------------------------------------------------
def entity_json(store: Store, key: str) -> dict[str, Any]:
    e = queries.entity(store, key)
    e["url"] = entity_url(e["id"])
    for s in e["stories"]:
        s["url"] = story_url(s["id"])
    stories = queries.article_stories(store, [f["article"] for f in e["facts"]])
    for f in e["facts"]:
        f["url"] = story_url(stories.get(f["article"]), f["article"])
    return e


def _day(v: str | None) -> date | None:
    try:
        return date.fromisoformat((v or "")[:10])
    except ValueError:
        return None


def fact_charts(facts: list[dict[str, Any]], *, width: int = 380, height: int = 140) -> list[dict[str, Any]]:
    """One small chart per (kind, unit): dated points scaled into an SVG box (drawn by the template).
    Dots are the facts (repeats of one value on one day counted once); the line joins each day's mean."""
    left, right, top, bottom = 70, 14, 12, 24
    groups: dict[tuple[str, str], list[tuple[date, dict[str, Any]]]] = {}
    for f in facts:
        d = _day(f.get("when")) or _day(f.get("published"))
        if d is not None and f.get("value") is not None:
            groups.setdefault((f["kind"], f.get("unit") or ""), []).append((d, f))
    charts = []
    for (kind, unit), pts in sorted(groups.items()):
        pts.sort(key=lambda p: (p[0], p[1]["value"]))
        d0, d1 = pts[0][0], pts[-1][0]
        vals = [p[1]["value"] for p in pts]
        lo, hi = min(vals), max(vals)
        if kind in CHANGE_KINDS:
            lo, hi = min(lo, 0.0), max(hi, 0.0)
        if hi == lo:
            lo, hi = lo - max(abs(lo) * 0.1, 1.0), hi + max(abs(hi) * 0.1, 1.0)
        plot_w, plot_h = width - left - right, height - top - bottom

        def xy(d: date, v: float) -> tuple[float, float]:
            x = left + (plot_w * (d - d0).days / (d1 - d0).days if d1 != d0 else plot_w / 2)
            return round(x, 1), round(top + plot_h * (hi - v) / (hi - lo), 1)

        points: list[dict[str, Any]] = []
        for d, f in pts:
            if points and points[-1]["date"] == d.isoformat() and points[-1]["value"] == f["value"]:
                points[-1]["n"] += 1
                points[-1]["label"] = f"{fmt_value(f)} ({points[-1]['n']} articles)"
                continue
            x, y = xy(d, f["value"])
            points.append({"x": x, "y": y, "date": d.isoformat(), "value": f["value"], "n": 1,
                           "label": fmt_value(f), "text": f.get("text") or "", "url": f.get("url")})
        by_day: dict[date, list[float]] = {}
        for d, f in pts:
            by_day.setdefault(d, []).append(f["value"])
        line = [xy(d, sum(v) / len(v)) for d, v in sorted(by_day.items())]
        charts.append({
            "kind": kind, "unit": unit, "title": kind.replace("_", " ") + (f" ({unit})" if unit else ""),
            "width": width, "height": height, "left": left, "right": width - right, "top": top,
            "bottom": height - bottom, "points": points,
            "polyline": " ".join(f"{x},{y}" for x, y in line) if len(line) > 1 else "",
            "zero": xy(d0, 0.0)[1] if kind in CHANGE_KINDS and lo < 0 else None,
            "lo": fmt_value({"value": lo, "unit": unit}), "hi": fmt_value({"value": hi, "unit": unit}),
            "first": d0.isoformat(), "last": d1.isoformat()})
    return charts


def entity_page(e: dict[str, Any]) -> dict[str, Any]:
    facts = [f | {"display": fmt_value(f)} for f in e["facts"]]
    return {"entity": e, "facts": facts, "charts": fact_charts(facts), "stories": e["stories"]}


# -- search ------------------------------------------------------------------------------------------------
SEARCH_FILTERS = ("entity", "since", "until", "language", "source")


def search_json(store: Store, q: str, filters: dict[str, str | None], *, limit: int, offset: int) -> dict[str, Any]:
    used = {k: v for k, v in filters.items() if v}
    hits = queries.search(store, q, limit=limit, offset=offset, **used)
    texts = queries.article_texts(store, [h["id"] for h in hits])
    terms = query_terms(q)
    for h in hits:
        h["url"] = story_url(h.get("story"), h["id"])
        h["context"] = context_parts(texts.get(h["id"], ""), terms)
    return {"q": q, "filters": used, "limit": limit, "offset": offset, "results": hits}


def query_terms(q: str) -> list[str]:
    """The words and phrases of a search query (operators left out), longest first."""
    terms = [a or b for a, b in re.findall(r'"([^"]+)"|([^\s()"]+)', q)]
    return sorted({t for t in terms if t not in ("AND", "OR", "NOT") and t.strip()}, key=lambda t: (-len(t), t))


def context_parts(text: str, terms: list[str], width: int = 280) -> list[list[Any]]:
    """A window of `text` around the first match, as [segment, is_match] pairs (plain text, not HTML;
    the template escapes each segment and wraps matches in <mark>)."""
    if not text or not terms:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    first = pattern.search(text)
    if not first:
        return []
    start = max(0, first.start() - width // 3)
    if start:
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 and first.start() - space < width // 2 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space > first.end() else end
    window = " ".join(text[start:end].split())
    parts: list[list[Any]] = [["…", False]] if start else []
    pos = 0
    for m in pattern.finditer(window):
        if m.start() > pos:
            parts.append([window[pos:m.start()], False])
        parts.append([m.group(0), True])
        pos = m.end()
    if pos < len(window):
        parts.append([window[pos:], False])
    if end < len(text):
        parts.append(["…", False])
    return parts


def search_page(body: dict[str, Any]) -> dict[str, Any]:
    return {"results": [h | {"snippet_html": highlight(h.get("snippet"))} for h in body["results"]]}


# -- docs --------------------------------------------------------------------------------------------------
def endpoint_docs(spec: dict[str, Any]) -> dict[str, Any]:
    """A local docs page from the OpenAPI spec (no CDN assets): endpoints with their parameters."""
    endpoints = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            params = [{"name": p["name"], "in": p.get("in"), "required": p.get("required", False),
                       "type": (p.get("schema") or {}).get("type") or _any_of(p.get("schema") or {}),
                       "description": p.get("description", "")} for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "params": params, "body": bool(op.get("requestBody"))})
    info = spec.get("info", {})
    return {"endpoints": endpoints, "title": info.get("title", ""), "description": info.get("description", "")}


def _any_of(schema: dict[str, Any]) -> str:
    return " | ".join(s.get("type", "") for s in schema.get("anyOf", []) if s.get("type") != "null")
