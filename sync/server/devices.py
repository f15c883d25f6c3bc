"""Enrolment codes, device tokens and revocation.

A code is shown once to the admin and stored only as its SHA-256, like the device tokens: a copy of the
database lets nobody enrol or push. Codes are single-use and expire; the transaction that enrols marks
the code used, so two desks racing with the same code cannot both win.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select, update

from sync.server.ledger import ADMIN_CHAIN, append_audit, start_chain
from sync.server.tables import devices, enrol_codes

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: it is read aloud and typed
CODE_GROUPS, CODE_GROUP_LENGTH = 3, 4  # 60 bits
DEFAULT_CODE_HOURS = 72
_DEVICE_ID = re.compile(r"[0-9a-f]{32}")
_OFFICE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-_]{0,63}")


class EnrolmentRefused(Exception):
    """The code is unknown, used or expired, or names another office; `code` says which."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Device:
    id: str
    office_code: str
    label: str
    revoked: bool
    next_seq: int


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalise_code(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


def check_office(code: str) -> str:
    office = code.strip()
    if not _OFFICE.fullmatch(office):
        raise ValueError(f"office code {code!r} is not valid (letters, digits, '.', '-', '_'; up to 64)")
    return office


def new_enrol_code(engine: Engine, office_code: str, now: datetime, hours: int = DEFAULT_CODE_HOURS) -> str:
    office = check_office(office_code)
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    shown = "-".join(raw[i : i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))
    with engine.begin() as connection:
        connection.execute(
            insert(enrol_codes).values(
                code_hash=digest(raw),
                office_code=office,
                created_at=now,
                expires_at=now + timedelta(hours=hours),
            )
        )
        append_audit(
            connection,
            ADMIN_CHAIN,
            at=now,
            actor="admin",
            action="enrol_code",
            subject=office,
            detail={"office": office, "code_hash": digest(raw), "hours": hours},
        )
    return shown


def enrol(
    engine: Engine, *, code: str, device_id: str, label: str, office_code: str | None, now: datetime
) -> tuple[Device, str]:
    """Spend a code: a new device (or a new token for a known one of the same office); returns the token."""
    if not _DEVICE_ID.fullmatch(device_id):
        raise EnrolmentRefused("bad_request", "device_id must be 32 lower-case hex digits")
    with engine.begin() as connection:
        row = connection.execute(
            select(enrol_codes)
            .where(enrol_codes.c.code_hash == digest(normalise_code(code)))
            .with_for_update()
        ).one_or_none()
        if row is None or row.used_at is not None:
            raise EnrolmentRefused("invalid_code", "this enrolment code is unknown or was already used")
        if row.expires_at <= now:
            raise EnrolmentRefused("expired_code", "this enrolment code has expired; ask for a new one")
        if office_code is not None and office_code != row.office_code:
            # Refused before the code is spent: the admin can still give it to the right desk.
            raise EnrolmentRefused(
                "office_mismatch",
                f"this code enrols a desk of office {row.office_code}, but this desk is set up for "
                f"office {office_code}",
            )
        secret = secrets.token_urlsafe(32)
        token = f"{device_id}.{secret}"
        existing = connection.execute(
            select(devices).where(devices.c.id == device_id).with_for_update()
        ).one_or_none()
        if existing is None:
            connection.execute(
                insert(devices).values(
                    id=device_id,
                    office_code=row.office_code,
                    label=label[:200] or device_id,
                    token_hash=digest(secret),
                    enrolled_at=now,
                    next_seq=1,
                )
            )
            next_seq = 1
        else:
            if existing.office_code != row.office_code:
                raise EnrolmentRefused(
                    "office_mismatch",
                    f"this desk is enrolled for office {existing.office_code}; its history cannot move to "
                    f"{row.office_code}",
                )
            # Re-enrolment keeps the device sequence: nothing it sent is forgotten or taken twice.
            connection.execute(
                update(devices)
                .where(devices.c.id == device_id)
                .values(token_hash=digest(secret), revoked_at=None, label=label[:200] or existing.label)
            )
            next_seq = int(existing.next_seq)
        connection.execute(
            update(enrol_codes)
            .where(enrol_codes.c.code_hash == row.code_hash)
            .values(used_at=now, device_id=device_id)
        )
        start_chain(connection, device_id)
        append_audit(
            connection,
            device_id,
            at=now,
            actor=device_id,
            action="enrol",
            subject=device_id,
            detail={"office": row.office_code, "label": label[:200], "again": existing is not None},
        )
    return Device(device_id, row.office_code, label, False, next_seq), token


def authenticate(connection: Connection, token: str) -> Device | None:
    """The device a bearer token belongs to, or None. Revocation is read from the database on every
    request, so a revoked token is refused at once, by every worker."""
    device_id, _, secret = token.partition(".")
    if not _DEVICE_ID.fullmatch(device_id) or not secret:
        return None
    row = connection.execute(select(devices).where(devices.c.id == device_id)).one_or_none()
    if row is None or not hmac.compare_digest(row.token_hash, digest(secret)):
        return None
    return Device(row.id, row.office_code, row.label, row.revoked_at is not None, int(row.next_seq))


def revoke(engine: Engine, device_id: str, now: datetime) -> bool:
    with engine.begin() as connection:
        result = connection.execute(
            update(devices)
            .where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        if result.rowcount != 1:
            return False
        append_audit(
            connection, ADMIN_CHAIN, at=now, actor="admin", action="revoke", subject=device_id, detail={}
        )
    return True


def list_devices(engine: Engine) -> list[dict[str, object]]:
    with engine.connect().execution_options(write=False) as connection:
        rows = connection.execute(select(devices).order_by(devices.c.office_code, devices.c.id)).all()
    return [
        {
            "device": r.id,
            "office": r.office_code,
            "label": r.label,
            "revoked": r.revoked_at is not None,
            "next_seq": int(r.next_seq),
        }
        for r in rows
    ]
