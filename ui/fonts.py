"""The bundled fonts: Qt wheels ship none, and a machine without Vietnamese fonts shows empty boxes.

Qt reports nothing when a glyph is missing, so `load_fonts` checks that the UI family really came in and
can draw Vietnamese letters before making it the application font.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

UI_FAMILY = "Be Vietnam Pro"
FORM_FAMILY = "Tinos"
# Letters with stacked marks: the ones a font without Vietnamese coverage gets wrong first.
VIETNAMESE_PROBE = "ẮẰẲẴẶắằẳẵặỄễỘộỚớỜờỞởỠỡỢợỨứỪừỬửỮữỰựĐđ"


class FontError(RuntimeError):
    """The UI font could not be loaded: the app would draw boxes instead of Vietnamese letters."""


@dataclass(frozen=True, slots=True)
class LoadedFonts:
    families: frozenset[str]
    files: tuple[str, ...]
    failed: tuple[str, ...] = field(default=())


def load_fonts() -> LoadedFonts:
    """Register every bundled .ttf with Qt (needs a QGuiApplication). Idempotent."""
    directory = files("resources") / "fonts"
    families: set[str] = set()
    loaded: list[str] = []
    failed: list[str] = []
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if not entry.name.lower().endswith((".ttf", ".otf")):
            continue
        if isinstance(entry, Path):
            font_id = QFontDatabase.addApplicationFont(str(entry))
        else:  # a zipped install: Qt keeps its own copy of the bytes
            font_id = QFontDatabase.addApplicationFontFromData(QByteArray(entry.read_bytes()))
        if font_id < 0:
            failed.append(entry.name)
            log.warning("font %s could not be loaded", entry.name)
            continue
        loaded.append(entry.name)
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    return LoadedFonts(frozenset(families), tuple(loaded), tuple(failed))


def covers_vietnamese(font: QFont) -> bool:
    metrics = QFontMetricsF(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in VIETNAMESE_PROBE)


def apply_ui_font(app: QApplication) -> LoadedFonts:
    """Load the bundled fonts and make Be Vietnam Pro the application font.

    The point size is the platform's own (it follows the user's scaling settings), never a pixel size.
    """
    fonts = load_fonts()
    if UI_FAMILY not in fonts.families:
        raise FontError(f"the bundled UI font {UI_FAMILY!r} did not load (failed: {', '.join(fonts.failed)})")
    font = QFont(app.font())
    font.setFamilies([UI_FAMILY])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    if not covers_vietnamese(font):
        raise FontError(f"{UI_FAMILY} is loaded but cannot draw Vietnamese letters")
    app.setFont(font)
    return fonts
