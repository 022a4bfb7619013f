"""Readers and writers at once: a real ``newsdesk serve`` (uvicorn, 127.0.0.1 only) answers many parallel
requests while ``newsdesk add`` writes more pages to the same store and a client uploads pages through
``POST /api/documents``. No request may fail with "database is locked" or a 500; every /api answer is
JSON (the error envelope included); the writers finish.

Bounded: 8 threads x 50 requests, 10 s timeout each; the whole test well under a minute.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")

import newsdesk.api as api  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
TOKEN = "concurrency-test-token"
THREADS, PER_THREAD, TIMEOUT = 8, 50, 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base: str, path: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=TIMEOUT) as r:
            return r.status, r.read(), r.headers.get("content-type", "")
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers.get("content-type", "")


def post(base: str, path: str, body: bytes, ctype: str) -> tuple[int, bytes]:
    req = urllib.request.Request(base + path, data=body, method="POST",
                                 headers={"Content-Type": ctype, "Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.fixture
def served(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip(f"sample corpus missing at {CORPUS}")
    pages = sorted(CORPUS.iterdir())
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for k, p in enumerate(pages):
        shutil.copy(p, (first if k % 2 == 0 else later) / p.name)
    for p in pages[:6]:  # edited copies: more work for the writer
        text = p.read_text("utf-8")
        text = text.replace("</body>", "<p>Updated edition.</p></body>") if p.suffix == ".html" else text + "\nUpdated edition.\n"
        (later / f"v2_{p.name}").write_text(text, "utf-8")
    db = tmp_path / "store.db"
    api.add([str(first)], db=db)
    port = free_port()
    env = {**os.environ, "NEWSDESK_TOKEN": TOKEN}
    server = subprocess.Popen([sys.executable, "-m", "newsdesk.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                              cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if get(base, "/api/stories")[0] == 200:
                break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"the server did not start: {server.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    try:
        yield base, db, later
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        server.stderr.close()


def _paths(base: str) -> list[str]:
    _, body, _ = get(base, "/api/stories?limit=50")
    stories = [s["id"] for s in json.loads(body).get("stories", [])] if body else []
    words = ["shares", "profit", "Tencent", "港股", "revenue", "index", '"quarterly profit"', "rose OR fell",
             "利润", "\"oops", "AND", "x", "Hang Seng", "(a OR", "NOT"]
    paths = ["/api/stories", "/api/stories?limit=5&offset=2", "/api/stories/no-such-story",
             "/api/entities/no-such-entity", "/", "/docs", "/api/entities/Tencent", "/api/entities/0700.HK"]
    paths += [f"/api/search?q={urllib.parse.quote(w)}" for w in words]
    paths += [f"/search?q={urllib.parse.quote(w)}" for w in words[:5]]
    paths += [f"/api/stories/{urllib.parse.quote(s)}" for s in stories[:6]]
    paths += [f"/stories/{urllib.parse.quote(s)}" for s in stories[:3]]
    return paths


def test_parallel_reads_while_adding(served):
    base, db, later = served
    paths = _paths(base)
    results: Counter[str] = Counter()
    problems: list[str] = []
    lock = threading.Lock()

    def reader(seed: int) -> None:
        r = random.Random(seed)
        for _ in range(PER_THREAD):
            path = r.choice(paths)
            try:
                status, body, ctype = get(base, path)
            except OSError as exc:  # timeouts, refused connections
                with lock:
                    results["transport-error"] += 1
                    problems.append(f"{path}: {exc}")
                continue
            text = body.decode("utf-8", "replace")
            bad = None
            if status >= 500:
                bad = f"HTTP {status}"
            elif "database is locked" in text.lower():
                bad = "database is locked"
            elif path.startswith("/api"):
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError:
                    bad = "not JSON"
                else:
                    if status >= 400 and not (isinstance(obj, dict) and "error" in obj and obj["error"].get("code")):
                        bad = "error without the envelope"
            with lock:
                results[str(status)] += 1
                if bad:
                    problems.append(f"{path}: {bad}: {text[:200]}")

    uploads: list[tuple[int, bytes]] = []

    def uploader() -> None:
        for k, p in enumerate(sorted(later.glob("*.html"))[:2]):
            html = p.read_text("utf-8").replace("</body>", f"<p>Uploaded copy {k}.</p></body>")
            uploads.append(post(base, f"/api/documents?name=up{k}.html", html.encode(), "text/html"))

    t0 = time.monotonic()
    writer = subprocess.Popen([sys.executable, "-m", "newsdesk.cli", "add", str(later), "--db", str(db)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    threads = [threading.Thread(target=reader, args=(i,)) for i in range(THREADS)]
    threads.append(threading.Thread(target=uploader))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=90)
    w_err = writer.communicate(timeout=120)[1].decode("utf-8", "replace")
    took = time.monotonic() - t0
    served_n = sum(v for k, v in results.items() if k != "transport-error")
    sys.stderr.write(f"\n[concurrency] {served_n} requests served in {took:.1f}s {dict(results)}; "
                     f"uploads {[u[0] for u in uploads]}; writer exit {writer.returncode}; problems {len(problems)}\n")
    assert not any(t.is_alive() for t in threads), "a client thread hung"
    assert not problems, problems[:10]
    assert served_n == THREADS * PER_THREAD
    assert writer.returncode == 0 and "locked" not in w_err.lower(), w_err[-2000:]
    assert len(uploads) == 2 and all(s in (200, 201) for s, _ in uploads), uploads
    for _, body in uploads:
        assert "documents" in json.loads(body)
    # everything the writers added is visible to a fresh reader
    status, body, _ = get(base, "/api/stories?limit=200")
    assert status == 200 and isinstance(json.loads(body)["stories"], list)
