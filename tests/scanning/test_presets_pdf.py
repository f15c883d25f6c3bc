"""Compression presets and the PDF: sizes within the issue's targets, PDFs that open, pages that render
as the pages that were scanned, A4 forced, PDF/A-1b when asked."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pikepdf
import pytest

from app.domain.errors import ValidationError
from app.domain.scanning.presets import COLOR, DEFAULT, TEXT, Encoding, preset
from app.services.scanning.encode import encode
from app.services.scanning.pdf import PdfOptions, assemble
from devices.scanners.fake.pages import PageSpec
from tests.scanning.support import page, pdf_page_sizes, render_pdf, similarity

DENSE = PageSpec(lines=38, seed=3)  # a full page of 13 pt text: the expensive case
NOISY = PageSpec(lines=38, noise=4, paper=225, seed=4)
STAMPED = PageSpec(lines=24, stamp=True, signature=True, color=True, seed=5)
A4_POINTS = (595.3, 841.9)


@pytest.mark.parametrize("spec", [DENSE, NOISY, STAMPED], ids=["dense", "noisy", "stamped"])
def test_default_preset_is_at_most_400_kb_a_page(spec: PageSpec) -> None:
    encoded = encode(page(spec), 200, DEFAULT)
    assert encoded.media_type == "image/jpeg"
    assert (encoded.width, encoded.height) == (1654, 2339)
    assert len(encoded.data) <= 400_000


@pytest.mark.parametrize("spec", [DENSE, NOISY], ids=["dense", "noisy"])
def test_text_preset_is_at_most_60_kb_a_page(spec: PageSpec) -> None:
    encoded = encode(page(spec), 200, TEXT)
    assert encoded.media_type == "image/tiff"
    assert len(encoded.data) <= 60_000


def test_presets_by_name_and_a_wrong_name() -> None:
    assert preset("text").encoding is Encoding.G4
    assert TEXT.scan_mode.value == "gray"  # black and white is made from grey, not by the scanner
    with pytest.raises(ValidationError):
        preset("tiny")


def test_higher_resolution_scans_are_brought_down_to_the_preset() -> None:
    big = page(DENSE).resize((2480, 3508))  # a 300 dpi scan
    encoded = encode(big, 300, DEFAULT)
    assert encoded.width == pytest.approx(1654, abs=1)
    assert encoded.height == pytest.approx(2339, abs=1)
    assert encoded.dpi == 200


@pytest.mark.parametrize("chosen", [DEFAULT, TEXT, COLOR], ids=lambda p: p.name)
def test_pdf_opens_and_its_pages_render_as_the_scanned_pages(chosen: object) -> None:
    sources = [page(DENSE), page(STAMPED)]
    encoded = [encode(p, 200, chosen) for p in sources]  # type: ignore[arg-type]
    data = assemble(encoded, PdfOptions(title="Giấy khai sinh"))
    assert data.startswith(b"%PDF-")
    assert pdf_page_sizes(data) == [A4_POINTS, A4_POINTS]
    rendered = render_pdf(data, dpi=100)
    assert len(rendered) == 2
    for source, back in zip(sources, rendered, strict=True):
        assert similarity(source, back) > 0.85
    # img2pdf carries the compressed images as they are: the PDF costs little more than the pages.
    assert len(data) < sum(len(e.data) for e in encoded) + 8_000
    with pikepdf.open(io.BytesIO(data)) as pdf:
        filters = {
            str(name)
            for p in pdf.pages
            for image in p.get_images().values()
            for name in (image.Filter if isinstance(image.Filter, pikepdf.Array) else [image.Filter])
        }
        assert str(pdf.docinfo["/Title"]) == "Giấy khai sinh"
    assert filters == ({"/CCITTFaxDecode"} if chosen is TEXT else {"/DCTDecode"})


def test_a4_is_forced_when_the_scanner_reports_a_wrong_resolution() -> None:
    # naps2#629: a 200 dpi scan labelled 72 dpi would make a 58 x 82 cm page.
    encoded = encode(page(DENSE), 200, DEFAULT)
    mislabelled = type(encoded)(encoded.data, encoded.width, encoded.height, 72.0, encoded.media_type)
    assert pdf_page_sizes(assemble([mislabelled], PdfOptions(force_a4=True))) == [A4_POINTS]


def test_same_pages_same_clock_same_bytes() -> None:
    encoded = [encode(page(DENSE), 200, TEXT)]
    at = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    assert assemble(encoded, PdfOptions(created=at)) == assemble(encoded, PdfOptions(created=at))


def test_pdfa_1b_has_its_output_intent_and_identification() -> None:
    encoded = [encode(page(DENSE), 200, DEFAULT)]
    data = assemble(encoded, PdfOptions(pdfa=True, title="Hồ sơ", created=datetime(2026, 3, 2, tzinfo=UTC)))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        intents = pdf.Root.OutputIntents
        assert str(intents[0].S) == "/GTS_PDFA1"
        assert len(bytes(intents[0].DestOutputProfile.read_bytes())) > 0
        with pdf.open_metadata() as meta:
            assert meta["pdfaid:part"] == "1"
            assert meta["pdfaid:conformance"] == "B"
    assert len(render_pdf(data)) == 1


def test_an_empty_document_is_refused() -> None:
    with pytest.raises(ValidationError):
        assemble([], PdfOptions())
