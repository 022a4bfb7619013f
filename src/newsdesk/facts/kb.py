"""The entity knowledge base: companies, indices, instruments, people and organisations.

Loaded once from the ``entities_*.tsv`` files shipped in ``newsdesk/data`` (see ``data/ENTITIES.md``).
Each file has a ``# source:`` line, a header ``id type name tickers aliases exchange sector meta`` and one
entity per line; list cells are ``;``-separated and ``meta`` is a JSON object.

An alias may start with ``?`` (an ordinary word as well as a name, e.g. "Apple": linked only with a finance
cue in context) or ``??`` (needs an adjacent company cue such as "Inc." or a ticker). Chinese aliases are
completed to both scripts with OpenCC at load time.
"""
from __future__ import annotations

import functools
import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from newsdesk.clean.zhscript import converters as zh_converters, simplified_chars
from newsdesk.model import Entity

log = logging.getLogger(__name__)

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CODES: list = []  # two slots: (text, code points) of the last texts seen by code_points
_ASCII_CODES: list = []  # two slots: (text, ASCII codes) of the last texts seen by ascii_codes
_CJK_FREE: list = []  # one slot: (text, result) of the last text tested by cjk_free


def _kept(slots: list, text: str, make):
    """``make(text)``, with the last two results kept in ``slots`` (keyed by content, as str equality): the
    extractors of one article look at the same text in a row. None without numpy."""
    for hit in slots:
        if hit[0] == text:
            return hit[1]
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with the project's dependencies
        return None
    a = make(np, text)
    slots.insert(0, (text, a))
    del slots[2:]
    return a


def code_points(text: str):
    """The characters of ``text`` as a numpy uint32 array (or None without numpy)."""
    return _kept(_CODES, text, lambda np, t: np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))


def ascii_codes(text: str):
    """The characters of ``text`` as a numpy uint8 array, ASCII ones as themselves and the others as "?"
    (``encode("ascii", "replace")``: one byte per character), or None without numpy."""
    return _kept(_ASCII_CODES, text, lambda np, t: np.frombuffer(t.encode("ascii", "replace"), dtype=np.uint8))


class Needles:
    """Every occurrence of some fixed strings in a text, found in one pass instead of a ``str.find`` loop per
    string: numpy marks the positions whose next three characters begin one of the strings (a needle with
    fewer than three ASCII characters at its start is searched with ``find``), and ``startswith`` checks each
    such position."""

    FIND_BELOW = 60_000  # characters × needles under which plain finds are cheaper than numpy's fixed costs

    def __init__(self, needles: tuple[str, ...]):
        self.needles = tuple(needles)
        self.short = [n for n in self.needles if len(n) < 3 or not n[:3].isascii() or "\0" in n[:3]]
        long = [n for n in self.needles if n not in self.short]
        alphabet = sorted({c for n in long for c in n[:3]})
        self.by_prefix: dict[str, list[str]] = {}
        self.table = None
        if not long:
            return
        try:
            import numpy as np
        except ImportError:  # pragma: no cover - numpy comes with the project's dependencies
            np = None
        if np is None or len(alphabet) >= 64:  # pragma: no cover
            self.short = list(self.needles)
            return
        for n in long:
            self.by_prefix.setdefault(n[:3], []).append(n)
        self.sym = np.zeros(256, dtype=np.uint32)  # byte -> 6-bit symbol (0: in no prefix)
        for i, c in enumerate(alphabet, start=1):
            self.sym[ord(c)] = i
        self.table = np.zeros(1 << 18, dtype=bool)  # three symbols -> the start of a needle
        for pre in self.by_prefix:
            a, b, c = (int(self.sym[ord(ch)]) for ch in pre)
            self.table[(a << 12) | (b << 6) | c] = True

    def starts(self, text: str) -> list[int]:
        """The positions where the next three characters may begin a needle of three or more, in order (a
        superset: a character outside ASCII reads as "?"; only those needles: see ``short``)."""
        if self.table is None or len(text) < 3:
            return []
        import numpy as np

        c = np.take(self.sym, ascii_codes(text))
        code = c[:-2] << 12
        code |= c[1:-1] << 6
        code |= c[2:]
        return np.flatnonzero(np.take(self.table, code)).tolist()

    def occurrences(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every occurrence of each needle (overlapping ones too: as ``find`` from each start
        + 1), sorted."""
        out = []
        if len(text) * len(self.needles) < self.FIND_BELOW:  # a short text: a find loop per needle is cheaper
            for n in self.needles:
                i = text.find(n)
                while i >= 0:
                    out.append((i, i + len(n)))
                    i = text.find(n, i + 1)
            out.sort()
            return out
        for n in self.short:
            i = text.find(n)
            while i >= 0:
                out.append((i, i + len(n)))
                i = text.find(n, i + 1)
        get = self.by_prefix.get
        for p in self.starts(text):
            for n in get(text[p:p + 3], ()):
                if text.startswith(n, p):
                    out.append((p, p + len(n)))
        out.sort()
        return out


def cjk_free(text: str) -> bool:
    """True when ``text`` has no character of CJK_RE (U+3400–U+9FFF, U+F900–U+FAFF): ``not CJK_RE.search(text)``,
    with the characters compared by numpy instead of sre testing each one (an article is tested by several
    extractors in a row: the last result is kept, keyed by content)."""
    if text.isascii():
        return True
    if _CJK_FREE and _CJK_FREE[0][0] == text:
        return _CJK_FREE[0][1]
    a = code_points(text)
    if a is None:  # pragma: no cover
        free = not CJK_RE.search(text)
    else:
        free = int(a.max()) < 0x3400 or not (((a >= 0x3400) & (a <= 0x9FFF)).any()
                                              or ((a >= 0xF900) & (a <= 0xFAFF)).any())
    _CJK_FREE[:] = [(text, free)]
    return free


HK_SUFFIXES = {"HK", "HKG", "HKEX", "SEHK", "HKSE"}
SH_PREFIXES = {"SH", "SS", "SHA", "SSE", "SHSE", "XSHG"}
SZ_PREFIXES = {"SZ", "SHE", "SZSE", "XSHE"}
US_PREFIXES = {"NYSE", "NASDAQ", "NASDAQGS", "NASDAQGM", "NASDAQCM", "NYSEARCA", "NYSEAMERICAN", "AMEX", "OTC",
               "OTCMKTS", "OTCQX", "OTCQB", "OTCPINK", "PINK", "US", "BATS", "CBOE", "NYQ", "NMS"}
CUE_NONE, CUE_CONTEXT, CUE_ADJACENT = 0, 1, 2


@dataclass
class AliasInfo:
    """One surface form of an entity and how sure a bare match of it is."""

    entity: str
    alias: str
    cue: int = CUE_NONE  # CUE_NONE | CUE_CONTEXT | CUE_ADJACENT


@dataclass
class KnowledgeBase:
    """Entities by id, with indexes by ticker and by normalised alias."""

    entities: dict[str, Entity] = field(default_factory=dict)
    tickers: dict[str, str] = field(default_factory=dict)  # normalised ticker -> entity id
    aliases: dict[str, list[AliasInfo]] = field(default_factory=dict)  # alias key -> infos (priority order)
    sources: dict[str, str] = field(default_factory=dict)  # file name -> its "# source:" line

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls) -> "KnowledgeBase":
        """The knowledge base from the shipped data files (cached: built once per process)."""
        return _load_default()

    @classmethod
    def from_files(cls, paths: list[Path], convert_scripts: bool = True) -> "KnowledgeBase":
        """Build a knowledge base from explicit TSV files (earlier files win on conflicts)."""
        kb = cls()
        converters = zh_converters() if convert_scripts else []
        for path in paths:
            kb._read(Path(path), converters)
        log.info("knowledge base: %d entities, %d tickers, %d aliases", len(kb.entities), len(kb.tickers),
                 len(kb.aliases))
        return kb

    def _read(self, path: Path, converters: list) -> None:
        text = path.read_text(encoding="utf-8")
        header: list[str] | None = None
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            if line.startswith("#"):
                if line.startswith("# source:"):
                    self.sources[path.name] = line[len("# source:"):].strip()
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            try:
                self._add_row(row, converters)
            except (ValueError, KeyError) as exc:  # a bad row must not sink the whole base
                log.warning("%s:%d: skipped (%s)", path.name, lineno, exc)

    def _add_row(self, row: dict[str, str], converters: list) -> None:
        eid = row["id"].strip()
        if not eid:
            raise ValueError("empty id")
        if eid in self.entities:
            log.warning("duplicate entity id %s ignored", eid)
            return
        meta = json.loads(row.get("meta") or "{}")
        for key in ("exchange", "sector"):
            if row.get(key):
                meta[key] = row[key]
        raw_aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
        tickers = [t.strip() for t in (row.get("tickers") or "").split(";") if t.strip()]
        name = row["name"].strip()
        infos: list[AliasInfo] = []
        seen: set[str] = set()
        flagged = {a.lstrip("?"): a for a in raw_aliases if a.startswith("?")}
        for raw in [flagged.get(name, name), *raw_aliases]:  # the name takes its alias flag, if any
            cue = CUE_ADJACENT if raw.startswith("??") else CUE_CONTEXT if raw.startswith("?") else CUE_NONE
            alias = raw.lstrip("?")
            for form in _script_forms(alias, converters):
                if form not in seen:
                    seen.add(form)
                    infos.append(AliasInfo(eid, form, cue))
        ent = Entity(id=eid, name=name, type=row["type"].strip(), tickers=tickers,
                     aliases=[i.alias for i in infos if i.alias != name], meta=meta)
        self.entities[eid] = ent
        for t in tickers:
            key = normalize_ticker(t)
            if key and key not in self.tickers:
                self.tickers[key] = eid
            elif key and self.tickers[key] != eid:
                log.warning("ticker %s of %s already belongs to %s", t, eid, self.tickers[key])
        for info in infos:
            self.aliases.setdefault(alias_key(info.alias), []).append(info)

    # ------------------------------------------------------------------ look-ups
    def by_ticker(self, ticker: str) -> Entity | None:
        """The entity with this ticker; accepts "700.HK", "0700.hk", "HKG:0700", "HK:700", "NYSE: BABA",
        "600519.SH", "SSE:600519", "$AAPL", "BRK.B" and the like."""
        key = normalize_ticker(ticker)
        eid = self.tickers.get(key) if key else None
        if eid is None and key and "-" in key:
            eid = self.tickers.get(key.replace("-", "."))
        return self.entities.get(eid) if eid else None

    def candidates(self, alias: str) -> list[Entity]:
        """Entities that a surface form may refer to (case- and width-insensitive; both Chinese scripts)."""
        ids: list[str] = []
        for info in self.aliases.get(alias_key(alias), []):
            if info.entity not in ids:
                ids.append(info.entity)
        return [self.entities[i] for i in ids]

    def alias_infos(self, alias: str) -> list[AliasInfo]:
        return list(self.aliases.get(alias_key(alias), []))


_SPACES = re.compile(r"\s+")


def alias_key(alias: str) -> str:
    """Case-, width- and space-insensitive key for an alias; "’" folds to "'"; Chinese folds to simplified."""
    s = unicodedata.normalize("NFKC", alias).replace("’", "'").replace("‘", "'")
    s = _SPACES.sub(" ", s).strip().casefold()
    return s.translate(fold_table()) if CJK_RE.search(s) else s


@functools.lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """A length-preserving str.translate table: traditional/variant Chinese characters to simplified (OpenCC
    t2s, single characters only, see clean.zhscript) and ASCII capitals to lower case, so that text and aliases
    compare offset-for-offset."""
    table: dict[int, str] = {c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}
    table.update(simplified_chars())
    return table


_TICKER_SPLIT = re.compile(r"^\s*\$?\s*(?:([A-Za-z]+)\s*[:：]\s*)?([A-Za-z0-9.\-^]+)\s*$")


def normalize_ticker(ticker: str) -> str | None:
    """A canonical ticker: HK codes as "0700.HK", mainland as "600519.SS"/"000858.SZ", US as "BRK-B"."""
    m = _TICKER_SPLIT.match(unicodedata.normalize("NFKC", ticker or ""))
    if not m:
        return None
    prefix, code = (m.group(1) or "").upper(), m.group(2).upper()
    suffix = ""
    if "." in code and not code.startswith("."):
        base, _, suffix = code.rpartition(".")
        if suffix in {"N", "O", "OQ", "K", "US", "P"} and re.fullmatch(r"[A-Z]{1,5}", base):
            code, suffix = base, ""  # Reuters-style RICs: BABA.N, PDD.O
        elif suffix in {"A", "B", "C"} and re.fullmatch(r"[A-Z]{1,5}", base) and not prefix:
            return f"{base}-{suffix}"  # share classes: BRK.B -> BRK-B
        else:
            code = base
    market = ""
    if suffix in HK_SUFFIXES or prefix in HK_SUFFIXES:
        market = "HK"
    elif suffix in SH_PREFIXES or prefix in SH_PREFIXES:
        market = "SS"
    elif suffix in SZ_PREFIXES or prefix in SZ_PREFIXES:
        market = "SZ"
    elif suffix:
        return f"{code}.{suffix}"
    if code.isdigit():
        if market == "HK" or (not market and len(code) <= 5):
            return f"{int(code):04d}.HK" if int(code) else None
        if len(code) == 6:
            if not market:
                market = "SS" if code[0] in "569" else "SZ" if code[0] in "0123" else ""
            return f"{code}.{market}" if market else None
        return None
    if market in ("SS", "SZ", "HK"):
        return None
    if prefix and prefix not in US_PREFIXES:
        return None
    return code


def _script_forms(alias: str, converters: list) -> list[str]:
    forms = [alias]
    if CJK_RE.search(alias):
        for conv in converters:
            f = conv.convert(alias)
            if f not in forms:
                forms.append(f)
    return forms


def data_files() -> list[Path]:
    """The shipped entity files, hand-curated ones first so that they win conflicts with generated ones."""
    base = Path(str(resources.files("newsdesk") / "data"))
    files = sorted(base.glob("entities_*.tsv"))
    return sorted(files, key=lambda p: (p.name == "entities_us.tsv", p.name))


@functools.lru_cache(maxsize=1)
def _load_default() -> KnowledgeBase:
    return KnowledgeBase.from_files(data_files())
