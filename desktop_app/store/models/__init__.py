"""All models, imported so that Base.metadata knows every table (Alembic compares against it)."""

from desktop_app.store.models.audit import AuditRecord, OutboxEntry
from desktop_app.store.models.cases import (
    Approval,
    Attachment,
    Case,
    CaseAssignment,
    CaseDeadline,
    CaseEvent,
    CaseParty,
    Document,
    DocumentService,
    NumberSequence,
)
from desktop_app.store.models.evidence import EvidenceItem, ProcessRecord
from desktop_app.store.models.items import BenchmarkTier, EnforcementItem, ItemListVersion, NoPenaltyRule
from desktop_app.store.models.parties import Party
from desktop_app.store.models.reference import (
    CalendarDay,
    CalendarYear,
    Certificate,
    CertificateEvent,
    Officer,
    Setting,
    Township,
    TrainingRecord,
    User,
    UserRole,
)

__all__ = [
    "Approval",
    "Attachment",
    "AuditRecord",
    "BenchmarkTier",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseAssignment",
    "CaseDeadline",
    "CaseEvent",
    "CaseParty",
    "Certificate",
    "CertificateEvent",
    "Document",
    "DocumentService",
    "EnforcementItem",
    "EvidenceItem",
    "ItemListVersion",
    "NoPenaltyRule",
    "NumberSequence",
    "Officer",
    "OutboxEntry",
    "Party",
    "ProcessRecord",
    "Setting",
    "Township",
    "TrainingRecord",
    "User",
    "UserRole",
]
