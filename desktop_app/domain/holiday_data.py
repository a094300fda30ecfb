"""Seed data for the holiday calendar (节假日及调休安排) from the chinese-calendar package.

chinese-calendar 1.11.0 carries the State Council's 放假安排 for 2004–2026 only (procedure.md,
"Working days and the holiday calendar"); later years are entered or imported by an admin. This
module turns the package's tables into a :class:`HolidayCalendar` and into rows for the
database, and builds a calendar back from such rows. It never calls chinese-calendar's
``is_workday``, which raises NotImplementedError outside the years it knows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal, NamedTuple

from chinese_calendar import constants as _cc

from desktop_app.domain.workdays import HolidayCalendar

__all__ = [
    "CalendarRow",
    "DayKind",
    "calendar_from_chinese_calendar",
    "calendar_from_rows",
    "chinese_calendar_rows",
    "chinese_calendar_years",
]

DayKind = Literal["holiday", "workday"]


class CalendarRow(NamedTuple):
    """One day of a 放假安排: a holiday (放假) or a 调休 working day (上班), and the festival name."""

    day: date
    kind: DayKind
    name: str


def _table(kind: DayKind) -> dict[date, str]:
    source = _cc.holidays if kind == "holiday" else _cc.workdays
    return {day: str(value) for day, value in source.items()}


def _chinese_name(value: str) -> str:
    """The Chinese festival name (e.g. 国庆节) for the package's English value."""
    try:
        return str(_cc.Holiday(value).chinese)
    except ValueError:
        return value


def chinese_calendar_years() -> frozenset[int]:
    """The years whose 放假安排 the installed chinese-calendar knows (2004–2026 for 1.11.0).

    Same rule as the package's own date check: every year from the first to the last holiday.
    """
    years = [day.year for day in _table("holiday")]
    return frozenset(range(min(years), max(years) + 1))


def _years_in(first_year: int, last_year: int) -> frozenset[int]:
    return frozenset(y for y in chinese_calendar_years() if first_year <= y <= last_year)


def chinese_calendar_rows(first_year: int = 2004, last_year: int = 2026) -> list[CalendarRow]:
    """The package's holidays and 调休 working days for the years it knows in the range, by date.

    Requested years the package does not know are left out (check with
    :func:`chinese_calendar_years`); they must not be recorded as known.
    """
    years = _years_in(first_year, last_year)
    rows = [
        CalendarRow(day, kind, _chinese_name(value))
        for kind in ("holiday", "workday")
        for day, value in _table(kind).items()
        if day.year in years
    ]
    return sorted(rows)


def calendar_from_rows(rows: Iterable[CalendarRow], known_years: Iterable[int]) -> HolidayCalendar:
    """A HolidayCalendar from stored rows; only ``known_years`` count (see HolidayCalendar).

    Raises ValueError if a day is both a holiday and a working day.
    """
    holidays: set[date] = set()
    workdays: set[date] = set()
    for row in rows:
        (holidays if row.kind == "holiday" else workdays).add(row.day)
    return HolidayCalendar(
        holidays=frozenset(holidays),
        adjusted_workdays=frozenset(workdays),
        known_years=frozenset(known_years),
    )


def calendar_from_chinese_calendar(first_year: int = 2004, last_year: int = 2026) -> HolidayCalendar:
    """The chinese-calendar data for ``first_year``..``last_year`` as a HolidayCalendar.

    ``known_years`` holds only the years in the range that the package covers.
    """
    years = _years_in(first_year, last_year)
    return calendar_from_rows(chinese_calendar_rows(first_year, last_year), years)
