"""Chinese patterns that read both scripts (clean/zhscript.py)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from newsdesk.clean.zhscript import BothScripts, both_scripts, script_variants, to_simplified, zh_compile


def test_to_simplified_keeps_length_and_leaves_other_text_alone():
    t = "騰訊股價上漲3%，報385港元；下週三公佈業績 (Tencent)"
    s = to_simplified(t)
    assert s == "腾讯股价上涨3%，报385港元；下周三公布业绩 (Tencent)" and len(s) == len(t)
    assert to_simplified("腾讯 Tencent") == "腾讯 Tencent"


@pytest.mark.parametrize("pattern, widened", [
    ("上涨|下跌", "上[涨漲]|下跌"),
    ("[^，。]{2}报", "[^，。]{2}[報报]"),
    (r"(?P<v>涨幅)\d", r"(?P<v>[涨漲]幅)\d"),
    ("[一-十]", "[一-十]"),            # a range's ends stay as written
    (r"[\u4e00-\u9fff]", r"[\u4e00-\u9fff]"),  # escapes too
    ("[]报]", "[]報报]"),              # a ']' opening a class is a literal
    ("[^]价]", "[^]价價]"),
    ("no Han here", "no Han here"),
])
def test_both_scripts_widens_han_characters(pattern, widened):
    assert both_scripts(pattern) == widened
    re.compile(both_scripts(pattern))


def test_zh_compile_plain_when_nothing_to_widen():
    assert isinstance(zh_compile(r"\d+ points"), re.Pattern)
    assert isinstance(zh_compile("上涨"), BothScripts)


def test_script_variants():
    assert {"腾讯", "騰訊"} <= set(script_variants("騰訊")) and script_variants("Tencent") == ["Tencent"]


PATTERNS = ["(上涨|下跌)(\\d+)点", "[^，。]{0,4}(?:记者|编辑)\\s*([\\u4e00-\\u9fff]{2,3})", "报(\\d+)港元", "(?:来源|作者)[:：]"]
ALPHABET = list("上涨漲下跌点點报報港元记記者编編辑輯来來源作者:：，。 0123456789林海AbC")


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(st.sampled_from(ALPHABET), max_size=30))
def test_the_fast_path_matches_as_the_widened_pattern(pattern, text):
    """A string without traditional characters is matched by the pattern as written: the same matches as
    the widened pattern gives, whatever the string."""
    fast, wide = zh_compile(pattern), re.compile(both_scripts(pattern))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in wide.finditer(text)]
    assert fast.sub("#", text) == wide.sub("#", text) and fast.split(text) == wide.split(text)
    assert bool(fast.search(text)) == bool(wide.search(text)) and bool(fast.match(text)) == bool(wide.match(text))
