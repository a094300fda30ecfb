"""The case kinds that tests/integration/test_cli_cases.py does not walk, through the command line,
in-process (CLI.md, "Cases"): an ordinary case with a hearing, 法制审核 and 集体讨论, a 首违免罚 no-penalty decision, a transfer to the judicial organs returned
not prosecuted, a withdrawn case and court enforcement after non-payment; and two refusals — a fine
after the court imposed 罚金, and apply_court before the 催告 period ended.

The dates and steps are those of tests/workflow/test_paths.py (the same paths at service level)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli.main import main
from tests.integration.cli_desk import CliDesk

NOW = "2026-11-23T10:00:00+08:00"
PERSON_ID = "142322198001010010"
HANDLERS = "demo-officer1,demo-officer2"


@dataclass
class Desk(CliDesk):
    """A demo data directory, the captured output of each run and a proof file."""

    proof: Path

    def step(self, login: str, action: str, case: str, on: str, *options: str) -> dict[str, Any]:
        """One `case ACTION` as LOGIN; exit 0; its result as JSON."""
        result: dict[str, Any] = json.loads(
            self.ok("--as", login, "case", action, case, "--on", on, *options, "--json"))
        assert result["action"] == action
        return result

    def refused(self, login: str, action: str, case: str, on: str, *options: str) -> str:
        """One `case ACTION` that must be refused: exit 1, nothing on stdout, one line on stderr."""
        code, out, err = self.run("--as", login, "case", action, case, "--on", on, *options)
        assert code == 1 and out == "", (code, out, err)
        assert err.startswith("错误：") and err.count("\n") == 1 and "Traceback" not in err
        return err

    def show(self, case: str) -> dict[str, Any]:
        detail: dict[str, Any] = json.loads(self.ok("--as", "demo-leader", "case", "show", case, "--json"))
        return detail

    def verify(self) -> None:
        code, out, err = self.run("verify")
        assert code == 0, out + err


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Desk:
    monkeypatch.setenv("ENFORCEMENT_DESK_NOW", NOW)
    d = str(tmp_path / "data")
    assert main(["--data-dir", d, "demo", "--cases", "0"]) == 0
    capsys.readouterr()
    proof = tmp_path / "送达回证.jpg"
    proof.write_bytes(b"\xff\xd8scan of a signed receipt")
    return Desk(d, capsys, proof)


def t(day: date, hm: str = "09:00") -> str:
    """An --on value: the day at hh:mm (Asia/Shanghai)."""
    return f"{day.isoformat()}T{hm}"


class Case:
    """One case walked through the CLI: the steps of test_paths.py, each as `case ACTION`."""

    def __init__(self, desk: Desk, item: str, on: str, *flags: str) -> None:
        self.desk = desk
        self.id = desk.ok("--as", "demo-officer1", "case", "new", "--item", item, "--source", "inspection",
                          "--facts", "露天焚烧秸秆", "--place", "保贤村", "--person", PERSON_ID, "--name", "王某某",
                          "--on", on, *flags).strip()

    def do(self, login: str, action: str, on: str, *options: str) -> dict[str, Any]:
        result = self.desk.step(login, action, self.id, on, *options)
        assert result["case_id"] == self.id
        return result

    def refused(self, login: str, action: str, on: str, *options: str) -> str:
        return self.desk.refused(login, action, self.id, on, *options)

    def serve(self, document: str, on: str, by: str = "demo-officer1") -> dict[str, Any]:
        return self.do(by, "serve", on, "--document", document, "--method", "direct",
                       "--proof", str(self.desk.proof))

    def state(self) -> str:
        state: str = self.desk.show(self.id)["state"]
        return state

    # ---- the shared stretches of test_paths.py

    def open(self, start: date) -> None:
        """Accept, file and start the investigation, all on ``start`` (registered there at 08:00)."""
        assert self.do("demo-lead", "accept", t(start, "09:00"))["state"] == "accepted"
        assert self.do("demo-leader", "file", t(start, "10:00"))["state"] == "filed"
        assert self.do("demo-lead", "investigate", t(start, "11:00"),
                       "--officers", HANDLERS)["state"] == "investigating"
        self.desk.record("demo-officer1", self.id, t(start, "14:00"), HANDLERS)

    def conclude_and_review(self, day: date) -> None:
        self.do("demo-officer1", "conclude", t(day, "09:00"), "--findings", "事实清楚，证据确凿")
        self.do("demo-lead", "review_case", t(day, "10:00"), "--outcome", "passed", "--opinion", "同意")

    def notify_and_serve(self, day: date, amount: int = 1000) -> None:
        notice = self.do("demo-lead", "notify", t(day, "09:00"), "--penalty", "fine", "--amount", str(amount),
                         "--hearing-rights", "yes")
        assert notice["document_id"]
        assert self.serve(notice["document_id"], t(day, "15:00"))["state"] == "notified"

    def waive_both(self, day: date) -> None:
        proof = str(self.desk.proof)
        self.do("demo-officer1", "waive", t(day, "09:00"), "--what", "statement", "--proof", proof)
        self.do("demo-officer1", "waive", t(day, "09:05"), "--what", "hearing", "--proof", proof)

    def decide_fine(self, day: date, amount: int = 1000) -> dict[str, Any]:
        decided = self.do("demo-leader", "decide", t(day, "10:00"), "--kind", "penalty", "--penalty", "fine",
                          "--amount", str(amount), "--tier", "general",
                          "--explanation", "焚烧面积一般，按一般档次裁量")
        assert decided["state"] == "decided" and decided["document_id"]
        return decided

    def transfer_to_judicial(self, start: date) -> None:
        """Open on ``start``; approved and transferred to the judicial organs 3 days later."""
        self.open(start)
        approved = self.do("demo-leader", "approve", t(start + timedelta(days=3)), "--what", "transfer",
                           "--outcome", "granted", "--reason", "两名执法人员报告涉嫌犯罪，同意移送")
        assert approved["state"] == "investigating"
        moved = self.do("demo-leader", "transfer", t(start + timedelta(days=3), "11:00"), "--to", "judicial",
                        "--reason", "涉嫌犯罪，移送公安机关")
        assert moved["state"] == "transferred"
        assert moved["document_number"] == f"文水刘移字〔{start.year}〕第1号"


def new_case(desk: Desk, start: date, *flags: str, item: str = "DQ-01") -> Case:
    return Case(desk, item, t(start, "08:00"), *flags)


# ------------------------------------------------------------------------------- 首违免罚


def test_first_offence_no_penalty_decided_served_and_closed(desk: Desk) -> None:
    start = date(2026, 9, 1)
    case = new_case(desk, start, "--harm-slight", "--corrected")  # DQ-01 is on the first-offence list
    case.open(start)
    suggestions = {s["kind"]: s for s in desk.show(case.id)["suggestions"]}
    assert "first_offence_no_penalty" in suggestions
    assert suggestions["first_offence_no_penalty"]["kind_label"] == "首违免罚"
    assert "列入首违免罚清单" in suggestions["first_offence_no_penalty"]["reason"]
    assert "首违免罚：" in desk.ok("case", "show", case.id)
    case.conclude_and_review(date(2026, 9, 10))
    # 不予行政处罚 needs no 告知: it follows the reviewed investigation
    decided = case.do("demo-leader", "decide", "2026-09-11T10:00", "--kind", "no_penalty", "--ground", "first_offence",
                      "--explanation",
                      "初次违法、危害后果轻微并及时改正，依法不予行政处罚，已对当事人进行教育")
    assert decided["state"] == "decided" and decided["action_label"] == "决定"
    assert decided["document_number"] == "文水刘不罚字〔2026〕第1号"
    assert case.serve(decided["document_number"], "2026-09-11T15:00")["state"] == "served"
    assert case.do("demo-leader", "close", "2026-09-12T10:00", "--reason", "不予处罚，已教育")["state"] == "closed"

    detail = desk.show(case.id)
    assert detail["state"] == "closed" and detail["state_label"] == "已结案"
    assert detail["decision"]["kind"] == "no_penalty" and detail["decision"]["kind_label"] == "不予行政处罚"
    assert detail["execution"]["fine"] is None
    [document] = [d for d in detail["documents"] if d["number"] == "文水刘不罚字〔2026〕第1号"]
    assert document["served_on"] == "2026-09-11"
    assert [e["action"] for e in detail["timeline"]] == [
        "register", "accept", "file", "investigate", "conclude", "review_case", "decide", "serve", "close"]
    desk.verify()


# ------------------------------------------------------------------------------- judicial transfer


def test_judicial_transfer_returned_not_prosecuted_continues_to_a_fine(desk: Desk) -> None:
    start = date(2026, 8, 3)
    case = new_case(desk, start)
    case.transfer_to_judicial(start)
    # while the transfer is pending no decision at all (不得以罚代刑)
    answers = {a["action"]: a for a in json.loads(desk.ok("--as", "demo-leader", "case", "actions", case.id,
                                                          "--json"))}
    assert answers["decide"]["allowed"] is False
    assert desk.show(case.id)["state_label"] == "已移送"

    back = case.do("demo-officer1", "return", t(start + timedelta(days=20)), "--outcome", "not_prosecuted")
    assert back["state"] == "investigating"  # it left after 立案: back to 调查取证 (第二十七条)
    assert desk.show(case.id)["state"] == "investigating"
    case.conclude_and_review(start + timedelta(days=21))
    case.notify_and_serve(start + timedelta(days=22))
    case.waive_both(start + timedelta(days=23))
    decided = case.decide_fine(start + timedelta(days=24))
    assert case.serve(decided["document_id"], t(start + timedelta(days=25)))["state"] == "served"
    assert case.do("demo-officer1", "pay", t(start + timedelta(days=26)), "--amount", "1000")["state"] == "executing"
    assert case.do("demo-leader", "close", t(start + timedelta(days=27)),
                   "--reason", "罚款已缴清")["state"] == "closed"

    detail = desk.show(case.id)
    assert detail["state"] == "closed"
    actions = [e["action"] for e in detail["timeline"]]
    assert actions[:7] == ["register", "accept", "file", "investigate", "approve", "transfer", "return"]
    [returned] = [e for e in detail["timeline"] if e["action"] == "return"]
    assert returned["from_state"] == "transferred" and returned["to_state"] == "investigating"
    assert [(a["what"], a["outcome"]) for a in detail["approvals"]] == [("transfer", "granted")]
    assert detail["execution"]["fine"] == "1000.00" and detail["execution"]["outstanding"] == "0.00"
    desk.verify()


def test_no_fine_after_the_court_imposed_a_criminal_fine(desk: Desk) -> None:
    start = date(2026, 8, 3)
    case = new_case(desk, start)
    case.transfer_to_judicial(start)
    back = case.do("demo-lead", "return", t(start + timedelta(days=20)), "--outcome", "criminal_fine")
    assert back["state"] == "investigating"
    case.conclude_and_review(start + timedelta(days=21))
    # 第三十五条第二款: the court imposed 罚金, so no 罚款 may follow
    err = case.refused("demo-lead", "notify", t(start + timedelta(days=22)), "--penalty", "fine",
                       "--amount", "1000", "--hearing-rights", "yes")
    assert "已判处罚金" in err and "第三十五条第二款" in err
    detail = desk.show(case.id)
    assert detail["state"] == "investigated" and detail["timeline"][-1]["action"] == "review_case"
    assert not any(d["number"] and "罚告" in d["number"] for d in detail["documents"])
    desk.verify()


# ------------------------------------------------------------------------------- withdrawn


def test_withdrawn_case_then_closed(desk: Desk) -> None:
    start = date(2026, 9, 1)
    case = new_case(desk, start)
    case.open(start)
    withdrawn = case.do("demo-leader", "withdraw", "2026-09-10T09:00", "--reason", "违法事实不能成立")
    assert withdrawn["state"] == "withdrawn"
    assert case.do("demo-leader", "close", "2026-09-11T09:00", "--reason", "撤销立案")["state"] == "closed"

    detail = desk.show(case.id)
    assert detail["state"] == "closed" and not detail["decision"]
    assert [e["action"] for e in detail["timeline"]][-2:] == ["withdraw", "close"]
    # closed without a decision: the 90 days no longer run, and the case is never listed as overdue
    assert {d["kind"]: d["status"] for d in detail["deadlines"]}["decision"] == "met"
    assert case.id not in {r["id"] for r in json.loads(desk.ok("cases", "--overdue", "--json"))}
    desk.verify()


# ------------------------------------------------------------------------------- court enforcement


def to_served_fine(desk: Desk) -> Case:
    """test_paths.to_decided_fine: a DQ-01 fine decided 2025-01-19, served 2025-02-10."""
    start = date(2025, 1, 6)
    case = new_case(desk, start)
    case.open(start)
    case.conclude_and_review(start + timedelta(days=10))
    case.notify_and_serve(start + timedelta(days=11))
    case.waive_both(start + timedelta(days=12))
    decided = case.decide_fine(start + timedelta(days=13))
    assert case.serve(decided["document_id"], "2025-02-10T10:00")["state"] == "served"
    return case


def test_court_enforcement_after_non_payment(desk: Desk) -> None:
    case = to_served_fine(desk)
    # payment due 15 days after service: 2025-02-25
    err = case.refused("demo-officer1", "remind", "2025-02-25T10:00")
    assert "缴纳罚款的期限尚未届满" in err and "2025-02-25" in err
    reminded = case.do("demo-officer1", "remind", "2025-02-26T10:00")
    assert reminded["state"] == "executing"
    assert reminded["document_number"] == "文水刘催字〔2025〕第1号"
    case.serve(reminded["document_id"], "2025-02-27T10:00")
    approved = case.do("demo-leader", "approve", "2025-03-20T10:00", "--what", "court_enforcement",
                       "--outcome", "granted", "--reason", "当事人逾期不缴纳罚款，经催告仍不履行")
    assert approved["state"] == "executing"
    # review (60 days) and litigation (6 months) periods run from service: to 2025-08-11
    err = case.refused("demo-officer1", "apply_court", "2025-08-11T10:00")
    assert "2025-08-11" in err and "第五十三条" in err
    applied = case.do("demo-officer1", "apply_court", "2025-08-12T10:00", "--ruling", "granted")
    assert applied["state"] == "executing"
    assert applied["document_number"] == "文水刘强申字〔2025〕第1号"

    detail = desk.show(case.id)
    assert detail["state"] == "executing" and detail["number"] == "文水刘立字〔2025〕第1号"
    deadlines = {d["kind"]: d for d in detail["deadlines"]}
    assert deadlines["court_enforcement"]["due"] == "2025-11-11"
    assert deadlines["court_enforcement"]["met_on"] == "2025-08-12"
    assert {"文水刘催字〔2025〕第1号", "文水刘强申字〔2025〕第1号"} <= {d["number"] for d in detail["documents"]}
    [reminder] = [d for d in detail["documents"] if d["number"] == "文水刘催字〔2025〕第1号"]
    assert reminder["served_on"] == "2025-02-27"
    assert [(a["what"], a["outcome"]) for a in detail["approvals"]] == [("court_enforcement", "granted")]
    assert [e["action"] for e in detail["timeline"]][-3:] == ["serve", "approve", "apply_court"]
    assert detail["execution"]["outstanding"] == "1000.00"
    desk.verify()


def test_apply_court_before_the_reminder_period_ended_is_refused(desk: Desk) -> None:
    case = to_served_fine(desk)
    reminded = case.do("demo-officer1", "remind", "2025-08-20T10:00")
    case.serve(reminded["document_id"], "2025-08-20T15:00")
    # 10 working days after the 催告书 was served: to 2025-09-03
    err = case.refused("demo-officer1", "apply_court", "2025-09-03T10:00", "--ruling", "granted")
    assert "十个工作日（2025-09-03）" in err
    detail = desk.show(case.id)
    assert detail["state"] == "executing"
    assert detail["timeline"][-1]["action"] == "serve"
    assert not any(d["number"] and "强申" in d["number"] for d in detail["documents"])
    desk.verify()


# ------------------------------------------------------------------------------- hearing, 法制审核, 集体讨论


def test_ordinary_case_with_hearing_legal_review_and_collective_discussion(desk: Desk) -> None:
    """The services' test_ordinary_path.py through the command line: the party asks for a hearing, the
    leader names its host, time and place, the host holds it after the 听证通知书 was served seven working
    days before; 法制审核 then follows (第五十八条第一款第二项) and, the case being complex, 集体讨论 by two
    负责人 (第五十七条第二款); the decision, its service, payment, closing and archiving."""
    case = new_case(desk, date(2026, 8, 3), "--complex")
    case.open(date(2026, 8, 3))
    case.conclude_and_review(date(2026, 8, 20))
    case.notify_and_serve(date(2026, 8, 24), amount=1500)
    assert case.do("demo-officer1", "request_hearing", t(date(2026, 8, 26)))["state"] == "hearing"
    err = case.refused("demo-leader", "approve", t(date(2026, 8, 27)), "--what", "hearing_host", "--outcome",
                       "granted", "--host", "demo-officer3", "--hearing-time", "2026-09-03T09:00",
                       "--hearing-place", "刘胡兰镇政府三楼会议室")
    assert "最早定于 2026-09-07" in err and "第六十四条" in err
    host = case.do("demo-leader", "approve", t(date(2026, 8, 27)), "--what", "hearing_host", "--outcome", "granted",
                   "--host", "demo-officer3", "--hearing-time", "2026-09-08T09:00",
                   "--hearing-place", "刘胡兰镇政府三楼会议室", "--reason", "指定听证主持人")
    assert host["document_number"] == "文水刘听通字〔2026〕第1号"
    case.serve(host["document_id"], t(date(2026, 8, 27), "15:00"))
    assert "不能提前举行听证" in case.refused("demo-officer3", "hold_hearing", t(date(2026, 9, 7)), "--outcome",
                                             "held", "--record", str(desk.proof))
    assert case.do("demo-officer3", "hold_hearing", t(date(2026, 9, 8)), "--outcome", "held",
                   "--record", str(desk.proof))["state"] == "notified"
    assert "第五十八条" in case.refused("demo-leader", "decide", t(date(2026, 9, 9)), "--kind", "penalty",
                                         "--penalty", "fine", "--amount", "1500", "--tier", "serious",
                                         "--explanation", "焚烧面积较大")
    assert case.do("demo-officer1", "submit_review", t(date(2026, 9, 9)))["state"] == "legal_review"
    case.do("demo-reviewer", "legal_review", t(date(2026, 9, 10)), "--outcome", "passed", "--opinion", "同意")
    err = case.refused("demo-leader", "discuss", t(date(2026, 9, 11)), "--participants", "demo-leader",
                       "--views", str(desk.proof), "--conclusion", "同意罚款 1500 元")
    assert "第五十七条" in err
    case.do("demo-leader", "discuss", t(date(2026, 9, 11)), "--participants", "demo-leader,demo-mayor",
            "--views", str(desk.proof), "--conclusion", "同意罚款 1500 元")
    decided = case.do("demo-leader", "decide", t(date(2026, 9, 11), "15:00"), "--kind", "penalty", "--penalty",
                      "fine", "--amount", "1500", "--tier", "serious", "--explanation", "焚烧面积较大，属较重情形")
    assert decided["state"] == "decided" and decided["document_number"] == "文水刘罚决字〔2026〕第1号"
    assert case.serve(decided["document_id"], t(date(2026, 9, 12)))["state"] == "served"
    assert case.do("demo-officer1", "pay", t(date(2026, 9, 20)), "--amount", "1500")["state"] == "executing"
    assert case.do("demo-leader", "close", t(date(2026, 9, 21)), "--reason", "罚款已缴清")["state"] == "closed"
    assert case.do("demo-clerk", "archive", t(date(2026, 9, 22)))["state"] == "archived"
    detail = desk.show(case.id)
    roles = {(o["login"], o["role_in_case"]) for o in detail["officers"]}
    assert {("demo-officer3", "hearing_host"), ("demo-reviewer", "legal_reviewer"),
            ("demo-leader", "decider")} <= roles
    actions = [e["action"] for e in detail["timeline"]]
    assert actions.index("hold_hearing") < actions.index("legal_review") < actions.index("discuss") \
        < actions.index("decide")
    desk.verify()
