#!/usr/bin/env python3
"""Several articles in one page: matched-article F1 of the clean stage on glued tuning pages.

    python bench/eval_multi_article.py [--n 40] [--seed 1] [--shared DIR] [--kinds text-en,html-zh]
                                       [--out FILE] [--no-write] [--per-page FILE]

Test set (built at run time, deterministic for a given --seed): the extraction tuning pages of
``shared/data/extraction`` (EN) and ``shared/data/extraction-zh`` (ZH) are glued together, 2–4 per page,
in four kinds: flattened text EN / ZH and HTML EN / ZH. Per kind, --n glued pages and --n/3
single-article pages (one tuning page plus inserted headline lists: nothing may be split off it).

* Text pages either keep one tuning page as the *host* (its own flattened top: menu, headline, byline,
  then its body; its own footer at the very end) and append the other articles, or stack all articles
  under a generic menu. An appended article is a header block in one of many templates (title, title
  repeated as a link, source line, byline, absolute date or "3 hours ago", kicker, date above the title,
  reading time, ...) and its body: the page's own flattened body region (with whatever captions or ad
  labels sit in it) or the gold paragraphs. Between articles: a blank line, rules (---, * * *, ━━━),
  "Next article"/"Read next"/"下一篇" lines, share rows, tag lines.
* HTML pages either append ``<article>``/``<div>``/``<section>`` siblings (h1/h2/h3 headline, a
  ``<time>``, a byline or a meta line, ``<p>`` paragraphs) to the real HTML of a host tuning page, or
  build the whole page (nav, main, aside, footer) around the articles.
* Headline lists that must NOT become articles are inserted at the top, between articles and at the
  end: a heading ("Related", "Most read", "相关新闻", ...) and 4–8 titles of other tuning pages, plain,
  bulleted, numbered, each with a time or date line, repeated as image alt + link with a source line,
  or with a one-sentence teaser.
Chinese tuning pages have no gold title: a headline is derived from the page's <title> (its longest
Han segment) or the first clause of the body, inserted as the article's headline and scored as gold.

Each glued page is written to a temporary directory, read by newsdesk's reader and run through the
real ``CleanStage`` in process (the stage that makes articles; the later stages do not split or merge).

Scoring: predicted and gold articles of a page are matched one-to-one by the Hungarian method on the
body F1 of token 4-gram shingles (``shared/tools/eval_extraction.py``: \\w+ tokens for EN, characters
for ZH). **A predicted article is correct when its body F1 with its matched gold article is ≥ 0.5.**
P = correct / predicted, R = correct / gold, matched-article F1 = 2PR/(P+R), all micro-averaged over
the pages of a kind. Also: mean body F1 of the correct pairs, title accuracy (eval_extraction's
title_match: exact after case/punctuation folding) and date accuracy (same calendar day) of the correct
pairs whose gold has the field, and false splits (single-article pages with more than one article).
Writes ``bench/results/multi-article-<date>.json`` unless --no-write.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html as htmlmod
import json
import os
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

KINDS = ("text-en", "text-zh", "html-en", "html-zh")
CORRECT_F1 = 0.5


sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_html import load_eval  # noqa: E402  (the shared scorer, imported by path)


# ---------------------------------------------------------------------------------------------- data
@dataclass
class Page:
    rid: str
    lang: str  # en | zh
    title: str | None  # gold headline (EN), derived headline (ZH)
    gold_title: bool  # the title is the set's gold (scored on host pages too)
    date: str | None
    author: str | None
    domain: str
    gold: str
    flat: list[str]
    html_path: Path
    span: tuple[int, int] = (0, 0)  # flat lines [start, end] holding the gold body
    paras: list[str] = field(default_factory=list)


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _zh_title(html: str, gold: str) -> str:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    if m:
        t = htmlmod.unescape(re.sub(r"\s+", " ", m.group(1))).strip()
        parts = [p.strip() for p in re.split(r"[_|｜»]|\s*-\s*|&gt;|>|〖|〗", t) if p.strip()]
        parts = [p for p in parts if len(_HAN.findall(p)) >= 6 and len(p) <= 60 and "访问" not in p]
        if parts:
            return max(parts, key=len)
    for line in gold.splitlines():  # else the first clause of the body that reads like a headline
        first = re.split(r"[，。！？；：:\t]", line.strip())[0].strip()
        if len(_HAN.findall(first)) >= 8:
            return first[:30]
    return re.sub(r"\s+", "", gold)[:20]


def _body_span(ev, flat: list[str], gold: str, metric: str) -> tuple[int, int]:
    g = ev.shingles(gold, 4, metric)
    gnorm = re.sub(r"\s+", "", gold)
    hits = []
    for i, line in enumerate(flat):
        s = line.strip()
        if not s:
            continue
        toks = ev.tokenize(s, metric)
        if len(toks) >= 6:
            sh = ev.shingles(s, 4, metric)
            if sum((sh & g).values()) >= 0.6 * sum(sh.values()):
                hits.append(i)
        elif len(toks) >= 3 and re.sub(r"\s+", "", s) in gnorm and hits:
            pass  # short lines do not start or end the region
    if not hits:
        return (0, len(flat) - 1)
    return (hits[0], hits[-1])


def load_pages(shared: Path, ev) -> dict[str, list[Page]]:
    from newsdesk.ingest.encoding import decode_bytes

    out: dict[str, list[Page]] = {}
    for lang, name in (("en", "extraction"), ("zh", "extraction-zh")):
        d = shared / "data" / name
        with gzip.open(d / "gold.jsonl.gz", "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        metric = "chars" if lang == "zh" else "words"
        pages = []
        for r in rows:
            if r.get("page_type") == "forum":
                continue  # a thread of posts is not one article
            gold = r["text"] or ""
            size = len(re.sub(r"\s", "", gold)) if lang == "zh" else len(gold.split())
            if size < (300 if lang == "zh" else 120) or size > (9000 if lang == "zh" else 2500):
                continue
            flat = gzip.decompress((d / r["flat"]).read_bytes()).decode("utf-8", "replace").splitlines()
            if lang == "zh":
                html = decode_bytes(gzip.decompress((d / r["html"]).read_bytes()), is_html=True)[0]
                title, gold_title = _zh_title(html, gold), False
            else:
                title, gold_title = r.get("title"), True
            p = Page(rid=r["id"], lang=lang, title=title, gold_title=gold_title, date=r.get("date"),
                     author=r.get("author"), domain=r.get("domain") or "example.com", gold=gold, flat=flat,
                     html_path=d / r["html"])
            p.span = _body_span(ev, flat, gold, metric)
            p.paras = [s.strip() for s in re.split(r"\n\s*\n", gold) if s.strip()]
            pages.append(p)
        out[lang] = pages
    return out


# ------------------------------------------------------------------------------------------ templates
NAV = {"en": ["Home", "News", "World", "Business", "Markets", "Technology", "Opinion", "Sport", "Culture",
              "Lifestyle", "Video", "Podcasts", "Subscribe", "Sign in", "Search"],
       "zh": ["首页", "新闻", "国内", "国际", "财经", "科技", "体育", "娱乐", "汽车", "房产", "登录", "注册", "搜索"]}
FOOTER = {"en": [["About us", "Contact", "Careers", "Advertise with us"], ["Privacy policy", "Terms of use",
                                                                       "Cookie settings"],
                 ["© 2025 The Daily Ledger. All rights reserved."], ["Follow us", "Facebook", "X", "Instagram"]],
          "zh": [["关于我们", "联系我们", "广告服务", "网站地图"], ["版权所有 © 2005 新闻网 保留所有权利"],
                 ["京ICP备00000000号"], ["违法和不良信息举报电话：010-00000000"]]}
SOURCES = {"en": ["The Daily Ledger", "Metro Wire", "Harbour Times", "Newsroom Staff", "Global Desk", "City Post",
                  "Business Report", "Wire Service"],
           "zh": ["新闻网", "晨报", "经济日报", "综合报道", "本网讯", "东方快讯", "财经频道"]}
SECTIONS = {"en": ["Business", "Health", "Science", "Travel", "Food", "Opinion", "Technology", "Culture"],
            "zh": ["财经", "社会", "科技", "文化", "教育", "健康"]}
LIST_HEADS = {"en": ["Related", "Related stories", "Most read", "Most popular", "More stories", "Trending now",
                     "Latest news", "Top stories", "You may also like", "Recommended for you", "Editor's picks",
                     "MORE FROM THE SITE", "What to read next"],
              "zh": ["相关新闻", "热门文章", "推荐阅读", "最新文章", "热点排行", "猜你喜欢", "相关阅读", "编辑推荐",
                     "24小时排行"]}
SEPARATORS = {"en": [[""], ["", ""], ["-----"], ["* * *"], ["━━━━━━━━━━"], ["Next article"], ["Read next"],
                     ["Up next"], ["NEXT STORY"], ["Continue reading below"], ["Share", "Facebook", "Twitter",
                                                                               "Email"],
                     ["Advertisement"], ["Tags: economy, markets, policy"], ["Back to top"], ["___"],
                     ["Scroll down for the next article"], ["Topics", "Economy", "Health"], ["Comments (0)"]],
              "zh": [[""], ["", ""], ["------"], ["━━━━━━━━"], ["下一篇"], ["下一篇文章"], ["分享到：", "微信", "微博"],
                     ["返回顶部"], ["【打印】【关闭】"], ["责任编辑：王明"], ["广告"], ["* * *"], ["阅读全文"],
                     ["（完）"]]}
# --styles heldout: other templates, separators and list headings than the ones looked at while tuning
STYLE = "dev"
HELDOUT_SEPARATORS = {"en": [["~~~"], ["• • •"], ["Continue to next story ›"], ["ADVERTISEMENT"], ["Story continues"],
                             ["Previous article", "Next article"], ["Print this page"], ["", "", ""], ["◆◆◆"]],
                      "zh": [["～～～"], ["【返回首页】"], ["上一篇", "下一篇"], ["点击排行"], ["", "", ""], ["◆◆◆"],
                             ["本文链接：http://example.com/a/1.html"]]}
HELDOUT_LIST_HEADS = {"en": ["Popular on the site", "Further reading", "In other news", "Don't miss", "Also on the site",
                             "Latest headlines"],
                      "zh": ["本周热点", "延伸阅读", "网友还看了", "今日要闻", "图片新闻"]}
REL_EN = ["3 hours ago", "45 minutes ago", "1 day ago", "Yesterday", "2 hrs ago", "12 minutes ago", "5 days ago"]
REL_ZH = ["3小时前", "45分钟前", "刚刚", "昨天", "2天前", "12分钟前"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def fmt_date(rng: random.Random, iso: str, lang: str) -> str:
    d = dt.date.fromisoformat(iso[:10] if len(iso) >= 10 else iso[:7] + "-01")  # (a few golds are YYYY-MM)
    hh, mm = rng.randint(6, 22), rng.randint(0, 59)
    if lang == "zh":
        return rng.choice([
            f"{d.year}年{d.month}月{d.day}日", f"{d.year}年{d.month:02d}月{d.day:02d}日 {hh:02d}:{mm:02d}",
            f"{d.isoformat()} {hh:02d}:{mm:02d}", f"{d.year}/{d.month:02d}/{d.day:02d}", d.isoformat(),
            f"{d.isoformat()} {hh:02d}:{mm:02d}:{rng.randint(0, 59):02d}"])
    mon = MONTHS[d.month - 1]
    ampm = f"{(hh - 1) % 12 + 1}:{mm:02d} {'a.m.' if hh < 12 else 'p.m.'}"
    return rng.choice([
        f"{mon} {d.day}, {d.year}", f"{mon[:3]} {d.day}, {d.year}", f"{d.day} {mon} {d.year}", d.isoformat(),
        f"{d.strftime('%A')}, {mon} {d.day}, {d.year}", f"{mon[:3]}. {d.day}, {d.year} {ampm} ET",
        f"{d.day} {mon[:3]} {d.year}, {hh:02d}:{mm:02d}", f"{mon} {d.day}, {d.year} at {ampm}"])


def when(rng: random.Random, art: Page) -> tuple[str, bool]:
    """A time line for an article: its date (always, when the gold has one) or a relative time."""
    if art.date:
        return fmt_date(rng, art.date, art.lang), True
    return rng.choice(REL_ZH if art.lang == "zh" else REL_EN), False


def text_header(rng: random.Random, art: Page, others: list[Page]) -> list[str]:
    t, lang = art.title or "", art.lang
    d, _ = when(rng, art)
    src = rng.choice(SOURCES[lang])
    author = art.author
    if STYLE == "heldout":
        return _heldout_header(rng, t, lang, d, src, author)
    if lang == "zh":
        style = rng.randrange(6)
        if style == 0:
            return [t, f"{d}  来源：{src}" + (f"  作者：{author}" if author else "")]
        if style == 1:
            return [t, "", f"来源：{src}", f"发布时间：{d}"] + ([f"作者：{author}"] if author else [])
        if style == 2:
            return [t, t, f"{src} {d}"]
        if style == 3:
            return [rng.choice(SECTIONS[lang]), t, "", d, "字号：大 中 小"]
        if style == 4:
            return [f"{d} | {src}", t]  # the time line above the headline
        return [t, f"{author or src}  {d}", "", "分享到："]
    style = rng.randrange(9)
    by = f"By {author}" if author else f"By {src}"
    if style == 0:
        return [t, t, "", src, "", d]
    if style == 1:
        return [t, "", by, d]
    if style == 2:
        return [t, f"{author or src} | {d}"]
    if style == 3:
        return [rng.choice(SECTIONS[lang]), t, f"Published {d}", "Share"]
    if style == 4:
        return [f"{rng.choice(SECTIONS[lang]).upper()} | {d}", t, by]  # the time line above the headline
    if style == 5:
        return [t, "", f"{d} · {rng.randint(2, 12)} min read"]
    if style == 6:
        return [t, by, "", f"Updated {d}", ""]
    if style == 7:
        return [t, f"{by}, {rng.choice([x for x in SOURCES[lang] if x != src])}", f"{d}", "Listen to this article",
                "Share", "Save"]
    return [t, f"{src} — {d}"]


def _heldout_header(rng: random.Random, t: str, lang: str, d: str, src: str, author: str | None) -> list[str]:
    if lang == "zh":
        return rng.choice([
            [t, f"发布日期：{d}  浏览次数：{rng.randint(50, 9000)}"],
            [t, f"【{src}】 {d}"],
            [d, t] + ([f"作者：{author}"] if author else []),
            [t, "", f"{src}  {d}", "【字体：大 中 小】"],
            [t, t, f"{d}"]])
    by = author or src
    return rng.choice([
        [t, f"Posted {d} by {by}"],
        [f"{rng.choice(SECTIONS[lang])} / {d}", "", t],
        [t, "", src, d, "", f"{rng.randint(0, 40)} comments"],
        [t, f"{d} | {rng.randint(0, 40)} Comments"],
        [t, f"{src} · {d}"],
        [t, "", f"Words: {by}", f"Date: {d}"],
        [t, t, f"{by}", d, "Print"]])


def teaser(page: Page, max_words: int = 30) -> str:
    if page.lang == "zh":
        first = re.split(r"(?<=[。！？])", re.sub(r"\s+", "", page.gold))[0]
        return first[:80] + ("…" if len(first) > 80 else "")
    words = page.gold.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def headline_list(rng: random.Random, lang: str, pool: list[Page]) -> tuple[str, list[tuple[str, str | None]]]:
    """A heading and 4–8 (headline, extra) items; extra is a time line, a source line or a teaser."""
    head = rng.choice((HELDOUT_LIST_HEADS if STYLE == "heldout" else LIST_HEADS)[lang])
    items = rng.sample(pool, min(len(pool), rng.randint(4, 8)))
    style = rng.choice(["plain", "bullet", "numbered", "rel", "date", "repeat", "teaser", "plain", "rel", "date"])
    out = []
    for k, p in enumerate(items):
        t = p.title or ""
        if style == "bullet":
            out.append((f"• {t}", None))
        elif style == "numbered":
            out.append((f"{k + 1}. {t}" if rng.random() < 0.5 else f"{k + 1} {t}", None))
        elif style == "rel":
            out.append((t, rng.choice(REL_ZH if lang == "zh" else REL_EN)))
        elif style == "date":
            out.append((t, fmt_date(rng, p.date or "2024-05-06", lang)))
        elif style == "repeat":
            out.append((t, "repeat:" + rng.choice(SOURCES[lang])))
        elif style == "teaser":
            out.append((t, "teaser:" + teaser(p)))
        else:
            out.append((t, None))
    return head, out


def list_lines(head: str, items: list[tuple[str, str | None]]) -> list[str]:
    out = ["", head]
    for t, extra in items:
        if extra is None:
            out.append(t)
        elif extra.startswith("repeat:"):
            out += [t, t, extra[7:]]
        elif extra.startswith("teaser:"):
            out += ["", t, extra[7:]]
        else:
            out += [t, extra]
    return out + [""]


# ------------------------------------------------------------------------------------------ text pages
@dataclass
class Glued:
    kind: str
    name: str
    content: str
    gold: list[Page]
    single: bool
    titled: list[bool]  # the headline is gold: EN, or a derived ZH headline the generator inserted


def _body_lines(rng: random.Random, art: Page) -> list[str]:
    a, b = art.span
    if rng.random() < 0.7 and b > a:
        return art.flat[a:b + 1]
    out = []
    for p in art.paras:
        out += [p, ""]
    return out


def glue_text(rng: random.Random, lang: str, arts: list[Page], pool: list[Page]) -> tuple[str, bool]:
    others = [p for p in pool if p not in arts] or pool
    lines: list[str] = []
    host = rng.random() < 0.5
    rest = arts
    footer: list[str] = []
    if host:
        a = arts[0]
        lines += a.flat[:a.span[1] + 1]
        footer = a.flat[a.span[1] + 1:][:200]
        rest = arts[1:]
    else:
        lines += rng.sample(NAV[lang], rng.randint(5, len(NAV[lang]))) + [""]
        if rng.random() < 0.3:
            lines += list_lines(*headline_list(rng, lang, others))
        for chunk in rng.sample(FOOTER[lang], rng.randint(1, len(FOOTER[lang]))):
            footer += chunk + [""]
    for k, art in enumerate(rest):
        if lines:
            if rng.random() < 0.35:
                lines += list_lines(*headline_list(rng, lang, others))
            seps = (HELDOUT_SEPARATORS if STYLE == "heldout" else SEPARATORS)[lang]
            lines += rng.choice(seps)
            if rng.random() < 0.3:
                lines += rng.choice(seps)
        lines += [""] + text_header(rng, art, others) + [""]
        lines += _body_lines(rng, art)
    if rng.random() < 0.6:
        lines += list_lines(*headline_list(rng, lang, others))
    return "\n".join(lines + [""] + footer), host


def single_text(rng: random.Random, art: Page, pool: list[Page]) -> list[str]:
    others = [p for p in pool if p is not art]
    a, b = art.span
    lines = list(art.flat)
    inserts = []
    where = rng.choice(["after", "top", "both", "end"])
    if where in ("after", "both"):
        inserts.append(b + 1)
    if where in ("top", "both"):
        inserts.append(max(0, a - rng.randint(1, 6)))
    if where == "end":
        inserts.append(len(lines))
    for pos in sorted(inserts, reverse=True):
        lines[pos:pos] = list_lines(*headline_list(rng, art.lang, others))
    return lines


# ------------------------------------------------------------------------------------------ html pages
def _e(s: str) -> str:
    return htmlmod.escape(s or "", quote=True)


def html_article(rng: random.Random, art: Page, tag: str, htag: str, meta_style: int, cls: str) -> str:
    d, absolute = when(rng, art)
    iso = art.date if absolute else None
    src = rng.choice(SOURCES[art.lang])
    author = art.author or ""
    if meta_style == 0:
        meta = f'<div class="meta"><time datetime="{iso or ""}">{_e(d)}</time></div>'
    elif meta_style == 1:
        by = (f"By {author}" if art.lang == "en" else f"作者：{author}") if author else src
        meta = f'<p class="byline">{_e(by)}</p><span class="date">{_e(d)}</span>'
    elif meta_style == 2:
        meta = f'<div class="article-meta">{_e(author or src)} | {_e(d)}</div>'
    elif meta_style == 3:
        meta = f'<ul class="info"><li>{_e(src)}</li><li>{_e(d)}</li></ul>'
    elif meta_style == 4:
        meta = (f'<div class="story-header-meta"><span class="author">{_e(author or src)}</span>'
                f'<time datetime="{iso or ""}" class="published">{_e(d)}</time>'
                f'<div class="share"><a href="#">Facebook</a><a href="#">Twitter</a></div></div>')
    elif meta_style == 5:  # (held-out styles from here)
        meta = f'<div class="dateline">Posted <time datetime="{iso or ""}">{_e(d)}</time> by {_e(author or src)}</div>'
    elif meta_style == 6:
        meta = f'<p><small>{_e(src)}</small><br><small>{_e(d)}</small></p>'
    else:
        meta = f'<table class="info"><tr><td>{_e(author or src)}</td><td>{_e(d)}</td></tr></table>'
    paras = []
    for p in art.paras:
        short = len(p.split()) <= 12 and not p.rstrip().endswith((".", "!", "?", "。", "”", '"'))
        if art.lang == "en" and short:
            paras.append(f"<h3>{_e(p)}</h3>")
        else:
            paras.append(f"<p>{_e(p)}</p>")
    head = f'<{htag} class="headline">{_e(art.title or "")}</{htag}>'
    if STYLE == "heldout" and rng.random() < 0.5:
        head = f'<{htag} class="entry-title"><a href="/p/{rng.randint(1, 9999)}">{_e(art.title or "")}</a></{htag}>'
    if rng.random() < 0.3:
        head = f'<header class="entry-header">{head}{meta}</header>'
        meta = ""
    return f'<{tag} class="{cls}">{head}{meta}<div class="body">{"".join(paras)}</div></{tag}>'


def html_list(rng: random.Random, lang: str, pool: list[Page]) -> str:
    head, items = headline_list(rng, lang, pool)
    lis = []
    for k, (t, extra) in enumerate(items):
        link = f'<a href="/story/{rng.randint(1000, 99999)}">{_e(t)}</a>'
        if extra is None:
            lis.append(f"<li>{link}</li>")
        elif extra.startswith("repeat:"):
            lis.append(f'<li><a href="#"><img alt="{_e(t)}" src="x.jpg"></a>{link}<span>{_e(extra[7:])}</span></li>')
        elif extra.startswith("teaser:"):
            lis.append(f'<div class="card"><h3>{link}</h3><p>{_e(extra[7:])}</p></div>')
        else:
            lis.append(f'<li>{link}<span class="time">{_e(extra)}</span></li>')
    htag = rng.choice(["h2", "h3", "h4", "div"])
    wrap = rng.choice(["aside", "div", "section"])
    inner = "".join(lis)
    if not inner.startswith("<div"):
        inner = f"<ul>{inner}</ul>"
    return f'<{wrap} class="related"><{htag} class="list-title">{_e(head)}</{htag}>{inner}</{wrap}>'


HTML_SEPS = ['<hr>', '<div class="next-article"><span>Next article</span></div>', '', '',
             '<p class="continue">Continue reading</p>', '<div class="ad">Advertisement</div>',
             '<div class="divider"></div>', '<div class="next">下一篇</div>']


HELDOUT_HTML_SEPS = ['<div class="spacer"><hr></div>', '<p class="more">Story continues below</p>', '',
                     '<div class="pagination"><a href="#">Previous</a> <a href="#">Next</a></div>', '<br><br>']


def glue_html(rng: random.Random, lang: str, arts: list[Page], pool: list[Page]) -> tuple[str, bool]:
    from newsdesk.ingest.encoding import decode_bytes

    others = [p for p in pool if p not in arts] or pool
    if STYLE == "heldout":
        tag = rng.choice(["article", "div", "div"])
        cls = rng.choice(["card-article", "hentry", "content-block", "node"])
        styles = (5, 6, 7)
    else:
        tag = rng.choice(["article", "article", "div", "section"])
        cls = rng.choice(["story", "post", "entry", "article-item", "news-detail"])
        styles = (0, 1, 2, 3, 4)
    meta_style = rng.choice(styles)
    host = rng.random() < 0.5
    parts: list[str] = []
    rest = arts
    if host:
        rest = arts[1:]
    h_first, h_rest = rng.choice([("h1", "h2"), ("h2", "h2"), ("h1", "h1"), ("h2", "h3")])
    for k, art in enumerate(rest):
        if parts or host:
            if rng.random() < 0.35:
                parts.append(html_list(rng, lang, others))
            sep = rng.choice(HELDOUT_HTML_SEPS if STYLE == "heldout" else HTML_SEPS)
            if lang == "en":
                sep = sep.replace("下一篇", "Up next")
            parts.append(sep)
        htag = h_first if k == 0 and not host else h_rest
        parts.append(html_article(rng, art, tag, htag, meta_style if rng.random() < 0.8 else rng.choice(styles),
                                  cls))
    if rng.random() < 0.6:
        parts.append(html_list(rng, lang, others))
    block = "".join(parts)
    if host:
        page = decode_bytes(arts[0].html_path.read_bytes() if not str(arts[0].html_path).endswith(".gz")
                            else gzip.decompress(arts[0].html_path.read_bytes()), is_html=True)[0]
        page = re.sub(r"(?i)(<meta[^>]+charset\s*=\s*[\"']?)[\w-]+", r"\1utf-8", page)
        wrap = f'<div class="{rng.choice(["more-stories", "article-stream", "next-articles", "feed", "wrapper"])}">' \
            f'{block}</div>'
        return _append_to_body(page, wrap), True
    nav = "".join(f'<li><a href="/{k}">{_e(x)}</a></li>' for k, x in enumerate(rng.sample(NAV[lang], 7)))
    footer = "".join(f"<p>{_e(' | '.join(c))}</p>" for c in FOOTER[lang])
    top = html_list(rng, lang, others) if rng.random() < 0.3 else ""
    site = rng.choice(SOURCES[lang])
    return (f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<title>{_e(site)} - {_e(rng.choice(SECTIONS[lang]))}</title></head><body>'
            f'<header><div class="logo">{_e(site)}</div><nav><ul>{nav}</ul></nav></header>{top}'
            f'<main id="content">{block}</main><footer>{footer}</footer></body></html>'), False


def _append_to_body(page: str, fragment: str) -> str:
    """The page with `fragment` as the last child of its <body> as a parser sees it (host pages often
    leave elements open, so text pasted before </body> would land inside their menus)."""
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(page)
        body = doc.find(".//body")
        if body is None:
            raise ValueError("no body")
        for el in lxml.html.fragments_fromstring(fragment):
            if isinstance(el, str):
                continue
            body.append(el)
        return "<!DOCTYPE html>\n" + lxml.html.tostring(doc, encoding="unicode")
    except (ValueError, TypeError, lxml.etree.ParserError):
        m = list(re.finditer(r"(?i)</body\s*>", page))
        return page[:m[-1].start()] + fragment + page[m[-1].start():] if m else page + fragment


def single_html(rng: random.Random, art: Page, pool: list[Page]) -> str:
    from newsdesk.ingest.encoding import decode_bytes

    others = [p for p in pool if p is not art]
    page = decode_bytes(gzip.decompress(art.html_path.read_bytes()), is_html=True)[0]
    page = re.sub(r"(?i)(<meta[^>]+charset\s*=\s*[\"']?)[\w-]+", r"\1utf-8", page)
    lst = "".join(html_list(rng, art.lang, others) for _ in range(rng.randint(1, 2)))
    return _append_to_body(page, lst)


# ------------------------------------------------------------------------------------------ test set
def build(pages: dict[str, list[Page]], n: int, seed: int, kinds=KINDS) -> list[Glued]:
    out = []
    n_single = max(1, n // 3)
    for kind in kinds:
        mode, lang = kind.split("-")
        pool = pages[lang]
        for i in range(n + n_single):
            rng = random.Random(f"{seed}:{kind}:{i}")
            single = i >= n
            if single:
                arts = [rng.choice(pool)]
                content = "\n".join(single_text(rng, arts[0], pool)) if mode == "text" \
                    else single_html(rng, arts[0], pool)
                titled = [arts[0].gold_title]
            else:
                arts = rng.sample(pool, rng.randint(2, 4))
                content, host = glue_text(rng, lang, arts, pool) if mode == "text" \
                    else glue_html(rng, lang, arts, pool)
                titled = [a.gold_title or not (host and k == 0) for k, a in enumerate(arts)]
            out.append(Glued(kind, f"{kind}-{'single' if single else 'multi'}-{i:03d}", content, arts, single,
                             titled))
    return out


def run_clean(glued: list[Glued], workdir: Path) -> list[list[dict]]:
    from newsdesk.clean.stage import CleanStage
    from newsdesk.config import load_config
    from newsdesk.ingest.readers import read_path
    from newsdesk.pipeline.stage import Bundle, StageContext

    cfg = load_config()
    ctx = StageContext(cfg)
    stage = CleanStage()
    stage.setup(ctx)
    out = []
    for g in glued:
        path = workdir / (g.name + (".txt" if g.kind.startswith("text") else ".html"))
        path.write_text(g.content, encoding="utf-8")
        bundles = [Bundle(d) for d in read_path(path, cfg)]
        stage.process_batch(bundles, ctx)
        out.append([{"text": a.text, "title": a.title, "published": a.published}
                    for b in bundles for a in b.articles])
    return out


def _pair_f1(ev, gold: str, pred: str, metric: str) -> float:
    t = ev.tp_fp_fn(gold, pred, metric=metric)
    p, r = ev._prec(*t), ev._rec(*t)
    return 2 * p * r / (p + r) if p + r else 0.0


def score_page(ev, g: Glued, preds: list[dict]) -> dict:
    from scipy.optimize import linear_sum_assignment

    metric = "chars" if g.kind.endswith("zh") else "words"
    pairs = []
    if preds and g.gold:
        m = [[_pair_f1(ev, a.gold, p["text"], metric) for p in preds] for a in g.gold]
        rows, cols = linear_sum_assignment(m, maximize=True)
        pairs = [(int(r), int(c), m[r][c]) for r, c in zip(rows, cols)]
    correct = [(r, c, f) for r, c, f in pairs if f >= CORRECT_F1]
    titles, dates = [], []
    for r, c, _f in correct:
        a, p = g.gold[r], preds[c]
        # ZH pages carry no gold headline; a derived one is gold only where the generator inserted it
        if a.title and g.titled[r]:
            titles.append(bool(ev.title_match(a.title, p.get("title"))[0]))
        if a.date:
            dates.append(bool(ev.date_match(a.date, p.get("published"))))
    return {"page": g.name, "kind": g.kind, "single": g.single, "gold": len(g.gold), "pred": len(preds),
            "correct": len(correct), "body_f1": [round(f, 4) for _r, _c, f in correct], "titles": titles,
            "dates": dates, "gold_ids": [a.rid for a in g.gold],
            "pair_f1": sorted(round(f, 3) for _r, _c, f in pairs)}


def summarise(rows: list[dict]) -> dict:
    gold = sum(r["gold"] for r in rows)
    pred = sum(r["pred"] for r in rows)
    corr = sum(r["correct"] for r in rows)
    p = corr / pred if pred else 0.0
    r_ = corr / gold if gold else 0.0
    f1s = [f for r in rows for f in r["body_f1"]]
    ts = [t for r in rows for t in r["titles"]]
    ds = [d for r in rows for d in r["dates"]]
    singles = [r for r in rows if r["single"]]
    return {"pages": len(rows), "gold": gold, "pred": pred, "correct": corr, "precision": p, "recall": r_,
            "f1": 2 * p * r_ / (p + r_) if p + r_ else 0.0,
            "body_f1": sum(f1s) / len(f1s) if f1s else 0.0,
            "title_acc": sum(ts) / len(ts) if ts else None, "title_n": len(ts),
            "date_acc": sum(ds) / len(ds) if ds else None, "date_n": len(ds),
            "single_pages": len(singles), "false_splits": sum(1 for r in singles if r["pred"] > 1),
            "single_missed": sum(1 for r in singles if r["correct"] == 0)}


def fmt_row(name: str, s: dict) -> str:
    t = f"{s['title_acc']:.3f}" if s["title_acc"] is not None else "  —  "
    d = f"{s['date_acc']:.3f}" if s["date_acc"] is not None else "  —  "
    return (f"| {name:8s} | {s['pages']:5d} | {s['gold']:4d} | {s['pred']:4d} | {s['correct']:4d} | "
            f"{s['precision']:.3f} | {s['recall']:.3f} | **{s['f1']:.3f}** | {s['body_f1']:.3f} | {t} | {d} | "
            f"{s['false_splits']}/{s['single_pages']} |")


def evaluate(shared: Path, *, n: int = 40, seed: int = 1, kinds=KINDS, styles: str = "dev",
             dump: str | None = None) -> tuple[dict, list[dict]]:
    """Build the glued test set, run it through the clean stage and score it: (summary, per-page rows)."""
    global STYLE
    STYLE = styles
    ev = load_eval(shared)
    t0 = time.perf_counter()
    pages = load_pages(shared, ev)
    glued = build(pages, n, seed, kinds)
    with tempfile.TemporaryDirectory(prefix="nd-multi-") as tmp:
        work = Path(dump) if dump else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        preds = run_clean(glued, work)
    rows = [score_page(ev, g, p) for g, p in zip(glued, preds)]
    res = {"seed": seed, "n": n, "styles": styles, "date": dt.date.today().isoformat(),
           "seconds": round(time.perf_counter() - t0, 1),
           "kinds": {k: summarise([r for r in rows if r["kind"] == k]) for k in kinds},
           "overall": summarise(rows)}
    return res, rows


def run_singles(shared: Path, ev, kinds: list[str], per_page: list | None = None) -> dict:
    """The unglued tuning pages through the same stage: F1 of the longest article (as eval_extraction's
    --newsdesk mode scores it) and the pages that yield more than one article (false splits)."""
    from newsdesk.clean.stage import CleanStage
    from newsdesk.config import load_config
    from newsdesk.ingest.readers import read_path
    from newsdesk.pipeline.stage import Bundle, StageContext

    cfg = load_config()
    ctx = StageContext(cfg)
    stage = CleanStage()
    res = {}
    with tempfile.TemporaryDirectory(prefix="nd-multi-single-") as tmp:
        for kind in kinds:
            mode, lang = kind.split("-")
            data = shared / "data" / ("extraction" if lang == "en" else "extraction-zh")
            with gzip.open(data / "gold.jsonl.gz", "rt", encoding="utf-8") as f:
                rows = [json.loads(line) for line in f if line.strip()]
            metric = ev.resolve_metric("auto", rows)
            outs, split = {}, []
            for r in rows:
                src = data / (r["flat"] if mode == "text" else r["html"])
                path = Path(tmp) / (r["id"] + (".txt" if mode == "text" else ".html"))
                path.write_bytes(gzip.decompress(src.read_bytes()))
                bundles = [Bundle(d) for d in read_path(path, cfg)]
                stage.process_batch(bundles, ctx)
                arts = [a for b in bundles for a in b.articles]
                if len(arts) > 1:
                    split.append((r["id"], len(arts)))
                # the longest article as eval_extraction.py --newsdesk picks it
                best = max(arts, key=lambda a: len(ev.tokenize(a.text)) + len(ev._CJK_RE.findall(a.text)),
                           default=None)
                outs[r["id"]] = {"text": best.text if best else "", "title": best.title if best else None,
                                 "date": best.published if best else None,
                                 "authors": best.authors if best else None}
            s, per_doc = ev.score(rows, outs, metric)
            if per_page is not None:
                for d in per_doc:
                    per_page.append({"kind": kind, "articles": next((k for i, k in split if i == d["id"]), 1),
                                     "title": outs[d["id"]].get("title"), **d})
            s["several_articles"] = split
            res[kind] = s
            meta = "  ".join(f"{k} {s[k + '_acc']:.3f}" for k in ("title", "author", "date") if k + "_acc" in s)
            print(f"{kind:8s} F1 {s['f1']:.3f}  P {s['precision']:.3f}  R {s['recall']:.3f}  docF1 {s['doc_f1']:.3f}"
                  f"  n={s['n']} empty={s['empty']}  {meta}  pages with several articles: {len(split)} {split[:12]}")
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("NEWSDESK_SHARED", "/work/shared"))
    ap.add_argument("--n", type=int, default=40, help="multi-article pages per kind (plus n/3 single pages)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--out", default=None, help="result JSON (default bench/results/multi-article-<date>.json)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--per-page", default=None, help="write per-page rows (JSONL) here")
    ap.add_argument("--dump", default=None, help="also keep the glued pages in this directory")
    ap.add_argument("--styles", choices=("dev", "heldout"), default="dev",
                    help="heldout: header templates, separators, list headings and HTML layouts not used while tuning")
    ap.add_argument("--singles", action="store_true",
                    help="instead: the unglued tuning pages (longest-article F1, pages split into several)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "tools" / "eval_extraction.py").exists():
        print(f"skipped: {shared}/tools/eval_extraction.py not found (pass --shared DIR)")
        return 0
    ev = load_eval(shared)
    kinds = [k for k in args.kinds.split(",") if k]
    if args.singles:
        per: list[dict] | None = [] if args.per_page else None
        run_singles(shared, ev, kinds, per)
        if args.per_page:
            with open(args.per_page, "w", encoding="utf-8") as f:
                for r in per or []:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
        return 0
    res, rows = evaluate(shared, n=args.n, seed=args.seed, kinds=kinds, styles=args.styles, dump=args.dump)
    print(f"matched-article F1 (correct = body F1 >= {CORRECT_F1} with the matched gold), seed {args.seed}, "
          f"{args.styles} styles, n {args.n} multi + {max(1, args.n // 3)} single pages per kind")
    print("| kind     | pages | gold | pred | corr | P     | R     | F1        | bodyF1 | title | date  | false splits |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for k in kinds:
        print(fmt_row(k, res["kinds"][k]))
    print(fmt_row("overall", res["overall"]))
    print(f"({res['seconds']} s)")
    if args.per_page:
        with open(args.per_page, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if not args.no_write:
        out = Path(args.out) if args.out else ROOT / "bench" / "results" / f"multi-article-{res['date']}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
