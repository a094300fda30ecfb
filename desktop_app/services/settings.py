"""Township settings (deadlines, thresholds, numbering) with their defaults from domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop_app.domain.roles import Role
from desktop_app.domain.settings_schema import SETTINGS, SETTINGS_BY_KEY, parse_setting
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput
from desktop_app.store.models import Setting


@dataclass(frozen=True)
class SettingInfo:
    key: str
    label: str
    value: Any
    default: Any
    note: str


def get_setting(ctx: AppContext, key: str) -> Any:
    spec = SETTINGS_BY_KEY[key]
    with ctx.read() as session:
        row = session.get(Setting, key)
        return spec.default if row is None else row.value


def all_settings(ctx: AppContext) -> dict[str, Any]:
    with ctx.read() as session:
        stored = {row.key: row.value for row in session.scalars(select(Setting))}
    return {spec.key: stored.get(spec.key, spec.default) for spec in SETTINGS}


def list_settings(ctx: AppContext) -> list[SettingInfo]:
    values = all_settings(ctx)
    return [SettingInfo(s.key, s.label, values[s.key], s.default, s.note) for s in SETTINGS]


def set_setting(ctx: AppContext, actor: Actor, key: str, raw: str) -> SettingInfo:
    actor.require([Role.ADMIN], "修改系统设置")
    try:
        value = parse_setting(key, raw)
    except ValueError as exc:
        raise InvalidInput(key, str(exc)) from None
    spec = SETTINGS_BY_KEY[key]
    with ctx.write(actor) as uow:
        row = uow.session.get(Setting, key)
        before = spec.default if row is None else row.value
        if value is None:
            # 未设置 is the absence of a row (the column is NOT NULL); only where that means None.
            if spec.default is not None:
                raise InvalidInput(key, f"设置项“{spec.label}”不能为未设置")
            if row is not None:
                uow.session.delete(row)
        elif row is None:
            uow.session.add(Setting(key=key, value=value, updated_at=uow.now))
        else:
            row.value = value
            row.updated_at = uow.now
        uow.audit("setting.set", "setting", key, summary=f"修改设置“{spec.label}”",
                  before={"value": before}, after={"value": value})
    return SettingInfo(spec.key, spec.label, value, spec.default, spec.note)
