"""The holiday calendar as data (法定节假日与调休): bundled 2004-2026 from chinese-calendar, later
years entered by an admin. A year without data is counted with weekends only and marked provisional
(procedure.md, "Working days and the holiday calendar") — never a crash, never a silent guess."""

from __future__ import annotations

import csv
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain import workdays
from desktop_app.domain.holiday_data import (
    CalendarRow,
    calendar_from_rows,
    chinese_calendar_rows,
    chinese_calendar_years,
)
from desktop_app.domain.roles import Role
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext, UnitOfWork
from desktop_app.services.errors import InvalidInput, RowErrors
from desktop_app.store.models import AuditRecord, CalendarDay, CalendarYear

logger = logging.getLogger(__name__)

KIND_LABELS = {"holiday": "休", "workday": "班"}
_KIND_WORDS = {"holiday": "holiday", "休": "holiday", "假": "holiday", "节假日": "holiday", "休息": "holiday",
               "workday": "workday", "班": "workday", "上班": "workday", "调休上班": "workday", "工作日": "workday"}
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class WorkdayAnswer:
    date: date
    workday: bool
    provisional: bool
    note: str


@dataclass(frozen=True)
class CalendarEntry:
    date: date
    kind: str
    kind_label: str
    name: str
    source: str


@dataclass(frozen=True)
class CalendarYearInfo:
    year: int
    source: str
    holidays: int
    workdays: int


def load_bundled(uow: UnitOfWork) -> int:
    """Load chinese-calendar's years that the database does not know yet; returns how many."""
    known = set(uow.session.scalars(select(CalendarYear.year)))
    years = sorted(chinese_calendar_years() - known)
    if not years:
        return 0
    existing = set(uow.session.scalars(select(CalendarDay.day)))
    for row in chinese_calendar_rows(years[0], years[-1]):
        if row.day.year in years and row.day not in existing:
            uow.session.add(CalendarDay(day=row.day, kind=row.kind, name=row.name, source="bundled"))
    for year in years:
        uow.session.add(CalendarYear(year=year, source="bundled", updated_at=uow.now))
    uow.audit("calendar.load", "calendar", f"{years[0]}-{years[-1]}",
              summary=f"载入内置法定节假日数据 {years[0]}—{years[-1]} 年", after={"years": years})
    forget_cached_calendar()
    return len(years)


# The calendar is read by every list, dashboard and deadline computation, and loading its ~800 rows
# costs tens of milliseconds each time: it is kept per process and database. Another program (a
# second PC on PostgreSQL, or a later sync) may change it, so every use first compares a stamp that
# one cheap query gives — the latest calendar audit record (every calendar write here is audited)
# and the rows' counts — and writes in this process also drop the copy at once.
_CalendarStamp = tuple[object, ...]
_cache: dict[str, tuple[_CalendarStamp, workdays.HolidayCalendar]] = {}
_cache_lock = threading.Lock()


def _cache_key(session: Session) -> str:
    return str(session.get_bind().engine.url)


def _stamp(session: Session) -> _CalendarStamp:
    # "calendar." <= action < "calendar/": an index range over the calendar's audit actions only
    latest = (select(func.max(AuditRecord.seq))
              .where(AuditRecord.action >= "calendar.", AuditRecord.action < "calendar/").scalar_subquery())
    row = session.execute(select(
        latest,
        select(func.count()).select_from(CalendarDay).scalar_subquery(),
        select(func.count()).select_from(CalendarYear).scalar_subquery(),
        select(func.max(CalendarYear.updated_at)).scalar_subquery(),
    )).one()
    return tuple(row)


def forget_cached_calendar() -> None:
    """Drop every cached calendar (after a calendar write; tests)."""
    with _cache_lock:
        _cache.clear()


def _load_calendar(session: Session) -> workdays.HolidayCalendar:
    years = set(session.scalars(select(CalendarYear.year)))
    rows = [CalendarRow(day, kind, name or "")  # type: ignore[arg-type]
            for day, kind, name in session.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.name))]
    return calendar_from_rows(rows, years)


def holiday_calendar(session: Session) -> workdays.HolidayCalendar:
    """The calendar as the domain's data object (for deadline computations), from the per-process
    cache while the database's calendar stamp is unchanged."""
    key = _cache_key(session)
    stamp = _stamp(session)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    cal = _load_calendar(session)
    with _cache_lock:
        _cache[key] = (stamp, cal)
    return cal


def workday(ctx: AppContext, day: date) -> WorkdayAnswer:
    with ctx.read() as session:
        cal = holiday_calendar(session)
    answer = workdays.is_workday(cal, day)
    weekday = f"星期{WEEKDAYS[day.weekday()]}"
    if answer.provisional:
        note = f"{day.year} 年节假日安排尚未录入，仅按周末判断（暂定）"
    elif day in cal.holidays:
        note = "法定节假日"
    elif day in cal.adjusted_workdays:
        note = "调休上班"
    else:
        note = weekday
    return WorkdayAnswer(day, answer.workday, answer.provisional, note)


def list_days(ctx: AppContext, year: int | None = None) -> list[CalendarEntry]:
    with ctx.read() as session:
        stmt = select(CalendarDay).order_by(CalendarDay.day)
        if year is not None:
            stmt = stmt.where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
        return [CalendarEntry(d.day, d.kind, KIND_LABELS[d.kind], d.name or "", d.source)
                for d in session.scalars(stmt)]


def list_years(ctx: AppContext) -> list[CalendarYearInfo]:
    with ctx.read() as session:
        days = list(session.scalars(select(CalendarDay)))
        out = []
        for y in session.scalars(select(CalendarYear).order_by(CalendarYear.year)):
            out.append(CalendarYearInfo(
                y.year, y.source,
                sum(1 for d in days if d.day.year == y.year and d.kind == "holiday"),
                sum(1 for d in days if d.day.year == y.year and d.kind == "workday")))
        return out


def _parse_kind(raw: str) -> str:
    kind = _KIND_WORDS.get(raw.strip().lower())
    if kind is None:
        raise ValueError(f"类型“{raw}”无法识别：应为 holiday/休 或 workday/班")
    return kind


def _check_day(day: date, kind: str) -> None:
    if kind == "workday" and day.weekday() < 5:
        raise ValueError(f"{day.isoformat()} 是星期{WEEKDAYS[day.weekday()]}，本就是工作日；调休上班日应在周末")


def set_day(ctx: AppContext, actor: Actor, day: date, kind: str, name: str = "") -> CalendarEntry:
    """An admin enters one holiday or 调休 working day. The year counts as entered (no longer
    provisional) only after `confirm_year`, so a half-entered year is never taken as complete."""
    actor.require([Role.ADMIN], "维护节假日日历")
    try:
        kind = _parse_kind(kind)
        _check_day(day, kind)
    except ValueError as exc:
        raise InvalidInput("日期类型", str(exc)) from None
    with ctx.write(actor) as uow:
        row = uow.session.get(CalendarDay, day)
        before = None if row is None else {"kind": row.kind, "name": row.name}
        if row is None:
            row = CalendarDay(day=day, kind=kind, name=name or None, source="admin")
            uow.session.add(row)
        else:
            row.kind, row.name, row.source = kind, name or row.name, "admin"
        uow.audit("calendar.set", "calendar", day.isoformat(),
                  summary=f"设置 {day.isoformat()} 为{'法定节假日' if kind == 'holiday' else '调休上班日'}",
                  before=before, after={"kind": kind, "name": name})
        _recompute_deadlines(uow, [day.year])
    forget_cached_calendar()
    return CalendarEntry(day, kind, KIND_LABELS[kind], name, "admin")


def _recompute_deadlines(uow: UnitOfWork, years: Iterable[int]) -> None:
    """In the calendar's own unit of work: the cases' stored deadlines follow the new calendar at once
    (not at each case's next step), so no list shows a date the calendar no longer gives."""
    # imported here: the cases' facts read the calendar through this module
    from desktop_app.services.cases.facts import recompute_after_calendar_change

    uow.session.flush()
    count = recompute_after_calendar_change(uow.session, years, _load_calendar(uow.session))
    if count:
        logger.info("calendar change: deadlines of %d cases recomputed", count)


def clear_day(ctx: AppContext, actor: Actor, day: date) -> None:
    actor.require([Role.ADMIN], "维护节假日日历")
    with ctx.write(actor) as uow:
        row = uow.session.get(CalendarDay, day)
        if row is None:
            raise InvalidInput("日期", f"{day.isoformat()} 没有特别安排")
        before = {"kind": row.kind, "name": row.name}
        uow.session.delete(row)
        uow.audit("calendar.clear", "calendar", day.isoformat(), summary=f"取消 {day.isoformat()} 的特别安排",
                  before=before)
        _recompute_deadlines(uow, [day.year])
    forget_cached_calendar()


def year_is_known(ctx: AppContext, year: int) -> bool:
    with ctx.read() as session:
        return session.get(CalendarYear, year) is not None


def confirm_year(ctx: AppContext, actor: Actor, year: int) -> CalendarYearInfo:
    """Mark a year's 放假安排 as completely entered: its deadlines are no longer provisional."""
    actor.require([Role.ADMIN], "确认年度节假日安排")
    if not 2000 <= year <= 2100:
        raise InvalidInput("年份", "年份应在 2000 至 2100 之间")
    with ctx.write(actor) as uow:
        row = uow.session.get(CalendarYear, year)
        if row is None:
            uow.session.add(CalendarYear(year=year, source="admin", updated_at=uow.now))
        else:
            row.source, row.updated_at = "admin", uow.now
        uow.audit("calendar.confirm_year", "calendar", str(year), summary=f"确认 {year} 年节假日安排已录入完整")
        _recompute_deadlines(uow, [year])
    forget_cached_calendar()
    return next(y for y in list_years(ctx) if y.year == year)


def _read_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            rows = []
            for values in ws.iter_rows(values_only=True):
                rows.append(["" if v is None else (v.date().isoformat() if hasattr(v, "date") else str(v))
                             for v in values])
            return rows
        finally:
            wb.close()
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InvalidInput("文件", "文件编码无法识别：请另存为 UTF-8 或 GB18030 编码的 CSV")
    return [row for row in csv.reader(text.splitlines())]


def import_days(ctx: AppContext, actor: Actor, path: Path) -> list[int]:
    """Import a year's arrangement: columns 日期, 类型 (休/班), 名称. Every year in the file is then
    taken as completely entered. All rows are checked; one bad row refuses the whole file."""
    actor.require([Role.ADMIN], "导入节假日日历")
    if not path.exists():
        raise InvalidInput("文件", f"文件不存在：{path}")
    rows = _read_rows(path)
    if not rows:
        raise InvalidInput("文件", "文件为空")
    start = 1 if rows[0] and not rows[0][0].strip()[:1].isdigit() else 0
    errors: list[tuple[int, str]] = []
    parsed: dict[date, tuple[str, str]] = {}
    for number, row in enumerate(rows[start:], start=start + 1):
        if not any(cell.strip() for cell in row):
            continue
        try:
            if len(row) < 2:
                raise ValueError("至少需要“日期”和“类型”两列")
            try:
                day = date.fromisoformat(row[0].strip()[:10])
            except ValueError:
                raise ValueError(f"日期“{row[0]}”格式应为 YYYY-MM-DD") from None
            kind = _parse_kind(row[1])
            _check_day(day, kind)
            if day in parsed:
                raise ValueError(f"日期 {day.isoformat()} 重复")
            parsed[day] = (kind, row[2].strip() if len(row) > 2 else "")
        except ValueError as exc:
            errors.append((number, str(exc)))
    if errors:
        raise RowErrors("节假日日历", errors)
    if not parsed:
        raise InvalidInput("文件", "文件中没有日期")
    years = sorted({d.year for d in parsed})
    with ctx.write(actor) as uow:
        for y in years:
            for old in uow.session.scalars(select(CalendarDay).where(
                    CalendarDay.day >= date(y, 1, 1), CalendarDay.day <= date(y, 12, 31))):
                uow.session.delete(old)
        uow.session.flush()
        for day, (kind, name) in sorted(parsed.items()):
            uow.session.add(CalendarDay(day=day, kind=kind, name=name or None, source="import"))
        for y in years:
            known = uow.session.get(CalendarYear, y)
            if known is None:
                uow.session.add(CalendarYear(year=y, source="import", updated_at=uow.now))
            else:
                known.source, known.updated_at = "import", uow.now
        uow.audit("calendar.import", "calendar", ",".join(map(str, years)),
                  summary=f"导入 {'、'.join(map(str, years))} 年节假日安排（{len(parsed)} 天）",
                  after={"years": years, "days": len(parsed)})
        _recompute_deadlines(uow, years)
    forget_cached_calendar()
    return years
