"""案件 list: a 查询 panel (search, state, item category, officer, date range, overdue) over the paged
case model, 共 N 条 under it, the column layout remembered, export of the view to Excel."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case_states import STATE_LABELS, CaseState
from desktop_app.domain.roles import Role
from desktop_app.services import items as items_service
from desktop_app.services import officers as officers_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases.export import ExportCancelled, export_cases
from desktop_app.services.cases.queries import SHORT_QUERY, CaseFilter
from desktop_app.services.context import AppContext
from desktop_app.ui.case_model import COLUMNS, CaseTableModel
from desktop_app.ui.layouts import FlowLayout
from desktop_app.ui.runner import Job, JobControl, report_error, runner
from desktop_app.ui.widgets import date_edit, from_qdate, show_info

logger = logging.getLogger(__name__)

# The states shown in the state filter, in the order of the procedure.
STATE_ORDER = [CaseState.CLUE, CaseState.ACCEPTED, CaseState.FILED, CaseState.INVESTIGATING,
               CaseState.INVESTIGATED, CaseState.NOTIFIED, CaseState.HEARING, CaseState.LEGAL_REVIEW,
               CaseState.DISCUSSION, CaseState.DECIDED, CaseState.SERVED, CaseState.EXECUTING, CaseState.CLOSED,
               CaseState.ARCHIVED, CaseState.SUSPENDED, CaseState.TRANSFERRED, CaseState.WITHDRAWN,
               CaseState.REJECTED, CaseState.NOT_FILED]


FILTER_GAP = 6  # added to the flow's spacing after each filter of the 查询 panel


def ui_settings(ctx: AppContext) -> QSettings:
    """Per data directory (tests and demos stay apart from a real office's layout)."""
    return QSettings(str(ctx.data_dir.root / "ui-settings.ini"), QSettings.Format.IniFormat)


class CaseListPage(QWidget):
    """The list of cases a user may read; `open_case` carries the chosen case's id."""

    open_case = Signal(str)
    new_clue_requested = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, *, title: str = "案件", preset_state: str | None = None,
                 settings_key: str = "caseList", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.preset_state = preset_state
        self.settings_key = settings_key
        today = ctx.clock.today()
        items = items_service.list_items(ctx, today)
        self.model = CaseTableModel(ctx, actor, {i.code: i.name for i in items}, self)

        heading = QLabel(self.tr(title))
        heading.setObjectName("pageTitle")

        # -- 查询 panel ----------------------------------------------------------------------
        panel = QGroupBox(self.tr("查询"))
        panel.setObjectName("queryPanel")
        rows = QVBoxLayout(panel)
        rows.setSpacing(8)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("案号、当事人、证件号码、地址、违法事实"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.apply_query)
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("stateCombo")
        self.state_combo.addItem(self.tr("全部状态"), None)
        for st in STATE_ORDER:
            self.state_combo.addItem(STATE_LABELS[st], st.value)
        if preset_state:
            self.state_combo.setCurrentIndex(self.state_combo.findData(preset_state))
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryCombo")
        self.category_combo.addItem(self.tr("全部类别"), None)
        for category in sorted({i.category for i in items if i.category}):
            self.category_combo.addItem(category, category)
        self.officer_combo = QComboBox()
        self.officer_combo.setObjectName("officerCombo")
        self.officer_combo.addItem(self.tr("全部人员"), None)
        for o in officers_service.list_officers(ctx, today):
            if o.login:
                self.officer_combo.addItem(o.name, o.login)
        self.date_check = QCheckBox(self.tr("发现日期"))
        self.date_check.setObjectName("dateCheck")
        self.date_from = date_edit(today - timedelta(days=90), maximum=today)
        self.date_to = date_edit(today, maximum=today)
        for w in (self.date_from, self.date_to):
            w.setEnabled(False)
        self.date_check.toggled.connect(self.date_from.setEnabled)
        self.date_check.toggled.connect(self.date_to.setEnabled)
        self.overdue_check = QCheckBox(self.tr("只看有逾期期限的案件"))
        self.overdue_check.setObjectName("overdueCheck")
        self.query_button = QPushButton(self.tr("查询"))
        self.query_button.setObjectName("queryButton")
        self.query_button.setDefault(True)
        self.query_button.clicked.connect(self.apply_query)
        self.reset_button = QPushButton(self.tr("重置"))
        self.reset_button.setObjectName("resetButton")
        self.reset_button.clicked.connect(self.reset_query)

        # 检索 with 查询/重置 on the first line, the filters below in a flow that takes a second line
        # where the window is narrow (1366×768 at 150 % leaves the page about 745 px): the panel once
        # asked 900 px, and the pages' stack kept that for every page, the open case included
        search_row = QHBoxLayout()
        search_row.addWidget(self._labelled(self.tr("检索："), self.search_edit, fixed=False), 1)
        search_row.addSpacing(6)
        search_row.addWidget(self.query_button)
        search_row.addWidget(self.reset_button)
        filters = FlowLayout(spacing=8)
        dates = QWidget()
        dates_layout = QHBoxLayout(dates)
        dates_layout.setContentsMargins(0, 0, FILTER_GAP, 0)
        dates_layout.setSpacing(4)
        dates_layout.addWidget(self.date_check)
        dates_layout.addWidget(self.date_from)
        dates_layout.addWidget(QLabel(self.tr("至")))
        dates_layout.addWidget(self.date_to)
        dates.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        groups = [self._labelled(self.tr("状态："), self.state_combo),
                  self._labelled(self.tr("事项类别："), self.category_combo),
                  self._labelled(self.tr("执法人员："), self.officer_combo), dates,
                  self._labelled(None, self.overdue_check)]
        line = max(g.sizeHint().height() for g in groups)
        for group in groups:
            group.setMinimumHeight(line)  # one height: the check boxes sit level with the combo boxes
            filters.addWidget(group)
        rows.addLayout(search_row)
        rows.addLayout(filters)

        self.search_hint = QLabel()
        self.search_hint.setObjectName("searchHint")
        self.search_hint.setStyleSheet("QLabel { color: #4b5563; }")
        self.search_hint.setWordWrap(True)
        self.search_hint.hide()

        # -- the table ----------------------------------------------------------------------
        self.view = QTableView()
        self.view.setObjectName("caseTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, col in enumerate(COLUMNS):
            header.resizeSection(i, col.width)
        self._restore_layout()
        sort_section, order = self.model.sort_column()
        header.setSortIndicator(sort_section, order)
        self.view.setSortingEnabled(True)
        header.sectionResized.connect(lambda *_: self._save_layout())
        header.sectionMoved.connect(lambda *_: self._save_layout())
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        open_action = QAction(self.tr("打开案件"), self.view)
        open_action.triggered.connect(self._open_current)
        self.view.addAction(open_action)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setStyleSheet("QLabel { color: #4b5563; padding: 4px 2px; }")
        self.empty_label.hide()
        self.footer = QLabel()
        self.footer.setObjectName("listFooter")
        self.new_button = QPushButton(self.tr("登记线索"))
        self.new_button.setObjectName("newClueButton")
        self.new_button.setToolTip(self.tr("登记新的案件线索（Ctrl+N）"))
        self.new_button.clicked.connect(self.new_clue_requested.emit)
        if not actor.has(Role.OFFICER, Role.TEAM_LEAD, Role.LEADER):
            self.new_button.hide()  # (never setVisible(True) on a widget without a parent: it becomes a window)
        self.export_button = QPushButton(self.tr("导出 Excel"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(self.tr("把当前查询结果（全部页）导出为 .xlsx 文件"))
        self.export_button.clicked.connect(self.export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.footer)
        bottom.addStretch(1)
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.export_button)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(panel)
        layout.addWidget(self.search_hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(bottom)

        focus = QAction(self)
        focus.setShortcut(QKeySequence.StandardKey.Find)
        focus.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus.triggered.connect(self.focus_search)
        self.addAction(focus)

        self.model.loaded.connect(self._loaded)
        self.model.rowsInserted.connect(lambda *_: self._update_footer())
        self.model.page_failed.connect(lambda exc: report_error(self, exc, self.tr("案件列表未能载入")))
        self.export_job: Job | None = None
        self.apply_query()

    @staticmethod
    def _labelled(label: str | None, field: QWidget, *, fixed: bool = True) -> QWidget:
        """A filter and its label kept together on one line of the 查询 panel."""
        group = QWidget()
        layout = QHBoxLayout(group)
        # more air between one filter and the next than between the lines (nothing shows at a line's end)
        layout.setContentsMargins(0, 0, FILTER_GAP if fixed else 0, 0)
        layout.setSpacing(4)
        if label is not None:
            caption = QLabel(label)
            caption.setBuddy(field)
            layout.addWidget(caption)
        layout.addWidget(field, 1)
        if fixed:  # as wide as it asks (the flow never stretches it nor cuts it)
            group.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return group

    # -- query ------------------------------------------------------------------------------

    def current_filter(self) -> CaseFilter:
        text = self.search_edit.text().strip()
        return CaseFilter(
            state=self.state_combo.currentData(),
            search=text or None,
            overdue=self.overdue_check.isChecked(),
            item_category=self.category_combo.currentData(),
            officer=self.officer_combo.currentData(),
            opened_from=from_qdate(self.date_from.date()) if self.date_check.isChecked() else None,
            opened_to=from_qdate(self.date_to.date()) if self.date_check.isChecked() else None,
        )

    def apply_query(self) -> None:
        self.footer.setText(self.tr("正在查询……"))
        self.model.set_filter(self.current_filter())

    def reset_query(self) -> None:
        self.search_edit.clear()
        self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(self.preset_state))
                                         if self.preset_state else 0)
        self.category_combo.setCurrentIndex(0)
        self.officer_combo.setCurrentIndex(0)
        self.date_check.setChecked(False)
        self.overdue_check.setChecked(False)
        self.apply_query()

    def reload(self) -> None:
        """F5: the same query again."""
        self.model.reload()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _loaded(self, total: int, short: bool) -> None:
        text = self.model.filter.search or ""
        if short and text:
            self.search_hint.setText(self.tr(
                "检索词少于 %1 个字：只检索了案号、当事人名称和证件号码。输入 %1 个字以上可同时检索地址和违法事实。")
                .replace("%1", str(SHORT_QUERY)))
            self.search_hint.show()
        else:
            self.search_hint.hide()
        filtered = any((text, self.model.filter.state != self.preset_state, self.model.filter.overdue,
                        self.model.filter.item_category, self.model.filter.officer, self.model.filter.opened_from))
        if total == 0:
            if filtered:
                self.empty_label.setText(self.tr("没有符合条件的案件。请修改查询条件，或点击“重置”。"))
            elif self.new_button.isVisible():
                self.empty_label.setText(self.tr("还没有案件。点击“登记线索”开始。"))
            else:
                self.empty_label.setText(self.tr("还没有您可以查看的案件。"))
            self.empty_label.show()
        else:
            self.empty_label.hide()
        self._update_footer()

    def _update_footer(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if shown < total:
            self.footer.setText(self.tr("共 %1 条（已显示 %2 条，向下滚动显示更多）")
                                .replace("%1", str(total)).replace("%2", str(shown)))
        else:
            self.footer.setText(self.tr("共 %1 条").replace("%1", str(total)))

    # -- opening ----------------------------------------------------------------------------

    def _activated(self, index: object) -> None:
        row = getattr(index, "row", lambda: -1)()
        case_id = self.model.case_id(row)
        if case_id:
            self.open_case.emit(case_id)

    def _open_current(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self._activated(rows[0])

    # -- layout -----------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        state = ui_settings(self.ctx).value(f"{self.settings_key}/header")
        if state is None:
            return
        header = self.view.horizontalHeader()
        header.restoreState(state)
        section = header.sortIndicatorSection()
        key = COLUMNS[section].sort if 0 <= section < len(COLUMNS) else None
        if key is not None:
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            self.model.filter = replace(self.model.filter, sort=key, descending=descending)

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if not (0 <= column < len(COLUMNS)) or COLUMNS[column].sort is None:
            # not sortable in SQL: put the indicator back where the rows are really sorted
            header = self.view.horizontalHeader()
            current, current_order = self.model.sort_column()
            header.blockSignals(True)
            header.setSortIndicator(current, current_order)
            header.blockSignals(False)
            return
        self._save_layout()

    def _save_layout(self) -> None:
        settings = ui_settings(self.ctx)
        settings.setValue(f"{self.settings_key}/header", self.view.horizontalHeader().saveState())
        settings.sync()

    # -- export -----------------------------------------------------------------------------

    def export(self) -> None:
        default = self.ctx.data_dir.exports / f"案件列表-{self.ctx.clock.today().isoformat()}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出案件列表"), str(default),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        flt = self.model.filter
        today: date = self.model.today

        def work(control: JobControl) -> int:
            try:
                return export_cases(self.ctx, self.actor, flt, path, today, progress=control.progress,
                                    cancelled=control.cancelled)
            except ExportCancelled:
                control.cancel()
                return 0

        self.export_button.setEnabled(False)
        job = runner().submit(
            work, with_control=True, progress_title=self.tr("正在导出案件列表……"), parent=self,
            on_done=lambda n: show_info(self, self.tr("已导出 %1 件案件到：\n%2").replace("%1", str(n))
                                        .replace("%2", str(path)), self.tr("导出完成")),
            on_cancel=lambda: show_info(self, self.tr("导出已取消，未生成文件。"), self.tr("导出已取消")))
        job.finished.connect(lambda: self.export_button.setEnabled(True))
        self.export_job = job
