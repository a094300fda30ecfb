"""The step bar gives way in two stages: first the arrows, then the names (exploratory test: marks
alone were hard to read at 125 %)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.ui.step_bar import StepBar, compute_steps


def test_the_arrows_go_before_the_names(qtbot: QtBot) -> None:
    bar = StepBar()
    qtbot.addWidget(bar)
    steps, mark = compute_steps("legal_review", simple=False, visited=["clue", "accepted", "filed", "investigating",
                                                                      "investigated", "notified"],
                                legal_review_required=True)
    bar.set_steps(steps, mark)
    full = bar._width(compact=False)
    tight = bar._width(compact=False, arrows=False)
    assert bar._width(compact=True) < tight < full
    bar.show()
    bar.resize(full + 10, 40)
    qtbot.waitUntil(lambda: bar.arrows_shown and not bar.compact)
    bar.resize((full + tight) // 2, 40)
    qtbot.waitUntil(lambda: not bar.arrows_shown)
    assert not bar.compact
    assert all(step.label in label.text() for step, label in zip(bar.steps, bar.labels, strict=True))
    bar.resize(tight - 20, 40)
    qtbot.waitUntil(lambda: bar.compact)
    assert sum(step.label in label.text() for step, label in zip(bar.steps, bar.labels, strict=True)) == 1


def test_a_state_within_a_step_is_named_beside_it() -> None:
    """Exploratory finding: the badge said 集体讨论 while the bar only lit 决定."""
    visited = ["clue", "accepted", "filed", "investigating", "investigated", "notified", "legal_review"]
    steps, mark = compute_steps("discussion", simple=False, visited=visited, legal_review_required=True)
    assert mark == "集体讨论中" and [s.label for s in steps if s.status == "current"] == ["决定"]
    steps, mark = compute_steps("hearing", simple=False, visited=visited[:6], legal_review_required=True)
    assert mark == "听证中" and [s.label for s in steps if s.status == "current"] == ["告知"]
    assert compute_steps("notified", simple=False, visited=visited[:6], legal_review_required=True)[1] is None
