"""A run killed mid-way and started again with the same --db ends as an uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _corpus(tmp: Path, copies: int = 4) -> Path:
    """The sample corpus several times over (the copies are real near-duplicates to link)."""
    d = tmp / "pages"
    d.mkdir()
    for k in range(copies):
        for p in sorted(CORPUS.iterdir()):
            if p.suffix not in (".html", ".txt"):  # (a WARC file: copied once, as it is)
                if not k:
                    (d / f"{k}_{p.name}").write_bytes(p.read_bytes())
                continue
            text = p.read_text("utf-8")
            if k:
                text = text.replace("</body>", f"<p>Edition {k}.</p></body>") if p.suffix == ".html" else text + f"\nEdition {k}.\n"
            (d / f"{k}_{p.name}").write_text(text, "utf-8")
    return d


def _run(args, cfg):
    return subprocess.Popen([sys.executable, "-m", "newsdesk.cli", "run", *args, "--config", str(cfg)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _summary(path: Path) -> dict:
    obj = json.loads(path.read_text("utf-8"))
    groups = {}
    for a in obj["articles"]:
        groups.setdefault(a["story"], []).append(a["id"])
    return {"docs": sorted((d["id"], d["status"]) for d in obj["documents"]),
            "articles": sorted(a["id"] for a in obj["articles"]),
            "stories": sorted(sorted(g) for g in groups.values()),
            "relations": sorted((r["source"], r["target"], r["type"]) for r in obj["relations"])}


def test_killed_run_resumes_to_the_same_result(tmp_path):
    pages = _corpus(tmp_path)
    cfg = tmp_path / "c.toml"
    cfg.write_text("[limits]\nbatch_size = 6\n")
    full = _run([str(pages), "--db", str(tmp_path / "full.db"), "--output", str(tmp_path / "full.json")], cfg)
    assert full.wait(timeout=600) == 0
    db = tmp_path / "killed.db"
    proc = _run([str(pages), "--db", str(db), "--output", str(tmp_path / "killed.json")], cfg)
    deadline = time.time() + 300
    killed = False
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                n = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1).execute(
                    "SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                n = 0
            if n >= 12:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                break
        time.sleep(0.05)
    proc.wait(timeout=60)
    assert killed, "the run finished before it could be killed; make the corpus bigger"
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 0 < done < len(list(pages.iterdir()))
    again = _run([str(pages), "--db", str(db), "--output", str(tmp_path / "killed.json")], cfg)
    assert again.wait(timeout=600) == 0
    assert _summary(tmp_path / "killed.json") == _summary(tmp_path / "full.json")
