"""The server page: the address of motcua-server, whether this desk is enrolled, "Kiểm tra kết nối" (the
server's /health, on the worker) and enrolment with the admin's one-time code."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.settings.spec import SERVER_URL
from app.settings.store import Settings
from ui.settings.pages import SettingsPage, line_field, say
from ui.settings.server_check import (
    DNS,
    NOT_MOTCUA,
    OK,
    REFUSED,
    TIMEOUT,
    TLS,
    UNAVAILABLE,
    EnrolmentState,
    EnrolResult,
    ServerCheck,
    check_server,
    enrol_desk,
    read_enrolment,
)
from ui.widgets import named

ENROL_COMMAND = "motcua enrol --server {url} --code MÃ-MỘT-LẦN"


class ServerPage(SettingsPage):
    key = "server"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url_label, self.url = line_field("settingsServerUrl")
        self.url.setPlaceholderText("https://motcua.example.gov.vn")
        self.enrolment_label = named(QLabel(), "settingsEnrolmentLabel")
        self.enrolment = self.result_label("settingsEnrolment")
        self.test_button = named(QPushButton(), "settingsServerTest")
        self.result = self.result_label("settingsServerResult")
        self.code_label, self.code = line_field("settingsEnrolCode")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)  # a one-time secret: not for the passers-by
        self.enrol_button = named(QPushButton(), "settingsEnrol")
        self.enrol_result = self.result_label("settingsEnrolResult")
        self.enrolment_state: EnrolmentState | None = None
        enrol_row = QHBoxLayout()
        enrol_row.addWidget(self.code, 1)
        enrol_row.addWidget(self.enrol_button)
        self.row(self.url_label, self.url)
        self.form.addRow("", self.test_button)
        self.form.addRow("", self.result)
        self.row(self.enrolment_label, self.enrolment)
        self.code_label.setBuddy(self.code)
        self.form.addRow(self.code_label, enrol_row)
        self.form.addRow("", self.enrol_result)
        self.test_button.clicked.connect(self.test_connection)
        self.enrol_button.clicked.connect(self.enrol)
        self.code.returnPressed.connect(self.enrol)
        self.retranslate()

    def name(self) -> str:
        return self.tr("Máy chủ")

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            self.tr("Địa chỉ máy chủ tổng hợp hồ sơ của tỉnh; để trống nếu máy làm việc độc lập.")
        )
        say(self.url_label, self.url, self.tr("Địa chỉ &máy chủ:"))
        self.enrolment_label.setText(self.tr("Đăng ký:"))
        self.enrolment_label.setAccessibleName(self.tr("Đăng ký"))
        self.test_button.setText(self.tr("&Kiểm tra kết nối"))
        self.test_button.setAccessibleName(self.tr("Kiểm tra kết nối máy chủ"))
        self.test_button.setToolTip(self.tr("Hỏi máy chủ /health: có trả lời không, phiên bản nào"))
        say(self.code_label, self.code, self.tr("Mã đăng ký một &lần:"))
        self.code.setPlaceholderText(self.tr("mã do quản trị máy chủ cấp"))
        self.enrol_button.setText(self.tr("Đăng ký máy"))
        self.enrol_button.setAccessibleName(self.tr("Đăng ký máy với máy chủ"))
        self._show_enrolment()

    def load(self, settings: Settings) -> None:
        self.url.setText(settings.get(SERVER_URL))
        self.refresh_enrolment()

    def values(self) -> dict[str, Any]:
        return {SERVER_URL.key: self.url.text().strip()}

    def problem(self) -> str | None:
        url = self.url.text().strip()
        if url and not url.startswith(("http://", "https://")):
            return self.tr("Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://")
        return None

    # ----- enrolment state -----------------------------------------------------------------------------

    def refresh_enrolment(self) -> None:
        settings = self.settings
        if settings is None or self.tasks is None:
            return
        self.enrolment.setText(self.tr("Đang đọc…"))

        def shown(state: EnrolmentState) -> None:
            self.enrolment_state = state
            self._show_enrolment()

        self.run_test(self.enrol_button, self.enrolment, lambda: read_enrolment(settings), shown)

    def _show_enrolment(self) -> None:
        state = self.enrolment_state
        if state is None:
            return
        self.tell(self.enrolment, self.enrolment_text(state), state.enrolled)

    def enrolment_text(self, state: EnrolmentState) -> str:
        if state.enrolled:
            return self.tr("Máy đã đăng ký với {url} (đơn vị {office}, mã máy {device}).").format(
                url=state.server_url, office=state.office_code, device=state.device_id
            )
        text = self.tr("Máy chưa đăng ký với máy chủ. Nhập mã đăng ký một lần, hoặc chạy lệnh: {command}")
        url = self.url.text().strip() or "https://ĐỊA-CHỈ-MÁY-CHỦ"
        return text.format(command=ENROL_COMMAND.format(url=url))

    # ----- the connection test --------------------------------------------------------------------------

    def test_connection(self) -> None:
        if self.problem() or not self.url.text().strip():
            self.tell(self.result, self.problem() or self.tr("Hãy nhập địa chỉ máy chủ trước."), False)
            return
        settings, url = self.settings, self.url.text().strip()
        if settings is None:
            return
        self.run_test(self.test_button, self.result, lambda: check_server(url, settings), self._checked)

    def _checked(self, check: ServerCheck) -> None:
        if check.enrolment is not None:
            self.enrolment_state = check.enrolment
            self._show_enrolment()
        self.tell(self.result, self.check_text(check), check.outcome == OK)
        self.result.setToolTip(check.detail)

    def check_text(self, check: ServerCheck) -> str:
        text = {
            OK: self.tr("Kết nối được: máy chủ MotCua phiên bản {version} đang hoạt động."),
            UNAVAILABLE: self.tr(
                "Máy chủ MotCua phiên bản {version} trả lời nhưng chưa sẵn sàng (cơ sở dữ liệu của máy chủ "
                "không truy cập được): báo quản trị máy chủ."
            ),
            REFUSED: self.tr(
                "Không kết nối được: máy chủ từ chối kết nối (không có chương trình nào nghe ở địa chỉ và "
                "cổng này). Kiểm tra địa chỉ, cổng, hoặc máy chủ chưa chạy."
            ),
            DNS: self.tr("Không kết nối được: không tìm thấy tên máy chủ. Kiểm tra địa chỉ hoặc DNS."),
            TIMEOUT: self.tr(
                "Không kết nối được: máy chủ không trả lời trong thời gian chờ (tường lửa hoặc mất mạng)."
            ),
            TLS: self.tr(
                "Không kết nối được: chứng chỉ bảo mật (TLS) của máy chủ không được tin cậy hoặc không khớp."
            ),
            NOT_MOTCUA: self.tr(
                "Địa chỉ này trả lời nhưng không phải máy chủ MotCua (mã {status}): có thể là trang đăng "
                "nhập Wi-Fi, proxy hoặc sai địa chỉ."
            ),
        }.get(check.outcome, self.tr("Không kết nối được: {detail}"))
        text = text.format(version=check.version, status=check.status_code, detail=check.detail)
        enrolment = check.enrolment
        if enrolment is not None and enrolment.enrolled and enrolment.server_url != check.url:
            text += " " + self.tr("Lưu ý: máy đang đăng ký với một máy chủ khác ({url}).").format(
                url=enrolment.server_url
            )
        return text

    # ----- enrolment ----------------------------------------------------------------------------------

    def enrol(self) -> None:
        url, code = self.url.text().strip(), self.code.text().strip()
        if self.problem() or not url:
            self.tell(self.enrol_result, self.problem() or self.tr("Hãy nhập địa chỉ máy chủ trước."), False)
            return
        if not code:
            self.tell(self.enrol_result, self.tr("Hãy nhập mã đăng ký một lần."), False)
            return
        settings = self.settings
        if settings is None:
            return
        self.run_test(
            self.enrol_button, self.enrol_result, lambda: enrol_desk(settings, url, code), self._enrolled
        )

    def _enrolled(self, result: EnrolResult) -> None:
        if result.enrolled:
            self.code.clear()
            self.enrolment_state = EnrolmentState(
                True, result.server_url, result.device_id, result.office_code
            )
            self._show_enrolment()
            self.tell(
                self.enrol_result,
                self.tr("Đã đăng ký máy với {url}. Bấm Lưu để ghi địa chỉ máy chủ.").format(
                    url=result.server_url
                ),
                True,
            )
            return
        self.tell(self.enrol_result, self.enrol_failure_text(result), False)
        self.enrol_result.setToolTip(result.message)

    def enrol_failure_text(self, result: EnrolResult) -> str:
        command = ENROL_COMMAND.format(url=result.server_url) + " --token-file ĐƯỜNG-DẪN"
        if result.code == "no_keyring":
            return self.tr(
                "Máy tính này không có kho khoá của hệ điều hành để giữ mã máy. Đăng ký bằng dòng lệnh, giữ "
                "mã trong tệp: {command}"
            ).format(command=command)
        if result.code in ("offline", "server_unavailable", "not_sync_server", "certificate"):
            return self.tr("Không kết nối được máy chủ để đăng ký: {message}").format(message=result.message)
        return self.tr("Máy chủ không nhận mã đăng ký: {message}").format(message=result.message)
