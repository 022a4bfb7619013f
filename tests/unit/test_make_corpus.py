"""bench/make_corpus.py varies the numbers of a page to make new documents; dates and clock times keep theirs
(a varied digit inside a date makes an impossible one that no real page carries)."""
from __future__ import annotations

import random
import re
from datetime import datetime

PAGE = ('<meta property="article:published_time" content="2024-11-05T14:30:00+08:00">'
        '<p class="date">Posted Nov. 5, 2024 at 14:30 · 6 min read</p>'
        '<p>Shares of the lender rose 7.5% to 412 pence on 5 November 2024, after 23 analysts ...</p>'
        '<p>2024年11月5日 指数上涨 1.8%，报 3,456 点。更新于 11/05/2024</p>')


def test_numbers_vary_but_dates_and_times_stay(bench_module) -> None:
    mc = bench_module("make_corpus")
    varier = mc.Varier.__new__(mc.Varier)  # (the number pass needs none of the corpus state)
    seen = set()
    for seed in range(20):
        out = varier._numbers(PAGE, random.Random(seed))
        for kept in ("2024-11-05T14:30:00+08:00", "Nov. 5, 2024", "14:30", "5 November 2024",
                     "2024年11月5日", "11/05/2024"):
            assert kept in out, (seed, kept)
        datetime.fromisoformat(re.search(r'content="([^"]+)"', out).group(1))
        seen.add(re.search(r"rose ([\d.]+)% to (\d+) pence", out).groups())
    assert len(seen) > 10  # the figures themselves do vary from one variation to the next
