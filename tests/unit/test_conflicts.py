from newsdesk.facts.conflicts import fact_conflicts, translation_conflicts
from newsdesk.model import Article, Entity, Fact, Mention, Relation

ENT = {"e": Entity("e", "Example Corp", "company", ["1234.HK"], [])}


def arts(*ids, story="s"):
    return {i: Article(id=i, document=i, path=i, text="x", story=story) for i in ids}


def fact(article, value, qualifier=None, period="day", when="2026-03-02", expr="weekday:mon:past"):
    return Fact(article, "e", "price_change", value, "%", when, "t", qualifier=qualifier, period=period,
                when_expr=expr)


def test_qualifier_and_value_conflicts_but_not_across_days_or_synonyms():
    a = arts("a", "b", "c")
    got = fact_conflicts(a, [fact("a", 60, "about", "since:2026-01-13"), fact("b", 60, "more than", "since:01-13")], ENT)
    assert len(got) == 1 and "since Jan 13" in got[0].explanation and "qualifiers" in got[0].explanation
    assert fact_conflicts(a, [fact("a", 24, "about", "ytd"), fact("b", 24, "约", "ytd")], ENT) == []
    assert len(fact_conflicts(a, [fact("a", 4.1), fact("b", 4.3)], ENT)) == 1
    assert fact_conflicts(a, [fact("a", 4.1), fact("b", 1.2, when="2026-03-03")], ENT) == []
    assert fact_conflicts(a, [fact("a", 4.1, when=None), fact("b", 1.2, when=None)], ENT) == []
    # a figure dated only by its article's day: a conflict within a family, not between independent reports
    undated = [fact("a", 4.1, expr="day:0"), fact("b", 4.3, expr="day:0")]
    assert fact_conflicts(a, undated, ENT) == []
    assert len(fact_conflicts(a, undated, ENT, [Relation("b", "a", "rewrite", 0.8)])) == 1
    other = arts("a", "b") | {"c": Article(id="c", document="c", path="c", text="x", story="t")}
    assert fact_conflicts(other, [fact("a", 4.1), fact("c", 4.3)], ENT) == []


def test_ticker_lost_in_translation():
    a = arts("en", "zh")
    a["en"].text = "Example Corp (HKG: 1234) rose."
    a["en"].mentions = [Mention("e", 0, 30, "Example Corp (HKG: 1234)")]
    a["zh"].text = "示例公司（代码待译）上涨。"
    got = translation_conflicts(a, [Relation("zh", "en", "translation", 0.9)], ENT)
    assert len(got) == 1 and "1234.HK" in got[0].explanation and set(got[0].articles) == {"zh", "en"}


def test_a_name_made_of_the_ticker_is_no_ticker_to_lose():
    """"HSBC Holdings said …" names the bank; its Chinese translation ("汇丰控股表示…") drops no ticker. "(HSBC)" or
    "NYSE: HSBC" is the ticker."""
    ent = {"h": Entity("h", "HSBC Holdings plc", "company", ["0005.HK", "HSBC"], [])}
    a = arts("en", "zh")
    a["zh"].text = "汇丰控股表示将回购股份。"
    for text, lost in (("HSBC Holdings said it would buy back shares.", False),
                       ("HSBC said it would buy back shares.", False),
                       ("HSBC Holdings (HSBC) said it would buy back shares.", True),
                       ("The bank (NYSE: HSBC) said it would buy back shares.", True)):
        a["en"].text = text
        start = text.index("HSBC")
        surface = "HSBC Holdings (HSBC)" if "(HSBC)" in text else text[start:start + 4]
        a["en"].mentions = [Mention("h", start, start + len(surface), surface)]
        got = translation_conflicts(a, [Relation("zh", "en", "translation", 0.9)], ent)
        assert bool(got) == lost, text


def test_prices_agree_up_to_the_rounding_of_the_less_precise_one():
    """"HK$412" and "HK$412.40" state one price; "HK$413.00" and "HK$412.40" do not (a flat half a percent had
    let every price within HK$2 pass, session 19). Read from where each fact stands in its article."""
    def price(article, text, value):
        at = text.index("HK$")
        return Fact(article, "e", "price", value, "HKD", "2026-03-10", text, period=None, when_expr="weekday:tue:past",
                    start=at, end=at + len(text[at:].split()[0].rstrip(".")))

    def run(ta, va, tb, vb):
        a = {k: Article(id=k, document=k, path=k, text=t, story="s") for k, t in (("a", ta), ("b", tb))}
        return fact_conflicts(a, [price("a", ta, va), price("b", tb, vb)], ENT)

    assert len(run("It closed at HK$412.40 on Tuesday.", 412.4, "It closed at HK$413.00 on Tuesday.", 413.0)) == 1
    assert run("It closed at HK$412.40 on Tuesday.", 412.4, "It closed at HK$412 on Tuesday.", 412.0) == []
    assert run("It closed at HK$412.4 on Tuesday.", 412.4, "It closed at HK$412.40 on Tuesday.", 412.4) == []


def test_two_independent_reports_tying_different_moves_to_one_close_conflict():
    """"fell 6.2% to HK$38.50" and "tumbled 5.8% to HK$38.50", each dated only by its article's day: one close,
    so the moves cannot both be right (session 20: no conflict unless the two were a family); a move with
    another price, or no price, stays unjudged."""
    a = arts("a", "b")
    a["a"].text, a["b"].text = "Shares fell 6.2% to HK$38.50.", "The stock tumbled 5.8% to HK$38.50."

    def day(article, kind, value, unit, start, end):
        return Fact(article, "e", kind, value, unit, "2026-03-03", a[article].text, period="day" if kind ==
                    "price_change" else None, when_expr="day:0", start=start, end=end)

    facts = [day("a", "price_change", -6.2, "%", 12, 16), day("a", "price", 38.5, "HKD", 20, 29),
             day("b", "price_change", -5.8, "%", 20, 24), day("b", "price", 38.5, "HKD", 28, 37)]
    got = fact_conflicts(a, facts, ENT)
    assert len(got) == 1 and "-6.2%" in got[0].explanation and "-5.8%" in got[0].explanation
    facts[3] = day("b", "price", 39.1, "HKD", 28, 37)
    assert fact_conflicts(a, facts, ENT) == []
    assert fact_conflicts(a, [facts[0], facts[2]], ENT) == []


def test_a_distance_from_a_peak_is_a_claim_of_its_day():
    """"down 25% from its peak" on one day and "down 30% from its peak" a week later do not conflict (the
    distance changes every day); on the same day they do (session 20: the period "from_peak" is new)."""
    a = arts("a", "b")
    f1 = fact("a", -25.0, period="from_peak", when="2026-03-02", expr="day:0")
    assert fact_conflicts(a, [f1, fact("b", -30.0, period="from_peak", when="2026-03-09", expr="day:0")], ENT) == []
    got = fact_conflicts(a, [f1, fact("b", -30.0, period="from_peak", when="2026-03-02", expr="day:0")], ENT)
    assert len(got) == 1 and "from its peak" in got[0].explanation


def test_a_bound_the_other_figure_keeps_is_no_conflict():
    """"more than 60%" and "65%", "about 4.2%" and "4.3%", "nearly 60%" and "58.7%" agree; "more than 60%" and
    "55%", "about 4.2%" and "5%" do not; the same figure with different qualifiers still does (session 20)."""
    a = arts("a", "b")
    assert fact_conflicts(a, [fact("a", 60, "more than"), fact("b", 65)], ENT) == []
    assert fact_conflicts(a, [fact("a", 4.3), fact("b", 4.2, "about")], ENT) == []
    assert fact_conflicts(a, [fact("a", 60, "nearly"), fact("b", 58.7)], ENT) == []
    assert len(fact_conflicts(a, [fact("a", 60, "more than"), fact("b", 55)], ENT)) == 1
    assert len(fact_conflicts(a, [fact("a", 4.2, "about"), fact("b", 5.0)], ENT)) == 1
    assert len(fact_conflicts(a, [fact("a", 60, "more than", "since:2026-01-13"),
                                  fact("b", 60, "about", "since:01-13")], ENT)) == 1
