"""`verify`: database integrity, the audit chain and its external head, evidence fixity and the issued
documents' stored PDFs (each registered PDF present with its SHA-256). Reports every problem found;
changes nothing (but the time of the evidence check)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.services import evidence_fixity
from desktop_app.services.context import AppContext, read_audit_head
from desktop_app.store import audit_chain
from desktop_app.store.backup import integrity_check


@dataclass(frozen=True)
class Problem:
    check: str
    message: str
    record: str | None = None


@dataclass
class VerifyReport:
    checks: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    audit_records: int = 0
    evidence_files: int = 0
    document_pdfs: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(ctx: AppContext, progress: Callable[[int], None] | None = None) -> VerifyReport:
    report = VerifyReport()
    if ctx.db.is_sqlite:
        report.checks.append("database")
        for message in integrity_check(ctx.data_dir.database):
            report.problems.append(Problem("database", f"数据库完整性检查：{message}"))
    report.checks.append("audit_chain")
    with ctx.read() as session:
        by_seq: dict[int, str] = {}
        count = 0
        for rec, problem in audit_chain.walk(session):
            assert rec is not None
            count += 1
            by_seq[rec.seq] = rec.hash
            if problem is not None:
                report.problems.append(Problem(
                    "audit_chain",
                    f"审计记录第 {problem.seq} 条（{problem.record_id}）：{problem.problem}",
                    problem.record_id))
            if progress is not None and count % 10000 == 0:
                progress(count)
        report.audit_records = count
    report.checks.append("audit_head")
    head = read_audit_head(ctx)
    if head is None:
        if count:
            report.problems.append(Problem("audit_head", "数据目录中缺少审计链头文件 audit-head.json"))
    elif head.count < 0:
        report.problems.append(Problem("audit_head", "审计链头文件 audit-head.json 无法读取"))
    elif head.seq and by_seq.get(head.seq) != head.hash:
        report.problems.append(Problem(
            "audit_head",
            f"审计链与链头文件不符：链头记录第 {head.seq} 条（共 {head.count} 条），"
            f"数据库中现有 {count} 条——审计记录的末尾可能被截去或改动"))
    elif count < head.count:
        report.problems.append(Problem(
            "audit_head", f"审计记录少于链头文件所载：应至少 {head.count} 条，现有 {count} 条"))
    report.checks.append("evidence")
    fixity = evidence_fixity.verify_store(ctx)
    report.evidence_files = fixity.checked
    for finding in fixity.findings:
        report.problems.append(Problem("evidence", finding.message, finding.file))
    report.checks.append("documents")
    # imported here: the documents service brings the renderer (reportlab), which verify does not need
    from desktop_app.services.documents import check_stored_pdfs, registered_pdf_count

    report.document_pdfs = registered_pdf_count(ctx)
    for found in check_stored_pdfs(ctx):
        report.problems.append(Problem(
            "documents", f"已签发文书 {found.number or '（无文号）'}（{found.document_id}）：{found.problem}",
            found.document_id))
    return report
