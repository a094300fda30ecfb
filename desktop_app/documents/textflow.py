"""A paragraph for Chinese official documents: line breaking that never splits a number, an ID
number, a 文号 or a date, follows the usual 禁则 (no closing punctuation at the start of a line, no
opening bracket at its end), justifies full lines, falls back to another embedded face for a
character the first one lacks, and splits across pages by whole lines.

reportlab's own ``wordWrap="CJK"`` breaks inside long alphanumeric runs (fonts-and-qt.md: an 18-digit
ID number was split across lines), hence this flowable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from desktop_app.documents.fonts import FontSet, font_metrics, has_glyph, text_width

# A character that may not begin a line (closing punctuation), and one that may not end it.
NO_START = set("，。、；：？！）》」』〕】〉”’…—·%％,.;:?!)]}>/") | {"\u3009", "\u300b"}
NO_END = set("（《「『〔【〈“‘([{<")
# A full line is justified only when it is short of the measure by at most this many characters:
# a longer gap (a date or a number that must not break went on to the next line) spread over the
# line reads as letter-spaced text, so such a line stays flush left instead.
JUSTIFY_LIMIT = 3.0

# Runs that stay on one line: 文号-like 〔2024〕第3号 tails, dates, amounts, numbers, ID numbers,
# codes and Latin words.
KEEP_RE = re.compile(
    r"〔\d{4}〕第?\d+号"
    r"|\d{4}年\d{1,2}月\d{1,2}日(?:\d{1,2}时(?:\d{1,2}分)?)?"
    r"|\d{4}年\d{1,2}月"
    r"|\d{1,2}月\d{1,2}日"
    r"|\d{1,2}时\d{1,2}分"
    r"|[0-9A-Za-z][0-9A-Za-z.,:/%\-+_@#*]*[0-9A-Za-z%]"
    r"|[0-9A-Za-z]"
)


@dataclass(frozen=True)
class Run:
    """A piece of text with one style. ``keep``: never broken across lines (a bound number, 文号 …)."""

    text: str
    font: str | None = None
    size: float | None = None
    underline: bool = False
    keep: bool = False


@dataclass(frozen=True)
class ParaStyle:
    font: str
    size: float
    leading: float
    align: str = "justify"  # left | center | right | justify
    first_indent: float = 0.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    char_space: float = 0.0


class _Seg:
    __slots__ = ("_width", "cs", "font", "size", "text", "underline")

    def __init__(self, text: str, font: str, size: float, underline: bool, cs: float = 0.0,
                 width: float | None = None) -> None:
        self.text = text
        self.font = font
        self.size = size
        self.underline = underline
        self.cs = cs  # the style's tracking, counted after every character
        self._width = width

    def width(self) -> float:
        if self._width is None:
            self._width = text_width(self.font, self.text, self.size) + self.cs * len(self.text)
        return self._width


class _Atom:
    __slots__ = ("newline", "segs", "space", "text", "width")

    def __init__(self, segs: list[_Seg], width: float, text: str) -> None:
        self.segs = segs
        self.width = width
        self.text = text
        self.space = text == " "
        self.newline = text == "\n"


@dataclass
class _Line:
    atoms: list[_Atom]
    width: float
    last: bool  # last line of the paragraph or before a forced break: not justified
    indent: float = 0.0


@dataclass
class _Layout:
    width: float
    lines: list[_Line] = field(default_factory=list)


def _face_for(ch: str, preferred: str, fonts: FontSet | None) -> str:
    if fonts is None or has_glyph(preferred, ch) or ch in "\n ":
        return preferred
    for name in fonts.fallbacks(preferred):
        if has_glyph(name, ch):
            return name
    return preferred


def _segments(text: str, font: str, size: float, underline: bool, fonts: FontSet | None,
              cs: float = 0.0) -> list[_Seg]:
    segs: list[_Seg] = []
    for ch in text:
        face = _face_for(ch, font, fonts)
        if segs and segs[-1].font == face:
            segs[-1].text += ch
            segs[-1]._width = None
        else:
            segs.append(_Seg(ch, face, size, underline, cs))
    return segs


def _atom(segs: list[_Seg]) -> _Atom:
    return _Atom(segs, sum(s.width() for s in segs), "".join(s.text for s in segs))


def _tokens(run: Run) -> list[str]:
    """The unbreakable pieces of a run: kept runs whole, else KEEP_RE matches and single characters."""
    text = run.text
    if run.keep and "\n" not in text:
        return [text]
    out: list[str] = []
    pos = 0
    for m in KEEP_RE.finditer(text):
        out.extend(text[pos:m.start()])
        out.append(m.group(0))
        pos = m.end()
    out.extend(text[pos:])
    return out


def _atoms_of_run(run: Run, style: ParaStyle, fonts: FontSet | None) -> list[_Atom]:
    font = run.font or style.font
    size = run.size or style.size
    cs = style.char_space
    widths, default, cmap = font_metrics(font)
    scale = size / 1000.0
    tokens = _tokens(run)
    if fonts is None or all(ord(ch) in cmap or ch in "\n " for ch in run.text):
        # the common case: one face has every character
        out = []
        for tok in tokens:
            w = sum(widths.get(ord(c), default) for c in tok) * scale + cs * len(tok)
            out.append(_Atom([_Seg(tok, font, size, run.underline, cs, w)], w, tok))
        return out
    return [_atom(_segments(tok, font, size, run.underline, fonts, cs)) for tok in tokens]


def _merge(a: _Atom, b: _Atom) -> _Atom:
    segs = list(a.segs)
    for s in b.segs:
        last = segs[-1] if segs else None
        if last is not None and last.font == s.font and last.size == s.size and last.underline == s.underline:
            segs[-1] = _Seg(last.text + s.text, s.font, s.size, s.underline, s.cs, last.width() + s.width())
        else:
            segs.append(s)
    return _Atom(segs, a.width + b.width, a.text + b.text)


def build_atoms(runs: Sequence[Run], style: ParaStyle, fonts: FontSet | None) -> list[_Atom]:
    raw: list[_Atom] = []
    for run in runs:
        if run.text:
            raw += _atoms_of_run(run, style, fonts)
    # 禁则: closing punctuation joins the atom before it; an opening bracket joins the atom after it.
    out: list[_Atom] = []
    glue_next = False
    for atom in raw:
        if atom.newline or atom.space:
            out.append(atom)
            glue_next = False
            continue
        text = atom.text
        if out and not out[-1].newline and not out[-1].space and (glue_next or text[0] in NO_START):
            out[-1] = _merge(out[-1], atom)
        else:
            out.append(atom)
        glue_next = text[-1] in NO_END
    return out


def _split_chars(atom: _Atom) -> list[_Atom]:
    parts: list[_Atom] = []
    for seg in atom.segs:
        for ch in seg.text:
            parts.append(_atom([_Seg(ch, seg.font, seg.size, seg.underline, seg.cs)]))
    return parts


def break_lines(atoms: list[_Atom], first_width: float, width: float, first_indent: float) -> list[_Line]:
    lines: list[_Line] = []
    current: list[_Atom] = []
    used = 0.0
    avail = first_width
    indent = first_indent
    queue = list(atoms)
    i = 0

    def flush(last: bool) -> None:
        nonlocal current, used, avail, indent
        while current and current[-1].space:
            used -= current[-1].width
            current.pop()
        lines.append(_Line(current, used, last, indent))
        current, used, avail, indent = [], 0.0, width, 0.0

    while i < len(queue):
        atom = queue[i]
        if atom.newline:
            flush(True)
            i += 1
            continue
        if atom.space and not current:
            i += 1
            continue
        if used + atom.width <= avail + 0.01:
            current.append(atom)
            used += atom.width
            i += 1
            continue
        if not current:
            # wider than a whole line: only now may it be broken, character by character
            queue[i:i + 1] = _split_chars(atom) if len(atom.text) > 1 else [atom]
            if len(atom.text) == 1:
                current.append(atom)
                used += atom.width
                i += 1
            continue
        flush(False)
    if current or not lines:
        flush(True)
    _no_lone_last_character(lines)
    return lines


def _no_lone_last_character(lines: list[_Line]) -> None:
    """A paragraph's last line of one character (with its punctuation: 案 / 利。) reads as left over:
    the line before gives it its last character (that line, one character short, is still justified)."""
    for n in range(1, len(lines)):
        line, before = lines[n], lines[n - 1]
        if not line.last or before.last or len(before.atoms) < 3:
            continue
        if sum(1 for a in line.atoms for c in a.text if c not in NO_START and not a.space) != 1:
            continue
        moved = before.atoms[-1]
        rest = before.atoms[-2]
        if moved.space or rest.space or (rest.text and rest.text[-1] in NO_END):
            continue
        before.atoms.pop()
        before.width -= moved.width
        line.atoms.insert(0, moved)
        line.width += moved.width


# Atoms by (runs, face, size, tracking): the two parts (联) of a document, and a second, tighter layout,
# share their paragraphs' tokenisation (line breaking depends on the width, not on these).
AtomMemo = dict[tuple[tuple[Run, ...], str, float, float], list[_Atom]]


class Para(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """A paragraph of runs; see the module docstring."""

    def __init__(self, runs: Sequence[Run] | str, style: ParaStyle, fonts: FontSet | None = None,
                 *, keep_with_next: bool = False, memo: AtomMemo | None = None,
                 _lines: list[_Line] | None = None) -> None:
        super().__init__()
        self.memo = memo
        self.runs: list[Run] = [Run(runs)] if isinstance(runs, str) else list(runs)
        self.style = style
        self.fonts = fonts
        self.keepWithNext = keep_with_next
        self._fixed_lines = _lines
        self._atoms: list[_Atom] | None = None
        self._layout: _Layout | None = None
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    # -- layout
    def _lines_for(self, avail_width: float) -> list[_Line]:
        if self._fixed_lines is not None:
            return self._fixed_lines
        if self._layout is not None and abs(self._layout.width - avail_width) < 0.01:
            return self._layout.lines
        if self._atoms is None:
            key = (tuple(self.runs), self.style.font, self.style.size, self.style.char_space)
            found = self.memo.get(key) if self.memo is not None else None
            if found is None:
                found = build_atoms(self.runs, self.style, self.fonts)
                if self.memo is not None:
                    self.memo[key] = found
            self._atoms = found
        st = self.style
        inner = avail_width - st.left_indent - st.right_indent
        lines = break_lines(self._atoms, inner - st.first_indent, inner, st.first_indent)
        self._layout = _Layout(avail_width, lines)
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self._lines_for(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._lines_for(availWidth)
        fit = int((availHeight + 0.01) // self.style.leading)
        if fit >= len(lines):
            return [self]
        # at least two lines on each side of a page break: no orphan line at the foot of a page, no
        # widow at the top of the next. The tail of a split is split again when it too does not fit,
        # so the rule holds there as well (a 2- or 3-line paragraph goes over whole).
        if fit < 2 or len(lines) < 4:
            return []
        if len(lines) - fit == 1:
            fit -= 1
        head = Para(self.runs, replace(self.style, space_after=0), self.fonts, _lines=lines[:fit])
        tail = Para(self.runs, replace(self.style, space_before=0), self.fonts, _lines=lines[fit:],
                    keep_with_next=bool(self.keepWithNext))
        return [head, tail]

    def keep_last_lines_with_next(self, width: float, n: int = 2) -> list[Flowable]:
        """This paragraph as two, the last ``n`` lines kept with what follows (the signature and seal
        take only the paragraph's end along to a new page, not the whole paragraph)."""
        lines = self._lines_for(width)
        if len(lines) <= n + 1:
            self.keepWithNext = True
            return [self]
        head = Para(self.runs, replace(self.style, space_after=0), self.fonts, _lines=lines[:-n])
        head.spaceBefore = self.spaceBefore
        tail = Para(self.runs, replace(self.style, space_before=0), self.fonts, _lines=lines[-n:],
                    keep_with_next=True)
        return [head, tail]

    # -- drawing
    def draw(self) -> None:
        canvas: Canvas = self.canv
        st = self.style
        lines = self._lines_for(self.width)
        top = self.height
        for n, line in enumerate(lines):
            line_top = top - n * st.leading
            baseline = line_top - (st.leading - st.size) / 2 - 0.86 * st.size
            self._draw_line(canvas, line, baseline)

    def _draw_line(self, canvas: Canvas, line: _Line, baseline: float) -> None:
        st = self.style
        inner = self.width - st.left_indent - st.right_indent - line.indent
        glyphs = sum(len(a.text) for a in line.atoms)
        # line.width counts the tracking after the last character too; it is not visible
        natural = line.width - st.char_space
        extra = inner - natural
        stretch = 0.0
        x = st.left_indent + line.indent
        if st.align == "justify" and not line.last and glyphs > 1 and 0 < extra <= JUSTIFY_LIMIT * st.size:
            stretch = extra / (glyphs - 1)
        elif st.align == "center":
            x += extra / 2
        elif st.align == "right":
            x += extra
        text = canvas.beginText(x, baseline)
        text.setCharSpace(st.char_space + stretch)
        underlines: list[tuple[float, float, float]] = []
        cursor = x
        # one text operator per run of one face (not per character): files stay small and quick
        pending: list[str] = []
        face: tuple[str, float] | None = None
        for atom in line.atoms:
            for seg in atom.segs:
                if (seg.font, seg.size) != face:
                    if pending:
                        text.textOut("".join(pending))
                        pending = []
                    face = (seg.font, seg.size)
                    text.setFont(seg.font, seg.size)
                pending.append(seg.text)
                w = seg.width() + stretch * len(seg.text)
                if seg.underline:
                    underlines.append((cursor, cursor + w - st.char_space - stretch, seg.size))
                cursor += w
        if pending:
            text.textOut("".join(pending))
        canvas.drawText(text)
        if underlines:
            canvas.saveState()
            canvas.setLineWidth(0.6)
            for x0, x1, size in underlines:
                canvas.line(x0, baseline - 0.18 * size, x1, baseline - 0.18 * size)
            canvas.restoreState()


def plain_runs(parts: Iterable[str | Run]) -> list[Run]:
    return [p if isinstance(p, Run) else Run(p) for p in parts]
