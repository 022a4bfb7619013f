"""The shipped entity knowledge base: files, ids, tickers, aliases in both Chinese scripts."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk.facts.kb import KnowledgeBase, alias_key, data_files, normalize_ticker


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_load_is_cached(kb):
    assert KnowledgeBase.load() is kb


def test_every_file_has_source_line_and_header():
    files = data_files()
    names = {p.name for p in files}
    for expected in ("entities_us.tsv", "entities_hk.tsv", "entities_cn.tsv", "entities_indices.tsv",
                     "entities_people.tsv", "entities_orgs.tsv", "entities_instruments.tsv"):
        assert expected in names
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# source: ") and len(lines[0]) > 40, path.name
        assert lines[1].split("\t") == ["id", "type", "name", "tickers", "aliases", "exchange", "sector", "meta"]
        for n, line in enumerate(lines[2:], 3):
            assert len(line.split("\t")) == 8, f"{path.name}:{n}"


def test_counts_per_file(kb):
    by_file = {p.name: sum(1 for ln in p.read_text(encoding="utf-8").splitlines()[2:] if ln.strip())
               for p in data_files()}
    assert by_file["entities_us.tsv"] >= 2000
    assert by_file["entities_hk.tsv"] >= 150
    assert by_file["entities_cn.tsv"] >= 150
    assert by_file["entities_indices.tsv"] >= 35
    assert by_file["entities_people.tsv"] >= 90
    assert by_file["entities_orgs.tsv"] >= 110
    assert len(kb.entities) == sum(by_file.values())


def test_ids_types_and_ticker_formats(kb):
    for eid, ent in kb.entities.items():
        assert eid.startswith("kb:")
        assert ent.type in {"company", "person", "index", "org", "instrument"}
        for t in ent.tickers:
            if t.endswith(".HK"):
                assert re.fullmatch(r"\d{4,5}\.HK", t), t
            if t.endswith((".SS", ".SZ")):
                assert re.fullmatch(r"\d{6}\.(SS|SZ)", t), t
    hk = [e for e in kb.entities.values() if any(t.endswith(".HK") for t in e.tickers)]
    assert len(hk) >= 150  # HK-only names plus A+H dual listings


@pytest.mark.parametrize("ticker,eid", [
    ("0700.HK", "kb:0700.HK"), ("700.HK", "kb:0700.HK"), ("0700.hk", "kb:0700.HK"), ("HKG:0700", "kb:0700.HK"),
    ("HK:700", "kb:0700.HK"), ("SEHK: 700", "kb:0700.HK"), ("00700.HK", "kb:0700.HK"),
    ("BABA", "kb:9988.HK"), ("NYSE: BABA", "kb:9988.HK"), ("BABAF", "kb:9988.HK"), ("9988.HK", "kb:9988.HK"),
    ("BABA.N", "kb:9988.HK"), ("600519.SH", "kb:600519.SS"), ("600519.SS", "kb:600519.SS"),
    ("SSE:600519", "kb:600519.SS"), ("000858.SZ", "kb:000858.SZ"), ("$AAPL", "kb:AAPL"), ("BRK.B", "kb:BRK-B"),
    ("PDD", "kb:PDD"), ("Nasdaq: PDD", "kb:PDD"), ("1211.HK", "kb:002594.SZ"), ("002594.SZ", "kb:002594.SZ"),
    ("3750.HK", "kb:300750.SZ"), ("HSBC", "kb:0005.HK"), ("TSM", "kb:TSM"), ("HSI", "kb:idx:HSI"),
])
def test_by_ticker(kb, ticker, eid):
    ent = kb.by_ticker(ticker)
    assert ent is not None and ent.id == eid


@pytest.mark.parametrize("ticker", ["", "NOPE1", "HK:ABCD", "9999999.HK", "0.HK"])
def test_by_ticker_unknown(kb, ticker):
    assert kb.by_ticker(ticker) is None


def test_normalize_ticker():
    assert normalize_ticker("hkg: 5") == "0005.HK"
    assert normalize_ticker("SZSE:300750") == "300750.SZ"
    assert normalize_ticker("9984.T") == "9984.T"
    assert normalize_ticker("HSBA.L") == "HSBA.L"


def test_dual_listed_companies_are_one_entity(kb):
    ali = kb.by_ticker("BABA")
    assert {"9988.HK", "BABA", "BABAF"} <= set(ali.tickers)
    assert kb.by_ticker("9618.HK") is kb.by_ticker("JD")
    for adr in ("JD", "PDD", "BIDU", "NIO", "LI", "XPEV", "TME", "BILI", "NTES", "TCOM", "YUMC", "BEKE", "ZTO"):
        assert kb.by_ticker(adr) is not None, adr


@pytest.mark.parametrize("alias,eid", [
    ("Tencent", "kb:0700.HK"), ("腾讯控股", "kb:0700.HK"), ("騰訊控股", "kb:0700.HK"),
    ("Tencent Holdings Ltd.", "kb:0700.HK"), ("Alibaba Group Holding Ltd.", "kb:9988.HK"), ("阿里巴巴", "kb:9988.HK"),
    ("恒生指数", "kb:idx:HSI"), ("恆生指數", "kb:idx:HSI"), ("the Hang Seng", "kb:idx:HSI"),
    ("H-share index", "kb:idx:HSCEI"), ("沪深300", "kb:idx:CSI300"), ("滬深300", "kb:idx:CSI300"),
    ("Xi Jinping", "kb:p:xi-jinping"), ("習近平", "kb:p:xi-jinping"), ("马化腾", "kb:p:pony-ma"),
    ("PBOC", "kb:org:pboc"), ("證監會", "kb:org:csrc"), ("蚂蚁集团", "kb:org:ant-group"), ("螞蟻集團", "kb:org:ant-group"),
    ("十年期国债", "kb:ins:CGB10Y"), ("Nvidia", "kb:NVDA"), ("Goldman Sachs", "kb:GS"), ("Julius Baer", "kb:org:julius-baer"),
])
def test_candidates(kb, alias, eid):
    assert eid in [e.id for e in kb.candidates(alias)]


def test_generated_traditional_forms(kb):
    # 美团点评 is listed only in simplified script; the traditional form comes from OpenCC at load time
    assert "kb:3690.HK" in [e.id for e in kb.candidates("美團點評")]
    assert "美團點評" in kb.entities["kb:3690.HK"].aliases or "美团点评" in kb.entities["kb:3690.HK"].aliases


def test_people_carry_org_and_role(kb):
    people = [e for e in kb.entities.values() if e.type == "person"]
    assert len(people) >= 60
    for p in people:
        assert p.meta.get("org") and p.meta.get("role") and p.meta.get("surname"), p.id
    assert kb.entities["kb:p:jack-ma"].meta["org"] == "kb:9988.HK"


def test_person_org_links_resolve(kb):
    for p in (e for e in kb.entities.values() if e.type == "person"):
        org = p.meta["org"]
        if org.startswith("kb:"):
            assert org in kb.entities, (p.id, org)


def test_alias_key_folds():
    assert alias_key("  Alibaba’s   GROUP ") == "alibaba's group"
    assert alias_key("騰訊控股") == alias_key("腾讯控股")


def test_from_files_custom_and_bad_rows(tmp_path: Path):
    f = tmp_path / "entities_test.tsv"
    f.write_text("# source: test\nid\ttype\tname\ttickers\taliases\texchange\tsector\tmeta\n"
                 "kb:X1\tcompany\tExample Widgets Ltd.\t0123.HK\tExample Widgets;?Widgets;示例公司\tHKEX\t\t{}\n"
                 "kb:X2\tcompany\tBroken\t\t\t\t\t{not json\n", encoding="utf-8")
    kb = KnowledgeBase.from_files([f])
    assert list(kb.entities) == ["kb:X1"]
    assert kb.by_ticker("HKG:123").id == "kb:X1"
    assert [e.id for e in kb.candidates("示例公司")] == ["kb:X1"]
    assert kb.alias_infos("Widgets")[0].cue == 1
    assert kb.sources["entities_test.tsv"] == "test"
