"""Market facts from article text: price moves, prices, index levels, valuations and yields (EN + ZH).

Rules are regex-based and conservative (precision over recall): a number becomes a fact only when a
trigger says what it is (a movement verb, a price cue with a currency, an index-level cue, a multiple,
a yield) and the sentence is not about revenue, the economy or the like. Each fact is tied to the
company/index/instrument the clause is about: the nearest preceding mention, or, for "the stock",
"its Hong Kong-listed shares", "the gauge", "该股", the last one mentioned earlier in the paragraph (for a
company word with none there, the article's main company).

Also home of the small text helpers the quote and event extractors share (``split_sentences``).
"""
from __future__ import annotations

import bisect
import calendar
import logging
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..clean.zhscript import all_forms, to_simplified, zh_compile
from ..model import CHANGE_KINDS, Article, Entity, Fact, Mention
from .dates import CALENDAR_WORDS as _CALENDAR_WORDS
from .dates import (PLACE_EXCHANGE, find_time_expressions, market_anchor, market_session, month_number,
                    resolve_when)
from .kb import Needles, cjk_free, code_points
from .numbers import NUM_RE, parse_number

log = logging.getLogger(__name__)

__all__ = ["extract_facts", "split_sentences", "split_sentences_masked", "Sentence", "FACT_TYPES"]

FACT_TYPES = ("company", "index", "instrument")


@dataclass
class Sentence:
    para: int
    start: int
    end: int
    text: str


_PARA_RE = re.compile(r"\n\s*\n")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")
_ONE_CAPITAL = re.compile(r"[A-Z]")
_ABBREV = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms",
           "dr", "co", "corp", "inc", "ltd", "st", "u.s", "u.k", "no", "vs", "e.g", "i.e", "jr", "sr", "gov", "sen",
           "rep", "prof", "bhd", "plc", "n.v", "s.a", "ag"}
_LETTER_OR_POINT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")  # _LAST_WORD's characters
# A sentence break: end punctuation, an optional closing quote, white space, then a plausible sentence start.
# The punctuation is matched (not looked behind at) so that sre skips to candidates fast; the break itself
# starts right after it (the match starts one character later than the break).
_EN_SPLIT = re.compile(r"[.!?]([\"”’']?)\s+(?=[\"“‘'(A-Z0-9])")
_ZH_SPLIT = re.compile(r"(?<=[。！？；!?])([”」』\"]?)")
_SPLIT_CACHE: list = []  # two slots: (zh, text, sentences) of the last texts split (an article, its masked copy)


def split_sentences(text: str, lang: str | None) -> list[Sentence]:
    """Sentences with offsets into ``text``; paragraphs are separated by blank lines."""
    zh = (lang or "en").startswith("zh")
    # the extractors of one article split the same text in a row: a small cache keyed by content (a different
    # text can never be served a stale result); the list is new each time, the Sentence objects are shared
    for hit in _SPLIT_CACHE:
        if hit[0] == zh and hit[1] == text:
            return list(hit[2])
    out = _split_sentences(text, zh)
    _SPLIT_CACHE.insert(0, (zh, text, out))
    del _SPLIT_CACHE[2:]
    return list(out)


def split_sentences_masked(masked: str, lang: str | None, text: str, changed: set[int]) -> list[Sentence]:
    """``split_sentences(masked, lang)`` for a copy of ``text`` changed only inside the paragraphs ``changed``
    (by index; each changed character stays a line break or becomes a non-space character, so the paragraphs
    are the same): the other paragraphs' sentences are those of ``text``."""
    zh = (lang or "en").startswith("zh")
    if not changed:
        return split_sentences(text, lang)
    return _split_sentences(masked, zh, keep=split_sentences(text, lang), changed=changed)


def _split_sentences(text: str, zh: bool, keep: list[Sentence] | None = None,
                     changed: set[int] | None = None, offset: tuple[int, int] | None = None) -> list[Sentence]:
    """Paragraphs (blank-line separated) cut at line breaks and sentence breaks (_EN_SPLIT, and _ZH_SPLIT for
    Chinese text), each piece without its outer white space.

    The break patterns run once over the whole text: a break found in a paragraph on its own is exactly a
    break of the whole text that lies inside the paragraph (a break's white space and look-ahead must stay
    inside its paragraph: one running over the blank line is no break). ``keep``/``changed``: the sentences of
    the unchanged text, in order, and the paragraphs to split anew (split_sentences_masked); ``offset``:
    (paragraph index, start) of a paragraph split on its own."""
    out: list[Sentence] = []
    append = out.append
    pos = 0
    paras = []
    for m in _PARA_RE.finditer(text):
        paras.append((pos, m.start()))
        pos = m.end()
    paras.append((pos, len(text)))
    if keep is not None:  # only the changed paragraphs are split, each on its own; the rest is kept
        k, n_keep = 0, len(keep)
        for pi, (ps, pe) in enumerate(paras):
            first = k
            while k < n_keep and keep[k].para == pi:
                k += 1
            if pi in changed:
                out.extend(_split_sentences(text[ps:pe], zh, offset=(pi, ps)))
            else:
                out.extend(keep[first:k])
        return out
    # absolute cut positions, each with the paragraph it belongs to
    starts = [p[0] for p in paras]
    cuts_at: dict[int, list[int]] = {}

    def add(pi: int, cut: int) -> None:
        got = cuts_at.get(pi)
        if got is None:
            cuts_at[pi] = [cut]
        else:
            got.append(cut)

    if zh:
        for m in _ZH_SPLIT.finditer(text):
            q = m.start()
            pi = bisect.bisect_right(starts, q) - 1
            if pi >= 0 and q <= paras[pi][1]:
                add(pi, m.end())
    if "." in text or "!" in text or "?" in text:
        for m in _EN_SPLIT.finditer(text):
            q = m.start()
            pi = bisect.bisect_right(starts, q) - 1
            if pi < 0 or m.end() >= paras[pi][1]:
                continue  # runs into the blank line after the paragraph: no break inside it
            at = q + 1  # the break starts after the punctuation
            if text[q] == ".":  # an abbreviation ("Corp.", "U.S.", "J.") is no sentence end
                lead = text[max(paras[pi][0], at - 6):q]
                if lead.isascii() and lead.isalpha():  # (all letters: what _LAST_WORD finds is all of them)
                    word = lead
                elif lead[-1:] in _LETTER_OR_POINT:
                    found = _LAST_WORD.findall(lead + ".")
                    word = found[0] if found else None
                else:  # no letter or point right before it
                    word = None
                if word and (word.lower().strip(".") in _ABBREV or _ONE_CAPITAL.fullmatch(word.strip("."))):
                    continue
            add(pi, at + len(m.group(1)))
    para_no, shift = offset if offset is not None else (None, 0)
    for pi, (ps, pe) in enumerate(paras):
        cuts = cuts_at.get(pi)
        q = text.find("\n", ps, pe)  # line breaks inside the paragraph: a cut after each
        if q >= 0:
            if cuts is None:
                cuts = []
            while q >= 0:
                cuts.append(q + 1)
                q = text.find("\n", q + 1, pe)
        label = pi if para_no is None else para_no
        if cuts is None:  # one piece: the paragraph itself, without its outer white space
            seg = text[ps:pe]
            body = seg.lstrip()
            a = ps + len(seg) - len(body)
            body = body.rstrip()
            if body:
                append(Sentence(label, shift + a, shift + a + len(body), body))
            continue
        cuts.append(ps)
        cuts = sorted(set(cuts))  # every cut is within ps..pe
        cuts.append(pe)
        for a, b in zip(cuts, cuts[1:]):
            if b <= a:
                continue
            piece = text[a:b]
            body = piece.lstrip()
            a += len(piece) - len(body)
            body = body.rstrip()
            if body:
                append(Sentence(label, shift + a, shift + a + len(body), body))
    return out


# ---------------------------------------------------------------- patterns
_Q_EN = (r"(?P<q>more than|as much as|as little as|less than|just over|just under|close to|at least|up to|nearly|"
         r"almost|about|around|roughly|some|over|approximately|an estimated)")
_Q_ZH = r"(?P<q>超过|超|逾|约为|约|近|接近|高达|最多|达到|达)"
_PCT_EN = r"(?P<u>%|\s?percent(?:age points?)?\b|\s?per\s?cent\b|\s?pct\b|\s?points?\b|\s?pts\b)"
_PCT_ZH = r"(?P<u>%|％|个百分点|個百分點|点|點)"
_UP_EN = (r"rose|rise|rises|rising|risen|jumped|jump|jumps|jumping|surged|surge|surges|surging|soared|soar|"
          r"soaring|climbed|climb|climbs|climbing|gained|gain|gains|gaining|advanced|advance|advancing|added|add|"
          r"adding|rallied|rally|rallying|up|higher|spiked|rebounded|rebounding|firmed|increased|"
          r"strengthened|strengthens|appreciated|appreciates")  # (a currency's: "the yen strengthened 0.4%")
_DOWN_EN = (r"fell|fall|falls|falling|fallen|sunk|slid|slide|slides|sliding|lost|lose|loses|losing|dropped|drop|"
            r"drops|dropping|"
            r"declined|decline|declines|declining|slipped|slip|slips|slipping|retreated|retreat|tumbled|tumble|"
            r"tumbling|plunged|plunge|plunging|sank|sink|sinking|slumped|slump|slumping|down|lower|shed|sheds|"
            r"shedding|dipped|dip|eased|decreased|skidded|tanked|cratered|weakened|weakens|depreciated|depreciates|"
            r"softened")
_FILL_EN = r"(?:\s+(?:by|a further|another|an additional|a combined|further|a|just|only|slightly|sharply|as))*?"
_MOVE_EN = re.compile(rf"\b(?P<v>{_UP_EN}|{_DOWN_EN}){_FILL_EN}\s+(?:{_Q_EN}\s+)?(?P<n>{NUM_RE}){_PCT_EN}", re.I)
_MOVE_AFTER_EN = re.compile(rf"(?<![\w.,])(?:{_Q_EN}\s+)?(?P<n>{NUM_RE}){_PCT_EN}\s+(?P<v>higher|lower|up|down)\b",
                            re.I)
_GAIN_TO_EN = re.compile(rf"\b(?P<v>gains?|advance|rally|rise|increase|loss|losses|decline|drop|slump)\b"
                         rf"[^.;\d%]{{0,30}}?\bto\s+(?:{_Q_EN}\s+)?(?P<n>{NUM_RE}){_PCT_EN}", re.I)
# a move named by a possessive noun: "the Hang Seng Index's 24% advance" (the comparison beside a stock's move)
_POSS_MOVE_EN = re.compile(rf"(?:'s|’s)\s+(?:{_Q_EN}\s+)?(?P<n>{NUM_RE}){_PCT_EN}\s+(?P<v>advance|gain|rise|increase|"
                           rf"rally|jump|climb|surge|drop|decline|fall|loss|slide|slump|retreat)\b", re.I)
_NOUN_MOVE_ZH = zh_compile(rf"(?:{_Q_ZH})?(?P<n>{NUM_RE})(?P<u>[%％])的(?P<v>涨幅|升幅|跌幅|降幅)")
_OR_PCT_EN = re.compile(rf"^,?\s*(?:or|and)\s+(?:{_Q_EN}\s+)?(?P<n>{NUM_RE}){_PCT_EN}", re.I)
_AT_ONE_POINT_ZH = re.compile(r"一度\s*$")
_OR_PCT_ZH = re.compile(rf"^[，,]?\s*(?:或|即)\s*(?P<n>{NUM_RE})(?P<u>[%％])")  # "跌118点或0.7%"
_UP_ZH = r"大涨|上涨|收涨|走高|攀升|飙升|上扬|上升|涨幅|高涨|走强|反弹|急升|劲升|累涨|升值|涨|升"
_DOWN_ZH = r"下跌|收跌|下挫|回落|走低|下滑|下降|暴跌|大跌|重挫|急跌|跌幅|下行|累跌|贬值|挫|跌|降"
_MOVE_ZH = zh_compile(rf"(?P<v>{_UP_ZH}|{_DOWN_ZH})(?:了|为|為)?\s*(?:{_Q_ZH})?\s*(?P<n>{NUM_RE}){_PCT_ZH}")
_PP_UNIT = re.compile(r"\s?percentage points?|个百分点|個百分點", re.I)
_UP_SET_ZH = set(_UP_ZH.split("|"))
_UP_EN_RE = re.compile(_UP_EN, re.I)
_YIELDS_ON = re.compile(r"yields?\s+on\s+(?:the\s+)?$", re.I)
_PARTICIPLE = re.compile(r"\s*\w+ing\b")
_REL_DE = re.compile(r"\s*(?:左右|以上)?\s*的")
_YEAR = re.compile(r"(19|20)\d\d")
_TIMES_FOR = re.compile(r"times\s+for\s+(?:the\s+)?")
_DIVIDEND = re.compile(r"dividend|shares?\s+yields?|stocks?\s+yields?|股息", re.I)
_GAVE_UP = re.compile(r"\b(?:gave|give|gives|giving|coughed|cough)\s+$", re.I)
_MODAL_EN = re.compile(r"\b(?:to|could|would|may|might|will|can|should|must|expected to|forecast to|likely to)\s+"
                       r"(?:\w+ly\s+)?$", re.I)
_MODAL_ZH = zh_compile(r"(?:将|將|可能|或将|或將|预计|預計|有望|料将|料將|会|會)[\u4e00-\u9fff]{0,2}$")
_WORD = re.compile(r"[A-Za-z]+")
_VERBS_EN = set(_UP_EN.split("|")) | set(_DOWN_EN.split("|"))
_GAIN_NOUNS = {"gain", "gains", "advance", "rally", "rise", "increase", "loss", "losses", "decline", "drop", "slump"}
_AFTER_WORDS = {"higher", "lower", "up", "down"}

_BAD_CTX_EN = re.compile(
    r"\b(revenue|revenues|sales|profit|profits|earnings|income|margin|output|exports?|imports?|deliveries|"
    r"shipments|volumes?|turnover|CPI|inflation|GDP|econom(?:y|ic)|spending|orders|users|production|demand|"
    r"unemployment|payrolls|growth|EPS|dividends?|sold|vehicles|market share|yields?|rates?|prices? index|"
    r"tariffs?|tax|stake|population|respondents|wages?|costs?|home prices|house prices|loans?|deposits|"
    r"subscribers|traffic|bookings|forecast|consumer prices|producer prices|wholesale prices|import prices|"
    r"export prices|retail sales)\b", re.I)
_SHARES_EN = re.compile(r"\b(?:shares|stock|share price|stock price)\b", re.I)
_SHARES_ZH = zh_compile(r"股价|股票|该股")
_BAD_POST_EN = re.compile(r"^[^.;]{0,12}\b(from a year|year[- ]on[- ]year|year over year|y/y|from the same|"
                          r"on the year|from a month|in the (?:first|second|third|fourth) quarter|of (?:its|the|their)"
                          r"|stake|tariff|tax|of respondents)", re.I)
_BAD_CTX_ZH = zh_compile(r"营收|营业收入|营业额|收入|利润|净利|纯利|盈利|溢利|销量|销售|出口|进口|同比|环比|GDP|CPI|PPI|通胀|失业|利率|"
                         r"准备金|降息|加息|产量|增速|经济|收益率|股息|税|关税|受访|持股|份额|毛利|交付")

_CUR_SIGNS = r"HK\$|US\$|S\$|A\$|C\$|NT\$|RMB\s?|CNY\s?|HKD\s?|USD\s?|\$|¥|￥|€|£"
_CUR_WORDS_EN = (r"Hong Kong dollars|HK dollars|Swiss francs|francs|yuan|renminbi|yen|euros?|dollars|pence|won|rupees|"
                 r"(?:Swedish |Norwegian |Danish )(?:crowns|kronor|kroner)|kronor|kroner")  # ("crowns" alone: whose?)
_CUR_WORDS_ZH = r"港元|港币|港幣|美元|人民币|人民幣|元|日元|欧元|歐元"
_PENNY = r"(?<=\d)p\b(?!\.\s?m\b|['’])"  # "3,812p" (pence written after the figure, no space; not "3 p.m.")
_CUR_PRE = rf"(?P<cur>{_CUR_SIGNS})"
_CUR_POST_EN = rf"(?:\s?(?P<cur2>{_CUR_WORDS_EN})\b|(?P<cur3>{_PENNY}))"
_CUR_POST_ZH = rf"(?P<cur2>{_CUR_WORDS_ZH})"
# a move given as an amount of money and then as a percentage: "fell $3.20, or 1.5%", "rose 42p, or 1.1%",
# "上涨8.4港元，或2.1%": the percentage is the move
_MOVE_AMOUNT_EN = re.compile(rf"\b(?P<v>{_UP_EN}|{_DOWN_EN}){_FILL_EN}\s+(?:(?:{_CUR_SIGNS}){NUM_RE}|{NUM_RE}"
                             rf"(?:\s?(?:{_CUR_WORDS_EN}|cents?)\b|{_PENNY}))\s*,?\s+(?:or|and)\s+(?:{_Q_EN}\s+)?"
                             rf"(?P<n>{NUM_RE}){_PCT_EN}", re.I)
_AMOUNT_OR_ZH = re.compile(r"(?:元|仙|\d)\s*[，,]?\s*(?:或|即)")  # (every _MOVE_AMOUNT_ZH match has one; one script)
_MOVE_AMOUNT_ZH = zh_compile(rf"(?P<v>{_UP_ZH}|{_DOWN_ZH})(?:了)?\s*(?:(?:{_CUR_SIGNS}){NUM_RE}|{NUM_RE}(?:{_CUR_WORDS_ZH}|仙))"
                             rf"\s*[，,]?\s*(?:或|即)\s*(?:{_Q_ZH})?(?P<n>{NUM_RE})(?P<u>[%％])")
_SCALE_EN = r"(?P<sc>\s?(?:thousand|million|billion|trillion|mn|mln|bn|bln|tn|trn|[mbk])\b)?"
_SCALE_ZH = r"(?P<sc>万亿|萬億|亿|億|万|萬|千)?"
_PRICE_EN = re.compile(rf"(?:{_CUR_PRE}(?P<n>{NUM_RE}){_SCALE_EN}|(?P<n2>{NUM_RE}){_SCALE_EN.replace('sc', 'sc2')}"
                       rf"{_CUR_POST_EN})", re.I)
_PRICE_ZH = zh_compile(rf"(?:{_CUR_PRE}(?P<n>{NUM_RE})|(?P<n2>{NUM_RE}){_SCALE_ZH}{_CUR_POST_ZH})")
_PRICE_CUE_EN = re.compile(rf"\b(?:to|at|hit|reached|touched|of|topped|tops|crossed|breached|"
                           rf"(?:broke|rose|climbed|moved|jumped|surged|soared|rallied|fell|dropped|sank|slipped|slid|"
                           rf"traded)\s+(?:above|below|past|beyond))"
                           rf"\s+(?:a\s+(?:record|new|fresh|\w+-\w+)?\s*"
                           rf"(?:high|low|record)?\s*(?:of\s+)?)?(?:{_Q_EN}\s+)?$", re.I)
_PRICE_CUE_ZH = zh_compile(r"(?:报|報|收报|收報|收于|收於|至|升至|跌至|涨至|价格为|股价为|为|報|突破|站上|跌破|失守|触及|觸及)"
                           r"(?:每盎司|每桶|每吨|每股)?$")  # ("一度突破2400美元": at one point)
_BAD_PRICE_EN = re.compile(r"\b(target|dividend|offer|offering|IPO|listing|earn|EPS|revenue|profit|sales|paid|pay|"
                           r"priced|pricing|costs?|plan|subscription|fee|"
                           r"bought|buy|buyback|sell|sold|issue|raise[ds]?|raising|valued|values|valuation|equivalent|"
                           r"worth|deal|bid|acquire|acquisition|fund|each|income|loss|net|cash|debt|fine|invest)\b",
                           re.I)
_BAD_PRICE_POST = re.compile(r"^\s*(?:a share|per share|each|apiece|a year|per year|a month|per month|/mo|"
                             r"per user|a user|a seat|per seat|to \S*\d)", re.I)
# a price is a market price only in trading context: shares, a close, a move, an ounce of gold
_PRICE_CTX_EN = re.compile(rf"\b(?:shares?|stocks?|ADRs?|closed|close|closing|ended|finished|traded|trading|trades|"
                           rf"edged|edges|inched|inches|ticked|ticks|crept|"
                           rf"opened|settled|record|high|low|ounce|barrel|tonne|bushel|futures|spot|"
                           rf"{_UP_EN.replace('|up|higher', '')}|{_DOWN_EN.replace('|down|lower', '')})\b"
                           # "up 4.2% at HK$410" (not "up to $3 billion")
                           r"|\b(?:up|down|higher|lower)\s+\d+(?:\.\d+)?\s?(?:%|percent\b)", re.I)
_PRICE_CTX_ZH = zh_compile(r"股价|股價|收报|收報|收于|收於|报|報|涨|漲|跌|升|盎司|每桶|期货|現貨|现货|高|低|突破|站上|失守|"
                           r"金价|油价|价格")
# a price as a threshold crossed: "topped $2,400", "一度突破2400美元" (more than), "fell below HK$300", "跌破300港元"
_THRESHOLD_EN = [(re.compile(r"(?i)\b(?:topped|tops|crossed|breached|above|past|beyond)\s+$"), "more than"),
                 (re.compile(r"(?i)\bbelow\s+$"), "less than")]
_THRESHOLD_ZH = [(zh_compile(r"(?:突破|站上)(?:每盎司|每桶|每吨|每股)?$"), "超过"),
                 (zh_compile(r"(?:跌破|失守)(?:每盎司|每桶|每吨|每股)?$"), "低于")]
_BAD_PRICE_ZH = zh_compile(r"目标价|股息|派息|发行|發行|募|营收|收入|利润|净利|每股|回购|收购|估值|等于|相当于|配售|招股")

_LEVEL_CUE_EN = re.compile(rf"\b(?:to|at|hit|reached|touched|record|high of|low of|topped|tops|crossed|breached|"
                           rf"(?:broke|rose|climbed|moved|jumped|surged|soared|rallied|fell|dropped|sank|slipped|slid|"
                           rf"traded)\s+(?:above|below|past|beyond))\s+(?:a\s+)?"
                           rf"(?:(?:record|new|fresh|\w+-\w+)\s+)?(?:(?:high|low)\s+(?:of\s+)?)?(?:{_Q_EN}\s+)?$", re.I)
_LEVEL_EN = re.compile(rf"(?<![\w$.,])(?P<n>{NUM_RE})(?P<u>\s?(?:points|pts)\b)?(?!\s?(?:%|percent|per cent|"
                       rf"times|x\b|billion|million|trillion|yuan|dollars|members|stocks|companies|shares|"
                       rf"constituent))",
                       re.I)
# where an _LEVEL_EN match can start: a digit or a point not right after a word character, "$", "." or ","
# (the character first, so that sre jumps between candidates fast)
_LEVEL_EN_START = re.compile(r"[\d.](?<![\w$.,][\d.])")


def _level_matches_en(t: str):
    """``_LEVEL_EN.finditer(t)``, trying the full pattern only where a match can start."""
    pos = 0
    while True:
        c = _LEVEL_EN_START.search(t, pos)
        if c is None:
            return
        m = _LEVEL_EN.match(t, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.start() + 1


_LEVEL_ZH = zh_compile(rf"(?:报|報|收报|收報|收于|收於|至|升至|跌至|创下|創下|创|創|录得|重返|突破|站上|跌破|失守)"
                       rf"(?P<n>{NUM_RE})(?P<u>点|點)")

_VAL_MULT_EN = re.compile(rf"(?:{_Q_EN}\s+)?(?P<n>{NUM_RE})\s?(?:times|x)\s+(?:(?:its\s+)?(?:forward|trailing|"
                          rf"estimated|projected|expected|blended|next\s+year's|this\s+year's|12-month)\s+)?"
                          rf"(?:(?:its\s+)?(?:fiscal\s+|FY\s?)?(?:19|20)\d\d(?:e|E)?\s+)?"  # "its expected 2024 earnings"
                          rf"(?P<what>earnings|profits?|book(?: value)?|sales|revenue|EBITDA|cash flow)\b", re.I)
# every _VAL_MULT_EN match contains one of these (lower-cased)
_VAL_MULT_WORDS = ("earnings", "profit", "book", "sales", "revenue", "ebitda", "cash flow")
# the only non-ASCII characters that re.IGNORECASE matches with ASCII ones (İ, ı, ſ, the Kelvin sign)
_ASCII_FOLDING = ("\u0130", "\u0131", "\u017f", "\u212a")
_VAL_FOR_EN = re.compile(rf"(?:{_Q_EN}\s+)?(?P<n>{NUM_RE})\s?times\s+for\s+(?:the\s+)?$", re.I)
_VAL_PE_EN = re.compile(rf"\b(?:(?:forward|trailing)\s+)?(?:price[- ]to[- ]earnings|price[- ]earnings|P/E|PE|"
                        rf"price[- ]to[- ]book|P/B|price[- ]to[- ]sales)(?:\s+(?:ratio|multiple))?\s+(?:of|at|is|was"
                        rf"|stands at|(?:(?:has|have|had)\s+)?(?:\w+ed|rose|risen|fell|fallen|grew|grown)\s+to)"
                        rf"\s+(?:{_Q_EN}\s+)?(?P<n>{NUM_RE})\b(?!\s?%)", re.I)
_MCAP_EN = re.compile(rf"\bmarket\s+(?:value|capitali[sz]ation|cap)\b[^.;]{{0,40}}?(?:(?:{_Q_EN})\s+)?"
                      rf"(?:{_CUR_PRE}(?P<n>{NUM_RE}){_SCALE_EN}|(?P<n2>{NUM_RE}){_SCALE_EN.replace('sc', 'sc2')}"
                      rf"{_CUR_POST_EN})", re.I)
_VAL_ZH = zh_compile(rf"(?:市盈率|市净率|市淨率|市销率|市銷率|本益比)[^。；，,\d]{{0,6}}?(?:{_Q_ZH})?(?P<n>{NUM_RE})倍")
_VAL_ZH2 = zh_compile(rf"(?P<n>{NUM_RE})倍(?:的)?(?:预期|預期)?(?:市盈率|市净率|市淨率)")
_MCAP_CHANGE = re.compile(r"(?i)\b(?:fell|falls?|dropped|drops?|lost|loses|shed|sheds|wiped|erased|slumped|plunged|"
                          r"rose|rises?|gained|gains?|added|adds|jumped|jumps?|climbed|surged|soared)\b")
_MCAP_LEVEL = re.compile(r"(?i)\b(?:to|at|of|near|around|above|below|over|topping|exceeding|past)\b")


def _mcap_change(phrase: str) -> bool:
    """A market value phrase gives a change of the value ("fell by $200 billion", "added $90 billion"), not the
    value ("rose to $3 trillion", "a market value of $3.4 trillion")."""
    return bool(re.search(r"(?i)\bby\b", phrase)) or bool(_MCAP_CHANGE.search(phrase)) \
        and not _MCAP_LEVEL.search(phrase)
# (a change of the market value, not the value: "市值一夜蒸发5890亿美元", "市值增加了900亿美元")
_MCAP_CHANGE_ZH = zh_compile(r"蒸发|缩水|增加|减少|跌去|损失|暴增|大增|增长|上涨|下跌|涨了|跌了|飙升")
_MCAP_LEVEL_ZH = zh_compile(r"至|到|达|為|为|突破|超过|逾|约")  # ("市值上涨至3万亿美元": the value)
_MCAP_ZH = zh_compile(rf"市值[^。；]{{0,15}}?(?:{_Q_ZH})?(?P<n2>{NUM_RE}){_SCALE_ZH}{_CUR_POST_ZH}")

_YIELD_EN = re.compile(rf"\byields?\b(?!\s+curve)(?:[^.;%]|(?<=\d)\.(?=\d)){{0,60}}?\b(?:to|at|of|touched|hit|reached|was|were|is|are|"
                       rf"(?P<q2>below|above))\s+"
                       rf"(?:a\s+(?:record|new|fresh)?\s*(?:high|low)?\s*(?:of\s+)?)?(?:{_Q_EN}\s+)?(?P<n>{NUM_RE})\s?"
                       rf"(?:%|percent|per cent)", re.I)
# a yield's move in basis points: "the 10-year yield rose 6 basis points to 4.21%", "收益率上升6个基点"
_BP_EN = re.compile(rf"\b(?P<v>{_UP_EN}|{_DOWN_EN}|added|adds|shed|sheds){_FILL_EN}\s+(?:{_Q_EN}\s+)?(?P<n>{NUM_RE})\s?"
                    rf"(?:basis[- ]points?|bps?)\b", re.I)
_BP_ZH = zh_compile(rf"(?P<v>{_UP_ZH}|{_DOWN_ZH})(?:了)?\s*(?:{_Q_ZH})?\s*(?P<n>{NUM_RE})\s*(?:个|個)?基点")
_YIELD_WORD = zh_compile(r"(?i)\byields?\b|收益率|孳息")
_YIELD_VERB_EN = re.compile(rf"\byields?\s+(?:{_Q_EN}\s+)?(?P<n>{NUM_RE})\s?(?:%|percent|per cent)", re.I)
_YIELD_ZH = zh_compile(rf"(?:收益率|股息率|股息收益率|孳息)[^。；%]{{0,12}}?(?:至|为|為|在|于|於|报|報)\s*"
                       rf"(?:{_Q_ZH})?(?P<n>{NUM_RE})[%％]")

_BOND_ZH = zh_compile(r"国债|國債|债券|債券|美债|美債|公债|公債|孳息|年期")
# "the stock", "its Hong Kong-listed shares", "their Shenzhen-listed A shares" (but not "the Tech Index": a
# capitalised word before the noun that is no "-listed" place names another entity)
_ANAPH_EN = re.compile(r"\b(?:the|its|their|that|this)\s+(?:company's\s+)?(?:(?:[A-Z][\w.]*\s+)*[\w-]*-listed\s+)?"
                       r"(?:[ABH]\s+(?=shares))?(?P<w>stock|shares|gauge|index|benchmark|"
                       r"measure|company|firm|bank|group|carmaker|automaker|insurer|chipmaker|lender|developer|"
                       r"miner|retailer|platform|metal|commodity|currency)\b(?!\s+(?:markets?|exchanges?)\b)"
                       r"|^(?P<it>It|They)\b", re.I)
_ANAPH_ZH = zh_compile(r"(?P<w>该股|該股|该指数|該指數|该公司|該公司|其股价|其股價|该行|該行|"
                       r"其(?:港股|A股|H股|美股|股票|股份)|(?<![\u4e00-\u9fff])公司)"  # ("，公司计划…", not "上市公司")
                       # a share class opening a clause right before its move: the same company's other line
                       # ("比亚迪H股收涨3.4%，报243.6港元；A股涨2.1%"; not "A股三大指数")
                       r"|(?:^|(?<=[，,；;]))(?P<cls>A股|H股|B股|港股|美股)")
# (right after the share class: its move, not the market's indices)
_CLASS_MOVES_ZH = zh_compile(r"(?:(?!指数|市场|大盘|三大|整体)[^\d，。；]){0,4}?(?:涨|跌|升|挫|收)")
_INDEX_WORDS = {"gauge", "index", "benchmark", "measure", "该指数", "該指數"}
# a coordinated clause with a subject of its own right before a move's verb ("…, and gold fell 0.7%",
# "; trading volume rose 50%"): the move is not the earlier entity's, unless that subject refers back to it
# ("and its shares rose", "and it closed") or is no subject at all ("which", "then", "eventually")
_NEW_SUBJECT_EN = re.compile(r"(?:[,;]\s*(?:(?:and|but|while|whereas)\s+)?|\s(?:and|but|while|whereas|after|before|as|when|"
                             r"because|since|although|though)\s+)"
                             r"(?P<np>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}"
                             # or a name the entity base does not know ("…, while Acme Robotics jumped 18%")
                             r"|[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,2})\s+$")
_NOT_NEW_SUBJECT = frozenset("""which who that it they its their this these those then later also still even again
further subsequently stock stocks shares share gauge index benchmark measure company firm bank group lender
carmaker automaker insurer chipmaker developer miner retailer platform one is was are were be been being has have had
do does did will would could may might closed ended finished settled opened traded last now""".split())

_CALENDAR_PREFIXES = tuple(_CALENDAR_WORDS)  # ("Tuesday's close")
_PARTICLE = re.compile(r"(?:up|down|higher|lower)\b", re.I)  # a move verb that is the particle of another
_MOTION_VERBS = frozenset("went goes go shot crept creeps edges inches ticks moves".split())

_CURRENCY = {"hk$": "HKD", "us$": "USD", "$": "USD", "s$": "SGD", "a$": "AUD", "c$": "CAD", "nt$": "TWD",
             "rmb": "CNY", "cny": "CNY", "hkd": "HKD", "usd": "USD", "¥": "CNY", "￥": "CNY", "€": "EUR", "£": "GBP",
             "hong kong dollars": "HKD", "hk dollars": "HKD", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY",
             "euro": "EUR", "euros": "EUR", "dollars": "USD", "pence": "GBp", "p": "GBp", "won": "KRW", "港元": "HKD",
             "swiss francs": "CHF", "francs": "CHF", "rupees": "INR", "swedish crowns": "SEK", "kronor": "SEK",
             "swedish kronor": "SEK", "norwegian crowns": "NOK", "kroner": "NOK", "norwegian kroner": "NOK",
             "danish crowns": "DKK", "danish kroner": "DKK",
             "港币": "HKD", "港幣": "HKD", "美元": "USD", "人民币": "CNY", "人民幣": "CNY", "元": "CNY", "日元": "JPY",
             "欧元": "EUR", "歐元": "EUR"}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
           "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12, "万亿": 1e12, "萬億": 1e12, "亿": 1e8,
           "億": 1e8, "万": 1e4, "萬": 1e4, "千": 1e3}
_CLAUSE_BOUND = ("ytd", "since:", "week:0", "month:0")


# ---------------------------------------------------------------- context
class _Doc:
    """Per-article lookups: sentences, mentions by position, entity types."""

    def __init__(self, article: Article, mentions: list[Mention], entities: dict[str, Entity]):
        self.article = article
        self.text = article.text or ""
        self.lang = "zh" if (article.language or "en").startswith("zh") else "en"
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.entities = entities
        self.sentences = split_sentences(self.text, self.lang)
        self._cjk_free = cjk_free(self.text)  # no Chinese character anywhere: every sentence is "en"
        self._by_sentence: dict[int, list[Mention]] = {}
        self._para_starts: dict[int, int] = {}
        self._lang: dict[str, str] = {}
        self._low: str | None = None  # the text lower-cased ("" when not position for position)
        self._hints: dict[tuple[str, ...], set[tuple[int, int]]] = {}  # hints -> sentences with one
        i = 0
        ms = self.mentions
        n = len(ms)
        by_sentence, para_starts = self._by_sentence, self._para_starts
        for s in self.sentences:
            if s.para not in para_starts:
                para_starts[s.para] = s.start
            while i < n and ms[i].start < s.start:
                i += 1
            j = i
            while j < n and ms[j].start < s.end:
                j += 1
            by_sentence[s.start] = [m for m in ms[i:j] if m.end <= s.end] if j > i else []

    def has_hint(self, s: Sentence, hints: tuple[str, ...]) -> bool:
        """True when sentence ``s`` (one of ``self.sentences``) contains one of ``hints`` (lower case) in its
        lower-cased text. The hints are looked up once in the whole lower-cased text (when it lower-cases
        character by character, i.e. position for position), else in the sentence."""
        found = self._hints.get(hints)
        if found is None:
            low = self._low
            if low is None:
                low = self._low = self.text.lower() if "\u03a3" not in self.text else ""  # Σ: context-dependent
                if len(low) != len(self.text):
                    low = self._low = ""
            if not low and self.text:
                return any(map(s.text.lower().__contains__, hints))
            starts = [t.start for t in self.sentences]
            found = set()  # (start, end) of the sentences with a hint inside
            for i, j in _needles(hints).occurrences(low):
                k = bisect.bisect_right(starts, i) - 1
                if k >= 0 and j <= self.sentences[k].end:
                    t = self.sentences[k]
                    found.add((t.start, t.end))
            self._hints[hints] = found
        return (s.start, s.end) in found

    def with_hint(self, hints: tuple[str, ...]) -> list[Sentence]:
        """The sentences ``s`` with ``has_hint(s, hints)``, in order."""
        sents = self.sentences
        if not sents:
            return []
        self.has_hint(sents[0], hints)
        found = self._hints.get(hints)
        if found is None:  # looked up sentence by sentence
            return [s for s in sents if self.has_hint(s, hints)]
        return [s for s in sents if (s.start, s.end) in found] if found else []

    def all_en(self) -> bool:
        """True when every sentence is "en" for ``lang_of`` (no Chinese character in the text)."""
        return self._cjk_free

    def digit_sentences(self) -> list[Sentence]:
        """The sentences with a digit in them (``_DIGIT``: any Unicode decimal digit), in order: counted over the
        whole text at once (numpy) instead of a search per sentence (a sentence is text[start:end])."""
        sents = self.sentences
        a = code_points(self.text) if len(sents) > 8 and len(self.text) >= _NUMPY_MIN_LEN else None
        if a is None:
            return [s for s in sents if _DIGIT.search(s.text)]
        import numpy as np

        dig = (a - 48) < 10  # "0".."9" (below "0" wraps around)
        if not self.text.isascii():
            other = a[a >= 128]
            # \d of a str pattern is str.isdecimal (Unicode category Nd)
            decs = [x for x in np.unique(other).tolist() if chr(x).isdecimal()] if len(other) else []
            if decs:
                dig |= np.isin(a, decs)
        before = np.zeros(len(a) + 1, dtype=np.int64)  # digits before each position
        np.cumsum(dig, out=before[1:])
        n = len(sents)
        has = (before[np.fromiter([t.end for t in sents], np.int64, n)]
               > before[np.fromiter([t.start for t in sents], np.int64, n)]).tolist()
        return [t for t, h in zip(sents, has) if h]

    def etype(self, m: Mention) -> str | None:
        e = self.entities.get(m.entity)
        return e.type if e else None

    def in_sentence(self, s: Sentence) -> list[Mention]:
        ms = self._by_sentence.get(s.start)
        if ms is None:
            ms = [m for m in self.mentions if m.start >= s.start and m.end <= s.end]
        return ms

    def inside_mention(self, s: Sentence, a: int, b: int) -> bool:
        a, b = s.start + a, s.start + b
        return any(m.start < b and a < m.end for m in self.in_sentence(s))

    def lang_of(self, s: Sentence) -> str:
        """The rules to use for one sentence: Chinese when it has Chinese characters (remembered per text)."""
        t = s.text
        got = self._lang.get(t)
        if got is None:
            if t.isascii() or self._cjk_free:  # (the sentences are pieces of the text)
                got = "en"
            elif self.lang == "zh":
                got = "zh" if _CJK.search(t) else "en"
            else:
                got = "zh" if len(_CJK.findall(t)) > 3 else "en"
            self._lang[t] = got
        return got

    def entity_at(self, s: Sentence, rel: int, types: tuple[str, ...] = FACT_TYPES,
                  anaphora: bool = True) -> tuple[str | None, int | None]:
        """The entity a number at ``rel`` (offset in the sentence) is about, and where its mention ends."""
        pos = s.start + rel
        best = None
        cands = [m for m in self.in_sentence(s) if m.end <= pos and self.etype(m) in types and self._subject_like(m)]
        if cands:
            best = cands[-1]
            head = cands[0]
            # "The ChiNext Index, tracking China's Nasdaq-style board, lost …": skip a mention inside an
            # appositive that follows the subject
            if head is not best and self.text[head.end:head.end + 2].startswith(",") \
                    and "," in self.text[best.end:pos] and not _DIGIT.search(self.text[head.end:best.start]):
                best = head
            return best.entity, best.end
        if not anaphora:
            return None, None
        prefix = s.text[:rel]
        ana = None
        for am in (_ANAPH_ZH if self.lang == "zh" else _ANAPH_EN).finditer(prefix):
            ana = am
        if ana is None:
            return None, None
        if ana.group("cls") if self.lang == "zh" else None:
            if not _CLASS_MOVES_ZH.match(s.text, ana.end()) \
                    or ana.start() == 0 and (s.start == 0 or self.text[s.start - 1] not in "；;"):
                return None, None  # (a share class opening a sentence is the market's: "A股周二大涨2%")
        word = (ana.groupdict().get("w") or "").lower()
        if word in _INDEX_WORDS:
            want: tuple[str, ...] = ("index",)
        elif word in ("metal", "commodity", "currency"):
            want = ("instrument",)
        else:
            want = ("company",)
        want = tuple(t for t in want if t in types) or want
        prev = None
        for t in reversed(self.sentences):
            if t.start >= s.start or t.para != s.para:
                continue
            subj = [m for m in self.in_sentence(t) if self.etype(m) in want and self._subject_like(m)]
            if subj:
                prev = subj[0]
                break
        if prev is None:
            # no antecedent in the paragraph: "The stock closed at …" opening the second paragraph of a report
            # on one company is that company's (a market wrap naming several as often has none)
            main = self.main_company if want == ("company",) else None
            if main and any(m.entity == main and m.start < s.start for m in self.mentions):
                return main, s.start + ana.end()
            return None, None
        return prev.entity, s.start + ana.end()

    @cached_property
    def sentence_ends(self) -> dict[int, Sentence]:
        """The sentences by where they end (the one before a sentence, found from its start)."""
        return {p.end: p for p in self.sentences}

    @cached_property
    def main_company(self) -> str | None:
        """The company the article names most, and more often than any other; among companies named as often,
        the only one its headline names ("Microsoft quarterly profit beats estimates" over a body naming
        Microsoft and Alphabet once each); else None."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if self.etype(m) == "company":
                counts[m.entity] = counts.get(m.entity, 0) + 1
        if not counts:
            return None
        top = max(counts.values())
        tied = [e for e, n in counts.items() if n == top]
        if len(tied) > 1:
            title = (self.article.title or "").casefold()
            tied = [e for e in tied if title and any(
                len(name) >= 2 and name.casefold() in title
                for name in {_CO_SUFFIX.sub("", m.surface).strip() for m in self.mentions if m.entity == e})]
        return tied[0] if len(tied) == 1 else None

    def _subject_like(self, m: Mention) -> bool:
        """False for mentions that cannot be what a fact is about: a currency written after an amount
        ("129.10港元") or a place after a locative ("on the Hong Kong exchange", "在香港交易所")."""
        before = self.text[max(0, m.start - 16):m.start]
        before = before[before.rfind("\n") + 1:]  # (a line above ending in a number is not "an amount before it")
        if before.rstrip()[-1:].isdigit():
            return False
        return not _LOCATIVE.search(before) or bool(_YIELDS_ON.search(before))

    def _para_start(self, s: Sentence) -> int:
        return self._para_starts.get(s.para, s.start)


_CO_SUFFIX = re.compile(r"(?:,?\s+(?:Inc|Corp|Corporation|Co|Ltd|Limited|plc|PLC|Group|Holdings?|SA|AG|NV|SE)\b\.?)+$"
                        r"|(?:股份有限公司|有限公司|集团|集團|控股|公司)$")


def _clause_span(text: str, pos: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, pos) for c in ",;，；、")
    bs = [i for i in (text.find(c, pos) for c in ",;，；") if i >= 0]
    return a + 1, (min(bs) if bs else len(text))


def _when_for(text: str, times: list[tuple[int, int, str]], pos: int, change: bool = True) -> str | None:
    """The time phrase a fact at ``pos`` refers to: period phrases ("this year", "since Jan. 13") bind to
    their clause and only to changes; dates bind to the whole sentence."""
    ca, cb = _clause_span(text, pos)
    if _PARTICIPLE.match(text[ca:cb]) and not any(ca <= a < cb for a, _, _ in times):
        ca = _clause_span(text, max(0, ca - 2))[0]  # "…, rising 120%": a participle continues the clause before
    best, dist = None, 10**9
    asides = [m.span() for m in _ASIDE.finditer(text)] if ", wh" in text else []
    for a, b, expr in times:
        if any(x <= a and b <= y and not x <= pos < y for x, y in asides):
            continue  # "Arm, which listed last week, fell 4.5%": the aside's time is not the move's
        if _COMPARED_WITH.search(text, max(0, a - 16), a):
            continue  # "较上一交易日贬值0.2%", "up 2% from Friday's close": what the move is measured against
        if change and _AHEAD.match(expr) and not (a >= ca and b <= cb):
            continue  # "…will report next Thursday, and its shares rose 4.6%": a move is not dated by another clause's plan
        if expr.startswith(_CLAUSE_BOUND) and (not change or not (a >= ca and b <= cb)):
            xa, xb = _clause_span(text, a)
            intro = _INTRO_RE.sub("", text[xa:a] + text[b:xb]).strip(" ,，")
            if not change or intro:  # an introductory "Year to date, …" / "截至今年以来，…" binds to the sentence
                continue
        d = a - pos if a >= pos else pos - b
        if d < dist:
            best, dist = expr, d
    return best


# a relative clause set off by commas ("X, which listed last week, fell 4.5%")
_ASIDE = re.compile(r",\s*(?:which|who)\b[^,;]*,")
# (a plain pattern with both scripts' forms: it runs for every time phrase of every fact)
_COMPARED_WITH = re.compile(r"(?:较|較|比|相比|相较|相較|\bfrom|\bthan|\bcompared\s+with|\bcompared\s+to|\bversus|\bvs\.?)"
                            r"\s*(?:the\s+|its\s+)?$", re.I)
# time phrases that point after the article's day (see facts.dates: "next Thursday", "tomorrow", "next week")
_AHEAD = re.compile(r"^(?:weekday:\w+:(?:after|next|nextweek)|(?:day|week|month):\+\d+|md:[\d-]+:next|dom:\d+:next)$")

_INTRO_RE = zh_compile(r"截至|截止|自|从|從|以来|以來|so far|as of|\s", re.I)

_LOCATIVE = zh_compile(r"(?:\b(?:on|at)\s+(?:the\s+)?|[在于於从從])$", re.I)

# (a comparison beside a move is over the move's period: "gained 41% this year, outpacing the index's 24% advance")
_SAME_PERIOD = zh_compile(r"(?i)同期|same period|same time frame|over the same span|\boutpac\w*|\bbeating\b|"
                          r"\blagg(?:ing|ed)\b|\btrailing\b|跑赢|跑输|跑贏|跑輸")
_FORWARD = zh_compile(r"(?i)\b(?:will|would|could|expects?|forecasts?|targets?|estimates?|projects?)\b|预计|预期|目标")

_PERIOD_WORDS = [(zh_compile(r"past month|this month|for the month|past 30 days|month[- ]to[- ]date|in (?:a|one) month|"
                             r"since the (?:start|beginning) of the month|本月|月内|月內|(?:过去|過去|近)(?:一|1)个?個?月|"
                             r"一个月来|一個月來", re.I), "month"),
                 (zh_compile(r"past week|this week|for the week|week[- ]to[- ]date|since the (?:start|beginning) of the week|"
                             r"in (?:a|one) week|"
                             r"本周|本週|周内|週內|全周|全週|周线|週線|(?:过去|過去|近)(?:一|1)(?:周|週)|一周来|一週來", re.I),
                  "week"),
                 (zh_compile(r"past year|past (?:12|twelve) months|over the year|in (?:a|one) year|(?:过去|過去|近)(?:一|1)年|(?:过去|過去|近)(?:12|十二)个?個?月",
                             re.I), "year"),
                 # measured from an extreme, not over a span: "down 25% from their December peak", "较高点回落25%"
                 (zh_compile(r"\b(?:from|off|below)\s+(?:its|their|the|a|an|this year's|last year's)\b[^,;.]{0,30}?"
                             r"\b(?:peak|peaks|high|highs|record|top)\b|(?:较|自|从)[^，。；]{0,6}(?:高点|高位|峰值|高峰)",
                             re.I), "from_peak"),
                 (zh_compile(r"\b(?:from|off|above)\s+(?:its|their|the|a|an|this year's|last year's)\b[^,;.]{0,30}?"
                             r"\b(?:low|lows|bottom|trough)\b|(?:较|自|从)[^，。；]{0,6}(?:低点|低位|底部)", re.I), "from_low")]


_IN_YEAR = re.compile(r"\b(?:in|during|for|over)\s+((?:19|20)\d\d)\b(?!\s*(?:dollars|prices|terms))")
_IN_MONTH = re.compile(r"\b(?:in|during|for|over)\s+(?:the\s+month\s+of\s+)?(January|February|March|April|May|June|July|"
                       r"August|September|October|November|December)\b(?!\s+\d)")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "twelve": 12, "eighteen": 18, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                 "九": 9, "十": 10, "十二": 12}
_PAST_SPAN = zh_compile(r"(?i)\b(?:past|last|previous)\s+(two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|\d{1,2})"
                        r"\s+(week|month|year)s\b|(?:近|过去|過去|最近)(两|二|三|四|五|六|七|八|九|十二|十|\d{1,2})\s*个?個?"
                        r"(周|週|月|年)")
_ZH_UNIT = {"周": "week", "週": "week", "月": "month", "年": "year"}


def _span_period(clause: str, when: str | None) -> str | None:
    """A move's calendar span written in the clause: "in 2023" (year:2023), "over the past three months"
    (months:3), "近三个月" (months:3), "in March" (month:2026-03, the latest March on or before ``when``)."""
    m = _IN_YEAR.search(clause)
    if m:
        return "year:" + m.group(1)
    m = _PAST_SPAN.search(clause)
    if m:
        word = (m.group(1) or m.group(3)).lower()
        n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)
        unit = m.group(2).lower() if m.group(2) else _ZH_UNIT[m.group(4)]
        if n >= 2:
            return f"{unit}s:{n}"
    m = _IN_MONTH.search(clause)
    if m and when:
        mo = month_number(m.group(1))
        y = int(when[:4]) - (mo > int(when[5:7]))
        return f"month:{y}-{mo:02d}"
    return None


def _span_end(period: str, when: str | None) -> str | None:
    """The day a past calendar span ends, when it ended before ``when`` ("in 2023" reported in 2026: 2023-12-31)."""
    if not when or not period.startswith(("year:", "month:")):
        return when
    if period.startswith("year:"):
        end = f"{period[5:]}-12-31"
    else:
        y, mo = int(period[6:10]), int(period[11:13])
        end = f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    return min(end, when[:10])


_SUBORDINATE = re.compile(r"\b(?:after|as|when|while|because|before|since|though|although|whereas)\b")


def _period(expr: str | None, clause: str, when: str | None, own: str | None = None) -> str:
    """The period a move covers, from its time phrase and its clause; a calendar span is read only from the
    move's own words (``own``: its clause without a subordinate part after the figure, "…opened 0.6% lower after
    consumer prices rose 0.4% in February": February is the prices')."""
    if expr == "ytd":
        return "ytd"
    if expr and expr.startswith("since:"):
        return "since:" + expr[6:]
    if expr in ("week:0", "week:-1", "week:+1"):
        return "week"
    if expr in ("month:0", "month:-1", "month:+1"):
        return "month"
    if expr in (None, "day:0"):
        span = _span_period(clause if own is None else own, when)
        if span:
            return span
    for pat, label in _PERIOD_WORDS:
        if label in _PERIOD_HINTS and not any(map(clause.__contains__, _PERIOD_HINTS[label])):
            continue  # (every match of the pattern holds one of its hints)
        if pat.search(clause):
            return label
    return "day"


# words every match of a period pattern holds (as written, both scripts): a cheap test first
_FROM_HINTS = ("from ", "off ", "below ", "above ", "From ", "较", "較", "自", "从", "從")
_PERIOD_HINTS = {"from_peak": _FROM_HINTS, "from_low": _FROM_HINTS}


_LAST_DOC: list = []
_NUMPY_MIN_LEN = 3000  # shorter texts: a search per sentence (numpy's fixed costs are not worth it)


@lru_cache(maxsize=32)
def _needles(hints: tuple[str, ...]) -> Needles:
    return Needles(hints)


def get_doc(article: Article, mentions: list[Mention], entities: dict[str, Entity]) -> _Doc:
    """The per-article lookups, shared by the extractors called in a row on the same article (one-slot cache
    keyed by content, so a different article can never be served a stale one)."""
    key = (article.text or "", article.title, article.language, tuple((m.entity, m.start, m.end) for m in mentions))
    if _LAST_DOC and _LAST_DOC[0][1] == key:
        d = _LAST_DOC[0][0]
        d.article, d.entities = article, entities
        return d
    d = _Doc(article, mentions, entities)
    _LAST_DOC[:] = [(d, key)]
    return d


class _Emitter:
    def __init__(self, doc: _Doc):
        self.doc = doc
        self.out: list[Fact] = []
        self.seen: set[tuple] = set()

    def add(self, s: Sentence, times: list, kind: str, entity: str | None, value: float, unit: str | None,
            a: int, b: int, qualifier: str | None = None) -> None:
        key = (kind, entity, round(value, 6), unit, s.start + a)
        if key in self.seen:
            return
        self.seen.add(key)
        if callable(times):
            times = times()
        expr = _when_for(s.text, times, a, kind in CHANGE_KINDS)
        ca, cb = _clause_span(s.text, a)
        ent = self.doc.entities.get(entity) if entity else None
        if expr is None and (kind in _DAY_FIGURES or kind == "yield" and self._market_yield(s.text, ent, a, b)) \
                and not _FORWARD.search(s.text, self._after_subject(s, entity, ca, a), a):
            # a market figure with no time phrase (a bond's yield too) is the article's own trading day, unless
            # its clause forecasts it ("expects the shares to rise 10%"; not "slid 2.8% after a broker cut its
            # forecast", nor "X cut its target on Y to $22 and Y fell 2%")
            expr = "day:0"
        place = _PLACE.search(s.text, ca, cb) if " in " in s.text or " on the " in s.text else None
        exch = PLACE_EXCHANGE[place.group(1)] if place else None  # ("fell 3.1% in Tokyo": that market's day)
        anchor = market_anchor(self.doc.article.published, ent, exch)
        when = (expr == "day:0" and market_session(self.doc.article.published, ent, exch)) or (
            resolve_when(expr, anchor) if expr else None)
        period = None
        if kind in CHANGE_KINDS:
            period = _period(expr, s.text[ca:cb], when, s.text[ca:b] + _SUBORDINATE.split(s.text[b:cb], 1)[0])
            prev = self.out[-1] if self.out and self.out[-1].text == s.text else None
            if prev is not None and prev.period and _SAME_PERIOD.search(s.text[ca:cb]):
                # "…rose 24% this year, beating the index, which rose 11% over the same period"
                period, expr, when = prev.period, prev.when_expr, prev.when
            if period.startswith(("year:", "month:")):
                when = _span_end(period, when)  # ("gained 24% in 2023", reported in 2026: as of 2023-12-31)
            if period.startswith("since:") and expr:
                since = resolve_when("md:" + expr[6:] + ":past" if expr.count("-") == 1 else "date:" + expr[6:],
                                     anchor)
                period = "since:" + (since or expr[6:])
        self.out.append(Fact(article=self.doc.article.id, entity=entity, kind=kind, value=value, unit=unit,
                             when=when, text=s.text, qualifier=(qualifier.lower() if qualifier else None),
                             period=period, when_expr=expr, start=s.start + a, end=s.start + b))


    def _after_subject(self, s: Sentence, entity: str | None, ca: int, a: int) -> int:
        """Where the words about a figure at ``a`` start in its clause (from ``ca``): after the last mention of
        the figure's entity before it, when that mention is in the clause (offsets in the sentence)."""
        ends = [m.end - s.start for m in self.doc.in_sentence(s) if m.entity == entity]
        return max([ca] + [e for e in ends if e <= a])

    @staticmethod
    def _market_yield(text: str, ent: Entity | None, a: int, b: int) -> bool:
        """Whether a yield figure is a market's of the day ("the 10-year yield rose to 4.3%"), not a company's
        dividend yield or what a security yields ("The stock yields 4.5%", "The bond yields 5.2%")."""
        return (ent is None or ent.type != "company") and not _DIVIDEND.search(text, 0, b) \
            and not text[:a].rstrip().endswith(("yields", "yield"))


# ---------------------------------------------------------------- extractors
def _num(m: re.Match[str], group: str = "n") -> float | None:
    g = m.group(group)
    return parse_number(g) if g else None


def _unit_of(u: str) -> str:
    u = u.strip().lower()
    return "pts" if u.startswith(("point", "pt", "点", "點")) else "%"


def _modified_noun(doc: _Doc, s: Sentence, end: int) -> str | None:
    """The entity right after "的" that a Chinese relative clause ending at `end` modifies, if any."""
    m = _REL_DE.match(s.text[end:])
    if not m:
        return None
    at = s.start + end + m.end()
    for mention in doc.in_sentence(s):
        if mention.start == at and doc.etype(mention) in FACT_TYPES:
            return mention.entity
    return None


# a move said in words: "have more than doubled", "has halved", "closed flat", "were unchanged", "翻倍", "腰斩", "收平"
_WORD_MOVE_EN = re.compile(r"\b(?:(?P<q>more than|nearly|almost|about|roughly)\s+)?(?P<w>doubled|tripled|quadrupled|halved)\b"
                           r"|\b(?:closed|ended|finished|were|was|traded|held|stayed|remained|is|are)\s+"
                           r"(?P<w2>flat|unchanged|little changed)\b"
                           # "have lost more than half their value", "shed a third of its value"
                           r"|\b(?:lost|shed|lose|loses|sheds)\s+(?:(?P<q3>more than|nearly|almost|about|roughly)\s+)?"
                           r"(?P<w3>half|a third|a quarter|two-thirds|three-quarters)\s+(?:of\s+)?(?:its|their)\s+"
                           r"(?:market\s+)?value\b", re.I)
_WORD_MOVE_ZH = zh_compile(r"(?P<w>翻倍|翻了一倍|腰斩|收平|平收|持平)")
_WORD_VALUE = {"doubled": 100.0, "tripled": 200.0, "quadrupled": 300.0, "halved": -50.0, "half": -50.0,
               "a third": -33.3, "a quarter": -25.0, "two-thirds": -66.7, "three-quarters": -75.0, "flat": 0.0,
               "unchanged": 0.0, "little changed": 0.0, "翻倍": 100.0, "翻了一倍": 100.0, "腰斩": -50.0, "收平": 0.0,
               "平收": 0.0, "持平": 0.0}
_WORD_BAD = zh_compile(r"[,;，；]|(?i:market value|market cap)|市值")
_WORD_HINTS_EN = ("doubled", "tripled", "quadrupled", "halved", "flat", "unchanged", "little changed", "half", "third",
                  "quarter")
_WORD_HINTS_ZH = all_forms(("翻倍", "翻了一倍", "腰斩", "收平", "平收", "持平"))


def _word_moves(t: str, zh: bool) -> list[tuple[int, int, float, str, str | None, str]]:
    """Moves said in words, as _moves' found entries (start, end, signed value, "%", qualifier, "word")."""
    if not any(map(t.__contains__, _WORD_HINTS_ZH if zh else _WORD_HINTS_EN)):
        return []  # (as written: see _word_move_sentences)
    out = []
    for m in (_WORD_MOVE_ZH if zh else _WORD_MOVE_EN).finditer(t):
        gd = m.groupdict()
        w = to_simplified((gd.get("w") or gd.get("w2") or gd.get("w3") or "").lower())
        q = gd.get("q") or gd.get("q3") or ("about" if w == "little changed" else None)
        out.append((m.start(), m.end(), _WORD_VALUE[w], "%", q, "word"))
    return out


def _moves(doc: _Doc, s: Sentence, times: list, em: _Emitter) -> None:
    zh = doc.lang_of(s) == "zh"
    t = s.text
    found: list[tuple[int, int, float, str, str | None, str]] = []  # (start, end, signed value, unit, qualifier, how)
    if zh:
        matches = [(m, "verb") for pat in ((_MOVE_ZH, _MOVE_AMOUNT_ZH) if _AMOUNT_OR_ZH.search(t) else (_MOVE_ZH,))
                   for m in pat.finditer(t)]
        if "的" in t:
            matches.extend((m, "noun") for m in _NOUN_MOVE_ZH.finditer(t))
    else:
        # anchor the verb patterns on words from their vocabularies: much faster than scanning every position
        matches = []
        words = [(w.start(), w.group().lower()) for w in _WORD.finditer(t)]
        amounts = " or " in t or " and " in t  # (every _MOVE_AMOUNT_EN match has one)
        for pos, w in words:
            if w in _VERBS_EN:
                mm = _MOVE_EN.match(t, pos) or (amounts and _MOVE_AMOUNT_EN.match(t, pos) or None)
                if mm:
                    matches.append((mm, "verb"))
            if w in _GAIN_NOUNS:
                mm = _GAIN_TO_EN.match(t, pos)
                if mm:
                    matches.append((mm, "noun"))
        if any(w in _AFTER_WORDS for _, w in words):
            matches.extend((mm, "after") for mm in _MOVE_AFTER_EN.finditer(t))
        if "'s " in t or "’s " in t:
            matches.extend((mm, "noun") for mm in _POSS_MOVE_EN.finditer(t))
    for m, how in matches:
        if True:
            n = _num(m)
            if n is None or doc.inside_mention(s, m.start("n"), m.end("n")):
                continue
            v = m.group("v").lower()
            if v == "up" and _GAVE_UP.search(t[:m.start()]):
                v = "down"  # "gave up 2.8%", "gives up its gains"
            if zh:
                v = to_simplified(v)
                up = v in _UP_SET_ZH or v in ("涨幅", "升幅")
            elif how == "noun":
                up = v in ("gain", "gains", "advance", "rally", "rise", "increase", "jump", "climb", "surge")
            else:
                up = _UP_EN_RE.fullmatch(v) is not None
            if not zh and _BAD_POST_EN.search(t[m.end():]):
                continue
            unit = _unit_of(m.group("u"))
            if unit == "%" and n > 1000:
                continue
            q = m.group("q")
            if zh and _AT_ONE_POINT_ZH.search(t, max(0, m.start() - 4), m.start()):
                q = "一度"  # "盘中一度大跌9%", "一度涨超5%": at one point, as "fell as much as 9%" (an intraday extreme)
            if _PP_UNIT.match(m.group("u")):
                unit = "pp"  # (a yield's "rose 0.06 percentage point": basis points, see below)
            found.append((m.start(), m.end(), n if up else -n, unit, q, how))
            cont = (_OR_PCT_ZH if zh else _OR_PCT_EN).match(t[m.end():])
            if cont:
                n2 = parse_number(cont.group("n"))
                if n2 is not None:
                    found.append((m.start(), m.end() + cont.end(), n2 if up else -n2, _unit_of(cont.group("u")),
                                  cont.groupdict().get("q"), how))
    found.extend(_word_moves(t, zh))  # (after the figures: see numeric below)
    numeric: set[str] = set()  # entities with a move given as a figure in this sentence
    bad = _BAD_CTX_ZH if zh else _BAD_CTX_EN
    each = _respectively(doc, s, found) if found and t.count("%") + t.count("％") > 1 else []  # (two figures or more)
    if each:
        for a, b, val, m in each:
            em.add(s, times, "price_change", m.entity, val * _pair_sign(doc, m.entity, m.end), "%", a, b)
        found = [f for f in found if f[0] >= each[-1][1]]  # (the listed figures are read)
    for a, b, val, unit, q, how in found:
        if (_MODAL_ZH if zh else _MODAL_EN).search(t[max(0, a - 25):a]):
            continue
        ent, subj_end = doc.entity_at(s, a)
        if zh:
            # "上涨11%的恒生指数": a move in a relative clause belongs to the noun that follows 的
            rel = _modified_noun(doc, s, b)
            if rel is not None:
                ent, subj_end = rel, None
        if ent is None:
            continue
        if how == "verb" and not zh and subj_end is not None and _other_subject(t, a, subj_end - s.start):
            continue
        if how == "word" and (subj_end is None or len(doc.text[subj_end:s.start + a]) > 40 or ent in numeric
                              or _WORD_BAD.search(doc.text[subj_end:s.start + a])):
            # a move in words is said right after its subject ("X was little changed", "恒指收平"), not of its
            # market value, and a figure for the same subject says it better ("more than doubled, rising 120%")
            continue
        if zh and subj_end is not None and _other_subject_zh(doc.text[subj_end:s.start + a]):
            continue
        between = doc.text[subj_end:s.start + a] if subj_end is not None else t[:a]
        # "… beat profit estimates, sending its shares up 3.1%", "…收入优于预期，股价上升3.2%": the shares moved
        between = _after_shares(between, zh)
        if unit == "pp":
            if ((doc.entities.get(ent) or _NO_ENTITY).meta or {}).get("kind") == "government_bond":
                # a bond's yield "rose 0.06 percentage point", "上升0.06个百分点": 6 basis points
                em.add(s, times, "yield_change", ent, round(val * 100, 6), "bp", a, b, q)
                continue
            unit = "%"
        if bad.search(between) or (zh and bad.search(t[max(0, a - 4):a + 2])):
            continue
        if subj_end is not None:
            val *= _pair_sign(doc, ent, subj_end)
        if how != "word":
            numeric.add(ent)
        em.add(s, times, "price_change", ent, val, unit, a, b, q)


# the currency a currency's name denotes (the entity base's currency instruments are pairs, "USD/JPY": a move of
# the yen is one of the pair with the sign turned)
_CURRENCY_NAMED = [(zh_compile(r"(?i)yuan|renminbi|人民币|\bCN[YH]\b"), ("CNY", "CNH")),
                   (zh_compile(r"(?i)\byen\b|日元|日圆"), ("JPY",)),
                   (zh_compile(r"(?i)hong kong dollar|港元|港币|\bHKD\b"), ("HKD",)),
                   (zh_compile(r"(?i)\beuro\b|欧元|\bEUR\b"), ("EUR",)),
                   (zh_compile(r"(?i)\bwon\b|韩元"), ("KRW",)), (zh_compile(r"(?i)\brupee\b|卢比"), ("INR",)),
                   (zh_compile(r"(?i)canadian dollar|\bloonie\b|加元|加拿大元"), ("CAD",)),
                   (zh_compile(r"(?i)swiss franc|瑞士法郎|瑞郎"), ("CHF",))]


def _pair_sign(doc: _Doc, ent: str, mention_end: int) -> int:
    """-1 when the mention ending at ``mention_end`` names the quote currency of the currency pair ``ent`` ("the
    Japanese yen fell 0.5%", "日元兑美元下跌0.5%": USD/JPY rose), else 1 (the pair itself, "USD/JPY rose 0.4%", or
    its base currency, "the euro rose", or not a currency at all)."""
    e = doc.entities.get(ent)
    meta = (e.meta or {}) if e is not None else {}
    if meta.get("kind") != "currency" or not meta.get("quote"):
        return 1
    m = next((x for x in doc.mentions if x.end == mention_end and x.entity == ent), None)
    if m is None or "/" in m.surface or m.surface.upper() in (t.upper() for t in e.tickers):
        return 1
    named = _AGAINST.split(m.surface)[0]  # ("美元兑人民币": the dollar against the yuan, the pair itself)
    for rx, codes in _CURRENCY_NAMED:
        if rx.search(named):
            return -1 if meta["quote"] in codes else 1
    return 1


_AGAINST = zh_compile(r"兑|對|对")


# a signed move right after a name, as market briefs and tables write it: "Tencent +3.2%", "Meituan -4.5%",
# "Nvidia (NVDA) -3.4% to $845.10", "Hang Seng Index: 24,851 (-1.2%)", "腾讯 +3.2%"
# (a level before the sign stands apart from it: "2-3%" is a range)
_SIGNED_AFTER = re.compile(rf"(?:\s*[(（][^()（）]{{1,14}}[)）])?\s*[:：]?\s*(?:(?P<lvl>{NUM_RE})(?=[\s(（]))?\s*[(（]?\s*"
                           rf"(?P<sign>[+\-−])\s?(?P<n>{NUM_RE})\s?(?P<u>%|％|percent\b)")


_SIGN_DIGIT = re.compile(r"[+\-−]\s?\d")  # (every _SIGNED_AFTER match has one)


def _signed_moves(doc: _Doc, s: Sentence, times: list, em: _Emitter) -> None:
    if not _SIGN_DIGIT.search(s.text):
        return
    for m in doc.in_sentence(s):
        if doc.etype(m) not in FACT_TYPES or not doc._subject_like(m):
            continue
        sm = _SIGNED_AFTER.match(doc.text, m.end, s.end)
        if sm is None:
            continue
        n = parse_number(sm.group("n"))
        if n is None or n > 1000:
            continue
        a, b = sm.start("sign") - s.start, sm.end() - s.start
        val = (-n if sm.group("sign") in "-−" else n) * _pair_sign(doc, m.entity, m.end)
        em.add(s, times, "price_change", m.entity, val, "%", a, b)
        lvl = parse_number(sm.group("lvl")) if sm.group("lvl") else None
        if lvl is not None and doc.etype(m) == "index" and (lvl >= 100 or "," in sm.group("lvl")):
            em.add(s, times, "level", m.entity, lvl, None, sm.start("lvl") - s.start, sm.end("lvl") - s.start)


_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|、|和|及|与|與|以及)\s*")  # (both scripts' forms)
# the next figure of a list after a move ("rose 3%, 2% and 1%", "上涨3%、2%和1%")
_LIST_NEXT = re.compile(rf"\s*(?:,\s*(?:and\s+)?|and\s+|、|和|及|与|與)\s*(?P<n>{NUM_RE})\s?(?:%|％|percent\b)")


def _respectively(doc: _Doc, s: Sentence, found: list) -> list[tuple[int, int, float, Mention]]:
    """"Tencent and Alibaba rose 3% and 2% (respectively)", "腾讯和阿里巴巴分别上涨3%和2%": the names joined before
    the first move and the figures listed from it, paired in order when there are as many of each: (start, end
    in the sentence, signed value, mention); [] when they do not pair up."""
    moves = sorted((a, b, val) for a, b, val, unit, _, how in found if unit == "%" and how == "verb")
    if not moves:
        return []
    a0, b0, v0 = moves[0]  # (the first figure alone: a figure continued with "or" / "and" ends later)
    figures = [(a0, b0, v0)]
    pos = b0
    while (nm := _LIST_NEXT.match(s.text, pos)) is not None:
        n = parse_number(nm.group("n"))
        if n is None:
            break
        figures.append((nm.start("n"), nm.end(), n if v0 >= 0 else -n))
        pos = nm.end()
    names = [m for m in doc.in_sentence(s) if m.end <= s.start + a0 and doc.etype(m) in FACT_TYPES]
    run = names[-1:]
    for m in reversed(names[:-1]):
        if not _COORDINATED.fullmatch(doc.text, m.end, run[0].start):
            break
        run.insert(0, m)
    if len(figures) < 2 or len(run) != len(figures) or len({m.entity for m in run}) != len(run):
        return []
    return [(fa, fb, val, m) for (fa, fb, val), m in zip(figures, run)]


# what may stand between a clause's break and its move verb without being a subject of its own: times, phases of
# the session, adverbs, the stock itself ("…，午后跌2%", "…，股价一度大涨5%", "…，全周累计下跌2.1%")
_NOT_SUBJECT_ZH = zh_compile(r"(?:[较比與与]\S*|相比\S*)|(?:截至|截止|盘中|盘前|盘后|夜盘|早盘|午后|午盘|尾盘|全日|全天|收市|收盘|开盘|高开|低开|"
                             r"今日|昨日|今年|年内|本周|上周|全周|本月|[上下本]?周[一二三四五六日]|[上下]午|随后|其后|最终|最多|累计|一度|股价|该股|其股价|A股|H股|港股|美股|"
                             r"再|亦|也|则|又|曾|均|皆|更|大|小|微|急|劲|逆市|同日|当日|期内|年初至今|今年以来|"
                             r"[\d.%％]|[个個]百分点|过去|過去|近|以来|以來|至今|年初|月初|[一二三四五六七八九十两兩\d]*(?:个|個)?"
                             r"(?:年|月|周|週|日|天|季度|季|交易日))+")


def _other_subject_zh(between: str) -> bool:
    """A clause after "，" / "；" whose own subject stands right before the move ("恒指跌1.2%，国指跌1.5%": the move
    is not the index named before; "…，午后跌2%" or "…，股价一度大涨5%" is still its)."""
    cut = max(between.rfind(c) for c in "，,；;")
    if cut < 0:
        return False
    tail = between[cut + 1:].strip()
    return 2 <= len(tail) <= 6 and all("\u4e00" <= c <= "\u9fff" for c in tail) and not _NOT_SUBJECT_ZH.fullmatch(tail)


def _after_shares(text: str, zh: bool = False) -> str:
    """``text`` after its last "shares" / "stock" ("股价"): what a sentence says before it (profit, estimates,
    a sale) is not what moved ("… beat profit estimates, sending its shares up 3.1% to HK$402.60")."""
    cut = None
    for cut in (_SHARES_ZH if zh else _SHARES_EN).finditer(text):
        pass
    return text if cut is None else text[cut.end():]


def _other_subject(t: str, verb: int, mention_end: int) -> bool:
    """Whether a clause of its own, with a subject other than the entity mentioned before (ending at
    ``mention_end``), opens right before the verb at ``verb`` (see _NEW_SUBJECT_EN)."""
    m = _NEW_SUBJECT_EN.search(t, max(mention_end, verb - 60), verb)
    if m is None or m.start("np") < mention_end:
        return False
    words = m.group("np").split()
    if _PARTICLE.match(t, verb) and (words[-1].endswith("ed") or words[-1] in _MOTION_VERBS):
        words = words[:-1]  # "Tencent, meanwhile, edged up 0.3%": the verb is "edged up"
        if not words:
            return False
    return not (any(w.lower() in _NOT_NEW_SUBJECT or w in _CALENDAR_WORDS for w in words) or words[-1].endswith("ly")
                or words[0].endswith("ing")  # a participle clause has no subject of its own
                or words[0] in ("the", "a", "an") and len(words) == 1)


_CUE_SPAN = 80  # a price's or a level's cue ends right before the figure and is shorter than this


def _prices(doc: _Doc, s: Sentence, times: list, em: _Emitter) -> None:
    zh = doc.lang_of(s) == "zh"
    t = s.text
    for m in (_PRICE_ZH if zh else _PRICE_EN).finditer(t):
        gd = m.groupdict()
        if gd.get("sc") or gd.get("sc2"):
            continue
        ng = "n" if gd.get("n") else "n2"
        n = _num(m, ng)
        if n is None or n <= 0:
            continue
        prefix = t[:m.start()]
        if zh:
            if not _PRICE_CUE_ZH.search(t, max(0, m.start() - _CUE_SPAN), m.start()) \
                    or _BAD_PRICE_ZH.search(_after_shares(prefix, True)):
                continue
        else:
            if not _PRICE_CUE_EN.search(t, max(0, m.start() - _CUE_SPAN), m.start()) \
                    or _BAD_PRICE_EN.search(_after_shares(prefix)) \
                    or _BAD_PRICE_POST.match(t[m.end():]):
                continue
        if not (_PRICE_CTX_ZH if zh else _PRICE_CTX_EN).search(t[:m.start()] + " " + t[m.end():m.end() + 20]):
            continue
        cur = (gd.get("cur") or gd.get("cur2") or gd.get("cur3") or "").strip().lower()
        unit = _CURRENCY.get(to_simplified(cur))
        if unit is None:
            continue
        ent, ent_end = doc.entity_at(s, m.start(), ("company", "instrument"))
        if ent is None or (ent_end is not None and not zh
                           and _other_clause(doc.text, ent_end, s.start + m.start())):
            continue
        if ((doc.entities.get(ent) or _NO_ENTITY).meta or {}).get("kind") == "government_bond":
            continue  # a bond is quoted by its yield (or per 100 of face value), never in a currency
        if cur == "元":
            unit = _yuan_unit(doc.entities.get(ent))
        q = next((w for rx, w in (_THRESHOLD_ZH if zh else _THRESHOLD_EN) if rx.search(prefix)), None)
        em.add(s, times, "price", ent, n, unit, m.start(), m.end(), q)


# "…rose 6 basis points to 4.21%, while sterling was little changed at $1.2480": a clause with its own subject
# stands between the entity and the price (not "…, while its shares ended at $9", "…, but closed at $210")
_PRICE_OTHER_CLAUSE = re.compile(r"(?:;\s*|[,\s]\s*(?:while|whereas|but)\s+)(?!(?:it|its|they|their|which|the\s+(?:stock|"
                                 r"shares?|company|group|firm|bank)|\w+ed|held|still|then|later|also|was|were|is|are)\b)"
                                 r"(?P<w>[A-Za-z][\w'’-]*)", re.I)


def _other_clause(text: str, a: int, b: int) -> bool:
    """Whether a clause with a subject of its own opens between ``a`` and ``b`` (see _PRICE_OTHER_CLAUSE; a
    weekday or a month is no subject: "…, but Tuesday's close was at $9")."""
    return any(not m.group("w").startswith(_CALENDAR_PREFIXES) for m in _PRICE_OTHER_CLAUSE.finditer(text, a, b))


_DAY_FIGURES = (*CHANGE_KINDS, "price", "level")
_NO_ENTITY = Entity(id="", name="", type="")
_PLACE = re.compile(r"\b(?:in|on the)\s+(" + "|".join(PLACE_EXCHANGE) + r")\b(?![ \u00a0]*-)")
_LOCAL_DOLLAR = {"HK": "HKD", "TW": "TWD", "TWO": "TWD"}


def _yuan_unit(ent: Entity | None) -> str:
    """The currency a bare "元" means for a stock: Hong Kong dollars for one listed only in Hong Kong ("汇丰控股
    收报62.1元"), New Taiwan dollars for a Taiwan listing, yuan otherwise (mainland shares, dual listings)."""
    venues = {t.rsplit(".", 1)[1].upper() for t in (ent.tickers if ent else ()) if "." in t and not t[0].isalpha()}
    return _LOCAL_DOLLAR.get(venues.pop(), "CNY") if len(venues) == 1 else "CNY"


def _levels(doc: _Doc, s: Sentence, times: list, em: _Emitter) -> None:
    zh = doc.lang_of(s) == "zh"
    t = s.text
    for m in (_LEVEL_ZH.finditer(t) if zh else _level_matches_en(t)):
        n = _num(m)
        if n is None or doc.inside_mention(s, m.start("n"), m.end("n")):
            continue
        raw = m.group("n")
        if n < 100 and "," not in raw and not (n >= 5 and "." in raw):
            continue  # (a small whole number is a count; a level under 100 is written with decimals: "VIX … to 18.5")
        if not zh:
            if _YEAR.fullmatch(raw) and not m.group("u"):  # (the cheaper test first)
                continue
            if not _LEVEL_CUE_EN.search(t, max(0, m.start() - _CUE_SPAN), m.start()):
                continue
        ent, _ = doc.entity_at(s, m.start("n"), FACT_TYPES)
        if ent is None or doc.entities.get(ent) is None or doc.entities[ent].type != "index":
            continue
        unit = "pts" if m.group("u") else None
        q = next((w for rx, w in (_THRESHOLD_ZH if zh else _THRESHOLD_EN) if rx.search(t, 0, m.start("n"))), None)
        em.add(s, times, "level", ent, n, unit, m.start("n"), m.end(), q)


# a currency pair's rate: "the yuan weakened 0.2% to 7.2450 per dollar", "USD/JPY rose to 150.20", "人民币兑美元
#收报7.2450" (always written with decimals), a price of the pair in its quote currency
_FX_RATE_EN = re.compile(r"\b(?:to|at|of|near|around|hit|touched|reached|past|beyond)\s+(?P<n>\d{1,4}\.\d{2,4})\b"
                         r"(?!\s*(?:%|percent|per cent))", re.I)
_FX_RATE_ZH = zh_compile(r"(?:收报|报|至|为|在)\s*(?P<n>\d{1,4}\.\d{2,4})(?![\d%％])")
_PER_DOLLAR = zh_compile(r"(?i)\bper\s+(?:U\.?S\.?\s+)?dollar|against the (?:U\.?S\.?\s+)?dollar|to the dollar|"
                         r"兑美元|對美元|对美元|兌美元")


def _fx_rates(doc: _Doc, s: Sentence, times: list, em: _Emitter) -> None:
    pairs = [m for m in doc.in_sentence(s)
             if ((doc.entities.get(m.entity) or _NO_ENTITY).meta or {}).get("kind") == "currency"]
    if not pairs:
        return
    zh = doc.lang_of(s) == "zh"
    t = s.text
    per_dollar = _PER_DOLLAR.search(t) is not None
    for m in (_FX_RATE_ZH if zh else _FX_RATE_EN).finditer(t):
        ent, end = doc.entity_at(s, m.start("n"), ("instrument",), anaphora=False)
        e = doc.entities.get(ent) if ent else None
        if e is None or (e.meta or {}).get("kind") != "currency" or not (e.meta or {}).get("quote"):
            continue
        mention = next((x for x in pairs if x.end == end), None)
        named_pair = mention is not None and ("/" in mention.surface or mention.surface.upper() in e.tickers
                                              or _AGAINST.search(mention.surface) is not None)  # ("美元兑人民币")
        if not (per_dollar or named_pair):
            continue
        em.add(s, times, "price", ent, float(m.group("n")), e.meta["quote"], m.start("n"), m.end())


def _valuations(doc: _Doc, s: Sentence, times: list, em: _Emitter) -> None:
    zh = doc.lang_of(s) == "zh"
    t = s.text
    if zh:
        for pat in (_VAL_ZH, _VAL_ZH2):
            for m in pat.finditer(t):
                n = _num(m)
                ent, _ = doc.entity_at(s, m.start(), FACT_TYPES)
                if n is not None and ent:
                    em.add(s, times, "valuation", ent, n, "x", m.start(), m.end(), m.groupdict().get("q"))
        for m in _MCAP_ZH.finditer(t):
            n = _num(m, "n2")
            unit = _CURRENCY.get(to_simplified(m.group("cur2") or ""))
            ent, _ = doc.entity_at(s, m.start(), ("company", "index"))
            if n is not None and unit and ent and not (_MCAP_CHANGE_ZH.search(m.group())
                                                       and not _MCAP_LEVEL_ZH.search(m.group())):
                em.add(s, times, "valuation", ent, n * _SCALES.get(to_simplified(m.group("sc") or ""), 1.0), unit, m.start(),
                       m.end(), m.group("q"))
        return
    # cheap necessary conditions first (the patterns are case-insensitive: only when no character of the
    # sentence folds to an ASCII letter other than ASCII letters themselves)
    low = t.lower() if not any(c in t for c in _ASCII_FOLDING) else None
    if low is None or any(map(low.__contains__, _VAL_MULT_WORDS)):
        for m in _VAL_MULT_EN.finditer(t):
            n = _num(m)
            ent, _ = doc.entity_at(s, m.start("n"), FACT_TYPES)
            if n is not None and ent:
                em.add(s, times, "valuation", ent, n, "x", m.start("n"), m.end(), m.group("q"))
    for m in (_TIMES_FOR.finditer(t) if "times" in t else ()):
        head = _VAL_FOR_EN.search(t[:m.end()])
        if not head:
            continue
        target = [x for x in doc.in_sentence(s) if x.start == s.start + m.end() and doc.etype(x) in FACT_TYPES]
        n = _num(head)
        if target and n is not None:
            em.add(s, times, "valuation", target[0].entity, n, "x", head.start("n"), m.end(), head.group("q"))
    for m in (_VAL_PE_EN.finditer(t) if low is None or "p" in low else ()):
        n = _num(m)
        ent, _ = doc.entity_at(s, m.start(), FACT_TYPES)
        if n is not None and ent:
            em.add(s, times, "valuation", ent, n, "x", m.start("n"), m.end(), m.group("q"))
    for m in (_MCAP_EN.finditer(t) if low is None or "market" in low else ()):
        gd = m.groupdict()
        ng, sg = ("n", "sc") if gd.get("n") else ("n2", "sc2")
        n = _num(m, ng)
        sc = (gd.get(sg) or "").strip().lower()
        cur = (gd.get("cur") or gd.get("cur2") or "").strip().lower()
        unit = _CURRENCY.get(to_simplified(cur))
        ent, _ = doc.entity_at(s, m.start(), ("company", "index"))
        if n is None or not sc or not unit or not ent or _mcap_change(m.group()):
            continue  # ("its market value fell by $200 billion": a change of the value, not the value)
        em.add(s, times, "valuation", ent, n * _SCALES.get(to_simplified(sc or ""), 1.0), unit, m.start(), m.end(), gd.get("q"))


_TENOR = re.compile(r"(?i)\b(\d{1,2})[- ]year\b|(\d{1,2})\s*年期|([一二三五七十]+)年期"
                    r"|\b(two|three|five|seven|ten|twenty|thirty)[- ]year\b")
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "五": 5, "七": 7, "十": 10, "二十": 20, "三十": 30,
              "two": 2, "three": 3, "five": 5, "seven": 7, "ten": 10, "twenty": 20, "thirty": 30}
_COUNTRY_CUES = [("CN", zh_compile(r"\bChina\b|\bChina's\b|\bChinese\b|\bonshore\b|中国|人民币")),
                 ("US", zh_compile(r"\bU\.?S\.?\b|\bTreasur|\bAmerican\b|美国|美债")),
                 ("JP", zh_compile(r"\bJapan|\bJGB|日本")),
                 ("DE", zh_compile(r"\bGerman|\bBund\b|德国")),
                 ("UK", zh_compile(r"\bU\.?K\.?\b|\bBritish\b|\bBritain|\bgilts?\b|英国")),
                 ("HK", zh_compile(r"\bHong Kong\b|香港"))]


def _years(m: re.Match) -> int:
    """The number of years a _TENOR match names (0 when it cannot be read)."""
    word = (m.group(3) or m.group(4) or "").lower()
    return int(m.group(1) or m.group(2) or _ZH_DIGITS.get(word, 0) or 0)


_PLACE_BEFORE = re.compile(r"\b([A-Z][\w.]*?)(?:['’]s)?\s+(?:(?:benchmark|key|government|sovereign)\s+)?$")


def _named_country(text: str, at: int) -> tuple[bool, str | None]:
    """Whether a capitalised word names the place of the tenor phrase starting at ``at`` ("Italy's 10-year
    yield", "Japanese 10-year yields"), and the country of the base's bonds it is (None for another)."""
    m = _PLACE_BEFORE.search(text, max(0, at - 40), at)
    if m is None or m.group(1) in _CALENDAR_WORDS or m.group(1) in ("The", "A", "An"):
        return False, None
    word = m.group()
    return True, next((c for c, rx in _COUNTRY_CUES if rx.search(word)), None)


def _bond_for(doc: _Doc, s: Sentence, ent: str | None, end: int | None, pos: int) -> str | None:
    """The bond a yield figure at ``pos`` (offset in the sentence) is about, given the entity the sentence's
    mentions give it (``ent``, whose mention ends at ``end``, an offset in the text): that one, unless it is a
    government bond of another tenor than one named between it and the figure ("the 2-year Treasury … fell
    to 4.85%, while the 10-year yield slipped to 3.86%": the second figure is no 2-year's), or there is none;
    then the bond of the tenor and country in context (:func:`_bond_in_context`)."""
    if ent is not None:
        meta = (doc.entities.get(ent) or _NO_ENTITY).meta or {}
        if not meta.get("tenor") or end is None or all(
                f"{_years(m)}Y" == meta["tenor"] and _named_country(s.text, m.start()) in ((False, None),
                                                                                        (True, meta.get("country")))
                for m in _TENOR.finditer(s.text, max(0, end - s.start), pos)):
            return ent
    return _bond_in_context(doc, s, pos)


def _bond_in_context(doc: _Doc, s: Sentence, pos: int) -> str | None:
    """A bare "the 10-year yield": the government bond of that tenor of the country the paragraph is
    about (the nearest country named before it, in the sentence or earlier in its paragraph)."""
    found = list(_TENOR.finditer(s.text))
    if not found:
        return None
    # the tenor nearest before the figure ("the 10-year note rose to 4.62%, while the two-year yield … 4.95%")
    before = [f for f in found if f.end() <= pos]
    m = before[-1] if before else found[0]
    tenor = _years(m)
    if not tenor:
        return None
    named, best = _named_country(s.text, m.start())
    where = -1
    context = "" if named else doc.article.text[doc._para_start(s):s.start + pos]
    for country, rx in _COUNTRY_CUES:
        for cm in rx.finditer(context):
            if cm.start() > where:
                best, where = country, cm.start()
    if best is None:
        return None
    from .kb import KnowledgeBase

    ent = _government_bonds(KnowledgeBase.load()).get((best, f"{tenor}Y"))
    if ent is None:
        return None
    doc.entities.setdefault(ent.id, ent)
    return ent.id


_BONDS: list = []  # one slot: (knowledge base, number of entities, {(country, tenor): first such bond})


def _government_bonds(kb) -> dict[tuple[str, str], Entity]:
    """The knowledge base's government bonds by (country, tenor), the first in the base's order for each
    (built once per base instead of a scan of every entity for each bare "the 10-year yield")."""
    if _BONDS and _BONDS[0][0] is kb and _BONDS[0][1] == len(kb.entities):
        return _BONDS[0][2]
    index: dict[tuple[str, str], Entity] = {}
    for ent in kb.entities.values():
        meta = ent.meta or {}
        if ent.type == "instrument" and meta.get("kind") == "government_bond":
            index.setdefault((meta.get("country"), meta.get("tenor")), ent)
    _BONDS[:] = [(kb, len(kb.entities), index)]
    return index


def _yields(doc: _Doc, s: Sentence, times: list, em: _Emitter) -> None:
    zh = doc.lang_of(s) == "zh"
    t = s.text
    pats = [_YIELD_ZH] if zh else [_YIELD_EN, _YIELD_VERB_EN]
    for pat in pats:
        for m in pat.finditer(t):
            n = _num(m)
            if n is None or n > 50:
                continue
            dividend = bool(_DIVIDEND.search(t[:m.end()]))
            if zh and not dividend and not _BOND_ZH.search(t):
                continue  # 收益率 alone is any rate of return; keep bond and dividend yields
            types = ("company", "instrument") if dividend else ("instrument", "index")
            ent, end = doc.entity_at(s, m.start("n"), types, anaphora=False)
            if not dividend:
                ent = _bond_for(doc, s, ent, end, m.start("n"))
            gd = m.groupdict()
            em.add(s, times, "yield", ent, n, "%", m.start("n"), m.end(), gd.get("q") or gd.get("q2"))
    if not any(map(t.__contains__, ("基点", "基點") if zh else ("basis", "bp", "BP"))):
        return
    for m in (_BP_ZH if zh else _BP_EN).finditer(t):
        n = _num(m)
        word = None
        for word in _YIELD_WORD.finditer(t, 0, m.start()):
            pass  # the last mention of a yield before the move
        if n is None or n > 1000 or word is None or _DIVIDEND.search(t[:m.start()]) \
                or (_MODAL_ZH if zh else _MODAL_EN).search(t[max(0, m.start() - 25):m.start()]):
            continue
        ent, end = doc.entity_at(s, m.start(), ("instrument", "index"), anaphora=False)
        ent = _bond_for(doc, s, ent, end, m.start())
        v = to_simplified(m.group("v")).lower()
        up = v in _UP_SET_ZH if zh else (_UP_EN_RE.fullmatch(v) is not None or v in ("added", "adds"))
        em.add(s, times, "yield_change", ent, n if up else -n, "bp", m.start(), m.end(), m.group("q"))


def _carried_times(doc: _Doc, s: Sentence) -> list:
    """The day a Chinese clause cut off at "；" is about, when it names none: that of the clause before it in the
    same sentence ("中国移动周四微涨0.3%，报86.05港元；中国联通则下跌1.1%。": Thursday for both). Only days, not
    periods or forward phrases; placed before the clause (offset -1)."""
    if s.start < 1 or doc.text[s.start - 1] not in "；;":
        return []
    ends = doc.sentence_ends
    prev = ends.get(s.start - 1) or ends.get(s.start)
    if prev is None or prev.para != s.para or not prev.text.endswith(("；", ";")):
        return []
    return [(-1, -1, e) for _a, _b, e in find_time_expressions(prev.text, "zh", future=False)
            if not e.startswith(_CLAUSE_BOUND) and not _AHEAD.match(e)]


def extract_facts(article: Article, mentions: list[Mention], entities: dict[str, Entity]) -> list[Fact]:
    """Market facts (price_change, price, level, valuation, yield, yield_change) stated in the article's body."""
    doc = get_doc(article, mentions, entities)
    em = _Emitter(doc)
    moved: set[int] = set()  # the sentences _moves has read
    for s in doc.digit_sentences():
        slang = doc.lang_of(s)
        pre = _PRE_ZH if slang == "zh" else _PRE_EN
        cache: list = []
        has = s.text.lower().__contains__

        def times(s: Sentence = s, cache: list = cache) -> list:
            if not cache:
                found = find_time_expressions(s.text, doc.lang_of(s), future=False)
                if not found and slang == "zh":
                    found = _carried_times(doc, s)
                cache.append(found)
            return cache[0]

        for name, fn in (("move", _moves), ("move", _signed_moves), ("price", _prices), ("level", _levels), ("fx", _fx_rates),
                         ("val", _valuations), ("yield", _yields)):
            if any(map(has, pre[name])):
                fn(doc, s, times, em)
                if fn is _moves:
                    moved.add(s.start)
    for s in _word_move_sentences(doc):  # (a move in words needs no figure: "Intel shares have halved this year")
        if s.start not in moved and _word_moves(s.text, doc.lang_of(s) == "zh"):
            _moves(doc, s, lambda s=s: find_time_expressions(s.text, doc.lang_of(s), future=False), em)
    return em.out


def _word_move_sentences(doc: _Doc) -> list[Sentence]:
    """The sentences holding a word of a move said in words (found in the whole text at once)."""
    text = doc.text
    found = []
    for h in _WORD_HINTS_EN if cjk_free(text) else (*_WORD_HINTS_EN, *_WORD_HINTS_ZH):
        i = text.find(h)  # (as written: the subject opens the sentence, so the word is in lower case)
        while i >= 0:
            found.append(i)
            i = text.find(h, i + 1)
    if not found:
        return []
    sents = doc.sentences
    starts = [x.start for x in sents]
    out: dict[int, Sentence] = {}
    for i in found:
        k = bisect.bisect_right(starts, i) - 1
        if k >= 0 and i < sents[k].end:
            out[k] = sents[k]
    return [out[k] for k in sorted(out)]


# cheap substring tests that decide whether a sentence is worth the full patterns
_DIGIT = re.compile(r"\d")
_PRE_EN = {
    "move": ("%", "percent", "per cent", "pct", "point", "pts"),
    "price": ("$", "¥", "￥", "€", "£", "yuan", "dollar", "renminbi", "yen", "euro", "pence", "won", "rmb", "hkd",
              "franc", "rupee", "crown", "kron",
              "usd", "cny", *(f"{d}p" for d in range(10))),
    "level": ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
    "val": ("times", "x ", "p/e", "p/b", "pe ", "price-to", "price to", "price-earnings", "market value", "market cap"),
    "yield": ("yield",),
    "fx": ("dollar", "/", "usd", "eur", "jpy", "cny", "cnh", "hkd"),
}
_PRE_ZH = {k: all_forms(v) for k, v in {
    "move": ("%", "％", "点", "點", "百分"),
    "price": ("$", "¥", "￥", "€", "£", "元", "港币", "港幣"),
    "level": ("点", "點"),
    "val": ("倍", "市值"),
    "yield": ("收益率", "股息", "孳息"),
    "fx": ("美元", "/", "usd", "eur", "jpy", "cny", "cnh", "hkd"),
}.items()}
