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
