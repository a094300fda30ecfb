"""All models, imported so that Base.metadata knows every table (Alembic compares against it)."""

from desktop_app.store.models.audit import AuditRecord, OutboxEntry
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
    "AuditRecord",
    "BenchmarkTier",
    "CalendarDay",
    "CalendarYear",
    "Certificate",
    "CertificateEvent",
    "EnforcementItem",
    "ItemListVersion",
    "NoPenaltyRule",
    "OutboxEntry",
    "Officer",
    "Party",
    "Setting",
    "Township",
    "TrainingRecord",
    "User",
    "UserRole",
]
