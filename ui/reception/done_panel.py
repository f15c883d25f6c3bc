"""What the officer sees once a reception is written: the code and the appointment to tell the citizen,
then print the paper, open the dossier or start the next reception."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.lifecycle import Status
from ui.i18n import on_language_change
from ui.labels import format_appointment, format_datetime, format_money
from ui.reception.ops import Received
from ui.widgets import DANGER, SUCCESS, WARNING, Reasons, colour_text, heading, named, scaled, unavailable


class DonePanel(QFrame):
    sig_new = Signal()
    sig_open = Signal(str)
    sig_print = Signal()
    sig_preview = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receptionDone")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._received: Received | None = None
        self._print_reason: Callable[[], str] | None = Reasons.printing_missing

        self.title = heading("receptionDoneTitle", 1.4)
        self.code = named(QLabel(), "receptionDoneCode")
        self.code.setFont(scaled(self.font(), 1.8, bold=True))
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = named(QLabel(), "receptionDoneDetails")
        self.details.setWordWrap(True)
        self.details.setFont(scaled(self.font(), 1.2))
        self.appointment = named(QLabel(), "receptionDoneAppointment")
        self.appointment.setFont(scaled(self.font(), 1.6, bold=True))
        self.print_button = named(QPushButton(), "receptionPrintButton")
        self.preview_button = named(QPushButton(), "receptionPreviewButton")
        self.open_button = named(QPushButton(), "receptionOpenButton")
        self.print_status = named(QLabel(), "receptionPrintStatus")
        self.print_status.setWordWrap(True)
        self.new_button = named(QPushButton(), "receptionNewButton")
        self.new_button.setDefault(True)
        self.new_button.setAutoDefault(True)

        buttons = QHBoxLayout()
        for button in (self.print_button, self.preview_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.code)
        layout.addWidget(self.appointment)
        layout.addWidget(self.details)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.print_status)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.open_button.clicked.connect(self._open)
        self.print_button.clicked.connect(self.sig_print)
        self.preview_button.clicked.connect(self.sig_preview)
        self.new_button.clicked.connect(self.sig_new)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Kết quả tiếp nhận"))
        self.code.setAccessibleName(self.tr("Mã hồ sơ"))
        self.details.setAccessibleName(self.tr("Thông tin hồ sơ"))
        self.appointment.setAccessibleName(self.tr("Ngày hẹn trả"))
        self.preview_button.setText(self.tr("Xem trước"))
        self.preview_button.setAccessibleName(self.tr("Xem trước phiếu"))
        self.open_button.setText(self.tr("Mở hồ sơ"))
        self.open_button.setAccessibleName(self.tr("Mở trang hồ sơ"))
        self.new_button.setText(self.tr("Tiếp nhận hồ sơ mới (Ctrl+N)"))
        self.new_button.setAccessibleName(self.tr("Tiếp nhận hồ sơ mới"))
        self.print_status.setAccessibleName(self.tr("Tình trạng in"))
        self._apply_print_state()
        self._show()

    def set_print_reason(self, reason: Callable[[], str] | None) -> None:
        """None: printing works; else the words for why the print buttons are disabled."""
        self._print_reason = reason
        self._apply_print_state()

    def _apply_print_state(self) -> None:
        for button in (self.print_button, self.preview_button):
            if self._print_reason is None:
                button.setEnabled(True)
                button.setToolTip("")
                button.setAccessibleDescription("")
            else:
                unavailable(button, self._print_reason())

    def show_print_message(self, text: str, problem: bool) -> None:
        self.print_status.setText(text)
        colour_text(self.print_status, DANGER if problem else SUCCESS)

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def show_received(self, received: Received) -> None:
        self._received = received
        self.print_status.clear()
        self._show()

    def _show(self) -> None:
        r = self._received
        if r is None:
            return
        if r.status is Status.RECEIVED:
            self.title.setText(self.tr("✓ Đã tiếp nhận hồ sơ"))
            colour_text(self.title, SUCCESS)
            form = self.tr("In giấy tiếp nhận và hẹn trả (Mẫu 01)")
        elif r.status is Status.SUPPLEMENT_REQUESTED:
            self.title.setText(self.tr("Đã ghi nhận yêu cầu bổ sung hồ sơ"))
            colour_text(self.title, WARNING)
            form = self.tr("In phiếu yêu cầu bổ sung (Mẫu 02)")
        else:
            self.title.setText(self.tr("Đã ghi nhận từ chối tiếp nhận hồ sơ"))
            colour_text(self.title, WARNING)
            form = self.tr("In phiếu từ chối (Mẫu 03)")
        self.title.setAccessibleName(self.title.text())
        self.print_button.setText(form + " (Ctrl+P)")
        self.print_button.setAccessibleName(form)
        self.code.setText(r.code)
        if r.due_local is not None:
            self.appointment.setText(self.tr("Hẹn trả: {when}").format(when=format_appointment(r.due_local)))
        else:
            self.appointment.setText("")
        self.appointment.setVisible(r.due_local is not None)
        self.details.setText(
            self.tr("Người nộp: {name}\nThủ tục: {procedure}\nTiếp nhận lúc: {at}\nLệ phí: {fee}").format(
                name=r.applicant_name,
                procedure=r.procedure_name,
                at=format_datetime(r.received_local),
                fee=format_money(r.fee_total),
            )
        )

    def received(self) -> Received | None:
        return self._received

    def _open(self) -> None:
        if self._received is not None:
            self.sig_open.emit(self._received.code)
