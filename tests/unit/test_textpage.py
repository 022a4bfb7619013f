from newsdesk.clean.bilingual import split_languages
from newsdesk.clean import textpage
from newsdesk.clean.textpage import parse_text_page

LOREM = ("The regulator said on Monday that the new listing rules would take effect next quarter, giving "
         "companies more time to prepare their filings and investors a clearer view of the risks involved. ")


def page(*parts: str) -> str:
    return "\n".join(parts)


def test_single_article_with_menu_byline_and_footer():
    text = page("Home", "Markets", "Tech", "",
                "Regulator delays new listing rules by a quarter", "", "By Jane Doe", "April 1, 2026", "",
                LOREM * 2, "", "Second: " + LOREM, "", "Advertisement", "", "Third: " + LOREM, "",
                "Related topics:", "Other headline about something else entirely", "",
                "© 2026 Example Media. All rights reserved.")
    arts = parse_text_page(text)
    assert len(arts) == 1
    a = arts[0]
    assert a.title == "Regulator delays new listing rules by a quarter"
    body = "\n".join(a.body)
    assert "Advertisement" not in body and "Related topics" not in body and "©" not in body
    assert body.count("The regulator said") == 4
    assert body.startswith("The regulator said") and body.rstrip().endswith("risks involved.")
    assert "By Jane Doe" in a.header


def test_aggregator_page_yields_one_article_per_story():
    first = ("Copper prices hit a record as mines in Chile cut output", "Copper prices hit a record as mines in Chile cut output",
             "", "Metal Wire", "", "2 hours ago", "",
             "Copper futures rose to a record on Tuesday after two large mines in Chile reduced output because of "
             "strikes, traders said, adding that inventories in exchange warehouses were at their lowest in years "
             "and that buyers from China had returned to the market after a holiday.", "",
             "Analysts said the price could stay high for weeks because smelters had little metal in stock and "
             "new supply from other regions would take months to arrive.")
    second = ("Airline orders forty jets in its largest deal", "Airline orders forty jets in its largest deal", "",
              "Air Daily", "", "5 hours ago", "",
              "The airline ordered forty narrow-body jets in the biggest purchase in its history, the company said "
              "on Tuesday, as it prepares to open new routes across the region and replace older planes that burn "
              "more fuel, with deliveries due to start in two years and run to the end of the decade.", "",
              "Its shares rose after the announcement, and analysts said the order showed confidence that demand "
              "for travel in the region would keep growing through the end of the decade.")
    text = page("Menu", "Related Articles", "", *first, "", *second, "", "Download the app", "Cookie settings")
    arts = parse_text_page(text)
    titles = [a.title for a in arts]
    assert titles == ["Copper prices hit a record as mines in Chile cut output",
                      "Airline orders forty jets in its largest deal"]
    assert "airline" not in " ".join(arts[0].body).lower()
    assert "Metal Wire" in arts[0].header


def test_headline_list_is_not_articles():
    text = page("Latest news", "Shares of carmakers rise on subsidy hopes", "3 hours ago",
                "Bank raises its growth forecast for the year", "4 hours ago",
                "Oil steadies as traders weigh supply risks", "5 hours ago")
    assert all(len(a.body) == 0 for a in parse_text_page(text)) or parse_text_page(text) == [] \
        or all(len(" ".join(a.body)) < 200 for a in parse_text_page(text))


def test_bilingual_split_keeps_order_and_languages():
    body = []
    for i in range(4):
        body.append(f"Sentence number {i} in English about the market rally and the central bank decision today.")
        body.append(f"第{i}句中文，关于市场反弹和央行今天的决定，以及投资者的反应。")
    halves = split_languages(body)
    assert halves is not None
    assert [s for s in halves["latin"]] == body[0::2]
    assert halves["zh"] == body[1::2]


def test_monolingual_with_one_foreign_line_is_not_split():
    body = ["An English paragraph about a company and its results, long enough to count."] * 6 + ["中文引用一句。"]
    assert split_languages(body) is None


def test_original_then_translation_in_two_blocks_is_split_but_a_short_summary_is_not():
    en = [f"English paragraph {i} about the market rally, the central bank decision and what investors did next."
          for i in range(3)]
    zh = [f"第{i}段中文，关于市场反弹、央行的决定以及投资者随后的反应，内容与英文段落相同。" for i in range(3)]
    halves = split_languages(en + zh)
    assert halves is not None and halves["latin"] == en and halves["zh"] == zh
    assert split_languages(en * 3 + zh[:1]) is None  # (one line of summary in the other language)


def test_empty_and_whitespace_pages():
    assert parse_text_page("") == []
    assert parse_text_page("\n \n\t\n") == []


def _para(topic: str, n: int) -> str:
    opening = ["In its third season,", "By late summer,", "According to the organisers,", "For the first time,"][n % 4]
    return (f"{opening} the {topic} project grew steadily as volunteers planted rows of beans, carrots and "
            f"squash along the river path, and harvest day {n} fed many families across the valley.")


def test_title_above_prefers_headline_with_byline_over_toc_entry():
    from newsdesk.clean.textpage import _title_above

    lines = ["Home", "Garden Guides", "",
             "Community Garden Harvest Report for the Valley", "",
             "Written by Alex Rivera", "March 3, 2024", "8 min read", "",
             "Table of contents", "What Grew Best in the Community Garden?", "Which Tools Did Volunteers Use?",
             "How the Harvest Was Shared", "",
             _para("community garden", 1), "", _para("community garden", 2)]
    body = [lines[14], lines[16]]
    j, title, header = _title_above(lines, 14, body)
    assert title == "Community Garden Harvest Report for the Valley"
    assert "Written by Alex Rivera" in header and "March 3, 2024" in header


def test_title_above_skips_a_bare_name_line():
    from newsdesk.clean.textpage import _title_above

    lines = ["River Garden Harvest Grows Again", "", "Jordan Lee Parker", "June 5, 2024", "",
             _para("river garden", 1)]
    _j, title, header = _title_above(lines, 5, [lines[5]])
    assert title == "River Garden Harvest Grows Again"
    assert header[0] == "Jordan Lee Parker"


def test_page_title_is_headline_not_deck_or_subheading():
    text = "\n".join(["Menu", "Search", "",
                      "Valley Community Garden Harvest Breaks Records", "",
                      "Volunteers plan more rows next spring", "",
                      "By Alex Rivera", "April 2, 2024", "",
                      _para("valley garden", 1), "", _para("valley garden", 2), "", _para("valley garden", 3),
                      "", "Related stories", "Privacy policy"])
    arts = parse_text_page(text)
    assert arts and arts[0].title == "Valley Community Garden Harvest Breaks Records"


def test_title_under_a_promo_line_takes_the_byline():
    text = "\n".join(["Home", "Store", "Get Your Garden Pass", "", "GARDENS", "",
                      "The Complete Guide to the Valley Garden Harvest", "", "Alex Rivera", "August 23, 2023", "",
                      _para("valley garden", 1), "", _para("valley garden", 2), "", _para("valley garden", 3)])
    arts = parse_text_page(text)
    assert arts and arts[0].title == "The Complete Guide to the Valley Garden Harvest"


def test_cookie_notice_above_is_not_the_article_top():
    text = "\n".join(["Example respects your privacy", "",
                      "Example and 3rd parties use essential and non-essential cookies to provide, secure, analyze "
                      "and improve our Services, and to show you relevant ads. Learn more in our policy.", "",
                      "Select Accept to consent or Reject to decline non-essential cookies for this use. Learn more "
                      "about how we use them.", "",
                      "Accept", "Reject", "", "Home", "Jobs", "Sign in", "",
                      "Valley Garden Harvest Breaks Records", "", "Published Jun 4, 2025", "",
                      _para("valley garden", 1), "", _para("valley garden", 2), "", _para("valley garden", 3)])
    arts = parse_text_page(text)
    assert arts and arts[0].title == "Valley Garden Harvest Breaks Records"


def test_headline_ending_with_today_is_a_title():
    from newsdesk.clean.textpage import _title_candidate

    assert _title_candidate("Nine podcasts that inspire garden leaders today")
    assert not _title_candidate("Updated today")


def test_short_heading_of_common_words_is_a_title_not_a_name():
    from newsdesk.clean.textpage import _title_above

    # "Harvest Planning" reads like a name, but the text uses its words in lower case: it is the headline
    lines = ["Jordan Lee", "Posts", "", "Harvest Planning", "", "May 5, 2024", "",
             "Good harvest planning starts in winter, when the planning of rows and the harvest calendar for "
             "the valley garden can be drawn up before the first seeds are ordered from the cooperative."]
    _j, title, _h = _title_above(lines, 7, [lines[7]])
    assert title == "Harvest Planning"


def test_deck_under_headline_is_not_the_title():
    text = "\n".join(["Menu", "", "Growing Valley Tomatoes", "",
                      "how a small garden club doubled its tomato harvest with three simple changes", "",
                      "By Alex Rivera", "May 5, 2024", "",
                      _para("valley tomatoes", 1), "", _para("valley tomatoes", 2), "", _para("valley tomatoes", 3)])
    arts = parse_text_page(text)
    assert arts and arts[0].title == "Growing Valley Tomatoes"
    # a section label right above a question headline (no blank line between) is no headline with a deck
    from newsdesk.clean.textpage import _title_above

    lines = ["Menu", "Garden Club News", "", "How did the valley garden club double its tomato harvest?", "",
             "By Alex Rivera", "May 5, 2024", "", _para("valley tomatoes", 1), "", _para("valley tomatoes", 2)]
    _j, title, _h = _title_above(lines, 8, [lines[8], lines[10]])
    assert title == "How did the valley garden club double its tomato harvest?"


def test_repeated_headline_with_a_question_deck_is_no_menu():
    from newsdesk.clean.textpage import _title_above

    lines = ["Home", "Tomatoes vs Peppers Showdown", "", "Tomatoes vs Peppers Showdown", "",
             "Which Valley Volunteers Planted More Rows of Beans and Squash?", "",
             _para("valley tomatoes peppers", 1), "", _para("valley tomatoes peppers", 2)]
    _j, title, _h = _title_above(lines, 7, [lines[7], lines[9]])
    assert title == "Tomatoes vs Peppers Showdown"


def test_clean_title_drops_site_label_and_page_kind():
    from newsdesk.clean.textpage import clean_title

    assert clean_title("How valley gardens feed the town | Opinion") == "How valley gardens feed the town"
    assert clean_title("The Valley Garden Checklist | Example Garden Co") == "The Valley Garden Checklist"
    assert clean_title("Blog: Ten Ways to Grow Tomatoes") == "Ten Ways to Grow Tomatoes"
    # a long part after the bar is a second half of the title, a dash is kept
    assert clean_title("Best Garden Tools | The Ten Tools Every Valley Gardener Needs") == \
        "Best Garden Tools | The Ten Tools Every Valley Gardener Needs"
    assert clean_title("Best Garden Tools – My Favorites") == "Best Garden Tools – My Favorites"
    assert clean_title(None) is None


def test_heading_under_a_paragraph_is_a_subheading_not_the_title():
    from newsdesk.clean.textpage import _title_above

    # the body start was found below the intro paragraph: the heading right above it is a subheading
    lines = ["Home", "Garden Clubs", "", "Valley Garden Season Guide", "",
             "The valley garden offers several seasons of planting. Please read about each season before you "
             "sign up for a plot.", "", "Planting Rows of Beans Along the River Path", "", _para("valley garden season", 1), "",
             _para("valley garden season", 2)]
    _j, title, _h = _title_above(lines, 9, [lines[9], lines[11]])
    assert title == "Valley Garden Season Guide"


def test_a_row_of_section_labels_is_no_title():
    from newsdesk.clean.textpage import _label_row
    assert _label_row("Asia | Visitor Guides | Rail Travel | Tips")
    assert _label_row("Home › Markets › Bonds")
    assert not _label_row("Fed holds rates steady | Example News")
    assert not _label_row("Oil climbs as supply fears grow")


def test_the_outlet_under_a_byline_is_no_title():
    from newsdesk.clean.textpage import _title_above

    body = ("Economists cut their forecasts on Thursday after weaker growth figures, and the median in a "
            "survey by Harbour Daily now expects one reduction this year, down from two in January. ") * 2
    lines = ["Markets / Asia", "Lenders trim rate forecasts as growth slows", "Jordan Lee Parker",
             "Harbour Daily", "Thu, March 5, 2026 at 9:30 AM", "", body]
    _j, title, _header = _title_above(lines, 6, [body])
    assert title == "Lenders trim rate forecasts as growth slows"


def test_a_blurb_above_the_dated_headline_is_not_the_article_top():
    from newsdesk.clean.textpage import _skip_lead

    seg = ["Share Your Story", "", "If you have a story you would like to share with us, we would love to hear it.", "",
           "Valley Garden Harvest Breaks Records", "", "Last Modified: June 4, 2025", "", "Gardening", "",
           _para("valley garden", 1), "", _para("valley garden", 2)]
    assert _skip_lead(seg, [2, 10, 12]) == [10, 12]
    # no dated headline between them: the first stretch stays
    seg2 = seg[:4] + ["Gardening", "", "More news", "", "Tips", ""] + seg[10:]
    assert _skip_lead(seg2, [2, 10, 12]) == [2, 10, 12]
    # a long first stretch (a lede) stays too
    seg3 = list(seg)
    seg3[2] = _para("valley garden", 3) + " " + _para("valley garden", 4)
    assert _skip_lead(seg3, [2, 10, 12]) == [2, 10, 12]


def test_short_sentence_case_headline_is_no_deck_of_a_promo_line():
    from newsdesk.clean.textpage import _deck

    # a headline of eight words in sentence case under a four-word promo line is no deck of it
    assert not _deck("Share your garden story", "Growing vegetables in a small yard – tips and tricks")
    # a longer sentence-case standfirst, or one written as a sentence, still is
    assert _deck("Valley Garden Harvest Breaks Records",
                 "Volunteers planted more rows of beans and carrots along the river path this year")
    assert _deck("Valley Garden Harvest Breaks Records", "Volunteers plan to add many more rows next spring.")


def test_page_top_and_span_foot_reach_the_metadata_reader():
    from newsdesk.clean.text_meta import header_authors

    text = page("Skip to content", "Wren Holloway's Field Blog", "Home", "About", "",
                "Regulator delays new listing rules by a quarter", "", "April 1, 2026", "",
                LOREM * 2, "", "Second: " + LOREM, "", "Third: " + LOREM, "",
                "Newsletter", "Contact")
    a = parse_text_page(text)[0]
    assert a.header.top[:2] == ["Skip to content", "Wren Holloway's Field Blog"]
    assert a.header.foot and a.header.foot[-1].startswith("Third:")
    assert header_authors(a.header) == ["Wren Holloway"]


def test_a_username_byline_credits_the_username_and_a_common_word_does_not():
    """'by jdoe' alone on a line under the headline (no date beside it to anchor a byline) is a username
    credit; 'by default' is a phrase, not a credit."""
    from newsdesk.clean.text_meta import header_authors

    def authors(by_line: str) -> list[str]:
        text = page("Home", "News", "", "Regulator delays new listing rules by a quarter", "",
                    by_line, "", LOREM * 2, "", "Second: " + LOREM, "", "Third: " + LOREM)
        return header_authors(parse_text_page(text)[0].header)

    assert authors("by jdoe") == ["jdoe"]
    assert authors("by default") == []


def test_page_controls_are_no_title_and_title_labels_and_breadcrumbs_are_cut():
    """'Start Free Trial', 'Skip to Content' or a consent banner's heading is never the headline; a 'Title:'
    label and a breadcrumb run into the headline ('Home » Blog » ...') are not part of it."""
    from newsdesk.clean.textpage import _title_candidate, clean_title

    for ui in ("Start Free Trial", "Skip to Content Skip to Footer", "We Care About Your Privacy", "Sign Up"):
        assert not _title_candidate(ui)
    assert _title_candidate("Netflix Password Sharing Crackdown Lifts Subscribers")
    assert clean_title("Home » Guides » Best Drip Coffee Makers of the Year") == "Best Drip Coffee Makers of the Year"
    assert clean_title("Title:Merging Language Models Without Losing Alignment") == \
        "Merging Language Models Without Losing Alignment"
    assert clean_title("Home Prices Rise Again") == "Home Prices Rise Again"


def test_calls_to_action_are_trimmed_but_a_paragraph_mentioning_one_is_text():
    head = ("Home", "Markets", "", "Regulator delays new listing rules by a quarter", "", "By Jane Doe",
            "April 1, 2026", "", LOREM * 2, "")
    # a last paragraph that mentions signing up in passing (and ends on an invitation) is the article's
    closing = ("Brokers expect more firms to sign up for the new segment once the rules are clear, and the "
               "exchange said it would publish a guide for issuers; readers who want to learn more can find "
               "the consultation paper on the regulator's site, where the comment period runs until June. ") * 2
    arts = parse_text_page(page(*head, closing, "", "Subscribe to our newsletter", "",
                                "Copyright 2026 Example Media. All rights reserved. No part of this page may be "
                                + "reproduced, stored or transmitted in any form without written permission. " * 4))
    body = arts[0].body
    assert body[-1] == closing.strip()
    # a promotion opening with an invitation is no text, nor a long legal footer
    promo = ("Join us at the Example Markets Forum on June 4 in London. " + "Leaders from banks, funds and "
             "regulators will discuss what the next decade of capital markets will look like. " * 3 + "Register now.")
    arts = parse_text_page(page(*head, promo, "", "Other headline about something else entirely"))
    assert arts[0].body == [(LOREM * 2).strip()]


def test_a_sentence_opening_with_by_is_text_and_a_form_consent_line_is_not():
    last = ("By keeping these rules in mind, investors can avoid most of the surprises a new listing brings, "
            "and the regulator says it will review them again next year!")
    consent = ("By submitting, you agree to receive offers from us and our partners and accept the terms of use "
               "and the privacy policy.")
    arts = parse_text_page(page("Regulator delays new listing rules by a quarter", "", "By Jane Doe", "", LOREM * 2, "",
                                consent, "", "Second: " + LOREM, "", last, "", "Recent Posts"))
    assert arts[0].body == [(LOREM * 2).strip(), ("Second: " + LOREM).strip(), last]


def test_a_story_header_keeps_its_headline_over_a_sentence_case_deck():
    from newsdesk.clean.textpage import find_stories

    lines = ["Menu", "", "Why Valley Gardens Grow More Tomatoes Than Ever", "",
             "Implementation continues to complicate even simple changes", "",
             "By Alex Rivera — May 5, 2024 6 min read", "Share article", "",
             _para("valley tomatoes", 1), "", _para("valley tomatoes", 2), "", _para("valley tomatoes", 3)]
    heads = find_stories(lines)
    assert [h.title for h in heads] == ["Why Valley Gardens Grow More Tomatoes Than Ever"] and heads[0].dated
    # a date line under the headline is its header, not its deck
    lines[4] = "Last updated on March 12, 2026"
    assert [h.title for h in find_stories(lines)] == ["Why Valley Gardens Grow More Tomatoes Than Ever"]


def test_reader_comments_are_no_stories_and_a_url_is_no_headline():
    from newsdesk.clean.lines import is_title_like

    comment = ("Thanks for the detailed write-up on the valley tomatoes, we tried the same rows of beans and squash "
               "along our own river path this year and the harvest fed twice as many families as before.")
    lines = ["Why Valley Gardens Grow More Tomatoes Than Ever", "", "By Alex Rivera", "May 5, 2024", "",
             _para("valley tomatoes", 1), "", _para("valley tomatoes", 2), "", _para("valley tomatoes", 3), "",
             "12 Comments", ""]
    for n, who in enumerate(("jdoe says:", "Mary Smith says", "gardener42 wrote:")):
        lines += [who, f"June {n + 3}, 2024 at 10:2{n} am", "", f"Great read about valley tomatoes, thank you {who[:4]}",
                  "", f"{n}: " + comment, "", f"{n}: " + comment.replace("Thanks", "Cheers"), "", "Reply", ""]
    arts = parse_text_page("\n".join(lines))
    assert [a.title for a in arts] == ["Why Valley Gardens Grow More Tomatoes Than Ever"]
    assert not is_title_like("https://example.com/valley-tomatoes/#rows-of-beans")


def test_teaser_cards_under_an_article_are_neither_stories_nor_its_text():
    lines = ["Why Valley Gardens Grow More Tomatoes Than Ever", "", "By Alex Rivera", "May 5, 2024", "",
             _para("valley tomatoes", 1), "", _para("valley tomatoes", 2), "",
             "Read more about the valley garden club.", "", _para("valley tomatoes", 3), "", "Related posts", ""]
    cards = []
    for n, head in enumerate(("How Volunteers Plant Beans Along the River", "Squash Harvest Day Feeds More Families",
                              "Carrot Rows Return to the Valley Path")):
        teaser = (f"Card {n}: " + _para("valley " + head.split()[0].lower(), n + 5) + " "
                  + _para("river path", n + 9))
        cards.append(teaser)
        lines += ["Blog | Garden News", "", head, "", f"By Sam Lee June {n + 3}, 2024", "", teaser, "",
                  f"Read More {head}", ""]
    arts = parse_text_page("\n".join(lines))
    assert [a.title for a in arts] == ["Why Valley Gardens Grow More Tomatoes Than Ever"]
    body = arts[0].body
    assert "Read more about the valley garden club." in body  # an article's own link line stays
    assert _para("valley tomatoes", 3) in body and not any(c in body for c in cards)


def test_an_outdated_browser_notice_is_no_text_and_a_question_headline_is_the_title():
    lines = ["Home", "Guides", "", "We noticed that you are using Internet Explorer 11 or older that is not supported "
             "any longer. Please consider using an alternative such as a current browser.", "", "Dismiss notification",
             "", "What Is a Valley Garden Club?", "", _para("valley tomatoes", 1), "", _para("valley tomatoes", 2)]
    arts = parse_text_page("\n".join(lines))
    assert arts[0].title == "What Is a Valley Garden Club?"
    assert arts[0].body == [_para("valley tomatoes", 1), _para("valley tomatoes", 2)]
    # a lede question in sentence case is the article's first paragraph
    lines[7] = "Ever wondered why the valley grows so many tomatoes?"
    assert parse_text_page("\n".join(lines))[0].body[0] == lines[7]


def test_a_consent_framework_notice_and_an_email_prompt_are_not_the_article_top():
    consent = ("We and our 100 partners store and/or access information on a device, such as unique IDs in cookies "
               "to process personal data. You may accept or manage your choices by clicking below, including your "
               "right to object where legitimate interest is used, or at any time in the privacy policy page. These "
               "choices will be signaled to our partners and will not affect browsing data.")
    menu = ["Home", "Guides", "Recipes", "Shop", "Newsletter", "Sign in", ""]
    foot = ["", "Related Posts", "How to Grow Beans", "Squash Harvest Tips", "", "About us", "Contact",
            "Privacy Policy", "© 2026 Example Media. All rights reserved."]
    paras = [_para("valley tomatoes", n) for n in (1, 2, 3)]
    lines = menu + [consent, "", "Accept All", "Reject All", "", "Valley Tomatoes Project Harvest (and How to Plant Rows)",
                    "", paras[0], "", paras[1], "", paras[2]] + foot
    arts = parse_text_page("\n".join(lines))
    assert arts[0].title == "Valley Tomatoes Project Harvest (and How to Plant Rows)"
    assert arts[0].body == paras
    lines[len(menu):len(menu) + 1] = ["Enter your email to unlock an extra $25 off a garden planner!", "", "Tweet"]
    arts = parse_text_page("\n".join(lines))
    assert arts[0].body[0] == paras[0]


def test_an_ad_bridge_that_runs_over_the_next_span_keeps_each_line_once():
    """Found by the slow fuzz run: a span stopping at "Advertisement" runs on over the prose after it, past the
    start of the next span, and the lines they shared came out twice."""
    from newsdesk.clean.textpage import _bridge_ads

    lines = [_para("valley", 1), "Advertisement", _para("valley", 2), _para("valley", 3), _para("valley", 4), "Share"]
    spans = _bridge_ads(lines, [0.9] * len(lines), [(0, 1), (3, 4)])
    kept = [k for a, b in spans for k in range(a, b)]
    assert kept == sorted(set(kept)) and kept[:1] == [0] and 4 in kept


def test_a_run_of_ad_labels_does_not_end_the_body():
    """Two ad slots stacked ("Advertisement" twice) between paragraphs: the span runs on over both."""
    from newsdesk.clean.textpage import _bridge_ads

    lines = [_para("valley", 1), _para("valley", 2), "Advertisement", "", "Advertisement", _para("valley", 3),
             "View comments (4)"]
    scores = [0.9, 0.9, 0.05, 0.0, 0.05, 0.1, 0.02]
    assert _bridge_ads(lines, scores, [(0, 2)]) == [(0, 6)]
    assert _bridge_ads(lines[:3] + lines[4:], scores[:3] + scores[4:], [(0, 2)]) == [(0, 5)]


def test_a_span_runs_on_over_the_paragraphs_the_model_doubted_right_below_it():
    """A closing quote the model scored at less than half the body's lines (a page of few paragraphs, all
    doubted) is kept, with the paragraphs after the ad below it; a paragraph scored far lower, a one-line span
    or a short line below is not run on to."""
    from newsdesk.clean.textpage import RUN_ON, _bridge_ads

    quote = '"Nobody doubts the results, this is people banking a quick gain before the weekend," a strategist said.'
    lines = [_para("valley", 1), _para("valley", 2), quote, "Advertisement", _para("valley", 3), "View comments (6)"]
    mean = 0.36
    doubted = [mean, mean, mean * (RUN_ON + 0.05), 0.05, 0.06, 0.01]
    assert _bridge_ads(lines, doubted, [(0, 2)]) == [(0, 5)]
    assert _bridge_ads(lines, doubted[:2] + [mean * (RUN_ON - 0.05)] + doubted[3:], [(0, 2)]) == [(0, 2)]
    assert _bridge_ads(lines, doubted, [(1, 2)]) == [(1, 2)]
    assert _bridge_ads(lines[:2] + ["Shares fell."] + lines[3:], doubted, [(0, 2)]) == [(0, 2)]
    credit = "Posted by Dave on August 12, 2005 at 16:12 in the Weekend Gardening forum, with two replies."
    assert _bridge_ads(lines[:2] + [credit] + lines[3:], doubted, [(0, 2)]) == [(0, 2)]


def test_a_chinese_reporters_credit_line_is_a_byline_not_a_headline():
    from newsdesk.clean.lines import is_title_like
    from newsdesk.clean.textpage import _meta_kind

    for line in ("本报记者 王燕平 方云凤 柏建斌", "新华社记者张三", "本报实习生 刘国栋 周炜"):
        assert not is_title_like(line) and _meta_kind(line) == "byline"
    assert is_title_like("记者调查：无序拆房为何屡禁不止")  # a headline that starts with the word stays one


def test_live_blog_keeps_its_last_entry():
    """A live blog's entries are a time, a heading and a paragraph; the model doubted the last paragraph (above
    the related list) and the body ended on the heading over it. A heading kept at the end of a body of
    paragraphs and headings announces the paragraph under it (found by a probe in session 13)."""
    entries = [("15:40 HKT", "Hang Seng closes up 1.4%", "The Hang Seng Index closed 1.4% higher at 26,118.40, its "
                "best day in three weeks, as technology shares extended their morning gains into the close."),
               ("14:05 HKT", "Kuaishou jumps after results", "Kuaishou Technology shares jumped 7.2% after the video "
                "platform reported a 14% rise in quarterly revenue, with advertising income beating estimates."),
               ("11:30 HKT", "Morning session: tech leads", "The Hang Seng Tech Index rose 2.3% in the morning "
                "session, led by Meituan and Alibaba, while property developers slipped."),
               ("09:35 HKT", "Market opens higher", "Hong Kong stocks opened higher, with the Hang Seng Index up 0.6% "
                "in early trade after gains on Wall Street on Friday.")]
    text = page("Example Markets", "Home", "Markets", "Live", "", "LIVE: Hong Kong stocks rally as tech shares surge",
                "Updated December 7, 2026 15:45 HKT", "",
                "Follow our live coverage of Monday's trading in Hong Kong and mainland China.", "",
                *[x for t, h, p in entries for x in (t, h, p, "")],
                "Related", "China's exports beat forecasts", "3 hours ago", "© 2026 Example Markets")
    (art,) = parse_text_page(text)
    assert art.body[-1] == entries[-1][2]
    assert not any("Related" in s or "exports beat" in s for s in art.body)


def test_post_navigation_and_a_byline_under_the_deck_stay_out_of_the_body():
    """The run-on over paragraphs the model doubted stops at a byline ("Written by A, B, C" under a deck belongs to
    the header) and a blog's links to the posts around it ("← <previous>", "<next> →") are never body; an arrow
    opening a sentence is a bullet and stays."""
    from newsdesk.clean import lines as L
    from newsdesk.clean.textpage import _bridge_ads
    assert L.FURNITURE.search("← Review of the harbour tour | Lens notes for the 645 →")
    assert L.FURNITURE.search("Older film scanners compared →") and L.FURNITURE.search("Next post: How we shot it")
    assert not L.FURNITURE.search("→ The bottom line: the era of waiting is over.")
    lines = ["Payroll teams stand where familiar routines split and new ones emerge, and the pace of change is quickening.",
             "Written by Ana Ruiz, Tom Hale, Mei Tan",
             "Payroll is entering one of its most defining moments as automation changes how pay runs are checked."]
    assert _bridge_ads(lines, [0.6, 0.5, 0.5], [(0, 1)], lead=0) == [(0, 1)]
    lines[1] = "Most payroll teams still check each pay run by hand before it is released to the bank."
    assert _bridge_ads(lines, [0.6, 0.5, 0.5], [(0, 1)], lead=0) == [(0, 3)]


_FED_LEDE = ("Federal Reserve officials signalled on Wednesday that the Fed is prepared to hold interest rates steady "
             "for longer, and may not be done hiking, as inflation data came in hotter than expected.")
_FED_MORE = ("Traders in futures markets cut their bets on a September cut, pricing roughly a 40% chance after the "
             "minutes were released, down from 65% a week earlier.")


def test_plain_file_headline_asked_in_sentence_case_is_the_title():
    arts = parse_text_page(f"Is the Fed done hiking?\n\n{_FED_LEDE}\n\n{_FED_MORE}\n")
    assert [(a.title, a.body) for a in arts] == [("Is the Fed done hiking?", [_FED_LEDE, _FED_MORE])]
    arts = parse_text_page(f"Fed hiking?\n\n{_FED_LEDE}\n\n{_FED_MORE}\n")  # two words
    assert [(a.title, a.body) for a in arts] == [("Fed hiking?", [_FED_LEDE, _FED_MORE])]
    # a question that is the text's own first paragraph (no blank line under it, or not the first line) stays
    arts = parse_text_page(f"Markets wrap\n\nIs the Fed done hiking?\n{_FED_LEDE}\n\n{_FED_MORE}\n")
    assert arts[0].body[0] == "Is the Fed done hiking?"


def test_plain_chinese_file_headline_asked_as_a_question_is_the_title():
    lede = "恒生指数周三收涨1.2%，报18520点，科技股领涨，南向资金净买入港股56亿港元，市场人士认为港股仍有上涨空间。"
    more = "分析师表示，美联储降息预期升温以及内地经济数据好于预期，推动资金回流港股，但投资者宜保持谨慎。"
    arts = parse_text_page(f"港股还能涨多久？\n\n{lede}\n\n{more}\n")
    assert [(a.title, a.body) for a in arts] == [("港股还能涨多久？", [lede, more])]


def test_plain_file_first_line_is_the_title_over_its_standfirst():
    """A plain file: headline, blank line, a standfirst (or a photo caption) that shares more words with the text
    than the headline does, then the text. The headline is the title; a time stamp opening a file is not."""
    stand = "Central bank officials signal a longer pause as inflation runs hotter than expected"
    arts = parse_text_page(f"Fed signals a longer pause on rates\n\n{stand}\n{_FED_LEDE}\n\n{_FED_MORE}\n")
    assert arts[0].title == "Fed signals a longer pause on rates"
    assert arts[0].body[-2:] == [_FED_LEDE, _FED_MORE]
    arts = parse_text_page(f"Posted at 3:21 PM ET, 01/5/2011\n\n{stand}\n{_FED_LEDE}\n\n{_FED_MORE}\n")
    assert arts[0].title != "Posted at 3:21 PM ET, 01/5/2011"
    # a site's name over the headline is no title: it shares no words with the text
    arts = parse_text_page(f"Example Daily News\n\nFed minutes show a longer pause\n{_FED_LEDE}\n\n{_FED_MORE}\n")
    assert arts[0].title == "Fed minutes show a longer pause"
    # a headline closing a bracket reads as a sentence to the prose test; it is still the title, not the lede
    arts = parse_text_page(f"Fed minutes show a longer pause (update)\n\n{_FED_LEDE}\n\n{_FED_MORE}\n")
    assert [(a.title, a.body) for a in arts] == [("Fed minutes show a longer pause (update)", [_FED_LEDE, _FED_MORE])]
    # the headline's header (a date, an outlet line, a byline) between it and a short text: still the title
    # (a label such as "[video]" made the share of its words in the text too small to be one)
    head = "Markets rally as chipmakers climb [video]"
    short = "Shares of chipmakers rose on Tuesday as investors bet on demand for servers."
    arts = parse_text_page(f"{head}\n\nMarch 3, 2026\n\nHarbour Desk Wire\n\n{short}\n")
    assert [(a.title, a.header, a.body) for a in arts] == [(head, ["March 3, 2026", "Harbour Desk Wire"], [short])]
    arts = parse_text_page(f"{head}\n\nBy Jane Doe\nMarch 3, 2026\nHarbour Desk Wire\n\n{short}\n")
    assert arts[0].title == head


def test_a_carried_story_on_an_aggregator_takes_its_own_outlet(tmp_path):
    """Two stories under one portal's template, the second "来源：" another outlet: its publisher is that outlet."""
    import newsdesk.api as api
    page = "\n".join([
        "示例财经 | 首页 | 港股 | 登入", "即时新闻", "",
        "汇丰控股逆市升0.8% 收报68.5港元", "2026年5月14日 16:35 来源：示例财经 记者 陈美玲",
        "汇丰控股周四逆市上升0.8%，收报68.5港元，为恒指表现最佳蓝筹之一。市场憧憬该行财富管理业务受惠于内地资金南下，近期多家外资券商上调其目标价。",
        "分析师预期汇丰将于下周二公布第一季业绩，市场预期税前利润按年下跌约10%，主要受利率下调及香港商业地产信贷损失增加影响。",
        "有基金经理指出，汇丰股息率仍然吸引，加上持续回购股份，股价下跌空间有限，投资者可于回调时分段吸纳。", "",
        "美团股价跌4.1% 外卖价格战加剧", "2026年5月14日 15:10 来源：港股速递 记者 黄志强",
        "美团周四股价下跌4.1%，报121.3港元，外卖平台之间的补贴战再度升温，拖累股价连跌三个交易日，累计跌幅接近一成。",
        "有券商分析师表示，价格战短期内难以结束，将拖累美团核心本地商业分部的利润率，并下调其今年盈利预测约8%。",
        "不过亦有分析认为，美团在即时零售及海外业务的增长可望抵销部分压力，长线投资价值未变。", "",
        "相关新闻", "沪深股市午后回稳", "© 2026 示例财经 版权所有"])
    (tmp_path / "agg.txt").write_text(page, encoding="utf-8")
    arts = api.run([str(tmp_path / "agg.txt")], output=tmp_path / "sm.json").storymap.articles
    assert [(a.title, a.publisher, a.authors) for a in arts] == [
        ("汇丰控股逆市升0.8% 收报68.5港元", "示例财经", ["陈美玲"]), ("美团股价跌4.1% 外卖价格战加剧", "港股速递", ["黄志强"])]


def test_a_short_lead_under_the_date_line_is_the_text_not_the_header():
    """A first paragraph of nine words under the date ("Alibaba is due to report results on Thursday.") was
    read as part of the header and lost; an affiliate disclosure in its place is the site's, not the text."""
    lead = "Alibaba is due to report December-quarter results on Thursday."
    rest = ["Tencent will announce its annual results on March 18 after the market close.",
            "Xiaomi said it would release full-year earnings later this month, people familiar said.",
            "NIO's annual shareholder meeting will be held on April 30 in Shanghai, the company said."]
    page = "\n\n".join(["Earnings calendar: what to watch", "Monday, March 16, 2026", lead, *rest])
    arts = parse_text_page(page)
    assert [(a.header, a.body) for a in arts] == [(["Monday, March 16, 2026"], [lead, *rest])]
    note = "Products are chosen by our editors. Purchases made through our links may earn us a commission."
    arts = parse_text_page(page.replace(lead, note))
    assert arts[0].body == rest and note in arts[0].header


def test_a_lead_that_repeats_the_standfirst_is_the_text_but_a_card_excerpt_is_not():
    """The standfirst under the headline often opens the body too, cut short: the longer copy is text (a
    repeated-line rule keyed on the first 60 characters dropped both, so the lead was lost, session 19); a card's
    title with an excerpt under it that begins with the title, and a line shown twice, stay furniture."""
    lead = ("Lantern Bank will cut about 2,000 jobs, or 5% of its workforce, over the next two years after its "
            "first-half profit fell 18%, the lender said on Tuesday")
    rest = ["The bank, which employs about 40,000 people across Asia, said most of the cuts would come from "
            "back-office roles and its retail branch network in Hong Kong and Singapore.",
            "\"We have to become a leaner organisation to compete,\" chief executive Mark Chan told reporters "
            "on a call. He said the bank would spend HK$1.2 billion on severance and technology.",
            "Lantern Bank shares fell 3.4% to HK$41.20 by midday, their lowest level since November."]
    page = "\n\n".join(["Lantern Bank to cut 2,000 jobs as profit falls", lead + ".", "By Anna Wong",
                        "Published 10 March 2026, 07:45 GMT", "Share this article",
                        lead + ", as higher funding costs squeezed its margins.", *rest])
    arts = parse_text_page(page)
    assert arts[0].body[0].startswith(lead + ", as higher") and arts[0].body[1:3] == rest[:2]
    title = "A card's title, in words long enough to be keyed on sixty characters"
    excerpt = title + " and then the excerpt of the story that the card links to, at some length"
    key = textpage.L.norm_line(title)[:60]
    assert textpage._repeated(excerpt, 12, {key: [(10, len(title)), (12, len(excerpt))]})  # right under its title
    assert not textpage._repeated(excerpt, 30, {key: [(10, len(title)), (30, len(excerpt))]})  # a standfirst's lead
    assert textpage._repeated(title, 40, {key: [(5, len(title)), (40, len(title))]})  # shown twice, the same
