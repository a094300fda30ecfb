"""The minimal document records the procedure needs: a document is issued with its 文号 (gapless per
township, type and year) and counts as served only with a proof of service. They render to PDF from
forms/ (services/documents.py): a waiting draft of the form (the documents tab) is taken over when the
action issues it, and the issued content is frozen there and then, with its PDF stored and registered
when the action passes the data directory's documents folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.clock import local_date
from desktop_app.domain.numbering import format_document_number
from desktop_app.services.context import UnitOfWork
from desktop_app.services.errors import NotFound
from desktop_app.services.numbering import next_number
from desktop_app.store.models import Case, Document, Setting, Township

# form code → (title, 文号 type code or None)
FORMS: dict[str, tuple[str, str | None]] = {
    "filing_approval": ("立案审批表", None),
    "penalty_notice": ("行政处罚事先告知书", "罚告"),
    "hearing_notice": ("听证通知书", "听通"),
    "penalty_decision": ("行政处罚决定书", "罚决"),
    "no_penalty_decision": ("不予行政处罚决定书", "不罚"),
    "on_spot_decision": ("当场行政处罚决定书", None),
    "reminder": ("催告书", "催"),
    "court_application": ("强制执行申请书", "强申"),
    "transfer_letter": ("案件移送书", "移"),
    "criminal_transfer_letter": ("涉嫌犯罪案件移送书", "移"),
    "preservation_notice": ("证据先行登记保存通知书", "保存"),
}

DECISION_FORMS = frozenset({"penalty_decision", "no_penalty_decision", "on_spot_decision"})


def document_pattern(session: Session) -> str:
    row = session.get(Setting, "numbering.document_pattern")
    return str(row.value) if row is not None else "{prefix}{type}字〔{year}〕第{n}号"


def issue_document(
    session: Session,
    case: Case,
    form: str,
    *,
    at: datetime,
    by: str,
    content: dict[str, object] | None = None,
    number: str | None = None,
    new_id: str | None = None,
    pdf_dir: Path | None = None,
) -> Document:
    """Create and issue a document: its 文号 is given now (not when drafted), from the counter of
    its type and year; the parties' details are frozen into it as they stand today. With ``pdf_dir``
    (the data directory's documents folder) the PDF is rendered, stored and registered now too."""
    from desktop_app.services import documents as rendering  # the PDF side imports this module

    title, type_code = FORMS[form]
    year = local_date(at).year
    frozen = {**(content or {}), "parties": [p.snapshot for p in case.parties]}
    doc = rendering.adopt_draft(session, case, form)
    if doc is not None:
        # the draft's edits (facts, reasons, discretion …) carry over; the action's options win
        doc.status, doc.issued_at, doc.issued_by = "issued", at, by
        doc.content = {**(doc.content or {}), **frozen}
    else:
        doc = Document(case_id=case.id, form=form, title=title, type_code=type_code, status="issued",
                       content=frozen, drafted_at=at, issued_at=at, issued_by=by)
        if new_id is not None:
            doc.id = new_id
    if number is not None:
        doc.number = number
    elif type_code is not None:
        township = session.scalar(select(Township).limit(1))
        prefix = township.doc_prefix if township else ""
        n = next_number(session, f"doc:{type_code}", year)
        doc.number_year, doc.number_seq = year, n
        doc.number = format_document_number(prefix, type_code, year, n, document_pattern(session))
    session.add(doc)
    session.flush()
    rendering.freeze_issued_by_workflow(session, case, doc, pdf_dir)
    return doc


def find_document(session: Session, case: Case, ref: str) -> Document:
    ref = ref.strip()
    doc = session.get(Document, ref)
    if doc is None:
        doc = session.scalar(select(Document).where(Document.case_id == case.id, Document.number == ref))
    if doc is None or doc.case_id != case.id:
        raise NotFound(f"本案没有文书“{ref}”")
    return doc


def latest_document(session: Session, case: Case, forms: frozenset[str] | set[str]) -> Document | None:
    return session.scalar(select(Document).where(Document.case_id == case.id, Document.form.in_(forms),
                                                 Document.status == "issued")
                          .order_by(Document.issued_at.desc()).limit(1))


def void_issued(uow: UnitOfWork, doc: Document, reason: str, *, occurred_at: datetime | None = None) -> None:
    """Void a document inside the caller's unit of work: it keeps its number (the register stays
    gapless), is marked void with the reason, and the change is audited."""
    before = doc.status
    doc.status, doc.voided_at, doc.void_reason = "void", uow.now, reason
    uow.audit("document.void", "document", doc.id, case_id=doc.case_id, occurred_at=occurred_at,
              summary=f"作废文书：{doc.title} {doc.number or ''}".strip(),
              before={"status": before}, after={"reason": doc.void_reason, "number": doc.number})
