"""Background word frequencies for story clustering: how common a word is in general text, independent of
the (often small) input, so that "said" or "government" weigh little even in a batch of ten articles.

The table (``data/wordfreq_background.tsv``) holds Zipf frequencies (log10 occurrences per billion words)
of common words in a few languages, derived from the wordfreq word lists. A word's background document
frequency is estimated as the chance that a document of ``DOC_TOKENS`` words contains it; words absent from
the table are rarer than anything in it.

The table was made once, offline, with wordfreq 3.1.1 (not a dependency at run time): for each language,
``top_n_list(lang, n)`` (en 40,000; fr, pt, es, de 6,000; it, nl, sv, nb 4,000), NFKC-casefolded, alphabetic
words of 3+ letters, with ``zipf_frequency(word, lang)`` rounded to 2 decimals. wordfreq's data is licensed
CC BY-SA 4.0 (see the table's ``# source:`` line).
"""
from __future__ import annotations

import logging
import math
from functools import lru_cache
from importlib import resources

log = logging.getLogger(__name__)

TABLE = "wordfreq_background.tsv"
DOC_TOKENS = 400          # typical news article length in words
FLOOR_ZIPF = 1.5          # words missing from the table: rarer than its rarest entries
LANG_ALIASES = {"no": "nb", "nn": "nb"}


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    try:
        text = resources.files("newsdesk").joinpath("data", TABLE).read_text("utf-8")
    except FileNotFoundError:  # pragma: no cover - packaging error
        log.warning("background frequency table %s missing; clustering uses input statistics only", TABLE)
        return out
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("lang\t"):
            continue
        lang, word, zipf = line.split("\t")
        out.setdefault(lang, {})[word] = float(zipf)
    return out


def zipf(word: str, lang: str | None) -> float:
    """Zipf frequency of a lowercased word in ``lang`` (English when the language has no list)."""
    tab = _table()
    lang = LANG_ALIASES.get(lang or "", lang or "en")
    z = tab.get(lang, {}).get(word)
    if z is None and lang != "en":
        z = tab.get("en", {}).get(word)
    return FLOOR_ZIPF if z is None else z


@lru_cache(maxsize=1 << 18)
def doc_probability(word: str, lang: str | None) -> float:
    """Estimated share of news documents that contain ``word``."""
    rate = 10.0 ** (zipf(word, lang) - 9.0)
    return 1.0 - math.exp(-rate * DOC_TOKENS)


COMMON_ZIPF = 4.5  # Zipf frequency from which a word is common ('online', 'office', 'store', 'market')
ORDINARY_ZIPF = 3.0  # from which a word is an ordinary English word ('coherent', 'rocket'; not 'novartis', 'hess')


def is_ordinary_word(word: str) -> bool:
    """Whether a one-word name is also an ordinary English word, so that it names a company only beside a cue."""
    return zipf(word.casefold(), "en") >= ORDINARY_ZIPF


def is_common_word(word: str, lang: str | None = "en") -> bool:
    """A common word of ``lang`` (a brand's or an organisation's name is made of them, a person's name
    rarely past its given name)."""
    return zipf(word.casefold(), lang) >= COMMON_ZIPF
