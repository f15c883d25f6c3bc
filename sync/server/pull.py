"""What a desk pulls: events of its office's dossiers made elsewhere, and what the centre published
(catalogue entries, calendar years, officers), in (txid, server_seq) order after the desk's cursor.

Only rows of transactions that are final for this reader's snapshot are served (ledger.safe_txid), so a
transaction that started early and commits late is never jumped over. When a page is not full the cursor
moves to the end of that safe range, so a desk does not scan other offices' rows again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, or_, select, tuple_

from app.domain.events import iso
from app.services.sync.wire import PROTOCOL
from sync.server.devices import Device
from sync.server.ledger import MAX_SEQ, safe_txid
from sync.server.tables import events, procedure_versions, resources

MAX_PAGE = 1000
START = "0.0"
_CURSOR = re.compile(r"(\d{1,19})\.(\d{1,19})")


class BadCursor(ValueError):
    pass


def parse_cursor(text: str) -> tuple[int, int]:
    """A cursor is "<txid>.<server_seq>", opaque to desks."""
    match = _CURSOR.fullmatch(text)
    if match is None:
        raise BadCursor(f"not a pull cursor: {text!r}")
    return int(match.group(1)), int(match.group(2))


def format_cursor(position: tuple[int, int]) -> str:
    return f"{position[0]}.{position[1]}"


@dataclass(frozen=True, slots=True)
class Page:
    after: str
    items: list[dict[str, Any]]
    cursor: str
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


def pull(engine: Engine, device: Device, after: str, limit: int) -> Page:
    limit = max(1, min(limit, MAX_PAGE))
    position = parse_cursor(after)
    # PostgreSQL: one snapshot for the safe bound and every read (READ COMMITTED would take one per
    # statement, and a row could commit between the bound and the read).
    options: dict[str, Any] = {"write": False}
    if engine.dialect.name == "postgresql":
        options["isolation_level"] = "REPEATABLE READ"
    with engine.connect().execution_options(**options) as connection, connection.begin():
        safe = safe_txid(connection)
        if position[0] > safe:
            # Cursors this server gives never pass its safe bound, and the bound only grows: the desk
            # has seen a server restored from an older backup. Start again from the beginning rather
            # than skip what comes next; applying a page twice changes nothing.
            position = (0, 0)
        event_rows = connection.execute(
            select(events)
            .where(
                events.c.office_code == device.office_code,
                tuple_(events.c.txid, events.c.server_seq) > tuple_(*position),
                events.c.txid <= safe,
                events.c.device_id != device.id,  # its own events the desk has already
            )
            .order_by(events.c.txid, events.c.server_seq)
            .limit(limit)
        ).all()
        resource_rows = connection.execute(
            select(resources)
            .where(
                tuple_(resources.c.txid, resources.c.server_seq) > tuple_(*position),
                resources.c.txid <= safe,
                or_(resources.c.office_code.is_(None), resources.c.office_code == device.office_code),
            )
            .order_by(resources.c.txid, resources.c.server_seq)
            .limit(limit)
        ).all()
        items = sorted(
            [((r.txid, r.server_seq), _event_item(r)) for r in event_rows]
            + [((r.txid, r.server_seq), _resource_item(r)) for r in resource_rows],
            key=lambda pair: pair[0],
        )[:limit]
        full = len(items) == limit
        end = items[-1][0] if full else max((safe, MAX_SEQ), position)
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
    return Page(after, [item for _, item in items], format_cursor(end), full, procedures)


def _event_item(row: Any) -> dict[str, Any]:
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
