"""Training records and the yearly shortfall against the settings (文司发〔2024〕4号 第四条、第五条)."""

from __future__ import annotations

import math
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.services import officers as officers_svc
from desktop_app.services import training as svc
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, NotFound, PermissionDenied
from desktop_app.services.settings import set_setting
from desktop_app.services.users import add_user, resolve_actor
from desktop_app.store.models import AuditRecord


@pytest.fixture
def zhang(ctx: AppContext, admin: Actor) -> officers_svc.OfficerInfo:
    add_user(ctx, admin, "zhang", name="张三", roles="officer", password="zhang-pass-1")
    return officers_svc.add_officer(ctx, admin, "张三", login="zhang")


@pytest.fixture
def li(ctx: AppContext, admin: Actor) -> officers_svc.OfficerInfo:
    return officers_svc.add_officer(ctx, admin, "李四")


def test_add_training_and_audit(ctx: AppContext, admin: Actor, zhang: officers_svc.OfficerInfo) -> None:
    info = svc.add_training(ctx, admin, "zhang", 12.5, "legal", date(2026, 5, 1), "行政处罚法专题")
    assert (info.officer_name, info.kind, info.kind_label, info.hours) == ("张三", "legal", "法律知识", 12.5)
    with ctx.read() as session:
        [record] = session.scalars(select(AuditRecord).where(AuditRecord.action == "training.add")).all()
        assert record.entity_id == info.id
        assert record.after["hours"] == 12.5
        assert record.after["on"] == "2026-05-01"


def test_add_training_accepts_chinese_kind(
    ctx: AppContext, admin: Actor, zhang: officers_svc.OfficerInfo
) -> None:
    assert (
        svc.add_training(ctx, admin, zhang.id, 3, "业务技能", date(2026, 5, 1), "文书制作").kind == "skills"
    )


def test_add_training_refused_for_non_admin(ctx: AppContext, zhang: officers_svc.OfficerInfo) -> None:
    officer = resolve_actor(ctx, "zhang", via="cli")
    with pytest.raises(PermissionDenied):
        svc.add_training(ctx, officer, "zhang", 2, "legal", date(2026, 5, 1), "自学")
    with pytest.raises(PermissionDenied):
        svc.add_training(ctx, Actor.anonymous_reader(), "zhang", 2, "legal", date(2026, 5, 1), "自学")


@pytest.mark.parametrize(
    ("hours", "kind", "on", "title", "field"),
    [
        (0, "legal", date(2026, 5, 1), "x", "学时"),
        (-1, "legal", date(2026, 5, 1), "x", "学时"),
        (math.nan, "legal", date(2026, 5, 1), "x", "学时"),
        (2, "sports", date(2026, 5, 1), "x", "培训类别"),
        (2, "legal", date(2026, 11, 24), "x", "培训日期"),
        (2, "legal", date(2026, 5, 1), "  ", "培训名称"),
    ],
)
def test_add_training_checks_fields(
    ctx: AppContext,
    admin: Actor,
    zhang: officers_svc.OfficerInfo,
    hours: float,
    kind: str,
    on: date,
    title: str,
    field: str,
) -> None:
    with pytest.raises(InvalidInput) as info:
        svc.add_training(ctx, admin, "zhang", hours, kind, on, title)
    assert info.value.field == field
    assert svc.list_training(ctx, 2026) == []


def test_add_training_unknown_officer(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(NotFound):
        svc.add_training(ctx, admin, "ghost", 2, "legal", date(2026, 5, 1), "x")


def test_list_by_year_and_officer(
    ctx: AppContext, admin: Actor, zhang: officers_svc.OfficerInfo, li: officers_svc.OfficerInfo
) -> None:
    svc.add_training(ctx, admin, "zhang", 2, "legal", date(2025, 12, 31), "去年")
    svc.add_training(ctx, admin, "zhang", 3, "legal", date(2026, 1, 1), "元旦")
    svc.add_training(ctx, admin, li.id, 4, "skills", date(2026, 11, 20), "演练")
    assert [r.title for r in svc.list_training(ctx, 2026)] == ["元旦", "演练"]
    assert [r.title for r in svc.list_training(ctx, 2025)] == ["去年"]
    assert [r.title for r in svc.list_training(ctx, 2026, officer=li.id)] == ["演练"]
    with pytest.raises(NotFound):
        svc.list_training(ctx, 2026, officer="ghost")
    with pytest.raises(InvalidInput, match="年份"):
        svc.list_training(ctx, 0)


def test_shortfall_against_default_settings(
    ctx: AppContext, admin: Actor, zhang: officers_svc.OfficerInfo, li: officers_svc.OfficerInfo
) -> None:
    svc.add_training(ctx, admin, "zhang", 20, "legal", date(2026, 3, 1), "法律知识一")
    svc.add_training(ctx, admin, "zhang", 10, "legal", date(2026, 6, 1), "法律知识二")
    svc.add_training(ctx, admin, "zhang", 25, "skills", date(2026, 7, 1), "业务技能")
    svc.add_training(ctx, admin, "zhang", 40, "skills", date(2025, 7, 1), "去年的不算")
    rows = {r.officer_name: r for r in svc.training_shortfall(ctx, 2026)}
    z = rows["张三"]
    assert (z.legal_hours, z.skills_hours, z.total_hours) == (30, 25, 55)
    assert (z.legal_required, z.skills_required, z.total_required) == (30, 30, 60)
    assert (z.legal_short, z.skills_short, z.total_short) == (0, 5, 5)
    assert not z.met
    lisi = rows["李四"]
    assert (lisi.legal_short, lisi.skills_short, lisi.total_short) == (30, 30, 60)
    svc.add_training(ctx, admin, "zhang", 5, "skills", date(2026, 8, 1), "补足")
    assert {r.officer_name: r for r in svc.training_shortfall(ctx, 2026)}["张三"].met


def test_shortfall_follows_settings(ctx: AppContext, admin: Actor, zhang: officers_svc.OfficerInfo) -> None:
    # 河津: 40 学时 in all, no split by kind.
    set_setting(ctx, admin, "training.legal_hours", "0")
    set_setting(ctx, admin, "training.skills_hours", "0")
    set_setting(ctx, admin, "training.total_hours", "40")
    svc.add_training(ctx, admin, "zhang", 38, "legal", date(2026, 3, 1), "法律知识")
    [row] = svc.training_shortfall(ctx, 2026)
    assert (row.legal_short, row.skills_short, row.total_short, row.met) == (0, 0, 2, False)
