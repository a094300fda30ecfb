"""The case workspace (UX.md, "The case workspace"): a header with the number, state, deadlines and
officers; the step bar; 下一步 — the actions the services allow now, and those refused shown disabled
with the rule that refuses them (tooltip and visible text); the tabs.

The evidence and documents tabs are their own issues' widgets (EvidenceTab, DocumentsTab), embedded
when those modules exist; until then the lists from the case's detail stand in."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case_states import CaseState
from desktop_app.domain.procedure import ACTION_LABELS, CaseAction, from_states
from desktop_app.services import items as items_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases.actions import ActionResult
from desktop_app.services.cases.queries import ActionAnswer, CaseDetail, case_actions, show_case
from desktop_app.services.context import AppContext
from desktop_app.services.items import BenchmarkTierInfo
from desktop_app.ui.action_dialogs import ActionDialog, action_dialog
from desktop_app.ui.case_tabs import (
    DecisionTab,
    DiscussionTab,
    OverviewTab,
    PartiesTab,
    RecordsTab,
    ReviewTab,
    ServiceTab,
)
from desktop_app.ui.documents_tab import DocumentsTab
from desktop_app.ui.elided_label import ElidedLabel, FittingLabel
from desktop_app.ui.evidence_tab import EvidenceTab
from desktop_app.ui.formatting import (
    action_label,
    case_number_words,
    deadline_colours,
    deadline_text,
    party_names,
    reason_lines,
)
from desktop_app.ui.layouts import FlowLayout, clear_layout
from desktop_app.ui.runner import report_error, runner
from desktop_app.ui.step_bar import StepBar, compute_steps
from desktop_app.ui.widgets import show_info

logger = logging.getLogger(__name__)

# The steps of the procedure offered as buttons; the rest sit under 其他操作 (approvals, suspension,
# withdrawal, transfer, extension, preservation, appeals) — still shown with their reasons.
SECONDARY = {CaseAction.APPROVE, CaseAction.SUSPEND, CaseAction.WITHDRAW, CaseAction.TRANSFER,
             CaseAction.EXTEND, CaseAction.PRESERVE, CaseAction.APPEAL}
# An action possible "in any state" (送达 of a notice) is only worth a button where something waits.
_SERVE_STATES = {CaseState.NOTIFIED, CaseState.HEARING, CaseState.DECIDED, CaseState.SERVED, CaseState.EXECUTING}


# the labels of the header's second line all have it, so the gaps around each "·" are equal (F4)
HEADER_PAD_X = 4
HEADER_PADDING = f"QLabel {{ padding: 1px {HEADER_PAD_X}px; }}"


def fit_label(label: QLabel, pad: int = HEADER_PAD_X) -> None:
    """Exactly as wide as its text: QLabel's own width adds a few pixels on the right, which made the
    gap after a label wider than the gap before the next one (F4)."""
    # No indent: a label with a style sheet counts as framed, and a framed QLabel indents its text by
    # half an "x" on top of the padding, which clipped the last digit of "立案 2026-07-16".
    label.setIndent(0)
    label.ensurePolished()  # the style sheet's font decides the width, not the default one
    label.setFixedWidth(label.fontMetrics().horizontalAdvance(label.text()) + 2 * pad + 1)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseWorkspace", text)


def _as_labelled(reason: str, action: CaseAction, state: str | None) -> str:
    """The rule names the action as its button does ("退回补充调查", not "调查取证")."""
    return reason.replace(f"“{ACTION_LABELS[action]}”", f"“{action_label(action.value, state)}”")


class CaseWorkspace(QWidget):
    """One case. `back_requested` returns to the list; `changed` tells the lists to refresh."""

    back_requested = Signal()
    changed = Signal(str)

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseWorkspace")
        self.ctx = ctx
        self.actor = actor
        self.case_id: str | None = None
        self.detail: CaseDetail | None = None
        self.answers: dict[str, ActionAnswer] = {}
        self.dialog: ActionDialog | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self.menu_actions: dict[str, QAction] = {}
        self._benchmarks: dict[str, list[BenchmarkTierInfo]] = {}

        # -- header ---------------------------------------------------------------------------
        header = QFrame()
        header.setObjectName("caseHeader")
        header.setStyleSheet("QFrame#caseHeader { background: #f7f9fc; border-bottom: 1px solid #d6dbe3; }")
        self.back_button = QPushButton(_tr("← 返回"))
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip(_tr("返回（Esc）"))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.number_label = QLabel()
        self.number_label.setObjectName("caseNumber")
        self.number_label.setStyleSheet("QLabel { font-size: 14pt; font-weight: bold; color: #1f2d3d; }")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The party is always shown whole; the item, often a long sentence, gives way (F2).
        # A long organisation's name gives way too, but only after the item and never below 12 characters
        # (1366×768 at 150 % leaves the window 911 px).
        self.party_label = ElidedLabel(keep=12)
        self.party_label.setObjectName("caseParty")
        self.party_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.party_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label = ElidedLabel()
        self.title_label.setObjectName("caseTitle")
        self.state_label = QLabel()
        self.state_label.setObjectName("caseState")
        self.state_label.setStyleSheet("QLabel { background: #0b3d91; color: white; border-radius: 3px; "
                                       "padding: 2px 10px; font-weight: bold; }")
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(8)
        top.addWidget(self.number_label)
        top.addSpacing(12)
        top.addWidget(self.party_label)
        top.addSpacing(12)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.state_label)
        self.dates_label = QLabel()
        self.dates_label.setObjectName("caseDates")
        # both the decision period and the most urgent one where there is room, else the more urgent
        self.deadline_label = FittingLabel(pad=HEADER_PAD_X)
        self.deadline_label.setObjectName("caseDeadline")
        self.officers_label = ElidedLabel()
        self.officers_label.setObjectName("caseOfficers")
        # The separators are labels of their own with the layout's spacing on both sides, so the gaps
        # around each "·" are equal (F4: spaces inside the texts plus the layout's gap were uneven).
        second = QHBoxLayout()
        second.setSpacing(6)
        self.second_line = second
        for label in (self.dates_label, self.officers_label):  # the padding the coloured deadline has
            label.setStyleSheet(HEADER_PADDING)
        self.header_separators: list[QLabel] = []
        for i, widget in enumerate((self.dates_label, self.deadline_label, self.officers_label)):
            if i:
                dot = QLabel("·")
                dot.setObjectName("headerSeparator")
                fit_label(dot, 0)
                self.header_separators.append(dot)
                second.addWidget(dot)
            second.addWidget(widget, 1 if widget is self.officers_label else 0)
        self.header = header
        hl = QVBoxLayout(header)
        self.header_layout = hl
        hl.setContentsMargins(12, 8, 12, 6)
        hl.addLayout(top)
        hl.addLayout(second)

        self.step_bar = StepBar()

        # -- 下一步 -----------------------------------------------------------------------------
        self.next_row = QHBoxLayout()
        self.next_row.setContentsMargins(0, 0, 0, 0)
        next_caption = QLabel(_tr("下一步："))
        next_caption.setStyleSheet("QLabel { font-weight: bold; }")
        self.next_buttons = FlowLayout()  # wraps on a narrow window rather than widening it
        self.more_button = QToolButton()
        self.more_button.setObjectName("moreActions")
        self.more_button.setText(_tr("其他操作 ▾"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # the text carries the ▾ already: no second arrow from the style
        self.more_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.more_menu = QMenu(self.more_button)
        self.more_menu.setToolTipsVisible(True)
        self.more_button.setMenu(self.more_menu)
        self.next_row.addWidget(next_caption)
        self.next_row.addLayout(self.next_buttons)
        self.next_row.addStretch(1)
        self.next_row.addWidget(self.more_button)
        self.reasons_label = QLabel()
        self.reasons_label.setObjectName("refusedReasons")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setStyleSheet("QLabel { color: #6b4e00; }")
        self.reasons_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Many refusals must not push the tabs off a small screen: at most about four lines, scrolling.
        self.reasons_scroll = QScrollArea()
        self.reasons_scroll.setObjectName("refusedReasonsScroll")
        self.reasons_scroll.setWidgetResizable(True)
        self.reasons_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.reasons_scroll.setWidget(self.reasons_label)

        # -- tabs -----------------------------------------------------------------------------
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.tabs.setDocumentMode(True)
        self.overview = OverviewTab()
        self.parties = PartiesTab()
        self.records = RecordsTab()
        self.review = ReviewTab()
        self.discussion = DiscussionTab()
        self.decision = DecisionTab(self._benchmark)
        self.service = ServiceTab()
        # the evidence and documents tabs belong to one case: made when a case is opened
        self.evidence: EvidenceTab | QWidget = QWidget()
        self.documents: DocumentsTab | QWidget = QWidget()
        self._own_tabs: list[Any] = [self.overview, self.parties, self.records, self.review, self.discussion,
                                     self.decision, self.service]
        for tab in self._own_tabs:
            tab.action_requested.connect(self.request_action)

        body = QVBoxLayout()
        body.setContentsMargins(12, 4, 12, 8)
        body.addWidget(self.step_bar)
        body.addLayout(self.next_row)
        body.addWidget(self.reasons_scroll)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(header)
        layout.addLayout(body, 1)

        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.back_requested.emit)
        self.addAction(escape)

    # -- loading -------------------------------------------------------------------------------

    def _benchmark(self, item_code: str, party_kind: str) -> list[BenchmarkTierInfo]:
        if item_code not in self._benchmarks:
            self._benchmarks[item_code] = items_service.list_benchmarks(self.ctx, item_code)
        tiers = self._benchmarks[item_code]
        return [t for t in tiers if t.party == party_kind] or [t for t in tiers if t.party == "any"]

    def set_return_to(self, place: str) -> None:
        """Name where 返回 (and Esc) leads: the page the case was opened from (F18)."""
        self.back_button.setText(_tr("← 返回%1").replace("%1", place))
        self.back_button.setToolTip(_tr("返回%1（Esc）").replace("%1", place))

    def open_case(self, case_id: str) -> None:
        if case_id != self.case_id:
            self._set_tabs(case_id)
        self.case_id = case_id
        self.reload()

    def _set_tabs(self, case_id: str) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        for old in (self.evidence, self.documents):
            old.hide()
            old.deleteLater()
        evidence = EvidenceTab(self.ctx, self.actor, case_id)
        documents = DocumentsTab(self.ctx, self.actor, case_id)
        self.evidence, self.documents = evidence, documents
        # a document issued or evidence added there changes what can be done next here
        evidence.changed.connect(self._embedded_changed)
        documents.changed.connect(self._embedded_changed)
        for tab, label in ((self.overview, "概况与时间线"), (self.parties, "当事人"), (self.records, "调查笔录"),
                           (self.evidence, "证据"), (self.documents, "文书"), (self.review, "审核"),
                           (self.discussion, "集体讨论"), (self.decision, "决定"), (self.service, "送达与执行")):
            self.tabs.addTab(tab, _tr(label))
        self.tabs.setCurrentIndex(max(0, current))

    def reload(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        today = self.ctx.clock.today()

        def load() -> tuple[CaseDetail, list[ActionAnswer]]:
            return show_case(self.ctx, self.actor, case_id, today), case_actions(self.ctx, self.actor, case_id, today)

        runner().submit(load, on_done=lambda pair: self._show(case_id, today, *pair),
                        on_error=lambda exc: report_error(self, exc, _tr("案件未能打开")), parent=self)

    def _show(self, case_id: str, today: date, detail: CaseDetail, answers: list[ActionAnswer]) -> None:
        if case_id != self.case_id:
            return
        self.detail = detail
        self.answers = {a.action: a for a in answers}
        self._header(detail, today)
        visited = [e.to_state for e in detail.timeline] + [e.from_state for e in detail.timeline if e.from_state]
        left_from = detail.timeline[-1].from_state if detail.timeline and detail.state in (
            "suspended", "withdrawn", "transferred") else None
        steps, mark = compute_steps(detail.state, simple=detail.procedure == "simple", visited=visited,
                                    legal_review_required=detail.legal_review_required, left_from=left_from)
        self.step_bar.set_steps(steps, mark)
        self._next_actions(detail)
        for tab in self._own_tabs:
            tab.show_detail(detail, today)
            tab.update_answers(self.answers, detail.state)
        for tab in (self.evidence, self.documents):
            if isinstance(tab, (EvidenceTab, DocumentsTab)):
                tab.reload()

    def _header(self, detail: CaseDetail, today: date) -> None:
        self.number_label.setText(case_number_words(detail.number, detail.state, detail.procedure))
        self.party_label.setText(_tr("当事人：%1").replace("%1", party_names(detail.parties) or _tr("未登记")))
        self.title_label.setText(detail.item_name)
        self.state_label.setText(detail.state_label)
        if detail.filed_on:
            dates = _tr("立案 %1").replace("%1", detail.filed_on.isoformat())
        else:
            dates = _tr("发现 %1").replace("%1", detail.discovered_on.isoformat())
        self.dates_label.setText(dates)
        fit_label(self.dates_label)
        live = [d for d in detail.deadlines if d.status in ("overdue", "due_soon", "open")]
        decision = next((d for d in live if d.kind == "decision"), None)
        rank = {"overdue": 0, "due_soon": 1, "open": 2}
        urgent = min(live, key=lambda d: (rank[d.status], d.due)) if live else None
        shown = [d for d in (decision, urgent) if d is not None]
        shown = list(dict.fromkeys(shown))
        if shown:
            worst = min(shown, key=lambda d: rank[d.status])
            colours = deadline_colours(worst.status)
            choices = ["；".join(deadline_text(d, today) for d in shown)]
            if len(shown) > 1:
                choices.append(deadline_text(worst, today))
            style = f"background: {colours[0]}; color: {colours[1]};" if colours else ""
            self.deadline_label.setStyleSheet(f"QLabel {{ {style} }}" + HEADER_PADDING)
        else:
            choices = [_tr("无进行中的期限")]
            self.deadline_label.setStyleSheet(HEADER_PADDING)  # the same gaps as when coloured
        self.deadline_label.set_choices(choices, self._deadline_room())
        handlers = [o.name for o in detail.officers if o.role_in_case == "handler"]
        self.officers_label.setText(_tr("承办：%1").replace("%1", "、".join(handlers) or _tr("未指派")))

    def _deadline_room(self) -> int:
        """What the header's second line leaves the deadlines once the others have their least."""
        line = self.second_line
        margins = self.header_layout.contentsMargins()
        fixed = (self.dates_label, *self.header_separators)  # fitted to their texts (fit_label)
        taken = sum(w.minimumWidth() for w in fixed) + self.officers_label.minimumSizeHint().width()
        spacing = line.spacing() * (len(fixed) + 1)
        return self.header.width() - margins.left() - margins.right() - taken - spacing

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.deadline_label.choices:
            self.deadline_label.fit(self._deadline_room())

    def _next_actions(self, detail: CaseDetail) -> None:
        clear_layout(self.next_buttons)
        self.more_menu.clear()
        self.action_buttons = {}
        self.menu_actions = {}
        state = CaseState(detail.state)
        reasons = []
        for action in CaseAction:
            answer = self.answers.get(action.value)
            if answer is None or state not in from_states(action):
                continue
            if action == CaseAction.SERVE and state not in _SERVE_STATES and not answer.allowed:
                continue
            reason = _as_labelled(answer.reason or "", action, detail.state)
            label = action_label(action.value, detail.state)
            if action in SECONDARY:
                act = QAction(label + ("" if answer.allowed else _tr("（不可用）")), self.more_menu)
                act.setObjectName(f"menuAction_{action.value}")
                act.setEnabled(answer.allowed)
                act.setToolTip(reason if not answer.allowed else label)
                act.triggered.connect(lambda _c=False, a=action.value: self.request_action(a))
                self.more_menu.addAction(act)
                self.menu_actions[action.value] = act
                continue
            button = QPushButton(label)
            button.setObjectName(f"action_{action.value}")
            button.setEnabled(answer.allowed)
            button.setToolTip(reason if not answer.allowed else "")
            button.clicked.connect(lambda _c=False, a=action.value: self.request_action(a))
            if answer.allowed:
                button.setStyleSheet("QPushButton { font-weight: bold; }")
            self.next_buttons.addWidget(button)
            self.action_buttons[action.value] = button
            if not answer.allowed and reason:
                reasons.append((label, reason))
        if not self.action_buttons:
            none = QLabel(_tr("本案当前没有可办理的步骤。"))
            none.setStyleSheet("QLabel { color: #4b5563; }")
            self.next_buttons.addWidget(none)
        self.more_button.setVisible(bool(self.menu_actions))
        lines = reason_lines(reasons)
        self.reasons_label.setText("\n".join(lines))
        spacing = self.reasons_label.fontMetrics().lineSpacing()
        self.reasons_scroll.setFixedHeight(min(len(lines), 4) * spacing + 6)
        self.reasons_label.setVisible(bool(reasons))
        self.reasons_scroll.setVisible(bool(reasons))

    # -- acting --------------------------------------------------------------------------------

    def request_action(self, action: str) -> None:
        if self.detail is None:
            return
        answer = self.answers.get(action)
        if answer is not None and not answer.allowed:
            show_info(self, answer.reason or _tr("此操作目前不可进行"), ACTION_LABELS[CaseAction(action)])
            return
        dialog = action_dialog(self.ctx, self.actor, self.detail, action, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.performed.connect(self._performed)
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _performed(self, result: ActionResult) -> None:
        lines = []
        if result.number and result.action == "file":
            lines.append(_tr("已立案，案号：%1").replace("%1", result.number))
        if result.document_number:
            lines.append(_tr("已签发文书，文号：%1").replace("%1", result.document_number))
        lines += result.warnings
        if lines:
            show_info(self, "\n".join(lines), _tr("已办理：%1").replace("%1", ACTION_LABELS[CaseAction(result.action)]))
        self.reload()
        self.changed.emit(result.case_id)

    def _embedded_changed(self) -> None:
        self.reload()
        if self.case_id:
            self.changed.emit(self.case_id)

    def refused_reason(self, action: str) -> str | None:
        answer = self.answers.get(action)
        if answer is None or answer.allowed:
            return None
        return _as_labelled(answer.reason or "", CaseAction(action), self.detail.state if self.detail else None)
