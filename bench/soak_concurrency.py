"""Soak test: a real ``newsdesk serve`` answers parallel reads for a while as ``newsdesk add`` keeps writing.

    python bench/soak_concurrency.py --seconds 120 --threads 8 [--pages examples/corpus]

Builds a store from half of the pages, starts the server on 127.0.0.1 (a free port), then loops: add the
other half in edited copies (a new edition each round) while reader threads hit the JSON API and HTML pages.
Prints requests served, statuses, latency percentiles and any "database is locked", 5xx or non-JSON
answers. Exit status 1 when there was any such problem.
"""
from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _get(url: str, timeout: float) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _edition(src: Path, dst: Path, k: int) -> None:
    text = src.read_text("utf-8")
    line = f"Edition {k}, filed again by the desk."
    text = text.replace("</body>", f"<p>{line}</p></body>") if src.suffix == ".html" else text + f"\n{line}\n"
    dst.write_text(text, "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--pages", type=Path, default=ROOT / "examples" / "corpus")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nd-soak-"))
    pages = sorted(p for p in args.pages.iterdir() if p.suffix in (".html", ".txt"))
    first = tmp / "first"
    first.mkdir()
    for p in pages[::2]:
        (first / p.name).write_bytes(p.read_bytes())
    db = tmp / "store.db"
    py = sys.executable
    subprocess.run([py, "-m", "newsdesk.cli", "add", str(first), "--db", str(db)], check=True, cwd=ROOT,
                   stderr=subprocess.DEVNULL)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([py, "-m", "newsdesk.cli", "serve", "--db", str(db), "--host", "127.0.0.1", "--port",
                               str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if _get(base + "/api/stories", 2)[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    stop = time.monotonic() + args.seconds
    statuses: Counter[str] = Counter()
    problems: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()
    paths = ["/api/stories", "/", "/api/search?q=shares", "/api/search?q=%E5%88%A9%E6%B6%A6", "/search?q=profit",
             "/api/search?q=%22oops", "/api/entities/no-such", "/docs"]

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop:
            if rng.random() < 0.1:
                try:
                    st = json.loads(_get(base + "/api/stories?limit=20", args.timeout)[1])["stories"]
                    if st:
                        paths.append("/api/stories/" + urllib.parse.quote(rng.choice(st)["id"]))
                except (OSError, ValueError, KeyError):
                    pass
            path = rng.choice(paths)
            t0 = time.monotonic()
            try:
                status, body = _get(base + path, args.timeout)
            except OSError as exc:
                with lock:
                    statuses["transport"] += 1
                    problems.append(f"{path}: {exc}")
                continue
            dt = time.monotonic() - t0
            text = body.decode("utf-8", "replace")
            bad = status >= 500 or "database is locked" in text.lower()
            if path.startswith("/api"):
                try:
                    json.loads(text)
                except ValueError:
                    bad = True
            with lock:
                statuses[str(status)] += 1
                latencies.append(dt)
                if bad:
                    problems.append(f"{path}: {status} {text[:160]}")

    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(args.threads)]
    for t in threads:
        t.start()
    rounds, writer_fail = 0, 0
    while time.monotonic() < stop:
        rounds += 1
        d = tmp / f"round{rounds}"
        d.mkdir()
        for p in pages[1::2]:
            _edition(p, d / p.name, rounds)
        r = subprocess.run([py, "-m", "newsdesk.cli", "add", str(d), "--db", str(db)], cwd=ROOT,
                           capture_output=True, text=True)
        if r.returncode != 0 or "locked" in r.stderr.lower():
            writer_fail += 1
            problems.append(f"writer round {rounds}: exit {r.returncode}: {r.stderr[-300:]}")
    for t in threads:
        t.join(timeout=args.timeout + 5)
    server.terminate()
    server.wait(timeout=10)
    n = sum(v for k, v in statuses.items() if k != "transport")
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(f"{n} requests in {args.seconds:.0f}s ({n / args.seconds:.1f}/s) from {args.threads} threads; "
          f"statuses {dict(statuses)}; latency p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, "
          f"p99 {q[98] * 1000:.0f} ms; {rounds} add rounds ({writer_fail} failed); {len(problems)} problems")
    for p in problems[:20]:
        print("  ", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
