"""Deadlines as the services show them (issue: Case workflow, requirement 3): `show_case(...).deadlines`
and `list_cases(..., CaseFilter(overdue=True))`, each period crossing the 2025 National Day holiday
(10-01..10-08) or a 调休 working weekend (2025-09-28 Sunday, 2025-10-11 Saturday), with its status
against `today`, and a deadline in 2027 (no calendar yet) marked provisional.

Counting (procedure.md, "Counting days"): the day of the event is not counted; working-day periods
skip holidays and count 调休 days; a natural period ending on a holiday ends on the next working day.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services.cases.queries import CaseFilter, DeadlineInfo, list_cases, show_case
from desktop_app.services.errors import Refused
from desktop_app.services.settings import set_setting
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import (
    HANDLERS,
    conclude_and_review,
    notify_and_serve,
    open_case,
    to_decided_fine,
    waive_both,
)


def deadlines(w: Walker, today: date | None = None, case: str | None = None) -> dict[str, DeadlineInfo]:
    detail = show_case(w.ctx, w.who("demo-leader"), case or w.case_id, today=today)
    return {d.kind: d for d in detail.deadlines}


def status(w: Walker, kind: str, today: date, case: str | None = None) -> str:
    return deadlines(w, today, case)[kind].status


def overdue_ids(w: Walker, today: date | None = None) -> set[str]:
    page = list_cases(w.ctx, w.who("demo-leader"), CaseFilter(overdue=True), today=today)
    assert all(row.overdue for row in page.rows)
    return {row.id for row in page.rows}


def test_filing_15_working_days_across_national_day(walker: Walker) -> None:
    w = walker
    w.new(on="2025-09-22 09:00")  # Monday; 09-28 (Sunday) is worked, 10-01..08 are off
    d = deadlines(w)["filing"]
    assert d.due == date(2025, 10, 17)
    assert d.counting == "working" and not d.provisional and "第五十四条" in d.article
    assert status(w, "filing", date(2025, 10, 13)) == "open"  # 4 working days left
    assert status(w, "filing", date(2025, 10, 14)) == "due_soon"  # 3 working days left
    assert status(w, "filing", date(2025, 10, 17)) == "due_soon"  # the last day itself
    assert status(w, "filing", date(2025, 10, 18)) == "overdue"
    assert w.case_id not in overdue_ids(w, date(2025, 10, 17))
    assert w.case_id in overdue_ids(w, date(2025, 10, 18))
    w.do("demo-lead", "accept", "2025-10-16 09:00")
    w.do("demo-leader", "file", "2025-10-17 09:00")
    filing = deadlines(w, date(2025, 10, 20))["filing"]
    assert filing.status == "met" and filing.met_on == date(2025, 10, 17)
    assert w.case_id not in overdue_ids(w, date(2025, 10, 20))


def test_decision_90_days_ending_in_a_holiday_moves_to_the_next_working_day(walker: Walker) -> None:
    w = walker
    open_case(w, date(2025, 7, 3))
    d = deadlines(w)["decision"]
    # 2025-07-03 + 90 days = 2025-10-01, a holiday: the period ends on 10-09 (民事诉讼法 第八十五条)
    assert d.due == date(2025, 10, 9)
    assert d.counting == "natural" and d.article == "行政处罚法第六十条"
    assert status(w, "decision", date(2025, 9, 26)) == "open"
    # nine days before, but only 09-29, 09-30 and 10-09 are left to work: amber
    assert status(w, "decision", date(2025, 9, 28)) == "due_soon"
    assert status(w, "decision", date(2025, 10, 9)) == "due_soon"
    assert status(w, "decision", date(2025, 10, 10)) == "overdue"
    assert w.case_id in overdue_ids(w)  # today (2026-11-23) it is long overdue
    # a case decided in time: met
    to_decided_fine(w, date(2025, 7, 3))
    d = deadlines(w, date(2026, 11, 23))["decision"]
    assert d.status == "met" and d.met_on == date(2025, 7, 16)


def test_statement_and_hearing_request_windows_from_service(walker: Walker) -> None:
    w = walker
    open_case(w, date(2025, 9, 15))
    conclude_and_review(w, date(2025, 9, 25))
    notify_and_serve(w, date(2025, 9, 26))  # served Friday 09-26
    d = deadlines(w)
    # 3 working days: 09-28 (Sunday worked), 09-29, 09-30
    assert d["statement"].due == date(2025, 9, 30) and d["statement"].counting == "working"
    # 5 working days: 09-28, 09-29, 09-30, (10-01..08 off) 10-09, 10-10
    assert d["hearing_request"].due == date(2025, 10, 10)
    assert d["hearing_request"].article == "行政处罚法第六十四条、第八十五条"
    assert status(w, "statement", date(2025, 9, 26)) == "due_soon"
    assert status(w, "hearing_request", date(2025, 9, 26)) == "open"
    assert status(w, "hearing_request", date(2025, 9, 30)) == "due_soon"  # only 10-09 and 10-10 left
    # a party's window that lapsed unused is over, not overdue: nobody is late
    assert status(w, "statement", date(2025, 10, 13)) == "met"
    assert status(w, "hearing_request", date(2025, 10, 13)) == "met"
    assert w.case_id not in overdue_ids(w, date(2025, 10, 13))


def test_statement_period_is_a_setting(walker: Walker) -> None:
    w = walker
    set_setting(w.ctx, w.who("demo-admin"), "deadline.statement_working_days", "5")
    open_case(w, date(2025, 9, 15))
    conclude_and_review(w, date(2025, 9, 25))
    notify_and_serve(w, date(2025, 9, 26))
    assert deadlines(w)["statement"].due == date(2025, 10, 10)
    # the notice told the party its period: a later change of the setting does not alter it
    set_setting(w.ctx, w.who("demo-admin"), "deadline.statement_working_days", "3")
    w.do("demo-officer1", "waive", "2025-10-09 09:00", what="hearing", proof=w.proof)
    assert deadlines(w)["statement"].due == date(2025, 10, 10)
    with pytest.raises(Refused, match="陈述申辩期限尚未届满（至 2025-10-10）"):
        w.do("demo-leader", "decide", "2025-10-10 10:00", kind="penalty", penalty="fine", amount=1000,
             tier="general", explanation="一般")
    assert w.do("demo-leader", "decide", "2025-10-11 10:00", kind="penalty", penalty="fine", amount=1000,
                tier="general", explanation="一般").state == "decided"


def test_hearing_request_met_when_requested(walker: Walker) -> None:
    w = walker
    open_case(w, date(2025, 9, 15))
    conclude_and_review(w, date(2025, 9, 25))
    notify_and_serve(w, date(2025, 9, 26))
    w.do("demo-officer1", "request_hearing", "2025-10-09 09:00")
    d = deadlines(w, date(2025, 10, 20))
    assert d["hearing_request"].status == "met" and d["hearing_request"].met_on == date(2025, 10, 9)
    host = w.do("demo-leader", "approve", "2025-10-09 10:00", what="hearing_host", outcome="granted",
                host="demo-officer3", reason="指定", hearing_time="2025-10-20 09:00", hearing_place="镇政府会议室")
    w.serve("demo-officer1", host.document_id, "2025-10-09 15:00")
    # 7 working days from Thursday 10-09: 10-10, 10-11 (Saturday worked), 10-13 … 10-17
    assert deadlines(w)["hearing_notice"].due == date(2025, 10, 17)


def test_service_of_the_decision_7_working_days(walker: Walker) -> None:
    w = walker
    open_case(w, date(2025, 9, 8))
    conclude_and_review(w, date(2025, 9, 18))
    notify_and_serve(w, date(2025, 9, 19))
    waive_both(w, date(2025, 9, 22))
    decided = w.do("demo-leader", "decide", "2025-09-25 10:00", kind="penalty", penalty="fine", amount=1000,
                   tier="general", explanation="一般")
    d = deadlines(w)["service"]
    # 09-26, 09-28 (Sunday worked), 09-29, 09-30, (holiday) 10-09, 10-10, 10-11 (Saturday worked)
    assert d.due == date(2025, 10, 11) and d.counting == "working" and "第六十一条" in d.article
    assert status(w, "service", date(2025, 10, 9)) == "due_soon"
    assert status(w, "service", date(2025, 10, 13)) == "overdue"
    assert w.case_id in overdue_ids(w, date(2025, 10, 13))
    w.serve("demo-officer1", decided.document_id, "2025-10-11 10:00")
    d = deadlines(w, date(2025, 10, 13))["service"]
    assert d.status == "met" and d.met_on == date(2025, 10, 11)


def test_legal_review_10_working_days(walker: Walker) -> None:
    w = walker
    open_case(w, date(2025, 9, 1), item="DQ-02")
    conclude_and_review(w, date(2025, 9, 11))
    notify_and_serve(w, date(2025, 9, 12))
    waive_both(w, date(2025, 9, 15))
    w.do("demo-officer1", "submit_review", "2025-09-24 09:00")
    d = deadlines(w)["legal_review"]
    # 09-25, 09-26, 09-28 (Sunday worked), 09-29, 09-30, 10-09, 10-10, 10-11 (Saturday worked), 10-13, 10-14
    assert d.due == date(2025, 10, 14) and d.counting == "working"
    assert status(w, "legal_review", date(2025, 10, 9)) == "open"  # 10-10, 10-11, 10-13, 10-14 left
    assert status(w, "legal_review", date(2025, 10, 10)) == "due_soon"
    assert status(w, "legal_review", date(2025, 10, 15)) == "overdue"
    w.do("demo-reviewer", "legal_review", "2025-10-13 09:00", outcome="passed", opinion="同意")
    d = deadlines(w, date(2025, 10, 15))["legal_review"]
    assert d.status == "met" and d.met_on == date(2025, 10, 13)


def test_legal_review_period_is_a_setting(walker: Walker) -> None:
    w = walker
    set_setting(w.ctx, w.who("demo-admin"), "deadline.legal_review_working_days", "5")
    open_case(w, date(2025, 9, 1), item="DQ-02")
    conclude_and_review(w, date(2025, 9, 11))
    notify_and_serve(w, date(2025, 9, 12))
    waive_both(w, date(2025, 9, 15))
    w.do("demo-officer1", "submit_review", "2025-09-24 09:00")
    assert deadlines(w)["legal_review"].due == date(2025, 9, 30)  # 09-25, 09-26, 09-28, 09-29, 09-30


def test_payment_15_days_ending_in_the_holiday(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2025, 8, 25))
    w.serve("demo-officer1", decided.document_id, "2025-09-16 10:00")
    w.do("demo-officer1", "publish", "2025-09-16 11:00", channel="政府网站")  # 第四十八条, met in time
    d = deadlines(w)["payment"]
    # 09-16 + 15 days = 10-01, a holiday: due 10-09 (行政处罚法 第六十七条; 民事诉讼法 第八十五条)
    assert d.due == date(2025, 10, 9) and d.counting == "natural" and d.article == "行政处罚法第六十七条"
    assert status(w, "payment", date(2025, 9, 30)) == "due_soon"
    assert status(w, "payment", date(2025, 10, 10)) == "overdue"
    assert w.case_id in overdue_ids(w, date(2025, 10, 10))
    w.do("demo-officer1", "pay", "2025-10-09 09:00", amount=400)
    assert status(w, "payment", date(2025, 10, 10)) == "overdue"  # part paid: still owed
    w.do("demo-officer1", "pay", "2025-10-09 10:00", amount=600)
    assert status(w, "payment", date(2025, 10, 10)) == "met"
    assert w.case_id not in overdue_ids(w, date(2025, 10, 10))


def test_reminder_10_working_days(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2025, 8, 11))
    w.serve("demo-officer1", decided.document_id, "2025-09-01 10:00")
    reminded = w.do("demo-officer1", "remind", "2025-09-24 09:00")
    w.serve("demo-officer1", reminded.document_id, "2025-09-24 15:00")
    d = deadlines(w)["reminder"]
    # 09-25, 09-26, 09-28 (Sunday worked), 09-29, 09-30, 10-09, 10-10, 10-11 (Saturday worked), 10-13, 10-14
    assert d.due == date(2025, 10, 14) and d.counting == "working" and "第五十四条" in d.article
    assert status(w, "reminder", date(2025, 10, 10)) == "due_soon"
    w.do("demo-officer1", "pay", "2025-10-10 09:00", amount=1000)
    d = deadlines(w, date(2025, 10, 20))["reminder"]
    assert d.status == "met"


def test_court_enforcement_3_months_after_the_review_and_litigation_periods(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2025, 3, 10))
    w.serve("demo-officer1", decided.document_id, "2025-04-01 10:00")
    d = deadlines(w)["court_enforcement"]
    # review 60 days → 05-31 (端午 holiday) → 06-03; litigation 6 months → 10-01 (National Day) → 10-09;
    # 3 months after the later of them: 2026-01-09 (行政强制法 第五十三条)
    assert d.due == date(2026, 1, 9) and d.counting == "natural" and d.article == "行政强制法第五十三条"
    assert status(w, "court_enforcement", date(2026, 1, 6)) == "due_soon"
    assert status(w, "court_enforcement", date(2026, 1, 12)) == "overdue"
    # a deferral moves the start to its end (行政处罚法 第七十二条第二款)
    w.do("demo-leader", "approve", "2025-04-10 09:00", what="deferral", outcome="granted", reason="经济困难",
         until=date(2026, 1, 20))
    w.do("demo-officer1", "defer", "2025-04-10 10:00", until=date(2026, 1, 20))
    after = deadlines(w)
    assert after["payment"].due == date(2026, 1, 20)
    assert after["court_enforcement"].due == date(2026, 4, 20)


def test_a_deadline_in_2027_is_provisional(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 11, 20))
    d = deadlines(w)
    # 2026-11-20 + 90 days = 2027-02-18: no 2027 calendar yet, weekends only, marked provisional
    assert d["decision"].due == date(2027, 2, 18) and d["decision"].provisional
    assert d["decision"].status == "open"
    # the filing deadline stays in 2026: 11-23 … 12-11, not provisional, met
    assert d["filing"].due == date(2026, 12, 11) and not d["filing"].provisional
    assert d["filing"].status == "met"
    rows = list_cases(w.ctx, w.who("demo-leader")).rows
    assert any(i.kind == "decision" and i.provisional for r in rows if r.id == w.case_id for i in r.deadlines)


def test_due_soon_and_overdue_against_today(walker: Walker) -> None:
    w = walker
    soon = w.new(on="2026-11-03 09:00")  # filing due 2026-11-24: 1 working day after today (11-23)
    late = w.new(on="2026-10-20 09:00")  # filing due 2026-11-10
    fresh = w.new(on="2026-11-20 09:00")  # filing due 2026-12-11
    assert deadlines(w, case=soon)["filing"].due == date(2026, 11, 24)
    assert deadlines(w, case=soon)["filing"].status == "due_soon"
    assert deadlines(w, case=late)["filing"].due == date(2026, 11, 10)
    assert deadlines(w, case=late)["filing"].status == "overdue"
    assert deadlines(w, case=fresh)["filing"].status == "open"
    assert overdue_ids(w) == {late}
    rows = {r.id: r for r in list_cases(w.ctx, w.who("demo-leader")).rows}
    assert rows[late].overdue and not rows[soon].overdue and not rows[fresh].overdue
    # another reference date
    assert overdue_ids(w, date(2026, 11, 25)) == {late, soon}
    assert overdue_ids(w, date(2026, 11, 10)) == set()
    # a simple-procedure case has no filing deadline
    w.new(item="SR-01", on="2026-10-01 09:00")
    w.do("demo-officer1", "decide_on_spot", "2026-10-01 09:30", officers=list(HANDLERS), penalty="warning",
         form_number="WS-77")
    assert "filing" not in deadlines(w)
