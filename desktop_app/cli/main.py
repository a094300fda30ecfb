"""`enforcement-desk` / `python -m desktop_app`: global options, dispatch, errors and exit codes.

Exit codes (CLI.md): 0 done; 1 refused or invalid input; 2 wrong usage; 3 a check found problems;
70 an internal error (logged with its traceback, never shown)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date

from desktop_app import __version__
from desktop_app.cli import calendar as calendar_cmd
from desktop_app.cli import cases as cases_cmd
from desktop_app.cli import checks as checks_cmd
from desktop_app.cli import demo as demo_cmd
from desktop_app.cli import documents as documents_cmd
from desktop_app.cli import evidence as evidence_cmd
from desktop_app.cli import items as items_cmd
from desktop_app.cli import officers as officers_cmd
from desktop_app.cli import reference as reference_cmd
from desktop_app.cli.common import Invocation, fail
from desktop_app.cli.parser import EXIT_USAGE, ChineseArgumentParser
from desktop_app.clock import Clock
from desktop_app.logs import setup_logging
from desktop_app.paths import DataDir, resolve_data_dir
from desktop_app.services.actor import Actor
from desktop_app.services.errors import ServiceError

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_REFUSED = 1
# EXIT_USAGE = 2 lives with the parser, which exits with it
EXIT_CHECK_FAILED = 3
EXIT_INTERNAL = 70

COMMAND_MODULES = (reference_cmd, officers_cmd, items_cmd, calendar_cmd, cases_cmd, evidence_cmd, documents_cmd,
                   checks_cmd, demo_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="enforcement-desk",
        description="乡镇综合行政执法办案系统。不带命令时打开图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="显示版本号并退出")
    parser.add_argument("--data-dir", metavar="DIR", help="数据目录（默认：环境变量 ENFORCEMENT_DESK_HOME，或系统用户数据目录）")
    parser.add_argument("--db-url", metavar="URL", help="其他数据库（PostgreSQL，后续版本）")
    parser.add_argument("--as", dest="as_user", metavar="LOGIN", help="操作用户的登录名（或环境变量 ENFORCEMENT_DESK_USER）")
    parser.add_argument("--today", metavar="DATE", help="期限状态的参照日期 YYYY-MM-DD（默认今天）")
    # every sub-parser is a ChineseArgumentParser too (argparse makes them of the parent's class)
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if getattr(args, "command", None) is None:
        from desktop_app.app import run_gui

        return run_gui(args)
    handler = getattr(args, "handler", None)
    if handler is None:
        # A command group without its sub-command (`case`): wrong usage (CLI.md: exit 2), not a help
        # request, so its help goes to stderr after the error line.
        group = args.cli_parser
        fail(f"“{group.prog}”须跟一个子命令")
        group.print_help(sys.stderr)
        return EXIT_USAGE

    root = resolve_data_dir(args.data_dir)
    try:
        setup_logging(DataDir(root).logs)
    except OSError as exc:
        fail(f"无法写入日志目录 {root}：{exc.strerror or exc}")
        return EXIT_REFUSED
    ctx = None
    try:
        from desktop_app.services.bootstrap import open_context
        from desktop_app.services.users import resolve_actor

        if args.today:
            try:
                args.today_date = date.fromisoformat(args.today)
            except ValueError:
                fail(f"--today 格式应为 YYYY-MM-DD，收到“{args.today}”")
                return EXIT_USAGE
        else:
            args.today_date = None
        ctx = open_context(root, db_url=args.db_url, clock=Clock.from_environment())
        if args.today_date is None:
            args.today_date = ctx.clock.today()
        login = args.as_user or os.environ.get("ENFORCEMENT_DESK_USER")
        actor = resolve_actor(ctx, login, via="cli") if login else Actor.anonymous_reader()
        return int(handler(Invocation(args, ctx, actor)))
    except ServiceError as exc:
        logger.info("refused: %s %s", args.command, exc)
        option = getattr(exc, "option", None)  # InvalidInput about an option: name it, as the screens don't
        fail(f"{option}：{exc}" if option else str(exc))
        return EXIT_REFUSED
    except KeyboardInterrupt:
        fail("已中断")
        return EXIT_REFUSED
    except BrokenPipeError:
        # Output piped into a program that stopped reading (e.g. `| head`): not an error.
        sys.stderr.close()
        return EXIT_OK
    except Exception:
        logger.exception("internal error in command %s", args.command)
        fail(f"内部错误，详情见日志 {DataDir(root).logs}")
        return EXIT_INTERNAL
    finally:
        if ctx is not None:
            ctx.db.dispose()
