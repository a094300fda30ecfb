"""Roles (角色) and what each may do besides the case actions (domain/procedure.md, Roles)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"
    TEAM_LEAD = "team_lead"
    LEGAL_REVIEWER = "legal_reviewer"
    LEADER = "leader"
    ARCHIVE_CLERK = "archive_clerk"
    ADMIN = "admin"
    COUNTY_SUPERVISOR = "county_supervisor"


ROLE_LABELS: dict[Role, str] = {
    Role.OFFICER: "执法人员",
    Role.TEAM_LEAD: "执法队长",
    Role.LEGAL_REVIEWER: "法制审核人员",
    Role.LEADER: "负责人",
    Role.ARCHIVE_CLERK: "档案员",
    Role.ADMIN: "管理员",
    Role.COUNTY_SUPERVISOR: "县级监督人员",
}


def parse_roles(text: str) -> list[Role]:
    """'officer,team_lead' (or the Chinese labels) → roles; raises ValueError naming the bad one."""
    by_label = {label: role for role, label in ROLE_LABELS.items()}
    roles: list[Role] = []
    for raw in text.replace("，", ",").split(","):
        token = raw.strip()
        if not token:
            continue
        if token in by_label:
            role = by_label[token]
        else:
            try:
                role = Role(token)
            except ValueError:
                known = "、".join(f"{r.value}（{ROLE_LABELS[r]}）" for r in Role)
                raise ValueError(f"未知角色“{token}”，可用角色：{known}") from None
        if role not in roles:
            roles.append(role)
    if not roles:
        raise ValueError("角色不能为空")
    return roles


def role_label(code: str) -> str:
    try:
        return ROLE_LABELS[Role(code)]
    except ValueError:
        return code
