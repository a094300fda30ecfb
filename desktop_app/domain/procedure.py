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

The vocabulary (actions, facts, options, guard names) lives in :mod:`.procedure_types` and the
checks of the guards in :mod:`.procedure_guards`; every public name stays importable from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain.case_states import STATE_LABELS, CaseState
from desktop_app.domain.discretion import Number, Verdict, format_amount, to_decimal
from desktop_app.domain.procedure_guards import CHECKS, GuardContext
from desktop_app.domain.procedure_types import (
    ACTION_LABELS,
    APPROVAL_LABELS,
    CASE_ROLE_LABELS,
    DEFAULT_SETTINGS,
    SEPARATED_ROLES,
    ActionOptions,
    ActorFacts,
    ApprovalKind,
    CaseAction,
    CaseFacts,
    CaseRole,
    Guard,
    ProcedureSettings,
    action_label,
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



def _no(reason: str, article: str | None = None) -> Verdict:
    return Verdict.refuse(reason, article)


# ---------------------------------------------------------------------------- the table


class Special(StrEnum):
    """Targets that depend on the case, not only on the action."""

    STAY = "stay"
    OPTION_TO = "option_to"  # legal_review returned/failed: --to investigating|notified
    BEFORE_SUSPENSION = "before_suspension"  # resume
    AFTER_RETURN = "after_return"  # return: 已受理 if it left before 立案, else 调查取证


Target = CaseState | Special



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


# 第六十四条: the hearing host is no investigator; 三分离: the designated case reviewer is no
# handler, legal reviewer or decider of the case
_APPROVAL_GUARDS: dict[ApprovalKind, tuple[Guard, ...]] = {
    ApprovalKind.HEARING_HOST: (Guard.HOST_NOT_INVESTIGATOR,),
    ApprovalKind.CASE_REVIEWER: (Guard.REVIEWER_NOT_HANDLER,),
}

# 第三十三条: 不予行政处罚 needs no 告知, so its decision waits for windows only where a notice was served
_NO_PENALTY_WINDOWS = (Guard.STATEMENT_WINDOW_OVER, Guard.HEARING_WINDOW_OVER, Guard.REQUESTED_HEARING_HELD)
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
    # 第四十条、第五十五条: not without evidence or a 笔录 on file
    CaseAction.CONCLUDE: ActionRule(
        _HANDLING,
        _one(_moves([S.INVESTIGATING], S.INVESTIGATED)),
        handlers=True,
        case_role=CaseRole.HANDLER,
        guards=(Guard.INVESTIGATION_RECORDED,),
    ),
    # the 审 of 办、审、定三分离: by a team lead or a designated person who is not a handler; once
    # passed it is not repeated (a 补充调查 clears it and brings a new one)
    CaseAction.REVIEW_CASE: ActionRule(
        frozenset({Role.TEAM_LEAD}),
        {
            "passed": Branch(_moves([S.INVESTIGATED], Special.STAY)),
            "returned": Branch(_moves([S.INVESTIGATED], S.INVESTIGATING)),
        },
        designated=CaseRole.CASE_REVIEWER,
        case_role=CaseRole.CASE_REVIEWER,
        branch_on="outcome",
        guards=(Guard.CASE_REVIEW_PENDING,),
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
        _one({
            S.NOTIFIED: Move(S.LEGAL_REVIEW, _WINDOWS),
            # 第五十八条 reviews the decision, not the notice: a 不予行政处罚 of a major item is reviewed
            # straight after the 案件审核
            S.INVESTIGATED: Move(S.LEGAL_REVIEW, (Guard.CASE_REVIEW_PASSED, Guard.LEGAL_REVIEW_REQUIRED)),
        }),
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
            # 第四十条: no penalty without evidence or a 笔录 on file
            "penalty": Branch(
                _DECISION_MOVES_BEFORE_DECIDED,
                (*_PENALTY, Guard.NOT_HEAVIER_THAN_NOTIFIED, Guard.INVESTIGATION_RECORDED,
                 Guard.CERTIFIED_HANDLERS),
            ),
            # 第三十三条: 不予行政处罚 needs no 告知, so it may follow the reviewed investigation
            # and 第五十八条 all the same: a major item's 不予行政处罚 is a 重大执法决定 too
            "no_penalty": Branch({
                S.INVESTIGATED: Move(S.DECIDED, (Guard.CASE_REVIEW_PASSED, Guard.LEGAL_REVIEW_IF_REQUIRED)),
                S.NOTIFIED: Move(S.DECIDED, _FROM_NOTIFIED),
                S.LEGAL_REVIEW: Move(S.DECIDED, (*_NO_PENALTY_WINDOWS, Guard.LEGAL_REVIEW_PASSED,
                                                 Guard.DISCUSSION_IF_REQUIRED)),
                S.DISCUSSION: Move(S.DECIDED, (*_NO_PENALTY_WINDOWS, Guard.LEGAL_REVIEW_IF_REQUIRED)),
            }, (Guard.CERTIFIED_HANDLERS,)),
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
            kind.value: Branch(_moves(_LIVE, Special.STAY), _APPROVAL_GUARDS.get(kind, ()))
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
    # 第四十八条: a penalty decision with social impact is published; the record of it (date,
    # channel, address) may follow the decision at any later step, even after closing
    CaseAction.PUBLISH: ActionRule(
        _HANDLING,
        _one(_moves([S.DECIDED, S.SERVED, S.EXECUTING, S.CLOSED], Special.STAY)),
        handlers=True,
        guards=(Guard.PENALTY_DECIDED,),
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



# ---------------------------------------------------------------------------- the evaluator


def _run(guards: Iterable[Guard], ctx: GuardContext, warnings: list[str]) -> Verdict | None:
    """The first refusal of the guards, collecting the warnings of the others."""
    for guard in guards:
        verdict = CHECKS[guard](ctx)
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
    if rule.case_role not in SEPARATED_ROLES or facts.simple_procedure:
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
    ctx = GuardContext(action, facts, actor, today, options, settings)
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
