"""The fields of the action dialogs: which options each action of the procedure needs (CLI.md,
"Cases" — the same options as `case ACTION`), and the small widgets that read them (choices, amounts,
dates, files picked with QFileDialog, people, the case's documents)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from desktop_app.clock import SHANGHAI
from desktop_app.domain.discretion import PENALTY_LABELS, FineMeasure, format_amount
from desktop_app.domain.procedure import APPROVAL_LABELS, CaseAction
from desktop_app.services.cases.actions import SERVICE_METHODS
from desktop_app.ui.formatting import money
from desktop_app.ui.widgets import date_edit, from_qdate


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActionFields", text)


PENALTIES = {k.value: v for k, v in PENALTY_LABELS.items()}
TIERS = {"minor": "轻微", "general": "一般", "serious": "较重", "severe": "严重"}
TRANSFER_TO = {"department": "移送其他部门", "judicial": "移送司法机关"}


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the ActionInput attribute (CLI option)
    label: str
    kind: str  # text | longtext | choice | amount | quantity | date | datetime | file | users | user | document
    #          | bool
    required: bool = False
    choices: dict[str, str] = field(default_factory=dict)
    hint: str = ""
    default: str | None = None
    visible_when: tuple[str, tuple[str, ...]] | None = None  # (other field, its values)


def _reason(required: bool = False, label: str = "理由") -> FieldSpec:
    return FieldSpec("reason", label, "longtext", required)


MEASURE_FIELDS = ("quantity", "base_value")
# fields that only choose which of the others apply (暂缓 or 分期): not passed to the service
VIEW_ONLY_FIELDS = frozenset({"way"})


def _measure(visible_when: tuple[str, tuple[str, ...]] | None = None) -> list[FieldSpec]:
    """A fine per 平方米 or as a multiple (倍) of a base (CLI: --quantity, --base-value). The dialog keeps
    only the one the case's item needs and names the base (fit_measure); these are the fallbacks."""
    return [FieldSpec("quantity", "面积（平方米）", "quantity", hint="事项按面积计算罚款时填写",
                      visible_when=visible_when),
            FieldSpec("base_value", "基数（元）", "amount",
                      hint="事项按倍数计算罚款时填写，如建设工程造价、滥伐林木价值", visible_when=visible_when)]


def fit_measure(specs: Sequence[FieldSpec], measure: FineMeasure | None, *, required: bool) -> list[FieldSpec]:
    """The measure fields the case's item needs, no others: 面积（平方米） for a fine per 平方米, the base by
    its name (建设工程造价（元）) for a multiple; none for fines in 元. ``required``: marked required
    where the decision is refused without it (decide; the notice may leave it to the decision).
    Without an answer about the item (``measure`` None) both stay, optional, as before."""
    if measure is None:
        return list(specs)
    out = []
    for spec in specs:
        if spec.name == "quantity":
            if not measure.per_sqm:
                continue
            spec = replace(spec, required=required and measure.needs_quantity,
                           hint="违法建筑、占用土地等的面积，罚款按每平方米的幅度计算")
        elif spec.name == "base_value":
            if not measure.bases:
                continue
            base = measure.bases[0]
            spec = replace(spec, label=f"{base}（元）", required=required and measure.base_name is not None,
                           hint=f"罚款按{base}的倍数计算")
        out.append(spec)
    return out


def tier_span(unit: str, base: str | None, low: float | Decimal, high: float | Decimal,
              quantity: Decimal | None = None, base_value: Decimal | None = None) -> str:
    """A benchmark tier's range as people read it: 元 as money; per 平方米 and multiples in their unit,
    with the amount in 元 once the area or the base value is known."""
    lo, hi = Decimal(str(low)), Decimal(str(high))
    if unit == "yuan_per_sqm":
        text = _tr("每平方米 %1—%2 元").replace("%1", format_amount(lo)).replace("%2", format_amount(hi))
        if quantity is not None:
            text += _tr("（%1 平方米，计 %2 至 %3）").replace("%1", format_amount(quantity)) \
                .replace("%2", money(lo * quantity)).replace("%3", money(hi * quantity))
        return text
    if unit == "multiple":
        name = base or _tr("基数")
        text = _tr("%1的 %2—%3 倍").replace("%1", name).replace("%2", format_amount(lo)) \
            .replace("%3", format_amount(hi))
        if base_value is not None:
            text += _tr("（%1 %2，计 %3 至 %4）").replace("%1", name).replace("%2", money(base_value)) \
                .replace("%3", money(lo * base_value)).replace("%4", money(hi * base_value))
        return text
    return f"{money(lo)} – {money(hi)}"


A = CaseAction
SPECS: dict[CaseAction, list[FieldSpec]] = {
    A.ACCEPT: [_reason(label="受理意见")],
    A.REJECT: [_reason(True, "不予受理的理由")],
    A.FILE: [_reason(label="立案意见")],
    A.NOT_FILE: [_reason(True, "不予立案的理由")],
    A.INVESTIGATE: [FieldSpec("officers", "调查人员", "users", True,
                              hint="两名以上持有效执法证的执法人员（行政处罚法第四十二条）")],
    A.CONCLUDE: [FieldSpec("findings", "调查结论", "longtext", True,
                           hint="调查终结报告：违法事实、证据、处理意见")],
    A.REVIEW_CASE: [FieldSpec("outcome", "审核结果", "choice", True, {"passed": "通过", "returned": "退回补充调查"}),
                    FieldSpec("opinion", "审核意见", "longtext", True)],
    A.NOTIFY: [FieldSpec("penalty", "拟处罚种类", "choice", True, PENALTIES, default="fine"),
               FieldSpec("amount", "拟罚款金额（元）", "amount", visible_when=("penalty", ("fine",))),
               *_measure(("penalty", ("fine",))),
               FieldSpec("hearing_rights", "听证权利", "choice", True,
                         {"yes": "告知听证权利", "no": "不属于可以要求听证的情形"})],
    A.SERVE: [FieldSpec("document", "送达的文书", "document", True),
              FieldSpec("method", "送达方式", "choice", True, dict(SERVICE_METHODS)),
              FieldSpec("recipient", "受送达人或签收人", "text"),
              # what 留置、电子、公告送达 need besides the proof (民事诉讼法第八十九条、第九十五条; 行政处罚法第六十一条)
              FieldSpec("reason", "拒收事由或公告原因", "longtext", True,
                        hint="留置送达写明当事人拒收的事由；公告送达写明下落不明等原因",
                        visible_when=("method", ("left", "public"))),
              FieldSpec("witness", "见证人", "text",
                        hint="基层组织或所在单位的代表；无见证人的，以照片、录像作为送达凭证",
                        visible_when=("method", ("left",))),
              FieldSpec("consent", "电子送达确认书", "file",
                        hint="当事人签署的同意电子送达的确认书；本案已附的可不再附",
                        visible_when=("method", ("electronic",))),
              FieldSpec("proof", "送达凭证", "file", True, hint="送达回证扫描件、邮寄回执、见证记录等")],
    A.WAIVE: [FieldSpec("what", "放弃的权利", "choice", True, {"statement": "陈述申辩", "hearing": "听证"}),
              FieldSpec("proof", "书面放弃的凭证", "file", True, hint="当事人签名的书面放弃声明扫描件")],
    A.HOLD_HEARING: [FieldSpec("outcome", "听证情况", "choice", True, {"held": "已举行", "absent": "当事人未到场"}),
                     FieldSpec("record", "听证笔录", "file", True)],
    A.LEGAL_REVIEW: [],  # the checklist dialog (action_dialogs.LegalReviewDialog)
    A.DISCUSS: [FieldSpec("participants", "参加讨论的负责人", "users", True),
                FieldSpec("views", "与会人员意见记录", "file", True),
                FieldSpec("conclusion", "集体讨论结论", "longtext", True)],
    # the discretion dialog (action_dialogs.DecisionDialog) adds the rest
    A.DECIDE: _measure(),
    A.DECIDE_ON_SPOT: [FieldSpec("officers", "当场执法人员", "users", True),
                       FieldSpec("penalty", "处罚", "choice", True, {"warning": "警告", "fine": "罚款"}),
                       FieldSpec("amount", "罚款金额（元）", "amount", visible_when=("penalty", ("fine",))),
                       FieldSpec("form_number", "预印决定书编号", "text", True)],
    A.PAY: [FieldSpec("amount", "本次缴纳金额（元）", "amount", True)],
    # 行政处罚法第六十六条第二款: one later date, or a plan of instalments adding up to what is owed
    A.DEFER: [FieldSpec("way", "缴纳方式", "choice", True, {"defer": "暂缓缴纳", "instalments": "分期缴纳"}),
              FieldSpec("until", "暂缓缴纳至", "date", True, visible_when=("way", ("defer",))),
              FieldSpec("instalments", "分期计划", "longtext", True,
                        hint="每期一行或用逗号分隔，写成“日期:金额”，如 2026-12-31:500，2027-01-31:500；"
                             "各期合计应等于尚欠罚款",
                        visible_when=("way", ("instalments",)))],
    A.REMIND: [],
    A.APPLY_COURT: [FieldSpec("ruling", "法院裁定", "choice", False,
                              {"": "尚未裁定", "granted": "准予执行", "refused": "不予执行"})],
    A.APPEAL: [FieldSpec("kind", "类型", "choice", True, {"review": "行政复议", "litigation": "行政诉讼"}),
               FieldSpec("outcome", "结果", "choice", True,
                         {"pending": "已申请待审结", "upheld": "维持", "changed": "变更", "revoked": "撤销",
                          "redo": "责令重新作出"})],
    A.CLOSE: [FieldSpec("outcome", "结案方式", "choice", False,
                        {"": "正常结案（执行完毕等）", "terminated": "终结执行（行政强制法第四十条）"}),
              _reason(label="结案理由")],
    A.WITHDRAW: [_reason(True, "撤销立案的理由")],
    A.SUSPEND: [_reason(True, "中止的理由")],
    A.RESUME: [_reason(label="恢复办理的理由")],
    A.TRANSFER: [FieldSpec("to", "移送至", "choice", True, TRANSFER_TO),
                 FieldSpec("receiver", "接收机关", "text", True, hint="如 文水县公安局、文水县自然资源局（移送书的主送机关）"),
                 _reason(True, "移送的理由")],
    A.RETURN: [FieldSpec("outcome", "退回情况", "choice", True,
                         {"no_case": "不予立案", "not_prosecuted": "不起诉", "exempted": "免予刑事处罚",
                          "criminal_fine": "判处罚金"})],
    A.APPROVE: [FieldSpec("what", "审批事项", "choice", True, {k.value: v for k, v in APPROVAL_LABELS.items()}),
                FieldSpec("outcome", "审批结果", "choice", True, {"granted": "同意", "refused": "不同意"}),
                FieldSpec("until", "批准的期限", "date", visible_when=("what", ("extension", "deferral"))),
                FieldSpec("host", "听证主持人", "user", True, visible_when=("what", ("hearing_host",))),
                FieldSpec("hearing_time", "听证时间", "datetime", True, visible_when=("what", ("hearing_host",)),
                          hint="听证通知书应在听证七个工作日前送达（行政处罚法第六十四条、第八十五条）"),
                FieldSpec("hearing_place", "听证地点", "text", True, visible_when=("what", ("hearing_host",)),
                          hint="如 镇政府三楼会议室"),
                FieldSpec("person", "回避的人员", "user", visible_when=("what", ("recusal",))),
                FieldSpec("reviewer", "案件审核人", "user", visible_when=("what", ("case_reviewer",)),
                          hint="非本案承办人（办、审、定三分离）"),
                _reason(label="审批意见")],
    A.PRESERVE: [FieldSpec("items", "先行登记保存的物品清单", "longtext",
                           hint="首次保存时填写物品清单；已保存的，选择处理决定"),
                 FieldSpec("decision", "保存后的处理决定", "choice", False,
                           {"": "（首次保存）", "release": "解除保存", "confiscate": "没收", "seize": "查封、扣押",
                            "transfer": "移送"})],
    A.EXTEND: [FieldSpec("until", "延长至", "date", True), _reason(True, "延长的理由")],
    A.ARCHIVE: [],
    A.REQUEST_HEARING: [],
    A.SUBMIT_REVIEW: [],
    A.PUBLISH: [FieldSpec("channel", "公示渠道", "text", True, hint="如 政府网站、公示栏（行政处罚法第四十八条）"),
                FieldSpec("url", "公示网址", "text")],
}


# ------------------------------------------------------------------------------------ widgets


class FileField(QWidget):
    """A path with 选择文件…, which opens the system's file dialog (never typed by hand only)."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_tr("尚未选择文件"))
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.button = QPushButton(_tr("选择文件…"))
        self.button.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.button)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.title, self.edit.text(),
            _tr("扫描件和文档 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.ofd);;所有文件 (*)"))
        if name:
            self.edit.setText(name)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None


class UsersField(QListWidget):
    """People to pick (checkable), e.g. the two investigating officers or the discussion's leaders."""

    def __init__(self, people: Sequence[tuple[str, str, str]], checked: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setFixedHeight(66)
        for login, name, note in people:
            entry = QListWidgetItem(f"{name}{note}")
            entry.setData(Qt.ItemDataRole.UserRole, login)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if login in checked else Qt.CheckState.Unchecked)
            self.addItem(entry)

    def logins(self) -> list[str]:
        return [str(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_logins(self, logins: Sequence[str]) -> None:
        for i in range(self.count()):
            entry = self.item(i)
            entry.setCheckState(Qt.CheckState.Checked if entry.data(Qt.ItemDataRole.UserRole) in logins
                                else Qt.CheckState.Unchecked)


def choice_combo(choices: dict[str, str], default: str | None = None) -> QComboBox:
    combo = QComboBox()
    for code, label in choices.items():
        combo.addItem(label, code)
    if default is not None and combo.findData(default) >= 0:
        combo.setCurrentIndex(combo.findData(default))
    return combo


def amount_edit() -> QLineEdit:
    edit = QLineEdit()
    validator = QDoubleValidator(0.0, 1e12, 2)
    validator.setNotation(QDoubleValidator.Notation.StandardNotation)
    edit.setValidator(validator)
    edit.setPlaceholderText(_tr("元，如 2000 或 2000.50"))
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    return edit


def make_widget(spec: FieldSpec, *, today: date, people: Sequence[tuple[str, str, str]],
                documents: Sequence[tuple[str, str]], me: str) -> QWidget:
    """The widget for one field; `documents` are (id, label), `people` (login, name, note)."""
    w: QWidget
    if spec.kind == "text":
        w = QLineEdit()
        if spec.hint:  # an example in the field itself, not only on hover (公示渠道: 如 政府网站、公示栏)
            w.setPlaceholderText(spec.hint)
    elif spec.kind == "longtext":
        text = QPlainTextEdit()
        text.setTabChangesFocus(True)
        text.setFixedHeight(72)
        if spec.hint:
            text.setPlaceholderText(spec.hint)
        w = text
    elif spec.kind == "choice":
        w = choice_combo(spec.choices, spec.default)
    elif spec.kind == "amount":
        w = amount_edit()
    elif spec.kind == "quantity":
        w = amount_edit()
        w.setPlaceholderText(_tr("平方米，如 120 或 120.5"))
    elif spec.kind == "date":
        w = date_edit(today)
    elif spec.kind == "datetime":  # a time to come (the hearing's): two weeks ahead at 9:00 to start with
        ahead = today + timedelta(days=14)
        w = QDateTimeEdit(QDateTime(QDate(ahead.year, ahead.month, ahead.day), QTime(9, 0)))
        w.setDisplayFormat("yyyy-MM-dd HH:mm")
        w.setCalendarPopup(True)
    elif spec.kind == "file":
        w = FileField(spec.label)
    elif spec.kind == "users":
        w = UsersField(people, [me] if spec.name == "participants" else [])
    elif spec.kind == "user":
        w = choice_combo({"": _tr("（请选择）"), **{login: name for login, name, _ in people}})
    elif spec.kind == "document":
        w = choice_combo({doc_id: label for doc_id, label in documents})
    elif spec.kind == "bool":
        w = QCheckBox()
    else:  # pragma: no cover - a spec error
        raise ValueError(spec.kind)
    w.setObjectName(f"field_{spec.name}")
    if spec.hint and not isinstance(w, QPlainTextEdit):
        w.setToolTip(spec.hint)
    return w


def widget_value(spec: FieldSpec, w: QWidget) -> Any:
    """The raw value of a field: str, list of logins, Path, date or None when empty."""
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText().strip()
    if isinstance(w, QComboBox):
        data = w.currentData()
        return str(data) if data not in (None, "") else None
    if isinstance(w, QLineEdit):
        return w.text().strip()
    if isinstance(w, FileField):
        return w.path()
    if isinstance(w, UsersField):
        return w.logins()
    if isinstance(w, QCheckBox):
        return w.isChecked()
    if isinstance(w, QDateEdit):
        return from_qdate(w.date())
    if isinstance(w, QDateTimeEdit):  # Shanghai wall time, whatever the PC's own time zone
        day, clock = from_qdate(w.date()), w.time()
        return datetime.combine(day, time(clock.hour(), clock.minute()), tzinfo=SHANGHAI)
    return None


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []
