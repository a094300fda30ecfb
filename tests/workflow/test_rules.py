"""The rules of the procedure, each with an allowed and a refused case whose Chinese message names
the rule (issue: Case workflow, requirement 2), and gapless numbering (requirement 5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from desktop_app.domain.procedure import CaseAction
from desktop_app.services import items as items_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases import actions as actions_module
from desktop_app.services.cases import facts as facts_module
from desktop_app.services.cases.actions import ActionInput, confirm_transfer_receipt, perform
from desktop_app.services.cases.queries import case_actions, show_case
from desktop_app.services.cases.register import NewCase, register_case
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, PermissionDenied, Refused, ServiceError
from desktop_app.services.officers import add_certificate, add_officer, change_certificate_state
from desktop_app.services.setup import initialise
from desktop_app.services.users import add_user, resolve_actor, set_legal_qualification, set_roles
from desktop_app.services.verify import verify
from tests.workflow.conftest import ORG, PERSON, Walker, at
from tests.workflow.test_paths import (
    HANDLERS,
    conclude_and_review,
    decide_fine,
    notify_and_serve,
    open_case,
    state,
    t,
    to_decided_fine,
    waive_both,
)

PASSWORD = "Pass-word-2026"


def _admin(w: Walker) -> Actor:
    return w.who("demo-admin")


def _add_user(w: Walker, login: str, roles: str, qualification: str | None = None) -> None:
    add_user(w.ctx, _admin(w), login, name=login, roles=roles, password=PASSWORD,
             legal_qualification_no=qualification, must_change_password=False)


def _make_officer(w: Walker, login: str, number: str) -> None:
    add_officer(w.ctx, _admin(w), login, login=login)
    add_certificate(w.ctx, _admin(w), login, number, "综合行政执法", "山西省人民政府",
                    date(2023, 1, 1), date(2028, 12, 31))


def _ready_to_decide(w: Walker, start: date, *, item: str = "DQ-01", amount: int = 1000,
                     **kw: Any) -> date:
    """Filed, investigated, reviewed, notified, served and both rights waived; returns the day
    after, on which a decision may be taken."""
    open_case(w, start, item=item, **kw)
    conclude_and_review(w, start + timedelta(days=10))
    notify_and_serve(w, start + timedelta(days=11), amount=amount)
    waive_both(w, start + timedelta(days=12))
    return start + timedelta(days=13)


# =============================================================================== the item list


@pytest.fixture
def office(ctx: AppContext) -> Callable[[str], Actor]:
    """A real (non-demo) data directory: initialised with the sample, unconfirmed list, a leader, a
    team lead and two officers with certificates."""
    initialise(ctx, admin_password=PASSWORD)
    admin = resolve_actor(ctx, "admin", via="cli")
    for login, roles in (("leader", "leader"), ("lead", "team_lead,officer"), ("off1", "officer"),
                         ("off2", "officer")):
        add_user(ctx, admin, login, name=login, roles=roles, password=PASSWORD, must_change_password=False)
    for n, login in enumerate(("lead", "off1", "off2")):
        add_officer(ctx, admin, login, login=login)
        add_certificate(ctx, admin, login, f"1411210000{n}", "综合行政执法", "山西省人民政府",
                        date(2023, 1, 1), date(2028, 12, 31))
    return lambda login: resolve_actor(ctx, login, via="cli")


def test_only_items_on_the_confirmed_list_can_be_filed(ctx: AppContext, office: Callable[[str], Actor]) -> None:
    assert not ctx.is_demo

    def new(item: str, on: str) -> str:
        return register_case(ctx, office("off1"), NewCase(item_code=item, source="inspection", facts="露天焚烧",
                                                          party=PERSON, on=at(on))).case_id

    def do(who: str, case: str, action: str, on: str, **kw: Any) -> str:
        return perform(ctx, office(who), case, action, ActionInput(on=at(on), **kw)).state

    # an item that is not on the list is not even registered
    with pytest.raises(Refused, match="不在现行执法事项清单内"):
        new("XX-99", "2026-09-01 09:00")
    # a clue on the sample list may be registered and accepted, but not filed
    case = new("DQ-01", "2026-09-01 09:00")
    do("lead", case, "accept", "2026-09-01 10:00")
    with pytest.raises(Refused, match=r"执法事项清单仍为示例.*第二十四条"):
        do("leader", case, "file", "2026-09-01 11:00")
    answers = {a.action: a for a in case_actions(ctx, office("leader"), case)}
    assert not answers["file"].allowed and "第二十四条" in (answers["file"].reason or "")
    # nor decided on the spot (the simple procedure enforces the list too)
    spot = new("SR-01", "2026-09-01 12:00")
    with pytest.raises(Refused, match="第二十四条"):
        do("off1", spot, "decide_on_spot", "2026-09-01 12:30", officers=["off1", "off2"], penalty="warning",
           form_number="WS-1")
    with pytest.raises(PermissionDenied):
        items_service.confirm_list(ctx, office("leader"))
    items_service.confirm_list(ctx, resolve_actor(ctx, "admin", via="cli"))
    assert do("leader", case, "file", "2026-09-02 09:00") == "filed"
    assert show_case(ctx, office("leader"), case).number == "文水刘立字〔2026〕第1号"
    assert do("off1", spot, "decide_on_spot", "2026-09-02 12:30", officers=["off1", "off2"],
              penalty="warning", form_number="WS-1") == "served"
    assert verify(ctx).ok


# =============================================================================== officers


def test_at_least_two_officers(walker: Walker) -> None:
    w = walker
    w.new(on="2026-09-01 08:00")
    w.do("demo-lead", "accept", "2026-09-01 09:00")
    w.do("demo-leader", "file", "2026-09-01 10:00")
    with pytest.raises(Refused, match="执法人员不得少于两人（行政处罚法第四十二条）"):
        w.do("demo-lead", "investigate", "2026-09-01 11:00", officers=["demo-officer1"])
    # a user who is not an officer has no certificate
    with pytest.raises(Refused, match=r"未登记为执法人员.*第四十二条"):
        w.do("demo-lead", "investigate", "2026-09-01 11:00", officers=["demo-officer1", "demo-reviewer"])
    assert w.do("demo-lead", "investigate", "2026-09-01 11:00", officers=list(HANDLERS)).state == "investigating"


def test_a_certificate_lapsing_mid_case(walker: Walker) -> None:
    """第四十二条 on every day of the case: the officer whose certificate lapsed after the assignment
    records nothing more, and the 调查终结 says so (refusing it would strand the case)."""
    w = walker
    open_case(w, date(2026, 8, 3))  # demo-officer1 and demo-officer2, a 笔录 of both on 2026-08-03
    change_certificate_state(w.ctx, _admin(w), "demo-officer2", "recalled", date(2026, 8, 10), "调离执法岗位")
    with pytest.raises(Refused, match=r"已于 2026-08-10 收回"):
        w.record(t(date(2026, 8, 11)))
    concluded = w.do("demo-officer1", "conclude", t(date(2026, 8, 12)), findings="事实清楚，证据确凿")
    assert concluded.state == "investigated"
    assert any("已于 2026-08-10 收回" in x and "只剩 1 名" in x and "第四十二条" in x for x in concluded.warnings)
    # two certified officers again through 补充调查
    w.do("demo-lead", "review_case", t(date(2026, 8, 13)), outcome="passed", opinion="同意")
    w.do("demo-lead", "investigate", t(date(2026, 8, 14)), officers=["demo-officer1", "demo-officer3"])
    w.record(t(date(2026, 8, 14), "14:00"), officers=("demo-officer1", "demo-officer3"))
    again = w.do("demo-officer1", "conclude", t(date(2026, 8, 17)), findings="补充调查后事实清楚")
    lapsed = [x for x in again.warnings if "收回" in x]
    assert len(lapsed) == 1 and "不得再以执法人员身份参与本案" in lapsed[0]  # two remain: a note only
    # a case whose handlers all hold certificates hears nothing of it
    open_case(w, date(2026, 8, 3), officers=("demo-officer3", "demo-officer4"))
    clean = w.do("demo-officer3", "conclude", t(date(2026, 8, 12)), findings="事实清楚")
    assert not [x for x in clean.warnings if "第四十二条" in x]


def test_no_decision_without_two_certified_handlers_that_day(walker: Walker) -> None:
    """第四十二条 at the decision too: a handler's certificate recalled after the notice leaves one."""
    w = walker
    day = _ready_to_decide(w, date(2026, 9, 1))  # demo-officer1 and demo-officer2
    change_certificate_state(w.ctx, _admin(w), "demo-officer2", "recalled", day, "调离执法岗位")
    refused = {a.action: a.reason for a in case_actions(w.ctx, w.who("demo-leader"), w.case_id, today=day)}
    assert "不足两名" in (refused["decide"] or "") and "收回" in (refused["decide"] or "")
    with pytest.raises(Refused, match=r"持有效执法证的承办人员不足两名.*补充调查.*第四十二条"):
        decide_fine(w, day)
    # the day before the recall the same decision was possible
    assert case_actions(w.ctx, w.who("demo-leader"), w.case_id, today=day - timedelta(days=1))
    assert not [a for a in case_actions(w.ctx, w.who("demo-leader"), w.case_id, today=day - timedelta(days=1))
                if a.action == "decide" and not a.allowed]
    # 补充调查 with a certified officer, then the decision
    w.do("demo-lead", "investigate", t(day), officers=["demo-officer1", "demo-officer3"])
    w.record(t(day, "14:00"), officers=("demo-officer1", "demo-officer3"))
    conclude_and_review(w, day + timedelta(days=1))
    notify_and_serve(w, day + timedelta(days=2))
    waive_both(w, day + timedelta(days=3))
    assert decide_fine(w, day + timedelta(days=4)).state == "decided"


def test_certificate_must_be_valid_that_day(walker: Walker) -> None:
    w = walker
    change_certificate_state(w.ctx, _admin(w), "demo-officer2", "recalled", date(2026, 9, 1), "调离执法岗位")
    # before the recall: allowed
    w.new(on="2026-08-20 08:00")
    w.do("demo-lead", "accept", "2026-08-20 09:00")
    w.do("demo-leader", "file", "2026-08-20 10:00")
    assert w.do("demo-lead", "investigate", "2026-08-31 11:00", officers=list(HANDLERS)).state == "investigating"
    # from the day of the recall on: refused
    w.new(on="2026-09-01 08:00")
    w.do("demo-lead", "accept", "2026-09-01 09:00")
    w.do("demo-leader", "file", "2026-09-01 10:00")
    with pytest.raises(Refused, match=r"已于 2026-09-01 收回.*第四十二条"):
        w.do("demo-lead", "investigate", "2026-09-01 11:00", officers=list(HANDLERS))
    assert w.do("demo-lead", "investigate", "2026-09-01 11:00",
                officers=["demo-officer1", "demo-officer3"]).state == "investigating"
    # the same for the simple procedure
    w.new(item="SR-01", on="2026-09-02 08:00")
    with pytest.raises(Refused, match=r"收回.*第四十二条"):
        w.do("demo-officer1", "decide_on_spot", "2026-09-02 08:30", officers=list(HANDLERS),
             penalty="warning", form_number="WS-2")
    w.new(item="SR-01", on="2026-08-25 08:00")
    assert w.do("demo-officer1", "decide_on_spot", "2026-08-25 08:30", officers=list(HANDLERS),
                penalty="warning", form_number="WS-3").state == "served"


# =============================================================================== 办、审、定三分离


def test_a_handler_cannot_review_the_case(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1), officers=("demo-lead", "demo-officer1"))
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="事实清楚")
    with pytest.raises(Refused, match="办、审、定须由不同人员担任：您是本案承办人，不能审核本案调查结果"):
        w.do("demo-lead", "review_case", "2026-09-10 10:00", outcome="passed", opinion="同意")
    # a team lead who did not handle the case reviews it
    _add_user(w, "demo-lead2", "team_lead")
    assert w.do("demo-lead2", "review_case", "2026-09-10 10:00", outcome="passed", opinion="同意").state \
        == "investigated"


def test_a_handler_cannot_decide(walker: Walker) -> None:
    w = walker
    set_roles(w.ctx, _admin(w), "demo-lead", "team_lead,officer,leader")
    _add_user(w, "demo-lead2", "team_lead")
    open_case(w, date(2026, 9, 1), officers=("demo-lead", "demo-officer1"))
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="事实清楚")
    w.do("demo-lead2", "review_case", "2026-09-10 10:00", outcome="passed", opinion="同意")
    notify_and_serve(w, date(2026, 9, 11))
    waive_both(w, date(2026, 9, 14))
    with pytest.raises(Refused, match="您是本案承办人，不能作出决定"):
        w.do("demo-lead", "decide", "2026-09-15 10:00", kind="penalty", penalty="fine", amount=1000,
             tier="general", explanation="一般情形")
    assert decide_fine(w, date(2026, 9, 15)).state == "decided"


def test_the_case_reviewer_cannot_decide(walker: Walker) -> None:
    w = walker
    set_roles(w.ctx, _admin(w), "demo-lead", "team_lead,officer,leader")
    day = _ready_to_decide(w, date(2026, 9, 1))
    with pytest.raises(Refused, match="您是本案案件审核人，不能作出决定"):
        w.do("demo-lead", "decide", t(day), kind="penalty", penalty="fine", amount=1000, tier="general",
             explanation="一般情形")
    answers = {a.action: a for a in case_actions(w.ctx, w.who("demo-lead"), w.case_id, today=day)}
    assert not answers["decide"].allowed
    assert answers["decide"].reason == "办、审、定须由不同人员担任：您是本案案件审核人，不能作出决定"
    assert decide_fine(w, day).state == "decided"


def _reviewer_is_also_an_officer(w: Walker) -> None:
    set_roles(w.ctx, _admin(w), "demo-reviewer", "legal_reviewer,officer")
    _make_officer(w, "demo-reviewer", "141121269999")


def test_a_handler_cannot_do_the_legal_review(walker: Walker) -> None:
    w = walker
    _reviewer_is_also_an_officer(w)
    day = _ready_to_decide(w, date(2026, 9, 1), item="DQ-02", officers=("demo-reviewer", "demo-officer1"))
    w.do("demo-officer1", "submit_review", t(day))
    with pytest.raises(Refused, match="您是本案承办人，不能对本案进行法制审核"):
        w.do("demo-reviewer", "legal_review", t(day, "10:00"), outcome="passed", opinion="同意")


def test_the_legal_reviewer_cannot_become_a_handler(walker: Walker) -> None:
    w = walker
    _reviewer_is_also_an_officer(w)
    day = _ready_to_decide(w, date(2026, 9, 1), item="DQ-02")
    w.do("demo-officer1", "submit_review", t(day))
    w.do("demo-reviewer", "legal_review", t(day, "10:00"), outcome="returned", opinion="证据不足，补充调查",
         to="investigating")
    w.do("demo-officer1", "conclude", t(day, "10:30"), findings="补充调查前的结论")
    # 补充调查 with other officers: the legal reviewer (法制审核) may not become one of them (办)
    with pytest.raises(Refused, match=r"办、审、定须由不同人员担任.*法制审核人"):
        w.do("demo-lead", "investigate", t(day, "11:00"), officers=["demo-reviewer", "demo-officer2"])
    # nor the case reviewer (审) a handler (办)
    with pytest.raises(Refused, match=r"办、审、定须由不同人员担任.*案件审核人"):
        w.do("demo-lead", "investigate", t(day, "11:00"), officers=["demo-lead", "demo-officer2"])
    assert w.do("demo-lead", "investigate", t(day, "11:00"),
                officers=["demo-officer3", "demo-officer2"]).state == "investigating"


def test_recusal_removes_the_person_from_the_case(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1), officers=("demo-officer1", "demo-officer2", "demo-officer3"))
    with pytest.raises(InvalidInput, match="回避的人员"):
        w.do("demo-leader", "approve", "2026-09-02 09:00", what="recusal", outcome="granted", reason="利害关系")
    w.do("demo-leader", "approve", "2026-09-02 09:00", what="recusal", outcome="granted",
         reason="系当事人近亲属（行政处罚法第四十三条）", person="demo-officer2")
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert "demo-officer2" not in {o.login for o in detail.officers}
    assert {"demo-officer1", "demo-officer3"} <= {o.login for o in detail.officers}
    with pytest.raises(Refused, match=r"回避.*第四十三条"):
        w.do("demo-officer2", "conclude", "2026-09-03 09:00", findings="事实清楚")
    assert w.do("demo-officer1", "conclude", "2026-09-03 09:00", findings="事实清楚").state == "investigated"
    # nor may the recused officer be brought back into the case (补充调查)
    with pytest.raises(Refused, match=r"回避.*第四十三条"):
        w.do("demo-lead", "investigate", "2026-09-04 10:00", officers=["demo-officer2", "demo-officer4"])
    assert w.do("demo-lead", "investigate", "2026-09-04 10:00",
                officers=["demo-officer3", "demo-officer4"]).state == "investigating"


# =============================================================================== 法制审核


def test_legal_review_required_for_a_major_item(walker: Walker) -> None:
    w = walker
    day = _ready_to_decide(w, date(2026, 9, 1), item="DQ-02")
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert detail.legal_review_required and "重大执法决定" in (detail.legal_review_reason or "")
    with pytest.raises(Refused, match="决定前须经法制审核（行政处罚法第五十八条）"):
        decide_fine(w, day)
    assert w.do("demo-officer1", "submit_review", t(day, "11:00")).state == "legal_review"
    w.do("demo-reviewer", "legal_review", t(day, "14:00"), outcome="passed", opinion="事实清楚，适用法律正确")
    assert decide_fine(w, day + timedelta(days=1)).state == "decided"
    # a non-major item needs none
    to_decided_fine(w, date(2026, 9, 1))
    assert not show_case(w.ctx, w.who("demo-leader"), w.case_id).legal_review_required
    assert state(w) == "decided"


def test_legal_review_required_from_the_fine_threshold_setting(walker: Walker) -> None:
    """threshold.legal_review_fine (第五十八条第一款第四项: 其他规定): a fine at or above it is reviewed;
    the notified amount decides (a decision may not be heavier, 第四十五条第二款)."""
    from desktop_app.services.settings import set_setting

    w = walker
    set_setting(w.ctx, _admin(w), "threshold.legal_review_fine", "1000")
    day = _ready_to_decide(w, date(2026, 9, 1), amount=1000)  # DQ-01: not a major item
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert detail.legal_review_required and detail.legal_review_reason == "罚款数额达到须法制审核的标准（1000 元）"
    with pytest.raises(Refused, match="决定前须经法制审核（行政处罚法第五十八条）"):
        decide_fine(w, day)
    below = _ready_to_decide(w, date(2026, 9, 1), amount=800)
    assert not show_case(w.ctx, w.who("demo-leader"), w.case_id).legal_review_required
    assert decide_fine(w, below, amount=800).state == "decided"


def test_no_penalty_for_a_major_item_needs_the_legal_review_too(walker: Walker) -> None:
    """第五十八条 reviews the 重大执法决定 whatever it decides: a 不予行政处罚 straight after the 案件审核
    (no 告知 needed, 第三十三条) once skipped the review of a major item."""
    w = walker
    open_case(w, date(2026, 9, 1), item="DQ-02")  # a major item
    conclude_and_review(w, date(2026, 9, 11))
    with pytest.raises(Refused, match="决定前须经法制审核（行政处罚法第五十八条）"):
        w.do("demo-leader", "decide", t(date(2026, 9, 14)), kind="no_penalty", ground="not_established",
             explanation="证据不足")
    refused = {a.action: a.reason for a in case_actions(w.ctx, w.who("demo-leader"), w.case_id) if not a.allowed}
    assert "第五十八条" in (refused.get("decide") or "")
    # reviewed without a 告知: a return can only go back to the investigation
    assert w.do("demo-officer1", "submit_review", t(date(2026, 9, 14))).state == "legal_review"
    with pytest.raises(Refused, match="只能退回“调查取证”"):
        w.do("demo-reviewer", "legal_review", t(date(2026, 9, 15)), outcome="returned", to="notified",
             opinion="补充证据")
    # nor may a penalty be decided from there: the party was never told of one (第四十四条)
    w.do("demo-reviewer", "legal_review", t(date(2026, 9, 15)), outcome="passed", opinion="证据不足，同意不予处罚")
    with pytest.raises(Refused, match="第四十四条"):
        decide_fine(w, date(2026, 9, 16))
    decided = w.do("demo-leader", "decide", t(date(2026, 9, 16)), kind="no_penalty", ground="not_established",
                   explanation="证据不足")
    assert decided.state == "decided"
    # a non-major item is decided straight away, as before; its 法制审核 before a 告知 would lead nowhere
    open_case(w, date(2026, 9, 1))
    conclude_and_review(w, date(2026, 9, 11))
    with pytest.raises(Refused, match="本案无须法制审核；拟给予行政处罚的，请先告知当事人"):
        w.do("demo-officer1", "submit_review", t(date(2026, 9, 14)))
    assert w.do("demo-leader", "decide", t(date(2026, 9, 14)), kind="no_penalty", ground="first_offence",
                explanation="首次违法，危害后果轻微并及时改正").state == "decided"


def _hold_hearing(w: Walker, served: date) -> date:
    """The party requests a hearing the day after the notice was served; returns the hearing day."""
    w.do("demo-officer1", "request_hearing", t(served + timedelta(days=1)))
    host = w.do("demo-leader", "approve", t(served + timedelta(days=2)), what="hearing_host",
                outcome="granted", host="demo-officer3", reason="指定听证主持人",
                hearing_time=t(served + timedelta(days=14)), hearing_place="镇政府会议室")
    w.serve("demo-officer1", host.document_id, t(served + timedelta(days=2), "15:00"))
    held = served + timedelta(days=14)
    w.do("demo-officer3", "hold_hearing", t(held), outcome="held", record=w.proof)
    return held


def test_legal_review_required_after_a_hearing(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 3))  # DQ-01: not a major item
    conclude_and_review(w, date(2026, 8, 13))
    notify_and_serve(w, date(2026, 8, 17))
    held = _hold_hearing(w, date(2026, 8, 17))
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert detail.legal_review_required and detail.legal_review_reason == "经过听证程序"
    with pytest.raises(Refused, match="第五十八条"):
        decide_fine(w, held + timedelta(days=1))
    w.do("demo-officer1", "submit_review", t(held + timedelta(days=1)))
    w.do("demo-reviewer", "legal_review", t(held + timedelta(days=2)), outcome="passed", opinion="同意")
    assert decide_fine(w, held + timedelta(days=3)).state == "decided"


def test_legal_review_and_discussion_required_for_a_complex_case(walker: Walker) -> None:
    w = walker
    day = _ready_to_decide(w, date(2026, 9, 1), complex_case=True)
    with pytest.raises(Refused, match="第五十八条"):
        decide_fine(w, day)
    w.do("demo-officer1", "submit_review", t(day))
    w.do("demo-reviewer", "legal_review", t(day, "10:00"), outcome="passed", opinion="同意")
    with pytest.raises(Refused, match="集体讨论决定（行政处罚法第五十七条第二款）"):
        decide_fine(w, day + timedelta(days=1))
    with pytest.raises(Refused, match="不参加本案集体讨论"):
        w.do("demo-leader", "discuss", t(day + timedelta(days=1)), participants=["demo-leader", "demo-officer1"],
             views=w.proof, conclusion="同意")
    # 集体 means more than one 负责人, and only 负责人 (第五十七条第二款)
    with pytest.raises(Refused, match="两名以上负责人"):
        w.do("demo-leader", "discuss", t(day + timedelta(days=1)), participants=["demo-leader"], views=w.proof,
             conclusion="同意")
    with pytest.raises(Refused, match="“demo-clerk”不是负责人"):
        w.do("demo-leader", "discuss", t(day + timedelta(days=1)), participants=["demo-leader", "demo-clerk"],
             views=w.proof, conclusion="同意")
    w.do("demo-leader", "discuss", t(day + timedelta(days=1)), participants=["demo-leader", "demo-mayor"],
         views=w.proof, conclusion="同意罚款 1000 元")
    assert decide_fine(w, day + timedelta(days=1)).state == "decided"


def test_legal_review_returned_for_more_investigation(walker: Walker) -> None:
    w = walker
    day = _ready_to_decide(w, date(2026, 9, 1), item="DQ-02")
    w.do("demo-officer1", "submit_review", t(day))
    with pytest.raises(Refused, match="须指定退回"):
        w.do("demo-reviewer", "legal_review", t(day, "10:00"), outcome="returned", opinion="证据不足")
    back = w.do("demo-reviewer", "legal_review", t(day, "10:00"), outcome="returned", opinion="证据不足，补充调查",
                to="investigating")
    assert back.state == "investigating"
    # 补充调查: the new findings are concluded, reviewed (审) and notified again
    w.do("demo-officer1", "conclude", t(day + timedelta(days=3)), findings="补充证据后事实清楚")
    with pytest.raises(Refused, match="尚未经案件审核通过"):
        w.do("demo-lead", "notify", t(day + timedelta(days=3), "10:00"), penalty="fine", amount=1000,
             hearing_rights=True)
    w.do("demo-lead", "review_case", t(day + timedelta(days=3), "11:00"), outcome="passed", opinion="同意")
    notice = notify_and_serve(w, day + timedelta(days=4))
    assert notice.document_number == "文水刘罚告字〔2026〕第2号"
    waive_both(w, day + timedelta(days=5))
    with pytest.raises(Refused, match="第五十八条"):
        decide_fine(w, day + timedelta(days=6))
    w.do("demo-officer1", "submit_review", t(day + timedelta(days=6)))
    w.do("demo-reviewer", "legal_review", t(day + timedelta(days=6), "10:00"), outcome="passed", opinion="同意")
    assert decide_fine(w, day + timedelta(days=7)).state == "decided"


def test_legal_review_failed(walker: Walker) -> None:
    w = walker
    day = _ready_to_decide(w, date(2026, 9, 1), item="DQ-02")
    w.do("demo-officer1", "submit_review", t(day))
    failed = w.do("demo-reviewer", "legal_review", t(day, "10:00"), outcome="failed",
                  opinion="适用法律错误，应改为警告", to="notified")
    assert failed.state == "notified"
    with pytest.raises(Refused, match="决定前须经法制审核（行政处罚法第五十八条）"):
        decide_fine(w, day + timedelta(days=1))
    w.do("demo-officer1", "submit_review", t(day + timedelta(days=1)))
    w.do("demo-reviewer", "legal_review", t(day + timedelta(days=1), "10:00"), outcome="passed", opinion="同意")
    assert decide_fine(w, day + timedelta(days=2)).state == "decided"


def test_legal_reviewer_needs_the_legal_qualification(walker: Walker) -> None:
    w = walker
    _add_user(w, "reviewer2", "legal_reviewer")  # no 法律职业资格 recorded
    day = _ready_to_decide(w, date(2026, 9, 1), item="DQ-02")
    w.do("demo-officer1", "submit_review", t(day))
    with pytest.raises(Refused, match="初次从事法制审核的人员应当取得法律职业资格（行政处罚法第五十八条第二款）"):
        w.do("reviewer2", "legal_review", t(day, "10:00"), outcome="passed", opinion="同意")
    set_legal_qualification(w.ctx, _admin(w), "reviewer2", "A20231401000123")
    assert w.do("reviewer2", "legal_review", t(day, "10:00"), outcome="passed", opinion="同意").state \
        == "legal_review"


# =============================================================================== notice and windows


def test_no_decision_before_the_notice_is_served(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    conclude_and_review(w, date(2026, 9, 2))
    w.do("demo-lead", "notify", "2026-09-03 09:00", penalty="fine", amount=1000, hearing_rights=True)
    with pytest.raises(Refused, match="告知书尚未送达当事人（行政处罚法第四十四条）"):
        decide_fine(w, date(2026, 9, 20))
    # the intended penalty is stated, and the hearing right for a fine (while 较大数额 is unset)
    with pytest.raises(Refused, match="须写明拟作出的行政处罚"):
        w.do("demo-lead", "notify", "2026-09-04 09:00", hearing_rights=True)
    with pytest.raises(Refused, match="要求听证的权利（行政处罚法第六十三条）"):
        w.do("demo-lead", "notify", "2026-09-04 09:00", penalty="fine", amount=1000, hearing_rights=False)


def test_no_decision_before_the_windows_end_or_are_waived(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 31))
    conclude_and_review(w, date(2026, 9, 4))
    notify_and_serve(w, date(2026, 9, 7))  # served Monday 09-07: statement to 09-10, hearing to 09-14
    with pytest.raises(Refused, match=r"陈述申辩期限尚未届满（至 2026-09-10）.*第四十四条"):
        decide_fine(w, date(2026, 9, 8))
    with pytest.raises(InvalidInput, match="书面放弃的凭证"):
        w.do("demo-officer1", "waive", "2026-09-08 09:00", what="statement")
    w.do("demo-officer1", "waive", "2026-09-08 09:00", what="statement", proof=w.proof)
    # a waiver of 陈述申辩 does not waive the hearing
    with pytest.raises(Refused, match="当事人只放弃了陈述申辩，听证申请期限尚未届满（至 2026-09-14）"):
        decide_fine(w, date(2026, 9, 9))
    with pytest.raises(Refused, match="听证申请期限尚未届满"):
        w.do("demo-officer1", "submit_review", "2026-09-14 09:00")
    # both windows over
    assert decide_fine(w, date(2026, 9, 15)).state == "decided"


def test_decision_after_the_statement_window_when_the_hearing_is_waived(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 31))
    conclude_and_review(w, date(2026, 9, 4))
    notify_and_serve(w, date(2026, 9, 7))
    w.do("demo-officer1", "waive", "2026-09-08 09:00", what="hearing", proof=w.proof)
    with pytest.raises(Refused, match="陈述申辩期限尚未届满（至 2026-09-10）"):
        decide_fine(w, date(2026, 9, 10))
    assert decide_fine(w, date(2026, 9, 11)).state == "decided"


def test_a_warning_needs_no_hearing_window(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 31), item="SR-01")  # 可以并处警告、罚款
    conclude_and_review(w, date(2026, 9, 4))
    notify_and_serve(w, date(2026, 9, 7), penalty="warning", amount=None, hearing_rights=False)
    with pytest.raises(Refused, match="不属于可以要求听证的情形（行政处罚法第六十三条）"):
        w.do("demo-officer1", "request_hearing", "2026-09-08 09:00")
    w.do("demo-officer1", "waive", "2026-09-08 09:00", what="statement", proof=w.proof)
    assert w.do("demo-leader", "decide", "2026-09-08 10:00", kind="penalty", penalty="warning",
                explanation="情节轻微，给予警告").state == "decided"


def test_a_requested_hearing_is_held_before_the_decision_by_a_host_who_did_not_investigate(
        walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 31))
    conclude_and_review(w, date(2026, 9, 4))
    notify_and_serve(w, date(2026, 9, 7))  # hearing request window to 09-14
    w.do("demo-officer1", "waive", "2026-09-08 09:00", what="statement", proof=w.proof)
    with pytest.raises(Refused, match="要求听证的期限已于 2026-09-14 届满（行政处罚法第六十四条）"):
        w.do("demo-officer1", "request_hearing", "2026-09-15 09:00")
    assert w.do("demo-officer1", "request_hearing", "2026-09-14 09:00").state == "hearing"
    with pytest.raises(Refused, match="当前状态“听证”不能进行“决定”"):
        decide_fine(w, date(2026, 9, 16))
    answers = {a.action: a for a in case_actions(w.ctx, w.who("demo-leader"), w.case_id)}
    assert not answers["decide"].allowed and "听证" in (answers["decide"].reason or "")
    with pytest.raises(Refused, match=r"尚未指定听证主持人.*第六十四条"):
        w.do("demo-officer3", "hold_hearing", "2026-09-16 09:00", outcome="held", record=w.proof)
    with pytest.raises(Refused, match="听证主持人不得由本案调查人员担任（行政处罚法第六十四条）"):
        w.do("demo-leader", "approve", "2026-09-21 09:00", what="hearing_host", outcome="granted",
             host="demo-officer1", reason="指定")
    # nor by those who take no part in cases: the county's supervisor, the archive clerk, the admin
    for outsider in ("demo-supervisor", "demo-clerk", "demo-admin"):
        with pytest.raises(Refused, match=rf"“{outsider}”不能主持听证.*第六十四条"):
            w.do("demo-leader", "approve", "2026-09-21 09:00", what="hearing_host", outcome="granted",
                 host=outsider, reason="指定")
    host = w.do("demo-leader", "approve", "2026-09-21 09:00", what="hearing_host", outcome="granted",
                host="demo-officer3", reason="指定", hearing_time="2026-10-09 09:00", hearing_place="镇政府会议室")
    assert host.document_number == "文水刘听通字〔2026〕第1号"
    with pytest.raises(Refused, match="听证通知书尚未送达当事人"):
        w.do("demo-officer3", "hold_hearing", "2026-09-22 09:00", outcome="held", record=w.proof)
    w.serve("demo-officer1", host.document_id, "2026-09-22 10:00")
    # 7 working days after Tuesday 09-22: 09-23, 09-24, (09-25..27 Mid-Autumn off) 09-28, 09-29, 09-30,
    # (10-01..07 National Day off) 10-08, 10-09 — the earliest day for the hearing (第六十四条、第八十五条)
    with pytest.raises(Refused, match="七个工作日后举行，最早 2026-10-09"):
        w.do("demo-officer3", "hold_hearing", "2026-10-08 09:00", outcome="held", record=w.proof)
    with pytest.raises(Refused, match="负责人指定的听证主持人"):
        w.do("demo-officer4", "hold_hearing", "2026-10-09 09:00", outcome="held", record=w.proof)
    assert w.do("demo-officer3", "hold_hearing", "2026-10-09 09:00", outcome="held",
                record=w.proof).state == "notified"
    # after the hearing, 法制审核 (第五十八条第一款第二项), then the decision
    with pytest.raises(Refused, match="第五十八条"):
        decide_fine(w, date(2026, 10, 10))
    w.do("demo-officer1", "submit_review", "2026-10-10 09:00")  # a Saturday worked (调休)
    w.do("demo-reviewer", "legal_review", "2026-10-12 10:00", outcome="passed", opinion="同意")
    assert decide_fine(w, date(2026, 10, 13)).state == "decided"
    roles = {(o.login, o.role_in_case) for o in show_case(w.ctx, w.who("demo-leader"), w.case_id).officers}
    assert ("demo-officer3", "hearing_host") in roles


def test_no_heavier_penalty_than_notified(walker: Walker) -> None:
    w = walker
    day = _ready_to_decide(w, date(2026, 9, 1), amount=1000)
    with pytest.raises(Refused, match=r"不得重于告知的处罚.*第四十五条第二款"):
        decide_fine(w, day, 1200, tier="serious")
    with pytest.raises(Refused, match="不得重于告知的处罚"):
        w.do("demo-leader", "decide", t(day), kind="penalty", penalty="suspend_business",
             explanation="情节严重")
    assert decide_fine(w, day, 900).state == "decided"


# =============================================================================== discretion


def test_only_a_penalty_the_article_provides(walker: Walker) -> None:
    """行政处罚法第四条: no warning where the article names none, no fine where it orders only the
    return of the land, a 警告（个人） not for a company — at the notice, on the spot and at the decision."""
    w = walker
    # GF-01 (随意倾倒生活垃圾, 固废法第一百一十一条): 罚款、没收违法所得 — no warning, not even on the spot
    w.new(item="GF-01", on="2026-09-01 10:00")
    with pytest.raises(Refused, match=r"没有规定警告.*第四条"):
        w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS), penalty="warning",
             form_number="WS-0000031")
    assert state(w) == "clue"
    assert w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS), penalty="fine",
                amount=200, form_number="WS-0000031").state == "served"
    # XF-01 (占用疏散通道, 消防法第六十四条): 警告 for a person only
    w.new(item="XF-01", party=ORG, on="2026-09-02 10:00")
    with pytest.raises(Refused, match=r"对单位没有规定警告"):
        w.do("demo-officer1", "decide_on_spot", "2026-09-02 10:30", officers=list(HANDLERS), penalty="warning",
             form_number="WS-0000032")
    w.new(item="XF-01", on="2026-09-02 11:00")
    assert w.do("demo-officer1", "decide_on_spot", "2026-09-02 11:30", officers=list(HANDLERS),
                penalty="warning", form_number="WS-0000033").state == "served"
    # TD-01 (非法占地建住宅, 土地管理法第七十八条): 退还土地、拆除 — no fine, neither notified nor decided
    open_case(w, date(2026, 9, 1), item="TD-01")
    conclude_and_review(w, date(2026, 9, 11))
    with pytest.raises(Refused, match=r"没有规定罚款.*第四条"):
        w.do("demo-lead", "notify", "2026-09-14 09:00", penalty="fine", amount=1000, hearing_rights=True)
    # DQ-01: a fine of 500—2000 元 but no warning; the decision is held to the same rule as the notice
    open_case(w, date(2026, 9, 1))
    conclude_and_review(w, date(2026, 9, 11))
    with pytest.raises(Refused, match=r"没有规定警告"):
        w.do("demo-lead", "notify", "2026-09-14 09:00", penalty="warning", hearing_rights=False)
    notify_and_serve(w, date(2026, 9, 14), amount=800)
    waive_both(w, date(2026, 9, 15))
    with pytest.raises(Refused, match=r"没有规定警告"):
        w.do("demo-leader", "decide", "2026-09-16 10:00", kind="penalty", penalty="warning",
             explanation="情节轻微")
    assert decide_fine(w, date(2026, 9, 16), 800, tier="minor").state == "decided"


def test_discretion_range_tier_and_explanation(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    conclude_and_review(w, date(2026, 9, 11))
    # the notice may not announce what no decision could impose: DQ-01's range is 500—2000 元
    with pytest.raises(Refused, match="罚款 3000 元超出该事项的法定幅度 500—2000 元"):
        w.do("demo-lead", "notify", "2026-09-12 09:00", penalty="fine", amount=3000, hearing_rights=True)
    notify_and_serve(w, date(2026, 9, 12), amount=2000)
    waive_both(w, date(2026, 9, 13))
    day = date(2026, 9, 14)
    with pytest.raises(Refused, match="罚款 1000 元超出所选裁量档次“轻微”的幅度 500—800 元"):
        decide_fine(w, day, 1000, tier="minor")
    with pytest.raises(Refused, match="须选择裁量档次"):
        w.do("demo-leader", "decide", t(day), kind="penalty", penalty="fine", amount=1000,
             explanation="一般情形")
    with pytest.raises(Refused, match="须填写裁量说明"):
        w.do("demo-leader", "decide", t(day), kind="penalty", penalty="fine", amount=1000, tier="general",
             explanation="  ")
    decided = decide_fine(w, day, 1000, tier="general")
    assert decided.state == "decided"
    assert decided.document_number == "文水刘罚决字〔2026〕第1号"  # the refusals took no number
    decision = show_case(w.ctx, w.who("demo-leader"), w.case_id).decision
    assert decision["tier"] == "general" and decision["explanation"]


# =============================================================================== limitation


def test_limitation(walker: Walker) -> None:
    w = walker
    reg = register_case(w.ctx, w.who("demo-officer1"), NewCase(
        item_code="DQ-01", source="inspection", facts="露天焚烧", party=PERSON, on=at("2026-08-03 09:00"),
        act_date=date(2024, 8, 2), discovered_on=date(2026, 8, 3)))
    assert any("追责时效" in x and "第三十六条" in x for x in reg.warnings)
    w.case_id = reg.case_id
    assert "limitation" in {s.kind for s in show_case(w.ctx, w.who("demo-leader"), w.case_id).suggestions}
    w.do("demo-lead", "accept", "2026-08-03 10:00")
    filed = w.do("demo-leader", "file", "2026-08-03 11:00")
    assert filed.state == "filed" and any("追责时效" in x for x in filed.warnings)
    w.do("demo-lead", "investigate", "2026-08-03 14:00", officers=list(HANDLERS))
    w.record("2026-08-04 09:00")
    conclude_and_review(w, date(2026, 8, 10))
    with pytest.raises(Refused, match="超过追责时效，不得给予行政处罚（行政处罚法第三十六条）"):
        w.do("demo-lead", "notify", "2026-08-11 09:00", penalty="fine", amount=1000, hearing_rights=True)
    assert w.do("demo-leader", "decide", "2026-08-11 10:00", kind="no_penalty", ground="time_barred",
                explanation="超过追责时效，不予行政处罚").state == "decided"
    # a penalty decided on the spot is refused as well (SR-01 is not a continuing act)
    w.new(item="SR-01", on="2026-08-04 09:00", act_date=date(2024, 8, 1), discovered_on=date(2026, 8, 4))
    with pytest.raises(Refused, match="第三十六条"):
        w.do("demo-officer1", "decide_on_spot", "2026-08-04 09:30", officers=list(HANDLERS), penalty="warning",
             form_number="WS-9")
    # exactly two years: still in time
    reg = register_case(w.ctx, w.who("demo-officer1"), NewCase(
        item_code="SR-01", source="inspection", facts="乱扔烟头", party=PERSON, on=at("2026-08-04 10:00"),
        act_date=date(2024, 8, 4), discovered_on=date(2026, 8, 4)))
    assert not reg.warnings
    w.case_id = reg.case_id
    assert w.do("demo-officer1", "decide_on_spot", "2026-08-04 10:30", officers=list(HANDLERS),
                penalty="warning", form_number="WS-10").state == "served"
    # a continuing act (GL-01 by default) runs from its end: an old start is no bar
    reg = register_case(w.ctx, w.who("demo-officer1"), NewCase(
        item_code="GL-01", source="inspection", facts="长期占道摆摊", party=PERSON, on=at("2026-08-05 10:00"),
        act_date=date(2023, 1, 1), discovered_on=date(2026, 8, 5)))
    assert not reg.warnings


# =============================================================================== 不得以罚代刑


def test_no_fine_while_a_judicial_transfer_is_pending(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2026, 8, 3))
    w.serve("demo-officer1", decided.document_id, "2026-08-17 10:00")
    w.do("demo-leader", "approve", "2026-08-18 09:00", what="transfer", outcome="granted", reason="涉嫌犯罪")
    # after the decision a transfer is recorded and execution goes on
    recorded = w.do("demo-leader", "transfer", "2026-08-18 10:00", to="judicial", reason="发现涉嫌犯罪线索")
    assert recorded.state == "served"
    # the decision is revoked for a new one: no fine while the judicial organs have the case
    w.do("demo-officer1", "appeal", "2026-08-20 10:00", kind="review", outcome="pending")
    assert w.do("demo-officer1", "appeal", "2026-09-20 10:00", kind="review", outcome="redo").state \
        == "investigating"
    # the revoked decision's penalty is gone with it
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert detail.decision == {} and detail.execution.fine is None
    conclude_and_review(w, date(2026, 9, 21))
    with pytest.raises(Refused, match="移送司法机关期间不得作出罚款决定（不得以罚代刑，行政处罚法第二十七条）"):
        w.do("demo-lead", "notify", "2026-09-22 09:00", penalty="fine", amount=1000, hearing_rights=True)
    # nor a warning in its place: DQ-01's article provides none (行政处罚法第四条)
    with pytest.raises(Refused, match="没有规定警告"):
        w.do("demo-lead", "notify", "2026-09-22 09:00", penalty="warning", hearing_rights=False)


# =============================================================================== who may act


def test_county_supervisor_reads_but_writes_nothing(walker: Walker) -> None:
    w = walker
    day = _ready_to_decide(w, date(2026, 9, 1))
    supervisor = w.who("demo-supervisor")
    for action in CaseAction:
        with pytest.raises(Refused, match="县级监督人员只能查阅，不能办理案件"):
            perform(w.ctx, supervisor, w.case_id, action.value, ActionInput(on=at(t(day))))
    answers = case_actions(w.ctx, supervisor, w.case_id)
    assert answers and not any(a.allowed for a in answers)
    assert all("县级监督人员只能查阅" in (a.reason or "") for a in answers)
    with pytest.raises(PermissionDenied):
        register_case(w.ctx, supervisor, NewCase(item_code="DQ-01", source="inspection", facts="x", party=PERSON,
                                                 on=at("2026-09-20 09:00")))
    with pytest.raises(PermissionDenied):
        confirm_transfer_receipt(w.ctx, supervisor, w.case_id)
    assert show_case(w.ctx, supervisor, w.case_id).state == "notified"  # reading is allowed
    assert state(w) == "notified"


def test_anonymous_is_refused(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    anonymous = Actor.anonymous_reader()
    for action in CaseAction:
        with pytest.raises(Refused, match="须指定操作用户"):
            perform(w.ctx, anonymous, w.case_id, action.value, ActionInput(on=at("2026-09-02 09:00")))
    assert not any(a.allowed for a in case_actions(w.ctx, anonymous, w.case_id))
    with pytest.raises(PermissionDenied, match="须指定操作用户"):
        register_case(w.ctx, anonymous, NewCase(item_code="DQ-01", source="inspection", facts="x", party=PERSON,
                                                on=at("2026-09-02 09:00")))
    with pytest.raises(PermissionDenied, match="须指定操作用户"):
        confirm_transfer_receipt(w.ctx, anonymous, w.case_id)
    assert state(w) == "investigating"


def test_roles_of_the_state_machine(walker: Walker) -> None:
    """A few of the 'who' column: allowed for the role, refused for another, naming who may."""
    w = walker
    w.new(on="2026-09-01 08:00")
    with pytest.raises(Refused, match=r"只有.*执法队长.*可以进行“受理”"):
        w.do("demo-officer1", "accept", "2026-09-01 09:00")
    w.do("demo-lead", "accept", "2026-09-01 09:00")
    with pytest.raises(Refused, match=r"只有.*负责人.*可以进行“立案”"):
        w.do("demo-lead", "file", "2026-09-01 10:00")
    w.do("demo-leader", "file", "2026-09-01 10:00")
    with pytest.raises(Refused, match="当前状态“已立案”不能进行“调查终结”"):
        w.do("demo-lead", "conclude", "2026-09-01 11:00", findings="x")


# =============================================================================== gapless numbering


def _fail_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next action fail after its effect (number taken, document issued), before commit."""
    real = facts_module.store_deadlines
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise Refused("模拟：保存期限时出错")
        real(*args, **kwargs)

    monkeypatch.setattr(actions_module, "store_deadlines", failing)


def test_case_numbers_are_gapless_per_year(walker: Walker, monkeypatch: pytest.MonkeyPatch) -> None:
    w = walker
    numbers: list[str | None] = []
    for n in range(3):
        day = date(2026, 9, 1 + n)
        w.new(on=t(day, "08:00"))
        w.do("demo-lead", "accept", t(day, "09:00"))
        if n == 1:
            # refused by the rules: no number taken
            with pytest.raises(Refused):
                w.do("demo-lead", "file", t(day, "10:00"))
            # refused mid-way, after the number was taken: rolled back with the rest
            _fail_once(monkeypatch)
            with pytest.raises(Refused, match="模拟"):
                w.do("demo-leader", "file", t(day, "10:00"))
            assert state(w) == "accepted"
            assert show_case(w.ctx, w.who("demo-leader"), w.case_id).number is None
        numbers.append(w.do("demo-leader", "file", t(day, "10:30")).number)
    assert numbers == ["文水刘立字〔2026〕第1号", "文水刘立字〔2026〕第2号", "文水刘立字〔2026〕第3号"]
    # another year counts from 1
    w.new(on="2025-12-30 08:00")
    w.do("demo-lead", "accept", "2025-12-30 09:00")
    assert w.do("demo-leader", "file", "2025-12-30 10:00").number == "文水刘立字〔2025〕第1号"
    # the case number finds the case
    assert show_case(w.ctx, w.who("demo-leader"), "文水刘立字〔2026〕第2号").number == "文水刘立字〔2026〕第2号"
    assert verify(w.ctx).ok


def test_document_numbers_are_gapless_per_type_and_year(walker: Walker, monkeypatch: pytest.MonkeyPatch) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    conclude_and_review(w, date(2026, 9, 2))
    first = w.do("demo-lead", "notify", "2026-09-03 09:00", penalty="fine", amount=1000, hearing_rights=True)
    _fail_once(monkeypatch)
    with pytest.raises(Refused, match="模拟"):
        w.do("demo-lead", "notify", "2026-09-03 10:00", penalty="fine", amount=900, hearing_rights=True)
    second = w.do("demo-lead", "notify", "2026-09-03 11:00", penalty="fine", amount=900, hearing_rights=True)
    assert [first.document_number, second.document_number] == ["文水刘罚告字〔2026〕第1号", "文水刘罚告字〔2026〕第2号"]
    w.serve("demo-officer1", second.document_id, "2026-09-03 15:00")
    waive_both(w, date(2026, 9, 4))
    with pytest.raises(Refused):  # discretion refusal: no 罚决 number used
        decide_fine(w, date(2026, 9, 7), 900, tier="serious")
    decided = decide_fine(w, date(2026, 9, 7), 900, tier="general")
    # 罚决 counts on its own: its first number
    assert decided.document_number == "文水刘罚决字〔2026〕第1号"
    # a second case: 罚告 continues at 3, 罚决 at 2
    second_case = _ready_to_decide(w, date(2026, 9, 1))
    notices = [d.number for d in show_case(w.ctx, w.who("demo-leader"), w.case_id).documents]
    assert notices == ["文水刘罚告字〔2026〕第3号"]
    assert decide_fine(w, second_case).document_number == "文水刘罚决字〔2026〕第2号"
    assert verify(w.ctx).ok


def test_refusals_are_service_errors_with_the_article(walker: Walker) -> None:
    """The refusal carries its article separately too (the GUI shows it beside the message)."""
    w = walker
    w.new(on="2026-09-01 08:00")
    w.do("demo-lead", "accept", "2026-09-01 09:00")
    w.do("demo-leader", "file", "2026-09-01 10:00")
    with pytest.raises(ServiceError) as caught:
        w.do("demo-lead", "investigate", "2026-09-01 11:00", officers=["demo-officer1"])
    assert caught.value.article == "行政处罚法第四十二条"


def test_the_officers_named_on_a_clue_handle_it_and_so_cannot_review_it(walker: Walker) -> None:
    w = walker
    reg = register_case(w.ctx, w.who("demo-officer1"), NewCase(
        item_code="DQ-01", source="inspection", facts="露天焚烧", party=PERSON, on=at("2026-08-03 09:00"),
        officers=["demo-officer1", "demo-lead"]))
    detail = show_case(w.ctx, w.who("demo-leader"), reg.case_id)
    assert {(o.login, o.role_in_case) for o in detail.officers} == {
        ("demo-officer1", "handler"), ("demo-lead", "handler")}
    # a handler from the start: 办、审、定三分离 keeps the team lead from reviewing this case
    w.case_id = reg.case_id
    w.do("demo-lead", "accept", "2026-08-03 10:00")
    w.do("demo-leader", "file", "2026-08-03 11:00")
    w.do("demo-lead", "investigate", "2026-08-04 09:00", officers=("demo-officer1", "demo-officer2"))
    w.record("2026-08-04 14:00")
    w.do("demo-officer1", "conclude", "2026-08-05 09:00", findings="查明")
    with pytest.raises(Refused, match=r"三分离|承办"):
        w.do("demo-lead", "review_case", "2026-08-05 10:00", outcome="passed", opinion="同意")
