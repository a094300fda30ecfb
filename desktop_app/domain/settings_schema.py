"""The township's settings: deadline, threshold and numbering options, each with its default and the
rule it comes from (procedure.md: what differs by province is a setting with this default)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.numbering import check_case_pattern, check_document_pattern


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    kind: type
    default: Any
    note: str = ""
    nullable: bool = False
    choices: tuple[str, ...] = ()  # a text setting that takes one of these values
    pattern: str = ""  # a text setting's form (regular expression, whole value) …
    rule: str = ""  # … and that form in words, for the message when a value does not match
    check: Callable[[str], None] | None = None  # a text setting's own check; raises ValueError naming the fault
    # a number's bounds and why: a period of 0 days would make every case overdue at once, a simple-
    # procedure limit above 第五十一条's would let an on-the-spot fine the law does not allow
    minimum: float | None = None
    maximum: float | None = None
    bound_reason: str = ""


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("deadline.filing_working_days", "立案审查期限（工作日）", int, 15,
                "发现线索之日起 15 个工作日内决定是否立案（实务做法）", minimum=1),
    SettingSpec("deadline.statement_working_days", "陈述申辩期限（工作日）", int, 3,
                "收到告知书之日起；法律未规定，默认 3 个工作日", minimum=1),
    SettingSpec("deadline.legal_review_working_days", "法制审核期限（工作日）", int, 10, "地方规定，默认 10 个工作日",
                minimum=1),
    SettingSpec("deadline.publicity_working_days", "公示期限（工作日）", int, 7, "作出决定之日起 7 个工作日内公示",
                minimum=1),
    SettingSpec("deadline.decision_extension_rule", "决定期限延长依据", str, None,
                "行政处罚法第六十条本身不允许延长；仅当其他规定允许时填写该规定", nullable=True),
    SettingSpec("threshold.hearing_fine_person", "听证较大数额（个人，元）", int, None,
                "山西省未查到统一标准；未设置时任何罚款均告知听证权利", nullable=True, minimum=1),
    SettingSpec("threshold.hearing_fine_organisation", "听证较大数额（单位，元）", int, None,
                "未设置时任何罚款均告知听证权利", nullable=True, minimum=1),
    SettingSpec("threshold.legal_review_fine", "须法制审核的罚款数额（元）", int, None,
                "达到该数额的罚款决定须经法制审核；未设置时仅按事项和听证判断", nullable=True, minimum=1),
    SettingSpec("threshold.simple_fine_person", "简易程序罚款上限（个人，元）", int, 200, "行政处罚法第五十一条",
                maximum=200, bound_reason="行政处罚法第五十一条：对公民处二百元以下罚款的，可以当场作出决定"),
    SettingSpec("threshold.simple_fine_organisation", "简易程序罚款上限（单位，元）", int, 3000, "行政处罚法第五十一条",
                maximum=3000, bound_reason="行政处罚法第五十一条：对法人或者其他组织处三千元以下罚款的，可以当场作出决定"),
    SettingSpec("training.legal_hours", "每年法律知识培训（小时）", float, 30.0, "文司发〔2024〕4号：不少于 30 学时"),
    SettingSpec("training.skills_hours", "每年业务技能培训（小时）", float, 30.0, "文司发〔2024〕4号：不少于 30 学时"),
    # 0 for one kind: no split by kind (河津: 40 学时 in all); the total at least one hour
    SettingSpec("training.total_hours", "每年培训总学时（小时）", float, 60.0, "河津：不少于 40 学时；文水两项合计 60",
                minimum=1),
    SettingSpec("numbering.case_pattern", "案号格式", str, "{prefix}立字〔{year}〕第{n}号",
                "须含 {prefix}（前缀）、{year}（年份）、{n}（序号）", check=check_case_pattern),
    SettingSpec("numbering.document_pattern", "文号格式", str, "{prefix}{type}字〔{year}〕第{n}号",
                "须含 {prefix}（前缀）、{type}（文书代字）、{year}（年份）、{n}（序号）", check=check_document_pattern),
    SettingSpec("documents.preprinted_on_spot_forms", "当场处罚使用预印编号表单", bool, True, "行政处罚法第五十二条"),
    # What the documents print for the office (告知书, 决定书, 催告书 …); a blank to fill by hand when unset.
    SettingSpec("documents.office_address", "文书所列本机关地址", str, None,
                "告知书、通知书等文书中“本机关地址”；未设置时留空待手写", nullable=True),
    SettingSpec("documents.office_phone", "文书所列联系电话", str, None,
                "告知书、通知书、公示等文书中的联系电话；未设置时留空待手写", nullable=True,
                pattern=r"[（(]?[0-9０-９][0-9０-９ （）()\-－—、/]{5,39}", rule="须为电话号码（数字，可含区号括号、短横线）"),
    SettingSpec("documents.office_contact", "文书所列联系人", str, None,
                "告知书、通知书等文书中的联系人；未设置时留空待手写", nullable=True),
    SettingSpec("documents.payment_bank", "罚没款缴款银行", str, None,
                "决定书、催告书中缴纳罚款的银行（罚缴分离，行政处罚法第六十七条）；未设置时留空待手写",
                nullable=True),
    SettingSpec("documents.payment_account_name", "罚没款缴款账户名称", str, None,
                "决定书、催告书中缴纳罚款的账户名称（如财政非税收入汇缴专户）", nullable=True),
    SettingSpec("documents.payment_account_number", "罚没款缴款账号", str, None,
                "决定书、催告书中缴纳罚款的账号", nullable=True,
                pattern=r"[0-9][0-9 \-]{5,39}", rule="须为银行账号（数字，可含空格、短横线）"),
    SettingSpec("documents.fonts", "文书字体", str, "auto",
                "auto：本机有 Windows 字体（仿宋、宋体、黑体）时使用，否则用内置字体；bundled：始终用内置字体；"
                "windows：只用 Windows 字体", choices=("auto", "bundled", "windows")),
    SettingSpec("security.lockout_failures", "连续登录失败锁定次数", int, 5, "OWASP ASVS", minimum=3, maximum=20,
                bound_reason="太少会误锁正常用户，太多则挡不住猜测密码"),
    SettingSpec("security.lockout_minutes", "锁定时长（分钟）", int, 15, "OWASP ASVS", minimum=1, maximum=1440),
    SettingSpec("security.idle_lock_minutes", "空闲锁屏（分钟）", int, 10, "0 表示不自动锁屏", maximum=240),
    SettingSpec("legal_review.qualification_required_since", "法制审核人员须具备法律职业资格的起始日期", str,
                "2021-07-15", "行政处罚法第五十八条第二款：初次从事法制审核的人员"),
)

SETTINGS_BY_KEY: dict[str, SettingSpec] = {spec.key: spec for spec in SETTINGS}


def parse_setting(key: str, raw: str) -> Any:
    """Parse a value typed by a person; raises ValueError naming the setting and the rule."""
    spec = SETTINGS_BY_KEY.get(key)
    if spec is None:
        raise ValueError(f"未知设置项“{key}”")
    text = raw.strip()
    if spec.nullable and text.lower() in {"", "none", "null", "无", "未设置"}:
        return None
    try:
        if spec.kind is bool:
            lowered = text.lower()
            if lowered in {"1", "true", "yes", "是", "on"}:
                return True
            if lowered in {"0", "false", "no", "否", "off"}:
                return False
            raise ValueError(text)
        value: Any = None
        if spec.kind is int:
            value = int(text)
        elif spec.kind is float:
            value = float(text)
        if value is not None and value < 0:
            raise ValueError(text)
    except ValueError:
        kind = {bool: "是/否", int: "非负整数", float: "非负数"}[spec.kind]
        raise ValueError(f"设置项“{spec.label}”须为{kind}，您填写的是“{raw}”") from None
    if spec.kind in (int, float):
        why = f"（{spec.bound_reason}）" if spec.bound_reason else ""
        if spec.minimum is not None and value < spec.minimum:
            raise ValueError(f"设置项“{spec.label}”不能小于 {spec.minimum:g}，您填写的是“{raw}”{why}")
        if spec.maximum is not None and value > spec.maximum:
            raise ValueError(f"设置项“{spec.label}”不能大于 {spec.maximum:g}，您填写的是“{raw}”{why}")
        return value
    if spec.choices and text not in spec.choices:
        raise ValueError(f"设置项“{spec.label}”须为 {' | '.join(spec.choices)} 之一，您填写的是“{raw}”")
    if spec.pattern and not re.fullmatch(spec.pattern, text):
        raise ValueError(f"设置项“{spec.label}”{spec.rule or '格式不对'}，您填写的是“{raw}”")
    if spec.check is not None:
        try:
            spec.check(text)
        except ValueError as exc:
            raise ValueError(f"设置项“{spec.label}”无效：{exc}") from None
    return text
