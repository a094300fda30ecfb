"""执法人员与执法证: officers, their certificates, and the certificate's life cycle (收回/收缴/注销).

Only an officer holding a certificate in force may enforce, at least two together (行政处罚法 第四十二条);
the list says who does, and which certificates run out within 60 days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.services import officers as officers_service
from desktop_app.services import users as users_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.officers import CERTIFICATE_STATE_LABELS, CertificateInfo, OfficerInfo
from desktop_app.ui.pages.admin import ADMIN_ONLY, is_admin
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
)

EXPIRY_WINDOW_DAYS = officers_service.DEFAULT_EXPIRY_WINDOW_DAYS  # 60

# What each change means, shown where the admin chooses it (河津通知 一（三）; 文司发〔2024〕4号 第九条).
STATE_CHOICES: list[tuple[str, str]] = [
    ("recalled", "收回 — 调离执法岗位、退休、离职"),
    ("confiscated", "收缴 — 辞退、开除或受到刑事处罚"),
    ("cancelled", "注销 — 收回或收缴后在证件管理系统中注销（注销后不能再变更）"),
    ("valid", "有效 — 已收回的证件在本人回到执法岗位时重新发放"),
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("OfficersTab", text)


@dataclass(frozen=True)
class OfficerLine:
    """One row: an officer and one of their certificates (None when they have none)."""

    officer: OfficerInfo
    certificate: CertificateInfo | None


def certificate_state(cert: CertificateInfo, today: date, expiring: dict[str, int]) -> Cell:
    """The state as words (and a tone): colour is never the only signal (UX.md)."""
    if cert.state != officers_service.VALID:
        last = cert.events[-1].on.isoformat() if cert.events else ""
        text = f"{cert.state_label}（{last}）" if last else cert.state_label
        return Cell(text, tone="bad", tooltip=_history(cert))
    if cert.valid_to < today:
        return Cell(_tr("已过期（%1 到期）").replace("%1", cert.valid_to.isoformat()), tone="bad",
                    tooltip=_history(cert))
    if cert.valid_from > today:
        return Cell(_tr("尚未生效（%1 起）").replace("%1", cert.valid_from.isoformat()), tone="warn",
                    tooltip=_history(cert))
    if cert.id in expiring:
        return Cell(_tr("即将到期（%1 天）").replace("%1", str(expiring[cert.id])), tone="warn",
                    tooltip=_history(cert))
    return Cell(_tr("有效"), tooltip=_history(cert))


def _history(cert: CertificateInfo) -> str:
    lines = [_tr("发证机关：%1").replace("%1", cert.authority),
             _tr("有效期：%1 至 %2").replace("%1", cert.valid_from.isoformat()).replace("%2", cert.valid_to.isoformat())]
    lines += [f"{e.on.isoformat()} {e.state_label}：{e.reason}（{e.recorded_by}）" for e in cert.events]
    return "\n".join(lines)


class AddOfficerDialog(FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, officers: list[OfficerInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("登记执法人员"), parent, ok_text=self.tr("登记"))
        self.ctx, self.actor = ctx, actor
        self.created: OfficerInfo | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.login_combo = QComboBox()
        self.login_combo.setObjectName("login")
        self.login_combo.addItem(self.tr("（不关联用户账号）"), None)
        linked = {o.login for o in officers if o.login}
        for u in users_service.list_users(ctx, actor):
            if not u.disabled and u.login not in linked:
                self.login_combo.addItem(f"{u.login}（{u.name}）", u.login)
        self.login_combo.currentIndexChanged.connect(self._login_chosen)
        self.category_edit = QLineEdit(self.tr("综合行政执法"))
        self.camera_edit = QLineEdit()
        self.camera_edit.setPlaceholderText(self.tr("执法记录仪每人一部（文司发〔2024〕4号 第十条）"))
        self.form.addRow(self.tr("关联登录名："), self.login_combo)
        self.form.addRow(required(self.tr("姓名：")), self.name_edit)
        self.form.addRow(self.tr("执法类别："), self.category_edit)
        self.form.addRow(self.tr("执法记录仪编号："), self.camera_edit)
        hint = QLabel(self.tr("关联登录名后，该用户办案时按此人的执法证判断执法资格。登记后请再登记其执法证。"))
        hint.setWordWrap(True)
        self.body.insertWidget(1, hint)

    def _login_chosen(self) -> None:
        login = self.login_combo.currentData()
        if login and not self.name_edit.text().strip():
            label = self.login_combo.currentText()
            self.name_edit.setText(label[label.find("（") + 1:-1])

    def submit(self) -> bool:
        self.created = officers_service.add_officer(
            self.ctx, self.actor, self.name_edit.text(), login=self.login_combo.currentData(),
            category=self.category_edit.text(), body_camera_no=self.camera_edit.text())
        return True


class AddCertificateDialog(FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, officers: list[OfficerInfo], chosen: OfficerInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("登记执法证"), parent, ok_text=self.tr("登记"))
        self.ctx, self.actor = ctx, actor
        today = ctx.clock.today()
        self.officer_combo = QComboBox()
        self.officer_combo.setObjectName("officer")
        for o in officers:
            if o.in_post:
                self.officer_combo.addItem(f"{o.name}（{o.login}）" if o.login else o.name, o.id)
        if chosen is not None:
            self.officer_combo.setCurrentIndex(max(0, self.officer_combo.findData(chosen.id)))
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("number")
        self.category_edit = QLineEdit((chosen.category if chosen else None) or self.tr("综合行政执法"))
        self.authority_edit = QLineEdit(self.tr("山西省人民政府"))
        self.from_edit = date_edit(today)
        self.from_edit.setObjectName("validFrom")
        self.to_edit = date_edit(date(today.year + 5, 12, 31))
        self.to_edit.setObjectName("validTo")
        self.form.addRow(required(self.tr("执法人员：")), self.officer_combo)
        self.form.addRow(required(self.tr("证件编号：")), self.number_edit)
        self.form.addRow(required(self.tr("执法类别：")), self.category_edit)
        self.form.addRow(required(self.tr("发证机关：")), self.authority_edit)
        self.form.addRow(required(self.tr("有效期起：")), self.from_edit)
        self.form.addRow(required(self.tr("有效期至：")), self.to_edit)

    def submit(self) -> bool:
        officer = self.officer_combo.currentData()
        if not officer:
            self.fail(self.tr("执法人员：请先登记执法人员（不在岗人员不能取得执法证件）"))
            return False
        officers_service.add_certificate(
            self.ctx, self.actor, officer, self.number_edit.text(), self.category_edit.text(),
            self.authority_edit.text(), from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date()))
        return True


class ChangeStateDialog(FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, line: OfficerLine, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("变更执法证状态"), parent, ok_text=self.tr("变更"))
        assert line.certificate is not None
        self.ctx, self.actor, self.cert = ctx, actor, line.certificate
        today = ctx.clock.today()
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("state")
        for code, label in STATE_CHOICES:
            if code != self.cert.state:
                self.state_combo.addItem(self.tr(label), code)
        self.date_edit = date_edit(today, maximum=today)
        self.date_edit.setObjectName("on")
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        self.reason_edit.setPlaceholderText(self.tr("如：2026-11-20 调离执法岗位（镇政府人事调整通知）"))
        self.form.addRow(self.tr("执法证："), QLabel(
            f"{self.cert.officer_name} · {self.tr('编号')} {self.cert.number} · "
            f"{self.tr('现为')}“{self.cert.state_label}”"))
        self.form.addRow(required(self.tr("变更为：")), self.state_combo)
        self.form.addRow(required(self.tr("日期：")), self.date_edit)
        self.form.addRow(required(self.tr("原因：")), self.reason_edit)
        self.confirmed = False

    def submit(self) -> bool:
        reason = self.reason_edit.toPlainText().strip()
        if not reason:
            self.fail(self.tr("原因：请填写变更原因（记入执法证的历史）"))
            self.reason_edit.setFocus()
            return False
        code = self.state_combo.currentData()
        on = from_qdate(self.date_edit.date())
        label = CERTIFICATE_STATE_LABELS[code]
        consequence = (self.tr("此后该证可再用于执法。") if code == officers_service.VALID else
                       self.tr("自该日起该证不能再用于执法（行政处罚法第四十二条），此前经办的案件不受影响。"))
        text = (self.tr("将 %1 的执法证（编号 %2）于 %3 变更为“%4”。%5\n\n原因：%6\n\n"
                        "变更记入执法证历史和审计记录，不能删除。确定变更？")
                .replace("%1", self.cert.officer_name).replace("%2", self.cert.number)
                .replace("%3", on.isoformat()).replace("%4", label).replace("%5", consequence)
                .replace("%6", reason))
        if not confirm(self, self.tr("变更执法证状态"), text, self.tr("变更")):
            return False
        officers_service.change_certificate_state(self.ctx, self.actor, self.cert.number, code, on, reason)
        self.confirmed = True
        return True


class OfficersTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.editable = is_admin(actor)
        self.dialog: QDialog | None = None
        self.officers: list[OfficerInfo] = []
        self.summary = banner()
        self.list = ListTable(
            [self.tr("姓名"), self.tr("登录名"), self.tr("执法证编号"), self.tr("执法类别"), self.tr("有效期起"),
             self.tr("有效期至"), self.tr("证件状态"), self.tr("执法记录仪")],
            empty_text=self.tr("还没有执法人员。点击“登记执法人员”开始，再为其登记执法证。"), stretch=6,
            key=lambda line: (line.officer.id, line.certificate.id if line.certificate else None))
        self.add_officer_action = QAction(self.tr("登记执法人员…"), self)
        self.add_cert_action = QAction(self.tr("登记执法证…"), self)
        self.change_action = QAction(self.tr("变更证件状态…"), self)
        self.add_officer_action.triggered.connect(self.add_officer)
        self.add_cert_action.triggered.connect(self.add_certificate)
        self.change_action.triggered.connect(self.change_state)
        self.list.add_actions([self.add_cert_action, self.change_action])
        self.list.selection_changed.connect(self._update_actions)
        legend = QLabel(self.tr("“即将到期”：%1 天内到期（琥珀色）；已过期、已收回、已收缴、已注销以红色标出。"
                                "鼠标停在状态上可见发证机关和变更历史。").replace("%1", str(EXPIRY_WINDOW_DAYS)))
        legend.setWordWrap(True)
        legend.setStyleSheet("QLabel { color: #4b5563; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.summary)
        layout.addLayout(buttons_row(*(action_button(a) for a in (
            self.add_officer_action, self.add_cert_action, self.change_action))))
        layout.addWidget(self.list, 1)
        layout.addWidget(legend)
        self.reload()

    def reload(self) -> None:
        today = self.ctx.clock.today()
        self.officers = officers_service.list_officers(self.ctx, today)
        expiring = {e.certificate_id: e.days_left
                    for e in officers_service.expiring_certificates(self.ctx, today, EXPIRY_WINDOW_DAYS)}
        rows: list[Row] = []
        for o in self.officers:
            name = o.name if o.in_post else self.tr("%1（不在岗）").replace("%1", o.name)
            if o.account_disabled:
                name = self.tr("%1（账号已停用）").replace("%1", name)
            if not o.certificates:
                rows.append(Row(OfficerLine(o, None), [
                    name, o.login or "", "", o.category or "", "", "",
                    Cell(self.tr("未登记执法证"), tone="bad"), o.body_camera_no or ""]))
                continue
            for cert in o.certificates:
                state = certificate_state(cert, today, expiring)
                rows.append(Row(OfficerLine(o, cert), [
                    name, o.login or "", cert.number, cert.category, cert.valid_from.isoformat(),
                    cert.valid_to.isoformat(), state, o.body_camera_no or ""], tone=state.tone))
        self.list.set_rows(rows)
        # who can be named in a case today: certified, in post, account in use (停用 or 不在岗 don't count)
        certified = sum(1 for o in self.officers if o.can_act)
        parts = [self.tr("可办案的持证执法人员 %1 名（共 %2 名执法人员；不在岗、账号停用的不计）。")
                 .replace("%1", str(certified)).replace("%2", str(len(self.officers)))]
        tone = "info"
        if certified < 2:
            parts.append(self.tr("少于 2 名：行政处罚须由两名以上执法人员实施（行政处罚法第四十二条）。"))
            tone = "warn"
        if expiring:
            parts.append(self.tr("%1 个执法证将在 %2 天内到期，请及时换证。").replace("%1", str(len(expiring)))
                         .replace("%2", str(EXPIRY_WINDOW_DAYS)))
            tone = "warn"
        set_banner(self.summary, "".join(parts), tone)
        self._update_actions()

    def _selected(self) -> OfficerLine | None:
        data = self.list.current_data()
        return data if isinstance(data, OfficerLine) else None

    def _update_actions(self) -> None:
        line = self._selected()
        reason = self.tr(ADMIN_ONLY)
        allow(self.add_officer_action, self.editable, reason)
        allow(self.add_cert_action, self.editable, reason)
        if not self.editable:
            allow(self.change_action, False, reason)
        elif line is None or line.certificate is None:
            allow(self.change_action, False, self.tr("请先在列表中选择一个执法证"))
        elif line.certificate.state == officers_service.CANCELLED:
            allow(self.change_action, False, self.tr("该执法证已注销，不能再变更状态"))
        else:
            allow(self.change_action, True, "")

    def _open(self, dialog: FormDialog) -> FormDialog:
        dialog.done_ok.connect(self.reload)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_officer(self) -> FormDialog | None:
        if not self.editable:
            return None
        return self._open(AddOfficerDialog(self.ctx, self.actor, self.officers, self))

    def add_certificate(self) -> FormDialog | None:
        if not self.editable:
            return None
        line = self._selected()
        return self._open(AddCertificateDialog(self.ctx, self.actor, self.officers,
                                               line.officer if line else None, self))

    def change_state(self) -> FormDialog | None:
        line = self._selected()
        if not self.editable or line is None or line.certificate is None:
            return None
        return self._open(ChangeStateDialog(self.ctx, self.actor, line, self))
