"""The import arrows of STYLE.md's layer table, read from every module's source (ast)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"
OURS = "desktop_app"
LEAVES = {"paths", "clock", "logs"}  # standard library (+ platformdirs); importable by all but domain
QT = ("PySide6", "shiboken6")
ORM = ("sqlalchemy", "alembic")

# layer → (our layers it may import, third-party prefixes it must not import)
RULES: dict[str, tuple[set[str], tuple[str, ...]]] = {
    "domain": (set(), (*QT, *ORM, "reportlab", "pypdf", "openpyxl", "platformdirs", "argon2", "PIL")),
    "store": ({"domain", *LEAVES}, QT),
    "documents": ({"domain", *LEAVES}, (*QT, *ORM)),
    "evidence": ({"domain", *LEAVES}, (*QT, *ORM)),
    "sync": ({"domain", *LEAVES}, (*QT, *ORM)),
    "archive": ({"domain", "documents", "evidence", *LEAVES}, (*QT, *ORM)),
    "services": ({"store", "domain", "documents", "evidence", "sync", "archive", *LEAVES}, QT),
    "ui": ({"services", "domain", *LEAVES}, ORM),
    "paths": (set(), (*QT, *ORM)),
    "clock": (set(), (*QT, *ORM)),
    "logs": (set(), (*QT, *ORM)),
}
ROOTS = {"cli", "__main__", "app", "__init__"}  # composition roots: everything


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            # `from desktop_app import services` names the layer in the alias
            if node.module == OURS:
                found += [(node.lineno, f"{OURS}.{alias.name}") for alias in node.names
                          if (PACKAGE / alias.name).is_dir() or (PACKAGE / f"{alias.name}.py").exists()]
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            found.append((node.lineno, f"<relative>{node.module or ''}"))
    return found


def violations() -> list[str]:
    problems: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = layer_of(path)
        if layer in ROOTS:
            continue
        allowed_ours, banned = RULES[layer]
        for line, module in imports_of(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            if module.startswith("<relative>"):
                problems.append(f"{where} relative import (use absolute imports)")
                continue
            top = module.split(".")[0]
            if top == OURS:
                parts = module.split(".")
                if len(parts) == 1:
                    continue
                target = parts[1]
                if target != layer and target not in allowed_ours and not (
                    layer == "domain" and target == "domain"
                ):
                    problems.append(f"{where} {layer} → {target} ({module})")
            elif top in banned:
                problems.append(f"{where} {layer} → {top}")
            elif layer in {"paths", "clock", "logs"} and top not in sys.stdlib_module_names | {"platformdirs"}:
                problems.append(f"{where} leaf module {layer} → {top}")
    return problems


def test_no_forbidden_import_arrows() -> None:
    assert violations() == []


def test_the_checker_sees_a_forbidden_arrow(tmp_path: Path) -> None:
    bad = PACKAGE / "ui" / "_layer_probe_tmp.py"
    bad.write_text("from desktop_app.store.models import Party\nimport sqlalchemy\n", encoding="utf-8")
    try:
        found = violations()
    finally:
        bad.unlink()
    assert any("ui → store" in p for p in found)
    assert any("ui → sqlalchemy" in p for p in found)
