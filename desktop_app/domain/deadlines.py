"""Deadlines (期限) of a case: which periods exist, how each counts, and their status.

Each kind names its counting rule and its article (procedure.md, "Counting days"): 行政处罚法
第八十五条 makes its 二日、三日、五日、七日 working days, 行政强制法 第六十九条 its periods of up to ten
days; payment (15 days), the decision (90 days), review (60 days), litigation (6 months) and court
enforcement (3 months) are natural days or months. The day of the event is not counted, and a
natural period ending on a holiday ends on the next working day (民事诉讼法 第八十五条) — both done
by :mod:`desktop_app.domain.workdays`, whose answers are provisional where a year's 放假安排 is
missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache

from desktop_app.domain.workdays import (
    DeadlineDate,
    HolidayCalendar,
    add_months,
    add_natural_days,
    add_working_days,
    working_days_between,
)

__all__ = [
    "DEADLINE_KINDS",
    "DUE_SOON_WORKING_DAYS",
    "Counting",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "KindSpec",
    "compute",
    "court_enforcement_start",
    "status",
]

# UX.md: a deadline due within 3 working days is shown amber
DUE_SOON_WORKING_DAYS = 3


class Counting(StrEnum):
    NATURAL = "natural"  # 自然日 (and months)
    WORKING = "working"  # 工作日


class DeadlineKind(StrEnum):
    FILING = "filing"
    DECISION = "decision"
    STATEMENT = "statement"
    HEARING_REQUEST = "hearing_request"
    HEARING_NOTICE = "hearing_notice"
    SERVICE = "service"
    PRESERVATION_DECISION = "preservation_decision"
    LEGAL_REVIEW = "legal_review"
    PUBLICITY = "publicity"
    PAYMENT = "payment"
    REMINDER = "reminder"
    REVIEW_PERIOD = "review_period"
    LITIGATION_PERIOD = "litigation_period"
    COURT_ENFORCEMENT = "court_enforcement"


class DeadlineStatus(StrEnum):
    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"


@dataclass(frozen=True)
class KindSpec:
    """One kind of deadline: its counting, length and unit, source and starting event.

    ``setting`` names the setting (settings_schema.py) that may change the length, where the
    length is practice rather than law.
    """

    kind: DeadlineKind
    label: str
    counting: Counting
    length: int
    article: str
    from_event: str
    unit: str = "days"  # days | months
    setting: str | None = None


DEADLINE_KINDS: dict[DeadlineKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        # practice (procedure.md): 15 working days from discovering the clue; the law itself only
        # says 及时立案 (行政处罚法 第五十四条第二款)
        KindSpec(
            DeadlineKind.FILING, "立案审查期限", Counting.WORKING, 15,
            "行政处罚法第五十四条第二款（及时立案）；期限为实务设置", "发现线索之日",
            setting="deadline.filing_working_days",
        ),
        # 行政处罚法 第六十条: 90 days from 立案, no extension of its own
        KindSpec(
            DeadlineKind.DECISION, "作出处罚决定期限", Counting.NATURAL, 90,
            "行政处罚法第六十条", "立案之日",
        ),
        # the law sets no period for 陈述申辩; the setting's default is 3 working days
        KindSpec(
            DeadlineKind.STATEMENT, "陈述申辩期限", Counting.WORKING, 3,
            "行政处罚法第四十四条、第四十五条；期限为实务设置", "行政处罚事先告知书送达之日",
            setting="deadline.statement_working_days",
        ),
        # 第六十四条: request within 5 days of the notice; 第八十五条: working days
        KindSpec(
            DeadlineKind.HEARING_REQUEST, "听证申请期限", Counting.WORKING, 5,
            "行政处罚法第六十四条、第八十五条", "行政处罚事先告知书送达之日",
        ),
        # 第六十四条: the party is notified 7 days before the hearing; the due day is the first
        # day the hearing may be held
        KindSpec(
            DeadlineKind.HEARING_NOTICE, "听证通知期限", Counting.WORKING, 7,
            "行政处罚法第六十四条、第八十五条", "听证通知书送达之日",
        ),
        # 第六十一条: the decision delivered within 7 days
        KindSpec(
            DeadlineKind.SERVICE, "决定书送达期限", Counting.WORKING, 7,
            "行政处罚法第六十一条、第八十五条", "作出行政处罚决定之日",
        ),
        # 第五十六条: 先行登记保存, the handling decision within 7 days
        KindSpec(
            DeadlineKind.PRESERVATION_DECISION, "先行登记保存处理期限", Counting.WORKING, 7,
            "行政处罚法第五十六条、第八十五条", "先行登记保存之日",
        ),
        # local rules (procedure.md): 10 working days
        KindSpec(
            DeadlineKind.LEGAL_REVIEW, "法制审核期限", Counting.WORKING, 10,
            "行政处罚法第五十八条；期限为地方规定", "提交法制审核之日",
            setting="deadline.legal_review_working_days",
        ),
        # 第四十八条 requires publication; the 7 working days are guidance (law-check.md)
        KindSpec(
            DeadlineKind.PUBLICITY, "处罚决定公示期限", Counting.WORKING, 7,
            "行政处罚法第四十八条；期限为实务设置", "作出行政处罚决定之日",
            setting="deadline.publicity_working_days",
        ),
        # 第六十七条第三款: 15 days from receiving the decision
        KindSpec(
            DeadlineKind.PAYMENT, "缴纳罚款期限", Counting.NATURAL, 15,
            "行政处罚法第六十七条", "行政处罚决定书送达之日",
        ),
        # 行政强制法 第五十四条 (催告书送达十日后) with 第六十九条 (working days)
        KindSpec(
            DeadlineKind.REMINDER, "催告履行期限", Counting.WORKING, 10,
            "行政强制法第五十四条、第六十九条", "催告书送达之日",
        ),
        # 行政复议法 (2023) 第二十条: 60 days from knowing the decision
        KindSpec(
            DeadlineKind.REVIEW_PERIOD, "申请行政复议期限", Counting.NATURAL, 60,
            "行政复议法第二十条", "行政处罚决定书送达之日",
        ),
        # 行政诉讼法 第四十六条: 6 months
        KindSpec(
            DeadlineKind.LITIGATION_PERIOD, "提起行政诉讼期限", Counting.NATURAL, 6,
            "行政诉讼法第四十六条", "行政处罚决定书送达之日", unit="months",
        ),
        # 行政强制法 第五十三条: within 3 months after the review and litigation periods end;
        # 行政处罚法 第七十二条第二款: after a deferral, from the end of the deferral
        KindSpec(
            DeadlineKind.COURT_ENFORCEMENT, "申请法院强制执行期限", Counting.NATURAL, 3,
            "行政强制法第五十三条", "申请行政复议、提起行政诉讼的期限届满之日", unit="months",
        ),
    )
}


@dataclass(frozen=True)
class Deadline:
    """A computed deadline: the last day (``due``) of the period started on ``start``.

    ``provisional``: a day examined lies in a year whose holiday calendar is missing
    (``missing_years``); the date then counts weekends only and the screens say so.
    """

    kind: DeadlineKind
    due: date
    counting: Counting
    article: str
    provisional: bool
    start: date
    length: int
    unit: str = "days"
    missing_years: tuple[int, ...] = field(default=())

    @property
    def label(self) -> str:
        return DEADLINE_KINDS[self.kind].label


def compute(
    kind: DeadlineKind | str,
    start: date,
    calendar: HolidayCalendar,
    length_override: int | None = None,
) -> Deadline:
    """The deadline of ``kind`` for a period started by an event on ``start``.

    ``length_override`` replaces the kind's length (a setting, e.g. the statement period).
    Raises ValueError for an unknown kind or a negative length.
    """
    spec = DEADLINE_KINDS[DeadlineKind(kind)]
    length = spec.length if length_override is None else length_override
    try:
        return _compute(spec.kind, start, calendar, length)
    except TypeError:  # a calendar-like object that cannot be a key: computed each time
        return _compute.__wrapped__(spec.kind, start, calendar, length)


# The answer depends only on the arguments (the calendar is immutable data and hashable), and the
# same few hundred (kind, day) pairs recur across a case list or a demo of 100,000 cases: remembered.
# A changed calendar is a different key. Errors (a negative length) are not remembered.
@lru_cache(maxsize=8192)
def _compute(kind: DeadlineKind, start: date, calendar: HolidayCalendar, length: int) -> Deadline:
    spec = DEADLINE_KINDS[kind]
    result: DeadlineDate
    if spec.counting is Counting.WORKING:
        result = add_working_days(calendar, start, length)
    elif spec.unit == "months":
        result = add_months(calendar, start, length)
    else:
        result = add_natural_days(calendar, start, length)
    return Deadline(
        kind=spec.kind,
        due=result.due,
        counting=spec.counting,
        article=spec.article,
        provisional=result.provisional,
        start=start,
        length=length,
        unit=spec.unit,
        missing_years=result.missing_years,
    )


def court_enforcement_start(
    review_end: date, litigation_end: date, deferral_until: date | None = None
) -> date:
    """The day from which the 3 months to apply to the court run.

    行政强制法 第五十三条: once the review and litigation periods have both ended; 行政处罚法
    第七十二条第二款: where payment was deferred or split, from the end of the deferral.
    """
    ends = [review_end, litigation_end]
    if deferral_until is not None:
        ends.append(deferral_until)
    return max(ends)


def status(
    deadline: Deadline,
    met_on: date | None,
    today: date,
    calendar: HolidayCalendar,
) -> DeadlineStatus:
    """open, due_soon (within 3 working days, UX.md), overdue (past its last day), or met."""
    if met_on is not None:
        return DeadlineStatus.MET
    if today > deadline.due:
        return DeadlineStatus.OVERDUE
    if working_days_between(calendar, today, deadline.due).days <= DUE_SOON_WORKING_DAYS:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.OPEN
