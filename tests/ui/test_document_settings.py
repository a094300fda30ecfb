"""The documents' settings on the admin settings screen (the screen lists the schema): the office's
telephone refused with the rule when it is not a number, then saved; the font choice limited to its
three values (tests/workflow/test_documents.py checks the documents print them)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.services import settings as settings_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.ui.pages.admin.settings import EditSettingDialog, SettingsTab
from tests.ui.test_admin_screens import boss, click_ok, show  # noqa: F401 (boss is a fixture)


def test_the_document_settings_are_listed_and_checked(qtbot: QtBot, ctx: AppContext, boss: Actor) -> None:  # noqa: F811
    tab = show(qtbot, SettingsTab(ctx, boss))
    keys = {s.key for s in settings_service.list_settings(ctx)}
    assert {"documents.office_address", "documents.office_phone", "documents.office_contact",
            "documents.payment_bank", "documents.payment_account_name", "documents.payment_account_number",
            "documents.fonts"} <= keys

    assert tab.list.select_where(lambda s: s.key == "documents.office_phone")
    dialog = tab.edit_setting()
    assert isinstance(dialog, EditSettingDialog) and dialog.unset_box is not None
    dialog.unset_box.setChecked(False)
    dialog.editor.setText("找李明")
    click_ok(dialog)
    assert "须为电话号码" in dialog.error_label.text()
    assert settings_service.get_setting(ctx, "documents.office_phone") is None
    dialog.editor.setText("0358-3456789")
    click_ok(dialog)
    assert settings_service.get_setting(ctx, "documents.office_phone") == "0358-3456789"

    assert tab.list.select_where(lambda s: s.key == "documents.fonts")
    fonts = tab.edit_setting()
    assert fonts is not None and fonts.editor.text() == "auto"
    fonts.editor.setText("宋体")
    click_ok(fonts)
    assert "auto | bundled | windows" in fonts.error_label.text()
    fonts.editor.setText("bundled")
    click_ok(fonts)
    assert settings_service.get_setting(ctx, "documents.fonts") == "bundled"
