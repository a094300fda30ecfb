"""Gapless numbers: 案号 per township and year, 文号 per township, type and year (procedure.md).
The counter row is incremented in the same transaction that uses the number, so a refused or
rolled-back action leaves no gap; on PostgreSQL the row is locked (FOR UPDATE) meanwhile."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.store.models import NumberSequence


def next_number(session: Session, kind: str, year: int) -> int:
    row = session.scalar(
        select(NumberSequence).where(NumberSequence.kind == kind, NumberSequence.year == year).with_for_update()
    )
    if row is None:
        row = NumberSequence(kind=kind, year=year, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return row.last
