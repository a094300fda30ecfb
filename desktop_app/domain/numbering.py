"""Case numbers (案号) and document numbers (文号): formatting and parsing.

procedure.md ("Numbers"; "The standard documents"): the case number is
``{prefix}立字〔{year}〕第{n}号`` (文水刘立字〔2026〕第12号), gapless per township and year; a
document's 文号 is ``{prefix}{type}字〔{year}〕第{n}号`` (文水刘罚决字〔2024〕第3号), gapless per
township, type and year. Both patterns are settings (numbering.case_pattern,
numbering.document_pattern). Allocating the next ``n`` is the store's business, not this module's.

Parsing accepts what people type when they search: ASCII, full-width or square brackets instead of
the 六角括号 〔〕 (GB/T 9704), full-width digits and stray spaces.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

__all__ = [
    "CASE_PATTERN",
    "DOCUMENT_PATTERN",
    "DOCUMENT_TYPE_CODES",
    "CaseNumber",
    "DocumentNumber",
    "format_case_number",
    "format_document_number",
    "normalise",
    "parse_case_number",
    "parse_document_number",
]

CASE_PATTERN = "{prefix}立字〔{year}〕第{n}号"
DOCUMENT_PATTERN = "{prefix}{type}字〔{year}〕第{n}号"

# The type codes procedure.md names for the standard documents (立 is the case number's own).
DOCUMENT_TYPE_CODES: dict[str, str] = {
    "立": "立案",
    "保存": "证据先行登记保存通知书",
    "责改": "责令（限期）改正通知书",
    "罚告": "行政处罚事先告知书",
    "听告": "听证告知书",
    "罚决": "行政处罚决定书",
    "不罚": "不予行政处罚决定书",
    "催": "催告书",
    "移": "案件移送书",
}

_FIELDS = {"prefix", "type", "year", "n"}

_BRACKETS = str.maketrans(
    {
        "[": "〔", "［": "〔", "【": "〔", "(": "〔", "（": "〔", "〖": "〔",
        "]": "〕", "］": "〕", "】": "〕", ")": "〕", "）": "〕", "〗": "〕",
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
    }
)


@dataclass(frozen=True, order=True)
class CaseNumber:
    prefix: str
    year: int
    n: int

    def __str__(self) -> str:
        return format_case_number(self.prefix, self.year, self.n)


@dataclass(frozen=True, order=True)
class DocumentNumber:
    prefix: str
    type_code: str
    year: int
    n: int

    def __str__(self) -> str:
        return format_document_number(self.prefix, self.type_code, self.year, self.n)


def _fields(pattern: str) -> list[str]:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        raise ValueError(f"编号格式“{pattern}”中的花括号不成对（字段写作 {{prefix}}、{{year}}、{{n}} 等）") from None
    unknown = [name for name in names if name not in _FIELDS]
    if unknown:
        raise ValueError(f"编号格式“{pattern}”中有未知字段：{'、'.join(unknown)}")
    return names


def _check_pattern(pattern: str, required: set[str]) -> None:
    names = _fields(pattern)
    missing = sorted(required - set(names))
    if missing:
        raise ValueError(f"编号格式“{pattern}”缺少字段：{'、'.join('{' + m + '}' for m in missing)}")
    if len(names) != len(set(names)):
        raise ValueError(f"编号格式“{pattern}”中字段重复")


def check_case_pattern(pattern: str) -> None:
    """Refuse a 案号 pattern that could not number cases (an unknown or missing field, a repeated
    one, unbalanced braces): checked when the setting is saved, not at the first 立案."""
    format_case_number("文水刘", 2026, 1, pattern)


def check_document_pattern(pattern: str) -> None:
    """The same for the 文号 pattern: without {type} or {n} every document of a year would share one number."""
    format_document_number("文水刘", "罚决", 2026, 1, pattern)


def _check_values(prefix: str, year: int, n: int) -> None:
    if not prefix.strip():
        raise ValueError("编号前缀不能为空")
    if not 1900 <= year <= 9999:
        raise ValueError(f"年份“{year}”无效")
    if n < 1:
        raise ValueError(f"序号须为正整数，收到 {n}")


def format_case_number(prefix: str, year: int, n: int, pattern: str = CASE_PATTERN) -> str:
    """文水刘, 2026, 12 → 文水刘立字〔2026〕第12号. Raises ValueError for a bad pattern or value."""
    _check_pattern(pattern, {"prefix", "year", "n"})
    _check_values(prefix, year, n)
    return pattern.format(prefix=prefix, year=year, n=n, type="")


def format_document_number(
    prefix: str, type_code: str, year: int, n: int, pattern: str = DOCUMENT_PATTERN
) -> str:
    """文水刘, 罚决, 2024, 3 → 文水刘罚决字〔2024〕第3号. Raises ValueError for a bad value."""
    _check_pattern(pattern, {"prefix", "type", "year", "n"})
    _check_values(prefix, year, n)
    if not type_code.strip():
        raise ValueError("文书类型代字不能为空")
    return pattern.format(prefix=prefix, type=type_code, year=year, n=n)


def normalise(text: str) -> str:
    """Brackets to 〔〕, full-width digits to ASCII, spaces removed."""
    return re.sub(r"\s+", "", text.translate(_BRACKETS))


def _regex(pattern: str, prefix: str | None, type_codes: list[str] | None) -> re.Pattern[str]:
    parts: list[str] = []
    for literal, name, _spec, _conv in string.Formatter().parse(normalise(pattern)):
        parts.append(re.escape(literal))
        if name == "prefix":
            parts.append(f"(?P<prefix>{re.escape(prefix)})" if prefix else r"(?P<prefix>.+?)")
        elif name == "type":
            if type_codes:
                alternatives = "|".join(re.escape(c) for c in sorted(type_codes, key=len, reverse=True))
                parts.append(f"(?P<type>{alternatives})")
            else:
                parts.append(r"(?P<type>.+?)")
        elif name == "year":
            parts.append(r"(?P<year>\d{4})")
        elif name == "n":
            parts.append(r"(?P<n>\d+)")
    return re.compile("".join(parts))


def parse_case_number(text: str, pattern: str = CASE_PATTERN, prefix: str | None = None) -> CaseNumber:
    """文水刘立字〔2026〕第12号 → CaseNumber("文水刘", 2026, 12).

    ``prefix``: the township's prefix, when known, to accept only its numbers.
    Raises ValueError naming the expected form.
    """
    _check_pattern(pattern, {"prefix", "year", "n"})
    match = _regex(pattern, prefix, None).fullmatch(normalise(text))
    if match is None:
        example = format_case_number(prefix or "文水刘", 2026, 12, pattern)
        raise ValueError(f"案号“{text}”格式不对，应如：{example}")
    number = CaseNumber(match["prefix"], int(match["year"]), int(match["n"]))
    _check_values(number.prefix, number.year, number.n)
    return number


def parse_document_number(
    text: str,
    pattern: str = DOCUMENT_PATTERN,
    prefix: str | None = None,
    type_codes: list[str] | None = None,
) -> DocumentNumber:
    """文水刘罚决字〔2024〕第3号 → DocumentNumber("文水刘", "罚决", 2024, 3).

    Where the prefix meets the type code the text alone is ambiguous, so the split uses
    ``prefix`` when given, else the known type codes (``type_codes``, default
    DOCUMENT_TYPE_CODES; the longest that fits wins). Raises ValueError naming the expected form.
    """
    _check_pattern(pattern, {"prefix", "type", "year", "n"})
    codes = None if prefix else (type_codes if type_codes is not None else list(DOCUMENT_TYPE_CODES))
    match = _regex(pattern, prefix, codes).fullmatch(normalise(text))
    if match is None:
        example = format_document_number(prefix or "文水刘", "罚决", 2024, 3, pattern)
        raise ValueError(f"文号“{text}”格式不对，应如：{example}")
    number = DocumentNumber(match["prefix"], match["type"], int(match["year"]), int(match["n"]))
    _check_values(number.prefix, number.year, number.n)
    return number
