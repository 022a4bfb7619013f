"""Read queries over the store: search, story, entity, story list. Parameters only, never string SQL."""
from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from ..errors import SearchQueryError, StoreError
from ..clean.zhscript import script_variants
from ..facts.kb import normalize_ticker
from .sqlite import Store

SNIPPET_TOKENS = 64  # (FTS5's most; with the trigram tokenizer a token is about one character: 24 cut words)
ENTITY_PAGE_ROWS = 500  # the latest facts and stories of an entity on its page (a busy index has thousands)


WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def term_variants(term: str) -> list[str]:
    """The ways a text may write a query term: as typed, in the other Chinese scripts (see
    :func:`script_variants`), and with a hyphen between words as a space ("price-target", "price target")."""
    out = script_variants(term)
    if WORD_HYPHEN.search(term):
        out += [v for v in script_variants(WORD_HYPHEN.sub(" ", term)) if v not in out]
    return out


def _phrase(term: str) -> str:
    """One query term as FTS5: a quoted phrase, or its variants ORed together."""
    vs = ['"' + v.replace('"', "") + '"' for v in term_variants(term)]
    return vs[0] if len(vs) == 1 else "(" + " OR ".join(vs) + ")"


OPS = ("AND", "OR", "NOT")


def parse_query(q: str) -> list[str]:
    """A user query's parts: quoted phrases, bare terms, AND/OR/NOT and parentheses, checked for balance
    and for operators that lack a term on either side (SearchQueryError, ND304)."""
    q = q.strip()
    if not q:
        raise SearchQueryError("empty search query")
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in q):
        raise SearchQueryError("the search query holds control characters")
    if q.count('"') % 2:
        raise SearchQueryError(f"unbalanced quote in {q!r}")
    parts = re.findall(r'"[^"]*"|\(|\)|[^\s()"]+', q)
    depth = 0
    for p in parts:
        depth += (p == "(") - (p == ")")
        if depth < 0:
            break
    if depth:
        raise SearchQueryError(f"unbalanced parenthesis in {q!r}")
    if '""' in parts:
        raise SearchQueryError(f"an empty phrase in {q!r}")
    if parts[0] in OPS or parts[-1] in OPS:
        raise SearchQueryError(f"{q!r} starts or ends with an operator")
    for a, b in zip(parts, parts[1:]):
        if a in OPS and (b in OPS or b == ")") or a == "(" and (b in OPS or b == ")"):
            raise SearchQueryError(f"{a!r} followed by {b!r} in {q!r}: an operator or a parenthesis needs terms")
    return parts


def _unquote(part: str) -> str:
    return part[1:-1] if part.startswith('"') else part


def _joined(parts: list[str], operand, not_op: str) -> list:
    """The parts with an explicit AND between two operands that follow each other (FTS5 does not join a
    parenthesised group and a phrase by itself), operands mapped by ``operand`` and NOT written ``not_op``."""
    out, prev = [], False
    for p in parts:
        if p in OPS:
            out.append(not_op if p == "NOT" else p)
            prev = False
        elif p == ")":
            out.append(p)
            prev = True
        else:
            if prev:
                out.append("AND")
            out.append(p if p == "(" else operand(_unquote(p)))
            prev = p != "("
    return out


def fts_query(q: str) -> str:
    """A user query to FTS5 syntax. Terms and quoted phrases become quoted phrases (so punctuation is
    safe), each ORed with the ways a text may write it (:func:`term_variants`), ANDed unless AND/OR/NOT say
    otherwise; parentheses are kept."""
    return " ".join(_joined(parse_query(q), _phrase, "NOT"))


def _like(v: str) -> str:
    return "%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# the SQL a query becomes when it holds a term under three characters (see sql_plan), piece by piece: the
# statement is made only of these fixed pieces and placeholders
SQL_PIECES = {
    "(": "(", ")": ")", "AND": "AND", "OR": "OR", "NOT": "AND NOT",
    "MATCH": "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
    "LIKE": "a.text LIKE ? ESCAPE '\\' OR a.title LIKE ? ESCAPE '\\'",
}


def sql_plan(q: str) -> tuple[list[str], list[str]]:
    """A user query as an SQL condition on ``articles a`` (keys of SQL_PIECES, and the parameters), for
    queries with a term under three characters (two Chinese characters: "腾讯 回购"), which the trigram index
    cannot look up: such a term is a LIKE test (its variants ORed), any other a lookup of its phrase in the
    index; AND/OR/NOT and parentheses keep their meaning ("x NOT y": x and not y)."""
    params: list[str] = []

    def cond(t: str) -> list[str]:
        if len(t) >= 3:
            params.append(_phrase(t))
            return ["MATCH"]
        keys = ["("]
        for v in term_variants(t):
            keys += ["LIKE", "OR"]
            params.extend((_like(v), _like(v)))
        keys[-1] = ")"
        return keys

    keys: list[str] = []
    for p in _joined(parse_query(q), cond, "NOT"):
        keys += p if isinstance(p, list) else [p]
    return keys, params


def _has_short_term(q: str) -> bool:
    return any(len(_unquote(p)) < 3 for p in parse_query(q) if p not in OPS + ("(", ")"))


def search(store: Store, query: str, *, entity: str | None = None, since: str | None = None,
           until: str | None = None, language: str | None = None, source: str | None = None,
           limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Ranked articles matching `query` (FTS5 trigram: English words and Chinese characters alike),
    with highlighted snippets; filters by entity (id, name or ticker), dates, language and source."""
    where, params = [], []
    if _has_short_term(query):
        # the trigram index cannot look up a term under three characters (two Chinese characters): the
        # query becomes an SQL condition with LIKE for such terms (see sql_plan); no rank, no highlights
        keys, cparams = sql_plan(query)
        where.append("(" + " ".join(SQL_PIECES[k] for k in keys) + ")")
        params += cparams
        base = ("SELECT a.id, a.title, a.published, a.language, a.publisher, a.story, "
                "substr(a.text, 1, 200) AS snippet, 0.0 AS rank FROM articles a")
        order = "a.published DESC"  # no relevance to rank by: newest first, so LIMIT stops the scan early
    else:
        base = ("SELECT a.id, a.title, a.published, a.language, a.publisher, a.story, "
                f"snippet(articles_fts, 1, '[', ']', '…', {SNIPPET_TOKENS}) AS snippet, bm25(articles_fts) AS rank "
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid")
        where.append("articles_fts MATCH ?")
        params.append(fts_query(query))
        order = "rank"
    if entity:
        ids = entity_ids(store, entity)
        if not ids:
            return []
        where.append(f"a.id IN (SELECT article FROM mentions WHERE entity IN ({','.join('?' * len(ids))}))")
        params += ids
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(until)
    if language:
        where.append("a.language = ?")
        params.append(language)
    if source:
        where.append("a.publisher LIKE ?")
        params.append(f"%{source}%")
    sql = f"{base} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ? OFFSET ?"
    try:
        rows = store.conn.execute(sql, params + [int(limit), int(offset)]).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
            raise SearchQueryError(f"cannot parse the search query {query!r}: {exc}") from exc
        raise StoreError(str(exc)) from exc
    return [dict(r) for r in rows]


def entity_ids(store: Store, key: str) -> list[str]:
    """Entity ids whose id, name, ticker or alias is `key` (case-insensitive); a ticker as people type it
    ("700", "0700", "HK:700", "600519") is read in the base's form ("0700.HK", "600519.SS") too."""
    k = key.strip()
    t = normalize_ticker(k) or k
    rows = store.conn.execute(
        "SELECT id FROM entities WHERE id = ? OR lower(name) = lower(?) "
        "OR EXISTS (SELECT 1 FROM json_each(entities.tickers) WHERE lower(value) IN (lower(?), lower(?))) "
        "OR EXISTS (SELECT 1 FROM json_each(entities.aliases) WHERE lower(value) = lower(?))",
        (k, k, k, t, k)).fetchall()
    return [r[0] for r in rows]


def list_stories(store: Store, limit: int = 50, offset: int = 0, q: str | None = None) -> list[dict[str, Any]]:
    params: list[Any] = []
    where = ""
    if q:
        ids = {h["story"] for h in search(store, q, limit=500) if h.get("story")}
        if not ids:
            return []
        where = f"WHERE s.id IN ({','.join('?' * len(ids))})"
        params += sorted(ids)
    rows = store.conn.execute(
        f"SELECT s.* "
        f"FROM stories s {where} ORDER BY COALESCE(s.\"end\", s.start, '') DESC, s.n_articles DESC LIMIT ? OFFSET ?",
        params + [limit, offset]).fetchall()
    return [_story_row(r) for r in rows]


def _story_row(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "title": r["title"], "start": r["start"], "end": r["end"],
            "sources": json.loads(r["sources"]), "languages": json.loads(r["languages"]),
            "n_articles": r["n_articles"], "original": r["original"]}


def story(store: Store, story_id: str) -> dict[str, Any]:
    c = store.conn
    row = c.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if not row:
        raise StoreError(f"no story {story_id!r}", code="ND404", hint="List stories with newsdesk search or the web UI.")
    out = _story_row(row)
    out["timeline"] = json.loads(row["timeline"])
    arts = c.execute("SELECT id, title, published, published_basis, language, publisher, authors, url, path, "
                     "substr(text, 1, 400) AS lead FROM articles WHERE story = ? ORDER BY published, seq",
                     (story_id,)).fetchall()
    ids = [a["id"] for a in arts]
    marks = ",".join("?" * len(ids))
    out["articles"] = [dict(a) | {"authors": json.loads(a["authors"])} for a in arts]
    out["relations"] = [dict(r) for r in c.execute(
        f"SELECT * FROM relations WHERE source IN ({marks}) OR target IN ({marks})", ids + ids)]
    out["facts"] = [dict(r) for r in c.execute(
        f"SELECT f.*, e.name AS entity_name FROM facts f LEFT JOIN entities e ON e.id = f.entity "
        f"WHERE f.article IN ({marks}) ORDER BY f.\"when\", f.entity", ids)]
    out["quotes"] = [dict(r) for r in c.execute(f"SELECT * FROM quotes WHERE article IN ({marks})", ids)]
    out["events"] = [dict(r) for r in c.execute(
        f"SELECT v.*, e.name AS entity_name FROM events v LEFT JOIN entities e ON e.id = v.entity "
        f"WHERE v.article IN ({marks})", ids)]
    conflicts = []
    for r in c.execute("SELECT * FROM conflicts"):
        arts_c = json.loads(r["articles"])
        if set(arts_c) & set(ids):
            conflicts.append(dict(r) | {"articles": arts_c})
    out["conflicts"] = conflicts
    out["entities"] = [dict(r) for r in c.execute(
        f"SELECT e.id, e.name, e.type, e.tickers, COUNT(*) AS n FROM mentions m JOIN entities e ON e.id = m.entity "
        f"WHERE m.article IN ({marks}) GROUP BY e.id ORDER BY n DESC", ids)]
    return out


def entity(store: Store, key: str) -> dict[str, Any]:
    c = store.conn
    ids = entity_ids(store, key)
    if not ids:
        raise StoreError(f"no entity {key!r}", code="ND404", hint="Try a ticker (0700.HK), a name or an entity id.")
    row = c.execute("SELECT * FROM entities WHERE id = ?", (ids[0],)).fetchone()
    out = {"id": row["id"], "name": row["name"], "type": row["type"], "tickers": json.loads(row["tickers"]),
           "aliases": json.loads(row["aliases"])}
    out["facts"] = [dict(r) for r in c.execute(
        "SELECT f.*, a.published, a.title FROM facts f JOIN articles a ON a.id = f.article WHERE f.entity = ? "
        "ORDER BY COALESCE(f.\"when\", a.published) DESC LIMIT ?", (row["id"], ENTITY_PAGE_ROWS))][::-1]
    out["stories"] = [dict(r) for r in c.execute(
        "SELECT DISTINCT s.id, s.title, s.start, s.\"end\", s.n_articles FROM mentions m "
        "JOIN articles a ON a.id = m.article JOIN stories s ON s.id = a.story WHERE m.entity = ? "
        "ORDER BY s.\"end\" DESC LIMIT ?", (row["id"], ENTITY_PAGE_ROWS))]
    return out


def _by_article_id(store: Store, article_ids: list[str], want_text: bool) -> dict[str, Any]:
    """The story (or the text) of the given articles, by id (ids not in the store are left out)."""
    out: dict[str, Any] = {}
    ids = sorted(set(article_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        sql = (f"SELECT id, text FROM articles WHERE id IN ({marks})" if want_text
               else f"SELECT id, story FROM articles WHERE id IN ({marks})")
        for r in store.conn.execute(sql, chunk):
            out[r[0]] = r[1]
    return out


def article_stories(store: Store, article_ids: list[str]) -> dict[str, str | None]:
    """The story of each article id."""
    return _by_article_id(store, article_ids, want_text=False)


def documents_under(store: Store, prefix: str) -> list[dict[str, Any]]:
    """Documents whose path starts with `prefix` (the web upload's own temp folder), with their article count."""
    rows = store.conn.execute(
        "SELECT d.id, d.path, d.kind, d.status, d.error_code, d.error_message, d.error_hint, d.reason, "
        "(SELECT COUNT(*) FROM articles a WHERE a.document = d.id) AS n_articles FROM documents d "
        "WHERE substr(d.path, 1, ?) = ? ORDER BY d.path", (len(prefix), prefix)).fetchall()
    return [dict(r) for r in rows]


def article_texts(store: Store, article_ids: list[str]) -> dict[str, str]:
    """The cleaned text of each article id (for wider search snippets)."""
    return _by_article_id(store, article_ids, want_text=True)
