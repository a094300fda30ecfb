"""Issue #14 through the command line (CLI.md, "Cases"): `case conclude` with neither evidence nor a
笔录 on file is refused — exit 1, nothing on stdout, the reason with 行政处罚法第四十条、第五十五条 on stderr
— `case actions` shows it disabled with the same reason, and `record add` opens the way; a case
review that passed is not repeated."""

# ruff: noqa: F811 - `desk` is the fixture of test_cli_cases.py, a parameter here
from __future__ import annotations

from tests.integration.test_cli_cases import Desk, desk, new_clue  # noqa: F401 - the fixture

REASON = ("调查终结须有证据材料或笔录：本案尚未登记证据，也没有现场检查（勘验）笔录或询问（调查）笔录；"
          "请先在“证据”或“调查笔录”中登记（行政处罚法第四十条、第五十五条）")


def _investigating(desk: Desk) -> str:
    case = new_clue(desk, "DQ-01", "2026-09-01T08:00")
    desk.act("demo-lead", "accept", case, "2026-09-01T09:00")
    desk.act("demo-leader", "file", case, "2026-09-01T10:00")
    desk.act("demo-lead", "investigate", case, "2026-09-01T11:00", "--officers", "demo-officer1,demo-officer2")
    return case


def test_case_conclude_without_evidence_or_record_is_refused_with_the_reason(desk: Desk) -> None:
    case = _investigating(desk)
    code, out, err = desk.run("--as", "demo-officer1", "case", "conclude", case, "--on", "2026-09-10T09:00",
                              "--findings", "事实清楚")
    assert code == 1 and out == ""  # CLI.md: 1 refused or invalid input
    assert err == f"错误：{REASON}\n"
    assert desk.json("case", "show", case)["state"] == "investigating"

    answers = {a["action"]: a for a in desk.json("--as", "demo-officer1", "case", "actions", case)}
    assert answers["conclude"]["allowed"] is False
    assert answers["conclude"]["reason"] == REASON
    assert answers["conclude"]["article"] == "行政处罚法第四十条、第五十五条"
    assert "行政处罚法第四十条" in desk.ok("--as", "demo-officer1", "case", "actions", case)

    desk.record("demo-officer1", case, "2026-09-02T09:00")
    answers = {a["action"]: a for a in desk.json("--as", "demo-officer1", "case", "actions", case)}
    assert answers["conclude"]["allowed"] is True
    assert "状态：调查终结" in desk.act("demo-officer1", "conclude", case, "2026-09-10T09:00", "--findings", "事实清楚")


def test_case_review_after_it_passed_is_refused(desk: Desk) -> None:
    case = _investigating(desk)
    desk.record("demo-officer1", case, "2026-09-02T09:00")
    desk.act("demo-officer1", "conclude", case, "2026-09-10T09:00", "--findings", "事实清楚")
    desk.act("demo-lead", "review_case", case, "2026-09-11T09:00", "--outcome", "passed", "--opinion", "同意")
    code, out, err = desk.run("--as", "demo-lead", "case", "review_case", case, "--on", "2026-09-11T10:00",
                              "--outcome", "passed", "--opinion", "再审一次")
    assert code == 1 and out == ""
    assert err.startswith("错误：本案案件审核已于 2026-09-11 通过，无需再次审核")
    answers = {a["action"]: a for a in desk.json("--as", "demo-lead", "case", "actions", case)}
    assert answers["review_case"]["allowed"] is False
    assert answers["review_case"]["reason"].startswith("本案案件审核已于 2026-09-11 通过")
