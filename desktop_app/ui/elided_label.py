"""Labels that never widen their window: long text is cut with “…” (or a shorter wording is chosen)
and shown whole on hover."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """One line, cut at the right with “…” when the room is short.

    With `keep` (a number of characters) the label asks for its whole text and gives way only after
    the labels that have none: it is cut no shorter than its first `keep` characters. Without it, it
    takes what room is left, down to 40 px."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, keep: int | None = None) -> None:
        super().__init__(text, parent)
        self.keep = keep
        policy = QSizePolicy.Policy.Ignored if keep is None else QSizePolicy.Policy.Preferred
        self.setSizePolicy(policy, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0 if keep is not None else 40)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.updateGeometry()

    def _advance(self, text: str) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 1

    def sizeHint(self) -> QSize:
        if self.keep is None:
            return super().sizeHint()
        return QSize(self._advance(self.text()), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        height = super().minimumSizeHint().height()
        if self.keep is None:
            return QSize(40, height)
        text = self.text()
        shortest = text if len(text) <= self.keep else text[:self.keep] + "…"
        return QSize(self._advance(shortest), height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)


class FittingLabel(QLabel):
    """Shows the fullest of its wordings that fits the room its owner measures (two deadlines, else
    the more urgent one), the fullest on hover. Always exactly as wide as the wording shown, so the
    gaps around it stay even (F4); its smallest size is that of the shortest wording."""

    def __init__(self, parent: QWidget | None = None, *, pad: int = 0) -> None:
        super().__init__(parent)
        self.pad = pad
        self.choices: list[str] = []
        # no indent: a label with a style sheet counts as framed and would indent by half an "x"
        self.setIndent(0)
        # never wider than the wording shown, narrower only down to the shortest wording
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)

    def set_choices(self, choices: list[str], room: int) -> None:
        """`choices` from the fullest to the shortest wording; `room` the width it may take."""
        self.choices = [c for c in choices if c] or [""]
        self.setToolTip(self.choices[0] if len(self.choices) > 1 else "")
        self.fit(room)

    def advance(self, text: str) -> int:
        self.ensurePolished()  # the style sheet's font decides the widths
        return self.fontMetrics().horizontalAdvance(text) + 2 * self.pad + 1

    def fit(self, room: int) -> None:
        fitting = [c for c in self.choices if self.advance(c) <= room]
        text = fitting[0] if fitting else self.choices[-1]
        if text != self.text():
            super().setText(text)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self.advance(self.text()), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        shortest = min((self.advance(c) for c in self.choices), default=self.advance(self.text()))
        return QSize(shortest, super().minimumSizeHint().height())
