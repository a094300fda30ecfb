"""The evidence kinds of 行政处罚法第四十六条 and the removal (retention) rule, pure."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.evidence import (
    EvidenceType,
    RecordKind,
    SignatureStatus,
    parse_evidence_type,
    parse_record_kind,
    parse_signature,
    removal_rule,
    retention_ends,
)


@pytest.mark.parametrize(("text", "kind"), [
    ("documentary", EvidenceType.DOCUMENTARY), ("书证", EvidenceType.DOCUMENTARY),
    ("物证", EvidenceType.PHYSICAL), ("视听资料", EvidenceType.AUDIOVISUAL), ("电子数据", EvidenceType.ELECTRONIC),
    ("证人证言", EvidenceType.WITNESS), ("当事人陈述", EvidenceType.STATEMENT),
    ("当事人的陈述", EvidenceType.STATEMENT), ("鉴定意见", EvidenceType.EXPERT),
    ("勘验笔录", EvidenceType.INSPECTION), ("现场笔录", EvidenceType.INSPECTION),
    ("勘验笔录/现场笔录", EvidenceType.INSPECTION), (" Inspection ", EvidenceType.INSPECTION),
])
def test_evidence_type_by_code_or_chinese_name(text: str, kind: EvidenceType) -> None:
    assert parse_evidence_type(text) == kind


def test_unknown_evidence_type_names_the_known_ones_and_the_article() -> None:
    with pytest.raises(ValueError, match=r"证据类型“照片”无效.*书证.*行政处罚法第四十六条"):
        parse_evidence_type("照片")


def test_record_kinds_and_signatures() -> None:
    assert parse_record_kind("询问笔录") == RecordKind.INTERVIEW
    assert parse_record_kind("inspection") == RecordKind.INSPECTION
    assert parse_signature("拒绝签名") == SignatureStatus.REFUSED
    assert parse_signature("unable") == SignatureStatus.UNABLE
    with pytest.raises(ValueError, match="签名情况"):
        parse_signature("maybe")


TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("state", ["clue", "investigating", "decided", "executing", "closed", "withdrawn"])
def test_no_removal_before_the_case_file_is_archived(state: str) -> None:
    verdict = removal_rule(state, "状态", "ordinary", None, TODAY)
    assert not verdict.allowed
    assert "尚未归档" in (verdict.reason or "") and verdict.article == "行政处罚法第四十七条"


def test_ordinary_procedure_files_are_kept_permanently() -> None:
    verdict = removal_rule("archived", "已归档", "ordinary", date(1990, 1, 1), TODAY)
    assert not verdict.allowed and "永久保存" in (verdict.reason or "")
    assert retention_ends("ordinary", date(2020, 1, 1)) is None


def test_simple_procedure_files_only_after_thirty_years() -> None:
    archived = date(2020, 2, 29)
    assert retention_ends("simple", archived) == date(2050, 2, 28)
    refused = removal_rule("archived", "已归档", "simple", archived, date(2050, 2, 28))
    assert not refused.allowed and "2050-02-28" in (refused.reason or "")
    assert removal_rule("archived", "已归档", "simple", archived, date(2050, 3, 1)).allowed
