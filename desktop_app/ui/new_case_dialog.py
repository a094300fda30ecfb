"""登记线索: the party (person or organisation, its identifier checked when the field is left and a
known party recognised with their earlier cases), the item picked from the list by search, place,
facts, source and officers. A refused save keeps everything typed.

No 执法事项 is chosen until the user picks one (a list that gets the focus by Tab, or is filtered, must
not choose its first row by itself: F30); an identifier already registered under another name asks
which name is right before saving (F31); closing a filled form asks before discarding it (F32)."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.identifiers import validate_credit_code, validate_mobile_phone, validate_resident_id
from desktop_app.domain.roles import Role
from desktop_app.services import items as items_service
from desktop_app.services import officers as officers_service
from desktop_app.services import parties as parties_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases.queries import CaseFilter, list_cases
from desktop_app.services.cases.register import SOURCES, NewCase, register_case
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError
from desktop_app.services.items import ItemInfo
from desktop_app.services.parties import PartyInfo, PartyInput
from desktop_app.ui.formatting import case_number_words
from desktop_app.ui.widgets import TypingDateEdit, from_qdate, required, show_info

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("NewCaseDialog", text)


def keep_tail(text: str) -> str:
    """A message with its last few characters glued together, so that a wrapped line never leaves one
    digit (“应为 / 4。”) alone on the next line (F4): spaces become no-break spaces, and word joiners
    (U+2060) stop a break between the last characters."""
    text = text.replace(" ", "\u00a0")
    head, tail = text[:-6], text[-6:]
    return head + "\u2060".join(tail)


def ask_name(parent: QWidget, known: str, typed: str) -> str:
    """The identifier is registered under another name: "known" (use the registered name), "typed"
    (correct it to the name typed now) or "" (go back to the form)."""
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("姓名或名称与已登记的不一致"),
                      _tr("该证件号码已登记的当事人为“%1”，此次填写的是“%2”。\n\n"
                          "· 使用已登记的姓名：以“%1”登记本线索；\n"
                          "· 更正为此次填写的：该当事人的姓名或名称改为“%2”（已签发的文书不受影响）。\n\n"
                          "请核对证件后选择。").replace("%1", known).replace("%2", typed),
                      QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("nameMismatchBox")
    use_known = box.addButton(_tr("使用已登记的“%1”").replace("%1", known), QMessageBox.ButtonRole.AcceptRole)
    use_typed = box.addButton(_tr("更正为“%1”").replace("%1", typed), QMessageBox.ButtonRole.AcceptRole)
    box.button(QMessageBox.StandardButton.Cancel).setText(_tr("返回修改"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return "known" if clicked is use_known else "typed" if clicked is use_typed else ""


def _field_error() -> QLabel:
    label = QLabel()
    label.setObjectName("errorText")
    label.setWordWrap(True)
    label.hide()
    return label


class NewCaseDialog(QDialog):
    """Emits `registered` with the new case's id; never blocks the event loop (open/show)."""

    registered = Signal(str)

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.setObjectName("newCaseDialog")
        self.setWindowTitle(self.tr("登记线索"))
        self.resize(1080, 720)  # fits 1366×768 without scrolling; lower screens scroll the form
        today = ctx.clock.today()
        self.known_party: PartyInfo | None = None
        self._earlier = ""  # the known party's earlier cases, as shown under the identifier
        self.discard_box: QMessageBox | None = None  # "放弃登记？" while it is asked

        # -- party ---------------------------------------------------------------------------
        party_box = QGroupBox(self.tr("当事人"))
        pf = QFormLayout(party_box)
        self._filled: list[tuple[QLineEdit, str]] = []  # (field, value) filled in from a recognised party
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("partyKind")
        self.kind_combo.addItem(self.tr("自然人"), "person")
        self.kind_combo.addItem(self.tr("法人或其他组织"), "organisation")
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.id_label = QLabel()
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("identifier")
        self.id_edit.editingFinished.connect(self.check_identifier)
        self.id_error = _field_error()
        self.id_edit.textEdited.connect(lambda _t: self.id_error.hide())
        self.id_error.setObjectName("identifierError")
        self.known_label = QLabel()
        self.known_label.setObjectName("knownParty")
        self.known_label.setWordWrap(True)
        self.known_label.setStyleSheet("QLabel { background: #eef3fa; border: 1px solid #c9d3e0; "
                                       "border-radius: 3px; padding: 4px 6px; }")
        self.known_label.hide()
        self.name_label = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("partyName")
        self.name_edit.editingFinished.connect(self._show_known)
        self.rep_label = QLabel(self.tr("法定代表人（负责人）："))
        self.rep_edit = QLineEdit()
        self.rep_edit.setObjectName("representative")
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("address")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("phone")
        self.phone_edit.editingFinished.connect(self.check_phone)
        self.phone_error = _field_error()
        pf.addRow(self.tr("类型："), self.kind_combo)
        pf.addRow(self.id_label, self.id_edit)
        pf.addRow("", self.id_error)
        pf.addRow("", self.known_label)
        pf.addRow(self.name_label, self.name_edit)
        pf.addRow(self.rep_label, self.rep_edit)
        pf.addRow(self.tr("住址或地址："), self.address_edit)
        pf.addRow(self.tr("联系电话："), self.phone_edit)
        pf.addRow("", self.phone_error)

        # -- item ----------------------------------------------------------------------------
        item_box = QGroupBox(self.tr("执法事项"))
        il = QVBoxLayout(item_box)
        self.item_search = QLineEdit()
        self.item_search.setObjectName("itemSearch")
        self.item_search.setPlaceholderText(self.tr("输入编码、名称或类别筛选，如“焚烧”“DQ”"))
        self.item_search.setClearButtonEnabled(True)
        self.item_search.textChanged.connect(self._filter_items)
        self.item_list = QListWidget()
        self.item_list.setObjectName("itemList")
        self.item_list.setWordWrap(True)
        self.item_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.item_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # What is chosen is the selected row, not the current one: Qt makes the first row current when
        # the list gets the focus by Tab, which must not choose an item (F30).
        self.item_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.item_list.itemSelectionChanged.connect(self._item_chosen)
        self.item_detail = QLabel()
        self.item_detail.setObjectName("itemDetail")
        self.item_detail.setWordWrap(True)
        self.item_detail.setStyleSheet("QLabel { color: #374151; }")
        # at most three lines (the whole text on hover), so a long 处罚依据 never squeezes the form (F4)
        self.item_detail.setMaximumHeight(self.item_detail.fontMetrics().lineSpacing() * 3 + 4)
        self.item_detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.items: list[ItemInfo] = items_service.list_items(ctx, today)
        for info in self.items:
            entry = QListWidgetItem(f"{info.code}  {info.name}" + ("（重大）" if info.major else ""))
            entry.setData(Qt.ItemDataRole.UserRole, info.code)
            entry.setToolTip(f"{info.category} · {info.penalty_summary}")
            self.item_list.addItem(entry)
        il.addWidget(QLabel(required(self.tr("检索并选择事项："))))
        il.addWidget(self.item_search)
        il.addWidget(self.item_list, 1)
        il.addWidget(self.item_detail)

        # -- the clue ------------------------------------------------------------------------
        case_box = QGroupBox(self.tr("线索"))
        cf = QFormLayout(case_box)
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("source")
        for code, label in SOURCES.items():
            self.source_combo.addItem(label, code)
        self.discovered_edit = TypingDateEdit(today, maximum=today)
        self.discovered_edit.setObjectName("discovered")
        self.act_check = QCheckBox(self.tr("已知违法行为发生日期："))
        self.act_edit = TypingDateEdit(today, maximum=today)
        self.act_edit.setEnabled(False)
        self.act_check.toggled.connect(self.act_edit.setEnabled)
        dates = QHBoxLayout()
        dates.addWidget(self.discovered_edit)
        dates.addSpacing(16)
        dates.addWidget(self.act_check)
        dates.addWidget(self.act_edit)
        dates.addStretch(1)
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("place")
        self.facts_edit = QPlainTextEdit()
        self.facts_edit.setObjectName("facts")
        self.facts_edit.setTabChangesFocus(True)
        self.facts_edit.setPlaceholderText(self.tr("线索内容或违法事实：时间、地点、行为、后果"))
        self.facts_edit.setFixedHeight(70)
        self.officer_list = QListWidget()
        self.officer_list.setObjectName("officers")
        self.officer_list.setFlow(QListWidget.Flow.LeftToRight)
        self.officer_list.setWrapping(True)
        self.officer_list.setFixedHeight(64)
        for o in officers_service.list_officers(ctx, today):
            if not o.login or not o.in_post:
                continue
            entry = QListWidgetItem(o.name + ("" if o.certified else self.tr("（无有效执法证）")))
            entry.setData(Qt.ItemDataRole.UserRole, o.login)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if o.login == actor.login else Qt.CheckState.Unchecked)
            self.officer_list.addItem(entry)
        self.complex_check = QCheckBox(self.tr("案情复杂"))
        self.slight_check = QCheckBox(self.tr("危害后果轻微"))
        self.no_harm_check = QCheckBox(self.tr("没有造成危害后果"))
        self.corrected_check = QCheckBox(self.tr("已及时改正"))
        circumstances = QHBoxLayout()
        for c in (self.complex_check, self.slight_check, self.no_harm_check, self.corrected_check):
            circumstances.addWidget(c)
        circumstances.addStretch(1)
        cf.addRow(required(self.tr("案件来源：")), self.source_combo)
        cf.addRow(required(self.tr("发现日期：")), dates)
        cf.addRow(self.tr("地点："), self.place_edit)
        cf.addRow(required(self.tr("线索内容：")), self.facts_edit)
        cf.addRow(self.tr("执法人员："), self.officer_list)
        cf.addRow(self.tr("情节："), circumstances)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setText(self.tr("登记"))
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        # The form scrolls when the screen is low (1366×768 at 125 %); the message and the buttons
        # stay in sight below it.
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(party_box, 5)
        top.addWidget(item_box, 6)
        form_layout.addLayout(top, 1)
        form_layout.addWidget(case_box)
        scroll = QScrollArea()
        scroll.setObjectName("newCaseForm")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        # Ctrl+Enter saves from anywhere (Enter in the facts box starts a new line)
        save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        save_shortcut.activated.connect(self.save)
        self._kind_changed()
        self.setTabOrder(self.kind_combo, self.id_edit)

    # -- party ---------------------------------------------------------------------------------

    @property
    def party_kind(self) -> str:
        return str(self.kind_combo.currentData())

    def _kind_changed(self) -> None:
        person = self.party_kind == "person"
        self.id_label.setText(required(self.tr("居民身份证号码：") if person else self.tr("统一社会信用代码：")))
        self.name_label.setText(required(self.tr("姓名：") if person else self.tr("名称：")))
        self.rep_label.setVisible(not person)
        self.rep_edit.setVisible(not person)
        text = self.id_edit.text().strip()
        # a number valid for the type just left (a person's ID after switching to 法人) is not this
        # party's: cleared, rather than "corrected" by the check-digit hint into a made-up credit code
        previous = validate_credit_code if person else validate_resident_id
        if text and previous(text).ok:
            self.id_edit.clear()
            self.id_error.hide()
            text = ""
        if text:
            self.check_identifier()
        else:
            self.known_party = None
            self.known_label.hide()
            self._clear_filled()

    def _clear_filled(self) -> None:
        """Take back what a recognised party filled in and the user left as it was: switching from a
        company to 自然人, or to another number, must not carry the company's address and phone along."""
        for edit, value in self._filled:
            if edit.text().strip() == value:
                edit.clear()
        self._filled = []

    def check_identifier(self) -> bool:
        """On leaving the field: the rule in words ("…校验位不正确：应为 X"), and a known party."""
        text = self.id_edit.text().strip()
        self._clear_filled()
        self.known_party = None
        self.known_label.hide()
        if not text:
            self.id_error.hide()
            return False
        check = validate_resident_id(text) if self.party_kind == "person" else validate_credit_code(text)
        if not check.ok:
            self.id_error.setText(keep_tail(check.error or self.tr("证件号码不正确")))
            self.id_error.setStyleSheet("")
            self.id_error.show()
            return False
        if check.normalized != text:
            self.id_edit.setText(check.normalized)
        if check.warnings:
            self.id_error.setText(keep_tail("；".join(check.warnings)))
            self.id_error.setStyleSheet("QLabel { color: #6b4e00; }")
            self.id_error.show()
        else:
            self.id_error.hide()
        self._recognise(check.normalized)
        return True

    def _recognise(self, identifier: str) -> None:
        try:
            found = [p for p in parties_service.search_parties(self.ctx, identifier, limit=5)
                     if p.identifier == identifier and p.kind == self.party_kind]
        except ServiceError:
            return
        if not found:
            return
        party = found[0]
        self.known_party = party
        for edit, value in ((self.name_edit, party.name), (self.address_edit, party.address),
                            (self.phone_edit, party.phone), (self.rep_edit, party.representative)):
            if not edit.text().strip() and value:
                edit.setText(value)
                self._filled.append((edit, value))
        earlier = list_cases(self.ctx, self.actor, CaseFilter(search=identifier, limit=5))
        if earlier.total:
            cases = "；".join(f"{case_number_words(r.number, r.state, r.procedure)}（{r.item_code}，{r.state_label}）" for r in earlier.rows)
            self._earlier = self.tr("您可查看的既往案件 %1 件：%2").replace("%1", str(earlier.total)).replace("%2", cases)
        else:
            self._earlier = self.tr("您可查看的既往案件：无")
        self._show_known()

    def name_mismatch(self) -> str | None:
        """The registered name when the name typed differs from it (F31), else None."""
        typed = self.name_edit.text().strip()
        if self.known_party is not None and typed and typed != self.known_party.name:
            return self.known_party.name
        return None

    def _show_known(self) -> None:
        party = self.known_party
        if party is None:
            return
        lines = [self.tr("已登记的当事人：%1").replace("%1", party.name)]
        if self.name_mismatch() is not None:
            lines.append(self.tr("注意：姓名或名称“%1”与已登记的当事人（%2）不一致，登记时将请您确认。")
                         .replace("%1", self.name_edit.text().strip()).replace("%2", party.name))
        lines.append(self._earlier)
        self.known_label.setText("\n".join(line for line in lines if line))
        self.known_label.show()

    def check_phone(self) -> bool:
        text = self.phone_edit.text().strip()
        if not text:
            self.phone_error.hide()
            return True
        check = validate_mobile_phone(text)
        if not check.ok:
            self.phone_error.setText(keep_tail(check.error or self.tr("联系电话不正确")))
            self.phone_error.show()
            return False
        self.phone_error.hide()
        return True

    # -- item ----------------------------------------------------------------------------------

    def _filter_items(self, text: str) -> None:
        """Hide what doesn't match. A filter never chooses the first of several hits (F30); a filter that
        leaves exactly one item (a code typed in full, "DQ-02") chooses it, and its 处罚依据 shows what
        was chosen. A chosen item that is filtered away is no longer chosen."""
        needle = text.strip().lower()
        visible = []
        for i, info in enumerate(self.items):
            entry = self.item_list.item(i)
            hay = f"{info.code} {info.name} {info.category} {info.violation_text}".lower()
            entry.setHidden(bool(needle) and needle not in hay)
            if not entry.isHidden():
                visible.append(entry)
        if any(entry.isHidden() for entry in self.item_list.selectedItems()):
            self.item_list.clearSelection()
        if needle and len(visible) == 1:
            self.item_list.setCurrentItem(visible[0])

    def _item_chosen(self) -> None:
        info = self.selected_item()
        if info is None:
            self.item_detail.clear()
            return
        lines = [f"{info.category} · {self.tr('处罚依据')}：{info.penalty_law}{info.penalty_article}",
                 f"{self.tr('处罚种类及幅度')}：{info.penalty_summary}"]
        if info.major:
            lines.append(self.tr("属于重大执法决定法制审核目录：决定前须经法制审核。"))
        self.item_detail.setText("\n".join(lines))
        self.item_detail.setToolTip("\n".join(lines))

    def selected_item(self) -> ItemInfo | None:
        chosen = [e for e in self.item_list.selectedItems() if not e.isHidden()]
        if not chosen:
            return None
        entry = chosen[0]
        code = entry.data(Qt.ItemDataRole.UserRole)
        return next((i for i in self.items if i.code == code), None)

    def select_item(self, code: str) -> bool:
        for i in range(self.item_list.count()):
            entry = self.item_list.item(i)
            if entry.data(Qt.ItemDataRole.UserRole) == code:
                entry.setHidden(False)
                self.item_list.setCurrentItem(entry)
                return True
        return False

    # -- saving --------------------------------------------------------------------------------

    def officers(self) -> list[str]:
        out = []
        for i in range(self.officer_list.count()):
            entry = self.officer_list.item(i)
            if entry.checkState() == Qt.CheckState.Checked:
                out.append(str(entry.data(Qt.ItemDataRole.UserRole)))
        return out

    def _problems(self) -> list[str]:
        problems = []
        if not self.id_edit.text().strip():
            problems.append(self.tr("须填写%1").replace(
                "%1", self.tr("居民身份证号码") if self.party_kind == "person" else self.tr("统一社会信用代码")))
        elif not self.check_identifier():
            problems.append(self.id_error.text())
        if not self.name_edit.text().strip():
            problems.append(self.tr("须填写当事人姓名或名称"))
        if not self.check_phone():
            problems.append(self.phone_error.text())
        if self.selected_item() is None:
            problems.append(self.tr("须选择执法事项"))
        if not self.facts_edit.toPlainText().strip():
            problems.append(self.tr("须填写线索内容"))
        return problems

    def save(self) -> None:
        problems = self._problems()
        if problems:
            self.error_label.setText("；".join(problems))
            return
        known = self.name_mismatch()
        if known is not None:
            choice = ask_name(self, known, self.name_edit.text().strip())
            if not choice:
                self.name_edit.setFocus()
                return
            if choice == "known":
                self.name_edit.setText(known)
        item = self.selected_item()
        assert item is not None
        # registered now; a clue found on an earlier day keeps that day as its discovery date
        discovered: date = from_qdate(self.discovered_edit.date())
        new = NewCase(
            item_code=item.code,
            source=str(self.source_combo.currentData()),
            facts=self.facts_edit.toPlainText().strip(),
            party=PartyInput(self.party_kind, self.id_edit.text().strip(), self.name_edit.text().strip(),
                             self.address_edit.text().strip(), self.phone_edit.text().strip(),
                             self.rep_edit.text().strip() if self.party_kind == "organisation" else ""),
            place=self.place_edit.text().strip(),
            act_date=from_qdate(self.act_edit.date()) if self.act_check.isChecked() else None,
            discovered_on=discovered,
            officers=self.officers(),
            complex_case=self.complex_check.isChecked(),
            harm_slight=self.slight_check.isChecked(),
            no_harm=self.no_harm_check.isChecked(),
            corrected_in_time=self.corrected_check.isChecked(),
        )
        try:
            result = register_case(self.ctx, self.actor, new)
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return
        except Exception:
            logger.exception("registering a clue failed")
            self.error_label.setText(self.tr("登记未完成：程序出现内部错误，详细信息已写入日志文件。"))
            return
        self.error_label.clear()
        if result.warnings:
            show_info(self.parentWidget(), "\n".join(result.warnings), self.tr("线索已登记"))
        self.accept()
        self.registered.emit(result.case_id)


    # -- closing -------------------------------------------------------------------------------

    def has_input(self) -> bool:
        """Whether the user typed or chose anything that closing would throw away."""
        edits = (self.id_edit, self.name_edit, self.rep_edit, self.address_edit, self.phone_edit, self.place_edit)
        return (any(e.text().strip() for e in edits) or bool(self.facts_edit.toPlainText().strip())
                or self.selected_item() is not None)

    def reject(self) -> None:
        """Esc, 取消 or the window's close button: a filled form asks before it is discarded (F32).
        The question is window-modal and does not block the event loop (nor a window closing)."""
        if not self.has_input():
            super().reject()
            return
        if self.discard_box is not None and self.discard_box.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("放弃登记"),
                          self.tr("已填写的线索内容尚未登记，关闭后将不会保存。\n\n确定放弃吗？"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("discardBox")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("放弃"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("继续填写"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda result: self._discard_answered(result == QMessageBox.StandardButton.Yes))
        self.discard_box = box
        box.open()

    def _discard_answered(self, discard: bool) -> None:
        self.discard_box = None
        if discard:
            super().reject()


def can_register(actor: Actor) -> bool:
    return actor.has(Role.OFFICER, Role.TEAM_LEAD, Role.LEADER)

