"""Documents through the command line, in-process (CLI.md, "Documents…"): forms, render (and its refusal
with the reason), document draft | edit | issue | void | correct | list | show | get, and `document pages`
writing PNG pages rasterised with QtPdf."""

from __future__ import annotations

import hashlib
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


def investigating_case(desk: Desk) -> str:
    case = desk.ok("--as", "demo-officer1", "case", "new", "--item", "DQ-01", "--source", "inspection", "--facts",
                   "在保贤村南地块露天焚烧玉米秸秆约五亩", "--place", "保贤村", "--person", PERSON_ID, "--name", "王某某",
                   "--on", "2026-11-02").strip()
    desk.ok("--as", "demo-lead", "case", "accept", case, "--on", "2026-11-02")
    desk.ok("--as", "demo-leader", "case", "file", case, "--on", "2026-11-03")
    desk.ok("--as", "demo-lead", "case", "investigate", case, "--on", "2026-11-03",
            "--officers", "demo-officer1,demo-officer2")
    return case


def test_forms_lists_the_29_documents(desk: Desk) -> None:
    forms = desk.json("forms")
    assert len(forms) == 29
    by_id = {f["id"]: f for f in forms}
    assert by_id["penalty_decision"]["title"] == "行政处罚决定书" and by_id["penalty_decision"]["type_code"] == "罚决"
    assert "行政处罚决定书" in desk.ok("forms")


def test_render_writes_a_draft_and_refuses_with_the_reason(desk: Desk, tmp_path: Path) -> None:
    case = investigating_case(desk)
    out = tmp_path / "笔录.pdf"
    desk.ok("render", case, "inspection_record", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    code, _, err = desk.run("render", case, "penalty_decision", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "不适用于“调查取证”状态" in err and not (tmp_path / "x.pdf").exists()
    code, _, err = desk.run("render", case, "nothing", "--out", str(tmp_path / "y.pdf"))
    assert code == 1 and "未知的文书" in err


def test_draft_edit_issue_void_correct_list_show_get(desk: Desk, tmp_path: Path) -> None:
    case = investigating_case(desk)
    draft = desk.json("--as", "demo-officer1", "document", "draft", case, "rectification_notice",
                      "--set", "rectification=立即停止焚烧，于2026年12月1日前清理现场")
    assert draft["status"] == "draft" and draft["number"] is None
    shown = desk.json("document", "show", draft["id"])
    assert {t["path"]: t["edited"] for t in shown["texts"]}["text.rectification"] is True
    code, _, err = desk.run("--as", "demo-officer1", "document", "edit", draft["id"], "--set", "nonsense=1")
    assert code == 1 and "没有可编辑的“nonsense”" in err
    desk.ok("--as", "demo-officer1", "document", "edit", draft["id"], "--set", "facts=2026年11月1日，当事人露天焚烧秸秆。")
    code, _, err = desk.run("--as", "demo-officer1", "document", "issue", draft["id"])
    assert code == 1 and "签发文书" in err
    issued = desk.json("--as", "demo-lead", "document", "issue", draft["id"])
    assert issued["number"] == "文水刘责改字〔2026〕第1号" and issued["status"] == "issued"
    out = tmp_path / "通知书.pdf"
    desk.ok("document", "get", issued["number"], "--out", str(out))
    assert hashlib.sha256(out.read_bytes()).hexdigest() == issued["pdf_sha256"]
    fix = desk.json("--as", "demo-lead", "document", "correct", issued["id"])
    assert fix["replaces_id"] == issued["id"]
    second = desk.json("--as", "demo-lead", "document", "issue", fix["id"])
    assert second["number"] == "文水刘责改字〔2026〕第2号"
    listed = desk.json("document", "list", case)
    assert [(d["status"], d["number"]) for d in listed] == [("void", issued["number"]), ("issued", second["number"])]
    with pytest.raises(SystemExit) as usage:  # --reason is required: wrong usage
        desk.run("--as", "demo-lead", "document", "void", second["id"])
    assert usage.value.code == 2
    voided = desk.json("--as", "demo-lead", "document", "void", second["id"], "--reason", "当事人名称有误")
    assert voided["status"] == "void" and voided["number"] == second["number"]
    text = desk.ok("document", "list", case, "--forms")
    assert "已作废" in text and "本阶段需要" in text


def test_pages_writes_png_pages_of_every_applicable_document(desk: Desk, tmp_path: Path) -> None:
    case = investigating_case(desk)
    out = tmp_path / "pages"
    written = desk.json("document", "pages", case, "--out", str(out), "--dpi", "40")
    forms = {w["form"] for w in written}
    assert {"filing_approval", "inspection_record", "interview_record", "rectification_notice",
            "investigation_report"} <= forms
    pngs = sorted(out.glob("*.png"))
    assert len(pngs) == sum(len(w["pages"]) for w in written) and pngs
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


def test_verify_reports_a_changed_or_missing_issued_pdf(desk: Desk, tmp_path: Path) -> None:
    """`verify` checks every registered PDF against its SHA-256: a flipped byte or a missing file is a
    problem naming the document, and the exit code is 3."""
    case = investigating_case(desk)
    draft = desk.json("--as", "demo-officer1", "document", "draft", case, "rectification_notice")
    issued = desk.json("--as", "demo-lead", "document", "issue", draft["id"])
    report = desk.json("verify")
    assert report["ok"] and "documents" in report["checks"]
    stored = Path(desk.d) / "documents" / f"{issued['pdf_sha256']}.pdf"
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0x01
    stored.write_bytes(bytes(data))
    code, out, _ = desk.run("verify")
    assert code == 3 and issued["number"] in out and "SHA-256 不符" in out
    stored.unlink()
    code, out, _ = desk.run("verify", "--json")
    problems = json.loads(out)["problems"]
    assert code == 3 and [p["record"] for p in problems] == [issued["id"]] and "缺失" in problems[0]["message"]
