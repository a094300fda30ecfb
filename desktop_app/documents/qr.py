"""The check code printed on an issued document (domain/documents.md §0).

A PDF can't carry its own hash, so the QR code holds the document's id, its 文号 and the SHA-256 of
the content it was rendered from (the resolved fields and fixed wording); the register keeps the
issued PDF's own SHA-256 beside them. A printed copy is checked by scanning it and comparing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import segno
from reportlab.pdfgen.canvas import Canvas

PREFIX = "EDOC1"


@dataclass(frozen=True)
class CheckCode:
    document_id: str
    number: str
    content_sha256: str

    def payload(self) -> str:
        return f"{PREFIX};id={self.document_id};no={self.number};sha256={self.content_sha256}"


def parse_payload(text: str) -> CheckCode:
    parts = text.split(";")
    if not parts or parts[0] != PREFIX:
        raise ValueError("不是本系统文书的核验码")
    fields = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    try:
        return CheckCode(fields["id"], fields["no"], fields["sha256"])
    except KeyError as exc:
        raise ValueError(f"核验码缺少字段：{exc.args[0]}") from None


@lru_cache(maxsize=32)
def _matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    code = segno.make(payload, error="m", micro=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the code as vector squares (no image), ``size`` points wide, lower-left corner at (x, y)."""
    matrix = _matrix(payload)
    n = len(matrix)
    cell = size / n
    # Written as raw path operators: a few hundred rectangles through reportlab's path API cost
    # tens of milliseconds, this costs one.
    ops: list[str] = []
    for r, row in enumerate(matrix):
        c = 0
        top = y + size - (r + 1) * cell
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(f"{x + start * cell:.3f} {top:.3f} {(c - start) * cell:.3f} {cell:.3f} re")
            else:
                c += 1
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()
