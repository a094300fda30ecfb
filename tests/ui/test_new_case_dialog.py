"""登记线索 (findings F30, F31, F32, F4, F29): Tab or a filter never chooses the 执法事项; an identifier
registered under another name asks which is right; a filled form asks before Esc discards it; error
lines never leave one character alone; a typed whole date is taken as typed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QFont, QTextLayout
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import parties as parties_service
from desktop_app.services.cases.register import NewCase, register_case
from desktop_app.services.context import AppContext
from desktop_app.services.parties import PartyInput
from desktop_app.services.users import resolve_actor
from desktop_app.ui import new_case_dialog as module
from desktop_app.ui.new_case_dialog import NewCaseDialog, TypingDateEdit, keep_tail

KNOWN_ID = "142322198001010010"



def make_dialog(qtbot: QtBot, ctx: AppContext) -> NewCaseDialog:
    dialog = NewCaseDialog(ctx, resolve_actor(ctx, "demo-officer1", via="gui"))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog: NewCaseDialog, name: str) -> None:
    dialog.id_edit.setText(KNOWN_ID)
    dialog.check_identifier()
    dialog.name_edit.setText(name)
    dialog.name_edit.editingFinished.emit()
    assert dialog.select_item("DQ-01")
    dialog.facts_edit.setPlainText("露天焚烧秸秆")


def test_tab_into_the_item_list_chooses_nothing(qtbot: QtBot, demo: AppContext) -> None:
    dialog = make_dialog(qtbot, demo)
    # what Qt does when Tab reaches the list: it makes the first row current
    QApplication.sendEvent(dialog.item_list, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert dialog.item_list.currentItem() is not None
    assert dialog.selected_item() is None
    assert dialog.item_detail.text() == ""
    assert "须选择执法事项" in dialog._problems()
    # Space (or a click) chooses the row
    qtbot.keyClick(dialog.item_list, Qt.Key.Key_Space)
    chosen = dialog.selected_item()
    assert chosen is not None and chosen.code == dialog.items[0].code
    assert "处罚依据" in dialog.item_detail.text()


def test_a_filter_does_not_choose_its_first_hit(qtbot: QtBot, demo: AppContext) -> None:
    dialog = make_dialog(qtbot, demo)
    dialog.item_search.setText("焚烧")
    hits = [dialog.item_list.item(i) for i in range(dialog.item_list.count())
            if not dialog.item_list.item(i).isHidden()]
    assert len(hits) > 1
    assert dialog.selected_item() is None
    assert dialog.select_item("DQ-01")
    dialog.item_search.setText("沥青")  # the chosen item is filtered away: no longer chosen
    assert dialog.selected_item() is None or dialog.selected_item().code != "DQ-01"  # type: ignore[union-attr]
    dialog.item_search.setText("DQ-02")  # a code typed in full leaves one hit: that one is chosen
    chosen = dialog.selected_item()
    assert chosen is not None and chosen.code == "DQ-02"


def test_a_known_identifier_under_another_name_asks_first(qtbot: QtBot, demo: AppContext,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    officer = resolve_actor(demo, "demo-officer1", via="gui")
    register_case(demo, officer, NewCase(item_code="DQ-01", source="inspection", facts="露天焚烧秸秆",
                                         party=PartyInput("person", KNOWN_ID, "张测试")))
    dialog = make_dialog(qtbot, demo)
    fill(dialog, "李四")
    assert "与已登记的当事人（张测试）不一致" in dialog.known_label.text()
    asked: list[tuple[str, str]] = []
    answer = {"value": ""}

    def ask(_parent: Any, known: str, typed: str) -> str:
        asked.append((known, typed))
        return answer["value"]

    monkeypatch.setattr(module, "ask_name", ask)
    registered: list[str] = []
    dialog.registered.connect(registered.append)
    dialog.save()  # 返回修改: nothing saved, the form stays
    assert asked == [("张测试", "李四")] and dialog.isVisible() and not registered
    answer["value"] = "known"
    dialog.save()
    assert registered and not dialog.isVisible()
    names = {p.name for p in parties_service.search_parties(demo, KNOWN_ID)}
    assert names == {"张测试"}


def test_the_same_name_does_not_ask(qtbot: QtBot, demo: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    officer = resolve_actor(demo, "demo-officer1", via="gui")
    register_case(demo, officer, NewCase(item_code="DQ-01", source="inspection", facts="露天焚烧秸秆",
                                         party=PartyInput("person", KNOWN_ID, "张测试")))
    dialog = make_dialog(qtbot, demo)
    fill(dialog, "张测试")
    monkeypatch.setattr(module, "ask_name", lambda *_a: pytest.fail("asked although the names agree"))
    with qtbot.waitSignal(dialog.registered):
        dialog.save()


def test_escape_on_a_filled_form_asks_before_discarding(qtbot: QtBot, demo: AppContext) -> None:
    dialog = make_dialog(qtbot, demo)
    qtbot.keyClicks(dialog.id_edit, KNOWN_ID)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = dialog.discard_box
    assert box is not None and box.isVisible() and "放弃" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()  # 继续填写
    assert dialog.isVisible() and dialog.id_edit.text() == KNOWN_ID
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = dialog.discard_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()  # 放弃
    assert not dialog.isVisible()

    empty = make_dialog(qtbot, demo)
    qtbot.keyClick(empty, Qt.Key.Key_Escape)
    assert not empty.isVisible() and empty.discard_box is None  # an untouched form closes without asking


def _last_line(text: str, font: QFont, width: int) -> str:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return lines[-1]


def test_an_error_line_never_leaves_one_character_alone(qtbot: QtBot) -> None:
    message = "统一社会信用代码第18位校验码不正确：应为 4。"
    font = QApplication.font()
    widths = range(60, 420, 3)
    assert any(len(_last_line(message, font, w).strip()) <= 2 for w in widths)  # the blemish without the fix
    glued = keep_tail(message)
    assert glued.replace("\u2060", "").replace("\u00a0", " ") == message
    for width in widths:
        assert len(_last_line(glued, font, width).replace("\u2060", "").strip()) >= 4, width


def test_the_item_text_is_at_most_three_lines(qtbot: QtBot, demo: AppContext) -> None:
    dialog = make_dialog(qtbot, demo)
    lines = dialog.item_detail.fontMetrics().lineSpacing()
    assert dialog.select_item("DQ-02")  # a 重大 item: three lines of 处罚依据 and more
    assert dialog.item_detail.maximumHeight() <= lines * 3 + 8
    assert "处罚种类及幅度" in dialog.item_detail.toolTip()  # the whole text on hover


def test_a_whole_date_typed_over_the_field_is_taken(qtbot: QtBot) -> None:
    edit = TypingDateEdit(date(2031, 12, 31))
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "2029-06-30")
    assert edit.date().toString("yyyy-MM-dd") == "2029-06-30"
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "20250101")
    assert edit.date().toString("yyyy-MM-dd") == "2025-01-01"


def test_switching_to_a_person_drops_what_the_known_company_filled_in(qtbot: QtBot, demo: AppContext) -> None:
    """A recognised company filled in its name, address and phone; the officer then switches to 自然人:
    what came from the company goes, what the officer typed stays."""
    officer = resolve_actor(demo, "demo-officer1", via="gui")
    credit = "91350100M000100Y43"
    register_case(demo, officer, NewCase(item_code="DQ-01", source="inspection", facts="堆放物料",
                                         party=PartyInput("organisation", credit, "文水县某某养殖有限公司",
                                                          "文水县刘胡兰镇北庄村1号", "13800000001", "李某")))
    dialog = make_dialog(qtbot, demo)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("organisation"))
    dialog.id_edit.setText(credit)
    dialog.check_identifier()
    assert dialog.name_edit.text() == "文水县某某养殖有限公司"
    assert dialog.address_edit.text() == "文水县刘胡兰镇北庄村1号" and dialog.phone_edit.text() == "13800000001"
    dialog.phone_edit.setText("13900000000")  # the officer corrects the phone: that is theirs now
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("person"))
    assert dialog.id_edit.text() == ""  # the company's credit code is not the person's ID: no check-digit hint
    assert not dialog.id_error.isVisible()
    assert dialog.name_edit.text() == "" and dialog.address_edit.text() == "" and dialog.rep_edit.text() == ""
    assert dialog.phone_edit.text() == "13900000000"
    assert dialog.known_party is None and not dialog.known_label.isVisible()


def _type_over(qtbot: QtBot, edit: TypingDateEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def test_a_typed_date_is_not_refused_halfway_by_the_latest_allowed(qtbot: QtBot) -> None:
    """Found typing into 发现日期 on 2026-12-02 over 2026-10-15: “12” for the month was refused because
    2026-12-15 lies after today, and January was kept without a word."""
    edit = TypingDateEdit(date(2026, 10, 15), maximum=date(2026, 12, 2))
    qtbot.addWidget(edit)
    edit.show()
    _type_over(qtbot, edit, "2026-12-01")
    assert edit.date().toString("yyyy-MM-dd") == "2026-12-01"
    edit.setDate(date(2026, 10, 31))
    _type_over(qtbot, edit, "2026-11-30")  # day 31 of the old date must not block November
    assert edit.date().toString("yyyy-MM-dd") == "2026-11-30"
    # a date after the latest: brought back to it on leaving the field, with a note saying so
    _type_over(qtbot, edit, "2026-12-05")
    edit.editingFinished.emit()
    assert edit.date().toString("yyyy-MM-dd") == "2026-12-02"
    assert edit.toolTip() == "日期不能晚于 2026-12-02，已改为 2026-12-02"
    assert edit.maximumDate().toString("yyyy-MM-dd") == "2026-12-02"  # the calendar still stops at today
