"""Who is signed in at this desk (plain data: op bodies may read it, widgets show it)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.office import Officer, Role


@dataclass(frozen=True, slots=True)
class Session:
    username: str
    full_name: str
    role: Role
    counter: int  # the counter this desk serves (from the settings), not the officer's usual one

    @classmethod
    def of(cls, officer: Officer, counter: int) -> Session:
        return cls(officer.username, officer.full_name, officer.role, counter)
