"""期限与数额设置: the township's deadline, threshold and numbering settings, each with the rule it comes
from. What differs by province is a setting with a default (procedure.md); 未设置 is allowed where the
law leaves it open (e.g. 听证的较大数额, which Shanxi has not fixed)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.settings_schema import SETTINGS_BY_KEY, SettingSpec
from desktop_app.services import settings as settings_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.item_sheets import number_text
from desktop_app.services.settings import SettingInfo
from desktop_app.ui.pages.admin import ADMIN_ONLY, is_admin
from desktop_app.ui.widgets import Cell, FormDialog, ListTable, Row, action_button, allow, buttons_row

INT_MAX = 2_000_000_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsTab", text)


# Notes that name only a technical source get words an office reader understands.
_NOTE_WORDS = {
    "procedure.md": "系统默认格式（见办案程序说明）",
    "OWASP ASVS": "防止密码被猜中的通行做法（OWASP 应用安全验证标准）",
}


def note_text(note: str) -> str:
    return _tr(_NOTE_WORDS[note]) if note in _NOTE_WORDS else note


def value_text(value: Any) -> str:
    if value is None:
        return _tr("未设置")
    if isinstance(value, bool):
        return _tr("是") if value else _tr("否")
    if isinstance(value, float):
        return number_text(value)
    return str(value)


class EditSettingDialog(FormDialog):
    """One setting, with an editor that fits its kind (number, yes/no, text) and 未设置 where allowed."""

    def __init__(self, ctx: AppContext, actor: Actor, setting: SettingInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改设置"), parent, ok_text=self.tr("保存"))
        self.ctx, self.actor, self.setting = ctx, actor, setting
        self.spec: SettingSpec = SETTINGS_BY_KEY[setting.key]
        self.saved: SettingInfo | None = None
        self.editor: QWidget
        kind = self.spec.kind
        if kind is bool:
            box = QCheckBox(self.tr("是"))
            box.setChecked(bool(setting.value))
            self.editor = box
        elif kind is int:
            spin = QSpinBox()
            spin.setRange(0, INT_MAX)
            spin.setGroupSeparatorShown(False)
            spin.setValue(int(setting.value if setting.value is not None else setting.default or 0))
            self.editor = spin
        elif kind is float:
            dspin = QDoubleSpinBox()
            dspin.setRange(0, 100000)
            dspin.setDecimals(1)
            dspin.setValue(float(setting.value if setting.value is not None else setting.default or 0))
            self.editor = dspin
        else:
            edit = QLineEdit("" if setting.value is None else str(setting.value))
            self.editor = edit
        self.editor.setObjectName("settingValue")
        self.unset_box: QCheckBox | None = None
        if self.spec.nullable:
            self.unset_box = QCheckBox(self.tr("未设置"))
            self.unset_box.setObjectName("unset")
            self.unset_box.setChecked(setting.value is None)
            self.unset_box.toggled.connect(lambda on: self.editor.setEnabled(not on))
            self.editor.setEnabled(setting.value is not None)
        title = QLabel(setting.label)
        title.setStyleSheet("QLabel { font-weight: bold; }")
        note = QLabel(note_text(setting.note) or self.tr("（无说明）"))
        note.setWordWrap(True)
        note.setStyleSheet("QLabel { color: #4b5563; }")
        default = QLabel(value_text(setting.default))
        self.form.addRow(self.tr("设置项："), title)
        self.form.addRow(self.tr("依据与说明："), note)
        self.form.addRow(self.tr("默认值："), default)
        self.form.addRow(self.tr("新的值："), self.editor)
        if self.unset_box is not None:
            self.form.addRow("", self.unset_box)
        reset = QPushButton(self.tr("恢复默认值"))
        reset.setObjectName("resetDefault")
        reset.clicked.connect(self.restore_default)
        self.form.addRow("", buttons_row(reset))

    def restore_default(self) -> None:
        default = self.setting.default
        if self.unset_box is not None:
            self.unset_box.setChecked(default is None)
        if default is None:
            return
        if isinstance(self.editor, QCheckBox):
            self.editor.setChecked(bool(default))
        elif isinstance(self.editor, QSpinBox):
            self.editor.setValue(int(default))
        elif isinstance(self.editor, QDoubleSpinBox):
            self.editor.setValue(float(default))
        elif isinstance(self.editor, QLineEdit):
            self.editor.setText(str(default))

    def raw_value(self) -> str:
        """The value as the service parses it ("" is 未设置 for a nullable setting)."""
        if self.unset_box is not None and self.unset_box.isChecked():
            return ""
        if isinstance(self.editor, QCheckBox):
            return "是" if self.editor.isChecked() else "否"
        if isinstance(self.editor, QSpinBox):
            return str(self.editor.value())
        if isinstance(self.editor, QDoubleSpinBox):
            return number_text(self.editor.value())
        assert isinstance(self.editor, QLineEdit)
        return self.editor.text()

    def submit(self) -> bool:
        self.saved = settings_service.set_setting(self.ctx, self.actor, self.setting.key, self.raw_value())
        return True


class SettingsTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.editable = is_admin(actor)
        self.dialog: QDialog | None = None
        self.list = ListTable([self.tr("设置项"), self.tr("当前值"), self.tr("默认值"), self.tr("依据与说明")],
                              stretch=3, key=lambda s: s.key,
                              max_widths={1: 220, 2: 220})
        self.edit_action = QAction(self.tr("修改…"), self)
        self.edit_action.triggered.connect(self.edit_setting)
        self.list.add_actions([self.edit_action])
        self.list.selection_changed.connect(self._update_actions)
        self.list.activated.connect(lambda _: self.edit_setting())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(buttons_row(action_button(self.edit_action)))
        layout.addWidget(self.list, 1)
        hint = QLabel(self.tr("双击一行或按回车修改。修改记入审计记录，自修改时起用于新的期限计算和判断。"))
        hint.setStyleSheet("QLabel { color: #4b5563; }")
        layout.addWidget(hint)
        self.reload()

    def reload(self) -> None:
        rows = []
        for s in settings_service.list_settings(self.ctx):
            changed = s.value != s.default
            current = Cell(value_text(s.value), tone="muted" if s.value is None else None,
                           tooltip=self.tr("已修改（默认：%1）").replace("%1", value_text(s.default)) if changed else None)
            rows.append(Row(s, [s.label, current, value_text(s.default), note_text(s.note)]))
        self.list.set_rows(rows)
        self._update_actions()

    def _selected(self) -> SettingInfo | None:
        data = self.list.current_data()
        return data if isinstance(data, SettingInfo) else None

    def _update_actions(self) -> None:
        if not self.editable:
            allow(self.edit_action, False, self.tr(ADMIN_ONLY))
        else:
            allow(self.edit_action, self._selected() is not None, self.tr("请先在列表中选择一个设置项"))

    def edit_setting(self) -> EditSettingDialog | None:
        setting = self._selected()
        if not self.editable or setting is None:
            return None
        dialog = EditSettingDialog(self.ctx, self.actor, setting, self)
        dialog.done_ok.connect(self.reload)
        self.dialog = dialog
        dialog.open()
        return dialog
