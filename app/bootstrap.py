"""The composition root of the core: settings in, ready-to-use services out.

Front ends (the CLI here, the desk app in ui/, the server in sync/) call `open_desk` and add their own
adapters; nothing else in app/ builds engines, reads settings files or picks implementations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from app.datafiles.calendar import build_calendar
from app.datafiles.resources import load_rulebook
from app.domain.calendar import Session
from app.ports import Clock
from app.services.context import DeskIdentity, Services, SystemClock
from app.settings.spec import (
    CALENDAR_SESSIONS,
    DESK_CODE_SLOT,
    DESK_COUNTER,
    DESK_OFFICER,
    OFFICE_CODE,
    OFFICE_UNIT_CODE,
)
from app.settings.store import Settings
from app.storage.blobs import FileBlobStore
from app.storage.database import Database


def parse_sessions(text: str) -> tuple[Session, ...]:
    sessions = []
    for start, end in re.findall(r"(\d{2}:\d{2})-(\d{2}:\d{2})", text):
        sessions.append(Session(time.fromisoformat(start), time.fromisoformat(end)))
    return tuple(sessions)


@dataclass
class Desk:
    """An open desk: its services and the database they run on (close it when done)."""

    services: Services
    database: Database
    settings: Settings

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_desk(settings: Settings, *, clock: Clock | None = None, create: bool = False) -> Desk:
    clock = clock or SystemClock()
    database = Database.open(settings.database_path, clock, create=create)
    calendar = build_calendar(
        extra_dirs=[settings.paths.calendar_dir], sessions=parse_sessions(settings.get(CALENDAR_SESSIONS))
    )
    desk = DeskIdentity(
        office_code=settings.get(OFFICE_CODE),
        unit_code=settings.get(OFFICE_UNIT_CODE),
        code_slot=settings.get(DESK_CODE_SLOT),
        counter_number=settings.get(DESK_COUNTER),
        default_officer=settings.get(DESK_OFFICER) or None,
    )
    services = Services(
        uow=database.uow,
        clock=clock,
        calendar=calendar,
        rules=load_rulebook(),
        desk=desk,
        blobs=FileBlobStore(settings.paths.blobs_dir),
    )
    return Desk(services, database, settings)
