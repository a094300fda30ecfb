"""From stored rows to the domain's CaseFacts and ActorFacts, and the case's deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.domain import deadlines as dl
from desktop_app.domain import instalments
from desktop_app.domain.case_states import CaseState
from desktop_app.domain.discretion import PartyKind, PenaltyKind
from desktop_app.domain.procedure import (
    ActorFacts,
    CaseFacts,
    CaseRole,
    ProcedureSettings,
    legal_review_requirement,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.workdays import HolidayCalendar
from desktop_app.services.actor import Actor
from desktop_app.services.calendar import holiday_calendar
from desktop_app.services.errors import NotFound
from desktop_app.services.officers import certificate_gaps
from desktop_app.store.models import (
    Approval,
    Case,
    CaseDeadline,
    CaseEvent,
    EnforcementItem,
    EvidenceItem,
    ItemListVersion,
    ProcessRecord,
    Setting,
    User,
)


@dataclass(frozen=True)
class CaseSettings:
    """The settings the workflow reads, gathered once per unit of work."""

    procedure: ProcedureSettings
    statement_days: int
    legal_review_days: int
    filing_days: int
    publicity_days: int
    legal_review_fine_threshold: int | None


def load_settings(session: Session) -> CaseSettings:
    from desktop_app.domain.settings_schema import SETTINGS_BY_KEY

    stored = {row.key: row.value for row in session.scalars(select(Setting))}

    def get(key: str) -> object:
        return stored.get(key, SETTINGS_BY_KEY[key].default)

    since = get("legal_review.qualification_required_since")
    proc = ProcedureSettings(
        simple_fine_person=int(get("threshold.simple_fine_person")),  # type: ignore[call-overload]
        simple_fine_organisation=int(get("threshold.simple_fine_organisation")),  # type: ignore[call-overload]
        hearing_threshold_person=get("threshold.hearing_fine_person"),  # type: ignore[arg-type]
        hearing_threshold_organisation=get("threshold.hearing_fine_organisation"),  # type: ignore[arg-type]
        qualification_required_since=date.fromisoformat(str(since)),
        decision_extension_rule=get("deadline.decision_extension_rule"),  # type: ignore[arg-type]
    )
    return CaseSettings(
        procedure=proc,
        statement_days=int(get("deadline.statement_working_days")),  # type: ignore[call-overload]
        legal_review_days=int(get("deadline.legal_review_working_days")),  # type: ignore[call-overload]
        filing_days=int(get("deadline.filing_working_days")),  # type: ignore[call-overload]
        publicity_days=int(get("deadline.publicity_working_days")),  # type: ignore[call-overload]
        legal_review_fine_threshold=get("threshold.legal_review_fine"),  # type: ignore[arg-type]
    )


def find_case(session: Session, ref: str) -> Case:
    """A case by id or by its number (案号)."""
    ref = ref.strip()
    case = session.get(Case, ref)
    if case is None:
        case = session.scalar(select(Case).where(Case.number == ref))
    if case is None:
        raise NotFound(f"案件“{ref}”不存在（可用案件编号 id 或案号）")
    return case


def yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen) / 100


def fen(amount: Decimal | float | int | str) -> int:
    return int((Decimal(str(amount)) * 100).to_integral_value())


def _ids(case: Case, role: str) -> frozenset[str]:
    return frozenset(a.user_id for a in case.assignments if a.role_in_case == role)


def limitation_expired(case: Case, item: EnforcementItem) -> bool:
    """行政处罚法 第三十六条: not discovered within 2 years (5 where the item says so) of the act, or
    of its end when it continues (连续或者继续状态的，从行为终了之日起计算)."""
    if case.continuing:
        if case.act_ended_on is None:
            return False
        start = case.act_ended_on
    elif case.act_date is None:
        return False
    else:
        start = case.act_date
    years = item.limitation_years or 2
    try:
        limit = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + years, day=28)
    return case.discovered_on > limit


@dataclass(frozen=True)
class ComputedDeadlines:
    by_kind: dict[str, tuple[dl.Deadline, date | None]]

    def due(self, kind: dl.DeadlineKind) -> date | None:
        found = self.by_kind.get(kind.value)
        return found[0].due if found else None


def compute_deadlines(case: Case, settings: CaseSettings, cal: HolidayCalendar,
                      paid_in_full_on: date | None = None,
                      published_on: date | None = None) -> ComputedDeadlines:
    """Every deadline the case's events have started, with the day it was met (or None).

    ``paid_in_full_on``: the day of the last payment; ``published_on``: the day of the latest
    publication (公示) — both read from the case's events (last_payment_on, last_published_on)."""
    out: dict[str, tuple[dl.Deadline, date | None]] = {}
    K = dl.DeadlineKind

    def put(kind: dl.DeadlineKind, start: date | None, met: date | None, length: int | None = None) -> None:
        if start is not None:
            out[kind.value] = (dl.compute(kind, start, cal, length), met)

    filing_met = case.filed_on
    if filing_met is None and case.state in (CaseState.REJECTED, CaseState.NOT_FILED, CaseState.TRANSFERRED,
                                             CaseState.CLOSED, CaseState.ARCHIVED):
        # the clue was answered (rejected, not filed, or transferred before 立案): nothing left to file
        filing_met = case.closed_on or case.discovered_on
    if case.procedure == "ordinary":
        # 立案 decided within 15 working days of discovering the clue (practice; a setting)
        put(K.FILING, case.discovered_on, filing_met, settings.filing_days)
    decision_met = case.decided_on
    if decision_met is None and case.state in (CaseState.WITHDRAWN, CaseState.TRANSFERRED):
        decision_met = case.closed_on or case.filed_on
    if case.procedure == "ordinary" and case.filed_on is not None:
        deadline = dl.compute(K.DECISION, case.filed_on, cal)
        if case.extended_until is not None and case.extended_until > deadline.due:
            deadline = dl.Deadline(deadline.kind, case.extended_until, deadline.counting, deadline.article,
                                   deadline.provisional, deadline.start, deadline.length, deadline.unit,
                                   deadline.missing_years)
        out[K.DECISION.value] = (deadline, decision_met)
    if case.notice_served_on is not None:
        st = dl.compute(K.STATEMENT, case.notice_served_on, cal, statement_days(case, settings))
        moved_on = _moved_on(case, case.notice_served_on)
        met = case.notice_served_on if case.statement_waived else moved_on
        out[K.STATEMENT.value] = (st, met)
        if case.hearing_rights:
            hr = dl.compute(K.HEARING_REQUEST, case.notice_served_on, cal)
            met = case.hearing_requested_on or (case.notice_served_on if case.hearing_waived else moved_on)
            out[K.HEARING_REQUEST.value] = (hr, met)
    if case.hearing_notice_served_on is not None:
        put(K.HEARING_NOTICE, case.hearing_notice_served_on,
            case.hearing_held_on or _moved_on(case, case.hearing_notice_served_on))
    if case.legal_review_submitted_on is not None:
        put(K.LEGAL_REVIEW, case.legal_review_submitted_on,
            case.legal_reviewed_on if case.legal_review_outcome is not None else None,
            settings.legal_review_days)
    if case.preserved_on is not None:
        put(K.PRESERVATION_DECISION, case.preserved_on, case.preservation_handled_on)
    if case.decided_on is not None and case.decision_kind != "transfer":
        put(K.SERVICE, case.decided_on, case.decision_served_on)
    if case.procedure == "ordinary" and case.decision_kind == "penalty" and case.decided_on is not None:
        # 行政处罚法 第四十八条: the decision made public, within the setting's working days (guidance);
        # a publication before a decision re-made after 责令重新作出 does not count for the new one
        publicity_met = published_on if published_on is not None and published_on >= case.decided_on else None
        put(K.PUBLICITY, case.decided_on, publicity_met, settings.publicity_days)
    if case.decision_served_on is not None and case.fine_fen:
        paid_in_full = case.paid_fen >= (case.fine_fen or 0)
        closed = case.closed_on if case.state in (CaseState.CLOSED, CaseState.ARCHIVED) else None
        payment = dl.compute(K.PAYMENT, case.decision_served_on, cal)
        plan, paid_before = instalments.from_record(case.instalments)
        # 分期: the payment is due by the earliest instalment not paid yet; 暂缓: by the new date
        due = (instalments.next_due(plan, case.paid_fen - paid_before) if plan else None) or case.deferred_until
        if due is not None and (plan or due > payment.due):
            payment = dl.Deadline(payment.kind, due, payment.counting, payment.article,
                                  payment.provisional, payment.start, payment.length, payment.unit,
                                  payment.missing_years)
        out[K.PAYMENT.value] = (payment, (paid_in_full_on or _last_payment_day(case)) if paid_in_full else closed)
        if not paid_in_full and closed is None:
            review = dl.compute(K.REVIEW_PERIOD, case.decision_served_on, cal)
            litigation = dl.compute(K.LITIGATION_PERIOD, case.decision_served_on, cal)
            start = dl.court_enforcement_start(review.due, litigation.due, case.deferred_until)
            put(K.COURT_ENFORCEMENT, start, case.court_applied_on)
    if case.reminder_served_on is not None:
        put(K.REMINDER, case.reminder_served_on,
            case.court_applied_on or (case.reminder_served_on if case.paid_fen >= (case.fine_fen or 0) else None))
    if case.state in (CaseState.CLOSED, CaseState.ARCHIVED) and case.closed_on is not None:
        # a closed case owes nothing more: what was still open ended with it (never listed as overdue)
        out = {kind: (deadline, met or case.closed_on) for kind, (deadline, met) in out.items()}
    return ComputedDeadlines(out)


# The party's rights windows (陈述申辩, 听证申请, and the notice period before a hearing): when they
# lapse unused nobody is late — they are over, never overdue (queries shows them so).
PARTY_WINDOWS = frozenset({dl.DeadlineKind.STATEMENT.value, dl.DeadlineKind.HEARING_REQUEST.value,
                           dl.DeadlineKind.HEARING_NOTICE.value})


def statement_days(case: Case, settings: CaseSettings) -> int:
    """The 陈述申辩 period the notice stated (the setting when it was issued), else the setting now."""
    stated = (case.notified_penalty or {}).get("statement_days")
    return int(stated) if stated is not None else settings.statement_days


def _moved_on(case: Case, since: date) -> date | None:
    """The first later step that presupposes the party's windows over (法制审核, 集体讨论, 决定)."""
    days = [d for d in (case.legal_review_submitted_on, case.discussion_held_on, case.decided_on)
            if d is not None and d >= since]
    return min(days) if days else None


def last_payment_on(session: Session, case: Case) -> date | None:
    """The day of the latest payment event: when a fine paid in full was met (第六十七条)."""
    from desktop_app.clock import local_date

    last = session.scalar(select(func.max(CaseEvent.occurred_at)).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "pay"))
    return local_date(last) if last is not None else None


def last_published_on(session: Session, case: Case) -> date | None:
    """The day of the latest 公示 event (行政处罚法 第四十八条), which meets the publicity deadline."""
    from desktop_app.clock import local_date

    last = session.scalar(select(func.max(CaseEvent.occurred_at)).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "publish"))
    return local_date(last) if last is not None else None


def designated_case_reviewer(session: Session, case: Case) -> str | None:
    """The user the leader designated as case reviewer (approve --what case_reviewer): the latest
    such approval decides — a refusal after a grant takes the designation back."""
    events = session.scalars(select(CaseEvent).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "approve").order_by(CaseEvent.occurred_at.desc(),
                                                                            CaseEvent.recorded_at.desc()))
    for event in events:
        if event.data.get("what") != "case_reviewer":
            continue
        login = event.data.get("reviewer")
        if event.data.get("outcome") != "granted" or not login:
            return None
        return session.scalar(select(User.id).where(User.login == str(login)))
    return None


def investigation_recorded(session: Session, case: Case) -> bool:
    """Whether the case has an evidence item (not removed) or a 笔录 on file (行政处罚法 第四十条、
    第五十五条). Two indexed look-ups by case, each stopping at the first row found (portable SQL,
    no count over the case's files): asked whenever the case's facts are gathered."""
    evidence = session.scalar(select(EvidenceItem.id).where(
        EvidenceItem.case_id == case.id, EvidenceItem.removed_at.is_(None)).limit(1))
    if evidence is not None:
        return True
    return session.scalar(select(ProcessRecord.id).where(ProcessRecord.case_id == case.id).limit(1)) is not None


def case_review_passed_on(session: Session, case: Case) -> date | None:
    """The day of the 案件审核 that passed, when the case's review stands passed: the latest
    review_case event, read only for such a case."""
    if not case.case_review_passed:
        return None
    from desktop_app.clock import local_date

    event = session.scalar(select(CaseEvent).where(
        CaseEvent.case_id == case.id, CaseEvent.action == "review_case")
        .order_by(CaseEvent.occurred_at.desc(), CaseEvent.recorded_at.desc()).limit(1))
    if event is None or event.data.get("outcome") != "passed":
        return None
    return local_date(event.occurred_at)


def _last_payment_day(case: Case) -> date | None:
    return case.closed_on or case.decision_served_on


def store_deadlines(session: Session, case: Case, computed: ComputedDeadlines) -> None:
    """Replace the case's deadline rows (`cases --overdue` queries them)."""
    existing = {d.kind: d for d in session.scalars(select(CaseDeadline).where(CaseDeadline.case_id == case.id))}
    for kind, (deadline, met) in computed.by_kind.items():
        row = existing.pop(kind, None)
        if row is None:
            row = CaseDeadline(case_id=case.id, kind=kind)
            session.add(row)
        row.start = deadline.start
        row.due = deadline.due
        row.counting = deadline.counting.value
        row.article = deadline.article
        row.provisional = deadline.provisional
        row.met_on = met
    for row in existing.values():
        session.delete(row)


def recompute_after_calendar_change(session: Session, years: Iterable[int], cal: HolidayCalendar) -> int:
    """The calendar of `years` changed (holidays entered, a year confirmed): recompute the deadlines of
    every case with an open deadline whose counting touches one of those years — the stored rows are
    what the lists, the dashboard and `cases --overdue` read. Returns how many cases were recomputed."""
    spans = [and_(CaseDeadline.start <= date(y, 12, 31), CaseDeadline.due >= date(y, 1, 1)) for y in years]
    if not spans:
        return 0
    ids = list(session.scalars(select(CaseDeadline.case_id).distinct()
                               .where(CaseDeadline.met_on.is_(None), or_(*spans))))
    settings = load_settings(session)
    for case_id in ids:
        case = session.get(Case, case_id)
        if case is None:
            continue
        store_deadlines(session, case, compute_deadlines(case, settings, cal, last_payment_on(session, case),
                                                         last_published_on(session, case)))
    return len(ids)


def approvals_granted(session: Session, case: Case) -> frozenset[str]:
    rows = session.scalars(select(Approval).where(Approval.case_id == case.id).order_by(Approval.occurred_at))
    latest: dict[str, str] = {}
    for row in rows:
        if not row.used:
            latest[row.what] = row.outcome
        else:
            latest.pop(row.what, None)
    return frozenset(what for what, outcome in latest.items() if outcome == "granted")


def hearing_host(session: Session, case: Case) -> str | None:
    row = session.scalar(select(Approval).where(
        Approval.case_id == case.id, Approval.what == "hearing_host", Approval.outcome == "granted")
        .order_by(Approval.occurred_at.desc()).limit(1))
    return row.host_user_id if row is not None else None


def handler_certificates(session: Session, case: Case, day: date) -> tuple[int, tuple[str, ...]]:
    """How many of the case's handlers hold a certificate in force on `day`, and why the others not."""
    ids = list(dict.fromkeys(a.user_id for a in case.assignments if a.role_in_case == CaseRole.HANDLER.value))
    logins = [u.login for u in (session.get(User, uid) for uid in ids) if u is not None]
    gaps = certificate_gaps(session, logins, day)
    return len(logins) - len(gaps), tuple(g.reason for g in gaps)


def case_facts(session: Session, case: Case, settings: CaseSettings, cal: HolidayCalendar,
               *, demo: bool, on: date | None = None) -> CaseFacts:
    """What the rules need to know of the case; `on` (the day of the step asked about) adds the
    facts that depend on it (the handlers' certificates, 第四十二条)."""
    item = session.get(EnforcementItem, case.item_id)
    assert item is not None
    version = session.get(ItemListVersion, item.version_id)
    computed = compute_deadlines(case, settings, cal, last_payment_on(session, case),
                                 last_published_on(session, case))
    K = dl.DeadlineKind
    fine = yuan(case.fine_fen)
    hearing_held = case.hearing_held_on is not None and case.hearing_outcome == "held"
    required, why = legal_review_requirement(
        item_major=item.major, hearing_held=hearing_held, complex_case=case.complex_case,
        fine=fine if fine is not None else (
            Decimal(str(case.notified_penalty["amount"])) if case.notified_penalty
            and case.notified_penalty.get("amount") is not None else None),
        fine_threshold=settings.legal_review_fine_threshold)
    party_kind = PartyKind.PERSON
    if case.parties and case.parties[0].snapshot.get("kind") == "organisation":
        party_kind = PartyKind.ORGANISATION
    notified = case.notified_penalty or {}
    review_end = computed.due(K.REVIEW_PERIOD)
    litigation_end = computed.due(K.LITIGATION_PERIOD)
    remedy_end = None
    if case.decision_served_on is not None:
        review_end = review_end or dl.compute(K.REVIEW_PERIOD, case.decision_served_on, cal).due
        litigation_end = litigation_end or dl.compute(K.LITIGATION_PERIOD, case.decision_served_on, cal).due
        remedy_end = max(review_end, litigation_end)
    investigators = _ids(case, CaseRole.HANDLER.value) | _ids(case, "investigator")
    certified: int | None = None
    problems: tuple[str, ...] = ()
    if on is not None and case.decided_on is None and case.procedure == "ordinary":
        certified, problems = handler_certificates(session, case, on)
    return CaseFacts(
        state=CaseState(case.state),
        state_before_suspension=CaseState(case.state_before_suspension) if case.state_before_suspension else None,
        state_before_transfer=CaseState(case.state_before_transfer) if case.state_before_transfer else None,
        simple_procedure=case.procedure == "simple",
        party_kind=party_kind,
        item_major=item.major,
        item_sample_and_not_demo=(version is None or version.confirmed_at is None) and not demo,
        limitation_expired=limitation_expired(case, item),
        decision_due=computed.due(K.DECISION),
        notice_served_on=case.notice_served_on,
        notified_penalty=PenaltyKind(notified["penalty"]) if notified.get("penalty") else None,
        notified_amount=Decimal(str(notified["amount"])) if notified.get("amount") is not None else None,
        hearing_rights_notified=case.hearing_rights,
        statement_window_end=computed.due(K.STATEMENT),
        hearing_window_end=computed.due(K.HEARING_REQUEST),
        statement_waived=case.statement_waived,
        hearing_waived=case.hearing_waived,
        hearing_requested=case.hearing_requested_on is not None,
        hearing_held=case.hearing_held_on is not None,
        hearing_notice_served_on=case.hearing_notice_served_on,
        hearing_earliest_on=computed.due(K.HEARING_NOTICE),
        investigation_recorded=investigation_recorded(session, case),
        certified_handlers=certified,
        handler_certificate_problems=problems,
        case_review_passed=case.case_review_passed,
        case_review_passed_on=case_review_passed_on(session, case),
        legal_review_required=required,
        legal_review_reason=why,
        legal_review_passed=case.legal_review_outcome == "passed",
        discussion_required=case.complex_case,
        discussion_held=case.discussion_held_on is not None,
        transfer_pending=case.transfer_to == "judicial" and case.transfer_state == "pending",
        transfer_approved="transfer" in approvals_granted(session, case),
        transfer_receipt_confirmed=case.transfer_state == "received",
        criminal_fine_imposed=case.criminal_fine,
        decision_kind=case.decision_kind,
        decided_penalty=PenaltyKind(case.penalty_kind) if case.penalty_kind else None,
        fine=fine,
        paid=yuan(case.paid_fen) or Decimal(0),
        payment_due=computed.due(K.PAYMENT),
        reminder_served_on=case.reminder_served_on,
        reminder_period_end=computed.due(K.REMINDER),
        appeal_pending=case.appeal_outcome == "pending",
        remedy_periods_end=remedy_end,
        court_enforcement_due=computed.due(K.COURT_ENFORCEMENT),
        preservation_pending=case.preserved_on is not None and case.preservation_handled_on is None,
        approvals_granted=approvals_granted(session, case),
        handler_ids=_ids(case, CaseRole.HANDLER.value),
        investigator_ids=investigators,
        designated_case_reviewer_id=designated_case_reviewer(session, case),
        case_reviewer_ids=_ids(case, CaseRole.CASE_REVIEWER.value),
        legal_reviewer_ids=_ids(case, CaseRole.LEGAL_REVIEWER.value),
        decider_ids=_ids(case, CaseRole.DECIDER.value),
        hearing_host_id=hearing_host(session, case),
    )


def actor_facts(session: Session, actor: Actor) -> ActorFacts:
    if actor.is_anonymous or actor.user_id is None:
        return ActorFacts(user_id=actor.user_id, roles=frozenset(actor.roles), is_anonymous=actor.user_id is None)
    user = session.get(User, actor.user_id)
    first = session.scalar(select(func.min(CaseEvent.occurred_at)).where(
        CaseEvent.actor == actor.login, CaseEvent.action == "legal_review"))
    from desktop_app.clock import local_date

    return ActorFacts(
        user_id=actor.user_id,
        roles=frozenset(Role(r) for r in actor.roles),
        is_anonymous=False,
        legal_qualification=bool(user and user.legal_qualification_no),
        first_legal_review_on=local_date(first) if first is not None else None,
    )


def calendar_for(session: Session) -> HolidayCalendar:
    return holiday_calendar(session)
