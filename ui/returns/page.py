"""Return of results: scan the receipt's barcode (or type the code), or pick from the results waiting."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.codes import parse_code
from app.domain.lifecycle import Status
from app.ports import DossierFilter
from app.services.context import Services
from app.services.queries import list_dossiers
from ui.dossier_table import DossierTableModel, DossierTableView
from ui.i18n import on_language_change
from ui.labels import format_count
from ui.queries import DossierRow, to_rows
from ui.tasks import QueryOp, TaskManager
from ui.widgets import DANGER, MUTED, colour_text, heading, named, scaled

WAITING_LIMIT = 500


def waiting_results(services: Services) -> tuple[DossierRow, ...]:
    """Dossiers whose result is ready and not yet collected (op body, no Qt)."""
    where = DossierFilter(statuses=frozenset({Status.RESULT_READY}))
    return to_rows(services, list_dossiers(services, where, WAITING_LIMIT))


class ReturnsPage(QWidget):
    sig_return = Signal(str)  # open this dossier ready to return its result
    sig_loaded = Signal()

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnsPage")
        self.tasks = tasks
        self.title = heading("returnsTitle", 1.25)
        self.instruction = named(QLabel(), "returnsInstruction")
        self.instruction.setFont(scaled(self.font(), 1.15))
        self.instruction.setWordWrap(True)
        self.code = named(QLineEdit(), "returnsCode")
        self.code.setFont(scaled(self.font(), 1.15))
        self.open_button = named(QPushButton(), "returnsOpenButton")
        self.problem = named(QLabel(), "returnsProblem")
        colour_text(self.problem, DANGER)
        self.count = named(QLabel(), "returnsCount")
        self.count.setFont(scaled(self.font(), 1.05, bold=True))
        self.model = DossierTableModel(self)
        self.table = DossierTableView(self.model, name="returnsTable")
        self.hint = named(QLabel(), "returnsHint")
        colour_text(self.hint, MUTED)

        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.instruction)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

        self.code.returnPressed.connect(self._typed)
        self.open_button.clicked.connect(self._typed)
        self.table.sig_open.connect(self.sig_return)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Trả kết quả"))
        self.title.setText(self.tr("Trả kết quả"))
        self.title.setAccessibleName(self.title.text())
        self.instruction.setText(
            self.tr(
                "Quét mã vạch trên giấy hẹn trả của công dân (ở bất kỳ màn hình nào), hoặc gõ mã hồ sơ rồi "
                "nhấn Enter."
            )
        )
        self.instruction.setAccessibleName(self.instruction.text())
        self.code.setPlaceholderText(self.tr("Mã hồ sơ, ví dụ 000.00.00.H48-260311-0001"))
        self.code.setAccessibleName(self.tr("Mã hồ sơ cần trả kết quả"))
        self.open_button.setText(self.tr("Mở"))
        self.open_button.setAccessibleName(self.tr("Mở hồ sơ để trả kết quả"))
        self.problem.setAccessibleName(self.tr("Thông báo"))
        self.count.setAccessibleName(self.tr("Số hồ sơ chờ trả"))
        self.hint.setText(self.tr("Enter hoặc nhấp đúp vào một dòng để trả kết quả của hồ sơ đó."))
        self.hint.setAccessibleName(self.hint.text())
        self._say_count()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def refresh(self) -> None:
        QueryOp(op=waiting_results, success=self._on_loaded).latest("returns.waiting").run(self.tasks)

    def focus_start(self) -> None:
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_loaded(self, rows: tuple[DossierRow, ...]) -> None:
        self.model.set_rows(rows)
        self._say_count()
        self.sig_loaded.emit()

    def _say_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(
            self.tr("Hồ sơ đã có kết quả, chờ công dân đến nhận ({count})").format(count=format_count(n))
            if n
            else self.tr("Không có hồ sơ nào đang chờ trả kết quả.")
        )

    def _typed(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        if parse_code(text) is None:
            self.problem.setText(self.tr("“{text}” không phải mã hồ sơ.").format(text=text))
            return
        self.problem.clear()
        self.code.clear()
        self.sig_return.emit(text)
