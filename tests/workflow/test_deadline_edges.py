"""Deadlines at their edges, through the services (perform via Walker, show_case(...).deadlines,
case_actions): periods in 2027, a year chinese-calendar 1.11.0 has no data for; periods ending on or
running across the 2026 调休 working weekends; 先行登记保存 decided within 7 working days; the 5-year
limitation of an item that says so; the extension of the decision deadline (service and CLI).

The rules (procedure.md, "Counting days", "Decisions for the software", "Working days and the holiday
calendar"): the day of the event is not counted; 行政处罚法 第八十五条, 行政强制法 第六十九条 make the
short periods working days; 15 days to pay, 90 days to decide, 60 days review, 6 months litigation and
3 months court enforcement are natural days or months, and such a period whose last day is a holiday
(or an ordinary weekend day) ends on the next working day (民事诉讼法 第八十五条), while a 调休 weekend
day is a working day. A year without a calendar is counted with weekends only and marked provisional —
never a crash, never a silent guess.

2026 as bundled (chinese-calendar): 调休 working days 01-04 (Sun), 02-14 (Sat), 02-28 (Sat),
05-09 (Sat), 09-20 (Sun), 10-10 (Sat); holidays 02-15..23 (春节), 09-25..27 (中秋), 10-01..07 (国庆).
2025: 调休 09-28 (Sun), 10-11 (Sat)… Every expected date below was counted by hand from these lists.
"""

# ruff: noqa: F811 - `desk` is the fixture imported from test_cli_cases, a parameter here
from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.clock import SHANGHAI, Clock
from desktop_app.services import calendar as calendar_service
from desktop_app.services import items as items_service
from desktop_app.services.cases.queries import ActionAnswer, DeadlineInfo, case_actions, show_case
from desktop_app.services.cases.register import NewCase, register_case
from desktop_app.services.errors import InvalidInput, Refused
from desktop_app.services.settings import set_setting
from tests.integration.test_cli_cases import (
    Desk,
    desk,  # noqa: F401 - the demo desk fixture (NOW 2026-11-23)
)
from tests.workflow.conftest import PERSON, Walker, at
from tests.workflow.test_deadlines_service import overdue_ids
from tests.workflow.test_paths import (
    HANDLERS,
    conclude_and_review,
    decide_fine,
    notify_and_serve,
    open_case,
    t,
    to_decided_fine,
    waive_both,
)

# Events in 2027 may not lie after "now" (perform refuses a future --on): the clock stands in mid-2028,
# and every status is asked for an explicit `today`.
LATER = datetime(2028, 6, 30, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def clock() -> Clock:
    return Clock(LATER)


def dls(w: Walker, today: date, case: str | None = None) -> dict[str, DeadlineInfo]:
    detail = show_case(w.ctx, w.who("demo-leader"), case or w.case_id, today=today)
    return {d.kind: d for d in detail.deadlines}


def answer(w: Walker, action: str, today: date, by: str = "demo-officer1") -> ActionAnswer:
    return {a.action: a for a in case_actions(w.ctx, w.who(by), w.case_id, today=today)}[action]


# =============================================================================== 2027: no calendar yet


def test_filing_across_new_year_into_2027_counts_weekends_only_and_is_provisional(walker: Walker) -> None:
    w = walker
    w.new(on="2026-12-24 09:00")  # Thursday
    # 15 working days: 12-25 (1), 12-28..31 (5) — 2026 is known, no holiday there — then 2027 with
    # weekends only: 01-01 (Friday, counted: no 2027 calendar) (6), 01-04..08 (11), 01-11..14 (15)
    d = dls(w, date(2027, 1, 8))["filing"]
    assert (d.due, d.counting, d.provisional) == (date(2027, 1, 14), "working", True)
    assert d.status == "open"  # 01-11, 12, 13, 14 left: four working days
    assert dls(w, date(2027, 1, 11))["filing"].status == "due_soon"  # 12, 13, 14: three
    assert dls(w, date(2027, 1, 14))["filing"].status == "due_soon"
    assert dls(w, date(2027, 1, 15))["filing"].status == "overdue"
    assert w.case_id in overdue_ids(w, date(2027, 1, 15))
    assert w.case_id not in overdue_ids(w, date(2027, 1, 14))
    w.do("demo-lead", "accept", "2027-01-13 09:00")
    assert w.do("demo-leader", "file", "2027-01-14 09:00").number == "文水刘立字〔2027〕第1号"
    d = dls(w, date(2027, 1, 20))["filing"]
    assert d.status == "met" and d.met_on == date(2027, 1, 14)
    # the decision deadline of a case filed on Thursday 2027-01-14: +90 days = 2027-04-14, a Wednesday
    decision = dls(w, date(2027, 1, 20))["decision"]
    assert (decision.due, decision.counting, decision.provisional) == (date(2027, 4, 14), "natural", True)


def test_filing_wholly_in_2027(walker: Walker) -> None:
    w = walker
    w.new(on="2027-02-03 09:00")  # Wednesday
    # 02-04, 05 (2), 02-08..12 (7), 02-15..19 (12), 02-22, 23, 24 (15) — weekends only, whatever 春节
    # 2027 turns out to be
    d = dls(w, date(2027, 2, 3))["filing"]
    assert (d.due, d.provisional, d.status) == (date(2027, 2, 24), True, "open")


def test_a_2027_case_filing_decision_and_preservation(walker: Walker) -> None:
    w = walker
    open_case(w, date(2027, 1, 4))  # Monday: registered, accepted, filed, investigated
    d = dls(w, date(2027, 1, 5))
    # 立案 on the day of discovery: met at once (due 01-05..08, 11..15, 18..22, 25 = 15 working days)
    assert (d["filing"].due, d["filing"].provisional, d["filing"].status) == (date(2027, 1, 25), True, "met")
    # 90 days from Monday 01-04 end on Sunday 2027-04-04: weekends only, so Monday 04-05 (民事诉讼法
    # 第八十五条) — provisional, since 2027's 清明 is not entered yet
    assert (d["decision"].due, d["decision"].counting, d["decision"].provisional) == \
        (date(2027, 4, 5), "natural", True)
    # 先行登记保存 (行政处罚法 第五十六条): the head approves first; the handling within 7 working days
    with pytest.raises(Refused, match=r"须事先经行政机关负责人批准（行政处罚法第五十六条）"):
        w.do("demo-officer1", "preserve", "2027-01-07 09:00", items="秸秆打捆机1台")
    w.do("demo-leader", "approve", "2027-01-07 09:30", what="preservation", outcome="granted",
         reason="证据可能灭失，同意先行登记保存")
    kept = w.do("demo-officer1", "preserve", "2027-01-07 10:00", items="秸秆打捆机1台")
    assert kept.state == "investigating"
    assert kept.document_number == "文水刘保存字〔2027〕第1号"
    # Thursday 01-07: 01-08 (1), 01-11..15 (6), 01-18 (7)
    p = dls(w, date(2027, 1, 12))["preservation_decision"]
    assert (p.due, p.counting, p.provisional, p.status) == (date(2027, 1, 18), "working", True, "open")
    assert "第五十六条" in p.article and "第八十五条" in p.article
    assert dls(w, date(2027, 1, 13))["preservation_decision"].status == "due_soon"  # 14, 15, 18
    assert dls(w, date(2027, 1, 19))["preservation_decision"].status == "overdue"
    w.do("demo-officer1", "preserve", "2027-01-18 10:00", decision="release")
    p = dls(w, date(2027, 1, 19))["preservation_decision"]
    assert p.status == "met" and p.met_on == date(2027, 1, 18)


def test_a_2027_notice_hearing_and_legal_review(walker: Walker) -> None:
    w = walker
    open_case(w, date(2027, 1, 4))
    conclude_and_review(w, date(2027, 1, 14))
    notify_and_serve(w, date(2027, 1, 15))  # served Friday 2027-01-15
    d = dls(w, date(2027, 1, 15))
    # 陈述申辩 3 working days: 01-18, 19, 20; 听证申请 5 working days: 01-18 … 01-22
    assert (d["statement"].due, d["statement"].provisional) == (date(2027, 1, 20), True)
    assert (d["hearing_request"].due, d["hearing_request"].provisional) == (date(2027, 1, 22), True)
    assert d["hearing_request"].counting == "working"
    assert not answer(w, "request_hearing", date(2027, 1, 25)).allowed  # the window ended on 01-22
    assert "已于 2027-01-22 届满" in (answer(w, "request_hearing", date(2027, 1, 25)).reason or "")
    assert w.do("demo-officer1", "request_hearing", "2027-01-22 09:00").state == "hearing"  # its last day
    # 听证通知书: 7 working days before the hearing (第六十四条、第八十五条). Named on Monday 01-25:
    # 01-26..29 (4), 02-01, 02, 03 (7) — the hearing on 02-03 at the soonest
    with pytest.raises(Refused, match="听证最早定于 2027-02-03"):
        w.do("demo-leader", "approve", "2027-01-25 09:00", what="hearing_host", outcome="granted",
             host="demo-officer3", reason="指定", hearing_time="2027-02-02 09:00", hearing_place="镇政府会议室")
    host = w.do("demo-leader", "approve", "2027-01-25 09:00", what="hearing_host", outcome="granted",
                host="demo-officer3", reason="指定", hearing_time="2027-02-03 09:00", hearing_place="镇政府会议室")
    w.serve("demo-officer1", host.document_id, "2027-01-25 15:00")
    n = dls(w, date(2027, 1, 26))["hearing_notice"]
    assert (n.due, n.counting, n.provisional) == (date(2027, 2, 3), "working", True)
    with pytest.raises(Refused, match=r"七个工作日后举行，最早 2027-02-03"):
        w.do("demo-officer3", "hold_hearing", "2027-02-02 09:00", outcome="held", record=w.proof)
    assert w.do("demo-officer3", "hold_hearing", "2027-02-03 09:00", outcome="held",
                record=w.proof).state == "notified"
    # after a hearing, 法制审核 (第五十八条第一款第二项): 10 working days (a setting) from Thursday
    # 02-04: 02-05 (1), 02-08..12 (6), 02-15..18 (10)
    w.do("demo-officer1", "submit_review", "2027-02-04 09:00")
    r = dls(w, date(2027, 2, 19))["legal_review"]
    assert (r.due, r.counting, r.provisional, r.status) == (date(2027, 2, 18), "working", True, "overdue")
    assert dls(w, date(2027, 2, 18))["legal_review"].status == "due_soon"
    w.do("demo-reviewer", "legal_review", "2027-02-18 10:00", outcome="passed", opinion="同意")
    r = dls(w, date(2027, 2, 19))["legal_review"]
    assert r.status == "met" and r.met_on == date(2027, 2, 18)
    assert decide_fine(w, date(2027, 2, 19)).state == "decided"
    decision = dls(w, date(2027, 2, 19))["decision"]
    assert decision.status == "met" and decision.met_on == date(2027, 2, 19)


def test_a_2027_decision_service_publicity_payment_reminder_and_court_window(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2027, 2, 6))  # decided Friday 2027-02-19
    d = dls(w, date(2027, 2, 24))
    # 送达 within 7 working days (第六十一条、第八十五条) and 公示 within 7 (a setting, 第四十八条):
    # 02-22..26 (5), 03-01 (6), 03-02 (7)
    for kind in ("service", "publicity"):
        assert (d[kind].due, d[kind].counting, d[kind].provisional, d[kind].status) == \
            (date(2027, 3, 2), "working", True, "open"), kind  # 02-25, 26, 03-01, 02 left
    assert dls(w, date(2027, 2, 25))["service"].status == "due_soon"
    w.serve("demo-officer1", decided.document_id, "2027-02-26 10:00")  # Friday
    w.do("demo-officer1", "publish", "2027-03-02 10:00", channel="政府网站")
    d = dls(w, date(2027, 3, 3))
    assert d["service"].status == "met" and d["service"].met_on == date(2027, 2, 26)
    assert d["publicity"].status == "met" and d["publicity"].met_on == date(2027, 3, 2)
    # 15 days to pay (第六十七条): 02-26 + 15 = Saturday 03-13 → Monday 03-15 (weekends only)
    assert (d["payment"].due, d["payment"].counting, d["payment"].provisional) == (date(2027, 3, 15), "natural", True)
    # review 60 days → 04-27; litigation 6 months → Thursday 08-26; 3 months after the later → Friday
    # 2027-11-26 (行政强制法 第五十三条)
    c = d["court_enforcement"]
    assert (c.due, c.counting, c.provisional) == (date(2027, 11, 26), "natural", True)
    with pytest.raises(Refused, match=r"尚未届满（至 2027-03-15）"):
        w.do("demo-officer1", "remind", "2027-03-15 10:00")
    reminded = w.do("demo-officer1", "remind", "2027-03-16 10:00")
    w.serve("demo-officer1", reminded.document_id, "2027-03-16 15:00")
    # 催告 10 working days (行政强制法 第五十四条、第六十九条) from Tuesday 03-16: 17, 18, 19 (3),
    # 03-22..26 (8), 29, 30 (10)
    rem = dls(w, date(2027, 3, 17))["reminder"]
    assert (rem.due, rem.counting, rem.provisional) == (date(2027, 3, 30), "working", True)
    w.do("demo-leader", "approve", "2027-03-17 10:00", what="court_enforcement", outcome="granted",
         reason="逾期不缴纳罚款，经催告仍不履行")
    assert "十个工作日（2027-03-30）" in (answer(w, "apply_court", date(2027, 3, 30)).reason or "")
    # the review and litigation periods run to 2027-08-26
    for day in (date(2027, 3, 31), date(2027, 8, 26)):
        a = answer(w, "apply_court", day)
        assert not a.allowed and "至 2027-08-26 届满" in (a.reason or ""), day
    assert answer(w, "apply_court", date(2027, 8, 27)).allowed
    late = answer(w, "apply_court", date(2027, 11, 29))
    assert not late.allowed and "已于 2027-11-26 届满" in (late.reason or "")
    applied = w.do("demo-officer1", "apply_court", "2027-11-26 10:00", ruling="granted")  # its last day
    assert applied.state == "executing"
    c = dls(w, date(2027, 12, 1))["court_enforcement"]
    assert c.status == "met" and c.met_on == date(2027, 11, 26)


def test_entering_the_2027_calendar_makes_open_deadlines_definite(walker: Walker) -> None:
    w = walker
    w.new(on="2026-12-24 09:00")
    assert (dls(w, date(2026, 12, 24))["filing"].due, dls(w, date(2026, 12, 24))["filing"].provisional) == \
        (date(2027, 1, 14), True)
    admin = w.who("demo-admin")
    # 元旦 is a holiday by law every year (全国年节及纪念日放假办法)
    calendar_service.set_day(w.ctx, admin, date(2027, 1, 1), "holiday", "元旦")
    calendar_service.confirm_year(w.ctx, admin, 2027)
    # now 01-01 is not counted: 12-25, 12-28..31 (5), 01-04..08 (10), 01-11..15 (15)
    d = dls(w, date(2027, 1, 15))["filing"]
    assert (d.due, d.provisional, d.status) == (date(2027, 1, 15), False, "due_soon")
    assert w.case_id not in overdue_ids(w, date(2027, 1, 15))


# =============================================================================== 2026 调休 and holidays


def test_decision_90_days_ending_on_a_tiaoxiu_sunday_is_not_moved(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 6, 22))  # Monday
    # 06-22 + 90 days = Sunday 2026-09-20, a 调休 working day: the period ends that day
    d = dls(w, date(2026, 9, 18))["decision"]
    assert (d.due, d.counting, d.provisional, d.article) == (date(2026, 9, 20), "natural", False, "行政处罚法第六十条")
    assert d.status == "due_soon"
    assert dls(w, date(2026, 9, 21))["decision"].status == "overdue"
    assert w.case_id in overdue_ids(w, date(2026, 9, 21))


def test_decision_90_days_ending_in_the_spring_festival_moves_past_it(walker: Walker) -> None:
    w = walker
    open_case(w, date(2025, 11, 17))  # Monday
    # 11-17 + 90 days = Sunday 2026-02-15, in 春节 (02-15..23): the period ends on Tuesday 02-24
    d = dls(w, date(2026, 2, 11))["decision"]
    assert (d.due, d.provisional) == (date(2026, 2, 24), False)
    # thirteen days before, but only 02-12, 02-13, 02-14 (Saturday worked) and 02-24 remain: open
    assert d.status == "open"
    # from 02-12 three working days are left (13, 14, 24): amber twelve calendar days ahead
    assert dls(w, date(2026, 2, 12))["decision"].status == "due_soon"
    assert dls(w, date(2026, 2, 24))["decision"].status == "due_soon"
    assert dls(w, date(2026, 2, 25))["decision"].status == "overdue"
    # the decision is refused nothing, but warned once the 90 days are over (第六十条)
    conclude_and_review(w, date(2026, 2, 9))
    notify_and_serve(w, date(2026, 2, 10))
    waive_both(w, date(2026, 2, 11))
    decided = decide_fine(w, date(2026, 2, 25))
    assert "已超过作出行政处罚决定的期限（2026-02-24，行政处罚法第六十条）" in decided.warnings


def test_filing_window_across_a_tiaoxiu_sunday_and_two_holidays(walker: Walker) -> None:
    w = walker
    w.new(on="2026-09-11 09:00")  # Friday
    # 09-14..18 (5), 09-20 Sunday worked (6), 09-21..24 (10), (中秋 09-25..27) 09-28..30 (13),
    # (国庆 10-01..07) 10-08, 10-09 (15)
    d = dls(w, date(2026, 9, 11))["filing"]
    assert (d.due, d.counting, d.provisional) == (date(2026, 10, 9), "working", False)
    assert dls(w, date(2026, 9, 29))["filing"].status == "due_soon"  # 30, 10-08, 10-09
    assert dls(w, date(2026, 9, 28))["filing"].status == "open"


def test_hearing_windows_across_the_spring_festival_and_its_tiaoxiu_saturdays(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 1, 26))
    conclude_and_review(w, date(2026, 2, 5))
    notify_and_serve(w, date(2026, 2, 13))  # served Friday 2026-02-13
    d = dls(w, date(2026, 2, 13))
    # 陈述申辩 3 working days: 02-14 (Saturday worked) (1), (春节 02-15..23) 02-24 (2), 02-25 (3)
    assert (d["statement"].due, d["statement"].provisional) == (date(2026, 2, 25), False)
    # 听证申请 5 working days: 02-14, 02-24, 25, 26, 27
    assert (d["hearing_request"].due, d["hearing_request"].provisional) == (date(2026, 2, 27), False)
    w.do("demo-officer1", "waive", "2026-02-14 09:00", what="statement", proof=w.proof)
    # a waiver of 陈述申辩 is no waiver of the hearing: no decision before the hearing window is over
    with pytest.raises(Refused, match=r"听证申请期限尚未届满（至 2026-02-27）"):
        decide_fine(w, date(2026, 2, 27))
    # the day after the window (Saturday 02-28, itself a 调休 working day) the decision is allowed
    assert decide_fine(w, date(2026, 2, 28)).state == "decided"
    d = dls(w, date(2026, 3, 2))
    assert d["hearing_request"].status == "met"
    # 送达 within 7 working days of Saturday 02-28: 03-02..06 (5), 03-09, 10 (7)
    assert d["service"].due == date(2026, 3, 10)


def test_court_enforcement_window_ending_on_a_tiaoxiu_saturday(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2025, 4, 29))  # decided 2025-05-12
    w.serve("demo-officer1", decided.document_id, "2025-05-14 10:00")  # Wednesday
    d = dls(w, date(2025, 5, 14))
    # payment: 05-14 + 15 = 05-29. Review 60 days → Sunday 07-13 → 07-14; litigation 6 months →
    # Friday 2025-11-14; 3 months after it → Saturday 2026-02-14, a 调休 working day: not moved (a
    # weekend rule alone would carry it past 春节 to 02-24)
    assert d["payment"].due == date(2025, 5, 29)
    c = d["court_enforcement"]
    assert (c.due, c.counting, c.provisional, c.article) == (date(2026, 2, 14), "natural", False, "行政强制法第五十三条")
    reminded = w.do("demo-officer1", "remind", "2025-06-03 10:00")
    w.serve("demo-officer1", reminded.document_id, "2025-06-03 15:00")
    w.do("demo-leader", "approve", "2025-06-20 10:00", what="court_enforcement", outcome="granted", reason="同意")
    early = answer(w, "apply_court", date(2025, 11, 14))
    assert not early.allowed and "至 2025-11-14 届满" in (early.reason or "")
    assert answer(w, "apply_court", date(2025, 11, 15)).allowed
    assert answer(w, "apply_court", date(2026, 2, 14)).allowed
    late = answer(w, "apply_court", date(2026, 2, 16))
    assert not late.allowed and "已于 2026-02-14 届满" in (late.reason or "")
    assert dls(w, date(2026, 2, 16))["court_enforcement"].status == "overdue"


def test_litigation_period_ending_on_a_tiaoxiu_saturday_then_court_window_into_2027(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2026, 3, 20))  # decided 2026-04-02
    w.serve("demo-officer1", decided.document_id, "2026-04-10 10:00")  # Friday
    d = dls(w, date(2026, 4, 10))
    # payment: 04-10 + 15 = Saturday 04-25 → Monday 04-27 (an ordinary weekend is 法定休假日 too)
    assert d["payment"].due == date(2026, 4, 27)
    # review: 04-10 + 60 = 06-09; litigation: 6 months → Saturday 2026-10-10, a 调休 working day, so the
    # periods end that day; 3 months after → Sunday 2027-01-10 → Monday 01-11 by weekends only
    c = d["court_enforcement"]
    assert (c.due, c.provisional) == (date(2027, 1, 11), True)
    reminded = w.do("demo-officer1", "remind", "2026-05-06 10:00")
    w.serve("demo-officer1", reminded.document_id, "2026-05-06 15:00")
    w.do("demo-leader", "approve", "2026-05-25 10:00", what="court_enforcement", outcome="granted", reason="同意")
    on_last_day = answer(w, "apply_court", date(2026, 10, 10))
    assert not on_last_day.allowed and "至 2026-10-10 届满" in (on_last_day.reason or "")
    assert answer(w, "apply_court", date(2026, 10, 11)).allowed
    assert answer(w, "apply_court", date(2027, 1, 11)).allowed
    assert not answer(w, "apply_court", date(2027, 1, 12)).allowed


# =============================================================================== 先行登记保存 (第五十六条)


def _preserved(w: Walker) -> None:
    """A case under investigation since 2026-09-14, evidence preserved on Thursday 2026-09-17."""
    open_case(w, date(2026, 9, 14))
    w.do("demo-leader", "approve", "2026-09-17 09:30", what="preservation", outcome="granted",
         reason="证据可能灭失，同意先行登记保存")
    kept = w.do("demo-officer1", "preserve", "2026-09-17 10:00", items="农用三轮车1辆")
    assert kept.state == "investigating" and kept.document_number == "文水刘保存字〔2026〕第1号"


def test_preservation_decided_on_the_seventh_working_day(walker: Walker) -> None:
    w = walker
    _preserved(w)
    # 09-18 (1), 09-20 Sunday worked (2), 09-21..24 (6), (中秋 09-25..27) 09-28 (7)
    p = dls(w, date(2026, 9, 18))["preservation_decision"]
    assert (p.due, p.counting, p.provisional, p.status) == (date(2026, 9, 28), "working", False, "open")
    assert p.article == "行政处罚法第五十六条、第八十五条"
    assert dls(w, date(2026, 9, 21))["preservation_decision"].status == "open"  # 22, 23, 24, 28
    assert dls(w, date(2026, 9, 22))["preservation_decision"].status == "due_soon"  # 23, 24, 28
    assert dls(w, date(2026, 9, 29))["preservation_decision"].status == "overdue"
    assert w.case_id in overdue_ids(w, date(2026, 9, 29))
    # a 查封、扣押 needs its own approval (行政强制法 第十八条)
    with pytest.raises(Refused, match=r"查封、扣押须事先经行政机关负责人批准（行政强制法第十八条）"):
        w.do("demo-officer1", "preserve", "2026-09-28 09:00", decision="seize")
    assert answer(w, "preserve", date(2026, 9, 28)).allowed
    assert w.do("demo-officer1", "preserve", "2026-09-28 10:00", decision="release").state == "investigating"
    p = dls(w, date(2026, 9, 29))["preservation_decision"]
    assert p.status == "met" and p.met_on == date(2026, 9, 28)
    assert w.case_id not in overdue_ids(w, date(2026, 9, 29))
    # nothing is left to handle, and the approval was used: a new preservation needs a new one
    with pytest.raises(Refused, match="没有待处理的先行登记保存证据"):
        w.do("demo-officer1", "preserve", "2026-09-29 10:00", decision="confiscate")
    with pytest.raises(Refused, match="第五十六条"):
        w.do("demo-officer1", "preserve", "2026-09-29 10:00", items="农用三轮车1辆")


def test_preservation_handled_late_stays_on_record_as_late(walker: Walker) -> None:
    """The code does not refuse a handling after the 7th working day (the goods must still be dealt
    with): the deadline is overdue until then, and the day it was met keeps the lateness visible."""
    w = walker
    _preserved(w)
    assert dls(w, date(2026, 9, 29))["preservation_decision"].status == "overdue"
    assert w.do("demo-officer1", "preserve", "2026-09-29 10:00", decision="release").state == "investigating"
    p = dls(w, date(2026, 9, 30))["preservation_decision"]
    assert p.due == date(2026, 9, 28) and p.met_on == date(2026, 9, 29) and p.met_on > p.due


# =============================================================================== 5-year limitation (第三十六条)


def _five_year_dq01(w: Walker, tmp_path: Path) -> None:
    """The admin's list, in force from 2026-07-01, gives DQ-01 a limitation of 5 years (the per-item
    override procedure.md names for 法律另有规定 / acts harming life or health); the other items keep 2."""
    admin = w.who("demo-admin")
    sheet = tmp_path / "清单.csv"
    items_service.export_items(w.ctx, sheet, on=date(2026, 7, 1))
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    code, years = header.index("编码"), header.index("追责时效（年）")
    for row in rows[1:]:
        if row[code] == "DQ-01":
            row[years] = "5"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    version = items_service.import_items(w.ctx, admin, sheet, effective_from=date(2026, 7, 1))
    items_service.confirm_list(w.ctx, admin, version.number)
    assert items_service.get_item(w.ctx, "DQ-01", on=date(2026, 8, 3)).limitation_years == 5
    assert items_service.get_item(w.ctx, "SR-01", on=date(2026, 8, 3)).limitation_years == 2


def _register(w: Walker, item: str, act: date, on: str = "2026-08-03 09:00") -> list[str]:
    reg = register_case(w.ctx, w.who("demo-officer1"), NewCase(
        item_code=item, source="inspection", facts="露天焚烧", party=PERSON, on=at(on), act_date=act,
        discovered_on=date(2026, 8, 3)))
    w.case_id = reg.case_id
    return reg.warnings


def _to_notice(w: Walker) -> None:
    w.do("demo-lead", "accept", "2026-08-03 10:00")
    w.do("demo-leader", "file", "2026-08-03 11:00")
    w.do("demo-lead", "investigate", "2026-08-03 14:00", officers=list(HANDLERS))
    w.record("2026-08-04 09:00")
    conclude_and_review(w, date(2026, 8, 10))


def test_five_year_limitation_allows_a_penalty_at_four_years_eleven_months(walker: Walker, tmp_path: Path) -> None:
    w = walker
    _five_year_dq01(w, tmp_path)
    # the act on 2021-09-03, discovered 2026-08-03: 4 years 11 months — in time
    assert _register(w, "DQ-01", date(2021, 9, 3)) == []
    kinds = {s.kind for s in show_case(w.ctx, w.who("demo-leader"), w.case_id).suggestions}
    assert "limitation" not in kinds
    _to_notice(w)
    notify_and_serve(w, date(2026, 8, 11))
    waive_both(w, date(2026, 8, 12))
    assert decide_fine(w, date(2026, 8, 13)).state == "decided"
    # exactly five years (act 2021-08-03): the last day of the period, still in time
    assert _register(w, "DQ-01", date(2021, 8, 3), on="2026-08-03 10:00") == []
    # the same 4 years 11 months under an item that keeps 2 years: barred
    assert any("第三十六条" in x for x in _register(w, "SR-01", date(2021, 9, 3), on="2026-08-03 11:00"))


def test_five_year_limitation_refuses_a_penalty_after_five_years(walker: Walker, tmp_path: Path) -> None:
    w = walker
    _five_year_dq01(w, tmp_path)
    # the act on 2021-08-02, discovered 2026-08-03: five years and a day
    warnings = _register(w, "DQ-01", date(2021, 8, 2))
    assert any("追责时效" in x and "第三十六条" in x for x in warnings)
    kinds = {s.kind for s in show_case(w.ctx, w.who("demo-leader"), w.case_id).suggestions}
    assert "limitation" in kinds
    _to_notice(w)
    with pytest.raises(Refused, match=r"超过追责时效，不得给予行政处罚（行政处罚法第三十六条）"):
        w.do("demo-lead", "notify", "2026-08-11 09:00", penalty="fine", amount=1000, hearing_rights=True)
    a = answer(w, "decide", date(2026, 8, 11), by="demo-leader")
    assert a.allowed  # as 不予行政处罚 only
    assert w.do("demo-leader", "decide", "2026-08-11 10:00", kind="no_penalty", ground="time_barred",
                explanation="超过追责时效，不予行政处罚").state == "decided"


# =============================================================================== extension (第六十条)

RULE = "《某省行政处罚程序规定》第X条（测试用）"


def test_extension_of_the_decision_deadline_needs_the_rule_and_an_approval(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 3))
    # 08-03 + 90 days = Sunday 2026-11-01 → Monday 11-02
    assert dls(w, date(2026, 8, 3))["decision"].due == date(2026, 11, 2)
    with pytest.raises(Refused, match="行政处罚法第六十条未规定延长期限"):
        w.do("demo-lead", "extend", "2026-10-20 09:00", until=date(2026, 12, 1), reason="案情复杂")
    refused = answer(w, "extend", date(2026, 10, 20), by="demo-lead")
    assert not refused.allowed and refused.article == "行政处罚法第六十条"
    set_setting(w.ctx, w.who("demo-admin"), "deadline.decision_extension_rule", RULE)
    with pytest.raises(Refused, match=rf"延长期限须经负责人批准（依据：{RULE}）"):
        w.do("demo-lead", "extend", "2026-10-20 09:00", until=date(2026, 12, 1), reason="案情复杂")
    w.do("demo-leader", "approve", "2026-10-20 10:00", what="extension", outcome="refused", reason="不同意")
    with pytest.raises(Refused, match="延长期限须经负责人批准"):
        w.do("demo-lead", "extend", "2026-10-20 11:00", until=date(2026, 12, 1), reason="案情复杂")
    w.do("demo-leader", "approve", "2026-10-21 10:00", what="extension", outcome="granted",
         reason="案情复杂，同意延长", until=date(2026, 12, 1))
    extended = w.do("demo-lead", "extend", "2026-10-21 11:00", until=date(2026, 12, 1), reason="案情复杂，需补充鉴定")
    assert extended.state == "investigating"
    d = dls(w, date(2026, 11, 3))["decision"]
    assert (d.due, d.counting, d.article, d.status) == (date(2026, 12, 1), "natural", "行政处罚法第六十条", "open")
    assert w.case_id not in overdue_ids(w, date(2026, 11, 3))
    assert dls(w, date(2026, 12, 2))["decision"].status == "overdue"
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    event = detail.timeline[-1]
    assert event.action == "extend" and event.actor == "demo-lead"
    assert event.data == {"reason": "案情复杂，需补充鉴定", "rule": RULE, "approval_until": "2026-12-01"}
    assert [(a.what, a.outcome, a.approver, a.until) for a in detail.approvals] == [
        ("extension", "refused", "demo-leader", None), ("extension", "granted", "demo-leader", date(2026, 12, 1))]
    # the approval is used: another extension needs another approval
    with pytest.raises(Refused, match="延长期限须经负责人批准"):
        w.do("demo-lead", "extend", "2026-11-20 09:00", until=date(2026, 12, 20), reason="再延长")
    # decided after the 90 days but within the extension: no warning of a late decision
    conclude_and_review(w, date(2026, 11, 10))
    notify_and_serve(w, date(2026, 11, 11))
    waive_both(w, date(2026, 11, 12))
    decided = decide_fine(w, date(2026, 11, 13))
    assert not any("第六十条" in x for x in decided.warnings)
    d = dls(w, date(2026, 12, 2))["decision"]
    assert d.status == "met" and d.met_on == date(2026, 11, 13)
    # nothing left to extend once decided (before decided only)
    assert not answer(w, "extend", date(2026, 11, 14), by="demo-lead").allowed


def test_extension_beyond_the_approved_date_is_refused(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 3))
    set_setting(w.ctx, w.who("demo-admin"), "deadline.decision_extension_rule", RULE)
    w.do("demo-leader", "approve", "2026-10-21 10:00", what="extension", outcome="granted",
         reason="同意延长至 2026-12-01", until=date(2026, 12, 1))
    with pytest.raises(Refused, match="超出负责人批准的期限 2026-12-01"):
        w.do("demo-lead", "extend", "2026-10-21 11:00", until=date(2027, 3, 1), reason="案情复杂")
    assert dls(w, date(2026, 11, 3))["decision"].due == date(2026, 11, 2)
    # nor an "extension" to a date the deadline has already passed: it would use up the approval for nothing
    with pytest.raises(InvalidInput, match="应晚于现在的办案期限 2026-11-02"):
        w.do("demo-lead", "extend", "2026-10-21 11:00", until=date(2026, 10, 1), reason="案情复杂")
    w.do("demo-lead", "extend", "2026-10-21 11:00", until=date(2026, 12, 1), reason="案情复杂")
    assert dls(w, date(2026, 11, 3))["decision"].due == date(2026, 12, 1)


# --------------------------------------------------------------------------- extension through the CLI


def test_extension_through_the_cli(desk: Desk) -> None:
    case = desk.ok("--as", "demo-officer1", "case", "new", "--item", "DQ-01", "--source", "inspection",
                   "--facts", "露天焚烧秸秆", "--person", "142322198001010010", "--name", "王某某",
                   "--on", "2026-08-03T09:00").strip()
    desk.act("demo-lead", "accept", case, "2026-08-03T10:00")
    desk.act("demo-leader", "file", case, "2026-08-03T11:00")
    desk.act("demo-lead", "investigate", case, "2026-08-03T14:00", "--officers", "demo-officer1,demo-officer2")

    def decision() -> dict[str, str]:
        rows = desk.json("--today", "2026-11-03", "case", "show", case)["deadlines"]
        found: dict[str, str] = next(d for d in rows if d["kind"] == "decision")
        return found

    assert (decision()["due"], decision()["status"]) == ("2026-11-02", "overdue")
    code, out, err = desk.run("--as", "demo-lead", "case", "extend", case, "--on", "2026-10-21T11:00",
                              "--until", "2026-12-01", "--reason", "案情复杂")
    assert code == 1 and out == ""
    assert err.startswith("错误：行政处罚法第六十条未规定延长期限") and "Traceback" not in err
    desk.ok("--as", "demo-admin", "settings", "set", "deadline.decision_extension_rule", RULE)
    code, _, err = desk.run("--as", "demo-lead", "case", "extend", case, "--on", "2026-10-21T11:00",
                            "--until", "2026-12-01", "--reason", "案情复杂")
    assert code == 1 and f"延长期限须经负责人批准（依据：{RULE}）" in err
    desk.act("demo-leader", "approve", case, "2026-10-21T10:00", "--what", "extension", "--outcome", "granted",
             "--reason", "同意延长", "--until", "2026-12-01")
    out = desk.act("demo-lead", "extend", case, "2026-10-21T11:00", "--until", "2026-12-01", "--reason", "案情复杂")
    assert out == "已延长期限：文水刘立字〔2026〕第1号，状态：调查取证\n"
    assert (decision()["due"], decision()["status"]) == ("2026-12-01", "open")
    shown = desk.json("case", "show", case)
    assert shown["state"] == "investigating"
    last = shown["timeline"][-1]
    assert last["action"] == "extend" and last["actor"] == "demo-lead"
    assert last["data"] == {"reason": "案情复杂", "rule": RULE, "approval_until": "2026-12-01"}


def test_legal_review_and_publicity_periods_across_the_2026_autumn_holidays(walker: Walker) -> None:
    """法制审核 (10 working days, a setting) and 公示 (7 working days) across 中秋 (09-25..27), 国庆
    (10-01..07) and the 调休 working days Sunday 09-20 and Saturday 10-10."""
    w = walker
    open_case(w, date(2026, 9, 1), item="DQ-02")  # a major item: 法制审核 required
    conclude_and_review(w, date(2026, 9, 10))
    notify_and_serve(w, date(2026, 9, 11))
    waive_both(w, date(2026, 9, 14))
    w.do("demo-officer1", "submit_review", t(date(2026, 9, 17)))  # Thursday
    # 09-18 (1), Sun 09-20 worked (2), 09-21..24 (3-6), 中秋 09-25..27, 09-28..30 (7-9), 国庆, 10-08 (10)
    d = dls(w, date(2026, 9, 18))["legal_review"]
    assert (d.due, d.counting, d.provisional) == (date(2026, 10, 8), "working", False)
    w.do("demo-reviewer", "legal_review", t(date(2026, 9, 29)), outcome="passed", opinion="同意")
    decide_fine(w, date(2026, 9, 30))  # Wednesday
    # 国庆 10-01..07, 10-08 (1), 10-09 (2), Sat 10-10 worked (3), 10-12..15 (4-7)
    d = dls(w, date(2026, 10, 1))["publicity"]
    assert (d.due, d.counting, d.provisional) == (date(2026, 10, 15), "working", False)


def test_a_payment_period_ending_on_a_tiaoxiu_sunday_is_not_moved(walker: Walker) -> None:
    """15 days (行政处罚法第六十七条) are natural days; the last one moves only off a rest day — Sunday
    2026-09-20 is a 调休 working day, so the period ends that Sunday."""
    w = walker
    decided = to_decided_fine(w, date(2026, 8, 20))
    w.serve("demo-officer1", decided.document_id, t(date(2026, 9, 5), "10:00"))  # 09-05 + 15 = 09-20
    d = dls(w, date(2026, 9, 6))["payment"]
    assert (d.due, d.counting) == (date(2026, 9, 20), "natural")
    assert dls(w, date(2026, 9, 21))["payment"].status == "overdue"
