"""The command line run in-process on one data directory, for the integration tests: each run's exit
code and captured output."""

from __future__ import annotations

import json
from dataclasses import dataclass
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
