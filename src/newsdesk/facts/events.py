"""Scheduled future events: earnings dates, shareholder and policy meetings, index changes, listings and
meetings between named people (EN + ZH).

A sentence yields an event when it has an event trigger ("report earnings", "policy meeting",
"rebalance", "debut", "will meet", "公布业绩", "议息会议", "上市"), speaks of the future ("will",
"is scheduled to", "ahead of", "next", "将于") and names a time ("on Thursday", "next week", "March 19",
"下周四"). The time resolves forward from the article date; ``basis`` is "explicit" for a written date
and "relative" for a resolved phrase. Past events ("reported results on Tuesday") are not scheduled
events and are skipped.
"""
from __future__ import annotations

import logging
import re

from ..clean.zhscript import all_forms, zh_compile
from ..model import Article, Entity, Event, Mention
from .dates import find_time_expressions, has_future_marker, may_contain, resolve_when
from .market import _NO_ENTITY, _Doc, get_doc

log = logging.getLogger(__name__)

__all__ = ["extract_events"]

# (label, trigger, entity types in order of preference); earlier labels win
# a central bank as the subject of "meets": its policy meeting ("The Bank of Japan meets next week")
_CB_MEETS = re.compile(r"\b(meets|will meet|(?:is|are) (?:set|scheduled|due|expected) to meet)\b", re.I)
_EN_TRIGGERS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("index_change", zh_compile(r"\b(rebalanc\w*|index review|quarterly review|semi-?annual review|reconstitution|"
                                r"(?:be\s+)?added to the|removed from the|inclusion in the|changes to the index|"
                                r"index changes?|"
                                r"changes?\b(?=[^.]{0,30}\btakes?\s+effect\b[^;]{0,80}?\bindex\b))", re.I),
     ("index", "org", "company")),
    ("policy_meeting", zh_compile(r"\b(FOMC|policy meeting|rate decision|interest[- ]rate decision|Monetary Policy "
                                  r"Committee|MPC|policy decision|loan prime rate|rate-setting meeting|"
                                  r"decide on (?:interest )?rates|(?:hold|cut|raise|keep|leave|lower)\s+(?:interest\s+)?"
                                  r"rates\b[^.]{0,40}\bmeeting)\b", re.I), ("org",)),
    ("policy_meeting", _CB_MEETS, ("org",)),  # (a central bank only, see _events_in)
    # an economic release markets wait for ("the jobs report due on Friday", "CPI data on Wednesday")
    ("data_release", re.compile(r"\b((?:monthly\s+)?(?:jobs|payrolls|employment)\s+(?:report|data|figures)|"
                                r"nonfarm payrolls|CPI|PPI|PCE|consumer price (?:index|data|figures)|inflation (?:data|"
                                r"figures|report|numbers)|producer price (?:index|data)|GDP (?:data|figures|report|"
                                r"estimate)|retail sales (?:data|figures|report)|PMI|(?:FOMC|Fed|meeting) minutes|"
                                r"minutes of (?:its|the)\s+(?:\w+\s+){0,2}meeting)\b"),
     ("org",)),
    ("shareholder_meeting", zh_compile(r"\b(annual general meeting|extraordinary general meeting|AGM|EGM|"
                                       r"(?:annual\s+)?shareholders?['’]?\s+meeting|shareholder vote)\b", re.I),
     ("company",)),
    ("listing", zh_compile(r"\b(IPO|initial public offering|(?:trading\s+)?debut|list its shares|list (?:in|on)|"
                           r"begin trading|"
                           r"start trading|go public|listing)\b", re.I), ("company",)),
    # ("Nvidia reports on Wednesday", "X reports after the close on May 5": an earnings calendar's present tense)
    ("earnings", zh_compile(r"\b(earnings|results|reports?(?=\s+(?:(?:after|before) the (?:bell|close|open)\s+)?on\s+"
                            r"(?:[A-Z]|\d))|trading (?:update|statement|figures)|"
                            # "is due to post annual profits", "will publish first-quarter figures"
                            r"(?:quarterly|annual|full-year|half-year|interim|(?:first|second|third|fourth)-quarter)"
                            r"\s+(?:profits?|figures|numbers|sales))\b"
                            # not the subject of a forecast move ("expects earnings to rise next year")
                            r"(?!\s+(?:(?:to|will|would|could|may|might|should)\s+)?(?:rise|fall|grow|decline|drop|"
                            r"increase|jump|climb|slip|improve|recover|rebound|double|halve|shrink)\b)", re.I),
     ("company",)),
    ("meeting", zh_compile(r"\b(meet|meets|meeting with|summit|hold talks with|talks with)\b", re.I), ("person",)),
]
_ZH_TRIGGERS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("index_change", zh_compile(r"季度(?:指数|指數)?检讨|季度(?:指数|指數)?檢討|成分股调整|成份股調整|调整成分股|纳入|納入|剔除|再平衡"),
     ("index", "org", "company")),
    ("policy_meeting", zh_compile(r"议息会议|議息會議|利率决议|利率決議|货币政策委员会|貨幣政策委員會|政策会议|"
                                  r"贷款市场报价利率|LPR|会议上?(?:维持|下调|上调)利率|(?:维持|下调|上调)利率[^。]{0,8}会议|"
                                  r"会议上?(?:降息|加息)"), ("org",)),
    ("shareholder_meeting", zh_compile(r"股东大会|股東大會|股东周年大会|股東周年大會"), ("company",)),
    ("listing", zh_compile(r"挂牌|掛牌|上市|IPO|招股|首次公开募股"), ("company",)),
    ("earnings", zh_compile(r"业绩|業績|财报|財報|季报|年报|财务报告|年度报告|季度报告|中期报告|中报(?![道告价])"),
     ("company",)),
    ("data_release", zh_compile(r"非农(?:就业)?(?:数据|报告)|CPI|PPI|PMI|居民消费价格指数|工业生产者出厂价格|GDP(?:数据)?|"
                                r"国内生产总值|社融数据|社会融资规模|零售销售(?:数据)?|议息会议纪要|会议纪要"), ("org",)),
    ("meeting", zh_compile(r"会面|會面|会晤|會晤|会谈|會談|峰会|峰會"), ("person",)),
]
# cheap substring tests before the trigger patterns (every trigger contains one of these)
_HINTS_EN = ("jobs", "payroll", "employment", "cpi", "ppi", "pce", "consumer price", "inflation", "producer price",
             "gdp", "retail sales", "pmi", "minutes", "rebalanc", "review", "reconstitution", "added to", "removed from",
             "inclusion", "index", "fomc",
             "policy", "rate", "mpc", "committee", "general meeting", "agm", "egm", "shareholder", "ipo",
             "public offering", "debut", "list", "trading", "go public", "earnings", "results", "meet", "summit",
             "talks", "report", "profit", "figures", "numbers", "sales", "statement")
_HINTS_ZH = all_forms(("非农", "cpi", "ppi", "pmi", "居民消费价格", "出厂价格", "gdp", "国内生产总值", "社融", "社会融资",
             "零售销售", "纪要", "检讨", "檢討", "成分股", "成份股", "纳入", "納入", "剔除", "再平衡", "会议", "會議", "利率",
             "货币政策",
             "貨幣政策", "lpr", "股东", "股東", "挂牌", "掛牌", "上市", "ipo", "招股", "公开募股", "业绩", "業績", "财报",
             "財報", "季报", "年报", "财务报告", "年度报告", "季度报告", "中期报告", "中报", "会面", "會面", "会晤", "會晤",
             "会谈", "會談", "峰会", "峰會"))
_STRONG_FUTURE_EN = re.compile(r"\b(will|is scheduled|are scheduled|scheduled (?:to|for)|is set to|are set to|"
                               r"is due|are due|due to|is expected to|are expected to|plans? to|to be held)\b", re.I)
_NEXT_EN = re.compile(r"\b(?:next|upcoming|meets|is on|begins|starts|ends|concludes|takes place|opens|await|awaits|"
                      r"awaiting|reports(?=\s+(?:(?:its\s+)?(?:[\w-]+\s+)?(?:results|earnings)\s+)?"
                      r"(?:(?:after|before) the (?:bell|close|open)\s+)?on\b))\b", re.I)
# vague future times: the event is kept (with an entity) but has no date
_VAGUE_EN = re.compile(r"\b(later this (?:week|month|year)|this (?:week|month)|next (?:year|quarter)|in the coming "
                       r"(?:days|weeks|months)|early next (?:week|month|year)|(?:early|mid|late|the end of|end of)[- ]"
                       r"(?:January|February|March|April|May|June|July|August|September|October|November|December))\b",
                       re.I)
_VAGUE_ZH = zh_compile(r"(本月晚些时候|本月晚些時候|今年晚些时候|今年晚些時候|明年|下半年|未来几周|未來幾週|未来数月|"
                       r"(?:\d{4}年)?\d{1,2}月(?:上旬|中旬|下旬|初|底|末))")  # ("3月下旬": late March)
# the end of a reporting period before a time ("截至2025年12月31日止年度"): no event's day
_PERIOD_END_ZH = re.compile(r"(?:截至|截止|截到)\s*$")


# every _NEXT_EN match contains one of these (lower case)
_NEXT_HINTS_EN = ("next", "upcoming", "meets", "is on", "begin", "start", "ends", "conclude", "place", "open", "await",
                  "reports")


def _future(sentence: str, zh: bool) -> bool:
    return has_future_marker(sentence, "zh" if zh else "en") or (
        not zh and may_contain(sentence, _NEXT_HINTS_EN) and bool(_NEXT_EN.search(sentence)))


def _pick_time(times: list[tuple[int, int, str]], trig: re.Match[str], sentence: str,
               zh: bool) -> tuple[int, int, str] | None:
    """The time phrase that dates the trigger: the first one after it (EN), the nearest one (ZH), or one
    before it when a firm future marker ("will", "is scheduled to") sits between the two."""
    if zh:
        if not times:
            return None
        return min(times, key=lambda t: abs(t[0] - trig.start()))
    after = [t for t in times if t[0] >= trig.start()]
    if after:
        return after[0]
    for t in reversed(times):
        if t[1] <= trig.start() and (_STRONG_FUTURE_EN.search(sentence[t[1]:trig.start()])
                                     or _PURPOSE_EN.match(sentence[t[1]:trig.start()])):
            return t
    return None


# what joins a time phrase to the trigger after it when the time dates it: "meets on Dec. 17 to decide on rates"
_PURPOSE_EN = re.compile(r"^\s*(?:,\s*)?(?:in order\s+)?to\s+$", re.I)


def _reporting_subject(doc: _Doc, s, trig: re.Match[str]) -> bool:
    """"BYD reports on March 26": a company right before "reports" is its subject; "Reuters reports on Monday
    that BYD …" is reported speech, no results date."""
    if re.search(r"\bthat\b", s.text[trig.end():trig.end() + 40]):
        return False
    return any(doc.etype(m) == "company" and 0 <= s.start + trig.start() - m.end <= 2 for m in doc.in_sentence(s))


def _usable(expr: str) -> bool:
    if expr in ("ytd", "week:0", "month:0") or expr.startswith(("since:", "day:-", "week:-", "month:-", "tday:")):
        return False
    return not (expr.startswith(("weekday:", "dom:")) and expr.endswith((":past", ":prev", ":lastweek")))


def _entity(doc: _Doc, s, trig: re.Match[str], types: tuple[str, ...]) -> str | None:
    ms = [(m, doc.etype(m)) for m in doc.in_sentence(s)]
    for t in types:
        if t == "person":
            cands = [m for m, et in ms if et == "person"]
            if cands:
                return cands[0].entity
            continue
        # (not a place after a locative: "计划于3月3日在港交所挂牌上市", "to list on the Nasdaq": the exchange)
        before = [m for m, et in ms if et == t and m.end <= s.start + trig.start() and doc._subject_like(m)]
        if before:
            return before[-1].entity
        anywhere = [m for m, et in ms if et == t and doc._subject_like(m)]
        if anywhere:
            return anywhere[0].entity
    if "company" in types:
        ent, _ = doc.entity_at(s, trig.start(), ("company",))
        return ent
    return None


def extract_events(article: Article, mentions: list[Mention], entities: dict[str, Entity]) -> list[Event]:
    """Scheduled future events named in the article body."""
    doc = get_doc(article, mentions, entities)
    out: list[Event] = []
    if doc.all_en():  # the English rules everywhere: only the sentences with a hint
        cands = [(s, False) for s in doc.with_hint(_HINTS_EN)]
    else:
        cands = []
        for s in doc.sentences:
            zh = doc.lang_of(s) == "zh"
            if doc.has_hint(s, _HINTS_ZH if zh else _HINTS_EN):
                cands.append((s, zh))
    for s, zh in cands:
        if not _future(s.text, zh):
            continue
        times = find_time_expressions(s.text, "zh" if zh else "en", future=True)
        if zh:  # (not a reporting period's end: "审议截至2025年12月31日止年度的全年业绩")
            times = [t for t in times if not _PERIOD_END_ZH.search(s.text, max(0, t[0] - 3), t[0])
                     and not s.text.startswith("止", t[1])]
        if not times and not (_VAGUE_ZH if zh else _VAGUE_EN).search(s.text):
            continue
        seen: set[tuple] = set()
        for lo, hi in (_zh_clauses(s.text, times) if zh else [(0, len(s.text))]):
            for e in _events_in(doc, article, s, zh, times, lo, hi):
                if (e.entity, e.event, e.when) not in seen:  # (two clauses of one sentence on one event)
                    seen.add((e.entity, e.event, e.when))
                    out.append(e)
    return out


def _zh_clauses(text: str, times: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The spans of a Chinese sentence to read events from: its clauses (cut at "，" and "；") when two or more
    of them name both an event and a time ("甲骨文将于周三公布业绩，博通则定于周四发布财报": each company its own
    day), else the whole sentence ("董事会将于3月26日举行会议，审议…全年业绩": the day is the results')."""
    cuts = [0] + [m.end() for m in _ZH_CLAUSE_CUT.finditer(text)] + [len(text)]
    spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    timed = [sp for sp in spans if any(sp[0] <= t[0] < sp[1] for t in times)
             and any(pat.search(text, *sp) for _label, pat, _types in _ZH_TRIGGERS)]
    return spans if len(timed) >= 2 else [(0, len(text))]


_ZH_CLAUSE_CUT = re.compile(r"[，；,;]")


def _events_in(doc: _Doc, article: Article, s, zh: bool, times: list[tuple[int, int, str]], lo: int,
               hi: int) -> list[Event]:
    """The events of the sentence ``s`` read from its span [lo, hi) (the whole sentence, or one clause of a
    Chinese sentence with several timed clauses: then only the times inside the clause count)."""
    out: list[Event] = []
    whole = lo == 0 and hi == len(s.text)
    if not whole:
        times = [t for t in times if lo <= t[0] < hi]
        if not times:
            return out
    for label, pat, types in (_ZH_TRIGGERS if zh else _EN_TRIGGERS):
        trig = pat.search(s.text, lo, hi)
        if not trig or label == "earnings" and trig.group().lower().startswith("report") \
                and not _reporting_subject(doc, s, trig):
            continue
        picked = _pick_time(times, trig, s.text, zh) if times else None
        ent = _entity(doc, s, trig, types)
        if pat is _CB_MEETS and ((doc.entities.get(ent) or _NO_ENTITY).meta or {}).get("kind") != "central_bank":
            continue
        if label == "meeting" and ent is None:
            continue
        if picked is None or not _usable(picked[2]):
            vague = (_VAGUE_ZH if zh else _VAGUE_EN).search(s.text)
            if vague is None or ent is None:
                continue
            out.append(Event(article=article.id, entity=ent, event=label, when=None, text=s.text,
                             basis="relative", when_expr="vague:" + vague.group().lower()))
            break
        pairs = [(ent, picked[2])]
        if label in ("earnings", "listing") and not zh:
            # "X will report on Thursday, followed by Y and Z next week": later companies, later times
            for m in doc.in_sentence(s):
                if doc.etype(m) != "company" or m.start < s.start + picked[1] or m.entity == ent:
                    continue
                nxt = [t for t in times if t[0] >= m.end - s.start and _usable(t[2])]
                if nxt:
                    pairs.append((m.entity, nxt[0][2]))
        for ent_i, expr in pairs:
            when = resolve_when(expr, article.published)
            if when and article.published and when < article.published[:10]:
                continue
            basis = "explicit" if expr.startswith(("date:", "md:")) else "relative"
            out.append(Event(article=article.id, entity=ent_i, event=label, when=when, text=s.text,
                             basis=basis, when_expr=expr))
        break
    return out
