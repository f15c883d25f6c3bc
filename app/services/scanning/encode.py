"""Compress a finished page for the PDF: JPEG for grey and colour, CCITT G4 (in a TIFF) for black and white.

img2pdf embeds both as they are (no re-encoding), so what is written here is what the PDF carries.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from app.domain.scanning.cleanup import to_bilevel, whiten
from app.domain.scanning.model import ColorMode
from app.domain.scanning.presets import Encoding, Preset


@dataclass(frozen=True, slots=True)
class EncodedPage:
    data: bytes
    width: int  # pixels
    height: int
    dpi: float
    media_type: str  # image/jpeg or image/tiff


def _resample(image: Image.Image, dpi: float, target: int) -> tuple[Image.Image, float]:
    """Down to the preset's resolution; never up (that would add bytes and no detail)."""
    if dpi <= target * 1.05:
        return image, dpi
    scale = target / dpi
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0), float(target)


def prepare(image: Image.Image, dpi: float, preset: Preset) -> tuple[Image.Image, float]:
    """The page as it will be stored: resolution, colour mode and tone of the preset."""
    if preset.mode is ColorMode.COLOR:
        image = image.convert("RGB")
    else:
        image = image.convert("L")
    image, dpi = _resample(image, dpi, preset.dpi)
    if preset.mode is ColorMode.BW:
        return to_bilevel(image), dpi
    return whiten(image), dpi


def encode(image: Image.Image, dpi: float, preset: Preset) -> EncodedPage:
    page, dpi = prepare(image, dpi, preset)
    buffer = io.BytesIO()
    if preset.encoding is Encoding.G4:
        page.convert("1").save(buffer, "TIFF", compression="group4", dpi=(dpi, dpi))
        media_type = "image/tiff"
    else:
        # Progressive: about 8 % smaller than baseline at the same quality on text pages (PDF 1.3 and PDF/A-1
        # accept it). 4:2:0 chroma subsampling, JPEG's usual, loses nothing a seal needs at 200 dpi.
        page.save(
            buffer,
            "JPEG",
            quality=preset.quality,
            optimize=True,
            progressive=True,
            dpi=(round(dpi), round(dpi)),
        )
        media_type = "image/jpeg"
    return EncodedPage(buffer.getvalue(), page.width, page.height, dpi, media_type)
