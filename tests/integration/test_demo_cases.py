"""`demo --cases N`: realistic cases over every state, consistent histories, a valid audit chain,
reproducible by seed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.services.bootstrap import open_context
from desktop_app.services.cases.queries import CaseFilter, case_actions, list_cases, show_case
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.users import resolve_actor
from desktop_app.services.verify import verify


@pytest.fixture(scope="module")
def demo300(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo300")
    ctx = open_context(root)
    create_demo(ctx, cases=300, seed=11)
    ctx.db.dispose()
    return root


def _states(root: Path) -> dict[str, int]:
    con = sqlite3.connect(root / "enforcement.sqlite3")
    try:
        return dict(con.execute("SELECT state, count(*) FROM enforcement_case GROUP BY state").fetchall())
    finally:
        con.close()


def test_demo_300_spreads_over_at_least_ten_states_and_verifies(demo300: Path) -> None:
    states = _states(demo300)
    assert sum(states.values()) == 300
    assert len(states) >= 10, states
    ctx = open_context(demo300)
    try:
        report = verify(ctx)
        assert report.ok, report.problems
        assert report.audit_records > 300 * 3
    finally:
        ctx.db.dispose()


def test_closed_demo_cases_have_complete_histories(demo300: Path) -> None:
    ctx = open_context(demo300)
    try:
        supervisor = resolve_actor(ctx, "demo-supervisor", via="cli")
        page = list_cases(ctx, supervisor, CaseFilter(state="archived", limit=5))
        assert page.rows
        for row in page.rows:
            detail = show_case(ctx, supervisor, row.id)
            actions = [t.action for t in detail.timeline]
            roles = {o.role_in_case for o in detail.officers}
            assert actions[0] == "register" and actions[-1] == "archive"
            if detail.procedure == "ordinary":
                assert {"file", "investigate", "conclude", "review_case", "notify", "decide", "serve", "close"} \
                    <= set(actions)
                assert {"handler", "case_reviewer", "decider"} <= roles
                assert detail.number and detail.number.startswith("文水刘立字〔")
                assert any(d.form == "penalty_decision" and d.served_on for d in detail.documents)
            assert all(d.status == "met" for d in detail.deadlines), detail.deadlines
        # The rules accept what the demo produced: a notified case is asked for its next steps.
        leader = resolve_actor(ctx, "demo-leader", via="cli")
        notified = list_cases(ctx, leader, CaseFilter(state="notified", limit=1)).rows
        if notified:
            answers = {a.action: a for a in case_actions(ctx, leader, notified[0].id)}
            assert set(answers) >= {"decide", "approve", "withdraw"}
    finally:
        ctx.db.dispose()


def test_case_numbers_are_gapless_per_year(demo300: Path) -> None:
    con = sqlite3.connect(demo300 / "enforcement.sqlite3")
    try:
        rows = con.execute("SELECT number_year, number_seq FROM enforcement_case WHERE number IS NOT NULL").fetchall()
    finally:
        con.close()
    by_year: dict[int, list[int]] = {}
    for year, seq in rows:
        by_year.setdefault(year, []).append(seq)
    for seqs in by_year.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))


def test_same_seed_same_ids(tmp_path: Path) -> None:
    def make(name: str) -> list[tuple[str, str | None]]:
        ctx: AppContext = open_context(tmp_path / name)
        try:
            create_demo(ctx, cases=40, seed=5)
        finally:
            ctx.db.dispose()
        con = sqlite3.connect(tmp_path / name / "enforcement.sqlite3")
        try:
            return con.execute("SELECT id, number FROM enforcement_case ORDER BY id").fetchall()
        finally:
            con.close()

    assert make("a") == make("b")


def test_verify_fails_after_an_audit_row_is_edited_or_deleted(demo300: Path, tmp_path: Path) -> None:
    import shutil

    # the problem names the record: the edited one, or the one whose predecessor went missing
    for statement, seq in (("UPDATE audit_record SET summary = 'x' WHERE seq = 50", 50),
                           ("DELETE FROM audit_record WHERE seq = 60", 61)):
        copy = tmp_path / f"copy{len(statement)}"
        shutil.copytree(demo300, copy)
        con = sqlite3.connect(copy / "enforcement.sqlite3")
        con.execute(statement)
        con.commit()
        con.close()
        ctx = open_context(copy)
        try:
            report = verify(ctx)
            assert not report.ok
            chain = [p for p in report.problems if p.check == "audit_chain"]
            assert chain and chain[0].message.startswith(f"审计记录第 {seq} 条"), report.problems
        finally:
            ctx.db.dispose()


def test_demo_facts_and_discretion_read_as_chinese(demo300: Path) -> None:
    """Every demo case's facts and the decider's explanation are Chinese sentences (no "属general情形", no
    item name pasted into a template), and every item of the default list has facts of its own."""
    import json
    import re

    from desktop_app.paths import resources_dir
    from desktop_app.services.demo_cases import EXPLANATIONS, FACTS
    from desktop_app.services.item_sheets import TIER_LABELS

    items = json.loads((resources_dir() / "reference" / "items.json").read_text(encoding="utf-8"))
    codes = {i["code"] for i in (items["items"] if isinstance(items, dict) else items)}
    assert codes <= set(FACTS)
    assert set(EXPLANATIONS) == set(TIER_LABELS)
    con = sqlite3.connect(demo300 / "enforcement.sqlite3")
    try:
        rows = con.execute("SELECT facts, discretion_explanation, tier FROM enforcement_case").fetchall()
    finally:
        con.close()
    latin = re.compile(r"[A-Za-z]")
    for facts, explanation, tier in rows:
        assert facts.startswith("在") or facts.startswith(("未", "建设", "驾驶", "森林")), facts
        assert not latin.search(facts) and "的行政处罚" not in facts, facts
        if explanation:
            assert not latin.search(explanation) and explanation.endswith("。"), explanation
            if tier:
                assert TIER_LABELS[tier] in explanation, (tier, explanation)


def test_only_fines_are_paid_in_the_demo(demo300: Path) -> None:
    """A warning is carried out by its service: no 缴纳罚款 event (it would read "金额：¥0.00"), and a
    warning case is closed straight from 已送达."""
    con = sqlite3.connect(demo300 / "enforcement.sqlite3")
    try:
        paid = con.execute(
            "SELECT c.penalty_kind, e.data FROM case_event e JOIN enforcement_case c ON c.id = e.case_id "
            "WHERE e.action = 'pay'").fetchall()
        warnings_closed = con.execute(
            "SELECT count(*) FROM case_event e JOIN enforcement_case c ON c.id = e.case_id "
            "WHERE e.action = 'close' AND e.from_state = 'served' AND c.penalty_kind = 'warning'").fetchone()[0]
    finally:
        con.close()
    assert paid and all(kind == "fine" for kind, _ in paid), {k for k, _ in paid}
    assert not any('"amount": "0"' in data for _, data in paid)
    assert warnings_closed > 0


def test_demo_penalties_are_ones_the_article_provides(demo300: Path) -> None:
    """行政处罚法第四条 holds for demo data too: no warning for an item whose article names none (a
    simple-procedure warning for 随意倾倒生活垃圾 was one), no on-the-spot decision for a 重大 item,
    and no 集体讨论 of a case without its 法制审核."""
    from desktop_app.domain.discretion import check_penalty_kind

    con = sqlite3.connect(demo300 / "enforcement.sqlite3")
    try:
        rows = con.execute(
            "SELECT c.penalty_kind, c.procedure, p.kind, i.code, i.major, i.fines, i.penalty_text, i.other_sanctions "
            "FROM enforcement_case c JOIN enforcement_item i ON i.id = c.item_id "
            "JOIN case_party cp ON cp.case_id = c.id JOIN party p ON p.id = cp.party_id "
            "WHERE c.penalty_kind IS NOT NULL").fetchall()
        discussed_unreviewed = con.execute(
            "SELECT count(*) FROM enforcement_case WHERE discussion_held_on IS NOT NULL "
            "AND (legal_review_outcome IS NULL OR legal_review_outcome <> 'passed')").fetchone()[0]
    finally:
        con.close()
    import json

    assert {r[0] for r in rows} >= {"fine", "warning"} and any(r[1] == "simple" for r in rows)
    for penalty, procedure, party, code, major, fines, text, sanctions in rows:
        verdict = check_penalty_kind(penalty, party, fines=json.loads(fines), article_text=text,
                                     sanctions=json.loads(sanctions))
        assert verdict.allowed, (code, penalty, party, verdict.reason)
        assert not (procedure == "simple" and major), code
    assert discussed_unreviewed == 0


def test_demo_preprinted_form_numbers_serve_once(demo300: Path) -> None:
    con = sqlite3.connect(demo300 / "enforcement.sqlite3")
    try:
        numbers = [n for (n,) in con.execute("SELECT number FROM document WHERE form = 'on_spot_decision'")]
    finally:
        con.close()
    assert numbers and len(numbers) == len(set(numbers))


def test_demo_on_the_spot_decisions_are_made_the_day_of_the_act(demo300: Path) -> None:
    """简易程序 is 当场 (第五十一条): the act seen and decided the same day — a demo 当场处罚决定书 once
    recited an act two weeks before the decision."""
    con = sqlite3.connect(demo300 / "enforcement.sqlite3")
    try:
        rows = con.execute("SELECT act_date, decided_on FROM enforcement_case WHERE procedure = 'simple'").fetchall()
    finally:
        con.close()
    assert rows and all(act == decided for act, decided in rows), rows
