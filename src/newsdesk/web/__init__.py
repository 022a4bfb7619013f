"""The web UI and JSON API (``newsdesk serve``); needs the ``[api]`` extra (FastAPI, uvicorn, Jinja2)."""
from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(name)
