"""Returning applicants, keyed by their ID number, so the counter does not type them twice."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from app.domain.applicant import Applicant, ApplicantKind
from app.domain.identity import IdKind
from app.storage.schema import applicants


class SqlApplicantRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def find(self, id_number: str) -> Applicant | None:
        row = self._connection.execute(
            select(applicants).where(applicants.c.id_number == id_number)
        ).one_or_none()
        if row is None:
            return None
        return Applicant(
            name=row.name,
            kind=ApplicantKind(row.kind),
            id_kind=IdKind(row.id_kind) if row.id_kind else None,
            id_number=row.id_number,
            birth_date=date.fromisoformat(row.birth_date) if row.birth_date else None,
            phone=row.phone,
            email=row.email,
            address=row.address,
        )

    def remember(self, applicant: Applicant, at: datetime) -> None:
        if applicant.id_number is None:
            return
        known = self.find(applicant.id_number)
        merged = known.with_updates(applicant) if known else applicant
        values = {
            "id_kind": merged.id_kind.value if merged.id_kind else None,
            "kind": merged.kind.value,
            "name": merged.name,
            "birth_date": merged.birth_date.isoformat() if merged.birth_date else None,
            "phone": merged.phone,
            "email": merged.email,
            "address": merged.address,
            "updated_at": at,
        }
        self._connection.execute(
            insert(applicants)
            .values(id_number=applicant.id_number, **values)
            .on_conflict_do_update(index_elements=[applicants.c.id_number], set_=values)
        )
