"""文书 — the documents tab of the case workspace: the forms the case's state calls for (and those that
apply, and why the others don't), the case's drafts, issued and void documents, a preview inside the
application (QtPdf), printing on A4, opening in the system's PDF viewer, and issuing with a
confirmation that says what will be frozen. Rendering runs in the background."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QMarginsF,
    QObject,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QPageLayout, QPageSize, QPainter, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.clock import to_local
from desktop_app.domain.procedure import ACTION_LABELS, CaseAction
from desktop_app.services import documents as docs_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.documents import DocumentInfo, EditableText, FormStatus
from desktop_app.services.errors import ServiceError
from desktop_app.ui.elided_label import ElidedLabel
from desktop_app.ui.runner import Runner
from desktop_app.ui.runner import runner as app_runner
from desktop_app.ui.widgets import (
    Cell,
    FormDialog,
    ListTable,
    Row,
    action_button,
    allow,
    buttons_row,
    confirm,
    show_error,
    show_info,
)

PRINT_DPI = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("documents_tab", text)


def _when(value: Any) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else ""


class EditDraftDialog(FormDialog):
    """The draft's editable texts (facts, reasons, discretion …), and the pre-printed form number where
    the form takes one. An emptied text goes back to its default.

    For a new draft (`info` None, `new` = (case id, form id, title, default texts)) nothing is stored
    until 保存: cancelling 起草 leaves no empty draft behind (F9). `saved_id` is the draft saved."""

    def __init__(self, ctx: AppContext, actor: Actor, info: DocumentInfo | None, parent: QWidget | None = None,
                 *, new: tuple[str, str, str, list[EditableText]] | None = None) -> None:
        assert info is not None or new is not None
        title = info.title if info is not None else new[2] if new is not None else ""
        super().__init__((_tr("编辑文书草稿：%1") if info is not None else _tr("起草文书：%1")).replace("%1", title),
                         parent, ok_text=_tr("保存"))
        self.setObjectName("editDraftDialog")
        self.setMinimumWidth(640)
        self.ctx, self.actor, self.info, self.new = ctx, actor, info, new
        self.saved_id: str | None = info.id if info is not None else None
        texts = info.texts if info is not None else new[3] if new is not None else []
        form = info.form if info is not None else new[1] if new is not None else ""
        self.original = {t.path: t.value for t in texts}
        self.fields: dict[str, QPlainTextEdit] = {}
        for text in texts:
            edit = QPlainTextEdit(text.value)
            edit.setObjectName(f"text_{text.path.removeprefix('text.')}")
            edit.setMinimumHeight(72)
            self.fields[text.path] = edit
            self.form.addRow(text.label.replace("（可编辑）", ""), edit)
        self.form_number: QLineEdit | None = None
        if form == "on_spot_decision":
            self.form_number = QLineEdit()
            self.form_number.setObjectName("formNumber")
            self.form.addRow(_tr("预印表单编号"), self.form_number)
        if not texts and self.form_number is None:
            self.form.addRow(QLabel(_tr("这份文书的内容全部来自案件，没有可编辑的文字。")))

    def submit(self) -> bool:
        edits = {path: edit.toPlainText() for path, edit in self.fields.items()
                 if edit.toPlainText() != self.original.get(path)}
        number = self.form_number.text() if self.form_number is not None and self.form_number.text() else None
        if self.info is None:
            assert self.new is not None
            case_id, form_id = self.new[0], self.new[1]
            created = docs_service.draft_document(self.ctx, self.actor, case_id, form_id, edits, form_number=number)
            self.saved_id = created.id
        elif edits or number is not None:
            docs_service.update_draft(self.ctx, self.actor, self.info.id, edits, form_number=number)
        return True


class VoidDialog(FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, info: DocumentInfo, parent: QWidget | None = None) -> None:
        super().__init__(_tr("作废文书"), parent, ok_text=_tr("作废"))
        self.setObjectName("voidDialog")
        self.ctx, self.actor, self.info = ctx, actor, info
        note = QLabel(_tr("将作废《%1》%2。作废后文书保留其文号（登记簿不断号），标注为已作废，不能恢复。")
                      .replace("%1", info.title).replace("%2", info.number or _tr("（未编号）")))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.reason = QLineEdit()
        self.reason.setObjectName("voidReason")
        self.form.addRow(_tr("作废理由"), self.reason)

    def submit(self) -> bool:
        docs_service.void_document(self.ctx, self.actor, self.info.id, self.reason.text())
        return True


class PdfPreview(QWidget):
    """The PDF as QtPdf draws it, fitted to the width, every page one under the other; 放大/缩小 (and
    Ctrl+wheel) for a table's small print, 适合宽度 back; each document opens at its first page."""

    ZOOM_STEP = 1.25

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(_tr("选择一份文书预览"))
        self.title.setObjectName("previewTitle")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self._buffer: QBuffer | None = None
        self._bytes = QByteArray()
        self.data: bytes | None = None
        self.zoom_in_button = QPushButton(_tr("放大"))
        self.zoom_out_button = QPushButton(_tr("缩小"))
        self.fit_button = QPushButton(_tr("适合宽度"))
        for button, slot in ((self.zoom_in_button, lambda: self.zoom(self.ZOOM_STEP)),
                             (self.zoom_out_button, lambda: self.zoom(1 / self.ZOOM_STEP)),
                             (self.fit_button, self.fit_width)):
            button.clicked.connect(slot)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.view.viewport().installEventFilter(self)

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            # from 适合宽度: the factor the view shows now (its width over the page's at 100 %)
            size = self.document.pagePointSize(0)
            current = self.view.viewport().width() / (size.width() * 96 / 72) if size.width() > 0 else 1.0
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(4.0, max(0.25, current * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.zoom(self.ZOOM_STEP if event.angleDelta().y() > 0 else 1 / self.ZOOM_STEP)
            return True
        return False

    def show_pdf(self, data: bytes, title: str) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.data = data
        self.title.setText(title)
        self.view.verticalScrollBar().setValue(0)  # each document from its first page

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())


class DocumentsTab(QWidget):
    """The documents of one case (the workspace calls `reload` after every change of the case)."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, case_id: str, parent: QWidget | None = None,
                 runner: Runner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsTab")
        self.ctx, self.actor, self.case_id = ctx, actor, case_id
        self.runner = runner or app_runner()
        self.statuses: list[FormStatus] = []
        self.documents: list[DocumentInfo] = []
        self.dialog: QDialog | None = None  # the last dialog opened (tests use it)
        self.last_opened: Path | None = None
        self._previewed: tuple[str, str] | None = None  # (id, status) of the document in the preview

        # one line (the whole of it on hover): the rows it names are also marked 本阶段需要 and listed first
        self.calls_label = ElidedLabel()
        self.calls_label.setObjectName("callsFor")

        self.forms = ListTable([_tr("文书"), _tr("文号代字"), _tr("当前阶段"), _tr("说明")],
                               empty_text=_tr("没有文书格式定义（forms/）。"), stretch=3,
                               key=lambda s: s.form.id)
        self.forms.setObjectName("formsList")
        self.forms.footer.hide()  # the catalogue of forms: its count tells nothing and costs a row
        self.preview_form_action = self._action(_tr("预览草稿"), "previewForm", self.preview_form)
        self.draft_action = self._action(_tr("起草…"), "draftForm", self.draft_form)
        self.forms.add_actions([self.preview_form_action, self.draft_action])
        self.forms.activated.connect(lambda _s: self.preview_form())
        self.forms.selection_changed.connect(self._update_actions)

        self.table = ListTable([_tr("文书"), _tr("文号"), _tr("状态"), _tr("起草"), _tr("签发"), _tr("送达")],
                               empty_text=_tr("本案还没有文书。在上方选择文书，点击“起草”。"))
        self.table.setObjectName("documentsList")
        self.preview_action = self._action(_tr("预览"), "previewDocument", self.preview_document)
        self.edit_action = self._action(_tr("编辑草稿…"), "editDraft", self.edit_draft)
        self.issue_action = self._action(_tr("签发…"), "issueDocument", self.issue_document)
        self.void_action = self._action(_tr("作废…"), "voidDocument", self.void_document)
        self.correct_action = self._action(_tr("更正"), "correctDocument", self.correct_document)
        self.print_action = self._action(_tr("打印…"), "printDocument", self.print_document)
        self.print_action.setShortcut("Ctrl+P")
        self.print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.open_action = self._action(_tr("用系统程序打开"), "openDocument", self.open_document)
        self.save_action = self._action(_tr("另存为…"), "saveDocument", self.save_document)
        self.table.add_actions([self.preview_action, self.edit_action, self.issue_action, self.void_action,
                                self.correct_action, self.print_action, self.open_action, self.save_action])
        self.table.activated.connect(lambda _d: self.preview_document())
        self.table.selection_changed.connect(self._update_actions)
        self.addAction(self.print_action)

        self.preview = PdfPreview(self)

        self.print_all_button = QPushButton(_tr("打印全部文书…"))
        self.print_all_button.setObjectName("printAllDocuments")
        self.print_all_button.setToolTip(_tr("按签发顺序打印本案全部已签发的文书（A4）"))
        self.print_all_button.clicked.connect(self.print_all_documents)

        # Two panes in a vertical splitter (F8): the makeable forms get the larger share (five rows and
        # more at 1366×768) and keep three when squeezed; a first draft changes only the lower pane, so
        # nothing jumps.
        rows = self.forms.table.verticalHeader().defaultSectionSize()
        self.forms.table.setMinimumHeight(rows * 3 + self.forms.table.horizontalHeader().sizeHint().height() + 4)
        self.table.table.setMinimumHeight(rows + self.table.table.horizontalHeader().sizeHint().height() + 4)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.setSpacing(4)
        upper_layout.addWidget(self.calls_label)
        forms_title = QLabel(_tr("可制作的文书"))
        forms_title.setObjectName("sectionTitle")
        # the title shares its line with the two buttons: a row more of the list at 1366×768
        title_row = buttons_row(forms_title)
        title_row.addWidget(action_button(self.preview_form_action))
        title_row.addWidget(action_button(self.draft_action))
        upper_layout.addLayout(title_row)
        upper_layout.addWidget(self.forms, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(4)
        docs_title = QLabel(_tr("本案文书"))
        docs_title.setObjectName("sectionTitle")
        # printing and saving share the title's line, the steps of a document get the row below the list
        docs_title_row = buttons_row(docs_title)
        for button in (*(action_button(a) for a in (self.print_action, self.open_action, self.save_action)),
                       self.print_all_button):
            docs_title_row.addWidget(button)
        lower_layout.addLayout(docs_title_row)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addLayout(buttons_row(*(action_button(a) for a in (
            self.preview_action, self.edit_action, self.issue_action, self.void_action, self.correct_action))))
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("documentsSplitter")
        left.setChildrenCollapsible(False)
        left.addWidget(upper)
        left.addWidget(lower)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setSizes([600, 400])
        self.splitter = left
        self._split_chosen = False  # the share of the two panes is chosen once, at the first load
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 520])
        # Below the panes' smallest size the tab scrolls instead of making the window taller than a
        # 1366×768 screen (or 1920×1080 at 150 %) can show.
        scroll = QScrollArea()
        scroll.setObjectName("documentsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(scroll)
        self._update_actions()
        self.reload()

    def _action(self, text: str, name: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- loading ----------------------------------------------------------------------------------

    def reload(self) -> None:
        case_id = self.case_id

        def load() -> tuple[list[FormStatus], list[DocumentInfo]]:
            return (docs_service.forms_for(self.ctx, self.actor, case_id),
                    docs_service.list_documents(self.ctx, self.actor, case_id))

        self.runner.submit(load, on_done=lambda pair: self._show(*pair), parent=self)

    def _show(self, statuses: list[FormStatus], documents: list[DocumentInfo]) -> None:
        self.statuses, self.documents = statuses, documents
        self._refresh_preview(documents)
        if not self._split_chosen:
            # a case with its documents under way needs their list more than the catalogue of forms;
            # chosen once only, so that a draft added later does not make the panes jump (F8)
            self._split_chosen = True
            if len(documents) >= 2:
                self.splitter.setSizes([400, 600])
        ordered = sorted(statuses, key=lambda s: (not s.called_for, not s.applies))
        rows = []
        for s in ordered:
            tone = "warn" if s.called_for else (None if s.applies else "muted")
            stage = _tr("本阶段需要") if s.called_for else (_tr("可制作") if s.applies else _tr("不适用"))
            rows.append(Row(s, [s.form.title, s.form.type_code or "", Cell(stage, tone), s.reason or s.form.description],
                            tone=None if s.applies else "muted", tooltip=s.reason))
        self.forms.set_rows(rows)
        needed = [s.form.title for s in statuses if s.called_for]
        self.calls_label.setText(_tr("当前阶段需要：%1").replace("%1", "、".join(needed)) if needed
                                 else _tr("当前阶段没有必须制作的文书。"))
        tones = {"draft": "warn", "issued": "ok", "void": "muted"}
        self.table.set_rows([Row(d, [d.title, d.number or "", Cell(d.status_label, tones.get(d.status)),
                                     _when(d.drafted_at), _when(d.issued_at),
                                     d.served_on.isoformat() if d.served_on else ""],
                                 tooltip=d.void_reason) for d in documents])
        self._update_actions()
        self.loaded.emit()

    # -- enabling ---------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        status: FormStatus | None = self.forms.current_data()
        form_id = status.form.id if status is not None else ""
        can_draft = self.actor.has(*docs_service.drafters_of(form_id))  # a form may have its own authors
        applies = status is not None and status.applies
        why = (status.reason or "") if status is not None else _tr("先选择一份文书")
        allow(self.preview_form_action, applies, why)
        allow(self.draft_action, applies and can_draft,
              _tr("只有执法人员、执法队长或负责人可以起草文书") if not can_draft else why)
        doc: DocumentInfo | None = self.table.current_data()
        none = _tr("先选择一份文书")
        allow(self.preview_action, doc is not None, none)
        for action in (self.print_action, self.open_action, self.save_action):
            allow(action, doc is not None, none)
        allow(self.edit_action, doc is not None and doc.status == "draft",
              none if doc is None else _tr("只有草稿可以修改；已签发的文书请“更正”"))
        issue_ok, issue_why = False, none
        can_issue = doc is not None and self.actor.has(*docs_service.issuers_of(doc.form))
        can_void = self.actor.has(*docs_service.ISSUERS)
        can_correct = doc is not None and self.actor.has(*docs_service.drafters_of(doc.form))
        if doc is not None:
            by_action = self._workflow_action(doc)
            if doc.status != "draft":
                issue_why = _tr("只有草稿可以签发")
            elif not can_issue:
                issue_why = _tr("只有执法队长或负责人可以签发文书")
            elif by_action is not None and doc.replaces_id is None:
                issue_why = _tr("随案件操作“%1”签发（草稿将被该操作采用）").replace("%1", by_action)
            else:
                issue_ok = True
        allow(self.issue_action, issue_ok, issue_why)
        allow(self.void_action, doc is not None and doc.status != "void" and can_void,
              none if doc is None else (_tr("已作废") if doc.status == "void"
                                        else _tr("只有执法队长或负责人可以作废文书")))
        allow(self.correct_action, doc is not None and doc.status == "issued" and can_correct,
              none if doc is None else _tr("只有已签发的文书可以更正"))

    def _workflow_action(self, doc: DocumentInfo) -> str | None:
        code = docs_service.WORKFLOW_ACTIONS.get(doc.form)
        return ACTION_LABELS[CaseAction(code)] if code is not None else None

    def _current_doc(self) -> DocumentInfo | None:
        doc: DocumentInfo | None = self.table.current_data()
        return doc

    # -- previews ---------------------------------------------------------------------------------

    def preview_form(self) -> None:
        status: FormStatus | None = self.forms.current_data()
        if status is None or not status.applies:
            return
        form_id, title = status.form.id, status.form.title
        self.runner.submit(lambda: docs_service.render_form(self.ctx, self.actor, self.case_id, form_id),
                           on_done=lambda data: self.preview.show_pdf(data, _tr("%1（草稿预览）").replace("%1", title)),
                           parent=self)

    def _with_pdf(self, then: Callable[[bytes, DocumentInfo], object]) -> None:
        doc = self._current_doc()
        if doc is None:
            return
        self.runner.submit(lambda: docs_service.document_pdf(self.ctx, self.actor, doc.id),
                           on_done=lambda data: then(data, doc), parent=self)

    def preview_document(self) -> None:
        self._with_pdf(self._show_document)

    def _show_document(self, data: bytes, doc: DocumentInfo) -> None:
        self.preview.show_pdf(data, f"{doc.title}　{doc.number or ''}　{doc.status_label}")
        self._previewed = (doc.id, doc.status)

    def _refresh_preview(self, documents: list[DocumentInfo]) -> None:
        """The document in the preview changed state (voided by a new designation, issued): shown anew,
        so that the preview never says 已签发 of a document that is 已作废."""
        if self._previewed is None:
            return
        doc = next((d for d in documents if d.id == self._previewed[0]), None)
        if doc is None or doc.status == self._previewed[1]:
            return
        self.runner.submit(lambda: docs_service.document_pdf(self.ctx, self.actor, doc.id),
                           on_done=lambda data: self._show_document(data, doc), parent=self)

    # -- the life cycle ---------------------------------------------------------------------------

    def _done(self) -> None:
        self.changed.emit()
        self.reload()

    def draft_form(self) -> None:
        """起草: the form's texts in the dialog; the draft is created only when it is saved (F9)."""
        status: FormStatus | None = self.forms.current_data()
        if status is None:
            return
        try:
            texts = docs_service.draft_texts(self.ctx, self.actor, self.case_id, status.form.id)
        except ServiceError as exc:
            self.dialog = show_error(self, exc)
            return
        self._show_editor(EditDraftDialog(self.ctx, self.actor, None, self,
                                          new=(self.case_id, status.form.id, status.form.title, texts)))

    def _open_editor(self, info: DocumentInfo) -> None:
        full = docs_service.get_document(self.ctx, self.actor, info.id)
        self._show_editor(EditDraftDialog(self.ctx, self.actor, full, self))

    def _show_editor(self, dialog: EditDraftDialog) -> None:
        dialog.done_ok.connect(lambda: self._draft_saved(dialog.saved_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _draft_saved(self, doc_id: str | None) -> None:
        """After a save the list is reloaded and the saved draft selected and previewed afresh (F10)."""
        self.changed.emit()

        def then() -> None:
            self.loaded.disconnect(then)
            if doc_id is not None and self.table.select_where(lambda d: d.id == doc_id):
                self.preview_document()

        self.loaded.connect(then)
        self.reload()

    def edit_draft(self) -> None:
        doc = self._current_doc()
        if doc is not None and doc.status == "draft":
            try:
                self._open_editor(doc)
            except ServiceError as exc:
                self.dialog = show_error(self, exc)

    def issue_document(self) -> None:
        doc = self._current_doc()
        if doc is None:
            return
        numbered = _tr("给予文号（%1字，本乡镇本年度顺序编号；作废也保留文号，不能收回）").replace(
            "%1", doc.type_code) if doc.type_code else _tr("这份文书没有文号")
        text = _tr("签发“%1”后：\n· %2；\n· 文书内容冻结，生成 PDF 并登记其 SHA-256，二维码核验码同时生成；\n"
                   "· 不能再修改，只能作废或制作更正版本。\n\n确定签发吗？").replace("%1", doc.title).replace("%2", numbered)
        try:
            blanks = docs_service.unfilled_fields(self.ctx, self.actor, doc.id)
        except ServiceError:
            blanks = []
        if blanks:
            # F27: a blank "＿＿" left in the text would be frozen into the issued document
            text = _tr("注意：以下内容仍有未填写的空白“＿＿”：%1。签发后不能再修改；如需填写，请取消并“编辑草稿”。\n\n"
                       ).replace("%1", "、".join(blanks)) + text
        if not confirm(self, _tr("签发文书"), text, _tr("仍然签发") if blanks else _tr("签发")):
            return
        try:
            issued = docs_service.issue_document(self.ctx, self.actor, doc.id)
        except ServiceError as exc:
            self.dialog = show_error(self, exc)
            return
        self.dialog = show_info(self, _tr("已签发：%1 %2").replace("%1", issued.title).replace("%2", issued.number or ""))
        self._done()

    def void_document(self) -> None:
        doc = self._current_doc()
        if doc is None:
            return
        dialog = VoidDialog(self.ctx, self.actor, doc, self)
        dialog.done_ok.connect(self._done)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def correct_document(self) -> None:
        doc = self._current_doc()
        if doc is None:
            return
        try:
            info = docs_service.correct_document(self.ctx, self.actor, doc.id)
        except ServiceError as exc:
            self.dialog = show_error(self, exc)
            return
        self._done()
        self._open_editor(info)

    # -- output -----------------------------------------------------------------------------------

    def open_document(self) -> None:
        def opened(data: bytes, doc: DocumentInfo) -> None:
            folder = Path(tempfile.gettempdir()) / "EnforcementDesk"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{doc.title}-{(doc.number or doc.id[:8])}.pdf".replace("/", "_")
            path.write_bytes(data)
            self.last_opened = path
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self._with_pdf(opened)

    def save_document(self) -> None:
        def save(data: bytes, doc: DocumentInfo) -> None:
            name = f"{doc.title}{doc.number or ''}.pdf"
            target, _ = QFileDialog.getSaveFileName(self, _tr("另存为"), name, _tr("PDF 文件 (*.pdf)"))
            if target:
                Path(target).write_bytes(data)

        self._with_pdf(save)

    def print_document(self) -> None:
        self._with_pdf(lambda data, doc: self._print([data], f"{doc.title}{doc.number or ''}"))

    def print_all_documents(self) -> None:
        """打印全部文书 (UX.md): every issued document of the case, in the order issued, in one print job."""
        issued = sorted((d for d in self.documents if d.status == "issued"),
                        key=lambda d: (d.issued_at is None, d.issued_at or d.drafted_at))
        if not issued:
            self.dialog = show_info(self, _tr("本案还没有已签发的文书可打印（草稿不打印：请先签发）。"))
            return
        ids = [d.id for d in issued]
        name = _tr("%1 全部文书").replace("%1", issued[0].case_number or "")
        self.runner.submit(lambda: [docs_service.document_pdf(self.ctx, self.actor, i) for i in ids],
                           on_done=lambda datas: self._print(datas, name), parent=self)

    def _print(self, datas: list[bytes], name: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                          QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)
        printer.setDocName(name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_tr("打印文书"))
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.print_to(printer, datas))
        dialog.show()

    def print_to(self, printer: QPrinter, data: bytes | list[bytes]) -> int:
        """Draw every page of the PDF(s) at the printer's full page (A4, the PDF's own margins), one
        after the other; returns pages printed."""
        from desktop_app.ui.pdf_raster import PdfPages

        painter = QPainter()
        if not painter.begin(printer):
            self.dialog = show_info(self, _tr("无法开始打印：请检查打印机。"))
            return 0
        printed = 0
        try:
            target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            for one in [data] if isinstance(data, bytes) else data:
                pages = PdfPages(one)
                try:
                    for i in range(pages.count):
                        if printed:
                            printer.newPage()
                        painter.drawImage(target, pages.image(i, PRINT_DPI))
                        printed += 1
                finally:
                    pages.close()
            return printed
        finally:
            painter.end()
