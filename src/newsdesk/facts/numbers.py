"""Number parsing for English and Chinese financial text.

``parse_number`` turns a surface string into a float: thousands separators ("22,774.46"),
full-width digits ("１２３"), scale words ("3.5 billion", "1.2万", "3.4万亿") and plain Chinese
numerals ("四千", "三万五千", "一点五"). It returns None for anything it cannot read.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["parse_number", "NUM_RE", "SCALE_WORDS"]

# A number as written in wire copy: 1,234.56 / 1234 / .5 / 1.2 (thousands separators optional).
NUM_RE = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"

SCALE_WORDS: dict[str, float] = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "t": 1e12,
    "百": 1e2, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "万亿": 1e12, "萬億": 1e12,
}

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
              "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
              "九": 9, "玖": 9}
_ZH_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

_FAST = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_PLAIN = re.compile(rf"^([+\-−]?)({NUM_RE})\s*(.*)$")
_SCALE_RE = re.compile(r"^(万亿|萬億|thousand|million|billion|trillion|mn|mln|bn|bln|tn|trn|[kmbt百千万萬亿億])\.?$", re.I)
_ZH_POINT = re.compile(r"^([^点點]*)(?:[点點](.*))?$")
_CURRENCY_LEAD = re.compile(r"^(?:US\$|HK\$|RMB|CNY|HKD|USD|[$¥￥€£])\s*", re.I)
_PERCENT_TAIL = re.compile(r"\s*(?:%|percent|per cent|pct)$", re.I)


def _zh_numeral(s: str) -> float | None:
    """Chinese numerals such as 四千, 三万五千, 十二, 一点五, 两亿."""
    if not s or any(ch not in _ZH_DIGITS and ch not in _ZH_UNITS and ch not in _ZH_BIG and ch not in "点點"
                    for ch in s):
        return None
    m = _ZH_POINT.match(s)
    intpart, frac = (m.group(1), m.group(2) or "") if m else (s, "")
    if not intpart or not any(ch in _ZH_DIGITS or ch in "十拾" for ch in intpart):
        return None
    total, section, digit = 0, 0, None
    for ch in intpart:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            section += (1 if digit is None else digit) * _ZH_UNITS[ch]
            digit = None
        elif ch in _ZH_BIG:
            section += digit or 0
            total = (total + section) * _ZH_BIG[ch] if total and _ZH_BIG[ch] > total else total + section * _ZH_BIG[ch]
            section, digit = 0, None
        else:
            return None
    total += section + (digit or 0)
    if frac:
        if any(ch not in _ZH_DIGITS for ch in frac):
            return None
        total += float("0." + "".join(str(_ZH_DIGITS[ch]) for ch in frac))
    return float(total)


def parse_number(s: str) -> float | None:
    """Parse a number written in English or Chinese financial style; None when unreadable.

    >>> parse_number("22,774.46"), parse_number("1.2万"), parse_number("3.5 billion"), parse_number("四千")
    (22774.46, 12000.0, 3500000000.0, 4000.0)
    """
    if not s:
        return None
    if _FAST.fullmatch(s):  # the common case: plain digits with separators
        return float(s.replace(",", ""))
    t = unicodedata.normalize("NFKC", s).strip().replace("−", "-").lstrip("+")
    sign = ""
    if t and t[0] in "+-":
        sign, t = t[0], t[1:].lstrip()
    t = _CURRENCY_LEAD.sub("", t)
    if sign == "-" and t and t[0] not in "+-":
        t = "-" + t
    t = _PERCENT_TAIL.sub("", t)
    m = _PLAIN.match(t)
    if m:
        sign, num, rest = m.groups()
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            return None
        rest = rest.strip()
        if rest:
            sm = _SCALE_RE.match(rest)
            if not sm:
                return None
            key = sm.group(1)
            value *= SCALE_WORDS.get(key, SCALE_WORDS.get(key.lower(), 1.0))
        return -value if sign else value
    return _zh_numeral(t)
