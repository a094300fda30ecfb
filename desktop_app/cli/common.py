"""What every command module shares: output in JSON or Chinese text, dates, the acting user."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from desktop_app.clock import to_local
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput

Handler = Callable[["Invocation"], int]


class Invocation:
    """One run of a command: parsed arguments, the context, the acting user."""

    def __init__(self, args: argparse.Namespace, ctx: AppContext, actor: Actor) -> None:
        self.args = args
        self.ctx = ctx
        self.actor = actor

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def writer(self) -> Actor:
        """The acting user for a write; refused without --as (CLI.md)."""
        if self.actor.is_anonymous:
            from desktop_app.services.errors import PermissionDenied

            raise PermissionDenied("写入操作须指定操作用户：请使用 --as 登录名（或环境变量 ENFORCEMENT_DESK_USER）")
        return self.actor

    def emit(self, data: Any, text: Callable[[Any], str] | str | None = None) -> int:
        if self.json:
            print(json.dumps(to_jsonable(data), ensure_ascii=False, indent=1))
        elif text is not None:
            out = text if isinstance(text, str) else text(data)
            if out:
                print(out)
        return 0


def to_jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return to_local(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def parse_date(text: str, field: str = "日期") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(field, f"{field}格式应为 YYYY-MM-DD，收到“{text}”") from None


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain text table (column widths count a CJK character as two)."""
    def width(s: str) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)

    cells = [headers, *rows]
    widths = [max(width(str(r[i])) for r in cells) for i in range(len(headers))]
    lines = []
    for r in cells:
        lines.append("  ".join(str(c) + " " * (widths[i] - width(str(c))) for i, c in enumerate(r)).rstrip())
    lines.append(f"共 {len(rows)} 条")
    return "\n".join(lines)


def fail(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)
