"""Tests for newsdesk.ingest.encoding: decode_bytes never raises and picks sensible codecs."""
from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.ingest.encoding import decode_bytes, looks_binary, normalise_charset, sniff_declared_charset

ZH_SIMPLIFIED = "上海证券交易所今日发布公告，多家上市公司披露季度业绩，投资者关注银行板块的表现。"
ZH_TRADITIONAL = "香港股市今日收市上升，投資者信心增強，市場成交額較上一交易日增加。"


def test_empty() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


def test_utf16_with_bom() -> None:
    text = "Quarterly revenue rose — Umsatz stieg"
    for enc, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        out, used = decode_bytes(bom + text.encode(enc))
        assert out == text and used.startswith("utf-16")


def test_utf8_bom_stripped() -> None:
    out, used = decode_bytes(codecs.BOM_UTF8 + "café".encode())
    assert (out, used) == ("café", "utf-8")


def test_gb18030_without_declaration() -> None:
    out, used = decode_bytes(ZH_SIMPLIFIED.encode("gb18030"))
    assert out == ZH_SIMPLIFIED and used == "gb18030"


def test_big5_without_declaration() -> None:
    out, used = decode_bytes(ZH_TRADITIONAL.encode("big5"))
    assert out == ZH_TRADITIONAL and used in ("big5hkscs", "cp950")


def test_gbk_only_chars_declared_gb2312() -> None:
    text = "镕基金融" + ZH_SIMPLIFIED  # 镕 is GBK, not GB2312
    html = '<html><head><meta charset="gb2312"></head><body>' + text + "</body></html>"
    out, used = decode_bytes(html.encode("gbk"), is_html=True)
    assert text in out and used == "gb18030"


def test_wrong_declared_single_byte_charset() -> None:
    text = "Zürich-based lender’s shares fell"
    out, used = decode_bytes(text.encode("utf-8"), declared="iso-8859-1")
    assert out == text and used == "utf-8"


def test_wrong_declared_utf8() -> None:
    text = "Société Générale résumé, naïve café"
    out, used = decode_bytes(text.encode("cp1252"), declared="utf-8")
    assert out == text and used == "cp1252"


def test_meta_charset_sniffed() -> None:
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"></head></html>'
    assert sniff_declared_charset(html.encode()) == "GBK"
    assert normalise_charset("gb2312") == ("gb18030",)
    assert normalise_charset("big5")[0] == "big5hkscs"
    assert normalise_charset("no-such-charset") == ()


def test_nul_bytes() -> None:
    out, _ = decode_bytes(b"abc\x00def\x00")
    assert out == "abcdef"


def test_truncated_multibyte() -> None:
    data = "Prix: 100 €".encode() + "€".encode()[:2]
    out, used = decode_bytes(data)
    assert out.startswith("Prix: 100 €") and used == "utf-8"


def test_looks_binary() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert looks_binary(b"%PDF-1.7\n...")
    assert looks_binary(b"\x1f\x8b\x08\x00" + bytes(50))
    assert looks_binary(bytes(range(32)) * 10)
    assert not looks_binary(b"<html><body>plain text</body></html>")
    assert not looks_binary("plain text".encode("utf-16"))
    assert not looks_binary(b"")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.booleans(), st.sampled_from([None, "utf-8", "gb2312", "big5", "latin-1", "x-bogus"]))
def test_never_raises(data: bytes, is_html: bool, declared: str | None) -> None:
    text, enc = decode_bytes(data, is_html=is_html, declared=declared)
    assert isinstance(text, str) and isinstance(enc, str)
    assert "\x00" not in text
    looks_binary(data)
