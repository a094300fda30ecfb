"""The step bar of the case workspace (UX.md): where the case stands in its procedure — ordinary or
simple — with steps done (√), the current one (●), those to come (○), and steps that don't apply
to this case greyed (–), never hidden. Marks and words carry the meaning; colour only repeats it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QWidget

from desktop_app.domain.case_states import (
    ORDINARY_STEPS,
    SIMPLE_STEPS,
    CaseState,
    state_label,
    step_index,
)
from desktop_app.ui.layouts import clear_layout

DONE, CURRENT, TODO, NOT_APPLICABLE = "done", "current", "todo", "n/a"
MARKS = {DONE: "√", CURRENT: "●", TODO: "○", NOT_APPLICABLE: "–"}
STYLES = {
    DONE: "color: #1b6e20;",
    CURRENT: "color: #ffffff; background: #0b3d91; border-radius: 3px; font-weight: bold;",
    TODO: "color: #374151;",
    NOT_APPLICABLE: "color: #a3a8b1;",
}
_OFF_BAR = {CaseState.SUSPENDED, CaseState.WITHDRAWN, CaseState.TRANSFERRED}


def _tr(text: str) -> str:
    return QCoreApplication.translate("StepBar", text)


@dataclass(frozen=True)
class StepView:
    code: str
    label: str
    status: str
    note: str  # why a step is greyed


def compute_steps(state: str, *, simple: bool, visited: Iterable[str], legal_review_required: bool,
                  left_from: str | None = None) -> tuple[list[StepView], str | None]:
    """The bar's steps and, for 中止/撤销立案/已移送, the words for the mark beside the step left (for
    集体讨论 and 听证, beside the current step)."""
    st = CaseState(state)
    seen = {CaseState(v) for v in visited if v in CaseState._value2member_map_}
    seen.add(st)
    left = CaseState(left_from) if left_from and left_from in CaseState._value2member_map_ else None
    steps = SIMPLE_STEPS if simple else ORDINARY_STEPS
    current = step_index(st, simple=simple, left_from=left)
    # no step follows these; 中止 and 已移送 may come back, so their later steps stay to come
    ended = st in (CaseState.REJECTED, CaseState.NOT_FILED, CaseState.WITHDRAWN)
    out: list[StepView] = []
    for i, step in enumerate(steps):
        # a step without states of its own (当场决定) is passed within another step's action
        visited_step = bool(step.states & seen) or not step.states
        note = ""
        if current is None:
            status = DONE if visited_step else TODO
        elif i < current:
            status = DONE if visited_step else NOT_APPLICABLE
        elif i == current:
            status = DONE if st == CaseState.ARCHIVED else CURRENT
        else:
            status = NOT_APPLICABLE if ended else TODO
        if step.code == "legal_review" and not legal_review_required and not visited_step:
            status, note = NOT_APPLICABLE, _tr("本案不需要法制审核")
        if status == NOT_APPLICABLE and not note:
            note = _tr("本案未经此步骤") if current is not None and i < current else _tr("本案不适用")
        out.append(StepView(step.code, step.label, status, note))
    mark = None
    if st in _OFF_BAR:
        where = state_label(left.value) if left is not None else ""
        mark = (_tr("%1（自“%2”）").replace("%1", state_label(st.value)).replace("%2", where)
                if where else state_label(st.value))
    elif st in (CaseState.REJECTED, CaseState.NOT_FILED):
        mark = state_label(st.value)
    elif st in (CaseState.DISCUSSION, CaseState.HEARING):
        # states within a step (集体讨论 before the 决定, 听证 within the 告知): the bar names them too, so it
        # says what the state badge says (exploratory: badge 集体讨论, bar 决定)
        mark = _tr("%1中").replace("%1", state_label(st.value))
    return out, mark


class StepBar(QWidget):
    """Twelve named steps need about 1,000 px. Where the window is narrower (1366×768 at 125 % or 150 %)
    the arrows go first; where even the names do not fit, the bar turns compact rather than widening
    the window past the screen: the current step keeps its name, the others show their mark only, and
    every step still names itself and its status on hover and to a screen reader."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepBar")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 2, 0, 2)
        self.row.setSpacing(4)
        # the bar answers its own smallest size (the compact one) instead of the labels' full widths
        self.row.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.labels: list[QLabel] = []
        self.arrows: list[QLabel] = []
        self.steps: list[StepView] = []
        self.compact = False
        self.arrows_shown = True
        self.mark_label = QLabel()
        self.mark_label.setObjectName("stepMark")
        self.mark_label.setStyleSheet("QLabel { color: #6b4e00; background: #fff4ce; border: 1px solid #e0c36a;"
                                      " border-radius: 3px; padding: 2px 6px; }")

    def set_steps(self, steps: list[StepView], mark: str | None) -> None:
        clear_layout(self.row, keep=(self.mark_label,))
        self.labels = []
        self.arrows = []
        self.steps = steps
        for i, step in enumerate(steps):
            if i:
                arrow = QLabel("→")
                arrow.setStyleSheet("QLabel { color: #9aa3af; }")
                self.arrows.append(arrow)
                self.row.addWidget(arrow)
            label = QLabel()
            label.setObjectName(f"step_{step.code}")
            label.setStyleSheet(f"QLabel {{ {STYLES[step.status]} padding: 2px 6px; }}")
            words = {DONE: _tr("已完成"), CURRENT: _tr("当前步骤"), TODO: _tr("尚未进行"),
                     NOT_APPLICABLE: step.note}[step.status]
            label.setToolTip(f"{step.label}：{words}")
            label.setAccessibleName(f"{step.label}：{words}")
            self.labels.append(label)
            self.row.addWidget(label)
        self.row.addSpacing(8)
        self.row.addWidget(self.mark_label)
        self.mark_label.setText(mark or "")
        self.mark_label.setVisible(bool(mark))
        self.row.addStretch(1)
        self._fit(self.width() if self.isVisible() else self._width(compact=False), force=True)

    def _show(self, compact: bool, arrows: bool = True) -> None:
        self.compact = compact
        self.arrows_shown = arrows and not compact
        for label, step in zip(self.labels, self.steps, strict=True):
            shown = not compact or step.status == CURRENT
            label.setText(f"{MARKS[step.status]} {step.label}" if shown else MARKS[step.status])
        for arrow in self.arrows:  # the names (or marks) alone read in order; the arrows go first
            arrow.setText("→" if self.arrows_shown else "")
            arrow.setVisible(self.arrows_shown)

    def _width(self, *, compact: bool, arrows: bool = True) -> int:
        """The bar's width with full or compact labels, from the font: the labels' own size hints are
        not to be trusted while they are new in a shown window (hidden until the event loop runs, not
        yet polished), and measuring by switching their texts would make the bar flicker."""
        plain = self.fontMetrics()
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        gap, pad = self.row.spacing(), 2 * 6 + 6  # the labels' padding, 6 px a side, and their frame
        width = 0
        for step in self.steps:
            current = step.status == CURRENT
            text = f"{MARKS[step.status]} {step.label}" if not compact or current else MARKS[step.status]
            width += (bold if current else plain).horizontalAdvance(text) + pad
        between = 2 * gap + plain.horizontalAdvance("→") if arrows and not compact else gap
        width += between * max(0, len(self.steps) - 1)
        if self.mark_label.text():
            width += gap + plain.horizontalAdvance(self.mark_label.text()) + pad + 2  # its border
        margins = self.row.contentsMargins()
        # the gap before the mark, the stretch, and a few pixels rather than a step cut off
        return width + 16 + 2 * gap + margins.left() + margins.right()

    def _fit(self, width: int, *, force: bool = False) -> None:
        """Every name with arrows where there is room; else every name without the arrows (the
        exploratory test found marks alone hard to read at 125 %); only then the marks."""
        arrows = width >= self._width(compact=False)
        compact = not arrows and width < self._width(compact=False, arrows=False)
        if force or compact != self.compact or arrows != self.arrows_shown:
            self._show(compact, arrows)
            self.row.invalidate()

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(compact=True), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self._width(compact=False), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def status_of(self, code: str) -> str | None:
        return next((s.status for s in self.steps if s.code == code), None)
