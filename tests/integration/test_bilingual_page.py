"""A bilingual HTML page whose second language has its own headline and date line inside the article."""
from __future__ import annotations

import newsdesk.api as api

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Lantern Bank lifts dividend | Ferry Daily</title>
<meta property="og:site_name" content="Ferry Daily"></head><body><article>
<h1>Lantern Bank lifts dividend after profit jumps 18%</h1>
<p>March 3, 2026</p>
<p>Lantern Bank said on Tuesday that full-year net profit rose 18% to HK$12.4 billion, helped by higher net
interest income and lower impairment charges, and raised its final dividend to HK$1.35 a share.</p>
<p>The bank also announced a HK$2 billion share buyback. Its shares rose 4.2% to HK$58.30 in afternoon trading.</p>
<h1>燈籠銀行純利升18% 上調末期息</h1>
<p>2026年3月3日</p>
<p>燈籠銀行周二公布，全年純利上升18%至124億港元，受惠於淨利息收入增加及減值支出下降，末期息上調至每股1.35港元。</p>
<p>該行並宣布20億港元股份回購計劃。燈籠銀行股價午後上升4.2%，報58.30港元。</p>
</article></body></html>"""


def test_each_half_has_its_own_headline_and_no_date_line(tmp_path):
    page = tmp_path / "bilingual.html"
    page.write_text(PAGE, encoding="utf-8")
    res = api.run([str(page)], output=tmp_path / "sm.json")
    arts = {a.language: a for a in res.storymap.articles}
    assert set(arts) == {"en", "zh"}
    assert arts["en"].title == "Lantern Bank lifts dividend after profit jumps 18%"
    assert arts["zh"].title == "燈籠銀行純利升18% 上調末期息"
    assert arts["zh"].text.startswith("燈籠銀行周二公布") and "2026年3月3日" not in arts["zh"].text
    assert arts["zh"].published == "2026-03-03"
    # the profit rise is no price move; the share move is, in traditional characters too
    zh_moves = [(f.kind, f.value) for f in res.storymap.facts if f.article == arts["zh"].id and f.kind == "price_change"]
    assert zh_moves == [("price_change", 4.2)]


TEXT_PAGE = """Lantern Bank profit beats estimates | 燈籠銀行盈利勝預期

March 10, 2026

Lantern Bank reported a 12% rise in annual pre-tax profit on Tuesday, beating analyst estimates, and announced a new share buyback of up to HK$2 billion.

燈籠銀行周二公布全年稅前利潤增長12%，勝過分析師預期，並宣布新一輪最多20億港元的股份回購。

The bank's shares rose 3.1% in Hong Kong to HK$58.35 after the results.

業績公布後，燈籠銀行股價在香港上漲3.1%，收報58.35港元。

The chief executive said the bank had delivered a strong performance in a challenging environment.

行政總裁表示，該行在充滿挑戰的環境中取得了強勁的業績。
"""


def test_a_headline_given_in_both_languages_gives_each_half_its_part(tmp_path):
    """A flattened page headed "English headline | 中文标题": each half takes its part (both had no title: the
    bar's Chinese part was cut as a site name, and a short English headline reads as French to the language
    model, so it was not the English half's either)."""
    page = tmp_path / "bilingual.txt"
    page.write_text(TEXT_PAGE, encoding="utf-8")
    arts = {a.language: a for a in api.run([str(page)], output=tmp_path / "sm.json").storymap.articles}
    assert arts["en"].title == "Lantern Bank profit beats estimates"
    assert arts["zh"].title == "燈籠銀行盈利勝預期"
    assert arts["en"].published == arts["zh"].published == "2026-03-10"

