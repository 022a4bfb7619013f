"""Conflicts: two articles of one story that state the same fact differently.

- the same entity, kind and period (or date) with values that differ beyond rounding;
- the same value with a different qualifier ("more than 60%" vs "about 60%");
- a translation that loses a ticker its original carries.
"""
from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from ..clean.zhscript import to_simplified
from ..model import CHANGE_KINDS, Article, Conflict, Entity, Fact, Relation
from .numbers import NUM_RE, parse_number

# qualifiers in any language, folded to one English form, so "about" and "约" are the same claim
QUALIFIER_FORMS = {
    "about": ("about", "around", "approximately", "roughly", "some", "约", "大约", "约为", "左右"),
    "more than": ("more than", "over", "above", "in excess of", "超过", "逾", "超", "多于", "以上"),
    "less than": ("less than", "under", "below", "不到", "低于", "少于"),
    "nearly": ("nearly", "almost", "close to", "近", "将近", "接近", "近乎"),
    "as much as": ("as much as", "up to", "as high as", "最多", "一度"),
}
_QUAL = {form: canon for canon, forms in QUALIFIER_FORMS.items() for form in forms}


def canonical_qualifier(q: str | None) -> str:
    if not q:
        return ""
    q = to_simplified(q.strip().casefold())  # ("約" is "约")
    return _QUAL.get(q, q)


def _period(f: Fact) -> str:
    """The period a move covers, comparable across articles: "since:2025-01-13" and "since:01-13" (the
    year not yet resolved) are the same period."""
    p = f.period or ""
    if p.startswith("since:"):
        return "since:" + p[-5:]
    return p


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _period_words(period: str) -> str:
    if period.startswith("since:"):
        mm, dd = period[-5:].split("-")
        return f" since {MONTHS[int(mm) - 1]} {int(dd)}" if mm.isdigit() and dd.isdigit() and 1 <= int(mm) <= 12 else ""
    if period.startswith(("year:", "month:")):
        return " in " + period.split(":", 1)[1]
    if period[:period.find(":")] in ("weeks", "months", "years"):
        unit, n = period.split(":")
        return f" over {n} {unit}"
    return {"ytd": " year to date", "week": " over the week", "month": " over the month",
            "year": " over the year", "from_peak": " from its peak", "from_low": " from its low"}.get(period, "")


def _key(f: Fact) -> tuple:
    period = _period(f)
    # a cumulative move ("since January", "year to date") is one claim whatever day each article ran;
    # a day's move or a price is one claim only for one known day, and so is a distance from a peak or a low
    # (it changes every day)
    day = (f.when or "")[:10] if period in ("", "day", "from_peak", "from_low") else "*"
    return (f.entity, f.kind, f.unit or "", period, day)


def _fmt(f: Fact) -> str:
    q = f"{f.qualifier} " if f.qualifier else ""
    unit = f.unit or ""
    sign = "+" if f.kind in CHANGE_KINDS and f.value > 0 else ""
    return f"{q}{sign}{f.value:g}{unit if unit in ('%', 'x') else (' ' + unit if unit else '')}"


def _explicit(f: Fact) -> bool:
    """The sentence itself dates the figure (not the article-day default)."""
    return bool(f.when_expr) and f.when_expr != "day:0" or (f.period or "day") != "day"


def _same(a: float, b: float) -> bool:
    """Equal up to rounding (half a percent of the larger side, at least 0.005)."""
    return abs(a - b) <= 0.005 * max(1.0, abs(b))


_NUMBER = re.compile(NUM_RE)
_SCALES = (1.0, 1e3, 1e4, 1e6, 1e8, 1e9, 1e12)


def _half_unit(f: Fact, text: str) -> float | None:
    """Half the last written digit of a fact's figure ("HK$412.40": 0.005; "HK$413": 0.5; "HK$2 billion":
    5e8), read from where the fact was found in its article's ``text``; None when it cannot be read there."""
    if f.start is None or f.end is None:
        return None
    for m in _NUMBER.finditer(text, f.start, f.end):
        n = parse_number(m.group())
        if not n:
            continue
        for scale in _SCALES:
            if abs(abs(f.value) - n * scale) <= 1e-9 * max(1.0, abs(f.value)):
                decimals = len(m.group().partition(".")[2])
                return 0.5 * 10.0 ** -decimals * scale
    return None


def _same_figure(f1: Fact, f2: Fact, half: dict[int, float | None]) -> bool:
    """Two facts' figures are one up to the rounding of the less precise one ("HK$412" and "HK$412.40" agree;
    "HK$413.00" and "HK$412.40" do not; ``half``: _half_unit by id of the fact); half a percent when a figure's
    written form is not found."""
    h1, h2 = half[id(f1)], half[id(f2)]
    if h1 is None or h2 is None:
        return _same(f1.value, f2.value)
    return abs(f1.value - f2.value) <= max(h1, h2) * (1 + 1e-9)


def _fits(bound: Fact, other: Fact) -> bool:
    """``other``'s figure is what ``bound``'s qualified one allows ("more than 60%" and 65%; "about 4.2%" and 4.3%;
    "nearly 60%" and 58.7%): no contradiction. Only for qualifiers that bound a figure, with the same sign."""
    q = canonical_qualifier(bound.qualifier)
    v, o = bound.value, other.value
    if q not in ("more than", "less than", "nearly", "about") or v * o < 0:
        return False
    av, ao = abs(v), abs(o)
    return (q == "more than" and ao >= av or q == "less than" and ao <= av
            or q == "nearly" and 0.9 * av <= ao <= av or q == "about" and abs(ao - av) <= 0.1 * av)


def _one_close(f1: Fact, f2: Fact, levels: dict[tuple, list[Fact]], half: dict[int, float | None]) -> bool:
    """Two moves of a day that two reports tie to the same closing figure ("fell 6.2% to HK$38.50" and
    "tumbled 5.8% to HK$38.50"): they describe one moment, so their moves must agree."""
    if f1.kind not in CHANGE_KINDS or f1.when is None or f2.when is None:
        return False
    day = f1.when[:10]
    p1, p2 = levels.get((f1.article, f1.entity, day), ()), levels.get((f2.article, f2.entity, day), ())
    return any(x.kind == y.kind and x.unit == y.unit and x.text == f1.text and y.text == f2.text
               and _same_figure(x, y, half) for x in p1 for y in p2)


def fact_conflicts(articles: dict[str, Article], facts: list[Fact], entities: dict[str, Entity],
                   relations: list[Relation] | None = None) -> list[Conflict]:
    """Same entity, kind and period stated differently within a story. Between two independent reports a
    day's figure only conflicts when both sentences date it themselves; within a family (copy, rewrite,
    translation) the article day is enough, since they report the same text."""
    family = {frozenset((r.source, r.target)) for r in relations or () if r.type in ("copy", "rewrite", "translation")}
    by_story: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        a = articles.get(f.article)
        if a and a.story and f.entity:
            by_story[a.story].append(f)
    out: list[Conflict] = []
    seen: set = set()
    for story, fs in by_story.items():
        groups: dict[tuple, list[Fact]] = defaultdict(list)
        levels: dict[tuple, list[Fact]] = defaultdict(list)  # (article, entity, day) -> its prices and levels
        half = {id(f): _half_unit(f, articles[f.article].text or "") for f in fs}  # (once a fact)
        for f in fs:
            groups[_key(f)].append(f)
            if f.kind in ("price", "level") and f.when:
                levels[(f.article, f.entity, f.when[:10])].append(f)
        for key, group in groups.items():
            if not key[4]:
                continue  # undated single-day figures: nothing says two articles mean the same day
            stated: dict[str, list[Fact]] = defaultdict(list)
            for f in group:
                stated[f.article].append(f)
            for f1, f2 in combinations(group, 2):
                if f1.article == f2.article:
                    continue
                same_value = _same_figure(f1, f2, half)
                q1, q2 = canonical_qualifier(f1.qualifier), canonical_qualifier(f2.qualifier)
                if same_value and q1 == q2:
                    continue
                if not same_value and (_fits(f1, f2) or _fits(f2, f1)):
                    continue  # ("more than 60%" and "65%": the bound holds)
                if not same_value and ((q1 == "as much as") != (q2 == "as much as")
                                       or any(_same_figure(x, y, half) for x in stated[f1.article]
                                              for y in stated[f2.article])):
                    # an intraday extreme against a close, or two articles that agree on one figure and one of
                    # them gives another (the other share class, the day's high): different measures
                    continue
                if frozenset((f1.article, f2.article)) not in family and not (_explicit(f1) and _explicit(f2)) \
                        and not _one_close(f1, f2, levels, half):
                    continue
                pair = tuple(sorted((f1.article, f2.article))) + (key,)
                if pair in seen:
                    continue
                seen.add(pair)
                name = entities[f1.entity].name if f1.entity in entities else f1.entity
                what = "different qualifiers" if same_value else "different values"
                out.append(Conflict(
                    articles=[f1.article, f2.article], entity=f1.entity, kind=f1.kind,
                    explanation=(f"{name} {f1.kind.replace('_', ' ')}{_period_words(key[3])}: "
                                 f"{_fmt(f1)} in one article, {_fmt(f2)} in the other ({what}).")))
    return out


TICKER_SURFACE = re.compile(r"\b(?:[A-Z]{1,5}(?:\.[A-Z]{1,2})?|\d{4,6}\.[A-Z]{2})\b")


_TICKER_BEFORE = re.compile(r"(?:[(（]|[A-Za-z]+\s*[:：]\s*|\$)$")


def _as_ticker(text: str, m, ticker: str) -> bool:
    """Whether the mention ``m`` writes the entity's ``ticker`` as a ticker ("(0700.HK)", "Example Corp (HKG:
    1234)", "NYSE: HSBC", "$AAPL"), not only its name ("HSBC Holdings said": the name the ticker is made of)."""
    base = ticker.split(".")[0]
    for hit in re.finditer(r"(?<![\w.])" + re.escape(base) + r"(?![\w])", m.surface):
        at = m.start + hit.start()
        if any(ch.isdigit() for ch in base) or _TICKER_BEFORE.search(text[max(0, at - 12):at]):
            return True
    return False


def translation_conflicts(articles: dict[str, Article], relations: list[Relation],
                          entities: dict[str, Entity]) -> list[Conflict]:
    """Tickers the original states that its translation dropped."""
    out = []
    for r in relations:
        if r.type != "translation":
            continue
        src, dst = articles.get(r.source), articles.get(r.target)
        if not src or not dst:
            continue
        lost: list[tuple[str, str]] = []
        for m in dst.mentions:
            ent = entities.get(m.entity)
            if not ent or not ent.tickers:
                continue
            tickers = [t for t in ent.tickers if _as_ticker(dst.text, m, t)]
            if not tickers:
                continue
            if not any(t.split(".")[0] in src.text for t in tickers):
                lost.append((ent.name, tickers[0]))
        if lost:
            names = ", ".join(sorted({f"{n} ({t})" for n, t in lost}))
            ent_id = next((m.entity for m in dst.mentions if entities.get(m.entity) and
                           entities[m.entity].name == lost[0][0]), None)
            out.append(Conflict(articles=[r.source, r.target], entity=ent_id, kind="ticker",
                                explanation=f"The translation drops the ticker of {names} that the original gives."))
    return out
