"""Tests for desktop_app.domain.deadlines with the real 2004–2026 holiday calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.deadlines import (
    DEADLINE_KINDS,
    DUE_SOON_WORKING_DAYS,
    Counting,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    compute,
    court_enforcement_start,
    status,
)
from desktop_app.domain.holiday_data import calendar_from_chinese_calendar
from desktop_app.domain.workdays import is_workday, working_days_between

CAL = calendar_from_chinese_calendar()
K = DeadlineKind

# kind → (counting, length, unit, a piece of its article)
SPECS: dict[DeadlineKind, tuple[Counting, int, str, str]] = {
    K.FILING: (Counting.WORKING, 15, "days", "实务"),
    K.DECISION: (Counting.NATURAL, 90, "days", "行政处罚法第六十条"),
    K.STATEMENT: (Counting.WORKING, 3, "days", "行政处罚法第四十四条、第四十五条"),
    K.HEARING_REQUEST: (Counting.WORKING, 5, "days", "行政处罚法第六十四条、第八十五条"),
    K.HEARING_NOTICE: (Counting.WORKING, 7, "days", "行政处罚法第六十四条、第八十五条"),
    K.SERVICE: (Counting.WORKING, 7, "days", "行政处罚法第六十一条"),
    K.PRESERVATION_DECISION: (Counting.WORKING, 7, "days", "行政处罚法第五十六条"),
    K.LEGAL_REVIEW: (Counting.WORKING, 10, "days", "地方规定"),
    K.PUBLICITY: (Counting.WORKING, 7, "days", "行政处罚法第四十八条"),
    K.PAYMENT: (Counting.NATURAL, 15, "days", "行政处罚法第六十七条"),
    K.REMINDER: (Counting.WORKING, 10, "days", "行政强制法第五十四条、第六十九条"),
    K.REVIEW_PERIOD: (Counting.NATURAL, 60, "days", "行政复议法第二十条"),
    K.LITIGATION_PERIOD: (Counting.NATURAL, 6, "months", "行政诉讼法第四十六条"),
    K.COURT_ENFORCEMENT: (Counting.NATURAL, 3, "months", "行政强制法第五十三条"),
}


def test_every_kind_is_described() -> None:
    assert set(DEADLINE_KINDS) == set(DeadlineKind) == set(SPECS)
    for kind, spec in DEADLINE_KINDS.items():
        assert spec.kind is kind
        assert spec.label and spec.from_event and spec.article


@pytest.mark.parametrize("kind", list(DeadlineKind))
def test_kind_counting_length_and_article(kind: DeadlineKind) -> None:
    counting, length, unit, article = SPECS[kind]
    spec = DEADLINE_KINDS[kind]
    assert (spec.counting, spec.length, spec.unit) == (counting, length, unit)
    assert article in spec.article


def test_settings_name_the_practice_lengths() -> None:
    assert DEADLINE_KINDS[K.STATEMENT].setting == "deadline.statement_working_days"
    assert DEADLINE_KINDS[K.FILING].setting == "deadline.filing_working_days"
    assert DEADLINE_KINDS[K.LEGAL_REVIEW].setting == "deadline.legal_review_working_days"
    assert DEADLINE_KINDS[K.PUBLICITY].setting == "deadline.publicity_working_days"
    assert DEADLINE_KINDS[K.DECISION].setting is None


# National Day 2024: 10-01…10-07 off; Sunday 09-29 and Saturday 10-12 are 调休 working days.
@pytest.mark.parametrize(
    ("kind", "start", "due"),
    [
        # 09-29 (Sun, worked), 09-30, [holiday], 10-08
        (K.STATEMENT, date(2024, 9, 27), date(2024, 10, 8)),
        (K.HEARING_REQUEST, date(2024, 9, 27), date(2024, 10, 10)),
        # the 7th working day is Saturday 10-12, a 调休 working day
        (K.HEARING_NOTICE, date(2024, 9, 27), date(2024, 10, 12)),
        (K.PUBLICITY, date(2024, 9, 27), date(2024, 10, 12)),
        (K.SERVICE, date(2024, 9, 30), date(2024, 10, 15)),
        (K.PRESERVATION_DECISION, date(2024, 10, 8), date(2024, 10, 16)),
        (K.REMINDER, date(2024, 9, 27), date(2024, 10, 16)),
        (K.LEGAL_REVIEW, date(2024, 10, 8), date(2024, 10, 21)),
        (K.FILING, date(2024, 9, 20), date(2024, 10, 16)),
        # natural periods ending inside the holiday end on 10-08 (民事诉讼法第八十五条)
        (K.PAYMENT, date(2024, 9, 22), date(2024, 10, 8)),
        (K.DECISION, date(2024, 7, 4), date(2024, 10, 8)),
        (K.REVIEW_PERIOD, date(2024, 8, 3), date(2024, 10, 8)),
        (K.LITIGATION_PERIOD, date(2024, 4, 5), date(2024, 10, 8)),
        (K.COURT_ENFORCEMENT, date(2024, 7, 6), date(2024, 10, 8)),
    ],
)
def test_periods_across_national_day_2024(kind: DeadlineKind, start: date, due: date) -> None:
    deadline = compute(kind, start, CAL)
    assert deadline.due == due
    assert deadline.provisional is False
    assert deadline.kind is kind
    assert deadline.start == start
    assert deadline.counting is DEADLINE_KINDS[kind].counting
    assert deadline.article == DEADLINE_KINDS[kind].article


def test_natural_period_ending_on_a_working_saturday_stays_there() -> None:
    # 2024-09-27 + 15 days = Saturday 2024-10-12, a 调休 working day: not moved
    deadline = compute(K.PAYMENT, date(2024, 9, 27), CAL)
    assert deadline.due == date(2024, 10, 12)
    assert deadline.due.weekday() == 5


def test_natural_period_ending_on_an_ordinary_weekend_moves_to_monday() -> None:
    # 2024-11-01 + 15 = Saturday 11-16 → Monday 11-18
    assert compute(K.PAYMENT, date(2024, 11, 1), CAL).due == date(2024, 11, 18)


def test_start_day_is_not_counted() -> None:
    # Monday 2024-11-04: three working days are Tue, Wed, Thu
    assert compute(K.STATEMENT, date(2024, 11, 4), CAL).due == date(2024, 11, 7)
    assert compute(K.PAYMENT, date(2024, 11, 4), CAL).due == date(2024, 11, 19)


@pytest.mark.parametrize(
    ("kind", "start", "due"),
    [
        (K.PAYMENT, date(2026, 12, 20), date(2027, 1, 4)),
        # 2027-01-01 is counted as a working day: the 2027 calendar is not known yet
        (K.STATEMENT, date(2026, 12, 30), date(2027, 1, 4)),
        (K.LITIGATION_PERIOD, date(2026, 11, 23), date(2027, 5, 24)),
        (K.DECISION, date(2026, 11, 23), date(2027, 2, 22)),
    ],
)
def test_periods_into_2027_are_provisional(kind: DeadlineKind, start: date, due: date) -> None:
    deadline = compute(kind, start, CAL)
    assert deadline.due == due
    assert deadline.provisional is True
    assert deadline.missing_years == (2027,)


def test_period_within_2026_is_not_provisional() -> None:
    deadline = compute(K.HEARING_REQUEST, date(2026, 11, 23), CAL)
    assert deadline == Deadline(
        kind=K.HEARING_REQUEST,
        due=date(2026, 11, 30),
        counting=Counting.WORKING,
        article=DEADLINE_KINDS[K.HEARING_REQUEST].article,
        provisional=False,
        start=date(2026, 11, 23),
        length=5,
    )
    assert deadline.label == "听证申请期限"


def test_length_override_for_a_setting() -> None:
    five = compute(K.STATEMENT, date(2024, 9, 27), CAL, length_override=5)
    assert five.due == compute(K.HEARING_REQUEST, date(2024, 9, 27), CAL).due
    assert five.length == 5


def test_bad_kind_or_length() -> None:
    with pytest.raises(ValueError):
        compute("no_such_kind", date(2024, 1, 1), CAL)
    with pytest.raises(ValueError):
        compute(K.STATEMENT, date(2024, 1, 1), CAL, length_override=-1)


def test_court_enforcement_start() -> None:
    review_end, litigation_end = date(2026, 3, 2), date(2026, 7, 1)
    assert court_enforcement_start(review_end, litigation_end) == litigation_end
    assert court_enforcement_start(review_end, litigation_end, date(2026, 9, 30)) == date(2026, 9, 30)
    assert court_enforcement_start(review_end, litigation_end, date(2026, 1, 1)) == litigation_end


# ---------------------------------------------------------------------------- status

DUE = compute(K.HEARING_REQUEST, date(2024, 9, 27), CAL)  # due 2024-10-10 (Thursday)


def test_status_met_wins() -> None:
    assert status(DUE, date(2024, 10, 9), date(2024, 12, 1), CAL) is DeadlineStatus.MET
    assert status(DUE, date(2024, 10, 20), date(2024, 12, 1), CAL) is DeadlineStatus.MET


def test_status_overdue_the_day_after() -> None:
    assert status(DUE, None, date(2024, 10, 10), CAL) is DeadlineStatus.DUE_SOON
    assert status(DUE, None, date(2024, 10, 11), CAL) is DeadlineStatus.OVERDUE


def test_due_soon_counts_working_days_across_the_holiday() -> None:
    # 2024-09-30 → 10-10: ten calendar days, but only 10-08, 10-09, 10-10 are working days
    assert status(DUE, None, date(2024, 9, 30), CAL) is DeadlineStatus.DUE_SOON
    # 2024-09-29 → 10-10: 09-30, 10-08, 10-09, 10-10 are four
    assert status(DUE, None, date(2024, 9, 29), CAL) is DeadlineStatus.OPEN
    assert DUE_SOON_WORKING_DAYS == 3


def test_status_values_are_the_cli_codes() -> None:
    assert [s.value for s in DeadlineStatus] == ["open", "due_soon", "overdue", "met"]
    assert [c.value for c in Counting] == ["natural", "working"]


# ---------------------------------------------------------------------------- properties

no_db = settings(database=None, max_examples=200)
known_dates = st.dates(date(2005, 1, 1), date(2025, 12, 1))


@no_db
@given(kind=st.sampled_from([k for k in DeadlineKind if DEADLINE_KINDS[k].counting is Counting.WORKING]),
       start=known_dates)
def test_working_periods_have_exactly_their_length(kind: DeadlineKind, start: date) -> None:
    deadline = compute(kind, start, CAL)
    assert working_days_between(CAL, start, deadline.due).days == DEADLINE_KINDS[kind].length
    assert is_workday(CAL, deadline.due).workday


@no_db
@given(kind=st.sampled_from([k for k in DeadlineKind if DEADLINE_KINDS[k].unit == "days"
                             and DEADLINE_KINDS[k].counting is Counting.NATURAL]),
       start=known_dates)
def test_natural_periods_end_on_the_first_working_day_from_their_last_day(
    kind: DeadlineKind, start: date
) -> None:
    deadline = compute(kind, start, CAL)
    last = start + timedelta(days=DEADLINE_KINDS[kind].length)
    assert deadline.due >= last
    assert is_workday(CAL, deadline.due).workday
    day = last
    while day < deadline.due:
        assert not is_workday(CAL, day).workday
        day += timedelta(days=1)


@no_db
@given(start=known_dates, today=known_dates)
def test_status_is_consistent(start: date, today: date) -> None:
    deadline = compute(K.PAYMENT, start, CAL)
    result = status(deadline, None, today, CAL)
    assert (result is DeadlineStatus.OVERDUE) == (today > deadline.due)
    if result is DeadlineStatus.OPEN:
        assert working_days_between(CAL, today, deadline.due).days > DUE_SOON_WORKING_DAYS
