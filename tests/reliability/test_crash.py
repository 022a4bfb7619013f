"""Crash safety of the store: ``newsdesk add`` killed with SIGKILL at random points (and inside the final
link transaction) leaves a database that passes ``PRAGMA integrity_check``; a rerun completes, and the
result has exactly the documents and articles of an uninterrupted run (none lost, none twice).
Plus: a read-only database and a full disk give a clear NewsdeskError (ND301/ND302) with a hint, via the
API and via the CLI (exit code 2, the code on stderr), never a traceback.

The default run does a few trials; ``-m slow`` runs 24 (seeded, so a failure can be replayed).
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsdesk.api as api
from newsdesk.errors import NewsdeskError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"

# Runs the CLI with fault injection wired in through environment variables (the library is untouched):
#   ND_KILL_AT=batch|link  SIGKILL the process inside the transaction of the Nth batch / the final link
#                          commit, after its rows were written and before COMMIT
#   ND_PRAGMA="..."        run this PRAGMA on every store connection (query_only, max_page_count)
WRAPPER = r"""
import os, signal, sqlite3, sys
import newsdesk.store.sqlite as nds

kill_at, nth, pragma = os.environ.get("ND_KILL_AT"), int(os.environ.get("ND_KILL_NTH", "1")), os.environ.get("ND_PRAGMA")
if pragma:
    _connect = sqlite3.connect
    def connect(*a, **k):
        conn = _connect(*a, **k)
        for p in pragma.split(";"):
            if p.strip():
                conn.execute(p)
        return conn
    sqlite3.connect = connect
if kill_at:
    seen = [0]
    def hook(name):
        orig = getattr(nds.Store, name)
        def wrapped(self, c, *a, **k):
            orig(self, c, *a, **k)
            seen[0] += 1
            if seen[0] >= nth:
                os.kill(os.getpid(), signal.SIGKILL)
        setattr(nds.Store, name, wrapped)
    hook("_write_batch" if kill_at == "batch" else "_write_link")
from newsdesk.cli import main
sys.argv = ["newsdesk"] + sys.argv[1:]
main()
"""


def make_corpus(root: Path, copies: int = 3) -> Path:
    """A few dozen pages: the sample corpus `copies` times, each copy made distinct by an edition line."""
    if not CORPUS.is_dir():
        pytest.skip(f"sample corpus missing at {CORPUS}")
    d = root / "pages"
    d.mkdir()
    for k in range(copies):
        for p in sorted(CORPUS.iterdir()):
            if p.suffix not in (".html", ".txt"):  # (a WARC file: copied once, as it is)
                if not k:
                    (d / f"{k}_{p.name}").write_bytes(p.read_bytes())
                continue
            text = p.read_text("utf-8")
            if k:
                extra = f"Edition {k} of this page, filed again by the desk."
                text = (text.replace("</body>", f"<p>{extra}</p></body>") if p.suffix == ".html"
                        else text + f"\n{extra}\n")
            (d / f"{k}_{p.name}").write_text(text, "utf-8")
    return d


def nd(args: list[str], env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=ROOT)


def start(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRAPPER, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, cwd=ROOT)


def integrity(db: Path) -> str:
    if not db.exists():
        return "ok"  # killed before the store was created
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def snapshot(db: Path) -> dict:
    conn = sqlite3.connect(db, timeout=30)
    try:
        docs = conn.execute("SELECT id, status FROM documents").fetchall()
        arts = conn.execute("SELECT id, document, title, text FROM articles").fetchall()
        stories = conn.execute("SELECT story, id FROM articles").fetchall()
    finally:
        conn.close()
    groups: dict = {}
    for s, a in stories:
        groups.setdefault(s, []).append(a)
    return {"docs": sorted(docs), "articles": sorted(arts), "n_docs": len(docs), "n_articles": len(arts),
            "doc_ids": len({d[0] for d in docs}), "article_ids": len({a[0] for a in arts}),
            "stories": sorted(sorted(g) for g in groups.values())}


def article_diff(want: list, got: list) -> str:
    """Where the articles of two runs first differ (for the failure message)."""
    w, g = {a[0]: a for a in want}, {a[0]: a for a in got}
    if set(w) != set(g):
        return f"missing {sorted(set(w) - set(g))[:5]}, extra {sorted(set(g) - set(w))[:5]}"
    for k in sorted(w):
        for field, x, y in zip(("id", "document", "title", "text"), w[k], g[k]):
            if x != y:
                x, y = str(x), str(y)
                i = next((i for i, (a, b) in enumerate(zip(x, y)) if a != b), min(len(x), len(y)))
                return f"article {k} {field} differs at {i}: {x[max(0, i - 80):i + 120]!r} vs {y[max(0, i - 80):i + 120]!r}"
    return "same"


@pytest.fixture(scope="module")
def setup(tmp_path_factory, request):
    tmp = tmp_path_factory.mktemp("crash")
    # 30 pages for the default run, 45 when the slow trials are selected
    slow_selected = any(item.get_closest_marker("slow") for item in request.session.items
                        if item.module is request.module)
    pages = make_corpus(tmp, copies=3 if slow_selected else 2)
    cfg = tmp / "small.toml"
    cfg.write_text("[limits]\nbatch_size = 4\n")
    base = tmp / "base.db"
    t0 = time.monotonic()
    r = nd(["add", str(pages), "--db", str(base), "--config", str(cfg)])
    elapsed = time.monotonic() - t0
    assert r.returncode == 0, r.stderr[-2000:]
    snap = snapshot(base)
    assert snap["n_docs"] == len(list(pages.iterdir()))
    return tmp, pages, cfg, snap, elapsed


def one_trial(k: int, rng: random.Random, tmp: Path, pages: Path, cfg: Path, base: dict, elapsed: float) -> dict:
    """Kill one `add` (random delay, or injected inside a batch / the final link transaction), check the
    file, rerun, compare with the uninterrupted run."""
    db = tmp / f"trial{k}.db"
    args = ["add", str(pages), "--db", str(db), "--config", str(cfg)]
    mode = ("link", "batch", "timer", "timer")[k % 4]
    env: dict = {}
    if mode == "link":
        env = {"ND_KILL_AT": "link"}
    elif mode == "batch":
        env = {"ND_KILL_AT": "batch", "ND_KILL_NTH": str(rng.randint(1, 8))}
    delay = rng.uniform(0.2, max(0.5, elapsed * 1.05))
    proc = start(args, env)
    if mode == "timer":
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    rc = proc.wait(timeout=600)
    proc.stderr.close()
    killed = rc == -signal.SIGKILL
    check = integrity(db)
    assert check == "ok", (k, mode, check)
    rerun = nd(args)
    assert rerun.returncode == 0, (k, mode, rerun.stderr[-2000:])
    assert integrity(db) == "ok"
    snap = snapshot(db)
    assert snap["doc_ids"] == snap["n_docs"] and snap["article_ids"] == snap["n_articles"], "duplicates"
    assert snap["docs"] == base["docs"], (k, mode, "documents differ from the uninterrupted run")
    assert snap["articles"] == base["articles"], (k, mode, article_diff(base["articles"], snap["articles"]))
    return {"mode": mode, "killed": killed, "delay": round(delay, 2), "same_stories": snap["stories"] == base["stories"]}


def run_trials(setup, n: int, seed: int) -> list[dict]:
    tmp, pages, cfg, base, elapsed = setup
    rng = random.Random(seed)
    out = []
    t0 = time.monotonic()
    for k in range(n):
        out.append(one_trial(k, rng, tmp, pages, cfg, base, elapsed))
        (tmp / f"trial{k}.db").unlink()
        for side in ("-wal", "-shm"):
            (tmp / f"trial{k}.db{side}").unlink(missing_ok=True)
    took = time.monotonic() - t0
    killed = sum(r["killed"] for r in out)
    sys.stderr.write(f"\n[crash] {n} trials passed ({killed} killed mid-run, {n - killed} finished before the "
                     f"timer) in {took:.1f}s; uninterrupted add {elapsed:.1f}s; stories identical in "
                     f"{sum(r['same_stories'] for r in out)}/{n}\n")
    return out


def test_sigkill_then_rerun_gives_the_uninterrupted_result(setup):
    out = run_trials(setup, 3, seed=9)
    assert any(r["killed"] for r in out), "no trial was actually killed"
    assert all(r["killed"] for r in out if r["mode"] in ("link", "batch")), out


@pytest.mark.slow
def test_sigkill_many_trials(setup):
    out = run_trials(setup, 24, seed=2026)
    assert sum(r["killed"] for r in out) >= 16, out


# ------------------------------------------------------------------------------------- read-only, full disk
def _page(tmp: Path) -> Path:
    d = tmp / "new"
    d.mkdir(exist_ok=True)
    src = sorted(CORPUS.glob("*.html"))[0].read_text("utf-8")
    (d / "new.html").write_text(src.replace("</body>", "<p>A page the store has not seen.</p></body>"), "utf-8")
    return d


def _store(tmp: Path) -> Path:
    db = tmp / "ro" / "store.db"
    db.parent.mkdir()
    api.add([str(sorted(CORPUS.glob("*.txt"))[0])], db=db)
    # fold the WAL back so that the file alone is the database
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


@pytest.fixture(params=["os", "query_only"])
def readonly_store(request, tmp_path, monkeypatch):
    """A store the process cannot write. "os": the file and its folder really are read-only (chmod 444/555
    for a normal user; root ignores permissions, so for root the immutable flag, chattr +i). "query_only":
    every store connection is opened with PRAGMA query_only (works everywhere)."""
    db = _store(tmp_path)
    if request.param == "query_only":
        pragma = "PRAGMA query_only = 1"
        _patch_connect(monkeypatch, pragma)
        yield db, {"ND_PRAGMA": pragma}
        return
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    targets = [str(db), str(db.parent)]
    if os.geteuid() != 0:
        db.chmod(0o444)
        db.parent.chmod(0o555)
        try:
            yield db, {}
        finally:
            db.parent.chmod(0o755)
            db.chmod(0o644)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", *targets], capture_output=True).returncode:
        pytest.skip("running as root and chattr +i is not available here: only the query_only variant runs")
    try:
        yield db, {}
    finally:
        subprocess.run(["chattr", "-i", *targets], capture_output=True)


def _patch_connect(monkeypatch, pragma: str) -> None:
    import newsdesk.store.sqlite as nds

    real = sqlite3.connect

    def connect(*a, **k):
        conn = real(*a, **k)
        conn.execute(pragma)
        return conn

    monkeypatch.setattr(nds.sqlite3, "connect", connect)


def _assert_clean_error(exc: NewsdeskError, codes: tuple[str, ...]) -> None:
    assert exc.code in codes, (exc.code, exc.message)
    assert exc.hint and exc.message


def test_read_only_store_is_a_clear_error_via_api(tmp_path, readonly_store):
    db, _ = readonly_store
    with pytest.raises(NewsdeskError) as ei:
        api.add([str(_page(tmp_path))], db=db)
    _assert_clean_error(ei.value, ("ND301",))


def test_read_only_store_is_a_clear_error_via_cli(tmp_path, readonly_store):
    db, env = readonly_store
    r = nd(["add", str(_page(tmp_path)), "--db", str(db)], env)
    assert r.returncode == 2, (r.returncode, r.stderr[-1500:])
    assert "ND301" in r.stderr and "hint" in r.stderr and "Traceback" not in r.stderr, r.stderr[-1500:]


def _many_pages(tmp: Path, n: int = 16) -> Path:
    """`n` new pages with long names: more rows than the slack left in the store's last pages."""
    d = tmp / "many"
    d.mkdir(exist_ok=True)
    src = sorted(CORPUS.glob("*.html"))[0].read_text("utf-8")
    for k in range(n):
        (d / f"{k:03d}_{'a-rather-long-file-name-' * 6}.html").write_text(
            src.replace("</body>", f"<p>Copy {k} of a page the store has not seen.</p></body>"), "utf-8")
    return d


SMALL_BATCHES = {"limits": {"batch_size": 4}}


def _full_pragma(db: Path) -> str:
    conn = sqlite3.connect(db)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    return f"PRAGMA max_page_count = {pages}"


def test_full_disk_is_a_clear_error_via_api(tmp_path, monkeypatch):
    db = _store(tmp_path)
    _patch_connect(monkeypatch, _full_pragma(db))
    with pytest.raises(NewsdeskError) as ei:
        api.add([str(_many_pages(tmp_path))], db=db, config=SMALL_BATCHES)
    _assert_clean_error(ei.value, ("ND302",))
    monkeypatch.undo()
    assert integrity(db) == "ok"


def test_full_disk_is_a_clear_error_via_cli(tmp_path):
    db = _store(tmp_path)
    cfg = tmp_path / "small.toml"
    cfg.write_text("[limits]\nbatch_size = 4\n")
    args = ["add", str(_many_pages(tmp_path)), "--db", str(db), "--config", str(cfg)]
    r = nd(args, {"ND_PRAGMA": _full_pragma(db)})
    assert r.returncode == 2, (r.returncode, r.stderr[-1500:])
    assert "ND302" in r.stderr and "hint" in r.stderr and "Traceback" not in r.stderr, r.stderr[-1500:]
    assert integrity(db) == "ok"
    # and once there is room again, the same command finishes
    assert nd(args).returncode == 0
