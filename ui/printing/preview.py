"""Xem trước (preview) of a printed form: the PDF in a QPdfView, with Print and Close.

QPdfView renders asynchronously; tests process events before grabbing it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ui.printing.qt_output import load_pdf


class PdfPreviewDialog(QDialog):
    sig_print_requested = Signal()

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(self.tr("Xem trước: {title}").format(title=title))
        self.document, self._buffer = load_pdf(data)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setAccessibleName(self.tr("Trang in"))
        buttons = QDialogButtonBox(self)
        self.print_button = buttons.addButton(self.tr("In"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setObjectName("printButton")
        buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._print)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(620, 820)

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())

    def _print(self) -> None:
        self.sig_print_requested.emit()
        self.accept()
