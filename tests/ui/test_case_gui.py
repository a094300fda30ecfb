"""A whole ordinary case through the GUI, offscreen, switching users as the roles require: new clue →
accepted → filed by the leader → investigation by two officers (调查终结 disabled until a 笔录 is on file;
an inspection and an interview record, each by the two officers, entered in the 调查笔录 tab) → 调查终结 →
the team lead's case review → notice → notice served with proof → statement and hearing waived in
writing → 法制审核 passed (a major item) → decision with discretion by the leader → service with proof →
payment → closed. On the way, the decision before 法制审核 is shown disabled with its reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
)
from pytestqt.qtbot import QtBot

from desktop_app.services.cases.queries import show_case
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.records import list_records
from desktop_app.services.users import resolve_actor
from desktop_app.ui.action_dialogs import ActionDialog
from desktop_app.ui.case_list import CaseListPage
from desktop_app.ui.login import LoginDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.records_tab import RecordDialog, RecordsPanel

TOWNSHIP = "文水县刘胡兰镇人民政府"



pytestmark = pytest.mark.usefixtures("synchronous_runner")


@pytest.fixture
def proof(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scan a person would pick in the file dialog (QFileDialog's static method, patched)."""
    p = tmp_path / "送达回证.jpg"
    p.write_bytes(b"\xff\xd8scan of a signed receipt")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(p), "")))
    return p


def _close_message_boxes() -> None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() in ("infoBox", "errorBox"):
            w.close()


class Desk:
    """The GUI as the users of one office use it: log in, open a case, take a step."""

    def __init__(self, qtbot: QtBot, ctx: AppContext) -> None:
        self.qtbot = qtbot
        self.ctx = ctx
        self.window: MainWindow | None = None
        self.case_id = ""

    def login(self, login: str) -> MainWindow:
        if self.window is not None:
            self.window.close()
        _close_message_boxes()
        dialog = LoginDialog(self.ctx, TOWNSHIP)
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.qtbot.keyClicks(dialog.login_edit, login)
        self.qtbot.keyClicks(dialog.password_edit, "demo")
        with self.qtbot.waitSignal(dialog.logged_in) as signal:
            self.qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                                  Qt.MouseButton.LeftButton)
        window = MainWindow(self.ctx, signal.args[0].actor, TOWNSHIP)
        self.qtbot.addWidget(window)
        window.show()
        self.window = window
        if self.case_id:
            window.open_case(self.case_id)
        return window

    @property
    def workspace(self) -> Any:
        assert self.window is not None
        return self.window.workspace

    def button(self, action: str) -> QPushButton:
        buttons = self.workspace.action_buttons
        assert action in buttons, f"{action} not offered; offered: {list(buttons)}"
        return buttons[action]

    def start(self, action: str) -> ActionDialog:
        button = self.button(action)
        assert button.isEnabled(), f"{action} refused: {button.toolTip()}"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog = self.workspace.dialog
        assert isinstance(dialog, ActionDialog)
        return dialog

    def finish(self, dialog: ActionDialog, *, confirm: bool = False) -> None:
        self.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        if confirm:
            box = dialog.confirm_box
            assert box is not None, dialog.error_label.text()
            assert box.isVisible()
            self.qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        assert dialog.result_value is not None, dialog.error_label.text()
        _close_message_boxes()

    def take(self, action: str, fill: Callable[[ActionDialog], None] | None = None, *,
             confirm: bool = False) -> str:
        dialog = self.start(action)
        if fill is not None:
            fill(dialog)
        self.finish(dialog, confirm=confirm)
        return self.state()

    def state(self) -> str:
        detail = self.workspace.detail
        assert detail is not None
        return str(detail.state)


def _text(dialog: ActionDialog, name: str, value: str) -> None:
    w = dialog.field(name)
    if hasattr(w, "setPlainText"):
        w.setPlainText(value)
    else:
        w.setText(value)


def _choose(dialog: ActionDialog, name: str, code: str) -> None:
    combo = dialog.field(name)
    index = combo.findData(code)
    assert index >= 0, f"{name}: no choice {code}"
    combo.setCurrentIndex(index)


def _document(dialog: ActionDialog, form_title: str) -> None:
    combo = dialog.field("document")
    for i in range(combo.count()):
        if combo.itemText(i).startswith(form_title):
            combo.setCurrentIndex(i)
            return
    raise AssertionError(f"no document {form_title}")


def _records_panel(desk: Desk) -> RecordsPanel:
    space = desk.workspace
    space.tabs.setCurrentWidget(space.records)
    panel = space.records.findChild(RecordsPanel)
    assert panel is not None and panel.add_inspection.isEnabled()
    return panel


def _second_officer(dialog: RecordDialog, login: str) -> None:
    assert dialog.officer_combos[0].currentData() == "demo-officer1"  # the user's own entry comes first
    combo = dialog.officer_combos[1]
    index = combo.findData(login)
    assert index > 0, login
    combo.setCurrentIndex(index)


def _add_records_by_two_officers(qtbot: QtBot, desk: Desk) -> None:
    """A 现场检查（勘验）笔录 and a 询问（调查）笔录 (行政处罚法 第五十五条), each by demo-officer1 and
    demo-officer2 (第四十二条), entered as the officer does: 新增… in the 调查笔录 tab, the form, 保存笔录."""
    panel = _records_panel(desk)
    qtbot.mouseClick(panel.add_inspection, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None and dialog.text_edit is not None
    _second_officer(dialog, "demo-officer2")
    dialog.place_edit.setText("文水县刘胡兰镇保贤村村口空地")
    dialog.text_edit.setPlainText("现场有焚烧废旧轮胎的残留物，地面约 10 平方米焦黑。")
    dialog.persons.add_row(["王某某", "当事人", ""])
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_label.text()

    panel = _records_panel(desk)  # the workspace reloaded after the record
    qtbot.mouseClick(panel.add_interview, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    _second_officer(dialog, "demo-officer2")
    dialog.place_edit.setText("刘胡兰镇综合行政执法队询问室")
    dialog.persons.table.setItem(0, 0, QTableWidgetItem("王某某"))
    dialog.questions.table.setItem(0, 0, QTableWidgetItem("村口空地上焚烧的轮胎是你的吗？"))
    dialog.questions.table.setItem(0, 1, QTableWidgetItem("是我的，想把里面的钢丝烧出来卖。"))
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_label.text()

    panel = _records_panel(desk)
    assert panel.list.row_count() == 2
    stored = list_records(desk.ctx, resolve_actor(desk.ctx, "demo-officer1", via="cli"), desk.case_id)
    assert sorted(r.kind for r in stored) == ["inspection", "interview"]
    assert all([o.login for o in r.officers] == ["demo-officer1", "demo-officer2"] for r in stored)


def test_a_whole_ordinary_case_through_the_gui(qtbot: QtBot, demo: AppContext, proof: Path) -> None:
    desk = Desk(qtbot, demo)

    # 登记线索 by an officer: the ID number is checked on leaving the field, the item picked by search
    officer = desk.login("demo-officer1")
    officer.new_clue()
    clue = officer.new_case_dialog
    assert clue is not None
    clue.id_edit.setText("142322198001010011")
    clue.check_identifier()
    assert "校验位不正确" in clue.id_error.text()
    clue.id_edit.setText("142322198001010010")
    assert clue.check_identifier() and clue.id_error.isHidden()
    clue.name_edit.setText("王某某")
    clue.address_edit.setText("文水县刘胡兰镇保贤村12号")
    clue.item_search.setText("DQ-02")
    assert clue.selected_item() is not None and clue.selected_item().code == "DQ-02"  # type: ignore[union-attr]
    clue.facts_edit.setPlainText("在村口空地焚烧废旧轮胎，产生大量黑烟。")
    qtbot.mouseClick(clue.save_button, Qt.MouseButton.LeftButton)
    assert clue.error_label.text() == ""
    desk.case_id = officer.workspace.case_id
    assert desk.case_id and desk.state() == "clue"
    assert officer.pages.currentWidget() is officer.workspace

    # an officer may not accept a clue: shown disabled with the reason, not missing
    accept = desk.button("accept")
    assert not accept.isEnabled() and "执法队长" in accept.toolTip()
    assert "受理" in desk.workspace.reasons_label.text()

    desk.login("demo-lead")
    assert desk.take("accept", lambda d: _text(d, "reason", "线索属实")) == "accepted"

    leader = desk.login("demo-leader")
    assert desk.take("file", confirm=True) == "filed"
    number = leader.workspace.detail.number
    assert number and "立字" in number
    assert number in leader.workspace.number_label.text()

    desk.login("demo-lead")
    assert desk.take("investigate", lambda d: d.field("officers").set_logins(["demo-officer1", "demo-officer2"])
                     ) == "investigating"

    officer = desk.login("demo-officer1")
    # 调查终结 with neither evidence nor a 笔录 on file: disabled, the rule as tooltip and visible text
    conclude = desk.button("conclude")
    assert not conclude.isEnabled()
    assert "证据材料或笔录" in conclude.toolTip() and "第四十条、第五十五条" in conclude.toolTip()
    assert officer.workspace.refused_reason("conclude") == conclude.toolTip()
    assert "调查终结" in officer.workspace.reasons_label.text()

    # the investigation's records, each by the two officers, through the 调查笔录 tab's dialogs
    _add_records_by_two_officers(qtbot, desk)
    assert desk.take("conclude", lambda d: _text(d, "findings", "事实清楚，证据确凿")) == "investigated"

    def review(d: ActionDialog) -> None:
        _choose(d, "outcome", "passed")
        _text(d, "opinion", "同意调查结论")

    desk.login("demo-lead")
    assert desk.take("review_case", review) == "investigated"

    def notice(d: ActionDialog) -> None:
        _choose(d, "penalty", "fine")
        _text(d, "amount", "1000")
        _choose(d, "hearing_rights", "yes")

    assert desk.take("notify", notice, confirm=True) == "notified"

    def serve(title: str) -> Callable[[ActionDialog], None]:
        def fill(d: ActionDialog) -> None:
            _document(d, title)
            _choose(d, "method", "direct")
            _text(d, "recipient", "王某某")
            d.field("proof").browse()  # the file dialog (patched) gives the scan
        return fill

    desk.login("demo-officer1")
    assert desk.take("serve", serve("行政处罚事先告知书")) == "notified"

    def waive(what: str) -> Callable[[ActionDialog], None]:
        def fill(d: ActionDialog) -> None:
            _choose(d, "what", what)
            d.field("proof").browse()
        return fill

    desk.take("waive", waive("statement"))
    desk.take("waive", waive("hearing"))

    # Deciding before 法制审核 (a major item): disabled, with the rule as tooltip and as visible text
    leader = desk.login("demo-leader")
    decide = desk.button("decide")
    assert not decide.isEnabled()
    assert "法制审核" in decide.toolTip()
    assert "决定" in leader.workspace.reasons_label.text() and "法制审核" in leader.workspace.reasons_label.text()
    assert leader.workspace.refused_reason("decide") == decide.toolTip()

    desk.login("demo-officer1")
    assert desk.take("submit_review") == "legal_review"

    def legal_review(d: ActionDialog) -> None:
        _choose(d, "outcome", "passed")
        _text(d, "opinion", "事实清楚，证据确凿，程序合法，适用依据正确，裁量适当")

    reviewer = desk.login("demo-reviewer")
    dialog = desk.start("legal_review")
    legal_review(dialog)
    dialog.checks["证据"][0].setCurrentIndex(dialog.checks["证据"][0].findData("fix"))  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "证据" in dialog.error_label.text()  # a point not 符合 can't pass; nothing typed is lost
    assert dialog.field("opinion").toPlainText().startswith("事实清楚")
    dialog.checks["证据"][0].setCurrentIndex(0)  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box  # the result and where the case goes, before the opinion is fixed
    assert box is not None and "审核结果：同意" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert dialog.result_value is not None
    assert desk.state() == "legal_review"
    assert "审核要点：主体资格：符合" in reviewer.workspace.detail.timeline[-1].data.get("opinion", "")

    def decision(d: ActionDialog) -> None:
        assert d.benchmark.rowCount() > 0  # type: ignore[attr-defined]  # the benchmark is shown
        _choose(d, "kind", "penalty")
        _choose(d, "penalty", "fine")
        _text(d, "amount", "1000")
        _choose(d, "tier", "general")
        _text(d, "explanation", "焚烧面积不大，当事人配合调查，按一般情形裁量")

    leader = desk.login("demo-leader")
    dialog = desk.start("decide")
    decision(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert box is not None and "固定" in box.text()  # it says what will be frozen
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert dialog.result_value is None and desk.state() == "legal_review"  # cancelled: nothing done
    desk.finish(dialog, confirm=True)
    assert desk.state() == "decided"
    assert leader.workspace.detail.decision["tier"] == "general"

    desk.login("demo-officer1")
    assert desk.take("serve", serve("行政处罚决定书")) == "served"
    assert desk.take("pay", lambda d: _text(d, "amount", "1000")) == "executing"

    leader = desk.login("demo-leader")
    assert desk.take("close", lambda d: _text(d, "reason", "罚款已缴清"), confirm=True) == "closed"
    assert leader.workspace.step_bar.status_of("close") == "current"
    assert leader.workspace.step_bar.status_of("legal_review") == "done"

    detail = show_case(demo, resolve_actor(demo, "demo-supervisor", via="cli"), desk.case_id)
    assert [e.action for e in detail.timeline] == [
        "register", "accept", "file", "investigate", "conclude", "review_case", "notify", "serve", "waive",
        "waive", "submit_review", "legal_review", "decide", "serve", "pay", "close"]
    assert {e.actor for e in detail.timeline if e.action != "register"} == {
        "demo-lead", "demo-leader", "demo-officer1", "demo-reviewer"}
    assert detail.execution.paid == "1000.00"


def test_the_case_list_pages_searches_and_opens_a_case(qtbot: QtBot, ctx: AppContext, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    create_demo(ctx, cases=105, seed=5)
    leader = resolve_actor(ctx, "demo-leader", via="gui")
    window = MainWindow(ctx, leader, TOWNSHIP)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.find_cases()  # Ctrl+F: the case list, its search box focused
    page = window.case_list
    assert page is not None and window.pages.currentWidget() is page
    assert QApplication.focusWidget() is page.search_edit
    assert page.model.total == 105 and page.model.rowCount() == 100  # the first page only
    assert "共 105 条" in page.footer.text()
    page.model.fetchMore(QModelIndex())
    assert page.model.rowCount() == 105 and page.footer.text() == "共 105 条"
    assert page.model.row_texts(0)[0] == "1"  # 序号
    number = next(r.number for r in page.model.rows if r.number)
    page.search_edit.setText(number[-3:-1])
    page.apply_query()
    assert page.search_hint.isVisible() and "少于 3 个字" in page.search_hint.text()
    page.search_edit.setText(number)
    page.apply_query()
    assert page.model.total == 1 and not page.search_hint.isVisible()
    page.search_edit.setText("没有这个人")
    page.apply_query()
    assert page.model.total == 0 and "没有符合条件的案件" in page.empty_label.text()
    page.reset_query()
    export = tmp_path / "案件列表.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(export), "")))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)  # the current view, every page
    book = openpyxl.load_workbook(export, read_only=True)  # read-only keeps the file open until closed
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert rows[0][:3] == ("序号", "案号", "当事人") and len(rows) == 106
    _close_message_boxes()
    page.state_combo.setCurrentIndex(page.state_combo.findData("closed"))
    page.apply_query()
    assert page.model.total > 0 and {r.state for r in page.model.rows} == {"closed"}
    # the column layout is remembered (per data directory)
    page.view.horizontalHeader().resizeSection(2, 333)
    again = CaseListPage(ctx, leader)
    qtbot.addWidget(again)
    assert again.view.horizontalHeader().sectionSize(2) == 333
    page.view.activated.emit(page.model.index(0, 1))
    assert window.pages.currentWidget() is window.workspace
    assert window.workspace.detail is not None and window.workspace.detail.state == "closed"
    assert "已结案" in window.workspace.state_label.text()


def test_the_dashboard_shows_each_role_its_work(qtbot: QtBot, demo: AppContext) -> None:
    from desktop_app.services.cases.register import NewCase, register_case
    from desktop_app.services.parties import PartyInput

    officer = resolve_actor(demo, "demo-officer1", via="gui")
    register_case(demo, officer, NewCase(item_code="DQ-01", source="inspection", facts="露天焚烧秸秆",
                                         party=PartyInput("person", "142322198001010010", "王某某")))
    lead = MainWindow(demo, resolve_actor(demo, "demo-lead", via="gui"), TOWNSHIP)
    qtbot.addWidget(lead)
    data = lead.dashboard.data
    assert data is not None
    queues = {q.key: q.total for q in data.queues}
    assert queues["to_accept"] == 1 and queues["to_review"] == 0
    assert data.week.registered == 1 and data.month.registered == 1
    tree = lead.dashboard.work_tree
    labels = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert "待受理的线索（1 件）" in labels
    reviewer = MainWindow(demo, resolve_actor(demo, "demo-reviewer", via="gui"), TOWNSHIP)
    qtbot.addWidget(reviewer)
    assert [q.key for q in reviewer.dashboard.data.queues] == ["legal_review"]  # type: ignore[union-attr]
