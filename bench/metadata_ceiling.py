#!/usr/bin/env python3
"""Ceilings of text-mode metadata extraction on the extraction tuning sets (EN and ZH).

    python bench/metadata_ceiling.py [--shared /work/shared] [--list]

For each flattened page (text/ID.txt.gz) and each gold field that is set, is the value written
anywhere in the page text at all? A reader of the flattened text cannot do better than that share.

* title: the gold title, folded as the scorer folds it (shared/tools/eval_extraction.py: NFKC,
  casefold, `\\w+` runs), is (a) a whole line of the page, or (b) a run of whole tokens inside a
  line (e.g. "Title | Site Name").
* author: each gold name (the gold split at ", " / " and " / "、") is a run of whole folded tokens
  in the page, or glued to a label before it ("ByJane Doe") (Han names: a substring, since the
  scorer's `\\w+` runs swallow unspaced Han text);
  a page counts when all of its names are there, and, looser, when every name token is somewhere.
* date: the gold day is written in the page in a common absolute form: ISO 2011-08-16 (also with
  / or . and a time after it), "Aug 16, 2011", "August 16th 2011", "16 August 2011", "16-Aug-2011",
  Chinese 2011年8月16日, numeric 16/08/2011 or 08/16/2011 (either order); "loose" adds two-digit
  years (08/16/11, 16.08.11) and "Aug 16" without a year when the page names that year somewhere.
  Relative times ("3 hours ago") never count.

The scorer counts a field only on pages where the gold field is set (eval_extraction.score), so a
null gold is never scored: a null prediction there is neither right nor wrong; where the gold is
set and absent from the text, any prediction short of a lucky guess is wrong.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d{2})"
STRICT = [
    re.compile(rf"(?<!\d){YEAR}\s*[-/.]\s*(?P<m>\d{{1,2}})\s*[-/.]\s*(?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"(?<!\d){YEAR}(?P<m>[01]\d)(?P<d>[0-3]\d)(?:T|(?!\d))"),  # 20110816, 20110816T...
    re.compile(rf"(?i)\b{MON}\s*{DAY}(?!\d)\s*[,.]?\s*(?:'|’)?{YEAR}"),
    re.compile(rf"(?i)(?<!\d){DAY}(?:\s+of)?[\s-]*{MON}[\s,-]*{YEAR}"),
    re.compile(rf"{YEAR}\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日"),
    re.compile(rf"(?<![\d/.])(?P<a>\d{{1,2}})\s*[/.-]\s*(?P<b>\d{{1,2}})\s*[/.-]\s*{YEAR}(?!\d)"),
]
LOOSE = [
    re.compile(r"(?<![\d/.])(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<yy>\d{2})(?![\d/.])"),
    re.compile(rf"(?i)\b{MON}\s*{DAY}(?![\d,]*\s*\d{{4}})(?!\d)"),
    re.compile(rf"(?i)(?<!\d){DAY}\s+{MON}(?![\s,]*\d{{4}})"),
]


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("eval_extraction", shared / "tools" / "eval_extraction.py")
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    return ev


def days_in(text: str, loose: bool = False) -> set[tuple[int, ...]]:
    """Every (year, month, day) written in the text (both orders for a numeric d/m/y)."""
    out: set[tuple[int, ...]] = set()
    for rx in STRICT:
        for m in rx.finditer(text):
            g = m.groupdict()
            y = int(g["year"])
            if g.get("mon"):
                out.add((y, MONTHS.index(g["mon"].lower()[:3]) + 1, int(g["day"])))
            elif g.get("m"):
                out.add((y, int(g["m"]), int(g["d"])))
            else:
                a, b = int(g["a"]), int(g["b"])
                out |= {(y, a, b), (y, b, a)}
    if loose:
        years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)}
        for m in LOOSE[0].finditer(text):
            a, b, y = int(m["a"]), int(m["b"]), 2000 + int(m["yy"])
            out |= {(y, a, b), (y, b, a)}
        for rx in LOOSE[1:]:
            for m in rx.finditer(text):
                for y in years:
                    out.add((y, MONTHS.index(m["mon"].lower()[:3]) + 1, int(m["day"])))
    return out


def date_present(gold: str, text: str, loose: bool = False) -> bool:
    g = tuple(int(x) for x in re.findall(r"\d+", gold))
    found = days_in(text, loose)
    return any(d[:len(g)] == g for d in found)


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "").casefold()


HAN = re.compile(r"[\u3400-\u9fff]")


def name_present(name: str, folded_page: str, norm_page: str, fold) -> bool:
    if HAN.search(name):
        return _norm(name).replace(" ", "") in norm_page.replace(" ", "")
    f = fold(name)
    # (a name glued to its label counts: "ByJane Doe")
    return bool(f) and (f" {f} " in folded_page or f"{f} " in folded_page)


def split_names(author: str) -> list[str]:
    parts = re.split(r"\s*(?:,|、|，|;|\band\b|&)\s*", author)
    return [p for p in (x.strip() for x in parts) if p]


def measure(data: Path, ev) -> dict:
    with gzip.open(data / "gold.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    stats = {k: [0, 0] for k in ("title_line", "title_run", "author_all", "author_tokens", "author_names",
                                 "date", "date_loose")}
    absent: dict[str, list[str]] = {"title": [], "author": [], "date": []}
    for r in rows:
        text = gzip.decompress((data / r["flat"]).read_bytes()).decode("utf-8", "replace")
        lines = [ev._fold(x) for x in text.splitlines()]
        folded_page = " " + " \n ".join(lines) + " "
        norm_page = _norm(text)
        if r.get("title"):
            t = ev._fold(r["title"])
            in_line = t in set(lines)
            in_run = bool(t) and any(f" {t} " in f" {x} " for x in lines)
            stats["title_line"][0] += in_line
            stats["title_run"][0] += in_run
            stats["title_line"][1] += 1
            stats["title_run"][1] += 1
            if not in_run:
                absent["title"].append(r["id"])
        if r.get("author"):
            names = split_names(r["author"])
            ok = [name_present(n, folded_page, norm_page, ev._fold) for n in names]
            toks = [t for t in ev._fold(r["author"]).split() if t not in ev._AUTHOR_STOP]
            page_toks = set(folded_page.split())
            tok_ok = all(t in page_toks or f"{t} " in folded_page or (HAN.search(t) and t in norm_page)
                         for t in toks)
            stats["author_all"][0] += all(ok)
            stats["author_all"][1] += 1
            stats["author_tokens"][0] += tok_ok
            stats["author_tokens"][1] += 1
            stats["author_names"][0] += sum(ok)
            stats["author_names"][1] += len(ok)
            if not all(ok):
                absent["author"].append(r["id"])
        if r.get("date"):
            p = date_present(r["date"], text)
            stats["date"][0] += p
            stats["date"][1] += 1
            stats["date_loose"][0] += p or date_present(r["date"], text, loose=True)
            stats["date_loose"][1] += 1
            if not p:
                absent["date"].append(r["id"])
    return {"n": len(rows), "stats": stats, "absent": absent}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="/work/shared")
    ap.add_argument("--list", action="store_true", help="print the ids of the pages where a value is absent")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    ev = load_scorer(shared)
    for name in ("extraction", "extraction-zh"):
        data = shared / "data" / name
        if not (data / "gold.jsonl.gz").exists():
            print(f"{name}: not available, skipped")
            continue
        res = measure(data, ev)
        parts = []
        for k, (hit, n) in res["stats"].items():
            if n:
                parts.append(f"{k} {hit / n:.3f} ({hit}/{n})")
        print(f"{name:14s} pages={res['n']}  " + "  ".join(parts))
        if args.list:
            for k, ids in res["absent"].items():
                print(f"  absent {k}: {' '.join(ids)}")
    print("(a field is scored only where its gold is set: a null gold is not counted either way; "
          "where the gold is set, a null prediction is wrong)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
