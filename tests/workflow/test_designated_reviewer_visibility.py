"""An officer the leader designates as 案件审核人 (approve --what case_reviewer --reviewer) sees the case —
in the case list, on the dashboard and in full — through an assignment of its own role, replaced when
the leader designates someone else and taken back by a refusal (issue #17); 三分离 is unaffected."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.services.cases.queries import CaseFilter, list_cases, show_case
from desktop_app.services.cases.worklist import worklist
from desktop_app.services.errors import PermissionDenied, Refused
from desktop_app.store.models import AuditRecord, CaseAssignment
from desktop_app.store.models.cases import DESIGNATED_REVIEWER
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import open_case

DAY = date(2026, 9, 10)


def _sees(w: Walker, login: str) -> dict[str, bool]:
    actor = w.who(login)
    listed = w.case_id in {r.id for r in list_cases(w.ctx, actor, CaseFilter(), today=DAY).rows}
    board = worklist(w.ctx, actor, today=DAY)
    on_board = any(w.case_id == i.case_id for q in board.queues for i in q.items) or any(
        w.case_id == x.case_id for x in board.warnings)
    try:
        show_case(w.ctx, actor, w.case_id, today=DAY)
        shown = True
    except PermissionDenied:
        shown = False
    return {"list": listed, "dashboard": on_board, "show": shown}


def _designated(w: Walker) -> list[str]:
    with w.ctx.read() as s:
        return sorted(s.scalars(select(CaseAssignment.user_id).where(
            CaseAssignment.case_id == w.case_id, CaseAssignment.role_in_case == DESIGNATED_REVIEWER)))


def test_the_designated_officer_sees_the_case_and_no_other_officer_does(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="事实清楚")
    nobody = {"list": False, "dashboard": False, "show": False}
    everywhere = {"list": True, "dashboard": True, "show": True}
    assert _sees(w, "demo-officer3") == nobody
    w.do("demo-leader", "approve", "2026-09-10 09:30", what="case_reviewer", outcome="granted",
         reviewer="demo-officer3", reason="指定审核")
    assert _sees(w, "demo-officer3") == everywhere
    assert _sees(w, "demo-officer4") == nobody
    board = worklist(w.ctx, w.who("demo-officer3"), today=DAY)
    queue = next(q for q in board.queues if q.key == "designated_review")
    assert queue.total == 1 and [i.case_id for i in queue.items] == [w.case_id]
    detail = show_case(w.ctx, w.who("demo-officer3"), w.case_id, today=DAY)
    assert ("demo-officer3", DESIGNATED_REVIEWER, "指定的案件审核人") in {
        (o.login, o.role_in_case, o.role_in_case_label) for o in detail.officers}
    # the leader designates someone else: the first loses the case, the second sees it
    w.do("demo-leader", "approve", "2026-09-10 09:40", what="case_reviewer", outcome="granted",
         reviewer="demo-officer4", reason="改为指定")
    assert _sees(w, "demo-officer3") == nobody
    assert _sees(w, "demo-officer4") == everywhere
    assert _designated(w) == [w.who("demo-officer4").user_id]
    with w.ctx.read() as s:
        audited = list(s.scalars(select(AuditRecord.summary).where(
            AuditRecord.action == "case.designate_reviewer", AuditRecord.case_id == w.case_id)
            .order_by(AuditRecord.seq)))
    assert audited == ["指定案件审核人：demo-officer3", "指定案件审核人：demo-officer4"]
    # 三分离 reads the designation, not the new role: the designated officer reviews, a handler may not
    with pytest.raises(Refused, match="案件审核"):
        w.do("demo-officer1", "review_case", "2026-09-10 10:00", outcome="passed", opinion="同意")
    assert w.do("demo-officer4", "review_case", "2026-09-10 10:00", outcome="passed", opinion="同意").state \
        == "investigated"
    assert _sees(w, "demo-officer4")["show"]
    # having reviewed, they are listed once, as 案件审核人
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id, today=DAY)
    assert [o.role_in_case for o in detail.officers if o.login == "demo-officer4"] == ["case_reviewer"]


def test_a_refusal_takes_the_designation_and_the_case_back(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="事实清楚")
    w.do("demo-leader", "approve", "2026-09-10 09:30", what="case_reviewer", outcome="granted",
         reviewer="demo-officer3", reason="指定")
    w.do("demo-leader", "approve", "2026-09-10 09:35", what="case_reviewer", outcome="granted",
         reviewer="demo-officer3", reason="再次指定同一人")  # the same person again: one row, no error
    assert _designated(w) == [w.who("demo-officer3").user_id]
    w.do("demo-leader", "approve", "2026-09-10 09:40", what="case_reviewer", outcome="refused",
         reviewer="demo-officer3", reason="收回指定")
    assert _designated(w) == []
    assert _sees(w, "demo-officer3") == {"list": False, "dashboard": False, "show": False}
    # the handlers still see their case
    assert _sees(w, "demo-officer2")["list"]


def test_migration_0006_records_the_designations_made_before_it(walker: Walker) -> None:
    """A database designated in before 0006 (the designation only in the approve events): the upgrade
    adds the assignment of the designation in force — the latest, not one a refusal took back."""
    from desktop_app.store import migrate

    w = walker
    open_case(w, date(2026, 9, 1))
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="事实清楚")
    w.do("demo-leader", "approve", "2026-09-10 09:30", what="case_reviewer", outcome="granted",
         reviewer="demo-officer3", reason="指定")
    w.do("demo-leader", "approve", "2026-09-10 09:40", what="case_reviewer", outcome="granted",
         reviewer="demo-officer4", reason="改为指定")
    first = w.case_id
    open_case(w, date(2026, 9, 2), item="DQ-02")
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="事实清楚")
    w.do("demo-leader", "approve", "2026-09-10 09:30", what="case_reviewer", outcome="granted",
         reviewer="demo-officer3", reason="指定")
    w.do("demo-leader", "approve", "2026-09-10 09:40", what="case_reviewer", outcome="refused",
         reviewer="demo-officer3", reason="收回指定")
    second = w.case_id
    migrate.downgrade(w.ctx.db, "0005")
    with w.ctx.read() as s:
        assert not list(s.scalars(select(CaseAssignment.id).where(CaseAssignment.role_in_case == DESIGNATED_REVIEWER)))
    migrate.upgrade(w.ctx.db)
    w.case_id = first
    assert _designated(w) == [w.who("demo-officer4").user_id]
    w.case_id = second
    assert _designated(w) == []
    assert _sees(w, "demo-officer4")["list"] is False  # the second case is not theirs
    w.case_id = first
    assert _sees(w, "demo-officer4") == {"list": True, "dashboard": True, "show": True}
