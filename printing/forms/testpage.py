"""A test page for a forms printer: the paper size, Vietnamese text, a Code128 and a QR at form sizes."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.barcodes import draw_code128, draw_qr
from printing.fonts import BOLD, FAMILY, register_form_fonts

SAMPLE = (
    "Trang in thử MotCua — Cộng hòa xã hội chủ nghĩa Việt Nam: "
    "ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ"
)


def test_page(printer: str, paper: str = "A5", code: str = "000.00.00.H48-000000-0000") -> bytes:
    register_form_fonts()
    size = A4 if paper == "A4" else A5
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=True, initialFontName=FAMILY)
    x, top = 15 * mm, size[1] - 20 * mm
    canvas.setFont(BOLD, 14)
    canvas.drawString(x, top, "TRANG IN THỬ")
    canvas.setFont(FAMILY, 10)
    canvas.drawString(x, top - 8 * mm, f"Máy in: {printer} · Khổ giấy: {paper}")
    canvas.drawString(x, top - 14 * mm, SAMPLE[:70])
    canvas.drawString(x, top - 19 * mm, SAMPLE[70:])
    draw_code128(canvas, code, x, top - 40 * mm)
    draw_qr(canvas, f"https://example.invalid/{code}", x, top - 70 * mm, 25 * mm)
    canvas.rect(5 * mm, 5 * mm, size[0] - 10 * mm, size[1] - 10 * mm)  # the printable frame, 5 mm in
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
