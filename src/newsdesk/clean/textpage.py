"""Flattened pages: find the article(s) in a page rendered to text lines.

A page may carry one article or several (an aggregator page with full "related" stories). An article
starts at a *header*: a title-like line that the page repeats nearby (title, then the title again as a
link or heading) or that is followed by a source/date line, and that is followed by real prose. Lists
of related headlines are headers without prose, so they start nothing. Inside each segment the
text-mode line model (textmode.py) picks the body lines.

find_headers finds the page's own article header; find_stories decides whether the page carries several
stories. A story's header is compact: its time line is among the first lines under the headline (after
a repeat of it or a byline) or right above it ("Business | June 4, 2025"); its body is counted only up to
the next headline with a header of its own or the next time line, so a dated headline list, with or
without a one-sentence teaser per item, opens nothing; and its headline shares words with its text. A
page splits when two such stories stand in it, or one long story below a story of the page's own.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lines as L
from .reldate import is_relative_time_line
from .text_meta import SKIP_LINK, MetaLines, _is_date_line, bare_name, common_words, lower_words
from .textmode import score_lines, select_body
from .zhscript import zh_compile


@dataclass
class RawArticle:
    title: str | None
    body: list[str]
    start: int  # first line of the segment
    end: int  # one past the last line
    header: list[str] = field(default_factory=list)  # lines between the title and the body
    before: list[str] = field(default_factory=list)  # a few lines above the body when no title was found


@dataclass
class _Header:
    index: int  # the title line
    title: str
    last: int  # the last line of the header zone (title repeats, source and time lines)
    dated: bool = False  # a time line ("2 hours ago", a date) stands right under (or above) the title
    above: int | None = None  # a time line right above the title ("BUSINESS | June 4, 2025"), part of the header
    words: int = 0  # words of prose under the header, up to the next story or time line

    @property
    def start(self) -> int:
        return self.index if self.above is None else self.above


def _nonblank(lines: list[str], start: int, limit: int) -> list[int]:
    out = []
    i = start
    while i < len(lines) and len(out) < limit:
        if lines[i].strip():
            out.append(i)
        i += 1
    return out


def _same_title(a: str, b: str) -> bool:
    na, nb = _title_key(a), _title_key(b)
    return bool(na) and (na == nb or (len(na) > 20 and nb.endswith(na)))


@lru_cache(maxsize=1 << 16)
def _title_key(line: str) -> str:
    return L.norm_line(L.strip_bullet(line))


def _long_byline(line: str) -> bool:
    """A byline that names many people ("By A, B, C, ... and the desk"): header, not the story's prose."""
    s = line.strip()
    return bool(L.BYLINE.match(s)) and L.word_count(s) <= 40 and not s.endswith(L.TERMINAL)


def _is_prose(line: str, min_words: int) -> bool:
    s = line.strip()
    return L.is_long(s, min_words) and (s.endswith(L.TERMINAL) or not L.is_title_like(s))


# a lead under the byline or time line can be shorter than a deck-length line: a full sentence of this many words
LEAD_WORDS = 10


def _lead(line: str) -> bool:
    """A full sentence of at least LEAD_WORDS words: below a byline or a time line it is the story's first
    paragraph (a wire lead of 17 words had become the header's deck), not a deck, which stands above them."""
    s = line.strip()
    return L.is_long(s, LEAD_WORDS) and s.rstrip("\"”’'」』").endswith(_STOPS) and _meta_kind(s) is None


_STOPS = (".", "!", "?", "。", "！", "？")  # a sentence's end (a closing bracket ends a role line as well)


_REL_COUNT = zh_compile(r"(?i)(?:\ban?|\bone|\d+)\s*(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b"
                        r"|\d+\s*(?:分钟|小时|天|周)前")


def _time_line(line: str) -> bool:
    """A short line that gives a time: "June 4, 2025", "Updated 2025-06-04 10:32", "3 hours ago", "Jun 1" (a
    relative time only on a very short line: "刚刚" and "yesterday" also occur inside sentences)."""
    s = line.strip()
    if not L.is_dateline(s):
        return is_relative_time_line(s)  # a day without its year ("Jun 1", "6月1日"), as blogs and feeds date posts
    wc = L.word_count(s)
    if L.ABS_DATE.search(s):  # (a date with the source and the author: "2005年3月21日 来源：… 作者：…")
        return wc <= 10 or (wc <= 16 and bool(L.ZH_BYLINE.search(s) or re.search(r"(?i)\bby\b", s)))
    if _REL_COUNT.search(s):
        return wc <= 6
    # "Yesterday", "Updated today", "昨天 10:32", "综合报道 刚刚" (but not "Get started today")
    rest = re.sub(r"[\d:]+", " ", L.REL_TIME.sub(" ", s))
    return wc <= 4 and L.word_count(rest) <= (2 if L.han_count(rest) else 1)


def _meta_kind(line: str) -> str | None:
    """'date' for a time line, 'byline' for a byline or a Chinese source/author line, else None."""
    s = line.strip()
    if _time_line(s):
        return "date"
    if (L.BYLINE.match(s) and L.word_count(s) <= 25) or (L.ZH_BYLINE.search(s) and L.word_count(s) < 16) \
            or L.ZH_REPORTER.match(s):
        return "byline"
    return None


_NOTE = re.compile(r"^\s*[(（\[【].*[)）\]】]\s*$")
_NUMBERED = re.compile(r"^\s*\d{1,3}\s*[.)、:]\s*\D")


def is_numbered(line: str) -> bool:
    """An entry of a numbered list ("5. The fifth tool"): a section of a listicle, not a story's headline."""
    return bool(_NUMBERED.match(line))


def _headline(line: str) -> bool:
    """A headline long enough to be another story's title (not a kicker, a button, a name or a note in
    brackets)."""
    return L.is_title_like(line) and (L.word_count(line) > 5 or L.han_count(line) >= 8) and not _NOTE.match(line) \
        and not is_numbered(line)


def _source_line(lines: list[str], j: int, ahead: list[int]) -> bool:
    """A short name line with a time line right under it: the outlet of a templated header
    ("Title / Outlet / 2 hours ago"), not another headline."""
    nxt = [k for k in ahead if k > j][:1]
    return L.word_count(lines[j]) <= 4 and bool(nxt) and _meta_kind(lines[nxt[0]]) == "date" \
        and not is_numbered(lines[j])  # ("3. Some Event" / "June 4-6, 2026": an entry of a numbered list)


def _meta_under(lines: list[str], i: int, ahead: list[int], meta_lines: int) -> tuple[list[int], bool]:
    """The header lines under the title at `i`: repeats of it, bylines and time lines among the first
    `meta_lines` other non-blank lines, up to prose or another headline. Returns (meta lines, dated)."""
    meta: list[int] = []
    dated = False
    seen = 0
    repeated = any(_same_title(lines[i], lines[j]) for j in ahead)
    for j in ahead:
        s = lines[j]
        if _same_title(lines[i], s):
            meta.append(j)
            continue
        if j == ahead[0] and _deck_below(lines, i, j):
            continue  # the headline's deck (standfirst) right under it: its byline and date come next
        kind = _meta_kind(s)
        if kind:
            meta.append(j)
            dated = dated or kind == "date"
        elif _is_prose(s, 12) or (L.is_title_like(s) and (L.word_count(s) > 5 or not repeated)
                                   and not _source_line(lines, j, ahead)):
            # the text, or another headline: a time line after it is that one's (under a repeated title,
            # a short title-like line is the template's source line: "Title / Title / Source / 2 hours ago")
            break
        seen += 1
        if seen >= meta_lines:
            break
    return meta, dated


_FIELD = re.compile(r"^\s*[^\W\d_][\w'’()&/ -]{0,24}\s*[:：]\s+\S")


def _field_line(line: str) -> bool:
    """A "Label: value" row of a fact box ("Location: Dublin, Ireland"; a label of one or two words)."""
    m = _FIELD.match(line)
    return bool(m) and L.word_count(line[:line.find(":") if ":" in line else line.find("：")]) <= 2


def _in_fields(lines: list[str], i: int) -> bool:
    """Line i is a row of a fact box: a "Label: value" line next to another one that is no byline or time
    line (no blank line between; "Location: Dublin" / "Focus: AI" / "Price: $99"), not a headline
    ("Exclusive: ..." over "Source: Example News")."""
    s = lines[i]
    if not _field_line(s) or L.word_count(re.split(r"[:：]", s, maxsplit=1)[1]) > 5:
        return False  # (a long value may be a headline: an official notice's box names its title, "Title: ...")
    return any(0 <= k < len(lines) and _field_line(lines[k]) and not _meta_kind(lines[k]) for k in (i - 1, i + 1))


def _two_words(line: str) -> bool:
    """Two capitalised words with no sentence mark ("Island ferries"): a headline only with a full header."""
    s = line.strip()
    words = s.split()
    return len(words) == 2 and L.word_count(s) == 2 and s[:1].isupper() and not L.han_count(s) \
        and not s.endswith((".", ":", ";", ",", "!", "?")) and not s.isupper() and all(w[:1].isalpha() for w in words) \
        and not _meta_kind(s) and not L.AD_LABEL.match(s)


def _short_headline(lines: list[str], i: int) -> bool:
    """A short title-like line (three to five words: "Quiet Harbour Nights") with a byline right under it: a
    headline (a kicker, a button or a name has no byline of its own)."""
    s = lines[i]
    if not L.is_title_like(s) or _NOTE.match(s) or is_numbered(s):
        return False
    nxt = _nonblank(lines, i + 1, 1)
    return bool(nxt) and nxt[0] - i <= 2 and _meta_kind(lines[nxt[0]]) == "byline"


def _date_above(lines: list[str], i: int) -> int | None:
    """A short time line right above a headline ("Business | June 4, 2025", "2025-06-04 来源：…"). Comments
    put the time above their text too, so a line that ends like a sentence is no headline here."""
    s = lines[i].strip()
    # (a closing bracket ends a headline's note, not a sentence: "... (and What It Means for You)")
    if not (_headline(s) or _short_headline(lines, i)) \
            or (s.endswith(L.TERMINAL) and not s.endswith(("?", "？", ")", "）"))):
        return None
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k >= 0 and i - k <= 2 and _time_line(lines[k]) and not L.is_title_like(lines[k]) \
            and not _under_headline(lines, k, i) and not (i - k == 1 and _in_fields(lines, i)):
        return k  # (not the rows of a fact box: "Date: June 4-6, 2026" / "Location: Dublin" / "Focus: AI")
    return None


def _under_headline(lines: list[str], k: int, below: int, look: int = 3) -> bool:
    """The time line at k, between a headline above it and the headline at `below`, belongs to the one
    above: when a byline stands between that one and the time (title, byline, time, then a subheading),
    or when that one is at least as much about the text below (not "Scroll down for the next article")."""
    bylines = False
    for j in reversed(_nonblank_before(lines, k, look)):
        s = lines[j]
        kind = _meta_kind(s)
        if kind is not None:
            bylines = bylines or kind == "byline"
            continue
        if not _headline(s) or _wrapped(lines, j):
            return False
        if bylines:
            return True
        text = " ".join(lines[t] for t in _nonblank(lines, below + 1, 15))
        return _share(s, text) >= _share(lines[below], text)
    return False


def _share(title: str, text: str) -> float:
    tw = _content_words(title)
    return len(tw & _content_words(text)) / max(1, len(tw))


def _nonblank_before(lines: list[str], k: int, limit: int) -> list[int]:
    out = []
    j = k - 1
    while j >= 0 and len(out) < limit:
        if lines[j].strip():
            out.append(j)
        j -= 1
    return out[::-1]


def is_header_start(lines: list[str], i: int, *, window: int = 8, meta_lines: int = 3) -> bool:
    """Where another story (or another item of a dated headline list) starts: a headline with its own
    header right under it (a repeat of it, or a time line), or a time line right above a headline."""
    if _time_line(lines[i]):
        nxt = _nonblank(lines, i + 1, 1)
        return bool(nxt) and nxt[0] - i <= 2 and _date_above(lines, nxt[0]) == i
    if not _headline(lines[i]):
        # a shorter headline ("Quiet Harbour Nights") starts a story with a time line under it or above it
        if not L.is_title_like(lines[i]) or _NOTE.match(lines[i]) or is_numbered(lines[i]) \
                or _header_meta(lines[i]):
            return False  # (nor a reading time: "7 min read")
        ahead = _nonblank(lines, i + 1, window)
        if any(L.is_dateline(lines[j]) for j in ahead) and _meta_under(lines, i, ahead, meta_lines)[1]:
            return True
        return _date_above(lines, i) is not None
    ahead = _nonblank(lines, i + 1, window)
    meta, dated = _meta_under(lines, i, ahead, meta_lines)
    return dated or any(_same_title(lines[i], lines[j]) for j in meta) or _date_above(lines, i) is not None


def find_headers(lines: list[str], scores: list[float] | None = None, *, window: int = 8, prose_words: int = 18,
                 min_body_words: int = 60, min_score: float = 0.1) -> list[_Header]:
    """Title lines that open an article: repeated nearby or followed by a source/time line, then prose
    that the line model takes for article text (not a footer or another teaser). The first one is the
    page's article header when the page is not split (find_stories decides on splitting)."""
    if scores is None:
        scores = score_lines(lines)
    headers: list[_Header] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not L.is_title_like(line):
            i += 1
            continue
        ahead = _nonblank(lines, i + 1, window)
        repeats = [j for j in ahead if _same_title(line, lines[j])]
        dated = any(L.is_dateline(lines[j]) for j in ahead[:5])
        if not repeats and not dated:
            i += 1
            continue
        # the header zone ends before the first long prose line
        last = i
        body_words = 0
        first_prose = None
        met = False  # a byline or time line passed: a shorter full sentence under it opens the body
        for j in _nonblank(lines, i + 1, window + 12):
            if (_is_prose(lines[j], prose_words) or met and _lead(lines[j])) and scores[j] >= min_score:
                first_prose = j
                break
            met = met or _meta_kind(lines[j]) is not None
            if L.is_title_like(lines[j]) and L.word_count(lines[j]) > 5 and not _same_title(line, lines[j]) \
                    and j > (repeats[-1] if repeats else i):
                if not any(_same_title(lines[j], lines[k]) for k in repeats):
                    break  # another headline before any prose: a list of headlines
            last = j
        if first_prose is None:
            i += 1
            continue
        for j in range(first_prose, min(n, first_prose + 200)):
            if j > first_prose and L.is_title_like(lines[j]) and _is_header_start(lines, j, window):
                break
            if L.word_count(lines[j]) >= 8 and scores[j] >= min_score:
                body_words += L.word_count(lines[j])
        if body_words < min_body_words:
            i += 1
            continue
        zone = [j for j in range(i + 1, last + 1) if lines[j].strip()]
        # a templated article header is short: title (again), source, time; a long zone is page furniture
        zone_dated = len(zone) <= 6 and any(L.is_dateline(lines[j]) for j in zone)
        headers.append(_Header(index=i, title=L.strip_bullet(line), last=last, dated=zone_dated))
        i = first_prose
    return headers


def find_stories(lines: list[str], scores: list[float] | None = None, *, window: int = 8, prose_words: int = 18,
                 min_body_words: int = 60, min_score: float = 0.1, meta_lines: int = 3) -> list[_Header]:
    """Headlines that open a story of their own, for splitting a page that carries several: a title-like
    line repeated nearby, or with a byline/time line among the few lines right under it (or a time
    line right above it), then prose that the line model takes for article text. The body is counted
    up to the next headline with a header of its own or a time line, so a headline list, with or
    without a one-sentence teaser per item, opens nothing. `dated` marks the headers that can split
    a page: a time line in the compact header, a headline about its text, not a numbered list entry
    and not the last line of a hard-wrapped paragraph."""
    if scores is None:
        scores = score_lines(lines)
    headers: list[_Header] = []
    i, n = 0, len(lines)
    zone_end = 0  # the first prose line of the last header found
    memo: dict[int, bool] = {}

    def starts(j: int) -> bool:  # is_header_start, once per line
        if j not in memo:
            memo[j] = is_header_start(lines, j, window=window, meta_lines=meta_lines)
        return memo[j]

    while i < n:
        line = lines[i]
        two = False
        if not L.is_title_like(line):
            # (a two-word headline: a repeat of it, a byline or a time line among the next lines)
            nxt = _nonblank(lines, i + 1, 3) if _two_words(line) else []
            two = any(_same_title(line, lines[j]) or _meta_kind(lines[j]) is not None for j in nxt)
            if not two:
                i += 1
                continue
        ahead = _nonblank(lines, i + 1, window)
        repeats = [j for j in ahead if _same_title(line, lines[j])]
        meta, dated = _meta_under(lines, i, ahead, meta_lines)
        above = _date_above(lines, i)
        if not repeats and not dated and above is None:
            i += 1
            continue
        if two and not (dated and (repeats or any(_meta_kind(lines[j]) == "byline" for j in meta))):
            i += 1  # a two-word headline ("Island Ferries") needs a full header: a time line and a
            continue  # repeat of it or a byline (a name or a label over a date is a comment or a list item)
        # the header zone ends before the first long prose line; subheadings may stand between the header
        # and the prose, but a headline with a header of its own means this one was an item of a list
        last = i
        body_words = 0
        body_text: list[str] = []
        first_prose = None
        # after a byline or a time line, a headline without a header of its own is a subheading
        own_meta = above is not None or any(j not in repeats for j in meta)
        under = _nonblank(lines, i + 1, window + 12)
        met = False  # (as in find_headers)
        for j in under:
            if (_is_prose(lines[j], prose_words) or met and _lead(lines[j])) and scores[j] >= min_score \
                    and not _long_byline(lines[j]):
                first_prose = j
                break
            met = met or _meta_kind(lines[j]) is not None
            if j == under[0] and _deck_below(lines, i, j):
                last = j  # the headline's deck, right under it: part of its header
                continue
            if _headline(lines[j]) and not _same_title(line, lines[j]) \
                    and j > (repeats[-1] if repeats else i):
                if not any(_same_title(lines[j], lines[k]) for k in repeats) \
                        and (not own_meta or starts(j)):
                    break  # another headline before any prose: a list of headlines
            if j > max(meta + repeats + [i]) and L.is_title_like(lines[j]) and not _same_title(line, lines[j]) \
                    and starts(j):
                break  # a shorter headline with a header of its own: this one was an item of a dated list
            last = j
        if first_prose is None:
            i += 1
            continue
        for j in range(first_prose, min(n, first_prose + 200)):
            # (a short line shown twice is a label: "Article Continues Below", "Top Comment")
            if j > first_prose and ((_headline(lines[j]) and _is_header_start(lines, j, window))
                                    or starts(j)):
                break
            if j > first_prose and _time_line(lines[j]):
                break  # a time line inside the "body": the next item of a dated list of teasers
            if _card_link(lines[j], line):
                break  # "Read More <this headline>": the link out of a teaser card
            if L.word_count(lines[j]) >= 8 and scores[j] >= min_score:
                body_words += L.word_count(lines[j])
                body_text.append(lines[j])
        # a story has paragraphs (or one long block): one short paragraph under a headline is a teaser
        if body_words < min_body_words or (len(body_text) < 2 and body_words < 2 * min_body_words):
            i += 1
            continue
        # a templated article header has its time line right under (or above) the title, and a headline
        # shares words with its story (a share row, a search box or a quote above a date does not)
        lead = [lines[j] for j in range(i + 1, first_prose)
                if lines[j].strip() and not _same_title(line, lines[j]) and not _meta_kind(lines[j])]
        zone_dated = (dated or above is not None) and _about(line, " ".join(lead + body_text[:12])) \
            and not is_numbered(line) and not _wrapped(lines, i) and not _comment_zone(lines, i, last)
        h = _Header(index=i, title=L.strip_bullet(line), last=last, dated=zone_dated, above=above,
                    words=body_words)
        if headers and i < zone_end:
            # inside the header zone of the header before, up to its prose: a repeat of that title or a
            # line of its header, unless that one had no time line and this one has (that one was a
            # list's last item or a label above this story's header: "Price: $5" / "Title" / "2 hours ago")
            if headers[-1].dated or not zone_dated:
                i += 1
                continue
            headers.pop()
        headers.append(h)
        zone_end = max(zone_end, first_prose)
        i += 1
    return headers


# the link out of a teaser card, after its paragraph: "Read More", "Read More <headline>", "Continue reading →"
# ("Read more: <headline>" inside an article leads to a related story, L.RELATED_LEAD)
_READ_MORE = re.compile(r"(?i)^\s*(?:read more|continue reading|read the full (?:story|article)|keep reading)\b"
                        r"(?!\s*[:：|»-])")


def _card_link(line: str, title: str) -> bool:
    """`line` is a teaser card's link to the story `title`: "Read More <title>" ("Read more about the new
    range." and a bare "Continue reading" are an article's own)."""
    m = _READ_MORE.match(line)
    return bool(m) and _same_title(line[m.end():].strip(), title)


def _teaser(seg: list[str], k: int, look: int = 8) -> bool:
    """The line at `k` is a teaser card's paragraph: the next non-blank line is the card's link to the
    headline a few lines above it."""
    nxt = next((t for t in range(k + 1, min(len(seg), k + 3)) if seg[t].strip()), None)
    return nxt is not None and _READ_MORE.match(seg[nxt]) is not None \
        and any(_card_link(seg[nxt], seg[t]) for t in range(max(0, k - look), k) if seg[t].strip())


# a reader comment's header: "jdoe says:", "Jane Doe wrote", a "Reply" button, "Positive comment • May 5, 2025"
_COMMENTER = re.compile(r"(?i)^\s*\S.{0,40}?\s(?:says|wrote|replied|commented)\s*:?\s*$"
                        r"|^\s*(?:reply|\d+\s+(?:replies|likes))\s*$|\bcomment\s*[•·|]")


def _comment_zone(lines: list[str], i: int, last: int, above: int = 3) -> bool:
    """A commenter's line ("jdoe says:", "Reply") among the few lines above the headline at `i` or in its
    header (down to `last`): the "story" is a reader comment and its date the comment's."""
    return any(L.word_count(lines[k]) <= 5 and _COMMENTER.search(lines[k])
               for k in range(max(0, i - above), last + 1) if k != i and lines[k].strip())


def _about(title: str, text: str, min_share: float = 0.1) -> bool:
    """The title shares content words (Han bigrams) with the text."""
    tw = _content_words(title)
    shared = len(tw & _content_words(text))
    return shared >= 1 and shared >= min_share * len(tw)


def _wrapped(lines: list[str], i: int) -> bool:
    """A Han line right under a long line, no blank line between: the end of a hard-wrapped paragraph
    (old Chinese pages wrap their paragraphs with <br>), not a headline."""
    return bool(L.han_count(lines[i])) and i > 0 and L.word_count(lines[i - 1]) >= 12 \
        and not _time_line(lines[i - 1])


is_time_line = _time_line  # (used by html.find_story_blocks)
title_about = _about


def _is_header_start(lines: list[str], i: int, window: int) -> bool:
    ahead = _nonblank(lines, i + 1, window)
    return any(_same_title(lines[i], lines[j]) for j in ahead)


def _content_words(text: str) -> set[str]:
    from ..link.features import STOP, words

    toks = {w for w in words(text) if w not in STOP and len(w) > 1}
    han = "".join(L.HAN.findall(text))
    return toks | {han[i:i + 2] for i in range(len(han) - 1)}


_READ_TIME = re.compile(r"(?i)^\s*\d+\s*(?:-\s*)?min(?:ute)?s?\s*(?:read|watch|listen)\b")


def _header_meta(line: str) -> bool:
    """A line of an article header: a byline, a date or time line (text_meta's reading, which also takes a
    date glued to the next word: "Posted on June 29, 2020November 12, 2021"), a reading time ("8 min read")."""
    s = line.strip()
    return bool(_meta_kind(s) or _READ_TIME.search(s) or _is_date_line(s))


_CREDIT_LINE = re.compile(r"(?i)^(?:photo|image|picture|credit|source|illustration|video)s?\b.{0,20}?:")
# "新华网 记者 张三 李四": a Chinese credit line (a label, then the names)
_ZH_CREDIT = zh_compile(r"(?:记者|作者|编辑|责编|撰文|通讯员)\s*[:：]?\s*[\u4e00-\u9fff·]{2,4}(?:\s|$|[、,，])")
_TRAILING_DAY = re.compile(r"(?i)\s*\b(?:today|yesterday|just now)\s*$")


# a line that is nothing but a control of the page (besides a skip link, SKIP_LINK): a call to sign up or try,
# a consent banner's heading. Title-cased and short like a headline, and never one
_UI_HEADING = re.compile(
    r"(?i)^\s*(?:(?:start|get|try)\s+(?:your\s+|a\s+)?(?:free\s+trial|started|it\s+(?:for\s+)?free)"
    r"|sign\s+(?:up|in)(?:\s+(?:now|for\s+free))?|log\s*in|subscribe(?:\s+now)?|learn\s+more|read\s+more"
    r"|we\s+(?:care\s+about|value)\s+your\s+privacy|your\s+privacy\s+(?:choices|settings)|cookie\s+(?:settings|preferences))"
    r"\s*[.!]?\s*$")


def _title_candidate(line: str) -> bool:
    """A title-like line; also a headline that ends with 'today' ('... leaders today'), which lines.py
    reads as a time line. Not a control of the page ("Start Free Trial", "Skip to Content")."""
    if _UI_HEADING.match(line) or SKIP_LINK.match(line):
        return False
    if L.is_title_like(line):
        return True
    cut = _TRAILING_DAY.sub("", line)
    return cut != line and L.word_count(cut) >= 4 and L.is_title_like(cut)


# "Title | Opinion", "Title | Site Name": a short label after a bar (a dash often joins two parts of a title)
_TITLE_SUFFIX = re.compile(r"\s+\|\s+(?P<label>[^|]{2,40})$")
# "Blog: Title", "News: Title": the kind of page before the headline
# ("Title:" as a field label, also glued to the title; "Home » Blog » Title": the breadcrumb run into the title)
_TITLE_PREFIX = re.compile(r"(?i)^(?:(?:blog|news|article|post|story)\s*:\s+(?=\S)|title\s*:\s*(?=\S)"
                           r"|home\s*[»›]\s*(?:[^»›]{1,40}\s*[»›]\s*)*(?=\S))")


def clean_title(title: str | None) -> str | None:
    """A headline without the page's labels: a short site or section name after a bar ("... | Opinion") or
    the kind of page before it ("Blog: ...")."""
    if not title:
        return title
    t = _TITLE_PREFIX.sub("", title.strip())
    m = _TITLE_SUFFIX.search(t)
    if m and L.word_count(m.group("label")) <= 3 and L.word_count(t[:m.start()]) >= 4 \
            and not m.group("label").rstrip().endswith(L.TERMINAL):
        t = t[:m.start()].rstrip()
    return t if L.word_count(t) >= 1 else title


DECK_PENALTY = 0.6
SUBHEAD_PENALTY = 0.5


def _deck_below(lines: list[str], i: int, j: int) -> bool:
    """Line j, the first non-blank line under the headline at i and set apart from it by a blank line, is
    that headline's deck (see _deck)."""
    return j > i + 1 and _deck(lines[i], lines[j])


def _deck(head: str, line: str) -> bool:
    """`line`, right under the headline `head`, is its deck (standfirst): written as a sentence (a question
    or a full stop, or sentence case when ten words or longer: a shorter sentence-case line under a promo
    label is the headline) and clearly longer than a headline of three words or more, or as long as a long
    headline (a tag list - commas - or a short label above a headline is no headline)."""
    wh, wl = L.word_count(head), L.word_count(line)
    if wh < 3 or head.count(",") >= 2 or L.han_count(line) or _meta_kind(line):
        return False  # (a date or byline under the headline is its header, not its deck)
    s = line.strip()
    rest = [t for t in s.split()[1:] if len(t) >= 4 and t[:1].isalpha()]
    sentence_case = len(rest) >= 2 and 2 * sum(t[:1].islower() for t in rest) >= len(rest)
    if sentence_case and wl >= 6 and L.title_case(head):
        return True  # a sentence-case line under a title-case headline ("Why Has X Been So Slow?" / "Its cost …")
    if not (wl >= wh + 3 or min(wh, wl) >= 8):
        return False
    return s.endswith(("?", ".", "!")) or (sentence_case and wl >= 10)


def _title_above(lines: list[str], body_start: int, body: list[str], look: int = 60, *,
                 body_lines: int = 20, min_share: float = 0.25, lower: frozenset[str] | None = None
                 ) -> tuple[int | None, str | None, list[str]]:
    """The headline above the body: (line index, title, the lines between it and the body: bylines, dates).

    Each title-like line above the body is scored: the share of its content words found in the first
    paragraphs, plus a header under it (a byline, date or reading time within the next few lines), a repeat
    of it nearby (heading and breadcrumb), its length (up to 8 words: section labels are short), minus a
    little per line of distance and a penalty inside a run of title-like lines with no header (a table of
    contents, a menu), plus a bonus per blank line around it (the flattened page sets headings apart with
    blank lines; menu entries follow each other line by line). A header belongs to the nearest headline
    above it: a headline of at most 12 words under a shorter line or a sentence takes the byline from it
    ("Get the app" / the headline / byline); a deck under the headline (not longer, or a sentence) does not:
    a deck (a sentence right under a headline set apart, see _deck) passes the header under it to the
    headline and is penalised, as is a heading right under a paragraph with a headline above it (a
    subheading of a text whose start the body missed). A person's name is a byline, never the title (unless
    a date line stands right above it), but a capitalised line of words the text writes in lower case
    ("Backup Strategy") is no name; a photo credit ("Credit: Jane Doe") is no title either. (`lower`: the
    body's lower-case words, when already read.)"""
    body_words = _content_words(" ".join(body[:body_lines]))
    if lower is None:
        lower = lower_words(body)

    def name_line(s: str) -> bool:  # a person's name (not a headline whose words the text uses in lower case)
        return bool(bare_name(s)) and not common_words(s, lower)

    nb = [j for j in range(max(0, body_start - look), body_start) if lines[j].strip()]
    shares: dict[int, float] = {}
    for idx, j in enumerate(nb):
        s = lines[j].strip()
        if _title_candidate(s) or (L.word_count(s) == 2 and not name_line(s) and s[:1].isupper()
                                   and any(_header_meta(lines[k]) for k in nb[idx + 1:idx + 3])):
            # (a two-word headline counts with a date or byline right under it: "Backup Strategy" / "May 5")
            tw = _content_words(s)
            share = len(tw & body_words) / max(1, len(tw))
            if share >= min_share:
                shares[j] = share
    # the header under a headline is its own up to the next headline: a byline or date under that one
    # is not this line's ("Get the app" / "The Real Headline" / "Jane Doe" / "May 5, 2024"); a deck (the
    # standfirst right under the headline) passes the header under it on to the headline and takes none
    header: dict[int, bool] = {}
    decks: dict[int, int] = {}  # deck line -> its headline
    for idx in range(len(nb) - 1, -1, -1):
        j = nb[idx]
        if j not in shares:
            continue
        s = lines[j].strip()
        nxt = nb[idx + 1] if idx + 1 < len(nb) else None
        alone = (j == 0 or not lines[j - 1].strip()) and not lines[j + 1].strip()  # a heading, set apart
        if nxt in shares and alone and not name_line(s) and not _meta_kind(s) and _deck(s, lines[nxt]) \
                and not _same_title(s, lines[nxt]):
            decks[nxt] = j
        under = []
        for k in nb[idx + 1:idx + 6]:
            wk = L.word_count(lines[k])
            if k in shares and _headline(lines[k]) and wk <= 12 and (wk > L.word_count(s) or L.word_count(s) > 12) \
                    and not _same_title(s, lines[k]) and decks.get(k) != j:
                break
            under.append(k)
        header[j] = any(_header_meta(lines[k]) for k in under) or (nxt in decks and header.get(nxt, False))
    best: tuple[float, int] | None = None
    for idx, j in enumerate(nb):
        if j not in shares:
            continue
        s, share = lines[j].strip(), shares[j]
        deck = j in decks
        head = header[j] and not deck
        # a date line right above the headline ("Nutrition" / "March 1, 2024" / "Healthy Eating Tips")
        dated_above = idx > 0 and _header_meta(lines[nb[idx - 1]]) and not head
        if (name_line(s) and not dated_above) or _CREDIT_LINE.match(s) or _meta_kind(s) or _ZH_CREDIT.search(s):
            continue  # a bare person's name or a byline is no title, nor is a photo credit ("Credit: Jane Doe")
        if _label_row(s):
            continue  # the article's sections or tags ("Asia | Guides | Travel Tips"), a breadcrumb
        if idx > 0 and nb[idx - 1] == j - 1 and L.word_count(s) <= 4 and name_line(lines[j - 1].strip()) and head:
            continue  # the outlet under a byline ("Jane Doe" / "Example Daily" / "May 5, 2024")
        repeated = any(_same_title(s, lines[k]) for k in nb[max(0, idx - 8):idx + 9] if k != j)
        # a heading right under a paragraph, with a headline above that paragraph, is a subheading of the
        # text (whose start the body missed)
        sub = idx > 0 and _is_prose(lines[nb[idx - 1]], 12) and lines[nb[idx - 1]].rstrip().endswith(L.TERMINAL) \
            and any(k in shares for k in nb[max(0, idx - 4):idx - 1])
        # a heading stands apart (blank lines around it), a menu or list entry sits in a run of lines
        apart = (j == 0 or not lines[j - 1].strip()) + (j + 1 >= len(lines) or not lines[j + 1].strip())
        # (a title-like neighbour that repeats the headline or is its deck makes no list)
        in_list = 0 < idx < len(nb) - 1 and L.is_title_like(lines[nb[idx - 1]]) \
            and L.is_title_like(lines[nb[idx + 1]]) and not head \
            and not any(_same_title(s, lines[k]) or decks.get(k) == j for k in (nb[idx - 1], nb[idx + 1]))
        score = share + 0.5 * head + 0.3 * repeated + 0.6 * min(L.word_count(s), 8) / 8 + 0.4 * apart \
            - 0.01 * (len(nb) - idx) - 0.3 * in_list - DECK_PENALTY * deck - SUBHEAD_PENALTY * sub
        if best is None or score >= best[0]:
            best = (score, j)
    if best is None:
        return None, None, [s.strip() for s in lines[max(0, body_start - 12):body_start] if s.strip()]
    j = best[1]
    return j, L.strip_bullet(lines[j]), [s.strip() for s in lines[j + 1:body_start] if s.strip()]


_ROW_SEP = re.compile(r"\s+(?:\||>|»|/|›)\s+")


def _label_row(line: str) -> bool:
    """Three or more short labels in a row, separated by bars or arrows: sections, tags or a breadcrumb."""
    parts = _ROW_SEP.split(line.strip())
    return len(parts) >= 3 and all(0 < L.word_count(p) <= 4 for p in parts)


# a span of at least RUN_ON_LINES prose lines runs on over the prose lines right below it while the model
# gives each at least RUN_ON times the span's mean probability (a closing quote or paragraph the model doubted
# on a page of few paragraphs; on the tuning pages text-mode F1 EN 0.933 either way, ZH 0.945 -> 0.949; RUN_ON
# 0.4 -> 0.3 (a short page's last paragraph, a probe of eight invented pages 27 -> 29/31 paragraphs): EN 0.933
# either way, ZH 0.950 -> 0.952). The lead under an article's header (or a page's first body line) runs on even
# alone: a brief's first paragraph is its span (probe 29 -> 30/31; tuning figures unchanged)
RUN_ON, RUN_ON_LINES = 0.3, 2


def _bridge_ads(lines: list[str], scores: list[float], spans: list[tuple[int, int]],
                lead: int | None = None) -> list[tuple[int, int]]:
    """An ad label between two paragraphs ("Advertisement", or a run of them) must not end the body: a span
    that stops at one runs on over the prose that follows it (and over paragraphs the model doubted
    right below the span, see ``RUN_ON``; ``lead``: the article's first body line, whose span runs on even
    when it holds that line alone)."""
    out: list[tuple[int, int]] = []
    n = len(lines)
    for a, b in _join_touching(lines, spans):
        k = b
        body = [scores[i] for i in range(a, b) if lines[i].strip()]
        # (a span of paragraphs: a time line over a headline is no body to run on from)
        prose = sum(1 for i in range(a, b) if _is_prose(lines[i], 8))
        # (or the lead right under the article's header: a brief's first paragraph is its span)
        floor = RUN_ON * sum(body) / len(body) if prose >= RUN_ON_LINES or prose and lead is not None \
            and a <= lead < b else math.inf
        # (a body of paragraphs with headings of its own: two or more of each)
        heads = sum(1 for i in range(a, b) if lines[i].strip() and not _is_prose(lines[i], 8)
                    and scores[i] >= floor) >= 2 and sum(1 for i in range(a, b) if _is_prose(lines[i], 8)) >= 2
        while True:
            j = k
            while j < n and not lines[j].strip():
                j += 1
            if j >= n:
                break
            if not L.AD_LABEL.match(lines[j]):
                last = next((i for i in range(k - 1, a - 1, -1) if lines[i].strip()), None)
                if heads and last is not None and not _is_prose(lines[last], 8) and scores[last] >= floor \
                        and _is_prose(lines[j], 8) and scores[j] >= floor / 2 and not L.ABS_DATE.search(lines[j]):
                    k = j + 1  # a heading kept at the end of the body announces the paragraph under it
                    continue
                if not _is_prose(lines[j], 8) and heads:
                    # a body with headings of its own (a live blog's "14:05 HKT" / "Kuaishou jumps" over each
                    # entry) runs on over one more such heading and the paragraph under it
                    nxt = _entry_under(lines, scores, j, floor)
                    if nxt is not None:
                        k = nxt + 1
                        continue
                if scores[j] < floor or not _is_prose(lines[j], 8) or L.ABS_DATE.search(lines[j]) \
                        or _meta_kind(lines[j]) is not None or _long_byline(lines[j]):
                    break  # (a dated line below the body is a post's credit: "posted by ... on <date>"; a byline
                    # under a deck is the header's, "Written by A, B, C")
                k = j + 1
                continue
            while j < n and (not lines[j].strip() or L.AD_LABEL.match(lines[j])):
                j += 1  # (a run of ad slots: "Advertisement" twice)
            end = j
            while end < n and (not lines[end].strip() or (_is_prose(lines[end], 8) and scores[end] >= 0.02)):
                end += 1
            if end == j:
                break
            k = end
        if out and a <= out[-1][1]:  # it ran over the next span: one span (a line is kept once)
            out[-1] = (out[-1][0], max(out[-1][1], k))
        else:
            out.append((a, k))
    return out


def _entry_under(lines: list[str], scores: list[float], j: int, floor: float, max_heads: int = 2) -> int | None:
    """The paragraph line closing an entry that starts at line ``j``: at most ``max_heads`` short lines (a time,
    a heading) the model scores at least ``floor``, then a prose line it scores at least half of it, none of
    them dated or a list heading; else None."""
    n = len(lines)
    heads = 0
    while j < n:
        s = lines[j]
        if not s.strip():
            j += 1
            continue
        if L.ABS_DATE.search(s) or L.LIST_HEAD.match(s) or L.AD_LABEL.match(s):
            return None
        if _is_prose(s, 8):  # (the paragraph a heading announces needs half the floor, as in _bridge_ads)
            return j if heads and scores[j] >= floor / 2 else None
        if scores[j] < floor:
            return None
        heads += 1
        if heads > max_heads or L.word_count(s) > 12:
            return None
        j += 1
    return None


def _join_touching(lines: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans with only blank lines between them as one."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and all(not lines[i].strip() for i in range(out[-1][1], a)):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _plain_headline(seg: list[str], first: int) -> int | None:
    """The line of a plain article file's headline: the file's first line, a headline set apart by a blank
    line, with at most one line (a standfirst, a photo caption) between it and the body starting at `first`
    besides its header (dates and bylines, at most three), and a word of it in the text's first lines. It is
    the title whatever stands under it (a standfirst repeats more of the text's words). A flattened web page
    starts with its menus, far above the body."""
    k = next((i for i, x in enumerate(seg) if x.strip()), None)
    if k is None or k >= first or k + 1 >= len(seg) or seg[k + 1].strip():
        return None
    s = seg[k].strip()
    between = [x for x in seg[k + 1:first] if x.strip()]
    meta = sum(1 for x in between if _header_meta(x))
    if len(between) - meta > 1 or meta > 3 or _same_title(s, seg[first]) \
            or not _heads(s, " ".join(seg[first:first + 20])):
        return None
    return k


# a time stamp a file may open with instead of its headline ("Posted at 3:21 PM ET, 01/5/2011")
_STAMP = re.compile(r"(?i)^(?:posted|published|updated|last updated)\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def _heads(s: str, text: str, *, questions: bool = False) -> bool:
    """`s` reads as the headline over `text` at the top of a plain file: title-like (with `questions`, also a
    question in any case), not a byline, a date or time stamp or a name alone, and with a word in common with
    the text (a site's name over the headline has none)."""
    if not (_title_candidate(s) or questions and s.endswith(("?", "？"))):
        return False
    return not (_header_meta(s) or _STAMP.search(s) or L.ABS_DATE.search(s) or bare_name(s)) and _about(s, text)


def _kept_headline(seg: list[str], keep: list[int], max_words: int = 15) -> bool:
    """The first kept line is the segment's first line, set apart by a blank line above a longer paragraph,
    and reads as a headline the prose test takes for a sentence: a short question in sentence case ("Is the Fed
    done hiking?"; a title-case one is a headline already, see _not_prose) or in Chinese ("港股还能涨多久？"),
    or a headline closing a bracket ("Train derails in central Queensland (Australia)"), with a word in
    common with the text (a site's name has none). A plain article file's headline, not its lede."""
    k = keep[0]
    s = seg[k].strip()
    question = s.endswith(("?", "？"))
    if not (2 if question else 3) <= L.word_count(s) <= max_words or any(x.strip() for x in seg[:k]):
        return False  # (a question of two words is a headline too: "Whitewashing torture?")
    return len(keep) > 1 and keep[1] > k + 1 and not seg[k + 1].strip() \
        and L.word_count(seg[keep[1]]) > L.word_count(s) and seg[keep[1]].rstrip().endswith(L.TERMINAL) \
        and _heads(s, " ".join(seg[j] for j in keep[1:20]), questions=True)


def _not_prose(line: str) -> bool:
    """A headline, byline, dateline or label, not a paragraph ("By incorporating these habits, you …"
    opens a sentence, not a byline)."""
    s = line.strip()
    if L.is_dateline(s) or L.ZH_BYLINE.search(s) and L.word_count(s) < 12:
        return True
    if L.BYLINE.match(s) and not (L.word_count(s) >= 12 and s.endswith(L.TERMINAL)):
        return True
    if s.endswith("?") and L.word_count(s) <= 12 and L.title_case(s):
        return True  # a headline asking a question ("What Is Digital Marketing?"), not a lede in sentence case
    # (a short title-case line closing a bracket is a headline: "Essay Topics (and How to Answer Them)")
    ended = s.endswith(L.TERMINAL) and not (s.endswith(")") and L.word_count(s) <= 12 and L.title_case(s))
    return L.word_count(s) < 12 and not ended or L.is_title_like(s) and L.word_count(s) < 25 and not ended


def _furniture(line: str, at: int, page_lines: dict[str, list[tuple[int, int]]]) -> bool:
    """Never body: ad labels, related-link leads, lines the page repeats (photo captions shown twice,
    teasers), consent notices (a consent framework's, however long), breadcrumbs, share and font-size
    widgets, editor and disclaimer lines. Of lines that start alike (``page_lines``: (page index, length) by
    their first 60 characters), the one fullest is text: the standfirst under a headline often opens the body
    too, in its first words, and a teaser below repeats the lead cut short."""
    return bool(L.AD_LABEL.match(line) or L.AD_PREFIX.match(line) and len(line) < 200 or L.RELATED_LEAD.match(line)
                or _repeated(line, at, page_lines)
                or (L.FURNITURE.search(line) and L.word_count(line) <= 60) or L.CONSENT_FRAMEWORK.search(line))


def _repeated(line: str, at: int, page_lines: dict[str, list[tuple[int, int]]], card_gap: int = 4) -> bool:
    """A copy of a line the page shows more than once, unless it is the one longest of its copies (a caption
    or a testimonial carousel shown twice: every copy) and no card's title that it repeats stands right above it
    (a card: a title, and under it an excerpt that begins with the title)."""
    norm = L.norm_line(line)
    copies = page_lines.get(norm[:60], ())
    if len(copies) < 2:
        return False
    longest = max(n for _, n in copies)
    if len(norm) < longest or sum(n == longest for _, n in copies) > 1:
        return True
    return any(0 < at - i <= card_gap for i, _ in copies)


def _cta_line(line: str, max_words: int = 40, promo_words: int = 120) -> bool:
    """A call to action standing as a line of its own ("Register now", "Subscribe to our newsletter"),
    or a promotion that opens with one ("Join us at the … summit … Register now."); a paragraph that
    says "learn more" or "sign up" in passing is the article's text. A legal footer ("All rights
    reserved. No reproduction …") is never the text, however long."""
    low = line.strip().lower()
    if "all rights reserved" in low:
        return True
    n = L.word_count(low)
    if n <= max_words:
        return L.CALL_TO_ACTION.search(low) is not None
    return n <= promo_words and L.CALL_TO_ACTION.match(low) is not None


def _polish(body: list[str]) -> list[str]:
    """Trim calls to action and headings from either edge, and the site's lines (a disclaimer, an affiliate
    disclosure, a promotion, the copyright line) from either end."""
    out = L.cut_release_tail(list(body))
    while out and (_cta_line(out[-1]) or _not_prose(out[-1]) or L.site_footer(out[-1])):
        out.pop()
    while out and (_cta_line(out[0]) or _not_prose(out[0]) or L.site_footer(out[0])):
        out.pop(0)  # (a share button under a prompt: "Enter your email …" / "Tweet")
    return out


def _prose_words(lines: list[str], spans: list[tuple[int, int]], lo: int, hi: int) -> int:
    """Words of the prose lines the page-level decoder kept between lines `lo` and `hi`."""
    return sum(L.word_count(lines[k]) for a, b in spans for k in range(max(a, lo), min(b, hi))
               if _is_prose(lines[k], 8))


def _story_headers(lines: list[str], headers: list[_Header], page_spans: list[tuple[int, int]], *,
                   min_words: int = 100) -> tuple[list[_Header], bool]:
    """Which headers start a story of their own: (headers, split). An aggregator stacks articles under
    one template, every article after the first with its own time line; repeated lines without one
    (table headers, buttons, comments) start nothing. One dated header splits the page only when a
    story of its own stands above it (an article followed by the next one) and its body is long (a
    dated teaser under an article is not a story)."""
    if not headers:
        return headers, False
    heads = headers[:1] + [h for h in headers[1:] if h.dated]
    dated = [h for h in heads if h.dated]
    if len(dated) >= 2:
        return heads, True
    if len(dated) == 1:
        h = dated[0]
        if h.words >= min_words and _prose_words(lines, page_spans, 0, h.start) >= min_words:
            return heads, True
    return headers[:1], False


def parse_text_page(text: str, *, multi_article: bool = True, min_story_words: int = 40) -> list[RawArticle]:
    lines = text.splitlines()
    if not any(s.strip() for s in lines):
        return []
    scores = score_lines(lines)
    headers = find_headers(lines, scores) if multi_article else []
    stories = find_stories(lines, scores) if multi_article else []
    where: dict[str, list[tuple[int, int]]] = {}  # the page's lines by their start: where each stands, its length
    for i, line in enumerate(lines):
        if L.word_count(line) >= 6:  # short lines repeat legitimately (section names, "Share")
            norm = L.norm_line(line)
            where.setdefault(norm[:60], []).append((i, len(norm)))
    page_spans = _bridge_ads(lines, scores, select_body(lines))
    heads, split = _story_headers(lines, stories, page_spans)
    headers = heads if split else headers[:1]
    if not split and len(headers) == 1 and page_spans and page_spans[0][0] < headers[0].index:
        headers = []  # the page's body starts above this "header": it is a teaser below the article
    if split:
        bounds = [(h.start, headers[k + 1].start if k + 1 < len(headers) else len(lines), h)
                  for k, h in enumerate(headers)]
        if headers[0].start > 0:
            bounds.insert(0, (0, headers[0].start, None))
    else:
        bounds = [(0, len(lines), headers[0] if headers else None)]
    out: list[RawArticle] = []
    for start, end, header in bounds:
        if split and header is None and _prose_words(lines, page_spans, start, end) < min_story_words:
            continue  # the page top (menus, a headline list) above the first story
        seg = lines[start:end]
        zone_end = (header.last - start + 1) if header else 0
        title = header.title if header else None
        body = select_body(seg, title=title)
        lead = next((k for k in range(zone_end, len(seg)) if seg[k].strip()), None) if header \
            else body[0][0] if body and not split else None
        spans = _bridge_ads(seg, scores[start:end], body, lead)
        keep = [k for a, b in spans for k in range(a, b) if k >= zone_end and seg[k].strip()]
        if split and header is None and _teaser_list(seg, keep):
            continue  # the page top above the first story: a list of headlines, each with a teaser
        if header and len(bounds) > 1:
            # inside a known article segment, prose lines the model doubted still belong to it, up to
            # the first line that is clearly not the article (a footer or an app banner); a prose line right
            # under one kept goes with it whatever its score (the model scores the last paragraphs of a page's
            # second article low, a closing quote among them), unless it carries a date (a post's credit)
            extra = set()
            prev = None
            for k in range(zone_end, len(seg)):
                if not seg[k].strip():
                    continue
                if _is_prose(seg[k], 12) and (scores[start + k] >= 0.1 or prev is not None and prev in extra
                                               and not L.ABS_DATE.search(seg[k])):
                    extra.add(k)
                elif extra and scores[start + k] < 0.2:
                    break
                prev = k
            # the segment's own contiguous prose, plus what the page-level decoder kept inside it
            in_page = {k - start for a, b in page_spans for k in range(max(a, start), min(b, end))
                       if k - start >= zone_end}
            keep = sorted(extra | in_page)
        # (blank lines inside the page decoder's spans are no body lines: a stray "\r" line between paragraphs)
        keep = [k for k in keep if seg[k].strip() and not (title and _same_title(title, seg[k]))]
        keep = [k for k in keep if not _furniture(seg[k], start + k, where) and not _teaser(seg, k)]
        qhead = None  # the line of a plain file's headline the prose test missed (see _kept_headline)
        while keep:  # a headline, byline or dateline the model kept belongs to the header
            if not _not_prose(seg[keep[0]]):
                if not _kept_headline(seg, keep):
                    break
                qhead = keep[0]
            keep.pop(0)
        if not split:
            keep = _skip_lead(seg, keep)
        if not keep:
            continue
        body = _polish([seg[k].strip() for k in keep])
        if not body or (split and sum(L.word_count(b) for b in body) < min_story_words):
            continue  # (a "story" of a line or two under a split header was a teaser or a comment)
        # the body starts where the polished body starts (a cookie notice or a call to action trimmed off
        # its top is page furniture above the article, not its text: the title is sought above the text)
        lo = next((i for i in range(len(keep) - len(body) + 1)
                   if [seg[k].strip() for k in keep[i:i + len(body)]] == body), 0)
        keep = keep[lo:]
        first = keep[0]
        ti = None  # the title line (in seg), for the date lines right above it
        lower = lower_words(body)
        if header:
            top = header.index - start + 1
            ti = header.index - start
            header_lines = [s.strip() for s in seg[top:zone_end] if s.strip() and not _same_title(title, s)]
            if header.above is not None:
                header_lines.insert(0, lines[header.above].strip())
            header_lines += [s.strip() for s in seg[zone_end:first] if s.strip()]
            before: list[str] = []
            if not split:  # the templated header found may be a deck, a teaser or a menu item above the headline
                j, t, h = _title_above(seg, first, [seg[k] for k in keep], lower=lower)
                if j is not None:
                    title, header_lines, ti = t, h, j
        else:
            ti, title, header_lines = _title_above(seg, first, [seg[k] for k in keep], lower=lower)
            if title is None and qhead is not None:  # (the title search asks more of its words in the text)
                ti, title = qhead, seg[qhead].strip()
            elif not split and (head := _plain_headline(seg, first)) is not None and ti != head:
                ti = head  # a plain file's first line, not the standfirst or the caption under it
                title, header_lines = seg[head].strip(), [s.strip() for s in seg[head + 1:first] if s.strip()]
            before = [s.strip() for s in seg[max(0, first - 12):first] if s.strip()]
        if not split and ti is not None:  # a short lead under the date or byline is the text, not the header
            lead = _lead_under_meta(seg, ti + 1, first)
            if lead:
                body = [seg[k].strip() for k in lead] + body
                keep = lead + keep
                header_lines = header_lines[:len(header_lines) - len(lead)]
                first = lead[0]
        more = _meta_places(seg, keep, body, ti, lower=lower)
        if start == 0:  # the page's first line: a personal site's owner ("Jane Doe" / "About" / "Posts")
            more["top"] = [s.strip() for s in seg[:max(first, 1)] if s.strip()][:TOP_LINES]
        out.append(RawArticle(title=clean_title(title), body=body, start=start + first, end=start + keep[-1] + 1,
                              header=MetaLines(header_lines, titled=ti is not None, **more),
                              before=MetaLines(before, **more)))
    return out


TOP_LINES = 40  # the page's first lines, read for a personal site's owner (its first line, an "About" entry)


def _teaser_list(seg: list[str], keep: list[int], *, max_words: int = 50, min_items: int = 3) -> bool:
    """The kept lines are a list of teasers: every paragraph short (at most `max_words` words) and right
    under a headline of its own (no blank line between: "Headline" / "The first sentence of it..."), at
    least `min_items` of them. An article's text has paragraphs of its own (an intro, longer paragraphs,
    several paragraphs under a heading)."""
    items = 0
    for k in keep:
        s = seg[k].strip()
        if L.is_title_like(s) and k + 1 < len(seg) and seg[k + 1].strip():
            continue  # a kept headline over its teaser
        if L.word_count(s) > max_words or k == 0 or not L.is_title_like(seg[k - 1]):
            return False
        items += 1
    return items >= min_items


def _lead_under_meta(seg: list[str], top: int, first: int, max_lines: int = 2, min_words: int = 5) -> list[int]:
    """The lines between the header's last date or byline line and the body (at `first`) that are sentences of
    `min_words` words or more (at most `max_lines` of them): the story's lead, too short for the model ("Alibaba
    is due to report results on Thursday." under "Monday, March 16, 2026"). A deck stands above the byline."""
    lead: list[int] = []
    for j in range(first - 1, top - 1, -1):
        s = seg[j].strip()
        if not s:
            continue
        if _meta_kind(s):
            return lead
        if len(lead) >= max_lines or L.word_count(s) < min_words or not s.rstrip("\"”’'」』").endswith(_STOPS) \
                or L.site_footer(s):  # (an affiliate disclosure under the byline is the site's)
            return []
        lead.insert(0, j)
    return []


def _skip_lead(seg: list[str], keep: list[int], max_words: int = 40) -> list[int]:
    """Drop a short first stretch of kept lines (at most `max_words` words) when a headline with a header
    of its own (a date or byline right under it, or a time line right above it) stands between it and the
    rest of the body: the article starts at that headline, and the lines above it (a sidebar's call to
    action, a blog's description) are not its text."""
    k = 1
    while k < len(keep) and not any(seg[t].strip() for t in range(keep[k - 1] + 1, keep[k])):
        k += 1
    if k >= len(keep) or sum(L.word_count(seg[t]) for t in keep[:k]) > max_words:
        return keep
    gap = [t for t in range(keep[k - 1] + 1, keep[k]) if seg[t].strip()]
    for i, t in enumerate(gap):
        s = seg[t].strip()
        if not _title_candidate(s) or _header_meta(s) or L.word_count(s) < 3:
            continue
        if any(_header_meta(seg[x]) for x in gap[i + 1:i + 3]) or (i > 0 and _time_line(seg[gap[i - 1]])):
            return keep[k:]
    return keep


def _meta_places(seg: list[str], keep: list[int], body: list[str], title_at: int | None = None, *,
                 top_lines: int = 12, head_words: int = 12, edge: int = 2, tail_lines: int = 8,
                 above_lines: int = 4, upper_lines: int = 300, foot_lines: int = 6, lower: frozenset[str] | None = None) -> dict:
    """Where else on the page the metadata reader looks when the header names nothing (text_meta.MetaLines):
    the non-body lines inside the article's span, the short lines (at most `head_words` words, body or not)
    among its first `top_lines` non-blank lines, the first and last `edge` body lines, the first
    `tail_lines` non-blank lines below the body (up to a related-stories lead), and the `above_lines`
    non-blank lines right above the title (a date line over the headline)."""
    n = len(body)
    lo = next((i for i in range(len(keep) - n + 1) if [seg[k].strip() for k in keep[i:i + n]] == body), 0)
    ks = keep[lo:lo + n] or keep
    first, last = ks[0], ks[-1]
    kept = set(ks)
    span = [k for k in range(first, last + 1) if seg[k].strip()]
    near = [k for k in span if k not in kept]
    head = [seg[k].strip() for k in span[:top_lines] if L.word_count(seg[k]) <= head_words]
    tail: list[str] = []
    for k in range(last + 1, len(seg)):
        t = seg[k].strip()
        if not t:
            continue
        if L.RELATED_LEAD.match(t) or len(tail) >= tail_lines:
            break
        tail.append(t)
    above = [seg[k].strip() for k in range(title_at) if seg[k].strip()][-above_lines:] if title_at else []
    upper = [t for t in (seg[k].strip() for k in range(max(0, first - upper_lines), first)) if t]
    bottom = [t for t in (seg[k].strip() for k in range(last + 1, min(len(seg), last + 1 + upper_lines))) if t]
    return {"near": [seg[k].strip() for k in near], "head": head, "above": above, "lead": body[:edge],
            "end": body[-edge:], "foot": [seg[k].strip() for k in span[-foot_lines:]], "tail": tail, "upper": upper, "bottom": bottom,
            "lower": lower_words(body) if lower is None else lower}
