"""What the centre publishes to desks (catalogue entries, calendar years, officers), numbered in the same
server_seq order as events so that one pull cursor covers everything."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert

from app.domain.catalog import Procedure, procedure_fingerprint, procedure_to_dict
from sync.server.ledger import ADMIN_CHAIN, allocate, append_audit
from sync.server.sql import insert_ignore
from sync.server.tables import procedure_versions, resources

KINDS = ("procedure", "calendar", "officer")


@dataclass(frozen=True, slots=True)
class Resource:
    kind: str
    key: str
    body: dict[str, Any]
    office_code: str | None = None  # None: every office


def procedure_resource(procedure: Procedure) -> Resource:
    return Resource("procedure", procedure.code, procedure_to_dict(procedure))


def publish(engine: Engine, items: Sequence[Resource], now: datetime, actor: str = "admin") -> int:
    """Publish all items in one transaction; returns the last server_seq used (0 for none)."""
    with engine.begin() as connection:
        versions = [
            {
                "fingerprint": _fingerprint(item),
                "code": item.key,
                "data": json.dumps(item.body, ensure_ascii=False),
                "stored_at": now,
            }
            for item in items
            if item.kind == "procedure"
        ]
        insert_ignore(connection, procedure_versions, versions)
        for item in items:
            if item.kind not in KINDS:
                raise ValueError(f"unknown resource kind {item.kind!r}")
        numbers = allocate(connection, len(items))
        rows = [
            {
                "server_seq": seq,
                "txid": txid,
                "kind": item.kind,
                "key": item.key,
                "office_code": item.office_code,
                "body": json.dumps(item.body, ensure_ascii=False),
                "published_at": now,
            }
            for (txid, seq), item in zip(numbers, items, strict=True)
        ]
        if rows:
            connection.execute(insert(resources), rows)
        append_audit(
            connection,
            ADMIN_CHAIN,
            at=now,
            actor=actor,
            action="publish",
            subject=",".join(sorted({item.kind for item in items}))[:96] or "nothing",
            detail={"items": [[row["server_seq"], row["kind"], row["key"]] for row in rows]},
        )
        return numbers[-1][1] if numbers else 0


def _fingerprint(item: Resource) -> str:
    from app.domain.catalog import procedure_from_dict

    return procedure_fingerprint(procedure_from_dict(item.body))
