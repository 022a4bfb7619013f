#!/usr/bin/env python3
"""Check tests/fixtures/examples_expected.json against the pages in examples/corpus/.

    python examples/check_fixture.py [--fixture PATH] [--corpus DIR]

Every text marker of the fixture must occur in its file (after the scorer's normalisation:
NFKC, curly quotes to straight, whitespace collapsed, case folded); `first` must come before
`last`; no `must_not_contain` string may occur in a body paragraph between them (a line ending
like a sentence; ads and "Read more" lines in between are boilerplate), and each must occur
somewhere in the file (so the check can fail); every quote and fact must be found in its
article's span.
Prints one line per problem and exits 1 if there is any. Needs lxml for the HTML pages.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'", "\u00a0": " "}
CJK = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = re.compile(r"[.!?。！？\"']$")
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "tr", "br", "title", "section", "article",
          "header", "footer", "nav", "aside", "figure", "figcaption", "time", "ul", "ol", "main"}


def norm(text: str | None) -> str:
    """The normalisation of /work/shared/tools/score_seeds.py."""
    text = unicodedata.normalize("NFKC", text or "")
    for a, b in QUOTES.items():
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().casefold()


def warc_record(path: Path, number: int) -> str:
    """The payload of the ``number``-th response record of a WARC file (1-based, as newsdesk numbers them)."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        responses = (r for r in ArchiveIterator(fh) if r.rec_type == "response")
        for k, rec in enumerate(responses, 1):
            if k == number:
                return rec.content_stream().read().decode("utf-8")
    raise ValueError(f"{path.name} has no response record {number}")


def page_lines(path: Path, record: int | None = None) -> list[str]:
    """The visible text of a page, one line per block (HTML, also a WARC record's) or the file's lines (text)."""
    if record is not None:
        raw = warc_record(path, record)
    else:
        raw = path.read_text(encoding="utf-8")
        if path.suffix.lower() not in {".html", ".htm"}:
            return raw.splitlines()
    import lxml.html

    root = lxml.html.fromstring(raw.encode("utf-8"))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in BLOCKS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return [ln for ln in root.text_content().splitlines() if ln.strip()]


def number_forms(value: float) -> set[str]:
    v = abs(value)
    forms = set()
    for d in (0, 1, 2):
        if round(v, d) == v:
            forms |= {f"{v:.{d}f}", f"{v:,.{d}f}"}
    return forms


def span_of(lines: list[str], art: dict, interleaved: bool) -> tuple[list[str] | None, list[str]]:
    """The normalised lines from the one holding `first` to the one holding `last` (keeping only
    the article's language when the page interleaves two languages), plus problems."""
    if interleaved:
        want_zh = art["language"] == "zh"
        lines = [ln for ln in lines if bool(CJK.search(ln)) == want_zh]
    lines = [norm(ln) for ln in lines if norm(ln)]
    first, last = norm(art["first"]), norm(art["last"])
    i = next((k for k, ln in enumerate(lines) if first in ln), -1)
    j = next((k for k, ln in enumerate(lines) if k >= i >= 0 and last in ln), -1)
    problems = []
    if i < 0:
        problems.append(f"first marker not found on one line: {art['first']!r}")
    if j < 0:
        problems.append(f"last marker not found on one line after first: {art['last']!r}")
    if problems:
        return None, problems
    return lines[i:j + 1], problems


def check(fixture: Path, corpus: Path) -> list[str]:
    gold = json.loads(fixture.read_text(encoding="utf-8"))
    out: list[str] = []
    arts = gold["articles"]
    by_file: dict[str, list[str]] = {}
    for gid, a in arts.items():
        by_file.setdefault(a["file"], []).append(gid)
    # a WARC record is named as newsdesk names its document: "crawl.warc.gz#2"
    files = {name.split("#")[0] for name in by_file}
    spans: dict[str, str] = {}
    for gid, a in arts.items():
        name, _, record = a["file"].partition("#")
        path = corpus / name
        if not path.exists():
            out.append(f"{gid}: missing file {a['file']}")
            continue
        lines = page_lines(path, int(record) if record else None)
        whole = norm("\n".join(lines))
        langs = {arts[g]["language"] for g in by_file[a["file"]]}
        span, probs = span_of(lines, a, interleaved=len(langs) > 1)
        out += [f"{gid}: {p}" for p in probs]
        if span is None:
            continue
        spans[gid] = " ".join(span)
        for key in ("title", "publisher"):
            if key in a and norm(a[key]) not in whole:
                out.append(f"{gid}: {key} {a[key]!r} not in the page")
        for author in a.get("authors", []):
            if norm(author) not in whole:
                out.append(f"{gid}: author {author!r} not in the page")
        for m in a.get("must_not_contain", []):
            if norm(m) not in whole:
                out.append(f"{gid}: must_not_contain {m!r} never occurs in the page (a check that cannot fail)")
            # inline junk (ads, "Read more" links) sits between body paragraphs on lines of its
            # own; a body paragraph ends like a sentence, and must hold no boilerplate marker
            for ln in span:
                if norm(m) in ln and SENTENCE_END.search(ln):
                    out.append(f"{gid}: must_not_contain {m!r} occurs in a body paragraph: {ln[:80]!r}")
    for name in gold.get("empty_files", []):
        if not (corpus / name).exists():
            out.append(f"empty file {name} is missing")
    listed = files | set(gold.get("empty_files", []))
    for path in sorted(corpus.iterdir()):
        if path.is_file() and path.name not in listed:
            out.append(f"{path.name}: in the corpus but not in the fixture")
    members = [g for story in gold["stories"] for g in story]
    if sorted(members) != sorted(arts):
        out.append("stories do not partition the articles exactly once")
    for r in gold["relations"] + gold["not_relations"] + gold["conflicts"]:
        for k in ("a", "b"):
            if r[k] not in arts:
                out.append(f"unknown article {r[k]!r} in {r}")
    for q in gold["quotes"]:
        span = spans.get(q["article"], "")
        if norm(q["starts"]) not in span:
            out.append(f"{q['article']}: quote start {q['starts']!r} not in the body")
        for k in ("speaker", "org"):
            if q.get(k) and norm(q[k]) not in span:
                out.append(f"{q['article']}: quote {k} {q[k]!r} not in the body")
    for f in gold["facts"] + gold.get("scheduled_events", []):
        if f["article"] not in arts:
            out.append(f"fact for unknown article {f['article']!r}")
            continue
        if "value" in f:
            span = spans.get(f["article"], "")
            if not any(form in span for form in number_forms(float(f["value"]))):
                out.append(f"{f['article']}: value {f['value']} of {f['entity']} not in the body")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixture", type=Path, default=HERE.parent / "tests" / "fixtures" / "examples_expected.json")
    ap.add_argument("--corpus", type=Path, default=HERE / "corpus")
    args = ap.parse_args(argv)
    problems = check(args.fixture, args.corpus)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
