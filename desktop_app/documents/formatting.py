"""How values are written in documents: dates 2024年3月9日 (GB/T 9704: the year in full, no leading
zeros), money in figures and in capitals (人民币贰仟元整)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ["", "拾", "佰", "仟"]
SECTIONS = ["", "万", "亿", "万亿"]


def cn_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def cn_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日{value.hour}时{value.minute}分"


def money(value: Decimal | int | float | str | None) -> str:
    """2000 → "2000", 1234.5 → "1234.50" (元 is written by the form)."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount == amount.to_integral_value():
        return str(amount.quantize(Decimal(1)))
    return f"{amount:.2f}"


def _four(n: int) -> str:
    """0 < n < 10000 in capitals, with 零 for inner gaps."""
    out = ""
    zero = False
    for i in range(3, -1, -1):
        d = n // 10 ** i % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[d] + UNITS[i]
    return out


def money_words(value: Decimal | int | float | str | None) -> str:
    """Amount in capitals as on a receipt: 2000 → 贰仟元整, 1234.56 → 壹仟贰佰叁拾肆元伍角陆分."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount < 0:
        raise ValueError("金额不能为负")
    fen_total = int(amount * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    text = ""
    if yuan:
        groups: list[int] = []
        while yuan:
            groups.append(yuan % 10000)
            yuan //= 10000
        parts: list[str] = []
        need_zero = False
        for i in range(len(groups) - 1, -1, -1):
            g = groups[i]
            if g == 0:
                need_zero = bool(parts)
                continue
            if (need_zero or (parts and g < 1000)) and parts:
                parts.append("零")
            parts.append(_four(g) + SECTIONS[i])
            need_zero = False
        text = "".join(parts) + "元"
    if not jiao and not fen:
        return (text or "零元") + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    else:
        text += "整"
    return text
