"""Exports: storymap.json (the contract), JSONL and Parquet."""
