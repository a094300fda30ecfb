"""The case list as a Qt table model that pages through the services' `list_cases` (never the store):
filter and sort happen in SQL, a page of PAGE_SIZE rows at a time, more as the view scrolls
(`fetchMore`). Pages load in the background runner; a page that arrives for an older query is dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop_app.services.actor import Actor
from desktop_app.services.cases.queries import CaseFilter, CasePage, CaseRow, list_cases
from desktop_app.services.context import AppContext
from desktop_app.ui.formatting import (
    case_number_words,
    deadline_colours,
    deadline_text,
    party_names,
    urgent_deadline,
)
from desktop_app.ui.runner import runner

logger = logging.getLogger(__name__)

PAGE_SIZE = 100

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseTableModel", text)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sort: str | None  # the services' sort key (queries.SORTABLE), None: not sortable
    width: int


# Declared once (STYLE.md 6); the view's header layout is saved by these keys' order.
COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", None, 50),
    Column("number", "案号", "number", 200),
    Column("party", "当事人", "party", 170),
    Column("item", "执法事项", "item_code", 230),
    Column("state", "状态", "state", 80),
    Column("registered", "登记日期", "registered_at", 100),
    Column("deadline", "期限提示", None, 300),
)
DEFAULT_SORT = ("registered_at", True)


def case_number_text(row: CaseRow | Any) -> str:
    return case_number_words(row.number, row.state, getattr(row, "procedure", None))


class CaseTableModel(QAbstractTableModel):
    """Rows of `CaseRow`; `total` is the count of the whole filtered query."""

    loaded = Signal(int, bool)  # total, short search — after each first page
    page_failed = Signal(object)

    def __init__(self, ctx: AppContext, actor: Actor, item_names: dict[str, str] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.item_names = item_names or {}
        self.filter = CaseFilter(sort=DEFAULT_SORT[0], descending=DEFAULT_SORT[1])
        self.rows: list[CaseRow] = []
        self.total = 0
        self.short_search = False
        self.today: date = ctx.clock.today()
        self._generation = 0
        self._loading = False
        self.loaded_once = False

    # -- querying -----------------------------------------------------------------------------

    def set_filter(self, flt: CaseFilter) -> None:
        """A new query: keeps the current sort, starts again at the first page."""
        self.filter = replace(flt, sort=self.filter.sort, descending=self.filter.descending, offset=0,
                              limit=None)
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self.rows = []
        self.total = 0
        self.endResetModel()
        self.today = self.ctx.clock.today()
        self._request(0)

    def _request(self, offset: int) -> None:
        self._loading = True
        generation = self._generation
        flt = replace(self.filter, offset=offset, limit=PAGE_SIZE)
        runner().submit(list_cases, self.ctx, self.actor, flt, self.today,
                        on_done=lambda page: self._arrived(generation, offset, page),
                        on_error=lambda exc: self._failed(generation, exc))

    def _arrived(self, generation: int, offset: int, page: CasePage) -> None:
        if generation != self._generation:
            return  # an answer to an older query
        self._loading = False
        if offset != len(self.rows):
            return
        if offset == 0:
            self.total = page.total
            self.short_search = page.short_search
        if page.rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        if offset == 0:
            self.loaded_once = True
            self.loaded.emit(self.total, self.short_search)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self.page_failed.emit(exc)

    @property
    def loading(self) -> bool:
        return self._loading

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self.rows))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.filter.sort, self.filter.descending):
            return
        self.filter = replace(self.filter, sort=key, descending=descending)
        self.reload()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        for i, c in enumerate(COLUMNS):
            if c.sort == self.filter.sort:
                order = Qt.SortOrder.DescendingOrder if self.filter.descending else Qt.SortOrder.AscendingOrder
                return i, order
        return -1, Qt.SortOrder.DescendingOrder

    # -- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _tr(COLUMNS[section].title)
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].sort is None and section > 0:
                return _tr("此列不能排序")
        return None

    def case_id(self, row: int) -> str | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_texts(self, row: int) -> list[str]:
        return [str(self.data(self.index(row, c)) or "") for c in range(len(COLUMNS))]

    def cell_text(self, row: CaseRow, key: str, number: int) -> str:
        if key == "seq":
            return str(number)
        if key == "number":
            return case_number_text(row)
        if key == "party":
            return party_names(row.parties)
        if key == "item":
            name = self.item_names.get(row.item_code)
            return f"{row.item_code} {name}" if name else row.item_code
        if key == "state":
            return row.state_label
        if key == "registered":
            return row.opened_on.isoformat()
        if key == "deadline":
            d = urgent_deadline(row.deadlines)
            return deadline_text(d, self.today) if d is not None else ""
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.cell_text(row, column.key, index.row() + 1)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 12 else None
            return text
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.key == "seq":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and column.key == "deadline":
            d = urgent_deadline(row.deadlines)
            colours = deadline_colours(d.status) if d is not None else None
            if colours is not None:
                return QBrush(QColor(colours[0 if role == Qt.ItemDataRole.BackgroundRole else 1]))
        return None
