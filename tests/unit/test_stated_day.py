"""An undated article's day from the days it states with their weekday (link.dates.stated_day, page_year)."""
from __future__ import annotations

import datetime as dt

import newsdesk.api as api
from newsdesk.link.dates import page_year, stated_day


def test_weekday_dated_past_day_with_the_pages_year():
    text = "Orbeck Motors cut the price of its compact van by 9%, the company said on Tuesday, Nov. 10, in Berlin."
    assert stated_day(text, 2026) == dt.date(2026, 11, 10)  # a Tuesday in 2026
    assert stated_day(text, 2025) == dt.date(2020, 11, 10)  # the latest year up to 2025 it was a Tuesday
    assert stated_day(text, None) is None                    # no year anywhere: nothing inferred


def test_the_latest_past_day_counts_and_the_days_ahead_do_not():
    text = ("Quantel said on Monday, March 2, 2026 that it had won the contract. The shares fell 3% on "
            "Wednesday, March 4. Quantel will report results on Thursday, March 26.")
    assert stated_day(text, 2026) == dt.date(2026, 3, 4)
    assert stated_day("Quantel will report results on Thursday, March 26, 2026.", 2026) is None


def test_a_weekday_that_contradicts_the_date_is_no_evidence():
    assert stated_day("The shares fell on Friday, March 19, 2026, after the results.", None) is None
    assert stated_day("It opened on Sunday, February 29.", 2026) is None  # no 29th in 2026; 2020 is a Saturday


def test_chinese_day_with_its_weekday():
    assert stated_day("比亚迪于3月19日（周四）宣布在德国下调两款车型售价。", 2026) == dt.date(2026, 3, 19)
    assert stated_day("公司于2026年3月19日(星期四)公布年度业绩。", None) == dt.date(2026, 3, 19)
    assert stated_day("公司将于3月26日（周四）公布业绩。", 2026) is None


def test_page_year_is_the_copyright_lines_latest_year():
    assert page_year("Top stories\n...\n© 2019–2026 Example Media Ltd. All rights reserved.") == 2026
    assert page_year("<footer>Copyright &copy; 2025 Example</footer>") == 2025
    assert page_year("Founded in 1998, the company employs 2,000 people.") is None


PAGE = """Example Stream
Markets
Tech
Geely cuts van prices in Germany
Coastline Auto Desk
6 hours ago
Geely Automobile Holdings has cut the German list price of its Kestrel electric van by up to 9%, the company's European unit said on Tuesday, Nov. 10, stepping up pressure on rivals.
Geely's Hong Kong-listed shares fell 2.4% to HK$21.10 on Tuesday, while the Hang Seng Index lost 0.6%.
The Kestrel now starts at 38,900 euros, down from 42,700 euros, and deliveries begin in January.
"Buyers of vans compare the running cost first," said Lena Hart, an analyst at Nordbank Research.
Geely sold 310,000 vehicles outside mainland China in the first ten months of the year, almost twice as many as a year earlier.
The company plans to open a parts warehouse near Hamburg next spring to shorten repair times for fleet customers.
Share
Report this story
© 2026 Example Stream Ltd.
"""


def test_undated_page_article_is_dated_by_the_day_it_states(tmp_path):
    """A page that gives only "6 hours ago" (a crawl-time label, never a date) but reports the news as said "on
    Tuesday, Nov. 10" of the year its copyright line gives: the article's day is inferred, and the day's
    price move gets it."""
    (tmp_path / "stream.txt").write_text(PAGE, encoding="utf-8")
    sm = api.run([str(tmp_path)]).storymap
    (art,) = sm.articles
    assert (art.published, art.published_basis) == ("2026-11-10", "inferred")
    moves = [f for f in sm.facts if f.kind == "price_change" and f.value == -2.4]
    assert moves and moves[0].when == "2026-11-10"


def test_an_inferred_day_orders_nothing():
    """An inferred day is a lower bound: it neither orders a pair's relation (which is the original) nor places
    the article in the story stream, so one run and two incremental runs link alike."""
    from newsdesk.config import load_config
    from newsdesk.link.record import prepare
    from newsdesk.link.relations import _later
    from newsdesk.model import Article
    cfg = load_config()["link"]

    def rec(i, published, basis):
        art = Article(id=i, document=i, path=i + ".txt", text="Geely said on Tuesday it cut prices.",
                      language="en", published=published, published_basis=basis)
        return prepare(art, [], cfg).record
    read, other = rec("a", "2026-11-11", "explicit"), rec("b", "2026-11-10", "explicit")
    assert _later(read, other) is True
    assert _later(read, rec("c", "2026-11-10", "inferred")) is None


def test_a_traditional_chinese_weekday_states_the_day_too():
    from newsdesk.link.dates import stated_day
    assert stated_day("公司於3月19日（週四）公布業績。", 2026) == stated_day("公司于3月19日（周四）公布业绩。", 2026)
    assert stated_day("公司於3月19日（週四）公布業績。", 2026) is not None
