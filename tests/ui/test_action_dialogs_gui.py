"""The action dialogs off the ordinary path, each opened from the workspace, filled, accepted and the
case's state checked: transfer (after its approval), approve, appeal, pay and defer, suspend and
resume, serve with a proof file, 法制审核 returned — and refusals that stay in the dialog or show the
rule that refuses them. Cases are brought to the right step through the services first (Walker)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services.actor import Actor
from desktop_app.services.cases.queries import show_case
from desktop_app.services.context import AppContext
from desktop_app.services.users import resolve_actor
from desktop_app.store.models import Case
from desktop_app.ui.action_dialogs import ActionDialog, LegalReviewDialog
from tests.ui.test_case_gui import Desk, _choose, _close_message_boxes, _document, _text
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import (
    conclude_and_review,
    notify_and_serve,
    open_case,
    t,
    to_decided_fine,
    waive_both,
)

START = date(2026, 10, 8)  # the walked steps come before the fixed clock's 2026-11-23 10:00


pytestmark = pytest.mark.usefixtures("synchronous_runner")



@pytest.fixture
def proof(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scan a person picks in the file dialog (its static method, patched)."""
    p = tmp_path / "送达回证.jpg"
    p.write_bytes(b"\xff\xd8scan of a signed receipt")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(p), "")))
    return p


@pytest.fixture
def walker(demo: AppContext, proof: Path) -> Walker:
    who: Callable[[str], Actor] = lambda login: resolve_actor(demo, login, via="cli")  # noqa: E731
    return Walker(demo, who, proof)


@pytest.fixture
def desk(qtbot: QtBot, demo: AppContext, walker: Walker) -> Iterator[Desk]:
    d = Desk(qtbot, demo)
    yield d
    _close_message_boxes()
    if d.window is not None:
        d.window.close()


def _open(desk: Desk, action: str) -> ActionDialog:
    """A step from 下一步 (a button) or from 其他操作 (the menu), as the user would pick it."""
    ws = desk.workspace
    if action in ws.menu_actions:
        act = ws.menu_actions[action]
        assert act.isEnabled(), f"{action} refused: {act.toolTip()}"
        act.trigger()
        dialog = ws.dialog
        assert isinstance(dialog, ActionDialog)
        return dialog
    return desk.start(action)


def _take(desk: Desk, action: str, fill: Callable[[ActionDialog], None], *, confirm: bool = False) -> str:
    dialog = _open(desk, action)
    fill(dialog)
    desk.finish(dialog, confirm=confirm)
    return desk.state()


def _refused_in_dialog(desk: Desk, dialog: ActionDialog, *words: str) -> None:
    """OK pressed, the services refuse: the reason stays in the dialog, nothing typed is lost."""
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    if dialog.confirm_box is not None and dialog.confirm_box.isVisible():
        desk.qtbot.mouseClick(dialog.confirm_box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert dialog.result_value is None and dialog.isVisible()
    for word in words:
        assert word in dialog.error_label.text(), dialog.error_label.text()


def _set_date(dialog: ActionDialog, name: str, day: date) -> None:
    dialog.field(name).setDate(QDate(day.year, day.month, day.day))


def test_judicial_transfer_refused_until_approved_then_approved_and_transferred(desk: Desk, walker: Walker) -> None:
    open_case(walker, START)
    desk.case_id = walker.case_id
    desk.login("demo-leader")
    assert desk.state() == "investigating"

    dialog = _open(desk, "transfer")
    _choose(dialog, "to", "judicial")
    _text(dialog, "receiver", "文水县公安局")
    _text(dialog, "reason", "涉嫌犯罪，移送公安机关")
    _refused_in_dialog(desk, dialog, "审批")  # 移送司法机关须先经负责人审批同意
    assert dialog.field("reason").toPlainText() == "涉嫌犯罪，移送公安机关"
    dialog.reject()

    def approve(d: ActionDialog) -> None:
        _choose(d, "what", "transfer")
        _choose(d, "outcome", "granted")
        assert not d.field("until").isVisibleTo(d)  # only for an extension or a deferral
        _text(d, "reason", "两名执法人员报告涉嫌犯罪，同意移送")

    assert _take(desk, "approve", approve) == "investigating"
    assert [(a.what, a.outcome) for a in desk.workspace.detail.approvals] == [("transfer", "granted")]

    def transfer(d: ActionDialog) -> None:
        _choose(d, "to", "judicial")
        _text(d, "receiver", "文水县公安局")
        _text(d, "reason", "涉嫌犯罪，移送公安机关")

    assert _take(desk, "transfer", transfer, confirm=True) == "transferred"
    assert "已移送" in desk.workspace.state_label.text() or desk.workspace.state_label.text()
    assert any(d.number and "移字" in d.number for d in desk.workspace.detail.documents)


def test_pay_then_a_deferral_approved_and_recorded(desk: Desk, walker: Walker) -> None:
    decided = to_decided_fine(walker, START, 1000)
    walker.serve("demo-officer1", decided.document_id, t(START + timedelta(days=14), "15:00"))
    desk.case_id = walker.case_id
    desk.login("demo-officer1")
    assert desk.state() == "served"

    dialog = desk.start("pay")
    _text(dialog, "amount", "2000")
    _refused_in_dialog(desk, dialog, "超过尚欠罚款")  # more than is owed: refused, with the amount owed
    _text(dialog, "amount", "400")
    desk.finish(dialog)
    assert desk.state() == "executing"
    assert desk.workspace.detail.execution.paid == "400.00"

    # 暂缓缴纳 needs the leader's approval first (行政处罚法 第六十六条第二款)
    if "defer" in desk.workspace.action_buttons:
        assert not desk.button("defer").isEnabled() and "批准" in desk.button("defer").toolTip()
    until = date(2026, 12, 31)

    desk.login("demo-leader")

    def approve(d: ActionDialog) -> None:
        _choose(d, "what", "deferral")
        _choose(d, "outcome", "granted")
        assert d.field("until").isVisibleTo(d)
        _set_date(d, "until", until)
        _text(d, "reason", "当事人经济困难，同意暂缓至年底")

    assert _take(desk, "approve", approve) == "executing"

    desk.login("demo-officer1")

    def defer(d: ActionDialog) -> None:
        _choose(d, "way", "defer")
        assert not d.form.isRowVisible(d.field("instalments"))
        _set_date(d, "until", until)

    if "defer" in desk.workspace.action_buttons:
        assert _take(desk, "defer", defer) == "executing"
    else:
        assert _take(desk, "defer", defer) == "executing"
    assert desk.workspace.detail.timeline[-1].action == "defer"
    assert desk.workspace.detail.timeline[-1].data.get("until") == until.isoformat()


def test_a_plan_of_instalments_through_the_dialog(desk: Desk, walker: Walker) -> None:
    """分期缴纳 (行政处罚法第六十六条第二款): the plan typed as dates and amounts, shown on 送达与执行."""
    from desktop_app.ui.case_tabs import ServiceTab

    decided = to_decided_fine(walker, START, 1000)
    walker.serve("demo-officer1", decided.document_id, t(START + timedelta(days=14), "15:00"))
    walker.do("demo-leader", "approve", t(START + timedelta(days=15)), what="deferral", outcome="granted",
              reason="当事人经济困难，同意分两期缴纳", until=date(2027, 1, 31))
    desk.case_id = walker.case_id
    desk.login("demo-officer1")
    dialog = desk.start("defer")
    _choose(dialog, "way", "instalments")
    assert not dialog.form.isRowVisible(dialog.field("until"))
    _text(dialog, "instalments", "2026-12-31:400，2027-01-31:500")
    _refused_in_dialog(desk, dialog, "应等于尚欠罚款 1000.00 元")
    _text(dialog, "instalments", "2026-12-31:400\n2027-01-31:600")
    desk.finish(dialog)
    assert desk.state() == "executing"
    tab = desk.workspace.service
    assert isinstance(tab, ServiceTab)
    texts = [label.text() for label in tab.findChildren(QLabel)]
    assert "第1期 2026-12-31 ¥400.00 待缴\n第2期 2027-01-31 ¥600.00 待缴" in texts, texts


def test_appeal_pending_then_upheld(desk: Desk, walker: Walker) -> None:
    decided = to_decided_fine(walker, START, 1000)
    walker.serve("demo-officer1", decided.document_id, t(START + timedelta(days=14), "15:00"))
    desk.case_id = walker.case_id
    desk.login("demo-officer1")

    dialog = _open(desk, "appeal")
    _choose(dialog, "kind", "review")
    _choose(dialog, "outcome", "upheld")
    _refused_in_dialog(desk, dialog)  # no review pending yet: nothing to uphold
    assert dialog.error_label.text()
    _choose(dialog, "outcome", "pending")
    desk.finish(dialog)
    assert desk.state() == "served"
    assert desk.workspace.detail.timeline[-1].action == "appeal"

    def upheld(d: ActionDialog) -> None:
        _choose(d, "kind", "review")
        _choose(d, "outcome", "upheld")

    assert _take(desk, "appeal", upheld) == "served"
    with walker.ctx.read() as s:
        case = s.get(Case, walker.case_id)
        assert case is not None and (case.appeal_kind, case.appeal_outcome) == ("review", "upheld")


def test_suspend_needs_a_reason_then_resume_returns_to_the_same_step(desk: Desk, walker: Walker) -> None:
    open_case(walker, START)
    desk.case_id = walker.case_id
    leader = desk.login("demo-leader")

    dialog = _open(desk, "suspend")
    qtbot = desk.qtbot
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "中止的理由" in dialog.error_label.text() and dialog.result_value is None  # required field
    _text(dialog, "reason", "当事人下落不明")
    desk.finish(dialog)
    assert desk.state() == "suspended"
    assert leader.workspace.step_bar.status_of("investigate") != "done"
    # while suspended the investigation can't go on: shown with its reason, not missing
    desk.login("demo-officer1")
    conclude = desk.button("conclude") if "conclude" in desk.workspace.action_buttons else None
    if conclude is not None:
        assert not conclude.isEnabled() and conclude.toolTip()

    desk.login("demo-leader")
    assert _take(desk, "resume", lambda d: _text(d, "reason", "已找到当事人")) == "investigating"


def test_serve_the_notice_with_a_proof_file(desk: Desk, walker: Walker, proof: Path) -> None:
    open_case(walker, START)
    conclude_and_review(walker, START + timedelta(days=10))
    walker.do("demo-lead", "notify", t(START + timedelta(days=11)), penalty="fine", amount=1000,
              hearing_rights=True)
    desk.case_id = walker.case_id
    desk.login("demo-officer1")
    assert desk.state() == "notified"

    dialog = desk.start("serve")
    _document(dialog, "行政处罚事先告知书")
    _choose(dialog, "method", "direct")
    _text(dialog, "recipient", "王某某")
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "送达凭证" in dialog.error_label.text() and dialog.result_value is None  # the proof is required
    desk.qtbot.mouseClick(dialog.field("proof").button, Qt.MouseButton.LeftButton)  # 选择文件… (patched)
    assert dialog.field("proof").path() == proof
    desk.finish(dialog)
    assert desk.state() == "notified"
    notice = next(d for d in desk.workspace.detail.documents if d.form == "penalty_notice")
    assert notice.served_on == date(2026, 11, 23)


def test_the_serve_dialog_asks_what_the_method_needs(desk: Desk, walker: Walker, proof: Path) -> None:
    """留置: the refusal and a witness (or a photo); 电子: the party's consent; 公告: why (law-check.md 7)."""
    open_case(walker, START)
    conclude_and_review(walker, START + timedelta(days=10))
    walker.do("demo-lead", "notify", t(START + timedelta(days=11)), penalty="fine", amount=1000,
              hearing_rights=True)
    desk.case_id = walker.case_id
    desk.login("demo-officer1")
    dialog = desk.start("serve")
    _document(dialog, "行政处罚事先告知书")

    def shown() -> set[str]:
        return {n for n in ("reason", "witness", "consent") if dialog.form.isRowVisible(dialog.field(n))}

    _choose(dialog, "method", "direct")
    assert shown() == set()
    _choose(dialog, "method", "electronic")
    assert shown() == {"consent"}
    _choose(dialog, "method", "public")
    assert shown() == {"reason"}
    _choose(dialog, "method", "left")
    assert shown() == {"reason", "witness"}
    desk.qtbot.mouseClick(dialog.field("proof").button, Qt.MouseButton.LeftButton)  # 选择文件… (patched)
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "拒收事由或公告原因" in dialog.error_label.text() and dialog.result_value is None
    _text(dialog, "reason", "当事人拒绝签收")
    _text(dialog, "witness", "保贤村村委会 李某")
    desk.finish(dialog)
    event = [e for e in desk.workspace.detail.timeline if e.action == "serve"][-1]
    assert event.data["witness"] == "保贤村村委会 李某" and event.data["method"] == "left"


def _in_legal_review(walker: Walker) -> None:
    """A major item (DQ-02: 法制审核 required) notified, both rights waived, submitted for review."""
    open_case(walker, START, item="DQ-02")
    conclude_and_review(walker, START + timedelta(days=10))
    notify_and_serve(walker, START + timedelta(days=11))
    waive_both(walker, START + timedelta(days=12))
    walker.do("demo-officer1", "submit_review", t(START + timedelta(days=13)))


def test_legal_review_returned_to_the_investigation(desk: Desk, walker: Walker) -> None:
    _in_legal_review(walker)
    desk.case_id = walker.case_id
    desk.login("demo-reviewer")
    assert desk.state() == "legal_review"

    dialog = desk.start("legal_review")
    assert isinstance(dialog, LegalReviewDialog)
    assert not dialog.to_combo.isEnabled()  # 退回至 only for a return
    _choose(dialog, "outcome", "returned")
    assert dialog.to_combo.isEnabled()
    _choose(dialog, "to", "investigating")
    _text(dialog, "opinion", "证据不足，退回补充调查")
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "全部“符合”" in dialog.error_label.text()  # a return names what is wrong
    dialog.checks["证据"][0].setCurrentIndex(dialog.checks["证据"][0].findData("fix"))
    assert dialog.error_label.text() == ""  # gone once the user changes something
    _text(dialog, "opinion", "")
    dialog.checks["证据"][0].setCurrentIndex(dialog.checks["证据"][0].findData("fix"))
    dialog.checks["证据"][1].setText("现场照片不清晰，须补充")
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "审核意见" in dialog.error_label.text()  # required
    _text(dialog, "opinion", "证据不足，退回补充调查")
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_box is not None and "案件退回“调查取证”" in dialog.confirm_box.text()
    desk.qtbot.mouseClick(dialog.confirm_box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert dialog.result_value is not None
    assert desk.state() == "investigating"
    opinion = desk.workspace.detail.timeline[-1].data.get("opinion", "")
    assert "证据：需补充（现场照片不清晰，须补充）" in opinion


def test_a_review_before_any_notice_returns_only_to_the_investigation(desk: Desk, walker: Walker) -> None:
    """A major item's 不予行政处罚 is reviewed straight after the 案件审核: no 告知 to return to."""
    open_case(walker, START, item="DQ-02")
    conclude_and_review(walker, START + timedelta(days=10))
    desk.case_id = walker.case_id
    desk.login("demo-officer1")
    assert desk.button("submit_review").text().startswith("提交法制审核（拟不予处罚）")
    walker.do("demo-officer1", "submit_review", t(START + timedelta(days=11)))
    desk.login("demo-reviewer")
    dialog = desk.start("legal_review")
    assert isinstance(dialog, LegalReviewDialog)
    choices = [dialog.to_combo.itemData(i) for i in range(dialog.to_combo.count())]
    assert choices == ["investigating"]


def test_a_refused_step_shows_its_rule_and_opens_no_dialog(desk: Desk, walker: Walker, qtbot: QtBot) -> None:
    open_case(walker, START)
    desk.case_id = walker.case_id
    officer = desk.login("demo-officer1")
    ws = officer.workspace
    # 中止 is the leader's: in the menu, disabled, its reason as the tooltip
    act = ws.menu_actions.get("suspend")
    assert act is not None and not act.isEnabled() and "（不可用）" in act.text()
    assert act.toolTip() == ws.refused_reason("suspend") and "负责人" in act.toolTip()
    ws.request_action("suspend")  # e.g. from a tab's link: the reason in a message box, no dialog
    assert ws.dialog is None
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any(ws.refused_reason("suspend") in b.text() for b in boxes)
    assert show_case(walker.ctx, walker.who("demo-leader"), walker.case_id).state == "investigating"


def test_the_hearing_host_is_named_with_a_time_and_place_seven_working_days_ahead(desk: Desk,
                                                                                   walker: Walker) -> None:
    open_case(walker, START)
    conclude_and_review(walker, date(2026, 10, 20))
    notify_and_serve(walker, date(2026, 10, 21))
    walker.do("demo-officer1", "request_hearing", t(date(2026, 10, 23)))
    desk.case_id = walker.case_id
    desk.login("demo-leader")
    assert desk.state() == "hearing"

    dialog = _open(desk, "approve")
    when, place = dialog.field("hearing_time"), dialog.field("hearing_place")
    # a case in 听证 opens 审批 on the hearing host (it once opened on 先行登记保存)
    assert dialog.field("what").currentData() == "hearing_host"
    assert when.isVisibleTo(dialog) and place.isVisibleTo(dialog)
    _choose(dialog, "what", "extension")
    assert not when.isVisibleTo(dialog) and not place.isVisibleTo(dialog)  # only for the hearing host
    _choose(dialog, "what", "hearing_host")
    _choose(dialog, "outcome", "granted")
    _choose(dialog, "host", "demo-officer3")
    assert when.isVisibleTo(dialog) and place.isVisibleTo(dialog)
    _refused_in_dialog(desk, dialog, "听证地点")  # required: the notice names it (第六十四条)
    _text(dialog, "hearing_place", "刘胡兰镇政府三楼会议室")
    # today is Monday 2026-11-23: seven working days make Wednesday 12-02 the soonest — said before the
    # confirmation to issue the notice is asked
    when.setDateTime(QDateTime(QDate(2026, 11, 30), QTime(9, 0)))
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_box is None or not dialog.confirm_box.isVisible()
    assert "最早定于 2026-12-02" in dialog.error_label.text() and "第六十四条" in dialog.error_label.text()
    when.setDateTime(QDateTime(QDate(2026, 12, 3), QTime(14, 30)))
    # issuing the notice is asked first (a number is given, the text fixed)
    assert "将签发《听证通知书》" in (dialog.confirmation_text() or "")
    assert "作废" not in (dialog.confirmation_text() or "")
    desk.finish(dialog, confirm=True)
    notice = next(d for d in desk.workspace.detail.documents if d.form == "hearing_notice")
    assert notice.number and "听通" in notice.number
    event = desk.workspace.detail.timeline[-1]
    assert event.data["hearing_time"] == "2026-12-03T14:30+08:00"
    assert event.data["hearing_place"] == "刘胡兰镇政府三楼会议室"

    # a second designation says the first notice goes
    again = _open(desk, "approve")
    _choose(again, "what", "hearing_host")
    _choose(again, "outcome", "granted")
    assert "本案已签发的听证通知书将作废" in (again.confirmation_text() or "")
    _choose(again, "outcome", "refused")
    assert again.confirmation_text() is None
    again.reject()


def test_a_time_after_now_is_refused_in_words_not_replaced(desk: Desk, walker: Walker) -> None:
    """发生时间 2026-12-08 typed on 2026-12-02 was kept as 12-02 without a word (the field's maximum)."""
    open_case(walker, START)
    desk.case_id = walker.case_id
    desk.login("demo-leader")
    dialog = _open(desk, "approve")
    _choose(dialog, "what", "extension")
    dialog.on_edit.setDateTime(QDateTime(QDate(2026, 11, 29), QTime(10, 0)))  # the clock: 2026-11-23 10:00
    assert dialog.on_edit.date() == QDate(2026, 11, 29)  # taken as typed, not cut back to today
    _refused_in_dialog(desk, dialog, "发生时间 2026-11-29 10:00 晚于现在（2026-11-23 10:00）")
    dialog.reject()


def test_no_penalty_through_the_dialog_needs_its_ground_and_reasons(desk: Desk, walker: Walker) -> None:
    """Exploratory finding: 不予行政处罚 was issued with no reason and printed a canned one."""
    from desktop_app.ui.action_dialogs import DecisionDialog
    from desktop_app.ui.case_tabs import DecisionTab

    open_case(walker, START)
    conclude_and_review(walker, START + timedelta(days=10))
    desk.case_id = walker.case_id
    desk.login("demo-leader")
    dialog = desk.start("decide")
    assert isinstance(dialog, DecisionDialog)
    _choose(dialog, "kind", "no_penalty")
    assert dialog.form.isRowVisible(dialog.field("ground"))
    label = dialog.form.labelForField(dialog.field("explanation"))
    assert isinstance(label, QLabel) and "不予处罚的理由" in label.text() and "*" in label.text()
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "不予处罚的依据" in dialog.error_label.text() and dialog.result_value is None
    _choose(dialog, "ground", "no_fault")
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "不予处罚的理由" in dialog.error_label.text() and dialog.result_value is None
    _text(dialog, "explanation", "当事人提交的租赁合同证明焚烧系承租人所为")
    desk.finish(dialog, confirm=True)
    assert desk.state() == "decided"
    tab = desk.workspace.decision
    assert isinstance(tab, DecisionTab)
    texts = [w.text() for w in tab.findChildren(QLabel)]
    assert any("当事人有证据足以证明没有主观过错" in x and "第三十三条第二款" in x for x in texts), texts
    assert "当事人提交的租赁合同证明焚烧系承租人所为" in texts


def test_closing_with_money_owed_names_the_sums_and_the_way(desk: Desk, walker: Walker) -> None:
    """Exploratory finding: 结案 of a fine half paid showed no amounts and recorded no 结案方式."""
    from desktop_app.ui.case_tabs import OverviewTab

    decided = to_decided_fine(walker, START, 1000)
    walker.serve("demo-officer1", decided.document_id, t(START + timedelta(days=14), "15:00"))
    walker.do("demo-officer1", "pay", t(START + timedelta(days=15)), amount=400)
    desk.case_id = walker.case_id
    desk.login("demo-leader")
    dialog = desk.start("close")
    intro = [w.text() for w in dialog.findChildren(QLabel) if "尚欠" in w.text()]
    assert intro and "罚款 ¥1,000.00，已缴纳 ¥400.00，尚欠 ¥600.00" in intro[0]
    _choose(dialog, "outcome", "terminated")
    _text(dialog, "reason", "当事人死亡，无遗产可供执行，又无义务承受人")
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert box is not None and "尚欠罚款 ¥600.00" in box.text() and "终结执行（行政强制法第四十条）" in box.text()
    desk.qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert dialog.result_value is not None and desk.state() == "closed"
    tab = desk.workspace.overview
    assert isinstance(tab, OverviewTab)
    texts = [w.text() for w in tab.findChildren(QLabel)]
    assert "终结执行（行政强制法第四十条），结案时尚欠罚款 ¥600.00" in texts, texts


def test_a_refusal_names_the_action_as_its_button_does(desk: Desk, walker: Walker) -> None:
    """Exploratory finding: the reviewer read "退回补充调查：只有……可以进行“调查取证”"."""
    _in_legal_review(walker)
    desk.case_id = walker.case_id
    reviewer = desk.login("demo-reviewer")
    reason = reviewer.workspace.refused_reason("investigate") or ""
    assert "“退回补充调查”" in reason and "“调查取证”" not in reason
    assert "“退回补充调查”" in reviewer.workspace.reasons_label.text()


def test_what_would_be_refused_is_said_before_the_confirmation(desk: Desk, walker: Walker) -> None:
    """Exploratory finding: "确认结案"/"确认决定" came first, the refusal (a date before the notice's
    service, a fine still owed, a missing ground) only after it."""
    decided = to_decided_fine(walker, START, 1000)
    walker.serve("demo-officer1", decided.document_id, t(START + timedelta(days=14), "15:00"))
    walker.do("demo-officer1", "pay", t(START + timedelta(days=15)), amount=400)
    desk.case_id = walker.case_id
    desk.login("demo-leader")
    dialog = desk.start("close")
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # 正常结案 of a fine still owed
    assert dialog.confirm_box is None and "尚未执行完毕" in dialog.error_label.text()
    _choose(dialog, "outcome", "terminated")
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_box is None and "须填写“结案理由”" in dialog.error_label.text()
    _text(dialog, "reason", "当事人死亡，无遗产可供执行，又无义务承受人")
    dialog.on_edit.setDateTime(QDateTime(QDate(2026, 9, 1), QTime(10, 0)))  # before the latest event
    desk.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_box is None and "早于本案最近一次登记" in dialog.error_label.text()
    dialog.on_edit.setDateTime(QDateTime(QDate(2026, 11, 23), QTime(9, 0)))
    desk.finish(dialog, confirm=True)
    assert desk.state() == "closed"
