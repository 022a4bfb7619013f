"""Corpus stages: near-duplicates, relation types, the original source, stories and their timelines."""
