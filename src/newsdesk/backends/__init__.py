"""Executors of the per-document stages: local processes (default) and Ray Data."""
