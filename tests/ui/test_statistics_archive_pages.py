"""统计 and 归档 pages: the figures on screen are the service's, the archive clerk archives a closed case
through the workflow (with confirmation), and a refusal reads as a Chinese message box."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from desktop_app.services.archiving import archive_case, cases_to_archive
from desktop_app.services.cases.queries import show_case
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.statistics import statistics
from desktop_app.services.users import resolve_actor
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.archive import ArchivePage
from desktop_app.ui.pages.statistics import StatisticsPage

TOWNSHIP = "文水县刘胡兰镇人民政府"


pytestmark = pytest.mark.usefixtures("synchronous_runner")


@pytest.fixture
def office(ctx: AppContext) -> AppContext:
    create_demo(ctx, cases=120, seed=11, start=date(2026, 8, 3))
    return ctx


def _cells(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_the_statistics_page_shows_the_services_figures(qtbot: QtBot, office: AppContext) -> None:
    leader = resolve_actor(office, "demo-leader", via="gui")
    window = MainWindow(office, leader, TOWNSHIP, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "统计" in labels and "归档" not in labels  # 归档 is the archive clerk's
    window.nav.setCurrentRow(labels.index("统计"))
    page = window.pages.currentWidget()
    assert isinstance(page, StatisticsPage) and page.data is not None
    expected = statistics(office, leader, office.clock.today())
    periods = _cells(page.period_table)
    assert periods[0] == ["登记线索（件）", str(expected.week.registered), str(expected.month.registered)]
    assert periods[2][2] == str(expected.month.decided)
    assert periods[5][0] == "决定罚款" and periods[5][2].startswith("¥")
    states = _cells(page.state_table)
    shown = {row[0]: int(row[1]) for row in states[:-1]}
    assert shown == {s.label: s.count for s in expected.by_state if s.count}
    assert states[-1][1] == str(sum(shown.values()))
    assert sum(int(r[1]) for r in _cells(page.overdue_table)) == expected.overdue_deadlines
    assert expected.overdue_deadlines > 0  # the demo office has some
    assert f"共 {expected.overdue_deadlines} 项期限已逾期" in page.overdue_note.text()
    assert "2026-11-23" in page.subtitle.text() and "2026-11-01 至 2026-11-30" in page.subtitle.text()
    window.refresh()  # F5 reloads
    assert page.data is not None
    # last month's 通报: pick a day of October
    page.set_period(date(2026, 10, 20))
    october = statistics(office, leader, office.clock.today(), period_of=date(2026, 10, 20))
    assert page.data.month.start == date(2026, 10, 1)
    assert page.period_table.horizontalHeaderItem(2).text() == "当月"
    assert _cells(page.period_table)[0][2] == str(october.month.registered)
    assert "当月 2026-10-01 至 2026-10-31" in page.subtitle.text()
    qtbot.mouseClick(page.this_week_button, Qt.MouseButton.LeftButton)
    assert page.data.month.start == date(2026, 11, 1)
    assert page.period_table.horizontalHeaderItem(2).text() == "本月"


def test_the_archive_clerk_archives_a_closed_case(qtbot: QtBot, office: AppContext) -> None:
    clerk = resolve_actor(office, "demo-clerk", via="gui")
    window = MainWindow(office, clerk, TOWNSHIP, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "归档" in labels and "统计" not in labels
    window.nav.setCurrentRow(labels.index("归档"))
    page = window.pages.currentWidget()
    assert isinstance(page, ArchivePage) and page.data is not None
    total = page.data.total
    assert total > 0 and f"共 {total} 条" in page.list.footer.text()
    assert "后续版本" in page.note.text() and page.note.isVisible()  # binding comes later, said so
    assert not page.archive_button.isEnabled()  # nothing chosen yet
    page.list.select_row(0)
    chosen = page.list.current_data()
    assert page.archive_button.isEnabled()

    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    box = page.confirm_box
    assert box is not None and box.isVisible() and "不能再修改" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert show_case(office, clerk, chosen.case_id).state == "closed"  # cancelled: nothing done

    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.confirm_box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert show_case(office, clerk, chosen.case_id).state == "archived"
    assert page.data.total == total - 1
    assert chosen.case_id not in {r.case_id for r in page.data.rows}
    for b in _boxes():
        assert "已归档" in b.text()
        b.close()

    # the search narrows the list from the database
    number = next(r.number for r in page.data.rows if r.number)
    page.search_edit.setText(number)
    page.reload()
    assert page.data.total == 1 and page.list.row_count() == 1
    page.reset_query()
    assert page.data.total == total - 1

    # someone else archived the chosen case meanwhile: the refusal is a Chinese message box
    page.list.select_row(0)
    other = page.list.current_data()
    archive_case(office, clerk, other.case_id)
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.confirm_box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    errors = [b for b in _boxes() if b.objectName() == "errorBox"]
    assert errors and errors[0].windowTitle() == "未能归档"
    assert "Traceback" not in errors[0].text() and any("\u4e00" <= ch <= "\u9fff" for ch in errors[0].text())
    for b in _boxes():
        b.close()


def test_an_empty_archive_queue_says_so(qtbot: QtBot, ctx: AppContext) -> None:
    create_demo(ctx, cases=0, seed=3)
    clerk = resolve_actor(ctx, "demo-clerk", via="gui")
    assert cases_to_archive(ctx, clerk).total == 0
    page = ArchivePage(ctx, clerk)
    qtbot.addWidget(page)
    page.show()
    assert page.list.empty_label.isVisible() and "没有待归档的案件" in page.list.empty_label.text()
    assert page.list.footer.text() == "共 0 条"
