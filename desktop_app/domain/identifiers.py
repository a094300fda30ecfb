"""Identifiers a party gives us: 居民身份证号, 统一社会信用代码 and a telephone number.

Each ``validate_*`` function takes what the user typed and returns one :class:`IdCheck`:
whether the value is acceptable, its normalised form (the one to store), a refusal message, and
warnings that must be shown but never block saving. Messages are Chinese, name the field and the
rule, and are whole sentences (STYLE.md habit 8).

Check digits are computed with python-stdnum (``stdnum.cn.ric``, ``stdnum.cn.uscc``); its other
checks are deliberately *not* used as refusals (see procedure.md, "Working days and the holiday
calendar"): ``ric.validate`` refuses a number whose place code was not in force on the birth date,
yet such numbers exist, and ``uscc.validate`` refuses codes whose first two characters are letters,
such as the ``N2…`` codes of 农村集体经济组织.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from stdnum import numdb
from stdnum.cn import ric, uscc

__all__ = [
    "IdCheck",
    "birth_date_of",
    "mask_id",
    "mask_phone",
    "sex_of",
    "validate_credit_code",
    "validate_mobile_phone",
    "validate_resident_id",
]

_DIGITS = frozenset("0123456789")
# GB 32100-2015 §4.1: the code uses the digits and the capital letters except I, O, S, V, Z.
_CREDIT_CODE_CHARS = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")
_CREDIT_CODE_REFUSED_LETTERS = frozenset("IOSVZ")
# Separators people type inside a telephone number; full-width forms are folded by NFKC first.
_PHONE_SEPARATORS = str.maketrans("", "", " -()\t")


@dataclass(frozen=True)
class IdCheck:
    """The outcome of checking one identifier.

    ``ok`` false means refuse, with ``error`` saying why. ``normalized`` is the value to store
    (or, when refused, the input after the same clean-up, to show back to the user).
    ``warnings`` are shown but never block saving.
    """

    ok: bool
    normalized: str
    error: str | None = None
    warnings: tuple[str, ...] = ()


def _clean(value: str) -> str:
    """Fold full-width characters (typed with a Chinese IME) and drop all whitespace."""
    folded = unicodedata.normalize("NFKC", value)
    return "".join(ch for ch in folded if not ch.isspace())


def _refuse(normalized: str, error: str) -> IdCheck:
    return IdCheck(ok=False, normalized=normalized, error=error)


# --- 居民身份证号 ---------------------------------------------------------------------------


def validate_resident_id(value: str, today: date | None = None) -> IdCheck:
    """Check a 居民身份证号码 (citizen identity number, GB 11643-1999 公民身份号码).

    Accepted: 18 characters, 17 digits followed by the check character (a digit or ``X``);
    spaces are removed, full-width characters folded and a lower-case ``x`` becomes ``X``.
    Refused: a wrong length (including the 15-digit first-generation numbers, no longer valid),
    a non-digit in the first 17 places, a birth date (places 7-14) that is not a real date or is
    after ``today`` when ``today`` is given, and a wrong check character (GB 11643-1999 §8.2,
    ISO 7064 MOD 11-2: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, "10X98765432"[Σ mod 11]).
    Warned only: an address code (places 1-6) not found in python-stdnum's table of 行政区划代码 —
    codes are assigned at registration, so a code newer or older than the birth date is normal.
    """
    number = _clean(value).replace("x", "X")
    if not number:
        return _refuse(number, "居民身份证号码不能为空。")
    if len(number) == 15 and set(number) <= _DIGITS:
        return _refuse(number, "15位的第一代居民身份证号码已停止使用，请填写18位的居民身份证号码。")
    if len(number) != 18:
        return _refuse(number, f"居民身份证号码应为18位，现为{len(number)}位。")
    for position, ch in enumerate(number[:17], start=1):
        if ch not in _DIGITS:
            return _refuse(number, f"居民身份证号码第{position}位“{ch}”不是数字：前17位应全部为数字。")
    if number[17] not in _DIGITS and number[17] != "X":
        expected = ric.calc_check_digit(number)
        return _refuse(
            number, f"居民身份证号码第18位“{number[17]}”无效：校验位应为数字或 X，此号码应为 {expected}。"
        )

    birth = _birth_date_or_none(number)
    if birth is None:
        return _refuse(number, f"居民身份证号码中的出生日期 {number[6:14]} 不是有效日期（第7—14位）。")
    if today is not None and birth > today:
        return _refuse(number, f"居民身份证号码中的出生日期 {birth.isoformat()} 晚于今天（第7—14位）。")

    # stdnum's calc_check_digit takes the full 18 characters and ignores the last one.
    expected = ric.calc_check_digit(number)
    if number[17] != expected:
        return _refuse(number, f"居民身份证号码校验位不正确：应为 {expected}，现为 {number[17]}。")

    warnings: list[str] = []
    if not _place_code_known(number[:6]):
        warnings.append(f"居民身份证号码前6位行政区划代码 {number[:6]} 不在已知代码表中，请核对证件。")
    return IdCheck(ok=True, normalized=number, warnings=tuple(warnings))


def _birth_date_or_none(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def _place_code_known(code: str) -> bool:
    """Whether python-stdnum's table has a county for this 6-digit code, in any period.

    Never raises: if the table can't be read (a frozen build missing ``stdnum/cn/loc.dat``),
    the code counts as known — a missing table must not produce a warning on every number.
    """
    try:
        results = numdb.get("cn/loc").info(code)
    except (OSError, ValueError):
        return True
    return any("county" in props for _part, props in results)


def _valid_resident_id(id_no: str) -> str:
    check = validate_resident_id(id_no)
    if not check.ok:
        raise ValueError(check.error)
    return check.normalized


def birth_date_of(id_no: str) -> date:
    """The birth date in a 居民身份证号码 (places 7-14, GB 11643-1999 §5.2.2).

    Raises ValueError (with the Chinese refusal message) if the number is not valid.
    """
    number = _valid_resident_id(id_no)
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def sex_of(id_no: str) -> Literal["男", "女"]:
    """The sex (性别) in a 居民身份证号码: place 17, odd for men, even for women (GB 11643-1999 §5.3).

    Raises ValueError (with the Chinese refusal message) if the number is not valid.
    """
    number = _valid_resident_id(id_no)
    return "男" if int(number[16]) % 2 == 1 else "女"


# --- 统一社会信用代码 -------------------------------------------------------------------------


def validate_credit_code(value: str) -> IdCheck:
    """Check a 统一社会信用代码 (unified social credit code, GB 32100-2015).

    Accepted: 18 characters from 0-9 and A-H J-N P-R T U W X Y (GB 32100-2015 §4.1: no I, O, S,
    V, Z); spaces and hyphens are removed, full-width characters folded, letters upper-cased.
    Refused: a wrong length, a character outside that set (the message names it and its place),
    and a wrong 18th character (GB 32100-2015 §4.2 check: weights 1 3 9 27 19 26 16 17 20 29 25
    13 8 24 10 30 28, check = 31 − (Σ mod 31), 31 → 0).
    Warned only: places 3-8 (登记管理机关行政区划码) that are not all digits.
    """
    code = _clean(value).replace("-", "").upper()
    if not code:
        return _refuse(code, "统一社会信用代码不能为空。")
    if len(code) != 18:
        return _refuse(code, f"统一社会信用代码应为18位，现为{len(code)}位。")
    for position, ch in enumerate(code[:17], start=1):
        if ch in _CREDIT_CODE_REFUSED_LETTERS:
            return _refuse(
                code,
                f"统一社会信用代码第{position}位“{ch}”无效：代码不使用字母 I、O、S、V、Z。",
            )
        if ch not in _CREDIT_CODE_CHARS:
            return _refuse(
                code,
                f"统一社会信用代码第{position}位“{ch}”无效：只能使用数字和大写字母（不含 I、O、S、V、Z）。",
            )

    expected = uscc.calc_check_digit(code[:17])
    if code[17] in _CREDIT_CODE_REFUSED_LETTERS:
        return _refuse(
            code,
            f"统一社会信用代码第18位“{code[17]}”无效：代码不使用字母 I、O、S、V、Z，校验码应为 {expected}。",
        )
    if code[17] not in _CREDIT_CODE_CHARS:
        return _refuse(
            code,
            f"统一社会信用代码第18位“{code[17]}”无效：只能使用数字和大写字母，校验码应为 {expected}。",
        )
    if code[17] != expected:
        return _refuse(code, f"统一社会信用代码第18位校验码不正确：应为 {expected}。")

    warnings: list[str] = []
    if not set(code[2:8]) <= _DIGITS:
        warnings.append(
            f"统一社会信用代码第3—8位“{code[2:8]}”应为登记管理机关行政区划码（6位数字），请核对。"
        )
    return IdCheck(ok=True, normalized=code, warnings=tuple(warnings))


# --- 联系电话 ---------------------------------------------------------------------------------


def validate_mobile_phone(value: str) -> IdCheck:
    """Check a 联系电话: a mainland mobile number or a landline with its area code.

    Accepted, after removing spaces, hyphens and brackets and folding full-width characters:

    - a mobile number (手机号码): 11 digits ``1[3-9]xxxxxxxxx``, optionally preceded by ``+86``,
      ``86`` or ``0086``; stored as the 11 digits, e.g. ``13800138000``;
    - a landline (固定电话): area code (区号, starting with 0) + local number of 7 or 8 digits
      not starting with 0. The area code is 3 digits for ``010`` and ``02x`` and 4 digits otherwise
      (``0358``), which is how ``03584234567`` without a separator is read. Stored as
      ``区号-号码``, e.g. ``0358-4234567``.

    Not accepted: numbers without an area code, extensions (分机), service numbers (400, 95xxx,
    12345) and foreign numbers.
    """
    cleaned = _clean(value).translate(_PHONE_SEPARATORS)
    if not cleaned:
        return _refuse(cleaned, "联系电话不能为空。")
    digits = cleaned
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    else:
        if len(digits) == 13 and digits.startswith("861"):
            digits = digits[2:]
    if not set(digits) <= _DIGITS:
        return _refuse(cleaned, "联系电话只能包含数字（可用空格或“-”分隔）。")

    if digits.startswith("1"):
        if len(digits) == 11 and digits[1] in "3456789":
            return IdCheck(ok=True, normalized=digits)
        return _refuse(cleaned, "手机号码应为11位数字，以13—19开头。")

    if digits.startswith("0"):
        area_len = 3 if digits.startswith(("010", "02")) else 4
        area, local = digits[:area_len], digits[area_len:]
        if len(local) in (7, 8) and local[0] != "0":
            return IdCheck(ok=True, normalized=f"{area}-{local}")
        return _refuse(
            cleaned,
            f"固定电话应为区号加7—8位号码（如 0358-1234567），“{cleaned}”不符合。",
        )

    return _refuse(cleaned, "联系电话应为11位手机号码，或带区号的固定电话（如 0358-1234567）。")


# --- masking for logs and publicity ----------------------------------------------------------


def mask_id(value: str) -> str:
    """Mask an identifier for logs and 行政处罚决定公开 (publicity): keep the first 6 and last 4.

    ``11010519491231002X`` → ``110105********002X``. Anything of 10 characters or fewer is
    masked entirely, so a malformed value never leaks whole.
    """
    cleaned = _clean(value)
    if len(cleaned) <= 10:
        return "*" * len(cleaned)
    return cleaned[:6] + "*" * (len(cleaned) - 10) + cleaned[-4:]


def mask_phone(value: str) -> str:
    """Mask a telephone number for logs and publicity: keep the first 3 and last 4 characters.

    ``13800138000`` → ``138****8000``. Anything of 7 characters or fewer is masked entirely.
    """
    cleaned = _clean(value)
    if len(cleaned) <= 7:
        return "*" * len(cleaned)
    return cleaned[:3] + "*" * (len(cleaned) - 7) + cleaned[-4:]
