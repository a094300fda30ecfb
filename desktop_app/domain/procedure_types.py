"""The vocabulary of the procedure's state machine: action codes, roles in a case, approvals, the
facts of a case and of the actor, the options of one step, the settings the rules read, and the
names of the guards.

Split from :mod:`desktop_app.domain.procedure` (the table and its evaluator) so that the guards
(:mod:`desktop_app.domain.procedure_guards`) and the table can both build on it without importing
each other. Everything here stays importable from :mod:`desktop_app.domain.procedure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain.case_states import CaseState
from desktop_app.domain.discretion import (
    SIMPLE_FINE_ORGANISATION,
    SIMPLE_FINE_PERSON,
    Number,
    PartyKind,
    PenaltyKind,
    to_decimal,
)
from desktop_app.domain.roles import Role

__all__ = [
    "ACTION_LABELS",
    "APPROVAL_LABELS",
    "CASE_ROLE_LABELS",
    "DEFAULT_SETTINGS",
    "SEPARATED_ROLES",
    "ActionOptions",
    "ActorFacts",
    "ApprovalKind",
    "CaseAction",
    "CaseFacts",
    "CaseRole",
    "Guard",
    "ProcedureSettings",
    "action_label",
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
    # added by the software (CLI.md lets a developer add actions): 行政处罚法 第四十八条
    PUBLISH = "publish"


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
    CaseAction.PUBLISH: "公示",
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
SEPARATED_ROLES: tuple[CaseRole, ...] = (
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
    # the 审 of 办、审、定三分离 by a non-handler the leader designates (procedure.md, review_case)
    CASE_REVIEWER = "case_reviewer"


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
    ApprovalKind.CASE_REVIEWER: "指定案件审核人",
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
    # 第四十条、第五十五条: the investigation left something on file — an evidence item (not
    # removed) or a 笔录 (现场检查（勘验）笔录 / 询问（调查）笔录). False until the services say so, so
    # that a forgotten fact refuses rather than lets a case without evidence be concluded.
    investigation_recorded: bool = False
    # 第四十二条 on the day asked about: how many of the case's handlers hold a certificate in force,
    # and why the others do not (None: not gathered, e.g. in a list)
    certified_handlers: int | None = None
    handler_certificate_problems: tuple[str, ...] = ()
    # 审 and 法制审核 (第五十八条), 集体讨论 (第五十七条第二款)
    case_review_passed: bool = False
    case_review_passed_on: date | None = None  # the day of the 案件审核 that passed, when known
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
        return [role for role in SEPARATED_ROLES if user_id in sets[role]]


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
    reviewer: str | None = None  # approve --what case_reviewer: the user id designated
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


class Guard(StrEnum):
    """A rule checked before an action; each has its check in procedure_guards.CHECKS."""

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
    LEGAL_REVIEW_REQUIRED = "legal_review_required"
    CERTIFIED_HANDLERS = "certified_handlers"
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
    REVIEWER_NOT_HANDLER = "reviewer_not_handler"
    PENALTY_DECIDED = "penalty_decided"
    INVESTIGATION_RECORDED = "investigation_recorded"
    CASE_REVIEW_PENDING = "case_review_pending"

