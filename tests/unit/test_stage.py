import time

import pytest

from newsdesk.config import load_config
from newsdesk.errors import TimeBudgetExceeded
from newsdesk.model import Document
from newsdesk.pipeline.stage import Bundle, DocumentStage, StageContext, StageStats, run_stage, time_budget


class Slow(DocumentStage):
    name = "slow"

    def process(self, bundle, ctx):
        if "slow" in bundle.document.path:
            t0 = time.time()
            while time.time() - t0 < 5:
                pass
        if "boom" in bundle.document.path:
            raise RuntimeError("boom")
        bundle.articles = []


def test_time_budget_and_errors_are_counted_not_raised():
    cfg = load_config(overrides={"limits": {"document_seconds": 0.2}})
    batch = [Bundle(Document(id=str(i), path=p)) for i, p in enumerate(["ok", "slow", "boom"])]
    stats = StageStats("slow")
    out = run_stage(Slow(), batch, StageContext(cfg), stats)  # (unstopped, "slow" would end "ok" after 5 s)
    assert [b.document.status for b in out] == ["ok", "error", "error"]
    assert out[1].document.error.code == "ND201" and out[2].document.error.code == "ND500"
    assert stats.errors == {"ND201": 1, "ND500": 1} and stats.docs_in == 3 and stats.docs_out == 1


def test_time_budget_context():
    with pytest.raises(TimeBudgetExceeded):
        with time_budget(0.05, "x"):
            time.sleep(1)
    with time_budget(0, "off"):
        pass


def test_a_login_wall_is_short_prompts_not_a_long_paragraph_that_mentions_subscribing():
    from newsdesk.clean.stage import not_an_article
    assert not_an_article(["Sign in to continue reading.", "Subscribe now for full access.",
                           "Already a member? Log in"]) == "login wall"
    paragraph = ("The new rules change how households file this spring, and the agency expects more returns "
                 "to claim the larger deduction than last year. ") * 20 + "Subscribe to our newsletter for updates."
    assert not_an_article([paragraph]) is None


def test_a_dead_link_page_is_an_error_page_not_an_article_about_one():
    from newsdesk.clean.stage import error_page
    notice = ["The page you requested cannot be found. The page you are looking for might have been removed, "
              "had its name changed, or is temporarily unavailable.", "Please try the following:",
              "If you typed the page address in the Address bar, make sure that it is spelled correctly."]
    assert error_page("example.com document not found", notice) == "error page"
    assert error_page(None, ["404 Not Found", "Sorry, we could not find that page."]) == "error page"
    story = ["Visitors to the retailer's site saw a page not found notice for three hours on Monday as orders "
             "failed, the company said, blaming a faulty software update to its checkout service."] * 12
    assert error_page("Retailer's site down for three hours", story) is None  # an article about an outage
    assert error_page("Page not found: the missing link in the chip supply chain", story) is None
    brief = ["S&P 500 futures data unavailable for an hour after an exchange outage, traders said on Monday."]
    assert error_page("S&P 500 data unavailable after outage", brief) is None  # a brief, not a dead link
    assert error_page("Probe update", ["A key document was not found by investigators, the agency said."]) is None
    assert error_page("410 jobs cut at Acme plant", ["Acme will cut 410 jobs at its plant, the company said."]) is None
    assert error_page("Error 404", ["Sorry, we could not find that page."]) == "error page"
