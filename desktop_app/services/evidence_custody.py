"""Custody of evidence (证据保管): every opening (not a list thumbnail), export, print or inclusion in a
package of an evidence item is an audit record — evidence.open / .export / .print / .package — naming
the case, the person and the file's hash. Anonymous reads may list but never open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.clock import local_date
from desktop_app.evidence import previews
from desktop_app.evidence.file_store import FixityError, ImportCancelled
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, PermissionDenied, Refused
from desktop_app.services.evidence import (
    EvidenceInfo,
    ImportCancelledError,
    cache_dir,
    check_visible,
    clean_text,
    find_item,
    get_evidence,
    item_info,
    safe_name,
    store_of,
    user_names,
)
from desktop_app.store.models import Case

CUSTODY_ACTIONS = {"open": "调阅", "export": "导出", "print": "打印", "package": "打包"}


@dataclass(frozen=True)
class Opened:
    """An evidence item opened for a person (custody logged): a file to show, or None."""

    item: EvidenceInfo
    path: Path | None


def thumbnail(ctx: AppContext, item: EvidenceInfo) -> Path | None:
    """A list thumbnail of an image (not a custody event); None: show a placeholder. Never raises."""
    if not item.is_image or item.removed or "corrupt_image" in item.flags or "preview_too_large" in item.flags:
        return None
    try:
        return previews.thumbnail(store_of(ctx).path_for(item.sha256), cache_dir(ctx) / "thumbnails",
                                  item.sha256, item.mime_type)
    except OSError:
        return None


def _require_person(actor: Actor, action: str) -> None:
    if actor.is_anonymous:
        raise PermissionDenied(f"{CUSTODY_ACTIONS[action]}证据须指定操作用户（--as 登录名），以便记入保管链")


def _custody(ctx: AppContext, actor: Actor, ref: str, action: str, detail: dict[str, Any],
             note: str = "") -> EvidenceInfo:
    _require_person(actor, action)
    with ctx.write(actor) as uow:
        s = uow.session
        item = find_item(s, ref)
        case = s.get(Case, item.case_id)
        assert case is not None
        check_visible(s, actor, case)
        if item.removed_at is not None:
            raise Refused(f"证据第 {item.number} 号已于 {local_date(item.removed_at).isoformat()} 删除"
                          f"（{item.removal_reason}），不能再{CUSTODY_ACTIONS[action]}")
        what = CUSTODY_ACTIONS[action]
        extra = f"：{note}" if note else ""
        uow.audit(f"evidence.{action}", "evidence", item.id, case_id=case.id,
                  summary=f"{what}证据第 {item.number} 号《{item.title}》{extra}",
                  after={"number": item.number, "sha256": item.sha256, **detail, **({"note": note} if note else {})})
        return item_info(item, case.number, user_names(s, {item.collected_by}))


def open_evidence(ctx: AppContext, actor: Actor, ref: str) -> Opened:
    """Open an item with the system's program: a read-only file with the original name (custody logged)."""
    info = _custody(ctx, actor, ref, "open", {"how": "system_program"})
    dest = cache_dir(ctx) / "open" / info.id / safe_name(info.original_name)
    try:
        path = store_of(ctx).view_copy(info.sha256, dest)
    except FileNotFoundError:
        raise Refused(f"证据第 {info.number} 号的文件在证据库中缺失，请运行证据库校验") from None
    return Opened(info, path)


def view_image(ctx: AppContext, actor: Actor, ref: str) -> Opened:
    """Open an image in the application's viewer (custody logged): a PNG rendering, or None when the
    image is damaged (the original stays as it is)."""
    info = _custody(ctx, actor, ref, "open", {"how": "viewer"})
    path = None
    if info.is_image and "corrupt_image" not in info.flags and "preview_too_large" not in info.flags:
        source = store_of(ctx).path_for(info.sha256)
        path = previews.viewer_image(source, cache_dir(ctx) / "viewer", info.sha256, info.mime_type)
    return Opened(info, path)


def export_evidence(ctx: AppContext, actor: Actor, ref: str, dest: Path,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> Path:
    """Copy an item out (its hash checked on the way); the export is an audit record."""
    _require_person(actor, "export")
    info = get_evidence(ctx, actor, ref)
    if info.removed:
        raise Refused(f"证据第 {info.number} 号已删除，不能导出")
    target = dest / safe_name(info.original_name) if dest.is_dir() else dest
    if target.exists():
        raise InvalidInput("导出位置", f"导出位置已有同名文件：{target}")
    try:
        store_of(ctx).export(info.sha256, target, progress, cancelled)
    except FileNotFoundError:
        raise Refused(f"证据第 {info.number} 号的文件在证据库中缺失，请运行证据库校验") from None
    except FixityError:
        raise Refused(f"证据第 {info.number} 号的文件已被改动（SHA-256 不符），未导出；请运行证据库校验") from None
    except ImportCancelled:
        raise ImportCancelledError() from None
    try:
        _custody(ctx, actor, ref, "export", {"to": str(target)})
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def record_custody(ctx: AppContext, actor: Actor, ref: str, action: str, note: str = "") -> EvidenceInfo:
    """Custody of a print or of inclusion in a package (sync, case file): for the documents, archive and
    sync services to call when they put an item on paper or into a package."""
    if action not in ("print", "package"):
        raise InvalidInput("保管记录", f"未知的保管记录种类“{action}”（可用：print、package）")
    return _custody(ctx, actor, ref, action, {}, clean_text(note, "说明", 500))


__all__ = ["CUSTODY_ACTIONS", "Opened", "export_evidence", "open_evidence", "record_custody", "thumbnail", "view_image"]
