"""The GUI dialogs offer the options the CLI has (ui/action_fields.SPECS): every field names an
ActionInput attribute, and the issue #14 options are there."""

from __future__ import annotations

from dataclasses import fields

from desktop_app.domain.procedure import CaseAction
from desktop_app.services.cases.actions import ActionInput
from desktop_app.ui.action_fields import SPECS, VIEW_ONLY_FIELDS


def test_every_action_has_its_fields_and_each_is_an_input() -> None:
    assert set(SPECS) == set(CaseAction)
    names = {f.name for f in fields(ActionInput)}
    for action, specs in SPECS.items():
        for spec in specs:
            # a view-only field (暂缓 or 分期) only chooses which of the others the dialog shows
            assert spec.name in names or spec.name in VIEW_ONLY_FIELDS, (action, spec.name)


def test_the_added_options_are_offered() -> None:
    def names(action: CaseAction) -> set[str]:
        return {s.name for s in SPECS[action]}

    assert {"quantity", "base_value"} <= names(CaseAction.DECIDE)
    assert {"quantity", "base_value"} <= names(CaseAction.NOTIFY)
    assert "reviewer" in names(CaseAction.APPROVE)
    reviewer = next(s for s in SPECS[CaseAction.APPROVE] if s.name == "reviewer")
    assert reviewer.visible_when == ("what", ("case_reviewer",))
    channel = next(s for s in SPECS[CaseAction.PUBLISH] if s.name == "channel")
    assert channel.required and "url" in names(CaseAction.PUBLISH)
