from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop_app.clock import Clock
from desktop_app.domain.roles import Role
from desktop_app.services import users
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, PermissionDenied, Refused
from desktop_app.store.models import AuditRecord, User


def test_admin_adds_a_user_with_several_roles(ctx: AppContext, admin: Actor) -> None:
    info, generated = users.add_user(ctx, admin, "zhang.san", name="张三", roles="officer,team_lead")
    assert info.roles == ["officer", "team_lead"]
    assert info.role_labels == ["执法人员", "执法队长"]
    assert generated is not None and len(generated) == 12
    assert info.must_change_password
    with ctx.read() as s:
        stored = s.scalar(select(User).where(User.login == "zhang.san"))
        assert stored is not None and stored.password_hash.startswith("$argon2id$")
        assert generated not in stored.password_hash
        actions = list(s.scalars(select(AuditRecord.action)))
    assert "user.add" in actions


def test_non_admin_cannot_add_users(ctx: AppContext, admin: Actor) -> None:
    users.add_user(ctx, admin, "li", name="李四", roles="officer", password="pass-word-1")
    officer = users.resolve_actor(ctx, "li", via="cli")
    with pytest.raises(PermissionDenied, match="只有管理员可以添加用户"):
        users.add_user(ctx, officer, "wang", name="王五", roles="officer")


def test_unknown_role_and_bad_login_are_named(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(InvalidInput, match="未知角色“boss”"):
        users.add_user(ctx, admin, "x1", name="X", roles="boss")
    with pytest.raises(InvalidInput, match="登录名"):
        users.add_user(ctx, admin, "张三", name="X", roles="officer")
    with pytest.raises(InvalidInput, match="至少 8 位"):
        users.add_user(ctx, admin, "x2", name="X", roles="officer", password="short")


def test_duplicate_login_refused(ctx: AppContext, admin: Actor) -> None:
    users.add_user(ctx, admin, "li", name="李四", roles="officer", password="pass-word-1")
    with pytest.raises(Refused, match="已被使用"):
        users.add_user(ctx, admin, "li", name="李四", roles="officer", password="pass-word-1")


def test_login_locks_after_repeated_failures(ctx: AppContext, admin: Actor) -> None:
    users.add_user(ctx, admin, "li", name="李四", roles="officer", password="pass-word-1")
    for _ in range(4):
        with pytest.raises(PermissionDenied, match="登录名或密码不正确"):
            users.login_user(ctx, "li", "wrong-password")
    with pytest.raises(PermissionDenied, match="账号已锁定"):
        users.login_user(ctx, "li", "wrong-password")
    # Even the right password is refused while locked.
    with pytest.raises(PermissionDenied, match="已锁定"):
        users.login_user(ctx, "li", "pass-word-1")
    # 15 minutes later it works again.
    later = AppContext(ctx.db, ctx.data_dir, Clock(ctx.clock.now() + timedelta(minutes=16)))
    result = users.login_user(later, "li", "pass-word-1")
    assert result.actor.roles == frozenset({Role.OFFICER})
    assert result.must_change_password
    with ctx.read() as s:
        actions = list(s.scalars(select(AuditRecord.action)))
    assert actions.count("user.login_failed") == 4
    assert "user.locked" in actions


def test_first_login_must_change_password(ctx: AppContext, admin: Actor) -> None:
    _, generated = users.add_user(ctx, admin, "li", name="李四", roles="officer")
    assert generated
    assert users.login_user(ctx, "li", generated).must_change_password
    with pytest.raises(InvalidInput, match="不能与原密码相同"):
        users.change_password(ctx, "li", generated, generated)
    users.change_password(ctx, "li", generated, "new-pass-123")
    assert not users.login_user(ctx, "li", "new-pass-123").must_change_password


def test_disabled_user_cannot_log_in_or_act(ctx: AppContext, admin: Actor) -> None:
    users.add_user(ctx, admin, "li", name="李四", roles="officer", password="pass-word-1")
    users.disable_user(ctx, admin, "li")
    with pytest.raises(PermissionDenied):
        users.login_user(ctx, "li", "pass-word-1")
    with pytest.raises(Refused, match="已停用"):
        users.resolve_actor(ctx, "li", via="cli")
    # 启用 takes it back: the same password works again; only an admin may, and only a 停用 account
    users.add_user(ctx, admin, "wang", name="王五", roles="officer,team_lead", password="pass-word-2")
    with pytest.raises(PermissionDenied):
        users.enable_user(ctx, users.resolve_actor(ctx, "wang", via="cli"), "li")
    users.enable_user(ctx, admin, "li")
    assert users.login_user(ctx, "li", "pass-word-1").actor.login == "li"
    with pytest.raises(Refused, match="未停用"):
        users.enable_user(ctx, admin, "li")
    with ctx.read() as s:
        actions = [r.action for r in s.scalars(select(AuditRecord).where(AuditRecord.entity == "user"))]
    assert actions.count("user.disable") == 1 and actions.count("user.enable") == 1


def test_admin_cannot_remove_own_admin_role(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(Refused, match="管理员角色"):
        users.set_roles(ctx, admin, "admin", "officer")


def test_anonymous_reader_cannot_write(ctx: AppContext) -> None:
    with pytest.raises(PermissionDenied, match="--as"):
        users.add_user(ctx, Actor.anonymous_reader(), "x", name="X", roles="officer")

