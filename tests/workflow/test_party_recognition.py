"""A party is recognised by its identifier (身份证号 / 统一社会信用代码), however it is typed; each case
keeps the party as it stood when the case was registered, so a later change of address updates the
party register but never rewrites an earlier case or its documents."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from sqlalchemy import func, select

from desktop_app.services.cases.queries import show_case
from desktop_app.services.documents import document_pdf
from desktop_app.services.parties import PartyInput, search_parties
from desktop_app.store.models import Party
from tests.workflow.conftest import ORG, PERSON, Walker
from tests.workflow.test_paths import conclude_and_review, open_case


def test_the_same_identifier_is_the_same_party_and_old_cases_keep_their_snapshot(walker: Walker) -> None:
    w = walker
    first = w.new(on="2026-08-03 09:00")
    # the same ID number with spaces and the person's new address, a year later
    moved = PartyInput("person", " 142322 19800101 0010 ", "王某某", "文水县凤城镇新建路8号", "13900000000")
    second = w.new(on="2026-09-03 09:00", party=moved)
    with w.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Party)
                        .where(Party.identifier == "142322198001010010")) == 1
    old = show_case(w.ctx, w.who("demo-leader"), first).parties[0]
    new = show_case(w.ctx, w.who("demo-leader"), second).parties[0]
    assert old["id"] == new["id"] and new["identifier"] == "142322198001010010"
    assert old["address"] == PERSON.address and new["address"] == "文水县凤城镇新建路8号"
    [found] = search_parties(w.ctx, "王某某")
    assert found.address == "文水县凤城镇新建路8号" and found.phone == "13900000000"
    # a blank field of the later entry does not erase what was known
    w.new(on="2026-09-04 09:00", party=PartyInput("person", "142322198001010010", "王某某"))
    [found] = search_parties(w.ctx, "王某某")
    assert found.address == "文水县凤城镇新建路8号"


def test_a_notice_issued_before_a_renaming_keeps_the_old_name(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 8, 3), party=ORG)
    conclude_and_review(w, date(2026, 8, 13))
    notice = w.do("demo-lead", "notify", "2026-08-14 09:00", penalty="fine", amount=1000, hearing_rights=True)
    case = w.case_id
    # the company renamed itself; its credit code typed in lower case
    renamed = PartyInput("organisation", ORG.identifier.lower(), "文水县某某农牧科技有限公司", "文水县刘胡兰镇", "",
                         "李某")
    later = w.new(on="2026-09-03 09:00", party=renamed)
    detail = show_case(w.ctx, w.who("demo-leader"), case)
    assert detail.parties[0]["name"] == ORG.name
    assert show_case(w.ctx, w.who("demo-leader"), later).parties[0]["id"] == detail.parties[0]["id"]
    pdf = document_pdf(w.ctx, w.who("demo-leader"), notice.document_id or "")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"{ORG.name}：" in text and "农牧科技" not in text
