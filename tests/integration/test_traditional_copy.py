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
