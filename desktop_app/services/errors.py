"""Errors a user can act on. Each carries a Chinese message naming the field or the rule (and the
article where a law says it); the CLI maps them to exit code 1, the GUI to a message box."""

from __future__ import annotations

import re


class ServiceError(Exception):
    """Base class: a refusal or bad input, nothing written."""

    def __init__(self, message: str, *, article: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.article = article

    def __str__(self) -> str:
        if self.article and self.article not in self.message:
            return f"{self.message}（{self.article}）"
        return self.message


class Refused(ServiceError):
    """A rule refuses the action."""


class InvalidInput(ServiceError):
    """A field's value breaks its rule."""

    def __init__(self, field: str, message: str) -> None:
        # A field named in words (“作废理由”) leads the message; an option or key (--amount, deadline.…)
        # does not — the screens have no such thing. The command line puts the option back (cli.main).
        technical = field.startswith("-") or re.fullmatch(r"[a-z0-9_.]+", field) is not None
        super().__init__(message if technical or field in message else f"{field}：{message}")
        self.field = field
        self.option = field if field.startswith("--") and field not in message else None


class NotFound(ServiceError):
    pass


class PermissionDenied(Refused):
    pass


class RowErrors(ServiceError):
    """An import refused whole: every bad row with its reason."""

    def __init__(self, what: str, errors: list[tuple[int, str]]) -> None:
        lines = "；".join(f"第{row}行：{reason}" for row, reason in errors[:50])
        more = f"；另有 {len(errors) - 50} 行错误" if len(errors) > 50 else ""
        super().__init__(f"{what}导入被拒绝，共 {len(errors)} 行有误，未导入任何数据。{lines}{more}")
        self.errors = errors
