"""归档 for the archive clerk: the closed cases waiting to be archived (oldest first, in pages from the
database), and the archive step itself — through the workflow's `perform`, so the same rules, audit
and case event apply as anywhere else. Binding the case file (卷宗装订, the archive's index and PDF)
is a later issue; until then archiving changes the case's state only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select

from desktop_app.domain.case_states import CaseState
from desktop_app.services.actor import Actor
from desktop_app.services.cases.actions import ActionInput, ActionResult, perform
from desktop_app.services.cases.queries import visible_cases
from desktop_app.services.context import AppContext
from desktop_app.store.models import Case, EnforcementItem

PAGE_SIZE = 100


@dataclass(frozen=True)
class ArchiveRow:
    case_id: str
    number: str | None
    party: str
    item_code: str
    item_name: str
    closed_on: date | None
    close_reason: str
    waiting_days: int  # calendar days since closing
    procedure: str  # ordinary | simple (a simple-procedure case has no case number)


@dataclass(frozen=True)
class ArchivePage:
    total: int
    rows: list[ArchiveRow]


def cases_to_archive(ctx: AppContext, actor: Actor, *, search: str = "", offset: int = 0,
                     limit: int = PAGE_SIZE, today: date | None = None) -> ArchivePage:
    """Closed cases not yet archived, longest waiting first; `search` matches number or party."""
    today = today or ctx.clock.today()
    where = [Case.state == CaseState.CLOSED.value]
    text = search.strip()
    if text:
        like = f"%{text}%"
        where.append(or_(Case.number.like(like), Case.party_names.like(like),
                         Case.party_identifiers.like(f"%{text.upper()}%")))
    with ctx.read() as s:
        total = s.scalar(visible_cases(select(func.count()).select_from(Case), actor).where(*where)) or 0
        rows_stmt: Any = select(Case, EnforcementItem.name).select_from(Case)
        stmt = (visible_cases(rows_stmt, actor)
                .join(EnforcementItem, EnforcementItem.id == Case.item_id).where(*where)
                .order_by(Case.closed_on.asc(), Case.number.asc(), Case.id).offset(offset).limit(limit))
        rows = [ArchiveRow(c.id, c.number, c.party_names or "—", c.item_code, str(name), c.closed_on,
                           c.close_reason or "", (today - c.closed_on).days if c.closed_on else 0, c.procedure)
                for c, name in s.execute(stmt)] if total else []
    return ArchivePage(int(total), rows)


def archive_case(ctx: AppContext, actor: Actor, case_id: str, note: str = "") -> ActionResult:
    """归档 one closed case (the archive clerk's step of the procedure)."""
    return perform(ctx, actor, case_id, "archive", ActionInput(note=note))
