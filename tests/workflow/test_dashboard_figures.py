"""The dashboard's figures (services.cases.worklist) and 统计 (services.statistics) for every role,
recounted in Python over every row of a demo office, restricted to the cases each role may read: the
counts that go through the officer's and the archive clerk's own cases (walked in id order) and the
period figures found through the date indexes must agree with a plain count. And the timeline names
everyone who acted, not only the case's officers."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from desktop_app.clock import SHANGHAI, Clock
from desktop_app.domain import deadlines as dl
from desktop_app.domain.case_states import CLOSED_STATES
from desktop_app.domain.roles import Role
from desktop_app.domain.workdays import add_working_days
from desktop_app.services.actor import Actor
from desktop_app.services.bootstrap import open_context
from desktop_app.services.cases.facts import PARTY_WINDOWS, calendar_for
from desktop_app.services.cases.queries import show_case
from desktop_app.services.cases.worklist import worklist
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.statistics import month_of, statistics, week_of
from desktop_app.services.users import resolve_actor
from desktop_app.store.models import Case, CaseAssignment, CaseDeadline, Document, User
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import open_case

ROLES = ["demo-officer1", "demo-officer2", "demo-clerk", "demo-leader", "demo-lead", "demo-admin"]
CLOSED = {s.value for s in CLOSED_STATES}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> AppContext:
    """A demo office, read only by these tests (module-scoped: generated once)."""
    from argon2 import PasswordHasher

    from desktop_app.services import users
    from tests.conftest import FIXED_NOW

    ctx = open_context(tmp_path_factory.mktemp("office") / "data", clock=Clock(FIXED_NOW))
    with pytest.MonkeyPatch.context() as m:  # cheap hashing, as tests/conftest does per test
        m.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        create_demo(ctx, cases=160, seed=7, start=date(2026, 8, 3))
    return ctx


def _visible(ctx: AppContext, actor: Actor) -> set[str]:
    """The ids of the cases the actor may read (procedure.md, Roles), in Python."""
    with ctx.read() as s:
        cases = list(s.execute(select(Case.id, Case.state, Case.registered_by)))
        assigned = {c for (c,) in s.execute(select(CaseAssignment.case_id).where(
            CaseAssignment.user_id == actor.user_id))} if actor.user_id else set()
    if actor.has(Role.TEAM_LEAD, Role.LEADER, Role.LEGAL_REVIEWER, Role.COUNTY_SUPERVISOR):
        return {c.id for c in cases}
    out: set[str] = set()
    if actor.has(Role.OFFICER) and actor.user_id is not None:
        out |= {c.id for c in cases if c.registered_by == actor.login or c.id in assigned}
    if actor.has(Role.ARCHIVE_CLERK):
        out |= {c.id for c in cases if c.state in ("closed", "archived")}
    return out


def _period(cases: list[Case], start: date, end: date) -> tuple[int, int, int, int, int, int, int]:
    lo = datetime.combine(start, time(0), tzinfo=SHANGHAI)
    hi = datetime.combine(end + timedelta(days=1), time(0), tzinfo=SHANGHAI)

    def within(d: date | None) -> bool:
        return d is not None and start <= d <= end

    dec = [c for c in cases if within(c.decided_on)]
    pen = [c for c in dec if c.decision_kind == "penalty"]
    return (sum(1 for c in cases if lo <= c.registered_at < hi), sum(1 for c in cases if within(c.filed_on)),
            len(dec), len(pen), sum(1 for c in cases if within(c.closed_on) and c.state in ("closed", "archived")),
            sum(c.fine_fen or 0 for c in pen), sum(c.paid_fen for c in pen))


def _days(ctx: AppContext) -> list[date]:
    with ctx.read() as s:
        decided = sorted(d for d in s.scalars(select(Case.decided_on)) if d is not None)
        closed = sorted(d for d in s.scalars(select(Case.closed_on)) if d is not None)
    # days where the demo has figures (its cases spread over some months) and the clock's own day
    return [date(2026, 11, 23), decided[len(decided) // 2], decided[-1], closed[len(closed) // 2]]


@pytest.mark.parametrize("login", ROLES)
def test_statistics_agree_with_a_recount_of_the_cases_each_role_reads(office: AppContext, login: str) -> None:
    actor = resolve_actor(office, login, via="gui")
    mine = _visible(office, actor)
    with office.read() as s:
        cases = [c for c in s.scalars(select(Case)) if c.id in mine]
        deadlines = [d for d in s.scalars(select(CaseDeadline)) if d.case_id in mine]
    figures = 0
    for today in _days(office):
        stats = statistics(office, actor, today)
        assert {x.state: x.count for x in stats.by_state if x.count} == dict(Counter(c.state for c in cases))
        assert stats.open_total == sum(1 for c in cases if c.state not in CLOSED)
        for got, (start, end) in ((stats.week, week_of(today)), (stats.month, month_of(today))):
            figures += got.registered + got.decided + got.closed
            assert (got.registered, got.filed, got.decided, got.penalties, got.closed, got.fines_decided_fen,
                    got.fines_paid_fen) == _period(cases, start, end), (login, today)
        # lapsed party windows are not overdue work, as on the dashboard
        late = [d for d in deadlines if d.met_on is None and d.due < today and d.kind not in PARTY_WINDOWS]
        assert (stats.overdue_deadlines, stats.overdue_cases) == (len(late), len({d.case_id for d in late}))
        assert {o.kind: o.count for o in stats.overdue_by_kind} == dict(Counter(d.kind for d in late))
        assert stats.outstanding_fen == sum((c.fine_fen or 0) - c.paid_fen for c in cases if c.state not in CLOSED
                                            and c.decision_kind == "penalty" and (c.fine_fen or 0) > c.paid_fen)
    if mine and login != "demo-clerk":
        assert figures > 0  # the periods compared were not all empty


@pytest.mark.parametrize("login", ROLES)
def test_dashboard_figures_agree_with_a_recount_of_the_cases_each_role_reads(office: AppContext, login: str) -> None:
    actor = resolve_actor(office, login, via="gui")
    mine = _visible(office, actor)
    with office.read() as s:
        cases = {c.id: c for c in s.scalars(select(Case)) if c.id in mine}
        deadlines = [d for d in s.scalars(select(CaseDeadline)) if d.case_id in mine]
        documents = [d for d in s.scalars(select(Document)) if d.case_id in mine]
        handled = {c for (c,) in s.execute(select(CaseAssignment.case_id).where(
            CaseAssignment.user_id == actor.user_id, CaseAssignment.role_in_case == "handler"))}
        cal = calendar_for(s)
    overdue_seen = 0
    for today in _days(office):
        board = worklist(office, actor, today)
        soon_until = add_working_days(cal, today, dl.DUE_SOON_WORKING_DAYS + 1).due
        live = [d for d in deadlines if d.met_on is None]
        late = [d for d in live if d.due < today and d.kind not in PARTY_WINDOWS]
        overdue_seen += len(late)
        assert board.overdue_total == len(late), (login, today)
        assert board.due_soon_total == sum(1 for d in live if today <= d.due < soon_until)
        assert board.open_total == sum(1 for c in cases.values() if c.state not in CLOSED)
        week_start = today - timedelta(days=today.weekday())
        for got, (start, end) in ((board.week, (week_start, week_start + timedelta(days=6))),
                                  (board.month, month_of(today))):
            reg, filed, dec, _pen, closed, fines, _paid = _period(list(cases.values()), start, end)
            assert (got.registered, got.filed, got.decided, got.closed, got.fines_decided_fen) == (
                reg, filed, dec, closed, fines), (login, today)
        queues = {q.key: q for q in board.queues}
        if "to_serve" in queues:
            def own(case_id: str) -> bool:
                return cases[case_id].registered_by == actor.login or case_id in handled

            to_serve = [d for d in documents if d.status == "issued" and d.served_on is None
                        and cases[d.case_id].state not in CLOSED and own(d.case_id)]
            assert queues["to_serve"].total == len(to_serve)
            assert len(queues["to_serve"].items) == min(len(to_serve), 8)
            assert queues["drafts"].total == sum(1 for d in documents if d.status == "draft"
                                                 and cases[d.case_id].state not in CLOSED and own(d.case_id))
    if login in ("demo-officer1", "demo-leader"):
        assert overdue_seen > 0


def test_the_timeline_names_everyone_who_acted(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 11, 2))  # registered, accepted by the lead, filed by the leader, investigated
    detail = show_case(w.ctx, w.who("demo-officer1"), w.case_id)
    with w.ctx.read() as s:
        names = {u.login: u.name for u in s.scalars(select(User))}
    assigned = {o.login for o in detail.officers}
    # people who acted without being one of the case's officers (the leader who filed it)
    outsiders = {e.actor for e in detail.timeline} - assigned
    assert outsiders & set(names), (outsiders, assigned)
    for e in detail.timeline:
        assert e.actor_name == names.get(e.actor, e.actor)
    for login in outsiders & set(names):
        assert names[login] != login
        assert any(e.actor_name == names[login] for e in detail.timeline)
