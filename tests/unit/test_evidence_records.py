"""Full-process records (全过程记录): inspection and interview 笔录 in structured form, the officers'
certificates as of that day, signature status, and recordings linked to the step they record."""

# ruff: noqa: F811 - the fixtures below come from tests/workflow/conftest.py and are parameters here
from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop_app.services import evidence as ev
from desktop_app.services import officers as officers_service
from desktop_app.services import records as rec
from desktop_app.services.actor import Actor
from desktop_app.services.cases.queries import show_case
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, PermissionDenied, Refused
from desktop_app.store.models import AuditRecord
from tests.workflow.conftest import Walker, at, demo, proof, walker, who  # noqa: F401 - fixtures

Who = Callable[[str], Actor]

INTERVIEW: dict[str, Any] = {
    "persons_present": [{"name": "王某某", "role": "被询问人", "id_number": "142322198001010010"}],
    "questions": [{"q": "我们是刘胡兰镇综合行政执法队的执法人员，这是我们的执法证件，你看清楚了吗？", "a": "看清楚了。"},
                  {"q": "11月1日在保贤村焚烧秸秆的是你吗？", "a": "是我。"}],
    "signature": "signed",
    "ended_at": "2026-11-02T10:40",
    "案由": "露天焚烧秸秆",
}


@pytest.fixture
def case_id(walker: Walker) -> str:
    walker.new(on="2026-11-02 09:00")
    return walker.case_id


def interview(data: dict[str, Any] | None = None, officers: list[str] | None = None,
              on: str = "2026-11-02 10:00") -> rec.RecordInput:
    return rec.record_input_from_json(data if data is not None else INTERVIEW, kind="interview", on=at(on),
                                      officers=officers or ["demo-officer1", "demo-officer2"], place="刘胡兰镇政府")


def test_an_interview_keeps_questions_persons_and_the_certificates_of_that_day(demo: AppContext, who: Who,
                                                                              case_id: str) -> None:
    record = rec.add_record(demo, who("demo-officer1"), case_id, interview())
    assert record.kind == "interview" and record.kind_label == "询问（调查）笔录"
    assert [(o.login, o.certificate_number) for o in record.officers] == [
        ("demo-officer1", officers_service.resolve_officer(demo, "demo-officer1").certificate_number),
        ("demo-officer2", officers_service.resolve_officer(demo, "demo-officer2").certificate_number)]
    assert record.questions[1] == {"q": "11月1日在保贤村焚烧秸秆的是你吗？", "a": "是我。"}
    assert record.persons_present[0]["name"] == "王某某"
    assert record.signature_label == "已签名" and record.certificates_shown
    assert record.extra == {"案由": "露天焚烧秸秆"}
    assert record.ended_at == at("2026-11-02 10:40")
    listed = rec.list_records(demo, who("demo-supervisor"), case_id)
    assert [r.id for r in listed] == [record.id]
    with demo.read() as s:
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "record.add"))
    assert audit is not None and audit.case_id == case_id and audit.entity_id == record.id


def test_an_inspection_needs_its_findings(demo: AppContext, who: Who, case_id: str) -> None:
    with pytest.raises(InvalidInput, match="检查（勘验）情况"):
        rec.add_record(demo, who("demo-officer1"), case_id, rec.RecordInput(
            kind="inspection", on=at("2026-11-02 09:30"), officers=["demo-officer1", "demo-officer2"],
            place="保贤村"))
    record = rec.add_record(demo, who("demo-officer1"), case_id, rec.RecordInput(
        kind="inspection", on=at("2026-11-02 09:30"), officers=["demo-officer1", "demo-officer2"], place="保贤村",
        text="现场有焚烧痕迹约 20 平方米", persons_present=[{"name": "王某某", "role": "当事人"}]))
    assert record.kind_label == "现场检查（勘验）笔录" and record.text.startswith("现场有焚烧痕迹")


def test_at_least_two_certified_officers(demo: AppContext, who: Who, case_id: str) -> None:
    with pytest.raises(Refused, match=r"至少两名执法人员.*行政处罚法第四十二条"):
        rec.add_record(demo, who("demo-officer1"), case_id, interview(officers=["demo-officer1", "DEMO-OFFICER1"]))
    with pytest.raises(Refused, match=r"“demo-clerk”.*未登记为执法人员"):
        rec.add_record(demo, who("demo-officer1"), case_id, interview(officers=["demo-officer1", "demo-clerk"]))
    officers_service.change_certificate_state(demo, who("demo-admin"), "demo-officer2", "recalled",
                                              date(2026, 11, 1), "调离执法岗位")
    with pytest.raises(Refused, match=r"2026-11-02 持有效执法证：执法员乙的执法证（编号\d+）已于 2026-11-01 收回"):
        rec.add_record(demo, who("demo-officer1"), case_id, interview())
    assert rec.list_records(demo, who("demo-officer1"), case_id) == []


def test_a_refused_signature_needs_the_circumstances(demo: AppContext, who: Who, case_id: str) -> None:
    refused = {**INTERVIEW, "signature": "refused"}
    with pytest.raises(InvalidInput, match="当事人拒绝签名的，须在签名情况说明中注明情形"):
        rec.add_record(demo, who("demo-officer1"), case_id, interview(refused))
    record = rec.add_record(demo, who("demo-officer1"), case_id,
                            interview({**refused, "signature_note": "拒绝签名，村委会李某见证，已录像"}))
    assert record.signature == "refused" and record.signature_label == "拒绝签名"


@pytest.mark.parametrize(("data", "message"), [
    ([], "应为一个 JSON 对象"),
    ({"questions": [{"q": "问"}]}, "questions 第 1 项缺少“答”"),
    ({"questions": "问答"}, "questions（问答）应为列表"),
    ({"persons_present": ["王某某"]}, "persons_present（在场人员）应为对象的列表"),
    ({"certificates_shown": "yes"}, "certificates_shown"),
    ({"ended_at": "昨天"}, "结束时间格式"),
])
def test_a_bad_record_file_names_what_is_wrong(data: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        rec.record_input_from_json(data, kind="interview", on=None, officers=[], place="x")


def test_an_interview_needs_a_person_and_questions(demo: AppContext, who: Who, case_id: str) -> None:
    with pytest.raises(InvalidInput, match="被询问人"):
        rec.add_record(demo, who("demo-officer1"), case_id, interview({**INTERVIEW, "persons_present": []}))
    with pytest.raises(InvalidInput, match="须有问答"):
        rec.add_record(demo, who("demo-officer1"), case_id, interview({**INTERVIEW, "questions": []}))
    with pytest.raises(InvalidInput, match="不能晚于现在"):
        rec.add_record(demo, who("demo-officer1"), case_id, interview(on="2026-12-02 10:00"))
    with pytest.raises(InvalidInput, match="结束时间不能早于开始时间"):
        rec.add_record(demo, who("demo-officer1"), case_id, interview({**INTERVIEW, "ended_at": "2026-11-02T09:00"}))


def test_only_the_cases_officers_record(demo: AppContext, who: Who, case_id: str) -> None:
    with pytest.raises(PermissionDenied):
        rec.add_record(demo, who("demo-officer3"), case_id, interview())
    with pytest.raises(PermissionDenied):
        rec.add_record(demo, who("demo-reviewer"), case_id, interview())


def test_a_recording_is_linked_to_the_step_it_records(demo: AppContext, who: Who, case_id: str,
                                                      tmp_path: Path) -> None:
    record = rec.add_record(demo, who("demo-officer1"), case_id, interview())
    video = tmp_path / "询问录像.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(2048))
    item = ev.add_evidence(demo, who("demo-officer1"), case_id, [video],
                           ev.EvidenceInput(type="视听资料", record_id=record.id)).items[0]
    assert item.record_id == record.id
    (listed,) = rec.list_records(demo, who("demo-officer1"), case_id)
    assert [e["number"] for e in listed.evidence] == [1]
    photo = tmp_path / "书证.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 scan")
    paper = ev.add_evidence(demo, who("demo-officer1"), case_id, [photo], ev.EvidenceInput(type="书证")).items[0]
    with pytest.raises(Refused, match="只有视听资料可以关联到笔录"):
        ev.link_to_record(demo, who("demo-officer1"), paper.id, record.id)
    assert ev.link_to_record(demo, who("demo-officer1"), item.id, None).record_id is None
    assert ev.link_to_record(demo, who("demo-officer1"), item.id, record.id).record_id == record.id
    with pytest.raises(InvalidInput, match="不存在或不属于本案"):
        ev.add_evidence(demo, who("demo-officer1"), case_id, [video],
                        ev.EvidenceInput(type="视听资料", record_id="no-such-record"))
    detail = show_case(demo, who("demo-officer1"), case_id)
    (row,) = detail.records
    assert row["kind_label"] == "询问（调查）笔录" and row["evidence"][0]["id"] == item.id
    assert row["officers"][0]["certificate_number"] is not None
