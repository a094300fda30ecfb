"""What a refused input says: a field named in words leads the message; an option (--amount) or a
setting key never shows on a screen, and the command line names the option itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.services.errors import InvalidInput


def test_a_field_in_words_leads_the_message() -> None:
    assert str(InvalidInput("作废理由", "不能为空")) == "作废理由：不能为空"
    assert str(InvalidInput("作废理由", "须填写作废理由")) == "须填写作废理由"


@pytest.mark.parametrize("field", ["--hearing-place", "deadline.statement_working_days", "-x"])
def test_an_option_or_key_stays_off_the_message(field: str) -> None:
    error = InvalidInput(field, "须填写听证地点")
    assert str(error) == "须填写听证地点" and error.field == field
    assert error.option == (field if field.startswith("--") else None)


def test_the_command_line_names_the_option(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENFORCEMENT_DESK_NOW", "2026-11-23T10:00:00+08:00")
    d = str(tmp_path / "data")
    assert main(["--data-dir", d, "demo", "--cases", "0"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "--as", "demo-officer1", "case", "new", "--item", "DQ-01", "--source", "inspection",
                 "--facts", "露天焚烧秸秆", "--person", "142322198001010010", "--name", "王某某"]) == 0
    case = capsys.readouterr().out.strip()
    assert main(["--data-dir", d, "--as", "demo-officer1", "case", "accept", case, "--on", "2027-01-01"]) == 1
    assert capsys.readouterr().err == "错误：--on：发生时间不能晚于现在\n"
