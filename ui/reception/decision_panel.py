"""Fees, the appointment (computed live), and the decision: accept (Mẫu 01), request a supplement listing
what is missing (Mẫu 02), or refuse with the reason (Mẫu 03)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog import Procedure
from app.services.reception import Decision
from ui.i18n import on_language_change
from ui.labels import format_appointment, format_money, time_limit_label
from ui.reception.form import ReceptionForm
from ui.widgets import DANGER, MUTED, WARNING, colour_text, named, scaled

_DECISIONS = (Decision.ACCEPT, Decision.SUPPLEMENT, Decision.REFUSE)


class DecisionPanel(QWidget):
    sig_edited = Signal()
    sig_submit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionPanel")
        self._procedure: Procedure | None = None
        self._due: datetime | None = None
        self._missing_required: list[str] = []
        self._missing_typed = False  # the officer edited the missing list: stop refilling it

        self.fee = named(QLabel(), "receptionFee")
        self.fee.setWordWrap(True)
        self.appointment = named(QLabel(), "receptionAppointment")
        self.appointment.setFont(scaled(self.font(), 1.25, bold=True))
        self.appointment.setWordWrap(True)
        self.limit = named(QLabel(), "receptionTimeLimit")
        colour_text(self.limit, MUTED)
        self.sets = named(QSpinBox(), "receptionSets")
        self.sets.setRange(1, 100)
        self.summary = named(QLineEdit(), "receptionSummary")
        self.summary.setMaxLength(1000)

        self.choice = QButtonGroup(self)
        self.choice.setObjectName("decisionChoice")
        self.radios: dict[Decision, QRadioButton] = {}
        radio_row = QHBoxLayout()
        for i, decision in enumerate(_DECISIONS):
            radio = named(QRadioButton(), f"decision_{decision.value}")
            self.choice.addButton(radio, i)
            self.radios[decision] = radio
            radio_row.addWidget(radio)
        radio_row.addStretch(1)
        self.radios[Decision.ACCEPT].setChecked(True)

        self.reason_label = named(QLabel(), "decisionReasonLabel")
        self.reason = named(QPlainTextEdit(), "decisionReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.reason_label.setBuddy(self.reason)
        self.missing_label = named(QLabel(), "decisionMissingLabel")
        self.missing = named(QPlainTextEdit(), "decisionMissing")
        self.missing.setTabChangesFocus(True)
        self.missing.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.missing_label.setBuddy(self.missing)
        self.warning = named(QLabel(), "decisionWarning")
        self.warning.setWordWrap(True)
        colour_text(self.warning, WARNING)
        self.error = named(QLabel(), "receptionError")
        self.error.setWordWrap(True)
        colour_text(self.error, DANGER)
        self.submit = named(QPushButton(), "receptionSubmit")
        self.submit.setFont(scaled(self.font(), 1.1, bold=True))
        self.submit.setMinimumHeight(self.fontMetrics().height() * 2 + 8)

        self.fee_label = named(QLabel(), "receptionFeeLabel")
        self.appointment_label = named(QLabel(), "receptionAppointmentLabel")
        self.sets_label = named(QLabel(), "receptionSetsLabel")
        self.summary_label = named(QLabel(), "receptionSummaryLabel")
        self.sets_label.setBuddy(self.sets)
        self.summary_label.setBuddy(self.summary)
        facts = QGridLayout()
        facts.setColumnStretch(1, 1)
        facts.addWidget(self.appointment_label, 0, 0)
        facts.addWidget(self.appointment, 0, 1, 1, 3)
        facts.addWidget(self.limit, 1, 1, 1, 3)
        facts.addWidget(self.fee_label, 2, 0)
        facts.addWidget(self.fee, 2, 1)
        facts.addWidget(self.sets_label, 2, 2)
        facts.addWidget(self.sets, 2, 3)
        facts.addWidget(self.summary_label, 3, 0)
        facts.addWidget(self.summary, 3, 1, 1, 3)
        boxes = QGridLayout()
        boxes.addWidget(self.missing_label, 0, 0)
        boxes.addWidget(self.missing, 1, 0)
        boxes.addWidget(self.reason_label, 0, 1)
        boxes.addWidget(self.reason, 1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(facts)
        layout.addLayout(radio_row)
        layout.addWidget(self.warning)
        layout.addLayout(boxes)
        layout.addWidget(self.error)
        layout.addWidget(self.submit)

        self.choice.idToggled.connect(self._decision_toggled)
        self.sets.valueChanged.connect(self._edited)
        self.summary.textChanged.connect(self._edited)
        self.reason.textChanged.connect(self._edited)
        self.missing.textChanged.connect(self._missing_edited)
        self.submit.clicked.connect(self.sig_submit)
        self.retranslate()

    # ----- language ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Lệ phí, hẹn trả và quyết định"))
        self.fee_label.setText(self.tr("Lệ phí:"))
        self.appointment_label.setText(self.tr("Hẹn trả:"))
        self.sets_label.setText(self.tr("Số &bộ:"))
        self.summary_label.setText(self.tr("&Nội dung:"))
        for label in (self.fee_label, self.appointment_label, self.sets_label, self.summary_label):
            label.setAccessibleName(label.text().replace("&", "").rstrip(":"))
        self.fee.setAccessibleName(self.tr("Lệ phí phải nộp"))
        self.limit.setAccessibleName(self.tr("Thời hạn giải quyết"))
        self.appointment.setAccessibleName(self.tr("Ngày hẹn trả kết quả"))
        self.sets.setAccessibleName(self.tr("Số bộ hồ sơ"))
        self.summary.setAccessibleName(self.tr("Nội dung yêu cầu (không bắt buộc)"))
        self.summary.setPlaceholderText(self.tr("Nội dung yêu cầu, không bắt buộc"))
        # Alt+1/2/3: digits, because the letters are taken by the fields' labels.
        self.radios[Decision.ACCEPT].setText(self.tr("Tiếp nhận (Alt+&1)"))
        self.radios[Decision.SUPPLEMENT].setText(self.tr("Yêu cầu bổ sung (Alt+&2)"))
        self.radios[Decision.REFUSE].setText(self.tr("Từ chối (Alt+&3)"))
        for radio in self.radios.values():
            radio.setAccessibleName(radio.text().split(" (")[0])
        self.missing_label.setText(self.tr("&Cần bổ sung (mỗi dòng một loại):"))
        self.missing_label.setAccessibleName(self.tr("Giấy tờ cần bổ sung"))
        self.missing.setAccessibleName(self.tr("Giấy tờ cần bổ sung, mỗi dòng một loại"))
        self.reason.setAccessibleName(self.tr("Lý do"))
        self.warning.setAccessibleName(self.tr("Cảnh báo"))
        self.error.setAccessibleName(self.tr("Lỗi khi tiếp nhận"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    # ----- state -------------------------------------------------------------------------------------

    def decision(self) -> Decision:
        return _DECISIONS[max(self.choice.checkedId(), 0)]

    def set_decision(self, decision: Decision) -> None:
        self.radios[decision].setChecked(True)

    def set_procedure(self, procedure: Procedure | None) -> None:
        self._procedure = procedure
        self._due = None
        self._show_state()

    def set_appointment(self, due: datetime | None) -> None:
        self._due = due
        self._show_state()

    def set_missing_required(self, names: list[str]) -> None:
        """The required components not ticked; pre-fills the supplement list until the officer edits it."""
        self._missing_required = names
        if not self._missing_typed:
            self.missing.blockSignals(True)
            self.missing.setPlainText("\n".join(names))
            self.missing.blockSignals(False)
        self._show_state()

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def write_to(self, form: ReceptionForm) -> None:
        form.decision = self.decision().value
        form.reason = self.reason.toPlainText()
        form.missing = self.missing.toPlainText()
        form.sets = self.sets.value()
        form.summary = self.summary.text()

    def read_from(self, form: ReceptionForm) -> None:
        self._missing_typed = bool(form.missing.strip())
        self.set_decision(Decision(form.decision))
        self.reason.setPlainText(form.reason)
        self.missing.setPlainText(form.missing)
        self.sets.setValue(form.sets)
        self.summary.setText(form.summary)
        self.error.clear()

    def reset(self) -> None:
        self._missing_typed = False
        self.read_from(ReceptionForm())
        self._missing_typed = False

    # ----- display -----------------------------------------------------------------------------------

    def _edited(self, *_: object) -> None:
        self.error.clear()
        self.sig_edited.emit()

    def _missing_edited(self) -> None:
        self._missing_typed = True
        self._edited()

    def _decision_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._show_state()
            self._edited()

    def _show_state(self) -> None:
        decision = self.decision()
        procedure = self._procedure
        self.limit.setText(time_limit_label(procedure.time_limit) if procedure else "")
        if procedure is None:
            self.fee.setText("—")
            self.appointment.setText(self.tr("Chọn thủ tục để tính ngày hẹn"))
        else:
            fees = "; ".join(f"{f.name}: {format_money(f.amount)}" for f in procedure.fees if f.amount)
            total = format_money(procedure.total_fee)
            self.fee.setText(f"{total} ({fees})" if fees and len(procedure.fees) > 1 else total)
            if decision is Decision.ACCEPT:
                if self._due is None:
                    self.appointment.setText(self.tr("Đang tính…"))
                else:
                    self.appointment.setText(format_appointment(self._due))
            elif decision is Decision.SUPPLEMENT:
                self.appointment.setText(self.tr("Chưa hẹn: thời hạn tính từ khi nhận đủ hồ sơ"))
            else:
                self.appointment.setText(self.tr("Không hẹn trả (từ chối tiếp nhận)"))
        supplement = decision is Decision.SUPPLEMENT
        refuse = decision is Decision.REFUSE
        self.missing_label.setVisible(supplement)
        self.missing.setVisible(supplement)
        self.reason_label.setVisible(supplement or refuse)
        self.reason.setVisible(supplement or refuse)
        if refuse:
            self.reason_label.setText(self.tr("&Lý do từ chối (in trên phiếu):"))
            self.reason.setPlaceholderText(self.tr("Bắt buộc: lý do từ chối tiếp nhận"))
        else:
            self.reason_label.setText(self.tr("&Lý do (in trên phiếu):"))
            self.reason.setPlaceholderText(self.tr("Hồ sơ chưa đầy đủ thành phần theo quy định"))
        self.reason_label.setAccessibleName(self.reason_label.text().replace("&", "").rstrip(":"))
        if decision is Decision.ACCEPT and self._missing_required:
            self.warning.setText(
                self.tr(
                    "Còn thiếu {n} thành phần bắt buộc: {names}. Đánh dấu đã nhận, hoặc chọn “Yêu cầu bổ "
                    "sung”."
                ).format(n=len(self._missing_required), names="; ".join(self._missing_required))
            )
        else:
            self.warning.clear()
        self.warning.setVisible(bool(self.warning.text()))
        submit = {
            Decision.ACCEPT: self.tr("Tiếp nhận hồ sơ (Ctrl+Enter)"),
            Decision.SUPPLEMENT: self.tr("Ghi nhận yêu cầu bổ sung (Ctrl+Enter)"),
            Decision.REFUSE: self.tr("Ghi nhận từ chối tiếp nhận (Ctrl+Enter)"),
        }[decision]
        self.submit.setText(submit)
        self.submit.setAccessibleName(submit.split(" (")[0])
        self.submit.setEnabled(procedure is not None)
