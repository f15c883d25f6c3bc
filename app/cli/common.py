"""Helpers shared by the command handlers."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from app.bootstrap import Desk
    from app.settings.store import Settings

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def usage_error(message: str) -> Exception:
    from app.cli.main import UsageError

    return UsageError(message)


def load_settings() -> Settings:
    from app.settings.paths import resolve_paths
    from app.settings.store import load_settings as load

    return load(resolve_paths())


def open_desk(settings: Settings | None = None) -> Desk:
    """The desk's services on its existing database; a missing database is bad input (run init)."""
    from app.bootstrap import open_desk as build

    settings = settings or load_settings()
    path = settings.database_path
    if not path.exists():
        raise usage_error(f"no database at {path}; run `motcua init` (or `motcua init --demo`) first")
    return build(settings)


def emit(data: Any, as_json: bool, text: str | None = None) -> None:
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(text if text is not None else data)


def local_datetime(text: str, what: str) -> datetime:
    """ISO 8601 in; naive times are local time in Asia/Ho_Chi_Minh (what an officer types)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise usage_error(f"{what}: {text!r} is not an ISO 8601 date-time (e.g. 2026-02-12T15:30)") from None
    return moment.replace(tzinfo=LOCAL_TZ) if moment.tzinfo is None else moment


def local_date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise usage_error(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None
