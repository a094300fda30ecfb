"""The 调查笔录 tab (F5): the empty list says how to start, 新增现场检查笔录 / 新增询问笔录 open a form,
a saved record is listed, and the records service's refusals are shown in Chinese in the dialog."""

# ruff: noqa: F811 - the fixtures below come from tests/workflow/conftest.py and are parameters here
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from desktop_app.services import records as records_service
from desktop_app.services.cases.queries import show_case
from desktop_app.ui.case_workspace import CaseWorkspace
from desktop_app.ui.records_tab import RecordDialog, RecordsPanel
from tests.workflow.conftest import Walker, demo, proof, walker, who  # noqa: F401 - fixtures
from tests.workflow.test_paths import HANDLERS, t

pytestmark = pytest.mark.usefixtures("synchronous_runner")


def open_case(w: Walker, start: date) -> None:
    """A case in 调查取证 with no 笔录 yet (test_paths.open_case now records an inspection, which
    these tests make themselves)."""
    w.new(on=t(start, "08:00"))
    w.do("demo-lead", "accept", t(start, "09:00"))
    w.do("demo-leader", "file", t(start, "10:00"))
    w.do("demo-lead", "investigate", t(start, "11:00"), officers=list(HANDLERS))


def make_panel(qtbot: QtBot, w: Walker, login: str = "demo-officer1") -> RecordsPanel:
    panel = RecordsPanel(w.ctx, w.who(login), w.case_id)
    qtbot.addWidget(panel)
    panel.resize(1100, 500)
    panel.show()
    return panel


def pick_officer(dialog: RecordDialog, n: int, login: str) -> None:
    combo = dialog.officer_combos[n]
    index = combo.findData(login)
    assert index > 0, login
    combo.setCurrentIndex(index)


def test_empty_list_says_how_to_start_and_offers_both_kinds(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, date(2026, 8, 3))
    panel = make_panel(qtbot, walker)
    assert panel.list.row_count() == 0
    assert panel.list.empty_label.isVisible()
    assert "点击" in panel.list.empty_label.text() and "新增询问笔录" in panel.list.empty_label.text()
    assert panel.add_inspection.isVisible() and panel.add_interview.isVisible()


def test_an_inspection_record_is_saved_and_listed(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, date(2026, 8, 3))
    panel = make_panel(qtbot, walker)
    dialog = panel.open_dialog("inspection")
    # the user's own officer entry is chosen first; the second is picked by name
    assert dialog.officer_combos[0].currentData() == "demo-officer1"
    assert "执法员" in dialog.officer_combos[1].itemText(1) or dialog.officer_combos[1].count() > 2
    pick_officer(dialog, 1, "demo-officer2")
    dialog.place_edit.setText("刘胡兰镇保贤村东")
    assert dialog.text_edit is not None
    dialog.text_edit.setPlainText("现场有焚烧秸秆痕迹约 20 平方米。")
    row = dialog.persons.add_row(["王某某", "当事人", ""])
    assert row == 0
    with qtbot.waitSignal(panel.changed):
        dialog.ok_button.click()
    assert not dialog.isVisible()
    assert panel.list.row_count() == 1
    texts = panel.list.row_texts(0)
    assert texts[0] == "现场检查（勘验）笔录" and texts[2] == "刘胡兰镇保贤村东"
    assert "王某某（当事人）" in texts[4]
    stored = records_service.list_records(walker.ctx, walker.who("demo-officer1"), walker.case_id)
    assert [o.login for o in stored[0].officers] == ["demo-officer1", "demo-officer2"]
    assert stored[0].persons_present[0]["name"] == "王某某"


def test_an_interview_keeps_questions_and_answers(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, date(2026, 8, 3))
    panel = make_panel(qtbot, walker)
    dialog = panel.open_dialog("interview")
    pick_officer(dialog, 1, "demo-officer2")
    dialog.place_edit.setText("镇执法队询问室")
    dialog.persons.table.setItem(0, 0, QTableWidgetItem("王某某"))
    dialog.questions.table.setItem(0, 0, QTableWidgetItem("你是否在此焚烧秸秆？"))
    dialog.questions.table.setItem(0, 1, QTableWidgetItem("是的。"))
    dialog.questions.add_row(["还有别人吗？", "没有。"])
    with qtbot.waitSignal(panel.changed):
        dialog.ok_button.click()
    stored = records_service.list_records(walker.ctx, walker.who("demo-officer1"), walker.case_id)
    assert stored[0].kind == "interview"
    assert stored[0].questions == [{"q": "你是否在此焚烧秸秆？", "a": "是的。"}, {"q": "还有别人吗？", "a": "没有。"}]
    assert panel.list.row_texts(0)[5] == "2 问"


def test_refusals_are_shown_in_chinese_and_nothing_typed_is_lost(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, date(2026, 8, 3))
    panel = make_panel(qtbot, walker)
    dialog = panel.open_dialog("inspection")
    dialog.place_edit.setText("保贤村")
    dialog.ok_button.click()  # one officer only
    assert dialog.isVisible()
    assert "两名执法人员" in dialog.error_label.text() and "第四十二条" in dialog.error_label.text()
    pick_officer(dialog, 1, "demo-officer2")
    dialog.ok_button.click()  # the service: an inspection needs its findings
    assert dialog.isVisible()
    assert "检查（勘验）情况" in dialog.error_label.text()
    assert dialog.place_edit.text() == "保贤村"
    assert panel.list.row_count() == 0


def test_the_workspace_tab_offers_the_buttons(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, date(2026, 8, 3))
    space = CaseWorkspace(walker.ctx, walker.who("demo-officer1"))
    qtbot.addWidget(space)
    space.resize(1366, 700)
    space.show()
    space.open_case(walker.case_id)
    panel = space.records.findChild(RecordsPanel)
    assert panel is not None and panel.add_inspection.isEnabled()
    detail = show_case(walker.ctx, walker.who("demo-officer1"), walker.case_id, walker.ctx.clock.today())
    assert detail.records == []
