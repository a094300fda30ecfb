"""Importing a 1 GiB evidence file against the one-pass floor on the same file (issue: ≤ 1.3 ×):

    floor:  cat f | tee copy | openssl dgst -sha256; sync      (read once, copy, hash, flush)
    ours:   add_evidence(f) — stream, hash beside the writing, fsync, rename, record; then sync

Printed as figures and a ratio; timings are never asserted (machines differ). Run: python3 dev.py bench"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.clock import SHANGHAI, Clock
from desktop_app.services import evidence as ev
from desktop_app.services.bootstrap import open_context
from desktop_app.services.cases.register import NewCase, register_case
from desktop_app.services.demo import create_demo
from desktop_app.services.parties import PartyInput
from desktop_app.services.users import resolve_actor

GIB = 1024 * 1024 * 1024
ROUNDS = 2


def _make_file(path: Path) -> None:
    chunk = 16 * 1024 * 1024
    with path.open("wb") as fh:
        for _ in range(GIB // chunk):
            fh.write(os.urandom(chunk))


def _floor(src: Path, copy: Path) -> float:
    copy.unlink(missing_ok=True)
    os.sync()
    start = time.perf_counter()
    subprocess.run(f'cat "{src}" | tee "{copy}" | openssl dgst -sha256 > /dev/null; sync', shell=True,
                   check=True)
    return time.perf_counter() - start


def test_import_of_one_gib_against_the_one_pass_floor(tmp_path: Path) -> None:
    if shutil.which("openssl") is None or shutil.which("tee") is None:
        pytest.skip("openssl（或 tee）不可用：无法测量单遍下限 cat f | tee copy | openssl dgst -sha256; sync")
    now = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
    ctx = open_context(tmp_path / "data", clock=Clock(now))
    try:
        create_demo(ctx, cases=0, seed=1)
        officer = resolve_actor(ctx, "demo-officer1", via="cli")
        party = PartyInput("person", "142322198001010010", "王某某", "文水县刘胡兰镇", "")
        case_id = register_case(ctx, officer, NewCase(item_code="DQ-01", source="inspection", facts="基准测试",
                                                      party=party, on=now)).case_id
        src = tmp_path / "video.mp4"
        _make_file(src)
        copy = tmp_path / "copy.bin"
        floors: list[float] = []
        ours: list[float] = []
        for _ in range(ROUNDS):
            floors.append(_floor(src, copy))
            copy.unlink()
            shutil.rmtree(ctx.data_dir.evidence, ignore_errors=True)
            os.sync()
            start = time.perf_counter()
            result = ev.add_evidence(ctx, officer, case_id, [src], ev.EvidenceInput(type="视听资料"))
            os.sync()
            ours.append(time.perf_counter() - start)
            assert result.items[0].size == GIB
        print()
        print(f"证据导入基准（1 GiB，{os.cpu_count()} 核）")
        for i, (f, o) in enumerate(zip(floors, ours, strict=True), start=1):
            print(f"  第 {i} 轮：单遍下限 {f:.2f} s，本程序导入 {o:.2f} s，比值 {o / f:.2f}×")
        best = min(ours) / min(floors)
        print(f"  最好成绩之比：{min(ours):.2f} s / {min(floors):.2f} s = {best:.2f}×（目标 ≤ 1.3×）")
    finally:
        ctx.db.dispose()
