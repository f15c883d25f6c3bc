"""The desk's enrolment row (which server, which office, where the token is kept; never the token)."""

from __future__ import annotations

import json

from sqlalchemy import Engine, select
from sqlalchemy.dialects.sqlite import insert

from app.services.sync.enrolment import Enrolment
from app.storage.schema import meta
from app.storage.sync_schema import sync_enrolment


class SqlEnrolmentStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def device_id(self) -> str:
        """This desk's id, made once (the same as Database.device_id)."""
        import uuid

        with self._engine.begin() as connection:
            connection.execute(
                insert(meta).values(key="device_id", value=uuid.uuid4().hex).on_conflict_do_nothing()
            )
            return str(connection.execute(select(meta.c.value).where(meta.c.key == "device_id")).scalar_one())

    def enrolment(self) -> Enrolment | None:
        with self._engine.connect().execution_options(write=False) as connection:
            row = connection.execute(select(sync_enrolment).where(sync_enrolment.c.id == 1)).one_or_none()
        if row is None:
            return None
        return Enrolment(
            server_url=row.server_url,
            device_id=row.device_id,
            office_code=row.office_code,
            token_store=row.token_store,
            token_file=row.token_file,
            ca_bundle=row.ca_bundle,
            pins=tuple(json.loads(row.pins)),
            enrolled_at=row.enrolled_at,
        )

    def save_enrolment(self, enrolment: Enrolment) -> None:
        values = {
            "server_url": enrolment.server_url,
            "device_id": enrolment.device_id,
            "office_code": enrolment.office_code,
            "token_store": enrolment.token_store,
            "token_file": enrolment.token_file,
            "ca_bundle": enrolment.ca_bundle,
            "pins": json.dumps(list(enrolment.pins)),
            "enrolled_at": enrolment.enrolled_at,
        }
        with self._engine.begin() as connection:
            connection.execute(
                insert(sync_enrolment)
                .values(id=1, **values)
                .on_conflict_do_update(index_elements=[sync_enrolment.c.id], set_=values)
            )
