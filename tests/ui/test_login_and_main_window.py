from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import users
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.setup import initialise
from desktop_app.ui.login import ChangePasswordDialog, LoginDialog
from desktop_app.ui.main_window import MainWindow


def test_login_refuses_a_wrong_password_with_a_chinese_message(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    dialog = LoginDialog(ctx, "文水县刘胡兰镇人民政府")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, "admin")
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    with qtbot.assertNotEmitted(dialog.logged_in):
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    assert "登录名或密码不正确" in dialog.error_label.text()
    assert dialog.password_edit.text() == ""


def test_first_login_forces_a_password_change_then_opens_the_main_window(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    _, once = users.add_user(ctx, admin, "li", name="李四", roles="officer,team_lead")
    assert once
    dialog = LoginDialog(ctx, "文水县刘胡兰镇人民政府")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, "li")
    qtbot.keyClicks(dialog.password_edit, once)
    with qtbot.waitSignal(dialog.logged_in) as signal:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    result = signal.args[0]
    assert result.must_change_password

    change = ChangePasswordDialog(ctx, "li", forced=True)
    qtbot.addWidget(change)
    change.show()
    qtbot.keyClicks(change.old_edit, once)
    qtbot.keyClicks(change.new_edit, "new-pass-123")
    qtbot.keyClicks(change.repeat_edit, "new-pass-124")
    change.try_change()
    assert "不一致" in change.error_label.text()
    change.repeat_edit.clear()
    qtbot.keyClicks(change.repeat_edit, "new-pass-123")
    with qtbot.waitSignal(change.changed):
        change.try_change()
    assert not users.login_user(ctx, "li", "new-pass-123").must_change_password

    window = MainWindow(ctx, result.actor, "文水县刘胡兰镇人民政府")
    qtbot.addWidget(window)
    window.show()
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["工作台", "案件", "统计"]  # an officer/team lead sees cases and figures, no settings
    assert "李四（执法人员、执法队长）" in window.user_label.text()


def test_admin_sees_system_settings_and_dashboard_warnings(qtbot: QtBot, ctx: AppContext) -> None:
    initialise(ctx, admin_password="Admin-pass-1")
    admin = users.login_user(ctx, "admin", "Admin-pass-1").actor
    window = MainWindow(ctx, admin, "文水县刘胡兰镇人民政府")
    qtbot.addWidget(window)
    window.show()
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["工作台", "系统设置"]
    warnings = window.pages.widget(0).warnings.text()
    assert "执法事项清单仍为示例" in warnings
    assert "2027 年法定节假日" in warnings
    window.nav.setCurrentRow(1)
    assert window.pages.currentIndex() == 1
    # what the admin changes there shows on 工作台 when it is shown again (no case step in between)
    users_card = window.pages.widget(0).findChild(QLabel, "refCard2")
    assert users_card is not None and users_card.text() == "1"
    users.add_user(ctx, admin, "li", name="李四", roles="officer", password="pass-word-1")
    window.nav.setCurrentRow(0)

    def shown() -> list[str]:
        return [c.text() for c in window.pages.widget(0).findChildren(QLabel, "refCard2") if c.isVisible()]

    qtbot.waitUntil(lambda: shown() == ["2"])


def test_standard_buttons_are_chinese(qtbot: QtBot) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text().replace("&", "").startswith("确定")
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "").startswith("取消")
