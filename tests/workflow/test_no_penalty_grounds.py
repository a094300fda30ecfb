"""不予行政处罚 states its ground and the decider's reasons (exploratory finding: a decision issued with
no reason printed a canned 第三十三条第一款 sentence nobody had chosen)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from desktop_app.services.documents import document_pdf
from desktop_app.services.errors import InvalidInput
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import conclude_and_review, open_case, t


def _text(w: Walker, document_id: str | None) -> str:
    pdf = document_pdf(w.ctx, w.who("demo-leader"), document_id or "")
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")


def _reviewed(w: Walker) -> None:
    open_case(w, date(2026, 9, 1))
    conclude_and_review(w, date(2026, 9, 10))


def test_the_ground_and_the_reasons_are_required(walker: Walker) -> None:
    w = walker
    _reviewed(w)
    with pytest.raises(InvalidInput, match="须选择不予处罚的依据"):
        w.do("demo-leader", "decide", t(date(2026, 9, 11)), kind="no_penalty", explanation="情节轻微")
    with pytest.raises(InvalidInput, match="不予处罚的理由"):
        w.do("demo-leader", "decide", t(date(2026, 9, 11)), kind="no_penalty", ground="minor_corrected")


@pytest.mark.parametrize(("ground", "article", "violation"), [
    ("minor_corrected", "第三十三条第一款", True),
    ("no_fault", "第三十三条第二款", True),
    ("time_barred", "第三十六条", True),
    ("not_established", "第五十七条第一款第三项", False),
])
def test_the_decision_prints_the_chosen_ground_and_the_deciders_words(walker: Walker, ground: str, article: str,
                                                                       violation: bool) -> None:
    w = walker
    _reviewed(w)
    reasons = "现场灰烬系邻地村民焚烧所留，当事人当日不在现场"
    decided = w.do("demo-leader", "decide", t(date(2026, 9, 11)), kind="no_penalty", ground=ground,
                   explanation=reasons + "。")
    text = _text(w, decided.document_id)
    assert reasons in text and f"《中华人民共和国行政处罚法》{article}的规定，本机关决定对你不予行政处罚" in text
    assert ("上述行为违反了" in text) == violation
    assert ("予以批评教育" in text) == violation  # 第三十三条第三款: only for a violation not punished
    if ground != "minor_corrected":
        assert "没有造成危害后果" not in text  # nothing the decider did not choose
