"""Rendering one document after warm-up (issue: < 100 ms): the 行政处罚决定书 of a demo case with both
parts (归档联 and 送达联), the 行政处罚事先告知书, a tabular 立案审批表 and a 询问笔录 — the renderer alone
(binding context built once) and the whole draft render through the service (context from the store
each time). Prints figures; timings are never asserted (machines differ). Run: python3 dev.py bench"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from desktop_app.clock import Clock
from desktop_app.documents.compose import with_texts
from desktop_app.documents.fonts import font_set
from desktop_app.documents.qr import CheckCode
from desktop_app.documents.render import content_sha256, render_pdf
from desktop_app.services import documents as docs
from desktop_app.services.bootstrap import open_context
from desktop_app.services.demo import create_demo
from desktop_app.services.document_context import build_context
from desktop_app.services.users import resolve_actor
from desktop_app.store.models import Case
from tests.conftest import FIXED_NOW

ROUNDS = 30
FORMS = ("penalty_decision", "penalty_notice", "filing_approval", "interview_record")


def _time(fn: Callable[[], object], rounds: int = ROUNDS) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per run (CPU time shows the work itself on a busy machine)."""
    fn()  # warm-up: fonts registered, forms loaded, first subsets made
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _line(label: str, times: tuple[list[float], list[float]]) -> str:
    wall, cpu = times
    return (f"{label:<30} wall median {statistics.median(wall):6.1f} ms (min {min(wall):6.1f})   "
            f"CPU median {statistics.median(cpu):6.1f} ms   target < 100 ms")


def test_render_one_document_after_warm_up(tmp_path: Path) -> None:
    ctx = open_context(tmp_path / "data", clock=Clock(FIXED_NOW))
    create_demo(ctx, cases=120, seed=11)
    supervisor = resolve_actor(ctx, "demo-supervisor", via="cli")
    fonts = font_set("bundled")
    with ctx.read() as s:
        case = s.scalars(select(Case).where(Case.state == "executing")).first()
        assert case is not None
        case_id = case.id
        contexts = {f: with_texts(docs.forms()[f], build_context(s, case, today=ctx.clock.today(), form=f))
                    for f in FORMS}
    lines = ["", "Rendering one document after warm-up (bundled fonts):"]
    for form_id in FORMS:
        form = docs.forms()[form_id]
        context = contexts[form_id]
        check = CheckCode("bench", "文水刘罚决字〔2026〕第1号", content_sha256(form, context))
        pages = render_pdf(form, context, fonts, draft=False, check=check).count(b"/Type /Page\n")
        times = _time(lambda form=form, context=context, check=check: render_pdf(  # type: ignore[misc]
            form, context, fonts, draft=False, check=check))
        lines.append(_line(f"{form.title}（{pages} 页）", times))
    for form_id in ("penalty_decision", "filing_approval"):
        times = _time(lambda f=form_id: docs.render_form(ctx, supervisor, case_id, f), rounds=15)  # type: ignore[misc]
        lines.append(_line(f"service render_form {form_id}", times))
    ctx.db.dispose()
    print("\n".join(lines))
