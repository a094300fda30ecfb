"""deadlines.compute remembers its answers: a different calendar must still give its own answer, and a
calendar-like object that cannot be a key is computed each time."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from desktop_app.domain import deadlines as dl
from desktop_app.domain.workdays import HolidayCalendar


def test_a_remembered_deadline_follows_the_calendar_it_was_asked_with() -> None:
    start = date(2026, 9, 28)  # a Monday: 3 working days end on Thursday 1 October without holidays
    plain = HolidayCalendar(known_years=frozenset({2026}))
    national_day = HolidayCalendar(holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
                                   known_years=frozenset({2026}))
    first = dl.compute(dl.DeadlineKind.STATEMENT, start, plain)
    assert first.due == date(2026, 10, 1)
    assert dl.compute(dl.DeadlineKind.STATEMENT, start, national_day).due == date(2026, 10, 8)
    assert dl.compute(dl.DeadlineKind.STATEMENT, start, plain) == first
    # an equal calendar built anew gives the same answer
    assert dl.compute("statement", start, HolidayCalendar(known_years=frozenset({2026}))) == first


def test_an_unhashable_calendar_is_computed_each_time() -> None:
    cal = SimpleNamespace(holidays={date(2026, 10, 1)}, adjusted_workdays=set(), known_years={2026})
    due = dl.compute(dl.DeadlineKind.STATEMENT, date(2026, 9, 28), cal)  # type: ignore[arg-type]
    assert due.due == date(2026, 10, 2)
    cal.holidays.add(date(2026, 10, 2))
    assert dl.compute(dl.DeadlineKind.STATEMENT, date(2026, 9, 28), cal).due == date(2026, 10, 5)  # type: ignore[arg-type]
