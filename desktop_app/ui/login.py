"""登录 and 修改密码 dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_TITLE
from desktop_app.services import users as users_service
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError


class LoginDialog(QDialog):
    """Asks for login and password; emits `logged_in` with the services' LoginResult."""

    logged_in = Signal(object)

    def __init__(self, ctx: AppContext, township_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("登录 — %1").replace("%1", APP_TITLE))
        self.setMinimumWidth(420)
        title = QLabel(township_title)
        title.setObjectName("pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(APP_TITLE)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel("")
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("登录名："), self.login_edit)
        form.addRow(self.tr("密码："), self.password_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登录"))
        ok.setObjectName("loginButton")
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def try_login(self) -> None:
        login = self.login_edit.text().strip()
        if not login:
            self.error_label.setText(self.tr("请输入登录名"))
            return
        try:
            result = users_service.login_user(self.ctx, login, self.password_edit.text())
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.error_label.clear()
        self.accept()
        self.logged_in.emit(result)


class ChangePasswordDialog(QDialog):
    """Forced at first login (and available from the menu)."""

    changed = Signal()

    def __init__(self, ctx: AppContext, login: str, *, forced: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.login = login
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(420)
        hint = QLabel(self.tr("首次登录须修改密码。") if forced else self.tr("请输入原密码和新密码。"))
        hint.setWordWrap(True)
        self.old_edit = QLineEdit()
        self.old_edit.setObjectName("oldPassword")
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("newPassword")
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatPassword")
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel("")
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("原密码："), self.old_edit)
        form.addRow(self.tr("新密码："), self.new_edit)
        form.addRow(self.tr("再次输入："), self.repeat_edit)
        rule = QLabel(self.tr("至少 8 位，须同时包含字母和数字。"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("saveButton")
        buttons.accepted.connect(self.try_change)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def try_change(self) -> None:
        if self.new_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("两次输入的新密码不一致"))
            return
        try:
            users_service.change_password(self.ctx, self.login, self.old_edit.text(), self.new_edit.text())
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return
        self.accept()
        self.changed.emit()
