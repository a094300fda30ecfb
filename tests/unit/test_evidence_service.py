"""Evidence through the services: adding (who, when, with which camera), the same file twice, damaged
images, custody entries, removal under the retention rule, fixity, and what interrupted imports leave."""

# ruff: noqa: F811 - the fixtures below come from tests/workflow/conftest.py and are parameters here
from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from desktop_app.clock import SHANGHAI, Clock
from desktop_app.services import evidence as ev
from desktop_app.services import evidence_custody as custody_service
from desktop_app.services import evidence_fixity as fixity
from desktop_app.services import officers as officers_service
from desktop_app.services.actor import Actor
from desktop_app.services.bootstrap import open_context
from desktop_app.services.cases.queries import show_case
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, PermissionDenied, Refused
from desktop_app.services.verify import verify
from desktop_app.store.models import AuditRecord, Case, EvidenceItem
from tests.workflow.conftest import Walker, at, demo, proof, walker, who  # noqa: F401 - fixtures

Who = Callable[[str], Actor]


def photo(tmp_path: Path, name: str = "现场照片.jpg", seed: int = 1) -> Path:
    img = Image.new("RGB", (320, 240), (seed * 40 % 255, 120, 60))
    out = io.BytesIO()
    img.save(out, "JPEG")
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def truncated(tmp_path: Path) -> Path:
    data = photo(tmp_path, "whole.jpg", seed=3).read_bytes()
    path = tmp_path / "截断.jpg"
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.fixture
def case_id(walker: Walker) -> str:
    walker.new(on="2026-11-02 09:00")
    return walker.case_id


def audit(ctx: AppContext, action: str) -> list[AuditRecord]:
    with ctx.read() as s:
        return list(s.scalars(select(AuditRecord).where(AuditRecord.action == action).order_by(AuditRecord.seq)))


def stored_files(ctx: AppContext) -> list[Path]:
    root = ctx.data_dir.evidence
    return [p for p in root.rglob("*") if p.is_file() and p.parent.name != "incoming"]


def set_case(ctx: AppContext, case_id: str, **values: object) -> None:
    with ctx.write(Actor.system()) as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        for key, value in values.items():
            setattr(case, key, value)


# ---------------------------------------------------------------------------------------------------
# Adding


def test_files_are_numbered_in_the_case_list_and_audited(demo: AppContext, who: Who, case_id: str,
                                                         tmp_path: Path) -> None:
    files = [photo(tmp_path, "a.jpg", 1), photo(tmp_path, "b.jpg", 2)]
    result = ev.add_evidence(demo, who("demo-officer1"), case_id, files,
                             ev.EvidenceInput(type="书证", place="保贤村", collected_at=at("2026-11-02 10:00")))
    assert [(i.number, i.title, i.type, i.type_label) for i in result.items] == [
        (1, "a", "documentary", "书证"), (2, "b", "documentary", "书证")]
    item = result.items[0]
    assert item.mime_type == "image/jpeg" and item.size == files[0].stat().st_size
    assert item.collected_by == "demo-officer1" and item.collected_by_name == "执法员甲"
    assert item.place == "保贤村" and item.flags == []
    more = ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path, "c.jpg", 3)],
                           ev.EvidenceInput(type="physical", title="焚烧残留物"))
    assert more.items[0].number == 3 and more.items[0].title == "焚烧残留物"
    records = audit(demo, "evidence.add")
    assert len(records) == 3
    assert {r.case_id for r in records} == {case_id}
    assert records[0].after["sha256"] == item.sha256


def test_the_same_file_twice_is_stored_once_and_referenced_twice(demo: AppContext, who: Who, case_id: str,
                                                                 tmp_path: Path) -> None:
    file = photo(tmp_path)
    first = ev.add_evidence(demo, who("demo-officer1"), case_id, [file], ev.EvidenceInput(type="书证"))
    second = ev.add_evidence(demo, who("demo-officer1"), case_id, [file], ev.EvidenceInput(type="视听资料"))
    assert first.items[0].sha256 == second.items[0].sha256
    assert [first.items[0].number, second.items[0].number] == [1, 2]
    assert "与本案证据第 1 号是同一文件" in second.warnings[0]
    assert len(stored_files(demo)) == 1
    assert len(ev.list_evidence(demo, who("demo-officer1"), case_id)) == 2


def test_a_truncated_image_is_kept_as_it_is_and_flagged(demo: AppContext, who: Who, case_id: str,
                                                        tmp_path: Path) -> None:
    bad = truncated(tmp_path)
    result = ev.add_evidence(demo, who("demo-officer1"), case_id, [bad], ev.EvidenceInput(type="书证"))
    item = result.items[0]
    assert item.flags == ["corrupt_image"]
    assert "image file is truncated" in item.flag_note and "原件已按原样保存" in item.flag_note
    assert "截断.jpg" in result.warnings[0]
    assert ev.store_of(demo).path_for(item.sha256).read_bytes() == bad.read_bytes()
    assert custody_service.thumbnail(demo, item) is None
    opened = custody_service.view_image(demo, who("demo-officer1"), item.id)
    assert opened.path is None  # the viewer says why instead of decoding a damaged file


def test_audiovisual_evidence_takes_the_collectors_body_camera(demo: AppContext, who: Who, case_id: str,
                                                               tmp_path: Path) -> None:
    video = tmp_path / "DSJ_0001.MP4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(4096))
    item = ev.add_evidence(demo, who("demo-officer1"), case_id, [video], ev.EvidenceInput(type="视听资料")).items[0]
    assert item.mime_type == "video/mp4" and item.is_media
    officer = officers_service.resolve_officer(demo, "demo-officer1")
    assert item.device == officer.body_camera_no
    other = officers_service.resolve_officer(demo, "demo-officer2").body_camera_no
    assert other is not None
    named = ev.add_evidence(demo, who("demo-officer1"), case_id, [video],
                            ev.EvidenceInput(type="视听资料", device=other)).items[0]
    assert named.device == other


def test_an_unregistered_camera_is_refused(demo: AppContext, who: Who, case_id: str, tmp_path: Path) -> None:
    with pytest.raises(Refused, match=r"执法记录仪编号“X-999”未配发.*文司发〔2024〕4号 第十条"):
        ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path)],
                        ev.EvidenceInput(type="视听资料", device="X-999"))
    assert stored_files(demo) == []


def test_only_the_cases_officers_or_a_team_lead_add_evidence(demo: AppContext, who: Who, case_id: str,
                                                             tmp_path: Path) -> None:
    file = photo(tmp_path)
    with pytest.raises(PermissionDenied, match="本案的承办执法人员或执法队长"):
        ev.add_evidence(demo, who("demo-officer2"), case_id, [file], ev.EvidenceInput(type="书证"))
    with pytest.raises(PermissionDenied, match="执法人员或执法队长"):
        ev.add_evidence(demo, who("demo-supervisor"), case_id, [file], ev.EvidenceInput(type="书证"))
    assert ev.why_not_add(demo, who("demo-officer2"), case_id) is not None
    lead = ev.add_evidence(demo, who("demo-lead"), case_id, [file],
                           ev.EvidenceInput(type="书证", collected_by="demo-officer1"))
    assert lead.items[0].collected_by == "demo-officer1" and lead.items[0].added_by == "demo-lead"
    assert ev.why_not_add(demo, who("demo-officer1"), case_id) is None
    assert stored_files(demo) != []


def test_the_collector_must_hold_a_valid_certificate_that_day(demo: AppContext, who: Who, case_id: str,
                                                              tmp_path: Path) -> None:
    officers_service.change_certificate_state(demo, who("demo-admin"), "demo-officer1", "recalled",
                                              date(2026, 11, 10), "调离执法岗位")
    with pytest.raises(Refused, match=r"取证人须在取证之日（2026-11-20）持有效执法证.*收回.*行政处罚法第四十二条"):
        ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path)],
                        ev.EvidenceInput(type="书证", collected_at=at("2026-11-20 09:00")))
    earlier = ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path)],
                              ev.EvidenceInput(type="书证", collected_at=at("2026-11-05 09:00")))
    assert earlier.items[0].number == 1


def test_bad_input_names_the_field(demo: AppContext, who: Who, case_id: str, tmp_path: Path) -> None:
    officer = who("demo-officer1")
    with pytest.raises(InvalidInput, match="证据类型“照片”无效"):
        ev.add_evidence(demo, officer, case_id, [photo(tmp_path)], ev.EvidenceInput(type="照片"))
    with pytest.raises(InvalidInput, match="取证时间不能晚于现在"):
        ev.add_evidence(demo, officer, case_id, [photo(tmp_path)],
                        ev.EvidenceInput(type="书证", collected_at=at("2026-12-01 09:00")))
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match="证据文件为空"):
        ev.add_evidence(demo, officer, case_id, [empty], ev.EvidenceInput(type="书证"))
    with pytest.raises(InvalidInput, match="证据文件不存在"):
        ev.add_evidence(demo, officer, case_id, [tmp_path / "missing.jpg"], ev.EvidenceInput(type="书证"))
    with pytest.raises(InvalidInput, match="取证人“nobody”不是本系统的有效用户"):
        ev.add_evidence(demo, officer, case_id, [photo(tmp_path)],
                        ev.EvidenceInput(type="书证", collected_by="nobody"))


def test_no_evidence_is_added_to_a_closed_case(demo: AppContext, who: Who, case_id: str, tmp_path: Path) -> None:
    set_case(demo, case_id, state="closed", closed_on=date(2026, 11, 20))
    with pytest.raises(Refused, match="案件已办结（状态：已结案），不能再登记证据"):
        ev.add_evidence(demo, who("demo-lead"), case_id, [photo(tmp_path)], ev.EvidenceInput(type="书证"))


def test_a_cancelled_import_leaves_no_file_and_no_record(demo: AppContext, who: Who, case_id: str,
                                                         tmp_path: Path) -> None:
    big = tmp_path / "video.mp4"
    big.write_bytes(os.urandom(12 * 1024 * 1024))
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(ev.ImportCancelledError, match="已取消导入"):
        ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path), big],
                        ev.EvidenceInput(type="视听资料"), cancelled=cancelled)
    assert stored_files(demo) == []
    assert list((demo.data_dir.evidence / "incoming").iterdir()) == []
    assert ev.list_evidence(demo, who("demo-officer1"), case_id) == []


def test_a_refusal_at_recording_time_removes_the_copied_files(demo: AppContext, who: Who, case_id: str,
                                                              tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    real = ev._check_add
    calls: list[int] = []

    def second_check_fails(*args: object) -> object:
        calls.append(1)
        if len(calls) == 2:  # the case was closed while the files were copied
            raise Refused("案件已结案，不能再登记证据")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(ev, "_check_add", second_check_fails)
    with pytest.raises(Refused):
        ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path)], ev.EvidenceInput(type="书证"))
    assert stored_files(demo) == []
    assert list((demo.data_dir.evidence / "incoming").iterdir()) == []


def test_progress_reaches_the_total(demo: AppContext, who: Who, case_id: str, tmp_path: Path) -> None:
    big = tmp_path / "video.mp4"
    big.write_bytes(os.urandom(9 * 1024 * 1024))
    seen: list[tuple[int, int]] = []
    ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path), big],
                    ev.EvidenceInput(type="视听资料"), progress=lambda d, t: seen.append((d, t)))
    total = big.stat().st_size + photo(tmp_path).stat().st_size
    assert seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


# ---------------------------------------------------------------------------------------------------
# Custody


def test_opening_exporting_printing_and_packaging_are_custody_records(demo: AppContext, who: Who, case_id: str,
                                                                      tmp_path: Path) -> None:
    item = ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path)],
                           ev.EvidenceInput(type="书证")).items[0]
    listed = ev.list_evidence(demo, who("demo-supervisor"), case_id)
    assert custody_service.thumbnail(demo, listed[0]) is not None
    assert audit(demo, "evidence.open") == []  # a list and its thumbnails are not an opening
    opened = custody_service.open_evidence(demo, who("demo-officer1"), item.id)
    assert opened.path is not None and opened.path.name == "现场照片.jpg"
    assert opened.path.read_bytes() == photo(tmp_path).read_bytes()
    viewed = custody_service.view_image(demo, who("demo-supervisor"), item.id)
    assert viewed.path is not None and viewed.path.suffix == ".png"
    target = custody_service.export_evidence(demo, who("demo-officer1"), item.id, tmp_path / "out.jpg")
    assert target.read_bytes() == photo(tmp_path).read_bytes()
    custody_service.record_custody(demo, who("demo-officer1"), item.id, "print", "打印证据清单")
    custody_service.record_custody(demo, who("demo-officer1"), item.id, "package", "上报县平台")
    opens = audit(demo, "evidence.open")
    assert [(r.actor, r.case_id, r.entity_id, r.after["how"]) for r in opens] == [
        ("demo-officer1", case_id, item.id, "system_program"), ("demo-supervisor", case_id, item.id, "viewer")]
    (export,) = audit(demo, "evidence.export")
    assert export.after["to"] == str(target) and export.case_id == case_id
    assert audit(demo, "evidence.print")[0].after["note"] == "打印证据清单"
    assert audit(demo, "evidence.package")[0].case_id == case_id
    with pytest.raises(InvalidInput, match="导出位置已有同名文件"):
        custody_service.export_evidence(demo, who("demo-officer1"), item.id, target)


def test_anonymous_readers_cannot_open_and_strangers_cannot_see(demo: AppContext, who: Who, case_id: str,
                                                                tmp_path: Path) -> None:
    item = ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path)],
                           ev.EvidenceInput(type="书证")).items[0]
    with pytest.raises(PermissionDenied, match="保管链"):
        custody_service.open_evidence(demo, Actor.anonymous_reader(), item.id)
    with pytest.raises(PermissionDenied, match="无权查看"):
        custody_service.open_evidence(demo, who("demo-officer2"), item.id)
    with pytest.raises(PermissionDenied, match="无权查看"):
        ev.list_evidence(demo, who("demo-admin"), case_id)
    assert audit(demo, "evidence.open") == []


# ---------------------------------------------------------------------------------------------------
# Removal


def test_removal_is_refused_while_the_case_is_open(demo: AppContext, who: Who, case_id: str,
                                                   tmp_path: Path) -> None:
    item = ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path)],
                           ev.EvidenceInput(type="书证")).items[0]
    with pytest.raises(Refused, match=r"不能删除证据第 1 号：案件尚未归档.*行政处罚法第四十七条"):
        ev.remove_evidence(demo, who("demo-officer1"), item.id, "拍错了")
    set_case(demo, case_id, state="closed", closed_on=date(2026, 11, 20))
    with pytest.raises(Refused, match="尚未归档"):
        ev.remove_evidence(demo, who("demo-clerk"), item.id, "结案")


def test_an_archived_ordinary_case_keeps_its_evidence_permanently(demo: AppContext, who: Who, case_id: str,
                                                                  tmp_path: Path) -> None:
    item = ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path)],
                           ev.EvidenceInput(type="书证")).items[0]
    set_case(demo, case_id, state="archived", archived_on=date(2026, 11, 21))
    with pytest.raises(Refused, match=r"永久保存.*国家档案局第8号令"):
        ev.remove_evidence(demo, who("demo-clerk"), item.id, "保管期限届满")


def test_after_the_retention_period_the_clerk_removes_with_a_reason(demo: AppContext, who: Who, case_id: str,
                                                                    tmp_path: Path) -> None:
    a = photo(tmp_path, "a.jpg", 1)
    shared = photo(tmp_path, "b.jpg", 2)
    items = ev.add_evidence(demo, who("demo-officer1"), case_id, [a, shared], ev.EvidenceInput(type="书证")).items
    other = Walker(demo, who, tmp_path / "p.jpg")
    other.new(on="2026-11-03 09:00")
    ev.add_evidence(demo, who("demo-officer1"), other.case_id, [shared], ev.EvidenceInput(type="书证"))
    set_case(demo, case_id, state="archived", procedure="simple", archived_on=date(2026, 11, 21))
    with pytest.raises(Refused, match="保管期限为 30 年，至 2056-11-21 届满"):
        ev.remove_evidence(demo, who("demo-clerk"), items[0].id, "保管期限届满")
    later = AppContext(demo.db, demo.data_dir, Clock(datetime(2056, 11, 22, 9, 0, tzinfo=SHANGHAI)))
    with pytest.raises(InvalidInput, match="须填写删除原因"):
        ev.remove_evidence(later, who("demo-clerk"), items[0].id, " ")
    with pytest.raises(PermissionDenied, match="档案员"):
        ev.remove_evidence(later, who("demo-officer1"), items[0].id, "保管期限届满")
    removed = ev.remove_evidence(later, who("demo-clerk"), items[0].id, "保管期限届满，经批准销毁")
    assert removed.removed and removed.removal_reason == "保管期限届满，经批准销毁"
    assert removed.removed_by == "demo-clerk"
    assert not ev.store_of(demo).path_for(items[0].sha256).exists()  # destroyed: nothing else uses it
    ev.remove_evidence(later, who("demo-clerk"), items[1].id, "保管期限届满，经批准销毁")
    assert ev.store_of(demo).path_for(items[1].sha256).exists()  # still evidence of the other case
    listed = ev.list_evidence(later, who("demo-clerk"), case_id)
    assert [(i.number, i.removed) for i in listed] == [(1, True), (2, True)]  # numbers stay, no gaps
    (record, _) = audit(demo, "evidence.remove")
    assert record.after == {"removed_by": "demo-clerk", "reason": "保管期限届满，经批准销毁"}
    assert verify(later).ok
    with pytest.raises(Refused, match="证据第 1 号已于 2056-11-22 删除"):
        custody_service.open_evidence(later, who("demo-clerk"), items[0].id)


# ---------------------------------------------------------------------------------------------------
# Fixity and start-up


def test_flipped_byte_missing_file_and_stray_file_are_each_reported(demo: AppContext, who: Who, case_id: str,
                                                                    tmp_path: Path) -> None:
    items = ev.add_evidence(demo, who("demo-officer1"), case_id,
                            [photo(tmp_path, "a.jpg", 1), photo(tmp_path, "b.jpg", 2), photo(tmp_path, "c.jpg", 3)],
                            ev.EvidenceInput(type="书证")).items
    assert fixity.last_fixity(demo) is None
    clean = fixity.verify_store(demo)
    assert clean.ok and clean.checked == 3
    assert fixity.last_fixity(demo) is not None
    store = ev.store_of(demo)
    flipped = store.path_for(items[0].sha256)
    flipped.chmod(0o644)
    data = bytearray(flipped.read_bytes())
    data[len(data) // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    gone = store.path_for(items[1].sha256)
    gone.chmod(0o644)
    gone.unlink()
    (demo.data_dir.evidence / "ab").mkdir(exist_ok=True)
    (demo.data_dir.evidence / "ab" / "stray.bin").write_bytes(b"not evidence")
    result = fixity.verify_store(demo)
    assert [f.file for f in result.of("altered")] == [items[0].sha256]
    assert [f.file for f in result.of("missing")] == [items[1].sha256]
    assert [f.file for f in result.of("untracked")] == ["ab/stray.bin"]
    assert "证据第 1 号《a》" in result.of("altered")[0].message
    assert result.of("missing")[0].evidence_ids == [items[1].id]
    status = fixity.last_fixity(demo)
    assert status is not None and status.problems == 3 and not status.ok
    report = verify(demo)
    assert not report.ok and "evidence" in report.checks
    assert len([p for p in report.problems if p.check == "evidence"]) == 3


def test_proofs_of_service_in_the_store_are_not_untracked(demo: AppContext, who: Who, walker: Walker,
                                                          tmp_path: Path) -> None:
    from desktop_app.store.models import Attachment

    sha = ev.store_of(demo).add_bytes(b"scan of a receipt").sha256
    with demo.write(Actor.system()) as uow:
        case_id = walker.new(on="2026-11-02 09:00")
        uow.session.add(Attachment(case_id=case_id, purpose="service_proof", original_name="回证.jpg", sha256=sha,
                                   size=17, added_at=uow.now, added_by="demo-officer1"))
    assert fixity.verify_store(demo).ok


def test_starting_again_sweeps_what_a_killed_import_left(demo: AppContext, who: Who, case_id: str,
                                                         tmp_path: Path) -> None:
    store = ev.store_of(demo)
    store.incoming.mkdir(parents=True, exist_ok=True)
    (store.incoming / "0123abcd.part").write_bytes(b"half a video")
    orphan = store.add_file(photo(tmp_path, "orphan.jpg", 5), hold=True)  # placed, never recorded
    assert orphan.pending is not None
    os.close(orphan.pending.fd or -1)
    orphan.pending.fd = None
    root = demo.data_dir.root
    again = open_context(root, clock=demo.clock)
    try:
        assert list(store.incoming.iterdir()) == []
        assert not store.path_for(orphan.sha256).exists()
        assert fixity.verify_store(again).ok
    finally:
        again.db.dispose()


def test_case_show_lists_the_evidence(demo: AppContext, who: Who, case_id: str, tmp_path: Path) -> None:
    ev.add_evidence(demo, who("demo-officer1"), case_id, [photo(tmp_path)], ev.EvidenceInput(type="物证"))
    detail = show_case(demo, who("demo-officer1"), case_id)
    (row,) = detail.evidence
    assert row["kind"] == "evidence" and row["number"] == 1 and row["type_label"] == "物证"
    assert row["name"] == "现场照片.jpg" and row["purpose"] == "物证" and not row["removed"]
    with demo.read() as s:
        assert s.scalar(select(EvidenceItem.sha256)) == row["sha256"]
