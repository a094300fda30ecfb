"""More fixes of the exploratory test (notes/explore.md): the 时间线 names people, never logins, and
shows the 调查结论 (F3, F19, F34); a case without a 案号 reads the same on every screen (F23); Qt's
file dialog is Chinese (F12); the first-login intro and the header's separators (F4); a 法制审核人员
without a 法律职业资格证号 is confirmed first (F28)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDir, Qt
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QLabel, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.paths import resource
from desktop_app.services import users
from desktop_app.services.actor import Actor
from desktop_app.services.cases.people import logins_named
from desktop_app.services.cases.queries import CaseRow, TimelineEntry, show_case
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.users import resolve_actor
from desktop_app.ui import qt_setup
from desktop_app.ui.case_model import case_number_text
from desktop_app.ui.case_tabs import OverviewTab, event_details
from desktop_app.ui.case_workspace import fit_label
from desktop_app.ui.formatting import case_number_words
from desktop_app.ui.login import ChangePasswordDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.admin import users as users_page
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import open_case, t

TOWNSHIP = "文水县刘胡兰镇人民政府"
START = date(2026, 10, 8)
LOGIN = re.compile(r"demo-[a-z]+\d*")

pytestmark = pytest.mark.usefixtures("synchronous_runner")


@pytest.fixture
def walker(ctx: AppContext, tmp_path: Path) -> Walker:
    create_demo(ctx, cases=0, seed=3)
    proof = tmp_path / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan of a signed receipt")
    return Walker(ctx, lambda login: resolve_actor(ctx, login, via="cli"), proof)


def _shot(widget: QWidget, name: str) -> None:
    """SHOT_DIR=… saves what the test saw, to look at it."""
    folder = os.environ.get("SHOT_DIR")
    if folder:
        widget.grab().save(os.path.join(folder, name + ".png"))


def _rows(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


# -- F3 / F19 / F34: the timeline ---------------------------------------------------------------------


def test_the_timeline_names_people_never_logins(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, START, officers=("demo-officer1", "demo-officer2", "demo-officer3"))
    # demo-officer2 withdraws (回避): no longer one of the case's officers, still named in the timeline
    walker.do("demo-leader", "approve", t(START + timedelta(days=1)), what="recusal", outcome="granted",
              reason="系当事人近亲属（行政处罚法第四十三条）", person="demo-officer2")
    walker.do("demo-officer1", "conclude", t(START + timedelta(days=10)), findings="当事人露天焚烧秸秆，事实清楚。")
    detail = show_case(walker.ctx, walker.who("demo-leader"), walker.case_id)
    assert "demo-officer2" not in {o.login for o in detail.officers}
    tab = OverviewTab()
    qtbot.addWidget(tab)
    tab.show_detail(detail, walker.ctx.clock.today())
    table = tab.findChild(QTableWidget, "timeline")
    assert table is not None
    rows = _rows(table)
    logins = [cell for row in rows for cell in row if LOGIN.search(cell)]
    assert logins == [], logins
    by_step = {row[2]: row for row in rows}  # 序号, 发生时间, 步骤, 办理后状态, 操作人, 说明
    assert by_step["登记线索"][4] == "执法员甲"
    assert by_step["立案"][4] == "分管负责人"
    assert "人员：执法员甲、执法员乙、执法员丙" in by_step["调查取证"][5]
    assert "人员：执法员乙" in by_step["审批"][5]
    # F34: what was concluded is in the timeline, not only in the report
    assert "调查结论：当事人露天焚烧秸秆，事实清楚。" in by_step["调查终结"][5]
    _shot(tab, "timeline-names")


def test_the_investigation_steps_on_the_records_tab_name_people(qtbot: QtBot, walker: Walker) -> None:
    from desktop_app.ui.case_tabs import RecordsTab
    open_case(walker, START)
    detail = show_case(walker.ctx, walker.who("demo-lead"), walker.case_id)
    tab = RecordsTab()
    qtbot.addWidget(tab)
    tab.show_detail(detail, walker.ctx.clock.today())
    table = tab.findChild(QTableWidget, "investigationTable")
    assert table is not None
    cells = [cell for row in _rows(table) for cell in row]
    assert not [c for c in cells if LOGIN.search(c)]
    assert any("人员：执法员甲、执法员乙" in c for c in cells)


def test_event_details_name_every_person_and_keep_an_unknown_login() -> None:
    from datetime import datetime
    at = datetime(2026, 10, 8, 9, 0)
    entry = TimelineEntry(at, at, "discuss", "集体讨论", "legal_review", "discussion", "集体讨论", "demo-leader",
                          [], {"participants": ["demo-leader", "Demo-Lead "], "reviewer": "demo-lead",
                               "person": "system", "conclusion": "同意"}, "")
    names = {"demo-leader": "分管负责人", "demo-lead": "执法队长"}
    text = event_details(entry, names)
    assert "参加人员：分管负责人、执法队长" in text
    assert "案件审核人：执法队长" in text
    assert "人员：system" in text  # no user has it: shown as it is rather than dropped
    assert logins_named("demo-leader", ["x"], entry.data) == {"demo-leader", "demo-lead", "system", "x"}
    notice = TimelineEntry(at, at, "notify", "告知", "investigated", "notified", "已告知", "demo-lead", [],
                           {"amount": "2000", "base": None, "penalty": "fine"}, "")
    assert event_details(notice, names) == "处罚种类：罚款；金额：¥2,000.00"


# -- F23: one wording for a case without a 案号 -------------------------------------------------------


def test_a_case_without_a_number_reads_the_same_everywhere() -> None:
    assert case_number_words("文水刘立字〔2026〕第1号", "filed", "ordinary") == "文水刘立字〔2026〕第1号"
    assert case_number_words(None, "closed", "simple") == "（简易程序，无案号）"
    assert case_number_words(None, "executing") == "（简易程序，无案号）"  # the 工作台 knows no procedure
    assert case_number_words(None, "clue", "ordinary") == "（线索，未立案）"
    assert case_number_words(None, "accepted") == "（线索，未立案）"
    assert case_number_words(None, "not_filed", "ordinary") == "（未立案）"
    row = CaseRow.__new__(CaseRow)
    for key, value in (("number", None), ("state", "closed"), ("procedure", "simple")):
        object.__setattr__(row, key, value)
    assert case_number_text(row) == "（简易程序，无案号）"  # the case list, as the 归档 page says it


def test_the_workspace_header_of_a_clue(qtbot: QtBot, walker: Walker) -> None:
    walker.new()
    window = MainWindow(walker.ctx, resolve_actor(walker.ctx, "demo-lead", via="gui"), TOWNSHIP, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    window.resize(1200, 700)
    window.open_case(walker.case_id)
    ws = window.workspace
    qtbot.wait(10)
    assert ws.number_label.text() == "（线索，未立案）"
    # F4: the separators of line 2 are labels of their own, with equal gaps on both sides
    assert "·" not in ws.dates_label.text() and "·" not in ws.officers_label.text()
    assert ws.officers_label.text().startswith("承办：")
    assert len(ws.header_separators) == 2
    for left, dot, right in ((ws.dates_label, ws.header_separators[0], ws.deadline_label),
                             (ws.deadline_label, ws.header_separators[1], ws.officers_label)):
        left_text_end = left.x() + left.contentsRect().left() + left.fontMetrics().horizontalAdvance(left.text())
        dot_start = dot.x() + dot.contentsRect().left()
        dot_end = dot_start + dot.fontMetrics().horizontalAdvance("·")
        right_text_start = right.x() + right.contentsRect().left()
        assert abs((dot_start - left_text_end) - (right_text_start - dot_end)) <= 2, (left.text(), right.text())
    _shot(ws, "header-separators")
    # the fitted labels show their whole text: a framed QLabel's automatic indent once cut the "6" of
    # "立案 2026-07-16" — the ink must be as wide as the same text's on a roomy label
    def ink(label: QLabel) -> tuple[int, int]:
        image = label.grab().toImage()
        inked = [x for x in range(image.width())
                 if any(image.pixelColor(x, y).lightness() < 160 for y in range(image.height()))]
        assert inked, label.text()
        return inked[0], inked[-1]

    roomy = QLabel()
    roomy.setStyleSheet(ws.dates_label.styleSheet())
    roomy.setFixedWidth(400)
    qtbot.addWidget(roomy)
    for text in ("立案 2026-07-16", "发现 2026-09-06"):
        roomy.setText(text)
        first, last = ink(roomy)
        for label in (ws.dates_label, ws.deadline_label):
            label.setText(text)
            fit_label(label)
            left, right = ink(label)
            assert right - left == last - first, (text, label.objectName(), left, right, first, last)
            assert right < label.width() - 2, (text, right, label.width())


# -- F12: Qt's own dialogs in Chinese --------------------------------------------------------------


def test_qt_file_dialog_texts_are_chinese() -> None:
    tr = QCoreApplication.translate
    assert tr("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert tr("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert tr("QFileDialog", "File &name:").startswith("文件名")  # from Qt's own catalogue
    assert tr("QPlatformTheme", "Cancel") == "取消"
    assert tr("QAbstractFileIconProvider", "Folder", "All other platforms") == "文件夹"
    # the application's own texts pass through untouched
    assert tr("CaseTabs", "序号") == "序号" and tr("NoSuchContext", "Plain text") == "Plain text"


def test_qt_catalogues_are_found_where_a_bundle_keeps_them() -> None:
    folders = qt_setup.translation_folders()
    assert any((f / "qtbase_zh_CN.qm").is_file() for f in folders)
    import PySide6
    assert Path(PySide6.__file__).resolve().parent / "Qt" / "translations" in folders


def test_the_supplement_is_compiled_from_its_source(tmp_path: Path) -> None:
    """resources/translations/qt_supplement_zh_CN.qm is what its .ts compiles to (an edit of the .ts
    without running lrelease would silently not count)."""
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed with PySide6 here")
    folder = resource("translations")
    out = tmp_path / "supplement.qm"
    subprocess.run([str(lrelease), "-silent", str(folder / "qt_supplement_zh_CN.ts"), "-qm", str(out)], check=True)
    assert out.read_bytes() == (folder / "qt_supplement_zh_CN.qm").read_bytes()


def test_translating_leaves_none_alone() -> None:
    """A Python QTranslator.translate override would be handed None without a reference for every
    text without a disambiguation, and the interpreter would abort: the supplement is a .qm."""
    before = sys.getrefcount(None)
    for _ in range(2000):
        QCoreApplication.translate("NoSuchContext", "no such text")
    assert sys.getrefcount(None) > before - 500


def test_the_qt_file_dialog_reads_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "照片").mkdir()
    dialog = QFileDialog(None, "选择证据文件")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the dialog Linux shows
    dialog.setDirectory(QDir(str(tmp_path)))
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel) if w.objectName()}
    for name in ("lookInLabel", "fileTypeLabel", "fileNameLabel"):
        assert not re.search("[A-Za-z]{2}", labels[name].replace("&", "")), labels[name]
    view = dialog.findChild(QAbstractItemView, "treeView")
    assert view is not None
    model = view.model()
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    assert headers[:4] == ["名称", "体积", "类型", "修改日期"]
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) > 0, timeout=3000)
    folder = model.index(0, 2, view.rootIndex())
    assert model.data(folder) == "文件夹"
    _shot(dialog, "file-dialog")


# -- F4: the first-login intro -----------------------------------------------------------------------


def test_the_first_login_intro_never_leaves_a_character_alone(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = ChangePasswordDialog(ctx, "li", forced=True)
    qtbot.addWidget(dialog)
    dialog.show()
    intro = dialog.findChild(QLabel, "passwordIntro")
    assert intro is not None
    lines = intro.text().split("\n")
    assert len(lines) == 2 and lines[0] == "首次登录须修改密码。"
    for line in lines:  # each sentence on one line of its own
        assert intro.fontMetrics().horizontalAdvance(line) <= intro.contentsRect().width(), line
    _shot(dialog, "first-login-intro")


# -- F28: a 法制审核人员 without a 法律职业资格证号 ------------------------------------------------------------


def _fill(qtbot: QtBot, dialog: users_page.AddUserDialog, number: str = "") -> None:
    qtbot.keyClicks(dialog.login_edit, "zhangsan")
    dialog.name_edit.setText("张三")  # QTest types ASCII only
    dialog.roles.boxes[users_page.Role.LEGAL_REVIEWER].setChecked(True)
    if number:
        qtbot.keyClicks(dialog.qualification_edit, number)


def _logins(ctx: AppContext, admin: Actor) -> set[str]:
    return {u.login for u in users.list_users(ctx, admin)}


def test_adding_a_reviewer_without_a_qualification_asks_first(qtbot: QtBot, ctx: AppContext, admin: Actor,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    answer = {"go_on": False}

    def confirm(parent: QWidget, title: str, text: str, confirm_text: str) -> bool:
        asked.append(text)
        return answer["go_on"]

    monkeypatch.setattr(users_page, "confirm", confirm)
    dialog = users_page.AddUserDialog(ctx, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog)
    dialog.ok_button.click()
    assert len(asked) == 1
    assert "《行政处罚法》第五十八条第二款" in asked[0] and "初次从事行政处罚决定法制审核的人员" in asked[0]
    assert "“张三”" in asked[0]
    assert "zhangsan" not in _logins(ctx, admin)  # 取消: nothing saved, the form as it was
    assert dialog.isVisible() and dialog.name_edit.text() == "张三"
    answer["go_on"] = True
    dialog.ok_button.click()
    assert "zhangsan" in _logins(ctx, admin)


def test_a_reviewer_with_a_qualification_is_added_without_asking(qtbot: QtBot, ctx: AppContext, admin: Actor,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users_page, "confirm", lambda *a: pytest.fail("asked although the number was given"))
    dialog = users_page.AddUserDialog(ctx, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "A20211234567")
    dialog.ok_button.click()
    assert users.get_user(ctx, "zhangsan").legal_qualification_no == "A20211234567"


def test_giving_the_role_later_asks_too(qtbot: QtBot, ctx: AppContext, admin: Actor,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    info, _ = users.add_user(ctx, admin, "zhangsan", name="张三", roles="officer", password="pass-word-1")
    asked: list[str] = []
    monkeypatch.setattr(users_page, "confirm", lambda parent, title, text, ok: asked.append(text) or False)
    dialog = users_page.EditRolesDialog(ctx, admin, info)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.roles.boxes[users_page.Role.LEGAL_REVIEWER].setChecked(True)
    dialog.ok_button.click()
    assert asked and "第五十八条第二款" in asked[0]
    assert users.get_user(ctx, "zhangsan").roles == ["officer"]  # not saved


def test_the_user_list_flags_a_reviewer_without_a_qualification(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    users.add_user(ctx, admin, "zhangsan", name="张三", roles="legal_reviewer", password="pass-word-1")
    users.add_user(ctx, admin, "lisi", name="李四", roles="legal_reviewer", password="pass-word-1",
                   legal_qualification_no="A20211234567")
    tab = users_page.UsersTab(ctx, admin)
    qtbot.addWidget(tab)
    rows = {tab.list.row_texts(r)[0]: r for r in range(tab.list.row_count())}
    assert tab.list.row_texts(rows["zhangsan"])[3] == "未登记"
    item = tab.list.cell_item(rows["zhangsan"], 3)
    assert item is not None and "第五十八条第二款" in item.toolTip()
    assert tab.list.row_texts(rows["lisi"])[3] == "A20211234567"
