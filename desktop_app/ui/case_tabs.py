"""The tabs of the case workspace that this data supports: overview and timeline, parties,
investigation, review (案件审核 and 法制审核), collective discussion, decision (discretion benchmark and
explanation), service and execution — and the evidence and document lists until their own tabs exist.

Every tab shows what happened from `CaseDetail` and offers its actions as buttons that follow the
services' answer (`ActionStrip`): a refused one is disabled with its reason, shown in words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case_states import CaseState
from desktop_app.domain.discretion import NO_PENALTY_GROUNDS
from desktop_app.domain.instalments import STATUS_LABELS as INSTALMENT_STATUS
from desktop_app.domain.procedure import ACTION_LABELS, OPTION_VALUE_LABELS, CaseAction, from_states
from desktop_app.services.cases.people import LOGIN_KEYS, normal_login
from desktop_app.services.cases.queries import ActionAnswer, CaseDetail, ExecutionInfo, TimelineEntry
from desktop_app.services.cases.register import SOURCES
from desktop_app.services.parties import KIND_LABELS
from desktop_app.ui.action_fields import PENALTIES, TIERS, tier_span
from desktop_app.ui.formatting import (
    days_late,
    deadline_colours,
    deadline_status_text,
    money,
    reason_lines,
    time_text,
)
from desktop_app.ui.layouts import clear_layout


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseTabs", text)


DATA_LABELS = {"opinion": "意见", "reason": "理由", "number": "案号", "officers": "人员", "what": "事项",
               "outcome": "结果", "method": "送达方式", "served_on": "送达日期", "document_number": "文号",
               "amount": "金额", "conclusion": "结论", "participants": "参加人员", "to": "去向",
               "supplementary": "补充调查", "source": "来源", "until": "期限", "person": "人员",
               "decision": "处理决定", "items": "物品", "approval_until": "批准期限",
               "quantity": "面积（平方米）", "base": "基数名称", "base_value": "基数（元）", "channel": "公示渠道",
               "url": "公示网址", "published_on": "公示日期", "decided_on": "决定日期", "reviewer": "案件审核人",
               "kind": "决定类型", "penalty": "处罚种类", "tier": "裁量档次", "findings": "调查结论",
               "owed": "结案时尚欠罚款", "witness": "见证人"}
VALUE_LABELS = {**OPTION_VALUE_LABELS, "granted": "同意", "refused": "不同意", **SOURCES,
                "direct": "直接送达", "left": "留置送达", "post": "邮寄送达", "electronic": "电子送达",
                "public": "公告送达", "investigating": "调查取证", "notified": "已告知", "True": "是"}
PROCEDURE_LABELS = {"ordinary": "普通程序", "simple": "简易程序"}
DOCUMENT_STATUS = {"draft": "草稿", "issued": "已签发", "void": "已作废"}
PURPOSE_LABELS = {"service_proof": "送达凭证", "waiver_statement": "放弃陈述申辩的书面凭证",
                  "waiver_hearing": "放弃听证的书面凭证", "hearing_record": "听证笔录",
                  "discussion_views": "集体讨论意见记录", "service_consent": "电子送达确认书"}


_DATA_ORDER = {key: i for i, key in enumerate(("what", "outcome", "kind", "penalty", "amount", "tier"))}


def person_name(names: dict[str, str], login: object) -> str:
    """The name of the user `login` (执法员甲); the login itself only where no user has it ("system")."""
    return names.get(normal_login(login)) or str(login)


def event_details(e: TimelineEntry, names: dict[str, str] | None = None) -> str:
    """The 说明 of a timeline row: the event's data in words, people by name (F19), never a login."""
    names = names or {}
    parts = []
    # what was decided or notified reads first: 处罚种类 before its 金额 (the store keeps keys sorted)
    for key, value in sorted(e.data.items(), key=lambda kv: _DATA_ORDER.get(kv[0], len(_DATA_ORDER))):
        if key in ("document_id",) or value in (None, "", []):
            continue
        if key in LOGIN_KEYS:
            values = value if isinstance(value, list) else [value]
            parts.append(f"{DATA_LABELS.get(key, key)}：{'、'.join(person_name(names, v) for v in values)}")
            continue
        if key in ("amount", "base_value", "owed") and re.fullmatch(r"\d+(\.\d+)?", str(value)):
            parts.append(f"{DATA_LABELS[key]}：{money(value)}")  # ¥2,000.00, as everywhere (UX.md)
            continue
        if isinstance(value, list):
            value = "、".join(str(v) for v in value)
        own = {"penalty": PENALTIES, "tier": TIERS}.get(key, {})  # codes shared by other options (fine …)
        text = own.get(str(value)) or VALUE_LABELS.get(str(value), str(value))
        parts.append(f"{DATA_LABELS.get(key, key)}：{text}")
    if e.note:
        parts.append(_tr("备注：%1").replace("%1", e.note))
    return "；".join(parts)


def people(detail: CaseDetail) -> dict[str, str]:
    """Logins of the case's people → their names (a timeline reads better with names): everyone the
    timeline names (show_case looks them up), the actors and the case's officers."""
    return ({normal_login(e.actor): e.actor_name for e in detail.timeline if e.actor_name and e.actor_name != e.actor}
            | {normal_login(o.login): o.name for o in detail.officers} | dict(detail.people))


def review_outcome(e: TimelineEntry) -> str:
    outcome = e.data.get("outcome")
    if outcome:
        return VALUE_LABELS.get(str(outcome), str(outcome))
    if e.action == "review_case":
        return _tr("退回补充调查") if e.to_state == "investigating" else _tr("通过")
    if e.action == "legal_review":  # recorded before the outcome was kept with the event
        to = e.data.get("to")
        if not to:
            return _tr("同意（通过）")
        back = {"investigating": _tr("调查取证"), "notified": _tr("告知阶段")}.get(str(to), str(to))
        return _tr("未通过（退回%1）").replace("%1", back)
    return ""


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, name: str = "",
          stretch: int | None = None) -> QTableWidget:
    """A read-only table with 序号 (UX.md) and whole text on hover."""
    t = QTableWidget(len(rows), len(headers) + 1)
    if name:
        t.setObjectName(name)
    t.setHorizontalHeaderLabels([_tr("序号"), *headers])
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setTabKeyNavigation(False)
    t.setWordWrap(False)
    t.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for r, row in enumerate(rows):
        number = QTableWidgetItem(str(r + 1))
        number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        t.setItem(r, 0, number)
        for c, text in enumerate(row, start=1):
            item = QTableWidgetItem(text)
            if len(text) > 16:
                item.setToolTip(text)
            t.setItem(r, c, item)
    t.resizeColumnsToContents()
    header = t.horizontalHeader()
    for c in range(t.columnCount()):
        header.resizeSection(c, min(header.sectionSize(c) + 12, 360))
    if stretch is not None:
        header.setSectionResizeMode(stretch + 1, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return t


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("emptyHint")
    label.setStyleSheet("QLabel { color: #4b5563; padding: 4px 2px; }")
    return label


class ActionStrip(QWidget):
    """Buttons for some actions, following the services' answer: enabled when allowed, otherwise
    disabled with the rule as tooltip AND as visible text beside them."""

    requested = Signal(str)

    def __init__(self, actions: Sequence[CaseAction | str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for action in actions:
            code = CaseAction(action).value
            button = QPushButton(ACTION_LABELS[CaseAction(code)] + "…")
            button.setObjectName(f"tabAction_{code}")
            button.clicked.connect(lambda _c=False, a=code: self.requested.emit(a))
            self.buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        self.reasons = QLabel()
        self.reasons.setObjectName("tabActionReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("QLabel { color: #6b4e00; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.reasons)

    def update_answers(self, answers: dict[str, ActionAnswer], state: str | None = None) -> None:
        """Buttons for the actions possible in this state (by anyone); the others are hidden here —
        the 下一步 bar above the tabs is where every refusal of the state is explained."""
        lines = []
        for code, button in self.buttons.items():
            answer = answers.get(code)
            possible = state is None or CaseState(state) in from_states(code)
            button.setVisible(possible)
            if not possible:
                continue
            allowed = bool(answer and answer.allowed)
            button.setEnabled(allowed)
            reason = (answer.reason or "") if answer else ""
            button.setToolTip("" if allowed else reason)
            if not allowed and reason:
                lines.append((ACTION_LABELS[CaseAction(code)], reason))
        self.reasons.setText("\n".join(reason_lines(lines)))
        self.reasons.setVisible(bool(lines))


class _Tab(QWidget):
    """A tab with an optional ActionStrip at the bottom."""

    action_requested = Signal(str)

    def __init__(self, actions: Sequence[CaseAction] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The content scrolls when the window is small (1366×768 at 150 %: 910×512 logical pixels)
        # rather than being squeezed or cut off; on a large window it fills the tab as before.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        self.layout_ = QVBoxLayout(content)
        self.layout_.setContentsMargins(8, 8, 8, 8)
        self.body = QVBoxLayout()
        self.layout_.addLayout(self.body, 1)
        self.strip: ActionStrip | None = None
        if actions:
            self.strip = ActionStrip(actions)
            self.strip.requested.connect(self.action_requested.emit)
            self.layout_.addWidget(self.strip)
        self.scroll_area.setWidget(content)
        outer.addWidget(self.scroll_area)

    def clear_body(self) -> None:
        clear_layout(self.body)

    def update_answers(self, answers: dict[str, ActionAnswer], state: str | None = None) -> None:
        if self.strip is not None:
            self.strip.update_answers(answers, state)

    def show_detail(self, detail: CaseDetail, today: date) -> None:
        raise NotImplementedError


def _form_box(title: str, rows: Sequence[tuple[str, str]]) -> QGroupBox:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    for label, value in rows:
        text = QLabel(value or "—")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(label + "：", text)
    return box


def _closing_rows(detail: CaseDetail) -> list[tuple[str, str]]:
    """结案: how (终结执行 with what was still owed, 行政强制法第四十条) and why, from the close event."""
    close = next((e for e in reversed(detail.timeline) if e.action == "close"), None)
    if close is None:
        return []
    way = _tr("终结执行（行政强制法第四十条）") if close.data.get("outcome") == "terminated" else _tr("正常结案")
    if close.data.get("owed"):
        way += _tr("，结案时尚欠罚款 %1").replace("%1", money(close.data.get("owed")))
    rows = [(_tr("结案方式"), way)]
    if detail.close_reason:
        rows.append((_tr("结案理由"), detail.close_reason))
    return rows


class OverviewTab(_Tab):
    """概况与时间线: the case's facts and deadlines on the left, the timeline (audit of its steps) on the right."""

    def show_detail(self, detail: CaseDetail, today: date) -> None:
        self.clear_body()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(_form_box(_tr("案件概况"), [
            (_tr("执法事项"), f"{detail.item_code} {detail.item_name}" + (_tr("（重大执法决定）") if detail.item_major else "")),
            (_tr("程序"), PROCEDURE_LABELS.get(detail.procedure, detail.procedure)),
            (_tr("案件来源"), SOURCES.get(detail.source, detail.source)),
            (_tr("地点"), detail.place),
            (_tr("违法行为发生日期"), detail.act_date.isoformat() if detail.act_date else _tr("不详")
             + (_tr("（连续或继续状态）") if detail.continuing else "")),
            (_tr("发现日期"), detail.discovered_on.isoformat()),
            (_tr("立案日期"), detail.filed_on.isoformat() if detail.filed_on else _tr("未立案")),
            (_tr("决定日期"), detail.decided_on.isoformat() if detail.decided_on else ""),
            (_tr("结案日期"), detail.closed_on.isoformat() if detail.closed_on else ""),
            *_closing_rows(detail),
            (_tr("违法事实"), detail.facts),
        ]))
        deadlines = table([_tr("期限"), _tr("到期日"), _tr("提醒"), _tr("依据")],
                          [[d.label, d.due.isoformat() + (_tr("（暂定）") if d.provisional else ""),
                            deadline_status_text(d, today), d.article]
                           for d in detail.deadlines], name="deadlineList", stretch=3)
        for r, d in enumerate(detail.deadlines):
            colours = deadline_colours(d.status, late=days_late(d) > 0)
            if colours is not None:
                for c in (2, 3):
                    item = deadlines.item(r, c)
                    if item is not None:
                        item.setBackground(QBrush(QColor(colours[0])))
                        item.setForeground(QBrush(QColor(colours[1])))
        box = QGroupBox(_tr("期限"))
        bl = QVBoxLayout(box)
        bl.addWidget(deadlines if detail.deadlines else hint(_tr("本案没有计算中的期限。")))
        ll.addWidget(box, 1)
        if detail.suggestions:
            ll.addWidget(_form_box(_tr("提示"), [(_tr("建议"), s.reason) for s in detail.suggestions]))
        names = people(detail)
        timeline = table([_tr("发生时间"), _tr("步骤"), _tr("办理后状态"), _tr("操作人"), _tr("说明")],
                         [[time_text(e.occurred_at), e.action_label, e.to_state_label, person_name(names, e.actor),
                           event_details(e, names)] for e in detail.timeline], name="timeline", stretch=4)
        right = QGroupBox(_tr("时间线（全过程记录）"))
        rl = QVBoxLayout(right)
        rl.addWidget(timeline)
        split = QSplitter(Qt.Orientation.Horizontal)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([440, 660])
        self.body.addWidget(split)


class PartiesTab(_Tab):
    def show_detail(self, detail: CaseDetail, today: date) -> None:
        self.clear_body()
        parties = table([_tr("类型"), _tr("姓名或名称"), _tr("证件号码"), _tr("住址或地址"), _tr("联系电话"),
                         _tr("法定代表人（负责人）")],
                        [[KIND_LABELS.get(str(p.get("kind")), str(p.get("kind", ""))), str(p.get("name", "")),
                          str(p.get("identifier", "")), str(p.get("address", "")), str(p.get("phone", "")),
                          str(p.get("representative", ""))] for p in detail.parties], name="partyTable")
        box = QGroupBox(_tr("当事人"))
        QVBoxLayout(box).addWidget(parties)
        self.body.addWidget(box, 2)
        officers = table([_tr("姓名"), _tr("登录名"), _tr("本案角色")],
                         [[o.name, o.login, o.role_in_case_label] for o in detail.officers], name="officerTable")
        box2 = QGroupBox(_tr("本案执法人员（办、审、定分离）"))
        QVBoxLayout(box2).addWidget(officers if detail.officers else hint(_tr("尚未指派执法人员。")))
        self.body.addWidget(box2, 1)


class RecordsTab(_Tab):
    """调查笔录: the records of inspections and interviews, and the course of the investigation."""

    def show_detail(self, detail: CaseDetail, today: date) -> None:
        from desktop_app.ui.records_tab import show_records  # the records list with 新增 (its own module)

        show_records(self, detail, today)


def _events(detail: CaseDetail, actions: Sequence[str]) -> list[TimelineEntry]:
    return [e for e in detail.timeline if e.action in actions]


class ReviewTab(_Tab):
    """审核: the team lead's 案件审核 and the 法制审核 (行政处罚法 第五十八条) with their opinions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((CaseAction.REVIEW_CASE, CaseAction.SUBMIT_REVIEW, CaseAction.LEGAL_REVIEW), parent)

    def show_detail(self, detail: CaseDetail, today: date) -> None:
        self.clear_body()
        if detail.legal_review_required:
            need = _tr("本案须经法制审核：%1（行政处罚法第五十八条）。").replace("%1", detail.legal_review_reason or "")
        else:
            need = _tr("根据目前的情况，本案不属于必须法制审核的情形（行政处罚法第五十八条）。")
        self.body.addWidget(hint(need))
        events = _events(detail, ("review_case", "submit_review", "legal_review"))
        names = people(detail)
        rows = [[time_text(e.occurred_at), e.action_label, person_name(names, e.actor), review_outcome(e),
                 str(e.data.get("opinion", "")).replace("\n", " ")] for e in events]
        self.body.addWidget(table([_tr("时间"), _tr("步骤"), _tr("审核人"), _tr("结果"), _tr("意见")], rows,
                                  name="reviewTable", stretch=4)
                            if rows else hint(_tr("尚无审核记录。法制审核按主体资格、证据、程序、法律适用、裁量、文书六个要点逐项审核。")))


class DiscussionTab(_Tab):
    """集体讨论 (行政处罚法 第五十七条第二款): who took part, each view (file), the conclusion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((CaseAction.DISCUSS,), parent)

    def show_detail(self, detail: CaseDetail, today: date) -> None:
        self.clear_body()
        self.body.addWidget(hint(_tr("情节复杂或者重大违法行为给予行政处罚，由负责人集体讨论决定"
                                     "（行政处罚法第五十七条第二款）；办理过本案的负责人不参加讨论。")))
        events = _events(detail, ("discuss",))
        names = people(detail)
        rows = [[time_text(e.occurred_at), person_name(names, e.actor),
                 "、".join(person_name(names, p) for p in e.data.get("participants", []) or []),
                 str(e.data.get("conclusion", ""))] for e in events]
        self.body.addWidget(table([_tr("时间"), _tr("主持人"), _tr("参加人员"), _tr("结论")], rows,
                                  name="discussionTable", stretch=3)
                            if rows else hint(_tr("本案尚未集体讨论。")))
        if not rows:
            self.body.addStretch(1)  # the hints at the top, not spread over the page


def decision_measure(detail: CaseDetail) -> str:
    """What the decided fine was computed on — 面积 120 平方米 / 建设工程造价 ¥100,000.00 — as the
    decision's event keeps it (the CLI's `case show` reads it the same way)."""
    for e in reversed(detail.timeline):
        if e.action == "decide":
            words = []
            if e.data.get("quantity"):
                words.append(_tr("面积 %1 平方米").replace("%1", str(e.data["quantity"])))
            if e.data.get("base_value"):
                words.append(f"{e.data.get('base') or _tr('基数')} {money(e.data['base_value'])}")
            return "；".join(words)
    return ""


class DecisionTab(_Tab):
    """决定: the decision made (kind, penalty, amount, tier, explanation, the area or base of a fine
    computed on one), its publicity (公示, 行政处罚法 第四十八条) and the benchmark it applied."""

    def __init__(self, benchmark: Any, parent: QWidget | None = None) -> None:
        super().__init__((CaseAction.DECIDE, CaseAction.PUBLISH), parent)
        self.benchmark = benchmark  # (item_code, party_kind) -> list of BenchmarkTierInfo

    def show_detail(self, detail: CaseDetail, today: date) -> None:
        self.clear_body()
        d = detail.decision
        if d:
            kind = VALUE_LABELS.get(str(d.get("kind")), str(d.get("kind", "")))
            penalty = str(d.get("penalty") or "")
            if d.get("kind") == "no_penalty":
                words, basis = NO_PENALTY_GROUNDS.get(str(d.get("ground") or ""), ("", ""))
                self.body.addWidget(_form_box(_tr("已作出的决定"), [
                    (_tr("决定类型"), kind),
                    (_tr("不予处罚的依据"), f"{words}（{basis}）" if words else ""),
                    (_tr("不予处罚的理由"), str(d.get("explanation") or "")),
                    (_tr("决定日期"), d["decided_on"].isoformat() if d.get("decided_on") else ""),
                ]))
            else:
                self._penalty_box(detail, d, kind, penalty)
            if d.get("kind") == "penalty":
                self.body.addWidget(self._publicity(detail, today))
        else:
            self.body.addWidget(hint(_tr("尚未作出决定。决定前须完成告知（陈述、申辩、听证），须法制审核的案件须审核通过。")))
        self._benchmark_box(detail)

    def _penalty_box(self, detail: CaseDetail, d: dict[str, Any], kind: str, penalty: str) -> None:
        self.body.addWidget(_form_box(_tr("已作出的决定"), [
            (_tr("决定类型"), kind),
            (_tr("处罚种类"), PENALTIES.get(penalty, penalty)),
            (_tr("罚款金额"), money(d.get("amount")) if d.get("amount") else ""),
            *([(_tr("罚款计算依据"), measure)] if (measure := decision_measure(detail)) else []),
            (_tr("裁量档次"), TIERS.get(str(d.get("tier") or ""), str(d.get("tier") or ""))),
            (_tr("裁量说明"), str(d.get("explanation") or "")),
            (_tr("决定日期"), d["decided_on"].isoformat() if d.get("decided_on") else ""),
        ]))

    def _benchmark_box(self, detail: CaseDetail) -> None:
        for s in detail.suggestions:
            self.body.addWidget(hint(_tr("提示：%1").replace("%1", s.reason)))
        party_kind = str(detail.parties[0].get("kind", "person")) if detail.parties else "person"
        tiers = self.benchmark(detail.item_code, party_kind)
        rows = [[t.tier_label + (_tr("（示例）") if t.sample else ""), t.conditions,
                 tier_span(t.unit, t.base, Decimal(str(t.fine_min)), Decimal(str(t.fine_max)))] for t in tiers]
        box = QGroupBox(_tr("裁量基准"))
        caption = QLabel(f"{detail.item_code} {detail.item_name}（{KIND_LABELS.get(party_kind, party_kind)}）")
        caption.setWordWrap(True)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(caption)
        box_layout.addWidget(table([_tr("档次"), _tr("适用情形"), _tr("罚款幅度")], rows, name="benchmarkView",
                                         stretch=1) if rows else hint(_tr("此事项未设裁量基准。")))
        self.body.addWidget(box, 1)

    def _publicity(self, detail: CaseDetail, today: date) -> QGroupBox:
        """公示 (行政处罚法 第四十八条): the deadline with its state, and each publication recorded."""
        box = QGroupBox(_tr("公示（行政处罚法第四十八条）"))
        box.setObjectName("publicityBox")
        layout = QVBoxLayout(box)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        due = next((x for x in detail.deadlines if x.kind == "publicity"), None)
        status = QLabel()
        status.setObjectName("publicityDeadline")
        status.setWordWrap(True)
        if due is not None:
            status.setText(_tr("%1 前　%2").replace("%1", due.due.isoformat() + (_tr("（暂定）") if due.provisional
                                                                               else ""))
                           .replace("%2", deadline_status_text(due, today)))
            colours = deadline_colours(due.status, late=days_late(due) > 0)
            if colours is not None:
                status.setStyleSheet(f"QLabel {{ background: {colours[0]}; color: {colours[1]}; padding: 1px 4px; }}")
        else:
            status.setText(_tr("无（已结案或不计算公示期限）"))
        form.addRow(_tr("公示期限："), status)
        layout.addLayout(form)
        names = people(detail)
        events = _events(detail, ("publish",))
        rows = [[str(e.data.get("published_on") or time_text(e.occurred_at)), str(e.data.get("channel", "")),
                 str(e.data.get("url") or ""), person_name(names, e.actor)] for e in events]
        published = table([_tr("公示日期"), _tr("公示渠道"), _tr("公示网址"), _tr("登记人")], rows,
                          name="publicationTable", stretch=2)
        # as tall as its few rows: the benchmark below stays in view
        published.setFixedHeight(min(180, published.horizontalHeader().sizeHint().height() + 2 * published.frameWidth()
                                     + sum(published.rowHeight(r) for r in range(len(rows))) + 4))
        layout.addWidget(published if rows else hint(_tr("尚未登记公示。行政处罚决定作出后，应按规定在政府网站或公示栏公示，"
                                               "并在此登记公示日期、渠道和网址。")))
        return box


def _deferral_rows(x: ExecutionInfo) -> list[tuple[str, str]]:
    """暂缓 or 分期缴纳 (行政处罚法第六十六条第二款): the new date, or each instalment and its state."""
    if x.instalments:
        parts = []
        for n, i in enumerate(x.instalments, 1):
            state = _tr(INSTALMENT_STATUS.get(i.status, i.status))
            if i.status != "paid" and i.paid != "0.00":
                state += _tr("（已缴 %1）").replace("%1", money(i.paid))
            parts.append(_tr("第%1期 %2 %3 %4").replace("%1", str(n)).replace("%2", i.due.isoformat())
                         .replace("%3", money(i.amount)).replace("%4", state))
        return [(_tr("分期缴纳"), "\n".join(parts))]
    if x.deferred_until is not None:
        return [(_tr("暂缓缴纳至"), x.deferred_until.isoformat())]
    return []


class ServiceTab(_Tab):
    """送达与执行: each document's service, the fine, payments, the surcharge (行政处罚法 第七十二条)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((CaseAction.SERVE, CaseAction.PAY, CaseAction.DEFER, CaseAction.REMIND,
                          CaseAction.APPLY_COURT), parent)

    def show_detail(self, detail: CaseDetail, today: date) -> None:
        self.clear_body()
        served = {str(e.data.get("document_id")): e for e in detail.timeline if e.action == "serve"}
        rows = []
        for doc in detail.documents:
            e = served.get(doc.id)
            method = VALUE_LABELS.get(str(e.data.get("method", "")), "") if e else ""
            rows.append([doc.title, doc.number or "", DOCUMENT_STATUS.get(doc.status, doc.status),
                         doc.served_on.isoformat() if doc.served_on else _tr("未送达"), method])
        box = QGroupBox(_tr("文书送达"))
        QVBoxLayout(box).addWidget(table([_tr("文书"), _tr("文号"), _tr("状态"), _tr("送达日期"), _tr("送达方式")], rows,
                                         name="serviceTable", stretch=0)
                                   if rows else hint(_tr("本案尚无需送达的文书。")))
        self.body.addWidget(box, 1)
        x = detail.execution
        pays = [e for e in detail.timeline if e.action == "pay"]
        self.body.addWidget(_form_box(_tr("执行"), [
            (_tr("罚款"), money(x.fine) if x.fine else _tr("无")),
            (_tr("已缴纳"), money(x.paid)),
            (_tr("尚欠"), money(x.outstanding) if x.outstanding else ""),
            (_tr("加处罚款"), (money(x.surcharge) + (_tr("（至 %1 达到上限）").replace(
                "%1", x.surcharge_until.isoformat()) if x.surcharge_until else "")) if x.surcharge else _tr("无")),
            (_tr("缴款记录"), "；".join(f"{time_text(e.occurred_at)} {money(e.data.get('amount'))}" for e in pays)),
            *_deferral_rows(x),
        ]))
