"""登记: a new clue (a case without a number yet), with its party recognised by identifier."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select

from desktop_app.clock import local_date
from desktop_app.domain.case_states import CaseState
from desktop_app.domain.collation import pinyin_sort_key
from desktop_app.domain.roles import Role
from desktop_app.services import items as items_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases.facts import (
    calendar_for,
    compute_deadlines,
    limitation_expired,
    load_settings,
    store_deadlines,
)
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, Refused
from desktop_app.services.parties import PartyInput, upsert_party, validate_party
from desktop_app.store.models import Case, CaseAssignment, CaseEvent, CaseParty, EnforcementItem, User

SOURCES = {
    "inspection": "日常巡查",
    "complaint": "投诉举报",
    "grid_report": "网格上报",
    "county_assignment": "上级交办",
    "department_transfer": "部门移送",
    "media": "媒体曝光",
}


@dataclass
class NewCase:
    item_code: str
    source: str
    facts: str
    party: PartyInput
    place: str = ""
    act_date: date | None = None
    continuing: bool | None = None  # None: the item's default
    discovered_on: date | None = None
    officers: list[str] = field(default_factory=list)
    on: datetime | None = None
    complex_case: bool = False
    harm_slight: bool = False
    no_harm: bool = False
    corrected_in_time: bool = False


@dataclass(frozen=True)
class Registered:
    case_id: str
    party_id: str
    warnings: list[str]


def register_case(ctx: AppContext, actor: Actor, new: NewCase, *,
                  ids: Callable[[], str] | None = None) -> Registered:
    """Register a clue (线索登记). Any officer, team lead or leader may; the item must be on the list in
    force (a sample list is fine for a clue — 立案 is where the confirmed list is required)."""
    actor.require([Role.OFFICER, Role.TEAM_LEAD, Role.LEADER], "登记线索")
    if new.source not in SOURCES:
        raise InvalidInput("案件来源", "案件来源应为：" + "、".join(f"{k}（{v}）" for k, v in SOURCES.items()))
    facts = new.facts.strip()
    if not facts:
        raise InvalidInput("违法事实", "须填写线索内容或违法事实")
    party, warnings = validate_party(new.party)
    now = ctx.clock.now()
    at = new.on or now
    if at > now + timedelta(minutes=1):
        raise InvalidInput("登记时间", "登记时间不能晚于现在")
    day = local_date(at)
    discovered = new.discovered_on or day
    if discovered > day:
        raise InvalidInput("发现日期", "发现日期不能晚于登记日期")
    if new.act_date is not None and new.act_date > discovered:
        raise InvalidInput("违法行为发生日期", "违法行为发生日期不能晚于发现日期")
    with ctx.write(actor, ids=ids) as uow:
        s = uow.session
        version = items_service.current_version(s, day)
        item = None
        if version is not None:
            item = s.scalar(select(EnforcementItem).where(
                EnforcementItem.version_id == version.id, EnforcementItem.code == new.item_code.strip().upper()))
        if item is None:
            raise Refused(f"事项“{new.item_code}”不在现行执法事项清单内：只能办理本乡镇清单内的事项"
                          "（文司发〔2024〕4号 第八条）")
        officers: list[User] = []
        for login in new.officers:
            user = s.scalar(select(User).where(User.login == login.strip().lower()))
            if user is None:
                raise InvalidInput("执法人员", f"用户“{login}”不存在")
            officers.append(user)
        p = upsert_party(uow, party)
        snapshot = {"kind": p.kind, "name": p.name, "identifier": p.identifier, "address": p.address,
                    "phone": p.phone, "representative": p.representative}
        case = Case(
            id=uow.new_id(), state=CaseState.CLUE.value, procedure="ordinary", item_id=item.id,
            item_code=item.code, source=new.source, facts=facts, place=new.place.strip(),
            act_date=new.act_date, continuing=item.continuing if new.continuing is None else new.continuing,
            discovered_on=discovered, complex_case=new.complex_case, harm_slight=new.harm_slight,
            no_harm=new.no_harm, corrected_in_time=new.corrected_in_time,
            registered_at=at, registered_by=actor.login, party_names=p.name,
            party_sort_key=pinyin_sort_key(p.name), party_identifiers=p.identifier,
            updated_at=uow.now)
        case.parties = [CaseParty(id=uow.new_id(), party_id=p.id, position=0, snapshot=snapshot)]
        # the officers named on the clue handle it (承办) from the start, so that it shows on their
        # worklist and the 办、审、定 separation counts them; 调查 may add others (--officers)
        case.assignments = [CaseAssignment(id=uow.new_id(), user_id=u.id, role_in_case="handler", assigned_at=uow.now)
                            for u in dict.fromkeys(officers)]
        s.add(case)
        s.flush()
        s.add(CaseEvent(id=uow.new_id(), case_id=case.id, action="register", from_state="", to_state="clue",
                        occurred_at=at, recorded_at=uow.now, actor=actor.login, via=actor.via,
                        officers=list(new.officers), data={"source": new.source}, note=""))
        if limitation_expired(case, item):
            warnings.append("违法行为已超过追责时效（行政处罚法第三十六条）：不得给予行政处罚")
        settings = load_settings(s)
        store_deadlines(s, case, compute_deadlines(case, settings, calendar_for(s)))
        uow.audit("case.register", "case", case.id, case_id=case.id, occurred_at=at,
                  summary=f"登记线索：{item.code} {p.name}", after={"state": "clue", "item": item.code,
                                                                    "source": new.source, "party": p.id})
        return Registered(case.id, p.id, warnings)
