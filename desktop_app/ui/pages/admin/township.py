"""乡镇信息: the enforcement subject (乡镇人民政府, 行政处罚法 第二十四条), its 文号 prefix and seal text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.clock import to_local
from desktop_app.services import township as township_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, ServiceError
from desktop_app.ui.pages.admin import is_admin
from desktop_app.ui.widgets import buttons_row, required

_ERROR_STYLE = "QLineEdit { border: 1px solid #b3261e; background: #fff7f7; }"


@dataclass(frozen=True)
class _Field:
    key: str  # TownshipInfo attribute and update_township keyword
    keyword: str
    label: str  # as InvalidInput names it
    hint: str


class TownshipTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.editable = is_admin(actor)
        self.fields = [
            _Field("name", "name", "乡镇名称", self.tr("如 刘胡兰镇；执法主体名称随之改变")),
            _Field("admin_code", "code", "行政区划代码", self.tr("6、9 或 12 位数字，如 141121100")),
            _Field("doc_prefix", "prefix", "文号前缀", self.tr("1 至 10 个字符、不含空格，如 文水刘")),
            _Field("seal_text", "seal_text", "印章文字", self.tr("文书落款处的印章文字（印章盖在纸上，不在文书中绘制）")),
            _Field("review_body", "review_body", "行政复议机关", self.tr("告知复议权利时写明的机关，如 文水县人民政府")),
            _Field("team_name", "team_name", "执法队名称", self.tr("如 刘胡兰镇综合行政执法队")),
        ]
        self.edits: dict[str, QLineEdit] = {}
        self.notes: dict[str, QLabel] = {}
        self._loaded: dict[str, str] = {}

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(2, 1)
        for row, f in enumerate(self.fields):
            caption = QLabel(required(f.label + "：") if self.editable else f.label + "：")
            edit = QLineEdit()
            edit.setObjectName(f.key)
            edit.setMinimumWidth(340)
            edit.setReadOnly(not self.editable)
            caption.setBuddy(edit)
            note = QLabel(f.hint)
            note.setWordWrap(True)
            note.setStyleSheet("QLabel { color: #4b5563; }")
            edit.textChanged.connect(self._changed)
            edit.editingFinished.connect(lambda f=f: self._check_field(f))
            edit.returnPressed.connect(self._save_on_enter)  # Enter saves, as in a dialog
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(edit, row, 1)
            grid.addWidget(note, row, 2)
            self.edits[f.key] = edit
            self.notes[f.key] = note
        row = len(self.fields)
        self.government_label = QLabel()
        self.government_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(QLabel(self.tr("执法主体：")), row, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.government_label, row, 1)
        explain = QLabel(self.tr("由所属县和乡镇名称生成；行政处罚以乡镇人民政府的名义作出（行政处罚法第二十四条）"))
        explain.setWordWrap(True)
        explain.setStyleSheet("QLabel { color: #4b5563; }")
        grid.addWidget(explain, row, 2)
        self.updated_label = QLabel()
        self.updated_label.setStyleSheet("QLabel { color: #4b5563; }")
        grid.addWidget(QLabel(self.tr("最后修改：")), row + 1, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.updated_label, row + 1, 1)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("QLabel { color: #1b6e20; }")
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("saveTownship")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("撤销修改"))
        self.revert_button.clicked.connect(self.revert)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        if self.editable:
            layout.addLayout(buttons_row(self.save_button, self.revert_button))
        layout.addStretch(1)
        self.reload()

    # -- loading ----------------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return any(self.edits[k].text() != v for k, v in self._loaded.items())

    def reload(self) -> None:
        """Refill from the database — unless something typed is not saved yet (nothing is lost)."""
        if self._loaded and self.is_dirty():
            return
        self._fill()

    def _fill(self) -> None:
        try:
            t = township_service.get_township(self.ctx)
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return
        self._loaded = {f.key: str(getattr(t, f.key)) for f in self.fields}
        for key, value in self._loaded.items():
            self.edits[key].setText(value)
        self.government_label.setText(t.government_name)
        self.updated_label.setText(to_local(t.updated_at).strftime("%Y-%m-%d %H:%M"))
        for f in self.fields:
            self._mark(f, None)
        self.error_label.clear()
        self._changed()

    def revert(self) -> None:
        self._fill()
        self.status_label.clear()

    def _changed(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(self.editable and dirty)
        self.revert_button.setEnabled(self.editable and dirty)
        if dirty:
            self.status_label.clear()

    # -- validation -------------------------------------------------------------------------------

    def _mark(self, f: _Field, message: str | None) -> None:
        edit, note = self.edits[f.key], self.notes[f.key]
        edit.setStyleSheet(_ERROR_STYLE if message else "")
        if message:
            note.setText(message)
            note.setStyleSheet("QLabel { color: #b3261e; }")
        else:
            note.setText(f.hint)
            note.setStyleSheet("QLabel { color: #4b5563; }")

    def _problem(self, f: _Field) -> str | None:
        text = self.edits[f.key].text()
        if not text.strip():
            return self.tr("%1不能为空").replace("%1", f.label)
        try:
            if f.keyword in ("name", "code", "prefix"):
                township_service.validate_township(**{f.keyword: text})
        except ServiceError as exc:
            return str(exc)
        return None

    def _check_field(self, f: _Field) -> None:
        if self.editable:
            self._mark(f, self._problem(f))

    def _save_on_enter(self) -> None:
        if self.is_dirty():
            self.save()

    def save(self) -> bool:
        """Save every field; a refusal is shown at the field and below the form, and what was typed stays."""
        if not self.editable:
            return False
        self.status_label.clear()
        problems = [(f, p) for f in self.fields if (p := self._problem(f)) is not None]
        for f in self.fields:
            self._mark(f, None)
        if problems:
            for f, p in problems:
                self._mark(f, p)
            self.error_label.setText(self.tr("未保存：") + "；".join(p for _, p in problems))
            self.edits[problems[0][0].key].setFocus()
            return False
        values = {f.keyword: self.edits[f.key].text() for f in self.fields}
        try:
            township_service.update_township(self.ctx, self.actor, **values)
        except ServiceError as exc:
            field = next((f for f in self.fields if isinstance(exc, InvalidInput) and exc.field == f.label), None)
            if field is not None:
                self._mark(field, str(exc))
                self.edits[field.key].setFocus()
            self.error_label.setText(self.tr("未保存：") + str(exc))
            return False
        self._fill()
        self.status_label.setText(self.tr("已保存。新的文号前缀和印章文字用于此后制作的文书。"))
        return True
