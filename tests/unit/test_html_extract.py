"""Tests for newsdesk.clean.html: body, title, authors, publisher, date and empty pages."""
from __future__ import annotations

import pytest

from newsdesk.clean.html import HtmlExtract, clean_body_lines, extract_html, extract_html_file, wire_attribution
from newsdesk.clean.html_meta import chinese_byline, clean_authors, strip_site_suffix

PARAS = [
    "Shares of regional lenders climbed on Tuesday after the central bank signalled that it would keep "
    "its benchmark rate unchanged for the rest of the quarter, easing worries about funding costs.",
    "Analysts at several brokerages said the decision removed a key source of uncertainty for banks whose "
    "deposit bases had shrunk over the past year as savers moved cash into money market funds.",
    "The sector index gained 2.4 percent by midday, its best session in six weeks, while the broader "
    "market rose 0.8 percent on volumes slightly above the monthly average.",
    "Treasury yields slipped across the curve, with the two-year note falling five basis points as "
    "traders pared bets on another increase before the end of the year.",
]


def page(*, title: str = "Regional banks rally as rate fears ease | The Ledger Post",
         h1: str = "Regional banks rally as rate fears ease", head: str = "", byline: str = "",
         first_para_prefix: str = "", extra_body: str = "", paras: list[str] | None = None) -> str:
    ps = list(paras if paras is not None else PARAS)
    if ps and first_para_prefix:
        ps[0] = first_para_prefix + ps[0]
    body = "".join(f"<p>{p}</p>" for p in ps)
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="The Ledger Post">{head}</head>
<body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<main><article><h1>{h1}</h1>{byline}{body}</article></main>{extra_body}
<footer><p>© 2019 The Ledger Post. All rights reserved.</p></footer></body></html>"""


def test_body_and_title_suffix_stripped() -> None:
    e = extract_html(page(), url="https://ledger.example/markets/banks-rally")
    assert isinstance(e, HtmlExtract)
    assert e.title == "Regional banks rally as rate fears ease"
    assert "benchmark rate unchanged" in e.text
    assert "\n\n" in e.text  # paragraphs separated by a blank line
    assert "All rights reserved" not in e.text
    assert e.language == "en"
    assert e.publisher == "The Ledger Post" and e.empty_reason is None


@pytest.mark.parametrize("raw,expected", [
    ("Bond traders brace for supply - The Ledger Post", "Bond traders brace for supply"),
    ("The Ledger Post | Bond traders brace for supply", "Bond traders brace for supply"),
    ("Bond traders brace for supply | Markets | Ledger", "Bond traders brace for supply"),
    ("Oil - the quiet winner of the week", "Oil - the quiet winner of the week"),
])
def test_strip_site_suffix(raw: str, expected: str) -> None:
    assert strip_site_suffix(raw, ["The Ledger Post", "ledger"]) == expected


def test_title_prefers_h1_when_title_tag_differs() -> None:
    e = extract_html(page(title="Bank stocks jump | The Ledger Post"))
    assert e.title == "Regional banks rally as rate fears ease"


@pytest.mark.parametrize("raw,expected", [
    (["By Jane Doe, Senior Markets Editor"], ["Jane Doe"]),
    (["By Carl Ortega and Mina Patel"], ["Carl Ortega", "Mina Patel"]),
    (["Written by: Lena Fischer | Updated March 3, 2024"], ["Lena Fischer"]),
    (["Priya Raman, CFA"], ["Priya Raman, CFA"]),
    (["Staff"], []),
    (["newsdesk@ledger.example"], []),
    (["Tom Hale; Tom Hale"], ["Tom Hale"]),
    (["Byron Castillo"], ["Byron Castillo"]),
    (["Aboubakar Diallo"], ["Aboubakar Diallo"]),
    (["JD Jane Doe"], ["Jane Doe"]),
    (["Nora May"], ["Nora May"]),
    (["Ledgerpost Staff Writer"], []),
    (["Senior Staff Writer"], []),
    (["作者：文涛"], ["文涛"]),
])
def test_clean_authors(raw: list[str], expected: list[str]) -> None:
    assert clean_authors(raw) == expected


def test_site_name_dropped_from_authors_when_people_named() -> None:
    assert clean_authors(["Jane Doe", "The Ledger Post"], site_names=["The Ledger Post"]) == ["Jane Doe"]


def test_byline_in_page() -> None:
    e = extract_html(page(byline='<p class="byline">By <a href="/people/jane-doe">Jane Doe</a>, Staff Writer</p>'))
    assert e.authors == ["Jane Doe"]
    assert "Jane Doe" not in e.text.split("\n\n")[0]


def test_jsonld_metadata() -> None:
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
          '"headline":"Regional banks rally as rate fears ease","datePublished":"2024-05-14T09:30:00Z",'
          '"author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Omar Said"}],'
          '"publisher":{"@type":"Organization","name":"The Ledger Post"}}</script>')
    e = extract_html(page(head=ld))
    assert e.authors == ["Jane Doe", "Omar Said"]
    assert e.published and e.published.startswith("2024-05-14")
    assert e.published_basis == "explicit"


def test_reuters_dateline_sets_publisher() -> None:
    e = extract_html(page(first_para_prefix="FRANKFURT (Reuters) - "))
    assert e.publisher == "Reuters"
    assert e.site_name == "The Ledger Post"
    assert e.source_attribution == "Reuters"


@pytest.mark.parametrize("text,expected", [
    ("(Bloomberg) -- Copper fell for a third day.", "Bloomberg"),
    ("NEW YORK, May 3 (Reuters) - Stocks rose.", "Reuters"),
    ("Stocks rose.\n\nThis story originally appeared on Example Money Daily.", "Example Money Daily"),
    ("Stocks rose on Monday (a holiday elsewhere) - and bonds fell.", None),
    ("新华社北京3月10日电 恒生指数周二收市下跌1.2%。", "新华社"), ("【本报讯】恒生指数周二收市下跌1.2%。", None),
])
def test_wire_attribution(text: str, expected: str | None) -> None:
    assert wire_attribution(text) == expected


def test_related_list_and_copyright_dates_not_taken() -> None:
    related = """<aside class="related-stories"><h3>Related</h3><ul>
<li><a href="/a">Lenders cut jobs</a> <time datetime="2021-02-03">Feb 3, 2021</time></li>
<li><a href="/b">Funds pile into bonds</a> <span>3 hours ago</span></li></ul></aside>
<div class="cookie-banner">We use cookies. Policy updated January 5, 2022.</div>"""
    e = extract_html(page(extra_body=related), url="https://ledger.example/markets/banks-rally")
    assert e.published is None
    assert "Lenders cut jobs" not in e.text


def test_time_element_in_article_is_taken() -> None:
    e = extract_html(page(byline='<p>By Jane Doe <time datetime="2024-03-08T07:00:00Z">March 8, 2024</time></p>'))
    assert e.published and e.published.startswith("2024-03-08")


def test_script_only_page_is_empty() -> None:
    html = "<html><head><script>window.__APP__={}</script></head><body><div id='root'></div><script src='/app.js'></script></body></html>"
    e = extract_html(html)
    assert e.text == ""
    assert e.empty_reason


def test_login_wall_is_empty_with_reason() -> None:
    html = page(h1="Members only", paras=[],
                extra_body="<div class='wall'><p>Subscribe to continue reading.</p><p>Already a subscriber? "
                           "<a href='/login'>Log in</a> to keep reading.</p></div>")
    e = extract_html(html)
    assert e.text == ""
    assert e.empty_reason == "login wall"


def test_empty_input() -> None:
    e = extract_html("")
    assert e.text == "" and e.empty_reason == "empty page"


def test_clean_body_lines_drops_boilerplate() -> None:
    text = "\n".join(["Regional banks rally", "Advertisement", PARAS[0], "Share on Facebook",
                      "Sign up for our Morning Markets newsletter", PARAS[1], "Read more"])
    out = clean_body_lines(text, title="Regional banks rally")
    assert out.split("\n\n") == [PARAS[0], PARAS[1]]


def test_a_blog_feeds_footer_line_leaves_the_body() -> None:
    text = "\n".join([PARAS[0], PARAS[1], "The post Regional banks rally appeared first on Example Wire."])
    assert clean_body_lines(text).split("\n\n") == [PARAS[0], PARAS[1]]


def test_clean_body_lines_drops_relative_time_lines_at_the_edges() -> None:
    """'3 hours ago' or 'Apr 12' under the headline is a time line, not the lede; a sentence saying 'yesterday'
    stays, and so does a time line between paragraphs (it may be a live blog's entry)."""
    text = "\n".join(["3 hours ago", PARAS[0], "Updated yesterday", PARAS[1], "Shares fell yesterday.", "Apr 12"])
    assert clean_body_lines(text).split("\n\n") == [PARAS[0], PARAS[1], "Shares fell yesterday."]
    many = [PARAS[0]] * 9 + ["2 hours ago"] + [PARAS[1]] * 5
    assert "2 hours ago" in clean_body_lines("\n".join(many)).split("\n\n")


def test_chinese_byline() -> None:
    assert chinese_byline("本报记者 林海 周明 报道 昨日股市上涨") == ["林海", "周明"]
    assert chinese_byline("（责任编辑：郑安）") == ["郑安"]
    assert chinese_byline("文化程度较高的投资者") == []
    assert chinese_byline("作者：甘霖 来源：示例网") == ["甘霖"]
    assert chinese_byline("正文很长。本贴由云游客于2006年3月2日10:01在论坛发表") == ["云游客"]
    assert chinese_byline("该项目由公司于2020年启动") == []


def test_extract_html_file_decodes_gbk(tmp_path) -> None:
    body = "".join(f"<p>{p}</p>" for p in [
        "沪深两市周二小幅高开，银行板块全天表现活跃，成交量较前一交易日有所放大，市场情绪明显回暖。",
        "分析人士认为，央行维持利率不变的决定缓解了市场对资金成本的担忧，短期内银行股有望继续走强。",
        "截至收盘，上证指数上涨百分之零点八，深证成指上涨百分之一点二，创业板指数小幅收涨。"])
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"<title>银行股走强 - 示例财经</title></head><body><h1>银行股走强</h1>{body}</body></html>")
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("gb18030"))
    d = extract_html_file(p)
    assert "央行维持利率不变" in d["text"]
    assert d["title"] == "银行股走强"


def test_malformed_markup_does_not_raise() -> None:
    for html in ("<html><body><p>unclosed <b>bold", "<?xml version='1.0'?><rss></rss>", "\x00\x01<p>x</p>",
                 "plain text without any tags at all", "<html><head><title>T</title></head></html>"):
        e = extract_html(html)
        assert isinstance(e.text, str)
        assert (e.text == "") == (e.empty_reason is not None)


def test_author_link_list_and_page_level_classes() -> None:
    html = page(byline='<div class="post-authors"><a href="/authors/ana-ruiz">Ana Ruiz</a>'
                       '<a href="/authors/li-wei">Li Wei</a></div>').replace("<body>", '<body class="has-comments menu-open">')
    e = extract_html(html)
    assert e.authors == ["Ana Ruiz", "Li Wei"]


def test_clean_body_lines_drops_inline_story_links_and_the_site_closing_lines() -> None:
    """A "Keep Reading: <headline>" line inside the body links out to another story, and the lines a content
    site closes every article with (an AI-production or not-investment-advice disclaimer, a promotion of a free
    report) are the site's; the same words inside a paragraph of the article stay."""
    text = ("Quantel shares rose 9.1% on Wednesday after results.\n"
            "Keep Reading: 5 Chip Stocks To Watch Before The Next Big Move\n"
            "Analysts said the results were not investment advice to anyone, but a signal worth reading.\n"
            "Read more: the company said demand stayed strong.\n"
            "The shares trade at 19 times forward earnings.\n"
            "This article was produced with the help of AI tools and reviewed by an editor. It is for informational "
            "purposes only and is not investment advice.\n"
            "🚀 This chip stock could be the next 10-bagger. Get the free report now!")
    out = clean_body_lines(text).split("\n\n")
    assert out == ["Quantel shares rose 9.1% on Wednesday after results.",
                   "Analysts said the results were not investment advice to anyone, but a signal worth reading.",
                   "Read more: the company said demand stayed strong.",
                   "The shares trade at 19 times forward earnings."]


def _next_page(body_html: str, title: str = "Lenovo profit beats forecasts", shell: str = "<nav>Home Markets Tech</nav>"
               "<div>Loading…</div>") -> str:
    import json as _json
    blob = _json.dumps({"props": {"pageProps": {"article": {"headline": title, "body": body_html}}}})
    return (f"<html><head><title>{title} | Example Finance</title></head><body><div id='__next'>{shell}</div>"
            f"<script id='__NEXT_DATA__' type='application/json'>{blob}</script></body></html>")


NEXT_PARAS = ("<p>Lenovo Group said quarterly net profit rose 11% to $512 million, beating the $480 million analysts had "
         "expected, as demand for AI servers picked up.</p><p>Revenue climbed 22% to $20.5 billion. The server "
         "business posted its first operating profit in five quarters.</p><p>Lenovo shares rose 4.3% in Hong Kong on "
         "Thursday.</p>")


def test_script_rendered_page_reads_the_story_from_its_json():
    """A page whose markup is a menu and "Loading…" keeps its story in a JSON blob (Next.js __NEXT_DATA__)."""
    e = extract_html(_next_page(NEXT_PARAS))
    assert e.text.splitlines()[0].startswith("Lenovo Group said quarterly net profit rose 11%")
    assert "Loading" not in e.text and "Home Markets" not in e.text and len([x for x in e.text.splitlines() if x]) == 3
    # a blob about something else (no word of the title) is not taken for the story
    assert "Lenovo Group" not in extract_html(_next_page(NEXT_PARAS, title="Cookie settings and your privacy")).text
    # an article in the markup stands; the blob is not read
    shell = "".join(f"<p>{p}</p>" for p in ("Markup paragraph one about the quarter. It has sentences.",
                                            "Markup paragraph two. More sentences here. And one more."))
    assert extract_html(_next_page(NEXT_PARAS, shell=f"<article>{shell}</article>")).text.startswith("Markup paragraph")


# the date sources of a page, one at a time (a probe written in session 13; all read but the line that labels
# both an update and the publication, which took the update)
BODY = ("<article><h1>Haier opens Mexico plant</h1>{sig}<p>Haier Smart Home opened a refrigerator plant in Monterrey, its second in Mexico, "
        "as the appliance maker expands production closer to U.S. customers.</p><p>The plant will make 1.5 million units a year, the "
        "company said. It will hire 2,000 workers over the next two years.</p></article>")
HTML_DATE_CASES = [
 ('<meta name="pubdate" content="2026-12-07 09:30:00">', '', '2026-12-07'),
 ('<meta name="publishdate" content="20261207">', '', '2026-12-07'),
 ('<meta property="og:release_date" content="2026-12-07T09:30:00+08:00">', '', '2026-12-07'),
 ('<meta name="parsely-pub-date" content="2026-12-07T01:30:00Z">', '', '2026-12-07'),
 ('<meta name="sailthru.date" content="2026-12-07 09:30:00">', '', '2026-12-07'),
 ('', '<time datetime="2026-12-07T09:30:00+08:00">Dec 7</time>', '2026-12-07'),
 ('', '<span itemprop="datePublished" content="2026-12-07T09:30:00+08:00">7 Dec</span>', '2026-12-07'),
 ('', '<abbr class="published" title="2026-12-07T09:30:00+08:00">Dec 7</abbr>', '2026-12-07'),
 ('', '<div class="info">发布时间：2026-12-07 09:30 来源：财经快线</div>', '2026-12-07'),
 ('', '<span class="date">2026年12月07日 09:30</span>', '2026-12-07'),
 ('', '<p class="byline">By Jane Roe | Updated Dec 9, 2026 | Published Dec 7, 2026</p>', '2026-12-07'),
 ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Haier opens Mexico plant","datePublished":"2026-12-07T09:30:00+08:00","dateModified":"2026-12-09T10:00:00+08:00"}</script>', '', '2026-12-07'),
 ('<meta property="article:published_time" content="2026-12-07T09:30:00+08:00"><meta property="article:modified_time" content="2026-12-09T09:30:00+08:00">', '', '2026-12-07'),
]


@pytest.mark.parametrize("head,sig,want", HTML_DATE_CASES)
def test_html_date_sources(head, sig, want):
    html = f"<html><head><title>Haier opens Mexico plant</title>{head}</head><body>{BODY.format(sig=sig)}</body></html>"
    got = extract_html(html).published
    assert (got or "")[:10] == want, got


def test_a_page_naming_no_site_in_its_markup_takes_its_title_or_byline_outlet() -> None:
    """No og:site_name, JSON-LD or application name: the <title>'s addition to the headline names the site,
    else the byline's outlet ("By Jane Doe, Example Wire"), and the outlet is no author."""
    def bare(title: str, byline: str) -> str:
        return page(title=title, byline=byline).replace('<meta property="og:site_name" content="The Ledger Post">', "")
    e = extract_html(bare("Regional banks rally as rate fears ease - Harbour Wire", ""))
    assert e.publisher == "Harbour Wire" and e.title == "Regional banks rally as rate fears ease"
    e = extract_html(bare("Regional banks rally as rate fears ease", '<p class="byline">By Jane Doe, Harbour Wire</p>'))
    assert (e.publisher, e.authors) == ("Harbour Wire", ["Jane Doe"])
    e = extract_html(bare("Regional banks rally as rate fears ease | Markets", ""))
    assert e.publisher is None


def test_a_standfirst_the_first_paragraph_repeats_and_continues_is_dropped() -> None:
    """"… said on Tuesday." over "… said on Tuesday, as higher funding costs squeezed its margins.": the text
    opened twice (session 19); a standfirst the paragraphs do not repeat stays."""
    stand = ("Lantern Bank will cut about 2,000 jobs, or 5% of its workforce, over the next two years after its "
             "first-half profit fell 18%, the lender said on Tuesday")
    lead = stand + ", as higher funding costs squeezed its margins."
    rest = "The bank, which employs about 40,000 people across Asia, said most cuts would come from back offices."
    assert clean_body_lines("\n".join([stand + ".", lead, rest])) == lead + "\n\n" + rest
    other = "Lantern Bank's first-half profit fell 18%, and it will shed 2,000 jobs to restore its margins in Asia."
    assert clean_body_lines("\n".join([other, lead, rest])) == "\n\n".join([other, lead, rest])


def test_a_line_an_ad_label_opens_is_no_text() -> None:
    """"【广告】开户即送港股实时行情，点击了解>>" closed a Chinese story's text (session 19)."""
    body = "恒生指数周二收报24851点，跌312点或1.2%。\n【广告】开户即送港股实时行情，点击了解>>\n科技股全线受压。"
    assert clean_body_lines(body) == "恒生指数周二收报24851点，跌312点或1.2%。\n\n科技股全线受压。"
    assert clean_body_lines("[Sponsored] Try our trading app today\nShares rose.") == "Shares rose."


def test_a_chinese_portal_page_drops_its_date_line_and_captions_and_names_its_wire() -> None:
    """A portal's "2024年04月16日 16:18示例财经" line above the text and a "资料图" caption were body text, and
    "示例财经讯 4月16日，…" named no outlet (session 20); a date alone below the text signs it and stays."""
    body = ("2024年04月16日 16:18示例财经\n示例财经讯 4月16日，港股三大指数集体收跌。恒生指数跌1.2%，报16248.97点。\n"
            "南向资金全天净买入62.3亿港元。\n资料图\n（图片来源：视觉中国）\n" + "".join(f"第{k}段正文。\n" for k in range(8))
            + "董事会\n2022年1月27日")
    out = clean_body_lines(body, title="港股收评").split("\n\n")
    assert out[:2] == ["示例财经讯 4月16日，港股三大指数集体收跌。恒生指数跌1.2%，报16248.97点。", "南向资金全天净买入62.3亿港元。"]
    assert out[2] == "第0段正文。" and out[-2:] == ["董事会", "2022年1月27日"]
    assert wire_attribution("示例财经讯 4月16日，港股三大指数集体收跌。") == "示例财经"
    assert wire_attribution("维港财经讯（记者 陈美玲）恒指周二收跌。") == "维港财经"
    assert wire_attribution("资讯 4月16日，恒指周二收跌。") is None
    assert wire_attribution("本报讯 4月16日，恒指周二收跌。") is None
