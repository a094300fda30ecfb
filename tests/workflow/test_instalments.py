"""暂缓 and 分期缴纳 of a fine (行政处罚法 第六十六条第二款) through the services: the plan adds up to
what is owed and stays within the approval; the payment is due by the earliest instalment not paid;
a late instalment is late on its own (加处罚款, 第七十二条) and opens the way to the 催告."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services.cases.queries import CaseDetail, show_case
from desktop_app.services.errors import InvalidInput, Refused
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import t, to_decided_fine


def _served_fine(w: Walker) -> None:
    """A 1,000-yuan fine served on 2026-09-15 (due 15 days later, 09-30), the deferral approved to 11-30."""
    decided = to_decided_fine(w, date(2026, 9, 1))
    w.serve("demo-officer1", decided.document_id, t(date(2026, 9, 15)))
    w.do("demo-leader", "approve", t(date(2026, 9, 18)), what="deferral", outcome="granted",
         reason="当事人确有经济困难，申请分期缴纳", until=date(2026, 11, 30))


def test_a_plan_of_instalments_sets_each_payment_due(walker: Walker) -> None:
    w = walker
    _served_fine(w)
    w.do("demo-officer1", "pay", t(date(2026, 9, 18), "10:00"), amount=100)  # paid before the plan
    with pytest.raises(InvalidInput, match=r"合计 1000\.00 元，应等于尚欠罚款 900\.00 元"):
        w.do("demo-officer1", "defer", t(date(2026, 9, 21)), instalments="2026-10-15:400，2026-11-15:600")
    with pytest.raises(InvalidInput, match="只能选一种"):
        w.do("demo-officer1", "defer", t(date(2026, 9, 21)), instalments="2026-10-15:300，2026-11-15:600",
             until=date(2026, 11, 15))
    with pytest.raises(Refused, match="超出负责人批准的期限 2026-11-30"):
        w.do("demo-officer1", "defer", t(date(2026, 9, 21)), instalments="2026-10-15:300，2026-12-15:600")
    deferred = w.do("demo-officer1", "defer", t(date(2026, 9, 21)), instalments="2026-10-15:300，2026-11-16:600")
    assert deferred.state == "executing"

    def look(today: date) -> CaseDetail:
        return show_case(w.ctx, w.who("demo-leader"), w.case_id, today=today)

    detail = look(date(2026, 9, 22))
    assert {d.kind: d.due for d in detail.deadlines}["payment"] == date(2026, 10, 15)
    assert [(i.due, i.amount, i.status) for i in detail.execution.instalments] == [
        (date(2026, 10, 15), "300.00", "due"), (date(2026, 11, 16), "600.00", "due")]
    assert detail.execution.deferred_until == date(2026, 11, 16)
    plan_event = [e for e in detail.timeline if e.action == "defer"][-1]
    assert plan_event.data["instalments"] == [{"due": "2026-10-15", "amount": "300.00"},
                                              {"due": "2026-11-16", "amount": "600.00"}]

    # the first instalment paid: the second is what is due next
    w.do("demo-officer1", "pay", t(date(2026, 10, 14)), amount=300)
    detail = look(date(2026, 10, 20))
    assert {d.kind: d.due for d in detail.deadlines}["payment"] == date(2026, 11, 16)
    assert [i.status for i in detail.execution.instalments] == ["paid", "due"]
    assert detail.execution.surcharge is None

    # the second one missed: overdue, surcharged on its own 600 yuan (3 % a day, 第七十二条)
    detail = look(date(2026, 11, 21))
    assert [i.status for i in detail.execution.instalments] == ["paid", "overdue"]
    assert detail.execution.surcharge == "90.00"  # 600 × 3 % × 5 days
    assert {d.kind: d.status for d in detail.deadlines}["payment"] == "overdue"
    assert w.do("demo-officer1", "remind", t(date(2026, 11, 23))).document_id  # 催告 now possible


def test_a_missed_first_instalment_is_late_only_for_its_amount(walker: Walker) -> None:
    w = walker
    _served_fine(w)
    w.do("demo-officer1", "defer", t(date(2026, 9, 21)), instalments="2026-10-15:400，2026-11-16:600")
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id, today=date(2026, 10, 25))
    assert [i.status for i in detail.execution.instalments] == ["overdue", "due"]
    assert detail.execution.surcharge == "120.00"  # 400 × 3 % × 10 days, not the whole 1,000


def test_a_deferral_replaces_a_plan(walker: Walker) -> None:
    w = walker
    _served_fine(w)
    w.do("demo-officer1", "defer", t(date(2026, 9, 21)), instalments="2026-10-15:400，2026-11-16:600")
    w.do("demo-leader", "approve", t(date(2026, 9, 25)), what="deferral", outcome="granted",
         reason="当事人申请改为暂缓缴纳", until=date(2026, 11, 30))
    with pytest.raises(InvalidInput, match="早于办理的日期"):
        w.do("demo-officer1", "defer", t(date(2026, 9, 28)), until=date(2026, 9, 1))
    w.do("demo-officer1", "defer", t(date(2026, 9, 28)), until=date(2026, 11, 30))
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id, today=date(2026, 10, 20))
    assert detail.execution.instalments == [] and detail.execution.deferred_until == date(2026, 11, 30)
    assert {d.kind: d.due for d in detail.deadlines}["payment"] == date(2026, 11, 30)
