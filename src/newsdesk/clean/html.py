"""Main content and metadata from an HTML page.

The article body comes from trafilatura (``bare_extraction``, recall mode for non-CJK
pages, with the default mode as a second opinion when recall mode keeps only a small
block; then JSON-LD articleBody and trafilatura's baseline when both give nothing),
followed by newsdesk's own line filter for boilerplate it keeps (share rows, "Read
next"/"Related", newsletter sign-ups, "Advertisement", photo credits, bylines and dates at
the edges, a repeated headline, empty table cells). Metadata (title, authors, date,
publisher, language) is read by newsdesk itself from JSON-LD, meta tags and the visible
headline/byline (see ``html_meta``), which is both faster and more accurate than
trafilatura's metadata pass, so that pass is switched off.

A page that carries several stories (an aggregator, or an article with the next ones appended) gives one
extract per story: ``extract_html_articles`` looks for story blocks (``find_story_blocks``: a headline with
a time line right under or above it and paragraphs about it, the same rules as the flattened-text
splitter in ``textpage``) and extracts the rest of the page as the page's own article.
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from newsdesk.clean import html_meta as hm
from newsdesk.clean.html_meta import choose_title, clean_authors, find_byline_authors, find_published, site_names
from newsdesk.clean.reldate import is_relative_time_line, lines_near_title
from newsdesk.ingest.encoding import decode_bytes


log = logging.getLogger(__name__)

__all__ = ["HtmlExtract", "extract_html", "extract_html_articles", "extract_html_file", "clean_body_lines",
           "find_story_blocks", "wire_attribution"]


@dataclass
class HtmlExtract:
    """An article read from one HTML page."""

    text: str  # body, paragraphs separated by a blank line ("" when the page has no article)
    title: str | None = None  # headline without " | Site" suffixes
    authors: list[str] = field(default_factory=list)  # names only
    publisher: str | None = None  # site name, or the original outlet of a carried story
    published: str | None = None  # ISO date or datetime read from the page
    published_basis: str | None = None  # "explicit" when read, else None
    language: str | None = None  # from <html lang>/meta, else None
    url: str | None = None
    empty_reason: str | None = None  # why no article, when text == ""
    site_name: str | None = None  # the hosting site's name (og:site_name etc.)
    source_attribution: str | None = None  # e.g. "Reuters" for "(Reuters) -"
    # the visible lines under (then above) the headline, read when the page gives no site name or no date: a
    # source label, a relative time ("3 hours ago") to read against a crawl's fetch time (see clean/reldate.py)
    near_title: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ body filter
_BOILER_LINE = re.compile(
    r"^(?:advertisement|advertisements|sponsored(?: content)?|ad|story continues below(?: advertisement)?"
    r"|continue reading(?: below)?|scroll to continue(?: with content)?|read more|read next|related(?: articles| stories| posts| content| reading)?"
    r"|recommended(?: for you| stories| reading)?|more from .{1,40}|you may also like|you might also like"
    r"|share(?: this(?: article| story| post)?)?(?: on)?|share on (?:facebook|twitter|x|linkedin|whatsapp)"
    r"|(?:facebook|twitter|linkedin|pinterest|whatsapp|email|print|copy link|reddit|share|save|bookmark)"
    r"(?:\s*[|/·•,]\s*(?:facebook|twitter|x|linkedin|pinterest|whatsapp|email|print|copy link|reddit|share|save|bookmark))*"
    r"|sign up for (?:our|the) .{1,60}newsletters?.{0,80}|subscribe to (?:our|the) .{1,40}newsletters?.{0,80}"
    r"|(?:photo|image|picture)(?: credit)?s?\s*:.{0,80}|getty images|(?:comments?|leave a comment|\d+ comments?)"
    r"|back to top|skip to (?:main )?content|click here to (?:subscribe|sign up).{0,60}|tags?:.{0,120}"
    r"|(?:- )?\d{1,3}\s*min(?:ute)?s?\s+read|table of contents|where to buy|check (?:the )?(?:latest )?prices?(?: on .{1,30})?"
    r"|enter (?:your )?email(?: address)?|(?:photo(?:graph)?|image) courtesy(?: of)? .{1,60}"
    r"|(?:awesome, |great, )?you(?:'|’)re (?:now )?subscribed|thanks? (?:you )?for (?:subscribing|signing up)"
    r"|the post .{1,160} appeared first on .{1,80}"  # a blog feed's footer (WordPress writes it into every item)
    # a Chinese picture's caption or credit alone on its line: "资料图", "（图片来源：视觉中国）", "图源：网络"
    r"|[（(]?(?:资料图片?|資料圖片?|图片来源[:：].{0,30}|圖片來源[:：].{0,30}|图源[:：].{0,30}|圖源[:：].{0,30}|"
    r"配图|配圖|图[/／].{0,20}|圖[/／].{0,20})[)）]?"
    r")[.!:]?$",
    re.I,
)


_META_LINE = re.compile(  # case-sensitive names after "By"; (?i:) for the keywords
    r"^(?:(?i:(?:written |posted |reported |reviewed |fact[- ]checked |edited )?by:?)\s+(?:[A-Z][\w.'’-]*,?\s*){1,4}(?:and\s+(?:[A-Z][\w.'’-]*\s*){1,3})?"
    r"|(?i:(?:last )?(?:updated|published|posted|modified)(?: on)?:?\s+.{0,60}\d.{0,40})"
    r"|(?i:\d{1,3}\s*(?:-|\s)?min(?:ute)?s?\s+read|(?:reading time|read time):?.{0,20})"
    r"|(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}(?:\s+\d{1,2}:\d\d\s*(?:am|pm)?)?)"
    r"|(?i:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4})|\d{4}-\d\d-\d\d)"
    r"(?:\s*[|·•,–—-]\s*.{0,80})?$")
# a Chinese date line with its time and outlet, no sentence after them, above the text ("2024年04月16日 16:18示例财经",
# "2024年4月16日 来源：示例网"; below it a date alone signs a statement)
_ZH_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日\s*(?:\d{1,2}[:：]\d\d(?:[:：]\d\d)?)?\s*(?:(?:来源|來源)\s*[:：]\s*)?"
                           r"[\u4e00-\u9fffA-Za-z·　 ]{0,16}$")
_BRACKET_LINKS = re.compile(  # 【打印】【关闭】 / [打印] function links of Chinese portals
    r"^(?:(?:[【［][^】］]{1,12}[】］]|\[[^\]]{0,6}[\u4e00-\u9fff][^\]]{0,6}\])[\s|｜]*)+$")
_NAV_LINE = re.compile(r"^[^<>{}();=]{1,60}\s(?:>|›|❯|»)$")


_LEAD_SYMBOLS = re.compile(r"^[^\w(]+")  # emoji/bullets before a boilerplate phrase
_EMPTY_CELLS = re.compile(r"(?:\s*\|)+\s*")
_RULE_LINE = re.compile(r"^[\s|:\-–—·•]*$")


def _table_row(s: str) -> str:
    """Tidy a table row as trafilatura renders it ('| a | | b |'): no outer pipes, no empty cells;
    a row of empty cells or a |---| rule becomes ''."""
    if "|" not in s:
        return s
    if _RULE_LINE.match(s):
        return ""
    if s.startswith("|") or s.endswith("|"):
        s = _EMPTY_CELLS.sub(" | ", s).strip(" |")
    return s


def _fold_words(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.casefold()))


def _standfirst_repeated(line: str, below: list[str], min_chars: int = 60) -> bool:
    """A standfirst that a paragraph right below it repeats and continues ("… said on Tuesday." / "… said on
    Tuesday, as higher funding costs squeezed its margins."): the shorter copy is no text of its own."""
    head = _fold_words(line)
    if len(head) < min_chars:
        return False
    return any(f.startswith(head + " ") for f in map(_fold_words, below))


def clean_body_lines(text: str, *, title: str | None = None, max_len: int = 200,
                     head_lines: int = 8, max_head_words: int = 80) -> str:
    """Drop boilerplate lines trafilatura keeps; normalise paragraph separation to a blank line.

    Only short lines (< `max_len` characters) matching a boilerplate, byline/date or
    navigation pattern are removed, so a real paragraph that starts with such a word survives.
    A repeat of the headline among the first `head_lines` lines is dropped together with
    the short lines before it (disclosures, kickers, breadcrumbs).
    """
    from . import lines as L
    lines = [_table_row(" ".join(ln.split())) for ln in text.splitlines()]
    lines = [s for s in lines if s]
    if title:
        ft = _fold_words(title)
        for k, s in enumerate(lines[:head_lines]):
            if ft and _fold_words(s) == ft:
                before = sum(len(x.split()) for x in lines[:k])
                lines = lines[k + 1:] if before <= max_head_words else lines[:k] + lines[k + 1:]
                break
    out: list[str] = []
    n = len(lines)
    for k, s in enumerate(lines):
        if k < head_lines and _standfirst_repeated(s, lines[k + 1:k + 4]):
            continue  # the standfirst, which the first paragraph repeats and goes on from
        if len(s) < max_len:
            if _BOILER_LINE.match(_LEAD_SYMBOLS.sub("", s)) or _NAV_LINE.match(s) or _BRACKET_LINKS.match(s) \
                    or L.AD_PREFIX.match(s):
                continue
            # bylines and dates at the edges only ("3 hours ago" and "Apr 12" too)
            if (k < head_lines or k >= n - 3) and (_META_LINE.match(s) or is_relative_time_line(s)) \
                    or k < head_lines and _ZH_DATE_LINE.match(s):
                continue
            if L.RELATED_LEAD.match(s) and not s.rstrip().endswith(L.TERMINAL):  # "Keep Reading: <headline>"
                continue
        out.append(s)
    out = L.cut_release_tail(out)
    # the site's closing lines (a disclaimer, a promotion) after the article's last paragraph
    while out and (L.site_footer(out[-1]) or len(out[-1]) < max_len and L.call_to_action(out[-1])
                   and not out[-1].rstrip().endswith(L.TERMINAL) or len(out[-1]) < max_len
                   and L.FURNITURE.search(out[-1])):
        out.pop()  # (and a call to action closing it, "Subscribe to our newsletter", or an editor's credit)
    while len(out) > 1 and L.site_footer(out[0]):
        out.pop(0)  # (an affiliate disclosure or a disclaimer above the text: "… may earn us a commission")
    return "\n\n".join(out)


# ------------------------------------------------------------------ attribution
_WIRE_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z0-9.\- ]{1,30})?\s*)?"
    r"\((Reuters|Bloomberg|AP|AFP|Associated Press|Dow Jones|Xinhua|Kyodo|Yonhap|MarketWatch|CNBC|Agence France-Presse|[A-Z][A-Za-z&. ]{1,30}(?: News| Wire| Newswires?))\)"
    r"\s*(?:--|-|–|—|:)")
_ORIG_PUB = re.compile(
    r"(?:(?:originally|first) (?:appeared|published|ran)(?: on| in| at| by)?|(?:republished|reprinted) (?:with permission )?(?:from|by))"
    r"\s+(?:the\s+)?([A-Z][\w&.'\-]*(?:\s+[A-Z][\w&.'\-]*){0,5})")


def wire_attribution(text: str, *, head_chars: int = 300, tail_chars: int = 600) -> str | None:
    """The outlet a carried story names: '(Reuters) -', '(Bloomberg) --', 'originally appeared on X'."""
    if not text:
        return None
    m = _WIRE_DATELINE.match(text[:head_chars])
    if m:
        name = m.group(1)
        return "Associated Press" if name == "AP" else name
    from .text_meta import zh_wire_source  # "新华社北京3月10日电", "【维港财经讯】"
    name = zh_wire_source(text[:head_chars])
    if name:
        return name
    for chunk in (text[:head_chars], text[-tail_chars:]):
        m = _ORIG_PUB.search(chunk)
        if m:
            return m.group(1).rstrip(".")
    return None


# ------------------------------------------------------------------ empty pages
_LOGIN_RE = re.compile(
    r"\b(?:sign in|log ?in|subscribe|subscription|create (?:a free|an) account|register)\b.{0,60}"
    r"\b(?:to (?:continue|read|view|access|keep reading)|required|for full access|to unlock)\b", re.I)


def _empty_reason(tree: etree._Element | None, raw_html: str) -> str:
    if tree is None:
        return "unparseable page"
    body = tree.find(".//body")
    if body is None:
        return "no main content"
    visible = " ".join(t for t in body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)"
                                             " and not(ancestor::noscript)]") if t.strip())
    visible = " ".join(visible.split())
    if len(visible) < 40:
        return "script-only page" if "<script" in raw_html.lower() else "no main content"
    if _LOGIN_RE.search(visible) and len(visible) < 3000:
        return "login wall"
    links = body.xpath(".//a")
    link_chars = sum(len(" ".join(a.itertext()).strip()) for a in links)
    if links and link_chars > 0.6 * len(visible) and len(links) >= 20:
        return "index page"
    return "no main content"


# ------------------------------------------------------------------ main
# runs of one tag opened (or closed) a hundred times in a row: wrappers that only make the tree deep;
# lxml stops parsing at 256 levels (the rest of the page is lost), so such a page is parsed again with them
# collapsed. Whether a tree reached that depth is one XPath (~0.3 ms a page); collapsing first on every page
# was a scan of the whole page with two patterns (~0.8 ms)
_DEEP_OPEN = re.compile(r"(<([a-zA-Z][\w-]*)\b[^>]*>\s*)(?:<\2\b[^>]*>\s*){99,}")
_DEEP_CLOSE = re.compile(r"(</([a-zA-Z][\w-]*)>\s*)(?:</\2>\s*){99,}")
_TOO_DEEP = etree.XPath("boolean(/*" + "/*" * 250 + ")")


def _flatten_wrappers(html: str) -> str:
    return _DEEP_CLOSE.sub(r"\1", _DEEP_OPEN.sub(r"\1", html))


def _parse(html: str) -> etree._Element | None:
    from trafilatura.utils import load_html
    try:
        tree = load_html(html)
    except Exception:  # noqa: BLE001
        log.debug("load_html failed", exc_info=True)
        tree = None
    if tree is None:  # trafilatura rejects pages that do not start like HTML (e.g. a script first)
        try:
            import lxml.html
            tree = lxml.html.document_fromstring(html)
        except Exception:  # noqa: BLE001
            log.debug("lxml could not parse the page", exc_info=True)
            return None
    return tree


def _load(html: str) -> etree._Element | None:
    tree = _parse(html)
    if tree is not None and _TOO_DEEP(tree):
        flat = _flatten_wrappers(html)
        if flat != html:
            tree = _parse(flat)
    return tree


def _body(tree: etree._Element, url: str | None, favor_recall: bool) -> str:
    import trafilatura
    try:
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, favor_recall=favor_recall,
                                          include_comments=False, include_tables=True, deduplicate=False)
    except Exception:  # noqa: BLE001 - a bad page must not break a batch
        log.debug("trafilatura failed on %s", url, exc_info=True)
        return ""
    if doc is None:
        return ""
    return getattr(doc, "text", None) or ""


_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _is_cjk(pm: hm.PageMeta, title: str | None) -> bool:
    if pm.lang in ("zh", "ja", "ko"):
        return True
    t = title or pm.html_title or ""
    return len(_CJK.findall(t)) >= max(2, len(t) // 4)


def _is_cjk_text(pm: hm.PageMeta, title: str | None, text: str, *, sample: int = 2000, share: float = 0.3) -> bool:
    """For the metadata readers: a Chinese/Japanese/Korean page by its title or its article text (a
    short title such as 'Name | blog.example.com' says little; the text decides): CJK characters make
    up at least `share` of the first `sample` non-space characters of the text."""
    if _is_cjk(pm, title):
        return True
    chars = "".join(text[:sample].split())
    return len(chars) >= 20 and len(_CJK.findall(chars)) >= share * len(chars)


# ------------------------------------------------------------------ several stories in one page
_BLOCK_SKIP = frozenset({"nav", "aside", "footer", "form", "script", "style", "noscript", "template", "figure",
                         "figcaption", "button", "select", "svg"})
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form"})
_UNIT_TAGS = frozenset({"p", "li", "blockquote", "pre", "dd", "dt"})


@dataclass
class StoryBlock:
    """One story of a page that carries several: its element, headline element and metadata lines."""

    element: etree._Element
    heading: etree._Element
    title: str
    header: list[str]  # short lines around the headline before the body (kicker, byline, time)
    published: str | None
    body: list[str]  # paragraphs (and subheadings) after the headline
    order: int  # position of the headline in the page
    parts: list[etree._Element] = field(default_factory=list)  # the elements of its headline, header and body
    words_before: int = 0  # words of prose above the headline in the page that belong to no earlier story


def _direct_text(el: etree._Element) -> str:
    parts = [el.text or ""]
    for c in el:
        if isinstance(c.tag, str) and c.tag == "br":
            parts.append("\n")
        parts.append(c.tail or "")
    return "".join(parts)


@dataclass
class _Line:
    k: int  # index of the element in document order
    text: str
    words: int
    level: int = 0  # 1–6 for a heading
    when: str | None = None  # the date of a <time> element


def _page_lines(body: etree._Element) -> tuple[list[etree._Element], list[int], list[_Line]]:
    """The visible text of the page as lines in document order (like a flattened page, but each line
    knows its element): headings, paragraphs, list items, <time> elements, leaf elements with text and
    the text of boxes (split at <br>). Navigation, asides, footers, forms and figures are left out.
    Also returns the elements and, per element, the index of its last descendant."""
    from . import lines as L

    els = list(body.iter(etree.Element))  # (elements only: no comments or processing instructions)
    order = {e: k for k, e in enumerate(els)}
    end = list(range(len(els)))
    get = order.get
    for k in range(len(els) - 1, -1, -1):
        pk = get(els[k].getparent())
        if pk is not None and end[k] > end[pk]:
            end[pk] = end[k]
    out: list[_Line] = []
    k = 0
    n = len(els)
    while k < n:
        e = els[k]
        tag = e.tag
        if tag in _BLOCK_SKIP and (tag not in _FURNITURE_TAGS or end[k] - k < 0.3 * n):
            k = end[k] + 1  # (a <nav> or <form> holding a third of the page is a broken wrapper: read it)
            continue
        if tag in _HEADING_LEVEL or tag in _UNIT_TAGS or tag == "time":
            text = hm._heading_text(e) if tag in _HEADING_LEVEL else " ".join("".join(e.itertext()).split())
            if text:
                when = hm.iso_date(e.get("datetime")) if tag == "time" else None
                out.append(_Line(k, text, L.word_count(text), _HEADING_LEVEL.get(tag, 0), when))
            if tag != "li" or not any(isinstance(c.tag, str) and c.tag in _UNIT_TAGS for c in e):
                k = end[k] + 1  # (a list item holding paragraphs is read paragraph by paragraph)
                continue
        elif len(e) == 0:
            text = " ".join((e.text or "").split())
            if text:
                out.append(_Line(k, text, L.word_count(text)))
        else:
            direct = _direct_text(e)
            if direct and not direct.isspace():  # (white space only, the usual box: no piece to read)
                for piece in direct.split("\n"):
                    piece = " ".join(piece.split())
                    if piece and (L.word_count(piece) >= 3 or L.han_count(piece) >= 4):
                        out.append(_Line(k, piece, L.word_count(piece)))
        k += 1
    return els, end, out


_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def find_story_blocks(tree: etree._Element, *, min_words: int = 100, meta_lines: int = 3, max_gap: int = 12,
                      max_elements: int = 60000) -> list[StoryBlock]:
    """Stories of their own in a page, found as in a flattened page (textpage.find_stories): a headline
    (h1–h3) with a time line (a <time>, a short dated line) among the few lines right under it or right
    above it, then at least `min_words` words of prose in two or more paragraphs (or one long block)
    before the next such headline, and a headline about that prose. Headline lists, teaser cards and
    subheadings fail one of these. A story's element is the innermost one that holds its headline and
    that prose; its body is the text in that element up to the next story."""
    from . import lines as L
    from .text_meta import parse_date
    from .textpage import is_numbered, is_time_line, title_about

    body = hm.body_of(tree)
    if body is None or next(body.iter("h1", "h2", "h3"), None) is None:
        return []
    els, end, lines = _page_lines(body)
    if len(els) > max_elements or len(lines) < 4:
        return []

    def is_time(x: _Line) -> bool:
        return x.when is not None or (els[x.k].tag == "time" and bool(parse_date(x.text))) or is_time_line(x.text)

    def prose(x: _Line, min_w: int = 8) -> bool:
        return x.level == 0 and x.words >= min_w \
            and (x.text.rstrip().endswith(L.TERMINAL) or not L.is_title_like(x.text))

    def head(i: int) -> tuple[bool, list[int], int | None]:
        """(dated, header lines, date-above line) of the headline at line i."""
        x = lines[i]
        if not (1 <= x.level <= 3) or not L.is_title_like(x.text):
            return False, [], None
        zone, dated, seen = [], False, 0
        for j in range(i + 1, min(len(lines), i + 1 + 2 * meta_lines)):
            y = lines[j]
            if y.level or prose(y, 12):
                break
            zone.append(j)
            if is_time(y):
                dated = True
            seen += 1
            if seen >= meta_lines:
                break
        above = None
        if i > 0 and is_time(lines[i - 1]) and not lines[i - 1].level and lines[i - 1].words <= 10 \
                and not (x.text.rstrip().endswith(L.TERMINAL) and not x.text.rstrip().endswith(("?", "？"))) \
                and not any(1 <= lines[j].level <= 3 for j in range(max(0, i - 1 - meta_lines), i - 1)
                            if not any(prose(lines[t]) for t in range(j + 1, i - 1))):
            above, dated = i - 1, True  # (a time line under another headline is that headline's)
        return dated, zone, above

    starts = {}
    for i in range(len(lines)):
        dated, zone, above = head(i)
        if dated:
            starts[i] = (zone, above)
    above_of = {above: i for i, (_z, above) in starts.items() if above is not None}
    order_of = {id(e): k for k, e in enumerate(els)}
    used: set[int] = set()  # lines of the stories found so far
    blocks: list[StoryBlock] = []
    for i, (zone, above) in sorted(starts.items()):
        x = lines[i]
        # the prose under the headline, up to the next story (or a time line: the next teaser of a list)
        first = None
        body_idx: list[int] = []
        words = 0
        j = (zone[-1] + 1) if zone else i + 1
        while j < len(lines):
            y = lines[j]
            if j in starts or j in above_of:
                break
            if first is not None and is_time(y) and y.words <= 10:
                break
            if first is None:
                if prose(y):
                    first = j
                elif j - i > max_gap:
                    break
            if first is not None:
                body_idx.append(j)
                if prose(y):
                    words += y.words
            j += 1
        paras = [t for t in body_idx if prose(lines[t])]
        if first is None or words < min_words or (len(paras) < 2 and words < 2 * min_words):
            log.debug("no story under %r: %d words of prose in %d paragraphs", x.text[:60], words, len(paras))
            continue
        if not title_about(x.text, " ".join(lines[t].text for t in paras[:12])):
            log.debug("no story under %r: the text is not about it", x.text[:60])
            continue
        # the story's element: the innermost ancestor of the headline that holds `min_words` of its prose
        hk = x.k
        box = els[hk].getparent()
        acc = 0
        last_needed = paras[-1]
        for t in paras:
            acc += lines[t].words
            if acc >= min_words:
                last_needed = t
                break
        while box is not None and id(box) in order_of and end[order_of[id(box)]] < lines[last_needed].k:
            box = box.getparent()
        if box is None or id(box) not in order_of:
            continue
        bk = order_of[id(box)]
        if above is not None and not bk <= lines[above].k <= end[bk] \
                and not any(is_time(lines[t]) and bk <= lines[t].k <= end[bk] for t in zone):
            log.debug("no story under %r: its time line is outside its element", x.text[:60])
            continue  # the time line above belongs to something else (the last item of a teaser list)
        if any(a.tag in ("li", "dd") for a in els[hk].iterancestors()) or is_numbered(x.text):
            log.debug("no story under %r: a list entry", x.text[:60])
            continue  # an entry of a list (events, teasers, "5. The fifth tool"), not a story
        before = sum(y.words for t, y in enumerate(lines) if bk <= y.k < hk and t not in used and prose(y))
        if before >= min_words // 2:
            log.debug("no story under %r: %d words before it in its element", x.text[:60], before)
            continue  # the element holds other text before the headline: a section of a longer text
        inside = [t for t in body_idx if bk <= lines[t].k <= end[bk]]
        body_lines = [lines[t].text for t in inside]
        header = ([lines[above].text] if above is not None else []) + [lines[t].text for t in zone]
        own = [hk] + [lines[t].k for t in ([above] if above is not None else []) + zone + inside]
        head_lines = ([above] if above is not None else []) + zone
        published = next((lines[t].when for t in head_lines if lines[t].when), None) \
            or next((d for d in (parse_date(h) for h in header if is_time_line(h)) if d), None)
        above_words = sum(y.words for t, y in enumerate(lines[:i]) if t not in used and prose(y))
        blocks.append(StoryBlock(element=box, heading=els[hk], title=x.text, header=header, published=published,
                                 body=body_lines, order=hk, parts=[els[k] for k in dict.fromkeys(own)],
                                 words_before=above_words))
        used.update(inside)
        used.update(zone)
    return blocks


_PROMO_BOX = re.compile(r"sidebar|side-bar|widget|teaser|promo|related|recommend|popular|trending|comment", re.I)


def _in_box(el: etree._Element, rx: re.Pattern) -> bool:
    """el sits in an <aside> or an element whose class or id matches rx."""
    for a in el.iterancestors():
        if not isinstance(a.tag, str) or a.tag in ("body", "html"):
            break
        if a.tag == "aside" or rx.search((a.get("class") or "") + " " + (a.get("id") or "")):
            return True
    return False


def _same_headline(page_title: str, headline: str, min_sim: float) -> bool:
    if hm._sim(page_title, headline) >= min_sim:
        return True
    words = hm._tokens(headline)
    for part in re.split(r"\s+[|–—·:-]\s+|\s*[|｜]\s*", page_title):
        toks = hm._tokens(part)
        if len(toks) >= 2 and len(toks & words) >= 0.6 * len(toks):
            return True
    return False


def extract_html_articles(html: str, url: str | None = None, *, min_rest_words: int = 100,
                          max_title_sim: float = 0.3) -> list[HtmlExtract]:
    """One HtmlExtract per story of the page: normally one (extract_html); several when the page carries
    stories of its own (find_story_blocks): two or more, or one beside the page's own article. The rest
    of the page (without the stories) is an article too when it is long and about the page's headline
    while no story carries that headline (a page with the next articles appended)."""
    from . import lines as L
    from .text_meta import header_authors, header_publisher
    from .textpage import title_about

    tree = _load(html) if html and html.strip() else None
    if tree is None:
        return [extract_html(html, url)]
    # lxml.html makes each element's Python object through a Python-level class lookup, anew on every walk
    # over the tree when no object is alive; holding them all makes the walks below reuse them
    alive = list(tree.iter())  # noqa: F841
    try:
        blocks = find_story_blocks(tree)
    except Exception:  # noqa: BLE001 - splitting is an extra; the page's article must still come out
        log.debug("story blocks failed on %s", url, exc_info=True)
        blocks = []
    if not blocks:
        return [extract_html(html, url, tree=tree)]
    pm = hm.read_page_meta(tree)
    names = site_names(pm, url)
    page_titles = [hm.strip_site_suffix(v, names) for v in (
        pm.meta.get("og:title"), pm.ld_article.get("headline") if pm.ld_article else None,
        pm.meta.get("twitter:title"), pm.html_title) if isinstance(v, str) and v.strip()]
    # the page's own article is one of the stories when one carries the page's title (or a part of it:
    # "Headline | Site name")
    own = any(_same_headline(t, b.title, max_title_sim) for t in page_titles for b in blocks)
    # a page without a title of its own: its article is the running text above the first story
    untitled_host = not page_titles and blocks[0].words_before >= min_rest_words
    if len(blocks) == 1 and _in_box(blocks[0].heading, _PROMO_BOX):
        return [extract_html(html, url, tree=tree)]  # a lone story in a sidebar, widget or teaser box
    rest: HtmlExtract | None = None
    if not own and (page_titles or untitled_host):
        import copy
        pruned = copy.deepcopy(tree)
        pruned_body = hm.body_of(pruned)
        if pruned_body is not None:
            # the same elements in the copy: walk both trees in step
            targets = {id(e) for b in blocks for e in b.parts}
            pairs = zip(hm.body_of(tree).iter(), pruned_body.iter())
            doomed = [c for o, c in pairs if id(o) in targets]
            for el in doomed:
                parent = el.getparent()
                if parent is not None:
                    parent.remove(el)  # (the tail text stays with the element: it is the story's)
            import lxml.html
            cand = extract_html(lxml.html.tostring(pruned, encoding="unicode"), url, tree=pruned)
            words = sum(L.word_count(p) for p in cand.text.split("\n") if L.word_count(p) >= 8)
            about = untitled_host or any(title_about(t, cand.text[:3000]) for t in page_titles)
            if words >= min_rest_words and about:
                rest = cand
            log.debug("stories %s; the rest of the page: %d words, about %s: %s", [b.title for b in blocks],
                      words, page_titles, rest is not None)
    if len(blocks) < 2 and rest is None:
        return [extract_html(html, url, tree=tree)]
    site = hm.site_name(pm)
    out = [rest] if rest is not None else []
    for b in blocks:
        text = clean_body_lines("\n".join(b.body), title=b.title)
        if not text.strip():
            continue
        authors = clean_authors(header_authors(b.header), site_names=names)
        attribution = wire_attribution(text)
        # (an aggregator names each story's outlet on a line under its headline, as on a flattened page)
        source = header_publisher(b.header, authors, b.title)
        out.append(HtmlExtract(text=text, title=b.title, authors=authors, publisher=attribution or source or site,
                               published=b.published, published_basis="explicit" if b.published else None,
                               language=pm.lang, url=url, site_name=site, source_attribution=attribution,
                               near_title=list(b.header)))
    return out or [extract_html(html, url, tree=tree)]


def extract_html(html: str, url: str | None = None, *, favor_recall: bool | None = None,
                 min_ld_body_chars: int = 200, max_wall_chars: int = 600,
                 short_share: float = 0.5, longer_factor: float = 1.5,
                 min_baseline_words: int = 80, tree: etree._Element | None = None) -> HtmlExtract:
    """Read the article and its metadata from an HTML page (str, already decoded).

    favor_recall: trafilatura's recall mode; None = on, except for Chinese/Japanese/Korean pages.
    When the recall-mode body has fewer words than `short_share` of the page's <p> text, the
    default mode is also run and wins if it is `longer_factor` times longer. When both give
    nothing: JSON-LD articleBody, then trafilatura's baseline (kept only if it has at least
    `min_baseline_words` words); a result that is only a login/subscribe prompt counts as empty.
    """
    if not html or not html.strip():
        return HtmlExtract(text="", url=url, empty_reason="empty page")
    if tree is None:
        tree = _load(html)
    if tree is None:
        return HtmlExtract(text="", url=url, empty_reason="unparseable page")
    pm = hm.read_page_meta(tree)
    if not url:
        url = pm.meta.get("og:url") or None
    names = site_names(pm, url)
    title = choose_title(pm, names)
    site = hm.site_name(pm)

    if favor_recall is None:  # recall mode keeps link-dense blocks: fine for English, noisy on CJK portals
        favor_recall = not _is_cjk(pm, title)
    raw = _body(tree, url, favor_recall)  # trafilatura works on a copy of the tree
    if favor_recall and len(raw.split()) < short_share * _paragraph_words(tree):
        # recall mode skips trafilatura's fallback comparison and sometimes keeps one small block
        alt = _body(tree, url, False)
        if len(alt.split()) > longer_factor * len(raw.split()):
            raw = alt
    text = clean_body_lines(raw, title=title)
    published = find_published(tree, pm, url, article_text=text)
    cjk = _is_cjk_text(pm, title, text or _visible_text(tree, 3000))
    # (the body's own credit first; an editor's credit at its end only after the page's byline: '作者：X' above
    # the story and '（责任编辑：Y）' below it name the author X)
    authors = clean_authors(hm.chinese_byline(text, editors=False), site_names=names) if cjk else []
    byline = cache(lambda: find_byline_authors(tree))  # (a walk over the whole page: once)
    authors = authors or _prefer_person(clean_authors(_raw_authors(pm, byline), site_names=names), byline, names)
    if not authors and cjk:
        authors = clean_authors(_top_lines_authors(text), site_names=names)
    if not authors and cjk:
        authors = clean_authors(hm.chinese_byline(_visible_text(tree)), site_names=names)
    ld_body = pm.ld_article.get("articleBody")
    if not text and isinstance(ld_body, str) and len(ld_body.strip()) >= min_ld_body_chars:
        text = clean_body_lines(re.sub(r"\s*\n\s*", "\n", ld_body))
    if len(_SENTENCE_END.findall(text)) < 2:
        # no prose in the markup ("Loading…" under a menu): a script-rendered page keeps the story in its JSON
        text = _script_json_body(tree, title) or text
    if not text:
        text = _baseline(html, min_baseline_words, title)
    empty_reason = None
    if text and len(text) < max_wall_chars and _LOGIN_RE.search(text):
        text = ""  # only a paywall/login prompt was found
    if not text:
        empty_reason = _empty_reason(_load(html), html)
    attribution = wire_attribution(text)
    publisher = attribution or site
    if not publisher and text:  # the markup names no site: its <title> or the byline may ("By X, Example Wire")
        from .text_meta import credit_line
        publisher = hm.title_site(pm.html_title, title) \
            or next((o for o in (credit_line(b)[1] for b in byline()) if o), None)
    return HtmlExtract(
        text=text, title=title, authors=authors, publisher=publisher,
        published=published, published_basis="explicit" if published else None,
        language=pm.lang, url=url, empty_reason=empty_reason, site_name=site,
        source_attribution=attribution,
        near_title=lines_near_title(tree, title) if text and not (site and published) else [])


def _top_lines_authors(text: str, *, max_lines: int = 12, prose_words: int = 25) -> list[str]:
    """Bylines among the short lines that open the article text (above its first paragraph), read as a
    flattened page's header: a name line under the headline ('标题' / '张三、李四'), a name next to a date line."""
    from . import lines as L
    from .text_meta import MetaLines, header_authors

    top: list[str] = []
    for line in (x.strip() for x in text.split("\n")):
        if not line:
            continue
        if L.word_count(line) >= prose_words or len(top) >= max_lines:
            break
        top.append(line)
    return header_authors(MetaLines(top)) if top else []


def _org_like(name: str, names: list[str]) -> bool:
    """A one-word brand ('Example') or the site's own name, not a person (a personal site named after its
    owner, 'Jane Doe' on janedoe.com, is a person)."""
    if len(name.split()) == 1:
        return not _CJK.search(name)
    return hm._matches_site(name, names) and not hm._NAME_LIKE.match(name)


def _prefer_person(authors: list[str], byline: Callable[[], list[str]], names: list[str]) -> list[str]:
    """When the page's structured author is only the site or a one-word brand, a visible byline that names
    people ('By Jane Doe, Senior Editor') is the article's author; when it is one of the people a visible
    byline lists ('By Jane Doe, John Roe and Kim Lee'), the byline's list is."""
    if not authors:
        return authors
    org = all(_org_like(a, names) for a in authors)
    people = clean_authors(byline(), site_names=names)
    if not people or not all(len(p.split()) >= 2 and hm._NAME_LIKE.match(p) and not _org_like(p, names)
                             and not hm._ROLE_WORDS.search(p) for p in people):
        return authors
    if org:
        return people
    # the structured author is the first of several the visible byline names: the byline's list
    if len(people) > len(authors) and all(any(hm._tokens(a) <= hm._tokens(p) for p in people) for a in authors):
        return people
    return authors


def _raw_authors(pm: hm.PageMeta, byline: Callable[[], list[str]]) -> list[str]:
    """Author strings by source reliability; a bare username is used only when nothing else names anyone."""
    handle: list[str] = []
    ld = hm.ld_names(pm.ld_article.get("author"), pm.ld_ids) if pm.ld_article else []
    if ld and not all(hm.looks_like_handle(x) for x in ld):
        return ld
    handle = handle or ld
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "byl", "dcterms.creator", "citation_author", "twitter:data1"):
        v = pm.meta.get(key)
        if not v or v.startswith("http") or (key == "twitter:data1" and not pm.meta.get(
                "twitter:label1", "").lower().startswith(("written by", "author"))):
            continue
        if hm.looks_like_handle(v):
            handle = handle or [v]
            continue
        return [v]
    by = byline()
    if by:
        return by
    page = hm.ld_names(pm.ld_page.get("author"), pm.ld_ids) if pm.ld_page else []
    return page or handle


# keys under which a page's own JSON (a Next.js "__NEXT_DATA__" blob, an app's initial state) keeps the story
_JSON_BODY_KEYS = frozenset({"body", "articlebody", "article_body", "bodyhtml", "body_html", "content", "contenthtml",
                             "content_html", "html", "articletext", "article_text", "fulltext", "full_text", "text"})
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?:\s|$)|[。！？]")


def _script_json_body(tree: etree._Element, title: str | None, min_chars: int = 200,
                      max_json_chars: int = 5_000_000) -> str:
    """The article body a script-rendered page carries only in its JSON (``<script type="application/json">``,
    Next.js's ``__NEXT_DATA__``): the longest string under a body-like key (``_JSON_BODY_KEYS``) that reads as
    prose and is about the page's title (a quarter of its content words), HTML paragraphs read as lines. Used when the page's markup holds no article."""
    from .textpage import title_about

    best = ""
    for sc in tree.iter("script"):
        if (sc.get("type") or "").strip().lower() != "application/json" and sc.get("id") != "__NEXT_DATA__":
            continue
        raw = sc.text or ""
        if len(raw) < min_chars or len(raw) > max_json_chars:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
            for key, val in items:
                if isinstance(val, (dict, list)):
                    stack.append(val)
                elif isinstance(val, str) and len(val) >= min_chars and isinstance(key, str) \
                        and key.lower() in _JSON_BODY_KEYS and len(val) > len(best):
                    text = _json_text(val)
                    if len(_SENTENCE_END.findall(text)) >= 3 and (not title or title_about(title, text[:3000], 0.25)):
                        best = text
    return clean_body_lines(best, title=title) if best else ""


def _json_text(val: str) -> str:
    """Lines of a body string: HTML paragraphs (and headings, list items) read one per line, else the text."""
    if "<p" not in val and "<div" not in val:
        return val.strip()
    try:
        frag = etree.fromstring(f"<div>{val}</div>", etree.HTMLParser())
    except (etree.XMLSyntaxError, ValueError):
        return ""
    if frag is None:
        return ""
    lines = [" ".join(" ".join(el.itertext()).split()) for el in frag.iter("p", "h2", "h3", "li", "blockquote")]
    return "\n".join(x for x in lines if x)


def _baseline(html: str, min_words: int, title: str | None) -> str:
    """trafilatura's baseline extractor as a last resort (it re-parses the page)."""
    try:
        from trafilatura import baseline
        _el, text, _n = baseline(html)
    except Exception:  # noqa: BLE001
        log.debug("baseline failed", exc_info=True)
        return ""
    text = clean_body_lines(text or "", title=title)
    return text if len(text.split()) >= min_words else ""


def _paragraph_words(tree: etree._Element) -> int:
    return sum(len(" ".join(p.itertext()).split()) for p in tree.iter("p"))


def _visible_text(tree: etree._Element, limit: int = 20000) -> str:
    body = hm.body_of(tree)  # (a page parsed as a bare fragment has no <body>: the fragment is the body)
    if body is None:
        return ""
    parts = body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
    return " ".join(" ".join(parts).split())[:limit]


def extract_html_file(path: str | Path) -> dict:
    """For the shared evaluation tool: read a page file, decode it, extract; a plain dict."""
    data = Path(path).read_bytes()
    html, _enc = decode_bytes(data, is_html=True)
    e = extract_html(html)
    return {"text": e.text, "title": e.title, "authors": e.authors, "published": e.published,
            "publisher": e.publisher, "language": e.language, "empty_reason": e.empty_reason}
