"""The evidence tab after exploratory testing (F11): before any row the columns are readable (each
header has room, 状态 does not take the rest), and 取证人 is picked by name, not typed as a login."""

# ruff: noqa: F811 - the fixtures below come from tests/workflow/conftest.py and are parameters here
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.services.actor import Actor
from desktop_app.ui.evidence_dialogs import AddEvidenceDialog
from desktop_app.ui.evidence_tab import EvidenceTab
from desktop_app.ui.runner import Runner
from tests.workflow.conftest import Walker, demo, proof, walker, who  # noqa: F401 - fixtures

Who = Callable[[str], Actor]


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait()


def test_an_empty_table_has_readable_columns(qtbot: QtBot, walker: Walker, runner: Runner) -> None:
    case_id = walker.new(on="2026-11-02 09:00")
    tab = EvidenceTab(walker.ctx, walker.who("demo-officer1"), case_id, runner=runner)
    qtbot.addWidget(tab)
    tab.resize(1340, 420)
    tab.show()
    assert tab.table.rowCount() == 0
    header = tab.table.horizontalHeader()
    metrics = header.fontMetrics()
    for c, name in enumerate(EvidenceTab.COLUMNS):
        if name:
            assert header.sectionSize(c) >= metrics.horizontalAdvance(name) + 16, name
    state = EvidenceTab.COLUMNS.index("状态")
    assert header.sectionSize(state) < 200
    assert header.sectionSize(EvidenceTab.COLUMNS.index("证据名称")) >= 180


def test_the_collector_is_picked_by_name(qtbot: QtBot, walker: Walker, tmp_path: Path) -> None:
    case_id = walker.new(on="2026-11-02 09:00")
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8photo")
    dialog = AddEvidenceDialog(walker.ctx, walker.who("demo-officer1"), case_id, [photo])
    qtbot.addWidget(dialog)
    combo = dialog.collector_combo
    assert combo.currentData() == "demo-officer1"
    assert "demo-officer1" not in combo.currentText() and combo.currentText().startswith("执法员")
    assert "登录名" not in dialog.form.labelForField(combo).text()  # type: ignore[union-attr]
    other = combo.findData("demo-officer2")
    assert other >= 0
    combo.setCurrentIndex(other)
    assert dialog.evidence_input().collected_by == "demo-officer2"
