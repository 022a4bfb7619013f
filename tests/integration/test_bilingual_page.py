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
