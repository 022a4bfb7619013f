"""Metadata helpers for HTML pages: JSON-LD, meta tags, title, authors, date, publisher.

Everything here reads an lxml tree without changing it. Sources are ranked from the most
to the least explicit (JSON-LD and article meta tags, then visible bylines and ``<time>``
elements near the headline); dates inside related-story lists, navigation, footers,
comment sections and copyright lines are never taken.
"""
from __future__ import annotations

import contextlib
import functools
import json
import logging
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import urlsplit

from lxml import etree

from ..link.background import is_common_word
from .lang import detect_language
from .zhscript import all_forms, to_simplified, zh_compile

log = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "report", "techarticle",
    "scholarlyarticle", "socialmediaposting", "liveblogposting", "posting", "review", "howto",
    "medicalwebpage", "discussionforumposting", "creativework", "advertisercontentarticle",
    "satiricalarticle", "blog", "recipe",
})
PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage"})


@dataclass
class PageMeta:
    """What the page says about itself (raw, before choosing)."""

    meta: dict[str, str] = field(default_factory=dict)  # lower-cased name/property/itemprop -> content
    ld_article: dict[str, Any] = field(default_factory=dict)  # best Article-like JSON-LD object
    ld_page: dict[str, Any] = field(default_factory=dict)  # a WebPage object (weaker)
    ld_site_name: str | None = None
    ld_ids: dict[str, dict] = field(default_factory=dict)  # JSON-LD objects by @id (to resolve references)
    html_title: str | None = None
    h1: list[str] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)  # the first <h2>/<h3> texts
    lang: str | None = None


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _heading_text(el: etree._Element) -> str:
    """A heading's text with a space for each <br> ('Best Tools<br>for 2026' -> 'Best Tools for 2026')."""
    out: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.text and isinstance(e.tag, str):
            out.append(e.text)
        for c in e:
            if isinstance(c.tag, str):
                if c.tag == "br":
                    out.append(" ")
                elif c.tag not in ("script", "style"):
                    walk(c)
            if c.tail:
                out.append(c.tail)
    walk(el)
    return " ".join("".join(out).split())


def _walk_ld(obj: Any, out: list[dict]) -> None:
    if isinstance(obj, list):
        for x in obj:
            _walk_ld(x, out)
    elif isinstance(obj, dict):
        out.append(obj)
        for k in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
            if k in obj and isinstance(obj[k], (list, dict)):
                _walk_ld(obj[k], out)


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _load_ld(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:]
    if raw.endswith("-->"):
        raw = raw[:-3]
    try:
        return json.loads(raw)
    except ValueError:
        try:  # control characters inside strings are common
            return json.loads(re.sub(r"[\x00-\x1f]+", " ", raw))
        except ValueError:
            return None


def body_of(tree: etree._Element) -> etree._Element | None:
    """The <body>; a page parsed as a bare fragment (no <html>/<body> left) is its own body."""
    body = tree.find(".//body")
    if body is None and isinstance(tree.tag, str) and tree.tag not in ("html", "head"):
        return tree
    return body


def read_page_meta(tree: etree._Element) -> PageMeta:
    """Collect meta tags, JSON-LD objects, <title>, <h1> and the declared language."""
    pm = PageMeta()
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        val = (m.get("content") or "").strip()
        if key and val and key not in pm.meta:
            pm.meta[key] = " ".join(val.split())
        if m.get("http-equiv", "").lower() == "content-language" and val and "content-language" not in pm.meta:
            pm.meta["content-language"] = val
    if _software_credit(pm.meta.get("author"), pm.meta.get("generator")):
        del pm.meta["author"]  # "<meta name=author content='Forumware Team'>" on a page the forum software made
    objs: list[dict] = []
    for s in tree.iter("script"):
        if (s.get("type") or "").strip().lower() == "application/ld+json" and s.text:
            data = _load_ld(s.text)
            if data is not None:
                _walk_ld(data, objs)
    by_id = {o["@id"]: o for o in objs if isinstance(o.get("@id"), str) and len(o) > 1}
    pm.ld_ids = by_id
    best_score = -1
    for o in objs:
        ts = _types(o)
        if ts & ARTICLE_TYPES:
            score = 2 * bool(o.get("headline")) + bool(o.get("datePublished")) + bool(o.get("author")) \
                + 2 * bool(o.get("articleBody"))
            if score > best_score:
                pm.ld_article, best_score = o, score
        elif ts & PAGE_TYPES and not pm.ld_page:
            pm.ld_page = o
        if "website" in ts and not pm.ld_site_name and isinstance(o.get("name"), str):
            pm.ld_site_name = o["name"].strip() or None
    title = tree.find(".//title")
    if title is not None:
        pm.html_title = _text(title) or None
    body = body_of(tree)
    if body is not None:
        for h in body.iter("h1", "h2", "h3"):
            if h.tag == "h1":
                if len(pm.h1) < 5:
                    t = _heading_text(h)
                    if t:
                        pm.h1.append(t)
            elif len(pm.subheads) < 40:
                t = _heading_text(h)
                if t:
                    pm.subheads.append(t)
    lang = tree.get("lang") or tree.get("xml:lang") or pm.meta.get("content-language") \
        or pm.meta.get("og:locale") or pm.meta.get("language")
    if lang:
        lang = lang.strip().replace("_", "-").split(",")[0].strip()
        pm.lang = lang.split("-")[0].lower() or None if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", lang) else None
    return pm


def _software_credit(author: str | None, generator: str | None) -> bool:
    """The author meta tag names the software that generated the page (its first word is the generator's:
    generator 'Forumware X3.4', author 'Forumware Team and UI Team'), not the writer."""
    if not author or not generator:
        return False
    a, g = re.findall(r"\w+", author.casefold()), re.findall(r"\w+", generator.casefold())
    return bool(a and g and a[0] == g[0] and len(g[0]) >= 3)


# ------------------------------------------------------------------ names
def ld_names(value: Any, ids: dict[str, dict] | None = None) -> list[str]:
    """Names from a JSON-LD author/publisher value (string, object, @id reference or list)."""
    out: list[str] = []
    items = value if isinstance(value, list) else [value]
    for it in items:
        if isinstance(it, dict) and "name" not in it and ids and isinstance(it.get("@id"), str):
            it = ids.get(it["@id"], it)
        if isinstance(it, str):
            if not it.startswith("http"):
                out.append(it)
        elif isinstance(it, dict):
            n = it.get("name")
            if isinstance(n, list):
                n = n[0] if n and isinstance(n[0], str) else None
            if isinstance(n, str):
                out.append(n)
            elif isinstance(it.get("givenName"), str):
                out.append(f"{it.get('givenName')} {it.get('familyName') or ''}".strip())
    return [" ".join(x.split()) for x in out if x and x.strip()]


# ------------------------------------------------------------------ dates
_ISO_RE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ](\d\d:\d\d(?::\d\d)?)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?)?")
_URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|$)")
_URL_DATE8_RE = re.compile(r"[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[/_.-]")
MONTHS = {m: i for i, ms in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for m in ms}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TEXT_DATE_RES = (
    zh_compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)", re.I),  # March 5, 2024
    zh_compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+((?:19|20)\d\d)", re.I),  # 5 March 2024
    zh_compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),  # 2024年3月5日
    zh_compile(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})\b"),  # 2024-03-05 / 2024/3/5
)


def _valid(y: int, m: int, d: int) -> bool:
    return 1990 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31


def iso_date(value: Any) -> str | None:
    """ISO date (or datetime) from an ISO-like string; None if it has no plausible date."""
    if not isinstance(value, str):
        if isinstance(value, list) and value:
            return iso_date(value[0])
        return None
    m = _ISO_RE.search(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not _valid(y, mo, d):
            return None
        if m.group(4):
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}T{m.group(4)}{(m.group(5) or '')}"
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return text_date(value)


def text_date(s: str) -> str | None:
    """The first written date in s ('March 5, 2024', '5 Mar 2024', '2024年3月5日', '2024/03/05')."""
    for i, rx in enumerate(_TEXT_DATE_RES):
        m = rx.search(s)
        if not m:
            continue
        g = m.groups()
        if i == 0:
            y, mo, d = int(g[2]), _mon(g[0]), int(g[1])
        elif i == 1:
            y, mo, d = int(g[2]), _mon(g[1]), int(g[0])
        else:
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        if mo and _valid(y, mo, d):
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _mon(s: str) -> int | None:
    s = s.lower().rstrip(".")
    return MONTHS.get(s) or MONTHS.get(s[:3])


def url_date(url: str | None) -> str | None:
    """A full date in the URL path (/2024/03/05/ or -20240305-)."""
    if not url:
        return None
    m = _URL_DATE_RE.search(url) or _URL_DATE8_RE.search(url)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None


# ------------------------------------------------------------------ noise regions
_NOISE_TAGS = frozenset({"aside", "nav", "footer"})
# noise words in an element's class and id, matched in the lower-cased string (a case-blind pattern made of
# alternatives is 7x slower: it folds the case of every character at every position it tries)
_NOISE_RE = re.compile(r"related|recommend|sidebar|side-bar|footer|comment|widget|popular|trending|"
                       r"more-?(?:stories|news|articles)|newsletter|cookie|consent|promo|teaser|"
                       r"read-?next|also-?like|carousel|breadcrumb|menu|navigation")


_NOISE_WEAK_RE = re.compile(r"related|recommend|footer|comment|popular|trending|more-?(?:stories|news|articles)|"
                            r"newsletter|cookie|consent|promo|read-?next|also-?like|carousel|menu|navigation")


@functools.lru_cache(maxsize=1 << 14)
def _noise_class(cls: str, strict: bool = True) -> bool:
    """A class/id string that names a noise region (the same strings come back for every element below them
    and on every page of a template: answered once)."""
    return (_NOISE_RE if strict else _NOISE_WEAK_RE).search(cls.lower()) is not None


_ROOT_TAGS = frozenset({"html", "body", "main", "article"})
_BYLINE_BOX = re.compile(r"author|byline|meta|posted|date", re.I)


def in_noise(el: etree._Element, *, strict: bool = True) -> bool:
    """True when el sits in navigation, a footer, an aside, or a related/comment/cookie block
    (strict: also sidebars, widgets, teasers and breadcrumbs)."""
    node = el
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "footer" and _BYLINE_BOX.search(f"{node.get('class') or ''} {node.get('id') or ''}") \
                and _inside_article(node):
            pass  # an <article>'s own <footer class="author-meta">: its byline and date, not page furniture
        elif tag in ("nav", "footer") or (strict and tag == "aside" and not _inside_article(node)):
            return True
        if tag in _ROOT_TAGS and not _story_card(node):  # page-level classes ("has-comments") say nothing
            return False
        cls = (node.get("class") or "") + " " + (node.get("id") or "")
        if cls.strip() and _noise_class(cls, strict):
            return True
        node = node.getparent()
    return False


def _story_card(node: etree._Element) -> bool:
    """An <article> that is an item of a list (a card in a 'related posts' carousel), not the page's article:
    the classes around it still count."""
    parent = node.getparent()
    return node.tag == "article" and parent is not None and parent.tag == "li"


def _inside_article(node: etree._Element) -> bool:
    """Inside an <article>: there an <aside> is the post's own meta column (date, byline), and a <footer> with
    a byline class its author box; each is a noise region only when its class says so."""
    return any(a.tag == "article" for a in node.iterancestors())


# ------------------------------------------------------------------ site names and title
def _fold(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.casefold())


def site_name(pm: PageMeta) -> str | None:
    """The hosting site's display name."""
    pub = hm_publisher(pm)
    for v in (pm.meta.get("og:site_name"), pub, pm.ld_site_name, pm.meta.get("application-name"),
              pm.meta.get("apple-mobile-web-app-title")):
        if v and 1 < len(v) < 80:
            return v.strip()
    return None


def title_site(page_title: str | None, headline: str | None) -> str | None:
    """The site's name a page's <title> adds to its headline ("Yen weakens past 150 - Example Wire", "Example
    Wire | Yen weakens past 150"; with a section between, "Headline | Markets | Example Wire", the last part):
    for a page whose markup names no site. A part of one ordinary word ("Markets") is a section."""
    if not page_title or not headline:
        return None
    parts = [p.strip() for p in _TITLE_SEP.split(" ".join(page_title.split())) if p.strip()]
    head = _fold(headline)
    cand = None
    for k in range(1, len(parts)):
        if _fold("".join(parts[:k])) == head:
            cand = parts[-1]
        elif k == 1 and _fold("".join(parts[1:])) == head:
            cand = parts[0]
    if not cand or not 1 <= len(cand.split()) <= 5 or any(ch.isdigit() for ch in cand) or not cand[:1].isupper():
        return None
    return None if " " not in cand and is_common_word(cand.casefold()) else cand


def hm_publisher(pm: PageMeta) -> str | None:
    names = ld_names(pm.ld_article.get("publisher")) if pm.ld_article else []
    return names[0] if names else None


def site_names(pm: PageMeta, url: str | None) -> list[str]:
    """Names the site goes by (display names, twitter handle, domain label) for matching."""
    out: list[str] = []
    first_name = site_name(pm)
    for v in (first_name, hm_publisher(pm), pm.ld_site_name, pm.meta.get("og:site_name"),
              pm.meta.get("application-name"), (pm.meta.get("twitter:site") or "").lstrip("@")):
        if v and v not in out:
            out.append(v)
    if url:
        host = (urlsplit(url).hostname or "").lower()
        parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "blog", "news")]
        if len(parts) >= 2:
            label = parts[-3] if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "gov", "ac") else parts[-2]
            out.append(label)
            out.append(".".join(parts[-2:]))
    return out


_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|»|·|•|~|/|:)\s+|\s*\|\s*")


def _matches_site(seg: str, names: list[str]) -> bool:
    f = _fold(seg)
    if not f:
        return True
    for n in names:
        fn = _fold(n)
        if fn and (f == fn or (len(fn) >= 4 and (fn in f or f in fn) and len(f) <= len(fn) + 12)):
            return True
    return False


def strip_site_suffix(title: str, names: list[str], *, max_site_words: int = 4) -> str:
    """Remove ' | Site', ' - Site', 'Site: ' and similar from a page title."""
    t = " ".join(title.split())
    for _ in range(3):
        seps = list(_TITLE_SEP.finditer(t))
        if not seps:
            break
        last, firstsep = seps[-1], seps[0]
        tail, head = t[last.end():], t[:firstsep.start()]
        if _matches_site(tail, names) and len(t[:last.start()].split()) >= 2:
            t = t[:last.start()].strip()
            continue
        if _matches_site(head, names) and len(t[firstsep.end():].split()) >= 2:
            t = t[firstsep.end():].strip()
            continue
        if "|" in last.group(0) and len(tail.split()) <= max_site_words and len(t[:last.start()].split()) >= 3:
            t = t[:last.start()].strip()
            continue
        if _DOMAIN_SEG.match(tail) and t[:last.start()].strip():  # "Headline | Example.com"
            t = t[:last.start()].strip()
            continue
        break
    return t


_DOMAIN_SEG = re.compile(r"^(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|co|io|info|biz|gov|edu|"
                         r"[a-z]{2})(?:\.[a-z]{2})?$", re.I)


def _tokens(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.casefold()))


def _sim(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def choose_title(pm: PageMeta, names: list[str], *, min_h1_sim: float = 0.3, lone_h1_words: int = 3) -> str | None:
    """The headline: the visible <h1> when it is the article's, else og:title/headline/<title>,
    without the site-name suffix. A meta title wins over the <h1> when the page repeats it as a section
    heading, or when it is the same headline in better shape (`_fuller_meta_title`)."""
    metas = [v for v in (pm.meta.get("og:title"), pm.ld_article.get("headline") if pm.ld_article else None,
                         pm.meta.get("twitter:title"), pm.html_title) if isinstance(v, str) and v.strip()]
    metas = [strip_site_suffix(m, names) for m in metas]
    h1s = [h for h in pm.h1 if 1 < len(h) < 300 and not _matches_site(h, names)]
    best = None
    if h1s and metas:
        scored = max(((max(_sim(h, m) for m in metas), i, h) for i, h in enumerate(h1s)), key=lambda x: (x[0], -x[1]))
        if scored[0] >= min_h1_sim:
            best = scored[2]
        elif len(h1s) == 1 and len(h1s[0].split()) >= lone_h1_words:
            best = h1s[0]
    elif h1s and len(h1s[0].split()) >= 2:
        best = h1s[0]
    if best is None:
        best = metas[0] if metas else None
    elif metas:
        # the meta title repeated word for word as a section heading: the article's own headline under a
        # banner <h1> ('Save on your move today' over '<h2>How to pack a kitchen</h2>')
        heads = {_fold(x) for x in pm.subheads}
        repeated = next((m for m in metas if len(m.split()) >= 3 and _fold(m) != _fold(best) and _fold(m) in heads),
                        None)
        best = repeated or _fuller_meta_title(best, metas)
        # "Blog: How to ..." / "Review: ..." where the page's own titles carry the headline without the label
        m = _LABEL_PREFIX.match(best)
        if m and any(_fold(m.group(1)) == _fold(x) for x in metas):
            best = m.group(1)
    return strip_site_suffix(best, names) if best else None


_LABEL_PREFIX = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s*(\S.*)$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
# what a meta title adds after the visible headline: a site name or tagline when it follows a dash or a bar
_TAGLINE_START = re.compile(r"^\s*(?:[|\-–—·•~/»,]|::)")
# a year (or month and year) added to the meta title for freshness: "... in 2026", "(2025)", ", December 2025"
_DATE_TAIL = re.compile(r"\W*(?:(?:in|for|of)\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
                        r"(?:19|20)\d\d\W*", re.I)


def _fuller_meta_title(h1: str, metas: list[str]) -> str:
    """The meta title instead of the chosen <h1> when it is the same headline in better shape: the <h1> with
    its characters damaged ('Planning? Beginner? Guide' for 'Planning: Beginner's Guide'), set in capitals
    only, or cut short (the meta title goes on after the whole <h1>, leading 'The' aside: 'Index funds' /
    'Index Funds: How to Invest'; not after a dash or bar, where a tagline or site name starts)."""
    if "?" in h1.rstrip("?") or "\ufffd" in h1:  # encoding damage: each bad character became '?'
        rx = re.compile(re.escape(h1).replace("\\?", ".{1,3}").replace("\ufffd", ".{1,3}"))
        for m in metas:
            if m != h1 and rx.fullmatch(m):
                return m
    if h1.isupper() and re.search(r"[A-Z]", h1):
        sims = [(_sim(h1, m), m) for m in metas if not m.isupper()]
        if sims and max(sims)[0] >= 0.6:
            return max(sims)[1]
    end = re.search(r"\W*$", h1).group(0).strip()  # the <h1>'s own closing '?' or '!'
    head = " ".join(re.findall(r"\w+", _LEADING_ARTICLE.sub("", h1).casefold()))
    if not head:
        return h1
    for m in metas:
        words = list(re.finditer(r"\w+", m))
        folded = [w.group(0).casefold() for w in words]
        n = len(head.split())
        if len(folded) > n and " ".join(folded[:n]) == head:
            rest = m[words[n - 1].end():].lstrip(end)
            if not _TAGLINE_START.match(rest) and not _DATE_TAIL.fullmatch(rest):
                return m
    return h1


# ------------------------------------------------------------------ authors
_BY_PREFIX = zh_compile(r"^(?:(?:(?:additional\s+)?(?:written|posted|reported|reporting|words|story|text|edited|"
                        r"reviewed)\s+by|by|authors?|"
                        r"(?:read )?more (?:about|from)|about(?: the author)?|meet|byline)(?![A-Za-z])\s*[:：]?\s*"
                        r"|(?:作者|记者|文|撰文|编辑|责任编辑)\s*[:：/／\s]\s*)", re.I)
_ROLE_ALT = (
    r"senior|chief|executive|managing|deputy|associate|assistant|contributing|staff|special|"
    r"editor(?:ial)?s?|writers?|reporters?|correspondents?|contributors?|columnists?|journalists?|producers?|"
    r"analysts?|editor-at-large|intern|freelance|founder|co-founder|ceo|cfo|cto|president|director|manager|"
    r"officer|head of|desk|bureau|trending|guest|author|expert|specialist|strategist|"
    r"educators?|consultants?|researchers?|scientists?|professor|lecturer|vp|"
    r"fact[- ]checker|reviewer|photographer|illustrator")
_ROLE_WORDS = re.compile(r"\b(?:" + _ROLE_ALT + r")\b", re.I)
# ", Senior Director, Content & Marketing, Example Media": a role after the name, then the affiliation
# (after a comma, also words that are surnames too often to be dropped on their own)
_ROLE_COMMA = re.compile(r"\s*,\s*(?=(?:the\s+)?(?:" + _ROLE_ALT + r"|master|lead|partner|head)\b)", re.I)
_MULTI_SEP = re.compile(r"\s*(?:;|\||,?\s+and\s+)\s*", re.I)
# "Doe, Jane Q." (library/citation order): one surname, a comma, a given name and initials
_INVERTED = re.compile(r"^([A-Z][\w'’-]+),\s+([A-Z][a-z][\w'’-]*(?:\s+[A-Z]\.?){0,2})$")
_POSTNOMINAL = re.compile(r"^(?:[A-Z]{2,6}|M\.?D\.?|Ph\.?D\.?|Dr\.?|Jr\.?|Sr\.?|I{2,3}|IV|Esq\.?|R\.?N\.?|CFA|CPA|MBA)$")
_JUNK = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|@\w+", re.I)
_DATEISH = re.compile(r"\b(?:updated|published|posted|last updated|on)\b.*$|" + _MON + r"\s+\d{1,2}.*$|\d{1,2}/\d{1,2}/\d{2,4}.*$|"
                      r"\b\d+\s+(?:min(?:ute)?s?|hours?|days?)\b.*$", re.I)
_TRAILING_MONTH = re.compile(r"[\s,–—-]+(?!may\b)" + _MON + r"$", re.I)  # "May" is also a surname
_SPLIT = re.compile(r"\s*(?:;|\||\band\b|&|\+|、|，)\s*", re.I)
_STOP_NAMES = frozenset({"staff", "admin", "administrator", "editor", "editors", "guest", "anonymous",
                         "unknown", "none", "null", "undefined", "n/a", "author", "contributor", "home", "news"})


_CREDIT_OTHER = re.compile(r"^(?:photos?|photographs?|photography|images?|illustrations?|art|design|graphics|code|"
                           r"development|video|audio|data|research|production|editing|edited)\s*(?::|by\b)", re.I)
# a second credit after the writer's name: "By Jane Doe; Editing by John Roe", "Jane Doe Reviewed by John Roe",
# "Story by Jane Doe • Photographs by John Roe" (the writer is the author; editors, reviewers and photographers not)
_OTHER_CREDIT_MID = re.compile(r"[\s,;|/•·–—-]*\b(?:(?:copy[- ])?editing|(?:copy[- ])?edited|reviewed|"
                               r"fact[- ]checked|medically reviewed|photos?|photographs?|photography|pictures|illustrations?|"
                               r"illustrated|graphics|video|videos|produced|images?|designed|design)\s*(?:by\b|:)",
                               re.I)
# a bio sentence glued to the name: "Jane Doe is a senior writer at ..."
_BIO_CUT = re.compile(r"\s+(?:is|was|has|writes|covers|joined|lives|works|holds|serves)\s.*$")
# a news agency or a note in brackets after the name ("Jane Doe (Reuters)")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)$")

_CREDIT_WRITER = re.compile(r"^(?:text|words|content|story|reporting|writing|written)\s*:\s*", re.I)


def _clean_one(name: str) -> str | None:
    s = _JUNK.sub(" ", name)
    s = " ".join(s.split()).strip(" ,.-|:·•")
    if _CREDIT_OTHER.match(s):
        return None  # "design: Jane Doe" in a credits list: not the author
    s = _CREDIT_WRITER.sub("", s)
    s = _BY_PREFIX.sub("", s)
    s = _DATEISH.sub("", s).strip(" ,.-|:·•")
    s = _TRAILING_MONTH.sub("", s).strip(" ,.-|:·•")
    s = _TRAILING_PAREN.sub("", s).strip(" ,.-|:·•")
    if not s:
        return None
    words = s.split()
    half = len(words) // 2
    if len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]  # the name twice (an avatar's alt text and the name link): "Jane Doe Jane Doe"
        s = " ".join(words)
    if len(words) >= 3 and re.fullmatch(r"[A-Z]{2,3}", words[0]) and \
            words[0] == "".join(w[0] for w in words[1:1 + len(words[0])]).upper():
        s = " ".join(words[1:])  # avatar initials before the name: "JD Jane Doe"
        words = words[1:]
    # "Jane Doe Senior Editor" -> "Jane Doe"; a role alone, or "Site Staff Writer" -> drop
    m = _ROLE_WORDS.search(s)
    if m:
        head = s[:m.start()].strip(" ,-–—|")
        if len(head.split()) >= 2 or (head and len(words) > 1 and "," in s[:m.start() + 1]):
            s = head
        elif not head or all(_ROLE_WORDS.fullmatch(w) for w in s[m.start():].split()):
            return None
    s = s.strip(" ,.-|:·•")
    if not s or s.casefold() in _STOP_NAMES or len(s) > 60 or len(s.split()) > 6:
        return None
    if any(w in _UI_WORDS for w in s.split()):
        return None  # a link or a label, not a name: 'Learn more about our (contributors)', 'View all posts'
    if not re.search(r"[^\W\d_]", s):
        return None
    return s


def _split_names(raw: str) -> list[str]:
    parts: list[str] = []
    for chunk in _SPLIT.split(raw):
        if not chunk:
            continue
        pieces = [p.strip() for p in chunk.split(",")]
        cur: list[str] = []
        for p in pieces:
            if cur and (_POSTNOMINAL.match(p.replace(" ", "")) or len(p.split()) == 0):
                cur[-1] = f"{cur[-1]}, {p}"  # credentials stay with the name
            elif p:
                cur.append(p)
        parts.extend(cur)
    return parts


_NAME_THEN_ROLE = re.compile(r"^((?:[A-Z][\w'’.-]+\s+){1,2}[A-Z][\w'’.-]+)\s+(?=(?i:" + _ROLE_ALT + r")\b)")


def _cut_affiliation(s: str) -> str:
    """'Jane Doe, Senior Director, Content & Marketing, Example Media' -> 'Jane Doe': after a role that
    follows a name with a comma, the rest is the role and the employer. With several 'Name, Role' pairs
    ('A, Editor, and B, Writer') each pair is cut on its own. Without a comma, 'Jane Doe Executive Editor
    and Master Gardener' is cut after the name when it holds the only role."""
    cuts = list(_ROLE_COMMA.finditer(s))
    if not cuts:
        m = _NAME_THEN_ROLE.match(s)
        if m and not _ROLE_WORDS.search(m.group(1)):
            rest = s[m.end():]
            # one role phrase, at most one "and" inside it: not "A Editor and B Writer"
            if not re.search(r"[;|,]", rest) and len(re.findall(r"(?i)\band\b|&", rest)) <= 1 and \
                    not re.search(r"(?i)\band\b\s+[A-Z][\w'’.-]+\s+[A-Z][\w'’.-]+\s+(?:" + _ROLE_ALT + r")\b", rest):
                return m.group(1)
        return s
    if len(cuts) == 1:
        return s[:cuts[0].start()]
    out = []
    for piece in _MULTI_SEP.split(s):
        m = _ROLE_COMMA.search(piece)
        piece = piece[:m.start()] if m else piece
        if piece.strip(" ,"):
            out.append(piece.strip(" ,"))
    return "; ".join(out)


def _uninvert(s: str) -> str:
    """'Doe, Jane Q.' -> 'Jane Q. Doe' (a credential such as 'CFA' after the comma is left alone)."""
    m = _INVERTED.match(s)
    if not m or _POSTNOMINAL.match(m.group(2).replace(" ", "")) or _ROLE_WORDS.search(m.group(2)):
        return s
    return f"{m.group(2)} {m.group(1)}"


# words of an outlet's or an institution's name, never of a person's (lower case)
ORG_WORDS = frozenset("""daily news times post journal herald tribune review wire press media group markets
finance financial network network tv radio agency holdings ltd inc co corp bank capital securities research
weekly today online hub university college school institute store shop app""".split())


def outlet_credit(name: str) -> bool:
    """A credit naming an outlet or an institution ("Harbour Wire", "Bloomberg News", "Example Capital")."""
    return any(t.lower().strip(".,") in ORG_WORDS for t in name.split()) and not _ROLE_WORDS.search(name)


def without_affiliation(names: list[str]) -> tuple[list[str], str | None]:
    """People's names and the affiliation credited after them ("By Jane Doe, Harbour Wire", "Jane Doe and John
    Roe, Reuters", "Jane Doe, London"): the last credit is no author when it names an outlet or is one word
    while every credit before it is a person's name of two words or more. The affiliation is returned when it
    names an outlet (a one-word credit may be a place as well as an agency)."""
    if len(names) < 2 or not all(_NAME_LIKE.match(n) and not outlet_credit(n) for n in names[:-1]):
        return names, None
    last = names[-1]
    if outlet_credit(last):
        return names[:-1], last
    if " " not in last and last[:1].isupper() and not last.isupper():
        return names[:-1], None  # (an acronym after a comma is a credential as often: "Jane Doe, CFA")
    return names, None


def clean_authors(raw: list[str], *, site_names: list[str] | None = None, max_authors: int = 8) -> list[str]:
    """Names only: no 'By', roles, dates, emails or generic 'Staff'; de-duplicated; the site's own
    name is dropped when real people are also named, and so is the outlet or place credited after them
    (see without_affiliation)."""
    names: list[str] = []
    for r in raw:
        r = _BY_PREFIX.sub("", " ".join(r.split()))
        m = _OTHER_CREDIT_MID.search(r)
        if m and m.start() > 0 and re.search(r"[^\W\d_]{2}", r[:m.start()]):
            r = r[:m.start()]  # the writer's name, without the editor or photographer credited after it
        if len(r.split()) >= 4:
            head = _BIO_CUT.sub("", r)
            r = head if len(head.split()) >= 2 else r
        r = _uninvert(_cut_affiliation(r))
        for part in _split_names(r):
            n = _clean_one(part)
            if n and n.casefold() not in (x.casefold() for x in names):
                names.append(n)
    if len(names) > 1 and site_names:
        people = [n for n in names if not _matches_site(n, site_names)]
        names = people or names
    names = without_affiliation(names)[0]
    # drop a name whose tokens are all inside a longer one ("Jane Doe" vs "Jane Q. Doe")
    out = [n for n in names if not any(n is not o and _tokens(n) < _tokens(o) for o in names)]
    return out[:max_authors]


_AUTHOR_ATTR = re.compile(r"(?:\b|_)(?:author|byline|writer|by-line)", re.I)  # also BEM "card__author"


def _author_attr(cls: str) -> bool:
    """``_AUTHOR_ATTR`` found in a class/id string (the words looked for first: most elements of a page have
    none of them, and a case-blind pattern without a literal to skip to tries every position)."""
    low = cls.lower()
    return ("author" in low or "byline" in low or "writer" in low or "by-line" in low) \
        and _AUTHOR_ATTR.search(cls) is not None

_AUTHOR_SKIP = re.compile(r"bio|about|avatar|img|image|photo|social|follow|more|box|comment|description|info-?box", re.I)
# a link to an author's page ('/author/jane-doe/', WordPress's default '?author=12')
# (matched in the lower-cased link)
_AUTHOR_HREF = re.compile(r"/(?:authors?|writers?|contributors?|producers?|people|staff|profiles?|team|columnists?|reporters?)/[\w.%-]+/?$"
                          r"|/\?author=[\w-]+$")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")  # a Chinese name or pen name as an author link's text
_BY_TEXT = re.compile(r"^\s*(?:(?:written|posted|reported|words|story)\s+)?by\s*:?\s*(?=\S)(.+)$", re.I | re.S)
_BYLINE_CUT = re.compile(r"\s*(?:[|·•⋅/]|\bon\b|\bupdated\b|\bpublished\b|\bposted\b|\breviewed by\b|\bfact[- ]checked\b|\d).*$", re.I | re.S)
_BY_LABEL = re.compile(r"^(?:[A-Za-z]+\s+){0,2}by:?$", re.I)
# "This post was written by Jane Doe, MD, a ..." (a byline written as a sentence at the top or end)
_SENTENCE_BY = re.compile(r"^this (?:post|article|story|piece|blog(?: post)?|guide|content) (?:was|is|has been) "
                          r"(?:written|authored|contributed) by\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})"
                          r"((?:,\s*(?:[A-Z]{2,6}|M\.?D\.?|Ph\.?D\.?)\b)*)", re.I)
_AUTHOR_LABEL = re.compile(r"^(?:authors?|author\(s\)|writers?)\s*:?$", re.I)  # a heading above the names
# words of a button or a link text (in lower case), never of a name or a site's name
_UI_WORDS = frozenset({"our", "your", "my", "more", "about", "learn", "read", "view", "see", "click", "here",
                       "follow", "contact", "share", "posts", "articles", "all"})
_NAME_LIKE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|der|da|di|del|la|le|bin|al)){1,4}$")


def looks_like_handle(v: str) -> bool:
    """'jdoe', 'jane.doe', 'page.head.author': a username or template key, not a byline."""
    v = v.strip()
    return " " not in v and (v.islower() or "." in v or "_" in v or "{" in v)


def _byline_text(el: etree._Element, max_len: int) -> str | None:
    txt = " ".join(" ".join(el.itertext()).split())
    if not txt or len(txt) > max_len:
        return None
    m = _BY_TEXT.match(txt)
    if not m:
        return None
    name = _BYLINE_CUT.sub("", m.group(1)).strip(" ,.-–—:")
    return name or None


def _zh_label_author(el: etree._Element, after: int = 40) -> list[str]:
    """'作者：X' written directly in el (the name may sit in a child: '作者：<a>X</a>')."""
    direct = (el.text or "") + "".join((c.tail or "") for c in el)
    if "作者" not in direct and "撰文" not in direct:
        return []
    lm = _ZH_LABEL.search(direct)
    if not lm:
        return []
    txt = " ".join(" ".join(t for t in el.itertext() if t).split())
    lm = _ZH_LABEL.search(txt)
    m = _ZH_AUTHOR_LABEL.match(txt[lm.start():lm.start() + after + 8]) if lm else None
    if not m:
        return []
    names = []
    for n in m.group(1).split("、"):
        if n in _ZH_NOT_NAMES:
            break
        names.append(n)
    return names


def _names_after_label(el: etree._Element, max_len: int) -> list[str]:
    """'Author(s)' / 'Authors:' as a heading or label: the names in the element right after it (one name,
    or a list of names as links or list items)."""
    nxt = el.getnext()
    if nxt is None or not isinstance(nxt.tag, str):
        return []
    items = [" ".join(" ".join(x.itertext()).split()) for x in nxt.iter("li", "a")]
    items = list(dict.fromkeys(x for x in items if x))
    if len(items) > 1 and all(_NAME_LIKE.match(x) for x in items):
        return items
    txt = (el.tail or "").strip() or " ".join(" ".join(nxt.itertext()).split())
    txt = _BYLINE_CUT.sub("", txt).strip(" ,.-–—:")
    return [txt] if txt and len(txt) <= max_len and _NAME_LIKE.match(txt) else []


_HANDLE = re.compile(r"[a-z0-9][\w.-]{2,29}")
_TEAM_CREDIT = re.compile(r"\b(?:team|staff|editors|editorial|newsroom|desk)\b", re.I)
_NAME_CLASS = re.compile(r"(?:^|[\s_-])(?:name|fn)(?:$|[\s_-])", re.I)


def _name_parts(box: etree._Element) -> list[str]:
    """The texts of the elements inside an author box whose class calls them the name ('author-name',
    'byline__name', hCard 'fn'), outermost first (a name element inside another is not read twice)."""
    out: list[str] = []
    taken: list[etree._Element] = []
    for d in box.iterdescendants():
        if not isinstance(d.tag, str) or not _NAME_CLASS.search(d.get("class") or ""):
            continue
        if any(t in taken for t in d.iterancestors()):
            continue
        taken.append(d)
        txt = " ".join(" ".join(d.itertext()).split())
        if txt and txt not in out:
            out.append(txt)
    return out


def find_byline_authors(tree: etree._Element, *, max_len: int = 120, max_elements: int = 30000) -> list[str]:
    """Names from visible bylines outside noise regions, in order of reliability:
    rel/itemprop/class 'author'/'byline' elements, a 'By Name' line, links to author pages."""
    body = body_of(tree)
    if body is None:
        return []
    by_text: str | None = None
    team = False
    handle_by: str | None = None
    links: list[tuple[str, etree._Element | None]] = []
    # the Chinese author labels are looked for element by element only on a page whose text has one
    all_text = etree.tostring(body, method="text", encoding="unicode", with_tail=False)
    han = _HAN.search(all_text) is not None  # (the Chinese labels' tests scan the whole text: only when it has Han)
    zh_labels = han and ("作者" in all_text or "撰文" in all_text)
    zh_issuer_label = han and any(w in all_text for w in _ZH_ISSUER_WORDS)
    zh_page = han and bool(re.search(r"[\u4e00-\u9fff]{4}", all_text[:20000]))
    issuer: str | None = None
    # a byline that only names the site (the blog's title linked as rel=author) gives way to a person named
    # further down; it is the answer only when nobody is
    site: str | None = None  # (read when first needed)
    site_hit: list[str] = []
    reviewer: list[str] = []  # 'Reviewed by X' in a byline box: the article's reviewer, named only when no writer is
    credit_boxes: list[etree._Element] = []  # the reviewer credits (the name link inside one is no byline either)
    for n, el in enumerate(body.iter()):
        if n > max_elements:
            break
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "img", "meta", "link", "svg", "path"):
            continue
        rel, ip = (el.get("rel") or "").lower(), (el.get("itemprop") or "").lower()
        c, i = el.get("class"), el.get("id")
        cls = f"{c or ''} {i or ''}" if c or i else ""
        zh = _zh_label_author(el) if zh_labels else []
        if zh and not in_noise(el, strict=False):
            return zh
        if zh_issuer_label and issuer is None:
            issuer = _zh_issuer(el)
        hit = rel == "author" or ip == "author" or cls and _author_attr(cls)
        if hit:
            if _AUTHOR_SKIP.search(cls) or in_noise(el, strict=False) or \
                    (el.tag == "a" and _TAXONOMY_HREF.search(el.get("href") or "")):
                continue
            if ip == "author":
                named = el.xpath(".//*[@itemprop='name']")
                if named:
                    txt = named[0].get("content") or " ".join(" ".join(named[0].itertext()).split())
                    if txt and clean_authors([txt]):
                        return [txt]
            txt = " ".join(" ".join(el.itertext()).split())
            if 2 < len(txt) <= max_len:
                named = _name_parts(el)
                if len(named) == 1 and len(named[0]) < len(txt) and clean_authors(named):
                    return named  # the box also holds a label, a role or a date: its name element alone
                linked = [" ".join(" ".join(a.itertext()).split()) for a in el.iter("a")]
                linked = [x for x in linked if _NAME_LIKE.match(x)]
                if len(linked) > 1 and sum(map(len, linked)) >= 0.6 * len(txt):
                    return linked  # a list of author links: one name each
                cand = _byline_text(el, max_len) or txt
                if clean_authors([cand]):
                    if _REVIEWER_CREDIT.match(cand):
                        reviewer = reviewer or [cand]
                        credit_boxes.append(el)
                        continue
                    if credit_boxes and any(a in credit_boxes for a in el.iterancestors()):
                        continue
                    if site is None:
                        site = _fold(_og_site_name(tree))
                    if site and _fold(cand) == site:
                        site_hit = site_hit or [cand]
                        continue
                    return [cand]
            continue
        own_text = (el.text or "").strip()
        if by_text is None and own_text and own_text[0] in "AaWw" and _AUTHOR_LABEL.match(own_text) and len(el) == 0 \
                and not in_noise(el, strict=False):
            listed = _names_after_label(el, max_len)
            if listed:
                return listed
        if (by_text is None or team) and own_text and (own_text[:2].lower() == "by" or own_text[-3:].lower().endswith(
                ("by", "by:")) and _BY_LABEL.match(own_text)):
            own = " ".join(" ".join(el.itertext()).split())
            if _BY_TEXT.match(own) and len(own) > 3 and not own.lower().endswith(" by"):
                cand = _byline_text(el, max_len)
            else:  # "By"/"Article by" alone: the name follows in the tail, the next sibling, or the parent
                nxt = el.getnext()
                follow = (el.tail or "").strip() or (" ".join(" ".join(nxt.itertext()).split()) if nxt is not None else "")
                cand = _BYLINE_CUT.sub("", follow).strip(" ,.-–—:") if 0 < len(follow) <= max_len else None
                if not cand and el.getparent() is not None:
                    cand = _byline_text(el.getparent(), max_len)
            if cand and _NAME_LIKE.match(cand) and not (team and _TEAM_CREDIT.search(cand)) \
                    and not in_noise(el, strict=False):
                by_text = cand
                team = bool(_TEAM_CREDIT.search(cand))  # 'By Example Team': a named writer further down wins
            elif cand and handle_by is None and _HANDLE.fullmatch(cand) and re.match(r"(?i)by\s", own) \
                    and len(own) <= 40 and not in_noise(el, strict=False):
                handle_by = cand  # 'by jdoe': a username, taken only when nothing names anyone
        if by_text is None and el.tag in ("p", "em", "i", "div", "span") and own_text[:4].lower() == "this":
            m = _SENTENCE_BY.match(" ".join(" ".join(el.itertext()).split())[:200])
            if m and not in_noise(el, strict=False):
                by_text = m.group(1) + (m.group(2) or "")
        if el.tag == "a" and len(links) < 8:
            href = el.get("href") or ""
            if _AUTHOR_HREF.search(href.lower()):
                txt = " ".join(" ".join(el.itertext()).split())
                if txt and (_NAME_LIKE.match(txt) or _HAN_NAME.fullmatch(txt)) and not in_noise(el, strict=False) and \
                        txt not in (t for t, _p in links):
                    links.append((txt, el.getparent()))
    if by_text:
        return [by_text]
    if not links:
        marked = _data_attribute_byline(body)
        if marked:
            return marked
        if issuer:
            return [issuer]
        if handle_by:
            return [handle_by]
        # weaker signals, each only when nothing above names anyone
        return (_zh_name_titled(body) if zh_page and "：" in all_text else []) or _site_owner(tree, body) \
            or _author_card(body) or (_zh_blog_owner(tree, body) if zh_page else []) or site_hit or reviewer
    # links to author pages: the first, with those next to it in the same short line ('A, B & C' as links)
    box = links[0][1]
    if box is None or len(" ".join(" ".join(box.itertext()).split())) > max_len:
        return [links[0][0]]
    return [t for t, p in links if p is box]


# a link to a category, tag or topic listing (a topic label styled like the byline is not its author)
_TAXONOMY_HREF = re.compile(r"(?:^|[/?&_])(?:categor(?:y|ies)|tags?|topics?|sections?)(?:[=/]|$)", re.I)


def _og_site_name(tree: etree._Element) -> str:
    head = tree.find("head")
    for m in (head.iter("meta") if head is not None else ()):
        if m.get("property") == "og:site_name":
            return m.get("content") or ""
    return ""


def _data_attribute_byline(body: etree._Element) -> list[str]:
    """A byline marked by a data attribute only (data-testid="post-author", no author class): the element's
    text when it is a name and nothing else (such attributes also mark buttons and 'more by the author' links)."""
    for el in _DATA_AUTHOR_XPATH(body):
        data = " ".join(v for k, v in el.items() if k.startswith("data-") and len(v) <= 40 and "/" not in v)
        if data and _AUTHOR_ATTR.search(data) and not _AUTHOR_SKIP.search(data) and \
                not _DATA_NOT_NAME.search(data) and not in_noise(el, strict=False):
            txt = " ".join(" ".join(el.itertext()).split())
            if _NAME_LIKE.match(txt) and not _AUTHOR_ATTR.search(txt) and clean_authors([txt]):
                return [txt]
    return []


_DATA_AUTHOR_XPATH = etree.XPath(
    ".//*[@*[starts-with(name(), 'data-') and (contains(., 'author') or contains(., 'Author') or "
    "contains(., 'byline') or contains(., 'writer'))]]")
_REVIEWER_CREDIT = re.compile(r"^\W*(?:(?:medically|expert|fact)[- ])?(?:reviewed|fact[- ]checked|edited|verified)"
                              r"\s+by\b", re.I)
_DATA_NOT_NAME = re.compile(r"cta|link|btn|button|posts|list|card|tooltip-content|menu", re.I)
# the issuing body of an official document ('发文机关：某省人民政府' in a government page's info table)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ZH_ISSUER_WORDS = all_forms(("发文机关", "发布机构", "发文单位"))
_ZH_ISSUER = zh_compile(r"^\s*(?:" + "|".join(_ZH_ISSUER_WORDS) + r")\s*[:：]\s*(.*)$", re.S)


def _zh_issuer(el: etree._Element) -> str | None:
    """'发文机关：X' in one element, or '发文机关：' as a table cell or label with X in the next cell."""
    m = _ZH_ISSUER.match(el.text or "")
    if not m:
        return None
    val = " ".join(m.group(1).split()) if len(el) == 0 else ""
    if not val:
        nxt = el.getnext()
        val = " ".join(" ".join(nxt.itertext()).split()) if nxt is not None and isinstance(nxt.tag, str) else ""
    return val if 2 <= len(val) <= 30 and re.fullmatch(r"[\u4e00-\u9fff·（）()]+", val) else None


# 'X：Title' as the headline of a signed commentary, with the title repeated and 'X' under it as the byline
_ZH_NAME_TITLE = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,4})[：:]\s*([^\s：:]{4,40})(?=\s)")


def _zh_name_titled(body: etree._Element, max_tries: int = 8) -> list[str]:
    text = " ".join(t for t in body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]"))
    for i, m in enumerate(_ZH_NAME_TITLE.finditer(text)):
        if i >= max_tries:
            break
        name, title = m.group(1), m.group(2)
        if name in _ZH_NOT_NAMES or to_simplified(name).endswith(("说", "称", "表示", "指出")):
            continue
        if re.search(re.escape(title) + r"\s+" + re.escape(name) + r"(?:\s|$)", text[m.end():]):
            return [name]
    return []


def _author_card(body: etree._Element, max_imgs: int = 200, follow_chars: int = 300) -> list[str]:
    """An author box without an author class: a portrait whose alt text is a name, the same name as the next
    text, then a role or a bio ('Independent Technology Writer', 'Jane writes about ...', 'Jane is a ...')."""
    for i, img in enumerate(body.iter("img")):
        if i >= max_imgs:
            break
        alt = " ".join((img.get("alt") or "").split())
        if not alt or len(alt) > 40 or not _PERSON_NAME.fullmatch(alt) or _ROLE_WORDS.search(alt):
            continue
        after: list[str] = []
        size = 0
        for t in img.xpath("following::text()[normalize-space()][position() <= 6]"):
            t = " ".join(t.split())
            after.append(t)
            size += len(t)
            if size > follow_chars:
                break
        if not after or after[0] != alt or in_noise(img) or _in_people_list(img):
            continue
        rest = " ".join(after[1:])[:follow_chars]
        first = alt.split()[0]
        if _ROLE_WORDS.search(rest) or re.match(r"(?:%s|she|he|they)\s+(?:is|was|has|writes|covers|explores)\b"
                                                % re.escape(first), rest, re.I):
            return [alt]
    return []


_PEOPLE_BOX = re.compile(r"testimonial|team|speaker|member|staff|people|client|customer|partner|review|quote|"
                         r"carousel|slider|grid", re.I)


def _in_people_list(el: etree._Element, depth: int = 6) -> bool:
    """Inside a testimonial, team, speaker or customer block (portraits with names and roles that are not the
    article's author)."""
    for i, a in enumerate(el.iterancestors()):
        if i >= depth or a.tag in _ROOT_TAGS:
            break
        if a.tag == "li" or _PEOPLE_BOX.search(f"{a.get('class') or ''} {a.get('id') or ''}"):
            return True
    return False


# the most common Chinese surnames (single-character): a short Han string that starts with one reads as a name
_ZH_SURNAMES = frozenset(all_forms(tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
                         "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
                         "戴莫孔向汤柳")))
_ZH_BLOG_OF = zh_compile(r"^([\u4e00-\u9fff·]{2,6})的(?:博客|专栏|个人空间|空间|日志|网志|部落格|blog)", re.I)


def _zh_blog_owner(tree: etree._Element, body: etree._Element) -> list[str]:
    """A Chinese blog's owner: a site title 'X的博客' / 'X的专栏', or a page header whose <h1> is only a link
    with a personal name (a common surname and one or two more characters) above the post's own heading."""
    for t in [*tree.xpath("//title//text()")[:1], *tree.xpath("//meta[@property='og:site_name']/@content")[:1]]:
        m = _ZH_BLOG_OF.match(" ".join(t.split()))
        if m and m.group(1) not in _ZH_NOT_NAMES:
            return [m.group(1)]
    h1 = next(body.iter("h1"), None)
    if h1 is None or in_noise(h1, strict=False):
        return []
    txt = "".join("".join(h1.itertext()).split())
    links = [a for a in h1.iter("a") if a.get("href")]
    if len(links) == 1 and "".join("".join(links[0].itertext()).split()) == txt and \
            re.fullmatch(r"[\u4e00-\u9fff]{2,3}", txt) and txt[0] in _ZH_SURNAMES and \
            body.xpath("count(.//h2|.//h3)") > 0:
        return [txt]
    return []


_PERSON_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
_PERSON_NAME = re.compile(_PERSON_WORD + r"(?:\s+(?:[A-Z]\.\s+)?" + _PERSON_WORD + r"){1,2}")
_TITLE_SEGS = re.compile(r"\s+(?:\||-|–|—|·|•|::|»)\s+")


def _site_owner(tree: etree._Element, body: etree._Element) -> list[str]:
    """A personal site's owner: the page title ends (or starts) with a person's name ('Post title | Jane Doe')
    and the link to the site's home page carries the same name (the owner writes the site's posts). A name
    whose later words are common English words ('Example Online', 'Park University') is an organisation's
    (given names are common words too, so the first word may be one)."""
    title = tree.find(".//title")
    if title is None:
        return []
    segs = _TITLE_SEGS.split(" ".join("".join(title.itertext()).split()))
    if len(segs) < 2:
        return []
    names = [x for x in (segs[-1], segs[0]) if _PERSON_NAME.fullmatch(x) and not _ROLE_WORDS.search(x)
             and not any(is_common_word(w) for w in re.findall(r"[^\W\d_]+", x)[1:])]
    if not names:
        return []
    for a in body.iter("a"):
        href = (a.get("href") or "").strip()
        if href in ("/", "./", "#") or re.fullmatch(r"https?://[^/]+/?", href):
            txt = " ".join(" ".join(a.itertext()).split())
            if txt in names:
                return [txt]
    return []


_ZH_NAME = r"[\u4e00-\u9fff·]{2,4}"
_ZH_END = r"(?=[\s）)】\]、/]|$)"
# names in one byline are separated by spaces or list commas; a tab or a line break ends the byline (table cells
# and menu items after '记者' are other things: '记者之家\t社会\t体育')
_ZH_NAMES = _ZH_NAME + _ZH_END + r"(?:[ \u3000\xa0、,，]+" + _ZH_NAME + _ZH_END + r"){0,7}"
_ZH_AUTHOR = zh_compile(r"(?:(?:作者|撰文|记者)\s*[:：/／]?|(?<![\u4e00-\u9fff])(?:文|稿)\s*[:：/／])\s*(" + _ZH_NAMES + ")")
_ZH_EDITOR = zh_compile(r"(?:责任编辑|编辑|责编)\s*[:：]\s*(" + _ZH_NAMES + ")")


_ZH_NOT_NAMES = frozenset(all_forms(("报道", "摄影", "摄", "通讯员", "实习生", "发自", "综合", "编辑", "责任编辑", "来源", "整理",
                           "本报", "记者", "专电", "电", "简介", "文章", "介绍", "信息", "其他", "更多")))


# a place with the word of a filed report ("深圳报道", "北京电", "发自纽约"): no name
ZH_DISPATCH = zh_compile(r"(?:报道|电|讯)$|^发自")
_ZH_TOKEN = r"[^\s|,，、()（）\[\]【】<>:：=\"']{2,20}(?=[\s|,，、()（）\[\]【】]|$)"
_ZH_AUTHOR_LABEL = re.compile(r"(?:作者|撰文)\s*[:：]\s*(" + _ZH_TOKEN + r"(?:、" + _ZH_TOKEN + r"){0,5})")
_ZH_POSTED_BY = zh_compile(r"(?:本[贴帖]|帖子|此[贴帖])由\s*([^\s由于@，。,]{1,16}?)\s*于|由\s*([^\s由于@，。,]{1,16}?)\s*(?:张贴|发表)|"
                           r"(?:发布时间|发表于|发表时间)\s*[\d/:\-年月日 ]{8,25}\s*by\s+([^\s〓|]{1,20})|"
                           r"(?:^|[\s】\]>]|是)([^\s是在于@，。,【】]{1,16}?)\s*在\s*(?:19|20)\d\d年\d{1,2}月\d{1,2}日[\d:：\s]*发表")
# portal date lines: "2004年7月16日08:19 [ 张三 ] 来源：[ 某报 ]" (the author in brackets before the source)
_ZH_BRACKET_SOURCE = zh_compile(r"[\[【]\s*(" + _ZH_NAMES + r")\s*[\]】]\W{0,3}(?:来源|出处)\s*[:：]")
_ZH_LABEL = re.compile(r"(?:作者|撰文)\s*[:：]")


def chinese_byline(text: str, *, head: int = 400, tail: int = 300, editors: bool = True) -> list[str]:
    """Names from '作者：X', '记者 X Y', '（记者 X）' (searched in the first `head` and last `tail`
    characters, where bylines sit), forum/blog '本贴由X于…' / '由X张贴' / '发布时间 … by X' / 'X在2005年8月12日…发表',
    a portal date line's '[ X ] 来源：', else (with ``editors``) '责任编辑：X' (the only credit many Chinese portals
    give; a caller that has other places to look for the author asks for it last)."""
    edges = text if len(text) <= head + tail else f"{text[:head]}\n{text[-tail:]}"
    if any(w in edges for w in _CO_GLUED_WORDS):  # '记者张三 通讯员李四': the label glued to the name
        edges = _ZH_CO_LABEL_GLUED.sub(r"\1 ", edges)
    for rx in (_ZH_AUTHOR_LABEL, _ZH_AUTHOR, _ZH_POSTED_BY, _ZH_BRACKET_SOURCE) + ((_ZH_EDITOR,) if editors else ()):
        m = rx.search(edges if rx in (_ZH_AUTHOR_LABEL, _ZH_AUTHOR) else text)
        if m and rx is _ZH_POSTED_BY:
            name = m.group(1) or m.group(2) or m.group(3) or m.group(4)
            if name and name not in _ZH_NOT_NAMES:
                return [name]
            continue
        if m:
            names = []
            for n in re.split(r"[\s、,，]+", m.group(1)):
                if n in _ZH_CO_LABELS and names:
                    continue  # '记者 张三 通讯员 李四': correspondents and interns share the byline
                if n in _ZH_NOT_NAMES or ZH_DISPATCH.search(n):
                    break  # ('记者 张晓 深圳报道': where the report was filed from)
                names.append(n)
            if names:
                if rx is _ZH_AUTHOR:  # '本报实习生 A B' on its own line beside '本报记者 C D': one byline
                    names = [n for c in _ZH_CO_LINE.finditer(edges) for n in re.split(r"[\s、,，]+", c.group(1))
                             if n and n not in _ZH_NOT_NAMES and n not in names] + names
                return names
    return []


_CO_GLUED_WORDS = all_forms(("通讯员", "实习生"))
_ZH_CO_LABELS = frozenset(all_forms(("通讯员", "实习生", "见习记者", "特约记者")))
# a byline line of correspondents or interns alone ('本报实习生 张三 李四')
_ZH_CO_LINE = zh_compile(r"(?m)^\s*(?:本报|本刊)?(?:通讯员|实习生|见习记者|特约记者)\s*[:：]?\s*"
                         r"((?:[\u4e00-\u9fff]{2,4}[ \t、,，]*){1,6})$")
_ZH_CO_LABEL_GLUED = zh_compile(r"(通讯员|实习生)(?=[\u4e00-\u9fff]{2,4}(?:[\s）)】\]、/]|$))")


# ------------------------------------------------------------------ dates
_PUB_META = ("article:published_time", "og:article:published_time", "og:published_time", "datepublished",
             "publishdate", "publish-date", "publish_date", "pubdate", "publication_date", "date",
             "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created", "dcterms.date", "sailthru.date",
             "parsely-pub-date", "article.published", "article_date_original", "original-publish-date",
             "citation_publication_date", "citation_date", "cxenseparse:recs:publishtime", "release_date",
             "displaydate", "og:updated_time")
_MOD_META = ("article:modified_time", "og:article:modified_time", "datemodified", "last-modified", "dcterms.modified")
_COPYRIGHT_LOW = zh_compile(r"©|\(c\)|copyright|all rights reserved|版权|cookie")


def _copyright(text: str) -> bool:
    """A copyright or cookie line (the words looked for in the lower-cased text: a case-blind pattern of
    alternatives folds the case of every character at every position it tries)."""
    return _COPYRIGHT_LOW.search(text.lower()) is not None


_UPDATE_LABEL = re.compile(r"(?:updated|modified|edited|revised|reviewed|refreshed|更新)\W*(?:on|at)?\W*$", re.I)
_UPDATE_START = re.compile(r"^\W*(?:(?:last\s+)?updated|modified|edited|revised|reviewed|更新)\b", re.I)
_UPDATE_IN_LINE = re.compile(r"\b(?:updated|modified|revised)\b|更新", re.I)
_PUB_IN_LINE = zh_compile(r"\b(?:(?:first\s+)?published|posted)\b(?:\s+on)?\s*:?\s*|(?:发布|发表)(?:时间|日期|于)?\s*[:：]?\s*",
                          re.I)
_MOD_CLASS = re.compile(r"updated|modified", re.I)
_PUB_CLASS = re.compile(r"publish|posted|created", re.I)


def _text_before(el: etree._Element, limit: int = 40) -> str:
    """The visible text just before el inside its parent (a label such as 'Updated:')."""
    parent = el.getparent()
    if parent is None:
        return ""
    parts = [parent.text or ""]
    for sib in parent:
        if sib is el:
            break
        if isinstance(sib.tag, str) and sib.tag not in ("script", "style"):
            parts.append(" ".join(sib.itertext()))
        parts.append(sib.tail or "")
    return " ".join(" ".join(parts).split())[-limit:]


def is_modified_marker(el: etree._Element) -> bool:
    """A <time> (or date element) that shows when the article was updated, not published:
    itemprop dateModified, an 'updated' class without a 'published' one (on it or its wrapper), or an
    'Updated' / 'Last updated:' label right before it or inside it."""
    if (el.get("itemprop") or "").lower() == "datemodified":
        return True
    for node in (el, el.getparent()):
        if node is None:
            continue
        cls = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _MOD_CLASS.search(cls) and not _PUB_CLASS.search(cls):
            return True
    own = " ".join(" ".join(el.itertext()).split())
    return bool(_UPDATE_START.match(own) or _UPDATE_LABEL.search(_text_before(el)))


def _explicit_time_elements(body: etree._Element) -> Iterable[tuple[str, bool]]:
    """(value, is_update) for each <time> outside noise regions."""
    for el in body.iter("time"):
        v = el.get("datetime") or el.get("content") or " ".join(el.itertext())
        if v and not in_noise(el):
            yield v, is_modified_marker(el)


# URL and visible <time> first: pages that were updated show (and mean) the visible date, while
# JSON-LD often keeps the first-draft date of a recycled URL.
DATE_ORDER = ("url", "time", "meta", "itemprop", "text", "ld", "ld_page", "article_text")
LAST_RESORT = ("time_modified", "meta_modified", "ld_modified")


def date_candidates(tree: etree._Element, pm: PageMeta, url: str | None, *,
                    text_window: int = 1500, article_text: str | None = None) -> dict[str, str]:
    """Every source of a publication date on the page: {source: ISO date}."""
    out: dict[str, str] = {}
    ld = pm.ld_article

    def put(k: str, v: str | None) -> None:
        if v and k not in out:
            out[k] = v
    if ld:
        put("ld", iso_date(ld.get("datePublished")) or iso_date(ld.get("dateCreated")))
        put("ld_modified", iso_date(ld.get("dateModified")))
    for k in _PUB_META:
        put("meta", iso_date(pm.meta.get(k)))
    for k in _MOD_META:
        put("meta_modified", iso_date(pm.meta.get(k)))
    body = body_of(tree)
    if body is not None:
        for el in body.xpath(".//*[@itemprop='datePublished' or @itemprop='dateCreated']"):
            if not in_noise(el):
                put("itemprop", iso_date(el.get("content") or el.get("datetime") or " ".join(el.itertext())))
        for v, updated in _explicit_time_elements(body):
            put("time_modified" if updated else "time", iso_date(v))
        if "time" not in out and "time_modified" in out:  # the only visible date: the one the reader sees
            out["time"] = out.pop("time_modified")
        near_line: list[str] = []
        put("text", _date_near_headline(body, text_window, line=near_line))
        if near_line and len(near_line[0]) <= 40:
            put("text_line", out.get("text"))  # read from a short date line, not from a sentence
    put("url", url_date(url))
    if article_text:
        put("article_text", text_date(article_text[:300]))
    if pm.ld_page:
        put("ld_page", iso_date(pm.ld_page.get("datePublished")))
    return out


_NUM_DATE = r"(?:(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}/\d{1,2}/(?:19|20)\d\d)"
_LABELLED_DATE = zh_compile(
    r"(?:发布日期|发布时间|发表日期|发表时间|发表于|发布于|发帖时间|日期|时间|published(?:\s+on)?|posted(?:\s+on)?|date)"
    r"\s*[:：]?\s*(?P<d1>" + _NUM_DATE + r"|" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?:19|20)\d\d)"
    r"|在\s*(?P<d2>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)[\d:：\s]*发表", re.I)
# a heading that starts a list of other stories: nothing after it is the article's own date
_RELATED_HEAD = zh_compile(r"^(?:related|more (?:from|stories|articles|news|on)|read (?:more|next)|you (?:may|might) also|"
                           r"recommended|(?:most )?popular (?:posts|stories|articles)|trending|"
                           r"latest (?:posts|stories|articles|news)|相关(?:文章|阅读|新闻|链接|报道|帖子)|推荐阅读|"
                           r"热门(?:文章|推荐|新闻|帖子)|更多(?:文章|新闻|精彩)|延伸阅读)", re.I)
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)$")


def _any_date(s: str) -> str | None:
    """text_date, plus numeric month/day/year ('9/17/2004'; day/month when the first number is over 12)."""
    m = _MDY.match(s.strip())
    if not m:
        return text_date(s)
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    mo, d = (b, a) if a > 12 else (a, b)
    return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None


def _noise_decision(node: etree._Element, strict: bool) -> bool | None:
    """What `in_noise` decides at this node on its way up: noise (True), a page root that ends the
    search (False), or nothing (None: ask the parent)."""
    tag = node.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return None
    if tag in ("nav", "footer") or (strict and tag == "aside" and not _inside_article(node)):
        return True
    if tag in _ROOT_TAGS and not _story_card(node):
        return False
    cls = (node.get("class") or "") + " " + (node.get("id") or "")
    return True if cls.strip() and _noise_class(cls, strict) else None


def iter_clean(root: etree._Element, *, strict: bool = True):
    """The elements under ``root`` (itself included) in document order that are not `in_noise`, decided
    in one pass from the top (what `in_noise` finds walking up from each element, without the walk)."""
    up = root.getparent()
    start = in_noise(up, strict=strict) if up is not None else False
    stack = [(root, start)]
    while stack:
        el, inherited = stack.pop()
        own = _noise_decision(el, strict)
        noisy = inherited if own is None else own
        if not noisy:
            yield el
        stack.extend((child, noisy) for child in reversed(el))


def labelled_date(body: etree._Element, *, limit: int = 30000) -> str | None:
    """The first date the page labels as its publication ('发布日期：9/17/2004', 'Posted on May 3, 2021',
    'X在2005年8月12日10:01发表') anywhere in the visible text outside noise regions and copyright lines."""
    parts: list[str] = []
    size = 0
    for el in iter_clean(body):
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript"):
            continue
        for t in (el.text, el.tail):
            if t and t.strip() and not _copyright(t):
                t = " ".join(t.split())
                if len(t) < 40 and _RELATED_HEAD.match(t):
                    size = limit + 1
                    break
                parts.append(t)
                size += len(t) + 1
        if size > limit:
            break
    for m in _LABELLED_DATE.finditer(" ".join(parts)):
        d = _any_date(m.group("d1") or m.group("d2") or "")
        if d:
            return d
    return None


def find_published(tree: etree._Element, pm: PageMeta, url: str | None, *,
                   order: tuple[str, ...] = DATE_ORDER, text_window: int = 1500,
                   use_htmldate: bool = True, htmldate_extensive: bool = True,
                   article_text: str | None = None) -> str | None:
    """The article's publication date from the most explicit source available (a date the page
    labels as published, anywhere in its text, before htmldate's guess)."""
    cands = date_candidates(tree, pm, url, text_window=text_window, article_text=article_text)
    d = next((cands[k] for k in order if k in cands), None)
    if d and "text_line" in cands and cands["text_line"][:10] < d[:10] and \
            next(k for k in order if k in cands) in ("meta", "itemprop"):
        # the page prints an earlier date under its headline than its meta tags claim: a re-published or
        # migrated post keeps its original date in view (meta tags carry the date of the move)
        d = cands["text_line"]
    if d is None:
        body = body_of(tree)
        d = labelled_date(body) if body is not None else None
    if d is None and use_htmldate:
        d = _htmldate(tree, url, htmldate_extensive, _parser_languages(pm.lang, article_text))
    return d or next((cands[k] for k in LAST_RESORT if k in cands), None)


_KEEP_TAGS = frozenset({"html", "head", "body", "main", "article"})


def _detach_noise(tree: etree._Element) -> list[tuple[etree._Element, int, etree._Element]]:
    """Take navigation, asides, footers and related/comment/cookie blocks out of the tree; returns what
    `_reattach` needs to put them back exactly (an element leaves and returns with its tail text)."""
    drop = [el for el in tree.iter() if isinstance(el.tag, str) and el.tag not in _KEEP_TAGS and (
        el.tag in _NOISE_TAGS or _noise_class(f"{el.get('class') or ''} {el.get('id') or ''}", False))]
    taken = []
    for el in drop:
        parent = el.getparent()
        if parent is not None:
            taken.append((parent, parent.index(el), el))
            parent.remove(el)
    return taken


def _reattach(taken: list[tuple[etree._Element, int, etree._Element]]) -> None:
    for parent, i, el in reversed(taken):
        parent.insert(i, el)


# htmldate hands the strings its own patterns cannot read to dateparser, with a parser that tries every one of
# dateparser's ~200 locales: 20-30 ms a string once they are loaded, and 2.5 s to load them on first use. The
# same settings over the languages of the news newsdesk reads take ~1 ms a string.
DATEPARSER_LANGUAGES = ("en", "zh", "de", "fr", "es", "it", "pt", "ja", "ko", "ru", "nl", "ar")


@functools.lru_cache(maxsize=16)
def _external_date_parser(languages: tuple[str, ...] = DATEPARSER_LANGUAGES):
    from dateparser import DateDataParser

    return DateDataParser(languages=list(languages), settings={
        "NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"], "PREFER_DATES_FROM": "past",
        "PREFER_LOCALE_DATE_ORDER": True, "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True})


def _parser_languages(lang: str | None, text: str | None = None) -> tuple[str, ...]:
    """The languages dateparser tries on a page declared in `lang` (``<html lang>``): that language and English
    (a string no language reads is tried in each, so every language left out saves a parse). A page that
    declares none is read in the language of its article `text`; all of DATEPARSER_LANGUAGES are tried only
    when neither names one of them (over twelve, a string none reads costs ~20 ms)."""
    if not lang and text:
        lang = detect_language(text)
    code = (lang or "").strip().lower()[:2]
    if code not in DATEPARSER_LANGUAGES:
        return DATEPARSER_LANGUAGES
    return ("en",) if code == "en" else (code, "en")


_HTMLDATE_LOCK = threading.Lock()


@contextlib.contextmanager
def _fast_external_parser(languages: tuple[str, ...] = DATEPARSER_LANGUAGES):
    """htmldate's dateparser fallback (``htmldate.extractors.get_external_parser``, looked up by name at each
    call) pointed at the parser above for these languages while newsdesk's own call runs, and back at
    htmldate's own afterwards: another user of htmldate or trafilatura in the process gets the library's
    behaviour (calls hold a lock, so threads do not restore each other's parser)."""
    import htmldate.extractors as hx

    with _HTMLDATE_LOCK:
        own = hx.get_external_parser
        hx.get_external_parser = functools.partial(_external_date_parser, languages)
        try:
            yield
        finally:
            hx.get_external_parser = own


def _htmldate(tree: etree._Element, url: str | None, extensive: bool = False,
              languages: tuple[str, ...] = DATEPARSER_LANGUAGES) -> str | None:
    """htmldate's heuristic search, as a last resort, on the page without noise regions (so a date
    in a related-story list, a footer or a cookie banner is never taken). htmldate works on a copy of
    what it is given, so the regions are detached for the call and put back, not copied twice."""
    taken = []
    try:
        from datetime import datetime

        from htmldate import find_date
        taken = _detach_noise(tree)
        with _fast_external_parser(languages):
            d = find_date(tree, url=url, original_date=True, extensive_search=extensive,
                          max_date=datetime.now().astimezone().strftime("%Y-%m-%d"))
        if d and d.endswith("-01-01") and not _new_year(tree, url, d[:4]):
            return None  # a year alone ("since 2021") read as its first day, not a date the page gives
        return d
    except Exception:  # noqa: BLE001
        log.debug("htmldate failed", exc_info=True)
        return None
    finally:
        _reattach(taken)


def _new_year(tree: etree._Element, url: str | None, year: str) -> bool:
    """Whether the page or its URL writes 1 January of ``year`` as a day ("January 1, 2021", "1 Jan 2021",
    "2021-01-01", "2021/01/01", "01/01/2021", "2021年1月1日")."""
    rx = re.compile(rf"(?i)\bjan(?:uary)?\.?\s+0?1(?:st)?,?\s+{year}\b|\b0?1(?:st)?\s+jan(?:uary)?\.?,?\s+{year}\b|"
                    rf"\b{year}[-/.]0?1[-/.]0?1\b|\b0?1[-/.]0?1[-/.]{year}\b|{year}年0?1月0?1日")
    return bool(rx.search(url or "")) or any(rx.search(t) for t in tree.itertext() if year in t)


def _kicker_date(h1: etree._Element, max_chars: int = 40) -> str | None:
    """A date shown just above the headline (a 'kicker' or eyebrow line: <p>March 5, 2024</p><h1>): the
    element right before the <h1> (or before the wrapper the <h1> opens: '<div>date</div><div><h1>'), when it
    holds nothing but a short date."""
    node, prev = h1, h1.getprevious()
    for _ in range(2):
        while prev is not None and not isinstance(prev.tag, str):  # comments
            prev = prev.getprevious()
        if prev is not None or node.getparent() is None or node.getparent().tag in _ROOT_TAGS:
            break
        node = node.getparent()
        prev = node.getprevious()
    if prev is None or not isinstance(prev.tag, str) or prev.tag in ("script", "style", "noscript"):
        return None
    txt = " ".join(" ".join(prev.itertext()).split())
    if not txt or len(txt) > max_chars or _copyright(txt) or in_noise(prev) or is_modified_marker(prev):
        return None
    return text_date(txt)


def _date_near_headline(body: etree._Element, window: int, *, line: list[str] | None = None) -> str | None:
    """A written date in the text right after the first <h1> (or the top of the body), skipping noise
    regions and copyright/cookie lines, up to a 'Related' / 'Read more' heading. A date labelled as an update ('Updated', 'Last modified', an
    'updated' class) gives way to an unlabelled one in the window or a short date line right above the
    <h1>; when it is the only date shown, it is the one the reader sees and is taken. `line`, when given,
    receives the text the unlabelled date was read from."""
    h1 = next(iter(body.iter("h1")), None)
    start = h1 if h1 is not None else body
    seen = 0
    started = h1 is None
    prev = ""
    updated = None
    for el in body.iter():
        if el is start:
            started = True
        if not started or not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript"):
            continue
        for is_tail, t in ((False, el.text), (True, el.tail)):
            if not t or not t.strip():
                continue
            seen += len(t)
            if seen > window or (len(t) < 40 and _RELATED_HEAD.match(t.strip())):
                return (_kicker_date(h1) if h1 is not None else None) or updated
            if _copyright(t) or in_noise(el):
                continue
            d = text_date(t)
            if d:
                both = _PUB_IN_LINE.search(t) if _UPDATE_IN_LINE.search(t) else None
                if both:  # "Updated Dec 9, 2026 | Published Dec 7, 2026": the date the line labels as published
                    d = text_date(t[both.end():]) or d
                    if line is not None:
                        line.append(" ".join(t.split()))
                    return d
                if _UPDATE_START.match(t) or _UPDATE_LABEL.search(prev) or (not is_tail and is_modified_marker(el)):
                    updated = updated or d
                else:
                    if line is not None:
                        line.append(" ".join(t.split()))
                    return d
            prev = " ".join(t.split())[-40:]
    return (_kicker_date(h1) if h1 is not None else None) or updated
