"""Reference data: the township, settings, users, officers and certificates, training, calendar."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.store.base import Base, JSONText, UTCDateTime, UUIDPrimaryKey


class Township(UUIDPrimaryKey, Base):
    """The enforcement subject: the township government (行政处罚法 第二十四条)."""

    __tablename__ = "township"

    name: Mapped[str] = mapped_column(String(100))
    government_name: Mapped[str] = mapped_column(String(100))
    team_name: Mapped[str] = mapped_column(String(100))
    admin_code: Mapped[str] = mapped_column(String(12))
    county_name: Mapped[str] = mapped_column(String(100))
    doc_prefix: Mapped[str] = mapped_column(String(20))
    seal_text: Mapped[str] = mapped_column(String(100))
    review_body: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[object] = mapped_column(JSONText)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class User(UUIDPrimaryKey, Base):
    __tablename__ = "user_account"

    login: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    legal_qualification_no: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )


class UserRole(Base):
    __tablename__ = "user_role"

    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(30), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class Officer(UUIDPrimaryKey, Base):
    """执法人员. An officer may be linked to one user account."""

    __tablename__ = "officer"

    name: Mapped[str] = mapped_column(String(60))
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), unique=True, nullable=True
    )
    category: Mapped[str | None] = mapped_column(String(60), nullable=True)
    body_camera_no: Mapped[str | None] = mapped_column(String(40), nullable=True)
    in_post: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    certificates: Mapped[list[Certificate]] = relationship(
        back_populates="officer", lazy="selectin", order_by="Certificate.valid_from"
    )


class Certificate(UUIDPrimaryKey, Base):
    """执法证: its state changes (收回, 收缴, 注销) are kept in CertificateEvent."""

    __tablename__ = "certificate"

    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    category: Mapped[str] = mapped_column(String(60))
    authority: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default="valid")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    officer: Mapped[Officer] = relationship(back_populates="certificates")
    events: Mapped[list[CertificateEvent]] = relationship(
        back_populates="certificate", lazy="selectin", order_by="CertificateEvent.on"
    )


class CertificateEvent(UUIDPrimaryKey, Base):
    __tablename__ = "certificate_event"

    certificate_id: Mapped[str] = mapped_column(ForeignKey("certificate.id"), index=True)
    state: Mapped[str] = mapped_column(String(20))
    on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(60))

    certificate: Mapped[Certificate] = relationship(back_populates="events")


class TrainingRecord(UUIDPrimaryKey, Base):
    __tablename__ = "training_record"

    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # legal | skills
    hours: Mapped[float] = mapped_column(Float)
    on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CalendarDay(Base):
    """An official holiday, or a 调休 working day on a weekend."""

    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # holiday | workday
    name: Mapped[str | None] = mapped_column(String(40), nullable=True)
    source: Mapped[str] = mapped_column(String(20))  # bundled | admin | import


class CalendarYear(Base):
    """A year whose holiday arrangement (放假安排) is known."""

    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


__all__ = [
    "CalendarDay",
    "CalendarYear",
    "Certificate",
    "CertificateEvent",
    "Officer",
    "Setting",
    "Township",
    "TrainingRecord",
    "User",
    "UserRole",
]
