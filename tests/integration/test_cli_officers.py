"""`officers` and `training` through the command line, in-process (CLI.md, "Reference data")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli.main import main

NOW = "2026-11-23T10:00:00+08:00"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """A data directory with the admin and a user `zhang`; the clock fixed at 2026-11-23 10:00."""
    monkeypatch.setenv("ENFORCEMENT_DESK_NOW", NOW)
    d = str(tmp_path / "data")
    if main(["--data-dir", d, "init", "--admin-password", "Admin-pass-1"]) != 0:
        from desktop_app.services.actor import Actor
        from desktop_app.services.bootstrap import open_context
        from desktop_app.services.users import add_user

        ctx = open_context(Path(d))
        try:
            add_user(
                ctx,
                Actor.system("cli"),
                "admin",
                name="管理员",
                roles="admin",
                password="Admin-pass-1",
                must_change_password=False,
            )
        finally:
            ctx.db.dispose()
    assert (
        run(
            d,
            "--as",
            "admin",
            "users",
            "add",
            "zhang",
            "--name",
            "张三",
            "--roles",
            "officer",
            "--password",
            "zhang-pass-1",
        )
        == 0
    )
    capsys.readouterr()
    return d


def run(d: str, *args: str) -> int:
    return main(["--data-dir", d, *args])


def as_json(capsys: pytest.CaptureFixture[str]) -> Any:
    return json.loads(capsys.readouterr().out)


def add_zhang_with_certificate(d: str) -> None:
    assert (
        run(
            d,
            "--as",
            "admin",
            "officers",
            "add",
            "--name",
            "张三",
            "--login",
            "zhang",
            "--category",
            "综合行政执法",
            "--camera",
            "JL-001",
        )
        == 0
    )
    assert (
        run(
            d,
            "--as",
            "admin",
            "officers",
            "certificate",
            "zhang",
            "--number",
            "14110001",
            "--category",
            "综合行政执法",
            "--authority",
            "山西省人民政府",
            "--from",
            "2024-01-01",
            "--to",
            "2027-01-10",
        )
        == 0
    )


def test_officers_add_certificate_and_list_json(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    add_zhang_with_certificate(data)
    capsys.readouterr()
    assert run(data, "officers", "list", "--json") == 0
    [officer] = as_json(capsys)
    assert officer["name"] == "张三"
    assert officer["login"] == "zhang"
    assert officer["certified"] is True
    assert officer["as_of"] == "2026-11-23"
    [cert] = officer["certificates"]
    assert (cert["number"], cert["state"], cert["state_label"]) == ("14110001", "valid", "有效")
    assert (cert["valid_from"], cert["valid_to"]) == ("2024-01-01", "2027-01-10")


def test_officers_list_text_is_chinese(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    add_zhang_with_certificate(data)
    capsys.readouterr()
    assert run(data, "officers", "list") == 0
    out = capsys.readouterr().out
    assert "张三" in out and "持有效证" in out and "共 1 条" in out


def test_certificate_state_change_and_validity_by_date(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    add_zhang_with_certificate(data)
    assert (
        run(
            data,
            "--as",
            "admin",
            "officers",
            "certificate-state",
            "14110001",
            "--state",
            "recalled",
            "--on",
            "2026-03-01",
            "--reason",
            "调离执法岗位",
            "--json",
        )
        == 0
    )
    capsys.readouterr()
    assert run(data, "officers", "show", "zhang", "--on", "2026-03-01", "--json") == 0
    shown = as_json(capsys)
    assert shown["certified"] is False
    assert shown["uncertified_reason"] == "张三的执法证（编号14110001）已于 2026-03-01 收回"
    assert shown["certificates"][0]["state_label"] == "已收回"
    assert shown["certificates"][0]["events"][0]["on"] == "2026-03-01"
    assert run(data, "officers", "list", "--on", "2026-02-28", "--json") == 0
    assert as_json(capsys)[0]["certified"] is True
    # --today is only the reference date for reads.
    assert run(data, "--today", "2026-02-28", "officers", "list", "--json") == 0
    assert as_json(capsys)[0]["certified"] is True


def test_cancelled_certificate_change_refused(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    add_zhang_with_certificate(data)
    for state in ("recalled", "cancelled"):
        assert (
            run(
                data,
                "--as",
                "admin",
                "officers",
                "certificate-state",
                "zhang",
                "--state",
                state,
                "--on",
                "2026-03-01",
                "--reason",
                "辞去公职",
            )
            == 0
        )
    capsys.readouterr()
    assert (
        run(
            data,
            "--as",
            "admin",
            "officers",
            "certificate-state",
            "zhang",
            "--state",
            "valid",
            "--on",
            "2026-03-02",
            "--reason",
            "重新发放",
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "已注销" in err
    assert "Traceback" not in err


def test_write_without_as_refused(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "officers", "add", "--name", "李四") == 1
    assert "--as" in capsys.readouterr().err
    assert run(data, "officers", "list", "--json") == 0
    assert as_json(capsys) == []


def test_write_by_non_admin_refused(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "--as", "zhang", "officers", "add", "--name", "李四") == 1
    assert "管理员" in capsys.readouterr().err


def test_bad_usage_exit_2(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(
            data,
            "--as",
            "admin",
            "officers",
            "certificate-state",
            "zhang",
            "--state",
            "lost",
            "--on",
            "2026-03-01",
            "--reason",
            "x",
        )
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        run(data, "--as", "admin", "officers", "certificate", "zhang", "--number", "N")
    assert info.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_invalid_input_exit_1(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    add_zhang_with_certificate(data)
    capsys.readouterr()
    assert (
        run(
            data,
            "--as",
            "admin",
            "officers",
            "certificate",
            "zhang",
            "--number",
            "N2",
            "--category",
            "综合",
            "--authority",
            "省政府",
            "--from",
            "2027-01-01",
            "--to",
            "2026-01-01",
        )
        == 1
    )
    assert "有效期至" in capsys.readouterr().err
    assert (
        run(
            data,
            "--as",
            "admin",
            "officers",
            "certificate",
            "zhang",
            "--number",
            "N2",
            "--category",
            "综合",
            "--authority",
            "省政府",
            "--from",
            "2027-13-01",
            "--to",
            "2028-01-01",
        )
        == 1
    )
    assert "有效期起" in capsys.readouterr().err
    assert run(data, "--as", "admin", "officers", "add", "--name", "李四", "--login", "ghost") == 1
    assert "ghost" in capsys.readouterr().err


def test_expiring(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    add_zhang_with_certificate(data)
    capsys.readouterr()
    assert run(data, "officers", "expiring", "--json") == 0
    [item] = as_json(capsys)
    assert (item["number"], item["valid_to"], item["days_left"]) == ("14110001", "2027-01-10", 48)
    assert run(data, "officers", "expiring", "--days", "30", "--json") == 0
    assert as_json(capsys) == []


def test_training_add_list_and_shortfall(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    add_zhang_with_certificate(data)
    assert (
        run(
            data,
            "--as",
            "admin",
            "training",
            "add",
            "zhang",
            "--hours",
            "30",
            "--kind",
            "legal",
            "--on",
            "2026-04-01",
            "--title",
            "行政处罚法专题",
        )
        == 0
    )
    assert (
        run(
            data,
            "--as",
            "admin",
            "training",
            "add",
            "14110001",
            "--hours",
            "12.5",
            "--kind",
            "skills",
            "--on",
            "2026-06-01",
            "--title",
            "执法全过程演练",
        )
        == 0
    )
    capsys.readouterr()
    assert run(data, "training", "list", "--json") == 0
    rows = as_json(capsys)
    assert [(r["kind"], r["kind_label"], r["hours"], r["on"]) for r in rows] == [
        ("legal", "法律知识", 30.0, "2026-04-01"),
        ("skills", "业务技能", 12.5, "2026-06-01"),
    ]
    assert run(data, "training", "list", "--year", "2025", "--json") == 0
    assert as_json(capsys) == []
    assert run(data, "training", "shortfall", "--json") == 0
    [short] = as_json(capsys)
    assert (short["year"], short["legal_short"], short["skills_short"], short["total_short"]) == (
        2026,
        0.0,
        17.5,
        17.5,
    )
    assert short["met"] is False
    assert run(data, "training", "shortfall") == 0
    assert "未达标" in capsys.readouterr().out


def test_training_refusals(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    add_zhang_with_certificate(data)
    capsys.readouterr()
    assert (
        run(
            data,
            "training",
            "add",
            "zhang",
            "--hours",
            "2",
            "--kind",
            "legal",
            "--on",
            "2026-04-01",
            "--title",
            "x",
        )
        == 1
    )
    assert (
        run(
            data,
            "--as",
            "admin",
            "training",
            "add",
            "zhang",
            "--hours",
            "0",
            "--kind",
            "legal",
            "--on",
            "2026-04-01",
            "--title",
            "x",
        )
        == 1
    )
    assert "学时" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        run(
            data,
            "--as",
            "admin",
            "training",
            "add",
            "zhang",
            "--hours",
            "2",
            "--kind",
            "sports",
            "--on",
            "2026-04-01",
            "--title",
            "x",
        )
    assert info.value.code == 2
