"""The evidence tab, driven through its widgets (offscreen): background import with progress and cancel,
thumbnails and placeholders, drag and drop, the viewer and the system player (custody logged), damaged
images, the 证据清单, and the state of the evidence store."""

# ruff: noqa: F811 - the fixtures below come from tests/workflow/conftest.py and are parameters here
from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop_app.services import evidence as ev
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.store.models import AuditRecord
from desktop_app.ui.evidence_dialogs import AddEvidenceDialog, EvidenceListDialog, ImageViewer
from desktop_app.ui.evidence_tab import EvidenceTab
from desktop_app.ui.runner import Runner
from tests.workflow.conftest import Walker, demo, proof, walker, who  # noqa: F401 - fixtures

Who = Callable[[str], Actor]
WAIT = 30_000


def jpeg(path: Path, colour: tuple[int, int, int] = (30, 120, 200)) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    photo = jpeg(tmp_path / "现场照片.jpg")
    whole = jpeg(tmp_path / "whole.jpg", (200, 50, 50)).read_bytes()
    broken = tmp_path / "截断照片.jpg"
    broken.write_bytes(whole[: len(whole) // 2])
    video = tmp_path / "执法记录仪.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(64 * 1024))
    return {"photo": photo, "broken": broken, "video": video}


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait()


@pytest.fixture
def case_id(walker: Walker) -> str:
    return walker.new(on="2026-11-02 09:00")


def make_tab(qtbot: QtBot, ctx: AppContext, actor: Actor, case_id: str, runner: Runner) -> EvidenceTab:
    tab = EvidenceTab(ctx, actor, case_id, runner=runner)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    return tab


def import_files(qtbot: QtBot, tab: EvidenceTab, paths: list[Path], kind: str = "书证") -> Any:
    with qtbot.waitSignal(tab.import_finished, timeout=WAIT) as blocker:
        tab.start_import(paths, ev.EvidenceInput(type=kind))
    return blocker.args[0]


def close_dialog(tab: EvidenceTab) -> None:
    if tab.dialog is not None and tab.dialog.isVisible():
        tab.dialog.close()


def custody(ctx: AppContext, action: str) -> list[AuditRecord]:
    with ctx.read() as s:
        return list(s.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def stored(ctx: AppContext) -> list[Path]:
    return [p for p in ctx.data_dir.evidence.rglob("*") if p.is_file()]


def test_an_empty_tab_says_what_to_do(qtbot: QtBot, demo: AppContext, who: Who, case_id: str,
                                      runner: Runner) -> None:
    tab = make_tab(qtbot, demo, who("demo-officer1"), case_id, runner)
    assert tab.table.rowCount() == 0
    assert tab.empty_label.isVisible() and "拖到这里" in tab.empty_label.text()
    assert tab.footer.text() == "共 0 条"
    assert "证据库尚未校验" in tab.fixity_label.text()
    assert tab.add_action.isEnabled() and tab.acceptDrops()
    assert not tab.view_action.isEnabled() and "请先在列表中选择" in tab.view_action.toolTip()


def test_import_runs_in_the_background_and_shows_thumbnails_and_placeholders(
        qtbot: QtBot, demo: AppContext, who: Who, case_id: str, runner: Runner, files: dict[str, Path]) -> None:
    tab = make_tab(qtbot, demo, who("demo-officer1"), case_id, runner)
    result = import_files(qtbot, tab, [files["photo"], files["video"], files["broken"]])
    assert isinstance(result, ev.AddResult) and [i.number for i in result.items] == [1, 2, 3]
    assert tab.table.rowCount() == 3 and tab.footer.text() == "共 3 条"
    assert not tab.empty_label.isVisible()
    texts = [[tab.table.item(r, c).text() for c in range(1, tab.table.columnCount())]  # type: ignore[union-attr]
             for r in range(3)]
    assert texts[0][:4] == ["1", "书证", "现场照片", "现场照片.jpg"]
    assert texts[0][-1] == "正常"
    assert "已损坏" in texts[2][-1] or "损坏" in texts[2][-1]
    assert isinstance(tab.dialog, QMessageBox) and "截断照片.jpg" in tab.dialog.text()  # the flagged file
    close_dialog(tab)
    qtbot.waitUntil(lambda: tab.thumbnail_count() == 1, timeout=WAIT)
    for r in range(3):
        assert not tab.table.item(r, 0).icon().isNull()  # type: ignore[union-attr]
    assert tab.current_item() is not None and tab.current_item().number == 3  # type: ignore[union-attr]


def test_a_cancelled_import_leaves_no_row_and_no_file(qtbot: QtBot, demo: AppContext, who: Who, case_id: str,
                                                      runner: Runner, tmp_path: Path) -> None:
    big = tmp_path / "长录像.mp4"
    with big.open("wb") as fh:
        for _ in range(16):
            fh.write(os.urandom(4 * 1024 * 1024))
    tab = make_tab(qtbot, demo, who("demo-officer1"), case_id, runner)
    with qtbot.waitSignal(tab.import_finished, timeout=WAIT) as blocker:
        job = tab.start_import([big], ev.EvidenceInput(type="视听资料"))
        job.cancel()  # as the progress dialog's 取消 does
    assert blocker.args[0] is None
    assert isinstance(tab.dialog, QMessageBox) and "已取消导入" in tab.dialog.text()
    close_dialog(tab)
    assert tab.table.rowCount() == 0
    assert [p for p in stored(demo) if p.parent.name != "incoming"] == []
    assert list((demo.data_dir.evidence / "incoming").iterdir()) == []


def _drop(tab: EvidenceTab, paths: list[Path]) -> tuple[QDragEnterEvent, QDropEvent]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    tab.dragEnterEvent(enter)
    tab.dropEvent(drop)
    return enter, drop


def test_dropped_files_open_the_form_then_import(qtbot: QtBot, demo: AppContext, who: Who, case_id: str,
                                                 runner: Runner, files: dict[str, Path]) -> None:
    tab = make_tab(qtbot, demo, who("demo-officer1"), case_id, runner)
    enter, drop = _drop(tab, [files["video"]])
    assert enter.isAccepted() and drop.isAccepted()
    dialog = tab.dialog
    assert isinstance(dialog, AddEvidenceDialog) and dialog.isVisible()
    assert dialog.type_combo.currentData() == "audiovisual"  # guessed from the video
    dialog.title_edit.insert("现场执法录像")
    dialog.place_edit.insert("保贤村")
    with qtbot.waitSignal(tab.import_finished, timeout=WAIT) as blocker:
        dialog.ok_button.click()
    (item,) = blocker.args[0].items
    assert (item.title, item.type, item.place) == ("现场执法录像", "audiovisual", "保贤村")
    assert item.device is not None  # the collector's body camera
    assert tab.table.rowCount() == 1


def test_a_refused_form_keeps_what_was_typed(qtbot: QtBot, demo: AppContext, who: Who, case_id: str,
                                            runner: Runner, files: dict[str, Path]) -> None:
    tab = make_tab(qtbot, demo, who("demo-officer1"), case_id, runner)
    dialog = tab.ask_details([files["photo"]])
    assert dialog is not None
    dialog.ok_button.click()
    assert "请选择证据类型" in dialog.error_label.text() and dialog.isVisible()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("physical"))
    dialog.device_edit.insert("NO-SUCH-CAMERA")
    dialog.place_edit.insert("保贤村")
    dialog.ok_button.click()
    assert "执法记录仪编号“NO-SUCH-CAMERA”未配发" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.place_edit.text() == "保贤村"
    assert stored(demo) == []


def test_others_cannot_add_and_drops_are_refused(qtbot: QtBot, demo: AppContext, who: Who, case_id: str,
                                                 runner: Runner, files: dict[str, Path]) -> None:
    tab = make_tab(qtbot, demo, who("demo-supervisor"), case_id, runner)
    assert not tab.add_action.isEnabled()
    assert "执法人员或执法队长" in tab.add_action.toolTip()
    enter, drop = _drop(tab, [files["photo"]])
    assert not enter.isAccepted() and not drop.isAccepted()
    assert tab.dialog is None


def test_viewer_and_system_player_are_custody_records(qtbot: QtBot, demo: AppContext, who: Who, case_id: str,
                                                      runner: Runner, files: dict[str, Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tab = make_tab(qtbot, demo, who("demo-officer1"), case_id, runner)
    import_files(qtbot, tab, [files["photo"], files["video"]], kind="视听资料")
    assert custody(demo, "evidence.open") == []  # listing and thumbnails are no opening
    tab.select_number(1)
    job = tab.view_current()
    assert job is not None
    qtbot.waitUntil(lambda: isinstance(tab.dialog, ImageViewer), timeout=WAIT)
    viewer = tab.dialog
    assert isinstance(viewer, ImageViewer) and not viewer.pixmap.isNull()
    viewer.fit_button.click()
    viewer.close()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    tab.select_number(2)
    job = tab.view_current()  # a video goes to the system's player
    assert job is not None
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    path = Path(opened[0].toLocalFile())
    assert path.name == "执法记录仪.mp4" and path.read_bytes() == files["video"].read_bytes()
    records = custody(demo, "evidence.open")
    assert sorted(r.after["how"] for r in records) == ["system_program", "viewer"]
    assert {r.case_id for r in records} == {case_id}


def test_a_damaged_image_shows_why_instead_of_crashing(qtbot: QtBot, demo: AppContext, who: Who, case_id: str,
                                                      runner: Runner, files: dict[str, Path]) -> None:
    tab = make_tab(qtbot, demo, who("demo-officer1"), case_id, runner)
    import_files(qtbot, tab, [files["broken"]])
    close_dialog(tab)
    tab.select_number(1)
    tab.view_current()
    qtbot.waitUntil(lambda: isinstance(tab.dialog, ImageViewer), timeout=WAIT)
    viewer = tab.dialog
    assert isinstance(viewer, ImageViewer) and viewer.pixmap.isNull()
    assert "损坏" in viewer.image_label.text() and not viewer.fit_button.isEnabled()
    assert len(custody(demo, "evidence.open")) == 1
    assert tab.thumbnail_count() == 0


def test_the_evidence_list_for_the_case_file(qtbot: QtBot, demo: AppContext, who: Who, case_id: str,
                                             runner: Runner, files: dict[str, Path]) -> None:
    tab = make_tab(qtbot, demo, who("demo-officer1"), case_id, runner)
    result = import_files(qtbot, tab, [files["photo"], files["video"]], kind="电子数据")
    dialog = tab.show_list()
    assert isinstance(dialog, EvidenceListDialog) and dialog.table.rowCount() == 2
    assert dialog.table.item(1, 9).text() == result.items[1].sha256  # type: ignore[union-attr]
    text = dialog.as_text()
    assert text.splitlines()[0].startswith("序号\t证据名称\t证据类型")
    assert "执法记录仪.mp4" in text
    dialog.copy()
    dialog.close()


def test_the_tab_shows_when_the_store_was_last_verified(qtbot: QtBot, demo: AppContext, who: Who, case_id: str,
                                                       runner: Runner, files: dict[str, Path]) -> None:
    tab = make_tab(qtbot, demo, who("demo-officer1"), case_id, runner)
    result = import_files(qtbot, tab, [files["photo"]])
    with qtbot.waitSignal(tab.verify_store().finished, timeout=WAIT):
        pass
    assert "证据库上次校验：2026-11-23 10:00，1 个文件完好" in tab.fixity_label.text()
    assert tab.fixity_label.property("tone") == "ok"
    close_dialog(tab)
    path = ev.store_of(demo).path_for(result.items[0].sha256)
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0x01
    path.write_bytes(bytes(data))
    with qtbot.waitSignal(tab.verify_store().finished, timeout=WAIT):
        pass
    assert "发现 1 个问题" in tab.fixity_label.text() and tab.fixity_label.property("tone") == "bad"
    assert isinstance(tab.dialog, QMessageBox) and "已被改动" in tab.dialog.text()
    close_dialog(tab)
    assert tab.verify_button.isEnabled()
