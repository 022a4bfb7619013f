"""Story clustering (newsdesk.link.stories) on small hand-written articles."""
from __future__ import annotations

import pickle
from collections import Counter
from datetime import date

import pytest

from newsdesk.config import load_config
from newsdesk.link.features import features
from newsdesk.link.stories import StoryClusterer, main_company, stem

FLOOD_A = ("Floods force thousands from homes in Karvona", (
    "Heavy rain sent the Lessel River over its banks on Tuesday, forcing about 4,200 residents of Karvona "
    "to leave their homes. Mayor Ilse Brandvik said emergency shelters had opened in three schools and that "
    "rescue crews had pulled 37 people from flooded cars. The regional weather office expects more rain "
    "through Thursday, and the rail line to Ostmark remains closed."))
FLOOD_B = ("Karvona evacuates as Lessel River bursts its banks", (
    "Some 4,200 people were evacuated in Karvona after the Lessel River overflowed following days of "
    "downpours, officials said. Rescuers saved 37 motorists trapped by the water, according to Mayor Ilse "
    "Brandvik, who opened school gyms as shelters. Trains to Ostmark are suspended while forecasters warn "
    "that the storm will linger until the end of the week."))
CHIPS = ("Quantel posts record quarterly profit on chip demand", (
    "Quantel Systems reported a quarterly net profit of 812 million dollars, up 46 percent, as demand for "
    "its data-centre processors outstripped supply. Chief executive Dara Okonkwo said the company would "
    "raise capital spending and expand its plant in Veldhaven next year. Shares rose 7.3 percent."))
RECALL = ("Orbeck Motors recalls 120,000 sedans over faulty brakes", (
    "Orbeck Motors is recalling 120,000 Meridian sedans built between March and June because a brake hose "
    "can crack, the carmaker said on Monday. Dealers in Halvern will replace the part free of charge. "
    "Regulator Petra Linde said no injuries had been reported so far. Owners will receive letters within two "
    "weeks; the inspection takes about an hour. The defect was found during winter testing, when technicians "
    "noticed fluid leaking near the rear axle, and the supplier has since changed the rubber compound used "
    "in the hose. Consumer groups asked why the problem took four months to surface."))
FACTORY = ("Orbeck Motors to build battery factory in Sundby", (
    "Orbeck Motors will spend 2.4 billion euros on a battery factory in Sundby that is to employ 3,100 "
    "workers from 2027, chief executive Jonas Aalund announced on Wednesday. Construction starts this "
    "autumn; the plant will supply cells for the group's electric vans. The regional government is "
    "contributing a grant for roads and a rail spur, and the local university will train technicians. "
    "Environmental campaigners questioned the water use of the site, while the mayor welcomed the jobs and "
    "said housing for new arrivals was already being planned."))


def _feats(title: str, text: str, ents: list[str] | None = None):
    return features(text, title, ents or [])


def _assign(c: StoryClusterer, aid: str, art, lang: str = "en", day: date | None = None,
            ents: list[str] | None = None) -> str:
    return c.assign(aid, _feats(art[0], art[1], ents), lang, day, None, "s-" + aid)


def test_same_story_in_different_words_joins_and_unrelated_stays_apart():
    c = StoryClusterer()
    s1 = _assign(c, "a", FLOOD_A)
    s_chip = _assign(c, "c", CHIPS)
    s2 = _assign(c, "b", FLOOD_B)
    assert s2 == s1
    assert s_chip != s1
    assert c.story_of == {"a": s1, "b": s1, "c": s_chip}


REWRITE = ("Brake defect: Orbeck recalls 120,000 Meridian cars", (
    "Orbeck Motors said on Monday it will recall 120,000 Meridian sedans made from March to June, as a "
    "brake hose may crack. Halvern dealers fix the hose for free; Petra Linde of the regulator said nobody "
    "had been hurt."))


def test_near_miss_rewrite_goes_to_its_own_event_not_the_sibling():
    # two events of one company kept apart (a stricter threshold than the default, see the xfail below):
    # a rewrite of the recall must pick the recall story, not the factory story that shares the names
    c = StoryClusterer(threshold=0.3)
    s_recall = _assign(c, "r", RECALL)
    s_factory = _assign(c, "f", FACTORY)
    assert s_recall != s_factory
    assert _assign(c, "r2", REWRITE) == s_recall
    scored = dict((sid, s) for s, sid in c.score_stories(c.vector(_feats(*REWRITE), "en"), "en", None))
    assert scored[s_recall] > 2 * scored.get(s_factory, 0.0)


@pytest.mark.xfail(strict=True, reason="known limit: at the default threshold (tuned on long, noisy web pages) "
                   "two short clean articles sharing only a company name still score above it")
def test_near_miss_same_company_different_event_stays_apart_at_default_threshold():
    c = StoryClusterer()
    assert _assign(c, "r", RECALL) != _assign(c, "f", FACTORY)


def test_cross_lingual_article_joins_through_entity_ids_and_numbers():
    ents = ["ent:quantel", "ent:okonkwo", "ent:veldhaven"]
    c = StoryClusterer()
    s_en = _assign(c, "en", CHIPS, ents=ents)
    _assign(c, "other", RECALL, ents=["ent:orbeck"])
    zh = ("量子系统季度利润创纪录", "量子系统公司公布季度净利润812百万美元，增长46%，数据中心处理器需求旺盛。"
          "首席执行官表示将扩大工厂。股价上涨7.3%。")
    assert _assign(c, "zh", zh, lang="zh", ents=ents) == s_en
    # a Chinese article about something else, with other entities, does not join
    zh_other = ("港口罢工", "码头工人罢工第三天，货柜积压，航运公司改道。")
    assert _assign(c, "zh2", zh_other, lang="zh", ents=["ent:port"]) != s_en


def test_dates_far_apart_start_a_new_story():
    c = StoryClusterer(window_days=7)
    s1 = _assign(c, "a", FLOOD_A, day=date(2024, 3, 1))
    assert _assign(c, "b", FLOOD_B, day=date(2024, 5, 1)) != s1
    assert _assign(c, "b2", FLOOD_B, day=date(2024, 3, 2)) == s1


def test_threshold_is_a_real_switch():
    strict = StoryClusterer(threshold=0.99)
    s1 = _assign(strict, "a", FLOOD_A)
    assert _assign(strict, "b", FLOOD_B) != s1


def test_from_config_reads_link_table_and_state_pickles():
    cfg = load_config(overrides={"link": {"story_threshold": 0.5, "story_proper_weight": 1.5}})["link"]
    c = StoryClusterer.from_config(cfg)
    assert c.p.threshold == 0.5 and c.p.proper_weight == 1.5 and c.p.window_days == cfg["story_window_days"]
    _assign(c, "a", FLOOD_A)
    c2 = pickle.loads(pickle.dumps(c))
    assert _assign(c2, "b", FLOOD_B) == c2.story_of["a"]


def test_stem_is_light():
    assert stem("floods") == "flood" and stem("companies") == "company" and stem("press") == "press"
    assert stem("bus") == "bus" and stem("股票") == "股票"


def _wrap(levels: list[str]) -> tuple[str, str]:
    a, b, c, d, e, f, g, h, i, j, k = levels
    return ("Norvale shares close higher as exporters gain", (
        f"The Norvale Composite index rose {a} percent to {b} on Thursday, while the smaller-company index "
        f"added {c} percent to {d}. Turnover reached {e} billion crowns. Exporter Kestrel Shipping climbed "
        f"{f} percent to {g} crowns and lender Ardent Bank gained {h} percent. The crown traded at {i} per "
        f"dollar and the ten-year yield eased to {j} percent, its lowest in {k} weeks, as traders bet on "
        "lower rates from the central bank."))


def test_number_heavy_reports_sharing_no_number_stay_apart():
    first = _wrap(["1.24", "18,432.55", "0.87", "4,210.16", "61.3", "3.45", "212.40", "2.08", "10.62", "3.115",
                   "17"])
    later = ("Norvale stocks end up as banks lead", (
        "Norvale's Composite index closed up 0.56 percent at 19,870.02 on Monday, and the smaller-company index "
        "firmed 1.12 percent to 4,488.73 on turnover of 48.9 billion crowns. Ardent Bank rose 1.71 percent to "
        "36.10 crowns, insurer Halden Mutual advanced 0.94 percent and Kestrel Shipping slipped 2.3 percent. "
        "The crown was little changed at 10.08 per dollar; the ten-year yield rose to 2.874 percent, the "
        "highest in 23 weeks, as traders pared bets on lower rates."))
    c = StoryClusterer()
    s1 = _assign(c, "w1", first)
    assert _assign(c, "w2", later) != s1
    # the same report again (numbers shared) joins; without the rule the later wrap would have joined too
    assert _assign(c, "w1b", first) == s1
    loose = StoryClusterer(number_conflict=1.0, pair_numbers_factor=1.0)
    s1 = _assign(loose, "w1", first)
    assert _assign(loose, "w2", later) == s1


def test_cold_stories_are_packed_and_score_the_same():
    """Centroids of stories beyond ``hot_stories`` are packed (a key tuple and a float array); the
    assignments and scores do not depend on which stories are hot."""
    arts = [FLOOD_A, CHIPS, RECALL, FACTORY, FLOOD_B, REWRITE]
    hot, cold = StoryClusterer(hot_stories=10_000), StoryClusterer(hot_stories=1)
    for i, art in enumerate(arts):
        assert _assign(hot, str(i), art) == _assign(cold, str(i), art)
    assert hot.story_of == cold.story_of
    packed = [st for st in cold.stories.values() if st._cent is None]
    assert len(packed) >= len(cold.stories) - 1 and packed[0]._ckeys
    assert all(hot.stories[sid].centroid == st.centroid for sid, st in cold.stories.items())
    probe = _feats(*RECALL)
    assert hot.score_stories(hot.vector(probe, "en"), "en", None) == \
        cold.score_stories(cold.vector(probe, "en"), "en", None)
    # a stored story is packed, and its key strings are shared after loading
    st = pickle.loads(pickle.dumps(hot.stories[hot.story_of["0"]]))
    assert st._cent is None and st.centroid == hot.stories[hot.story_of["0"]].centroid
    # the numbers of a cold story are packed too (a sorted float array), read back as the same set
    assert any(s._nums is None and len(s._nums_packed) for s in packed)
    assert all(hot.stories[sid].numbers == st.numbers for sid, st in cold.stories.items())
    assert st._nums is None and st.numbers == hot.stories[hot.story_of["0"]].numbers and st.numbers


def test_story_state_stored_before_number_packing_loads():
    """A state pickled before the numbers were packed (a plain ``numbers`` set in its state) loads."""
    from newsdesk.link.stories import StoryState

    st = StoryState(id="s1", members=["a"])
    st.numbers |= {4.5, 120.0}
    state = st.__getstate__()
    assert state["numbers"] == {4.5, 120.0} and "_nums" not in state and "_nums_packed" not in state
    old = StoryState.__new__(StoryState)
    old.__setstate__(dict(state))
    assert old.numbers == {4.5, 120.0} and old.members == ["a"]
    old.pack()
    assert old._nums is None and list(old._nums_packed) == [4.5, 120.0] and len(old.numbers) == 2


QUARTER_A = ("Orbeck Motors first-quarter profit rises", (
    "Orbeck Motors said first-quarter net profit rose 14.2 percent to 631 million euros on revenue of 8.45 "
    "billion euros, as deliveries of its Meridian sedan climbed to 212,400 cars. The carmaker kept its "
    "full-year margin target of 7.5 percent, chief executive Jonas Aalund said in Halvern."))
QUARTER_B = ("Orbeck Motors second-quarter profit falls as sedan sales slow", (
    "Profit at Orbeck Motors fell 9.8 percent in the second quarter to 512 million euros, hurt by price cuts "
    "in China and a slower month for Meridian orders, with 187,300 cars delivered and sales of 7.91 billion "
    "euros. Finance chief Mirela Vos lowered the margin goal to 6.2 percent on a call with analysts from "
    "Stenbury and said a new model would reach dealers in Poland and Austria in the autumn."))
QUARTER_A2 = ("Orbeck profit up 14% in first quarter", (
    "Halvern-based Orbeck Motors lifted first-quarter net profit by 14.2 percent to 631 million euros. "
    "Revenue reached 8.45 billion euros and Meridian deliveries 212,400, and Jonas Aalund confirmed the "
    "7.5 percent margin goal for the year."))


def test_reports_with_other_figures_are_other_events():
    """Two results of one company (same company, same words, other people and places) with none of the
    same figures are two events; a rewrite that repeats the figures joins its own one. Fewer than
    ``pair_numbers_min`` numbers on either side says nothing (no penalty); dated within
    ``pair_numbers_days`` of each other, different figures are a running story's follow-ups."""
    c = StoryClusterer()
    s_a = _assign(c, "a", QUARTER_A)
    s_b = _assign(c, "b", QUARTER_B)
    assert s_b != s_a
    assert _assign(c, "a2", QUARTER_A2) == s_a
    loose = StoryClusterer(pair_numbers_factor=1.0)
    assert _assign(loose, "a", QUARTER_A) == _assign(loose, "b", QUARTER_B)
    c2 = StoryClusterer()
    assert c2._numbers_agree(frozenset([1.5, 2.5]), "nobody")
    c3 = StoryClusterer()
    s_a = _assign(c3, "a", QUARTER_A, day=date(2026, 4, 20))
    assert _assign(c3, "b", QUARTER_B, day=date(2026, 4, 22)) == s_a


def test_possessive_is_the_same_name():
    f = _feats("Bush's knee", "The coach said Reggie Bush's knee was sore. Later Reggie Bush rested.")
    assert f.proper["bush"] == 2 and "bush's" not in f.proper


def test_cross_script_names_only_one_side_can_spell_do_not_dilute():
    """An English report full of Latin-letter names and its Chinese version (which writes those names in
    Han characters) meet through entity ids and figures: the names only the English side has are left
    out of the comparison across scripts."""
    ents = ["ent:quantel"]
    en = ("Quantel posts record quarterly profit on chip demand", (
        "Quantel Systems reported a quarterly net profit of 812 million dollars, up 46 percent, Dara Okonkwo "
        "of Veldhaven said. Analysts at Brisk Capital, Merrow Partners and Tallis Research had expected "
        "less; Okonkwo also named Halvern, Sundby and Ostmark as new sites. Shares rose 7.3 percent."))
    zh = ("量子系统季度利润创纪录", "量子系统公司公布季度净利润812百万美元，增长46%，股价上涨7.3%。")
    scores = {}
    for opt in (True, False):
        c = StoryClusterer(xl_script_names=opt)
        _assign(c, "en", en, ents=ents)
        f = _feats(zh[0], zh[1], ents)
        scores[opt] = c.score_stories(c.vector(f, "zh"), "zh", None, f.years, set(f.numbers))[0][0]
        assert _assign(c, "zh", zh, lang="zh", ents=ents) == "s-en"  # (candidates: entity ids and numbers)
    assert scores[True] > 3 * scores[False]


def test_sources_on_one_event_may_quote_other_figures():
    """Two reports on one event that quote none of the same figures but name the same people and places
    (cosine of the capitalised names >= ``pair_numbers_names``) are not pushed apart by their figures."""
    other_source = ("Orbeck Motors beats forecasts as Meridian drives first quarter", (
        "Jonas Aalund told reporters in Halvern that Orbeck Motors had its best start to a year, with Meridian "
        "orders up 18 percent, a backlog of 96,000 cars, 2,300 new hires and a cash pile of 4.1 billion "
        "euros. The Orbeck chief said the Meridian plant in Halvern would add a third shift in June."))
    c = StoryClusterer()
    s_a = _assign(c, "a", QUARTER_A)
    assert _assign(c, "o", other_source) == s_a
    strict = StoryClusterer(pair_numbers_names=1.01)
    s_a = _assign(strict, "a", QUARTER_A)
    assert _assign(strict, "o", other_source) != s_a


def test_number_after_a_name_is_no_salient_figure():
    f = _feats("Index report", "The CSI 300 Index rose 1.9% to 4,682.35, and the S&P 500 gained 12 points. "
               "About 300 people attended. Nikkei 225 futures were flat.")
    assert 300.0 in f.numbers and 500.0 in f.numbers  # the relation checks still see every number
    assert 300.0 in f.story_numbers  # "About 300": a common word opening a sentence is no name
    assert 500.0 not in f.story_numbers and 225.0 not in f.story_numbers
    assert {1.9, 4682.35, 12.0} <= set(f.story_numbers)
    c = StoryClusterer()
    assert not any(k == "N:225" or k == "N:500" for k in c.vector(f, "en"))


HEIST_THU = ("Thieves raid jeweller in Varnholm", (
    "Four armed men stole rings and watches from the Edelmark jewellery store in central Varnholm on Thursday, "
    "police said. The robbers threatened staff with handguns and fled in a grey car. No one was hurt, and "
    "detectives are studying camera footage from the shopping street."))
HEIST_MON = ("Robbers hit Varnholm jewellery store", (
    "Robbers smashed a car into a jewellery store in central Varnholm on Monday and escaped with rings and "
    "watches, police said. Staff were unhurt. Detectives are studying camera footage and appealed for "
    "witnesses who saw the car on the shopping street."))


def test_weekday_conflict_cuts_a_story_whose_members_agree_on_another_day():
    assert features(HEIST_THU[1], HEIST_THU[0], []).weekdays == {3}
    c = StoryClusterer(threshold=0.5, weekday_conflict=1.0)
    assert _assign(c, "a", HEIST_THU) == _assign(c, "b", HEIST_MON)
    c = StoryClusterer(threshold=0.5, weekday_conflict=0.5)
    assert _assign(c, "a", HEIST_THU) != _assign(c, "b", HEIST_MON)
    # a story whose members already name several days (a running story's follow-ups) is not cut
    c = StoryClusterer(threshold=0.5, weekday_conflict=0.5)
    both = (HEIST_THU[0], HEIST_THU[1] + " Shops nearby were raided on Friday.")
    _assign(c, "a", both)
    _assign(c, "x", (HEIST_THU[0], HEIST_THU[1].replace("Thursday", "Friday")))
    assert _assign(c, "b", HEIST_MON) == c.story_of["a"]


RAIL = ("Ostmark line shut as storm lingers", (
    "Rail operator Nordbane suspended trains between Ostmark and Karvona after water covered the tracks near "
    "the Lessel bridge. Forecasters warn the storm will linger until the end of the week, and replacement buses "
    "run every hour. Engineers will inspect the embankment once levels fall."))
SHELTER = ("Schools open as shelters", (
    "Mayor Ilse Brandvik opened three schools as emergency shelters for about 4,200 residents forced from their "
    "homes by the Lessel River. Rescue crews pulled 37 people from flooded cars, she said, and volunteers "
    "brought blankets and hot meals to the gyms."))


def test_report_bridging_two_sources_brings_the_lone_one_into_its_story():
    c = StoryClusterer(rejoin_min=0.0)
    ids = [_assign(c, k, v) for k, v in (("r", RAIL), ("s", SHELTER), ("a", FLOOD_A), ("q", CHIPS))]
    assert ids[0] == ids[2] and ids[1] != ids[2]
    c = StoryClusterer(rejoin_min=0.05, rejoin_threshold=0.2)
    for k, v in (("r", RAIL), ("s", SHELTER), ("a", FLOOD_A), ("q", CHIPS)):
        _assign(c, k, v)
    assert c.story_of["s"] == c.story_of["r"] == c.story_of["a"] != c.story_of["q"]
    assert c.stories[c.story_of["a"]].members == ["r", "a", "s"]


def test_report_joining_through_a_relation_still_brings_in_the_source_it_bridges():
    """A report typed a rewrite of one source joins that source's story without a vote; the other source it
    draws on (a one-article story of its own) is merged in all the same; not for a copy (``bridge=False``:
    its relative had the same text to bridge with)."""
    for rejoin, bridge, together in ((0.0, True, False), (0.05, True, True), (0.05, False, False)):
        c = StoryClusterer(rejoin_min=rejoin, rejoin_threshold=0.2)
        for k, v in (("r", RAIL), ("s", SHELTER), ("q", CHIPS)):
            _assign(c, k, v)
        c.assign("a", _feats(FLOOD_A[0], FLOOD_A[1]), "en", None, "r", "s-a", bridge=bridge)
        assert c.story_of["a"] == c.story_of["r"] != c.story_of["q"]
        assert (c.story_of["s"] == c.story_of["a"]) is together


def test_another_listed_company_on_the_same_market_day_scores_down():
    """Two results stories of one market share the wire's words, the index and the editor; a story that never
    names the article's main listed company (and whose own the article never names) scores
    story_company_conflict times as much; one on the same company, or naming both, is not touched."""
    a = ("Quantel shares jump 9% after quarterly profit beats estimates", (
        "HONG KONG, March 18 (Harbour Wire) - Quantel Systems shares jumped 9.1% on Wednesday after the company "
        "reported quarterly profit that beat analyst estimates. The Hang Seng Index rose 1.8% and the Hang Seng "
        "Tech Index gained 3.2%. Reporting by Olivia Tam; Editing by Mark Holloway"))
    b = ("Orbeck shares rise as it sets annual results date", (
        "HONG KONG, March 19 (Harbour Wire) - Orbeck Motors shares rose 4.6% on Thursday after the company said it "
        "would report annual results next week. The Hang Seng Index rose 0.6% and the Hang Seng Tech Index gained "
        "1.1%. Reporting by Kenneth Lau; Editing by Mark Holloway"))
    idx = ["kb:idx:HSI", "kb:idx:HSTECH", "kb:org:harbour-wire"]
    scores = {}
    for factor in (1.0, 0.5):
        c = StoryClusterer(company_conflict=factor)
        sid = _assign(c, "a", a, ents=["kb:QNTL"] * 3 + idx)
        for name, ents in (("other", ["kb:ORBK"] * 3 + idx), ("same", ["kb:QNTL"] * 3 + idx),
                           ("both", ["kb:ORBK"] * 3 + ["kb:QNTL"] + idx)):
            f = _feats(*b, ents)
            scored = dict((s_id, x) for x, s_id in c.score_stories(c.vector(f, "en"), "en", None,
                                                                   company=main_company(f.entities)))
            scores[factor, name] = scored[sid]
    assert scores[0.5, "other"] == pytest.approx(0.5 * scores[1.0, "other"])
    assert scores[0.5, "same"] == pytest.approx(scores[1.0, "same"])
    assert scores[0.5, "both"] == pytest.approx(scores[1.0, "both"])  # (an organisation is no listed company)
    # a market wrap naming companies once each has no main company
    assert main_company(Counter({"kb:QNTL": 1, "kb:ORBK": 1, "kb:idx:HSI": 3})) is None
    assert main_company(Counter({"kb:QNTL": 3, "kb:ORBK": 1, "kb:org:harbour-wire": 5})) == "E:kb:QNTL"


def test_next_day_follow_up_of_the_same_company_skips_name_cover():
    """A next-day follow-up of a company's results (the brokers' targets, the share move) names new people and
    new firms and brings new figures: dated within story_follow_days of a story that holds its main listed
    company, it is not scored down for the names the story lacks; later, or on another company, it is."""
    results = ("Quantel quarterly profit beats estimates on chip demand", (
        "Quantel Systems reported quarterly revenue of 41.2 billion, up 14%, and net profit of 9.8 billion, ahead "
        "of estimates, as demand for its data-centre chips grew. Chief executive Lena Marsh said orders stayed "
        "strong into the new quarter."))
    follow = ("Quantel shares jump 6% as brokers lift targets after results", (
        "Quantel Systems shares jumped 6.2% to 318.40 on Thursday after Harlow Capital and Brightwater Securities "
        "raised their price targets. Analysts Tomas Reyes and Priya Nand said Quantel's chip orders pointed to "
        "another strong quarter; Harlow lifted its target to 380."))
    day = date(2026, 3, 18)
    scores = {}
    for days in (-1, 1):
        for name, gap, ents in (("next", 1, ["kb:QNTL"] * 3), ("later", 5, ["kb:QNTL"] * 3),
                                ("other", 1, ["kb:ORBK"] * 3 + ["kb:QNTL"])):
            c = StoryClusterer(follow_days=days)
            sid = _assign(c, "a", results, day=day, ents=["kb:QNTL"] * 3)
            f = _feats(*follow, ents)
            scored = dict((s_id, x) for x, s_id in c.score_stories(
                c.vector(f, "en"), "en", date(2026, 3, 18 + gap), company=main_company(f.entities)))
            scores[days, name] = scored[sid]
    assert scores[1, "next"] == pytest.approx(2 * scores[-1, "next"])  # name_cover_factor 0.5 lifted
    assert scores[1, "later"] == pytest.approx(scores[-1, "later"])
    assert scores[1, "other"] == pytest.approx(scores[-1, "other"])


def test_long_chinese_text_keeps_its_entity_ids_beside_its_bigrams():
    """A Chinese market wrap has hundreds of character bigrams; the vector keeps the heaviest keys, and the
    entity ids and numbers -- all that it shares with an English report of the same session -- must survive
    the cut, else the English report finds nothing to join."""
    zh = ("周二沪深两市三大指数集体走强，成交额明显放大。券商板块午后拉升，保险股跟涨，白酒龙头震荡走高。"
          "分析人士认为，央行释放流动性的信号提振了市场情绪，北向资金全天净买入，外资机构普遍看好后市表现。"
          "半导体与新能源板块分化，光伏设备回落，锂电材料小幅收跌；消费电子、医药生物与有色金属轮动上涨。"
          "市场人士指出，节后资金回流叠加政策预期升温，短期量能能否持续是行情延续的关键，建议关注业绩确定性。"
          "另外，地产链个股表现活跃，建材、家居与物业服务股纷纷走高，银行板块则窄幅整理，红利资产获得配置。")
    ents = ["kb:idx:CSI300"] * 2 + ["kb:600030.SS", "kb:601318.SS", "kb:600519.SS", "kb:org:pboc"]
    c = StoryClusterer()
    v = c.vector(_feats("A股三大指数集体走强", zh, ents), "zh")
    assert len(v) > c.p.max_terms  # the bigrams alone fill the vector
    assert {"E:" + e for e in ents} <= set(v)
    en = ("China stocks rise as central bank signals support", (
        "The CSI 300 index rose on Tuesday as brokers and insurers gained, with CITIC Securities, Ping An and "
        "Kweichow Moutai higher after the People's Bank of China signalled more liquidity."))
    c = StoryClusterer()
    sid = _assign(c, "z", ("A股三大指数集体走强", zh), lang="zh", ents=ents)
    assert _assign(c, "e", en, ents=ents) == sid


def test_story_centroid_keeps_entity_ids_of_many_chinese_members():
    """A story centroid is cut to its heaviest keys as members pile up; with Chinese members the bigrams
    outweigh the entity ids, which are kept beside them (30 Chinese articles of the EN/ZH test set, 50
    entity ids: 25 were cut before)."""
    import json
    from pathlib import Path

    from newsdesk.facts.linker import link_entities
    from newsdesk.link.stories import StoryState
    rows = [json.loads(x) for x in (Path(__file__).resolve().parents[1] / "data/xling_stories.jsonl").open()]
    c, st, ids = StoryClusterer(), StoryState(id="s"), set()
    for r in [r for r in rows if r["lang"] == "zh"][:30]:
        v = c.vector(_feats(r["title"], r["text"], [m.entity for m in link_entities(r["text"], "zh")[0]]), "zh")
        st.add(v, "zh", None, c.p.max_centroid_terms)
        ids |= {k for k in v if k.startswith("E:")}
    assert len(ids) >= 40 and ids <= set(st.centroid)


def test_same_company_other_event_needs_shared_content():
    """Two reports on one listed company days apart that share nothing but the company (its results, then a
    factory it will build) are two events: a story whose main company is the article's needs
    story_company_content_min of content similarity, company names left out. A next-day article (within
    story_follow_days) is exempt, as a follow-up; so is a story whose vector holds no content words."""
    results = ("宽泰科技第一季度净利润增长21% 数据中心芯片需求强劲", (
        "宽泰科技周三公布第一季度业绩，收入同比增长14%至412亿元，净利润增长21%至98亿元，高于分析师预期。"
        "公司表示，数据中心芯片订单在新季度依然强劲，并将上调全年资本开支。"))
    factory = ("宽泰科技宣布在越南新建封装工厂", (
        "宽泰科技周日宣布，将投资约20亿美元在越南北宁省新建一座封装测试工厂，预计2028年投产，"
        "届时将雇用约3000名员工。越南方面表示将提供土地和税收优惠。"))
    ents, names = ["kb:QNTL"] * 3, ("宽泰科技",)
    scores = {}
    for floor in (0.0, 0.04):
        for gap in (4, 1):
            c = StoryClusterer(company_content_min=floor, follow_days=1)
            sid = c.assign("r", features(results[1], results[0], ents, companies=names), "zh", date(2026, 4, 15),
                           None, "s-r")
            f = features(factory[1], factory[0], ents, companies=names)
            scored = dict((s_id, x) for x, s_id in c.score_stories(
                c.vector(f, "zh"), "zh", date(2026, 4, 15 + gap), company=main_company(f.entities)))
            scores[floor, gap] = scored.get(sid, 0.0)
    assert scores[0.0, 4] >= StoryClusterer().p.threshold  # without the floor the company alone joins them
    assert scores[0.04, 4] == 0.0
    assert scores[0.04, 1] == pytest.approx(scores[0.0, 1])
    assert scores[0.04, 1] > 0


def test_content_floor_needs_content_on_both_sides():
    """A long text's vector can be all names (a 100,000-character transcript: its heaviest keys are people and
    places); a low content similarity to it tells nothing, and the company content floor does not apply."""
    from newsdesk.link.stories import StoryState, _has_content
    st = StoryState(id="s")
    st.add({"P:mccain": 0.8, "P:boeing": 0.6}, "en", None, 400)
    assert not _has_content(0.5, st)
    st.add({"tanker": 0.9, "lease": 0.9}, "en", None, 400)
    assert _has_content(0.5, st) and not _has_content(0.995, st)


def test_same_company_other_event_sharing_people_is_not_cut():
    """The company content floor applies only when the two share nothing else: a report that names the same
    people and places as the story (beyond the company) keeps its score with story_company_names_min (a short
    post on a phone launch shares few content words with the launch story but its model name and carrier)."""
    results = ("Quantel quarterly profit beats estimates on chip demand", (
        "Quantel Systems reported quarterly revenue of 41.2 billion, up 14%, and net profit of 9.8 billion, ahead "
        "of estimates, as demand for its data-centre chips grew. Chief executive Lena Marsh said orders stayed "
        "strong at the Veldhaven plant."))
    factory = ("Quantel to build packaging factory in Vietnam", (
        "Quantel Systems will invest about $2 billion in a packaging and testing factory in Bac Ninh province in "
        "Vietnam, due to open in 2028 and employ about 3,000 people, the company said on Sunday. Vietnam will "
        "provide land and tax breaks."))
    named = (factory[0], factory[1].replace("the company said on Sunday. Vietnam will provide land and tax breaks.",
                                            "Lena Marsh told reporters on Sunday in Veldhaven."))
    ents, names = ["kb:QNTL"] * 3, ("Quantel Systems", "Quantel")
    scores = {}
    for floor in (1.0, 0.3):
        for key, art in (("only company", factory), ("same people", named)):
            c = StoryClusterer(company_content_min=0.04, company_names_min=floor, follow_days=1)
            sid = c.assign("r", features(results[1], results[0], ents, companies=names), "en", date(2026, 4, 15),
                           None, "s-r")
            f = features(art[1], art[0], ents, companies=names)
            scored = dict((s_id, x) for x, s_id in c.score_stories(
                c.vector(f, "en"), "en", date(2026, 4, 19), company=main_company(f.entities)))
            scores[floor, key] = scored.get(sid, 0.0)
    assert scores[1.0, "only company"] == scores[0.3, "only company"] == scores[1.0, "same people"] == 0.0
    assert scores[0.3, "same people"] >= StoryClusterer().p.threshold


def test_same_company_story_within_the_window_skips_the_number_conflict():
    """A report on the brokers' targets three days after a company's results brings ten new figures and
    restates none; within the story window a story whose main company is the article's is not cut for that
    (another quarter's results are months away), while a story of another company still is."""
    results = ("Quantel quarterly profit jumps 28% on storage demand", (
        "Quantel Systems said its quarterly net profit rose 28% to 17.6 billion, beating the 16.2 billion analysts "
        "expected, as orders for grid storage systems grew. Revenue rose 11.4% to 98.3 billion. Storage revenue "
        "climbed 61% to 14.7 billion and gross margin widened to 24.9% from 22.1%. Battery shipments reached 131.5 "
        "gigawatt-hours, and the company kept 312.8 billion of cash."))
    targets = ("Quantel shares hit record as brokers raise targets on storage outlook", (
        "Quantel Systems shares climbed to a record 418.90 on Monday, extending gains since last week's quarterly "
        "results, as brokers raised their price targets on expectations that storage demand will keep growing. The "
        "stock rose 3.7% and has gained 12.6% since the results. Harlow lifted its target to 480 from 455, "
        "Brightwater to 472 from 430 and Seaport to 466 from 441. Turnover reached 8.35 billion."))
    names = ("Quantel Systems", "Quantel")
    scores = {}
    for factor in (1.0, 0.2):
        for key, ents in (("same", ["kb:QNTL"] * 3), ("other", ["kb:ORBK"] * 3)):
            c = StoryClusterer(number_conflict=factor, number_conflict_min=10, follow_days=1)
            sid = c.assign("r", features(results[1], results[0], ents, companies=names), "en", date(2026, 4, 15),
                           None, "s-r")
            f = features(targets[1], targets[0], ["kb:QNTL"] * 3, companies=names)
            assert len(set(f.numbers)) >= 10 and not set(f.numbers) & c.stories[sid].numbers
            scored = dict((s_id, x) for x, s_id in c.score_stories(
                c.vector(f, "en"), "en", date(2026, 4, 18), numbers=set(f.numbers), company=main_company(f.entities)))
            scores[factor, key] = scored[sid]
    assert scores[0.2, "same"] == pytest.approx(scores[1.0, "same"])
    assert scores[0.2, "same"] >= StoryClusterer().p.threshold
    assert scores[0.2, "other"] == pytest.approx(0.2 * scores[1.0, "other"])


def test_ad_hoc_entity_ids_do_not_take_the_cross_script_index_slots():
    """An article is indexed by its heaviest keys plus its heaviest script-free ones (entity-base ids and
    numbers), which are all a report in another script can find it by. An ad hoc entity's id is made from the
    name as written ("Kenneth Yip", "Lionrock Asset"), so a Chinese report never has it: such ids must not fill
    those slots (an English market wrap naming its sources was never a candidate for the Chinese wrap of the
    same session), nor the ones a cut vector keeps beside its heaviest keys."""
    from newsdesk.link.stories import _heaviest
    c = StoryClusterer()
    n = c.p.index_terms
    ranked = ["P:name%d" % i for i in range(n + 8)] + ["E:ent:aa11", "E:ent:bb22", "E:ent:cc33", "E:kb:idx:HSI",
                                                       "N:2.1", "E:kb:1109.HK"]
    keys = c._top_keys(ranked)
    assert {"E:kb:idx:HSI", "N:2.1", "E:kb:1109.HK"} <= set(keys)
    assert not any(k.startswith("E:ent:") for k in keys)
    vec = {k: 1.0 - i / 100 for i, k in enumerate(ranked)}
    kept = dict(_heaviest(vec, 8))
    assert {"E:kb:idx:HSI", "N:2.1"} <= set(kept) and "E:ent:aa11" not in kept


def test_weights_computed_in_prepare_give_the_writers_vector():
    """``prepare`` (in the workers) computes an article's key weights before IDF so the single writer only
    applies its document frequencies: the vectors, and so the stories, are the ones the writer got by
    weighing the raw counts itself."""
    from newsdesk.link.record import prepare
    from newsdesk.model import Article
    cfg = load_config()["link"]
    raw, pre = StoryClusterer.from_config(cfg), StoryClusterer.from_config(cfg)
    for i, (title, text) in enumerate((FLOOD_A, FLOOD_B, CHIPS, RECALL, FACTORY)):
        art = Article(id="a%d" % i, document="a%d" % i, path="a%d.txt" % i, text=text, title=title, language="en")
        f = features(text, title, [])
        p = prepare(art, [], cfg).feats
        assert f.weights is None and p.weights is not None and not p.terms and not p.proper
        assert raw.vector(f, "en") == pre.vector(p, "en")
    assert raw.df == pre.df


CHIPS_AGAIN = ("Quantel profit jumps 46 percent as data-centre chips sell out", (
    "Quantel Systems said quarterly net profit rose 46 percent to 812 million dollars because buyers of its "
    "data-centre processors took every chip it could make. Dara Okonkwo, the chief executive, plans more capital "
    "spending and a larger plant in Veldhaven; the shares gained 7.3 percent."))


def test_one_loosely_attached_member_does_not_carry_its_own_event():
    """A story of four members, one of them about another event (merged in by a bridging article). Scored on
    its best member alone, a report of that other event scores higher than a report of the story's own event;
    scored on the mean of its best three members (``member_top``), the story's own report scores higher, and
    the other event's at half what it scored before."""
    scores = {}
    for k in (1, 3):
        c = StoryClusterer(member_top=k)
        flood = _assign(c, "a", FLOOD_A)
        assert _assign(c, "b", FLOOD_B) == flood and _assign(c, "s", SHELTER) == flood
        chips = _assign(c, "c", CHIPS)
        assert chips != flood
        c._merge(flood, chips)
        assert len(c.stories[flood].members) == 4
        for name, art in (("other", CHIPS_AGAIN), ("own", RAIL)):
            f = _feats(*art)
            (s, sid), = c.score_stories(c.vector(f, "en"), "en", None, f.years, set(f.numbers))
            assert sid == flood
            scores[k, name] = s
    assert scores[1, "other"] > scores[1, "own"]
    assert scores[3, "other"] < scores[3, "own"]
    assert scores[3, "other"] < 0.6 * scores[1, "other"] and scores[3, "own"] > 0.8 * scores[1, "own"]
