"""Rendering a form with its bound values to PDF (reportlab), after GB/T 9704.

A4; margins 37 mm top, 28 mm left, 26 mm right, 35 mm bottom (版心 156 × 225 mm); letters in 三号
(16 pt) on a 28-character grid with 29 pt lines, tabular forms in 四号/小四 cells; title in a Hei face;
page numbers "— 1 —" in 宋体 四号 (odd pages right, even left), or "第 1 页 共 2 页" on 笔录. Every
font is a TrueType subset embedded in the file (the canvas starts in the body face, so not even an
unused Helvetica is referenced). The seal is stamped on paper: the space over the date is left empty.

Issued documents carry the check code (qr.py) top left; drafts carry a 草稿 mark instead. A form
with two parts renders both (归档联 then 送达联), each numbered from 1.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Spacer
from reportlab.platypus.flowables import Flowable

from desktop_app.documents.bindings import FIELDS, KEEP, lookup
from desktop_app.documents.fonts import FontSet, text_width
from desktop_app.documents.formspec import DATE_BLANK, Block, CellSpec, FormSpec, Piece, parse_template
from desktop_app.documents.grid import Cell, GridRow, GridTable
from desktop_app.documents.qr import CheckCode, draw_qr
from desktop_app.documents.textflow import AtomMemo, Para, ParaStyle, Run

PAGE_W, PAGE_H = A4
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
FOOT_BOTTOM = 47 * mm  # forms with a signature foot on every page (笔录)
FRAME_W = PAGE_W - LEFT - RIGHT
BODY_LEADING = 29.0  # 225 mm / 22 lines
BODY_TRACKING = -0.25  # 28 characters of 16 pt in 156 mm
TITLE_SIZE = 22.0  # 二号
IDEOGRAPHIC_SPACE = "\u3000"
DATE_FILL = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"


# ------------------------------------------------------------------------------------ resolving


@dataclass(frozen=True)
class RRun:
    """A resolved piece: literal text, a bound value, or a blank to fill by hand."""

    text: str
    kind: str  # text | value | blank
    bold: bool = False
    keep: bool = False


Resolved = tuple[RRun, ...]


def _value_text(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "是"
    return str(value).strip()


def resolve(pieces: Sequence[Piece], context: Mapping[str, Any], row: Mapping[str, Any] | None = None) -> Resolved:
    out: list[RRun] = []
    for p in pieces:
        if p.kind == "text":
            out.append(RRun(p.text, "text", p.bold))
        elif p.kind == "blank":
            if p.blank == DATE_BLANK:
                out.append(RRun(DATE_FILL, "text", p.bold, True))
            else:
                out.append(RRun(IDEOGRAPHIC_SPACE * (p.blank or 0), "blank", p.bold))
        else:
            if p.text.startswith("row."):
                # a list's table cell is itself the blank to fill: an empty field stays empty
                value = _value_text((row or {}).get(p.text[4:]))
                if not value:
                    continue
                keep = True
            else:
                value = _value_text(lookup(context, p.text))
                keep = FIELDS[p.text][0] == KEEP
            if value:
                out.append(RRun(value, "value", p.bold, keep and len(value) <= 40))
            elif p.blank == DATE_BLANK:
                out.append(RRun(DATE_FILL, "text", p.bold, True))
            elif p.blank:
                out.append(RRun(IDEOGRAPHIC_SPACE * p.blank, "blank", p.bold))
    return tuple(out)


def truthy(context: Mapping[str, Any], path: str) -> bool:
    value = lookup(context, path)
    return bool(value) and value not in ("0", "否")


def block_visible(block: Block, context: Mapping[str, Any]) -> bool:
    return all(truthy(context, p) for p in block.if_) and not any(truthy(context, p) for p in block.unless)


def plain(runs: Resolved) -> str:
    return "".join("＿" * len(r.text) if r.kind == "blank" else r.text for r in runs)


def resolved_content(form: FormSpec, context: Mapping[str, Any]) -> list[Any]:
    """The document's content as plain data: the resolved fields and the fixed wording, block by block.
    The check code's hash is computed over this (not over the PDF, which can't contain its own hash)."""
    out: list[Any] = [form.id, form.title]
    for b in form.blocks:
        if not block_visible(b, context):
            continue
        item: list[Any] = [b.type, plain(resolve(b.text, context))]
        for line in b.lines:
            item.append([plain(resolve(part, context)) for part in line])
        for cells in b.rows:
            item.append([[plain(resolve(t, context)) if t else "" for t in (c.label, c.value, c.sign)]
                         for c in cells])
        if b.rows_from:
            for row in lookup(context, b.rows_from) or []:
                item.append([[plain(resolve(t, context, row)) if t else "" for t in (c.label, c.value, c.sign)]
                             for c in b.row])
        if b.type == "heading":
            item += [plain(resolve(_heading_organ(b), context)), plain(resolve(_heading_number(b, form), context))]
        if b.type == "signature":
            item += [plain(resolve(_sig(b, "organ"), context)), plain(resolve(_sig(b, "date"), context))]
        out.append(item)
    return out


def content_sha256(form: FormSpec, context: Mapping[str, Any]) -> str:
    data = json.dumps(resolved_content(form, context), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _tpl(text: str) -> tuple[Piece, ...]:
    return parse_template(text, "内置")


_DEFAULT_ORGAN = _tpl("{township.government_name}")
_DEFAULT_NUMBER = _tpl("{doc.number:-}")
_DEFAULT_DATE = _tpl("{doc.date:date}")


def _heading_organ(b: Block) -> tuple[Piece, ...]:
    organ = b.options.get("organ")
    if organ == "":
        return ()
    return _tpl(organ) if isinstance(organ, str) else _DEFAULT_ORGAN


def _heading_number(b: Block, form: FormSpec) -> tuple[Piece, ...]:
    number = b.options.get("number")
    if isinstance(number, str):
        return _tpl(number)
    return _DEFAULT_NUMBER if form.type_code or form.preprinted_number else ()


def _sig(b: Block, key: str) -> tuple[Piece, ...]:
    value = b.options.get(key)
    if isinstance(value, str):
        return _tpl(value)
    return _DEFAULT_ORGAN if key == "organ" else _DEFAULT_DATE


# ------------------------------------------------------------------------------------ flowables


class _Builder:
    def __init__(self, form: FormSpec, context: Mapping[str, Any], fonts: FontSet, memo: AtomMemo,
                 squeeze: float = 1.0) -> None:
        self.memo = memo
        self.form = form
        self.ctx = context
        self.fonts = fonts
        self.squeeze = squeeze  # < 1 tightens the lines so the last lines and the seal need no page of their own
        letter = form.kind == "letter"
        self.size = form.body_size if letter else form.cell_size
        base = BODY_LEADING if letter and self.size == 16 else self.size * 1.55
        self.leading = round(base * squeeze, 2)
        self.tracking = BODY_TRACKING if letter and self.size == 16 else 0.0
        self.body = ParaStyle(fonts.body, self.size, self.leading, "justify", first_indent=2 * (self.size + self.tracking),
                              char_space=self.tracking)

    def runs(self, resolved: Resolved, size: float | None = None) -> list[Run]:
        out = []
        for r in resolved:
            font = self.fonts.hei if r.bold else None
            out.append(Run(r.text, font=font, size=size, underline=r.kind == "blank",
                           keep=r.keep or r.kind == "blank"))
        return out

    def paras(self, resolved: Resolved, style: ParaStyle, size: float | None = None) -> list[Para]:
        """One paragraph per line of the text (bound facts may hold several paragraphs)."""
        groups: list[list[Run]] = [[]]
        for run in self.runs(resolved, size):
            pieces = run.text.split("\n")
            for i, piece in enumerate(pieces):
                if i:
                    groups.append([])
                if piece:
                    groups[-1].append(Run(piece, run.font, run.size, run.underline, run.keep))
        # a line of only a blank (to fill by hand) is kept; an empty line is not
        return [Para(g, style, self.fonts, memo=self.memo) for g in groups
                if any(r.text.strip() or r.underline for r in g)]

    def build(self) -> list[Flowable]:
        story: list[Flowable] = []
        for b in self.form.blocks:
            if not block_visible(b, self.ctx):
                continue
            handler: Callable[[Block], list[Flowable]] = getattr(self, f"_b_{b.type}")
            made = handler(b)
            if b.type == "signature" and story:
                # GB/T 9704: never a seal on an otherwise empty page — the last lines of text go along
                last = story.pop()
                story += last.keep_last_lines_with_next(FRAME_W) if isinstance(last, Para) else [last]
                story[-1].keepWithNext = True
            story += made
        # what follows the signature (signature lines, notes) stays on its page: nothing trails alone
        tail = next((i for i in range(len(story) - 1, -1, -1) if getattr(story[i], "_ed_signature", False)), None)
        if tail is not None:
            for f in story[tail:-1]:
                f.keepWithNext = True
        story.append(_SignatureMark())
        return story

    # -- blocks
    def _b_heading(self, b: Block) -> list[Flowable]:
        out: list[Flowable] = []
        organ = resolve(_heading_organ(b), self.ctx)
        title_text = b.options.get("title", self.form.title)
        title = resolve(_tpl(title_text), self.ctx)
        title_style = ParaStyle(self.fonts.hei, TITLE_SIZE, TITLE_SIZE * 1.45, "center", char_space=1.0)
        if organ:
            out.append(Para(self.runs(organ), ParaStyle(self.fonts.hei, TITLE_SIZE, TITLE_SIZE * 1.45, "center"),
                            self.fonts))
        out.append(Para(self.runs(title), title_style, self.fonts))
        number = resolve(_heading_number(b, self.form), self.ctx)
        align = b.options.get("number_align", "center" if self.form.kind == "letter" else "right")
        size = 16.0 if self.form.kind == "letter" else 12.0
        if number:
            out.append(Spacer(1, 6))
            out.append(Para(self.runs(number), ParaStyle(self.fonts.body, size, size * 1.6, align), self.fonts))
        out.append(Spacer(1, self.leading * (0.6 if self.form.kind == "letter" else 0.3)))
        return out

    def _style(self, b: Block) -> ParaStyle:
        size = float(b.options.get("size", self.size))
        indent = b.options.get("indent", True)
        align = b.options.get("align", "justify")
        leading = self.leading if size == self.size else round(size * 1.6 * self.squeeze, 2)
        tracking = self.tracking if size == self.size else 0.0
        first = 2 * (size + tracking) if indent else 0.0
        space = float(b.options.get("space_before", 0)) * leading
        font = self.fonts.hei if b.options.get("bold") else self.fonts.body
        return ParaStyle(font, size, leading, align, first_indent=first, char_space=tracking, space_before=space)

    def _b_paragraph(self, b: Block) -> list[Flowable]:
        style = self._style(b)
        paras = self.paras(resolve(b.text, self.ctx), style)
        if paras and style.space_before:
            paras[0].spaceBefore = style.space_before
            for p in paras[1:]:
                p.spaceBefore = 0
        return list(paras)

    def _b_fields(self, b: Block) -> list[Flowable]:
        size = float(b.options.get("size", self.size))
        style = ParaStyle(self.fonts.body, size, self.leading if size == self.size else size * 1.6, "left",
                          char_space=self.tracking if size == self.size else 0.0)
        out: list[Flowable] = []
        for label, value in b.lines:
            runs = (*resolve(label, self.ctx), RRun("：", "text"), *resolve(value, self.ctx))
            out += self.paras(runs, style)
        return out

    def _b_signature(self, b: Block) -> list[Flowable]:
        organ = resolve(_sig(b, "organ"), self.ctx)
        date = resolve(_sig(b, "date"), self.ctx)
        size = 16.0 if self.form.kind == "letter" else self.size
        # GB/T 9704: 成文日期 右空四字; the 署名 centred over it; the seal, stamped on paper, covers both
        date_w = text_width(self.fonts.body, plain(date).replace("＿", IDEOGRAPHIC_SPACE), size)
        organ_w = text_width(self.fonts.body, plain(organ), size)
        right_date = 4 * size
        right_organ = max(right_date + (date_w - organ_w) / 2, 0.0)
        # GB/T 9704: the seal's top within one line of the text, the date low in the seal — one empty
        # line above the organ's name; without a seal half a line
        seal_space = self.leading if b.options.get("seal", True) else self.leading / 2
        space = Spacer(1, seal_space)
        organ_para = Para(self.runs(organ), ParaStyle(self.fonts.body, size, self.leading, "right",
                                                      right_indent=right_organ), self.fonts)
        date_para = Para(self.runs(date), ParaStyle(self.fonts.body, size, self.leading, "right",
                                                    right_indent=right_date), self.fonts)
        date_para._ed_signature = True
        # kept together (and with the text before it, see build) by keepWithNext, which reportlab
        # groups into one block; a KeepTogether here would not join that group
        space.keepWithNext = True
        organ_para.keepWithNext = True
        return [space, organ_para, date_para]

    def _b_sign_lines(self, b: Block) -> list[Flowable]:
        size = float(b.options.get("size", self.size))
        align = b.options.get("align", "left")
        space = float(b.options.get("space_before", 1)) * self.leading
        style = ParaStyle(self.fonts.body, size, self.leading if size == self.size else size * 1.8, align)
        out: list[Flowable] = []
        for (line,) in b.lines:
            out += self.paras(resolve(line, self.ctx), style)
        if out:
            out[0].spaceBefore = space
        for f in out[:-1]:
            f.keepWithNext = True  # one block (a KeepTogether would not join a keepWithNext group)
        return list(out)

    def _note_paras(self, resolved: Resolved, options: Mapping[str, Any]) -> list[Flowable]:
        size = float(options.get("size", 12))
        style = ParaStyle(self.fonts.body, size, size * 1.6, str(options.get("align", "left")),
                          space_before=size * 0.8)
        return list(self.paras(resolved, style))

    def _b_note(self, b: Block) -> list[Flowable]:
        return self._note_paras(resolve(b.text, self.ctx), b.options)

    def _b_spacer(self, b: Block) -> list[Flowable]:
        lines = b.options.get("lines", 1)
        return [Spacer(1, float(lines) * self.leading)]

    def _b_page_break(self, b: Block) -> list[Flowable]:
        return [PageBreak()]

    def _b_table(self, b: Block) -> list[Flowable]:
        size = float(b.options.get("size", self.form.cell_size))
        total = sum(b.columns)
        widths = [FRAME_W * c / total for c in b.columns]
        rows = [self._grid_row(cells, size, None) for cells in b.rows]
        if b.rows_from:
            items = lookup(self.ctx, b.rows_from) or []
            for item in items:
                rows.append(self._grid_row(b.row, size, item))
            for _ in range(max(int(b.options.get("min_rows", 0)) - len(items), 0)):
                rows.append(self._grid_row(b.row, size, {}, blank=True))
        table = GridTable(widths, rows, int(b.options.get("header_rows", 0)), size)
        space = float(b.options.get("space_before", 0)) * size
        return [Spacer(1, space), table] if space else [table]

    def _grid_row(self, cells: Sequence[CellSpec], size: float, row: Mapping[str, Any] | None,
                  blank: bool = False) -> GridRow:
        out: list[Cell] = []
        for c in cells:
            csize = c.size or size
            leading = round(csize * 1.5 * self.squeeze, 2)
            content: list[Flowable] = []
            font = self.fonts.hei if c.bold else self.fonts.body
            style = ParaStyle(font, csize, leading, c.align)
            if c.label is not None:
                content += self.paras(resolve(c.label, self.ctx, row), style)
            if c.value is not None and not blank:
                vstyle = ParaStyle(self.fonts.body, csize, leading, c.align if c.label is None else "left")
                content += self.paras(resolve(c.value, self.ctx, row), vstyle)
            sign = None
            if c.sign is not None and not blank:
                signs = self.paras(resolve(c.sign, self.ctx, row), ParaStyle(self.fonts.body, csize, leading, "right"))
                sign = signs[0] if signs else None
            min_h = c.height * mm * self.squeeze if c.height else leading + 6
            out.append(Cell(c.span, content, sign, min_h, c.valign))
        return GridRow(out)


# ------------------------------------------------------------------------------------ pages


class _SignatureMark(Flowable):  # type: ignore[misc]
    """Zero-size, at the end of each part: records where the text (through the signature) ended."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        marks = getattr(canvas, "_ed_signatures", None)
        if marks is not None:
            marks.append((getattr(canvas, "_ed_part", 0), canvas.getPageNumber(), y))

    def draw(self) -> None:
        pass


class _PartMarker(Flowable):  # type: ignore[misc]
    """Zero-size: tells the canvas which part (联) the following pages belong to."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._ed_part = self.index


@dataclass(frozen=True)
class PageDecor:
    fonts: FontSet
    form: FormSpec
    parts: tuple[str, ...]
    draft: bool
    check: CheckCode | None
    void: bool
    foot: Resolved | None
    copies: Resolved | None  # printed at the foot of each part's last page


def _canvas_class(decor: PageDecor, marks: list[tuple[int, int, float]]) -> type[Canvas]:
    class DocCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._ed_part = 0
            self._ed_signatures = marks
            self._ed_pages: list[tuple[dict[str, Any], int]] = []

        def showPage(self) -> None:
            self._ed_pages.append((dict(self.__dict__), self._ed_part))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for _, part in self._ed_pages:
                totals[part] = totals.get(part, 0) + 1
            seen: dict[int, int] = {}
            for state, part in self._ed_pages:
                self.__dict__.update(state)
                seen[part] = seen.get(part, 0) + 1
                _decorate(self, decor, part, seen[part], totals[part])
                Canvas.showPage(self)
            Canvas.save(self)

    return DocCanvas


def _decorate(c: Canvas, d: PageDecor, part: int, page: int, total: int) -> None:
    fonts = d.fonts
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    if d.form.page_numbers == "dash":
        label = f"— {page} —"
        c.setFont(fonts.song, 14)
        y = BOTTOM - 7 * mm - 14 * 0.8
        if page % 2:
            c.drawRightString(PAGE_W - RIGHT - 14, y, label)
        else:
            c.drawString(LEFT + 14, y, label)
    elif d.form.page_numbers == "of":
        c.setFont(fonts.body, 12)
        c.drawCentredString(PAGE_W / 2, 20 * mm, f"第 {page} 页　共 {total} 页")
    if d.foot is not None:
        foot = Para([Run(r.text, underline=r.kind == "blank", keep=r.kind != "text") for r in d.foot],
                    ParaStyle(fonts.body, 12, 18, "left"), fonts)
        _, h = foot.wrap(FRAME_W, 100)
        foot.drawOn(c, LEFT, FOOT_BOTTOM - 4 * mm - h)  # under the text, above the page number
    if d.copies is not None and page == total:
        # between the text and the page number (whose top is 7 mm under the text): 4 mm down leaves
        # about 2.5 mm clear of the number, which an even page prints on the same (left) side
        c.setFont(fonts.body, 10.5)
        c.drawString(LEFT, BOTTOM - 4 * mm, plain(d.copies))
    if d.parts:
        label = f"第{'一二三'[part] if part < 3 else part + 1}联　{d.parts[part]}"
        c.setFont(fonts.hei, 12)
        w = text_width(fonts.hei, label, 12)
        x = PAGE_W - RIGHT - w
        y = PAGE_H - 20 * mm
        c.drawString(x, y, label)
        c.setLineWidth(0.6)
        c.rect(x - 4, y - 4, w + 8, 12 + 7, stroke=1, fill=0)
    if d.check is not None and page == 1 and not d.draft:
        size = 21 * mm
        x, y = LEFT - 1 * mm, PAGE_H - 8 * mm - size
        draw_qr(c, d.check.payload(), x, y, size)
        c.setFont(fonts.song, 7)
        c.setFillColorRGB(0.25, 0.25, 0.25)
        lines = ["扫码核验：与登记簿比对", f"文书 {d.check.document_id[:18]}",
                 f"内容 {d.check.content_sha256[:16]}"]
        for i, text in enumerate(lines):
            c.drawString(x + size + 2 * mm, y + size - 8 - i * 9, text)
    mark = "草　稿" if d.draft else ("作　废" if d.void else None)
    if mark is not None:
        c.setFillColorRGB(0, 0, 0)
        c.setFont(fonts.hei, 12)
        label = "草稿（未签发，不得送达）" if d.draft else "已作废（仅供存档查阅）"
        if d.draft:
            c.drawString(LEFT, PAGE_H - 20 * mm, label)
        else:  # the check code and its caption hold the left of the top margin
            c.drawCentredString(PAGE_W / 2, PAGE_H - 20 * mm, label)
        c.setFillColorRGB(0.55, 0.55, 0.55)
        c.setFillAlpha(0.18)
        c.setFont(fonts.hei, 96)
        c.translate(PAGE_W / 2, PAGE_H / 2)
        c.rotate(35)
        c.drawCentredString(0, -30, mark)
    c.restoreState()


SQUEEZE_LIMIT = 0.82  # GB/T 9704: 22 lines, "may be adjusted"; at most about 5 lines more on a page


def render_pdf(form: FormSpec, context: Mapping[str, Any], fonts: FontSet, *, draft: bool,
               check: CheckCode | None = None, parts: bool = True, void: bool = False) -> bytes:
    """The PDF of one document. ``context`` is the binding context (bindings.FIELDS); with ``parts``
    a two-part form renders 归档联 and 送达联 one after the other; ``void`` marks a voided document 作废.

    When the last page of a part would hold only a few lines (and the seal), the lines are set a little
    tighter so they fit on the pages before (GB/T 9704: tighten rather than leave the seal alone)."""
    memo: AtomMemo = {}
    first = _build(form, context, fonts, draft, void, check, parts, 1.0, memo)
    if first.overflow > 0 and first.scalable > 0:
        # the lines and table rows give up what the overflow needs (with a little to spare)
        factor = 1.0 - first.overflow / first.scalable - 0.02
        if factor >= SQUEEZE_LIMIT:
            two_parts = parts and bool(form.parts)
            # tried on the first part alone (half the work): the parts are laid out alike
            trial = _build(form, context, fonts, draft, void, check, parts and not two_parts, factor, memo)
            if trial.page < first.page:
                if not two_parts:
                    return trial.data
                return _build(form, context, fonts, draft, void, check, parts, factor, memo).data
    return first.data


@dataclass(frozen=True)
class _Layout:
    data: bytes
    page: int  # the page of the first part its text ends on
    overflow: float  # how far the text runs onto that page beyond what the pages before left free
    scalable: float  # the height of lines and table rows in the first part (what a tighter setting shrinks)


def _build(form: FormSpec, context: Mapping[str, Any], fonts: FontSet, draft: bool, void: bool,
           check: CheckCode | None, parts: bool, squeeze: float, memo: AtomMemo) -> _Layout:
    part_names = form.parts if parts else ()
    story: list[Flowable] = []
    first_story: list[Flowable] = []
    for i, name in enumerate(part_names or ("",)):
        ctx = _with_part(context, name, i)
        if i:
            story.append(PageBreak())
        story.append(_PartMarker(i))
        made = _Builder(form, ctx, fonts, memo, squeeze).build()
        if i == 0:
            first_story = list(made)
        story += made
    foot = resolve(form.page_foot, context) if form.page_foot is not None else None
    bottom = FOOT_BOTTOM if foot is not None else BOTTOM
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP, bottomMargin=bottom,
                          title=_title(form, context), author=str(lookup(context, "township.government_name") or ""),
                          subject=form.title, creator="乡镇综合行政执法办案系统", initialFontName=fonts.body,
                          initialFontSize=16, invariant=1, lang="zh-CN")
    frame_h = PAGE_H - TOP - bottom
    frame = Frame(LEFT, bottom, FRAME_W, frame_h, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body")
    first_part: list[float] = []  # height used on each page of the first part

    def page_end(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if getattr(canvas, "_ed_part", 0) == 0:
            f = doc.frame
            first_part.append(f._y2 - f._y)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=page_end)])
    copies = resolve(form.copies_note, context) if form.copies_note is not None else None
    decor = PageDecor(fonts, form, part_names, draft, check, void, foot, copies)
    marks: list[tuple[int, int, float]] = []
    doc.build(story, canvasmaker=_canvas_class(decor, marks))
    scalable = sum(float(getattr(f, "height", 0) or 0) for f in first_story if isinstance(f, Para | GridTable))
    end = next((m for m in marks if m[0] == 0), None)
    if end is None or end[1] < 2:
        return _Layout(buf.getvalue(), end[1] if end else len(first_part), 0.0, scalable)
    page = end[1]
    used_here = bottom + frame_h - end[2]
    # what the pages before left free (text moved on with the signature it is kept with)
    free = sum(max(frame_h - u, 0.0) for u in first_part[:page - 1])
    return _Layout(buf.getvalue(), page, used_here - free, scalable)


def _with_part(context: Mapping[str, Any], name: str, index: int) -> Mapping[str, Any]:
    doc = dict(context.get("doc") or {})
    doc["part"] = name
    doc["is_service_copy"] = index == 1
    return {**context, "doc": doc}


def _title(form: FormSpec, context: Mapping[str, Any]) -> str:
    number = _value_text(lookup(context, "doc.number"))
    return f"{form.title}（{number}）" if number else form.title
