"""Settings as an administrator types them: the telephone and the account number must look like one, the
font choice is one of three, numbers stay within their bounds (no period of 0 days, no simple-procedure
limit above 第五十一条's); the message names the setting and the rule."""

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
    ("threshold.simple_fine_person", "100", 100),
    ("threshold.simple_fine_organisation", "3000", 3000),
    ("security.idle_lock_minutes", "0", 0),  # 0: never lock
    ("training.legal_hours", "0", 0.0),  # no split by kind (河津)
])
def test_good_values(key: str, raw: str, value: object) -> None:
    assert parse_setting(key, raw) == value


@pytest.mark.parametrize(("key", "raw", "message"), [
    ("documents.office_phone", "找李明", "“文书所列联系电话”须为电话号码"),
    ("documents.office_phone", "123", "须为电话号码"),
    ("documents.payment_account_number", "农行 6228", "“罚没款缴款账号”须为银行账号"),
    ("documents.fonts", "仿宋", "“文书字体”须为 auto | bundled | windows 之一"),
    ("documents.fonts", "", "须为 auto | bundled | windows 之一"),
    # a period of no days would make every case overdue at once
    ("deadline.statement_working_days", "0", "“陈述申辩期限（工作日）”不能小于 1"),
    ("deadline.filing_working_days", "0", "不能小于 1"),
    # 第五十一条 sets the simple procedure's limits: a township may go lower, not higher
    ("threshold.simple_fine_person", "500", "不能大于 200.*第五十一条"),
    ("threshold.simple_fine_organisation", "3001", "不能大于 3000.*第五十一条"),
    ("threshold.hearing_fine_person", "0", "不能小于 1"),
    ("security.lockout_failures", "1", "“连续登录失败锁定次数”不能小于 3"),
    ("security.lockout_minutes", "0", "不能小于 1"),
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


NUMBER_KEYS = [spec.key for spec in SETTINGS_BY_KEY.values() if spec.kind in (int, float)]


@given(key=st.sampled_from(NUMBER_KEYS), value=st.integers(min_value=-10, max_value=100_000))
def test_a_number_is_taken_only_within_its_bounds(key: str, value: int) -> None:
    spec = SETTINGS_BY_KEY[key]
    inside = value >= max(0, spec.minimum or 0) and (spec.maximum is None or value <= spec.maximum)
    try:
        parsed = parse_setting(key, str(value))
    except ValueError as exc:
        assert not inside and spec.label in str(exc)
        return
    assert inside and parsed == value
