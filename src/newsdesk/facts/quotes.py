"""Quotes: direct speech in quote marks and reported speech, with speaker, role and organisation.

Direct quotes are spans in “…”, "…", ‘…’, '…', 「…」 or 『…』 long enough to be speech (three words,
six Chinese characters); a quote is attributed by a speech verb in its sentence ("said X, an analyst
at Y", "X, chief economist at Y, said", "according to X", "X表示：“…”"), by a pronoun ("he added" →
the last speaker), or by continuation (a quote-only sentence or paragraph after an attributed quote).
Reported speech ("X said that …", "X cautioned that …", "X表示，…", "据X称，…") gives direct=False.
Names come from person mentions when there are any, else from capitalised-name patterns.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from ..clean.zhscript import COUNTED, to_simplified, zh_compile
from ..model import Article, Entity, Mention, Quote
from .kb import KnowledgeBase, Needles
from .market import Sentence, get_doc, split_sentences_masked

log = logging.getLogger(__name__)

__all__ = ["extract_quotes"]

# The opening mark comes first in each pattern (sre then jumps from one mark to the next); what may stand
# before it (the start, white space, an opening bracket, a colon or a dash) is looked behind at after it.
_QUOTE_RES = [
    zh_compile(r"“([^“”]+)(”|$)"),
    zh_compile(r"\"(?:(?<=^\")|(?<=[\s(\[:—–-]\"))([^\"]+)(\"|$)"),
    zh_compile(r"‘(?:(?<=^‘)|(?<=[\s(\[:—–-]‘))((?:[^‘’]|(?<=\w)’(?=\w))+)(’)(?!\w)"),
    zh_compile(r"'(?:(?<=^')|(?<=[\s(\[:—–-]'))((?:[^']|(?<=\w)'(?=\w))+)(')(?=[\s,.;:!?)]|$)"),
    zh_compile(r"「([^「」]+)(」|$)"),
    zh_compile(r"『([^『』]+)(』|$)"),
]
_QUOTE_OPENERS = ("“", '"', "‘", "'", "「", "『")
_VERB_EN = (r"said|says|say|added|adds|noted|notes|wrote|writes|told|tells|explained|warned|warns|cautioned|cautions|"
            r"argued|argues|stressed|insisted|predicted|commented|observed|remarked|according to|believes|asked")
_VERB_EN_RE = re.compile(rf"\b(?:{_VERB_EN})\b", re.I)
_VERB_ZH_RE = zh_compile(r"表示|说|說|指出|称(?!为)|稱(?!為)|认为|認為|写道|寫道|透露|强调|強調|坦言|告诉|告訴")
_ROLE_HEAD = (r"analysts?|economists?|strategists?|officer|executive|CEO|CFO|CIO|COO|CTO|chairman|chairwoman|chair|"
              r"president|governor|director|partner|manager|spokesperson|spokesman|spokeswoman|traders?|"
              r"researcher|specialist|adviser|advisor|founder|head|minister|secretary|professor|fellow|"
              r"strategist|investor|broker|dealer|owner|banker|official")
_ROLE_HEAD_RE = re.compile(rf"\b(?:{_ROLE_HEAD})\b", re.I)
_ROLE_WORDS = {"chief", "executive", "officer", "senior", "junior", "managing", "deputy", "vice", "global", "head",
               "lead", "principal", "associate", "assistant", "governor", "president", "chairman", "chair",
               "director", "ceo", "cfo", "cio", "coo", "cto", "founder", "co-founder", "partner", "minister",
               "secretary", "general", "investment", "portfolio", "fund", "manager", "analyst", "economist",
               "strategist", "spokesperson", "spokesman", "spokeswoman", "market", "equity", "research",
               "financial", "operating", "technology", "commissioner"}
_NAME_TOK = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.|Mc[A-Z][a-z]+|(?:de|van|von|da|bin|al)(?=\s+[A-Z]))"
_NAME_RE = re.compile(rf"\b{_NAME_TOK}(?:[ \t]+{_NAME_TOK}){{0,7}}")
_ORGISH = re.compile(r"\b(Securities|Capital|Group|Bank|Partners|Management|Investments?|Asset|Holdings|Inc|Ltd|"
                     r"Co|Corp|Corporation|Intelligence|Research|Fund|Trust|Macroeconomics|Academy|Sciences|"
                     r"University|Institute|Ministry|Commission|Reserve|Board|Council|Exchange|Association|Agency|"
                     r"Advisors|Advisers|Markets|Financial|International|Global|Economics|Insights|Analytics|LLC|LLP|"
                     r"AG|SA|NV|PLC|Bureau|Office|Department|Administration|Federal|National|Street|Times|News|"
                     r"Press|Reuters|Bloomberg|Journal|Post|Index|Indexes|Stanley|Sachs|Chase|College|School|Society|"
                     r"Foundation|Center|Centre|Hospital|Clinic|Committee|Organization|Organisation|Federation|"
                     r"Union|Party|Court|Police|Magazine|Review|Report|Survey|Nations|Laws?|Rule|Act|Company|"
                     r"Services|Systems|Technologies|Technology|Labs?|Media|Network|Ventures|Consulting|Solutions|"
                     r"Shares|ETFs?|Funds|Portfolio|Equities)\b")
_NOT_NAME = {"The", "A", "An", "He", "She", "They", "It", "We", "I", "In", "On", "At", "But", "And", "This", "That",
             "According", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Your",
             "Our", "My", "His", "Her", "Their", "Its", "As", "Because", "While", "If", "When", "Since", "After",
             "Before", "Although", "Though", "So", "Then", "Also", "Other", "Some", "Many", "Most", "All", "Every",
             "Each", "Both", "Note", "Editor", "Meanwhile", "However", "Still", "Yet", "Even", "Here", "There",
             "These", "Those", "What", "Why", "How", "Where", "Who", "For", "From", "With", "By", "To", "Of",
             "January", "February", "March", "April", "June", "July", "August", "September", "October",
             "November", "December", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Professor", "Prof"}
_PRONOUN_EN = re.compile(r"^(?:he|she|they)$", re.I)
_GENERIC_SPEAKER = re.compile(r"^(?:the|a|an)\s+(?:company|firm|ministry|central bank|regulator|government|"
                              r"commission|exchange|agency|bank|group|statement|spokesperson|spokesman|spokeswoman|"
                              r"(?:company|firm|ministry|bank|government)\s+spokes(?:person|man|woman))$", re.I)
_ADVERBIAL_EN = re.compile(r"\s+(?:on|in|at|by|during|to|via|earlier|late|last|this|over)\b.*$", re.I)

_ROLE_ZH = zh_compile(r"首席[\u4e00-\u9fff]{0,4}?(?:经济学家|經濟學家|执行官|執行官|投资官|投資官|策略师|策略師|分析师|"
                      r"分析師|财务官|財務官|运营官|運營官|技术官|技術官)|经济学家|經濟學家|分析师|分析師|策略师|策略師|"
                      r"研究主管|主管|行政总裁|行政總裁|副?总裁|副?總裁|董事长|董事長|执行官|執行官|发言人|發言人|基金经理|"
                      r"基金經理|投资官|投資官|合伙人|合夥人|专家|專家|副?主席|副?行长|副?行長|部长|部長|研究员|研究員|"
                      r"董事总经理|董事總經理|副?总经理|副?總經理|创始人|創始人|总监|總監|副?秘书长|副?秘書長|副?会长|"
                      r"副?會長|理事长|理事長|院长|院長|所长|所長")
_ZH_ORG_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}")  # the name of a fund house before its fund manager
_ORG_SUFFIX_ZH = zh_compile(r"^(.+?(?:银行|銀行|证券|證券|资本|資本|集团|集團|投资|投資|资管|资产管理|資產管理|财富管理|"
                            r"財富管理|基金|公司|控股|"
                            r"研究院|研究所|顾问|顧問|交易所|"
                            r"大学|大學|学院|學院|湾|灣|委员会|委員會|协会|協會|联合会|聯合會|联会|聯會|商会|商會|局|部))")
# common surnames (simplified and traditional): a bare two-to-four character subject is taken as a person's
# name only when it starts with one ("交易员表示" is not a person)
_SURNAMES_ZH = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
                   "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
                   "孔向汤洪張劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭蔣葉蘇呂盧鍾譚陸賈韋鄒閆龍賀顧龔萬錢嚴湯欧歐司上诸諸")
_GENERIC_ZH = {"公司", "该公司", "該公司", "本公司", "集团", "集團"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NON_WORD = re.compile(r"\W")
_PARA_SEP = re.compile(r"\n\s*\n")
# inline patterns, compiled once
_PLURAL_ROLE = re.compile(r"\b(analyst|economist|strategist|trader)s\b")
_LEAD_THE = re.compile(r"^the\s+")
_LEAD_ARTICLE = re.compile(r"^(?:a|an|the)\s+")
_ORG_END = re.compile(r"\s+(?:who|which|that|where|said|says)\b|\s*[(（]")
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w .]*$")
_POSSESSIVE_END = re.compile(r"(?:'s|’s)$")
_NON_SPACE_RUN = re.compile(r"\S+")
_PREP_BEFORE = re.compile(r"\b(?:of|for|at|the)\s+$")
_LEAD_THE_I = re.compile(r"^the\s+", re.I)
_GROUP_OF = re.compile(r"^(?:analysts|strategists|economists) (?:at|from|with) (.+)$", re.I)
_OF_ORG = re.compile(r"^\s+of\s+(?:the\s+)?[A-Z]")
_OF_LEAD = re.compile(r"^\s+of\s+(?:the\s+)?")
# "Morgan Stanley analysts led by X", "analysts at Morgan Stanley led by X"
_GROUP_LED = re.compile(r"^(?P<org>.*?)\s*\b(?P<role>analysts|strategists|economists)(?:\s+(?:at|from|with)\s+(?P<org2>.+?))?"
                        r",?\s+(?:led by|including)$", re.I)  # (", led by X,": the comma of an aside)
_ZH_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_SENTENCE_DOT = re.compile(r"(?<=[a-z)])\.(?:\s|$)")
_SPACE_WORD = re.compile(r"^\s+\w")
_NOT_SPEECH = re.compile(r"^\s+(?:on|in|at|by|during|late|earlier|last|this|over|to)\b")
# "<the company / a spokesman> said it expects ...": a company's statement; a named person's "said the company
# would ..." is speech
_ITS_OWN = re.compile(r"^\s+(?:it|its|the company)\b")
_LEAD_ARTICLE_CAP = re.compile(r"^(?:The|A|An)\s+")
_LED_ONLY = re.compile(r"(?i)led by|including|such as")
_GROUP_INCLUDING = re.compile(r"\b(?:strategists|analysts|economists),?\s+(?:including|such as|led by)\s+$", re.I)


@dataclass
class _Speaker:
    name: str | None
    role: str | None = None
    org: str | None = None


class _Ctx:
    def __init__(self, article: Article, mentions: list[Mention], entities: dict[str, Entity]):
        self.text = article.text or ""
        self.zh = (article.language or "en").startswith("zh")
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.entities = entities
        self.last: _Speaker | None = None

    def mentions_in(self, a: int, b: int, types: tuple[str, ...]) -> list[tuple[Mention, Entity]]:
        out = []
        lo = bisect.bisect_left(self.starts, a)
        for m in self.mentions[lo:]:
            if m.start >= b:
                break
            e = self.entities.get(m.entity)
            if e is not None and m.start >= a and m.end <= b and e.type in types:
                out.append((m, e))
        return out


def _find_quotes(para: str) -> list[tuple[int, int, bool]]:
    """Quote content spans (start, end, closed) in a paragraph, non-overlapping."""
    spans: list[tuple[int, int, bool]] = []
    for opener, pat in zip(_QUOTE_OPENERS, _QUOTE_RES):
        if opener not in para:
            continue
        for m in pat.finditer(para):
            a, b = m.start(1), m.end(1)
            if any(a < y and x < b for x, y, _ in spans):
                continue
            spans.append((a, b, bool(m.group(2))))
    return sorted(spans)


def _long_enough(content: str, min_words: int = 3, min_chars_zh: int = 6) -> bool:
    """Speech, not a scare-quoted term: ``min_words`` words, or ``min_chars_zh`` Chinese characters."""
    if _HAN.search(content):
        return len(_NON_WORD.sub("", content)) >= min_chars_zh
    return len(content.split()) >= min_words


def _singular(role: str) -> str:
    return _PLURAL_ROLE.sub(r"\1", role)


# a relative clause for the role: "X, who heads Asia internet research at Y" / "X, who is chief economist at Y" /
# "X, who manages a fund at Y" (manager of a fund)
_WHO_HEADS = re.compile(r"^who\s+(?P<v>heads|leads|runs|oversees|directs|manages)\s+(?=\S)")
_WHO_IS = re.compile(r"^who\s+(?:is|was|serves as|works as)\s+")


def _split_role_org(rest: str) -> tuple[str | None, str | None]:
    rest = rest.strip(" ,")
    m = _WHO_HEADS.match(rest)
    rest = ("manager" if m.group("v") == "manages" else "head") + " of " + rest[m.end():] if m else _WHO_IS.sub("", rest)
    for prep in (" at ", " with ", " of ", " for "):
        idx = rest.rfind(prep)
        while idx > 0:
            tail = rest[idx + len(prep):]
            tail = _LEAD_THE.sub("", tail)
            if tail[:1].isupper():
                role = _LEAD_ARTICLE.sub("", rest[:idx]).strip()
                if _ROLE_HEAD_RE.search(role):
                    org = _ORG_END.split(tail.split(",")[0].strip())[0]
                    org = _IN_PLACE.sub("", org)
                    return role, org
            idx = rest.rfind(prep, 0, idx)
    role = _LEAD_ARTICLE.sub("", rest.split(",")[0]).strip()
    pm = _POSSESSIVE_ROLE.match(role)
    if pm and _ROLE_HEAD_RE.search(pm.group("role")):  # "Citigroup's chief executive" ("the company's …": no name)
        return pm.group("role"), pm.group("org") if pm.group("org")[:1].isupper() else None
    return (role if _ROLE_HEAD_RE.search(role) and len(role.split()) <= 8 else None), None


# an organisation's role before or after a name: "Citigroup's chief executive", "HSBC's chief economist for Asia"
_POSSESSIVE_ROLE = re.compile(r"^(?:[Tt]he\s+)?(?P<org>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,4}|[a-z]+(?:\s+[a-z]+)?)['’]s\s+"
                              r"(?P<role>[a-z].*)$")


def _prefix_role_org(pre: str) -> tuple[str | None, str | None]:
    """'Northbridge Research analyst' → (analyst, Northbridge Research); "Nomura's chief economist"."""
    words = pre.split()
    i = len(words)
    while i > 0 and (words[i - 1].lower() in _ROLE_WORDS or _ROLE_HEAD_RE.fullmatch(words[i - 1])
                     or (words[i - 1].islower() and i < len(words))):
        i -= 1
    role = " ".join(words[i:]) or None
    if role and not _ROLE_HEAD_RE.search(role):
        return None, None
    org = " ".join(words[:i]).strip(" ,")
    org = _POSSESSIVE_END.sub("", org).strip() or None
    if org and not org[:1].isupper():
        org = None
    return role, org


def _name_candidates(chunk: str) -> list[tuple[int, int]]:
    """Capitalised runs that look like a person's name: split at role words and titles, and dropped
    when they run into an organisation word ("Pacific Crest Capital")."""
    out = []
    for m in _NAME_RE.finditer(chunk):
        toks = [(t.start() + m.start(), t.end() + m.start(), t.group()) for t in _NON_SPACE_RUN.finditer(m.group())]
        run: list[tuple[int, int, str]] = []
        for tok in toks + [(0, 0, "")]:
            w = tok[2]
            orgish = bool(w and (_ORGISH.fullmatch(w) or _POSSESSIVE_END.search(w)))
            if w and not orgish and w.lower() not in _ROLE_WORDS and w not in _NOT_NAME \
                    and not _ROLE_HEAD_RE.fullmatch(w):
                run.append(tok)
                continue
            if len(run) >= 2 and not orgish and not _PREP_BEFORE.search(chunk[:run[0][0]]):
                out.append((run[0][0], run[-1][1]))
            run = []
    return out


_ABBREV_DOT = re.compile(r"(?:\b(?:Inc|Co|Corp|Ltd|Bhd|Cos|Bros|plc|S\.A|N\.V|L\.P|[A-Z]))\.$")


def _map_org(ctx: _Ctx, org: str | None, a: int, b: int) -> str | None:
    if not org:
        return None
    if org.endswith(".") and not _ABBREV_DOT.search(org):
        org = org[:-1]  # (the sentence's full stop: "… at ING.")
    for m, e in ctx.mentions_in(a, b, ("org", "company", "index")):
        # the mention must be the organisation, not a part of it ("Reuters" in "Reuters Breakingviews")
        if m.surface in org and len(m.surface) >= 0.75 * len(_LEAD_THE_I.sub("", org)):
            # a longer written form is more specific than the base's name ("Reuters Breakingviews")
            if m.surface.isascii() and len(m.surface) > len(e.name) and e.name in m.surface:
                return m.surface
            return e.name
    return org


def _parse_en(ctx: _Ctx, chunk: str, a: int) -> _Speaker | str | None:
    """Speaker, role and organisation from an attribution chunk ('X, chief economist at Y')."""
    if ":" in chunk:
        cut = chunk.rfind(":") + 1
        chunk, a = chunk[cut:], a + cut
    raw = chunk
    chunk = chunk.strip(" ,;:—–-\n\"“”'")
    lead = len(raw) - len(raw.lstrip(" ,;:—–-\n\"“”'"))
    a += lead
    if not chunk or len(chunk.split()) > 25:
        return None
    if _PRONOUN_EN.match(chunk):
        return "PRONOUN"
    b = a + len(chunk)
    persons = ctx.mentions_in(a, b, ("person",))
    if persons:
        m, e = persons[-1]
        ns, ne, name = m.start - a, m.end - a, e.name
    else:
        orgs = [(m.start - a, m.end - a) for m, _ in ctx.mentions_in(a, b, ("org", "company", "index"))]
        cands = [c for c in _name_candidates(chunk) if not any(x < c[1] and c[0] < y for x, y in orgs)]
        if not cands:
            gm = _GENERIC_SPEAKER.match(chunk)
            if gm:
                if "spokes" in chunk.lower():
                    return _Speaker("a spokesperson", role="spokesperson")
                return _Speaker(chunk.lower())
            am = _GROUP_OF.match(chunk)
            if am:
                org = _map_org(ctx, am.group(1).strip(), a, b)
                return _Speaker(org, role=_singular(chunk.split()[0].lower()), org=org)
            om = ctx.mentions_in(a, b, ("org", "company"))
            if om and len(chunk) <= len(om[-1][0].surface) + 4:
                return _Speaker(om[-1][1].name, org=om[-1][1].name)
            return None
        ns, ne = cands[0]
        name = chunk[ns:ne]
    pre, post = chunk[:ns].split(",")[-1].strip(), chunk[ne:]
    if _LED_ONLY.fullmatch(pre):  # "Goldman Sachs strategists, led by X,": the group before the comma
        pre = ",".join(chunk[:ns].split(",")[-2:]).strip()
    if not pre and chunk[:ns].rstrip().endswith(",") and post.lstrip()[:1] in (",", ""):
        # the role in apposition before the name: "HSBC's chief economist for Asia, Frederic Neumann, told …"
        pm = _POSSESSIVE_ROLE.match(chunk[:ns].rstrip(" ,").split(",")[-1].strip())
        if pm and _ROLE_HEAD_RE.search(pm.group("role")):
            org = pm.group("org")  # (a common noun's role, "the central bank's governor": the role only)
            return _Speaker(name, role=pm.group("role"), org=_map_org(ctx, org, a, b) if org[:1].isupper() else None)
    role = org = None
    if post.lstrip().startswith(","):
        role, org = _split_role_org(post.lstrip()[1:])
    elif _OF_ORG.match(post):
        org = _OF_LEAD.sub("", post).split(",")[0].strip(" .")
    if pre:
        lm = _GROUP_LED.match(pre)
        if lm:
            org = org or ((lm.group("org2") or lm.group("org")).strip() or None)
            role = role or _singular(lm.group("role").lower())
        else:
            r2, o2 = _prefix_role_org(pre)
            role, org = role or r2, org or o2
    return _Speaker(name, role=role, org=_map_org(ctx, org, a, b))


_LOC_ZH = zh_compile(r"(?:在|于|於)[^，,]*$")
# whom the speaker told it ("对记者表示", "向媒体表示", "接受本报记者采访时表示"): not part of the speaker
_ADDRESSEE_ZH = zh_compile(r"(?:对|向|跟|接受)(?:本报|本台|本网)?(?:记者|媒体|传媒|投资者|分析师)(?:的)?(?:采访|专访)?(?:时)?$")
_ADV_TAIL_ZH = zh_compile(r"(?:曾经|曾經|此前|日前|近日|随后|隨後|同时|同時|进一步|進一步|还|還|曾|也|则|則|又|就|都|亦|仍|再|更|并|並)$")


# when the speaker spoke, between the name and the verb ("周一", "昨日", "3月10日", "今早")
_WHEN_TAIL_ZH = zh_compile(r"(?:(?:周|週|星期|礼拜)[一二三四五六日天](?:晚|早)?|[今昨前明](?:天|日|晚|早)|本周|上周|本週|上週|"
                           r"(?:\d{1,2}月)?\d{1,2}日|早前|今早|日内|日內)$")


def _last_role(text: str) -> re.Match | None:
    """The last role word of a Chinese speaker phrase ("证券行策略师", "总裁")."""
    rm = None
    for rm in _ROLE_ZH.finditer(text):
        pass
    return rm


def _parse_zh(ctx: _Ctx, chunk: str, a: int) -> _Speaker | str | None:
    lead = len(chunk) - len(chunk.lstrip(" ，,。：:”」』据據"))
    chunk = chunk[lead:]
    a += lead
    chunk = _ADV_TAIL_ZH.sub("", _ADDRESSEE_ZH.sub("", _LOC_ZH.sub("", chunk).strip()))
    chunk = _ADV_TAIL_ZH.sub("", _WHEN_TAIL_ZH.sub("", chunk))  # "祈耀年周一表示": the day is not the name
    if not chunk or len(chunk) > 40:
        return None
    if chunk in ("他", "她", "他们", "她们", "他們", "她們"):
        return "PRONOUN"
    b = a + len(chunk)
    persons = ctx.mentions_in(a, b, ("person",))
    name: str | None
    role_txt = ""
    if persons:
        m, e = persons[-1]
        name, pre = e.name, chunk[:m.start - a]
        rm = _last_role(pre)
        if rm is not None and rm.end() == len(pre):  # "总裁刘炽平": the role before a known person
            pre, role_txt = pre[:rm.start()], rm.group()
    else:
        rm = _last_role(chunk)
        if rm is None:
            if _ZH_NAME.fullmatch(chunk) and to_simplified(chunk[0]) in _SURNAMES_ZH \
                    and not ctx.mentions_in(a, b, ("org", "company")):
                return _Speaker(chunk)
            om = ctx.mentions_in(a, b, ("org", "company"))
            return _Speaker(om[-1][1].name, org=om[-1][1].name) if om and om[-1][0].end == b else None
        tail = chunk[rm.end():]
        if tail and not _ZH_NAME.fullmatch(tail):
            return None
        name, pre, role_txt = tail or None, chunk[:rm.start()], rm.group()
    org = None
    oms = [(m, e) for m, e in ctx.mentions_in(a, a + len(pre), ("org", "company"))]
    counted = COUNTED.match(pre)
    if counted and not oms:  # "一家证券行的策略师陈家明": a firm left unnamed, its kind part of the role
        role_pre = pre[counted.end():].removesuffix("的")
    elif oms:
        m, e = oms[-1]
        org, role_pre = e.name, pre[m.end - a:]
    else:
        sm = _ORG_SUFFIX_ZH.match(pre)
        if sm:
            org, role_pre = sm.group(1), pre[sm.end():]
        elif role_txt in ("基金经理", "基金經理") and _ZH_ORG_NAME.fullmatch(pre):
            org, role_pre = pre + role_txt[:2], ""  # "南湖基金经理X": X, fund manager at 南湖基金 (基金 said once)
        else:
            role_pre = pre
    if org in _GENERIC_ZH or org and org.startswith(("某", "一家", "一間", "一间")):
        org = None  # ("某证券分析师": a firm left unnamed)
    role = (role_pre + role_txt) or None if role_txt else None
    if name is None:
        if role_txt in ("发言人", "發言人"):
            return _Speaker(role_txt, role=role_txt, org=org)
        return _Speaker(org, role=role, org=org) if org else None
    return _Speaker(name, role=role, org=org)


_THAT_EN = re.compile(r"^(?:\s+(?:on|in|at|by|during|late|earlier|last|this|over|to)\b[^,;]{0,40}?)?"
                      r"\s+that\s+(?P<c>.+)$", re.S)
_REPORTED_ZH = zh_compile(r"^(?:据|據)?(?P<chunk>[^，。；：,:“”「」]{2,40}?)(?P<v>表示|指出|认为|認為|说|說|警告称|警告稱|"
                          r"警告|提醒|补充说|補充說|介绍|介紹|称|稱|强调|強調|透露|坦言)[，,：:]\s*(?P<c>.+)$", re.S)
_INVERTED_HINT = re.compile(r", (?:said|says|according to) ")
# the white space before the verb is matched, not looked behind at (sre jumps between white space fast): the
# verb starts one character after the match (see _reported)
_REPORTED_VERB_EN = re.compile(r"\s(?:said|says|noted|notes|cautioned|cautions|warned|warns|wrote|writes|argued|"
                               r"argues|believes|predicted|stressed|added|told\s+\w+)\b")
_INVERTED_EN = re.compile(r"^(?P<c>[^,]{15,}?(?:,[^,]+)*?),\s+(?:said|says|according to)\s+"
                          r"(?P<chunk>[A-Z][^.]*?)\.?$", re.S)
_POSS_LEAD = re.compile(r"(?:its|their)\s+")
_TRAILING_VERBS = (" said.", " said", " says.", " added.", " wrote.")
_TRAILING_EN = re.compile(r"^(?P<c>[^,]{15,}?(?:,[^,]+)*?),\s+(?P<chunk>(?:[A-Z]|(?:its|their|the)\s)[^.;,]*?(?:,[^.;,]+)?)"
                          r",?\s+(?:said|says|added|wrote)\.?$", re.S)
_ACCORDING_EN = re.compile(r"^\s*According to (?P<chunk>[^,]+(?:,[^,]+,)?)\s*,?\s*(?P<c>.+)$", re.S)


def _attribute(ctx: _Ctx, seg: str, seg_abs: int, side: str) -> _Speaker | str | None:
    """The speaker named by the text next to a quote (``side`` is 'after' or 'before' the quote)."""
    if ctx.zh:
        verbs = list(_VERB_ZH_RE.finditer(seg))
        if not verbs:
            return None
        v = verbs[0] if side == "after" else verbs[-1]
        chunk = seg[:v.start()]
        cut = max(chunk.rfind(c) for c in "，,。；：:“”「」")
        if side == "before" and cut >= 0:
            return _parse_zh(ctx, chunk[cut + 1:], seg_abs + cut + 1)
        return _parse_zh(ctx, chunk, seg_abs)
    verbs = list(_VERB_EN_RE.finditer(seg))
    if not verbs:
        return None
    v = verbs[0] if side == "after" else verbs[-1]
    before, after = seg[:v.start()], seg[v.end():]
    if v.group().lower() == "according to" or not before.strip(" ,;:—–-\n\"“”'"):
        after = _SENTENCE_DOT.split(after)[0]
        if side == "after":
            after = _ADVERBIAL_EN.sub("", after) if "," not in after else after
        sp = _parse_en(ctx, after, seg_abs + v.end())
        return sp
    if side == "before":
        cut = max(before.rfind(". "), before.rfind("; "))
        if cut >= 0:
            return _parse_en(ctx, before[cut + 2:], seg_abs + cut + 2)
    if side == "after" and len(before.split()) > 15:
        return None
    return _parse_en(ctx, before, seg_abs)


_CREDIT_CHARS = 60  # the longest sentence read as the credit of the quote that closed the sentence before it


def _mask(para: str, spans: list[tuple[int, int, bool]]) -> str:
    if not spans:
        return para
    chars = list(para)
    for a, b, _ in spans:
        for i in range(a, b):
            if not (i == b - 1 and chars[i] in ".!?。！？"):
                chars[i] = "x" if chars[i] != "\n" else "\n"
    return "".join(chars)


def _quote(article: Article, sp: _Speaker, text: str, direct: bool) -> Quote:
    return Quote(article=article.id, speaker=sp.name, text=text.strip().rstrip(",，"), org=sp.org, role=sp.role,
                 direct=direct)


def _reported(ctx: _Ctx, article: Article, sent: str, abs_start: int) -> Quote | None:
    if ctx.zh:
        m = _REPORTED_ZH.match(sent)
        if not m:
            return None
        sp = _parse_zh(ctx, m.group("chunk"), abs_start + m.start("chunk"))
        if isinstance(sp, str):
            sp = ctx.last
        if sp is None or sp.name is None:
            return None
        ctx.last = sp
        return _quote(article, sp, m.group("c").rstrip("。"), False)
    am = _ACCORDING_EN.match(sent)
    if am:
        sp = _parse_en(ctx, am.group("chunk"), abs_start + am.start("chunk"))
        if isinstance(sp, _Speaker) and sp.name and persons_like(sp):
            ctx.last = sp
            return _quote(article, sp, am.group("c").rstrip("."), False)
        return None
    inv = _INVERTED_EN.match(sent) if _INVERTED_HINT.search(sent) else None
    if inv:
        sp = _parse_en(ctx, inv.group("chunk"), abs_start + inv.start("chunk"))
        if isinstance(sp, _Speaker) and sp.name and persons_like(sp):
            ctx.last = sp
            return _quote(article, sp, inv.group("c"), False)
    tr = _TRAILING_EN.match(sent) if sent.rstrip().endswith(_TRAILING_VERBS) else None
    if tr:  # "Stocks will rise this year, Jane Doe, an analyst at X, said.": the credit after the words
        lead = _POSS_LEAD.match(tr.group("chunk"))  # ("its chief economist Ana Lopez": the role without "its")
        off = tr.start("chunk") + (lead.end() if lead else 0)
        sp = _parse_en(ctx, sent[off:tr.end("chunk")], abs_start + off)
        if isinstance(sp, _Speaker) and sp.name and persons_like(sp) and not _GENERIC_SPEAKER.match(sp.name):
            ctx.last = sp
            return _quote(article, sp, tr.group("c"), False)
    v = _REPORTED_VERB_EN.search(sent, 1)  # a verb from offset 2 on, after white space
    if not v or v.start() + 1 > 151:
        return None
    m = {"chunk": sent[:v.start() + 1].rstrip(), "rest": sent[v.end():]}
    # the speaker is the subject of the clause the verb is in: "Shares fell in Hong Kong after the bank warned
    # that …" has "the bank" say it, not Hong Kong (an opener inside an appositive, "X, who serves as Y at Z,",
    # has a comma after it and opens no clause of the verb)
    cut = max((c.end() for c in _CLAUSE_OPENER_EN.finditer(m["chunk"]) if "," not in m["chunk"][c.end():]),
              default=0)
    that = _THAT_EN.match(m["rest"])
    sp = _parse_en(ctx, m["chunk"][cut:], abs_start + cut)
    if sp == "PRONOUN":
        sp = ctx.last
    if not isinstance(sp, _Speaker) or not sp.name:
        return None
    if that:
        clause = that.group("c")
    else:
        rest = m["rest"]
        if not _SPACE_WORD.match(rest) or not (persons_like(sp) or sp.role) or len(rest.split()) < 4:
            return None
        if _NOT_SPEECH.match(rest) or (_ITS_OWN.match(rest) and (not persons_like(sp) or _GENERIC_SPEAKER.match(sp.name))):
            return None
        clause = rest.strip()
    ctx.last = sp
    return _quote(article, sp, clause.rstrip("."), False)


_CLAUSE_OPENER_EN = re.compile(r"(?i)\b(?:after|before|as|when|while|because|since|until|although|though|once|"
                               r"whereas)\s+(?=\S)")


def persons_like(sp: _Speaker) -> bool:
    """True when the speaker looks like a named person (two capitalised words or a person mention)."""
    return bool(sp.name) and sp.name != sp.org and (len(sp.name.split()) >= 2 or
                                                     bool(_HAN.search(sp.name or "")))


# Every English sentence _reported can use contains one of these (case as written): a verb of
# _REPORTED_VERB_EN (or its stem), or "[Aa]ccording to" (_ACCORDING_EN, _INVERTED_EN). Found once per article,
# so that sentences without any skip _reported.
_REPORTED_TRIGGERS_EN = ("said", "says", "note", "caution", "warn", "wrote", "writes", "argue", "believes",
                         "predicted", "stressed", "added", "told", "ccording to")


_TRIGGER_NEEDLES = Needles(_REPORTED_TRIGGERS_EN)


def _reported_triggers(text: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of the trigger words in the text, sorted."""
    return _TRIGGER_NEEDLES.occurrences(text)


def _sentences_with_triggers(sentences: list[Sentence], triggers: list[tuple[int, int]]) -> set[int]:
    """ids of the sentences (in text order) with a trigger occurrence inside."""
    starts = [s.start for s in sentences]
    out: set[int] = set()
    for a, b in triggers:
        k = bisect.bisect_right(starts, a) - 1
        if k >= 0 and b <= sentences[k].end:
            out.add(id(sentences[k]))
    return out


def extract_quotes(article: Article, mentions: list[Mention], entities: dict[str, Entity], *, min_words: int = 3,
                   min_chars_zh: int = 6) -> list[Quote]:
    """Direct and reported quotes in the article body, in order. A quoted span counts as speech from
    ``min_words`` words (``min_chars_zh`` characters in Chinese); shorter ones are scare quotes."""
    ctx = _Ctx(article, mentions, entities)
    text = ctx.text
    out: list[Quote] = []
    prev_para_quoted = False
    pos = 0
    paras = []
    for m in _PARA_SEP.finditer(text):
        paras.append((pos, m.start()))
        pos = m.end()
    paras.append((pos, len(text)))
    all_spans: list[list[tuple[int, int, bool]]] = []
    for ps, pe in paras:
        para = text[ps:pe]
        found = _find_quotes(para)
        all_spans.append([x for x in found if _long_enough(para[x[0]:x[1]], min_words, min_chars_zh)]
                         if found else found)
    by_para: dict[int, list] = {}
    changed = {pi for pi, spans in enumerate(all_spans) if spans}  # paragraphs the masking changes
    masked = text
    if changed:  # the text with the quotes' contents masked (the other paragraphs as they are)
        masked_parts: list[str] = []
        last = 0
        for pi in sorted(changed):
            ps, pe = paras[pi]
            masked_parts.append(text[last:ps])
            masked_parts.append(_mask(text[ps:pe], all_spans[pi]))
            last = pe
        masked_parts.append(text[last:])
        masked = "".join(masked_parts)
    sentences = split_sentences_masked(masked, "zh" if ctx.zh else "en", text, changed)
    for sent in sentences:
        by_para.setdefault(sent.para, []).append(sent)
    # English sentences without quote marks matter only with a speech verb or "according to" inside
    spoken = None if ctx.zh else _sentences_with_triggers(sentences, _reported_triggers(text))
    for pi, (ps, pe) in enumerate(paras):
        spans = all_spans[pi]
        para_quoted = False
        para = None
        sents = by_para.get(pi, ())
        credit_sent = None  # a sentence that only credits the quote before it ("“……。”陈家明表示。")
        for si, abs_sent in enumerate(sents):
            if abs_sent is credit_sent:
                continue
            s_start, s_end = abs_sent.start - ps, abs_sent.end - ps  # in the paragraph
            qs = [s for s in spans if s_start <= s[0] < s_end] if spans else spans
            if not qs:
                if spoken is not None and id(abs_sent) not in spoken:
                    continue  # _reported finds nothing here
                if para is None:
                    para = text[ps:pe]
                q = _reported(ctx, article, para[s_start:s_end], abs_sent.start)
                if q:
                    out.append(q)
                    para_quoted = True
                continue
            if para is None:
                para = text[ps:pe]
            for i, (qa, qb, _closed) in enumerate(qs):
                seg_a = qs[i - 1][1] + 1 if i else s_start
                seg_b = qs[i + 1][0] - 1 if i + 1 < len(qs) else s_end
                after, before = para[qb + 1:seg_b], para[seg_a:max(seg_a, qa - 1)]
                sp = None
                nxt = sents[si + 1] if si + 1 < len(sents) and i + 1 == len(qs) else None
                if nxt is not None and not after.strip(" \n\"”’'」』") and nxt.end - nxt.start <= _CREDIT_CHARS \
                        and not any(nxt.start - ps <= x[0] < nxt.end - ps for x in spans):
                    # the quote closed its sentence and the next one is its credit ("“……。”策略师陈家明表示。",
                    # '"We remain cautious." Reyes added.')
                    credit = para[nxt.start - ps:nxt.end - ps]
                    sp = _attribute(ctx, credit, nxt.start, "after")
                    if isinstance(sp, _Speaker) and sp.name:
                        credit_sent, after = nxt, credit
                    else:
                        sp = None
                sp = sp or _attribute(ctx, after, ps + qb + 1, "after") or _attribute(ctx, before, ps + seg_a, "before")
                if sp == "PRONOUN":
                    sp = ctx.last
                frame = (before + after).strip(" \n,.，。:：;；—–-\"“”‘’'「」『』")
                if sp is None and not frame and ctx.last is not None and \
                        (para_quoted or (prev_para_quoted and s_start == 0)):
                    sp = ctx.last
                if not isinstance(sp, _Speaker) or not sp.name:
                    continue
                ctx.last = sp
                para_quoted = True
                out.append(_quote(article, sp, para[qa:qb], True))
        prev_para_quoted = para_quoted
    for q in out:
        if q.org is None and q.speaker and not ctx.zh:
            q.org = _org_from_context(text, q)
    _known_person_org(out, entities)
    _executive_org(out, article, mentions, entities)
    _same_speaker_org(out)
    return out


# a company's own officer: "Chief executive X said …" in a report on that company is that company's
_EXEC_ROLE = zh_compile(r"(?i)\b(?:chief\s+(?:executive|financial|operating)(?:\s+officer)?|CEO|CFO|COO|chairman|"
                        r"chairwoman|finance\s+director|managing\s+director)\b|行政总裁|首席执行官|首席财务官|董事长|"
                        r"董事会主席|总经理|财务总监")


def _known_person_org(quotes: list[Quote], entities: dict[str, Entity]) -> None:
    """A speaker of the entity base named without an organisation speaks for the one the base gives him (its
    "org": a central bank's chair, a company's chief executive)."""
    people = {e.name: e.meta["org"] for e in entities.values()
              if e.type == "person" and e.id.startswith("kb:") and (e.meta or {}).get("org")}
    for q in quotes:
        if q.org is None and q.speaker in people:
            org = entities.get(people[q.speaker]) or KnowledgeBase.load().entities.get(people[q.speaker])
            if org is not None:
                q.org = org.name


_THE_COMPANY = frozenset(("the company", "the firm", "the group"))


def _executive_org(quotes: list[Quote], article: Article, mentions: list[Mention],
                   entities: dict[str, Entity]) -> None:
    """A speaker with a company officer's role and no organisation ("Chief executive Jane Roe said"), or "the
    company" itself, speaks for the article's main company (market._Doc.main_company: the company it names most and more often
    than any other; a report naming several companies equally has none)."""
    if not any(q.org is None and (q.role and _EXEC_ROLE.search(q.role) or q.speaker in _THE_COMPANY) for q in quotes):
        return
    main = get_doc(article, mentions, entities).main_company
    if main is None:
        return
    name = entities[main].name
    for q in quotes:
        if q.org is None and q.speaker in _THE_COMPANY:  # "…," the company said in a statement.
            q.speaker = q.org = name
    # (not a public figure of the entity base, who speaks for the organisation the base gives (_known_person_org):
    # "Chairman Powell" for the Fed, not the company reported on; nor "president", a head of state's title too)
    public = {e.name for e in entities.values() if e.type == "person" and e.id.startswith("kb:")}
    for q in quotes:
        if q.org is None and q.role and _EXEC_ROLE.search(q.role) and q.speaker != name and q.speaker not in public:
            q.org = name


def _same_speaker_org(quotes: list[Quote]) -> None:
    """A speaker's organisation and role, given at one quote of an article, hold for the others ("… said Vivian
    Cheung, an analyst at Y." then "According to Cheung, …" / "she said"): a speaker who is named with
    different organisations in the article is left as written."""
    known: dict[str, set] = {}
    for q in quotes:
        if q.speaker and q.org:
            known.setdefault(q.speaker, set()).add((q.org, q.role))
    for q in quotes:
        if q.speaker and q.org is None and len(known.get(q.speaker, ())) == 1:
            q.org, role = next(iter(known[q.speaker]))
            q.role = q.role or role


_DEFINITE_ORG = re.compile(r"\bthe\s+([a-z]+)['’]s\s+(?:[a-z-]+\s+){0,3}(?:spokes(?:man|woman|person)|[a-z]+),?\s+$")
_GROUP_AT = re.compile(r"\b(?:[Ss]trategists|[Aa]nalysts|[Ee]conomists|[Ee]xperts|[Rr]esearchers)\s+at\s+"
                       r"([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4})")
_CORP_SUFFIX = re.compile(r"(?:\s+(?:Group|Inc|Ltd|Co|Corp|LLC|Plc|Holdings)\.?)+$")


def _org_from_context(text: str, q: Quote) -> str | None:
    """The organisation of a speaker the attribution only points at: "the commission's spokesman, X"
    (the commission named earlier), or "strategists including X" after "Strategists at Y"."""
    at = text.find(q.text)
    if at < 0:
        return None
    end = text.find(q.speaker, at + len(q.text))
    if end < 0 or end - at - len(q.text) > 200:
        end = text.rfind(q.speaker, 0, at)
    if end < 0:
        return None
    frame = text[max(0, end - 120):end]
    m = _DEFINITE_ORG.search(frame)
    if m:
        head = m.group(1)
        named = list(re.finditer(r"((?:[A-Z][\w-]+\s+){1,4})" + head.capitalize() + r"\b", text[:end]))
        if named:
            return _LEAD_ARTICLE_CAP.sub("", (named[-1].group(1) + head.capitalize()).strip())
    if _GROUP_INCLUDING.search(frame):
        start = max(0, end - 600)
        found = list(_GROUP_AT.finditer(text[start:end]))
        if found:
            return _CORP_SUFFIX.sub("", found[-1].group(1).strip()) or None
    return None
