"""Every path of the procedure walked to its end state through the services (issue: Case workflow,
requirement 1): the simple procedure, 首违免罚, transfer to the judicial organs and back, a rejected
clue, a withdrawn case, court enforcement after non-payment, suspension and resumption, and a
department transfer closed after its receipt. Each ends with `verify(ctx).ok`.

The helpers at the top are shared by the other test files of this directory."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from desktop_app.services.cases.actions import ActionResult, confirm_transfer_receipt
from desktop_app.services.cases.queries import CaseFilter, case_actions, list_cases, show_case
from desktop_app.services.errors import InvalidInput, Refused
from desktop_app.services.parties import PartyInput
from desktop_app.services.verify import verify
from tests.workflow.conftest import ORG, PERSON, Walker, at

HANDLERS = ("demo-officer1", "demo-officer2")


def t(day: date, hm: str = "09:00") -> str:
    """An event time for Walker.do: the day at hh:mm, Asia/Shanghai."""
    return f"{day.isoformat()} {hm}"


def open_case(w: Walker, start: date, *, item: str = "DQ-01", officers: tuple[str, ...] = HANDLERS,
              record: bool = True, **kw: Any) -> None:
    """Register, accept, file and start the investigation, all on ``start``, with the inspection's
    笔录 by the two officers (第五十五条) that 调查终结 needs (第四十条) unless ``record`` is False."""
    w.new(item=item, on=t(start, "08:00"), **kw)
    w.do("demo-lead", "accept", t(start, "09:00"))
    w.do("demo-leader", "file", t(start, "10:00"))
    w.do("demo-lead", "investigate", t(start, "11:00"), officers=list(officers))
    if record:
        w.record(t(start, "14:00"), by=officers[0], officers=officers[:2])


def conclude_and_review(w: Walker, day: date) -> None:
    w.do("demo-officer1", "conclude", t(day, "09:00"), findings="事实清楚，证据确凿")
    w.do("demo-lead", "review_case", t(day, "10:00"), outcome="passed", opinion="同意")


def notify_and_serve(w: Walker, day: date, *, penalty: str = "fine", amount: int | None = 1000,
                     hearing_rights: bool = True, method: str = "direct") -> ActionResult:
    notice = w.do("demo-lead", "notify", t(day, "09:00"), penalty=penalty, amount=amount,
                  hearing_rights=hearing_rights)
    w.serve("demo-officer1", notice.document_id, t(day, "15:00"), method=method)
    return notice


def waive_both(w: Walker, day: date) -> None:
    w.do("demo-officer1", "waive", t(day, "09:00"), what="statement", proof=w.proof)
    w.do("demo-officer1", "waive", t(day, "09:05"), what="hearing", proof=w.proof)


def decide_fine(w: Walker, day: date, amount: int = 1000, tier: str = "general") -> ActionResult:
    return w.do("demo-leader", "decide", t(day, "10:00"), kind="penalty", penalty="fine", amount=amount,
                tier=tier, explanation="焚烧面积一般，按一般档次裁量")


def to_decided_fine(w: Walker, start: date, amount: int = 1000, **kw: Any) -> ActionResult:
    """A DQ-01 case (not a major item) from the clue to a decided fine: filed and investigated on
    ``start``, reviewed 10 days later, notified and served 1 day after that, both rights waived the
    next day, decided the day after."""
    open_case(w, start, **kw)
    conclude_and_review(w, start + timedelta(days=10))
    notify_and_serve(w, start + timedelta(days=11), amount=amount)
    waive_both(w, start + timedelta(days=12))
    return decide_fine(w, start + timedelta(days=13), amount)


def state(w: Walker) -> str:
    return show_case(w.ctx, w.who("demo-supervisor"), w.case_id).state


# ------------------------------------------------------------------------------- simple procedure


def test_simple_procedure_on_the_spot_then_paid_and_closed(walker: Walker) -> None:
    w = walker
    w.new(item="XF-01", on="2026-09-01 10:00")  # 占用疏散通道: a person may be fined 0—500 元
    spot = w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS),
                penalty="fine", amount=200, form_number="WS-0001234")
    assert spot.state == "served"
    assert spot.document_number == "WS-0001234"  # the pre-printed form's own number (第五十二条)
    detail = show_case(w.ctx, w.who("demo-supervisor"), w.case_id)
    assert detail.procedure == "simple"
    assert detail.number is None  # no 立案 in the simple procedure
    # The two officers on the spot handle and decide (三分离 does not apply, 第五十一条、第五十二条).
    roles = {(o.login, o.role_in_case) for o in detail.officers}
    assert {("demo-officer1", "handler"), ("demo-officer1", "decider"),
            ("demo-officer2", "handler"), ("demo-officer2", "decider")} <= roles
    assert [d.served_on for d in detail.documents if d.form == "on_spot_decision"] == [date(2026, 9, 1)]
    assert w.do("demo-officer1", "pay", "2026-09-05 10:00", amount=200).state == "executing"
    assert w.do("demo-leader", "close", "2026-09-06 10:00", reason="罚款已缴清").state == "closed"
    assert verify(w.ctx).ok


@pytest.mark.parametrize(("party", "amount", "allowed"), [
    (PERSON, 200, True), (PERSON, 201, False), (ORG, 3000, True), (ORG, 3001, False)])
def test_simple_procedure_fine_limits_of_article_51(walker: Walker, party: PartyInput, amount: int,
                                                     allowed: bool) -> None:
    w = walker
    w.new(item="GL-01", party=party, on="2026-09-01 10:00")  # 公路上摆摊: 0—5000 元
    kw = dict(officers=list(HANDLERS), penalty="fine", amount=amount, form_number="WS-0000001")
    if allowed:
        assert w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", **kw).state == "served"
    else:
        with pytest.raises(Refused, match=r"简易程序.*第五十一条"):
            w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", **kw)
        assert state(w) == "clue"


def test_simple_procedure_warning_and_only_with_two_officers_on_the_spot(walker: Walker) -> None:
    w = walker
    w.new(item="SR-01", on="2026-09-01 10:00")  # 随地吐痰…: 可以并处警告、罚款
    with pytest.raises(Refused, match=r"不得少于两人.*第四十二条"):
        w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=["demo-officer1"],
             penalty="warning", form_number="WS-0000002")
    with pytest.raises(Refused, match="在场执法人员"):
        w.do("demo-officer3", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS),
             penalty="warning", form_number="WS-0000002")
    with pytest.raises(Refused, match="第五十一条"):
        w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS),
             penalty="suspend_business", form_number="WS-0000002")
    spot = w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS),
                penalty="warning", form_number="WS-0000002")
    assert spot.state == "served"
    # a warning leaves nothing to execute: closed straight from 已送达
    assert w.do("demo-leader", "close", "2026-09-02 10:00", reason="警告已当场执行").state == "closed"
    assert verify(w.ctx).ok


def test_simple_procedure_fine_must_lie_within_the_items_legal_range(walker: Walker) -> None:
    """A fine on the spot is still a fine under the item's article: DQ-01 fines 500—2000 元, so
    100 元 on the spot is below the legal range (within 第五十一条 is not enough)."""
    w = walker
    w.new(item="DQ-01", on="2026-09-01 10:00")
    with pytest.raises(Refused, match="法定幅度"):
        w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS),
             penalty="fine", amount=100, form_number="WS-0000003")
    assert state(w) == "clue"


# ------------------------------------------------------------------------------- 首违免罚


def test_first_offence_no_penalty_suggested_and_decided(walker: Walker) -> None:
    w = walker
    # DQ-01 is on the first-offence list of benchmarks.json
    open_case(w, date(2026, 9, 1), harm_slight=True, corrected_in_time=True)
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    kinds = {s.kind: s.reason for s in detail.suggestions}
    assert "first_offence_no_penalty" in kinds
    assert "首违免罚" in kinds["first_offence_no_penalty"]
    assert "列入首违免罚清单" in kinds["first_offence_no_penalty"]
    conclude_and_review(w, date(2026, 9, 10))
    # 不予行政处罚 needs no 告知: it may follow the reviewed investigation
    decided = w.do("demo-leader", "decide", "2026-09-11 10:00", kind="no_penalty", ground="first_offence",
                   explanation="初次违法、危害后果轻微并及时改正，依法不予行政处罚，已对当事人进行教育")
    assert decided.state == "decided"
    assert decided.document_number == "文水刘不罚字〔2026〕第1号"
    assert w.serve("demo-officer1", decided.document_id, "2026-09-11 15:00").state == "served"
    assert w.do("demo-leader", "close", "2026-09-12 10:00", reason="不予处罚，已教育").state == "closed"
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert detail.decision["kind"] == "no_penalty" and detail.execution.fine is None
    assert verify(w.ctx).ok


def test_first_offence_suggestion_needs_all_three_conditions(walker: Walker) -> None:
    w = walker
    # an earlier penalty for the same item against the same party: not a first offence
    w.new(item="GL-01", on="2026-08-01 10:00")
    w.do("demo-officer1", "decide_on_spot", "2026-08-01 10:30", officers=list(HANDLERS),
         penalty="fine", amount=100, form_number="WS-0000010")
    second = w.new(item="GL-01", on="2026-09-01 10:00", harm_slight=True, corrected_in_time=True)
    kinds = [s.kind for s in show_case(w.ctx, w.who("demo-leader"), second).suggestions]
    assert "first_offence_no_penalty" not in kinds
    # the same party, another item: a first offence for that item (SR-01 is on the list)
    third = w.new(item="SR-01", on="2026-09-02 10:00", harm_slight=True, corrected_in_time=True)
    kinds = [s.kind for s in show_case(w.ctx, w.who("demo-leader"), third).suggestions]
    assert "first_offence_no_penalty" in kinds
    # not corrected in time: no suggestion
    fourth = w.new(item="SR-02", on="2026-09-03 10:00", harm_slight=True, corrected_in_time=False)
    kinds = [s.kind for s in show_case(w.ctx, w.who("demo-leader"), fourth).suggestions]
    assert "first_offence_no_penalty" not in kinds
    # harm not slight: no suggestion
    fifth = w.new(item="SR-05", on="2026-09-03 11:00", harm_slight=False, corrected_in_time=True)
    kinds = [s.kind for s in show_case(w.ctx, w.who("demo-leader"), fifth).suggestions]
    assert "first_offence_no_penalty" not in kinds


# ------------------------------------------------------------------------------- judicial transfer


def _transfer_to_judicial(w: Walker, start: date, item: str = "DQ-01") -> None:
    open_case(w, start, item=item)
    with pytest.raises(Refused, match="移送须先经负责人审批同意"):
        w.do("demo-leader", "transfer", t(start + timedelta(days=2)), to="judicial", reason="涉嫌犯罪")
    w.do("demo-leader", "approve", t(start + timedelta(days=3)), what="transfer", outcome="granted",
         reason="两名执法人员报告涉嫌犯罪，同意移送")
    moved = w.do("demo-leader", "transfer", t(start + timedelta(days=3), "11:00"), to="judicial",
                 reason="涉嫌犯罪，移送公安机关")
    assert moved.state == "transferred"
    assert moved.document_number == f"文水刘移字〔{start.year}〕第1号"
    # while the transfer is pending no decision at all (不得以罚代刑)
    answers = {a.action: a for a in case_actions(w.ctx, w.who("demo-leader"), w.case_id)}
    assert not answers["decide"].allowed


def test_judicial_transfer_returned_not_prosecuted_continues_to_a_fine(walker: Walker) -> None:
    w = walker
    start = date(2026, 8, 3)
    _transfer_to_judicial(w, start)
    back = w.do("demo-officer1", "return", t(start + timedelta(days=20)), outcome="not_prosecuted")
    assert back.state == "investigating"  # it left after 立案: back to 调查取证 (第二十七条)
    conclude_and_review(w, start + timedelta(days=21))
    notify_and_serve(w, start + timedelta(days=22), amount=1000)
    waive_both(w, start + timedelta(days=23))
    assert decide_fine(w, start + timedelta(days=24), 1000).state == "decided"
    decision = show_case(w.ctx, w.who("demo-leader"), w.case_id).documents[-1]
    assert w.serve("demo-officer1", decision.id, t(start + timedelta(days=25))).state == "served"
    w.do("demo-officer1", "pay", t(start + timedelta(days=26)), amount=1000)
    assert w.do("demo-leader", "close", t(start + timedelta(days=27)), reason="罚款已缴清").state == "closed"
    assert verify(w.ctx).ok


def test_judicial_transfer_returned_with_criminal_fine_allows_no_fine(walker: Walker) -> None:
    w = walker
    start = date(2026, 8, 3)
    _transfer_to_judicial(w, start, item="SR-01")  # 可以并处警告、罚款
    assert w.do("demo-lead", "return", t(start + timedelta(days=20)),
                outcome="criminal_fine").state == "investigating"
    conclude_and_review(w, start + timedelta(days=21))
    # 第三十五条第二款: the court imposed 罚金, so no 罚款 may follow — neither notified nor decided
    with pytest.raises(Refused, match=r"已判处罚金.*第三十五条第二款"):
        w.do("demo-lead", "notify", t(start + timedelta(days=22)), penalty="fine", amount=1000,
             hearing_rights=True)
    notify_and_serve(w, start + timedelta(days=22), penalty="warning", amount=None, hearing_rights=False)
    w.do("demo-officer1", "waive", t(start + timedelta(days=23)), what="statement", proof=w.proof)
    with pytest.raises(Refused, match="第三十五条第二款"):
        decide_fine(w, start + timedelta(days=24), 800, tier="minor")
    decided = w.do("demo-leader", "decide", t(start + timedelta(days=24)), kind="penalty",
                   penalty="warning", explanation="已被判处罚金，给予警告")
    assert decided.state == "decided"
    w.serve("demo-officer1", decided.document_id, t(start + timedelta(days=25)))
    assert w.do("demo-leader", "close", t(start + timedelta(days=26)), reason="警告已执行").state == "closed"
    assert verify(w.ctx).ok


# ------------------------------------------------------------------------------- rejected, withdrawn


def test_rejected_clue(walker: Walker) -> None:
    w = walker
    w.new(on="2026-09-01 09:00")
    rejected = w.do("demo-lead", "reject", "2026-09-02 09:00", reason="经核查不属于本乡镇执法事项")
    assert rejected.state == "rejected" and rejected.number is None
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert detail.closed_on == date(2026, 9, 2)
    assert {d.kind: d.status for d in detail.deadlines}["filing"] == "met"
    answers = {a.action: a.allowed for a in case_actions(w.ctx, w.who("demo-leader"), w.case_id)}
    assert not any(answers.values())  # nothing more to do on a rejected clue
    assert verify(w.ctx).ok


def test_withdrawn_case(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    assert w.do("demo-leader", "withdraw", "2026-09-10 09:00",
                reason="违法事实不能成立").state == "withdrawn"
    assert w.do("demo-leader", "close", "2026-09-11 09:00", reason="撤销立案").state == "closed"
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    # closed without a decision: the 90 days no longer run, and the case is never listed as overdue
    assert {d.kind: d.status for d in detail.deadlines}["decision"] == "met"
    assert w.case_id not in {r.id for r in list_cases(w.ctx, w.who("demo-leader"), CaseFilter(overdue=True)).rows}
    assert verify(w.ctx).ok


# ------------------------------------------------------------------------------- court enforcement


def test_court_enforcement_after_non_payment(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2025, 1, 6), 1000)  # decided 2025-01-19 (Sunday)
    served = w.serve("demo-officer1", decided.document_id, "2025-02-10 10:00")
    assert served.state == "served"
    # payment due 15 days after service: 2025-02-25
    with pytest.raises(Refused, match=r"缴纳罚款的期限尚未届满.*2025-02-25"):
        w.do("demo-officer1", "remind", "2025-02-25 10:00")
    reminded = w.do("demo-officer1", "remind", "2025-02-26 10:00")
    assert reminded.state == "executing"
    assert reminded.document_number == "文水刘催字〔2025〕第1号"
    w.serve("demo-officer1", reminded.document_id, "2025-02-27 10:00", method="direct")
    w.do("demo-leader", "approve", "2025-03-20 10:00", what="court_enforcement", outcome="granted",
         reason="当事人逾期不缴纳罚款，经催告仍不履行")
    # review (60 days) and litigation (6 months) periods run from service: to 2025-08-11 (08-10 is Sunday)
    with pytest.raises(Refused, match=r"2025-08-11.*第五十三条"):
        w.do("demo-officer1", "apply_court", "2025-08-11 10:00")
    applied = w.do("demo-officer1", "apply_court", "2025-08-12 10:00", ruling="granted")
    assert applied.state == "executing"
    assert applied.document_number == "文水刘强申字〔2025〕第1号"
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    deadlines = {d.kind: d for d in detail.deadlines}
    assert deadlines["court_enforcement"].due == date(2025, 11, 11) and deadlines["court_enforcement"].met_on
    # the court collected the fine; the case is then closed
    w.do("demo-officer1", "pay", "2025-09-20 10:00", amount=1000)
    assert w.do("demo-leader", "close", "2025-09-22 10:00", reason="经法院强制执行，罚款已缴清").state == "closed"
    assert verify(w.ctx).ok


def test_court_enforcement_closed_while_a_review_or_lawsuit_is_pending(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2025, 1, 6), 1000)
    w.serve("demo-officer1", decided.document_id, "2025-02-10 10:00")
    with pytest.raises(Refused, match=r"须先书面催告.*第五十四条"):
        w.do("demo-officer1", "apply_court", "2025-03-01 10:00")
    w.do("demo-officer1", "appeal", "2025-03-05 10:00", kind="review", outcome="pending")
    # no surcharge while the review runs (行政处罚法 第七十三条第三款)
    assert show_case(w.ctx, w.who("demo-leader"), w.case_id, today=date(2025, 4, 1)).execution.surcharge is None
    w.do("demo-officer1", "appeal", "2025-06-20 10:00", kind="review", outcome="upheld")
    w.do("demo-officer1", "appeal", "2025-07-01 10:00", kind="litigation", outcome="pending")
    reminded = w.do("demo-officer1", "remind", "2025-08-20 10:00")
    w.serve("demo-officer1", reminded.document_id, "2025-08-20 15:00")
    w.do("demo-leader", "approve", "2025-08-21 10:00", what="court_enforcement", outcome="granted", reason="同意")
    with pytest.raises(Refused, match=r"尚未审结.*第五十三条"):
        w.do("demo-officer1", "apply_court", "2025-09-05 10:00")
    w.do("demo-officer1", "appeal", "2025-09-10 10:00", kind="litigation", outcome="upheld")
    execution = show_case(w.ctx, w.who("demo-leader"), w.case_id, today=date(2025, 9, 10)).execution
    assert execution.surcharge == "1000.00"  # 3 % a day, never above the fine (第七十二条)
    assert w.do("demo-officer1", "apply_court", "2025-09-11 10:00", ruling="granted").state == "executing"
    assert verify(w.ctx).ok


def test_court_enforcement_reminder_period_approval_and_too_late(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2025, 1, 6), 1000)
    w.serve("demo-officer1", decided.document_id, "2025-02-10 10:00")
    reminded = w.do("demo-officer1", "remind", "2025-08-20 10:00")
    w.serve("demo-officer1", reminded.document_id, "2025-08-20 15:00")
    # 10 working days after the 催告书 was served: to 2025-09-03
    with pytest.raises(Refused, match="十个工作日（2025-09-03）"):
        w.do("demo-officer1", "apply_court", "2025-09-03 10:00")
    with pytest.raises(Refused, match=r"须经行政机关负责人批准.*第五十五条"):
        w.do("demo-officer1", "apply_court", "2025-09-04 10:00")
    w.do("demo-leader", "approve", "2025-09-04 11:00", what="court_enforcement", outcome="granted", reason="同意")
    # the 3 months after the review and litigation periods ended on 2025-11-11
    with pytest.raises(Refused, match=r"已于 2025-11-11 届满.*第五十三条"):
        w.do("demo-officer1", "apply_court", "2025-11-12 10:00")
    # nothing can be executed any more: 终结执行 (行政强制法 第四十条), chosen and explained — once
    # a plain 结案 of a fine still owed became one silently
    with pytest.raises(Refused, match=r"尚未执行完毕，不能结案.*终结执行.*行政强制法第四十条"):
        w.do("demo-leader", "close", "2025-11-20 10:00", reason="结案")
    with pytest.raises(InvalidInput, match="终结执行的理由"):
        w.do("demo-leader", "close", "2025-11-20 10:00", outcome="terminated")
    ground = "申请法院强制执行期限已过，行政机关认为需要终结执行（行政强制法第四十条第五项）"
    assert w.do("demo-leader", "close", "2025-11-20 10:00", outcome="terminated", reason=ground).state == "closed"
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id, today=date(2025, 11, 20))
    closing = detail.timeline[-1]
    assert closing.action == "close" and detail.close_reason == ground
    assert closing.data == {"outcome": "terminated", "reason": ground, "owed": "1000"}
    assert verify(w.ctx).ok


# ------------------------------------------------------------------------------- suspension


def test_suspension_and_resumption(walker: Walker) -> None:
    w = walker
    start = date(2026, 8, 3)
    open_case(w, start)
    assert w.do("demo-leader", "suspend", t(start + timedelta(days=5)),
                reason="当事人下落不明").state == "suspended"
    answers = {a.action: a for a in case_actions(w.ctx, w.who("demo-officer1"), w.case_id)}
    assert not answers["conclude"].allowed
    assert w.do("demo-leader", "resume", t(start + timedelta(days=15)),
                reason="已找到当事人").state == "investigating"
    conclude_and_review(w, start + timedelta(days=16))
    notify_and_serve(w, start + timedelta(days=17), amount=1000)
    waive_both(w, start + timedelta(days=18))
    decided = decide_fine(w, start + timedelta(days=19), 1000)
    w.serve("demo-officer1", decided.document_id, t(start + timedelta(days=19), "15:00"))
    # suspended during execution too, and back to 执行中
    w.do("demo-officer1", "pay", t(start + timedelta(days=20)), amount=400)
    assert w.do("demo-leader", "suspend", t(start + timedelta(days=21)),
                reason="当事人申请暂缓").state == "suspended"
    assert w.do("demo-leader", "resume", t(start + timedelta(days=22)), reason="恢复执行").state == "executing"
    w.do("demo-officer1", "pay", t(start + timedelta(days=23)), amount=600)
    assert w.do("demo-leader", "close", t(start + timedelta(days=24)), reason="罚款已缴清").state == "closed"
    assert verify(w.ctx).ok


# ------------------------------------------------------------------------------- department transfer


def test_department_transfer_closed_after_receipt(walker: Walker) -> None:
    w = walker
    w.new(on="2026-09-01 09:00")
    w.do("demo-lead", "accept", "2026-09-01 10:00")
    moved = w.do("demo-leader", "transfer", "2026-09-02 10:00", to="department",
                 reason="属于自然资源部门管辖，移送县自然资源局")
    assert moved.state == "transferred"
    assert moved.document_number == "文水刘移字〔2026〕第1号"
    with pytest.raises(Refused, match="尚未确认接收"):
        w.do("demo-leader", "close", "2026-09-03 10:00", reason="已移送")
    confirm_transfer_receipt(w.ctx, w.who("demo-officer1"), w.case_id, on=at("2026-09-08 10:00"),
                             note="县自然资源局回执")
    with pytest.raises(Refused, match="尚未收到回执"):
        confirm_transfer_receipt(w.ctx, w.who("demo-officer1"), w.case_id, on=at("2026-09-09 10:00"))
    assert w.do("demo-leader", "close", "2026-09-10 10:00", reason="已移送并收到回执").state == "closed"
    timeline = [e.action for e in show_case(w.ctx, w.who("demo-leader"), w.case_id).timeline]
    assert timeline == ["register", "accept", "transfer", "receipt", "close"]
    # the clue left before 立案: its filing deadline is settled, not overdue
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert {d.kind: d.status for d in detail.deadlines}["filing"] == "met"
    assert w.case_id not in {r.id for r in list_cases(w.ctx, w.who("demo-leader"), CaseFilter(overdue=True)).rows}
    assert verify(w.ctx).ok
