"""The 案件审核人 the leader designates (`case approve --what case_reviewer --reviewer LOGIN`) sees the
case through the command line — `cases` and `case show` — and loses it when another is designated
(issue #17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from tests.integration.test_cli_case_additions import _to_investigated
from tests.integration.test_cli_cases import NOW, Desk


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Desk:
    monkeypatch.setenv("ENFORCEMENT_DESK_NOW", NOW)
    d = str(tmp_path / "data")
    assert main(["--data-dir", d, "demo", "--cases", "0"]) == 0
    capsys.readouterr()
    proof = tmp_path / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan of a signed receipt")
    return Desk(d, capsys, proof)


def _listed(desk: Desk, login: str) -> set[str]:
    return {r["id"] for r in desk.json("--as", login, "cases")}


def test_the_designated_reviewer_sees_the_case_in_the_list_and_in_full(desk: Desk) -> None:
    case = _to_investigated(desk, "DQ-01")
    assert case not in _listed(desk, "demo-officer3")
    code, _, err = desk.run("--as", "demo-officer3", "case", "show", case)
    assert code != 0 and "您无权查看此案件" in err
    desk.act("demo-leader", "approve", case, "2026-08-21T09:30", "--what", "case_reviewer", "--outcome", "granted",
             "--reviewer", "demo-officer3", "--reason", "指定审核")
    assert case in _listed(desk, "demo-officer3")
    assert case not in _listed(desk, "demo-officer4")
    shown = desk.json("--as", "demo-officer3", "case", "show", case)
    assert {"login": "demo-officer3", "role_in_case": "designated_reviewer"}.items() <= next(
        o for o in shown["officers"] if o["login"] == "demo-officer3").items()
    assert "指定的案件审核人" in desk.ok("--as", "demo-officer3", "case", "show", case)
    # another designated: the first no longer sees the case
    desk.act("demo-leader", "approve", case, "2026-08-21T09:40", "--what", "case_reviewer", "--outcome", "granted",
             "--reviewer", "demo-officer4", "--reason", "改为指定")
    assert case not in _listed(desk, "demo-officer3")
    assert case in _listed(desk, "demo-officer4")
    out = desk.act("demo-officer4", "review_case", case, "2026-08-21T10:00", "--outcome", "passed", "--opinion", "同意")
    assert "状态：调查终结" in out
