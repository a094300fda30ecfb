"""法制审核人员 without a 法律职业资格证号 (F28; 行政处罚法 第五十八条第二款): the users service names
the rule as a warning (a reviewer who already reviewed before 2021-07-15 needs none, so it is no
refusal), and the CLI's `users add` / `users roles` / `users qualification` print the same words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.domain.roles import Role
from desktop_app.services import users
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext

ARTICLE = "《行政处罚法》第五十八条第二款"


def test_a_legal_reviewer_without_a_qualification_is_warned_about() -> None:
    warnings = users.qualification_warnings([Role.LEGAL_REVIEWER], None, name="张三")
    assert len(warnings) == 1
    text = warnings[0]
    assert "“张三”" in text and "法律职业资格证号" in text and ARTICLE in text
    assert "初次从事行政处罚决定法制审核的人员" in text and "国家统一法律职业资格考试" in text
    # the role as the CLI spells it, alone or among others, and blank numbers count as none
    assert users.qualification_warnings("officer,legal_reviewer", "   ") == [
        users.qualification_warnings(["legal_reviewer"], "")[0]]
    assert users.qualification_warnings("法制审核人员", None)


def test_no_warning_with_a_number_or_without_the_role() -> None:
    assert users.qualification_warnings([Role.LEGAL_REVIEWER], "A20211234567") == []
    assert users.qualification_warnings([Role.OFFICER, Role.TEAM_LEAD], None) == []
    assert users.qualification_warnings("no_such_role", None) == []  # the save names the bad role


def test_a_saved_user_is_checked_the_same_way(ctx: AppContext, admin: Actor) -> None:
    info, _ = users.add_user(ctx, admin, "zhangsan", name="张三", roles="legal_reviewer", password="pass-word-1")
    assert info.legal_qualification_no is None  # a warning, not a refusal
    assert users.user_warnings(info) and ARTICLE in users.user_warnings(info)[0]
    numbered = users.set_legal_qualification(ctx, admin, "zhangsan", "A20211234567")
    assert users.user_warnings(numbered) == []


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "home")
    code, _, err = _run(capsys, "--data-dir", d, "init", "--admin-password", "Admin-pass-1")
    assert code == 0, err
    return d


def test_cli_users_add_prints_the_warning(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--data-dir", home, "--as", "admin", "users", "add", "zhangsan", "--name", "张三",
                          "--roles", "legal_reviewer", "--password", "pass-word-1")
    assert code == 0 and "已添加用户 zhangsan" in out
    assert err.startswith("提示：法制审核人员“张三”未登记法律职业资格证号") and ARTICLE in err
    code, out, err = _run(capsys, "--data-dir", home, "--as", "admin", "users", "add", "lisi", "--name", "李四",
                          "--roles", "legal_reviewer", "--password", "pass-word-1",
                          "--legal-qualification", "A20211234567", "--json")
    assert code == 0 and err == ""
    assert json.loads(out)["warnings"] == []


def test_cli_json_carries_the_warnings(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--data-dir", home, "--as", "admin", "users", "add", "zhangsan", "--name", "张三",
                          "--roles", "officer,legal_reviewer", "--password", "pass-word-1", "--json")
    assert code == 0
    data = json.loads(out)  # stdout stays one JSON document; the warning is on stderr too
    assert len(data["warnings"]) == 1 and ARTICLE in data["warnings"][0] and ARTICLE in err


def test_cli_users_roles_warns_when_the_role_is_given_later(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--data-dir", home, "--as", "admin", "users", "add", "zhangsan", "--name", "张三",
                        "--roles", "officer", "--password", "pass-word-1")
    assert code == 0 and err == ""
    code, _, err = _run(capsys, "--data-dir", home, "--as", "admin", "users", "roles", "zhangsan",
                        "officer,legal_reviewer")
    assert code == 0 and ARTICLE in err
    code, _, err = _run(capsys, "--data-dir", home, "--as", "admin", "users", "qualification", "zhangsan",
                        "A20211234567")
    assert code == 0 and err == ""
