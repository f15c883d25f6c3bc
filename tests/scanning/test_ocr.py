"""Optional OCR: where tesseract with Vietnamese is installed, the PDF can be searched, and its text layer
sits over the page as the officer arranged it (OCR after rotation, naps2#752)."""

from __future__ import annotations

import io

import pypdfium2
import pytest

from app.domain.scanning.presets import TEXT
from app.services.scanning.pipeline import PipelineOptions
from app.services.scanning.session import ScanSession
from devices.scanners.fake.pages import PageSpec
from devices.scanners.ocr import TesseractRecognizer
from tests.scanning.support import page, render_pdf

recognizer = TesseractRecognizer()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not recognizer.available(), reason="tesseract-ocr-vie is not installed"),
]


def _text(data: bytes) -> list[tuple[str, tuple[float, ...]]]:
    """Each page's text, and the box (left, bottom, right, top in points) of its first letter."""
    document = pypdfium2.PdfDocument(io.BytesIO(data))
    try:
        pages = []
        for p in document:
            textpage = p.get_textpage()
            text = textpage.get_text_range()
            pages.append((text, tuple(textpage.get_charbox(text.index("C")))))
        return pages
    finally:
        document.close()


def test_the_pdf_is_searchable_in_vietnamese_after_a_turn() -> None:
    session = ScanSession(PipelineOptions(preset=TEXT))
    # Fed upside down: the officer turns it; OCR must read the turned page.
    session.add_image(page(PageSpec(lines=6, angle=1.0, seed=70)).rotate(180), 200)
    session.edit(lambda b: b.rotate("p1", 2))
    document = session.build(recognizer)
    ((text, first),) = _text(document.data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in " ".join(text.split())
    assert "Độc lập" in text
    # The heading's first letter is where it is printed: centred line, 20 mm from the top of the A4 page
    # (x about 159 pt, top about 785 pt), not where it was on the upside-down scan.
    left, _, _, top = first
    assert 140 < left < 180
    assert 770 < top < 800
    # The invisible text adds little, and the page still looks the same.
    assert document.size < sum(document.page_bytes) + 40_000
    assert len(render_pdf(document.data)) == 1
