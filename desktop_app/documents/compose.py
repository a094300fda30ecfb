"""Between the binding context and a rendered form: whether the form applies to the case as it stands,
and the editable texts (the draft's edits over the form's defaults over the context's own)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop_app.documents.bindings import FIELDS, lookup
from desktop_app.documents.formspec import FormSpec
from desktop_app.documents.render import plain, resolve, truthy
from desktop_app.domain.case_states import state_label

PROCEDURE_LABELS = {"ordinary": "普通程序", "simple": "简易程序"}


def refusal(form: FormSpec, context: Mapping[str, Any]) -> str | None:
    """Why the form does not apply to the case now (None when it does). Reads case.state,
    case.procedure and the form's conditions from the context."""
    state = str(lookup(context, "case.state") or "")
    procedure = str(lookup(context, "case.procedure") or "ordinary")
    applies = form.applies
    if state not in applies.states:
        allowed = "、".join(state_label(s) for s in sorted(applies.states, key=_state_order))
        return f"“{form.title}”不适用于“{state_label(state)}”状态的案件（适用于：{allowed}）"
    if applies.procedure != "any" and procedure != applies.procedure:
        return f"“{form.title}”只适用于{PROCEDURE_LABELS[applies.procedure]}的案件"
    failed = [p for p in applies.when if not truthy(context, p)]
    failed += [p for p in applies.unless if truthy(context, p)]
    if failed:
        return applies.reason or f"“{form.title}”的适用条件不满足（{'、'.join(FIELDS[p][1] for p in failed)}）"
    return None


def called_for(form: FormSpec, context: Mapping[str, Any]) -> bool:
    """Whether the current state calls for this form (it applies and the state is one it is made in)."""
    return refusal(form, context) is None and str(lookup(context, "case.state")) in form.applies.called_for


def _state_order(state: str) -> int:
    from desktop_app.domain.case_states import CaseState

    return [s.value for s in CaseState].index(state)


def _base_texts(form: FormSpec, context: Mapping[str, Any]) -> dict[str, str]:
    """What the context says (facts of the case, a 笔录's record …), else the form's default wording."""
    text = {str(k): "" if v is None else str(v) for k, v in (context.get("text") or {}).items()}
    for path, tpl in form.defaults.items():
        name = path.split(".", 1)[1]
        if not text.get(name):
            text[name] = plain(resolve(tpl, context))
    return text


def default_texts(form: FormSpec, context: Mapping[str, Any]) -> dict[str, str]:
    """The editable texts a new draft starts from (before the drafter changes them)."""
    base = _base_texts(form, context)
    return {path: base.get(path.split(".", 1)[1], "") for path in form.editable}


def with_texts(form: FormSpec, context: Mapping[str, Any], edits: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The context with the ``text.*`` values this document uses: the context's, else the form's
    defaults, and over both the draft's edits."""
    text: dict[str, Any] = dict(_base_texts(form, context))
    for path, value in (edits or {}).items():
        if path.startswith("text."):
            text[path.split(".", 1)[1]] = value
    return {**context, "text": text}
