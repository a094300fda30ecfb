"""Qt set-up shared by the application and the tests: bundled CJK font, Qt's own Chinese
translation (确定/取消 rather than OK/Cancel), and the one style sheet."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.paths import resource

logger = logging.getLogger(__name__)

UI_FONT_FILE = ("fonts", "wqy-zenhei.ttc")
BODY_POINT_SIZE = 10.5  # UX.md: body text at least 10.5 pt

STYLE_SHEET = """
QWidget { font-size: 10.5pt; }
QListWidget#nav { background: #f3f5f8; border: none; border-right: 1px solid #d6dbe3; }
QListWidget#nav::item { padding: 10px 16px; }
QListWidget#nav::item:selected { background: #dbe7f7; color: #0b3d91; }
QLabel#pageTitle { font-size: 15pt; font-weight: bold; color: #1f2d3d; }
QLabel#demoBanner { background: #fff4ce; color: #6b4e00; padding: 4px 8px; }
QLabel#errorText { color: #b3261e; }
QFrame#card { background: #ffffff; border: 1px solid #d6dbe3; border-radius: 4px; }
"""

_translators: list[QTranslator] = []


def register_fonts() -> str | None:
    """Register the bundled CJK font; returns its family name (None when it is missing)."""
    path: Path = resource(*UI_FONT_FILE)
    if not path.exists():
        logger.warning("bundled UI font missing: %s", path)
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        logger.warning("could not load bundled UI font %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


def install_chinese(app: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
        else:
            logger.warning("Qt translation %s not found in %s", name, folder)


def configure_application(app: QApplication) -> None:
    """Idempotent: a second call (every test, a re-login) changes nothing — setting the style sheet
    again would re-polish every widget alive, which grows slow as windows accumulate."""
    if app.styleSheet() == STYLE_SHEET:  # set last: the rest is done too
        return
    family = register_fonts()
    if family:
        font = QFont(family)
        font.setPointSizeF(BODY_POINT_SIZE)
        app.setFont(font)
    install_chinese(app)
    app.setStyleSheet(STYLE_SHEET)
