"""The people a case event names, besides the user who acted: the officers assigned by 调查取证, the
participants of a 集体讨论, the person withdrawn by a 回避 approval, the designated 案件审核人. The
events keep them as logins (what the services check against); a screen shows names (执法员甲), so
show_case looks up every login named here together with the actors (F19)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# the keys of CaseEvent.data whose value is a login or a list of logins
LOGIN_KEYS = ("officers", "participants", "person", "reviewer")


def normal_login(login: object) -> str:
    """Logins are stored lower-case; what was typed may not have been."""
    return str(login).strip().lower()


def logins_named(actor: str, officers: Iterable[str], data: Mapping[str, Any]) -> set[str]:
    """The logins one event names: its actor, its officers and those in its data (LOGIN_KEYS)."""
    found = {normal_login(actor), *(normal_login(o) for o in officers)}
    for key in LOGIN_KEYS:
        value = data.get(key)
        if isinstance(value, list | tuple):
            found.update(normal_login(v) for v in value if v)
        elif value:
            found.add(normal_login(value))
    found.discard("")
    return found
