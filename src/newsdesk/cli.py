"""The command line: thin wrappers over the library (newsdesk.api functions)."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import api
from .errors import NewsdeskError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="newsdesk: financial news pages in, a story map out.")
show_app = typer.Typer(no_args_is_help=True, help="Show one stored story or entity.")
app.add_typer(show_app, name="show")
out = Console()
err = Console(stderr=True)


def _fail(exc: NewsdeskError) -> None:
    # messages and hints name files and quote input: printed as text, not read as Rich markup
    err.print(f"[red]error {exc.code}[/red]: {escape(exc.message)}")
    if exc.hint:
        err.print(f"[dim]hint: {escape(exc.hint)}[/dim]")
    raise typer.Exit(2)


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="log progress and debug details")) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@app.command()
def run(inputs: list[str] = typer.Argument(..., help="files, directories or globs; - reads paths from stdin"),
        output: Path = typer.Option(Path("storymap.json"), "--output", "-o", help="where to write the story map"),
        db: Optional[Path] = typer.Option(None, "--db", help="also write a SQLite store"),
        config: Optional[Path] = typer.Option(None, "--config", help="a TOML file overriding default.toml"),
        stats: bool = typer.Option(False, "--stats", help="print the per-stage table"),
        summary: bool = typer.Option(False, "--summary", help="print stories, sources, languages and top facts"),
        strict: bool = typer.Option(False, "--strict", help="exit 1 when any document is an error"),
        workers: int = typer.Option(1, "--workers", min=1, help="processes for the per-document stages"),
        backend: str = typer.Option("local", "--backend", help="local or ray"),
        ray_address: Optional[str] = typer.Option(None, "--ray-address", help="join this Ray cluster")) -> None:
    """Turn pages into a story map (storymap.json), optionally also a SQLite store."""
    from .report import print_stats, print_summary

    try:
        result = api.run(inputs, config=config, output=output, db=db, workers=workers, backend=backend,
                         ray_address=ray_address, progress=sys.stderr.isatty())
    except NewsdeskError as exc:
        _fail(exc)
        return
    sm, stage_stats = result.storymap, result.stats
    n_err = sum(1 for d in sm.documents if d.status == "error")
    n_empty = sum(1 for d in sm.documents if d.status == "empty")
    err.print(f"{len(sm.documents)} documents ({n_err} errors, {n_empty} empty), {len(sm.articles)} articles, "
              f"{len(sm.stories)} stories -> {escape(str(output))}" + (f" and {escape(str(db))}" if db else ""))
    for d in sm.documents:
        if d.status == "error" and d.error:
            err.print(f"[yellow]{escape(d.path)}[/yellow]: {d.error.code} {escape(d.error.message)}")
    if stats:
        print_stats(out, stage_stats)
    if summary:
        print_summary(out, sm)
    if strict and n_err:
        raise typer.Exit(1)


@app.command()
def add(inputs: list[str] = typer.Argument(...), db: Path = typer.Option(..., "--db"),
        config: Optional[Path] = typer.Option(None, "--config"),
        stats: bool = typer.Option(False, "--stats")) -> None:
    """Add pages to a store: new articles are linked to the stories already stored."""
    from .report import print_stats

    try:
        result = api.add(inputs, db=db, config=config)
    except NewsdeskError as exc:
        _fail(exc)
        return
    err.print(f"{result.new_documents} new documents, {result.skipped} already stored, "
              f"{result.new_articles} new articles -> {escape(str(db))}")
    if stats:
        print_stats(out, result.stats)


@app.command()
def search(query: str, db: Path = typer.Option(..., "--db"),
           entity: Optional[str] = typer.Option(None, "--entity", help="entity id, name or ticker"),
           since: Optional[str] = typer.Option(None, "--since"), until: Optional[str] = typer.Option(None, "--until"),
           language: Optional[str] = typer.Option(None, "--language"),
           source: Optional[str] = typer.Option(None, "--source"),
           limit: int = typer.Option(20, "--limit"), as_json: bool = typer.Option(False, "--json")) -> None:
    """Full-text search over stored articles (English and Chinese)."""
    try:
        hits = api.search(db, query, entity=entity, since=since, until=until, language=language,
                          source=source, limit=limit)
    except NewsdeskError as exc:
        _fail(exc)
        return
    if as_json:
        out.print_json(json.dumps(hits, ensure_ascii=False))
        return
    table = Table(title=f"{len(hits)} result{'' if len(hits) == 1 else 's'} for {escape(repr(query))}")
    for col in ("date", "title", "source", "lang", "snippet"):
        table.add_column(col, no_wrap=col in ("date", "lang"))
    for h in hits:
        table.add_row((h.get("published") or "")[:10], escape(h.get("title") or ""), escape(h.get("publisher") or ""),
                      h.get("language") or "", escape(h.get("snippet") or ""))
    out.print(table)


@show_app.command("story")
def show_story(story_id: str, db: Path = typer.Option(..., "--db")) -> None:
    from .report import print_story

    try:
        print_story(out, api.story(db, story_id))
    except NewsdeskError as exc:
        _fail(exc)


@show_app.command("entity")
def show_entity(key: str, db: Path = typer.Option(..., "--db")) -> None:
    from .report import print_entity

    try:
        print_entity(out, api.entity(db, key))
    except NewsdeskError as exc:
        _fail(exc)


@app.command()
def export(db: Path = typer.Option(..., "--db"), fmt: str = typer.Option("json", "--format", help="json|jsonl|parquet"),
           output: Path = typer.Option(Path("export"), "--output", "-o")) -> None:
    """Export the store as storymap JSON, JSONL files or Parquet tables (one per object)."""
    try:
        paths = api.export(db, fmt, output)
    except NewsdeskError as exc:
        _fail(exc)
        return
    for p in paths:
        err.print(f"wrote {escape(str(p))}")


@app.command()
def serve(db: Path = typer.Option(..., "--db"), host: str = typer.Option("127.0.0.1", "--host"),
          port: int = typer.Option(8000, "--port"), config: Optional[Path] = typer.Option(None, "--config")) -> None:
    """Serve the web UI and JSON API over a store (needs the \\[api] extra)."""
    try:
        api.serve(db, host=host, port=port, config=config)
    except NewsdeskError as exc:
        _fail(exc)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
