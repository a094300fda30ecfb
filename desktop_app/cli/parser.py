"""The parser every command of the CLI is built with: argparse, speaking Chinese (CLI.md: "Chinese text
for people"; wrong usage exits 2 with an `错误：` line first on stderr, like every other error).

argparse makes its own texts ("usage: ", "invalid choice: …", "the following arguments are required: …",
the help's "options") by calling its module's gettext `_` at the moment it needs one. Rather than
re-parse its English afterwards, the parser's entry points put a Chinese `_` in place for the length of
the call: one table from argparse's message ids to ours, and nothing left behind (other argparse users in
the same process, pytest's own, keep theirs). A message id missing here (a newer Python's) stays English."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

EXIT_USAGE = 2  # CLI.md, "Exit codes": 2 wrong usage

_MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",  # Python before 3.10
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令“%(parser_name)s”，可选：%(choices)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "须提供以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "须跟一个值",
    "expected at most one argument": "最多跟一个值",
    "expected at least one argument": "至少须跟一个值",
    "ignored explicit argument %r": "不接受值，却给了“%s”",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值（%(type)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}
_PLURALS = {"expected %s argument": "须跟 %s 个值"}  # nargs=N: ngettext

# argparse names a type error by the Python type ("invalid int value"): say what was expected in words
_TYPE_WORDS: dict[object, str] = {int: "整数", float: "数字"}


def _gettext(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _PLURALS.get(singular) or (singular if n == 1 else plural)


@contextmanager
def _chinese() -> Iterator[None]:
    """argparse's `_` and `ngettext` in Chinese while inside (re-entrant: restores what it found)."""
    names = vars(argparse)
    saved = names["_"], names["ngettext"]
    names.update(_=_gettext, ngettext=_ngettext)
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose texts are Chinese; `add_subparsers` makes its sub-parsers of this class
    too (argparse's default parser_class is the parent's own type), so one class covers the whole CLI."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _chinese():  # the group titles 位置参数/选项 and -h's help are made here
            super().__init__(*args, **kwargs)
        # the deepest parser reached wins (a sub-parser's defaults overwrite its parent's): `case` alone
        # leaves the `case` parser here, whose help main() shows
        self.set_defaults(cli_parser=self)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:  # "unrecognized arguments" is made here
        with _chinese():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:  # sub-parsers are called through this
        with _chinese():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _chinese():
            return super().format_help()

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            word = _TYPE_WORDS.get(action.type)
            if word is None:
                raise
            raise argparse.ArgumentError(action, f"应为{word}，收到“{arg_string}”") from None

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # argparse lists the choices as Python reprs ('a', 'b'); here as words, 、-separated
        if action.choices is not None and value not in action.choices:
            choices = "、".join(str(c) for c in action.choices)
            raise argparse.ArgumentError(action, f"“{value}”不是可选的值，可选：{choices}")

    def error(self, message: str) -> NoReturn:
        """Wrong usage: `错误：` and the rule first (as every refusal starts), then the usage, exit 2.
        ("用法错误" in the last line is what the tests and scripts have looked for.)"""
        self.exit(EXIT_USAGE, f"错误：{message}\n{self.format_usage()}"
                              f"用法错误：各参数的说明见“{self.prog} --help”\n")
