"""Entity-level sentiment: the shipped model, target awareness, the Chinese lexicon fallback, articles."""
from __future__ import annotations

from newsdesk.facts.sentiment import MODEL_PATH, entity_sentiment, load_model, score_target, zh_lexicon_score
from newsdesk.model import Article, Entity, Mention


def _mentions(text: str, names: dict[str, str]) -> list[Mention]:
    out = []
    for eid, surface in names.items():
        start = 0
        while (i := text.find(surface, start)) >= 0:
            out.append(Mention(eid, i, i + len(surface), surface))
            start = i + len(surface)
    return sorted(out, key=lambda m: m.start)


def test_model_loads_from_package_and_is_small():
    m = load_model()
    assert MODEL_PATH.stat().st_size < 5_000_000
    assert sum(len(v) for v in m.vocab.values()) > 1000
    assert m.weights.shape[1] == 3
    assert load_model() is m  # cached


def test_obvious_english_cases():
    assert score_target("Northwind Traders shares plunge after profit warning", "Northwind Traders")[0] == "negative"
    assert score_target("Northwind Traders beats estimates, raises full-year outlook", "Northwind Traders")[0] == "positive"
    label, score = score_target("Contoso to announce quarterly results on Tuesday", "Contoso")
    assert label == "neutral" and -1.0 <= score <= 1.0


def test_scores_are_bounded_and_signed():
    lab_n, s_n = score_target("Fabrikam slumps 12% as sales miss forecasts", "Fabrikam")
    lab_p, s_p = score_target("Fabrikam surges 12% on record profit", "Fabrikam")
    assert -1.0 <= s_n < 0 < s_p <= 1.0
    assert (lab_n, lab_p) == ("negative", "positive")


def test_two_entities_of_opposite_sentiment():
    text = "Fabrikam soars on strong demand; Contoso slumps after weak results"
    assert score_target(text, "Fabrikam")[0] == "positive"
    assert score_target(text, "Contoso")[0] == "negative"


def test_target_found_case_insensitively_and_missing_target():
    assert score_target("NORTHWIND shares plunge after profit warning", "Northwind")[0] == "negative"
    label, score = score_target("Shares plunge after profit warning", "Absent Co")
    assert label in ("negative", "neutral", "positive") and -1.0 <= score <= 1.0


def test_empty_text():
    assert score_target("", "Contoso") == ("neutral", 0.0)
    assert score_target("   ", "Contoso") == ("neutral", 0.0)
    art = Article(id="a0", document="d0", path="p", text="")
    assert entity_sentiment(art, [], {}) == []


def test_chinese_lexicon_fallback():
    assert score_target("某某科技股价大涨，业绩超预期", "某某科技")[0] == "positive"
    assert score_target("某某科技上半年亏损扩大，股价暴跌", "某某科技")[0] == "negative"
    assert score_target("某某科技将于下周召开股东大会", "某某科技") == ("neutral", 0.0)
    # negation flips, and words in the target's own clause weigh more
    assert score_target("某某科技业绩并未超预期", "某某科技")[0] == "negative"
    text = "甲公司大涨，乙公司暴跌"
    assert score_target(text, "甲公司")[0] == "positive"
    assert score_target(text, "乙公司")[0] == "negative"
    assert zh_lexicon_score("", []) == 0.0


def test_article_one_sentiment_per_entity_with_evidence():
    text = ("Fabrikam shares tumbled 15% on Monday after the company cut its profit forecast. "
            "Analysts said demand for its chips had weakened sharply. "
            "Rival Contoso rose 3% after it reported record quarterly revenue.\n\n"
            "Fabrikam will hold an investor day in June.")
    mentions = _mentions(text, {"e1": "Fabrikam", "e2": "Contoso"})
    ents = {"e1": Entity("e1", "Fabrikam Inc", "company"), "e2": Entity("e2", "Contoso Ltd", "company")}
    art = Article(id="a1", document="d1", path="p", text=text, language="en")
    out = {s.entity: s for s in entity_sentiment(art, mentions, ents)}
    assert set(out) == {"e1", "e2"}
    assert out["e1"].score < 0 < out["e2"].score
    assert all(-1.0 <= s.score <= 1.0 and s.article == "a1" for s in out.values())
    assert "tumbled" in out["e1"].evidence and "Contoso" in out["e2"].evidence


def test_only_the_asked_entities_are_scored_and_their_scores_do_not_change():
    """The stage asks for its `sentiment_max_entities` targets only; the others stay masked as others."""
    text = ("Fabrikam shares tumbled 15% on Monday after the company cut its profit forecast, "
            "while rival Contoso rose 3% after it reported record quarterly revenue.")
    mentions = _mentions(text, {"e1": "Fabrikam", "e2": "Contoso"})
    art = Article(id="a4", document="d4", path="p", text=text, language="en")
    every = {s.entity: s for s in entity_sentiment(art, mentions, {})}
    one = entity_sentiment(art, mentions, {}, only={"e2"})
    assert set(every) == {"e1", "e2"} and [s.entity for s in one] == ["e2"]
    assert one[0].score == every["e2"].score


def test_title_counts_when_not_part_of_text():
    text = "Contoso said on Monday it would open a new office in Berlin."
    art = Article(id="a2", document="d2", path="p", text=text, title="Contoso shares plunge after profit warning",
                  language="en")
    out = entity_sentiment(art, _mentions(text, {"e2": "Contoso"}), {})
    assert len(out) == 1 and out[0].score < 0 and out[0].evidence == art.title


def test_chinese_article():
    text = "甲公司周一股价大涨8%，三季度业绩超预期。分析师表示，乙公司则因亏损扩大而承压。"
    art = Article(id="a3", document="d3", path="p", text=text, language="zh")
    out = {s.entity: s for s in entity_sentiment(art, _mentions(text, {"e1": "甲公司", "e2": "乙公司"}), {})}
    assert out["e1"].score > 0 > out["e2"].score
    assert "大涨" in out["e1"].evidence and "亏损" in out["e2"].evidence


def test_the_chinese_lexicon_reads_traditional_characters():
    from newsdesk.facts.sentiment import zh_lexicon_score
    for simplified, traditional in (("腾讯股价大涨，业绩好于预期", "騰訊股價大漲，業績好於預期"),
                                    ("美团亏损扩大，股价下跌", "美團虧損擴大，股價下跌")):
        assert zh_lexicon_score(traditional, [(0, 2)]) == zh_lexicon_score(simplified, [(0, 2)]) != 0


def test_chinese_move_verbs_the_facts_stage_reads_carry_polarity():
    """"逆市微升0.3%" scored 0: the lexicon lacked the move verbs the facts stage reads (微升, 急升, 微跌 …)."""
    assert zh_lexicon_score("腾讯控股则逆市微升0.3%。", [(0, 4)]) > 0
    assert zh_lexicon_score("騰訊控股急升5%。", [(0, 4)]) > 0
    assert zh_lexicon_score("恒生指数微跌0.2%。", [(0, 4)]) < 0
