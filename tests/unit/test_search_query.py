"""Search queries: user text to FTS5 / SQL, run against a real SQLite FTS5 trigram table."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings, strategies as st

from newsdesk.errors import SearchQueryError
from newsdesk.store.queries import SQL_PIECES, fts_query, sql_plan, term_variants

DOCS = [
    ("Tencent buyback", "Tencent Holdings said it would buy back shares; brokers raised price targets."),
    ("腾讯回购", "腾讯控股宣布回购股份，多家券商上调目标价。"),
    ("騰訊業績", "騰訊控股公布全年業績，股價上升。"),
    ("Moutai results", "Kweichow Moutai reported higher profit; 茅台 shares rose 2%."),
    ("Price-target cut", "Analysts cut their price-target on the stock after the 50% drop."),
]


@pytest.fixture()
def db():
    con = sqlite3.connect(":memory:")
    con.executescript("""
        CREATE TABLE articles (rowid INTEGER PRIMARY KEY, title TEXT, text TEXT);
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid',
                                                     tokenize='trigram');
    """)
    for i, (t, x) in enumerate(DOCS, 1):
        con.execute("INSERT INTO articles VALUES (?, ?, ?)", (i, t, x))
        con.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)", (i, t, x))
    return con


def _fts(con, q: str) -> set[int]:
    return {r[0] for r in con.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (fts_query(q),))}


def sql_condition(q: str) -> tuple[str, list[str]]:
    """sql_plan as search() writes it: SQL text from SQL_PIECES only, and its parameters."""
    keys, params = sql_plan(q)
    return "(" + " ".join(SQL_PIECES[k] for k in keys) + ")", params


def _sql(con, q: str) -> set[int]:
    cond, params = sql_condition(q)
    return {r[0] for r in con.execute(f"SELECT a.rowid FROM articles a WHERE {cond}", params)}


def test_traditional_and_simplified_find_each_other(db):
    assert "腾讯" in term_variants("騰訊") and "騰訊" in term_variants("腾讯")
    assert _fts(db, "騰訊控股") == _fts(db, "腾讯控股") == {2, 3}
    assert _sql(db, "騰訊") == _sql(db, "腾讯") == {2, 3}


def test_hyphenated_term_matches_both_spellings(db):
    assert _fts(db, "price-target") == {1, 5}
    assert _fts(db, '"price target"') == {1}


def test_group_and_phrase_are_joined_by_and(db):
    # FTS5 rejects '("a" OR "b") "c"'; the translation writes the AND
    assert fts_query("(Tencent OR Moutai) shares") == '( "Tencent" OR "Moutai" ) AND "shares"'
    assert _fts(db, "(Tencent OR Moutai) shares") == {1, 4}


def test_short_terms_keep_boolean_meaning(db):
    assert _sql(db, "腾讯 OR 茅台") == {2, 3, 4}
    assert _sql(db, "腾讯 回购") == {2}
    assert _sql(db, "shares 茅台") == {4}          # a long term and a short one: both must hold
    assert _sql(db, "shares NOT 茅台") == {1}       # x NOT y: x and not y
    assert _sql(db, "(腾讯 OR 茅台) NOT 回购") == {3, 4}


def test_like_wildcards_are_literal(db):
    assert _sql(db, "5%") == set()  # '%' is not a wildcard: no text writes "5%"
    assert _sql(db, "0%") == {5}


@pytest.mark.parametrize("q", ['""', "AND x", "x OR", "a AND OR b", "(NOT x)", "( )", '"open', "(a", "a\x00"])
def test_bad_queries_raise_nd304(q):
    for fn in (fts_query, sql_condition):
        with pytest.raises(SearchQueryError) as exc:
            fn(q)
        assert exc.value.code == "ND304"


WORDS = st.sampled_from(["Tencent", "腾讯", "騰訊", "茅台", "AND", "OR", "NOT", "(", ")", '"price target"', "50%",
                         "price-target", "x", "a_b", '"', "NEAR", "*", "col:abc", "^x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=7))
def test_any_query_is_an_nd304_or_runs(q):
    """Whatever the user types, the query is refused with ND304 or runs: never an SQL or FTS5 syntax error."""
    con = sqlite3.connect(":memory:")
    con.executescript("CREATE TABLE articles (rowid INTEGER PRIMARY KEY, title TEXT, text TEXT);"
                      "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='trigram');")
    text = " ".join(q)
    try:
        _fts(con, text)
        _sql(con, text)
    except SearchQueryError:
        pass
