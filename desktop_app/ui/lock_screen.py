"""锁定: after the idle time (setting security.idle_lock_minutes) or on request, the main window's
contents are hidden behind a page that asks for the same user's password. A wrong password counts
toward the account's lockout exactly as at login (the same service); 切换用户 is offered there."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import users as users_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError

# What counts as the user being at the desk (a timer or a repaint does not).
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride}


class IdleWatcher(QObject):
    """Emits `idle` once no keyboard or mouse input reached the application for `timeout_ms`.

    An application-wide event filter notes the time of the last input (cheap: no timer restart per
    mouse move); a coarse timer compares it with the limit."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self.since = QElapsedTimer()
        self.since.start()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check)
        self.paused = False
        self.set_timeout(timeout_ms)

    def set_timeout(self, timeout_ms: int) -> None:
        """0 turns the lock off."""
        self.timeout_ms = timeout_ms
        self.since.restart()
        if timeout_ms > 0:
            # check often enough that the lock comes at most ~5 % late, but not more than 4× a second
            self.timer.start(max(50, min(timeout_ms // 20, 250)) if timeout_ms < 5000 else 1000)
        else:
            self.timer.stop()

    def activity(self) -> None:
        self.since.restart()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.since.restart()
        return False

    def _check(self) -> None:
        if not self.paused and self.timeout_ms > 0 and self.since.elapsed() >= self.timeout_ms:
            self.paused = True  # until the window is unlocked
            self.idle.emit()


class LockPage(QWidget):
    """The page shown instead of the window's contents while it is locked."""

    unlocked = Signal()
    switch_user_requested = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        self.ctx = ctx
        self.actor = actor
        panel = QFrame()
        panel.setObjectName("card")
        panel.setMinimumWidth(420)
        panel.setMaximumWidth(560)
        title = QLabel(self.tr("已锁定"))
        title.setObjectName("pageTitle")
        # plain words: the user often locked it himself a second ago (no "已离开")
        self.who = QLabel(self.tr("屏幕已锁定。请输入 %1 的密码解锁。").replace("%1", actor.name))
        self.who.setObjectName("lockMessage")
        self.who.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("unlockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.try_unlock)
        self.error_label = QLabel("")
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("登录名："), QLabel(actor.login))
        form.addRow(self.tr("密码："), self.password_edit)
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button = QPushButton(self.tr("切换用户"))
        self.switch_button.setObjectName("lockSwitchUser")
        self.switch_button.clicked.connect(self.switch_user_requested.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(title)
        inner.addWidget(self.who)
        inner.addSpacing(8)
        inner.addLayout(form)
        inner.addWidget(self.error_label)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setAutoFillBackground(True)
        self.setStyleSheet("QWidget#lockPage { background: #e9edf3; }")

    def reset(self) -> None:
        self.password_edit.clear()
        self.error_label.clear()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_unlock(self) -> None:
        password = self.password_edit.text()
        if not password:
            self.error_label.setText(self.tr("请输入密码"))
            return
        try:
            # the login service itself: failures are counted, audited and lock the account as at login
            users_service.login_user(self.ctx, self.actor.login, password, via=self.actor.via)
        except ServiceError as exc:
            # the login name is fixed and shown here: only the password can be wrong
            self.error_label.setText(str(exc).replace(self.tr("登录名或密码不正确"), self.tr("密码不正确")))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.error_label.clear()
        self.password_edit.clear()
        self.unlocked.emit()
