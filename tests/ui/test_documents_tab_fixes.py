"""The documents tab after exploratory testing: cancelling 起草 leaves nothing (F9), the preview follows
a saved draft (F10), 签发 warns about blanks "＿＿" left in the text (F27), the list of makeable forms
keeps several rows at 1366×768 and does not jump when a first draft appears (F8), 打印全部文书."""

# ruff: noqa: F811 - the fixtures below come from tests/workflow/conftest.py and are parameters here
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from desktop_app.services import documents as docs
from desktop_app.ui import documents_tab as tab_module
from desktop_app.ui.documents_tab import DocumentsTab, EditDraftDialog
from desktop_app.ui.runner import Runner
from tests.workflow.conftest import Walker, demo, proof, walker, who  # noqa: F401 - fixtures
from tests.workflow.test_paths import open_case


def make_tab(qtbot: QtBot, w: Walker, login: str, size: tuple[int, int] = (1280, 720)) -> DocumentsTab:
    tab = DocumentsTab(w.ctx, w.who(login), w.case_id, runner=Runner(synchronous=True))
    qtbot.addWidget(tab)
    tab.resize(*size)
    tab.show()
    return tab


def start_draft(tab: DocumentsTab, form_id: str = "rectification_notice") -> EditDraftDialog:
    assert tab.forms.select_where(lambda s: s.form.id == form_id)
    tab.draft_form()
    dialog = tab.dialog
    assert isinstance(dialog, EditDraftDialog)
    return dialog


def test_cancelling_the_draft_dialog_leaves_no_draft(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, date(2026, 8, 3))
    tab = make_tab(qtbot, walker, "demo-lead")
    dialog = start_draft(tab)
    assert "text.rectification" in dialog.fields  # the form's texts are there to edit
    dialog.reject()
    assert tab.table.row_count() == 0
    assert docs.list_documents(walker.ctx, walker.who("demo-lead"), walker.case_id) == []
    dialog = start_draft(tab)
    dialog.ok_button.click()  # saved unchanged: now the draft exists
    assert tab.table.row_count() == 1


def test_the_preview_follows_a_saved_draft(qtbot: QtBot, walker: Walker, monkeypatch: pytest.MonkeyPatch) -> None:
    open_case(walker, date(2026, 8, 3))
    tab = make_tab(qtbot, walker, "demo-lead")
    shown: list[str] = []
    real = tab.preview.show_pdf
    monkeypatch.setattr(tab.preview, "show_pdf", lambda data, title: (shown.append(title), real(data, title)))
    dialog = start_draft(tab)
    dialog.fields["text.rectification"].setPlainText("立即停止焚烧，于2026年9月1日前清理现场")
    dialog.ok_button.click()
    assert shown and "责令" in shown[-1] and "草稿" in shown[-1]
    tab.edit_draft()
    editor = tab.dialog
    assert isinstance(editor, EditDraftDialog)
    before = len(shown)
    editor.fields["text.rectification"].setPlainText("立即停止焚烧，于2026年9月2日前清理现场")
    editor.ok_button.click()
    assert len(shown) == before + 1  # previewed afresh after the save, without pressing 预览


def test_issuing_warns_about_blanks_left_in_the_text(qtbot: QtBot, walker: Walker,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    open_case(walker, date(2026, 8, 3))
    tab = make_tab(qtbot, walker, "demo-lead")
    start_draft(tab).ok_button.click()  # the default text "并于＿＿＿＿年＿＿月＿＿日前改正" kept
    draft = tab.table.row_data(0)
    blanks = docs.unfilled_fields(walker.ctx, walker.who("demo-lead"), draft.id)
    assert len(blanks) == 1
    asked: list[tuple[str, str]] = []

    def confirm(_parent: Any, _title: str, text: str, ok: str) -> bool:
        asked.append((text, ok))
        return False

    monkeypatch.setattr(tab_module, "confirm", confirm)
    tab.table.select_row(0)
    tab.issue_document()
    assert asked and "＿＿" in asked[0][0] and "未填写" in asked[0][0] and asked[0][1] == "仍然签发"
    assert blanks[0] in asked[0][0]
    assert tab.table.row_data(0).status == "draft"

    tab.edit_draft()
    editor = tab.dialog
    assert isinstance(editor, EditDraftDialog)
    editor.fields["text.rectification"].setPlainText("立即停止焚烧，于2026年9月1日前清理现场")
    editor.ok_button.click()
    assert docs.unfilled_fields(walker.ctx, walker.who("demo-lead"), draft.id) == []
    tab.table.select_row(0)
    tab.issue_document()
    assert "未填写" not in asked[1][0] and asked[1][1] == "签发"


def test_the_makeable_forms_keep_five_rows_and_do_not_jump(qtbot: QtBot, walker: Walker) -> None:
    open_case(walker, date(2026, 8, 3))
    tab = make_tab(qtbot, walker, "demo-lead", size=(1340, 420))  # the tab's room at 1366×768
    rows = tab.forms.table.verticalHeader().defaultSectionSize()
    assert tab.forms.table.viewport().height() >= rows * 5
    before = tab.forms.table.height()
    start_draft(tab).ok_button.click()
    assert tab.table.row_count() == 1
    assert tab.forms.table.height() == before


def test_with_documents_under_way_their_list_gets_the_larger_pane(qtbot: QtBot, walker: Walker) -> None:
    """Found at 1366×768: 本案文书 showed two of its three rows (less than one on a smaller window)."""
    open_case(walker, date(2026, 8, 3))
    lead = walker.who("demo-lead")
    for _ in range(3):
        draft = docs.draft_document(walker.ctx, lead, walker.case_id, "rectification_notice",
                                    {"rectification": "立即停止焚烧，于2026年9月1日前清理现场"})
        docs.issue_document(walker.ctx, lead, draft.id)
    tab = make_tab(qtbot, walker, "demo-lead", size=(1340, 420))  # the tab's room at 1366×768
    rows = tab.table.table.verticalHeader().defaultSectionSize()
    assert tab.table.table.viewport().height() >= rows * 3  # all three documents in view
    assert tab.forms.table.viewport().height() >= rows * 3  # and the forms keep three rows


def test_print_all_documents_prints_every_issued_document(qtbot: QtBot, walker: Walker, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    open_case(walker, date(2026, 8, 3))
    tab = make_tab(qtbot, walker, "demo-lead")
    tab.print_all_documents()
    assert tab.dialog is not None and "还没有已签发" in tab.dialog.text()  # type: ignore[attr-defined]
    tab.dialog.close()
    lead = walker.who("demo-lead")
    for _ in range(2):
        draft = docs.draft_document(walker.ctx, lead, walker.case_id, "rectification_notice",
                                    {"rectification": "立即停止焚烧，于2026年9月1日前清理现场"})
        docs.issue_document(walker.ctx, lead, draft.id)
    tab.reload()
    printed: list[int] = []
    monkeypatch.setattr(tab, "_print", lambda datas, name: printed.append(len(datas)))
    tab.print_all_documents()
    assert printed == [2]
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "all.pdf"))
    datas = [docs.document_pdf(walker.ctx, lead, d.id) for d in tab.documents]
    assert tab.print_to(printer, datas) == 4  # two pages (归档联, 送达联) each


def test_the_preview_follows_the_document_when_it_is_voided(qtbot: QtBot, walker: Walker) -> None:
    """After a new hearing-host designation voided the notice, the preview still said 已签发."""
    open_case(walker, date(2026, 8, 3))
    lead = walker.who("demo-lead")
    draft = docs.draft_document(walker.ctx, lead, walker.case_id, "rectification_notice",
                                {"rectification": "立即停止焚烧，于2026年9月1日前清理现场"})
    issued = docs.issue_document(walker.ctx, lead, draft.id)
    tab = make_tab(qtbot, walker, "demo-lead")
    assert tab.table.select_where(lambda d: d.id == issued.id)
    tab.preview_document()
    assert "已签发" in tab.preview.title.text()
    docs.void_document(walker.ctx, walker.who("demo-leader"), issued.id, "内容有误")  # elsewhere
    tab.reload()
    assert "已作废" in tab.preview.title.text()
