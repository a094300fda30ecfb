"""The GUI's composition root. Start-up order (STYLE.md 1): excepthook → arguments → paths →
logging → database (migrate) → QApplication → login → main window."""

from __future__ import annotations

import argparse
import logging
import sys
from types import TracebackType
from typing import Any

from desktop_app import APP_TITLE
from desktop_app.clock import Clock
from desktop_app.logs import setup_logging
from desktop_app.paths import DataDir, resolve_data_dir

logger = logging.getLogger(__name__)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    logger.critical("unhandled exception", exc_info=(kind, value, tb))
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            QMessageBox.critical(None, APP_TITLE, "程序出现内部错误，操作未完成。详细信息已写入日志文件。")
    except Exception:  # the hook must never raise itself
        pass


class GuiController:
    """Holds the windows of one run: login, forced password change, main window, re-login."""

    def __init__(self, ctx: Any, township_title: str) -> None:
        self.ctx = ctx
        self.township_title = township_title
        self.window: Any = None
        self.dialog: Any = None

    def start(self) -> None:
        from desktop_app.ui.login import LoginDialog

        self.dialog = LoginDialog(self.ctx, self.township_title)
        self.dialog.logged_in.connect(self._logged_in)
        self.dialog.show()

    def _logged_in(self, result: Any) -> None:
        from desktop_app.ui.login import ChangePasswordDialog

        if result.must_change_password:
            self.dialog = ChangePasswordDialog(self.ctx, result.actor.login, forced=True)
            self.dialog.changed.connect(lambda: self._open_main(result.actor))
            self.dialog.rejected.connect(self.start)
            self.dialog.show()
        else:
            self._open_main(result.actor)

    def _open_main(self, actor: Any) -> None:
        from desktop_app.ui.main_window import MainWindow

        self.window = MainWindow(self.ctx, actor, self.township_title)
        self.window.switch_user_requested.connect(self._switch_user)
        self.window.show()
        # the login dialog had the focus: without this the first click or shortcut (Ctrl+N) in the new
        # window may only activate it (explorer F35)
        self.window.raise_()
        self.window.activateWindow()

    def _switch_user(self) -> None:
        """切换用户: the window closes and the login asks again (nothing unsaved lives in the window)."""
        old, self.window = self.window, None
        self.start()  # the login first: closing the last window would end the application
        if old is not None:
            old.close()
            old.deleteLater()


def run_gui(args: argparse.Namespace) -> int:
    sys.excepthook = _excepthook
    root = resolve_data_dir(getattr(args, "data_dir", None))
    setup_logging(DataDir(root).logs)

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_app.services import setup as setup_service
    from desktop_app.services import township as township_service
    from desktop_app.services.bootstrap import open_context
    from desktop_app.services.errors import ServiceError
    from desktop_app.ui.qt_setup import configure_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_TITLE)
    configure_application(app)
    try:
        ctx = open_context(root, db_url=getattr(args, "db_url", None), clock=Clock.from_environment())
        first = None
        if not setup_service.is_initialised(ctx):
            first = setup_service.initialise(ctx, via="gui")
        township = township_service.get_township(ctx)
    except ServiceError as exc:
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return 1
    if first is not None and first.one_time_password:
        box = QMessageBox(QMessageBox.Icon.Information, APP_TITLE,
                          f"首次使用：已创建管理员账号 admin。\n\n一次性密码：{first.one_time_password}\n\n"
                          "请记下此密码，用它登录后须立即修改。此密码不会再次显示。")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()
    controller = GuiController(ctx, township.government_name)
    controller.start()
    code = app.exec()
    ctx.db.dispose()
    return int(code)
