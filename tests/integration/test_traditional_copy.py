"""A Hong Kong portal's traditional-script copy of a mainland article: the same text, so a copy."""
from __future__ import annotations

from pathlib import Path

import opencc

import newsdesk.api as api

ZH_PAGE = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "a4_ganggusudi_tencent_zh.txt"


def test_a_traditional_script_copy_is_a_copy_in_the_same_story(tmp_path):
    simplified = ZH_PAGE.read_text(encoding="utf-8")
    (tmp_path / "a_simplified.txt").write_text(simplified, encoding="utf-8")
    (tmp_path / "b_traditional.txt").write_text(opencc.OpenCC("s2hk").convert(simplified), encoding="utf-8")
    sm = api.run([str(tmp_path / "a_simplified.txt"), str(tmp_path / "b_traditional.txt")],
                 output=tmp_path / "sm.json").storymap
    a, b = sm.articles
    assert a.story == b.story
    assert [(r.type, {r.source, r.target}) for r in sm.relations] == [("copy", {a.id, b.id})]
    # the same facts, read from either script
    facts = {(f.article, f.entity, f.kind, f.value) for f in sm.facts}
    assert {x[1:] for x in facts if x[0] == a.id} == {x[1:] for x in facts if x[0] == b.id} != set()


def test_the_chinese_sample_pages_in_traditional_characters_read_as_in_simplified(examples_run, tmp_path):
    """Every Chinese page of the sample corpus, rewritten in Hong Kong characters: no error, and the same
    dates, authors, facts, quotes and events as the simplified page (folded back for comparison)."""
    res, _out = examples_run
    conv, back = opencc.OpenCC("s2hk").convert, opencc.OpenCC("hk2s").convert
    corpus = ZH_PAGE.parent
    zh_pages = sorted(p for p in corpus.iterdir() if not p.name.endswith(".gz")
                      and any("\u4e00" <= ch <= "\u9fff" for ch in p.read_text(encoding="utf-8")[:4000]))
    assert len(zh_pages) >= 3
    for p in zh_pages:
        (tmp_path / p.name).write_text(conv(p.read_text(encoding="utf-8")), encoding="utf-8")
    sm = api.run([str(tmp_path / p.name) for p in zh_pages], output=tmp_path / "sm.json").storymap

    def summary(storymap, names):
        arts = {a.id: a for a in storymap.articles if Path(a.path).name in names and a.language == "zh"}
        out = {}
        for a in arts.values():
            key = (Path(a.path).name, back(a.title or ""))
            out[key] = (a.published, [back(x) for x in a.authors],
                        sorted((f.entity, f.kind, f.value, f.when) for f in storymap.facts if f.article == a.id),
                        sorted((back(q.speaker), q.direct) for q in storymap.quotes if q.article == a.id),
                        sorted((e.entity, e.event, e.when) for e in storymap.events if e.article == a.id))
        return out

    names = {p.name for p in zh_pages}
    assert not [d for d in sm.documents if d.status == "error"]
    simplified, traditional = summary(res.storymap, names), summary(sm, names)
    assert simplified and traditional == simplified
