"""The server's version: the installed distribution's, so it cannot drift from pyproject.toml."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "motcua-desk"


@cache
def server_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"
