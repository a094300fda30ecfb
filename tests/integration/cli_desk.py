"""The command line run in-process on one data directory, for the integration tests: each run's exit
code and captured output."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli.main import main


@dataclass
class CliDesk:
    d: str
    capsys: pytest.CaptureFixture[str]

    def run(self, *args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", self.d, *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self.run(*args)
        assert code == 0, err
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    def record(self, login: str, case: str, on: str, officers: str = "demo-officer1,demo-officer2") -> str:
        """`record add` of a 现场检查（勘验）笔录 by two officers (行政处罚法 第五十五条): what the
        investigation leaves on file before `case conclude` (第四十条). Its id."""
        content = Path(self.d).parent / "inspection-record.json"
        content.write_text(json.dumps({"text": "现场有焚烧秸秆的灰烬，面积约二十平方米"}, ensure_ascii=False),
                           encoding="utf-8")
        out = self.ok("--as", login, "record", "add", case, "--kind", "inspection", "--on", on,
                      "--officers", officers, "--place", "保贤村农田", "--file", str(content), "--json")
        record_id: str = json.loads(out)["id"]
        return record_id
