"""Fonts of the forms: Times New Roman where the system has it (Decree 30/2020 asks for it), else the bundled
Tinos, whose metrics are the same, so line breaks do not move between machines. Registered on first use."""

from __future__ import annotations

import functools
import os
from importlib.resources import as_file
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.datafiles.resources import resource

FAMILY = "FormSerif"
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

_STYLES = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
# Proprietary, never shipped: used only where Windows (or msttcorefonts on Linux) installed it.
_TIMES_FILES = {
    "": "times.ttf",
    "-Bold": "timesbd.ttf",
    "-Italic": "timesi.ttf",
    "-BoldItalic": "timesbi.ttf",
}
_TIMES_DIRS = ("/usr/share/fonts/truetype/msttcorefonts",)


def _times_new_roman() -> dict[str, Path] | None:
    windir = os.environ.get("WINDIR")
    candidates = [Path(windir) / "Fonts"] if windir else []
    candidates += [Path(d) for d in _TIMES_DIRS]
    for folder in candidates:
        paths = {suffix: folder / name for suffix, name in _TIMES_FILES.items()}
        found = {s: p for s, p in paths.items() if p.exists()}
        if len(found) < len(paths):  # msttcorefonts spells them Times_New_Roman*.ttf
            alt = {
                "": "Times_New_Roman.ttf",
                "-Bold": "Times_New_Roman_Bold.ttf",
                "-Italic": "Times_New_Roman_Italic.ttf",
                "-BoldItalic": "Times_New_Roman_Bold_Italic.ttf",
            }
            found = {s: folder / n for s, n in alt.items() if (folder / n).exists()}
        if len(found) == len(_TIMES_FILES):
            return found
    return None


@functools.cache
def register_form_fonts(allow_system: bool = True) -> str:
    """Register the family once per process; returns which font it is (for the form's footer/logs)."""
    system = _times_new_roman() if allow_system else None
    for suffix, style in _STYLES.items():
        if system is not None:
            font = TTFont(f"{FAMILY}{suffix}", str(system[suffix]))
        else:
            with as_file(resource("fonts", f"Tinos-{style}.ttf")) as path:
                font = TTFont(f"{FAMILY}{suffix}", str(path))  # reads the file now: the path may go
        pdfmetrics.registerFont(font)
    # So that <b> and <i> in paragraphs pick the right faces.
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    return "Times New Roman" if system is not None else "Tinos"


def ticket_font_path(weight: str = "Bold") -> Path:
    """Be Vietnam Pro for the raster lines of tickets (a file path, which Pillow needs)."""
    node = resource("fonts", f"BeVietnamPro-{weight}.ttf")
    return Path(str(node))
