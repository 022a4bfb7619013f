"""Entity linking: find company, index, instrument, person and organisation mentions in an article.

One pass of compiled matchers (built once per knowledge base and cached):

1. tickers in text ("NYSE: BABA", "(OTC:BABAF)", "9988.HK", "HKG: 9988", "600519.SH", "$AAPL", a bare
   "(BABA)" that is a known ticker and not a common acronym);
2. knowledge-base aliases, leftmost-longest, as two trie-shaped regexes: Latin names with word boundaries and
   case rules ("Apple" needs a capital; short acronyms need their exact case), Chinese names without
   boundaries (longest match, so "京东方" is not "京东"). Aliases flagged ambiguous in the base ("Apple",
   "小米") need a cue: a company cue next to them, a finance word in the sentence, or an unambiguous mention
   of the same entity elsewhere in the text;
3. organisations not in the base ("X Holdings", "X Group Inc.", "X Asset Management", "…集团/公司") and
   people introduced with a role ("analyst Jane Doe", "said John Smith"), as ad-hoc entities whose id is a
   content hash of the normalised name;
4. surnames ("Xi", "Ma", "Powell", "习主席") after the person's full name appeared, linked to the most recent
   person with that surname.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from newsdesk.clean.zhscript import COUNTED
from newsdesk.facts.kb import (CJK_RE, CUE_ADJACENT, CUE_NONE, KnowledgeBase, Needles, alias_key, ascii_codes,
                               cjk_free, fold_table)
from newsdesk.facts.dates import CALENDAR_WORDS
from newsdesk.link.background import is_common_word
from newsdesk.model import Entity, Mention, content_id

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------- patterns
_S = r"[ \u00a0]+"  # spaces inside a name: never a line break
_EXCH = (r"NYSE\s*American|NYSE\s*Arca|NYSE|Nasdaq(?:GS|GM|CM)?|NASDAQ(?:GS|GM|CM)?|AMEX|OTC\s*Markets|OTCMKTS|"
         r"OTCQX|OTCQB|OTC|HKEX|HKSE|SEHK|HKG|HK|SSE|SZSE|SHA|SHE|SH|SZ|TSE|TYO|LSE|LON|KRX|ASX|SGX|SIX|TWSE")
_EXCH_SUFFIX = {"TSE": "T", "TYO": "T", "LSE": "L", "LON": "L", "KRX": "KS", "ASX": "AX", "SGX": "SI",
                "SIX": "SW", "TWSE": "TW"}
EXCH_BEFORE = re.compile(r"(?<![\w])(?P<ex>" + _EXCH + r")\s*$", re.I)
CODE_AFTER = re.compile(r"\s*(?P<code>[A-Z]{1,5}(?:[.-][A-Z])?(?![\w])|\d{1,6}(?!\d))")
SUFFIX_DOT = re.compile(r"\.(?:HK|SS|SH|SZ|T|KS|TW|SI|AX|N|O|OQ|L|PA|SW|TO|AS|DE)(?![\w])", re.I)
CODE_BEFORE = re.compile(r"(?<![\w.])(?:\d{1,6}|[A-Z]{1,5})$")
COLONS = ":："
COLON = re.compile("[" + COLONS + "]")
# "$" first (a literal lead: sre jumps from one "$" to the next), then "not after a word or another $"
CASHTAG = re.compile(r"\$(?<![\w$]\$)(?P<code>[A-Z]{1,5})(?![\w])")
PAREN_OPEN = "(（"
BARE_PAREN = re.compile(r"[" + PAREN_OPEN + r"]\s*(?P<code>[A-Z]{1,5}|\d{4,6})\s*[)）]")
# All-caps words that are tickers of something but mostly mean something else.
TICKER_STOP = frozenset(
    "A I AI IT US UK EU UN CEO CFO COO CIO CTO GDP CPI PPI PMI IPO ETF ESG EV EVS AM PM ET PT GMT UTC HK SAR PRC "
    "USA USD RMB CNY HKD JPY EUR API APP TV PC OK ID NO ON OR SO ALL ARE BE FOR HAS NOW ONE OUT RE SEE TWO YOU "
    "WTO IMF NPC CPC PBOC SEC FED ECB BOJ NATO OPEC Q1 Q2 Q3 Q4 H1 H2 FY YOY QOQ MOM NEW BIG FUN REAL LOVE CAR "
    "CASH GOLD HOME OPEN PLAY SAFE TRUE WELL WORK CAN BIT AIR ICE DNA RNA FDA NASA AP AFP CNN BBC".split())
EN_FINANCE_CUE = re.compile(
    r"\b(?:shares?|stocks?|investors?|revenue|earnings|profits?|sales|markets?|company|companies|firm|quarter|"
    r"quarterly|billion|million|trillion|percent|rose|fell|gained|dropped|jumped|slid|rallied|surged|tumbled|"
    r"sank|climbed|analysts?|CEO|chief executive|iPhones?|smartphones?|chips?|valuation|listed|Nasdaq|NYSE|"
    r"S&P|index|deal|acquisition|results|guidance|forecast|outlook|dividends?|buybacks?|IPO|bonds?|banks?|"
    r"traders?|brand|products?|supplier|customers|devices?|store|stores|cloud|AI|tariffs?|regulators?|lawsuit|"
    r"executives?|factory|factories|orders?|capex|users|subscribers|retailer|carmaker|automaker|insurer|lender|"
    r"dollars?|currency|currencies)\b"
    r"|%", re.I)
ZH_FINANCE_CUE = re.compile(r"股|市值|营收|營收|财报|財報|公司|集团|集團|盈利|利润|利潤|收入|投资者|投資者|分析师|"
                            r"分析師|涨|漲|跌|手机|手機|汽车|汽車|发布|發布|季度|品牌|芯片|订单|訂單|销量|銷量")
UNIT_CUE = {u: re.compile(rf"(?i)\b(?:an?|per|the|/)\s*(?:troy\s+|metric\s+)?{w}\b|{sym}")
            for u, w, sym in (("ounce", "ounces?", r"\boz\b|盎司|安士"), ("tonne", "(?:tonne|ton)s?", r"吨|噸"),
                              ("barrel", "barrels?", r"\bbbl\b|桶"))}
ADJ_RIGHT = re.compile(r"^(?:['’]s)?\s*(?:,\s*)?(?:Inc\b|Corp\b|Co\b|Ltd\b|Group\b|Holdings?\b|plc\b|PLC\b|LLC\b|"
                       r"shares?\b|stock\b|stocks\b|[(（]\s*(?:" + _EXCH + r"|[A-Z]{1,5}\)|\d{4,6}))")
ADJ_LEFT = re.compile(r"(?:shares\s+(?:of|in)|stake\s+in|stock\s+of|invest(?:ed|s|ing)?\s+in)\s+$", re.I)
ZH_ADJ_RIGHT = re.compile(r"^(?:公司|集团|集團|股份|股价|股價|控股|旗下|市值|财报|財報|手机|手機|汽车|汽車|发布|發布|"
                          r"董事长|董事長|创始人|創始人|[(（])")
ZH_ADJ_LEFT = re.compile(r"(?:港股|美股|A股|股东|股東)$")
SUBINDEX_RIGHT = re.compile(r"^[ \u00a0]+[A-Z][A-Za-z&]+(?:[ \u00a0]+[A-Z][A-Za-z&]+)?[ \u00a0]+(?:sub-)?[Ii]ndex")
OTHER_NAME_RIGHT = re.compile(_S + r"(?:[A-Z][\w'’-]*" + _S + r"){0,2}(?:Credit" + _S + r"Union|Foundation|"
                              r"University|College|Hospital|School|Church|Club|Society|Stadium|Arena|Museum|Park|"
                              r"Airport|Street|Avenue|Road|Center|Centre|Institute|Association)(?![\w])")
ABBREV_END = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Cos|Bhd|Pte)$")
THE_LEFT = re.compile(r"\b[Tt]he\s+$")
# another index whose name starts with this one's ("恒指波幅指数": the Hang Seng's volatility index)
ZH_SUBINDEX_RIGHT = re.compile(r"^(?:(?![及和与與同跟])[\u4e00-\u9fff]){1,6}(?:指数|指數)")  # (not "恒指及国企指数")
LISTED_RIGHT = re.compile(r"^[-‐]\s*(?:listed|traded|quoted)", re.I)
# an amount right before a currency's name makes the name a unit ("612.50港元", "1,200亿港元", "5 billion Japanese
# yen"), not a mention of the currency (the exchange rate an article may be about)
AMOUNT_LEFT = re.compile(r"(?:\d|[亿万千百]|\b(?:thousand|million|billion|trillion|bn|mn|m)\b)\s*$", re.I)
# Phrases that contain a short name but are not about the entity; matched like aliases and then dropped.
BLOCKERS = ("中国银行业", "中國銀行業", "中国移动互联网", "中国移动支付", "中国建筑业", "中国电信业", "完美的",
            "美的生活", "Apple Daily", "Big Apple", "Amazon rainforest", "Amazon River", "Amazon basin",
            "Ford Foundation", "Harrison Ford", "Dow Chemical", "Shell company", "Meta description", "euro zone",
            "euro area", "euro-zone", "euro-area", "sterling silver", "nickel-plated", "platinum jubilee")

ORG_SUFFIX = (r"Holdings?|Group(?:" + _S + r"(?:Inc|Ltd|Co|Corp|Holdings?)\.?)?|Inc\.?|Incorporated|Corp\.?|"
              r"Corporation|Co\.,?" + _S + r"Ltd\.?|Co\.|Ltd\.?|Limited|LLC|L\.P\.|PLC|plc|AG|SE|N\.V\.|S\.A\.|"
              # every alternative starts with a literal, so that sre skips to candidate letters fast
              + "|".join(w + _S + "Management" for w in ("Asset", "Investment", "Capital", "Fund", "Wealth")) + "|"
              r"Capital(?:" + _S + r"Partners)?|"
              r"Partners|Securities|Investments|Advisors|Advisers|Ventures|Bank|Bancorp|Bancshares|Trust")
_NAME_TOK = r"(?:[A-Z][\w'’.-]*|&|of|and|de)"
SUFFIX_RE = re.compile(r"(?:" + ORG_SUFFIX + r")(?![\w])")  # a space before it is checked in code
BASE_BEFORE = re.compile(r"(?<![\w&])(?:[A-Z][\w'’.-]*[ \u00a0]+(?:(?:&|of|de)[ \u00a0]+)?){1,5}$")
INST_KW = re.compile(r"(?:Ministry|Department|Bureau|Commission|Association|Institute|University|Academy|Council|"
                    r"Federation|Administration|Chamber" + _S + r"of" + _S + r"Commerce)(?![\w])")
INST_OF = re.compile(_S + r"(?:of|for)" + _S + r"(?:the" + _S + r")?[A-Z]\w+(?:" + _S + r"(?:and" + _S + r")?[A-Z]\w+)"
                     r"{0,4}(?![\w])")
INST_BEFORE = re.compile(r"(?<![\w&])(?:[A-Z]\w+" + _S + r"){1,4}$")
INST_TAIL = ("Association", "Institute", "University", "Council", "Federation", "Chamber")
INST_WORDS = ("Ministry", "Department", "Bureau", "Commission", "Association", "Institute", "University", "Academy",
              "Council", "Federation", "Administration", "Chamber")
ORG_STOP_START = frozenset("The A An In On At For But And Or Shares Meanwhile According While As If Its His Her "
                           "Their Our This That These Those When After Before Since Under Unlike With Both Analysts "
                           "Investors Rival Rivals Peer Peers Including Like Said Says Also Only Then Than By From "
                           "To Of Sources Some Many Most Other Others Such Last Next Every Each Why How What Which "
                           "Yet So Still Even Despite Although Though Because Whether Your My Buy Use Get Free "
                           "About Contact Read Search Apply Visit Learn View Join Find Type Types Best Top How".split())
# a count before "of" ("Two of Harbour Trust's largest shareholders"): not the name's first word, unlike a firm
# named with one ("Three Arrows Capital", "One Equity Partners")
COUNT_OF = frozenset("One Two Three Four Five Six Seven Eight Nine Ten Several Few Half All None Most Some Many "
                     "Each Both Either Neither Any".split())
# words that head an organisation's name before its "of" ("Bank of America", "Royal Bank of Canada", "Federal
# Reserve Bank of New York", "Ministry of Finance"); before "of", a name without one is a person's
_ORG_HEAD = re.compile(r"\b(?:Bank|Banks|Trust|Fund|Group|Corporation|Company|Companies|Institute|University|College|"
                       r"Ministry|Department|Commission|Council|Association|Federation|Chamber|Society|Board|Office|"
                       r"Bureau|Academy|Authority|Agency|Exchange|Reserve|Government|State|States|Republic|Union|"
                       r"Industrial|Commercial|Mutual|Insurance|Assurance|Life|Power|Electric|Railway|Port)\b")
_PRONOUNS = frozenset("I We You He She It They Us Me".split())
GENERIC_BASES = frozenset("central commercial investment state regional global local major big private public "
                          "foreign chinese american european national world west east north south left right river "
                          "data food blood memory piggy sand".split())  # ("the West Bank", "a food bank")
ZH_ORG = re.compile(r"(?:股份有限公司|有限责任公司|有限責任公司|有限公司|控股集团|控股集團|集团|集團|控股|公司|银行|"
                    r"銀行|证券|證券)")
# a rank, with the firm word it ranks ("第四大銀行", "最大券商"): a description before a name, not part of it
ZH_RANKED = re.compile(r"(?:第[一二两兩三四五六七八九十百\d]+|最)大(?:" + ZH_ORG.pattern + r"|券商)?")
ZH_GENERIC_END = ("合资", "合資", "子", "母", "分", "上市", "科技", "投资", "投資", "资产", "資產", "一些", "这些",
                  "這些", "那些", "多家", "两家", "兩家", "大", "小", "新", "老", "该", "該", "本", "贵", "貴", "外国",
                  "外國", "国外", "國外", "民营", "民營", "国有", "國有", "私人", "空壳", "空殼", "商业", "商業", "中央",
                  "初创", "初創", "创业", "創業", "新创", "新創")
ZH_STOP = frozenset("的在与與和及对對向将將由被从從是为為了称稱说說等于於把让讓给給又也都并並还還、些个個以可要会會这這那你我他她它们們其"
                   "该該各每很最更就才再已曾但而或若如因所做")
ZH_STOP2 = frozenset("根据 根據 据悉 據悉 表示 宣布 包括 其中 以及 通过 通過 由于 由於 对于 對於 关于 關於 来自 來自 作为 作為 "
                     "旗下 今日 昨日 近日 今天 昨天 日前 此前 目前 随后 隨後 同时 同時 报道 報道 消息 指出 认为 認為 现任 現任 "
                     "担任 擔任 成立 加入 收购 收購 迫使 致使 促使 导致 導致 使得 成为 成為 组建 組建 同志".split())
ZH_GENERIC = ("该", "該", "本", "子", "母", "分", "上市", "这家", "這家", "多家", "各", "其", "此", "某", "一家", "两家",
              "兩家", "国有", "國有", "民营", "民營", "外资", "外資", "中资", "中資", "大型", "科技", "互联网", "互聯網",
              "商业", "商業", "中央", "投资", "投資", "金融", "资产", "資產", "券商", "保险", "保險", "证券", "證券",
              "基金", "私募", "公募", "地方", "国内", "國內", "海外", "全球", "我们", "我們", "他们", "他們",
              "几", "幾", "家", "利益", "另一", "其他", "相关", "相關", "同类", "同類", "这些", "這些", "那些", "控股",
              "集团", "集團", "公司")
# a count before the suffix ("一名證券行分析員", "两家银行", "多位基金经理"): some firm, not a name
ZH_COUNTED = re.compile(r"[一二两兩三四五六七八九十百千几幾数數多某每][名位家间間个個只隻所批]")
ROLE_WORDS = (r"(?:(?:senior|chief|lead|head|deputy|vice|managing|executive|portfolio|fund|investment|equity|"
              r"market|research|global|China|Asia|an?|the)" + _S + r")*"
              r"(?:analyst|economist|strategist|chief|head|president|chairman|chairwoman|chair|director|founder|"
              r"co-founder|partner|manager|CEO|CFO|CIO|COO|CTO|professor|spokesperson|spokesman|spokeswoman|trader|"
              r"executive|officer|governor|minister|secretary|investor|researcher|fellow|adviser|advisor)")
PERSON_NAME = (r"(?P<name>[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:[ \u00a0]+[A-Z]\.)?[ \u00a0]+"
               r"[A-Z](?:[a-z]|['’][A-Z])[a-zA-Z'’]*(?:-[A-Z]?[a-z]+)?)")
PERSON_CAND = re.compile(PERSON_NAME + r"(?![\w])")  # the left boundary is checked in code (faster scan)
# Words right before a name that make it a person ("said Jane Doe", "analyst Jane Doe", "Mr. Doe").
PERSON_LEFT = frozenset("said says wrote added told Mr Mr. Ms Ms. Mrs Mrs. Dr Dr. Prof Prof. analyst economist "
                        "strategist chairman chairwoman founder co-founder CEO CFO CIO president President Chairman "
                        "Chairwoman Governor governor Minister minister Secretary secretary spokesperson spokesman "
                        "spokeswoman professor Professor manager trader investor executive".split())
PERSON_LEFT2 = frozenset({("according", "to"), ("chief", "executive"), ("executive", "officer"),
                          ("financial", "officer"), ("operating", "officer"), ("managing", "director")})
# capitalised title words before a name ("said Chief Executive Officer Maria Lopez"): never a name's first word
ROLE_TITLES = frozenset("Chief Executive Officer Financial Operating Technology Investment President Vice Chairman "
                        "Chairwoman Director Managing Senior Deputy Head Founder Governor Minister Secretary "
                        "Analyst Economist Strategist Commissioner Spokesman Spokeswoman Spokesperson".split())
PERSON_RIGHT = re.compile(r"^,[ \u00a0]+(?i:" + ROLE_WORDS + r")\b")
PERSON_STOP = frozenset("The A An In On At For But And China Hong Kong New York Wall Street United States Asia "
                        "Europe Chinese American Beijing Shanghai Shenzhen Tokyo London January February March "
                        "April May June July August September October November December Monday Tuesday Wednesday "
                        "Thursday Friday Saturday Sunday Goldman Morgan Bank Group Capital Securities".split())
CHINESE_SURNAMES = frozenset("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng "
                             "Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du "
                             "Ye Cheng Wei Su Lu Ding Ren Shen Yao Qian Fan Fang Shi Tan Jin Dai Xia Zhong Qiu Hou "
                             "Bai Lei Kong Yi Xi Lan Qin Gu Mao Hao Kang Niu".split())
ZH_TITLES = r"(?:主席|总书记|總書記|总理|總理|先生|女士|行长|行長|主任|董事长|董事長|总裁|總裁|首席执行官|首席執行官|部长|部長|副总理|副總理)"
TITLE_BEFORE = frozenset("Mr Mr. Ms Ms. Mrs Mrs. Dr Dr. President Premier Chairman Chairwoman Governor Minister "
                         "Secretary Chair Vice Prof Prof. Director Founder".split())
SENT_END = re.compile(r"[!?。！？\n]|\.(?!\d)")  # (not the point of "0.4%")
_NON_LATIN = re.compile(r"[^A-Za-z]")
_WORD_CUT = re.compile(r"\s+|(?<=\w)(?=[^\w\s])|(?<=[^\w\s])(?=\w)")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_SPACES = re.compile(r"\s+")
_LEAD_WORD = re.compile(r"([A-Z][\w'’.-]*|&|of|and|de)[ \u00a0]+")
_INITIAL = re.compile(r"[A-Z]\.?")
_NEXT_NAME = re.compile(r"\s+[A-Z][a-z]")
_POSSESSIVE_CO = re.compile(r"[’']s\s+[A-Z][a-z]+\s+(?:Inc|Corp|Co|Group)")


# ------------------------------------------------------------------------------------------- matchers
def _trie_regex(words: list[str], cjk: bool) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def esc(ch: str) -> str:
        if ch == " ":
            return r"[ \u00a0]+"
        if ch == "'":
            return "['’]"
        return re.escape(ch)

    def branch(items: list[tuple[str, dict]]) -> str:
        # sre tries the alternatives of a group one by one: with hundreds of first characters (Chinese),
        # split them into lookahead-guarded buckets so that each position costs a few charset tests
        if not cjk or len(items) <= 24:
            return "|".join(esc(ch) + emit(child) for ch, child in items)
        size = max(24, int(len(items) ** 0.5) + 1)
        parts = []
        for i in range(0, len(items), size):
            chunk = items[i:i + size]
            chars = "".join(re.escape(ch) for ch, _ in chunk)
            parts.append("(?=[" + chars + "])(?:" + branch(chunk) + ")")
        return "|".join(parts)

    def emit(node: dict) -> str:
        items = [(ch, child) for ch, child in sorted(node.items()) if ch]
        if not items:
            return ""
        body = branch(items)
        body = body if len(items) == 1 else "(?:" + body + ")"
        if "" in node:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


def _first_char_split(keys: list[str]) -> re.Pattern | None:
    """One regex over casefolded alias keys, split by the first character, which must be upper case (or a
    digit) in text: literal leads let sre skip most positions fast; the rest is case-insensitive."""
    by_first: dict[str, list[str]] = {}
    for k in keys:
        by_first.setdefault(k[0], []).append(k[1:])
    alts = []
    for first, rests in sorted(by_first.items()):
        body = _trie_regex(sorted(set(rests)), False) if any(rests) else ""
        if "" in rests and body:
            body = "(?:" + body + ")?"
        alts.append(re.escape(first.upper()) + r"(?<![\w&$]." + ")" + ("(?i:" + body + ")" if body else ""))
    return re.compile("(?:" + "|".join(alts) + r")(?![\w&])") if alts else None


def _latin_regex(keys: list[str], lower_start: list[str]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Two regexes over Latin aliases: names written with a capital or digit first (only a capital can start
    them in text), and the few aliases written lower-case ("spot gold", "eBay"), matched on lower-cased text."""
    # run on text.lower() (same length in practice; checked by the caller): case-sensitive sre is ~2x faster
    lower = re.compile(r"(?<![\w&$])(?:" + _trie_regex(sorted(set(lower_start)), False) + r")(?![\w&])") \
        if lower_start else None
    return _first_char_split(keys), lower


def _lower_scanner(lower: re.Pattern | None) -> re.Pattern | None:
    r"""The lower-case alias pattern ``(?<![\w&$])(?:TRIE)(?![\w&])`` with the character before the name
    consumed instead of looked behind at: ``[^\w&$](TRIE)(?![\w&])``. Its leading character class lets sre
    skip from one non-word character to the next (most positions are inside words) instead of starting the
    whole pattern at every position; ``_lower_matches`` turns its matches back into the original's."""
    head, tail = r"(?<![\w&$])", r"(?![\w&])"
    if lower is None or not lower.pattern.startswith(head) or not lower.pattern.endswith(tail):
        return None
    return re.compile(r"[^\w&$](" + lower.pattern[len(head):-len(tail)] + ")" + tail, lower.flags)


_STARTS_MIN_LEN = 1500  # shorter texts: the scan (numpy's fixed costs are not worth it)


class _Starts:
    r"""Where a match of the lower-case alias pattern can start: at three characters that begin one of its
    names (each name's first three characters are literal in the pattern), not right after an ASCII character
    of [\w&$] (its look-behind). Found with numpy over the whole text at once: a superset of the real starts,
    each then tried with ``match``."""

    def __init__(self, names: list[str]):
        import numpy as np

        self.np = np
        prefixes = {n[:3] for n in names}
        alphabet = sorted({c for p in prefixes for c in p})
        self.ok = bool(prefixes) and len(alphabet) < 64 and all(
            len(p) == 3 and p.isascii() and " " not in p and "'" not in p and "\0" not in p for p in prefixes)
        if not self.ok:
            return
        self.sym = np.zeros(256, dtype=np.uint32)  # byte -> 6-bit symbol (0: in no prefix)
        for i, c in enumerate(alphabet, start=1):
            self.sym[ord(c)] = i
        self.table = np.zeros(1 << 18, dtype=bool)  # three symbols -> a prefix
        for p in prefixes:
            a, b, c = (int(self.sym[ord(ch)]) for ch in p)
            self.table[(a << 12) | (b << 6) | c] = True
        # ASCII characters of [\w&$] ("?", which also stands for any other character, is not one)
        self.word = np.array([i < 128 and bool(re.match(r"[\w&$]", chr(i))) for i in range(256)])

    def starts(self, text: str) -> list[int]:
        np = self.np
        if len(text) < 3:
            return []
        b = ascii_codes(text)  # a character outside ASCII reads as "?": a superset of the starts
        c = np.take(self.sym, b)
        code = c[:-2] << 12
        code |= c[1:-1] << 6
        code |= c[2:]
        hit = np.take(self.table, code)
        hit[1:] &= ~np.take(self.word, b[:-3])
        return np.flatnonzero(hit).tolist()


def _lower_starts(names: list[str]) -> _Starts | None:
    try:
        starts = _Starts(names)
    except ImportError:  # pragma: no cover - numpy comes with the project's dependencies
        return None
    return starts if starts.ok else None


def _lower_matches(lower: re.Pattern, scan: re.Pattern | None, subject: str, starts: _Starts | None = None):
    r"""(start, end) of ``lower.finditer(subject)``, left to right.

    With ``starts``: ``lower.match`` at each possible start, left to right, skipping those inside the previous
    match (as finditer goes on from its end). Else with ``scan`` (``_lower_scanner``): a match at 0 is the
    original's (nothing to look behind at); every later one starts right after a character that is not
    [\w&$], i.e. is group 1 of a ``scan`` match found from one character before where the original search
    goes on (the end of the previous match: group 1 never starts before it)."""
    if starts is not None and len(subject) >= _STARTS_MIN_LEN:
        end = 0
        match = lower.match
        for p in starts.starts(subject):
            if p < end:
                continue
            m = match(subject, p)
            if m is not None:
                end = m.end()
                yield p, end
        return
    if scan is None:
        for m in lower.finditer(subject):
            yield m.start(), m.end()
        return
    end = 0
    m = lower.match(subject, 0)
    if m is not None and m.end() > 0:
        yield 0, m.end()
        end = m.end()
    search = scan.search
    while True:
        m = search(subject, max(0, end - 1))
        if m is None:
            return
        start, end = m.span(1)
        yield start, end


@dataclass
class _Matchers:
    latin: re.Pattern | None
    latin_lower: re.Pattern | None
    cjk: re.Pattern | None
    blockers: frozenset[str]
    surnames: dict[str, list[str]]  # surname -> person ids (KB)
    latin_lower_scan: re.Pattern | None = None  # latin_lower with a leading character class (_lower_scanner)
    latin_lower_starts: _Starts | None = None  # where a latin_lower match can start


_CACHE: dict[int, tuple[KnowledgeBase, _Matchers]] = {}


def _matchers(kb: KnowledgeBase) -> _Matchers:
    """The compiled matchers of a knowledge base (built once; a few knowledge bases are kept)."""
    cached = _CACHE.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    latin: list[str] = []
    lower: list[str] = []
    cjk: list[str] = []
    written = {key: [i.alias for i in infos] for key, infos in kb.aliases.items()}
    for b in BLOCKERS:
        written.setdefault(alias_key(b), []).append(b)
    for key, forms in written.items():
        if CJK_RE.search(key):  # matched on folded text (simplified, lower-case ASCII), no re.I
            cjk.append(key)
            continue
        if key.startswith("the "):  # "the Dow": match "Dow", then require the article before it
            key, forms = key[4:], [f[4:] for f in forms]
        if any(f[:1].islower() for f in forms) or not key[:1].isalnum():
            lower.append(key)
        if any(not f[:1].islower() for f in forms) and key[:1].isalnum():
            latin.append(key)
    latin_re, lower_re = _latin_regex(sorted(set(latin)), sorted(set(lower)))
    cjk_re = re.compile(_trie_regex(sorted(set(cjk)), True)) if cjk else None
    surnames: dict[str, list[str]] = {}
    for eid, ent in kb.entities.items():
        if ent.type == "person":
            for key in ("surname", "zh_surname"):
                if ent.meta.get(key):
                    surnames.setdefault(ent.meta[key], []).append(eid)
    m = _Matchers(latin_re, lower_re, cjk_re, frozenset(alias_key(b) for b in BLOCKERS), surnames,
                  _lower_scanner(lower_re), _lower_starts(sorted(set(lower))) if lower_re is not None else None)
    log.debug("entity matchers compiled: %d Latin, %d lower-case, %d Chinese aliases", len(latin), len(lower),
              len(cjk))
    if len(_CACHE) >= 4:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(kb)] = (kb, m)
    return m


# --------------------------------------------------------------------------------------------- linking
@dataclass
class _Hit:
    start: int
    end: int
    entity: str
    cue: int = CUE_NONE
    kind: str = "alias"  # alias | ticker | adhoc | surname


def _case_ok(surface: str, alias: str) -> bool:
    """Capitalised alias words need capitalised surface words; short all-caps acronyms need exact case."""
    letters = _NON_LATIN.sub("", alias)
    if letters and letters.isupper() and len(letters) <= 5:
        return _NON_LATIN.sub("", surface) == letters
    s_toks, a_toks = surface.split(), alias.split()
    if len(s_toks) != len(a_toks):
        return surface[:1].isupper() or not alias[:1].isupper()
    for s, a in zip(s_toks, a_toks):
        if a[:1].isupper() and not s[:1].isupper():
            return False
    return True


def _fallback(kb: KnowledgeBase, text: str, start: int, end: int) -> tuple[int, list]:
    """The longest alias matched but failed the case check ("ChiNext index"): try shorter aliases that end
    at a word boundary inside the match."""
    cut = end
    while True:
        cut = max((m.start() for m in _WORD_CUT.finditer(text[start:cut])), default=0) + start
        if cut <= start:
            return end, []
        surface = text[start:cut].rstrip()
        infos = [i for i in kb.aliases.get(alias_key(surface), []) if _case_ok(surface, i.alias)]
        if infos:
            return start + len(surface), infos


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in SENT_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    m = SENT_END.search(text, end, end + 400)
    return text[left:m.start() if m else min(len(text), end + 400)]


_OF_NAME_RIGHT = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?[A-Z]")
_WORD_BEFORE = re.compile(r"(?<![\w.'’&-])([A-Z][a-z]+)[ \u00a0]+$")
# capitalised words that may stand right before a company's short name without being part of a longer name
NATIONALITIES = frozenset("American Chinese Japanese Korean German French British Swiss Dutch Indian Canadian "
                          "Australian Brazilian Mexican Italian Spanish Israeli Taiwanese Swedish Danish Norwegian "
                          "Finnish Irish Saudi European Asian Belgian Austrian Singaporean Indonesian Thai "
                          "Vietnamese Russian Turkish Argentine Chilean Peruvian Colombian African".split())


def _after_given_name(text: str, start: int, end: int) -> bool:
    """Whether a one-word name follows another capitalised word that makes them one name ("Carl Icahn":
    not Icahn Enterprises), rather than a sentence's opening word ("Meanwhile Arista …"), a weekday or a
    nationality ("Canadian Suncor")."""
    if " " in text[start:end] or not text[start:start + 1].isupper():
        return False
    m = _WORD_BEFORE.search(text, max(0, start - 24), start)
    if m is None:
        return False
    w = m.group(1)
    return w not in ORG_STOP_START and w not in NATIONALITIES and w not in CALENDAR_WORDS


def _adjacent_cue(text: str, start: int, end: int, cjk: bool) -> bool:
    right, left = text[end:end + 24], text[max(0, start - 24):start]
    if cjk:
        return bool(ZH_ADJ_RIGHT.match(right) or ZH_ADJ_LEFT.search(left))
    return bool(ADJ_RIGHT.match(right) or ADJ_LEFT.search(left))


def _major(ent: Entity, max_rank: int) -> bool:
    """Hand-curated entities and the largest generated ones: safe to link from a bare "(TICKER)"."""
    rank = ent.meta.get("rank")
    return rank is None or rank <= max_rank


def _spells(left: str, code: str) -> bool:
    """True when the words before "(CODE)" spell it, i.e. the parenthesis defines an acronym."""
    words = _ALNUM_RUN.findall(left)
    initials = "".join(w[0] for w in words[-len(code) - 2:]).upper()
    return code.upper() in initials or (len(words) > 0 and code.upper() in "".join(w[0] for w in words[-8:]).upper())


def _resolve_ticker(kb: KnowledgeBase, ex: str, code: str) -> Entity | None:
    ex_u = _SPACES.sub("", ex.upper())
    if ex_u in _EXCH_SUFFIX:
        return kb.by_ticker(f"{code}.{_EXCH_SUFFIX[ex_u]}")
    return kb.by_ticker(f"{ex_u}:{code}")


def _char_positions(text: str, chars: str) -> list[int]:
    """The positions of the characters ``chars`` in ``text``, in order (what a finditer of the class ``[chars]``
    finds, with a find loop per character instead of sre testing every position)."""
    out: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    if len(chars) > 1:
        out.sort()
    return out


def _finditer_at(pattern: re.Pattern, text: str, starts: list[int]):
    """``pattern.finditer(text)`` for a pattern whose matches can start only at ``starts`` (in order): a match
    tried at each, skipping those inside the previous match (finditer goes on from its end)."""
    end = 0
    match = pattern.match
    for p in starts:
        if p < end:
            continue
        m = match(text, p)
        if m is not None:
            end = m.end() if m.end() > p else p + 1
            yield m


def _ticker_hits(text: str, kb: KnowledgeBase) -> tuple[list[_Hit], list[tuple[int, int]]]:
    """Ticker mentions, and the spans of exchange prefixes ("NYSE: ") that no alias may take."""
    hits: list[_Hit] = []
    blocked: list[tuple[int, int]] = []
    for c in _char_positions(text, COLONS):  # (COLON.finditer)
        ex = EXCH_BEFORE.search(text, max(0, c - 14), c)
        code_m = CODE_AFTER.match(text, c + 1) if ex else None
        if not code_m:
            continue
        code = code_m.group("code")
        ent = _resolve_ticker(kb, ex.group("ex"), code)
        if ent:
            hits.append(_Hit(code_m.start("code"), code_m.end("code"), ent.id, kind="ticker"))
            blocked.append((ex.start(), code_m.start("code")))
    for d in SUFFIX_DOT.finditer(text):
        b = CODE_BEFORE.search(text, max(0, d.start() - 6), d.start())
        if not b:
            continue
        code = text[b.start():d.end()]
        if d.group()[1:].upper() in {"N", "O", "OQ", "L", "PA", "SW", "TO", "AS", "DE"} and (
                b.group().isdigit() or len(b.group()) < 2 or text[d.end():d.end() + 1] == "."):
            continue
        if not b.group().isdigit() and d.group()[1:].upper() in {"HK", "SS", "SH", "SZ", "T", "KS", "TW", "SI", "AX"}:
            continue
        ent = kb.by_ticker(code)
        if ent:
            hits.append(_Hit(b.start(), d.end(), ent.id, kind="ticker"))
    for m in (CASHTAG.finditer(text) if "$" in text else ()):
        ent = kb.by_ticker(m.group("code"))
        if ent and m.group("code") not in TICKER_STOP:
            hits.append(_Hit(m.start("code"), m.end("code"), ent.id, kind="ticker"))
    return hits, blocked


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (start, start))
    for j in (i - 1, i):
        if 0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1]:
            return True
    return False


def link_entities(text: str, lang: str | None = None, kb: KnowledgeBase | None = None,
                  adhoc: bool = True, surnames: bool = True,
                  bare_ticker_rank: int = 1000) -> tuple[list[Mention], list[Entity]]:
    """All entity mentions in ``text`` (model.Mention with entity id, start, end, surface) and the entities
    they point to: knowledge-base entities (shared objects: do not mutate) and new ad-hoc entities for
    organisations and people that are not in the base (id from a content hash of the normalised name, type
    org/person/company, no tickers). ``lang`` is a hint only; both scripts are always scanned.

    ``adhoc`` and ``surnames`` switch those passes off; a bare "(TICKER)" with no name right before it links
    only to hand-curated entities and generated ones ranked (SEC order) at or above ``bare_ticker_rank``."""
    if not text:
        return [], []
    kb = kb or KnowledgeBase.load()
    mx = _matchers(kb)
    has_cjk = not cjk_free(text)
    hits, blocked = _ticker_hits(text, kb)
    taken = sorted([(h.start, h.end) for h in hits] + blocked)
    pending: list[_Hit] = []
    folded = text.translate(fold_table()) if has_cjk else ""
    cands: list[tuple[int, int, bool, re.Match]] = []
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters ("İ") lower-case to two: keep offsets, fold per character
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if mx.latin is not None:
        cands.extend((m.start(), -m.end(), False, m) for m in mx.latin.finditer(text))
    if mx.latin_lower is not None:  # (the match object of a Latin candidate is not used)
        found = _lower_matches(mx.latin_lower, mx.latin_lower_scan, lowered, mx.latin_lower_starts)
        cands.extend((a, -b, False, None) for a, b in found)
    if has_cjk and mx.cjk is not None:
        cands.extend((m.start(), -m.end(), True, m) for m in mx.cjk.finditer(folded))
    cands.sort(key=lambda c: (c[0], c[1]))
    for start, neg_end, is_cjk, m in cands:
        end = -neg_end
        if _overlaps(taken, start, end):
            continue
        surface = text[start:end]
        if is_cjk:
            key = m.group()
        elif surface.isascii() and "  " not in surface and "\n" not in surface:
            key = surface.casefold()
        else:
            key = alias_key(surface)
        if key in mx.blockers:
            continue
        infos = [i for i in kb.aliases.get(key, []) if is_cjk or _case_ok(surface, i.alias)]
        if not is_cjk and "the " + key in kb.aliases and THE_LEFT.search(text, max(0, start - 8), start):
            infos = [i for i in kb.aliases["the " + key] if _case_ok(surface, i.alias[4:])] + infos
        if not infos and not is_cjk:
            end, infos = _fallback(kb, text, start, end)
            if infos and (end < len(text) and (text[end].isalnum() or text[end] == "&")):
                infos = []
            surface = text[start:end]
        if not infos:
            continue
        if is_cjk and (surface[:1].isascii() and start and text[start - 1].isalnum() and text[start - 1].isascii()
                       or surface[-1:].isascii() and end < len(text) and text[end].isascii()
                       and text[end].isalnum()):
            continue
        best = min(infos, key=lambda i: i.cue)
        ent = kb.entities[best.entity]
        if ent.type == "index" and (LISTED_RIGHT.match(text[end:end + 12])
                                    or (ZH_SUBINDEX_RIGHT if is_cjk else SUBINDEX_RIGHT).match(text[end:end + 40])):
            continue  # "Nasdaq-listed", "the Hang Seng Properties index"
        if ent.type == "instrument" and (ent.meta or {}).get("kind") == "currency" \
                and AMOUNT_LEFT.search(text, max(0, start - 12), start):
            bisect.insort(taken, (start, end))  # (a unit: no word inside it is a mention, "5 billion Japanese yen")
            continue
        if not is_cjk and OTHER_NAME_RIGHT.match(text, end):  # "Citadel Credit Union", "Tesla Foundation"
            continue
        if not is_cjk and text[end:end + 1] == "." and ABBREV_END.search(surface):
            end += 1  # "Li Ning Co." keeps its abbreviation dot
        pending.append(_Hit(start, end, best.entity, best.cue))
        bisect.insort(taken, (start, end))
    strong = {h.entity for h in hits} | {h.entity for h in pending if h.cue == CUE_NONE}
    for h in pending:
        if h.cue != CUE_NONE and (_after_given_name(text, h.start, h.end) or _OF_NAME_RIGHT.match(text, h.end)):
            continue  # "Carl Icahn", "Lloyds of London": part of another name, not the company's short name
        if h.cue != CUE_NONE and h.entity not in strong:
            cjk = bool(CJK_RE.search(text[h.start:h.end]))
            if not _adjacent_cue(text, h.start, h.end, cjk):
                if h.cue == CUE_ADJACENT:
                    continue
                sent = _sentence(text, h.start, h.end)
                unit = (kb.entities[h.entity].meta or {}).get("unit")
                # a commodity named by its ordinary word ("gold") is the market's with its price unit only
                # ("Gold fell 0.4% to $2,310 an ounce"; not "struck gold", "a gold medal")
                cue_re = UNIT_CUE[unit] if unit in UNIT_CUE else ZH_FINANCE_CUE if cjk else EN_FINANCE_CUE
                if not cue_re.search(sent.replace(text[h.start:h.end], " ")):
                    continue
        hits.append(h)
    # bare "(BABA)" / "(00700)" right after a name, or a known ticker that is not a common acronym
    for m in _finditer_at(BARE_PAREN, text, _char_positions(text, PAREN_OPEN)):
        code = m.group("code")
        prev = [h for h in hits if 0 <= m.start() - h.end <= 2]
        ent = kb.by_ticker(code) if not code.isdigit() else (
            kb.by_ticker(code + ".HK") if len(code) <= 5 else kb.by_ticker(code))
        if ent is None or any(h.start < m.end() and m.start() < h.end for h in hits):
            continue
        if not any(p.entity == ent.id for p in prev):
            if code.isdigit() or code in TICKER_STOP or len(code) <= 2 or not _major(ent, bare_ticker_rank):
                continue
            if _spells(text[max(0, m.start() - 80):m.start()], code):  # "pay-per-click (PPC)"
                continue
        hits.append(_Hit(m.start("code"), m.end("code"), ent.id, kind="ticker"))
    hits.sort(key=lambda h: (h.start, -h.end))
    entities: dict[str, Entity] = {}
    if adhoc:
        hits = _adhoc(text, kb, hits, entities, has_cjk)
    if surnames:
        hits = _surnames(text, kb, mx, hits, entities)
    mentions = [Mention(entity=h.entity, start=h.start, end=h.end, surface=text[h.start:h.end]) for h in hits]
    for h in hits:
        if h.entity not in entities:
            entities[h.entity] = kb.entities[h.entity]
    return mentions, list(entities.values())


# ------------------------------------------------------------------------------------------- ad hoc
def _adhoc_entity(name: str, etype: str) -> Entity:
    norm = _SPACES.sub(" ", name).strip().casefold()
    return Entity(id=content_id("ent:", etype, norm), name=_SPACES.sub(" ", name).strip(), type=etype,
                  meta={"adhoc": True})


def _trim_start(text: str, start: int, end: int) -> int:
    """Drop leading function words ("The", "Shares of") from an org/person candidate."""
    while True:
        m = _LEAD_WORD.match(text[start:end])
        if not m or (m.group(1) not in ORG_STOP_START and m.group(1) not in {"&", "of", "and", "de"}
                     and not (m.group(1) in COUNT_OF and text.startswith("of", start + m.end()))):
            return start
        start += m.end()


def _is_word_char(ch: str) -> bool:
    """Regex \\w for one character (str patterns): alphanumeric or "_"."""
    return ch.isalnum() or ch == "_"


def _whole_word_occurrences(text: str, name: str) -> list[int]:
    """Starts of the non-overlapping occurrences of ``name`` with no word character right before or after,
    left to right: what a finditer with \\w lookarounds finds, without compiling a pattern per name."""
    out: list[int] = []
    n = len(name)
    if not n:
        return out
    i = text.find(name)
    while i >= 0:
        if (i and _is_word_char(text[i - 1])) or (i + n < len(text) and _is_word_char(text[i + n])):
            i = text.find(name, i + 1)
            continue
        out.append(i)
        i = text.find(name, i + n)
    return out


_INST_NEEDLES = Needles(INST_WORDS)  # every INST_KW match starts with one of INST_WORDS


def _inst_matches(text: str):
    """``INST_KW.finditer(text)``, INST_KW tried only where one of INST_WORDS starts."""
    return _finditer_at(INST_KW, text, [p for p, _ in _INST_NEEDLES.occurrences(text)])


_NEXT_CAPITAL = re.compile(r"[ \u00a0]+[A-Z]|[-&]")
_SHARES_OF = re.compile(r"\b[Ss]hares[ \u00a0]+(?:of|in)[ \u00a0]+(?P<name>(?:[A-Z][\w'’.-]*[ \u00a0]+){0,3}[A-Z][\w'’-]*)"
                        r"(?![\w'’-]|[ \u00a0]+[A-Z])")


def _shares_of(text: str):
    """The _SHARES_OF matches of ``text``, tried only where "hares of " / "hares in " stands (a scan of the
    whole text for the pattern's first letter costs a long page a third of its linking time)."""
    for needle in ("hares of ", "hares in "):
        i = text.find(needle, 1)
        while i >= 1:
            m = _SHARES_OF.match(text, i - 1)
            if m:
                yield m
            i = text.find(needle, i + 9)


# a class of companies after a capitalised word ("shares of Asian banks", "shares of Big Tech companies")
_CLASS_NOUN = re.compile(r"[ \u00a0]+(?:companies|firms|stocks|banks|lenders|insurers|miners|makers|developers|"
                         r"names|groups|peers|rivals|carmakers|automakers|chipmakers|retailers|funds|ETFs|shares)\b")


def _short_name_ok(base: str) -> bool:
    """Whether a company's name without its legal suffix names it alone in the article that names it with the
    suffix: Latin, capitalised, and not one common word ("Hess" of "Hess Corp", "Lantern Bank" of "Lantern Bank
    Holdings"; not "General" of "General Corp", "Pacific" of "Pacific Ltd")."""
    words = base.split()
    if not words or CJK_RE.search(base) or not all(w[:1].isupper() or w in ("of", "and", "&") for w in words):
        return False
    return len(words) > 1 or (len(base) >= 3 and not is_common_word(base))


def _adhoc(text: str, kb: KnowledgeBase, hits: list[_Hit], entities: dict[str, Entity], has_cjk: bool) -> list[_Hit]:
    spans = sorted((h.start, h.end) for h in hits)
    new: list[_Hit] = []
    bases: list[tuple[str, str]] = []  # (name without its suffix, entity) of the companies found by a suffix

    def add(start: int, end: int, name: str, etype: str) -> None:
        if end - start < 3 or _overlaps(spans, start, end):
            return
        ent = _adhoc_entity(name, etype)
        entities.setdefault(ent.id, ent)
        new.append(_Hit(start, end, ent.id, kind="adhoc"))
        bisect.insort(spans, (start, end))

    for m in SUFFIX_RE.finditer(text):
        if not m.start() or text[m.start() - 1] not in " \u00a0":
            continue
        b = BASE_BEFORE.search(text, max(0, m.start() - 90), m.start())
        if not b:
            continue
        start = _trim_start(text, b.start(), m.start())
        of = text.rfind(" of ", start, m.start())
        if of >= 0 and not _ORG_HEAD.search(text, start, of):
            start = of + 4  # "Tom Lee of Kestrel Capital": a person of the firm (not "Bank of America")
        if start >= m.start():
            continue
        base = text[start:m.start()].rstrip()
        if base.casefold() in GENERIC_BASES or len(base) < 2 or _INITIAL.fullmatch(base.split()[0]) and \
                len(base.split()) == 1 or not _PRONOUNS.isdisjoint(base.split()):
            continue  # (a pronoun is no part of a name: "In God We Trust")
        end = m.end()
        # "Alibaba Group" where "Alibaba" is known: the known entity, with the longer span
        known = [i for i in kb.aliases.get(alias_key(base), []) if i.cue == CUE_NONE and _case_ok(base, i.alias)]
        inside = [h for h in hits if h.start >= start and h.end <= end]
        if known and kb.entities[known[0].entity].type == "company":
            if any(h.entity != known[0].entity for h in inside):
                continue
            drop = {id(h) for h in inside}
            hits = [h for h in hits if id(h) not in drop]
            spans = sorted([(h.start, h.end) for h in hits] + [(h.start, h.end) for h in new])
            if not _overlaps(spans, start, end):
                new.append(_Hit(start, end, known[0].entity))
                bisect.insort(spans, (start, end))
            continue
        if inside:
            continue
        add(start, end, text[start:end], "company")
        if new and new[-1].start == start:
            bases.append((base, new[-1].entity))
    for m in _shares_of(text):  # "Shares of Nimbus Silicon opened at $25": a company, suffix or not
        name = m.group("name")
        first = name.split()[0]
        if first in ORG_STOP_START or first in NATIONALITIES or first in CALENDAR_WORDS \
                or _CLASS_NOUN.match(text, m.end()):
            continue  # ("Shares of Asian banks", "shares in Tuesday's session")
        if kb.aliases.get(alias_key(name)) or _overlaps(spans, m.start("name"), m.end("name")):
            continue
        add(m.start("name"), m.end("name"), name, "company")
        if new and new[-1].start == m.start("name"):
            bases.append((name, new[-1].entity))
    for base, eid in bases:  # "Hess Corp agreed …; Hess shares rose 1.2%": the name without its suffix
        if not _short_name_ok(base):
            continue
        for a in _whole_word_occurrences(text, base):
            b = a + len(base)
            if _overlaps(spans, a, b) or _NEXT_CAPITAL.match(text, b) or _after_given_name(text, a, b):
                continue  # ("Hess Midstream", "John Hess": another name)
            new.append(_Hit(a, b, eid, kind="adhoc"))
            bisect.insort(spans, (a, b))
    for kw in _inst_matches(text):
        if kw.start() and (text[kw.start() - 1].isalnum() or text[kw.start() - 1] == "&"):
            continue
        of = INST_OF.match(text, kw.end())
        b = INST_BEFORE.search(text, max(0, kw.start() - 80), kw.start())
        if not of and not (b and kw.group().startswith(INST_TAIL)):
            continue
        start = _trim_start(text, b.start(), kw.end()) if b else kw.start()
        end = of.end() if of else kw.end()
        add(start, end, text[start:end], "org")
    if has_cjk:
        for m in ZH_ORG.finditer(text):
            s = m.start()
            while (s > 0 and m.start() - s < 12 and CJK_RE.match(text[s - 1]) and text[s - 1] not in ZH_STOP
                   and text[s - 2:s] not in ZH_STOP2):
                s -= 1
            base = text[s:m.start()]
            for rk in ZH_RANKED.finditer(base):  # "本港第四大銀行港灣銀行": the name starts after the rank
                s = m.start() - len(base) + rk.end()
            base = text[s:m.start()]
            if (len(base) < (2 if m.group() != "公司" else 3) or base.startswith(ZH_GENERIC) or COUNTED.match(base)
                    or any(base.endswith(g) and len(base) - len(g) <= 2 for g in ZH_GENERIC_END)
                    or _overlaps(spans, s, m.end())):
                continue
            add(s, m.end(), text[s:m.end()], "company")
    seen_people: set[str] = set()
    pos = 0
    while True:
        m = PERSON_CAND.search(text, pos)
        if m is None:
            break
        name = m.group("name")
        toks = name.split()
        if toks[0] in ROLE_TITLES:  # "Chief Executive", "Officer Maria": a title, not a name; on from its next word
            pos = m.start() + len(toks[0])
            continue
        pos = m.end()
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._"):
            continue
        if toks[0] in PERSON_STOP or toks[-1] in PERSON_STOP or name in seen_people or name.endswith(("'s", "’s")):
            continue
        left = text[max(0, m.start() - 40):m.start()]
        words = left.split()[-2:] if left[-1:] in (" ", "\u00a0") else []
        if not (words and (words[-1] in PERSON_LEFT or tuple(w.lower() for w in words) in PERSON_LEFT2)
                or text[m.end():m.end() + 1] == "," and PERSON_RIGHT.match(text[m.end():m.end() + 40])):
            continue
        if kb.aliases.get(alias_key(name)) or SUFFIX_RE.search(name):
            continue
        seen_people.add(name)
        for a in _whole_word_occurrences(text, name):
            add(a, a + len(name), name, "person")
    for h in new:
        ent = entities.get(h.entity)
        if ent and ent.type == "person":
            toks = ent.name.split()
            ent.meta["surname"] = toks[0] if toks[0] in CHINESE_SURNAMES and len(toks) == 2 else toks[-1]
    return sorted(hits + new, key=lambda h: (h.start, -h.end))


_ZH_TITLE_AT = re.compile(ZH_TITLES)


def _surname_matches(text: str, latin: list[str], zh: list[str]) -> list[tuple[int, int, bool]]:
    """(start, end, is_latin) of what ``re.finditer`` of the alternation
    ``(?<![\\w])(?P<en>LATIN…)(?![\\w-])|(?P<zh>ZH…)(?=ZH_TITLES)`` finds, left to right and without overlaps,
    without compiling a pattern for each article's names: at each position the first alternative that
    matches there wins."""
    alts = [(n, True) for n in latin] + [(n, False) for n in zh]
    at: dict[int, list[int]] = {}  # position -> alternatives (by order) whose text starts there
    for k, (name, _) in enumerate(alts):
        if not name:
            continue
        i = text.find(name)
        while i >= 0:
            at.setdefault(i, []).append(k)
            i = text.find(name, i + 1)
    out: list[tuple[int, int, bool]] = []
    last = 0
    n_text = len(text)
    for pos in sorted(at):
        if pos < last:
            continue
        for k in sorted(at[pos]):
            name, is_en = alts[k]
            end = pos + len(name)
            if is_en:
                if pos and _is_word_char(text[pos - 1]):
                    continue
                if end < n_text and (_is_word_char(text[end]) or text[end] == "-"):
                    continue
            elif not _ZH_TITLE_AT.match(text, end):
                continue
            out.append((pos, end, is_en))
            last = end
            break
    return out


def _surnames(text: str, kb: KnowledgeBase, mx: _Matchers, hits: list[_Hit], entities: dict[str, Entity]) -> list[_Hit]:
    people: list[tuple[int, str, str]] = []  # (end of a full mention, surname, entity id)
    for h in hits:
        ent = entities.get(h.entity) or kb.entities.get(h.entity)
        if ent is None or ent.type != "person":
            continue
        for key in ("surname", "zh_surname"):
            if ent.meta.get(key):
                people.append((h.end, ent.meta[key], h.entity))
    if not people:
        return hits
    spans = sorted((h.start, h.end) for h in hits)
    names = sorted({p[1] for p in people}, key=len, reverse=True)
    latin = [n for n in names if not CJK_RE.search(n)]
    zh = [n for n in names if CJK_RE.search(n)]
    new: list[_Hit] = []
    for start, end, is_en in _surname_matches(text, latin, zh):
        if _overlaps(spans, start, end):
            continue
        sur = text[start:end]
        if is_en:
            after = text[end:end + 30]
            before = text[max(0, start - 30):start].split()
            if _NEXT_NAME.match(after) or _POSSESSIVE_CO.match(after):
                continue
            if before and before[-1][:1].isupper() and before[-1] not in TITLE_BEFORE and not before[-1].endswith(
                    (".", ",", ":", ";")):
                continue
        cands = [p for p in people if p[1] == sur and p[0] <= start]
        if not cands:
            continue
        eid = max(cands)[2]
        new.append(_Hit(start, end, eid, kind="surname"))
    return sorted(hits + new, key=lambda h: (h.start, -h.end))
