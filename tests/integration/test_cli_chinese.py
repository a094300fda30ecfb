"""The command line speaks Chinese throughout (CLI.md, "Output, errors, exit codes"): argparse's own texts
(usage errors, --help) included, with exit code 2 for wrong usage and 0 for a help request; and `case
show` names its attachments' purposes in words, while --json keeps the codes."""

# ruff: noqa: F811 - `desk` is the fixture imported from test_cli_cases, a parameter here
from __future__ import annotations

import argparse
import json
import re

import pytest

from tests.integration.test_cli_cases import (
    Desk,
    desk,  # noqa: F401 - the demo desk fixture
    new_clue,
    walk_ordinary_case_to_notice,
)

# what argparse prints in English when its texts are not translated
ENGLISH = ("usage:", "error:", "invalid choice", "choose from", "the following arguments are required",
           "unrecognized arguments", "expected one argument", "argument --", "positional arguments",
           "options:", "show this help message", "invalid int value")


def assert_chinese(text: str) -> None:
    leaked = [phrase for phrase in ENGLISH if phrase in text.lower()]
    assert not leaked, f"argparse English {leaked} in:\n{text}"


def usage_error(desk: Desk, *args: str) -> str:
    """Run a wrong usage: exit 2, nothing on stdout, stderr in Chinese starting as every error does."""
    with pytest.raises(SystemExit) as info:
        desk.run(*args)
    out, err = desk.capsys.readouterr()
    assert info.value.code == 2, err
    assert out == ""
    assert err.startswith("错误："), err
    assert "用法：enforcement-desk" in err and "用法错误" in err
    assert_chinese(err)
    return err


def test_usage_errors_are_chinese_and_exit_2(desk: Desk) -> None:
    case = new_clue(desk, "DQ-01", "2026-11-20T09:00")
    # an invalid choice: the option, the value and what may be chosen, in words
    err = usage_error(desk, "cases", "--state", "open")
    assert err.splitlines()[0].startswith("错误：参数 --state：“open”不是可选的值，可选：clue、accepted、")
    # an invalid sub-command
    err = usage_error(desk, "case", "nope")
    assert "“nope”不是可选的值" in err and "show、actions" in err
    # required options missing
    err = usage_error(desk, "--as", "demo-lead", "case", "waive", case)
    assert err.splitlines()[0] == "错误：缺少必需的参数：--what, --proof"
    assert "“enforcement-desk case waive --help”" in err
    # an unknown option
    err = usage_error(desk, "cases", "--bogus")
    assert err.splitlines()[0] == "错误：无法识别的参数：--bogus"
    # an option without its value, a number that is not one
    assert usage_error(desk, "cases", "--state").splitlines()[0] == "错误：参数 --state：须跟一个值"
    assert usage_error(desk, "cases", "--limit", "十").splitlines()[0] == "错误：参数 --limit：应为整数，收到“十”"
    # two options of which only one may be given
    err = usage_error(desk, "--as", "demo-officer1", "case", "new", "--item", "DQ-01", "--source", "inspection",
                      "--facts", "f", "--name", "王某某", "--person", "142322198001010010", "--org", "x")
    assert err.splitlines()[0] == "错误：参数 --org：不能与参数 --person 同时使用"
    # the Chinese is put in place only while the CLI parses: argparse itself is left as it was
    assert vars(argparse)["_"]("usage: ") == "usage: "


def test_help_of_a_sub_command_is_chinese(desk: Desk) -> None:
    with pytest.raises(SystemExit) as info:
        desk.run("case", "show", "--help")
    out, err = desk.capsys.readouterr()
    assert info.value.code == 0 and err == ""
    assert out.startswith("用法：enforcement-desk case show [-h] [--json] CASE")
    assert "位置参数" in out and "选项" in out and "-h, --help  显示本帮助并退出" in out
    assert_chinese(out)
    with pytest.raises(SystemExit) as info:
        desk.run("--help")
    out, _ = desk.capsys.readouterr()
    assert info.value.code == 0 and re.search(r"--version +显示版本号并退出", out) and "--as LOGIN" in out
    assert_chinese(out)


@pytest.mark.parametrize("group", ["case", "officers", "evidence"])
def test_a_command_group_alone_is_wrong_usage(desk: Desk, group: str) -> None:
    code, out, err = desk.run(group)
    assert code == 2 and out == ""
    assert err.startswith(f"错误：“enforcement-desk {group}”须跟一个子命令\n用法：enforcement-desk {group} ")
    assert "显示本帮助并退出" in err
    assert_chinese(err)
    if group == "case":  # its help lists the sub-commands with what they do
        assert "show" in err and "查看案件" in err


def test_case_show_names_attachment_purposes_in_chinese(desk: Desk) -> None:
    case = walk_ordinary_case_to_notice(desk)  # a notice served (送达回证) and both rights waived in writing
    text = desk.ok("case", "show", case)
    attachments = text.split("附件：\n", 1)[1]
    for words in ("送达凭证", "放弃陈述申辩的书面凭证", "放弃听证的书面凭证"):
        assert f"（{words}，" in attachments, text
    for code in ("service_proof", "waiver_statement", "waiver_hearing"):
        assert code not in text
    # --json keeps the codes, with the words beside them
    shown = json.loads(desk.ok("case", "show", case, "--json"))
    purposes = {(e["purpose"], e["purpose_label"]) for e in shown["evidence"]}
    assert {("service_proof", "送达凭证"), ("waiver_statement", "放弃陈述申辩的书面凭证"),
            ("waiver_hearing", "放弃听证的书面凭证")} <= purposes
