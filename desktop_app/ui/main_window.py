"""The main window: title bar with the user, navigation by role, the chosen page, a status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_TITLE
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.ui.pages.dashboard import DashboardPage
from desktop_app.ui.pages.system import SystemPage


class MainWindow(QMainWindow):
    lock_requested = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, township_title: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.actor = actor
        self.setWindowTitle(f"{township_title} · {APP_TITLE}")
        self.resize(1280, 720)

        roles = "、".join(ROLE_LABELS[r] for r in Role if r in actor.roles)
        header = QWidget()
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(12, 6, 12, 6)
        title = QLabel(f"{township_title} · {APP_TITLE}")
        title.setObjectName("pageTitle")
        self.user_label = QLabel(f"{actor.name}（{roles}）")
        header_layout.addWidget(title)
        header_layout.addStretch(1)
        header_layout.addWidget(self.user_label)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.pages = QStackedWidget()
        self._add_page("工作台", DashboardPage(ctx, actor))
        if actor.has(Role.ADMIN, Role.LEADER, Role.COUNTY_SUPERVISOR):
            self._add_page("系统设置", SystemPage(ctx, actor))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)

        body = QWidget()
        body_layout = QHBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        body_layout.addWidget(self.nav)
        body_layout.addWidget(self.pages, 1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if ctx.clock.is_fixed:
            banner = QLabel(self.tr("演示/测试模式：系统时间已固定为 %1").replace(
                "%1", ctx.clock.local_now().strftime("%Y-%m-%d %H:%M")))
            banner.setObjectName("demoBanner")
            layout.addWidget(banner)
        layout.addWidget(header)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)

        where = "本机" if ctx.db.is_sqlite else "共享数据库"
        self.statusBar().showMessage(self.tr("数据库：%1 · 数据目录：%2").replace("%1", where).replace(
            "%2", str(ctx.data_dir.root)))

        refresh = QAction(self.tr("刷新"), self)
        refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)

    def _add_page(self, label: str, page: QWidget) -> None:
        self.pages.addWidget(page)
        QListWidgetItem(self.tr(label), self.nav)

    def refresh(self) -> None:
        page = self.pages.currentWidget()
        reload = getattr(page, "reload", None)
        if callable(reload):
            reload()
