"""分期缴纳罚款 (行政处罚法 第六十六条第二款): a plan of dated instalments approved on the party's
application, and where the party stands on a given day.

Amounts are in fen (integers), so that the plan adds up exactly to what was owed when it was approved.
Payments are not tied to an instalment: what was paid since the plan counts against the earliest
instalments first, as the party would expect of a running account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise

# one instalment per entry; entries split where the next starts with a year, so "1,000" stays one amount
_SPLIT = re.compile(r"\s*[,，;；、\n]\s*(?=\d{4}\s*[-/年])")
_ENTRY = re.compile(r"\s*(\d{4})\s*[-/年]\s*(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?\s*[:：=＝\s]\s*(.+?)\s*")


class PlanError(ValueError):
    """A plan that cannot be read or does not add up, with the reason in Chinese."""


@dataclass(frozen=True)
class Instalment:
    due: date
    fen: int


# how an instalment stands, in the words the screens and the CLI use
STATUS_LABELS = {"paid": "已缴清", "overdue": "已逾期", "due": "待缴"}


@dataclass(frozen=True)
class InstalmentState:
    due: date
    fen: int
    covered_fen: int  # how much of it the payments since the plan cover
    status: str  # paid | overdue | due (today or later, not yet covered)


def parse_plan(text: str) -> list[Instalment]:
    """“2026-12-31:500，2027-01-31:500” → the instalments in the order written."""
    entries = [e for e in _SPLIT.split(text.strip()) if e.strip()]
    if not entries:
        raise PlanError("须填写分期计划，每期写成“日期:金额”，如 2026-12-31:500，2027-01-31:500")
    plan: list[Instalment] = []
    for entry in entries:
        m = _ENTRY.fullmatch(entry)
        if m is None:
            raise PlanError(f"每期应写成“日期:金额”，如 2026-12-31:500，收到“{entry.strip()}”")
        try:
            due = datetime(int(m[1]), int(m[2]), int(m[3])).date()
        except ValueError:
            raise PlanError(f"“{entry.strip()}”中的日期不存在") from None
        text_amount = m[4].replace(",", "").replace("，", "").replace("元", "").strip()
        try:
            amount = Decimal(text_amount)
        except InvalidOperation:
            raise PlanError(f"“{entry.strip()}”中的金额应为数字（元）") from None
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise PlanError(f"“{entry.strip()}”中的金额应大于 0，最多两位小数")
        plan.append(Instalment(due, int(amount * 100)))
    return plan


def check_plan(plan: list[Instalment], owed_fen: int, approved_on: date) -> None:
    """The plan covers exactly what is owed, in two or more instalments due one after another."""
    if len(plan) < 2:
        raise PlanError("分期缴纳至少分两期；只推迟缴纳期限的，请选择暂缓缴纳")
    dues = [i.due for i in plan]
    if any(later <= earlier for earlier, later in pairwise(dues)):
        raise PlanError("各期的缴纳日期应逐期推后，不得重复")
    if dues[0] < approved_on:
        raise PlanError(f"第一期的日期 {dues[0].isoformat()} 早于办理分期的日期 {approved_on.isoformat()}")
    total = sum(i.fen for i in plan)
    if total != owed_fen:
        raise PlanError(f"各期金额合计 {total / 100:.2f} 元，应等于尚欠罚款 {owed_fen / 100:.2f} 元")


def standing(plan: list[Instalment], paid_since_fen: int, today: date) -> list[InstalmentState]:
    """Each instalment paid, overdue or still due on `today`, the payments counted earliest first."""
    left = paid_since_fen
    out: list[InstalmentState] = []
    for i in plan:
        covered = min(i.fen, max(left, 0))
        left -= covered
        if covered >= i.fen:
            status = "paid"
        elif i.due < today:
            status = "overdue"
        else:
            status = "due"
        out.append(InstalmentState(i.due, i.fen, covered, status))
    return out


def next_due(plan: list[Instalment], paid_since_fen: int) -> date | None:
    """The date of the earliest instalment the payments do not cover yet (None: all paid)."""
    left = paid_since_fen
    for i in plan:
        if left < i.fen:
            return i.due
        left -= i.fen
    return None


def late_fen(plan: list[Instalment], paid_since_fen: int, today: date) -> int:
    """What is owed of the instalments already past due on `today` (the base of a surcharge)."""
    return sum(s.fen - s.covered_fen for s in standing(plan, paid_since_fen, today) if s.status == "overdue")


def to_record(plan: list[Instalment], paid_before_fen: int) -> dict[str, object]:
    """How the case keeps the plan (JSON): what was paid before it, and each instalment in yuan."""
    return {"paid_before": f"{paid_before_fen / 100:.2f}",
            "plan": [{"due": i.due.isoformat(), "amount": f"{i.fen / 100:.2f}"} for i in plan]}


def from_record(record: dict[str, object] | None) -> tuple[list[Instalment], int]:
    """The plan and what was paid before it, from `to_record`'s form; ([], 0) for none."""
    if not record:
        return [], 0
    entries = record.get("plan") or []
    assert isinstance(entries, list)
    plan = [Instalment(date.fromisoformat(str(e["due"])), int(Decimal(str(e["amount"])) * 100)) for e in entries]
    return plan, int(Decimal(str(record.get("paid_before") or "0")) * 100)
