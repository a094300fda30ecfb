"""Evidence (证据) and full-process records (全过程记录): the kinds the law names, the statuses of a
笔录's signature, and the rule for when an evidence item may be removed.

Sources:
- 行政处罚法 第四十六条: the eight kinds of evidence (书证、物证、视听资料、电子数据、证人证言、当事人的陈述、
  鉴定意见、勘验笔录、现场笔录); evidence must be verified before it can found a decision.
- 行政处罚法 第四十七条: the whole process (启动、调查取证、审核、决定、送达、执行) is recorded and the records
  are archived and kept (归档保存).
- 行政处罚法 第五十五条: inspections and interviews produce 笔录; the officers show their certificates.
- 国家档案局第8号令 (机关文件材料归档范围和文书档案保管期限规定) with common practice for penalty files
  (domain/documents.md, Retention): ordinary-procedure files are kept permanently (永久), simple-procedure
  files 30 years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "EVIDENCE_LAW",
    "EVIDENCE_TYPE_LABELS",
    "FLAG_LABELS",
    "MEDIA_TYPES",
    "RECORDS_LAW",
    "RECORD_KIND_LABELS",
    "RETENTION_LAW",
    "RETENTION_YEARS",
    "SIGNATURE_LABELS",
    "EvidenceType",
    "RecordKind",
    "Removal",
    "SignatureStatus",
    "evidence_type_label",
    "parse_evidence_type",
    "parse_record_kind",
    "parse_signature",
    "removal_rule",
    "retention_ends",
]

EVIDENCE_LAW = "行政处罚法第四十六条"
RECORDS_LAW = "行政处罚法第四十七条"
RETENTION_LAW = "国家档案局第8号令"


class EvidenceType(StrEnum):
    DOCUMENTARY = "documentary"
    PHYSICAL = "physical"
    AUDIOVISUAL = "audiovisual"
    ELECTRONIC = "electronic"
    WITNESS = "witness"
    STATEMENT = "statement"
    EXPERT = "expert"
    INSPECTION = "inspection"


EVIDENCE_TYPE_LABELS: dict[EvidenceType, str] = {
    EvidenceType.DOCUMENTARY: "书证",
    EvidenceType.PHYSICAL: "物证",
    EvidenceType.AUDIOVISUAL: "视听资料",
    EvidenceType.ELECTRONIC: "电子数据",
    EvidenceType.WITNESS: "证人证言",
    EvidenceType.STATEMENT: "当事人陈述",
    EvidenceType.EXPERT: "鉴定意见",
    EvidenceType.INSPECTION: "勘验笔录、现场笔录",
}

# Other spellings people type for the same kind (the law's own wording among them).
_TYPE_ALIASES: dict[str, EvidenceType] = {
    "当事人的陈述": EvidenceType.STATEMENT,
    "勘验笔录": EvidenceType.INSPECTION,
    "现场笔录": EvidenceType.INSPECTION,
    "勘验笔录/现场笔录": EvidenceType.INSPECTION,
    "勘验笔录／现场笔录": EvidenceType.INSPECTION,
    "视听": EvidenceType.AUDIOVISUAL,
}

# Kinds whose files are recordings of a step (linked to the 笔录 of that step).
MEDIA_TYPES = frozenset({EvidenceType.AUDIOVISUAL})


def parse_evidence_type(text: str) -> EvidenceType:
    """A type code or its Chinese name → the type; ValueError naming the known ones otherwise."""
    token = text.strip()
    try:
        return EvidenceType(token.lower())
    except ValueError:
        pass
    for kind, label in EVIDENCE_TYPE_LABELS.items():
        if token == label:
            return kind
    if token in _TYPE_ALIASES:
        return _TYPE_ALIASES[token]
    known = "、".join(f"{k.value}（{EVIDENCE_TYPE_LABELS[k]}）" for k in EvidenceType)
    raise ValueError(f"证据类型“{text}”无效，可用：{known}（{EVIDENCE_LAW}）")


def evidence_type_label(code: str) -> str:
    try:
        return EVIDENCE_TYPE_LABELS[EvidenceType(code)]
    except ValueError:
        return code


# What an inspection of the file found; the original bytes are kept whatever it says.
FLAG_LABELS: dict[str, str] = {
    "corrupt_image": "图片文件已损坏或不完整，无法预览（原件已按原样保存）",
    "corrupt_pdf": "PDF 文件已损坏或不完整（原件已按原样保存）",
    "preview_too_large": "图片像素过多，不生成预览（原件已按原样保存）",
}


class RecordKind(StrEnum):
    INSPECTION = "inspection"
    INTERVIEW = "interview"


RECORD_KIND_LABELS: dict[RecordKind, str] = {
    RecordKind.INSPECTION: "现场检查（勘验）笔录",
    RecordKind.INTERVIEW: "询问（调查）笔录",
}


def parse_record_kind(text: str) -> RecordKind:
    token = text.strip()
    try:
        return RecordKind(token.lower())
    except ValueError:
        pass
    for kind, label in RECORD_KIND_LABELS.items():
        if token in (label, label.replace("（勘验）", "").replace("（调查）", "")):
            return kind
    known = "、".join(f"{k.value}（{RECORD_KIND_LABELS[k]}）" for k in RecordKind)
    raise ValueError(f"笔录种类“{text}”无效，可用：{known}")


class SignatureStatus(StrEnum):
    SIGNED = "signed"
    REFUSED = "refused"
    UNABLE = "unable"


SIGNATURE_LABELS: dict[SignatureStatus, str] = {
    SignatureStatus.SIGNED: "已签名",
    SignatureStatus.REFUSED: "拒绝签名",
    SignatureStatus.UNABLE: "无法签名",
}


def parse_signature(text: str) -> SignatureStatus:
    token = text.strip()
    try:
        return SignatureStatus(token.lower())
    except ValueError:
        pass
    for status, label in SIGNATURE_LABELS.items():
        if token in (label, label.removeprefix("已")):
            return status
    known = "、".join(f"{s.value}（{SIGNATURE_LABELS[s]}）" for s in SignatureStatus)
    raise ValueError(f"签名情况“{text}”无效，可用：{known}")


# ---------------------------------------------------------------------------------------------------
# Removal: the retention rule

# 保管期限 by procedure (documents.md, Retention: 一般程序 → 永久, 简易程序 → 30 年). None: permanent.
RETENTION_YEARS: dict[str, int | None] = {"ordinary": None, "simple": 30}


def retention_ends(procedure: str, archived_on: date) -> date | None:
    """The last day of the case file's retention period; None when it is kept permanently."""
    years = RETENTION_YEARS.get(procedure)
    if years is None:
        return None
    try:
        return archived_on.replace(year=archived_on.year + years)
    except ValueError:  # 29 February
        return archived_on.replace(year=archived_on.year + years, day=28)


@dataclass(frozen=True)
class Removal:
    allowed: bool
    reason: str | None = None
    article: str | None = None


def removal_rule(state: str, state_label: str, procedure: str, archived_on: date | None,
                 today: date) -> Removal:
    """When an evidence item may be removed (the whole rule, in one place):

    1. Never while the case is being handled or before its file is archived: the evidence belongs to the
       case file, which is archived whole (行政处罚法第四十七条 全过程记录、归档保存).
    2. After archiving only once the file's retention period (保管期限) has run out: ordinary procedure
       permanent, so never; simple procedure 30 years from the archiving date. The removal then records
       who, when and why (the reason is required by the service)."""
    if state != "archived" or archived_on is None:
        return Removal(False, f"案件尚未归档（当前状态：{state_label}），证据须随案卷归档保存，不得删除",
                       RECORDS_LAW)
    ends = retention_ends(procedure, archived_on)
    if ends is None:
        return Removal(False, "一般程序案件的案卷永久保存，其证据不得删除", RETENTION_LAW)
    if today <= ends:
        years = RETENTION_YEARS.get(procedure)
        return Removal(False, f"案卷保管期限为 {years} 年，至 {ends.isoformat()} 届满；届满前证据不得删除",
                       RETENTION_LAW)
    return Removal(True)
