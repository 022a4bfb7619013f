"""Errors with a stable code and a hint: what went wrong, and what the user can do about it.

Codes are stable strings (``ND1xx`` input, ``ND2xx`` extraction, ``ND3xx`` store, ``ND4xx`` config/usage,
``ND5xx`` internal) so that scripts and the story map can rely on them.
"""
from __future__ import annotations


class NewsdeskError(Exception):
    code = "ND500"
    hint = "This is a bug in newsdesk; please report it with the input that caused it."

    def __init__(self, message: str, *, code: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if hint:
            self.hint = hint

    def __str__(self) -> str:  # pragma: no cover - trivial
        return f"[{self.code}] {self.message}"


class InputError(NewsdeskError):
    code = "ND100"
    hint = "Check that the file exists and is readable."


class EmptyInput(InputError):
    code = "ND101"
    hint = "The file is empty or holds only whitespace; nothing to read."


class BinaryInput(InputError):
    code = "ND102"
    hint = "The file looks like binary data (an image, archive or PDF), not a page; convert it to HTML or text."


class TooLarge(InputError):
    code = "ND103"
    hint = "Raise limits.max_document_bytes in the config if this page is genuine."


class UnsupportedInput(InputError):
    code = "ND104"
    hint = "newsdesk reads .html/.htm, .txt, .warc(.gz), .rss/.atom/.xml feeds and .jsonl; rename or convert the file."


class MalformedRecord(InputError):
    code = "ND105"
    hint = "The record is malformed (bad JSON line, broken feed or truncated WARC record); the rest of the file was read."


class TruncatedWarc(InputError):
    code = "ND106"
    hint = "The WARC file ends mid-record (an interrupted crawl?); the records before the cut were read."


class ExtractionError(NewsdeskError):
    code = "ND200"
    hint = "The page could not be parsed; it may be damaged. Other pages were processed."


class TimeBudgetExceeded(ExtractionError):
    code = "ND201"
    hint = "The page took longer than limits.document_seconds; raise it in the config if the page is genuine."


class StoreError(NewsdeskError):
    code = "ND300"
    hint = "Check that the database path is writable and the disk is not full."


class StoreReadOnly(StoreError):
    code = "ND301"
    hint = "The database file or its folder is read-only; choose a writable --db path."


class StoreFull(StoreError):
    code = "ND302"
    hint = "The disk is full; free some space and rerun: finished documents are skipped."


class StoreSchemaError(StoreError):
    code = "ND303"
    hint = "The database was written by a newer newsdesk; upgrade newsdesk or use another --db."


class SearchQueryError(StoreError):
    code = "ND304"
    hint = 'Quote phrases ("..."), and avoid unbalanced quotes or a lone operator such as AND/OR/NOT.'


class ConfigError(NewsdeskError):
    code = "ND400"
    hint = "Check the config file against newsdesk's default.toml (newsdesk config --show)."


class UsageError(NewsdeskError):
    code = "ND401"
    hint = "Run the command with --help to see its arguments."
