"""The benchmarks are files named bench_*.py (the normal suite ignores this folder: pyproject's addopts);
`python3 dev.py bench` collects them here. They print figures and never assert timings."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    if file_path.suffix != ".py" or not file_path.name.startswith("bench_"):
        return None
    if parent.session.isinitpath(file_path):
        return None  # named on the command line: pytest collects it itself
    return pytest.Module.from_parent(parent, path=file_path)
