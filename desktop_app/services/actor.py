"""Who acts: the logged-in user (GUI) or the --as user (CLI), with their roles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.services.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    login: str
    name: str
    user_id: str | None
    roles: frozenset[Role] = field(default_factory=frozenset)
    via: str = "gui"  # gui | cli | demo | system

    @classmethod
    def system(cls, via: str = "system") -> Actor:
        """The program itself (init, migrations); never a person's action."""
        return cls(login="system", name="系统", user_id=None, roles=frozenset({Role.ADMIN}), via=via)

    @classmethod
    def anonymous_reader(cls) -> Actor:
        """Reads without a user see what a county supervisor sees (CLI.md, --as)."""
        return cls(login="", name="匿名只读", user_id=None, roles=frozenset({Role.COUNTY_SUPERVISOR}), via="cli")

    @property
    def is_anonymous(self) -> bool:
        return self.login == ""

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    def require(self, roles: Iterable[Role], what: str) -> None:
        wanted = list(roles)
        if self.is_anonymous:
            raise PermissionDenied(f"{what}须指定操作用户（--as 登录名）")
        if not self.has(*wanted):
            names = "或".join(ROLE_LABELS[r] for r in wanted)
            raise PermissionDenied(f"只有{names}可以{what}")
