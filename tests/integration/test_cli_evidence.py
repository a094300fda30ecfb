"""`evidence` and `record` through the command line, in-process (CLI.md, "Documents, records, evidence,
checks"): adding by code or Chinese type, the list, duplicates, fixity with exit code 3, removal refused,
records, and refusals on stderr in Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from tests.integration.cli_desk import CliDesk

NOW = "2026-11-23T10:00:00+08:00"
PERSON_ID = "142322198001010010"


Desk = CliDesk


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Desk:
    monkeypatch.setenv("ENFORCEMENT_DESK_NOW", NOW)
    d = str(tmp_path / "data")
    assert main(["--data-dir", d, "demo", "--cases", "0"]) == 0
    capsys.readouterr()
    return Desk(d, capsys)


@pytest.fixture
def case(desk: Desk) -> str:
    return desk.ok("--as", "demo-officer1", "case", "new", "--item", "DQ-01", "--source", "inspection",
                   "--facts", "露天焚烧秸秆", "--place", "保贤村", "--person", PERSON_ID, "--name", "王某某",
                   "--on", "2026-11-20T09:00").strip()


def files(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "现场照片.jpg"
    a.write_bytes(b"\xff\xd8\xff\xe0" + b"photo one" * 100)
    b = tmp_path / "录像.mp4"
    b.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"video" * 1000)
    return a, b


def store_path(desk: Desk, sha: str) -> Path:
    return Path(desk.d) / "evidence" / sha[:2] / sha[2:4] / sha


def test_add_list_and_duplicate(desk: Desk, case: str, tmp_path: Path) -> None:
    a, b = files(tmp_path)
    out = desk.ok("--as", "demo-officer1", "evidence", "add", case, str(a), "--type", "书证",
                  "--place", "保贤村", "--on", "2026-11-20T09:30")
    assert "已登记证据第 1 号《现场照片》（书证" in out
    added = desk.json("--as", "demo-officer1", "evidence", "add", case, str(b), str(a), "--type", "audiovisual",
                      "--title", "现场录像")
    assert [i["number"] for i in added] == [2, 3]
    assert added[0]["type"] == "audiovisual" and added[0]["type_label"] == "视听资料"
    assert added[0]["device"] is not None and added[0]["mime_type"] == "video/mp4"
    listed = desk.json("evidence", "list", case)
    assert [(i["number"], i["title"], i["original_name"]) for i in listed] == [
        (1, "现场照片", "现场照片.jpg"), (2, "现场录像（1）", "录像.mp4"), (3, "现场录像（2）", "现场照片.jpg")]
    assert listed[0]["collected_at"] == "2026-11-20T09:30:00+08:00"
    assert listed[0]["sha256"] == listed[2]["sha256"] and listed[0]["removed"] is False
    text = desk.ok("evidence", "list", case)
    assert "共 3 条" in text and "视听资料" in text
    stored = [p for p in (Path(desk.d) / "evidence").rglob("*") if p.is_file()]
    assert len(stored) == 2  # the photo once, the video once
    shown = desk.json("case", "show", case)
    assert [e["number"] for e in shown["evidence"]] == [1, 2, 3]


def test_the_same_file_again_warns_on_stderr(desk: Desk, case: str, tmp_path: Path) -> None:
    a, _ = files(tmp_path)
    desk.ok("--as", "demo-officer1", "evidence", "add", case, str(a), "--type", "书证")
    code, out, err = desk.run("--as", "demo-officer1", "evidence", "add", case, str(a), "--type", "物证")
    assert code == 0 and "第 2 号" in out
    assert "与本案证据第 1 号是同一文件" in err


def test_verify_reports_each_problem_with_exit_code_3(desk: Desk, case: str, tmp_path: Path) -> None:
    a, b = files(tmp_path)
    items = desk.json("--as", "demo-officer1", "evidence", "add", case, str(a), str(b), "--type", "书证")
    assert "证据库校验通过：2 个文件完好" in desk.ok("evidence", "verify")
    flipped = store_path(desk, items[0]["sha256"])
    flipped.chmod(0o644)
    data = bytearray(flipped.read_bytes())
    data[5] ^= 0x80
    flipped.write_bytes(bytes(data))
    code, out, _ = desk.run("evidence", "verify", "--json")
    report = json.loads(out)
    assert code == 3 and report["ok"] is False and report["altered"] == [items[0]["sha256"]]
    flipped.write_bytes(a.read_bytes())
    missing = store_path(desk, items[1]["sha256"])
    missing.chmod(0o644)
    missing.unlink()
    code, out, _ = desk.run("evidence", "verify", "--json")
    assert code == 3 and json.loads(out)["missing"] == [items[1]["sha256"]]
    missing.parent.mkdir(parents=True, exist_ok=True)
    missing.write_bytes(b.read_bytes())
    (Path(desk.d) / "evidence" / "notes.txt").write_text("stray")
    code, out, _ = desk.run("evidence", "verify")
    assert code == 3 and "证据库中有未登记的文件：notes.txt" in out
    code, out, _ = desk.run("verify", "--json")
    report = json.loads(out)
    assert code == 3 and "evidence" in report["checks"]
    assert [p["check"] for p in report["problems"]] == ["evidence"]
    (Path(desk.d) / "evidence" / "notes.txt").unlink()
    assert desk.run("evidence", "verify")[0] == 0
    assert desk.run("verify")[0] == 0


def test_removal_is_refused_while_the_case_is_open(desk: Desk, case: str, tmp_path: Path) -> None:
    a, _ = files(tmp_path)
    (item,) = desk.json("--as", "demo-officer1", "evidence", "add", case, str(a), "--type", "书证")
    code, _, err = desk.run("--as", "demo-clerk", "evidence", "remove", item["id"], "--reason", "拍错了")
    assert code == 1
    assert err.strip() == ("错误：不能删除证据第 1 号：案件尚未归档（当前状态：线索登记），证据须随案卷归档保存，"
                           "不得删除（行政处罚法第四十七条）")
    assert desk.json("evidence", "list", case)[0]["removed"] is False


def test_export_is_a_custody_record(desk: Desk, case: str, tmp_path: Path) -> None:
    a, _ = files(tmp_path)
    (item,) = desk.json("--as", "demo-officer1", "evidence", "add", case, str(a), "--type", "书证")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert "已导出到" in desk.ok("--as", "demo-supervisor", "evidence", "export", item["id"], "--out", str(out_dir))
    assert (out_dir / "现场照片.jpg").read_bytes() == a.read_bytes()
    code, _, err = desk.run("evidence", "export", item["id"], "--out", str(tmp_path / "x.jpg"))
    assert code == 1 and "--as" in err


def test_refusals_are_one_chinese_line(desk: Desk, case: str, tmp_path: Path) -> None:
    a, _ = files(tmp_path)
    code, out, err = desk.run("--as", "demo-officer1", "evidence", "add", case, str(a), "--type", "照片")
    assert code == 1 and out == "" and err.startswith("错误：证据类型“照片”无效")
    code, _, err = desk.run("evidence", "add", case, str(a), "--type", "书证")
    assert code == 1 and "--as" in err
    code, _, err = desk.run("--as", "demo-officer1", "evidence", "add", case, str(tmp_path / "nope.jpg"),
                            "--type", "书证")
    assert code == 1 and "证据文件不存在" in err
    code, _, err = desk.run("--as", "demo-officer1", "evidence", "add", case, str(a), "--type", "书证",
                            "--device", "NO-SUCH-CAMERA")
    assert code == 1 and "执法记录仪每人一部" in err
    assert desk.json("evidence", "list", case) == []


def test_records_add_and_list(desk: Desk, case: str, tmp_path: Path) -> None:
    content = tmp_path / "询问.json"
    content.write_text(json.dumps({
        "persons_present": [{"name": "王某某", "role": "被询问人"}],
        "questions": [{"q": "你是否在保贤村焚烧秸秆？", "a": "是。"}],
        "signature": "已签名"}, ensure_ascii=False), encoding="utf-8")
    record = desk.json("--as", "demo-officer1", "record", "add", case, "--kind", "interview",
                       "--on", "2026-11-21T10:00", "--officers", "demo-officer1,demo-officer2", "--place", "镇政府",
                       "--file", str(content))
    assert record["kind_label"] == "询问（调查）笔录" and record["signature"] == "signed"
    assert record["occurred_at"] == "2026-11-21T10:00:00+08:00"
    assert all(o["certificate_number"] for o in record["officers"])
    listed = desk.json("record", "list", case)
    assert [r["id"] for r in listed] == [record["id"]]
    assert "询问（调查）笔录" in desk.ok("record", "list", case)
    assert desk.json("case", "show", case)["records"][0]["id"] == record["id"]
    video = tmp_path / "询问录像.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"v" * 100)
    (item,) = desk.json("--as", "demo-officer1", "evidence", "add", case, str(video), "--type", "视听资料",
                        "--record", record["id"])
    assert item["record_id"] == record["id"]
    code, _, err = desk.run("--as", "demo-officer1", "record", "add", case, "--kind", "interview",
                            "--on", "2026-11-21T10:00", "--officers", "demo-officer1", "--place", "镇政府",
                            "--file", str(content))
    assert code == 1 and "至少两名执法人员" in err
    content.write_text("{not json", encoding="utf-8")
    code, _, err = desk.run("--as", "demo-officer1", "record", "add", case, "--kind", "interview",
                            "--on", "2026-11-21T10:00", "--officers", "demo-officer1,demo-officer2",
                            "--place", "镇政府", "--file", str(content))
    assert code == 1 and "不是有效的 JSON" in err
