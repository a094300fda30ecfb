"""`demo`: a demo data directory with users for every role, officers with certificates, training,
the sample item list confirmed, and parties — reproducible by seed (ids and times too).
Case generation joins here with the case workflow."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.clock import SHANGHAI, Clock
from desktop_app.domain.roles import Role
from desktop_app.services import demo_data
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.demo_cases import chained_audit_row, create_demo_cases, insert_rows
from desktop_app.services.setup import initialise
from desktop_app.services.users import hash_password
from desktop_app.store import audit_chain
from desktop_app.store.models import (
    AuditRecord,
    Certificate,
    ItemListVersion,
    Officer,
    OutboxEntry,
    Party,
    TrainingRecord,
    User,
    UserRole,
)

DEMO_PASSWORD = "demo"
DEFAULT_OFFICERS = 4


@dataclass(frozen=True)
class DemoResult:
    users: list[str]
    officers: int
    parties: int
    cases: int
    seed: int


def _demo_users(officers: int) -> list[tuple[str, str, list[Role], bool]]:
    """(login, name, roles, is an officer)"""
    rows: list[tuple[str, str, list[Role], bool]] = [
        (f"demo-officer{i}", f"执法员{'甲乙丙丁戊己庚辛壬癸'[i - 1] if i <= 10 else i}", [Role.OFFICER], True)
        for i in range(1, officers + 1)
    ]
    rows += [
        ("demo-lead", "执法队长", [Role.TEAM_LEAD, Role.OFFICER], True),
        ("demo-reviewer", "法制审核员", [Role.LEGAL_REVIEWER], False),
        ("demo-leader", "分管负责人", [Role.LEADER], False),
        ("demo-mayor", "镇长", [Role.LEADER], False),  # 集体讨论 needs two 负责人 (第五十七条第二款)
        ("demo-clerk", "档案员", [Role.ARCHIVE_CLERK], False),
        ("demo-supervisor", "县司法局监督员", [Role.COUNTY_SUPERVISOR], False),
        ("demo-admin", "系统管理员", [Role.ADMIN], False),
    ]
    return rows


def _add_parties(s: Session, rng: random.Random, ids: Callable[[], str], have: int, wanted: int, now: datetime,
                 prev: str, progress: Callable[[int, int], None] | None) -> str:
    """Demo parties in bulk: the same rows, audit records and outbox entries as adding them one by one
    through the unit of work (same random draws in the same order), but checked for duplicates in a
    set and chained in memory — one query and a flush per party made 10,000 parties take minutes.
    Returns the new head of the audit chain."""
    taken = {(k, i) for k, i in s.execute(select(Party.kind, Party.identifier))}
    parties: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    outbox: list[dict[str, Any]] = []
    actor = Actor.system("demo")
    for i in range(have, wanted):
        if rng.random() < 0.7:
            kind, identifier, name = "person", demo_data.resident_id(rng), demo_data.person_name(rng)
            rep = ""
        else:
            kind, identifier, name = "organisation", demo_data.credit_code(rng), demo_data.organisation_name(rng)
            rep = demo_data.person_name(rng)
        if (kind, identifier) in taken:
            continue
        taken.add((kind, identifier))
        party_id = ids()
        parties.append({"id": party_id, "kind": kind, "identifier": identifier, "name": name,
                        "address": demo_data.address(rng), "phone": demo_data.mobile(rng), "representative": rep,
                        "created_at": now, "updated_at": now})
        row = chained_audit_row(prev, ids(), now, now, actor.login or "anonymous", actor.via, "party.add", "party",
                                party_id, None, f"登记演示当事人 {name}", {"kind": kind, "name": name})
        audits.append(row)
        outbox.append({"audit_id": row["id"], "entity": "party", "entity_id": party_id, "created_at": now,
                       "package_id": None, "acknowledged_at": None})
        prev = row["hash"]
        if progress is not None and i % 100 == 0:
            progress(i, wanted)
    for model, rows, raw in ((Party, parties, ()), (AuditRecord, audits, ("after",)), (OutboxEntry, outbox, ())):
        if rows:
            insert_rows(s, model.__table__, rows, raw)  # type: ignore[arg-type]
    return prev


def create_demo(
    ctx: AppContext,
    *,
    cases: int = 0,
    seed: int = 1,
    start: date | None = None,
    officers: int = DEFAULT_OFFICERS,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    rng = random.Random(seed)
    start = start or date(2026, 1, 5)
    # A fixed clock: the demo's own records carry reproducible times.
    demo_now = datetime.combine(start, time(9, 0), tzinfo=SHANGHAI)
    dctx = AppContext(ctx.db, ctx.data_dir, Clock(demo_now))
    initialise(dctx, admin_password=None, via="demo")
    ctx.data_dir.demo_marker.write_text(
        "演示数据目录：示例事项清单可用于立案。请勿在此目录中办理真实案件。\n", encoding="utf-8")
    actor = Actor.system("demo")
    ids: Callable[[], str] = lambda: demo_data.demo_uuid(rng)  # noqa: E731
    created_users: list[str] = []
    with dctx.write(actor, ids=ids) as uow:
        s = uow.session
        password_hash = hash_password(DEMO_PASSWORD)
        for n, (login, name, roles, is_officer) in enumerate(_demo_users(officers)):
            if s.scalar(select(User).where(User.login == login)) is not None:
                continue
            user = User(id=ids(), login=login, name=name, password_hash=password_hash, must_change_password=True,
                        created_at=uow.now,
                        legal_qualification_no="A20211401000" + str(seed % 1000).zfill(3)
                        if Role.LEGAL_REVIEWER in roles else None)
            user.roles = [UserRole(role=r.value) for r in roles]
            s.add(user)
            s.flush()
            uow.audit("user.add", "user", user.id, summary=f"创建演示用户 {login}",
                      after={"login": login, "roles": [r.value for r in roles]})
            created_users.append(login)
            if is_officer:
                officer = Officer(id=ids(), name=name, user_id=user.id, category="综合行政执法",
                                  body_camera_no=f"WS-DSJ-{seed % 100:02d}{n + 1:03d}", in_post=True,
                                  created_at=uow.now)
                s.add(officer)
                s.flush()
                cert = Certificate(id=ids(), officer_id=officer.id, number=f"14112126{seed % 100:02d}{n + 1:04d}",
                                   category="综合行政执法", authority="山西省人民政府",
                                   valid_from=date(2023, 1, 1), valid_to=date(2028, 12, 31), state="valid",
                                   created_at=uow.now)
                s.add(cert)
                uow.audit("officer.add", "officer", officer.id, summary=f"登记演示执法人员 {name}",
                          after={"name": name, "login": login, "certificate": cert.number})
                for year in (start.year - 1, start.year):
                    for kind, hours in (("legal", rng.choice((16.0, 24.0, 32.0))),
                                        ("skills", rng.choice((12.0, 20.0, 30.0)))):
                        rec = TrainingRecord(id=ids(), officer_id=officer.id, kind=kind, hours=hours,
                                             on=date(year, rng.randrange(1, 12), rng.randrange(1, 28)),
                                             title="综合行政执法业务培训" if kind == "skills" else "行政处罚法专题培训",
                                             created_at=uow.now)
                        s.add(rec)
        # The sample list counts as the township's own in a demo directory (procedure.md, defaults).
        version = s.scalars(select(ItemListVersion).order_by(ItemListVersion.number.desc())).first()
        if version is not None and version.confirmed_at is None:
            version.confirmed_at = uow.now
            version.confirmed_by = "demo"
            uow.audit("items.confirm", "item_list_version", version.id, summary="演示：确认示例事项清单")
        wanted = max(20, min(cases // 2, 20000))
        have = len(list(s.scalars(select(Party.id))))
        if have < wanted:
            # The records above must be in the database before the chain's head is read.
            s.flush()
            _add_parties(s, rng, ids, have, wanted, uow.now, audit_chain.last_hash(s), progress)
            uow.audit_head_changed()
        officer_count = len(list(s.scalars(select(Officer.id))))
        party_count = len(list(s.scalars(select(Party.id))))
    made = create_demo_cases(ctx, count=cases, seed=seed, start=start, progress=progress)
    return DemoResult(users=created_users, officers=officer_count, parties=party_count, cases=made, seed=seed)

