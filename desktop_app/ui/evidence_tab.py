"""证据 — the evidence tab of the case workspace: the case's 证据清单 with thumbnails (placeholders for
audio, video and documents), files added by dialog or drag and drop and imported in the background with
a progress dialog and 取消, an image viewer, other types opened with the system's program, and the
state of the evidence store (when it was last verified and what was found).

Opening an item (not its list thumbnail) and exporting it are custody records, written by the services."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import evidence as evidence_service
from desktop_app.services import evidence_custody, evidence_fixity
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError
from desktop_app.services.evidence import AddResult, EvidenceInfo, EvidenceInput, ImportCancelledError
from desktop_app.services.evidence_custody import Opened
from desktop_app.ui.elided_label import ElidedLabel
from desktop_app.ui.evidence_dialogs import (
    AddEvidenceDialog,
    EvidenceListDialog,
    ImageViewer,
    size_text,
    when_text,
)
from desktop_app.ui.runner import Cancelled, Job, JobControl, Runner
from desktop_app.ui.runner import runner as app_runner
from desktop_app.ui.widgets import TONES, action_button, show_error, show_info

THUMB = 72
PROGRESS_STEPS = 1000


def _thumbnail_job(ctx: AppContext, item: EvidenceInfo) -> tuple[str, Path | None]:
    return item.sha256, evidence_custody.thumbnail(ctx, item)


def _placeholder(text: str, background: str = "#e5e7eb", foreground: str = "#374151") -> QIcon:
    """A square with a word in it, where a thumbnail can't be (video, audio, PDF, a damaged image)."""
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QBrush(QColor(background)))
    painter.setPen(QColor("#9ca3af"))
    painter.drawRoundedRect(2, 2, THUMB - 4, THUMB - 4, 6, 6)
    painter.setPen(QColor(foreground))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


# ---------------------------------------------------------------------------------------------------
# The tab


class EvidenceTab(QWidget):
    """The evidence of one case. `import_finished` carries the AddResult, the ServiceError that refused
    it, or None when it was cancelled; `changed` follows every change the tab made. Long work goes
    through the application's runner (desktop_app.ui.runner)."""

    COLUMNS = ("", "编号", "证据类型", "证据名称", "文件名", "大小", "取证人", "取证时间", "取证地点", "执法记录仪",
               "状态")

    import_finished = Signal(object)
    changed = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, case_id: str, parent: QWidget | None = None,
                 runner: Runner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceTab")
        self.ctx, self.actor, self.case_id = ctx, actor, case_id
        self.runner = runner or app_runner()
        self.items: list[EvidenceInfo] = []
        self.case_number: str | None = None
        self._thumbs: dict[str, QIcon] = {}
        self._thumbs_loading: set[str] = set()
        self._placeholders: dict[str, QIcon] = {}
        self.dialog: QDialog | None = None  # the last dialog opened (tests and the workspace use it)
        self.setAcceptDrops(True)

        self.fixity_label = QLabel()
        self.fixity_label.setObjectName("fixityStatus")
        self.fixity_label.setWordWrap(True)
        self.verify_button = QPushButton(self.tr("校验证据库"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setToolTip(self.tr("重新计算证据库中每个文件的 SHA-256，报告被改动、缺失和未登记的文件"))
        self.verify_button.clicked.connect(self.verify_store)

        self.add_action = self._action(self.tr("添加证据…"), "addEvidence", self.choose_files)
        self.view_action = self._action(self.tr("查看"), "viewEvidence", self.view_current)
        self.open_action = self._action(self.tr("用系统程序打开"), "openEvidence", self.open_current)
        self.export_action = self._action(self.tr("导出…"), "exportEvidence", self.export_current)
        self.list_action = self._action(self.tr("证据清单"), "evidenceList", self.show_list)
        # F5 and Ctrl+N belong to the main window (refresh, new clue): no shortcuts of our own here.
        self.refresh_action = self._action(self.tr("刷新"), "refreshEvidence", self.refresh)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("evidenceTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) if c else "" for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 8)
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.view_action, self.open_action, self.export_action])
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.view_current())
        self.empty_label = QLabel(self.tr("还没有证据。点击“添加证据”，或把文件拖到这里。"))
        self.empty_label.setObjectName("emptyHint")
        self.footer = QLabel()
        self.footer.setObjectName("listFooter")

        top = QHBoxLayout()
        top.addWidget(self.fixity_label, 1)
        top.addWidget(self.verify_button)
        tools = QHBoxLayout()
        for action in (self.add_action, self.view_action, self.open_action, self.export_action, self.list_action,
                       self.refresh_action):
            tools.addWidget(action_button(action))
        tools.addStretch(1)
        # cut with “…” on a narrow window rather than widening it (1366×768 at 150 %)
        hint = ElidedLabel()
        hint.setText(self.tr("可把文件拖到此处添加；打开、导出均记入证据保管记录。"))
        hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        hint.setObjectName("dropHint")
        tools.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.footer)
        self.refresh()

    # The narrowest a column is, empty or not (F11: before any row the headers were crammed together and
    # 状态 took the rest); 证据名称 takes what is left over.
    MIN_WIDTHS = {"编号": 64, "证据类型": 90, "证据名称": 180, "文件名": 160, "大小": 70, "取证人": 80,
                  "取证时间": 130, "取证地点": 110, "执法记录仪": 90, "状态": 90}
    STRETCH = "证据名称"

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        metrics = header.fontMetrics()
        for c, name in enumerate(self.COLUMNS):
            if c == 0:
                continue
            text = metrics.horizontalAdvance(self.tr(name)) + 24
            header.resizeSection(c, min(max(header.sectionSize(c) + 12, text, self.MIN_WIDTHS.get(name, 60)), 360))
        self.table.setColumnWidth(0, THUMB + 12)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.COLUMNS.index(self.STRETCH), QHeaderView.ResizeMode.Stretch)

    def _action(self, text: str, name: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    # -- the list -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """The case workspace calls this after every change to the case."""
        self.refresh()

    def refresh(self) -> None:
        try:
            self.items = evidence_service.list_evidence(self.ctx, self.actor, self.case_id)
            why_not = evidence_service.why_not_add(self.ctx, self.actor, self.case_id)
        except ServiceError as exc:
            self.items, why_not = [], str(exc)
        self.case_number = self.items[0].case_number if self.items else self.case_number
        self.add_action.setEnabled(why_not is None)
        self.add_action.setToolTip(why_not or self.tr("选择证据文件并登记"))
        self.setAcceptDrops(why_not is None)
        keep = self.current_item()
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            self._fill_row(r, item)
        self._fit_columns()
        self.footer.setText(self.tr("共 %1 条").replace("%1", str(len(self.items))))
        self.empty_label.setVisible(not self.items)
        if keep is not None:
            for r, item in enumerate(self.items):
                if item.id == keep.id:
                    self.table.selectRow(r)
        self._selection_changed()
        self._show_fixity(evidence_fixity.last_fixity(self.ctx))
        self._load_thumbnails()

    def _fill_row(self, r: int, item: EvidenceInfo) -> None:
        if item.removed:
            state, tone = self.tr("已删除：%1").replace("%1", item.removal_reason or ""), "muted"
        elif item.flags:
            state, tone = "；".join(item.flag_labels), "warn"
        else:
            state, tone = self.tr("正常"), None
        cells = ["", str(item.number), item.type_label, item.title, item.original_name, size_text(item.size),
                 item.collected_by_name, when_text(item.collected_at), item.place, item.device or "", state]
        for c, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            if c in (1, 5):
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if tone is not None and c == len(cells) - 1:
                background, foreground = TONES[tone]
                cell.setBackground(QBrush(QColor(background)))
                cell.setForeground(QBrush(QColor(foreground)))
                cell.setToolTip(item.flag_note or state)
            self.table.setItem(r, c, cell)
        icon_cell = self.table.item(r, 0)
        assert icon_cell is not None
        icon_cell.setIcon(self._thumbs.get(item.sha256) or self._placeholder_for(item))
        icon_cell.setToolTip(item.mime_type)

    def _placeholder_for(self, item: EvidenceInfo) -> QIcon:
        if item.removed:
            key, bg = self.tr("已删除"), "#f3f4f6"
        elif "corrupt_image" in item.flags or "corrupt_pdf" in item.flags:
            key, bg = self.tr("已损坏"), TONES["bad"][0]
        elif item.mime_type.startswith("video/"):
            key, bg = self.tr("视频"), "#dbeafe"
        elif item.mime_type.startswith("audio/"):
            key, bg = self.tr("音频"), "#ede9fe"
        elif item.mime_type == "application/pdf":
            key, bg = "PDF", "#fee2e2"
        elif item.is_image:
            key, bg = self.tr("图片"), "#e5e7eb"
        else:
            key, bg = self.tr("文件"), "#e5e7eb"
        if key not in self._placeholders:
            self._placeholders[key] = _placeholder(key, bg)
        return self._placeholders[key]

    def _load_thumbnails(self) -> list[Job]:
        """Thumbnails are made (and cached) in the background, one job per image; rows show a
        placeholder until theirs arrives."""
        jobs = []
        pending = {i.sha256: i for i in self.items if i.is_image and not i.removed and not i.flags
                   and i.sha256 not in self._thumbs and i.sha256 not in self._thumbs_loading}
        for sha, item in pending.items():
            self._thumbs_loading.add(sha)
            # Bound methods only: Qt drops their connections if the tab is closed meanwhile.
            jobs.append(self.runner.submit(_thumbnail_job, self.ctx, item, on_done=self._thumbnail_ready,
                                           on_error=self._ignore))
        return jobs

    def _ignore(self, _error: BaseException) -> None:
        """A thumbnail that could not be made keeps its placeholder (thumbnail() never raises)."""

    def _thumbnail_ready(self, found: tuple[str, Path | None]) -> None:
        sha, path = found
        self._thumbs_loading.discard(sha)
        if path is None:
            return
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            return
        self._thumbs[sha] = QIcon(pixmap)
        for r, item in enumerate(self.items):
            cell = self.table.item(r, 0)
            if item.sha256 == sha and cell is not None:
                cell.setIcon(self._thumbs[sha])

    def thumbnail_count(self) -> int:
        return len(self._thumbs)

    def current_item(self) -> EvidenceInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not (0 <= rows[0].row() < len(self.items)):
            return None
        return self.items[rows[0].row()]

    def select_number(self, number: int) -> bool:
        for r, item in enumerate(self.items):
            if item.number == number:
                self.table.selectRow(r)
                return True
        return False

    def _selection_changed(self) -> None:
        item = self.current_item()
        usable = item is not None and not item.removed
        why = self.tr("请先在列表中选择一项证据") if item is None else self.tr("该证据已删除")
        for action in (self.view_action, self.open_action, self.export_action):
            action.setEnabled(usable)
            action.setToolTip(action.text() if usable else why)

    # -- fixity -------------------------------------------------------------------------------------

    def _show_fixity(self, status: evidence_fixity.FixityStatus | None) -> None:
        if status is None:
            text, tone = self.tr("证据库尚未校验。点击“校验证据库”检查文件是否完好。"), "warn"
        elif status.ok:
            text = (self.tr("证据库上次校验：%1，%2 个文件完好，无缺失，无未登记文件。")
                    .replace("%1", when_text(status.verified_at)).replace("%2", str(status.checked)))
            tone = "ok"
        else:
            text = (self.tr("证据库上次校验：%1，发现 %2 个问题（文件被改动、缺失或未登记）。")
                    .replace("%1", when_text(status.verified_at)).replace("%2", str(status.problems)))
            tone = "bad"
        background, foreground = TONES[tone]
        self.fixity_label.setText(text)
        self.fixity_label.setProperty("tone", tone)
        self.fixity_label.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; "
                                        "border: 1px solid #d1d5db; border-radius: 3px; padding: 4px 8px; }")

    def verify_store(self) -> Job:
        ctx = self.ctx

        def work(control: JobControl) -> evidence_fixity.FixityResult:
            return evidence_fixity.verify_store(ctx, control.progress)

        self.verify_button.setEnabled(False)
        job = self.runner.submit(work, with_control=True, on_done=self._verified, on_error=self._verify_failed,
                                 progress_title=self.tr("正在校验证据库…"), parent=self)
        job.finished.connect(self._verify_ended)
        return job

    def _verify_failed(self, error: BaseException) -> None:
        self._error(error, self.tr("证据库校验"))

    def _verify_ended(self) -> None:
        self.verify_button.setEnabled(True)

    def _verified(self, result: evidence_fixity.FixityResult) -> None:
        self._show_fixity(evidence_fixity.last_fixity(self.ctx))
        if result.ok:
            self.dialog = show_info(self, self.tr("证据库校验通过：%1 个文件完好。").replace("%1", str(result.checked)),
                                    self.tr("证据库校验"))
        else:
            lines = "\n".join(f.message for f in result.findings[:30])
            more = self.tr("\n另有 %1 个问题。").replace("%1", str(len(result.findings) - 30)) \
                if len(result.findings) > 30 else ""
            self.dialog = show_error(self, ServiceError(
                self.tr("证据库校验发现 %1 个问题：\n").replace("%1", str(len(result.findings))) + lines + more),
                self.tr("证据库校验"))

    # -- adding -------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("选择证据文件"))
        dialog.setObjectName("chooseEvidenceFiles")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda names: self.ask_details([Path(n) for n in names]))
        self.dialog = dialog
        dialog.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.add_action.isEnabled() and self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self.add_action.isEnabled():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._dropped_files(event)
        if not files or not self.add_action.isEnabled():
            event.ignore()
            return
        event.acceptProposedAction()
        self.ask_details(files)

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and Path(u.toLocalFile()).is_file()]

    def ask_details(self, files: Sequence[Path]) -> AddEvidenceDialog | None:
        if not files:
            return None
        dialog = AddEvidenceDialog(self.ctx, self.actor, self.case_id, files, self)
        dialog.done_ok.connect(lambda: self.start_import(dialog.files, dialog.evidence_input()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def start_import(self, files: Sequence[Path], inp: EvidenceInput) -> Job:
        """Import in the background with a progress dialog and 取消; nothing is kept when cancelled."""
        ctx, actor, case_id, paths = self.ctx, self.actor, self.case_id, [Path(f) for f in files]
        done: list[AddResult] = []

        def work(control: JobControl) -> AddResult:
            def progress(n: int, total: int) -> None:
                # Scaled: the runner's progress is a C int, and a video passes 2**31 bytes.
                control.progress(n * PROGRESS_STEPS // total if total else PROGRESS_STEPS, PROGRESS_STEPS)

            try:
                result = evidence_service.add_evidence(ctx, actor, case_id, paths, inp, progress, control.cancelled)
            except ImportCancelledError:
                raise Cancelled() from None
            done.append(result)
            return result

        def cancelled() -> None:
            if not shiboken6.isValid(self):
                return  # the tab was closed meanwhile
            if done:  # 取消 pressed after the last byte: the import had already been recorded
                self._imported(done[0])
                return
            self.dialog = show_info(self, str(ImportCancelledError()), self.tr("已取消"))
            self.import_finished.emit(None)

        return self.runner.submit(
            work, with_control=True, on_done=self._imported, on_error=self._import_failed, on_cancel=cancelled,
            progress_title=self.tr("正在导入 %1 个证据文件…").replace("%1", str(len(paths))), parent=self)

    def _imported(self, result: AddResult) -> None:
        self.refresh()
        if result.items:
            self.select_number(result.items[-1].number)
        if result.warnings:
            self.dialog = show_info(self, "\n".join(result.warnings), self.tr("证据已导入"))
        self.changed.emit()
        self.import_finished.emit(result)

    def _import_failed(self, error: BaseException) -> None:
        self._error(error, self.tr("证据未导入"))
        self.import_finished.emit(error)

    def _error(self, error: BaseException, title: str | None = None) -> None:
        if not isinstance(error, ServiceError):
            error = ServiceError(self.tr("操作未完成：程序出现内部错误。详细信息已写入日志文件。"))
        self.dialog = show_error(self, error, title)

    # -- opening and exporting ------------------------------------------------------------------------

    def view_current(self) -> Job | None:
        """An image in the viewer, anything else with the system's program (custody logged)."""
        item = self.current_item()
        if item is None or item.removed:
            return None
        if not item.is_image:
            return self.open_current()
        return self.runner.submit(evidence_custody.view_image, self.ctx, self.actor, item.id,
                                  on_done=self._show_image, on_error=self._error, parent=self)

    def _show_image(self, opened: Opened) -> None:
        viewer = ImageViewer(opened, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = viewer
        viewer.open()

    def open_current(self) -> Job | None:
        item = self.current_item()
        if item is None or item.removed:
            return None
        return self.runner.submit(evidence_custody.open_evidence, self.ctx, self.actor, item.id,
                                  on_done=self._open_with_system, on_error=self._error, parent=self)

    def _open_with_system(self, opened: Opened) -> None:
        if opened.path is None or not QDesktopServices.openUrl(QUrl.fromLocalFile(str(opened.path))):
            self.dialog = show_error(self, ServiceError(
                self.tr("系统中没有可打开此类文件（%1）的程序。可用“导出”把文件另存后再打开。")
                .replace("%1", opened.item.mime_type)))

    def export_current(self) -> None:
        item = self.current_item()
        if item is None or item.removed:
            return
        dialog = QFileDialog(self, self.tr("导出证据"))
        dialog.setObjectName("exportEvidenceFile")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(item.original_name)
        dialog.fileSelected.connect(lambda name: self.export_to(item, Path(name)))
        self.dialog = dialog
        dialog.open()

    def export_to(self, item: EvidenceInfo, target: Path) -> Job:
        ctx, actor = self.ctx, self.actor

        def work(control: JobControl) -> Path:
            def progress(n: int, total: int) -> None:
                control.progress(n * PROGRESS_STEPS // total if total else PROGRESS_STEPS, PROGRESS_STEPS)

            try:
                return evidence_custody.export_evidence(ctx, actor, item.id, target, progress, control.cancelled)
            except ImportCancelledError:
                raise Cancelled() from None

        return self.runner.submit(
            work, with_control=True, on_done=self._exported, on_error=self._export_failed,
            progress_title=self.tr("正在导出证据第 %1 号…").replace("%1", str(item.number)), parent=self)

    def _exported(self, path: Path) -> None:
        self.dialog = show_info(self, self.tr("已导出到 %1").replace("%1", str(path)), self.tr("导出证据"))

    def _export_failed(self, error: BaseException) -> None:
        self._error(error, self.tr("导出证据"))

    def show_list(self) -> EvidenceListDialog:
        dialog = EvidenceListDialog(self.items, self.case_number, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
