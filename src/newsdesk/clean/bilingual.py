"""Bilingual pages: a text interleaved with its translation becomes one article per language.

A body is bilingual when lines of two scripts (Latin and CJK) each hold a real share of the text and
the page switches between them often (paragraph, translation, paragraph, …), or holds the whole text in one
and then the whole text in the other (each block a large share: not a single foreign quote or a short
summary in another language at the end). Lines of one language go to that language's
article in order; a line repeated in both halves (a duplicated header) stays with its own script.
"""
from __future__ import annotations

from .lang import LATIN_WORD, script_language
from .lines import han_count


def line_script(line: str) -> str | None:
    lang = script_language(line)
    if lang:
        return lang
    return "latin" if LATIN_WORD.search(line) else None


def split_languages(body: list[str], *, min_share: float = 0.2, min_switches: int = 3,
                    block_share: float = 0.3, block_lines: int = 2) -> dict[str, list[str]] | None:
    """{script: lines} when `body` interleaves two scripts, or holds the text in one and then in the other
    (two blocks, each at least ``block_share`` of the text in ``block_lines`` lines or more: a page with the
    translation under the original), else None."""
    scripts = [line_script(s) for s in body]
    weight: dict[str, int] = {}
    for s, sc in zip(body, scripts):
        if sc:
            weight[sc] = weight.get(sc, 0) + (han_count(s) // 2 + len(LATIN_WORD.findall(s)))
    if len(weight) < 2:
        return None
    total = sum(weight.values())
    major = sorted(weight, key=weight.get, reverse=True)[:2]
    if any(weight[m] / total < min_share for m in major):
        return None
    seq = [sc for sc in scripts if sc in major]
    switches = sum(1 for a, b in zip(seq, seq[1:]) if a != b)
    # (paragraphs only: a copyright line or a headline in the other script does not make a third block)
    para = [sc for s, sc in zip(body, scripts) if sc in major and han_count(s) // 2 + len(LATIN_WORD.findall(s)) >= 8]
    blocks = sum(1 for a, b in zip(para, para[1:]) if a != b) == 1 and all(
        weight[m] / total >= block_share and para.count(m) >= block_lines for m in major)
    if switches < min_switches and not blocks:
        return None
    out: dict[str, list[str]] = {m: [] for m in major}
    last = None
    for s, sc in zip(body, scripts):
        if sc in out:
            out[sc].append(s)
            last = sc
        elif last:  # a line with no letters (numbers only) stays with the paragraph it follows
            out[last].append(s)
    return out
