"""Flattened pages: find the article(s) in a page rendered to text lines.

A page may carry one article or several (an aggregator page with full "related" stories). An article
starts at a *header*: a title-like line that the page repeats nearby (title, then the title again as a
link or heading) or that is followed by a source/date line, and that is followed by real prose. Lists
of related headlines are headers without prose, so they start nothing. Inside each segment the
text-mode line model (textmode.py) picks the body lines.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from . import lines as L
from .textmode import score_lines, select_body


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
    dated: bool = False  # a time line ("2 hours ago", a date) stands under the title


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


def _is_prose(line: str, min_words: int) -> bool:
    s = line.strip()
    return L.is_long(s, min_words) and (s.endswith(L.TERMINAL) or not L.is_title_like(s))


def find_headers(lines: list[str], scores: list[float] | None = None, *, window: int = 8, prose_words: int = 18,
                 min_body_words: int = 60, min_score: float = 0.1) -> list[_Header]:
    """Title lines that open an article: repeated nearby or followed by a source/time line, then prose
    that the line model takes for article text (not a footer or another teaser)."""
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
        for j in _nonblank(lines, i + 1, window + 12):
            if _is_prose(lines[j], prose_words) and scores[j] >= min_score:
                first_prose = j
                break
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


def _is_header_start(lines: list[str], i: int, window: int) -> bool:
    ahead = _nonblank(lines, i + 1, window)
    return any(_same_title(lines[i], lines[j]) for j in ahead)


def _content_words(text: str) -> set[str]:
    from ..link.features import STOP, words

    toks = {w for w in words(text) if w not in STOP and len(w) > 1}
    han = "".join(L.HAN.findall(text))
    return toks | {han[i:i + 2] for i in range(len(han) - 1)}


def _title_above(lines: list[str], body_start: int, lead: str, look: int = 40) -> tuple[str | None, list[str]]:
    """The headline above the body: the title-like line that shares most words with the lead paragraph
    (nearer lines win ties), and the lines between it and the body (bylines, dates)."""
    lead_words = _content_words(lead)
    best, best_score = None, 0.0
    for j in range(body_start - 1, max(-1, body_start - 1 - look), -1):
        s = lines[j].strip()
        if not s or not L.is_title_like(s):
            continue
        tw = _content_words(s)
        overlap = len(tw & lead_words) / max(1, len(tw))
        score = overlap - 0.002 * (body_start - j)
        if overlap >= 0.25 and score > best_score:
            best, best_score = j, score
    if best is None:
        return None, [s.strip() for s in lines[max(0, body_start - 12):body_start] if s.strip()]
    return L.strip_bullet(lines[best]), [s.strip() for s in lines[best + 1:body_start] if s.strip()]


def _bridge_ads(lines: list[str], scores: list[float], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An ad label between two paragraphs ("Advertisement") must not end the body: a span that stops at
    one runs on over the prose that follows it."""
    out = []
    for a, b in spans:
        k = b
        while True:
            j = k
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines) or not L.AD_LABEL.match(lines[j]):
                break
            j += 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            end = j
            while end < len(lines) and (not lines[end].strip() or (_is_prose(lines[end], 8) and scores[end] >= 0.02)):
                end += 1
            if end == j:
                break
            k = end
        out.append((a, k))
    return out


def _not_prose(line: str) -> bool:
    s = line.strip()
    if L.BYLINE.match(s) or L.is_dateline(s) or L.ZH_BYLINE.search(s) and L.word_count(s) < 12:
        return True
    return L.word_count(s) < 12 and not s.endswith(L.TERMINAL) or L.is_title_like(s) and L.word_count(s) < 25 \
        and not s.endswith(L.TERMINAL)


def _trim_tail(body: list[str]) -> list[str]:
    """A body never ends on a heading ("Related topics:", "Read more"): drop short unpunctuated tails."""
    while body and not L.is_long(body[-1], 12) and not body[-1].rstrip().endswith(L.TERMINAL):
        body = body[:-1]
    return body


def _furniture(line: str, page_counts: dict[str, int]) -> bool:
    """Never body: ad labels, related-link leads, lines the page repeats (photo captions shown twice,
    teasers), consent notices, breadcrumbs, share and font-size widgets, editor and disclaimer lines."""
    return bool(L.AD_LABEL.match(line) or L.RELATED_LEAD.match(line)
                or page_counts.get(L.norm_line(line)[:60], 0) > 1
                or (L.FURNITURE.search(line) and L.word_count(line) <= 60))


def _polish(body: list[str]) -> list[str]:
    """Trim calls to action ("Register now", "Subscribe") and headings from either edge."""
    out = list(body)
    while out and (L.CALL_TO_ACTION.search(out[-1]) or _not_prose(out[-1])):
        out.pop()
    while out and L.CALL_TO_ACTION.search(out[0]):
        out.pop(0)
    return out


def parse_text_page(text: str, *, multi_article: bool = True) -> list[RawArticle]:
    lines = text.splitlines()
    if not any(s.strip() for s in lines):
        return []
    scores = score_lines(lines)
    headers = find_headers(lines, scores) if multi_article else []
    counts: dict[str, int] = {}
    for line in lines:
        if L.word_count(line) >= 6:  # short lines repeat legitimately (section names, "Share")
            key = L.norm_line(line)[:60]
            counts[key] = counts.get(key, 0) + 1
    if len(headers) >= 2:
        # an aggregator stacks articles under one template: every article after the first carries its
        # own time line; repeated lines without one (table headers, buttons, comments) start nothing
        headers = headers[:1] + [h for h in headers[1:] if h.dated]
        if sum(h.dated for h in headers) < 2:
            headers = headers[:1]  # one dated teaser under a page's article is not an aggregator
    page_spans = _bridge_ads(lines, scores, select_body(lines))
    if len(headers) == 1 and page_spans and page_spans[0][0] < headers[0].index:
        headers = []  # the page's body starts above this "header": it is a teaser below the article
    if len(headers) >= 2:
        bounds = [(h.index, headers[k + 1].index if k + 1 < len(headers) else len(lines), h)
                  for k, h in enumerate(headers)]
        if headers[0].index > 0:
            bounds.insert(0, (0, headers[0].index, None))
    else:
        bounds = [(0, len(lines), headers[0] if headers else None)]
    out: list[RawArticle] = []
    for start, end, header in bounds:
        seg = lines[start:end]
        zone_end = (header.last - start + 1) if header else 0
        title = header.title if header else None
        spans = _bridge_ads(seg, scores[start:end], select_body(seg, title=title))
        keep = [k for a, b in spans for k in range(a, b) if k >= zone_end and seg[k].strip()]
        if header and len(bounds) > 1:
            # inside a known article segment, prose lines the model doubted still belong to it, up to
            # the first line that is clearly not the article (a footer or an app banner)
            extra = set()
            for k in range(zone_end, len(seg)):
                if not seg[k].strip():
                    continue
                if _is_prose(seg[k], 12) and scores[start + k] >= 0.1:
                    extra.add(k)
                elif extra and scores[start + k] < 0.2:
                    break
            # the segment's own contiguous prose, plus what the page-level decoder kept inside it
            in_page = {k - start for a, b in page_spans for k in range(max(a, start), min(b, end))
                       if k - start >= zone_end}
            keep = sorted(extra | in_page)
        keep = [k for k in keep if not (title and _same_title(title, seg[k]))]
        keep = [k for k in keep if not _furniture(seg[k], counts)]
        while keep and _not_prose(seg[keep[0]]):
            keep.pop(0)  # a headline, byline or dateline the model kept belongs to the header
        if not keep:
            continue
        first = keep[0]
        if header:
            top = header.index - start + 1
            header_lines = [s.strip() for s in seg[top:zone_end] if s.strip() and not _same_title(title, s)]
            header_lines += [s.strip() for s in seg[zone_end:first] if s.strip()]
            before: list[str] = []
        else:
            title, header_lines = _title_above(seg, first, seg[first])
            before = [s.strip() for s in seg[max(0, first - 12):first] if s.strip()]
        body = _polish([seg[k].strip() for k in keep])
        if not body:
            continue
        out.append(RawArticle(title=title, body=body, start=start + first, end=start + keep[-1] + 1,
                              header=header_lines, before=before))
    return out
