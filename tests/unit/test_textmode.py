"""Tests of the text-mode cleaner (newsdesk.clean.textmode) on small hand-written flattened pages."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from newsdesk.clean.line_features import feature_names, page_features
from newsdesk.clean.textmode import (_COL_UNITS, DecodeConfig, clean_text, clean_text_file, is_plain_page, load_model,
                                     score_lines, select_body)

EN_BODY = [
    "The regional water authority said on Tuesday that it would raise tariffs by four percent next year, "
    "citing the rising cost of repairing pipes that were laid more than half a century ago.",
    "Officials told a press briefing that the increase, the first in three years, would add roughly two "
    "dollars a month to the average household bill, while large industrial users would pay somewhat more.",
    "Consumer groups criticised the decision, arguing that the authority had failed to publish a detailed "
    "plan showing how the additional revenue would be spent and when the work would be finished.",
    "The board is expected to vote on the proposal at its next meeting, after a public consultation that "
    "will run until the end of the month and include hearings in each of the five districts.",
]

EN_PAGE = "\n".join([
    "Skip to main content",
    "Home",
    "World",
    "Business",
    "Markets",
    "Sign in",
    "Subscribe",
    "",
    "We use cookies to improve your experience on our site. By continuing you accept our Cookie Policy.",
    "Accept all cookies",
    "",
    "Water tariffs set to rise next year",
    "",
    "By A. Reporter",
    "5 hours ago",
    "Share",
    "",
    EN_BODY[0],
    "",
    EN_BODY[1],
    "",
    EN_BODY[2],
    "",
    EN_BODY[3],
    "",
    "Related stories",
    "• Council approves new budget",
    "• Rail strike called off",
    "• Power prices fall for second month",
    "",
    "Follow us on Facebook | Twitter | Instagram",
    "© 2026 Example Media Group. All rights reserved.",
    "Privacy Policy | Terms of Use | Contact Us",
])

ZH_BODY = [
    "本报讯　市统计局昨日发布数据显示，今年前三季度全市社会消费品零售总额同比增长百分之六点二，增速比上半年加快零点八个百分点。",
    "统计局有关负责人表示，餐饮、旅游和文化娱乐等服务消费恢复明显，成为拉动消费增长的主要力量，网上零售额也保持较快增长。",
    "业内人士认为，随着各项促消费政策逐步落地，第四季度消费市场有望延续回升态势，但仍需关注居民收入增长放缓带来的影响。",
]

ZH_PAGE = "\n".join([
    "首页",
    "新闻",
    "财经",
    "科技",
    "登录",
    "注册",
    "",
    "前三季度消费市场稳步回升",
    "2026-10-20 09:30　来源：本地日报",
    "",
    ZH_BODY[0],
    "",
    ZH_BODY[1],
    "",
    ZH_BODY[2],
    "",
    "责任编辑：王某",
    "分享到：微信 微博",
    "",
    "相关新闻",
    "· 本市出台促进夜间经济发展若干措施",
    "· 国庆假期旅游收入创新高",
    "· 新能源汽车销量持续增长",
    "",
    "关于我们 | 联系我们 | 广告服务 | 免责声明",
    "版权所有 © 2026 本地日报社　未经许可不得转载",
])


def _kept(text: str) -> str:
    return clean_text(text)


def test_model_loads_and_matches_features() -> None:
    m = load_model()
    assert m.spec["features"] == feature_names()
    assert isinstance(m.decode, DecodeConfig)


def test_english_page_keeps_body_drops_boilerplate() -> None:
    out = _kept(EN_PAGE)
    for para in EN_BODY:
        assert para in out
    for junk in ("Skip to main content", "cookies", "Related stories", "Rail strike called off",
                 "All rights reserved", "Privacy Policy", "Sign in"):
        assert junk not in out, junk


def test_chinese_page_keeps_body_drops_boilerplate() -> None:
    out = _kept(ZH_PAGE)
    for para in ZH_BODY:
        assert para in out
    for junk in ("首页", "相关新闻", "国庆假期旅游收入创新高", "版权所有", "分享到", "关于我们"):
        assert junk not in out, junk


def test_score_lines_shape_and_blank_lines() -> None:
    lines = EN_PAGE.split("\n")
    scores = score_lines(lines)
    assert len(scores) == len(lines)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert all(s == 0.0 for s, ln in zip(scores, lines) if not ln.strip())
    body_i = lines.index(EN_BODY[1])
    menu_i = lines.index("Markets")
    assert scores[body_i] > 0.5 > scores[menu_i]


def test_select_body_spans_are_ordered_and_in_range() -> None:
    lines = EN_PAGE.split("\n")
    spans = select_body(lines)
    assert spans
    for a, b in spans:
        assert 0 <= a < b <= len(lines)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


def test_empty_and_blank_input() -> None:
    assert clean_text("") == ""
    assert clean_text("   \n\n \t\n") == ""
    assert score_lines([]) == []
    assert select_body([]) == []
    assert score_lines(["", "  "]) == [0.0, 0.0]
    x, idx = page_features([])
    assert x.shape == (0, len(feature_names())) and idx == []


def test_huge_single_line_is_safe() -> None:
    # (speed is measured in bench/bench_textmode.py, not asserted here)
    line = ("lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40000)[:2_000_000]
    out = clean_text(line)
    assert isinstance(out, str) and len(out) <= len(line)


def test_many_lines_no_blowup() -> None:
    n = 30_000  # (100k lines take a few seconds; kept smaller so the unit suite stays quick)
    page = "\n".join(("Menu item %d" % i) if i % 3 else (EN_BODY[i % 4]) for i in range(n))
    spans = select_body(page.split("\n"))
    assert spans and all(0 <= a < b <= n for a, b in spans)


def test_odd_characters_do_not_crash() -> None:
    text = "\x00\ud800 broken surrogate\r\n\u00a0\u3000\n" + "😀 emoji line with words in it.\r" + EN_BODY[0]
    out = clean_text(text)
    assert isinstance(out, str)


def test_aggregator_page_keeps_each_article_as_its_own_span() -> None:
    articles = [
        ("Port traffic climbs as exporters rush orders", "Harbour Daily", "2026-03-02",
         EN_BODY[0] + " " + EN_BODY[1]),
        ("Chip maker delays new factory", "Tech Wire", "2026-03-02",
         "The company said construction of its second plant would be pushed back by at least a year "
         "because demand for older chips had weakened, and it would instead expand an existing site. "
         "Analysts said the move reflected caution about the outlook for consumer electronics."),
        ("Grain harvest beats forecasts", "Farm Report", "2026-03-01",
         "Farmers gathered a larger crop than expected after a mild spring and a dry autumn, the "
         "agriculture ministry said, adding that storage capacity would be tight in some provinces "
         "until exports pick up again in the new year."),
    ]
    lines = ["Home", "Latest", "Markets", "Sign in", ""]
    for head, src, date, para in articles:
        lines += [head, src, date, "", para, ""]
    lines += ["About us | Contact | Privacy", "© 2026 Aggregator"]
    spans = select_body(lines)
    kept = [ln for a, b in spans for ln in lines[a:b]]
    for *_, para in articles:
        assert para in kept
    # the articles are not glued into one span with the page chrome
    assert len(spans) >= 2
    assert "Home" not in kept and "© 2026 Aggregator" not in kept


def test_bilingual_page_keeps_both_languages() -> None:
    pairs = [
        (EN_BODY[0], "地区水务局周二表示，由于修复半个多世纪前铺设的管道成本不断上升，明年将把水价上调百分之四。"),
        (EN_BODY[1], "官员在新闻发布会上说，这是三年来的首次上调，平均每户每月账单将增加约两美元，大型工业用户将支付更多。"),
        (EN_BODY[2], "消费者团体批评这一决定，认为水务局没有公布详细计划，说明新增收入将如何使用以及工程何时完成。"),
    ]
    lines = ["Home", "News", "双语新闻", "Sign in", ""]
    for en, zh in pairs:
        lines += [en, zh, ""]
    lines += ["Privacy Policy | Terms of Use", "版权所有 © 2026"]
    out = clean_text("\n".join(lines))
    for en, zh in pairs:
        assert en in out and zh in out


def test_tuning_set_floor() -> None:
    """On the shared English tuning set the cleaner clearly beats the whole-page dump."""
    data = Path("/work/shared/data/extraction")
    if not (data / "gold.jsonl.gz").exists():
        pytest.skip("shared extraction tuning set not available")
    import re
    from collections import Counter

    def sh(t: str) -> Counter:
        tk = re.findall(r"\w+", t)
        return Counter(tuple(tk[i:i + 4]) for i in range(max(1, len(tk) - 3)))

    with gzip.open(data / "gold.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f][:40]
    ps, rs = [], []
    for r in rows:
        g, p = sh(r["text"]), sh(clean_text_file(str(data / r["flat"])))
        tp = sum((g & p).values())
        ps.append(tp / max(1, sum(p.values())))
        rs.append(tp / max(1, sum(g.values())))
    prec, rec = sum(ps) / len(ps), sum(rs) / len(rs)
    assert 2 * prec * rec / (prec + rec) > 0.85


def test_plain_article_file_keeps_its_whole_body() -> None:
    """A file that is only a title and paragraphs (the shape of a story written out as .txt, or a
    dateline and one sentence a line) has nothing to strip: every paragraph is kept, the last one too
    (the line model, trained on whole pages, doubts short last lines: that is where footers are)."""
    closing = "Shares of the utility rose 2.1% in early trading."
    text = "\n\n".join(["Water tariffs set to rise next year", "August 16, 2026", *EN_BODY, closing]) + "\n"
    out = _kept(text)
    for para in [*EN_BODY, closing]:
        assert para in out
    one_per_line = "Water tariffs set to rise next year\n\n" + "\n".join(
        s.strip() + "." for para in EN_BODY for s in para.split(",")[:1]) + "\nNo one was hurt.\n"
    assert "No one was hurt." in _kept(one_per_line)


def _plain(text: str) -> bool:
    x, _idx = page_features(text.split("\n"))
    return is_plain_page(x, np.expm1(x[:, _COL_UNITS]))


def test_page_with_furniture_is_not_plain() -> None:
    """Menus, share and consent lines or a link outside the text make it a page: the model decides."""
    assert not _plain(EN_PAGE) and not _plain(ZH_PAGE)
    plain = "\n\n".join(["Water tariffs set to rise next year", *EN_BODY])
    assert _plain(plain)
    for extra in ("Share this article", "Read more at www.example.com", "Sign in | Subscribe"):
        assert not _plain(plain + "\n\n" + extra), extra
    lines = plain.split("\n")
    assert select_body(lines) == [(0, len(lines))]  # kept whole; with plain = False the model decides
    off = DecodeConfig(**{**load_model().decode.__dict__, "plain": False})
    assert all(0 <= a < b <= len(lines) for a, b in select_body(lines, cfg=off))


def test_decoder_drops_far_menu_blurbs_above_the_body() -> None:
    """A group of short spans (no line of lead_units word units) far above the next span is dropped; a
    rescued long line far above the body is not added, one right above it is."""
    from newsdesk.clean.textmode import decode_spans

    cfg = DecodeConfig(switch_cost=2.0, bias=1.0, edge_prob=0.5, split_run=2, rescue_units=30.0,
                       rescue_prob=0.3, rescue_lead=20, lead_gap=20, lead_units=20.0)
    z = [-4.0] * 80
    u = [3.0] * 80
    z[2:5], u[2:5] = [3.0, 3.0, 3.0], [12.0, 12.0, 12.0]  # menu blurbs: likely, but short
    z[10], u[10] = -0.5, 40.0  # a long, doubted line far above the body: no rescue
    z[55], u[55] = -0.5, 40.0  # a long, doubted line right above the body: rescued (the lede)
    z[60:75], u[60:75] = [4.0] * 15, [40.0] * 15  # the article
    idx = list(range(80))
    spans = decode_spans(idx, np.asarray(z), np.asarray(u), cfg)
    assert spans[0] == (55, 56) and spans[-1] == (60, 75)
    off = DecodeConfig(**{**cfg.__dict__, "rescue_lead": 0, "lead_gap": 0})
    spans_off = decode_spans(idx, np.asarray(z), np.asarray(u), off)
    assert spans_off[0] == (2, 5) and (10, 11) in spans_off


def test_a_lone_paragraph_under_a_list_heading_below_the_body_is_dropped() -> None:
    """The last span, a single paragraph under the heading of a list of other stories ("You may also
    like"), is the list's teaser or the site's blurb; a paragraph that is not under such a heading stays,
    and so does a longer span under one (the article going on after a related box)."""
    from newsdesk.clean.textmode import _after_list_head

    lines = ["Intro para", "", "Second para", "", "You may also like", "", "Example Site is a portal of news.",
             "", "Contact us"]
    assert _after_list_head(lines, [(0, 3), (6, 7)]) == [(0, 3)]
    lines2 = list(lines)
    lines2[4] = "Water tariffs"
    assert _after_list_head(lines2, [(0, 3), (6, 7)]) == [(0, 3), (6, 7)]
    lines3 = lines[:7] + ["More of the article text here."] + lines[8:]
    assert _after_list_head(lines3, [(0, 3), (6, 8)]) == [(0, 3), (6, 8)]
    blurb = ("Example Daily Wire is a complete portal for money news: its sections cover savings, shares, funds, "
             "insurance, pensions, property and the wider economy, with guides for readers of every age.")
    page = EN_PAGE.replace("Related stories", "You may also like\n\n" + blurb + "\n\nRelated stories")
    assert "complete portal" not in clean_text(page)
    assert EN_BODY[3][:40] in clean_text(page)
