"""Schema migrations, applied in order; the version table says which ones a file has."""
from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: every contract object, plus the link state
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, path TEXT NOT NULL, kind TEXT, status TEXT NOT NULL, url TEXT, encoding TEXT,
        error_code TEXT, error_message TEXT, error_hint TEXT, reason TEXT, added_at TEXT NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        path TEXT NOT NULL, title TEXT, language TEXT, authors TEXT NOT NULL DEFAULT '[]', publisher TEXT,
        published TEXT, published_basis TEXT, url TEXT, text TEXT NOT NULL, story TEXT,
        source_attribution TEXT, seq INTEGER NOT NULL
    );
    CREATE INDEX articles_story ON articles(story);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE entities (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, tickers TEXT NOT NULL DEFAULT '[]',
        aliases TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE mentions (
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, surface TEXT NOT NULL,
        PRIMARY KEY (article, start, "end", entity)
    );
    CREATE INDEX mentions_entity ON mentions(entity);
    CREATE TABLE relations (
        source TEXT NOT NULL, target TEXT NOT NULL, type TEXT NOT NULL, score REAL NOT NULL, original TEXT,
        PRIMARY KEY (source, target, type)
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, start TEXT, "end" TEXT, sources TEXT NOT NULL DEFAULT '[]',
        languages TEXT NOT NULL DEFAULT '[]', original TEXT, timeline TEXT NOT NULL DEFAULT '[]',
        n_articles INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE facts (
        id TEXT PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity TEXT,
        kind TEXT NOT NULL, value REAL NOT NULL, unit TEXT, "when" TEXT, when_expr TEXT, text TEXT NOT NULL,
        qualifier TEXT, period TEXT
    );
    CREATE INDEX facts_entity ON facts(entity);
    CREATE TABLE events (
        id TEXT PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity TEXT,
        event TEXT NOT NULL, "when" TEXT, when_expr TEXT, text TEXT NOT NULL, basis TEXT
    );
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, speaker TEXT,
        org TEXT, role TEXT, text TEXT NOT NULL, direct INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE conflicts (
        id TEXT PRIMARY KEY, articles TEXT NOT NULL, entity TEXT, kind TEXT NOT NULL, explanation TEXT NOT NULL
    );
    CREATE TABLE sentiments (
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity TEXT NOT NULL,
        score REAL NOT NULL, evidence TEXT, PRIMARY KEY (article, entity)
    );
    CREATE TABLE link_state (id INTEGER PRIMARY KEY CHECK (id = 1), state BLOB NOT NULL, updated_at TEXT NOT NULL);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid',
                                                 tokenize='trigram');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 2: indexes for the lookups by article, document, target and insertion order (measured at 100k
    # articles: a story page 41 -> 2 ms, re-writing a document 83 -> 0.02 ms)
    """
    CREATE INDEX IF NOT EXISTS articles_document ON articles(document);
    CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
    CREATE INDEX IF NOT EXISTS facts_article ON facts(article);
    CREATE INDEX IF NOT EXISTS events_article ON events(article);
    CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);
    CREATE INDEX IF NOT EXISTS relations_target ON relations(target);
    CREATE INDEX IF NOT EXISTS stories_recent ON stories("end" DESC, n_articles DESC);
    """,
    # 3: the link state in tables instead of one pickled blob (which grew ~30 KB per article, was rewritten
    # whole after every batch and would pass SQLite's 1 GB value limit near 33k articles): one row per
    # article (its link record and story vector, written once), one per story (written when it changes),
    # document frequencies as counters, and the stories whose summaries still wait for the finish step;
    # a store written before has no link rows: its articles are linked again and its conflicts recomputed
    """
    DROP TABLE IF EXISTS link_state;
    CREATE TABLE link_items (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, state BLOB NOT NULL);
    CREATE TABLE link_stories (id TEXT PRIMARY KEY, state BLOB NOT NULL);
    CREATE TABLE link_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE link_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE link_pending (story TEXT PRIMARY KEY);
    DELETE FROM conflicts;
    ALTER TABLE conflicts ADD COLUMN story TEXT;
    CREATE INDEX conflicts_story ON conflicts(story);
    CREATE INDEX IF NOT EXISTS relations_source ON relations(source);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
