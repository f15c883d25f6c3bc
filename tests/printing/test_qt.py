"""The desk app's printing: a form painted through Qt onto a QPrinter (PDF output, offscreen) and read back;
the QPdfView preview dialog."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6.QtPdf")

from ui import qt_fixes

qt_fixes.install()  # before the first signal (PySide6 6.12 / CPython 3.11 refcount bug, ui/qt_fixes.py)

from app.services.printing.forms import print_form  # noqa: E402
from app.services.printing.ports import PDF, Outgoing  # noqa: E402
from tests.printing.support import ARTIFACTS, decode_pages, page_count  # noqa: E402

pytestmark = pytest.mark.gui


def test_a_form_printed_through_qt_keeps_its_barcodes(
    qapp: Any, printing: Any, received: str, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing.qt_output import print_pdf

    pdf = print_form(printing, received, "receipt", queue=False).pdf
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "qt-printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setResolution(300)
    assert print_pdf(printer, pdf, "A5") == 2
    printed = out.read_bytes()
    assert page_count(printed) == 2
    for page in decode_pages(printed, dpi=150):
        assert page.get("Code128") == received
        assert page.get("QRCode") == printing.config.lookup_url(received)


def test_qt_printers_join_the_directory(qapp: Any, printing: Any) -> None:
    from ui.printing.qt_output import QtPrinters

    printers = QtPrinters(printing.printers)
    missing = printers.open("qt:No Such Printer")
    assert not missing.status().ready
    from app.services.printing.ports import PrinterUnavailable

    with pytest.raises(PrinterUnavailable):
        missing.send(Outgoing("u1", "t", b"%PDF", PDF, "A5"))
    assert printers.open("file:/tmp").address == "file:/tmp"  # others go through printing's directory


def test_preview_dialog_shows_the_pages(qtbot: Any, printing: Any, received: str) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.printing.preview import PdfPreviewDialog

    pdf = print_form(printing, received, "receipt", queue=False).pdf
    dialog = PdfPreviewDialog(pdf, "Mẫu 01")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.page_count == 2
    for _ in range(20):  # QPdfView renders pages asynchronously
        QApplication.processEvents()
        qtbot.wait(25)
    image = dialog.grab().toImage()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image.save(str(ARTIFACTS / "preview-dialog.png"))
    dark = sum(
        1
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
        if image.pixelColor(x, y).value() < 80
    )
    assert dark > 50  # text and bars, not a blank view
    with qtbot.waitSignal(dialog.sig_print_requested, timeout=2000):
        dialog.print_button.click()
