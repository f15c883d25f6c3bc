"""Offices, their counters and the officers who sign in at them."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.errors import ValidationError
from app.domain.text import nfc, nfc_or_none

_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
# scrypt parameters (RFC 7914): n=2**14, r=8 costs 16 MiB and ~50 ms, the OWASP floor for interactive
# sign-in; stored with each hash so they can be raised later without breaking old hashes.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 8


class Role(StrEnum):
    OFFICER = "officer"  # cán bộ tiếp nhận
    SUPERVISOR = "supervisor"  # lãnh đạo, giám sát
    ADMIN = "admin"  # quản trị hệ thống


@dataclass(frozen=True, slots=True)
class Office:
    code: str  # agency identifier (mã định danh), e.g. 000.00.53.H48
    name: str
    parent_code: str | None = None
    address: str | None = None
    phone: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", self.code.strip())
        object.__setattr__(self, "name", nfc(self.name))
        object.__setattr__(self, "address", nfc_or_none(self.address))
        if not self.code:
            raise ValidationError("office.code", "is empty")
        if not self.name:
            raise ValidationError("office.name", "is empty")


@dataclass(frozen=True, slots=True)
class Counter:
    office_code: str
    number: int
    name: str
    fields: tuple[str, ...] = ()  # procedure fields (lĩnh vực) served here

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", nfc(self.name))
        if self.number < 1:
            raise ValidationError("counter.number", f"must be 1 or more, got {self.number}")


@dataclass(frozen=True, slots=True)
class Officer:
    username: str
    full_name: str
    role: Role
    office_code: str
    password_hash: str = field(repr=False)
    counter_number: int | None = None
    active: bool = True

    def __post_init__(self) -> None:
        if not _USERNAME.fullmatch(self.username):
            raise ValidationError(
                "officer.username", "use 2-64 lower-case letters, digits, dot, dash or underscore"
            )
        object.__setattr__(self, "full_name", nfc(self.full_name))
        if not self.full_name:
            raise ValidationError("officer.full_name", "is empty")

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS[self.role]


PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.OFFICER: frozenset({"dossier.receive", "dossier.transition", "dossier.return", "queue.call"}),
    Role.SUPERVISOR: frozenset(
        {
            "dossier.receive",
            "dossier.transition",
            "dossier.return",
            "queue.call",
            "dossier.apologise",
            "report.view",
            "conflict.resolve",
        }
    ),
    Role.ADMIN: frozenset(
        {
            "dossier.receive",
            "dossier.transition",
            "dossier.return",
            "queue.call",
            "dossier.apologise",
            "report.view",
            "conflict.resolve",
            "catalog.edit",
            "officer.edit",
            "settings.edit",
        }
    ),
}


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(unicodedata.normalize("NFC", password).encode(), salt=salt, n=n, r=r, p=p, dklen=32)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """A self-describing scrypt hash: `scrypt$n$r$p$salt_hex$hash_hex`."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password", f"must have at least {MIN_PASSWORD_LENGTH} characters")
    salt = salt or secrets.token_bytes(16)
    digest = _scrypt(password, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = _scrypt(password, bytes.fromhex(salt_hex), int(n), int(r), int(p))
    return hmac.compare_digest(digest.hex(), digest_hex)
