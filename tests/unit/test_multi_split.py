"""Several stories in one page: the splitting rules of textpage.find_stories and html.find_story_blocks.

All text here is made up for these tests.
"""
from __future__ import annotations

from newsdesk.clean.html import extract_html_articles, find_story_blocks, _load
from newsdesk.clean.textpage import find_stories, is_numbered, is_time_line, parse_text_page

# ------------------------------------------------------------------ made-up stories
HARBOUR = [
    "The harbour authority said on Tuesday that the new container terminal would open in the spring, two months "
    "later than planned, because cranes ordered from abroad had arrived late and needed extra safety checks.",
    "Shipping lines had been told to expect the delay, a spokesman for the harbour authority said, and most of "
    "them had already moved their first sailings to the older terminal on the eastern side of the bay.",
    "Local businesses said the terminal would bring hundreds of jobs to the harbour district once it opened, "
    "although some residents worried about the extra lorries that would use the coast road every night.",
]
ORCHARD = [
    "Apple growers in the valley expect a smaller harvest this autumn after a late frost damaged blossom in many "
    "orchards, the growers' association said in its first estimate of the season on Wednesday.",
    "The association said the frost hit the lower slopes hardest, where cold air collects on still nights, and "
    "that some orchards had lost more than half of their blossom in a single night in April.",
    "Prices for apples at the farm gate rose after the estimate was published, and several cider makers said "
    "they would buy more fruit from growers in neighbouring regions to keep their presses running.",
]
LIBRARY = [
    "The city library will stay open until ten in the evening from next month, the council said, after a survey "
    "found that many students and shift workers could not reach the reading rooms before closing time.",
    "Longer hours will cost the council about two hundred thousand a year, mostly for extra staff, and will be "
    "reviewed after twelve months to see whether the evening visitors justify the spending.",
    "Library staff welcomed the decision but said the building also needed new heating, since the reading rooms "
    "on the top floor became very cold on winter evenings when the old boilers could not keep up.",
]
MENU = ["Home", "World", "Business", "Science", "Sign in", ""]
FOOTER = ["", "About us", "Contact", "Privacy policy", "All rights reserved."]


def story(title: str, header: list[str], paras: list[str]) -> list[str]:
    out = [title] + header + [""]
    for p in paras:
        out += [p, ""]
    return out


def page(*parts: list[str]) -> str:
    lines: list[str] = []
    for p in parts:
        lines += p
    return "\n".join(lines)


def titles(text: str) -> list[str | None]:
    return [a.title for a in parse_text_page(text)]


# ------------------------------------------------------------------ time lines
def test_time_lines():
    for s in ("3 hours ago", "June 4, 2025", "Updated 2025-06-04 10:32", "Yesterday", "BUSINESS | June 4, 2025",
              "2024年5月6日 来源：示例日报 作者：王五", "12分钟前", "Positive review | 4 June 2025", "Jun 1", "6月1日"):
        assert is_time_line(s), s
    for s in ("Get started today", "刚刚开始起步的新行业吸引了很多年轻人和投资者的关注和讨论",
              "The council met on June 4, 2025 to discuss the budget for the next three years and beyond.", "",
              "Market 12", "June"):
        assert not is_time_line(s), s


def test_numbered_entries():
    assert is_numbered("5. The fifth conference of the year") and is_numbered("3) Another entry here")
    assert not is_numbered("2025 was a strong year for growers") and not is_numbered("Five ways to save")


# ------------------------------------------------------------------ text pages
def test_stacked_stories_with_time_lines_above_and_below():
    text = page(MENU,
                story("Harbour terminal opening delayed until spring", ["By Ann Example", "March 3, 2025"], HARBOUR),
                ["* * *", ""],
                ["SCIENCE | March 4, 2025"],
                story("Late frost cuts the valley's apple harvest", ["By Ben Sample"], ORCHARD),
                ["Next article", ""],
                story("City library to stay open late for students", ["Metro Desk", "2 hours ago"], LIBRARY),
                FOOTER)
    arts = parse_text_page(text)
    assert [a.title for a in arts] == ["Harbour terminal opening delayed until spring",
                                       "Late frost cuts the valley's apple harvest",
                                       "City library to stay open late for students"]
    assert "frost" not in " ".join(arts[0].body) and "harbour" not in " ".join(arts[1].body).lower()
    assert any("March 4, 2025" in h for h in arts[1].header)  # the time line above the headline is its header


def test_dated_headline_lists_start_nothing():
    heads = ["Shares of carmakers rise on subsidy hopes", "Bank raises its growth forecast for the year",
             "Oil steadies as traders weigh supply risks", "Rail strike called off after late talks"]
    plain = [x for h in heads for x in (h, "3 hours ago")]
    above = [x for h in heads for x in ("May 2, 2025", h)]
    teasers = [x for h in heads for x in (h, "4 hours ago", "A short summary of this story in one sentence that "
                                          "runs on for a while so it looks like a teaser paragraph.", "")]
    for lst in (plain, above, teasers):
        text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                    ["Most read"], lst, FOOTER)
        arts = parse_text_page(text)
        assert len(arts) == 1, lst
        assert arts[0].title == "Harbour terminal opening delayed until spring"


def test_subheading_after_the_date_does_not_take_it():
    body = ["What the delay means for shipping lines", "", HARBOUR[0], "", HARBOUR[1], "", HARBOUR[2]]
    text = page(MENU, ["Harbour terminal opening delayed until spring", "By Ann Example", "March 3, 2025", ""],
                body, [""], story("Late frost cuts the valley's apple harvest", ["Metro Desk", "March 4, 2025"],
                                  ORCHARD), FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "Late frost cuts the valley's apple harvest"]


def test_separator_line_does_not_take_the_next_stories_date():
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["Scroll down for the next article", "", "SCIENCE | March 4, 2025"],
                story("Late frost cuts the valley's apple harvest", ["By Ben Sample"], ORCHARD), FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "Late frost cuts the valley's apple harvest"]


def test_page_article_then_one_appended_story():
    # the page's own article has no header the splitter recognises; the story after it has one
    host = ["Harbour news", ""] + [x for p in HARBOUR + LIBRARY for x in (p, "")]
    text = page(MENU, host, ["Read next", ""],
                story("Late frost cuts the valley's apple harvest", ["By Ben Sample", "March 4, 2025"], ORCHARD),
                FOOTER)
    arts = parse_text_page(text)
    assert len(arts) == 2
    assert arts[1].title == "Late frost cuts the valley's apple harvest"
    assert "frost" not in " ".join(arts[0].body) and "harbour authority" in " ".join(arts[0].body)


def test_dated_teaser_under_an_article_is_not_a_story():
    host = ["Harbour news", ""] + [x for p in HARBOUR + LIBRARY for x in (p, "")]
    text = page(MENU, host, ["Related", ""],
                story("Late frost cuts the valley's apple harvest", ["March 4, 2025"], ORCHARD[:1]), FOOTER)
    assert len(parse_text_page(text)) == 1


def test_comment_thread_is_not_split():
    comments = []
    for name, when in (("reader_one", "March 5, 2025 at 9:12 am"), ("another reader", "March 5, 2025 at 10:40 am"),
                       ("third person", "March 6, 2025 at 8:03 pm")):
        comments += [f"{name} says:", when, "Great to read about the terminal and the jobs it brings to the area",
                     HARBOUR[2], ""]
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["3 Comments", ""], comments, FOOTER)
    assert len(parse_text_page(text)) == 1


def test_numbered_sections_are_not_stories():
    text = page(MENU, story("Three events to watch this year", ["March 3, 2025"], HARBOUR[:1]),
                story("1. The harbour festival", ["Date: 12 June 2025"], HARBOUR[1:]),
                story("2. The apple fair", ["Date: 20 September 2025"], ORCHARD), FOOTER)
    assert len(parse_text_page(text)) == 1


def test_find_stories_marks_only_compact_headers_about_their_text():
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["Email this page", "March 4, 2025", ""], [x for p in ORCHARD for x in (p, "")], FOOTER)
    lines = text.splitlines()
    stories = find_stories(lines)
    dated = [lines[h.index] for h in stories if h.dated]
    assert dated == ["Harbour terminal opening delayed until spring"]  # a share row is not about the text


# ------------------------------------------------------------------ HTML pages
def art(tag: str, title: str, when: str, iso: str, paras: list[str], h: str = "h2") -> str:
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<{tag} class="story"><{h}>{title}</{h}><p class="byline">By Ann Example</p>'
            f'<time datetime="{iso}">{when}</time><div class="body">{ps}</div></{tag}>')


def html_page(title: str, main: str, extra: str = "") -> str:
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav>"
            f"<main>{main}</main>{extra}<footer><p>About us | Contact | Privacy</p></footer></body></html>")


def related(items: list[str], cls: str = "related") -> str:
    lis = "".join(f'<li><h3><a href="/s/{k}">{t}</a></h3><span class="time">{k + 2} hours ago</span></li>'
                  for k, t in enumerate(items))
    return f'<section class="{cls}"><h2>Most read</h2><ul>{lis}</ul></section>'


def test_html_stacked_articles():
    html = html_page("Example Daily - Front page",
                     art("article", "Harbour terminal opening delayed until spring", "March 3, 2025", "2025-03-03",
                         HARBOUR)
                     + "<hr>" + art("article", "Late frost cuts the valley's apple harvest", "March 4, 2025",
                                    "2025-03-04", ORCHARD),
                     related(["Shares of carmakers rise on subsidy hopes", "Bank raises its growth forecast",
                              "Oil steadies as traders weigh supply risks"]))
    blocks = find_story_blocks(_load(html))
    assert [b.title for b in blocks] == ["Harbour terminal opening delayed until spring",
                                         "Late frost cuts the valley's apple harvest"]
    exts = extract_html_articles(html)
    assert [e.title for e in exts] == [b.title for b in blocks]
    assert [e.published for e in exts] == ["2025-03-03", "2025-03-04"]
    assert "frost" not in exts[0].text and "harbour" not in exts[1].text.lower()
    assert "Most read" not in exts[1].text


def test_html_single_article_with_lists_is_not_split():
    html = html_page("Harbour terminal opening delayed until spring - Example Daily",
                     art("article", "Harbour terminal opening delayed until spring", "March 3, 2025", "2025-03-03",
                         HARBOUR + LIBRARY, h="h1"),
                     related(["Shares of carmakers rise on subsidy hopes", "Bank raises its growth forecast",
                              "Oil steadies as traders weigh supply risks"]))
    exts = extract_html_articles(html)
    assert len(exts) == 1 and "harbour authority" in exts[0].text


def test_html_page_article_with_a_story_appended():
    host = "<h1>Harbour terminal opening delayed until spring</h1>" + "".join(f"<p>{p}</p>" for p in HARBOUR + LIBRARY)
    more = '<div class="next-articles">' + art("div", "Late frost cuts the valley's apple harvest", "March 4, 2025",
                                                "2025-03-04", ORCHARD) + "</div>"
    html = html_page("Harbour terminal opening delayed until spring | Example Daily", host, more)
    exts = extract_html_articles(html)
    assert [e.title for e in exts] == ["Harbour terminal opening delayed until spring",
                                       "Late frost cuts the valley's apple harvest"]
    assert "frost" not in exts[0].text and "harbour authority" in exts[0].text


def test_html_lone_story_in_a_sidebar_widget_is_not_split():
    host = "<h1>Harbour terminal opening delayed until spring</h1>" + "".join(f"<p>{p}</p>" for p in HARBOUR + LIBRARY)
    widget = '<div class="sidebar-widget">' + art("div", "Late frost cuts the valley's apple harvest",
                                                  "March 4, 2025", "2025-03-04", ORCHARD) + "</div>"
    html = html_page("Harbour terminal opening delayed until spring | Example Daily", host, widget)
    assert len(extract_html_articles(html)) == 1


def test_html_list_entries_and_subsections_are_not_stories():
    events = "<ul>" + "".join(f'<li>{art("div", t, "June 12, 2025", "2025-06-12", ORCHARD, h="h3")}</li>'
                              for t in ("Valley apple fair opens its gates", "Harbour festival returns in summer")) \
        + "</ul>"
    html = html_page("Events this year - Example Daily", "<h1>Events this year</h1>" + events)
    assert find_story_blocks(_load(html)) == []
    numbered = art("section", "Harbour terminal and other things to watch", "March 3, 2025", "2025-03-03", HARBOUR,
                   h="h1") \
        + art("section", "2. The apple fair in the valley", "June 12, 2025", "2025-06-12", ORCHARD, h="h2")
    assert [b.title for b in find_story_blocks(_load(html_page("Example", numbered)))] == \
        ["Harbour terminal and other things to watch"]


def test_stage_gives_each_story_its_metadata():
    from newsdesk.clean.stage import CleanStage
    from newsdesk.config import load_config
    from newsdesk.model import Document
    from newsdesk.pipeline.stage import Bundle, StageContext

    html = html_page("Example Daily - Front page",
                     art("article", "Harbour terminal opening delayed until spring", "March 3, 2025", "2025-03-03",
                         HARBOUR)
                     + art("article", "Late frost cuts the valley's apple harvest", "March 4, 2025", "2025-03-04",
                           ORCHARD))
    cfg = load_config()
    b = Bundle(Document(id="d1", path="x.html", kind="html", text=html))
    CleanStage().process_batch([b], StageContext(cfg))
    assert [(a.title, a.published) for a in b.articles] == [
        ("Harbour terminal opening delayed until spring", "2025-03-03"),
        ("Late frost cuts the valley's apple harvest", "2025-03-04")]
    assert len({a.id for a in b.articles}) == 2
    cfg["clean"]["multi_article"] = False
    b = Bundle(Document(id="d1", path="x.html", kind="html", text=html))
    CleanStage().process_batch([b], StageContext(cfg))
    assert len(b.articles) == 1


# ------------------------------------------------------------------ headers of many shapes (made-up text)
FERRY = [
    "The ferry company will add a late crossing to the island on Fridays and Saturdays from May, it said on "
    "Monday, after islanders complained that the last boat left the mainland before most concerts had ended.",
    "The extra crossings will run until the end of September and will be reviewed after the summer, the "
    "company said, adding that ticket prices would stay the same for residents who hold a season card.",
    "Island traders welcomed the plan, saying that visitors who now left early to catch the last boat would "
    "be able to stay for dinner, while some residents asked for a quieter, smaller boat at night.",
]


def test_a_byline_with_many_names_is_header_not_prose():
    names = ("By Ann Example, Ben Sample, Cara Placeholder, Dan Dummy, Eve Instance, Fay Specimen, Gil Model, "
             "Hal Pattern, Metro Desk")
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["Next article", ""], story("Ferry adds late crossings", [names, "March 4, 2025"], FERRY), FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "Ferry adds late crossings"]


def test_a_dated_story_inside_an_undated_headers_zone_replaces_it():
    # a label repeated twice (an undated "header") right above a story with its own time line
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["Scroll on for more from the desk", "Scroll on for more from the desk", "",
                 "Ferry company adds late crossings", "Metro Desk | 2 hours ago", ""],
                [x for p in FERRY for x in (p, "")], FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "Ferry company adds late crossings"]


def test_short_headline_with_time_above_and_byline_under():
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["", "TRAVEL | March 4, 2025"], story("Late island ferries", ["By Ben Sample"], FERRY), FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "Late island ferries"]


def test_headline_ending_with_a_bracket_takes_the_time_above():
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["", "TRAVEL | March 4, 2025"],
                story("Ferry company adds late crossings (and what it means for you)", ["By Ben Sample"], FERRY),
                FOOTER)
    assert titles(text)[-1] == "Ferry company adds late crossings (and what it means for you)"


def test_two_word_headline_with_a_full_header():
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["", "* * *", ""], story("Island ferries", ["Island ferries", "By Ben Sample", "2 hours ago"], FERRY),
                FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "Island ferries"]
    # a two-word line over a time line alone (a commenter's name) opens nothing
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["", "Jane Reader", "2 hours ago", ""], [x for p in FERRY for x in (p, "")], FOOTER)
    assert len(parse_text_page(text)) == 1


def test_shorter_headline_with_its_own_header_ends_a_dated_list_item():
    lst = ["Most read", "Shares of carmakers rise on subsidy hopes", "May 2, 2025", "Ferry fares frozen",
           "May 3, 2025", ""]
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR), lst,
                ["Advertisement", ""], story("Island ferry plans", ["By Ben Sample", "", "Updated May 4, 2025"], FERRY),
                FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "Island ferry plans"]


def test_a_repeated_short_label_does_not_end_a_story():
    body = [FERRY[0], "", "Story continues below", "Story continues below", "", FERRY[1], "", FERRY[2], ""]
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR),
                ["Next article", ""], ["Island ferry plans", "By Ben Sample", "March 4, 2025", ""], body, FOOTER)
    arts = parse_text_page(text)
    assert [a.title for a in arts] == ["Harbour terminal opening delayed until spring", "Island ferry plans"]
    assert "season card" in " ".join(arts[1].body)


def test_numbered_entry_is_no_source_line():
    # "promo / 5. Entry / Place: date": the entry's date line is not the promo's header
    events = ["Ferry club: join today, the ferry pass is free", "", "5. Island Ferry Day", "",
              "Bayside: 12-14 June 2026", "", FERRY[0], "", FERRY[1], "", FERRY[2], ""]
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR), events,
                ["Next article", ""], story("City library to stay open late for students", ["March 4, 2025"], LIBRARY),
                FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "City library to stay open late for students"]


def test_a_row_of_a_fact_box_is_no_headline():
    events = ["6. Orchard Days", "Date: 20-22 September 2026", "Event location: Valley Hall, East Bridge",
              "Focus: cider and apples", "", ORCHARD[0], "", ORCHARD[1], "", ORCHARD[2], ""]
    text = page(MENU, story("Harbour terminal opening delayed until spring", ["March 3, 2025"], HARBOUR), events,
                ["Next article", ""], story("City library to stay open late for students", ["March 4, 2025"], LIBRARY),
                FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "City library to stay open late for students"]
    # a long value may be a headline: an official notice's box names its title
    lines = ["Title: Harbour terminal opening delayed until the spring", "Date: March 3, 2025"]
    from newsdesk.clean.textpage import _in_fields
    assert _in_fields(["Date: 20-22 September 2026", "Location: Valley Hall, Eastbridge", "Focus: cider"], 1)
    assert not _in_fields(lines, 0) and not _in_fields(["Exclusive: Harbour terminal delayed", "By Ann Example"], 0)


def test_headline_list_with_teasers_above_the_first_story_is_no_article():
    teasers = ["Top stories", ""]
    for head, p in (("Shares of carmakers rise on subsidy hopes", "Carmakers' shares rose on Thursday after "
                     "ministers hinted that buyers of small electric cars could get a larger grant next year, "
                     "though no date was…"),
                    ("Bank raises its growth forecast for the year", "The central bank raised its forecast for "
                     "growth this year to two per cent, saying that spending by households had held up better "
                     "than it expected…"),
                    ("Oil steadies as traders weigh supply risks", "Oil prices were little changed in Asian trade "
                     "as dealers weighed the risk of supply cuts against signs that demand for fuel was cooling "
                     "in several…")):
        teasers += [head, p, ""]
    text = page(MENU, teasers, ["* * *", ""],
                story("Harbour terminal opening delayed until spring", ["By Ann Example", "March 3, 2025"], HARBOUR),
                ["Next article", ""], story("Ferry company adds late crossings", ["March 4, 2025"], FERRY), FOOTER)
    assert titles(text) == ["Harbour terminal opening delayed until spring", "Ferry company adds late crossings"]


def test_short_headline_starts_a_story_but_a_reading_time_does_not():
    from newsdesk.clean.textpage import is_header_start
    assert is_header_start(["Island ferry plans", "By Ben Sample", "March 4, 2025"], 0)
    assert is_header_start(["TRAVEL | March 4, 2025", "Island ferry plans", "By Ben Sample"], 1)
    assert not is_header_start(["7 min read", "·", "March 4, 2025"], 0)
    assert not is_header_start(["3. Island ferry plans", "March 4, 2025"], 0)


def test_a_stray_carriage_return_line_is_no_body_line():
    """A blank line written "\\r\\n" between two paragraphs of an aggregator's story (found by the slow fuzz run on
    the sample page) gave the story an empty body line."""
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "agg_newsstream_two_stories.txt"
    lines = page.read_text("utf-8").split("\n")
    k = next(i for i, s in enumerate(lines) if s.startswith("Its Hong Kong-listed shares closed"))
    text = "\n".join(lines[:k + 1] + ["\r", ""] + lines[k + 1:])
    arts = parse_text_page(text, multi_article=True)
    assert len(arts) == 2 and all(s.strip() for a in arts for s in a.body)


def test_html_stories_dated_by_a_day_without_its_year_each_with_its_outlet():
    """An aggregator page whose second story is dated "Jun 1" (no year) under its outlet's name: two stories, each
    credited to the outlet on its own header line, not to the aggregator; "Share · Save" is no body line."""
    def story(title, outlet, when, paras):
        return (f"<div class='story'><h2>{title}</h2><div class='meta'><span>{outlet}</span> <span>{when}</span></div>"
                + "".join(f"<p>{p}</p>" for p in paras) + "<div class='share'>Share · Save</div></div>")
    acme = story("Acme lifts buyback budget as cloud revenue grows", "Harbour Wire", "2 hours ago", [
        "Acme Corp said on Tuesday it would raise its share buyback budget for the year to $12 billion, after revenue "
        "from its cloud unit grew faster than analysts had expected in the second quarter.",
        "The company's shares rose 2.8% to $98.20 in New York, outpacing the broader market, which added 0.5%.",
        "\"The buyback shows how much cash the cloud business is throwing off,\" said Mei Chan, an analyst at "
        "Northbridge Capital. Acme also said advertising revenue rose 19% from a year earlier.",
        "The results were the strongest quarter of growth for the company in three years, it said in a statement, and "
        "it expects demand from large customers to keep rising for the rest of the year."])
    bolt = story("Bolt cuts prices of two models in Germany", "Coastline Auto News", "Jun 1", [
        "Bolt Motors has cut the German list prices of two electric models by up to 12%, its European unit said on "
        "Monday, stepping up pressure on local carmakers in their home market.",
        "Bolt's shares fell 1.8% to $13.70, and its bonds weakened as investors weighed the cost of the price war.",
        "\"European buyers are price-sensitive, and Bolt has the cost base to keep cutting,\" said Anna Becker, an "
        "analyst at Rheinland Mobility Research. The company plans to open its first European plant next year.",
        "Bolt sold more than a million vehicles outside its home market last year, more than double the year before, "
        "and it expects exports to grow again this year as new plants start production."])
    html = (f"<html><head><title>NewsStream - Top stories</title><meta property='og:site_name' content='NewsStream'>"
            f"</head><body><nav>Top Stories · Markets · Tech</nav><main>{acme}{bolt}</main></body></html>")
    got = [(e.title, e.publisher) for e in extract_html_articles(html)]
    assert got == [("Acme lifts buyback budget as cloud revenue grows", "Harbour Wire"),
                   ("Bolt cuts prices of two models in Germany", "Coastline Auto News")]
    assert all("Share" not in e.text for e in extract_html_articles(html))
