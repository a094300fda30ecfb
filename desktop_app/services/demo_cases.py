"""Demo cases in bulk (演示案件): realistic histories over every state, reproducible by seed.

Each case follows a script of the procedure (the same steps, roles and documents the services
write one by one), so closed and archived cases have complete, consistent histories: officers,
case review, notice and its service, legal review where the item requires it, decision with its
discretion, service with proof, payment, closing. Rows are inserted in bulk, in chunks, with the
audit chain computed here — 100,000 cases take minutes instead of hours."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import repeat
from operator import itemgetter
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desktop_app.clock import SHANGHAI, local_date
from desktop_app.domain.case_states import STATE_LABELS, CaseState
from desktop_app.domain.numbering import format_case_number, format_document_number
from desktop_app.domain.procedure import ACTION_LABELS, CaseAction
from desktop_app.services import demo_data
from desktop_app.services.cases.documents import FORMS
from desktop_app.services.cases.facts import calendar_for, compute_deadlines, load_settings
from desktop_app.services.context import AppContext, write_audit_head
from desktop_app.services.document_context import cause_of
from desktop_app.store import audit_chain
from desktop_app.store.database import bulk_session
from desktop_app.store.models import (
    Approval,
    Attachment,
    AuditRecord,
    BenchmarkTier,
    Case,
    CaseAssignment,
    CaseDeadline,
    CaseEvent,
    CaseParty,
    Document,
    DocumentService,
    EnforcementItem,
    NumberSequence,
    Party,
    Township,
    User,
)

CHUNK = 2000

# Where demo cases end up (weights), so that lists, dashboards and statistics show every state.
FINAL_STATES: list[tuple[str, int]] = [
    ("clue", 5), ("accepted", 3), ("rejected", 3), ("not_filed", 2), ("filed", 4), ("investigating", 9),
    ("investigated", 5), ("notified", 6), ("hearing", 2), ("legal_review", 4), ("discussion", 2),
    ("decided", 3), ("served", 5), ("executing", 6), ("closed", 18), ("archived", 12), ("withdrawn", 2),
    ("transferred", 3), ("suspended", 2), ("simple_closed", 5),
]
ORDER = ["clue", "accepted", "filed", "investigating", "investigated", "notified", "legal_review", "decided",
         "served", "executing", "closed", "archived"]
# 违法事实 as an officer writes them, by item: a template (the place, a quantity n) and n's range. They
# start with "在…" so the documents read "2026年8月1日，当事人在…". Items not listed use their category's.
FACTS: dict[str, tuple[str, int, int]] = {
    "GH-01": ("未经乡人民政府批准，在{place}西侧自家承包地内建设砖混结构住宅一处，建筑面积约{n}平方米", 60, 200),
    "GH-02": ("在{place}主街两侧乱堆柴草、粪便，占用公共场地约{n}平方米，影响村容镇貌和环境卫生", 5, 40),
    "GH-03": ("未经批准在{place}集贸市场入口处搭建彩钢板临时建筑一处，占地约{n}平方米", 10, 60),
    "GH-04": ("未取得乡村建设规划许可证，在{place}东侧建设钢结构厂房一处，建筑面积约{n}平方米", 100, 800),
    "GH-05": ("未按规划审批程序批准，在{place}规划道路红线内建设二层房屋一处，建筑面积约{n}平方米", 80, 300),
    "GH-06": ("建设住宅时未按经审查的设计图纸施工，擅自将{place}宅基地内房屋由二层加建为三层，加建面积约{n}平方米", 40, 150),
    "GH-07": ("未按建设工程规划许可证的规定，在{place}超出批准范围建设附属用房，超建面积约{n}平方米", 20, 120),
    "GH-08": ("在{place}建设的临时彩钢板房超过批准期限{n}个月仍未拆除", 2, 18),
    "TD-01": ("未经批准占用{place}集体土地建设住宅一处，占地面积约{n}平方米", 100, 300),
    "TD-02": ("在{place}南侧耕地内擅自挖砂取土，破坏种植条件，面积约{n}平方米", 200, 2000),
    "TD-03": ("未经批准占用{place}集体土地硬化场地用于堆放建材，占地面积约{n}平方米", 200, 1500),
    "TD-04": ("在{place}临时使用的施工用地上修建砖混结构永久性房屋一处，建筑面积约{n}平方米", 30, 200),
    "TD-05": ("在{place}永久基本农田内挖塘养鱼，占用面积约{n}平方米", 500, 3000),
    "DQ-01": ("在{place}南侧农田内露天焚烧玉米秸秆约{n}亩，产生大量烟尘，影响周边群众生活", 2, 30),
    "DQ-02": ("在{place}村民居住区附近焚烧废旧轮胎、塑料等物品约{n}千克，产生有毒有害烟尘和恶臭气体", 20, 300),
    "DQ-03": ("在{place}经营餐馆，未安装油烟净化设施，油烟直接排放，经营面积约{n}平方米", 30, 200),
    "DQ-04": ("在{place}文化广场人民政府禁止的区域内露天烧烤食品，设置烧烤摊位{n}个", 1, 5),
    "DQ-05": ("在{place}建设工地施工，未设置硬质围挡，裸露土方约{n}平方米未采取覆盖、洒水等防尘措施", 200, 3000),
    "DQ-06": ("驾驶运输渣土车辆途经{place}主路时未采取密闭措施，沿途遗撒渣土约{n}米", 50, 800),
    "GF-01": ("在{place}村西路边随意倾倒生活垃圾约{n}立方米", 1, 15),
    "GF-02": ("在{place}北侧空地擅自倾倒施工过程中产生的建筑垃圾约{n}立方米", 5, 80),
    "GF-03": ("在{place}施工时未编制建筑垃圾处理方案报备案，施工现场堆积建筑垃圾约{n}立方米未及时清运", 10, 100),
    "XQ-01": ("在{place}划定的禁止养殖区域内建设生猪养殖场一处，存栏生猪约{n}头", 30, 300),
    "XQ-02": ("在{place}经营的养殖场未建设粪污贮存等污染防治配套设施即投入使用，存栏肉牛约{n}头", 20, 150),
    "XQ-03": ("在{place}经营的养殖场将未经无害化处理的畜禽粪污直接排入村南排水渠，排放长度约{n}米", 20, 300),
    "XQ-04": ("在{place}村东沟渠内随意弃置病死猪{n}头，未按规定进行无害化处理", 1, 10),
    "XQ-05": ("在{place}兴办蛋鸡养殖场未向县农业农村部门备案，存栏蛋鸡约{n}只", 500, 5000),
    "SR-01": ("在{place}集贸市场内乱扔果皮、纸屑等废弃物，经劝阻后仍不改正，累计{n}次", 2, 5),
    "SR-02": ("在{place}主街路边不按规定的时间、地点倾倒生活垃圾约{n}袋", 3, 20),
    "SR-03": ("未经批准在{place}主街两侧堆放砖石、沙土等物料，占用道路约{n}平方米", 10, 80),
    "SR-04": ("未经同意在{place}临街楼顶擅自设置大型户外广告牌一块，面积约{n}平方米", 10, 60),
    "SR-05": ("在{place}倒车时撞坏公共垃圾箱{n}个，未予修复或者赔偿", 1, 4),
    "SR-06": ("未经批准擅自挖掘{place}主路铺设管道，挖掘路面约{n}平方米", 5, 60),
    "SR-07": ("在{place}主街绿化带内擅自砍伐行道树{n}株", 1, 8),
    "ZS-01": ("在{place}经营的超市门前使用高音广播喇叭招揽顾客，持续约{n}小时，经劝阻后仍未停止", 2, 8),
    "ZS-02": ("在{place}居民区内使用高音广播喇叭播放广告，持续约{n}小时，周边居民多次投诉", 1, 6),
    "ZS-03": ("在{place}文化广场组织广场舞活动时使用音响器材，音量过大，持续至晚间约{n}时", 21, 23),
    "ZS-04": ("未取得夜间施工证明，在{place}居民区附近夜间进行混凝土浇筑作业，持续至次日凌晨{n}时", 1, 4),
    "NY-01": ("在{place}东侧饮用水水源保护区内的农田喷洒农药，施药面积约{n}亩", 2, 20),
    "LY-01": ("未取得林木采伐许可证，在{place}北山集体林地内砍伐杨树{n}株", 10, 120),
    "LY-02": ("在{place}西侧林地内采挖砂石，造成林木毁坏约{n}株", 5, 60),
    "LY-03": ("森林防火期内，未经批准在{place}北山森林防火区内烧荒，过火面积约{n}平方米", 20, 500),
    "SL-01": ("在{place}东侧灌溉渠道内堆放砖石、杂物约{n}立方米，阻碍行洪", 2, 40),
    "SL-02": ("在{place}南侧河道管理范围内倾倒渣土约{n}立方米，妨碍河道行洪", 5, 100),
    "SL-03": ("在{place}北山禁止开垦坡度以上的陡坡地开垦种植玉米约{n}亩", 1, 10),
    "XF-01": ("在{place}经营的商店将货物堆放在疏散通道内，堵塞安全出口{n}处", 1, 3),
    "XF-02": ("在{place}小区内长期停放车辆、堆放杂物，占用消防车通道约{n}米", 5, 50),
    "XF-03": ("在{place}主街搭建棚屋，圈占室外消火栓{n}个", 1, 3),
    "GL-01": ("在{place}路段公路用地范围内摆摊设点、堆放物品，占用公路约{n}平方米，影响公路畅通", 5, 50),
    "WH-01": ("在{place}经营的网吧接纳未成年人{n}名进入营业场所上网", 1, 6),
}
CATEGORY_FACTS: dict[str, tuple[str, int, int]] = {
    "大气污染防治": FACTS["DQ-01"], "固体废物": FACTS["GF-01"], "市容环境卫生": FACTS["SR-03"],
    "畜禽养殖污染": FACTS["XQ-03"], "噪声污染防治": FACTS["ZS-01"],
}
# The decider's explanation (裁量说明) by tier, after the benchmark's own conditions and range, which the
# decision prints first: what in this case made the tier, and how the amount was chosen inside it.
EXPLANATIONS: dict[str, tuple[str, ...]] = {
    "minor": ("当事人系初次违法，违法行为持续时间短，经责令后当场停止并改正，未造成明显危害后果，故在轻微档次内确定罚款数额。",
              "当事人主动配合调查，如实陈述违法事实，并已自行整改完毕，综合考虑其违法情节，在轻微档次内确定罚款数额。"),
    "general": ("当事人违法行为造成一定危害后果，经责令后能够在期限内改正，无从重、从轻情节，故在一般档次内确定罚款数额。",
                "当事人违法情节一般，调查中能够配合，综合违法行为的事实、性质、情节及社会危害程度，在一般档次内确定罚款数额。"),
    "serious": ("当事人违法行为影响范围较大，经责令后逾期改正，违法情节较重，故在较重档次内确定罚款数额。",
                "当事人违法行为造成的危害后果较大，且经多次劝阻仍未停止，综合其违法情节，在较重档次内确定罚款数额。"),
    "severe": ("当事人一年内因同类违法行为受过处罚又违法，造成较大社会影响，违法情节严重，故在严重档次内确定罚款数额。",
               "当事人违法行为造成严重危害后果，且拒不配合调查，违法情节严重，故在严重档次内确定罚款数额。"),
}
WARNING_EXPLANATION = "当事人违法行为情节较轻，经责令后已改正，依法给予警告。"
TRANSFER_REASON = "该违法行为依法由县级有关主管部门查处"  # 移送书: 经审查，{reason}，该案不属于本机关管辖


@dataclass
class _Users:
    ids: dict[str, str]
    officers: list[str]
    lead: str
    reviewer: str
    leader: str
    clerk: str


@dataclass
class _Ctx:
    rng: random.Random
    users: _Users
    prefix: str
    case_pattern: str
    doc_pattern: str
    now: datetime
    counters: dict[tuple[str, int], int] = field(default_factory=dict)

    def uuid(self) -> str:
        return demo_data.demo_uuid(self.rng)

    def next(self, kind: str, year: int) -> int:
        n = self.counters.get((kind, year), 0) + 1
        self.counters[(kind, year)] = n
        return n


@dataclass
class _Script:
    """One case's rows as they accumulate."""

    case: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    approvals: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    published_on: date | None = None  # 公示 of the decision (an event, not a column of the case)


def _at(day: date, hour: int, rng: random.Random) -> datetime:
    return datetime.combine(day, time(hour, rng.randrange(0, 60)), tzinfo=SHANGHAI).astimezone(UTC)


def _workday_after(day: date, n: int) -> date:
    d = day
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


class _Writer:
    def __init__(self, c: _Ctx, script: _Script, party_snapshot: dict[str, Any]) -> None:
        self.c = c
        self.s = script
        self.party = party_snapshot

    @property
    def case(self) -> dict[str, Any]:
        return self.s.case

    def event(self, action: str, day: date, actor: str, to_state: str, *, data: dict[str, Any] | None = None,
              officers: list[str] | None = None, hour: int = 10) -> datetime:
        at = _at(day, hour, self.c.rng)
        self.s.events.append({
            "id": self.c.uuid(), "case_id": self.case["id"], "action": action,
            "from_state": self.case["state"] if action != "register" else "", "to_state": to_state,
            "occurred_at": at, "recorded_at": at + timedelta(minutes=self.c.rng.randrange(1, 90)),
            "actor": actor, "via": "demo", "officers": officers or [], "data": data or {}, "note": ""})
        self.case["state"] = to_state
        return at

    def assign(self, login: str, role: str, at: datetime) -> None:
        uid = self.c.users.ids[login]
        if any(a["user_id"] == uid and a["role_in_case"] == role for a in self.s.assignments):
            return
        self.s.assignments.append({"id": self.c.uuid(), "case_id": self.case["id"],
                                   "user_id": self.c.users.ids[login], "role_in_case": role, "assigned_at": at})

    def document(self, form: str, at: datetime, by: str, content: dict[str, Any]) -> dict[str, Any]:
        title, type_code = FORMS[form]
        year = local_date(at).year
        doc: dict[str, Any] = {"id": self.c.uuid(), "case_id": self.case["id"], "form": form, "title": title,
                               "type_code": type_code, "number": None, "number_year": None, "number_seq": None,
                               "status": "issued", "content": {**content, "parties": [self.party]},
                               "drafted_at": at, "issued_at": at, "issued_by": by, "voided_at": None,
                               "void_reason": None, "replaces_id": None, "pdf_sha256": None, "served_on": None}
        if type_code is not None:
            n = self.c.next(f"doc:{type_code}", year)
            doc.update(number_year=year, number_seq=n,
                       number=format_document_number(self.c.prefix, type_code, year, n, self.c.doc_pattern))
        self.s.documents.append(doc)
        return doc

    def serve(self, doc: dict[str, Any], day: date, by: str, proof: tuple[str, int]) -> None:
        at = self.event("serve", day, by, self.case["state"] if doc["form"] not in (
            "penalty_decision", "no_penalty_decision") else "served",
            data={"document_id": doc["id"], "document_number": doc["number"], "method": "direct",
                  "served_on": day.isoformat()})
        doc["served_on"] = day
        self.s.services.append({"id": self.c.uuid(), "document_id": doc["id"], "case_id": self.case["id"],
                                "method": "direct", "handed_on": day, "served_on": day, "recipient": self.party["name"],
                                "proof_name": "送达回证.jpg", "proof_sha256": proof[0], "note": "",
                                "recorded_at": at})
        self.s.attachments.append({"id": self.c.uuid(), "case_id": self.case["id"], "purpose": "service_proof",
                                   "original_name": "送达回证.jpg", "sha256": proof[0], "size": proof[1],
                                   "added_at": at, "added_by": by})


def _facts(item: EnforcementItem, place: str, rng: random.Random) -> str:
    """The 违法事实 of a demo case: the item's own template, else its category's, else one made from the
    item's name (对……的行政处罚 → 在…存在……的行为)."""
    found = FACTS.get(item.code) or CATEGORY_FACTS.get(item.category.split("（")[0])
    if found is None:
        return f"在{place}存在{cause_of(item.name)}的行为"
    template, low, high = found
    return template.format(place=place, n=rng.randint(low, high))


def _script(c: _Ctx, item: EnforcementItem, tiers: list[BenchmarkTier], party: Party, final: str,
            start: date, proof: tuple[str, int]) -> _Script:
    rng = c.rng
    u = c.users
    handlers = rng.sample(u.officers, 2)
    snapshot = {"kind": party.kind, "name": party.name, "identifier": party.identifier, "address": party.address,
                "phone": party.phone, "representative": party.representative}
    place = party.address.split("镇")[-1].rstrip("0123456789号") or "村口"
    facts = _facts(item, place, rng)
    registered = _at(start, 9, rng)
    case: dict[str, Any] = {
        "id": c.uuid(), "number": None, "number_year": None, "number_seq": None, "state": "clue",
        "state_before_suspension": None, "state_before_transfer": None, "procedure": "ordinary",
        "item_id": item.id, "item_code": item.code, "source": rng.choice(
            ["inspection", "inspection", "complaint", "grid_report", "county_assignment", "department_transfer",
             "media"]), "facts": facts, "place": place, "act_date": start - timedelta(days=rng.randrange(0, 20)),
        "continuing": item.continuing, "act_ended_on": None, "discovered_on": start,
        "complex_case": rng.random() < 0.1, "harm_slight": False, "no_harm": False, "corrected_in_time": False,
        "registered_at": registered, "registered_by": handlers[0], "filed_on": None, "findings": "",
        "case_review_passed": False, "notified_penalty": None, "notice_served_on": None, "hearing_rights": False,
        "statement_waived": False, "hearing_waived": False, "hearing_requested_on": None,
        "hearing_notice_served_on": None, "hearing_held_on": None, "hearing_outcome": None,
        "legal_review_submitted_on": None, "legal_review_outcome": None, "legal_reviewed_on": None,
        "discussion_held_on": None, "decision_kind": None, "penalty_kind": None, "fine_fen": None, "tier": None,
        "discretion_explanation": None, "decided_on": None, "decision_served_on": None, "paid_fen": 0,
        "deferred_until": None, "reminder_served_on": None, "court_applied_on": None, "court_ruling": None,
        "appeal_kind": None, "appeal_outcome": None, "transfer_to": None, "transfer_state": None,
        "criminal_fine": False, "preserved_on": None, "preservation_handled_on": None, "extended_until": None,
        "closed_on": None, "close_reason": None, "archived_on": None, "party_names": party.name,
        "party_identifiers": party.identifier, "updated_at": registered, "row_version": 1,
    }
    script = _Script(case)
    script_parties = {"id": c.uuid(), "case_id": case["id"], "party_id": party.id, "position": 0,
                      "snapshot": snapshot}
    script.case["_party"] = script_parties
    w = _Writer(c, script, snapshot)
    w.event("register", start, handlers[0], "clue", data={"source": case["source"]}, hour=9)

    # The fine: a tier of the benchmark for this party kind, a round amount inside it.
    tier = rng.choice(tiers) if tiers else None
    amount = None
    if tier is not None:
        low, high = int(tier.fine_min), int(tier.fine_max)
        step = 100 if high - low >= 1000 else 10
        amount = max(low, min(high, low + step * rng.randrange(0, max(1, (high - low) // step + 1))))

    if final == "simple_closed":
        day = start
        case["procedure"] = "simple"
        at = w.event("decide_on_spot", day, handlers[0], "served", officers=handlers,
                     data={"penalty": "warning"}, hour=11)
        for h in handlers:
            w.assign(h, "handler", at)
            w.assign(h, "decider", at)
        doc = w.document("on_spot_decision", at, handlers[0], {"penalty": "warning"})
        doc["number"] = f"晋当罚{start.year}{rng.randrange(10**6):06d}"
        doc["served_on"] = day
        case.update(penalty_kind="warning", decision_kind="penalty", decided_on=day, decision_served_on=day)
        w.event("close", _workday_after(day, 2), u.leader, "closed", data={"reason": "当场处罚已执行"})
        case.update(closed_on=_workday_after(day, 2), close_reason="当场处罚已执行")
        return script

    day = _workday_after(start, 1)
    if final == "rejected":
        w.event("reject", day, u.lead, "rejected", data={"reason": "经核查，反映的问题不属于本乡镇综合行政执法事项清单范围，已告知反映人向有关部门反映"})
        case["closed_on"] = day
        return script
    if final == "clue":
        return script
    w.event("accept", day, u.lead, "accepted", data={"reason": "反映的问题属于本乡镇综合行政执法事项清单范围，予以受理"})
    if final == "accepted":
        return script
    day = _workday_after(day, rng.randrange(1, 4))
    if final == "not_filed":
        w.event("not_file", day, u.leader, "not_filed", data={"reason": "经现场核查，未发现反映的违法行为，违法事实不能成立"})
        case["closed_on"] = day
        return script
    year = day.year
    n = c.next("case", year)
    case.update(number=format_case_number(c.prefix, year, n, c.case_pattern), number_year=year, number_seq=n,
                filed_on=day)
    w.event("file", day, u.leader, "filed", data={"number": case["number"]})
    if final == "filed":
        return script
    day = _workday_after(day, 1)
    at = w.event("investigate", day, u.lead, "investigating", officers=handlers, data={"officers": handlers})
    for h in handlers:
        w.assign(h, "handler", at)
    if final in ("withdrawn", "transferred", "suspended"):
        day = _workday_after(day, rng.randrange(3, 15))
        if final == "withdrawn":
            w.event("withdraw", day, u.leader, "withdrawn", data={"reason": "经调查，现有证据不能证明当事人实施了该违法行为，违法事实不能成立"})
            case["closed_on"] = day
        elif final == "transferred":
            case.update(transfer_to="department", transfer_state="pending", state_before_transfer="investigating")
            at = w.event("transfer", day, u.leader, "transferred", data={"to": "department", "reason": TRANSFER_REASON})
            w.document("transfer_letter", at, u.leader, {"reason": TRANSFER_REASON})
        else:
            case["state_before_suspension"] = "investigating"
            w.event("suspend", day, u.leader, "suspended", data={"reason": "当事人下落不明，无法送达文书，案件暂时无法继续调查"})
        return script
    if final == "investigating":
        return script
    day = _workday_after(day, rng.randrange(5, 15))
    case["findings"] = "当事人的违法事实清楚，证据确实充分，依法应当给予行政处罚"
    w.event("conclude", day, handlers[0], "investigated", data={})
    if final == "investigated":
        return script
    day = _workday_after(day, 1)
    at = w.event("review_case", day, u.lead, "investigated", data={"opinion": "事实清楚，证据确凿，程序合法，同意调查结论，建议告知当事人拟作出的行政处罚"})
    w.assign(u.lead, "case_reviewer", at)
    case["case_review_passed"] = True
    penalty = "fine" if amount is not None else "warning"
    day = _workday_after(day, 1)
    case.update(notified_penalty={"penalty": penalty, "amount": str(amount) if amount is not None else None},
                hearing_rights=penalty == "fine")
    at = w.event("notify", day, u.lead, "notified", data={"penalty": penalty})
    notice = w.document("penalty_notice", at, u.lead, {"penalty": penalty, "amount": amount})
    w.serve(notice, day, handlers[0], proof)
    case["notice_served_on"] = day
    if final == "hearing":
        day = _workday_after(day, 2)
        case["hearing_requested_on"] = day
        w.event("request_hearing", day, handlers[0], "hearing")
        return script
    if final == "notified":
        return script
    day = _workday_after(day, 1)
    w.event("waive", day, handlers[0], "notified", data={"what": "statement"})
    w.event("waive", day, handlers[0], "notified", data={"what": "hearing"}, hour=11)
    case.update(statement_waived=True, hearing_waived=True)
    needs_review = item.major or case["complex_case"]
    if needs_review:
        day = _workday_after(day, 1)
        case["legal_review_submitted_on"] = day
        w.event("submit_review", day, handlers[0], "legal_review")
        if final == "legal_review":
            return script
        day = _workday_after(day, rng.randrange(1, 6))
        at = w.event("legal_review", day, u.reviewer, "legal_review", data={"opinion": "执法主体合法，事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意作出处罚决定"})
        w.assign(u.reviewer, "legal_reviewer", at)
        case.update(legal_review_outcome="passed", legal_reviewed_on=day)
    elif final == "legal_review":
        return script
    if case["complex_case"] or final == "discussion":
        case["complex_case"] = True
        day = _workday_after(day, 1)
        at = w.event("discuss", day, u.leader, "discussion", data={"participants": [u.leader], "conclusion": "经集体讨论，同意承办人员的处理意见，依法作出行政处罚决定"})
        w.assign(u.leader, "decider", at)
        case["discussion_held_on"] = day
        if final == "discussion":
            return script
    day = _workday_after(day, 1)
    explanation = rng.choice(EXPLANATIONS.get(tier.tier, (WARNING_EXPLANATION,))) if tier else WARNING_EXPLANATION
    at = w.event("decide", day, u.leader, "decided", data={"kind": "penalty"})
    w.assign(u.leader, "decider", at)
    case.update(decision_kind="penalty", penalty_kind=penalty, fine_fen=amount * 100 if amount else None,
                tier=tier.tier if tier else None, discretion_explanation=explanation, decided_on=day)
    decision = w.document("penalty_decision", at, u.leader,
                          {"penalty": penalty, "amount": amount, "explanation": explanation})
    # 公示 (行政处罚法 第四十八条) within the setting's working days; a few are left undone, as in life,
    # so that the worklist has overdue publicity to show
    if rng.random() < 0.92:
        day = _workday_after(day, rng.randrange(1, 4))
        channel = rng.choice(PUBLICITY_CHANNELS)
        w.event("publish", day, handlers[0], "decided",
                data={"channel": channel, "url": "", "published_on": day.isoformat()})
        script.published_on = day
    if final == "decided":
        return script
    day = _workday_after(day, rng.randrange(0, 3))
    w.serve(decision, day, handlers[0], proof)
    case["decision_served_on"] = day
    if final == "served":
        return script
    if penalty == "fine" and amount:
        day = day + timedelta(days=rng.randrange(1, 14))
        paid = amount if final != "executing" else amount // 2
        case["paid_fen"] = paid * 100
        w.event("pay", day, handlers[0], "executing", data={"amount": str(paid)})
    else:
        w.event("pay", day, handlers[0], "executing", data={"amount": "0"})
    if final == "executing":
        return script
    day = _workday_after(day, 1)
    case.update(closed_on=day, close_reason="执行完毕")
    w.event("close", day, u.leader, "closed", data={"reason": "执行完毕"})
    if final == "closed":
        return script
    day = _workday_after(day, rng.randrange(5, 20))
    case["archived_on"] = day
    w.event("archive", day, u.clerk, "archived")
    return script


LONGEST_SCRIPT_DAYS = 110

PUBLICITY_CHANNELS = ("文水县人民政府网站", "乡镇政务公开栏", "文水县人民政府网站及乡镇政务公开栏")


def _ends_before(script: _Script, now: datetime) -> bool:
    return bool(script.events) and max(e["recorded_at"] for e in script.events) <= now


def create_demo_cases(ctx: AppContext, *, count: int, seed: int, start: date,
                      progress: Callable[[int, int], None] | None = None) -> int:
    if count <= 0:
        return 0
    rng = random.Random(seed * 7919 + 17)
    with ctx.read() as s:
        if s.scalar(select(Case.id).limit(1)) is not None:
            from desktop_app.services.errors import Refused

            raise Refused("此数据目录中已有案件：演示案件只能在新的演示数据目录中生成")
        users = _load_users(s)
        township = s.scalar(select(Township).limit(1))
        assert township is not None
        items = _demo_items(s, start)
        parties = list(s.scalars(select(Party).order_by(Party.created_at, Party.id)))
        settings = load_settings(s)
        cal = calendar_for(s)
        from desktop_app.services.cases.documents import document_pattern
        from desktop_app.store.models import Setting

        case_pattern_row = s.get(Setting, "numbering.case_pattern")
        c = _Ctx(rng, users, township.doc_prefix,
                 str(case_pattern_row.value) if case_pattern_row else "{prefix}立字〔{year}〕第{n}号",
                 document_pattern(s), ctx.clock.now())
    from desktop_app.evidence.file_store import FileStore

    stored = FileStore(ctx.data_dir.evidence).add_bytes("演示用送达回证（扫描件）".encode())
    proof = (stored.sha256, stored.size)
    # The longest script (clue to archived) spans about 95 days: start every case early enough that
    # its whole history lies before now.
    latest = local_date(c.now) - timedelta(days=LONGEST_SCRIPT_DAYS)
    if start > latest - timedelta(days=30):
        start = latest - timedelta(days=365)
    span = (latest - start).days
    starts = sorted(start + timedelta(days=rng.randrange(0, span)) for _ in range(count))
    weights = [w for _, w in FINAL_STATES]
    finals = [f for f, _ in FINAL_STATES]
    done = 0
    # One transaction per chunk keeps the WAL small; the audit chain runs on across them.
    with bulk_session(ctx.db) as session:
        prev = audit_chain.last_hash(session)
        session.commit()
        for chunk in _chunks(list(range(count)), CHUNK):
            scripts: list[_Script] = []
            for i in chunk:
                final = rng.choices(finals, weights)[0]
                item, tiers = rng.choice(items)
                party = rng.choice(parties)
                script = _script(c, item, _tiers_for(tiers, party), party, final, starts[i], proof)
                assert _ends_before(script, c.now), "a demo history reaches into the future"
                scripts.append(script)
            prev = _insert(session, scripts, settings, cal, prev)
            session.commit()
            done += len(chunk)
            if progress is not None:
                progress(done, count)
        for (kind, year), last in sorted(c.counters.items()):
            session.add(NumberSequence(kind=kind, year=year, last=last))
        session.commit()
    write_audit_head(ctx)
    return count


def _chunks(seq: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def _load_users(s: Session) -> _Users:
    ids = {u.login: u.id for u in s.scalars(select(User).where(User.login.like("demo-%")))}
    officers = sorted((login for login in ids if login.startswith("demo-officer")),
                      key=lambda x: int(x.removeprefix("demo-officer")))
    return _Users(ids, officers, "demo-lead", "demo-reviewer", "demo-leader", "demo-clerk")


def _demo_items(s: Session, on: date) -> list[tuple[EnforcementItem, list[BenchmarkTier]]]:
    from desktop_app.services.items import current_version

    version = current_version(s, on) or current_version(s, date.today())
    assert version is not None, "no item list"
    tiers_by_code: dict[str, list[BenchmarkTier]] = {}
    for t in s.scalars(select(BenchmarkTier).where(BenchmarkTier.unit == "yuan")):
        tiers_by_code.setdefault(t.item_code, []).append(t)
    out = []
    for item in s.scalars(select(EnforcementItem).where(EnforcementItem.version_id == version.id)
                          .order_by(EnforcementItem.code)):
        out.append((item, tiers_by_code.get(item.code, [])))
    return out


def _tiers_for(tiers: list[BenchmarkTier], party: Party) -> list[BenchmarkTier]:
    return [t for t in tiers if t.party in ("any", party.kind)]


def _insert(session: Session, scripts: list[_Script], settings: Any, cal: Any, prev: str) -> str:
    cases, parties, events, assignments, documents, services, approvals, attachments, deadlines = (
        [], [], [], [], [], [], [], [], [])
    audit_rows: list[dict[str, Any]] = []
    for sc in scripts:
        row = dict(sc.case)
        parties.append(row.pop("_party"))
        cases.append(row)
        events += sc.events
        assignments += sc.assignments
        documents += sc.documents
        services += sc.services
        approvals += sc.approvals
        attachments += sc.attachments
        # A plain namespace is enough for the deadline computation (it only reads attributes).
        transient = SimpleNamespace(**row, parties=[])
        computed = compute_deadlines(transient, settings, cal, published_on=sc.published_on)  # type: ignore[arg-type]
        for kind, (d, met) in computed.by_kind.items():
            deadlines.append({"id": demo_data.demo_uuid(random.Random(row["id"] + kind)), "case_id": row["id"],
                              "kind": kind, "start": d.start, "due": d.due, "counting": d.counting.value,
                              "article": d.article, "provisional": d.provisional, "met_on": met,
                              "extended_from": None})
    for e in sorted(events, key=lambda e: (e["occurred_at"], e["id"])):
        action = e["action"]
        label = ("登记线索" if action == "register" else ACTION_LABELS[CaseAction(action)])
        to_label = STATE_LABELS[CaseState(e["to_state"])]
        fields = audit_chain.hashed_fields(
            id=demo_data.demo_uuid(random.Random(e["id"])), occurred_at=e["occurred_at"],
            recorded_at=e["recorded_at"], actor=e["actor"], via="demo", action=f"case.{action}", entity="case",
            entity_id=e["case_id"], case_id=e["case_id"], summary=f"{label}（演示）→ {to_label}",
            before=None, after={"state": e["to_state"], **e["data"]})
        digest = audit_chain.record_hash(prev, fields)
        audit_rows.append({**{k: v for k, v in fields.items() if k not in ("occurred_at", "recorded_at")},
                           "occurred_at": e["occurred_at"], "recorded_at": e["recorded_at"],
                           "prev_hash": prev, "hash": digest})
        prev = digest
    for model, rows in ((Case, cases), (CaseParty, parties), (CaseEvent, events), (CaseAssignment, assignments),
                        (Document, documents), (DocumentService, services), (Approval, approvals),
                        (Attachment, attachments), (CaseDeadline, deadlines), (AuditRecord, audit_rows)):
        if rows:
            _executemany(session, model.__table__, rows)  # type: ignore[arg-type]
    return prev


def _executemany(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows (all with the same keys) with one driver-level executemany. The values go through
    the columns' own bind processors (UTC times, JSON text), so the stored rows are exactly what a Core
    insert stores; skipped is only Core's per-row parameter bookkeeping, which cost more than SQLite's
    own work for 100,000 cases."""
    conn = session.connection()
    dialect = conn.dialect
    compiled = table.insert().compile(dialect=dialect, column_keys=list(rows[0]))
    assert compiled.positiontup is not None, "the SQLite dialect binds by position"
    names = list(compiled.positiontup)
    given = [n for n in names if n in rows[0]]
    # Column by column (C-level itemgetter, map and zip), the processors applied to whole columns.
    columns: dict[str, Any] = dict(zip(given, zip(*map(itemgetter(*given), rows), strict=True), strict=True)) \
        if len(given) > 1 else {given[0]: [row[given[0]] for row in rows]}
    out: list[Any] = []
    for name in names:
        col = table.c[name]
        proc = col.type.dialect_impl(dialect).bind_processor(dialect)
        if name in columns:
            out.append(list(map(proc, columns[name])) if proc is not None else columns[name])
        else:
            # A column the rows leave out takes its scalar default, as Core would fill it in.
            default = col.default
            assert default is not None and default.is_scalar, f"{table.name}.{name} has no value"
            value = default.arg  # type: ignore[attr-defined]
            out.append(repeat(proc(value) if proc is not None else value, len(rows)))
    conn.exec_driver_sql(str(compiled), list(zip(*out, strict=False)))
