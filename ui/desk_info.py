"""Who and where this desk is, read once from the settings (no Qt, no database)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.settings.spec import DESK_COUNTER, DESK_OFFICER, OFFICE_CODE, OFFICE_NAME, SERVER_URL, UI_LANGUAGE
from app.settings.store import Settings


@dataclass(frozen=True, slots=True)
class DeskInfo:
    office_name: str
    office_code: str
    counter: int
    officer: str  # username; the full name comes from the database with the first load
    database_path: Path
    server_url: str
    language: str

    @classmethod
    def from_settings(cls, settings: Settings) -> DeskInfo:
        return cls(
            office_name=settings.get(OFFICE_NAME),
            office_code=settings.get(OFFICE_CODE),
            counter=settings.get(DESK_COUNTER),
            officer=settings.get(DESK_OFFICER),
            database_path=settings.database_path,
            server_url=settings.get(SERVER_URL),
            language=settings.get(UI_LANGUAGE),
        )
