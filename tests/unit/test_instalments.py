"""分期缴纳 plans (行政处罚法 第六十六条第二款): reading, checking, and where the party stands."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.instalments import (
    Instalment,
    PlanError,
    check_plan,
    from_record,
    late_fen,
    next_due,
    parse_plan,
    standing,
    to_record,
)

PLAN = [Instalment(date(2026, 12, 31), 50000), Instalment(date(2027, 1, 31), 30000),
        Instalment(date(2027, 2, 28), 20000)]


def test_a_plan_is_read_in_the_ways_people_write_it() -> None:
    assert parse_plan("2026-12-31:500，2027-01-31:300；2027-2-28：200元") == PLAN
    assert parse_plan("2026年12月31日 500\n2027-01-31=300、2027/02/28:200") == PLAN
    # a thousands separator is part of the amount, not a new instalment
    assert parse_plan("2026-12-31:1,000，2027-01-31:1,000.50") == [
        Instalment(date(2026, 12, 31), 100000), Instalment(date(2027, 1, 31), 100050)]


@pytest.mark.parametrize(("text", "message"), [
    ("", "须填写分期计划"),
    ("500 元分两期", "每期应写成“日期:金额”"),
    ("2026-02-30:500，2026-03-31:500", "日期不存在"),
    ("2026-12-31:五百，2027-01-31:500", "金额应为数字"),
    ("2026-12-31:0，2027-01-31:500", "应大于 0"),
    ("2026-12-31:10.005，2027-01-31:500", "最多两位小数"),
])
def test_a_plan_that_cannot_be_read_says_why(text: str, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        parse_plan(text)


def test_a_plan_adds_up_to_what_is_owed_in_order() -> None:
    check_plan(PLAN, 100000, date(2026, 12, 1))
    with pytest.raises(PlanError, match="至少分两期"):
        check_plan(PLAN[:1], 50000, date(2026, 12, 1))
    with pytest.raises(PlanError, match="逐期推后"):
        check_plan([PLAN[1], PLAN[0], PLAN[2]], 100000, date(2026, 12, 1))
    with pytest.raises(PlanError, match="早于办理分期的日期 2027-01-01"):
        check_plan(PLAN, 100000, date(2027, 1, 1))
    with pytest.raises(PlanError, match=r"合计 1000\.00 元，应等于尚欠罚款 1200\.00 元"):
        check_plan(PLAN, 120000, date(2026, 12, 1))


def test_payments_count_against_the_earliest_instalments() -> None:
    states = standing(PLAN, 60000, date(2027, 2, 1))
    assert [(s.covered_fen, s.status) for s in states] == [(50000, "paid"), (10000, "overdue"), (0, "due")]
    assert next_due(PLAN, 60000) == date(2027, 1, 31)
    assert late_fen(PLAN, 60000, date(2027, 2, 1)) == 20000  # the rest of the 2nd; the 3rd is not due
    assert next_due(PLAN, 100000) is None
    assert late_fen(PLAN, 0, date(2026, 12, 31)) == 0  # due today is not late


def test_the_record_round_trips() -> None:
    record = to_record(PLAN, 40000)
    assert record == {"paid_before": "400.00", "plan": [
        {"due": "2026-12-31", "amount": "500.00"}, {"due": "2027-01-31", "amount": "300.00"},
        {"due": "2027-02-28", "amount": "200.00"}]}
    assert from_record(record) == (PLAN, 40000)
    assert from_record(None) == ([], 0)


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_in_words(text: str) -> None:
    try:
        plan = parse_plan(text)
    except PlanError as exc:
        assert str(exc)
    else:
        assert plan and all(i.fen > 0 for i in plan)


@given(st.lists(st.integers(min_value=1, max_value=10**7), min_size=2, max_size=6),
       st.integers(min_value=0, max_value=10**8))
def test_standing_never_covers_more_than_paid_or_due(amounts: list[int], paid: int) -> None:
    plan = [Instalment(date(2027, 1, 1 + i), fen) for i, fen in enumerate(amounts)]
    states = standing(plan, paid, date(2027, 1, 3))
    assert sum(s.covered_fen for s in states) == min(paid, sum(amounts))
    assert all(0 <= s.covered_fen <= s.fen for s in states)
    due = next_due(plan, paid)
    assert (due is None) == (paid >= sum(amounts))
