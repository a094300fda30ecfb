"""Tests for desktop_app.domain.procedure (the state machine and its guards) and case_states."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.case_states import (
    CLOSED_STATES,
    ORDINARY_STEPS,
    SIMPLE_STEPS,
    STATE_LABELS,
    TERMINAL_STATES,
    CaseState,
    is_open,
    state_label,
    step_index,
)
from desktop_app.domain.discretion import PartyKind, PenaltyKind
from desktop_app.domain.procedure import (
    ACTION_LABELS,
    DEFAULT_SETTINGS,
    PROCEDURE,
    ActionOptions,
    ActorFacts,
    ApprovalKind,
    CaseAction,
    CaseFacts,
    CaseRole,
    Guard,
    ProcedureSettings,
    Verdict,
    action_label,
    allowed_actions,
    evaluate,
    from_states,
    legal_review_requirement,
)
from desktop_app.domain.roles import Role

S = CaseState
A = CaseAction
TODAY = date(2026, 11, 23)  # a Monday

O1, O2, O3 = "officer-1", "officer-2", "officer-3"
LEAD, REVIEWER, LEADER, LEADER2, HOST = "lead", "reviewer", "leader", "leader-2", "host"


def actor(uid: str, *roles: Role, **kw: Any) -> ActorFacts:
    return ActorFacts(user_id=uid, roles=frozenset(roles), **kw)


OFFICER1 = actor(O1, Role.OFFICER)
OFFICER3 = actor(O3, Role.OFFICER)
TEAM_LEAD = actor(LEAD, Role.TEAM_LEAD)
LEGAL = actor(REVIEWER, Role.LEGAL_REVIEWER, legal_qualification=True)
BOSS = actor(LEADER, Role.LEADER)
HOST_ACTOR = actor(HOST, Role.OFFICER)
CLERK = actor("clerk", Role.ARCHIVE_CLERK)
ADMIN = actor("admin", Role.ADMIN)
SUPERVISOR = actor("supervisor", Role.COUNTY_SUPERVISOR)
ANONYMOUS = ActorFacts(user_id=None, roles=frozenset({Role.COUNTY_SUPERVISOR}), is_anonymous=True)
EVERYONE = actor(
    "everyone",
    Role.OFFICER, Role.TEAM_LEAD, Role.LEGAL_REVIEWER, Role.LEADER, Role.ARCHIVE_CLERK,
    legal_qualification=True,
)


def facts(state: CaseState, **kw: Any) -> CaseFacts:
    base: dict[str, Any] = {
        "handler_ids": frozenset({O1, O2}),
        "investigator_ids": frozenset({O1, O2}),
        # an investigation with something on file (第四十条); the tests of that rule say otherwise
        "investigation_recorded": True,
    }
    base.update(kw)
    return CaseFacts(state=state, **base)


# A notice served long ago, both windows over, the case review passed.
NOTICE_OVER: dict[str, Any] = {
    "notice_served_on": date(2026, 11, 2),
    "statement_window_end": date(2026, 11, 5),
    "hearing_rights_notified": True,
    "hearing_window_end": date(2026, 11, 9),
    "notified_penalty": PenaltyKind.FINE,
    "notified_amount": Decimal(1000),
    "case_review_passed": True,
}
# A served fine, unpaid, every execution period in the right place.
EXECUTION: dict[str, Any] = {
    "decision_kind": "penalty",
    "decided_penalty": PenaltyKind.FINE,
    "fine": Decimal(1000),
    "paid": Decimal(0),
    "payment_due": date(2026, 10, 1),
    "reminder_served_on": date(2026, 10, 5),
    "reminder_period_end": date(2026, 10, 19),
    "remedy_periods_end": date(2026, 11, 1),
    "court_enforcement_due": date(2027, 2, 1),
    "approvals_granted": frozenset({"deferral", "court_enforcement"}),
}
PENALTY_1000 = ActionOptions(kind="penalty", penalty="fine", amount=Decimal(1000))
WITH_RULE = ProcedureSettings(decision_extension_rule="《某省行政处罚程序规定》第X条")


# ---------------------------------------------------------------------------- codes


def test_action_codes_are_exactly_cli_md() -> None:
    assert [a.value for a in CaseAction] == [
        "accept", "reject", "file", "not_file", "investigate", "conclude", "review_case", "notify",
        "serve", "waive", "request_hearing", "hold_hearing", "submit_review", "legal_review",
        "discuss", "decide", "decide_on_spot", "pay", "defer", "remind", "apply_court", "appeal",
        "close", "withdraw", "suspend", "resume", "transfer", "return", "approve", "preserve",
        "extend", "archive",
        # added by the software (CLI.md: a developer may add actions)
        "publish",
    ]
    assert set(ACTION_LABELS) == set(CaseAction)
    assert set(PROCEDURE) == set(CaseAction)
    assert action_label("decide") == "决定"
    assert action_label("no_such") == "no_such"


def test_state_codes_and_labels_are_exactly_design_md() -> None:
    assert {s.value: STATE_LABELS[s] for s in CaseState} == {
        "clue": "线索登记", "accepted": "已受理", "rejected": "不予受理", "not_filed": "不予立案",
        "filed": "已立案", "investigating": "调查取证", "investigated": "调查终结",
        "notified": "已告知", "hearing": "听证", "legal_review": "法制审核",
        "discussion": "集体讨论", "decided": "已决定", "served": "已送达", "executing": "执行中",
        "closed": "已结案", "archived": "已归档", "withdrawn": "撤销立案", "transferred": "已移送",
        "suspended": "中止",
    }
    assert state_label("served") == "已送达"
    assert state_label("nonsense") == "nonsense"


def test_terminal_states_have_no_way_out() -> None:
    assert {S.REJECTED, S.NOT_FILED, S.ARCHIVED} == TERMINAL_STATES
    assert S.CLOSED in CLOSED_STATES and not is_open(S.CLOSED) and is_open(S.SUSPENDED)
    for action in CaseAction:
        assert not (from_states(action) & TERMINAL_STATES), action


def test_step_bars() -> None:
    assert [s.label for s in ORDINARY_STEPS] == [
        "登记", "立案", "调查取证", "调查终结", "告知", "法制审核", "决定", "送达", "执行", "结案", "归档",
    ]
    assert [s.label for s in SIMPLE_STEPS] == ["登记", "当场决定", "送达", "执行", "结案", "归档"]
    assert step_index(S.CLUE) == 0
    assert step_index(S.HEARING) == 4
    assert step_index(S.DISCUSSION) == 6 == step_index(S.DECIDED)
    assert step_index(S.ARCHIVED) == 10
    assert step_index(S.SUSPENDED) is None
    assert step_index(S.SUSPENDED, left_from=S.NOTIFIED) == 4
    assert step_index(S.SERVED, simple=True) == 2
    assert step_index(S.FILED, simple=True) is None
    on_bar = {state for step in ORDINARY_STEPS for state in step.states}
    assert on_bar == set(CaseState) - {S.WITHDRAWN, S.TRANSFERRED, S.SUSPENDED}


# ---------------------------------------------------------------------------- from-states


FILED_TO_DISCUSSION = {
    S.FILED, S.INVESTIGATING, S.INVESTIGATED, S.NOTIFIED, S.HEARING, S.LEGAL_REVIEW, S.DISCUSSION,
}
LIVE = set(CaseState) - {S.REJECTED, S.NOT_FILED, S.CLOSED, S.ARCHIVED}
EXPECTED_FROM: dict[CaseAction, set[CaseState]] = {
    A.ACCEPT: {S.CLUE},
    A.REJECT: {S.CLUE},
    A.FILE: {S.ACCEPTED},
    A.NOT_FILE: {S.ACCEPTED},
    A.INVESTIGATE: FILED_TO_DISCUSSION - {S.INVESTIGATING},
    A.CONCLUDE: {S.INVESTIGATING},
    A.REVIEW_CASE: {S.INVESTIGATED},
    A.NOTIFY: {S.INVESTIGATED, S.NOTIFIED},
    A.SERVE: LIVE,
    A.WAIVE: {S.NOTIFIED, S.HEARING},
    A.REQUEST_HEARING: {S.NOTIFIED},
    A.HOLD_HEARING: {S.HEARING},
    A.SUBMIT_REVIEW: {S.NOTIFIED, S.INVESTIGATED},  # the latter for a 不予行政处罚 of a major item
    A.LEGAL_REVIEW: {S.LEGAL_REVIEW},
    A.DISCUSS: {S.LEGAL_REVIEW, S.NOTIFIED},
    A.DECIDE: {S.INVESTIGATED, S.NOTIFIED, S.LEGAL_REVIEW, S.DISCUSSION},
    A.DECIDE_ON_SPOT: {S.CLUE},
    A.PAY: {S.SERVED, S.EXECUTING},
    A.DEFER: {S.SERVED, S.EXECUTING},
    A.REMIND: {S.SERVED, S.EXECUTING},
    A.APPLY_COURT: {S.SERVED, S.EXECUTING},
    A.APPEAL: {S.SERVED, S.EXECUTING},
    A.CLOSE: {S.SERVED, S.EXECUTING, S.WITHDRAWN, S.TRANSFERRED, S.SUSPENDED},
    A.WITHDRAW: FILED_TO_DISCUSSION | {S.SUSPENDED},
    A.SUSPEND: FILED_TO_DISCUSSION | {S.SERVED, S.EXECUTING},
    A.RESUME: {S.SUSPENDED},
    A.TRANSFER: {S.CLUE, S.ACCEPTED} | FILED_TO_DISCUSSION | {S.DECIDED, S.SERVED, S.EXECUTING},
    A.RETURN: {S.TRANSFERRED},
    A.APPROVE: LIVE,
    A.PRESERVE: FILED_TO_DISCUSSION,
    A.EXTEND: FILED_TO_DISCUSSION,
    A.ARCHIVE: {S.CLOSED},
    A.PUBLISH: {S.DECIDED, S.SERVED, S.EXECUTING, S.CLOSED},
}


@pytest.mark.parametrize("action", list(CaseAction))
def test_from_states_of_every_action(action: CaseAction) -> None:
    assert from_states(action) == EXPECTED_FROM[action]


@pytest.mark.parametrize("action", list(CaseAction))
def test_every_other_state_is_refused_with_the_state_reason(action: CaseAction) -> None:
    for state in CaseState:
        f = facts(state, hearing_host_id=EVERYONE.user_id, handler_ids=frozenset({O1, O2}))
        verdict = evaluate(action, f, EVERYONE, TODAY)
        state_reason = f"当前状态“{STATE_LABELS[state]}”不能进行“{ACTION_LABELS[action]}”"
        if state in EXPECTED_FROM[action]:
            assert verdict.reason != state_reason, (action, state)
        else:
            assert not verdict.allowed
            assert verdict.reason == state_reason, (action, state)


def test_the_state_reason_names_the_chosen_outcome() -> None:
    verdict = evaluate(A.DECIDE, facts(S.INVESTIGATED), BOSS, TODAY, options=PENALTY_1000)
    assert verdict.reason == "当前状态“调查终结”不能进行“决定”（行政处罚）"


# ---------------------------------------------------------------------------- transitions


@dataclass(frozen=True)
class Step:
    action: CaseAction
    state: CaseState
    target: CaseState
    who: ActorFacts
    options: ActionOptions | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    settings: ProcedureSettings = DEFAULT_SETTINGS


def _investigate_steps() -> list[Step]:
    officers = ActionOptions(officers=(O1, O2))
    return [
        Step(A.INVESTIGATE, state, S.INVESTIGATING, TEAM_LEAD, officers)
        for state in sorted(EXPECTED_FROM[A.INVESTIGATE])
    ]


HEARING_READY: dict[str, Any] = {
    "hearing_host_id": HOST,
    "hearing_requested": True,
    "hearing_notice_served_on": date(2026, 11, 10),
    "hearing_earliest_on": date(2026, 11, 19),
}
SPOT = ActionOptions(penalty="warning", officers=(O1, O2))

STEPS: list[Step] = [
    Step(A.ACCEPT, S.CLUE, S.ACCEPTED, TEAM_LEAD),
    Step(A.REJECT, S.CLUE, S.REJECTED, BOSS),
    Step(A.FILE, S.ACCEPTED, S.FILED, BOSS),
    Step(A.NOT_FILE, S.ACCEPTED, S.NOT_FILED, BOSS),
    *_investigate_steps(),
    Step(A.CONCLUDE, S.INVESTIGATING, S.INVESTIGATED, OFFICER1),
    Step(A.CONCLUDE, S.INVESTIGATING, S.INVESTIGATED, TEAM_LEAD),
    Step(A.REVIEW_CASE, S.INVESTIGATED, S.INVESTIGATED, TEAM_LEAD, ActionOptions(outcome="passed")),
    Step(A.REVIEW_CASE, S.INVESTIGATED, S.INVESTIGATING, TEAM_LEAD, ActionOptions(outcome="returned")),
    Step(A.NOTIFY, S.INVESTIGATED, S.NOTIFIED, TEAM_LEAD,
         ActionOptions(penalty="fine", amount=1000, hearing_rights=True), {"case_review_passed": True}),
    Step(A.NOTIFY, S.NOTIFIED, S.NOTIFIED, BOSS,
         ActionOptions(penalty="fine", amount=800, hearing_rights=True)),
    Step(A.SERVE, S.DECIDED, S.SERVED, OFFICER1, ActionOptions(document="decision")),
    Step(A.SERVE, S.NOTIFIED, S.NOTIFIED, OFFICER1, ActionOptions(document="other")),
    Step(A.SERVE, S.SUSPENDED, S.SUSPENDED, TEAM_LEAD, ActionOptions(document="other")),
    Step(A.WAIVE, S.NOTIFIED, S.NOTIFIED, OFFICER1, ActionOptions(what="statement")),
    Step(A.WAIVE, S.HEARING, S.HEARING, OFFICER1, ActionOptions(what="statement")),
    Step(A.WAIVE, S.NOTIFIED, S.NOTIFIED, OFFICER1, ActionOptions(what="hearing")),
    Step(A.WAIVE, S.HEARING, S.NOTIFIED, TEAM_LEAD, ActionOptions(what="hearing")),
    Step(A.REQUEST_HEARING, S.NOTIFIED, S.HEARING, OFFICER1, None,
         {"notice_served_on": date(2026, 11, 20), "hearing_rights_notified": True,
          "hearing_window_end": date(2026, 11, 27)}),
    Step(A.HOLD_HEARING, S.HEARING, S.NOTIFIED, HOST_ACTOR, ActionOptions(outcome="held"), HEARING_READY),
    Step(A.HOLD_HEARING, S.HEARING, S.NOTIFIED, HOST_ACTOR, ActionOptions(outcome="absent"), HEARING_READY),
    Step(A.SUBMIT_REVIEW, S.NOTIFIED, S.LEGAL_REVIEW, OFFICER1, None, NOTICE_OVER),
    Step(A.SUBMIT_REVIEW, S.INVESTIGATED, S.LEGAL_REVIEW, OFFICER1, None,
         {"case_review_passed": True, "legal_review_required": True}),  # a 不予行政处罚 of a major item
    Step(A.LEGAL_REVIEW, S.LEGAL_REVIEW, S.LEGAL_REVIEW, LEGAL, ActionOptions(outcome="passed")),
    Step(A.LEGAL_REVIEW, S.LEGAL_REVIEW, S.INVESTIGATING, LEGAL,
         ActionOptions(outcome="returned", to="investigating")),
    Step(A.LEGAL_REVIEW, S.LEGAL_REVIEW, S.NOTIFIED, LEGAL, ActionOptions(outcome="failed", to="notified"),
         {"notice_served_on": date(2026, 11, 2)}),  # a 告知 to return to
    Step(A.DISCUSS, S.LEGAL_REVIEW, S.DISCUSSION, BOSS, ActionOptions(participants=(LEADER, LEADER2)),
         {**NOTICE_OVER, "legal_review_passed": True}),
    Step(A.DISCUSS, S.NOTIFIED, S.DISCUSSION, BOSS, None, NOTICE_OVER),
    Step(A.DECIDE, S.NOTIFIED, S.DECIDED, BOSS, PENALTY_1000, NOTICE_OVER),
    Step(A.DECIDE, S.LEGAL_REVIEW, S.DECIDED, BOSS, PENALTY_1000,
         {**NOTICE_OVER, "legal_review_required": True, "legal_review_passed": True}),
    Step(A.DECIDE, S.DISCUSSION, S.DECIDED, BOSS, PENALTY_1000,
         {**NOTICE_OVER, "discussion_required": True, "discussion_held": True}),
    Step(A.DECIDE, S.INVESTIGATED, S.DECIDED, BOSS, ActionOptions(kind="no_penalty"),
         {"case_review_passed": True}),
    Step(A.DECIDE, S.NOTIFIED, S.DECIDED, BOSS, ActionOptions(kind="no_penalty"), NOTICE_OVER),
    Step(A.DECIDE, S.INVESTIGATED, S.TRANSFERRED, BOSS, ActionOptions(kind="transfer"),
         {"transfer_approved": True}),
    Step(A.DECIDE_ON_SPOT, S.CLUE, S.SERVED, OFFICER1, SPOT),
    Step(A.DECIDE_ON_SPOT, S.CLUE, S.SERVED, OFFICER1,
         ActionOptions(penalty="fine", amount=200, officers=(O1, O2))),
    Step(A.PAY, S.SERVED, S.EXECUTING, OFFICER1, ActionOptions(amount=1000), EXECUTION),
    Step(A.PAY, S.EXECUTING, S.EXECUTING, TEAM_LEAD, ActionOptions(amount=500), EXECUTION),
    Step(A.DEFER, S.SERVED, S.EXECUTING, OFFICER1, None, EXECUTION),
    Step(A.REMIND, S.SERVED, S.EXECUTING, OFFICER1, None, EXECUTION),
    Step(A.APPLY_COURT, S.EXECUTING, S.EXECUTING, OFFICER1, None, EXECUTION),
    Step(A.APPEAL, S.SERVED, S.SERVED, OFFICER1, ActionOptions(kind="review", outcome="pending"), EXECUTION),
    Step(A.APPEAL, S.EXECUTING, S.EXECUTING, OFFICER1, ActionOptions(outcome="upheld"),
         {**EXECUTION, "appeal_pending": True}),
    Step(A.APPEAL, S.EXECUTING, S.EXECUTING, OFFICER1, ActionOptions(outcome="changed"),
         {**EXECUTION, "appeal_pending": True}),
    Step(A.APPEAL, S.EXECUTING, S.CLOSED, OFFICER1, ActionOptions(outcome="revoked"),
         {**EXECUTION, "appeal_pending": True}),
    Step(A.APPEAL, S.SERVED, S.INVESTIGATING, OFFICER1, ActionOptions(outcome="redo"),
         {**EXECUTION, "appeal_pending": True}),
    Step(A.CLOSE, S.SERVED, S.CLOSED, BOSS, ActionOptions(outcome="completed"),
         {**EXECUTION, "paid": Decimal(1000)}),
    Step(A.CLOSE, S.EXECUTING, S.CLOSED, BOSS, ActionOptions(outcome="completed"),
         {**EXECUTION, "paid": Decimal(1000)}),
    Step(A.CLOSE, S.EXECUTING, S.CLOSED, BOSS, ActionOptions(outcome="terminated"), EXECUTION),
    Step(A.CLOSE, S.WITHDRAWN, S.CLOSED, BOSS, ActionOptions(outcome="completed")),
    Step(A.CLOSE, S.TRANSFERRED, S.CLOSED, BOSS, None, {"transfer_receipt_confirmed": True}),
    Step(A.CLOSE, S.SUSPENDED, S.CLOSED, BOSS),
    Step(A.WITHDRAW, S.FILED, S.WITHDRAWN, BOSS),
    Step(A.WITHDRAW, S.SUSPENDED, S.WITHDRAWN, BOSS),
    Step(A.SUSPEND, S.INVESTIGATING, S.SUSPENDED, BOSS),
    Step(A.SUSPEND, S.EXECUTING, S.SUSPENDED, BOSS),
    Step(A.RESUME, S.SUSPENDED, S.NOTIFIED, BOSS, None, {"state_before_suspension": S.NOTIFIED}),
    Step(A.RESUME, S.SUSPENDED, S.EXECUTING, BOSS, None, {"state_before_suspension": S.EXECUTING}),
    Step(A.TRANSFER, S.CLUE, S.TRANSFERRED, BOSS, ActionOptions(to="department")),
    Step(A.TRANSFER, S.INVESTIGATED, S.TRANSFERRED, BOSS, ActionOptions(to="department")),
    Step(A.TRANSFER, S.DISCUSSION, S.TRANSFERRED, BOSS, ActionOptions(to="judicial"),
         {"transfer_approved": True}),
    Step(A.TRANSFER, S.SERVED, S.SERVED, BOSS, ActionOptions(to="judicial"),
         {"approvals_granted": frozenset({"transfer"})}),
    Step(A.RETURN, S.TRANSFERRED, S.ACCEPTED, OFFICER1, ActionOptions(outcome="no_case"),
         {"state_before_transfer": S.ACCEPTED}),
    Step(A.RETURN, S.TRANSFERRED, S.ACCEPTED, OFFICER1, ActionOptions(outcome="no_case"),
         {"state_before_transfer": S.CLUE}),
    Step(A.RETURN, S.TRANSFERRED, S.INVESTIGATING, TEAM_LEAD, ActionOptions(outcome="criminal_fine"),
         {"state_before_transfer": S.DISCUSSION}),
    Step(A.RETURN, S.TRANSFERRED, S.INVESTIGATING, OFFICER1, ActionOptions(outcome="not_prosecuted"),
         {"state_before_transfer": S.INVESTIGATING}),
    Step(A.APPROVE, S.INVESTIGATING, S.INVESTIGATING, BOSS,
         ActionOptions(what="preservation", outcome="granted")),
    Step(A.APPROVE, S.HEARING, S.HEARING, BOSS,
         ActionOptions(what="hearing_host", outcome="granted", host=HOST)),
    Step(A.APPROVE, S.EXECUTING, S.EXECUTING, BOSS, ActionOptions(what="deferral", outcome="refused")),
    Step(A.PRESERVE, S.INVESTIGATING, S.INVESTIGATING, OFFICER1, ActionOptions(),
         {"approvals_granted": frozenset({"preservation"})}),
    Step(A.PRESERVE, S.INVESTIGATED, S.INVESTIGATED, OFFICER1, ActionOptions(decision="release"),
         {"preservation_pending": True}),
    Step(A.EXTEND, S.INVESTIGATING, S.INVESTIGATING, OFFICER1, None,
         {"approvals_granted": frozenset({"extension"})}, WITH_RULE),
    Step(A.ARCHIVE, S.CLOSED, S.ARCHIVED, CLERK),
    Step(A.PUBLISH, S.SERVED, S.SERVED, OFFICER1, ActionOptions(), {"decision_kind": "penalty"}),
    Step(A.PUBLISH, S.CLOSED, S.CLOSED, TEAM_LEAD, ActionOptions(), {"decision_kind": "penalty"}),
    Step(A.APPROVE, S.INVESTIGATED, S.INVESTIGATED, BOSS,
         ActionOptions(what="case_reviewer", outcome="granted", reviewer=O3)),
    Step(A.REVIEW_CASE, S.INVESTIGATED, S.INVESTIGATED, OFFICER3, ActionOptions(outcome="passed"),
         {"designated_case_reviewer_id": O3}),
]


def test_every_action_has_a_step() -> None:
    assert {step.action for step in STEPS} == set(CaseAction)


@pytest.mark.parametrize("step", STEPS, ids=lambda s: f"{s.action}-{s.state}-{s.target}")
def test_transition(step: Step) -> None:
    f = facts(step.state, **step.extra)
    verdict = evaluate(step.action, f, step.who, TODAY, options=step.options, settings=step.settings)
    assert verdict.allowed, verdict.reason
    assert verdict.reason is None
    if step.options is not None or len(PROCEDURE[step.action].branches) == 1:
        assert verdict.target is step.target


# ---------------------------------------------------------------------------- every guard


@dataclass(frozen=True)
class GuardCase:
    action: CaseAction
    state: CaseState
    who: ActorFacts
    ok: dict[str, Any]
    bad: dict[str, Any]
    fragment: str
    options: ActionOptions | None = None
    bad_options: ActionOptions | None = None
    bad_who: ActorFacts | None = None
    settings: ProcedureSettings = DEFAULT_SETTINGS
    bad_settings: ProcedureSettings | None = None
    article: str | None = None


def _with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


REQUEST_BASE: dict[str, Any] = {
    "notice_served_on": date(2026, 11, 20),
    "hearing_rights_notified": True,
    "hearing_window_end": date(2026, 11, 27),
}
APPLY = A.APPLY_COURT
NOTIFY_OPTIONS = ActionOptions(penalty="fine", amount=1000, hearing_rights=True)
LEGAL_BASE = _with(NOTICE_OVER)

GUARD_CASES: dict[Guard, GuardCase] = {
    Guard.CONFIRMED_ITEM_LIST: GuardCase(
        A.FILE, S.ACCEPTED, BOSS, {}, {"item_sample_and_not_demo": True}, "示例",
        article="行政处罚法第二十四条",
    ),
    Guard.LIMITATION_WARNING: GuardCase(
        A.FILE, S.ACCEPTED, BOSS, {}, {"limitation_expired": True}, "追责时效",
    ),
    Guard.DECISION_DEADLINE_WARNING: GuardCase(
        A.DECIDE, S.NOTIFIED, BOSS, _with(NOTICE_OVER, decision_due=date(2026, 12, 31)),
        _with(NOTICE_OVER, decision_due=date(2026, 11, 1)), "行政处罚法第六十条", PENALTY_1000,
    ),
    Guard.TWO_OFFICERS: GuardCase(
        A.INVESTIGATE, S.FILED, TEAM_LEAD, {}, {}, "执法人员不得少于两人（行政处罚法第四十二条）",
        ActionOptions(officers=(O1, O2)), bad_options=ActionOptions(officers=(O1,)),
        article="行政处罚法第四十二条",
    ),
    Guard.ACTOR_ON_THE_SPOT: GuardCase(
        A.DECIDE_ON_SPOT, S.CLUE, OFFICER1, {}, {}, "在场", SPOT, bad_who=OFFICER3,
    ),
    Guard.CASE_REVIEW_PASSED: GuardCase(
        A.NOTIFY, S.INVESTIGATED, TEAM_LEAD, {"case_review_passed": True}, {}, "案件审核",
        NOTIFY_OPTIONS,
    ),
    Guard.NOTICE_STATES_PENALTY: GuardCase(
        A.NOTIFY, S.NOTIFIED, TEAM_LEAD, {}, {}, "拟作出的行政处罚", NOTIFY_OPTIONS,
        bad_options=ActionOptions(hearing_rights=True), article="行政处罚法第四十四条",
    ),
    Guard.HEARING_RIGHTS_STATED: GuardCase(
        A.NOTIFY, S.NOTIFIED, TEAM_LEAD, {}, {}, "要求听证的权利", NOTIFY_OPTIONS,
        bad_options=ActionOptions(penalty="fine", amount=1000, hearing_rights=False),
        article="行政处罚法第六十三条",
    ),
    Guard.NOTICE_SERVED: GuardCase(
        A.SUBMIT_REVIEW, S.NOTIFIED, OFFICER1, NOTICE_OVER, _with(NOTICE_OVER, notice_served_on=None),
        "告知书尚未送达",
    ),
    Guard.STATEMENT_WINDOW_OVER: GuardCase(
        A.SUBMIT_REVIEW, S.NOTIFIED, OFFICER1, NOTICE_OVER,
        _with(NOTICE_OVER, statement_window_end=date(2026, 11, 26)),
        "陈述申辩期限尚未届满（至 2026-11-26），当事人也未书面放弃（行政处罚法第四十四条、第四十五条）",
        article="行政处罚法第四十四条、第四十五条",
    ),
    Guard.HEARING_WINDOW_OVER: GuardCase(
        A.SUBMIT_REVIEW, S.NOTIFIED, OFFICER1, NOTICE_OVER,
        _with(NOTICE_OVER, hearing_window_end=date(2026, 11, 27)),
        "听证申请期限尚未届满（至 2026-11-27）", article="行政处罚法第六十四条",
    ),
    Guard.REQUESTED_HEARING_HELD: GuardCase(
        A.SUBMIT_REVIEW, S.NOTIFIED, OFFICER1, _with(NOTICE_OVER, hearing_requested=True, hearing_held=True),
        _with(NOTICE_OVER, hearing_requested=True), "须先举行听证",
    ),
    Guard.HEARING_RIGHTS_NOTIFIED: GuardCase(
        A.REQUEST_HEARING, S.NOTIFIED, OFFICER1, REQUEST_BASE,
        _with(REQUEST_BASE, hearing_rights_notified=False), "不属于可以要求听证",
    ),
    Guard.HEARING_REQUEST_IN_TIME: GuardCase(
        A.REQUEST_HEARING, S.NOTIFIED, OFFICER1, REQUEST_BASE,
        _with(REQUEST_BASE, hearing_window_end=date(2026, 11, 20)), "期限已于 2026-11-20 届满",
    ),
    Guard.HEARING_NOT_WAIVED: GuardCase(
        A.REQUEST_HEARING, S.NOTIFIED, OFFICER1, REQUEST_BASE, _with(REQUEST_BASE, hearing_waived=True),
        "已书面放弃听证",
    ),
    Guard.HEARING_NOTICE_PERIOD: GuardCase(
        A.HOLD_HEARING, S.HEARING, HOST_ACTOR, HEARING_READY,
        _with(HEARING_READY, hearing_earliest_on=date(2026, 11, 24)), "最早 2026-11-24",
        ActionOptions(outcome="held"),
    ),
    Guard.HOST_NOT_INVESTIGATOR: GuardCase(
        A.HOLD_HEARING, S.HEARING, HOST_ACTOR, HEARING_READY,
        _with(HEARING_READY, investigator_ids=frozenset({O1, O2, HOST})),
        "听证主持人不得由本案调查人员担任（行政处罚法第六十四条）", ActionOptions(outcome="held"),
    ),
    Guard.REVIEWER_QUALIFIED: GuardCase(
        A.LEGAL_REVIEW, S.LEGAL_REVIEW, LEGAL, LEGAL_BASE, LEGAL_BASE, "法律职业资格",
        ActionOptions(outcome="passed"), bad_who=actor(REVIEWER, Role.LEGAL_REVIEWER),
        article="行政处罚法第五十八条第二款",
    ),
    Guard.LEGAL_REVIEW_PENDING: GuardCase(
        A.LEGAL_REVIEW, S.LEGAL_REVIEW, LEGAL, LEGAL_BASE, _with(LEGAL_BASE, legal_review_passed=True),
        "已经通过", ActionOptions(outcome="passed"),
    ),
    Guard.RETURN_TO_VALID: GuardCase(
        A.LEGAL_REVIEW, S.LEGAL_REVIEW, LEGAL, LEGAL_BASE, LEGAL_BASE, "须指定退回",
        ActionOptions(outcome="returned", to="investigating"),
        bad_options=ActionOptions(outcome="returned"),
    ),
    Guard.LEGAL_REVIEW_IF_REQUIRED: GuardCase(
        A.DECIDE, S.NOTIFIED, BOSS, NOTICE_OVER, _with(NOTICE_OVER, legal_review_required=True),
        "决定前须经法制审核（行政处罚法第五十八条）", PENALTY_1000, article="行政处罚法第五十八条",
    ),
    Guard.LEGAL_REVIEW_REQUIRED: GuardCase(
        A.SUBMIT_REVIEW, S.INVESTIGATED, OFFICER1, {"case_review_passed": True, "legal_review_required": True},
        {"case_review_passed": True}, "请先告知当事人", article="行政处罚法第四十四条",
    ),
    Guard.CERTIFIED_HANDLERS: GuardCase(
        A.DECIDE, S.NOTIFIED, BOSS, _with(NOTICE_OVER, certified_handlers=2),
        _with(NOTICE_OVER, certified_handlers=1, handler_certificate_problems=("乙的执法证已于 2026-11-01 收回",)),
        "持有效执法证的承办人员不足两名（乙的执法证已于 2026-11-01 收回）", PENALTY_1000,
        article="行政处罚法第四十二条",
    ),
    Guard.LEGAL_REVIEW_PASSED: GuardCase(
        A.DECIDE, S.LEGAL_REVIEW, BOSS, _with(NOTICE_OVER, legal_review_passed=True), NOTICE_OVER,
        "法制审核尚未通过", PENALTY_1000,
    ),
    Guard.DISCUSSION_IF_REQUIRED: GuardCase(
        A.DECIDE, S.NOTIFIED, BOSS, _with(NOTICE_OVER, discussion_required=True, discussion_held=True),
        _with(NOTICE_OVER, discussion_required=True), "集体讨论", PENALTY_1000,
        article="行政处罚法第五十七条第二款",
    ),
    Guard.DISCUSSION_PARTICIPANTS: GuardCase(
        A.DISCUSS, S.NOTIFIED, BOSS, NOTICE_OVER, NOTICE_OVER, "不参加本案集体讨论",
        ActionOptions(participants=(LEADER, LEADER2)),
        bad_options=ActionOptions(participants=(LEADER, O1)),
    ),
    Guard.NOT_TIME_BARRED: GuardCase(
        A.DECIDE, S.NOTIFIED, BOSS, NOTICE_OVER, _with(NOTICE_OVER, limitation_expired=True),
        "超过追责时效，不得给予行政处罚（行政处罚法第三十六条）", PENALTY_1000,
    ),
    Guard.NO_FINE_WHILE_TRANSFER_PENDING: GuardCase(
        A.DECIDE, S.NOTIFIED, BOSS, NOTICE_OVER, _with(NOTICE_OVER, transfer_pending=True),
        "移送司法机关期间不得作出罚款决定（不得以罚代刑，行政处罚法第二十七条）", PENALTY_1000,
        article="行政处罚法第二十七条",
    ),
    Guard.NO_FINE_AFTER_CRIMINAL_FINE: GuardCase(
        A.DECIDE, S.NOTIFIED, BOSS, NOTICE_OVER, _with(NOTICE_OVER, criminal_fine_imposed=True),
        "行政处罚法第三十五条第二款", PENALTY_1000,
    ),
    Guard.NOT_HEAVIER_THAN_NOTIFIED: GuardCase(
        A.DECIDE, S.NOTIFIED, BOSS, NOTICE_OVER, NOTICE_OVER,
        "决定的处罚不得重于告知的处罚；如需加重应重新告知（行政处罚法第四十五条第二款）", PENALTY_1000,
        bad_options=ActionOptions(kind="penalty", penalty="fine", amount=Decimal(2000)),
    ),
    Guard.SIMPLE_PROCEDURE_LIMITS: GuardCase(
        A.DECIDE_ON_SPOT, S.CLUE, OFFICER1, {}, {}, "上限 200 元",
        ActionOptions(penalty="fine", amount=200, officers=(O1, O2)),
        bad_options=ActionOptions(penalty="fine", amount=201, officers=(O1, O2)),
        article="行政处罚法第五十一条",
    ),
    Guard.TRANSFER_APPROVED: GuardCase(
        A.TRANSFER, S.INVESTIGATING, BOSS, {"transfer_approved": True}, {}, "审批同意",
        ActionOptions(to="judicial"),
    ),
    Guard.TRANSFER_RECEIPT_CONFIRMED: GuardCase(
        A.CLOSE, S.TRANSFERRED, BOSS, {"transfer_receipt_confirmed": True}, {}, "确认接收",
        ActionOptions(outcome="completed"),
    ),
    Guard.FINE_OUTSTANDING: GuardCase(
        A.PAY, S.EXECUTING, OFFICER1, EXECUTION, _with(EXECUTION, paid=Decimal(1000)), "没有待缴纳的罚款",
    ),
    Guard.OBLIGATION_OUTSTANDING: GuardCase(
        A.REMIND, S.EXECUTING, OFFICER1, _with(EXECUTION, paid=1000, other_obligations_pending=True),
        _with(EXECUTION, paid=1000), "全部义务",
    ),
    Guard.DEFERRAL_APPROVED: GuardCase(
        A.DEFER, S.SERVED, OFFICER1, EXECUTION, _with(EXECUTION, approvals_granted=frozenset()),
        "须经批准", article="行政处罚法第六十六条第二款",
    ),
    Guard.PAYMENT_PERIOD_OVER: GuardCase(
        A.REMIND, S.SERVED, OFFICER1, EXECUTION, _with(EXECUTION, payment_due=date(2026, 11, 30)),
        "尚未届满（至 2026-11-30）",
    ),
    Guard.NO_PENDING_APPEAL: GuardCase(
        APPLY, S.EXECUTING, OFFICER1, EXECUTION, _with(EXECUTION, appeal_pending=True),
        "尚未审结", article="行政强制法第五十三条",
    ),
    Guard.APPEAL_PENDING: GuardCase(
        A.APPEAL, S.EXECUTING, OFFICER1, _with(EXECUTION, appeal_pending=True), EXECUTION,
        "没有尚未审结", ActionOptions(outcome="upheld"),
    ),
    Guard.REMINDER_PERIOD_OVER: GuardCase(
        APPLY, S.EXECUTING, OFFICER1, EXECUTION, _with(EXECUTION, reminder_period_end=date(2026, 11, 25)),
        "满十个工作日（2026-11-25）", article="行政强制法第五十四条、第六十九条",
    ),
    Guard.COURT_ENFORCEMENT_WINDOW: GuardCase(
        APPLY, S.EXECUTING, OFFICER1, EXECUTION, _with(EXECUTION, court_enforcement_due=date(2026, 11, 1)),
        "已于 2026-11-01 届满", article="行政强制法第五十三条",
    ),
    Guard.COURT_ENFORCEMENT_APPROVED: GuardCase(
        APPLY, S.EXECUTING, OFFICER1, EXECUTION,
        _with(EXECUTION, approvals_granted=frozenset({"deferral"})), "负责人批准",
        article="行政强制法第五十五条",
    ),
    Guard.EXECUTION_COMPLETE: GuardCase(
        A.CLOSE, S.EXECUTING, BOSS, _with(EXECUTION, paid=1000), _with(EXECUTION, paid=500),
        "尚未执行完毕", ActionOptions(outcome="completed"),
    ),
    Guard.STATE_BEFORE_SUSPENSION_KNOWN: GuardCase(
        A.RESUME, S.SUSPENDED, BOSS, {"state_before_suspension": S.FILED}, {}, "中止前",
    ),
    Guard.STATE_BEFORE_TRANSFER_KNOWN: GuardCase(
        A.RETURN, S.TRANSFERRED, OFFICER1, {"state_before_transfer": S.FILED}, {}, "移送前",
        ActionOptions(outcome="no_case"),
    ),
    Guard.PRESERVATION_APPROVED: GuardCase(
        A.PRESERVE, S.FILED, OFFICER1, {"approvals_granted": frozenset({"preservation"})}, {},
        "行政处罚法第五十六条", ActionOptions(),
    ),
    Guard.SEIZURE_APPROVED: GuardCase(
        A.PRESERVE, S.INVESTIGATING, OFFICER1,
        {"preservation_pending": True, "approvals_granted": frozenset({"seizure"})},
        {"preservation_pending": True}, "行政强制法第十八条", ActionOptions(decision="seize"),
    ),
    Guard.PRESERVATION_PENDING: GuardCase(
        A.PRESERVE, S.INVESTIGATING, OFFICER1, {"preservation_pending": True}, {}, "待处理",
        ActionOptions(decision="release"),
    ),
    Guard.EXTENSION_RULE_NAMED: GuardCase(
        A.EXTEND, S.NOTIFIED, TEAM_LEAD, {"approvals_granted": frozenset({"extension"})},
        {"approvals_granted": frozenset({"extension"})}, "第六十条未规定延长",
        settings=WITH_RULE, bad_settings=ProcedureSettings(), article="行政处罚法第六十条",
    ),
    Guard.EXTENSION_APPROVED: GuardCase(
        A.EXTEND, S.NOTIFIED, TEAM_LEAD, {"approvals_granted": frozenset({"extension"})}, {},
        "须经负责人批准", settings=WITH_RULE,
    ),
    # 三分离: the designated case reviewer is no handler (O1 handles the case)
    Guard.REVIEWER_NOT_HANDLER: GuardCase(
        A.APPROVE, S.INVESTIGATED, BOSS, {}, {}, "被指定的人员是本案承办人，不能担任案件审核人",
        ActionOptions(what="case_reviewer", outcome="granted", reviewer=O3),
        bad_options=ActionOptions(what="case_reviewer", outcome="granted", reviewer=O1),
    ),
    Guard.PENALTY_DECIDED: GuardCase(
        A.PUBLISH, S.SERVED, OFFICER1, {"decision_kind": "penalty"}, {"decision_kind": "no_penalty"},
        "只有作出的行政处罚决定才须公示", article="行政处罚法第四十八条",
    ),
    # 第四十条、第五十五条: no 调查终结 with neither evidence nor a 笔录 on file
    Guard.INVESTIGATION_RECORDED: GuardCase(
        A.CONCLUDE, S.INVESTIGATING, OFFICER1, {}, {"investigation_recorded": False},
        "调查终结须有证据材料或笔录：本案尚未登记证据，也没有现场检查（勘验）笔录或询问（调查）笔录；"
        "请先在“证据”或“调查笔录”中登记（行政处罚法第四十条、第五十五条）",
        article="行政处罚法第四十条、第五十五条",
    ),
    Guard.CASE_REVIEW_PENDING: GuardCase(
        A.REVIEW_CASE, S.INVESTIGATED, TEAM_LEAD, {},
        {"case_review_passed": True, "case_review_passed_on": date(2026, 11, 20)},
        "本案案件审核已于 2026-11-20 通过，无需再次审核", ActionOptions(outcome="passed"),
    ),
}
WARNING_GUARDS = {Guard.LIMITATION_WARNING, Guard.DECISION_DEADLINE_WARNING}


def test_every_guard_has_a_case_and_a_use() -> None:
    assert set(GUARD_CASES) == set(Guard)
    used = {
        guard
        for rule in PROCEDURE.values()
        for guard in (
            *rule.guards,
            *(g for b in rule.branches.values() for g in b.guards),
            *(g for b in rule.branches.values() for m in b.moves.values() for g in m.guards),
        )
    }
    assert used == set(Guard)


@pytest.mark.parametrize("guard", list(Guard))
def test_guard_allows(guard: Guard) -> None:
    case = GUARD_CASES[guard]
    verdict = evaluate(
        case.action, facts(case.state, **case.ok), case.who, TODAY,
        options=case.options, settings=case.settings,
    )
    assert verdict.allowed, verdict.reason
    if guard in WARNING_GUARDS:
        assert not any(case.fragment in w for w in verdict.warnings)


@pytest.mark.parametrize("guard", list(Guard))
def test_guard_refuses(guard: Guard) -> None:
    case = GUARD_CASES[guard]
    verdict = evaluate(
        case.action,
        facts(case.state, **case.bad),
        case.bad_who or case.who,
        TODAY,
        options=case.bad_options or case.options,
        settings=case.bad_settings or case.settings,
    )
    if guard in WARNING_GUARDS:
        assert verdict.allowed
        assert any(case.fragment in w for w in verdict.warnings), verdict.warnings
        return
    assert not verdict.allowed
    assert verdict.reason is not None and case.fragment in verdict.reason, verdict.reason
    if case.article is not None:
        assert verdict.article == case.article


def test_statement_waiver_does_not_waive_the_hearing() -> None:
    f = facts(
        S.NOTIFIED,
        **_with(NOTICE_OVER, statement_window_end=date(2026, 11, 26), hearing_window_end=date(2026, 11, 27),
                statement_waived=True),
    )
    verdict = evaluate(A.SUBMIT_REVIEW, f, OFFICER1, TODAY)
    assert not verdict.allowed
    assert verdict.reason is not None and verdict.reason.startswith("当事人只放弃了陈述申辩，听证申请期限尚未届满")
    both = dataclasses.replace(f, hearing_waived=True)
    assert evaluate(A.SUBMIT_REVIEW, both, OFFICER1, TODAY).allowed


def test_windows_end_after_their_last_day() -> None:
    f = facts(S.NOTIFIED, **_with(NOTICE_OVER, statement_window_end=TODAY, hearing_window_end=TODAY))
    assert not evaluate(A.DECIDE, f, BOSS, TODAY, options=PENALTY_1000).allowed
    assert evaluate(A.DECIDE, f, BOSS, date(2026, 11, 24), options=PENALTY_1000).allowed


def test_no_hearing_window_without_hearing_rights() -> None:
    f = facts(S.NOTIFIED, **_with(NOTICE_OVER, hearing_rights_notified=False,
                                  hearing_window_end=date(2026, 11, 30)))
    assert evaluate(A.SUBMIT_REVIEW, f, OFFICER1, TODAY).allowed


def test_hearing_rights_not_needed_below_the_threshold() -> None:
    rules = ProcedureSettings(hearing_threshold_person=5000)
    small = ActionOptions(penalty="fine", amount=1000, hearing_rights=False)
    large = ActionOptions(penalty="fine", amount=5000, hearing_rights=False)
    f = facts(S.NOTIFIED)
    assert evaluate(A.NOTIFY, f, TEAM_LEAD, TODAY, options=small, settings=rules).allowed
    assert not evaluate(A.NOTIFY, f, TEAM_LEAD, TODAY, options=large, settings=rules).allowed
    warning = ActionOptions(penalty="warning", hearing_rights=False)
    assert evaluate(A.NOTIFY, f, TEAM_LEAD, TODAY, options=warning).allowed


def test_limitation_allows_no_penalty_and_refuses_notice() -> None:
    f = facts(S.NOTIFIED, **_with(NOTICE_OVER, limitation_expired=True))
    assert evaluate(A.DECIDE, f, BOSS, TODAY, options=ActionOptions(kind="no_penalty")).allowed
    assert evaluate(A.DECIDE, f, BOSS, TODAY).allowed  # some decision remains possible
    assert not evaluate(A.NOTIFY, f, TEAM_LEAD, TODAY, options=NOTIFY_OPTIONS).allowed
    spot = evaluate(A.DECIDE_ON_SPOT, facts(S.CLUE, limitation_expired=True), OFFICER1, TODAY, options=SPOT)
    assert spot.reason == "超过追责时效，不得给予行政处罚（行政处罚法第三十六条）"


def test_transfer_pending_still_allows_a_penalty_other_than_a_fine() -> None:
    f = facts(S.NOTIFIED, **_with(NOTICE_OVER, transfer_pending=True, notified_penalty=PenaltyKind.WARNING))
    warning = ActionOptions(kind="penalty", penalty="warning")
    assert evaluate(A.DECIDE, f, BOSS, TODAY, options=warning).allowed


def test_heavier_kind_than_notified_is_refused() -> None:
    f = facts(S.NOTIFIED, **_with(NOTICE_OVER, notified_penalty=PenaltyKind.WARNING, notified_amount=None))
    verdict = evaluate(A.DECIDE, f, BOSS, TODAY, options=PENALTY_1000)
    assert verdict.article == "行政处罚法第四十五条第二款"
    lighter = evaluate(A.DECIDE, facts(S.NOTIFIED, **NOTICE_OVER), BOSS, TODAY,
                       options=ActionOptions(kind="penalty", penalty="fine", amount=900))
    assert lighter.allowed


def test_simple_procedure_limit_for_an_organisation_is_3000() -> None:
    f = facts(S.CLUE, party_kind=PartyKind.ORGANISATION)
    ok = ActionOptions(penalty="fine", amount=3000, officers=(O1, O2))
    too_much = ActionOptions(penalty="fine", amount=3001, officers=(O1, O2))
    assert evaluate(A.DECIDE_ON_SPOT, f, OFFICER1, TODAY, options=ok).allowed
    assert not evaluate(A.DECIDE_ON_SPOT, f, OFFICER1, TODAY, options=too_much).allowed
    no_penalty = evaluate(A.DECIDE_ON_SPOT, f, OFFICER1, TODAY, options=ActionOptions(officers=(O1, O2)))
    assert not no_penalty.allowed


def test_reminder_must_be_served_before_court_enforcement() -> None:
    f = facts(S.EXECUTING, **_with(EXECUTION, reminder_served_on=None, reminder_period_end=None))
    verdict = evaluate(APPLY, f, OFFICER1, TODAY)
    assert verdict.article == "行政强制法第五十四条"


def test_court_enforcement_waits_for_the_remedy_periods() -> None:
    f = facts(S.EXECUTING, **_with(EXECUTION, remedy_periods_end=date(2026, 12, 1)))
    verdict = evaluate(APPLY, f, OFFICER1, TODAY)
    assert verdict.reason is not None and "届满后才能申请法院强制执行" in verdict.reason


def test_reviewer_first_reviewing_before_2021_07_15_needs_no_qualification() -> None:
    veteran = actor(REVIEWER, Role.LEGAL_REVIEWER, first_legal_review_on=date(2019, 3, 1))
    f = facts(S.LEGAL_REVIEW, **NOTICE_OVER)
    assert evaluate(A.LEGAL_REVIEW, f, veteran, TODAY, options=ActionOptions(outcome="passed")).allowed


def test_approving_an_investigator_as_hearing_host_is_refused() -> None:
    f = facts(S.HEARING)
    bad = ActionOptions(what="hearing_host", outcome="granted", host=O1)
    verdict = evaluate(A.APPROVE, f, BOSS, TODAY, options=bad)
    assert verdict.reason == "听证主持人不得由本案调查人员担任（行政处罚法第六十四条）"
    refused = ActionOptions(what="hearing_host", outcome="refused", host=O1)
    assert evaluate(A.APPROVE, f, BOSS, TODAY, options=refused).allowed
    assert not evaluate(A.APPROVE, f, BOSS, TODAY, options=ActionOptions(what="hearing_host")).allowed


# ---------------------------------------------------------------------------- exclusions


def test_decider_who_handled_the_case_is_refused() -> None:
    f = facts(S.NOTIFIED, **_with(NOTICE_OVER, handler_ids=frozenset({O1, LEADER})))
    verdict = evaluate(A.DECIDE, f, BOSS, TODAY, options=PENALTY_1000)
    assert verdict.reason == "办、审、定须由不同人员担任：您是本案承办人，不能作出决定"


@pytest.mark.parametrize(
    ("action", "state", "who", "holds", "options", "expected"),
    [
        (A.DECIDE, S.NOTIFIED, BOSS, "case_reviewer_ids", PENALTY_1000, "您是本案案件审核人，不能作出决定"),
        (A.DECIDE, S.NOTIFIED, BOSS, "legal_reviewer_ids", PENALTY_1000, "您是本案法制审核人"),
        (A.LEGAL_REVIEW, S.LEGAL_REVIEW, LEGAL, "handler_ids", ActionOptions(outcome="passed"),
         "您是本案承办人，不能对本案进行法制审核"),
        (A.LEGAL_REVIEW, S.LEGAL_REVIEW, LEGAL, "decider_ids", ActionOptions(outcome="passed"),
         "您是本案决定人"),
        (A.LEGAL_REVIEW, S.LEGAL_REVIEW, LEGAL, "case_reviewer_ids", ActionOptions(outcome="passed"),
         "您是本案案件审核人"),
        (A.REVIEW_CASE, S.INVESTIGATED, TEAM_LEAD, "handler_ids", ActionOptions(outcome="passed"),
         "您是本案承办人，不能审核本案调查结果"),
        (A.REVIEW_CASE, S.INVESTIGATED, TEAM_LEAD, "decider_ids", ActionOptions(outcome="passed"),
         "您是本案决定人"),
        (A.DISCUSS, S.NOTIFIED, BOSS, "handler_ids", None, "您是本案承办人，不能参加本案集体讨论"),
        (A.CONCLUDE, S.INVESTIGATING, TEAM_LEAD, "case_reviewer_ids", None, "您是本案案件审核人"),
    ],
)
def test_one_person_holds_one_of_ban_shen_ding(
    action: CaseAction, state: CaseState, who: ActorFacts, holds: str, options: ActionOptions | None,
    expected: str,
) -> None:
    base = _with(NOTICE_OVER)
    assert who.user_id is not None
    base[holds] = frozenset({who.user_id}) | (frozenset({O1, O2}) if holds == "handler_ids" else frozenset())
    verdict = evaluate(action, facts(state, **base), who, TODAY, options=options)
    assert not verdict.allowed
    assert verdict.reason is not None and verdict.reason.startswith("办、审、定须由不同人员担任：")
    assert expected in verdict.reason


def test_holding_the_same_role_again_is_fine() -> None:
    f = facts(S.NOTIFIED, **_with(NOTICE_OVER, decider_ids=frozenset({LEADER})))
    assert evaluate(A.DECIDE, f, BOSS, TODAY, options=PENALTY_1000).allowed


def test_simple_procedure_is_exempt_from_the_separation() -> None:
    base = _with(NOTICE_OVER, handler_ids=frozenset({O1, LEADER}))
    assert not evaluate(A.DECIDE, facts(S.NOTIFIED, **base), BOSS, TODAY, options=PENALTY_1000).allowed
    simple = facts(S.NOTIFIED, **base, simple_procedure=True)
    assert evaluate(A.DECIDE, simple, BOSS, TODAY, options=PENALTY_1000).allowed


def test_hearing_host_who_handled_the_case_is_refused() -> None:
    f = facts(S.HEARING, **_with(HEARING_READY, hearing_host_id=O1))
    verdict = evaluate(A.HOLD_HEARING, f, OFFICER1, TODAY, options=ActionOptions(outcome="held"))
    assert verdict.reason == "听证主持人不得由本案调查人员担任（行政处罚法第六十四条）"


def test_case_role_of_each_separated_action() -> None:
    assert PROCEDURE[A.DECIDE].case_role is CaseRole.DECIDER
    assert PROCEDURE[A.DISCUSS].case_role is CaseRole.DECIDER
    assert PROCEDURE[A.REVIEW_CASE].case_role is CaseRole.CASE_REVIEWER
    assert PROCEDURE[A.LEGAL_REVIEW].case_role is CaseRole.LEGAL_REVIEWER
    assert PROCEDURE[A.HOLD_HEARING].case_role is CaseRole.HEARING_HOST
    assert PROCEDURE[A.CONCLUDE].case_role is CaseRole.HANDLER
    assert PROCEDURE[A.DECIDE_ON_SPOT].case_role is None


# ---------------------------------------------------------------------------- roles


@pytest.mark.parametrize("action", list(CaseAction))
def test_county_supervisor_is_refused_everything(action: CaseAction) -> None:
    for state in EXPECTED_FROM[action]:
        verdict = evaluate(action, facts(state), SUPERVISOR, TODAY)
        assert verdict == Verdict(allowed=False, reason="县级监督人员只能查阅，不能办理案件")
    supervising_leader = actor("x", Role.LEADER, Role.COUNTY_SUPERVISOR)
    assert not evaluate(action, facts(S.NOTIFIED), supervising_leader, TODAY).allowed


@pytest.mark.parametrize("action", list(CaseAction))
def test_anonymous_is_refused_everything(action: CaseAction) -> None:
    verdict = evaluate(action, facts(S.CLUE), ANONYMOUS, TODAY)
    assert not verdict.allowed
    assert verdict.reason is not None and "未登录" in verdict.reason
    nobody = ActorFacts(user_id=None, roles=frozenset({Role.LEADER}))
    assert not evaluate(action, facts(S.CLUE), nobody, TODAY).allowed


def test_role_refusals_name_who_may() -> None:
    f = facts(S.NOTIFIED, **NOTICE_OVER)
    assert evaluate(A.DECIDE, f, ADMIN, TODAY).reason == "只有负责人可以进行“决定”"
    assert evaluate(A.DECIDE, f, TEAM_LEAD, TODAY).reason == "只有负责人可以进行“决定”"
    assert (
        evaluate(A.SERVE, f, OFFICER3, TODAY).reason == "只有本案承办人或执法队长可以进行“送达”"
    )
    assert evaluate(A.ARCHIVE, facts(S.CLOSED), BOSS, TODAY).reason == "只有档案员可以进行“归档”"
    assert evaluate(A.ACCEPT, facts(S.CLUE), OFFICER1, TODAY).reason == "只有执法队长或负责人可以进行“受理”"
    review = evaluate(A.REVIEW_CASE, facts(S.INVESTIGATED), OFFICER3, TODAY)
    assert review.reason == "只有执法队长或负责人指定的案件审核人可以进行“案件审核”"
    legal = evaluate(A.LEGAL_REVIEW, facts(S.LEGAL_REVIEW), BOSS, TODAY)
    assert legal.reason == "只有法制审核人员可以进行“法制审核”"


def test_designated_case_reviewer_may_review() -> None:
    f = facts(S.INVESTIGATED, designated_case_reviewer_id=O3)
    assert evaluate(A.REVIEW_CASE, f, OFFICER3, TODAY, options=ActionOptions(outcome="passed")).allowed


def test_only_the_named_host_holds_the_hearing() -> None:
    unnamed = facts(S.HEARING, **_with(HEARING_READY, hearing_host_id=None))
    verdict = evaluate(A.HOLD_HEARING, unnamed, HOST_ACTOR, TODAY)
    assert verdict.reason is not None and verdict.reason.startswith("尚未指定听证主持人")
    other = evaluate(A.HOLD_HEARING, facts(S.HEARING, **HEARING_READY), OFFICER3, TODAY)
    assert other.reason == "只有负责人指定的听证主持人可以进行“举行听证”"


def test_only_handlers_record_a_hearing_request() -> None:
    f = facts(S.NOTIFIED, **REQUEST_BASE)
    assert evaluate(A.REQUEST_HEARING, f, OFFICER1, TODAY).allowed
    assert evaluate(A.REQUEST_HEARING, f, OFFICER3, TODAY).reason == "只有本案承办人可以进行“申请听证”"


# ---------------------------------------------------------------------------- options and targets


def test_unknown_option_value_is_refused_with_the_choices() -> None:
    verdict = evaluate(A.DECIDE, facts(S.NOTIFIED, **NOTICE_OVER), BOSS, TODAY,
                       options=ActionOptions(kind="fine"))
    assert verdict.reason is not None
    assert verdict.reason.startswith("“决定”的决定类型不能为“fine”，可选：penalty（行政处罚）")


def test_target_unknown_without_the_option() -> None:
    verdict = evaluate(A.LEGAL_REVIEW, facts(S.LEGAL_REVIEW), LEGAL, TODAY)
    assert verdict.allowed and verdict.target is None
    appeal = evaluate(A.APPEAL, facts(S.SERVED, appeal_pending=True), OFFICER1, TODAY)
    assert appeal.allowed and appeal.target is None


def test_approval_kinds_are_the_cli_ones() -> None:
    assert [k.value for k in ApprovalKind] == [
        "preservation", "seizure", "extension", "deferral", "court_enforcement", "transfer",
        "hearing_host", "recusal", "withdraw", "suspend", "close",
        # added: the 审 by a non-handler the leader designates (procedure.md, review_case)
        "case_reviewer",
    ]


# ---------------------------------------------------------------------------- allowed_actions


def test_allowed_actions_covers_every_action_in_order() -> None:
    f = facts(S.INVESTIGATING)
    listed = allowed_actions(f, BOSS, TODAY)
    assert [action for action, _ in listed] == list(CaseAction)
    by_action = dict(listed)
    assert by_action[A.DECIDE].reason == "当前状态“调查取证”不能进行“决定”"
    assert by_action[A.SUSPEND].allowed and by_action[A.SUSPEND].target is S.SUSPENDED
    for _action, verdict in listed:
        assert verdict.allowed or verdict.reason


def test_allowed_actions_for_the_supervisor_are_all_refused() -> None:
    assert not any(v.allowed for _, v in allowed_actions(facts(S.NOTIFIED), SUPERVISOR, TODAY))


# ---------------------------------------------------------------------------- properties

states = st.sampled_from(list(CaseState))
role_sets = st.frozensets(st.sampled_from(list(Role)), max_size=3)
ids = st.sampled_from([O1, O2, LEAD, LEADER, REVIEWER, HOST])
id_sets = st.frozensets(ids, max_size=3)
maybe_date = st.none() | st.dates(date(2026, 10, 1), date(2027, 1, 31))


@st.composite
def random_facts(draw: st.DrawFn) -> CaseFacts:
    return CaseFacts(
        state=draw(states),
        state_before_suspension=draw(st.none() | states),
        state_before_transfer=draw(st.none() | states),
        simple_procedure=draw(st.booleans()),
        party_kind=draw(st.sampled_from(list(PartyKind))),
        limitation_expired=draw(st.booleans()),
        notice_served_on=draw(maybe_date),
        notified_penalty=draw(st.none() | st.sampled_from(list(PenaltyKind))),
        notified_amount=draw(st.none() | st.integers(0, 10000)),
        hearing_rights_notified=draw(st.booleans()),
        statement_window_end=draw(maybe_date),
        hearing_window_end=draw(maybe_date),
        statement_waived=draw(st.booleans()),
        hearing_requested=draw(st.booleans()),
        investigation_recorded=draw(st.booleans()),
        case_review_passed=draw(st.booleans()),
        case_review_passed_on=draw(maybe_date),
        legal_review_required=draw(st.booleans()),
        legal_review_passed=draw(st.booleans()),
        transfer_pending=draw(st.booleans()),
        fine=draw(st.none() | st.integers(0, 5000)),
        paid=draw(st.integers(0, 5000)),
        appeal_pending=draw(st.booleans()),
        approvals_granted=draw(st.frozensets(st.sampled_from([k.value for k in ApprovalKind]))),
        handler_ids=draw(id_sets),
        case_reviewer_ids=draw(id_sets),
        legal_reviewer_ids=draw(id_sets),
        decider_ids=draw(id_sets),
        hearing_host_id=draw(st.none() | ids),
    )


@settings(database=None, max_examples=300)
@given(f=random_facts(), uid=ids, roles=role_sets, today=st.dates(date(2026, 10, 1), date(2027, 3, 1)))
def test_evaluate_is_total_and_consistent(f: CaseFacts, uid: str, roles: frozenset[Role], today: date) -> None:
    who = ActorFacts(user_id=uid, roles=roles)
    listed = allowed_actions(f, who, today)
    assert len(listed) == len(CaseAction)
    for action, verdict in listed:
        if verdict.allowed:
            assert f.state in from_states(action)
            assert Role.COUNTY_SUPERVISOR not in roles
            assert verdict.target is None or isinstance(verdict.target, CaseState)
            if PROCEDURE[action].case_role in (CaseRole.DECIDER, CaseRole.LEGAL_REVIEWER) and (
                not f.simple_procedure
            ):
                others = set(f.holds(uid)) - {PROCEDURE[action].case_role}
                assert not others
        else:
            assert isinstance(verdict.reason, str) and verdict.reason


# ---------------------------------------------------------------------------- 法制审核 required


def test_legal_review_requirement() -> None:
    assert legal_review_requirement(item_major=False) == (False, None)
    assert legal_review_requirement(item_major=True)[0]
    assert legal_review_requirement(item_major=False, hearing_held=True) == (True, "经过听证程序")
    assert legal_review_requirement(item_major=False, complex_case=True)[0]
    assert legal_review_requirement(item_major=False, fine=50000, fine_threshold=50000)[0]
    assert not legal_review_requirement(item_major=False, fine=49999, fine_threshold=50000)[0]
    assert legal_review_requirement(item_major=False, required_by_rule="本县重大执法决定目录") == (
        True,
        "本县重大执法决定目录",
    )


# ---------------------------------------------------------------------------- issue #14 additions


def test_the_designated_case_reviewer_reviews_but_never_a_handler() -> None:
    passed = ActionOptions(outcome="passed")
    designated = facts(S.INVESTIGATED, designated_case_reviewer_id=O3)
    assert evaluate(A.REVIEW_CASE, designated, OFFICER3, TODAY, options=passed).allowed
    # without the designation the officer may not
    refused = evaluate(A.REVIEW_CASE, facts(S.INVESTIGATED), OFFICER3, TODAY, options=passed)
    assert not refused.allowed and "负责人指定的案件审核人" in (refused.reason or "")
    # a handler designated anyway (data from elsewhere) is still refused by 三分离
    handler = evaluate(A.REVIEW_CASE, facts(S.INVESTIGATED, designated_case_reviewer_id=O1), OFFICER1, TODAY,
                       options=passed)
    assert not handler.allowed and "您是本案承办人" in (handler.reason or "")
    # a refused designation needs no reviewer named
    assert evaluate(A.APPROVE, facts(S.INVESTIGATED), BOSS, TODAY,
                    options=ActionOptions(what="case_reviewer", outcome="refused")).allowed


def test_publish_keeps_the_state_and_needs_a_penalty_decision() -> None:
    for state in (S.DECIDED, S.SERVED, S.EXECUTING, S.CLOSED):
        verdict = evaluate(A.PUBLISH, facts(state, decision_kind="penalty"), OFFICER1, TODAY, options=ActionOptions())
        assert verdict.allowed and verdict.target is state
    other = evaluate(A.PUBLISH, facts(S.SERVED, decision_kind="penalty"), OFFICER3, TODAY)
    assert not other.allowed and "本案承办人" in (other.reason or "")
    archived = evaluate(A.PUBLISH, facts(S.ARCHIVED, decision_kind="penalty"), OFFICER1, TODAY)
    assert not archived.allowed


# ---------------------------------------------------------------------------- evidence before 调查终结 and a penalty

NOTHING_ON_FILE: dict[str, Any] = {"investigation_recorded": False}


def test_conclude_needs_evidence_or_a_record_also_in_the_list_of_actions() -> None:
    f = facts(S.INVESTIGATING, **NOTHING_ON_FILE)
    verdict = dict(allowed_actions(f, OFFICER1, TODAY))[A.CONCLUDE]
    assert not verdict.allowed
    assert verdict.reason is not None and "第四十条" in verdict.reason and "调查笔录" in verdict.reason
    assert dict(allowed_actions(facts(S.INVESTIGATING), OFFICER1, TODAY))[A.CONCLUDE].allowed


def test_penalty_decision_needs_evidence_or_a_record() -> None:
    f = facts(S.NOTIFIED, **_with(NOTICE_OVER, **NOTHING_ON_FILE))
    verdict = evaluate(A.DECIDE, f, BOSS, TODAY, options=PENALTY_1000)
    assert not verdict.allowed
    assert verdict.reason is not None and verdict.reason.startswith("作出行政处罚决定须有证据材料或笔录：")
    assert verdict.article == "行政处罚法第四十条、第五十五条"
    assert evaluate(A.DECIDE, facts(S.NOTIFIED, **NOTICE_OVER), BOSS, TODAY, options=PENALTY_1000).allowed


@pytest.mark.parametrize("options", [ActionOptions(kind="no_penalty"), ActionOptions(kind="transfer")],
                         ids=["no_penalty", "transfer"])
def test_no_penalty_and_transfer_decisions_need_no_record(options: ActionOptions) -> None:
    f = facts(S.NOTIFIED, **_with(NOTICE_OVER, transfer_approved=True, **NOTHING_ON_FILE))
    assert evaluate(A.DECIDE, f, BOSS, TODAY, options=options).allowed
    # without options the decide button stays available: a decision other than a penalty remains
    assert evaluate(A.DECIDE, f, BOSS, TODAY).allowed


def test_simple_procedure_is_not_held_to_the_investigation_file() -> None:
    # 第五十一条、第五十二条: decided on the spot, no investigation file to keep
    spot = facts(S.CLUE, simple_procedure=True, **NOTHING_ON_FILE)
    assert evaluate(A.DECIDE_ON_SPOT, spot, OFFICER1, TODAY, options=SPOT).allowed
    # and the guard itself says nothing about a simple-procedure case, whatever the action
    concluding = facts(S.INVESTIGATING, simple_procedure=True, **NOTHING_ON_FILE)
    assert evaluate(A.CONCLUDE, concluding, OFFICER1, TODAY).allowed


def test_case_review_refused_once_passed_but_not_after_a_return() -> None:
    passed = facts(S.INVESTIGATED, case_review_passed=True)  # the date unknown (older data)
    for options in (None, ActionOptions(outcome="passed"), ActionOptions(outcome="returned")):
        verdict = evaluate(A.REVIEW_CASE, passed, TEAM_LEAD, TODAY, options=options)
        assert not verdict.allowed
        assert verdict.reason is not None and verdict.reason.startswith("本案案件审核已经通过，无需再次审核")
    # a returned review leaves case_review_passed False: the next 调查终结 is reviewed again
    returned = facts(S.INVESTIGATED, case_review_passed=False)
    assert evaluate(A.REVIEW_CASE, returned, TEAM_LEAD, TODAY, options=ActionOptions(outcome="passed")).allowed
    assert evaluate(A.REVIEW_CASE, returned, TEAM_LEAD, TODAY).allowed
