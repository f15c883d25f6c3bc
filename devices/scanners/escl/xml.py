"""eSCL (AirScan) documents: the scanner's capabilities and status in, the scan settings out.

The schema is Mopria's eSCL (namespaces of HP's original, 2011); field names follow sane-airscan and
ziman/scan-eSCL, which read real devices. Parsed with the standard library's ElementTree: the documents
are small and come from a device on the desk's own network.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from app.domain.scanning.model import MM_PER_INCH, ColorMode, PaperSize, Source

SCAN = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG = "http://www.pwg.org/schemas/2010/12/sm"
_NS = {"scan": SCAN, "pwg": PWG}

COLOR_MODES = {ColorMode.GRAY: "Grayscale8", ColorMode.COLOR: "RGB24", ColorMode.BW: "BlackAndWhite1"}
INPUT_SOURCES = {Source.FLATBED: "Platen", Source.FEEDER: "Feeder", Source.DUPLEX: "Feeder"}


@dataclass(frozen=True, slots=True)
class InputCaps:
    max_width: int = 2550  # 1/300 inch
    max_height: int = 3508
    color_modes: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    resolutions: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Capabilities:
    make_and_model: str = ""
    serial: str = ""
    inputs: dict[Source, InputCaps] = field(default_factory=dict)

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(s for s in Source if s in self.inputs)


@dataclass(frozen=True, slots=True)
class Status:
    state: str  # Idle, Processing, Testing, Stopped, Down
    adf_state: str = ""  # ScannerAdfLoaded, ScannerAdfEmpty, ScannerAdfJam, ScannerAdfHatchOpen...
    jobs: dict[str, str] = field(default_factory=dict)  # job uri -> JobState


def _text(node: ET.Element | None, path: str, default: str = "") -> str:
    if node is None:
        return default
    found = node.find(path, _NS)
    return (found.text or "").strip() if found is not None and found.text else default


def _input_caps(node: ET.Element | None) -> InputCaps | None:
    if node is None:
        return None
    modes = tuple(e.text.strip() for e in node.iterfind(".//scan:ColorModes/scan:ColorMode", _NS) if e.text)
    formats = tuple(
        e.text.strip() for e in node.iterfind(".//scan:DocumentFormats/pwg:DocumentFormat", _NS) if e.text
    )
    formats += tuple(
        e.text.strip() for e in node.iterfind(".//scan:DocumentFormats/scan:DocumentFormatExt", _NS) if e.text
    )
    resolutions = tuple(
        int(e.text)
        for e in node.iterfind(".//scan:DiscreteResolutions/scan:DiscreteResolution/scan:XResolution", _NS)
        if e.text and e.text.strip().isdigit()
    )
    width = _text(node, "scan:MaxWidth", "2550")
    height = _text(node, "scan:MaxHeight", "3508")
    return InputCaps(
        max_width=int(width) if width.isdigit() else 2550,
        max_height=int(height) if height.isdigit() else 3508,
        color_modes=tuple(dict.fromkeys(modes)),
        formats=tuple(dict.fromkeys(formats)),
        resolutions=tuple(sorted(set(resolutions))),
    )


def parse_capabilities(data: bytes) -> Capabilities:
    root = ET.fromstring(data)
    inputs: dict[Source, InputCaps] = {}
    platen = _input_caps(root.find("scan:Platen/scan:PlatenInputCaps", _NS))
    if platen:
        inputs[Source.FLATBED] = platen
    simplex = _input_caps(root.find("scan:Adf/scan:AdfSimplexInputCaps", _NS))
    if simplex:
        inputs[Source.FEEDER] = simplex
    duplex = _input_caps(root.find("scan:Adf/scan:AdfDuplexInputCaps", _NS))
    if duplex:
        inputs[Source.DUPLEX] = duplex
    elif simplex and any(
        (e.text or "").strip() == "Duplex"
        for e in root.iterfind("scan:Adf/scan:AdfOptions/scan:AdfOption", _NS)
    ):
        inputs[Source.DUPLEX] = simplex  # some devices announce duplex as an option of the simplex feeder
    return Capabilities(
        make_and_model=_text(root, "pwg:MakeAndModel"),
        serial=_text(root, "pwg:SerialNumber"),
        inputs=inputs,
    )


def parse_status(data: bytes) -> Status:
    root = ET.fromstring(data)
    jobs = {}
    for job in root.iterfind("scan:Jobs/scan:JobInfo", _NS):
        uri = _text(job, "pwg:JobUri")
        if uri:
            jobs[uri] = _text(job, "pwg:JobState")
    return Status(state=_text(root, "pwg:State"), adf_state=_text(root, "scan:AdfState"), jobs=jobs)


def _to_300ths(mm: float) -> int:
    return round(mm / MM_PER_INCH * 300)


def scan_settings(
    source: Source, mode: ColorMode, dpi: int, paper: PaperSize, caps: InputCaps | None, document_format: str
) -> bytes:
    width, height = _to_300ths(paper.width_mm), _to_300ths(paper.height_mm)
    if caps is not None:
        width, height = min(width, caps.max_width), min(height, caps.max_height)
    mode_name = COLOR_MODES[mode]
    if caps is not None and caps.color_modes and mode_name not in caps.color_modes:
        mode_name = "Grayscale8" if "Grayscale8" in caps.color_modes else caps.color_modes[0]
    ET.register_namespace("scan", SCAN)
    ET.register_namespace("pwg", PWG)
    root = ET.Element(f"{{{SCAN}}}ScanSettings")
    ET.SubElement(root, f"{{{PWG}}}Version").text = "2.0"
    regions = ET.SubElement(root, f"{{{PWG}}}ScanRegions")
    region = ET.SubElement(regions, f"{{{PWG}}}ScanRegion")
    ET.SubElement(region, f"{{{PWG}}}Height").text = str(height)
    ET.SubElement(region, f"{{{PWG}}}ContentRegionUnits").text = "escl:ThreeHundredthsOfInches"
    ET.SubElement(region, f"{{{PWG}}}Width").text = str(width)
    ET.SubElement(region, f"{{{PWG}}}XOffset").text = "0"
    ET.SubElement(region, f"{{{PWG}}}YOffset").text = "0"
    ET.SubElement(root, f"{{{PWG}}}InputSource").text = INPUT_SOURCES[source]
    if source is not Source.FLATBED:
        ET.SubElement(root, f"{{{SCAN}}}Duplex").text = "true" if source is Source.DUPLEX else "false"
    ET.SubElement(root, f"{{{SCAN}}}ColorMode").text = mode_name
    ET.SubElement(root, f"{{{SCAN}}}XResolution").text = str(dpi)
    ET.SubElement(root, f"{{{SCAN}}}YResolution").text = str(dpi)
    ET.SubElement(root, f"{{{PWG}}}DocumentFormat").text = document_format
    ET.SubElement(root, f"{{{SCAN}}}DocumentFormatExt").text = document_format
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
