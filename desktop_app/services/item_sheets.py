"""Sheets for the item list and the benchmarks: the fine-range mini-syntax of the 罚款幅度 cell and
reading/writing .xlsx and .csv (UTF-8 or GB18030, as Chinese Excel saves it). What export writes,
import reads back."""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.services.errors import InvalidInput, RowErrors

logger = logging.getLogger(__name__)


LIST_RULE = "文司发〔2024〕4号 第八条“一乡镇一清单”"
NO_PENALTY_RULE = "行政处罚法 第三十三条第一款"

PARTY_LABELS = {"any": "不限", "organisation": "单位", "person": "个人"}
UNIT_LABELS = {"yuan": "元", "yuan_per_sqm": "元/平方米", "multiple": "倍"}
TIER_LABELS = {"minor": "轻微", "general": "一般", "serious": "较重", "severe": "严重"}
NO_PENALTY_LABELS = {"minor_no_penalty": "轻微不罚", "first_offence_no_penalty": "首违免罚"}
_TIER_ORDER = {code: i for i, code in enumerate(TIER_LABELS)}

PARTY_WORDS = {
    **dict.fromkeys(("不限", "不区分", "任何", "any"), "any"),
    **dict.fromkeys(("单位", "组织", "法人", "organisation", "organization"), "organisation"),
    **dict.fromkeys(("个人", "自然人", "公民", "person"), "person"),
}
# unit text → (unit code, multiplier): 万元 is only a way of writing yuan.
UNIT_WORDS = {
    "": ("yuan", 1), "元": ("yuan", 1), "yuan": ("yuan", 1), "万元": ("yuan", 10000),
    "元/平方米": ("yuan_per_sqm", 1), "元/㎡": ("yuan_per_sqm", 1), "元/m2": ("yuan_per_sqm", 1),
    "元每平方米": ("yuan_per_sqm", 1), "yuan_per_sqm": ("yuan_per_sqm", 1),
    "倍": ("multiple", 1), "multiple": ("multiple", 1),
}
TIER_WORDS = {**{label: code for code, label in TIER_LABELS.items()}, **{c: c for c in TIER_LABELS}}
_BOOL_WORDS = {"是": True, "否": False, "y": True, "n": False, "yes": True, "no": False,
               "true": True, "false": False, "1": True, "0": False}
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,19}$")
_NUMBER = r"\d+(?:\.\d+)?"
_FINE_HEAD_RE = re.compile(
    rf"^(?:(?P<party>[^:：]+?)\s*[:：])?\s*(?P<min>{_NUMBER}万?)\s*(?:-|－|~|～|至|—)\s*(?P<max>{_NUMBER}万?)\s*"
    r"(?P<unit>[^()（）]*?)\s*(?:[（(](?P<base>[^()（）]+)[)）])?$"
)
# A new fine inside one line starts with "party:" or a number (so a note may contain "；").
_FINE_START_RE = re.compile(rf"\s*(?:(?:{'|'.join(map(re.escape, PARTY_WORDS))})\s*[:：]|{_NUMBER})", re.I)
_LIST_SPLIT_RE = re.compile(r"[;；\n]")




@dataclass(frozen=True)
class FineRange:
    """One fine range as the article states it (元, 元/平方米, or 倍 of a base such as 建设工程造价)."""

    party: str  # any | organisation | person
    party_label: str
    min: float
    max: float
    unit: str  # yuan | yuan_per_sqm | multiple
    unit_label: str
    base: str | None
    mandatory: bool  # 处 … 罚款 (True) or only 可以处 (False)
    precondition: str | None  # e.g. 拒不改正: the fine is possible only after it
    note: str | None
    source: str | None

# ---------------------------------------------------------------------------------------------
# The 罚款幅度 mini-syntax


def number(text: str) -> float:
    """“2000”, “0.075”, “1.5万” → 2000, 0.075, 15000 (an int where whole, so JSON stays tidy)."""
    text = text.strip()
    value = float(text[:-1]) * 10000 if text.endswith("万") else float(text)
    value = round(value, 10)
    return int(value) if value.is_integer() else value


def number_text(value: float) -> str:
    """An amount as written in a cell: 2000, 0.075 (never 1e+06)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def _split_fines(text: str) -> list[str]:
    if "\n" in text:
        return [s for s in (p.strip() for p in text.splitlines()) if s]
    parts: list[str] = []
    start = 0
    for m in re.finditer(r"[;；]", text):
        if _FINE_START_RE.match(text, m.end()):
            parts.append(text[start:m.start()])
            start = m.end()
    parts.append(text[start:])
    return [s for s in (p.strip() for p in parts) if s]


def parse_fines(text: str) -> list[dict[str, Any]]:
    """罚款幅度 → fine ranges. One range per line (or separated by “;”/“；”):

        [当事人:]下限-上限[单位][（基数）][|可以][|条件:…][|说明:…][|来源:…]

    当事人: 个人 | 单位 | 不限 (default 不限; person, organisation, any also work). 单位: 元 (default),
    万元, 元/平方米, 倍 — 倍 needs its base in brackets, e.g. ``0.05-0.1倍（建设工程造价）``. The fine is
    required (处…罚款) unless flagged 可以 (可以处…罚款); 条件 is what must come first (e.g. 拒不改正).
    Examples: ``个人:500-2000元;单位:10000-100000元``, ``any:0-20000``, ``不限:3-5倍（滥伐林木价值）|可以``.
    Raises ValueError with a Chinese message naming the part that is wrong."""
    fines: list[dict[str, Any]] = []
    for segment in _split_fines(text.strip()):
        head, *flags = (p.strip() for p in segment.split("|"))
        m = _FINE_HEAD_RE.match(head)
        if m is None:
            raise ValueError(f"罚款幅度“{head}”格式不对，"
                             "应如“个人:500-2000元”或“不限:0.05-0.1倍（建设工程造价）”")
        party_word = (m["party"] or "不限").strip()
        party = PARTY_WORDS.get(party_word) or PARTY_WORDS.get(party_word.lower())
        if party is None:
            raise ValueError(f"罚款幅度中的当事人“{party_word}”应为 个人、单位 或 不限")
        unit_word = m["unit"].strip()
        if unit_word not in UNIT_WORDS:
            raise ValueError(f"罚款幅度中的单位“{unit_word}”应为 元、万元、元/平方米 或 倍")
        unit, factor = UNIT_WORDS[unit_word]
        low, high = number(m["min"]) * factor, number(m["max"]) * factor  # 1-10万元 or 1万-10万元
        if low > high:
            raise ValueError(f"罚款幅度“{head}”的下限大于上限")
        base = (m["base"] or "").strip() or None
        if unit == "multiple" and base is None:
            raise ValueError(f"罚款幅度“{head}”按倍数计算，"
                             "须在括号中写明基数，如“0.05-0.1倍（建设工程造价）”")
        if unit != "multiple" and base is not None:
            raise ValueError(f"罚款幅度“{head}”：只有按倍数计算的罚款才写基数")
        fine: dict[str, Any] = {"party": party, "min": number(str(low)), "max": number(str(high)),
                                "unit": unit, "base": base, "mandatory": True, "precondition": None,
                                "note": None, "source": None}
        for flag in flags:
            kv = re.match(r"^([^:：]*)([:：])(.*)$", flag, re.S)
            key, sep, value = (kv[1].strip(), kv[2], kv[3].strip()) if kv else (flag, "", "")
            if not sep and key in ("可以", "optional"):
                fine["mandatory"] = False
            elif not sep and key in ("应当", "必须", "mandatory"):
                fine["mandatory"] = True
            elif sep and key in ("条件", "前提", "if") and value:
                fine["precondition"] = value
            elif sep and key in ("说明", "note") and value:
                fine["note"] = value
            elif sep and key in ("来源", "source") and value:
                fine["source"] = value
            else:
                raise ValueError(f"罚款幅度中的“{flag}”无法识别：可写“可以”“条件:…”“说明:…”“来源:…”")
        fines.append(fine)
    if any(f["party"] == "any" for f in fines) and any(f["party"] != "any" for f in fines):
        raise ValueError("罚款幅度不能同时有“不限”和“个人/单位”：请分别写明个人和单位的幅度")
    return fines


def _clean(text: str) -> str:
    return text.replace("|", "｜").replace("\r", " ").replace("\n", " ").strip()


def format_fine(f: dict[str, Any]) -> str:
    unit = f.get("unit", "yuan")
    party = PARTY_LABELS[f.get("party", "any")]
    head = f"{party}:{number_text(f['min'])}-{number_text(f['max'])}{UNIT_LABELS[unit]}"
    if f.get("base"):
        head += f"（{_clean(f['base'])}）"
    parts = [head]
    if not f.get("mandatory", True):
        parts.append("可以")
    for key, label in (("precondition", "条件"), ("note", "说明"), ("source", "来源")):
        if f.get(key):
            parts.append(f"{label}:{_clean(str(f[key]))}")
    return "|".join(parts)


def format_fines(fines: Iterable[dict[str, Any]]) -> str:
    """The 罚款幅度 cell: one range per line — what parse_fines reads back."""
    return "\n".join(format_fine(f) for f in fines)


def fine_summary(fines: Iterable[FineRange]) -> str:
    """A short phrase for screens: “个人 500-2000元；单位 10000-100000元”."""
    out = []
    for f in fines:
        who = "" if f.party == "any" else f"{f.party_label} "
        base = f"（{f.base}）" if f.base else ""
        cond = f"（{f.precondition}）" if f.precondition else ""
        out.append(f"{who}{number_text(f.min)}-{number_text(f.max)}{f.unit_label}{base}{cond}")
    return "；".join(out) or "未规定数额"


# ---------------------------------------------------------------------------------------------
# Sheets: .xlsx (first sheet, header row) or .csv (UTF-8 with or without BOM, or GB18030)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool  # the column must be there and its cells filled


ITEM_COLUMNS: tuple[Column, ...] = (
    Column("code", "编码", True),
    Column("name", "事项名称", True),
    Column("category", "类别", True),
    Column("violation_law", "违法依据法律", True),
    Column("violation_article", "违法依据条款", True),
    Column("violation_text", "违法依据内容", False),
    Column("penalty_law", "处罚依据法律", True),
    Column("penalty_article", "处罚依据条款", True),
    Column("penalty_text", "处罚依据内容", False),
    Column("penalty_summary", "处罚种类及幅度", True),
    Column("fines", "罚款幅度", False),  # empty: the article states no amount
    Column("other_sanctions", "其他措施", False),  # 责令改正, 没收, 拆除 … one per line or “；”
    Column("major", "是否重大", True),
    Column("continuing", "是否持续", True),
    Column("limitation_years", "追责时效（年）", False),  # empty: 2 (行政处罚法 第三十六条)
    Column("source", "来源", False),
)

BENCHMARK_COLUMNS: tuple[Column, ...] = (
    Column("item_code", "事项编码", True),
    Column("party", "当事人类型", True),  # 个人 | 单位 | 不限
    Column("tier", "裁量档次", True),  # 轻微 | 一般 | 较重 | 严重 (or minor … severe)
    Column("conditions", "情形", True),
    Column("fine_min", "罚款下限", True),
    Column("fine_max", "罚款上限", True),
    Column("unit", "单位", False),  # 元 (default) | 元/平方米 | 倍
    Column("base", "基数", False),  # for 倍: 建设工程造价 …
    Column("other_sanctions", "其他处罚", False),
)

LENGTHS = {"code": 20, "category": 60, "violation_law": 200, "violation_article": 100,
            "penalty_law": 200, "penalty_article": 100, "base": 60}


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _norm_header(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")").lower()


def _sheet_rows(path: Path) -> Iterator[list[str]]:
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput("文件", f"只能导入 .xlsx 或 .csv 文件，收到“{path.name}”")
    if not path.is_file():
        raise InvalidInput("文件", f"文件不存在：{path}")
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            # read_only streams the rows, so a large sheet is not held in memory at once.
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
            raise InvalidInput("文件", f"无法读取 Excel 文件“{path.name}”：{exc}") from None
        try:
            for values in wb.worksheets[0].iter_rows(values_only=True):
                yield [_cell_text(v) for v in values]
        finally:
            wb.close()
        return
    raw = path.read_bytes()
    # Chinese Excel saves “CSV” in GB18030 (GBK); UTF-8 is tried first, with or without BOM.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InvalidInput("文件", "文件编码无法识别：请另存为 UTF-8 或 GB18030 编码的 CSV")
    for row in csv.reader(io.StringIO(text, newline="")):
        yield [cell.strip() for cell in row]


def read_sheet(path: Path, columns: tuple[Column, ...], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as the spreadsheet shows it, {column key: cell text}) for every non-empty data row."""
    rows = _sheet_rows(path)
    header = next(rows, None)
    if header is None:
        raise InvalidInput("文件", f"{what}文件为空")
    index = {_norm_header(h): i for i, h in enumerate(header) if h}
    positions: dict[str, int] = {}
    for col in columns:
        pos = index.get(_norm_header(col.header))
        if pos is not None:
            positions[col.key] = pos
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing:
        raise RowErrors(what, [(1, f"表头缺少列：{'、'.join(missing)}（第一行应为列名）")])
    for number, row in enumerate(rows, start=2):
        if not any(row):
            continue
        yield number, {key: (row[pos] if pos < len(row) else "") for key, pos in positions.items()}


def write_sheet(path: Path, headers: list[str], rows: Iterable[list[Any]], title: str) -> None:
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput("文件", f"只能导出为 .xlsx 或 .csv 文件，收到“{path.name}”")
    try:
        if suffix == ".xlsx":
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet(title)
            ws.append(headers)
            for row in rows:
                ws.append(row)
            wb.save(path)
        else:
            # With a BOM, so that Excel opens the UTF-8 file with its Chinese intact.
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(headers)
                writer.writerows([_cell_text(c) for c in row] for row in rows)
    except OSError as exc:
        raise InvalidInput("文件", f"无法写入文件“{path}”：{exc.strerror or exc}") from None


def split_list(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _LIST_SPLIT_RE.split(text)) if s]


def parse_bool(text: str, header: str) -> bool:
    value = _BOOL_WORDS.get(text.strip().lower())
    if value is None:
        raise ValueError(f"{header}须填“是”或“否”，收到“{text}”")
    return value


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


