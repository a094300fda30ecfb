"""Choosing spreadsheet files to import or export (.xlsx or .csv), shared by the list tabs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("sheets", text)


def sheet_filter() -> str:
    return _tr("表格文件 (*.xlsx *.csv);;Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)")


def choose_open(parent: QWidget, title: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", sheet_filter())
    return Path(path) if path else None


def choose_save(parent: QWidget, title: str, suggested: str) -> Path | None:
    path, chosen = QFileDialog.getSaveFileName(parent, title, suggested,
                                               _tr("Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"))
    if not path:
        return None
    result = Path(path)
    if result.suffix.lower() not in (".xlsx", ".csv"):
        result = result.with_name(result.name + (".csv" if "csv" in chosen.lower() else ".xlsx"))
    return result
