"""Issue #14 additions through the command line: `case publish` (公示, 行政处罚法 第四十八条), decide with
--quantity / --base-value, `approve --what case_reviewer --reviewer`, events refused out of date order,
and the close reason and review outcome in `case show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from tests.integration.test_cli_cases import NOW, Desk, new_clue


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Desk:
    monkeypatch.setenv("ENFORCEMENT_DESK_NOW", NOW)
    d = str(tmp_path / "data")
    assert main(["--data-dir", d, "demo", "--cases", "0"]) == 0
    capsys.readouterr()
    proof = tmp_path / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan of a signed receipt")
    return Desk(d, capsys, proof)


def _to_investigated(desk: Desk, item: str, day: str = "2026-08-03") -> str:
    case = new_clue(desk, item, f"{day}T09:00", facts="未经批准建住宅")
    desk.act("demo-lead", "accept", case, f"{day}T10:00")
    desk.act("demo-leader", "file", case, f"{day}T11:00")
    desk.act("demo-lead", "investigate", case, f"{day}T12:00", "--officers", "demo-officer1,demo-officer2")
    desk.record("demo-officer1", case, f"{day}T14:00")  # 调查终结 needs a 笔录 or evidence (第四十条)
    desk.act("demo-officer1", "conclude", case, "2026-08-20T10:00", "--findings", "事实清楚")
    return case


def _to_decision(desk: Desk, case: str, amount: str) -> None:
    desk.act("demo-lead", "review_case", case, "2026-08-21T10:00", "--outcome", "passed", "--opinion", "同意")
    notice = json.loads(desk.act("demo-lead", "notify", case, "2026-08-24T10:00", "--penalty", "fine", "--amount",
                                 amount, "--hearing-rights", "yes", "--quantity", "120", "--json"))
    desk.act("demo-officer1", "serve", case, "2026-08-24T15:00", "--document", notice["document_id"], "--method",
             "direct", "--proof", str(desk.proof))
    desk.act("demo-officer1", "waive", case, "2026-08-25T09:00", "--what", "statement", "--proof", str(desk.proof))
    desk.act("demo-officer1", "waive", case, "2026-08-25T09:05", "--what", "hearing", "--proof", str(desk.proof))
    desk.act("demo-officer1", "submit_review", case, "2026-08-26T09:00")
    desk.act("demo-reviewer", "legal_review", case, "2026-08-27T09:00", "--outcome", "passed", "--opinion", "同意")


def test_decide_per_square_metre_publish_and_close_with_reason(desk: Desk) -> None:
    case = _to_investigated(desk, "GH-01")
    _to_decision(desk, case, "3000")
    decide = ("--as", "demo-leader", "case", "decide", case, "--on", "2026-08-28T09:00", "--kind", "penalty",
              "--penalty", "fine", "--amount", "3000", "--tier", "general", "--explanation", "按一般档次裁量")
    code, out, err = desk.run(*decide)
    assert code == 1 and out == ""
    assert err.startswith("错误：") and "--quantity：" in err and "须填写违法面积（平方米）" in err
    code, _, err = desk.run(*decide, "--quantity", "abc")
    assert code == 1 and "面积" in err
    decision = json.loads(desk.ok(*decide, "--quantity", "120", "--json"))
    assert decision["state"] == "decided"
    shown = desk.json("case", "show", case)
    assert shown["decision"]["quantity"] == "120"
    publicity = next(d for d in shown["deadlines"] if d["kind"] == "publicity")
    assert publicity["due"] == "2026-09-08" and publicity["counting"] == "working"  # 7 working days
    assert "面积 120 平方米" in desk.ok("case", "show", case)

    desk.act("demo-officer1", "serve", case, "2026-08-28T15:00", "--document", decision["document_id"],
             "--method", "direct", "--proof", str(desk.proof))
    # the publication: out of order refused, naming both dates
    code, _, err = desk.run("--as", "demo-officer1", "case", "publish", case, "--on", "2026-08-27T10:00",
                            "--channel", "政府网站")
    assert code == 1 and "2026-08-27" in err and "2026-08-28" in err
    with pytest.raises(SystemExit) as usage:  # a required option: wrong usage
        desk.run("--as", "demo-officer1", "case", "publish", case, "--on", "2026-08-31T10:00")
    assert usage.value.code == 2 and "--channel" in desk.capsys.readouterr().err
    out = desk.act("demo-officer1", "publish", case, "2026-08-31T10:00", "--channel", "政府网站",
                   "--url", "http://www.wenshui.gov.cn/gs/3")
    assert out.strip().startswith("已登记公示：") and "状态：已送达" in out
    shown = desk.json("case", "show", case)
    publicity = next(d for d in shown["deadlines"] if d["kind"] == "publicity")
    assert publicity["status"] == "met" and publicity["met_on"] == "2026-08-31"
    assert shown["timeline"][-1]["action"] == "publish"
    assert shown["timeline"][-1]["action_label"] == "公示"
    assert shown["timeline"][-1]["data"]["channel"] == "政府网站"

    desk.act("demo-officer1", "pay", case, "2026-09-01T10:00", "--amount", "3000")
    desk.act("demo-leader", "close", case, "2026-09-02T10:00", "--reason", "罚款已缴清，违法建筑已拆除")
    shown = desk.json("case", "show", case)
    assert shown["close_reason"] == "罚款已缴清，违法建筑已拆除"
    assert "结案理由：罚款已缴清，违法建筑已拆除" in desk.ok("case", "show", case)
    review = next(t for t in shown["timeline"] if t["action"] == "review_case")
    assert review["data"] == {"outcome": "passed", "opinion": "同意"}


def test_decide_as_a_multiple_of_a_base(desk: Desk) -> None:
    case = _to_investigated(desk, "GH-07")
    _to_decision(desk, case, "7000")
    decide = ("--as", "demo-leader", "case", "decide", case, "--on", "2026-08-28T09:00", "--penalty", "fine",
              "--amount", "7000", "--tier", "general", "--explanation", "按一般档次裁量")
    code, _, err = desk.run(*decide)
    assert code == 1 and "--base-value：" in err and "须填写建设工程造价（元）" in err
    assert "状态：已决定" in desk.ok(*decide, "--base-value", "100000")
    assert "建设工程造价 100000 元" in desk.ok("case", "show", case)


def test_approve_a_case_reviewer(desk: Desk) -> None:
    case = _to_investigated(desk, "DQ-01")
    code, _, err = desk.run("--as", "demo-officer3", "case", "review_case", case, "--on", "2026-08-21T09:00",
                            "--outcome", "passed", "--opinion", "同意")
    assert code == 1 and "负责人指定的案件审核人" in err
    code, _, err = desk.run("--as", "demo-leader", "case", "approve", case, "--on", "2026-08-21T09:00", "--what",
                            "case_reviewer", "--outcome", "granted", "--reviewer", "demo-officer1")
    assert code == 1 and "被指定的人员是本案承办人" in err
    out = desk.act("demo-leader", "approve", case, "2026-08-21T09:30", "--what", "case_reviewer", "--outcome",
                   "granted", "--reviewer", "demo-officer3", "--reason", "指定审核")
    assert "已登记审批" in out and "指定案件审核人" in out
    out = desk.act("demo-officer3", "review_case", case, "2026-08-21T10:00", "--outcome", "passed",
                   "--opinion", "同意")
    assert "状态：调查终结" in out
    shown = desk.json("case", "show", case)
    assert {"login": "demo-officer3", "role_in_case": "case_reviewer"}.items() <= next(
        o for o in shown["officers"] if o["login"] == "demo-officer3").items()
    assert any(a["what"] == "case_reviewer" and a["what_label"] == "指定案件审核人" for a in shown["approvals"])
