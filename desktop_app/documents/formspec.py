"""Form definitions (forms/*.toml): loading and validating them.

One file per document: its id, title, 文号 type code, kind (letter | table), the case states it applies
to, the fields it binds, its fixed wording, tables, signature and seal blocks, and its parts (归档联 /
送达联). Adding a document type is adding a file. A file with an unknown key, a missing part or a
binding to a path the context does not have is refused with a message naming the file and the place.

Templates: ``{path}`` is a bound value (an underlined blank when empty), ``{path:N}`` the same with a
blank N characters wide, ``{path:-}`` nothing when empty, ``{_:N}`` always a blank of N characters
(for handwriting), ``{path:date}`` a handwritten date "　　年　月　日" when empty, ``**text**`` is set in
the Hei face. In a table filled from a list, ``{row.field}``
names a field of the row.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.documents.bindings import FIELDS, FLAG, LIST, LISTS
from desktop_app.domain.case_states import CaseState

KINDS = ("letter", "table")
STATES = frozenset(s.value for s in CaseState)
DEFAULT_BLANK = 6
DATE_BLANK = -1  # Piece.blank: write "　　年　月　日" for the hand when the value is empty

# top-level keys and block keys; anything else is refused
FORM_KEYS = {"id", "title", "type_code", "kind", "order", "parts", "external", "editable", "description",
             "applies", "blocks", "page_foot", "page_numbers", "body_size", "cell_size", "preprinted_number",
             "copies_note", "defaults"}
APPLIES_KEYS = {"states", "called_for", "procedure", "when", "unless", "reason"}
COMMON_BLOCK_KEYS = {"type", "if", "unless"}
BLOCK_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # type: (required, optional)
    "heading": (set(), {"organ", "title", "number", "number_align"}),
    "paragraph": ({"text"}, {"indent", "align", "size", "bold", "space_before"}),
    "fields": ({"lines"}, {"size"}),
    "table": (set(), {"columns", "rows", "header_rows", "rows_from", "row", "min_rows", "size", "space_before"}),
    "signature": (set(), {"organ", "date", "seal"}),
    "sign_lines": ({"lines"}, {"align", "space_before", "size"}),
    "note": ({"text"}, {"size", "align"}),
    "spacer": ({"lines"}, set()),
    "page_break": (set(), set()),
}
CELL_KEYS = {"label", "value", "span", "height", "align", "sign", "valign", "size", "bold"}
PAGE_NUMBER_STYLES = ("dash", "of", "none")


class FormError(ValueError):
    """A form file that can't be used; the message names the file and the problem."""


# ------------------------------------------------------------------------------------ templates


@dataclass(frozen=True)
class Piece:
    kind: str  # text | field | blank
    text: str = ""  # literal text, or the path of a field
    blank: int | None = DEFAULT_BLANK  # width of the blank when empty (None: nothing)
    bold: bool = False


_TOKEN = re.compile(r"\{([^{}]*)\}|\*\*")


def parse_template(text: str, where: str, row_fields: Mapping[str, str] | None = None,
                   no_text: bool = False) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    bold = False
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            pieces.append(Piece("text", text[pos:m.start()], bold=bold))
        pos = m.end()
        if m.group(0) == "**":
            bold = not bold
            continue
        inner = m.group(1).strip()
        path, _, width = inner.partition(":")
        path = path.strip()
        width = width.strip()
        blank: int | None = DEFAULT_BLANK
        if width == "-":
            blank = None
        elif width == "date":
            blank = DATE_BLANK
        elif width:
            if not width.isdigit():
                raise FormError(f"{where}：占位符“{{{inner}}}”的空白宽度应为数字或“-”")
            blank = int(width)
        if path == "_":
            pieces.append(Piece("blank", "", blank or DEFAULT_BLANK, bold))
            continue
        if path.startswith("text.") and no_text:
            raise FormError(f"{where}：默认文字中不能再引用可编辑字段“{path}”")
        if path.startswith("row."):
            if row_fields is None:
                raise FormError(f"{where}：“{{{inner}}}”只能用在按列表填充的表格行中")
            if path[4:] not in row_fields:
                raise FormError(f"{where}：列表行没有字段“{path[4:]}”（可用：{'、'.join(row_fields)}）")
        elif path not in FIELDS:
            raise FormError(f"{where}：未知字段“{path}”")
        elif FIELDS[path][0] in (FLAG, LIST):
            raise FormError(f"{where}：字段“{path}”是条件或列表，不能直接填入文字")
        pieces.append(Piece("field", path, blank, bold))
    if "{" in text[pos:] or "}" in text[pos:]:
        raise FormError(f"{where}：花括号不成对")
    if pos < len(text):
        pieces.append(Piece("text", text[pos:], bold=bold))
    if bold:
        raise FormError(f"{where}：“**”不成对")
    return tuple(pieces)


def template_fields(pieces: Iterable[Piece]) -> list[str]:
    return [p.text for p in pieces if p.kind == "field"]


# ------------------------------------------------------------------------------------ the spec


@dataclass(frozen=True)
class CellSpec:
    label: tuple[Piece, ...] | None
    value: tuple[Piece, ...] | None
    span: int
    height: float  # mm
    align: str
    sign: tuple[Piece, ...] | None
    valign: str
    size: float | None
    bold: bool


@dataclass(frozen=True)
class Block:
    type: str
    if_: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    text: tuple[Piece, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    lines: tuple[tuple[tuple[Piece, ...], ...], ...] = ()  # fields: (label, value); sign_lines: (line,)
    columns: tuple[float, ...] = ()
    rows: tuple[tuple[CellSpec, ...], ...] = ()
    row: tuple[CellSpec, ...] = ()
    rows_from: str | None = None


@dataclass(frozen=True)
class Applies:
    states: frozenset[str]
    called_for: frozenset[str]
    procedure: str  # any | ordinary | simple
    when: tuple[str, ...]
    unless: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str
    type_code: str | None
    kind: str
    order: int
    parts: tuple[str, ...]
    external: bool
    editable: tuple[str, ...]
    description: str
    applies: Applies
    blocks: tuple[Block, ...]
    page_foot: tuple[Piece, ...] | None
    page_numbers: str
    body_size: float
    cell_size: float
    preprinted_number: bool
    copies_note: tuple[Piece, ...] | None
    defaults: Mapping[str, tuple[Piece, ...]]
    path: Path

    def bound_fields(self) -> list[str]:
        """Every path the form reads (templates and conditions)."""
        out: list[str] = []
        for b in self.blocks:
            out += [*b.if_, *b.unless, *template_fields(b.text)]
            for line in b.lines:
                for part in line:
                    out += template_fields(part)
            for cells in (*b.rows, b.row):
                for c in cells:
                    for t in (c.label, c.value, c.sign):
                        if t:
                            out += template_fields(t)
            if b.rows_from:
                out.append(b.rows_from)
        return list(dict.fromkeys(p for p in out if not p.startswith("row.")))


def _where(path: Path, part: str = "") -> str:
    return f"{path.name}{('：' + part) if part else ''}"


def _unknown(keys: Iterable[str], allowed: set[str], where: str) -> None:
    extra = sorted(set(keys) - allowed)
    if extra:
        raise FormError(f"{where}：未知字段“{'、'.join(extra)}”（可用：{'、'.join(sorted(allowed))}）")


def _str(raw: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise FormError(f"{where}：缺少“{key}”或不是文字")
    return value


def _flag_paths(value: Any, where: str, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise FormError(f"{where}：“{key}”应为字段路径或路径列表")
    for p in items:
        # a value path may be a condition too: any non-empty value counts as true
        if p not in FIELDS:
            raise FormError(f"{where}：“{key}”中有未知字段“{p}”")
    return tuple(items)


def _cell(raw: Any, where: str, row_fields: Mapping[str, str] | None) -> CellSpec:
    if not isinstance(raw, dict):
        raise FormError(f"{where}：表格单元格应写成 {{label = …}} 或 {{value = …}}")
    _unknown(raw, CELL_KEYS, where)
    if "label" not in raw and "value" not in raw and "sign" not in raw:
        raise FormError(f"{where}：单元格须有 label、value 或 sign")
    label = parse_template(raw["label"], where, row_fields) if "label" in raw else None
    value = parse_template(raw["value"], where, row_fields) if "value" in raw else None
    sign = parse_template(raw["sign"], where, row_fields) if "sign" in raw else None
    span = raw.get("span", 1)
    if not isinstance(span, int) or span < 1:
        raise FormError(f"{where}：span 应为正整数")
    align = raw.get("align", "center" if label is not None and value is None else "left")
    if align not in ("left", "center", "right", "justify"):
        raise FormError(f"{where}：align 应为 left、center、right 或 justify")
    valign = raw.get("valign", "middle" if label is not None and value is None else "top")
    if valign not in ("top", "middle"):
        raise FormError(f"{where}：valign 应为 top 或 middle")
    return CellSpec(label, value, span, float(raw.get("height", 0)), align, sign, valign,
                    float(raw["size"]) if "size" in raw else None, bool(raw.get("bold", False)))


def _row(raw: Any, where: str, ncols: int, row_fields: Mapping[str, str] | None) -> tuple[CellSpec, ...]:
    if not isinstance(raw, list) or not raw:
        raise FormError(f"{where}：表格行应为单元格列表")
    cells = tuple(_cell(c, f"{where}第{i + 1}格", row_fields) for i, c in enumerate(raw))
    total = sum(c.span for c in cells)
    if total != ncols:
        raise FormError(f"{where}：各格跨列之和为 {total}，应等于列数 {ncols}")
    return cells


def _block(raw: Any, n: int, path: Path) -> Block:
    where = _where(path, f"第{n}个块")
    if not isinstance(raw, dict) or "type" not in raw:
        raise FormError(f"{where}：缺少 type")
    btype = raw["type"]
    if btype not in BLOCK_KEYS:
        raise FormError(f"{where}：未知的块类型“{btype}”（可用：{'、'.join(BLOCK_KEYS)}）")
    where = _where(path, f"第{n}个块（{btype}）")
    required, optional = BLOCK_KEYS[btype]
    _unknown(raw, required | optional | COMMON_BLOCK_KEYS, where)
    missing = sorted(required - set(raw))
    if missing:
        raise FormError(f"{where}：缺少“{'、'.join(missing)}”")
    if_ = _flag_paths(raw.get("if", []), where, "if")
    unless = _flag_paths(raw.get("unless", []), where, "unless")
    options = {k: v for k, v in raw.items() if k not in {"type", "if", "unless", "text", "lines", "columns", "rows",
                                                           "row", "rows_from"}}
    text: tuple[Piece, ...] = ()
    if "text" in raw:
        text = parse_template(_str(raw, "text", where), where)
    lines: list[tuple[tuple[Piece, ...], ...]] = []
    if btype == "fields":
        for i, pair in enumerate(raw["lines"]):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise FormError(f"{where}：第{i + 1}行应为 [标签, 内容]")
            lines.append((parse_template(pair[0], where), parse_template(pair[1], where)))
    elif btype == "sign_lines":
        for line in raw["lines"]:
            if not isinstance(line, str):
                raise FormError(f"{where}：签名行应为文字")
            lines.append((parse_template(line, where),))
    elif btype == "spacer" and not isinstance(raw["lines"], int | float):
        raise FormError(f"{where}：lines 应为数字")
    columns: tuple[float, ...] = ()
    rows: tuple[tuple[CellSpec, ...], ...] = ()
    row: tuple[CellSpec, ...] = ()
    rows_from = None
    if btype == "table":
        cols = raw.get("columns")
        if not isinstance(cols, list) or not cols or not all(isinstance(c, int | float) and c > 0 for c in cols):
            raise FormError(f"{where}：缺少 columns（各列相对宽度）")
        columns = tuple(float(c) for c in cols)
        rows = tuple(_row(r, f"{where}第{i + 1}行", len(columns), None) for i, r in enumerate(raw.get("rows", [])))
        if "rows_from" in raw:
            rows_from = raw["rows_from"]
            if rows_from not in LISTS:
                raise FormError(f"{where}：rows_from 应为列表字段（{'、'.join(LISTS)}）")
            if "row" not in raw:
                raise FormError(f"{where}：按列表填充的表格须有 row（每行的单元格）")
            row = _row(raw["row"], f"{where}的 row", len(columns), LISTS[rows_from])
        elif "row" in raw:
            raise FormError(f"{where}：row 须与 rows_from 一起使用")
        if not rows and not row:
            raise FormError(f"{where}：表格没有行")
    return Block(btype, if_, unless, text, options, tuple(lines), columns, rows, row, rows_from)


def _applies(raw: Any, path: Path) -> Applies:
    where = _where(path, "applies")
    if not isinstance(raw, dict):
        raise FormError(f"{where}：缺少 [applies]（适用的案件状态）")
    _unknown(raw, APPLIES_KEYS, where)
    states = raw.get("states")
    if not isinstance(states, list) or not states:
        raise FormError(f"{where}：缺少 states（适用的案件状态）")
    bad = sorted(set(states) - STATES)
    if bad:
        raise FormError(f"{where}：未知的案件状态“{'、'.join(bad)}”")
    called = raw.get("called_for", [])
    bad = sorted(set(called) - set(states))
    if bad:
        raise FormError(f"{where}：called_for 中的状态“{'、'.join(bad)}”不在 states 中")
    procedure = raw.get("procedure", "any")
    if procedure not in ("any", "ordinary", "simple"):
        raise FormError(f"{where}：procedure 应为 any、ordinary 或 simple")
    return Applies(frozenset(states), frozenset(called), procedure, _flag_paths(raw.get("when", []), where, "when"),
                   _flag_paths(raw.get("unless", []), where, "unless"), str(raw.get("reason", "")))


def parse_form(raw: Mapping[str, Any], path: Path) -> FormSpec:
    where = _where(path)
    _unknown(raw, FORM_KEYS, where)
    form_id = _str(raw, "id", where)
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,39}", form_id):
        raise FormError(f"{where}：id“{form_id}”应为小写字母、数字和下划线（至多 40 个字符）")
    if path.stem != form_id:
        raise FormError(f"{where}：文件名应与 id 一致（{form_id}.toml）")
    title = _str(raw, "title", where)
    kind = _str(raw, "kind", where)
    if kind not in KINDS:
        raise FormError(f"{where}：kind 应为 letter 或 table")
    type_code = raw.get("type_code")
    if type_code is not None and (not isinstance(type_code, str) or not 1 <= len(type_code) <= 4):
        raise FormError(f"{where}：type_code 应为 1 至 4 个字的文号类型代字")
    parts = raw.get("parts", [])
    if parts and (not isinstance(parts, list) or len(parts) != 2 or not all(isinstance(p, str) and p for p in parts)):
        raise FormError(f"{where}：parts 应为两联的名称，如 [\"归档联\", \"送达联\"]")
    editable = raw.get("editable", [])
    for p in editable:
        if p not in FIELDS or not p.startswith("text."):
            raise FormError(f"{where}：editable 中“{p}”不是可编辑字段（text.…）")
    blocks_raw = raw.get("blocks")
    if not isinstance(blocks_raw, list) or not blocks_raw:
        raise FormError(f"{where}：缺少 blocks（文书内容）")
    blocks = tuple(_block(b, i + 1, path) for i, b in enumerate(blocks_raw))
    types = [b.type for b in blocks]
    # the parts every document must have
    if "heading" not in types:
        raise FormError(f"{where}：缺少标题块（type = \"heading\"）")
    if kind == "letter" and "signature" not in types:
        raise FormError(f"{where}：文书缺少署名、日期和印章位置（type = \"signature\"）")
    if kind == "table" and "table" not in types:
        raise FormError(f"{where}：表格类文书缺少表格（type = \"table\"）")
    page_numbers = raw.get("page_numbers", "dash")
    if page_numbers not in PAGE_NUMBER_STYLES:
        raise FormError(f"{where}：page_numbers 应为 {'、'.join(PAGE_NUMBER_STYLES)}")
    foot = raw.get("page_foot")
    copies = raw.get("copies_note")
    defaults_raw = raw.get("defaults", {})
    if not isinstance(defaults_raw, dict):
        raise FormError(f"{where}：defaults 应为“字段 = 默认文字”的表")
    defaults: dict[str, tuple[Piece, ...]] = {}
    for key, value in defaults_raw.items():
        if key not in FIELDS or not key.startswith("text."):
            raise FormError(f"{where}：defaults 中“{key}”不是可编辑字段（text.…）")
        if not isinstance(value, str):
            raise FormError(f"{where}：defaults 中“{key}”的默认值应为文字")
        defaults[key] = parse_template(value, _where(path, f"defaults.{key}"), no_text=True)
    spec = FormSpec(
        id=form_id, title=title, type_code=type_code, kind=kind, order=int(raw.get("order", 999)),
        parts=tuple(parts), external=bool(raw.get("external", False)), editable=tuple(editable),
        description=str(raw.get("description", "")), applies=_applies(raw.get("applies"), path), blocks=blocks,
        page_foot=parse_template(foot, _where(path, "page_foot")) if isinstance(foot, str) else None,
        page_numbers=page_numbers, body_size=float(raw.get("body_size", 16 if kind == "letter" else 14)),
        cell_size=float(raw.get("cell_size", 14)), preprinted_number=bool(raw.get("preprinted_number", False)),
        copies_note=parse_template(copies, _where(path, "copies_note")) if isinstance(copies, str) else None,
        defaults=defaults, path=path)
    for p in spec.editable:
        if p not in spec.bound_fields():
            raise FormError(f"{where}：可编辑字段“{p}”未在文书中使用")
    return spec


def load_form(path: Path) -> FormSpec:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FormError(f"{path.name}：TOML 格式错误：{exc}") from None
    except OSError as exc:
        raise FormError(f"{path.name}：无法读取：{exc.strerror or exc}") from None
    return parse_form(raw, path)


@dataclass
class _Cache:
    folder: Path | None = None
    stamp: tuple[tuple[str, float], ...] = ()
    forms: dict[str, FormSpec] = field(default_factory=dict)


_cache = _Cache()


def load_forms(folder: Path) -> dict[str, FormSpec]:
    """Every form in the folder by id, in case-file order; reloaded when a file changes."""
    files = sorted(folder.glob("*.toml"))
    stamp = tuple((f.name, f.stat().st_mtime) for f in files)
    if _cache.folder == folder and _cache.stamp == stamp:
        return _cache.forms
    forms: dict[str, FormSpec] = {}
    for f in files:
        spec = load_form(f)
        if spec.id in forms:
            raise FormError(f"{f.name}：id“{spec.id}”与 {forms[spec.id].path.name} 重复")
        forms[spec.id] = spec
    ordered = dict(sorted(forms.items(), key=lambda kv: (kv[1].order, kv[0])))
    _cache.folder, _cache.stamp, _cache.forms = folder, stamp, ordered
    return ordered
