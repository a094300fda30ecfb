"""Tests for desktop_app.domain.identifiers (居民身份证号, 统一社会信用代码, 联系电话)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.identifiers import (
    IdCheck,
    birth_date_of,
    mask_id,
    mask_phone,
    sex_of,
    validate_credit_code,
    validate_mobile_phone,
    validate_resident_id,
)

# Computed here from GB 11643-1999 and GB 32100-2015, independently of python-stdnum.
RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RIC_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

no_db = settings(database=None, max_examples=300)


def ric_check(first17: str) -> str:
    return RIC_CHECK[sum(int(c) * w for c, w in zip(first17, RIC_WEIGHTS, strict=True)) % 11]


def uscc_check(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


# --- 居民身份证号 ---


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_resident_id_standard_examples_accepted(number: str) -> None:
    check = validate_resident_id(number)
    assert check == IdCheck(ok=True, normalized=number, error=None, warnings=check.warnings)


def test_resident_id_lower_case_x_and_spaces_normalised() -> None:
    check = validate_resident_id(" 110105 19491231 002x ")
    assert check.ok
    assert check.normalized == "11010519491231002X"


def test_resident_id_full_width_digits_normalised() -> None:
    check = validate_resident_id("１１０１０５１９４９１２３１００２ｘ")
    assert check.ok
    assert check.normalized == "11010519491231002X"


def test_resident_id_wrong_check_digit_says_what_it_should_be() -> None:
    check = validate_resident_id("110105194912310021")
    assert not check.ok
    assert check.error is not None
    assert "身份证号码校验位不正确：应为 X" in check.error


@pytest.mark.parametrize(
    "number",
    [
        "141121198001010012",  # 文水县's code since 2003, born 1980: stdnum refuses, we must not
        "142322198001010010",  # 文水县 before 2003
        "141121201001010017",
    ],
)
def test_resident_id_place_code_out_of_period_not_refused(number: str) -> None:
    check = validate_resident_id(number)
    assert check.ok, check.error
    assert check.error is None


def test_resident_id_unknown_place_code_only_warns() -> None:
    first17 = "99999919800101001"
    check = validate_resident_id(first17 + ric_check(first17))
    assert check.ok
    assert len(check.warnings) == 1
    assert "999999" in check.warnings[0]


def test_resident_id_known_place_code_has_no_warning() -> None:
    assert validate_resident_id("11010519491231002X").warnings == ()


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("", "不能为空"),
        ("11010519491231002", "应为18位，现为17位"),
        ("11010519491231002X1", "应为18位，现为19位"),
        ("110105491231002", "15位"),
        ("1101051949123100AX", "第17位“A”不是数字"),
        ("11010519491231002Y", "第18位“Y”无效：校验位应为数字或 X，此号码应为 X"),
    ],
)
def test_resident_id_malformed_refused_with_reason(number: str, fragment: str) -> None:
    check = validate_resident_id(number)
    assert not check.ok
    assert check.error is not None
    assert fragment in check.error


def test_resident_id_impossible_birth_date_refused() -> None:
    first17 = "11010519490231002"  # 31 February
    check = validate_resident_id(first17 + ric_check(first17))
    assert not check.ok
    assert check.error is not None
    assert "19490231" in check.error
    assert "不是有效日期" in check.error


def test_resident_id_birth_date_after_today_refused() -> None:
    first17 = "11010520300101001"
    number = first17 + ric_check(first17)
    assert validate_resident_id(number).ok  # no today given: only a real date is required
    check = validate_resident_id(number, today=date(2026, 11, 23))
    assert not check.ok
    assert check.error is not None
    assert "晚于今天" in check.error


def test_birth_date_and_sex_of() -> None:
    assert birth_date_of("11010519491231002x") == date(1949, 12, 31)
    assert sex_of("11010519491231002X") == "女"  # place 17 is 2
    assert sex_of("440524188001010014") == "男"  # place 17 is 1


def test_birth_date_of_invalid_number_raises_value_error() -> None:
    with pytest.raises(ValueError, match="校验位"):
        birth_date_of("110105194912310021")


@no_db
@given(st.text())
def test_resident_id_any_text_never_raises(text: str) -> None:
    check = validate_resident_id(text)
    assert check.ok == (check.error is None)


@no_db
@given(
    place=st.from_regex(r"[1-9][0-9]{5}", fullmatch=True),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 31)),
    order=st.integers(min_value=0, max_value=999),
    lower_x=st.booleans(),
)
def test_generated_valid_resident_id_always_passes(
    place: str, birth: date, order: int, lower_x: bool
) -> None:
    first17 = f"{place}{birth:%Y%m%d}{order:03d}"
    number = first17 + ric_check(first17)
    typed = number.lower() if lower_x else number
    check = validate_resident_id(typed, today=date(2026, 12, 31))
    assert check.ok, check.error
    assert check.normalized == number
    assert birth_date_of(number) == birth
    assert sex_of(number) == ("男" if order % 2 else "女")


@no_db
@given(
    first17=st.from_regex(r"[1-9][0-9]{5}19[0-9]{2}0[1-9]1[0-9][0-9]{3}", fullmatch=True),
    wrong=st.sampled_from("0123456789X"),
)
def test_resident_id_any_other_check_character_refused(first17: str, wrong: str) -> None:
    right = ric_check(first17)
    check = validate_resident_id(first17 + wrong)
    assert check.ok == (wrong == right)
    if wrong != right:
        assert check.error is not None
        assert f"应为 {right}" in check.error


# --- 统一社会信用代码 ---


def test_credit_code_standard_example_accepted() -> None:
    check = validate_credit_code("91350100M000100Y43")
    assert check.ok
    assert check.normalized == "91350100M000100Y43"
    assert check.warnings == ()


def test_credit_code_lower_case_spaces_and_hyphens_normalised() -> None:
    check = validate_credit_code(" 91350100-m000100y43 ")
    assert check.ok
    assert check.normalized == "91350100M000100Y43"


def test_credit_code_wrong_check_character_says_what_it_should_be() -> None:
    check = validate_credit_code("91350100M000100Y4Z")
    assert not check.ok
    assert check.error == "统一社会信用代码第18位“Z”无效：代码不使用字母 I、O、S、V、Z，校验码应为 3。"
    check = validate_credit_code("91350100M000100Y44")
    assert check.error == "统一社会信用代码第18位校验码不正确：应为 3。"


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_credit_code_refused_letters_named(letter: str) -> None:
    check = validate_credit_code(f"91350100M{letter}00100Y43")
    assert not check.ok
    assert check.error is not None
    assert f"第10位“{letter}”" in check.error


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("", "不能为空"),
        ("91350100M000100Y4", "应为18位，现为17位"),
        ("91350100M000100Y4#", "第18位“#”无效"),
    ],
)
def test_credit_code_malformed_refused_with_reason(code: str, fragment: str) -> None:
    check = validate_credit_code(code)
    assert not check.ok
    assert check.error is not None
    assert fragment in check.error


def test_credit_code_of_rural_collective_with_letters_first_accepted() -> None:
    # 农村集体经济组织 codes start with N2; python-stdnum's validate() would refuse them.
    first17 = "N2140000" + "MA0123456"
    assert validate_credit_code(first17 + uscc_check(first17)).ok


def test_credit_code_letters_in_region_part_only_warn() -> None:
    first17 = "9135A100M000100Y4"
    check = validate_credit_code(first17 + uscc_check(first17))
    assert check.ok
    assert len(check.warnings) == 1


@no_db
@given(st.text())
def test_credit_code_any_text_never_raises(text: str) -> None:
    check = validate_credit_code(text)
    assert check.ok == (check.error is None)


@no_db
@given(
    first17=st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17),
    lower=st.booleans(),
)
def test_generated_valid_credit_code_always_passes(first17: str, lower: bool) -> None:
    code = first17 + uscc_check(first17)
    check = validate_credit_code(code.lower() if lower else code)
    assert check.ok, check.error
    assert check.normalized == code


@no_db
@given(
    first17=st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17),
    last=st.sampled_from(USCC_ALPHABET),
)
def test_credit_code_any_other_check_character_refused(first17: str, last: str) -> None:
    assert validate_credit_code(first17 + last).ok == (last == uscc_check(first17))


# --- 联系电话 ---


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("１９９１２３４５６７８", "19912345678"),
        ("0358-1234567", "0358-1234567"),
        ("03584234567", "0358-4234567"),
        ("(0358)4234567", "0358-4234567"),
        ("0358-12345678", "0358-12345678"),
        ("010-62345678", "010-62345678"),
        ("02162345678", "021-62345678"),
    ],
)
def test_phone_accepted_and_normalised(typed: str, stored: str) -> None:
    check = validate_mobile_phone(typed)
    assert check.ok, check.error
    assert check.normalized == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12800138000",
        "1380013800",
        "138001380001",
        "4234567",
        "0358-123456",
        "0358-0234567",
        "1380013800a",
        "95588",
    ],
)
def test_phone_refused(typed: str) -> None:
    check = validate_mobile_phone(typed)
    assert not check.ok
    assert check.error is not None
    assert "电话" in check.error or "手机号码" in check.error


@no_db
@given(st.text())
def test_phone_any_text_never_raises(text: str) -> None:
    check = validate_mobile_phone(text)
    assert check.ok == (check.error is None)


@no_db
@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_generated_mobile_always_passes(number: str) -> None:
    assert validate_mobile_phone(number) == IdCheck(ok=True, normalized=number)


# --- masking ---


def test_mask_id_keeps_first_six_and_last_four() -> None:
    assert mask_id("11010519491231002X") == "110105********002X"
    assert mask_id("91350100M000100Y43") == "913501********0Y43"


def test_mask_short_values_entirely() -> None:
    assert mask_id("1234567890") == "**********"
    assert mask_phone("1234567") == "*******"


def test_mask_phone_keeps_first_three_and_last_four() -> None:
    assert mask_phone("13800138000") == "138****8000"


@no_db
@given(st.text())
def test_mask_never_reveals_middle(text: str) -> None:
    masked = mask_id(text)
    assert "*" in masked or masked == ""
