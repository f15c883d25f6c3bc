"""The procedure catalogue in SQLite; every version of an entry is kept for the dossiers citing it."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from app.domain.catalog import (
    Procedure,
    procedure_fingerprint,
    procedure_from_dict,
    procedure_to_dict,
)
from app.domain.errors import NotFound
from app.domain.text import fold, search_tokens
from app.storage.schema import procedure_versions, procedures


class SqlCatalogRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._versions: dict[str, Procedure] = {}

    def put(self, procedure: Procedure, at: datetime) -> tuple[str, bool]:
        fingerprint = procedure_fingerprint(procedure)
        self._connection.execute(
            insert(procedure_versions)
            .values(
                fingerprint=fingerprint,
                code=procedure.code,
                data=json.dumps(procedure_to_dict(procedure), ensure_ascii=False),
                stored_at=at,
            )
            .on_conflict_do_nothing()
        )
        current = self._connection.execute(
            select(procedures.c.fingerprint).where(procedures.c.code == procedure.code)
        ).scalar_one_or_none()
        row = {
            "fingerprint": fingerprint,
            "name": procedure.name,
            "name_folded": fold(procedure.name),
            "field_code": procedure.field_code,
            "field_name": procedure.field_name,
            "active": True,
            "updated_at": at,
        }
        self._connection.execute(
            insert(procedures)
            .values(code=procedure.code, **row)
            .on_conflict_do_update(index_elements=[procedures.c.code], set_=row)
        )
        return fingerprint, current != fingerprint

    def get(self, code: str) -> Procedure:
        fingerprint = self._connection.execute(
            select(procedures.c.fingerprint).where(procedures.c.code == code, procedures.c.active)
        ).scalar_one_or_none()
        if fingerprint is None:
            raise NotFound(f"unknown procedure {code}", code=code)
        return self.version(fingerprint)

    def fingerprint(self, code: str) -> str:
        fingerprint = self._connection.execute(
            select(procedures.c.fingerprint).where(procedures.c.code == code)
        ).scalar_one_or_none()
        if fingerprint is None:
            raise NotFound(f"unknown procedure {code}", code=code)
        return str(fingerprint)

    def version(self, fingerprint: str) -> Procedure:
        cached = self._versions.get(fingerprint)
        if cached is not None:
            return cached
        data = self._connection.execute(
            select(procedure_versions.c.data).where(procedure_versions.c.fingerprint == fingerprint)
        ).scalar_one_or_none()
        if data is None:
            raise NotFound(f"unknown catalogue version {fingerprint}", fingerprint=fingerprint)
        procedure = procedure_from_dict(json.loads(data))
        self._versions[fingerprint] = procedure
        return procedure

    def all(self) -> list[Procedure]:
        fingerprints = self._connection.execute(
            select(procedures.c.fingerprint).where(procedures.c.active).order_by(procedures.c.code)
        ).scalars()
        return [self.version(f) for f in fingerprints]

    def find(self, text: str, limit: int = 30) -> list[Procedure]:
        """By code prefix, or by every word of the name without diacritics ("khai sinh", "ket hon")."""
        query = text.strip()
        rows = self._connection.execute(
            select(procedures.c.code, procedures.c.name_folded, procedures.c.fingerprint)
            .where(procedures.c.active)
            .order_by(procedures.c.code)
        ).all()
        tokens = search_tokens(query)

        def matches(code: str, name_folded: str) -> bool:
            if query and code.startswith(query):
                return True
            words = name_folded.split()
            return bool(tokens) and all(any(w.startswith(t) for w in words) for t in tokens)

        hits = [r.fingerprint for r in rows if matches(r.code, r.name_folded)]
        return [self.version(f) for f in hits[:limit]]
