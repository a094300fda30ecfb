"""`items` and `benchmarks` through the command line, in process (CLI.md, "Reference data")."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.services import item_sheets

HEADERS = [c.header for c in item_sheets.ITEM_COLUMNS]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """An initialised data directory (sample list loaded, admin created)."""
    monkeypatch.setenv("ENFORCEMENT_DESK_NOW", "2026-11-23T10:00:00+08:00")
    d = str(tmp_path / "data")
    assert main(["--data-dir", d, "init", "--admin-password", "Admin-pass-1"]) == 0
    capsys.readouterr()
    return d


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_items_list_json_shows_the_sample_list(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", home, "items", "list", "--json")
    assert code == 0
    items = json.loads(out)
    assert len(items) >= 40
    first = items[0]
    assert first["version_number"] == 1 and first["sample"] is True and first["confirmed"] is False
    assert {"code", "name", "penalty_law", "penalty_article", "penalty_summary", "fines"} <= set(first)
    dq02 = next(i for i in items if i["code"] == "DQ-02")
    assert {f["party"] for f in dq02["fines"]} == {"person", "organisation"}
    assert {f["party_label"] for f in dq02["fines"]} == {"个人", "单位"}


def test_items_list_text_marks_the_sample(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", home, "items", "list")
    assert code == 0
    assert "示例" in out.splitlines()[0]
    assert "不能立案" in out


def test_bad_sheet_exits_1_naming_every_bad_row(
        home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, before, _ = run(capsys, "--data-dir", home, "items", "list", "--json")
    law = "《中华人民共和国大气污染防治法》"
    good = ["ZX-01", "对露天焚烧秸秆的行政处罚", "大气污染防治", law, "第七十七条", "",
            law, "第一百一十九条第一款", "", "责令改正，可以罚款",
            "不限:500-2000元|可以", "责令改正", "否", "否", "2", ""]
    rows = [good, ["ZX-02", *good[1:10], "个人:900-100元", *good[11:]],
            ["zx 03", *good[1:]], ["ZX-04", *good[1:12], "也许", *good[13:]]]
    sheet = tmp_path / "bad.csv"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADERS, *rows])
    code, _, err = run(capsys, "--data-dir", home, "--as", "admin", "items", "import", str(sheet))
    assert code == 1
    assert err.startswith("错误：执法事项清单导入被拒绝") and err.count("\n") == 1
    for row in ("第3行", "第4行", "第5行"):
        assert row in err
    assert "第2行" not in err
    _, after, _ = run(capsys, "--data-dir", home, "items", "list", "--json")
    assert after == before
    _, versions, _ = run(capsys, "--data-dir", home, "items", "versions", "--json")
    assert [v["number"] for v in json.loads(versions)] == [1]


def test_writes_without_as_exit_1(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "list.xlsx"
    code, _, _ = run(capsys, "--data-dir", home, "items", "export", str(export))
    assert code == 0 and export.exists()
    for argv in (["items", "import", str(export)], ["items", "confirm"],
                 ["benchmarks", "import", str(export)]):
        code, _, err = run(capsys, "--data-dir", home, *argv)
        assert code == 1, argv
        assert "--as" in err
    _, versions, _ = run(capsys, "--data-dir", home, "items", "versions", "--json")
    assert len(json.loads(versions)) == 1


def test_import_export_confirm_round_trip(
        home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "list.csv"
    assert run(capsys, "--data-dir", home, "items", "export", str(export))[0] == 0
    code, out, _ = run(capsys, "--data-dir", home, "--as", "admin", "items", "import", str(export),
                       "--from", "2026-11-01", "--json")
    assert code == 0
    version = json.loads(out)
    assert (version["number"], version["sample"], version["confirmed"]) == (2, False, False)
    code, out, _ = run(capsys, "--data-dir", home, "--as", "admin", "items", "confirm")
    assert code == 0 and "第2版" in out
    _, versions, _ = run(capsys, "--data-dir", home, "items", "versions", "--json")
    assert [(v["number"], v["confirmed"], v["current"]) for v in json.loads(versions)] == [
        (1, False, False), (2, True, True)]
    code, _, err = run(capsys, "--data-dir", home, "--as", "admin", "items", "import", str(export),
                       "--from", "2025-01-01")
    assert code == 1 and "施行日期" in err


def test_benchmarks_list_export_import(
        home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", home, "benchmarks", "list", "DQ-02", "--json")
    assert code == 0
    tiers = json.loads(out)
    assert len(tiers) == 8 and {t["tier_label"] for t in tiers} == {"轻微", "一般", "较重", "严重"}
    export = tmp_path / "bench.xlsx"
    assert run(capsys, "--data-dir", home, "benchmarks", "export", str(export))[0] == 0
    code, out, _ = run(capsys, "--data-dir", home, "--as", "admin", "benchmarks", "import", str(export))
    assert code == 0 and "已导入裁量基准" in out
    code, out, _ = run(capsys, "--data-dir", home, "benchmarks", "no-penalty", "--json")
    assert code == 0 and json.loads(out)
