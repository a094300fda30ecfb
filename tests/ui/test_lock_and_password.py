"""锁定 after idle time (the same user's password; failures count toward the lockout; 切换用户 from
there) and 修改密码 from the account menu and at first login."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.app import GuiController
from desktop_app.services import settings as settings_service
from desktop_app.services import users
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.ui.login import ChangePasswordDialog, password_problem
from desktop_app.ui.main_window import MainWindow, idle_lock_ms

TOWNSHIP = "文水县刘胡兰镇人民政府"


pytestmark = pytest.mark.usefixtures("synchronous_runner")


@pytest.fixture
def lead(ctx: AppContext, admin: Actor) -> Actor:
    users.add_user(ctx, admin, "li", name="李四", roles="officer,team_lead", password="li-pass-123",
                   must_change_password=False)
    return users.resolve_actor(ctx, "li", via="gui")


def test_idle_time_locks_the_window_and_the_same_password_unlocks(qtbot: QtBot, ctx: AppContext,
                                                                   lead: Actor) -> None:
    window = MainWindow(ctx, lead, TOWNSHIP, idle_timeout_ms=300)
    qtbot.addWidget(window)
    window.show()
    window.new_clue()  # a dialog open when the user walks away is hidden too
    dialog = window.new_case_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert window.frame.currentWidget() is window.lock_page
    assert not window._content.isVisible() and not dialog.isVisible()
    assert "李四" in window.lock_page.who.text()

    qtbot.keyClicks(window.lock_page.password_edit, "wrong-pass-1")
    qtbot.keyClick(window.lock_page.password_edit, Qt.Key.Key_Return)
    assert window.locked
    assert "还可尝试 4 次" in window.lock_page.error_label.text()  # it counts as a failed login
    assert window.lock_page.password_edit.text() == ""

    qtbot.keyClicks(window.lock_page.password_edit, "li-pass-123")
    qtbot.mouseClick(window.lock_page.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.locked and window._content.isVisible()
    assert dialog.isVisible()  # what was being typed is still there


def test_wrong_passwords_at_the_lock_lock_the_account_as_at_login(qtbot: QtBot, ctx: AppContext,
                                                                  lead: Actor) -> None:
    window = MainWindow(ctx, lead, TOWNSHIP, idle_timeout_ms=0)  # 0: never by itself
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert window.locked
    for _ in range(5):
        window.lock_page.password_edit.setText("wrong-pass-1")
        window.lock_page.try_unlock()
    assert "账号已锁定" in window.lock_page.error_label.text()
    window.lock_page.password_edit.setText("li-pass-123")  # even the right one now waits
    window.lock_page.try_unlock()
    assert window.locked and "锁定" in window.lock_page.error_label.text()
    with qtbot.waitSignal(window.switch_user_requested):
        qtbot.mouseClick(window.lock_page.switch_button, Qt.MouseButton.LeftButton)


def test_switch_user_from_the_lock_returns_to_the_login(qtbot: QtBot, ctx: AppContext, lead: Actor) -> None:
    controller = GuiController(ctx, TOWNSHIP)
    controller._open_main(lead)
    window = controller.window
    qtbot.addWidget(window)
    window.lock()
    qtbot.mouseClick(window.lock_page.switch_button, Qt.MouseButton.LeftButton)
    assert controller.window is None
    login = controller.dialog
    qtbot.addWidget(login)
    assert login.isVisible() and login.windowTitle().startswith("登录")


def test_the_idle_time_comes_from_the_settings(ctx: AppContext, admin: Actor) -> None:
    assert idle_lock_ms(ctx) == 10 * 60_000  # the default: 10 minutes
    settings_service.set_setting(ctx, admin, "security.idle_lock_minutes", "15")
    assert idle_lock_ms(ctx) == 15 * 60_000


@pytest.mark.parametrize(("new", "rule"), [
    ("ab1", "至少 8 位（现为 3 位）"), ("abcdefghij", "同时包含字母和数字"), ("1234567890", "同时包含字母和数字"),
    ("li-pass-123", "不能与原密码相同")])
def test_password_rules_are_named_in_chinese(new: str, rule: str) -> None:
    problem = password_problem(new, "li-pass-123")
    assert problem is not None and rule in problem and problem.startswith("新密码")


def test_change_password_from_the_account_menu(qtbot: QtBot, ctx: AppContext, lead: Actor) -> None:
    window = MainWindow(ctx, lead, TOWNSHIP, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    assert window.account_menu.actions()[0].text() == "修改密码…"
    window.password_action.trigger()
    dialog = window.password_dialog
    assert isinstance(dialog, ChangePasswordDialog) and dialog.isVisible()
    assert dialog.save_button.text() == "修改密码"

    dialog.old_edit.setText("li-pass-123")
    dialog.new_edit.setText("short1")
    dialog.new_edit.editingFinished.emit()  # leaving the field checks it
    assert "新密码至少 8 位" in dialog.error_label.text()
    dialog.new_edit.setText("new-pass-456")
    dialog.repeat_edit.setText("new-pass-457")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "两次输入的新密码不一致" in dialog.error_label.text() and dialog.isVisible()

    dialog.old_edit.setText("not-my-pass-1")
    dialog.repeat_edit.setText("new-pass-456")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "原密码不正确" in dialog.error_label.text() and dialog.isVisible()
    assert dialog.new_edit.text() == "new-pass-456"  # nothing typed is lost but the wrong password

    dialog.old_edit.setText("li-pass-123")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("密码已修改" in b.text() for b in boxes)
    for b in boxes:
        b.close()
    assert users.login_user(ctx, "li", "new-pass-456").actor.login == "li"


def test_first_login_forces_the_change_before_the_main_window(qtbot: QtBot, ctx: AppContext,
                                                              admin: Actor) -> None:
    _, once = users.add_user(ctx, admin, "wang", name="王五", roles="officer")
    assert once
    controller = GuiController(ctx, TOWNSHIP)
    controller.start()
    login = controller.dialog
    qtbot.addWidget(login)
    login.login_edit.setText("wang")
    login.password_edit.setText(once)
    login.try_login()
    forced = controller.dialog
    qtbot.addWidget(forced)
    assert isinstance(forced, ChangePasswordDialog) and forced.forced and forced.isVisible()
    assert controller.window is None  # no main window before the change
    forced.old_edit.setText(once)
    forced.new_edit.setText("wang-pass-1")
    forced.repeat_edit.setText("wang-pass-1")
    forced.try_change()
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.isVisible() and window.actor.login == "wang"
    assert not users.login_user(ctx, "wang", "wang-pass-1").must_change_password
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QDialog):
            w.close()
