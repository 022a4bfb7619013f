"""Exports of a store: the story map as JSON, one JSONL file per object, or one Parquet table per object."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError
from ..store import Store
from .storymap import to_json_dict

TABLES = ("documents", "articles", "relations", "stories", "entities", "facts", "events", "quotes", "conflicts",
          "sentiments")


def export_store(db: Path, fmt: str, output: Path) -> list[Path]:
    if fmt not in ("json", "jsonl", "parquet"):
        raise UsageError(f"unknown export format {fmt!r} (json, jsonl or parquet)")
    store = Store(db, readonly=True)
    try:
        obj = to_json_dict(store.storymap())
    finally:
        store.close()
    if fmt == "json":
        path = output if output.suffix == ".json" else output / "storymap.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
        return [path]
    output.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in TABLES:
        rows = obj.get(name, [])
        if fmt == "jsonl":
            p = output / f"{name}.jsonl"
            with p.open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            p = output / f"{name}.parquet"
            _write_parquet(rows, p)
        paths.append(p)
    return paths


def _write_parquet(rows: list[dict], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is in [api] and [dev]
        raise UsageError("Parquet export needs pyarrow", hint="pip install 'newsdesk[api]'") from exc
    # nested values (lists of dicts, spans) are kept as JSON strings so every table has a flat schema
    flat = [{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) and k not in
                 ("articles", "authors", "tickers", "aliases", "sources", "languages") else v)
             for k, v in r.items()} for r in rows]
    # every key of any row is a column (pyarrow reads the columns off the first row only: a document's error
    # and drop reason, absent from an ok first row, were lost)
    columns = list(dict.fromkeys(k for r in flat for k in r))
    table = pa.Table.from_pylist([{k: r.get(k) for k in columns} for r in flat]) if flat else pa.table({})
    pq.write_table(table, path)


__all__ = ["export_store", "TABLES"]
