"""送达 (issue: Case workflow, requirement 4): the five methods of 民事诉讼法 第八十七条至第九十五条,
each recorded with its proof; no service without a proof; a 催告书 only directly (行政强制法
第三十八条); and the date of service — not the date of the document — starts the later periods."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.services.cases.queries import show_case
from desktop_app.services.errors import InvalidInput, NotFound, Refused
from desktop_app.store.models import DocumentService
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import conclude_and_review, decide_fine, open_case, to_decided_fine, waive_both


def services(w: Walker, document_id: str) -> list[DocumentService]:
    with w.ctx.read() as s:
        rows = list(s.scalars(select(DocumentService).where(DocumentService.document_id == document_id)))
        s.expunge_all()
        return rows


def notice(w: Walker) -> str:
    """A case notified on Thursday 2026-09-03 (not served yet); returns the notice's id."""
    open_case(w, date(2026, 9, 1))
    conclude_and_review(w, date(2026, 9, 2))
    n = w.do("demo-lead", "notify", "2026-09-03 09:00", penalty="fine", amount=1000, hearing_rights=True)
    assert n.document_id
    return n.document_id


@pytest.mark.parametrize(("method", "served_on", "statement_due"), [
    ("direct", date(2026, 9, 3), date(2026, 9, 8)),  # 直接送达, 送达回证
    ("left", date(2026, 9, 3), date(2026, 9, 8)),  # 留置送达, witness or photo/video
    ("post", date(2026, 9, 3), date(2026, 9, 8)),  # 邮寄送达, the return slip's date
    ("electronic", date(2026, 9, 3), date(2026, 9, 8)),  # 电子送达, with the party's consent
    # 公告送达: served 30 days after (民事诉讼法 第九十五条) — 10-03, in the National Day holiday;
    # the statement period then runs 10-08, 10-09, 10-10 (a Saturday worked)
    ("public", date(2026, 10, 3), date(2026, 10, 10)),
])
def test_each_method_is_recorded_with_its_proof(walker: Walker, method: str, served_on: date,
                                                 statement_due: date) -> None:
    w = walker
    doc = notice(w)
    result = w.serve("demo-officer1", doc, "2026-09-03 15:00", method=method)
    assert result.state == "notified"  # other documents are served without moving the case
    [row] = services(w, doc)
    sha = hashlib.sha256(w.proof.read_bytes()).hexdigest()
    assert (row.method, row.handed_on, row.served_on) == (method, date(2026, 9, 3), served_on)
    assert row.proof_sha256 == sha and row.proof_name == w.proof.name
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert [d.served_on for d in detail.documents if d.id == doc] == [served_on]
    assert {(e["purpose"], e["sha256"]) for e in detail.evidence} >= {("service_proof", sha)}
    serve_event = [e for e in detail.timeline if e.action == "serve"][-1]
    assert serve_event.data["method"] == method and serve_event.data["served_on"] == served_on.isoformat()
    # the statement period counts from the day of service
    deadlines = {d.kind: d for d in detail.deadlines}
    assert deadlines["statement"].due == statement_due


def test_no_service_without_a_proof(walker: Walker, tmp_path: Path) -> None:
    w = walker
    doc = notice(w)
    with pytest.raises(InvalidInput, match="须提供送达凭证文件"):
        w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="direct")
    with pytest.raises(InvalidInput, match="送达凭证文件不存在"):
        w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="direct",
             proof=tmp_path / "missing.jpg")
    with pytest.raises(InvalidInput, match="送达方式"):
        w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="fax", proof=w.proof)
    with pytest.raises(InvalidInput, match="须指明送达的文书"):
        w.do("demo-officer1", "serve", "2026-09-03 15:00", method="direct", proof=w.proof)
    with pytest.raises(NotFound, match="本案没有文书"):
        w.do("demo-officer1", "serve", "2026-09-03 15:00", document="文水刘罚告字〔2026〕第9号", method="direct",
             proof=w.proof)
    # nor before the document was issued (the party's periods would end before they began)
    with pytest.raises(Refused, match="不能早于文书签发日期（2026-09-03）"):
        w.do("demo-officer1", "serve", "2026-09-02 15:00", document=doc, method="direct", proof=w.proof)
    assert services(w, doc) == []
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert [d.served_on for d in detail.documents if d.id == doc] == [None]
    assert "statement" not in {d.kind for d in detail.deadlines}
    # without the notice served, no decision (第四十四条)
    with pytest.raises(Refused, match="尚未送达"):
        decide_fine(w, date(2026, 9, 30))
    # with its proof, by its 文号
    w.serve("demo-officer1", "文水刘罚告字〔2026〕第1号", "2026-09-03 15:00")
    assert len(services(w, doc)) == 1


def test_the_decision_served_moves_the_case_and_starts_the_payment_period(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2026, 9, 1))  # decided 2026-09-14
    assert decided.document_id
    with pytest.raises(InvalidInput):
        w.do("demo-officer1", "serve", "2026-09-15 10:00", document=decided.document_id, method="post")
    assert show_case(w.ctx, w.who("demo-leader"), w.case_id).state == "decided"
    # by post: served on the return slip's date, 09-18; payment 15 days → 10-03 (holiday) → 10-08
    assert w.serve("demo-officer1", decided.document_id, "2026-09-18 10:00", method="post").state == "served"
    deadlines = {d.kind: d for d in show_case(w.ctx, w.who("demo-leader"), w.case_id).deadlines}
    assert deadlines["service"].met_on == date(2026, 9, 18)
    assert deadlines["payment"].due == date(2026, 10, 8)


def test_a_reminder_is_served_directly_only(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2026, 9, 1))
    w.serve("demo-officer1", decided.document_id, "2026-09-15 10:00")  # payment due 09-30
    reminded = w.do("demo-officer1", "remind", "2026-10-08 09:00")
    assert reminded.document_id
    for method in ("left", "post", "electronic", "public"):
        with pytest.raises(Refused, match="催告书应当直接送达当事人（行政强制法第三十八条）"):
            w.serve("demo-officer1", reminded.document_id, "2026-10-08 15:00", method=method)
    assert services(w, reminded.document_id) == []
    w.serve("demo-officer1", reminded.document_id, "2026-10-09 10:00", method="direct")
    [row] = services(w, reminded.document_id)
    assert row.method == "direct" and row.served_on == date(2026, 10, 9)
    # the 10 working days run from the day it was served: 10-10 (Saturday worked), 10-12 … 10-22
    deadlines = {d.kind: d for d in show_case(w.ctx, w.who("demo-leader"), w.case_id).deadlines}
    assert deadlines["reminder"].due == date(2026, 10, 22)


def test_the_date_of_service_starts_the_statement_window(walker: Walker) -> None:
    w = walker
    doc = notice(w)  # notified 09-03
    w.serve("demo-officer1", doc, "2026-09-10 15:00", method="post")  # received 09-10 (Thursday)
    # 3 working days from 09-10: 09-11, 09-14, 09-15 — not from the notice's date
    w.do("demo-officer1", "waive", "2026-09-11 09:00", what="hearing", proof=w.proof)
    with pytest.raises(Refused, match="陈述申辩期限尚未届满（至 2026-09-15）"):
        decide_fine(w, date(2026, 9, 15))
    assert decide_fine(w, date(2026, 9, 16)).state == "decided"


def test_public_service_delays_every_window_by_30_days(walker: Walker) -> None:
    w = walker
    doc = notice(w)
    w.serve("demo-officer1", doc, "2026-09-03 15:00", method="public")  # served 10-03
    # the hearing request window: 10-08, 10-09, 10-10, 10-12, 10-13
    deadlines = {d.kind: d for d in show_case(w.ctx, w.who("demo-leader"), w.case_id).deadlines}
    assert deadlines["hearing_request"].due == date(2026, 10, 13)
    with pytest.raises(Refused, match="陈述申辩期限尚未届满（至 2026-10-10）"):
        decide_fine(w, date(2026, 10, 9))
    with pytest.raises(Refused, match="听证申请期限尚未届满（至 2026-10-13）"):
        decide_fine(w, date(2026, 10, 12))
    assert decide_fine(w, date(2026, 10, 14)).state == "decided"


def test_waivers_and_requests_count_only_after_service(walker: Walker) -> None:
    w = walker
    doc = notice(w)
    with pytest.raises(Refused, match="尚未送达"):
        w.do("demo-officer1", "request_hearing", "2026-09-04 09:00")
    w.serve("demo-officer1", doc, "2026-09-04 10:00")
    waive_both(w, date(2026, 9, 5))
    assert decide_fine(w, date(2026, 9, 5)).state == "decided"


# -- what each method needs besides its proof (law-check.md 7) ------------------------------------


def test_left_service_needs_the_refusal_and_a_witness_or_a_photo(walker: Walker, tmp_path: Path) -> None:
    """民事诉讼法 第八十九条: 记明拒收事由; a witness from the 基层组织 or work unit, or photo/video."""
    w = walker
    doc = notice(w)
    receipt = tmp_path / "送达回证.pdf"
    receipt.write_bytes(b"%PDF-1.4 scan")
    with pytest.raises(InvalidInput, match="拒收事由"):
        w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="left", proof=receipt)
    with pytest.raises(Refused, match=r"见证人.*拍照、录像.*民事诉讼法第八十九条"):
        w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="left", proof=receipt,
             reason="当事人拒绝签收")
    assert services(w, doc) == []
    w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="left", proof=receipt,
         reason="当事人拒绝签收", witness="保贤村村委会 李某")
    [row] = services(w, doc)
    assert row.note == "拒收事由：当事人拒绝签收；见证人：保贤村村委会 李某"
    event = [e for e in show_case(w.ctx, w.who("demo-leader"), w.case_id).timeline if e.action == "serve"][-1]
    assert event.data["witness"] == "保贤村村委会 李某" and event.data["reason"] == "当事人拒绝签收"
    # a photograph of the document left at the door stands in for the witness
    n2 = w.do("demo-lead", "notify", "2026-09-04 09:00", penalty="fine", amount=1000, hearing_rights=True)
    assert n2.document_id
    w.do("demo-officer1", "serve", "2026-09-04 15:00", document=n2.document_id, method="left", proof=w.proof,
         reason="当事人拒绝签收")
    assert services(w, n2.document_id)[0].note == "拒收事由：当事人拒绝签收；以拍照、录像记录送达过程"


def test_electronic_service_needs_the_partys_signed_consent(walker: Walker, tmp_path: Path) -> None:
    """行政处罚法 第六十一条第二款: 当事人同意并签订确认书的 — once on file, it serves later documents."""
    w = walker
    doc = notice(w)
    with pytest.raises(Refused, match="确认书（行政处罚法第六十一条第二款）"):
        w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="electronic", proof=w.proof)
    consent = tmp_path / "电子送达确认书.pdf"
    consent.write_bytes(b"%PDF-1.4 signed consent")
    w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="electronic", proof=w.proof,
         consent=consent)
    purposes = {e["purpose"] for e in show_case(w.ctx, w.who("demo-leader"), w.case_id).evidence}
    assert "service_consent" in purposes
    n2 = w.do("demo-lead", "notify", "2026-09-04 09:00", penalty="fine", amount=1000, hearing_rights=True)
    assert n2.document_id
    w.do("demo-officer1", "serve", "2026-09-04 15:00", document=n2.document_id, method="electronic", proof=w.proof)
    assert services(w, n2.document_id)[0].method == "electronic"


def test_public_service_records_why(walker: Walker) -> None:
    """民事诉讼法 第九十五条: 受送达人下落不明, or the other ways failed — the reasons on file."""
    w = walker
    doc = notice(w)
    with pytest.raises(InvalidInput, match="公告送达的原因"):
        w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="public", proof=w.proof)
    w.do("demo-officer1", "serve", "2026-09-03 15:00", document=doc, method="public", proof=w.proof,
         reason="当事人下落不明")
    assert services(w, doc)[0].note == "公告原因：当事人下落不明"
