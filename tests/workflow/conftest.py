"""A demo data directory (users for every role, certified officers, the sample list confirmed) and
helpers to walk cases through the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop_app.clock import SHANGHAI
from desktop_app.services.actor import Actor
from desktop_app.services.cases.actions import ActionInput, ActionResult, perform
from desktop_app.services.cases.register import NewCase, register_case
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.parties import PartyInput
from desktop_app.services.records import RecordInfo, RecordInput, add_record
from desktop_app.services.users import resolve_actor

PERSON = PartyInput("person", "142322198001010010", "王某某", "文水县刘胡兰镇保贤村12号", "13800000000")
ORG = PartyInput("organisation", "91350100M000100Y43", "文水县某某养殖有限公司", "文水县刘胡兰镇", "", "李某")


@pytest.fixture
def demo(ctx: AppContext) -> AppContext:
    create_demo(ctx, cases=0, seed=3)
    return ctx


@pytest.fixture
def who(demo: AppContext) -> Callable[[str], Actor]:
    return lambda login: resolve_actor(demo, login, via="cli")


def at(text: str) -> datetime:
    """An event time in Asia/Shanghai, e.g. '2026-09-01 09:00'."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture
def proof(tmp_path: Path) -> Path:
    p = tmp_path / "送达回证.jpg"
    p.write_bytes(b"\xff\xd8scan of a signed receipt")
    return p


class Walker:
    """Runs actions on one case, with the right person for each."""

    def __init__(self, ctx: AppContext, who: Callable[[str], Actor], proof: Path) -> None:
        self.ctx = ctx
        self.who = who
        self.proof = proof
        self.case_id = ""

    def new(self, item: str = "DQ-01", party: PartyInput = PERSON, on: str = "2026-08-03 09:00",
            by: str = "demo-officer1", **kw: Any) -> str:
        reg = register_case(self.ctx, self.who(by), NewCase(item_code=item, source="inspection",
                                                             facts="露天焚烧秸秆", party=party,
                                                             on=at(on), **kw))
        self.case_id = reg.case_id
        return reg.case_id

    def do(self, by: str, action: str, on: str, **kw: Any) -> ActionResult:
        if "amount" in kw and kw["amount"] is not None:
            kw["amount"] = Decimal(str(kw["amount"]))
        if isinstance(kw.get("hearing_time"), str):
            kw["hearing_time"] = at(kw["hearing_time"])
        return perform(self.ctx, self.who(by), self.case_id, action, ActionInput(on=at(on), **kw))

    def record(self, on: str, by: str = "demo-officer1",
               officers: tuple[str, ...] = ("demo-officer1", "demo-officer2")) -> RecordInfo:
        """A 现场检查（勘验）笔录 by two officers (行政处罚法 第五十五条) through the records service:
        what the investigation leaves on file before 调查终结 or a penalty (第四十条)."""
        return add_record(self.ctx, self.who(by), self.case_id, RecordInput(
            kind="inspection", on=at(on), officers=list(officers), place="文水县刘胡兰镇保贤村农田",
            text="现场有焚烧秸秆的灰烬，面积约二十平方米"))

    def serve(self, by: str, document: str | None, on: str, method: str = "direct") -> ActionResult:
        """Serve with what the method needs besides the proof (test_service_methods tests the needs)."""
        assert document
        extra: dict[str, Any] = {
            "left": {"reason": "当事人拒绝签收", "witness": "保贤村村委会 李某"},
            "electronic": {"consent": self.proof},
            "public": {"reason": "当事人下落不明，经村委会查找未果"},
        }.get(method, {})
        return self.do(by, "serve", on, document=document, method=method, proof=self.proof, **extra)


@pytest.fixture
def walker(demo: AppContext, who: Callable[[str], Actor], proof: Path) -> Walker:
    return Walker(demo, who, proof)
