"""The admin screens of 系统设置, one tab per module; read-only for leaders and county supervisors."""

from __future__ import annotations

from desktop_app.domain.roles import Role
from desktop_app.services.actor import Actor

# Every write service requires the admin role (procedure.md, Roles); the screens say so up front.
ADMIN_ONLY = "只有管理员可以修改"


def is_admin(actor: Actor) -> bool:
    return actor.has(Role.ADMIN)
