"""执法事项清单 (一乡镇一清单, 文司发〔2024〕4号 第八条): the list in force, its versions, import, export,
and confirming a list as the township's own — only then can a case be filed (立案) for its items."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.clock import local_date
from desktop_app.services import item_sheets
from desktop_app.services import items as items_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError
from desktop_app.services.items import ItemInfo, VersionInfo
from desktop_app.ui.pages.admin import ADMIN_ONLY, is_admin
from desktop_app.ui.pages.admin.sheets import choose_open, choose_save
from desktop_app.ui.widgets import (
    Cell,
    FormDialog,
    ListTable,
    Row,
    action_button,
    allow,
    banner,
    buttons_row,
    confirm,
    date_edit,
    from_qdate,
    required,
    set_banner,
    show_error,
    show_info,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ItemsTab", text)


def version_state(v: VersionInfo) -> Cell:
    if v.confirmed:
        when = local_date(v.confirmed_at).isoformat() if v.confirmed_at else ""
        return Cell(_tr("已确认（%1，%2）").replace("%1", when).replace("%2", v.confirmed_by or ""), tone="ok")
    if v.sample:
        return Cell(_tr("示例，未确认"), tone="warn")
    return Cell(_tr("待确认"), tone="warn")


class ImportItemsDialog(FormDialog):
    """The file, its effective date and a name; a refused file lists every bad row."""

    def __init__(self, ctx: AppContext, actor: Actor, path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("导入执法事项清单"), parent, ok_text=self.tr("导入"))
        self.setMinimumWidth(620)
        self.ctx, self.actor = ctx, actor
        self.imported: VersionInfo | None = None
        self.path_edit = QLineEdit(str(path) if path else "")
        self.path_edit.setObjectName("path")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        self.date_edit = date_edit(ctx.clock.today())
        self.date_edit.setObjectName("effectiveFrom")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("versionName")
        self.name_edit.setPlaceholderText(self.tr("可不填，默认为“执法事项清单（施行日期起施行）”"))
        self.form.addRow(required(self.tr("文件：")), file_row)
        self.form.addRow(required(self.tr("施行日期：")), self.date_edit)
        self.form.addRow(self.tr("版本名称："), self.name_edit)
        columns = "、".join(c.header + ("*" if c.required else "") for c in item_sheets.ITEM_COLUMNS)
        hint = QLabel(self.tr("第一行为列名：%1（*为必填）。罚款幅度每行一档，如“个人:500-2000元”。"
                              "可先导出现行清单作为模板。导入后成为新的一版，自施行日期起适用，"
                              "已立案的案件仍按原事项办理；新版本须确认后才能立案。").replace("%1", columns))
        hint.setWordWrap(True)
        hint.setStyleSheet("QLabel { color: #4b5563; }")
        self.body.insertWidget(1, hint)

    def _browse(self) -> None:
        path = choose_open(self, self.tr("选择执法事项清单文件"))
        if path is not None:
            self.path_edit.setText(str(path))

    def submit(self) -> bool:
        text = self.path_edit.text().strip()
        if not text:
            self.fail(self.tr("文件：请选择要导入的 .xlsx 或 .csv 文件"))
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.imported = items_service.import_items(
                self.ctx, self.actor, Path(text), from_qdate(self.date_edit.date()), self.name_edit.text() or None)
        finally:
            QGuiApplication.restoreOverrideCursor()
        return True


class ItemsTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.editable = is_admin(actor)
        self.dialog: QDialog | None = None
        self.versions_data: list[VersionInfo] = []
        self.state_banner = banner()
        self.state_banner.setObjectName("itemsBanner")
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.items = ListTable(
            [self.tr("编码"), self.tr("名称"), self.tr("类别"), self.tr("处罚依据"), self.tr("罚款幅度"),
             self.tr("是否重大")],
            empty_text=self.tr("今天没有施行中的执法事项清单。点击“导入清单”导入本乡镇公布的清单。"), stretch=1,
            max_widths={2: 150, 3: 250, 4: 230})
        self.versions = ListTable(
            [self.tr("版本"), self.tr("名称"), self.tr("施行日期"), self.tr("事项数"), self.tr("状态"),
             self.tr("现行")], empty_text=self.tr("还没有清单版本。"), stretch=1)
        self.import_action = QAction(self.tr("导入清单…"), self)
        self.export_action = QAction(self.tr("导出清单…"), self)
        self.confirm_action = QAction(self.tr("确认清单…"), self)
        self.import_action.triggered.connect(self.import_list)
        self.export_action.triggered.connect(self.export_list)
        self.confirm_action.triggered.connect(self.confirm_list)
        self.versions.add_actions([self.confirm_action])
        self.versions.selection_changed.connect(self._update_actions)

        items_box = QGroupBox(self.tr("现行清单"))
        items_layout = QVBoxLayout(items_box)
        items_layout.addWidget(self.current_label)
        items_layout.addWidget(self.items)
        versions_box = QGroupBox(self.tr("清单版本"))
        QVBoxLayout(versions_box).addWidget(self.versions)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(items_box)
        split.addWidget(versions_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.state_banner)
        layout.addLayout(buttons_row(*(action_button(a) for a in (
            self.import_action, self.export_action, self.confirm_action))))
        layout.addWidget(split, 1)
        self.reload()

    # -- loading ----------------------------------------------------------------------------------

    def reload(self) -> None:
        items = items_service.list_items(self.ctx)
        self.items.set_rows([self._item_row(i) for i in items])
        self.versions_data = items_service.list_versions(self.ctx)
        self.versions.set_rows([
            Row(v, [self.tr("第%1版").replace("%1", str(v.number)), v.name, v.effective_from.isoformat(),
                    Cell(str(v.item_count), align_right=True), version_state(v),
                    self.tr("现行") if v.current else ""], tooltip=v.source or None)
            for v in self.versions_data])
        current = next((v for v in self.versions_data if v.current), None)
        if current is None:
            self.current_label.setText(self.tr("今天没有施行中的清单。"))
            set_banner(self.state_banner, self.tr("尚无施行中的执法事项清单：只能登记线索，不能立案。"
                                                  "请导入本乡镇公布的执法事项清单并确认。"), "bad")
        else:
            self.current_label.setText(
                self.tr("第%1版 · %2 · %3 起施行 · 共 %4 项").replace("%1", str(current.number))
                .replace("%2", current.name).replace("%3", current.effective_from.isoformat())
                .replace("%4", str(current.item_count)))
            if current.sample and not current.confirmed:
                set_banner(self.state_banner, self.tr(
                    "现行清单是示例清单，尚未确认：只能登记线索，不能立案。请核对或导入本乡镇公布的清单，"
                    "再点击“确认清单”（文司发〔2024〕4号 第八条“一乡镇一清单”）。"), "warn")
            elif not current.confirmed:
                set_banner(self.state_banner, self.tr(
                    "现行清单（第%1版）尚未确认：只能登记线索，不能立案。核对无误后请点击“确认清单”。")
                    .replace("%1", str(current.number)), "warn")
            else:
                self.state_banner.setVisible(False)
        upcoming = [v for v in self.versions_data if v.effective_from > self.ctx.clock.today()]
        if upcoming:
            self.current_label.setText(self.current_label.text() + self.tr("；第%1版将于 %2 起施行")
                                       .replace("%1", str(upcoming[-1].number))
                                       .replace("%2", upcoming[-1].effective_from.isoformat()))
        if current is not None and self.versions.current_data() is None:
            self.versions.select_where(lambda v: isinstance(v, VersionInfo) and v.current)
        self._update_actions()

    def _item_row(self, i: ItemInfo) -> Row:
        basis = f"{i.penalty_law}{i.penalty_article}"
        major = Cell(self.tr("重大"), tone="warn") if i.major else Cell(self.tr("否"))
        tip = f"{i.name}\n{self.tr('违法依据')}：{i.violation_law}{i.violation_article}\n" \
              f"{self.tr('处罚依据')}：{basis}\n{i.penalty_summary}"
        return Row(i, [i.code, i.name, i.category, basis, item_sheets.fine_summary(i.fines), major], tooltip=tip)

    def _target_version(self) -> VersionInfo | None:
        chosen = self.versions.current_data()
        if isinstance(chosen, VersionInfo):
            return chosen
        return next((v for v in self.versions_data if v.current), None)

    def _update_actions(self) -> None:
        allow(self.import_action, self.editable, self.tr(ADMIN_ONLY))
        allow(self.export_action, bool(self.items.row_count()), self.tr("今天没有施行中的清单可导出"))
        target = self._target_version()
        if not self.editable:
            allow(self.confirm_action, False, self.tr(ADMIN_ONLY))
        elif target is None:
            allow(self.confirm_action, False, self.tr("请先在“清单版本”中选择要确认的版本"))
        elif target.confirmed:
            allow(self.confirm_action, False, self.tr("第%1版已确认").replace("%1", str(target.number)))
        else:
            allow(self.confirm_action, True, "")

    # -- actions ----------------------------------------------------------------------------------

    def import_list(self) -> ImportItemsDialog | None:
        if not self.editable:
            return None
        path = choose_open(self, self.tr("选择执法事项清单文件"))
        if path is None:
            return None
        dialog = ImportItemsDialog(self.ctx, self.actor, path, self)
        dialog.done_ok.connect(lambda: self._imported(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, dialog: ImportItemsDialog) -> None:
        self.reload()
        v = dialog.imported
        if v is None:
            return
        self.versions.select_where(lambda x: isinstance(x, VersionInfo) and x.id == v.id)
        show_info(self, self.tr("已导入执法事项清单第%1版，共 %2 项，%3 起施行。\n\n"
                                "该版本尚未确认：核对无误后请选中它并点击“确认清单”，确认后方可立案。")
                  .replace("%1", str(v.number)).replace("%2", str(v.item_count))
                  .replace("%3", v.effective_from.isoformat()))

    def export_list(self) -> Path | None:
        today = self.ctx.clock.today().isoformat()
        path = choose_save(self, self.tr("导出执法事项清单"), self.tr("执法事项清单-%1.xlsx").replace("%1", today))
        if path is None:
            return None
        try:
            count = items_service.export_items(self.ctx, path)
        except ServiceError as exc:
            show_error(self, exc)
            return None
        show_info(self, self.tr("已导出现行清单 %1 项到：\n%2").replace("%1", str(count)).replace("%2", str(path)))
        return path

    def confirm_list(self) -> bool:
        target = self._target_version()
        if not self.editable or target is None:
            return False
        text = self.tr(
            "确认执法事项清单第%1版（%2，共 %3 项，%4 起施行）是本乡镇人民政府已公布的执法事项清单？\n\n"
            "确认后，即可对清单内的事项立案（文司发〔2024〕4号 第八条“一乡镇一清单”）；清单外的事项不能立案。"
            "确认记入审计记录，不能撤销；清单有误时请导入新的一版。").replace("%1", str(target.number)) \
            .replace("%2", target.name).replace("%3", str(target.item_count)) \
            .replace("%4", target.effective_from.isoformat())
        if not confirm(self, self.tr("确认执法事项清单"), text, self.tr("确认清单")):
            return False
        try:
            items_service.confirm_list(self.ctx, self.actor, target.number)
        except ServiceError as exc:
            show_error(self, exc)
            return False
        self.reload()
        return True
