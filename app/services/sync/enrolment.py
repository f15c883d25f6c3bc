"""Enrolling a desk with the centre: a one-time code from the admin in, a revocable device token out.

The token goes to the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service). Where no
keyring exists, the desk says so and uses only a token file the admin named explicitly: never a silent
plaintext fallback. The vault is checked before the code is spent, so a desk that cannot keep its token
does not burn the admin's one-time code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.ports import Clock
from app.services.sync.errors import SyncError

KEYRING_SERVICE = "motcua-sync"


@dataclass(frozen=True, slots=True)
class Enrolment:
    server_url: str
    device_id: str
    office_code: str
    token_store: str  # "keyring" or "file"
    token_file: str | None
    ca_bundle: str | None
    pins: tuple[str, ...]
    enrolled_at: datetime

    @property
    def token_account(self) -> str:
        return token_account(self.device_id, self.server_url)


def token_account(device_id: str, server_url: str) -> str:
    """The keyring entry's user name: one token per (desk, server)."""
    return f"{device_id}@{server_url}"


@dataclass(frozen=True, slots=True)
class Grant:
    device_id: str
    office_code: str
    token: str


@dataclass(frozen=True, slots=True)
class EnrolRequest:
    server_url: str
    code: str
    office_code: str | None  # the desk's configured office; the server refuses a code of another one
    label: str
    ca_bundle: str | None = None
    pins: tuple[str, ...] = ()


class VaultUnavailable(SyncError):
    code = "no_keyring"
    retry = False


class TokenVault(Protocol):
    name: str  # "keyring" or "file"
    location: str | None  # the file, for "file"

    def check(self) -> None:
        """Raise VaultUnavailable (saying what to do) if tokens cannot be kept here."""
        ...

    def save(self, account: str, token: str) -> None: ...

    def load(self, account: str) -> str | None: ...

    def delete(self, account: str) -> None: ...


class EnrolmentGateway(Protocol):
    def enrol(self, request: EnrolRequest, device_id: str) -> Grant: ...


class EnrolmentStore(Protocol):
    def device_id(self) -> str: ...

    def enrolment(self) -> Enrolment | None: ...

    def save_enrolment(self, enrolment: Enrolment) -> None: ...


def enrol(
    request: EnrolRequest,
    *,
    store: EnrolmentStore,
    gateway: EnrolmentGateway,
    vault: TokenVault,
    clock: Clock,
) -> Enrolment:
    vault.check()
    device_id = store.device_id()
    grant = gateway.enrol(request, device_id)
    enrolment = Enrolment(
        server_url=request.server_url,
        device_id=grant.device_id,
        office_code=grant.office_code,
        token_store=vault.name,
        token_file=vault.location,
        ca_bundle=request.ca_bundle,
        pins=request.pins,
        enrolled_at=clock.now(),
    )
    # Token first: an enrolment row without its token would look enrolled and fail every sync.
    vault.save(enrolment.token_account, grant.token)
    store.save_enrolment(enrolment)
    return enrolment
