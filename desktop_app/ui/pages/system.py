"""系统设置: the township, users and settings (read here; the admin screens grow with the GUI issue)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import settings as settings_service
from desktop_app.services import township as township_service
from desktop_app.services import users as users_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers) + 1)
    table.setHorizontalHeaderLabels(["序号", *headers])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for r, row in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(str(r + 1)))
        for c, value in enumerate(row, start=1):
            table.setItem(r, c, QTableWidgetItem(value))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _value(value: Any) -> str:
    if value is None:
        return "（未设置）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


class SystemPage(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        title = QLabel(self.tr("系统设置"))
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def reload(self) -> None:
        self.tabs.clear()
        township = QWidget()
        form = QFormLayout(township)
        try:
            t = township_service.get_township(self.ctx)
            for label, value in [("乡镇名称", t.name), ("执法主体", t.government_name), ("执法队", t.team_name),
                                 ("行政区划代码", t.admin_code), ("文号前缀", t.doc_prefix),
                                 ("印章文字", t.seal_text), ("行政复议机关", t.review_body)]:
                form.addRow(self.tr(label) + "：", QLabel(value))
        except ServiceError as exc:
            form.addRow(QLabel(str(exc)))
        self.tabs.addTab(township, self.tr("乡镇信息"))
        users = users_service.list_users(self.ctx, self.actor)
        self.tabs.addTab(_table(["登录名", "姓名", "角色", "状态"], [
            [u.login, u.name, "、".join(u.role_labels), "停用" if u.disabled else "正常"] for u in users]),
            self.tr("用户与角色"))
        settings = settings_service.list_settings(self.ctx)
        self.tabs.addTab(_table(["名称", "值", "依据与说明"], [
            [s.label, _value(s.value), s.note] for s in settings]), self.tr("期限与数额设置"))
