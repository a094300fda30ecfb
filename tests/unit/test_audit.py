"""The audit chain: edits, deletions, reorderings and a cut-off tail are all detected by verify."""

from __future__ import annotations

import sqlite3

from desktop_app.services import users
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext, read_audit_head
from desktop_app.services.verify import verify


def _some_history(ctx: AppContext, admin: Actor) -> None:
    for i in range(5):
        users.add_user(ctx, admin, f"u{i}", name=f"用户{i}", roles="officer", password="pass-word-1")


def _sql(ctx: AppContext, statement: str) -> None:
    ctx.db.dispose()
    con = sqlite3.connect(ctx.data_dir.database)
    con.execute(statement)
    con.commit()
    con.close()


def test_clean_history_verifies(ctx: AppContext, admin: Actor) -> None:
    _some_history(ctx, admin)
    report = verify(ctx)
    assert report.ok, report.problems
    assert report.audit_records == 6
    head = read_audit_head(ctx)
    assert head is not None and head.count == 6


def test_edited_record_is_named(ctx: AppContext, admin: Actor) -> None:
    _some_history(ctx, admin)
    _sql(ctx, "UPDATE audit_record SET summary = '伪造' WHERE seq = 3")
    report = verify(ctx)
    assert not report.ok
    assert any("第 3 条" in p.message and "修改" in p.message for p in report.problems)


def test_deleted_record_is_detected(ctx: AppContext, admin: Actor) -> None:
    _some_history(ctx, admin)
    _sql(ctx, "DELETE FROM audit_record WHERE seq = 2")
    report = verify(ctx)
    assert any("第 3 条" in p.message and "链接断开" in p.message for p in report.problems)


def test_reordered_records_are_detected(ctx: AppContext, admin: Actor) -> None:
    _some_history(ctx, admin)
    _sql(ctx, "UPDATE audit_record SET seq = 100 WHERE seq = 2")
    _sql(ctx, "UPDATE audit_record SET seq = 2 WHERE seq = 4")
    _sql(ctx, "UPDATE audit_record SET seq = 4 WHERE seq = 100")
    assert not verify(ctx).ok


def test_cut_off_tail_is_detected_against_the_head_file(ctx: AppContext, admin: Actor) -> None:
    _some_history(ctx, admin)
    _sql(ctx, "DELETE FROM audit_record WHERE seq >= 5")
    report = verify(ctx)
    assert [p.check for p in report.problems] == ["audit_head"]


def test_missing_head_file_is_reported(ctx: AppContext, admin: Actor) -> None:
    _some_history(ctx, admin)
    ctx.data_dir.audit_head.unlink()
    assert any(p.check == "audit_head" for p in verify(ctx).problems)
