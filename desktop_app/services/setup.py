"""`init`: create or upgrade a data directory with the default reference data; idempotent."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop_app.domain.roles import Role
from desktop_app.services import calendar as calendar_service
from desktop_app.services import items as items_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.township import ensure_township
from desktop_app.services.users import check_password_rule, hash_password, one_time_password
from desktop_app.store.models import User, UserRole


@dataclass(frozen=True)
class InitResult:
    township_created: bool
    admin_created: bool
    admin_login: str | None
    one_time_password: str | None
    items_loaded: int
    benchmark_tiers_loaded: int
    calendar_years_loaded: int


def initialise(
    ctx: AppContext,
    *,
    township: str | None = None,
    code: str | None = None,
    prefix: str | None = None,
    admin_password: str | None = None,
    via: str = "cli",
) -> InitResult:
    if admin_password is not None:
        check_password_rule(admin_password)
    actor = Actor.system(via)
    generated = None
    with ctx.write(actor) as uow:
        township_created = ensure_township(uow, township, code, prefix)
        years = calendar_service.load_bundled(uow)
        items_loaded = items_service.load_default_list(uow)
        tiers_loaded = items_service.load_default_benchmarks(uow)
        admin_created = False
        if (uow.session.scalar(select(func.count()).select_from(User)) or 0) == 0:
            if admin_password is None:
                generated = admin_password = one_time_password()
            admin = User(login="admin", name="系统管理员", password_hash=hash_password(admin_password),
                         must_change_password=True, created_at=uow.now)
            admin.roles = [UserRole(role=Role.ADMIN.value)]
            uow.session.add(admin)
            uow.session.flush()
            uow.audit("user.add", "user", admin.id, summary="创建首个管理员账号 admin",
                      after={"login": "admin", "roles": ["admin"]})
            admin_created = True
    return InitResult(township_created, admin_created, "admin" if admin_created else None, generated,
                      items_loaded, tiers_loaded, years)


def is_initialised(ctx: AppContext) -> bool:
    with ctx.read() as session:
        return (session.scalar(select(func.count()).select_from(User)) or 0) > 0
