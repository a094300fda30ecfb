"""The 决定 dialog asks the workflow before the user fills it in and before the irreversible
confirmation (explore F16, F38): a refused kind of decision is disabled with the rule, the notified
penalty is shown, an amount outside the chosen tier's band is flagged as it is typed, the 第六十条
deadline warning is shown up front; messages sit beside the buttons and the field is brought into
view (F17, F21)."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services.cases.queries import show_case
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.users import resolve_actor
from desktop_app.ui.action_dialogs import DecisionDialog, LegalReviewDialog, action_dialog
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import conclude_and_review, notify_and_serve, open_case, waive_both

START = date(2026, 10, 8)


@pytest.fixture
def walker(ctx: AppContext, tmp_path: Path) -> Walker:
    create_demo(ctx, cases=0, seed=3)
    proof = tmp_path / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan of a signed receipt")
    return Walker(ctx, lambda login: resolve_actor(ctx, login, via="cli"), proof)


pytestmark = pytest.mark.usefixtures("synchronous_runner")


def _dialog(qtbot: QtBot, walker: Walker, action: str = "decide", by: str = "demo-leader") -> DecisionDialog:
    actor = walker.who(by)
    detail = show_case(walker.ctx, actor, walker.case_id)
    dialog = action_dialog(walker.ctx, actor, detail, action)
    qtbot.addWidget(dialog)
    dialog.resize(860, 420)  # low: the form scrolls
    dialog.show()
    return dialog  # type: ignore[return-value]


def _shot(widget: QWidget, name: str) -> None:
    """SHOT_DIR=… saves what the test saw, to look at it."""
    folder = os.environ.get("SHOT_DIR")
    if folder:
        widget.grab().save(os.path.join(folder, name + ".png"))


def _kind_enabled(dialog: DecisionDialog, code: str) -> bool:
    model = dialog.kind.model()
    assert isinstance(model, QStandardItemModel)
    return model.item(dialog.kind.findData(code)).isEnabled()


def test_a_penalty_before_the_notice_is_disabled_with_the_rule(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START)
    conclude_and_review(walker, START + timedelta(days=10))
    dialog = _dialog(qtbot, walker)
    assert dialog.ok_button.isEnabled()  # 不予行政处罚 is possible in 调查终结
    assert not _kind_enabled(dialog, "penalty")
    assert dialog.kind.currentData() != "penalty"
    assert "行政处罚" in dialog.rules_label.text() and dialog.rules_label.isVisible()
    assert "尚未告知" in dialog.notified_label.text()
    _shot(dialog, "decide-before-notice")


def test_the_notified_penalty_and_the_band_are_shown_before_confirming(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START)
    conclude_and_review(walker, START + timedelta(days=10))
    notify_and_serve(walker, START + timedelta(days=11), amount=1000)
    waive_both(walker, START + timedelta(days=12))
    dialog = _dialog(qtbot, walker)
    assert _kind_enabled(dialog, "penalty") and dialog.kind.currentData() == "penalty"
    assert "罚款" in dialog.notified_label.text() and "1,000.00" in dialog.notified_label.text()
    tier = dialog._current_tier()
    assert tier is not None and tier.unit == "yuan"
    dialog.amount.setText(str(int(tier.fine_max) + 1))
    assert dialog.band_warning.isVisibleTo(dialog) and "档的幅度" in dialog.band_warning.text()
    dialog.amount.setText(str(int(tier.fine_min)))
    assert not dialog.band_warning.isVisibleTo(dialog)
    # heavier than notified: refused before the confirmation, in the workflow's words, next to the buttons
    dialog.amount.setText("5000")
    dialog.explanation.setPlainText("情节较重")
    dialog.ok_button.click()
    assert dialog.confirm_box is None
    assert "告知" in dialog.error_label.text()
    assert dialog.error_label.parentWidget() is dialog  # outside the scroll area: always in view
    assert dialog.isVisible()
    _shot(dialog, "decide-heavier-than-notified")


def test_the_decision_deadline_warning_is_shown_up_front(qtbot: QtBot, walker: Walker) -> None:
    start = date(2026, 6, 1)  # filed long before the fixed clock's 2026-11-23: 第六十条 passed
    open_case(walker, start)
    conclude_and_review(walker, start + timedelta(days=10))
    notify_and_serve(walker, start + timedelta(days=11), amount=1000)
    waive_both(walker, start + timedelta(days=12))
    dialog = _dialog(qtbot, walker)
    assert "第六十条" in dialog.rules_label.text()
    dialog.amount.setText("99999")
    _shot(dialog, "decide-deadline-band")
    dialog.amount.setText("1000")
    dialog.explanation.setPlainText("按一般档次")
    dialog.ok_button.click()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox) and "第六十条" in box.text()
    box.reject()


def test_a_missing_field_is_brought_into_view(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START)
    conclude_and_review(walker, START + timedelta(days=10))
    notify_and_serve(walker, START + timedelta(days=11), amount=1000)
    waive_both(walker, START + timedelta(days=12))
    dialog = _dialog(qtbot, walker)
    dialog.scroll_area.verticalScrollBar().setValue(0)
    dialog.amount.setText("1000")
    dialog.ok_button.click()
    assert "裁量说明" in dialog.error_label.text() and dialog.error_label.isVisible()
    assert dialog.explanation.hasFocus() or dialog.focusWidget() is dialog.explanation
    top = dialog.explanation.mapTo(dialog.scroll_area.widget(), dialog.explanation.rect().topLeft()).y()
    bar = dialog.scroll_area.verticalScrollBar().value()
    assert bar <= top <= bar + dialog.scroll_area.viewport().height()
    _shot(dialog, "decide-missing-explanation")


def test_the_legal_review_message_is_beside_the_buttons(qtbot: QtBot, walker: Walker) -> None:
    from desktop_app.ui.action_dialogs import ActionDialog
    open_case(walker, START)
    conclude_and_review(walker, START + timedelta(days=10))
    detail = show_case(walker.ctx, walker.who("demo-reviewer"), walker.case_id)
    dialog: ActionDialog = LegalReviewDialog(walker.ctx, walker.who("demo-reviewer"), detail, "legal_review")
    qtbot.addWidget(dialog)
    dialog.resize(560, 400)
    dialog.show()
    dialog.ok_button.click()
    assert "审核意见" in dialog.error_label.text()
    assert dialog.error_label.parentWidget() is dialog
    assert dialog.widgets["opinion"].hasFocus() or dialog.focusWidget() is dialog.widgets["opinion"]


def test_a_transfer_decision_asks_for_the_receiver_and_its_reasons(qtbot: QtBot, walker: Walker) -> None:
    """移送 in the 决定 dialog: the 接收机关 row appears, the text below is 移送的理由 (not 裁量说明),
    and both are required before the step is sent."""
    open_case(walker, START)
    conclude_and_review(walker, START + timedelta(days=10))
    dialog = _dialog(qtbot, walker)
    assert not dialog.form.isRowVisible(dialog.receiver)
    dialog.kind.setCurrentIndex(dialog.kind.findData("transfer"))
    assert dialog.form.isRowVisible(dialog.receiver) and dialog.form.isRowVisible(dialog.to_combo)
    label = dialog.form.labelForField(dialog.explanation)
    assert "移送的理由" in label.text() and "裁量说明" not in label.text()  # type: ignore[attr-defined]
    dialog.ok_button.click()
    assert "接收机关" in dialog.error_label.text()
    dialog.receiver.setText("文水县公安局")
    dialog.ok_button.click()
    assert "移送的理由" in dialog.error_label.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("penalty"))
    assert "裁量说明" in dialog.form.labelForField(dialog.explanation).text()  # type: ignore[attr-defined]
