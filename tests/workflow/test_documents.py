"""The documents' life cycle through the services: drafts edited, issued with a gapless 文号 (the same
counters as the workflow's documents), the PDF frozen and stored with its SHA-256, voided with the number
kept, corrected by a new version; the workflow's own documents frozen at issue and renderable; a draft
taken over by the action that issues its form; the pre-printed number of the on-the-spot decision."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date

import pypdf
import pytest
from sqlalchemy import select

from desktop_app.services import documents as docs
from desktop_app.services.cases import documents as case_docs
from desktop_app.services.cases.queries import show_case
from desktop_app.services.errors import InvalidInput, PermissionDenied, Refused
from desktop_app.services.settings import set_setting
from desktop_app.store.models import AuditRecord, Case, Document
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import HANDLERS, open_case, t, to_decided_fine


def text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def test_draft_edit_issue_freezes_the_pdf_with_its_number_and_hash(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 3))
    officer, lead = w.who("demo-officer1"), w.who("demo-lead")
    draft = docs.draft_document(w.ctx, officer, w.case_id, "rectification_notice",
                                {"rectification": "立即停止焚烧并于2026年9月1日前清理现场"})
    assert draft.status == "draft" and draft.number is None
    draft = docs.update_draft(w.ctx, officer, draft.id, {"facts": "2026年8月1日，当事人在保贤村南地块露天焚烧秸秆。"})
    assert {t.path: t.edited for t in draft.texts} == {"text.facts": True, "text.rectification": True}
    assert "草稿" in text(docs.document_pdf(w.ctx, officer, draft.id))
    with pytest.raises(PermissionDenied, match="签发文书"):
        docs.issue_document(w.ctx, officer, draft.id)
    issued = docs.issue_document(w.ctx, lead, draft.id)
    assert issued.number == "文水刘责改字〔2026〕第1号" and issued.status == "issued"
    stored = w.ctx.data_dir.documents / f"{issued.pdf_sha256}.pdf"
    data = stored.read_bytes()
    assert hashlib.sha256(data).hexdigest() == issued.pdf_sha256
    assert docs.document_pdf(w.ctx, officer, issued.id) == data
    body = text(data)
    assert "文水刘责改字〔2026〕第1号" in body and "清理现场" in body and "草稿" not in body
    assert issued.content_sha256 and len(issued.content_sha256) == 64
    with pytest.raises(Refused, match="不能修改"):
        docs.update_draft(w.ctx, officer, issued.id, {"facts": "改"})
    ok, message = docs.check_code(w.ctx, officer, f"EDOC1;id={issued.id};no={issued.number};"
                                                  f"sha256={issued.content_sha256}")
    assert ok, message
    ok, message = docs.check_code(w.ctx, officer, f"EDOC1;id={issued.id};no={issued.number};sha256={'0' * 64}")
    assert not ok and "不符" in message
    assert docs.check_stored_pdfs(w.ctx) == []
    stored.write_bytes(data + b"%")
    assert [p.document_id for p in docs.check_stored_pdfs(w.ctx)] == [issued.id]
    with pytest.raises(Refused, match="SHA-256 不符"):
        docs.document_pdf(w.ctx, officer, issued.id)


def test_numbers_are_gapless_per_type_and_year_and_void_keeps_its_number(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 3))
    officer, lead = w.who("demo-officer1"), w.who("demo-lead")
    numbers = []
    for _ in range(3):
        d = docs.draft_document(w.ctx, officer, w.case_id, "rectification_notice")
        numbers.append(docs.issue_document(w.ctx, lead, d.id).number)
    assert numbers == [f"文水刘责改字〔2026〕第{n}号" for n in (1, 2, 3)]
    first = docs.list_documents(w.ctx, officer, w.case_id)[0]
    voided = docs.void_document(w.ctx, lead, first.id, "送达前发现当事人名称有误")
    assert voided.status == "void" and voided.number == numbers[0] and voided.void_reason
    marked = text(docs.document_pdf(w.ctx, officer, voided.id))
    assert "已作废" in marked and numbers[0] in marked
    d = docs.draft_document(w.ctx, officer, w.case_id, "rectification_notice")
    assert docs.issue_document(w.ctx, lead, d.id).number == "文水刘责改字〔2026〕第4号"
    with w.ctx.read() as s:
        seqs = sorted(x.number_seq for x in s.scalars(select(Document).where(Document.type_code == "责改")))
    assert seqs == [1, 2, 3, 4]
    with pytest.raises(InvalidInput, match="作废理由"):
        docs.void_document(w.ctx, lead, d.id, " ")


def test_a_correction_is_a_new_version_referring_to_the_old(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 3))
    officer, lead = w.who("demo-officer1"), w.who("demo-lead")
    d = docs.draft_document(w.ctx, officer, w.case_id, "rectification_notice", {"rectification": "立即改正"})
    old = docs.issue_document(w.ctx, lead, d.id)
    other = docs.draft_document(w.ctx, officer, w.case_id, "rectification_notice")
    with pytest.raises(Refused, match="已签发的文书才能更正"):
        docs.correct_document(w.ctx, officer, other.id)
    fix = docs.correct_document(w.ctx, officer, old.id)
    assert fix.replaces_id == old.id and fix.status == "draft"
    assert {t.path: t.value for t in fix.texts}["text.rectification"] == "立即改正"
    docs.update_draft(w.ctx, officer, fix.id, {"rectification": "立即停止违法行为，限期三日内改正"})
    new = docs.issue_document(w.ctx, lead, fix.id)
    assert new.number != old.number
    old_now = docs.get_document(w.ctx, officer, old.id)
    assert old_now.status == "void" and new.number and new.number in (old_now.void_reason or "")
    assert old_now.replaced_by == new.id and old_now.number == old.number


def test_the_workflows_documents_are_frozen_at_issue_and_render(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2026, 8, 3), 1000)
    reader = w.who("demo-supervisor")
    with w.ctx.read() as s:
        notice = s.scalar(select(Document).where(Document.case_id == w.case_id, Document.form == "penalty_notice"))
        decision = s.get(Document, decided.document_id)
        assert notice is not None and decision is not None
        assert "snapshot" in notice.content and len(notice.content["content_sha256"]) == 64
        assert decision.content["snapshot"]["decision"]["penalty_text"] == "罚款人民币1000元（大写：壹仟元整）"
        # issuing froze the PDF too: stored by its hash and registered in the same transaction
        assert notice.pdf_sha256 and decision.pdf_sha256
        stored = w.ctx.data_dir.documents / f"{decision.pdf_sha256}.pdf"
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == decision.pdf_sha256
    data = docs.document_pdf(w.ctx, reader, decided.document_id)
    assert data == stored.read_bytes()
    body = text(data)
    assert decided.document_number and decided.document_number in body
    for needed in ("王某某", "142322198001010010", "罚款人民币1000元（大写：壹仟元整）", "焚烧面积一般，按一般档次裁量",
                   "文水县人民政府申请行政复议", "《中华人民共和国行政处罚法》第七十二条"):
        assert needed in body, needed
    info = docs.get_document(w.ctx, reader, decided.document_id)
    assert info.pdf_sha256 == hashlib.sha256(data).hexdigest()
    assert docs.document_pdf(w.ctx, reader, decided.document_id) == data
    assert docs.check_stored_pdfs(w.ctx) == []


def test_a_workflow_document_without_its_pdf_is_frozen_the_first_time_it_is_needed(walker: Walker) -> None:
    """Issued documents from before the PDF was made at issue (and demo documents) have no PDF yet."""
    w = walker
    decided = to_decided_fine(w, date(2026, 8, 3), 1000)
    with w.ctx.write(w.who("demo-admin")) as uow:
        doc = uow.session.get(Document, decided.document_id)
        assert doc is not None
        doc.pdf_sha256 = None
    reader = w.who("demo-supervisor")
    data = docs.document_pdf(w.ctx, reader, decided.document_id)
    assert docs.get_document(w.ctx, reader, decided.document_id).pdf_sha256 == hashlib.sha256(data).hexdigest()
    with w.ctx.read() as s:
        assert s.scalar(select(AuditRecord).where(AuditRecord.action == "document.freeze",
                                                  AuditRecord.entity_id == decided.document_id)) is not None


def test_an_action_refused_after_issuing_leaves_no_pdf_behind(walker: Walker) -> None:
    """The PDF is written inside the action's transaction; when the action is then refused, the file it
    wrote is removed with the rollback, and nothing is registered."""
    w = walker
    to_decided_fine(w, date(2026, 8, 3), 1000)
    before = set(w.ctx.data_dir.documents.glob("*.pdf"))
    with pytest.raises(RuntimeError, match="refused after issuing"), w.ctx.write(w.who("demo-lead")) as uow:
        case = uow.session.get(Case, w.case_id)
        assert case is not None
        doc = case_docs.issue_document(uow.session, case, "reminder", at=uow.now, by="demo-lead",
                                       new_id=uow.new_id(), pdf_dir=w.ctx.data_dir.documents)
        assert doc.pdf_sha256 and (w.ctx.data_dir.documents / f"{doc.pdf_sha256}.pdf").is_file()
        raise RuntimeError("refused after issuing")
    assert set(w.ctx.data_dir.documents.glob("*.pdf")) == before
    with w.ctx.read() as s:
        assert s.scalar(select(Document).where(Document.form == "reminder")) is None


def test_a_draft_is_taken_over_by_the_action_that_issues_its_form(walker: Walker) -> None:
    w = walker
    start = date(2026, 8, 3)
    open_case(w, start)
    w.do("demo-officer1", "conclude", t(date(2026, 8, 13), "09:00"), findings="事实清楚")
    w.do("demo-lead", "review_case", t(date(2026, 8, 13), "10:00"), outcome="passed", opinion="同意")
    draft = docs.draft_document(w.ctx, w.who("demo-officer1"), w.case_id, "penalty_notice",
                                {"facts": "2026年8月2日，当事人在保贤村南地块露天焚烧玉米秸秆约五亩。"})
    with pytest.raises(Refused, match="随案件操作“告知”签发"):
        docs.issue_document(w.ctx, w.who("demo-lead"), draft.id)
    notice = w.do("demo-lead", "notify", t(date(2026, 8, 14), "09:00"), penalty="fine", amount=800,
                  hearing_rights=True)
    assert notice.document_id == draft.id
    body = text(docs.document_pdf(w.ctx, w.who("demo-lead"), draft.id))
    assert "露天焚烧玉米秸秆约五亩" in body and "罚款人民币800元" in body and notice.document_number in body


def test_the_notice_lists_the_笔录_as_evidence_when_no_evidence_item_is_on_file(walker: Walker) -> None:
    """行政处罚法第四十六条: 勘验笔录、现场笔录 are evidence; a case investigated by 笔录 alone must not
    print an empty 证据 list."""
    w = walker
    start = date(2026, 8, 3)
    open_case(w, start)  # a 现场检查（勘验）笔录 on 8月3日, no evidence item
    w.record(t(date(2026, 8, 5), "10:00"))
    w.do("demo-officer1", "conclude", t(date(2026, 8, 13), "09:00"), findings="事实清楚")
    w.do("demo-lead", "review_case", t(date(2026, 8, 13), "10:00"), outcome="passed", opinion="同意")
    notice = w.do("demo-lead", "notify", t(date(2026, 8, 14), "09:00"), penalty="fine", amount=800,
                  hearing_rights=True)
    body = re.sub(r"\s+", "", text(docs.document_pdf(w.ctx, w.who("demo-lead"), notice.document_id or "")))
    assert "1.2026年8月3日现场检查（勘验）笔录；2.2026年8月5日现场检查（勘验）笔录。" in body


def test_render_is_refused_with_the_reason_where_the_form_does_not_apply(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 3))
    lead = w.who("demo-lead")
    with pytest.raises(Refused, match="不适用于“调查取证”状态"):
        docs.render_form(w.ctx, lead, w.case_id, "penalty_decision")
    with pytest.raises(Refused, match="先行登记保存"):
        docs.draft_document(w.ctx, lead, w.case_id, "preservation_notice")
    with pytest.raises(InvalidInput, match="未知的文书"):
        docs.render_form(w.ctx, lead, w.case_id, "no_such_form")
    statuses = {s.form.id: s for s in docs.forms_for(w.ctx, lead, w.case_id)}
    assert statuses["inspection_record"].called_for and statuses["rectification_notice"].applies
    assert not statuses["penalty_decision"].applies and statuses["penalty_decision"].reason


def test_on_the_spot_decision_carries_the_preprinted_form_number(walker: Walker) -> None:
    w = walker
    w.new(item="SR-01", on="2026-09-01 10:00")
    spot = w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS),
                penalty="warning", form_number="晋当罚2026000123")
    assert spot.document_number == "晋当罚2026000123"
    body = text(docs.document_pdf(w.ctx, w.who("demo-officer1"), spot.document_id or ""))
    assert "编号：晋当罚2026000123" in body and "当场作出如下行政处罚：警告" in body
    # the office's own cycle: a draft on a clue takes the pre-printed number at issue …
    w.new(on="2026-09-02 10:00")
    lead = w.who("demo-lead")
    draft = docs.draft_document(w.ctx, lead, w.case_id, "on_spot_decision")
    with pytest.raises(Refused, match="随案件操作"):
        docs.issue_document(w.ctx, lead, draft.id)


def test_a_preprinted_form_number_serves_once(walker: Walker) -> None:
    w = walker
    w.new(item="SR-01", on="2026-09-01 10:00")
    w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS), penalty="warning",
         form_number="晋当罚2026000200")
    w.new(item="SR-01", on="2026-09-03 10:00")
    with pytest.raises(Refused, match=r"“晋当罚2026000200”已于 2026-09-01 用于对王某某的当场处罚决定.*只能使用一次"):
        w.do("demo-officer2", "decide_on_spot", "2026-09-03 10:30", officers=list(HANDLERS), penalty="warning",
             form_number=" 晋当罚2026000200 ")
    assert w.do("demo-officer2", "decide_on_spot", "2026-09-03 10:30", officers=list(HANDLERS), penalty="warning",
                form_number="晋当罚2026000201").state == "served"


def test_on_the_spot_number_setting_off_uses_the_counter(walker: Walker) -> None:
    w = walker
    set_setting(w.ctx, w.who("demo-admin"), "documents.preprinted_on_spot_forms", "否")
    w.new(item="SR-01", on="2026-09-01 10:00")
    spot = w.do("demo-officer1", "decide_on_spot", "2026-09-01 10:30", officers=list(HANDLERS),
                penalty="warning", form_number="晋当罚2026000124")
    lead = w.who("demo-lead")
    fix = docs.correct_document(w.ctx, lead, spot.document_id or "")
    assert docs.issue_document(w.ctx, lead, fix.id).number == "文水刘当罚字〔2026〕第1号"


def test_service_receipt_names_the_document_served(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2026, 8, 3), 1000)
    lead = w.who("demo-lead")
    receipt = docs.draft_document(w.ctx, lead, w.case_id, "service_receipt", for_document=decided.document_id)
    body = text(docs.document_pdf(w.ctx, lead, receipt.id))
    assert "行政处罚决定书" in body and (decided.document_number or "") in body and "王某某" in body


def test_who_may_draft_and_issue(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 3))
    with pytest.raises(PermissionDenied, match="起草文书"):
        docs.draft_document(w.ctx, w.who("demo-supervisor"), w.case_id, "rectification_notice")
    d = docs.draft_document(w.ctx, w.who("demo-officer1"), w.case_id, "rectification_notice")
    with pytest.raises(PermissionDenied, match="作废文书"):
        docs.void_document(w.ctx, w.who("demo-officer1"), d.id, "不需要")
    assert docs.void_document(w.ctx, w.who("demo-leader"), d.id, "不需要").status == "void"


def test_the_office_and_the_bank_account_from_settings_are_printed(walker: Walker) -> None:
    w = walker
    admin = w.who("demo-admin")
    for key, value in [("documents.office_address", "文水县刘胡兰镇人民政府一楼执法队"),
                       ("documents.office_phone", "0358-3456789"), ("documents.office_contact", "李明"),
                       ("documents.payment_bank", "中国农业银行文水县支行"),
                       ("documents.payment_account_name", "文水县财政局非税收入汇缴结算户"),
                       ("documents.payment_account_number", "14046101040012345")]:
        set_setting(w.ctx, admin, key, value)
    with pytest.raises(InvalidInput, match="须为银行账号"):
        set_setting(w.ctx, admin, "documents.payment_account_number", "农行账户")
    decided = to_decided_fine(w, date(2026, 8, 3), 1000)
    reader = w.who("demo-supervisor")
    decision = text(docs.document_pdf(w.ctx, reader, decided.document_id or ""))
    assert ("持本决定书到中国农业银行文水县支行（户名：文水县财政局非税收入汇缴结算户，账号：14046101040012345）缴纳罚款"
            in decision)
    notice = next(d for d in docs.list_documents(w.ctx, reader, w.case_id) if d.form == "penalty_notice")
    body = text(docs.document_pdf(w.ctx, reader, notice.id))
    assert "本机关地址：文水县刘胡兰镇人民政府一楼执法队" in body and "联系人：李明" in body and "0358-3456789" in body
    # a person is addressed as 你 (an organisation as 你单位), not the form's 你（单位）
    assert "你（单位）" not in body and "你有权进行陈述和申辩" in body


def test_the_transfer_letter_is_addressed_to_the_receiving_authority(walker: Walker) -> None:
    """移送书 name their addressee (主送机关): to a department by `transfer`, and to the judicial organs by
    `decide --kind transfer`, which issues the 涉嫌犯罪案件移送书 like `transfer --to judicial` does."""
    w = walker
    w.new(on="2026-09-01 09:00")
    w.do("demo-lead", "accept", "2026-09-01 10:00")
    moved = w.do("demo-leader", "transfer", "2026-09-02 10:00", to="department", receiver="文水县自然资源局",
                 reason="属于自然资源部门管辖")
    assert not moved.warnings
    body = text(docs.document_pdf(w.ctx, w.who("demo-leader"), moved.document_id or ""))
    assert "案件移送书" in body and "文水县自然资源局：" in body
    # through the decision: the judicial organs get the criminal form, its receiver in the heading
    open_case(w, date(2026, 9, 1))
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="涉嫌犯罪")
    w.do("demo-lead", "review_case", "2026-09-10 10:00", outcome="passed", opinion="同意")
    w.do("demo-leader", "approve", "2026-09-11 09:00", what="transfer", outcome="granted", reason="涉嫌犯罪")
    decided = w.do("demo-leader", "decide", "2026-09-11 10:00", kind="transfer", to="judicial",
                   receiver="文水县公安局", explanation="焚烧物品数量巨大，涉嫌污染环境罪")
    assert decided.state == "transferred"
    doc = next(d for d in show_case(w.ctx, w.who("demo-leader"), w.case_id).documents if d.id == decided.document_id)
    assert doc.form == "criminal_transfer_letter"
    body = text(docs.document_pdf(w.ctx, w.who("demo-leader"), doc.id))
    assert "涉嫌犯罪案件移送书" in body and "文水县公安局：" in body
    events = show_case(w.ctx, w.who("demo-leader"), w.case_id).timeline
    assert events[-1].data["to"] == "judicial" and events[-1].data["receiver"] == "文水县公安局"


def test_a_transfer_without_its_receiver_says_the_line_is_left_blank(walker: Walker) -> None:
    w = walker
    w.new(on="2026-09-01 09:00")
    moved = w.do("demo-leader", "transfer", "2026-09-02 10:00", to="department", reason="属于其他部门管辖")
    assert any("未填写接收机关" in x for x in moved.warnings)


def test_the_decision_names_the_day_the_notice_was_served_not_issued(walker: Walker) -> None:
    """第四十四条: the decision recites when the 事先告知书 reached the party — the day of service, which
    starts the statement period, not the day it was signed."""
    from tests.workflow.test_paths import conclude_and_review, decide_fine, waive_both

    w = walker
    open_case(w, date(2026, 8, 3))
    conclude_and_review(w, date(2026, 8, 20))
    notice = w.do("demo-lead", "notify", t(date(2026, 8, 24)), penalty="fine", amount=1000, hearing_rights=True)
    w.serve("demo-officer1", notice.document_id, t(date(2026, 8, 26), "15:00"))
    waive_both(w, date(2026, 8, 27))
    decided = decide_fine(w, date(2026, 8, 28))
    assert decided.document_id
    body = text(docs.document_pdf(w.ctx, w.who("demo-leader"), decided.document_id))
    assert "本机关于2026年8月26日向" in body and "本机关于2026年8月24日向" not in body


def test_a_document_is_not_served_before_the_time_it_was_issued(walker: Walker) -> None:
    """Same day, earlier hour: the 告知书 issued at 10:00 cannot have been served at 09:30."""
    from tests.workflow.test_paths import conclude_and_review

    w = walker
    open_case(w, date(2026, 8, 3))
    conclude_and_review(w, date(2026, 8, 20))
    notice = w.do("demo-lead", "notify", t(date(2026, 8, 24), "10:00"), penalty="fine", amount=1000,
                  hearing_rights=True)
    with pytest.raises(Refused, match=r"送达时间（2026-08-24 09:30）不能早于文书签发时间（2026-08-24 10:00）"):
        w.serve("demo-officer1", notice.document_id, t(date(2026, 8, 24), "09:30"))
    assert w.serve("demo-officer1", notice.document_id, t(date(2026, 8, 24), "10:30")).state == "notified"


def test_the_legal_reviewer_makes_the_legal_review_opinion(walker: Walker) -> None:
    """The 法制审核意见书 is the reviewer's own opinion (第五十八条): drafted and signed by the reviewer,
    who makes no other document (exploratory: the stage asked for it and nobody could make it)."""
    from tests.workflow.test_paths import conclude_and_review, notify_and_serve, waive_both

    w = walker
    open_case(w, date(2026, 9, 1), item="DQ-02")  # a major item: 法制审核 required
    conclude_and_review(w, date(2026, 9, 10))
    notify_and_serve(w, date(2026, 9, 11))
    waive_both(w, date(2026, 9, 14))
    w.do("demo-officer1", "submit_review", t(date(2026, 9, 15)))
    w.do("demo-reviewer", "legal_review", t(date(2026, 9, 16)), outcome="passed", opinion="事实清楚，同意")
    reviewer = w.who("demo-reviewer")
    draft = docs.draft_document(w.ctx, reviewer, w.case_id, "legal_review_opinion")
    issued = docs.issue_document(w.ctx, reviewer, draft.id)
    assert issued.status == "issued"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(
        docs.document_pdf(w.ctx, reviewer, issued.id))).pages)
    assert "事实清楚，同意" in text
    with pytest.raises(PermissionDenied):
        docs.draft_document(w.ctx, reviewer, w.case_id, "rectification_notice")
    with pytest.raises(PermissionDenied):
        docs.void_document(w.ctx, reviewer, issued.id, "写错了")
