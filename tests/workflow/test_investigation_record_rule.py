"""Issue #14 (Case workflow), through the services: 调查终结 and a penalty decision in the ordinary
procedure need evidence or a 笔录 on file (行政处罚法 第四十条、第五十五条) — not the simple procedure,
not 不予行政处罚 or 移送; and a case review that passed is not repeated (explorer finding F15b)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete

from desktop_app.services import evidence as evidence_service
from desktop_app.services.cases.queries import case_actions
from desktop_app.services.errors import Refused
from desktop_app.services.records import RecordInput, add_record
from desktop_app.store.models import ProcessRecord
from tests.workflow.conftest import Walker, at
from tests.workflow.test_paths import HANDLERS, notify_and_serve, open_case, state, t, waive_both

START = date(2026, 9, 1)
NOTHING_ON_FILE = ("调查终结须有证据材料或笔录：本案尚未登记证据，也没有现场检查（勘验）笔录或询问（调查）笔录；"
                   "请先在“证据”或“调查笔录”中登记（行政处罚法第四十条、第五十五条）")


def investigating_without_records(w: Walker, start: date = START) -> None:
    """Registered, accepted, filed and under investigation by two officers — nothing recorded yet."""
    open_case(w, start, record=False)


def answer(w: Walker, login: str, action: str) -> tuple[bool, str | None]:
    found = {a.action: a for a in case_actions(w.ctx, w.who(login), w.case_id)}[action]
    return found.allowed, found.reason


def test_conclude_without_evidence_or_record_is_refused_and_shown_so(walker: Walker) -> None:
    w = walker
    investigating_without_records(w)
    with pytest.raises(Refused) as refused:
        w.do("demo-officer1", "conclude", t(START + timedelta(days=5)), findings="事实清楚")
    assert str(refused.value) == NOTHING_ON_FILE
    assert state(w) == "investigating"
    # the allowed-actions service (the GUI's buttons, `case actions`) answers from the same rule
    assert answer(w, "demo-officer1", "conclude") == (False, NOTHING_ON_FILE)
    assert answer(w, "demo-lead", "conclude") == (False, NOTHING_ON_FILE)


def test_an_interview_record_is_enough(walker: Walker) -> None:
    w = walker
    investigating_without_records(w)
    add_record(w.ctx, w.who("demo-officer2"), w.case_id, RecordInput(
        kind="interview", on=at("2026-09-02 09:00"), officers=list(HANDLERS),
        place="镇执法队询问室", persons_present=[{"name": "王某某", "role": "被询问人"}],
        questions=[{"q": "是否在此焚烧秸秆？", "a": "是。"}]))
    assert answer(w, "demo-officer1", "conclude") == (True, None)
    assert w.do("demo-officer1", "conclude", t(START + timedelta(days=5)), findings="事实清楚").state == "investigated"


def test_an_evidence_item_is_enough(walker: Walker, tmp_path: Path) -> None:
    w = walker
    investigating_without_records(w)
    scan = tmp_path / "身份证复印件.jpg"
    scan.write_bytes(b"\xff\xd8\xff\xe0 a scan of the party's identity card")
    evidence_service.add_evidence(w.ctx, w.who("demo-officer1"), w.case_id, [scan],
                                  evidence_service.EvidenceInput(type="documentary", title="当事人身份证复印件"))
    assert answer(w, "demo-officer1", "conclude")[0]
    assert w.do("demo-officer1", "conclude", t(START + timedelta(days=5)), findings="事实清楚").state == "investigated"


def test_a_penalty_decision_without_any_record_is_refused_but_no_penalty_is_not(walker: Walker) -> None:
    """A case that reached the decision with nothing on file — carried over from data entered before
    the rule (the bulk demo writes its rows directly): no penalty (第四十条), 不予行政处罚 still."""
    w = walker
    investigating_without_records(w)
    w.record(t(START, "14:00"))
    w.do("demo-officer1", "conclude", t(START + timedelta(days=5)), findings="事实清楚")
    w.do("demo-lead", "review_case", t(START + timedelta(days=5), "10:00"), outcome="passed", opinion="同意")
    notify_and_serve(w, START + timedelta(days=6))
    waive_both(w, START + timedelta(days=7))
    with w.ctx.write(w.who("demo-admin")) as uow:  # the record gone, as in such older data
        uow.session.execute(delete(ProcessRecord).where(ProcessRecord.case_id == w.case_id))
    day = t(START + timedelta(days=8), "10:00")
    with pytest.raises(Refused, match=r"^作出行政处罚决定须有证据材料或笔录：.*（行政处罚法第四十条、第五十五条）$"):
        w.do("demo-leader", "decide", day, kind="penalty", penalty="fine", amount=1000, tier="general",
             explanation="按一般档次裁量")
    assert state(w) == "notified"
    # the decide button stays: another decision remains possible
    assert answer(w, "demo-leader", "decide")[0]
    decided = w.do("demo-leader", "decide", day, kind="no_penalty", ground="not_established",
                     explanation="证据不足，不予行政处罚")
    assert decided.state == "decided"


def test_the_simple_procedure_needs_no_record(walker: Walker) -> None:
    w = walker
    w.new(item="XF-01", on="2026-09-01 10:00")
    spot = w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS),
                penalty="fine", amount=200, form_number="WS-0007001")
    assert spot.state == "served"


def test_a_passed_case_review_is_not_repeated_but_a_returned_one_is(walker: Walker) -> None:
    w = walker
    investigating_without_records(w)
    w.record(t(START, "14:00"))
    w.do("demo-officer1", "conclude", t(START + timedelta(days=5)), findings="初步查明")
    # returned: the investigation goes on, and its next conclusion is reviewed again
    w.do("demo-lead", "review_case", t(START + timedelta(days=6)), outcome="returned", opinion="补充询问笔录")
    w.do("demo-officer1", "conclude", t(START + timedelta(days=7)), findings="事实清楚")
    assert answer(w, "demo-lead", "review_case") == (True, None)
    w.do("demo-lead", "review_case", t(START + timedelta(days=8)), outcome="passed", opinion="同意")
    passed = "本案案件审核已于 2026-09-09 通过，无需再次审核"
    allowed, reason = answer(w, "demo-lead", "review_case")
    assert not allowed and reason is not None and reason.startswith(passed)
    for outcome in ("passed", "returned"):
        with pytest.raises(Refused, match=f"^{passed}"):
            w.do("demo-lead", "review_case", t(START + timedelta(days=9)), outcome=outcome, opinion="再审")
    assert state(w) == "investigated"
    # a 补充调查 clears the passed review: after it, the new conclusion is reviewed again
    w.do("demo-lead", "investigate", t(START + timedelta(days=10)), officers=list(HANDLERS))
    w.do("demo-officer1", "conclude", t(START + timedelta(days=11)), findings="补充调查后事实清楚")
    assert w.do("demo-lead", "review_case", t(START + timedelta(days=12)), outcome="passed",
                opinion="同意").state == "investigated"
