"""Terminal output for the CLI (Rich): the stage table, the run summary, a story, an entity."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import CHANGE_KINDS, StoryMap
from .pipeline.stage import StageStats


def progress_iter(items: Iterable[Any]) -> Iterator[Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, console=Console(stderr=True)) as prog:
        task = prog.add_task("docs", total=None)
        for it in items:
            yield it
            prog.advance(task)


def print_stats(out: Console, stats: dict[str, StageStats]) -> None:
    table = Table(title="stages")
    for col in ("stage", "docs in", "docs out", "items out", "drops", "errors", "seconds", "docs/s"):
        table.add_column(col, justify="right" if col not in ("stage", "drops", "errors") else "left")
    for name, st in stats.items():
        rate = f"{st.docs_in / st.seconds:,.0f}" if st.seconds > 0 else "-"
        table.add_row(name, str(st.docs_in), str(st.docs_out), str(st.items_out),
                      ", ".join(f"{k}: {v}" for k, v in st.drops.items()) or "-",
                      ", ".join(f"{k}: {v}" for k, v in st.errors.items()) or "-", f"{st.seconds:.3f}", rate)
    out.print(table)


def _fmt_value(f) -> str:
    sign = "+" if f.kind in CHANGE_KINDS and f.value > 0 else ""
    unit = f.unit or ""
    return f"{f.qualifier + ' ' if f.qualifier else ''}{sign}{f.value:,.2f}{unit if unit in ('%', 'x', '') else ' ' + unit}"


def print_summary(out: Console, sm: StoryMap, top_facts: int = 5) -> None:
    arts = {a.id: a for a in sm.articles}
    ents = {e.id: e for e in sm.entities}
    facts_by_story: dict[str, list] = {}
    for f in sm.facts:
        a = arts.get(f.article)
        if a and a.story:
            facts_by_story.setdefault(a.story, []).append(f)
    kinds = Counter(r.type for r in sm.relations)
    out.print(f"[bold]{len(sm.stories)} stories[/bold] from {len(sm.articles)} articles in {len(sm.documents)} "
              f"documents; relations: " + (", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none")
              + f"; conflicts: {len(sm.conflicts)}")
    for s in sorted(sm.stories, key=lambda s: (-len(s.articles), s.start or "")):
        table = Table(title=escape(s.title or ""), title_justify="left", show_header=True)
        table.add_column("articles")
        table.add_column("span")
        table.add_column("sources")
        table.add_column("languages")
        table.add_row(str(len(s.articles)), f"{s.start or '?'} .. {s.end or '?'}",
                      escape(", ".join(s.sources)) or "-", ", ".join(s.languages))
        out.print(table)
        facts = facts_by_story.get(s.id, [])
        seen = set()
        shown = 0
        for f in facts:
            key = (f.entity, f.kind, round(f.value, 2))
            if key in seen or shown >= top_facts:
                continue
            seen.add(key)
            shown += 1
            name = ents[f.entity].name if f.entity in ents else "?"
            out.print(f"   • {escape(name)}: {f.kind.replace('_', ' ')} {escape(_fmt_value(f))}"
                      + (f" on {f.when}" if f.when else ""))
    for explanation, pairs in conflict_groups(sm.conflicts).items():
        who = "; ".join(" vs ".join(_source(arts.get(a)) for a in pair) for pair in pairs[:3])
        more = f" and {len(pairs) - 3} more pairs" if len(pairs) > 3 else ""
        out.print(f"[yellow]conflict[/yellow]: {escape(explanation)} ({escape(who)}{more})")


def conflict_groups(conflicts: list) -> dict[str, list[list[str]]]:
    """The article pairs of each distinct conflict explanation, in first-seen order (one fact stated one way
    in an article and another way in three of its copies is one line, not three)."""
    groups: dict[str, list[list[str]]] = {}
    for c in conflicts:
        groups.setdefault(c.explanation, []).append(list(c.articles))
    return groups


def _source(a) -> str:
    """An article as the user gave it: its file name and language ("a1.html [en]"; a bilingual page gives two)."""
    if a is None:
        return "?"
    name = (a.path or a.id).replace("\\", "/").rsplit("/", 1)[-1]
    return f"{name} [{a.language}]" if a.language else name


def print_story(out: Console, story: dict) -> None:
    out.print(f"[bold]{escape(story['title'] or '')}[/bold]  ({story['start']} .. {story['end']}, "
              f"{', '.join(story['languages'])})")
    rel = {(r["source"]): r for r in story["relations"]}
    table = Table()
    for col in ("date", "source", "lang", "title", "relation"):
        table.add_column(col)
    for a in story["articles"]:
        r = rel.get(a["id"])
        table.add_row(a["published"] or "", escape(a["publisher"] or ""), a["language"] or "",
                      escape(a["title"] or a["lead"][:60]),
                      f"{r['type']} ({r['score']:.2f})" if r else "")
    out.print(table)
    if story["facts"]:
        ft = Table(title="facts")
        for col in ("entity", "kind", "value", "unit", "when"):
            ft.add_column(col)
        for f in story["facts"]:
            ft.add_row(escape(f.get("entity_name") or ""), f["kind"],
                       escape(f"{(f['qualifier'] + ' ') if f['qualifier'] else ''}{f['value']:g}"),
                       f["unit"] or "", f["when"] or "")
        out.print(ft)
    for c in story["conflicts"]:
        out.print(f"[yellow]conflict[/yellow]: {escape(c['explanation'])}")


def print_entity(out: Console, ent: dict) -> None:
    out.print(f"[bold]{escape(ent['name'])}[/bold] ({ent['type']}) {escape(' '.join(ent['tickers']))}")
    if ent["aliases"]:
        out.print("aliases: " + escape(", ".join(ent["aliases"][:12])))
    table = Table(title="facts")
    for col in ("when", "kind", "value", "unit", "article"):
        table.add_column(col)
    for f in ent["facts"]:
        table.add_row(f["when"] or f["published"] or "", f["kind"], f"{f['value']:g}", escape(f["unit"] or ""),
                      escape(f["title"] or ""))
    out.print(table)
    for s in ent["stories"]:
        out.print(f" • {escape(s['title'] or '')} ({s['n_articles']} articles) id {s['id']}")
