"""What a desk pulls: events of its office's dossiers made elsewhere, and what the centre published
(catalogue entries, calendar years, officers), in server_seq order after the desk's cursor.

The page is bounded by the clock's server_seq read first: every number up to it belongs to a committed
transaction (numbers are handed out under the clock lock held until commit), so when the page is not
full the cursor can move to that bound without skipping a row that commits later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, or_, select

from app.services.sync.wire import PROTOCOL
from sync.server.devices import Device
from sync.server.ledger import CLOCK_ROW
from sync.server.tables import events, procedure_versions, resources, sync_clock

MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class Page:
    after: int
    items: list[dict[str, Any]]
    cursor: int
    more: bool
    procedures: dict[str, Any]

    def to_wire(self) -> dict[str, Any]:
        return {
            "protocol": PROTOCOL,
            "after": self.after,
            "items": self.items,
            "cursor": self.cursor,
            "more": self.more,
            "procedures": self.procedures,
        }


def pull(engine: Engine, device: Device, after: int, limit: int) -> Page:
    limit = max(1, min(limit, MAX_PAGE))
    requested = after
    with engine.connect().execution_options(write=False) as connection, connection.begin():
        high = int(
            connection.execute(
                select(sync_clock.c.server_seq).where(sync_clock.c.id == CLOCK_ROW)
            ).scalar_one()
        )
        if after > high:
            # The desk has seen numbers this server never gave out (it was restored from an older backup):
            # start again from the beginning rather than skip what comes next. Applying is idempotent.
            after = 0
        event_rows = connection.execute(
            select(events)
            .where(
                events.c.office_code == device.office_code,
                events.c.server_seq > after,
                events.c.server_seq <= high,
                events.c.device_id != device.id,  # its own events the desk has already
            )
            .order_by(events.c.server_seq)
            .limit(limit)
        ).all()
        resource_rows = connection.execute(
            select(resources)
            .where(
                resources.c.server_seq > after,
                resources.c.server_seq <= high,
                or_(resources.c.office_code.is_(None), resources.c.office_code == device.office_code),
            )
            .order_by(resources.c.server_seq)
            .limit(limit)
        ).all()
        items = sorted(
            [(r.server_seq, _event_item(r)) for r in event_rows]
            + [(r.server_seq, _resource_item(r)) for r in resource_rows],
            key=lambda pair: pair[0],
        )[:limit]
        full = len(items) == limit
        cursor = items[-1][0] if full else high
        cited = {
            item["body"]["payload"]["procedure"]["version"]
            for _, item in items
            if item["kind"] == "event" and item["body"]["seq"] == 1
        }
        procedures = (
            {
                fingerprint: json.loads(data)
                for fingerprint, data in connection.execute(
                    select(procedure_versions.c.fingerprint, procedure_versions.c.data).where(
                        procedure_versions.c.fingerprint.in_(cited)
                    )
                )
            }
            if cited
            else {}
        )
    return Page(requested, [item for _, item in items], cursor, full, procedures)


def _event_item(row: Any) -> dict[str, Any]:
    from app.domain.events import iso

    return {
        "server_seq": int(row.server_seq),
        "kind": "event",
        "key": f"{row.dossier_uid}.{row.seq}",
        "hash": row.hash,
        "body": {
            "dossier": row.dossier_uid,
            "seq": row.seq,
            "type": row.type,
            "occurred_at": iso(row.occurred_at),
            "actor": row.actor,
            "payload": json.loads(row.payload),
        },
    }


def _resource_item(row: Any) -> dict[str, Any]:
    return {"server_seq": int(row.server_seq), "kind": row.kind, "key": row.key, "body": json.loads(row.body)}
