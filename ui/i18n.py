"""Translations of the desk UI, switchable while the app runs.

Source strings are Vietnamese, so "vi" needs no file. Other languages are Qt Linguist files,
`resources/translations/motcua_<lang>.ts`, compiled to `.qm` with lrelease at build and test time
(`compile_translations`); if the `.qm` is missing or older than its `.ts` when the app starts, it is
compiled then, into the data directory's cache when the install is read-only.

Every widget sets its texts in a `retranslate()` method, called once when it is built and again on
`QEvent.LanguageChange`, which Qt sends to every widget when a translator is installed or removed:
`Translations.switch("en")` re-labels the whole open window without losing what is on it.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")


def translations_dir() -> Path:
    return Path(str(files("resources") / "translations"))


def ts_file(language: str) -> Path:
    return translations_dir() / f"motcua_{language}.ts"


# Every package of the desk app with strings on screen (the hall and kiosk modes included).
SOURCE_PACKAGES = (
    "",
    "signin",
    "reception",
    "dossier_page",
    "returns",
    "overdue",
    "logbook",
    "settings",
    "scanning",
    "hall",
    "kiosk",
    "printing",
)


def translatable_sources() -> list[Path]:
    ui_dir = Path(__file__).resolve().parent
    return sorted(p for package in SOURCE_PACKAGES for p in (ui_dir / package).glob("*.py"))


def _tool(names: tuple[str, ...], wheel_names: tuple[str, ...]) -> list[str] | None:
    here = Path(sys.executable).parent
    for name in names:
        if (here / name).exists():
            return [str(here / name)]
    import PySide6

    wheel_dir = Path(PySide6.__file__).parent
    for name in wheel_names:
        if (wheel_dir / name).exists():
            return [str(wheel_dir / name)]
    for name in names:
        found = shutil.which(name)
        if found:
            return [found]
    return None


def lupdate_command() -> list[str] | None:
    return _tool(("pyside6-lupdate", "pyside6-lupdate.exe"), ("lupdate", "lupdate.exe"))


def update_ts(ts: Path, sources: list[Path] | None = None) -> None:
    """Bring `ts` up to the sources' strings (new ones unfinished, vanished ones dropped)."""
    command = lupdate_command()
    if command is None:
        raise RuntimeError("pyside6-lupdate not found")
    files = [str(p) for p in (sources or translatable_sources())]
    subprocess.run(
        [*command, *files, "-no-obsolete", "-locations", "none", "-target-language", "en_GB", "-ts", str(ts)],
        check=True,
        capture_output=True,
    )


def lrelease_command() -> list[str] | None:
    """Qt's lrelease: the venv's pyside6-lrelease, the binary inside the PySide6 wheel, or the system's
    (Debian's qt6-l10n-tools installs lrelease-qt6 / lrelease)."""
    return _tool(
        ("pyside6-lrelease", "pyside6-lrelease.exe", "lrelease-qt6", "lrelease"), ("lrelease", "lrelease.exe")
    )


def compile_ts(ts: Path, qm: Path) -> bool:
    command = lrelease_command()
    if command is None:
        log.warning("lrelease not found: cannot compile %s", ts)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [*command, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not qm.exists():
        log.warning("lrelease failed on %s: %s", ts, result.stderr.strip())
        return False
    return True


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime)


def compile_translations() -> list[Path]:
    """Compile every `.ts` next to itself (build and test time); returns the `.qm` files."""
    compiled = []
    for ts in sorted(translations_dir().glob("motcua_*.ts")):
        qm = ts.with_suffix(".qm")
        if _fresh(qm, ts) or compile_ts(ts, qm):
            compiled.append(qm)
    return compiled


def qm_file(language: str, cache_dir: Path | None = None) -> Path | None:
    """The compiled translation of `language`, compiling it first if needed; None if there is none."""
    ts = ts_file(language)
    beside = ts.with_suffix(".qm")
    if _fresh(beside, ts):
        return beside
    if not ts.exists():
        return beside if beside.exists() else None
    try:
        if compile_ts(ts, beside):
            return beside
    except OSError:
        pass  # a read-only install: compile into the cache instead
    cached = (cache_dir or Path(tempfile.gettempdir()) / "motcua-translations") / beside.name
    if _fresh(cached, ts) or compile_ts(ts, cached):
        return cached
    return None


class Translations(QObject):
    """The translators installed in the application; `switch()` changes the language at run time."""

    def __init__(self, app: QCoreApplication, cache_dir: Path | None = None) -> None:
        super().__init__(app)
        self.setObjectName("translations")
        self._app = app
        self._cache_dir = cache_dir
        self._installed: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE

    def switch(self, language: str) -> bool:
        """Install `language` (vi or en); every open widget receives LanguageChange. Returns whether
        the language's own translation was found (Vietnamese always is)."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.remove()
        QLocale.setDefault(
            QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
        )
        qt_translator = QTranslator(self)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(f"qtbase_{language}", qt_dir) and self._app.installTranslator(qt_translator):
            self._installed.append(qt_translator)
        self.language = language
        if language == SOURCE_LANGUAGE:
            return True
        path = qm_file(language, self._cache_dir)
        translator = QTranslator(self)
        if path is not None and translator.load(str(path)) and self._app.installTranslator(translator):
            self._installed.append(translator)
            return True
        log.warning("no UI translation for %s; showing Vietnamese", language)
        return False

    def remove(self) -> None:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()


def install_translators(app: QCoreApplication, language: str) -> Translations:
    translations = Translations(app)
    translations.switch(language)
    return translations


def on_language_change(event: QEvent, retranslate: Callable[[], None]) -> None:
    """For a widget's changeEvent: re-label it when the language changes."""
    if event.type() == QEvent.Type.LanguageChange:
        retranslate()


if __name__ == "__main__":  # python -m ui.i18n update | compile
    action = sys.argv[1] if len(sys.argv) > 1 else "compile"
    if action == "update":
        for ts in sorted(translations_dir().glob("motcua_*.ts")):
            update_ts(ts)
    for qm in compile_translations():
        sys.stdout.write(f"{qm}\n")
