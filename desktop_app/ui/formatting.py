"""How values read on screen (UX.md): dates 2026-11-23, money ¥2,000.00, deadlines as words AND
colour (overdue red, due within 3 working days amber — colour is never the only signal)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication

from desktop_app.clock import to_local
from desktop_app.domain.procedure import ACTION_LABELS, CaseAction

# (background, foreground) — the same tones as ui.widgets.TONES
OVERDUE_COLOURS = ("#fde7e9", "#b3261e")
DUE_SOON_COLOURS = ("#fff4ce", "#6b4e00")
MUTED = "#6b7280"


def _tr(text: str) -> str:
    return QCoreApplication.translate("formatting", text)


class DeadlineLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def due(self) -> date: ...
    @property
    def status(self) -> str: ...


def day_text(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def time_text(moment: datetime | None) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def money(amount: Decimal | float | int | str | None) -> str:
    """¥2,000.00 (UX.md); empty for None."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount))
    return f"¥{value:,.2f}"


def fen_money(fen: int | None) -> str:
    return money(Decimal(fen) / 100) if fen is not None else ""


STATUS_WORDS = {"overdue": "已逾期", "due_soon": "将到期", "open": "进行中", "met": "已完成"}


def status_word(status: str) -> str:
    return _tr(STATUS_WORDS.get(status, status))


def urgent_deadline(deadlines: Iterable[DeadlineLike]) -> DeadlineLike | None:
    """The deadline that matters most now: overdue first, then due soon, then the nearest open one."""
    rank = {"overdue": 0, "due_soon": 1, "open": 2}
    live = [d for d in deadlines if d.status in rank]
    if not live:
        return None
    return min(live, key=lambda d: (rank[d.status], d.due))


def days_late(d: DeadlineLike) -> int:
    """Calendar days a met deadline was met after its due date (0 when on time or not met)."""
    met = getattr(d, "met_on", None)
    if d.status != "met" or met is None:
        return 0
    return max(0, int((met - d.due).days))


def deadline_text(d: DeadlineLike, today: date) -> str:
    """决定期限 2026-11-30（还有 7 天） / （已逾期 3 天） — words that stand without the colour."""
    days = (d.due - today).days
    if d.status == "overdue":
        tail = _tr("已逾期 %1 天").replace("%1", str(max(1, -days)))
    elif d.status == "met":
        late = days_late(d)
        tail = _tr("已完成，逾期 %1 天").replace("%1", str(late)) if late else _tr("已完成")
    elif days == 0:
        tail = _tr("今天到期")
    else:
        tail = _tr("还有 %1 天").replace("%1", str(days))
    return f"{d.label} {d.due.isoformat()}（{tail}）"


def deadline_status_text(d: DeadlineLike, today: date) -> str:
    """已逾期 3 天 / 将到期（还有 2 天） / 进行中 / 已完成 — the words of a deadline's state."""
    days = (d.due - today).days
    if d.status == "overdue":
        return _tr("已逾期 %1 天").replace("%1", str(max(1, -days)))
    if d.status == "due_soon":
        return _tr("将到期（今天）") if days == 0 else _tr("将到期（还有 %1 天）").replace("%1", str(days))
    met = getattr(d, "met_on", None)
    if d.status == "met":
        late = days_late(d)
        if met and late:  # met after the due date: supervision must still see it (F39)
            return _tr("已完成（%1，逾期 %2 天）").replace("%1", met.isoformat()).replace("%2", str(late))
        return _tr("已完成（%1）").replace("%1", met.isoformat()) if met else _tr("已完成")
    return _tr("进行中（还有 %1 天）").replace("%1", str(days))


def deadline_colours(status: str, late: bool = False) -> tuple[str, str] | None:
    """Overdue — or met late (`late`) — red; due soon amber."""
    if status == "overdue" or late:
        return OVERDUE_COLOURS
    if status == "due_soon":
        return DUE_SOON_COLOURS
    return None


# The same action reads differently by where the case stands: 调查取证 from 立案 starts the
# investigation, from a later state it sends the case back for more (F15).
_BACK_TO_INVESTIGATION = "退回补充调查"


def action_label(action: str, state: str | None = None) -> str:
    """The label of an action on a button or in a dialog, for the case's current state."""
    act = CaseAction(action)
    if act is CaseAction.INVESTIGATE and state not in (None, "filed"):
        return _tr(_BACK_TO_INVESTIGATION)
    if act is CaseAction.SUBMIT_REVIEW and state == "investigated":
        return _tr("提交法制审核（拟不予处罚）")  # before any 告知: only a major item's 不予行政处罚
    return ACTION_LABELS[act]


# A case without a 案号 is one of three things (F23: one wording on every screen): a clue not yet filed,
# a clue closed without 立案, or a 简易程序 case, which never gets one (行政处罚法 第五十一条).
CLUE_STATES = ("clue", "accepted")
UNFILED_STATES = (*CLUE_STATES, "rejected", "not_filed", "transferred")
SIMPLE_NO_NUMBER = "（简易程序，无案号）"


def case_number_words(number: str | None, state: str, procedure: str | None = None) -> str:
    """The 案号, or what stands in its place. `procedure` None: not known to the caller (the 工作台's
    rows); a number-less case past the clue states is then a 简易程序 case."""
    if number:
        return number
    if procedure == "simple" or (procedure is None and state not in UNFILED_STATES):
        return _tr(SIMPLE_NO_NUMBER)
    if state in CLUE_STATES:
        return _tr("（线索，未立案）")
    return _tr("（未立案）")


def party_names(parties: Sequence[Any]) -> str:
    names = [str(p.get("name", "")) if isinstance(p, dict) else str(getattr(p, "name", "")) for p in parties]
    return "、".join(n for n in names if n)


def reason_lines(reasons: list[tuple[str, str]]) -> list[str]:
    """One line per refusal; refusals for the same rule ("只有本案承办人……可以进行“送达”") share a line,
    naming every action it refuses, so six refused steps don't take six lines."""
    groups: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for label, reason in reasons:
        key = reason.replace(f"“{label}”", "“…”")
        groups.setdefault(key, []).append(label)
        texts.setdefault(key, reason)
    lines = []
    for key, labels in groups.items():
        if len(labels) == 1:
            lines.append(f"ⓘ {labels[0]}：{texts[key]}")
        else:
            lines.append(f"ⓘ {'、'.join(labels)}：{key.replace('“…”', _tr('这些操作'))}")
    return lines
