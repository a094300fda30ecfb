"""系统设置: the admin screens, one tab each (desktop_app/ui/pages/admin/). Admins change things there;
leaders and county supervisors see the same tabs read-only (every write service requires the admin)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.ui.pages.admin import ADMIN_ONLY, is_admin
from desktop_app.ui.pages.admin.benchmarks import BenchmarksTab
from desktop_app.ui.pages.admin.calendar import CalendarTab
from desktop_app.ui.pages.admin.items import ItemsTab
from desktop_app.ui.pages.admin.officers import OfficersTab
from desktop_app.ui.pages.admin.settings import SettingsTab
from desktop_app.ui.pages.admin.township import TownshipTab
from desktop_app.ui.pages.admin.training import TrainingTab
from desktop_app.ui.pages.admin.users import UsersTab
from desktop_app.ui.pages.scrolling import scroll_when_small, scrolled_content
from desktop_app.ui.widgets import banner


class SystemPage(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        title = QLabel(self.tr("系统设置"))
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("systemTabs")
        self.tabs.setDocumentMode(True)
        # On a small or scaled screen (1366×768 at 150 %: the page gets about 745×350 px) the tab bar
        # scrolls with arrows and each tab scrolls inside itself, rather than the widest tab (节假日日历)
        # and the tallest (裁量基准) setting the smallest size of the whole window
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)  # whole names; the arrows reach the others
        self.township = TownshipTab(ctx, actor)
        self.users = UsersTab(ctx, actor)
        self.officers = OfficersTab(ctx, actor)
        self.training = TrainingTab(ctx, actor)
        self.items = ItemsTab(ctx, actor)
        self.benchmarks = BenchmarksTab(ctx, actor)
        self.calendar = CalendarTab(ctx, actor)
        self.settings = SettingsTab(ctx, actor)
        for tab, label in ((self.township, self.tr("乡镇信息")), (self.users, self.tr("用户与角色")),
                           (self.officers, self.tr("执法人员与执法证")), (self.training, self.tr("培训学时")),
                           (self.items, self.tr("执法事项清单")), (self.benchmarks, self.tr("裁量基准")),
                           (self.calendar, self.tr("节假日日历")), (self.settings, self.tr("期限与数额设置"))):
            self.tabs.addTab(scroll_when_small(tab, "systemTabScroll"), label)
        # What one tab changes (a new user, officer or setting) shows in another when it is opened.
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        if not is_admin(actor):
            layout.addWidget(banner(self.tr("您以只读方式查看系统设置：%1。").replace("%1", self.tr(ADMIN_ONLY)),
                                    tone="info"))
        layout.addWidget(self.tabs, 1)

    def tab(self, index: int) -> QWidget | None:
        """The admin screen of a tab (each sits in a scroll area of its own)."""
        return scrolled_content(self.tabs.widget(index))

    def _tab_shown(self, index: int) -> None:
        tab = self.tab(index)
        reload = getattr(tab, "reload", None)
        if callable(reload):
            reload()

    def reload(self) -> None:
        """F5: refresh every tab (the township form keeps what was typed and not yet saved)."""
        for i in range(self.tabs.count()):
            self._tab_shown(i)
