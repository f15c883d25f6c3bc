"""The printers page: the forms' printer (the system's printers in an editable list), paper and the routes
per document kind; "In thử" queues the test page (`motcua printer test`) for the chosen printer through the
print job queue and says how the job ended."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from app.services.context import Services
from app.settings.spec import PRINTING_PAPER, PRINTING_PRINTER, PRINTING_ROUTES
from app.settings.store import Settings
from ui.settings.pages import SettingsPage, line_field, say
from ui.widgets import named

PLACEHOLDER = "cups:Quay1, socket://192.168.1.20:9100, file:/thu-muc"


@dataclass(frozen=True, slots=True)
class FoundPrinter:
    address: str
    name: str
    default: bool


@dataclass(frozen=True, slots=True)
class TestPrint:
    printer: str
    job_id: int
    state: str  # the print queue's JobState value
    error: str | None


def _printing(services: Services, settings: Settings) -> Any:
    from printing.outputs.directory import Printers
    from printing.wiring import open_printing
    from ui.printing.qt_output import QtPrinters

    # open_printing reads only the desk's services and settings: the page's settings, not yet saved, name
    # the printer under test.
    desk: Any = SimpleNamespace(services=services, settings=settings)
    return open_printing(desk, printers=QtPrinters(Printers()))


def list_printers(services: Services, settings: Settings) -> list[FoundPrinter]:
    """`motcua printer list`: what the spooler and Qt know of."""
    printing = _printing(services, settings)
    return [FoundPrinter(p.address, p.name, p.default) for p in printing.printers.list()]


def print_test_page(services: Services, settings: Settings, printer: str, paper: str) -> TestPrint:
    """`motcua printer test NAME`: the test page queued, then one pass of the queue sends it."""
    from app.services.printing.jobs import enqueue, list_jobs, run_due
    from app.services.printing.ports import PDF
    from printing.forms.testpage import test_page

    address = printer if ":" in printer else f"cups:{printer}"
    printing = _printing(services, settings)
    job = enqueue(
        printing,
        kind="test",
        title="Trang in thử",
        printer=address,
        data=test_page(address, paper),
        media_type=PDF,
        paper=paper,
    )
    run_due(printing)
    job = next(j for j in list_jobs(printing, limit=500) if j.id == job.id)
    return TestPrint(address, job.id, job.state.value, job.last_error)


class PrintersPage(SettingsPage):
    """The forms' printer and paper (printing, issue 3); the ticket printer is the queue's."""

    key = "printers"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printer_label = named(QLabel(), "settingsPrinterLabel")
        self.printer = named(QComboBox(), "settingsPrinter")
        self.printer.setEditable(True)
        self.printer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line_edit = self.printer.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(PLACEHOLDER)
            line_edit.setObjectName("settingsPrinterEdit")
        self.paper_label = named(QLabel(), "settingsPaperLabel")
        self.paper = named(QComboBox(), "settingsPaper")
        self.paper.addItem("A5", "A5")
        self.paper.addItem("A4", "A4")
        self.routes_label, self.routes = line_field("settingsPrintRoutes")
        self.routes.setPlaceholderText("receipt=cups:Quay1@A5; logbook=cups:Laser@A4")
        self.test_button = named(QPushButton(), "settingsDeviceTest_printers")
        self.result = self.result_label("settingsPrintResult")
        self.row(self.printer_label, self.printer)
        self.row(self.paper_label, self.paper)
        self.row(self.routes_label, self.routes)
        self.form.addRow("", self.test_button)
        self.form.addRow("", self.result)
        self.test_button.clicked.connect(self.print_test)
        self.retranslate()

    def name(self) -> str:
        return self.tr("Máy in")

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            self.tr(
                "Máy in các mẫu phiếu; để trống là máy in mặc định của máy tính. Thay đổi có hiệu lực khi mở "
                "lại chương trình."
            )
        )
        say(self.printer_label, self.printer, self.tr("&Máy in phiếu:"))
        say(self.paper_label, self.paper, self.tr("&Khổ giấy phiếu:"))
        say(self.routes_label, self.routes, self.tr("Máy in &riêng từng loại phiếu:"))
        self.routes.setToolTip(self.tr("Ví dụ: receipt=cups:Quay1@A5; logbook=cups:Laser@A4"))
        self.test_button.setText(self.tr("&In thử"))
        self.test_button.setAccessibleName(self.tr("In thử một trang"))
        self.test_button.setToolTip(self.tr("In trang thử (chữ Việt, mã vạch, mã QR) ra máy in đã chọn"))

    def load(self, settings: Settings) -> None:
        self.printer.setEditText(settings.get(PRINTING_PRINTER))
        self.paper.setCurrentIndex(max(self.paper.findData(settings.get(PRINTING_PAPER)), 0))
        self.routes.setText(settings.get(PRINTING_ROUTES))
        self.find_printers()

    def values(self) -> dict[str, Any]:
        return {
            PRINTING_PRINTER.key: self.printer.currentText().strip(),
            PRINTING_PAPER.key: self.paper.currentData(),
            PRINTING_ROUTES.key: self.routes.text().strip(),
        }

    def _settings_now(self) -> Settings | None:
        if self.settings is None:
            return None
        try:
            return self.settings.with_values(self.values())
        except Exception:  # a bad route: test with what is saved; Save will say what is wrong
            return self.settings

    def find_printers(self) -> None:
        settings, tasks = self.settings, self.tasks
        if settings is None or tasks is None:
            return

        def found(printers: list[FoundPrinter]) -> None:
            self.tell(self.result, "", None)
            typed = self.printer.currentText()
            self.printer.clear()
            for p in printers:
                self.printer.addItem(p.address)
                tip = self.tr("{name} (mặc định)").format(name=p.name) if p.default else p.name
                self.printer.setItemData(self.printer.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            self.printer.setEditText(typed)
            self.printer.setToolTip(
                self.tr("{n} máy in tìm thấy; có thể gõ địa chỉ khác.").format(n=len(printers))
            )

        self.run_test(
            self.test_button,
            self.result,
            lambda: list_printers(tasks.services, settings),
            found,
            lambda _error: self.tell(self.result, self.tr("Không liệt kê được máy in của máy tính."), False),
        )

    def print_test(self) -> None:
        settings, tasks = self._settings_now(), self.tasks
        if settings is None or tasks is None:
            return
        printer = self.printer.currentText().strip() or "cups:"
        paper = str(self.paper.currentData())
        self.run_test(
            self.test_button,
            self.result,
            lambda: print_test_page(tasks.services, settings, printer, paper),
            self._printed,
        )

    def _printed(self, result: TestPrint) -> None:
        if result.state in ("done", "sent"):
            text = self.tr("Đã gửi trang in thử tới {printer} (lệnh in số {job}).")
            ok = True
        elif result.state == "queued":
            text = self.tr("Máy in {printer} chưa nhận trang in thử (lệnh số {job} đang chờ): {error}")
            ok = False
        else:
            text = self.tr("In thử không được trên {printer} (lệnh số {job}): {error}")
            ok = False
        self.tell(
            self.result,
            text.format(printer=result.printer, job=result.job_id, error=result.error or result.state),
            ok,
        )
