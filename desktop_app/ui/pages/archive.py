"""归档 for the archive clerk: closed cases waiting to be archived, longest waiting first, with a
查询 panel, 序号 and "共 N 条"; 归档 asks for confirmation and goes through the workflow's own step
(services.archiving → perform). Binding the case file comes in a later issue, and the page says so."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.actor import Actor
from desktop_app.services.archiving import ArchivePage as ArchiveRows
from desktop_app.services.archiving import ArchiveRow, archive_case, cases_to_archive
from desktop_app.services.cases.actions import ActionResult
from desktop_app.services.context import AppContext
from desktop_app.ui.formatting import case_number_words
from desktop_app.ui.runner import report_error, runner
from desktop_app.ui.widgets import Cell, ListTable, Row, banner, show_info


class ArchivePage(QWidget):
    """`open_case` opens a case in the workspace; `changed` tells the other lists a case moved on."""

    open_case = Signal(str)
    changed = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.data: ArchiveRows | None = None
        self.confirm_box: QMessageBox | None = None
        title = QLabel(self.tr("归档"))
        title.setObjectName("pageTitle")
        self.note = banner(self.tr("归档目前只登记案件已归档（状态改为“已归档”）；案卷装订——卷内目录、页码和卷宗 PDF——"
                                   "将在后续版本提供。纸质案卷请仍按档案管理规定整理装订。"), tone="info")
        self.note.setObjectName("bindingNote")

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("archiveSearch")
        self.search_edit.setPlaceholderText(self.tr("案号、当事人或证件号码"))
        self.search_edit.returnPressed.connect(self.reload)
        query = QPushButton(self.tr("查询"))
        query.setObjectName("archiveQuery")
        query.clicked.connect(self.reload)
        reset = QPushButton(self.tr("重置"))
        reset.setObjectName("archiveReset")
        reset.clicked.connect(self.reset_query)
        panel = QHBoxLayout()
        panel.addWidget(QLabel(self.tr("查询：")))
        panel.addWidget(self.search_edit, 1)
        panel.addWidget(query)
        panel.addWidget(reset)

        self.list = ListTable([self.tr("案号"), self.tr("当事人"), self.tr("执法事项"), self.tr("结案日期"),
                               self.tr("已等待"), self.tr("结案理由")],
                              empty_text=self.tr("没有待归档的案件。案件结案后会出现在这里。"), stretch=5,
                              key=lambda row: row.case_id, max_widths={1: 220, 2: 260})
        self.list.setObjectName("archiveList")
        self.list.activated.connect(lambda row: self.open_case.emit(row.case_id))
        self.list.selection_changed.connect(self._selection_changed)
        self.archive_action = QAction(self.tr("归档"), self)
        self.archive_action.triggered.connect(self.archive_selected)
        self.open_action = QAction(self.tr("打开案件"), self)
        self.open_action.triggered.connect(self._open_selected)
        self.list.add_actions([self.open_action, self.archive_action])

        self.archive_button = QPushButton(self.tr("归档所选案件"))
        self.archive_button.setObjectName("archiveButton")
        self.archive_button.clicked.connect(self.archive_selected)
        self.open_button = QPushButton(self.tr("打开案件"))
        self.open_button.setObjectName("archiveOpen")
        self.open_button.clicked.connect(self._open_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.archive_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(title)
        layout.addWidget(self.note)
        layout.addLayout(panel)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._selection_changed()
        self.reload()

    # -- loading -----------------------------------------------------------------------------

    def reset_query(self) -> None:
        self.search_edit.clear()
        self.reload()

    def reload(self) -> None:
        today = self.ctx.clock.today()
        runner().submit(lambda: cases_to_archive(self.ctx, self.actor, search=self.search_edit.text(), today=today),
                        on_done=self._show, on_error=lambda exc: report_error(self, exc, self.tr("列表未能加载")),
                        parent=self)

    def _show(self, data: ArchiveRows) -> None:
        self.data = data
        rows = []
        for r in data.rows:
            waiting = Cell(self.tr("%1 天").replace("%1", str(r.waiting_days)), align_right=True,
                           tone="warn" if r.waiting_days > 30 else None)
            number = case_number_words(r.number, "closed", r.procedure) if r.number or r.procedure == "simple" else "—"
            rows.append(Row(r, [number, r.party, f"{r.item_code} {r.item_name}",
                                r.closed_on.isoformat() if r.closed_on else "—", waiting, r.close_reason]))
        self.list.set_rows(rows)
        if data.total > len(data.rows):
            self.list.footer.setText(self.tr("共 %1 条（显示最早结案的 %2 条，可按案号或当事人查询）")
                                     .replace("%1", str(data.total)).replace("%2", str(len(data.rows))))
        else:
            self.list.footer.setText(self.tr("共 %1 条").replace("%1", str(data.total)))
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = self.list.current_data() is not None
        self.archive_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)
        self.archive_action.setEnabled(chosen)
        self.open_action.setEnabled(chosen)
        tip = "" if chosen else self.tr("请先在列表中选择一件案件")
        self.archive_button.setToolTip(tip)

    def _open_selected(self) -> None:
        row = self.list.current_data()
        if isinstance(row, ArchiveRow):
            self.open_case.emit(row.case_id)

    # -- archiving ---------------------------------------------------------------------------

    def archive_selected(self) -> None:
        row = self.list.current_data()
        if not isinstance(row, ArchiveRow):
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("确认归档"),
                          self.tr("将案件 %1（%2）归档。\n\n归档后案卷只能借阅，不能再修改。确定要归档吗？")
                          .replace("%1", row.number or self.tr("（无案号）")).replace("%2", row.party),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmBox")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("确认归档"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)

        def clicked(button: Any) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._archive(row)

        box.buttonClicked.connect(clicked)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm_box = box
        box.open()

    def _archive(self, row: ArchiveRow) -> None:
        self.archive_button.setEnabled(False)
        runner().submit(archive_case, self.ctx, self.actor, row.case_id, on_done=self._archived,
                        on_error=self._failed, progress_title=self.tr("正在归档……"), parent=self)

    def _archived(self, result: ActionResult) -> None:
        show_info(self, self.tr("已归档：%1").replace("%1", result.number or ""), self.tr("归档"))
        self.changed.emit()
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self._selection_changed()
        report_error(self, exc, self.tr("未能归档"))
