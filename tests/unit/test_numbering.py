"""Tests for desktop_app.domain.numbering: 案号 and 文号."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.numbering import (
    CASE_PATTERN,
    DOCUMENT_PATTERN,
    DOCUMENT_TYPE_CODES,
    CaseNumber,
    DocumentNumber,
    format_case_number,
    format_document_number,
    normalise,
    parse_case_number,
    parse_document_number,
)
from desktop_app.domain.settings_schema import SETTINGS_BY_KEY, parse_setting


def test_default_patterns_are_the_settings_defaults() -> None:
    assert SETTINGS_BY_KEY["numbering.case_pattern"].default == CASE_PATTERN
    assert SETTINGS_BY_KEY["numbering.document_pattern"].default == DOCUMENT_PATTERN


def test_format_the_examples() -> None:
    assert format_case_number("文水刘", 2026, 12) == "文水刘立字〔2026〕第12号"
    assert format_document_number("文水刘", "罚决", 2024, 3) == "文水刘罚决字〔2024〕第3号"
    assert str(CaseNumber("文水刘", 2026, 12)) == "文水刘立字〔2026〕第12号"
    assert str(DocumentNumber("文水刘", "罚告", 2025, 7)) == "文水刘罚告字〔2025〕第7号"


def test_parse_the_examples() -> None:
    assert parse_case_number("文水刘立字〔2026〕第12号") == CaseNumber("文水刘", 2026, 12)
    assert parse_document_number("文水刘罚决字〔2024〕第3号") == DocumentNumber("文水刘", "罚决", 2024, 3)
    assert parse_document_number("文水刘不罚字〔2024〕第10号").type_code == "不罚"
    assert parse_document_number("孝义立新催字〔2025〕第1号") == DocumentNumber("孝义立新", "催", 2025, 1)


@pytest.mark.parametrize(
    "typed",
    [
        "文水刘立字[2026]第12号",
        "文水刘立字（2026）第12号",
        "文水刘立字【2026】第12号",
        "文水刘立字(２０２６)第１２号",
        " 文水刘立字 〔2026〕 第 12 号 ",
    ],
)
def test_parse_what_people_type(typed: str) -> None:
    assert parse_case_number(typed) == CaseNumber("文水刘", 2026, 12)


def test_normalise() -> None:
    assert normalise("文水刘罚决字［２０２４］第 3 号") == "文水刘罚决字〔2024〕第3号"


def test_prefix_containing_the_pattern_text() -> None:
    # a township named 立新: the prefix itself contains 立
    assert parse_case_number("文水立新立字〔2026〕第1号") == CaseNumber("文水立新", 2026, 1)


def test_parse_with_a_known_prefix() -> None:
    assert parse_case_number("文水刘立字〔2026〕第12号", prefix="文水刘").n == 12
    with pytest.raises(ValueError, match="格式不对"):
        parse_case_number("交城夏立字〔2026〕第12号", prefix="文水刘")
    # with the prefix known, any type code is accepted
    assert parse_document_number("文水刘勘字〔2026〕第2号", prefix="文水刘").type_code == "勘"


def test_unknown_type_without_the_prefix_is_refused() -> None:
    with pytest.raises(ValueError, match="文号“文水刘勘字〔2026〕第2号”格式不对，应如：文水刘罚决字〔2024〕第3号"):
        parse_document_number("文水刘勘字〔2026〕第2号")
    assert parse_document_number("文水刘勘字〔2026〕第2号", type_codes=["勘"]).prefix == "文水刘"


@pytest.mark.parametrize(
    "bad",
    ["", "文水刘立字〔26〕第12号", "文水刘立字〔2026〕第号", "文水刘罚决字〔2026〕第12号", "立字〔2026〕第12号",
     "文水刘立字〔2026〕第0号"],
)
def test_parse_refuses_other_text(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_case_number(bad)


def test_custom_patterns() -> None:
    pattern = "{prefix}〔{year}〕{type}{n}号"
    text = format_document_number("文水刘", "罚决", 2026, 5, pattern)
    assert text == "文水刘〔2026〕罚决5号"
    assert parse_document_number(text, pattern) == DocumentNumber("文水刘", "罚决", 2026, 5)
    padded = "{prefix}案〔{year}〕{n:03d}号"
    assert format_case_number("文水刘", 2026, 7, padded) == "文水刘案〔2026〕007号"
    assert parse_case_number("文水刘案〔2026〕007号", padded) == CaseNumber("文水刘", 2026, 7)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{prefix}立字〔{year}〕号", "缺少字段"),
        ("{prefix}立字〔{year}〕第{num}号", "未知字段"),
        ("{prefix}{n}立字〔{year}〕第{n}号", "字段重复"),
    ],
)
def test_bad_patterns(pattern: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        format_case_number("文水刘", 2026, 1, pattern)
    with pytest.raises(ValueError, match=message):
        parse_case_number("文水刘立字〔2026〕第1号", pattern)


def test_bad_values() -> None:
    with pytest.raises(ValueError, match="序号"):
        format_case_number("文水刘", 2026, 0)
    with pytest.raises(ValueError, match="前缀"):
        format_case_number(" ", 2026, 1)
    with pytest.raises(ValueError, match="年份"):
        format_case_number("文水刘", 26, 1)
    with pytest.raises(ValueError, match="代字"):
        format_document_number("文水刘", "", 2026, 1)
    with pytest.raises(ValueError, match="缺少字段"):
        format_document_number("文水刘", "罚决", 2026, 1, CASE_PATTERN)


def test_numbers_sort_by_prefix_year_and_n() -> None:
    numbers = [CaseNumber("文水刘", 2026, 10), CaseNumber("文水刘", 2025, 99), CaseNumber("文水刘", 2026, 9)]
    assert sorted(numbers) == [numbers[1], numbers[2], numbers[0]]


prefixes = st.text(alphabet="文水刘孝义汾阳交城胡兰开栅西槽头", min_size=1, max_size=6)
years = st.integers(2000, 2099)
ns = st.integers(1, 99999)


@settings(database=None, max_examples=200)
@given(prefix=prefixes, year=years, n=ns)
def test_case_number_round_trip(prefix: str, year: int, n: int) -> None:
    assert parse_case_number(format_case_number(prefix, year, n)) == CaseNumber(prefix, year, n)


@settings(database=None, max_examples=200)
@given(prefix=prefixes, code=st.sampled_from(sorted(DOCUMENT_TYPE_CODES)), year=years, n=ns)
def test_document_number_round_trip(prefix: str, code: str, year: int, n: int) -> None:
    text = format_document_number(prefix, code, year, n)
    assert parse_document_number(text) == DocumentNumber(prefix, code, year, n)
    assert parse_document_number(text, prefix=prefix) == DocumentNumber(prefix, code, year, n)


@pytest.mark.parametrize(("key", "typed", "fault"), [
    ("numbering.document_pattern", "{prefix}{bogus}", "未知字段：bogus"),
    ("numbering.document_pattern", "{prefix}{type}{year}", "缺少字段：{n}"),  # every 文号 of a year alike
    ("numbering.document_pattern", "{prefix}立字〔{year}〕第{n}号", "缺少字段：{type}"),
    ("numbering.case_pattern", "{prefix}立字〔{year}〕第{n}号{n}", "字段重复"),
    ("numbering.case_pattern", "{prefix立字〔{year}〕第{n}号", "花括号不成对"),
])
def test_a_pattern_that_cannot_number_is_refused_when_the_setting_is_saved(key: str, typed: str, fault: str) -> None:
    with pytest.raises(ValueError, match=fault):
        parse_setting(key, typed)


def test_the_default_patterns_pass_their_own_setting_check() -> None:
    assert parse_setting("numbering.case_pattern", CASE_PATTERN) == CASE_PATTERN
    assert parse_setting("numbering.document_pattern", DOCUMENT_PATTERN) == DOCUMENT_PATTERN
