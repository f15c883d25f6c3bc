"""Per-day dossier code sequences, allocated inside the caller's transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from app.storage.schema import code_sequences


class SqlCodeSequences:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def next(self, unit_code: str, day: date, slot: int) -> int:
        statement = (
            insert(code_sequences)
            .values(unit_code=unit_code, day=day.isoformat(), slot=slot, last=1)
            .on_conflict_do_update(
                index_elements=[code_sequences.c.unit_code, code_sequences.c.day, code_sequences.c.slot],
                set_={"last": code_sequences.c.last + 1},
            )
            .returning(code_sequences.c.last)
        )
        return int(self._connection.execute(statement).scalar_one())

    def high_water(self, unit_code: str) -> dict[tuple[date, int], int]:
        """The last n taken per (day, slot) of a unit."""
        rows = self._connection.execute(
            select(code_sequences.c.day, code_sequences.c.slot, code_sequences.c.last).where(
                code_sequences.c.unit_code == unit_code
            )
        )
        return {(date.fromisoformat(day), slot): last for day, slot, last in rows}
