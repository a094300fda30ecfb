"""Small screens and 150 % scaling: refusals of one rule share a line, the case tabs scroll instead of
being cut off, and the navigation is as wide as its longest label in the current font."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.users import add_user, resolve_actor
from desktop_app.ui.case_tabs import ServiceTab
from desktop_app.ui.formatting import reason_lines
from desktop_app.ui.main_window import MainWindow


def test_refusals_of_one_rule_share_a_line() -> None:
    lines = reason_lines([
        ("送达", "只有本案承办人或执法队长可以进行“送达”"),
        ("缴纳罚款", "只有本案承办人或执法队长可以进行“缴纳罚款”"),
        ("决定", "法制审核尚未通过，不得作出决定（行政处罚法第五十八条）"),
    ])
    assert lines == ["ⓘ 送达、缴纳罚款：只有本案承办人或执法队长可以进行这些操作",
                     "ⓘ 决定：法制审核尚未通过，不得作出决定（行政处罚法第五十八条）"]
    assert reason_lines([("受理", "只有执法队长可以进行“受理”")]) == ["ⓘ 受理：只有执法队长可以进行“受理”"]


def test_a_case_tab_scrolls_when_the_window_is_small(qtbot: QtBot) -> None:
    tab = ServiceTab()
    qtbot.addWidget(tab)
    assert isinstance(tab.scroll_area, QScrollArea) and tab.scroll_area.widgetResizable()
    tab.resize(600, 120)
    tab.show()
    content = tab.scroll_area.widget()
    assert content is not None and content.height() >= content.minimumSizeHint().height()


def test_the_navigation_fits_its_labels(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    add_user(ctx, admin, "lead", name="队长", roles="team_lead,leader", password="lead-pass-1",
             must_change_password=False)
    window = MainWindow(ctx, resolve_actor(ctx, "lead", via="gui"), "文水县刘胡兰镇人民政府", idle_timeout_ms=0)
    qtbot.addWidget(window)
    metrics = window.nav.fontMetrics()
    widest = max(metrics.horizontalAdvance(window.nav.item(i).text()) for i in range(window.nav.count()))
    assert window.nav.width() >= widest + 32  # the item padding (16 px a side) included


def test_an_action_dialog_scrolls_its_fields_on_a_low_screen(qtbot: QtBot, ctx: AppContext,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.cases.queries import show_case
    from desktop_app.services.cases.register import NewCase, register_case
    from desktop_app.services.demo import create_demo
    from desktop_app.services.parties import PartyInput
    from desktop_app.ui.action_dialogs import FitScrollArea, action_dialog

    create_demo(ctx, cases=0, seed=3)
    officer = resolve_actor(ctx, "demo-officer1", via="gui")
    reg = register_case(ctx, officer, NewCase(item_code="DQ-01", source="inspection", facts="露天焚烧秸秆",
                                              party=PartyInput("person", "142322198001010010", "王某某")))
    lead = resolve_actor(ctx, "demo-lead", via="gui")
    detail = show_case(ctx, lead, reg.case_id)

    roomy = action_dialog(ctx, lead, detail, "transfer")
    qtbot.addWidget(roomy)
    content = roomy.scroll_area.widget()
    assert content is not None
    assert roomy.scroll_area.sizeHint().height() == content.sizeHint().height()  # fits: no scrolling

    # a screen with little room left (as 1366×768 at 125 % with the taskbar)
    monkeypatch.setattr(FitScrollArea, "CHROME", 10_000)
    monkeypatch.setattr(FitScrollArea, "FLOOR", 120)
    low = action_dialog(ctx, lead, detail, "transfer")
    qtbot.addWidget(low)
    low.show()
    assert low.scroll_area.sizeHint().height() == 120 < low.scroll_area.widget().sizeHint().height()
    assert low.ok_button.isVisible()  # the buttons stay outside the scrolling part
    assert low.scroll_area.minimumSizeHint().height() < low.scroll_area.widget().sizeHint().height()


# -- F33: no window opens larger than the free screen (1366×768 at 125 % with a taskbar) ----------

SMALL_ROOM = (0, 0, 1092, 576)


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QRect

    from desktop_app.ui import qt_setup
    monkeypatch.setattr(qt_setup, "available_room", lambda _widget: QRect(*SMALL_ROOM))


def _inside_small_room(widget: QWidget) -> bool:
    frame = widget.frameGeometry()
    return (frame.width() <= SMALL_ROOM[2] and frame.height() <= SMALL_ROOM[3]
            and frame.left() >= 0 and frame.top() >= 0
            and frame.right() < SMALL_ROOM[2] and frame.bottom() < SMALL_ROOM[3])


def test_the_main_window_opens_inside_a_small_screen(qtbot: QtBot, ctx: AppContext, admin: Actor,
                                                      small_screen: None) -> None:
    add_user(ctx, admin, "lead", name="队长", roles="team_lead,leader", password="lead-pass-1",
             must_change_password=False)
    window = MainWindow(ctx, resolve_actor(ctx, "lead", via="gui"), "文水县刘胡兰镇人民政府", idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    assert _inside_small_room(window), window.frameGeometry()
    assert window.lock_button.isVisible()
    # the account buttons at the right end of the header are inside the window, not cut off
    right = window.switch_button.mapTo(window, window.switch_button.rect().bottomRight())
    assert right.x() < window.width()


def test_every_dialog_opens_inside_a_small_screen(qtbot: QtBot, ctx: AppContext, small_screen: None) -> None:
    """Any top-level window, including one written later, is fitted when first shown."""
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    dialog = QDialog()
    QVBoxLayout(dialog)
    dialog.resize(1350, 825)  # the size 登记线索 opened at in F33
    qtbot.addWidget(dialog)
    dialog.show()
    assert _inside_small_room(dialog), dialog.frameGeometry()
    dialog.resize(1300, 800)  # afterwards the user decides
    dialog.hide()
    dialog.show()
    assert dialog.width() == 1300


def test_the_new_clue_dialog_opens_inside_a_small_screen(qtbot: QtBot, ctx: AppContext,
                                                         small_screen: None) -> None:
    from desktop_app.services.demo import create_demo
    from desktop_app.ui.new_case_dialog import NewCaseDialog

    create_demo(ctx, cases=0, seed=3)
    dialog = NewCaseDialog(ctx, resolve_actor(ctx, "demo-officer1", via="gui"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert _inside_small_room(dialog), dialog.frameGeometry()


@pytest.mark.usefixtures("synchronous_runner")
def test_an_open_case_leaves_the_window_inside_a_small_screen(qtbot: QtBot, ctx: AppContext,
                                                              small_screen: None) -> None:
    """Opening a case once made the window's smallest size 1191×788 (the step bar's full names, the
    evidence tools and the documents' two panes): taller than 1366×768 itself. Each tab now scrolls or
    the bar turns compact instead."""
    from desktop_app.services.cases.register import NewCase, register_case
    from desktop_app.services.demo import create_demo
    from desktop_app.services.parties import PartyInput

    create_demo(ctx, cases=0, seed=3)
    officer = resolve_actor(ctx, "demo-officer1", via="gui")
    reg = register_case(ctx, officer, NewCase(item_code="DQ-01", source="inspection", facts="露天焚烧秸秆",
                                              party=PartyInput("person", "142322198001010010", "王某某")))
    window = MainWindow(ctx, resolve_actor(ctx, "demo-lead", via="gui"), "文水县刘胡兰镇人民政府", idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    window.open_case(reg.case_id)
    tabs = window.workspace.tabs
    assert window.workspace.detail is not None and tabs.count() >= 9
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert smallest.width() <= SMALL_ROOM[2] - 16 and smallest.height() <= SMALL_ROOM[3] - 40, \
            (tabs.tabText(i), smallest)
    assert _inside_small_room(window), window.frameGeometry()

    bar = window.workspace.step_bar
    # the bar knows its widths although its labels were added to a shown window (hidden until the event
    # loop runs): once they counted as nothing, and a bar narrower than its steps was never made compact
    assert bar.sizeHint().width() > bar.minimumSizeHint().width() > 200
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: not bar.compact)
    assert all(step.label in label.text() for step, label in zip(bar.steps, bar.labels, strict=True))
    window.resize(SMALL_ROOM[2] - 120, SMALL_ROOM[3] - 40)
    qtbot.waitUntil(lambda: bar.compact)
    for step, label in zip(bar.steps, bar.labels, strict=True):
        # the current step keeps its name; the others their mark, and their name on hover
        assert (step.label in label.text()) == (step.status == "current")
        assert step.label in label.toolTip() and step.label in label.accessibleName()
    assert bar.width() >= bar.row.sizeHint().width()  # nothing of the compact bar is cut off


def test_the_next_step_buttons_wrap_instead_of_widening_the_window(qtbot: QtBot) -> None:
    """下一步 can offer eight buttons (a leader at 已告知): on a narrow window they take a second line."""
    from PySide6.QtWidgets import QPushButton

    from desktop_app.ui.layouts import FlowLayout

    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host)
    buttons = [QPushButton(text) for text in ("调查取证", "送达", "放弃权利", "要求听证", "提交法制审核", "集体讨论",
                                              "决定", "撤销立案")]
    for button in buttons:
        flow.addWidget(button)
    widest = max(b.sizeHint().width() for b in buttons)
    assert flow.minimumSize().width() == widest
    one_line = flow.sizeHint().width()
    assert flow.heightForWidth(one_line) == max(b.sizeHint().height() for b in buttons)
    assert flow.heightForWidth(one_line // 2) > flow.heightForWidth(one_line)  # two lines or more
    host.resize(one_line // 2, flow.heightForWidth(one_line // 2))
    host.show()
    qtbot.waitUntil(lambda: buttons[-1].y() > buttons[0].y())
    assert all(b.geometry().right() < host.width() for b in buttons)  # none cut off on the right


# -- 1366×768 at 150 %: the window is 911 px wide ------------------------------------------------

@pytest.mark.usefixtures("synchronous_runner")
def test_an_open_case_fits_1366_by_768_at_150_percent(qtbot: QtBot, ctx: AppContext, tmp_path: object) -> None:
    """At 150 % the free screen is about 911×435 logical px. The header once asked 818 px for the
    case alone (the whole party name and both deadlines); the party now gives way down to 12
    characters and the deadlines to the more urgent one, which keeps its colour and words."""
    from datetime import date
    from pathlib import Path

    from desktop_app.services.demo import create_demo
    from desktop_app.services.parties import PartyInput
    from tests.workflow.conftest import Walker
    from tests.workflow.test_paths import conclude_and_review, notify_and_serve, open_case

    create_demo(ctx, cases=0, seed=3)
    proof = Path(str(tmp_path)) / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan of a signed receipt")
    walker = Walker(ctx, lambda login: resolve_actor(ctx, login, via="cli"), proof)
    party = PartyInput("organisation", "91350100M000100Y43", "文水县刘胡兰镇某某农业机械专业合作社联合社",
                       "文水县刘胡兰镇", "", "李某")
    open_case(walker, date(2026, 11, 2), party=party)
    conclude_and_review(walker, date(2026, 11, 16))
    notify_and_serve(walker, date(2026, 11, 20))

    window = MainWindow(ctx, resolve_actor(ctx, "demo-lead", via="gui"), "文水县刘胡兰镇人民政府", idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    window.resize(1366, 700)
    window.open_case(walker.case_id)
    ws = window.workspace
    deadline = ws.deadline_label
    qtbot.waitUntil(lambda: "；" in deadline.text())  # roomy: the decision period and the urgent one
    both = deadline.text()
    assert deadline.toolTip() == both and deadline.width() >= deadline.sizeHint().width()

    tabs = ws.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
        # 911 less the window's frame; 512 less the taskbar and the title bar
        assert smallest.width() <= 895 and smallest.height() <= 435, (tabs.tabText(i), smallest)

    window.resize(895, 420)
    qtbot.waitUntil(lambda: "；" not in deadline.text())
    assert deadline.text() and deadline.text() in both  # the more urgent of the two, whole
    assert deadline.width() >= deadline.sizeHint().width()  # never cut
    assert deadline.toolTip() == both  # the other on hover
    party_label = ws.party_label
    assert party_label.toolTip().endswith("农业机械专业合作社联合社")  # whole on hover
    assert party_label.width() >= party_label.minimumSizeHint().width()
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: deadline.text() == both)


@pytest.mark.usefixtures("synchronous_runner")
@pytest.mark.parametrize("roles", ["team_lead,leader,archive_clerk", "admin"])
def test_every_page_fits_1366_by_768_at_150_percent(qtbot: QtBot, ctx: AppContext, admin: Actor, demo: AppContext,
                                                    roles: str) -> None:
    """Once built, a page keeps its smallest size in the pages' stack, and so sets the smallest size of
    the whole window (the open case included). 案件 once asked 900 px for its 查询 panel and 系统设置
    918×525 for its widest and tallest tabs: with the navigation 1050–1068 px, and 锁定, 切换用户,
    查询, 重置 and 导出 Excel were cut off at 911 px. The filters now take a second line, the settings'
    tabs and the statistics' boxes scroll."""
    from desktop_app.ui.case_list import CaseListPage
    from desktop_app.ui.pages.system import SystemPage

    add_user(ctx, admin, "many", name="多角色用户", roles=roles, password="many-pass-1", must_change_password=False)
    window = MainWindow(ctx, resolve_actor(ctx, "many", via="gui"), "文水县刘胡兰镇人民政府", idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    pages = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "系统设置" in pages and ("案件" in pages) == (roles != "admin")
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert window.pages.currentWidget() is window.page(row)
        smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
        # 911×512 less the window's frame and title bar
        assert smallest.width() <= 895 and smallest.height() <= 435, (pages[row], smallest)
    system = window.page(pages.index("系统设置"))
    assert isinstance(system, SystemPage)
    tabs = system.tabs
    for i in range(tabs.count()):  # every tab once shown (a tab reloads when shown)
        tabs.setCurrentIndex(i)
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert smallest.width() <= 895 and smallest.height() <= 435, smallest

    window.resize(895, 435)
    qtbot.waitUntil(lambda: window.width() == 895 and window.height() == 435)

    def inside(widget: QWidget) -> bool:
        corner = widget.mapTo(window, widget.rect().bottomRight())
        return widget.isVisible() and corner.x() < window.width() and corner.y() < window.height()

    assert inside(window.lock_button) and inside(window.switch_button)
    for label in ("案件", "法制审核") if roles != "admin" else ():
        window.nav.setCurrentRow(pages.index(label))
        page = window.page(pages.index(label))
        assert isinstance(page, CaseListPage)
        # the buttons, and the filters (which take another line rather than running out of the panel)
        shown: list[QWidget] = [page.query_button, page.reset_button, page.export_button, page.state_combo,
                                page.category_combo, page.officer_combo, page.date_to, page.overdue_check,
                                window.lock_button, window.switch_button]
        qtbot.waitUntil(lambda: all(inside(w) for w in shown))  # noqa: B023 (waited for here)
    window.nav.setCurrentRow(pages.index("系统设置"))
    qtbot.waitUntil(lambda: tabs.isVisible())
    bar = tabs.tabBar()
    assert bar.mapTo(window, bar.rect().topRight()).x() < window.width()  # the tab bar scrolls instead
