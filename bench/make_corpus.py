"""Build a large synthetic corpus for the scale benchmarks from the extraction tuning pages.

    .venv/bin/python bench/make_corpus.py --n 50000 --out /tmp/newsdesk-corpus [--seed 0] [--jobs 2]

Sources: ../shared/data/extraction and ../shared/data/extraction-zh (html/*.html.gz, text/*.txt.gz;
the gold files are read for the page URL and date only, never for the gold text). The first documents are
the original pages; the rest are variations of them:

* paragraphs (``<p>`` elements in HTML, blank-line separated blocks in flattened text) are swapped with
  paragraphs of other pages of the same language and shuffled;
* numbers in the visible text are changed (years are kept, so dates stay dates), and a few recurring
  capitalised words of an English page (names, mostly) are replaced consistently by others of the corpus;
* each JSONL record gets its own URL and a date spread over one year (so the link stage sees stories
  over time, not one day).

Layout, in blocks of ``--shard-size`` documents (block k is complete on its own, so the first k blocks are
a prefix of the corpus with the same mix):

    DIR/jsonl/shard-00000.jsonl.gz   the JSONL records of block 0 ({url, title?, date, html | text})
    DIR/pages/00000/000123.html      the block's share of plain files (--plain-share), .html or .txt
    DIR/manifest.json                seed, counts, mix, and per block the inputs and their document count

Deterministic: the same arguments give the same bytes, whatever ``--jobs``; block k depends only on the
seed and k, so running again with a larger ``--n`` extends an existing corpus. Exits with a message (status
0) when ../shared is absent. Write the corpus under /tmp or bench/results/tmp (gitignored), never in git.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

log = logging.getLogger("make_corpus")

SHARED = ROOT.parent / "shared" / "data"
SETS = (("extraction", "en"), ("extraction-zh", "zh"))
# the version of the variations (in the manifest; a corpus of another version is not extended or reused):
# 2 = dates and clock times keep their digits
GENERATOR = 2

_P_RE = re.compile(r"(<p\b[^>]*>)(.*?)(</p\s*>)", re.IGNORECASE | re.DOTALL)
_DIGITS_RE = re.compile(r"(?<![#\w])\d+(?!\w)")  # not inside words (h1), nor character references
# dates and clock times keep their digits: a varied number inside one makes an impossible date ("June 92",
# "2025-24-19") that no real page carries, and sends every date reader down its slowest, last-resort path
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_SPAN_RE = re.compile("|".join((
    r"(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?",
    r"(?<!\d)\d{1,4}[/.]\d{1,2}[/.]\d{2,4}(?!\d)",
    _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
    r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}",
    r"(?<!\d)(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日",
    r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])",
)))
_NUMBER_OR_DATE_RE = re.compile(f"(?P<date>{_DATE_SPAN_RE.pattern})|{_DIGITS_RE.pattern}")
_YEAR_RE = re.compile(r"(19|20)\d\d")
_CAP_RE = re.compile(r"\b[A-Z][a-z]{2,}\b")
_LOWER_RE = re.compile(r"\b[a-z]{3,}\b")
_TAG_RE = re.compile(r"<[^>]+>")
_CHARSET_RE = re.compile(r"(<meta[^>]{0,400}?charset\s*=\s*[\"']?\s*)([A-Za-z0-9_:.\-]+)", re.IGNORECASE)
_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


@dataclass
class Page:
    ident: str
    lang: str
    kind: str  # html | text
    body: str  # decoded HTML source or flattened text
    url: str | None
    date: str | None
    paras: list[str]  # the paragraphs that may be swapped (inner HTML, or text blocks)


def _long_paragraphs(page_kind: str, body: str, min_chars: int = 80) -> list[str]:
    if page_kind == "html":
        out = []
        for m in _P_RE.finditer(body):
            inner = m.group(2)
            if len(inner) < 5000 and len(_TAG_RE.sub("", inner).strip()) >= min_chars:
                out.append(inner)
        return out
    return [b for b in re.split(r"\n\s*\n", body) if len(b.strip()) >= min_chars]


def load_pages(shared: Path = SHARED) -> list[Page]:
    """The tuning pages of both sets, decoded the way newsdesk decodes them."""
    from newsdesk.ingest.encoding import decode_bytes

    pages: list[Page] = []
    for name, lang in SETS:
        base = shared / name
        meta = {}
        gold = base / "gold.jsonl.gz"
        if gold.exists():
            with gzip.open(gold, "rt", encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    meta[rec["id"]] = (rec.get("url"), rec.get("date"))
        for path in sorted((base / "html").glob("*.html.gz")):
            ident = path.name[:-len(".html.gz")]
            text, _ = decode_bytes(gzip.decompress(path.read_bytes()), is_html=True)
            url, day = meta.get(ident, (None, None))
            pages.append(Page(ident, lang, "html", text, url, day, _long_paragraphs("html", text)))
        for path in sorted((base / "text").glob("*.txt.gz")):
            ident = path.name[:-len(".txt.gz")]
            text = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            url, day = meta.get(ident, (None, None))
            pages.append(Page(ident, lang, "text", text, url, day, _long_paragraphs("text", text)))
    return pages


class Varier:
    """Makes variations of pages: paragraph swaps and shuffles, changed numbers and names."""

    def __init__(self, pages: list[Page], swap_share: float = 0.5, names_per_page: int = 8):
        self.pages = pages
        self.swap_share = swap_share
        self.names_per_page = names_per_page
        self.pool: dict[tuple[str, str], list[str]] = {}
        caps: dict[str, int] = {}
        lower: set[str] = set()
        for p in pages:
            self.pool.setdefault((p.lang, p.kind), []).extend(p.paras)
            if p.lang == "en" and p.kind == "text":
                for w in _CAP_RE.findall(p.body):
                    caps[w] = caps.get(w, 0) + 1
                lower.update(_LOWER_RE.findall(p.body))
        # name-like: capitalised words that the corpus never writes in lower case
        self.names = sorted(w for w, c in caps.items() if c >= 3 and w.lower() not in lower)

    def _numbers(self, text: str, rng: random.Random) -> str:
        def sub(m: re.Match) -> str:
            s = m.group(0)
            if m.group("date") or len(s) > 6 or (len(s) == 4 and _YEAR_RE.fullmatch(s)):
                return s  # years stay years; long runs are ids and hashes, not figures
            if s[0] == "0":
                return s[0] + str(rng.randrange(10 ** (len(s) - 1))).zfill(len(s) - 1) if len(s) > 1 else s
            return str(rng.randrange(10 ** (len(s) - 1), 10 ** len(s)))
        return _NUMBER_OR_DATE_RE.sub(sub, text)

    def _name_map(self, text: str, rng: random.Random) -> re.Pattern | None:
        counts: dict[str, int] = {}
        for w in _CAP_RE.findall(text):
            counts[w] = counts.get(w, 0) + 1
        lower = set(_LOWER_RE.findall(text))
        frequent = sorted((w for w, c in counts.items() if c >= 2 and w.lower() not in lower),
                          key=lambda w: (-counts[w], w))
        chosen = frequent[: self.names_per_page * 3]
        rng.shuffle(chosen)
        chosen = sorted(chosen[: self.names_per_page])
        if not chosen or not self.names:
            return None
        self._mapping = {w: rng.choice(self.names) for w in chosen}
        return re.compile(r"\b(" + "|".join(map(re.escape, chosen)) + r")\b")

    def _visible(self, text: str, rng: random.Random, names: re.Pattern | None) -> str:
        text = self._numbers(text, rng)
        if names is not None:
            text = names.sub(lambda m: self._mapping[m.group(0)], text)
        return text

    def vary(self, page: Page, rng: random.Random) -> str:
        pool = self.pool.get((page.lang, page.kind), [])
        if page.kind == "html":
            body = page.body
            slots = [m for m in _P_RE.finditer(body)
                     if len(m.group(2)) < 5000 and len(_TAG_RE.sub("", m.group(2)).strip()) >= 80]
            inners = [m.group(2) for m in slots]
            inners = [rng.choice(pool) if pool and rng.random() < self.swap_share else x for x in inners]
            rng.shuffle(inners)
            parts, last = [], 0
            for m, inner in zip(slots, inners):
                parts.append(body[last:m.start(2)])
                parts.append(inner)
                last = m.end(2)
            parts.append(body[last:])
            body = "".join(parts)
            names = self._name_map(_TAG_RE.sub(" ", body), rng) if page.lang == "en" else None
            return self._visible(body, rng, names)  # one pass over the source: cheaper than per text node
        blocks = re.split(r"(\n\s*\n)", page.body)
        idx = [i for i in range(0, len(blocks), 2) if len(blocks[i].strip()) >= 80]
        new = [rng.choice(pool) if pool and rng.random() < self.swap_share else blocks[i] for i in idx]
        rng.shuffle(new)
        for i, b in zip(idx, new):
            blocks[i] = b
        body = "".join(blocks)
        names = self._name_map(body, rng) if page.lang == "en" else None
        return self._visible(body, rng, names)


_STATE: dict = {}


def _init(pages: list[Page]) -> None:
    _STATE["pages"] = pages
    _STATE["varier"] = Varier(pages)


def _title(html: str) -> str | None:
    m = _TITLE_RE.search(html[:200_000])
    if not m:
        return None
    t = " ".join(_TAG_RE.sub(" ", m.group(1)).split())
    return t[:300] or None


def build_block(args: tuple) -> dict:
    """Write block `k` (documents k*size .. k*size+size-1); returns its manifest entry."""
    k, size, n, seed, out, html_share, plain_share, compress = args
    pages: list[Page] = _STATE["pages"]
    varier: Varier = _STATE["varier"]
    by_kind = {kind: [p for p in pages if p.kind == kind] for kind in ("html", "text")}
    rng = random.Random(f"{seed}:{k}")
    out = Path(out)
    records: list[str] = []
    plain: list[str] = []
    counts = {"html": 0, "text": 0, "en": 0, "zh": 0, "original": 0, "variation": 0}
    start = date(2024, 1, 1)
    for i in range(k * size, min(n, (k + 1) * size)):
        if i < len(pages):  # the originals first, once each
            page, body = pages[i], pages[i].body
            counts["original"] += 1
        else:
            kind = "html" if rng.random() < html_share else "text"
            page = rng.choice(by_kind[kind])
            body = varier.vary(page, rng)
            counts["variation"] += 1
        counts[page.kind] += 1
        counts[page.lang] += 1
        if rng.random() < plain_share:
            d = out / "pages" / f"{k:05d}"
            d.mkdir(parents=True, exist_ok=True)
            f = d / f"{i:06d}.{'html' if page.kind == 'html' else 'txt'}"
            if page.kind == "html":
                body = _CHARSET_RE.sub(lambda m: m.group(1) + "utf-8", body, count=1)
            f.write_text(body, encoding="utf-8")
            plain.append(str(f))
            continue
        day = start + timedelta(days=rng.randrange(365))
        rec = {"url": f"https://bench.invalid/{page.lang}/{page.ident}/{i}", "date": day.isoformat()}
        if page.kind == "html":
            title = _title(body)
            if title:
                rec["title"] = title
            rec["html"] = body
        else:
            rec["text"] = body
        records.append(json.dumps(rec, ensure_ascii=False))
    inputs = []
    if records:
        (out / "jsonl").mkdir(parents=True, exist_ok=True)
        name = out / "jsonl" / f"shard-{k:05d}.jsonl{'.gz' if compress else ''}"
        data = ("\n".join(records) + "\n").encode("utf-8")
        if compress:
            data = gzip.compress(data, compresslevel=3, mtime=0)
        name.write_bytes(data)
        inputs.append(str(name))
    if plain:
        inputs.append(str(out / "pages" / f"{k:05d}"))
    return {"block": k, "docs": min(n, (k + 1) * size) - k * size, "jsonl_records": len(records),
            "plain_files": len(plain), "inputs": inputs, "counts": counts}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=50000, help="documents to write")
    ap.add_argument("--out", default="/tmp/newsdesk-corpus", help="output directory (not in git)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--shard-size", type=int, default=1000, help="documents per block (one JSONL shard)")
    ap.add_argument("--html-share", type=float, default=0.7, help="share of variations that are HTML pages")
    ap.add_argument("--plain-share", type=float, default=0.1, help="share written as plain .html/.txt files")
    ap.add_argument("--no-compress", action="store_true", help="write .jsonl instead of .jsonl.gz")
    ap.add_argument("--jobs", type=int, default=2, help="processes (the output does not depend on it)")
    ap.add_argument("--shared", default=str(SHARED), help="the shared data directory")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    shared = Path(args.shared)
    if not all((shared / name / "html").is_dir() for name, _ in SETS):
        print(f"make_corpus: skipped, the tuning pages are not there ({shared}/extraction*/html); "
              "this benchmark needs ../shared next to the checkout")
        return 0
    out = Path(args.out)
    manifest_path = out / "manifest.json"
    params = {"generator": GENERATOR, "seed": args.seed, "shard_size": args.shard_size,
              "html_share": args.html_share, "plain_share": args.plain_share, "compress": not args.no_compress}
    kept: list[dict] = []
    if manifest_path.exists():
        old = json.loads(manifest_path.read_text())
        if {k: old.get(k) for k in params} != params:
            print(f"make_corpus: {out} holds a corpus made with other settings; remove it first", file=sys.stderr)
            return 2
        if old["n"] >= args.n:
            print(f"make_corpus: {out} already holds this corpus ({old['n']} documents, the first {args.n} "
                  "are a prefix of it); nothing to do")
            return 0
        # blocks depend only on (seed, block): a larger corpus extends a smaller one
        kept = [b for b in old["blocks"] if b["docs"] == args.shard_size]
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    pages = load_pages(shared)
    blocks = [(k, args.shard_size, args.n, args.seed, str(out), args.html_share, args.plain_share,
               not args.no_compress) for k in range(len(kept), (args.n + args.shard_size - 1) // args.shard_size)]
    entries = list(kept)
    if args.jobs > 1:
        with get_context("fork").Pool(args.jobs, initializer=_init, initargs=(pages,)) as pool:
            for e in pool.imap(build_block, blocks):
                entries.append(e)
                log.info("block %d/%d written (%.0f s)", e["block"] + 1, len(kept) + len(blocks),
                         time.perf_counter() - t0)
    else:
        _init(pages)
        entries.extend(build_block(b) for b in blocks)
    totals: dict[str, int] = {}
    for e in entries:
        for key, v in e["counts"].items():
            totals[key] = totals.get(key, 0) + v
    manifest = {"n": args.n, **params, "source_pages": len(pages), "totals": totals, "blocks": entries}
    manifest_path.write_text(json.dumps(manifest, indent=1))
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"make_corpus: {args.n} documents in {len(entries)} blocks under {out} "
          f"({size / 1e6:.0f} MB on disk, {time.perf_counter() - t0:.0f} s); mix {totals}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
