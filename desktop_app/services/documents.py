"""Documents (文书) of a case: what the state calls for, drafts, issue, void, correction, and the PDFs.

- A draft keeps only what the drafter changed (facts, reasons, the discretion explanation …) in its
  content; everything else is bound live from the case until it is issued.
- Issuing gives the 文号 now (gapless per township, type and year: the same counters, ``doc:{type}``,
  as the workflow's documents), freezes the binding context into the content, hashes it (the check
  code holds that hash) and stores the PDF in the data directory as documents/<sha256>.pdf with its
  SHA-256 in the register.
- A voided document keeps its number; a correction is a new version that refers to the old one
  (replaces_id), and issuing it voids the old.
- Documents the workflow issues (告知书, 决定书 …) are issued by their case action, which takes over
  a waiting draft of the same form; their content is frozen and their PDF stored and registered then,
  inside the action's transaction (the file first, named by its hash: a rollback or a crash leaves at
  most an unregistered file, never a registered PDF that is missing). Where that fails (a broken
  form, no fonts) the step still goes ahead and the PDF is made the first time it is needed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from desktop_app.clock import local_date
from desktop_app.documents.bindings import FIELDS
from desktop_app.documents.compose import called_for, default_texts, refusal, with_texts
from desktop_app.documents.fonts import FONT_CHOICES, FontSet, font_set
from desktop_app.documents.formspec import FormError, FormSpec, load_forms
from desktop_app.documents.qr import CheckCode
from desktop_app.documents.render import content_sha256, render_pdf
from desktop_app.domain.numbering import format_document_number
from desktop_app.domain.procedure import ACTION_LABELS, CaseAction
from desktop_app.domain.roles import Role
from desktop_app.paths import forms_dir
from desktop_app.services.actor import Actor
from desktop_app.services.cases.documents import document_pattern, void_issued
from desktop_app.services.cases.facts import find_case
from desktop_app.services.cases.queries import visible_cases
from desktop_app.services.context import AppContext
from desktop_app.services.document_context import build_context
from desktop_app.services.errors import InvalidInput, NotFound, PermissionDenied, Refused
from desktop_app.services.numbering import next_number
from desktop_app.store.models import Case, Document, Setting, Township

logger = logging.getLogger(__name__)

STATUS_LABELS = {"draft": "草稿", "issued": "已签发", "void": "已作废"}
FONT_SETTING = "documents.fonts"  # auto | bundled | windows (fonts.py)
PREPRINTED_SETTING = "documents.preprinted_on_spot_forms"
# The forms a case action issues, and that action (the procedure's rules guard them there).
WORKFLOW_ACTIONS: dict[str, CaseAction] = {
    "penalty_notice": CaseAction.NOTIFY,
    "hearing_notice": CaseAction.APPROVE,
    "penalty_decision": CaseAction.DECIDE,
    "no_penalty_decision": CaseAction.DECIDE,
    "on_spot_decision": CaseAction.DECIDE_ON_SPOT,
    "reminder": CaseAction.REMIND,
    "court_application": CaseAction.APPLY_COURT,
    "transfer_letter": CaseAction.TRANSFER,
    "criminal_transfer_letter": CaseAction.TRANSFER,
    "preservation_notice": CaseAction.PRESERVE,
}
DRAFTERS = (Role.OFFICER, Role.TEAM_LEAD, Role.LEADER)
ISSUERS = (Role.TEAM_LEAD, Role.LEADER)
# a role's own forms beyond those: the 法制审核意见书 is the legal reviewer's opinion (行政处罚法
# 第五十八条), drafted and signed by the reviewer (exploratory: the stage asked for it, nobody could make it)
OWN_FORMS: dict[Role, frozenset[str]] = {Role.LEGAL_REVIEWER: frozenset({"legal_review_opinion"})}


def drafters_of(form: str) -> tuple[Role, ...]:
    """Who may draft, edit or correct this form."""
    return DRAFTERS + tuple(role for role, forms in OWN_FORMS.items() if form in forms)


def issuers_of(form: str) -> tuple[Role, ...]:
    """Who may issue or void this form."""
    return ISSUERS + tuple(role for role, forms in OWN_FORMS.items() if form in forms)


# ------------------------------------------------------------------------------------ what is returned


@dataclass(frozen=True)
class FormInfo:
    id: str
    title: str
    type_code: str | None
    kind: str
    external: bool
    parts: list[str]
    description: str
    editable: list[str]
    issued_by_action: str | None


@dataclass(frozen=True)
class FormStatus:
    """One form for one case: whether it applies now, whether the state calls for it, why not."""

    form: FormInfo
    applies: bool
    called_for: bool
    reason: str | None
    documents: list[str]  # ids of this case's documents of the form, oldest first


@dataclass(frozen=True)
class EditableText:
    path: str
    label: str
    value: str
    edited: bool


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    case_id: str
    case_number: str | None
    form: str
    title: str
    type_code: str | None
    number: str | None
    status: str
    status_label: str
    drafted_at: datetime
    issued_at: datetime | None
    issued_by: str | None
    voided_at: datetime | None
    void_reason: str | None
    replaces_id: str | None
    replaced_by: str | None
    pdf_sha256: str | None
    content_sha256: str | None
    served_on: date | None
    texts: list[EditableText]


# ------------------------------------------------------------------------------------ forms


def forms() -> dict[str, FormSpec]:
    """The form definitions in forms/ by id (a bad file is refused with its name and the problem)."""
    try:
        return load_forms(forms_dir())
    except FormError as exc:
        raise Refused(f"文书格式定义有误：{exc}") from None


def form_info(spec: FormSpec) -> FormInfo:
    action = WORKFLOW_ACTIONS.get(spec.id)
    return FormInfo(spec.id, spec.title, spec.type_code, spec.kind, spec.external, list(spec.parts),
                    spec.description, list(spec.editable), action.value if action else None)


def list_forms() -> list[FormInfo]:
    return [form_info(f) for f in forms().values()]


def get_form(form_id: str) -> FormSpec:
    found = forms().get(form_id.strip())
    if found is None:
        raise InvalidInput("文书", f"未知的文书“{form_id}”（可用 forms 命令查看文书列表）")
    return found


# ------------------------------------------------------------------------------------ helpers


def _fonts(s: Session) -> FontSet:
    row = s.get(Setting, FONT_SETTING)
    choice = str(row.value) if row is not None else "auto"
    return font_set(choice if choice in FONT_CHOICES else "auto")


def _visible_case(s: Session, actor: Actor, ref: str) -> Case:
    case = find_case(s, ref)
    visible = s.scalar(visible_cases(select(func.count()).select_from(Case), actor).where(Case.id == case.id))
    if not visible:
        raise PermissionDenied("您无权查看此案件")
    return case


def _find_document(s: Session, actor: Actor, ref: str) -> tuple[Document, Case]:
    ref = ref.strip()
    doc = s.get(Document, ref)
    if doc is None:
        doc = s.scalar(select(Document).where(Document.number == ref).order_by(Document.drafted_at.desc()).limit(1))
    if doc is None:
        raise NotFound(f"文书“{ref}”不存在（可用文书编号 id 或文号）")
    return doc, _visible_case(s, actor, doc.case_id)


def _context(ctx: AppContext, s: Session, case: Case, doc: Document | None, form: str | None = None) -> dict[str, Any]:
    return build_context(s, case, today=ctx.clock.today(), document=doc, form=form)


def _edits(doc: Document) -> dict[str, str]:
    raw = doc.content.get("edits") if isinstance(doc.content, dict) else None
    return {str(k): str(v) for k, v in (raw or {}).items()}


def _normalise_edits(spec: FormSpec, edits: Mapping[str, str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (edits or {}).items():
        path = key if key.startswith("text.") else f"text.{key}"
        if path not in spec.editable:
            allowed = "、".join(f"{p.removeprefix('text.')}（{FIELDS[p][1]}）" for p in spec.editable) or "无"
            raise InvalidInput("可编辑内容", f"“{spec.title}”没有可编辑的“{key}”（可编辑：{allowed}）")
        out[path] = str(value).replace("\r\n", "\n").strip()
    return out


def _texts(spec: FormSpec, context: Mapping[str, Any], edits: Mapping[str, str]) -> list[EditableText]:
    defaults = default_texts(spec, context)
    return [EditableText(p, FIELDS[p][1], edits.get(p, defaults.get(p, "")), p in edits) for p in spec.editable]


def _info(s: Session, doc: Document, case: Case, texts: list[EditableText] | None = None) -> DocumentInfo:
    replaced_by = s.scalar(select(Document.id).where(Document.replaces_id == doc.id)
                           .order_by(Document.drafted_at.desc()).limit(1))
    content = doc.content if isinstance(doc.content, dict) else {}
    return DocumentInfo(
        doc.id, doc.case_id, case.number, doc.form, doc.title, doc.type_code, doc.number, doc.status,
        STATUS_LABELS.get(doc.status, doc.status), doc.drafted_at, doc.issued_at, doc.issued_by, doc.voided_at,
        doc.void_reason, doc.replaces_id, replaced_by, doc.pdf_sha256, content.get("content_sha256"), doc.served_on,
        texts or [])


def _setting_bool(s: Session, key: str, default: bool) -> bool:
    row = s.get(Setting, key)
    return bool(row.value) if row is not None else default


def _pdf_path(ctx: AppContext, sha: str) -> Path:
    return ctx.data_dir.documents / f"{sha}.pdf"


def _store_pdf(ctx: AppContext, data: bytes) -> str:
    """Write the PDF as documents/<sha256>.pdf (atomically; an existing identical file is kept)."""
    return store_pdf_in(ctx.data_dir.documents, data)[0]


def store_pdf_in(folder: Path, data: bytes) -> tuple[str, bool]:
    """Write the PDF as <folder>/<sha256>.pdf by way of a temporary name and an atomic rename, so the
    name is never seen with part of the content; an existing file of that name is the same content and
    is kept. Returns the SHA-256 and whether the file is new."""
    sha = hashlib.sha256(data).hexdigest()
    target = folder / f"{sha}.pdf"
    if target.exists():
        return sha, False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pdf-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha, True


# ------------------------------------------------------------------------------------ reading


def forms_for(ctx: AppContext, actor: Actor, case_ref: str) -> list[FormStatus]:
    """Every form, with whether it applies to the case as it stands and whether the state calls for it."""
    with ctx.read() as s:
        case = _visible_case(s, actor, case_ref)
        context = _context(ctx, s, case, None)
        by_form: dict[str, list[str]] = {}
        issued: set[str] = set()
        for doc in s.scalars(select(Document).where(Document.case_id == case.id).order_by(Document.drafted_at)):
            by_form.setdefault(doc.form, []).append(doc.id)
            if doc.status == "issued":
                issued.add(doc.form)
        out = []
        for spec in forms().values():
            why = refusal(spec, context)
            # a form already issued in force is no longer what the stage still needs (a voided one is)
            needed = called_for(spec, context) and spec.id not in issued
            out.append(FormStatus(form_info(spec), why is None, needed, why, by_form.get(spec.id, [])))
        return out


def list_documents(ctx: AppContext, actor: Actor, case_ref: str) -> list[DocumentInfo]:
    with ctx.read() as s:
        case = _visible_case(s, actor, case_ref)
        docs = s.scalars(select(Document).where(Document.case_id == case.id).order_by(Document.drafted_at))
        return [_info(s, d, case) for d in docs]


def get_document(ctx: AppContext, actor: Actor, doc_ref: str) -> DocumentInfo:
    """One document with its editable texts as they stand (the draft's edits over the defaults)."""
    with ctx.read() as s:
        doc, case = _find_document(s, actor, doc_ref)
        spec = forms().get(doc.form)
        texts: list[EditableText] = []
        if spec is not None:
            snapshot = doc.content.get("snapshot") if isinstance(doc.content, dict) else None
            context = snapshot if isinstance(snapshot, dict) else _context(ctx, s, case, doc)
            texts = _texts(spec, context, _edits(doc))
        return _info(s, doc, case, texts)


def render_form(ctx: AppContext, actor: Actor, case_ref: str, form_id: str,
                edits: Mapping[str, str] | None = None) -> bytes:
    """A draft render of a form for the case (nothing stored); refused with the reason where the form
    does not apply to the case now."""
    spec = get_form(form_id)
    with ctx.read() as s:
        case = _visible_case(s, actor, case_ref)
        context = _context(ctx, s, case, None, spec.id)
        why = refusal(spec, context)
        if why is not None:
            raise Refused(why)
        return render_pdf(spec, with_texts(spec, context, _normalise_edits(spec, edits)), _fonts(s), draft=True)


def document_pdf(ctx: AppContext, actor: Actor, doc_ref: str) -> bytes:
    """The PDF of a document: an issued one as stored (made and registered the first time for documents
    issued by the workflow), a draft rendered now, a void one with its last state marked 草稿/作废."""
    with ctx.read() as s:
        doc, case = _find_document(s, actor, doc_ref)
        spec = forms().get(doc.form)
        if spec is None:
            raise Refused(f"文书“{doc.title}”没有格式定义（forms/{doc.form}.toml）")
        if doc.status == "issued" and doc.pdf_sha256:
            return _read_stored(ctx, doc)
        if doc.status == "draft" or (doc.status == "void" and doc.issued_at is None):
            context = with_texts(spec, _context(ctx, s, case, doc), _edits(doc))
            return render_pdf(spec, context, _fonts(s), draft=True)
        if doc.status == "void" and isinstance(doc.content, dict) and "snapshot" in doc.content:
            # what it said when issued, marked 作废 (the register keeps the issued PDF as it was)
            return _render_frozen(s, spec, doc, void=True)
        if doc.status == "void":
            context = with_texts(spec, _context(ctx, s, case, doc), _edits(doc))
            return render_pdf(spec, context, _fonts(s), draft=False, void=True)
    # an issued document without a stored PDF (issued by the workflow): freeze it now
    return _freeze_pdf(ctx, actor, doc.id)


def _read_stored(ctx: AppContext, doc: Document) -> bytes:
    assert doc.pdf_sha256
    path = _pdf_path(ctx, doc.pdf_sha256)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise Refused(f"已签发文书的存档 PDF 缺失：{path.name}（请运行 verify 检查数据目录）") from None
    if hashlib.sha256(data).hexdigest() != doc.pdf_sha256:
        raise Refused(f"已签发文书的存档 PDF 与登记的 SHA-256 不符：{path.name}（文件已被改动或损坏）")
    return data


def write_pdf(ctx: AppContext, actor: Actor, doc_ref: str, out: Path) -> Path:
    data = document_pdf(ctx, actor, doc_ref)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out


# ------------------------------------------------------------------------------------ freezing


def freeze_content(s: Session, case: Case, doc: Document, *, today: date) -> None:
    """Freeze what an issued document says: the binding context (with its texts) into the content and
    the hash of the resolved content the check code carries. Used by issue and by the workflow."""
    spec = forms().get(doc.form)
    if spec is None:
        return
    context = with_texts(spec, build_context(s, case, today=today, document=doc), _edits(doc))
    context["doc"] = {**context["doc"], "is_draft": False}
    doc.content = {**(doc.content or {}), "snapshot": context, "content_sha256": content_sha256(spec, context)}


def freeze_issued_by_workflow(s: Session, case: Case, doc: Document, pdf_dir: Path | None = None) -> None:
    """Called by the workflow's issue_document inside its transaction: the content frozen and, given the
    data directory's documents folder, the PDF rendered, stored and registered now (documents.md: issuing
    freezes the PDF). A failure here must not stop a procedural step the law allows: what could not be
    done is then done the first time the PDF is needed."""
    try:
        assert doc.issued_at is not None
        freeze_content(s, case, doc, today=local_date(doc.issued_at))
    except Exception:
        logger.exception("could not freeze the content of document %s (%s)", doc.id, doc.form)
        return
    if pdf_dir is None:
        return
    spec = forms().get(doc.form)
    if spec is None or "snapshot" not in (doc.content or {}):
        return
    try:
        data = _render_frozen(s, spec, doc)
        sha, new = store_pdf_in(pdf_dir, data)
    except Exception:
        logger.exception("could not store the PDF of document %s (%s)", doc.id, doc.form)
        return
    doc.pdf_sha256 = sha
    if new:
        _forget_on_rollback(s, pdf_dir / f"{sha}.pdf")


def _forget_on_rollback(s: Session, path: Path) -> None:
    """A PDF written for a transaction that is then rolled back (the action refused after issuing) is
    registered nowhere: remove it, so the folder holds only what the register names. (A crash before the
    commit can still leave such a file; verify checks registered PDFs only, so it is harmless.)"""

    settled = False

    def remove(_session: Session) -> None:
        nonlocal settled
        if not settled:
            settled = True
            path.unlink(missing_ok=True)

    def keep(_session: Session) -> None:
        nonlocal settled
        settled = True

    event.listen(s, "after_rollback", remove)
    event.listen(s, "after_commit", keep)


def _freeze_pdf(ctx: AppContext, actor: Actor, doc_id: str) -> bytes:
    writer = actor if not actor.is_anonymous else Actor.system("documents")
    with ctx.write(writer) as uow:
        s = uow.session
        doc = s.get(Document, doc_id)
        assert doc is not None
        case = s.get(Case, doc.case_id)
        assert case is not None
        spec = forms()[doc.form]
        if not isinstance(doc.content, dict) or "snapshot" not in doc.content:
            freeze_content(s, case, doc, today=local_date(doc.issued_at) if doc.issued_at else ctx.clock.today())
        data = _render_frozen(s, spec, doc)
        sha = _store_pdf(ctx, data)
        doc.pdf_sha256 = sha
        uow.audit("document.freeze", "document", doc.id, case_id=case.id,
                  summary=f"生成并登记已签发文书的 PDF：{doc.title} {doc.number or ''}".strip(),
                  after={"pdf_sha256": sha, "content_sha256": doc.content.get("content_sha256")})
        return data


def _render_frozen(s: Session, spec: FormSpec, doc: Document, *, void: bool = False) -> bytes:
    snapshot = dict(doc.content["snapshot"])
    check = CheckCode(doc.id, doc.number or "", str(doc.content.get("content_sha256", "")))
    return render_pdf(spec, snapshot, _fonts(s), draft=False, check=check, void=void)


# ------------------------------------------------------------------------------------ the life cycle


def draft_document(ctx: AppContext, actor: Actor, case_ref: str, form_id: str,
                   edits: Mapping[str, str] | None = None, *, for_document: str | None = None,
                   form_number: str | None = None, record: str | None = None) -> DocumentInfo:
    """Start a draft of a form for the case (refused where the form does not apply now)."""
    actor.require(drafters_of(form_id), "起草文书")
    spec = get_form(form_id)
    with ctx.write(actor) as uow:
        s = uow.session
        case = _visible_case(s, actor, case_ref)
        context = _context(ctx, s, case, None, spec.id)
        why = refusal(spec, context)
        if why is not None:
            raise Refused(why)
        content: dict[str, Any] = {"edits": _normalise_edits(spec, edits)}
        if record:
            from desktop_app.store.models import ProcessRecord

            row = s.get(ProcessRecord, record.strip())
            if row is None or row.case_id != case.id:
                raise InvalidInput("笔录记录", f"本案没有记录“{record}”（可用 record list 查看）")
            content["record_id"] = row.id
            context = build_context(s, case, today=ctx.clock.today(), form=spec.id,
                                    document=Document(form=spec.id, content=content, status="draft"))
        if for_document:
            target, _ = _find_document(s, actor, for_document)
            if target.case_id != case.id:
                raise InvalidInput("送达的文书", "送达的文书不属于本案")
            content["for_document"] = target.id
        if form_number:
            content["form_number"] = form_number.strip()
        doc = Document(id=uow.new_id(), case_id=case.id, form=spec.id, title=spec.title, type_code=spec.type_code,
                       status="draft", content=content, drafted_at=uow.now)
        s.add(doc)
        s.flush()
        uow.audit("document.draft", "document", doc.id, case_id=case.id, summary=f"起草文书：{spec.title}",
                  after={"form": spec.id, "edits": sorted(content["edits"])})
        return _info(s, doc, case, _texts(spec, context, content["edits"]))


def draft_texts(ctx: AppContext, actor: Actor, case_ref: str, form_id: str) -> list[EditableText]:
    """The editable texts a new draft of the form would start with, without creating it (the 起草
    dialog creates the draft only when it is saved; refused where the form does not apply now)."""
    actor.require(drafters_of(form_id), "起草文书")
    spec = get_form(form_id)
    with ctx.read() as s:
        case = _visible_case(s, actor, case_ref)
        context = _context(ctx, s, case, None, spec.id)
        why = refusal(spec, context)
        if why is not None:
            raise Refused(why)
        return _texts(spec, context, {})


BLANK_MARK = "＿"  # a blank to fill by hand ({_:N} in a form's default text)


def unfilled_fields(ctx: AppContext, actor: Actor, doc_ref: str) -> list[str]:
    """The labels of the document's editable texts that still hold blanks "＿＿" (a date or amount left
    to fill in), so that 签发 can warn before the content is frozen."""
    return [t.label.replace("（可编辑）", "") for t in get_document(ctx, actor, doc_ref).texts if BLANK_MARK in t.value]


def update_draft(ctx: AppContext, actor: Actor, doc_ref: str, edits: Mapping[str, str], *,
                 form_number: str | None = None) -> DocumentInfo:
    """Change a draft's editable texts (an empty value goes back to the default)."""
    actor.require((*DRAFTERS, *OWN_FORMS), "修改文书草稿")  # the form's own authors: below
    with ctx.write(actor) as uow:
        s = uow.session
        doc, case = _find_document(s, actor, doc_ref)
        actor.require(drafters_of(doc.form), "修改文书草稿")
        if doc.status != "draft":
            raise Refused(f"文书“{doc.title}”已{STATUS_LABELS[doc.status]}，不能修改；如需更正请制作更正版本")
        spec = get_form(doc.form)
        current = _edits(doc)
        for path, value in _normalise_edits(spec, edits).items():
            if value:
                current[path] = value
            else:
                current.pop(path, None)
        content = {**doc.content, "edits": current}
        if form_number is not None:
            content["form_number"] = form_number.strip()
        doc.content = content
        uow.audit("document.edit", "document", doc.id, case_id=case.id, summary=f"修改文书草稿：{doc.title}",
                  after={"edits": sorted(current)})
        return _info(s, doc, case, _texts(spec, _context(ctx, s, case, doc), current))


def _number(s: Session, spec: FormSpec, doc: Document, year: int) -> None:
    """The 文号 at issue: the pre-printed form's number for the on-the-spot decision when the office
    uses them (setting), else the next of the township's counter for the type and year."""
    if spec.preprinted_number and _setting_bool(s, PREPRINTED_SETTING, True):
        number = str(doc.content.get("form_number") or "").strip()
        if not number:
            raise InvalidInput("预印表单编号", "须填写预印当场处罚决定书的编号（行政处罚法第五十二条）")
        doc.number = number
        return
    if spec.type_code is None:
        return
    township = s.scalar(select(Township).limit(1))
    prefix = township.doc_prefix if township else ""
    n = next_number(s, f"doc:{spec.type_code}", year)
    doc.number_year, doc.number_seq = year, n
    doc.number = format_document_number(prefix, spec.type_code, year, n, document_pattern(s))


def issue_document(ctx: AppContext, actor: Actor, doc_ref: str) -> DocumentInfo:
    """Issue a draft: the 文号 now, the content frozen and hashed, the PDF stored with its SHA-256."""
    actor.require((*ISSUERS, *OWN_FORMS), "签发文书")  # the form's own authors: below
    with ctx.write(actor) as uow:
        s = uow.session
        doc, case = _find_document(s, actor, doc_ref)
        actor.require(issuers_of(doc.form), "签发文书")
        if doc.status != "draft":
            raise Refused(f"文书“{doc.title}”已{STATUS_LABELS[doc.status]}，不能再签发")
        spec = get_form(doc.form)
        action = WORKFLOW_ACTIONS.get(spec.id)
        if action is not None and doc.replaces_id is None:
            raise Refused(f"“{spec.title}”随案件操作“{ACTION_LABELS[action]}”签发（由办案流程检查程序要求），"
                          "草稿会在该操作时采用")
        if doc.replaces_id is None:  # a correction of an issued document is always possible
            why = refusal(spec, _context(ctx, s, case, None, spec.id))
            if why is not None:
                raise Refused(why)
        now = uow.now
        doc.status = "issued"
        doc.issued_at = now
        doc.issued_by = actor.login
        _number(s, spec, doc, local_date(now).year)
        s.flush()
        freeze_content(s, case, doc, today=local_date(now))
        data = _render_frozen(s, spec, doc)
        doc.pdf_sha256 = _store_pdf(ctx, data)
        replaced = s.get(Document, doc.replaces_id) if doc.replaces_id else None
        if replaced is not None and replaced.status == "issued":
            replaced.status = "void"
            replaced.voided_at = now
            replaced.void_reason = f"已更正，由{doc.number or '新版本'}（{doc.id}）替代"
            uow.audit("document.void", "document", replaced.id, case_id=case.id,
                      summary=f"更正后作废：{replaced.title} {replaced.number or ''}".strip(),
                      after={"reason": replaced.void_reason})
        uow.audit("document.issue", "document", doc.id, case_id=case.id,
                  summary=f"签发文书：{doc.title} {doc.number or ''}".strip(),
                  after={"number": doc.number, "pdf_sha256": doc.pdf_sha256,
                         "content_sha256": doc.content.get("content_sha256"), "replaces": doc.replaces_id})
        return _info(s, doc, case)


def void_document(ctx: AppContext, actor: Actor, doc_ref: str, reason: str) -> DocumentInfo:
    """Void a document: it keeps its number (the register stays gapless) and is marked void with the reason."""
    actor.require(ISSUERS, "作废文书")
    if not reason.strip():
        raise InvalidInput("作废理由", "须填写作废理由")
    with ctx.write(actor) as uow:
        s = uow.session
        doc, case = _find_document(s, actor, doc_ref)
        if doc.status == "void":
            raise Refused(f"文书“{doc.title}”已作废")
        void_issued(uow, doc, reason.strip())
        return _info(s, doc, case)


def correct_document(ctx: AppContext, actor: Actor, doc_ref: str) -> DocumentInfo:
    """A correction (更正): a new draft of the same form that refers to the issued one; issuing it gives
    a new number and voids the old document (书面补正)."""
    actor.require((*DRAFTERS, *OWN_FORMS), "制作更正文书")
    with ctx.write(actor) as uow:
        s = uow.session
        old, case = _find_document(s, actor, doc_ref)
        actor.require(drafters_of(old.form), "制作更正文书")
        if old.status != "issued":
            raise Refused("只有已签发的文书才能更正；草稿可直接修改")
        pending = s.scalar(select(Document.id).where(Document.replaces_id == old.id, Document.status == "draft"))
        if pending is not None:
            raise Refused(f"该文书已有待签发的更正草稿（{pending}）")
        spec = get_form(old.form)
        # the old document's own options (the workflow's penalty, amount …) and edits, not its frozen state
        content = {k: v for k, v in (old.content or {}).items() if k not in ("snapshot", "content_sha256")}
        content["edits"] = _edits(old)
        doc = Document(id=uow.new_id(), case_id=case.id, form=old.form, title=old.title, type_code=old.type_code,
                       status="draft", content=content, drafted_at=uow.now, replaces_id=old.id)
        s.add(doc)
        s.flush()
        uow.audit("document.correct", "document", doc.id, case_id=case.id,
                  summary=f"制作更正文书：{old.title} {old.number or ''}".strip(), after={"replaces": old.id})
        return _info(s, doc, case, _texts(spec, _context(ctx, s, case, doc), _edits(doc)))


def adopt_draft(s: Session, case: Case, form: str) -> Document | None:
    """The waiting draft of a form the workflow is about to issue (the documents tab's edits carry over)."""
    return s.scalar(select(Document).where(
        Document.case_id == case.id, Document.form == form, Document.status == "draft",
        Document.replaces_id.is_(None)).order_by(Document.drafted_at.desc()).limit(1))


# ------------------------------------------------------------------------------------ review


@dataclass(frozen=True)
class ReviewPdf:
    name: str  # a file stem: order, form, status
    form: str
    title: str
    status: str  # 草稿 / 已签发 / 未起草（按当前案情生成）
    document_id: str | None
    pdf: bytes


def review_pdfs(ctx: AppContext, actor: Actor, ref: str) -> list[ReviewPdf]:
    """PDFs to look over: for a case, every issued document and every other form that applies now (its
    latest draft, else a fresh draft render); for a document, that document."""
    with ctx.read() as s:
        try:
            case = _visible_case(s, actor, ref)
        except NotFound:
            case = None
        if case is None:
            doc, _ = _find_document(s, actor, ref)
            single = (doc.id, doc.form, doc.title, STATUS_LABELS.get(doc.status, doc.status))
        else:
            rows = list(s.scalars(select(Document).where(Document.case_id == case.id)
                                  .order_by(Document.drafted_at)))
            case_id = case.id
    if case is None:
        return [ReviewPdf(f"{single[1]}-{single[0][:8]}", single[1], single[2], single[3], single[0],
                          document_pdf(ctx, actor, single[0]))]
    out: list[ReviewPdf] = []
    for n, status in enumerate(forms_for(ctx, actor, case_id), 1):
        spec_id = status.form.id
        issued = [d for d in rows if d.form == spec_id and d.status == "issued"]
        drafts = [d for d in rows if d.form == spec_id and d.status == "draft"]
        if not issued and not status.applies:
            continue
        if issued:
            for d in issued:
                out.append(ReviewPdf(f"{n:02d}-{spec_id}-{d.id[:8]}", spec_id, d.title, "已签发", d.id,
                                     document_pdf(ctx, actor, d.id)))
        elif drafts:
            d = drafts[-1]
            out.append(ReviewPdf(f"{n:02d}-{spec_id}-draft", spec_id, d.title, "草稿", d.id,
                                 document_pdf(ctx, actor, d.id)))
        else:
            out.append(ReviewPdf(f"{n:02d}-{spec_id}", spec_id, status.form.title, "未起草，按当前案情生成", None,
                                 render_form(ctx, actor, case_id, spec_id)))
    return out


def check_code(ctx: AppContext, actor: Actor, payload: str) -> tuple[bool, str]:
    """Check a scanned check code against the register: the document, its 文号 and its content hash."""
    from desktop_app.documents.qr import parse_payload

    try:
        code = parse_payload(payload.strip())
    except ValueError as exc:
        return False, str(exc)
    with ctx.read() as s:
        doc = s.get(Document, code.document_id)
        if doc is None:
            return False, "登记簿中没有这份文书"
        _visible_case(s, actor, doc.case_id)
        content = doc.content if isinstance(doc.content, dict) else {}
        if (doc.number or "") != code.number:
            return False, f"文号不符：登记簿为“{doc.number or '无'}”"
        if content.get("content_sha256") != code.content_sha256:
            return False, "内容摘要与登记簿不符：这不是该文书签发时的内容"
        if doc.status == "void":
            return False, f"文书已作废（{doc.void_reason or ''}）"
        return True, f"核验通过：{doc.title} {doc.number or ''}，签发于 {local_date(doc.issued_at) if doc.issued_at else ''}"


@dataclass(frozen=True)
class StoredPdfProblem:
    document_id: str
    number: str | None
    problem: str


def registered_pdf_count(ctx: AppContext) -> int:
    with ctx.read() as s:
        return int(s.scalar(select(func.count()).select_from(Document).where(Document.pdf_sha256.is_not(None))) or 0)


def check_stored_pdfs(ctx: AppContext) -> list[StoredPdfProblem]:
    """Every issued document's registered PDF is in the data directory with its SHA-256 (for `verify`)."""
    problems: list[StoredPdfProblem] = []
    with ctx.read() as s:
        rows = list(s.execute(select(Document.id, Document.number, Document.pdf_sha256)
                              .where(Document.pdf_sha256.is_not(None))))
    for doc_id, number, sha in rows:
        if sha is None:
            continue
        path = _pdf_path(ctx, sha)
        if not path.is_file():
            problems.append(StoredPdfProblem(doc_id, number, f"存档 PDF 缺失：{path.name}"))
            continue
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != sha:
            problems.append(StoredPdfProblem(doc_id, number,
                                              f"存档 PDF 与登记的 SHA-256 不符：{path.name}（文件已被改动或损坏）"))
    return problems
