"""Catalogue use cases: import (all or nothing), export, list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.domain.catalog import Procedure
from app.domain.errors import NotFound
from app.ports import UnitOfWork
from app.services.context import Services


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int


def import_procedures(uow: UnitOfWork, procedures: Sequence[Procedure], at: datetime) -> ImportResult:
    added = changed = unchanged = 0
    for procedure in procedures:
        try:
            uow.catalog.fingerprint(procedure.code)
            existed = True
        except NotFound:
            existed = False
        _, is_new_version = uow.catalog.put(procedure, at)
        if not existed:
            added += 1
        elif is_new_version:
            changed += 1
        else:
            unchanged += 1
    return ImportResult(added, changed, unchanged)


def import_catalog(services: Services, procedures: Sequence[Procedure]) -> ImportResult:
    with services.uow() as uow:
        result = import_procedures(uow, procedures, services.now())
        uow.commit()
    return result


def all_procedures(services: Services) -> list[Procedure]:
    with services.uow(write=False) as uow:
        return uow.catalog.all()
