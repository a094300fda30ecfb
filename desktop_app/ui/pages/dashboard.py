"""工作台: the user's work by role, deadline warnings (overdue, due within 3 working days — words and
colour), this week's and this month's figures (每周一检点，每月一通报), and the reference-data warnings.
An admin, who sees no case content, gets the state of the reference data instead."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.services.actor import Actor
from desktop_app.services.cases.worklist import DeadlineWarning, PeriodCounts, Worklist, worklist
from desktop_app.services.context import AppContext
from desktop_app.services.overview import reference_summary
from desktop_app.ui.formatting import DUE_SOON_COLOURS, OVERDUE_COLOURS, case_number_words, fen_money
from desktop_app.ui.layouts import clear_layout
from desktop_app.ui.runner import runner

CASE_ROLES = (Role.OFFICER, Role.TEAM_LEAD, Role.LEGAL_REVIEWER, Role.LEADER, Role.ARCHIVE_CLERK,
              Role.COUNTY_SUPERVISOR)


class _Card(QFrame):
    def __init__(self, caption: str, object_name: str) -> None:
        super().__init__()
        self.setObjectName("card")
        self.number = QLabel("—")
        self.number.setObjectName(object_name)
        self.number.setStyleSheet("font-size: 20pt; font-weight: bold; color: #0b3d91;")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(12, 8, 12, 8)
        inner.addWidget(self.number)
        inner.addWidget(self.caption)

    def set(self, value: str, colour: str = "#0b3d91", background: str | None = None) -> None:
        self.number.setText(value)
        self.number.setStyleSheet(f"font-size: 20pt; font-weight: bold; color: {colour};")
        self.setStyleSheet(f"QFrame#card {{ background: {background}; }}" if background else "")


class DashboardPage(QWidget):
    open_case = Signal(str)

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.data: Worklist | None = None
        self.title = QLabel(self.tr("工作台"))
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("QLabel { color: #4b5563; }")
        self.warnings = QLabel()
        self.warnings.setObjectName("errorText")
        self.warnings.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addSpacing(16)
        heading.addWidget(self.subtitle, 1)
        layout.addLayout(heading)
        self.grid = QGridLayout()
        self.case_work = actor.has(*CASE_ROLES)
        if self.case_work:
            self._build_case_dashboard(layout)
        else:
            layout.addLayout(self.grid)
        layout.addWidget(self.warnings)
        if not self.case_work:
            layout.addStretch(1)
        self.reload()

    # -- building ---------------------------------------------------------------------------

    def _build_case_dashboard(self, layout: QVBoxLayout) -> None:
        cards = QHBoxLayout()
        self.open_card = _Card(self.tr("办理中的案件"), "openCount")
        self.overdue_card = _Card(self.tr("期限已逾期（红色）"), "overdueCount")
        self.soon_card = _Card(self.tr("3 个工作日内到期（黄色）"), "dueSoonCount")
        self.week_card = _Card("", "weekCounts")
        self.month_card = _Card("", "monthCounts")
        for card in (self.open_card, self.overdue_card, self.soon_card):
            cards.addWidget(card, 1)
        for card in (self.week_card, self.month_card):
            card.number.setStyleSheet("font-size: 11pt; font-weight: bold; color: #1f2d3d;")
            card.number.setWordWrap(True)  # the week's and month's figures wrap on a narrow window
            cards.addWidget(card, 2)
        layout.addLayout(cards)

        work_box = QGroupBox(self.tr("我的工作"))
        self.work_tree = QTreeWidget()
        self.work_tree.setObjectName("workTree")
        self.work_tree.setColumnCount(3)
        self.work_tree.setHeaderLabels([self.tr("案号 / 事项"), self.tr("当事人"), self.tr("状态 / 说明")])
        self.work_tree.setRootIsDecorated(True)
        self.work_tree.setUniformRowHeights(True)
        self.work_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.work_tree.header().resizeSection(0, 250)
        self.work_tree.header().resizeSection(1, 150)
        self.work_tree.itemActivated.connect(self._work_activated)
        self.work_tree.itemDoubleClicked.connect(self._work_activated)
        box_layout = QVBoxLayout(work_box)
        box_layout.addWidget(self.work_tree)
        self.work_empty = QLabel()
        self.work_empty.setWordWrap(True)
        self.work_empty.setStyleSheet("QLabel { color: #4b5563; }")
        box_layout.addWidget(self.work_empty)

        warn_box = QGroupBox(self.tr("期限提醒"))
        self.deadline_table = QTableWidget(0, 5)
        self.deadline_table.setObjectName("deadlineTable")
        self.deadline_table.setHorizontalHeaderLabels(
            [self.tr("提醒"), self.tr("期限"), self.tr("到期日"), self.tr("案号"), self.tr("当事人")])
        self.deadline_table.verticalHeader().setVisible(False)
        self.deadline_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deadline_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.deadline_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.deadline_table.setWordWrap(False)
        self.deadline_table.setTabKeyNavigation(False)
        self.deadline_table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.deadline_table.horizontalHeader().setStretchLastSection(True)
        self.deadline_table.cellActivated.connect(self._warning_activated)
        self.deadline_table.cellDoubleClicked.connect(self._warning_activated)
        self.deadline_note = QLabel()
        self.deadline_note.setStyleSheet("QLabel { color: #4b5563; }")
        self.deadline_note.setWordWrap(True)
        warn_layout = QVBoxLayout(warn_box)
        warn_layout.addWidget(self.deadline_table)
        warn_layout.addWidget(self.deadline_note)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(work_box)
        split.addWidget(warn_box)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 6)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        today = self.ctx.clock.today()
        roles = "、".join(ROLE_LABELS[r] for r in Role if r in self.actor.roles)
        self.subtitle.setText(self.tr("今天 %1 · %2（%3）").replace("%1", today.isoformat())
                              .replace("%2", self.actor.name).replace("%3", roles))
        self._reference_warnings()
        if self.case_work:
            runner().submit(worklist, self.ctx, self.actor, today, on_done=self._show, parent=self)

    def _reference_warnings(self) -> None:
        s = reference_summary(self.ctx, self.ctx.clock.today())
        if not self.case_work:
            clear_layout(self.grid)
            list_caption = self.tr("执法事项（示例清单）") if s.item_list_sample else self.tr("执法事项（本乡镇清单）")
            years = f"{s.calendar_years[0]}—{s.calendar_years[-1]}" if s.calendar_years else self.tr("无")
            for col, (caption, value) in enumerate((
                    (list_caption, str(s.items)),
                    (self.tr("持有效执法证人员"), f"{s.officers_certified} / {s.officers}"),
                    (self.tr("用户"), str(s.users)), (self.tr("节假日数据年份"), years))):
                card = _Card(caption, f"refCard{col}")
                card.set(value)
                self.grid.addWidget(card, 0, col)
        warnings = []
        if s.item_list_sample:
            warnings.append(self.tr("执法事项清单仍为示例：管理员确认本乡镇公布的清单后方可立案（文司发〔2024〕4号）。"))
        if s.next_year_missing:
            # only the administrator enters the calendar; the others are told whom to ask (F25)
            ask = self.tr("请在系统设置中录入。") if self.actor.has(Role.ADMIN) else self.tr("请联系系统管理员录入。")
            warnings.append(self.tr("尚未录入 %1 年法定节假日安排：跨入该年的期限按暂定计算，").replace(
                "%1", str(s.today.year + 1)) + ask)
        if s.officers_certified < 2:
            warnings.append(self.tr("持有效执法证的人员少于 2 名：行政处罚须由两名以上执法人员实施（行政处罚法第四十二条）。"))
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))

    def _show(self, data: Worklist) -> None:
        self.data = data
        self.open_card.set(str(data.open_total))
        if data.overdue_total:
            self.overdue_card.set(self.tr("%1 项").replace("%1", str(data.overdue_total)), OVERDUE_COLOURS[1],
                                  OVERDUE_COLOURS[0])
        else:
            self.overdue_card.set(self.tr("无"), "#1b6e20")
        if data.due_soon_total:
            self.soon_card.set(self.tr("%1 项").replace("%1", str(data.due_soon_total)), DUE_SOON_COLOURS[1],
                               DUE_SOON_COLOURS[0])
        else:
            self.soon_card.set(self.tr("无"), "#1b6e20")
        self._period(self.week_card, data.week)
        self._period(self.month_card, data.month)
        self._fill_work(data)
        self._fill_warnings(data)

    def _period(self, card: _Card, p: PeriodCounts) -> None:
        card.number.setText(self.tr("登记 %1 · 立案 %2 · 决定 %3 · 结案 %4")
                            .replace("%1", str(p.registered)).replace("%2", str(p.filed))
                            .replace("%3", str(p.decided)).replace("%4", str(p.closed)))
        card.caption.setText(self.tr("%1（%2 至 %3）· 决定罚款 %4")
                             .replace("%1", p.label).replace("%2", p.start.isoformat())
                             .replace("%3", p.end.isoformat())
                             .replace("%4", fen_money(p.fines_decided_fen) or "¥0.00"))

    def _fill_work(self, data: Worklist) -> None:
        self.work_tree.clear()
        bold = QFont(self.work_tree.font())
        bold.setBold(True)
        pending = 0
        hints: list[QTreeWidgetItem] = []
        for queue in data.queues:
            top = QTreeWidgetItem([self.tr("%1（%2 件）").replace("%1", queue.label).replace("%2", str(queue.total)),
                                   "", "" if queue.total else self.tr("无")])
            top.setFont(0, bold)
            top.setToolTip(0, queue.hint)
            top.setToolTip(2, queue.hint)
            top.setData(0, Qt.ItemDataRole.UserRole, None)
            if not queue.total:
                top.setForeground(0, QBrush(QColor("#6b7280")))
            pending += queue.total
            for item in queue.items:
                child = QTreeWidgetItem([case_number_words(item.number, item.state), item.party,
                                         f"{item.state_label}  {item.note}".strip()])
                child.setData(0, Qt.ItemDataRole.UserRole, item.case_id)
                child.setToolTip(2, item.note or item.state_label)
                top.addChild(child)
            if queue.total > len(queue.items):
                more = QTreeWidgetItem([self.tr("……另有 %1 件，请在“案件”中查询")
                                        .replace("%1", str(queue.total - len(queue.items))), "", ""])
                more.setForeground(0, QBrush(QColor("#6b7280")))
                top.addChild(more)
                hints.append(more)
            self.work_tree.addTopLevelItem(top)
            top.setExpanded(bool(queue.total))
        for more in hints:  # the whole sentence, across the columns (F22); only once in the tree
            more.setFirstColumnSpanned(True)
        if not data.queues:
            self.work_empty.setText(self.tr("您的角色没有待办事项；可在“案件”中查阅全部案件。"))
        elif not pending:
            self.work_empty.setText(self.tr("目前没有待办的案件。"))
        else:
            self.work_empty.setText(self.tr("双击案件打开办案页面。"))

    def _fill_warnings(self, data: Worklist) -> None:
        table = self.deadline_table
        table.setRowCount(len(data.warnings))
        for r, w in enumerate(data.warnings):
            colours = OVERDUE_COLOURS if w.status == "overdue" else DUE_SOON_COLOURS
            cells = [self._warning_word(w), w.label, w.due.isoformat(), case_number_words(w.number, "clue" if w.kind == "filing" else ""), w.party]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, w.case_id)
                item.setToolTip(f"{w.label}：{w.article}")
                if c == 0:
                    item.setBackground(QBrush(QColor(colours[0])))
                    item.setForeground(QBrush(QColor(colours[1])))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        for c in range(table.columnCount()):
            header.resizeSection(c, min(header.sectionSize(c) + 12, 240))
        shown_overdue = sum(1 for w in data.warnings if w.status == "overdue")
        shown_soon = len(data.warnings) - shown_overdue
        if not data.warnings:
            self.deadline_note.setText(self.tr("没有已逾期或 3 个工作日内到期的期限。"))
        elif shown_overdue < data.overdue_total or shown_soon < data.due_soon_total:
            self.deadline_note.setText(self.tr("仅列出最近的 %1 项；全部逾期案件可在“案件”中勾选“只看有逾期期限的案件”查询。")
                                       .replace("%1", str(len(data.warnings))))
        else:
            self.deadline_note.setText(self.tr("双击一行打开案件。"))

    def _warning_word(self, w: DeadlineWarning) -> str:
        if w.status == "overdue":
            return self.tr("已逾期 %1 天").replace("%1", str(max(1, w.days)))
        if w.days <= 0:
            return self.tr("今天到期")
        return self.tr("还有 %1 个工作日").replace("%1", str(w.days))

    # -- opening ----------------------------------------------------------------------------

    def _work_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        case_id = item.data(0, Qt.ItemDataRole.UserRole)
        if case_id:
            self.open_case.emit(str(case_id))

    def _warning_activated(self, row: int, _column: int = 0) -> None:
        item = self.deadline_table.item(row, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self.open_case.emit(str(item.data(Qt.ItemDataRole.UserRole)))
