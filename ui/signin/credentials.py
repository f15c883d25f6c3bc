"""Username and password, checked off the GUI thread; shared by the sign-in dialog and the lock screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.office import Officer
from ui.errors import describe_error
from ui.i18n import on_language_change
from ui.signin.ops import active_usernames, sign_in
from ui.tasks import QueryOp, TaskManager
from ui.widgets import DANGER, colour_text, named

# After repeated failures the form waits a little longer each time before it accepts another try.
FREE_TRIES = 3
MAX_WAIT_S = 30


class CredentialsForm(QWidget):
    sig_signed_in = Signal(object)  # Officer

    def __init__(self, tasks: TaskManager, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("credentialsForm")
        self.tasks = tasks
        self._failures = 0
        self._checking = False
        # What the submit button says (the lock screen says "Mở khoá"); called on every retranslate.
        self.submit_label: Callable[[], str] = lambda: self.tr("Đăng nhập")

        self.username_label = named(QLabel(), "usernameLabel")
        self.username = named(QLineEdit(username), "usernameField")
        self.username.setMaxLength(64)
        self._completion = QStringListModel(self)
        completer = QCompleter(self._completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.username.setCompleter(completer)
        self.password_label = named(QLabel(), "passwordLabel")
        self.password = named(QLineEdit(), "passwordField")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.message = named(QLabel(), "signInMessage")
        self.message.setWordWrap(True)
        colour_text(self.message, DANGER)
        self.submit = named(QPushButton(), "signInButton")
        self.submit.setDefault(True)
        self.submit.setAutoDefault(True)
        self._wait = QTimer(self)
        self._wait.setObjectName("signInWait")
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._ready)

        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.submit)

        self.submit.clicked.connect(self.check)
        self.password.returnPressed.connect(self.check)
        self.username.returnPressed.connect(self._next_field)
        self.retranslate()
        QueryOp(op=active_usernames, success=self._completion.setStringList).failure(lambda _e: None).run(
            tasks
        )

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Đăng nhập"))
        self.username_label.setText(self.tr("&Tài khoản:"))
        self.username_label.setAccessibleName(self.tr("Tài khoản"))
        self.username.setAccessibleName(self.tr("Tài khoản cán bộ"))
        self.username.setPlaceholderText(self.tr("ví dụ: lan.nguyen"))
        self.password_label.setText(self.tr("&Mật khẩu:"))
        self.password_label.setAccessibleName(self.tr("Mật khẩu"))
        self.password.setAccessibleName(self.tr("Mật khẩu"))
        self.message.setAccessibleName(self.tr("Thông báo đăng nhập"))
        self.submit.setText(self.submit_label())
        self.submit.setAccessibleName(self.submit_label())

    def changeEvent(self, event: QEvent) -> None:
        on_language_change(event, self.retranslate)
        super().changeEvent(event)

    def focus(self) -> None:
        field = self.password if self.username.text().strip() else self.username
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _next_field(self) -> None:
        self.password.setFocus(Qt.FocusReason.TabFocusReason)

    def check(self) -> None:
        if self._checking or self._wait.isActive():
            return
        username = self.username.text().strip().lower()
        password = self.password.text()
        if not username:
            self.message.setText(self.tr("Hãy nhập tài khoản."))
            self.username.setFocus()
            return
        if not password:
            self.message.setText(self.tr("Hãy nhập mật khẩu."))
            self.password.setFocus()
            return
        self._checking = True
        self.submit.setEnabled(False)
        self.message.setText(self.tr("Đang kiểm tra…"))
        QueryOp(op=lambda s: sign_in(s, username, password), success=self._checked).failure(self._failed).run(
            self.tasks
        )

    def _checked(self, officer: Officer | None) -> None:
        self._checking = False
        self.password.clear()
        if officer is None:
            self._failures += 1
            self.message.setText(self.tr("Tài khoản hoặc mật khẩu không đúng, hoặc tài khoản đã bị khoá."))
            self.password.setFocus()
            if self._failures > FREE_TRIES:
                self.submit.setEnabled(False)
                self._wait.start(min(MAX_WAIT_S, 2 ** (self._failures - FREE_TRIES)) * 1000)
            else:
                self.submit.setEnabled(True)
            return
        self._failures = 0
        self.message.clear()
        self.submit.setEnabled(True)
        self.sig_signed_in.emit(officer)

    def _failed(self, error: Exception) -> None:
        self._checking = False
        self.submit.setEnabled(True)
        self.message.setText(describe_error(error))

    def _ready(self) -> None:
        self.submit.setEnabled(True)
