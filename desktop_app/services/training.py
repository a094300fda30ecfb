"""Training records (培训记录) and each officer's yearly shortfall against the required hours.

文司发〔2024〕4号 第四条 (法律知识) and 第五条 (业务技能): each at least 30 学时 a year;
河津市 notice 一（四）: at least 40 学时 a year in all. The hours are settings (training.legal_hours,
training.skills_hours, training.total_hours) so a township applies its own county's rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop_app.domain.roles import Role
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, NotFound
from desktop_app.services.officers import find_officer
from desktop_app.services.settings import get_setting
from desktop_app.store.models import Officer, TrainingRecord

LEGAL = "legal"
SKILLS = "skills"
TRAINING_KINDS = (LEGAL, SKILLS)
TRAINING_KIND_LABELS: dict[str, str] = {LEGAL: "法律知识", SKILLS: "业务技能"}
_KIND_WORDS: dict[str, str] = {
    LEGAL: LEGAL, "法律知识": LEGAL, "法律": LEGAL, "法律知识培训": LEGAL,
    SKILLS: SKILLS, "业务技能": SKILLS, "业务": SKILLS, "技能": SKILLS, "业务技能培训": SKILLS,
    "执法技能": SKILLS,
}


@dataclass(frozen=True)
class TrainingInfo:
    id: str
    officer_id: str
    officer_name: str
    kind: str
    kind_label: str
    hours: float
    on: date
    title: str


@dataclass(frozen=True)
class TrainingShortfall:
    """One officer's hours in a year against the requirement; `*_short` is what is still missing."""

    officer_id: str
    officer_name: str
    year: int
    legal_hours: float
    skills_hours: float
    total_hours: float
    legal_required: float
    skills_required: float
    total_required: float
    legal_short: float
    skills_short: float
    total_short: float
    met: bool


def parse_kind(text: str) -> str:
    """legal | skills, or the Chinese name (法律知识, 业务技能)."""
    code = _KIND_WORDS.get(text.strip().lower()) or _KIND_WORDS.get(text.strip())
    if code is None:
        raise InvalidInput("培训类别", f"培训类别“{text}”无效，可用：legal（法律知识）、skills（业务技能）")
    return code


def _year_bounds(year: int) -> tuple[date, date]:
    if not 2000 <= year <= 2100:
        raise InvalidInput("年份", f"年份“{year}”无效")
    return date(year, 1, 1), date(year, 12, 31)


def _info(record: TrainingRecord, officer: Officer) -> TrainingInfo:
    return TrainingInfo(record.id, officer.id, officer.name, record.kind,
                        TRAINING_KIND_LABELS.get(record.kind, record.kind), record.hours, record.on,
                        record.title)


def add_training(
    ctx: AppContext,
    actor: Actor,
    officer: str,
    hours: float,
    kind: str,
    on: date,
    title: str,
) -> TrainingInfo:
    """Record hours of training for an officer (id, certificate number or linked login)."""
    actor.require([Role.ADMIN], "登记培训记录")
    if not math.isfinite(hours) or hours <= 0:
        raise InvalidInput("学时", "学时须大于 0")
    code = parse_kind(kind)
    clean_title = (title or "").strip()
    if not clean_title:
        raise InvalidInput("培训名称", "培训名称不能为空")
    if len(clean_title) > 200:
        raise InvalidInput("培训名称", "培训名称不能超过 200 个字符")
    today = ctx.clock.today()
    if on > today:
        raise InvalidInput("培训日期", f"培训日期（{on.isoformat()}）不能晚于今天（{today.isoformat()}）")
    with ctx.write(actor) as uow:
        person = find_officer(uow.session, officer)
        if person is None:
            raise NotFound(f"执法人员“{officer}”不存在（可用执法人员编号、执法证编号或关联的登录名）")
        record = TrainingRecord(officer_id=person.id, kind=code, hours=float(hours), on=on, title=clean_title,
                                created_at=uow.now)
        uow.session.add(record)
        uow.session.flush()
        uow.audit("training.add", "training_record", record.id,
                  summary=f"登记{person.name}的{TRAINING_KIND_LABELS[code]}培训 {hours:g} 学时："
                          f"{clean_title}",
                  after={"officer_id": person.id, "kind": code, "hours": float(hours), "on": on.isoformat(),
                         "title": clean_title})
        return _info(record, person)


def list_training(ctx: AppContext, year: int, officer: str | None = None) -> list[TrainingInfo]:
    """The training records of a calendar year, optionally of one officer; by date."""
    first, last = _year_bounds(year)
    with ctx.read() as session:
        query = (
            select(TrainingRecord, Officer)
            .join(Officer, TrainingRecord.officer_id == Officer.id)
            .where(TrainingRecord.on >= first, TrainingRecord.on <= last)
            .order_by(TrainingRecord.on, Officer.name, TrainingRecord.created_at)
        )
        if officer is not None:
            person = find_officer(session, officer)
            if person is None:
                raise NotFound(f"执法人员“{officer}”不存在")
            query = query.where(TrainingRecord.officer_id == person.id)
        return [_info(record, person_) for record, person_ in session.execute(query)]


def _short(required: float, done: float) -> float:
    return round(max(0.0, required - done), 2)


def training_shortfall(ctx: AppContext, year: int) -> list[TrainingShortfall]:
    """For every officer in post: hours done in `year` by kind, the requirement, and what is missing."""
    first, last = _year_bounds(year)
    legal_req = float(get_setting(ctx, "training.legal_hours"))
    skills_req = float(get_setting(ctx, "training.skills_hours"))
    total_req = float(get_setting(ctx, "training.total_hours"))
    result: list[TrainingShortfall] = []
    with ctx.read() as session:
        officers = session.scalars(
            select(Officer).where(Officer.in_post.is_(True)).order_by(Officer.name, Officer.created_at)
        ).all()
        done: dict[tuple[str, str], float] = {}
        rows = session.execute(
            select(TrainingRecord.officer_id, TrainingRecord.kind, TrainingRecord.hours)
            .where(TrainingRecord.on >= first, TrainingRecord.on <= last)
        )
        for officer_id, kind, hours in rows:
            done[(officer_id, kind)] = done.get((officer_id, kind), 0.0) + hours
        for o in officers:
            legal = round(done.get((o.id, LEGAL), 0.0), 2)
            skills = round(done.get((o.id, SKILLS), 0.0), 2)
            total = round(legal + skills, 2)
            legal_short = _short(legal_req, legal)
            skills_short = _short(skills_req, skills)
            total_short = _short(total_req, total)
            result.append(TrainingShortfall(
                officer_id=o.id, officer_name=o.name, year=year,
                legal_hours=legal, skills_hours=skills, total_hours=total,
                legal_required=legal_req, skills_required=skills_req, total_required=total_req,
                legal_short=legal_short, skills_short=skills_short, total_short=total_short,
                met=legal_short == 0 and skills_short == 0 and total_short == 0,
            ))
    return result


__all__ = [
    "TRAINING_KINDS",
    "TRAINING_KIND_LABELS",
    "TrainingInfo",
    "TrainingShortfall",
    "add_training",
    "list_training",
    "parse_kind",
    "training_shortfall",
]
