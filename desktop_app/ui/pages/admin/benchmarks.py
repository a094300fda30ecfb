"""裁量基准: the discretion tiers per item (within the item's legal fine range), and the published
轻微不罚/首违免罚 lists (行政处罚法 第三十三条第一款)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import benchmarks as benchmarks_service
from desktop_app.services import item_sheets
from desktop_app.services import items as items_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError
from desktop_app.services.item_sheets import number_text
from desktop_app.services.items import BenchmarkTierInfo
from desktop_app.ui.pages.admin import ADMIN_ONLY, is_admin
from desktop_app.ui.pages.admin.sheets import choose_open, choose_save
from desktop_app.ui.widgets import (
    Cell,
    ListTable,
    Row,
    action_button,
    allow,
    banner,
    buttons_row,
    confirm,
    set_banner,
    show_error,
    show_info,
)


def tier_range(t: BenchmarkTierInfo) -> str:
    base = f"（{t.base}）" if t.base else ""
    return f"{number_text(t.fine_min)}-{number_text(t.fine_max)}{t.unit_label}{base}"


class BenchmarksTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.editable = is_admin(actor)
        self.dialog: QDialog | None = None
        self.sample_banner = banner()
        # 查询 panel (UX.md): the item code, 查询 / 重置.
        self.code_combo = QComboBox()
        self.code_combo.setObjectName("itemCode")
        self.code_combo.setEditable(True)
        self.code_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.code_combo.setMinimumWidth(360)
        self.code_combo.setMaximumWidth(560)
        line = self.code_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("全部事项；可输入编码，如 DQ-01"))
        line.returnPressed.connect(self.reload)
        self.code_combo.activated.connect(self.reload)
        code_label = QLabel(self.tr("事项编码："))
        code_label.setBuddy(self.code_combo)
        self.query_button = QPushButton(self.tr("查询"))
        self.query_button.setObjectName("query")
        self.query_button.clicked.connect(self.reload)
        self.reset_button = QPushButton(self.tr("重置"))
        self.reset_button.clicked.connect(self.reset_query)
        query = QHBoxLayout()
        query.addWidget(code_label)
        query.addWidget(self.code_combo)
        query.addWidget(self.query_button)
        query.addWidget(self.reset_button)
        query.addStretch(1)

        self.tiers = ListTable(
            [self.tr("事项编码"), self.tr("当事人"), self.tr("裁量档次"), self.tr("情形"), self.tr("罚款幅度"),
             self.tr("其他处罚"), self.tr("来源")],
            empty_text=self.tr("没有符合条件的裁量基准。可点击“导入裁量基准”导入。"), stretch=3)
        self.no_penalty = ListTable(
            [self.tr("事项编码"), self.tr("类型"), self.tr("情形"), self.tr("依据"), self.tr("来源")],
            empty_text=self.tr("没有符合条件的轻微不罚/首违免罚事项。"), stretch=2)
        self.import_action = QAction(self.tr("导入裁量基准…"), self)
        self.export_action = QAction(self.tr("导出裁量基准…"), self)
        self.import_action.triggered.connect(self.import_benchmarks)
        self.export_action.triggered.connect(self.export_benchmarks)
        allow(self.import_action, self.editable, self.tr(ADMIN_ONLY))

        tiers_box = QGroupBox(self.tr("裁量基准（罚款档次不得超出事项的法定幅度）"))
        QVBoxLayout(tiers_box).addWidget(self.tiers)
        rules_box = QGroupBox(self.tr("轻微不罚、首违免罚清单（行政处罚法 第三十三条第一款）"))
        QVBoxLayout(rules_box).addWidget(self.no_penalty)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(tiers_box)
        split.addWidget(rules_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.sample_banner)
        layout.addLayout(query)
        layout.addLayout(buttons_row(action_button(self.import_action), action_button(self.export_action)))
        layout.addWidget(split, 1)
        self._fill_codes()
        self.reload()

    def _fill_codes(self) -> None:
        keep = self.code_combo.currentText()
        self.code_combo.blockSignals(True)
        self.code_combo.clear()
        self.code_combo.addItem("", "")
        for item in items_service.list_items(self.ctx):
            self.code_combo.addItem(f"{item.code} {item.name}", item.code)
        self.code_combo.setEditText(keep)
        self.code_combo.blockSignals(False)

    def item_code(self) -> str:
        """The code typed or chosen (the part before the first space of "DQ-01 名称")."""
        text = self.code_combo.currentText().strip()
        return text.split(" ", 1)[0].upper() if text else ""

    def reset_query(self) -> None:
        self.code_combo.setEditText("")
        self.reload()

    def reload(self) -> None:
        code = self.item_code() or None
        tiers = items_service.list_benchmarks(self.ctx, code)
        self.tiers.set_rows([
            Row(t, [t.item_code, t.party_label, t.tier_label, t.conditions, tier_range(t),
                    "、".join(t.other_sanctions), Cell(self.tr("示例"), tone="warn") if t.sample else self.tr("导入")])
            for t in tiers])
        rules = items_service.list_no_penalty(self.ctx, code)
        self.no_penalty.set_rows([
            Row(r, [r.item_code, r.kind_label, r.conditions, r.basis,
                    Cell(self.tr("示例"), tone="warn") if r.sample else self.tr("导入")]) for r in rules])
        everything = tiers if code is None else items_service.list_benchmarks(self.ctx)
        if any(t.sample for t in everything):
            set_banner(self.sample_banner, self.tr(
                "当前裁量基准是示例数据，仅供参考：请导入县级部门或本乡镇公布的行政处罚裁量基准后再用于决定。"), "warn")
        else:
            self.sample_banner.setVisible(False)
        allow(self.export_action, bool(everything), self.tr("还没有裁量基准可导出"))

    def import_benchmarks(self) -> QDialog | None:
        if not self.editable:
            return None
        path = choose_open(self, self.tr("选择裁量基准文件"))
        if path is None:
            return None
        columns = "、".join(c.header for c in item_sheets.BENCHMARK_COLUMNS)
        text = self.tr("用文件“%1”中的裁量基准替换现有的全部裁量基准？\n\n文件第一行应为列名：%2。"
                       "每一档的罚款不得超出该事项在现行清单中的法定幅度；任何一行有误则整个文件不导入。") \
            .replace("%1", path.name).replace("%2", columns)
        if not confirm(self, self.tr("导入裁量基准"), text, self.tr("导入")):
            return None
        return self._import(path)

    def _import(self, path: Path) -> QDialog | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = benchmarks_service.import_benchmarks(self.ctx, self.actor, path)
        except ServiceError as exc:
            QGuiApplication.restoreOverrideCursor()
            self.dialog = show_error(self, exc)
            return self.dialog
        QGuiApplication.restoreOverrideCursor()
        self._fill_codes()
        self.reload()
        self.dialog = show_info(self, self.tr("已导入裁量基准 %1 档，原有裁量基准已被替换。").replace("%1", str(count)))
        return self.dialog

    def export_benchmarks(self) -> Path | None:
        today = self.ctx.clock.today().isoformat()
        path = choose_save(self, self.tr("导出裁量基准"), self.tr("裁量基准-%1.xlsx").replace("%1", today))
        if path is None:
            return None
        try:
            count = benchmarks_service.export_benchmarks(self.ctx, path)
        except ServiceError as exc:
            show_error(self, exc)
            return None
        show_info(self, self.tr("已导出裁量基准 %1 档到：\n%2").replace("%1", str(count)).replace("%2", str(path)))
        return path
