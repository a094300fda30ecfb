"""Typesetting rules found by looking at rendered documents: a paragraph never leaves a single line at the
foot or the top of a page (its tail is split again, so the rule holds there too), a line that had to
leave a long unbreakable run for the next line is set flush left rather than letter-spaced, and the
wording bound for a person or an organisation (你 / 你单位, 当事人 as the subject of the facts, the
fine's bank account in one phrase)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.documents.fonts import font_set
from desktop_app.documents.textflow import JUSTIFY_LIMIT, Para, ParaStyle, Run
from desktop_app.services.document_context import facts_sentence, payment_account

LEADING = 29.0


@pytest.fixture(scope="module")
def fonts() -> Any:
    return font_set("bundled")


def para(fonts: Any, chars: int) -> Para:
    text = ("经查明当事人在保贤村南地块露天焚烧玉米秸秆" * (chars // 21 + 1))[:chars]
    return Para([Run(text)], ParaStyle(fonts.body, 16, LEADING), fonts)


def settle(p: Para, width: float, room_lines: int) -> list[int]:
    """Lay a paragraph out as reportlab's frame does: what does not fit is split, and the tail that
    still does not fit in the room left is split again (or moved on whole). Returns lines per page."""
    pages: list[int] = []
    room = room_lines * LEADING + 5
    current: Para | None = p
    while current is not None:
        _, height = current.wrap(width, room)
        if height <= room:
            pages.append(int(height // LEADING))
            break
        parts = current.split(width, room)
        if not parts:
            pages.append(0)  # nothing here: the whole paragraph goes on to a fresh page
            room = 22 * LEADING + 5
            continue
        head, tail = parts
        pages.append(int(head.wrap(width, room)[1] // LEADING))
        current = tail
        room = 22 * LEADING + 5
    return pages


@settings(max_examples=40, deadline=None)
@given(chars=st.integers(min_value=20, max_value=400), room=st.integers(min_value=0, max_value=12))
def test_no_single_line_of_a_paragraph_is_left_at_either_side_of_a_page_break(fonts: Any, chars: int,
                                                                              room: int) -> None:
    p = para(fonts, chars)
    width = 156 * 72 / 25.4
    total = len(p._lines_for(width))
    pages = [n for n in settle(p, width, room) if n]
    assert sum(pages) == total
    if len(pages) > 1:
        assert all(n >= 2 for n in pages), pages


def test_the_tail_of_a_split_is_not_split_into_a_widow(fonts: Any) -> None:
    """Five lines with room for four: 3 + 2, and the 2 do not split again into 1 + 1."""
    width = 156 * 72 / 25.4
    p = para(fonts, 130)
    assert len(p._lines_for(width)) == 5
    head, tail = p.split(width, 4 * LEADING + 5)
    assert len(head._lines_for(width)) == 3 and len(tail._lines_for(width)) == 2
    assert tail.split(width, 1 * LEADING + 5) == []


class _Canvas:  # reportlab's method names
    """Just enough of a canvas to see the tracking a line is drawn with."""

    def __init__(self) -> None:
        self.spacing: list[float] = []

    def beginText(self, x: float, y: float) -> _Canvas:
        return self

    def setCharSpace(self, value: float) -> None:
        self.spacing.append(value)

    def setFont(self, *args: Any) -> None:
        pass

    def textOut(self, text: str) -> None:
        pass

    def drawText(self, text: Any) -> None:
        pass


def test_a_line_short_by_a_long_unbreakable_run_is_set_flush_left(fonts: Any) -> None:
    width = 156 * 72 / 25.4
    # the date cannot start at the end of the first line, so that line is several characters short
    runs = [Run("本机关于" + "某" * 15 + "立案调查，"), Run("2026年12月24日"), Run("，当事人。")]
    p = Para(runs, ParaStyle(fonts.body, 16, LEADING), fonts)
    lines = p._lines_for(width)
    assert len(lines) >= 2
    canvas = _Canvas()
    p.width = width
    p._draw_line(canvas, lines[0], 0)  # type: ignore[arg-type]
    short = width - (lines[0].width - p.style.char_space)
    assert short > JUSTIFY_LIMIT * 16 and canvas.spacing == [0.0]


@pytest.mark.parametrize(("body", "expected"), [
    ("在保贤村南地块露天焚烧秸秆约五亩", "2026年8月1日，当事人在保贤村南地块露天焚烧秸秆约五亩。"),
    ("建设住宅时未按设计图纸施工。", "2026年8月1日，当事人建设住宅时未按设计图纸施工。"),
    ("王某某在保贤村焚烧秸秆", "2026年8月1日，王某某在保贤村焚烧秸秆。"),
    ("当事人在保贤村焚烧秸秆", "2026年8月1日，当事人在保贤村焚烧秸秆。"),
    ("2026年7月30日，王某某在保贤村焚烧秸秆", "2026年7月30日，王某某在保贤村焚烧秸秆。"),
    ("巡查发现当事人在耕地上堆放建筑垃圾", "2026年8月1日，巡查发现当事人在耕地上堆放建筑垃圾。"),
    ("网格员上报：村北地块有人露天焚烧秸秆", "2026年8月1日，网格员上报：村北地块有人露天焚烧秸秆。"),
    ("经群众举报，王某某在村口焚烧垃圾", "2026年8月1日，经群众举报，王某某在村口焚烧垃圾。"),
    ("", ""),
])
def test_the_facts_have_the_party_as_their_subject(body: str, expected: str) -> None:
    assert facts_sentence("2026年8月1日", body, "王某某") == expected


def test_the_payment_account_reads_as_one_phrase() -> None:
    assert payment_account({}) == ""
    assert payment_account({"payment_bank": "中国农业银行文水县支行"}) == "中国农业银行文水县支行"
    assert payment_account({"payment_bank": "中国农业银行文水县支行", "payment_account_name": "文水县财政局",
                            "payment_account_number": "1404 6101"}) == \
        "中国农业银行文水县支行（户名：文水县财政局，账号：1404 6101）"


def test_a_paragraph_does_not_end_in_a_line_of_one_character(fonts: Any) -> None:
    width = 156 * 72 / 25.4
    per_line = len(para(fonts, 300)._lines_for(width)[0].atoms)
    for extra, tail in ((1, "案"), (1, "利。")):
        text = "某" * (per_line * 2 + extra - len(tail)) + tail
        lines = Para([Run(text)], ParaStyle(fonts.body, 16, LEADING), fonts)._lines_for(width)
        last = "".join(a.text for a in lines[-1].atoms)
        assert len(lines) == 3 and last.endswith(tail) and len(last.rstrip("。")) == 2, last
