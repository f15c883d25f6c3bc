"""One PDF per component: the encoded pages put together with img2pdf, optionally PDF/A-1b, optionally
with an invisible text layer per page (OCR) so that the PDF can be searched.

img2pdf embeds JPEG and CCITT G4 data as they are (about 1-2 KiB of PDF per page), so the preset alone
decides the size. The text layers are laid over the pages with pikepdf (which img2pdf already depends
on), as ocrmypdf's "sandwich" renderer does, without ocrmypdf's Ghostscript dependency.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import img2pdf
import pikepdf
from PIL import ImageCms

from app.domain.errors import ValidationError
from app.domain.scanning.model import A4, MM_PER_INCH
from app.services.scanning.encode import EncodedPage

_PT_PER_INCH = 72.0


@dataclass(frozen=True, slots=True)
class PdfOptions:
    force_a4: bool = True  # every page on A4, whatever resolution the scanner reported (naps2#629)
    pdfa: bool = False  # PDF/A-1b, for archives that ask for it
    title: str = ""
    created: datetime | None = None  # fixed by the caller (its clock), so the same scan gives the same bytes


def _a4_points() -> tuple[float, float]:
    return (A4.width_mm / MM_PER_INCH * _PT_PER_INCH, A4.height_mm / MM_PER_INCH * _PT_PER_INCH)


def _srgb_profile(directory: Path) -> Path:
    # img2pdf reads the output intent's ICC profile from a path; LittleCMS (inside Pillow) makes a
    # standard sRGB one, so nothing needs to be installed for PDF/A.
    path = directory / "sRGB.icc"
    path.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    return path


def assemble(
    pages: Sequence[EncodedPage], options: PdfOptions, text_layers: Sequence[bytes | None] = ()
) -> bytes:
    """The PDF of `pages` in order. `text_layers[i]`, when given, is a one-page PDF of invisible text."""
    if not pages:
        raise ValidationError("pages", "a document needs at least one page")
    kwargs: dict[str, object] = {}
    if options.force_a4:
        # Every page on an A4 sheet. A scan larger than A4 at the resolution it claims (a scanner reporting
        # 72 dpi for a 200 dpi scan, naps2#629) is brought down to A4; a smaller one (an ID card cropped
        # from the flatbed) keeps its real size, centred, instead of being blown up to fill the sheet.
        # auto_orient: a page the officer turned sideways goes on A4 landscape.
        kwargs["layout_fun"] = img2pdf.get_layout_fun(
            pagesize=_a4_points(), fit=img2pdf.FitMode.shrink, auto_orient=True
        )
    if options.title:
        kwargs["title"] = options.title
    if options.created is not None:
        kwargs["creationdate"] = options.created
        kwargs["moddate"] = options.created
    kwargs["producer"] = "MotCua Desk"
    images = [page.data for page in pages]
    if options.pdfa:
        with tempfile.TemporaryDirectory(prefix="motcua-pdfa-") as directory:
            data: bytes = img2pdf.convert(images, pdfa=str(_srgb_profile(Path(directory))), **kwargs)
    else:
        data = img2pdf.convert(images, **kwargs)
    if any(layer is not None for layer in text_layers):
        data = _add_text_layers(data, text_layers)
    return data


def _add_text_layers(data: bytes, layers: Sequence[bytes | None]) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page, layer in zip(pdf.pages, layers, strict=False):
            if layer is None:
                continue
            with pikepdf.open(io.BytesIO(layer)) as text:
                # Stretched over the whole page: the text page has the image's proportions, as does the
                # image's place on the page, so the words land on their pixels.
                page.add_overlay(text.pages[0], pikepdf.Rectangle(*page.mediabox))
        out = io.BytesIO()
        # PDF/A wants no object streams in version 1.4 files: keep the writer's classic layout.
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        return out.getvalue()
