"""培训学时: training records of a year and each officer's shortfall against the required hours
(文司发〔2024〕4号 第四条、第五条; the hours are settings, 期限与数额设置)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import officers as officers_service
from desktop_app.services import settings as settings_service
from desktop_app.services import training as training_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.item_sheets import number_text
from desktop_app.services.training import TRAINING_KIND_LABELS, TrainingShortfall
from desktop_app.ui.pages.admin import ADMIN_ONLY, is_admin
from desktop_app.ui.widgets import (
    Cell,
    FormDialog,
    ListTable,
    Row,
    action_button,
    allow,
    banner,
    date_edit,
    from_qdate,
    required,
)


def hours_text(value: float) -> str:
    return number_text(round(value, 2))


class AddTrainingDialog(FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("登记培训记录"), parent, ok_text=self.tr("登记"))
        self.ctx, self.actor = ctx, actor
        today = ctx.clock.today()
        self.officer_combo = QComboBox()
        self.officer_combo.setObjectName("officer")
        for o in officers_service.list_officers(ctx, today):
            if o.in_post:
                self.officer_combo.addItem(f"{o.name}（{o.login}）" if o.login else o.name, o.id)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind")
        for code, label in TRAINING_KIND_LABELS.items():
            self.kind_combo.addItem(label, code)
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setObjectName("hours")
        self.hours_spin.setRange(0, 200)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setValue(4)
        self.hours_spin.setSuffix(self.tr(" 学时"))
        self.date_edit = date_edit(today, maximum=today)
        self.date_edit.setObjectName("on")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.title_edit.setPlaceholderText(self.tr("如：行政处罚法专题培训"))
        self.form.addRow(required(self.tr("执法人员：")), self.officer_combo)
        self.form.addRow(required(self.tr("培训类别：")), self.kind_combo)
        self.form.addRow(required(self.tr("学时：")), self.hours_spin)
        self.form.addRow(required(self.tr("培训日期：")), self.date_edit)
        self.form.addRow(required(self.tr("培训名称：")), self.title_edit)

    def submit(self) -> bool:
        officer = self.officer_combo.currentData()
        if not officer:
            self.fail(self.tr("执法人员：还没有在岗的执法人员，请先在“执法人员与执法证”中登记"))
            return False
        training_service.add_training(self.ctx, self.actor, officer, self.hours_spin.value(),
                                      self.kind_combo.currentData(), from_qdate(self.date_edit.date()),
                                      self.title_edit.text())
        return True


class TrainingTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.editable = is_admin(actor)
        self.dialog: QDialog | None = None
        today = ctx.clock.today()
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("year")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(today.year)
        self.year_spin.setSuffix(self.tr(" 年"))
        self.year_spin.valueChanged.connect(self.reload)
        year_label = QLabel(self.tr("年度："))
        year_label.setBuddy(self.year_spin)
        self.add_action = QAction(self.tr("登记培训记录…"), self)
        self.add_action.triggered.connect(self.add_record)
        allow(self.add_action, self.editable, self.tr(ADMIN_ONLY))
        self.requirement = QLabel()
        self.requirement.setWordWrap(True)
        self.requirement.setStyleSheet("QLabel { color: #4b5563; }")
        self.summary = banner()

        self.shortfall = ListTable(
            [self.tr("姓名"), self.tr("法律知识"), self.tr("业务技能"), self.tr("合计"), self.tr("是否达标")],
            empty_text=self.tr("没有在岗的执法人员。"), stretch=4, key=lambda s: s.officer_id)
        self.records = ListTable(
            [self.tr("培训日期"), self.tr("姓名"), self.tr("类别"), self.tr("学时"), self.tr("培训名称")],
            empty_text=self.tr("该年度还没有培训记录。点击“登记培训记录”添加。"), stretch=4)
        self.records.add_actions([self.add_action])

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year_spin)
        top.addSpacing(16)
        top.addWidget(action_button(self.add_action))
        top.addStretch(1)
        short_box = QGroupBox(self.tr("学时完成情况（在岗执法人员）"))
        short_layout = QVBoxLayout(short_box)
        short_layout.addWidget(self.requirement)
        short_layout.addWidget(self.shortfall)
        records_box = QGroupBox(self.tr("培训记录"))
        QVBoxLayout(records_box).addWidget(self.records)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(short_box)
        split.addWidget(records_box)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.reload()

    @property
    def year(self) -> int:
        return self.year_spin.value()

    def _shortfall_row(self, s: TrainingShortfall) -> Row:
        def part(done: float, required_: float, short: float) -> Cell:
            text = f"{hours_text(done)} / {hours_text(required_)}"
            if short > 0:
                return Cell(self.tr("%1（缺 %2）").replace("%1", text).replace("%2", hours_text(short)), tone="bad")
            return Cell(text, align_right=False)

        if s.met:
            verdict = Cell(self.tr("达标"), tone="ok")
        else:
            missing = []
            if s.legal_short > 0:
                missing.append(self.tr("法律知识缺 %1 学时").replace("%1", hours_text(s.legal_short)))
            if s.skills_short > 0:
                missing.append(self.tr("业务技能缺 %1 学时").replace("%1", hours_text(s.skills_short)))
            if s.total_short > 0:
                missing.append(self.tr("合计缺 %1 学时").replace("%1", hours_text(s.total_short)))
            verdict = Cell(self.tr("未达标：") + "；".join(missing), tone="bad")
        return Row(s, [s.officer_name, part(s.legal_hours, s.legal_required, s.legal_short),
                       part(s.skills_hours, s.skills_required, s.skills_short),
                       part(s.total_hours, s.total_required, s.total_short), verdict])

    def reload(self) -> None:
        year = self.year
        shortfalls = training_service.training_shortfall(self.ctx, year)
        self.shortfall.set_rows([self._shortfall_row(s) for s in shortfalls])
        records = training_service.list_training(self.ctx, year)
        self.records.set_rows([Row(r, [r.on.isoformat(), r.officer_name, r.kind_label,
                                       Cell(hours_text(r.hours), align_right=True), r.title]) for r in records])
        hours = {key: hours_text(float(settings_service.get_setting(self.ctx, f"training.{key}_hours")))
                 for key in ("legal", "skills", "total")}
        self.requirement.setText(
            self.tr("每人每年：法律知识不少于 %1 学时，业务技能不少于 %2 学时，合计不少于 %3 学时"
                    "（文司发〔2024〕4号 第四条、第五条；数值可在“期限与数额设置”中修改）。"
                    "单元格为“已完成 / 要求”。")
            .replace("%1", hours["legal"]).replace("%2", hours["skills"]).replace("%3", hours["total"]))
        short = [s for s in shortfalls if not s.met]
        if short:
            names = "、".join(s.officer_name for s in short)
            self.summary.setText(self.tr("%1 年有 %2 名执法人员学时未达标：%3").replace("%1", str(year))
                                 .replace("%2", str(len(short))).replace("%3", names))
            self.summary.setVisible(True)
        else:
            self.summary.setVisible(False)

    def add_record(self) -> AddTrainingDialog | None:
        if not self.editable:
            return None
        dialog = AddTrainingDialog(self.ctx, self.actor, self)
        dialog.done_ok.connect(self.reload)
        self.dialog = dialog
        dialog.open()
        return dialog
