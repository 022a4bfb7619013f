"""The SQLite store: one file, WAL, migrations, one writer, FTS5 search."""
from .sqlite import Store

__all__ = ["Store"]
