"""Evidence (证据): adding files to a case's 证据清单, listing them, linking recordings to 笔录, and
removal under the retention rule.

- Adding: an officer handling the case (or a team lead) while the case is being handled; the person who
  collected it must hold a valid 执法证 on the day (行政处罚法第四十二条); a recording device must be a
  registered body camera (文司发〔2024〕4号 第十条: 执法记录仪每人一部). The files are streamed into the
  content-addressed store first (progress, cancel), then recorded in one transaction: all or nothing.
- Removal: see desktop_app.domain.evidence.removal_rule — never before the case file is archived, after
  that only once its retention period has run out, by the archive clerk, with the reason recorded.

Custody (opening, export, print, package) is in evidence_custody, fixity and the start-up sweep in
evidence_fixity."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.clock import local_date
from desktop_app.domain.case_states import CaseState, is_open, state_label
from desktop_app.domain.evidence import (
    EVIDENCE_LAW,
    FLAG_LABELS,
    MEDIA_TYPES,
    EvidenceType,
    evidence_type_label,
    parse_evidence_type,
    removal_rule,
)
from desktop_app.domain.roles import Role
from desktop_app.evidence import previews
from desktop_app.evidence.file_store import FileStore, ImportCancelled, StoredFile
from desktop_app.evidence.sniff import is_image, is_media, sniff_file
from desktop_app.services import officers as officers_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases.facts import find_case
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, NotFound, PermissionDenied, Refused, ServiceError
from desktop_app.store.models import (
    Attachment,
    Case,
    CaseAssignment,
    Document,
    EvidenceItem,
    Officer,
    ProcessRecord,
    User,
)

logger = logging.getLogger(__name__)

PENALTY_ART42 = "行政处罚法第四十二条"
CAMERA_RULE = "文司发〔2024〕4号 第十条"


class ImportCancelledError(ServiceError):
    """The user cancelled an import: nothing was stored or recorded."""

    def __init__(self) -> None:
        super().__init__("已取消导入，未保存任何文件，未登记任何证据")


@dataclass
class EvidenceInput:
    """What the form (or the command line) says about the files being added."""

    type: str
    title: str = ""
    description: str = ""
    collected_by: str | None = None  # login; default: the acting user
    collected_at: datetime | None = None  # default: now
    place: str = ""
    device: str | None = None  # 执法记录仪编号; default for 视听资料: the collector's camera
    record_id: str | None = None  # the 笔录 this recording belongs to


@dataclass(frozen=True)
class EvidenceInfo:
    id: str
    case_id: str
    case_number: str | None
    number: int
    type: str
    type_label: str
    title: str
    description: str
    collected_by: str
    collected_by_name: str
    collected_at: datetime
    place: str
    device: str | None
    original_name: str
    size: int
    mime_type: str
    sha256: str
    flags: list[str]
    flag_labels: list[str]
    flag_note: str
    record_id: str | None
    added_at: datetime
    added_by: str
    removed_at: datetime | None
    removed_by: str | None
    removal_reason: str | None

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    @property
    def is_image(self) -> bool:
        return is_image(self.mime_type)

    @property
    def is_media(self) -> bool:
        return is_media(self.mime_type)


@dataclass(frozen=True)
class AddResult:
    items: list[EvidenceInfo]
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------
# Helpers


def store_of(ctx: AppContext) -> FileStore:
    return FileStore(ctx.data_dir.evidence)


def cache_dir(ctx: AppContext) -> Path:
    """Disposable renderings (thumbnails, viewer images, named copies for the system player)."""
    return ctx.data_dir.root / "cache"


def parse_type(text: str) -> EvidenceType:
    try:
        return parse_evidence_type(text)
    except ValueError as exc:
        raise InvalidInput("证据类型", str(exc)) from None


def clean_text(value: str | None, name: str, max_len: int) -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > max_len:
        raise InvalidInput(name, f"{name}不能超过 {max_len} 个字符")
    return cleaned


def safe_name(name: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .") or "evidence"
    return cleaned[:200]


def check_visible(session: Session, actor: Actor, case: Case) -> None:
    from desktop_app.services.cases.queries import visible_cases  # queries lists evidence: import late

    visible = session.scalar(visible_cases(select(func.count()).select_from(Case), actor).where(Case.id == case.id))
    if not visible:
        raise PermissionDenied("您无权查看此案件")


def require_case_officer(session: Session, actor: Actor, case: Case, what: str) -> None:
    """Officers of the case (who registered it or holds a role in it) and team leads — procedure.md,
    Roles: officers "record inspections and interviews, add evidence" for their cases."""
    actor.require([Role.OFFICER, Role.TEAM_LEAD], what)
    if actor.has(Role.TEAM_LEAD):
        return
    assigned = session.scalar(select(func.count()).select_from(CaseAssignment).where(
        CaseAssignment.case_id == case.id, CaseAssignment.user_id == actor.user_id))
    if case.registered_by != actor.login and not assigned:
        raise PermissionDenied(f"只有本案的承办执法人员或执法队长可以{what}")


def require_case_open(case: Case, what: str) -> None:
    if not is_open(CaseState(case.state)):
        raise Refused(f"案件已办结（状态：{state_label(case.state)}），不能再{what}")


def user_names(session: Session, logins: set[str]) -> dict[str, str]:
    if not logins:
        return {}
    return {u.login: u.name for u in session.scalars(select(User).where(User.login.in_(logins)))}


def item_info(item: EvidenceItem, case_number: str | None, names: dict[str, str]) -> EvidenceInfo:
    return EvidenceInfo(
        id=item.id, case_id=item.case_id, case_number=case_number, number=item.number, type=item.type_code,
        type_label=evidence_type_label(item.type_code), title=item.title, description=item.description,
        collected_by=item.collected_by, collected_by_name=names.get(item.collected_by, item.collected_by),
        collected_at=item.collected_at, place=item.place, device=item.device, original_name=item.original_name,
        size=item.size, mime_type=item.mime_type, sha256=item.sha256, flags=list(item.flags),
        flag_labels=[FLAG_LABELS.get(f, f) for f in item.flags], flag_note=item.flag_note,
        record_id=item.record_id, added_at=item.added_at, added_by=item.added_by, removed_at=item.removed_at,
        removed_by=item.removed_by, removal_reason=item.removal_reason)


def find_item(session: Session, ref: str) -> EvidenceItem:
    item = session.get(EvidenceItem, ref.strip())
    if item is None:
        raise NotFound(f"证据“{ref}”不存在（请用证据编号 id，见 evidence list）")
    return item


def _live_reference(session: Session, sha256: str) -> bool:
    """Whether anything still in force references the stored file."""
    if session.scalar(select(func.count()).select_from(EvidenceItem).where(
            EvidenceItem.sha256 == sha256, EvidenceItem.removed_at.is_(None))):
        return True
    if session.scalar(select(func.count()).select_from(Attachment).where(Attachment.sha256 == sha256)):
        return True
    return bool(session.scalar(select(func.count()).select_from(Document).where(Document.pdf_sha256 == sha256)))


def is_referenced(ctx: AppContext, sha256: str) -> bool:
    with ctx.read() as session:
        return _live_reference(session, sha256)


# ---------------------------------------------------------------------------------------------------
# Adding


@dataclass(frozen=True)
class _Checked:
    type: EvidenceType
    collector: str
    collected_at: datetime
    device: str | None


def _check_add(session: Session, actor: Actor, case: Case, inp: EvidenceInput, now: datetime) -> _Checked:
    require_case_officer(session, actor, case, "登记证据")
    require_case_open(case, "登记证据")
    kind = parse_type(inp.type)
    collected_at = inp.collected_at or now
    if collected_at.tzinfo is None:
        raise InvalidInput("取证时间", "取证时间须带时区")
    if collected_at > now:
        raise InvalidInput("取证时间", "取证时间不能晚于现在")
    collector = (inp.collected_by or actor.login).strip().lower()
    user = session.scalar(select(User).where(User.login == collector))
    if user is None or user.disabled:
        raise InvalidInput("取证人", f"取证人“{collector}”不是本系统的有效用户")
    day = local_date(collected_at)
    gaps = officers_service.certificate_gaps(session, [collector], day)
    if gaps:
        raise Refused(f"取证人须在取证之日（{day.isoformat()}）持有效执法证：{gaps[0].reason}",
                      article=PENALTY_ART42)
    device = (inp.device or "").strip() or None
    if device is not None:
        if len(device) > 40:
            raise InvalidInput("执法记录仪编号", "执法记录仪编号不能超过 40 个字符")
        holder = session.scalar(select(Officer).where(Officer.body_camera_no == device))
        if holder is None:
            raise Refused(f"执法记录仪编号“{device}”未配发给任何执法人员，请先在执法人员中登记（执法记录仪每人一部）",
                          article=CAMERA_RULE)
    elif kind in MEDIA_TYPES:
        officer = officers_service.find_officer(session, collector)
        device = officer.body_camera_no if officer is not None else None
    if inp.record_id:
        record = session.get(ProcessRecord, inp.record_id.strip())
        if record is None or record.case_id != case.id:
            raise InvalidInput("关联笔录", f"笔录“{inp.record_id}”不存在或不属于本案")
    return _Checked(kind, collector, collected_at, device)


def check_new_evidence(ctx: AppContext, actor: Actor, case_ref: str, inp: EvidenceInput) -> None:
    """The checks of `add_evidence` that need no file (a form validates with them before importing)."""
    clean_text(inp.title, "证据名称", 200)
    clean_text(inp.description, "证据说明", 4000)
    clean_text(inp.place, "取证地点", 500)
    with ctx.read() as session:
        _check_add(session, actor, find_case(session, case_ref), inp, ctx.clock.now())


def why_not_add(ctx: AppContext, actor: Actor, case_ref: str) -> str | None:
    """None when the acting user may add evidence to the case now; else the rule that refuses it (the
    GUI disables its button with this text)."""
    with ctx.read() as session:
        case = find_case(session, case_ref)
        try:
            require_case_officer(session, actor, case, "登记证据")
            require_case_open(case, "登记证据")
        except ServiceError as exc:
            return str(exc)
    return None


def add_evidence(
    ctx: AppContext,
    actor: Actor,
    case_ref: str,
    files: Sequence[Path],
    inp: EvidenceInput,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> AddResult:
    """Add one evidence item per file (numbered on in the case's 证据清单), all or none. The same
    file added twice is stored once and referenced by both items."""
    if not files:
        raise InvalidInput("文件", "请至少选择一个证据文件")
    title = clean_text(inp.title, "证据名称", 200)
    description = clean_text(inp.description, "证据说明", 4000)
    place = clean_text(inp.place, "取证地点", 500)
    paths = [Path(f) for f in files]
    for path in paths:
        if not path.is_file():
            raise InvalidInput("文件", f"证据文件不存在或不是文件：{path}")
        if len(path.name) > 255:
            raise InvalidInput("文件", f"文件名过长（超过 255 个字符）：{path.name}")
    sizes = [p.stat().st_size for p in paths]
    if 0 in sizes:
        raise InvalidInput("文件", f"证据文件为空（0 字节）：{paths[sizes.index(0)].name}")
    with ctx.read() as session:  # refuse before copying gigabytes
        case = find_case(session, case_ref)
        _check_add(session, actor, case, inp, ctx.clock.now())
        case_id = case.id

    store = store_of(ctx)
    total = sum(sizes)
    stored: list[StoredFile] = []
    try:
        done = 0
        for path, size in zip(paths, sizes, strict=True):
            base = done

            def step(n: int, _t: int, base: int = base) -> None:
                if progress is not None:
                    progress(base + n, total)

            stored.append(store.add_file(path, step, cancelled, hold=True))
            done += size
        found = [_inspect(store, s, p) for s, p in zip(stored, paths, strict=True)]
        with ctx.write(actor) as uow:
            s = uow.session
            case = find_case(s, case_id)
            checked = _check_add(s, actor, case, inp, uow.now)
            last = s.scalar(select(func.max(EvidenceItem.number)).where(EvidenceItem.case_id == case.id)) or 0
            existing = {e.sha256: e.number for e in s.scalars(select(EvidenceItem).where(
                EvidenceItem.case_id == case.id, EvidenceItem.removed_at.is_(None)))}
            items: list[EvidenceItem] = []
            warnings: list[str] = []
            for i, (sf, path, (mime, flags, note)) in enumerate(zip(stored, paths, found, strict=True)):
                number = last + i + 1
                if sf.sha256 in existing:
                    warnings.append(f"{path.name} 与本案证据第 {existing[sf.sha256]} 号是同一文件（SHA-256 相同），"
                                    f"已再次登记为第 {number} 号，文件只保存一份")
                existing.setdefault(sf.sha256, number)
                if flags:
                    warnings.append(f"{path.name}：{note}")
                item_title = title if title and len(paths) == 1 else (
                    f"{title}（{i + 1}）" if title else path.stem)[:200]
                item = EvidenceItem(
                    id=uow.new_id(), case_id=case.id, number=number, type_code=checked.type.value,
                    title=item_title, description=description, collected_by=checked.collector,
                    collected_at=checked.collected_at, place=place, device=checked.device,
                    original_name=path.name, size=sf.size, mime_type=mime, sha256=sf.sha256, flags=flags,
                    flag_note=note, record_id=(inp.record_id or "").strip() or None, added_at=uow.now,
                    added_by=actor.login)
                s.add(item)
                items.append(item)
            s.flush()
            for item in items:
                uow.audit("evidence.add", "evidence", item.id, case_id=case.id, occurred_at=item.collected_at,
                          summary=f"登记证据第 {item.number} 号《{item.title}》（{evidence_type_label(item.type_code)}，"
                                  f"{item.original_name}，{item.size} 字节）",
                          after=_audit_view(item))
            names = user_names(s, {checked.collector})
            result = AddResult([item_info(item, case.number, names) for item in items], warnings)
    except ImportCancelled:
        _discard(ctx, store, stored)
        raise ImportCancelledError() from None
    except BaseException:
        _discard(ctx, store, stored)
        raise
    for sf in stored:
        store.settle(sf)
    logger.info("evidence added to case %s: %d item(s)", case_id, len(result.items))
    return result


def _inspect(store: FileStore, stored: StoredFile, source: Path) -> tuple[str, list[str], str]:
    path = store.path_for(stored.sha256)
    mime = sniff_file(path, source.name)
    found = previews.inspect_file(path, mime)
    note = "；".join(FLAG_LABELS.get(f, f) for f in found.flags)
    if found.detail:
        note = f"{note}（{found.detail}）"
    return mime, list(found.flags), note


def _discard(ctx: AppContext, store: FileStore, stored: list[StoredFile]) -> None:
    for sf in stored:
        try:
            store.discard(sf, lambda sha: is_referenced(ctx, sha))
        except OSError:
            logger.exception("could not remove the file of a failed import; the next start sweeps it")


def _audit_view(item: EvidenceItem) -> dict[str, Any]:
    return {"number": item.number, "type": item.type_code, "title": item.title, "original_name": item.original_name,
            "size": item.size, "mime_type": item.mime_type, "sha256": item.sha256, "collected_by": item.collected_by,
            "collected_at": item.collected_at.isoformat(), "place": item.place, "device": item.device,
            "flags": list(item.flags), "record_id": item.record_id}


# ---------------------------------------------------------------------------------------------------
# Reading


def list_evidence(ctx: AppContext, actor: Actor, case_ref: str, *, include_removed: bool = True) -> list[EvidenceInfo]:
    """The case's 证据清单 in its order (no custody entry: nothing is opened)."""
    with ctx.read() as session:
        case = find_case(session, case_ref)
        check_visible(session, actor, case)
        stmt = select(EvidenceItem).where(EvidenceItem.case_id == case.id).order_by(EvidenceItem.number)
        if not include_removed:
            stmt = stmt.where(EvidenceItem.removed_at.is_(None))
        items = list(session.scalars(stmt))
        names = user_names(session, {i.collected_by for i in items})
        return [item_info(i, case.number, names) for i in items]


def get_evidence(ctx: AppContext, actor: Actor, ref: str) -> EvidenceInfo:
    with ctx.read() as session:
        item = find_item(session, ref)
        case = session.get(Case, item.case_id)
        assert case is not None
        check_visible(session, actor, case)
        return item_info(item, case.number, user_names(session, {item.collected_by}))


def case_evidence_rows(session: Session, case_id: str) -> list[dict[str, Any]]:
    """The evidence of a case as `case show` lists it."""
    rows = []
    for e in session.scalars(select(EvidenceItem).where(EvidenceItem.case_id == case_id)
                             .order_by(EvidenceItem.number)):
        rows.append({"id": e.id, "kind": "evidence", "number": e.number, "type": e.type_code,
                     "type_label": evidence_type_label(e.type_code), "title": e.title, "name": e.original_name,
                     "purpose": evidence_type_label(e.type_code), "size": e.size, "mime_type": e.mime_type,
                     "sha256": e.sha256, "collected_by": e.collected_by, "collected_at": e.collected_at,
                     "flags": list(e.flags), "record_id": e.record_id, "removed": e.removed_at is not None})
    return rows


# Linking and removing


def link_to_record(ctx: AppContext, actor: Actor, ref: str, record_id: str | None) -> EvidenceInfo:
    """Link an audio or video recording to the 笔录 of the step it records (None: unlink)."""
    with ctx.write(actor) as uow:
        s = uow.session
        item = find_item(s, ref)
        case = s.get(Case, item.case_id)
        assert case is not None
        require_case_officer(s, actor, case, "关联证据与笔录")
        require_case_open(case, "关联证据与笔录")
        if record_id:
            if item.type_code not in {t.value for t in MEDIA_TYPES} and not is_media(item.mime_type):
                raise Refused(f"证据第 {item.number} 号不是录音录像，只有视听资料可以关联到笔录（{EVIDENCE_LAW}）")
            record = s.get(ProcessRecord, record_id.strip())
            if record is None or record.case_id != case.id:
                raise InvalidInput("关联笔录", f"笔录“{record_id}”不存在或不属于本案")
        before = item.record_id
        item.record_id = record_id.strip() if record_id else None
        uow.audit("evidence.link", "evidence", item.id, case_id=case.id,
                  summary=f"证据第 {item.number} 号《{item.title}》" + ("关联笔录" if record_id else "取消关联笔录"),
                  before={"record_id": before}, after={"record_id": item.record_id})
        return item_info(item, case.number, user_names(s, {item.collected_by}))


def remove_evidence(ctx: AppContext, actor: Actor, ref: str, reason: str) -> EvidenceInfo:
    """Remove an item under the retention rule (domain.evidence.removal_rule); the row stays with who,
    when and why, and the stored file is destroyed once nothing else references it."""
    why = clean_text(reason, "删除原因", 500)
    if not why:
        raise InvalidInput("删除原因", "须填写删除原因（如：保管期限届满，经批准销毁）")
    with ctx.write(actor) as uow:
        s = uow.session
        item = find_item(s, ref)
        case = s.get(Case, item.case_id)
        assert case is not None
        if item.removed_at is not None:
            raise Refused(f"证据第 {item.number} 号已于 {local_date(item.removed_at).isoformat()} 删除")
        # The rule first: it is the answer whoever asks while the case is open.
        verdict = removal_rule(case.state, state_label(case.state), case.procedure, case.archived_on,
                               ctx.clock.today())
        if not verdict.allowed:
            raise Refused(f"不能删除证据第 {item.number} 号：{verdict.reason}", article=verdict.article)
        actor.require([Role.ARCHIVE_CLERK], "按保管期限删除证据")
        item.removed_at, item.removed_by, item.removal_reason = uow.now, actor.login, why
        uow.audit("evidence.remove", "evidence", item.id, case_id=case.id,
                  summary=f"删除证据第 {item.number} 号《{item.title}》：{why}",
                  before=_audit_view(item), after={"removed_by": actor.login, "reason": why})
        info = item_info(item, case.number, user_names(s, {item.collected_by}))
    if not is_referenced(ctx, info.sha256):
        try:
            store_of(ctx).destroy(info.sha256)
        except OSError:
            logger.exception("could not destroy the file of removed evidence %s", info.id)
        shutil.rmtree(cache_dir(ctx) / "open" / info.id, ignore_errors=True)
    return info


# ---------------------------------------------------------------------------------------------------
__all__ = [
    "AddResult",
    "EvidenceInfo",
    "EvidenceInput",
    "ImportCancelledError",
    "add_evidence",
    "cache_dir",
    "case_evidence_rows",
    "check_new_evidence",
    "check_visible",
    "find_item",
    "get_evidence",
    "is_referenced",
    "item_info",
    "link_to_record",
    "list_evidence",
    "parse_type",
    "remove_evidence",
    "require_case_officer",
    "require_case_open",
    "store_of",
    "why_not_add",
]
