"""Loads the yearly schedules of days off: the bundled `resources/calendar/YYYY.toml`, then the files
an administrator dropped into extra directories (normally `<data dir>/calendar/`).

A later directory replaces a year from an earlier one as a whole, so a corrected 2027.toml in the
data directory wins over the 2027.toml shipped with the release. Every problem (unreadable file,
bad TOML, a rule of the format broken) is a `ValidationError` that names the file: the reader is an
administrator with a text editor, not a developer with a traceback.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from datetime import time
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from app.domain.calendar.schedule import YearSchedule
from app.domain.calendar.working_time import (
    DEFAULT_SAME_DAY_CUTOFF,
    DEFAULT_SESSIONS,
    Session,
    WorkingCalendar,
)
from app.domain.errors import ValidationError

__all__ = ["BUNDLED_PACKAGE", "build_calendar", "load_schedule_file", "load_schedules"]

BUNDLED_PACKAGE = "resources"
_BUNDLED_DIR = "calendar"
_YEAR_FILE = re.compile(r"^(\d{4})\.toml$")


def _parse(name: str, display: str, raw: bytes) -> YearSchedule:
    match = _YEAR_FILE.match(name)
    if match is None:
        raise ValidationError(display, "a schedule file must be named YYYY.toml, e.g. 2027.toml")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValidationError(display, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(display, f"is not valid TOML: {exc}") from None
    schedule = YearSchedule.from_mapping(data, display)
    if schedule.year != int(match.group(1)):
        raise ValidationError(display, f"year = {schedule.year} does not match the file name {name}")
    return schedule


def load_schedule_file(path: Path) -> YearSchedule:
    """One `YYYY.toml` file, validated."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    return _parse(path.name, str(path), raw)


def _bundled_files() -> Iterable[Traversable]:
    directory = resources.files(BUNDLED_PACKAGE).joinpath(_BUNDLED_DIR)
    if not directory.is_dir():
        return ()
    return sorted((f for f in directory.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)


def load_schedules(extra_dirs: Sequence[Path] = ()) -> dict[int, YearSchedule]:
    """Every known year's schedule, bundled first, then each of `extra_dirs` in order.

    A directory that does not exist is skipped (no administrator has added a file yet); a path that
    exists but is not a directory is an error. Only `*.toml` files are read, each once.
    """
    schedules: dict[int, YearSchedule] = {}
    for bundled in _bundled_files():
        schedule = _parse(
            bundled.name, f"{BUNDLED_PACKAGE}/{_BUNDLED_DIR}/{bundled.name}", bundled.read_bytes()
        )
        schedules[schedule.year] = schedule
    for directory in extra_dirs:
        if not directory.exists():
            continue
        if not directory.is_dir():
            raise ValidationError(str(directory), "must be a directory of YYYY.toml files")
        for path in sorted(directory.glob("*.toml")):
            schedule = load_schedule_file(path)
            schedules[schedule.year] = schedule
    return schedules


def build_calendar(
    extra_dirs: Sequence[Path] = (),
    sessions: Sequence[Session] = DEFAULT_SESSIONS,
    same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
) -> WorkingCalendar:
    """The counter's calendar: the loaded schedules, statutory days for the other years."""
    return WorkingCalendar(load_schedules(extra_dirs), sessions=sessions, same_day_cutoff=same_day_cutoff)
