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
