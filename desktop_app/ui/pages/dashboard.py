"""工作台: the user's work; before cases exist, the state of the reference data and its warnings."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.overview import reference_summary


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.title = QLabel(self.tr("工作台"))
        self.title.setObjectName("pageTitle")
        self.grid = QGridLayout()
        self.warnings = QLabel()
        self.warnings.setObjectName("errorText")
        self.warnings.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        self.reload()

    def _card(self, row: int, col: int, caption: str, value: str) -> None:
        card = QFrame()
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        number = QLabel(value)
        number.setStyleSheet("font-size: 20pt; font-weight: bold; color: #0b3d91;")
        inner.addWidget(number)
        inner.addWidget(QLabel(caption))
        self.grid.addWidget(card, row, col)

    def reload(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        s = reference_summary(self.ctx, self.ctx.clock.today())
        list_caption = self.tr("执法事项（示例清单）") if s.item_list_sample else self.tr("执法事项（本乡镇清单）")
        self._card(0, 0, list_caption, str(s.items))
        self._card(0, 1, self.tr("持有效执法证人员"), f"{s.officers_certified} / {s.officers}")
        self._card(0, 2, self.tr("用户"), str(s.users))
        years = f"{s.calendar_years[0]}—{s.calendar_years[-1]}" if s.calendar_years else self.tr("无")
        self._card(0, 3, self.tr("节假日数据年份"), years)
        warnings = []
        if s.item_list_sample:
            warnings.append(self.tr("执法事项清单仍为示例：管理员确认本乡镇公布的清单后方可立案（文司发〔2024〕4号）。"))
        if s.next_year_missing:
            warnings.append(self.tr("尚未录入 %1 年法定节假日安排：跨入该年的期限按暂定计算，请在系统设置中录入。").replace(
                "%1", str(s.today.year + 1)))
        if s.officers_certified < 2:
            warnings.append(self.tr("持有效执法证的人员少于 2 名：行政处罚须由两名以上执法人员实施（行政处罚法第四十二条）。"))
        self.warnings.setText("\n".join(warnings))
