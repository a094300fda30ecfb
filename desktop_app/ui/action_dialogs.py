"""One dialog per action of the procedure: the fields its options need (action_fields.SPECS), when it
happened, a note; irreversible steps ask for confirmation and say what will be frozen. The step runs
in the background runner; a refusal stays in the dialog, in the services' words, with nothing lost.

法制审核 has its checklist (主体资格、证据、程序、法律适用、裁量、文书) and 决定 shows the item's
discretion benchmark for the party's kind, so the leader picks a tier and explains it."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QSize, Qt, QTime, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.clock import SHANGHAI
from desktop_app.domain.discretion import NO_PENALTY_GROUNDS, FineMeasure
from desktop_app.domain.procedure import CaseAction, CaseRole
from desktop_app.domain.procedure_types import ActionOptions
from desktop_app.domain.roles import Role
from desktop_app.services import items as items_service
from desktop_app.services import officers as officers_service
from desktop_app.services import users as users_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases import actions as actions_service
from desktop_app.services.cases.actions import (
    HEARING_HOST_ROLES,
    ActionInput,
    ActionResult,
    parse_amount,
    perform,
)
from desktop_app.services.cases.measure import case_fine_measure, case_penalty_kinds
from desktop_app.services.cases.queries import ActionCheck, CaseDetail, check_action
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, Refused, ServiceError
from desktop_app.ui.action_fields import (
    MEASURE_FIELDS,
    PENALTIES,
    SPECS,
    TIERS,
    TRANSFER_TO,
    VIEW_ONLY_FIELDS,
    FieldSpec,
    amount_edit,
    choice_combo,
    fit_measure,
    is_empty,
    make_widget,
    tier_span,
    widget_value,
)
from desktop_app.ui.formatting import action_label, case_number_words, money
from desktop_app.ui.runner import runner
from desktop_app.ui.widgets import required

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActionDialog", text)


# What an irreversible step freezes (UX.md: confirmation saying what will be frozen).
CONFIRMATIONS: dict[CaseAction, str] = {
    CaseAction.FILE: "立案后将编定案号（立字号），案号不能更改或收回。",
    CaseAction.REJECT: "不予受理后，此线索的办理即告终止，不能恢复。",
    CaseAction.NOT_FILE: "不予立案后，此线索的办理即告终止，不能恢复。",
    CaseAction.NOTIFY: "将签发《行政处罚事先告知书》并编定文号，签发后内容不能修改；此后作出的处罚不得重于告知的处罚。",
    CaseAction.DECIDE: "将签发决定书并编定文号。决定类型、处罚种类、罚款金额、裁量档次和裁量说明将被固定，不能修改；"
                       "如需变更，只能依法撤销或重新作出。",
    CaseAction.DECIDE_ON_SPOT: "将登记当场处罚决定（预印决定书编号），处罚种类和金额将被固定，不能修改。",
    CaseAction.REMIND: "将签发《催告书》并编定文号，签发后内容不能修改。",
    CaseAction.APPLY_COURT: "将签发强制执行申请书并编定文号，签发后内容不能修改。",
    CaseAction.TRANSFER: "将签发移送书并编定文号，签发后内容不能修改。",
    CaseAction.WITHDRAW: "撤销立案后，案件不再调查处理，只能结案。",
    CaseAction.CLOSE: "结案后案件不能再办理任何步骤，只能归档。",
    CaseAction.ARCHIVE: "归档后案卷只能借阅，不能再修改。",
}

CHECKLIST = ("主体资格", "证据", "程序", "法律适用", "裁量", "文书")
CHECK_VERDICTS = {"ok": "符合", "fix": "需补充", "bad": "不符合"}


def rule_text(check: ActionCheck) -> str:
    """The workflow's refusal with its article, once."""
    reason = check.reason or _tr("不符合办案程序")
    if check.article and check.article not in reason:
        reason += _tr("（%1）").replace("%1", check.article)
    return reason


class _Problem(Exception):
    """A problem with what was typed; `field` names the widget to scroll to and focus."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _people_officers(ctx: AppContext) -> list[tuple[str, str, str]]:
    today = ctx.clock.today()
    return [(o.login, o.name, "" if o.certified else _tr("（无有效执法证）"))
            for o in officers_service.list_officers(ctx, today) if o.login and o.in_post]


def _people_users(ctx: AppContext, actor: Actor, roles: tuple[Role, ...] | None = None) -> list[tuple[str, str, str]]:
    out = []
    for u in users_service.list_users(ctx, actor):
        if u.disabled or ("admin" in u.roles and len(u.roles) == 1):
            continue
        if roles is None or any(r.value in u.roles for r in roles):
            out.append((u.login, u.name, ""))
    return out


# 办、审、定三分离: the case reviewer the leader designates holds none of the other separated roles
_SEPARATED = {CaseRole.HANDLER.value, CaseRole.LEGAL_REVIEWER.value, CaseRole.DECIDER.value}
# roles that only read or keep the files: never a reviewer of the case
_NOT_REVIEWERS = {Role.ADMIN.value, Role.COUNTY_SUPERVISOR.value, Role.ARCHIVE_CLERK.value}


def designatable_reviewers(ctx: AppContext, actor: Actor, detail: CaseDetail) -> list[tuple[str, str, str]]:
    """Who the leader may designate as 案件审核人 (approve --what case_reviewer): enabled users with a
    role that handles cases, holding no other separated role in this case."""
    held = {o.login for o in detail.officers if o.role_in_case in _SEPARATED}
    out = []
    for u in users_service.list_users(ctx, actor):
        if u.disabled or u.login in held or not set(u.roles) - _NOT_REVIEWERS:
            continue
        out.append((u.login, u.name, "（" + "、".join(u.role_labels) + "）" if u.role_labels else ""))
    return out


def provided_penalties(ctx: AppContext, actor: Actor, detail: CaseDetail) -> dict[str, str]:
    """The penalty kinds the case's item provides for its party, labelled; all of them when the
    question cannot be answered (the service then says why at 确定)."""
    try:
        kinds = case_penalty_kinds(ctx, actor, detail.id)
    except ServiceError:
        logger.exception("penalty kinds for case %s", detail.id)
        kinds = list(PENALTIES)
    return {k: PENALTIES[k] for k in kinds if k in PENALTIES} or dict(PENALTIES)


def hearing_hosts(ctx: AppContext, actor: Actor, detail: CaseDetail) -> list[tuple[str, str, str]]:
    """Who the leader may name 听证主持人 (approve --what hearing_host): the services refuse an
    investigator of the case (第六十四条) and anyone outside the township's enforcement
    (HEARING_HOST_ROLES); the list offers only the others."""
    investigating = {o.login for o in detail.officers
                     if o.role_in_case in (CaseRole.HANDLER.value, "investigator")}
    return [(u.login, u.name, "（" + "、".join(u.role_labels) + "）" if u.role_labels else "")
            for u in users_service.list_users(ctx, actor)
            if not u.disabled and u.login not in investigating and set(u.roles) & HEARING_HOST_ROLES]


def document_choices(detail: CaseDetail) -> list[tuple[str, str]]:
    """Issued documents, those not yet served first."""
    docs = [d for d in detail.documents if d.status == "issued"]
    docs.sort(key=lambda d: d.served_on is not None)
    return [(d.id, f"{d.title} {d.number or ''}" + (_tr("（已送达）") if d.served_on else ""))
            for d in docs]


class FitScrollArea(QScrollArea):
    """A frameless scroll area as tall as its content when the screen allows, never taller than the
    screen (or the window it belongs to) leaves room for: a dialog then fits and its fields scroll."""

    CHROME = 140  # the title bar, the button row and the margins, in logical pixels
    FLOOR = 240  # never lower than this: a few fields stay in view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _limit(self) -> int:
        heights = []
        screen = self.screen()
        if screen is not None:
            heights.append(screen.availableGeometry().height())
        top = self.window().parentWidget()
        if top is not None:
            heights.append(top.window().height())  # offscreen (screenshots): the window's own size
        return max(heights or [768]) - self.CHROME

    def sizeHint(self) -> QSize:
        widget = self.widget()
        if widget is None:
            return super().sizeHint()
        hint = widget.sizeHint()
        height = min(hint.height(), max(self.FLOOR, self._limit()))
        extra = self.verticalScrollBar().sizeHint().width() if height < hint.height() else 0
        return QSize(hint.width() + extra, height)

    def minimumSizeHint(self) -> QSize:
        widget = self.widget()
        width = widget.minimumSizeHint().width() if widget is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), min(200, self.FLOOR))


class ActionDialog(QDialog):
    """The generic dialog of one action; `performed` carries the services' ActionResult."""

    performed = Signal(object)

    def __init__(self, ctx: AppContext, actor: Actor, detail: CaseDetail, action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.detail = detail
        self.action = CaseAction(action)
        self.setObjectName(f"actionDialog_{self.action.value}")
        label = action_label(self.action.value, detail.state)
        number = case_number_words(detail.number, detail.state, detail.procedure)
        self.setWindowTitle(_tr("%1 — %2").replace("%1", label).replace("%2", number))
        self.setMinimumWidth(560)
        self.widgets: dict[str, QWidget] = {}
        self.specs: dict[str, FieldSpec] = {}
        self.confirm_box: QMessageBox | None = None
        self.result_value: ActionResult | None = None
        self.measure = self._load_measure()
        self.measure_hint: QLabel | None = None

        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        intro.setStyleSheet("QLabel { color: #374151; }")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.build_fields()
        now = ctx.clock.local_now().replace(second=0, microsecond=0)
        self._initial_on = now
        self.on_edit = QDateTimeEdit(self._qdatetime(now))
        self.on_edit.setObjectName("field_on")
        self.on_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.on_edit.setCalendarPopup(True)
        # no maximum on the field: Qt would drop a later day as it is typed and keep today without a word
        # (2026-12-08 became 2026-12-02); a time after now is refused in words when 确定 is pressed
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("field_note")
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setText(label)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        content = QWidget()
        self.layout_ = QVBoxLayout(content)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(intro)
        self.add_extra(self.layout_)
        # when it happened and a note come last, after what the action itself needs
        self.form.addRow(required(_tr("发生时间：")), self.on_edit)
        self.form.addRow(_tr("备注："), self.note_edit)
        self.layout_.addLayout(self.form)
        # The fields scroll when the screen is too low for them (1366×768 at 125 %); the buttons stay,
        # and so does the message: next to the buttons, where it is seen after pressing one (F17).
        self.scroll_area = FitScrollArea()
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.error_label)
        outer.addWidget(self.buttons)
        if self.action is CaseAction.APPROVE:
            self._suggest_approval()
        # only now that every field has its parent (a widget shown without one becomes a window)
        self._update_visibility()
        self.after_layout()
        self._clear_error_on_edit()

    def _clear_error_on_edit(self) -> None:
        """A refusal stays until the user changes something (exploratory: it stayed after the fix)."""
        clear = self.error_label.clear
        for combo in self.findChildren(QComboBox):
            combo.currentIndexChanged.connect(clear)
        for line in self.findChildren(QLineEdit):
            line.textEdited.connect(clear)
        for text in self.findChildren(QPlainTextEdit):
            text.textChanged.connect(clear)
        for when in self.findChildren(QDateTimeEdit):
            when.dateTimeChanged.connect(clear)

    # what a leader most likely approves in each state, chosen to start with (any item stays choosable)
    LIKELY_APPROVALS = {"hearing": "hearing_host", "investigating": "transfer", "investigated": "case_reviewer",
                        "decided": "deferral", "served": "deferral", "executing": "court_enforcement",
                        "legal_review": "extension", "discussion": "extension", "notified": "extension"}

    def _suggest_approval(self) -> None:
        combo = self.widgets.get("what")
        likely = self.LIKELY_APPROVALS.get(self.detail.state)
        if isinstance(combo, QComboBox) and likely and combo.findData(likely) >= 0:
            combo.setCurrentIndex(combo.findData(likely))

    # -- building ---------------------------------------------------------------------------

    @staticmethod
    def _qdatetime(moment: datetime) -> QDateTime:
        """Asia/Shanghai wall time, whatever the PC's own time zone (read back as Shanghai time)."""
        local = moment.astimezone(SHANGHAI)
        return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))

    def _intro(self) -> str:
        parties = "、".join(str(p.get("name", "")) for p in self.detail.parties)
        return _tr("案件：%1　当事人：%2　当前状态：%3").replace("%1", case_number_words(
            self.detail.number, self.detail.state, self.detail.procedure)) \
            .replace("%2", parties).replace("%3", self.detail.state_label) + self._execution_intro()

    def _execution_intro(self) -> str:
        """Where the money stands, for the steps of the execution (结案 of a fine still owed above all)."""
        x = self.detail.execution
        if self.action not in (CaseAction.CLOSE, CaseAction.PAY, CaseAction.DEFER, CaseAction.REMIND,
                               CaseAction.APPLY_COURT) or not x.fine:
            return ""
        text = _tr("\n罚款 %1，已缴纳 %2，尚欠 %3").replace("%1", money(x.fine)).replace("%2", money(x.paid)) \
            .replace("%3", money(x.outstanding or "0"))
        if x.surcharge:
            text += _tr("，加处罚款 %1").replace("%1", money(x.surcharge))
        return text

    def _load_measure(self) -> FineMeasure | None:
        """What the item's fine is computed on, for the notice and the decision (None elsewhere, or
        when the services cannot say: then both fields stay, optional, and the services decide)."""
        if self.action not in (CaseAction.NOTIFY, CaseAction.DECIDE):
            return None
        try:
            return case_fine_measure(self.ctx, self.actor, self.detail.id)
        except ServiceError:
            logger.warning("no fine measure for case %s", self.detail.id, exc_info=True)
            return None

    def field_specs(self) -> list[FieldSpec]:
        # the decision is refused without the area or base its item needs; the notice may leave it
        return fit_measure(SPECS.get(self.action, []), self.measure, required=self.action == CaseAction.DECIDE)

    def build_fields(self) -> None:
        self.add_fields(self.field_specs())

    def add_fields(self, specs: list[FieldSpec]) -> None:
        today = self.ctx.clock.today()
        people_needed = {s.kind for s in specs} & {"users", "user"}
        people: list[tuple[str, str, str]] = []
        if people_needed:
            if self.action in (CaseAction.INVESTIGATE, CaseAction.DECIDE_ON_SPOT):
                people = _people_officers(self.ctx)
            elif self.action == CaseAction.DISCUSS:
                people = _people_users(self.ctx, self.actor, (Role.LEADER,))
            else:
                people = _people_users(self.ctx, self.actor)
        docs = document_choices(self.detail) if any(s.kind == "document" for s in specs) else []
        for spec in specs:
            if spec.name in MEASURE_FIELDS and self.measure_hint is None and self.measure is not None:
                self.measure_hint = QLabel(_tr(self.measure.describe()))
                self.measure_hint.setObjectName("measureHint")
                self.measure_hint.setWordWrap(True)
                self.measure_hint.setStyleSheet("QLabel { color: #4b5563; }")
                self.form.addRow("", self.measure_hint)
            choices = people
            if spec.name == "reviewer" and self.action == CaseAction.APPROVE:
                choices = designatable_reviewers(self.ctx, self.actor, self.detail)
            elif spec.name == "host" and self.action == CaseAction.APPROVE:
                choices = hearing_hosts(self.ctx, self.actor, self.detail)
            if spec.name == "penalty":
                # only the kinds the item's article provides (行政处罚法第四条; the services refuse others)
                provided = provided_penalties(self.ctx, self.actor, self.detail)
                spec = replace(spec, choices={k: v for k, v in spec.choices.items() if k in provided} or spec.choices)
            w = make_widget(spec, today=today, people=choices, documents=docs, me=self.actor.login)
            self.widgets[spec.name] = w
            self.specs[spec.name] = spec
            text = _tr(spec.label) + "："
            self.form.addRow(required(text) if spec.required else text, w)
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(lambda _i: self._update_visibility())
            if isinstance(w, QLineEdit) and spec.name in MEASURE_FIELDS:
                w.textChanged.connect(lambda _t: self.measure_changed())
        if "document" in self.widgets and not docs:
            self.widgets["document"].setEnabled(False)

    def measure_changed(self) -> None:
        """Subclasses follow the area or base value as it is typed (the tier's range in 元)."""

    def measure_value(self, name: str) -> Decimal | None:
        """The area or base value typed so far, when it is a positive number."""
        w = self.widgets.get(name)
        if not isinstance(w, QLineEdit) or not self.form.isRowVisible(w):
            return None
        try:
            value = Decimal(w.text().strip())
        except ArithmeticError:
            return None
        return value if value.is_finite() and value > 0 else None

    def add_extra(self, layout: QVBoxLayout) -> None:
        """Subclasses add their panels (checklist, benchmark) above the form."""

    def after_layout(self) -> None:
        """Subclasses show or hide their fields here."""

    def _update_visibility(self) -> None:
        for name, spec in self.specs.items():
            if spec.visible_when is None:
                continue
            other, values = spec.visible_when
            shown = widget_value(self.specs[other], self.widgets[other]) in values
            self.form.setRowVisible(self.widgets[name], shown)
        self._measure_hint_visibility()

    def _measure_hint_visibility(self) -> None:
        if self.measure_hint is not None:
            self.form.setRowVisible(self.measure_hint, any(
                self.form.isRowVisible(self.widgets[n]) for n in MEASURE_FIELDS if n in self.widgets))

    def field(self, name: str) -> Any:
        return self.widgets[name]

    # -- collecting -------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, spec in self.specs.items():
            w = self.widgets[name]
            if not self.form.isRowVisible(w) and (spec.visible_when is not None or name in MEASURE_FIELDS):
                continue
            value = widget_value(spec, w)
            if spec.required and is_empty(value):
                raise _Problem(_tr("须填写“%1”").replace("%1", _tr(spec.label)), name)
            if spec.kind == "file" and value is not None and not value.is_file():
                raise _Problem(_tr("%1：文件不存在：%2").replace("%1", _tr(spec.label)).replace("%2", str(value)),
                               name)
            out[name] = value
        return out

    def collect(self) -> ActionInput:
        values = self.values()
        inp = ActionInput()
        on = self.on_edit.dateTime().toPython()
        assert isinstance(on, datetime)
        on = on.replace(tzinfo=SHANGHAI)  # the field holds Shanghai wall time (see _qdatetime)
        now = self.ctx.clock.local_now()
        if on > now + timedelta(minutes=1):
            raise _Problem(_tr("发生时间 %1 晚于现在（%2）：请填写事情实际发生的时间")
                           .replace("%1", f"{on:%Y-%m-%d %H:%M}").replace("%2", f"{now:%Y-%m-%d %H:%M}"), "on")
        inp.on = None if on.replace(second=0, microsecond=0) == self._initial_on else on
        inp.note = self.note_edit.text().strip()
        for name, value in values.items():
            if value is None:
                continue
            if name == "amount":
                try:
                    inp.amount = parse_amount(value)
                except InvalidInput as exc:
                    raise _Problem(str(exc), name) from None
            elif name == "hearing_rights":
                inp.hearing_rights = value == "yes"
            elif name in VIEW_ONLY_FIELDS:
                continue  # chooses which of the other fields apply; the service needs only those
            else:
                setattr(inp, name, value)
        return inp

    # -- submitting -------------------------------------------------------------------------

    def fail(self, message: str, field: str | None = None) -> None:
        """Show the message beside the buttons; when it is about one field, bring that into view."""
        self.error_label.setText(message)
        widget = self.on_edit if field == "on" else self.widgets.get(field) if field else None
        if widget is not None:
            self.scroll_area.ensureWidgetVisible(widget)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def precheck(self, inp: ActionInput) -> None:
        """The workflow's rules on what was filled in, before any confirmation (subclasses add theirs)."""
        try:
            actions_service.check_date_order(self.ctx, self.detail.id, self.action.value, inp)
        except Refused as exc:  # the date, before "确认…" (an error of another kind: perform() says it)
            raise _Problem(str(exc), "on") from None
        except ServiceError:
            logger.warning("could not check the date of %s on %s", self.action.value, self.detail.id, exc_info=True)
        if self.action is CaseAction.CLOSE:
            # 行政强制法第四十条: 终结执行 says why; a fine still owed closes only that way — both before "确认结案"
            if inp.outcome == "terminated" and not inp.reason.strip():
                raise _Problem(_tr("须填写“结案理由”：终结执行所依据的情形（行政强制法第四十条）"), "reason")
            check = self._check(ActionOptions(outcome=inp.outcome or "completed"))
            if check is not None and not check.allowed:
                raise _Problem(rule_text(check), "outcome")
        if self.action is CaseAction.APPROVE and inp.what == "hearing_host" and inp.outcome == "granted":
            if not inp.host:
                raise _Problem(_tr("须指定听证主持人"), "host")
            if inp.hearing_time is not None:
                day = inp.hearing_time.date()
                designated = (inp.on or self.ctx.clock.local_now()).date()
                earliest = actions_service.earliest_hearing_day(self.ctx, designated)
                if day < earliest:
                    raise _Problem(actions_service.hearing_too_soon(day, earliest), "hearing_time")

    def _check(self, options: ActionOptions) -> ActionCheck | None:
        """The workflow's verdict on this step with these options (None when it cannot be asked now:
        perform() judges it then)."""
        try:
            return check_action(self.ctx, self.actor, self.detail.id, self.action.value, options)
        except ServiceError:
            logger.warning("could not check %s on case %s", self.action.value, self.detail.id, exc_info=True)
            return None

    def confirmation_text(self) -> str | None:
        if self.action is CaseAction.APPROVE and self._value("what") == "hearing_host" \
                and self._value("outcome") == "granted":
            # the designation issues the 听证通知书 (a number, a time and a place) and voids an earlier one
            text = _tr("将签发《听证通知书》并编定文号，载明听证主持人、时间和地点，签发后内容不能修改。")
            if any(d.form == "hearing_notice" and d.status == "issued" for d in self.detail.documents):
                text += _tr("本案已签发的听证通知书将作废，须向当事人送达新的通知书。")
            return text
        if self.action is CaseAction.CLOSE:
            return self._closing_text()
        return CONFIRMATIONS.get(self.action)

    def _closing_text(self) -> str:
        """结案 with money still owed names the sums and the way it closes (exploratory: it named nothing)."""
        text = CONFIRMATIONS[CaseAction.CLOSE]
        x = self.detail.execution
        if x.outstanding and Decimal(x.outstanding) > 0:
            owed = _tr("尚欠罚款 %1").replace("%1", money(x.outstanding))
            if x.surcharge:
                owed += _tr("、加处罚款 %1").replace("%1", money(x.surcharge))
            way = _tr("终结执行（行政强制法第四十条）") if self._value("outcome") == "terminated" else _tr("正常结案")
            text = _tr("本案%1。结案方式：%2。").replace("%1", owed).replace("%2", way) + text
        return text

    def _value(self, name: str) -> Any:
        widget = self.widgets.get(name)
        spec = self.specs.get(name)
        return widget_value(spec, widget) if widget is not None and spec is not None else None

    def submit(self) -> None:
        self.error_label.clear()
        try:
            inp = self.collect()
            self.precheck(inp)
        except _Problem as problem:
            self.fail(str(problem), problem.field)
            return
        text = self.confirmation_text()
        if text:
            self._confirm(text, inp)
        else:
            self.run(inp)

    def _confirm(self, text: str, inp: ActionInput) -> None:
        label = action_label(self.action.value, self.detail.state)
        box = QMessageBox(QMessageBox.Icon.Question, _tr("确认%1").replace("%1", label),
                          _tr("%1\n\n确定要%2吗？").replace("%1", _tr(text)).replace("%2", label),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmBox")
        box.button(QMessageBox.StandardButton.Yes).setText(_tr("确认%1").replace("%1", label))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)

        def clicked(button: Any) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.run(inp)

        box.buttonClicked.connect(clicked)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm_box = box
        box.open()

    def run(self, inp: ActionInput) -> None:
        self.buttons.setEnabled(False)
        runner().submit(perform, self.ctx, self.actor, self.detail.id, self.action.value, inp,
                        on_done=self._done, on_error=self._error,
                        progress_title=_tr("正在办理“%1”……").replace("%1", action_label(self.action.value, self.detail.state)), parent=self)

    def _done(self, result: ActionResult) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        self.accept()
        self.performed.emit(result)

    def _error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ServiceError):
            self.fail(str(exc))
        else:
            self.fail(_tr("操作未完成：程序出现内部错误。详细信息已写入日志文件。"))


class LegalReviewDialog(ActionDialog):
    """法制审核 (行政处罚法 第五十八条) with the case-file checklist of seed 000 §11:
    主体资格、证据、程序、法律适用、裁量、文书 — each judged, then the opinion and outcome."""

    def add_extra(self, layout: QVBoxLayout) -> None:
        box = QGroupBox(_tr("审核要点"))
        grid = QGridLayout(box)
        self.checks: dict[str, tuple[QComboBox, QLineEdit]] = {}
        for row, point in enumerate(CHECKLIST):
            verdict = choice_combo(CHECK_VERDICTS, "ok")
            verdict.setObjectName(f"check_{row}")
            note = QLineEdit()
            note.setObjectName(f"checkNote_{row}")
            note.setPlaceholderText(_tr("说明（可选）"))
            grid.addWidget(QLabel(_tr(point) + "："), row, 0)
            grid.addWidget(verdict, row, 1)
            grid.addWidget(note, row, 2)
            self.checks[point] = (verdict, note)
        grid.setColumnStretch(2, 1)
        layout.addWidget(box)
        self.outcome = choice_combo({"passed": "同意（通过）", "returned": "退回补充", "failed": "不同意"})
        self.outcome.setObjectName("field_outcome")
        returns = {"investigating": "退回调查取证", "notified": "退回告知阶段"}
        if self.detail.notified_penalty is None:  # a 不予行政处罚 reviewed before any 告知
            del returns["notified"]
        self.to_combo = choice_combo(returns)
        self.to_combo.setObjectName("field_to")
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("field_opinion")
        self.opinion.setTabChangesFocus(True)
        self.opinion.setFixedHeight(80)
        self.opinion.setPlaceholderText(_tr("审核意见：事实是否清楚、证据是否确凿、适用依据是否准确、程序是否合法、裁量是否适当"))
        self.form.addRow(required(_tr("审核结果：")), self.outcome)
        self.form.addRow(_tr("退回至："), self.to_combo)
        self.form.addRow(required(_tr("审核意见：")), self.opinion)
        self.outcome.currentIndexChanged.connect(lambda _i: self.to_combo.setEnabled(self.outcome.currentData()
                                                                                      != "passed"))
        self.to_combo.setEnabled(False)
        self.widgets.update({"outcome": self.outcome, "to": self.to_combo, "opinion": self.opinion})

    def checklist_text(self) -> str:
        parts = []
        for point, (verdict, note) in self.checks.items():
            text = f"{point}：{verdict.currentText()}"
            if note.text().strip():
                text += f"（{note.text().strip()}）"
            parts.append(text)
        return "；".join(parts)

    def collect(self) -> ActionInput:
        inp = super().collect()
        opinion = self.opinion.toPlainText().strip()
        if not opinion:
            raise _Problem(_tr("须填写“审核意见”"), "opinion")
        outcome = str(self.outcome.currentData())
        bad = [p for p, (v, _n) in self.checks.items() if v.currentData() != "ok"]
        if outcome == "passed" and bad:
            raise _Problem(_tr("审核要点“%1”未评为“符合”，审核结果不能为“同意”：请退回补充或不同意。")
                           .replace("%1", "、".join(bad)), "outcome")
        if outcome != "passed" and not bad:
            # a return or a refusal says what is wrong: the checklist and the result agree both ways
            raise _Problem(_tr("审核结果为“%1”，审核要点却全部“符合”：请将需补充或不符合的要点标出。")
                           .replace("%1", self.outcome.currentText()), "outcome")
        inp.outcome = outcome
        inp.to = None if outcome == "passed" else str(self.to_combo.currentData())
        inp.opinion = f"{opinion}\n审核要点：{self.checklist_text()}"
        return inp


    def confirmation_text(self) -> str | None:
        """The result and where the case goes, before the opinion is fixed (exploratory: it went silently)."""
        outcome = str(self.outcome.currentData())
        if outcome == "passed":
            return _tr("审核结果：同意。审核意见将被固定，案件交由负责人决定（或集体讨论）。")
        back = _tr("调查取证") if self.to_combo.currentData() == "investigating" else _tr("已告知")
        return _tr("审核结果：%1。审核意见将被固定，案件退回“%2”，须补充后重新提交法制审核。") \
            .replace("%1", self.outcome.currentText()).replace("%2", back)


class DecisionDialog(ActionDialog):
    """决定 (行政处罚法 第五十七条): the kind of decision, the penalty, and — for a fine — the discretion
    tier picked from the item's benchmark for this kind of party, with the explanation (裁量说明). A fine
    per 平方米 or as a multiple of a base asks for the area or the base (required, named after the
    item's range) below the amount, and the tier's range follows it in 元."""

    def build_fields(self) -> None:
        """The measure fields go below the amount (add_extra), not above the kind of decision."""

    def add_extra(self, layout: QVBoxLayout) -> None:
        party_kind = str(self.detail.parties[0].get("kind", "person")) if self.detail.parties else "person"
        tiers = items_service.list_benchmarks(self.ctx, self.detail.item_code)
        own = [t for t in tiers if t.party == party_kind]
        self.tiers = own or [t for t in tiers if t.party == "any"]
        self.setMinimumWidth(860)
        # At the top, what the workflow says before anything is typed (F16, F38): what was 告知, which kinds of
        # decision it refuses now and why, and its warnings (the 第六十条 decision deadline).
        self.notified_label = QLabel(self._notified_text())
        self.notified_label.setObjectName("notifiedPenalty")
        self.notified_label.setWordWrap(True)
        self.notified_label.setStyleSheet("QLabel { font-weight: bold; color: #1f2d3d; }")
        layout.addWidget(self.notified_label)
        self.rules_label = QLabel()
        self.rules_label.setObjectName("decisionRules")
        self.rules_label.setWordWrap(True)
        self.rules_label.setStyleSheet("QLabel { color: #8a4b00; }")
        self.rules_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.rules_label)
        self.kind_refusals: dict[str, str] = {}
        self.warnings: tuple[str, ...] = ()
        box = QGroupBox(_tr("裁量基准"))
        inner = QVBoxLayout(box)
        item_label = QLabel(f"{self.detail.item_code} {self.detail.item_name}")
        item_label.setWordWrap(True)
        item_label.setStyleSheet("QLabel { font-weight: bold; }")
        inner.addWidget(item_label)
        try:
            item = items_service.get_item(self.ctx, self.detail.item_code)
            basis = QLabel(_tr("处罚依据：%1%2　法定幅度：%3").replace("%1", item.penalty_law)
                           .replace("%2", item.penalty_article).replace("%3", item.penalty_summary))
            basis.setWordWrap(True)
            inner.addWidget(basis)
        except ServiceError:
            pass
        self.benchmark = QTableWidget(len(self.tiers), 3)
        self.benchmark.setObjectName("benchmarkTable")
        self.benchmark.setHorizontalHeaderLabels([_tr("档次"), _tr("适用情形"), _tr("罚款幅度")])
        self.benchmark.verticalHeader().setVisible(False)
        self.benchmark.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.benchmark.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.benchmark.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.benchmark.setWordWrap(True)
        for r, t in enumerate(self.tiers):
            rng = tier_span(t.unit, t.base, t.fine_min, t.fine_max)
            for c, text in enumerate((t.tier_label + (_tr("（示例）") if t.sample else ""), t.conditions, rng)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.benchmark.setItem(r, c, cell)
        header = self.benchmark.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.benchmark.resizeRowsToContents()
        self.benchmark.setMinimumHeight(110)
        self.benchmark.setMaximumHeight(140)
        self.benchmark.itemSelectionChanged.connect(self._tier_row_chosen)
        inner.addWidget(self.benchmark)
        if not self.tiers:
            inner.addWidget(QLabel(_tr("此事项未设裁量基准：罚款须在法定幅度内，并说明理由。")))
        for s in self.detail.suggestions:
            hint = QLabel(_tr("提示：%1").replace("%1", s.reason))
            hint.setWordWrap(True)
            hint.setStyleSheet("QLabel { color: #6b4e00; }")
            inner.addWidget(hint)
        layout.addWidget(box)

        self.kind = choice_combo({"penalty": "行政处罚", "no_penalty": "不予行政处罚", "transfer": "移送"}, "penalty")
        self.kind.setObjectName("field_kind")
        self.penalty = choice_combo(provided_penalties(self.ctx, self.actor, self.detail), "fine")
        self.penalty.setObjectName("field_penalty")
        self.amount = amount_edit()
        self.amount.setObjectName("field_amount")
        self.tier = choice_combo({t.tier: t.tier_label for t in self.tiers} or TIERS)
        self.tier.setObjectName("field_tier")
        self.tier_range = QLabel()
        self.tier_range.setStyleSheet("QLabel { color: #4b5563; }")
        self.band_warning = QLabel()
        self.band_warning.setObjectName("bandWarning")
        self.band_warning.setWordWrap(True)
        self.band_warning.setStyleSheet("QLabel { color: #b3261e; }")
        self.to_combo = choice_combo(TRANSFER_TO)
        self.to_combo.setObjectName("field_to")
        # 不予行政处罚: the ground the decision cites (第三十三条、第三十六条、第五十七条第一款第三项)
        self.ground = choice_combo({"": _tr("请选择"), **{code: f"{words}（{basis.replace('《中华人民共和国行政处罚法》', '行政处罚法')}）"
                                                        for code, (words, basis) in NO_PENALTY_GROUNDS.items()}})
        self.ground.setObjectName("field_ground")
        self.explanation = QPlainTextEdit()
        self.explanation.setObjectName("field_explanation")
        self.explanation.setTabChangesFocus(True)
        self.explanation.setFixedHeight(60)
        self.explanation.setPlaceholderText(_tr("裁量说明：适用的档次、考虑的情节和理由"))
        self.form.addRow(required(_tr("决定类型：")), self.kind)
        self.form.addRow(_tr("处罚种类："), self.penalty)
        self.form.addRow(required(_tr("罚款金额（元）：")), self.amount)
        self.add_fields(self.field_specs())
        self.form.addRow(_tr("裁量档次："), self.tier)
        self.form.addRow("", self.tier_range)
        self.form.addRow("", self.band_warning)
        self.receiver = QLineEdit()
        self.receiver.setObjectName("field_receiver")
        self.receiver.setPlaceholderText(_tr("如 文水县公安局、文水县自然资源局"))
        self.form.addRow(required(_tr("不予处罚的依据：")), self.ground)
        self.form.addRow(_tr("移送至："), self.to_combo)
        self.form.addRow(required(_tr("接收机关：")), self.receiver)
        self.form.addRow(required(_tr("裁量说明：")), self.explanation)
        self.widgets.update({"kind": self.kind, "penalty": self.penalty, "amount": self.amount, "tier": self.tier,
                             "to": self.to_combo, "receiver": self.receiver, "explanation": self.explanation,
                             "ground": self.ground})
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.penalty.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.tier.currentIndexChanged.connect(lambda _i: self._tier_changed_and_band())
        self.amount.textChanged.connect(lambda _t: self._band_changed())

    def after_layout(self) -> None:
        self._check_kinds()
        self._kind_changed()
        self._tier_changed()

    def _notified_text(self) -> str:
        notified = self.detail.notified_penalty
        if notified is None:
            return _tr("告知的处罚：尚未告知（作出行政处罚决定前，须告知拟作出的处罚及事实、理由、依据，"
                       "行政处罚法第四十四条）")
        what = notified.kind_label + (f" {money(notified.amount)}" if notified.amount else "")
        return _tr("告知的处罚：%1（决定不得重于告知的处罚，行政处罚法第四十五条第二款）").replace("%1", what)

    def _options(self, kind: str, *, with_amount: bool = False) -> ActionOptions:
        penalty = str(self.penalty.currentData()) if kind == "penalty" else None
        amount: Decimal | None = None
        if with_amount and penalty == "fine":
            amount = self._typed_amount()
        to = str(self.to_combo.currentData()) if kind == "transfer" else None
        return ActionOptions(kind=kind, penalty=penalty, amount=amount, to=to)


    def _check_kinds(self) -> None:
        """Ask the workflow for each kind of decision: a refused kind is disabled in the list with the
        rule (决定 stays enabled when e.g. only 不予行政处罚 is possible in 调查终结)."""
        model = self.kind.model()
        assert isinstance(model, QStandardItemModel)
        self.kind_refusals = {}
        warnings: list[str] = []
        for row in range(self.kind.count()):
            code = str(self.kind.itemData(row))
            check = self._check(self._options(code))
            item = model.item(row)
            if check is None or check.allowed:
                warnings += [w for w in (check.warnings if check else ()) if w not in warnings]
                continue
            self.kind_refusals[code] = rule_text(check)
            item.setEnabled(False)
            item.setToolTip(self.kind_refusals[code])
        self.warnings = tuple(warnings)
        if str(self.kind.currentData()) in self.kind_refusals:
            for row in range(self.kind.count()):
                if str(self.kind.itemData(row)) not in self.kind_refusals:
                    self.kind.setCurrentIndex(row)
                    break
        lines = [_tr("“%1”不可选：%2").replace("%1", self.kind.itemText(self.kind.findData(code)))
                 .replace("%2", reason) for code, reason in self.kind_refusals.items()]
        lines += [_tr("⚠ %1").replace("%1", w) for w in self.warnings]
        self.rules_label.setText("\n".join(lines))
        self.rules_label.setVisible(bool(lines))
        if len(self.kind_refusals) == self.kind.count():
            self.ok_button.setEnabled(False)

    def _typed_amount(self) -> Decimal | None:
        try:
            value = Decimal(self.amount.text().strip().replace(",", ""))
        except ArithmeticError:
            return None
        return value if value.is_finite() and value >= 0 else None

    def _current_tier(self) -> Any:
        code = self.tier.currentData()
        return next((t for t in self.tiers if t.tier == code), None)

    def band_problem(self) -> str | None:
        """The typed fine lies outside the chosen tier's band (in 元, once the area or base is known)."""
        tier = self._current_tier()
        amount = self._typed_amount()
        if tier is None or amount is None or self.kind.currentData() != "penalty" \
                or self.penalty.currentData() != "fine":
            return None
        lo, hi = Decimal(str(tier.fine_min)), Decimal(str(tier.fine_max))
        if tier.unit == "yuan_per_sqm":
            quantity = self.measure_value("quantity")
            if quantity is None:
                return None
            lo, hi = lo * quantity, hi * quantity
        elif tier.unit == "multiple":
            base_value = self.measure_value("base_value")
            if base_value is None:
                return None
            lo, hi = lo * base_value, hi * base_value
        if lo <= amount <= hi:
            return None
        return _tr("罚款 %1 不在“%2”档的幅度（%3 至 %4）内：请改选档次或金额") \
            .replace("%1", money(amount)).replace("%2", tier.tier_label).replace("%3", money(lo)) \
            .replace("%4", money(hi))

    def _band_changed(self) -> None:
        problem = self.band_problem()
        self.band_warning.setText(problem or "")
        self._show_row(self.band_warning, problem is not None)

    def _show_row(self, w: QWidget, shown: bool) -> None:
        self.form.setRowVisible(w, shown)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        fine = kind == "penalty" and self.penalty.currentData() == "fine"
        self._show_row(self.penalty, kind == "penalty")
        self._show_row(self.amount, fine)
        for name in MEASURE_FIELDS:
            if name in self.widgets:
                self._show_row(self.widgets[name], fine)
        self._measure_hint_visibility()
        self._show_row(self.tier, kind == "penalty")
        self._show_row(self.tier_range, kind == "penalty")
        self._show_row(self.to_combo, kind == "transfer")
        self._show_row(self.receiver, kind == "transfer")
        self._show_row(self.ground, kind == "no_penalty")
        # the text below is the 裁量说明 of a penalty, the reasons of 不予处罚 or of the transfer
        label = self.form.labelForField(self.explanation)
        if isinstance(label, QLabel):
            text = {"transfer": _tr("移送的理由："), "no_penalty": _tr("不予处罚的理由：")}.get(kind, _tr("裁量说明："))
            label.setText(required(text))  # each kind's decision states its reasons
        self.explanation.setPlaceholderText({
            "transfer": _tr("移送的理由：不属于本机关管辖的依据，或涉嫌犯罪的事实"),
            "no_penalty": _tr("不予处罚的理由：适用的条款和情节")}.get(kind, _tr("裁量说明：适用的档次、考虑的情节和理由")))
        if hasattr(self, "band_warning"):
            self._band_changed()

    def _tier_changed(self) -> None:
        code = self.tier.currentData()
        for r, t in enumerate(self.tiers):
            if t.tier == code:
                text = _tr("本档罚款幅度：%1").replace("%1", tier_span(
                    t.unit, t.base, t.fine_min, t.fine_max, quantity=self.measure_value("quantity"),
                    base_value=self.measure_value("base_value")))
                if t.unit == "yuan":
                    text = _tr("本档罚款幅度：%1 至 %2").replace("%1", money(Decimal(str(t.fine_min)))) \
                        .replace("%2", money(Decimal(str(t.fine_max))))
                elif t.unit == "yuan_per_sqm" and self.measure_value("quantity") is None:
                    text += _tr("；填写面积后显示折合金额")
                elif t.unit == "multiple" and self.measure_value("base_value") is None:
                    text += _tr("；填写%1后显示折合金额").replace("%1", t.base or _tr("基数"))
                self.tier_range.setText(text)
                if self.benchmark.currentRow() != r:
                    self.benchmark.selectRow(r)
                return
        self.tier_range.setText("")

    def _tier_changed_and_band(self) -> None:
        self._tier_changed()
        self._band_changed()

    def measure_changed(self) -> None:
        self._tier_changed_and_band()

    def _tier_row_chosen(self) -> None:
        rows = self.benchmark.selectionModel().selectedRows()
        if rows and 0 <= rows[0].row() < len(self.tiers):
            index = self.tier.findData(self.tiers[rows[0].row()].tier)
            if index >= 0 and index != self.tier.currentIndex():
                self.tier.setCurrentIndex(index)

    def collect(self) -> ActionInput:
        inp = super().collect()
        kind = str(self.kind.currentData())
        inp.kind = kind
        inp.explanation = self.explanation.toPlainText().strip()
        if kind == "penalty":
            inp.penalty = str(self.penalty.currentData())
            inp.tier = str(self.tier.currentData())
            if inp.penalty == "fine":
                if not self.amount.text().strip():
                    raise _Problem(_tr("须填写“罚款金额”"), "amount")
                try:
                    inp.amount = parse_amount(self.amount.text().strip(), "罚款金额")
                except InvalidInput as exc:
                    raise _Problem(str(exc), "amount") from None
            if not inp.explanation:
                raise _Problem(_tr("须填写“裁量说明”：说明适用的档次和理由（裁量基准）"), "explanation")
        elif kind == "transfer":
            inp.to = str(self.to_combo.currentData())
            inp.receiver = self.receiver.text().strip()
            if not inp.receiver:
                raise _Problem(_tr("须填写“接收机关”：移送书写明移送给哪一机关"), "receiver")
            if not inp.explanation:
                raise _Problem(_tr("须填写“移送的理由”"), "explanation")
            inp.reason = inp.explanation
        elif kind == "no_penalty":
            inp.ground = str(self.ground.currentData() or "") or None
            if inp.ground is None:
                raise _Problem(_tr("须选择“不予处罚的依据”"), "ground")
            if not inp.explanation:
                raise _Problem(_tr("须填写“不予处罚的理由”：本案的具体情节"), "explanation")
        return inp

    def precheck(self, inp: ActionInput) -> None:
        """The workflow's verdict on this very decision, before the irreversible confirmation (F16/F38)."""
        super().precheck(inp)
        kind = str(inp.kind)
        check = self._check(self._options(kind, with_amount=True))
        if check is not None and not check.allowed:
            raise _Problem(rule_text(check), "amount" if kind == "penalty" and inp.amount is not None else "kind")
        if check is not None:
            self.warnings = check.warnings

    def confirmation_text(self) -> str | None:
        kind = self.kind.currentData()
        if kind == "penalty":
            amount = self.amount.text().strip()
            what = self.penalty.currentText() + (f" {money(amount)}" if amount and self.penalty.currentData() == "fine"
                                                 else "")
            text = _tr("将签发《行政处罚决定书》并编定文号：%1，裁量档次“%2”。处罚种类、罚款金额、裁量档次和裁量说明"
                       "将被固定，不能修改；如需变更，只能依法撤销或重新作出。").replace("%1", what) \
                .replace("%2", self.tier.currentText())
            return self._with_warnings(text, self.band_problem())
        if kind == "no_penalty":
            return self._with_warnings(_tr("将签发《不予行政处罚决定书》并编定文号，决定内容将被固定，不能修改。"))
        return self._with_warnings(_tr("将签发移送书并编定文号，案件移出本机关办理，决定内容将被固定。"))

    def _with_warnings(self, text: str, *extra: str | None) -> str:
        """The confirmation names what the leader should know before confirming (F38)."""
        notes = [w for w in (*extra, *self.warnings) if w]
        if not notes:
            return text
        return text + "\n\n" + "\n".join(_tr("⚠ %1").replace("%1", w) for w in notes)


def action_dialog(ctx: AppContext, actor: Actor, detail: CaseDetail, action: str,
                  parent: QWidget | None = None) -> ActionDialog:
    cls: type[ActionDialog] = ActionDialog
    if action == CaseAction.LEGAL_REVIEW:
        cls = LegalReviewDialog
    elif action == CaseAction.DECIDE:
        cls = DecisionDialog
    return cls(ctx, actor, detail, action, parent)
