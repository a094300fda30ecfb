"""Export of a case list view (the same filter and sort as on screen) to an Excel workbook (.xlsx),
page by page through `list_cases`, with progress and cancellation for the background runner."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from desktop_app.services import items as items_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases.queries import CaseFilter, CaseRow, list_cases
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput
from desktop_app.services.parties import KIND_LABELS

EXPORT_PAGE = 2000
HEADERS = ["序号", "案号", "当事人", "当事人类型", "执法事项编码", "执法事项", "状态", "登记日期", "是否逾期",
           "期限提示"]
STATUS_WORDS = {"overdue": "已逾期", "due_soon": "将到期", "open": "进行中", "met": "已完成"}


class ExportCancelled(Exception):
    pass


def _deadline_note(row: CaseRow) -> str:
    rank = {"overdue": 0, "due_soon": 1, "open": 2}
    live = sorted((d for d in row.deadlines if d.status in rank), key=lambda d: (rank[d.status], d.due))
    if not live:
        return ""
    d = live[0]
    return f"{d.label} {d.due.isoformat()}（{STATUS_WORDS.get(d.status, d.status)}）"


def export_cases(
    ctx: AppContext,
    actor: Actor,
    flt: CaseFilter,
    path: Path,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write every case of the view to `path` (.xlsx); returns the number of rows. Written to a
    temporary file first and renamed, so a cancelled or failed export leaves no half file."""
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput("文件名", "导出文件须为 .xlsx 格式")
    today = today or ctx.clock.today()
    names = {i.code: i.name for i in items_service.list_items(ctx, today)}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("案件列表")
    bold = Font(bold=True)
    header_cells = []
    for h in HEADERS:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    written = 0
    total = None
    offset = 0
    while True:
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        page = list_cases(ctx, actor, replace(flt, offset=offset, limit=EXPORT_PAGE), today)
        total = page.total if total is None else total
        for row in page.rows:
            written += 1
            ws.append([
                written, row.number_text, "、".join(p.name for p in row.parties),
                "、".join(KIND_LABELS.get(p.kind, p.kind) for p in row.parties),
                row.item_code, names.get(row.item_code, ""), row.state_label, row.opened_on.isoformat(),
                "是" if row.overdue else "否", _deadline_note(row)])
        if progress is not None:
            progress(written, total)
        if len(page.rows) < EXPORT_PAGE:
            break
        offset += EXPORT_PAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written
