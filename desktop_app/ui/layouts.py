"""Emptying a layout that is filled again with new widgets (a case's tabs, the step bar)."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget


def clear_layout(layout: QLayout, keep: tuple[QWidget, ...] = ()) -> None:
    """Take every item out; widgets not kept are hidden at once and deleted later (deleteLater alone
    would leave them painted over the new ones until the event loop runs)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None and widget not in keep:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout(), keep)  # type: ignore[arg-type]
