"""Writing many whole dossiers fast: one transaction per batch, each batch complete or absent."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Engine, func
from sqlalchemy.dialects.sqlite import insert

from app.domain.applicant import Applicant
from app.domain.dossier import Dossier
from app.storage.event_store import insert_new_dossiers
from app.storage.schema import applicants, code_sequences


class BulkDossierWriter:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def write_batch(
        self,
        dossiers: Sequence[Dossier],
        sequences: Iterable[tuple[str, str, int, int]],
        now: datetime,
    ) -> None:
        """Dossiers, their events and outbox rows, returning applicants and the code counters, atomically.

        `sequences` are (unit_code, day, slot, last) high-water marks, so a later reception never reuses a
        code that a batch already took.
        """
        people: dict[str, Applicant] = {
            d.applicant.id_number: d.applicant for d in dossiers if d.applicant.id_number
        }
        with self._engine.begin() as connection:
            insert_new_dossiers(connection, dossiers, now)
            if people:
                connection.execute(
                    insert(applicants).on_conflict_do_nothing(),
                    [
                        {
                            "id_number": a.id_number,
                            "id_kind": a.id_kind.value if a.id_kind else None,
                            "kind": a.kind.value,
                            "name": a.name,
                            "birth_date": a.birth_date.isoformat() if a.birth_date else None,
                            "phone": a.phone,
                            "email": a.email,
                            "address": a.address,
                            "updated_at": now,
                        }
                        for a in people.values()
                    ],
                )
            rows = [{"unit_code": u, "day": d, "slot": s, "last": n} for u, d, s, n in sequences]
            if rows:
                statement = insert(code_sequences)
                connection.execute(
                    statement.on_conflict_do_update(
                        index_elements=[
                            code_sequences.c.unit_code,
                            code_sequences.c.day,
                            code_sequences.c.slot,
                        ],
                        set_={"last": func.max(code_sequences.c.last, statement.excluded.last)},
                    ),
                    rows,
                )
