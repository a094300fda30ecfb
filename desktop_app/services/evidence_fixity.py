"""Fixity of the evidence store (domain/reliability.md: Autopsy, BagIt): re-hash every stored file and
report altered, missing and untracked ones, keeping when this was last done for the GUI; and the
start-up sweep of what interrupted imports left behind."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.evidence.file_store import SweepResult
from desktop_app.services.context import AppContext
from desktop_app.services.evidence import is_referenced, store_of
from desktop_app.store.models import Attachment, Case, EvidenceItem

logger = logging.getLogger(__name__)

FIXITY_STAMP = "evidence-fixity.json"


@dataclass(frozen=True)
class FixityFinding:
    kind: str  # altered | missing | untracked
    file: str  # the SHA-256, or the path inside the store of an untracked file
    message: str
    evidence_ids: list[str]


@dataclass(frozen=True)
class FixityResult:
    checked: int
    findings: list[FixityFinding]
    verified_at: datetime

    @property
    def ok(self) -> bool:
        return not self.findings

    def of(self, kind: str) -> list[FixityFinding]:
        return [f for f in self.findings if f.kind == kind]


@dataclass(frozen=True)
class FixityStatus:
    verified_at: datetime
    checked: int
    problems: int

    @property
    def ok(self) -> bool:
        return self.problems == 0


def _known_files(session: Session) -> dict[str, list[str]]:
    """Every file the store should hold → the evidence that names it ("case number 第N号《title》")."""
    known: dict[str, list[str]] = {}
    numbers: dict[str, str | None] = {cid: num for cid, num in session.execute(select(Case.id, Case.number))}
    for e in session.scalars(select(EvidenceItem).where(EvidenceItem.removed_at.is_(None))):
        known.setdefault(e.sha256, []).append(f"{numbers.get(e.case_id) or e.case_id} 证据第 {e.number} 号《{e.title}》")
    for a in session.scalars(select(Attachment)):
        known.setdefault(a.sha256, []).append(f"{numbers.get(a.case_id) or a.case_id} 附件 {a.original_name}")
    # issued documents' PDFs live in the data directory's documents/ folder, not in the evidence store;
    # verify checks them there (services/documents.check_stored_pdfs)
    return known


def verify_store(ctx: AppContext, progress: Callable[[int, int], None] | None = None) -> FixityResult:
    """Re-hash every stored file and compare with what the database references; the time and outcome
    are kept for the GUI ("上次校验")."""
    with ctx.read() as session:
        known = _known_files(session)
        ids: dict[str, list[str]] = {}
        for e in session.scalars(select(EvidenceItem).where(EvidenceItem.removed_at.is_(None))):
            ids.setdefault(e.sha256, []).append(e.id)
    report = store_of(ctx).verify(((sha, 0) for sha in known), progress)
    findings: list[FixityFinding] = []
    for sha in report.altered:
        findings.append(FixityFinding("altered", sha, f"证据文件已被改动（SHA-256 不符）：{sha}，涉及 {'、'.join(known[sha])}",
                                      ids.get(sha, [])))
    for sha in report.missing:
        findings.append(FixityFinding("missing", sha, f"证据文件缺失：{sha}，涉及 {'、'.join(known[sha])}",
                                      ids.get(sha, [])))
    for rel in report.untracked:
        findings.append(FixityFinding("untracked", rel, f"证据库中有未登记的文件：{rel}", []))
    result = FixityResult(report.checked, findings, ctx.clock.now())
    _write_stamp(ctx, result)
    return result


def _write_stamp(ctx: AppContext, result: FixityResult) -> None:
    payload = json.dumps({"verified_at": result.verified_at.isoformat(), "checked": result.checked,
                          "problems": len(result.findings)})
    target = ctx.data_dir.root / FIXITY_STAMP
    try:
        fd, tmp = tempfile.mkstemp(prefix=".fixity-", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except OSError:
        logger.warning("could not record the time of the evidence check")


def last_fixity(ctx: AppContext) -> FixityStatus | None:
    """When the store was last verified and what was found (None: never)."""
    try:
        data = json.loads((ctx.data_dir.root / FIXITY_STAMP).read_text(encoding="utf-8"))
        return FixityStatus(datetime.fromisoformat(data["verified_at"]), int(data["checked"]), int(data["problems"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def sweep_store(ctx: AppContext) -> SweepResult:
    """At start: remove what interrupted imports left (a `.part`, or a file placed but never recorded)."""
    return store_of(ctx).sweep(lambda sha: is_referenced(ctx, sha))

__all__ = ["FixityFinding", "FixityResult", "FixityStatus", "last_fixity", "sweep_store", "verify_store"]
