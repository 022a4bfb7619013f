"""Relation types between two articles, and which of the two is the original.

- copy: the same text (high containment of word/character shingles);
- rewrite: the same article paraphrased: little shared wording, but the same numbers (nearly all of them),
  names and quotes, in the same order and sentence by sentence (an independent report of the same
  announcement quotes the key figures too, a few of them, in sentences of its own);
- translation: another language, with the same numbers and the same entities (cross-lingual ids from
  the entity base), of a comparable length;
- follow_up is decided later, within a story, from the dates (see linker.py).

Both sides are link records (record.py): copy containment is estimated from MinHash signatures, so no
article text or shingle set has to stay in memory.
"""
from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

from .dates import instant
from .dedup import jaccard_estimate
from .record import LinkRecord, is_cjk, sentence_sets


@dataclass
class PairVerdict:
    type: str
    score: float
    source: str  # the derived article
    target: str  # the one it came from


def containment(a: LinkRecord, b: LinkRecord, j: float | None = None) -> float:
    """|A ∩ B| / min(|A|, |B|) of the two shingle sets, estimated from their MinHash signatures (``j``: their
    Jaccard estimate, when the caller has it)."""
    if not a.n_shingles or not b.n_shingles:
        return 0.0
    if j is None:
        j = jaccard_estimate(a.sig, b.sig)
    inter = j * (a.n_shingles + b.n_shingles) / (1.0 + j)
    return min(1.0, inter / min(a.n_shingles, b.n_shingles))


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def multiset_overlap(a, b, ca: Counter | None = None) -> tuple[int, float]:
    """Shared items (with multiplicity) and their share of the smaller list (``ca``: ``Counter(a)`` when the
    caller has it: the new article of a link step is compared with dozens of candidates)."""
    common = set(a).intersection(b)
    if not common:
        return 0, 0.0
    ca, cb = ca or Counter(a), Counter(b)
    shared = sum([min(ca[x], cb[x]) for x in common])
    return shared, shared / max(1, min(len(a), len(b)))


def lcs_ratio(a, b) -> float:
    """Longest common subsequence over the shorter list's length (order of facts kept?)."""
    if not a or not b:
        return 0.0
    a, b = a[:200], b[:200]
    return LCSseq.similarity(a, b) / min(len(a), len(b))


def sentence_alignment(a: array, b: array) -> float:
    """Share of the number-bearing sentences of the shorter side that find, in order, a sentence of the
    other side stating the same figures: a translation goes sentence by sentence, an independent report
    in another language puts the same figures in its own sentences."""
    sa, sb = sentence_sets(a), sentence_sets(b)
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


def _later(a: LinkRecord, b: LinkRecord) -> bool | None:
    """Whether ``a`` was published after ``b``: by the instant when both give a time with its UTC offset
    ("21:12-05:00" is after "09:30+08:00" of the next calendar day), else by the day; None when the dates
    cannot tell (two pages' local times without an offset are not comparable) or one of them is inferred (a
    lower bound from the days the text states, or the story's: the same pair linked in one run or across two
    would then be ordered differently)."""
    pa, pb = a.published, b.published
    if not pa or not pb or a.basis == "inferred" or b.basis == "inferred":
        return None
    ta, tb = instant(pa), instant(pb)
    if ta is not None and tb is not None:
        return None if ta == tb else ta > tb
    return None if pa[:10] == pb[:10] else pa[:10] > pb[:10]


def _translation_direction(a: LinkRecord, b: LinkRecord) -> tuple[LinkRecord, LinkRecord]:
    """(translation, original): the later one; else the side that carries the other script's words
    untranslated is derived."""
    later = _later(a, b)
    if later is not None:
        return (a, b) if later else (b, a)
    return (a, b) if a.foreign_share >= b.foreign_share else (b, a)


def _direction(a: LinkRecord, b: LinkRecord, kind: str = "rewrite") -> tuple[LinkRecord, LinkRecord]:
    """(derived, original): the earlier one (see :func:`_later`); for copies then the fuller text (carriers trim
    the end), then the one that does not credit another outlet ("(Wire) —": a page that says it carries
    another's story is the carrier); for rewrites the one that keeps the wire dateline and the direct quotes
    (paraphrases drop both), then the one with more figures, then the terser one (paraphrasers pad)."""
    later = _later(a, b)
    if later is not None:
        return (a, b) if later else (b, a)
    la, lb = a.n_shingles, b.n_shingles
    if kind == "copy" and min(la, lb) < 0.95 * max(la, lb):
        return (a, b) if la < lb else (b, a)
    if (a.attribution is None) != (b.attribution is None):
        if kind == "copy":
            return (a, b) if a.attribution is not None else (b, a)
        return (a, b) if a.attribution is None else (b, a)
    if a.n_quotes != b.n_quotes:
        return (a, b) if a.n_quotes < b.n_quotes else (b, a)
    if kind == "rewrite":
        na, nb = len(a.numbers), len(b.numbers)
        if na != nb:  # the one that states more figures is the fuller version
            return (a, b) if na < nb else (b, a)
        # the same figures in more words: paraphrasers pad ("On Monday, X reported selling" for "X said on
        # Monday it sold")
        return (a, b) if a.text_len > b.text_len else (b, a)
    return (a, b) if a.text_len <= b.text_len else (b, a)


def _same_figures(a: LinkRecord, b: LinkRecord, overlap) -> bool:
    """A copy reports the same figures; pages cut from one template (automated results, price reports)
    share their wording and differ in the numbers. (``overlap()``: the pair's multiset_overlap.)"""
    if min(len(a.numbers), len(b.numbers)) < 3:
        return True
    return overlap()[1] >= 0.5


def classify_pair(a: LinkRecord, b: LinkRecord, cfg: dict, a_counts: Counter | None = None,
                  jac: float | None = None) -> PairVerdict | None:
    """How ``a`` and ``b`` relate, or None. When the caller compares ``a`` with many candidates it may pass
    ``a_counts`` (``Counter(a.numbers)``) and ``jac`` (the signatures' Jaccard estimate, see
    ``dedup.jaccard_estimates``)."""
    memo: list = []

    def overlap() -> tuple[int, float]:  # the figures' overlap, computed once a pair (copy and rewrite tests)
        if not memo:
            memo.append(multiset_overlap(a.numbers, b.numbers, a_counts))
        return memo[0]

    cross = is_cjk(a.language) != is_cjk(b.language)
    if cross:
        la, lb = len(a.numbers), len(b.numbers)
        if min(la, lb) < 3 or min(la, lb) / max(la, lb, 1) < 0.5:
            return None
        shared, share = overlap()
        if shared >= 3 and share >= cfg["translation_min"]:
            ents = jaccard(set(a.entities), set(b.entities))
            order = lcs_ratio(a.numbers, b.numbers)
            score = round(0.5 * share + 0.3 * order + 0.2 * ents, 3)
            # a translation keeps the figures in their order; an independent report in another
            # language shares the key figures but tells them in its own order
            if score >= cfg["translation_min"] and order >= cfg["translation_order_min"] \
                    and sentence_alignment(a.number_sentences, b.number_sentences) >= cfg["translation_order_min"]:
                src, dst = _translation_direction(a, b)
                return PairVerdict("translation", score, src.id, dst.id)
        return None
    c = containment(a, b, jac)
    if c >= cfg["copy_min"] and _same_figures(a, b, overlap):
        src, dst = _direction(a, b, "copy")
        return PairVerdict("copy", round(c, 3), src.id, dst.id)
    len_ratio = min(a.text_len, b.text_len) / max(a.text_len, b.text_len, 1)
    if len_ratio < 0.5 or min(len(a.numbers), len(b.numbers)) < 4:
        return None
    shared, share = overlap()
    if shared >= 4 and share >= 0.5:
        order = lcs_ratio(a.numbers, b.numbers)
        names = jaccard(set(a.names), set(b.names))
        score = round(0.45 * share + 0.35 * order + 0.2 * names, 3)
        # a paraphrase restates nearly all the figures of the fuller side, or, when it leaves some out, keeps
        # the rest in the original's order sentence by sentence; an independent report of the same event
        # quotes the key figures in an order and sentences of its own and brings its own figures
        partial = shared < cfg["rewrite_cover_min"] * max(len(a.numbers), len(b.numbers))
        need = cfg["rewrite_partial_order_min"] if partial else 0.6
        if score >= cfg["rewrite_min"] and order >= need \
                and sentence_alignment(a.number_sentences, b.number_sentences) >= need:
            src, dst = _direction(a, b)
            return PairVerdict("rewrite", score, src.id, dst.id)
    return None
