"""The command line as a user runs it (a real subprocess)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def nd(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "newsdesk.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env={**os.environ, **env} if env else None)


def test_run_writes_storymap_and_reports_bad_files(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    page = sorted(CORPUS.glob("*.html"))[0]
    out = tmp_path / "sm.json"
    r = nd("run", str(page), str(tmp_path / "empty.html"), str(tmp_path / "image.html"),
           str(tmp_path / "missing.txt"), "--output", str(out), "--stats")
    assert r.returncode == 0, r.stderr
    obj = json.loads(out.read_text("utf-8"))
    codes = sorted(d["error"]["code"] for d in obj["documents"] if d["status"] == "error")
    assert codes == ["ND101", "ND102", "ND107"]
    assert "ND102" in r.stderr and "stage" in r.stdout
    strict = nd("run", str(tmp_path / "empty.html"), "--output", str(out), "--strict")
    assert strict.returncode == 1


def test_search_show_export_commands(tmp_path):
    db = tmp_path / "n.db"
    assert nd("run", str(CORPUS), "--output", str(tmp_path / "sm.json"), "--db", str(db)).returncode == 0
    r = nd("search", "Xiaomi", "--db", str(db), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)
    hits = json.loads(r.stdout)
    # the table: whole words around the match (a snippet of 24 trigram tokens cut "Xiaomi" to "[Xiao]…"), a date
    table = nd("search", "Xiaomi", "--db", str(db), env={"COLUMNS": "200"})
    assert table.returncode == 0 and f"{len(hits)} result" in table.stdout and "[Xiaomi]" in table.stdout
    assert hits[0]["published"][:10] in table.stdout and "T1" not in table.stdout
    bad = nd("search", '"oops', "--db", str(db))
    assert bad.returncode == 2 and "ND304" in bad.stderr and "hint" in bad.stderr
    story_id = json.loads(r.stdout)[0]["story"]
    shown = nd("show", "story", story_id, "--db", str(db))
    assert shown.returncode == 0 and "Xiaomi" in shown.stdout
    ent = nd("show", "entity", "1810.HK", "--db", str(db))
    assert ent.returncode == 0 and "Xiaomi" in ent.stdout
    ex = nd("export", "--db", str(db), "--format", "jsonl", "--output", str(tmp_path / "x"))
    assert ex.returncode == 0 and (tmp_path / "x" / "facts.jsonl").exists()
    missing = nd("search", "x", "--db", str(tmp_path / "nope.db"))
    assert missing.returncode == 2 and "ND3" in missing.stderr


def test_bad_config_is_reported(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[link]\nunknown_key = 1\n")
    r = nd("run", str(CORPUS), "--output", str(tmp_path / "sm.json"), "--config", str(cfg))
    assert r.returncode == 2 and "ND400" in r.stderr


def test_text_that_looks_like_rich_markup_is_printed_as_it_is(tmp_path):
    """Headlines, bylines and file names are data: "[/b]" or "[video]" in them is printed, not read as Rich
    markup (a stray closing tag crashed run --summary and search with MarkupError; "[video]" vanished)."""
    folder = tmp_path / "drafts[b]"
    folder.mkdir()
    page = folder / "note[i].txt"
    page.write_text("Chipmakers rally as orders climb [video]\n\nMarch 3, 2026\n\nHarbour Wire [/b] Media\n\n"
                    "Shares of chipmakers rose on Tuesday [updated] as investors bet on demand for servers. "
                    "The index gained 1.2% to 5,120 points.\n", "utf-8")
    (folder / "junk[u].txt").write_bytes(b"\x00\x01\x02\x03 binary")
    db = tmp_path / "n.db"
    env = {"COLUMNS": "250"}
    r = nd("run", str(folder), "--output", str(tmp_path / "sm.json"), "--db", str(db), "--summary", env=env)
    assert r.returncode == 0, r.stderr
    assert "[/b] Media" in r.stdout and "[updated]" not in r.stderr
    assert "drafts[b]/junk[u].txt" in r.stderr and "ND102" in r.stderr
    hits = nd("search", "chipmakers", "--db", str(db), env=env)
    assert hits.returncode == 0, hits.stderr
    assert "[video]" in hits.stdout and "[updated]" in hits.stdout and "[/b]" in hits.stdout
    story = json.loads((tmp_path / "sm.json").read_text("utf-8"))["stories"][0]["id"]
    shown = nd("show", "story", story, "--db", str(db), env=env)
    assert shown.returncode == 0 and "[video]" in shown.stdout, shown.stderr
    bad = nd("search", "[/b] AND", "--db", str(db), env=env)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "ND304" in bad.stderr
    assert "\\[api]" not in nd("serve", "--help", env=env).stdout and "[api]" in nd("serve", "--help", env=env).stdout
