"""Issue #14 additions through the services: the publicity (公示) deadline and the `publish` action
(行政处罚法 第四十八条), fines per 平方米 or as a multiple of a base (--quantity, --base-value), a case
reviewer designated by the leader (approve --what case_reviewer), events entered in date order, and
the review's outcome kept with its event."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pypdf
import pytest

from desktop_app.services import documents as docs
from desktop_app.services.cases.actions import confirm_transfer_receipt
from desktop_app.services.cases.queries import show_case
from desktop_app.services.errors import InvalidInput, Refused
from desktop_app.services.settings import set_setting
from desktop_app.services.users import add_user
from tests.workflow.conftest import Walker, at
from tests.workflow.test_deadlines_service import deadlines, overdue_ids, status
from tests.workflow.test_paths import (
    conclude_and_review,
    notify_and_serve,
    open_case,
    t,
    to_decided_fine,
    waive_both,
)


def pdf_text(w: Walker, document_id: str) -> str:
    reader = pypdf.PdfReader(io.BytesIO(docs.document_pdf(w.ctx, w.who("demo-supervisor"), document_id)))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def timeline(w: Walker, action: str) -> list[dict[str, object]]:
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    return [e.data for e in detail.timeline if e.action == action]


# =============================================================================== 公示 (第四十八条)


def test_publicity_deadline_starts_with_the_penalty_decision_and_spans_national_day(walker: Walker) -> None:
    w = walker
    decided = to_decided_fine(w, date(2026, 9, 15))  # decided Monday 2026-09-28
    d = deadlines(w)["publicity"]
    # 7 working days, not counting the day: 09-29, 09-30, (10-01..10-07 off), 10-08, 10-09,
    # 10-10 (a 调休 Saturday), 10-12, 10-13
    assert d.due == date(2026, 10, 13)
    assert d.counting == "working" and "第四十八条" in d.article
    assert status(w, "publicity", date(2026, 10, 13)) == "due_soon"
    assert status(w, "publicity", date(2026, 10, 14)) == "overdue"
    assert w.case_id in overdue_ids(w, date(2026, 10, 14))
    # serving the decision is not publishing it
    w.serve("demo-officer1", decided.document_id, "2026-09-29 10:00")
    assert status(w, "publicity", date(2026, 10, 14)) == "overdue"
    result = w.do("demo-officer1", "publish", "2026-10-13 09:00", channel="政府网站",
                  url="http://www.wenshui.gov.cn/gs/1")
    assert result.state == result.from_state == "served"  # recorded, staying in the same state
    d = deadlines(w, date(2026, 10, 14))["publicity"]
    assert d.status == "met" and d.met_on == date(2026, 10, 13)
    assert w.case_id not in overdue_ids(w, date(2026, 10, 14))
    data = timeline(w, "publish")[0]
    assert data["channel"] == "政府网站" and data["url"] == "http://www.wenshui.gov.cn/gs/1"
    assert data["published_on"] == "2026-10-13"


def test_publicity_late_is_met_late_and_its_length_is_a_setting(walker: Walker) -> None:
    w = walker
    set_setting(w.ctx, w.who("demo-admin"), "deadline.publicity_working_days", "3")
    to_decided_fine(w, date(2026, 9, 15))
    assert deadlines(w)["publicity"].due == date(2026, 10, 8)  # 09-29, 09-30, 10-08
    w.do("demo-lead", "publish", "2026-10-20 09:00", channel="公示栏")  # a team lead may record it
    d = deadlines(w, date(2026, 10, 21))["publicity"]
    assert d.status == "met" and d.met_on == date(2026, 10, 20)


def test_publish_who_when_and_what(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    with pytest.raises(Refused, match="当前状态“调查取证”不能进行“公示”"):
        w.do("demo-officer1", "publish", "2026-09-02 09:00", channel="政府网站")
    to_decided_fine(w, date(2026, 9, 1))  # a new case, decided on 2026-09-14
    # an officer who does not handle the case may not record it
    with pytest.raises(Refused, match=r"只有本案承办人或.*可以进行“公示”"):
        w.do("demo-officer3", "publish", "2026-09-15 09:00", channel="政府网站")
    with pytest.raises(InvalidInput, match="公示渠道"):
        w.do("demo-officer1", "publish", "2026-09-15 09:00")
    # not before the decision it publishes
    with pytest.raises(Refused, match="早于"):
        w.do("demo-officer1", "publish", "2026-09-13 09:00", channel="政府网站")
    assert w.do("demo-officer1", "publish", "2026-09-15 09:00", channel="公示栏").state == "decided"


def test_no_publicity_for_a_no_penalty_decision(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    conclude_and_review(w, date(2026, 9, 11))
    w.do("demo-leader", "decide", t(date(2026, 9, 14)), kind="no_penalty", ground="first_offence",
         explanation="首次违法，危害后果轻微并及时改正")
    assert "publicity" not in deadlines(w)
    with pytest.raises(Refused, match="只有作出的行政处罚决定才须公示（行政处罚法第四十八条）"):
        w.do("demo-officer1", "publish", t(date(2026, 9, 15)), channel="政府网站")


# =============================================================================== per ㎡ and multiples


def _ready_major(w: Walker, item: str, start: date, amount: int) -> date:
    """A major item (法制审核 required) up to the passed legal review; returns the day of decision."""
    open_case(w, start, item=item)
    conclude_and_review(w, start + timedelta(days=10))
    notify_and_serve(w, start + timedelta(days=11), amount=amount)
    waive_both(w, start + timedelta(days=12))
    day = start + timedelta(days=13)
    w.do("demo-officer1", "submit_review", t(day, "08:00"))
    w.do("demo-reviewer", "legal_review", t(day, "09:00"), outcome="passed", opinion="同意")
    return day


def _decide(w: Walker, day: date, amount: int, **kw: object) -> object:
    return w.do("demo-leader", "decide", t(day, "10:00"), kind="penalty", penalty="fine", amount=amount,
                tier="general", explanation="按一般档次裁量", **kw)


def test_fine_per_square_metre_gh01(walker: Walker) -> None:
    w = walker
    day = _ready_major(w, "GH-01", date(2026, 9, 1), 3000)
    with pytest.raises(InvalidInput, match=r"按面积计算罚款，决定罚款时须填写违法面积（平方米）"):
        _decide(w, day, 3000)
    # 120 ㎡ × 20–30 元 (一般档) = 2 400–3 600 元
    with pytest.raises(Refused, match="超出该事项的法定幅度 每平方米 10—50 元（40 平方米"):
        _decide(w, day, 3000, quantity="40")  # 40 ㎡: at most 2 000 元 in the law's 50 元/㎡
    with pytest.raises(InvalidInput, match="面积"):
        _decide(w, day, 3000, quantity="-5")
    assert _decide(w, day, 3000, quantity="120").state == "decided"  # type: ignore[attr-defined]
    data = timeline(w, "decide")[0]
    assert data["quantity"] == "120" and data["amount"] == "3000" and "base_value" not in data
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    decision = next(d for d in detail.documents if d.form == "penalty_decision")
    assert decision.status == "issued"
    # the decision document states what the fine was computed from
    assert "本案罚款按违法面积120平方米计算" in pdf_text(w, decision.id)


def test_fine_per_square_metre_td03(walker: Walker) -> None:
    w = walker
    day = _ready_major(w, "TD-03", date(2026, 9, 1), 4000)
    with pytest.raises(InvalidInput, match="违法面积") as refused:
        _decide(w, day, 4000)
    assert refused.value.option == "--quantity"
    assert _decide(w, day, 4000, quantity="10").state == "decided"  # type: ignore[attr-defined]


def test_fine_as_a_multiple_gh07_and_ly01(walker: Walker) -> None:
    w = walker
    day = _ready_major(w, "GH-07", date(2026, 9, 1), 7000)
    with pytest.raises(InvalidInput, match=r"按建设工程造价的倍数计算罚款，决定罚款时须填写建设工程造价（元）"):
        _decide(w, day, 7000)
    # 100 000 元 × 0.05–0.1 = 5 000–10 000 元; 一般档 0.06–0.075 = 6 000–7 500 元
    with pytest.raises(Refused):
        _decide(w, day, 7000, base_value="50000")  # at most 5 000 元
    assert _decide(w, day, 7000, base_value="100000").state == "decided"  # type: ignore[attr-defined]
    data = timeline(w, "decide")[0]
    assert data["base"] == "建设工程造价" and data["base_value"] == "100000"
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    decision = next(d for d in detail.documents if d.form == "penalty_decision")
    assert "本案罚款按建设工程造价100000元计算" in pdf_text(w, decision.id)

    w.new(on="2026-09-01 08:00")
    day = _ready_major(w, "LY-01", date(2026, 9, 1), 7500)
    with pytest.raises(InvalidInput, match="滥伐林木价值（元）"):
        _decide(w, day, 7500)
    assert _decide(w, day, 7500, base_value="2000").state == "decided"  # type: ignore[attr-defined]
    assert timeline(w, "decide")[0]["base"] == "滥伐林木价值"


def test_notice_may_state_the_area(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1), item="GH-01")
    conclude_and_review(w, date(2026, 9, 11))
    w.do("demo-lead", "notify", t(date(2026, 9, 14)), penalty="fine", amount=3000, hearing_rights=True,
         quantity="120")
    assert timeline(w, "notify")[0]["quantity"] == "120"


# =============================================================================== designated case reviewer


def test_a_designated_non_handler_reviews_the_case(walker: Walker) -> None:
    w = walker
    add_user(w.ctx, w.who("demo-admin"), "demo-legal2", name="赵某", roles="officer", password="Reviewer2026x",
             must_change_password=False)
    open_case(w, date(2026, 9, 1))
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="事实清楚")
    # not designated: an officer may not review
    with pytest.raises(Refused, match="负责人指定的案件审核人"):
        w.do("demo-legal2", "review_case", "2026-09-10 10:00", outcome="passed", opinion="同意")
    # a handler is never designated
    with pytest.raises(Refused, match="被指定的人员是本案承办人，不能担任案件审核人"):
        w.do("demo-leader", "approve", "2026-09-10 10:00", what="case_reviewer", outcome="granted",
             reviewer="demo-officer2", reason="指定审核")
    with pytest.raises(Refused, match="须写明审核人"):
        w.do("demo-leader", "approve", "2026-09-10 10:00", what="case_reviewer", outcome="granted")
    w.do("demo-leader", "approve", "2026-09-10 10:05", what="case_reviewer", outcome="granted",
         reviewer="demo-legal2", reason="中队长外出，指定赵某审核")
    # the handler is still refused, designated or not
    with pytest.raises(Refused, match="只有执法队长或负责人指定的案件审核人可以进行“案件审核”"):
        w.do("demo-officer1", "review_case", "2026-09-10 11:00", outcome="passed", opinion="同意")
    result = w.do("demo-legal2", "review_case", "2026-09-10 11:00", outcome="returned", opinion="证据不足，补充调查")
    assert result.state == "investigating"
    data = timeline(w, "review_case")[0]
    assert data["outcome"] == "returned" and data["opinion"] == "证据不足，补充调查"
    detail = show_case(w.ctx, w.who("demo-leader"), w.case_id)
    assert ("demo-legal2", "case_reviewer") in {(o.login, o.role_in_case) for o in detail.officers}


def test_a_refused_designation_takes_it_back(walker: Walker) -> None:
    w = walker
    add_user(w.ctx, w.who("demo-admin"), "demo-legal2", name="赵某", roles="officer", password="Reviewer2026x",
             must_change_password=False)
    open_case(w, date(2026, 9, 1))
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="事实清楚")
    w.do("demo-leader", "approve", "2026-09-10 09:30", what="case_reviewer", outcome="granted",
         reviewer="demo-legal2", reason="指定")
    w.do("demo-leader", "approve", "2026-09-10 09:40", what="case_reviewer", outcome="refused",
         reviewer="demo-legal2", reason="收回指定")
    with pytest.raises(Refused, match="负责人指定的案件审核人"):
        w.do("demo-legal2", "review_case", "2026-09-10 10:00", outcome="passed", opinion="同意")


# =============================================================================== date order


def test_events_are_entered_in_date_order(walker: Walker) -> None:
    w = walker
    open_case(w, date(2026, 9, 1))
    w.do("demo-officer1", "conclude", "2026-09-10 09:00", findings="事实清楚")
    with pytest.raises(Refused, match=r"发生日期 2026-09-09 早于本案最近一次登记的“调查终结”（2026-09-10）"):
        w.do("demo-lead", "review_case", "2026-09-09 10:00", outcome="passed", opinion="同意")
    # backdating is fine while the order holds (paper work entered later)
    w.do("demo-lead", "review_case", "2026-09-10 08:00", outcome="passed", opinion="同意")
    # deciding before the notice was served (public notice: served 30 days after it was posted)
    notice = w.do("demo-lead", "notify", "2026-09-11 09:00", penalty="fine", amount=1000, hearing_rights=True)
    w.serve("demo-officer1", notice.document_id, "2026-09-11 15:00", method="public")
    with pytest.raises(Refused, match=r"书面放弃权利的日期 2026-09-12 早于行政处罚事先告知书送达的日期（2026-10-11）"):
        w.do("demo-officer1", "waive", "2026-09-12 09:00", what="statement", proof=w.proof)
    with pytest.raises(Refused, match=r"决定的日期 2026-09-14 早于行政处罚事先告知书送达的日期（2026-10-11）"):
        w.do("demo-leader", "decide", "2026-09-14 10:00", kind="penalty", penalty="fine", amount=1000,
             tier="general", explanation="一般")


def test_a_transfer_receipt_is_not_dated_before_the_transfer(walker: Walker) -> None:
    w = walker
    w.new(on="2026-09-01 08:00")
    w.do("demo-leader", "transfer", "2026-09-03 10:00", to="department", reason="属于自然资源部门管辖")
    with pytest.raises(Refused, match=r"发生日期 2026-09-02 早于本案最近一次登记的“移送”（2026-09-03）"):
        confirm_transfer_receipt(w.ctx, w.who("demo-officer1"), w.case_id, on=at("2026-09-02 09:00"))
    confirm_transfer_receipt(w.ctx, w.who("demo-officer1"), w.case_id, on=at("2026-09-04 09:00"))
    assert timeline(w, "receipt") == [{}]
