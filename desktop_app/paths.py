"""Where things are: the data directory and the bundled resources.

A leaf module (standard library and platformdirs only) that every layer but domain may import.
Resources are found in the source tree, in an installed package (desktop_app/_resources) or in a
PyInstaller bundle (sys._MEIPASS), so the same code runs in all three.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

ENV_HOME = "ENFORCEMENT_DESK_HOME"
APP_DIR_NAME = "EnforcementDesk"


def default_data_dir() -> Path:
    """The platform's per-user data directory (e.g. %LOCALAPPDATA%\\EnforcementDesk on Windows)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else ENFORCEMENT_DESK_HOME, else the platform default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def _bundle_root() -> Path | None:
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if meipass else None


def _find_top_level(name: str) -> Path:
    bundle = _bundle_root()
    if bundle is not None and (bundle / name).is_dir():
        return bundle / name
    package = Path(__file__).resolve().parent
    source_tree = package.parent / name
    if source_tree.is_dir():
        return source_tree
    installed = package / f"_{name}"
    if installed.is_dir():
        return installed
    raise FileNotFoundError(f"找不到程序资源目录：{name}")


def resources_dir() -> Path:
    return _find_top_level("resources")


def forms_dir() -> Path:
    return _find_top_level("forms")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


class DataDir:
    """The layout of one data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def database(self) -> Path:
        return self.root / "enforcement.sqlite3"

    @property
    def audit_head(self) -> Path:
        return self.root / "audit-head.json"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def evidence(self) -> Path:
        return self.root / "evidence"

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def demo_marker(self) -> Path:
        """Present in a demo data directory: sample lists may then be used for filing."""
        return self.root / "DEMO"

    def ensure(self) -> None:
        for folder in (self.root, self.logs, self.backups, self.evidence, self.documents, self.exports):
            folder.mkdir(parents=True, exist_ok=True)
