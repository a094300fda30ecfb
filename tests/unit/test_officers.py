"""执法人员 and 执法证: registration, the certificate life cycle, and validity on a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from desktop_app.domain.roles import Role
from desktop_app.services import officers as svc
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, NotFound, PermissionDenied, Refused
from desktop_app.services.users import add_user, disable_user, resolve_actor
from desktop_app.store.models import AuditRecord, CertificateEvent


@pytest.fixture
def zhang(ctx: AppContext, admin: Actor) -> svc.OfficerInfo:
    """张三: a user account linked to an officer holding certificate 14110001 (2024-01-01 … 2027-01-10)."""
    add_user(ctx, admin, "zhang", name="张三", roles="officer", password="zhang-pass-1")
    svc.add_officer(ctx, admin, "张三", login="zhang", category="综合行政执法", body_camera_no="JL-001")
    svc.add_certificate(
        ctx, admin, "zhang", "14110001", "综合行政执法", "山西省人民政府", date(2024, 1, 1), date(2027, 1, 10)
    )
    return svc.resolve_officer(ctx, "zhang", date(2026, 11, 23))


@pytest.fixture
def officer_actor(ctx: AppContext, zhang: svc.OfficerInfo) -> Actor:
    return resolve_actor(ctx, "zhang", via="cli")


@dataclass(frozen=True)
class Audited:
    entity_id: str
    actor: str
    summary: str
    before: Any
    after: Any


def _audit(ctx: AppContext, action: str) -> list[Audited]:
    with ctx.read() as session:
        rows = session.scalars(
            select(AuditRecord).where(AuditRecord.action == action).order_by(AuditRecord.seq)
        )
        return [Audited(r.entity_id, r.actor, r.summary, r.before, r.after) for r in rows]


# --- officers -------------------------------------------------------------------------------------


def test_add_officer_links_login_and_is_audited(ctx: AppContext, zhang: svc.OfficerInfo) -> None:
    assert zhang.name == "张三"
    assert zhang.login == "zhang"
    assert zhang.body_camera_no == "JL-001"
    records = _audit(ctx, "officer.add")
    assert len(records) == 1
    assert records[0].entity_id == zhang.id
    assert records[0].actor == "admin"
    assert records[0].after["login"] == "zhang"


def test_add_officer_refused_for_non_admin(ctx: AppContext, officer_actor: Actor) -> None:
    with pytest.raises(PermissionDenied, match="管理员"):
        svc.add_officer(ctx, officer_actor, "李四")


def test_add_officer_refused_for_anonymous(ctx: AppContext) -> None:
    with pytest.raises(PermissionDenied, match="--as"):
        svc.add_officer(ctx, Actor.anonymous_reader(), "李四")


def test_add_officer_unknown_login_refused(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(NotFound, match="nobody"):
        svc.add_officer(ctx, admin, "李四", login="nobody")
    assert svc.list_officers(ctx, date(2026, 11, 23)) == []


def test_add_officer_disabled_login_refused(ctx: AppContext, admin: Actor) -> None:
    add_user(ctx, admin, "li", name="李四", roles="officer", password="li-pass-12")
    disable_user(ctx, admin, "li")
    with pytest.raises(Refused, match="停用"):
        svc.add_officer(ctx, admin, "李四", login="li")


def test_a_user_links_to_at_most_one_officer(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    with pytest.raises(Refused, match="已关联执法人员“张三”"):
        svc.add_officer(ctx, admin, "张三（重复）", login="zhang")


def test_body_camera_is_not_shared(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    with pytest.raises(Refused, match="第十条"):
        svc.add_officer(ctx, admin, "李四", body_camera_no="JL-001")


def test_add_officer_requires_name(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(InvalidInput, match="姓名"):
        svc.add_officer(ctx, admin, "  ")


def test_resolve_officer_by_id_number_or_login(ctx: AppContext, zhang: svc.OfficerInfo) -> None:
    for ref in (zhang.id, "14110001", "zhang", "ZHANG"):
        assert svc.resolve_officer(ctx, ref).id == zhang.id
    with pytest.raises(NotFound):
        svc.resolve_officer(ctx, "nobody")


def test_list_officers_readable_without_actor(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    svc.add_officer(ctx, admin, "李四")
    rows = svc.list_officers(ctx, date(2026, 11, 23))
    assert [o.name for o in rows] == sorted(["张三", "李四"])
    by_name = {o.name: o for o in rows}
    assert by_name["张三"].certified
    assert by_name["张三"].certificate_number == "14110001"
    assert by_name["张三"].certificates[0].state_label == "有效"
    assert not by_name["李四"].certified
    assert by_name["李四"].uncertified_reason == "李四没有登记执法证"


# --- certificates ---------------------------------------------------------------------------------


def test_add_certificate_is_audited(ctx: AppContext, zhang: svc.OfficerInfo) -> None:
    records = _audit(ctx, "certificate.add")
    assert len(records) == 1
    assert records[0].after["number"] == "14110001"
    assert records[0].after["valid_to"] == "2027-01-10"


def test_add_certificate_refused_for_non_admin(ctx: AppContext, officer_actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        svc.add_certificate(
            ctx,
            officer_actor,
            "zhang",
            "14110002",
            "综合行政执法",
            "山西省人民政府",
            date(2026, 1, 1),
            date(2028, 1, 1),
        )


def test_certificate_number_is_unique(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    li = svc.add_officer(ctx, admin, "李四")
    with pytest.raises(Refused, match=r"14110001.*已登记"):
        svc.add_certificate(
            ctx,
            admin,
            li.id,
            "14110001",
            "综合行政执法",
            "山西省人民政府",
            date(2026, 1, 1),
            date(2028, 1, 1),
        )


@pytest.mark.parametrize(
    ("number", "category", "authority", "valid_from", "valid_to", "field"),
    [
        ("", "综合", "省政府", date(2026, 1, 1), date(2027, 1, 1), "证件编号"),
        ("N1", " ", "省政府", date(2026, 1, 1), date(2027, 1, 1), "执法类别"),
        ("N1", "综合", "", date(2026, 1, 1), date(2027, 1, 1), "发证机关"),
        ("N1", "综合", "省政府", None, date(2027, 1, 1), "有效期起"),
        ("N1", "综合", "省政府", date(2026, 1, 1), None, "有效期至"),
        ("N1", "综合", "省政府", date(2026, 1, 2), date(2026, 1, 1), "有效期至"),
    ],
)
def test_add_certificate_fields_checked(
    ctx: AppContext,
    admin: Actor,
    zhang: svc.OfficerInfo,
    number: str,
    category: str,
    authority: str,
    valid_from: date | None,
    valid_to: date | None,
    field: str,
) -> None:
    with pytest.raises(InvalidInput) as info:
        svc.add_certificate(ctx, admin, "zhang", number, category, authority, valid_from, valid_to)
    assert info.value.field == field
    assert field in str(info.value)
    assert len(svc.resolve_officer(ctx, "zhang").certificates) == 1


def test_add_certificate_one_day_validity_allowed(ctx: AppContext, admin: Actor) -> None:
    officer = svc.add_officer(ctx, admin, "王五")
    cert = svc.add_certificate(
        ctx, admin, officer.id, "N-1", "综合", "省政府", date(2026, 5, 1), date(2026, 5, 1)
    )
    assert cert.valid_from == cert.valid_to


def test_add_certificate_unknown_officer(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(NotFound):
        svc.add_certificate(ctx, admin, "nobody", "N-1", "综合", "省政府", date(2026, 1, 1), date(2027, 1, 1))


# --- validity on a day ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (date(2023, 12, 31), False),
        (date(2024, 1, 1), True),  # first day of validity
        (date(2026, 11, 23), True),
        (date(2027, 1, 10), True),  # last day of validity
        (date(2027, 1, 11), False),
    ],
)
def test_certified_on_validity_boundaries(
    ctx: AppContext, zhang: svc.OfficerInfo, day: date, valid: bool
) -> None:
    assert svc.certified_on(ctx, zhang.id, day) is valid
    with ctx.read() as session:
        assert svc.certified_on(session, zhang.id, day) is valid


def test_certified_on_unknown_officer_is_false(ctx: AppContext) -> None:
    assert svc.certified_on(ctx, "no-such-id", date(2026, 1, 1)) is False


def test_gap_reasons_for_dates(ctx: AppContext, zhang: svc.OfficerInfo) -> None:
    [early] = svc.find_certificate_gaps(ctx, ["zhang"], date(2023, 12, 31))
    assert early.reason == "张三的执法证（编号14110001）自 2024-01-01 起有效，2023-12-31 尚未生效"
    [late] = svc.find_certificate_gaps(ctx, ["zhang"], date(2027, 1, 11))
    assert late.reason == "张三的执法证（编号14110001）有效期至 2027-01-10，已过期"
    assert late.officer_id == zhang.id
    assert late.name == "张三"


def test_recalled_certificate_not_valid_from_that_day(
    ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo
) -> None:
    info = svc.change_certificate_state(ctx, admin, "zhang", "recalled", date(2026, 3, 1), "调离执法岗位")
    assert info.state == "recalled"
    assert info.state_label == "已收回"
    assert svc.certified_on(ctx, zhang.id, date(2026, 2, 28))
    assert not svc.certified_on(ctx, zhang.id, date(2026, 3, 1))
    assert not svc.certified_on(ctx, zhang.id, date(2026, 11, 23))
    [gap] = svc.find_certificate_gaps(ctx, [zhang.id], date(2026, 3, 1))
    assert gap.reason == "张三的执法证（编号14110001）已于 2026-03-01 收回"
    assert svc.find_certificate_gaps(ctx, ["zhang"], date(2026, 2, 28)) == []


def test_state_change_recorded_as_event_and_audit(
    ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo
) -> None:
    svc.change_certificate_state(ctx, admin, "14110001", "recalled", date(2026, 3, 1), "退休")
    with ctx.read() as session:
        [event] = session.scalars(select(CertificateEvent)).all()
        assert (event.state, event.on, event.reason, event.recorded_by) == (
            "recalled",
            date(2026, 3, 1),
            "退休",
            "admin",
        )
    [record] = _audit(ctx, "certificate.state")
    assert record.before == {"state": "valid"}
    assert record.after == {"state": "recalled", "on": "2026-03-01", "reason": "退休"}
    assert "收回" in record.summary


def test_recalled_then_reissued_valid_again(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    svc.change_certificate_state(ctx, admin, "zhang", "recalled", date(2026, 3, 1), "借调")
    svc.change_certificate_state(ctx, admin, "zhang", "valid", date(2026, 6, 1), "回到执法岗位，重新发放")
    assert svc.certified_on(ctx, zhang.id, date(2026, 2, 28))
    assert not svc.certified_on(ctx, zhang.id, date(2026, 5, 31))
    assert svc.certified_on(ctx, zhang.id, date(2026, 6, 1))
    officer = svc.resolve_officer(ctx, "zhang", date(2026, 4, 1))
    assert not officer.certified
    assert [e.state for e in officer.certificates[0].events] == ["recalled", "valid"]


def test_recalled_then_cancelled_same_day_is_final(
    ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo
) -> None:
    svc.change_certificate_state(ctx, admin, "zhang", "recalled", date(2026, 3, 1), "辞去公职")
    svc.change_certificate_state(ctx, admin, "zhang", "cancelled", date(2026, 3, 1), "已申请注销")
    [gap] = svc.find_certificate_gaps(ctx, ["zhang"], date(2026, 3, 1))
    assert gap.reason.endswith("已于 2026-03-01 注销")
    for state in ("valid", "recalled", "confiscated"):
        with pytest.raises(Refused, match="已注销"):
            svc.change_certificate_state(ctx, admin, "14110001", state, date(2026, 4, 1), "再变更")


def test_confiscated_then_cancelled(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    svc.change_certificate_state(ctx, admin, "zhang", "confiscated", date(2026, 3, 1), "被辞退")
    [gap] = svc.find_certificate_gaps(ctx, ["zhang"], date(2026, 3, 2))
    assert gap.reason == "张三的执法证（编号14110001）已于 2026-03-01 收缴"
    with pytest.raises(Refused, match="不能恢复有效"):
        svc.change_certificate_state(ctx, admin, "zhang", "valid", date(2026, 3, 2), "误操作")
    info = svc.change_certificate_state(ctx, admin, "zhang", "cancelled", date(2026, 3, 5), "注销")
    assert info.state_label == "已注销"


def test_valid_cannot_be_cancelled_directly(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    with pytest.raises(Refused, match="须先收回或收缴"):
        svc.change_certificate_state(ctx, admin, "zhang", "cancelled", date(2026, 3, 1), "注销")
    assert _audit(ctx, "certificate.state") == []


def test_same_state_refused(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    with pytest.raises(Refused, match="已是“有效”"):
        svc.change_certificate_state(ctx, admin, "zhang", "valid", date(2026, 3, 1), "x")


def test_state_change_requires_reason(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    with pytest.raises(InvalidInput, match="原因"):
        svc.change_certificate_state(ctx, admin, "zhang", "recalled", date(2026, 3, 1), "  ")


def test_state_change_unknown_state(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    with pytest.raises(InvalidInput, match="证件状态"):
        svc.change_certificate_state(ctx, admin, "zhang", "lost", date(2026, 3, 1), "遗失")


def test_state_change_accepts_chinese_state(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    assert (
        svc.change_certificate_state(ctx, admin, "zhang", "收回", date(2026, 3, 1), "调动").state
        == "recalled"
    )


def test_state_change_not_in_future_nor_before_last_change(
    ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo
) -> None:
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        svc.change_certificate_state(ctx, admin, "zhang", "recalled", date(2026, 11, 24), "退休")
    svc.change_certificate_state(ctx, admin, "zhang", "recalled", date(2026, 3, 1), "调动")
    with pytest.raises(InvalidInput, match="不能早于"):
        svc.change_certificate_state(ctx, admin, "zhang", "cancelled", date(2026, 2, 1), "注销")


def test_state_change_refused_for_non_admin(ctx: AppContext, officer_actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        svc.change_certificate_state(ctx, officer_actor, "zhang", "recalled", date(2026, 3, 1), "x")


def test_several_certificates_pick_the_one_in_force(
    ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo
) -> None:
    # An old certificate, already recalled and cancelled, and the current one.
    svc.add_certificate(ctx, admin, "zhang", "OLD-1", "综合", "省政府", date(2020, 1, 1), date(2023, 12, 31))
    svc.change_certificate_state(ctx, admin, "OLD-1", "recalled", date(2023, 12, 31), "换证")
    svc.change_certificate_state(ctx, admin, "OLD-1", "cancelled", date(2024, 1, 5), "换证注销")
    info = svc.change_certificate_state(ctx, admin, "zhang", "recalled", date(2026, 3, 1), "调动")
    assert info.number == "14110001"


def test_several_valid_certificates_require_a_number(
    ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo
) -> None:
    svc.add_certificate(ctx, admin, "zhang", "SECOND", "综合", "省政府", date(2025, 1, 1), date(2028, 1, 1))
    with pytest.raises(InvalidInput, match="请用证件编号指明"):
        svc.change_certificate_state(ctx, admin, "zhang", "recalled", date(2026, 3, 1), "调动")
    info = svc.change_certificate_state(ctx, admin, "SECOND", "recalled", date(2026, 3, 1), "调动")
    assert info.number == "SECOND"
    # One certificate still in force: the officer stays certified.
    assert svc.certified_on(ctx, zhang.id, date(2026, 3, 2))


# --- gaps for the case workflow -------------------------------------------------------------------


def test_gaps_for_a_list_of_officers(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    add_user(ctx, admin, "clerk", name="赵六", roles="archive_clerk", password="clerk-pass-1")
    li = svc.add_officer(ctx, admin, "李四")
    gaps = svc.find_certificate_gaps(ctx, ["zhang", li.id, "clerk", "ghost"], date(2026, 11, 23))
    assert [g.ref for g in gaps] == [li.id, "clerk", "ghost"]
    assert gaps[0].reason == "李四没有登记执法证"
    assert "未登记为执法人员" in gaps[1].reason
    assert gaps[1].officer_id is None
    assert "不是已登记的执法人员" in gaps[2].reason


def test_require_certified_inside_a_unit_of_work(
    ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo
) -> None:
    li = svc.add_officer(ctx, admin, "李四")
    with ctx.read() as session:
        svc.require_certified(session, ["zhang"], date(2026, 11, 23))
        with pytest.raises(Refused, match="李四没有登记执法证") as info:
            svc.require_certified(session, ["zhang", li.id], date(2026, 11, 23))
    assert "第四十二条" in str(info.value)


# --- expiring -------------------------------------------------------------------------------------


def test_expiring_within_window(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    # 14110001 ends 2027-01-10: 48 days after 2026-11-23.
    [item] = svc.expiring_certificates(ctx, date(2026, 11, 23))
    assert (item.number, item.days_left, item.officer_name) == ("14110001", 48, "张三")
    assert svc.expiring_certificates(ctx, date(2026, 11, 23), days=47) == []
    assert len(svc.expiring_certificates(ctx, date(2026, 11, 23), days=48)) == 1
    assert svc.expiring_certificates(ctx, date(2027, 1, 11)) == []  # already expired


def test_expiring_skips_renewed_and_recalled(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    svc.add_certificate(ctx, admin, "zhang", "NEW-1", "综合", "省政府", date(2027, 1, 1), date(2030, 1, 1))
    assert svc.expiring_certificates(ctx, date(2026, 11, 23)) == []


def test_expiring_skips_recalled(ctx: AppContext, admin: Actor, zhang: svc.OfficerInfo) -> None:
    svc.change_certificate_state(ctx, admin, "zhang", "recalled", date(2026, 11, 1), "调动")
    assert svc.expiring_certificates(ctx, date(2026, 11, 23)) == []


def test_roles_other_than_admin_can_read(ctx: AppContext, officer_actor: Actor) -> None:
    assert Role.ADMIN not in officer_actor.roles
    assert svc.list_officers(ctx, date(2026, 11, 23))[0].login == "zhang"
