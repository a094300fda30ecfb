"""Issue #14 in the case workspace: 调查终结 with neither evidence nor a 笔录 on file is shown disabled
with the rule (行政处罚法第四十条、第五十五条) as its tooltip and in the ⓘ reasons, and becomes possible
once evidence is added; 案件审核 after a review passed is shown disabled with the date it passed."""

# ruff: noqa: F811 - the fixtures below come from tests/workflow/conftest.py and are parameters here
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.services import evidence as evidence_service
from desktop_app.ui.case_workspace import CaseWorkspace
from tests.workflow.conftest import Walker, demo, proof, walker, who  # noqa: F401 - fixtures
from tests.workflow.test_paths import open_case, t

pytestmark = pytest.mark.usefixtures("synchronous_runner")

START = date(2026, 9, 1)


def _investigating_without_records(w: Walker) -> None:
    """Registered, accepted, filed and under investigation by two officers — nothing recorded yet."""
    open_case(w, START, record=False)


def _workspace(qtbot: QtBot, w: Walker, login: str) -> CaseWorkspace:
    space = CaseWorkspace(w.ctx, w.who(login))
    qtbot.addWidget(space)
    space.resize(1366, 700)
    space.show()
    space.open_case(w.case_id)
    return space


def test_conclude_is_disabled_with_the_rule_until_evidence_is_on_file(qtbot: QtBot, walker: Walker,
                                                                       tmp_path: Path) -> None:
    _investigating_without_records(walker)
    space = _workspace(qtbot, walker, "demo-officer1")
    conclude = space.action_buttons["conclude"]  # shown, not missing (UX.md)
    assert not conclude.isEnabled()
    tip = conclude.toolTip()
    assert tip.startswith("调查终结须有证据材料或笔录：本案尚未登记证据")
    assert "“证据”或“调查笔录”" in tip and tip.endswith("（行政处罚法第四十条、第五十五条）")
    assert space.refused_reason("conclude") == tip
    reasons = space.reasons_label.text()
    assert "调查终结" in reasons and "第四十条" in reasons

    scan = tmp_path / "身份证复印件.jpg"
    scan.write_bytes(b"\xff\xd8\xff\xe0 a scan of the party's identity card")
    evidence_service.add_evidence(walker.ctx, walker.who("demo-officer1"), walker.case_id, [scan],
                                  evidence_service.EvidenceInput(type="documentary", title="当事人身份证复印件"))
    space.reload()
    conclude = space.action_buttons["conclude"]
    assert conclude.isEnabled() and conclude.toolTip() == ""
    assert space.refused_reason("conclude") is None
    assert "第四十条" not in space.reasons_label.text()


def test_case_review_after_it_passed_is_disabled_with_the_date(qtbot: QtBot, walker: Walker) -> None:
    _investigating_without_records(walker)
    walker.record(t(START, "14:00"))
    walker.do("demo-officer1", "conclude", t(START + timedelta(days=5)), findings="事实清楚")
    space = _workspace(qtbot, walker, "demo-lead")
    assert space.action_buttons["review_case"].isEnabled()
    walker.do("demo-lead", "review_case", t(START + timedelta(days=6)), outcome="passed", opinion="同意")
    space.reload()
    review = space.action_buttons["review_case"]
    assert not review.isEnabled()
    assert review.toolTip().startswith("本案案件审核已于 2026-09-07 通过，无需再次审核")
    assert "无需再次审核" in space.reasons_label.text()
