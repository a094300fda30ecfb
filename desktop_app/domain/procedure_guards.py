"""The guards of the procedure's state machine: one check per :class:`Guard`, each answering
``None`` (nothing to say), a warning, or a refusal with its reason and article.

The table in :mod:`desktop_app.domain.procedure` names the guards an action (or one of its
branches or moves) needs; :data:`CHECKS` maps each name to its check. Like the table, the checks
read only the facts, the actor, the options and the date they are given — no clock, no database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.case_states import CaseState
from desktop_app.domain.discretion import (
    PenaltyKind,
    Verdict,
    check_simple_procedure,
    hearing_eligible,
    is_heavier,
)
from desktop_app.domain.procedure_types import (
    CASE_ROLE_LABELS,
    ActionOptions,
    ActorFacts,
    ApprovalKind,
    CaseAction,
    CaseFacts,
    CaseRole,
    Guard,
    ProcedureSettings,
)

__all__ = ["CHECKS", "GuardCheck", "GuardContext"]

S = CaseState


@dataclass(frozen=True)
class GuardContext:
    action: CaseAction
    facts: CaseFacts
    actor: ActorFacts
    today: date
    options: ActionOptions | None
    settings: ProcedureSettings


GuardCheck = Callable[[GuardContext], Verdict | None]


def _no(reason: str, article: str | None = None) -> Verdict:
    return Verdict.refuse(reason, article)


def _warn(text: str) -> Verdict:
    return Verdict.ok(text)


def _penalty(ctx: GuardContext) -> PenaltyKind | None:
    if ctx.options is None or ctx.options.penalty is None:
        return None
    try:
        return PenaltyKind(ctx.options.penalty)
    except ValueError:
        return None


def _is_fine(ctx: GuardContext) -> bool:
    return _penalty(ctx) is PenaltyKind.FINE


def _approved(facts: CaseFacts, kind: ApprovalKind) -> bool:
    return kind.value in facts.approvals_granted


def _confirmed_item_list(ctx: GuardContext) -> Verdict | None:
    # seed 000 §8; 行政处罚法 第二十四条: a township enforces only the published list
    if ctx.facts.item_sample_and_not_demo:
        return _no(
            "执法事项清单仍为示例，管理员确认本乡镇公布的事项清单前不能立案或者作出处罚"
            "（行政处罚法第二十四条）",
            "行政处罚法第二十四条",
        )
    return None


def _limitation_warning(ctx: GuardContext) -> Verdict | None:
    # procedure.md "Limitation": a warning at filing; orders and 不予行政处罚 stay possible
    if ctx.facts.limitation_expired:
        return _warn(
            "已超过追责时效：立案后不得给予行政处罚，只能责令改正或者不予行政处罚（行政处罚法第三十六条）"
        )
    return None


def _decision_deadline_warning(ctx: GuardContext) -> Verdict | None:
    due = ctx.facts.decision_due
    if due is not None and ctx.today > due:
        return _warn(f"已超过作出行政处罚决定的期限（{due.isoformat()}，行政处罚法第六十条）")
    return None


def _officers(ctx: GuardContext) -> frozenset[str]:
    given = ctx.options.officers if ctx.options is not None else ()
    return frozenset(given) if given else ctx.facts.handler_ids


def _two_officers(ctx: GuardContext) -> Verdict | None:
    # 行政处罚法 第四十二条: 执法人员不得少于两人
    if ctx.options is not None and len(_officers(ctx)) < 2:
        return _no("执法人员不得少于两人（行政处罚法第四十二条）", "行政处罚法第四十二条")
    return None


def _certified_handlers(ctx: GuardContext) -> Verdict | None:
    # 第四十二条: the decision names two or more officers holding a certificate in force that day
    f = ctx.facts
    if f.certified_handlers is None or f.certified_handlers >= 2:
        return None
    problems = "；".join(f.handler_certificate_problems)
    return _no(f"本案持有效执法证的承办人员不足两名{('（' + problems + '）') if problems else ''}，不能作出决定；"
               "请由执法队长经“调查取证”（补充调查）指派两名以上持证人员（行政处罚法第四十二条）",
               "行政处罚法第四十二条")


def _actor_on_the_spot(ctx: GuardContext) -> Verdict | None:
    officers = _officers(ctx)
    if officers and ctx.actor.user_id not in officers:
        return _no(
            "当场处罚须由在场的执法人员作出，您不是在场执法人员（行政处罚法第五十二条）",
            "行政处罚法第五十二条",
        )
    return None


def _case_review_passed(ctx: GuardContext) -> Verdict | None:
    if not ctx.facts.case_review_passed:
        return _no("调查终结报告尚未经案件审核通过（办、审、定三分离）")
    return None


def _notice_states_penalty(ctx: GuardContext) -> Verdict | None:
    # 第四十四条: the notice states the intended penalty (law-check.md row 7)
    if ctx.options is not None and _penalty(ctx) is None:
        return _no("告知书须写明拟作出的行政处罚（行政处罚法第四十四条）", "行政处罚法第四十四条")
    return None


def _hearing_rights_stated(ctx: GuardContext) -> Verdict | None:
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


def _notice_served(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.notice_served_on is None:
        return _no("行政处罚事先告知书尚未送达当事人（行政处罚法第四十四条）", "行政处罚法第四十四条")
    return None


def _statement_window_over(ctx: GuardContext) -> Verdict | None:
    end = ctx.facts.statement_window_end
    if ctx.facts.statement_waived or end is None or ctx.today > end:
        return None
    return _no(
        f"陈述申辩期限尚未届满（至 {end.isoformat()}），当事人也未书面放弃"
        "（行政处罚法第四十四条、第四十五条）",
        "行政处罚法第四十四条、第四十五条",
    )


def _hearing_window_over(ctx: GuardContext) -> Verdict | None:
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


def _requested_hearing_held(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.hearing_pending:
        return _no("当事人已要求听证，须先举行听证（行政处罚法第六十四条）", "行政处罚法第六十四条")
    return None


def _hearing_rights_notified(ctx: GuardContext) -> Verdict | None:
    if not ctx.facts.hearing_rights_notified:
        return _no(
            "告知的处罚不属于可以要求听证的情形（行政处罚法第六十三条）", "行政处罚法第六十三条"
        )
    return None


def _hearing_request_in_time(ctx: GuardContext) -> Verdict | None:
    end = ctx.facts.hearing_window_end
    if end is not None and ctx.today > end:
        return _no(
            f"要求听证的期限已于 {end.isoformat()} 届满（行政处罚法第六十四条）",
            "行政处罚法第六十四条",
        )
    return None


def _hearing_not_waived(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.hearing_waived:
        return _no("当事人已书面放弃听证，须重新告知后才能再要求听证")
    return None


def _hearing_notice_period(ctx: GuardContext) -> Verdict | None:
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


def _host_not_investigator(ctx: GuardContext) -> Verdict | None:
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


def _reviewer_qualified(ctx: GuardContext) -> Verdict | None:
    # 第五十八条第二款: first-time reviewers after the law took effect hold 法律职业资格
    first = ctx.actor.first_legal_review_on or ctx.today
    if first >= ctx.settings.qualification_required_since and not ctx.actor.legal_qualification:
        return _no(
            "初次从事法制审核的人员应当取得法律职业资格（行政处罚法第五十八条第二款）",
            "行政处罚法第五十八条第二款",
        )
    return None


def _legal_review_pending(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.legal_review_passed:
        return _no("本案法制审核已经通过")
    return None


def _return_to_valid(ctx: GuardContext) -> Verdict | None:
    if ctx.options is not None and ctx.options.to not in (S.INVESTIGATING.value, S.NOTIFIED.value):
        return _no("退回补充或者审核不同意时，须指定退回“调查取证”或者“已告知”")
    if ctx.options is not None and ctx.options.to == S.NOTIFIED.value and ctx.facts.notice_served_on is None:
        # a 不予行政处罚 reviewed straight after the 案件审核 has no 告知 to return to
        return _no("本案未送达行政处罚事先告知书，只能退回“调查取证”")
    return None


def _legal_review_if_required(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.legal_review_required and not ctx.facts.legal_review_passed:
        return _no("决定前须经法制审核（行政处罚法第五十八条）", "行政处罚法第五十八条")
    return None


def _legal_review_required(ctx: GuardContext) -> Verdict | None:
    # before any 告知 the review serves only a 不予行政处罚 that needs it: a case heading for a penalty
    # is notified first (第四十四条), and a review without a notice could lead to no penalty decision
    if not ctx.facts.legal_review_required:
        return _no("本案无须法制审核；拟给予行政处罚的，请先告知当事人（行政处罚法第四十四条）",
                   "行政处罚法第四十四条")
    return None


def _legal_review_passed(ctx: GuardContext) -> Verdict | None:
    if not ctx.facts.legal_review_passed:
        return _no("法制审核尚未通过，不得作出决定（行政处罚法第五十八条）", "行政处罚法第五十八条")
    return None


def _discussion_if_required(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.discussion_required and not ctx.facts.discussion_held:
        return _no(
            "情节复杂或者重大违法行为须经负责人集体讨论决定（行政处罚法第五十七条第二款）",
            "行政处罚法第五十七条第二款",
        )
    return None


def _discussion_participants(ctx: GuardContext) -> Verdict | None:
    if ctx.options is None:
        return None
    f = ctx.facts
    excluded = f.handler_ids | f.case_reviewer_ids | f.legal_reviewer_ids
    if excluded & set(ctx.options.participants):
        return _no("承办、审核过本案的人员不参加本案集体讨论（办、审、定三分离）")
    return None


def _not_time_barred(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.limitation_expired:
        return _no("超过追责时效，不得给予行政处罚（行政处罚法第三十六条）", "行政处罚法第三十六条")
    return None


def _no_fine_while_transfer_pending(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.transfer_pending and _is_fine(ctx):
        return _no(
            "移送司法机关期间不得作出罚款决定（不得以罚代刑，行政处罚法第二十七条）",
            "行政处罚法第二十七条",
        )
    return None


def _no_fine_after_criminal_fine(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.criminal_fine_imposed and _is_fine(ctx):
        return _no(
            "人民法院已判处罚金的，不再给予罚款（行政处罚法第三十五条第二款）",
            "行政处罚法第三十五条第二款",
        )
    return None


def _not_heavier_than_notified(ctx: GuardContext) -> Verdict | None:
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


def _simple_procedure_limits(ctx: GuardContext) -> Verdict | None:
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


def _transfer_approved(ctx: GuardContext) -> Verdict | None:
    # 行政执法机关移送涉嫌犯罪案件的规定 第五条: the head decides on the officers' report
    if not (ctx.facts.transfer_approved or _approved(ctx.facts, ApprovalKind.TRANSFER)):
        return _no(
            "移送须先经负责人审批同意（行政执法机关移送涉嫌犯罪案件的规定第五条）",
            "行政执法机关移送涉嫌犯罪案件的规定第五条",
        )
    return None


def _transfer_receipt_confirmed(ctx: GuardContext) -> Verdict | None:
    if not ctx.facts.transfer_receipt_confirmed:
        return _no("受移送机关尚未确认接收，不能结案")
    return None


def _fine_outstanding(ctx: GuardContext) -> Verdict | None:
    if not ctx.facts.outstanding:
        return _no("本案没有待缴纳的罚款")
    return None


def _obligation_outstanding(ctx: GuardContext) -> Verdict | None:
    if not (ctx.facts.outstanding or ctx.facts.other_obligations_pending):
        return _no("当事人已履行决定确定的全部义务")
    return None


def _deferral_approved(ctx: GuardContext) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.DEFERRAL):
        return _no(
            "延期或者分期缴纳罚款须经批准（行政处罚法第六十六条第二款）", "行政处罚法第六十六条第二款"
        )
    return None


def _payment_period_over(ctx: GuardContext) -> Verdict | None:
    due = ctx.facts.payment_due
    if due is not None and ctx.today <= due:
        return _no(
            f"缴纳罚款的期限尚未届满（至 {due.isoformat()}），不能催告（行政处罚法第六十七条）",
            "行政处罚法第六十七条",
        )
    return None


def _no_pending_appeal(ctx: GuardContext) -> Verdict | None:
    if not ctx.facts.appeal_pending:
        return None
    if ctx.action is CaseAction.APPLY_COURT:
        # 行政强制法 第五十三条: only when the party neither applied for review nor sued
        return _no(
            "当事人已申请行政复议或者提起行政诉讼且尚未审结，不能申请法院强制执行（行政强制法第五十三条）",
            "行政强制法第五十三条",
        )
    return _no("行政复议或者行政诉讼尚未审结，不能结案")


def _appeal_pending(ctx: GuardContext) -> Verdict | None:
    if not ctx.facts.appeal_pending:
        return _no("本案没有尚未审结的行政复议或者行政诉讼")
    return None


def _reminder_period_over(ctx: GuardContext) -> Verdict | None:
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


def _court_enforcement_window(ctx: GuardContext) -> Verdict | None:
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


def _court_enforcement_approved(ctx: GuardContext) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.COURT_ENFORCEMENT):
        return _no(
            "申请法院强制执行须经行政机关负责人批准（行政强制法第五十五条）", "行政强制法第五十五条"
        )
    return None


def _execution_complete(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.outstanding or ctx.facts.other_obligations_pending:
        return _no("决定尚未执行完毕，不能结案；确实无法执行的，按终结执行结案（行政强制法第四十条）",
                   "行政强制法第四十条")
    return None


def _state_before_suspension_known(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.state_before_suspension is None:
        return _no("没有记录中止前的办案环节，无法恢复办理")
    return None


def _state_before_transfer_known(ctx: GuardContext) -> Verdict | None:
    if ctx.facts.state_before_transfer is None:
        return _no("没有记录移送前的办案环节，无法办理退回")
    return None


def _preservation_approved(ctx: GuardContext) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.PRESERVATION):
        return _no(
            "先行登记保存证据须事先经行政机关负责人批准（行政处罚法第五十六条）", "行政处罚法第五十六条"
        )
    return None


def _seizure_approved(ctx: GuardContext) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.SEIZURE):
        return _no("查封、扣押须事先经行政机关负责人批准（行政强制法第十八条）", "行政强制法第十八条")
    return None


def _preservation_pending(ctx: GuardContext) -> Verdict | None:
    if not ctx.facts.preservation_pending:
        return _no("本案没有待处理的先行登记保存证据")
    return None


def _extension_rule_named(ctx: GuardContext) -> Verdict | None:
    if not ctx.settings.decision_extension_rule:
        return _no(
            "行政处罚法第六十条未规定延长期限，须在设置中写明允许延长的规定后才能延长",
            "行政处罚法第六十条",
        )
    return None


def _extension_approved(ctx: GuardContext) -> Verdict | None:
    if not _approved(ctx.facts, ApprovalKind.EXTENSION):
        return _no(f"延长期限须经负责人批准（依据：{ctx.settings.decision_extension_rule}）")
    return None


def _reviewer_not_handler(ctx: GuardContext) -> Verdict | None:
    # 办、审、定三分离: the case reviewer the leader designates holds no other separated role
    if ctx.options is None or ctx.options.outcome == "refused":
        return None
    candidate = ctx.options.reviewer
    if candidate is None:
        return _no("指定案件审核人须写明审核人")
    held = [role for role in ctx.facts.holds(candidate) if role is not CaseRole.CASE_REVIEWER]
    if held:
        return _no(
            f"办、审、定须由不同人员担任：被指定的人员是本案{CASE_ROLE_LABELS[held[0]]}，"
            "不能担任案件审核人"
        )
    return None


def _penalty_decided(ctx: GuardContext) -> Verdict | None:
    # 行政处罚法 第四十八条 is about 行政处罚决定: 不予处罚 and transfers are not published here
    if ctx.facts.decision_kind != "penalty":
        return _no("只有作出的行政处罚决定才须公示（行政处罚法第四十八条）", "行政处罚法第四十八条")
    return None


# What an investigation must leave on file before it is concluded or a penalty follows it.
_NOTHING_RECORDED = "本案尚未登记证据，也没有现场检查（勘验）笔录或询问（调查）笔录"
_RECORD_ARTICLES = "行政处罚法第四十条、第五十五条"


def _investigation_recorded(ctx: GuardContext) -> Verdict | None:
    # 行政处罚法 第四十条: 违法事实不清、证据不足的，不得给予行政处罚; 第五十五条: inspections and
    # interviews produce a 笔录. The simple procedure (第五十一条、第五十二条) is decided on the spot
    # and keeps no investigation file, and 不予行政处罚 or 移送 impose nothing: neither is held to it.
    if ctx.facts.investigation_recorded or ctx.facts.simple_procedure:
        return None
    if ctx.action is CaseAction.CONCLUDE:
        what = "调查终结"
        then = "请先在“证据”或“调查笔录”中登记"
    else:
        what = "作出行政处罚决定"
        then = "请先补充调查，在“证据”或“调查笔录”中登记"
    return _no(
        f"{what}须有证据材料或笔录：{_NOTHING_RECORDED}；{then}（{_RECORD_ARTICLES}）", _RECORD_ARTICLES
    )


def _case_review_pending(ctx: GuardContext) -> Verdict | None:
    # one 审 per investigation: a passed review stands until a 补充调查 (investigate, or a return to
    # 调查取证) clears it; a returned review is followed by a new one after the next 调查终结
    if not ctx.facts.case_review_passed:
        return None
    on = ctx.facts.case_review_passed_on
    when = f"已于 {on.isoformat()} 通过" if on is not None else "已经通过"
    return _no(
        f"本案案件审核{when}，无需再次审核；需要补充调查的，先进行“调查取证”（补充调查），"
        "调查终结后再行审核"
    )


CHECKS: dict[Guard, GuardCheck] = {
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
    Guard.LEGAL_REVIEW_REQUIRED: _legal_review_required,
    Guard.CERTIFIED_HANDLERS: _certified_handlers,
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
    Guard.REVIEWER_NOT_HANDLER: _reviewer_not_handler,
    Guard.PENALTY_DECIDED: _penalty_decided,
    Guard.INVESTIGATION_RECORDED: _investigation_recorded,
    Guard.CASE_REVIEW_PENDING: _case_review_pending,
}

