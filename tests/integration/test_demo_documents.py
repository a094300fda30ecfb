"""Every form renders for a demo case in each state it applies to: 300 demo cases plus a few cases walked
through the paths the demo does not take (preservation and seizure, hearing, judicial transfer, no
penalty, court enforcement). Each PDF is checked: fonts embedded, every bound value that is never split
present in its text, the ID number whole on one line, and the 文号 of issued documents."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest
from sqlalchemy import select

from desktop_app.clock import Clock
from desktop_app.documents.bindings import FIELDS, KEEP, lookup
from desktop_app.documents.compose import refusal, with_texts
from desktop_app.documents.formspec import FormSpec, Piece
from desktop_app.documents.render import _heading_number, _heading_organ, _sig, block_visible
from desktop_app.services import documents as docs
from desktop_app.services.bootstrap import open_context
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.document_context import build_context
from desktop_app.services.users import resolve_actor
from desktop_app.store.models import Case, Document
from tests.conftest import FIXED_NOW
from tests.unit.test_document_render import assert_all_fonts_embedded
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import (
    HANDLERS,
    conclude_and_review,
    notify_and_serve,
    open_case,
    t,
    to_decided_fine,
    waive_both,
)


def _walk_extra_cases(ctx: AppContext, proof: Path) -> None:
    who = lambda login: resolve_actor(ctx, login, via="cli")  # noqa: E731
    w = Walker(ctx, who, proof)
    # preservation of evidence, its handling decision, a seizure — then on to a decision
    open_case(w, date(2026, 3, 2))
    w.do("demo-leader", "approve", t(date(2026, 3, 2), "12:00"), what="preservation", outcome="granted",
         reason="证据可能灭失")
    w.do("demo-officer1", "preserve", t(date(2026, 3, 2), "14:00"), items="秸秆打捆机1台；农用三轮车1辆")
    w.do("demo-officer1", "preserve", t(date(2026, 3, 5), "10:00"), decision="release")
    w.do("demo-leader", "approve", t(date(2026, 3, 6), "10:00"), what="seizure", outcome="granted",
         reason="防止继续违法", until=date(2026, 4, 5))
    # a seizure approved in a case only filed (before the investigation is assigned)
    w.new(on="2026-04-01 08:00")
    w.do("demo-lead", "accept", "2026-04-01 09:00")
    w.do("demo-leader", "file", "2026-04-01 10:00")
    w.do("demo-leader", "approve", "2026-04-02 10:00", what="seizure", outcome="granted", reason="防止继续违法")
    # a hearing held, legal review, collective discussion, decision, service, payment in part, reminder,
    # court enforcement (2025, so that the remedy periods are over)
    w.new(item="DQ-01", on="2025-01-06 08:00", complex_case=True)
    w.do("demo-lead", "accept", "2025-01-06 09:00")
    w.do("demo-leader", "file", "2025-01-06 10:00")
    w.do("demo-lead", "investigate", "2025-01-06 11:00", officers=list(HANDLERS))
    w.record("2025-01-07 09:00")
    conclude_and_review(w, date(2025, 1, 16))
    notify_and_serve(w, date(2025, 1, 17), amount=1500)
    w.do("demo-officer1", "request_hearing", "2025-01-20 09:00")
    host = w.do("demo-leader", "approve", "2025-01-21 09:00", what="hearing_host", outcome="granted",
                host="demo-officer3", reason="指定听证主持人", hearing_time="2025-02-07 09:00",
                hearing_place="刘胡兰镇政府三楼会议室")
    w.serve("demo-officer1", host.document_id, "2025-01-21 15:00")
    w.do("demo-officer3", "hold_hearing", "2025-02-07 09:00", outcome="held", record=proof)
    w.do("demo-officer1", "submit_review", "2025-02-10 09:00")
    w.do("demo-reviewer", "legal_review", "2025-02-11 09:00", outcome="passed", opinion="主体合法，事实清楚，同意")
    w.do("demo-leader", "discuss", "2025-02-12 09:00", participants=["demo-leader", "demo-mayor"], views=proof,
         conclusion="同意罚款1500元")
    decided = w.do("demo-leader", "decide", "2025-02-12 15:00", kind="penalty", penalty="fine", amount=1500,
                   tier="serious", explanation="焚烧面积较大，属较重情形")
    w.serve("demo-officer1", decided.document_id, "2025-02-13 10:00")
    w.do("demo-officer1", "pay", "2025-02-20 10:00", amount=500)
    reminded = w.do("demo-officer1", "remind", "2025-08-20 10:00")
    w.serve("demo-officer1", reminded.document_id, "2025-08-20 15:00")
    w.do("demo-leader", "approve", "2025-09-04 11:00", what="court_enforcement", outcome="granted", reason="同意")
    w.do("demo-officer1", "apply_court", "2025-09-05 10:00", ruling="granted")
    # 首违免罚: no penalty
    open_case(w, date(2026, 9, 1), harm_slight=True, corrected_in_time=True)
    conclude_and_review(w, date(2026, 9, 10))
    no_penalty = w.do("demo-leader", "decide", "2026-09-11 10:00", kind="no_penalty", ground="first_offence",
                      explanation="初次违法、危害后果轻微并及时改正")
    w.serve("demo-officer1", no_penalty.document_id, "2026-09-11 15:00")
    w.do("demo-leader", "close", "2026-09-12 10:00", reason="不予处罚，已教育")
    # transfer to the judicial organs
    open_case(w, date(2026, 6, 1))
    w.do("demo-leader", "approve", "2026-06-04 09:00", what="transfer", outcome="granted", reason="涉嫌犯罪")
    w.do("demo-leader", "transfer", "2026-06-04 11:00", to="judicial", reason="涉嫌犯罪，移送公安机关")
    # a decided fine in legal_review-free path, suspended while executing
    decided = to_decided_fine(w, date(2026, 5, 4), 1000)
    w.serve("demo-officer1", decided.document_id, "2026-05-20 10:00")
    w.do("demo-officer1", "pay", "2026-05-25 10:00", amount=400)
    w.do("demo-leader", "suspend", "2026-05-26 10:00", reason="当事人申请暂缓")
    # notified with a hearing request pending
    open_case(w, date(2026, 10, 5))
    conclude_and_review(w, date(2026, 10, 15))
    notify_and_serve(w, date(2026, 10, 16), amount=1000)
    w.do("demo-officer1", "request_hearing", "2026-10-19 09:00")
    # waived, then suspended before the decision
    open_case(w, date(2026, 10, 6))
    conclude_and_review(w, date(2026, 10, 16))
    notify_and_serve(w, date(2026, 10, 19), amount=1000)
    waive_both(w, date(2026, 10, 20))
    w.do("demo-leader", "suspend", "2026-10-21 10:00", reason="当事人下落不明")


@pytest.fixture(scope="module")
def demo_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    root = tmp_path_factory.mktemp("demo_documents")
    ctx = open_context(root / "data", clock=Clock(FIXED_NOW))
    create_demo(ctx, cases=300, seed=11)
    proof = root / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan")
    _walk_extra_cases(ctx, proof)
    yield ctx
    ctx.db.dispose()


def _pieces(form: FormSpec, context: dict[str, Any]) -> list[Piece]:
    out: list[Piece] = []
    for b in form.blocks:
        if not block_visible(b, context):
            continue
        out += list(b.text)
        for line in b.lines:
            for part in line:
                out += list(part)
        for cells in b.rows:
            for c in cells:
                for tpl in (c.label, c.value, c.sign):
                    out += list(tpl or ())
        if b.type == "heading":
            out += [*_heading_organ(b), *_heading_number(b, form)]
        if b.type == "signature":
            out += [*_sig(b, "organ"), *_sig(b, "date")]
    return out


def expected_values(form: FormSpec, context: dict[str, Any]) -> set[str]:
    """Every bound value the form prints whole (kind keep) in its visible blocks."""
    values = set()
    for p in _pieces(form, context):
        if p.kind == "field" and not p.text.startswith("row.") and FIELDS[p.text][0] == KEEP:
            value = lookup(context, p.text)
            if value not in (None, "", False, True):
                values.add(re.sub(r"\s+", "", str(value)))
    return values


def pdf_lines(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", "", line) for page in reader.pages for line in page.extract_text().splitlines()]


def test_every_form_renders_for_a_demo_case_in_each_state_it_applies_to(demo_ctx: AppContext) -> None:
    ctx = demo_ctx
    supervisor = resolve_actor(ctx, "demo-supervisor", via="cli")
    by_state: dict[str, list[str]] = {}
    with ctx.read() as s:
        for case in s.scalars(select(Case).order_by(Case.registered_at)):
            by_state.setdefault(case.state, []).append(case.id)
    missing: list[tuple[str, str]] = []
    rendered = 0
    for form in docs.forms().values():
        for state in sorted(form.applies.states):
            found = None
            with ctx.read() as s:
                for case_id in by_state.get(state, []):
                    case = s.get(Case, case_id)
                    assert case is not None
                    context = build_context(s, case, today=ctx.clock.today(), form=form.id)
                    if refusal(form, context) is None:
                        found = (case_id, with_texts(form, context))
                        break
            if found is None:
                missing.append((form.id, state))
                continue
            case_id, context = found
            data = docs.render_form(ctx, supervisor, case_id, form.id)
            rendered += 1
            assert_all_fonts_embedded(data)
            lines = pdf_lines(data)
            text = "".join(lines)
            for value in expected_values(form, context):
                assert value in text, (form.id, state, value)
            identifier = str(lookup(context, "party.identifier") or "")
            if identifier and identifier in expected_values(form, context):
                assert any(identifier in line for line in lines), (form.id, state, "ID number split")
    assert not missing, f"no demo case for: {missing}"
    assert rendered >= 150


def test_issued_documents_of_the_demo_render_with_their_numbers(demo_ctx: AppContext) -> None:
    ctx = demo_ctx
    supervisor = resolve_actor(ctx, "demo-supervisor", via="cli")
    with ctx.read() as s:
        issued = list(s.scalars(select(Document).where(Document.status == "issued", Document.number.is_not(None))))
    by_form: dict[str, Document] = {}
    for d in issued:
        by_form.setdefault(d.form, d)
    assert {"penalty_notice", "penalty_decision", "on_spot_decision", "reminder"} <= set(by_form)
    for d in by_form.values():
        data = docs.document_pdf(ctx, supervisor, d.id)
        lines = pdf_lines(data)
        assert any((d.number or "") in line for line in lines), (d.form, d.number)
        assert_all_fonts_embedded(data)
        info = docs.get_document(ctx, supervisor, d.id)
        assert info.pdf_sha256 and info.content_sha256
