"""调查笔录 — the records of inspections (现场检查（勘验）笔录) and interviews (询问（调查）笔录) of a case,
with 新增 buttons that open a form for the time, place, the two officers (their certificates are checked
by the records service on the day of the record, 行政处罚法第四十二条), the persons present, the
inspection findings and the questions and answers. A refusal of the service is shown in the dialog and
nothing typed is lost (UX.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.clock import SHANGHAI, to_local
from desktop_app.domain.evidence import RECORD_KIND_LABELS, SIGNATURE_LABELS, RecordKind, SignatureStatus
from desktop_app.services import officers as officers_service
from desktop_app.services import records as records_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError
from desktop_app.services.records import RecordInfo, RecordInput
from desktop_app.ui.widgets import FormDialog, ListTable, Row, buttons_row, required

EMPTY_TEXT = ("尚未登记现场检查（勘验）笔录或询问（调查）笔录。点击上方“新增现场检查笔录”或“新增询问笔录”开始；"
              "笔录须有两名持有效执法证的执法人员（行政处罚法第四十二条、第五十五条）。")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordsTab", text)


def _when(value: datetime | None) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else ""


class _EditableTable(QWidget):
    """A small editable table with 添加一行 / 删除所选行 (the persons present, the questions and answers)."""

    def __init__(self, headers: list[str], name: str, *, height: int = 120) -> None:
        super().__init__()
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName(name)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (UX.md: every field by keyboard)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(height)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(_tr("添加一行"))
        self.add_button.setObjectName(name + "Add")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(_tr("删除所选行"))
        self.remove_button.setObjectName(name + "Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row(self.add_button, self.remove_button))

    def add_row(self, values: list[str] | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for c in range(self.table.columnCount()):
            self.table.setItem(row, c, QTableWidgetItem((values or [])[c] if values and c < len(values) else ""))
        self.table.setCurrentCell(row, 0)
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()} or {self.table.currentRow()}, reverse=True)
        for row in rows:
            if row >= 0:
                self.table.removeRow(row)

    def rows(self) -> list[list[str]]:
        """The rows with any text in them (an empty row added by mistake is ignored)."""
        out = []
        for r in range(self.table.rowCount()):
            cells = []
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                cells.append(item.text().strip() if item is not None else "")
            if any(cells):
                out.append(cells)
        return out


class RecordDialog(FormDialog):
    """新增现场检查（勘验）笔录 / 询问（调查）笔录."""

    def __init__(self, ctx: AppContext, actor: Actor, case_id: str, kind: str,
                 parent: QWidget | None = None) -> None:
        self.kind = RecordKind(kind)
        super().__init__(_tr("新增%1").replace("%1", RECORD_KIND_LABELS[self.kind]), parent, ok_text=_tr("保存笔录"))
        self.setObjectName("recordDialog")
        self.setMinimumWidth(720)
        self.ctx, self.actor, self.case_id = ctx, actor, case_id
        now = to_local(ctx.clock.now())
        today = now.date()
        interview = self.kind == RecordKind.INTERVIEW

        def when_edit(name: str) -> QDateTimeEdit:
            edit = QDateTimeEdit(QDateTime(now.year, now.month, now.day, now.hour, now.minute, 0))
            edit.setObjectName(name)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            edit.setMaximumDateTime(QDateTime(now.year, now.month, now.day, 23, 59, 0))
            return edit

        self.start_edit = when_edit("recordStart")
        self.end_check = QCheckBox(_tr("结束时间："))
        self.end_check.setObjectName("recordEndCheck")
        self.end_edit = when_edit("recordEnd")
        self.end_edit.setEnabled(False)
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        times = QHBoxLayout()
        times.addWidget(self.start_edit)
        times.addSpacing(16)
        times.addWidget(self.end_check)
        times.addWidget(self.end_edit)
        times.addStretch(1)
        self.form.addRow(required(_tr("开始时间：")), times)

        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("recordPlace")
        self.place_edit.setPlaceholderText(_tr("检查（勘验）或询问的地点"))
        self.form.addRow(required(_tr("地点：")), self.place_edit)

        # Two officers by name; the service checks their certificates on the day (第四十二条).
        self.officers = [o for o in officers_service.list_officers(ctx, today) if o.in_post]
        self.officer_combos: list[QComboBox] = []
        row = QHBoxLayout()
        own = [i for i, o in enumerate(self.officers) if o.login == actor.login]
        for n in range(2):
            combo = QComboBox()
            combo.setObjectName(f"recordOfficer{n + 1}")
            combo.addItem(_tr("（请选择）"), "")
            for o in self.officers:
                note = f"（{o.certificate_number}）" if o.certified and o.certificate_number else _tr("（无有效执法证）")
                combo.addItem(o.name + note, o.login or o.id)
            if n == 0 and own:
                combo.setCurrentIndex(own[0] + 1)
            self.officer_combos.append(combo)
            row.addWidget(combo, 1)
        self.form.addRow(required(_tr("执法人员（两名）：")), row)
        self.shown_check = QCheckBox(_tr("已向当事人出示执法证件（行政处罚法第五十五条）"))
        self.shown_check.setObjectName("certificatesShown")
        self.shown_check.setChecked(True)
        self.form.addRow("", self.shown_check)

        self.persons = _EditableTable([_tr("姓名"), _tr("身份（当事人、见证人…）"), _tr("证件号码")], "recordPersons",
                                      height=90)
        if interview:
            self.persons.add_row(["", _tr("被询问人"), ""])
        label = _tr("在场人员（第一行为被询问人）：") if interview else _tr("在场人员：")
        self.form.addRow(required(label) if interview else label, self.persons)

        self.text_edit: QPlainTextEdit | None = None
        if not interview:
            self.text_edit = QPlainTextEdit()
            self.text_edit.setObjectName("recordText")
            self.text_edit.setTabChangesFocus(True)
            self.text_edit.setPlaceholderText(_tr("现场检查（勘验）情况：看到的事实、物品、测量结果…"))
            self.text_edit.setMinimumHeight(80)
            self.form.addRow(required(_tr("检查（勘验）情况：")), self.text_edit)

        self.questions = _EditableTable([_tr("问"), _tr("答")], "recordQuestions", height=120)
        if interview:
            self.questions.add_row()
        self.form.addRow(required(_tr("问答：")) if interview else _tr("问答："), self.questions)

        self.signature_combo = QComboBox()
        self.signature_combo.setObjectName("recordSignature")
        for status in SignatureStatus:
            self.signature_combo.addItem(SIGNATURE_LABELS[status], status.value)
        self.signature_note = QLineEdit()
        self.signature_note.setObjectName("recordSignatureNote")
        self.signature_note.setPlaceholderText(_tr("拒绝签名或不能签名的，注明情形（见证人、录像）"))
        sig = QHBoxLayout()
        sig.addWidget(self.signature_combo)
        sig.addWidget(self.signature_note, 1)
        self.form.addRow(_tr("当事人签名："), sig)

    def record_input(self) -> RecordInput:
        def moment(edit: QDateTimeEdit) -> datetime:
            d, t = edit.date(), edit.time()
            return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=SHANGHAI)

        persons = [{"name": p[0], "role": p[1], **({"id_number": p[2]} if p[2] else {})} for p in self.persons.rows()]
        questions = [{"q": q, "a": a} for q, a in self.questions.rows()]
        return RecordInput(
            kind=self.kind.value, on=moment(self.start_edit), place=self.place_edit.text(),
            officers=[str(c.currentData()) for c in self.officer_combos if c.currentData()],
            ended_at=moment(self.end_edit) if self.end_check.isChecked() else None,
            persons_present=persons, questions=questions,
            text=self.text_edit.toPlainText() if self.text_edit is not None else "",
            signature=str(self.signature_combo.currentData()), signature_note=self.signature_note.text(),
            certificates_shown=self.shown_check.isChecked())

    def _problems(self) -> list[str]:
        """What can be said before asking the service (which checks the rest, certificates included)."""
        problems = []
        chosen = [str(c.currentData()) for c in self.officer_combos if c.currentData()]
        if len(chosen) < 2:
            problems.append(_tr("须选择两名执法人员（行政处罚法第四十二条）"))
        elif chosen[0] == chosen[1]:
            problems.append(_tr("两名执法人员不能是同一人（行政处罚法第四十二条）"))
        if not self.place_edit.text().strip():
            problems.append(_tr("须填写地点"))
        for i, q in enumerate(self.questions.rows(), start=1):
            if not q[0]:
                problems.append(_tr("问答第 %1 行缺少“问”").replace("%1", str(i)))
        return problems

    def submit(self) -> bool:
        problems = self._problems()
        if problems:
            self.fail("；".join(problems))
            return False
        records_service.add_record(self.ctx, self.actor, self.case_id, self.record_input())
        return True


class RecordsPanel(QWidget):
    """The list of the case's records with 新增 buttons; `changed` after a record is saved."""

    changed = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordsPanel")
        self.ctx, self.actor, self.case_id = ctx, actor, case_id
        self.dialog: RecordDialog | None = None  # the last dialog opened (tests use it)
        self.add_inspection = QPushButton(_tr("新增现场检查笔录…"))
        self.add_inspection.setObjectName("addInspectionRecord")
        self.add_inspection.clicked.connect(lambda: self.open_dialog(RecordKind.INSPECTION.value))
        self.add_interview = QPushButton(_tr("新增询问笔录…"))
        self.add_interview.setObjectName("addInterviewRecord")
        self.add_interview.clicked.connect(lambda: self.open_dialog(RecordKind.INTERVIEW.value))
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.list = ListTable([_tr("笔录"), _tr("时间"), _tr("地点"), _tr("执法人员"), _tr("在场人员"),
                               _tr("问答"), _tr("签名情况"), _tr("关联证据")],
                              empty_text=_tr(EMPTY_TEXT), stretch=2, max_widths={2: 260, 4: 220})
        self.list.setObjectName("recordList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons_row(self.add_inspection, self.add_interview))
        layout.addWidget(self.error_label)
        layout.addWidget(self.list, 1)
        self.reload()

    def reload(self) -> None:
        try:
            records = records_service.list_records(self.ctx, self.actor, self.case_id)
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            records = []
        self.list.set_rows([self._row(r) for r in records])

    @staticmethod
    def _row(r: RecordInfo) -> Row:
        officers = "、".join(o.name for o in r.officers)
        persons = "、".join(f"{p.get('name', '')}" + (f"（{p['role']}）" if p.get("role") else "")
                           for p in r.persons_present)
        evidence = "、".join(str(e.get("number") or e.get("title") or "") for e in r.evidence)
        when = _when(r.occurred_at) + (f"—{to_local(r.ended_at).strftime('%H:%M')}" if r.ended_at else "")
        qa = _tr("%1 问").replace("%1", str(len(r.questions))) if r.questions else ""
        tip = "\n".join([r.text, *(f"问：{q.get('q', '')}\n答：{q.get('a', '')}" for q in r.questions)]).strip()
        return Row(r, [r.kind_label, when, r.place, officers, persons, qa, r.signature_label, evidence],
                   tooltip=tip[:2000] or None)

    def open_dialog(self, kind: str) -> RecordDialog:
        dialog = RecordDialog(self.ctx, self.actor, self.case_id, kind, self)
        dialog.done_ok.connect(self._saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.reload()
        self.changed.emit()


def _workspace(widget: QWidget) -> Any:
    """The case workspace the tab sits in (it holds the application context and the user)."""
    parent = widget.parentWidget()
    while parent is not None:
        if hasattr(parent, "ctx") and hasattr(parent, "actor") and hasattr(parent, "reload"):
            return parent
        parent = parent.parentWidget()
    return None


def show_records(tab: Any, detail: Any, today: date) -> None:
    """Fill the workspace's 调查笔录 tab (case_tabs.RecordsTab): the records with 新增, then the course of
    the investigation from the timeline."""
    from desktop_app.ui.case_tabs import (  # the workspace's own helpers
        event_details,
        hint,
        people,
        person_name,
        table,
    )
    from desktop_app.ui.formatting import time_text

    tab.clear_body()
    box = QGroupBox(_tr("调查笔录"))
    bl = QVBoxLayout(box)
    space = _workspace(tab)
    if space is not None:
        panel = RecordsPanel(space.ctx, space.actor, detail.id)
        # a new record changes what the case may do next (调查终结 …): the workspace reloads
        panel.changed.connect(space.reload)
        tab.records_panel = panel
        bl.addWidget(panel)
    elif detail.records:
        keys = ["kind_label", "occurred_at", "place"]
        bl.addWidget(table([_tr("笔录"), _tr("时间"), _tr("地点")],
                           [[str(r.get(k, "")) for k in keys] for r in detail.records], name="recordTable"))
    else:
        bl.addWidget(hint(_tr(EMPTY_TEXT)))
    tab.body.addWidget(box, 2)
    steps = [e for e in detail.timeline if e.action in ("investigate", "conclude", "review_case", "preserve")]
    names = people(detail)
    box2 = QGroupBox(_tr("调查经过"))
    QVBoxLayout(box2).addWidget(
        table([_tr("发生时间"), _tr("步骤"), _tr("操作人"), _tr("说明")],
              [[time_text(e.occurred_at), e.action_label, person_name(names, e.actor), event_details(e, names)]
               for e in steps],
              name="investigationTable", stretch=3)
        if steps else hint(_tr("尚未开始调查取证。")))
    tab.body.addWidget(box2, 1)
