"""Security checks of the web app and the store code.

* the bearer token is compared in constant time (``hmac.compare_digest`` on the code path);
* request bodies over ``api.max_request_bytes`` answer 413 (declared or chunked);
* an upload never makes the server read a path the client names (``../../etc/passwd``, absolute paths,
  ``file://`` URLs);
* SQL is only built from fixed text and ``?`` placeholders (an AST scan of the whole source tree);
* FTS syntax errors answer 400 with a message, never 500 (also fuzzed);
* article text is escaped on every page: a page whose title, author and body carry script/img payloads
  goes through the real pipeline, and the story, entity and search pages show it inert.
"""
from __future__ import annotations

import ast
import inspect
import json
import re
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import newsdesk.api as api  # noqa: E402
from newsdesk.config import load_config  # noqa: E402
from newsdesk.web import app as webapp  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "newsdesk"
CORPUS = ROOT / "examples" / "corpus"
TOKEN = "security-test-token-0123456789"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
MARKER = "ND-SECRET-MARKER-7731"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def hostile_page() -> str:
    """A plausible market story whose title, author and body carry HTML payloads as text (entity-escaped
    in the source, so the extracted article really contains the raw payload), plus live script tags."""
    title = f"Tencent shares jump 4.2% {_esc(SCRIPT)} after results {_esc(IMG)}"
    author = f"Jane Doe {_esc(SCRIPT)}"
    paras = [
        f"Tencent Holdings shares rose 4.2% to HK$380.20 on Tuesday after the company reported quarterly revenue "
        f"above analyst estimates, helped by advertising and games. {_esc(SCRIPT)} The Hang Seng Index added 1.1%.",
        f"Revenue climbed 11% to 161.1 billion yuan in the quarter, while profit rose 9% from a year earlier, the "
        f"company said in a filing. Analysts at several brokers raised their price targets {_esc(IMG)} after the call.",
        "Trading volume in the stock was twice its daily average, exchange data showed, as funds that had sold the "
        "shares earlier in the year returned to the market and bought the internet group's stock again.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="author" content="{author}"><meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="2026-03-03T09:00:00+08:00">'
            f"<script>alert(1)</script></head><body><article><h1>{title}</h1>"
            f'<p class="byline">By {author}</p><time datetime="2026-03-03">March 3, 2026</time>{body}'
            f"<img src=x onerror=alert(1)></article></body></html>")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("security")
    pages = tmp / "pages"
    pages.mkdir()
    (pages / "hostile.html").write_text(hostile_page(), "utf-8")
    for p in sorted(CORPUS.glob("*.html"))[:2]:
        (pages / p.name).write_bytes(p.read_bytes())
    db = tmp / "store.db"
    api.add([str(pages)], db=db, config={"facts": {"sentiment": False}})  # sentiment is beside the point here
    return db


@pytest.fixture
def client(store, monkeypatch):
    monkeypatch.setenv("NEWSDESK_TOKEN", TOKEN)
    return TestClient(webapp.create_app(store, load_config()))


AUTH = {"Authorization": f"Bearer {TOKEN}"}


# ------------------------------------------------------------------------------------------------ token
def test_token_is_compared_in_constant_time_in_the_code(monkeypatch, client):
    src = inspect.getsource(webapp.check_token)
    assert "hmac.compare_digest(" in src
    # the secret never meets == or != (which stop at the first differing byte)
    for node in ast.walk(ast.parse(inspect.cleandoc("\n" + src))):
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            assert "expected" not in names, ast.unparse(node)
    calls = []
    real = webapp.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(webapp.hmac, "compare_digest", spy)
    r = client.post("/api/documents", content=b"<p>x</p>", headers={"Authorization": "Bearer wrong",
                                                                    "Content-Type": "text/html"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "ND420"
    assert calls and calls[-1][1] == TOKEN.encode()
    r = client.post("/api/documents", content=b"", headers={**AUTH, "Content-Type": "text/html"})
    assert r.status_code == 400 and len(calls) == 2  # the right token passes through the same comparison


def test_no_token_configured_means_no_writes(store, monkeypatch):
    monkeypatch.delenv("NEWSDESK_TOKEN", raising=False)
    c = TestClient(webapp.create_app(store, load_config()))
    r = c.post("/api/documents", content=b"<p>x</p>", headers={**AUTH, "Content-Type": "text/html"})
    assert r.status_code == 403 and r.json()["error"]["hint"]


# ------------------------------------------------------------------------------------------------ size
def test_request_size_limit_answers_413(store, monkeypatch):
    monkeypatch.setenv("NEWSDESK_TOKEN", TOKEN)
    c = TestClient(webapp.create_app(store, load_config(overrides={"api": {"max_request_bytes": 1000}})))
    big = b"<p>" + b"x" * 5000 + b"</p>"
    r = c.post("/api/documents?name=a.html", content=big, headers={**AUTH, "Content-Type": "text/html"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "ND422" and r.json()["error"]["hint"]

    def chunks():  # no Content-Length: the limit must count what is read
        for _ in range(10):
            yield b"y" * 500

    r = c.post("/api/documents?name=b.html", content=chunks(), headers={**AUTH, "Content-Type": "text/html"})
    assert r.status_code == 413
    # a lying Content-Length is caught too
    r = c.post("/api/documents", content=big, headers={**AUTH, "Content-Type": "text/html", "Content-Length": "10"})
    assert r.status_code in (400, 413)
    # and the limit does not stop ordinary reads
    assert c.get("/api/stories").status_code == 200


# ------------------------------------------------------------------------------------------------ paths
def test_uploads_never_read_a_client_named_server_path(client, store, tmp_path):
    secret = tmp_path / "secret" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text((f"{MARKER} root:x:0:0:root:/root:/bin/bash\n" * 40), "utf-8")
    rel = "../" * 12 + str(secret).lstrip("/")
    harmless = "<html><body><p>" + "A short harmless upload about nothing in particular. " * 8 + "</p></body></html>"
    names = [rel, str(secret), "/etc/passwd", "../../etc/passwd", "..\\..\\etc\\passwd", "file:" + str(secret),
             str(secret.parent) + "/", "."]
    docs = [{"name": n, "content": harmless + f"<!-- {k} -->"} for k, n in enumerate(names)]
    docs.append({"name": "page.html", "content": harmless + "<!-- url -->", "url": "file://" + str(secret)})
    r = client.post("/api/documents", json={"documents": docs}, headers=AUTH)
    assert r.status_code in (200, 201), r.text
    answers = [r.text]
    for n in (str(secret), rel, "/etc/passwd"):
        rr = client.post(f"/api/documents?name={n}", content=(harmless + n).encode(),
                         headers={**AUTH, "Content-Type": "text/plain"})
        assert rr.status_code in (200, 201), rr.text
        answers.append(rr.text)
    for text in answers:
        assert MARKER not in text and "root:x:0:0" not in text
        assert str(tmp_path) not in text and "newsdesk-upload-" not in text, "server paths leak into answers"
        for d in json.loads(text)["documents"]:
            assert "/" not in d["name"] and "\\" not in d["name"] and not d["name"].startswith("."), d["name"]
    conn = sqlite3.connect(store)
    try:
        rows = conn.execute("SELECT path FROM documents").fetchall()
        texts = conn.execute("SELECT coalesce(text, '') || coalesce(title, '') FROM articles").fetchall()
    finally:
        conn.close()
    assert not any(p[0].startswith(str(secret)) or p[0].startswith("/etc/") for p in rows), rows
    assert not any(MARKER in t[0] or "root:x:0:0" in t[0] for t in texts)


# ------------------------------------------------------------------------------------------------ SQL
SQL_CALLS = {"execute", "executemany", "executescript"}


class _SqlScan:
    """Is an expression built only from fixed text, numbers cast with int(), and '?' placeholders?

    Local names are followed to every assignment, ``+=`` and ``.append`` in the same function; module
    constants (UPPER_CASE) count as fixed text."""

    def __init__(self, tree: ast.Module, func: ast.AST):
        self.tree, self.func = tree, func
        self.consts = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                       if isinstance(t, ast.Name) and t.id.isupper()}
        self.consts |= {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names
                        if (a.asname or a.name).isupper()}
        self.funcs = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}

    def safe(self, node: ast.AST, seen: frozenset = frozenset()) -> bool:
        if isinstance(node, ast.Constant):
            return isinstance(node.value, (str, int, float)) or node.value is None
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(v.value if isinstance(v, ast.FormattedValue) else v, seen) for v in node.values)
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Mult):  # "?" * n
                return (isinstance(node.left, ast.Constant) and set(str(node.left.value)) <= set("?, ")) or \
                       (isinstance(node.right, ast.Constant) and set(str(node.right.value)) <= set("?, "))
            return isinstance(node.op, ast.Add) and self.safe(node.left, seen) and self.safe(node.right, seen)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, seen) and self.safe(node.orelse, seen)
        if isinstance(node, (ast.List, ast.Tuple)):
            return all(self.safe(e, seen) for e in node.elts)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            return self.safe(node.elt, seen)
        if isinstance(node, ast.Subscript):  # MIGRATIONS[i]; q["facts"] where q is one of two constant tables
            return isinstance(node.value, ast.Name) and (node.value.id in self.consts or
                                                         (isinstance(node.slice, ast.Constant) and self.safe(node.value, seen)))
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in ("int", "float", "len"):
                return True
            if isinstance(f, ast.Attribute) and f.attr == "join" and isinstance(f.value, ast.Constant):
                return all(self.safe(a, seen) for a in node.args)
            if isinstance(f, ast.Name) and f.id in self.funcs:  # a helper of this module over fixed text
                return all(self.safe(a, seen) for a in node.args)
            return False
        if isinstance(node, ast.Name):
            if node.id in self.consts:
                return True
            if node.id in seen:
                return True
            return self._name_safe(node.id, seen | {node.id})
        return False

    def _name_safe(self, name: str, seen: frozenset) -> bool:
        sources: list[ast.AST] = []
        for n in ast.walk(self.func):
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets):
                sources.append(n.value)
            elif isinstance(n, (ast.AugAssign, ast.AnnAssign)) and isinstance(n.target, ast.Name) \
                    and n.target.id == name and n.value is not None:
                sources.append(n.value)
            elif isinstance(n, ast.For) and isinstance(n.target, ast.Name) and n.target.id == name:
                sources.append(n.iter)
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("append", "extend") \
                    and isinstance(n.func.value, ast.Name) and n.func.value.id == name:
                sources.extend(n.args)
        return bool(sources) and all(self.safe(s, seen) for s in sources)


def sql_violations(root: Path) -> tuple[list[str], int]:
    bad, checked = [], 0
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        owner = {}
        for f in funcs:
            for n in ast.walk(f):
                owner.setdefault(id(n), f)  # outermost first is fine: names are traced over the whole function
        for n in ast.walk(tree):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in SQL_CALLS and n.args:
                checked += 1
                scan = _SqlScan(tree, owner.get(id(n), tree))
                if not scan.safe(n.args[0]):
                    bad.append(f"{path.relative_to(root.parent)}:{n.lineno}: {ast.unparse(n.args[0])[:120]}")
            # "%"-formatting or .format() of text that looks like SQL
            if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod) and isinstance(n.left, ast.Constant) \
                    and isinstance(n.left.value, str) and re.search(r"(?i)\b(select|insert|update|delete)\b.*\b(from|into|set|where)\b", n.left.value):
                bad.append(f"{path.relative_to(root.parent)}:{n.lineno}: % formatting of SQL")
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "format" \
                    and isinstance(n.func.value, ast.Constant) and isinstance(n.func.value.value, str) \
                    and re.search(r"(?i)\b(select|insert|update|delete)\b.*\b(from|into|set|where)\b", n.func.value.value):
                bad.append(f"{path.relative_to(root.parent)}:{n.lineno}: str.format of SQL")
    return bad, checked


def test_sql_is_built_only_from_fixed_text_and_placeholders():
    bad, checked = sql_violations(SRC)
    assert checked >= 20, f"only {checked} execute calls found: is the scan looking at the right tree?"
    assert not bad, "\n".join(bad)


def test_the_sql_scan_catches_interpolation(tmp_path):
    """The scanner itself: user values spliced into SQL are reported, placeholders are not."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "m.py").write_text(
        "def ok(c, ids, q):\n"
        "    marks = ','.join('?' * len(ids))\n"
        "    c.execute(f'SELECT * FROM t WHERE id IN ({marks}) AND q = ?', ids + [q])\n"
        "def bad1(c, q):\n    c.execute(f\"SELECT * FROM t WHERE name = '{q}'\")\n"
        "def bad2(c, q):\n    sql = 'SELECT * FROM t WHERE name = ' + q\n    c.execute(sql)\n"
        "def bad3(c, q):\n    c.execute(\"SELECT * FROM t WHERE name = '%s'\" % q)\n"
        "def bad4(c, q):\n    c.execute(\"SELECT * FROM t WHERE name = '{}'\".format(q))\n"
        "def bad5(c, q):\n    where = []\n    where.append(q)\n    c.execute('SELECT 1 WHERE ' + ' AND '.join(where))\n")
    bad, checked = sql_violations(pkg)
    assert checked == 6
    lines = sorted(int(b.split(":")[1]) for b in bad)
    assert 3 not in lines and {5, 8, 10, 12, 16} <= set(lines), bad


# ------------------------------------------------------------------------------------------------ FTS
@pytest.mark.parametrize("q", ['"oops', "AND", "shares AND", "(profit", "profit)", "NOT", '"profit" "shares',
                               "OR OR", "revenue NOT"])
def test_fts_syntax_errors_answer_400_with_a_message(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 400, (q, r.status_code, r.text[:300])
    err = r.json()["error"]
    assert err["code"] == "ND304" and err["message"] and err["hint"]
    page = client.get("/search", params={"q": q})
    assert page.status_code == 400 and "ND304" in page.text and SCRIPT not in page.text


fts_queries = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),  # lone surrogates cannot be sent in a URL at all
    st.lists(st.sampled_from(['"', "(", ")", "AND", "OR", "NOT", "NEAR", "*", "^", ":", "-", "+", "profit", "港股",
                              "{", "}", "col:x", "'", ";", "--", "/*", "\\"]), max_size=8).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fts_queries)
def test_fts_fuzz_never_500(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400, 422), (q, r.status_code, r.text[:300])
    body = r.json()
    if r.status_code != 200:
        assert body["error"]["code"] and body["error"]["message"], body
    else:
        assert isinstance(body.get("results"), list)


@pytest.mark.parametrize("q", ["profit \x00", "NEAR \x00"])
def test_fts_query_with_nul_is_a_400(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400), (r.status_code, r.text[:200])


# ------------------------------------------------------------------------------------------------ XSS
LIVE = [re.compile(r"<script>alert", re.I), re.compile(r"<img[^>]*onerror", re.I), re.compile(r"onerror=alert\(1\)>")]


def _inert(html: str, where: str) -> None:
    for rx in LIVE:
        m = rx.search(html)
        assert not m, f"{where}: live payload {m.group(0)!r} in the page"


def _hostile_article(store: Path) -> dict:
    conn = sqlite3.connect(store)
    conn.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in conn.execute("SELECT * FROM articles WHERE path LIKE '%hostile.html'")]
        for r in rows:
            r["entities"] = [e[0] for e in conn.execute("SELECT DISTINCT entity FROM mentions WHERE article = ?",
                                                        (r["id"],))]
    finally:
        conn.close()
    if not rows:
        pytest.fail("the hostile page gave no article: the XSS test has nothing to render")
    return rows[0]


def test_payloads_reach_the_store(store):
    """Precondition: the real pipeline keeps the payloads as text (else the escaping checks prove nothing)."""
    art = _hostile_article(store)
    assert SCRIPT in art["text"] or SCRIPT in (art["title"] or ""), (art["title"], art["text"][:300])
    assert art["story"], "the article has no story"


def test_story_entity_and_search_pages_escape_article_text(client, store):
    art = _hostile_article(store)
    story = client.get(f"/stories/{art['story']}")
    assert story.status_code == 200
    _inert(story.text, "story page")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in story.text, "the payload should be shown, escaped"
    api_story = client.get(f"/api/stories/{art['story']}")
    assert api_story.status_code == 200 and api_story.headers["content-type"].startswith("application/json")
    assert art["entities"], "no entity was linked in the hostile article"
    for ent in art["entities"]:
        page = client.get(f"/entities/{ent}")
        assert page.status_code == 200, ent
        _inert(page.text, f"entity page {ent}")
    for q in ("alert", "Tencent shares", SCRIPT, IMG, "onerror"):
        page = client.get("/search", params={"q": q})
        assert page.status_code in (200, 400), (q, page.status_code)
        _inert(page.text, f"search page for {q!r}")
    home = client.get("/")
    _inert(home.text, "story list")
    for r in (story, home):
        assert "script-src 'self'" in r.headers.get("content-security-policy", "")
