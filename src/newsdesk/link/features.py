"""Features of an article for linking: shingles, numbers, names, quotes; shared by dedup and relations."""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..clean.lang import HAN, no_han
from ..clean.zhscript import to_simplified
from .background import doc_probability
from .dates import event_weekdays

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*", re.UNICODE)
# digits glued to Han characters ("上涨4.1%") are numbers too: only Latin letters and digits block a match
# a number not glued to letters, digits or a point before it: "1,234.5" (thousands separators), else "1234.5",
# each with its sign. Each alternative opens with the character it consumes and looks behind it afterwards (a
# pattern that opens with a look-behind cannot skip to its candidates: this one reads numbers 22% faster); a
# property test holds it equal to the plain form
NUMBER = re.compile(r"[-+](?<![A-Za-z0-9.][-+])\d{1,3}(?:,\d{3})+(?:\.\d+)?"
                    r"|\d(?<![A-Za-z0-9.]\d)\d{0,2}(?:,\d{3})+(?:\.\d+)?"
                    r"|[-+](?<![A-Za-z0-9.,][-+])\d+(?:\.\d+)?"
                    r"|\d(?<![A-Za-z0-9.,]\d)\d*(?:\.\d+)?")
NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b")
# a direct quote: 20 characters or more between quotation marks, or six Han characters (Chinese says in six
# characters what English says in twenty: "用户留存和复购情况好于预期" is a quote, "(the "Group")" is not)
QUOTED = re.compile(r"[\"“「『]([^\"”」』]{6,}?)[\"”」』]")
STOP = frozenset("""a an the and or of to in on at for by with from as is are was were be been it its this that
these those which who whom whose what when where why how not no but if than then so such can could would
should will may might has have had do does did he she they we you i his her their our your them us him
said says also more most other over into out up down about after before while since during per cent
percent""".split())


def normalise(text: str) -> str:
    """NFKC, case-folded, Han characters in their simplified forms: a Hong Kong portal's traditional-script
    copy of a mainland article is the same text."""
    return to_simplified(unicodedata.normalize("NFKC", text).casefold())


def words(text: str) -> list[str]:
    """Latin-script word tokens (lowercased); Han runs are left to char shingles."""
    return TOKEN.findall(HAN.sub(" ", normalise(text)))


def han_chars(text: str) -> str:
    return "".join(HAN.findall(unicodedata.normalize("NFKC", text)))


def shingles(text: str, k_words: int = 3, k_chars: int = 3) -> set[str]:
    """Word k-grams for alphabetic text and character k-grams for Han text (both kinds when mixed)."""
    norm = normalise(text)
    return _shingles(_tokens(norm), _han(norm), k_words, k_chars)


def _tokens(norm: str) -> list[str]:
    """``words`` of an already normalised text."""
    return TOKEN.findall(norm if no_han(norm) else HAN.sub(" ", norm))


def _han(norm: str) -> str:
    """``han_chars`` of an already normalised text (case folding leaves Han characters alone)."""
    return "" if no_han(norm) else "".join(HAN.findall(norm))


def _shingles(toks: list[str], han: str, k_words: int, k_chars: int) -> set[str]:
    if k_words > 0:  # (map over zip: ~2.5x faster than joining a slice per position; the same set)
        out = set(map(" ".join, zip(*(toks[i:] for i in range(k_words)))))
    else:
        out = {""}
    out.update(han[i:i + k_chars] for i in range(len(han) - k_chars + 1))
    return out


# a magnitude written after a number: "16.4 billion" and "164亿" are the same figure in two languages
MAGNITUDE = re.compile(r"\s*(万亿|萬億|亿|億|万|萬|trillion|tn|billion|bn|million|mn|mln|thousand)(?![A-Za-z])", re.I)
SCALE = {"万亿": 1e12, "萬億": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "trillion": 1e12, "tn": 1e12,
         "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "mln": 1e6, "thousand": 1e3}


def _significant(v: float, digits: int = 4) -> float:
    if v == 0:
        return 0.0
    return round(v, digits - 1 - int(math.floor(math.log10(abs(v)))))


def _read_numbers(text: str):
    """(value, match, magnitude match or None) of each number of an NFKC-normalised text."""
    for m in NUMBER.finditer(text):
        try:
            v = float(m.group(0).replace(",", ""))
        except ValueError:
            continue
        mag = MAGNITUDE.match(text, m.end())
        if mag:
            v = _significant(v * SCALE[mag.group(1).lower()])
        yield v, m, mag


def numbers(text: str) -> list[float]:
    """Numbers in reading order, without thousands separators and with their magnitude words applied
    (so a figure reads the same in English and Chinese); years and 1-digit counts included."""
    return [v for v, _m, _mag in _read_numbers(unicodedata.normalize("NFKC", text))]


# a number right after a capitalised word is part of a name ("Nikkei 225", "S&P 500", "Boeing 747"), not a figure of
# the report: every report on that index or model has it. The word ends right before one space; it may hold
# "&", "." or "-" inside ("S&P")
NAME_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'“‘]))([A-Z][\w&.\-]*)[ \u00a0]$")
FIGURE_AFTER = re.compile(r"\s*(?:%|percent|per cent|pct|points?|pts)(?![A-Za-z])", re.I)


def _name_number(text: str, start: int, end: int) -> bool:
    """The number at text[start:end] (an integer) follows a capitalised word that is no sentence opener
    ("About 300 people") unless it holds another capital ("FTSE 100" opening a sentence), and is not itself
    a figure (no magnitude, percent or points after it)."""
    m = NAME_BEFORE.search(text, max(0, start - 40), start)
    if not m:
        return False
    w = m.group(1)
    low = w.casefold()
    if low in STOP or low.rstrip(".") in _CALENDAR_WORDS:
        return False
    i = m.start(1) - 1
    while i >= 0 and text[i] in " \t\"'“‘(«":
        i -= 1
    if (i < 0 or text[i] in ".!?:\n") and not any(c.isupper() for c in w[1:]) \
            and doc_probability(low, None) >= RARE_OPENER:
        return False  # a common word opening the sentence ("About 300"), not a name ("Nikkei 225")
    return not (MAGNITUDE.match(text, end) or FIGURE_AFTER.match(text, end))


RARE_OPENER = 0.005  # background document share under which a sentence's first word reads as a name
_CALENDAR_WORDS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split())


def numbers_and_name_numbers(text: str) -> tuple[list[float], list[float]]:
    """:func:`numbers`, and the same without the integers that are part of a name (see :func:`_name_number`),
    in one pass."""
    out, named = [], []
    text = unicodedata.normalize("NFKC", text)
    for v, m, mag in _read_numbers(text):
        out.append(v)
        g = m.group(0)
        if mag or "." in g or "," in g or not _name_number(text, m.start(), m.end()):
            named.append(v)
    return out, named


def salient_numbers(text: str, nums: list[float] | None = None) -> list[float]:
    """Numbers that identify a report: decimals, and integers other than small counts and years
    (``nums``: the text's numbers when already computed)."""
    out = []
    for v in numbers(text) if nums is None else nums:
        if v != int(v) or (abs(v) >= 10 and not 1900 <= abs(v) <= 2100):
            out.append(round(abs(v), 4))
    return out


CAPITAL = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*", re.UNICODE)
# the same scan as CAPITAL.finditer, with the words that open with an ASCII lowercase letter (never capitalised)
# and the characters between words passed over inside the regex: each match ends with the next word that may be
# capitalised (group 1), or at the end of the text (group 1 None). The possessive loops never backtrack.
_CAPITAL_CANDIDATE = re.compile(r"(?:[\W\d_]*+[a-z][^\W_]*(?:['’-][^\W\d_]+)*)*+[\W\d_]*+(?:("
                                + CAPITAL.pattern + r")|\Z)", re.UNICODE)


def fold_accents(word: str) -> str:
    """A word without its diacritics ("rondônia" -> "rondonia", "nestlé" -> "nestle"): names keep them in some
    sources and languages and lose them in others."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def proper_words(text: str) -> Counter:
    """Lowercased capitalised words that do not open a sentence: a cheap, language-independent stand-in for
    names of people, places and organisations (spelled alike across languages written in Latin script)."""
    out: Counter = Counter()
    for m in _CAPITAL_CANDIDATE.finditer(text):
        w = m.group(1)
        if w is None or not w[0].isupper() or len(w) < 3:
            continue
        i = m.start(1) - 1
        while i >= 0 and text[i] in " \t\"'“‘(«":
            i -= 1
        if i < 0 or text[i] in ".!?:\n":
            continue
        low = fold_accents(w.casefold())
        if low.endswith(("'s", "’s")):
            low = low[:-2]  # "Bush's" is Bush
        if low not in STOP and len(low) >= 3:
            out[low] += 1
    return out


def quotes(text: str) -> list[str]:
    return [normalise(q) for q in QUOTED.findall(text) if len(q) >= 20 or len(HAN.findall(q)) >= 6]


@dataclass
class LinkFeatures:
    shingles: set[str]
    numbers: list[float]
    entities: Counter
    terms: Counter
    quotes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    title_terms: Counter = field(default_factory=Counter)  # terms of the title alone (weighted up by stories)
    proper: Counter = field(default_factory=Counter)  # capitalised words inside sentences (names, places)
    years: Counter = field(default_factory=Counter)  # years mentioned (1900-2100), which salient numbers leave out
    # salient numbers without those that are part of a name ("Nikkei 225"): the number keys of story vectors
    # (``numbers`` keeps them, for the relation and number checks); None: the same as ``numbers``
    story_numbers: list[float] | None = None
    # weekdays (0-6) the text reports something happening on (not scheduled ones): the event's day
    weekdays: frozenset = frozenset()
    # the story keys' weights before IDF and their background probabilities (stories.term_weights), filled by
    # record.prepare in the workers, which then empties terms, title_terms and proper; None: not yet computed
    weights: tuple[dict[str, float], dict[str, float]] | None = None


def _content_terms(toks: list[str], han: str) -> Counter:
    """Word terms (no stop words, numbers or short words) and Han bigrams."""
    out: Counter = Counter([t for t in toks if len(t) > 2 and t not in STOP and not t[0].isdigit()])
    out.update([han[i:i + 2] for i in range(len(han) - 1)])
    return out


def is_company(entity_id: str) -> bool:
    """An entity id of a listed company from the entity base ("kb:0700.HK"; not an index, "kb:idx:HSI", a
    person, "kb:p:…", or another organisation, "kb:org:…")."""
    return entity_id.startswith("kb:") and ":" not in entity_id[3:]


def _drop_names(terms: Counter, norm: str, han: str, surfaces: tuple[str, ...]) -> None:
    """Take the words and Han bigrams of company names (``surfaces``) out of content terms, once per occurrence
    of the name (``norm``: the normalised text, ``han``: its Han characters): that two reports name the same
    company is what its entity id says; their content is what they say about it."""
    drop: Counter = Counter()
    for s in set(surfaces):
        ns = normalise(s)
        hs = _han(ns)
        if len(hs) >= 2:
            n = han.count(hs)
            grams = [hs[i:i + 2] for i in range(len(hs) - 1)]
        else:
            n = norm.count(ns)
            grams = [w for w in _tokens(ns) if len(w) > 2 and w not in STOP and not w[0].isdigit()]
        for g in grams:
            drop[g] += n
    for g, n in drop.items():
        c = terms.get(g, 0) - n
        if c > 0:
            terms[g] = c
        else:
            terms.pop(g, None)


def features(text: str, title: str | None, entity_ids: list[str], k_words: int = 3, k_chars: int = 3,
             weekdays: frozenset | None = None, companies: tuple[str, ...] = ()) -> LinkFeatures:
    """(``weekdays``: the event days when already read, see :func:`..dates.event_days`; ``companies``: the
    surfaces of the text's listed-company mentions, left out of the content terms, see :func:`_drop_names`)"""
    # each text is normalised and tokenised once: the title's and the body's tokens and Han characters
    # make the terms of "title\ntext" (a newline neither composes under NFKC nor joins tokens)
    ntext = normalise(text)
    toks, han = _tokens(ntext), _han(ntext)
    if title:
        ntitle = normalise(title)
        ttoks, than = _tokens(ntitle), _han(ntitle)
        terms = _content_terms(ttoks + toks, than + han)
        title_terms = _content_terms(ttoks, than)
    else:
        terms, title_terms = _content_terms(toks, han), Counter()
    if companies:
        _drop_names(terms, ntext, han, companies)
        if title:
            _drop_names(terms, ntitle, than, companies)
            _drop_names(title_terms, ntitle, than, companies)
    full = f"{title}\n{text}" if title else text
    nums, unnamed = numbers_and_name_numbers(text)
    years = Counter(int(v) for v in nums + (numbers(title) if title else []) if v == int(v) and 1900 <= v <= 2100)
    return LinkFeatures(shingles=_shingles(toks, han, k_words, k_chars), numbers=salient_numbers(text, nums),
                        entities=Counter(entity_ids), terms=terms, quotes=quotes(text),
                        names=NAME.findall(text), title_terms=title_terms, proper=proper_words(full),
                        years=years, story_numbers=salient_numbers(text, unnamed),
                        weekdays=event_weekdays(text) if weekdays is None else weekdays)
