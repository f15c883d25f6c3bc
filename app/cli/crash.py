"""Unexpected faults: the traceback goes to a log file, the terminal gets one line."""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path


def report(exc: BaseException) -> Path:
    from app.settings.paths import resolve_paths

    logs = resolve_paths().logs_dir
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / f"crash-{datetime.now(UTC):%Y%m%dT%H%M%S%f}.txt"
    path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    return path
