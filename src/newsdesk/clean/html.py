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
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from newsdesk.clean import html_meta as hm
from newsdesk.clean.html_meta import choose_title, clean_authors, find_byline_authors, find_published, site_names
from newsdesk.ingest.encoding import decode_bytes

log = logging.getLogger(__name__)

__all__ = ["HtmlExtract", "extract_html", "extract_html_file", "clean_body_lines", "wire_attribution"]


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


# ------------------------------------------------------------------ body filter
_BOILER_LINE = re.compile(
    r"^(?:advertisement|advertisements|sponsored(?: content)?|ad|story continues below(?: advertisement)?"
    r"|continue reading(?: below)?|scroll to continue(?: with content)?|read more|read next|related(?: articles| stories| posts| content| reading)?"
    r"|recommended(?: for you| stories| reading)?|more from .{1,40}|you may also like|you might also like"
    r"|share(?: this(?: article| story| post)?)?(?: on)?|share on (?:facebook|twitter|x|linkedin|whatsapp)"
    r"|(?:facebook|twitter|linkedin|pinterest|whatsapp|email|print|copy link|reddit)(?:\s*[|/·,]\s*(?:facebook|twitter|x|linkedin|pinterest|whatsapp|email|print|copy link|reddit))*"
    r"|sign up for (?:our|the) .{1,60}newsletters?.{0,80}|subscribe to (?:our|the) .{1,40}newsletters?.{0,80}"
    r"|(?:photo|image|picture)(?: credit)?s?\s*:.{0,80}|getty images|(?:comments?|leave a comment|\d+ comments?)"
    r"|back to top|skip to (?:main )?content|click here to (?:subscribe|sign up).{0,60}|tags?:.{0,120}"
    r"|(?:- )?\d{1,3}\s*min(?:ute)?s?\s+read|table of contents|where to buy|check (?:the )?(?:latest )?prices?(?: on .{1,30})?"
    r"|enter (?:your )?email(?: address)?|(?:photo(?:graph)?|image) courtesy(?: of)? .{1,60}"
    r"|(?:awesome, |great, )?you(?:'|’)re (?:now )?subscribed|thanks? (?:you )?for (?:subscribing|signing up)"
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


def clean_body_lines(text: str, *, title: str | None = None, max_len: int = 200,
                     head_lines: int = 8, max_head_words: int = 80) -> str:
    """Drop boilerplate lines trafilatura keeps; normalise paragraph separation to a blank line.

    Only short lines (< `max_len` characters) matching a boilerplate, byline/date or
    navigation pattern are removed, so a real paragraph that starts with such a word survives.
    A repeat of the headline among the first `head_lines` lines is dropped together with
    the short lines before it (disclosures, kickers, breadcrumbs).
    """
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
        if len(s) < max_len:
            if _BOILER_LINE.match(_LEAD_SYMBOLS.sub("", s)) or _NAV_LINE.match(s) or _BRACKET_LINKS.match(s):
                continue
            if (k < head_lines or k >= n - 3) and _META_LINE.match(s):  # bylines/dates at the edges only
                continue
        out.append(s)
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
# lxml stops parsing at about 256 levels, so collapse them before parsing
_DEEP_OPEN = re.compile(r"(<([a-zA-Z][\w-]*)\b[^>]*>\s*)(?:<\2\b[^>]*>\s*){99,}")
_DEEP_CLOSE = re.compile(r"(</([a-zA-Z][\w-]*)>\s*)(?:</\2>\s*){99,}")


def _flatten_wrappers(html: str) -> str:
    return _DEEP_CLOSE.sub(r"\1", _DEEP_OPEN.sub(r"\1", html))


def _load(html: str) -> etree._Element | None:
    from trafilatura.utils import load_html
    html = _flatten_wrappers(html)
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


def extract_html(html: str, url: str | None = None, *, favor_recall: bool | None = None,
                 min_ld_body_chars: int = 200, max_wall_chars: int = 600,
                 short_share: float = 0.5, longer_factor: float = 1.5,
                 min_baseline_words: int = 80) -> HtmlExtract:
    """Read the article and its metadata from an HTML page (str, already decoded).

    favor_recall: trafilatura's recall mode; None = on, except for Chinese/Japanese/Korean pages.
    When the recall-mode body has fewer words than `short_share` of the page's <p> text, the
    default mode is also run and wins if it is `longer_factor` times longer. When both give
    nothing: JSON-LD articleBody, then trafilatura's baseline (kept only if it has at least
    `min_baseline_words` words); a result that is only a login/subscribe prompt counts as empty.
    """
    if not html or not html.strip():
        return HtmlExtract(text="", url=url, empty_reason="empty page")
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
    cjk = _is_cjk(pm, title)
    authors = clean_authors(hm.chinese_byline(text), site_names=names) if cjk else []
    authors = authors or clean_authors(_raw_authors(pm, tree), site_names=names)
    if not authors and cjk:
        authors = clean_authors(hm.chinese_byline(_visible_text(tree)), site_names=names)
    ld_body = pm.ld_article.get("articleBody")
    if not text and isinstance(ld_body, str) and len(ld_body.strip()) >= min_ld_body_chars:
        text = clean_body_lines(re.sub(r"\s*\n\s*", "\n", ld_body))
    if not text:
        text = _baseline(html, min_baseline_words, title)
    empty_reason = None
    if text and len(text) < max_wall_chars and _LOGIN_RE.search(text):
        text = ""  # only a paywall/login prompt was found
    if not text:
        empty_reason = _empty_reason(_load(html), html)
    attribution = wire_attribution(text)
    return HtmlExtract(
        text=text, title=title, authors=authors, publisher=attribution or site,
        published=published, published_basis="explicit" if published else None,
        language=pm.lang, url=url, empty_reason=empty_reason, site_name=site,
        source_attribution=attribution)


def _raw_authors(pm: hm.PageMeta, tree: etree._Element) -> list[str]:
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
    by = find_byline_authors(tree)
    if by:
        return by
    page = hm.ld_names(pm.ld_page.get("author"), pm.ld_ids) if pm.ld_page else []
    return page or handle


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
    body = tree.find(".//body")
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
