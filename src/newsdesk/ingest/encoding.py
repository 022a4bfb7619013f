"""Decode page bytes to text, robustly.

Order of evidence: byte-order marks (UTF-8/16/32), then a declared charset (HTTP header
or ``<meta charset>`` / XML declaration) when it decodes cleanly, then strict UTF-8, then
charset-normalizer, then UTF-8 with replacement characters. Legacy Chinese labels are
widened to their supersets (gb2312/gbk -> gb18030, big5 -> big5hkscs/cp950) because pages
labelled gb2312 routinely contain GBK-only characters. Nothing here raises on any input.
"""
from __future__ import annotations

import codecs
import logging
import re

log = logging.getLogger(__name__)

__all__ = ["decode_bytes", "looks_binary", "sniff_declared_charset", "normalise_charset"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# label -> list of codecs to try, in order (supersets first)
_WIDEN: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",), "gbk": ("gb18030",), "gb18030": ("gb18030",), "cp936": ("gb18030",),
    "x-gbk": ("gb18030",), "euc-cn": ("gb18030",), "hz-gb-2312": ("hz", "gb18030"),
    "big5": ("big5hkscs", "cp950"), "big5-hkscs": ("big5hkscs", "cp950"), "big5hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"), "x-x-big5": ("big5hkscs", "cp950"),
    # WHATWG: these labels mean windows-1252 in practice
    "iso-8859-1": ("cp1252",), "latin-1": ("cp1252",), "latin1": ("cp1252",), "l1": ("cp1252",),
    "ascii": ("cp1252",), "us-ascii": ("cp1252",), "iso8859-1": ("cp1252",), "windows-1252": ("cp1252",),
    "cp1252": ("cp1252",), "x-sjis": ("cp932",), "shift_jis": ("cp932",), "shift-jis": ("cp932",),
    "sjis": ("cp932",), "euc-kr": ("cp949",), "ks_c_5601-1987": ("cp949",),
    "utf8": ("utf-8",), "utf-8": ("utf-8",), "unicode-1-1-utf-8": ("utf-8",),
}

# charsets in which every byte sequence decodes, so a clean decode proves nothing
_SINGLE_BYTE = re.compile(r"^(cp125\d|iso-?8859-\d+|latin-?\d|koi8-[ru]|mac-?roman|cp437|cp850|windows-125\d)$")

_META_RE = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)

_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04", b"PK\x05\x06",
    b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"\x7fELF", b"\x00\x00\x01\x00",
    b"II*\x00", b"MM\x00*", b"OggS", b"ID3", b"\x1a\x45\xdf\xa3", b"wOFF", b"wOF2", b"\x28\xb5\x2f\xfd",
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x08\x1b")


def normalise_charset(label: str | None) -> tuple[str, ...]:
    """Map a declared charset label to the Python codecs to try (supersets first); () if unknown."""
    if not label:
        return ()
    name = label.strip().strip("\"'").lower().replace("_", "-")
    if name in _WIDEN:
        return _WIDEN[name]
    name2 = name.replace("-", "_")
    if name2 in _WIDEN:
        return _WIDEN[name2]
    try:
        return (codecs.lookup(name).name,)
    except LookupError:
        return ()


def sniff_declared_charset(data: bytes, limit: int = 8192) -> str | None:
    """The charset named by an XML declaration or a ``<meta>`` tag in the first `limit` bytes."""
    head = data[:limit]
    m = _XML_DECL_RE.match(head) or _META_RE.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL pattern says so (ASCII-range text without a BOM)."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    ze, zo = even.count(0) / len(even), odd.count(0) / max(1, len(odd))
    if zo > 0.6 and ze < 0.1:
        return "utf-16-le"
    if ze > 0.6 and zo < 0.1:
        return "utf-16-be"
    return None


def looks_binary(data: bytes, *, sample: int = 4096, max_control_share: float = 0.1) -> bool:
    """True for images, archives, PDFs and other non-text payloads.

    Checks well-known magic numbers, then the share of C0 control bytes (other than
    tab/newline/CR/FF/BS/ESC) in the first `sample` bytes. UTF-16/32 text (with a BOM, or
    the alternating-NUL pattern of ASCII-range UTF-16) is not binary.
    """
    if not data:
        return False
    if data.startswith(_MAGIC):
        return True
    if data[4:8] in (b"ftyp",) or (data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI ")):
        return True
    if any(data.startswith(b) for b, _ in _BOMS) or _utf16_without_bom(data):
        return False
    head = data[:sample]
    ctrl = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return ctrl / len(head) > max_control_share


def _clean(text: str) -> str:
    """Drop NULs (lxml and most tools reject them)."""
    return text.replace("\x00", "") if "\x00" in text else text


def _try(data: bytes, codecs_: tuple[str, ...]) -> tuple[str, str] | None:
    for c in codecs_:
        try:
            return data.decode(c), c
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _mostly_utf8(data: bytes, max_bad_share: float = 0.01) -> bool:
    """Valid UTF-8 apart from a few stray bytes (e.g. a truncated final sequence)."""
    non_ascii = sum(1 for b in data if b >= 0x80)
    if not non_ascii:
        return True
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    multi = sum(1 for ch in text if ord(ch) >= 0x80 and ch != "\ufffd")
    return multi > 0 and bad <= max(1, int(non_ascii * max_bad_share)) and bad < multi


def _is_common_han(ch: str) -> bool:
    """A frequent Han character: GB2312 level 1 or Big5 'frequently used' block."""
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0A1 <= int.from_bytes(b, "big") <= 0xD7FE:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return len(b) == 2 and 0xA440 <= int.from_bytes(b, "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def _cjk_guess(data: bytes, *, min_han: int = 2, min_common: float = 0.75, max_bad: int = 2,
               max_bad_share: float = 0.002, sample: int = 20000) -> tuple[str, str] | None:
    """Pick GB18030 or Big5 when one of them decodes cleanly into mostly common Han text.

    Short pages fool statistical detectors; legacy Chinese pages are the usual case here, and
    a clean decode made of frequent characters is strong evidence for the right one.
    """
    best: tuple[float, str, str] | None = None
    for enc in ("gb18030", "big5hkscs", "cp950"):
        text = data.decode(enc, "replace")
        bad = text.count("\ufffd")
        head = text[:sample]
        non_ascii = [c for c in head if ord(c) >= 0x80 and c != "\ufffd"]
        han = [c for c in non_ascii if "\u4e00" <= c <= "\u9fff"]
        if len(han) < min_han or len(han) < 0.5 * len(non_ascii):
            continue
        if bad > max(max_bad, int(len(han) * max_bad_share)):
            continue
        share = sum(1 for c in han if _is_common_han(c)) / len(han) - bad / len(han)
        if share >= min_common and (best is None or share > best[0]):
            best = (share, text, enc)
    return (best[1], best[2]) if best else None


_LATIN_EXTRA = frozenset("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u2022\u2122")


def _latin_guess(data: bytes, min_share: float = 0.95, max_accent_share: float = 0.3) -> tuple[str, str] | None:
    """cp1252 when its decode is Western text (Latin-1 letters and common typographic marks)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) >= 0x80]
    ok = sum(1 for c in non_ascii if "\u00c0" <= c <= "\u00ff" or c in _LATIN_EXTRA or c in "\u00a0\u00a3\u00a9\u00ae\u00b0\u00b7")
    if not non_ascii or ok / len(non_ascii) < min_share:
        return None
    letters = sum(1 for c in text if c.isalpha())
    # Western text is mostly ASCII letters; Cyrillic/Greek read as cp1252 is all accents
    accented = sum(1 for c in non_ascii if c.isalpha())
    return (text, "cp1252") if letters and accented / letters <= max_accent_share else None


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector must never break decoding
        log.debug("charset-normalizer failed", exc_info=True)
        return None
    if best is None or not best.encoding:
        return None
    widened = normalise_charset(best.encoding) or (best.encoding,)
    got = _try(data, widened)
    if got:
        return got
    try:
        return str(best), best.encoding
    except Exception:  # noqa: BLE001
        return None


def decode_bytes(data: bytes, *, is_html: bool = False, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes to str; returns (text, encoding).

    BOMs first (UTF-8/16/32), then a declared charset (HTTP header, or for HTML a
    ``<meta charset>``/XML declaration sniffed from the head) when it decodes cleanly,
    treating gb2312/gbk as gb18030 and big5 as big5hkscs/cp950; else UTF-8 strict; else
    charset-normalizer; last resort UTF-8 with replacement. A single-byte declaration
    (e.g. iso-8859-1) is overruled when the bytes are valid UTF-8 with non-ASCII content.
    Never raises; NUL characters are removed from the result.
    """
    if not data:
        return "", "utf-8"
    try:
        return _decode(bytes(data), is_html=is_html, declared=declared)
    except Exception:  # noqa: BLE001 - last line of defence
        log.debug("decode failed; using utf-8 with replacement", exc_info=True)
        return _clean(bytes(data).decode("utf-8", "replace")), "utf-8"


def _decode(data: bytes, *, is_html: bool, declared: str | None) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _clean(data[len(bom):].decode(enc, "replace")), enc
    u16 = _utf16_without_bom(data)
    if u16:
        return _clean(data.decode(u16, "replace")), u16
    is_ascii = data.isascii()
    candidates = [declared] if declared else []
    if is_html or not declared:
        sniffed = sniff_declared_charset(data)
        if sniffed and sniffed not in candidates:
            candidates.append(sniffed)
    for label in candidates:
        codecs_ = normalise_charset(label)
        if not codecs_:
            continue
        if codecs_[0].startswith(("utf-16", "utf_16", "utf-32", "utf_32")):
            continue  # a UTF-16 label in ASCII-compatible bytes is a lie (WHATWG: use UTF-8)
        if is_ascii:
            return _clean(data.decode("ascii")), codecs_[0] if codecs_[0] != "cp1252" else "ascii"
        single = bool(_SINGLE_BYTE.match(codecs_[0].replace("_", "-")))
        if single:
            try:
                return _clean(data.decode("utf-8")), "utf-8"  # valid UTF-8 beats a single-byte label
            except UnicodeDecodeError:
                pass
        got = _try(data, codecs_)
        if got:
            return _clean(got[0]), got[1]
    if is_ascii:
        return _clean(data.decode("ascii")), "ascii"
    try:
        return _clean(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    for cut in (1, 2, 3):  # valid UTF-8 whose last character was cut off
        try:
            return _clean(data[:-cut].decode("utf-8") + "\ufffd"), "utf-8"
        except UnicodeDecodeError:
            continue
    if _mostly_utf8(data):
        return _clean(data.decode("utf-8", "replace")), "utf-8"
    got = _cjk_guess(data) or _latin_guess(data) or _charset_normalizer(data)
    if got:
        return _clean(got[0]), got[1]
    return _clean(data.decode("utf-8", "replace")), "utf-8"
