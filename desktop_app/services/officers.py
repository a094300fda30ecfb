"""执法人员 and 执法证: the officers, their certificates' life cycle, and THE rule the case workflow
uses — only an officer holding a valid certificate on the day may enforce.

Sources:
- 行政处罚法 第四十二条: penalties are imposed by officers with enforcement qualification, at least two.
- 河津市《关于加强乡镇（街道）行政执法能力建设规范乡镇（街道）行政执法行为的通知》一（二）一（三）: certified
  officers only; certificates collected back (收回) on transfer, retirement or leaving, confiscated (收缴) on
  dismissal or a criminal penalty, and after either cancelled (注销) in the certificate system.
- 文司发〔2024〕4号 第九条: certificates collected back and cancelled when an officer leaves the post;
  nobody out of post holds one. 第十条: one body camera (执法记录仪) per officer.

A certificate's history is its CertificateEvent rows; its `state` column is the state after the last of
them. "Valid on a day" is judged from the history, so a certificate recalled on D is not valid from D on
while it still counts for a case handled the week before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.roles import Role
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, NotFound, Refused
from desktop_app.store.models import Certificate, CertificateEvent, Officer, User

logger = logging.getLogger(__name__)

HEJIN_NOTICE = "河津市乡镇（街道）行政执法通知 一（三）"
WENSHUI_ART9 = "文司发〔2024〕4号 第九条"
PENALTY_ART42 = "行政处罚法第四十二条"

VALID = "valid"
RECALLED = "recalled"
CONFISCATED = "confiscated"
CANCELLED = "cancelled"

CERTIFICATE_STATES = (VALID, RECALLED, CONFISCATED, CANCELLED)
CERTIFICATE_STATE_LABELS: dict[str, str] = {
    VALID: "有效",
    RECALLED: "已收回",
    CONFISCATED: "已收缴",
    CANCELLED: "已注销",
}
# The verb of the change, for sentences such as "已于 2026-03-01 收回".
_STATE_VERBS: dict[str, str] = {VALID: "重新发放", RECALLED: "收回", CONFISCATED: "收缴", CANCELLED: "注销"}

# 河津 notice 一（三）: recalled or confiscated first, then cancelled; cancellation is final. A recalled
# certificate may be handed back (re-issued) when the officer returns to an enforcement post; a
# confiscated one (吊销) never.
_TRANSITIONS: dict[str, frozenset[str]] = {
    VALID: frozenset({RECALLED, CONFISCATED}),
    RECALLED: frozenset({VALID, CANCELLED}),
    CONFISCATED: frozenset({CANCELLED}),
    CANCELLED: frozenset(),
}

DEFAULT_EXPIRY_WINDOW_DAYS = 60


# ---------------------------------------------------------------------------------------------------
# What the services return


@dataclass(frozen=True)
class CertificateEventInfo:
    state: str
    state_label: str
    on: date
    reason: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class CertificateInfo:
    id: str
    officer_id: str
    officer_name: str
    number: str
    category: str
    authority: str
    valid_from: date
    valid_to: date
    state: str
    state_label: str
    as_of: date
    valid_on: bool
    """Whether the certificate is in force on `as_of` (state and dates)."""
    events: list[CertificateEventInfo]


@dataclass(frozen=True)
class OfficerInfo:
    id: str
    name: str
    login: str | None
    category: str | None
    body_camera_no: str | None
    in_post: bool
    as_of: date
    certified: bool
    """Holds a certificate in force on `as_of` (行政处罚法第四十二条)."""
    certificate_number: str | None
    uncertified_reason: str | None
    certificates: list[CertificateInfo]
    account_disabled: bool = False  # the linked user account is 停用: the officer cannot be named in a case

    @property
    def can_act(self) -> bool:
        """Certified, in post and with an account in use: one of the two officers a case needs."""
        return self.certified and self.in_post and not self.account_disabled


@dataclass(frozen=True)
class CertificateGap:
    """One officer (as the caller named them) who lacks a valid certificate on the day, and why."""

    ref: str
    officer_id: str | None
    name: str | None
    reason: str


@dataclass(frozen=True)
class ExpiringCertificate:
    officer_id: str
    officer_name: str
    certificate_id: str
    number: str
    valid_to: date
    days_left: int


# ---------------------------------------------------------------------------------------------------
# Parsing and lookup


def parse_certificate_state(text: str) -> str:
    """A state code or its Chinese name (有效, 收回/已收回, 收缴, 注销) → the code."""
    token = text.strip()
    if token in CERTIFICATE_STATE_LABELS:
        return token
    for code in CERTIFICATE_STATES:
        if token in (CERTIFICATE_STATE_LABELS[code], _STATE_VERBS[code]):
            return code
    known = "、".join(f"{c}（{CERTIFICATE_STATE_LABELS[c]}）" for c in CERTIFICATE_STATES)
    raise InvalidInput("证件状态", f"证件状态“{text}”无效，可用：{known}")


def find_officer(session: Session, ref: str) -> Officer | None:
    """The officer named by id, certificate number or linked login; None when nobody matches."""
    ref = ref.strip()
    if not ref:
        return None
    officer = session.get(Officer, ref)
    if officer is not None:
        return officer
    cert = session.scalar(select(Certificate).where(Certificate.number == ref))
    if cert is not None:
        return cert.officer
    return session.scalar(
        select(Officer).join(User, Officer.user_id == User.id).where(User.login == ref.lower())
    )


def _get_officer(session: Session, ref: str) -> Officer:
    officer = find_officer(session, ref)
    if officer is None:
        raise NotFound(f"执法人员“{ref}”不存在（可用执法人员编号、执法证编号或关联的登录名）")
    return officer


def _logins(session: Session, officers: Iterable[Officer]) -> dict[str, str]:
    ids = [o.user_id for o in officers if o.user_id is not None]
    if not ids:
        return {}
    return {u.id: u.login for u in session.scalars(select(User).where(User.id.in_(ids)))}


def _disabled(session: Session, officers: Iterable[Officer]) -> set[str]:
    """The ids of the linked user accounts that are 停用."""
    ids = [o.user_id for o in officers if o.user_id is not None]
    if not ids:
        return set()
    return set(session.scalars(select(User.id).where(User.id.in_(ids), User.disabled.is_(True))))


# ---------------------------------------------------------------------------------------------------
# Validity on a day — the rule


def _history(cert: Certificate) -> list[CertificateEvent]:
    """The events in the order they happened. Several on one day are ordered by the transitions
    themselves (收回 before 注销), since entry times may tie."""
    pending = sorted(cert.events, key=lambda e: (e.on, e.recorded_at))
    ordered: list[CertificateEvent] = []
    state = VALID
    while pending:
        day = pending[0].on
        same_day = [e for e in pending if e.on == day]
        nxt = next((e for e in same_day if e.state in _TRANSITIONS[state]), same_day[0])
        ordered.append(nxt)
        pending.remove(nxt)
        state = nxt.state
    return ordered


def _state_on(cert: Certificate, day: date) -> tuple[str, CertificateEvent | None]:
    """The state in force at the end of `day` and the event that set it (None: as issued)."""
    state, event = VALID, None
    for ev in _history(cert):
        if ev.on > day:
            break
        state, event = ev.state, ev
    return state, event


def _certificate_problem(cert: Certificate, officer_name: str, day: date) -> str | None:
    """None when the certificate is in force on `day`; else the reason in Chinese."""
    state, event = _state_on(cert, day)
    if state != VALID and event is not None:
        return f"{officer_name}的执法证（编号{cert.number}）已于 {event.on.isoformat()} {_STATE_VERBS[state]}"
    if day < cert.valid_from:
        return (f"{officer_name}的执法证（编号{cert.number}）自 {cert.valid_from.isoformat()} 起有效，"
                f"{day.isoformat()} 尚未生效")
    if day > cert.valid_to:
        return f"{officer_name}的执法证（编号{cert.number}）有效期至 {cert.valid_to.isoformat()}，已过期"
    return None


def _officer_problem(officer: Officer, day: date) -> tuple[Certificate | None, str | None]:
    """(the certificate in force on `day`, None) or (None, why there is none)."""
    if not officer.certificates:
        return None, f"{officer.name}没有登记执法证"
    problems: list[tuple[Certificate, str]] = []
    for cert in officer.certificates:
        problem = _certificate_problem(cert, officer.name, day)
        if problem is None:
            return cert, None
        problems.append((cert, problem))
    # Report the certificate that matters most: the latest one issued by then, else the next one.
    issued = [p for p in problems if p[0].valid_from <= day]
    if issued:
        chosen = max(issued, key=lambda p: p[0].valid_from)
    else:
        chosen = min(problems, key=lambda p: p[0].valid_from)
    return None, chosen[1]


def certified_on(source: Session | AppContext, officer_id: str, day: date) -> bool:
    """Whether the officer holds a certificate in force on `day`: state valid that day (a certificate
    recalled on D is not valid from D on) and valid_from ≤ day ≤ valid_to (行政处罚法第四十二条)."""
    if isinstance(source, Session):
        officer = source.get(Officer, officer_id)
        return officer is not None and _officer_problem(officer, day)[0] is not None
    with source.read() as session:
        return certified_on(session, officer_id, day)


def certificate_gaps(session: Session, officers: Sequence[str], day: date) -> list[CertificateGap]:
    """Which of the officers (ids, logins or certificate numbers) lack a certificate in force on `day`,
    with the reason in Chinese ("张三的执法证（编号…）已于 2026-03-01 收回"). Empty: all certified.
    Call it inside your own unit of work; `require_certified` refuses instead."""
    gaps: list[CertificateGap] = []
    seen: set[str] = set()
    for raw in officers:
        ref = raw.strip()
        officer = find_officer(session, ref)
        if officer is None:
            user = session.scalar(select(User).where(User.login == ref.lower()))
            if user is not None:
                reason = f"用户“{user.login}”（{user.name}）未登记为执法人员，没有执法证"
            else:
                reason = f"“{ref}”不是已登记的执法人员"
            gaps.append(CertificateGap(ref=ref, officer_id=None, name=None, reason=reason))
            continue
        if officer.id in seen:
            continue
        seen.add(officer.id)
        _, problem = _officer_problem(officer, day)
        if problem is not None:
            gaps.append(CertificateGap(ref=ref, officer_id=officer.id, name=officer.name, reason=problem))
    return gaps


def find_certificate_gaps(ctx: AppContext, officers: Sequence[str], day: date) -> list[CertificateGap]:
    """`certificate_gaps` in its own read session."""
    with ctx.read() as session:
        return certificate_gaps(session, officers, day)


def require_certified(session: Session, officers: Sequence[str], day: date) -> None:
    """Refuse unless every officer holds a certificate in force on `day` (行政处罚法第四十二条)."""
    gaps = certificate_gaps(session, officers, day)
    if gaps:
        reasons = "；".join(g.reason for g in gaps)
        raise Refused(f"执法人员须持有效执法证：{reasons}", article=PENALTY_ART42)


# ---------------------------------------------------------------------------------------------------
# Reads (anyone)


def _event_info(ev: CertificateEvent) -> CertificateEventInfo:
    return CertificateEventInfo(ev.state, CERTIFICATE_STATE_LABELS.get(ev.state, ev.state), ev.on, ev.reason,
                                ev.recorded_by, ev.recorded_at)


def _certificate_info(cert: Certificate, officer: Officer, day: date) -> CertificateInfo:
    return CertificateInfo(
        id=cert.id,
        officer_id=officer.id,
        officer_name=officer.name,
        number=cert.number,
        category=cert.category,
        authority=cert.authority,
        valid_from=cert.valid_from,
        valid_to=cert.valid_to,
        state=cert.state,
        state_label=CERTIFICATE_STATE_LABELS.get(cert.state, cert.state),
        as_of=day,
        valid_on=_certificate_problem(cert, officer.name, day) is None,
        events=[_event_info(e) for e in _history(cert)],
    )


def _officer_info(officer: Officer, login: str | None, day: date, account_disabled: bool = False) -> OfficerInfo:
    in_force, problem = _officer_problem(officer, day)
    return OfficerInfo(
        id=officer.id,
        name=officer.name,
        login=login,
        category=officer.category,
        body_camera_no=officer.body_camera_no,
        in_post=officer.in_post,
        as_of=day,
        certified=in_force is not None,
        certificate_number=in_force.number if in_force is not None else None,
        uncertified_reason=problem,
        certificates=[_certificate_info(c, officer, day) for c in officer.certificates],
        account_disabled=account_disabled,
    )


def list_officers(ctx: AppContext, on: date) -> list[OfficerInfo]:
    """Every officer with their certificates, and whether each holds a valid certificate on `on`."""
    with ctx.read() as session:
        officers = list(session.scalars(select(Officer).order_by(Officer.name, Officer.created_at)))
        logins, disabled = _logins(session, officers), _disabled(session, officers)
        return [_officer_info(o, logins.get(o.user_id or ""), on, o.user_id in disabled) for o in officers]


def resolve_officer(ctx: AppContext, ref: str, on: date | None = None) -> OfficerInfo:
    """The officer named by id, certificate number or linked login (NotFound otherwise)."""
    day = on or ctx.clock.today()
    with ctx.read() as session:
        officer = _get_officer(session, ref)
        return _officer_info(officer, _logins(session, [officer]).get(officer.user_id or ""), day,
                             officer.user_id in _disabled(session, [officer]))


def expiring_certificates(
    ctx: AppContext, on: date | None = None, days: int = DEFAULT_EXPIRY_WINDOW_DAYS
) -> list[ExpiringCertificate]:
    """Certificates in force whose validity ends within `days` of `on` (for the admin's screen), unless
    the officer already holds another valid certificate running longer (renewed)."""
    if days < 0:
        raise InvalidInput("天数", "天数不能为负数")
    day = on or ctx.clock.today()
    until = day + timedelta(days=days)
    result: list[ExpiringCertificate] = []
    with ctx.read() as session:
        certs = session.scalars(
            select(Certificate)
            .where(Certificate.state == VALID, Certificate.valid_to >= day, Certificate.valid_to <= until)
            .order_by(Certificate.valid_to, Certificate.number)
        ).all()
        for cert in certs:
            officer = cert.officer
            renewed = any(
                other.id != cert.id and other.state == VALID and other.valid_to > cert.valid_to
                for other in officer.certificates
            )
            if renewed:
                continue
            result.append(ExpiringCertificate(officer.id, officer.name, cert.id, cert.number, cert.valid_to,
                                              (cert.valid_to - day).days))
    return result


# ---------------------------------------------------------------------------------------------------
# Writes (admin only: procedure.md, Roles — "admin: users, officers, certificates")


def _text(value: str | None, field: str, *, max_len: int, required: bool) -> str | None:
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise InvalidInput(field, f"{field}不能为空")
        return None
    if len(cleaned) > max_len:
        raise InvalidInput(field, f"{field}不能超过 {max_len} 个字符")
    return cleaned


def _required(value: str | None, field: str, *, max_len: int) -> str:
    cleaned = _text(value, field, max_len=max_len, required=True)
    assert cleaned is not None
    return cleaned


def add_officer(
    ctx: AppContext,
    actor: Actor,
    name: str,
    login: str | None = None,
    category: str | None = None,
    body_camera_no: str | None = None,
) -> OfficerInfo:
    """Register an officer (执法人员), optionally linked to one user account."""
    actor.require([Role.ADMIN], "登记执法人员")
    clean_name = _required(name, "姓名", max_len=60)
    clean_category = _text(category, "执法类别", max_len=60, required=False)
    camera = _text(body_camera_no, "执法记录仪编号", max_len=40, required=False)
    clean_login = (login or "").strip().lower() or None
    with ctx.write(actor) as uow:
        session = uow.session
        user: User | None = None
        if clean_login is not None:
            user = session.scalar(select(User).where(User.login == clean_login))
            if user is None:
                raise NotFound(f"登录名“{clean_login}”不存在，无法关联执法人员")
            if user.disabled:
                raise Refused(f"用户“{clean_login}”已停用，不能关联执法人员")
            linked = session.scalar(select(Officer).where(Officer.user_id == user.id))
            if linked is not None:
                raise Refused(f"用户“{clean_login}”已关联执法人员“{linked.name}”，"
                              "一个账号只能关联一名执法人员")
        if camera is not None:
            # 文司发〔2024〕4号 第十条: 执法记录仪 "每人一部" — one camera is not shared between officers.
            holder = session.scalar(select(Officer).where(Officer.body_camera_no == camera))
            if holder is not None:
                raise Refused(f"执法记录仪编号“{camera}”已配发给{holder.name}（执法记录仪每人一部）",
                              article="文司发〔2024〕4号 第十条")
        officer = Officer(name=clean_name, user_id=user.id if user else None, category=clean_category,
                          body_camera_no=camera, in_post=True, created_at=uow.now)
        session.add(officer)
        session.flush()
        uow.audit("officer.add", "officer", officer.id, summary=f"登记执法人员 {clean_name}",
                  after={"name": clean_name, "login": clean_login, "category": clean_category,
                         "body_camera_no": camera})
        return _officer_info(officer, clean_login, ctx.clock.today())


def add_certificate(
    ctx: AppContext,
    actor: Actor,
    officer: str,
    number: str | None,
    category: str | None,
    authority: str | None,
    valid_from: date | None,
    valid_to: date | None,
) -> CertificateInfo:
    """Record an officer's 执法证. `officer` is an officer id, certificate number or linked login."""
    actor.require([Role.ADMIN], "登记执法证")
    clean_number = _required(number, "证件编号", max_len=40)
    clean_category = _required(category, "执法类别", max_len=60)
    clean_authority = _required(authority, "发证机关", max_len=100)
    if valid_from is None:
        raise InvalidInput("有效期起", "有效期起不能为空")
    if valid_to is None:
        raise InvalidInput("有效期至", "有效期至不能为空")
    if valid_to < valid_from:
        raise InvalidInput("有效期至", f"有效期至（{valid_to.isoformat()}）"
                                     f"不能早于有效期起（{valid_from.isoformat()}）")
    with ctx.write(actor) as uow:
        session = uow.session
        person = _get_officer(session, officer)
        if not person.in_post:
            # 文司发〔2024〕4号 第九条: 严禁不在执法岗位的人员取得执法证件.
            raise Refused(f"{person.name}不在执法岗位，不能取得执法证件", article=WENSHUI_ART9)
        existing = session.scalar(select(Certificate).where(Certificate.number == clean_number))
        if existing is not None:
            raise Refused(f"证件编号“{clean_number}”已登记（{existing.officer.name}）")
        cert = Certificate(officer_id=person.id, number=clean_number, category=clean_category,
                           authority=clean_authority, valid_from=valid_from, valid_to=valid_to, state=VALID,
                           created_at=uow.now)
        person.certificates.append(cert)
        session.flush()
        uow.audit("certificate.add", "certificate", cert.id,
                  summary=f"登记{person.name}的执法证（编号{clean_number}）",
                  after={"officer_id": person.id, "number": clean_number, "category": clean_category,
                         "authority": clean_authority, "valid_from": valid_from.isoformat(),
                         "valid_to": valid_to.isoformat(), "state": VALID})
        return _certificate_info(cert, person, ctx.clock.today())


def _pick_certificate(session: Session, ref: str, target: str, on: date) -> Certificate:
    """The certificate a state change is meant for: named by its number, or the officer's only
    certificate that can take the change (preferring the one in force on the day)."""
    cert = session.scalar(select(Certificate).where(Certificate.number == ref.strip()))
    if cert is not None:
        return cert
    officer = _get_officer(session, ref)
    certs = list(officer.certificates)
    if not certs:
        raise Refused(f"{officer.name}没有登记执法证")
    if len(certs) == 1:
        return certs[0]
    candidates = [c for c in certs if target in _TRANSITIONS.get(c.state, frozenset())]
    if len(candidates) > 1:
        in_force = [c for c in candidates if c.valid_from <= on <= c.valid_to]
        if in_force:
            candidates = in_force
    if len(candidates) == 1:
        return candidates[0]
    numbers = "、".join(c.number for c in certs)
    raise InvalidInput("证件编号", f"{officer.name}有多个执法证（{numbers}），请用证件编号指明是哪一个")


def change_certificate_state(
    ctx: AppContext,
    actor: Actor,
    officer_or_cert: str,
    state: str,
    on: date,
    reason: str,
) -> CertificateInfo:
    """收回 / 收缴 / 注销 a certificate, or hand a recalled one back (re-issue). Every change is kept as a
    CertificateEvent with its date and reason (河津 notice 一（三）; 文司发〔2024〕4号 第九条)."""
    actor.require([Role.ADMIN], "变更执法证状态")
    target = parse_certificate_state(state)
    clean_reason = _required(reason, "原因", max_len=500)
    today = ctx.clock.today()
    if on > today:
        raise InvalidInput("日期", f"日期（{on.isoformat()}）不能晚于今天（{today.isoformat()}）")
    with ctx.write(actor) as uow:
        session = uow.session
        cert = _pick_certificate(session, officer_or_cert, target, on)
        officer = cert.officer
        current = cert.state
        label = CERTIFICATE_STATE_LABELS
        if current == target:
            raise Refused(f"{officer.name}的执法证（编号{cert.number}）已是“{label[target]}”状态")
        if target not in _TRANSITIONS.get(current, frozenset()):
            if current == CANCELLED:
                message = f"{officer.name}的执法证（编号{cert.number}）已注销，不能再变更状态"
            elif target == CANCELLED:
                message = f"{officer.name}的执法证（编号{cert.number}）须先收回或收缴，再申请注销"
            elif current == CONFISCATED and target == VALID:
                message = f"{officer.name}的执法证（编号{cert.number}）已收缴（吊销），不能恢复有效"
            else:
                message = (f"{officer.name}的执法证（编号{cert.number}）不能从“{label[current]}”"
                           f"变为“{label[target]}”")
            raise Refused(message, article=HEJIN_NOTICE)
        history = _history(cert)
        if history and on < history[-1].on:
            raise InvalidInput("日期", f"日期（{on.isoformat()}）不能早于该证上一次状态变更的日期"
                                     f"（{history[-1].on.isoformat()}）")
        if target == VALID and not officer.in_post:
            raise Refused(f"{officer.name}不在执法岗位，不能重新发放执法证件", article=WENSHUI_ART9)
        event = CertificateEvent(state=target, on=on, reason=clean_reason, recorded_at=uow.now,
                                 recorded_by=actor.login or "anonymous")
        cert.events.append(event)
        cert.state = target
        session.flush()
        uow.audit("certificate.state", "certificate", cert.id,
                  summary=f"{officer.name}的执法证（编号{cert.number}）于 {on.isoformat()} "
                          f"{_STATE_VERBS[target]}：{clean_reason}",
                  before={"state": current},
                  after={"state": target, "on": on.isoformat(), "reason": clean_reason})
        logger.info("certificate %s: %s -> %s", cert.id, current, target)
        return _certificate_info(cert, officer, today)


__all__ = [
    "CERTIFICATE_STATES",
    "CERTIFICATE_STATE_LABELS",
    "CertificateEventInfo",
    "CertificateGap",
    "CertificateInfo",
    "ExpiringCertificate",
    "OfficerInfo",
    "add_certificate",
    "add_officer",
    "certificate_gaps",
    "certified_on",
    "change_certificate_state",
    "expiring_certificates",
    "find_certificate_gaps",
    "find_officer",
    "list_officers",
    "parse_certificate_state",
    "require_certified",
    "resolve_officer",
]
