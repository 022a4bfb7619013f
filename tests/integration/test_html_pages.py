"""Five invented news pages in HTML (tests/data/html_pages: an <article> page with a figure, a newsletter box and
a related link; a page of divs with share links, tags and comments; key points, an ad and a disclaimer; a Chinese
portal page whose byline names the author above the story and the editor below it; a page with a table and an
author bio). Written as a probe in session 14 and scored once before any change: every paragraph kept and the
metadata right except the Chinese page, which took the editor for the author and kept "（责任编辑：X）" in the text."""
from __future__ import annotations

import json
from pathlib import Path

import newsdesk.api as api

DATA = Path(__file__).resolve().parent.parent / "data" / "html_pages"


def test_html_pages_body_metadata_and_no_furniture():
    gold = {g["name"]: g for g in map(json.loads, (DATA / "gold.jsonl").read_text("utf-8").splitlines())}
    sm = api.run([str(DATA / (name + ".html")) for name in gold]).storymap
    arts = {Path(a.path).stem: a for a in sm.articles}
    assert set(arts) == set(gold)
    for name, g in gold.items():
        a = arts[name]
        assert [p for p in g["body"] if p not in a.text] == [], name
        assert [x for x in g["furniture"] if x in a.text] == [], name
        assert (a.title, a.authors[:1], (a.published or "")[:10]) == (g["title"], [g["author"]], g["date"]), name


ZH_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>港股收评：恒指跌1.2%_港财网</title></head><body>
<div class="main"><h1>港股收评：恒指跌1.2% 科技股全线受压</h1>
<div class="info">2026-03-10 16:20:35　来源：港财网　作者：陈美玲</div>
<div class="content"><p>恒生指数周二收报24851点，跌312点或1.2%；国企指数跌1.5%，报8620点；恒生科技指数跌2.3%。大市成交额1560亿港元。</p>
<p>科技股全线受压，腾讯控股跌2.1%，收报408.2港元；美团跌3.8%；小米集团跌2.9%。分析人士表示，美债收益率上升令资金撤出成长股。</p>
</div></div></body></html>"""


def test_a_chinese_page_keeps_the_time_under_its_headline(tmp_path):
    """A page whose date reader finds the day only takes the time from the line under the headline (session 19)."""
    page = tmp_path / "zh.html"
    page.write_text(ZH_PAGE, encoding="utf-8")
    art = api.run([str(page)], output=tmp_path / "sm.json").storymap.articles[0]
    assert art.published == "2026-03-10T16:20:00" and art.publisher == "港财网" and art.authors == ["陈美玲"]
