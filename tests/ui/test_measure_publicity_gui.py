"""The decision and notice dialogs ask for the measure the case's item needs (面积 for a fine per 平方米, the
named base for a multiple, nothing for fines in 元) and show the tier's range in 元 once it is typed;
the decision tab shows what the fine was computed on and the publicity (公示, 行政处罚法 第四十八条),
met through the 公示 dialog; the leader designates a case reviewer (指定案件审核人) in the approve
dialog, who then reviews the case."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services.actor import Actor
from desktop_app.services.cases.queries import show_case
from desktop_app.services.context import AppContext
from desktop_app.services.users import resolve_actor
from desktop_app.ui.action_dialogs import ActionDialog, DecisionDialog, action_dialog
from tests.ui.test_case_gui import Desk, _choose, _close_message_boxes, _text
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import conclude_and_review, open_case, t

QW = TypeVar("QW", bound=QWidget)
START = date(2026, 10, 8)  # before the fixed clock's 2026-11-23 10:00


pytestmark = pytest.mark.usefixtures("synchronous_runner")



@pytest.fixture
def walker(demo: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Walker:
    proof = tmp_path / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan of a signed receipt")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(proof), "")))
    who: Callable[[str], Actor] = lambda login: resolve_actor(demo, login, via="cli")  # noqa: E731
    return Walker(demo, who, proof)


@pytest.fixture
def desk(qtbot: QtBot, demo: AppContext, walker: Walker) -> Iterator[Desk]:
    d = Desk(qtbot, demo)
    yield d
    _close_message_boxes()
    if d.window is not None:
        d.window.close()


def _dialog(qtbot: QtBot, w: Walker, action: str, login: str = "demo-leader") -> ActionDialog:
    detail = show_case(w.ctx, w.who(login), w.case_id)
    dialog = action_dialog(w.ctx, w.who(login), detail, action)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _label(dialog: ActionDialog, name: str) -> str:
    label = dialog.form.labelForField(dialog.field(name))
    assert isinstance(label, QLabel)
    return label.text()


def _shown(dialog: ActionDialog, w: QWidget) -> bool:
    return dialog.form.isRowVisible(w)


def _live(tab: QWidget, cls: type[QW], name: str = "") -> list[QW]:
    """The tab's current widgets: those of the last showing are hidden and deleted later."""
    return [w for w in tab.findChildren(cls, name) if w.isVisibleTo(tab)]


def _hint(dialog: ActionDialog) -> QLabel | None:
    return dialog.findChild(QLabel, "measureHint")


# ================================================================================= the dialogs


def test_gh01_decision_asks_for_the_area_and_shows_the_tier_in_yuan(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START, item="GH-01")
    dialog = _dialog(qtbot, walker, "decide")
    assert isinstance(dialog, DecisionDialog)
    assert "base_value" not in dialog.widgets
    assert "面积（平方米）" in _label(dialog, "quantity") and "*" in _label(dialog, "quantity")  # required
    hint = _hint(dialog)
    assert hint is not None and hint.text() == "本事项罚款按每平方米计算：法定幅度 每平方米 10—50 元"
    assert _shown(dialog, hint) and _shown(dialog, dialog.field("quantity"))
    _choose(dialog, "tier", "general")
    assert "本档罚款幅度：每平方米 20—30 元" in dialog.tier_range.text()
    assert "填写面积后显示折合金额" in dialog.tier_range.text()
    dialog.field("quantity").setText("120")  # typed: the range follows in 元
    assert dialog.tier_range.text() == "本档罚款幅度：每平方米 20—30 元（120 平方米，计 ¥2,400.00 至 ¥3,600.00）"
    # the benchmark table reads per 平方米 too, not as money
    assert dialog.benchmark.item(1, 2).text() == "每平方米 20—30 元"
    # refused in the dialog, naming the field, before the services are asked
    dialog.field("quantity").setText("")
    dialog.amount.setText("3000")
    dialog.explanation.setPlainText("按一般档次裁量")
    dialog.submit()
    assert "须填写“面积（平方米）”" in dialog.error_label.text()
    # not a fine: no area
    _choose(dialog, "kind", "no_penalty")
    _choose(dialog, "ground", "minor_corrected")
    assert not _shown(dialog, dialog.field("quantity")) and not _shown(dialog, hint)
    assert dialog.collect().quantity is None


def test_gh07_decision_asks_for_the_construction_cost(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START, item="GH-07")
    dialog = _dialog(qtbot, walker, "decide")
    assert "quantity" not in dialog.widgets
    assert "建设工程造价（元）" in _label(dialog, "base_value") and "*" in _label(dialog, "base_value")
    hint = _hint(dialog)
    assert hint is not None and hint.text() == "本事项罚款按建设工程造价的倍数计算：法定幅度 建设工程造价的 0.05—0.1 倍"
    _choose(dialog, "tier", "general")
    assert "填写建设工程造价后显示折合金额" in dialog.tier_range.text()
    dialog.field("base_value").setText("100000")
    assert "计 ¥6,000.00 至 ¥7,500.00" in dialog.tier_range.text()
    _choose(dialog, "penalty", "confiscation")  # 没收实物或者违法收入 needs no base
    assert not _shown(dialog, dialog.field("base_value"))


def test_a_plain_amount_item_shows_neither(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START, item="DQ-01")
    for action in ("decide", "notify"):
        dialog = _dialog(qtbot, walker, action)
        assert "quantity" not in dialog.widgets and "base_value" not in dialog.widgets
        assert _hint(dialog) is None
        texts = [lbl.text() for lbl in dialog.findChildren(QLabel)]
        assert not any("面积" in x or "基数" in x for x in texts)
        dialog.reject()


def test_gh01_notice_may_state_the_area(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START, item="GH-01")
    dialog = _dialog(qtbot, walker, "notify", "demo-lead")
    assert "*" not in _label(dialog, "quantity")  # the notice may leave it to the decision
    assert "base_value" not in dialog.widgets
    hint = _hint(dialog)
    assert hint is not None and _shown(dialog, hint)
    _choose(dialog, "penalty", "confiscation")  # 没收违法建筑物: no area
    assert not _shown(dialog, dialog.field("quantity")) and not _shown(dialog, hint)
    _choose(dialog, "penalty", "fine")
    assert _shown(dialog, dialog.field("quantity"))


# ================================================================================= the whole way


def _ready_gh01(w: Walker, start: date) -> None:
    """A GH-01 case (major: 法制审核) up to the passed legal review, the notice stating 3 000 元."""
    open_case(w, start, item="GH-01")
    conclude_and_review(w, date(2026, 11, 16))
    notice = w.do("demo-lead", "notify", t(date(2026, 11, 17)), penalty="fine", amount=3000, hearing_rights=True,
                  quantity="120")
    w.serve("demo-officer1", notice.document_id, t(date(2026, 11, 17), "15:00"))
    w.do("demo-officer1", "waive", t(date(2026, 11, 18)), what="statement", proof=w.proof)
    w.do("demo-officer1", "waive", t(date(2026, 11, 18), "09:05"), what="hearing", proof=w.proof)
    w.do("demo-officer1", "submit_review", t(date(2026, 11, 19), "08:00"))
    w.do("demo-reviewer", "legal_review", t(date(2026, 11, 19), "09:00"), outcome="passed", opinion="同意")


def test_gh01_decided_with_its_area_then_published_in_time(desk: Desk, walker: Walker) -> None:
    _ready_gh01(walker, date(2026, 11, 2))
    desk.case_id = walker.case_id
    desk.login("demo-leader")

    def decide(d: ActionDialog) -> None:
        assert isinstance(d, DecisionDialog)
        _choose(d, "kind", "penalty")
        _choose(d, "penalty", "fine")
        d.amount.setText("3000")
        _choose(d, "tier", "general")
        _text(d, "quantity", "120")
        d.explanation.setPlainText("违法建筑面积120平方米，按一般档次每平方米25元裁量")

    assert desk.take("decide", decide, confirm=True) == "decided"
    tab = desk.workspace.decision
    assert "面积 120 平方米" in [lbl.text() for lbl in _live(tab, QLabel)]
    # the publicity: 7 working days from the decision of 2026-11-23 (行政处罚法第四十八条)
    [deadline] = _live(tab, QLabel, "publicityDeadline")
    assert deadline.text().startswith("2026-12-02 前") and "已完成" not in deadline.text()
    assert not _live(tab, QWidget, "publicationTable")
    strip = tab.strip
    assert strip is not None and strip.buttons["publish"].text() == "公示…"

    desk.login("demo-officer1")  # a handler records it
    assert desk.button("publish").text() == "公示"
    dialog = desk.start("publish")
    assert _label(dialog, "channel").endswith("公示渠道：") and "*" in _label(dialog, "channel")
    assert _label(dialog, "url") == "公示网址："
    _text(dialog, "channel", "文水县人民政府网站")
    _text(dialog, "url", "http://www.wenshui.gov.cn/gs/2026-1")
    desk.finish(dialog)
    assert desk.state() == "decided"  # recorded, the case stays where it was
    tab = desk.workspace.decision
    [deadline] = _live(tab, QLabel, "publicityDeadline")
    assert deadline.text() == "2026-12-02 前　已完成（2026-11-23）"
    [table] = _live(tab, QTableWidget, "publicationTable")
    row = [table.item(0, c).text() for c in range(1, 5)]
    assert row[:3] == ["2026-11-23", "文水县人民政府网站", "http://www.wenshui.gov.cn/gs/2026-1"]


def test_a_reviewer_designated_in_the_approve_dialog_reviews_the_case(desk: Desk, walker: Walker) -> None:
    open_case(walker, START)  # handlers demo-officer1 and demo-officer2
    walker.do("demo-officer1", "conclude", t(date(2026, 10, 20)), findings="事实清楚")
    desk.case_id = walker.case_id
    desk.login("demo-leader")
    ws = desk.workspace
    ws.menu_actions["approve"].trigger()
    dialog = ws.dialog
    assert isinstance(dialog, ActionDialog)
    reviewer = dialog.field("reviewer")
    assert isinstance(reviewer, QComboBox)
    assert dialog.field("what").currentData() == "case_reviewer"  # 调查终结: the likely approval first
    _choose(dialog, "what", "extension")
    assert not _shown(dialog, reviewer)
    _choose(dialog, "what", "case_reviewer")
    assert _shown(dialog, reviewer) and _label(dialog, "reviewer") == "案件审核人："
    choices = {str(reviewer.itemData(i)) for i in range(reviewer.count())}
    # the handlers are never designated; people who only read or keep the files are not offered
    assert "demo-officer3" in choices and "demo-lead" in choices
    assert not choices & {"demo-officer1", "demo-officer2", "demo-supervisor", "demo-admin", "demo-clerk"}
    _choose(dialog, "outcome", "granted")
    # a legal reviewer reads every case (an officer sees only cases assigned to him, so could not open it here)
    _choose(dialog, "reviewer", "demo-reviewer")
    _text(dialog, "reason", "中队长外出，指定审核")
    desk.finish(dialog)
    assert [(a.what, a.outcome) for a in desk.workspace.detail.approvals] == [("case_reviewer", "granted")]

    desk.login("demo-reviewer")

    def review(d: ActionDialog) -> None:
        _choose(d, "outcome", "passed")
        _text(d, "opinion", "事实清楚，同意")

    desk.take("review_case", review)
    detail = desk.workspace.detail
    assert ("demo-reviewer", "case_reviewer") in {(o.login, o.role_in_case) for o in detail.officers}
    assert any(e.action == "review_case" and e.actor == "demo-reviewer" for e in detail.timeline)


def test_measure_fields_are_numbers(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START, item="GH-01")
    dialog = _dialog(qtbot, walker, "decide")
    field = dialog.field("quantity")
    assert isinstance(field, QLineEdit)
    qtbot.keyClicks(field, "12a0.5")
    assert field.text() == "120.5"


def test_the_hearing_host_list_offers_only_those_who_may_host(qtbot: QtBot, walker: Walker) -> None:
    """第六十四条: not an investigator of the case; and only the township's enforcement staff — the
    county's supervisor, the archive clerk and the admin are not offered (the service refuses them)."""
    open_case(walker, START)  # handlers demo-officer1 and demo-officer2
    dialog = _dialog(qtbot, walker, "approve")
    _choose(dialog, "what", "hearing_host")
    host = dialog.field("host")
    assert isinstance(host, QComboBox) and _shown(dialog, host)
    choices = {str(host.itemData(i)) for i in range(host.count())}
    assert {"demo-officer3", "demo-reviewer", "demo-leader"} <= choices
    assert not choices & {"demo-officer1", "demo-officer2", "demo-supervisor", "demo-admin", "demo-clerk"}


def test_the_penalty_lists_offer_only_what_the_article_provides(qtbot: QtBot, walker: Walker) -> None:
    """行政处罚法第四条: DQ-01 (露天焚烧秸秆) provides a fine only — no 警告 offered at the notice or the
    decision; SR-01 (随地吐痰) offers 警告 on the spot."""
    open_case(walker, START)
    conclude_and_review(walker, date(2026, 10, 20))
    notice = _dialog(qtbot, walker, "notify", "demo-lead")
    penalty = notice.field("penalty")
    assert isinstance(penalty, QComboBox)
    assert [penalty.itemData(i) for i in range(penalty.count())] == ["fine"]
    walker.new(item="SR-01", on=t(date(2026, 10, 21)))
    spot = _dialog(qtbot, walker, "decide_on_spot", "demo-officer1")
    penalty = spot.field("penalty")
    assert isinstance(penalty, QComboBox)
    assert {penalty.itemData(i) for i in range(penalty.count())} == {"warning", "fine"}
