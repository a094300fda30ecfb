"""Widgets shared by the screens: a list table with 序号 and "共 N 条", the row-errors dialog of a
refused import, confirmations, and the one way a service's refusal reaches the user (a Chinese
message box, never a traceback)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.errors import RowErrors, ServiceError

DATE_FORMAT = "yyyy-MM-dd"  # UX.md: dates as 2026-11-23

# Colour is never the only signal (UX.md): every tone goes with words in the cell.
TONES: dict[str, tuple[str, str]] = {
    "warn": ("#fff4ce", "#6b4e00"),  # amber: due soon, expiring, sample data
    "bad": ("#fde7e9", "#b3261e"),  # red: expired, recalled, short
    "ok": ("#ffffff", "#1b6e20"),
    "muted": ("#ffffff", "#6b7280"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("widgets", text)


# ---------------------------------------------------------------------------------------------------
# The list table


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str | None = None
    tooltip: str | None = None
    align_right: bool = False


@dataclass(frozen=True)
class Row:
    """One line of a ListTable: what it stands for (`data`), its cells, and a tone for the whole row."""

    data: Any
    cells: Sequence[str | Cell]
    tone: str | None = None
    tooltip: str | None = None


class ListTable(QWidget):
    """A read-only table with a leading 序号 column, one selected row at a time, and "共 N 条" under it.

    An empty list says what to do (UX.md). Actions given to `add_actions` form the row's context menu;
    `activated` carries the row's data on double-click or Enter."""

    activated = Signal(object)
    selection_changed = Signal()

    def __init__(
        self,
        headers: Sequence[str],
        *,
        empty_text: str = "",
        stretch: int | None = None,
        key: Callable[[Any], Any] | None = None,
        max_widths: dict[int, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # What stays the same for a row across reloads (to keep it selected): `key`, else its id.
        self._key = key or (lambda data: getattr(data, "id", data))
        self.headers = [_tr("序号"), *headers]
        self._data: list[Any] = []
        self.table = QTableWidget(0, len(self.headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        self._stretch = stretch + 1 if stretch is not None else None
        # Widest a data column grows to (by its index without 序号); long text is cut there, whole on hover.
        self._max_widths = {c + 1: w for c, w in (max_widths or {}).items()}
        self.table.activated.connect(self._on_activated)
        self.table.itemSelectionChanged.connect(self.selection_changed.emit)
        self.footer = QLabel()
        self.footer.setObjectName("listFooter")
        self.empty_label = QLabel(empty_text)
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setStyleSheet("QLabel { color: #4b5563; padding: 4px 2px; }")
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.footer)
        self.set_rows([])

    # -- content --------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        keep = self.current_data()
        keep_key = self._key(keep) if keep is not None else None
        self.table.setUpdatesEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        self._data = [r.data for r in rows]
        for r, row in enumerate(rows):
            number = QTableWidgetItem(str(r + 1))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._style(number, row.tone, row.tooltip)
            self.table.setItem(r, 0, number)
            for c, value in enumerate(row.cells, start=1):
                cell = value if isinstance(value, Cell) else Cell(value)
                item = QTableWidgetItem(cell.text)
                if cell.align_right:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                tip = cell.tooltip or row.tooltip
                if tip is None and len(cell.text) > 24:
                    tip = cell.text  # long text is cut in the column; the whole of it on hover
                self._style(item, cell.tone or row.tone, tip)
                self.table.setItem(r, c, item)
        self.table.setUpdatesEnabled(True)
        self._fit_columns()
        self.footer.setText(_tr("共 %1 条").replace("%1", str(len(rows))))
        self.empty_label.setVisible(not rows and bool(self.empty_label.text()))
        if keep is not None:
            keys = [self._key(d) for d in self._data]
            if keep_key in keys:
                self.table.selectRow(keys.index(keep_key))

    @staticmethod
    def _style(item: QTableWidgetItem, tone: str | None, tooltip: str | None) -> None:
        if tone in TONES:
            background, foreground = TONES[tone]
            item.setBackground(QBrush(QColor(background)))
            item.setForeground(QBrush(QColor(foreground)))
        if tooltip:
            item.setToolTip(tooltip)

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):
            # Room between columns (the contents size leaves none); long text is cut at 340 px.
            header.resizeSection(c, min(header.sectionSize(c) + 14, self._max_widths.get(c, 340)))
        if self._stretch is not None:
            header.setSectionResizeMode(self._stretch, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)

    # -- reading ----------------------------------------------------------------------------------

    def row_count(self) -> int:
        return self.table.rowCount()

    def row_data(self, row: int) -> Any:
        return self._data[row]

    def row_texts(self, row: int) -> list[str]:
        """The cells of a row as shown (without 序号) — for tests and copying."""
        out = []
        for c in range(1, self.table.columnCount()):
            item = self.table.item(row, c)
            out.append(item.text() if item is not None else "")
        return out

    def cell_item(self, row: int, column: int) -> QTableWidgetItem | None:
        """The item of a data column (0 = the first column after 序号)."""
        return self.table.item(row, column + 1)

    def current_data(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        index = rows[0].row()
        return self._data[index] if 0 <= index < len(self._data) else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setFocus()

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        for i, data in enumerate(self._data):
            if predicate(data):
                self.table.selectRow(i)
                return True
        return False

    # -- actions ----------------------------------------------------------------------------------

    def add_actions(self, actions: Sequence[QAction]) -> None:
        self.table.addActions(list(actions))

    def _on_activated(self, index: Any) -> None:
        row = index.row()
        if 0 <= row < len(self._data):
            self.activated.emit(self._data[row])


# ---------------------------------------------------------------------------------------------------
# Buttons that follow an action


def action_button(action: QAction) -> QPushButton:
    """A push button that triggers `action` and follows its text, enabled state and tooltip."""
    button = QPushButton(action.text())
    button.setObjectName(action.objectName() + "Button" if action.objectName() else "")

    def sync() -> None:
        button.setText(action.text())
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip() if action.toolTip() != action.text().replace("&", "") else "")

    action.changed.connect(sync)
    button.clicked.connect(action.trigger)
    sync()
    return button


def banner(text: str = "", tone: str = "warn") -> QLabel:
    """A full-width notice above a list (示例清单, missing holiday year, read-only)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_banner(label, text, tone)
    return label


def set_banner(label: QLabel, text: str, tone: str = "warn") -> None:
    """Set a banner's text and tone ("warn", "bad" or "info"); an empty text hides it."""
    label.setObjectName(f"{tone}Banner")
    if tone in ("warn", "bad"):
        background, foreground = TONES[tone]
        border = "#e0c36a" if tone == "warn" else "#e3a3a8"
    else:
        background, foreground, border = "#eef3fa", "#1f2d3d", "#c9d3e0"
    # The shared style sheet (qt_setup) has no banner rule; this one is local to the label.
    label.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; "
                        f"border: 1px solid {border}; border-radius: 3px; padding: 6px 10px; }}")
    label.setText(text)
    label.setVisible(bool(text))


# ---------------------------------------------------------------------------------------------------
# Dates


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TypingDateEdit(QDateEdit):
    """A date field that takes a whole date typed over it, "2029-06-30" (F29). Qt's own field edits one
    section at a time: over a selected whole text it kept the old year, and a "-" typed after Qt had
    already moved on to the next section skipped that section too.

    Qt also checks every intermediate date: typing 2026-12-01 over 2026-10-15 with today (12-02) the
    latest passes through 2026-12-15, which it refused, so the month stayed 1 and January was kept
    without a word. Typing over the whole field therefore starts from 1 January of the shown year
    with the latest lifted, and on leaving the field a date after the latest is brought back to it
    with a note saying so."""

    SEPARATORS = ("-", "/", ".")

    def __init__(self, day: date, *, maximum: date | None = None) -> None:
        super().__init__(to_qdate(day))
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self._latest = to_qdate(maximum) if maximum is not None else None
        if self._latest is not None:
            self.setMaximumDate(self._latest)
        self._advanced = False  # the last digit completed a section and Qt moved on by itself
        self._typing = False  # a whole date is being typed over the field
        self.editingFinished.connect(self._finish_typing)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in self.SEPARATORS and self._advanced:
            self._advanced = False
            return  # Qt has already moved to the next section: the typed separator is that move
        if text.isdigit():
            edit = self.lineEdit()
            if edit.hasSelectedText() and edit.selectedText() == edit.text():
                self._start_typing()
            before = self.currentSection()
            super().keyPressEvent(event)
            self._advanced = self.currentSection() != before
            return
        self._advanced = False
        super().keyPressEvent(event)

    def _start_typing(self) -> None:
        self._typing = True
        if self._latest is not None:
            self.setMaximumDate(QDate(9999, 12, 31))
        self.setDate(QDate(self.date().year(), 1, 1))  # every month and day can follow 1 January
        self.setSelectedSection(QDateEdit.Section.YearSection)  # typing over it all starts at 年

    def _finish_typing(self) -> None:
        if not self._typing:
            return
        self._typing = False
        if self._latest is None:
            return
        typed = self.date()
        self.setMaximumDate(self._latest)  # a later date is brought back to the latest
        if typed > self._latest:
            latest = self._latest.toString("yyyy-MM-dd")
            note = _tr("日期不能晚于 %1，已改为 %1").replace("%1", latest)
            self.setToolTip(note)
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), note, self)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._finish_typing()


def date_edit(day: date, *, maximum: date | None = None) -> QDateEdit:
    """Every date field of the application: a whole date can be typed over it (F29)."""
    return TypingDateEdit(day, maximum=maximum)


def day_text(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


# ---------------------------------------------------------------------------------------------------
# Messages


def bad_rows(error: RowErrors) -> int:
    """How many rows of the file are wrong (a row may have several errors)."""
    return len({row for row, _ in error.errors})


class RowErrorsDialog(QDialog):
    """Every bad row of a refused import, as a table 行号/原因 (nothing was imported)."""

    def __init__(self, error: RowErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rowErrorsDialog")
        self.setWindowTitle(self.tr("导入被拒绝"))
        self.resize(760, 460)
        count = len(error.errors)
        summary = QLabel(self.tr("文件中有 %1 处错误，涉及 %2 行，未导入任何数据。请在文件中改正下列各行后重新导入。")
                         .replace("%1", str(count)).replace("%2", str(bad_rows(error))))
        summary.setWordWrap(True)
        summary.setObjectName("errorText")
        self.table = QTableWidget(count, 2)
        self.table.setHorizontalHeaderLabels([self.tr("行号"), self.tr("原因")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for r, (row, reason) in enumerate(error.errors):
            number = QTableWidgetItem(str(row))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 0, number)
            item = QTableWidgetItem(reason)
            item.setToolTip(reason)
            self.table.setItem(r, 1, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str]]:
        out = []
        for r in range(self.table.rowCount()):
            a, b = self.table.item(r, 0), self.table.item(r, 1)
            out.append((a.text() if a else "", b.text() if b else ""))
        return out


def show_error(parent: QWidget | None, error: ServiceError, title: str | None = None) -> QDialog:
    """The services' refusal, in Chinese, in a window-modal box that does not block the event loop.
    A refused import opens the row-errors table instead."""
    dialog: QDialog
    if isinstance(error, RowErrors):
        dialog = RowErrorsDialog(error, parent)
    else:
        box = QMessageBox(QMessageBox.Icon.Warning, title or _tr("操作未完成"), str(error),
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("serviceErrorBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dialog = box
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title or _tr("提示"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("infoBox")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def confirm(parent: QWidget | None, title: str, text: str, confirm_text: str) -> bool:
    """Ask before an irreversible step, saying what it does; 取消 is the default button."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmBox")
    box.button(QMessageBox.StandardButton.Yes).setText(confirm_text)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


# ---------------------------------------------------------------------------------------------------
# Form dialogs


class FormDialog(QDialog):
    """A dialog with a form, an error line, and 确定/取消 — the error line keeps the dialog (and what was
    typed) open when the service refuses. Subclasses put fields in `self.form` and implement `submit`,
    which returns True when done."""

    done_ok = Signal()

    def __init__(self, title: str, parent: QWidget | None = None, ok_text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_label = QLabel("")
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        if ok_text:
            self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.row_errors: QDialog | None = None
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.error_label)
        self.body.addWidget(self.buttons)

    def fail(self, message: str) -> None:
        self.error_label.setText(message)
        self._fit_height()

    def _fit_height(self) -> None:
        """A message of two or three lines makes the dialog taller rather than squeezing its fields."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        need = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                else layout.totalSizeHint().height())
        if need > self.height():
            self.resize(self.width(), need)

    def _submit(self) -> None:
        self.error_label.clear()
        try:
            done = self.submit()
        except ServiceError as exc:
            if isinstance(exc, RowErrors):
                self.fail(self.tr("导入被拒绝：%1 行有误，未导入任何数据（见错误清单）。")
                          .replace("%1", str(bad_rows(exc))))
                self.row_errors = show_error(self, exc)
            else:
                self.fail(str(exc))
            return
        if done:
            self.accept()
            self.done_ok.emit()

    def submit(self) -> bool:
        raise NotImplementedError


def required(label: str) -> str:
    """A required field's label, marked with a red asterisk (UX.md: required fields marked)."""
    return f'<span style="color:#b3261e">*</span>{label}'



def allow(action: QAction, allowed: bool, why_not: str) -> None:
    """Enable an action, or disable it with the rule that refuses it as its tooltip (UX.md: a refused
    action is shown disabled with its reason, never silently missing)."""
    action.setEnabled(allowed)
    action.setToolTip(action.text().replace("&", "") if allowed else why_not)


def buttons_row(*widgets: QWidget, stretch_first: bool = False) -> QHBoxLayout:
    row = QHBoxLayout()
    if stretch_first:
        row.addStretch(1)
    for w in widgets:
        row.addWidget(w)
    if not stretch_first:
        row.addStretch(1)
    return row
