"""Bilingual pages: a text interleaved with its translation becomes one article per language.

A body is bilingual when lines of two scripts (Latin and CJK) each hold a real share of the text and
the page switches between them often (paragraph, translation, paragraph, …), rather than a single
foreign quote or a block of another language at the end. Lines of one language go to that language's
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


def split_languages(body: list[str], *, min_share: float = 0.2, min_switches: int = 3) -> dict[str, list[str]] | None:
    """{script: lines} when `body` interleaves two scripts, else None."""
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
    if switches < min_switches:
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
