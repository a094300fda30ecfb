"""services.cases.measure.case_fine_measure: what the decision screen asks of a case's fine, read from the
item row the case was filed under, for those who may read the case."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services.cases.measure import case_fine_measure
from desktop_app.services.errors import PermissionDenied
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import open_case


@pytest.mark.parametrize(("item", "quantity", "base"), [("GH-01", True, None), ("GH-07", False, "建设工程造价"),
                                                        ("DQ-01", False, None)])
def test_the_measure_of_the_case_s_item(walker: Walker, item: str, quantity: bool, base: str | None) -> None:
    open_case(walker, date(2026, 9, 1), item=item)
    m = case_fine_measure(walker.ctx, walker.who("demo-leader"), walker.case_id)
    assert (m.needs_quantity, m.base_name) == (quantity, base)
    assert m.plain == (item == "DQ-01")


def test_an_officer_of_another_case_may_not_ask(walker: Walker) -> None:
    open_case(walker, date(2026, 9, 1), item="GH-01")
    with pytest.raises(PermissionDenied):
        case_fine_measure(walker.ctx, walker.who("demo-officer4"), walker.case_id)
