"""Tests for newsdesk.clean.html_meta: author, date and title rules (synthetic snippets)."""
from __future__ import annotations

import pytest
from lxml import html as lh

from newsdesk.clean import html_meta as hm


def tree(body: str, head: str = "") -> object:
    return lh.document_fromstring(f"<html><head><title>T</title>{head}</head><body>{body}</body></html>")


def published(body: str, head: str = "", url: str | None = None) -> str | None:
    t = tree(body, head)
    return hm.find_published(t, hm.read_page_meta(t), url, use_htmldate=False)


# ------------------------------------------------------------------ authors
@pytest.mark.parametrize("raw,expected", [
    # a role after the name, then the employer: everything after the role goes
    (["Tomas Ridley, Senior Director, Content & Growth, Brightline Media and Northgate Labs"], ["Tomas Ridley"]),
    (["Ines Varga, Master Gardener & Horticulture Educator"], ["Ines Varga"]),
    # several 'Name, Role' pairs are cut one by one
    (["Ines Varga, Senior Editor, and Paulo Brandt, Staff Writer"], ["Ines Varga", "Paulo Brandt"]),
    # library/citation order
    (["Ridley, Tomas K."], ["Tomas K. Ridley"]),
    (["Ridley, PhD"], ["Ridley, PhD"]),
    # a credits list: other crafts are not authors, a writing label is dropped
    (["design: Mara Quill, code: Ben Otieno"], []),
    (["Words: Mara Quill"], ["Mara Quill"]),
    # surnames that are also job words are kept when they stand alone
    (["Dana Lead"], ["Dana Lead"]),
])
def test_clean_authors_new_rules(raw: list[str], expected: list[str]) -> None:
    assert hm.clean_authors(raw) == expected


def test_bem_author_class_is_a_byline() -> None:
    t = tree('<div class="hero-banner__author">By the Orchard Team</div><p>Text.</p>')
    assert hm.find_byline_authors(t) == ["the Orchard Team"]


def test_authors_label_followed_by_list_of_links() -> None:
    t = tree('<div class="meta"><h6>Author(s)</h6><ul><li><a href="/l?a=1">Ana K. Morrow</a></li>'
             '<li><a href="/l?a=2">Felix D. Brandt</a></li></ul></div><p>Body text here.</p>')
    assert hm.find_byline_authors(t) == ["Ana K. Morrow", "Felix D. Brandt"]


def test_author_label_followed_by_one_name() -> None:
    t = tree('<div><span>Author:</span><span>Rhea Calloway</span></div><p>Body.</p>')
    assert hm.find_byline_authors(t) == ["Rhea Calloway"]


def test_sentence_byline() -> None:
    t = tree("<article><p><em>This post was written by Omar Lindqvist, MD, a cardiologist at a regional clinic."
             "</em></p><p>Body.</p></article>")
    assert hm.find_byline_authors(t) == ["Omar Lindqvist, MD"]
    assert hm.find_byline_authors(tree("<p>This post was reviewed by our team.</p>")) == []


def test_chinese_author_label_in_an_element() -> None:
    t = tree("<div>来源:转载</div><div class='info'>作者： <a href='/u/1'>林小川</a><br>版主</div><p>正文。</p>"
             "<div class='author'>示例网编辑：某人</div>")
    assert hm.find_byline_authors(t) == ["林小川"]


def test_page_without_body_element_is_its_own_body() -> None:
    frag = lh.fromstring("<div><div class='x'>作者： 周南风</div><p>正文内容。</p></div>")
    assert hm.body_of(frag) is frag
    assert hm.find_byline_authors(frag) == ["周南风"]


def test_chinese_byline_portal_and_forum_forms() -> None:
    assert hm.chinese_byline("2004年7月16日08:19 [ 方明远 ] 来源：[ 示例日报 ]") == ["方明远"]
    assert hm.chinese_byline("原标题:【示例帖子】是青木在2005年8月12日16:10:13发表") == ["青木"]


# ------------------------------------------------------------------ dates
def test_modified_time_gives_way_to_published_time() -> None:
    body = ('<h1>Headline here</h1><div class="entry-meta"><time class="updated" itemprop="dateModified" '
            'datetime="2024-06-02T10:00:00Z">June 2, 2024</time><time class="entry-date published" '
            'datetime="2024-04-20T10:00:00Z">April 20, 2024</time></div><p>Body.</p>')
    assert published(body).startswith("2024-04-20")


def test_only_visible_date_is_taken_even_when_labelled_updated() -> None:
    body = ('<h1>Headline here</h1><span class="updated-on">Updated <time datetime="2024-06-02">June 2, 2024'
            '</time></span><p>Body.</p>')
    assert published(body) == "2024-06-02"


def test_labelled_update_in_text_gives_way_to_publication_line() -> None:
    body = "<h1>Headline here</h1><p>Last updated: June 2, 2024</p><p>Published March 3, 2024</p><p>Body.</p>"
    assert published(body) == "2024-03-03"


def test_kicker_date_above_headline() -> None:
    body = ('<div class="hero"><h5 class="eyebrow">January 23, 2025</h5><h1>Headline here</h1>'
            '<p>Body without any date at all, several words long.</p></div>')
    assert published(body) == "2025-01-23"


def test_labelled_date_anywhere_before_htmldate() -> None:
    body = "<div>栏目 首页</div><div>作者： 来源： 发布日期： 9/17/2004 5:54:13 AM</div><p>正文。</p>"
    assert published(body) == "2004-09-17"
    body = "<div>Site menu</div><p>Body text.</p><p>Posted on 5 March 2021 by the editors</p>"
    assert published(body) == "2021-03-05"


def test_labelled_date_stops_at_related_list() -> None:
    body = ("<p>Body text without a date.</p><h3>Related Articles</h3>"
            "<div><a href='/x'>Other story</a> Published on Mar 11, 2026</div>")
    assert hm.labelled_date(hm.body_of(tree(body))) is None
    assert published(body) is None  # nor is it the date near the top of the page


def test_chinese_posted_date() -> None:
    body = "<p>正文很长。</p><p>原标题:【示例】是青木在2005年8月12日16:10:13发表</p>"
    assert published(body) == "2005-08-12"


@pytest.mark.parametrize("s,expected", [
    ("9/17/2004", "2004-09-17"), ("17/9/2004", "2004-09-17"), ("3/4/2021", "2021-03-04"), ("13/13/2021", None),
])
def test_numeric_dates(s: str, expected: str | None) -> None:
    assert hm._any_date(s) == expected


# ------------------------------------------------------------------ title
def test_h1_with_line_break_gets_a_space() -> None:
    t = tree("<h1>Best Garden Tools<br>for Small Yards</h1>")
    assert hm.read_page_meta(t).h1 == ["Best Garden Tools for Small Yards"]


def test_label_prefix_on_h1_dropped_when_meta_title_lacks_it() -> None:
    head = '<meta property="og:title" content="Ten Ways to Cut Energy Bills in 2025 | Brightline">'
    t = tree("<h1>Blog: Ten Ways to Cut Energy Bills in 2025</h1>", head)
    pm = hm.read_page_meta(t)
    assert hm.choose_title(pm, ["Brightline"]) == "Ten Ways to Cut Energy Bills in 2025"
    # without a matching meta title the h1 stays as it is
    t = tree("<h1>Review: A Quiet Phone</h1>", '<meta property="og:title" content="Something else entirely">')
    assert hm.choose_title(hm.read_page_meta(t), []) == "Review: A Quiet Phone"


# ------------------------------------------------------------------ rules of the metadata pass (synthetic pages)
def _page(body: str, head: str = "", title: str = "T") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def test_domain_suffix_is_stripped_from_a_short_title() -> None:
    assert hm.strip_site_suffix("Spring Sale | Shopwise.com", []) == "Spring Sale"
    assert hm.strip_site_suffix("Lantern Guide | shopwise.co.uk", []) == "Lantern Guide"
    assert hm.strip_site_suffix("Big Day | Tonight", []) == "Big Day | Tonight"  # not a domain: kept


def test_article_footer_with_byline_class_is_not_noise() -> None:
    body = ('<article><h1>Harbour crane upgrade finished</h1><footer class="post__meta"><span>April 9, 2023</span>'
            '</footer><p>The port finished the work.</p></article><footer class="site-footer">May 1, 2024</footer>')
    assert published(body) == "2023-04-09"
    t = tree(body)
    assert hm.in_noise(t.xpath("//footer[@class='site-footer']")[0])


def test_earlier_visible_date_line_beats_later_meta_date() -> None:
    head = '<meta property="article:published_time" content="2024-06-01T10:00:00Z">'
    moved = '<h1>Lessons from a closed bakery</h1><span>Feb 3, 2015</span><p>We opened in spring.</p>'
    assert published(moved, head) == "2015-02-03"
    # a date inside a sentence of the first paragraph is history, not the post's date
    sentence = ('<h1>Lessons from a closed bakery</h1><p>On February 3, 2015, the city changed its rules for '
                'small bakeries and we had to move.</p>')
    assert published(sentence, head)[:10] == "2024-06-01"
    # a later visible date does not override the meta date
    later = '<h1>Lessons from a closed bakery</h1><span>Feb 3, 2025</span><p>We opened in spring.</p>'
    assert published(later, head)[:10] == "2024-06-01"


def test_chinese_page_is_recognised_by_its_text_when_the_title_is_short() -> None:
    from newsdesk.clean.html import extract_html
    paras = "".join(f"<p>这是第{i}段正文，讲述城市公园改造的过程和居民的看法，内容较长以便识别。</p>" for i in range(6))
    html = _page(f"<h1>公园改造记</h1><p>作者：林小溪</p>{paras}", title="小溪 | blog.example.net")
    assert extract_html(html).authors == ["林小溪"]


def test_chinese_name_line_under_the_headline() -> None:
    from newsdesk.clean.html import _top_lines_authors
    text = "河道治理的新思路\n\n周明远、陶欣\n\n" + "本文讨论河道治理中的生态修复方法，结合三个地区的实践经验进行比较分析，提出若干建议。" * 3
    assert _top_lines_authors(text) == ["周明远", "陶欣"]
    menu = "首页\n\n要闻\n\n评论\n\n" + "本文讨论河道治理中的生态修复方法，结合三个地区的实践经验进行比较分析，提出若干建议。" * 3
    assert _top_lines_authors(menu) == []


def test_brand_author_gives_way_to_a_person_byline() -> None:
    from newsdesk.clean.html import extract_html
    paras = "".join(f"<p>Paragraph {i} explains how the team rebuilt the old pier with new timber and steel.</p>"
                    for i in range(8))
    html = _page(f'<h1>Rebuilding the pier</h1><div class="byline">By Oren Castell, Staff Writer</div>{paras}',
                 head='<meta name="author" content="Pierworks">')
    assert extract_html(html).authors == ["Oren Castell"]
    # a person in the meta tags stays
    html2 = html.replace('content="Pierworks"', 'content="Lina Morrow"')
    assert extract_html(html2).authors == ["Lina Morrow"]


def test_byline_that_lists_the_structured_author_and_others() -> None:
    from newsdesk.clean.html import extract_html
    paras = "".join(f"<p>Paragraph {i} covers the survey of coastal birds over three winters.</p>" for i in range(8))
    html = _page(f'<h1>Coastal bird survey</h1><div class="author-list">Mara Quill, Tomas Ridley and Ines Varga</div>'
                 f'{paras}', head='<meta name="author" content="Mara Quill">')
    assert extract_html(html).authors == ["Mara Quill", "Tomas Ridley", "Ines Varga"]


def test_visible_text_of_a_page_without_body() -> None:
    from newsdesk.clean.html import _visible_text
    t = lh.fragment_fromstring("<div><p>作者：林小溪</p><p>正文。</p></div>")
    assert "林小溪" in _visible_text(t)


NOISY_PAGE = """<html><head><title>Harbour cranes</title></head><body>
<nav class="menu"><a href="/">Home</a> <span>March 3, 2011</span></nav>
<div class="sidebar"><p>Popular</p><article><p>Inside a box <b>kept</b></p></article>
  <ul class="related"><li>Old story <time datetime="2012-01-09">January 9, 2012</time></li></ul></div>
<main><h1>Harbour cranes idle</h1><p>Dock workers <i>stopped</i> the cranes on Monday.</p>tail text
<aside><p>Ad</p></aside><p>They asked for pay talks.</p></main>
<footer><p>Posted 2010-05-05</p></footer></body></html>"""


def test_iter_clean_matches_in_noise_in_one_pass():
    from newsdesk.clean.html import _load
    from newsdesk.clean.html_meta import body_of, in_noise, iter_clean
    body = body_of(_load(NOISY_PAGE))
    for strict in (True, False):
        want = [el for el in body.iter() if not in_noise(el, strict=strict)]
        assert list(iter_clean(body, strict=strict)) == want
    kept = {el.tag for el in iter_clean(body)}
    assert "b" in kept and "nav" not in kept and "footer" not in kept  # an <article> inside a sidebar is read


def test_htmldate_skips_noise_and_leaves_the_page_as_it_was():
    from lxml import etree

    from newsdesk.clean.html import _load
    from newsdesk.clean.html_meta import _htmldate
    tree = _load(NOISY_PAGE)
    before = etree.tostring(tree)
    assert _htmldate(tree, None, True) is None  # every date on the page sits in a menu, a list or a footer
    assert etree.tostring(tree) == before


# ------------------------------------------------------------------ title: meta title vs <h1>
def _title(body: str, head: str) -> str | None:
    t = tree(body, head)
    return hm.choose_title(hm.read_page_meta(t), ["Brightline"])


def test_meta_title_that_goes_on_after_the_h1_wins() -> None:
    head = '<meta property="og:title" content="Compost Bins: How to Choose One | Brightline">'
    assert _title("<h1>Compost bins</h1><p>Body.</p>", head) == "Compost Bins: How to Choose One"
    head = '<meta property="og:title" content="Guide to Rain Barrels (Buying and Setup)">'
    assert _title("<h1>The Guide to Rain Barrels</h1>", head) == "Guide to Rain Barrels (Buying and Setup)"


def test_meta_title_with_only_a_year_or_a_tagline_added_keeps_the_h1() -> None:
    head = '<meta property="og:title" content="Quiet Dishwashers for Small Kitchens in 2031">'
    assert _title("<h1>Quiet Dishwashers for Small Kitchens</h1>", head) == "Quiet Dishwashers for Small Kitchens"
    head = '<meta property="og:title" content="Quiet Dishwashers for Small Kitchens - Reviews You Trust">'
    assert _title("<h1>Quiet Dishwashers for Small Kitchens</h1>", head) == "Quiet Dishwashers for Small Kitchens"
    head = '<meta property="og:title" content="Is a Heat Pump Worth It? | Example Heating Co">'
    assert _title("<h1>Is a Heat Pump Worth It?</h1>", head) == "Is a Heat Pump Worth It?"


def test_capitals_only_h1_gives_way_to_the_meta_title() -> None:
    head = '<meta property="og:title" content="Best Kettles 2031: Tips From Tea Lovers">'
    assert _title("<h1>BEST KETTLES IN 2031: TIPS FROM TEA LOVERS</h1>", head) == "Best Kettles 2031: Tips From Tea Lovers"


def test_h1_with_damaged_characters_gives_way_to_the_meta_title() -> None:
    head = '<meta property="og:title" content="Starting Out: A Gardener\'s Notebook">'
    assert _title("<h1>Starting Out? A Gardener? Notebook</h1>", head) == "Starting Out: A Gardener's Notebook"


def test_meta_title_repeated_as_a_section_heading_wins_over_a_banner_h1() -> None:
    head = '<meta property="og:title" content="How Rooftop Gardens Cool a Building">'
    body = ("<h1>Greener roofs start here today</h1><h2>How Rooftop Gardens Cool a Building</h2>"
            "<p>Body text.</p><h2>Costs</h2>")
    assert _title(body, head) == "How Rooftop Gardens Cool a Building"


# ------------------------------------------------------------------ dates: cards and asides
def test_date_in_a_related_carousel_of_article_cards_is_not_taken() -> None:
    body = ('<article class="post"><h1>Main story</h1><p>Body without a date, several words.</p></article>'
            '<div class="related-posts"><ul><li><article class="card"><h3>Other</h3>'
            '<time datetime="2012-04-04">April 4, 2012</time></article></li></ul></div>')
    head = '<meta property="article:published_time" content="2024-06-01T10:00:00Z">'
    assert published(body, head) == "2024-06-01T10:00:00Z"


def test_time_in_an_aside_inside_the_article_is_read() -> None:
    body = ('<article><aside><time datetime="2019-02-03">February 3, 2019</time></aside>'
            '<h1>Post</h1><p>Body text without any date.</p></article><aside><p>Other things</p></aside>')
    assert published(body) == "2019-02-03"
    body = ('<article><h1>Post</h1><p>Body.</p><aside class="related"><time datetime="2011-01-01">x</time>'
            '</aside></article>')
    assert published(body) is None


def test_kicker_date_in_the_wrapper_before_the_headline() -> None:
    body = ('<div class="hero"><div class="meta-date"><div>October 9, 2024</div></div>'
            '<div class="title-wrap"><h1>Headline here</h1></div><p>Body without a date.</p></div>')
    assert published(body) == "2024-10-09"


# ------------------------------------------------------------------ authors: boxes, link lists, teams, handles
def test_author_box_with_a_name_element_gives_the_name_alone() -> None:
    t = tree('<div class="author-line"><span class="author-label">Written By:</span>'
             '<span class="author-name"><a href="/p/ines">Ines Varga</a></span>'
             '<span class="author-title">Beekeeper &amp; Potter</span></div><p>Body.</p>')
    assert hm.find_byline_authors(t) == ["Ines Varga"]


def test_author_page_links_side_by_side_are_all_authors() -> None:
    t = tree('<div class="row"><a href="/report/author/ana/">Ana Morrow</a><span>, </span>'
             '<a href="/report/author/felix/">Felix Brandt</a><span> &amp; </span>'
             '<a href="/report/author/kim/">Kim Lee</a></div><p>Body.</p>')
    assert hm.find_byline_authors(t) == ["Ana Morrow", "Felix Brandt", "Kim Lee"]
    # in a long paragraph of credits, only the first
    credits = "Thanks to many people who helped with this project over several years of work. " * 3
    t = tree(f'<p>{credits}<a href="/staff/ana-m">Ana Morrow</a>, <a href="/staff/felix-b">Felix Brandt</a></p>')
    assert hm.find_byline_authors(t) == ["Ana Morrow"]


def test_team_byline_gives_way_to_a_named_writer() -> None:
    t = tree("<p>By Orchard Team</p><p>Body text of the article.</p><p>Written by <a href=\"/u/pb\">Paulo Brandt</a></p>")
    assert hm.find_byline_authors(t) == ["Paulo Brandt"]
    assert hm.find_byline_authors(tree("<p>By Orchard Team</p><p>Body.</p>")) == ["Orchard Team"]


def test_lowercase_handle_byline_as_a_last_resort() -> None:
    assert hm.find_byline_authors(tree("<h1>Post</h1><p>by quillfox </p><p>Body text.</p>")) == ["quillfox"]
    assert hm.find_byline_authors(tree("<p>byproducts</p><p>Body text.</p>")) == []


# ------------------------------------------------------------------ authors: other credits, fallbacks, Chinese labels
@pytest.mark.parametrize("raw,expected", [
    # editors, reviewers and photographers credited after the writer are not authors
    (["Reporting by Ines Varga; Editing by Paulo Brandt"], ["Ines Varga"]),
    (["Reporting by Ines Varga and Kim Lee; Additional reporting by Tomas Ridley; Editing by Paulo Brandt"],
     ["Ines Varga", "Kim Lee", "Tomas Ridley"]),
    (["Story by Ines Varga • Photographs by Paulo Brandt"], ["Ines Varga"]),
    (["By Ines Varga, Photos by Paulo Brandt"], ["Ines Varga"]),
    (["Written by Ines Varga Reviewed by Paulo Brandt"], ["Ines Varga"]),
    (["Edited by Paulo Brandt"], ["Paulo Brandt"]),  # the only credit stays
    (["Photos by Paulo Brandt"], []),
    # a bio sentence, a bracketed note, the name twice, a template placeholder, a link text
    (["Ines Varga is a staff writer covering gardens and orchards"], ["Ines Varga"]),
    (["Ines Varga (Wire Service)"], ["Ines Varga"]),
    (["Ines Varga Ines Varga"], ["Ines Varga"]),
    (["undefined"], []),
    (["Learn more about our contributors"], []),
])
def test_clean_authors_other_credits(raw: list[str], expected: list[str]) -> None:
    assert hm.clean_authors(raw) == expected


def test_data_attribute_names_the_byline() -> None:
    t = tree('<h1>Post</h1><div><span data-tip="post-author-7">Rhea Calloway</span></div><p>Body.</p>')
    assert hm.find_byline_authors(t) == ["Rhea Calloway"]
    # a button to the author's posts is no byline
    t = tree('<h1>Post</h1><div data-testid="post-author_cta_link">Author Posts</div><p>Body.</p>')
    assert hm.find_byline_authors(t) == []


def test_topic_link_styled_as_author_is_not_the_author() -> None:
    t = tree('<h1>Post</h1><a id="author-modal" href="/blog/?content_topic=12">Garden Care</a>'
             '<p>Written by <a href="/u/ines">Ines Varga</a></p><p>Body.</p>')
    assert hm.find_byline_authors(t) == ["Ines Varga"]


def test_personal_site_owner_from_title_and_home_link() -> None:
    def page(title: str, body: str) -> object:
        return lh.document_fromstring(f"<html><head><title>{title}</title></head><body>{body}</body></html>")
    t = page("Notes on sourdough | Tomas Ridley", '<nav><a href="/">Tomas Ridley</a></nav><h1>Notes</h1><p>Body.</p>')
    assert hm.find_byline_authors(t) == ["Tomas Ridley"]
    # an organisation's name ('... Online', '... Office'): nobody
    t = page("Notes on sourdough | Bakery Online", '<nav><a href="/">Bakery Online</a></nav><h1>Notes</h1><p>Body.</p>')
    assert hm.find_byline_authors(t) == []
    # the name in the title without a home link carrying it: nobody
    assert hm.find_byline_authors(page("Notes on sourdough | Tomas Ridley", "<h1>Notes</h1><p>Body.</p>")) == []


def test_author_card_after_the_article() -> None:
    body = ('<h1>Post</h1><p>Body of the post.</p><hr/><p><img src="a.png" alt="Rhea Calloway"/></p>'
            '<p><strong>Rhea Calloway</strong> <em>Independent Technology Writer</em></p>'
            '<p>Rhea explores how software changes small farms.</p>')
    assert hm.find_byline_authors(tree(body)) == ["Rhea Calloway"]
    # a product picture with its name under it is no author card
    body = ('<h1>Post</h1><p><img src="k.png" alt="Quill Keyboard"/></p><h3>Quill Keyboard</h3>'
            '<p>A compact keyboard with a metal case.</p>')
    assert hm.find_byline_authors(tree(body)) == []
    # a customer quote with a portrait, a name and a role is no author card either
    body = ('<h1>Post</h1><p>Body of the post.</p><div class="testimonials"><div><img src="c.png" alt="Mara Quill"/>'
            '<p>Mara Quill</p><p>Operations Director, Example Farms</p></div></div>')
    assert hm.find_byline_authors(tree(body)) == []


def test_site_name_byline_gives_way_to_a_person() -> None:
    head = '<meta property="og:site_name" content="Loop Notes">'
    body = ('<header><h1><a rel="author" href="/">Loop Notes</a></h1></header><h2>Post</h2><p>Body.</p>'
            '<p><img src="a.png" alt="Rhea Calloway"/></p><p><strong>Rhea Calloway</strong></p>'
            '<p>Rhea is a writer based in Leeds.</p>')
    assert hm.find_byline_authors(tree(body, head)) == ["Rhea Calloway"]
    body = '<header><h1><a rel="author" href="/">Loop Notes</a></h1></header><h2>Post</h2><p>Body.</p>'
    assert hm.find_byline_authors(tree(body, head)) == ["Loop Notes"]


def test_reviewer_credit_in_a_byline_box_is_not_the_author() -> None:
    body = ('<h1>Post</h1><div class="byline"><div class="byline__author">Reviewed by '
            '<a class="byline__author-link" href="/p/pb">Paulo Brandt</a></div></div>'
            '<p>Body.</p><p>Written by <a href="/u/ines">Ines Varga</a></p>')
    assert hm.find_byline_authors(tree(body)) == ["Ines Varga"]


def test_software_credit_in_the_author_meta_tag_is_dropped() -> None:
    head = '<meta name="generator" content="Forumware X3.4"><meta name="author" content="Forumware Team and UI Team">'
    assert "author" not in hm.read_page_meta(tree("<p>x</p>", head)).meta
    head = '<meta name="generator" content="Forumware X3.4"><meta name="author" content="Ines Varga">'
    assert hm.read_page_meta(tree("<p>x</p>", head)).meta["author"] == "Ines Varga"


@pytest.mark.parametrize("text,expected", [
    ("本报记者 刘一 周二 通讯员 王三 方四 报道", ["刘一", "周二", "王三", "方四"]),
    ("本报讯（记者张三 通讯员李四）", ["张三", "李四"]),
    ("记者 张三 编辑 李四", ["张三"]),
    ("记者之家\t社会新闻\t体育\t娱乐", ["之家"]),  # a tab ends the byline: a menu is not a list of names
])
def test_chinese_byline_lists(text: str, expected: list[str]) -> None:
    assert hm.chinese_byline(text) == expected


def test_chinese_issuer_label_in_an_info_table() -> None:
    t = tree('<table><tr><td>发文机关：</td><td>某某省人民政府</td></tr><tr><td>成文日期：</td><td>2022年01月27日</td>'
             '</tr></table><h1>某某省人民政府关于某事的通告</h1><p>正文内容。</p>')
    assert hm.find_byline_authors(t) == ["某某省人民政府"]


def test_chinese_commentary_headline_with_the_signature_under_the_title() -> None:
    t = tree("<p><b>柳青：我看城市的春天</b></p><p>作者： 来源：</p><p>我看城市的春天</p><p>柳青</p>"
             "<p>正文第一段，城市的春天来得很早。</p>")
    assert hm.find_byline_authors(t) == ["柳青"]
    # a quote in a headline without the signature: nobody
    t = tree("<p><b>柳青：我看城市的春天</b></p><p>正文第一段，城市的春天来得很早。</p>")
    assert hm.find_byline_authors(t) == []


def test_chinese_blog_owner() -> None:
    t = tree('<div id="top"><h1><a href="http://blog.example.com/zq/">张青</a></h1></div>'
             '<h2>新年第一篇</h2><p>正文内容，欢迎大家来访。</p>')
    assert hm.find_byline_authors(t) == ["张青"]
    t = lh.document_fromstring("<html><head><title>周明的博客</title></head><body><h2>随笔</h2>"
                               "<p>正文内容，今天天气很好。</p></body></html>")
    assert hm.find_byline_authors(t) == ["周明"]
    # a headline that happens to be short is no owner: it is not a lone link
    t = tree("<h1>张家口</h1><p>正文内容，张家口的冬天很冷。</p>")
    assert hm.find_byline_authors(t) == []


def test_wordpress_default_author_link_names_the_author_latin_or_chinese():
    t = tree('<article><div class="meta"><a href="https://blog.example.org/?author=12">Lena Ostrova</a></div>'
             '<p>Body text of the post goes on here for a while.</p></article>')
    assert hm.find_byline_authors(t) == ["Lena Ostrova"]
    t = tree('<div><a href="http://blog.example.cn/?author=7">云中客</a></div>'
             '<div><a href="http://blog.example.cn/?pc=3&author=7">财经</a></div><p>正文内容在这里。</p>')
    assert hm.find_byline_authors(t) == ["云中客"]  # the archive links filtered by the author are not names


def test_chinese_intern_line_beside_the_reporters_line_is_one_byline():
    text = "标题\n\n本报实习生 刘一 周二\n\n本报记者 王三 方四\n\n正文从这里开始。"
    assert hm.chinese_byline(text) == ["刘一", "周二", "王三", "方四"]
    assert hm.chinese_byline("本报记者 王三 方四\n正文从这里开始。") == ["王三", "方四"]


def test_htmldate_fallback_parses_in_the_page_language() -> None:
    """htmldate's dateparser fallback tries the page's declared language and English only (every language it
    tries costs a parse of each string no language reads); a page that declares none is read in the language
    of its text, and gets them all only when that says nothing either. The parser is newsdesk's only during
    its own call: htmldate and trafilatura keep theirs for everyone else."""
    import htmldate.extractors as hx

    assert hm._parser_languages("en") == ("en",)
    assert hm._parser_languages("zh") == ("zh", "en")
    assert hm._parser_languages(None) == hm.DATEPARSER_LANGUAGES
    assert hm._parser_languages("sv") == hm.DATEPARSER_LANGUAGES
    german = ("Die Bundesbank hat am Dienstag ihre Prognose für das Wachstum der deutschen Wirtschaft "
              "gesenkt. Die Inflation werde im kommenden Jahr langsamer zurückgehen als bisher erwartet.")
    assert hm._parser_languages(None, german) == ("de", "en")
    assert hm._parser_languages("fr", german) == ("fr", "en")  # the page's own declaration comes first
    assert hm._parser_languages("", "央行周二宣布下调存款准备金率，释放长期资金约一万亿元。") == ("zh", "en")
    assert hm._parser_languages(None, "") == hm.DATEPARSER_LANGUAGES
    own = hx.get_external_parser
    with hm._fast_external_parser(hm._parser_languages("de")):
        parser = hx.get_external_parser()
        assert parser is hm._external_date_parser(("de", "en"))
        assert parser.get_date_data("3. März 2024")["date_obj"].month == 3
    assert hx.get_external_parser is own
    with pytest.raises(RuntimeError):  # and back after a failed call too
        with hm._fast_external_parser(("en",)):
            raise RuntimeError("htmldate failed")
    assert hx.get_external_parser is own


def test_a_page_nested_past_the_parsers_depth_limit_keeps_its_text() -> None:
    """lxml stops at 256 levels: a page wrapped in 300 divs is parsed again with the wrapper runs collapsed,
    and its article (inside and after the wrappers) is read."""
    from newsdesk.clean.html import _load
    inner = "<p>The harbour operator raised its dividend after a record year of container volumes.</p>"
    page = "<html><body>" + "<div>" * 300 + inner + "</div>" * 300 + "<p>A closing paragraph.</p></body></html>"
    text = " ".join(_load(page).itertext())
    assert "record year" in text and "closing paragraph" in text


def test_a_year_alone_is_not_read_as_its_first_day():
    """htmldate's last resort reads a bare year ("since 2021") as 2021-01-01; a page that gives no day has no date
    (12 of the 326 HTML tuning pages had such a date, none of them right). A page that writes 1 January keeps it."""
    paras = "".join(f"<p>Acme Corp said on Tuesday it would raise its buyback budget, the {w} increase since 2021, "
                    "after revenue from its cloud unit grew faster than analysts had expected.</p>"
                    for w in ("first", "largest", "third"))
    page = f"<html><head><title>Acme lifts buyback</title></head><body><article><h1>Acme lifts buyback</h1>{paras}"
    t = lh.fromstring(page + "</article></body></html>")
    assert hm.find_published(t, hm.read_page_meta(t), None) is None
    t = lh.fromstring(page + "<p>Posted January 1, 2021</p></article></body></html>")
    assert hm.find_published(t, hm.read_page_meta(t), None) == "2021-01-01"


def test_the_outlet_or_place_after_the_people_is_no_author():
    assert hm.clean_authors(["By Jane Doe, Harbour Wire"]) == ["Jane Doe"]
    assert hm.clean_authors(["Jane Doe and John Roe, Reuters"]) == ["Jane Doe", "John Roe"]
    assert hm.clean_authors(["By Jane Q. Doe, London"]) == ["Jane Q. Doe"]
    assert hm.clean_authors(["Jane Doe", "Bloomberg News"]) == ["Jane Doe"]
    assert hm.without_affiliation(["Jane Doe", "Harbour Wire"]) == (["Jane Doe"], "Harbour Wire")
    # two people, a credential, an institution's name with "and" in it, one credit alone: unchanged
    assert hm.clean_authors(["Jane Doe, John Roe"]) == ["Jane Doe", "John Roe"]
    assert hm.clean_authors(["Jane Doe, CFA"]) == ["Jane Doe, CFA"]
    assert hm.clean_authors(["Center for Drug Evaluation and Research"])[:1] == ["Center for Drug Evaluation"]
    assert hm.clean_authors(["Harbour Wire"]) == ["Harbour Wire"]


def test_the_site_a_page_title_adds_to_the_headline():
    assert hm.title_site("Yen weakens past 150 - Example Wire", "Yen weakens past 150") == "Example Wire"
    assert hm.title_site("Example Wire | Yen weakens past 150", "Yen weakens past 150") == "Example Wire"
    assert hm.title_site("Yen weakens past 150 | Markets | Example Wire", "Yen weakens past 150") == "Example Wire"
    assert hm.title_site("Yen weakens past 150 | Markets", "Yen weakens past 150") is None  # a section
    assert hm.title_site("Yen weakens past 150", "Yen weakens past 150") is None
    assert hm.title_site("Other story - Example Wire", "Yen weakens past 150") is None
    assert hm.title_site("Yen weakens past 150 - Page 2", "Yen weakens past 150") is None
