"""A page that dates itself "3 hours ago" is dated when the crawl says when it fetched the page (a WARC record's
WARC-Date, a JSON record's download date), and not when nothing does."""
import io
import json
from pathlib import Path

from newsdesk import api

BODY = "".join(f"<p>Acme Corp reported quarterly revenue of ${i + 1}.2 billion on its {w} line, beating analyst "
               f"estimates as demand for its services grew across every region it serves, the company said.</p>"
               for i, w in enumerate(["cloud", "storage", "network", "software", "services"]))


def page(title: str, when: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | Markets | Tech</nav><article>"
            f"<h1>{title}</h1><p class='byline'>By Jane Doe</p><span class='time'>{when}</span>{BODY}"
            f"</article></body></html>").replace("Acme", title.split()[0])


def warc(path: Path, pages: list[str], fetched: str) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i, html in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://n.example/{i}", "response", payload=io.BytesIO(html.encode()),
                                            http_headers=headers, warc_headers_dict={"WARC-Date": fetched}))
    path.write_bytes(buf.getvalue())


def dates(sm) -> dict[str, tuple]:
    return {a.title: (a.published, a.published_basis) for a in sm.articles}


def test_warc_pages_dated_from_their_fetch_time(tmp_path):
    warc(tmp_path / "crawl.warc.gz", [page("Acme shares jump", "3 hours ago"), page("Bolt shares slide", "Apr 12")],
         "2025-06-03T15:00:00Z")
    got = dates(api.run([str(tmp_path / "crawl.warc.gz")]).storymap)
    assert got == {"Acme shares jump": ("2025-06-03T12:00:00Z", "inferred"), "Bolt shares slide": ("2025-04-12", "inferred")}


def test_an_update_time_is_not_the_publication(tmp_path):
    warc(tmp_path / "crawl.warc.gz", [page("Colt shares rise", "Updated 2 hours ago")], "2025-06-03T15:00:00Z")
    assert dates(api.run([str(tmp_path / "crawl.warc.gz")]).storymap) == {"Colt shares rise": (None, None)}


def test_the_same_page_as_a_file_stays_undated(tmp_path):
    (tmp_path / "acme.html").write_text(page("Acme shares jump", "3 hours ago"), encoding="utf-8")
    assert dates(api.run([str(tmp_path)]).storymap) == {"Acme shares jump": (None, None)}


def test_json_records_with_a_download_date(tmp_path):
    text = "\n\n".join(p[3:-4] for p in BODY.split("</p>") if p)
    recs = [{"url": "https://n.example/a", "title": "Acme shares jump", "html": page("Acme shares jump", "2 hours ago"),
             "date_download": "2025-06-03 15:00:00"},
            {"url": "https://n.example/b", "title": "Dart shares dip", "date_download": "2025-06-03T15:00:00Z",
             "text": "Dart shares dip\n\n昨天\n\n" + text.replace("Acme", "Dart")}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    got = dates(api.run([str(tmp_path / "feed.jsonl")]).storymap)
    assert got == {"Acme shares jump": ("2025-06-03T13:00:00Z", "inferred"), "Dart shares dip": ("2025-06-02", "inferred")}


def test_a_fetch_dated_article_is_placed_in_time(tmp_path):
    """Two copies of one template fetched together but dated two months apart are two stories, not one."""
    warc(tmp_path / "crawl.warc.gz", [page("Acme shares jump", "3 hours ago"), page("Acme shares jump", "Apr 2")],
         "2025-06-03T15:00:00Z")
    sm = api.run([str(tmp_path / "crawl.warc.gz")]).storymap
    assert sorted(a.published for a in sm.articles) == ["2025-04-02", "2025-06-03T12:00:00Z"]
    assert len({a.story for a in sm.articles}) == 2


def test_a_chinese_page_dated_3_hours_ago_with_its_source_beside_the_headline(tmp_path):
    paras = "".join(f"<p>比亚迪公告称，{m}月新能源汽车销量同比增长{m + 10}%，海外销量占比升至约两成，创单月新高，公司股价随后上涨。</p>"
                    for m in range(1, 6))
    html = ("<html><head><meta charset='utf-8'><title>比亚迪5月销量同比增长18%_港股快讯</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> <a href='/hk'>港股</a></div><h1>比亚迪5月销量同比增长18%</h1>"
            "<div class='info'><span>来源：港股快讯</span> <span>3小时前</span> <span>作者：林思远</span></div>"
            f"{paras}<div class='footer'>版权所有 © 2026</div></body></html>")
    warc(tmp_path / "zh.warc.gz", [html], "2026-06-02T04:00:00Z")
    [a] = api.run([str(tmp_path / "zh.warc.gz")]).storymap.articles
    assert (a.published, a.published_basis, a.publisher, a.authors) == (
        "2026-06-02T01:00:00Z", "inferred", "港股快讯", ["林思远"])
    assert "3小时前" not in a.text and "来源" not in a.text
