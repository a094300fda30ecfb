"""Screenshots of each main screen at 1366×768 on demo data, for the README and docs/:

    python -m desktop_app.ui.screenshots --data-dir DIR --out docs/screenshots

At 150 % scaling (QT_SCALE_FACTOR=1.5) pass the window's size in logical pixels, e.g. --size 1280x720
for a 1920×1080 screen; the PNGs then have the screen's own pixels (the device pixel ratio is kept).

An empty DIR gets a demo (300 cases); a demo DIR is used as it is. Two fresh cases are walked through
the services "now" (as the demo users would) so the dashboard's week and month have figures and the
workspace shows a case in 法制审核 — this never runs on a real office's data directory (it refuses a
directory without the demo marker)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QSize, QThread
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop_app.clock import Clock
from desktop_app.domain.case_states import CaseState
from desktop_app.services import setup as setup_service
from desktop_app.services import township as township_service
from desktop_app.services.actor import Actor
from desktop_app.services.bootstrap import open_context
from desktop_app.services.cases.actions import ActionInput, perform
from desktop_app.services.cases.queries import CaseFilter, list_cases, show_case
from desktop_app.services.cases.register import NewCase, register_case
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.errors import ServiceError
from desktop_app.services.parties import PartyInput
from desktop_app.services.records import RecordInput, add_record
from desktop_app.services.users import resolve_actor
from desktop_app.ui.documents_tab import DocumentsTab
from desktop_app.ui.login import LoginDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.statistics import StatisticsPage
from desktop_app.ui.pages.system import SystemPage
from desktop_app.ui.qt_setup import FITTED, configure_application
from desktop_app.ui.runner import use_synchronous_runner

logger = logging.getLogger(__name__)

SIZE = QSize(1366, 768)  # logical pixels (main() may change it: --size)
PROOF_NAME = "送达回证（演示）.pdf"


def _settle(app: QApplication, wait_ms: int = 0) -> None:
    """Pending events handled; with wait_ms, also what other threads finish meanwhile (QPdfView draws
    its pages in a thread of its own)."""
    for _ in range(5):
        app.processEvents()
    waited = 0
    while waited < wait_ms:
        QThread.msleep(25)
        waited += 25
        app.processEvents()


def _save(widget: QWidget, path: Path, dialog: QWidget | None = None, wait_ms: int = 0) -> Path:
    """The window at 1366×768, with a dialog drawn centred over it as a person would see it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # the shot stands for a 1366×768 screen, whatever the offscreen screen's size: the screen fitter
    # (qt_setup.fit_to_screen) must not shrink the window or the dialog to the offscreen screen
    widget.setProperty(FITTED, True)
    widget.resize(SIZE)
    widget.show()
    _settle(app, wait_ms)
    ratio = app.devicePixelRatio()
    shot = QPixmap(SIZE * ratio)  # the screen's own pixels at any scaling
    shot.setDevicePixelRatio(ratio)
    shot.fill(QColor("#ffffff"))
    painter = QPainter(shot)
    painter.drawPixmap(0, 0, widget.grab())
    if dialog is not None:
        dialog.setProperty(FITTED, True)
        dialog.show()
        dialog.resize(dialog.size().expandedTo(dialog.sizeHint()))
        _settle(app)
        size = dialog.size().boundedTo(SIZE)
        dialog.resize(size)
        _settle(app)
        overlay = QColor(0, 0, 0, 60)
        painter.fillRect(shot.rect(), overlay)
        top_left = QPoint((SIZE.width() - size.width()) // 2, max(0, (SIZE.height() - size.height()) // 2))
        painter.drawPixmap(top_left, dialog.grab())
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    shot.save(str(path))
    print(path)
    return path


def _walk(ctx: AppContext, proof: Path, item: str, party: PartyInput, upto_review: bool, amount: int) -> str:
    """A fresh case taken "now" to 法制审核 (and, with upto_review, through it), the notice stating a
    fine of ``amount`` 元 (within the item's range for the party)."""
    who: Callable[[str], Actor] = lambda login: resolve_actor(ctx, login, via="gui")  # noqa: E731
    reg = register_case(ctx, who("demo-officer1"), NewCase(
        item_code=item, source="inspection", facts="巡查发现当事人在耕地上堆放建筑垃圾约 30 立方米，未采取防护措施。",
        party=party, place="刘胡兰镇保贤村东侧耕地", officers=["demo-officer1"]))
    case = reg.case_id

    def do(login: str, action: str, **kw: object) -> None:
        perform(ctx, who(login), case, action, ActionInput(**kw))  # type: ignore[arg-type]

    do("demo-lead", "accept", reason="线索属实")
    do("demo-leader", "file", reason="符合立案条件")
    do("demo-lead", "investigate", officers=["demo-officer1", "demo-officer2"])
    # 调查终结 needs a 笔录 or evidence on file (行政处罚法 第四十条、第五十五条)
    add_record(ctx, who("demo-officer1"), case, RecordInput(
        kind="inspection", on=None, officers=["demo-officer1", "demo-officer2"], place="刘胡兰镇保贤村东侧耕地",
        text="耕地上堆放建筑垃圾约 30 立方米，未采取防护措施。"))
    do("demo-officer1", "conclude", findings="当事人在耕地上堆放建筑垃圾，事实清楚，证据确凿。")
    do("demo-lead", "review_case", outcome="passed", opinion="同意调查结论")
    do("demo-lead", "notify", penalty="fine", amount=Decimal(amount), hearing_rights=True)
    notice = next(d for d in show_case(ctx, who("demo-lead"), case).documents if d.form == "penalty_notice")
    do("demo-officer1", "serve", document=notice.id, method="direct", proof=proof, recipient=party.name)
    do("demo-officer1", "waive", what="statement", proof=proof)
    do("demo-officer1", "waive", what="hearing", proof=proof)
    do("demo-officer1", "submit_review")
    if upto_review:
        do("demo-reviewer", "legal_review", outcome="passed",
           opinion="同意。\n审核要点：主体资格：符合；证据：符合；程序：符合；法律适用：符合；裁量：符合；文书：符合")
    return case


def _nav_row(window: MainWindow, label: str) -> int:
    return next(i for i in range(window.nav.count()) if window.nav.item(i).text() == label)


def make_screenshots(root: Path, out: Path, cases: int = 300) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    use_synchronous_runner()
    ctx = open_context(root, clock=Clock.from_environment())
    try:
        if not setup_service.is_initialised(ctx):
            print(f"生成演示数据（{cases} 件案件）……")
            create_demo(ctx, cases=cases, seed=1)
        elif not ctx.is_demo:
            raise SystemExit(f"{root} 不是演示数据目录：截图命令只在演示数据上运行。")
        township = township_service.get_township(ctx).government_name
        who: Callable[[str], Actor] = lambda login: resolve_actor(ctx, login, via="gui")  # noqa: E731
        proof = root / "exports" / PROOF_NAME
        proof.parent.mkdir(parents=True, exist_ok=True)
        proof.write_bytes(b"%PDF-1.4 demo proof of service\n")
        in_review = _walk(ctx, proof, "DQ-02", PartyInput("person", "142322198001010010", "王某某",
                                                         "文水县刘胡兰镇保贤村12号", "13800000000"), False, 1000)
        reviewed = _walk(ctx, proof, "DQ-02", PartyInput("organisation", "91350100M000100Y43",
                                                        "文水县某某养殖有限公司", "文水县刘胡兰镇", "", "李某"), True, 20000)
        shots: list[Path] = []

        login = LoginDialog(ctx, township)
        login.login_edit.setText("demo-officer1")
        blank = QWidget()
        blank.setStyleSheet("background: #e9edf3;")
        shots.append(_save(blank, out / "01-login.png", login))
        login.close()

        officer = MainWindow(ctx, who("demo-officer1"), township)
        shots.append(_save(officer, out / "02-dashboard-officer.png"))
        officer.close()

        leader = MainWindow(ctx, who("demo-leader"), township)
        shots.append(_save(leader, out / "03-dashboard-leader.png"))
        assert leader.case_list is not None
        leader.nav.setCurrentRow(leader.pages.indexOf(leader.case_list))
        shots.append(_save(leader, out / "04-case-list.png"))
        leader.case_list.search_edit.setText("王")
        leader.case_list.apply_query()
        shots.append(_save(leader, out / "05-case-list-short-search.png"))
        leader.case_list.reset_query()

        lead = MainWindow(ctx, who("demo-lead"), township)
        lead.new_clue()
        dialog = lead.new_case_dialog
        assert dialog is not None
        dialog.id_edit.setText("142322198001010011")
        dialog.check_identifier()
        dialog.name_edit.setText("赵某")
        dialog.item_search.setText("焚烧")
        dialog.facts_edit.setPlainText("网格员上报：村北地块有人露天焚烧秸秆。")
        shots.append(_save(lead, out / "06-new-clue-id-check.png", dialog))
        dialog.id_edit.setText("142322198001010010")
        dialog.check_identifier()
        shots.append(_save(lead, out / "07-new-clue-known-party.png", dialog))
        dialog.close()
        lead.close()

        leader.open_case(in_review)
        shots.append(_save(leader, out / "08-workspace-refused-decision.png"))
        leader.workspace.tabs.setCurrentWidget(leader.workspace.overview)
        leader.close()

        reviewer = MainWindow(ctx, who("demo-reviewer"), township)
        reviewer.open_case(in_review)
        reviewer.workspace.tabs.setCurrentWidget(reviewer.workspace.review)
        shots.append(_save(reviewer, out / "09-workspace-review-tab.png"))
        reviewer.workspace.request_action("legal_review")
        review_dialog = reviewer.workspace.dialog
        assert review_dialog is not None
        review_dialog.widgets["opinion"].setPlainText("事实清楚，证据确凿，程序合法，适用依据正确，裁量适当。")  # type: ignore[attr-defined]
        shots.append(_save(reviewer, out / "10-legal-review-dialog.png", review_dialog))
        review_dialog.close()
        reviewer.nav.setCurrentRow(_nav_row(reviewer, "法制审核"))
        shots.append(_save(reviewer, out / "22-legal-review-queue.png"))
        reviewer.close()

        leader = MainWindow(ctx, who("demo-leader"), township)
        leader.open_case(reviewed)
        leader.workspace.tabs.setCurrentWidget(leader.workspace.decision)
        shots.append(_save(leader, out / "11-workspace-decision-tab.png"))
        leader.workspace.request_action("decide")
        decide = leader.workspace.dialog
        assert decide is not None
        decide.widgets["amount"].setText("20000")  # type: ignore[attr-defined]
        decide.widgets["explanation"].setPlainText("堆放面积较小，初次违法并在责令期限内主动改正，按轻微情形裁量。")  # type: ignore[attr-defined]
        shots.append(_save(leader, out / "12-decision-dialog.png", decide))
        decide.close()

        executing = list_cases(ctx, who("demo-leader"), CaseFilter(state=CaseState.EXECUTING.value, limit=1))
        if executing.rows:
            leader.open_case(executing.rows[0].id)
            leader.workspace.tabs.setCurrentWidget(leader.workspace.service)
            shots.append(_save(leader, out / "13-workspace-service-execution.png"))
        leader.open_case(in_review)
        leader.workspace.tabs.setCurrentWidget(leader.workspace.overview)
        shots.append(_save(leader, out / "14-workspace-timeline.png"))
        for page, name in ((leader.workspace.parties, "23-workspace-parties.png"),
                           (leader.workspace.records, "24-workspace-records.png")):
            leader.workspace.tabs.setCurrentWidget(page)
            shots.append(_save(leader, out / name))
        discussed = list_cases(ctx, who("demo-leader"), CaseFilter(state=CaseState.DECIDED.value, limit=20))
        for row in discussed.rows:  # a demo case the leaders discussed (集体讨论), else the one at hand
            leader.open_case(row.id)
            detail = leader.workspace.detail
            if detail is not None and any(e.action == "discuss" for e in detail.timeline):
                break
        leader.workspace.tabs.setCurrentWidget(leader.workspace.discussion)
        shots.append(_save(leader, out / "25-workspace-discussion.png"))
        leader.open_case(in_review)
        leader.workspace.tabs.setCurrentWidget(leader.workspace.documents)
        documents = leader.workspace.documents
        if isinstance(documents, DocumentsTab) and documents.table.row_count():  # the issued 告知书 in the preview, as an officer would look at it
            documents.table.select_row(0)
            documents.preview_document()
        shots.append(_save(leader, out / "16-workspace-documents.png", wait_ms=400))
        if executing.rows:  # a demo case past 调查终结: its inspection photos
            leader.open_case(executing.rows[0].id)
        leader.workspace.tabs.setCurrentWidget(leader.workspace.evidence)
        shots.append(_save(leader, out / "17-workspace-evidence.png"))
        leader.close()

        admin = MainWindow(ctx, who("demo-admin"), township)
        if admin.nav.count() > 1:
            admin.nav.setCurrentRow(admin.nav.count() - 1)
        shots.append(_save(admin, out / "15-system-settings.png"))
        system = admin.pages.currentWidget()
        if isinstance(system, SystemPage):
            for n, (tab, name) in enumerate(((system.users, "users"), (system.officers, "officers"),
                                             (system.training, "training"), (system.items, "items"),
                                             (system.benchmarks, "benchmarks"), (system.calendar, "calendar"),
                                             (system.settings, "settings")), 26):
                # the tab's page may wrap it (a scroll area on a small screen)
                index = next(i for i in range(system.tabs.count())
                             if (holder := system.tabs.widget(i)) is tab or (holder is not None and holder.isAncestorOf(tab)))
                system.tabs.setCurrentIndex(index)
                shots.append(_save(admin, out / f"{n}-system-{name}.png"))
        admin.close()

        leader = MainWindow(ctx, who("demo-leader"), township, idle_timeout_ms=0)
        leader.nav.setCurrentRow(_nav_row(leader, "统计"))
        # a month the demo is busy in (its cases are spread over the months before "now")
        busy = list_cases(ctx, who("demo-leader"), CaseFilter(limit=1, offset=min(60, cases // 5)))
        stats_page = leader.pages.currentWidget()
        if busy.rows and isinstance(stats_page, StatisticsPage):
            stats_page.set_period(busy.rows[0].opened_on)
        shots.append(_save(leader, out / "18-statistics.png"))
        leader.lock()
        shots.append(_save(leader, out / "20-lock-screen.png"))
        leader.unlock()
        leader.change_password()
        assert leader.password_dialog is not None
        leader.password_dialog.old_edit.setText("demo")
        leader.password_dialog.new_edit.setText("abc")
        leader.password_dialog.new_edit.editingFinished.emit()
        shots.append(_save(leader, out / "21-change-password.png", leader.password_dialog))
        leader.password_dialog.close()
        leader.close()

        clerk = MainWindow(ctx, who("demo-clerk"), township, idle_timeout_ms=0)
        clerk.nav.setCurrentRow(_nav_row(clerk, "归档"))
        shots.append(_save(clerk, out / "19-archive.png"))
        clerk.close()
        for w in app.topLevelWidgets():
            if isinstance(w, QDialog):
                w.close()
        return shots
    except ServiceError as exc:
        raise SystemExit(f"错误：{exc}") from exc
    finally:
        ctx.db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop_app.ui.screenshots",
                                     description="在演示数据上生成各主要界面的 1366×768 截图（PNG）")
    parser.add_argument("--data-dir", required=True, help="演示数据目录（为空时自动生成演示数据）")
    parser.add_argument("--out", required=True, help="截图输出目录，如 docs/screenshots")
    parser.add_argument("--cases", type=int, default=300, help="生成演示数据时的案件数（默认 300）")
    parser.add_argument("--size", default="1366x768",
                        help="窗口大小（逻辑像素，默认 1366x768）；150%% 缩放时如 1280x720（1920×1080 屏幕）")
    args = parser.parse_args(argv)
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size 应为 宽x高，如 1366x768：{args.size}")
    SIZE.setWidth(width)
    SIZE.setHeight(height)
    make_screenshots(Path(args.data_dir).expanduser().resolve(), Path(args.out).expanduser().resolve(), args.cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
