"""SQLite store: WAL, busy_timeout, foreign keys, migrations, idempotent upserts keyed by content hashes.

One process writes (``newsdesk add``/``run --db``); any number read (``serve``, ``search``). Every
batch is written in one transaction, so a crash leaves either the whole batch or none of it, and a
rerun skips the documents already stored.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ..errors import StoreError, StoreFull, StoreReadOnly, StoreSchemaError
from ..model import (Article, Conflict, Document, Entity, ErrorInfo, Event, Fact, Mention, Quote, Relation,
                     Sentiment, Story, StoryMap, TimelineEntry, content_id)
from ..link.state import link_state_version
from .schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _j(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def _not_writable(path: str) -> bool:
    """The store file exists but it or its folder cannot be written (permissions, immutable flag)."""
    p = Path(path)
    try:
        return p.exists() and not (os.access(p, os.W_OK) and os.access(p.parent, os.W_OK))
    except OSError:
        return False


def translate_error(exc: sqlite3.Error, path: str) -> StoreError:
    msg = str(exc).lower()
    if "readonly" in msg or "read-only" in msg:
        return StoreReadOnly(f"{path}: the database is read-only ({exc})")
    if "full" in msg:
        return StoreFull(f"{path}: the disk is full ({exc})")
    if "not a database" in msg or "malformed" in msg:
        return StoreError(f"{path}: not a newsdesk database or damaged ({exc})", code="ND305",
                          hint="Point --db at a newsdesk store or a new file name.")
    if "unable to open" in msg and _not_writable(path):
        # a WAL store in a read-only folder cannot create its -wal/-shm files: SQLite only says "unable to open"
        return StoreReadOnly(f"{path}: the database or its folder is read-only ({exc})")
    if "unable to open" in msg:
        return StoreError(f"{path}: cannot open the database ({exc})", code="ND306",
                          hint="Check that the folder exists and is writable.")
    return StoreError(f"{path}: {exc}")


class Store:
    def __init__(self, path: str | Path, *, busy_timeout_ms: int = 10000, readonly: bool = False):
        self.path = str(path)
        try:
            if readonly:
                uri = f"file:{Path(self.path).absolute()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms / 1000,
                                            check_same_thread=False, isolation_level=None)
            else:
                self.conn = sqlite3.connect(self.path, timeout=busy_timeout_ms / 1000,
                                            check_same_thread=False, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._check_version()
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc

    # -- schema -----------------------------------------------------------------------------------
    def _version(self) -> int:
        row = self.conn.execute("SELECT name FROM sqlite_master WHERE name='schema_version'").fetchone()
        if not row:
            return 0
        v = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        return int(v or 0)

    def _check_version(self) -> None:
        v = self._version()
        if v > SCHEMA_VERSION:
            raise StoreSchemaError(f"{self.path}: schema version {v} is newer than this newsdesk ({SCHEMA_VERSION})")
        if v == 0:
            raise StoreError(f"{self.path}: not a newsdesk store (no schema version)", code="ND305",
                             hint="Build one with newsdesk run ... --db FILE or newsdesk add.")

    def _migrate(self) -> None:
        with self.transaction():
            self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            v = self._version()
            if v > SCHEMA_VERSION:
                raise StoreSchemaError(f"{self.path}: schema version {v} is newer than this newsdesk ({SCHEMA_VERSION})")
            for i in range(v, SCHEMA_VERSION):
                for stmt in _statements(MIGRATIONS[i]):
                    self.conn.execute(stmt)
                self.conn.execute("INSERT INTO schema_version VALUES (?, ?)", (i + 1, _now()))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                # SQLite rolls back by itself on some errors (disk full, I/O): a second ROLLBACK would
                # fail and hide the real error
                if self.conn.in_transaction:
                    try:
                        self.conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc

    def close(self) -> None:
        self.conn.close()

    # -- writes -------------------------------------------------------------------------------------
    def known_documents(self, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT id FROM documents WHERE status != 'error' AND id IN ({','.join('?' * len(chunk))})"
            out.update(r[0] for r in self.conn.execute(q, chunk))
        return out

    def commit(self, bundles: list, sm: StoryMap | None = None, delta: Any = None, *,
               gone: list[str] = (), relations: list[Relation] = ()) -> None:
        """One transaction: the batch's documents and articles, what changed in the linker's state (a
        ``link.state.LinkDelta``) and, after the finish step, the finished stories (``sm``: the articles of
        the stories that changed, with their summaries, relations and conflicts), so a crash leaves the
        store as it was before the batch."""
        with self.transaction() as c:
            self._write_batch(c, bundles)
            if delta is not None:
                self._write_delta(c, delta)
            if sm is not None:
                self._write_link(c, sm, list(relations))
                c.executemany(_DELETE_BY["link_pending", "story"], [(st.id,) for st in sm.stories])

    @staticmethod
    def _write_delta(c: sqlite3.Connection, d: Any) -> None:
        c.executemany("INSERT OR REPLACE INTO link_items VALUES (?,?,?)", d.items)
        c.executemany("INSERT OR REPLACE INTO link_stories VALUES (?,?)", d.stories)
        c.executemany("INSERT OR IGNORE INTO link_pending VALUES (?)", [(sid,) for sid, _ in d.stories])
        for key in _DELETE_BY:  # a story merged into another: its rows everywhere
            c.executemany(_DELETE_BY[key], [(sid,) for sid in d.gone])
        c.executemany("INSERT INTO link_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n", d.df)
        c.executemany("INSERT OR REPLACE INTO link_meta VALUES (?, ?)", list(d.meta.items()))
        c.executemany("INSERT OR REPLACE INTO relations VALUES (?,?,?,?,?)",
                      [(r.source, r.target, r.type, r.score, r.original) for r in d.relations])

    def _write_batch(self, c: sqlite3.Connection, bundles: list) -> None:
        seq = c.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        for b in bundles:
            d: Document = b.document
            c.execute("DELETE FROM articles WHERE document = ?", (d.id,))
            c.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "path=excluded.path, status=excluded.status, error_code=excluded.error_code, "
                "error_message=excluded.error_message, error_hint=excluded.error_hint, reason=excluded.reason",
                (d.id, d.path, d.kind, d.status, d.url, d.encoding, d.error.code if d.error else None,
                 d.error.message if d.error else None, d.error.hint if d.error else None, d.drop_reason, _now()))
            for a in b.articles:
                seq += 1
                c.execute("INSERT INTO articles (id, document, path, title, language, authors, publisher, "
                          "published, published_basis, url, text, story, source_attribution, seq) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          (a.id, a.document, a.path, a.title, a.language, _j(a.authors), a.publisher,
                           a.published, a.published_basis, a.url, a.text, a.story, a.source_attribution, seq))
                c.executemany("INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?)",
                              [(a.id, m.entity, m.start, m.end, m.surface) for m in a.mentions])
            for e in b.entities.values():
                self._upsert_entity(c, e)
            c.executemany("INSERT OR REPLACE INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                          [(content_id("f", f.article, f.kind, str(f.value), f.text, str(f.start)), f.article,
                            f.entity, f.kind, f.value, f.unit, f.when, f.when_expr, f.text, f.qualifier, f.period)
                           for f in b.facts])
            c.executemany("INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?)",
                          [(content_id("v", e.article, e.event, e.text), e.article, e.entity, e.event, e.when,
                            e.when_expr, e.text, e.basis) for e in b.events])
            c.executemany("INSERT OR REPLACE INTO quotes VALUES (?,?,?,?,?,?,?)",
                          [(content_id("q", q.article, q.text), q.article, q.speaker, q.org, q.role, q.text,
                            int(q.direct)) for q in b.quotes])
            c.executemany("INSERT OR REPLACE INTO sentiments VALUES (?,?,?,?)",
                          [(s.article, s.entity, s.score, s.evidence) for s in b.sentiments])

    @staticmethod
    def _upsert_entity(c: sqlite3.Connection, e: Entity) -> None:
        c.execute("INSERT INTO entities VALUES (?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                  (e.id, e.name, e.type, _j(e.tickers), _j(e.aliases)))

    def _write_link(self, c: sqlite3.Connection, sm: StoryMap, relations: list[Relation]) -> None:
        """The finished stories: their articles' story and inferred dates, relations, summaries, facts'
        resolved dates and conflicts (``relations``: others whose original changed)."""
        c.executemany("UPDATE articles SET story=?, published=?, published_basis=? WHERE id=?",
                      [(a.story, a.published, a.published_basis, a.id) for a in sm.articles])
        c.executemany("INSERT OR REPLACE INTO relations VALUES (?,?,?,?,?)",
                      [(r.source, r.target, r.type, r.score, r.original) for r in sm.relations + relations])
        c.executemany("INSERT OR REPLACE INTO stories VALUES (?,?,?,?,?,?,?,?,?)",
                      [(s.id, s.title, s.start, s.end, _j(s.sources), _j(s.languages), s.original,
                        _j([t.__dict__ for t in s.timeline]), len(s.articles)) for s in sm.stories])
        c.executemany('UPDATE facts SET "when"=? WHERE article=? AND kind=? AND text=? AND value=?',
                      [(f.when, f.article, f.kind, f.text, f.value) for f in sm.facts if f.when])
        c.executemany('UPDATE events SET "when"=? WHERE article=? AND event=? AND text=?',
                      [(e.when, e.article, e.event, e.text) for e in sm.events if e.when])
        story_of = {a.id: a.story for a in sm.articles}
        c.executemany("DELETE FROM conflicts WHERE story = ?", [(s.id,) for s in sm.stories])
        c.executemany("INSERT OR REPLACE INTO conflicts VALUES (?,?,?,?,?,?)",
                      [(content_id("c", *sorted(x.articles), x.kind, x.explanation), _j(x.articles), x.entity,
                        x.kind, x.explanation, story_of.get(x.articles[0])) for x in sm.conflicts])

    def load_linker(self, cfg: dict) -> Any | None:
        """The linker the last run left, rebuilt from the link tables; None when there is none or it was
        written by other link code (the caller then links the stored articles again)."""
        from ..link.state import restore

        c = self.conn
        meta = {r[0]: r[1] for r in c.execute("SELECT key, value FROM link_meta")}
        if not meta:
            return None
        if meta.get("version") != link_state_version():
            log.warning("%s: the stored link state is from another newsdesk version; rebuilding it", self.path)
            return None
        try:
            return restore(cfg, (r[0] for r in c.execute("SELECT state FROM link_items ORDER BY ord")),
                           c.execute("SELECT id, state FROM link_stories").fetchall(),
                           c.execute("SELECT term, n FROM link_df").fetchall(),
                           [Relation(r["source"], r["target"], r["type"], r["score"], r["original"])
                            for r in c.execute("SELECT * FROM relations")],
                           meta, [r[0] for r in c.execute("SELECT story FROM link_pending")])
        except Exception:  # written by another version of the link code: classes moved or changed
            log.warning("%s: the stored link state cannot be read; rebuilding it", self.path)
            return None

    def reset_link_state(self) -> None:
        """Forget the link tables and what was derived from them (before the stored articles are linked
        again: relations, stories and conflicts are all written anew when the relinked stories finish)."""
        with self.transaction() as c:
            for table in ("link_items", "link_stories", "link_df", "link_meta", "link_pending", "relations",
                          "stories", "conflicts"):
                c.execute(_CLEAR[table])

    def stored_articles(self) -> list[Article]:
        """Every stored article with its mentions, in the order they were added."""
        mentions: dict[str, list[Mention]] = {}
        for r in self.conn.execute("SELECT * FROM mentions"):
            mentions.setdefault(r["article"], []).append(Mention(r["entity"], r["start"], r["end"], r["surface"]))
        return [self.article_from_row(r, mentions.get(r["id"], []))
                for r in self.conn.execute("SELECT * FROM articles ORDER BY seq")]

    # -- reads ----------------------------------------------------------------------------------------
    def storymap(self, article_ids: set[str] | None = None) -> StoryMap:
        """The stored story map; with ``article_ids``, only those articles and what hangs off them (their
        documents, mentions, facts, events, quotes, sentiments, entities, stories and relations)."""
        c = self.conn
        sub = article_ids is not None
        if sub:
            c.execute("CREATE TEMP TABLE IF NOT EXISTS want (id TEXT PRIMARY KEY)")
            c.execute("DELETE FROM want")
            c.executemany("INSERT OR IGNORE INTO want VALUES (?)", [(i,) for i in article_ids])
        q = _SUBSET if sub else _ALL
        docs = []
        arts_by_doc: dict[str, list[str]] = {}
        articles = []
        mentions: dict[str, list[Mention]] = {}
        for r in c.execute(q["mentions"]):
            mentions.setdefault(r["article"], []).append(Mention(r["entity"], r["start"], r["end"], r["surface"]))
        for r in c.execute(q["articles"]):
            arts_by_doc.setdefault(r["document"], []).append(r["id"])
            articles.append(self.article_from_row(r, mentions.get(r["id"], [])))
        for r in c.execute(q["documents"]):
            err = ErrorInfo(r["error_code"], r["error_message"], r["error_hint"] or "") if r["error_code"] else None
            docs.append(Document(id=r["id"], path=r["path"], kind=r["kind"], url=r["url"], encoding=r["encoding"],
                                 status=r["status"], error=err, drop_reason=r["reason"],
                                 articles=arts_by_doc.get(r["id"], [])))
        stories = [self.story_from_row(r) for r in c.execute(q["stories"])]
        members: dict[str, list[str]] = {}
        for a in articles:
            members.setdefault(a.story or "", []).append(a.id)
        for s in stories:
            s.articles = members.get(s.id, [])
        return StoryMap(
            documents=docs, articles=articles,
            relations=[Relation(r["source"], r["target"], r["type"], r["score"], r["original"])
                       for r in c.execute(q["relations"])],
            stories=[s for s in stories if s.articles],
            entities=[self.entity_from_row(r) for r in c.execute(q["entities"])],
            facts=[Fact(r["article"], r["entity"], r["kind"], r["value"], r["unit"], r["when"], r["text"],
                        r["qualifier"], r["period"], r["when_expr"]) for r in c.execute(q["facts"])],
            events=[Event(r["article"], r["entity"], r["event"], r["when"], r["text"], r["basis"], r["when_expr"])
                    for r in c.execute(q["events"])],
            quotes=[Quote(r["article"], r["speaker"], r["text"], r["org"], r["role"], bool(r["direct"]))
                    for r in c.execute(q["quotes"])],
            conflicts=[Conflict(json.loads(r["articles"]), r["entity"], r["kind"], r["explanation"])
                       for r in c.execute(q["conflicts"])],
            sentiments=[Sentiment(r["article"], r["entity"], r["score"], r["evidence"])
                        for r in c.execute(q["sentiments"])])

    @staticmethod
    def article_from_row(r: sqlite3.Row, mentions: list[Mention] | None = None) -> Article:
        return Article(id=r["id"], document=r["document"], path=r["path"], text=r["text"], title=r["title"],
                       language=r["language"], authors=json.loads(r["authors"]), publisher=r["publisher"],
                       published=r["published"], published_basis=r["published_basis"], url=r["url"],
                       story=r["story"], source_attribution=r["source_attribution"], mentions=mentions or [])

    @staticmethod
    def story_from_row(r: sqlite3.Row) -> Story:
        return Story(id=r["id"], title=r["title"], articles=[], start=r["start"], end=r["end"],
                     sources=json.loads(r["sources"]), languages=json.loads(r["languages"]),
                     timeline=[TimelineEntry(**t) for t in json.loads(r["timeline"])], original=r["original"])

    @staticmethod
    def entity_from_row(r: sqlite3.Row) -> Entity:
        return Entity(id=r["id"], name=r["name"], type=r["type"], tickers=json.loads(r["tickers"]),
                      aliases=json.loads(r["aliases"]))


_ALL = {"mentions": "SELECT * FROM mentions", "articles": "SELECT * FROM articles ORDER BY seq",
        "documents": "SELECT * FROM documents ORDER BY added_at, path", "stories": "SELECT * FROM stories",
        "relations": "SELECT * FROM relations", "entities": "SELECT * FROM entities",
        "facts": "SELECT * FROM facts", "events": "SELECT * FROM events", "quotes": "SELECT * FROM quotes",
        "conflicts": "SELECT * FROM conflicts", "sentiments": "SELECT * FROM sentiments"}
_W = "article IN (SELECT id FROM temp.want)"
_SUBSET = {
    "mentions": f"SELECT * FROM mentions WHERE {_W}",
    "articles": "SELECT * FROM articles WHERE id IN (SELECT id FROM temp.want) ORDER BY seq",
    "documents": "SELECT * FROM documents WHERE id IN (SELECT document FROM articles WHERE id IN "
                 "(SELECT id FROM temp.want)) ORDER BY added_at, path",
    "stories": "SELECT * FROM stories WHERE id IN (SELECT story FROM articles WHERE id IN (SELECT id FROM temp.want))",
    "relations": "SELECT * FROM relations WHERE source IN (SELECT id FROM temp.want) "
                 "OR target IN (SELECT id FROM temp.want)",
    "entities": "SELECT * FROM entities WHERE id IN (SELECT entity FROM mentions WHERE article IN "
                "(SELECT id FROM temp.want) UNION SELECT entity FROM facts WHERE article IN (SELECT id FROM temp.want) "
                "UNION SELECT entity FROM events WHERE article IN (SELECT id FROM temp.want))",
    "facts": f"SELECT * FROM facts WHERE {_W}", "events": f"SELECT * FROM events WHERE {_W}",
    "quotes": f"SELECT * FROM quotes WHERE {_W}", "sentiments": f"SELECT * FROM sentiments WHERE {_W}",
    "conflicts": "SELECT * FROM conflicts WHERE story IN (SELECT story FROM articles WHERE id IN "
                 "(SELECT id FROM temp.want))",
}

# fixed SQL text per table (no identifier is ever interpolated into a statement at run time)
_DELETE_BY = {("link_stories", "id"): "DELETE FROM link_stories WHERE id = ?",
              ("link_pending", "story"): "DELETE FROM link_pending WHERE story = ?",
              ("stories", "id"): "DELETE FROM stories WHERE id = ?",
              ("conflicts", "story"): "DELETE FROM conflicts WHERE story = ?"}
_CLEAR = {"link_items": "DELETE FROM link_items", "link_stories": "DELETE FROM link_stories",
          "link_df": "DELETE FROM link_df", "link_meta": "DELETE FROM link_meta",
          "link_pending": "DELETE FROM link_pending", "relations": "DELETE FROM relations",
          "stories": "DELETE FROM stories", "conflicts": "DELETE FROM conflicts"}


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out, buf = [], []
    for line in script.strip().splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf))
    return out
