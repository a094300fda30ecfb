"""The command line contract (CLI.md) for init, township, settings, users, calendar, verify, demo."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "home")
    code, _, err = run(capsys, "--data-dir", d, "init", "--admin-password", "Admin-pass-1")
    assert code == 0, err
    return d


def test_init_twice_succeeds_and_changes_nothing_the_second_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path / "x")
    code, out, _ = run(capsys, "--data-dir", d, "init", "--json")
    assert code == 0
    first = json.loads(out)
    assert first["admin_created"] and first["one_time_password"]
    assert first["items_loaded"] >= 40
    code, out, _ = run(capsys, "--data-dir", d, "init", "--json")
    assert code == 0
    second = json.loads(out)
    assert not second["admin_created"] and second["items_loaded"] == 0 and second["one_time_password"] is None


def test_write_without_as_is_refused_with_exit_1(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", home, "users", "add", "li", "--name", "李四", "--roles", "officer")
    assert code == 1
    assert err.startswith("错误：") and "--as" in err
    assert "Traceback" not in err


def test_users_add_and_act_as_them(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", home, "--as", "admin", "users", "add", "li", "--name", "李四",
                       "--roles", "officer,team_lead", "--password", "pass-word-1", "--json")
    assert code == 0
    assert json.loads(out)["user"]["roles"] == ["officer", "team_lead"]
    # li is no admin: adding users is refused, naming the rule.
    code, _, err = run(capsys, "--data-dir", home, "--as", "li", "users", "add", "wang", "--name", "王五",
                       "--roles", "officer")
    assert code == 1 and "只有管理员可以添加用户" in err
    code, out, _ = run(capsys, "--data-dir", home, "users", "list", "--json")
    assert [u["login"] for u in json.loads(out)] == ["admin", "li"]



def test_users_disable_then_enable(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--data-dir", home, "--as", "admin", "users", "add", "li", "--name", "李四", "--roles", "officer",
        "--password", "pass-word-1")
    assert run(capsys, "--data-dir", home, "--as", "admin", "users", "disable", "li")[1].strip() == "已停用用户 li"
    code, _, err = run(capsys, "--data-dir", home, "--as", "li", "cases")
    assert code == 1 and "已停用" in err
    code, out, _ = run(capsys, "--data-dir", home, "--as", "admin", "users", "enable", "li", "--json")
    assert code == 0 and json.loads(out)["disabled"] is False
    assert run(capsys, "--data-dir", home, "--as", "li", "cases")[0] == 0
    code, _, err = run(capsys, "--data-dir", home, "--as", "admin", "users", "enable", "li")
    assert code == 1 and "未停用" in err


def test_unknown_acting_user_is_refused(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", home, "--as", "nobody", "users", "list")
    assert code == 1 and "nobody" in err


def test_bad_usage_exits_2(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", home, "users", "add"])
    assert exc.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_township_and_settings(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", home, "township", "show", "--json")
    t = json.loads(out)
    assert (t["name"], t["doc_prefix"], t["review_body"]) == ("刘胡兰镇", "文水刘", "文水县人民政府")
    code, out, _ = run(capsys, "--data-dir", home, "--as", "admin", "township", "set", "--prefix", "文水开",
                       "--name", "开栅镇", "--json")
    assert code == 0 and json.loads(out)["government_name"] == "文水县开栅镇人民政府"
    code, _, err = run(capsys, "--data-dir", home, "--as", "admin", "township", "set", "--code", "12ab")
    assert code == 1 and "行政区划代码" in err
    code, out, _ = run(capsys, "--data-dir", home, "--as", "admin", "settings", "set",
                       "deadline.statement_working_days", "5", "--json")
    assert code == 0 and json.loads(out)["value"] == 5
    code, _, err = run(capsys, "--data-dir", home, "--as", "admin", "settings", "set",
                       "deadline.statement_working_days", "三天")
    assert code == 1 and "陈述申辩期限" in err
    code, out, _ = run(capsys, "--data-dir", home, "settings", "list", "--json")
    values = {s["key"]: s["value"] for s in json.loads(out)}
    assert values["deadline.statement_working_days"] == 5
    assert values["threshold.hearing_fine_person"] is None


def test_calendar_2027_is_provisional_until_entered(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", home, "calendar", "workday", "2027-01-04", "--json")
    assert code == 0
    assert json.loads(out) | {"note": ""} == {"date": "2027-01-04", "workday": True, "provisional": True,
                                              "note": ""}
    code, out, _ = run(capsys, "--data-dir", home, "--as", "admin", "calendar", "set", "2027-01-01", "holiday",
                       "--name", "元旦")
    assert code == 0 and "confirm-year 2027" in out
    code, out, _ = run(capsys, "--data-dir", home, "calendar", "workday", "2027-01-01", "--json")
    assert json.loads(out)["workday"] is False and json.loads(out)["provisional"] is True
    code, _, _ = run(capsys, "--data-dir", home, "--as", "admin", "calendar", "confirm-year", "2027")
    assert code == 0
    code, out, _ = run(capsys, "--data-dir", home, "calendar", "workday", "2027-01-04", "--json")
    assert json.loads(out)["provisional"] is False


def test_calendar_import_refuses_a_file_with_bad_rows_whole(
    home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "2027.csv"
    sheet.write_text("日期,类型,名称\n2027-01-01,休,元旦\n2027-13-01,休,坏日期\n2027-01-05,班,周二调休\n",
                     encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", home, "--as", "admin", "calendar", "import", str(sheet))
    assert code == 1
    assert "第3行" in err and "第4行" in err and "未导入任何数据" in err
    code, out, _ = run(capsys, "--data-dir", home, "calendar", "list", "--year", "2027", "--json")
    assert json.loads(out) == []
    sheet.write_text("日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,班,春节调休\n", encoding="gb18030")
    code, out, err = run(capsys, "--data-dir", home, "--as", "admin", "calendar", "import", str(sheet))
    assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", home, "calendar", "workday", "2027-02-06", "--json")
    assert json.loads(out)["workday"] is True and json.loads(out)["provisional"] is False


def test_verify_is_clean_and_fails_with_exit_3_after_tampering(
    home: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", home, "verify", "--json")
    assert code == 0 and json.loads(out)["ok"] is True
    con = sqlite3.connect(Path(home) / "enforcement.sqlite3")
    con.execute("UPDATE audit_record SET actor = 'mallory' WHERE seq = 2")
    con.commit()
    con.close()
    code, out, _ = run(capsys, "--data-dir", home, "verify")
    assert code == 3
    assert "第 2 条" in out


def test_demo_creates_users_for_every_role_reproducibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for name in ("a", "b"):
        d = str(tmp_path / name)
        code, out, err = run(capsys, "--data-dir", d, "demo", "--cases", "0", "--seed", "7", "--json")
        assert code == 0, err
        code, out, _ = run(capsys, "--data-dir", d, "users", "list", "--json")
        logins = {u["login"]: u["roles"] for u in json.loads(out)}
        outputs.append(sorted(json.loads(out), key=lambda u: u["login"]))
        for role in ("officer", "team_lead", "legal_reviewer", "leader", "archive_clerk", "county_supervisor"):
            assert any(role in roles for roles in logins.values()), role
        assert (Path(d) / "DEMO").exists()
    # Same seed, same ids.
    assert [u["id"] for u in outputs[0] if u["login"].startswith("demo-")] == [
        u["id"] for u in outputs[1] if u["login"].startswith("demo-")]


def test_internal_error_exits_70_without_traceback(
    home: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services import township

    def boom(ctx: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(township, "get_township", boom)
    code, _, err = run(capsys, "--data-dir", home, "township", "show")
    assert code == 70
    assert "内部错误" in err and "Traceback" not in err
    log = (Path(home) / "logs" / "enforcement-desk.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: bug" in log
