"""What a case's fine is computed on (per 平方米, or a multiple of a base such as 建设工程造价), for the
decision and notice screens: they show only the fields the item needs, before the services refuse.

The rule itself is the domain's (discretion.fine_measure); this reads the item row the case was filed
under (a later list version never changes it) and the kind of the case's first party."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop_app.domain.discretion import (
    FineMeasure,
    PartyKind,
    PenaltyKind,
    check_penalty_kind,
    fine_measure,
)
from desktop_app.services.actor import Actor
from desktop_app.services.cases.facts import find_case
from desktop_app.services.cases.queries import visible_cases
from desktop_app.services.context import AppContext
from desktop_app.services.errors import PermissionDenied
from desktop_app.store.models import Case, EnforcementItem


def _party_kind(case: Case) -> PartyKind:
    # the same reading as the decision's check (actions._party_kind): the first party decides
    if case.parties and case.parties[0].snapshot.get("kind") == "organisation":
        return PartyKind.ORGANISATION
    return PartyKind.PERSON


def case_fine_measure(ctx: AppContext, actor: Actor, case_ref: str) -> FineMeasure:
    """The area or base value a fine in this case needs (see discretion.FineMeasure)."""
    with ctx.read() as s:
        case = find_case(s, case_ref)
        # read by those who may read the case (the same rule as show_case)
        if not s.scalar(visible_cases(select(func.count()).select_from(Case), actor).where(Case.id == case.id)):
            raise PermissionDenied("您无权查看此案件")
        item = s.get(EnforcementItem, case.item_id)
        if item is None:  # pragma: no cover - a case always keeps its item row
            return fine_measure([], _party_kind(case))
        return fine_measure(item.fines or [], _party_kind(case))


def case_penalty_kinds(ctx: AppContext, actor: Actor, case_ref: str) -> list[str]:
    """The kinds of penalty (PenaltyKind values, 第九条's order) the case's item article provides for
    its party — what the notice, decision and on-the-spot screens offer; the services refuse the rest
    (行政处罚法第四条, discretion.check_penalty_kind)."""
    with ctx.read() as s:
        case = find_case(s, case_ref)
        if not s.scalar(visible_cases(select(func.count()).select_from(Case), actor).where(Case.id == case.id)):
            raise PermissionDenied("您无权查看此案件")
        item = s.get(EnforcementItem, case.item_id)
        if item is None:  # pragma: no cover - a case always keeps its item row
            return [k.value for k in PenaltyKind]
        party = _party_kind(case)
        return [k.value for k in PenaltyKind
                if check_penalty_kind(k, party, fines=item.fines or [], article_text=item.penalty_text,
                                      sanctions=item.other_sanctions or []).allowed]
