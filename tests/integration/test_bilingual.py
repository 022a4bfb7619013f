"""Bilingual pages through the pipeline: one article per language, each under its own headline."""
from __future__ import annotations

import newsdesk.api as api


def test_page_with_the_translation_under_the_original(tmp_path):
    """The English text and then its Chinese translation, each under its own headline: two articles, each with
    its headline, linked as a translation (found by a probe in session 13: one "zh" article held both)."""
    en = ["Globex shares rose 3.2% to HK$41.20 on Monday after the company raised its full-year forecast, citing "
          "strong demand for its industrial sensors.", "The company now expects revenue of 4.1 billion dollars, up "
          "from an earlier estimate of 3.9 billion.", "\"Orders have never been this strong,\" Chief Executive "
          "Dana Wu said."]
    zh = ["Globex周一股价上涨3.2%，报41.20港元，此前公司上调全年业绩预期，理由是工业传感器需求强劲。",
          "公司目前预计收入为41亿美元，高于此前预计的39亿美元。", "“订单从未如此强劲，”首席执行官吴达娜说。"]
    text = "\n\n".join(["Globex lifts forecast as sensor demand grows", "Globex上调全年预期 传感器需求强劲",
                        "December 7, 2026", *en, *zh, "© 2026 Northwind Media Ltd."]) + "\n"
    (tmp_path / "bi.txt").write_text(text, encoding="utf-8")
    sm = api.run([str(tmp_path)]).storymap
    arts = {a.language: a for a in sm.articles}
    assert set(arts) == {"en", "zh"}
    assert arts["en"].title == "Globex lifts forecast as sensor demand grows"
    assert arts["zh"].title == "Globex上调全年预期 传感器需求强劲"
    assert arts["zh"].text.startswith("Globex周一股价上涨3.2%") and "Globex shares" not in arts["zh"].text
    assert [r.type for r in sm.relations] == ["translation"]
    assert not [a for a in sm.articles if "©" in a.text]  # (the copyright line closes the page, not the text)
