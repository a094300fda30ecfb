"""Tests for desktop_app.domain.workdays and holiday_data, with the real 2024–2026 calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.holiday_data import (
    CalendarRow,
    calendar_from_chinese_calendar,
    calendar_from_rows,
    chinese_calendar_rows,
    chinese_calendar_years,
)
from desktop_app.domain.workdays import (
    DayAnswer,
    DayCount,
    DeadlineDate,
    HolidayCalendar,
    add_months,
    add_natural_days,
    add_working_days,
    is_workday,
    next_working_day,
    working_days_between,
)

CAL = calendar_from_chinese_calendar()
EMPTY = HolidayCalendar()

no_db = settings(database=None, max_examples=200)


def test_chinese_calendar_covers_2004_to_2026() -> None:
    assert chinese_calendar_years() == frozenset(range(2004, 2027))
    assert CAL.known_years == frozenset(range(2004, 2027))


@pytest.mark.parametrize("day", range(1, 8))
def test_national_day_2024_is_a_holiday(day: int) -> None:
    assert is_workday(CAL, date(2024, 10, day)) == DayAnswer(workday=False, provisional=False)


@pytest.mark.parametrize(
    "d",
    [
        date(2024, 10, 12),  # Saturday, 调休 for National Day
        date(2024, 9, 29),  # Sunday, 调休
        date(2025, 1, 26),  # Sunday, 调休 for the Spring Festival
        date(2026, 1, 4),  # Sunday, 调休 for New Year
    ],
)
def test_adjusted_weekend_days_are_working_days(d: date) -> None:
    assert d.weekday() >= 5
    assert is_workday(CAL, d) == DayAnswer(workday=True, provisional=False)


def test_ordinary_days_in_known_year() -> None:
    assert is_workday(CAL, date(2024, 10, 9)) == DayAnswer(True, False)  # Wednesday
    assert is_workday(CAL, date(2024, 10, 13)) == DayAnswer(False, False)  # Sunday


def test_datetime_is_treated_as_its_date() -> None:
    assert not is_workday(CAL, datetime(2024, 10, 1, 9, 30)).workday


def test_unknown_year_uses_weekends_and_is_provisional() -> None:
    assert is_workday(CAL, date(2027, 1, 1)) == DayAnswer(workday=True, provisional=True)  # Friday
    assert is_workday(CAL, date(2027, 1, 2)) == DayAnswer(workday=False, provisional=True)


@no_db
@given(st.dates())
def test_is_workday_never_raises(d: date) -> None:
    answer = is_workday(CAL, d)
    assert answer.provisional == (d.year not in CAL.known_years)


def test_five_working_days_across_national_day_2024() -> None:
    # Friday 27 September 2024 (event day, not counted): 29 Sep (Sunday, 调休) = 1, 30 Sep = 2,
    # 1–7 Oct holidays, 8 Oct = 3, 9 Oct = 4, 10 Oct = 5.
    assert add_working_days(CAL, date(2024, 9, 27), 5) == DeadlineDate(date(2024, 10, 10), False)


def test_seven_working_days_count_the_saturday_adjusted_day() -> None:
    # From Tuesday 8 Oct 2024: 9, 10, 11, 12 (Saturday, 调休), 14, 15, 16.
    assert add_working_days(CAL, date(2024, 10, 8), 7).due == date(2024, 10, 16)


def test_working_days_over_spring_festival_2025() -> None:
    # Friday 24 Jan 2025: 26 Jan (Sunday, 调休) = 1, 27 Jan = 2, 28 Jan–4 Feb holidays,
    # 5 Feb = 3.
    assert add_working_days(CAL, date(2025, 1, 24), 3).due == date(2025, 2, 5)


def test_zero_working_days_is_the_start_day() -> None:
    assert add_working_days(CAL, date(2024, 10, 1), 0) == DeadlineDate(date(2024, 10, 1), False)


def test_negative_period_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(CAL, date(2024, 10, 1), -1)
    with pytest.raises(ValueError):
        add_natural_days(CAL, date(2024, 10, 1), -1)
    with pytest.raises(ValueError):
        add_months(CAL, date(2024, 10, 1), -1)


def test_working_days_into_unknown_year_are_provisional_and_name_the_year() -> None:
    result = add_working_days(CAL, date(2026, 12, 28), 10)
    assert result.provisional
    assert result.missing_years == (2027,)
    # 2026-12-28 is a Monday: 29, 30, 31 Dec, then weekdays of January 2027 by weekends only.
    assert result.due == date(2027, 1, 11)


def test_working_days_inside_known_year_not_provisional_even_if_start_is_unknown() -> None:
    assert not add_working_days(CAL, date(2003, 12, 31), 1).provisional


def test_empty_calendar_is_all_provisional_weekends() -> None:
    result = add_working_days(EMPTY, date(2024, 9, 27), 5)
    assert result == DeadlineDate(date(2024, 10, 4), True, (2024,))


def test_natural_days_ending_on_a_holiday_move_to_next_working_day() -> None:
    # 15 days (行政处罚法 第六十七条) from 16 Sep 2024 end on 1 Oct, a holiday: the period ends
    # on 8 Oct, the first working day after National Day.
    assert add_natural_days(CAL, date(2024, 9, 16), 15) == DeadlineDate(date(2024, 10, 8), False)


def test_natural_days_ending_on_a_weekend_move_to_monday() -> None:
    # 15 days from 2024-11-01 end on Saturday 16 November → Monday 18 November.
    assert add_natural_days(CAL, date(2024, 11, 1), 15).due == date(2024, 11, 18)


def test_natural_days_ending_on_adjusted_saturday_stay() -> None:
    # 15 days from 27 Sep 2024 end on Saturday 12 Oct, a 调休 working day.
    assert add_natural_days(CAL, date(2024, 9, 27), 15).due == date(2024, 10, 12)


def test_natural_days_ending_on_working_day_unchanged() -> None:
    # 90 days (行政处罚法 第六十条) from 2024-07-01 end on Sunday 29 September, a 调休 working day.
    assert add_natural_days(CAL, date(2024, 7, 1), 90) == DeadlineDate(date(2024, 9, 29), False)


def test_natural_days_ending_in_unknown_year_are_provisional() -> None:
    result = add_natural_days(CAL, date(2026, 12, 20), 15)
    assert result == DeadlineDate(date(2027, 1, 4), True, (2027,))


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # Saturday, but a 调休 working day
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year, Thursday
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 5, 31), 3, date(2024, 9, 2)),  # 31 Aug 2024 is a Saturday → Monday
        (date(2024, 3, 15), 6, date(2024, 9, 18)),  # 15 Sep: Mid-autumn 15–17 → 18 Sep
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 4, 1), 6, date(2024, 10, 8)),  # 1 Oct holiday → 8 Oct
    ],
)
def test_add_months_clamps_month_end_and_skips_holidays(start: date, months: int, due: date) -> None:
    assert add_months(CAL, start, months).due == due


def test_add_months_month_end_without_holiday_shift() -> None:
    # The clamping itself, shown on a calendar where every day is a working day.
    every_day = HolidayCalendar(
        adjusted_workdays=frozenset(
            date(2026, 1, 1) + timedelta(days=i)
            for i in range(365)
            if (date(2026, 1, 1) + timedelta(days=i)).weekday() >= 5
        ),
        known_years=frozenset({2026}),
    )
    assert add_months(every_day, date(2025, 8, 31), 6) == DeadlineDate(date(2026, 2, 28), False)
    assert add_months(every_day, date(2025, 8, 30), 6).due == date(2026, 2, 28)
    assert add_months(every_day, date(2025, 8, 28), 6).due == date(2026, 2, 28)
    assert add_months(every_day, date(2025, 10, 31), 6).due == date(2026, 4, 30)


def test_add_months_into_unknown_year_is_provisional() -> None:
    result = add_months(CAL, date(2026, 10, 15), 3)
    assert result.provisional
    assert result.missing_years == (2027,)


def test_working_days_between_across_national_day() -> None:
    assert working_days_between(CAL, date(2024, 9, 27), date(2024, 10, 10)) == DayCount(5, False)
    assert working_days_between(CAL, date(2024, 9, 30), date(2024, 10, 7)) == DayCount(0, False)
    assert working_days_between(CAL, date(2024, 10, 10), date(2024, 10, 10)) == DayCount(0, False)


def test_working_days_between_reversed_is_negative() -> None:
    assert working_days_between(CAL, date(2024, 10, 10), date(2024, 9, 27)).days == -5


def test_working_days_between_into_unknown_year() -> None:
    result = working_days_between(CAL, date(2026, 12, 30), date(2027, 1, 5))
    assert result == DayCount(days=4, provisional=True, missing_years=(2027,))


@no_db
@given(
    start=st.dates(min_value=date(2003, 1, 1), max_value=date(2028, 12, 31)),
    n=st.integers(min_value=0, max_value=60),
)
def test_working_days_between_inverts_add_working_days(start: date, n: int) -> None:
    result = add_working_days(CAL, start, n)
    assert working_days_between(CAL, start, result.due).days == n
    assert result.due >= start
    if n > 0:
        assert is_workday(CAL, result.due).workday


@no_db
@given(
    start=st.dates(min_value=date(2003, 1, 1), max_value=date(2028, 12, 31)),
    n=st.integers(min_value=0, max_value=400),
)
def test_natural_deadline_is_a_working_day_on_or_after_the_nominal_day(start: date, n: int) -> None:
    result = add_natural_days(CAL, start, n)
    assert result.due >= start + timedelta(days=n)
    assert is_workday(CAL, result.due).workday
    assert result.provisional == bool(result.missing_years)
    assert set(result.missing_years) <= {start.year, start.year + 1, start.year + 2} - CAL.known_years


def test_next_working_day() -> None:
    assert next_working_day(CAL, date(2024, 10, 1)).due == date(2024, 10, 8)
    assert next_working_day(CAL, date(2024, 10, 8)).due == date(2024, 10, 8)


# --- holiday_data ---


def test_rows_for_2024_national_day() -> None:
    rows = chinese_calendar_rows(2024, 2024)
    assert CalendarRow(date(2024, 10, 1), "holiday", "国庆节") in rows
    assert CalendarRow(date(2024, 10, 12), "workday", "国庆节") in rows
    assert CalendarRow(date(2024, 2, 10), "holiday", "春节") in rows
    assert all(row.day.year == 2024 for row in rows)
    assert rows == sorted(rows)


def test_rows_leave_out_years_the_package_does_not_know() -> None:
    assert chinese_calendar_rows(2027, 2030) == []
    cal = calendar_from_chinese_calendar(2025, 2030)
    assert cal.known_years == frozenset({2025, 2026})
    assert date(2024, 10, 1) not in cal.holidays


def test_calendar_round_trips_through_rows() -> None:
    rows = chinese_calendar_rows()
    assert calendar_from_rows(rows, chinese_calendar_years()) == CAL


def test_calendar_refuses_a_day_both_holiday_and_workday() -> None:
    with pytest.raises(ValueError, match="2024-10-01"):
        HolidayCalendar(
            holidays=frozenset({date(2024, 10, 1)}),
            adjusted_workdays=frozenset({date(2024, 10, 1)}),
            known_years=frozenset({2024}),
        )


def test_admin_entered_year_extends_the_calendar() -> None:
    # A 2027 放假安排 entered by an admin (dates made up for the test) makes 2027 definite.
    rows = [
        *chinese_calendar_rows(),
        CalendarRow(date(2027, 1, 1), "holiday", "元旦"),
    ]
    cal = calendar_from_rows(rows, {*chinese_calendar_years(), 2027})
    assert is_workday(cal, date(2027, 1, 1)) == DayAnswer(workday=False, provisional=False)
    assert add_working_days(cal, date(2026, 12, 31), 1) == DeadlineDate(date(2027, 1, 4), False)
