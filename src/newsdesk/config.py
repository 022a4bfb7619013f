"""Configuration: default.toml, overridden table by table by a user's TOML file."""
from __future__ import annotations

import copy
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    return tomllib.loads(resources.files("newsdesk").joinpath("default.toml").read_text("utf-8"))


def merge(base: dict[str, Any], override: dict[str, Any], where: str = "") -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if key not in out:
            raise ConfigError(f"unknown config key {where}{key!r}")
        if isinstance(out[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"config key {where}{key!r} must be a table")
            out[key] = merge(out[key], value, f"{where}{key}.")
        else:
            if isinstance(out[key], (int, float)) and not isinstance(out[key], bool):
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    raise ConfigError(f"config key {where}{key!r} must be a number, got {value!r}")
            elif type(out[key]) is not type(value):
                raise ConfigError(f"config key {where}{key!r} must be {type(out[key]).__name__}, got {value!r}")
            out[key] = value
    return out


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The defaults, merged with the TOML file at `path` and then with `overrides`."""
    cfg = copy.deepcopy(_defaults())
    if path:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {path} not found") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
        cfg = merge(cfg, user)
    if overrides:
        cfg = merge(cfg, overrides)
    return cfg
