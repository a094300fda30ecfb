"""A ruled table for the tabular forms (审批表, 笔录, 送达回证, 清单, 卷内目录).

Rows are bands of cells with column spans; a cell holds paragraphs and, optionally, a signature line
pinned to its foot (签名、日期). A row too tall for the rest of the page is split between lines of its
paragraphs, so a long 案情 continues on the next page instead of being cut; header rows repeat.
reportlab's own Table can't split a spanned row reliably, hence this small one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reportlab.platypus.flowables import Flowable

PAD_X = 4.0
PAD_Y = 3.0
LINE_WIDTH = 0.8


@dataclass
class Cell:
    span: int = 1
    content: list[Flowable] = field(default_factory=list)
    sign: Flowable | None = None  # pinned to the foot of the cell
    min_height: float = 0.0
    valign: str = "top"  # top | middle
    continued: bool = False  # the lower part of a split cell


@dataclass
class GridRow:
    cells: list[Cell]
    min_height: float = 0.0


def _stack_height(items: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for i, f in enumerate(items):
        _, h = f.wrap(width, 1e6)
        total += h
        if i:
            total += getattr(f, "spaceBefore", 0) or 0
        if i < len(items) - 1:
            total += getattr(f, "spaceAfter", 0) or 0
    return total


def _split_stack(items: Sequence[Flowable], width: float, height: float) -> tuple[list[Flowable], list[Flowable]]:
    """The paragraphs that fit into ``height`` and the rest (splitting one paragraph by lines)."""
    head: list[Flowable] = []
    used = 0.0
    for i, f in enumerate(items):
        gap = (getattr(f, "spaceBefore", 0) or 0) if head else 0
        _, h = f.wrap(width, 1e6)
        if used + gap + h <= height + 0.01:
            head.append(f)
            used += gap + h + (getattr(f, "spaceAfter", 0) or 0)
            continue
        parts = f.split(width, height - used - gap) if height - used - gap > 0 else []
        if len(parts) == 2:
            head.append(parts[0])
            return head, [parts[1], *items[i + 1:]]
        return head, list(items[i:])
    return head, []


class GridTable(Flowable):  # type: ignore[misc]  # reportlab has no type information
    def __init__(self, col_widths: Sequence[float], rows: Sequence[GridRow], header_rows: int = 0,
                 font_size: float = 12.0) -> None:
        super().__init__()
        self.col_widths = list(col_widths)
        self.rows = list(rows)
        self.header_rows = header_rows
        self.font_size = font_size
        self._heights: list[float] = []

    # -- geometry
    def _cell_width(self, row: GridRow, index: int) -> float:
        start = sum(c.span for c in row.cells[:index])
        return sum(self.col_widths[start:start + row.cells[index].span])

    def _cell_height(self, cell: Cell, width: float, natural: bool = False) -> float:
        """The cell's height: its paragraphs, its signature line and padding; at least its minimum
        unless ``natural`` (a minimum is a preference that gives way at the foot of a page)."""
        inner = width - 2 * PAD_X
        h = _stack_height(cell.content, inner)
        if cell.sign is not None:
            h += cell.sign.wrap(inner, 1e6)[1] + (4.0 if cell.content else 0.0)
        h += 2 * PAD_Y
        return h if natural else max(h, cell.min_height)

    def _row_height(self, row: GridRow, natural: bool = False) -> float:
        heights = [self._cell_height(c, self._cell_width(row, i), natural) for i, c in enumerate(row.cells)]
        return max([0.0 if natural else row.min_height, *heights])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heights = [self._row_height(r) for r in self.rows]
        self.width = sum(self.col_widths)
        self.height = sum(self._heights)
        return self.width, self.height

    # -- splitting across pages
    def _table(self, rows: list[GridRow]) -> GridTable:
        return GridTable(self.col_widths, rows, self.header_rows, self.font_size)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        natural = [self._row_height(r, natural=True) for r in self.rows]
        if sum(natural) <= availHeight - 1.0:
            # minimum heights are room for handwriting: they give way (evenly) before a page break
            slack = [h - n for h, n in zip(self._heights, natural, strict=True)]
            cut = (self.height - availHeight + 1.0) / sum(slack)
            rows = []
            for row, h, room in zip(self.rows, self._heights, slack, strict=True):
                target = h - room * cut
                rows.append(GridRow([replace(c, min_height=min(c.min_height, target)) for c in row.cells],
                                    min(row.min_height, target)))
            return [self._table(rows)]
        used = 0.0
        n = 0
        while n < len(self.rows) and used + self._heights[n] <= availHeight + 0.01:
            used += self._heights[n]
            n += 1
        if n >= len(self.rows):
            return [self]
        header = self.rows[:self.header_rows]
        row = self.rows[n]
        room = availHeight - used
        if self._row_height(row, natural=True) <= room + 0.01:
            # the row fits once its minimum height gives way: it takes the rest of the page
            room -= 1.0  # a hair under the page's rest, so a zero-size flowable after it still fits
            shrunk = GridRow([replace(c, min_height=min(c.min_height, room)) for c in row.cells],
                             min(row.min_height, room))
            first = self._table([*self.rows[:n], shrunk])
            rest = self.rows[n + 1:]
            return [first, self._table([*header, *rest])] if rest else [first]
        if self._row_height(row, natural=True) > 12 * self.font_size and room >= 4 * self.font_size:
            head_row, tail_row = self._split_row(row, room)
            if head_row is not None and tail_row is not None:
                first = self._table([*self.rows[:n], head_row])
                return [first, self._table([*header, tail_row, *self.rows[n + 1:]])]
        if n <= self.header_rows:
            return []  # nothing of the body fits here: the table starts on the next page
        return [self._table(self.rows[:n]), self._table([*header, *self.rows[n:]])]

    def _split_row(self, row: GridRow, room: float) -> tuple[GridRow | None, GridRow | None]:
        """Split a row at ``room`` points; (None, None) when it can't be split usefully there."""
        if room < 3 * self.font_size:
            return None, None
        heads: list[Cell] = []
        tails: list[Cell] = []
        moved_any = False
        for i, cell in enumerate(row.cells):
            inner = self._cell_width(row, i) - 2 * PAD_X
            height = room - 2 * PAD_Y
            if self._cell_height(cell, inner + 2 * PAD_X, natural=True) <= room:
                heads.append(replace(cell, min_height=0))
                tails.append(Cell(cell.span, [], None, 0.0, cell.valign, continued=True))
                continue
            sign_h = cell.sign.wrap(inner, 1e6)[1] + 4.0 if cell.sign is not None else 0.0
            head, tail = _split_stack(cell.content, inner, height)
            if not head and cell.content:
                return None, None
            if not tail:
                # the text fits, only the signature line does not: it goes over
                heads.append(Cell(cell.span, head, None, 0.0, cell.valign))
                tails.append(Cell(cell.span, [], cell.sign, max(cell.min_height - room, 0.0), cell.valign,
                                  continued=True))
            else:
                heads.append(Cell(cell.span, head, None, 0.0, cell.valign))
                tails.append(Cell(cell.span, tail, cell.sign,
                                  max(cell.min_height - room, sign_h + 2 * PAD_Y), cell.valign, continued=True))
            moved_any = True
        if not moved_any:
            return None, None
        return GridRow(heads, 0.0), GridRow(tails, 0.0)

    # -- drawing
    def draw(self) -> None:
        canvas = self.canv
        if not self._heights:
            self.wrap(self.width, 1e6)
        canvas.saveState()
        canvas.setLineWidth(LINE_WIDTH)
        y = self.height
        for row, h in zip(self.rows, self._heights, strict=True):
            x = 0.0
            for i, cell in enumerate(row.cells):
                w = self._cell_width(row, i)
                canvas.rect(x, y - h, w, h, stroke=1, fill=0)
                self._draw_cell(cell, x, y, w, h)
                x += w
            y -= h
        canvas.restoreState()

    def _draw_cell(self, cell: Cell, x: float, top: float, w: float, h: float) -> None:
        inner = w - 2 * PAD_X
        content_h = _stack_height(cell.content, inner)
        middle = cell.valign == "middle" and cell.sign is None
        cy = top - (h - content_h) / 2 if middle else top - PAD_Y
        for i, f in enumerate(cell.content):
            if i:
                cy -= getattr(f, "spaceBefore", 0) or 0
            _, fh = f.wrap(inner, 1e6)
            f.drawOn(self.canv, x + PAD_X, cy - fh)
            cy -= fh + (getattr(f, "spaceAfter", 0) or 0)
        if cell.sign is not None:
            cell.sign.wrap(inner, 1e6)
            cell.sign.drawOn(self.canv, x + PAD_X, top - h + PAD_Y)
