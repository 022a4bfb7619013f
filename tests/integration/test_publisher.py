"""The publisher of a flattened page: a source line in the article's header, else a newsroom credited as the
author ("Northwind Newsroom"), else the page's copyright holder."""
from __future__ import annotations

import newsdesk.api as api

BODY = ["Globex shares rose 3.2% on Monday after the company raised its full-year forecast, citing strong "
        "demand for its industrial sensors in Europe and Asia.",
        "",
        "The company now expects revenue of 4.1 billion dollars, up from an earlier estimate of 3.9 billion, "
        "and said its order book had grown for a third straight quarter.",
        "",
        "Analysts said the new forecast was above the market's expectations and that margins should improve "
        "as the cost of components eases over the coming months."]


def page(header: list[str]) -> str:
    return "\n".join(["Home", "Markets", "Companies", "", "Globex lifts forecast as sensor demand grows", *header,
                      "", *BODY, "", "Share", "Related stories", "About us · Contact · Careers",
                      "© 2026 Northwind Media Ltd. All rights reserved."]) + "\n"


def test_publisher_from_source_line_desk_credit_or_copyright(tmp_path):
    (tmp_path / "a.txt").write_text(page(["Contoso Wire", "March 23, 2026"]), encoding="utf-8")
    (tmp_path / "b.txt").write_text(page(["Tailspin Newsroom · March 23, 2026"]), encoding="utf-8")
    (tmp_path / "c.txt").write_text(page(["By Jane Doe", "March 23, 2026"]), encoding="utf-8")
    arts = {a.path.rsplit("/", 1)[-1]: a for a in api.run([str(tmp_path)]).storymap.articles}
    assert arts["a.txt"].publisher == "Contoso Wire"
    assert arts["b.txt"].publisher == "Tailspin"
    assert arts["c.txt"].publisher == "Northwind Media"
    assert arts["c.txt"].authors == ["Jane Doe"]


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
