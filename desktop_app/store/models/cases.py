"""Cases (案件) and what happens to them: parties as they stood, who holds which role in the case,
events (the procedural timeline), approvals, deadlines, documents and their service (送达).

A clue (线索) is a case without a number yet. Money is kept in 分 (integer) so sums are exact on every
database."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.store.base import Base, JSONText, UTCDateTime, UUIDPrimaryKey


class Case(UUIDPrimaryKey, Base):
    __tablename__ = "enforcement_case"
    __table_args__ = (
        UniqueConstraint("number_year", "number_seq"),
        # registered_by and id too: the dashboard's queues (a state, an officer's cases) are counted
        # from this index alone, not from the wide rows
        Index("ix_enforcement_case_state_registered_owner", "state", "registered_at", "id", "registered_by"),
        # A search of 1-2 characters scans these short fields (UX.md, Search): this narrow index, not the
        # wide rows with their facts. In id order with registered_by, so that an officer's matches are
        # counted walking it, each case's assignment looked up in id order too (services.cases.queries).
        Index("ix_enforcement_case_id_owner_short_fields", "id", "registered_by", "party_names", "number",
              "party_identifiers"),
        # An officer's cases (registered or assigned) counted by state in this narrow index, in id
        # order, not in the wide rows (the dashboard's open cases, 统计's states).
        Index("ix_enforcement_case_id_registered_by_state", "id", "registered_by", "state"),
        # 统计's fines outstanding: the open penalty cases and their amounts from the index alone.
        Index("ix_enforcement_case_penalty_owed", "decision_kind", "state", "fine_fen", "paid_fen"),
        # the cases an officer registered, as their ids from the index alone (an officer's set of
        # visible cases is built from this and the assignments' (user_id, case_id) index)
        Index("ix_enforcement_case_registered_by_id", "registered_by", "id"),
        # the list sorted by 当事人 in pinyin order walks this index (domain.collation)
        Index("ix_enforcement_case_party_sort_key", "party_sort_key", "id"),
    )

    number: Mapped[str | None] = mapped_column(String(60), unique=True, nullable=True)
    number_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    number_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    state_before_suspension: Mapped[str | None] = mapped_column(String(20), nullable=True)
    state_before_transfer: Mapped[str | None] = mapped_column(String(20), nullable=True)
    procedure: Mapped[str] = mapped_column(String(10), default="ordinary")  # ordinary | simple
    item_id: Mapped[str] = mapped_column(ForeignKey("enforcement_item.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(20), index=True)
    source: Mapped[str] = mapped_column(String(30))
    facts: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(Text, default="")
    act_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    continuing: Mapped[bool] = mapped_column(Boolean, default=False)
    act_ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    discovered_on: Mapped[date] = mapped_column(Date)
    complex_case: Mapped[bool] = mapped_column(Boolean, default=False)
    # 行政处罚法 第三十三条第一款: what 首违不罚 / 轻微不罚 suggestions are judged on.
    harm_slight: Mapped[bool] = mapped_column(Boolean, default=False)
    no_harm: Mapped[bool] = mapped_column(Boolean, default=False)
    corrected_in_time: Mapped[bool] = mapped_column(Boolean, default=False)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    registered_by: Mapped[str] = mapped_column(String(60))  # an officer's own cases (indexed with id)
    filed_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # week/month figures
    # The procedure's facts the rules need (procedure.md); each set by the action that establishes it.
    findings: Mapped[str] = mapped_column(Text, default="")
    case_review_passed: Mapped[bool] = mapped_column(Boolean, default=False)
    notified_penalty: Mapped[dict[str, Any] | None] = mapped_column(JSONText, nullable=True)
    notice_served_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    hearing_rights: Mapped[bool] = mapped_column(Boolean, default=False)
    statement_waived: Mapped[bool] = mapped_column(Boolean, default=False)
    hearing_waived: Mapped[bool] = mapped_column(Boolean, default=False)
    hearing_requested_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    hearing_notice_served_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    hearing_held_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    hearing_outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    legal_review_submitted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    legal_review_outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    legal_reviewed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    discussion_held_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    decision_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    penalty_kind: Mapped[str | None] = mapped_column(String(30), nullable=True)
    fine_fen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    tier: Mapped[str | None] = mapped_column(String(10), nullable=True)
    discretion_explanation: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # week/month figures
    decision_served_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    paid_fen: Mapped[int] = mapped_column(Integer, default=0)
    deferred_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    # 分期缴纳 (行政处罚法 第六十六条第二款): {"paid_before": "0.00", "plan": [{"due", "amount"}]}
    instalments: Mapped[dict[str, Any] | None] = mapped_column(JSONText, nullable=True)
    reminder_served_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    court_applied_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    court_ruling: Mapped[str | None] = mapped_column(String(20), nullable=True)
    appeal_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    appeal_outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    transfer_to: Mapped[str | None] = mapped_column(String(20), nullable=True)  # department | judicial
    transfer_state: Mapped[str | None] = mapped_column(String(20), nullable=True)  # pending | returned
    criminal_fine: Mapped[bool] = mapped_column(Boolean, default=False)
    preserved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    preservation_handled_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    extended_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)  # week/month figures
    close_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    archived_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Names and identifiers of the parties, for list display and the short-field search.
    party_names: Mapped[str] = mapped_column(Text, default="")
    party_identifiers: Mapped[str] = mapped_column(Text, default="")
    # party_names in pinyin order (domain.collation.pinyin_sort_key): SQLite has no Chinese collation
    party_sort_key: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Optimistic locking: two PCs (PostgreSQL mode) editing one case can't silently overwrite each other.
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}

    parties: Mapped[list[CaseParty]] = relationship(
        back_populates="case", order_by="CaseParty.position", cascade="all, delete-orphan", lazy="selectin")
    assignments: Mapped[list[CaseAssignment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", lazy="selectin")


class CaseParty(UUIDPrimaryKey, Base):
    """A party of a case, with the details as they stood for this case (documents render these)."""

    __tablename__ = "case_party"
    __table_args__ = (UniqueConstraint("case_id", "party_id"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[str] = mapped_column(ForeignKey("party.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONText)

    case: Mapped[Case] = relationship(back_populates="parties")


# CaseAssignment.role_in_case of the person designated as 案件审核人 (services.cases.actions, approve)
DESIGNATED_REVIEWER = "designated_reviewer"


class CaseAssignment(UUIDPrimaryKey, Base):
    """Who holds which role in the case: handler (办), case_reviewer (审), legal_reviewer (法制审核),
    decider (定), hearing_host, investigator — the exclusions of 办、审、定三分离 are checked on these.
    Also designated_reviewer: the person the leader designated as 案件审核人 before they reviewed
    (approve --what case_reviewer), so that they see the case; not one of the separated roles."""

    __tablename__ = "case_assignment"
    __table_args__ = (
        UniqueConstraint("case_id", "user_id", "role_in_case"),
        # a user's cases (and roles in them) from the index alone: visibility of an officer's cases, the
        # officer filter, the cases designated to them
        Index("ix_case_assignment_user_case_role", "user_id", "case_id", "role_in_case"),
    )

    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"))
    role_in_case: Mapped[str] = mapped_column(String(20))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)

    case: Mapped[Case] = relationship(back_populates="assignments")


class CaseEvent(UUIDPrimaryKey, Base):
    """One procedural act: when it happened, when it was entered, who, with which officers and options."""

    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_case_occurred", "case_id", "occurred_at"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(60))
    via: Mapped[str] = mapped_column(String(10))
    officers: Mapped[list[str]] = mapped_column(JSONText, default=list)
    data: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")


class Approval(UUIDPrimaryKey, Base):
    """A leader's approval (审批): preservation, extension, deferral, court enforcement, transfer,
    hearing host, recusal, withdraw, suspend, close."""

    __tablename__ = "approval"

    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(30))
    outcome: Mapped[str] = mapped_column(String(10))  # granted | refused
    reason: Mapped[str] = mapped_column(Text, default="")
    until: Mapped[date | None] = mapped_column(Date, nullable=True)
    host_user_id: Mapped[str | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    approver: Mapped[str] = mapped_column(String(60))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseDeadline(UUIDPrimaryKey, Base):
    """A deadline computed from the events (recomputed after every change), kept as rows so that
    `cases --overdue` is a query, not a loop over every case."""

    __tablename__ = "case_deadline"
    __table_args__ = (
        UniqueConstraint("case_id", "kind"),
        # kind and case_id too: the overdue filter's set of cases comes from this index alone
        Index("ix_case_deadline_open_due_kind_case", "met_on", "due", "kind", "case_id"),
        # a case's open deadlines from the index alone (an officer's overdue count, walked case by case);
        # it serves every lookup by case_id, so that column has no index of its own
        Index("ix_case_deadline_case_open_due_kind", "case_id", "met_on", "due", "kind"),
    )

    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    start: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)
    counting: Mapped[str] = mapped_column(String(10))  # natural | working
    article: Mapped[str] = mapped_column(String(200))
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    met_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    extended_from: Mapped[date | None] = mapped_column(Date, nullable=True)


class NumberSequence(Base):
    """The last number given per kind and year: case numbers and 文号 are gapless (procedure.md).
    Incremented inside the transaction that uses the number, so a rolled-back use leaves no gap."""

    __tablename__ = "number_sequence"

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Document(UUIDPrimaryKey, Base):
    """A document of a case (文书): drafted, issued with its 文号, voided — the documents issue renders it."""

    __tablename__ = "document"
    __table_args__ = (
        UniqueConstraint("type_code", "number_year", "number_seq"),
        # the dashboard's documents to serve and drafts (a few thousand of a hundred thousand documents):
        # counted from the index alone, the oldest issued found in its order
        Index("ix_document_status_served", "status", "served_on", "issued_at", "case_id"),
    )

    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(100))
    type_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    number: Mapped[str | None] = mapped_column(String(60), nullable=True)
    number_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    number_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | issued | void
    content: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)
    drafted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    issued_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    void_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    replaces_id: Mapped[str | None] = mapped_column(ForeignKey("document.id"), nullable=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    served_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class DocumentService(UUIDPrimaryKey, Base):
    """送达: the method and its proof (民事诉讼法 第八十七条至第九十五条; 行政处罚法 第六十一条)."""

    __tablename__ = "document_service"

    document_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(20))  # direct | left | post | electronic | public
    handed_on: Mapped[date] = mapped_column(Date)
    served_on: Mapped[date] = mapped_column(Date)
    recipient: Mapped[str] = mapped_column(String(100), default="")
    proof_name: Mapped[str] = mapped_column(String(255))
    proof_sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Attachment(UUIDPrimaryKey, Base):
    """A file kept in the content-addressed store: proofs of service, waivers, hearing records
    (evidence proper grows on this in the evidence issue)."""

    __tablename__ = "attachment"

    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(30))
    original_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(String(60))


__all__ = [
    "Approval",
    "Attachment",
    "Case",
    "CaseAssignment",
    "CaseDeadline",
    "CaseEvent",
    "CaseParty",
    "Document",
    "DocumentService",
    "NumberSequence",
]
