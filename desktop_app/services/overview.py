"""What the first screen shows before cases exist: the state of the reference data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from desktop_app.services.context import AppContext
from desktop_app.store.models import (
    CalendarYear,
    Certificate,
    EnforcementItem,
    ItemListVersion,
    Officer,
    User,
)


@dataclass(frozen=True)
class ReferenceSummary:
    items: int
    item_list_version: int | None
    item_list_sample: bool
    officers: int
    officers_certified: int
    users: int
    calendar_years: list[int]
    next_year_missing: bool
    today: date


def reference_summary(ctx: AppContext, today: date) -> ReferenceSummary:
    with ctx.read() as session:
        version = session.scalars(
            select(ItemListVersion).where(ItemListVersion.effective_from <= today)
            .order_by(ItemListVersion.effective_from.desc(), ItemListVersion.number.desc()).limit(1)
        ).first()
        items = 0
        if version is not None:
            items = session.scalar(
                select(func.count()).select_from(EnforcementItem).where(EnforcementItem.version_id == version.id)
            ) or 0
        officers = session.scalar(select(func.count()).select_from(Officer)) or 0
        # those who can be named in a case: certified today, in post, and their account (if any) not 停用
        certified = session.scalar(
            select(func.count(func.distinct(Certificate.officer_id)))
            .join(Officer, Officer.id == Certificate.officer_id)
            .outerjoin(User, User.id == Officer.user_id)
            .where(Certificate.state == "valid", Certificate.valid_from <= today, Certificate.valid_to >= today,
                   Officer.in_post.is_(True), or_(User.id.is_(None), User.disabled.is_(False)))
        ) or 0
        users = session.scalar(select(func.count()).select_from(User)) or 0
        years = list(session.scalars(select(CalendarYear.year).order_by(CalendarYear.year)))
        version_number = version.number if version else None
        # A list counts as the township's own only once an admin confirmed it.
        sample = version is None or version.confirmed_at is None
    return ReferenceSummary(
        items=items,
        item_list_version=version_number,
        item_list_sample=sample,
        officers=officers,
        officers_certified=certified,
        users=users,
        calendar_years=years,
        # Deadlines reach into next year within weeks (procedure.md): warn from today on.
        next_year_missing=(today.year + 1) not in years,
        today=today,
    )
