"""统计 (每周一检点，每月一通报): this week's and this month's figures side by side, the cases by state
now, the overdue deadlines, and the period's cases by item category — all from
services.statistics, loaded through the runner (F5 refreshes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.statistics import PeriodFigures, Statistics, statistics
from desktop_app.ui.formatting import OVERDUE_COLOURS, fen_money
from desktop_app.ui.pages.scrolling import scroll_when_small
from desktop_app.ui.runner import report_error, runner
from desktop_app.ui.widgets import date_edit, from_qdate, to_qdate


def _table(headers: Sequence[str], object_name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]], *, bad_rows: Sequence[int] = ()) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if r in bad_rows:
                item.setBackground(QBrush(QColor(OVERDUE_COLOURS[0])))
                item.setForeground(QBrush(QColor(OVERDUE_COLOURS[1])))
            table.setItem(r, c, item)


def _yuan(fen: int) -> str:
    return fen_money(fen) or "¥0.00"


class StatisticsPage(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.data: Statistics | None = None
        title = QLabel(self.tr("统计"))
        title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("QLabel { color: #4b5563; }")
        self.subtitle.setWordWrap(True)
        today = ctx.clock.today()
        self.period_edit = date_edit(today, maximum=today)
        self.period_edit.setObjectName("periodDate")
        self.period_edit.setToolTip(self.tr("统计包含这一天的周和月；如需上月通报，选上月的任一天"))
        self.period_edit.dateChanged.connect(lambda _d: self.reload())
        self.this_week_button = QPushButton(self.tr("本周本月"))
        self.this_week_button.setObjectName("thisPeriod")
        self.this_week_button.clicked.connect(self.back_to_today)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("refreshStatistics")
        self.refresh_button.setToolTip(self.tr("重新统计（F5）"))
        self.refresh_button.clicked.connect(self.reload)
        # the periods' dates beside the title where they fit on one line, else on a line of their own
        # under it (a narrow window: 1366×768 at 150 %) rather than wrapped into a tall column
        self.subtitle_beside = QHBoxLayout()
        self.subtitle_beside.setContentsMargins(0, 0, 0, 0)
        self.subtitle_beside.addWidget(self.subtitle)
        self.subtitle_under = QHBoxLayout()
        self.subtitle_under.setContentsMargins(0, 0, 0, 0)
        self._heading_widgets: list[QWidget] = [title, QLabel(self.tr("统计周期：包含")), self.period_edit,
                                                QLabel(self.tr("的周和月")), self.this_week_button,
                                                self.refresh_button]
        heading = QHBoxLayout()
        self.heading = heading
        heading.addWidget(title)
        heading.addSpacing(16)
        heading.addLayout(self.subtitle_beside, 1)
        heading.addStretch(0)  # the controls stay at the right when the dates are under the title
        for widget in self._heading_widgets[1:]:
            heading.addWidget(widget)

        self.period_table = _table([self.tr("指标"), self.tr("本周"), self.tr("本月")], "periodTable")
        self.state_table = _table([self.tr("状态"), self.tr("案件数")], "stateTable")
        self.overdue_table = _table([self.tr("逾期的期限"), self.tr("项数")], "overdueTable")
        self.overdue_note = QLabel()
        self.overdue_note.setObjectName("overdueNote")
        self.overdue_note.setWordWrap(True)
        self.category_table = _table([self.tr("事项类别"), self.tr("本周登记"), self.tr("本周立案"),
                                      self.tr("本月登记"), self.tr("本月立案"), self.tr("本月决定"),
                                      self.tr("本月决定罚款")], "categoryTable")
        self.category_empty = QLabel(self.tr("这个月尚无登记、立案或决定的案件。"))
        self.category_empty.setStyleSheet("QLabel { color: #4b5563; }")

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        self.period_box = self._box(self.tr("本周与本月"), self.period_table)
        grid.addWidget(self.period_box, 0, 0)
        grid.addWidget(self._box(self.tr("逾期期限（当前）"), self.overdue_table, self.overdue_note), 0, 1)
        grid.addWidget(self._box(self.tr("案件状态（当前）"), self.state_table), 1, 0)
        grid.addWidget(self._box(self.tr("按事项类别"), self.category_table, self.category_empty), 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)

        # the four boxes scroll together on a low window (1366×768 at 150 % leaves the page about
        # 350 px) instead of making the whole window taller than the screen; with room they fill the page
        boxes = QWidget()
        boxes.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = scroll_when_small(boxes, "statisticsScroll")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addLayout(heading)
        layout.addLayout(self.subtitle_under)
        layout.addWidget(self.scroll_area, 1)
        self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_subtitle()

    def _place_subtitle(self) -> None:
        layout = self.layout()
        margins = layout.contentsMargins().left() + layout.contentsMargins().right() if layout is not None else 0
        room = self.width() - margins
        gap = max(0, self.heading.spacing())
        beside = (sum(w.sizeHint().width() for w in self._heading_widgets) + 16 + gap * len(self._heading_widgets)
                  + self.subtitle.fontMetrics().horizontalAdvance(self.subtitle.text()) + 8)
        target = self.subtitle_beside if beside <= room else self.subtitle_under
        if target.indexOf(self.subtitle) < 0:
            (self.subtitle_under if target is self.subtitle_beside else self.subtitle_beside).removeWidget(
                self.subtitle)
            target.addWidget(self.subtitle)

    @staticmethod
    def _box(caption: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(caption)
        inner = QVBoxLayout(box)
        for w in widgets:
            inner.addWidget(w, 1 if isinstance(w, QTableWidget) else 0)
        return box

    def back_to_today(self) -> None:
        today = self.ctx.clock.today()
        self.period_edit.setMaximumDate(to_qdate(today))
        self.period_edit.setDate(to_qdate(today))
        self.reload()

    def set_period(self, day: date) -> None:
        self.period_edit.setDate(to_qdate(day))  # reloads

    def reload(self) -> None:
        today = self.ctx.clock.today()
        day = min(from_qdate(self.period_edit.date()), today)
        self.subtitle.setText(self.tr("统计中……"))
        self._place_subtitle()
        runner().submit(lambda: statistics(self.ctx, self.actor, today, period_of=day), on_done=self._show,
                        on_error=lambda exc: report_error(self, exc, self.tr("统计未完成")), parent=self)

    def _show(self, data: Statistics) -> None:
        self.data = data
        self.subtitle.setText(self.tr("%6 %2 至 %3 · %7 %4 至 %5 · 状态和逾期截至 %1")
                              .replace("%1", data.today.isoformat())
                              .replace("%2", data.week.start.isoformat()).replace("%3", data.week.end.isoformat())
                              .replace("%4", data.month.start.isoformat()).replace("%5", data.month.end.isoformat())
                              .replace("%6", self.tr(data.week.label)).replace("%7", self.tr(data.month.label)))
        self.subtitle.setToolTip(self.tr("每周一检点，每月一通报"))
        self._place_subtitle()
        self.period_table.setHorizontalHeaderLabels([self.tr("指标"), self.tr(data.week.label),
                                                     self.tr(data.month.label)])
        week_word, month_word = self.tr(data.week.label), self.tr(data.month.label)
        self.period_box.setTitle(self.tr("%1与%2").replace("%1", week_word).replace("%2", month_word))
        self.category_table.setHorizontalHeaderLabels(
            [self.tr("事项类别")] + [f"{w}{what}" for w, what in (
                (week_word, self.tr("登记")), (week_word, self.tr("立案")), (month_word, self.tr("登记")),
                (month_word, self.tr("立案")), (month_word, self.tr("决定")), (month_word, self.tr("决定罚款")))])
        self._periods(data.week, data.month)
        states = [s for s in data.by_state if s.count]
        _fill(self.state_table, [(s.label, str(s.count)) for s in states]
              + [(self.tr("合计（其中办理中 %1 件）").replace("%1", str(data.open_total)),
                  str(sum(s.count for s in states)))])
        rows = [(o.label, str(o.count)) for o in data.overdue_by_kind]
        _fill(self.overdue_table, rows, bad_rows=range(len(rows)))
        if data.overdue_deadlines:
            self.overdue_note.setText(self.tr("共 %1 项期限已逾期，涉及 %2 件案件（红色）；可在“案件”中勾选“只看有逾期期限的案件”查看。")
                                      .replace("%1", str(data.overdue_deadlines))
                                      .replace("%2", str(data.overdue_cases)))
        else:
            self.overdue_note.setText(self.tr("没有逾期的期限。"))
        self.overdue_note.setText(self.overdue_note.text() + "\n" + self.tr("已决定尚未缴纳的罚款（未结案的案件）：%1")
                                  .replace("%1", _yuan(data.outstanding_fen)))
        week = {c.category: c for c in data.week.by_category}
        month = {c.category: c for c in data.month.by_category}
        categories = sorted(set(week) | set(month))
        cat_rows = []
        for name in categories:
            w, m = week.get(name), month.get(name)
            cat_rows.append((name, str(w.registered if w else 0), str(w.filed if w else 0),
                             str(m.registered if m else 0), str(m.filed if m else 0), str(m.decided if m else 0),
                             _yuan(m.fines_decided_fen if m else 0)))
        _fill(self.category_table, cat_rows)
        self.category_empty.setVisible(not cat_rows)

    def _periods(self, week: PeriodFigures, month: PeriodFigures) -> None:
        rows = [
            (self.tr("登记线索（件）"), str(week.registered), str(month.registered)),
            (self.tr("立案（件）"), str(week.filed), str(month.filed)),
            (self.tr("作出决定（件）"), str(week.decided), str(month.decided)),
            (self.tr("　其中行政处罚决定（件）"), str(week.penalties), str(month.penalties)),
            (self.tr("结案（件）"), str(week.closed), str(month.closed)),
            (self.tr("决定罚款"), _yuan(week.fines_decided_fen), _yuan(month.fines_decided_fen)),
            (self.tr("　其中已缴纳"), _yuan(week.fines_paid_fen), _yuan(month.fines_paid_fen)),
        ]
        _fill(self.period_table, rows)
