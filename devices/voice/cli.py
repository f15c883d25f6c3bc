"""motcua say (registered through the `motcua.commands` entry point)."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    """Filled in with the voice (see devices/voice)."""
