"""`demo --cases N` (create_demo): wall and CPU time for N demo cases, by phase, in a fresh directory.

N is $ENFORCEMENT_DESK_BENCH_DEMO_CASES (a comma-separated list; default 5000,20000). Printed, never
asserted: wall, process CPU (user+system), and the split between users/parties and the cases.
Run: python3 dev.py bench, or .venv/bin/python -m pytest tests/benchmarks/bench_demo.py -s"""

from __future__ import annotations

import os
import resource
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.clock import SHANGHAI, Clock
from desktop_app.services import demo as demo_service
from desktop_app.services.bootstrap import open_context


def _sizes() -> list[int]:
    raw = os.environ.get("ENFORCEMENT_DESK_BENCH_DEMO_CASES", "5000,20000")
    return [int(x) for x in raw.split(",") if x.strip()]


def _cpu() -> tuple[float, float]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime


@pytest.mark.parametrize("cases", _sizes())
def test_demo_cases_time(tmp_path: Path, cases: int) -> None:
    ctx = open_context(tmp_path / f"demo-{cases}", clock=Clock(datetime(2026, 11, 23, 10, tzinfo=SHANGHAI)))
    marks: dict[str, float] = {}
    original = demo_service.create_demo_cases

    def timed_cases(*args: object, **kwargs: object) -> int:
        # The moment users and parties are done: the case phase starts here.
        marks["cases"] = time.perf_counter()
        return original(*args, **kwargs)  # type: ignore[arg-type]

    demo_service.create_demo_cases = timed_cases  # type: ignore[assignment]
    try:
        u0, s0 = _cpu()
        t0 = time.perf_counter()
        result = demo_service.create_demo(ctx, cases=cases, seed=1)
        t1 = time.perf_counter()
        u1, s1 = _cpu()
    finally:
        demo_service.create_demo_cases = original  # type: ignore[assignment]
        ctx.db.dispose()
    assert result.cases == cases
    root = tmp_path / f"demo-{cases}"
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    con = sqlite3.connect(root / "enforcement.sqlite3")
    try:
        counts = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("audit_record", "process_record", "evidence_item")}
    finally:
        con.close()
    cpu = (u1 - u0) + (s1 - s0)
    print(f"\ndemo --cases {cases}: wall {t1 - t0:.1f} s (users+parties {marks['cases'] - t0:.1f} s, "
          f"cases {t1 - marks['cases']:.1f} s), CPU user {u1 - u0:.1f} s + sys {s1 - s0:.1f} s "
          f"({cpu / cases * 1000:.2f} ms a case); {result.parties} parties, {counts['audit_record']} audit "
          f"records, {counts['process_record']} 笔录, {counts['evidence_item']} evidence items; "
          f"directory {size / 2**20:.0f} MiB")
