"""Qt set-up shared by the application and the tests: bundled CJK font, Qt's own Chinese
translation (确定/取消 rather than OK/Cancel), and the one style sheet."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QRect, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

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
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] {
    background: #f1f3f6; color: #374151; border: 1px solid #e1e5eb; }
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


# Qt's own catalogues: qtbase (the standard buttons, the file dialog) and qt, the umbrella that pulls
# in the other modules' (qtmultimedia …); both ship in PySide6's Qt/translations.
QT_CATALOGUES = ("qtbase_zh_CN", "qt_zh_CN")
# The texts Qt's zh_CN catalogue lacks for this Qt version (the file dialog's "&Look in:", "Files of
# &type:", the "Folder" type: F12), compiled from resources/translations/qt_supplement_zh_CN.ts. A .qm,
# not a Python QTranslator subclass: PySide6 (6.12) passes the null disambiguation to a Python
# translate() as None without a reference and the interpreter soon aborts ("deallocating None").
QT_SUPPLEMENT = "qt_supplement_zh_CN"


def translation_folders() -> list[Path]:
    """Where Qt's .qm files may be: Qt's own idea (a plain install), PySide6's package folder (a
    PyInstaller bundle keeps it under PySide6/Qt/translations; QLibraryInfo may point elsewhere
    there), and the application's resources (a copy shipped with the installer)."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6

        folders.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    except (ImportError, TypeError):  # a frozen build without the package's __file__
        pass
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders += [Path(bundle) / "PySide6" / "Qt" / "translations", Path(bundle) / "translations"]
    with contextlib.suppress(FileNotFoundError):
        folders.append(resource("translations"))
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def _install(app: QApplication, name: str, folders: list[Path]) -> bool:
    translator = QTranslator(app)
    if not any((f / f"{name}.qm").is_file() and translator.load(name, str(f)) for f in folders):
        logger.warning("Qt translation %s not found in %s", name, ", ".join(map(str, folders)))
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def install_chinese(app: QApplication) -> None:
    """Qt's Chinese (确定 / 取消, the file dialog's labels) and the application's supplement to it."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folders = translation_folders()
    for name in (*QT_CATALOGUES, QT_SUPPLEMENT):
        _install(app, name, folders)


SCREEN_SHARE = 0.95  # a window opens at most this share of the free screen: its frame stays in view
FITTED = "screenFitted"  # a window is fitted once, on its first show; afterwards the user sizes it
WHEEL_GUARDED = "wheelGuarded"  # a field under the WheelGuard


def available_room(widget: QWidget) -> QRect:
    """The free part of the widget's screen (without the taskbar), in logical pixels — at 125 %
    on 1366×768 that is about 1092×576, far less than the 1366×740 a window may ask for."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 600)


def fit_to_screen(widget: QWidget) -> None:
    """Shrink a window larger than the free screen and move it inside, so that its title bar and
    its buttons (登记/取消, 决定…) can be reached (F33). Dialogs scroll their fields inside."""
    room = available_room(widget)
    if room.isEmpty():
        return
    # the window frame (title bar, borders) is not part of size(); leave room for it
    frame_w = max(0, widget.frameGeometry().width() - widget.width())
    frame_h = max(0, widget.frameGeometry().height() - widget.height())
    max_w = int(room.width() * SCREEN_SHARE) - frame_w
    max_h = int(room.height() * SCREEN_SHARE) - frame_h
    size = widget.size()
    if size.width() <= max_w and size.height() <= max_h:
        return
    widget.resize(max(min(size.width(), max_w), 1), max(min(size.height(), max_h), 1))
    geometry = widget.frameGeometry()
    x = min(max(geometry.x(), room.x()), room.right() - geometry.width() + 1)
    y = min(max(geometry.y(), room.y()), room.bottom() - geometry.height() + 1)
    widget.move(max(x, room.x()), max(y, room.y()))


class ScreenFitter(QObject):
    """Applies fit_to_screen to every top-level window and dialog when first shown — one place,
    so that no window (and no dialog added later) can open larger than a small screen."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow()
                and not watched.property(FITTED)):
            window_type = watched.windowType()
            if window_type not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen):
                watched.setProperty(FITTED, True)
                fit_to_screen(watched)
                guard_wheels(watched)
        return False


_screen_fitter = ScreenFitter()


class WheelGuard(QObject):
    """The mouse wheel scrolls a form; it changes a combo box, date or number only once the user has
    put the focus in it. Scrolling a long dialog once moved a 发生时间 two years back and turned an
    审核要点 to 不符合 without a word (exploratory test): a wheel turn over an unfocused field goes to
    the scroll area around it instead."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            area = watched.parentWidget()
            while area is not None and not isinstance(area, QAbstractScrollArea):
                area = area.parentWidget()
            if area is not None:
                QCoreApplication.sendEvent(area.verticalScrollBar(), event)
            return True  # never to the field itself
        return False


_wheel_guard = WheelGuard()


def guard_wheels(window: QWidget) -> None:
    """Put the window's combo boxes, dates and numbers under the WheelGuard (each its own filter: an
    application-wide one, called for every event, crashed PySide6 at exit). Done when a window is
    first shown (ScreenFitter); a field added later can be guarded the same way."""
    for field in (*window.findChildren(QComboBox), *window.findChildren(QAbstractSpinBox)):
        if field.property(WHEEL_GUARDED):
            continue
        field.setProperty(WHEEL_GUARDED, True)
        if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            # Qt's default for these takes the focus on a wheel turn, before any filter sees it
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(_wheel_guard)


def configure_application(app: QApplication) -> None:
    """Idempotent: a second call (every test, a re-login) changes nothing — setting the style sheet
    again would re-polish every widget alive, which grows slow as windows accumulate."""
    app.installEventFilter(_screen_fitter)  # installing twice keeps one filter
    if app.styleSheet() == STYLE_SHEET:  # set last: the rest is done too
        return
    family = register_fonts()
    if family:
        font = QFont(family)
        font.setPointSizeF(BODY_POINT_SIZE)
        app.setFont(font)
    install_chinese(app)
    icon = resource("icons", "app.png")
    if icon.is_file():  # every window's title bar and the taskbar (resources/icons/README.md)
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyleSheet(STYLE_SHEET)
