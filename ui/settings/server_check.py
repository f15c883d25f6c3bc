"""What "Kiểm tra kết nối" finds out, off the GUI thread: does the address answer as a motcua-server
(GET /health), and is this desk enrolled with it. Plain data out; the page puts it in words.

The sync client's imports (httpx, the keyring, TLS) are made here, inside the functions, so the settings
dialog opens without them.
"""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass
from typing import Any

from app.settings.store import Settings

HEALTH_PATH = "/health"  # sync/server/health.py
TIMEOUT_S = 8.0

# How the check ended.
OK = "ok"  # a motcua-server that can serve
UNAVAILABLE = "unavailable"  # a motcua-server that answered 503: its database is down
REFUSED = "refused"  # nothing listens at that host and port
DNS = "dns"  # the host name is unknown
TIMEOUT = "timeout"  # no answer in time (a firewall that drops, a dead link)
TLS = "tls"  # the certificate is not trusted, or not a pinned key
NOT_MOTCUA = "not_motcua"  # something answered, but not a motcua-server: a captive portal, a proxy
UNREACHABLE = "unreachable"  # any other network failure


@dataclass(frozen=True, slots=True)
class EnrolmentState:
    enrolled: bool
    server_url: str | None = None
    device_id: str | None = None
    office_code: str | None = None
    ca_bundle: str | None = None
    pins: tuple[str, ...] = ()
    problem: str | None = None  # the enrolment could not be read (English, for the details)


@dataclass(frozen=True, slots=True)
class ServerCheck:
    url: str
    outcome: str
    version: str | None = None
    status_code: int | None = None
    detail: str = ""  # the technical reason, English, for the IT staff
    enrolment: EnrolmentState | None = None


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _classify(exc: Exception) -> str:
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return TIMEOUT
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLError):
            return TLS
        if isinstance(cause, ConnectionRefusedError):
            return REFUSED
        if isinstance(cause, socket.gaierror):
            return DNS
    text = str(exc).lower()
    if "certificate" in text or "ssl" in text:
        return TLS
    if "refused" in text:
        return REFUSED
    if "name or service" in text or "nodename" in text or "getaddrinfo" in text:
        return DNS
    return UNREACHABLE


def read_enrolment(settings: Settings) -> EnrolmentState:
    try:
        from app.bootstrap import open_desk
        from sync.client.wiring import enrolment_of

        with open_desk(settings) as desk:
            enrolment = enrolment_of(desk)
    except Exception as exc:  # an install without the sync client, a database that cannot be read
        return EnrolmentState(False, problem=f"{type(exc).__name__}: {exc}")
    if enrolment is None:
        return EnrolmentState(False)
    return EnrolmentState(
        True,
        enrolment.server_url,
        enrolment.device_id,
        enrolment.office_code,
        enrolment.ca_bundle,
        tuple(enrolment.pins),
    )


def check_health(url: str, *, verify: Any = True, timeout: float = TIMEOUT_S) -> ServerCheck:
    import httpx

    url = url.strip().rstrip("/")
    try:
        response = httpx.get(
            url + HEALTH_PATH,
            timeout=timeout,
            verify=verify,
            headers={"User-Agent": "motcua-desk", "Accept": "application/json"},
            follow_redirects=False,
        )
    except httpx.HTTPError as exc:
        return ServerCheck(url, _classify(exc), detail=f"{type(exc).__name__}: {exc}".strip(": "))
    body: Any = None
    if "json" in response.headers.get("content-type", ""):
        try:
            body = response.json()
        except ValueError:
            body = None
    if not isinstance(body, dict) or "version" not in body or body.get("status") not in ("ok", "unavailable"):
        kind = response.headers.get("content-type", "").split(";")[0] or "no content type"
        return ServerCheck(
            url,
            NOT_MOTCUA,
            status_code=response.status_code,
            detail=f"HTTP {response.status_code}, {kind}",
        )
    outcome = OK if body["status"] == "ok" and response.status_code == 200 else UNAVAILABLE
    return ServerCheck(
        url,
        outcome,
        version=str(body["version"]),
        status_code=response.status_code,
        detail=f"HTTP {response.status_code}, database {body.get('database')}, schema {body.get('schema')}",
    )


def check_server(url: str, settings: Settings) -> ServerCheck:
    """The health of `url`, trusting what the enrolment trusts (its CA bundle and pins) when it names the
    same server, and this desk's enrolment state."""
    from dataclasses import replace

    enrolment = read_enrolment(settings)
    verify: Any = True
    clean = url.strip().rstrip("/")
    if enrolment.enrolled and enrolment.server_url == clean and clean.startswith("https://"):
        from sync.client.tls import client_context

        verify = client_context(enrolment.ca_bundle, enrolment.pins)
    return replace(check_health(clean, verify=verify), enrolment=enrolment)


@dataclass(frozen=True, slots=True)
class EnrolResult:
    enrolled: bool
    server_url: str
    office_code: str | None = None
    device_id: str | None = None
    code: str | None = None  # the SyncError code when refused: no_keyring, offline, bad_request...
    message: str = ""  # English, from the sync client


def enrol_desk(settings: Settings, url: str, code: str) -> EnrolResult:
    """`motcua enrol --server URL --code CODE`, with the token in the OS keyring."""
    from app.bootstrap import open_desk
    from app.services.sync.enrolment import EnrolRequest, enrol
    from app.services.sync.errors import SyncError
    from app.settings.spec import OFFICE_CODE
    from app.storage.sync_enrolment import SqlEnrolmentStore
    from sync.client.transport import HttpTransport
    from sync.client.vault import KeyringVault

    server = url.strip().rstrip("/")
    request = EnrolRequest(
        server_url=server,
        code=code.strip(),
        office_code=settings.get(OFFICE_CODE) or None,
        label=socket.gethostname(),
    )
    try:
        with open_desk(settings) as desk, HttpTransport(server, None) as gateway:
            enrolment = enrol(
                request,
                store=SqlEnrolmentStore(desk.database.engine),
                gateway=gateway,
                vault=KeyringVault(),
                clock=desk.services.clock,
            )
    except SyncError as exc:
        return EnrolResult(False, server, code=exc.code, message=exc.message)
    return EnrolResult(True, server, enrolment.office_code, enrolment.device_id)
