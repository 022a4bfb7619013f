"""Relation types between two articles, and which of the two is the original.

- copy: the same text (high containment of word/character shingles);
- rewrite: the same article paraphrased: little shared wording, but the same numbers, names and quotes,
  in the same order;
- translation: another language, with the same numbers and the same entities (cross-lingual ids from
  the entity base), of a comparable length;
- follow_up is decided later, within a story, from the dates (see stories.py).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Article
from .features import LinkFeatures

LATIN_IN_HAN = re.compile(r"[A-Za-z][A-Za-z .&'-]{2,}")
HAN_RX = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class PairVerdict:
    type: str
    score: float
    source: str  # the derived article
    target: str  # the one it came from


def containment(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def multiset_overlap(a: list, b: list) -> tuple[int, float]:
    """Shared items (with multiplicity) and their share of the smaller list."""
    ca, cb = Counter(a), Counter(b)
    shared = sum((ca & cb).values())
    return shared, shared / max(1, min(len(a), len(b)))


def lcs_ratio(a: list, b: list) -> float:
    """Longest common subsequence over the shorter list's length (order of facts kept?)."""
    if not a or not b:
        return 0.0
    a, b = a[:200], b[:200]
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1] / min(len(a), len(b))


SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+|(?<=[。！？])[”」』]?|\n+")


def _number_sentences(text: str) -> list[set[float]]:
    from .features import salient_numbers

    out = []
    for sent in SENTENCE_END.split(text):
        nums = set(salient_numbers(sent))
        if nums:
            out.append(nums)
    return out


def sentence_alignment(a: str, b: str) -> float:
    """Share of the number-bearing sentences of the shorter side that find, in order, a sentence of the
    other side stating the same figures: a translation goes sentence by sentence, an independent report
    in another language puts the same figures in its own sentences."""
    sa, sb = _number_sentences(a), _number_sentences(b)
    if len(sa) > len(sb):
        sa, sb = sb, sa
    if not sa:
        return 0.0
    j = matched = 0
    for nums in sa:
        for k in range(j, len(sb)):
            if len(nums & sb[k]) / len(nums | sb[k]) >= 0.5:
                matched += 1
                j = k + 1
                break
    return matched / len(sa)


def is_cjk(lang: str | None) -> bool:
    return lang in ("zh", "ja", "ko")


def _translation_direction(a: Article, b: Article) -> tuple[Article, Article]:
    """(translation, original): the side that carries the other script's words untranslated is derived."""
    def foreign_share(x: Article) -> float:
        if is_cjk(x.language):
            return sum(len(m) for m in LATIN_IN_HAN.findall(x.text)) / max(1, len(x.text))
        return len(HAN_RX.findall(x.text)) / max(1, len(x.text))
    if a.published and b.published and a.published[:10] != b.published[:10]:
        return (a, b) if a.published > b.published else (b, a)
    return (a, b) if foreign_share(a) >= foreign_share(b) else (b, a)


def _direction(a: Article, b: Article, fa: LinkFeatures, fb: LinkFeatures,
               kind: str = "rewrite") -> tuple[Article, Article]:
    """(derived, original): the earlier one; for copies then the fuller text (carriers trim the end);
    for rewrites the one that keeps the wire dateline and the direct quotes (paraphrases drop both)."""
    if a.published and b.published and a.published[:10] != b.published[:10]:
        return (a, b) if a.published > b.published else (b, a)
    la, lb = len(fa.shingles), len(fb.shingles)
    if kind == "copy" and min(la, lb) < 0.95 * max(la, lb):
        return (a, b) if la < lb else (b, a)
    if kind != "copy" and (a.source_attribution is None) != (b.source_attribution is None):
        return (a, b) if a.source_attribution is None else (b, a)
    if len(fa.quotes) != len(fb.quotes):
        return (a, b) if len(fa.quotes) < len(fb.quotes) else (b, a)
    return (a, b) if len(a.text) <= len(b.text) else (b, a)


def classify_pair(a: Article, b: Article, fa: LinkFeatures, fb: LinkFeatures, cfg: dict) -> PairVerdict | None:
    cross = is_cjk(a.language) != is_cjk(b.language)
    if cross:
        shared, share = multiset_overlap(fa.numbers, fb.numbers)
        ents = jaccard(set(fa.entities), set(fb.entities))
        la, lb = len(fa.numbers), len(fb.numbers)
        if shared >= 3 and share >= cfg["translation_min"] and min(la, lb) / max(la, lb, 1) >= 0.5:
            order = lcs_ratio(fa.numbers, fb.numbers)
            score = round(0.5 * share + 0.3 * order + 0.2 * ents, 3)
            # a translation keeps the figures in their order; an independent report in another
            # language shares the key figures but tells them in its own order
            if score >= cfg["translation_min"] and order >= cfg["translation_order_min"] \
                    and sentence_alignment(a.text, b.text) >= cfg["translation_order_min"]:
                src, dst = _translation_direction(a, b)
                return PairVerdict("translation", score, src.id, dst.id)
        return None
    c = containment(fa.shingles, fb.shingles)
    if c >= cfg["copy_min"]:
        src, dst = _direction(a, b, fa, fb, "copy")
        return PairVerdict("copy", round(c, 3), src.id, dst.id)
    shared, share = multiset_overlap(fa.numbers, fb.numbers)
    if shared >= 4:
        order = lcs_ratio(fa.numbers, fb.numbers)
        names = jaccard(set(fa.names), set(fb.names))
        len_ratio = min(len(a.text), len(b.text)) / max(len(a.text), len(b.text), 1)
        score = round(0.45 * share + 0.35 * order + 0.2 * names, 3)
        if score >= cfg["rewrite_min"] and share >= 0.5 and order >= 0.6 and len_ratio >= 0.5:
            src, dst = _direction(a, b, fa, fb)
            return PairVerdict("rewrite", score, src.id, dst.id)
    return None
