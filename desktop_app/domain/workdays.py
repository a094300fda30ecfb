"""Working days (工作日) and deadlines, counted against a holiday calendar given as data.

The State Council publishes each year's 放假安排 (public holidays and the 调休 weekend days that
become working days) late in the year before, so the calendar is data the office extends, not
code: :class:`HolidayCalendar` says which years it knows. A date in a year it does not know is
judged by weekends alone and every answer that relied on such a date is marked ``provisional``,
with the missing years named, so a screen can say which year's calendar to enter. Nothing here
raises because a year is missing (procedure.md, "Working days and the holiday calendar").

Counting conventions (procedure.md, "Counting days"):

- the day the event happens is not counted; counting starts the next day
  (民事诉讼法 第八十五条第二款 "期间开始的时和日，不计算在期间内");
- 行政处罚法 第八十五条: its 二日、三日、五日、七日 are working days, holidays excluded —
  use :func:`add_working_days` (likewise 行政强制法 第六十九条, 行政复议法 第八十八条);
- other periods are natural days or months — use :func:`add_natural_days` / :func:`add_months`;
  a period whose last day is a holiday ends on the next working day (民事诉讼法 第八十五条第三款).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

__all__ = [
    "DayAnswer",
    "DayCount",
    "DeadlineDate",
    "HolidayCalendar",
    "add_months",
    "add_natural_days",
    "add_working_days",
    "is_workday",
    "next_working_day",
    "working_days_between",
]

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class HolidayCalendar:
    """The official 放假安排 for the years in ``known_years``.

    ``holidays`` are the days off (法定节假日, including the weekend days inside a holiday
    period); ``adjusted_workdays`` are the 调休 days, weekend days that are working days. A year
    counts as known only once its whole 放假安排 has been entered: in any other year the days
    entered so far are applied, but every answer there is provisional.
    """

    holidays: frozenset[date] = frozenset()
    adjusted_workdays: frozenset[date] = frozenset()
    known_years: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        both = self.holidays & self.adjusted_workdays
        if both:
            listed = "、".join(sorted(d.isoformat() for d in both))
            raise ValueError(f"以下日期既是节假日又是调休工作日：{listed}")


@dataclass(frozen=True)
class DayAnswer:
    """Whether a day is a working day; ``provisional`` when its year's calendar is missing."""

    workday: bool
    provisional: bool


@dataclass(frozen=True)
class DeadlineDate:
    """The last day of a period (期间届满日).

    ``provisional`` is true when a day examined lies in a year the calendar does not know;
    ``missing_years`` names those years, in order.
    """

    due: date
    provisional: bool
    missing_years: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class DayCount:
    """A number of working days; ``provisional`` and ``missing_years`` as in DeadlineDate."""

    days: int
    provisional: bool
    missing_years: tuple[int, ...] = field(default=())


def _as_date(d: date) -> date:
    # A datetime is a date but never equals one, so it would miss every set lookup.
    return d.date() if isinstance(d, datetime) else d


def _missing(cal: HolidayCalendar, years: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(years) - cal.known_years))


def is_workday(cal: HolidayCalendar, d: date) -> DayAnswer:
    """Whether ``d`` is a working day (工作日).

    In a known year: a holiday is not, a 调休 day is, otherwise Monday to Friday are.
    In an unknown year: the days entered so far, else Monday to Friday, and the answer is
    provisional. Never raises.
    """
    d = _as_date(d)
    provisional = d.year not in cal.known_years
    if d in cal.holidays:
        return DayAnswer(workday=False, provisional=provisional)
    if d in cal.adjusted_workdays:
        return DayAnswer(workday=True, provisional=provisional)
    return DayAnswer(workday=d.weekday() < 5, provisional=provisional)


def _check_count(n: int) -> None:
    if n < 0:
        raise ValueError(f"期间天数不能为负数：{n}")


def add_working_days(cal: HolidayCalendar, start: date, n: int) -> DeadlineDate:
    """The day on which ``n`` working days after ``start`` are complete.

    ``start`` (the day of the event) is not counted (民事诉讼法 第八十五条第二款); for the
    working-day periods of 行政处罚法 第八十五条. ``n == 0`` gives ``start`` itself.
    Raises ValueError for a negative ``n``.
    """
    _check_count(n)
    start = _as_date(start)
    day = start
    years: set[int] = set()
    counted = 0
    while counted < n:
        day += _ONE_DAY
        years.add(day.year)
        if is_workday(cal, day).workday:
            counted += 1
    missing = _missing(cal, years)
    return DeadlineDate(due=day, provisional=bool(missing), missing_years=missing)


def next_working_day(cal: HolidayCalendar, d: date) -> DeadlineDate:
    """``d`` itself if it is a working day, otherwise the first working day after it.

    民事诉讼法 第八十五条第三款: a period whose last day is a 法定休假日 ends on the day after.
    """
    day = _as_date(d)
    years = {day.year}
    while not is_workday(cal, day).workday:
        day += _ONE_DAY
        years.add(day.year)
    missing = _missing(cal, years)
    return DeadlineDate(due=day, provisional=bool(missing), missing_years=missing)


def add_natural_days(cal: HolidayCalendar, start: date, n: int) -> DeadlineDate:
    """The last day of a period of ``n`` natural days (日) starting after ``start``.

    ``start`` is not counted, so the period ends on ``start + n``; if that is not a working day
    it ends on the next working day (民事诉讼法 第八十五条). For e.g. the 15 days to pay a fine
    (行政处罚法 第六十七条) or the 60 days to apply for 行政复议. Raises ValueError for a
    negative ``n``.
    """
    _check_count(n)
    return next_working_day(cal, _as_date(start) + timedelta(days=n))


def _shift_months(start: date, n: int) -> date:
    # 民法典 第二百零二条: a period in months ends on the corresponding day of the last month,
    # or on that month's last day when it has no such day (08-31 + 6 months → 02-28/29).
    month_index = start.year * 12 + (start.month - 1) + n
    year, month0 = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last_day))


def add_months(cal: HolidayCalendar, start: date, n: int) -> DeadlineDate:
    """The last day of a period of ``n`` months (月) starting after ``start``.

    Ends on the same day of the month ``n`` months later, or that month's last day if it has no
    such day (31 August + 6 months → 28 or 29 February); then, if that is not a working day, on
    the next working day (民事诉讼法 第八十五条). For e.g. the 6 months to sue
    (行政诉讼法 第四十六条) or the 3 months to apply for court enforcement
    (行政强制法 第五十三条). Raises ValueError for a negative ``n``.
    """
    _check_count(n)
    return next_working_day(cal, _shift_months(_as_date(start), n))


def working_days_between(cal: HolidayCalendar, start: date, end: date) -> DayCount:
    """The number of working days after ``start`` up to and including ``end``.

    Same convention as :func:`add_working_days` (the start day is not counted), so
    ``working_days_between(cal, s, add_working_days(cal, s, n).due).days == n``. If ``end`` is
    before ``start`` the count is negative: minus the working days after ``end`` up to and
    including ``start`` (e.g. how many working days a deadline is overdue).
    """
    start, end = _as_date(start), _as_date(end)
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    years: set[int] = set()
    count = 0
    day = start
    while day < end:
        day += _ONE_DAY
        years.add(day.year)
        if is_workday(cal, day).workday:
            count += 1
    missing = _missing(cal, years)
    return DayCount(days=sign * count, provisional=bool(missing), missing_years=missing)
