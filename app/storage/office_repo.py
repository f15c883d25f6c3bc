"""Offices, counters and officers in SQLite."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Row, select
from sqlalchemy.dialects.sqlite import insert

from app.domain.errors import NotFound
from app.domain.office import Counter, Office, Officer, Role
from app.storage.schema import counters, officers, offices


def _officer(row: Row[Any]) -> Officer:
    return Officer(
        username=row.username,
        full_name=row.full_name,
        role=Role(row.role),
        office_code=row.office_code,
        password_hash=row.password_hash,
        counter_number=row.counter_number,
        active=bool(row.active),
    )


class SqlOfficeRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def put_office(self, office: Office) -> None:
        values = {
            "name": office.name,
            "parent_code": office.parent_code,
            "address": office.address,
            "phone": office.phone,
        }
        self._connection.execute(
            insert(offices)
            .values(code=office.code, **values)
            .on_conflict_do_update(index_elements=[offices.c.code], set_=values)
        )

    def get_office(self, code: str) -> Office:
        row = self._connection.execute(select(offices).where(offices.c.code == code)).one_or_none()
        if row is None:
            raise NotFound(f"unknown office {code}", code=code)
        return Office(row.code, row.name, row.parent_code, row.address, row.phone)

    def first_office(self) -> Office | None:
        row = self._connection.execute(select(offices.c.code).order_by(offices.c.code).limit(1)).one_or_none()
        return None if row is None else self.get_office(row.code)

    def put_counter(self, counter: Counter) -> None:
        values = {"name": counter.name, "fields": json.dumps(list(counter.fields))}
        self._connection.execute(
            insert(counters)
            .values(office_code=counter.office_code, number=counter.number, **values)
            .on_conflict_do_update(index_elements=[counters.c.office_code, counters.c.number], set_=values)
        )

    def counters(self, office_code: str) -> list[Counter]:
        rows = self._connection.execute(
            select(counters).where(counters.c.office_code == office_code).order_by(counters.c.number)
        )
        return [Counter(r.office_code, r.number, r.name, tuple(json.loads(r.fields))) for r in rows]

    def put_officer(self, officer: Officer) -> None:
        values = {
            "full_name": officer.full_name,
            "role": officer.role.value,
            "office_code": officer.office_code,
            "counter_number": officer.counter_number,
            "password_hash": officer.password_hash,
            "active": officer.active,
        }
        self._connection.execute(
            insert(officers)
            .values(username=officer.username, **values)
            .on_conflict_do_update(index_elements=[officers.c.username], set_=values)
        )

    def officer(self, username: str) -> Officer:
        row = self._connection.execute(select(officers).where(officers.c.username == username)).one_or_none()
        if row is None:
            raise NotFound(f"unknown officer {username}", username=username)
        return _officer(row)

    def officers(self, office_code: str) -> list[Officer]:
        rows = self._connection.execute(
            select(officers).where(officers.c.office_code == office_code).order_by(officers.c.username)
        )
        return [_officer(r) for r in rows]
