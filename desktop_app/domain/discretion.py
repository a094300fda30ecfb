"""Discretion (行政处罚裁量): is a proposed penalty within the law's range and the chosen tier?

Inputs are plain data as the reference files hold them (resources/reference/items.json and
benchmarks.json): an item's fine ranges ``{party, min, max, unit, base, mandatory, precondition}``
and the benchmark tiers ``{tier, fine_min, fine_max, party, unit[, base, label]}``. Amounts are in
元; for a range per 平方米 or a multiple (倍) of a base value the caller states the area or the
base value, and the range in 元 is computed from it.

Also here, because the procedure and the decision screen both need them: the penalty kinds of
行政处罚法 第九条, which of them give a right to a hearing (第六十三条), the limits of the simple
procedure (第五十一条), whether a decision is heavier than the notified penalty (第四十五条第二款),
and the suggestions of 不予处罚 (第三十三条第一款). Every answer is a :class:`Verdict`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from desktop_app.domain.case_states import CaseState

__all__ = [
    "PENALTY_LABELS",
    "PENALTY_SEVERITY",
    "SIMPLE_FINE_ORGANISATION",
    "SIMPLE_FINE_PERSON",
    "FineMeasure",
    "FineRange",
    "Number",
    "PartyKind",
    "PenaltyKind",
    "Suggestion",
    "Tier",
    "Verdict",
    "check_discretion",
    "check_explanation",
    "check_fine_amount",
    "check_penalty_kind",
    "check_simple_procedure",
    "check_tier",
    "fine_measure",
    "flatten_benchmark",
    "format_amount",
    "hearing_eligible",
    "is_heavier",
    "no_penalty_suggestions",
    "parse_fine_ranges",
    "parse_tiers",
    "to_decimal",
]

Number = Decimal | int | float

ART_51 = "行政处罚法第五十一条"
ART_45_2 = "行政处罚法第四十五条第二款"
ART_33_1 = "行政处罚法第三十三条第一款"
ART_32 = "行政处罚法第三十二条"

# 不予行政处罚: the ground the decision rests on, as the decision states it and the article it cites.
# code → (the situation in the document's words, the article). 第五十七条第一款 lists the two kinds of
# 不予处罚 after an investigation: (二) 违法行为轻微，依法可以不予行政处罚 — the cases of 第三十三条 — and
# (三) 违法事实不能成立; 第三十六条 bars any penalty once the limitation has passed.
NO_PENALTY_GROUNDS: dict[str, tuple[str, str]] = {
    "minor_corrected": ("违法行为轻微并及时改正，没有造成危害后果", "《中华人民共和国行政处罚法》第三十三条第一款"),
    "first_offence": ("初次违法且危害后果轻微并及时改正", "《中华人民共和国行政处罚法》第三十三条第一款"),
    "no_fault": ("当事人有证据足以证明没有主观过错", "《中华人民共和国行政处罚法》第三十三条第二款"),
    "time_barred": ("违法行为在法定期限内未被发现，已超过追责时效", "《中华人民共和国行政处罚法》第三十六条"),
    "not_established": ("违法事实不能成立", "《中华人民共和国行政处罚法》第五十七条第一款第三项"),
}
# the grounds where there is a violation to name in the decision (not where the facts do not stand)
NO_PENALTY_VIOLATION_ESTABLISHED = frozenset({"minor_corrected", "first_offence", "no_fault", "time_barred"})

# 行政处罚法 第五十一条: simple procedure up to 200 元 for a citizen, 3,000 元 for an organisation
# (settings threshold.simple_fine_person / threshold.simple_fine_organisation).
SIMPLE_FINE_PERSON = 200
SIMPLE_FINE_ORGANISATION = 3000


@dataclass(frozen=True)
class Verdict:
    """The answer of a rule: allowed, or refused with one Chinese sentence and its article.

    ``article`` names the law where one says it (e.g. "行政处罚法第五十八条"); ``warnings`` are
    things to show without refusing; ``target`` is, for a case action, the state the case moves to
    when that is known (see procedure.evaluate).
    """

    allowed: bool
    reason: str | None = None
    article: str | None = None
    warnings: tuple[str, ...] = field(default=())
    target: CaseState | None = None

    @classmethod
    def ok(cls, *warnings: str, target: CaseState | None = None) -> Verdict:
        return cls(allowed=True, warnings=tuple(warnings), target=target)

    @classmethod
    def refuse(cls, reason: str, article: str | None = None) -> Verdict:
        return cls(allowed=False, reason=reason, article=article)


class PartyKind(StrEnum):
    PERSON = "person"  # 公民（个人）
    ORGANISATION = "organisation"  # 法人或者其他组织（单位）


PARTY_LABELS: dict[PartyKind, str] = {PartyKind.PERSON: "个人", PartyKind.ORGANISATION: "单位"}


class PenaltyKind(StrEnum):
    """行政处罚法 第九条's kinds a township may impose (行政拘留 belongs to the police)."""

    WARNING = "warning"
    CRITICISM = "criticism"
    FINE = "fine"
    CONFISCATION = "confiscation"
    SUSPEND_LICENCE = "suspend_licence"
    LOWER_QUALIFICATION = "lower_qualification"
    REVOKE_LICENCE = "revoke_licence"
    RESTRICT_BUSINESS = "restrict_business"
    SUSPEND_BUSINESS = "suspend_business"
    CLOSE_DOWN = "close_down"
    RESTRICT_PRACTICE = "restrict_practice"


PENALTY_LABELS: dict[PenaltyKind, str] = {
    PenaltyKind.WARNING: "警告",
    PenaltyKind.CRITICISM: "通报批评",
    PenaltyKind.FINE: "罚款",
    PenaltyKind.CONFISCATION: "没收违法所得、没收非法财物",
    PenaltyKind.SUSPEND_LICENCE: "暂扣许可证件",
    PenaltyKind.LOWER_QUALIFICATION: "降低资质等级",
    PenaltyKind.REVOKE_LICENCE: "吊销许可证件",
    PenaltyKind.RESTRICT_BUSINESS: "限制开展生产经营活动",
    PenaltyKind.SUSPEND_BUSINESS: "责令停产停业",
    PenaltyKind.CLOSE_DOWN: "责令关闭",
    PenaltyKind.RESTRICT_PRACTICE: "限制从业",
}

# The groups of 行政处罚法 第九条, lightest first: (一) 警告、通报批评; (二) 罚款、没收; (三) 暂扣、
# 降低资质等级、吊销; (四) 限制开展生产经营活动、责令停产停业、责令关闭、限制从业. Kinds in different
# groups compare by group; two different kinds of one group above the first are not comparable.
PENALTY_SEVERITY: dict[PenaltyKind, int] = {
    PenaltyKind.WARNING: 1,
    PenaltyKind.CRITICISM: 1,
    PenaltyKind.FINE: 2,
    PenaltyKind.CONFISCATION: 2,
    PenaltyKind.SUSPEND_LICENCE: 3,
    PenaltyKind.LOWER_QUALIFICATION: 3,
    PenaltyKind.REVOKE_LICENCE: 3,
    PenaltyKind.RESTRICT_BUSINESS: 4,
    PenaltyKind.SUSPEND_BUSINESS: 4,
    PenaltyKind.CLOSE_DOWN: 4,
    PenaltyKind.RESTRICT_PRACTICE: 4,
}

_AMOUNT_KINDS = frozenset({PenaltyKind.FINE, PenaltyKind.CONFISCATION})


def to_decimal(value: Number | str) -> Decimal:
    """An amount as Decimal (floats through their shortest text: 0.05 stays 0.05)."""
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"金额“{value}”不是有效数字") from None


def format_amount(value: Number) -> str:
    """5000 → "5000", 0.050 → "0.05", 1234.50 → "1234.5" (never an exponent)."""
    d = to_decimal(value)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


# ---------------------------------------------------------------------------- penalties


def is_heavier(
    decided: PenaltyKind | str,
    decided_amount: Number | None,
    notified: PenaltyKind | str,
    notified_amount: Number | None,
) -> bool:
    """Whether the decided penalty is heavier than the notified one (行政处罚法 第四十五条第二款).

    A heavier group of 第九条 is heavier; the same kind with a larger amount is heavier; a
    different kind of the same group (above 警告/通报批评) is treated as heavier, because it was not
    what the party was told and could answer (第四十四条).
    """
    d_kind, n_kind = PenaltyKind(decided), PenaltyKind(notified)
    d_rank, n_rank = PENALTY_SEVERITY[d_kind], PENALTY_SEVERITY[n_kind]
    if d_rank != n_rank:
        return d_rank > n_rank
    if d_kind != n_kind:
        return d_rank > 1
    if d_kind in _AMOUNT_KINDS and decided_amount is not None:
        return notified_amount is None or to_decimal(decided_amount) > to_decimal(notified_amount)
    return False


def hearing_eligible(
    penalty: PenaltyKind | str,
    amount: Number | None,
    party: PartyKind | str,
    *,
    threshold_person: Number | None = None,
    threshold_organisation: Number | None = None,
) -> bool:
    """Whether the penalty gives the party a right to a hearing (行政处罚法 第六十三条).

    较大数额 fines and confiscations, 降低资质等级, 吊销许可证件, 责令停产停业, 责令关闭, 限制从业
    and 其他较重的行政处罚 (here: 暂扣许可证件, 限制开展生产经营活动). Shanxi's 较大数额 was not
    found (law-check.md), so while the threshold is unset every fine and confiscation is treated as
    eligible (procedure.md, "Decisions for the software").
    """
    kind = PenaltyKind(penalty)
    if PENALTY_SEVERITY[kind] == 1:
        return False
    if kind in _AMOUNT_KINDS:
        threshold = (
            threshold_person if PartyKind(party) is PartyKind.PERSON else threshold_organisation
        )
        if threshold is None or amount is None:
            return True
        return to_decimal(amount) >= to_decimal(threshold)
    return True


# The words by which an article (or the item's list of other sanctions) names each kind of 第九条.
_KIND_WORDS: dict[PenaltyKind, tuple[str, ...]] = {
    PenaltyKind.WARNING: ("警告",),
    PenaltyKind.CRITICISM: ("通报批评",),
    PenaltyKind.FINE: ("罚款",),
    PenaltyKind.CONFISCATION: ("没收",),
    PenaltyKind.SUSPEND_LICENCE: ("暂扣",),
    PenaltyKind.LOWER_QUALIFICATION: ("降低资质",),
    PenaltyKind.REVOKE_LICENCE: ("吊销",),
    PenaltyKind.RESTRICT_BUSINESS: ("限制开展生产经营",),
    PenaltyKind.SUSPEND_BUSINESS: ("停产停业", "停业整顿"),
    PenaltyKind.CLOSE_DOWN: ("责令关闭",),
    PenaltyKind.RESTRICT_PRACTICE: ("限制从业",),
}
_PARTY_NOTES: dict[PartyKind, tuple[str, ...]] = {
    PartyKind.PERSON: ("个人", "公民"),
    PartyKind.ORGANISATION: ("单位", "法人", "组织"),
}
ART_4 = "行政处罚法第四条"


def check_penalty_kind(
    penalty: PenaltyKind | str,
    party: PartyKind | str,
    *,
    fines: Sequence[Mapping[str, Any] | FineRange],
    article_text: str,
    sanctions: Sequence[str] = (),
    basis: str | None = None,
) -> Verdict:
    """Whether the item's penalty article provides this kind of penalty for the party.

    行政处罚法 第四条: a penalty is imposed only as a law, regulation or rule provides — a warning
    for an act whose article names none (e.g. 随意倾倒生活垃圾, 第一百一十一条: 罚款、没收违法所得)
    or a fine where the article orders only 退还土地、拆除 is unlawful. The article's text and the
    item's list of other sanctions name the kinds; a sanction noted for one party only
    (``警告（个人）``) applies to that party only. An item that describes no penalty at all (an
    imported list without the article's text) cannot be checked: allowed with a warning.
    """
    kind = PenaltyKind(penalty)
    party_kind = PartyKind(party)
    words = _KIND_WORDS[kind]
    label = PENALTY_LABELS[kind]
    suffix = f"（{basis}）" if basis else ""
    if kind is PenaltyKind.FINE and parse_fine_ranges(fines):
        return Verdict.ok()
    if not (article_text.strip() or sanctions or fines):
        return Verdict.ok(f"该事项未载明处罚依据的条文，无法核对能否给予{label}，请对照法条确认{suffix}")
    named = [s for s in sanctions if any(w in s for w in words)]
    if named:
        others = tuple(n for p, notes in _PARTY_NOTES.items() if p is not party_kind for n in notes)
        own = _PARTY_NOTES[party_kind]
        for sanction in named:
            note = sanction[sanction.find("（"):] if "（" in sanction else ""
            if not any(n in note for n in others) or any(n in note for n in own):
                return Verdict.ok()
        return Verdict.refuse(
            f"该事项对{PARTY_LABELS[party_kind]}没有规定{label}{suffix}，不能给予（{ART_4}）", basis or ART_4
        )
    text = article_text.replace("无罚款", "")
    if any(w in text for w in words):
        return Verdict.ok()
    return Verdict.refuse(f"该事项的处罚依据没有规定{label}{suffix}，不能给予（{ART_4}）", basis or ART_4)


def check_simple_procedure(
    party: PartyKind | str,
    penalty: PenaltyKind | str,
    amount: Number | None,
    *,
    person_limit: Number = SIMPLE_FINE_PERSON,
    organisation_limit: Number = SIMPLE_FINE_ORGANISATION,
) -> Verdict:
    """行政处罚法 第五十一条: on the spot only a warning, or a fine up to the limit for the party."""
    kind = PenaltyKind(penalty)
    party_kind = PartyKind(party)
    limit = to_decimal(person_limit if party_kind is PartyKind.PERSON else organisation_limit)
    who = PARTY_LABELS[party_kind]
    if kind is PenaltyKind.WARNING:
        return Verdict.ok()
    if kind is not PenaltyKind.FINE:
        return Verdict.refuse(
            f"简易程序只能给予警告或者罚款，不能当场给予{PENALTY_LABELS[kind]}（{ART_51}）", ART_51
        )
    if amount is None or to_decimal(amount) <= 0:
        return Verdict.refuse("当场罚款须填写罚款金额", None)
    if to_decimal(amount) > limit:
        return Verdict.refuse(
            f"罚款 {format_amount(amount)} 元超过简易程序对{who}的上限 {format_amount(limit)} 元，"
            f"应当适用普通程序（{ART_51}）",
            ART_51,
        )
    return Verdict.ok()


# ---------------------------------------------------------------------------- ranges and tiers


@dataclass(frozen=True)
class FineRange:
    """One fine range of an item: for whom, how much, in which unit, on what condition."""

    party: str  # any | person | organisation
    min: Decimal
    max: Decimal | None
    unit: str = "yuan"  # yuan | yuan_per_sqm | multiple
    base: str | None = None  # for multiple: the base value's name (建设工程造价 …)
    mandatory: bool = True  # 处 (required) or 可以处 (possible)
    precondition: str | None = None  # e.g. 拒不改正: the range applies only then

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FineRange:
        raw_max = data.get("max")
        return cls(
            party=str(data.get("party") or "any"),
            min=to_decimal(data.get("min") or 0),
            max=None if raw_max is None else to_decimal(raw_max),
            unit=str(data.get("unit") or "yuan"),
            base=data.get("base"),
            mandatory=bool(data.get("mandatory", True)),
            precondition=data.get("precondition") or None,
        )


@dataclass(frozen=True)
class Tier:
    """One tier of a discretion benchmark (裁量基准档次)."""

    tier: str
    fine_min: Decimal
    fine_max: Decimal
    party: str = "any"
    unit: str = "yuan"
    base: str | None = None
    label: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Tier:
        return cls(
            tier=str(data["tier"]),
            fine_min=to_decimal(data.get("fine_min") or 0),
            fine_max=to_decimal(data["fine_max"]),
            party=str(data.get("party") or "any"),
            unit=str(data.get("unit") or "yuan"),
            base=data.get("base"),
            label=data.get("label"),
        )


def parse_fine_ranges(fines: Iterable[Mapping[str, Any] | FineRange]) -> list[FineRange]:
    return [f if isinstance(f, FineRange) else FineRange.from_dict(f) for f in fines]


def parse_tiers(tiers: Iterable[Mapping[str, Any] | Tier]) -> list[Tier]:
    return [t if isinstance(t, Tier) else Tier.from_dict(t) for t in tiers]


def flatten_benchmark(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A benchmarks.json record {item_code, party, unit, base, tiers: [...]} → flat tier dicts."""
    return [
        {
            **tier,
            "party": record.get("party", "any"),
            "unit": record.get("unit", "yuan"),
            "base": record.get("base"),
        }
        for tier in record.get("tiers", [])
    ]


def _applies(range_party: str, party: PartyKind) -> bool:
    return range_party in ("any", party.value)


def _party_phrase(range_party: str) -> str:
    if range_party == PartyKind.PERSON.value:
        return "对个人的"
    if range_party == PartyKind.ORGANISATION.value:
        return "对单位的"
    return "的"


@dataclass(frozen=True)
class _Bounds:
    low: Decimal
    high: Decimal | None
    text: str  # the range as people read it


def _span(low: Decimal, high: Decimal | None, unit_text: str) -> str:
    if high is None:
        return f"{format_amount(low)} {unit_text}以上"
    if low == 0:
        return f"{format_amount(high)} {unit_text}以下"
    return f"{format_amount(low)}—{format_amount(high)} {unit_text}"


def _bounds(
    low: Decimal,
    high: Decimal | None,
    unit: str,
    base: str | None,
    quantity: Number | None,
    base_values: Mapping[str, Number],
) -> _Bounds | str:
    """The range in 元, or the sentence saying which input is missing."""
    if unit == "yuan":
        return _Bounds(low, high, _span(low, high, "元"))
    if unit == "yuan_per_sqm":
        if quantity is None:
            return "按面积计算的罚款须填写违法面积（平方米）"
        q = to_decimal(quantity)
        yuan = _span(low * q, None if high is None else high * q, "元")
        return _Bounds(
            low * q,
            None if high is None else high * q,
            f"每平方米 {_span(low, high, '元')}（{format_amount(q)} 平方米，计 {yuan}）",
        )
    if unit == "multiple":
        name = base or "基数"
        value = base_values.get(name)
        if value is None and base is None and len(base_values) == 1:
            value = next(iter(base_values.values()))
        if value is None:
            return f"按倍数计算的罚款须填写{name}（元）"
        v = to_decimal(value)
        yuan = _span(low * v, None if high is None else high * v, "元")
        return _Bounds(
            low * v,
            None if high is None else high * v,
            f"{name}的 {_span(low, high, '倍')}（{name} {format_amount(v)} 元，计 {yuan}）",
        )
    return f"未知的罚款计算单位“{unit}”"


@dataclass(frozen=True)
class FineMeasure:
    """What an item's fine is computed on, for one kind of party: the area (平方米) or a base value
    (倍数 of 建设工程造价 …) that the decision must state, and the ranges that decide it.

    ``needs_quantity`` / ``base_name``: the decision is refused without it (every deciding range is
    per 平方米, or every one is a multiple of that base). ``per_sqm`` / ``bases``: some deciding range
    uses it, so it may be stated (a base name is kept with the event when given). ``ranges``: the
    deciding ranges — those without a precondition (拒不改正 …), or all when every one has one."""

    needs_quantity: bool
    base_name: str | None
    per_sqm: bool = False
    bases: tuple[str, ...] = ()
    ranges: tuple[FineRange, ...] = ()

    @property
    def plain(self) -> bool:
        """Fines in 元 only: no area, no base value."""
        return not self.per_sqm and not self.bases

    def describe(self) -> str:
        """One sentence for the decision screen, e.g. "本事项罚款按每平方米计算：法定幅度 每平方米 10—50 元"."""
        spans = []
        for r in self.ranges:
            if r.unit == "yuan_per_sqm":
                spans.append(f"{_party_phrase(r.party).rstrip('的')}每平方米 {_span(r.min, r.max, '元')}")
            elif r.unit == "multiple":
                spans.append(f"{_party_phrase(r.party).rstrip('的')}{r.base or '基数'}的 {_span(r.min, r.max, '倍')}")
        if not spans:
            return ""
        if self.per_sqm and self.bases:
            how = f"按面积或{'、'.join(self.bases)}的倍数"
        elif self.per_sqm:
            how = "按每平方米"
        else:
            how = f"按{'、'.join(self.bases)}的倍数"
        return f"本事项罚款{how}计算：法定幅度 {'；'.join(spans)}"


def fine_measure(fines: Sequence[Mapping[str, Any] | FineRange], party: PartyKind | str) -> FineMeasure:
    """Which measure a fine of the item needs for this party (see :class:`FineMeasure`)."""
    party_kind = PartyKind(party)
    mine = [r for r in parse_fine_ranges(fines) if _applies(r.party, party_kind)]
    # a range with a precondition (拒不改正 …) counts only once that is found; the others decide
    deciding = [r for r in mine if r.precondition is None] or mine
    units = {r.unit for r in deciding}
    bases = tuple(dict.fromkeys(r.base or "基数" for r in deciding if r.unit == "multiple"))
    return FineMeasure(
        needs_quantity=units == {"yuan_per_sqm"},
        base_name=bases[0] if units == {"multiple"} else None,
        per_sqm="yuan_per_sqm" in units,
        bases=bases,
        ranges=tuple(deciding),
    )


def _outside(amount: Decimal, bounds: _Bounds, reduced: bool) -> str | None:
    """"超出" / "低于" when the amount is outside; below the floor is fine when reduced."""
    if bounds.high is not None and amount > bounds.high:
        return "超出"
    if amount < bounds.low and not reduced:
        return "低于"
    return None


def check_fine_amount(
    fines: Sequence[Mapping[str, Any] | FineRange],
    party: PartyKind | str,
    amount: Number,
    *,
    basis: str | None = None,
    quantity: Number | None = None,
    base_values: Mapping[str, Number] | None = None,
    preconditions_met: Iterable[str] = (),
    reduced: bool = False,
) -> Verdict:
    """Whether a fine of ``amount`` 元 lies within the item's range for the party.

    ``basis`` is the penalty article as people cite it (e.g. "《中华人民共和国大气污染防治法》
    第一百一十九条第一款"); ``quantity`` the area in 平方米 for a range per 平方米; ``base_values``
    the base values in 元 by name (e.g. {"建设工程造价": 100000}) for a multiple. A range with a
    precondition (拒不改正 …) counts only when that precondition is in ``preconditions_met``.
    ``reduced``: a circumstance of 减轻处罚 applies (行政处罚法 第三十二条), so the amount may
    lie below the floor (never above the ceiling).

    An item whose article states no amount has no ranges: allowed, with a warning that the
    decision must cite the provincial or city rule or benchmark it used (items.md).
    """
    party_kind = PartyKind(party)
    value = to_decimal(amount)
    if value <= 0:
        return Verdict.refuse("罚款金额须大于零", None)
    ranges = parse_fine_ranges(fines)
    if not ranges:
        return Verdict.ok("该事项的法律、法规未规定罚款数额，裁量说明须引用所依据的省、市规定或裁量基准")
    met = set(preconditions_met)
    who = f"对{PARTY_LABELS[party_kind]}"
    mine = [r for r in ranges if _applies(r.party, party_kind)]
    suffix = f"（{basis}）" if basis else ""
    if not mine:
        return Verdict.refuse(f"该事项{who}没有规定罚款{suffix}", basis)
    usable = [r for r in mine if r.precondition is None or r.precondition in met]
    conditional = [r for r in mine if r.precondition is not None and r.precondition not in met]
    if not usable:
        names = "、".join(dict.fromkeys(f"“{r.precondition}”" for r in conditional))
        return Verdict.refuse(f"该事项{who}罚款以{names}为条件，该情形尚未认定{suffix}", basis)
    computed: list[tuple[FineRange, _Bounds]] = []
    missing: list[str] = []
    for fine_range in usable:
        bounds = _bounds(
            fine_range.min, fine_range.max, fine_range.unit, fine_range.base,
            quantity, base_values or {},
        )
        if isinstance(bounds, str):
            missing.append(bounds)
            continue
        if _outside(value, bounds, reduced) is None:
            warnings = (
                (f"罚款低于法定幅度下限，须在裁量说明中写明减轻处罚的情形（{ART_32}）",)
                if value < bounds.low
                else ()
            )
            return Verdict.ok(*warnings)
        computed.append((fine_range, bounds))
    if not computed:
        return Verdict.refuse(missing[0], None)
    fine_range, bounds = computed[0]
    reason = (
        f"罚款 {format_amount(value)} 元{_outside(value, bounds, reduced)}该事项"
        f"{_party_phrase(fine_range.party)}法定幅度 {bounds.text}"
    )
    if conditional:
        names = "、".join(dict.fromkeys(f"“{r.precondition}”" for r in conditional))
        reason += f"，{names}的情形另有幅度但尚未认定"
    return Verdict.refuse(reason + suffix, basis)


def check_tier(
    tiers: Sequence[Mapping[str, Any] | Tier],
    party: PartyKind | str,
    tier: str | None,
    amount: Number,
    *,
    quantity: Number | None = None,
    base_values: Mapping[str, Number] | None = None,
    reduced: bool = False,
    source: str = "裁量基准",
) -> Verdict:
    """Whether the fine lies within the chosen tier of the discretion benchmark (裁量基准).

    No benchmark for the item: allowed, with a warning. A tier for the party's kind wins over one
    for any party. ``reduced`` as in :func:`check_fine_amount`.
    """
    party_kind = PartyKind(party)
    parsed = [t for t in parse_tiers(tiers) if _applies(t.party, party_kind)]
    if not parsed:
        return Verdict.ok("该事项没有裁量基准，裁量说明须写明确定罚款数额的理由")
    if not tier:
        names = "、".join(dict.fromkeys(f"{t.tier}（{t.label or t.tier}）" for t in parsed))
        return Verdict.refuse(f"须选择裁量档次：{names}", None)
    chosen = [t for t in parsed if t.tier == tier]
    if not chosen:
        return Verdict.refuse(f"裁量基准中没有档次“{tier}”", None)
    chosen.sort(key=lambda t: t.party == "any")  # the party's own tier first
    best = chosen[0]
    bounds = _bounds(best.fine_min, best.fine_max, best.unit, best.base, quantity, base_values or {})
    if isinstance(bounds, str):
        return Verdict.refuse(bounds, None)
    value = to_decimal(amount)
    where = _outside(value, bounds, reduced)
    if where is not None:
        return Verdict.refuse(
            f"罚款 {format_amount(value)} 元{where}所选裁量档次“{best.label or best.tier}”的幅度 "
            f"{bounds.text}（{source}）",
            None,
        )
    return Verdict.ok()


def check_explanation(decision_kind: str, explanation: str | None) -> Verdict:
    """A penalty decision explains how the benchmark was applied (裁量说明; seed 000 §7, 002 二(四))."""
    if decision_kind == "penalty" and not (explanation or "").strip():
        return Verdict.refuse("行政处罚决定须填写裁量说明，写明适用的裁量基准档次和理由", None)
    return Verdict.ok()


def check_discretion(
    *,
    fines: Sequence[Mapping[str, Any] | FineRange],
    tiers: Sequence[Mapping[str, Any] | Tier],
    party: PartyKind | str,
    penalty: PenaltyKind | str,
    amount: Number | None,
    tier: str | None,
    explanation: str | None,
    basis: str | None = None,
    quantity: Number | None = None,
    base_values: Mapping[str, Number] | None = None,
    preconditions_met: Iterable[str] = (),
    reduced: bool = False,
) -> Verdict:
    """All discretion checks of a penalty decision, in order; the first refusal wins.

    The explanation is always required; for a fine: the legal range, then the tier.
    Warnings of the passing checks are collected.
    """
    warnings: list[str] = []
    verdict = check_explanation("penalty", explanation)
    if not verdict.allowed:
        return verdict
    if PenaltyKind(penalty) is PenaltyKind.FINE:
        if amount is None:
            return Verdict.refuse("罚款决定须填写罚款金额", None)
        met = tuple(preconditions_met)
        for verdict in (
            check_fine_amount(
                fines, party, amount, basis=basis, quantity=quantity,
                base_values=base_values, preconditions_met=met, reduced=reduced,
            ),
            check_tier(
                tiers, party, tier, amount, quantity=quantity,
                base_values=base_values, reduced=reduced,
            ),
        ):
            if not verdict.allowed:
                return verdict
            warnings.extend(verdict.warnings)
    return Verdict.ok(*warnings)


# ---------------------------------------------------------------------------- 不予处罚


@dataclass(frozen=True)
class Suggestion:
    """A suggestion of 不予行政处罚 for the decision screen (CLI: case show, suggestions)."""

    kind: str  # first_offence_no_penalty | minor_no_penalty
    reason: str
    article: str
    on_list: bool
    conditions: str | None = None  # the published list's conditions for this item
    mandatory: bool = False  # 不予 (must) rather than 可以不予 (may)


_EDUCATE = "不予处罚的，应当对当事人进行教育（行政处罚法第三十三条第三款）"


def no_penalty_suggestions(
    *,
    first_violation: bool,
    harm_slight: bool,
    corrected_in_time: bool,
    minor: bool = False,
    no_harm: bool = False,
    list_entries: Iterable[Mapping[str, Any]] = (),
) -> list[Suggestion]:
    """行政处罚法 第三十三条第一款 suggestions for one case.

    ``first_violation``: no earlier violation of the same item by the same party identifier (the
    caller searches its cases); ``harm_slight`` / ``no_harm``: the harm found; ``minor``: the act
    itself was slight; ``corrected_in_time``: corrected within the order's period.
    ``list_entries``: the item's entries of the published 首违免罚/轻微不罚 lists
    ({kind, conditions}).

    轻微不罚 (minor, corrected in time, no harm) is 不予 — the law leaves no choice, listed or not.
    首违免罚 needs all three conditions (初次违法、危害后果轻微、及时改正) and is 可以 (may).
    """
    entries = {str(e.get("kind")): e for e in list_entries}
    found: list[Suggestion] = []
    if minor and no_harm and corrected_in_time:
        entry = entries.get("minor_no_penalty")
        found.append(
            Suggestion(
                kind="minor_no_penalty",
                reason=(
                    "违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚"
                    f"（{ART_33_1}）；{_EDUCATE}"
                ),
                article=ART_33_1,
                on_list=entry is not None,
                conditions=None if entry is None else str(entry.get("conditions") or ""),
                mandatory=True,
            )
        )
    if first_violation and (harm_slight or no_harm) and corrected_in_time:
        entry = entries.get("first_offence_no_penalty")
        listed = (
            "本事项列入首违免罚清单"
            if entry is not None
            else "本事项未列入首违免罚清单，是否适用由负责人裁量"
        )
        found.append(
            Suggestion(
                kind="first_offence_no_penalty",
                reason=(
                    f"初次违法、危害后果轻微并及时改正，可以不予行政处罚（首违免罚，{ART_33_1}）；"
                    f"{listed}；{_EDUCATE}"
                ),
                article=ART_33_1,
                on_list=entry is not None,
                conditions=None if entry is None else str(entry.get("conditions") or ""),
                mandatory=False,
            )
        )
    return found
