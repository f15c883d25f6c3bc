"""A reprint is the archived original with a "copy" stamp over each page, not a new rendering: what the
citizen holds matches the first printout line for line, even if templates changed since.

reportlab draws the stamp; pypdf lays it over the original pages (reportlab cannot read PDFs).
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.services.printing.model import CopyMark
from printing.fonts import BOLD, FAMILY, register_form_fonts
from printing.forms.text import short


def _stamp(width: float, height: float, mark: CopyMark) -> bytes:
    register_form_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True, initialFontName=BOLD)
    # Top-left, inside the top band above the national header (13 mm on A5, 20 mm on A4), away from the
    # form number on the right: it covers no printed text.
    box_w, box_h = 62 * mm, 7.5 * mm
    x, y = 10 * mm, height - box_h - 2 * mm
    red = colors.HexColor("#B00020")
    canvas.setStrokeColor(red)
    canvas.setFillColor(red)
    canvas.setLineWidth(0.8)
    canvas.rect(x, y, box_w, box_h, stroke=1, fill=0)
    canvas.setFont(BOLD, 8.5)
    canvas.drawCentredString(x + box_w / 2, y + box_h - 3.2 * mm, "BẢN IN LẠI (SAO TỪ BẢN LƯU)")
    canvas.setFont(FAMILY, 6.5)
    canvas.drawCentredString(
        x + box_w / 2,
        y + 1.2 * mm,
        f"In lại {short(mark.reprinted_at)} · bản gốc in {short(mark.original_printed_at)}",
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamp_copy(pdf: bytes, mark: CopyMark) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    stamps: dict[tuple[float, float], object] = {}
    for page in writer.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if size not in stamps:
            stamps[size] = PdfReader(io.BytesIO(_stamp(*size, mark))).pages[0]
        page.merge_page(stamps[size])  # type: ignore[arg-type]
    original_title = reader.metadata.title if reader.metadata and reader.metadata.title else ""
    writer.add_metadata(
        {
            "/Title": f"{original_title} (bản in lại)",
            "/Subject": f"Copy of {mark.original_sha256}",
            "/Producer": "MotCua Desk",
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
