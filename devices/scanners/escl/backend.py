"""eSCL devices: found on the local network by mDNS (`_uscan._tcp`, `_uscans._tcp`), or configured by URL.

A device's TXT record gives the path of its eSCL root (`rs`, usually "eSCL"), its model (`ty`) and its
sources (`is`: platen, adf, duplex). Discovery listens for `discovery_seconds` and stops; the desk app asks
again when the officer opens the scanner list, which also catches a scanner switched on later.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import DeviceInfo, Source
from devices.scanners.escl.scanner import PREFIX, EsclScanner

log = logging.getLogger(__name__)

SERVICE_TYPES = ("_uscan._tcp.local.", "_uscans._tcp.local.")
_SOURCES = {"platen": Source.FLATBED, "adf": Source.FEEDER, "duplex": Source.DUPLEX}


@dataclass(frozen=True, slots=True)
class Announcement:
    """What a scanner says about itself over mDNS."""

    service: str
    host: str
    port: int
    secure: bool
    properties: dict[str, str]

    @property
    def url(self) -> str:
        root = self.properties.get("rs", "eSCL").strip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self.secure else 'http'}://{host}:{self.port}/{root}".rstrip("/")

    def device(self) -> DeviceInfo:
        sources = tuple(
            _SOURCES[s.strip().lower()]
            for s in self.properties.get("is", "").split(",")
            if s.strip().lower() in _SOURCES
        )
        name = self.properties.get("ty") or self.service.split("._", 1)[0]
        return DeviceInfo(
            id=PREFIX + self.url,
            name=name,
            backend="escl",
            sources=sources or (Source.FLATBED,),
            model=self.properties.get("ty", ""),
        )


def _decode(properties: dict[bytes, bytes | None]) -> dict[str, str]:
    return {
        k.decode(errors="replace").lower(): (v or b"").decode(errors="replace") for k, v in properties.items()
    }


def discover(seconds: float = 2.0, interfaces: list[str] | None = None) -> list[Announcement]:
    """Listen for eSCL scanners for `seconds`. `interfaces` limits where (tests use 127.0.0.1)."""
    from zeroconf import InterfaceChoice, IPVersion, ServiceBrowser, ServiceListener, Zeroconf

    found: dict[str, Announcement] = {}
    lock = threading.Lock()

    class Listener(ServiceListener):
        def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
            info = zc.get_service_info(type_, name, timeout=int(seconds * 1000))
            if info is None:
                return
            addresses = info.parsed_addresses(IPVersion.V4Only) or info.parsed_addresses()
            if not addresses:
                return
            announcement = Announcement(
                service=name,
                host=addresses[0],
                port=info.port or (443 if type_.startswith("_uscans") else 80),
                secure=type_.startswith("_uscans"),
                properties=_decode(info.properties),
            )
            with lock:
                found[announcement.url] = announcement

        def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
            self.add_service(zc, type_, name)

        def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
            return None

    try:
        zc = Zeroconf(
            interfaces=interfaces if interfaces is not None else InterfaceChoice.All,
            ip_version=IPVersion.V4Only,
        )
    except OSError as exc:  # no multicast on this machine (some VPNs, locked-down PCs)
        log.info("mDNS unavailable: %s", exc)
        return []
    try:
        browser = ServiceBrowser(zc, list(SERVICE_TYPES), Listener())
        time.sleep(seconds)
        browser.cancel()
    finally:
        zc.close()
    with lock:
        return sorted(found.values(), key=lambda a: a.url)


class EsclBackend:
    name = "escl"

    def __init__(self, discovery_seconds: float = 2.0, interfaces: list[str] | None = None) -> None:
        self._seconds = discovery_seconds
        self._interfaces = interfaces

    def devices(self) -> list[DeviceInfo]:
        if self._seconds <= 0:
            return []
        return [a.device() for a in discover(self._seconds, self._interfaces)]

    def open(self, device_id: str) -> EsclScanner:
        url = device_id.removeprefix(PREFIX)
        if not url.startswith(("http://", "https://")):
            raise ScannerError(ScannerFault.UNPLUGGED, f"{url!r} is not an http(s) address", device=device_id)
        return EsclScanner(device_id)
