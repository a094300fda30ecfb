"""CLI commands: forms, render, and document draft | edit | issue | void | correct | list | show | get |
pages (CLI.md, "Documents"). The rules live in services/documents.py; `pages` rasterises with QtPdf
(desktop_app/ui/pdf_raster.py), so it works the same on Windows."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from desktop_app.cli.common import Invocation, add_json, table
from desktop_app.clock import to_local
from desktop_app.services import documents as docs_service
from desktop_app.services.errors import InvalidInput


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    f = sub.add_parser("forms", help="标准执法文书列表（forms/ 中的格式定义）")
    add_json(f)
    f.set_defaults(handler=_forms)

    r = sub.add_parser("render", help="按案件当前情况生成文书草稿 PDF（不保存）；文书不适用时拒绝并说明理由")
    r.add_argument("case", metavar="CASE", help="案件编号 id 或案号")
    r.add_argument("form", metavar="FORM", help="文书代码（见 forms）")
    r.add_argument("--out", required=True, help="输出的 PDF 文件")
    _add_set(r)
    r.set_defaults(handler=_render)

    d = sub.add_parser("document", help="文书：起草、修改、签发、作废、更正、列表、导出")
    ds = d.add_subparsers(dest="document_command", metavar="子命令")

    draft = ds.add_parser("draft", help="起草文书（可编辑的内容用 --set 填写，签发时给文号）")
    draft.add_argument("case", metavar="CASE")
    draft.add_argument("form", metavar="FORM")
    _add_set(draft)
    draft.add_argument("--for", dest="for_document", help="送达回证：送达的文书（文书编号或文号）")
    draft.add_argument("--form-number", help="当场处罚决定书：预印表单的编号")
    draft.add_argument("--record", help="笔录：所依据的全过程记录（record list 中的编号；默认最近一份）")
    add_json(draft)
    draft.set_defaults(handler=_draft)

    edit = ds.add_parser("edit", help="修改草稿的可编辑内容（值为空时恢复默认）")
    edit.add_argument("doc", metavar="DOC", help="文书编号 id 或文号")
    _add_set(edit)
    edit.add_argument("--form-number", help="当场处罚决定书：预印表单的编号")
    add_json(edit)
    edit.set_defaults(handler=_edit)

    issue = ds.add_parser("issue", help="签发：给文号，冻结 PDF 并登记其 SHA-256")
    issue.add_argument("doc", metavar="DOC")
    add_json(issue)
    issue.set_defaults(handler=_issue)

    void = ds.add_parser("void", help="作废（保留文号，注明理由）")
    void.add_argument("doc", metavar="DOC")
    void.add_argument("--reason", required=True, help="作废理由")
    add_json(void)
    void.set_defaults(handler=_void)

    correct = ds.add_parser("correct", help="更正：制作引用原文书的新版本草稿，签发后原文书作废")
    correct.add_argument("doc", metavar="DOC")
    add_json(correct)
    correct.set_defaults(handler=_correct)

    lst = ds.add_parser("list", help="本案的文书（草稿、已签发、已作废）")
    lst.add_argument("case", metavar="CASE")
    lst.add_argument("--forms", action="store_true", help="同时列出各文书是否适用、当前阶段是否需要")
    add_json(lst)
    lst.set_defaults(handler=_list)

    show = ds.add_parser("show", help="一份文书的登记信息和可编辑内容")
    show.add_argument("doc", metavar="DOC")
    add_json(show)
    show.set_defaults(handler=_show)

    get = ds.add_parser("get", help="导出文书 PDF（已签发的为登记的存档件）")
    get.add_argument("doc", metavar="DOC")
    get.add_argument("--out", required=True, help="输出的 PDF 文件")
    get.set_defaults(handler=_get)

    pages = ds.add_parser("pages", help="把文书逐页导出为 PNG 图片供检查（案件：所有适用的文书；文书：该文书）")
    pages.add_argument("ref", metavar="CASE|DOC", help="案件编号/案号，或文书编号/文号")
    pages.add_argument("--out", required=True, help="输出目录")
    pages.add_argument("--dpi", type=int, default=110, help="分辨率（默认 110）")
    add_json(pages)
    pages.set_defaults(handler=_pages)


def _add_set(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="字段=内容",
                        help="可编辑内容，如 --set facts=经查明…（可多次；字段见 document show）")


def _edits(sets: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in sets:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput("--set", f"--set 应写成 字段=内容，收到“{item}”")
        out[key.strip()] = value.replace("\\n", "\n")
    return out


def _when(value: Any) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _forms(inv: Invocation) -> int:
    forms = docs_service.list_forms()

    def text(_: object) -> str:
        rows = [[f.id, f.title, f.type_code or "", "表格" if f.kind == "table" else "文书",
                 "、".join(f.parts)] for f in forms]
        return table(rows, ["代码", "文书名称", "文号代字", "类别", "联次"])

    return inv.emit(forms, text)


def _render(inv: Invocation) -> int:
    a = inv.args
    data = docs_service.render_form(inv.ctx, inv.actor, a.case, a.form, _edits(a.sets))
    out = Path(a.out).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"已生成草稿：{out}")
    return 0


def _doc_text(d: docs_service.DocumentInfo) -> str:
    lines = [f"{d.title}　{d.number or '（未编号）'}　{d.status_label}", f"文书编号：{d.id}"]
    if d.issued_at:
        lines.append(f"签发：{_when(d.issued_at)}（{d.issued_by}）")
    if d.pdf_sha256:
        lines.append(f"PDF SHA-256：{d.pdf_sha256}")
    if d.content_sha256:
        lines.append(f"内容 SHA-256（核验码）：{d.content_sha256}")
    if d.void_reason:
        lines.append(f"作废：{_when(d.voided_at)}，理由：{d.void_reason}")
    if d.replaces_id:
        lines.append(f"更正自：{d.replaces_id}")
    if d.replaced_by:
        lines.append(f"已由更正版本替代：{d.replaced_by}")
    for t in d.texts:
        mark = "（已修改）" if t.edited else ""
        lines.append(f"[{t.path.removeprefix('text.')}] {t.label}{mark}：{t.value}")
    return "\n".join(lines)


def _draft(inv: Invocation) -> int:
    a = inv.args
    d = docs_service.draft_document(inv.ctx, inv.writer(), a.case, a.form, _edits(a.sets),
                                    for_document=a.for_document, form_number=a.form_number, record=a.record)
    return inv.emit(d, lambda x: f"已起草：{x.title}\n文书编号：{x.id}")


def _edit(inv: Invocation) -> int:
    a = inv.args
    d = docs_service.update_draft(inv.ctx, inv.writer(), a.doc, _edits(a.sets), form_number=a.form_number)
    return inv.emit(d, _doc_text)


def _issue(inv: Invocation) -> int:
    d = docs_service.issue_document(inv.ctx, inv.writer(), inv.args.doc)
    return inv.emit(d, lambda x: f"已签发：{x.title} {x.number or ''}".rstrip() + f"\nPDF SHA-256：{x.pdf_sha256}")


def _void(inv: Invocation) -> int:
    d = docs_service.void_document(inv.ctx, inv.writer(), inv.args.doc, inv.args.reason)
    return inv.emit(d, lambda x: f"已作废：{x.title} {x.number or ''}（文号保留）".replace("  ", " "))


def _correct(inv: Invocation) -> int:
    d = docs_service.correct_document(inv.ctx, inv.writer(), inv.args.doc)
    return inv.emit(d, lambda x: f"已制作更正草稿：{x.title}\n文书编号：{x.id}（签发后原文书作废）")


def _list(inv: Invocation) -> int:
    a = inv.args
    documents = docs_service.list_documents(inv.ctx, inv.actor, a.case)
    statuses = docs_service.forms_for(inv.ctx, inv.actor, a.case) if a.forms else None
    if inv.json:
        data: Any = documents if statuses is None else {"documents": documents, "forms": statuses}
        return inv.emit(data)
    lines = [table([[d.title, d.number or "", d.status_label, _when(d.drafted_at), _when(d.issued_at),
                     d.served_on.isoformat() if d.served_on else "", d.id] for d in documents],
                   ["文书", "文号", "状态", "起草", "签发", "送达", "文书编号"])]
    if statuses is not None:
        lines.append("")
        lines.append(table([[s.form.id, s.form.title, "适用" if s.applies else "不适用",
                             "本阶段需要" if s.called_for else "", s.reason or ""] for s in statuses],
                           ["代码", "文书", "适用", "当前阶段", "说明"]))
    print("\n".join(lines))
    return 0


def _show(inv: Invocation) -> int:
    return inv.emit(docs_service.get_document(inv.ctx, inv.actor, inv.args.doc), _doc_text)


def _get(inv: Invocation) -> int:
    out = docs_service.write_pdf(inv.ctx, inv.actor, inv.args.doc, Path(inv.args.out).expanduser())
    print(f"已导出：{out}")
    return 0


def _safe(name: str) -> str:
    return re.sub(r"[^\w\u4e00-\u9fff〔〕-]+", "_", name).strip("_")


def _pages(inv: Invocation) -> int:
    from desktop_app.ui.pdf_raster import rasterise

    a = inv.args
    if not 30 <= a.dpi <= 600:
        raise InvalidInput("--dpi", "分辨率应在 30 至 600 之间")
    out = Path(a.out).expanduser()
    written: list[dict[str, Any]] = []
    for item in docs_service.review_pdfs(inv.ctx, inv.actor, a.ref):
        files = rasterise(item.pdf, out, _safe(item.name), a.dpi)
        written.append({"form": item.form, "title": item.title, "status": item.status, "document_id": item.document_id,
                        "pages": [str(p) for p in files]})

    def text(_: object) -> str:
        lines = [f"{w['title']}（{w['status']}）：{len(w['pages'])} 页" for w in written]
        lines.append(f"共 {sum(len(w['pages']) for w in written)} 页，已写入 {out}")
        return "\n".join(lines)

    return inv.emit(written, text)
