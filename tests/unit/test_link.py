from newsdesk.config import load_config
from newsdesk.link.dates import infer_day, weekday_mentions
from newsdesk.link.features import salient_numbers
from newsdesk.link.record import prepare
from newsdesk.link.linker import Linker
from newsdesk.link.relations import classify_pair
from newsdesk.model import Article
import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

CFG = load_config()["link"]
BASE = ("Tencent shares rose 9.1% to HK$612.50 on Tuesday after fourth-quarter revenue climbed 14% to "
        "172.4 billion yuan, beating forecasts. The Hang Seng Index gained 1.8% to 25,346.20. \"Games "
        "carried the quarter,\" said analyst Mary Chan of Example Securities. Net profit rose 31% to 55.2 "
        "billion yuan, and the company raised its buyback to HK$120 billion.")
REWRITE = ("Shares of Tencent jumped 9.1% to HK$612.50 on Tuesday as revenue for the fourth quarter grew 14% "
           "to 172.4 billion yuan, ahead of estimates. Hong Kong's Hang Seng Index advanced 1.8% to 25,346.20. "
           "Analyst Mary Chan of Example Securities said games drove the quarter. Profit increased 31% to "
           "55.2 billion yuan while the buyback was lifted to HK$120 billion.")
ZH = ("腾讯股价周二上涨9.1%，报612.50港元。第四季度收入增长14%至172.4亿元，好于预期。恒生指数上涨1.8%，报25,346.20点。"
      "分析师表示，游戏业务推动了本季度业绩。净利润增长31%至55.2亿元，公司将回购规模提高至120亿港元。")
OTHER = ("Oil prices fell 2.3% to $71.40 a barrel on Wednesday as inventories rose by 4.2 million barrels, "
         "according to government data, while OPEC kept its output target unchanged at 41.1 million barrels.")


def art(i, text, lang="en", published=None):
    return Article(id=f"a{i}", document=f"d{i}", path=f"p{i}", text=text, language=lang, published=published,
                   published_basis="explicit" if published else None)


def rec(a):
    return prepare(a, [], CFG).record


def test_copy_rewrite_translation_and_none():
    # a syndicated copy: small edits and the last sentence trimmed; the fuller text is the original
    trimmed = BASE.rsplit(" Net profit", 1)[0].replace("said", "told reporters")
    a, copy = art(1, BASE, published="2026-03-18"), art(2, trimmed)
    v = classify_pair(rec(copy), rec(a), CFG)
    assert v.type == "copy" and v.target == "a1"
    rw = art(3, REWRITE)
    v = classify_pair(rec(rw), rec(a), CFG)
    assert v.type == "rewrite" and v.target == "a1"  # the article with the direct quote is the original
    zh = art(4, ZH, "zh")
    v = classify_pair(rec(zh), rec(a), CFG)
    assert v.type == "translation"
    other = art(5, OTHER)
    assert classify_pair(rec(other), rec(a), CFG) is None


def test_copy_that_credits_a_wire_is_the_carrier():
    """Two same-day copies of one text, whole: the one that says it carries another outlet's story ("(Wire) —"
    before the first sentence) is the copy, whichever of the two is read first."""
    plain = art(1, BASE, published="2026-03-18")
    credited = Article(id="a2", document="d2", path="p2", text="(Example Wire) — " + BASE, language="en",
                       published="2026-03-18", published_basis="explicit", source_attribution="Example Wire")
    for first, second in ((plain, credited), (credited, plain)):
        v = classify_pair(rec(second), rec(first), CFG)
        assert v.type == "copy" and (v.source, v.target) == ("a2", "a1")


def test_salient_numbers_skip_years_and_small_counts():
    assert salient_numbers("In 2025, 3 firms rose 4.5% to 1,234.5 points") == [4.5, 1234.5]
    assert salient_numbers("上涨4.1%，报129.10港元") == [4.1, 129.1]


def test_linker_groups_family_and_keeps_other_apart():
    lk = Linker(CFG)
    for a in (art(1, BASE, published="2026-03-18"), art(2, REWRITE), art(4, ZH, "zh"), art(5, OTHER)):
        lk.add(a, [])
    lk.finish()
    story = {aid: r.story for aid, r in lk.items.items()}
    assert story["a1"] == story["a2"] == story["a4"] != story["a5"]
    assert lk.items["a2"].published == "2026-03-18"
    assert lk.items["a2"].basis == "inferred"


def test_inferred_day_from_weekdays():
    mentions = weekday_mentions("The index rose 0.7% at 10.14am local time on Tuesday.", "en")
    assert mentions == [(1, "same")]
    assert infer_day(dt.date(2026, 3, 15), mentions) == dt.date(2026, 3, 17)
    past = weekday_mentions("Shares jumped 4% on Friday. It will report earnings on Thursday.", "en")
    assert {s for _, s in past} == {"past", "future"}
    assert infer_day(dt.date(2026, 3, 15), past) == dt.date(2026, 3, 15)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab 5.!?。！？"”’」』\n', max_size=40))
def test_sentences_cut_where_the_lookbehind_split_cut(text: str) -> None:
    """``sentences`` (a scan that opens with the end mark) cuts the text into the same non-empty sentences
    as the split it replaced, whose separator opened with a look-behind for the end mark."""
    from newsdesk.link.record import sentences
    reference = re.compile(r"(?<=[.!?])[\"”’]?\s+|(?<=[。！？])[”」』]?|\n+")
    assert [s for s in sentences(text) if s] == [s for s in reference.split(text) if s]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789,.-+ a٣", max_size=24))
def test_number_pattern_reads_what_the_plain_form_reads(text: str) -> None:
    """NUMBER (each alternative opening with the character it consumes) finds the same numbers at the same
    places as the plain form that opens with a look-behind."""
    from newsdesk.link.features import NUMBER
    plain = re.compile(r"(?<![A-Za-z0-9.])[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![A-Za-z0-9.,])[-+]?\d+(?:\.\d+)?")
    assert [m.span() for m in NUMBER.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_short_chinese_quote_marks_the_original_rewrite():
    """A Chinese direct quote is short in characters ("用户留存和复购情况好于预期", 13): it still counts, so
    the paraphrase that turned it into reported speech is the rewrite, though it is the longer text. An
    English aside of a few words in quotation marks is no quote."""
    from newsdesk.link.features import quotes
    assert quotes("许冉在电话会上表示，“用户留存和复购情况好于预期”。") == ["用户留存和复购情况好于预期"]
    assert quotes('The unit (the "Group") and its "best" year.') == []
    orig = ("示例集团（1234.HK）周四公布第四季度业绩。收入为3452亿元，同比增长11%；净利润为67亿元，同比下降32%。"
            "经营利润率为4.1%，包括新业务在内的经营亏损为88亿元，较上季度的131亿元收窄。"
            "首席执行官在电话会上表示，新业务日单量已稳定在2500万单以上，“用户留存和复购情况好于预期”。")
    para = ("周四，示例集团（1234.HK）发布了第四季度的财务报告。本季度公司实现收入3452亿元，较上年同期增加11%；"
            "净利润为67亿元，比去年同期减少32%。经营利润率为4.1%，包含新业务在内的经营亏损88亿元，比上一季度的"
            "131亿元有明显减少。首席执行官在业绩电话会上介绍，新业务每日订单量已稳定于2500万单之上，用户留存及复购"
            "表现优于公司的预期。")
    assert len(para) > len(orig)
    for first, second in ((art(1, orig, "zh"), art(2, para, "zh")), (art(2, para, "zh"), art(1, orig, "zh"))):
        v = classify_pair(rec(second), rec(first), CFG)
        assert v is not None and v.type == "rewrite" and (v.source, v.target) == ("a2", "a1")


def test_same_day_translation_original_by_publication_time():
    """On one day the earlier publication time (with its offset) is the original, whichever is read first;
    local times without an offset, or a day alone, leave it to the text."""
    from newsdesk.link.relations import _later
    en_t, zh_t = "2026-03-18T21:12:00+08:00", "2026-03-18T09:30:00-05:00"  # zh: 22:30 in Hong Kong, later
    pair = ((1, BASE, "en", en_t), (4, ZH, "zh", zh_t))
    for first, second in (pair, pair[::-1]):
        v = classify_pair(rec(art(*second)), rec(art(*first)), CFG)
        assert v.type == "translation" and (v.source, v.target) == ("a4", "a1")
    def at(i, published):
        return rec(art(i, BASE, published=published))
    # 23:00 in New York is 12:00 the next day in Hong Kong, after 09:00 there
    assert _later(at(1, "2026-03-18T23:00:00-05:00"), at(2, "2026-03-19T09:00:00+08:00")) is True
    assert _later(at(1, "2026-03-18T09:00:00"), at(2, "2026-03-18T10:00:00")) is None
    assert _later(at(1, "2026-03-18"), at(2, "2026-03-17")) is True


def test_follow_up_brings_more_new_figures_than_it_restates():
    """A later article of a story is a follow-up of the earlier one when most of its figures are new (the
    market's reaction); a next-day report that mostly restates the earlier figures, in its own order, is
    another report of the same event and gets no relation."""
    restate = ("Hong Kong's Hang Seng Index gained 1.8% to 25,346.20 as Tencent led the market. Net profit at "
               "Tencent rose 31% to 55.2 billion yuan, while fourth-quarter revenue climbed 14% to 172.4 billion "
               "yuan. Tencent shares rose 9.1% to HK$612.50, and the buyback was raised to HK$120 billion; the "
               "stock now trades at 21.5 times earnings, against 18.3 a year ago, an analyst said.")
    follow = ("Tencent shares rose a further 4.2% to HK$638.20 on Wednesday as six brokers raised their price "
              "targets, the highest to HK$760. Turnover reached 31.6 billion Hong Kong dollars, and the Hang Seng "
              "Index added 0.7% to 25,523.10, its third gain in a row, after the results that beat forecasts.")
    lk = Linker(CFG)
    for a in (art(1, BASE, published="2026-03-17"), art(2, restate, published="2026-03-18"),
              art(3, follow, published="2026-03-18")):
        lk.add(a, [])
    lk.finish()
    assert len({r.story for r in lk.items.values()}) == 1
    rels = {(r.source, r.target, r.type) for r in lk.relations}
    assert ("a3", "a1", "follow_up") in rels or ("a3", "a2", "follow_up") in rels
    assert not any(r.source == "a2" for r in lk.relations), rels


def test_timeline_counts_each_new_entity_once():
    """The entity list has one id per mention; a story's timeline says which entities each article names first,
    once each (the story page shows their number as "N new entities")."""
    lk = Linker(CFG)
    for a in (art(1, BASE, published="2026-03-17"), art(3, REWRITE, published="2026-03-18")):
        lk.add(a, [])
    lk.finish()
    ents = {"a1": ["kb:0700.HK", "kb:idx:HSI", "kb:0700.HK", "kb:0700.HK"], "a3": ["kb:0700.HK", "ent:x", "ent:x"]}
    (story,) = lk.stories(entities_by_article=ents)
    assert [t.added_entities for t in story.timeline] == [["kb:0700.HK", "kb:idx:HSI"], ["ent:x"]]


def test_timeline_orders_times_with_offsets_by_the_instant():
    """07:00 in Hong Kong on the 19th is 23:00 UTC on the 18th, before 23:30 UTC on the 18th: the timeline
    (and the order of the story's articles) follows the instant, not the written string."""
    lk = Linker(CFG)
    for a in (art(1, BASE, published="2026-03-18T23:30:00+00:00"),
              art(3, REWRITE, published="2026-03-19T07:00:00+08:00")):
        lk.add(a, [])
    lk.finish()
    (story,) = lk.stories()
    assert [t.article for t in story.timeline] == story.articles == ["a3", "a1"]


def test_story_title_is_the_most_central_headline():
    """The story's title is the headline of the member closest to the story's centroid, not the first one: a
    wide first piece that also covers other things does not name the story."""
    wide = BASE + (" Elsewhere, oil fell 2.3% to $71.40 a barrel as inventories rose by 4.2 million barrels, "
                   "gold slipped 0.4% and the yen weakened past 151 per dollar; Japanese exporters and Korean "
                   "chipmakers gained, and Australian miners tracked iron ore lower.")
    lk = Linker(CFG)
    for i, text, title in ((1, wide, "Five things to watch in Asian markets today"),
                           (2, BASE, "Tencent shares jump 9.1% as quarterly revenue beats forecasts"),
                           (3, REWRITE, "Tencent jumps 9.1% on stronger fourth-quarter revenue")):
        a = art(i, text, published="2026-03-18")
        a.title = title
        lk.add(a, [])
    lk.finish()
    (story,) = lk.stories()
    assert story.articles[0] == "a1" and story.title != "Five things to watch in Asian markets today"


def test_company_names_are_no_content_terms():
    """A listed company's name (its mention surfaces) leaves the content terms once per occurrence, in Latin
    and in Han script: its entity id says two reports name it, their content is what they say about it. A
    word of the name used on its own elsewhere keeps its other occurrences; prepare takes the surfaces from
    the article's company mentions (not from people or indices)."""
    from newsdesk.link.features import features
    from newsdesk.model import Mention
    zh = "宽泰科技周日宣布在越南新建封装工厂。宽泰科技表示，科技板块需求强劲。"
    f0 = features(zh, None, ["kb:QNTL"])
    f1 = features(zh, None, ["kb:QNTL"], companies=("宽泰科技",))
    assert f0.terms["宽泰"] == 2 and f0.terms["科技"] == 3
    assert "宽泰" not in f1.terms and "泰科" not in f1.terms
    assert f1.terms["科技"] == 1  # "科技板块" is no company name
    assert f1.terms["封装"] == f0.terms["封装"] == 1
    en = "Quantel Systems will build a plant in Halvern. Quantel Systems said the systems plant opens in 2028."
    e0 = features(en, "Quantel Systems to build plant", ["kb:QNTL"])
    e1 = features(en, "Quantel Systems to build plant", ["kb:QNTL"], companies=("Quantel Systems",))
    assert e0.terms["systems"] == 4 and e1.terms["systems"] == 1
    assert "quantel" not in e1.terms and e1.terms["plant"] == e0.terms["plant"]
    assert e1.title_terms["build"] == 1 and "quantel" not in e1.title_terms
    art = Article(id="a", document="a", path="a.txt", text=zh, language="zh",
                  mentions=[Mention("kb:QNTL", 0, 4, "宽泰科技"), Mention("kb:idx:HSI", 0, 2, "越南")])
    weights, _ = prepare(art, ["kb:QNTL", "kb:idx:HSI"], load_config()["link"]).feats.weights  # 1 + log(count)
    assert "宽泰" not in weights and weights["越南"] == 1.0


def test_independent_report_with_the_same_figures_is_no_rewrite():
    """An independent report of one announcement quotes the same key figures, mostly in the same order, but
    puts them in sentences of its own (the share move with the index, the date on its own); a rewrite goes
    sentence by sentence. The number-bearing sentences must align, as for translations."""
    independent = ("Tencent's shares rose 9.1% on Tuesday. The stock closed at HK$612.50 and the Hang Seng Index "
                   "gained 1.8%. Revenue rose 14% to 172.4 billion yuan in the fourth quarter, while the index "
                   "ended at 25,346.20. Net profit was 55.2 billion yuan, up 31%, and the buyback was raised to "
                   "HK$120 billion.")
    a = art(1, BASE, published="2026-03-18")
    assert classify_pair(rec(art(2, REWRITE)), rec(a), CFG).type == "rewrite"
    assert classify_pair(rec(art(3, independent)), rec(a), CFG) is None


def test_rewrite_without_quotes_the_terser_text_with_the_figures_is_the_original():
    """Same day, no dateline, no direct quote on either side: the paraphrase states the same figures in more
    words, so the terser text is the original, whichever is read first; a side with more figures is the fuller
    version and the original even when it is longer."""
    terse = ("Orbeck Motors said on Monday it sold 284,600 vehicles in February, down 12% from a year earlier, as "
             "the holiday weighed on demand. Exports rose 9% to 61,200 units and battery sales grew 15% to 8.4 "
             "gigawatt-hours, while passenger car sales fell 13% to 276,100.")
    padded = ("On Monday, Orbeck Motors reported that it had sold a total of 284,600 vehicles during the month of "
              "February, which represented a decline of 12% compared with the same month a year earlier, because "
              "the holiday period weighed on demand. Its exports went up by 9% to reach 61,200 units and its "
              "battery sales increased by 15% to 8.4 gigawatt-hours, whereas sales of passenger cars dropped by "
              "13% to 276,100.")
    for first, second in ((art(1, terse, published="2026-03-02"), art(2, padded, published="2026-03-02")),
                          (art(2, padded, published="2026-03-02"), art(1, terse, published="2026-03-02"))):
        v = classify_pair(rec(second), rec(first), CFG)
        assert v.type == "rewrite" and (v.source, v.target) == ("a2", "a1")
    fuller = padded + " The company also kept its 2026 target of 4.6 million vehicles."
    v = classify_pair(rec(art(3, fuller, published="2026-03-02")), rec(art(1, terse, published="2026-03-02")), CFG)
    assert v.type == "rewrite" and v.target == "a3"


def test_partial_restatement_is_a_rewrite_only_in_the_original_order():
    """A pair sharing under rewrite_cover_min of the fuller side's figures is a rewrite only when what it keeps
    follows the original figure by figure and sentence by sentence (a content farm that paraphrases the first
    paragraphs and stops); a report that quotes two thirds of them and brings its own (the brokers' forecasts)
    is an independent report of the same event, whichever threshold the looser rule would pass."""
    indep = ("Tencent's shares jumped 9.1% to HK$612.50 on Tuesday after revenue grew 14% in the fourth quarter. "
             "The Hang Seng Index added 1.8%. Net profit was up 31% at 55.2 billion yuan. Brokers now see revenue "
             "growing 8% next year and a dividend of HK$5.30.")
    partial = indep.rsplit(" Brokers", 1)[0]
    base = rec(art(1, BASE, published="2026-03-18"))
    loose = dict(CFG, rewrite_cover_min=0.0)
    assert classify_pair(rec(art(2, indep, published="2026-03-18")), base, loose).type == "rewrite"
    assert classify_pair(rec(art(2, indep, published="2026-03-18")), base, CFG) is None
    v = classify_pair(rec(art(3, partial, published="2026-03-18")), base, CFG)
    assert v.type == "rewrite" and v.target == "a1"  # the fuller text is the original


def test_translation_stating_two_figures_one_of_them_twice_is_a_candidate():
    """A text whose figures are "13 … 13 … 7,414" shares three with its translation counted as the pair
    classifier counts them; the candidate lookup counted distinct figures (two) and never offered the pair."""
    en = ("The council approved 13 new parking rules on Monday. Residents said the 13 rules were too strict. "
          "A petition against them has gathered 7,414 signatures since last month, organisers said.")
    zh = "市议会周一批准了13条新的停车规定。居民表示，这13条规定过于严格。组织者称，自上月以来，反对这些规定的请愿已征集到7414个签名。"
    lk = Linker(CFG)
    lk.add(art(1, en, published="2026-12-07"), [])
    lk.add(art(2, zh, "zh", published="2026-12-07"), [])
    assert [(r.type, r.source, r.target) for r in lk.relations] == [("translation", "a2", "a1")]
