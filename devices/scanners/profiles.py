"""Scan profiles: the desk's own (`scanners.toml` in the config directory) before the built-in ones.

    [[scanner]]
    device = "sane:fujitsu:fi-7160:*"      # a device id, or a prefix ending in *
    name = "Fujitsu fi-7160 (quầy 3)"      # how the desk lists it (optional)
    dpi = 200
    mode = "gray"                          # gray, color, bw
    force_a4 = true                        # lay pages on A4 whatever resolution the scanner reports
    [scanner.sources]                      # the device's own names for flatbed, adf, duplex
    adf = "ADF Front"
    duplex = "ADF Duplex"
    [scanner.options]                      # backend options, by their SANE / device names
    df-action = "Stop"

A folder that a copier scans into is a scanner too: `device = "folder:/srv/scans/quay3"`, with
`options.wait` (seconds to wait for the copier's files) and `options.settle`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.errors import ValidationError
from app.domain.scanning.model import ColorMode, ScanProfile, Source

FILE_NAME = "scanners.toml"

# Known devices whose names differ from the usual ones (naps2#615, paperwork#673, scanservjs#494).
BUILT_IN: tuple[ScanProfile, ...] = (
    # SANE's test backend draws a black page by default; a grid at least looks like a sheet with lines.
    # Its options outlive a handle within a process, so a simulated fault is switched off explicitly.
    ScanProfile(
        "sane:test*",
        {Source.FLATBED: "Flatbed", Source.FEEDER: "Automatic Document Feeder"},
        options={"test-picture": "Grid", "read-return-value": "Default"},
    ),
    ScanProfile("sane:fujitsu*", {Source.FEEDER: "ADF Front", Source.DUPLEX: "ADF Duplex"}),
    ScanProfile("sane:epjitsu*", {Source.FEEDER: "ADF Front", Source.DUPLEX: "ADF Duplex"}),
    ScanProfile("sane:canon_dr*", {Source.FEEDER: "ADF Front", Source.DUPLEX: "ADF Duplex"}),
)

_KEYS = {"device", "name", "dpi", "mode", "force_a4", "sources", "options"}


@dataclass(frozen=True, slots=True)
class Configured:
    """A scanner named in scanners.toml."""

    profile: ScanProfile
    name: str


def _profile(entry: dict[str, Any], where: str) -> Configured:
    unknown = set(entry) - _KEYS
    if unknown:
        raise ValidationError(where, f"unknown keys {', '.join(sorted(unknown))}")
    device = entry.get("device")
    if not isinstance(device, str) or ":" not in device:
        raise ValidationError(where, "device must be an id like sane:NAME, escl:URL or folder:PATH")
    try:
        sources = {Source(k): str(v) for k, v in dict(entry.get("sources", {})).items()}
        mode = ColorMode(entry.get("mode", "gray"))
    except ValueError as exc:
        raise ValidationError(where, str(exc)) from None
    dpi = entry.get("dpi", 200)
    if not isinstance(dpi, int) or not 50 <= dpi <= 1200:
        raise ValidationError(where, "dpi must be a whole number between 50 and 1200")
    options = dict(entry.get("options", {}))
    profile = ScanProfile(
        device=device,
        source_names=sources,
        dpi=dpi,
        mode=mode,
        force_a4=bool(entry.get("force_a4", True)),
        options=options,
    )
    return Configured(profile, str(entry.get("name", "")))


def load_configured(path: Path) -> list[Configured]:
    """The desk's scanners; none when the file does not exist. A malformed file is bad input."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(str(path), f"not valid TOML: {exc}") from None
    entries = data.get("scanner", [])
    if not isinstance(entries, list):
        raise ValidationError(str(path), "use [[scanner]] tables")
    return [_profile(e, f"{path.name} scanner {i + 1}") for i, e in enumerate(entries)]


def profile_for(device_id: str, configured: Sequence[Configured] = ()) -> ScanProfile:
    for item in configured:
        if item.profile.matches(device_id):
            return _exact(item.profile, device_id)
    for profile in BUILT_IN:
        if profile.matches(device_id):
            return _exact(profile, device_id)
    return ScanProfile(device_id)


def _exact(profile: ScanProfile, device_id: str) -> ScanProfile:
    return ScanProfile(
        device=device_id,
        source_names=dict(profile.source_names),
        dpi=profile.dpi,
        mode=profile.mode,
        force_a4=profile.force_a4,
        options=dict(profile.options),
    )
