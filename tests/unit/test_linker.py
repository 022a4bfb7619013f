"""Entity linking on hand-written English and Chinese sentences, plus a hand-labelled accuracy set."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsdesk.facts.kb import KnowledgeBase
from newsdesk.facts.linker import link_entities

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def links(text: str, kb: KnowledgeBase) -> list[tuple[str, str]]:
    mentions, entities = link_entities(text, kb=kb)
    ids = {e.id for e in entities}
    for m in mentions:
        assert text[m.start:m.end] == m.surface
        assert m.entity in ids
    return [(m.surface, m.entity) for m in mentions]


def test_company_names_short_names_and_possessives(kb):
    got = links("Alibaba Group Holding Ltd. beat estimates. Alibaba's shares rose, and Alibaba said more.", kb)
    assert got == [("Alibaba Group Holding Ltd.", "kb:9988.HK"), ("Alibaba", "kb:9988.HK"), ("Alibaba", "kb:9988.HK")]
    assert links("Tencent’s profit rose.", kb) == [("Tencent", "kb:0700.HK")]


@pytest.mark.parametrize("text,surface,eid", [
    ("Alibaba (NYSE: BABA) rose.", "BABA", "kb:9988.HK"),
    ("Alibaba (NYSE:BABA) rose.", "BABA", "kb:9988.HK"),
    ("Its OTC line (OTC:BABAF) rose.", "BABAF", "kb:9988.HK"),
    ("PDD Holdings (Nasdaq: PDD) fell.", "PDD", "kb:PDD"),
    ("Shares of 9988.HK rose.", "9988.HK", "kb:9988.HK"),
    ("Its Hong Kong stock (HKG: 9988) rose.", "9988", "kb:9988.HK"),
    ("The stock (0700.HK) rose.", "0700.HK", "kb:0700.HK"),
    ("The counter SEHK: 700 was active.", "700", "kb:0700.HK"),
    ("The liquor maker (600519.SH) fell.", "600519.SH", "kb:600519.SS"),
    ("The stock (00700.HK) jumped.", "00700.HK", "kb:0700.HK"),
    ("Traders piled into $NVDA calls.", "NVDA", "kb:NVDA"),
    ("The online retailer (BABA) gained.", "BABA", "kb:9988.HK"),
    ("Reuters quoted BABA.N at a high.", "BABA.N", "kb:9988.HK"),
])
def test_ticker_formats(kb, text, surface, eid):
    assert (surface, eid) in links(text, kb)


def test_bare_common_words_are_not_tickers(kb):
    assert links("The IT team said AI (AI) tools and IT (IT) budgets grew.", kb) == []
    assert not [s for s, _ in links("Spending on AI and IT rose, the CEO said.", kb)]


def test_chinese_longest_match_in_unspaced_text(kb):
    got = links("京东方发布财报，京东集团股价下跌，腾讯控股(00700.HK)上涨。", kb)
    assert got == [("京东方", "kb:000725.SZ"), ("京东集团", "kb:9618.HK"), ("腾讯控股", "kb:0700.HK"),
                   ("00700.HK", "kb:0700.HK")]


def test_traditional_script(kb):
    got = links("騰訊控股與阿里巴巴公佈業績，恆生指數上升，滙豐控股下跌。", kb)
    assert got == [("騰訊控股", "kb:0700.HK"), ("阿里巴巴", "kb:9988.HK"), ("恆生指數", "kb:idx:HSI"),
                   ("滙豐控股", "kb:0005.HK")]


def test_indices_and_short_forms(kb):
    got = links("The Hang Seng fell, the Dow rose, the Nasdaq was flat and the benchmark Shanghai index slipped.", kb)
    assert got == [("Hang Seng", "kb:idx:HSI"), ("Dow", "kb:idx:DJIA"), ("Nasdaq", "kb:idx:CCMP"),
                   ("benchmark Shanghai index", "kb:idx:SHCOMP")]
    assert links("Nasdaq-listed shares of the firm rose.", kb) == []


def test_surname_after_full_name(kb):
    got = links("Xi Jinping spoke first. Later, Xi met Jack Ma; Ma said little, and Xi left.", kb)
    assert got == [("Xi Jinping", "kb:p:xi-jinping"), ("Xi", "kb:p:xi-jinping"), ("Jack Ma", "kb:p:jack-ma"),
                   ("Ma", "kb:p:jack-ma"), ("Xi", "kb:p:xi-jinping")]


def test_surname_alone_does_not_link(kb):
    assert links("Ma said the market was calm. Xi is a common syllable.", kb) == []
    # before the full name appears, the surname stays unlinked
    got = links("Ma smiled. Then Pony Ma spoke, and Ma nodded.", kb)
    assert got == [("Pony Ma", "kb:p:pony-ma"), ("Ma", "kb:p:pony-ma")]


def test_surname_goes_to_most_recent_person(kb):
    got = links("Jack Ma arrived. Pony Ma followed. Ma sat down.", kb)
    assert got[-1] == ("Ma", "kb:p:pony-ma")


def test_chinese_surname_with_title(kb):
    got = links("习近平会见了外宾。习主席表示欢迎。", kb)
    assert got == [("习近平", "kb:p:xi-jinping"), ("习", "kb:p:xi-jinping")]


@pytest.mark.parametrize("text", [
    "She baked an Apple pie for the fair.",
    "Scientists studied the ant colony for a year.",
    "An Ant crawled over the leaf.",
    "这家餐厅的小米粥很好喝，完美的早餐。",
    "Amazon rainforest fires spread this summer.",
    "Ma Long won the final.",
    "The Tesla Foundation gave grants to schools.",
    "Xi's calligraphy class met on Friday.",
    "Customer relationship management (CRM) software and pay-per-click (PPC) ads.",
])
def test_non_links(kb, text):
    assert links(text, kb) == []


def test_a_currency_after_an_amount_is_a_unit_not_a_mention(kb):
    """"报612.50港元", "1,200亿港元", "5 billion Japanese yen": the currency is the unit of a figure; the exchange
    rate is mentioned only where the currency itself is the subject."""
    assert links("股价报612.50港元，回购至少1,200亿港元的股份。", kb) == []
    assert links("It paid 5 billion Japanese yen for the stake.", kb) == []
    assert [e for _, e in links("港元兑美元汇率走弱。", kb)] == ["kb:ins:USDHKD"]
    assert [e for _, e in links("The Japanese yen slid against the dollar.", kb)] == ["kb:ins:USDJPY"]


def test_ambiguous_names_link_with_company_cues(kb):
    assert links("Apple shares rose after the iPhone launch.", kb) == [("Apple", "kb:AAPL")]
    assert links("小米集团发布新手机，小米股价上涨。", kb) == [("小米集团", "kb:1810.HK"), ("小米", "kb:1810.HK")]
    assert ("Ant Group", "kb:org:ant-group") in links("Ant Group plans an IPO.", kb)


def test_adhoc_organisations_and_people(kb):
    text = ("Shares of Evergreen Harbor Holdings rose after Lotus Peak Capital bought a stake, said Mira Castellano, "
            "an analyst at Bluewater Asset Management. Castellano expects more deals.")
    mentions, entities = link_entities(text, kb=kb)
    by_surface = {m.surface: m.entity for m in mentions}
    ents = {e.id: e for e in entities}
    for name, etype in (("Evergreen Harbor Holdings", "company"), ("Lotus Peak Capital", "company"),
                        ("Bluewater Asset Management", "company"), ("Mira Castellano", "person")):
        ent = ents[by_surface[name]]
        assert ent.type == etype and ent.tickers == [] and not ent.id.startswith("kb:")
    assert by_surface["Castellano"] == by_surface["Mira Castellano"]
    # ids are content hashes of the normalised name: stable across calls and texts
    again, _ = link_entities("Evergreen  Harbor Holdings said no.", kb=kb)
    assert again[0].entity == by_surface["Evergreen Harbor Holdings"]


def test_adhoc_chinese_company(kb):
    got = links("深圳市星河远航科技有限公司宣布与招商银行合作。", kb)
    assert got[0][0] == "深圳市星河远航科技有限公司" and not got[0][1].startswith("kb:")
    assert got[1] == ("招商银行", "kb:600036.SS")
    assert links("该公司表示，上市公司数量增加。", kb) == []
    # a count before the suffix is some firm, not a name ("a brokerage analyst", "two banks")
    assert links("一名證券行分析員表示，兩家银行和多位基金經理看法不同。", kb) == []
    assert links("五洲星河公司股价上涨。", kb)[0][0] == "五洲星河公司"  # a numeral, no count: a name
    # a rank before the name describes it: "按資產計本港第四大銀行港灣銀行" is 港灣銀行
    assert links("按資產計本港第四大銀行港灣銀行周二公布業績。", kb) and \
        [s for s, _ in links("按資產計本港第四大銀行港灣銀行周二公布業績。", kb)] == ["港灣銀行"]


def test_known_base_with_suffix_links_to_kb(kb):
    assert links("Meituan Group said orders rose.", kb) == [("Meituan Group", "kb:3690.HK")]


def test_empty_and_plain_text(kb):
    assert link_entities("", kb=kb) == ([], [])
    assert links("Nothing to see here, just words.", kb) == []


def _gold(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text, gold = rec["text"], set()
        for g in rec["mentions"]:
            surface, eid, nth = g[0], g[1], (g[2] if len(g) > 2 else 0)
            pos = -1
            for _ in range(nth + 1):
                pos = text.index(surface, pos + 1)
            gold.add((pos, pos + len(surface), eid))
        yield text, gold


def score(path: Path, kb: KnowledgeBase) -> tuple[int, int, int]:
    n_gold = n_pred = n_ok = 0
    for text, gold in _gold(path):
        mentions, entities = link_entities(text, kb=kb)
        ents = {e.id: e for e in entities}
        pred = {(m.start, m.end, m.entity if m.entity.startswith("kb:") else "adhoc:" + ents[m.entity].type)
                for m in mentions}
        n_gold, n_pred, n_ok = n_gold + len(gold), n_pred + len(pred), n_ok + len(gold & pred)
    return n_gold, n_pred, n_ok


# linking_heldout2.jsonl (32 sentences, 81 mentions, written in session 13) scored P 0.962 R 0.949 before the
# changes it led to (a title-prefixed alias "Fed Chair Jerome Powell" hid the Fed; "Li Ning" / "李宁" alone was no
# alias of the company); two of its gold mentions were added after that first score because the entity base
# lists them as aliases of spot gold ("gold prices", "金价") and the first draft had left commodities out
@pytest.mark.parametrize("name", ["linking_gold.jsonl", "linking_heldout.jsonl", "linking_heldout2.jsonl"])
def test_linking_accuracy_floor(kb, name):
    n_gold, n_pred, n_ok = score(DATA / name, kb)
    precision, recall = n_ok / n_pred, n_ok / n_gold
    print(f"{name}: {n_gold} gold mentions, precision {precision:.3f}, recall {recall:.3f}")
    assert n_gold >= 60
    assert precision >= 0.9 and recall >= 0.9


def test_repeated_text_links_every_repeat(kb):
    # (speed is measured in bench/bench_facts.py, not asserted here)
    text = ("Hong Kong stocks fell as Tencent Holdings and Alibaba Group (NYSE: BABA) dropped, dragging the Hang Seng "
            "Index down 1.2%. Analysts at Morgan Stanley said the Federal Reserve could cut rates. ") * 10
    once, _ = link_entities(text[:len(text) // 10], kb=kb)
    mentions, _ = link_entities(text, kb=kb)
    assert once and len(mentions) == 10 * len(once)


from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("AaBbIiMmXx .,'’()-:$0123456789\n") + ["Alibaba", "Ma", "Xi Jinping", "HK", "NYSE",
                                                                         "腾讯", "騰", "公司", "集团", "的", "Holdings"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_offsets_hold_on_arbitrary_text(text):
    mentions, entities = link_entities(text)
    ids = {e.id for e in entities}
    last_end = -1
    for m in sorted(mentions, key=lambda m: m.start):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.surface and m.entity in ids
        assert m.start >= last_end  # no overlapping mentions
        last_end = m.end


def _proper_words_reference(text: str) -> Counter:
    """proper_words as first written: every CAPITAL word of the text, filtered in Python."""
    from newsdesk.link.features import CAPITAL, STOP, fold_accents

    out: Counter = Counter()
    for m in CAPITAL.finditer(text):
        w = m.group(0)
        if not w[0].isupper() or len(w) < 3:
            continue
        i = m.start() - 1
        while i >= 0 and text[i] in " \t\"'“‘(«":
            i -= 1
        if i < 0 or text[i] in ".!?:\n":
            continue
        low = fold_accents(w.casefold())
        if low.endswith(("'s", "’s")):
            low = low[:-2]
        if low not in STOP and len(low) >= 3:
            out[low] += 1
    return out


def test_names_match_with_or_without_their_diacritics() -> None:
    """Sources and languages keep or drop a name's accents ("Nestlé" / "Nestle", "Rondônia" / "Rondonia"):
    the name key is the same; letters without a decomposition ("ł") and Han characters stay as they are."""
    from newsdesk.link.features import fold_accents, proper_words

    assert proper_words("Shares of Nestlé rose in Zürich and São Paulo.") \
        == proper_words("Shares of Nestle rose in Zurich and Sao Paulo.") == Counter({"nestle": 1, "zurich": 1, "sao": 1, "paulo": 1})
    assert fold_accents("łódź") == "łodz" and fold_accents("北京") == "北京" and fold_accents("acme") == "acme"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("aZ bQé'’-.!?:\n\"“(«1_ÉßİŁ北京") + ["Acme", "said", "de", "O'Neil", " the "]),
                max_size=40).map("".join))
def test_proper_words_skips_lowercase_words_in_its_regex_with_the_same_result(text: str) -> None:
    """proper_words passes over words that open with an ASCII lower-case letter inside its regex; the
    words and counts are those of reading every word."""
    from newsdesk.link.features import proper_words

    assert proper_words(text) == _proper_words_reference(text)


def test_title_before_a_name_and_a_company_named_after_its_founder(kb):
    """"Fed Chair Jerome Powell" names the Fed and Powell (a title is not part of the name); "Li Ning" / "李宁"
    is the listed sportswear company where the sentence is about markets, not the gymnast it is named after."""
    assert links("Fed Chair Jerome Powell spoke on Friday.", kb) == [("Fed", "kb:org:fed"),
                                                                     ("Jerome Powell", "kb:p:jerome-powell")]
    assert links("Anta Sports and Li Ning shares fell 3%.", kb) == [("Anta Sports", "kb:2020.HK"),
                                                                    ("Li Ning", "kb:2331.HK")]
    assert links("安踏体育和李宁股价下跌3%。", kb) == [("安踏体育", "kb:2020.HK"), ("李宁", "kb:2331.HK")]
    assert [e for _s, e in links("Li Ning, the former gymnast, lit the torch at the opening ceremony.", kb)
            if e == "kb:2331.HK"] == []


def test_a_title_before_a_new_name_is_not_part_of_it(kb):
    """"said Chief Executive Officer Maria Lopez" names Maria Lopez (the linker made people of "Chief Executive"
    and "Officer Maria"; found by a press-release probe in session 13)."""
    mentions, entities = link_entities("\"Orders are strong,\" said Chief Executive Officer Maria Lopez.", kb=kb)
    ents = {e.id: e for e in entities}
    assert [(m.surface, ents[m.entity].type) for m in mentions] == [("Maria Lopez", "person")]
    mentions, entities = link_entities("Managing Director Ann Lee said the unit would grow.", kb=kb)
    assert [m.surface for m in mentions] == ["Ann Lee"]


def test_a_bank_not_in_the_base_is_a_company_but_a_place_is_not(kb):
    assert [(s, e.startswith("kb:")) for s, e in links("Shares of Harbour Bank rose 4%.", kb)] == [("Harbour Bank", False)]
    assert links("Violence in the West Bank rose.", kb) == [] and links("She helps at a local food bank.", kb) == []
    assert links("Hang Seng Bank shares fell 1%.", kb) == [("Hang Seng Bank", "kb:0011.HK")]
    assert links("The World Bank cut its forecast.", kb)[0][1].startswith("kb:org:")


def test_a_commodity_named_by_its_word_needs_its_price_unit(kb):
    """"Gold fell 0.4% to $2,310 an ounce" is the gold market (the sentence read past the point of "0.4%");
    gold without its unit ("struck gold", "a gold award") is not, nor is a company named Gold-something."""
    assert links("Gold fell 0.4% to $2,310 an ounce on Tuesday.", kb) == [("Gold", "kb:ins:XAU")]
    assert links("Copper rose 1.5% to $9,850 a tonne.", kb) == [("Copper", "kb:ins:HG1")]
    assert links("The miner struck gold and its shares rose 12%.", kb) == []
    assert links("It won a gold award; revenue rose 3%.", kb) == []
    assert ("Gold Fields", "kb:GFI") in links("Gold Fields shares fell 2%.", kb)


def test_a_coined_one_word_name_links_with_a_finance_word_but_an_ordinary_word_needs_more(kb):
    """The base's one-word short names of the long tail: a coined name ("Unilever", "Novartis": no ordinary
    English word) links with a finance word in its sentence, as "Apple" does (session 19: "Unilever trades at 17
    times forward earnings" lost its valuation); a name that is also a common
    word ("Coherent", "Rocket") still needs a cue right beside it (a suffix, a ticker, "shares")."""
    assert links("Stellantis trades at about 5 times forward earnings.", kb) == [("Stellantis", "kb:STLA")]
    assert links("Relx agreed a $2 billion deal for a data firm.", kb) == [("Relx", "kb:RELX")]
    assert links("The Stellantis canteen was closed.", kb) == []  # no finance word: no company cue
    assert links("A coherent plan lifted the shares 3%.", kb) == []
    assert links("Coherent said profit rose 3%.", kb) == []
    assert ("Coherent", "kb:COHR") in links("Coherent shares rose 3%.", kb)


@pytest.mark.parametrize("text, eid", [
    ("Japan's Nikkei share average ended down 1.1% at 38,500.12.", "kb:idx:NKY"),
    ("The FTSE 250 rose 0.6%.", "kb:idx:MCX"),
    ("The Philadelphia SE Semiconductor index fell 2%.", "kb:idx:SOX"),
    ("The KBW bank index gained 1.4%.", "kb:idx:BKX"),
    ("The Dow Jones Transportation Average slid 1%.", "kb:idx:DJT"),
    ("MSCI's broadest index of Asia-Pacific shares outside Japan rose 0.3%.", "kb:idx:MXAPJ"),
])
def test_market_report_names_of_indices(kb, text, eid):
    """Index names as wire market reports write them (session 19: the Nikkei's and three others were not in
    the base, the Dow transports linked to the industrials, the ex-Japan index to the one with Japan)."""
    assert [e for _, e in links(text, kb)] == [eid]


def test_trust_banks_and_counts_before_a_firm(kb):
    """A firm named "… Trust" or "… Bancorp" is a company (it was no entity, so "while Harbour Trust jumped 18%"
    went to the bank named before it); a count before "of" is no part of a name ("Two of Harbour Trust's
    largest shareholders"), a firm named with one keeps it; a pronoun is never part of one."""
    assert [s for s, _ in links("Lantern Bank fell 2.1%, while Harbour Trust jumped 18%.", kb)] == \
        ["Lantern Bank", "Harbour Trust"]
    assert [s for s, _ in links("Two of Harbour Trust's largest shareholders objected.", kb)] == ["Harbour Trust"]
    assert [s for s, _ in links("Three Arrows Capital collapsed.", kb)] == ["Three Arrows Capital"]
    assert links("In God We Trust is printed on the note.", kb) == []


@pytest.mark.parametrize("text, eid", [
    ("Siemens shares fell 2% in Frankfurt.", "kb:SIE.DE"), ("Nestle cut its sales forecast.", "kb:NESN.SW"),
    ("Foxconn, the Apple supplier, reported record revenue.", "kb:2317.TW"), ("宝马股价下跌2%。", "kb:BMW.DE"),
    ("Ericsson shares slid 4%.", "kb:ERIC"), ("Vodafone cut its dividend.", "kb:VOD"),
    ("Banks jumped 2.1%, with UniCredit up 4.3%.", "kb:UCG.MI"), ("TCS shares fell 2% in Mumbai.", "kb:TCS.NS"),
])
def test_large_companies_listed_outside_the_us_and_china(kb, text, eid):
    """entities_intl.tsv and the short names of foreign ADRs (session 19: none of these linked; "Ericsson" was
    only "Ericsson LM Telephone Co")."""
    assert eid in [e for _, e in links(text, kb)]


def test_a_company_name_that_is_also_a_surname_needs_a_finance_word(kb):
    assert links("The Roche family gathered for the holiday.", kb) == []
    assert links("Keisuke Honda scored twice.", kb) == []


def test_a_person_of_a_firm_and_a_bank_of_a_country(kb):
    """"Tom Lee of Kestrel Capital" is a person of a firm, not one firm's name (it was the speaker's
    organisation and the speaker); "Royal Bank of Canada" is the base's (its SEC name, "Royal Bank Of Canada",
    matched no text before the base wrote its small words small; session 19)."""
    assert [s for s, _ in links("said Tom Lee of Kestrel Capital.", kb)] == ["Tom Lee", "Kestrel Capital"]
    assert links("Royal Bank of Canada rose 2%.", kb) == [("Royal Bank of Canada", "kb:RY")]
    assert links("Bank of Montreal cut its forecast.", kb) == [("Bank of Montreal", "kb:BMO")]


def test_a_coined_first_word_names_the_company_and_a_given_name_makes_it_a_surname(kb):
    """"Rivian Automotive" is "Rivian" in most stories (build_kb.py cuts a coined first word off a generic
    tail, with a finance word in the sentence); "Carl Icahn" and "Mr Icahn" are people, not Icahn Enterprises;
    "Constellation" is both Constellation Energy's and Constellation Brands', so neither's (session 20)."""
    assert links("Rivian fell 2% on Tuesday.", kb) == [("Rivian", "kb:RIVN")]
    assert links("Arista shares jumped 8% after results.", kb) == [("Arista", "kb:ANET")]
    assert links("Meanwhile Arista shares rose 3%.", kb) == [("Arista", "kb:ANET")]
    assert links("Canadian Suncor shares rose 1%.", kb) == [("Suncor", "kb:SU")]
    assert links("Rivian unveiled a concept car at the show.", kb) == []  # (no finance word)
    assert "kb:IEP" not in [e for _, e in links("Carl Icahn bought more shares of the company.", kb)]
    assert "kb:IEP" not in [e for _, e in links("Mr Icahn sold shares.", kb)]
    assert "kb:PAG" not in [e for _, e in links("Roger Penske said the stock was cheap.", kb)]
    assert [e for _, e in links("Constellation shares fell 3%.", kb)] == []
    assert links("Barclays rose 1%, Lloyds was flat.", kb)[-1] == ("Lloyds", "kb:LYG")  # (of Lloyds Banking Group)
    assert links("Lloyds of London said claims rose 5%.", kb) == []  # (another name: "X of Y")


@pytest.mark.parametrize("text, eid", [
    ("Iron ore futures in Singapore were down 0.8% at $117.50 a ton.", "kb:ins:IRONORE"),
    ("U.S. natural gas futures climbed 4% to $2.95 per million British thermal units.", "kb:ins:NG1"),
    ("LME aluminium gained 1.1% to $2,250 a ton.", "kb:ins:ALI"), ("Nickel rose 2% to $18,000 a tonne.", "kb:ins:NICKEL"),
    ("The euro rose 0.3% to $1.0850.", "kb:ins:EURUSD"), ("Sterling fell 0.2% to $1.2640.", "kb:ins:GBPUSD"),
    ("The South Korean won weakened 0.8%.", "kb:ins:USDKRW"), ("英镑下跌0.2%。", "kb:ins:GBPUSD"),
    ("标准普尔500种股票指数上涨44.06点。", "kb:idx:SPX"),  # (Xinhua's name of the index)
    ("美元兑人民币中间价报7.1020。", "kb:ins:USDCNY"),
])
def test_benchmark_commodities_and_currencies(kb, text, eid):
    """Commodities and currencies of market wraps the base lacked (session 20: "iron ore futures … down 0.8%"
    went to the silver named before it)."""
    assert eid in [e for _, e in links(text, kb)]


def test_a_currency_word_inside_another_name_is_not_the_currency(kb):
    assert links("Euro zone inflation rose to 2.9% in October.", kb) == []
    assert links("She sold a sterling silver necklace for $300, up 20%.", kb) == []


def test_a_company_named_with_its_suffix_or_by_its_shares_answers_to_its_short_name(kb):
    """An unknown company found by its legal suffix answers to its name without it later in the article, not
    inside another name; "shares of X" names a company (session 20: "Hess shares rose 1.2%" and "Shares of
    Nimbus Silicon opened at $25" gave nothing)."""
    got = links("Chevron agreed to buy Hess Corp. Hess shares rose 1.2%, and John Hess joins the board of "
                "Hess Midstream.", kb)
    hess = [e for s, e in got if s.startswith("Hess Corp")][0]
    assert [s for s, e in got if e == hess] == ["Hess Corp.", "Hess"]
    got = links("Shares of Nimbus Silicon opened at $25. Nimbus Silicon raised $612 million.", kb)
    assert [s for s, _ in got] == ["Nimbus Silicon", "Nimbus Silicon"] and len({e for _, e in got}) == 1
    assert links("Shares of Asian banks fell 2%.", kb) == []
    assert [s for s, _ in links("Pacific Ltd fell 2%. Pacific trade is slow.", kb)] == ["Pacific Ltd"]  # a common word


def test_a_chinese_index_name_inside_another_index_name(kb):
    """"恒指波幅指数" is the Hang Seng's volatility index, not the Hang Seng Index ("升至25.3点" became its level once
    small levels with decimals were read; session 20); "恒指及国企指数" names both."""
    assert links("恒指波幅指数升至25.3点。", kb) == []
    assert links("恒指及国企指数均下跌1%。", kb)[0] == ("恒指", "kb:idx:HSI")
