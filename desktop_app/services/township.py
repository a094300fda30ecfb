"""The township: the enforcement subject (乡镇人民政府, 行政处罚法 第二十四条) and its numbering prefix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.roles import Role
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext, UnitOfWork
from desktop_app.services.errors import InvalidInput, NotFound
from desktop_app.store.models import Township

DEFAULT_TOWNSHIP = {
    "name": "刘胡兰镇",
    "county_name": "文水县",
    # 文水县's administrative division code; an admin sets the township's own 9-digit code.
    "admin_code": "141121",
    "doc_prefix": "文水刘",
}


@dataclass(frozen=True)
class TownshipInfo:
    id: str
    name: str
    government_name: str
    team_name: str
    admin_code: str
    county_name: str
    doc_prefix: str
    seal_text: str
    review_body: str
    updated_at: datetime


def _info(t: Township) -> TownshipInfo:
    return TownshipInfo(t.id, t.name, t.government_name, t.team_name, t.admin_code, t.county_name,
                        t.doc_prefix, t.seal_text, t.review_body, t.updated_at)


def _validate_code(code: str) -> str:
    code = code.strip()
    if not code.isdigit() or len(code) not in (6, 9, 12):
        raise InvalidInput("行政区划代码", "行政区划代码应为 6、9 或 12 位数字")
    return code


def _validate_prefix(prefix: str) -> str:
    prefix = prefix.strip()
    if not 1 <= len(prefix) <= 10 or any(ch.isspace() for ch in prefix):
        raise InvalidInput("文号前缀", "文号前缀应为 1 至 10 个字符、不含空格，如“文水刘”")
    return prefix


def validate_township(*, name: str | None = None, code: str | None = None, prefix: str | None = None) -> None:
    """Check typed values without saving, with the same rules as update_township (a form checks a field
    when it is left, UX.md); raises InvalidInput naming the field and the rule."""
    if name is not None and not name.strip():
        raise InvalidInput("乡镇名称", "乡镇名称不能为空")
    if code is not None:
        _validate_code(code)
    if prefix is not None:
        _validate_prefix(prefix)


def township_row(session: Session) -> Township | None:
    return session.scalar(select(Township).limit(1))


def ensure_township(uow: UnitOfWork, name: str | None, code: str | None, prefix: str | None) -> bool:
    """Create the township on first init; returns True when created."""
    if township_row(uow.session) is not None:
        return False
    name = (name or DEFAULT_TOWNSHIP["name"]).strip()
    county = DEFAULT_TOWNSHIP["county_name"]
    t = Township(
        name=name,
        government_name=f"{county}{name}人民政府",
        team_name=f"{name}综合行政执法队",
        admin_code=_validate_code(code or DEFAULT_TOWNSHIP["admin_code"]),
        county_name=county,
        doc_prefix=_validate_prefix(prefix or DEFAULT_TOWNSHIP["doc_prefix"]),
        seal_text=f"{county}{name}人民政府",
        review_body=f"{county}人民政府",
        updated_at=uow.now,
    )
    uow.session.add(t)
    uow.session.flush()
    uow.audit("township.create", "township", t.id, summary=f"设立乡镇 {t.name}", after=_dump(t))
    return True


def _dump(t: Township) -> dict[str, str]:
    return {"name": t.name, "government_name": t.government_name, "team_name": t.team_name,
            "admin_code": t.admin_code, "county_name": t.county_name, "doc_prefix": t.doc_prefix,
            "seal_text": t.seal_text, "review_body": t.review_body}


def get_township(ctx: AppContext) -> TownshipInfo:
    with ctx.read() as session:
        t = township_row(session)
        if t is None:
            raise NotFound("尚未初始化：请先运行 init")
        return _info(t)


def update_township(
    ctx: AppContext,
    actor: Actor,
    *,
    name: str | None = None,
    code: str | None = None,
    prefix: str | None = None,
    review_body: str | None = None,
    county_name: str | None = None,
    seal_text: str | None = None,
    team_name: str | None = None,
) -> TownshipInfo:
    actor.require([Role.ADMIN], "修改乡镇信息")
    with ctx.write(actor) as uow:
        t = township_row(uow.session)
        if t is None:
            raise NotFound("尚未初始化：请先运行 init")
        before = _dump(t)
        if name is not None:
            if not name.strip():
                raise InvalidInput("乡镇名称", "乡镇名称不能为空")
            t.name = name.strip()
            t.government_name = f"{t.county_name}{t.name}人民政府"
        if county_name is not None and county_name.strip():
            t.county_name = county_name.strip()
            t.government_name = f"{t.county_name}{t.name}人民政府"
        if code is not None:
            t.admin_code = _validate_code(code)
        if prefix is not None:
            t.doc_prefix = _validate_prefix(prefix)
        if review_body is not None and review_body.strip():
            t.review_body = review_body.strip()
        if seal_text is not None and seal_text.strip():
            t.seal_text = seal_text.strip()
        if team_name is not None and team_name.strip():
            t.team_name = team_name.strip()
        t.updated_at = uow.now
        uow.audit("township.update", "township", t.id, summary="修改乡镇信息", before=before, after=_dump(t))
        return _info(t)
