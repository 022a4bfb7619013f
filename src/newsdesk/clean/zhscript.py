"""Chinese in both scripts: OpenCC's conversions, and rules that read simplified and traditional characters alike.

The rules for Chinese text (dates, bylines and sources in the clean stage; facts, quotes, events and dates in the
facts stage) are written in simplified characters, with some traditional forms beside them. Hong Kong and Taiwan
write traditional ones: "騰訊股價上漲3%" is the same fact as "腾讯股价上涨3%", "記者 李明" the same byline as "记者
李明". Rather than writing every rule twice, each Han character of a rule's regular expression is widened to all
its script forms (:func:`zh_compile`, from OpenCC's single-character table): 涨 matches 漲, 价 matches 價. A word
looked up in a set of simplified words is folded first (:func:`to_simplified`). Both keep offsets: one character
stays one character.
"""
from __future__ import annotations

import functools
import logging
import re

log = logging.getLogger(__name__)

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# a count before a noun ("一名分析師", "两家银行", "多位基金经理"): some one, not a name
COUNTED = re.compile(r"[一二两兩三四五六七八九十百千几幾数數多某每][名位家间間个個只隻所批]")


@functools.lru_cache(maxsize=1)
def simplified_chars() -> dict[int, str]:
    """A str.translate table of the traditional and variant Han characters (U+4E00-U+9FFF) that OpenCC's
    t2s writes as one other character: their simplified forms."""
    chars = [chr(cp) for cp in range(0x4E00, 0xA000)]
    try:
        import opencc  # type: ignore

        out = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    except Exception:  # pragma: no cover - opencc is a pinned dependency
        log.warning("opencc unavailable: traditional Chinese is read only where rules spell it out")
        return {}
    if len(out) != len(chars):  # pragma: no cover - a line per character
        return {}
    return {ord(ch): o for ch, o in zip(chars, out) if o != ch and len(o) == 1}


def converters() -> list:
    """OpenCC converters to simplified, traditional, Hong Kong and Taiwan forms (whole phrases)."""
    try:
        import opencc  # type: ignore
    except ImportError:  # pragma: no cover - opencc is a pinned dependency
        log.warning("opencc not installed: Chinese kept in the given script only")
        return []
    out = []
    for cfg in ("s2t", "t2s", "s2hk", "s2tw"):
        try:
            out.append(opencc.OpenCC(cfg))
        except Exception:  # pragma: no cover - config names differ between opencc builds
            try:
                out.append(opencc.OpenCC(cfg + ".json"))
            except Exception:
                log.warning("opencc config %s unavailable", cfg)
    return out


@functools.lru_cache(maxsize=1)
def _cached_converters() -> tuple:
    return tuple(converters())


def script_variants(text: str) -> list[str]:
    """``text`` as written, then in the other Chinese scripts OpenCC writes it in (simplified, traditional,
    Hong Kong, Taiwan), each once: a reader in Hong Kong searches "騰訊" for articles that write "腾讯"."""
    out = [text]
    if CJK_RE.search(text):
        for conv in _cached_converters():
            v = conv.convert(text)
            if v not in out:
                out.append(v)
    return out


@functools.lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    """Each Han character with a script variant -> all its forms (itself, its simplified form and every
    character folding to that form), as one string."""
    groups: dict[str, set[str]] = {}
    for cp, simple in simplified_chars().items():
        groups.setdefault(simple, {simple}).add(chr(cp))
    out: dict[str, str] = {}
    for g in groups.values():
        forms = "".join(sorted(g))
        for ch in g:
            out[ch] = forms
    return out


def to_simplified(text: str) -> str:
    """``text`` with traditional (and variant) Han characters in their simplified form, character for
    character (the same length: offsets hold). (A text with none is returned as it is: translating costs
    ~50 ns a character, finding none far less.)"""
    return text.translate(simplified_chars()) if _traditional(text) else text


def all_forms(words: tuple[str, ...], max_forms: int = 32) -> tuple[str, ...]:
    """``words`` and their other script forms, character by character (every combination of each character's
    forms, up to ``max_forms`` a word; words are short), for substring and set tests. (Not through OpenCC's
    phrase converters: loading those costs ~40 MB, and a rule's word needs no phrase conversion.)"""
    forms = _forms()
    out: list[str] = []
    for w in words:
        variants = [""]
        for ch in w:
            variants = [v + f for v in variants for f in forms.get(ch, ch)][:max_forms]
        for v in [w] + variants:
            if v not in out:
                out.append(v)
    return tuple(out)


def both_scripts(pattern: str) -> str:
    """A regular expression whose Han characters also match their other script forms: a character outside a
    class becomes a class of its forms, one inside a class adds its forms to it (a range's ends stay as they
    are). Escapes are copied as written."""
    forms = _forms()
    if not any(ch in forms for ch in pattern):
        return pattern
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
                out.append(ch)
            elif ch in forms and pattern[i - 1] != "-" and pattern[i + 1:i + 2] != "-":
                out.append(forms[ch])
            else:
                out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            # a "]" or "^]" right after the opening bracket is a literal
            for lit in ("^]", "]", "^"):
                if pattern.startswith(lit, i + 1):
                    out.append(lit)
                    i += len(lit)
                    break
        elif ch in forms:
            out.append("[" + forms[ch] + "]")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _traditional_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(chr(cp) for cp in simplified_chars())) + "]")


_SEEN: dict[str, bool] = {}
_SEEN_MAX_LEN = 300  # lines are kept in _SEEN (at most ~6 MB), longer texts are not


def _traditional(s: str) -> bool:
    """Whether ``s`` holds a traditional or variant character (an ASCII string, checked for free, holds none;
    a line is asked once per pattern, so the answers for lines are kept: a plain dict, emptied when large, is
    cheaper here than an LRU cache)."""
    if s.isascii():
        return False
    if len(s) > _SEEN_MAX_LEN:  # (a page or an article: scanned, not kept)
        return _traditional_re().search(s) is not None
    r = _SEEN.get(s)
    if r is None:
        if len(_SEEN) > 20_000:
            _SEEN.clear()
        r = _SEEN[s] = _traditional_re().search(s) is not None
    return r


class BothScripts:
    """A compiled pattern that reads both scripts (see :func:`zh_compile`). A string with no traditional or
    variant character (English; simplified Chinese) is matched with the pattern as written, whose literal
    prefixes the regular-expression engine skips to fast; any other with the widened one. On such a string both
    give the same matches."""
    __slots__ = ("plain", "wide", "pattern", "flags", "groups", "groupindex")

    def __init__(self, pattern: str, flags: int, widened: str):
        self.plain = re.compile(pattern, flags)
        self.wide = re.compile(widened, flags)
        self.pattern, self.flags = self.wide.pattern, self.wide.flags
        self.groups, self.groupindex = self.wide.groups, self.wide.groupindex

    def _for(self, s: str) -> re.Pattern[str]:
        return self.wide if _traditional(s) else self.plain

    def search(self, s, *a):
        return self._for(s).search(s, *a)

    def match(self, s, *a):
        return self._for(s).match(s, *a)

    def fullmatch(self, s, *a):
        return self._for(s).fullmatch(s, *a)

    def finditer(self, s, *a):
        return self._for(s).finditer(s, *a)

    def findall(self, s, *a):
        return self._for(s).findall(s, *a)

    def split(self, s, *a, **k):
        return self._for(s).split(s, *a, **k)

    def sub(self, repl, s, *a, **k):
        return self._for(s).sub(repl, s, *a, **k)

    def subn(self, repl, s, *a, **k):
        return self._for(s).subn(repl, s, *a, **k)


def zh_compile(pattern: str, flags: int = 0):
    """``re.compile`` of :func:`both_scripts` of the pattern: a :class:`BothScripts` when it holds a Han
    character with another script form, else the plain compiled pattern."""
    widened = both_scripts(pattern)
    return re.compile(pattern, flags) if widened == pattern else BothScripts(pattern, flags, widened)
