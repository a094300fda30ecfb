"""One ordinary case from clue to archived through the services: notice, hearing, legal review,
collective discussion, decision with discretion, service with proof, payment, closing."""

from __future__ import annotations

import pytest

from desktop_app.services.cases.queries import case_actions, show_case
from desktop_app.services.errors import Refused
from desktop_app.services.verify import verify
from tests.workflow.conftest import Walker


def test_ordinary_case_with_hearing_legal_review_and_collective_discussion(walker: Walker) -> None:
    w = walker
    w.new(item="DQ-01", complex_case=True)
    assert w.do("demo-lead", "accept", "2026-08-03 10:00").state == "accepted"
    filed = w.do("demo-leader", "file", "2026-08-04 09:00")
    assert filed.state == "filed" and filed.number == "文水刘立字〔2026〕第1号"
    w.do("demo-lead", "investigate", "2026-08-04 10:00", officers=["demo-officer1", "demo-officer2"])
    w.record("2026-08-05 09:00")  # the inspection's 笔录: 调查终结 needs one or evidence (第四十条)
    w.do("demo-officer1", "conclude", "2026-08-20 10:00", findings="事实清楚")
    # The team lead who did not handle the case reviews it (办、审 separated).
    w.do("demo-lead", "review_case", "2026-08-21 10:00", outcome="passed", opinion="同意")
    notice = w.do("demo-lead", "notify", "2026-08-24 10:00", penalty="fine", amount=1500, hearing_rights=True)
    assert notice.document_number == "文水刘罚告字〔2026〕第1号"
    w.serve("demo-officer1", notice.document_id, "2026-08-24 15:00")
    w.do("demo-officer1", "request_hearing", "2026-08-26 09:00")
    host = w.do("demo-leader", "approve", "2026-08-27 09:00", what="hearing_host", outcome="granted",
                host="demo-officer3", reason="指定听证主持人", hearing_time="2026-09-08 09:00",
                hearing_place="刘胡兰镇政府三楼会议室")
    w.serve("demo-officer1", host.document_id, "2026-08-27 15:00")
    w.do("demo-officer3", "hold_hearing", "2026-09-08 09:00", outcome="held", record=w.proof)
    w.do("demo-officer1", "submit_review", "2026-09-09 09:00")
    w.do("demo-reviewer", "legal_review", "2026-09-10 09:00", outcome="passed", opinion="同意")
    w.do("demo-leader", "discuss", "2026-09-11 09:00", participants=["demo-leader", "demo-mayor"], views=w.proof,
         conclusion="同意罚款 1500 元")
    decision = w.do("demo-leader", "decide", "2026-09-11 15:00", kind="penalty", penalty="fine", amount=1500,
                    tier="serious", explanation="焚烧面积较大，属较重情形")
    assert decision.state == "decided" and decision.document_number == "文水刘罚决字〔2026〕第1号"
    assert w.serve("demo-officer1", decision.document_id, "2026-09-12 10:00").state == "served"
    assert w.do("demo-officer1", "pay", "2026-09-20 10:00", amount=1500).state == "executing"
    assert w.do("demo-leader", "close", "2026-09-21 10:00", reason="罚款已缴清").state == "closed"
    assert w.do("demo-clerk", "archive", "2026-09-22 10:00").state == "archived"
    detail = show_case(w.ctx, w.who("demo-supervisor"), w.case_id)
    roles = {(o.login, o.role_in_case) for o in detail.officers}
    assert {("demo-officer1", "handler"), ("demo-lead", "case_reviewer"), ("demo-reviewer", "legal_reviewer"),
            ("demo-leader", "decider"), ("demo-officer3", "hearing_host")} <= roles
    assert [t.action for t in detail.timeline][:3] == ["register", "accept", "file"]
    assert verify(w.ctx).ok


def test_decision_before_legal_review_is_refused_and_shown_disabled(walker: Walker) -> None:
    w = walker
    w.new(item="DQ-02")  # a major item: 法制审核 required
    w.do("demo-lead", "accept", "2026-08-03 10:00")
    w.do("demo-leader", "file", "2026-08-04 09:00")
    w.do("demo-lead", "investigate", "2026-08-04 10:00", officers=["demo-officer1", "demo-officer2"])
    w.record("2026-08-05 09:00")  # the inspection's 笔录: 调查终结 needs one or evidence (第四十条)
    w.do("demo-officer1", "conclude", "2026-08-20 10:00", findings="事实清楚")
    w.do("demo-lead", "review_case", "2026-08-21 10:00", outcome="passed", opinion="同意")
    n = w.do("demo-lead", "notify", "2026-08-24 10:00", penalty="fine", amount=1000, hearing_rights=True)
    w.serve("demo-officer1", n.document_id, "2026-08-24 15:00")
    w.do("demo-officer1", "waive", "2026-08-25 09:00", what="statement", proof=w.proof)
    w.do("demo-officer1", "waive", "2026-08-25 09:05", what="hearing", proof=w.proof)
    with pytest.raises(Refused, match="法制审核"):
        w.do("demo-leader", "decide", "2026-08-26 09:00", kind="penalty", penalty="fine", amount=1000,
             tier="general", explanation="一般情形")
    answers = {a.action: a for a in case_actions(w.ctx, w.who("demo-leader"), w.case_id)}
    assert not answers["decide"].allowed
    assert "法制审核" in (answers["decide"].reason or "")
    assert answers["approve"].allowed
