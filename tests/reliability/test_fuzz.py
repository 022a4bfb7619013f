"""Property-based fuzzing of the parts of newsdesk that read untrusted text: readers, charset decoding,
the text-page cleaner, the HTML extractor, date and number parsing.

Properties: nothing raises (except the documented errors, which become error documents), and the
invariants below hold. The default run keeps `max_examples` moderate (the whole file in well under a
minute on two cores); the ``slow`` variants run ten times as many. Examples actually run are counted
and printed at the end of the module (``pytest -s`` shows them).
"""
from __future__ import annotations

import datetime as dt
import gzip
import math
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsdesk.config import load_config
from newsdesk.ingest.encoding import decode_bytes
from newsdesk.ingest.readers import read_path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
HTML_PAGES = sorted(CORPUS.glob("*.html"))
TEXT_PAGES = sorted(CORPUS.glob("*.txt"))

COUNTS: Counter[str] = Counter()
FAST = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(max_examples=600, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CONFIG = load_config(overrides={"limits": {"max_document_bytes": 2_000_000}})


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    total = sum(COUNTS.values())
    sys.stderr.write(f"\n[fuzz] {total} examples run: {dict(sorted(COUNTS.items()))}\n")


def fast(n: int):
    return settings(FAST, max_examples=n)


def slow(n: int):
    return settings(SLOW, max_examples=n)


def _read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------------- strategies
EXTS = [".html", ".htm", ".txt", ".md", ".jsonl", ".rss", ".xml", ".warc", ".html.gz", ".warc.gz", ".bin", ""]
LABELS = [None, "utf-8", "gb2312", "gbk", "big5", "iso-8859-1", "windows-1252", "shift_jis", "utf-16",
          "koi8-r", "no-such-charset", "utf-32"]
TAGS = ["p", "div", "article", "h1", "h2", "span", "a", "script", "style", "table", "tr", "td", "li", "ul",
        "title", "meta", "br", "time", "header", "footer", "nav", "iframe", "svg", "noscript", "!--"]
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&amp;&lt;&#0;&#x110000;", "\x00",
            "\ufeff", "\u202e", "𝟏𝟐𝟑", "港股周二上涨4.2%", "Shares rose 4.2% to HK$380.20 on Tuesday.", "]]>",
            "<![CDATA[x", "<?xml version='1.0'?>", "\r\n", "\t", " " * 50]

any_text = st.text(st.characters(codec="utf-8"), max_size=2000)
word_text = st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=60)


@st.composite
def html_soup(draw) -> str:
    """Random tag soup with attributes, entities, payloads and real-looking prose."""
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["<!DOCTYPE html>", "<html>", "<html lang='zh-CN'>", ""])))
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 4))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            attr = draw(st.sampled_from(["", ' class="x"', ' property="og:title" content="T"', ' name="author" '
                                         'content="<b>A</b>"', " datetime='2026-03-03'", ' charset="gbk"']))
            parts.append(f"<{tag}{attr}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(PAYLOADS)))
        else:
            parts.append(draw(word_text))
    return "".join(parts)


@st.composite
def mutated_page(draw, pages: list[Path]) -> str:
    """A real sample page with lines dropped, repeated, swapped or replaced, and cut at a random point."""
    lines = draw(st.sampled_from(pages)).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(0, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.integers(0, 4))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines[i] = draw(st.sampled_from(PAYLOADS + [""]))
        else:
            lines.insert(i, draw(word_text))
    text = "\n".join(lines)
    return text[: draw(st.integers(0, len(text)))] if draw(st.booleans()) else text


# ----------------------------------------------------------------------------------------------- decoding
def _check_decode(data: bytes, label: str | None, is_html: bool) -> None:
    COUNTS["decode_bytes"] += 1
    text, enc = decode_bytes(data, is_html=is_html, declared=label)
    assert isinstance(text, str) and isinstance(enc, str) and enc
    assert "\x00" not in text


@fast(300)
@given(st.binary(max_size=3000), st.sampled_from(LABELS), st.booleans())
def test_decode_bytes_never_raises(data, label, is_html):
    _check_decode(data, label, is_html)


@pytest.mark.slow
@slow(3000)
@given(st.binary(max_size=20000), st.sampled_from(LABELS), st.booleans())
def test_decode_bytes_never_raises_slow(data, label, is_html):
    _check_decode(data, label, is_html)


clean_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")), max_size=1500)


def _check_roundtrip(s: str, codec: str, declared: str | None) -> None:
    COUNTS["decode_roundtrip"] += 1
    s = s.lstrip("\ufeff")
    try:
        data = s.encode(codec)
    except UnicodeEncodeError:
        return
    if codec.startswith("utf-16"):
        data = b"\xff\xfe" + data  # utf-16-le with its BOM
    text, _ = decode_bytes(data, declared=declared)
    assert text == s, (codec, declared, s[:80], text[:80])


@fast(150)
@given(clean_text, st.sampled_from([("utf-8", None), ("utf-8", "utf-8"), ("utf-16-le", None),
                                    ("gb18030", "gb2312"), ("gb18030", "gbk")]))
def test_decode_bytes_roundtrips_declared_or_unicode_text(s, codec_label):
    _check_roundtrip(s, *codec_label)


@pytest.mark.slow
@slow(3000)
@given(clean_text, st.sampled_from([("utf-8", None), ("utf-8", "utf-8"), ("utf-16-le", None),
                                    ("gb18030", "gb2312"), ("gb18030", "gbk")]))
def test_decode_bytes_roundtrips_slow(s, codec_label):
    _check_roundtrip(s, *codec_label)


# ----------------------------------------------------------------------------------------------- readers
def _check_reader(data: bytes, ext: str) -> None:
    COUNTS["read_path"] += 1
    with tempfile.TemporaryDirectory(prefix="nd-fuzz-") as tmp:
        path = Path(tmp) / f"page{ext}"
        if ext.endswith(".gz") and data[:2] != b"\x1f\x8b":
            data = gzip.compress(data)
        path.write_bytes(data)
        docs = list(read_path(path, CONFIG))
    assert docs, "every input yields at least one document"
    for d in docs:
        assert d.path.startswith(str(path)), d.path
        assert d.status in ("ok", "error", "empty"), d.status
        if d.status == "error":
            assert d.error and d.error.code.startswith("ND1") and d.error.hint, d.error
        if d.status == "ok":
            assert isinstance(d.text, str) and d.text.strip() and "\x00" not in d.text
            assert d.kind in ("html", "text")


def _real_cut(page: Path, cut: float, codec: str) -> bytes:
    text = page.read_text(encoding="utf-8")
    data = text.encode(codec, "replace")
    return data[: int(len(data) * cut)]


reader_inputs = st.one_of(
    st.binary(max_size=4000),
    any_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    html_soup().map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.builds(_real_cut, st.sampled_from(HTML_PAGES + TEXT_PAGES), st.floats(0, 1),
              st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"])),
)


@fast(250)
@given(reader_inputs, st.sampled_from(EXTS))
@example(b"", ".jsonl")  # found by the slow run: an empty JSONL file gave no document at all
@example(b"\n \n", ".ndjson")
@example(b"<p>&amp;&lt;&#0;&#x110000;<p></p>", ".rss")  # found by the slow run: feedparser raised, the run died
@example(b"<?xml version='1.0'?><rss><channel><item><title>&#x110000;</title></item></channel></rss>", ".xml")
def test_read_path_survives_any_file(data, ext):
    _check_reader(data, ext)


@pytest.mark.slow
@slow(2000)
@given(reader_inputs, st.sampled_from(EXTS))
def test_read_path_survives_any_file_slow(data, ext):
    _check_reader(data, ext)


# ----------------------------------------------------------------------------------------------- text pages
def _is_subsequence(needles: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(n == h for h in it) for n in needles)


def _check_textpage(text: str) -> None:
    from newsdesk.clean.textpage import parse_text_page

    COUNTS["parse_text_page"] += 1
    page_lines = [s.strip() for s in text.splitlines()]
    for multi in (True, False):
        arts = parse_text_page(text, multi_article=multi)
        for a in arts:
            assert a.body and all(isinstance(x, str) and x for x in a.body)
            missing = [x for x in a.body if x not in page_lines]
            assert not missing, f"body lines that are not page lines: {missing[:3]}"
            assert _is_subsequence(a.body, page_lines), "body lines out of page order"
            assert a.title is None or isinstance(a.title, str)


text_pages = st.one_of(mutated_page(TEXT_PAGES), any_text,
                       st.lists(st.one_of(word_text, st.sampled_from(PAYLOADS), st.just("")), max_size=60)
                       .map("\n".join))


@fast(100)
@given(text_pages)
def test_text_page_body_is_made_of_page_lines(text):
    _check_textpage(text)


@pytest.mark.slow
@slow(800)
@given(text_pages)
def test_text_page_body_is_made_of_page_lines_slow(text):
    _check_textpage(text)


# ----------------------------------------------------------------------------------------------- HTML
def _check_html(html: str) -> None:
    from newsdesk.clean.html import extract_html

    COUNTS["extract_html"] += 1
    r = extract_html(html)
    assert isinstance(r.text, str)
    assert r.text or r.empty_reason, "an empty result says why"
    assert r.title is None or isinstance(r.title, str)
    assert all(isinstance(a, str) and a for a in r.authors)
    assert "<script" not in r.text.lower() or "<script" in html.lower()
    if r.published:
        dt.date.fromisoformat(r.published[:10])


html_pages = st.one_of(html_soup(), mutated_page(HTML_PAGES), any_text)


@fast(60)
@given(html_pages)
def test_extract_html_survives_any_page(html):
    _check_html(html)


@pytest.mark.slow
@slow(600)
@given(html_pages)
def test_extract_html_survives_any_page_slow(html):
    _check_html(html)


# ----------------------------------------------------------------------------------------------- dates
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
PREFIXES = ["", "Published ", "Updated: ", "发布时间：", "By Staff | ", "(", "Posted on "]


def _formats(d: dt.date) -> list[str]:
    mon = MONTHS[d.month - 1]
    return [f"{mon} {d.day}, {d.year}", f"{mon[:3]}. {d.day}, {d.year}", f"{mon[:3]} {d.day} {d.year}",
            f"{d.day} {mon} {d.year}", f"{d.day} {mon[:3]} {d.year}", d.isoformat(),
            f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日", f"{d.year} 年 {d.month:02d} 月 {d.day:02d} 日"]


def _check_parse_date(d: dt.date, k: int, prefix: str, hh: int, mm: int, tz: str | None) -> None:
    from zoneinfo import ZoneInfo

    from newsdesk.clean.text_meta import SEASONAL_ZONES, TZ_OFFSETS, parse_date

    COUNTS["parse_date"] += 1
    fmts = _formats(d)
    s = prefix + fmts[k % len(fmts)]
    assert parse_date(s) == d.isoformat(), s
    # English month-first dates with a time of day (and a zone)
    h12, ampm = (hh % 12 or 12), ("am" if hh < 12 else "pm")
    s2 = f"{prefix}{MONTHS[d.month - 1]} {d.day}, {d.year} at {h12}:{mm:02d} {ampm}" + (f" {tz}" if tz else "")
    got = parse_date(s2)
    want = dt.datetime(d.year, d.month, d.day, hh, mm)
    if tz in SEASONAL_ZONES:  # "ET": the clock New York keeps on that day (EDT in summer)
        want = want.replace(tzinfo=ZoneInfo(SEASONAL_ZONES[tz]))
    elif tz:
        want = want.replace(tzinfo=dt.timezone(dt.timedelta(hours=TZ_OFFSETS[tz])))
    assert got == want.isoformat(), (s2, got, want.isoformat())


date_args = (st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)), st.integers(0, 50), st.sampled_from(PREFIXES),
             st.integers(0, 23), st.integers(0, 59), st.sampled_from([None, "ET", "GMT", "HKT", "UTC", "EDT"]))


@fast(300)
@given(*date_args)
def test_parse_date_of_a_formatted_date_returns_it(d, k, prefix, hh, mm, tz):
    _check_parse_date(d, k, prefix, hh, mm, tz)


@pytest.mark.slow
@slow(5000)
@given(*date_args)
def test_parse_date_roundtrip_slow(d, k, prefix, hh, mm, tz):
    _check_parse_date(d, k, prefix, hh, mm, tz)


def _check_dates_any(s: str) -> None:
    from newsdesk.clean.text_meta import parse_date

    COUNTS["parse_date_any"] += 1
    got = parse_date(s)
    if got:
        dt.datetime.fromisoformat(got)


date_like = st.one_of(any_text, st.builds(lambda a, b: a + b, word_text, st.sampled_from(_formats(dt.date(2026, 2, 28)))),
                     st.from_regex(r"[A-Za-z]{3,9}\.? \d{1,2}(st|th)?,? \d{4}( at \d{1,2}:\d\d ?[ap]m( [A-Z]{2,4})?)?"),
                     st.from_regex(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}( \d{1,2}:\d\d)?|\d{4}年\d{1,2}月\d{1,2}日"))


@fast(300)
@given(date_like)
def test_parse_date_never_raises(s):
    _check_dates_any(s)


@pytest.mark.slow
@slow(5000)
@given(date_like)
def test_parse_date_never_raises_slow(s):
    _check_dates_any(s)


@pytest.mark.parametrize("s", ["March 3, 2026 at 25:00", "Mar 3, 2026 at 9:75 am", "2026-03-03 24:00",
                               "2026年3月3日 25:61"])
def test_parse_date_with_an_impossible_clock_time(s):
    COUNTS["parse_date_clock"] += 1
    _check_dates_any(s)


EXPRS = ["yesterday", "today", "tomorrow", "last week", "next month", "this month", "on Friday", "last Friday",
         "next Thursday", "this Monday", "March 3", "Mar 31", "since Jan 13", "year-to-date", "the previous session",
         "Feb 29", "昨天", "上周五", "下个月", "3月5日", "今年以来", "前一交易日", "day:-1", "week:+1", "month:-1",
         "md:02-29:past", "weekday:fri:nextweek", "date:2026-02-30", "tday:-1", "since:01-13", "next: Friday"]


def _check_resolve(expr: str, anchor: dt.date, lang: str, exchange: str | None) -> None:
    from newsdesk.facts.dates import resolve_when

    COUNTS["resolve_when"] += 1
    got = resolve_when(expr, anchor, lang, exchange)
    if got is not None:
        dt.date.fromisoformat(got)


resolve_args = (st.one_of(st.sampled_from(EXPRS), any_text), st.dates(), st.sampled_from(["en", "zh"]),
                st.sampled_from([None, "XHKG"]))


@fast(300)
@given(*resolve_args)
def test_resolve_when_never_raises(expr, anchor, lang, exchange):
    _check_resolve(expr, anchor, lang, exchange)


@pytest.mark.slow
@slow(5000)
@given(*resolve_args)
def test_resolve_when_never_raises_slow(expr, anchor, lang, exchange):
    _check_resolve(expr, anchor, lang, exchange)


# ----------------------------------------------------------------------------------------------- numbers
def _check_number_roundtrip(x: float, style: int, neg: bool) -> None:
    from newsdesk.facts.numbers import parse_number

    COUNTS["parse_number"] += 1
    sign = "-" if neg else ""
    v = -x if neg else x
    cases = [
        (f"{sign}{x:,.2f}", round(v, 2)), (f"{sign}{x:.2f}", round(v, 2)), (f"{sign}{x:,.0f}", round(v)),
        (f"{sign}{x:,.4f}", round(v, 4)), (f"{sign}${x:,.2f}", round(v, 2)), (f"{sign}HK${x:,.2f}", round(v, 2)),
        (f"{sign}US$ {x:,.2f}", round(v, 2)), (f"{sign}￥{x:,.2f}", round(v, 2)),
        (f"{sign}{x:.1f}%", round(v, 1)),
        (f"{sign}{x / 1e9:.2f} billion", round(v / 1e9, 2) * 1e9), (f"{sign}{x / 1e6:.3f}mn", round(v / 1e6, 3) * 1e6),
        (f"{sign}{x / 1e4:.2f}万", round(v / 1e4, 2) * 1e4), (f"{sign}{x / 1e8:.2f}亿", round(v / 1e8, 2) * 1e8),
        (f"{sign}{x:,.2f}".translate(str.maketrans("0123456789", "０１２３４５６７８９")), round(v, 2)),
    ]
    s, want = cases[style % len(cases)]
    got = parse_number(s)
    assert got is not None, s
    assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9), (s, got, want)


number_args = (st.floats(0, 1e13, allow_nan=False, allow_infinity=False), st.integers(0, 100), st.booleans())


@fast(400)
@given(*number_args)
def test_parse_number_roundtrips_formatted_numbers(x, style, neg):
    _check_number_roundtrip(x, style, neg)


@pytest.mark.slow
@slow(8000)
@given(*number_args)
def test_parse_number_roundtrips_slow(x, style, neg):
    _check_number_roundtrip(x, style, neg)


def _check_number_any(s: str) -> None:
    from newsdesk.facts.numbers import parse_number

    COUNTS["parse_number_any"] += 1
    got = parse_number(s)
    assert got is None or (isinstance(got, float) and not math.isnan(got)), (s, got)


@fast(300)
@given(st.one_of(any_text, st.text("0123456789,.万亿千百十一二三四五点kmbn -+$%", max_size=30)))
def test_parse_number_never_raises(s):
    _check_number_any(s)


@pytest.mark.slow
@slow(5000)
@given(st.one_of(any_text, st.text("0123456789,.万亿千百十一二三四五点kmbn -+$%", max_size=30)))
def test_parse_number_never_raises_slow(s):
    _check_number_any(s)

