"""The main window (UX.md, "The frame"): header with the township and the user, navigation by role,
the chosen page, a status bar. Ctrl+F search, Ctrl+N new clue, F5 refresh, Esc back from a case."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_TITLE
from desktop_app.domain.case_states import CaseState
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError
from desktop_app.services.settings import get_setting
from desktop_app.ui.case_list import CaseListPage
from desktop_app.ui.case_workspace import CaseWorkspace
from desktop_app.ui.elided_label import ElidedLabel
from desktop_app.ui.lock_screen import IdleWatcher, LockPage
from desktop_app.ui.login import ChangePasswordDialog
from desktop_app.ui.new_case_dialog import NewCaseDialog, can_register
from desktop_app.ui.pages.archive import ArchivePage
from desktop_app.ui.pages.dashboard import DashboardPage
from desktop_app.ui.pages.statistics import StatisticsPage
from desktop_app.ui.pages.system import SystemPage
from desktop_app.ui.widgets import show_info

CASE_READERS = (Role.OFFICER, Role.TEAM_LEAD, Role.LEGAL_REVIEWER, Role.LEADER, Role.ARCHIVE_CLERK,
                Role.COUNTY_SUPERVISOR)
# 统计 (每周一检点，每月一通报) is for those who answer for the office's figures.
STATISTICS_READERS = (Role.TEAM_LEAD, Role.LEGAL_REVIEWER, Role.LEADER, Role.COUNTY_SUPERVISOR)


# what 返回 names for a navigation page that is a list
RETURN_NAMES = {"案件": "案件列表", "法制审核": "法制审核列表"}


def idle_lock_ms(ctx: AppContext) -> int:
    """The idle time before the window locks (setting security.idle_lock_minutes; 0 = never)."""
    try:
        minutes = float(get_setting(ctx, "security.idle_lock_minutes") or 0)
    except (ServiceError, KeyError, TypeError, ValueError):
        minutes = 10.0
    return max(0, int(minutes * 60_000))


class MainWindow(QMainWindow):
    lock_requested = Signal()
    switch_user_requested = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, township_title: str, *,
                 idle_timeout_ms: int | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.actor = actor
        self.setWindowTitle(f"{township_title} · {APP_TITLE}")
        self.resize(1366, 740)
        self.new_case_dialog: NewCaseDialog | None = None

        roles = "、".join(ROLE_LABELS[r] for r in Role if r in actor.roles)
        header = QWidget()
        header.setObjectName("frameHeader")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(12, 6, 12, 6)
        # cut with “…” (whole on hover) rather than widening the window on a small or scaled screen
        title = ElidedLabel()
        title.setText(f"{township_title} · {APP_TITLE}")
        title.setObjectName("pageTitle")
        self.user_label = QLabel(f"{actor.name}（{roles}）")
        self.new_button = QPushButton(self.tr("登记线索"))
        self.new_button.setObjectName("headerNewClue")
        self.new_button.setToolTip(self.tr("登记新的案件线索（Ctrl+N）"))
        self.new_button.clicked.connect(self.new_clue)
        if not can_register(actor):
            self.new_button.hide()
        self.switch_button = QPushButton(self.tr("切换用户"))
        self.switch_button.setObjectName("switchUser")
        self.switch_button.clicked.connect(self.switch_user_requested.emit)
        self.lock_button = QPushButton(self.tr("锁定"))
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setToolTip(self.tr("暂时离开时锁定屏幕（Ctrl+L）"))
        self.lock_button.clicked.connect(self.lock)
        self.account_button = QToolButton()
        self.account_button.setObjectName("accountMenu")
        self.account_button.setText(self.tr("账户 ▾"))
        self.account_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.account_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.account_menu = QMenu(self.account_button)
        self.password_action = self.account_menu.addAction(self.tr("修改密码…"))
        self.password_action.setObjectName("changePasswordAction")
        self.password_action.triggered.connect(self.change_password)
        lock_action = self.account_menu.addAction(self.tr("锁定屏幕"), self.lock)
        lock_action.setObjectName("lockAction")
        # shown beside the entry so that people find it (the window-wide Ctrl+L does the work)
        lock_action.setShortcut(QKeySequence("Ctrl+L"))
        lock_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        lock_action.setShortcutVisibleInContextMenu(True)
        self.account_menu.addAction(self.tr("切换用户"), self.switch_user_requested.emit)
        self.account_button.setMenu(self.account_menu)
        header_layout.addWidget(title, 1)
        header_layout.addWidget(self.new_button)
        header_layout.addSpacing(12)
        header_layout.addWidget(self.user_label)
        header_layout.addWidget(self.account_button)
        header_layout.addWidget(self.lock_button)
        header_layout.addWidget(self.switch_button)
        self.password_dialog: ChangePasswordDialog | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        # wide enough for the longest label at any scaling (the font, not pixels, sets the width)
        self.nav.setFixedWidth(max(150, self.nav.fontMetrics().horizontalAdvance("法制审核") + 72))
        self.pages = QStackedWidget()
        # Pages are built when first shown (a login opens the window at once); the dashboard first.
        self._factories: list[Callable[[], QWidget]] = []
        self._built: dict[int, QWidget] = {}
        self._add_page("工作台", self._make_dashboard)
        self._case_list_row = self._review_list_row = -1
        if actor.has(*CASE_READERS):
            self._case_list_row = self._add_page("案件", lambda: self._make_list("案件"))
        if actor.has(Role.LEGAL_REVIEWER, Role.LEADER):
            self._review_list_row = self._add_page("法制审核", lambda: self._make_list(
                "法制审核", CaseState.LEGAL_REVIEW.value, "reviewList"))
        self._archive_row = self._statistics_row = -1
        if actor.has(Role.ARCHIVE_CLERK):
            self._archive_row = self._add_page("归档", self._make_archive)
        if actor.has(*STATISTICS_READERS):
            self._statistics_row = self._add_page("统计", lambda: StatisticsPage(ctx, actor))
        if actor.has(Role.ADMIN, Role.LEADER, Role.COUNTY_SUPERVISOR):
            self._add_page("系统设置", lambda: SystemPage(ctx, actor))
        # The workspace is a page of its own, reached from a list or the dashboard (not in the nav).
        self.workspace = CaseWorkspace(ctx, actor)
        self.workspace.back_requested.connect(self.back_from_case)
        self.workspace.changed.connect(lambda _id: self._case_changed())
        self.pages.addWidget(self.workspace)
        self._return_to = 0
        self._stale_pages: set[int] = set()
        self.nav.currentRowChanged.connect(self._nav_changed)
        # clicking the row already chosen (案件 while a case is open) also goes back to its page (F14)
        self.nav.itemClicked.connect(lambda item: self._nav_clicked(self.nav.row(item)))
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
        # The lock hides the whole frame (header, navigation, the case on screen) behind its page.
        self.frame = QStackedWidget()
        self.frame.addWidget(central)
        self.lock_page = LockPage(ctx, actor)
        self.lock_page.unlocked.connect(self.unlock)
        self.lock_page.switch_user_requested.connect(self.switch_user_requested.emit)
        self.frame.addWidget(self.lock_page)
        self.setCentralWidget(self.frame)
        self._content = central
        self._hidden_dialogs: list[QDialog] = []

        where = self.tr("本机") if ctx.db.is_sqlite else self.tr("共享数据库")
        demo = self.tr(" · 演示数据") if ctx.is_demo else ""
        self.statusBar().showMessage(self.tr("数据库：%1 · 数据目录：%2").replace("%1", where).replace(
            "%2", str(ctx.data_dir.root)) + demo)

        self._shortcuts: list[QAction] = []
        for key, slot in ((QKeySequence(Qt.Key.Key_F5), self.refresh),
                          (QKeySequence.StandardKey.Find, self.find_cases),
                          (QKeySequence.StandardKey.New, self.new_clue),
                          (QKeySequence("Ctrl+L"), self.lock)):
            action = QAction(self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self._shortcuts.append(action)

        self.idle = IdleWatcher(idle_lock_ms(ctx) if idle_timeout_ms is None else idle_timeout_ms, self)
        self.idle.idle.connect(self.lock)

    def _add_page(self, label: str, factory: Callable[[], QWidget]) -> int:
        self._factories.append(factory)
        self.pages.addWidget(QWidget())  # a stand-in until the page is first shown
        QListWidgetItem(self.tr(label), self.nav)
        return len(self._factories) - 1

    def page(self, row: int) -> QWidget:
        """The page of a navigation row, built on first use."""
        if row not in self._built:
            widget = self._factories[row]()
            stand_in = self.pages.widget(row)
            self.pages.insertWidget(row, widget)
            if stand_in is not None:
                self.pages.removeWidget(stand_in)
                stand_in.deleteLater()
            self._built[row] = widget
            self._stale_pages.discard(row)
        return self._built[row]

    def _make_dashboard(self) -> DashboardPage:
        page = DashboardPage(self.ctx, self.actor)
        page.open_case.connect(self.open_case)
        return page

    def _make_archive(self) -> ArchivePage:
        page = ArchivePage(self.ctx, self.actor)
        page.open_case.connect(self.open_case)
        page.changed.connect(self._case_changed)
        return page

    def _make_list(self, title: str, preset_state: str | None = None, settings_key: str = "caseList"
                   ) -> CaseListPage:
        page = CaseListPage(self.ctx, self.actor, title=title, preset_state=preset_state, settings_key=settings_key)
        page.open_case.connect(self.open_case)
        page.new_clue_requested.connect(self.new_clue)
        return page

    @property
    def dashboard(self) -> DashboardPage:
        page = self.page(0)
        assert isinstance(page, DashboardPage)
        return page

    @property
    def case_list(self) -> CaseListPage | None:
        if self._case_list_row < 0:
            return None
        page = self.page(self._case_list_row)
        assert isinstance(page, CaseListPage)
        return page

    @property
    def review_list(self) -> CaseListPage | None:
        if self._review_list_row < 0:
            return None
        page = self.page(self._review_list_row)
        assert isinstance(page, CaseListPage)
        return page

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(row)
        self.pages.setCurrentWidget(page)
        # 工作台 is shown fresh every time: an admin's changes (a user 停用, a certificate recalled) and
        # the clock move its figures too, not only a step taken on a case
        if row in self._stale_pages or isinstance(page, DashboardPage):
            self._stale_pages.discard(row)
            self._reload(page)

    def _nav_clicked(self, row: int) -> None:
        if row >= 0 and self.pages.currentWidget() is self.workspace:
            self._nav_changed(row)

    @staticmethod
    def _reload(page: QWidget | None) -> None:
        reload = getattr(page, "reload", None)
        if callable(reload):
            reload()

    # -- cases -----------------------------------------------------------------------------------

    def open_case(self, case_id: str) -> None:
        if self.pages.currentWidget() is not self.workspace:
            self._return_to = max(0, self.nav.currentRow())
            item = self.nav.item(self._return_to)
            place = item.text() if item is not None else self.tr("工作台")
            self.workspace.set_return_to(RETURN_NAMES.get(place, place))
        self.workspace.open_case(case_id)
        self.pages.setCurrentWidget(self.workspace)
        self.workspace.setFocus()

    def back_from_case(self) -> None:
        row = self._return_to
        self.pages.setCurrentWidget(self.page(row))
        self.nav.setCurrentRow(row)
        if row in self._stale_pages:
            self._stale_pages.discard(row)
            self._reload(self.page(row))

    def _case_changed(self) -> None:
        """A step was taken: every list and the dashboard built so far show it when next seen."""
        self._stale_pages = set(self._built)

    def new_clue(self) -> None:
        if not can_register(self.actor):
            return
        if self.new_case_dialog is not None and self.new_case_dialog.isVisible():
            self.new_case_dialog.raise_()
            self.new_case_dialog.activateWindow()
            return
        dialog = NewCaseDialog(self.ctx, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.registered.connect(self._registered)
        dialog.destroyed.connect(lambda *_: setattr(self, "new_case_dialog", None))
        self.new_case_dialog = dialog
        dialog.open()

    def _registered(self, case_id: str) -> None:
        self._case_changed()
        self.open_case(case_id)

    # -- lock and password -----------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.frame.currentWidget() is self.lock_page

    def lock(self) -> None:
        """Hide everything behind the lock page; open dialogs are hidden too and come back on unlock."""
        if self.locked:
            return
        self.idle.paused = True
        self._hidden_dialogs = [d for d in self.findChildren(QDialog) if d.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        for action in self._shortcuts:
            action.setEnabled(False)
        self.frame.setCurrentWidget(self.lock_page)
        self.lock_page.reset()
        self.lock_requested.emit()

    def unlock(self) -> None:
        self.frame.setCurrentWidget(self._content)
        for action in self._shortcuts:
            action.setEnabled(True)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self.idle.activity()
        self.idle.paused = False

    def showEvent(self, event: QShowEvent) -> None:
        # watching the application's input while shown (installing twice keeps one filter)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        if not self.locked:
            self.idle.set_timeout(self.idle.timeout_ms)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # a closed window (切换用户) stops watching the application's input
        self.idle.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        super().closeEvent(event)

    def change_password(self) -> None:
        """修改密码 from the account menu: the old password, the new one twice."""
        if self.password_dialog is not None and self.password_dialog.isVisible():
            self.password_dialog.raise_()
            return
        dialog = ChangePasswordDialog(self.ctx, self.actor.login, forced=False, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda: show_info(self, self.tr("密码已修改。下次登录请使用新密码。"),
                                                 self.tr("修改密码")))
        dialog.destroyed.connect(lambda *_: setattr(self, "password_dialog", None))
        self.password_dialog = dialog
        dialog.open()

    # -- keyboard ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._reload(self.pages.currentWidget())

    def find_cases(self) -> None:
        page = self.pages.currentWidget()
        if not isinstance(page, CaseListPage):
            if self._case_list_row < 0:
                return
            self.nav.setCurrentRow(self._case_list_row)
            page = self.case_list
        assert page is not None
        page.focus_search()
