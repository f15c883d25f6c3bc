"""The sign-in dialog shown before the main window: which office and counter, then who works here."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.office import Officer
from ui.desk_info import DeskInfo
from ui.i18n import on_language_change
from ui.session import Session
from ui.signin.credentials import CredentialsForm
from ui.tasks import TaskManager
from ui.widgets import heading, named, scaled


class SignInDialog(QDialog):
    def __init__(
        self, info: DeskInfo, tasks: TaskManager, username: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.info = info
        self.session: Session | None = None

        self.title = heading("signInTitle", 1.4)
        self.office = named(QLabel(info.office_name), "signInOffice")
        self.office.setWordWrap(True)
        self.office.setFont(scaled(self.font(), 1.1, bold=True))
        self.counter = named(QLabel(), "signInCounter")
        self.form = CredentialsForm(tasks, username or info.officer)
        self.quit_button = named(QPushButton(), "signInQuitButton")
        self.quit_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.title)
        layout.addWidget(self.office)
        layout.addWidget(self.counter)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.form)
        layout.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

        self.form.sig_signed_in.connect(self._signed_in)
        self.quit_button.clicked.connect(self.reject)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Đăng nhập — MotCua Desk"))
        self.setAccessibleName(self.tr("Đăng nhập"))
        self.title.setText(self.tr("Đăng nhập quầy tiếp nhận"))
        self.title.setAccessibleName(self.title.text())
        self.office.setAccessibleName(self.tr("Cơ quan"))
        self.counter.setText(self.tr("Quầy {number}").format(number=self.info.counter))
        self.counter.setAccessibleName(self.tr("Quầy"))
        self.quit_button.setText(self.tr("Thoát"))
        self.quit_button.setAccessibleName(self.tr("Thoát chương trình"))

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self.form.focus()

    def _signed_in(self, officer: Officer) -> None:
        self.session = Session.of(officer, self.info.counter)
        self.accept()
