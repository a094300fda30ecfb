"""Tests for desktop_app.domain.discretion: ranges, tiers, explanation, simple procedure, 不予处罚."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.discretion import (
    PENALTY_LABELS,
    PENALTY_SEVERITY,
    FineRange,
    PartyKind,
    PenaltyKind,
    Verdict,
    check_discretion,
    check_explanation,
    check_fine_amount,
    check_penalty_kind,
    check_simple_procedure,
    check_tier,
    flatten_benchmark,
    format_amount,
    hearing_eligible,
    is_heavier,
    no_penalty_suggestions,
)

PERSON, ORG = PartyKind.PERSON, PartyKind.ORGANISATION

# DQ-02 in items.json: different ranges for 单位 and 个人
DQ_02: list[dict[str, Any]] = [
    {"party": "organisation", "min": 10000, "max": 100000, "unit": "yuan", "base": None,
     "mandatory": True, "precondition": None},
    {"party": "person", "min": 500, "max": 2000, "unit": "yuan", "base": None,
     "mandatory": True, "precondition": None},
]
DQ_02_BASIS = "《中华人民共和国大气污染防治法》第一百一十九条第一款"
# GH-01: per 平方米
GH_01: list[dict[str, Any]] = [
    {"party": "any", "min": 10, "max": 50, "unit": "yuan_per_sqm", "base": None,
     "mandatory": True, "precondition": None},
]
# GH-07: a multiple of 建设工程造价, and a second range on a condition
GH_07: list[dict[str, Any]] = [
    {"party": "any", "min": 0.05, "max": 0.1, "unit": "multiple", "base": "建设工程造价",
     "mandatory": True, "precondition": None},
    {"party": "any", "min": 0, "max": 0.1, "unit": "multiple", "base": "建设工程造价",
     "mandatory": True, "precondition": "无法采取改正措施消除影响且不能拆除的"},
]
# a base range and a heavier one after refusing to correct
REFUSAL: list[dict[str, Any]] = [
    {"party": "any", "min": 0, "max": 5000, "unit": "yuan", "precondition": None},
    {"party": "any", "min": 5000, "max": 20000, "unit": "yuan", "precondition": "拒不改正"},
]
TIERS: list[dict[str, Any]] = [
    {"tier": "minor", "label": "轻微", "fine_min": 500, "fine_max": 800, "party": "person", "unit": "yuan"},
    {"tier": "general", "label": "一般", "fine_min": 800, "fine_max": 1200, "party": "person", "unit": "yuan"},
    {"tier": "general", "label": "一般", "fine_min": 20000, "fine_max": 40000, "party": "organisation",
     "unit": "yuan"},
]


# ---------------------------------------------------------------------------- ranges


def test_fine_above_the_range_for_a_person() -> None:
    verdict = check_fine_amount(DQ_02, PERSON, 5000, basis=DQ_02_BASIS)
    assert verdict == Verdict(
        allowed=False,
        reason="罚款 5000 元超出该事项对个人的法定幅度 500—2000 元（《中华人民共和国大气污染防治法》第一百一十九条第一款）",
        article=DQ_02_BASIS,
    )


def test_fine_below_the_range_and_within() -> None:
    below = check_fine_amount(DQ_02, PERSON, 100, basis=DQ_02_BASIS)
    assert below.reason is not None and below.reason.startswith("罚款 100 元低于该事项对个人的法定幅度")
    assert check_fine_amount(DQ_02, PERSON, 500).allowed
    assert check_fine_amount(DQ_02, PERSON, 2000).allowed
    assert check_fine_amount(DQ_02, ORG, 50000).allowed
    org = check_fine_amount(DQ_02, ORG, 2000)
    assert org.reason == "罚款 2000 元低于该事项对单位的法定幅度 10000—100000 元"


def test_reduced_penalty_may_go_below_the_floor_never_above_the_ceiling() -> None:
    verdict = check_fine_amount(DQ_02, PERSON, 300, reduced=True)
    assert verdict.allowed
    assert any("第三十二条" in w for w in verdict.warnings)
    assert not check_fine_amount(DQ_02, PERSON, 2500, reduced=True).allowed


def test_range_from_zero_reads_as_up_to() -> None:
    fines = [{"party": "person", "min": 0, "max": 500, "unit": "yuan"}]
    verdict = check_fine_amount(fines, "person", 800)
    assert verdict.reason == "罚款 800 元超出该事项对个人的法定幅度 500 元以下"


def test_per_square_metre_needs_the_area() -> None:
    missing = check_fine_amount(GH_01, PERSON, 1000)
    assert missing.reason == "按面积计算的罚款须填写违法面积（平方米）"
    assert check_fine_amount(GH_01, PERSON, 6000, quantity=120).allowed
    assert check_fine_amount(GH_01, ORG, Decimal("1200"), quantity=Decimal("120")).allowed
    over = check_fine_amount(GH_01, PERSON, 6001, quantity=120)
    assert over.reason == "罚款 6001 元超出该事项的法定幅度 每平方米 10—50 元（120 平方米，计 1200—6000 元）"


def test_multiple_of_a_base_value() -> None:
    base = {"建设工程造价": 100000}
    missing = check_fine_amount(GH_07, ORG, 6000)
    assert missing.reason == "按倍数计算的罚款须填写建设工程造价（元）"
    assert check_fine_amount(GH_07, ORG, 5000, base_values=base).allowed
    assert check_fine_amount(GH_07, ORG, 10000, base_values=base).allowed
    low = check_fine_amount(GH_07, ORG, 4000, base_values=base)
    assert low.reason is not None
    assert "建设工程造价的 0.05—0.1 倍（建设工程造价 100000 元，计 5000—10000 元）" in low.reason
    assert "“无法采取改正措施消除影响且不能拆除的”的情形另有幅度但尚未认定" in low.reason
    met = ["无法采取改正措施消除影响且不能拆除的"]
    assert check_fine_amount(GH_07, ORG, 4000, base_values=base, preconditions_met=met).allowed


def test_conditional_range_applies_only_when_found() -> None:
    refused = check_fine_amount(REFUSAL, PERSON, 8000, basis="某法第X条")
    assert refused.reason == (
        "罚款 8000 元超出该事项的法定幅度 5000 元以下，“拒不改正”的情形另有幅度但尚未认定（某法第X条）"
    )
    assert check_fine_amount(REFUSAL, PERSON, 8000, preconditions_met=["拒不改正"]).allowed
    assert not check_fine_amount(REFUSAL, PERSON, 30000, preconditions_met=["拒不改正"]).allowed


def test_only_conditional_ranges() -> None:
    fines = [{"party": "any", "min": 0, "max": 1000, "unit": "yuan", "precondition": "拒不改正"}]
    verdict = check_fine_amount(fines, ORG, 500)
    assert verdict.reason == "该事项对单位罚款以“拒不改正”为条件，该情形尚未认定"
    assert check_fine_amount(fines, ORG, 500, preconditions_met={"拒不改正"}).allowed


def test_no_amount_in_the_law_is_a_warning() -> None:
    verdict = check_fine_amount([], PERSON, 300)
    assert verdict.allowed
    assert verdict.warnings and "裁量基准" in verdict.warnings[0]


def test_no_range_for_the_party() -> None:
    only_org = [DQ_02[0]]
    verdict = check_fine_amount(only_org, PERSON, 300, basis=DQ_02_BASIS)
    assert verdict.reason == f"该事项对个人没有规定罚款（{DQ_02_BASIS}）"


def test_amount_must_be_positive() -> None:
    assert check_fine_amount(DQ_02, PERSON, 0).reason == "罚款金额须大于零"
    with pytest.raises(ValueError):
        check_fine_amount(DQ_02, PERSON, "lots")  # type: ignore[arg-type]


def test_fine_range_from_dict() -> None:
    parsed = FineRange.from_dict(GH_07[0])
    assert parsed.min == Decimal("0.05") and parsed.max == Decimal("0.1")
    assert parsed.unit == "multiple" and parsed.base == "建设工程造价"
    assert FineRange.from_dict({"min": 0, "max": None}).max is None


@settings(database=None, max_examples=300)
@given(
    low=st.integers(0, 10000),
    width=st.integers(0, 100000),
    amount=st.integers(1, 200000),
    party=st.sampled_from(list(PartyKind)),
)
def test_yuan_range_allows_exactly_the_amounts_within(
    low: int, width: int, amount: int, party: PartyKind
) -> None:
    fines = [{"party": "any", "min": low, "max": low + width, "unit": "yuan"}]
    assert check_fine_amount(fines, party, amount).allowed == (low <= amount <= low + width)


# ---------------------------------------------------------------------------- tiers


def test_tier_within_and_outside() -> None:
    assert check_tier(TIERS, PERSON, "general", 1000).allowed
    outside = check_tier(TIERS, PERSON, "minor", 1000)
    assert outside.reason == "罚款 1000 元超出所选裁量档次“轻微”的幅度 500—800 元（裁量基准）"
    assert check_tier(TIERS, ORG, "general", 30000).allowed
    assert not check_tier(TIERS, ORG, "general", 1000).allowed


def test_tier_must_be_chosen_and_known() -> None:
    none = check_tier(TIERS, PERSON, None, 1000)
    assert none.reason is not None and none.reason.startswith("须选择裁量档次：minor（轻微）、general（一般）")
    assert check_tier(TIERS, PERSON, "severe", 1000).reason == "裁量基准中没有档次“severe”"


def test_no_benchmark_is_a_warning() -> None:
    verdict = check_tier([], PERSON, None, 1000)
    assert verdict.allowed and verdict.warnings


def test_party_specific_tier_wins_over_any() -> None:
    tiers = [
        {"tier": "general", "fine_min": 0, "fine_max": 100, "party": "any"},
        {"tier": "general", "fine_min": 500, "fine_max": 900, "party": "person"},
    ]
    assert check_tier(tiers, PERSON, "general", 600).allowed
    assert check_tier(tiers, ORG, "general", 50).allowed


def test_flatten_benchmark_record() -> None:
    record = {
        "item_code": "GH-01", "party": "any", "unit": "yuan_per_sqm", "base": None,
        "tiers": [{"tier": "minor", "label": "轻微", "fine_min": 10, "fine_max": 20}],
    }
    flat = flatten_benchmark(record)
    assert flat == [{"tier": "minor", "label": "轻微", "fine_min": 10, "fine_max": 20,
                     "party": "any", "unit": "yuan_per_sqm", "base": None}]
    assert check_tier(flat, PERSON, "minor", 2000, quantity=100).allowed
    assert not check_tier(flat, PERSON, "minor", 2001, quantity=100).allowed


# ---------------------------------------------------------------------------- explanation and all checks


def test_penalty_decision_needs_an_explanation() -> None:
    assert not check_explanation("penalty", "").allowed
    assert not check_explanation("penalty", "  \n").allowed
    assert not check_explanation("penalty", None).allowed
    assert check_explanation("penalty", "初次违法，情节一般，适用一般档次").allowed
    assert check_explanation("no_penalty", "").allowed


def test_check_discretion_runs_every_check_in_order() -> None:
    common: dict[str, Any] = {"fines": DQ_02, "tiers": TIERS, "party": PERSON, "penalty": "fine",
                              "basis": DQ_02_BASIS}
    no_text = check_discretion(**common, amount=1000, tier="general", explanation="")
    assert no_text.reason is not None and "裁量说明" in no_text.reason
    out_of_law = check_discretion(**common, amount=5000, tier="general", explanation="理由")
    assert out_of_law.reason is not None and "法定幅度" in out_of_law.reason
    out_of_tier = check_discretion(**common, amount=1000, tier="minor", explanation="理由")
    assert out_of_tier.reason is not None and "裁量档次" in out_of_tier.reason
    assert check_discretion(**common, amount=1000, tier="general", explanation="理由").allowed
    no_amount = check_discretion(**common, amount=None, tier="general", explanation="理由")
    assert no_amount.reason == "罚款决定须填写罚款金额"
    warning = check_discretion(**{**common, "penalty": "warning"}, amount=None, tier=None, explanation="理由")
    assert warning.allowed


def test_check_discretion_collects_warnings() -> None:
    verdict = check_discretion(fines=[], tiers=[], party=PERSON, penalty="fine", amount=100,
                               tier=None, explanation="依据市级规定")
    assert verdict.allowed and len(verdict.warnings) == 2


# ---------------------------------------------------------------------------- simple procedure


@pytest.mark.parametrize(
    ("party", "penalty", "amount", "allowed"),
    [
        (PERSON, "warning", None, True),
        (PERSON, "fine", 200, True),
        (PERSON, "fine", 201, False),
        (ORG, "fine", 3000, True),
        (ORG, "fine", 3001, False),
        (ORG, "confiscation", 100, False),
        (PERSON, "fine", None, False),
    ],
)
def test_simple_procedure_limits(party: PartyKind, penalty: str, amount: int | None, allowed: bool) -> None:
    verdict = check_simple_procedure(party, penalty, amount)
    assert verdict.allowed is allowed
    if not allowed and amount:
        assert verdict.reason is not None and "第五十一条" in verdict.reason


def test_simple_procedure_message_and_custom_limits() -> None:
    verdict = check_simple_procedure(PERSON, "fine", 500)
    assert verdict.reason == "罚款 500 元超过简易程序对个人的上限 200 元，应当适用普通程序（行政处罚法第五十一条）"
    assert verdict.article == "行政处罚法第五十一条"
    assert check_simple_procedure(PERSON, "fine", 300, person_limit=300).allowed
    assert not check_simple_procedure(ORG, "fine", 2500, organisation_limit=2000).allowed


# ---------------------------------------------------------------------------- penalties


def test_penalty_kinds_have_labels_and_severity() -> None:
    assert set(PENALTY_LABELS) == set(PenaltyKind) == set(PENALTY_SEVERITY)
    assert PENALTY_LABELS[PenaltyKind.FINE] == "罚款"


@pytest.mark.parametrize(
    ("decided", "amount", "notified", "notified_amount", "heavier"),
    [
        ("fine", 1000, "fine", 1000, False),
        ("fine", 900, "fine", 1000, False),
        ("fine", 1001, "fine", 1000, True),
        ("warning", None, "fine", 1000, False),
        ("fine", 100, "warning", None, True),
        ("criticism", None, "warning", None, False),
        ("confiscation", 100, "fine", 1000, True),
        ("revoke_licence", None, "fine", 1000, True),
        ("fine", 1000, "suspend_business", None, False),
    ],
)
def test_is_heavier(decided: str, amount: int | None, notified: str, notified_amount: int | None,
                    heavier: bool) -> None:
    assert is_heavier(decided, amount, notified, notified_amount) is heavier


def test_hearing_eligible() -> None:
    assert not hearing_eligible("warning", None, PERSON)
    assert hearing_eligible("fine", 1, PERSON)  # no threshold set: every fine
    assert not hearing_eligible("fine", 2999, PERSON, threshold_person=3000)
    assert hearing_eligible("fine", 3000, PERSON, threshold_person=3000)
    assert hearing_eligible("fine", 3000, ORG, threshold_person=3000)  # organisation threshold unset
    assert not hearing_eligible("confiscation", 100, ORG, threshold_organisation=20000)
    assert hearing_eligible("revoke_licence", None, ORG, threshold_organisation=20000)
    assert hearing_eligible("suspend_business", None, ORG)


def test_format_amount() -> None:
    assert format_amount(5000) == "5000"
    assert format_amount(Decimal("1234.50")) == "1234.5"
    assert format_amount(0.05) == "0.05"
    assert format_amount(Decimal("1E+3")) == "1000"


# ---------------------------------------------------------------------------- 不予处罚

LISTS = [
    {"item_code": "DQ-01", "kind": "first_offence_no_penalty", "conditions": "初次露天焚烧，经劝阻立即熄灭的"},
]


def test_first_offence_needs_all_three_conditions() -> None:
    found = no_penalty_suggestions(first_violation=True, harm_slight=True, corrected_in_time=True,
                                   list_entries=LISTS)
    assert [s.kind for s in found] == ["first_offence_no_penalty"]
    first = found[0]
    assert first.on_list and first.conditions == "初次露天焚烧，经劝阻立即熄灭的"
    assert not first.mandatory
    assert first.article == "行政处罚法第三十三条第一款"
    assert "可以不予行政处罚" in first.reason and "第三十三条第三款" in first.reason
    for missing in ("first_violation", "harm_slight", "corrected_in_time"):
        flags = {"first_violation": True, "harm_slight": True, "corrected_in_time": True, missing: False}
        assert no_penalty_suggestions(**flags, list_entries=LISTS) == []


def test_first_offence_off_the_list_is_still_suggested_as_discretion() -> None:
    found = no_penalty_suggestions(first_violation=True, harm_slight=True, corrected_in_time=True)
    assert found[0].on_list is False
    assert "未列入首违免罚清单" in found[0].reason


def test_minor_no_harm_corrected_is_no_penalty() -> None:
    found = no_penalty_suggestions(first_violation=False, harm_slight=False, corrected_in_time=True,
                                   minor=True, no_harm=True)
    assert [s.kind for s in found] == ["minor_no_penalty"]
    assert found[0].mandatory
    assert not no_penalty_suggestions(first_violation=False, harm_slight=True, corrected_in_time=True,
                                      minor=True, no_harm=False)


def test_both_suggestions_can_apply() -> None:
    found = no_penalty_suggestions(first_violation=True, harm_slight=False, corrected_in_time=True,
                                   minor=True, no_harm=True)
    assert [s.kind for s in found] == ["minor_no_penalty", "first_offence_no_penalty"]


# ------------------------------------------------------------------ the kinds the article provides

XF_01_TEXT = "单位……处五千元以上五万元以下罚款……个人有前款第二项、第三项行为之一的，处警告或者五百元以下罚款。"
XF_01_SANCTIONS = ["责令改正", "警告（个人）", "强制执行（经责令改正拒不改正的）"]


@pytest.mark.parametrize(
    ("penalty", "party", "text", "sanctions", "fines", "allowed"),
    [
        # GF-01: 责令改正，处以罚款，没收违法所得
        ("warning", PERSON, "责令改正，处以罚款，没收违法所得", ["责令改正", "没收违法所得"], DQ_02, False),
        ("confiscation", PERSON, "责令改正，处以罚款，没收违法所得", ["责令改正", "没收违法所得"], DQ_02, True),
        ("fine", PERSON, "责令改正，处以罚款，没收违法所得", [], DQ_02, True),
        # TD-01: 退还土地、拆除 only (the summary's “无罚款” does not count as naming a fine)
        ("fine", PERSON, "责令退还非法占用的土地，限期拆除（无罚款）", ["责令退还非法占用的土地"], [], False),
        # SR-01: 可以并处警告、罚款 without an amount
        ("warning", PERSON, "可以并处警告、罚款", ["警告"], [], True),
        ("fine", PERSON, "可以并处警告、罚款", ["警告"], [], True),
        ("revoke_licence", PERSON, "可以并处警告、罚款", ["警告"], [], False),
        # XF-01: 警告 for a person only
        ("warning", PERSON, XF_01_TEXT, XF_01_SANCTIONS, [], True),
        ("warning", ORG, XF_01_TEXT, XF_01_SANCTIONS, [], False),
        # a condition in the note is not a party: 警告（拒不改正的）
        ("warning", ORG, "拒不改正的，给予警告", ["警告（拒不改正的）"], [], True),
        # WH-01: 情节严重的，责令停业整顿，直至吊销
        ("suspend_business", ORG, "给予警告……情节严重的，责令停业整顿，直至吊销许可证",
         ["警告", "责令停业整顿（情节严重的）"], [], True),
    ],
)
def test_the_penalty_kind_must_be_one_the_article_provides(
    penalty: str, party: PartyKind, text: str, sanctions: list[str], fines: list[dict[str, Any]], allowed: bool
) -> None:
    verdict = check_penalty_kind(penalty, party, fines=fines, article_text=text, sanctions=sanctions,
                                 basis="《某法》第一条")
    assert verdict.allowed is allowed
    if not allowed:
        assert verdict.reason is not None and "第四条" in verdict.reason
        assert PENALTY_LABELS[PenaltyKind(penalty)] in verdict.reason and "《某法》第一条" in verdict.reason


def test_an_item_that_describes_no_penalty_cannot_be_checked_and_says_so() -> None:
    verdict = check_penalty_kind("warning", PERSON, fines=[], article_text="  ", sanctions=[])
    assert verdict.allowed and verdict.warnings and "无法核对" in verdict.warnings[0]
