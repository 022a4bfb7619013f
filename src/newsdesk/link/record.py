"""What the link stage keeps of an article: a compact record, computed once per article.

The link stage used to keep every article with its text and shingle set (~75-100 KB per article). It now
keeps, per article, only what relations, dates and story summaries read later: a MinHash signature (copy
containment is estimated from it), the salient numbers and the number-bearing sentences (rewrites and
translations), entity ids, names, a few counts, the dates and the title. A record is a few KB, pickles
into one store row, and is built by ``prepare``, which needs nothing but the article, so it runs with the
per-document stages (in the workers) and the single-writer link stage only looks things up and scores.
"""
from __future__ import annotations

import math
import re
import unicodedata
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass, field

from ..clean.lang import no_han
from ..clean.reldate import FETCHED
from .dates import event_days, weekday_mentions
from .dedup import signature
from .features import LinkFeatures, features, is_company, salient_numbers
from .stories import story_params, term_weights

LATIN_IN_HAN = re.compile(r"[A-Za-z][A-Za-z .&'-]{2,}")
HAN_RX = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d").search
# a sentence ends after . ! ? (closing quote, then space), after 。！？ (closing quote), or at a line break; the
# match starts with the end mark (a pattern that opens with a character class is scanned 2.5x faster than one
# that opens with a look-behind), which stays with its sentence
SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+|[。！？][”」』]?|\n+")


def sentences(text: str) -> list[str]:
    """The text cut into sentences at SENTENCE_END (the end marks kept, the spaces and quotes after them not)."""
    out, prev = [], 0
    for m in SENTENCE_END.finditer(text):
        cut = m.start() if text[m.start()] == "\n" else m.start() + 1
        out.append(text[prev:cut])
        prev = m.end()
    out.append(text[prev:])
    return out


# a day the page gives relative to its fetch time ("3 hours ago", clean/reldate.py) is published as "inferred",
# but it places the article in the stream like a day the page states outright
PLACED = ("explicit", FETCHED)


def link_basis(art) -> str | None:
    """The link record's date basis: the article's, or FETCHED for a day read relative to the fetch time."""
    return FETCHED if art.published and art.meta.get("published_from") == FETCHED else art.published_basis


def out_basis(basis: str | None) -> str | None:
    """The basis the story map states (a day read relative to the fetch time is "inferred")."""
    return "inferred" if basis == FETCHED else basis


@dataclass(slots=True)
class LinkRecord:
    id: str
    language: str | None
    published: str | None
    basis: str | None
    title: str | None
    fallback_title: str
    publisher: str | None
    attribution: str | None
    text_len: int
    n_shingles: int
    sig: bytes
    numbers: array            # salient numbers in reading order (float64: 8 bytes each, not 32)
    entities: tuple[str, ...]
    names: array              # CRC-32 of each distinct multi-word name (compared as sets)
    n_quotes: int
    foreign_share: float
    number_sentences: array   # the distinct salient numbers of each sentence, sentences separated by NaN
    weekdays: tuple[tuple[int, str], ...]
    order: int = 0
    story: str | None = None


@dataclass(slots=True)
class Prepared:
    """An article ready for the link stage: its record and the counts the story clusterer weighs."""
    record: LinkRecord
    feats: LinkFeatures = field(repr=False)
    embedding: bytes | None = field(default=None, repr=False)  # float16 e5 vector ([link] embeddings = true)


def is_cjk(lang: str | None) -> bool:
    return lang in ("zh", "ja", "ko")


def number_sentences(text: str) -> array:
    """The distinct salient numbers of each sentence that has any, in reading order, NaN-separated."""
    out = array("d")
    for sent in sentences(text):
        if not _DIGIT(sent) and (sent.isascii() or unicodedata.is_normalized("NFKC", sent)):
            continue  # (NFKC leaves ASCII and normalised text alone: no digit, no number)
        nums = sorted(set(salient_numbers(sent)))
        if nums:
            if out:
                out.append(math.nan)
            out.extend(nums)
    return out


def sentence_sets(packed: array) -> list[set[float]]:
    """``number_sentences`` unpacked: one set of numbers per sentence."""
    out: list[set[float]] = []
    cur: set[float] = set()
    for x in packed:
        if x != x:  # NaN: the next sentence
            out.append(cur)
            cur = set()
        else:
            cur.add(x)
    if cur:
        out.append(cur)
    return out


def foreign_share(text: str, cjk: bool) -> float:
    """Share of the text written in the other script (untranslated names and terms in a translation)."""
    if cjk:
        return sum(len(m) for m in LATIN_IN_HAN.findall(text)) / max(1, len(text))
    return 0.0 if no_han(text) else len(HAN_RX.findall(text)) / max(1, len(text))


def first_sentence(text: str, limit: int = 90) -> str:
    """A stand-in title for an untitled article: its first sentence, on one line, cut at a word."""
    line = " ".join(text[:2000].split())
    m = re.match(r"(.+?[.!?。！？])(?:\s|$)", line)
    first = m.group(1) if m else line
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0] + "…"
    return first


def prepare(art, entity_ids: list[str], cfg: dict) -> Prepared:
    """The link record of one article (pure: depends on the article and the config only)."""
    mentions = weekday_mentions(art.text)
    companies = tuple({m.surface for m in art.mentions if is_company(m.entity)})
    f = features(art.text, art.title, entity_ids, cfg["shingle_words"], cfg["shingle_chars"], event_days(mentions),
                 companies)
    rec = LinkRecord(
        id=art.id, language=art.language, published=art.published, basis=link_basis(art), title=art.title,
        fallback_title="" if art.title else first_sentence(art.text), publisher=art.publisher,
        attribution=art.source_attribution, text_len=len(art.text), n_shingles=len(f.shingles),
        sig=signature(f.shingles, cfg["num_perm"]), numbers=array("d", f.numbers), entities=tuple(sorted(f.entities)),
        names=array("I", sorted({zlib.crc32(n.encode("utf-8")) for n in f.names})), n_quotes=len(f.quotes), foreign_share=foreign_share(art.text, is_cjk(art.language)),
        number_sentences=number_sentences(art.text),
        weekdays=tuple(mentions) if art.published_basis != "explicit" else ())
    f.weights = term_weights(f, art.language, story_params(cfg))
    f.shingles = set()
    f.quotes = []
    f.names = []
    f.terms, f.title_terms, f.proper = Counter(), Counter(), Counter()  # in f.weights now
    emb = None
    if cfg.get("embeddings"):
        from .embed import article_embedding
        emb = article_embedding(art.title, art.text)
        f.embedding = emb  # the story clusterer is handed the features only
    return Prepared(rec, f, emb)
