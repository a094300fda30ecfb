"""Pinyin order of party names (explorer F7: the 当事人 column sorted by code point)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.collation import pinyin_sort_key


def test_names_sort_by_pinyin_not_code_point() -> None:
    names = ["丁一", "万二", "于三", "任四", "何五", "侯六", "申七", "张八", "安九"]
    assert sorted(names, key=pinyin_sort_key) == ["安九", "丁一", "何五", "侯六", "任四", "申七", "万二", "于三", "张八"]
    # code point order would put 丁 (U+4E01) first and 安 (U+5B89) late
    assert sorted(names)[0] == "丁一"


def test_surname_readings() -> None:
    # 单 reads shàn and 曾 zēng as a surname: 单田芳 after 沙, 曾国藩 among the z's
    assert sorted(["单田芳", "沙宝亮", "丁力"], key=pinyin_sort_key) == ["丁力", "沙宝亮", "单田芳"]
    assert sorted(["曾国藩", "陈平", "赵六"], key=pinyin_sort_key) == ["陈平", "曾国藩", "赵六"]
    # an organisation's first character keeps its commonest reading
    assert pinyin_sort_key("单县建材有限公司").startswith("dan1")


def test_shorter_name_first_and_latin_among_letters() -> None:
    assert sorted(["张三丰", "张三"], key=pinyin_sort_key) == ["张三", "张三丰"]
    assert sorted(["文水县测试公司", "ABC公司", "白云"], key=pinyin_sort_key) == ["ABC公司", "白云", "文水县测试公司"]


def test_homophones_have_distinct_stable_keys() -> None:
    assert pinyin_sort_key("张三") != pinyin_sort_key("章三")
    assert pinyin_sort_key("张三") == pinyin_sort_key("张三")


@given(st.text(max_size=40))
def test_any_text_gives_a_key(text: str) -> None:
    key = pinyin_sort_key(text)
    assert isinstance(key, str) and key.endswith(text)
