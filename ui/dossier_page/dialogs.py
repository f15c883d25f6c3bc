"""The dialogs of a dossier's actions: each collects what its action needs and emits the request; the
page runs it off the GUI thread and either closes the dialog or shows the refusal inside it.

Ctrl+Enter confirms from any field (Enter makes a new line in the reason boxes).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.dossier import Dossier
from app.domain.lifecycle import NEEDS_REASON, Action
from app.services.desk_lookups import ApologyPreview
from app.services.transitions import TransitionRequest
from ui.i18n import on_language_change
from ui.labels import action_label, format_appointment
from ui.widgets import DANGER, MUTED, colour_text, name_internals, named, scaled

PREVIEW_KEY = "dossier.apology_preview"


class ActionDialog(QDialog):
    """A dialog for one action on one dossier. Subclasses add fields and build the request."""

    sig_request = Signal(object)  # TransitionRequest

    def __init__(self, dossier: Dossier, action: Action, officer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"actionDialog_{action.value}")
        self.setModal(True)
        self.dossier = dossier
        self.action = action
        self.officer = officer
        self.heading = named(QLabel(), "actionHeading")
        self.heading.setFont(scaled(self.font(), 1.2, bold=True))
        self.heading.setWordWrap(True)
        self.about = named(QLabel(), "actionAbout")
        self.about.setWordWrap(True)
        colour_text(self.about, MUTED)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = named(QLabel(), "actionError")
        self.error.setWordWrap(True)
        colour_text(self.error, DANGER)
        self.buttons = named(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel),
            "actionButtons",
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("actionOk")
        self.cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setObjectName("actionCancel")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.about)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        for i, sequence in enumerate(("Ctrl+Return", "Ctrl+Enter")):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setObjectName(f"actionConfirmShortcut{i}")
            shortcut.activated.connect(self.confirm)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def retranslate(self) -> None:
        title = action_label(self.action)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.heading.setText(self.tr("{action} — hồ sơ {code}").format(action=title, code=self.dossier.code))
        self.heading.setAccessibleName(self.heading.text())
        self.about.setText(
            self.tr("Người nộp: {name} · Thủ tục: {procedure}").format(
                name=self.dossier.applicant.name, procedure=self.dossier.procedure_name
            )
        )
        self.about.setAccessibleName(self.about.text())
        self.error.setAccessibleName(self.tr("Lỗi"))
        self.ok.setText(self.tr("Xác nhận (Ctrl+Enter)"))
        self.ok.setAccessibleName(self.tr("Xác nhận"))
        self.cancel.setText(self.tr("Huỷ (Esc)"))
        self.cancel.setAccessibleName(self.tr("Huỷ"))
        self.buttons.setAccessibleName(self.tr("Xác nhận hoặc huỷ"))
        name_internals(self)

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def add_row(self, label: QLabel, field: QWidget) -> None:
        label.setBuddy(field)
        self.form.addRow(label, field)

    def build_request(self) -> TransitionRequest | None:
        """The request, or None after showing what is missing."""
        return TransitionRequest(self.dossier.code, self.action, officer=self.officer)

    def confirm(self) -> None:
        if not self.ok.isEnabled():
            return
        request = self.build_request()
        if request is None:
            return
        self.ok.setEnabled(False)
        self.error.setText(self.tr("Đang ghi…"))
        self.sig_request.emit(request)

    def failed(self, message: str) -> None:
        self.ok.setEnabled(True)
        self.error.setText(message)

    def succeeded(self) -> None:
        self.accept()


def _reason_box(name: str) -> QPlainTextEdit:
    box = named(QPlainTextEdit(), name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().height() * 4 + 12)
    return box


class ReasonDialog(ActionDialog):
    """Actions with a reason (refuse, withdraw, stop, note), a note (start, complete a step) or none."""

    def __init__(self, dossier: Dossier, action: Action, officer: str, parent: QWidget | None = None) -> None:
        super().__init__(dossier, action, officer, parent)
        self.required = action in NEEDS_REASON
        self.reason_label = named(QLabel(), "actionReasonLabel")
        self.reason = _reason_box("actionReason")
        self.add_row(self.reason_label, self.reason)
        self.unit_label = named(QLabel(), "actionUnitLabel")
        self.unit = named(QLineEdit(), "actionUnit")
        if action in (Action.START_PROCESSING, Action.COMPLETE_STEP):
            step = dossier.steps[dossier.step_index] if dossier.step_index < len(dossier.steps) else None
            following = (
                dossier.steps[dossier.step_index + 1] if dossier.step_index + 1 < len(dossier.steps) else None
            )
            if action is Action.START_PROCESSING and dossier.steps:
                self.unit.setText(dossier.steps[0].unit)
            elif following is not None:
                self.unit.setText(following.unit)
            self.step = step
            self.add_row(self.unit_label, self.unit)
        else:
            self.step = None
            self.unit_label.hide()
            self.unit.hide()
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if self.action is Action.ADD_NOTE:
            text = self.tr("&Nội dung ghi chú:")
        elif self.action is Action.MARK_RESULT_READY:
            text = self.tr("&Kết quả (không bắt buộc):")
        elif self.required:
            text = self.tr("&Lý do (bắt buộc):")
        else:
            text = self.tr("&Ghi chú (không bắt buộc):")
        self.reason_label.setText(text)
        self.reason_label.setAccessibleName(text.replace("&", "").rstrip(":"))
        self.reason.setAccessibleName(text.replace("&", "").rstrip(":"))
        self.unit_label.setText(self.tr("Đơn vị &xử lý:"))
        self.unit_label.setAccessibleName(self.tr("Đơn vị xử lý"))
        self.unit.setAccessibleName(self.tr("Đơn vị xử lý"))
        if self.step is not None and self.action is Action.COMPLETE_STEP:
            self.about.setText(
                self.about.text()
                + "\n"
                + self.tr("Bước đang làm: {name} ({unit})").format(name=self.step.name, unit=self.step.unit)
            )

    def build_request(self) -> TransitionRequest | None:
        text = self.reason.toPlainText().strip()
        if self.required and not text:
            self.error.setText(self.tr("Hãy ghi lý do (lý do được in trên phiếu giao cho người dân)."))
            self.reason.setFocus()
            return None
        unit = self.unit.text().strip() or None
        if self.action is Action.MARK_RESULT_READY:
            return TransitionRequest(
                self.dossier.code, self.action, officer=self.officer, result=text or None
            )
        return TransitionRequest(
            self.dossier.code, self.action, officer=self.officer, reason=text or None, unit=unit
        )


class SupplementRequestDialog(ActionDialog):
    """Ask the applicant for more papers (Mẫu 02): what is missing and why."""

    def __init__(self, dossier: Dossier, officer: str, parent: QWidget | None = None) -> None:
        super().__init__(dossier, Action.REQUEST_SUPPLEMENT, officer, parent)
        self.missing_label = named(QLabel(), "actionMissingLabel")
        self.missing = _reason_box("actionMissing")
        self.reason_label = named(QLabel(), "actionReasonLabel")
        self.reason = _reason_box("actionReason")
        self.add_row(self.missing_label, self.missing)
        self.add_row(self.reason_label, self.reason)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.missing_label.setText(self.tr("Giấy tờ cần &bổ sung (mỗi dòng một loại):"))
        self.missing_label.setAccessibleName(self.tr("Giấy tờ cần bổ sung"))
        self.missing.setAccessibleName(self.tr("Giấy tờ cần bổ sung"))
        self.reason_label.setText(self.tr("&Lý do (bắt buộc):"))
        self.reason_label.setAccessibleName(self.tr("Lý do"))
        self.reason.setAccessibleName(self.tr("Lý do"))

    def build_request(self) -> TransitionRequest | None:
        missing = [line.strip() for line in self.missing.toPlainText().splitlines() if line.strip()]
        reason = self.reason.toPlainText().strip()
        if not missing:
            self.error.setText(self.tr("Hãy ghi rõ giấy tờ người dân cần bổ sung."))
            self.missing.setFocus()
            return None
        if not reason:
            self.error.setText(self.tr("Hãy ghi lý do (lý do được in trên phiếu giao cho người dân)."))
            self.reason.setFocus()
            return None
        return TransitionRequest(
            self.dossier.code, self.action, officer=self.officer, reason=reason, missing=missing
        )


class SupplementReceivedDialog(ActionDialog):
    """The applicant brought what was missing: tick each paper received."""

    def __init__(self, dossier: Dossier, officer: str, parent: QWidget | None = None) -> None:
        super().__init__(dossier, Action.RECEIVE_SUPPLEMENT, officer, parent)
        self.checks: dict[str, QCheckBox] = {}
        self.list_label = named(QLabel(), "actionComponentsLabel")
        self.form.addRow(self.list_label)
        for component in dossier.components:
            if component.received:
                continue
            check = named(QCheckBox(component.name), f"actionComponent_{component.code}")
            check.setAccessibleName(component.name)
            check.setChecked(component.required)
            self.checks[component.code] = check
            self.form.addRow(check)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.list_label.setText(self.tr("Đánh dấu các giấy tờ người dân đã nộp bổ sung:"))
        self.list_label.setAccessibleName(self.list_label.text())

    def build_request(self) -> TransitionRequest | None:
        codes = [code for code, check in self.checks.items() if check.isChecked()]
        return TransitionRequest(
            self.dossier.code, self.action, officer=self.officer, received_components=codes
        )


class ApologyDialog(ActionDialog):
    """Mẫu 04: the reason for the delay and the new appointment, previewed live off the GUI thread."""

    def __init__(
        self,
        dossier: Dossier,
        officer: str,
        preview: Callable[[float], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(dossier, Action.APOLOGISE, officer, parent)
        self._preview = preview
        self._preview_for: float | None = None
        self.current_label = named(QLabel(), "apologyCurrentLabel")
        self.current = named(QLabel(), "apologyCurrent")
        self.days_label = named(QLabel(), "apologyDaysLabel")
        self.days = named(QDoubleSpinBox(), "apologyDays")
        self.days.setRange(0.5, 60)
        self.days.setSingleStep(0.5)
        self.days.setDecimals(1)
        self.days.setValue(2)
        self.new_label = named(QLabel(), "apologyNewLabel")
        self.new_due = named(QLabel(), "apologyNewDue")
        self.new_due.setFont(scaled(self.font(), 1.15, bold=True))
        self.reason_label = named(QLabel(), "actionReasonLabel")
        self.reason = _reason_box("actionReason")
        self.form.addRow(self.current_label, self.current)
        self.add_row(self.days_label, self.days)
        self.form.addRow(self.new_label, self.new_due)
        self.add_row(self.reason_label, self.reason)
        self._debounce = QTimer(self)
        self._debounce.setObjectName("apologyPreviewDebounce")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self._ask_preview)
        self.days.valueChanged.connect(lambda _v: self._debounce.start())
        self.retranslate()
        self._ask_preview()

    def retranslate(self) -> None:
        super().retranslate()
        self.current_label.setText(self.tr("Hẹn trả hiện tại:"))
        self.current_label.setAccessibleName(self.tr("Hẹn trả hiện tại"))
        self.current.setAccessibleName(self.tr("Hẹn trả hiện tại"))
        self.days_label.setText(self.tr("&Gia hạn thêm (ngày làm việc):"))
        self.days_label.setAccessibleName(self.tr("Số ngày làm việc gia hạn"))
        self.days.setAccessibleName(self.tr("Số ngày làm việc gia hạn"))
        self.new_label.setText(self.tr("Hẹn trả mới:"))
        self.new_label.setAccessibleName(self.tr("Hẹn trả mới"))
        self.new_due.setAccessibleName(self.tr("Hẹn trả mới"))
        self.reason_label.setText(self.tr("&Lý do chậm trễ (in trên Mẫu 04):"))
        self.reason_label.setAccessibleName(self.tr("Lý do chậm trễ"))
        self.reason.setAccessibleName(self.tr("Lý do chậm trễ"))
        self.ok.setText(self.tr("Ghi nhận xin lỗi, hẹn lại (Ctrl+Enter)"))

    def _ask_preview(self) -> None:
        self._preview_for = self.days.value()
        self.new_due.setText(self.tr("Đang tính…"))
        self._preview(self.days.value())

    def show_preview(self, days: float, preview: ApologyPreview) -> None:
        self.current.setText(format_appointment(preview.current_due))
        if days != self.days.value():
            return  # an older value's answer
        self.new_due.setText(format_appointment(preview.new_due))

    def show_preview_error(self, message: str) -> None:
        self.new_due.setText("—")
        self.error.setText(message)

    def build_request(self) -> TransitionRequest | None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.error.setText(self.tr("Hãy ghi lý do chậm trễ (được in trên thư xin lỗi Mẫu 04)."))
            self.reason.setFocus()
            return None
        return TransitionRequest(
            self.dossier.code,
            Action.APOLOGISE,
            officer=self.officer,
            reason=reason,
            extra_working_days=self.days.value(),
        )


def focus_first_field(dialog: ActionDialog) -> None:
    for name in ("actionReturnName", "apologyDays", "actionMissing", "actionReason"):
        widget = dialog.findChild(QWidget, name)
        if widget is not None and widget.isVisible() and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
    dialog.ok.setFocus(Qt.FocusReason.OtherFocusReason)
