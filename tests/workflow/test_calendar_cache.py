"""The holiday calendar is kept per process (services.calendar.holiday_calendar) and must never be
stale: a change made here drops the copy at once, and a change made by another program (a second PC,
a sync) is noticed by the cheap stamp query before the copy is used."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from desktop_app.domain.workdays import HolidayCalendar
from desktop_app.services import calendar as calendar_service
from desktop_app.services.actor import Actor
from desktop_app.services.bootstrap import open_context
from desktop_app.services.cases.facts import calendar_for
from desktop_app.services.context import AppContext

MONDAY = date(2030, 1, 7)
SATURDAY = date(2030, 1, 12)


def _cal(ctx: AppContext) -> HolidayCalendar:
    with ctx.read() as s:
        return calendar_for(s)


def test_the_calendar_is_loaded_once_while_nothing_changes(ctx: AppContext, admin: Actor,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    calendar_service.set_day(ctx, admin, MONDAY, "holiday", "测试")
    first = _cal(ctx)
    loads: list[int] = []
    real = calendar_service._load_calendar
    monkeypatch.setattr(calendar_service, "_load_calendar", lambda s: loads.append(1) or real(s))
    assert _cal(ctx) is first and _cal(ctx) is first
    assert loads == []


def test_a_change_here_is_seen_at_once(ctx: AppContext, admin: Actor) -> None:
    before = _cal(ctx)
    assert MONDAY not in before.holidays
    calendar_service.set_day(ctx, admin, MONDAY, "holiday", "测试")
    assert MONDAY in _cal(ctx).holidays
    calendar_service.clear_day(ctx, admin, MONDAY)
    assert MONDAY not in _cal(ctx).holidays
    calendar_service.confirm_year(ctx, admin, 2030)
    assert 2030 in _cal(ctx).known_years


def test_a_change_by_another_program_is_noticed(ctx: AppContext, admin: Actor,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    calendar_service.set_day(ctx, admin, SATURDAY, "workday", "调休")
    assert SATURDAY in _cal(ctx).adjusted_workdays
    # The other program writes through the services too, but its writes can't drop our copy: here
    # the same in-process clearing is switched off to stand for it.
    monkeypatch.setattr(calendar_service, "forget_cached_calendar", lambda: None)
    other = open_context(ctx.data_dir.root, clock=ctx.clock)
    try:
        # an update of an existing row: the counts stay the same, the audit stamp moves
        calendar_service.set_day(other, admin, SATURDAY, "holiday", "改为休息")
    finally:
        other.db.dispose()
    cal = _cal(ctx)
    assert SATURDAY in cal.holidays and SATURDAY not in cal.adjusted_workdays


def test_rows_written_without_the_services_are_noticed_too(ctx: AppContext, admin: Actor) -> None:
    """E.g. a restored or synchronised table: no audit record, but the row count changes."""
    calendar_service.set_day(ctx, admin, MONDAY, "holiday", "测试")
    assert _cal(ctx).holidays
    con = sqlite3.connect(ctx.data_dir.database)
    try:
        con.execute("INSERT INTO calendar_day (day, kind, name, source) VALUES ('2030-01-08', 'holiday', 'x', 'x')")
        con.commit()
    finally:
        con.close()
    assert date(2030, 1, 8) in _cal(ctx).holidays
