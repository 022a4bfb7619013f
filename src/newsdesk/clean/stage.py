"""The clean stage: a Document in, its Articles out (body, title, authors, publisher, language, date)."""
from __future__ import annotations

import math
import re

from ..link.dates import page_year, stated_day
from ..model import Article, Document, content_id
from ..pipeline.stage import Bundle, DocumentStage, StageContext
from . import lines as L
from . import reldate, text_meta
from .bilingual import line_script, split_languages
from .html_meta import clean_authors, strip_site_suffix
from .lang import detect_language
from .textpage import RawArticle, parse_text_page
from .zhscript import zh_compile

SCRIPT_LANG = {"latin": None}  # a Latin-script half is identified by the language model


def not_an_article(body: list[str]) -> str | None:
    """Why a block of kept lines is not an article, or None: mostly log-in/subscribe prompts (a login
    wall), or mostly headlines, bylines and dates with next to no sentences (an index of links)."""
    lines = [s for s in body if s.strip()]
    if not lines:
        return "no article text"
    counts = [L.word_count(s) for s in lines]
    # (a prompt is a short line: a page extracted as one long paragraph that mentions subscribing is prose;
    # the prompts are counted only as long as the short lines left could still make half of the page)
    short = [s for s, n in zip(lines, counts) if n <= 40]
    spare = len(short) - math.ceil(len(lines) / 2)  # lines that may fail to be prompts
    for s in short:
        if spare < 0:
            break
        if not (L.prompt(s) or L.call_to_action(s)):
            spare -= 1
    else:
        if spare >= 0:
            return "login wall"
    # (Latin-script pages only: Chinese pages hard-wrap and list their paragraphs without end marks)
    if len(lines) < 4:
        return None
    total = sum(counts)
    if sum(L.han_count(s) for s in lines) > 0.3 * sum(len(s) for s in lines):
        return None
    # prose: sentences, or long lines (old pages hard-wrap paragraphs mid-sentence), not in headline case;
    # the longest first, and no further than the 30% of the words that make it an article
    need, prose = 0.3 * total, 0
    candidates = [(n, s) for s, n in zip(lines, counts) if n >= 8 and s.rstrip().endswith(L.TERMINAL) or n >= 15]
    for n, s in sorted(candidates, key=lambda x: -x[0]):
        if prose >= need:
            break
        if not L.title_case(s):
            prose += n
    if prose < need:
        return "index page (headlines without article text)"
    return None


# an error page or a script notice (what a crawler stores of a page it could not render): no article, however short
ERROR_PAGE = zh_compile(r"(?i)\b(?:page|document|article|content) (?:was )?(?:not found|(?:is )?(?:currently )?unavailable|"
                        r"(?:can ?not|could not|couldn't) be (?:found|displayed))|\b(?:404|403|500|503)\s*[-:–]?\s*"
                        r"(?:not found|error|forbidden|(?:service )?unavailable|internal server error)|"
                        r"\berror\s*:?\s*(?:404|403|500|503)\b|\baccess denied\b|\benable javascript\b|"
                        r"\bjavascript (?:is )?(?:required|disabled)\b|页面不存在|找不到页面|无法访问")


ERROR_PAGE_WORDS = 200  # an error page's text is its notice and a few hints; an article about errors runs longer


def error_page(title: str | None, body: list[str]) -> str | None:
    """Why a short text is no article ("error page"), when its title or first lines say the page is not there
    ("example.com document not found" over "The page you requested cannot be found. … Please try the following:
    …"): what a crawler stores of a dead link would otherwise open a story of its own. Else None."""
    if any(_DEAD_LINK.search(s) for s in [title or ""] + body[:2]) \
            and sum(L.word_count(s) for s in body) <= ERROR_PAGE_WORDS:
        return "error page"
    return None


# what a dead link's page says of itself (stricter than ERROR_PAGE, which judges briefs: a status code opens the
# line next to its error words, so "410 jobs cut at plant" is news; "not found" right after page / document / file)
_DEAD_LINK = zh_compile(r"(?i)^\W*(?:error\s*:?\s*(?:404|410)\b|(?:404|410)\s*[-:–|]?\s*(?:not found|gone|error)\b)|"
                        r"\b(?:page|document|file) not found\b|"
                        r"\bthe page you (?:requested|are looking for|were looking for) (?:cannot|can't|could not|"
                        r"couldn't|does not|doesn't|no longer) (?:be found|exists?)|页面不存在|找不到(?:该|此)?页面")


BRIEF_LINES = 4  # a brief is a paragraph or a few; more short lines are a page's menus and links


def record_brief(doc: Document, max_words: int) -> RawArticle | None:
    """A text of a line or a few that the page reader found nothing or too little in is an article when it
    reads as news: a feed item or JSONL record under its own title (a wire brief, a headline-only item), or
    a small text file (a date line, a headline, a sentence). Its text is kept whole. Not an error page
    ("Page not found"), a script notice or a login wall, nor a longer text or more than a few lines (a page
    dump whose reading found no article: menus, a list of links)."""
    if not max_words or doc.status != "ok":
        return None
    title = (doc.meta or {}).get("title")
    title = title.strip() if isinstance(title, str) else ""
    text = doc.text or ""
    if doc.kind == "html":
        if not title:
            return None  # (an HTML page's own reading stands: trafilatura found no article in it)
        from lxml import html as lxml_html

        try:
            tree = lxml_html.fromstring(text) if text.strip() else None
        except (ValueError, TypeError):
            return None
        if tree is not None:
            for el in tree.xpath("//script|//style|//noscript|//template"):
                el.drop_tree()
        text = tree.text_content() if tree is not None else ""
    lines = [" ".join(s.split()) for s in text.splitlines() if s.strip()]
    words = sum(L.word_count(s) for s in lines)  # (two Han characters count as a word)
    if not lines or len(lines) > BRIEF_LINES or words > max_words or ERROR_PAGE.search(title + " " + " ".join(lines)) \
            or not_an_article(lines) == "login wall":
        return None
    if not any(s.rstrip().endswith(L.TERMINAL) or L.is_title_like(s) for s in lines):
        return None  # neither a sentence nor a headline: menu entries, a label, a name
    header: list[str] = []
    if not title:  # a small file: date lines, then its headline over the text (or the headline alone)
        while len(lines) > 1 and text_meta.parse_date(lines[0]) and L.word_count(lines[0]) <= 8:
            header.append(lines.pop(0))
        if L.is_title_like(lines[0]) and not lines[0].endswith(L.TERMINAL):
            title = lines.pop(0) if len(lines) > 1 else lines[0]  # (a headline alone is also the item's text)
            while len(lines) > 1 and text_meta.parse_date(lines[0]) and L.word_count(lines[0]) <= 8:
                header.append(lines.pop(0))  # (a date line under the headline: "Published: 2026-12-07")
    return RawArticle(title=title or None, body=lines, start=0, end=len(lines),
                      header=text_meta.MetaLines(header, titled=bool(title)))


def _headline_in(lines: list[str], script: str) -> str | None:
    """The first headline among ``lines`` written in ``script`` (title-like, three words or more, not a sentence,
    not a date line: not a menu entry); of a headline given in both languages ("HSBC profit beats estimates |
    汇丰盈利胜预期"), the part in ``script``. (By script, not by language: a short headline's language guess is
    unreliable, "HSBC profit beats estimates" reads as French.)"""
    for line in lines:
        for h in _BILINGUAL_BAR.split(line.strip()):
            if h and L.is_title_like(h) and (L.word_count(h) >= 3 or L.han_count(h) >= 6) \
                    and not h.rstrip().endswith(L.TERMINAL) and line_script(h) == script and not text_meta.parse_date(h):
                return h
    return None


_BILINGUAL_BAR = re.compile(r"\s+[|｜/]\s+|\s*｜\s*")


def _half_head(lines: list[str], script: str, title: str | None) -> tuple[str | None, list[str]]:
    """A bilingual page's half that opens with its own headline and date line (the page's header carries the
    other language's): the headline becomes the half's title when it has none, and both leave its body."""
    i = 0
    while i < min(len(lines), 3):
        line = lines[i].strip()
        if title is None and _headline_in([line], script):
            title = line
        elif not (len(line) <= 40 and text_meta.parse_date(line)):
            break
        i += 1
    return title, lines[i:]


def _lines_above(text: str, body: list[str], look: int = 10) -> list[str]:
    """The page's non-blank lines right above the first line of ``body`` (in page order), up to ``look``."""
    if not body:
        return []
    lines = text.splitlines()
    first = body[0].strip()
    i = next((k for k, x in enumerate(lines) if x.strip() == first), None)
    return [] if i is None else [x for x in lines[max(0, i - look):i] if x.strip()]


def _near_title(doc, raw: RawArticle, header: list[str], base: dict) -> list[str]:
    """The lines around an article's headline where a relative time or a source label stands: the header zone of
    a text page (and the lines right above its body, nearest first); of an HTML page, what its reader kept
    (html.HtmlExtract.near_title)."""
    if doc.kind == "html":
        return base.get("near_title") or []
    return list(header or ()) + _lines_above(doc.text or "", raw.body)[::-1]


def _is_brief(lines: list[str]) -> bool:
    """A short text made of whole sentences (a news brief), not a stray line of page furniture: one sentence of
    eight words or more, the others of five or more (a brief's closing figure: "全日成交额为1,520亿港元。")."""
    return bool(lines) and any(L.word_count(s) >= 8 for s in lines) \
        and all(L.word_count(s) >= 5 and s.rstrip().endswith(L.TERMINAL)
                and not L.call_to_action(s) and not L.prompt(s) for s in lines)


class CleanStage(DocumentStage):
    name = "clean"

    def process(self, bundle: Bundle, ctx: StageContext) -> None:
        cfg = ctx.config["clean"]
        doc = bundle.document
        if doc.kind == "html":
            pairs = self._html(bundle, multi=cfg["multi_article"])
        else:
            raws = parse_text_page(doc.text or "", multi_article=cfg["multi_article"])
            # the page's copyright holder: its publisher when no article header names a source
            base: dict = {"site": text_meta.copyright_holder((doc.text or "").splitlines())} if raws else {}
            pairs = [(raw, base) for raw in raws] or [(None, base)]
        articles: list[Article] = []
        for raw, base in pairs:
            if raw is not None:
                articles.extend(self._articles(bundle, raw, base, cfg))
        if not articles:
            brief = record_brief(doc, cfg["record_brief_words"])
            if brief is not None:
                articles = self._articles(bundle, brief, {}, cfg, brief=True)
        if not articles:
            reason = next((b.get("empty_reason") for _r, b in pairs if b.get("empty_reason")), None)
            bundle.drop(reason or ("no article text" if all(r is None for r, _b in pairs) else "too short"))
            return
        bundle.articles = articles
        doc.articles = [a.id for a in articles]

    def _html(self, bundle: Bundle, multi: bool = True) -> list[tuple[RawArticle | None, dict]]:
        """(raw article, page metadata) per story: one for most pages, several for a page that carries
        stories of its own (html.extract_html_articles); (None, metadata) when there is no article."""
        from .html import extract_html, extract_html_articles

        doc = bundle.document
        text = doc.text or ""
        exts = extract_html_articles(text, url=doc.url) if multi else [extract_html(text, url=doc.url)]
        out: list[tuple[RawArticle | None, dict]] = []
        start = 0
        for ext in exts:
            base = {"title": ext.title, "authors": ext.authors, "publisher": ext.publisher,
                    "published": ext.published, "language": ext.language, "empty_reason": ext.empty_reason,
                    "near_title": ext.near_title}
            if doc.url is None and ext.url:
                doc.url = ext.url
            if not (ext.text or "").strip():
                out.append((None, base))
                continue
            paras = [p.strip() for p in ext.text.split("\n") if p.strip()]
            out.append((RawArticle(title=ext.title, body=paras, start=start, end=start + len(paras)), base))
            start += len(paras)
        return out

    def _articles(self, bundle: Bundle, raw: RawArticle, base: dict, cfg: dict, brief: bool = False) -> list[Article]:
        doc = bundle.document
        not_article = not_an_article(raw.body) \
            or error_page(raw.title or base.get("title") or (doc.meta or {}).get("title"), raw.body)
        if not_article:
            base["empty_reason"] = base.get("empty_reason") or not_article
            return []
        meta = doc.meta or {}
        header = raw.header or raw.before
        given = list(meta.get("authors") or ([meta["author"]] if meta.get("author") else []))
        # (a feed's or a record's credit is cleaned as a page's: "Jane Doe, Example Wire" is Jane Doe)
        authors = clean_authors(given) or given or list(base.get("authors") or []) or text_meta.header_authors(header)
        published = meta.get("published") or meta.get("date") or base.get("published") \
            or text_meta.header_date(header) or text_meta.dateline_date(raw.body)
        if published and len(published) == 10 and base.get("near_title"):
            # a page's date without its time, and the time on the line under the headline ("2026-03-10 16:20:35
            # 来源：…"): the same day, with its time
            timed = text_meta.header_date(base["near_title"][:3])
            published = timed if timed and timed[:10] == published and len(timed) > 10 else published
        attribution = text_meta.body_attribution(raw.body)
        publisher = meta.get("publisher") or (text_meta.header_publisher(raw.header, authors, raw.title)
                                              or text_meta.labelled_source(raw.header)  # a story's "来源：X"
                                              if raw.header else None) or base.get("publisher") \
            or text_meta.desk_publisher(authors) or base.get("site") \
            or text_meta.labelled_source(base.get("near_title") or ())  # an HTML page naming no site: "来源：X"
        title = meta.get("title") or raw.title or base.get("title")
        if meta.get("title") and meta.get("publisher"):  # a record's "Headline - Example Wire"
            title = strip_site_suffix(title, [meta["publisher"]])
        near = None  # (the lines around the headline, read when needed: see _near_title)
        fetched = None if published else reldate.fetch_time(meta.get("fetched"))
        read_relative = False
        parts: list[tuple[str | None, list[str]]]
        halves = split_languages(raw.body, min_share=cfg["min_language_share"]) if cfg["bilingual_split"] else None
        if halves:
            parts = [(sc, lines) for sc, lines in halves.items()]
        else:
            parts = [(None, raw.body)]
        out = []
        for script, lines in parts:
            lang = (SCRIPT_LANG.get(script, script) if script else None) or detect_language("\n\n".join(lines)) \
                or base.get("language")
            art_title = title
            if halves and title and len({line_script(p) for p in _BILINGUAL_BAR.split(title)}) > 1:
                art_title = _headline_in([title], script)  # "HSBC profit beats estimates | 汇丰盈利胜预期": this half's part
            elif halves and title and line_script(title) != script:
                # the page's headline belongs to the other language's half; this half's is the header line
                # in its own language, when the page gives the headline in both, or its own first line
                art_title = _headline_in(list(raw.header or ()) + _lines_above(doc.text or "", raw.body)[::-1], script)
            if halves:
                art_title, lines = _half_head(lines, script, art_title)
            text = "\n\n".join(lines)
            min_chars = cfg["min_article_chars_zh"] if lang in ("zh", "ja", "ko") else cfg["min_article_chars"]
            if brief:
                min_chars = 1  # (a record's own short text, see record_brief)
            elif _is_brief(lines):
                min_chars = min(min_chars, cfg["min_brief_chars"])
            if len(text) < min_chars:
                continue
            day, basis = published, "explicit" if published else None
            if not day and fetched:  # "3 hours ago", "Apr 12" under the headline, read against the fetch time
                if near is None:
                    near = _near_title(doc, raw, header, base)
                day = reldate.relative_date(near, fetched)
                basis = "inferred" if day else None
                read_relative = day is not None
            if not day:  # the day it reports as past, naming the weekday ("said on Thursday, March 19")
                stated = stated_day(text, page_year(doc.text or ""))
                day, basis = (stated.isoformat(), "inferred") if stated else (None, None)
            out.append(Article(
                id=content_id("a", doc.id, str(raw.start), lang or ""), document=doc.id, path=doc.path,
                text=text, title=art_title, language=lang, authors=authors, publisher=attribution or publisher,
                published=day, published_basis=basis, url=doc.url,
                span=(raw.start, raw.end), source_attribution=attribution,
                meta=({"site": publisher} if attribution and publisher else {})
                | ({"published_from": reldate.FETCHED} if read_relative else {})))
        return out
