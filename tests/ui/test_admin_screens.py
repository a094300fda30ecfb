"""系统设置's admin tabs, driven through their widgets (offscreen)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import calendar as calendar_service
from desktop_app.services import item_sheets
from desktop_app.services import items as items_service
from desktop_app.services import officers as officers_service
from desktop_app.services import settings as settings_service
from desktop_app.services import township as township_service
from desktop_app.services import training as training_service
from desktop_app.services import users as users_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.setup import initialise
from desktop_app.ui.pages.admin.benchmarks import BenchmarksTab
from desktop_app.ui.pages.admin.calendar import CalendarTab
from desktop_app.ui.pages.admin.items import ImportItemsDialog, ItemsTab
from desktop_app.ui.pages.admin.officers import OfficersTab
from desktop_app.ui.pages.admin.settings import EditSettingDialog, SettingsTab
from desktop_app.ui.pages.admin.township import TownshipTab
from desktop_app.ui.pages.admin.training import TrainingTab
from desktop_app.ui.pages.admin.users import AddUserDialog, OneTimePasswordDialog, UsersTab
from desktop_app.ui.pages.system import SystemPage
from desktop_app.ui.widgets import TONES, FormDialog, RowErrorsDialog

TODAY = date(2026, 11, 23)  # tests/conftest.py FIXED_NOW


@pytest.fixture
def boss(ctx: AppContext) -> Actor:
    """An initialised data directory (township, sample list, calendar) and its admin, logged in."""
    initialise(ctx, admin_password="Admin-pass-1")
    return users_service.login_user(ctx, "admin", "Admin-pass-1").actor


def show(qtbot: QtBot, widget: QWidget) -> Any:
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


def type_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Chinese text as an input method delivers it (QTest types Latin keys only)."""
    if isinstance(widget, QLineEdit):
        widget.insert(text)
    else:
        widget.insertPlainText(text)


def click_ok(dialog: FormDialog) -> None:
    dialog.ok_button.click()


def answer_confirmation(answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes,
                        seen: list[str] | None = None) -> None:
    """Answer the next modal confirmation (widgets.confirm runs QMessageBox.exec) once it shows."""

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "confirmBox" and box.isVisible():
            if seen is not None:
                seen.append(box.text())
            box.button(answer).click()
        else:
            QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "表格文件 (*.xlsx *.csv)")))


def write_csv(path: Path, headers: list[str], rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def item_row(code: str, **over: str) -> list[str]:
    cells = {
        "code": code, "name": f"对{code}违法行为的行政处罚", "category": "大气污染防治",
        "violation_law": "《中华人民共和国大气污染防治法》", "violation_article": "第七十七条",
        "violation_text": "", "penalty_law": "《中华人民共和国大气污染防治法》",
        "penalty_article": "第一百一十九条第一款", "penalty_text": "",
        "penalty_summary": "责令改正，并可以处五百元以上二千元以下的罚款", "fines": "不限:500-2000元|可以",
        "other_sanctions": "责令改正", "major": "否", "continuing": "否", "limitation_years": "2",
        "source": "本乡镇公布的清单",
    }
    cells.update(over)
    return [cells[c.key] for c in item_sheets.ITEM_COLUMNS]


def find_row(texts: Callable[[int], list[str]], count: int, needle: str) -> int:
    for row in range(count):
        if needle in texts(row):
            return row
    raise AssertionError(f"no row with {needle!r}")


# --- the container -------------------------------------------------------------------------------


def test_system_page_has_the_eight_admin_tabs(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    page = show(qtbot, SystemPage(ctx, boss))
    labels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert labels == ["乡镇信息", "用户与角色", "执法人员与执法证", "培训学时", "执法事项清单", "裁量基准",
                      "节假日日历", "期限与数额设置"]
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
    page.reload()


def test_a_leader_sees_the_tabs_read_only_with_the_reason(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    users_service.add_user(ctx, boss, "leader", name="负责人", roles="leader", password="Leader-pass-1",
                           must_change_password=False)
    leader = users_service.login_user(ctx, "leader", "Leader-pass-1").actor
    page = show(qtbot, SystemPage(ctx, leader))
    assert not page.users.add_action.isEnabled()
    assert page.users.add_action.toolTip() == "只有管理员可以修改"
    assert not page.items.import_action.isEnabled()
    assert page.items.export_action.isEnabled()  # reading and exporting are for everyone
    assert page.township.edits["name"].isReadOnly()
    assert page.users.list.row_count() == 2


# --- 乡镇信息 ----------------------------------------------------------------------------------------


def test_a_refused_township_code_shows_the_chinese_rule_and_keeps_what_was_typed(
    qtbot: QtBot, ctx: AppContext, boss: Actor
) -> None:
    tab = show(qtbot, TownshipTab(ctx, boss))
    name, code = tab.edits["name"], tab.edits["admin_code"]
    name.selectAll()
    type_text(name, "开栅镇")
    code.selectAll()
    qtbot.keyClicks(code, "14112")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "行政区划代码应为 6、9 或 12 位数字" in tab.error_label.text()
    assert "行政区划代码应为 6、9 或 12 位数字" in tab.notes["admin_code"].text()
    assert name.text() == "开栅镇" and code.text() == "14112"  # nothing lost
    assert township_service.get_township(ctx).name == "刘胡兰镇"  # nothing saved
    tab.reload()  # F5 does not throw away what was typed
    assert code.text() == "14112"

    qtbot.keyClicks(code, "1100")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    saved = township_service.get_township(ctx)
    assert (saved.name, saved.admin_code, saved.government_name) == ("开栅镇", "141121100", "文水县开栅镇人民政府")
    assert tab.error_label.text() == ""
    assert tab.government_label.text() == "文水县开栅镇人民政府"
    assert not tab.save_button.isEnabled()


def test_leaving_an_empty_required_township_field_names_it(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    tab = show(qtbot, TownshipTab(ctx, boss))
    tab.edits["seal_text"].clear()
    tab.edits["seal_text"].editingFinished.emit()
    assert tab.notes["seal_text"].text() == "印章文字不能为空"
    assert not tab.save()
    assert township_service.get_township(ctx).seal_text == "文水县刘胡兰镇人民政府"


# --- 用户与角色 --------------------------------------------------------------------------------------


def test_adding_a_user_shows_the_one_time_password_once_and_lists_the_user(
    qtbot: QtBot, ctx: AppContext, boss: Actor
) -> None:
    tab = show(qtbot, UsersTab(ctx, boss))
    dialog = tab.add_user()
    assert isinstance(dialog, AddUserDialog)
    qtbot.keyClicks(dialog.login_edit, "zhangsan")
    type_text(dialog.name_edit, "张三")
    click_ok(dialog)
    assert "请至少选择一个角色" in dialog.error_label.text()  # refused, the dialog stays with its text
    assert dialog.login_edit.text() == "zhangsan"
    dialog.roles.boxes[next(r for r in dialog.roles.boxes if r.value == "officer")].setChecked(True)
    click_ok(dialog)

    shown = tab.dialog
    assert isinstance(shown, OneTimePasswordDialog)
    password = shown.password_edit.text()
    assert len(password) == 12 and shown.password_edit.isReadOnly()
    row = find_row(tab.list.row_texts, tab.list.row_count(), "zhangsan")
    assert tab.list.row_texts(row)[:3] == ["zhangsan", "张三", "执法人员"]
    assert tab.list.footer.text() == "共 2 条"
    assert users_service.login_user(ctx, "zhangsan", password).must_change_password


def test_a_taken_login_is_refused_inside_the_dialog(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    tab = show(qtbot, UsersTab(ctx, boss))
    dialog = tab.add_user()
    qtbot.keyClicks(dialog.login_edit, "admin")
    type_text(dialog.name_edit, "重名")
    next(iter(dialog.roles.boxes.values())).setChecked(True)
    click_ok(dialog)
    assert "登录名“admin”已被使用" in dialog.error_label.text()
    assert dialog.isVisible()


def test_disabling_and_resetting_ask_first(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    users_service.add_user(ctx, boss, "li", name="李四", roles="officer")
    tab = show(qtbot, UsersTab(ctx, boss))
    row = find_row(tab.list.row_texts, tab.list.row_count(), "li")
    tab.list.select_row(row)
    assert tab.disable_action.isEnabled()

    answer_confirmation(QMessageBox.StandardButton.Cancel)
    tab.disable_action.trigger()
    assert not users_service.get_user(ctx, "li").disabled

    seen: list[str] = []
    answer_confirmation(seen=seen)
    tab.disable_action.trigger()
    assert "停用用户 li（李四）" in seen[0]
    assert users_service.get_user(ctx, "li").disabled
    assert tab.list.row_texts(row)[-1] == "已停用"
    # the same button now takes it back (an officer back from a posting), asking first too
    assert tab.disable_action.isEnabled() and tab.disable_action.text() == "启用…"
    seen.clear()
    answer_confirmation(seen=seen)
    tab.disable_action.trigger()
    assert "启用用户 li（李四）" in seen[0]
    assert not users_service.get_user(ctx, "li").disabled
    assert tab.list.row_texts(row)[-1].startswith("正常") and tab.disable_action.text() == "停用…"

    answer_confirmation()
    tab.reset_action.trigger()
    assert isinstance(tab.dialog, OneTimePasswordDialog)
    assert len(tab.dialog.password_edit.text()) == 12


def test_disabling_a_user_names_the_open_cases_waiting_for_them(qtbot: QtBot, demo: AppContext) -> None:
    from desktop_app.services.cases.register import NewCase, register_case
    from desktop_app.services.parties import PartyInput

    officer = users_service.resolve_actor(demo, "demo-officer1", via="gui")
    reg = register_case(demo, officer, NewCase(item_code="DQ-01", source="inspection", facts="露天焚烧秸秆",
                                               party=PartyInput("person", "142322198001010010", "王某某"),
                                               officers=["demo-officer1", "demo-officer2"]))
    tab = show(qtbot, UsersTab(demo, users_service.resolve_actor(demo, "demo-admin", via="gui")))
    tab.list.select_row(find_row(tab.list.row_texts, tab.list.row_count(), "demo-officer1"))
    seen: list[str] = []
    answer_confirmation(QMessageBox.StandardButton.Cancel, seen=seen)
    tab.disable_action.trigger()
    assert "仍有职责" in seen[0] and "承办人" in seen[0]
    assert not users_service.get_user(demo, "demo-officer1").disabled  # cancelled: nothing changed
    assert reg.case_id


def test_the_admin_cannot_disable_themself(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    tab = show(qtbot, UsersTab(ctx, boss))
    tab.list.select_row(find_row(tab.list.row_texts, tab.list.row_count(), "admin"))
    assert not tab.disable_action.isEnabled()
    assert tab.disable_action.toolTip() == "不能停用自己的账号"


def test_changing_roles_through_the_dialog(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    users_service.add_user(ctx, boss, "wang", name="王五", roles="officer")
    tab = show(qtbot, UsersTab(ctx, boss))
    tab.list.select_row(find_row(tab.list.row_texts, tab.list.row_count(), "wang"))
    dialog = tab.edit_roles()
    assert dialog is not None
    for role, box in dialog.roles.boxes.items():
        box.setChecked(role.value == "legal_reviewer")
    qtbot.keyClicks(dialog.qualification_edit, "A20211401000123")
    click_ok(dialog)
    user = users_service.get_user(ctx, "wang")
    assert user.roles == ["legal_reviewer"] and user.legal_qualification_no == "A20211401000123"
    row = find_row(tab.list.row_texts, tab.list.row_count(), "wang")
    assert tab.list.row_texts(row)[2:4] == ["法制审核人员", "A20211401000123"]


# --- 执法人员与执法证 -----------------------------------------------------------------------------------


def test_an_expiring_certificate_says_so_in_words_and_amber(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    officer = officers_service.add_officer(ctx, boss, "张三")
    officers_service.add_certificate(ctx, boss, officer.id, "14112126001", "综合行政执法", "山西省人民政府",
                                     date(2021, 1, 1), TODAY + timedelta(days=30))
    other = officers_service.add_officer(ctx, boss, "李四")
    officers_service.add_certificate(ctx, boss, other.id, "14112126002", "综合行政执法", "山西省人民政府",
                                     date(2021, 1, 1), date(2026, 1, 1))
    tab = show(qtbot, OfficersTab(ctx, boss))
    row = find_row(tab.list.row_texts, tab.list.row_count(), "14112126001")
    assert tab.list.row_texts(row)[6] == "即将到期（30 天）"
    item = tab.list.cell_item(row, 6)
    assert item is not None and item.background().color().name() == TONES["warn"][0]
    expired = find_row(tab.list.row_texts, tab.list.row_count(), "14112126002")
    assert tab.list.row_texts(expired)[6] == "已过期（2026-01-01 到期）"
    assert "1 个执法证将在 60 天内到期" in tab.summary.text()
    assert "少于 2 名" in tab.summary.text()


def test_registering_an_officer_linked_to_a_login_and_a_certificate(
    qtbot: QtBot, ctx: AppContext, boss: Actor
) -> None:
    users_service.add_user(ctx, boss, "zhao", name="赵六", roles="officer")
    tab = show(qtbot, OfficersTab(ctx, boss))
    dialog = tab.add_officer()
    assert dialog is not None
    combo = dialog.login_combo
    combo.setCurrentIndex(combo.findData("zhao"))
    assert dialog.name_edit.text() == "赵六"  # filled from the chosen user
    click_ok(dialog)
    row = find_row(tab.list.row_texts, tab.list.row_count(), "zhao")
    assert tab.list.row_texts(row)[6] == "未登记执法证"

    tab.list.select_row(row)
    cert = tab.add_certificate()
    assert cert is not None
    # the validity typed as on the card, over the whole field (every date field takes a typed date)
    cert.to_edit.setFocus()
    qtbot.keyClick(cert.to_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(cert.to_edit, "2029-06-30")
    assert cert.to_edit.date().toString("yyyy-MM-dd") == "2029-06-30"
    qtbot.keyClicks(cert.number_edit, "14112126777")
    click_ok(cert)
    row = find_row(tab.list.row_texts, tab.list.row_count(), "14112126777")
    assert tab.list.row_texts(row)[0] == "赵六" and tab.list.row_texts(row)[6] == "有效"
    assert tab.list.row_texts(row)[5] == "2029-06-30"
    assert officers_service.resolve_officer(ctx, "zhao").certified
    assert "可办案的持证执法人员 1 名" in tab.summary.text()

    # 停用 the account: still certified, but no longer one who can be named in a case
    users_service.disable_user(ctx, boss, "zhao")
    tab.reload()
    row = find_row(tab.list.row_texts, tab.list.row_count(), "14112126777")
    assert tab.list.row_texts(row)[0] == "赵六（账号已停用）"
    assert "可办案的持证执法人员 0 名" in tab.summary.text() and "少于 2 名" in tab.summary.text()
    zhao = officers_service.resolve_officer(ctx, "zhao")
    assert zhao.certified and zhao.account_disabled and not zhao.can_act
    from desktop_app.services.overview import reference_summary
    assert reference_summary(ctx, TODAY).officers_certified == 0


def test_recalling_a_certificate_needs_a_reason_and_a_confirmation(
    qtbot: QtBot, ctx: AppContext, boss: Actor
) -> None:
    officer = officers_service.add_officer(ctx, boss, "张三")
    officers_service.add_certificate(ctx, boss, officer.id, "14112126001", "综合行政执法", "山西省人民政府",
                                     date(2023, 1, 1), date(2028, 12, 31))
    tab = show(qtbot, OfficersTab(ctx, boss))
    tab.list.select_row(0)
    dialog = tab.change_state()
    assert dialog is not None
    dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("recalled"))
    click_ok(dialog)
    assert "请填写变更原因" in dialog.error_label.text()
    type_text(dialog.reason_edit, "调离执法岗位")
    seen: list[str] = []
    answer_confirmation(seen=seen)
    click_ok(dialog)
    assert "不能再用于执法" in seen[0]
    assert tab.list.row_texts(0)[6] == "已收回（2026-11-23）"
    assert not officers_service.resolve_officer(ctx, officer.id).certified

    tab.list.select_row(0)
    cancel = tab.change_state()
    assert cancel is not None
    cancel.state_combo.setCurrentIndex(cancel.state_combo.findData("valid"))
    type_text(cancel.reason_edit, "回到执法岗位")
    answer_confirmation()
    click_ok(cancel)
    assert tab.list.row_texts(0)[6] == "有效"


# --- 培训学时 ----------------------------------------------------------------------------------------


def test_adding_training_updates_the_shortfall(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    officer = officers_service.add_officer(ctx, boss, "张三")
    training_service.add_training(ctx, boss, officer.id, 30, "legal", date(2026, 3, 1), "行政处罚法专题培训")
    tab = show(qtbot, TrainingTab(ctx, boss))
    assert tab.shortfall.row_texts(0)[4] == "未达标：业务技能缺 30 学时；合计缺 30 学时"
    assert "张三" in tab.summary.text()

    dialog = tab.add_record()
    assert dialog is not None
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("skills"))
    dialog.hours_spin.setValue(30)
    type_text(dialog.title_edit, "综合行政执法业务培训")
    click_ok(dialog)
    assert tab.shortfall.row_texts(0)[4] == "达标"
    assert tab.records.row_count() == 2
    assert not tab.summary.isVisible()

    tab.year_spin.setValue(2025)
    assert tab.records.row_count() == 0
    assert tab.shortfall.row_texts(0)[1] == "0 / 30（缺 30）"


def test_training_title_is_required(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    officers_service.add_officer(ctx, boss, "张三")
    tab = show(qtbot, TrainingTab(ctx, boss))
    dialog = tab.add_record()
    assert dialog is not None
    click_ok(dialog)
    assert "培训名称不能为空" in dialog.error_label.text()


# --- 执法事项清单 ------------------------------------------------------------------------------------


def test_the_sample_list_is_flagged(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    tab = show(qtbot, ItemsTab(ctx, boss))
    assert tab.state_banner.isVisible()
    assert "示例清单" in tab.state_banner.text() and "不能立案" in tab.state_banner.text()
    assert tab.items.row_count() == len(items_service.list_items(ctx))
    assert tab.items.row_texts(0)[0] == "DQ-01"


def test_an_item_import_with_bad_rows_lists_every_row(
    qtbot: QtBot, ctx: AppContext, boss: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = [c.header for c in item_sheets.ITEM_COLUMNS]
    sheet = write_csv(tmp_path / "清单.csv", headers, [
        item_row("ZX-01"),
        item_row("ZX-02", major="也许"),
        item_row("zx 03"),
        item_row("ZX-01"),
    ])
    choose_file(monkeypatch, sheet)
    tab = show(qtbot, ItemsTab(ctx, boss))
    dialog = tab.import_list()
    assert isinstance(dialog, ImportItemsDialog)
    assert dialog.path_edit.text() == str(sheet)
    click_ok(dialog)
    errors = dialog.row_errors
    assert isinstance(errors, RowErrorsDialog)
    rows = errors.rows()
    assert {r for r, _ in rows} == {"3", "4", "5"}
    assert any("是否重大" in reason for r, reason in rows if r == "3")
    assert any("与第2行重复" in reason for r, reason in rows if r == "5")
    assert "3 行有误" in dialog.error_label.text()
    assert dialog.isVisible()  # the file and date stay for another try
    assert len(items_service.list_versions(ctx)) == 1


def test_a_good_import_then_confirming_it(
    qtbot: QtBot, ctx: AppContext, boss: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = [c.header for c in item_sheets.ITEM_COLUMNS]
    sheet = write_csv(tmp_path / "清单.csv", headers, [item_row("ZX-01"), item_row("ZX-02", major="是")])
    choose_file(monkeypatch, sheet)
    tab = show(qtbot, ItemsTab(ctx, boss))
    dialog = tab.import_list()
    assert dialog is not None
    click_ok(dialog)
    assert not dialog.isVisible()
    assert [tab.items.row_texts(r)[0] for r in range(tab.items.row_count())] == ["ZX-01", "ZX-02"]
    assert tab.items.row_texts(1)[5] == "重大"
    assert "尚未确认" in tab.state_banner.text()
    assert tab.confirm_action.isEnabled()

    seen: list[str] = []
    answer_confirmation(seen=seen)
    assert tab.confirm_list()
    assert "即可对清单内的事项立案" in seen[0]
    current = next(v for v in items_service.list_versions(ctx) if v.current)
    assert current.number == 2 and current.confirmed
    assert tab.state_banner.isHidden()
    assert not tab.confirm_action.isEnabled()


def test_exporting_the_list(
    qtbot: QtBot, ctx: AppContext, boss: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "导出"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "CSV 文件 (*.csv)")))
    tab = show(qtbot, ItemsTab(ctx, boss))
    path = tab.export_list()
    assert path == tmp_path / "导出.csv" and path.exists()
    assert path.read_text(encoding="utf-8-sig").startswith("编码,事项名称")


# --- 裁量基准 ----------------------------------------------------------------------------------------


def test_benchmarks_filter_by_item_and_a_bad_import_lists_the_rows(
    qtbot: QtBot, ctx: AppContext, boss: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = show(qtbot, BenchmarksTab(ctx, boss))
    everything = tab.tiers.row_count()
    tab.code_combo.setEditText("dq-01")
    qtbot.mouseClick(tab.query_button, Qt.MouseButton.LeftButton)
    assert 0 < tab.tiers.row_count() < everything
    assert {tab.tiers.row_texts(r)[0] for r in range(tab.tiers.row_count())} == {"DQ-01"}
    assert "示例数据" in tab.sample_banner.text()
    tab.reset_query()
    assert tab.tiers.row_count() == everything

    headers = [c.header for c in item_sheets.BENCHMARK_COLUMNS]
    sheet = write_csv(tmp_path / "基准.csv", headers, [
        ["DQ-01", "不限", "轻微", "初次违法", 500, 800, "元", "", ""],
        ["DQ-01", "不限", "严重", "情节严重", 1500, 5000, "元", "", ""],
        ["ZZ-99", "个人", "一般", "情节一般", 1, 2, "元", "", ""],
    ])
    choose_file(monkeypatch, sheet)
    answer_confirmation()
    shown = tab.import_benchmarks()
    assert isinstance(shown, RowErrorsDialog)
    rows = shown.rows()
    assert [r for r, _ in rows] == ["3", "4"]
    assert "超出事项 DQ-01" in rows[0][1]
    assert tab.tiers.row_count() == everything  # nothing replaced


# --- 节假日日历 ---------------------------------------------------------------------------------------


def test_missing_next_year_is_warned_and_a_day_can_be_set(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    tab = show(qtbot, CalendarTab(ctx, boss))
    assert "尚未录入 2027 年法定节假日安排" in tab.missing_banner.text()
    assert tab.missing_banner.isVisible()

    tab.year_spin.setValue(2027)
    assert tab.days.row_count() == 0
    assert "尚未确认" in tab.year_state.text()
    dialog = tab.set_day()
    assert dialog is not None
    assert dialog.date_edit.date().toString("yyyy-MM-dd") == "2027-01-01"
    type_text(dialog.name_edit, "元旦")
    click_ok(dialog)
    assert tab.days.row_texts(0) == ["2027-01-01", "星期五", "休（法定节假日）", "元旦", "管理员录入"]

    workday = tab.set_day()
    assert workday is not None
    workday.date_edit.setDate(workday.date_edit.date().addDays(3))  # 2027-01-04, a Monday
    workday.workday_radio.setChecked(True)
    click_ok(workday)
    assert "本就是工作日" in workday.error_label.text()

    answer_confirmation()
    assert tab.confirm_year()
    assert calendar_service.year_is_known(ctx, 2027)
    assert tab.missing_banner.isHidden()
    assert "已确认" in tab.year_state.text()


def test_a_calendar_file_with_bad_rows_is_refused_row_by_row(
    qtbot: QtBot, ctx: AppContext, boss: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = write_csv(tmp_path / "2027.csv", ["日期", "类型", "名称"], [
        ["2027-01-01", "休", "元旦"], ["2027-13-01", "休", ""], ["2027-01-04", "班", ""]])
    choose_file(monkeypatch, sheet)
    tab = show(qtbot, CalendarTab(ctx, boss))
    answer_confirmation()
    shown = tab.import_file()
    assert isinstance(shown, RowErrorsDialog)
    assert [r for r, _ in shown.rows()] == ["3", "4"]
    assert not calendar_service.year_is_known(ctx, 2027)


# --- 期限与数额设置 -------------------------------------------------------------------------------------


def test_editing_a_nullable_amount_and_a_yes_no_setting(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:
    tab = show(qtbot, SettingsTab(ctx, boss))
    assert tab.list.select_where(lambda s: s.key == "threshold.hearing_fine_person")
    dialog = tab.edit_setting()
    assert isinstance(dialog, EditSettingDialog)
    assert dialog.unset_box is not None and dialog.unset_box.isChecked()
    assert not dialog.editor.isEnabled()
    dialog.unset_box.setChecked(False)
    dialog.editor.setValue(5000)
    click_ok(dialog)
    assert settings_service.get_setting(ctx, "threshold.hearing_fine_person") == 5000
    row = find_row(tab.list.row_texts, tab.list.row_count(), "听证较大数额（个人，元）")
    assert tab.list.row_texts(row)[1] == "5000"

    tab.list.select_row(row)
    again = tab.edit_setting()
    assert again is not None
    again.unset_box.setChecked(True)
    click_ok(again)
    assert settings_service.get_setting(ctx, "threshold.hearing_fine_person") is None
    assert tab.list.row_texts(row)[1] == "未设置"

    assert tab.list.select_where(lambda s: s.key == "documents.preprinted_on_spot_forms")
    flag = tab.edit_setting()
    assert flag is not None and "第五十二条" in " ".join(
        w.text() for w in flag.findChildren(type(flag.error_label)))
    flag.editor.setChecked(False)
    click_ok(flag)
    assert settings_service.get_setting(ctx, "documents.preprinted_on_spot_forms") is False


def test_a_refused_setting_grows_the_dialog_instead_of_squeezing_the_value(qtbot: QtBot, ctx: AppContext,
                                                                         boss: Actor) -> None:
    tab = show(qtbot, SettingsTab(ctx, boss))
    assert tab.list.select_where(lambda s: s.key == "threshold.simple_fine_person")
    dialog = tab.edit_setting()
    assert isinstance(dialog, EditSettingDialog)
    qtbot.waitExposed(dialog)
    dialog.editor.setValue(500)
    click_ok(dialog)
    assert "不能大于 200" in dialog.error_label.text() and "第五十一条" in dialog.error_label.text()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.editor.height() >= dialog.editor.sizeHint().height())
    assert dialog.error_label.height() >= dialog.error_label.heightForWidth(dialog.error_label.width())
