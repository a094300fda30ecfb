"""Cases through the command line, in-process (CLI.md, "Cases"): an ordinary case from clue to archive,
an on-the-spot decision, a rejected clue; the list, the case in full, what may be done, and refusals."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from tests.integration.cli_desk import CliDesk

NOW = "2026-11-23T10:00:00+08:00"
PERSON_ID = "142322198001010010"
ORG_CODE = "91350100M000100Y43"


@dataclass
class Desk(CliDesk):
    """A demo data directory, the captured output of each run and a proof file."""

    proof: Path

    def act(self, login: str, action: str, case: str, on: str, *options: str) -> str:
        return self.ok("--as", login, "case", action, case, "--on", on, *options)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Desk:
    monkeypatch.setenv("ENFORCEMENT_DESK_NOW", NOW)
    d = str(tmp_path / "data")
    assert main(["--data-dir", d, "demo", "--cases", "0"]) == 0
    capsys.readouterr()
    proof = tmp_path / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan of a signed receipt")
    return Desk(d, capsys, proof)


def new_clue(desk: Desk, item: str, on: str, by: str = "demo-officer1", facts: str = "露天焚烧塑料制品") -> str:
    out = desk.ok("--as", by, "case", "new", "--item", item, "--source", "inspection", "--facts", facts,
                  "--place", "保贤村", "--person", PERSON_ID, "--name", "王某某", "--on", on)
    return out.strip()


def document_id(text: str) -> str:
    found = re.search(r"文书编号 ([0-9a-f-]{36})", text)
    assert found, text
    return found.group(1)


def walk_ordinary_case_to_notice(desk: Desk) -> str:
    """DQ-02 (a major item: 法制审核 required) up to the notice served and both rights waived."""
    case = new_clue(desk, "DQ-02", "2026-08-03T09:00")
    assert "状态：已受理" in desk.act("demo-lead", "accept", case, "2026-08-03T10:00")
    filed = desk.act("demo-leader", "file", case, "2026-08-04T09:00")
    assert filed.strip() == "已立案：文水刘立字〔2026〕第1号，状态：已立案"
    number = "文水刘立字〔2026〕第1号"
    # the Chinese comma is accepted between logins
    desk.act("demo-lead", "investigate", number, "2026-08-04T10:00", "--officers", "demo-officer1，demo-officer2")
    desk.record("demo-officer1", number, "2026-08-05T09:00")  # 调查终结 needs a 笔录 or evidence (第四十条)
    desk.act("demo-officer1", "conclude", number, "2026-08-20T10:00", "--findings", "事实清楚，证据确实充分")
    desk.act("demo-lead", "review_case", number, "2026-08-21T10:00", "--outcome", "passed", "--opinion", "同意")
    notice = desk.act("demo-lead", "notify", number, "2026-08-24T10:00", "--penalty", "fine", "--amount", "1000",
                      "--hearing-rights", "yes")
    assert "已签发 文水刘罚告字〔2026〕第1号（文书编号 " in notice
    served = desk.act("demo-officer1", "serve", number, "2026-08-24T15:00", "--document", document_id(notice),
                      "--method", "direct", "--proof", str(desk.proof), "--recipient", "王某某")
    assert "状态：已告知" in served
    desk.act("demo-officer1", "waive", number, "2026-08-25T09:00", "--what", "statement", "--proof", str(desk.proof))
    desk.act("demo-officer1", "waive", number, "2026-08-25T09:05", "--what", "hearing", "--proof", str(desk.proof))
    return case


def finish_ordinary_case(desk: Desk, case: str) -> None:
    number = "文水刘立字〔2026〕第1号"
    desk.act("demo-officer1", "submit_review", number, "2026-08-26T09:00")
    desk.act("demo-reviewer", "legal_review", number, "2026-08-27T09:00", "--outcome", "passed", "--opinion", "同意")
    decision = json.loads(desk.act("demo-leader", "decide", number, "2026-08-28T09:00", "--kind", "penalty",
                                   "--penalty", "fine", "--amount", "1000", "--tier", "general",
                                   "--explanation", "焚烧量不大，属一般情形", "--json"))
    assert decision["state"] == "decided" and decision["action_label"] == "决定"
    assert decision["document_number"] == "文水刘罚决字〔2026〕第1号"
    served = desk.act("demo-officer1", "serve", case, "2026-08-28T15:00", "--document", decision["document_number"],
                      "--method", "direct", "--proof", str(desk.proof))
    assert "状态：已送达" in served
    assert "状态：执行中" in desk.act("demo-officer1", "pay", case, "2026-09-01T10:00", "--amount", "1,000元")
    assert "状态：已结案" in desk.act("demo-leader", "close", case, "2026-09-02T10:00", "--reason", "罚款已缴清")
    assert "状态：已归档" in desk.act("demo-clerk", "archive", case, "2026-09-03T10:00")


def decide_on_the_spot(desk: Desk) -> str:
    """XF-01 (person: up to 500 yuan): a 200-yuan fine on the spot, paid, closed."""
    case = new_clue(desk, "XF-01", "2026-11-20T09:00", by="demo-officer3", facts="杂物堵塞疏散通道")
    spot = desk.act("demo-officer3", "decide_on_spot", case, "2026-11-20T09:30", "--officers",
                    "demo-officer3,demo-officer4", "--penalty", "fine", "--amount", "200", "--form-number", "0001234")
    assert "状态：已送达" in spot and "已签发 0001234（文书编号 " in spot
    assert "状态：执行中" in desk.act("demo-officer3", "pay", case, "2026-11-21T10:00", "--amount", "200")
    assert "状态：已结案" in desk.act("demo-leader", "close", case, "2026-11-22T10:00", "--reason", "罚款已缴清")
    return case


def reject_clue(desk: Desk) -> str:
    out = desk.ok("--as", "demo-officer2", "case", "new", "--item", "DQ-01", "--source", "complaint", "--facts",
                  "群众投诉烟尘", "--org", ORG_CODE, "--name", "文水县某某养殖有限公司", "--on", "2026-11-21T08:30")
    case = out.strip()
    rejected = desk.act("demo-lead", "reject", case, "2026-11-21T11:00", "--reason", "不属于本镇管辖")
    assert rejected.strip() == f"已不予受理：{case}，状态：不予受理"
    return case


def test_three_cases_through_the_cli_list_show_and_verify(desk: Desk) -> None:
    ordinary = walk_ordinary_case_to_notice(desk)
    # refused: 法制审核 first (a major item); one line on stderr naming the rule, nothing written
    code, out, err = desk.run("--as", "demo-leader", "case", "decide", ordinary, "--on", "2026-08-26T09:00",
                              "--penalty", "fine", "--amount", "1000", "--tier", "general", "--explanation", "一般")
    assert code == 1 and out == ""
    assert err == "错误：决定前须经法制审核（行政处罚法第五十八条）\n"
    assert "Traceback" not in err
    answers = {a["action"]: a for a in desk.json("--as", "demo-leader", "case", "actions", ordinary)}
    assert len(answers) == 33  # CLI.md's 32 and publish (公示)
    assert answers["decide"]["allowed"] is False
    assert answers["decide"]["reason"] == "决定前须经法制审核（行政处罚法第五十八条）"
    assert answers["decide"]["article"] == "行政处罚法第五十八条"
    assert answers["decide"]["action_label"] == "决定"
    assert answers["approve"]["allowed"] is True and answers["approve"]["reason"] is None
    text = desk.ok("--as", "demo-leader", "case", "actions", ordinary)
    assert "✘ 决定（decide）：决定前须经法制审核（行政处罚法第五十八条）" in text
    assert "✔ 审批（approve）" in text
    finish_ordinary_case(desk, ordinary)
    simple = decide_on_the_spot(desk)
    rejected = reject_clue(desk)

    rows = {r["id"]: r for r in desk.json("cases")}
    assert set(rows) == {ordinary, simple, rejected}
    assert rows[ordinary]["state"] == "archived" and rows[ordinary]["state_label"] == "已归档"
    assert rows[ordinary]["number"] == "文水刘立字〔2026〕第1号"
    assert rows[simple]["state"] == "closed" and rows[simple]["number"] is None
    assert rows[rejected]["state"] == "rejected" and rows[rejected]["state_label"] == "不予受理"
    assert rows[rejected]["parties"][0]["kind"] == "organisation"
    assert rows[ordinary]["parties"][0] == {"id": rows[ordinary]["parties"][0]["id"], "name": "王某某",
                                            "kind": "person", "kind_label": "自然人"}
    assert rows[ordinary]["opened_on"] == "2026-08-03" and rows[ordinary]["item_code"] == "DQ-02"
    for row in rows.values():
        assert row["overdue"] is False
        for d in row["deadlines"]:
            assert {"kind", "due", "counting", "article", "status", "provisional"} <= set(d)
            assert d["counting"] in ("natural", "working")
            assert d["status"] in ("open", "due_soon", "overdue", "met")
    assert [r["id"] for r in desk.json("cases", "--state", "rejected")] == [rejected]

    listing = desk.ok("cases")
    assert listing.splitlines()[0].split() == ["序号", "案号", "状态", "事项", "当事人", "登记日期", "期限"]
    assert "文水刘立字〔2026〕第1号" in listing and "（未立案）" in listing and "（线索，未立案）" in listing
    assert listing.rstrip().endswith("共 3 条")

    detail = desk.json("case", "show", ordinary)
    roles = {(o["login"], o["role_in_case"]) for o in detail["officers"]}
    assert {("demo-officer1", "handler"), ("demo-lead", "case_reviewer"), ("demo-reviewer", "legal_reviewer"),
            ("demo-leader", "decider")} <= roles
    assert all(o["role_in_case_label"] for o in detail["officers"])
    assert detail["execution"] == {"fine": "1000.00", "paid": "1000.00", "outstanding": "0.00", "surcharge": None,
                                   "surcharge_until": None, "deferred_until": None, "instalments": []}
    assert [t["action"] for t in detail["timeline"]][:3] == ["register", "accept", "file"]
    assert detail["timeline"][2]["occurred_at"] == "2026-08-04T09:00:00+08:00"
    assert detail["timeline"][2]["action_label"] == "立案" and detail["timeline"][2]["to_state_label"] == "已立案"
    assert {d["number"] for d in detail["documents"]} == {"文水刘罚告字〔2026〕第1号", "文水刘罚决字〔2026〕第1号"}
    assert detail["decision"]["tier"] == "general" and detail["decision"]["kind_label"] == "行政处罚"
    assert detail["source_label"] == "日常巡查" and detail["state_label"] == "已归档"
    assert isinstance(detail["suggestions"], list)

    shown = desk.ok("case", "show", ordinary)
    assert "案号：文水刘立字〔2026〕第1号" in shown and "状态：已归档" in shown and "当事人：王某某" in shown
    assert "2026-08-04 09:00 立案（demo-leader）" in shown
    assert "法制审核员（demo-reviewer）法制审核人" in shown
    assert re.search(r"缴纳罚款期限 2026-09-14\s+已完成", shown)

    assert "案号：（简易程序，无案号）" in desk.ok("case", "show", simple)
    simple_detail = desk.json("case", "show", simple)
    assert simple_detail["procedure"] == "simple" and simple_detail["procedure_label"] == "简易程序"
    assert simple_detail["documents"][0]["number"] == "0001234"

    code, out, err = desk.run("verify")
    assert code == 0, out + err


def test_write_without_as_is_refused(desk: Desk) -> None:
    code, out, err = desk.run("case", "new", "--item", "DQ-01", "--source", "inspection", "--facts", "焚烧",
                              "--person", PERSON_ID, "--name", "王某某")
    assert code == 1 and out == ""
    assert err.startswith("错误：写入操作须指定操作用户") and err.count("\n") == 1
    case = new_clue(desk, "DQ-01", "2026-11-20T09:00")
    code, _, err = desk.run("case", "accept", case)
    assert code == 1 and "--as" in err
    assert desk.json("case", "show", case)["state"] == "clue"


def test_on_the_spot_fine_over_the_simple_limit_is_refused(desk: Desk) -> None:
    case = new_clue(desk, "XF-01", "2026-11-20T09:00", by="demo-officer3")
    code, _, err = desk.run("--as", "demo-officer3", "case", "decide_on_spot", case, "--officers",
                            "demo-officer3,demo-officer4", "--penalty", "fine", "--amount", "300",
                            "--form-number", "0001234")
    assert code == 1 and "第五十一条" in err and "Traceback" not in err
    assert desk.json("case", "show", case)["state"] == "clue"


def test_rejected_clue_allows_nothing_more(desk: Desk) -> None:
    case = reject_clue(desk)
    answers = {a["action"]: a for a in desk.json("--as", "demo-lead", "case", "actions", case)}
    assert not any(a["allowed"] for a in answers.values())
    assert answers["accept"]["reason"] == "当前状态“不予受理”不能进行“受理”"
    shown = desk.ok("case", "show", case)
    assert "案号：（线索，未立案）" in shown and "不予受理（demo-lead） → 不予受理：不属于本镇管辖" in shown


def test_new_prints_the_id_and_warnings_go_to_stderr(desk: Desk) -> None:
    code, out, err = desk.run("--as", "demo-officer1", "case", "new", "--item", "DQ-01", "--source", "complaint",
                              "--facts", "投诉", "--org", ORG_CODE, "--name", "某公司", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"id", "party_id", "warnings"}
    assert data["warnings"] == ["未填写法定代表人（负责人）"]
    assert err == "提示：未填写法定代表人（负责人）\n"


def test_on_date_alone_is_now_today_and_noon_otherwise(desk: Desk) -> None:
    today = new_clue(desk, "DQ-01", "2026-11-23")
    earlier = new_clue(desk, "DQ-01", "2026-11-20")
    assert desk.json("case", "show", today)["timeline"][0]["occurred_at"] == "2026-11-23T10:00:00+08:00"
    assert desk.json("case", "show", earlier)["timeline"][0]["occurred_at"] == "2026-11-20T12:00:00+08:00"
    code, _, err = desk.run("--as", "demo-lead", "case", "accept", today, "--on", "2026-11-23T10:30")
    assert code == 1 and err == "错误：--on：发生时间不能晚于现在\n"
    code, _, err = desk.run("--as", "demo-lead", "case", "accept", today, "--on", "23/11/2026")
    assert code == 1 and "--on" in err


def test_short_search_says_which_fields_it_searched(desk: Desk) -> None:
    new_clue(desk, "DQ-01", "2026-11-20T09:00")
    out = desk.ok("cases", "--search", "王某")
    assert "只检索了案号、当事人名称、证件号码" in out and "王某某" in out
    out = desk.ok("cases", "--search", "露天焚烧")
    assert "只检索了" not in out and "共 1 条" in out
    assert desk.ok("cases", "--search", "李四光").strip() == "没有符合条件的案件。"


def test_bad_usage_and_bad_amount(desk: Desk) -> None:
    case = new_clue(desk, "DQ-01", "2026-11-20T09:00")
    with pytest.raises(SystemExit) as info:  # --what and --proof missing: wrong usage
        desk.run("--as", "demo-lead", "case", "waive", case)
    assert info.value.code == 2 and "用法错误" in desk.capsys.readouterr().err
    with pytest.raises(SystemExit) as info:  # not a state
        desk.run("cases", "--state", "open")
    assert info.value.code == 2
    desk.capsys.readouterr()
    code, _, err = desk.run("--as", "demo-officer1", "case", "pay", case, "--amount", "十元")
    assert code == 1 and err.startswith("错误：--amount")
    code, _, err = desk.run("case", "show", "没有这个案件")
    assert code == 1 and "不存在" in err


def test_transfer_to_another_department_then_receipt_then_close(desk: Desk) -> None:
    case = new_clue(desk, "DQ-01", "2026-11-20T09:00")
    out = desk.act("demo-leader", "transfer", case, "2026-11-20T10:00", "--to", "department",
                   "--receiver", "吕梁市生态环境局文水分局", "--reason", "属生态环境部门管辖")
    assert "状态：已移送" in out and "已签发 文水刘移字〔2026〕第1号" in out and "未填写接收机关" not in out
    code, _, err = desk.run("--as", "demo-leader", "case", "close", case)
    assert code == 1 and err.startswith("错误：")
    assert desk.ok("--as", "demo-officer1", "case", "receipt", case, "--on", "2026-11-21T10:00").startswith(
        "已登记移送回执")
    assert "状态：已结案" in desk.act("demo-leader", "close", case, "2026-11-21T11:00")
    timeline = desk.json("case", "show", case)["timeline"]
    assert [t["action"] for t in timeline] == ["register", "transfer", "receipt", "close"]
    assert timeline[1]["data"]["receiver"] == "吕梁市生态环境局文水分局"


def test_today_sets_the_reference_date_for_deadline_status(desk: Desk) -> None:
    new_clue(desk, "DQ-01", "2026-11-20T09:00")  # 立案审查期限: 15 working days → 2026-12-11
    assert "将到期：立案审查期限 2026-12-11" in desk.ok("--today", "2026-12-09", "cases")
    assert desk.json("cases", "--overdue") == []
    out = desk.ok("--today", "2026-12-20", "cases", "--overdue")
    assert "逾期：立案审查期限 2026-12-11" in out and "共 1 条" in out
    row = desk.json("--today", "2026-12-20", "cases")[0]
    assert row["overdue"] is True
    assert row["deadlines"][0]["status"] == "overdue" and row["deadlines"][0]["status_label"] == "已逾期"


def test_every_action_code_has_its_sub_command(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.domain.procedure import CaseAction

    for action in CaseAction:
        with pytest.raises(SystemExit) as info:
            main(["case", action.value, "--help"])
        assert info.value.code == 0
        assert "--on" in capsys.readouterr().out


def decided_fine(desk: Desk) -> tuple[str, str]:
    """The DQ-02 case decided (a 1,000-yuan fine) on 2026-08-28, not served: (case, decision number)."""
    case = walk_ordinary_case_to_notice(desk)
    number = "文水刘立字〔2026〕第1号"
    desk.act("demo-officer1", "submit_review", number, "2026-08-26T09:00")
    desk.act("demo-reviewer", "legal_review", number, "2026-08-27T09:00", "--outcome", "passed", "--opinion", "同意")
    decision = json.loads(desk.act("demo-leader", "decide", number, "2026-08-28T09:00", "--kind", "penalty",
                                   "--penalty", "fine", "--amount", "1000", "--tier", "general",
                                   "--explanation", "焚烧量不大，属一般情形", "--json"))
    return case, decision["document_number"]


def test_closing_an_unfinished_execution_is_an_explicit_termination(desk: Desk) -> None:
    """行政强制法 第四十条: 结案 of a fine still owed is refused unless 终结执行 is chosen with its ground."""
    case, decision = decided_fine(desk)
    desk.act("demo-officer1", "serve", case, "2026-08-28T15:00", "--document", decision,
             "--method", "direct", "--proof", str(desk.proof))
    desk.act("demo-officer1", "pay", case, "2026-09-01T10:00", "--amount", "400")
    code, _, err = desk.run("--as", "demo-leader", "case", "close", case, "--on", "2026-09-02T10:00",
                            "--reason", "结案")
    assert code == 1 and "尚未执行完毕" in err and "行政强制法第四十条" in err
    code, _, err = desk.run("--as", "demo-leader", "case", "close", case, "--on", "2026-09-02T10:00",
                            "--outcome", "terminated")
    assert code != 0 and "终结执行的理由" in err
    ground = "当事人死亡，无遗产可供执行，又无义务承受人（行政强制法第四十条第一项）"
    assert "状态：已结案" in desk.act("demo-leader", "close", case, "2026-09-02T10:00", "--outcome", "terminated",
                                    "--reason", ground)
    closing = desk.json("case", "show", case)["timeline"][-1]
    assert closing["data"] == {"outcome": "terminated", "reason": ground, "owed": "600"}


def test_left_service_and_a_plan_of_instalments(desk: Desk) -> None:
    """送达 by the method's needs (民事诉讼法第八十九条; 行政处罚法第六十一条) and 分期缴纳 (第六十六条第二款)."""
    case, decision = decided_fine(desk)
    code, _, err = desk.run("--as", "demo-officer1", "case", "serve", case, "--on", "2026-08-28T15:00",
                            "--document", decision, "--method", "electronic", "--proof", str(desk.proof))
    assert code == 1 and "确认书（行政处罚法第六十一条第二款）" in err
    served = desk.act("demo-officer1", "serve", case, "2026-08-28T15:00", "--document", decision, "--method", "left",
                      "--proof", str(desk.proof), "--reason", "当事人拒绝签收", "--witness", "保贤村村委会 李某")
    assert "状态：已送达" in served
    desk.act("demo-leader", "approve", case, "2026-09-01T09:00", "--what", "deferral", "--outcome", "granted",
             "--reason", "当事人确有经济困难", "--until", "2026-11-30")
    with pytest.raises(SystemExit) as usage:  # one of the two is required: a usage error
        desk.run("--as", "demo-officer1", "case", "defer", case, "--on", "2026-09-01T10:00")
    err = desk.capsys.readouterr().err
    assert usage.value.code == 2 and "--until" in err and "--instalments" in err
    code, _, err = desk.run("--as", "demo-officer1", "case", "defer", case, "--on", "2026-09-01T10:00",
                            "--instalments", "2026-10-15:400，2026-11-16:500")
    assert code != 0 and "应等于尚欠罚款 1000.00 元" in err
    desk.act("demo-officer1", "defer", case, "2026-09-01T10:00", "--instalments", "2026-10-15:400，2026-11-16:600")
    shown = desk.json("case", "show", case)
    plan = shown["execution"]["instalments"]
    assert [(i["due"], i["amount"]) for i in plan] == [("2026-10-15", "400.00"), ("2026-11-16", "600.00")]
    text = desk.ok("--today", "2026-10-20", "case", "show", case)
    assert "  分期第1期：2026-10-15 400.00 元，已逾期" in text and "  分期第2期：2026-11-16 600.00 元，待缴" in text
    serve_event = [e for e in shown["timeline"] if e["action"] == "serve"][-1]
    assert serve_event["data"]["witness"] == "保贤村村委会 李某"
