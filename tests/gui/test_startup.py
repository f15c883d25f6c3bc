"""`motcua-desk` start-up: no display, no database, modes that do not exist yet, --screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from ui.app import build_message_box, no_database_message
from ui.main import EXIT_CANNOT_START, EXIT_OK, display_problem, main

REPO = Path(__file__).resolve().parents[2]


def test_display_problem_only_on_linux_without_any_display() -> None:
    message = display_problem({}, "linux")
    assert message is not None
    assert "xvfb-run" in message
    assert "QT_QPA_PLATFORM=offscreen" in message
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
def test_without_a_display_the_app_explains_instead_of_letting_qt_abort(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["MOTCUA_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "ui.main"], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == EXIT_CANNOT_START
    assert "no display found" in done.stderr
    assert "xvfb-run" in done.stderr
    assert "Aborted" not in done.stderr


def test_no_database_gives_the_message_and_exit_2(gui_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shot = gui_home / "shot.png"
    assert main(["--screenshot", str(shot)]) == EXIT_CANNOT_START
    err = capsys.readouterr().err
    assert "Chưa có cơ sở dữ liệu" in err
    assert "motcua init --demo" in err
    assert str(gui_home / "data" / "motcua.sqlite3") in err
    assert not shot.exists()


def test_the_no_database_dialog_says_what_to_run(tmp_path: Path) -> None:
    text = no_database_message(tmp_path / "motcua.sqlite3")
    box = build_message_box(QMessageBox.Icon.Warning, "Chưa có cơ sở dữ liệu", text)
    assert "motcua init --demo" in box.text()
    assert str(tmp_path / "motcua.sqlite3") in box.text()
    assert box.objectName() and box.accessibleName()


def test_hall_needs_the_office_server(demo_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The hall and kiosk modes themselves are tested in tests/queue.
    assert main(["--hall"]) == EXIT_CANNOT_START
    assert "server.url" in capsys.readouterr().err


def test_screenshot_mode_renders_the_window_once_data_is_loaded(demo_home: Path, tmp_path: Path) -> None:
    shot = tmp_path / "out" / "window.png"
    assert main(["--screenshot", str(shot)]) == EXIT_OK
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768)
