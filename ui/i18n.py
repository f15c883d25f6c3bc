"""Translations of the desk UI. Source strings are Vietnamese, so "vi" needs no file.

A later issue adds `ui/translations/motcua_<lang>.ts` (pyside6-lupdate over ui/) and the compiled .qm.
"""

from __future__ import annotations

import logging
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "vi"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the app's and Qt's own translations for `language`; returns what was installed.

    Keep the returned translators alive (the application does not own them).
    """
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English))
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir) and app.installTranslator(qt_translator):
        installed.append(qt_translator)
    if language == SOURCE_LANGUAGE:
        return installed
    entry = files("ui") / "translations" / f"motcua_{language}.qm"
    if not entry.is_file():
        log.info("no UI translation for %s yet; showing Vietnamese", language)
        return installed
    translator = QTranslator(app)
    if isinstance(entry, Path) and translator.load(str(entry)) and app.installTranslator(translator):
        installed.append(translator)
    else:
        log.warning("UI translation %s could not be loaded", entry)
    return installed
