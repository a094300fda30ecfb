"""Case states (案件状态) and the step bars the GUI draws over them.

The codes are a contract (DESIGN.md, "Case states"): the database, the command line and the county
sync packages use them; people see the Chinese labels. The transitions between the states are in
:mod:`desktop_app.domain.procedure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CLOSED_STATES",
    "ORDINARY_STEPS",
    "SIMPLE_STEPS",
    "STATE_LABELS",
    "TERMINAL_STATES",
    "CaseState",
    "Step",
    "is_open",
    "state_label",
    "step_index",
]


class CaseState(StrEnum):
    CLUE = "clue"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NOT_FILED = "not_filed"
    FILED = "filed"
    INVESTIGATING = "investigating"
    INVESTIGATED = "investigated"
    NOTIFIED = "notified"
    HEARING = "hearing"
    LEGAL_REVIEW = "legal_review"
    DISCUSSION = "discussion"
    DECIDED = "decided"
    SERVED = "served"
    EXECUTING = "executing"
    CLOSED = "closed"
    ARCHIVED = "archived"
    WITHDRAWN = "withdrawn"
    TRANSFERRED = "transferred"
    SUSPENDED = "suspended"


STATE_LABELS: dict[CaseState, str] = {
    CaseState.CLUE: "线索登记",
    CaseState.ACCEPTED: "已受理",
    CaseState.REJECTED: "不予受理",
    CaseState.NOT_FILED: "不予立案",
    CaseState.FILED: "已立案",
    CaseState.INVESTIGATING: "调查取证",
    CaseState.INVESTIGATED: "调查终结",
    CaseState.NOTIFIED: "已告知",
    CaseState.HEARING: "听证",
    CaseState.LEGAL_REVIEW: "法制审核",
    CaseState.DISCUSSION: "集体讨论",
    CaseState.DECIDED: "已决定",
    CaseState.SERVED: "已送达",
    CaseState.EXECUTING: "执行中",
    CaseState.CLOSED: "已结案",
    CaseState.ARCHIVED: "已归档",
    CaseState.WITHDRAWN: "撤销立案",
    CaseState.TRANSFERRED: "已移送",
    CaseState.SUSPENDED: "中止",
}

# No case action leads out of these (procedure.md, "The state machine": a rejected clue and a
# case not filed end there; an archived file is only lent and returned by the archive clerk).
TERMINAL_STATES: frozenset[CaseState] = frozenset(
    {CaseState.REJECTED, CaseState.NOT_FILED, CaseState.ARCHIVED}
)

# The handling is over: deadlines stop running and nothing but archiving follows.
CLOSED_STATES: frozenset[CaseState] = TERMINAL_STATES | {CaseState.CLOSED}


def is_open(state: CaseState) -> bool:
    """Whether the case is still being handled (not closed, archived, rejected or not filed)."""
    return state not in CLOSED_STATES


def state_label(code: str) -> str:
    """The Chinese label of a state code; an unknown code is returned as it is."""
    try:
        return STATE_LABELS[CaseState(code)]
    except ValueError:
        return code


@dataclass(frozen=True)
class Step:
    """One step of a step bar: its label and the states in which the case stands at this step."""

    code: str
    label: str
    states: frozenset[CaseState]


# 普通程序 (procedure.md, "Steps of the ordinary procedure"; seed 002 二(四)). 听证 belongs to 告知
# (行政处罚法 第四十四条、第六十三条: the notice names the right to a hearing) and 集体讨论 to 决定
# (第五十七条第二款: the leaders' collective discussion is how the decision is taken). A clue
# not accepted or a case not filed stops at the step where that was decided.
ORDINARY_STEPS: tuple[Step, ...] = (
    Step("register", "登记", frozenset({CaseState.CLUE, CaseState.ACCEPTED, CaseState.REJECTED})),
    Step("file", "立案", frozenset({CaseState.FILED, CaseState.NOT_FILED})),
    Step("investigate", "调查取证", frozenset({CaseState.INVESTIGATING})),
    Step("conclude", "调查终结", frozenset({CaseState.INVESTIGATED})),
    Step("notify", "告知", frozenset({CaseState.NOTIFIED, CaseState.HEARING})),
    Step("legal_review", "法制审核", frozenset({CaseState.LEGAL_REVIEW})),
    Step("decide", "决定", frozenset({CaseState.DISCUSSION, CaseState.DECIDED})),
    Step("serve", "送达", frozenset({CaseState.SERVED})),
    Step("execute", "执行", frozenset({CaseState.EXECUTING})),
    Step("close", "结案", frozenset({CaseState.CLOSED})),
    Step("archive", "归档", frozenset({CaseState.ARCHIVED})),
)

# 简易程序 (行政处罚法 第五十一条、第五十二条): the officers decide on the spot and hand over the
# numbered form, so the clue goes straight to 已送达 (procedure.md, decide_on_spot).
SIMPLE_STEPS: tuple[Step, ...] = (
    Step("register", "登记", frozenset({CaseState.CLUE})),
    Step("decide", "当场决定", frozenset()),
    Step("serve", "送达", frozenset({CaseState.SERVED})),
    Step("execute", "执行", frozenset({CaseState.EXECUTING})),
    Step("close", "结案", frozenset({CaseState.CLOSED})),
    Step("archive", "归档", frozenset({CaseState.ARCHIVED})),
)

# Off the bar: the GUI shows these as a mark beside the step the case left.
_OFF_BAR: frozenset[CaseState] = frozenset(
    {CaseState.WITHDRAWN, CaseState.TRANSFERRED, CaseState.SUSPENDED}
)


def step_index(
    state: CaseState,
    *,
    simple: bool = False,
    left_from: CaseState | None = None,
) -> int | None:
    """The index of the step the case stands at in ORDINARY_STEPS (or SIMPLE_STEPS).

    For 中止, 撤销立案 and 已移送 pass ``left_from`` (the state the case left) to get the step
    it left; without it they have no step (None). A state that has no step on the simple bar
    (the simple procedure never files) gives None.
    """
    if state in _OFF_BAR:
        if left_from is None or left_from in _OFF_BAR:
            return None
        state = left_from
    steps = SIMPLE_STEPS if simple else ORDINARY_STEPS
    for index, step in enumerate(steps):
        if state in step.states:
            return index
    return None
