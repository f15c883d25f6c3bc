"""What a supervisor reviews: conflicts and refused events (with what the desk sent), and marking them
resolved once settled (the decision itself is made in the dossier, by a new event)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select, update

from app.domain.events import iso
from sync.server.ledger import ADMIN_CHAIN, append_audit
from sync.server.tables import devices, receipts

REVIEWED = ("conflict", "rejected")


def open_problems(engine: Engine, limit: int = 1000) -> list[dict[str, Any]]:
    with engine.connect().execution_options(write=False) as connection:
        rows = connection.execute(
            select(receipts, devices.c.office_code)
            .join(devices, devices.c.id == receipts.c.device_id)
            .where(receipts.c.verdict.in_(REVIEWED), receipts.c.resolved_at.is_(None))
            .order_by(receipts.c.received_at, receipts.c.device_id, receipts.c.device_seq)
            .limit(limit)
        ).all()
    return [
        {
            "device": r.device_id,
            "office": r.office_code,
            "device_seq": int(r.device_seq),
            "key": r.key,
            "verdict": r.verdict,
            "reason": r.reason,
            "message": r.message,
            "received_at": iso(r.received_at),
        }
        for r in rows
    ]


def resolve(engine: Engine, device_id: str, device_seq: int, now: datetime, note: str) -> bool:
    with engine.begin() as connection:
        done = connection.execute(
            update(receipts)
            .where(
                receipts.c.device_id == device_id,
                receipts.c.device_seq == device_seq,
                receipts.c.verdict.in_(REVIEWED),
                receipts.c.resolved_at.is_(None),
            )
            .values(resolved_at=now)
        ).rowcount
        if done != 1:
            return False
        append_audit(
            connection,
            ADMIN_CHAIN,
            at=now,
            actor="admin",
            action="resolve",
            subject=f"{device_id}:{device_seq}",
            detail={"note": note},
        )
    return True
