"""Fixes of the exploratory test (notes/explore.md), each checked the way the tester met it: the case
header keeps the party (F2), the navigation and 返回 lead back to where a case was opened from (F14,
F18), 调查取证 from a later step reads 退回补充调查 (F15), the lock screen's words and the menu's
shortcut (F13), the 工作台 hint line is whole (F22) and tells others whom to ask (F25), the 审核 tab
shows the 法制审核 result (F40), a deadline met late says so (F39), read-only settings look read-only
(F36)."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.users import resolve_actor
from desktop_app.ui.case_list import CaseListPage
from desktop_app.ui.main_window import MainWindow
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import conclude_and_review, notify_and_serve, open_case, t, waive_both

TOWNSHIP = "文水县刘胡兰镇人民政府"
START = date(2026, 10, 8)


pytestmark = pytest.mark.usefixtures("synchronous_runner")


@pytest.fixture
def walker(ctx: AppContext, tmp_path: Path) -> Walker:
    create_demo(ctx, cases=0, seed=3)
    proof = tmp_path / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan of a signed receipt")
    return Walker(ctx, lambda login: resolve_actor(ctx, login, via="cli"), proof)


def _shot(widget: QWidget, name: str) -> None:
    """SHOT_DIR=… saves what the test saw, to look at it."""
    folder = os.environ.get("SHOT_DIR")
    if folder:
        widget.grab().save(os.path.join(folder, name + ".png"))


def _window(qtbot: QtBot, ctx: AppContext, login: str, width: int = 1100) -> MainWindow:
    window = MainWindow(ctx, resolve_actor(ctx, login, via="gui"), TOWNSHIP, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    window.resize(width, 700)
    return window


def test_the_header_keeps_the_party_and_elides_the_item(qtbot: QtBot, walker: Walker) -> None:
    walker.new(item="DQ-01")  # 对未经批准在人口集中地区……: a long item name
    window = _window(qtbot, walker.ctx, "demo-lead", width=900)
    window.open_case(walker.case_id)
    ws = window.workspace
    qtbot.wait(10)
    assert ws.party_label.text() == "当事人：王某某"
    assert ws.party_label.isVisible()
    assert ws.party_label.width() >= ws.party_label.sizeHint().width()  # whole, not cut
    assert ws.title_label.width() < ws.title_label.fontMetrics().horizontalAdvance(ws.title_label.text())
    _shot(ws, "header-long-item")


def test_the_case_navigation_item_returns_to_the_list(qtbot: QtBot, walker: Walker) -> None:
    walker.new()
    window = _window(qtbot, walker.ctx, "demo-lead")
    row = window._case_list_row
    window.nav.setCurrentRow(row)
    assert isinstance(window.pages.currentWidget(), CaseListPage)
    window.open_case(walker.case_id)
    assert window.pages.currentWidget() is window.workspace
    assert window.workspace.back_button.text() == "← 返回案件列表"
    item = window.nav.item(row)
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert isinstance(window.pages.currentWidget(), CaseListPage)


def test_back_names_the_dashboard_when_opened_from_there(qtbot: QtBot, walker: Walker) -> None:
    walker.new()
    window = _window(qtbot, walker.ctx, "demo-lead")
    assert window.nav.currentRow() == 0
    window.open_case(walker.case_id)
    assert window.workspace.back_button.text() == "← 返回工作台"
    qtbot.mouseClick(window.workspace.back_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.dashboard


def test_investigate_from_a_later_step_reads_back_to_investigation(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START)
    walker.do("demo-officer1", "conclude", t(START + timedelta(days=10)), findings="事实清楚，证据确凿")
    window = _window(qtbot, walker.ctx, "demo-lead")
    window.open_case(walker.case_id)
    button = window.workspace.action_buttons["investigate"]
    assert button.text() == "退回补充调查"
    assert "调查取证" not in [b.text() for b in window.workspace.action_buttons.values()]
    button.click()
    dialog = window.workspace.dialog
    assert dialog is not None and dialog.ok_button.text() == "退回补充调查"
    dialog.reject()


def test_the_lock_screen_words_and_the_menu_shortcut(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    from desktop_app.services import users
    users.add_user(ctx, admin, "li", name="李四", roles="officer,team_lead", password="li-pass-123",
                   must_change_password=False)
    window = _window(qtbot, ctx, "li")
    lock_action = window.account_menu.findChild(type(window.password_action), "lockAction")
    assert lock_action is not None and lock_action.shortcut().toString() == "Ctrl+L"
    assert lock_action.isShortcutVisibleInContextMenu()
    window.lock()
    assert window.lock_page.who.text() == "屏幕已锁定。请输入 李四 的密码解锁。"
    window.lock_page.password_edit.setText("wrong-pass-1")
    window.lock_page.try_unlock()
    assert window.lock_page.error_label.text().startswith("密码不正确（还可尝试 4 次")


def test_the_more_line_on_the_dashboard_spans_the_row(qtbot: QtBot, walker: Walker,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(3):
        walker.new()
    from desktop_app.services.cases import worklist as worklist_module
    original = worklist_module.worklist

    def fewer(*args: object, **kw: object) -> object:  # the worklist shows 1 of each queue
        data = original(*args, **kw)  # type: ignore[arg-type]
        for q in data.queues:
            object.__setattr__(q, "items", q.items[:1]) if q.items else None
        return data

    from desktop_app.ui.pages import dashboard
    monkeypatch.setattr(dashboard, "worklist", fewer)
    window = _window(qtbot, walker.ctx, "demo-lead")
    tree = window.dashboard.work_tree
    hints = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        hints += [top.child(j) for j in range(top.childCount()) if "另有" in top.child(j).text(0)]
    assert hints, "no queue with more items than shown"
    assert all(h.isFirstColumnSpanned() for h in hints)
    _shot(window.dashboard, "dashboard-more-line")


def test_the_calendar_warning_tells_others_to_ask_the_administrator(qtbot: QtBot, walker: Walker,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.ui.pages import dashboard
    original = dashboard.reference_summary

    def missing(*args: object, **kw: object) -> object:
        s = original(*args, **kw)  # type: ignore[arg-type]
        object.__setattr__(s, "next_year_missing", True)
        return s

    monkeypatch.setattr(dashboard, "reference_summary", missing)
    officer = _window(qtbot, walker.ctx, "demo-officer1")
    text = officer.dashboard.warnings.text()
    assert "请联系系统管理员录入" in text and "请在系统设置中录入" not in text
    admin = _window(qtbot, walker.ctx, "demo-admin")
    assert "请在系统设置中录入" in admin.dashboard.warnings.text()


def test_the_review_tab_shows_the_legal_review_result(qtbot: QtBot, walker: Walker) -> None:
    from desktop_app.services.cases.queries import show_case
    from desktop_app.ui.case_tabs import ReviewTab
    open_case(walker, START, item="SL-01")  # a 重大执法决定: 法制审核 required
    conclude_and_review(walker, START + timedelta(days=10))
    notify_and_serve(walker, START + timedelta(days=11), amount=20000)  # SL-01: 1—5 万元
    waive_both(walker, START + timedelta(days=12))
    walker.do("demo-officer1", "submit_review", t(START + timedelta(days=13)))
    walker.do("demo-reviewer", "legal_review", t(START + timedelta(days=14)), outcome="passed", opinion="同意")
    detail = show_case(walker.ctx, walker.who("demo-leader"), walker.case_id)
    tab = ReviewTab()
    qtbot.addWidget(tab)
    tab.show_detail(detail, walker.ctx.clock.today())
    review = tab.findChild(QTableWidget, "reviewTable")
    assert review is not None
    rows = {review.item(r, 2).text(): review.item(r, 4).text() for r in range(review.rowCount())}
    assert rows.get("法制审核") in ("通过", "同意（通过）"), rows


def test_a_deadline_met_late_says_how_late() -> None:
    from desktop_app.services.cases.queries import DeadlineInfo
    from desktop_app.ui.formatting import days_late, deadline_colours, deadline_status_text
    late = DeadlineInfo("decision", "作出处罚决定期限", date(2026, 4, 27), "calendar", "行政处罚法第六十条",
                        "met", False, date(2026, 12, 1))
    on_time = DeadlineInfo("decision", "作出处罚决定期限", date(2026, 4, 27), "calendar", "行政处罚法第六十条",
                           "met", False, date(2026, 4, 20))
    assert deadline_status_text(late, date(2026, 12, 1)) == "已完成（2026-12-01，逾期 218 天）"
    assert deadline_status_text(on_time, date(2026, 12, 1)) == "已完成（2026-04-20）"
    assert days_late(late) == 218 and deadline_colours("met", late=True) is not None
    assert deadline_colours("met") is None


def test_read_only_settings_look_read_only(qtbot: QtBot, walker: Walker) -> None:
    from desktop_app.ui.pages.admin.township import TownshipTab
    tab = TownshipTab(walker.ctx, resolve_actor(walker.ctx, "demo-supervisor", via="gui"))
    qtbot.addWidget(tab)
    tab.show()
    edit = next(iter(tab.edits.values()))
    assert isinstance(edit, QLineEdit) and edit.isReadOnly()
    image = edit.grab().toImage()
    colour = image.pixelColor(QPoint(image.width() // 2, image.height() // 2))
    assert colour.name() != "#ffffff"  # not the white of a field to type into
    _shot(tab, "township-read-only")
