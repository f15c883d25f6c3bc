"""Any system printer through Qt: each PDF page rendered by QPdfDocument onto a QPrinter (no external viewer,
no ShellExecute "print" verb, which Edge does not register; the same code on Windows and Linux).

Call from the GUI thread or a worker: QPrinter and QImage may be painted outside the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.domain.errors import ValidationError
from app.services.printing.ports import (
    PDF,
    Delivery,
    Outgoing,
    PrinterDirectory,
    PrinterInfo,
    PrinterOutput,
    PrinterStatus,
    PrinterUnavailable,
    PrinterUncertain,
    Progress,
)

PAGE_SIZES = {"A5": QPageSize.PageSizeId.A5, "A4": QPageSize.PageSizeId.A4}
DPI = 300


def load_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes (keep the buffer alive as long as the document)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise ValidationError("pdf", f"Qt cannot read the PDF ({document.error().name})")
    return document, buffer


def print_pdf(printer: QPrinter, data: bytes, paper: str | None = None) -> int:
    """Paint every page of the PDF on `printer`, each scaled to the printable area; returns the pages."""
    document, _buffer = load_pdf(data)
    if paper in PAGE_SIZES:
        printer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterUnavailable(
            f"cannot start printing on {printer.printerName() or printer.outputFileName()}"
        )
    try:
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            points = document.pagePointSize(index)
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSize(round(points.width() * scale), round(points.height() * scale))
            image = document.render(index, size)
            painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
    finally:
        painter.end()
    return document.pageCount()


class QtPrinterOutput:
    def __init__(self, address: str, name: str) -> None:
        self.address = address
        self._name = name

    def _info(self) -> QPrinterInfo:
        info = QPrinterInfo.printerInfo(self._name) if self._name else QPrinterInfo.defaultPrinter()
        return info

    def status(self) -> PrinterStatus:
        info = self._info()
        if info.isNull():
            return PrinterStatus(False, f"no system printer {self._name or '(default)'}")
        if info.state() == QPrinter.PrinterState.Error:
            return PrinterStatus(False, f"{info.printerName()} reports an error")
        return PrinterStatus(True)

    def send(self, job: Outgoing) -> Delivery:
        if job.media_type != PDF:
            raise ValidationError("printer", "Qt printers take PDF forms; send tickets to an ESC/POS address")
        info = self._info()
        if info.isNull():
            raise PrinterUnavailable(f"no system printer {self._name or '(default)'}")
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setResolution(DPI)
        printer.setDocName(f"motcua-{job.uid}")
        printer.setCopyCount(max(job.copies, 1))
        try:
            print_pdf(printer, job.data, job.paper)
        except PrinterUnavailable:
            raise
        except Exception as exc:  # the spooler may have taken some pages
            raise PrinterUncertain(str(exc)) from exc
        return Delivery(done=True)

    def progress(self, external_id: str) -> tuple[Progress, str | None]:
        return Progress.DONE, None

    def find(self, job: Outgoing) -> str | None:
        return None


class QtPrinters:
    """The desk app's PrinterDirectory: `qt:NAME` here, every other address through printing's own."""

    def __init__(self, fallback: PrinterDirectory) -> None:
        self._fallback = fallback

    def open(self, address: str) -> PrinterOutput:
        if address.strip().startswith("qt:"):
            return QtPrinterOutput(address.strip(), address.strip()[3:])
        return self._fallback.open(address)

    def list(self) -> list[PrinterInfo]:
        default = QPrinterInfo.defaultPrinterName()
        found = [
            PrinterInfo(
                address=f"qt:{info.printerName()}",
                name=info.description() or info.printerName(),
                ready=info.state() != QPrinter.PrinterState.Error,
                detail=info.makeAndModel(),
                default=info.printerName() == default,
            )
            for info in QPrinterInfo.availablePrinters()
        ]
        return found + self._fallback.list()
