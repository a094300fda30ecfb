"""CLI commands: verify."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import Invocation, add_json
from desktop_app.services import verify as verify_service

EXIT_CHECK_FAILED = 3


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    v = sub.add_parser("verify", help="检查数据库完整性、审计链、证据文件和已签发文书（退出码 3 表示发现问题）")
    add_json(v)
    v.set_defaults(handler=_verify)


def _verify(inv: Invocation) -> int:
    report = verify_service.verify(inv.ctx)
    data = {"ok": report.ok, "checks": report.checks, "audit_records": report.audit_records,
            "evidence_files": report.evidence_files, "document_pdfs": report.document_pdfs,
            "problems": report.problems}

    def text(_: object) -> str:
        if report.ok:
            return (f"检查通过：数据库完整，审计记录 {report.audit_records} 条，链完整；"
                    f"证据文件 {report.evidence_files} 个、已签发文书 {report.document_pdfs} 份，均与登记的 SHA-256 一致。")
        lines = [f"发现 {len(report.problems)} 个问题："]
        lines += [f"- {p.message}" for p in report.problems]
        return "\n".join(lines)

    inv.emit(data, text)
    return 0 if report.ok else EXIT_CHECK_FAILED
