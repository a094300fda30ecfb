"""The FTS5 trigram index over cases (desktop_app.store.search): built idempotently at start, kept up
to date by triggers, a query of 3+ characters found as a substring of any searched field."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.services.cases.actions import ActionInput, perform
from desktop_app.services.cases.register import NewCase, register_case
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.parties import PartyInput
from desktop_app.services.users import resolve_actor
from desktop_app.store.models import Case
from desktop_app.store.search import case_ids_matching, ensure_case_search, match_expression


def _found(ctx: AppContext, query: str) -> set[str]:
    with ctx.read() as s:
        return set(s.scalars(select(Case.id).where(Case.id.in_(case_ids_matching(query)))))


def _register(ctx: AppContext, facts: str, party: PartyInput) -> str:
    officer = resolve_actor(ctx, "demo-officer1", via="cli")
    return register_case(ctx, officer, NewCase(item_code="DQ-01", source="inspection", facts=facts, party=party,
                                               place="刘胡兰镇保贤村")).case_id


def test_the_index_finds_substrings_and_follows_every_change(ctx: AppContext) -> None:
    create_demo(ctx, cases=0, seed=3)
    wang = _register(ctx, "在村口空地露天焚烧秸秆", PartyInput("person", "142322198001010010", "王某某"))
    # built at start over the cases already there
    assert ensure_case_search(ctx.db.engine)
    assert _found(ctx, "焚烧秸") == {wang}
    assert _found(ctx, "0101001") == {wang}  # inside an ID number
    # a case registered afterwards is indexed by the trigger
    org = _register(ctx, "倾倒建筑垃圾", PartyInput("organisation", "91350100M000100Y43", "文水县某某养殖有限公司"))
    assert _found(ctx, "某某养殖") == {org}
    assert _found(ctx, "保贤村") == {wang, org}
    # the number given at 立案 (an update) is found too
    perform(ctx, resolve_actor(ctx, "demo-lead", via="cli"), wang, "accept", ActionInput())
    filed = perform(ctx, resolve_actor(ctx, "demo-leader", via="cli"), wang, "file", ActionInput())
    assert filed.number and _found(ctx, filed.number) == {wang}
    assert _found(ctx, "没有的内容") == set()
    # idempotent: a second start neither fails nor loses anything
    assert ensure_case_search(ctx.db.engine)
    assert _found(ctx, "焚烧秸") == {wang}


def test_a_query_is_one_phrase_never_fts_syntax() -> None:
    assert match_expression('王某" OR "x') == '"王某"" OR ""x"'
    assert match_expression("  焚烧秸秆 ") == '"焚烧秸秆"'


def test_totals_from_an_index_alone_and_pages_walked_in_order_give_the_same_answers(
        ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """list_cases' short cuts (issue #17): a search, the overdue and the officer filter alone counted from
    their own index, a large match paged by walking the sort order, and an officer's overdue and
    officer filters counted by walking their cases — the same totals and pages as the general
    queries (forced here by taking the short cuts away)."""
    from desktop_app.services.cases import queries
    from desktop_app.services.cases.queries import CaseFilter, list_cases

    create_demo(ctx, cases=60, seed=5)
    assert ensure_case_search(ctx.db.engine)
    leader = resolve_actor(ctx, "demo-leader", via="cli")
    officer = resolve_actor(ctx, "demo-officer1", via="cli")
    with ctx.read() as s:
        word = next(f for f in s.scalars(select(Case.facts)) if len(f) >= 4)[:4]
    filters = [CaseFilter(search=word, limit=7), CaseFilter(search=word, limit=7, offset=3),
               CaseFilter(search=word, limit=7, sort="party", descending=False),
               CaseFilter(overdue=True, limit=7), CaseFilter(officer="demo-officer2", limit=7),
               CaseFilter(overdue=True, officer="demo-officer2", limit=7)]

    def answers() -> list[tuple[int, list[str]]]:
        out = []
        for actor in (leader, officer):
            for flt in filters:
                page = list_cases(ctx, actor, flt)
                out.append((page.total, [r.id for r in page.rows]))
        return out

    monkeypatch.setattr(queries, "LARGE_SET", 1)  # every match "large": pages walked in order
    walked = answers()
    monkeypatch.setattr(queries, "LARGE_SET", 10**9)
    monkeypatch.setattr(queries, "_count_alone", lambda *a: None)
    monkeypatch.setattr(queries, "_walked", lambda flt: False)
    general = answers()
    assert walked == general
    assert all(total for total, _ in general[:5]), "the demo has matches for each filter"
