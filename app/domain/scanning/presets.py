"""Compression presets: how a page is stored in the PDF.

Measured on A4 pages of Vietnamese text at 200 dpi (shared/reference/devices.md §1): grey JPEG q75 about
400 KiB, bilevel CCITT G4 about 40 KiB. The default is grey JPEG at quality 70 on a whitened background
(stamps and signatures stay legible, the paper's noise stops costing bytes); "text" is black and white
G4 for plain typed papers; "color" keeps red seals red.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import ValidationError
from app.domain.scanning.model import ColorMode


class Encoding(StrEnum):
    JPEG = "jpeg"
    G4 = "g4"  # CCITT Group 4, one bit per pixel


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    mode: ColorMode  # of the stored page; the scanner is asked for grey or colour (see scan_mode)
    dpi: int
    encoding: Encoding
    quality: int = 70  # JPEG only

    @property
    def scan_mode(self) -> ColorMode:
        """What to ask the scanner for: black and white is made here from grey, with a threshold chosen
        on the page rather than the scanner's fixed one (which loses faint stamps and pencil)."""
        return ColorMode.GRAY if self.mode is ColorMode.BW else self.mode


DEFAULT = Preset("default", ColorMode.GRAY, 200, Encoding.JPEG, 70)
TEXT = Preset("text", ColorMode.BW, 200, Encoding.G4)
COLOR = Preset("color", ColorMode.COLOR, 200, Encoding.JPEG, 70)
PRESETS: dict[str, Preset] = {p.name: p for p in (DEFAULT, TEXT, COLOR)}


def preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValidationError("preset", f"{name!r} is not one of {', '.join(PRESETS)}") from None
