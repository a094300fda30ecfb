"""用户与角色: accounts, their roles, disabling and password resets (one-time passwords shown once)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.services import users as users_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases.queries import open_duties
from desktop_app.services.context import AppContext
from desktop_app.services.errors import ServiceError
from desktop_app.services.users import UserInfo
from desktop_app.ui.pages.admin import ADMIN_ONLY, is_admin
from desktop_app.ui.widgets import (
    Cell,
    FormDialog,
    ListTable,
    Row,
    action_button,
    allow,
    buttons_row,
    confirm,
    required,
    show_error,
)

ROLE_HINTS: dict[Role, str] = {
    Role.OFFICER: "办理案件（须持有效执法证）",
    Role.TEAM_LEAD: "审核调查取证",
    Role.LEGAL_REVIEWER: "法制审核（须有法律职业资格）",
    Role.LEADER: "批准立案和处罚决定",
    Role.ARCHIVE_CLERK: "案卷归档",
    Role.ADMIN: "用户、执法人员、清单和设置",
    Role.COUNTY_SUPERVISOR: "只读查看与案卷评查",
}


class RoleBoxes(QWidget):
    """One check box per role, with what the role does."""

    def __init__(self, checked: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Role, QCheckBox] = {}
        for i, role in enumerate(Role):
            box = QCheckBox(ROLE_LABELS[role])
            box.setObjectName(f"role_{role.value}")
            box.setToolTip(self.tr(ROLE_HINTS[role]))
            box.setChecked(role.value in (checked or []))
            grid.addWidget(box, i // 2, i % 2)
            self.boxes[role] = box

    def roles(self) -> list[Role]:
        return [role for role, box in self.boxes.items() if box.isChecked()]


def confirm_warnings(parent: QWidget, warnings: list[str], title: str, go_on: str) -> bool:
    """The service's warnings (a rule with a lawful exception, e.g. 第五十八条第二款) before a save:
    the administrator confirms or goes back to the form (取消 is the default; nothing typed is lost)."""
    if not warnings:
        return True
    text = "\n\n".join(warnings) + "\n\n" + parent.tr("确属上述例外的可以继续；否则请返回填写证号。")
    return confirm(parent, title, text, go_on)


class OneTimePasswordDialog(QDialog):
    """Shows a generated password once, selectable and copyable."""

    def __init__(self, login: str, name: str, password: str, *, reset: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("oneTimePasswordDialog")
        self.setWindowTitle(self.tr("一次性密码"))
        self.setMinimumWidth(460)
        what = self.tr("已重置 %1（%2）的密码。") if reset else self.tr("已添加用户 %1（%2）。")
        intro = QLabel(what.replace("%1", login).replace("%2", name))
        intro.setWordWrap(True)
        self.password_edit = QLineEdit(password)
        self.password_edit.setObjectName("oneTimePassword")
        self.password_edit.setReadOnly(True)
        font = self.password_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "monospace", *font.families()])
        self.password_edit.setFont(font)
        self.password_edit.selectAll()
        copy = QPushButton(self.tr("复制"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(password))
        note = QLabel(self.tr("请把这个一次性密码当面告知本人。关闭本窗口后不再显示；"
                              "用户首次登录时须改为自己的密码。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons_row(self.password_edit, copy))
        layout.addWidget(note)
        layout.addWidget(buttons)


class AddUserDialog(FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("添加用户"), parent, ok_text=self.tr("添加"))
        self.ctx, self.actor = ctx, actor
        self.created: UserInfo | None = None
        self.password: str | None = None
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login")
        self.login_edit.setPlaceholderText(self.tr("小写字母、数字、-、_、.，如 zhangsan"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.roles = RoleBoxes()
        self.qualification_edit = QLineEdit()
        self.qualification_edit.setObjectName("qualification")
        self.qualification_edit.setPlaceholderText(self.tr("法制审核人员填写（行政处罚法第五十八条第二款）"))
        self.form.addRow(required(self.tr("登录名：")), self.login_edit)
        self.form.addRow(required(self.tr("姓名：")), self.name_edit)
        self.form.addRow(required(self.tr("角色：")), self.roles)
        self.form.addRow(self.tr("法律职业资格证号："), self.qualification_edit)
        hint = QLabel(self.tr("添加后系统生成一次性密码，只显示一次；用户首次登录须修改密码。"))
        hint.setWordWrap(True)
        self.body.insertWidget(1, hint)

    def submit(self) -> bool:
        roles = self.roles.roles()
        if not roles:
            self.fail(self.tr("角色：请至少选择一个角色"))
            return False
        number = self.qualification_edit.text().strip() or None
        if not confirm_warnings(self, users_service.qualification_warnings(roles, number, name=self.name_edit.text()),
                                self.tr("添加用户"), self.tr("仍然添加")):
            self.qualification_edit.setFocus()
            return False
        self.created, self.password = users_service.add_user(
            self.ctx, self.actor, self.login_edit.text(), name=self.name_edit.text(), roles=roles,
            legal_qualification_no=self.qualification_edit.text() or None)
        return True


class EditRolesDialog(FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("修改角色 — %1").replace("%1", user.login), parent, ok_text=self.tr("保存"))
        self.ctx, self.actor, self.user = ctx, actor, user
        self.roles = RoleBoxes(user.roles)
        self.qualification_edit = QLineEdit(user.legal_qualification_no or "")
        self.qualification_edit.setObjectName("qualification")
        self.form.addRow(self.tr("用户："), QLabel(f"{user.name}（{user.login}）"))
        self.form.addRow(required(self.tr("角色：")), self.roles)
        self.form.addRow(self.tr("法律职业资格证号："), self.qualification_edit)

    def submit(self) -> bool:
        roles = self.roles.roles()
        if not roles:
            self.fail(self.tr("角色：请至少选择一个角色"))
            return False
        number = self.qualification_edit.text().strip() or None
        if not confirm_warnings(self, users_service.qualification_warnings(roles, number, name=self.user.name),
                                self.tr("修改角色"), self.tr("仍然保存")):
            self.qualification_edit.setFocus()
            return False
        if [r.value for r in roles] != self.user.roles:
            users_service.set_roles(self.ctx, self.actor, self.user.login, ",".join(r.value for r in roles))
        if number != self.user.legal_qualification_no:
            users_service.set_legal_qualification(self.ctx, self.actor, self.user.login, number)
        return True


class UsersTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.editable = is_admin(actor)
        self.dialog: QDialog | None = None
        self.list = ListTable([self.tr("登录名"), self.tr("姓名"), self.tr("角色"), self.tr("法律职业资格证号"),
                               self.tr("状态")], empty_text=self.tr("还没有用户。点击“添加用户”开始。"), stretch=2)
        self.add_action = QAction(self.tr("添加用户…"), self)
        self.roles_action = QAction(self.tr("修改角色…"), self)
        self.disable_action = QAction(self.tr("停用…"), self)
        self.reset_action = QAction(self.tr("重置密码…"), self)
        self.add_action.triggered.connect(self.add_user)
        self.roles_action.triggered.connect(self.edit_roles)
        self.disable_action.triggered.connect(self.disable_user)
        self.reset_action.triggered.connect(self.reset_password)
        self.list.add_actions([self.roles_action, self.disable_action, self.reset_action])
        self.list.selection_changed.connect(self._update_actions)
        self.list.activated.connect(lambda _: self.edit_roles())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(buttons_row(*(action_button(a) for a in (
            self.add_action, self.roles_action, self.disable_action, self.reset_action))))
        layout.addWidget(self.list, 1)
        self.reload()

    def reload(self) -> None:
        users = users_service.list_users(self.ctx, self.actor)
        now = self.ctx.clock.now()
        rows = []
        for u in users:
            if u.disabled:
                state = Cell(self.tr("已停用"), tone="muted")
            elif u.locked_until is not None and u.locked_until > now:
                state = Cell(self.tr("已锁定（登录失败次数过多）"), tone="warn")
            elif u.must_change_password:
                state = Cell(self.tr("正常（待首次修改密码）"))
            else:
                state = Cell(self.tr("正常"))
            number: str | Cell = u.legal_qualification_no or ""
            warnings = users_service.user_warnings(u)
            if warnings:  # a 法制审核人员 without one (F28): visible in the list too
                number = Cell(self.tr("未登记"), tone="warn", tooltip=warnings[0])
            rows.append(Row(u, [u.login, u.name, "、".join(u.role_labels), number, state]))
        self.list.set_rows(rows)
        self._update_actions()

    def _selected(self) -> UserInfo | None:
        data = self.list.current_data()
        return data if isinstance(data, UserInfo) else None

    def _update_actions(self) -> None:
        user = self._selected()
        allow(self.add_action, self.editable, self.tr(ADMIN_ONLY))
        for action in (self.roles_action, self.reset_action):
            allow(action, self.editable and user is not None,
                  self.tr(ADMIN_ONLY) if not self.editable else self.tr("请先在列表中选择一个用户"))
        if not self.editable:
            allow(self.disable_action, False, self.tr(ADMIN_ONLY))
        elif user is None:
            allow(self.disable_action, False, self.tr("请先在列表中选择一个用户"))
        elif user.disabled:  # the same button takes the 停用 back
            allow(self.disable_action, True, self.tr("启用该用户：恢复登录，密码不变"))
        elif user.login == self.actor.login:
            allow(self.disable_action, False, self.tr("不能停用自己的账号"))
        else:
            allow(self.disable_action, True, "")
        self.disable_action.setText(self.tr("启用…") if user is not None and user.disabled else self.tr("停用…"))

    # -- actions ----------------------------------------------------------------------------------

    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(self.ctx, self.actor, self)
        dialog.done_ok.connect(lambda: self._added(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _added(self, dialog: AddUserDialog) -> None:
        self.reload()
        user = dialog.created
        if user is None:
            return
        self.list.select_where(lambda u: isinstance(u, UserInfo) and u.login == user.login)
        if dialog.password:
            self._show_password(user.login, user.name, dialog.password, reset=False)

    def _show_password(self, login: str, name: str, password: str, *, reset: bool) -> None:
        shown = OneTimePasswordDialog(login, name, password, reset=reset, parent=self)
        self.dialog = shown
        shown.open()

    def edit_roles(self) -> EditRolesDialog | None:
        user = self._selected()
        if user is None or not self.editable:
            return None
        dialog = EditRolesDialog(self.ctx, self.actor, user, self)
        dialog.done_ok.connect(self.reload)
        self.dialog = dialog
        dialog.open()
        return dialog

    def disable_user(self) -> None:
        """停用 the selected user, or 启用 one who is 停用."""
        user = self._selected()
        if user is None or not self.editable:
            return
        if user.disabled:
            self.enable_user(user)
            return
        text = self.tr("停用用户 %1（%2）后，该用户不能再登录。其历史操作和经办的案件记录全部保留。")
        duties = open_duties(self.ctx, user.login)
        if duties:  # cases that would wait for someone who can no longer log in
            text += self.tr("\n\n该用户在以下未结案件中仍有职责，停用前请先调整承办人或重新指定：\n") + "\n".join(duties)
        text += self.tr("\n\n确定停用？")
        self._change_if_confirmed(user, self.tr("停用用户"), text, self.tr("停用"), users_service.disable_user)

    def enable_user(self, user: UserInfo) -> None:
        self._change_if_confirmed(user, self.tr("启用用户"),
                                  self.tr("启用用户 %1（%2）？该用户可以用原密码重新登录，原有角色不变。"),
                                  self.tr("启用"), users_service.enable_user)

    def _change_if_confirmed(self, user: UserInfo, title: str, text: str, ok_text: str,
                             change: Callable[[AppContext, Actor, str], object]) -> None:
        """Ask (%1 the login, %2 the name), then make the change; a refusal is shown, the list reloaded."""
        if not confirm(self, title, text.replace("%1", user.login).replace("%2", user.name), ok_text):
            return
        try:
            change(self.ctx, self.actor, user.login)
        except ServiceError as exc:
            show_error(self, exc)
        self.reload()

    def reset_password(self) -> None:
        user = self._selected()
        if user is None or not self.editable:
            return
        text = self.tr("为 %1（%2）生成新的一次性密码？原密码立即失效，用户下次登录须修改密码。")
        if not confirm(self, self.tr("重置密码"), text.replace("%1", user.login).replace("%2", user.name),
                       self.tr("重置密码")):
            return
        try:
            password = users_service.reset_password(self.ctx, self.actor, user.login)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self.reload()
        if password:
            self._show_password(user.login, user.name, password, reset=True)
