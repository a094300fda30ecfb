"""当事人: one record per person or organisation, recognised again by its identifier
(居民身份证号 / 统一社会信用代码)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop_app.domain.identifiers import validate_credit_code, validate_mobile_phone, validate_resident_id
from desktop_app.services.context import AppContext, UnitOfWork
from desktop_app.services.errors import InvalidInput
from desktop_app.store.models import Party

KIND_LABELS = {"person": "自然人", "organisation": "法人或其他组织"}


@dataclass(frozen=True)
class PartyInfo:
    id: str
    kind: str
    kind_label: str
    name: str
    identifier: str
    address: str
    phone: str
    representative: str
    updated_at: datetime


def party_info(p: Party) -> PartyInfo:
    return PartyInfo(p.id, p.kind, KIND_LABELS[p.kind], p.name, p.identifier, p.address, p.phone,
                     p.representative, p.updated_at)


@dataclass(frozen=True)
class PartyInput:
    kind: str  # person | organisation
    identifier: str
    name: str
    address: str = ""
    phone: str = ""
    representative: str = ""


def validate_party(data: PartyInput) -> tuple[PartyInput, list[str]]:
    """Normalised input and warnings; raises InvalidInput naming the field and the rule."""
    warnings: list[str] = []
    if data.kind == "person":
        check = validate_resident_id(data.identifier)
        field = "居民身份证号码"
    elif data.kind == "organisation":
        check = validate_credit_code(data.identifier)
        field = "统一社会信用代码"
    else:
        raise InvalidInput("当事人类型", "当事人类型应为 person（自然人）或 organisation（法人或其他组织）")
    if not check.ok:
        raise InvalidInput(field, check.error or f"{field}不正确")
    warnings += list(check.warnings)
    name = data.name.strip()
    if not name:
        raise InvalidInput("当事人姓名/名称", "当事人姓名或名称不能为空")
    if len(name) > 200:
        raise InvalidInput("当事人姓名/名称", "当事人姓名或名称不能超过 200 个字符")
    phone = data.phone.strip()
    if phone:
        pc = validate_mobile_phone(phone)
        if not pc.ok:
            raise InvalidInput("联系电话", pc.error or "联系电话不正确")
        phone = pc.normalized
    if data.kind == "organisation" and not data.representative.strip():
        warnings.append("未填写法定代表人（负责人）")
    return PartyInput(data.kind, check.normalized, name, data.address.strip(), phone,
                      data.representative.strip()), warnings


def find_by_identifier(session: Session, kind: str, identifier: str) -> Party | None:
    return session.scalar(select(Party).where(Party.kind == kind, Party.identifier == identifier))


def upsert_party(uow: UnitOfWork, data: PartyInput) -> Party:
    """The party with this identifier, created or updated with the latest details.
    Issued documents keep their own snapshot, so an update never rewrites them."""
    clean, _ = validate_party(data)
    party = find_by_identifier(uow.session, clean.kind, clean.identifier)
    now = uow.now
    if party is None:
        party = Party(kind=clean.kind, identifier=clean.identifier, name=clean.name, address=clean.address,
                      phone=clean.phone, representative=clean.representative, created_at=now, updated_at=now)
        uow.session.add(party)
        uow.session.flush()
        uow.audit("party.add", "party", party.id, summary=f"登记当事人 {clean.name}",
                  after={"kind": clean.kind, "name": clean.name})
        return party
    before = {"name": party.name, "address": party.address, "phone": party.phone,
              "representative": party.representative}
    after = {"name": clean.name, "address": clean.address or party.address, "phone": clean.phone or party.phone,
             "representative": clean.representative or party.representative}
    if after != before:
        party.name, party.address, party.phone, party.representative = (
            after["name"], after["address"], after["phone"], after["representative"])
        party.updated_at = now
        uow.audit("party.update", "party", party.id, summary=f"更新当事人 {party.name} 的信息",
                  before=before, after=after)
    return party


def search_parties(ctx: AppContext, text: str, limit: int = 50) -> list[PartyInfo]:
    """By identifier (exact or prefix) or name (substring)."""
    text = text.strip().upper() if text.strip()[:1].isdigit() else text.strip()
    with ctx.read() as session:
        stmt = select(Party).where(or_(Party.identifier.startswith(text), Party.name.contains(text)))
        return [party_info(p) for p in session.scalars(stmt.order_by(Party.name).limit(limit))]


def count_parties(ctx: AppContext) -> int:
    with ctx.read() as session:
        return session.scalar(select(func.count()).select_from(Party)) or 0
