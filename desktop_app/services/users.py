"""Users, roles and passwords: argon2id hashes, lockout after repeated failures (reliability.md)."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.roles import ROLE_LABELS, Role, parse_roles
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, NotFound, PermissionDenied, Refused
from desktop_app.services.settings import get_setting
from desktop_app.store.models import User, UserRole

logger = logging.getLogger(__name__)

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 8
LOGIN_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")


@dataclass(frozen=True)
class UserInfo:
    id: str
    login: str
    name: str
    roles: list[str]
    role_labels: list[str]
    disabled: bool
    must_change_password: bool
    legal_qualification_no: str | None
    locked_until: datetime | None


def _info(user: User) -> UserInfo:
    roles = sorted((r.role for r in user.roles), key=lambda c: list(Role).index(Role(c)))
    return UserInfo(
        id=user.id,
        login=user.login,
        name=user.name,
        roles=roles,
        role_labels=[ROLE_LABELS[Role(r)] for r in roles],
        disabled=user.disabled,
        must_change_password=user.must_change_password,
        legal_qualification_no=user.legal_qualification_no,
        locked_until=user.locked_until,
    )


# 行政处罚法 第五十八条第二款 (in force 2021-07-15): whoever first reviews decisions after that day holds
# the 法律职业资格; a reviewer who already did before may have none, so a missing number is a warning
# the administrator confirms, not a refusal (procedure.md, Roles).
QUALIFICATION_RULE = ("初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格"
                      "（《行政处罚法》第五十八条第二款）")


def qualification_warnings(roles: str | Iterable[Role | str], legal_qualification_no: str | None,
                           *, name: str = "") -> list[str]:
    """What to warn about before saving a user with these roles and this 法律职业资格证号: a 法制审核人员
    without one. The GUI asks the administrator to confirm; the CLI prints it (the same words)."""
    try:
        parsed = parse_roles(roles) if isinstance(roles, str) else [Role(r) for r in roles]
    except ValueError:
        return []  # the save itself refuses unknown roles, naming them
    if Role.LEGAL_REVIEWER not in parsed or (legal_qualification_no or "").strip():
        return []
    who = f"“{name.strip()}”" if name.strip() else ""
    return [f"法制审核人员{who}未登记法律职业资格证号：{QUALIFICATION_RULE}。"
            "2021 年 7 月 15 日前已从事法制审核的人员不受此限。"]


def user_warnings(user: UserInfo) -> list[str]:
    """The same warnings for a saved user (after its roles or its number changed)."""
    return qualification_warnings(user.roles, user.legal_qualification_no, name=user.name)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rule(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("密码", f"密码至少 {MIN_PASSWORD_LENGTH} 位")
    if password.isdigit() or password.isalpha():
        raise InvalidInput("密码", "密码须同时包含字母和数字（或其他字符）")


def one_time_password() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def _get(session: Session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        raise NotFound(f"用户“{login}”不存在")
    return user


def _validate_login(login: str) -> str:
    login = login.strip().lower()
    if not login or len(login) > 60 or not set(login) <= LOGIN_CHARS:
        raise InvalidInput("登录名", "登录名只能由小写字母、数字、“-”“_”“.”组成，不超过 60 个字符")
    return login


def resolve_actor(ctx: AppContext, login: str, *, via: str) -> Actor:
    """The acting user of a CLI command (--as): must exist and be enabled."""
    with ctx.read() as session:
        user = session.scalar(select(User).where(User.login == login.strip().lower()))
        if user is None:
            raise Refused(f"操作用户“{login}”不存在")
        if user.disabled:
            raise Refused(f"操作用户“{login}”已停用")
        return Actor(
            login=user.login,
            name=user.name,
            user_id=user.id,
            roles=frozenset(Role(r.role) for r in user.roles),
            via=via,
        )


def list_users(ctx: AppContext, actor: Actor) -> list[UserInfo]:
    with ctx.read() as session:
        users = session.scalars(select(User).order_by(User.login)).all()
        return [_info(u) for u in users]


def get_user(ctx: AppContext, login: str) -> UserInfo:
    with ctx.read() as session:
        return _info(_get(session, login))


def add_user(
    ctx: AppContext,
    actor: Actor,
    login: str,
    *,
    name: str,
    roles: str | list[Role],
    password: str | None = None,
    legal_qualification_no: str | None = None,
    must_change_password: bool = True,
) -> tuple[UserInfo, str | None]:
    """Create a user; returns it and the one-time password when none was given."""
    actor.require([Role.ADMIN], "添加用户")
    login = _validate_login(login)
    if not name.strip():
        raise InvalidInput("姓名", "姓名不能为空")
    try:
        role_list = parse_roles(roles) if isinstance(roles, str) else list(roles)
    except ValueError as exc:
        raise InvalidInput("角色", str(exc)) from None
    generated = None
    if password is None:
        generated = password = one_time_password()
    else:
        check_password_rule(password)
    with ctx.write(actor) as uow:
        if uow.session.scalar(select(User).where(User.login == login)) is not None:
            raise Refused(f"登录名“{login}”已被使用")
        user = User(
            login=login,
            name=name.strip(),
            password_hash=hash_password(password),
            must_change_password=must_change_password,
            legal_qualification_no=(legal_qualification_no or "").strip() or None,
            created_at=uow.now,
        )
        user.roles = [UserRole(role=r.value) for r in role_list]
        uow.session.add(user)
        uow.session.flush()
        info = _info(user)
        uow.audit("user.add", "user", user.id, summary=f"添加用户 {login}（{'、'.join(info.role_labels)}）",
                  after={"login": login, "name": info.name, "roles": info.roles,
                         "legal_qualification_no": info.legal_qualification_no})
    return info, generated


def set_roles(ctx: AppContext, actor: Actor, login: str, roles: str) -> UserInfo:
    actor.require([Role.ADMIN], "修改用户角色")
    try:
        role_list = parse_roles(roles)
    except ValueError as exc:
        raise InvalidInput("角色", str(exc)) from None
    with ctx.write(actor) as uow:
        user = _get(uow.session, login)
        before = _info(user).roles
        if user.login == actor.login and Role.ADMIN not in role_list:
            raise Refused("不能取消自己的管理员角色（否则将无人能管理系统）")
        user.roles = [UserRole(role=r.value) for r in role_list]
        uow.session.flush()
        info = _info(user)
        uow.audit("user.roles", "user", user.id, summary=f"修改 {login} 的角色为 {'、'.join(info.role_labels)}",
                  before={"roles": before}, after={"roles": info.roles})
    return info


def set_legal_qualification(ctx: AppContext, actor: Actor, login: str, number: str | None) -> UserInfo:
    """法律职业资格证书编号 of a legal reviewer (行政处罚法 第五十八条第二款)."""
    actor.require([Role.ADMIN], "登记法律职业资格")
    with ctx.write(actor) as uow:
        user = _get(uow.session, login)
        before = user.legal_qualification_no
        user.legal_qualification_no = (number or "").strip() or None
        uow.audit("user.qualification", "user", user.id, summary=f"登记 {login} 的法律职业资格",
                  before={"legal_qualification_no": before},
                  after={"legal_qualification_no": user.legal_qualification_no})
        return _info(user)


def disable_user(ctx: AppContext, actor: Actor, login: str) -> UserInfo:
    actor.require([Role.ADMIN], "停用用户")
    with ctx.write(actor) as uow:
        user = _get(uow.session, login)
        if user.login == actor.login:
            raise Refused("不能停用自己的账号")
        user.disabled = True
        uow.audit("user.disable", "user", user.id, summary=f"停用用户 {login}",
                  before={"disabled": False}, after={"disabled": True})
        return _info(user)


def enable_user(ctx: AppContext, actor: Actor, login: str) -> UserInfo:
    """Take back a 停用: the account logs in again with its password (an officer back from a posting)."""
    actor.require([Role.ADMIN], "启用用户")
    with ctx.write(actor) as uow:
        user = _get(uow.session, login)
        if not user.disabled:
            raise Refused(f"用户 {user.login} 未停用，无需启用")
        user.disabled = False
        user.failed_logins, user.locked_until = 0, None
        uow.audit("user.enable", "user", user.id, summary=f"启用用户 {login}",
                  before={"disabled": True}, after={"disabled": False})
        return _info(user)


def reset_password(ctx: AppContext, actor: Actor, login: str, password: str | None = None) -> str | None:
    """An admin sets a new password (or a one-time one); the user must change it at next login."""
    if actor.login != login:
        actor.require([Role.ADMIN], "重置他人密码")
    generated = None
    if password is None:
        generated = password = one_time_password()
    else:
        check_password_rule(password)
    with ctx.write(actor) as uow:
        user = _get(uow.session, login)
        user.password_hash = hash_password(password)
        user.must_change_password = True
        user.failed_logins = 0
        user.locked_until = None
        uow.audit("user.password_reset", "user", user.id, summary=f"重置 {login} 的密码")
    return generated


def change_password(ctx: AppContext, login: str, old: str, new: str) -> None:
    """The user changes their own password (first login forces it)."""
    check_password_rule(new)
    if old == new:
        raise InvalidInput("新密码", "新密码不能与原密码相同")
    actor = authenticate(ctx, login, old, allow_must_change=True)
    with ctx.write(actor) as uow:
        user = _get(uow.session, login)
        user.password_hash = hash_password(new)
        user.must_change_password = False
        uow.audit("user.password_change", "user", user.id, summary=f"{login} 修改了自己的密码")


@dataclass(frozen=True)
class LoginResult:
    actor: Actor
    must_change_password: bool


def authenticate(ctx: AppContext, login: str, password: str, *, allow_must_change: bool = True) -> Actor:
    return login_user(ctx, login, password).actor


def login_user(ctx: AppContext, login: str, password: str, via: str = "gui") -> LoginResult:
    """Check a password; lock the account after repeated failures. Failures are audited."""
    login = login.strip().lower()
    limit = int(get_setting(ctx, "security.lockout_failures"))
    minutes = int(get_setting(ctx, "security.lockout_minutes"))
    system = Actor.system(via)
    with ctx.write(system) as uow:
        user = uow.session.scalar(select(User).where(User.login == login))
        now = uow.now
        if user is None or user.disabled:
            logger.info("login refused: unknown or disabled account")
            failure: Refused | None = PermissionDenied("登录名或密码不正确")
        elif user.locked_until is not None and user.locked_until > now:
            left = int((user.locked_until - now).total_seconds() // 60) + 1
            failure = PermissionDenied(f"连续登录失败次数过多，账号已锁定，请 {left} 分钟后再试")
        else:
            failure = None
            try:
                _hasher.verify(user.password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                user.failed_logins += 1
                if user.failed_logins >= limit:
                    user.locked_until = now + timedelta(minutes=minutes)
                    user.failed_logins = 0
                    failure = PermissionDenied(f"连续 {limit} 次登录失败，账号已锁定 {minutes} 分钟")
                    uow.audit("user.locked", "user", user.id, summary=f"{login} 连续登录失败，账号锁定")
                else:
                    failure = PermissionDenied(f"登录名或密码不正确（还可尝试 {limit - user.failed_logins} 次）")
                    uow.audit("user.login_failed", "user", user.id, summary=f"{login} 登录失败")
        if failure is not None:
            # Keep the failure count and audit record, then refuse.
            uow.session.commit()
            raise failure
        assert user is not None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        actor = Actor(login=user.login, name=user.name, user_id=user.id,
                      roles=frozenset(Role(r.role) for r in user.roles), via=via)
        return LoginResult(actor=actor, must_change_password=user.must_change_password)
