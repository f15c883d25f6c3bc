"""Building the sync cycle of an open desk: enrolment, token, transport, store and files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.bootstrap import Desk
from app.services.sync.cycle import SyncCycle, SyncReport
from app.services.sync.enrolment import Enrolment
from app.services.sync.errors import NotEnrolled, Unauthorized
from app.services.sync.status import SyncStatus, derive_state
from app.storage.sync_enrolment import SqlEnrolmentStore
from app.storage.sync_files import StoreBlobSource
from app.storage.sync_store import SqlSyncStore
from sync.client.transport import HttpTransport
from sync.client.vault import vault_for


def sync_store(desk: Desk) -> SqlSyncStore:
    return SqlSyncStore(
        desk.database.engine, desk.services.clock, calendar_dir=desk.settings.paths.calendar_dir
    )


def enrolment_of(desk: Desk) -> Enrolment | None:
    return SqlEnrolmentStore(desk.database.engine).enrolment()


@dataclass
class SyncSession:
    """A cycle ready to run, and the connection it holds (close it)."""

    enrolment: Enrolment
    cycle: SyncCycle
    transport: HttpTransport

    def run(self) -> SyncReport:
        return self.cycle.run()

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> SyncSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_session(desk: Desk, **cycle_options: Any) -> SyncSession:
    enrolment = enrolment_of(desk)
    if enrolment is None:
        raise NotEnrolled(
            "this desk is not enrolled with a server; run `motcua enrol --server URL --code CODE`"
        )
    token = vault_for(enrolment).load(enrolment.token_account)
    if not token:
        where = enrolment.token_file if enrolment.token_store == "file" else "the OS keyring"
        raise Unauthorized(f"this desk's token is missing from {where}; enrol it again")
    transport = HttpTransport(
        enrolment.server_url, token, ca_bundle=enrolment.ca_bundle, pins=tuple(enrolment.pins)
    )
    cycle = SyncCycle(
        sync_store(desk),
        transport,
        StoreBlobSource(desk.services.blobs),
        desk.services.clock,
        **cycle_options,
    )
    return SyncSession(enrolment, cycle, transport)


def read_status(desk: Desk) -> SyncStatus:
    store = sync_store(desk)
    enrolment = enrolment_of(desk)
    counts, attempts = store.counts(), store.attempts()
    return SyncStatus(
        state=derive_state(enrolment is not None, counts, attempts),
        server_url=enrolment.server_url if enrolment else None,
        office_code=enrolment.office_code if enrolment else None,
        device_id=enrolment.device_id if enrolment else None,
        counts=counts,
        attempts=attempts,
    )
