"""What a scan is asked for and what a scanner is: plain values shared by the adapters, the pipeline and
the front ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from PIL import Image

from app.domain.errors import ValidationError

MM_PER_INCH = 25.4
A4_MM = (210.0, 297.0)


class Source(StrEnum):
    """Where the paper is. Devices name these their own way ("ADF Front", "DP"): profiles map them."""

    FLATBED = "flatbed"
    FEEDER = "adf"  # one side of each sheet
    DUPLEX = "duplex"  # both sides, front then back, sheet by sheet


class ColorMode(StrEnum):
    COLOR = "color"
    GRAY = "gray"
    BW = "bw"  # line art: one bit per pixel


@dataclass(frozen=True, slots=True)
class PaperSize:
    width_mm: float
    height_mm: float

    def pixels(self, dpi: int) -> tuple[int, int]:
        return (round(self.width_mm / MM_PER_INCH * dpi), round(self.height_mm / MM_PER_INCH * dpi))


A4 = PaperSize(*A4_MM)


@dataclass(frozen=True, slots=True)
class ScanRequest:
    """One run of the scanner: a sheet on the glass, or what is in the feeder.

    `pages` is how many pages the officer expects (the feeder running dry earlier is reported, the pages
    kept); None means "everything in the feeder" (one page on the flatbed).
    """

    source: Source = Source.FEEDER
    dpi: int = 200
    mode: ColorMode = ColorMode.GRAY
    paper: PaperSize = A4
    pages: int | None = None

    def __post_init__(self) -> None:
        if not 50 <= self.dpi <= 1200:
            raise ValidationError("dpi", f"{self.dpi} is outside 50-1200")
        if self.pages is not None and self.pages < 1:
            raise ValidationError("pages", "must be 1 or more")


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """A scanner as the officer picks it. `id` is "<backend>:<address>" (sane:test, escl:http://..)."""

    id: str
    name: str
    backend: str
    sources: tuple[Source, ...] = (Source.FLATBED,)
    vendor: str = ""
    model: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "backend": self.backend,
            "sources": [s.value for s in self.sources],
            "vendor": self.vendor,
            "model": self.model,
        }


@dataclass(frozen=True, slots=True)
class ScanProfile:
    """How one device is driven: its own names for the sources, and what to correct in what it reports.

    Vendors name the duplex source differently (Kyocera "DP", Fujitsu "ADF Duplex"; naps2#615, paperwork#673),
    so the names are configured per device, never guessed. `force_a4` fixes scanners that report a wrong
    resolution and so a wrong page size (naps2#629): the page is laid out on A4 whatever the scanner says.
    """

    device: str  # a device id, or a prefix ending in "*" ("sane:fujitsu*")
    source_names: dict[Source, str] = field(default_factory=dict)
    dpi: int = 200
    mode: ColorMode = ColorMode.GRAY
    force_a4: bool = True
    options: dict[str, str | int | float | bool] = field(default_factory=dict)  # backend-specific extras

    def matches(self, device_id: str) -> bool:
        if self.device.endswith("*"):
            return device_id.startswith(self.device[:-1])
        return device_id == self.device

    def source_name(self, source: Source) -> str | None:
        return self.source_names.get(source)


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """A raw page as the scanner delivered it (before any clean-up), with the resolution it reported."""

    image: Image.Image
    dpi: tuple[float, float]
    source: Source
    sheet: int  # 1-based sheet number in the run
    back: bool = False  # the back side of a duplex sheet
