"""discretion.fine_measure: which measure an item's fine needs (面积 for a range per 平方米, the named base for
a multiple), and the sentence the decision screen shows."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.discretion import FineMeasure, PartyKind, fine_measure

GH01 = [{"party": "any", "min": 10, "max": 50, "unit": "yuan_per_sqm"}]
GH07 = [{"party": "any", "min": 0.05, "max": 0.1, "unit": "multiple", "base": "建设工程造价"},
        {"party": "any", "min": 0, "max": 0.1, "unit": "multiple", "base": "建设工程造价",
         "precondition": "无法采取改正措施消除影响且不能拆除的"}]
DQ02 = [{"party": "organisation", "min": 10000, "max": 100000, "unit": "yuan"},
        {"party": "person", "min": 500, "max": 2000, "unit": "yuan"}]


def test_per_square_metre() -> None:
    m = fine_measure(GH01, PartyKind.PERSON)
    assert m.needs_quantity and m.per_sqm and m.base_name is None and m.bases == () and not m.plain
    assert m.describe() == "本事项罚款按每平方米计算：法定幅度 每平方米 10—50 元"


def test_multiple_of_a_named_base_ignores_the_conditional_range() -> None:
    m = fine_measure(GH07, "organisation")
    assert not m.needs_quantity and m.base_name == "建设工程造价" and m.bases == ("建设工程造价",)
    assert len(m.ranges) == 1  # the 拒不改正-like range waits for its precondition
    assert m.describe() == "本事项罚款按建设工程造价的倍数计算：法定幅度 建设工程造价的 0.05—0.1 倍"


def test_plain_amounts_need_nothing() -> None:
    m = fine_measure(DQ02, PartyKind.ORGANISATION)
    assert m.plain and not m.needs_quantity and m.base_name is None and m.describe() == ""
    assert fine_measure([], PartyKind.PERSON) == FineMeasure(False, None)


def test_only_the_party_s_ranges_count() -> None:
    ranges = [{"party": "person", "min": 0, "max": 2, "unit": "yuan_per_sqm"},
              {"party": "organisation", "min": 1000, "max": 5000, "unit": "yuan"}]
    assert fine_measure(ranges, PartyKind.PERSON).needs_quantity
    assert fine_measure(ranges, PartyKind.PERSON).describe() == "本事项罚款按每平方米计算：法定幅度 对个人每平方米 2 元以下"
    assert fine_measure(ranges, PartyKind.ORGANISATION).plain


def test_mixed_units_require_neither_but_offer_both() -> None:
    ranges = [{"party": "any", "min": 10, "max": 50, "unit": "yuan_per_sqm"},
              {"party": "any", "min": 1, "max": 3, "unit": "multiple", "base": "违法所得"}]
    m = fine_measure(ranges, PartyKind.PERSON)
    assert not m.needs_quantity and m.base_name is None and m.per_sqm and m.bases == ("违法所得",)
    assert m.describe().startswith("本事项罚款按面积或违法所得的倍数计算")


_range = st.fixed_dictionaries({
    "party": st.sampled_from(["any", "person", "organisation"]),
    "min": st.integers(0, 100), "max": st.one_of(st.none(), st.integers(100, 1000)),
    "unit": st.sampled_from(["yuan", "yuan_per_sqm", "multiple"]),
    "base": st.one_of(st.none(), st.sampled_from(["建设工程造价", "耕地开垦费"])),
    "precondition": st.one_of(st.none(), st.just("拒不改正")),
})


@given(st.lists(_range, max_size=5), st.sampled_from(list(PartyKind)))
def test_required_only_when_every_deciding_range_uses_it(ranges: list[dict[str, Any]], party: PartyKind) -> None:
    m = fine_measure(ranges, party)
    units = {r.unit for r in m.ranges}
    assert m.needs_quantity == (units == {"yuan_per_sqm"})
    assert (m.base_name is not None) == (units == {"multiple"})
    assert m.per_sqm == ("yuan_per_sqm" in units)
    assert all(r.party in ("any", party.value) for r in m.ranges)
    if m.base_name is not None:
        assert m.base_name == m.bases[0]
    assert m.plain == (m.describe() == "")
