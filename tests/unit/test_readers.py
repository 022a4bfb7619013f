import gzip
import json

import pytest

from newsdesk.config import load_config
from newsdesk.ingest.readers import expand_inputs, read_path

CFG = load_config()
PAGE = "<html><head><title>T</title></head><body><p>" + "Shares rose sharply today. " * 20 + "</p></body></html>"


def docs(path):
    return list(read_path(path, CFG))


def test_html_text_and_misnamed_files(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("A plain page.\n\nWith two paragraphs.", encoding="utf-8")
    (tmp_path / "c.txt").write_text(PAGE, encoding="utf-8")  # an HTML page saved as .txt
    assert docs(tmp_path / "a.html")[0].kind == "html"
    assert docs(tmp_path / "b.txt")[0].kind == "text"
    assert docs(tmp_path / "c.txt")[0].kind == "html"


@pytest.mark.parametrize("content,code", [(b"", "ND101"), (b"   \n\t ", "ND101"),
                                          (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "ND102")])
def test_bad_files_become_error_documents(tmp_path, content, code):
    p = tmp_path / "bad.html"
    p.write_bytes(content)
    [d] = docs(p)
    assert d.status == "error" and d.error.code == code and d.error.hint


def test_missing_file_and_size_cap(tmp_path):
    [d] = docs(tmp_path / "nope.html")
    assert d.status == "error" and d.error.code == "ND107"
    big = tmp_path / "big.html"
    big.write_bytes(b"a" * 200)
    [d] = list(read_path(big, load_config(overrides={"limits": {"max_document_bytes": 100}})))
    assert d.error.code == "ND103"


def test_jsonl_bad_lines_between_good_ones(tmp_path):
    p = tmp_path / "feed.jsonl"
    good = json.dumps({"url": "http://x/1", "title": "One", "date": "2026-03-01", "text": "Body one. " * 30})
    p.write_text(good + "\n{not json\n" + json.dumps([1, 2]) + "\n\n" + good.replace("One", "Two") + "\n")
    out = docs(p)
    assert [d.status for d in out] == ["ok", "error", "error", "ok"]
    assert out[1].error.code == "ND105" and "#L2" in out[1].path
    assert out[0].meta["title"] == "One" and out[0].url == "http://x/1"


def test_rss_items_are_documents_and_broken_feed_is_an_error(tmp_path):
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
           "<item><title>A</title><link>http://x/a</link><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate>"
           "<description>" + "Stocks rose. " * 30 + "</description></item>"
           "<item><title>B</title><link>http://x/b</link><description>" + "Bonds fell. " * 30 +
           "</description></item></channel></rss>")
    p = tmp_path / "f.rss"
    p.write_text(rss)
    out = docs(p)
    assert len(out) == 2 and all(d.status == "ok" for d in out)
    assert out[0].meta["published"].startswith("2026-03-03") and out[0].meta["publisher"] == "Wire"
    bad = tmp_path / "broken.xml"
    bad.write_text("<?xml version='1.0'?><rss><channel><item><title>x</ti")
    out = docs(bad)
    assert any(d.status == "error" and d.error.code == "ND105" and "malformed" in d.error.message for d in out)


def test_gzip_page_and_directory_expansion(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    found = expand_inputs([str(tmp_path)])
    assert [p.name for p in found] == ["p.html.gz"]
    assert docs(found[0])[0].kind == "html"


def test_gzipped_jsonl_streams_and_a_cut_shard_keeps_what_came_before(tmp_path):
    recs = [{"url": f"https://example.com/{i}", "html": PAGE.replace("T", f"Title {i}")} for i in range(40)]
    blob = gzip.compress("".join(json.dumps(r) + "\n" for r in recs).encode("utf-8"))
    whole = tmp_path / "shard.jsonl.gz"
    whole.write_bytes(blob)
    got = docs(whole)
    assert [d.status for d in got] == ["ok"] * 40 and got[7].url == "https://example.com/7"
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(blob[: len(blob) // 2])
    got = docs(cut)
    assert got[-1].status == "error" and got[-1].error.code and got[-1].error.hint
    assert "compressed stream" in got[-1].error.message and got[-1].path.startswith(str(cut) + "#")
    assert all(d.status == "ok" for d in got[:-1])


def test_jsonl_line_in_another_encoding_is_decoded_alone(tmp_path):
    good = json.dumps({"text": "Caf\u00e9 prices rose. " * 20}, ensure_ascii=False)
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(good.encode("utf-8") + b"\n" + good.encode("latin-1") + b"\n")
    got = docs(p)
    assert [d.status for d in got] == ["ok", "ok"]
    assert "Café" in got[0].text and "Café" in got[1].text


@pytest.mark.parametrize("title, publisher", [
    ("維港財經 即時新聞", "維港財經"), ("Example Wire: Latest News", "Example Wire"), ("Reuters: Business News", "Reuters"),
    ("Example Wire | Top Stories", "Example Wire"), ("Example Wire RSS Feed", "Example Wire"), ("财经快线 要闻", "财经快线"),
    ("Hacker News", "Hacker News"), ("Sky News", "Sky News"), ("澎湃新闻", "澎湃新闻"), ("Yahoo Finance", "Yahoo Finance"),
    ("Harbour Wire - Markets", "Harbour Wire"), ("Example Wire | Business", "Example Wire"), ("示例财经 港股", "示例财经"),
])
def test_a_feed_title_names_its_publisher_without_the_section(title, publisher):
    from newsdesk.ingest.feeds import feed_publisher
    assert feed_publisher(title) == publisher


def test_a_feed_items_credit_is_cleaned_as_a_byline(tmp_path):
    """dc:creator "By Jane Doe, Harbour Wire" is the author Jane Doe (the outlet is no author)."""
    from newsdesk import api
    feed = tmp_path / "f.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<title>Harbour Wire - Markets</title><item><title>Brent climbs as supply tightens</title>"
        "<dc:creator>By Jane Doe, Harbour Wire</dc:creator><pubDate>Thu, 05 Mar 2026 09:00:00 GMT</pubDate>"
        "<description>Brent crude rose 2% to $84.10 a barrel on Thursday after producers signalled deeper "
        "output cuts, traders said.</description></item></channel></rss>", "utf-8")
    sm = api.run([str(feed)], output=tmp_path / "sm.json").storymap
    assert [(a.authors, a.publisher) for a in sm.articles] == [(["Jane Doe"], "Harbour Wire")]
