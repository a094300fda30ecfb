"""One clock for the whole program, so tests and demos can set "now" (CLI.md, Time).

Times are stored in UTC and shown in Asia/Shanghai; deadlines count on the Asia/Shanghai date.
ENFORCEMENT_DESK_NOW (ISO 8601) fixes "now" for tests and demos; screens show a banner while it is set.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
ENV_NOW = "ENFORCEMENT_DESK_NOW"


class Clock:
    def __init__(self, fixed_now: datetime | None = None) -> None:
        if fixed_now is not None and fixed_now.tzinfo is None:
            fixed_now = fixed_now.replace(tzinfo=SHANGHAI)
        self._fixed = fixed_now

    @classmethod
    def from_environment(cls) -> Clock:
        raw = os.environ.get(ENV_NOW)
        if not raw:
            return cls()
        return cls(datetime.fromisoformat(raw))

    @property
    def is_fixed(self) -> bool:
        return self._fixed is not None

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        if self._fixed is not None:
            return self._fixed.astimezone(UTC)
        return datetime.now(UTC)

    def local_now(self) -> datetime:
        return self.now().astimezone(SHANGHAI)

    def today(self) -> date:
        """Today's date in Asia/Shanghai."""
        return self.local_now().date()


def local_date(moment: datetime) -> date:
    """The Asia/Shanghai calendar date of an instant (deadlines count on it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SHANGHAI).date()


def to_local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SHANGHAI)
