"""Set up and run the project on a fresh machine with only Python 3.11+ and pip.

    python3 dev.py run      (Windows: py dev.py run)     create .venv, install, start the application
    python3 dev.py test     (Windows: py dev.py test)    create .venv, install, run the whole test suite
    python3 dev.py lint     ruff and mypy
    python3 dev.py bench    the speed benchmarks in tests/benchmarks (prints figures)

Extra arguments after the command go to the program (run) or to pytest (test).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_env() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under any python3 first
        sys.exit("需要 Python 3.11 或更高版本 / Python 3.11 or newer is required")
    py = venv_python()
    if not py.exists():
        print("创建虚拟环境 .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text(encoding="utf-8").strip() != wanted:
        print("安装依赖（首次需几分钟）…", flush=True)
        subprocess.check_call([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                               "-e", f"{ROOT}[test]"])
        STAMP.write_text(wanted, encoding="utf-8")
    return py


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "lint", "bench"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    py = str(ensure_env())
    env = dict(os.environ)
    if command == "run":
        return subprocess.call([py, "-m", "desktop_app", *rest], cwd=ROOT, env=env)
    if command == "test":
        return subprocess.call([py, "-m", "pytest", *rest], cwd=ROOT, env=env)
    if command == "bench":
        return subprocess.call([py, "-m", "pytest", "tests/benchmarks", "-s", "-q",
                                "-o", "addopts=", "-p", "no:cacheprovider", *rest], cwd=ROOT, env=env)
    rc = subprocess.call([py, "-m", "ruff", "check", "."], cwd=ROOT)
    rc |= subprocess.call([py, "-m", "mypy"], cwd=ROOT)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
