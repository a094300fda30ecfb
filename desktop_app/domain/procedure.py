"""The procedure's state machine (办案流程) as a table, and the evaluator of its rules.

:data:`PROCEDURE` holds, for every action code of CLI.md: the states it starts from and where each
leads (by outcome or option where the action has them), who may take it by default, which role in
the case (办、审、法制审核、定, 听证主持人) taking it gives, and which guards apply. The table is data;
:func:`evaluate` reads it. Sources: domain/procedure.md ("The state machine", "Roles",
"Decisions for the software") and law-check.md for the articles (行政处罚法 in its 2021 numbering).

Nothing here reads the clock or a database: the services gather :class:`CaseFacts` (with the
deadline dates already computed by :mod:`desktop_app.domain.deadlines`) and pass the date.

Discretion (the amount within the range and tier) is checked in :mod:`desktop_app.domain.discretion`,
not here; only the limits of the simple procedure (第五十一条) are applied to ``decide_on_spot``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain.case_states import STATE_LABELS, CaseState
from desktop_app.domain.discretion import (
    SIMPLE_FINE_ORGANISATION,
    SIMPLE_FINE_PERSON,
    Number,
    PartyKind,
    PenaltyKind,
    Verdict,
    check_simple_procedure,
    format_amount,
    hearing_eligible,
    is_heavier,
    to_decimal,
)
from desktop_app.domain.roles import ROLE_LABELS, Role

__all__ = [
    "ACTION_LABELS",
    "APPROVAL_LABELS",
    "CASE_ROLE_LABELS",
    "DEFAULT_SETTINGS",
    "OPTION_VALUE_LABELS",
    "PROCEDURE",
    "ActionOptions",
    "ActionRule",
    "ActorFacts",
    "ApprovalKind",
    "Branch",
    "CaseAction",
    "CaseFacts",
    "CaseRole",
    "Guard",
    "Move",
    "ProcedureSettings",
    "Special",
    "Target",
    "Verdict",
    "action_label",
    "allowed_actions",
    "evaluate",
    "from_states",
    "legal_review_requirement",
]


class CaseAction(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    FILE = "file"
    NOT_FILE = "not_file"
    INVESTIGATE = "investigate"
    CONCLUDE = "conclude"
    REVIEW_CASE = "review_case"
    NOTIFY = "notify"
    SERVE = "serve"
    WAIVE = "waive"
    REQUEST_HEARING = "request_hearing"
    HOLD_HEARING = "hold_hearing"
    SUBMIT_REVIEW = "submit_review"
    LEGAL_REVIEW = "legal_review"
    DISCUSS = "discuss"
    DECIDE = "decide"
    DECIDE_ON_SPOT = "decide_on_spot"
    PAY = "pay"
    DEFER = "defer"
    REMIND = "remind"
    APPLY_COURT = "apply_court"
    APPEAL = "appeal"
    CLOSE = "close"
    WITHDRAW = "withdraw"
    SUSPEND = "suspend"
    RESUME = "resume"
    TRANSFER = "transfer"
    RETURN = "return"
    APPROVE = "approve"
    PRESERVE = "preserve"
    EXTEND = "extend"
    ARCHIVE = "archive"


ACTION_LABELS: dict[CaseAction, str] = {
    CaseAction.ACCEPT: "受理",
    CaseAction.REJECT: "不予受理",
    CaseAction.FILE: "立案",
    CaseAction.NOT_FILE: "不予立案",
    CaseAction.INVESTIGATE: "调查取证",
    CaseAction.CONCLUDE: "调查终结",
    CaseAction.REVIEW_CASE: "案件审核",
    CaseAction.NOTIFY: "告知",
    CaseAction.SERVE: "送达",
    CaseAction.WAIVE: "书面放弃权利",
    CaseAction.REQUEST_HEARING: "申请听证",
    CaseAction.HOLD_HEARING: "举行听证",
    CaseAction.SUBMIT_REVIEW: "提交法制审核",
    CaseAction.LEGAL_REVIEW: "法制审核",
    CaseAction.DISCUSS: "集体讨论",
    CaseAction.DECIDE: "决定",
    CaseAction.DECIDE_ON_SPOT: "当场处罚",
    CaseAction.PAY: "缴纳罚款",
    CaseAction.DEFER: "延期（分期）缴纳",
    CaseAction.REMIND: "催告",
    CaseAction.APPLY_COURT: "申请法院强制执行",
    CaseAction.APPEAL: "复议诉讼",
    CaseAction.CLOSE: "结案",
    CaseAction.WITHDRAW: "撤销立案",
    CaseAction.SUSPEND: "中止",
    CaseAction.RESUME: "恢复办理",
    CaseAction.TRANSFER: "移送",
    CaseAction.RETURN: "移送退回",
    CaseAction.APPROVE: "审批",
    CaseAction.PRESERVE: "先行登记保存",
    CaseAction.EXTEND: "延长期限",
    CaseAction.ARCHIVE: "归档",
}


def action_label(code: str) -> str:
    """The Chinese label of an action code; an unknown code is returned as it is."""
    try:
        return ACTION_LABELS[CaseAction(code)]
    except ValueError:
        return code


class CaseRole(StrEnum):
    """A person's role in one case (CLI.md: officers[].role_in_case)."""

    HANDLER = "handler"  # 办
    CASE_REVIEWER = "case_reviewer"  # 审
    LEGAL_REVIEWER = "legal_reviewer"  # 法制审核
    DECIDER = "decider"  # 定
    HEARING_HOST = "hearing_host"  # 听证主持人


CASE_ROLE_LABELS: dict[CaseRole, str] = {
    CaseRole.HANDLER: "承办人",
    CaseRole.CASE_REVIEWER: "案件审核人",
    CaseRole.LEGAL_REVIEWER: "法制审核人",
    CaseRole.DECIDER: "决定人",
    CaseRole.HEARING_HOST: "听证主持人",
}

# 办、审、定三分离 (seed 002 二(四); procedure.md "Roles": never changed by settings).
_SEPARATED: tuple[CaseRole, ...] = (
    CaseRole.HANDLER,
    CaseRole.CASE_REVIEWER,
    CaseRole.LEGAL_REVIEWER,
    CaseRole.DECIDER,
)


class ApprovalKind(StrEnum):
    """What the leader approves (CLI.md: approve --what)."""

    PRESERVATION = "preservation"
    SEIZURE = "seizure"
    EXTENSION = "extension"
    DEFERRAL = "deferral"
    COURT_ENFORCEMENT = "court_enforcement"
    TRANSFER = "transfer"
    HEARING_HOST = "hearing_host"
    RECUSAL = "recusal"
    WITHDRAW = "withdraw"
    SUSPEND = "suspend"
    CLOSE = "close"


APPROVAL_LABELS: dict[ApprovalKind, str] = {
    ApprovalKind.PRESERVATION: "先行登记保存",
    ApprovalKind.SEIZURE: "查封、扣押",
    ApprovalKind.EXTENSION: "延长办案期限",
    ApprovalKind.DEFERRAL: "延期（分期）缴纳罚款",
    ApprovalKind.COURT_ENFORCEMENT: "申请法院强制执行",
    ApprovalKind.TRANSFER: "移送",
    ApprovalKind.HEARING_HOST: "指定听证主持人",
    ApprovalKind.RECUSAL: "回避",
    ApprovalKind.WITHDRAW: "撤销立案",
    ApprovalKind.SUSPEND: "中止",
    ApprovalKind.CLOSE: "结案",
}


# ---------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class CaseFacts:
    """Everything the rules need to know about one case, gathered by the services.

    Dates that come from deadlines are passed already computed (deadlines.compute), so that the
    evaluator needs no calendar: ``*_end`` / ``*_due`` are the last day of a period (the party may
    still act on it); ``hearing_earliest_on`` is the first day a hearing may be held.
    Role-in-case sets hold user ids.
    """

    state: CaseState
    state_before_suspension: CaseState | None = None  # resume goes back there
    state_before_transfer: CaseState | None = None  # return goes to 已受理 or 调查取证 by it
    simple_procedure: bool = False  # 简易程序: 三分离 does not apply (行政处罚法 第五十一条、第五十二条)
    party_kind: PartyKind = PartyKind.PERSON
    # the item and the list
    item_major: bool = False  # 重大执法决定 item (one of the reasons for 法制审核)
    item_sample_and_not_demo: bool = False  # the list is still the sample, outside a demo directory
    limitation_expired: bool = False  # 行政处罚法 第三十六条, judged by the services from the act's dates
    decision_due: date | None = None  # 第六十条: 90 days from 立案
    # 告知 (第四十四条、第四十五条) and 听证 (第六十三条、第六十四条)
    notice_served_on: date | None = None
    notified_penalty: PenaltyKind | None = None
    notified_amount: Number | None = None
    hearing_rights_notified: bool = False
    statement_window_end: date | None = None
    hearing_window_end: date | None = None
    statement_waived: bool = False
    hearing_waived: bool = False
    hearing_requested: bool = False
    hearing_held: bool = False
    hearing_notice_served_on: date | None = None
    hearing_earliest_on: date | None = None
    # 审 and 法制审核 (第五十八条), 集体讨论 (第五十七条第二款)
    case_review_passed: bool = False
    legal_review_required: bool = False
    legal_review_reason: str | None = None
    legal_review_passed: bool = False
    discussion_required: bool = False
    discussion_held: bool = False
    # transfers (第二十七条、第三十五条第二款)
    transfer_pending: bool = False  # to the judicial organs, not yet answered
    transfer_approved: bool = False
    transfer_receipt_confirmed: bool = False
    criminal_fine_imposed: bool = False
    # decision and execution
    decision_kind: str | None = None  # penalty | no_penalty | transfer
    decided_penalty: PenaltyKind | None = None
    fine: Number | None = None
    paid: Number = 0
    other_obligations_pending: bool = False  # besides the fine (e.g. 没收 not yet carried out)
    payment_due: date | None = None  # 第六十七条 (after any approved deferral, 第六十六条第二款)
    reminder_served_on: date | None = None  # 催告书 (行政强制法 第五十四条)
    reminder_period_end: date | None = None  # 10 working days after it (行政强制法 第六十九条)
    appeal_pending: bool = False  # a 行政复议 or 行政诉讼 not yet decided
    remedy_periods_end: date | None = None  # the later of the review and litigation periods' ends
    court_enforcement_due: date | None = None  # 3 months after them (行政强制法 第五十三条)
    preservation_pending: bool = False  # 先行登记保存 awaiting its handling decision
    approvals_granted: frozenset[str] = frozenset()  # ApprovalKind values
    # roles in the case
    handler_ids: frozenset[str] = frozenset()
    investigator_ids: frozenset[str] = frozenset()  # everyone who took part in the investigation
    designated_case_reviewer_id: str | None = None
    case_reviewer_ids: frozenset[str] = frozenset()
    legal_reviewer_ids: frozenset[str] = frozenset()
    decider_ids: frozenset[str] = frozenset()
    hearing_host_id: str | None = None

    @property
    def hearing_pending(self) -> bool:
        """A hearing was requested and is neither held nor withdrawn."""
        return self.hearing_requested and not self.hearing_held and not self.hearing_waived

    @property
    def outstanding(self) -> bool:
        """Part of the fine is unpaid (the surcharge is not counted here)."""
        return self.fine is not None and to_decimal(self.fine) - to_decimal(self.paid) > 0

    def holds(self, user_id: str) -> list[CaseRole]:
        """The separated roles (办、审、法制审核、定) the user holds in this case, in that order."""
        sets = {
            CaseRole.HANDLER: self.handler_ids,
            CaseRole.CASE_REVIEWER: self.case_reviewer_ids,
            CaseRole.LEGAL_REVIEWER: self.legal_reviewer_ids,
            CaseRole.DECIDER: self.decider_ids,
        }
        return [role for role in _SEPARATED if user_id in sets[role]]


@dataclass(frozen=True)
class ActorFacts:
    """Who acts: the user's id, their roles, and what 法制审核 needs to know about them."""

    user_id: str | None
    roles: frozenset[Role] = frozenset()
    is_anonymous: bool = False
    legal_qualification: bool = False  # 法律职业资格 recorded
    first_legal_review_on: date | None = None  # when they first did 法制审核 (None: never)


@dataclass(frozen=True)
class ActionOptions:
    """The options of one action as CLI.md names them. ``evaluate`` without options judges
    whether the action is possible at all (the buttons, ``case actions``); with them, the one
    step about to be taken."""

    outcome: str | None = None  # review_case, legal_review, hold_hearing, appeal, close, return, approve
    to: str | None = None  # legal_review: investigating|notified; transfer: department|judicial
    what: str | None = None  # waive: statement|hearing; approve: an ApprovalKind
    document: str | None = None  # serve: decision|other
    kind: str | None = None  # decide: penalty|no_penalty|transfer; appeal: review|litigation
    penalty: str | None = None  # notify, decide, decide_on_spot: a PenaltyKind
    amount: Number | None = None
    hearing_rights: bool | None = None  # notify
    officers: tuple[str, ...] = ()  # investigate, decide_on_spot: user ids
    participants: tuple[str, ...] = ()  # discuss: user ids
    host: str | None = None  # approve --what hearing_host
    decision: str | None = None  # preserve: release|confiscate|seize|transfer (the handling)


@dataclass(frozen=True)
class ProcedureSettings:
    """The settings the rules read (settings_schema.py), with their defaults."""

    simple_fine_person: Number = SIMPLE_FINE_PERSON
    simple_fine_organisation: Number = SIMPLE_FINE_ORGANISATION
    hearing_threshold_person: Number | None = None
    hearing_threshold_organisation: Number | None = None
    # 行政处罚法 第五十八条第二款: reviewers first reviewing after the law took effect need 法律职业资格
    qualification_required_since: date = date(2021, 7, 15)
    decision_extension_rule: str | None = None  # 第六十条 itself allows no extension


DEFAULT_SETTINGS = ProcedureSettings()


# ---------------------------------------------------------------------------- the table


class Special(StrEnum):
    """Targets that depend on the case, not only on the action."""

    STAY = "stay"
    OPTION_TO = "option_to"  # legal_review returned/failed: --to investigating|notified
    BEFORE_SUSPENSION = "before_suspension"  # resume
    AFTER_RETURN = "after_return"  # return: 已受理 if it left before 立案, else 调查取证


Target = CaseState | Special


class Guard(StrEnum):
    """A rule checked before an action; each has its check in _CHECKS."""

    CONFIRMED_ITEM_LIST = "confirmed_item_list"
    LIMITATION_WARNING = "limitation_warning"
    DECISION_DEADLINE_WARNING = "decision_deadline_warning"
    TWO_OFFICERS = "two_officers"
    ACTOR_ON_THE_SPOT = "actor_on_the_spot"
    CASE_REVIEW_PASSED = "case_review_passed"
    NOTICE_STATES_PENALTY = "notice_states_penalty"
    HEARING_RIGHTS_STATED = "hearing_rights_stated"
    NOTICE_SERVED = "notice_served"
    STATEMENT_WINDOW_OVER = "statement_window_over"
    HEARING_WINDOW_OVER = "hearing_window_over"
    REQUESTED_HEARING_HELD = "requested_hearing_held"
    HEARING_RIGHTS_NOTIFIED = "hearing_rights_notified"
    HEARING_REQUEST_IN_TIME = "hearing_request_in_time"
    HEARING_NOT_WAIVED = "hearing_not_waived"
    HEARING_NOTICE_PERIOD = "hearing_notice_period"
    HOST_NOT_INVESTIGATOR = "host_not_investigator"
    REVIEWER_QUALIFIED = "reviewer_qualified"
    LEGAL_REVIEW_PENDING = "legal_review_pending"
    RETURN_TO_VALID = "return_to_valid"
    LEGAL_REVIEW_IF_REQUIRED = "legal_review_if_required"
    LEGAL_REVIEW_PASSED = "legal_review_passed"
    DISCUSSION_IF_REQUIRED = "discussion_if_required"
    DISCUSSION_PARTICIPANTS = "discussion_participants"
    NOT_TIME_BARRED = "not_time_barred"
    NO_FINE_WHILE_TRANSFER_PENDING = "no_fine_while_transfer_pending"
    NO_FINE_AFTER_CRIMINAL_FINE = "no_fine_after_criminal_fine"
    NOT_HEAVIER_THAN_NOTIFIED = "not_heavier_than_notified"
    SIMPLE_PROCEDURE_LIMITS = "simple_procedure_limits"
    TRANSFER_APPROVED = "transfer_approved"
    TRANSFER_RECEIPT_CONFIRMED = "transfer_receipt_confirmed"
    FINE_OUTSTANDING = "fine_outstanding"
    OBLIGATION_OUTSTANDING = "obligation_outstanding"
    DEFERRAL_APPROVED = "deferral_approved"
    PAYMENT_PERIOD_OVER = "payment_period_over"
    NO_PENDING_APPEAL = "no_pending_appeal"
    APPEAL_PENDING = "appeal_pending"
    REMINDER_PERIOD_OVER = "reminder_period_over"
    COURT_ENFORCEMENT_WINDOW = "court_enforcement_window"
    COURT_ENFORCEMENT_APPROVED = "court_enforcement_approved"
    EXECUTION_COMPLETE = "execution_complete"
    STATE_BEFORE_SUSPENSION_KNOWN = "state_before_suspension_known"
    STATE_BEFORE_TRANSFER_KNOWN = "state_before_transfer_known"
    PRESERVATION_APPROVED = "preservation_approved"
    SEIZURE_APPROVED = "seizure_approved"
    PRESERVATION_PENDING = "preservation_pending"
    EXTENSION_RULE_NAMED = "extension_rule_named"
    EXTENSION_APPROVED = "extension_approved"


@dataclass(frozen=True)
class Move:
    """From one state: where the action leads and what must hold first."""

    target: Target
    guards: tuple[Guard, ...] = ()


@dataclass(frozen=True)
class Branch:
    """One outcome or option value of an action: its moves by from-state, and its own guards."""

    moves: Mapping[CaseState, Move]
    guards: tuple[Guard, ...] = ()


@dataclass(frozen=True)
class ActionRule:
    """One row of the state machine.

    ``roles``: who may take the action by default; ``handlers``: a handler of the case may too;
    ``designated``: the person named for the case in that role may too (the case reviewer the
    leader designates, the hearing host). ``case_role``: the role in the case the actor takes by
    acting, checked against 办、审、定三分离. ``branch_on``: the ActionOptions field whose value
    selects the branch (None: a single branch under the key None).
    """

    roles: frozenset[Role]
    branches: Mapping[str | None, Branch]
    handlers: bool = False
    designated: CaseRole | None = None
    case_role: CaseRole | None = None
    branch_on: str | None = None
    guards: tuple[Guard, ...] = ()


S = CaseState
_FILED_TO_DISCUSSION = (
    S.FILED, S.INVESTIGATING, S.INVESTIGATED, S.NOTIFIED, S.HEARING, S.LEGAL_REVIEW, S.DISCUSSION,
)
_CLUE_TO_INVESTIGATED = (S.CLUE, S.ACCEPTED, S.FILED, S.INVESTIGATING, S.INVESTIGATED)
_CLUE_TO_DISCUSSION = (S.CLUE, S.ACCEPTED, *_FILED_TO_DISCUSSION)
_AFTER_DECISION = (S.DECIDED, S.SERVED, S.EXECUTING)
_EXECUTION = (S.SERVED, S.EXECUTING)
# "any state" of approve and serve: every state in which the case is still handled
_LIVE = tuple(s for s in S if s not in (S.REJECTED, S.NOT_FILED, S.CLOSED, S.ARCHIVED))

_HANDLING = frozenset({Role.TEAM_LEAD})  # "a handler, team_lead"
_LEADS = frozenset({Role.TEAM_LEAD, Role.LEADER})
_LEADER = frozenset({Role.LEADER})

# 行政处罚法 第四十四条、第四十五条、第六十二条、第六十三条、第六十四条: no decision before the notice
# was served and both windows ended or were waived, and a hearing requested in time was held.
_WINDOWS = (
    Guard.NOTICE_SERVED,
    Guard.STATEMENT_WINDOW_OVER,
    Guard.HEARING_WINDOW_OVER,
    Guard.REQUESTED_HEARING_HELD,
)
# 第五十八条 (法制审核) and 第五十七条第二款 (集体讨论) before the 定
_FROM_NOTIFIED = (*_WINDOWS, Guard.LEGAL_REVIEW_IF_REQUIRED, Guard.DISCUSSION_IF_REQUIRED)
_FROM_LEGAL_REVIEW = (*_WINDOWS, Guard.LEGAL_REVIEW_PASSED, Guard.DISCUSSION_IF_REQUIRED)
_FROM_DISCUSSION = (*_WINDOWS, Guard.LEGAL_REVIEW_IF_REQUIRED)
# what any penalty (and any fine) must respect, whatever the step
_PENALTY = (
    Guard.NOT_TIME_BARRED,  # 第三十六条
    Guard.NO_FINE_WHILE_TRANSFER_PENDING,  # 第二十七条
    Guard.NO_FINE_AFTER_CRIMINAL_FINE,  # 第三十五条第二款
)


def _moves(states: Iterable[CaseState], target: Target, *guards: Guard) -> dict[CaseState, Move]:
    return {state: Move(target, tuple(guards)) for state in states}


def _one(moves: Mapping[CaseState, Move], *guards: Guard) -> dict[str | None, Branch]:
    return {None: Branch(moves, tuple(guards))}


_DECISION_MOVES_BEFORE_DECIDED = {
    S.NOTIFIED: Move(S.DECIDED, _FROM_NOTIFIED),
    S.LEGAL_REVIEW: Move(S.DECIDED, _FROM_LEGAL_REVIEW),
    S.DISCUSSION: Move(S.DECIDED, _FROM_DISCUSSION),
}

PROCEDURE: dict[CaseAction, ActionRule] = {
    CaseAction.ACCEPT: ActionRule(_LEADS, _one(_moves([S.CLUE], S.ACCEPTED))),
    CaseAction.REJECT: ActionRule(_LEADS, _one(_moves([S.CLUE], S.REJECTED))),
    # seed 000 §8, 行政处罚法 第二十四条: 立案 only on the township's published list
    CaseAction.FILE: ActionRule(
        _LEADER,
        _one(_moves([S.ACCEPTED], S.FILED)),
        guards=(Guard.CONFIRMED_ITEM_LIST, Guard.LIMITATION_WARNING),
    ),
    CaseAction.NOT_FILE: ActionRule(_LEADER, _one(_moves([S.ACCEPTED], S.NOT_FILED))),
    # 第四十二条: at least two officers; 补充调查 from every step before the decision
    CaseAction.INVESTIGATE: ActionRule(
        _LEADS,
        _one(_moves(
            [S.FILED, S.INVESTIGATED, S.NOTIFIED, S.HEARING, S.LEGAL_REVIEW, S.DISCUSSION],
            S.INVESTIGATING,
        )),
        guards=(Guard.TWO_OFFICERS,),
    ),
    CaseAction.CONCLUDE: ActionRule(
        _HANDLING,
        _one(_moves([S.INVESTIGATING], S.INVESTIGATED)),
        handlers=True,
        case_role=CaseRole.HANDLER,
    ),
    # the 审 of 办、审、定三分离: by a team lead or a designated person who is not a handler
    CaseAction.REVIEW_CASE: ActionRule(
        frozenset({Role.TEAM_LEAD}),
        {
            "passed": Branch(_moves([S.INVESTIGATED], Special.STAY)),
            "returned": Branch(_moves([S.INVESTIGATED], S.INVESTIGATING)),
        },
        designated=CaseRole.CASE_REVIEWER,
        case_role=CaseRole.CASE_REVIEWER,
        branch_on="outcome",
    ),
    # 第四十四条: the notice states the intended penalty and the rights; a second notice restarts
    # both windows
    CaseAction.NOTIFY: ActionRule(
        _LEADS,
        _one({
            S.INVESTIGATED: Move(S.NOTIFIED, (Guard.CASE_REVIEW_PASSED,)),
            S.NOTIFIED: Move(S.NOTIFIED),
        }),
        guards=(*_PENALTY, Guard.NOTICE_STATES_PENALTY, Guard.HEARING_RIGHTS_STATED),
    ),
    # 第六十一条: the decision is served → 已送达; other documents are served in any state
    CaseAction.SERVE: ActionRule(
        _HANDLING,
        {
            "decision": Branch(_moves([S.DECIDED], S.SERVED)),
            "other": Branch(_moves(_LIVE, Special.STAY)),
        },
        handlers=True,
        branch_on="document",
    ),
    # a waiver of 陈述申辩 does not waive the hearing; waiving a requested hearing withdraws it
    CaseAction.WAIVE: ActionRule(
        _HANDLING,
        {
            "statement": Branch(_moves([S.NOTIFIED, S.HEARING], Special.STAY)),
            "hearing": Branch({S.NOTIFIED: Move(Special.STAY), S.HEARING: Move(S.NOTIFIED)}),
        },
        handlers=True,
        branch_on="what",
    ),
    # 第六十三条、第六十四条: on request within 5 working days of the notice
    CaseAction.REQUEST_HEARING: ActionRule(
        frozenset(),
        _one(_moves([S.NOTIFIED], S.HEARING)),
        handlers=True,
        guards=(
            Guard.HEARING_RIGHTS_NOTIFIED,
            Guard.NOTICE_SERVED,
            Guard.HEARING_NOT_WAIVED,
            Guard.HEARING_REQUEST_IN_TIME,
        ),
    ),
    # 第六十四条: the named host, not an investigator; the party notified 7 (working) days before;
    # a party who does not come has waived it
    CaseAction.HOLD_HEARING: ActionRule(
        frozenset(),
        {
            "held": Branch(_moves([S.HEARING], S.NOTIFIED)),
            "absent": Branch(_moves([S.HEARING], S.NOTIFIED)),
        },
        designated=CaseRole.HEARING_HOST,
        case_role=CaseRole.HEARING_HOST,
        branch_on="outcome",
        guards=(Guard.HOST_NOT_INVESTIGATOR, Guard.HEARING_NOTICE_PERIOD),
    ),
    CaseAction.SUBMIT_REVIEW: ActionRule(
        _HANDLING,
        _one(_moves([S.NOTIFIED], S.LEGAL_REVIEW, *_WINDOWS)),
        handlers=True,
    ),
    # 第五十八条: 同意 / 退回补充 / 不同意; the reviewer qualified (第二款) and not 办、审 or 定
    CaseAction.LEGAL_REVIEW: ActionRule(
        frozenset({Role.LEGAL_REVIEWER}),
        {
            "passed": Branch(_moves([S.LEGAL_REVIEW], Special.STAY)),
            "returned": Branch(_moves([S.LEGAL_REVIEW], Special.OPTION_TO), (Guard.RETURN_TO_VALID,)),
            "failed": Branch(_moves([S.LEGAL_REVIEW], Special.OPTION_TO), (Guard.RETURN_TO_VALID,)),
        },
        case_role=CaseRole.LEGAL_REVIEWER,
        branch_on="outcome",
        guards=(Guard.REVIEWER_QUALIFIED, Guard.LEGAL_REVIEW_PENDING),
    ),
    # 第五十七条第二款: the leaders decide collectively; who handled or reviewed takes no part
    CaseAction.DISCUSS: ActionRule(
        _LEADER,
        _one({
            S.LEGAL_REVIEW: Move(S.DISCUSSION, (Guard.LEGAL_REVIEW_PASSED,)),
            S.NOTIFIED: Move(S.DISCUSSION, (*_WINDOWS, Guard.LEGAL_REVIEW_IF_REQUIRED)),
        }),
        case_role=CaseRole.DECIDER,
        guards=(Guard.DISCUSSION_PARTICIPANTS,),
    ),
    CaseAction.DECIDE: ActionRule(
        _LEADER,
        {
            "penalty": Branch(
                _DECISION_MOVES_BEFORE_DECIDED,
                (*_PENALTY, Guard.NOT_HEAVIER_THAN_NOTIFIED),
            ),
            # 第三十三条: 不予行政处罚 needs no 告知, so it may follow the reviewed investigation
            "no_penalty": Branch({
                S.INVESTIGATED: Move(S.DECIDED, (Guard.CASE_REVIEW_PASSED,)),
                **_DECISION_MOVES_BEFORE_DECIDED,
            }),
            "transfer": Branch(
                _moves([S.INVESTIGATED, S.NOTIFIED, S.LEGAL_REVIEW, S.DISCUSSION], S.TRANSFERRED),
                (Guard.TRANSFER_APPROVED,),
            ),
        },
        case_role=CaseRole.DECIDER,
        branch_on="kind",
        guards=(Guard.DECISION_DEADLINE_WARNING,),
    ),
    # 第五十一条、第五十二条: the officers on the spot decide and hand over the numbered form
    CaseAction.DECIDE_ON_SPOT: ActionRule(
        frozenset({Role.OFFICER, Role.TEAM_LEAD}),
        _one(_moves([S.CLUE], S.SERVED)),
        guards=(
            Guard.CONFIRMED_ITEM_LIST,
            Guard.ACTOR_ON_THE_SPOT,
            Guard.TWO_OFFICERS,
            Guard.NOT_TIME_BARRED,
            Guard.SIMPLE_PROCEDURE_LIMITS,
        ),
    ),
    CaseAction.PAY: ActionRule(
        _HANDLING,
        _one(_moves(_EXECUTION, S.EXECUTING)),
        handlers=True,
        guards=(Guard.FINE_OUTSTANDING,),
    ),
    # 第六十六条第二款: deferral or instalments on application and approval
    CaseAction.DEFER: ActionRule(
        _HANDLING,
        _one(_moves(_EXECUTION, S.EXECUTING)),
        handlers=True,
        guards=(Guard.FINE_OUTSTANDING, Guard.DEFERRAL_APPROVED),
    ),
    # 行政强制法 第五十四条: 催告 before applying to the court
    CaseAction.REMIND: ActionRule(
        _HANDLING,
        _one(_moves(_EXECUTION, S.EXECUTING)),
        handlers=True,
        guards=(Guard.OBLIGATION_OUTSTANDING, Guard.PAYMENT_PERIOD_OVER),
    ),
    # 行政强制法 第五十三条至第五十五条
    CaseAction.APPLY_COURT: ActionRule(
        _HANDLING,
        _one(_moves(_EXECUTION, S.EXECUTING)),
        handlers=True,
        guards=(
            Guard.OBLIGATION_OUTSTANDING,
            Guard.NO_PENDING_APPEAL,
            Guard.REMINDER_PERIOD_OVER,
            Guard.COURT_ENFORCEMENT_WINDOW,
            Guard.COURT_ENFORCEMENT_APPROVED,
        ),
    ),
    CaseAction.APPEAL: ActionRule(
        _HANDLING,
        {
            "pending": Branch(_moves(_EXECUTION, Special.STAY)),
            "upheld": Branch(_moves(_EXECUTION, Special.STAY), (Guard.APPEAL_PENDING,)),
            "changed": Branch(_moves(_EXECUTION, Special.STAY), (Guard.APPEAL_PENDING,)),
            "revoked": Branch(_moves(_EXECUTION, S.CLOSED), (Guard.APPEAL_PENDING,)),
            "redo": Branch(_moves(_EXECUTION, S.INVESTIGATING), (Guard.APPEAL_PENDING,)),
        },
        handlers=True,
        branch_on="outcome",
    ),
    CaseAction.CLOSE: ActionRule(
        _LEADER,
        {
            "completed": Branch({
                **_moves(_EXECUTION, S.CLOSED, Guard.EXECUTION_COMPLETE, Guard.NO_PENDING_APPEAL),
                S.WITHDRAWN: Move(S.CLOSED),
                S.TRANSFERRED: Move(S.CLOSED, (Guard.TRANSFER_RECEIPT_CONFIRMED,)),
                S.SUSPENDED: Move(S.CLOSED),  # 终结
            }),
            # 行政强制法 第四十条: 终结执行
            "terminated": Branch(_moves([S.EXECUTING], S.CLOSED)),
        },
        branch_on="outcome",
    ),
    CaseAction.WITHDRAW: ActionRule(
        _LEADER, _one(_moves([*_FILED_TO_DISCUSSION, S.SUSPENDED], S.WITHDRAWN))
    ),
    CaseAction.SUSPEND: ActionRule(
        _LEADER, _one(_moves([*_FILED_TO_DISCUSSION, *_EXECUTION], S.SUSPENDED))
    ),
    CaseAction.RESUME: ActionRule(
        _LEADER,
        _one(_moves([S.SUSPENDED], Special.BEFORE_SUSPENSION)),
        guards=(Guard.STATE_BEFORE_SUSPENSION_KNOWN,),
    ),
    # seed 002 二(五); 第二十七条 and 移送规定 第五条 for the judicial organs (approval first);
    # after the decision a transfer is recorded only and execution goes on
    CaseAction.TRANSFER: ActionRule(
        _LEADER,
        {
            "department": Branch(_moves(_CLUE_TO_INVESTIGATED, S.TRANSFERRED)),
            "judicial": Branch(
                {
                    **_moves(_CLUE_TO_DISCUSSION, S.TRANSFERRED),
                    **_moves(_AFTER_DECISION, Special.STAY),
                },
                (Guard.TRANSFER_APPROVED,),
            ),
        },
        branch_on="to",
    ),
    CaseAction.RETURN: ActionRule(
        _HANDLING,
        {
            outcome: Branch(_moves([S.TRANSFERRED], Special.AFTER_RETURN))
            for outcome in ("no_case", "not_prosecuted", "exempted", "criminal_fine")
        },
        handlers=True,
        branch_on="outcome",
        guards=(Guard.STATE_BEFORE_TRANSFER_KNOWN,),
    ),
    CaseAction.APPROVE: ActionRule(
        _LEADER,
        {
            kind.value: Branch(
                _moves(_LIVE, Special.STAY),
                (Guard.HOST_NOT_INVESTIGATOR,) if kind is ApprovalKind.HEARING_HOST else (),
            )
            for kind in ApprovalKind
        },
        branch_on="what",
    ),
    # 第五十六条: with the head's approval first; the handling decision within 7 working days
    CaseAction.PRESERVE: ActionRule(
        frozenset(),
        {
            None: Branch(
                _moves([S.FILED, S.INVESTIGATING], Special.STAY), (Guard.PRESERVATION_APPROVED,)
            ),
            "release": Branch(
                _moves(_FILED_TO_DISCUSSION, Special.STAY), (Guard.PRESERVATION_PENDING,)
            ),
            "confiscate": Branch(
                _moves(_FILED_TO_DISCUSSION, Special.STAY), (Guard.PRESERVATION_PENDING,)
            ),
            # 行政强制法 第十八条: 查封、扣押 needs the head's approval too
            "seize": Branch(
                _moves(_FILED_TO_DISCUSSION, Special.STAY),
                (Guard.PRESERVATION_PENDING, Guard.SEIZURE_APPROVED),
            ),
            "transfer": Branch(
                _moves(_FILED_TO_DISCUSSION, Special.STAY), (Guard.PRESERVATION_PENDING,)
            ),
        },
        handlers=True,
        branch_on="decision",
    ),
    # 第六十条 allows no extension itself: only where a setting names the rule that does
    CaseAction.EXTEND: ActionRule(
        _HANDLING,
        _one(_moves(_FILED_TO_DISCUSSION, Special.STAY)),
        handlers=True,
        guards=(Guard.EXTENSION_RULE_NAMED, Guard.EXTENSION_APPROVED),
    ),
    CaseAction.ARCHIVE: ActionRule(
        frozenset({Role.ARCHIVE_CLERK}), _one(_moves([S.CLOSED], S.ARCHIVED))
    ),
}

# How the option values read, for refusals and for the dialogs.
OPTION_VALUE_LABELS: dict[str, str] = {
    "passed": "通过",
    "returned": "退回补充",
    "failed": "不同意",
    "decision": "处罚决定书",
    "other": "其他文书",
    "statement": "陈述申辩",
    "hearing": "听证",
    "held": "已举行",
    "absent": "当事人未到场",
    "penalty": "行政处罚",
    "no_penalty": "不予行政处罚",
    "transfer": "移送",
    "pending": "已申请待审结",
    "upheld": "维持",
    "changed": "变更",
    "revoked": "撤销",
    "redo": "责令重新作出",
    "completed": "执行完毕",
    "terminated": "终结执行",
    "department": "移送其他部门",
    "judicial": "移送司法机关",
    "no_case": "不予立案",
    "not_prosecuted": "不起诉",
    "exempted": "免予刑事处罚",
    "criminal_fine": "判处罚金",
    "release": "解除保存",
    "confiscate": "没收",
    "seize": "查封、扣押",
    **{kind.value: label for kind, label in APPROVAL_LABELS.items()},
}

_OPTION_NAMES: dict[str, str] = {
    "outcome": "结果",
    "document": "文书",
    "what": "事项",
    "kind": "决定类型",
    "to": "去向",
    "decision": "处理决定",
}

# What the actor would do, for the 三分离 refusal ("您是本案承办人，不能作出决定").
_EXCLUSION_PHRASES: dict[CaseAction, str] = {
    CaseAction.CONCLUDE: "以承办人身份终结调查",
    CaseAction.REVIEW_CASE: "审核本案调查结果",
    CaseAction.LEGAL_REVIEW: "对本案进行法制审核",
    CaseAction.DISCUSS: "参加本案集体讨论",
    CaseAction.DECIDE: "作出决定",
}


def from_states(action: CaseAction | str) -> frozenset[CaseState]:
    """Every state from which the action can be taken (by any of its branches)."""
    rule = PROCEDURE[CaseAction(action)]
    return frozenset(state for branch in rule.branches.values() for state in branch.moves)


# ---------------------------------------------------------------------------- guards


@dataclass(frozen=True)
class _Ctx:
    action: CaseAction
    facts: CaseFacts
    actor: ActorFacts
    today: date
    options: ActionOptions | None
    settings: ProcedureSettings


_Check = Callable[[_Ctx], Verdict | None]


def _no(reason: str, article: str | None = None) -> Verdict:
    return Verdict.refuse(reason, article)


def _warn(text: str) -> Verdict:
    return Verdict.ok(text)


def _penalty(ctx: _Ctx) -> PenaltyKind | None:
    if ctx.options is None or ctx.options.penalty is None:
        return None
    try:
        return PenaltyKind(ctx.options.penalty)
    except ValueError:
        return None


def _is_fine(ctx: _Ctx) -> bool:
    return _penalty(ctx) is PenaltyKind.FINE


def _approved(facts: CaseFacts, kind: ApprovalKind) -> bool:
    return kind.value in facts.approvals_granted


def _confirmed_item_list(ctx: _Ctx) -> Verdict | None:
    # seed 000 §8; 行政处罚法 第二十四条: a township enforces only the published list
    if ctx.facts.item_sample_and_not_demo:
        return _no(
            "执法事项清单仍为示例，管理员确认本乡镇公布的事项清单前不能立案或者作出处罚"
            "（行政处罚法第二十四条）",
            "行政处罚法第二十四条",
        )
    return None


def _limitation_warning(ctx: _Ctx) -> Verdict | None:
    # procedure.md "Limitation": a warning at filing; orders and 不予行政处罚 stay possible
    if ctx.facts.limitation_expired:
        return _warn(
            "已超过追责时效：立案后不得给予行政处罚，只能责令改正或者不予行政处罚（行政处罚法第三十六条）"
        )
    return None


def _decision_deadline_warning(ctx: _Ctx) -> Verdict | None:
    due = ctx.facts.decision_due
    if due is not None and ctx.today > due:
        return _warn(f"已超过作出行政处罚决定的期限（{due.isoformat()}，行政处罚法第六十条）")
    return None


def _officers(ctx: _Ctx) -> frozenset[str]:
    given = ctx.options.officers if ctx.options is not None else ()
    return frozenset(given) if given else ctx.facts.handler_ids


def _two_officers(ctx: _Ctx) -> Verdict | None:
    # 行政处罚法 第四十二条: 执法人员不得少于两人
    if ctx.options is not None and len(_officers(ctx)) < 2:
        return _no("执法人员不得少于两人（行政处罚法第四十二条）", "行政处罚法第四十二条")
    return None


def _actor_on_the_spot(ctx: _Ctx) -> Verdict | None:
    officers = _officers(ctx)
    if officers and ctx.actor.user_id not in officers:
        return _no(
            "当场处罚须由在场的执法人员作出，您不是在场执法人员（行政处罚法第五十二条）",
            "行政处罚法第五十二条",
        )
    return None


def _case_review_passed(ctx: _Ctx) -> Verdict | None:
    if not ctx.facts.case_review_passed:
        return _no("调查终结报告尚未经案件审核通过（办、审、定三分离）")
    return None


def _notice_states_penalty(ctx: _Ctx) -> Verdict | None:
    # 第四十四条: the notice states the intended penalty (law-check.md row 7)
    if ctx.options is not None and _penalty(ctx) is None:
        return _no("告知书须写明拟作出的行政处罚（行政处罚法第四十四条）", "行政处罚法第四十四条")
    return None


def _hearing_rights_stated(ctx: _Ctx) -> Verdict | None:
    penalty = _penalty(ctx)
    if ctx.options is None or penalty is None or ctx.options.hearing_rights is not False:
        return None
    eligible = hearing_eligible(
        penalty,
        ctx.options.amount,
        ctx.facts.party_kind,
        threshold_person=ctx.settings.hearing_threshold_person,
        threshold_organisation=ctx.settings.hearing_threshold_organisation,
    )
    if eligible:
        return _no(
            "拟作出的处罚属于可以要求听证的范围，告知书须告知当事人有要求听证的权利（行政处罚法第六十三条）",
            "行政处罚法第六十三条",
        )
    return None


def _notice_served(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.notice_served_on is None:
        return _no("行政处罚事先告知书尚未送达当事人（行政处罚法第四十四条）", "行政处罚法第四十四条")
    return None


def _statement_window_over(ctx: _Ctx) -> Verdict | None:
    end = ctx.facts.statement_window_end
    if ctx.facts.statement_waived or end is None or ctx.today > end:
        return None
    return _no(
        f"陈述申辩期限尚未届满（至 {end.isoformat()}），当事人也未书面放弃"
        "（行政处罚法第四十四条、第四十五条）",
        "行政处罚法第四十四条、第四十五条",
    )


def _hearing_window_over(ctx: _Ctx) -> Verdict | None:
    f = ctx.facts
    end = f.hearing_window_end
    if not f.hearing_rights_notified or f.hearing_waived or f.hearing_requested:
        return None
    if end is None or ctx.today > end:
        return None
    # procedure.md: a waiver of 陈述申辩 does not waive the hearing
    lead = "当事人只放弃了陈述申辩，" if f.statement_waived else ""
    return _no(
        f"{lead}听证申请期限尚未届满（至 {end.isoformat()}），当事人也未书面放弃听证"
        "（行政处罚法第六十四条）",
        "行政处罚法第六十四条",
    )


def _requested_hearing_held(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.hearing_pending:
        return _no("当事人已要求听证，须先举行听证（行政处罚法第六十四条）", "行政处罚法第六十四条")
    return None


def _hearing_rights_notified(ctx: _Ctx) -> Verdict | None:
    if not ctx.facts.hearing_rights_notified:
        return _no(
            "告知的处罚不属于可以要求听证的情形（行政处罚法第六十三条）", "行政处罚法第六十三条"
        )
    return None


def _hearing_request_in_time(ctx: _Ctx) -> Verdict | None:
    end = ctx.facts.hearing_window_end
    if end is not None and ctx.today > end:
        return _no(
            f"要求听证的期限已于 {end.isoformat()} 届满（行政处罚法第六十四条）",
            "行政处罚法第六十四条",
        )
    return None


def _hearing_not_waived(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.hearing_waived:
        return _no("当事人已书面放弃听证，须重新告知后才能再要求听证")
    return None


def _hearing_notice_period(ctx: _Ctx) -> Verdict | None:
    f = ctx.facts
    if f.hearing_notice_served_on is None:
        return _no("听证通知书尚未送达当事人（行政处罚法第六十四条）", "行政处罚法第六十四条")
    if f.hearing_earliest_on is not None and ctx.today < f.hearing_earliest_on:
        return _no(
            f"听证应当在通知当事人七个工作日后举行，最早 {f.hearing_earliest_on.isoformat()}"
            "（行政处罚法第六十四条、第八十五条）",
            "行政处罚法第六十四条、第八十五条",
        )
    return None


def _host_not_investigator(ctx: _Ctx) -> Verdict | None:
    # 第六十四条: the host is not an investigator of the case
    if ctx.action is CaseAction.APPROVE:
        if ctx.options is None or ctx.options.outcome == "refused":
            return None
        candidate = ctx.options.host
        if candidate is None:
            return _no("指定听证主持人须写明主持人")
    else:
        candidate = ctx.actor.user_id
    if candidate in ctx.facts.investigator_ids | ctx.facts.handler_ids:
        return _no("听证主持人不得由本案调查人员担任（行政处罚法第六十四条）", "行政处罚法第六十四条")
    return None


def _reviewer_qualified(ctx: _Ctx) -> Verdict | None:
    # 第五十八条第二款: first-time reviewers after the law took effect hold 法律职业资格
    first = ctx.actor.first_legal_review_on or ctx.today
    if first >= ctx.settings.qualification_required_since and not ctx.actor.legal_qualification:
        return _no(
            "初次从事法制审核的人员应当取得法律职业资格（行政处罚法第五十八条第二款）",
            "行政处罚法第五十八条第二款",
        )
    return None


def _legal_review_pending(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.legal_review_passed:
        return _no("本案法制审核已经通过")
    return None


def _return_to_valid(ctx: _Ctx) -> Verdict | None:
    if ctx.options is not None and ctx.options.to not in (S.INVESTIGATING.value, S.NOTIFIED.value):
        return _no("退回补充或者审核不同意时，须指定退回“调查取证”或者“已告知”")
    return None


def _legal_review_if_required(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.legal_review_required and not ctx.facts.legal_review_passed:
        return _no("决定前须经法制审核（行政处罚法第五十八条）", "行政处罚法第五十八条")
    return None


def _legal_review_passed(ctx: _Ctx) -> Verdict | None:
    if not ctx.facts.legal_review_passed:
        return _no("法制审核尚未通过，不得作出决定（行政处罚法第五十八条）", "行政处罚法第五十八条")
    return None


def _discussion_if_required(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.discussion_required and not ctx.facts.discussion_held:
        return _no(
            "情节复杂或者重大违法行为须经负责人集体讨论决定（行政处罚法第五十七条第二款）",
            "行政处罚法第五十七条第二款",
        )
    return None


def _discussion_participants(ctx: _Ctx) -> Verdict | None:
    if ctx.options is None:
        return None
    f = ctx.facts
    excluded = f.handler_ids | f.case_reviewer_ids | f.legal_reviewer_ids
    if excluded & set(ctx.options.participants):
        return _no("承办、审核过本案的人员不参加本案集体讨论（办、审、定三分离）")
    return None


def _not_time_barred(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.limitation_expired:
        return _no("超过追责时效，不得给予行政处罚（行政处罚法第三十六条）", "行政处罚法第三十六条")
    return None


def _no_fine_while_transfer_pending(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.transfer_pending and _is_fine(ctx):
        return _no(
            "移送司法机关期间不得作出罚款决定（不得以罚代刑，行政处罚法第二十七条）",
            "行政处罚法第二十七条",
        )
    return None


def _no_fine_after_criminal_fine(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.criminal_fine_imposed and _is_fine(ctx):
        return _no(
            "人民法院已判处罚金的，不再给予罚款（行政处罚法第三十五条第二款）",
            "行政处罚法第三十五条第二款",
        )
    return None


def _not_heavier_than_notified(ctx: _Ctx) -> Verdict | None:
    penalty = _penalty(ctx)
    if ctx.options is None or penalty is None:
        return None
    f = ctx.facts
    if f.notified_penalty is None:
        return _no(
            "作出行政处罚决定前须告知拟作出的行政处罚（行政处罚法第四十四条）", "行政处罚法第四十四条"
        )
    if is_heavier(penalty, ctx.options.amount, f.notified_penalty, f.notified_amount):
        return _no(
            "决定的处罚不得重于告知的处罚；如需加重应重新告知（行政处罚法第四十五条第二款）",
            "行政处罚法第四十五条第二款",
        )
    return None


def _simple_procedure_limits(ctx: _Ctx) -> Verdict | None:
    if ctx.options is None:
        return None
    penalty = _penalty(ctx)
    if penalty is None:
        return _no("当场处罚须选择警告或者罚款（行政处罚法第五十一条）", "行政处罚法第五十一条")
    verdict = check_simple_procedure(
        ctx.facts.party_kind,
        penalty,
        ctx.options.amount,
        person_limit=ctx.settings.simple_fine_person,
        organisation_limit=ctx.settings.simple_fine_organisation,
    )
    return None if verdict.allowed else verdict


def _transfer_approved(ctx: _Ctx) -> Verdict | None:
    # 行政执法机关移送涉嫌犯罪案件的规定 第五条: the head decides on the officers' report
    if not (ctx.facts.transfer_approved or _approved(ctx.facts, ApprovalKind.TRANSFER)):
        return _no(
            "移送须先经负责人审批同意（行政执法机关移送涉嫌犯罪案件的规定第五条）",
            "行政执法机关移送涉嫌犯罪案件的规定第五条",
        )
    return None


def _transfer_receipt_confirmed(ctx: _Ctx) -> Verdict | None:
    if not ctx.facts.transfer_receipt_confirmed:
        return _no("受移送机关尚未确认接收，不能结案")
    return None


def _fine_outstanding(ctx: _Ctx) -> Verdict | None:
    if not ctx.facts.outstanding:
        return _no("本案没有待缴纳的罚款")
    return None


def _obligation_outstanding(ctx: _Ctx) -> Verdict | None:
    if not (ctx.facts.outstanding or ctx.facts.other_obligations_pending):
        return _no("当事人已履行决定确定的全部义务")
    return None


def _deferral_approved(ctx: _Ctx) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.DEFERRAL):
        return _no(
            "延期或者分期缴纳罚款须经批准（行政处罚法第六十六条第二款）", "行政处罚法第六十六条第二款"
        )
    return None


def _payment_period_over(ctx: _Ctx) -> Verdict | None:
    due = ctx.facts.payment_due
    if due is not None and ctx.today <= due:
        return _no(
            f"缴纳罚款的期限尚未届满（至 {due.isoformat()}），不能催告（行政处罚法第六十七条）",
            "行政处罚法第六十七条",
        )
    return None


def _no_pending_appeal(ctx: _Ctx) -> Verdict | None:
    if not ctx.facts.appeal_pending:
        return None
    if ctx.action is CaseAction.APPLY_COURT:
        # 行政强制法 第五十三条: only when the party neither applied for review nor sued
        return _no(
            "当事人已申请行政复议或者提起行政诉讼且尚未审结，不能申请法院强制执行（行政强制法第五十三条）",
            "行政强制法第五十三条",
        )
    return _no("行政复议或者行政诉讼尚未审结，不能结案")


def _appeal_pending(ctx: _Ctx) -> Verdict | None:
    if not ctx.facts.appeal_pending:
        return _no("本案没有尚未审结的行政复议或者行政诉讼")
    return None


def _reminder_period_over(ctx: _Ctx) -> Verdict | None:
    f = ctx.facts
    if f.reminder_served_on is None:
        return _no(
            "申请法院强制执行前须先书面催告当事人履行义务（行政强制法第五十四条）",
            "行政强制法第五十四条",
        )
    if f.reminder_period_end is not None and ctx.today <= f.reminder_period_end:
        return _no(
            f"催告书送达满十个工作日（{f.reminder_period_end.isoformat()}）后当事人仍未履行的，"
            "才能申请法院强制执行（行政强制法第五十四条、第六十九条）",
            "行政强制法第五十四条、第六十九条",
        )
    return None


def _court_enforcement_window(ctx: _Ctx) -> Verdict | None:
    f = ctx.facts
    if f.remedy_periods_end is not None and ctx.today <= f.remedy_periods_end:
        return _no(
            f"申请行政复议、提起行政诉讼的期限至 {f.remedy_periods_end.isoformat()} 届满，"
            "届满后才能申请法院强制执行（行政强制法第五十三条）",
            "行政强制法第五十三条",
        )
    if f.court_enforcement_due is not None and ctx.today > f.court_enforcement_due:
        return _no(
            f"申请法院强制执行的期限已于 {f.court_enforcement_due.isoformat()} 届满（行政强制法第五十三条）",
            "行政强制法第五十三条",
        )
    return None


def _court_enforcement_approved(ctx: _Ctx) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.COURT_ENFORCEMENT):
        return _no(
            "申请法院强制执行须经行政机关负责人批准（行政强制法第五十五条）", "行政强制法第五十五条"
        )
    return None


def _execution_complete(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.outstanding or ctx.facts.other_obligations_pending:
        return _no("决定尚未执行完毕，不能结案；确实无法执行的，按终结执行结案（行政强制法第四十条）",
                   "行政强制法第四十条")
    return None


def _state_before_suspension_known(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.state_before_suspension is None:
        return _no("没有记录中止前的办案环节，无法恢复办理")
    return None


def _state_before_transfer_known(ctx: _Ctx) -> Verdict | None:
    if ctx.facts.state_before_transfer is None:
        return _no("没有记录移送前的办案环节，无法办理退回")
    return None


def _preservation_approved(ctx: _Ctx) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.PRESERVATION):
        return _no(
            "先行登记保存证据须事先经行政机关负责人批准（行政处罚法第五十六条）", "行政处罚法第五十六条"
        )
    return None


def _seizure_approved(ctx: _Ctx) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.SEIZURE):
        return _no("查封、扣押须事先经行政机关负责人批准（行政强制法第十八条）", "行政强制法第十八条")
    return None


def _preservation_pending(ctx: _Ctx) -> Verdict | None:
    if not ctx.facts.preservation_pending:
        return _no("本案没有待处理的先行登记保存证据")
    return None


def _extension_rule_named(ctx: _Ctx) -> Verdict | None:
    if not ctx.settings.decision_extension_rule:
        return _no(
            "行政处罚法第六十条未规定延长期限，须在设置中写明允许延长的规定后才能延长",
            "行政处罚法第六十条",
        )
    return None


def _extension_approved(ctx: _Ctx) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.EXTENSION):
        return _no(f"延长期限须经负责人批准（依据：{ctx.settings.decision_extension_rule}）")
    return None


_CHECKS: dict[Guard, _Check] = {
    Guard.CONFIRMED_ITEM_LIST: _confirmed_item_list,
    Guard.LIMITATION_WARNING: _limitation_warning,
    Guard.DECISION_DEADLINE_WARNING: _decision_deadline_warning,
    Guard.TWO_OFFICERS: _two_officers,
    Guard.ACTOR_ON_THE_SPOT: _actor_on_the_spot,
    Guard.CASE_REVIEW_PASSED: _case_review_passed,
    Guard.NOTICE_STATES_PENALTY: _notice_states_penalty,
    Guard.HEARING_RIGHTS_STATED: _hearing_rights_stated,
    Guard.NOTICE_SERVED: _notice_served,
    Guard.STATEMENT_WINDOW_OVER: _statement_window_over,
    Guard.HEARING_WINDOW_OVER: _hearing_window_over,
    Guard.REQUESTED_HEARING_HELD: _requested_hearing_held,
    Guard.HEARING_RIGHTS_NOTIFIED: _hearing_rights_notified,
    Guard.HEARING_REQUEST_IN_TIME: _hearing_request_in_time,
    Guard.HEARING_NOT_WAIVED: _hearing_not_waived,
    Guard.HEARING_NOTICE_PERIOD: _hearing_notice_period,
    Guard.HOST_NOT_INVESTIGATOR: _host_not_investigator,
    Guard.REVIEWER_QUALIFIED: _reviewer_qualified,
    Guard.LEGAL_REVIEW_PENDING: _legal_review_pending,
    Guard.RETURN_TO_VALID: _return_to_valid,
    Guard.LEGAL_REVIEW_IF_REQUIRED: _legal_review_if_required,
    Guard.LEGAL_REVIEW_PASSED: _legal_review_passed,
    Guard.DISCUSSION_IF_REQUIRED: _discussion_if_required,
    Guard.DISCUSSION_PARTICIPANTS: _discussion_participants,
    Guard.NOT_TIME_BARRED: _not_time_barred,
    Guard.NO_FINE_WHILE_TRANSFER_PENDING: _no_fine_while_transfer_pending,
    Guard.NO_FINE_AFTER_CRIMINAL_FINE: _no_fine_after_criminal_fine,
    Guard.NOT_HEAVIER_THAN_NOTIFIED: _not_heavier_than_notified,
    Guard.SIMPLE_PROCEDURE_LIMITS: _simple_procedure_limits,
    Guard.TRANSFER_APPROVED: _transfer_approved,
    Guard.TRANSFER_RECEIPT_CONFIRMED: _transfer_receipt_confirmed,
    Guard.FINE_OUTSTANDING: _fine_outstanding,
    Guard.OBLIGATION_OUTSTANDING: _obligation_outstanding,
    Guard.DEFERRAL_APPROVED: _deferral_approved,
    Guard.PAYMENT_PERIOD_OVER: _payment_period_over,
    Guard.NO_PENDING_APPEAL: _no_pending_appeal,
    Guard.APPEAL_PENDING: _appeal_pending,
    Guard.REMINDER_PERIOD_OVER: _reminder_period_over,
    Guard.COURT_ENFORCEMENT_WINDOW: _court_enforcement_window,
    Guard.COURT_ENFORCEMENT_APPROVED: _court_enforcement_approved,
    Guard.EXECUTION_COMPLETE: _execution_complete,
    Guard.STATE_BEFORE_SUSPENSION_KNOWN: _state_before_suspension_known,
    Guard.STATE_BEFORE_TRANSFER_KNOWN: _state_before_transfer_known,
    Guard.PRESERVATION_APPROVED: _preservation_approved,
    Guard.SEIZURE_APPROVED: _seizure_approved,
    Guard.PRESERVATION_PENDING: _preservation_pending,
    Guard.EXTENSION_RULE_NAMED: _extension_rule_named,
    Guard.EXTENSION_APPROVED: _extension_approved,
}


# ---------------------------------------------------------------------------- the evaluator


def _run(guards: Iterable[Guard], ctx: _Ctx, warnings: list[str]) -> Verdict | None:
    """The first refusal of the guards, collecting the warnings of the others."""
    for guard in guards:
        verdict = _CHECKS[guard](ctx)
        if verdict is None:
            continue
        if not verdict.allowed:
            return verdict
        warnings.extend(verdict.warnings)
    return None


def _role_refusal(rule: ActionRule, action: CaseAction, facts: CaseFacts, actor: ActorFacts) -> Verdict | None:
    uid = actor.user_id
    if actor.roles & rule.roles:
        return None
    if rule.handlers and uid in facts.handler_ids:
        return None
    if rule.designated is CaseRole.CASE_REVIEWER and uid is not None and (
        uid == facts.designated_case_reviewer_id
    ):
        return None
    if rule.designated is CaseRole.HEARING_HOST:
        if facts.hearing_host_id is None:
            return _no(
                "尚未指定听证主持人，须先由负责人指定非本案调查人员主持（行政处罚法第六十四条）",
                "行政处罚法第六十四条",
            )
        if uid == facts.hearing_host_id:
            return None
    who: list[str] = []
    if rule.handlers:
        who.append("本案承办人")
    who.extend(ROLE_LABELS[role] for role in Role if role in rule.roles)
    if rule.designated is CaseRole.CASE_REVIEWER:
        who.append("负责人指定的案件审核人")
    if rule.designated is CaseRole.HEARING_HOST:
        who.append("负责人指定的听证主持人")
    return _no(f"只有{'或'.join(who)}可以进行“{ACTION_LABELS[action]}”")


def _separation_refusal(rule: ActionRule, action: CaseAction, facts: CaseFacts, uid: str) -> Verdict | None:
    # 办、审、定三分离 (seed 002 二(四)): one person holds at most one of 办、审、法制审核、定 in a
    # case; the simple procedure is the exception (行政处罚法 第五十一条、第五十二条).
    if rule.case_role not in _SEPARATED or facts.simple_procedure:
        return None
    others = [role for role in facts.holds(uid) if role is not rule.case_role]
    if not others:
        return None
    return _no(
        f"办、审、定须由不同人员担任：您是本案{CASE_ROLE_LABELS[others[0]]}，"
        f"不能{_EXCLUSION_PHRASES[action]}"
    )


def _resolve(target: Target, facts: CaseFacts, options: ActionOptions | None) -> CaseState | None:
    if isinstance(target, CaseState):
        return target
    if target is Special.STAY:
        return facts.state
    if target is Special.BEFORE_SUSPENSION:
        return facts.state_before_suspension
    if target is Special.AFTER_RETURN:
        if facts.state_before_transfer is None:
            return None
        left_before_filing = facts.state_before_transfer in (S.CLUE, S.ACCEPTED)
        return S.ACCEPTED if left_before_filing else S.INVESTIGATING
    if options is not None and options.to in (S.INVESTIGATING.value, S.NOTIFIED.value):
        return CaseState(options.to)
    return None


def _branches(
    rule: ActionRule, action: CaseAction, options: ActionOptions | None
) -> list[tuple[str | None, Branch]] | Verdict:
    """The branches the options select: one, or all of them when the option is not given."""
    if rule.branch_on is None:
        return list(rule.branches.items())
    value = getattr(options, rule.branch_on) if options is not None else None
    if options is not None and (value is not None or None in rule.branches):
        if value in rule.branches:
            return [(value, rule.branches[value])]
        choices = "、".join(
            f"{key}（{OPTION_VALUE_LABELS.get(key, key)}）" for key in rule.branches if key is not None
        )
        name = _OPTION_NAMES.get(rule.branch_on, rule.branch_on)
        return _no(f"“{ACTION_LABELS[action]}”的{name}不能为“{value}”，可选：{choices}")
    return list(rule.branches.items())


def evaluate(
    action: CaseAction | str,
    facts: CaseFacts,
    actor: ActorFacts,
    today: date,
    *,
    options: ActionOptions | None = None,
    settings: ProcedureSettings = DEFAULT_SETTINGS,
) -> Verdict:
    """May ``actor`` take ``action`` on the case now? With its reason and article when not.

    ``today`` is the date the action takes place (the event's Asia/Shanghai date; for the list of
    possible actions, the reference date). Without ``options`` the question is whether the action
    is possible at all — by any of its outcomes, and leaving aside the checks that need the
    options (amounts, officers, participants); with options, whether this one step is allowed.
    ``Verdict.target`` is the state the case moves to, when it is known.

    Order: who (anonymous, county supervisor), the state, the role, 办、审、定三分离, the guards.
    """
    action = CaseAction(action)
    rule = PROCEDURE[action]
    label = ACTION_LABELS[action]
    if actor.is_anonymous or actor.user_id is None:
        return _no("未登录的用户只能查阅，不能办理案件；请以本人账号登录（命令行用 --as 指定用户）")
    if Role.COUNTY_SUPERVISOR in actor.roles:
        return _no("县级监督人员只能查阅，不能办理案件")
    selected = _branches(rule, action, options)
    if isinstance(selected, Verdict):
        return selected
    applicable = [(key, branch) for key, branch in selected if facts.state in branch.moves]
    if not applicable:
        state = STATE_LABELS[facts.state]
        only = selected[0][0] if len(selected) == 1 and len(rule.branches) > 1 else None
        suffix = f"（{OPTION_VALUE_LABELS.get(only, only)}）" if only is not None else ""
        return _no(f"当前状态“{state}”不能进行“{label}”{suffix}")
    refusal = _role_refusal(rule, action, facts, actor) or _separation_refusal(
        rule, action, facts, actor.user_id
    )
    if refusal is not None:
        return refusal
    ctx = _Ctx(action, facts, actor, today, options, settings)
    warnings: list[str] = []
    refusal = _run(rule.guards, ctx, warnings)
    if refusal is not None:
        return refusal
    first_refusal: Verdict | None = None
    targets: list[CaseState | None] = []
    branch_warnings: list[str] = []
    for _key, branch in applicable:
        move = branch.moves[facts.state]
        these: list[str] = []
        refusal = _run((*move.guards, *branch.guards), ctx, these)
        if refusal is not None:
            first_refusal = first_refusal or refusal
            continue
        targets.append(_resolve(move.target, facts, options))
        branch_warnings.extend(w for w in these if w not in branch_warnings)
    if not targets:
        assert first_refusal is not None
        return first_refusal
    target = targets[0] if len(set(targets)) == 1 else None
    return Verdict.ok(*warnings, *branch_warnings, target=target)


def allowed_actions(
    facts: CaseFacts,
    actor: ActorFacts,
    today: date,
    *,
    settings: ProcedureSettings = DEFAULT_SETTINGS,
) -> list[tuple[CaseAction, Verdict]]:
    """Every action, in CLI.md's order, with whether the actor may take it now and why not.

    The answer of ``case actions`` and of the GUI's buttons (UX.md: refused actions shown disabled
    with the rule, never missing).
    """
    return [(action, evaluate(action, facts, actor, today, settings=settings)) for action in CaseAction]


def legal_review_requirement(
    *,
    item_major: bool,
    hearing_held: bool = False,
    complex_case: bool = False,
    fine: Number | None = None,
    fine_threshold: Number | None = None,
    required_by_rule: str | None = None,
) -> tuple[bool, str | None]:
    """Whether 法制审核 is required before the decision (行政处罚法 第五十八条第一款), and why.

    The four cases of the article, as the software knows them: the item is on the county's list of
    major enforcement decisions (重大执法决定, the township's list; law-check.md row 5: a policy
    list, not the article itself); a hearing was held (第二项: 经过听证程序); the case is complex
    with several legal relations (第三项); another rule requires it (第四项: ``required_by_rule``,
    e.g. the fine threshold setting threshold.legal_review_fine).
    """
    if item_major:
        return True, "属于重大执法决定法制审核目录中的事项"
    if hearing_held:
        return True, "经过听证程序"
    if complex_case:
        return True, "案件情况疑难复杂、涉及多个法律关系"
    if fine is not None and fine_threshold is not None and to_decimal(fine) >= to_decimal(fine_threshold):
        return True, f"罚款数额达到须法制审核的标准（{format_amount(fine_threshold)} 元）"
    if required_by_rule:
        return True, required_by_rule
    return False, None
