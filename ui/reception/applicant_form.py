"""The applicant: ID number first (checked as it is typed, and looked up: a returning applicant's details
are filled in), then name, birth date, phone, e-mail and address."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QWidget

from app.domain.applicant import Applicant
from app.domain.identity import IdKind, Sex
from ui.errors import id_problem
from ui.i18n import on_language_change
from ui.labels import format_date
from ui.reception.form import ReceptionForm
from ui.reception.id_check import IdCheck, IdState, check_id
from ui.widgets import DANGER, MUTED, SUCCESS, colour_text, named


def describe_id(check: IdCheck) -> str:
    """What the number says, for the line under the field."""
    translate = QCoreApplication.translate
    if check.state is IdState.EMPTY:
        return translate("IdCheck", "CCCD 12 số, CMND 9 số, hộ chiếu hoặc mã số thuế")
    if check.state is IdState.INVALID:
        return "✗ " + id_problem(check.reason or "format")
    parts: list[str] = []
    if check.province:
        parts.append(translate("IdCheck", "đăng ký khai sinh tại {province}").format(province=check.province))
    elif check.province_code and not check.province_code.startswith("0"):
        parts.append(translate("IdCheck", "mã nơi đăng ký {code}").format(code=check.province_code))
    if check.sex is not None:
        parts.append(translate("IdCheck", "Nam") if check.sex is Sex.MALE else translate("IdCheck", "Nữ"))
    if check.birth_year is not None:
        parts.append(translate("IdCheck", "sinh năm {year}").format(year=check.birth_year))
    details = ", ".join(parts)
    if check.state is IdState.TYPING:
        if check.kind is IdKind.PASSPORT:
            return translate("IdCheck", "Hộ chiếu: gõ tiếp…")
        progress = translate("IdCheck", "Đã gõ {n}/12 chữ số").format(n=check.digits)
        return f"{progress} · {details}" if details else progress
    if check.kind is IdKind.CCCD:
        return "✓ " + translate("IdCheck", "CCCD hợp lệ: {details}").format(details=details)
    if check.kind is IdKind.CMND:
        return "✓ " + translate("IdCheck", "Số CMND cũ (9 số); nếu là CCCD hãy gõ đủ 12 số")
    if check.kind is IdKind.TAX_CODE:
        return "✓ " + translate("IdCheck", "Mã số thuế hợp lệ")
    return "✓ " + translate("IdCheck", "Hộ chiếu")


class ApplicantForm(QWidget):
    sig_edited = Signal()
    # A complete, valid ID number was typed: look it up.
    sig_lookup = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantForm")
        self._today = datetime.now().astimezone().date()  # replaced by the desk clock's day on load
        self._filled_from: str | None = None  # the ID number whose record filled the fields

        self.id_number = named(QLineEdit(), "applicantIdNumber")
        self.id_number.setMaxLength(24)
        self.id_info = named(QLabel(), "applicantIdInfo")
        self.id_info.setWordWrap(True)
        self.returning = named(QLabel(), "applicantReturning")
        self.returning.setWordWrap(True)
        colour_text(self.returning, SUCCESS)
        self.returning.hide()
        self.name = named(QLineEdit(), "applicantName")
        self.name.setMaxLength(200)
        self.organisation = named(QCheckBox(), "applicantOrganisation")
        self.birth_date = named(QLineEdit(), "applicantBirthDate")
        self.birth_date.setMaxLength(10)
        self.phone = named(QLineEdit(), "applicantPhone")
        self.phone.setMaxLength(20)
        self.email = named(QLineEdit(), "applicantEmail")
        self.email.setMaxLength(120)
        self.address = named(QLineEdit(), "applicantAddress")
        self.address.setMaxLength(300)

        self.labels: dict[str, QLabel] = {}
        for key, field in (
            ("id", self.id_number),
            ("name", self.name),
            ("birth", self.birth_date),
            ("phone", self.phone),
            ("email", self.email),
            ("address", self.address),
        ):
            label = named(QLabel(), f"applicantLabel_{key}")
            label.setBuddy(field)
            self.labels[key] = label
        # Two fields a row where they are short, so the whole applicant fits beside the checklist.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.labels["id"], 0, 0)
        grid.addWidget(self.id_number, 0, 1, 1, 3)
        grid.addWidget(self.id_info, 1, 1, 1, 3)
        grid.addWidget(self.returning, 2, 1, 1, 3)
        grid.addWidget(self.labels["name"], 3, 0)
        grid.addWidget(self.name, 3, 1, 1, 3)
        grid.addWidget(self.labels["birth"], 4, 0)
        grid.addWidget(self.birth_date, 4, 1)
        grid.addWidget(self.labels["phone"], 4, 2)
        grid.addWidget(self.phone, 4, 3)
        grid.addWidget(self.labels["address"], 5, 0)
        grid.addWidget(self.address, 5, 1, 1, 3)
        grid.addWidget(self.labels["email"], 6, 0)
        grid.addWidget(self.email, 6, 1)
        grid.addWidget(self.organisation, 6, 2, 1, 2)

        for edit in (self.id_number, self.name, self.birth_date, self.phone, self.email, self.address):
            edit.textChanged.connect(self._edited)
        self.organisation.toggled.connect(self._edited)
        self.id_number.textChanged.connect(self._check_id)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Thông tin người nộp"))
        texts = {
            "id": (self.tr("Số &giấy tờ:"), self.tr("Số CCCD, CMND, hộ chiếu hoặc mã số thuế")),
            "name": (self.tr("&Họ tên:"), self.tr("Họ tên người nộp hoặc tên tổ chức")),
            "birth": (self.tr("Ngày &sinh:"), self.tr("Ngày sinh, dạng ngày/tháng/năm")),
            "phone": (self.tr("Điện th&oại:"), self.tr("Số điện thoại")),
            "email": (self.tr("&Email:"), self.tr("Thư điện tử")),
            "address": (self.tr("Đị&a chỉ:"), self.tr("Địa chỉ liên hệ")),
        }
        fields = {
            "id": self.id_number,
            "name": self.name,
            "birth": self.birth_date,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
        }
        for key, (label_text, accessible) in texts.items():
            self.labels[key].setText(label_text)
            self.labels[key].setAccessibleName(label_text.replace("&", "").rstrip(":"))
            fields[key].setAccessibleName(accessible)
        self.birth_date.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.phone.setPlaceholderText(self.tr("ví dụ: 0905 123 456"))
        self.organisation.setText(self.tr("Là tổ chức, doanh nghiệp"))
        self.organisation.setAccessibleName(self.tr("Người nộp là tổ chức, doanh nghiệp"))
        self.id_info.setAccessibleName(self.tr("Kiểm tra số giấy tờ"))
        self.returning.setAccessibleName(self.tr("Người nộp đã từng nộp hồ sơ"))
        self._check_id(self.id_number.text())

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def set_today(self, today: date) -> None:
        self._today = today
        self._check_id(self.id_number.text())

    def id_check(self) -> IdCheck:
        return check_id(self.id_number.text(), self._today)

    def _edited(self, *_: object) -> None:
        self.sig_edited.emit()

    def _check_id(self, text: str) -> None:
        check = check_id(text, self._today)
        self.id_info.setText(describe_id(check))
        colour_text(
            self.id_info,
            {IdState.VALID: SUCCESS, IdState.INVALID: DANGER}.get(check.state, MUTED),
        )
        if self._filled_from is not None and text.strip() != self._filled_from:
            self._say_returning("")
        if check.state is IdState.VALID:
            self.sig_lookup.emit(text.strip())

    def offer_returning(self, typed: str, applicant: Applicant | None) -> None:
        """The look-up's answer: fill the fields the officer has not typed yet."""
        if typed.strip() != self.id_number.text().strip():
            return  # the number changed meanwhile
        if applicant is None:
            self._say_returning("")
            return
        filled = []
        for edit, value in (
            (self.name, applicant.name),
            (self.birth_date, format_date(applicant.birth_date) if applicant.birth_date else None),
            (self.phone, applicant.phone),
            (self.email, applicant.email),
            (self.address, applicant.address),
        ):
            if value and not edit.text().strip():
                edit.setText(value)
                filled.append(edit)
        self._filled_from = typed.strip()
        if filled:
            self._say_returning(
                self.tr(
                    "Người nộp đã từng nộp hồ sơ: đã điền sẵn thông tin lần trước ({name}); hãy hỏi lại "
                    "nếu có thay đổi."
                ).format(name=applicant.name)
            )
        else:
            self._say_returning(self.tr("Người nộp đã từng nộp hồ sơ ({name}).").format(name=applicant.name))

    def _say_returning(self, text: str) -> None:
        self.returning.setText(text)
        self.returning.setVisible(bool(text))

    def write_to(self, form: ReceptionForm) -> None:
        form.id_number = self.id_number.text()
        form.name = self.name.text()
        form.birth_date = self.birth_date.text()
        form.phone = self.phone.text()
        form.email = self.email.text()
        form.address = self.address.text()
        form.organisation = self.organisation.isChecked()

    def read_from(self, form: ReceptionForm) -> None:
        for edit, value in (
            (self.id_number, form.id_number),
            (self.name, form.name),
            (self.birth_date, form.birth_date),
            (self.phone, form.phone),
            (self.email, form.email),
            (self.address, form.address),
        ):
            edit.setText(value)
        self.organisation.setChecked(form.organisation)
        self._say_returning("")
        self._filled_from = None
