"""A desk app process for the crash test: it starts as ui/app.py does, types half a reception and then
waits to be killed (`python -m tests.gui.crash_child`, MOTCUA_HOME set by the test)."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import open_desk
    from app.cli.common import load_settings
    from app.domain.office import Role
    from tests.gui.support import commit_text, type_text
    from ui import qt_fixes
    from ui.app import draft_store
    from ui.desk_info import DeskInfo
    from ui.fonts import apply_ui_font
    from ui.main_window import MainWindow
    from ui.session import Session
    from ui.tasks import TaskManager

    qt_fixes.install()
    app = QApplication(sys.argv[:1])
    apply_ui_font(app)
    settings = load_settings()
    info = DeskInfo.from_settings(settings)
    desk = open_desk(settings)
    drafts = draft_store(settings, info)
    window = MainWindow(
        info,
        TaskManager(desk.services),
        session=Session("lan.nguyen", "Nguyễn Thị Lan", Role.OFFICER, info.counter),
        drafts=drafts,
    )
    window.resize(1366, 768)
    window.show()
    window.start()
    deadline = time.monotonic() + 30
    while window.reception_page.picker.procedure("1.001193.000.00.00.H48") is None:
        app.processEvents()
        assert time.monotonic() < deadline, "the catalogue never came"
    window.new_reception()
    page = window.reception_page
    type_text(page.picker.query, "khai sinh")
    QTest.keyClick(page.picker.query, Qt.Key.Key_Return)
    type_text(page.applicant.id_number, "051190001234")
    commit_text(page.applicant.name, "Nguyễn Thị Ngọc Ánh")
    type_text(page.applicant.phone, "0905123456")
    app.processEvents()
    assert drafts.flush(10)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:  # working, until the test kills the process without warning
        app.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main())
