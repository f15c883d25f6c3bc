"""The server page: "Kiểm tra kết nối" against a real motcua-server on 127.0.0.1, a port where nothing
listens and a captive portal answering HTML; the enrolment state, and enrolment with a one-time code."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.settings_support import answer, open_dialog, screenshot
from tests.server.support import free_port, run_cli, running_server
from ui.main_window import MainWindow
from ui.settings.server_page import ServerPage


@pytest.fixture
def sync_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_SERVER_")}
    env |= {
        "MOTCUA_DATABASE_URL": f"sqlite:///{tmp_path / 'server.sqlite3'}",
        "MOTCUA_HOME": str(tmp_path / "srv"),
    }
    assert run_cli("admin", "migrate", env=env).returncode == 0
    with running_server(env=env, log=tmp_path / "server.log") as base_url:
        yield base_url, env


class _Portal(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html><body>Dang nhap Wi-Fi</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def captive_portal() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _page(qtbot: QtBot, win: MainWindow) -> tuple[Any, ServerPage]:
    dialog = open_dialog(qtbot, win, "server")
    page = dialog.pages[3]
    assert isinstance(page, ServerPage)
    return dialog, page


def test_the_connection_test_finds_the_server_its_version_and_that_the_desk_is_not_enrolled(
    qtbot: QtBot, desk_window: MainWindow, sync_server: tuple[str, dict[str, str]]
) -> None:
    from sync.server.version import server_version

    base_url, _env = sync_server
    dialog, page = _page(qtbot, desk_window)
    assert page.enrolment.text().startswith("Máy chưa đăng ký với máy chủ.")
    page.url.setText(base_url)
    text = answer(qtbot, desk_window, page.test_button, page.result)
    assert text == f"Kết nối được: máy chủ MotCua phiên bản {server_version()} đang hoạt động."
    assert f"motcua enrol --server {base_url} --code" in page.enrolment.text()
    screenshot(dialog, "server")


def test_nothing_listening_and_a_captive_portal_are_told_apart(
    qtbot: QtBot, desk_window: MainWindow, captive_portal: str
) -> None:
    _dialog, page = _page(qtbot, desk_window)
    page.url.setText(f"http://127.0.0.1:{free_port()}")
    text = answer(qtbot, desk_window, page.test_button, page.result)
    assert text.startswith("Không kết nối được: máy chủ từ chối kết nối")
    page.url.setText(captive_portal)
    text = answer(qtbot, desk_window, page.test_button, page.result)
    assert text.startswith("Địa chỉ này trả lời nhưng không phải máy chủ MotCua (mã 200)")
    assert "text/html" in page.result.toolTip()
    page.url.setText("motcua.local")
    page.test_button.click()
    assert page.result.text() == "Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://"


class _MemoryKeyring:
    """An OS keyring stand-in (the test machine has none): what Secret Service would keep."""

    priority = 1

    def __init__(self) -> None:
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.passwords.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        self.passwords[(service, user)] = password

    def delete_password(self, service: str, user: str) -> None:
        self.passwords.pop((service, user), None)


@pytest.fixture
def memory_keyring() -> Iterator[_MemoryKeyring]:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(_MemoryKeyring, KeyringBackend):
        pass

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_the_desk_enrols_with_a_one_time_code_and_a_spent_code_is_refused(
    qtbot: QtBot,
    desk_window: MainWindow,
    sync_server: tuple[str, dict[str, str]],
    memory_keyring: _MemoryKeyring,
) -> None:
    base_url, env = sync_server
    office = desk_window.tasks.services.desk.office_code
    made = run_cli("admin", "enrol-code", "--office", office, "--json", env=env)
    assert made.returncode == 0, made.stderr
    code = str(json.loads(made.stdout)["code"])
    dialog, page = _page(qtbot, desk_window)
    page.url.setText(base_url)
    page.code.setText(code)
    text = answer(qtbot, desk_window, page.enrol_button, page.enrol_result)
    assert text == f"Đã đăng ký máy với {base_url}. Bấm Lưu để ghi địa chỉ máy chủ."
    assert page.enrolment.text().startswith(f"Máy đã đăng ký với {base_url} (đơn vị {office}")
    assert len(memory_keyring.passwords) == 1
    assert page.code.text() == ""

    text = answer(qtbot, desk_window, page.test_button, page.result)
    assert text.startswith("Kết nối được")
    page.code.setText(code)
    text = answer(qtbot, desk_window, page.enrol_button, page.enrol_result)
    assert text.startswith("Máy chủ không nhận mã đăng ký:")
    assert page.enrolment.text().startswith(f"Máy đã đăng ký với {base_url}")
    screenshot(dialog, "server")
