"""A hostile corpus, written by the test: the run finishes, every input is listed, every good article
comes out, and every failure has a stable code and a hint."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

import newsdesk.api as api

GOOD_EN = ("<p>Shares of the harbour operator rose 4.2% on Tuesday after it reported record cargo volumes for "
           "the first quarter, helped by a rebound in exports to Southeast Asia and Europe.</p>"
           "<p>The company said revenue climbed 11% to 3.4 billion dollars, while profit rose 9% from a year "
           "earlier. Analysts said the results were better than expected and raised their targets.</p>"
           "<p>Trading volume in the stock was twice its daily average, exchange data showed, as funds "
           "that had sold the shares last year returned to the market.</p>")
GOOD_ZH = ("<p>港口运营商股价周二上涨4.2%，此前公司公布第一季度货运量创纪录，对东南亚和欧洲的出口回升。</p>"
           "<p>公司表示，收入增长11%至34亿美元，利润同比增长9%。分析师表示业绩好于预期，并上调目标价。</p>"
           "<p>交易所数据显示，该股成交量是日均水平的两倍，去年卖出该股的基金重新入场。</p>")


def page(body: str, title: str = "Harbour operator shares rise on record cargo", charset: str | None = None,
         tag: int | None = None) -> str:
    """A page; `tag` adds a distinct closing line, so that the good pages are not byte-identical copies
    of each other (the reader rightly drops exact duplicates as 'empty')."""
    if tag is not None:
        body += f"<p>Desk reference {tag}.</p>" if body.isascii() else f"<p>编号{tag}。</p>"
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def warc_bytes(html: bytes, truncate: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    for i in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = html.replace(b"</article>", f"<p>Record {i}.</p></article>".encode())
        rec = w.create_warc_record(f"http://example.test/{i}", "response", payload=io.BytesIO(body),
                                   http_headers=headers)
        w.write_record(rec)
    data = buf.getvalue()
    return data[: len(data) - 300] if truncate else data


def build(tmp: Path) -> dict[str, str]:
    """Writes the corpus; returns {file name: expectation} with 'ok', 'empty' or an error code."""
    d = tmp / "hostile"
    d.mkdir()
    exp: dict[str, str] = {}

    def put(name: str, data: bytes, expect: str) -> None:
        (d / name).write_bytes(data)
        exp[name] = expect

    put("good.html", page(GOOD_EN, tag=1).encode(), "ok")
    put("empty.html", b"", "ND101")
    put("spaces.txt", b" \n\t\n   ", "ND101")
    put("image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "ND102")
    put("random.bin.txt", bytes((i * 7919) % 256 for i in range(5000)), "ND102")
    put("nul bytes.html", page(GOOD_EN, tag=2).encode().replace(b"<p>", b"<p>\x00", 1), "ok")
    put("utf16.html", b"\xff\xfe" + page(GOOD_EN, tag=3).encode("utf-16-le"), "ok")
    put("gb18030.html", page(GOOD_ZH, "港口运营商股价上涨", tag=4).encode("gb18030"), "ok")
    put("big5.html", page(GOOD_ZH.replace("运营商", "營運商"), "港口營運商股價上漲", tag=5).encode("big5", "replace"), "ok")
    put("wrong-charset.html", page(GOOD_ZH, "港口运营商股价上涨", charset="iso-8859-1", tag=6).encode("utf-8"), "ok")
    put("truncated.html", page(GOOD_EN, tag=7).encode()[:-60], "ok")
    put("huge.html", page(GOOD_EN + "<p>" + "padding " * 1_400_000 + "</p>").encode(), "ND103")
    put("deep.html", ("<div>" * 60000 + GOOD_EN + "</div>" * 60000).encode(), "ok")
    put("long line.txt", ("Headline about nothing\n\n" + "word " * 420_000).encode(), "any")
    put("broken.rss", b"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title><item><title>x", "ND105")
    good_line = json.dumps({"url": "http://example.test/j", "title": "Harbour operator shares rise",
                            "date": "2026-03-03", "html": page(GOOD_EN, tag=8)})
    put("records.jsonl", (good_line + "\n{broken\n" + good_line.replace("/j", "/k").replace("reference 8", "reference 9") + "\n").encode(), "records")
    put("crawl.warc", warc_bytes(page(GOOD_EN, tag=10).encode(), truncate=False), "records")
    put("cut.warc", warc_bytes(page(GOOD_EN, tag=11).encode(), truncate=True), "records")
    put("名字 with spaces.html", page(GOOD_EN, "港口 operator", tag=12).encode(), "ok")
    put("gzipped.html.gz", gzip.compress(page(GOOD_EN, tag=13).encode()), "ok")
    put("bad.html.gz", b"\x1f\x8b\x08\x00garbage", "ND105")
    return exp


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    exp = build(tmp)
    res = api.run([str(tmp / "hostile")], config={"limits": {"max_document_bytes": 10_000_000,
                                                              "document_seconds": 20.0}})
    return exp, res.storymap


def test_every_input_is_listed_with_a_stable_outcome(hostile):
    exp, sm = hostile
    by_file: dict[str, list] = {}
    for doc in sm.documents:
        by_file.setdefault(Path(doc.path.split("#")[0]).name, []).append(doc)
    assert set(by_file) == set(exp), set(exp) ^ set(by_file)
    for name, want in exp.items():
        docs = by_file[name]
        if want == "ok":
            assert [d.status for d in docs] == ["ok"], (name, [(d.status, d.error, d.drop_reason) for d in docs])
        elif want.startswith("ND"):
            assert any(d.status == "error" and d.error.code == want and d.error.hint for d in docs), \
                (name, [(d.status, d.error) for d in docs])
        for d in docs:
            if d.status == "error":
                assert d.error.code.startswith("ND") and d.error.code != "ND500", (name, d.error)


def test_records_good_ones_survive_bad_ones(hostile):
    exp, sm = hostile
    docs = [d for d in sm.documents if "records.jsonl" in d.path]
    assert [d.status for d in docs] == ["ok", "error", "ok"]
    warc = [d for d in sm.documents if "crawl.warc" in d.path]
    assert [d.status for d in warc] == ["ok", "ok"] and all(d.url for d in warc)
    cut = [d for d in sm.documents if "cut.warc" in d.path]
    assert cut[0].status == "ok" and any(d.status == "error" and d.error.code == "ND106" for d in cut)


def test_good_articles_come_out(hostile):
    exp, sm = hostile
    texts = {Path(a.path.split("#")[0]).name: a.text for a in sm.articles}
    for name in ("good.html", "nul bytes.html", "utf16.html", "truncated.html", "名字 with spaces.html",
                 "gzipped.html.gz", "records.jsonl", "crawl.warc", "deep.html"):
        assert "4.2%" in texts.get(name, ""), name
    for name in ("gb18030.html", "big5.html", "wrong-charset.html"):
        assert "4.2%" in texts.get(name, "") and ("港口" in texts[name]), (name, texts.get(name, "")[:80])


def test_a_crawls_redirects_error_pages_and_pdfs_are_empty_not_articles(tmp_path):
    """A WARC of a real crawl holds more than pages: a 301, a 404 page and a PDF are listed as empty documents
    with the HTTP reason (found by a probe in session 13: the 404 page became an article "Page not found", the
    redirect and the PDF were errors); a gzip-encoded 200 page is read."""
    import gzip

    import newsdesk.api as api
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (b"<html><head><title>Haier opens Mexico plant</title></head><body><article><h1>Haier opens Mexico plant"
            b"</h1><p>Haier Smart Home opened a refrigerator plant in Monterrey on Tuesday, its second in Mexico, as "
            b"the appliance maker expands production closer to U.S. customers.</p><p>The plant will make 1.5 million "
            b"units a year, the company said. It will hire 2,000 workers over the next two years.</p></article>"
            b"</body></html>")
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for url, status, headers, body in [
            ("https://n.example/haier", "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
             gzip.compress(page)),
            ("http://n.example/haier", "301 Moved Permanently", [("Location", "https://n.example/haier")], b""),
            ("https://n.example/missing", "404 Not Found", [("Content-Type", "text/html")],
             b"<html><body><h1>Page not found</h1><p>Sorry, the page you requested could not be found.</p></body></html>"),
            ("https://n.example/r.pdf", "200 OK", [("Content-Type", "application/pdf")], b"%PDF-1.4 \x00\x01\x02")]:
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                            http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1")))
    (tmp_path / "crawl.warc.gz").write_bytes(buf.getvalue())
    sm = api.run([str(tmp_path)]).storymap
    assert [(d.status, d.drop_reason) for d in sm.documents] == [
        ("ok", None), ("empty", "HTTP 301 redirect to https://n.example/haier"), ("empty", "HTTP 404"),
        ("empty", "not a page (application/pdf)")]
    assert [a.title for a in sm.articles] == ["Haier opens Mexico plant"]
