"""Every route to a scanner on this machine, behind one name space of device ids ("<backend>:<address>").

The front ends (CLI, desk app) build one registry from the config directory and ask it for devices,
profiles and open scanners; which backends exist depends on the platform and on what is installed.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.scanning.faults import ScannerError, ScannerFault
from app.domain.scanning.model import DeviceInfo, ScanProfile
from app.services.scanning.ports import Scanner, ScannerBackend
from devices.scanners.profiles import FILE_NAME, Configured, load_configured, profile_for

log = logging.getLogger(__name__)


@dataclass
class ScannerRegistry:
    backends: Mapping[str, ScannerBackend]
    configured: Sequence[Configured] = ()
    problems: list[str] = field(default_factory=list)  # backends that could not list their devices

    def devices(self) -> list[DeviceInfo]:
        """Configured scanners first (under their given names), then whatever each backend finds."""
        self.problems.clear()
        found: dict[str, DeviceInfo] = {}
        for item in self.configured:
            device = item.profile.device
            if not device.endswith("*"):
                backend = device.split(":", 1)[0]
                # Its sources are known once it is opened; listing must not wake every scanner.
                found[device] = DeviceInfo(id=device, name=item.name or device, backend=backend, sources=())
        for name, backend in self.backends.items():
            try:
                for info in backend.devices():
                    found.setdefault(info.id, info)
            except ScannerError as exc:
                self.problems.append(f"{name}: {exc}")
            except Exception as exc:  # one broken backend must not hide the others' scanners
                log.warning("listing %s scanners failed", name, exc_info=True)
                self.problems.append(f"{name}: {type(exc).__name__}: {exc}")
        return list(found.values())

    def resolve(self, name: str) -> str:
        """A device id from what the officer typed: an id, a configured name, a folder, a URL, or a bare
        SANE device name ("test", "fujitsu:fi-7160:1234")."""
        if ":" in name and name.split(":", 1)[0] in self.backends:
            return name
        for item in self.configured:
            if item.name and item.name == name:
                return item.profile.device
        if name.startswith(("http://", "https://")):
            return "escl:" + name
        if Path(name).expanduser().is_dir():
            return "folder:" + str(Path(name).expanduser().resolve())
        default = "wia" if sys.platform == "win32" else "sane"
        return f"{default}:{name}"

    def profile(self, device_id: str) -> ScanProfile:
        return profile_for(device_id, self.configured)

    def open(self, device_id: str) -> Scanner:
        backend_name = device_id.split(":", 1)[0]
        backend = self.backends.get(backend_name)
        if backend is None:
            raise ScannerError(
                ScannerFault.UNSUPPORTED,
                f"no {backend_name!r} scanner support on this computer (have: {', '.join(self.backends)})",
                device=device_id,
            )
        return backend.open(device_id)


def default_registry(config_dir: Path, *, discovery_seconds: float = 2.0) -> ScannerRegistry:
    """The backends this platform offers, with the desk's scanners.toml."""
    configured = load_configured(config_dir / FILE_NAME)
    from devices.scanners.escl.backend import EsclBackend
    from devices.scanners.folder import FolderBackend

    folders = [
        Path(c.profile.device.removeprefix("folder:"))
        for c in configured
        if c.profile.device.startswith("folder:")
    ]
    backends: dict[str, ScannerBackend] = {}
    if sys.platform == "win32":
        from devices.scanners.wia import WiaBackend

        backends["wia"] = WiaBackend()
    else:
        from devices.scanners.sane_scanner import SaneBackend

        backends["sane"] = SaneBackend()
    backends["escl"] = EsclBackend(discovery_seconds=discovery_seconds)
    backends["folder"] = FolderBackend(folders)
    return ScannerRegistry(backends, configured)
