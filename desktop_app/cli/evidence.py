"""CLI commands: evidence (证据) and record (全过程记录：现场检查笔录、询问笔录) — CLI.md, "Documents,
records, evidence, checks"."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli.cases import parse_on, split_logins
from desktop_app.cli.common import Invocation, add_json, table, to_jsonable
from desktop_app.clock import to_local
from desktop_app.domain.evidence import EVIDENCE_TYPE_LABELS, RECORD_KIND_LABELS, EvidenceType, RecordKind
from desktop_app.services import evidence as evidence_service
from desktop_app.services import evidence_custody, evidence_fixity
from desktop_app.services import records as records_service
from desktop_app.services.errors import InvalidInput

EXIT_CHECK_FAILED = 3
TYPE_HELP = "、".join(f"{t.value}（{EVIDENCE_TYPE_LABELS[t]}）" for t in EvidenceType)
ON_HELP = "YYYY-MM-DD 或 YYYY-MM-DDTHH:MM（上海时间；只写日期时为当日 12:00，今天则为现在）；不能晚于现在"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    e = sub.add_parser("evidence", help="证据：登记、证据清单、校验、导出、删除")
    es = e.add_subparsers(dest="evidence_command", metavar="子命令")

    add = es.add_parser("add", help="登记证据（每个文件一项，按顺序编入证据清单）")
    add.add_argument("case", metavar="CASE", help="案件编号（id）或案号")
    add.add_argument("files", metavar="FILE", nargs="+", type=Path, help="证据文件")
    add.add_argument("--type", required=True, help=f"证据类型：{TYPE_HELP}")
    add.add_argument("--title", default="", help="证据名称（默认：文件名）")
    add.add_argument("--description", default="", help="证据说明")
    add.add_argument("--collected-by", metavar="LOGIN", help="取证人登录名（默认：操作用户）")
    add.add_argument("--on", metavar="DATE[THH:MM]", help=f"取证时间；{ON_HELP}")
    add.add_argument("--place", default="", help="取证地点")
    add.add_argument("--device", metavar="NO", help="执法记录仪编号（视听资料默认取证人的记录仪）")
    add.add_argument("--record", metavar="RECORD", help="录音录像所记录的笔录（笔录编号 id）")
    add_json(add)
    add.set_defaults(handler=_add)

    lst = es.add_parser("list", help="证据清单")
    lst.add_argument("case", metavar="CASE", help="案件编号（id）或案号")
    add_json(lst)
    lst.set_defaults(handler=_list)

    ver = es.add_parser("verify", help="校验证据库：被改动、缺失和未登记的文件（退出码 3 表示发现问题）")
    add_json(ver)
    ver.set_defaults(handler=_verify)

    rem = es.add_parser("remove", help="删除证据（案件未归档时不得删除；归档后仅在保管期限届满后）")
    rem.add_argument("evidence", metavar="EVIDENCE", help="证据编号（id）")
    rem.add_argument("--reason", required=True, help="删除原因")
    add_json(rem)
    rem.set_defaults(handler=_remove)

    exp = es.add_parser("export", help="导出证据文件（记入保管链）")
    exp.add_argument("evidence", metavar="EVIDENCE", help="证据编号（id）")
    exp.add_argument("--out", required=True, type=Path, help="目标文件或文件夹")
    exp.set_defaults(handler=_export)

    link = es.add_parser("link", help="将录音录像关联到它所记录的笔录")
    link.add_argument("evidence", metavar="EVIDENCE", help="证据编号（id）")
    which = link.add_mutually_exclusive_group(required=True)
    which.add_argument("--record", metavar="RECORD", help="笔录编号（id）")
    which.add_argument("--unlink", action="store_true", help="取消关联")
    add_json(link)
    link.set_defaults(handler=_link)

    r = sub.add_parser("record", help="全过程记录：现场检查（勘验）笔录、询问（调查）笔录")
    rs = r.add_subparsers(dest="record_command", metavar="子命令")

    radd = rs.add_parser("add", help="录入笔录")
    radd.add_argument("case", metavar="CASE", help="案件编号（id）或案号")
    radd.add_argument("--kind", required=True, choices=[k.value for k in RecordKind],
                      help="、".join(f"{k.value}（{RECORD_KIND_LABELS[k]}）" for k in RecordKind))
    radd.add_argument("--on", required=True, metavar="DATE[THH:MM]", help=f"开始时间；{ON_HELP}")
    radd.add_argument("--officers", required=True, metavar="LOGIN,LOGIN", help="执法人员登录名（至少两名）")
    radd.add_argument("--place", required=True, help="地点")
    radd.add_argument("--file", required=True, type=Path, metavar="JSON",
                      help="笔录内容（JSON）：persons_present、questions [{q, a}]、text、signature 等")
    add_json(radd)
    radd.set_defaults(handler=_record_add)

    rlist = rs.add_parser("list", help="列出案件的笔录")
    rlist.add_argument("case", metavar="CASE", help="案件编号（id）或案号")
    add_json(rlist)
    rlist.set_defaults(handler=_record_list)


# ------------------------------------------------------------------------------------ evidence


def _item_json(item: evidence_service.EvidenceInfo) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(item)
    data["removed"] = item.removed
    return data


def _size(n: int) -> str:
    for unit, step in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= step:
            return f"{n / step:.1f} {unit}"
    return f"{n} 字节"


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None
    shown = [-1]

    def report(done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent != shown[0]:
            shown[0] = percent
            print(f"\r导入中 {percent}%（{_size(done)} / {_size(total)}）", end="", file=sys.stderr, flush=True)
    return report


def _add(inv: Invocation) -> int:
    a = inv.args
    actor = inv.writer()
    inp = evidence_service.EvidenceInput(
        type=a.type, title=a.title, description=a.description, collected_by=a.collected_by,
        collected_at=parse_on(a.on, inv.ctx.clock), place=a.place, device=a.device, record_id=a.record)
    progress = _progress()
    try:
        result = evidence_service.add_evidence(inv.ctx, actor, a.case, a.files, inp, progress=progress)
    finally:
        if progress is not None:
            print(file=sys.stderr)
    for warning in result.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    if inv.json:
        return inv.emit([_item_json(i) for i in result.items])
    for item in result.items:
        print(f"已登记证据第 {item.number} 号《{item.title}》（{item.type_label}，{_size(item.size)}）：{item.id}")
    return 0


def _list(inv: Invocation) -> int:
    items = evidence_service.list_evidence(inv.ctx, inv.actor, inv.args.case)
    if inv.json:
        return inv.emit([_item_json(i) for i in items])
    if not items:
        print("本案还没有证据。用 evidence add 登记。")
        return 0
    rows = []
    for i in items:
        state = "已删除" if i.removed else ("；".join(i.flag_labels) if i.flags else "")
        rows.append([str(i.number), i.type_label, i.title, i.original_name, _size(i.size),
                     i.collected_by_name, to_local(i.collected_at).strftime("%Y-%m-%d %H:%M"), i.place,
                     i.device or "", i.sha256[:16], state, i.id])
    print(table(rows, ["编号", "类型", "证据名称", "文件名", "大小", "取证人", "取证时间", "地点", "记录仪",
                       "SHA-256（前16位）", "状态", "证据 id"]))
    return 0


def _verify(inv: Invocation) -> int:
    result = evidence_fixity.verify_store(inv.ctx)
    data = {"ok": result.ok, "checked": result.checked, "verified_at": result.verified_at,
            "altered": [f.file for f in result.of("altered")], "missing": [f.file for f in result.of("missing")],
            "untracked": [f.file for f in result.of("untracked")], "problems": result.findings}

    def text(_: object) -> str:
        if result.ok:
            return f"证据库校验通过：{result.checked} 个文件完好，无缺失，无未登记文件。"
        lines = [f"证据库校验发现 {len(result.findings)} 个问题（已校验 {result.checked} 个文件）："]
        lines += [f"- {f.message}" for f in result.findings]
        return "\n".join(lines)

    inv.emit(data, text)
    return 0 if result.ok else EXIT_CHECK_FAILED


def _remove(inv: Invocation) -> int:
    item = evidence_service.remove_evidence(inv.ctx, inv.writer(), inv.args.evidence, inv.args.reason)
    return inv.emit(_item_json(item), f"已删除证据第 {item.number} 号《{item.title}》：{item.removal_reason}")


def _export(inv: Invocation) -> int:
    target = evidence_custody.export_evidence(inv.ctx, inv.writer(), inv.args.evidence, inv.args.out)
    print(f"已导出到 {target}")
    return 0


def _link(inv: Invocation) -> int:
    record = None if inv.args.unlink else inv.args.record
    item = evidence_service.link_to_record(inv.ctx, inv.writer(), inv.args.evidence, record)
    text = f"证据第 {item.number} 号已关联笔录 {item.record_id}" if item.record_id else f"证据第 {item.number} 号已取消关联"
    return inv.emit(_item_json(item), text)


# ------------------------------------------------------------------------------------ records


def _record_add(inv: Invocation) -> int:
    a = inv.args
    actor = inv.writer()
    try:
        data = json.loads(a.file.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InvalidInput("--file", f"笔录文件不存在：{a.file}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput("--file", f"无法读取笔录文件 {a.file}：{exc}") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput("--file", f"笔录文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）") from None
    inp = records_service.record_input_from_json(data, kind=a.kind, on=parse_on(a.on, inv.ctx.clock),
                                                 officers=split_logins(a.officers), place=a.place)
    record = records_service.add_record(inv.ctx, actor, a.case, inp)
    if not record.certificates_shown:
        print("注意：笔录记载执法人员未出示执法证件（行政处罚法第五十五条），该笔录作为证据可能不被采信",
              file=sys.stderr)
    return inv.emit(record, f"已录入{record.kind_label}：{record.id}")


def _record_list(inv: Invocation) -> int:
    records = records_service.list_records(inv.ctx, inv.actor, inv.args.case)
    if inv.json:
        return inv.emit(records)
    if not records:
        print("本案还没有笔录。用 record add 录入。")
        return 0
    rows = []
    for r in records:
        officers = "、".join(f"{o.name}（{o.certificate_number or '无证号'}）" for o in r.officers)
        persons = "、".join(str(p.get("name", "")) for p in r.persons_present)
        media = "、".join(f"第{e['number']}号" for e in r.evidence)
        rows.append([r.kind_label, to_local(r.occurred_at).strftime("%Y-%m-%d %H:%M"), r.place, officers, persons,
                     str(len(r.questions)), r.signature_label, media, r.id])
    print(table(rows, ["种类", "时间", "地点", "执法人员（执法证号）", "在场人员", "问答", "签名", "录音录像", "笔录 id"]))
    return 0
