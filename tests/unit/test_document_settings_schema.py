"""The documents' settings as an administrator types them: the telephone and the account number must look
like one, the font choice is one of three; the message names the setting and the rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.settings_schema import SETTINGS_BY_KEY, parse_setting

KEYS = ["documents.office_address", "documents.office_phone", "documents.office_contact", "documents.payment_bank",
        "documents.payment_account_name", "documents.payment_account_number", "documents.fonts"]


@pytest.mark.parametrize(("key", "raw", "value"), [
    ("documents.office_phone", " 0358-3456789 ", "0358-3456789"),
    ("documents.office_phone", "（0358）3456789", "（0358）3456789"),
    ("documents.payment_account_number", "1404 6101 0400 1234 5", "1404 6101 0400 1234 5"),
    ("documents.fonts", "windows", "windows"),
    ("documents.office_address", "文水县刘胡兰镇人民政府院内", "文水县刘胡兰镇人民政府院内"),
    ("documents.office_phone", "", None),
    ("documents.payment_bank", "未设置", None),
])
def test_good_values(key: str, raw: str, value: object) -> None:
    assert parse_setting(key, raw) == value


@pytest.mark.parametrize(("key", "raw", "message"), [
    ("documents.office_phone", "找李明", "“文书所列联系电话”须为电话号码"),
    ("documents.office_phone", "123", "须为电话号码"),
    ("documents.payment_account_number", "农行 6228", "“罚没款缴款账号”须为银行账号"),
    ("documents.fonts", "仿宋", "“文书字体”须为 auto | bundled | windows 之一"),
    ("documents.fonts", "", "须为 auto | bundled | windows 之一"),
])
def test_bad_values_are_refused_with_the_rule(key: str, raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_setting(key, raw)


@given(key=st.sampled_from(KEYS), raw=st.text(max_size=60))
def test_any_typed_value_is_taken_as_typed_or_refused_by_name(key: str, raw: str) -> None:
    spec = SETTINGS_BY_KEY[key]
    try:
        value = parse_setting(key, raw)
    except ValueError as exc:
        assert spec.label in str(exc)
        return
    assert value is None or value == raw.strip()
    if spec.choices and value is not None:
        assert value in spec.choices
