"""节假日日历: the 法定节假日 and 调休 working days deadlines count with. A year not entered yet is counted
with weekends only and marked provisional (procedure.md), so the screen says clearly when next year's
arrangement (published by the State Council each winter) is still missing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import calendar as calendar_service
from desktop_app.services.actor import Actor
from desktop_app.services.calendar import CalendarEntry, CalendarYearInfo
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError
from desktop_app.ui.layouts import FlowLayout
from desktop_app.ui.pages.admin import ADMIN_ONLY, is_admin
from desktop_app.ui.pages.admin.sheets import choose_open
from desktop_app.ui.widgets import (
    Cell,
    FormDialog,
    ListTable,
    Row,
    action_button,
    allow,
    banner,
    confirm,
    date_edit,
    from_qdate,
    required,
    set_banner,
    show_error,
    show_info,
)

WEEKDAYS = "一二三四五六日"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CalendarTab", text)


def source_label(source: str) -> str:
    return {"bundled": _tr("内置数据"), "admin": _tr("管理员录入"), "import": _tr("文件导入")}.get(source, source)


def kind_label(kind: str) -> str:
    return _tr("休（法定节假日）") if kind == "holiday" else _tr("班（调休上班）")


class SetDayDialog(FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, day: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("设置节假日或调休上班日"), parent, ok_text=self.tr("设置"))
        self.ctx, self.actor = ctx, actor
        self.date_edit = date_edit(day)
        self.date_edit.setObjectName("day")
        self.holiday_radio = QRadioButton(self.tr("法定节假日（休）"))
        self.holiday_radio.setObjectName("holiday")
        self.workday_radio = QRadioButton(self.tr("调休上班日（班，须为周末）"))
        self.workday_radio.setObjectName("workday")
        self.holiday_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.holiday_radio)
        group.addButton(self.workday_radio)
        kinds = QHBoxLayout()
        kinds.addWidget(self.holiday_radio)
        kinds.addWidget(self.workday_radio)
        kinds.addStretch(1)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("dayName")
        self.name_edit.setPlaceholderText(self.tr("如：春节、国庆节"))
        self.now_label = QLabel()
        self.now_label.setStyleSheet("QLabel { color: #4b5563; }")
        self.date_edit.dateChanged.connect(self._show_current)
        self.form.addRow(required(self.tr("日期：")), self.date_edit)
        self.form.addRow(self.tr("目前："), self.now_label)
        self.form.addRow(required(self.tr("类型：")), kinds)
        self.form.addRow(self.tr("名称："), self.name_edit)
        self._show_current()

    def _show_current(self) -> None:
        answer = calendar_service.workday(self.ctx, from_qdate(self.date_edit.date()))
        what = self.tr("工作日") if answer.workday else self.tr("休息日")
        self.now_label.setText(f"{what}（{answer.note}）")

    def submit(self) -> bool:
        kind = "holiday" if self.holiday_radio.isChecked() else "workday"
        calendar_service.set_day(self.ctx, self.actor, from_qdate(self.date_edit.date()), kind,
                                 self.name_edit.text().strip())
        return True


class CalendarTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.editable = is_admin(actor)
        self.dialog: QDialog | None = None
        self.years_data: list[CalendarYearInfo] = []
        today = ctx.clock.today()
        self.missing_banner = banner()
        self.missing_banner.setObjectName("calendarBanner")
        self.years = ListTable([self.tr("年份"), self.tr("来源"), self.tr("节假日"), self.tr("调休上班")],
                               empty_text=self.tr("还没有任何年份的节假日数据。"), stretch=1,
                               key=lambda y: y.year)
        self.years.selection_changed.connect(self._year_chosen)
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("year")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(today.year)
        self.year_spin.setSuffix(self.tr(" 年"))
        self.year_spin.valueChanged.connect(self._show_days)
        year_label = QLabel(self.tr("查看年份："))
        year_label.setBuddy(self.year_spin)
        self.year_state = QLabel()
        self.year_state.setWordWrap(True)
        self.days = ListTable([self.tr("日期"), self.tr("星期"), self.tr("类型"), self.tr("名称"), self.tr("来源")],
                              empty_text=self.tr("该年还没有录入任何节假日或调休上班日。"
                                                 "可点击“设置日期”逐日录入，或“导入文件”一次导入全年安排。"),
                              stretch=3, key=lambda e: e.date)
        self.set_action = QAction(self.tr("设置日期…"), self)
        self.clear_action = QAction(self.tr("取消特别安排…"), self)
        self.confirm_action = QAction(self.tr("确认本年安排…"), self)
        self.import_action = QAction(self.tr("导入文件…"), self)
        self.set_action.triggered.connect(self.set_day)
        self.clear_action.triggered.connect(self.clear_day)
        self.confirm_action.triggered.connect(self.confirm_year)
        self.import_action.triggered.connect(self.import_file)
        self.days.add_actions([self.set_action, self.clear_action])
        self.days.selection_changed.connect(self._update_actions)
        self.days.activated.connect(lambda _: self.set_day())

        years_box = QGroupBox(self.tr("已有数据的年份"))
        years_box.setMinimumWidth(260)  # 1366×768 at 150 % leaves the tab about 860 px
        QVBoxLayout(years_box).addWidget(self.years)
        days_box = QGroupBox(self.tr("节假日与调休上班日"))
        days_layout = QVBoxLayout(days_box)
        pick = QHBoxLayout()
        pick.addWidget(year_label)
        pick.addWidget(self.year_spin)
        pick.addWidget(self.year_state, 1)
        days_layout.addLayout(pick)
        actions = FlowLayout(spacing=6)  # a second line of buttons rather than a wider window
        for a in (self.set_action, self.clear_action, self.confirm_action, self.import_action):
            actions.addWidget(action_button(a))
        days_layout.addLayout(actions)
        days_layout.addWidget(self.days, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(years_box)
        split.addWidget(days_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 700])
        split.setChildrenCollapsible(False)
        note = QLabel(self.tr("未录入的年份只按周末判断工作日，期限标为“暂定”。国务院办公厅通常在每年年底公布下一年的"
                              "放假安排，公布后请录入或导入，并确认该年安排。"))
        note.setWordWrap(True)
        note.setStyleSheet("QLabel { color: #4b5563; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.missing_banner)
        layout.addWidget(split, 1)
        layout.addWidget(note)
        self.reload()

    @property
    def year(self) -> int:
        return self.year_spin.value()

    def reload(self) -> None:
        today = self.ctx.clock.today()
        self.years_data = calendar_service.list_years(self.ctx)
        self.years.set_rows([
            Row(y, [str(y.year), source_label(y.source), Cell(str(y.holidays), align_right=True),
                    Cell(str(y.workdays), align_right=True)]) for y in self.years_data])
        known = {y.year for y in self.years_data}
        missing = [y for y in (today.year, today.year + 1) if y not in known]
        if missing:
            years = "、".join(str(y) for y in missing)
            set_banner(self.missing_banner, self.tr(
                "尚未录入 %1 年法定节假日安排：跨入该年的期限只按周末计算，标为“暂定”。"
                "请在国务院办公厅公布放假安排后录入或导入，并确认该年安排。").replace("%1", years),
                "bad" if today.year in missing else "warn")
        else:
            self.missing_banner.setVisible(False)
        self._show_days()

    def _year_chosen(self) -> None:
        chosen = self.years.current_data()
        if isinstance(chosen, CalendarYearInfo) and chosen.year != self.year:
            self.year_spin.setValue(chosen.year)

    def _show_days(self) -> None:
        year = self.year
        entries = calendar_service.list_days(self.ctx, year)
        self.days.set_rows([
            Row(e, [e.date.isoformat(), self.tr("星期") + WEEKDAYS[e.date.weekday()], kind_label(e.kind),
                    e.name, source_label(e.source)],
                tone=None if e.kind == "holiday" else "warn") for e in entries])
        info = next((y for y in self.years_data if y.year == year), None)
        if info is None:
            self.year_state.setText(self.tr("%1 年：尚未确认，期限按周末计算（暂定）").replace("%1", str(year)))
            self.year_state.setStyleSheet("QLabel { color: #b3261e; }")
        else:
            self.year_state.setText(self.tr("%1 年：已确认（%2）").replace("%1", str(year))
                                    .replace("%2", source_label(info.source)))
            self.year_state.setStyleSheet("QLabel { color: #1b6e20; }")
        self._update_actions()

    def _selected(self) -> CalendarEntry | None:
        data = self.days.current_data()
        return data if isinstance(data, CalendarEntry) else None

    def _update_actions(self) -> None:
        reason = self.tr(ADMIN_ONLY)
        allow(self.set_action, self.editable, reason)
        allow(self.import_action, self.editable, reason)
        allow(self.confirm_action, self.editable, reason)
        if not self.editable:
            allow(self.clear_action, False, reason)
        else:
            allow(self.clear_action, self._selected() is not None, self.tr("请先在列表中选择一个日期"))

    # -- actions ----------------------------------------------------------------------------------

    def set_day(self) -> SetDayDialog | None:
        if not self.editable:
            return None
        entry = self._selected()
        today = self.ctx.clock.today()
        day = entry.date if entry else (today if self.year == today.year else date(self.year, 1, 1))
        dialog = SetDayDialog(self.ctx, self.actor, day, self)
        if entry is not None:
            dialog.workday_radio.setChecked(entry.kind == "workday")
            dialog.name_edit.setText(entry.name)
        dialog.done_ok.connect(lambda: self._day_set(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _day_set(self, dialog: SetDayDialog) -> None:
        day = from_qdate(dialog.date_edit.date())
        if day.year != self.year:
            self.year_spin.setValue(day.year)
        self.reload()
        self.days.select_where(lambda e: isinstance(e, CalendarEntry) and e.date == day)

    def clear_day(self) -> None:
        entry = self._selected()
        if not self.editable or entry is None:
            return
        text = self.tr("取消 %1 的特别安排（%2）？此后该日按星期计算是否工作日。").replace(
            "%1", entry.date.isoformat()).replace("%2", kind_label(entry.kind))
        if not confirm(self, self.tr("取消特别安排"), text, self.tr("取消安排")):
            return
        try:
            calendar_service.clear_day(self.ctx, self.actor, entry.date)
        except ServiceError as exc:
            show_error(self, exc)
        self.reload()

    def confirm_year(self) -> bool:
        if not self.editable:
            return False
        year = self.year
        count = self.days.row_count()
        text = self.tr("确认 %1 年的节假日安排已按国务院办公厅公布的通知全部录入（目前共 %2 个特别安排日）？\n\n"
                       "确认后，跨入该年的期限按这些安排计算，不再标为“暂定”。").replace("%1", str(year)) \
            .replace("%2", str(count))
        if count == 0:
            text += self.tr("\n\n注意：该年还没有录入任何日期。")
        if not confirm(self, self.tr("确认年度安排"), text, self.tr("确认")):
            return False
        try:
            calendar_service.confirm_year(self.ctx, self.actor, year)
        except ServiceError as exc:
            show_error(self, exc)
            return False
        self.reload()
        return True

    def import_file(self) -> QDialog | None:
        if not self.editable:
            return None
        path = choose_open(self, self.tr("选择节假日安排文件"))
        if path is None:
            return None
        text = self.tr("导入“%1”？\n\n文件各列为：日期（YYYY-MM-DD）、类型（休/班）、名称。文件中出现的年份，"
                       "其原有安排全部被替换，并视为已录入完整。任何一行有误则整个文件不导入。").replace("%1", path.name)
        if not confirm(self, self.tr("导入节假日安排"), text, self.tr("导入")):
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            years = calendar_service.import_days(self.ctx, self.actor, path)
        except ServiceError as exc:
            QGuiApplication.restoreOverrideCursor()
            self.dialog = show_error(self, exc)
            return self.dialog
        QGuiApplication.restoreOverrideCursor()
        if years and years[0] != self.year:
            self.year_spin.setValue(years[0])
        self.reload()
        self.dialog = show_info(self, self.tr("已导入 %1 年的节假日安排。").replace("%1", "、".join(map(str, years))))
        return self.dialog
