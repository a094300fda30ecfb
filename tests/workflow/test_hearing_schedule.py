"""The hearing's time and place (行政处罚法第六十四条): the leader who names the host names when and
where, no sooner than seven working days ahead (第八十五条); the 听证通知书 prints both; a new
designation voids the notice it replaces; the hearing is not held before the day the party was told."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdf
import pytest

from desktop_app.services import documents as docs
from desktop_app.services.cases.queries import show_case
from desktop_app.services.errors import InvalidInput, Refused
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import conclude_and_review, notify_and_serve, open_case

PLACE = "刘胡兰镇政府三楼会议室"


def _requested(w: Walker) -> None:
    """A case whose party asked for a hearing on Monday 2026-09-07."""
    open_case(w, date(2026, 8, 3))
    conclude_and_review(w, date(2026, 8, 20))
    notify_and_serve(w, date(2026, 9, 3))
    w.do("demo-officer1", "request_hearing", "2026-09-07 09:00")


def _designate(w: Walker, on: str, when: str, host: str = "demo-officer3", place: str = PLACE) -> str:
    result = w.do("demo-leader", "approve", on, what="hearing_host", outcome="granted", host=host,
                  reason="指定听证主持人", hearing_time=when, hearing_place=place)
    assert result.document_id
    return result.document_id


def _pdf_text(w: Walker, doc_id: str) -> str:
    reader = pypdf.PdfReader(io.BytesIO(docs.document_pdf(w.ctx, w.who("demo-leader"), doc_id)))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def test_the_host_is_named_with_the_time_and_place_of_the_hearing(walker: Walker) -> None:
    w = walker
    _requested(w)
    with pytest.raises(InvalidInput, match=r"须填写听证时间.*第六十四条"):
        w.do("demo-leader", "approve", "2026-09-08 09:00", what="hearing_host", outcome="granted",
             host="demo-officer3", hearing_place=PLACE)
    with pytest.raises(InvalidInput, match="须填写听证地点"):
        w.do("demo-leader", "approve", "2026-09-08 09:00", what="hearing_host", outcome="granted",
             host="demo-officer3", hearing_time="2026-09-21 09:00")
    # from Tuesday 09-08 seven working days: 09-09 … 09-11, 09-14 … 09-17 — the 17th at the soonest
    with pytest.raises(Refused, match="最早定于 2026-09-17（行政处罚法第六十四条、第八十五条）"):
        _designate(w, "2026-09-08 09:00", "2026-09-16 09:00")
    notice = _designate(w, "2026-09-08 09:00", "2026-09-17 14:30")
    text = _pdf_text(w, notice)
    assert "2026年9月17日14时30分" in text and PLACE in text
    timeline = show_case(w.ctx, w.who("demo-leader"), w.case_id).timeline
    assert timeline[-1].data["hearing_time"] == "2026-09-17T14:30+08:00"
    assert timeline[-1].data["hearing_place"] == PLACE


def test_a_new_designation_voids_the_notice_it_replaces(walker: Walker) -> None:
    w = walker
    _requested(w)
    first = _designate(w, "2026-09-08 09:00", "2026-09-18 09:00")
    w.serve("demo-officer1", first, "2026-09-08 15:00")
    # not dated before the notice it replaces (the same day, an hour earlier)
    with pytest.raises(Refused, match="早于它所取代的听证通知书"):
        w.do("demo-leader", "approve", "2026-09-08 08:00", what="hearing_host", outcome="granted",
             host="demo-reviewer", hearing_time="2026-09-22 09:00", hearing_place=PLACE)
    # the host falls ill: another host, another day — the first notice no longer holds
    result = w.do("demo-leader", "approve", "2026-09-10 09:00", what="hearing_host", outcome="granted",
                  host="demo-reviewer", reason="原主持人因病不能主持", hearing_time="2026-09-22 09:00",
                  hearing_place=PLACE)
    old = docs.get_document(w.ctx, w.who("demo-leader"), first)
    assert old.status == "void" and "以新的听证通知书为准" in (old.void_reason or "")
    assert any(old.number and old.number in warning for warning in result.warnings)
    with pytest.raises(Refused, match="听证通知书尚未送达当事人"):
        w.do("demo-reviewer", "hold_hearing", "2026-09-22 09:00", outcome="held", record=w.proof)
    assert result.document_id
    w.serve("demo-officer1", result.document_id, "2026-09-10 15:00")
    # 送达 09-10, seven working days: the 21st; the hearing was set for the 22nd
    with pytest.raises(Refused, match="不能提前举行听证"):
        w.do("demo-reviewer", "hold_hearing", "2026-09-21 09:00", outcome="held", record=w.proof)
    with pytest.raises(Refused, match="负责人指定的听证主持人"):  # the first host is no longer the host
        w.do("demo-officer3", "hold_hearing", "2026-09-22 09:00", outcome="held", record=w.proof)
    assert w.do("demo-reviewer", "hold_hearing", "2026-09-22 09:00", outcome="held",
                record=w.proof).state == "notified"


def test_a_hearing_held_after_the_day_notified_is_recorded_with_a_warning(walker: Walker) -> None:
    w = walker
    _requested(w)
    notice = _designate(w, "2026-09-08 09:00", "2026-09-18 09:00")
    w.serve("demo-officer1", notice, "2026-09-08 15:00")
    held = w.do("demo-officer3", "hold_hearing", "2026-09-21 09:00", outcome="held", record=w.proof)
    assert held.state == "notified"
    assert any("2026-09-18 之后举行" in warning for warning in held.warnings)


def test_the_documents_tab_stops_asking_for_the_notice_once_issued(walker: Walker) -> None:
    w = walker
    _requested(w)
    lead = w.who("demo-lead")
    needed = {f.form.id for f in docs.forms_for(w.ctx, lead, w.case_id) if f.called_for}
    assert "hearing_notice" in needed
    first = _designate(w, "2026-09-08 09:00", "2026-09-18 09:00")
    needed = {f.form.id for f in docs.forms_for(w.ctx, lead, w.case_id) if f.called_for}
    assert "hearing_notice" not in needed and "hearing_record" in needed
    docs.void_document(w.ctx, w.who("demo-leader"), first, "主持人回避")
    needed = {f.form.id for f in docs.forms_for(w.ctx, lead, w.case_id) if f.called_for}
    assert "hearing_notice" in needed  # voided: the stage needs one again


def test_the_duties_a_user_still_has_are_named_before_the_account_is_disabled(walker: Walker) -> None:
    from desktop_app.services.cases.queries import open_duties

    w = walker
    _requested(w)
    number = show_case(w.ctx, w.who("demo-leader"), w.case_id).number
    assert f"{number}：承办人" in open_duties(w.ctx, "demo-officer1")
    assert open_duties(w.ctx, "demo-officer3") == []
    _designate(w, "2026-09-08 09:00", "2026-09-18 09:00")
    assert open_duties(w.ctx, "demo-officer3") == [f"{number}：听证主持人（听证尚未举行）"]
    w.do("demo-leader", "approve", "2026-09-09 09:00", what="hearing_host", outcome="granted", host="demo-reviewer",
         hearing_time="2026-09-21 09:00", hearing_place=PLACE)
    assert open_duties(w.ctx, "demo-officer3") == []  # named again: the duty went to the new host
    assert open_duties(w.ctx, "demo-reviewer") == [f"{number}：听证主持人（听证尚未举行）"]
