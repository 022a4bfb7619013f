"""Shapes of single lines in a flattened page: title-like, byline, dateline, relative time, long prose."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lang import HAN, no_han
from .zhscript import zh_compile

WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
          "august|september|october|november|december")
ABS_DATE = re.compile(
    # a month glued to a name or a date before it ("Jane DoeMay 5, 2024", "2020November 12, 2021") starts one
    rf"(?i)(?:\b|(?<=[a-z0-9])(?-i:(?=[A-Z])))(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\b"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
REL_TIME = zh_compile(
    # no word boundary before the count: flattened pages glue a label to it ("time2 hours ago")
    r"(?i)(?:(?:an?|one|\d+)\s*(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b"
    # "today" alone or after a time or a label ("Updated today", "10:30 AM today"), not "Garden News Today"
    r"|(?:^|\d|\b(?:am|pm|updated|published|posted|edited)\b)\W*(?:just now|yesterday|today)\W*$|\d+\s*(?:分钟|小时|天|周)前|刚刚|昨天)")
BYLINE = re.compile(r"^\s*(?:by|written by|reported by|words by)\b[:\s]*(.*)$", re.IGNORECASE)
# a Chinese reporters' credit line: "本报记者 王燕平 方云凤", "新华社记者张三", "本报实习生 刘国栋 周炜"
ZH_REPORTER = zh_compile(r"^\s*(?:本报|本刊|本台|新华社|中新社)?(?:特约|见习|首席)?(?:记者|通讯员|实习生)\s*"
                         r"[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+[\u4e00-\u9fff·]{2,4}){0,5}\s*$")
ZH_BYLINE = zh_compile(r"(?:作者|记者|文|撰文|编辑|来源)\s*[:：/]\s*(\S[^|｜]*)")
TERMINAL = tuple(".!?。！？…\"”’'」』)")
BULLET = re.compile(r"^\s*[•·\-–—*▪►»|]+\s*")


@lru_cache(maxsize=1 << 16)
def norm_line(line: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line)).strip().casefold()


def han_count(line: str) -> int:
    if no_han(line):
        return 0
    return len(HAN.findall(line))


@lru_cache(maxsize=1 << 16)
def word_count(line: str) -> int:
    """Words, with two Han characters counted as one word."""
    if no_han(line):  # (no Han character: the substitution and the count change nothing)
        return len(WORD.findall(line))
    return len(WORD.findall(HAN.sub(" ", line))) + han_count(line) // 2


def is_long(line: str, min_words: int = 25) -> bool:
    return word_count(line) >= min_words


@lru_cache(maxsize=1 << 16)
def is_dateline(line: str) -> bool:
    s = line.strip()
    if not s or word_count(s) > 16:
        return False
    return bool(ABS_DATE.search(s) or REL_TIME.search(s))


_BARE_URL = re.compile(r"(?i)(?:https?://|www\.)\S+$")


@lru_cache(maxsize=1 << 16)
def is_title_like(line: str) -> bool:
    s = line.strip()
    if not s or is_dateline(s) or BYLINE.match(s) or _BARE_URL.match(s) or ZH_REPORTER.match(s):
        return False
    wc = word_count(s)
    if han_count(s) >= 6:
        return 3 <= wc <= 45 and not s.endswith(("。", "：", ":"))
    if not 3 <= wc <= 30:
        return False
    if s.endswith((".", ":", ";", ",")) and not s.endswith(("Inc.", "Ltd.", "Co.", "Corp.")):
        return False
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) < 0.7


def strip_bullet(line: str) -> str:
    return BULLET.sub("", line).strip()

AD_LABEL = zh_compile(r"(?i)^\s*(?:advertisements?|advertising|sponsored(?: content)?|promoted|ad|广告|推广|赞助内容)\s*$")
# a line an ad label opens: "【广告】开户即送港股实时行情，点击了解>>", "[Sponsored] Try our app" (short lines only)
AD_PREFIX = zh_compile(r"(?i)^\s*[【\[［(（]\s*(?:advertisement|ad|sponsored|promoted|广告|推广|赞助)\s*[】\]］)）]")
# (matched in the lower-cased line: a case-blind pattern of alternatives folds the case of every character
# at every position it tries, ~2x slower)
CALL_TO_ACTION = zh_compile(
    r"\b(?:register now|sign up|subscribe(?: now| today)?|join us|download\b.{0,30}\bapp|click here|"
    r"learn more|read more|get started|follow us|newsletter|all rights reserved|app store|enter your e-?mail)\b|扫码|"
    r"下载.{0,4}app|关注我们|点击查看")


def call_to_action(line: str) -> bool:
    return CALL_TO_ACTION.search(line.lower()) is not None


# a line that introduces links to other stories ("See also: …", "Read more: …", "相关阅读：…")
RELATED_LEAD = zh_compile(
    r"(?i)^\s*(?:see also|also read|read also|read more|read next|keep reading|related(?: articles?| stories| coverage)?|"
    r"more on this|recommended|you may also like|don't miss|watch|listen)\s*[:：|>»-]|^\s*(?:相关阅读|推荐阅读|延伸阅读|相关新闻)")
# a closing line that is the site's, not the article's: an AI-production or not-investment-advice disclaimer, a
# promotion of a report or newsletter ("This article was produced with the help of AI tools …", "… is not
# investment advice", "Get the free report now!")
SITE_FOOTER = zh_compile(
    r"(?i)\b(?:(?:produced|written|generated|created|drafted) (?:with the (?:help|assistance) of|using|by) "
    r"(?:an? )?(?:AI|artificial intelligence)|(?:is|are) (?:provided )?for (?:general )?informational purposes only|"
    r"(?:does not|do not|doesn't|is not|isn't) (?:constitute |intended as )?(?:an? )?(?:investment|financial) advice|"
    r"get (?:the|our|your) free (?:report|guide|newsletter)|free report now|"
    r"sign up (?:now |today )?(?:for|to get) (?:our|the|free)|subscribe (?:now|today) (?:for|to)|"
    r"(?:may|might|could) (?:earn|receive|get) (?:us )?(?:an? )?(?:small )?(?:affiliate )?(?:commission|compensation))"
    r"|^\s*(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|版权所有)")  # (a copyright line closing the page)


# the standard closing sections of a press release, each a heading on its own line: what follows is about the
# issuer or the law, not the news ("About Northwind Robotics", "Forward-Looking Statements", "关于北风机器人")
RELEASE_TAIL = zh_compile(r"^\s*(?:about (?:the )?[A-Z0-9][\w&.,'’ -]{1,60}|forward[- ]looking statements?|"
                          r"safe harbou?r statements?|cautionary (?:note|statement)s?(?: regarding [\w -]{1,40})?|"
                          r"(?:media|investor|press) (?:contacts?|relations|enquiries|inquiries)|"
                          r"关于[\u4e00-\u9fff\w]{2,20}|前瞻性陈述|前瞻性声明|免责声明)\s*:?\s*$", re.I)


def cut_release_tail(body: list[str], min_before: int = 2) -> list[str]:
    """The body up to a press release's closing sections (see RELEASE_TAIL), when at least ``min_before`` lines
    of text come before the first of them."""
    for i, line in enumerate(body):
        if i < min_before or not RELEASE_TAIL.match(line):
            continue
        s = line.strip()
        if s[:5].lower() == "about":
            # "About Northwind Robotics" over "Northwind Robotics designs … / is a … / founded …": the issuer's
            # boilerplate; "About the deal", a subheading of the story, is not
            name = s[6:].strip(" :")
            nxt = next((x.strip() for x in body[i + 1:] if x.strip()), "")
            if not (name[:1].isupper() and (nxt.startswith(name.split()[0]) or _ABOUT_BODY.search(nxt[:200]))):
                continue
        return body[:i]
    return body


_ABOUT_BODY = zh_compile(r"\b(?:is|are) (?:a|an|the|one of)\b|\bfounded\b|\bheadquartered\b|\bbased in\b|成立于|总部")


def site_footer(line: str, max_chars: int = 400) -> bool:
    """A short closing line of the site's (see SITE_FOOTER); a long paragraph that says so in passing is text."""
    return len(line) < max_chars and SITE_FOOTER.search(line) is not None
# the heading of a list of other stories, alone on its line ("Most Popular", "Related Posts", "You may also like")
LIST_HEAD = zh_compile(
    r"(?i)^\s*(?:most (?:popular|read|viewed|recent)|popular(?: posts| articles| stories| now)?|"
    r"related(?: posts| articles| stories| content| reading| news)?|recent(?: posts| articles| stories| news)?|"
    r"latest(?: posts| articles| news| stories)?|trending(?: now| stories| articles)?|"
    r"you (?:may|might) also (?:like|enjoy)|more (?:stories|articles|posts|news)|read (?:more|next)|"
    r"recommended(?: for you| reading| articles| stories)?|editor'?s picks?|top stories|"
    r"相关阅读|推荐阅读|延伸阅读|相关新闻|相关文章|热门文章|最新文章|热门推荐)\s*[:：|>»-]?\s*$")
# whole lines that are page furniture in any article template: consent notices, breadcrumbs, font-size and
# share widgets, editor and disclaimer lines ("（责任编辑：X）"; a risk notice, "风险提示：市场有风险…"; a link to the editorial standards),
# machine-translation notices, a form's consent line ("By submitting,
# you agree …"), an outdated-browser notice ("We noticed that you are using Internet Explorer …")
FURNITURE = zh_compile(
    r"(?i)^\s*[（(【\[]?\s*(?:当前位置|您的位置|你的位置|you are here|字号|分享到|share (?:this|on)|责任编辑|编辑[:：]|免责声明|disclaimer"
    # a blog's links to the posts around it ("← <previous title>", "<next title> →"; an arrow opening a sentence is a
    # bullet: "→ The bottom line: …")
    r"|←|(?:previous|next) (?:post|article|story)\s*(?:[:：|←→»«]|$)"
    r"|风险提示|(?:市场|投资|股市)有风险|(?:our (?:editorial )?standards|editorial (?:standards|guidelines))\s*(?:[:：|]|$)"
    r"|本文由机器翻译|this (?:article|page) (?:was|has been) (?:translated|machine[- ]translated)|translated by machine"
    r"|by (?:submitting|clicking|signing up|subscribing|registering|continuing to use)\b)"
    r"|→\s*$|(?:use[sd]? |使用)cookies?\b.{0,80}(?:consent|agree|accept|同意|浏览)|cookies?.{0,60}(?:同意|以改善)"
    r"|\b(?:we noticed (?:that )?you(?: are|'re) using|you(?: are|'re) using an? (?:outdated|unsupported|old(?:er)?) browser"
    r"|your browser (?:is (?:out of date|outdated|not supported|no longer supported)|does not support)"
    r"|please (?:upgrade|update) your browser)")
# a consent framework's notice, however long: "We and our 100 partners store and/or access information on a device …"
CONSENT_FRAMEWORK = re.compile(r"(?i)\bwe and our (?:\d+ )?(?:partners|vendors) (?:store|process|use)\b"
                               r"|\bstore and/or access information on a device\b")
# a line that asks the reader to log in, subscribe or pay: the whole "article" of a login wall
# (matched in the lower-cased line)
PROMPT = zh_compile(
    r"\b(?:sign in|log ?in|subscribe|subscription|subscribers?|password|create an? (?:free )?account|"
    r"register|already a member|unlock|paywall|continue reading|keep reading|free trial|cancel anytime|"
    r"continue with (?:google|apple|facebook))\b|登录|注册|订阅|会员|开通|付费|密码")


def prompt(line: str) -> bool:
    return PROMPT.search(line.lower()) is not None


def title_case(line: str) -> bool:
    """Headline capitalisation: most longer words start with a capital ("Can The EV Push Pay Off?")."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", line)]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.7
