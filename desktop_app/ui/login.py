"""登录 and 修改密码 dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
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


def password_problem(new: str, old: str | None = None) -> str | None:
    """The rule a new password breaks, in words naming the field and the rule (services.users has the
    same rules and checks them again on save)."""
    if len(new) < users_service.MIN_PASSWORD_LENGTH:
        return QCoreApplication.translate("ChangePasswordDialog", "新密码至少 %1 位（现为 %2 位）") \
            .replace("%1", str(users_service.MIN_PASSWORD_LENGTH)).replace("%2", str(len(new)))
    if new.isdigit() or new.isalpha():
        return QCoreApplication.translate("ChangePasswordDialog", "新密码须同时包含字母和数字（或其他字符）")
    if old is not None and old and new == old:
        return QCoreApplication.translate("ChangePasswordDialog", "新密码不能与原密码相同")
    return None


class ChangePasswordDialog(QDialog):
    """Forced at first login (GuiController) and available from the account menu."""

    changed = Signal()

    def __init__(self, ctx: AppContext, login: str, *, forced: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.login = login
        self.forced = forced
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(460)
        # two sentences on two lines: one line of 33 characters is just wider than the dialog and
        # left "码。" alone on the second (F4)
        hint = QLabel(self.tr("首次登录须修改密码。\n请把管理员给的一次性密码换成只有您知道的密码。") if forced
                      else self.tr("请输入原密码和新密码。"))
        hint.setObjectName("passwordIntro")
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
        form.addRow(self.tr("原密码：") if not forced else self.tr("一次性密码："), self.old_edit)
        form.addRow(self.tr("新密码："), self.new_edit)
        form.addRow(self.tr("再次输入："), self.repeat_edit)
        rule = QLabel(self.tr("新密码至少 %1 位，须同时包含字母和数字，且不能与原密码相同。")
                      .replace("%1", str(users_service.MIN_PASSWORD_LENGTH)))
        rule.setWordWrap(True)
        rule.setStyleSheet("QLabel { color: #4b5563; }")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setText(self.tr("修改密码"))
        if forced:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出登录"))
        buttons.accepted.connect(self.try_change)
        buttons.rejected.connect(self.reject)
        # checked when a field is left (UX.md), and again on save
        self.new_edit.editingFinished.connect(self._check_new)
        self.repeat_edit.editingFinished.connect(self._check_repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def _check_new(self) -> None:
        if self.new_edit.text():
            self.error_label.setText(password_problem(self.new_edit.text(), self.old_edit.text()) or "")

    def _check_repeat(self) -> None:
        if self.repeat_edit.text() and self.repeat_edit.text() != self.new_edit.text():
            self.error_label.setText(self.tr("两次输入的新密码不一致：请在“再次输入”中重新输入新密码"))
        elif not self.error_label.text().startswith(self.tr("新密码")):
            self.error_label.clear()

    def problem(self) -> str | None:
        if not self.old_edit.text():
            return self.tr("请输入原密码") if not self.forced else self.tr("请输入一次性密码")
        found = password_problem(self.new_edit.text(), self.old_edit.text())
        if found:
            return found
        if self.new_edit.text() != self.repeat_edit.text():
            return self.tr("两次输入的新密码不一致：请在“再次输入”中重新输入新密码")
        return None

    def try_change(self) -> None:
        found = self.problem()
        if found:
            self.error_label.setText(found)
            return
        try:
            users_service.change_password(self.ctx, self.login, self.old_edit.text(), self.new_edit.text())
        except ServiceError as exc:
            text = str(exc)
            if "登录名或密码不正确" in text:  # the old password was wrong (it counts toward the lockout)
                text = text.replace("登录名或密码不正确", self.tr("原密码不正确"))
            self.error_label.setText(text)
            self.old_edit.clear()
            self.old_edit.setFocus()
            return
        self.accept()
        self.changed.emit()
