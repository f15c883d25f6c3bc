"""Return the result: the applicant or someone they sent, with the collector's ID checked as it is typed,
and the fee collected (the procedure's total by default)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QButtonGroup, QLabel, QLineEdit, QRadioButton, QSpinBox, QWidget

from app.domain.dossier import Dossier
from app.domain.lifecycle import Action
from app.services.transitions import TransitionRequest
from ui.dossier_page.dialogs import ActionDialog
from ui.labels import format_money
from ui.reception.applicant_form import describe_id
from ui.reception.id_check import IdState, check_id
from ui.widgets import DANGER, MUTED, SUCCESS, colour_text, named


class ReturnDialog(ActionDialog):
    def __init__(self, dossier: Dossier, officer: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(dossier, Action.RETURN_RESULT, officer, parent)
        self._today = today
        self.who = QButtonGroup(self)
        self.who.setObjectName("returnWho")
        self.self_radio = named(QRadioButton(), "returnToApplicant")
        self.other_radio = named(QRadioButton(), "returnToOther")
        self.who.addButton(self.self_radio, 0)
        self.who.addButton(self.other_radio, 1)
        self.self_radio.setChecked(True)
        self.name_label = named(QLabel(), "returnNameLabel")
        self.name = named(QLineEdit(dossier.applicant.name), "actionReturnName")
        self.name.setMaxLength(200)
        self.id_label = named(QLabel(), "returnIdLabel")
        self.id_number = named(QLineEdit(dossier.applicant.id_number or ""), "returnIdNumber")
        self.id_number.setMaxLength(24)
        self.id_info = named(QLabel(), "returnIdInfo")
        self.id_info.setWordWrap(True)
        self.fee_label = named(QLabel(), "returnFeeLabel")
        self.fee = named(QSpinBox(), "returnFee")
        self.fee.setRange(0, 1_000_000_000)
        self.fee.setSingleStep(1000)
        self.fee.setGroupSeparatorShown(True)
        self.fee.setValue(dossier.fee_total)
        self.fee_info = named(QLabel(), "returnFeeInfo")
        colour_text(self.fee_info, MUTED)

        self.form.addRow(self.self_radio)
        self.form.addRow(self.other_radio)
        self.add_row(self.name_label, self.name)
        self.add_row(self.id_label, self.id_number)
        self.form.addRow("", self.id_info)
        self.add_row(self.fee_label, self.fee)
        self.form.addRow("", self.fee_info)
        self.who.idToggled.connect(self._who_changed)
        self.id_number.textChanged.connect(self._check)
        self.retranslate()
        self._who_changed(0, True)

    def retranslate(self) -> None:
        super().retranslate()
        self.self_radio.setText(
            self.tr("Người nộp hồ sơ tự nhận ({name})").format(name=self.dossier.applicant.name)
        )
        self.other_radio.setText(self.tr("Người khác nhận thay (có giấy ủy quyền)"))
        for widget in (self.self_radio, self.other_radio):
            widget.setAccessibleName(widget.text())
        self.name_label.setText(self.tr("&Họ tên người nhận:"))
        self.name_label.setAccessibleName(self.tr("Họ tên người nhận"))
        self.name.setAccessibleName(self.tr("Họ tên người nhận"))
        self.id_label.setText(self.tr("Số &giấy tờ người nhận:"))
        self.id_label.setAccessibleName(self.tr("Số giấy tờ người nhận"))
        self.id_number.setAccessibleName(self.tr("Số CCCD, CMND hoặc hộ chiếu của người nhận"))
        self.id_info.setAccessibleName(self.tr("Kiểm tra số giấy tờ"))
        self.fee_label.setText(self.tr("Đã &thu (đồng):"))
        self.fee_label.setAccessibleName(self.tr("Số tiền đã thu"))
        self.fee.setAccessibleName(self.tr("Số tiền đã thu, đồng"))
        self.fee_info.setText(
            self.tr("Phí, lệ phí theo thủ tục: {fee}").format(fee=format_money(self.dossier.fee_total))
        )
        self.fee_info.setAccessibleName(self.fee_info.text())
        self.ok.setText(self.tr("Trả kết quả (Ctrl+Enter)"))
        self.ok.setAccessibleName(self.tr("Trả kết quả"))
        self._check(self.id_number.text())

    def _who_changed(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        own = self.self_radio.isChecked()
        if own:
            self.name.setText(self.dossier.applicant.name)
            self.id_number.setText(self.dossier.applicant.id_number or "")
        else:
            self.name.clear()
            self.id_number.clear()
        self.name.setReadOnly(own)

    def _check(self, text: str) -> None:
        check = check_id(text, self._today)
        self.id_info.setText(describe_id(check))
        colour = {IdState.VALID: SUCCESS, IdState.INVALID: DANGER}.get(check.state, MUTED)
        colour_text(self.id_info, colour)

    def build_request(self) -> TransitionRequest | None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("Hãy ghi tên người nhận kết quả."))
            self.name.setFocus()
            return None
        check = check_id(self.id_number.text(), self._today)
        if check.state is not IdState.VALID:
            self.error.setText(
                self.tr("Hãy kiểm tra giấy tờ tùy thân của người nhận và nhập đúng số giấy tờ.")
            )
            self.id_number.setFocus()
            return None
        if (
            self.self_radio.isChecked()
            and self.dossier.applicant.id_number
            and "".join(self.id_number.text().split()) != self.dossier.applicant.id_number
        ):
            self.error.setText(
                self.tr("Số giấy tờ khác với số của người nộp; nếu người khác nhận thay, hãy chọn mục đó.")
            )
            self.id_number.setFocus()
            return None
        return TransitionRequest(
            self.dossier.code,
            Action.RETURN_RESULT,
            officer=self.officer,
            collector_name=name,
            collector_id="".join(self.id_number.text().split()),
            fee_paid=self.fee.value(),
        )
